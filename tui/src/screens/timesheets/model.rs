//! The timesheets' part of the model: Who's working (a live board of
//! today's shifts), a week of timesheet entries with each worker's totals,
//! a worker's clock, and the reason typed when rejecting an entry.

use jiff::civil::Date;
use portico_shared::{
    ClockStatus, Id, Shift, ShiftState, TimesheetEntry, TimesheetStatus, Timestamp, WorkerTotal,
    totals, week_start,
};

use crate::list::Paged;
use crate::load::Load;

/// How a shift's state reads on the board.
pub fn shift_state_label(s: ShiftState) -> &'static str {
    match s {
        ShiftState::Scheduled => "scheduled",
        ShiftState::Late => "late",
        ShiftState::ClockedIn => "clocked in",
        ShiftState::OnBreak => "on break",
        ShiftState::ClockedOut => "clocked out",
        ShiftState::NoShow => "no-show",
    }
}

/// How an entry's status reads.
pub fn entry_status_label(s: TimesheetStatus) -> &'static str {
    match s {
        TimesheetStatus::Draft => "draft",
        TimesheetStatus::Submitted => "submitted",
        TimesheetStatus::Approved => "approved",
        TimesheetStatus::Rejected => "rejected",
    }
}

/// Who's working: the shifts of today at the viewer's locations.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// `None`: every location the person may see.
    pub location: Option<Id>,
    /// The shifts (the list's cursor through `Deref`).
    pub rows: Paged<Shift>,
    /// When the shifts last arrived: states change with time (late,
    /// no-show) without an event, so a stale board is fetched again.
    pub fetched_at: Option<Timestamp>,
}

impl Board {
    /// A newer copy of a shift replaces the old one; a new one joins in
    /// order of start, the cursor staying on its row.
    pub fn put(&mut self, shift: Shift, rows: usize) {
        if self.location.is_some_and(|l| l != shift.location.id) {
            return;
        }
        if let Some(new) = self.rows.replace(shift) {
            let at = self
                .items
                .partition_point(|s| shift_order(s) < shift_order(&new));
            self.rows.insert(at, new, rows);
        }
    }

    /// How many shifts are in `state`.
    pub fn count(&self, state: ShiftState) -> usize {
        self.items.iter().filter(|s| s.state == state).count()
    }
}

crate::list::pages_of!(Board, Shift);

/// How the board orders shifts: by start, then worker.
fn shift_order(s: &Shift) -> (Timestamp, &str, Id) {
    (s.starts_at, s.worker.name.as_str(), s.id)
}

/// By start, then worker.
pub fn sort_shifts(shifts: &mut [Shift]) {
    shifts.sort_by(|a, b| shift_order(a).cmp(&shift_order(b)));
}

/// A week of timesheet entries (Monday to Sunday) and each worker's totals.
#[derive(Debug, Clone, Default)]
pub struct Week {
    /// The Monday shown; `None` until the view is first opened.
    pub monday: Option<Date>,
    /// The entries (the list's cursor and marks through `Deref`).
    pub rows: Paged<TimesheetEntry>,
    pub totals: Vec<WorkerTotal>,
}

crate::list::pages_of!(Week, TimesheetEntry);

impl Week {
    /// The Sunday ending the week shown.
    pub fn sunday(&self) -> Option<Date> {
        self.monday
            .and_then(|m| m.checked_add(jiff::Span::new().days(6)).ok())
    }

    /// Whether `day` falls in the week shown.
    pub fn holds(&self, day: Date) -> bool {
        match (self.monday, self.sunday()) {
            (Some(from), Some(to)) => from <= day && day <= to,
            _ => false,
        }
    }

    /// A newer copy of an entry replaces the old one; a new one of this
    /// week joins in order, the cursor staying on its row; the totals follow.
    pub fn put(&mut self, entry: TimesheetEntry, rows: usize) {
        if let Some(new) = self.rows.replace(entry) {
            if self.generation == 0 || !self.holds(new.date) {
                return;
            }
            let at = self
                .items
                .partition_point(|e| entry_order(e) < entry_order(&new));
            self.rows.insert(at, new, rows);
        }
        self.totals = totals(&self.items);
    }
}

/// How the week orders entries: by day, then worker, then start.
fn entry_order(e: &TimesheetEntry) -> (Date, &str, Timestamp, Id) {
    (e.date, e.worker.name.as_str(), e.starts_at, e.id)
}

/// By day, then worker, then start.
pub fn sort_entries(entries: &mut [TimesheetEntry]) {
    entries.sort_by(|a, b| entry_order(a).cmp(&entry_order(b)));
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: Date) -> Date {
    week_start(day)
}

/// A worker's clock: where they stand, and what the server last refused.
#[derive(Debug, Clone, Default)]
pub struct ClockView {
    pub status: Load<ClockStatus>,
    /// A clock action is on its way.
    pub busy: bool,
    /// Why the server refused the last action (its 409 message).
    pub refused: Option<String>,
    /// When the status last arrived (see [`Board::fetched_at`]).
    pub fetched_at: Option<Timestamp>,
}

/// Rejecting an entry: the reason, typed in place.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectForm {
    pub id: Id,
    /// Whose entry and which day, to show what is being rejected.
    pub worker: String,
    pub date: Date,
    pub reason: String,
    pub error: Option<String>,
    pub sending: bool,
}

/// The timesheets' part of the Session: Who's working, the week, the clock.
#[derive(Debug, Default)]
pub struct State {
    pub board: Board,
    pub week: Week,
    pub clock: ClockView,
}
