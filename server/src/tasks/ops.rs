//! Task operations: listing (mine or all, due soonest first), creating
//! (staff, and clients for their own organisation) and changing, each in
//! one transaction; a task's own files come with it.

use portico_shared::{Id, NewTask, Page, Task, TaskPatch, TaskQuery, validate};

use super::policy;
use crate::access::TaskScope;
use crate::access::Viewer;
use crate::error::{ApiError, Result};
use crate::fields;
use crate::projects::ops::description;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::owners::Owner;
use crate::store::{Conn, StoreError, attachments, conversations, orders, orgs, projects, tasks};
use crate::threads::attachments::only_own_uploads;

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

/// One task with its own files, if the viewer sees it.
pub async fn read(st: &AppState, viewer: &Viewer, id: Id) -> Result<Task> {
    let scope = viewer.tasks()?;
    let today = orders::utc_date(st.clock.now());
    Ok(st
        .db
        .read(move |c| {
            let mut task = tasks::get(c, &scope, id, today)?;
            task.attachments = attachments::of_owner(c, Owner::Task(id))?;
            Ok::<_, StoreError>(task)
        })
        .await?)
}

/// Makes the sender's own unattached uploads the task's files; any other
/// id refuses the whole write.
fn attach(c: &Conn<'_>, scope: &TaskScope, id: Id, me: Id, files: &[Id]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let task = tasks::check_visible(c, scope, id)?;
    only_own_uploads(&attachments::link_to_owner(c, me, files, &task)?)
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

/// Where a new task belongs: its project's organisation, or the one named
/// (staff); a client's own organisation whatever the body names, and only
/// a project they see.
fn task_org(c: &Conn<'_>, viewer: &Viewer, req: &NewTask) -> Result<Id> {
    let own = viewer.client_org();
    if let Some(p) = req.project_id {
        let scope = viewer.projects()?;
        return Ok(projects::get(c, &scope, p)
            .map_err(|_| ApiError::field("project_id", "no such project"))?
            .organization
            .id);
    }
    match (own, req.organization_id) {
        (Some(org), _) => Ok(org),
        (None, Some(o)) if orgs::get(c, o).is_ok() => Ok(o),
        (None, Some(_)) => Err(ApiError::field("organization_id", "no such organisation")),
        (None, None) => Err(ApiError::field(
            "organization_id",
            "name the organisation or the project",
        )),
    }
}

/// Whom a client's task is for: themselves unless they name another
/// contact of their organisation.
fn client_assignee(c: &Conn<'_>, me: Id, org: Id, wanted: Option<Id>) -> Result<Id> {
    match wanted {
        None => Ok(me),
        Some(a) if conversations::contacts_of(c, org, &[a])? == [a] => Ok(a),
        Some(_) => Err(ApiError::field(
            "assignee_id",
            "must be you or a contact of your organisation",
        )),
    }
}

/// Creates a task: staff for any organisation or project, assigned to
/// anyone who may take it; a client for their own organisation (or a
/// project of it they see), assigned to themselves or another contact.
pub async fn create(st: &AppState, viewer: &Viewer, req: NewTask) -> Result<Task> {
    let scope = viewer.tasks()?;
    if !scope.staff() && viewer.client_org().is_none() {
        return Err(ApiError::Forbidden(
            "tasks are created by staff and clients",
        ));
    }
    let title = validate::name("title", &req.title)?;
    let description = description(&req.description)?;
    let (now, me) = (st.clock.now(), viewer.id());
    let who = viewer.clone();
    let id = st
        .db
        .write(move |tx| {
            let org = task_org(tx, &who, &req)?;
            let assignee_id = match scope.staff() {
                true => {
                    check_assignee(tx, req.assignee_id, org)?;
                    req.assignee_id
                }
                false => Some(client_assignee(tx, me, org, req.assignee_id)?),
            };
            let id = tasks::insert(
                tx,
                &tasks::NewTaskRow {
                    organization_id: org,
                    project_id: req.project_id,
                    title: &title,
                    description: &description,
                    assignee_id,
                    due_date: req.due_date,
                    created_by: me,
                    now,
                },
            )?;
            attach(tx, &scope, id, me, &req.attachment_ids)?;
            Ok::<_, ApiError>(id)
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
                    return Err(ApiError::Forbidden(
                        "only the assignee marks a task done or hands over its files",
                    ));
                }
            }
            check_assignee(tx, update.assignee_id, task.organization.id)?;
            tasks::update(tx, &task, &update, now)?;
            attach(tx, &scope, id, me, &req.attachment_ids)?;
            Ok(())
        })
        .await?;
    publish(st, me, vec![Change::task("task.updated", id)]).await?;
    read(st, viewer, id).await
}
