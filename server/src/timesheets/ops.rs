//! Timesheet and shift operations: the rules of logging, fixing, deciding,
//! scheduling and clocking, each in one transaction, answering what it
//! changed for publishing.

use jiff::civil::Date;
use portico_shared::validate::{MAX_NOTE_CHARS, MAX_REASON_CHARS};
use portico_shared::{
    ApproveEntries, ClockAction, ClockRequest, ClockStatus, EntryPatch, FieldError, Id, NewEntry,
    NewShift, RejectEntry, Shift, ShiftPatch, ShiftQuery, TimesheetEntry, TimesheetStatus,
    break_seconds, check_clock, local_day, validate, zone,
};

use super::policy;
use crate::access::{TimesheetScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::timesheets::{self, Decision, Filter, Times};
use crate::store::{Conn, StoreError, orders, shifts, ts};

pub const DAY: i64 = 24 * 60 * 60;

/// The longest shift or entry: a day.
pub const MAX_SPAN_SECS: i64 = DAY;

/// Where a new shift takes place and when, once checked.
pub fn placement(c: &Conn<'_>, req: &NewShift) -> Result<shifts::NewShiftRow> {
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

/// The shift a clock action applies to: the one named, the one under way,
/// or (to clock in) the next one, if it starts within the hour.
pub fn clock_shift(
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
pub fn entry_of_shift(
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

pub const MAX_BULK: usize = 500;

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
pub fn check_overlap(c: &Conn<'_>, worker: Id, times: &Times, except: Option<Id>) -> Result<()> {
    match timesheets::overlapping(c, worker, times.starts_at, times.ends_at, except)? {
        Some(other) => Err(ApiError::field(
            "starts_at",
            format!("overlaps your entry {other}"),
        )),
        None => Ok(()),
    }
}

/// The entry as the viewer sees it.
pub async fn read_view(st: &AppState, scope: TimesheetScope, id: Id) -> Result<TimesheetEntry> {
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
pub type Step = Result<()>;

/// Changes one entry the viewer sees, in one transaction: `step` gets the
/// entry as it stands and may refuse it. The change is then published as
/// `timesheet.updated` and the entry answered as the viewer sees it.
pub async fn change_entry(
    st: &AppState,
    scope: TimesheetScope,
    actor: Id,
    id: Id,
    step: impl FnOnce(&Conn<'_>, &TimesheetEntry) -> Step + Send + 'static,
) -> Result<TimesheetEntry> {
    let write_scope = scope.clone();
    st.db
        .write(move |tx| {
            let e = timesheets::get(tx, &write_scope, id)?;
            step(tx, &e)
        })
        .await?;
    publish(st, actor, vec![Change::timesheet("timesheet.updated", id)]).await?;
    read_view(st, scope, id).await
}

/// 409 unless the worker may still change the entry: a draft, or rejected.
pub fn check_editable(e: &TimesheetEntry) -> std::result::Result<(), ApiError> {
    match e.status {
        TimesheetStatus::Draft | TimesheetStatus::Rejected => Ok(()),
        s => Err(ApiError::Conflict(format!(
            "a {s} entry cannot be changed by its worker"
        ))),
    }
}

/// 409 unless the entry waits for a decision.
pub fn check_submitted(e: &TimesheetEntry) -> std::result::Result<(), ApiError> {
    if e.status == TimesheetStatus::Submitted {
        Ok(())
    } else {
        Err(ApiError::Conflict(format!(
            "entry {} is {}, not waiting for approval",
            e.id, e.status
        )))
    }
}

/// Midnight UTC of `day`, in Unix seconds.
pub fn utc_midnight(day: Date) -> i64 {
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or_default()
}

/// Logs time (workers): for one of their shifts, or at a location where they had one.
pub async fn log(st: &AppState, viewer: &Viewer, req: NewEntry) -> Result<TimesheetEntry> {
    let (me, scope) = policy::worker_of(viewer)?;
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
    publish(st, me, vec![Change::timesheet("timesheet.created", id)]).await?;
    read_view(st, scope, id).await
}

/// Fixes a draft or rejected entry (its worker); absent fields stay.
pub async fn fix(
    st: &AppState,
    viewer: &Viewer,
    id: Id,
    req: EntryPatch,
) -> Result<TimesheetEntry> {
    let (me, scope) = policy::worker_of(viewer)?;
    let now = st.clock.now();
    change_entry(st, scope, me, id, move |tx, e| {
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

/// Submits a draft, or resubmits a fixed rejected entry (its worker).
pub async fn submit(st: &AppState, viewer: &Viewer, id: Id) -> Result<TimesheetEntry> {
    let (me, scope) = policy::worker_of(viewer)?;
    let now = st.clock.now();
    change_entry(st, scope, me, id, move |tx, e| {
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

/// Rejects a submitted entry with a reason (approvers of its location).
pub async fn reject(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    req: RejectEntry,
) -> Result<TimesheetEntry> {
    let scope = viewer.timesheet_approver()?;
    let reason = validate::text("reason", &req.reason, MAX_REASON_CHARS)?;
    if reason.is_empty() {
        return Err(ApiError::field("reason", "say why the entry is rejected"));
    }
    let (me, now, state) = (viewer.id(), st.clock.now(), st.clone());
    change_entry(st, scope, me, id, move |tx, e| {
        check_submitted(e)?;
        let decision = Decision {
            status: TimesheetStatus::Rejected,
            reason: Some(&reason),
            by: Some(me),
        };
        decide(tx, &state, &client, id, &decision, now, reason.clone())?;
        crate::notify::work::timesheet_rejected(tx, &state.config, e, &reason, me, now)?;
        Ok(())
    })
    .await
}

/// Records an approver's decision on entry `id` at `now`, audited with `detail`.
fn decide(
    tx: &Conn<'_>,
    state: &AppState,
    client: &Client,
    id: Id,
    decision: &Decision<'_>,
    now: i64,
    detail: String,
) -> Result<()> {
    timesheets::set_status(tx, id, decision, now)?;
    let action = format!("timesheet.{}", decision.status);
    let target = format!("timesheet:{id}");
    audit(tx, state, decision.by, &action, target, client, detail)?;
    Ok(())
}

/// Approves submitted entries: all of them, or none if one cannot be.
pub async fn approve(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    req: ApproveEntries,
) -> Result<Vec<TimesheetEntry>> {
    let scope = viewer.timesheet_approver()?;
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
                decide(tx, &state, &client, id, &decision, now, String::new())?;
            }
            Ok(())
        })
        .await?;
    let mut approved = Vec::with_capacity(done.len());
    for id in done {
        publish(st, me, vec![Change::timesheet("timesheet.updated", id)]).await?;
        approved.push(read_view(st, scope.clone(), id).await?);
    }
    Ok(approved)
}

/// Schedules a worker at a location (staff), by default as an order item says.
pub async fn schedule(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    req: NewShift,
) -> Result<Shift> {
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
    publish(st, me, vec![Change::shift("shift.created", id)]).await?;
    let row = st.db.read(move |c| shifts::get(c, &read_scope, id)).await?;
    Ok(row.view(now, st.config.shifts, &scope))
}

/// Cancels a scheduled shift (staff) before anyone clocks into it; those
/// who saw it hear it is gone.
pub async fn cancel_shift(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<()> {
    viewer.require_staff()?;
    let scope = viewer.timesheets()?;
    let (me, now, state) = (viewer.id(), st.clock.now(), st.clone());
    let write_scope = scope.clone();
    let row = st
        .db
        .write(move |tx| -> Result<_> {
            let row = shifts::get(tx, &write_scope, id)?;
            if !shifts::delete_unclocked(tx, id)? {
                return Err(ApiError::Conflict(
                    "the worker has clocked into this shift; it stays on their timesheet".into(),
                ));
            }
            let target = format!("shift:{id}");
            audit(
                tx,
                &state,
                Some(me),
                "shift.cancelled",
                target,
                &client,
                String::new(),
            )?;
            Ok(row)
        })
        .await?;
    let shift = row.view(now, st.config.shifts, &scope);
    publish(st, me, vec![Change::ShiftCancelled(Box::new(shift))]).await
}

/// Moves a scheduled shift (staff) to other times before anyone clocks
/// into it, checked like a new one; those who see it hear of the change.
pub async fn move_shift(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    patch: ShiftPatch,
) -> Result<Shift> {
    viewer.require_staff()?;
    let scope = viewer.timesheets()?;
    let (me, now, state) = (viewer.id(), st.clock.now(), st.clone());
    let (write_scope, read_scope) = (scope.clone(), scope.clone());
    st.db
        .write(move |tx| -> Result<_> {
            let row = shifts::get(tx, &write_scope, id)?;
            if row.last_action().is_some() {
                return Err(ApiError::Conflict(
                    "the worker has clocked into this shift; its times stay on their timesheet"
                        .into(),
                ));
            }
            let starts = patch.starts_at.map_or(row.starts_at, |t| t.as_second());
            let ends = patch.ends_at.map_or(row.ends_at, |t| t.as_second());
            let mut errors = Vec::new();
            if ends <= starts {
                errors.push(FieldError::new("ends_at", "must be after starts_at"));
            } else if ends - starts > MAX_SPAN_SECS {
                errors.push(FieldError::new("ends_at", "a shift lasts at most 24 hours"));
            } else if let Some(other) =
                shifts::overlapping_other(tx, row.worker.id, starts, ends, id)?
            {
                errors.push(FieldError::new(
                    "starts_at",
                    format!("overlaps the worker's shift {other}"),
                ));
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            if !shifts::move_unclocked(tx, id, starts, ends)? {
                return Err(ApiError::Conflict(
                    "the worker has clocked into this shift; its times stay on their timesheet"
                        .into(),
                ));
            }
            audit(
                tx,
                &state,
                Some(me),
                "shift.updated",
                format!("shift:{id}"),
                &client,
                format!("{} to {}", ts(starts), ts(ends)),
            )?;
            Ok(())
        })
        .await?;
    publish(st, me, vec![Change::shift("shift.updated", id)]).await?;
    let row = st.db.read(move |c| shifts::get(c, &read_scope, id)).await?;
    Ok(row.view(now, st.config.shifts, &scope))
}

/// Clocks in, starts or ends a break, or clocks out (workers); clocking out leaves a draft entry.
pub async fn clock(st: &AppState, viewer: &Viewer, req: ClockRequest) -> Result<ClockStatus> {
    let me = policy::clock_owner(viewer)?;
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
    publish(st, me, vec![Change::shift("shift.updated", shift_id)]).await?;
    if let Some(id) = entry_id {
        publish(st, me, vec![Change::timesheet("timesheet.created", id)]).await?;
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
    Ok(ClockStatus {
        shift: Some(row.view(now, st.config.shifts, &scope)),
        entry: entry.map(|e| timesheets::view(e, &scope)),
    })
}

/// The worker's clock: the shift under way, or the next one.
pub async fn clock_status(st: &AppState, viewer: &Viewer) -> Result<ClockStatus> {
    let me = policy::clock_owner(viewer)?;
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
    Ok(ClockStatus {
        shift: row.map(|r| r.view(now, st.config.shifts, &scope)),
        entry: None,
    })
}

/// The shifts the viewer sees on `days` days from `date` (days at each shift's location).
pub async fn whos_working(st: &AppState, viewer: &Viewer, q: ShiftQuery) -> Result<Vec<Shift>> {
    let scope = viewer.timesheets()?;
    let days = q.days.unwrap_or(1);
    if !(1..=31).contains(&days) {
        return Err(ApiError::field("days", "must be from 1 to 31"));
    }
    let days = i64::from(days);
    let (db, grace, now) = (st.db.clone(), st.config.shifts, st.clock.now());
    {
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
    }
}

/// Approved entries from `from` to `to` (days at the location) the viewer
/// sees, as they see them: what payroll and invoicing export.
pub async fn approved(
    st: &AppState,
    viewer: &Viewer,
    from: Date,
    to: Date,
) -> Result<Vec<TimesheetEntry>> {
    let scope = viewer.timesheets()?;
    check_range(from, to)?;
    let filter = Filter {
        status: Some(TimesheetStatus::Approved),
        ..Filter::default()
    };
    let read_scope = scope.clone();
    let entries = st
        .db
        .read(move |c| timesheets::list(c, &read_scope, from, to, &filter))
        .await?;
    Ok(entries
        .into_iter()
        .map(|e| timesheets::view(e, &scope))
        .collect())
}

/// The longest listing or export, in days.
pub const MAX_RANGE_DAYS: i32 = 93;

pub fn check_range(from: Date, to: Date) -> Result<()> {
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
