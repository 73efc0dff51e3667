//! Thread operations: posting a message to a visible thread, with what the
//! post means for its owner (a client's reply reopens their ticket).

use portico_shared::{Id, Message, NewMessage, after_client_reply};

use super::attachments::only_own_uploads;
use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::events::Audience;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::owners::{self, Owner};
use crate::store::{Conn, attachments, messages, tickets};

pub use portico_shared::validate::MAX_BODY_CHARS;

/// Text a person typed for a ticket body or message: present and bounded.
pub fn message_text(field: &str, raw: &str) -> Result<String> {
    if raw.trim().is_empty() {
        return Err(ApiError::field(field, "must not be empty"));
    }
    if raw.chars().count() > MAX_BODY_CHARS {
        return Err(ApiError::field(
            field,
            format!("must be at most {MAX_BODY_CHARS} characters"),
        ));
    }
    Ok(raw.to_owned())
}

/// Posts a message to a thread the viewer sees (staff may post an internal
/// note), with the files named, in one transaction.
pub async fn post(
    st: &AppState,
    viewer: &Viewer,
    thread_id: Id,
    req: NewMessage,
) -> Result<Message> {
    let reach = viewer.reach()?;
    if req.internal && !reach.staff {
        return Err(ApiError::Forbidden("only staff may post internal notes"));
    }
    let body = message_text("body", &req.body)?;
    let now = st.clock.now();
    let me = viewer.id();
    let (message, changes) = st
        .db
        .write(move |tx| -> Result<_> {
            let thread = owners::thread(tx, &reach, thread_id)?;
            let row = messages::NewMessageRow {
                thread,
                author_id: me,
                body: &body,
                internal: req.internal,
                now,
            };
            let mid = messages::insert(tx, &row)?;
            only_own_uploads(&attachments::link(
                tx,
                me,
                &req.attachment_ids,
                None,
                Some(mid),
            )?)?;
            let message = messages::get(tx, mid)?;
            let mut changes = vec![posted(thread.owner(), message.clone())];
            if let Owner::Ticket(ticket) = thread.owner()
                && !reach.staff
                && reopen(tx, ticket, now)?
            {
                changes.push(Change::ticket("ticket.updated", ticket));
            }
            Ok((message, changes))
        })
        .await?;
    publish(st, me, changes).await?;
    Ok(message)
}

/// The event of a message posted to `owner`'s thread.
fn posted(owner: Owner, message: Message) -> Change {
    let message = Some(message);
    match owner {
        Owner::Ticket(id) => Change::Ticket {
            kind: "message.created",
            id,
            message,
            audience: Audience::Everyone,
        },
        Owner::Order(id) => Change::Order {
            kind: "message.created",
            id,
            message,
        },
    }
}

/// A client's reply reopens their pending or resolved ticket; answers
/// whether it did.
fn reopen(tx: &Conn<'_>, ticket: Id, now: i64) -> Result<bool> {
    let cur = tickets::current(tx, ticket)?;
    let next = after_client_reply(cur.status);
    if next == cur.status {
        return Ok(false);
    }
    tickets::update(tx, ticket, &tickets::Update::status(next, now))?;
    Ok(true)
}
