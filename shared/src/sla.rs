//! Service levels: first-response and resolution targets per priority,
//! counted in the business hours of one calendar; the due times and breach
//! flags a ticket carries; and the ticket report built from them.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::{FieldError, Id, Priority, Timestamp, zone};

/// The targets of one priority, in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaTarget {
    pub first_response_minutes: u32,
    pub resolution_minutes: u32,
}

/// When the clock of a target runs: on `days` (1 Monday … 7 Sunday) from
/// `opens` to `closes`, local to `timezone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessHours {
    pub timezone: String,
    pub days: Vec<i8>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    pub opens: Time,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "17:00"))]
    pub closes: Time,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            timezone: "UTC".to_owned(),
            days: vec![1, 2, 3, 4, 5],
            opens: Time::constant(9, 0, 0, 0),
            closes: Time::constant(17, 0, 0, 0),
        }
    }
}

/// `GET/PUT /settings/sla`: targets by priority (a priority without one
/// has no due times) and the business hours they are counted in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaSettings {
    #[serde(default)]
    pub targets: BTreeMap<Priority, SlaTarget>,
    #[serde(default)]
    pub hours: BusinessHours,
}

/// Longest target: a year of minutes.
pub const MAX_TARGET_MINUTES: u32 = 525_600;

/// Checks settings: a known time zone, distinct days 1–7, opening before
/// closing, targets from 1 minute to a year.
pub fn validate_sla(s: &SlaSettings) -> Result<SlaSettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = s.clone();
    // A zone this server does not know would silently count in UTC.
    match crate::validate::timezone(&s.hours.timezone) {
        Ok(tz) if jiff::tz::TimeZone::get(&tz).is_ok() => out.hours.timezone = tz,
        Ok(_) => errors.push(FieldError::new(
            "hours.timezone",
            "is not a time zone this server knows",
        )),
        Err(e) => errors.push(FieldError::new("hours.timezone", e.message)),
    }
    let mut days = s.hours.days.clone();
    days.sort_unstable();
    days.dedup();
    if days.is_empty()
        || days.len() != s.hours.days.len()
        || days.iter().any(|d| !(1..=7).contains(d))
    {
        errors.push(FieldError::new(
            "hours.days",
            "distinct days from 1 (Monday) to 7 (Sunday)",
        ));
    }
    out.hours.days = days;
    if s.hours.opens >= s.hours.closes {
        errors.push(FieldError::new("hours.closes", "must be after opens"));
    }
    for (p, t) in &s.targets {
        for (what, m) in [
            ("first_response_minutes", t.first_response_minutes),
            ("resolution_minutes", t.resolution_minutes),
        ] {
            if m == 0 || m > MAX_TARGET_MINUTES {
                errors.push(FieldError::new(
                    format!("targets.{p}.{what}"),
                    format!("1 to {MAX_TARGET_MINUTES} minutes"),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Days a deadline is looked for: past them a calendar is treated as
/// never open (validation makes that impossible).
const MAX_DAYS: i32 = 3_700;

/// The instant `minutes` business minutes after `start`: the clock runs only
/// inside the opening hours of the calendar's days, in its time zone.
pub fn business_deadline(
    start: Timestamp,
    minutes: u32,
    hours: &BusinessHours,
) -> Option<Timestamp> {
    let tz = zone(&hours.timezone);
    let mut left = i64::from(minutes) * 60;
    let mut day: Date = start.to_zoned(tz.clone()).date();
    for _ in 0..MAX_DAYS {
        let weekday = day.weekday().to_monday_one_offset();
        if hours.days.contains(&weekday) {
            let open = day
                .to_datetime(hours.opens)
                .to_zoned(tz.clone())
                .ok()?
                .timestamp();
            let close = day
                .to_datetime(hours.closes)
                .to_zoned(tz.clone())
                .ok()?
                .timestamp();
            let from = open.max(start);
            if from < close {
                let available = close.as_second() - from.as_second();
                if left <= available {
                    return Timestamp::from_second(from.as_second() + left).ok();
                }
                left -= available;
            }
        }
        day = day.tomorrow().ok()?;
    }
    None
}

/// A ticket's service level: its due times (none without a target for its
/// priority), its first staff reply, whether each target is breached (now,
/// or when it was met), and the seconds left to the next target still open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSla {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub first_response_due_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub resolution_due_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub first_response_at: Option<Timestamp>,
    pub first_response_breached: bool,
    pub resolution_breached: bool,
    /// Negative when overdue; absent when no target is still running.
    pub seconds_left: Option<i64>,
}

impl TicketSla {
    /// The flags and time left of a ticket at `now`, from its stored times
    /// (Unix seconds).
    pub fn at(
        now: i64,
        first_due: Option<i64>,
        resolution_due: Option<i64>,
        first_response: Option<i64>,
        resolved: Option<i64>,
    ) -> TicketSla {
        let late =
            |due: Option<i64>, done: Option<i64>| due.is_some_and(|d| done.unwrap_or(now) > d);
        let running = match (first_response, resolved) {
            (_, Some(_)) => None,
            (None, _) => first_due.or(resolution_due),
            (Some(_), None) => resolution_due,
        };
        let ts = |s: i64| Timestamp::from_second(s).ok();
        TicketSla {
            first_response_due_at: first_due.and_then(ts),
            resolution_due_at: resolution_due.and_then(ts),
            first_response_at: first_response.and_then(ts),
            first_response_breached: late(first_due, first_response.or(resolved)),
            resolution_breached: late(resolution_due, resolved),
            seconds_left: running.map(|d| d - now),
        }
    }
}

/// `GET /reports/tickets`: tickets opened from `from` to `to` (UTC days,
/// both included), narrowed by organisation, assignee or ticket tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportQuery {
    #[cfg_attr(feature = "openapi", param(value_type = String, format = Date))]
    pub from: Date,
    #[cfg_attr(feature = "openapi", param(value_type = String, format = Date))]
    pub to: Date,
    pub organization_id: Option<Id>,
    pub assignee_id: Option<Id>,
    pub tag: Option<String>,
}

/// One line of the report: the total, a priority or an assignee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRow {
    /// `total`, `priority` or `assignee`.
    pub group: String,
    /// The priority, the assignee's name, `unassigned`, or `all`.
    pub key: String,
    pub opened: u32,
    pub resolved: u32,
    /// Seconds from opening to the first staff reply / to resolution
    /// (nearest-rank median and 90th percentile); absent without any.
    pub first_response_median: Option<i64>,
    pub first_response_p90: Option<i64>,
    pub resolution_median: Option<i64>,
    pub resolution_p90: Option<i64>,
    /// Tickets that missed a target (first response or resolution).
    pub breaches: u32,
}

/// Tickets opened per week (weeks start on Monday, UTC), for the charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekCount {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub week: Date,
    pub opened: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketReport {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub from: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub to: Date,
    pub rows: Vec<ReportRow>,
    pub weeks: Vec<WeekCount>,
}

/// The nearest-rank `pct` percentile of `values` (sorted here).
pub fn percentile(values: &mut [i64], pct: u32) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = (values.len() * pct as usize).div_ceil(100).max(1);
    values.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn the_clock_stops_outside_business_hours_and_over_the_weekend() {
        let hours = BusinessHours {
            timezone: "Europe/Berlin".into(),
            ..BusinessHours::default()
        };
        // Friday 2026-11-27 16:00 Berlin (15:00 UTC) + 120 business minutes:
        // one hour on Friday, the second from Monday 09:00 (08:00 UTC).
        let due = business_deadline(at("2026-11-27T15:00:00Z"), 120, &hours);
        assert_eq!(due, Some(at("2026-11-30T09:00:00Z")));
        // Saturday waits for Monday's opening.
        let due = business_deadline(at("2026-11-28T10:00:00Z"), 30, &hours);
        assert_eq!(due, Some(at("2026-11-30T08:30:00Z")));
        // Within the day.
        let due = business_deadline(at("2026-11-25T08:00:00Z"), 60, &hours);
        assert_eq!(due, Some(at("2026-11-25T09:00:00Z")));
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(percentile(&mut [], 50), None);
        assert_eq!(percentile(&mut [30, 10, 20, 40], 50), Some(20));
        assert_eq!(percentile(&mut [30, 10, 20, 40], 90), Some(40));
        assert_eq!(percentile(&mut [5], 90), Some(5));
    }

    #[test]
    fn breaches_and_time_left() {
        let sla = TicketSla::at(100, Some(50), Some(500), None, None);
        assert!(sla.first_response_breached && !sla.resolution_breached);
        assert_eq!(sla.seconds_left, Some(-50));
        let sla = TicketSla::at(100, Some(50), Some(500), Some(40), None);
        assert!(!sla.first_response_breached);
        assert_eq!(sla.seconds_left, Some(400));
        let sla = TicketSla::at(900, Some(50), Some(500), Some(40), Some(600));
        assert!(sla.resolution_breached);
        assert_eq!(sla.seconds_left, None);
    }
}
