//! The demo's shifts and timesheets: a worker in every Who's working state
//! today, and three weeks of entries behind them, from approved to draft.

use jiff::civil::Date;
use portico_shared::{ClockAction, Id, TimesheetStatus, local_day, week_start, zone};

use super::timesheets::{Decision, NewEntryRow, Times};
use super::{Conn, Result, StoreError, shifts, timesheets, ts};

/// A demo worker today: where, when the shift started (minutes from now),
/// and the clock actions so far (minutes from now).
struct Today {
    email: &'static str,
    location: &'static str,
    /// Who approves their time.
    approver: &'static str,
    starts_in: i64,
    clock: &'static [(ClockAction, i64)],
}

pub const WORKERS: &[(&str, &str)] = &[
    ("wendy@workers.example", "Wendy Walker"),
    ("walt@workers.example", "Walt Wagner"),
    ("xena@workers.example", "Xena Xu"),
    ("yusuf@workers.example", "Yusuf Young"),
    ("zoe@workers.example", "Zoe Zimmer"),
    ("omar@workers.example", "Omar Ortiz"),
];

const ANA: &str = "ana@northwind.example";
const CARLA: &str = "carla@globex.example";

const TODAY: &[Today] = &[
    // Clocked in two hours ago.
    Today {
        email: "wendy@workers.example",
        location: "Berlin HQ",
        approver: ANA,
        starts_in: -120,
        clock: &[(ClockAction::In, -122)],
    },
    // On a break since ten minutes.
    Today {
        email: "walt@workers.example",
        location: "Hamburg Depot",
        approver: ANA,
        starts_in: -180,
        clock: &[(ClockAction::In, -181), (ClockAction::Break, -10)],
    },
    // Late: started a quarter of an hour ago, not clocked in.
    Today {
        email: "xena@workers.example",
        location: "Berlin HQ",
        approver: ANA,
        starts_in: -15,
        clock: &[],
    },
    // No-show: started two hours ago, never came.
    Today {
        email: "yusuf@workers.example",
        location: "Hamburg Depot",
        approver: ANA,
        starts_in: -120,
        clock: &[],
    },
    // Done for the day, half an hour of break.
    Today {
        email: "zoe@workers.example",
        location: "Springfield Plant",
        approver: CARLA,
        starts_in: -540,
        clock: &[
            (ClockAction::In, -541),
            (ClockAction::Break, -300),
            (ClockAction::Resume, -270),
            (ClockAction::Out, -60),
        ],
    },
    // Scheduled: starts in half an hour.
    Today {
        email: "omar@workers.example",
        location: "Springfield Plant",
        approver: CARLA,
        starts_in: 30,
        clock: &[],
    },
];

const SHIFT_MINUTES: i64 = 8 * 60 + 30;

pub(super) fn id_of(c: &Conn<'_>, sql: &str, name: &str) -> Result<Id> {
    use super::OptionalRow;
    c.0.query_row(sql, [name], |r| r.get(0)).found()
}

/// Today's shifts, and weekday entries of the three weeks before today.
pub fn seed(c: &Conn<'_>, now: i64) -> Result<()> {
    for t in TODAY {
        let worker = id_of(c, "SELECT id FROM users WHERE email = ?1", t.email)?;
        let location = id_of(c, "SELECT id FROM locations WHERE name = ?1", t.location)?;
        let approver = id_of(c, "SELECT id FROM users WHERE email = ?1", t.approver)?;
        let starts = now + t.starts_in * 60;
        let shift = add_shift(c, worker, location, starts, starts + SHIFT_MINUTES * 60)?;
        for (action, minutes) in t.clock {
            shifts::add_event(c, shift, *action, now + minutes * 60)?;
        }
        history(c, worker, location, approver, now)?;
    }
    Ok(())
}

/// 08:00 to 16:30 on each weekday from three Mondays ago to yesterday, at
/// the location's time: approved the first two weeks, last week submitted
/// with one rejection, this week's days drafts.
fn history(c: &Conn<'_>, worker: Id, location: Id, approver: Id, now: i64) -> Result<()> {
    let place = shifts::place(c, location)?;
    let tz = zone(&place.timezone);
    let today = local_day(ts(now), &tz);
    let this_week = week_start(today);
    let days = |d: Date, n: i64| {
        d.checked_add(jiff::Span::new().days(n))
            .map_err(|e| StoreError::Conflict(format!("demo dates: {e}")))
    };
    let first = days(this_week, -21)?;
    for n in 0..(today - first).get_days() {
        let day = days(first, i64::from(n))?;
        let weekday = day.weekday().to_monday_one_offset();
        if weekday > 5 {
            continue;
        }
        let week_back = (this_week - week_start(day)).get_days() / 7;
        let (starts, ends) = (at(day, 8, 0, &tz)?, at(day, 16, 30, &tz)?);
        let shift = add_shift(c, worker, location, starts, ends)?;
        shifts::add_event(c, shift, ClockAction::In, starts)?;
        shifts::add_event(c, shift, ClockAction::Out, ends)?;
        let status = match (week_back, weekday) {
            (0, _) => TimesheetStatus::Draft,
            (1, 3) => TimesheetStatus::Rejected,
            (1, _) => TimesheetStatus::Submitted,
            _ => TimesheetStatus::Approved,
        };
        let entry = timesheets::insert(
            c,
            &NewEntryRow {
                worker_id: worker,
                location_id: location,
                order_id: None,
                shift_id: Some(shift),
                times: Times {
                    work_date: day,
                    starts_at: starts,
                    ends_at: ends,
                    break_minutes: 30,
                    note: String::new(),
                },
                status: TimesheetStatus::Draft,
            },
            ends,
        )?;
        let decision = match status {
            TimesheetStatus::Draft => continue,
            TimesheetStatus::Submitted => Decision {
                status,
                reason: None,
                by: None,
            },
            TimesheetStatus::Rejected => Decision {
                status,
                reason: Some("The gate log shows 08:20 as the start; please correct it."),
                by: Some(approver),
            },
            TimesheetStatus::Approved => Decision {
                status,
                reason: None,
                by: Some(approver),
            },
        };
        timesheets::set_status(c, entry, &decision, ends + 86_400)?;
    }
    Ok(())
}

fn add_shift(c: &Conn<'_>, worker: Id, location: Id, starts: i64, ends: i64) -> Result<Id> {
    let row = shifts::NewShiftRow {
        worker_id: worker,
        location_id: location,
        order_item_id: None,
        starts_at: starts,
        ends_at: ends,
    };
    shifts::insert(c, &row, starts)
}

/// The Unix time of `hour:minute` on `day` at a place in zone `tz`.
fn at(day: Date, hour: i8, minute: i8, tz: &jiff::tz::TimeZone) -> Result<i64> {
    day.at(hour, minute, 0, 0)
        .to_zoned(tz.clone())
        .map(|z| z.timestamp().as_second())
        .map_err(|e| StoreError::Conflict(format!("demo times: {e}")))
}
