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
/// `opens` to `closes`, local to `timezone`, except on `holidays`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessHours {
    pub timezone: String,
    pub days: Vec<i8>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    pub opens: Time,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "17:00"))]
    pub closes: Time,
    /// Days in the calendar's zone with no business hours at all.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, max_items = 366))]
    pub holidays: Vec<Date>,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            timezone: "UTC".to_owned(),
            days: vec![1, 2, 3, 4, 5],
            opens: Time::constant(9, 0, 0, 0),
            closes: Time::constant(17, 0, 0, 0),
            holidays: Vec::new(),
        }
    }
}

/// Targets for the tickets of organisations carrying `tag`, in place of
/// the defaults for the priorities it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaOverride {
    pub tag: String,
    pub targets: BTreeMap<Priority, SlaTarget>,
}

/// `GET/PUT /settings/sla`: targets by priority (a priority without one
/// has no due times), overrides by organisation tag, and the business
/// hours they are counted in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaSettings {
    #[serde(default)]
    pub targets: BTreeMap<Priority, SlaTarget>,
    /// The first override whose tag the ticket's organisation carries and
    /// which names the ticket's priority wins; otherwise `targets`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub overrides: Vec<SlaOverride>,
    #[serde(default)]
    pub hours: BusinessHours,
}

impl SlaSettings {
    /// The target a ticket of `priority` from an organisation with
    /// `org_tags` is measured against.
    pub fn target_for(&self, priority: Priority, org_tags: &[String]) -> Option<&SlaTarget> {
        self.overrides
            .iter()
            .filter(|o| org_tags.contains(&o.tag))
            .find_map(|o| o.targets.get(&priority))
            .or_else(|| self.targets.get(&priority))
    }
}

/// Most overrides by tag, and most holidays, one calendar holds.
pub const MAX_SLA_OVERRIDES: usize = 32;
pub const MAX_HOLIDAYS: usize = 366;

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
    let mut holidays = s.hours.holidays.clone();
    holidays.sort_unstable();
    holidays.dedup();
    if holidays.len() > MAX_HOLIDAYS {
        errors.push(FieldError::new(
            "hours.holidays",
            format!("at most {MAX_HOLIDAYS} days"),
        ));
    }
    out.hours.holidays = holidays;
    check_targets("targets", &s.targets, &mut errors);
    if s.overrides.len() > MAX_SLA_OVERRIDES {
        errors.push(FieldError::new(
            "overrides",
            format!("at most {MAX_SLA_OVERRIDES} overrides"),
        ));
    }
    let mut seen = Vec::new();
    for (i, o) in s.overrides.iter().enumerate().take(MAX_SLA_OVERRIDES) {
        match crate::validate::tags(std::slice::from_ref(&o.tag)) {
            Ok(mut one) => {
                let tag = one.pop().unwrap_or_default();
                if seen.contains(&tag) {
                    errors.push(FieldError::new(
                        format!("overrides.{i}.tag"),
                        "each tag is overridden once",
                    ));
                }
                seen.push(tag.clone());
                if let Some(out) = out.overrides.get_mut(i) {
                    out.tag = tag;
                }
            }
            Err(e) => errors.push(FieldError::new(format!("overrides.{i}.tag"), e.message)),
        }
        if o.targets.is_empty() {
            errors.push(FieldError::new(
                format!("overrides.{i}.targets"),
                "name at least one priority",
            ));
        }
        check_targets(&format!("overrides.{i}.targets"), &o.targets, &mut errors);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Targets from 1 minute to a year, each named `{at}.{priority}.{what}`.
fn check_targets(at: &str, targets: &BTreeMap<Priority, SlaTarget>, errors: &mut Vec<FieldError>) {
    for (p, t) in targets {
        for (what, m) in [
            ("first_response_minutes", t.first_response_minutes),
            ("resolution_minutes", t.resolution_minutes),
        ] {
            if m == 0 || m > MAX_TARGET_MINUTES {
                errors.push(FieldError::new(
                    format!("{at}.{p}.{what}"),
                    format!("1 to {MAX_TARGET_MINUTES} minutes"),
                ));
            }
        }
    }
}

/// Days a deadline is looked for: past them a calendar is treated as
/// never open (validation makes that impossible).
const MAX_DAYS: i32 = 3_700;

/// The business hours of one day as instants: none on a day off or a
/// holiday (or a day whose hours the zone cannot name).
fn open_hours(day: Date, hours: &BusinessHours, tz: &jiff::tz::TimeZone) -> Option<(i64, i64)> {
    let weekday = day.weekday().to_monday_one_offset();
    if !hours.days.contains(&weekday) || hours.holidays.binary_search(&day).is_ok() {
        return None;
    }
    let at = |t: Time| -> Option<i64> {
        Some(
            day.to_datetime(t)
                .to_zoned(tz.clone())
                .ok()?
                .timestamp()
                .as_second(),
        )
    };
    Some((at(hours.opens)?, at(hours.closes)?))
}

/// The instant `minutes` business minutes after `start`: the clock runs only
/// inside the opening hours of the calendar's days, in its time zone, and
/// not on its holidays.
pub fn business_deadline(
    start: Timestamp,
    minutes: u32,
    hours: &BusinessHours,
) -> Option<Timestamp> {
    let tz = zone(&hours.timezone);
    let start = start.as_second();
    let mut left = i64::from(minutes) * 60;
    let mut day: Date = Timestamp::from_second(start)
        .ok()?
        .to_zoned(tz.clone())
        .date();
    for _ in 0..MAX_DAYS {
        if let Some((open, close)) = open_hours(day, hours, &tz) {
            let from = open.max(start);
            if from < close {
                let available = close - from;
                if left <= available {
                    return Timestamp::from_second(from + left).ok();
                }
                left -= available;
            }
        }
        day = day.tomorrow().ok()?;
    }
    None
}

/// The business seconds from `start` to `end` (Unix seconds): the time the
/// calendar was open between them, as the targets count it. At most
/// `MAX_DAYS` days are walked.
pub fn business_seconds(start: i64, end: i64, hours: &BusinessHours) -> i64 {
    let tz = zone(&hours.timezone);
    let date = |s: i64| {
        Timestamp::from_second(s)
            .ok()
            .map(|t| t.to_zoned(tz.clone()).date())
    };
    let (Some(mut day), Some(last)) = (date(start), date(end)) else {
        return 0;
    };
    let mut total = 0;
    for _ in 0..MAX_DAYS {
        if day > last {
            break;
        }
        if let Some((open, close)) = open_hours(day, hours, &tz) {
            total += (close.min(end) - open.max(start)).max(0);
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    total
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
    /// Business seconds (counted in the SLA calendar, like the targets)
    /// from opening to the first staff reply / to resolution (nearest-rank
    /// median and 90th percentile); absent without any.
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
    fn holidays_have_no_business_hours() {
        let hours = BusinessHours {
            // Monday 2026-11-30 is a holiday.
            holidays: vec![jiff::civil::date(2026, 11, 30)],
            ..BusinessHours::default()
        };
        // Friday 16:00 UTC + 120 minutes: one hour Friday, one on Tuesday.
        let due = business_deadline(at("2026-11-27T16:00:00Z"), 120, &hours);
        assert_eq!(due, Some(at("2026-12-01T10:00:00Z")));
        // Friday 16:00 to Tuesday 10:00 is two business hours.
        let secs = business_seconds(
            at("2026-11-27T16:00:00Z").as_second(),
            at("2026-12-01T10:00:00Z").as_second(),
            &hours,
        );
        assert_eq!(secs, 7_200);
        // Within one day, and outside the hours.
        let day = |h: &str| at(&format!("2026-11-25T{h}:00Z")).as_second();
        assert_eq!(business_seconds(day("08:00"), day("09:30"), &hours), 1_800);
        assert_eq!(business_seconds(day("18:00"), day("20:00"), &hours), 0);
        assert_eq!(business_seconds(day("10:00"), day("09:00"), &hours), 0);
    }

    #[test]
    fn an_override_by_tag_wins_for_the_priorities_it_names() {
        let target = |m| SlaTarget {
            first_response_minutes: m,
            resolution_minutes: m * 4,
        };
        let s = SlaSettings {
            targets: BTreeMap::from([(Priority::Normal, target(60)), (Priority::Low, target(120))]),
            overrides: vec![SlaOverride {
                tag: "platinum".into(),
                targets: BTreeMap::from([(Priority::Normal, target(15))]),
            }],
            hours: BusinessHours::default(),
        };
        let plat = ["platinum".to_owned()];
        assert_eq!(s.target_for(Priority::Normal, &plat), Some(&target(15)));
        assert_eq!(s.target_for(Priority::Low, &plat), Some(&target(120)));
        assert_eq!(s.target_for(Priority::Normal, &[]), Some(&target(60)));
        assert_eq!(s.target_for(Priority::Urgent, &plat), None);
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
