//! Task operations: listing (mine or all, due soonest first), creating
//! (staff) and changing, each in one transaction.

use portico_shared::{Id, NewTask, Page, Task, TaskPatch, TaskQuery, validate};

use super::policy;
use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::fields;
use crate::projects::ops::description;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::{Conn, orders, orgs, projects, tasks};

/// The tasks the viewer sees (`mine`: only theirs), due soonest first.
pub async fn list(st: &AppState, viewer: &Viewer, q: TaskQuery) -> Result<Page<Task>> {
    let scope = viewer.tasks()?;
    let limit = portico_shared::clamp_limit(q.limit);
    let today = orders::utc_date(st.clock.now());
    Ok(st
        .db
        .read(move |c| tasks::list(c, &scope, &q, today, limit))
        .await?)
}

/// One task, if the viewer sees it.
pub async fn read(st: &AppState, viewer: &Viewer, id: Id) -> Result<Task> {
    let scope = viewer.tasks()?;
    let today = orders::utc_date(st.clock.now());
    Ok(st
        .db
        .read(move |c| tasks::get(c, &scope, id, today))
        .await?)
}

/// The assignee must be staff, a worker or a contact of the task's organisation.
fn check_assignee(c: &Conn<'_>, assignee: Option<Id>, org: Id) -> Result<()> {
    match assignee {
        Some(a) if !tasks::assignable(c, a, org)? => Err(ApiError::field(
            "assignee_id",
            "must be staff, a worker or a contact of the task's organisation",
        )),
        _ => Ok(()),
    }
}

/// Creates a task (staff): for a project's organisation, or one named.
pub async fn create(st: &AppState, viewer: &Viewer, req: NewTask) -> Result<Task> {
    viewer.require_staff()?;
    viewer.tasks()?;
    let projects_scope = viewer.projects()?;
    let title = validate::name("title", &req.title)?;
    let description = description(&req.description)?;
    let (now, me) = (st.clock.now(), viewer.id());
    let id = st
        .db
        .write(move |tx| {
            let org = match (req.project_id, req.organization_id) {
                (Some(p), _) => {
                    projects::get(tx, &projects_scope, p)
                        .map_err(|_| ApiError::field("project_id", "no such project"))?
                        .organization
                        .id
                }
                (None, Some(o)) if orgs::get(tx, o).is_ok() => o,
                (None, Some(_)) => {
                    return Err(ApiError::field("organization_id", "no such organisation"));
                }
                (None, None) => {
                    return Err(ApiError::field(
                        "organization_id",
                        "name the organisation or the project",
                    ));
                }
            };
            check_assignee(tx, req.assignee_id, org)?;
            Ok(tasks::insert(
                tx,
                &tasks::NewTaskRow {
                    organization_id: org,
                    project_id: req.project_id,
                    title: &title,
                    description: &description,
                    assignee_id: req.assignee_id,
                    due_date: req.due_date,
                    created_by: me,
                    now,
                },
            )?)
        })
        .await?;
    publish(st, me, vec![Change::task("task.created", id)]).await?;
    read(st, viewer, id).await
}

/// Changes a task: staff anything, the assignee only its status.
pub async fn change(st: &AppState, viewer: &Viewer, id: Id, req: TaskPatch) -> Result<Task> {
    let scope = viewer.tasks()?;
    let update = tasks::Update {
        status: req.status,
        title: fields::name("title", req.title.as_deref())?,
        description: req.description.as_deref().map(description).transpose()?,
        assignee_id: req.assignee_id,
        due_date: req.due_date,
    };
    let (now, me) = (st.clock.now(), viewer.id());
    let today = orders::utc_date(now);
    st.db
        .write(move |tx| {
            // Visibility first: a task the viewer cannot see is not found,
            // whatever they asked to change.
            let task = tasks::get(tx, &scope, id, today)?;
            if !scope.staff() {
                if policy::staff_only(&req) {
                    return Err(ApiError::Forbidden("only staff change a task's details"));
                }
                if task.assignee.as_ref().map(|a| a.id) != Some(me) {
                    return Err(ApiError::Forbidden("only the assignee marks a task done"));
                }
            }
            check_assignee(tx, update.assignee_id, task.organization.id)?;
            tasks::update(tx, &task, &update, now)?;
            Ok(())
        })
        .await?;
    publish(st, me, vec![Change::task("task.updated", id)]).await?;
    read(st, viewer, id).await
}
