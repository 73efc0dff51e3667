//! Shifts, Who's working and the clock: staff schedule workers at
//! locations; workers clock in, take breaks and clock out; clients and staff
//! watch today's shifts at their locations with their live state.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portico_shared::{
    ClockRequest, ClockStatus, ErrorBody, Id, NewShift, PersonRef, Role, Shift, ShiftPatch,
    ShiftQuery,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::users;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(cancel, reschedule))
        .routes(routes!(clock_status, clock))
        .routes(routes!(workers))
}

/// The active workers, to schedule on shifts and order items (staff).
#[utoipa::path(get, path = "/workers", tag = "timesheets", security(("bearer" = [])),
    responses((status = 200, body = Vec<PersonRef>), (status = 403, body = ErrorBody)))]
async fn workers(State(st): State<AppState>, viewer: Viewer) -> Result<Json<Vec<PersonRef>>> {
    viewer.require_staff()?;
    Ok(Json(
        st.db.read(|c| users::active_in(c, &[Role::Worker])).await?,
    ))
}

/// Who's working: the shifts the viewer sees on `days` days from `date`, as
/// days go at each shift's location (today there, when `date` is absent),
/// each with its state now. Workers see their own.
#[utoipa::path(get, path = "/shifts", tag = "timesheets", security(("bearer" = [])),
    params(ShiftQuery),
    responses((status = 200, body = Vec<Shift>), (status = 403, body = ErrorBody),
        (status = 422, description = "`days` is out of range", body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<ShiftQuery>,
) -> Result<Json<Vec<Shift>>> {
    Ok(Json(ops::whos_working(&st, &viewer, q).await?))
}

/// Schedule a worker at a location (staff). With `order_item_id` the worker,
/// location and times default to the item's.
#[utoipa::path(post, path = "/shifts", tag = "timesheets", security(("bearer" = [])),
    request_body = NewShift,
    responses((status = 201, body = Shift), (status = 403, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<NewShift>,
) -> Result<(StatusCode, Json<Shift>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::schedule(&st, &viewer, client, req).await?),
    ))
}

/// Cancel a shift nobody has clocked into yet (staff).
#[utoipa::path(delete, path = "/shifts/{id}", tag = "timesheets", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "cancelled"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the worker has clocked into it", body = ErrorBody)))]
async fn cancel(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
) -> Result<StatusCode> {
    ops::cancel_shift(&st, &viewer, client, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move a shift nobody has clocked into to other times (staff); checked
/// like a new one (the end after the start, at most a day, no overlap).
#[utoipa::path(patch, path = "/shifts/{id}", tag = "timesheets", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ShiftPatch,
    responses((status = 200, body = Shift), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the worker has clocked into it", body = ErrorBody)))]
async fn reschedule(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(patch): AppJson<ShiftPatch>,
) -> Result<Json<Shift>> {
    Ok(Json(
        ops::move_shift(&st, &viewer, client, id, patch).await?,
    ))
}

/// The worker's clock: the shift under way, or the next one.
#[utoipa::path(get, path = "/clock", tag = "timesheets", security(("bearer" = [])),
    responses((status = 200, body = ClockStatus), (status = 403, body = ErrorBody)))]
async fn clock_status(State(st): State<AppState>, viewer: Viewer) -> Result<Json<ClockStatus>> {
    Ok(Json(ops::clock_status(&st, &viewer).await?))
}

/// Clock in, start or end a break, or clock out (workers). Clocking out
/// writes a draft timesheet entry for the shift, breaks deducted.
#[utoipa::path(post, path = "/clock", tag = "timesheets", security(("bearer" = [])),
    request_body = ClockRequest,
    responses((status = 200, body = ClockStatus), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the action does not fit the clock's state", body = ErrorBody)))]
async fn clock(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<ClockRequest>,
) -> Result<Json<ClockStatus>> {
    Ok(Json(ops::clock(&st, &viewer, req).await?))
}
