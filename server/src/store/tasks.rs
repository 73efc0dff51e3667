//! Tasks. Every read takes the viewer's `TaskScope` and puts it into the
//! SQL: a worker's own, or an organisation's within the contact's
//! locations (a task's location is its project's).

use jiff::civil::Date;
use portico_shared::{
    Id, LocationRef, OrganizationRef, Page, PersonRef, ProjectRef, Task, TaskQuery, TaskStatus,
};
use rusqlite::{Row, params};

use super::orders::date_col;
use super::proofs::VisibleTask;
use super::{Conn, InvalidCursor, OptionalRow, Result, enum_col, ts};
use crate::access::TaskScope;

/// The columns `from_row` reads. The scope binds ?1 (a worker, whose own
/// only, or NULL), ?2 (organisation or NULL) and ?3 (JSON locations or NULL).
const SELECT: &str = "SELECT t.id, t.title, t.description, t.organization_id, org.name,
        t.project_id, p.name, p.location_id, l.name, t.assignee_id, u.name, t.due_date,
        t.status, t.thread_id, t.created_at, t.updated_at, t.done_at
    FROM tasks t
    JOIN organizations org ON org.id = t.organization_id
    LEFT JOIN projects p ON p.id = t.project_id
    LEFT JOIN locations l ON l.id = p.location_id
    LEFT JOIN users u ON u.id = t.assignee_id
    WHERE (?1 IS NULL OR t.assignee_id = ?1)
      AND (?2 IS NULL OR t.organization_id = ?2)
      AND (?3 IS NULL OR p.location_id IS NULL
           OR p.location_id IN (SELECT value FROM json_each(?3)))";

/// Due soonest first, no due date last.
const ORDER: &str = "ORDER BY t.due_date IS NULL, t.due_date, t.id";

/// A row as a task; `today` (UTC) decides whether it is overdue.
fn from_row(r: &Row<'_>, today: Date) -> rusqlite::Result<Task> {
    let opt_ref = |id: Option<Id>, name: Option<String>| id.zip(name);
    let status: TaskStatus = enum_col(r, 12)?;
    let due_date = date_col(r, 11)?;
    Ok(Task {
        id: r.get(0)?,
        title: r.get(1)?,
        description: r.get(2)?,
        organization: OrganizationRef {
            id: r.get(3)?,
            name: r.get(4)?,
        },
        project: opt_ref(r.get(5)?, r.get(6)?).map(|(id, name)| ProjectRef { id, name }),
        location: opt_ref(r.get(7)?, r.get(8)?).map(|(id, name)| LocationRef { id, name }),
        assignee: opt_ref(r.get(9)?, r.get(10)?).map(|(id, name)| PersonRef { id, name }),
        overdue: status == TaskStatus::Open && due_date.is_some_and(|d| d < today),
        due_date,
        status,
        thread_id: r.get(13)?,
        created_at: ts(r.get(14)?),
        updated_at: ts(r.get(15)?),
        done_at: r.get::<_, Option<i64>>(16)?.map(ts),
        attachments: Vec::new(),
    })
}

/// One task, if the viewer may see it.
pub fn get(c: &Conn<'_>, scope: &TaskScope, id: Id, today: Date) -> Result<Task> {
    let (worker, org, locations) = scope.params();
    c.0.prepare_cached(&format!("{SELECT} AND t.id = ?4"))?
        .query_row(params![worker, org, locations, id], |r| from_row(r, today))
        .found()
}

/// The proof that the viewer may see task `id`; not found otherwise.
pub fn check_visible(c: &Conn<'_>, scope: &TaskScope, id: Id) -> Result<VisibleTask> {
    get(c, scope, id, Date::MIN).map(|_| VisibleTask::trusted(id))
}

/// The tasks the viewer sees, due soonest first. The cursor is how many
/// rows came before (the order is not by id).
pub fn list(
    c: &Conn<'_>,
    scope: &TaskScope,
    q: &TaskQuery,
    today: Date,
    limit: u32,
) -> Result<Page<Task>> {
    let (worker, org, locations) = scope.params();
    let offset: u32 = match q.cursor.as_deref() {
        None => 0,
        Some(c) => c.parse().map_err(|_| InvalidCursor)?,
    };
    let mine = q.mine.unwrap_or(false).then_some(scope.me());
    let sql = format!(
        "{SELECT} AND (?4 IS NULL OR t.assignee_id = ?4) AND (?5 IS NULL OR t.status = ?5)
           AND (?6 IS NULL OR t.project_id = ?6) AND (?7 IS NULL OR t.organization_id = ?7)
         {ORDER} LIMIT ?8 OFFSET ?9"
    );
    let mut items =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![
                    worker,
                    org,
                    locations,
                    mine,
                    q.status.map(TaskStatus::as_str),
                    q.project_id,
                    q.organization_id,
                    limit + 1,
                    offset
                ],
                |r| from_row(r, today),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    let next_cursor = (items.len() > limit as usize).then(|| {
        items.truncate(limit as usize);
        (offset + limit).to_string()
    });
    Ok(Page { items, next_cursor })
}

/// A project's tasks the viewer sees, due soonest first (at most 200).
pub fn of_project(
    c: &Conn<'_>,
    scope: &TaskScope,
    project_id: Id,
    today: Date,
) -> Result<Vec<Task>> {
    let q = TaskQuery {
        project_id: Some(project_id),
        limit: Some(portico_shared::MAX_LIMIT),
        ..TaskQuery::default()
    };
    Ok(list(c, scope, &q, today, portico_shared::MAX_LIMIT)?.items)
}

/// A new task's row.
pub struct NewTaskRow<'a> {
    pub organization_id: Id,
    pub project_id: Option<Id>,
    pub title: &'a str,
    pub description: &'a str,
    pub assignee_id: Option<Id>,
    pub due_date: Option<Date>,
    pub created_by: Id,
    pub now: i64,
}

/// Stores a task with its thread (0010's trigger makes the task its owner).
pub fn insert(c: &Conn<'_>, t: &NewTaskRow<'_>) -> Result<Id> {
    // 0002's CHECK cannot say 'task': see 0010_projects.sql.
    c.0.prepare_cached(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'standalone', ?2)",
    )?
    .execute(params![t.organization_id, t.now])?;
    let thread = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "INSERT INTO tasks (organization_id, project_id, title, description, assignee_id,
                            due_date, status, thread_id, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        t.organization_id,
        t.project_id,
        t.title,
        t.description,
        t.assignee_id,
        t.due_date.map(|d| d.to_string()),
        thread,
        t.created_by,
        t.now
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// What a change sets; `None` leaves a field as it is.
#[derive(Default)]
pub struct Update {
    pub status: Option<TaskStatus>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub assignee_id: Option<Id>,
    pub due_date: Option<Date>,
}

/// Changes a task the caller has seen; marking it done stamps the time,
/// reopening clears it.
pub fn update(c: &Conn<'_>, task: &Task, u: &Update, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE tasks SET status = COALESCE(?2, status), title = COALESCE(?3, title),
             description = COALESCE(?4, description), assignee_id = COALESCE(?5, assignee_id),
             due_date = COALESCE(?6, due_date),
             done_at = CASE ?2 WHEN 'done' THEN COALESCE(done_at, ?7) WHEN 'open' THEN NULL
                       ELSE done_at END,
             updated_at = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        task.id,
        u.status.map(TaskStatus::as_str),
        u.title,
        u.description,
        u.assignee_id,
        u.due_date.map(|d| d.to_string()),
        now
    ])?;
    Ok(())
}

/// Whether `user` may be assigned a task of `org`: staff, a worker, or an
/// active-or-invited contact of that organisation.
pub fn assignable(c: &Conn<'_>, user: Id, org: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?1 AND status != 'removed'
                 AND (role != 'client' OR organization_id = ?2))",
        )?
        .query_row(params![user, org], |r| r.get(0))?)
}
