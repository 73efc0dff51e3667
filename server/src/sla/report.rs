//! The ticket report: counts, median and 90th-percentile response and
//! resolution times (in business seconds of the SLA calendar, as the
//! targets count them) and breaches, in total, by priority and by
//! assignee, and tickets opened per week. Pure: computed from the store's rows.

use std::collections::BTreeMap;

use jiff::civil::Date;
use portico_shared::{
    BusinessHours, Priority, ReportRow, TicketReport, TicketSla, WeekCount, business_seconds,
    percentile, week_start,
};

use crate::store::sla::ReportTicket;
use crate::store::ts;

/// The rows of tickets opened from `from` to `to`, judged at `now`.
pub fn build(
    tickets: &[ReportTicket],
    from: Date,
    to: Date,
    now: i64,
    hours: &BusinessHours,
) -> TicketReport {
    let at = Judged { now, hours };
    let mut rows = vec![row("total", "all", tickets.iter(), &at)];
    for p in Priority::ALL.iter().rev() {
        let of = tickets.iter().filter(|t| t.priority == *p);
        rows.push(row("priority", p.as_str(), of, &at));
    }
    let mut by_assignee: BTreeMap<&str, Vec<&ReportTicket>> = BTreeMap::new();
    for t in tickets {
        by_assignee
            .entry(t.assignee.as_deref().unwrap_or("unassigned"))
            .or_default()
            .push(t);
    }
    for (name, of) in by_assignee {
        rows.push(row("assignee", name, of.into_iter(), &at));
    }
    TicketReport {
        from,
        to,
        rows,
        weeks: weeks(tickets, from, to),
    }
}

/// The instant the report is judged at and the calendar its times count in.
struct Judged<'h> {
    now: i64,
    hours: &'h BusinessHours,
}

fn row<'a>(
    group: &str,
    key: &str,
    tickets: impl Iterator<Item = &'a ReportTicket>,
    at: &Judged<'_>,
) -> ReportRow {
    let now = at.now;
    let business = |end: i64, start: i64| business_seconds(start, end, at.hours);
    let (mut opened, mut resolved, mut breaches) = (0, 0, 0);
    let (mut first, mut resolution) = (Vec::new(), Vec::new());
    for t in tickets {
        opened += 1;
        if let Some(r) = t.resolved_at {
            resolved += 1;
            resolution.push(business(r, t.created_at));
        }
        if let Some(f) = t.first_response_at {
            first.push(business(f, t.created_at));
        }
        let sla = TicketSla::at(
            now,
            t.first_response_due_at,
            t.resolution_due_at,
            t.first_response_at,
            t.resolved_at,
        );
        if sla.first_response_breached || sla.resolution_breached {
            breaches += 1;
        }
    }
    ReportRow {
        group: group.to_owned(),
        key: key.to_owned(),
        opened,
        resolved,
        first_response_median: percentile(&mut first, 50),
        first_response_p90: percentile(&mut first, 90),
        resolution_median: percentile(&mut resolution, 50),
        resolution_p90: percentile(&mut resolution, 90),
        breaches,
    }
}

/// Tickets opened per week (Monday, UTC), every week of the range listed.
fn weeks(tickets: &[ReportTicket], from: Date, to: Date) -> Vec<WeekCount> {
    let mut counts: BTreeMap<Date, u32> = BTreeMap::new();
    let mut week = week_start(from);
    while week <= to {
        counts.insert(week, 0);
        match week.checked_add(jiff::Span::new().days(7)) {
            Ok(next) => week = next,
            Err(_) => break,
        }
    }
    for t in tickets {
        let day = ts(t.created_at).to_zoned(jiff::tz::TimeZone::UTC).date();
        *counts.entry(week_start(day)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(week, opened)| WeekCount { week, opened })
        .collect()
}

/// The report's rows as CSV: one line per row, times in business seconds.
pub fn csv(report: &TicketReport) -> Result<String, csv::Error> {
    const HEADER: &[&str] = &[
        "group",
        "key",
        "opened",
        "resolved",
        "first_response_median_seconds",
        "first_response_p90_seconds",
        "resolution_median_seconds",
        "resolution_p90_seconds",
        "breaches",
    ];
    let opt = |v: Option<i64>| v.map(|s| s.to_string()).unwrap_or_default();
    let rows = report.rows.iter().map(|r| {
        vec![
            r.group.clone(),
            crate::csv::text(&r.key),
            r.opened.to_string(),
            r.resolved.to_string(),
            opt(r.first_response_median),
            opt(r.first_response_p90),
            opt(r.resolution_median),
            opt(r.resolution_p90),
            r.breaches.to_string(),
        ]
    });
    crate::csv::write(HEADER, rows)
}
