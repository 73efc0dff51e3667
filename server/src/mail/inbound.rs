//! One incoming RFC 5322 message (what `portico-server mail-in` reads from
//! an MTA's pipe): a reply from a client contact lands on its thread as
//! their message, a new mail from one opens a ticket with source `email`;
//! the contact acts through the same operations and policy as in the app.
//! Bounces and auto-replies are dropped (so no loop ever starts), and mail
//! from anyone else is held in the quarantine, never in an organisation.

use std::io::Write;

use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders};
use portico_shared::validate::{self, MAX_BODY_CHARS, MAX_NAME_CHARS};
use portico_shared::{Id, NewMessage, NewTicket, Role, TicketSource};

use super::{token, trim};
use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::notify::{mail_text, one_line};
use crate::state::AppState;
use crate::store::retention::{self, Kept};
use crate::store::{StoreError, attachments, mail};
use crate::threads::ops::{self as threads, Spooled, safe_content_type, safe_file_name};

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The sender's message on a thread they see.
    Replied { thread_id: Id, message_id: Id },
    /// A new ticket of the sender's organisation.
    Opened { ticket_id: Id },
    /// Held for staff, with why.
    Quarantined { reason: String },
    /// A bounce, an auto-reply, bulk mail, or not a message at all.
    Dropped { reason: &'static str },
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Replied {
                thread_id,
                message_id,
            } => write!(f, "replied: message {message_id} on thread {thread_id}"),
            Outcome::Opened { ticket_id } => write!(f, "opened ticket {ticket_id}"),
            Outcome::Quarantined { reason } => write!(f, "quarantined: {reason}"),
            Outcome::Dropped { reason } => write!(f, "dropped: {reason}"),
        }
    }
}

/// Handles one raw message. Errors are the server's own (the database is
/// busy or full): the MTA should try again later.
pub async fn deliver(st: &AppState, raw: &[u8]) -> Result<Outcome> {
    let Some(msg) = MessageParser::default().parse(raw) else {
        return Ok(Outcome::Dropped {
            reason: "not a readable message",
        });
    };
    if let Some(reason) = automatic(&msg) {
        return Ok(Outcome::Dropped { reason });
    }
    let subject = one_line(msg.subject().unwrap_or_default(), MAX_NAME_CHARS);
    let sender = msg
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .and_then(|a| validate::email(a).ok());
    let Some(sender) = sender else {
        return quarantine(st, "", &subject, "no sender address").await;
    };
    let viewer = match crate::auth::viewer_for_email(st, &sender).await {
        Ok(Some(v)) if v.user().role == Role::Client => v,
        Ok(Some(_)) => return quarantine(st, &sender, &subject, "not a client contact").await,
        Ok(None) => return quarantine(st, &sender, &subject, "unknown sender").await,
        Err(e) if !e.is_server_side() => {
            return quarantine(st, &sender, &subject, &e.to_string()).await;
        }
        Err(e) => return Err(e),
    };
    let outcome = match thread_named(&msg) {
        Some(thread) => reply(st, &viewer, &msg, thread).await,
        None => open(st, &viewer, &msg, &subject).await,
    };
    match outcome {
        Err(e) if !e.is_server_side() => quarantine(st, &sender, &subject, &e.to_string()).await,
        other => other,
    }
}

/// Why a message is machine-made and must not be answered or ticketed, if it is.
fn automatic(msg: &Message<'_>) -> Option<&'static str> {
    let raw = |name: &str| msg.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    if raw("Auto-Submitted").is_some_and(|v| v != "no") {
        return Some("auto-submitted (RFC 3834)");
    }
    if raw("Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list")) {
        return Some("bulk, junk or list mail");
    }
    if raw("Return-Path").is_some_and(|v| v == "<>" || v.is_empty())
        || msg.root_part().is_content_type("multipart", "report")
    {
        return Some("a bounce (null return path or delivery report)");
    }
    let from = msg
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if from.starts_with("mailer-daemon@") || from.starts_with("postmaster@") {
        return Some("a bounce (from the mail system)");
    }
    if ["X-Autoreply", "X-Autorespond", "List-Id"]
        .iter()
        .any(|h| msg.header_raw(*h).is_some())
    {
        return Some("an auto-reply or list mail");
    }
    None
}

/// The thread a reply names: by its threading headers, then its recipient's
/// plus-address, then its subject's token.
fn thread_named(msg: &Message<'_>) -> Option<Id> {
    let ids = ids_of(msg.in_reply_to())
        .into_iter()
        .chain(ids_of(msg.references()));
    let recipients = msg.all_to().chain(msg.all_cc()).flat_map(|a| a.iter());
    ids.filter_map(|id| token::thread_of_message_id(&id))
        .chain(
            recipients
                .filter_map(|a| a.address())
                .filter_map(token::thread_of_address),
        )
        .chain(msg.subject().and_then(token::thread_of_subject))
        .next()
}

fn ids_of(v: &HeaderValue<'_>) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The sender's own words: the plain-text body (mail-parser makes one from
/// HTML), quotes and signature cut, made safe and bounded like typed text.
fn words(msg: &Message<'_>, trimmed: bool) -> String {
    let text = msg.body_text(0).unwrap_or_default();
    let text = mail_text(&text, MAX_BODY_CHARS * 4);
    let text = if trimmed {
        trim::reply_text(&text)
    } else {
        text.trim().to_owned()
    };
    text.chars().take(MAX_BODY_CHARS).collect()
}

async fn reply(st: &AppState, viewer: &Viewer, msg: &Message<'_>, thread: Id) -> Result<Outcome> {
    let mut body = words(msg, true);
    let attachment_ids = keep_files(st, viewer, msg, &mut body).await?;
    let message = threads::post(
        st,
        viewer,
        thread,
        NewMessage {
            body,
            internal: false,
            attachment_ids,
        },
    )
    .await?;
    Ok(Outcome::Replied {
        thread_id: thread,
        message_id: message.id,
    })
}

async fn open(st: &AppState, viewer: &Viewer, msg: &Message<'_>, subject: &str) -> Result<Outcome> {
    let mut body = words(msg, false);
    let attachment_ids = keep_files(st, viewer, msg, &mut body).await?;
    let subject = if subject.is_empty() {
        "(no subject)"
    } else {
        subject
    };
    let ticket = crate::tickets::ops::open_from(
        st,
        viewer,
        NewTicket {
            subject: subject.to_owned(),
            body,
            priority: None,
            organization_id: None,
            requester_id: None,
            attachment_ids,
        },
        TicketSource::Email,
    )
    .await?;
    Ok(Outcome::Opened {
        ticket_id: ticket.id,
    })
}

/// Stores the message's attachments as the sender's uploads, within the
/// same size and quota limits as the app's; each one that does not fit is
/// named at the end of `body` instead.
async fn keep_files(
    st: &AppState,
    viewer: &Viewer,
    msg: &Message<'_>,
    body: &mut String,
) -> Result<Vec<Id>> {
    let mut ids = Vec::new();
    for part in msg.attachments() {
        let name = safe_file_name(part.attachment_name().unwrap_or("attachment"));
        let data = part.contents();
        if ids.len() == attachments::MAX_FILES_PER_WRITE {
            body.push_str(&format!(
                "\n\n[{name} was not kept: one message keeps at most {} files]",
                attachments::MAX_FILES_PER_WRITE
            ));
            continue;
        }
        if data.len() > st.config.attachment_max_bytes {
            body.push_str(&format!(
                "\n\n[{name} was not kept: larger than files may be]"
            ));
            continue;
        }
        let content_type = part
            .content_type()
            .map(|t| format!("{}/{}", t.ctype(), t.subtype().unwrap_or("octet-stream")));
        let spooled = spool(
            st,
            data.to_vec(),
            name.clone(),
            safe_content_type(content_type.as_deref()),
        )
        .await?;
        match threads::upload(st, viewer, spooled).await {
            Ok(file) => ids.push(file.id),
            Err(ApiError::QuotaExceeded) => {
                body.push_str(&format!(
                    "\n\n[{name} was not kept: the file storage is full]"
                ));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(ids)
}

/// Writes a mailed file to the upload spool (where HTTP uploads go too), on
/// a blocking thread: it may be as large as `attachment_max_bytes`.
async fn spool(
    st: &AppState,
    data: Vec<u8>,
    name: String,
    content_type: String,
) -> Result<Spooled> {
    let dir = st.config.spool_dir();
    let file = tokio::task::spawn_blocking(move || {
        let mut file = tempfile::Builder::new().prefix("mail-").tempfile_in(dir)?;
        file.write_all(&data)?;
        Ok::<_, std::io::Error>((file, data.len() as u64))
    })
    .await
    .map_err(StoreError::from)?
    .map_err(StoreError::from)?;
    Ok(Spooled {
        file: file.0,
        name,
        content_type,
        size: file.1,
    })
}

/// Holds a message for staff (who sent it, its subject, why), never its text.
pub(crate) async fn quarantine(
    st: &AppState,
    sender: &str,
    subject: &str,
    reason: &str,
) -> Result<Outcome> {
    let now = st.clock.now();
    let (who, what, why) = (
        one_line(sender, MAX_NAME_CHARS),
        subject.to_owned(),
        one_line(reason, MAX_NAME_CHARS),
    );
    let reason = why.clone();
    let max = st.config.retention.max_rows;
    st.db
        .write(move |tx| {
            mail::quarantine(tx, &who, &what, &why, now)?;
            // Strangers choose how many: bounded here, not only by the job.
            retention::cap(tx, Kept::Quarantine, max)
        })
        .await?;
    tracing::info!(reason, "incoming mail quarantined");
    Ok(Outcome::Quarantined { reason })
}
