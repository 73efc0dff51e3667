//! Sign-in sessions. Only a SHA-256 of each token is stored.

use portico_shared::{Id, Module, PortalAccess, SessionInfo, TicketHistory, User};
use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, enum_col, json_col_opt, ts, users};

pub struct NewSession<'a> {
    pub user_id: Id,
    pub token_hash: &'a [u8],
    pub now: i64,
    pub expires_at: i64,
    pub ip: &'a str,
    pub user_agent: &'a str,
    /// The staff member viewing as this person (a read-only session).
    pub viewed_by: Option<Id>,
}

pub fn insert(c: &Conn<'_>, s: &NewSession<'_>) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, ip, user_agent, viewed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        s.user_id,
        s.token_hash,
        s.now,
        s.expires_at,
        s.ip,
        s.user_agent,
        s.viewed_by
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// What the request's token stands for, before the policy judges it.
#[derive(Debug)]
pub struct SessionRow {
    pub session_id: Id,
    pub expires_at: i64,
    pub user: User,
    /// The organisation's portal access and default modules, for clients.
    pub org: Option<(PortalAccess, Vec<Module>)>,
    /// The organisation's ticket-history rule, for clients.
    pub history: Option<(TicketHistory, Option<i64>)>,
    pub access_granted_at: Option<i64>,
    /// The staff member viewing as this person: the session is read-only.
    pub viewed_by: Option<Id>,
    /// The organisation requires its contacts to use a second factor.
    pub org_requires_two_factor: bool,
    /// The person has a confirmed second factor.
    pub two_factor: bool,
}

/// What a session row knows of its person's second factor: whether their
/// organisation requires one, and whether they have one.
const TWO_FACTOR_COLS: &str = "COALESCE(o.require_two_factor, 0),
    EXISTS (SELECT 1 FROM totp_secrets t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL)";

/// The live (not revoked) session for a token hash, with its person.
pub fn by_token(c: &Conn<'_>, token_hash: &[u8]) -> Result<Option<SessionRow>> {
    let sql = format!(
        "SELECT s.id, s.expires_at, {cols}, o.portal_access, o.default_modules,
                o.ticket_history, o.history_since, u.access_granted_at,
                s.viewed_by, {two_factor}
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN organizations o ON o.id = u.organization_id
         WHERE s.token_hash = ?1 AND s.revoked_at IS NULL",
        cols = users::COLS,
        two_factor = TWO_FACTOR_COLS
    );
    row_of(c, &sql, token_hash)
}

/// The person with this e-mail address as a session row of no session
/// (id 0, never expiring), for acting on their behalf when their mail
/// comes in: the same policy then judges what they may do.
pub fn by_email(c: &Conn<'_>, email: &str) -> Result<Option<SessionRow>> {
    let sql = format!(
        "SELECT 0, 9223372036854775807, {cols}, o.portal_access, o.default_modules,
                o.ticket_history, o.history_since, u.access_granted_at,
                NULL, {two_factor}
         FROM users u
         LEFT JOIN organizations o ON o.id = u.organization_id
         WHERE u.email = ?1",
        cols = users::COLS,
        two_factor = TWO_FACTOR_COLS
    );
    row_of(c, &sql, email)
}

fn row_of(c: &Conn<'_>, sql: &str, key: impl rusqlite::ToSql) -> Result<Option<SessionRow>> {
    Ok(c.0
        .prepare_cached(sql)?
        .query_row([key], |r| {
            let access: Option<String> = r.get(14)?;
            let (org, history) = match access {
                Some(_) => (
                    Some((enum_col(r, 14)?, json_col_opt(r, 15)?.unwrap_or_default())),
                    Some((enum_col(r, 16)?, r.get(17)?)),
                ),
                None => (None, None),
            };
            Ok(SessionRow {
                session_id: r.get(0)?,
                expires_at: r.get(1)?,
                user: users::from_row(r, 2)?,
                org,
                history,
                access_granted_at: r.get(18)?,
                viewed_by: r.get(19)?,
                org_requires_two_factor: r.get(20)?,
                two_factor: r.get(21)?,
            })
        })
        .optional()?)
}

pub fn revoke(c: &Conn<'_>, session_id: Id, now: i64) -> Result<()> {
    c.0.prepare_cached("UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")?
        .execute(params![session_id, now])?;
    Ok(())
}

/// Ends every session of a person at once.
pub fn revoke_all(c: &Conn<'_>, user_id: Id, now: i64) -> Result<usize> {
    Ok(c.0
        .prepare_cached(
            "UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL",
        )?
        .execute(params![user_id, now])?)
}

/// A person's live sessions, newest first.
pub fn list_live(c: &Conn<'_>, user_id: Id, now: i64, current: Id) -> Result<Vec<SessionInfo>> {
    let rows =
        c.0.prepare_cached(
            "SELECT id, created_at, expires_at, ip, user_agent FROM sessions
             WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2
               AND viewed_by IS NULL
             ORDER BY id DESC",
        )?
        .query_map(params![user_id, now], |r| {
            let id: Id = r.get(0)?;
            Ok(SessionInfo {
                id,
                created_at: ts(r.get(1)?),
                expires_at: ts(r.get(2)?),
                ip: r.get(3)?,
                user_agent: r.get(4)?,
                current: id == current,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Ends one of a person's own sessions; another person's is not found.
pub fn revoke_own(c: &Conn<'_>, user_id: Id, session_id: Id, now: i64) -> Result<()> {
    let n = c.0
        .prepare_cached("UPDATE sessions SET revoked_at = ?3 WHERE id = ?1 AND user_id = ?2 AND revoked_at IS NULL")?
        .execute(params![session_id, user_id, now])?;
    if n == 0 {
        return Err(super::StoreError::NotFound);
    }
    Ok(())
}

/// Ends every session of a person but one (after a password change).
pub fn revoke_others(c: &Conn<'_>, user_id: Id, keep: Id, now: i64) -> Result<usize> {
    Ok(c.0
        .prepare_cached("UPDATE sessions SET revoked_at = ?3 WHERE user_id = ?1 AND id != ?2 AND revoked_at IS NULL")?
        .execute(params![user_id, keep, now])?)
}

/// The stored password hash of a person.
pub fn password_hash(c: &Conn<'_>, user_id: Id) -> Result<Option<String>> {
    Ok(c.0
        .prepare_cached("SELECT password_hash FROM users WHERE id = ?1")?
        .query_row([user_id], |r| r.get(0))?)
}
