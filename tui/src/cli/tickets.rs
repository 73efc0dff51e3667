//! `portico tickets …`: list, show, new, reply, assign, status.

use std::io::Read;
use std::path::Path;

use portico_shared::{Id, Me, NewMessage, NewTicket, Ticket, TicketPatch, TicketQuery};

use crate::cli::{CliError, Context, Result, TicketsCommand, output, pick};
use crate::client::Client;
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: TicketsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        TicketsCommand::List {
            view,
            status,
            search,
            limit,
            json,
        } => {
            let query = TicketQuery {
                view,
                status,
                q: search,
                limit: Some(limit),
                ..TicketQuery::default()
            };
            let page = client.tickets(&query).await?;
            if json {
                return output::json(&page);
            }
            print_list(&page.items);
            output::more_exist("tickets", &page.next_cursor);
            Ok(())
        }
        TicketsCommand::Show { id, json } => {
            let ticket = client.ticket(id).await?;
            let messages = client.messages(ticket.thread_id, None).await?;
            if json {
                return output::json(&serde_json::json!({
                    "ticket": ticket,
                    "messages": messages.items,
                }));
            }
            print_ticket(&ticket);
            for m in &messages.items {
                output::message(m);
                for a in &m.attachments {
                    outln!("[attachment {}] {}", a.id, sanitize::line(&a.file_name));
                }
            }
            Ok(())
        }
        TicketsCommand::New {
            subject,
            org,
            requester,
            body_file,
            priority,
            json,
        } => {
            let body = read_body(&body_file)?;
            let mut organization_id = crate::cli::orgs::resolve_given(&client, org).await?;
            let requester_id = match requester {
                Some(email) => {
                    let who = crate::cli::people::by_email(&client, &email).await?;
                    // The requester's organisation is the ticket's unless named.
                    organization_id = organization_id.or(who.organization_id);
                    Some(who.id)
                }
                None => None,
            };
            let t = client
                .create_ticket(&NewTicket {
                    subject,
                    body,
                    priority,
                    organization_id,
                    requester_id,
                    ..NewTicket::default()
                })
                .await?;
            done(&t, json, "created")
        }
        TicketsCommand::Reply {
            id,
            body_file,
            internal,
            json,
        } => {
            let t = client.ticket(id).await?;
            let to = format!("#{id}");
            reply(&client, t.thread_id, &body_file, internal, json, &to).await
        }
        TicketsCommand::Assign {
            id,
            to,
            deadline,
            json,
        } => {
            let deadline = deadline
                .map(|d| time::parse_deadline(&d, jiff::Timestamp::now()).map_err(CliError::Usage))
                .transpose()?
                .flatten();
            let person = resolve_staff(&client, &to).await?;
            let patch = TicketPatch {
                assignee_id: Some(Some(person)),
                deadline: deadline.map(Some),
                ..TicketPatch::default()
            };
            let t = client.patch_ticket(id, &patch).await?;
            done(&t, json, "assigned")
        }
        TicketsCommand::Status { id, status, json } => {
            let patch = TicketPatch {
                status: Some(status),
                ..TicketPatch::default()
            };
            let t = client.patch_ticket(id, &patch).await?;
            done(&t, json, "updated")
        }
    }
}

fn done(t: &Ticket, json: bool, what: &str) -> Result<()> {
    if json {
        return output::json(t);
    }
    outln!("Ticket #{} {what}: {}", t.id, sanitize::line(&t.subject));
    Ok(())
}

/// Posts a message read from `body_file` to `thread`; prints it as JSON,
/// or says it replied `to` what.
pub(super) async fn reply(
    client: &Client,
    thread: Id,
    body_file: &Path,
    internal: bool,
    json: bool,
    to: &str,
) -> Result<()> {
    let body = read_body(body_file)?;
    let message = NewMessage {
        body,
        internal,
        attachment_ids: vec![],
    };
    let m = client.post_message(thread, &message).await?;
    if json {
        return output::json(&m);
    }
    outln!("Replied to {to} (message {})", m.id);
    Ok(())
}

pub(super) fn read_body(path: &Path) -> Result<String> {
    let mut body = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut body).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|b| body = b)
    };
    read.map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    Ok(body)
}

/// A staff member by `me`, id, e-mail address or name.
async fn resolve_staff(client: &Client, who: &str) -> Result<Id> {
    let me: Me = client.me().await?;
    let who = who.trim();
    if who == "me" || who.eq_ignore_ascii_case(&me.user.email) {
        return Ok(me.user.id);
    }
    if let Ok(id) = who.parse::<Id>() {
        return Ok(id);
    }
    if who.contains('@')
        && let Some(u) = super::people::find_by_email(client, who).await?
        && u.role.is_staff()
    {
        return Ok(u.id);
    }
    let staff = client.staff().await?;
    let lower = who.to_lowercase();
    let found: Vec<_> = staff
        .iter()
        .filter(|p| {
            p.name.to_lowercase() == lower
                || (!who.contains('@') && p.name.to_lowercase().contains(&lower))
        })
        .collect();
    let found = pick::the_one(
        found,
        CliError::Usage(format!(
            "no staff member {:?}; use a name, an e-mail address, an id or `me`",
            sanitize::line(who)
        )),
        format!(
            "{:?} names several people; be more precise",
            sanitize::line(who)
        ),
    )?;
    Ok(found.id)
}

fn print_list(items: &[Ticket]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.status.to_string(),
                t.priority.to_string(),
                t.assignee
                    .as_ref()
                    .map_or("-".to_owned(), |a| sanitize::line(&a.name)),
                t.deadline.map_or("-".to_owned(), time::short),
                sanitize::line(&t.organization.name),
                sanitize::line(&t.subject),
            ]
        })
        .collect();
    output::table(
        &[
            "ID",
            "STATUS",
            "PRIORITY",
            "ASSIGNEE",
            "DEADLINE",
            "ORGANISATION",
            "SUBJECT",
        ],
        &rows,
    );
}

fn print_ticket(t: &Ticket) {
    outln!("#{} {}", t.id, sanitize::line(&t.subject));
    outln!(
        "Status: {}  Priority: {}  From: {}, {}",
        t.status,
        t.priority,
        sanitize::line(&t.requester.name),
        sanitize::line(&t.organization.name)
    );
    outln!(
        "Assignee: {}  Deadline: {}  Messages: {}",
        t.assignee
            .as_ref()
            .map_or("nobody".to_owned(), |a| sanitize::line(&a.name)),
        t.deadline.map_or("none".to_owned(), time::short),
        t.message_count
    );
    outln!("\n{}", sanitize::text(&t.body));
}
