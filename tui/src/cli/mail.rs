//! `portico mail status` (admins: the outbox and quarantined incoming
//! mail) and `portico me notifications` (which mail I get).

use clap::Subcommand;
use portico_shared::{MailCategory, NotificationSetting, NotificationSettings};

use crate::cli::{Context, Result, output, parse};
use crate::{sanitize, time};

#[derive(Subcommand, Debug)]
pub enum MailCommand {
    /// Mail queued, sent and given up on (with the last error), and
    /// incoming mail held in quarantine.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum MeCommand {
    /// Which mail you get; --off/--on change categories (repeat them).
    Notifications {
        #[arg(long, value_parser = parse::<MailCategory>)]
        off: Vec<MailCategory>,
        #[arg(long, value_parser = parse::<MailCategory>)]
        on: Vec<MailCategory>,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(ctx: &Context, cmd: MailCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    let MailCommand::Status { json } = cmd;
    let s = client.mail_status().await?;
    if json {
        return output::json(&s);
    }
    outln!(
        "Mail is {}: {} queued, {} sent, {} failed, {} quarantined",
        if s.configured {
            "configured"
        } else {
            "not configured (no [smtp])"
        },
        s.queued,
        s.sent,
        s.failed,
        s.quarantined_count
    );
    if !s.unsent.is_empty() {
        outln!();
        let rows: Vec<Vec<String>> = s
            .unsent
            .iter()
            .map(|m| {
                vec![
                    m.id.to_string(),
                    m.state.to_string(),
                    m.category.to_string(),
                    sanitize::line(&m.to),
                    m.attempts.to_string(),
                    sanitize::line(m.last_error.as_deref().unwrap_or("-")),
                ]
            })
            .collect();
        output::table(
            &["ID", "STATE", "CATEGORY", "TO", "TRIES", "LAST ERROR"],
            &rows,
        );
    }
    if !s.quarantined.is_empty() {
        outln!("\nQuarantined incoming mail:");
        let rows: Vec<Vec<String>> = s
            .quarantined
            .iter()
            .map(|q| {
                vec![
                    time::short(q.received_at),
                    sanitize::line(&q.sender),
                    sanitize::line(&q.subject),
                    sanitize::line(&q.reason),
                ]
            })
            .collect();
        output::table(&["RECEIVED", "FROM", "SUBJECT", "WHY"], &rows);
    }
    Ok(())
}

pub async fn me(ctx: &Context, cmd: MeCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    let MeCommand::Notifications { off, on, json } = cmd;
    let mut settings: Vec<NotificationSetting> = off
        .iter()
        .map(|&category| NotificationSetting {
            category,
            enabled: false,
        })
        .collect();
    settings.extend(on.iter().map(|&category| NotificationSetting {
        category,
        enabled: true,
    }));
    let mine = if settings.is_empty() {
        client.notifications().await?
    } else {
        let change = NotificationSettings {
            settings,
            mail_configured: false,
        };
        client.set_notifications(&change).await?
    };
    if json {
        return output::json(&mine);
    }
    if !mine.mail_configured {
        outln!("(this server sends no mail yet; your choices are kept for when it does)");
    }
    let rows: Vec<Vec<String>> = mine
        .settings
        .iter()
        .map(|s| {
            vec![
                s.category.to_string(),
                if s.enabled { "on" } else { "off" }.to_owned(),
                s.category.describe().to_owned(),
            ]
        })
        .collect();
    output::table(&["CATEGORY", "MAIL", "WHEN"], &rows);
    Ok(())
}
