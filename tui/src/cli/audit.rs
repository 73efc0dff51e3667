//! `portico audit`: who did what, when and from where (admins).

use portico_shared::AuditQuery;

use crate::cli::{CliError, Context, Result, output};
use crate::{sanitize, time};

#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// From this moment on, in UTC: 2026-12-01 (from its start) or 2026-12-01T09:00.
    #[arg(long)]
    pub since: Option<String>,
    /// Only what this person did (e-mail address).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only this kind of action, or its start (`auth.`, `user.remove`).
    #[arg(long)]
    pub action: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
}

pub async fn run(ctx: &Context, args: AuditArgs) -> Result<()> {
    let client = ctx.signed_in()?;
    let since = match args.since.as_deref() {
        Some(s) if s.trim_start().starts_with('+') => {
            return Err(CliError::Usage("--since is a moment in the past".into()));
        }
        Some(s) => {
            // A day alone means from its start, not its end of work.
            let s = if s.contains(['T', ' ']) {
                s.to_owned()
            } else {
                format!("{s}T00:00")
            };
            time::parse_at(&s, jiff::Timestamp::now(), "UTC").map_err(CliError::Usage)?
        }
        None => None,
    };
    let query = AuditQuery {
        since,
        actor: args.actor,
        action: args.action,
        limit: Some(args.limit),
        cursor: None,
    };
    let page = client.audit(&query).await?;
    if args.json {
        return output::json(&page);
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|e| {
            vec![
                time::short(e.at),
                sanitize::line(e.actor_email.as_deref().unwrap_or("-")),
                sanitize::line(&e.action),
                sanitize::line(&e.target),
                sanitize::line(&e.ip),
                sanitize::line(&e.detail),
            ]
        })
        .collect();
    output::table(
        &["WHEN (UTC)", "WHO", "ACTION", "TARGET", "FROM", "DETAIL"],
        &rows,
    );
    output::more_exist("entries", &page.next_cursor);
    Ok(())
}
