//! The timesheets' part of the model: Who's working (a live board of
//! today's shifts), a week of timesheet entries with each worker's totals,
//! a worker's clock, and the reason typed when rejecting an entry.

use std::collections::BTreeSet;

use jiff::civil::Date;
use portico_shared::{
    ClockStatus, Id, Shift, ShiftState, TimesheetEntry, TimesheetStatus, Timestamp, WorkerTotal,
    totals, week_start,
};

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
    pub shifts: Vec<Shift>,
    pub loading: bool,
    /// Bumped by each load; zero until the board is first shown.
    pub generation: u64,
    pub error: Option<String>,
    pub selected: usize,
    pub offset: usize,
    /// When the shifts last arrived: states change with time (late,
    /// no-show) without an event, so a stale board is fetched again.
    pub fetched_at: Option<Timestamp>,
}

impl Board {
    /// A newer copy of a shift replaces the old one; a new one joins in
    /// order of start.
    pub fn put(&mut self, shift: Shift) {
        if self.location.is_some_and(|l| l != shift.location.id) {
            return;
        }
        if let Some(slot) = self.shifts.iter_mut().find(|s| s.id == shift.id) {
            *slot = shift;
        } else {
            self.shifts.push(shift);
            sort_shifts(&mut self.shifts);
        }
    }

    /// How many shifts are in `state`.
    pub fn count(&self, state: ShiftState) -> usize {
        self.shifts.iter().filter(|s| s.state == state).count()
    }
}

/// By start, then worker.
pub fn sort_shifts(shifts: &mut [Shift]) {
    shifts.sort_by(|a, b| {
        (a.starts_at, &a.worker.name, a.id).cmp(&(b.starts_at, &b.worker.name, b.id))
    });
}

/// A week of timesheet entries (Monday to Sunday) and each worker's totals.
#[derive(Debug, Clone, Default)]
pub struct Week {
    /// The Monday shown; `None` until the view is first opened.
    pub monday: Option<Date>,
    pub entries: Vec<TimesheetEntry>,
    pub totals: Vec<WorkerTotal>,
    pub loading: bool,
    pub generation: u64,
    pub error: Option<String>,
    pub selected: usize,
    pub offset: usize,
    /// Entries marked for approving together.
    pub marks: BTreeSet<Id>,
}

impl Week {
    pub fn current(&self) -> Option<&TimesheetEntry> {
        self.entries.get(self.selected)
    }

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
    /// week joins in order; the totals follow.
    pub fn put(&mut self, entry: TimesheetEntry) {
        if let Some(slot) = self.entries.iter_mut().find(|e| e.id == entry.id) {
            *slot = entry;
        } else if self.generation > 0 && self.holds(entry.date) {
            self.entries.push(entry);
            sort_entries(&mut self.entries);
        } else {
            return;
        }
        self.totals = totals(&self.entries);
    }
}

/// By day, then worker, then start.
pub fn sort_entries(entries: &mut [TimesheetEntry]) {
    entries.sort_by(|a, b| {
        (a.date, &a.worker.name, a.starts_at, a.id).cmp(&(
            b.date,
            &b.worker.name,
            b.starts_at,
            b.id,
        ))
    });
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
