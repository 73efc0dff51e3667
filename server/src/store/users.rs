//! People: clients, workers and staff.

use portico_shared::{Id, Module, PersonRef, Role, TicketScope, User, UserFilter, UserStatus};
use rusqlite::{OptionalExtension, Row, params};

use super::{Conn, OptionalRow, Result, StoreError, enum_col, json_col_opt, page_of, to_json, ts};

pub const COLS: &str = "u.id, u.email, u.name, u.role, u.status, u.organization_id, u.modules, \
     u.location_ids, u.portal_selected, u.ticket_scope, u.created_at, u.team";

/// Maps a row selected with `COLS` (starting at column `at`).
pub(super) fn from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(at)?,
        email: r.get(at + 1)?,
        name: r.get(at + 2)?,
        role: enum_col(r, at + 3)?,
        status: enum_col(r, at + 4)?,
        organization_id: r.get(at + 5)?,
        modules: json_col_opt(r, at + 6)?,
        location_ids: json_col_opt(r, at + 7)?,
        portal_selected: r.get(at + 8)?,
        ticket_scope: enum_col(r, at + 9)?,
        created_at: ts(r.get(at + 10)?),
        team: r.get(at + 11)?,
    })
}

pub fn get(c: &Conn<'_>, id: Id) -> Result<User> {
    c.0.prepare_cached(&format!("SELECT {COLS} FROM users u WHERE u.id = ?1"))?
        .query_row([id], |r| from_row(r, 0))
        .found()
}

/// The person and password hash for a sign-in attempt.
pub fn credentials(c: &Conn<'_>, email: &str) -> Result<Option<(User, Option<String>)>> {
    Ok(c.0
        .prepare_cached(&format!(
            "SELECT {COLS}, u.password_hash FROM users u WHERE u.email = ?1"
        ))?
        .query_row([email], |r| Ok((from_row(r, 0)?, r.get(12)?)))
        .optional()?)
}

pub fn list(
    c: &Conn<'_>,
    f: &UserFilter,
    after: Id,
    limit: u32,
) -> Result<portico_shared::Page<User>> {
    let sql = format!(
        "SELECT {COLS} FROM users u
         WHERE u.id > ?1 AND (?2 IS NULL OR u.organization_id = ?2) AND (?3 IS NULL OR u.role = ?3)
           AND (?5 IS NULL OR u.status = ?5) AND (?6 IS NULL OR u.email = ?6)
         ORDER BY u.id LIMIT ?4"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![
                    after,
                    f.organization_id,
                    f.role.map(Role::as_str),
                    limit + 1,
                    f.status.map(UserStatus::as_str),
                    f.email,
                ],
                |r| from_row(r, 0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, |u| u.id.to_string()))
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub status: UserStatus,
    pub organization_id: Option<Id>,
    pub password_hash: Option<&'a str>,
    pub modules: Option<&'a [Module]>,
    pub location_ids: Option<&'a [Id]>,
    pub now: i64,
}

pub fn insert(c: &Conn<'_>, u: &NewUser<'_>) -> Result<Id> {
    let taken: bool =
        c.0.prepare_cached("SELECT EXISTS(SELECT 1 FROM users WHERE email = ?1)")?
            .query_row([u.email], |r| r.get(0))?;
    if taken {
        return Err(StoreError::Conflict(
            "a person with this e-mail address already exists".into(),
        ));
    }
    c.0.prepare_cached(
        "INSERT INTO users (email, name, role, status, organization_id, password_hash, modules,
                            location_ids, access_granted_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        u.email,
        u.name,
        u.role.as_str(),
        u.status.as_str(),
        u.organization_id,
        u.password_hash,
        u.modules.map(to_json),
        u.location_ids.map(to_json),
        (u.status == UserStatus::Active).then_some(u.now),
        u.now,
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// Applies the fields of a patch that are present. `None` keeps a field;
/// for the overrides `Some(None)` clears it.
#[derive(Default)]
pub struct Changes<'a> {
    pub name: Option<&'a str>,
    pub modules: Option<Option<&'a [Module]>>,
    pub location_ids: Option<Option<&'a [Id]>>,
    pub portal_selected: Option<bool>,
    pub ticket_scope: Option<TicketScope>,
    pub team: Option<Option<&'a str>>,
    pub role: Option<Role>,
}

pub fn update(c: &Conn<'_>, id: Id, ch: &Changes<'_>) -> Result<()> {
    let n =
        c.0.prepare_cached(
            "UPDATE users SET
                name = COALESCE(?2, name),
                modules = CASE WHEN ?3 THEN ?4 ELSE modules END,
                location_ids = CASE WHEN ?5 THEN ?6 ELSE location_ids END,
                portal_selected = COALESCE(?7, portal_selected),
                ticket_scope = COALESCE(?8, ticket_scope),
                team = CASE WHEN ?9 THEN ?10 ELSE team END,
                role = COALESCE(?11, role)
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            ch.name,
            ch.modules.is_some(),
            ch.modules.flatten().map(to_json),
            ch.location_ids.is_some(),
            ch.location_ids.flatten().map(to_json),
            ch.portal_selected,
            ch.ticket_scope.map(TicketScope::as_str),
            ch.team.is_some(),
            ch.team.flatten(),
            ch.role.map(Role::as_str),
        ])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn activate(c: &Conn<'_>, id: Id, password_hash: &str, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE users SET status = 'active', password_hash = ?2, access_granted_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, password_hash, now])?;
    Ok(())
}

pub fn set_password(c: &Conn<'_>, id: Id, password_hash: &str) -> Result<()> {
    c.0.prepare_cached("UPDATE users SET password_hash = ?2 WHERE id = ?1")?
        .execute(params![id, password_hash])?;
    Ok(())
}

pub fn set_status(c: &Conn<'_>, id: Id, status: UserStatus) -> Result<()> {
    c.0.prepare_cached("UPDATE users SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status.as_str()])?;
    Ok(())
}

pub fn count_staff(c: &Conn<'_>) -> Result<i64> {
    Ok(c.0.query_row(
        "SELECT COUNT(*) FROM users WHERE role IN ('admin', 'agent') AND status = 'active'",
        [],
        |r| r.get(0),
    )?)
}

/// Active people of these roles, by name.
pub fn active_in(c: &Conn<'_>, roles: &[Role]) -> Result<Vec<PersonRef>> {
    let rows =
        c.0.prepare_cached(
            "SELECT id, name FROM users
             WHERE role IN (SELECT value FROM json_each(?1)) AND status = 'active'
             ORDER BY name, id",
        )?
        .query_map([to_json(roles)], |r| {
            Ok(PersonRef {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
