//! Mail about work changing under someone: their ticket resolved or
//! waiting on them, their order delivered or given new files, their
//! timesheet entry rejected. Each goes only to the one person it is about,
//! never when they did it themselves, and only if they want the category.

use portico_shared::{Id, MailCategory, Role, TicketStatus, TimesheetEntry};

use super::{Result, about_ticket, queue, sees};
use crate::config::Config;
use crate::state::AppState;
use crate::store::Conn;
use crate::store::mail::{self, Recipient};
use crate::store::mail_about::{self, OrderBrief};
use crate::store::owners::Owner;

/// A ticket's status changed from `from` to `to` by `actor`: its client
/// hears when it is resolved or waits on them.
pub fn ticket_status(
    tx: &Conn<'_>,
    state: &AppState,
    ticket_id: Id,
    (from, to): (TicketStatus, TicketStatus),
    actor: Id,
    now: i64,
) -> Result<()> {
    let (subject, text) = match to {
        _ if state.config.smtp.is_none() || from == to => return Ok(()),
        TicketStatus::Resolved => (
            "Resolved",
            "It is resolved. If it is not, reply to this e-mail and the ticket opens again.",
        ),
        TicketStatus::Pending => (
            "Waiting on you",
            "It waits on you: we need something from you to go on. Please reply to this \
             e-mail or in the app.",
        ),
        _ => return Ok(()),
    };
    let t = mail::ticket_brief(tx, ticket_id)?;
    let Some(to_whom) = client(tx, t.requester_id, MailCategory::TicketStatus, actor)? else {
        return Ok(());
    };
    if !sees(tx, state, &to_whom, Owner::Ticket(ticket_id))? {
        return Ok(());
    }
    let by = mail::person_name(tx, actor)?;
    let subject = format!("{subject}: {}", t.subject);
    let body = about_ticket(
        &t,
        &by,
        "changed the status",
        text,
        MailCategory::TicketStatus,
    );
    queue(
        tx,
        MailCategory::TicketStatus,
        &to_whom,
        &subject,
        &body,
        Some(t.thread_id),
        now,
    )
}

/// What happened to an order that its client hears of.
pub enum OrderNews<'a> {
    Delivered,
    /// New deliverables, by id.
    Files(&'a [Id]),
}

/// An order was delivered, or got new deliverables, by `actor`: mailed to
/// the contact who submitted it.
pub fn order_news(
    tx: &Conn<'_>,
    state: &AppState,
    order_id: Id,
    news: OrderNews<'_>,
    actor: Id,
    now: i64,
) -> Result<()> {
    if state.config.smtp.is_none() {
        return Ok(());
    }
    let o = mail_about::order_brief(tx, order_id)?;
    let Some(to) = client(tx, o.submitted_by, MailCategory::OrderUpdate, actor)? else {
        return Ok(());
    };
    if !sees(tx, state, &to, Owner::Order(order_id))? {
        return Ok(());
    }
    let by = mail::person_name(tx, actor)?;
    let (subject, what) = match news {
        OrderNews::Delivered => (
            format!("Delivered: {} {}", o.reference, o.title),
            format!("{by} marked your order delivered."),
        ),
        OrderNews::Files(ids) => {
            let names = mail_about::file_names(tx, ids)?;
            (
                format!("New files on {} {}", o.reference, o.title),
                format!(
                    "{by} attached finished work to your order:\n\n{}",
                    names
                        .iter()
                        .map(|n| format!("  - {n}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            )
        }
    };
    let body = about_order(&o, &what);
    queue(
        tx,
        MailCategory::OrderUpdate,
        &to,
        &subject,
        &body,
        Some(o.thread_id),
        now,
    )
}

fn about_order(o: &OrderBrief, what: &str) -> String {
    format!(
        "Order {reference} \"{title}\" ({org}):\n\n{what}\n\n\
         -- \n\
         Reply to this e-mail to write on the order, or open it in the app: \
         portico orders show {id}\n\
         You get this mail because {why}. To stop it: \
         portico me notifications --off {category}\n",
        reference = o.reference,
        title = o.title,
        org = o.organization,
        id = o.id,
        why = MailCategory::OrderUpdate.describe(),
        category = MailCategory::OrderUpdate,
    )
}

/// A timesheet entry was rejected by `actor`: its worker hears why.
pub fn timesheet_rejected(
    tx: &Conn<'_>,
    config: &Config,
    entry: &TimesheetEntry,
    reason: &str,
    actor: Id,
    now: i64,
) -> Result<()> {
    let category = MailCategory::TimesheetRejected;
    if config.smtp.is_none() || entry.worker.id == actor {
        return Ok(());
    }
    let Some(to) = mail::recipient(tx, entry.worker.id, category)? else {
        return Ok(());
    };
    let by = mail::person_name(tx, actor)?;
    let subject = format!("Timesheet entry of {} rejected", entry.date);
    let body = format!(
        "{by} rejected your timesheet entry of {date} at {place}:\n\n{reason}\n\n\
         Fix entry {id} in the app and submit it again (portico timesheets list shows it).\n\n\
         -- \n\
         You get this mail because {why}. To stop it: \
         portico me notifications --off {category}\n",
        date = entry.date,
        place = entry.location.name,
        id = entry.id,
        why = category.describe(),
    );
    queue(tx, category, &to, &subject, &body, None, now)
}

/// The client contact `id` when they want `category` and are not `actor`.
fn client(tx: &Conn<'_>, id: Id, category: MailCategory, actor: Id) -> Result<Option<Recipient>> {
    if id == actor {
        return Ok(None);
    }
    Ok(mail::recipient(tx, id, category)?.filter(|p| p.role == Role::Client))
}
