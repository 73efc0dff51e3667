//! Mail about a new message on a project's or an order's thread or a
//! standalone thread:
//! to the people taking part in it (see `mail_about::thread_brief`), not
//! its author, and only to those the access policy lets see the thread
//! now (a contact moved to another location, or whose organisation's
//! portal is closed, is not mailed what they could not read). Internal
//! notes are never mailed.

use portico_shared::{MailCategory, Message, Role};

use super::{Result, queue};
use crate::state::AppState;
use crate::store::mail;
use crate::store::mail_about;
use crate::store::owners::{self, VisibleThread};
use crate::store::{Conn, users};

/// Whether any of `people` is staff.
fn any_staff(tx: &Conn<'_>, people: &[portico_shared::Id]) -> Result<bool> {
    for p in people {
        if matches!(users::get(tx, *p)?.role, Role::Admin | Role::Agent) {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn message_posted(
    tx: &Conn<'_>,
    state: &AppState,
    thread: &VisibleThread,
    message: &Message,
    now: i64,
) -> Result<()> {
    let category = MailCategory::ThreadMessage;
    if state.config.smtp.is_none() || message.internal {
        return Ok(());
    }
    let Some(brief) = mail_about::thread_brief(tx, thread.owner())? else {
        return Ok(());
    };
    let (open, title) = match thread.owner() {
        owners::Owner::Project(id) => (format!("portico projects show {id}"), "project"),
        owners::Owner::Order(id) => (format!("portico orders show {id}"), "order"),
        _ => (
            format!("portico threads show {}", brief.thread_id),
            "thread",
        ),
    };
    let subject = format!("Re: {}", brief.title);
    let body_for = |category: MailCategory| {
        format!(
            "{who} wrote on the {title} \"{name}\" ({org}):\n\n{text}\n\n\
             -- \n\
             Reply to this e-mail to answer on the {title}, or open it in the app: {open}\n\
             You get this mail because {why}. To stop it: \
             portico me notifications --off {category}\n",
            who = message.author.name,
            name = brief.title,
            org = brief.organization,
            text = message.body,
            why = category.describe(),
        )
    };
    let body = body_for(category);
    // A client's thread nobody on staff has joined yet is news for the
    // inbox: the staff who asked for new-ticket mail hear of it.
    if !message.from_staff && !any_staff(tx, &brief.people)? {
        let news = MailCategory::NewTicket;
        let news_body = body_for(news);
        for to in mail::watchers(tx)? {
            queue(
                tx,
                news,
                &to,
                &subject,
                &news_body,
                Some(brief.thread_id),
                now,
            )?;
        }
    }
    for person in brief.people.iter().filter(|&&p| p != message.author.id) {
        let Some(to) = mail::recipient(tx, *person, category)? else {
            continue;
        };
        if super::sees(tx, state, &to, thread.owner())? {
            queue(
                tx,
                category,
                &to,
                &subject,
                &body,
                Some(brief.thread_id),
                now,
            )?;
        }
    }
    Ok(())
}
