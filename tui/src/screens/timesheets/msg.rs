//! The messages and effects of timesheets: who's working, the clock, the week
//! of entries.

use portico_shared::{
    ClockAction, ClockStatus, EntryPatch, Id, Shift, TimesheetEntry, TimesheetList,
};

use crate::failure::Outcome;

/// What background work answers to this screen.
#[derive(Debug, Clone)]
pub enum TimesheetsMsg {
    /// Who's working.
    Shifts {
        generation: u64,
        result: Outcome<Vec<Shift>>,
    },
    /// Where the worker stands at the clock.
    ClockStatus(Outcome<Box<ClockStatus>>),
    /// The answer to a clock action.
    Clocked {
        action: ClockAction,
        result: Outcome<Box<ClockStatus>>,
    },
    Timesheets {
        generation: u64,
        result: Outcome<TimesheetList>,
    },
    /// Entries approved together.
    Approved(Outcome<Vec<TimesheetEntry>>),
    /// An entry rejected, submitted or changed.
    EntrySaved(Outcome<Box<TimesheetEntry>>),
}

/// Work this screen asks the runtime for; `update` returns it as data.
#[derive(Debug, Clone)]
pub enum TimesheetsEffect {
    /// Who's working today.
    FetchShifts {
        generation: u64,
        location: Option<Id>,
    },
    FetchClock,
    Clock(ClockAction),
    /// The entries of the week starting on `monday`.
    FetchTimesheets {
        generation: u64,
        monday: jiff::civil::Date,
    },
    Approve(Vec<Id>),
    Reject {
        id: Id,
        reason: String,
    },
    SubmitEntry(Id),
    /// A worker's changed draft or rejected entry.
    PatchEntry {
        id: Id,
        patch: EntryPatch,
    },
}
