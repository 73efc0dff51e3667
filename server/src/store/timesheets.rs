//! Timesheet entries. Reads take the viewer's `TimesheetScope` into the SQL;
//! drafts are the worker's own until submitted, so only workers see them.

use jiff::civil::Date;
use portico_shared::{Id, OrderLink, PersonRef, TimesheetEntry, TimesheetStatus};
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};

use super::{Conn, OptionalRow, Result, enum_col, ts};
use crate::access::TimesheetScope;

/// The scope clause binds ?1 (worker), ?2 (organisation), ?3 (JSON locations).
const SELECT: &str = "SELECT t.id, t.worker_id, w.name, t.location_id, l.name, l.timezone,
        l.organization_id, org.name, o.id, o.reference, t.shift_id, t.work_date, t.starts_at,
        t.ends_at, t.break_minutes, t.note, t.status, t.reason, t.decided_by, d.name,
        t.decided_at, t.updated_at
    FROM timesheet_entries t
    JOIN users w ON w.id = t.worker_id
    JOIN locations l ON l.id = t.location_id
    JOIN organizations org ON org.id = l.organization_id
    LEFT JOIN orders o ON o.id = t.order_id
    LEFT JOIN users d ON d.id = t.decided_by
    WHERE (?1 IS NULL OR t.worker_id = ?1)
      AND (?2 IS NULL OR l.organization_id = ?2)
      AND (?3 IS NULL OR t.location_id IN (SELECT value FROM json_each(?3)))
      AND (?1 IS NOT NULL OR t.status <> 'draft')";

/// Minutes between two Unix times, to the nearest minute.
pub fn minutes_between(starts: i64, ends: i64) -> i64 {
    (ends - starts + 30).div_euclid(60)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<TimesheetEntry> {
    let pair = |id: Option<Id>, name: Option<String>| id.zip(name);
    let date: String = r.get(11)?;
    let (starts, ends, break_minutes): (i64, i64, i64) = (r.get(12)?, r.get(13)?, r.get(14)?);
    let (worker, location, organization) = super::shifts::who_and_where(r)?;
    Ok(TimesheetEntry {
        id: r.get(0)?,
        worker,
        location,
        organization: Some(organization),
        order: pair(r.get(8)?, r.get(9)?).map(|(id, reference)| OrderLink { id, reference }),
        shift_id: r.get(10)?,
        date: date
            .parse()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(11, Type::Text, Box::new(e)))?,
        starts_at: ts(starts),
        ends_at: ts(ends),
        break_minutes,
        worked_minutes: minutes_between(starts, ends) - break_minutes,
        note: r.get(15)?,
        status: enum_col(r, 16)?,
        reason: r.get(17)?,
        decided_by: pair(r.get(18)?, r.get(19)?).map(|(id, name)| PersonRef { id, name }),
        decided_at: r.get::<_, Option<i64>>(20)?.map(ts),
        updated_at: ts(r.get(21)?),
    })
}

/// The entry as `scope` sees it: workers without the organisation, order
/// or approver behind it.
pub fn view(e: TimesheetEntry, scope: &TimesheetScope) -> TimesheetEntry {
    scope.narrow(e, TimesheetEntry::for_worker)
}

/// One entry, if the viewer may see it (as stored: not yet narrowed by `view`).
pub fn get(c: &Conn<'_>, scope: &TimesheetScope, id: Id) -> Result<TimesheetEntry> {
    let (worker, org, locations) = scope.params();
    c.0.prepare_cached(&format!("{SELECT} AND t.id = ?4"))?
        .query_row(params![worker, org, locations, id], from_row)
        .found()
}

/// One entry, whoever's and whatever its state: for building events.
pub fn get_any(c: &Conn<'_>, id: Id) -> Result<TimesheetEntry> {
    let worker: Id =
        c.0.prepare_cached("SELECT worker_id FROM timesheet_entries WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .found()?;
    // As its worker sees it, drafts included: the scope SQL of a worker.
    c.0.prepare_cached(&format!("{SELECT} AND t.id = ?4"))?
        .query_row(params![worker, None::<Id>, None::<String>, id], from_row)
        .found()
}

/// What a listing narrows to, besides the viewer's scope.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<TimesheetStatus>,
    pub worker: Option<Id>,
    pub location: Option<Id>,
}

/// The entries the viewer sees whose day falls in `from..=to`, by day,
/// worker and start.
pub fn list(
    c: &Conn<'_>,
    scope: &TimesheetScope,
    from: Date,
    to: Date,
    f: &Filter,
) -> Result<Vec<TimesheetEntry>> {
    let (worker, org, locations) = scope.params();
    let sql = format!(
        "{SELECT} AND t.work_date >= ?4 AND t.work_date <= ?5
           AND (?6 IS NULL OR t.status = ?6) AND (?7 IS NULL OR t.worker_id = ?7)
           AND (?8 IS NULL OR t.location_id = ?8)
         ORDER BY t.work_date, w.name, t.starts_at, t.id"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![
                    worker,
                    org,
                    locations,
                    from.to_string(),
                    to.to_string(),
                    f.status.map(|s| s.as_str()),
                    f.worker,
                    f.location
                ],
                from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The times of an entry, as checked by the route.
#[derive(Debug, Clone)]
pub struct Times {
    pub work_date: Date,
    pub starts_at: i64,
    pub ends_at: i64,
    pub break_minutes: i64,
    pub note: String,
}

/// A new entry of `worker` at `location`.
pub struct NewEntryRow {
    pub worker_id: Id,
    pub location_id: Id,
    pub order_id: Option<Id>,
    pub shift_id: Option<Id>,
    pub times: Times,
    pub status: TimesheetStatus,
}

pub fn insert(c: &Conn<'_>, e: &NewEntryRow, now: i64) -> Result<Id> {
    let t = &e.times;
    c.0.prepare_cached(
        "INSERT INTO timesheet_entries (worker_id, location_id, order_id, shift_id, work_date,
             starts_at, ends_at, break_minutes, note, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        e.worker_id,
        e.location_id,
        e.order_id,
        e.shift_id,
        t.work_date.to_string(),
        t.starts_at,
        t.ends_at,
        t.break_minutes,
        t.note,
        e.status.as_str(),
        now
    ])?;
    Ok(c.0.last_insert_rowid())
}

pub fn update_times(c: &Conn<'_>, id: Id, t: &Times, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE timesheet_entries SET work_date = ?2, starts_at = ?3, ends_at = ?4,
             break_minutes = ?5, note = ?6, updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![
        id,
        t.work_date.to_string(),
        t.starts_at,
        t.ends_at,
        t.break_minutes,
        t.note,
        now
    ])?;
    Ok(())
}

/// A move through `draft → submitted → approved | rejected`.
pub struct Decision<'a> {
    pub status: TimesheetStatus,
    pub reason: Option<&'a str>,
    /// Who approved or rejected; `None` when the worker submits.
    pub by: Option<Id>,
}

pub fn set_status(c: &Conn<'_>, id: Id, d: &Decision<'_>, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE timesheet_entries SET status = ?2, reason = ?3, decided_by = ?4,
             decided_at = CASE WHEN ?4 IS NULL THEN NULL ELSE ?5 END, updated_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![id, d.status.as_str(), d.reason, d.by, now])?;
    Ok(())
}

/// Another of the worker's entries that overlaps `[starts, ends)`.
pub fn overlapping(
    c: &Conn<'_>,
    worker: Id,
    starts: i64,
    ends: i64,
    except: Option<Id>,
) -> Result<Option<Id>> {
    Ok(c.0
        .prepare_cached(
            "SELECT id FROM timesheet_entries
         WHERE worker_id = ?1 AND starts_at < ?3 AND ends_at > ?2 AND id IS NOT ?4 LIMIT 1",
        )?
        .query_row(params![worker, starts, ends, except], |r| r.get(0))
        .optional()?)
}
