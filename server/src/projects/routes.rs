//! Projects: clients follow their organisation's projects on a timeline of
//! phases; staff create them, move them along and keep the phases.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ErrorBody, Id, NewPhase, NewProject, Page, Phase, PhasePatch, Project, ProjectDetail,
    ProjectPatch, ProjectQuery,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ops, phases};
use crate::access::Viewer;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(add_phase))
        .routes(routes!(patch_phase, delete_phase))
}

/// The projects the viewer sees (within their locations), newest first.
#[utoipa::path(get, path = "/projects", tag = "projects", security(("bearer" = [])),
    params(ProjectQuery),
    responses((status = 200, body = Page<Project>), (status = 403, body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ProjectQuery>,
) -> Result<Json<Page<Project>>> {
    Ok(Json(ops::list(&st, &viewer, q).await?))
}

/// Create a project for an organisation (staff).
#[utoipa::path(post, path = "/projects", tag = "projects", security(("bearer" = [])),
    request_body = NewProject,
    responses((status = 201, body = ProjectDetail), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewProject>,
) -> Result<(StatusCode, Json<ProjectDetail>)> {
    let detail = ops::create(&st, &viewer, req).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The project with its timeline: phases in date order (clients see only
/// the visible ones), the timeline's history newest first, and its tasks.
#[utoipa::path(get, path = "/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = ProjectDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<ProjectDetail>> {
    Ok(Json(ops::read(&st, &viewer, id).await?))
}

/// Change a project: name, description, status, dates, owner (staff).
#[utoipa::path(patch, path = "/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ProjectPatch,
    responses((status = 200, body = ProjectDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<ProjectPatch>,
) -> Result<Json<ProjectDetail>> {
    Ok(Json(ops::change(&st, &viewer, id, req).await?))
}

/// Add a phase to the project's timeline (staff).
#[utoipa::path(post, path = "/projects/{id}/phases", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewPhase,
    responses((status = 201, body = Phase), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn add_phase(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<NewPhase>,
) -> Result<(StatusCode, Json<Phase>)> {
    let phase = phases::add(&st, &viewer, id, req).await?;
    Ok((StatusCode::CREATED, Json(phase)))
}

/// Change a phase: name, dates, status, visibility, position (staff).
/// The change is kept in the project's history with its date.
#[utoipa::path(patch, path = "/projects/{id}/phases/{phase_id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path), ("phase_id" = i64, Path)), request_body = PhasePatch,
    responses((status = 200, body = Phase), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn patch_phase(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath((id, phase_id)): AppPath<(Id, Id)>,
    AppJson(req): AppJson<PhasePatch>,
) -> Result<Json<Phase>> {
    Ok(Json(phases::change(&st, &viewer, id, phase_id, req).await?))
}

/// Remove a phase (staff); its history stays.
#[utoipa::path(delete, path = "/projects/{id}/phases/{phase_id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path), ("phase_id" = i64, Path)),
    responses((status = 204, description = "removed"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_phase(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath((id, phase_id)): AppPath<(Id, Id)>,
) -> Result<StatusCode> {
    phases::remove(&st, &viewer, id, phase_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
