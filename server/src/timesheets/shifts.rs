//! Shifts, Who's working and the clock: staff schedule workers at
//! locations; workers clock in, take breaks and clock out; clients and staff
//! watch today's shifts at their locations with their live state.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::civil::Date;
use portico_shared::{
    ClockAction, ClockRequest, ClockStatus, ErrorBody, FieldError, Id, NewShift, PersonRef, Role,
    Shift, ShiftQuery, TimesheetStatus, break_seconds, check_clock, local_day, zone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::routes::{check_times, publish_entry};
use crate::access::{TimesheetScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, AppJson, AppQuery, Result};
use crate::events::{Payload, Published};
use crate::state::AppState;
use crate::store::Conn;
use crate::store::{StoreError, orders, shifts, timesheets, ts, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
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

const DAY: i64 = 24 * 60 * 60;
/// The longest shift or entry: a day.
pub const MAX_SPAN_SECS: i64 = DAY;

/// Publishes a shift change; each subscriber's stream narrows it to their scope.
async fn publish_shift(st: &AppState, kind: &'static str, actor: Id, id: Id) -> Result<()> {
    let row = st
        .db
        .read(move |c| shifts::get(c, &TimesheetScope::everything(actor), id))
        .await?;
    let shift = row.view(
        st.clock.now(),
        st.config.shifts,
        &TimesheetScope::everything(actor),
    );
    st.hub.publish(|event_id| Published {
        id: event_id,
        kind,
        actor_id: actor,
        payload: Payload::Shift(Box::new(shift)),
    });
    Ok(())
}

/// Midnight UTC of `day`, in Unix seconds.
fn utc_midnight(day: Date) -> i64 {
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or_default()
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
    let scope = viewer.timesheets()?;
    let days = q.days.unwrap_or(1);
    if !(1..=31).contains(&days) {
        return Err(ApiError::field("days", "must be from 1 to 31"));
    }
    let days = i64::from(days);
    let (db, grace) = (st.db.clone(), st.config.shifts);
    crate::api::json_now(&st, |now| async move {
        let utc_today = local_day(ts(now), &jiff::tz::TimeZone::UTC);
        // Fetch a window wide enough for any UTC offset, then keep the
        // shifts whose day at their own location is in range.
        let first = utc_midnight(q.date.unwrap_or(utc_today)) - DAY;
        let window = (first, first + (days + 2) * DAY);
        let read_scope = scope.clone();
        let rows = db
            .read(move |c| {
                shifts::starting_between(c, &read_scope, window.0, window.1, q.location_id)
            })
            .await?;
        let in_range = |row: &&shifts::ShiftRow| {
            let tz = zone(&row.location.timezone);
            let from = q.date.unwrap_or_else(|| local_day(ts(now), &tz));
            let day = local_day(ts(row.starts_at), &tz);
            day >= from && i64::from((day - from).get_days()) < days
        };
        Ok(rows
            .iter()
            .filter(in_range)
            .map(|row| row.view(now, grace, &scope))
            .collect::<Vec<Shift>>())
    })
    .await
}

/// Where a new shift takes place and when, once checked.
fn placement(c: &Conn<'_>, req: &NewShift) -> Result<shifts::NewShiftRow> {
    let item = match req.order_item_id {
        Some(id) => match shifts::item_placement(c, id)? {
            Some(p) => Some(p),
            None => return Err(ApiError::field("order_item_id", "no such order item")),
        },
        None => None,
    };
    let from_item = |f: fn(&shifts::ItemPlacement) -> Option<i64>| item.as_ref().and_then(f);
    let worker = req.worker_id.or(from_item(|p| p.worker_id));
    let location = req.location_id.or(from_item(|p| Some(p.location_id)));
    let starts = req
        .starts_at
        .map(|t| t.as_second())
        .or(from_item(|p| p.starts_at));
    let ends = req
        .ends_at
        .map(|t| t.as_second())
        .or(from_item(|p| p.ends_at));
    let mut errors = Vec::new();
    match worker {
        Some(w) if orders::is_worker(c, w)? => {}
        Some(_) => errors.push(FieldError::new("worker_id", "must be an active worker")),
        None => errors.push(FieldError::new("worker_id", "name the worker")),
    }
    match location {
        Some(l) if shifts::location_exists(c, l)? => {}
        Some(_) => errors.push(FieldError::new("location_id", "no such location")),
        None => errors.push(FieldError::new("location_id", "name the location")),
    }
    match (starts, ends) {
        (Some(s), Some(e)) if e <= s => {
            errors.push(FieldError::new("ends_at", "must be after starts_at"))
        }
        (Some(s), Some(e)) if e - s > MAX_SPAN_SECS => {
            errors.push(FieldError::new("ends_at", "a shift lasts at most 24 hours"))
        }
        (Some(_), Some(_)) => {}
        _ => errors.push(FieldError::new("starts_at", "give the start and the end")),
    }
    if let (Some(w), Some(s), Some(e)) = (worker, starts, ends)
        && errors.is_empty()
        && let Some(other) = shifts::overlapping(c, w, s, e)?
    {
        errors.push(FieldError::new(
            "starts_at",
            format!("overlaps the worker's shift {other}"),
        ));
    }
    match (worker, location, starts, ends) {
        (Some(worker_id), Some(location_id), Some(starts_at), Some(ends_at))
            if errors.is_empty() =>
        {
            Ok(shifts::NewShiftRow {
                worker_id,
                location_id,
                order_item_id: req.order_item_id,
                starts_at,
                ends_at,
            })
        }
        _ => Err(ApiError::Validation(errors)),
    }
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
    viewer.require_staff()?;
    let scope = viewer.timesheets()?;
    let read_scope = scope.clone();
    let (me, now, state) = (viewer.id(), st.clock.now(), st.clone());
    let id = st
        .db
        .write(move |tx| -> Result<_> {
            let row = placement(tx, &req)?;
            let id = shifts::insert(tx, &row, now)?;
            let target = format!("shift:{id}");
            audit(
                tx,
                &state,
                Some(me),
                "shift.created",
                target,
                &client,
                String::new(),
            )?;
            Ok(id)
        })
        .await?;
    publish_shift(&st, "shift.created", me, id).await?;
    let row = st.db.read(move |c| shifts::get(c, &read_scope, id)).await?;
    Ok((
        StatusCode::CREATED,
        Json(row.view(now, st.config.shifts, &scope)),
    ))
}

/// The worker behind a clock request; the clock is theirs alone.
fn worker_of(viewer: &Viewer) -> Result<Id> {
    match viewer.timesheets()? {
        TimesheetScope::Own(me) => Ok(me),
        TimesheetScope::Places(_) => Err(ApiError::Forbidden("the clock is for workers")),
    }
}

/// The worker's clock: the shift under way, or the next one.
#[utoipa::path(get, path = "/clock", tag = "timesheets", security(("bearer" = [])),
    responses((status = 200, body = ClockStatus), (status = 403, body = ErrorBody)))]
async fn clock_status(State(st): State<AppState>, viewer: Viewer) -> Result<Json<ClockStatus>> {
    let me = worker_of(&viewer)?;
    let scope = viewer.timesheets()?;
    let now = st.clock.now();
    let read_scope = scope.clone();
    let row = st
        .db
        .read(move |c| {
            let id = match shifts::open_shift(c, me)? {
                Some(id) => Some(id),
                None => shifts::next_shift(c, me, now)?,
            };
            id.map(|id| shifts::get(c, &read_scope, id)).transpose()
        })
        .await?;
    Ok(Json(ClockStatus {
        shift: row.map(|r| r.view(now, st.config.shifts, &scope)),
        entry: None,
    }))
}

/// The shift a clock action applies to: the one named, the one under way,
/// or (to clock in) the next one, if it starts within the hour.
fn clock_shift(
    c: &Conn<'_>,
    scope: &TimesheetScope,
    me: Id,
    req: &ClockRequest,
    now: i64,
) -> Result<shifts::ShiftRow> {
    let open = shifts::open_shift(c, me)?;
    let id = match (req.shift_id, req.action) {
        (Some(id), _) => Some(id),
        (None, ClockAction::In) => match open {
            Some(id) => Some(id),
            None => shifts::next_shift(c, me, now)?,
        },
        (None, _) => open,
    };
    let Some(id) = id else {
        let why = match req.action {
            ClockAction::In => "no shift of yours is coming up to clock in to",
            _ => "you are not clocked in",
        };
        return Err(ApiError::Conflict(why.into()));
    };
    let row = shifts::get(c, scope, id)?;
    if req.action == ClockAction::In {
        if let Some(other) = open.filter(|o| *o != id) {
            let why = format!("you are still clocked in to shift {other}; clock out first");
            return Err(ApiError::Conflict(why));
        }
        if row.last_action().is_none() && now < row.starts_at - shifts::EARLY_CLOCK_IN_SECS {
            let why = "clocking in opens an hour before the shift starts";
            return Err(ApiError::Conflict(why.into()));
        }
    }
    Ok(row)
}

/// The draft entry a finished shift leaves: clocked in to out, less breaks.
/// `None` when the worker already logged time that overlaps it.
fn entry_of_shift(
    c: &Conn<'_>,
    row: &shifts::ShiftRow,
    now: i64,
) -> Result<Option<Id>, StoreError> {
    let starts = row
        .events
        .iter()
        .find(|e| e.0 == ClockAction::In)
        .map_or(now, |e| e.1);
    let breaks = (break_seconds(&row.events, now) + 30) / 60;
    let Ok(times) = check_times(starts, now, breaks, "", &row.location.timezone) else {
        // Too short, too long, or all break: nothing to log.
        return Ok(None);
    };
    if timesheets::overlapping(c, row.worker.id, starts, now, None)?.is_some() {
        return Ok(None);
    }
    let id = timesheets::insert(
        c,
        &timesheets::NewEntryRow {
            worker_id: row.worker.id,
            location_id: row.location.id,
            order_id: row.order.as_ref().map(|o| o.id),
            shift_id: Some(row.id),
            times,
            status: TimesheetStatus::Draft,
        },
        now,
    )?;
    Ok(Some(id))
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
    let me = worker_of(&viewer)?;
    let scope = viewer.timesheets()?;
    let now = st.clock.now();
    let write_scope = scope.clone();
    let (shift_id, entry_id) = st
        .db
        .write(move |tx| {
            let row = clock_shift(tx, &write_scope, me, &req, now)?;
            if let Err(e) = check_clock(row.last_action(), req.action) {
                return Err(ApiError::Conflict(e.to_string()));
            }
            shifts::add_event(tx, row.id, req.action, now)?;
            let entry = if req.action == ClockAction::Out {
                let row = shifts::get(tx, &write_scope, row.id)?;
                entry_of_shift(tx, &row, now)?
            } else {
                None
            };
            Ok((row.id, entry))
        })
        .await?;
    publish_shift(&st, "shift.updated", me, shift_id).await?;
    if let Some(id) = entry_id {
        publish_entry(&st, "timesheet.created", me, id).await?;
    }
    let read_scope = scope.clone();
    let (row, entry) = st
        .db
        .read(move |c| -> Result<_> {
            let entry = entry_id
                .map(|id| timesheets::get(c, &read_scope, id))
                .transpose()?;
            Ok((shifts::get(c, &read_scope, shift_id)?, entry))
        })
        .await?;
    Ok(Json(ClockStatus {
        shift: Some(row.view(now, st.config.shifts, &scope)),
        entry: entry.map(|e| timesheets::view(e, &scope)),
    }))
}
