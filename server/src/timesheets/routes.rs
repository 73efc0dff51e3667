//! Timesheet entries: workers log and submit their time; clients with the
//! `timesheets` module approve or reject it for their locations, staff for
//! any; approved time exports as CSV for payroll and invoicing.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use jiff::civil::Date;
use portico_shared::{
    ApproveEntries, EntryPatch, ErrorBody, ExportQuery, FieldError, Id, NewEntry, RejectEntry,
    TimesheetEntry, TimesheetList, TimesheetQuery, TimesheetStatus, local_day, totals, validate,
    week_start, zone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::shifts::MAX_SPAN_SECS;
use crate::access::{TimesheetScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppPath, AppQuery, Result};
use crate::events::{Payload, Published};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::timesheets::{self, Decision, Filter, Times};
use crate::store::{shifts, ts};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(submit))
        .routes(routes!(reject))
        .routes(routes!(approve))
        .routes(routes!(export))
}

/// The longest listing or export, in days.
const MAX_RANGE_DAYS: i32 = 93;
use portico_shared::validate::{MAX_NOTE_CHARS, MAX_REASON_CHARS};
const MAX_BULK: usize = 500;

/// Publishes an entry change; each subscriber's stream narrows it to their scope.
pub async fn publish_entry(st: &AppState, kind: &'static str, actor: Id, id: Id) -> Result<()> {
    let entry = st.db.read(move |c| timesheets::get_any(c, id)).await?;
    st.hub.publish(|event_id| Published {
        id: event_id,
        kind,
        actor_id: actor,
        payload: Payload::Timesheet(Box::new(entry)),
    });
    Ok(())
}

/// Checks an entry's times at a location in time zone `tz`: the end after
/// the start, at most a day, a break that is not negative and shorter than
/// the time, a note of sensible length. Every failing field is named.
pub fn check_times(
    starts: i64,
    ends: i64,
    break_minutes: i64,
    note: &str,
    tz: &str,
) -> std::result::Result<Times, ApiError> {
    let mut errors = Vec::new();
    if ends <= starts {
        errors.push(FieldError::new("ends_at", "must be after starts_at"));
    } else if ends - starts > MAX_SPAN_SECS {
        errors.push(FieldError::new(
            "ends_at",
            "an entry covers at most 24 hours",
        ));
    }
    if break_minutes < 0 {
        errors.push(FieldError::new("break_minutes", "cannot be negative"));
    } else if ends > starts && break_minutes >= timesheets::minutes_between(starts, ends) {
        errors.push(FieldError::new(
            "break_minutes",
            "must be shorter than the time from start to end",
        ));
    }
    let note = validate::text("note", note, MAX_NOTE_CHARS).unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(Times {
        work_date: local_day(ts(starts), &zone(tz)),
        starts_at: starts,
        ends_at: ends,
        break_minutes,
        note,
    })
}

/// 422 when the worker already logged time that overlaps `times`.
fn check_overlap(c: &Conn<'_>, worker: Id, times: &Times, except: Option<Id>) -> Result<()> {
    match timesheets::overlapping(c, worker, times.starts_at, times.ends_at, except)? {
        Some(other) => Err(ApiError::field(
            "starts_at",
            format!("overlaps your entry {other}"),
        )),
        None => Ok(()),
    }
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
    check_range(from, to)?;
    Ok((from, to))
}

fn check_range(from: Date, to: Date) -> Result<()> {
    if to < from {
        return Err(ApiError::field("to", "must not be before from"));
    }
    if (to - from).get_days() >= MAX_RANGE_DAYS {
        return Err(ApiError::field(
            "to",
            format!("at most {MAX_RANGE_DAYS} days at once"),
        ));
    }
    Ok(())
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

/// The worker behind a request that only workers make.
fn worker_of(viewer: &Viewer) -> Result<(Id, TimesheetScope)> {
    let scope = viewer.timesheets()?;
    match scope {
        TimesheetScope::Own(me) => Ok((me, scope)),
        TimesheetScope::Places(_) => Err(ApiError::Forbidden("timesheets are logged by workers")),
    }
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
    let (me, scope) = worker_of(&viewer)?;
    let now = st.clock.now();
    let write_scope = scope.clone();
    let id = st
        .db
        .write(move |tx| {
            let (location, order, shift) = match (req.shift_id, req.location_id) {
                (Some(shift), _) => {
                    let row = shifts::get(tx, &write_scope, shift)?;
                    (row.location, row.order.map(|o| o.id), Some(row.id))
                }
                (None, Some(l)) if shifts::worked_at(tx, me, l)? => {
                    (shifts::place(tx, l)?, None, None)
                }
                (None, Some(_)) => return Err(ApiError::NotFound),
                (None, None) => {
                    return Err(ApiError::field(
                        "location_id",
                        "name the shift or the location",
                    ));
                }
            };
            let times = check_times(
                req.starts_at.as_second(),
                req.ends_at.as_second(),
                req.break_minutes,
                &req.note,
                &location.timezone,
            )?;
            check_overlap(tx, me, &times, None)?;
            let status = if req.submit {
                TimesheetStatus::Submitted
            } else {
                TimesheetStatus::Draft
            };
            let row = timesheets::NewEntryRow {
                worker_id: me,
                location_id: location.id,
                order_id: order,
                shift_id: shift,
                times,
                status,
            };
            Ok(timesheets::insert(tx, &row, now)?)
        })
        .await?;
    publish_entry(&st, "timesheet.created", me, id).await?;
    Ok((StatusCode::CREATED, Json(read_view(&st, scope, id).await?)))
}

/// The entry as the viewer sees it.
async fn read_view(st: &AppState, scope: TimesheetScope, id: Id) -> Result<TimesheetEntry> {
    let entry = st
        .db
        .read({
            let scope = scope.clone();
            move |c| timesheets::get(c, &scope, id)
        })
        .await?;
    Ok(timesheets::view(entry, &scope))
}

/// What a change step answers: a refusal for the client, or a store failure.
type Step = Result<()>;

/// Changes one entry the viewer sees, in one transaction: `step` gets the
/// entry as it stands and may refuse it. The change is then published as
/// `timesheet.updated` and the entry answered as the viewer sees it.
async fn change_entry(
    st: &AppState,
    scope: TimesheetScope,
    actor: Id,
    id: Id,
    step: impl FnOnce(&Conn<'_>, &TimesheetEntry) -> Step + Send + 'static,
) -> Result<Json<TimesheetEntry>> {
    let write_scope = scope.clone();
    st.db
        .write(move |tx| {
            let e = timesheets::get(tx, &write_scope, id)?;
            step(tx, &e)
        })
        .await?;
    publish_entry(st, "timesheet.updated", actor, id).await?;
    Ok(Json(read_view(st, scope, id).await?))
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
    Ok(Json(read_view(&st, scope, id).await?))
}

/// 409 unless the worker may still change the entry: a draft, or rejected.
fn check_editable(e: &TimesheetEntry) -> std::result::Result<(), ApiError> {
    match e.status {
        TimesheetStatus::Draft | TimesheetStatus::Rejected => Ok(()),
        s => Err(ApiError::Conflict(format!(
            "a {s} entry cannot be changed by its worker"
        ))),
    }
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
    let (me, scope) = worker_of(&viewer)?;
    let now = st.clock.now();
    change_entry(&st, scope, me, id, move |tx, e| {
        check_editable(e)?;
        let times = check_times(
            req.starts_at.unwrap_or(e.starts_at).as_second(),
            req.ends_at.unwrap_or(e.ends_at).as_second(),
            req.break_minutes.unwrap_or(e.break_minutes),
            req.note.as_deref().unwrap_or(&e.note),
            &e.location.timezone,
        )?;
        check_overlap(tx, me, &times, Some(id))?;
        timesheets::update_times(tx, id, &times, now)?;
        Ok(())
    })
    .await
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
    let (me, scope) = worker_of(&viewer)?;
    let now = st.clock.now();
    change_entry(&st, scope, me, id, move |tx, e| {
        check_editable(e)?;
        let decision = Decision {
            status: TimesheetStatus::Submitted,
            reason: None,
            by: None,
        };
        timesheets::set_status(tx, id, &decision, now)?;
        Ok(())
    })
    .await
}

/// 409 unless the entry waits for a decision.
fn check_submitted(e: &TimesheetEntry) -> std::result::Result<(), ApiError> {
    if e.status == TimesheetStatus::Submitted {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "entry {} is {}, not waiting for approval",
            e.id, e.status
        )))
    }
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
    let scope = TimesheetScope::Places(viewer.timesheet_approver()?);
    let reason = validate::text("reason", &req.reason, MAX_REASON_CHARS)?;
    if reason.is_empty() {
        return Err(ApiError::field("reason", "say why the entry is rejected"));
    }
    let (me, now, state) = (viewer.id(), st.clock.now(), st.clone());
    change_entry(&st, scope, me, id, move |tx, e| {
        check_submitted(e)?;
        let decision = Decision {
            status: TimesheetStatus::Rejected,
            reason: Some(&reason),
            by: Some(me),
        };
        timesheets::set_status(tx, id, &decision, now)?;
        let target = format!("timesheet:{id}");
        audit(
            tx,
            &state,
            Some(me),
            "timesheet.rejected",
            target,
            &client,
            reason.clone(),
        )?;
        Ok(())
    })
    .await
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
    let scope = TimesheetScope::Places(viewer.timesheet_approver()?);
    let mut ids = req.ids;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > MAX_BULK {
        return Err(ApiError::field(
            "ids",
            format!("name 1 to {MAX_BULK} entries"),
        ));
    }
    let (me, now, state) = (viewer.id(), st.clock.now(), st.clone());
    let (write_scope, done) = (scope.clone(), ids.clone());
    st.db
        .write(move |tx| -> Result<_> {
            // Every entry is checked before any changes, so one that cannot
            // be approved leaves them all as they were.
            for &id in &ids {
                check_submitted(&timesheets::get(tx, &write_scope, id)?)?;
            }
            let decision = Decision {
                status: TimesheetStatus::Approved,
                reason: None,
                by: Some(me),
            };
            for &id in &ids {
                timesheets::set_status(tx, id, &decision, now)?;
                let target = format!("timesheet:{id}");
                audit(
                    tx,
                    &state,
                    Some(me),
                    "timesheet.approved",
                    target,
                    &client,
                    String::new(),
                )?;
            }
            Ok(())
        })
        .await?;
    let mut approved = Vec::with_capacity(done.len());
    for id in done {
        publish_entry(&st, "timesheet.updated", me, id).await?;
        approved.push(read_view(&st, scope.clone(), id).await?);
    }
    Ok(Json(approved))
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
    AppQuery(q): AppQuery<ExportQuery>,
) -> Result<impl IntoResponse> {
    let scope = viewer.timesheets()?;
    check_range(q.from, q.to)?;
    let filter = Filter {
        status: Some(TimesheetStatus::Approved),
        ..Filter::default()
    };
    let read_scope = scope.clone();
    let entries = st
        .db
        .read(move |c| timesheets::list(c, &read_scope, q.from, q.to, &filter))
        .await?;
    let entries: Vec<TimesheetEntry> = entries
        .into_iter()
        .map(|e| timesheets::view(e, &scope))
        .collect();
    let name = format!(
        "attachment; filename=\"timesheets-{}-{}.csv\"",
        q.from, q.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        crate::csv::timesheets(&entries),
    ))
}
