//! The week grid's messages and effects.

use portico_shared::{Id, NewShift, PersonRef, Shift, ShiftPatch, ShiftQuery};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum ShiftsMsg {
    /// The week's shifts, for load `generation`.
    Week {
        generation: u64,
        result: Outcome<Vec<Shift>>,
    },
    Workers(Outcome<Vec<PersonRef>>),
    /// A shift added or moved, or why not.
    Saved(Outcome<Box<Shift>>),
    Cancelled(Id, Outcome<()>),
}

#[derive(Debug, Clone)]
pub enum ShiftsEffect {
    FetchWeek { generation: u64, query: ShiftQuery },
    FetchWorkers,
    Add(NewShift),
    Move(Id, ShiftPatch),
    Cancel(Id),
}
