//! Projects, their phases and the phases' history. Every read takes the
//! viewer's `ProjectScope` and puts it into the SQL (a project at a
//! location outside a contact's is not found); clients never get internal
//! phases or their history.

use jiff::civil::Date;
use portico_shared::{
    Id, LocationRef, OrganizationRef, Page, PersonRef, Phase, PhaseAction, PhaseChange,
    PhaseStatus, Project, ProjectQuery, ProjectStatus,
};
use rusqlite::types::Type;
use rusqlite::{Row, params};

use super::orders::date_col;
use super::{Conn, OptionalRow, Result, enum_col, id_cursor, page_of, to_json, ts};
use crate::access::ProjectScope;

/// The columns `from_row` reads. The scope binds ?1 (organisation or NULL)
/// and ?2 (a JSON array of locations or NULL); a project of no location
/// is the whole organisation's.
const SELECT: &str = "SELECT p.id, p.name, p.description, p.status, p.organization_id, org.name,
        p.location_id, l.name, p.start_date, p.due_date, p.owner_id, u.name, p.thread_id,
        p.created_at, p.updated_at
    FROM projects p
    JOIN organizations org ON org.id = p.organization_id
    LEFT JOIN locations l ON l.id = p.location_id
    LEFT JOIN users u ON u.id = p.owner_id
    WHERE (?1 IS NULL OR p.organization_id = ?1)
      AND (?2 IS NULL OR p.location_id IS NULL
           OR p.location_id IN (SELECT value FROM json_each(?2)))";

fn scope_params(s: &ProjectScope) -> (Option<Id>, Option<String>) {
    (s.org(), s.locations().as_deref().map(to_json))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    let location = match r.get::<_, Option<Id>>(6)? {
        Some(id) => Some(LocationRef {
            id,
            name: r.get(7)?,
        }),
        None => None,
    };
    let owner = match r.get::<_, Option<Id>>(10)? {
        Some(id) => Some(PersonRef {
            id,
            name: r.get(11)?,
        }),
        None => None,
    };
    Ok(Project {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        status: enum_col(r, 3)?,
        organization: OrganizationRef {
            id: r.get(4)?,
            name: r.get(5)?,
        },
        location,
        start_date: date_col(r, 8)?,
        due_date: date_col(r, 9)?,
        owner,
        thread_id: r.get(12)?,
        created_at: ts(r.get(13)?),
        updated_at: ts(r.get(14)?),
    })
}

/// A `YYYY-MM-DD` column that is never NULL.
fn day_col(r: &Row<'_>, idx: usize) -> rusqlite::Result<Date> {
    date_col(r, idx)?.ok_or(rusqlite::Error::InvalidColumnType(
        idx,
        "date".to_owned(),
        Type::Null,
    ))
}

/// One project, if the viewer may see it.
pub fn get(c: &Conn<'_>, scope: &ProjectScope, id: Id) -> Result<Project> {
    let (org, locations) = scope_params(scope);
    c.0.prepare_cached(&format!("{SELECT} AND p.id = ?3"))?
        .query_row(params![org, locations, id], from_row)
        .found()
}

/// The projects the viewer sees, newest first.
pub fn list(
    c: &Conn<'_>,
    scope: &ProjectScope,
    q: &ProjectQuery,
    limit: u32,
) -> Result<Page<Project>> {
    let (org, locations) = scope_params(scope);
    let before = match id_cursor(q.cursor.as_deref())? {
        0 => Id::MAX,
        id => id,
    };
    let sql = format!(
        "{SELECT} AND (?3 IS NULL OR p.status = ?3) AND (?4 IS NULL OR p.organization_id = ?4)
           AND p.id < ?5 ORDER BY p.id DESC LIMIT ?6"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![
                    org,
                    locations,
                    q.status.map(ProjectStatus::as_str),
                    q.organization_id,
                    before,
                    limit + 1
                ],
                from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, |p| p.id.to_string()))
}

/// A new project's row.
pub struct NewProjectRow<'a> {
    pub organization_id: Id,
    pub location_id: Option<Id>,
    pub name: &'a str,
    pub description: &'a str,
    pub status: ProjectStatus,
    pub start_date: Option<Date>,
    pub due_date: Option<Date>,
    pub owner_id: Option<Id>,
    pub now: i64,
}

/// Stores a project with its thread (0010's trigger makes the project its owner).
pub fn insert(c: &Conn<'_>, p: &NewProjectRow<'_>) -> Result<Id> {
    // 0002's CHECK cannot say 'project': see 0010_projects.sql.
    c.0.prepare_cached(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'standalone', ?2)",
    )?
    .execute(params![p.organization_id, p.now])?;
    let thread = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "INSERT INTO projects (organization_id, location_id, name, description, status,
                               start_date, due_date, owner_id, thread_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        p.organization_id,
        p.location_id,
        p.name,
        p.description,
        p.status.as_str(),
        p.start_date.map(|d| d.to_string()),
        p.due_date.map(|d| d.to_string()),
        p.owner_id,
        thread,
        p.now
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// What a change sets; `None` leaves a field as it is.
#[derive(Default)]
pub struct Update {
    pub name: Option<String>,
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
    pub start_date: Option<Date>,
    pub due_date: Option<Date>,
    pub owner_id: Option<Id>,
}

/// Changes a project the caller has seen.
pub fn update(c: &Conn<'_>, project: &Project, u: &Update, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE projects SET name = COALESCE(?2, name), description = COALESCE(?3, description),
             status = COALESCE(?4, status), start_date = COALESCE(?5, start_date),
             due_date = COALESCE(?6, due_date), owner_id = COALESCE(?7, owner_id), updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        project.id,
        u.name,
        u.description,
        u.status.map(ProjectStatus::as_str),
        u.start_date.map(|d| d.to_string()),
        u.due_date.map(|d| d.to_string()),
        u.owner_id,
        now
    ])?;
    Ok(())
}

const PHASE: &str = "SELECT id, name, start_date, end_date, status, visible_to_client, position
    FROM project_phases";

fn phase_from_row(r: &Row<'_>) -> rusqlite::Result<Phase> {
    Ok(Phase {
        id: r.get(0)?,
        name: r.get(1)?,
        start_date: day_col(r, 2)?,
        end_date: day_col(r, 3)?,
        status: enum_col(r, 4)?,
        visible_to_client: r.get(5)?,
        position: r.get(6)?,
    })
}

/// A project's timeline: its phases in date order (then by position);
/// internal ones only when `staff`.
pub fn phases(c: &Conn<'_>, project: &Project, staff: bool) -> Result<Vec<Phase>> {
    let sql = format!(
        "{PHASE} WHERE project_id = ?1 AND (?2 OR visible_to_client)
         ORDER BY start_date, end_date, position, id"
    );
    Ok(c.0
        .prepare_cached(&sql)?
        .query_map(params![project.id, staff], phase_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One phase of a project the caller has seen.
pub fn phase(c: &Conn<'_>, project: &Project, phase_id: Id) -> Result<Phase> {
    c.0.prepare_cached(&format!("{PHASE} WHERE project_id = ?1 AND id = ?2"))?
        .query_row(params![project.id, phase_id], phase_from_row)
        .found()
}

/// Stores a new phase of a project the caller has seen: a row for it, then
/// the phase written into it as `update_phase` writes every change.
pub fn insert_phase(c: &Conn<'_>, project: &Project, p: &Phase, now: i64) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO project_phases (project_id, name, start_date, end_date, status,
                                     created_at, updated_at)
         VALUES (?1, '', ?2, ?2, 'planned', ?3, ?3)",
    )?
    .execute(params![project.id, p.start_date.to_string(), now])?;
    let id = c.0.last_insert_rowid();
    update_phase(c, project, &Phase { id, ..p.clone() }, now)?;
    Ok(id)
}

/// Writes a phase as it now is (its id names which).
pub fn update_phase(c: &Conn<'_>, project: &Project, p: &Phase, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE project_phases SET name = ?3, start_date = ?4, end_date = ?5, status = ?6,
             visible_to_client = ?7, position = ?8, updated_at = ?9
         WHERE project_id = ?1 AND id = ?2",
    )?
    .execute(params![
        project.id,
        p.id,
        p.name,
        p.start_date.to_string(),
        p.end_date.to_string(),
        p.status.as_str(),
        p.visible_to_client,
        p.position,
        now
    ])?;
    Ok(())
}

pub fn delete_phase(c: &Conn<'_>, project: &Project, phase_id: Id) -> Result<()> {
    c.0.prepare_cached("DELETE FROM project_phases WHERE project_id = ?1 AND id = ?2")?
        .execute(params![project.id, phase_id])?;
    Ok(())
}

/// Keeps one change to a phase, as the phase is after it.
pub fn record(
    c: &Conn<'_>,
    project: &Project,
    phase: &Phase,
    action: PhaseAction,
    actor: Id,
    now: i64,
) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO phase_history (project_id, phase_id, phase_name, action, status,
                                    visible_to_client, actor_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        project.id,
        phase.id,
        phase.name,
        action.as_str(),
        phase.status.as_str(),
        phase.visible_to_client,
        actor,
        now
    ])?;
    Ok(())
}

/// The timeline's history, newest first; changes to internal phases only
/// when `staff`. Bounded: a project's last 200 changes.
pub fn history(c: &Conn<'_>, project: &Project, staff: bool) -> Result<Vec<PhaseChange>> {
    Ok(c.0
        .prepare_cached(
            "SELECT id, phase_id, phase_name, action, status, at FROM phase_history
             WHERE project_id = ?1 AND (?2 OR visible_to_client)
             ORDER BY id DESC LIMIT 200",
        )?
        .query_map(params![project.id, staff], |r| {
            Ok(PhaseChange {
                id: r.get(0)?,
                phase_id: r.get(1)?,
                phase_name: r.get(2)?,
                action: enum_col(r, 3)?,
                status: enum_col::<PhaseStatus>(r, 4)?,
                at: ts(r.get(5)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}
