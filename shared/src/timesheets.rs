//! Shifts, clocking and timesheet entries: the types, and the pure rules
//! that derive a shift's live state, check a clock action, count breaks and
//! place a day in its week. Times are UTC instants; a shift's or entry's
//! day is the calendar date at its location, in the location's time zone.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Id, OrganizationRef, PersonRef, Timestamp};

text_enum! {
    /// What a worker does at the clock.
    ClockAction {
        In => "in",
        Break => "break",
        Resume => "resume",
        Out => "out",
    }
}

text_enum! {
    /// A shift as Who's working shows it.
    ShiftState {
        Scheduled => "scheduled",
        Late => "late",
        ClockedIn => "clocked_in",
        OnBreak => "on_break",
        ClockedOut => "clocked_out",
        NoShow => "no_show",
    }
}

text_enum! {
    /// `draft → submitted → approved | rejected`; a rejected entry may be
    /// fixed and submitted again.
    TimesheetStatus {
        Draft => "draft",
        Submitted => "submitted",
        Approved => "approved",
        Rejected => "rejected",
    }
}

/// When a shift that nobody clocked into turns late, then a no-show
/// (the server's `[shifts]` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Grace {
    pub late_after_minutes: u32,
    pub no_show_after_minutes: u32,
}

impl Default for Grace {
    fn default() -> Self {
        Grace {
            late_after_minutes: 5,
            no_show_after_minutes: 30,
        }
    }
}

/// The state of a shift at `now` (Unix seconds), from the last clock action
/// on it. Unclocked, it is scheduled until the grace runs out, then late,
/// then a no-show (at the latest when it should have ended).
pub fn shift_state(
    now: i64,
    starts: i64,
    ends: i64,
    last: Option<ClockAction>,
    grace: Grace,
) -> ShiftState {
    match last {
        Some(ClockAction::In | ClockAction::Resume) => ShiftState::ClockedIn,
        Some(ClockAction::Break) => ShiftState::OnBreak,
        Some(ClockAction::Out) => ShiftState::ClockedOut,
        None => {
            let late = starts + i64::from(grace.late_after_minutes) * 60;
            let no_show = (starts + i64::from(grace.no_show_after_minutes) * 60).min(ends);
            if now >= no_show {
                ShiftState::NoShow
            } else if now >= late {
                ShiftState::Late
            } else {
                ShiftState::Scheduled
            }
        }
    }
}

/// Why a clock action does not fit where the worker stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("already clocked in to this shift")]
    AlreadyIn,
    #[error("not clocked in")]
    NotIn,
    #[error("already on a break")]
    OnBreak,
    #[error("not on a break")]
    NotOnBreak,
    #[error("this shift is clocked out")]
    Finished,
}

/// Checks `action` after the shift's last clock action.
pub fn check_clock(last: Option<ClockAction>, action: ClockAction) -> Result<(), ClockError> {
    use ClockAction::*;
    match (last, action) {
        (None, In) | (Some(In | Resume), Break | Out) | (Some(Break), Resume | Out) => Ok(()),
        (Some(Out), _) => Err(ClockError::Finished),
        (None, _) => Err(ClockError::NotIn),
        (Some(_), In) => Err(ClockError::AlreadyIn),
        (Some(Break), Break) => Err(ClockError::OnBreak),
        (Some(In | Resume), Resume) => Err(ClockError::NotOnBreak),
    }
}

/// Seconds spent on breaks in a shift's clock events (in order), counting
/// an open break up to `now`.
pub fn break_seconds(events: &[(ClockAction, i64)], now: i64) -> i64 {
    let mut total = 0;
    let mut since = None;
    for &(action, at) in events {
        match action {
            ClockAction::Break => since = Some(at),
            ClockAction::Resume | ClockAction::Out => {
                if let Some(s) = since.take() {
                    total += at - s;
                }
            }
            ClockAction::In => {}
        }
    }
    total + since.map_or(0, |s| now - s)
}

/// A location's time zone by its IANA name; UTC for a name this build does
/// not know (the server refuses those when a location is saved).
pub fn zone(name: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The calendar day at a place with time zone `tz` at instant `at`.
pub fn local_day(at: Timestamp, tz: &jiff::tz::TimeZone) -> Date {
    at.to_zoned(tz.clone()).date()
}

/// The Monday of the week `date` falls in.
pub fn week_start(date: Date) -> Date {
    let back = date.weekday().to_monday_zero_offset();
    date.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(date)
}

/// A location as shifts and entries show it: enough to tell the time there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub id: Id,
    pub name: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub timezone: String,
}

/// The order behind a shift or entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLink {
    pub id: Id,
    pub reference: String,
}

/// A worker scheduled at a location, with its live state. Workers see their
/// own shifts without `organization` or `order`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shift {
    pub id: Id,
    pub worker: PersonRef,
    pub location: Place,
    pub organization: Option<OrganizationRef>,
    pub order: Option<OrderLink>,
    /// The day at the location, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: Timestamp,
    pub state: ShiftState,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub clocked_in_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub clocked_out_at: Option<Timestamp>,
    /// Break time so far, an open break counted up to now.
    pub break_minutes: i64,
}

impl Shift {
    /// The shift as its worker sees it: nothing of the organisation behind it.
    pub fn for_worker(mut self) -> Self {
        self.organization = None;
        self.order = None;
        self
    }
}

/// `POST /shifts` (staff). With `order_item_id`, the worker, location and
/// times default to the item's.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewShift {
    pub order_item_id: Option<Id>,
    pub worker_id: Option<Id>,
    pub location_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub starts_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<Timestamp>,
}

/// `PATCH /shifts/{id}` (staff): move a shift nobody has clocked into;
/// an absent time stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftPatch {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub starts_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<Timestamp>,
}

/// `GET /shifts`: the shifts of `days` days from `date` (each location's
/// today when absent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ShiftQuery {
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub date: Option<Date>,
    /// 1 to 31; 1 when absent.
    pub days: Option<u32>,
    pub location_id: Option<Id>,
    /// Ignored, whatever its value: a client may make a URL unique with it
    /// (to get past a cache, or to measure without one).
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}

/// `POST /clock`: the worker's own clock. `in` takes the shift given, or
/// the one starting (or under way) now.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockRequest {
    pub action: ClockAction,
    pub shift_id: Option<Id>,
}

/// Where the worker stands: the shift under way (or the next one today),
/// and the draft entry that clocking out wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockStatus {
    pub shift: Option<Shift>,
    pub entry: Option<TimesheetEntry>,
}

/// One timesheet entry. Workers see their own without `organization`,
/// `order` or who decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimesheetEntry {
    pub id: Id,
    pub worker: PersonRef,
    pub location: Place,
    pub organization: Option<OrganizationRef>,
    pub order: Option<OrderLink>,
    pub shift_id: Option<Id>,
    /// The day at the location the work started, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: Timestamp,
    pub break_minutes: i64,
    /// Elapsed minutes between start and end, less the break.
    pub worked_minutes: i64,
    pub note: String,
    pub status: TimesheetStatus,
    /// Why it was rejected.
    pub reason: Option<String>,
    pub decided_by: Option<PersonRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub decided_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

impl TimesheetEntry {
    /// The entry as its worker sees it: nothing of the organisation behind
    /// it, nor who decided.
    pub fn for_worker(mut self) -> Self {
        self.organization = None;
        self.order = None;
        self.decided_by = None;
        self
    }
}

/// `POST /timesheets` (workers): at the location of one of their shifts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEntry {
    /// The shift worked; its location and order carry over.
    pub shift_id: Option<Id>,
    /// Needed without `shift_id`.
    pub location_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: Timestamp,
    #[serde(default)]
    pub break_minutes: i64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: String,
    /// Submit at once instead of keeping a draft.
    #[serde(default)]
    pub submit: bool,
}

/// `PATCH /timesheets/{id}`: the worker fixes a draft or rejected entry;
/// absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryPatch {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub starts_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<Timestamp>,
    pub break_minutes: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
}

/// `POST /timesheets/approve`: all of them, or none when one cannot be.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveEntries {
    pub ids: Vec<Id>,
}

/// `POST /timesheets/{id}/reject`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectEntry {
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: String,
}

/// `GET /timesheets`: entries by their day at the location, `from` to `to`
/// inclusive (at most 93 days); the week of `week` instead when given; this
/// week when neither is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TimesheetQuery {
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub week: Option<Date>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub from: Option<Date>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub to: Option<Date>,
    pub status: Option<TimesheetStatus>,
    pub worker_id: Option<Id>,
    pub location_id: Option<Id>,
    /// Ignored, whatever its value: a client may make a URL unique with it
    /// (to get past a cache, or to measure without one).
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}

/// One worker's minutes in a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkerTotal {
    pub worker: PersonRef,
    pub entries: i64,
    pub worked_minutes: i64,
    pub approved_minutes: i64,
}

/// `GET /timesheets`: the entries and each worker's totals over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimesheetList {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub from: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub to: Date,
    pub entries: Vec<TimesheetEntry>,
    pub totals: Vec<WorkerTotal>,
}

/// Totals per worker over `entries`, by worker name.
pub fn totals(entries: &[TimesheetEntry]) -> Vec<WorkerTotal> {
    let mut by_worker: std::collections::BTreeMap<Id, WorkerTotal> = Default::default();
    for e in entries {
        let t = by_worker.entry(e.worker.id).or_insert_with(|| WorkerTotal {
            worker: e.worker.clone(),
            entries: 0,
            worked_minutes: 0,
            approved_minutes: 0,
        });
        t.entries += 1;
        t.worked_minutes += e.worked_minutes;
        if e.status == TimesheetStatus::Approved {
            t.approved_minutes += e.worked_minutes;
        }
    }
    let mut all: Vec<WorkerTotal> = by_worker.into_values().collect();
    all.sort_by(|a, b| a.worker.name.cmp(&b.worker.name));
    all
}

/// `GET /timesheets/export`: approved entries of these days, as CSV.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExportQuery {
    #[cfg_attr(feature = "openapi", param(value_type = String, format = Date))]
    pub from: Date,
    #[cfg_attr(feature = "openapi", param(value_type = String, format = Date))]
    pub to: Date,
}

/// The `data:` of `shift.updated` (someone clocked) live events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftEvent {
    pub id: Id,
    pub kind: String,
    pub shift: Shift,
}

/// The `data:` of `timesheet.created` / `timesheet.updated` live events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimesheetEvent {
    pub id: Id,
    pub kind: String,
    pub entry: TimesheetEntry,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ClockAction::*;

    const G: Grace = Grace {
        late_after_minutes: 5,
        no_show_after_minutes: 30,
    };

    #[test]
    fn an_unclocked_shift_turns_late_then_no_show() {
        let (start, end) = (10_000, 10_000 + 8 * 3600);
        assert_eq!(
            shift_state(start - 60, start, end, None, G),
            ShiftState::Scheduled
        );
        assert_eq!(
            shift_state(start + 299, start, end, None, G),
            ShiftState::Scheduled
        );
        assert_eq!(
            shift_state(start + 300, start, end, None, G),
            ShiftState::Late
        );
        assert_eq!(
            shift_state(start + 1799, start, end, None, G),
            ShiftState::Late
        );
        assert_eq!(
            shift_state(start + 1800, start, end, None, G),
            ShiftState::NoShow
        );
        // A shift shorter than the no-show grace is missed when it ends.
        assert_eq!(
            shift_state(start + 600, start, start + 600, None, G),
            ShiftState::NoShow
        );
    }

    #[test]
    fn clocking_follows_the_last_action() {
        let s = |last| shift_state(0, 100, 200, Some(last), G);
        assert_eq!(s(In), ShiftState::ClockedIn);
        assert_eq!(s(Resume), ShiftState::ClockedIn);
        assert_eq!(s(Break), ShiftState::OnBreak);
        assert_eq!(s(Out), ShiftState::ClockedOut);
    }

    #[test]
    fn clock_actions_in_order_only() {
        assert_eq!(check_clock(None, In), Ok(()));
        assert_eq!(check_clock(None, Out), Err(ClockError::NotIn));
        assert_eq!(check_clock(Some(In), In), Err(ClockError::AlreadyIn));
        assert_eq!(check_clock(Some(In), Break), Ok(()));
        assert_eq!(check_clock(Some(Break), Break), Err(ClockError::OnBreak));
        assert_eq!(check_clock(Some(In), Resume), Err(ClockError::NotOnBreak));
        assert_eq!(check_clock(Some(Break), Out), Ok(()));
        assert_eq!(check_clock(Some(Out), In), Err(ClockError::Finished));
    }

    #[test]
    fn breaks_add_up_and_an_open_one_counts_to_now() {
        let events = [(In, 0), (Break, 100), (Resume, 400), (Break, 1000)];
        assert_eq!(break_seconds(&events, 1060), 360);
        let closed = [(In, 0), (Break, 100), (Out, 700)];
        assert_eq!(break_seconds(&closed, 9999), 600);
    }

    #[test]
    fn weeks_start_on_monday() {
        let sunday: Date = "2026-10-25".parse().unwrap();
        assert_eq!(week_start(sunday), "2026-10-19".parse().unwrap());
        let monday: Date = "2026-10-26".parse().unwrap();
        assert_eq!(week_start(monday), monday);
    }
}
