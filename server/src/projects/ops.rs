//! Project operations: reading a project with its timeline, history and
//! tasks; creating and changing one (staff), each in one transaction.

use jiff::civil::Date;
use portico_shared::validate::{self, MAX_NOTE_CHARS};
use portico_shared::{
    Id, NewProject, Page, Project, ProjectDetail, ProjectPatch, ProjectQuery, ProjectStatus, Role,
};

use crate::access::{ProjectScope, Viewer};
use crate::error::{ApiError, Result};
use crate::fields;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::{Conn, orders, orgs, projects, tasks, users};

/// The projects the viewer sees, newest first.
pub async fn list(st: &AppState, viewer: &Viewer, q: ProjectQuery) -> Result<Page<Project>> {
    let scope = viewer.projects()?;
    let limit = portico_shared::clamp_limit(q.limit);
    Ok(st
        .db
        .read(move |c| projects::list(c, &scope, &q, limit))
        .await?)
}

/// The project with its timeline (internal phases for staff only), the
/// timeline's history and the tasks the viewer may see.
pub async fn read(st: &AppState, viewer: &Viewer, id: Id) -> Result<ProjectDetail> {
    let scope = viewer.projects()?;
    let task_scope = viewer.tasks().ok();
    let today = orders::utc_date(st.clock.now());
    Ok(st
        .db
        .read(move |c| -> crate::store::Result<_> {
            let project = projects::get(c, &scope, id)?;
            let staff = scope.staff();
            let tasks = match &task_scope {
                Some(t) => tasks::of_project(c, t, id, today)?,
                None => Vec::new(),
            };
            Ok(ProjectDetail {
                phases: projects::phases(c, &project, staff)?,
                history: projects::history(c, &project, staff)?,
                tasks,
                project,
            })
        })
        .await?)
}

/// A description: free text of up to 2,000 characters.
pub fn description(raw: &str) -> Result<String> {
    Ok(validate::text("description", raw, MAX_NOTE_CHARS)?)
}

/// Start and due dates in order, when both are known.
fn check_dates(start: Option<Date>, due: Option<Date>) -> Result<()> {
    match (start, due) {
        (Some(s), Some(d)) if d < s => {
            Err(ApiError::field("due_date", "must not be before start_date"))
        }
        _ => Ok(()),
    }
}

/// The owner must be a staff member who has not been removed.
fn check_owner(c: &Conn<'_>, owner: Option<Id>) -> Result<()> {
    let Some(id) = owner else { return Ok(()) };
    let staff = users::get(c, id)
        .map(|u| {
            matches!(u.role, Role::Admin | Role::Agent)
                && u.status != portico_shared::UserStatus::Removed
        })
        .unwrap_or(false);
    if staff {
        Ok(())
    } else {
        Err(ApiError::field("owner_id", "must be a staff member"))
    }
}

/// Creates a project for an organisation (staff).
pub async fn create(st: &AppState, viewer: &Viewer, req: NewProject) -> Result<ProjectDetail> {
    viewer.require_staff()?;
    viewer.projects()?;
    let name = validate::name("name", &req.name)?;
    let description = description(&req.description)?;
    check_dates(req.start_date, req.due_date)?;
    let now = st.clock.now();
    let me = viewer.id();
    let id = st
        .db
        .write(move |tx| {
            if orgs::get(tx, req.organization_id).is_err() {
                return Err(ApiError::field("organization_id", "no such organisation"));
            }
            if let Some(l) = req.location_id
                && !orders::location_of(tx, req.organization_id, l)?
            {
                return Err(ApiError::field(
                    "location_id",
                    "must be one of the organisation's locations",
                ));
            }
            let owner = req.owner_id.or(Some(me));
            check_owner(tx, owner)?;
            Ok(projects::insert(
                tx,
                &projects::NewProjectRow {
                    organization_id: req.organization_id,
                    location_id: req.location_id,
                    name: &name,
                    description: &description,
                    status: req.status.unwrap_or(ProjectStatus::Planned),
                    start_date: req.start_date,
                    due_date: req.due_date,
                    owner_id: owner,
                    now,
                },
            )?)
        })
        .await?;
    publish(st, me, vec![Change::project("project.created", id)]).await?;
    read(st, viewer, id).await
}

/// Changes a project's fields (staff).
pub async fn change(
    st: &AppState,
    viewer: &Viewer,
    id: Id,
    req: ProjectPatch,
) -> Result<ProjectDetail> {
    viewer.require_staff()?;
    let scope: ProjectScope = viewer.projects()?;
    let update = projects::Update {
        name: fields::name("name", req.name.as_deref())?,
        description: req.description.as_deref().map(description).transpose()?,
        status: req.status,
        start_date: req.start_date,
        due_date: req.due_date,
        owner_id: req.owner_id,
    };
    let now = st.clock.now();
    st.db
        .write(move |tx| {
            let project = projects::get(tx, &scope, id)?;
            check_dates(
                update.start_date.or(project.start_date),
                update.due_date.or(project.due_date),
            )?;
            check_owner(tx, update.owner_id)?;
            projects::update(tx, &project, &update, now)?;
            Ok::<_, ApiError>(())
        })
        .await?;
    publish(
        st,
        viewer.id(),
        vec![Change::project("project.updated", id)],
    )
    .await?;
    read(st, viewer, id).await
}
