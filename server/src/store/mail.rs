//! E-mail: the outbox (queued in the transaction of the change that caused
//! the mail, claimed and marked by the sender), each person's notification
//! choices, and the quarantine of mail that came in and landed nowhere.

use portico_shared::{
    Id, MailCategory, MailStatus, OutboxItem, OutboxState, QuarantinedMail, Role, UserStatus,
};
use rusqlite::{OptionalExtension, params};

use super::{Conn, OptionalRow, Result, enum_col, ts};

/// A mail to queue. Its text is made now, so what is sent is what was true
/// when it happened.
pub struct NewMail<'a> {
    pub category: MailCategory,
    pub recipient_id: Option<Id>,
    pub to_address: &'a str,
    pub to_name: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub thread_id: Option<Id>,
    pub now: i64,
}

/// Queues `m`. A mail to a person about anything but their invitation
/// will carry their one-click unsubscribe token for its category.
pub fn enqueue(c: &Conn<'_>, m: &NewMail<'_>) -> Result<Id> {
    if let Some(person) = m.recipient_id
        && m.category != MailCategory::Invite
    {
        super::unsubscribe::ensure(c, person, m.category)?;
    }
    c.0.prepare_cached(
        "INSERT INTO outbox (category, recipient_id, to_address, to_name, subject, body,
                             thread_id, created_at, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        m.category.as_str(),
        m.recipient_id,
        m.to_address,
        m.to_name,
        m.subject,
        m.body,
        m.thread_id,
        m.now
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// A queued mail the sender has claimed.
#[derive(Debug, Clone)]
pub struct DueMail {
    pub id: Id,
    pub category: MailCategory,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    pub thread_id: Option<Id>,
    pub created_at: i64,
    /// Including this one.
    pub attempts: u32,
    /// The token of its one-click unsubscribe link, if it has one.
    pub unsubscribe: Option<String>,
}

/// Claims the mail due longest: its attempt is counted, its next one set
/// `retry_after(attempts)` seconds on and it is marked as being sent
/// (`outbox_sending`), so two senders never take the same one and one
/// whose send a crash cut short is settled by `settle_interrupted`, not
/// retried.
pub fn claim_due(
    c: &Conn<'_>,
    now: i64,
    retry_after: impl Fn(u32) -> i64,
) -> Result<Option<DueMail>> {
    let found =
        c.0.prepare_cached(
            "SELECT o.id, o.category, o.to_address, o.to_name, o.subject, o.body, o.thread_id,
                    o.created_at, o.attempts, u.token
             FROM outbox o
             LEFT JOIN mail_unsubscribe u
                    ON u.user_id = o.recipient_id AND u.category = o.category
                   AND o.category <> 'invite'
             WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= ?1
               AND NOT EXISTS (SELECT 1 FROM outbox_sending s WHERE s.outbox_id = o.id)
             ORDER BY next_attempt_at, id LIMIT 1",
        )?
        .query_row([now], |r| {
            Ok(DueMail {
                id: r.get(0)?,
                category: enum_col(r, 1)?,
                to_address: r.get(2)?,
                to_name: r.get(3)?,
                subject: r.get(4)?,
                body: r.get(5)?,
                thread_id: r.get(6)?,
                created_at: r.get(7)?,
                attempts: r.get::<_, u32>(8)?.saturating_add(1),
                unsubscribe: r.get(9)?,
            })
        })
        .optional()?;
    let Some(mail) = found else { return Ok(None) };
    c.0.prepare_cached("UPDATE outbox SET attempts = ?2, next_attempt_at = ?3 WHERE id = ?1")?
        .execute(params![
            mail.id,
            mail.attempts,
            now + retry_after(mail.attempts)
        ])?;
    c.0.prepare_cached("INSERT OR REPLACE INTO outbox_sending (outbox_id, since) VALUES (?1, ?2)")?
        .execute(params![mail.id, now])?;
    Ok(Some(mail))
}

pub fn mark_sent(c: &Conn<'_>, id: Id, now: i64) -> Result<()> {
    sent_or_not(c, id)?;
    c.0.prepare_cached("UPDATE outbox SET sent_at = ?2, last_error = NULL WHERE id = ?1")?
        .execute(params![id, now])?;
    Ok(())
}

/// Records why a send failed; `give_up` ends the retries.
pub fn mark_failed(c: &Conn<'_>, id: Id, error: &str, give_up: bool, now: i64) -> Result<()> {
    sent_or_not(c, id)?;
    c.0.prepare_cached(
        "UPDATE outbox SET last_error = ?2, failed_at = CASE WHEN ?3 THEN ?4 END WHERE id = ?1",
    )?
    .execute(params![id, error, give_up, now])?;
    Ok(())
}

/// What an interrupted send is recorded as.
pub const SENT_UNKNOWN: &str = "unknown whether it was sent: the server stopped while sending it; not retried, so it is never sent twice";

/// The send of mail `id` has ended, one way or the other.
fn sent_or_not(c: &Conn<'_>, id: Id) -> Result<()> {
    c.0.prepare_cached("DELETE FROM outbox_sending WHERE outbox_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Mail whose send began before `before` and never ended (the server
/// stopped mid-send) is given up on as sent-unknown; answers how many.
pub fn settle_interrupted(c: &Conn<'_>, before: i64, now: i64) -> Result<usize> {
    let settled =
        c.0.prepare_cached(
            "UPDATE outbox SET failed_at = ?2, last_error = ?3
             WHERE id IN (SELECT outbox_id FROM outbox_sending WHERE since < ?1)
               AND sent_at IS NULL AND failed_at IS NULL",
        )?
        .execute(params![before, now, SENT_UNKNOWN])?;
    c.0.prepare_cached("DELETE FROM outbox_sending WHERE since < ?1")?
        .execute([before])?;
    Ok(settled)
}

/// Whether a person gets mail of `category` (their choice, or its default).
pub fn wants(c: &Conn<'_>, user_id: Id, category: MailCategory) -> Result<bool> {
    let chosen: Option<bool> =
        c.0.prepare_cached(
            "SELECT enabled FROM notification_prefs WHERE user_id = ?1 AND category = ?2",
        )?
        .query_row(params![user_id, category.as_str()], |r| r.get(0))
        .optional()?;
    Ok(chosen.unwrap_or_else(|| category.default_on()))
}

pub fn set_wants(c: &Conn<'_>, user_id: Id, category: MailCategory, enabled: bool) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO notification_prefs (user_id, category, enabled) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, category) DO UPDATE SET enabled = excluded.enabled",
    )?
    .execute(params![user_id, category.as_str(), enabled])?;
    Ok(())
}

/// Someone to mail: an active person's address and name.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub id: Id,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// The person `id` if they are active and want mail of `category`.
pub fn recipient(c: &Conn<'_>, id: Id, category: MailCategory) -> Result<Option<Recipient>> {
    let person =
        c.0.prepare_cached("SELECT id, email, name, role, status FROM users WHERE id = ?1")?
            .query_row([id], |r| {
                Ok((recipient_of(r)?, enum_col::<UserStatus>(r, 4)?))
            })
            .found()?;
    match person {
        (p, UserStatus::Active) if wants(c, id, category)? => Ok(Some(p)),
        _ => Ok(None),
    }
}

/// Active staff who asked for new-ticket mail: the unassigned inbox's watchers.
pub fn watchers(c: &Conn<'_>) -> Result<Vec<Recipient>> {
    let rows =
        c.0.prepare_cached(
            "SELECT u.id, u.email, u.name, u.role FROM users u
             JOIN notification_prefs p ON p.user_id = u.id AND p.category = 'new_ticket'
             WHERE p.enabled = 1 AND u.status = 'active' AND u.role IN ('admin', 'agent')
             ORDER BY u.id",
        )?
        .query_map([], recipient_of)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A recipient from columns id, email, name, role.
fn recipient_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Recipient> {
    Ok(Recipient {
        id: r.get(0)?,
        email: r.get(1)?,
        name: r.get(2)?,
        role: enum_col(r, 3)?,
    })
}

/// What a ticket's mail says about it and to whom it goes.
#[derive(Debug, Clone)]
pub struct TicketBrief {
    pub id: Id,
    pub subject: String,
    pub body: String,
    pub organization: String,
    pub requester_id: Id,
    pub assignee_id: Option<Id>,
    pub thread_id: Id,
}

pub fn ticket_brief(c: &Conn<'_>, ticket_id: Id) -> Result<TicketBrief> {
    c.0.prepare_cached(
        "SELECT t.id, t.subject, t.body, o.name, t.requester_id, t.assignee_id, t.thread_id
         FROM tickets t JOIN organizations o ON o.id = t.organization_id WHERE t.id = ?1",
    )?
    .query_row([ticket_id], |r| {
        Ok(TicketBrief {
            id: r.get(0)?,
            subject: r.get(1)?,
            body: r.get(2)?,
            organization: r.get(3)?,
            requester_id: r.get(4)?,
            assignee_id: r.get(5)?,
            thread_id: r.get(6)?,
        })
    })
    .found()
}

/// The name a message's author goes by.
pub fn person_name(c: &Conn<'_>, id: Id) -> Result<String> {
    c.0.prepare_cached("SELECT name FROM users WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .found()
}

pub fn quarantine(c: &Conn<'_>, sender: &str, subject: &str, reason: &str, now: i64) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO mail_quarantine (received_at, sender, subject, reason) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![now, sender, subject, reason])?;
    Ok(c.0.last_insert_rowid())
}

/// How many outbox rows there are in each state.
fn counts(c: &Conn<'_>) -> Result<(u64, u64, u64)> {
    Ok(c.0
        .prepare_cached(
            "SELECT COALESCE(SUM(sent_at IS NULL AND failed_at IS NULL), 0),
                    COALESCE(SUM(sent_at IS NOT NULL), 0),
                    COALESCE(SUM(failed_at IS NOT NULL), 0)
             FROM outbox",
        )?
        .query_row([], |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v.unsigned_abs());
            Ok((n(0)?, n(1)?, n(2)?))
        })?)
}

/// The outbox and the quarantine as administrators see them: counts, the
/// newest `limit` mails not sent (queued or given up on), the newest
/// `limit` quarantined.
pub fn status(c: &Conn<'_>, configured: bool, limit: u32) -> Result<MailStatus> {
    let (queued, sent, failed) = counts(c)?;
    let quarantined_count: i64 =
        c.0.prepare_cached("SELECT COUNT(*) FROM mail_quarantine")?
            .query_row([], |r| r.get(0))?;
    let unsent =
        c.0.prepare_cached(
            "SELECT id, category, to_address, subject, failed_at IS NOT NULL, attempts,
                    last_error, created_at, next_attempt_at
             FROM outbox WHERE sent_at IS NULL ORDER BY id DESC LIMIT ?1",
        )?
        .query_map([limit], |r| {
            let failed: bool = r.get(4)?;
            Ok(OutboxItem {
                id: r.get(0)?,
                category: enum_col(r, 1)?,
                to: r.get(2)?,
                subject: r.get(3)?,
                state: if failed {
                    OutboxState::Failed
                } else {
                    OutboxState::Queued
                },
                attempts: r.get(5)?,
                last_error: r.get(6)?,
                created_at: ts(r.get(7)?),
                next_attempt_at: (!failed).then(|| r.get(8).map(ts)).transpose()?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let quarantined =
        c.0.prepare_cached(
            "SELECT id, sender, subject, reason, received_at FROM mail_quarantine
             ORDER BY id DESC LIMIT ?1",
        )?
        .query_map([limit], |r| {
            Ok(QuarantinedMail {
                id: r.get(0)?,
                sender: r.get(1)?,
                subject: r.get(2)?,
                reason: r.get(3)?,
                received_at: ts(r.get(4)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(MailStatus {
        configured,
        queued,
        sent,
        failed,
        quarantined_count: quarantined_count.unsigned_abs(),
        unsent,
        quarantined,
    })
}
