//! The week grid's model: the location and week shown, its shifts, the
//! selected block, and the shift being added or moved.

use jiff::civil::Date;
use portico_shared::{Id, Location, PersonRef, Shift};

use crate::load::Load;
use crate::screens::shifts::Draft;

/// The scheduling grid's part of the Session.
#[derive(Debug, Default)]
pub struct State {
    /// The location shown (one of the person's); `None` before opening.
    pub location: Option<Id>,
    /// The Monday of the week shown, at the location.
    pub monday: Option<Date>,
    /// The week's shifts at the location, earliest first.
    pub shifts: Load<Vec<Shift>>,
    /// The load the answer must carry to count.
    pub generation: u64,
    /// The selected day column (0: Monday) and the block in it.
    pub day: usize,
    pub row: usize,
    /// The active workers, to put on a shift.
    pub workers: Load<Vec<PersonRef>>,
    /// A shift being added or moved.
    pub draft: Option<Draft>,
}

impl State {
    /// The shifts of day column `day`, in the order shown.
    pub fn day_shifts(&self, day: usize) -> Vec<&Shift> {
        let (Some(monday), Some(shifts)) = (self.monday, self.shifts.ready()) else {
            return Vec::new();
        };
        shifts
            .iter()
            .filter(|s| column(monday, s.date) == Some(day))
            .collect()
    }

    /// The selected shift.
    pub fn current(&self) -> Option<&Shift> {
        self.day_shifts(self.day).get(self.row).copied()
    }

    /// The selected day's date.
    pub fn day_date(&self) -> Option<Date> {
        let monday = self.monday?;
        monday
            .checked_add(jiff::Span::new().days(self.day as i64))
            .ok()
    }

    /// Keeps the selected block within its day.
    pub fn clamp(&mut self) {
        let n = self.day_shifts(self.day).len();
        self.row = self.row.min(n.saturating_sub(1));
    }
}

/// The column (0: Monday) of `date` in the week from `monday`.
pub fn column(monday: Date, date: Date) -> Option<usize> {
    let days = (date - monday).get_days();
    (0..7).contains(&days).then_some(days as usize)
}

/// The Monday of the week of `date`.
pub fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(date)
}

/// The location `id` among the person's.
pub fn location_of(locations: &[Location], id: Option<Id>) -> Option<&Location> {
    id.and_then(|id| locations.iter().find(|l| l.id == id))
}
