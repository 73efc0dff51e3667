//! Thread operations: posting a message to a visible thread, with what the
//! post means for its owner (a client's reply reopens their ticket).

use portico_shared::{Attachment, Id, Message, NewMessage, after_client_reply};

use super::attachments::only_own_uploads;
use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::owners::{self, VisibleTicket};
use crate::store::{Conn, StoreError, attachments, messages, tickets};

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
    if req.internal && !reach.staff() {
        return Err(ApiError::Forbidden("only staff may post internal notes"));
    }
    let body = message_text("body", &req.body)?;
    let now = st.clock.now();
    let me = viewer.id();
    let state = st.clone();
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
            crate::notify::message_posted(tx, &state, &thread, &message, now)?;
            crate::notify::threads::message_posted(tx, &state, &thread, &message, now)?;
            let mut changes = vec![Change::message(thread.owner(), message.clone())];
            if let Some(ticket) = thread.ticket()
                && !reach.staff()
                && reopen(tx, &ticket, now)?
            {
                changes.push(Change::ticket("ticket.updated", ticket.id()));
            }
            Ok((message, changes))
        })
        .await?;
    publish(st, me, changes).await?;
    Ok(message)
}

/// A client's reply reopens their pending or resolved ticket; answers
/// whether it did.
fn reopen(tx: &Conn<'_>, ticket: &VisibleTicket, now: i64) -> Result<bool> {
    let cur = tickets::current(tx, ticket.id())?;
    let next = after_client_reply(cur.status);
    if next == cur.status {
        return Ok(false);
    }
    tickets::update(tx, ticket, &tickets::Update::status(next, now))?;
    Ok(true)
}

/// A file received whole into a temporary spool file.
pub struct Spooled {
    pub file: tempfile::NamedTempFile,
    /// The sent name and type, made safe.
    pub name: String,
    pub content_type: String,
    pub size: u64,
}

/// Whether the viewer may upload at all: anyone who reaches tickets,
/// orders or timesheets. Asked before any of the body is read.
pub fn may_upload(viewer: &Viewer) -> Result<()> {
    viewer.reach().map(|_| ())
}

/// Stores a spooled upload as the viewer's, within their organisation's or
/// their own quota (checked inside the write, so concurrent uploads cannot
/// overshoot).
pub async fn upload(st: &AppState, viewer: &Viewer, spooled: Spooled) -> Result<Attachment> {
    may_upload(viewer)?;
    let now = st.clock.now();
    let me = viewer.id();
    let org = viewer
        .user()
        .organization_id
        .filter(|_| !viewer.user().role.is_staff());
    let quota = |bytes: u64| i64::try_from(bytes).unwrap_or(i64::MAX);
    let (org_quota, person_quota) = (
        quota(st.config.attachment_quota_bytes),
        quota(st.config.attachment_person_quota_bytes),
    );
    st.db
        .write(move |tx| {
            let (used, allowed) = match org {
                Some(org) => (attachments::organization_usage(tx, org)?, org_quota),
                None => (attachments::person_usage(tx, me)?, person_quota),
            };
            if used.saturating_add(spooled.size as i64) > allowed {
                return Err(ApiError::QuotaExceeded);
            }
            let mut data = spooled.file.reopen().map_err(StoreError::from)?;
            let new = attachments::NewFile {
                uploader_id: me,
                file_name: &spooled.name,
                content_type: &spooled.content_type,
                size: spooled.size,
                now,
            };
            Ok(attachments::insert(tx, &new, &mut data)?)
        })
        .await
}

/// The file `id` if the viewer may fetch it: their own upload, or a file of
/// an owner they see (internal notes' files only for staff).
pub async fn file_to_send(st: &AppState, viewer: &Viewer, id: Id) -> Result<Attachment> {
    let reach = viewer.reach()?;
    let meta = st
        .db
        .read(move |c| {
            let p = attachments::placement(c, id)?.ok_or(StoreError::NotFound)?;
            let visible = p
                .owner
                .is_some_and(|owner| owners::visible(c, &reach, owner).is_ok());
            let allowed =
                p.uploader_id == reach.me() || (visible && (reach.staff() || !p.internal));
            if !allowed {
                return Err(StoreError::NotFound);
            }
            attachments::meta_of(c, id)
        })
        .await?;
    Ok(meta)
}

/// A name made by the server from the one sent: the last path part, only
/// letters, digits and `._-` (spaces become `_`), no leading dot, bounded.
pub fn safe_file_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter_map(|c| match c {
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => Some(c),
            ' ' => Some('_'),
            _ => None,
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    let mut name: String = trimmed.chars().take(MAX_NAME_CHARS).collect();
    if name.is_empty() {
        name = "attachment".to_owned();
    }
    name
}

/// A content type only when it has the plain `type/subtype` shape.
pub fn safe_content_type(sent: Option<&str>) -> String {
    let plain = |s: &str| {
        s.len() <= 100
            && s.split_once('/').is_some_and(|(a, b)| {
                let part = |p: &str| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                };
                part(a) && part(b)
            })
    };
    match sent {
        Some(s) if plain(s) => s.to_ascii_lowercase(),
        _ => "application/octet-stream".to_owned(),
    }
}

/// Bytes read from the database per step of a download.
pub const DOWNLOAD_CHUNK: usize = 256 * 1024;

pub const MAX_NAME_CHARS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\Windows\\evil.exe"), "evil.exe");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("re\u{202e}port.pdf"), "report.pdf");
        assert_eq!(safe_file_name("a\0b.txt"), "ab.txt");
        assert_eq!(safe_file_name("my file.txt"), "my_file.txt");
        assert_eq!(safe_file_name("/"), "attachment");
        assert_eq!(safe_file_name(&"x".repeat(500)).len(), MAX_NAME_CHARS);
    }

    #[test]
    fn content_types_are_plain_or_octet_stream() {
        assert_eq!(safe_content_type(Some("image/PNG")), "image/png");
        assert_eq!(
            safe_content_type(Some("text/html; charset=utf-8")),
            "application/octet-stream"
        );
        assert_eq!(safe_content_type(None), "application/octet-stream");
    }
}
