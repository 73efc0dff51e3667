//! A shift being added or moved: the worker (picked), the day and the start
//! and end on the location's clocks (typed). Reading it is pure: what it
//! sends, or which field is wrong.

use jiff::civil::{Date, Time};
use jiff::{Span, Timestamp};
use portico_shared::{FieldError, Id, PersonRef, Shift};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DraftField {
    #[default]
    Worker,
    Day,
    Start,
    End,
}

impl DraftField {
    pub const ALL: [DraftField; 4] = [
        DraftField::Worker,
        DraftField::Day,
        DraftField::Start,
        DraftField::End,
    ];

    /// The name the server's errors give it.
    pub fn server_name(self) -> &'static str {
        match self {
            DraftField::Worker => "worker_id",
            DraftField::Day => "day",
            DraftField::Start => "starts_at",
            DraftField::End => "ends_at",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The shift being moved; `None`: a new one.
    pub moving: Option<Id>,
    /// Whom it may be for (one person when moving).
    pub workers: Vec<PersonRef>,
    pub worker: usize,
    /// `YYYY-MM-DD`, `HH:MM` and `HH:MM` at the location (an end before
    /// the start is the next morning).
    pub day: String,
    pub start: String,
    pub end: String,
    pub focus: DraftField,
    /// What is wrong, field by field (the server's names).
    pub errors: Vec<FieldError>,
    /// A refusal beyond single fields.
    pub error: Option<String>,
    pub sending: bool,
}

/// What a checked draft sends.
#[derive(Debug, Clone, PartialEq)]
pub struct Times {
    pub worker: Id,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

impl Draft {
    /// A new shift on `day`, 08:00 to 16:00, for one of `workers`.
    pub fn add(workers: Vec<PersonRef>, day: Date) -> Draft {
        Draft {
            moving: None,
            workers,
            worker: 0,
            day: day.to_string(),
            start: "08:00".into(),
            end: "16:00".into(),
            focus: DraftField::Worker,
            errors: Vec::new(),
            error: None,
            sending: false,
        }
    }

    /// Shift `s` to move, as it stands at its location.
    pub fn moving(s: &Shift) -> Draft {
        let tz = portico_shared::zone(&s.location.timezone);
        let hm = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%H:%M").to_string();
        Draft {
            moving: Some(s.id),
            workers: vec![s.worker.clone()],
            worker: 0,
            day: s.date.to_string(),
            start: hm(s.starts_at),
            end: hm(s.ends_at),
            focus: DraftField::Day,
            errors: Vec::new(),
            error: None,
            sending: false,
        }
    }

    /// The line of a typed field.
    pub fn line_mut(&mut self, f: DraftField) -> Option<&mut String> {
        match f {
            DraftField::Worker => None,
            DraftField::Day => Some(&mut self.day),
            DraftField::Start => Some(&mut self.start),
            DraftField::End => Some(&mut self.end),
        }
    }

    pub fn error(&self, f: DraftField) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == f.server_name())
            .map(|e| e.message.as_str())
    }

    /// Puts the server's refusal by its fields; the rest above them.
    pub fn refused(&mut self, message: String, fields: Vec<FieldError>) {
        let known = |e: &FieldError| DraftField::ALL.iter().any(|f| f.server_name() == e.field);
        let loose: Vec<String> = fields
            .iter()
            .filter(|e| !known(e))
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        self.error = if fields.is_empty() {
            Some(message)
        } else {
            (!loose.is_empty()).then(|| loose.join("; "))
        };
        self.errors = fields;
        if let Some(f) = DraftField::ALL.iter().find(|f| self.error(**f).is_some()) {
            self.focus = *f;
        }
        self.sending = false;
    }

    /// The worker and the times as typed at the place with time zone
    /// `zone`, or what is wrong with them.
    pub fn check(&self, zone: &str) -> Result<Times, Vec<FieldError>> {
        let mut errors = Vec::new();
        let worker = self.workers.get(self.worker).map(|w| w.id);
        if worker.is_none() {
            errors.push(FieldError::new("worker_id", "choose the worker"));
        }
        let day = self.day.trim().parse::<Date>().ok();
        if day.is_none() {
            errors.push(FieldError::new("day", "a day such as 2026-12-07"));
        }
        let time = |raw: &str, name: &str, errors: &mut Vec<FieldError>| {
            let t = raw.trim().parse::<Time>().ok();
            if t.is_none() {
                errors.push(FieldError::new(name, "a time such as 08:00"));
            }
            t
        };
        let start = time(&self.start, "starts_at", &mut errors);
        let end = time(&self.end, "ends_at", &mut errors);
        let (Some(worker), Some(day), Some(start), Some(end)) = (worker, day, start, end) else {
            return Err(errors);
        };
        // An end at or before the start is the next morning: a night shift.
        let end_day = if end <= start {
            day.checked_add(Span::new().days(1)).unwrap_or(day)
        } else {
            day
        };
        let tz = portico_shared::zone(zone);
        let at = |d: Date, t: Time| d.to_datetime(t).to_zoned(tz.clone()).map(|z| z.timestamp());
        match (at(day, start), at(end_day, end)) {
            (Ok(starts_at), Ok(ends_at)) => Ok(Times {
                worker,
                starts_at,
                ends_at,
            }),
            _ => Err(vec![FieldError::new(
                "starts_at",
                "not a time that exists there",
            )]),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn draft(day: &str, start: &str, end: &str) -> Draft {
        let mut d = Draft::add(
            vec![PersonRef {
                id: 7,
                name: "Xena".into(),
            }],
            jiff::civil::date(2026, 11, 23),
        );
        d.day = day.into();
        d.start = start.into();
        d.end = end.into();
        d
    }

    #[test]
    fn times_are_read_on_the_locations_clocks() {
        let t = draft("2026-11-26", "08:00", "12:30")
            .check("Europe/Berlin")
            .unwrap();
        assert_eq!(t.starts_at.to_string(), "2026-11-26T07:00:00Z");
        assert_eq!(t.ends_at.to_string(), "2026-11-26T11:30:00Z");
        assert_eq!(t.worker, 7);
    }

    #[test]
    fn an_end_before_the_start_is_the_next_morning() {
        let t = draft("2026-11-26", "22:00", "06:00")
            .check("America/Chicago")
            .unwrap();
        assert_eq!(t.starts_at.to_string(), "2026-11-27T04:00:00Z");
        assert_eq!(t.ends_at.to_string(), "2026-11-27T12:00:00Z");
    }

    #[test]
    fn what_cannot_be_read_is_named() {
        let e = draft("26.11.", "8 Uhr", "12:00")
            .check("Europe/Berlin")
            .unwrap_err();
        let names: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(names, ["day", "starts_at"]);
    }
}
