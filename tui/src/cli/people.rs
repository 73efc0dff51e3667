//! `portico people …`: admins list, invite and remove people.

use portico_shared::{InviteRequest, InviteResponse, User, UserFilter};

use crate::cli::{CliError, Context, PeopleCommand, Result, orders, orgs, output};
use crate::client::Client;
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: PeopleCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        PeopleCommand::List {
            org,
            role,
            status,
            json,
        } => {
            let organization_id = match org {
                Some(o) => Some(orgs::resolve(&client, &o).await?),
                None => None,
            };
            let filter = UserFilter {
                organization_id,
                role,
            };
            let mut page = client.users(&filter).await?;
            // The server filters by organisation and role; status is ours.
            page.items.retain(|u| status.is_none_or(|s| u.status == s));
            if json {
                return output::json(&page);
            }
            print_list(&page.items);
            output::more_exist("people", &page.next_cursor);
            Ok(())
        }
        PeopleCommand::Invite(args) => invite(&client, args).await,
        PeopleCommand::Resend { email, json } => {
            let user = by_email(&client, &email).await?;
            show_invite(&client.resend_invite(user.id).await?, json)
        }
        PeopleCommand::Remove { email, json } => {
            let user = by_email(&client, &email).await?;
            let user = client.remove_user(user.id).await?;
            if json {
                return output::json(&user);
            }
            outln!(
                "Removed {} <{}>; their sessions have ended",
                sanitize::line(&user.name),
                sanitize::line(&user.email)
            );
            Ok(())
        }
    }
}

async fn invite(client: &Client, args: crate::cli::InviteArgs) -> Result<()> {
    let organization_id = match &args.org {
        Some(o) => Some(orgs::resolve(client, o).await?),
        None => None,
    };
    let location_ids = match (organization_id, args.locations.is_empty()) {
        (Some(org), false) => {
            let here = client.locations(org).await?;
            let ids = args
                .locations
                .iter()
                .map(|l| orders::location_in(&here, l))
                .collect::<Result<Vec<_>>>()?;
            Some(ids)
        }
        (None, false) => {
            return Err(CliError::Usage("--location needs --org".into()));
        }
        (_, true) => None,
    };
    let name = args
        .name
        .unwrap_or_else(|| args.email.split('@').next().unwrap_or_default().to_owned());
    let resp = client
        .invite(&InviteRequest {
            email: args.email,
            name,
            organization_id,
            role: args.role,
            modules: None,
            location_ids,
        })
        .await?;
    show_invite(&resp, args.json)
}

/// The code is the only way in for the invited person, so it stands on a
/// line of its own for copying.
fn show_invite(r: &InviteResponse, json: bool) -> Result<()> {
    if json {
        return output::json(r);
    }
    outln!(
        "Invited {} <{}> ({})",
        sanitize::line(&r.user.name),
        sanitize::line(&r.user.email),
        r.user.role
    );
    outln!("Invite code: {}", sanitize::line(&r.invite_code));
    outln!("Expires: {} UTC", time::short(r.expires_at));
    outln!(
        "They join with: portico join --server URL --code {}",
        sanitize::line(&r.invite_code)
    );
    Ok(())
}

/// A person by e-mail address (any case).
async fn by_email(client: &Client, email: &str) -> Result<User> {
    let page = client.users(&UserFilter::default()).await?;
    page.items
        .into_iter()
        .find(|u| u.email.eq_ignore_ascii_case(email.trim()))
        .ok_or_else(|| CliError::NotFound(format!("nobody is {:?}", sanitize::line(email))))
}

fn print_list(items: &[User]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|u| {
            vec![
                u.id.to_string(),
                u.role.to_string(),
                u.status.to_string(),
                u.organization_id.map_or("-".to_owned(), |o| o.to_string()),
                sanitize::line(&u.email),
                sanitize::line(&u.name),
            ]
        })
        .collect();
    output::table(&["ID", "ROLE", "STATUS", "ORG", "EMAIL", "NAME"], &rows);
}
