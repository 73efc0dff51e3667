//! `portico people …`: admins list, invite, change, remove and readmit people.

use portico_shared::{
    InviteRequest, InviteResponse, Page, Role, TicketScope, User, UserFilter, UserPatch,
};

use crate::cli::{CliError, Context, PeopleCommand, Result, orgs, output, pick};
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
                status,
                email: None,
            };
            let people = client.all_users(&filter).await?;
            if json {
                // The shape of every other list, with nothing left to fetch.
                let page = Page {
                    items: people,
                    next_cursor: None,
                };
                return output::json(&page);
            }
            print_list(&people);
            Ok(())
        }
        PeopleCommand::Signout { email, json } => {
            let user = by_email(&client, &email).await?;
            let ended = client.end_sessions(user.id).await?;
            let line = format!(
                "Signed {} out everywhere ({} sessions ended)",
                sanitize::line(&user.name),
                ended.ended
            );
            output::json_or_line(json, &ended, line)
        }
        PeopleCommand::Readmit { email, json } => {
            let user = by_email(&client, &email).await?;
            show_invite(&client.readmit(user.id).await?, json)
        }
        PeopleCommand::Edit(args) => edit(&client, args).await,
        PeopleCommand::Invite(args) => invite(&client, args).await,
        PeopleCommand::Resend { email, json } => {
            let user = by_email(&client, &email).await?;
            show_invite(&client.resend_invite(user.id).await?, json)
        }
        PeopleCommand::Remove { email, json } => {
            let user = by_email(&client, &email).await?;
            let user = client.remove_user(user.id).await?;
            let line = format!(
                "Removed {} <{}>; their sessions have ended",
                sanitize::line(&user.name),
                sanitize::line(&user.email)
            );
            output::json_or_line(json, &user, line)
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
                .map(|l| pick::location(&here, l))
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
    // What a contact sees is a change to the person the invite made.
    let resp = match args.sees {
        Some(sees) => {
            let patch = UserPatch {
                ticket_scope: Some(sees.into()),
                ..UserPatch::default()
            };
            let user = client.patch_user(resp.user.id, &patch).await?;
            InviteResponse { user, ..resp }
        }
        None => resp,
    };
    show_invite(&resp, args.json)
}

/// Which of their company's tickets a client contact sees.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Sees {
    /// Only the tickets they opened.
    Own,
    /// Every ticket of their organisation.
    Company,
}

impl From<Sees> for TicketScope {
    fn from(s: Sees) -> TicketScope {
        match s {
            Sees::Own => TicketScope::Own,
            Sees::Company => TicketScope::Organization,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct EditArgs {
    pub email: String,
    #[arg(long)]
    pub name: Option<String>,
    /// Staff only: admin or agent.
    #[arg(long, value_parser = crate::cli::parse::<Role>)]
    pub role: Option<Role>,
    /// Only these locations of their organisation (name or id; repeat it).
    #[arg(long = "location", conflicts_with = "all_locations")]
    pub locations: Vec<String>,
    /// Every location of their organisation again.
    #[arg(long)]
    pub all_locations: bool,
    #[arg(long, value_enum)]
    pub sees: Option<Sees>,
    #[arg(long)]
    pub json: bool,
}

async fn edit(client: &Client, args: EditArgs) -> Result<()> {
    let user = by_email(client, &args.email).await?;
    let location_ids = match (args.all_locations, args.locations.is_empty()) {
        (true, _) => Some(None),
        (false, false) => {
            let org = user.organization_id.ok_or_else(|| {
                CliError::Usage("only client contacts are limited to locations".into())
            })?;
            let here = client.locations(org).await?;
            let ids = args
                .locations
                .iter()
                .map(|l| pick::location(&here, l))
                .collect::<Result<Vec<_>>>()?;
            Some(Some(ids))
        }
        (false, true) => None,
    };
    let patch = UserPatch {
        name: args.name,
        role: args.role,
        location_ids,
        ticket_scope: args.sees.map(Into::into),
        ..UserPatch::default()
    };
    let user = client.patch_user(user.id, &patch).await?;
    if args.json {
        return output::json(&user);
    }
    outln!(
        "Updated {} <{}>: {}, sees {}",
        sanitize::line(&user.name),
        sanitize::line(&user.email),
        user.role,
        user.ticket_scope
    );
    Ok(())
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
pub async fn by_email(client: &Client, email: &str) -> Result<User> {
    find_by_email(client, email)
        .await?
        .ok_or_else(|| CliError::NotFound(format!("nobody is {:?}", sanitize::line(email))))
}

/// The person with this e-mail address (any case), if anyone has it.
pub async fn find_by_email(client: &Client, email: &str) -> Result<Option<User>> {
    let filter = UserFilter {
        email: Some(email.trim().to_owned()),
        ..UserFilter::default()
    };
    let page = client.people_page(&filter, None, Some(1)).await?;
    Ok(page.items.into_iter().next())
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
