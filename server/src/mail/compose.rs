//! One outbox row as an RFC 5322 message: plain text, its own
//! `Message-ID`, the `Date` it was queued, threading headers and a reply
//! address that route answers back to the thread, the headers that keep
//! auto-responders from answering, and (on notifications, when the
//! server's public address is known) a one-click unsubscribe link
//! (RFC 2369 `List-Unsubscribe` with RFC 8058 `List-Unsubscribe-Post`).

use std::time::{Duration, SystemTime};

use lettre::Message;
use lettre::message::Mailbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};

use super::token;
use crate::config::SmtpConfig;
use crate::store::mail::DueMail;

/// Who every mail is from and where answers go.
#[derive(Debug, Clone)]
pub struct Sender {
    from: Mailbox,
    reply: Mailbox,
    /// `PUBLIC_URL/mail/unsubscribe/`, when the public address is known.
    unsubscribe_base: Option<String>,
}

impl Sender {
    pub fn new(cfg: &SmtpConfig, public_url: Option<&str>) -> Result<Self, String> {
        Ok(Sender {
            from: cfg.from_mailbox()?,
            reply: cfg.reply_mailbox()?,
            unsubscribe_base: public_url
                .map(|u| format!("{}/mail/unsubscribe/", u.trim_end_matches('/'))),
        })
    }

    /// The domain of message ids: the sender's.
    fn domain(&self) -> &str {
        self.from.email.domain()
    }

    /// The reply address of `thread`: plus-addressed, so the thread is
    /// known even when a mail program drops the threading headers.
    fn reply_to(&self, thread: portico_shared::Id) -> Result<Mailbox, String> {
        let local = token::reply_local(self.reply.email.user(), thread);
        let address = lettre::Address::new(local, self.reply.email.domain())
            .map_err(|e| format!("reply address: {e}"))?;
        Ok(Mailbox::new(self.reply.name.clone(), address))
    }
}

/// The mail `m` says, from `sender`.
pub fn message(sender: &Sender, m: &DueMail) -> Result<Message, String> {
    let to = Mailbox::new(
        Some(m.to_name.clone()),
        m.to_address
            .parse()
            .map_err(|e| format!("recipient address {:?}: {e}", m.to_address))?,
    );
    let domain = sender.domain();
    let queued = SystemTime::UNIX_EPOCH + Duration::from_secs(m.created_at.max(0).unsigned_abs());
    let mut b = Message::builder()
        .from(sender.from.clone())
        .to(to)
        .date(queued)
        .message_id(Some(token::message_id(m.thread_id, m.id, domain)))
        .raw_header(header("Auto-Submitted", "auto-generated"))
        .raw_header(header("X-Auto-Response-Suppress", "All"));
    if let (Some(base), Some(token)) = (&sender.unsubscribe_base, &m.unsubscribe) {
        b = b
            .raw_header(header("List-Unsubscribe", &format!("<{base}{token}>")))
            .raw_header(header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click",
            ));
    }
    let subject = match m.thread_id {
        Some(thread) => {
            let root = token::root_id(thread, domain);
            b = b
                .reply_to(sender.reply_to(thread)?)
                .in_reply_to(root.clone())
                .references(root);
            format!("{} {}", m.subject, token::subject_tag(thread))
        }
        None => m.subject.clone(),
    };
    b.subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone())
        .map_err(|e| format!("building the mail: {e}"))
}

fn header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_owned())
}
