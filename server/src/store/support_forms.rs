//! Support forms. Reads take the reader's `KnowledgeScope` and apply the
//! articles' visibility rule, so a form the reader may not use is not found.

use portico_shared::{
    ArticleVisibility, FormField, Id, PersonRef, Priority, SupportForm, SupportFormHold,
};
use rusqlite::{OptionalExtension, Row, params};

use super::knowledge::VISIBLE;
use super::{Conn, OptionalRow, Result, StoreError, enum_col, json_col, to_json, ts};
use crate::access::KnowledgeScope;

/// Most forms a list answers; a portal has a handful.
const MAX_FORMS: u32 = 200;

const SELECT: &str = "SELECT a.id, a.name, a.fields, a.priority, a.tag, a.assignee_id, u.name,
        a.team, a.visibility, a.tags, a.updated_at, a.public
    FROM support_forms a LEFT JOIN users u ON u.id = a.assignee_id";

fn from_row(r: &Row<'_>, staff: bool) -> rusqlite::Result<SupportForm> {
    let assignee = match (r.get::<_, Option<Id>>(5)?, r.get::<_, Option<String>>(6)?) {
        (Some(id), Some(name)) if staff => Some(PersonRef { id, name }),
        _ => None,
    };
    // Routing is internal: clients see the form, not where it sends them.
    Ok(SupportForm {
        id: r.get(0)?,
        name: r.get(1)?,
        fields: json_col(r, 2)?,
        priority: enum_col(r, 3)?,
        tag: if staff { r.get(4)? } else { None },
        assignee,
        team: if staff { r.get(7)? } else { None },
        visibility: enum_col(r, 8)?,
        tags: if staff { json_col(r, 9)? } else { Vec::new() },
        public: r.get(11)?,
        updated_at: ts(r.get(10)?),
    })
}

/// The forms the reader may use, by name.
pub fn list(c: &Conn<'_>, scope: &KnowledgeScope) -> Result<Vec<SupportForm>> {
    let staff = scope.staff();
    let rows =
        c.0.prepare_cached(&format!(
            "{SELECT} WHERE {VISIBLE} ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?3"
        ))?
        .query_map(params![staff, scope.org(), MAX_FORMS], |r| {
            from_row(r, staff)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One form, if the reader may use it.
pub fn get(c: &Conn<'_>, scope: &KnowledgeScope, id: Id) -> Result<SupportForm> {
    let staff = scope.staff();
    c.0.prepare_cached(&format!("{SELECT} WHERE {VISIBLE} AND a.id = ?3"))?
        .query_row(params![staff, scope.org(), id], |r| from_row(r, staff))
        .found()
}

/// A form's whole content as written.
#[derive(Debug, Clone)]
pub struct FormRow {
    pub name: String,
    pub fields: Vec<FormField>,
    pub priority: Priority,
    pub tag: Option<String>,
    pub assignee_id: Option<Id>,
    pub team: Option<String>,
    pub visibility: ArticleVisibility,
    pub tags: Vec<String>,
    pub public: bool,
}

pub fn insert(c: &Conn<'_>, f: &FormRow, now: i64) -> Result<Id> {
    save(c, None, f, now)
}

pub fn replace(c: &Conn<'_>, id: Id, f: &FormRow, now: i64) -> Result<()> {
    let live: bool =
        c.0.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM support_forms WHERE id = ?1 AND deleted_at IS NULL)",
        )?
        .query_row([id], |r| r.get(0))?;
    if !live {
        return Err(StoreError::NotFound);
    }
    save(c, Some(id), f, now).map(|_| ())
}

/// One statement for both: a new row, or (on its id) the new content.
fn save(c: &Conn<'_>, id: Option<Id>, f: &FormRow, now: i64) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO support_forms (id, name, fields, priority, tag, assignee_id, team, visibility, tags,
                                    created_at, updated_at, public)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, fields = excluded.fields,
             priority = excluded.priority, tag = excluded.tag, assignee_id = excluded.assignee_id,
             team = excluded.team, visibility = excluded.visibility, tags = excluded.tags,
             updated_at = excluded.updated_at, public = excluded.public",
    )?
    .execute(params![
        id,
        f.name,
        to_json(&f.fields),
        f.priority.as_str(),
        f.tag,
        f.assignee_id,
        f.team,
        f.visibility.as_str(),
        to_json(&f.tags),
        now,
        f.public
    ])?;
    Ok(id.unwrap_or_else(|| c.0.last_insert_rowid()))
}

/// The stored routing of a form (whatever the reader is told): its tag,
/// assignee and team, for the ticket a submission opens.
pub fn routing(c: &Conn<'_>, id: Id) -> Result<(Option<String>, Option<Id>, Option<String>)> {
    c.0.prepare_cached("SELECT tag, assignee_id, team FROM support_forms WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .found()
}

/// Takes a form off every list: it opens no more tickets; those it opened
/// keep their tag and answers.
pub fn delete(c: &Conn<'_>, id: Id, now: i64) -> Result<()> {
    let changed =
        c.0.prepare_cached(
            "UPDATE support_forms SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![id, now])?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The forms anyone may use without signing in, by name, as clients see
/// them (no routing).
pub fn list_public(c: &Conn<'_>) -> Result<Vec<SupportForm>> {
    let rows =
        c.0.prepare_cached(&format!(
            "{SELECT} WHERE a.public = 1 AND a.deleted_at IS NULL
             ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?1"
        ))?
        .query_map([MAX_FORMS], |r| from_row(r, false))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One form anyone may use; any other is not found.
pub fn get_public(c: &Conn<'_>, id: Id) -> Result<SupportForm> {
    c.0.prepare_cached(&format!(
        "{SELECT} WHERE a.public = 1 AND a.deleted_at IS NULL AND a.id = ?1"
    ))?
    .query_row([id], |r| from_row(r, false))
    .found()
}

/// The active client contact with this e-mail, and their organisation.
pub fn contact_by_email(c: &Conn<'_>, email: &str) -> Result<Option<(Id, Id)>> {
    Ok(c.0
        .prepare_cached(
            "SELECT id, organization_id FROM users
             WHERE email = ?1 AND role = 'client' AND status = 'active'
               AND organization_id IS NOT NULL",
        )?
        .query_row([email], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Keeps a public submission from an unknown address for staff.
pub fn hold(
    c: &Conn<'_>,
    form: Id,
    email: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO support_form_holds (form_id, email, subject, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![form, email, subject, body, now])?;
    Ok(())
}

/// Most held submissions one answer lists, newest first.
const MAX_HOLDS: u32 = 500;

/// The public submissions held for staff, newest first.
pub fn holds(c: &Conn<'_>) -> Result<Vec<SupportFormHold>> {
    let rows =
        c.0.prepare_cached(
            "SELECT h.id, h.form_id, f.name, h.email, h.subject, h.body, h.created_at
             FROM support_form_holds h JOIN support_forms f ON f.id = h.form_id
             ORDER BY h.id DESC LIMIT ?1",
        )?
        .query_map([MAX_HOLDS], |r| {
            Ok(SupportFormHold {
                id: r.get(0)?,
                form_id: r.get(1)?,
                form_name: r.get(2)?,
                email: r.get(3)?,
                subject: r.get(4)?,
                body: r.get(5)?,
                created_at: ts(r.get(6)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
