//! Tasks: the signed-in person's own (`mine=true`) or all they see, due
//! soonest first; staff and clients create them; the assignee marks them done.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{ErrorBody, Id, NewTask, Page, Task, TaskPatch, TaskQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
}

/// The tasks the viewer sees, due soonest first (no due date last);
/// `mine=true` only their own. Overdue ones are marked.
#[utoipa::path(get, path = "/tasks", tag = "tasks", security(("bearer" = [])),
    params(TaskQuery),
    responses((status = 200, body = Page<Task>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<TaskQuery>,
) -> Result<Json<Page<Task>>> {
    Ok(Json(ops::list(&st, &viewer, q).await?))
}

/// Create a task. Staff: for an organisation or a project's, assigned to
/// staff, a worker or a contact of that organisation. A client: for their
/// own organisation (whatever `organization_id` says) or a project of it
/// they see, assigned to themselves (the default) or another contact of it.
#[utoipa::path(post, path = "/tasks", tag = "tasks", security(("bearer" = [])),
    request_body = NewTask,
    responses((status = 201, body = Task), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewTask>,
) -> Result<(StatusCode, Json<Task>)> {
    let task = ops::create(&st, &viewer, req).await?;
    Ok((StatusCode::CREATED, Json(task)))
}

/// One task; its files and talk are in its thread (`thread_id`).
#[utoipa::path(get, path = "/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Task), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<Task>> {
    Ok(Json(ops::read(&st, &viewer, id).await?))
}

/// Change a task. The assignee may only set `status` (`done` or `open`);
/// staff anything.
#[utoipa::path(patch, path = "/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = TaskPatch,
    responses((status = 200, body = Task), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<TaskPatch>,
) -> Result<Json<Task>> {
    Ok(Json(ops::change(&st, &viewer, id, req).await?))
}
