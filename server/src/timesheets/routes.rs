//! Timesheet entries: workers log and submit their time; clients with the
//! `timesheets` module approve or reject it for their locations, staff for
//! any; approved time exports as CSV for payroll and invoicing.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use jiff::civil::Date;
use portico_shared::{
    ApproveEntries, EntryPatch, ErrorBody, ExportQuery, Id, NewEntry, RejectEntry, TimesheetEntry,
    TimesheetList, TimesheetQuery, local_day, totals, week_start,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ops;
use crate::access::Viewer;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::state::AppState;
use crate::store::timesheets::{self, Filter};
use crate::store::ts;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(submit))
        .routes(routes!(reject))
        .routes(routes!(approve))
        .routes(routes!(export))
}

/// The days a listing covers: the week of `week`, or `from` to `to`, or this week.
fn range(q: &TimesheetQuery, today: Date) -> Result<(Date, Date)> {
    let week = |d: Date| {
        let monday = week_start(d);
        (
            monday,
            monday
                .checked_add(jiff::Span::new().days(6))
                .unwrap_or(monday),
        )
    };
    let (from, to) = match (q.week, q.from, q.to) {
        (Some(d), _, _) => week(d),
        (None, Some(from), Some(to)) => (from, to),
        (None, None, None) => week(today),
        _ => return Err(ApiError::field("to", "give both from and to, or week")),
    };
    ops::check_range(from, to)?;
    Ok((from, to))
}

/// Entries by their day at the location, with each worker's totals over
/// them. Workers see their own (drafts too); clients those of their
/// locations, staff all, once submitted.
#[utoipa::path(get, path = "/timesheets", tag = "timesheets", security(("bearer" = [])),
    params(TimesheetQuery),
    responses((status = 200, body = TimesheetList), (status = 403, body = ErrorBody),
        (status = 422, description = "the days are out of order or span too long", body = ErrorBody)))]
async fn list(
    State(st): State<AppState>,
    viewer: Viewer,
    AppQuery(q): AppQuery<TimesheetQuery>,
) -> Result<Json<TimesheetList>> {
    let scope = viewer.timesheets()?;
    let (from, to) = range(&q, local_day(ts(st.clock.now()), &jiff::tz::TimeZone::UTC))?;
    let filter = Filter {
        status: q.status,
        worker: q.worker_id,
        location: q.location_id,
    };
    let db = st.db.clone();
    crate::api::json_now(&st, |_| async move {
        let read_scope = scope.clone();
        let entries: Vec<TimesheetEntry> = db
            .read(move |c| timesheets::list(c, &read_scope, from, to, &filter))
            .await?
            .into_iter()
            .map(|e| timesheets::view(e, &scope))
            .collect();
        Ok(TimesheetList {
            from,
            to,
            totals: totals(&entries),
            entries,
        })
    })
    .await
}

/// Log time (workers): for one of your shifts, or at a location where you
/// had one. A draft unless `submit` is set.
#[utoipa::path(post, path = "/timesheets", tag = "timesheets", security(("bearer" = [])),
    request_body = NewEntry,
    responses((status = 201, body = TimesheetEntry), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    viewer: Viewer,
    AppJson(req): AppJson<NewEntry>,
) -> Result<(StatusCode, Json<TimesheetEntry>)> {
    Ok((
        StatusCode::CREATED,
        Json(ops::log(&st, &viewer, req).await?),
    ))
}

/// One entry.
#[utoipa::path(get, path = "/timesheets/{id}", tag = "timesheets", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = TimesheetEntry), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<TimesheetEntry>> {
    let scope = viewer.timesheets()?;
    Ok(Json(ops::read_view(&st, scope, id).await?))
}

/// Fix a draft or rejected entry (its worker); absent fields stay.
#[utoipa::path(patch, path = "/timesheets/{id}", tag = "timesheets", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = EntryPatch,
    responses((status = 200, body = TimesheetEntry), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the entry is submitted or approved", body = ErrorBody)))]
async fn patch(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<EntryPatch>,
) -> Result<Json<TimesheetEntry>> {
    Ok(Json(ops::fix(&st, &viewer, id, req).await?))
}

/// Submit a draft, or resubmit a fixed rejected entry (its worker).
#[utoipa::path(post, path = "/timesheets/{id}/submit", tag = "timesheets", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = TimesheetEntry), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the entry is submitted or approved already", body = ErrorBody)))]
async fn submit(
    State(st): State<AppState>,
    viewer: Viewer,
    AppPath(id): AppPath<Id>,
) -> Result<Json<TimesheetEntry>> {
    Ok(Json(ops::submit(&st, &viewer, id).await?))
}

/// Reject a submitted entry with a reason (clients with `timesheets` for
/// its location, staff); its worker may fix and resubmit it.
#[utoipa::path(post, path = "/timesheets/{id}/reject", tag = "timesheets", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = RejectEntry,
    responses((status = 200, body = TimesheetEntry), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the entry is not submitted", body = ErrorBody)))]
async fn reject(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppPath(id): AppPath<Id>,
    AppJson(req): AppJson<RejectEntry>,
) -> Result<Json<TimesheetEntry>> {
    Ok(Json(ops::reject(&st, &viewer, client, id, req).await?))
}

/// Approve submitted entries (clients with `timesheets` for their
/// locations, staff): all of them, or none if one cannot be approved.
#[utoipa::path(post, path = "/timesheets/approve", tag = "timesheets", security(("bearer" = [])),
    request_body = ApproveEntries,
    responses((status = 200, body = Vec<TimesheetEntry>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "an entry is not submitted", body = ErrorBody)))]
async fn approve(
    State(st): State<AppState>,
    viewer: Viewer,
    client: Client,
    AppJson(req): AppJson<ApproveEntries>,
) -> Result<Json<Vec<TimesheetEntry>>> {
    Ok(Json(ops::approve(&st, &viewer, client, req).await?))
}

/// Approved entries of `from` to `to` (days at the location) as CSV, for
/// payroll and invoicing; whatever the viewer may see.
#[utoipa::path(get, path = "/timesheets/export", tag = "timesheets", security(("bearer" = [])),
    params(ExportQuery),
    responses((status = 200, description = "approved entries as CSV", content_type = "text/csv", body = String),
        (status = 403, body = ErrorBody),
        (status = 422, description = "the days are out of order or span too long", body = ErrorBody)))]
async fn export(
    State(st): State<AppState>,
    viewer: Viewer,
    client: crate::auth::Client,
    AppQuery(q): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse> {
    let entries = ops::approved(&st, &viewer, q.from, q.to).await?;
    let days = format!("{} to {}", q.from, q.to);
    crate::api::audit_export(&st, &viewer, &client, "timesheets", days).await?;
    let name = format!(
        "attachment; filename=\"timesheets-{}-{}.csv\"",
        q.from, q.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        crate::csv::timesheets(&entries).map_err(anyhow::Error::from)?,
    ))
}
