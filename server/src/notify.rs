//! Who is mailed about a change, and what the mail says: each function
//! queues outbox rows inside the caller's transaction (so the mail exists
//! exactly when the change does) and does nothing when no SMTP server is
//! configured. Nobody is mailed about their own action. `mail/` sends
//! what is queued here. Tickets' messages and invites are here; `work`:
//! ticket status, order and timesheet news; `threads`: messages on
//! projects' and standalone threads.

pub mod threads;
pub mod work;

use portico_shared::validate::{MAX_BODY_CHARS, MAX_NAME_CHARS};
use portico_shared::{Id, MailCategory, Message, User};

use crate::config::Config;
use crate::state::AppState;
use crate::store::mail::{self, NewMail, Recipient, TicketBrief};
use crate::store::owners::{self, Owner, VisibleThread};
use crate::store::{Conn, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// Mails a new invite code to the person invited (invites, resends, readmissions).
pub fn invite(
    tx: &Conn<'_>,
    config: &Config,
    user: &User,
    code: &str,
    expires_at: i64,
    now: i64,
) -> Result<()> {
    if config.smtp.is_none() {
        return Ok(());
    }
    let company = &config.branding.company_name;
    let server = config
        .public_url
        .as_deref()
        .unwrap_or("https://your-portal");
    let until = crate::store::ts(expires_at).strftime("%Y-%m-%d %H:%M UTC");
    let body = format!(
        "Hello {name},\n\n\
         you are invited to {company}'s client portal.\n\n\
         Your invite code: {code}\n\
         It works until {until}.\n\n\
         To join, install the Portico app and run:\n\n    \
         portico --server {server} join --code {code}\n\n\
         then choose your password.\n",
        name = user.name,
    );
    let to = Recipient {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role,
    };
    let subject = format!("Your invitation to {company}");
    queue(tx, MailCategory::Invite, &to, &subject, &body, None, now)
}

/// A new ticket: mailed to the unassigned inbox's watchers, not to whoever
/// opened it.
pub fn ticket_opened(
    tx: &Conn<'_>,
    config: &Config,
    ticket_id: Id,
    actor: Id,
    now: i64,
) -> Result<()> {
    if config.smtp.is_none() {
        return Ok(());
    }
    let t = mail::ticket_brief(tx, ticket_id)?;
    if t.assignee_id.is_some() {
        return Ok(());
    }
    let author = mail::person_name(tx, t.requester_id)?;
    let subject = format!("New ticket #{}: {}", t.id, t.subject);
    let body = about_ticket(
        &t,
        &author,
        "opened a ticket",
        &t.body,
        MailCategory::NewTicket,
    );
    for to in mail::watchers(tx)?.iter().filter(|w| w.id != actor) {
        queue(
            tx,
            MailCategory::NewTicket,
            to,
            &subject,
            &body,
            Some(t.thread_id),
            now,
        )?;
    }
    Ok(())
}

/// A message on a ticket's thread: staff's answer goes to the ticket's
/// requester (never an internal note); a client's to the assignee, or to
/// the inbox's watchers while nobody is assigned.
pub fn message_posted(
    tx: &Conn<'_>,
    state: &AppState,
    thread: &VisibleThread,
    message: &Message,
    now: i64,
) -> Result<()> {
    if state.config.smtp.is_none() || message.internal {
        return Ok(());
    }
    let Some(ticket) = thread.ticket() else {
        return Ok(());
    };
    let t = mail::ticket_brief(tx, ticket.id())?;
    let actor = message.author.id;
    let (category, recipients) = if message.from_staff {
        let to = mail::recipient(tx, t.requester_id, MailCategory::Reply)?;
        let to = to.filter(|p| p.role == portico_shared::Role::Client);
        (MailCategory::Reply, to.into_iter().collect())
    } else {
        match t.assignee_id {
            Some(a) => {
                let to = mail::recipient(tx, a, MailCategory::ClientReply)?;
                (MailCategory::ClientReply, to.into_iter().collect())
            }
            None => (MailCategory::NewTicket, mail::watchers(tx)?),
        }
    };
    let subject = format!("Re: {}", t.subject);
    let body = about_ticket(&t, &message.author.name, "wrote", &message.body, category);
    for to in recipients.iter().filter(|p| p.id != actor) {
        if sees(tx, state, to, thread.owner())? {
            queue(tx, category, to, &subject, &body, Some(t.thread_id), now)?;
        }
    }
    Ok(())
}

/// Whether `to` may see `owner` now, judged as the portal would judge a
/// request of theirs: someone the portal turns away (their organisation's
/// portal closed, the module off) or whose scope no longer covers it is
/// not mailed what they could not read.
pub(crate) fn sees(tx: &Conn<'_>, state: &AppState, to: &Recipient, owner: Owner) -> Result<bool> {
    let reach = crate::auth::viewer_in(tx, state, &to.email)?.and_then(|v| v.reach().ok());
    let Some(reach) = reach else {
        return Ok(false);
    };
    match owners::visible(tx, &reach, owner) {
        Ok(()) => Ok(true),
        Err(StoreError::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The text of a mail about a ticket: who did what, their words, and how
/// to answer or stop such mail.
fn about_ticket(
    t: &TicketBrief,
    who: &str,
    did: &str,
    text: &str,
    category: MailCategory,
) -> String {
    format!(
        "{who} {did} on ticket #{id} \"{subject}\" ({org}):\n\n{text}\n\n\
         -- \n\
         Reply to this e-mail to answer on the ticket, or open it in the app: \
         portico tickets show {id}\n\
         You get this mail because {why}. To stop it: \
         portico me notifications --off {category}\n",
        id = t.id,
        subject = t.subject,
        org = t.organization,
        why = category.describe(),
    )
}

/// Queues one mail, its subject and text made safe for any mail reader.
pub fn queue(
    tx: &Conn<'_>,
    category: MailCategory,
    to: &Recipient,
    subject: &str,
    body: &str,
    thread_id: Option<Id>,
    now: i64,
) -> Result<()> {
    mail::enqueue(
        tx,
        &NewMail {
            category,
            recipient_id: Some(to.id),
            to_address: &to.email,
            to_name: &one_line(&to.name, MAX_NAME_CHARS),
            subject: &one_line(subject, MAX_NAME_CHARS),
            body: &mail_text(body, MAX_BODY_CHARS * 2),
            thread_id,
            now,
        },
    )?;
    Ok(())
}

/// One line of at most `max` characters: control characters (line breaks
/// included, so no header can be smuggled) become spaces.
pub fn one_line(text: &str, max: usize) -> String {
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    line.trim().to_owned()
}

/// Text of at most `max` characters with `\n` line ends; control
/// characters other than line breaks and tabs are dropped.
pub fn mail_text(text: &str, max: usize) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_drops_line_breaks_and_bounds() {
        assert_eq!(one_line("a\r\nBcc: x@y\u{7}", 100), "a  Bcc: x@y");
        assert_eq!(one_line("abcdef", 3), "abc");
    }

    #[test]
    fn mail_text_keeps_lines_and_tabs_only() {
        assert_eq!(mail_text("a\r\nb\rc\t\u{1b}[31md", 100), "a\nb\nc\t[31md");
        assert_eq!(mail_text("abcdef", 4), "abcd");
    }
}
