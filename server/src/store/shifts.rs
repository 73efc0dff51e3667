//! Shifts and their clock events. Reads take the viewer's `TimesheetScope`
//! into the SQL, so a shift outside it is simply not found.

use portico_shared::{
    ClockAction, Grace, Id, OrderLink, OrganizationRef, PersonRef, Place, Shift, break_seconds,
    local_day, shift_state, zone,
};
use rusqlite::{OptionalExtension, Row, params};

use super::{Conn, OptionalRow, Result, json_col, ts};
use crate::access::TimesheetScope;

/// The scope clause binds ?1 (worker), ?2 (organisation), ?3 (JSON locations).
const SELECT: &str = "SELECT s.id, s.worker_id, w.name, s.location_id, l.name, l.timezone,
        l.organization_id, org.name, o.id, o.reference, s.starts_at, s.ends_at,
        (SELECT json_group_array(json_array(e.action, e.at) ORDER BY e.id)
           FROM clock_events e WHERE e.shift_id = s.id)
    FROM shifts s
    JOIN users w ON w.id = s.worker_id
    JOIN locations l ON l.id = s.location_id
    JOIN organizations org ON org.id = l.organization_id
    LEFT JOIN order_items i ON i.id = s.order_item_id
    LEFT JOIN orders o ON o.id = i.order_id
    WHERE (?1 IS NULL OR s.worker_id = ?1)
      AND (?2 IS NULL OR l.organization_id = ?2)
      AND (?3 IS NULL OR s.location_id IN (SELECT value FROM json_each(?3)))";

/// A shift as stored, before its state is worked out for a moment and a viewer.
#[derive(Debug, Clone)]
pub struct ShiftRow {
    pub id: Id,
    pub worker: PersonRef,
    pub location: Place,
    pub organization: OrganizationRef,
    pub order: Option<OrderLink>,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Clock actions in order, with their Unix times.
    pub events: Vec<(ClockAction, i64)>,
}

impl ShiftRow {
    pub fn last_action(&self) -> Option<ClockAction> {
        self.events.last().map(|e| e.0)
    }

    fn at(&self, action: ClockAction) -> Option<i64> {
        self.events.iter().find(|e| e.0 == action).map(|e| e.1)
    }

    /// The shift as `scope` sees it at `now`: workers without the
    /// organisation or order behind it.
    pub fn view(&self, now: i64, grace: Grace, scope: &TimesheetScope) -> Shift {
        let tz = zone(&self.location.timezone);
        let shift = Shift {
            id: self.id,
            worker: self.worker.clone(),
            location: self.location.clone(),
            organization: Some(self.organization.clone()),
            order: self.order.clone(),
            date: local_day(ts(self.starts_at), &tz),
            starts_at: ts(self.starts_at),
            ends_at: ts(self.ends_at),
            state: shift_state(now, self.starts_at, self.ends_at, self.last_action(), grace),
            clocked_in_at: self.at(ClockAction::In).map(ts),
            clocked_out_at: self.at(ClockAction::Out).map(ts),
            break_minutes: (break_seconds(&self.events, now) + 30) / 60,
        };
        scope.narrow(shift, Shift::for_worker)
    }
}

/// Columns 1 to 7 of a shift or entry row: the worker (id, name), the
/// location (id, name, time zone) and its organisation (id, name).
pub(super) fn who_and_where(r: &Row<'_>) -> rusqlite::Result<(PersonRef, Place, OrganizationRef)> {
    Ok((
        PersonRef {
            id: r.get(1)?,
            name: r.get(2)?,
        },
        Place {
            id: r.get(3)?,
            name: r.get(4)?,
            timezone: r.get(5)?,
        },
        OrganizationRef {
            id: r.get(6)?,
            name: r.get(7)?,
        },
    ))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ShiftRow> {
    let raw: Vec<(String, i64)> = json_col(r, 12)?;
    let events = raw
        .into_iter()
        .filter_map(|(action, at)| Some((action.parse().ok()?, at)))
        .collect();
    let order = match (r.get::<_, Option<Id>>(8)?, r.get::<_, Option<String>>(9)?) {
        (Some(id), Some(reference)) => Some(OrderLink { id, reference }),
        _ => None,
    };
    let (worker, location, organization) = who_and_where(r)?;
    Ok(ShiftRow {
        id: r.get(0)?,
        worker,
        location,
        organization,
        order,
        starts_at: r.get(10)?,
        ends_at: r.get(11)?,
        events,
    })
}

/// One shift, if the viewer may see it.
pub fn get(c: &Conn<'_>, scope: &TimesheetScope, id: Id) -> Result<ShiftRow> {
    let (worker, org, locations) = scope.params();
    c.0.prepare_cached(&format!("{SELECT} AND s.id = ?4"))?
        .query_row(params![worker, org, locations, id], from_row)
        .found()
}

/// The shifts the viewer sees that start in `[from, to)` (Unix seconds),
/// earliest first.
pub fn starting_between(
    c: &Conn<'_>,
    scope: &TimesheetScope,
    from: i64,
    to: i64,
    location: Option<Id>,
) -> Result<Vec<ShiftRow>> {
    let (worker, org, locations) = scope.params();
    let sql = format!(
        "{SELECT} AND s.starts_at >= ?4 AND s.starts_at < ?5 AND (?6 IS NULL OR s.location_id = ?6)
         ORDER BY s.starts_at, w.name, s.id"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![worker, org, locations, from, to, location],
                from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A new shift, as `POST /shifts` checked it.
pub struct NewShiftRow {
    pub worker_id: Id,
    pub location_id: Id,
    pub order_item_id: Option<Id>,
    pub starts_at: i64,
    pub ends_at: i64,
}

pub fn insert(c: &Conn<'_>, s: &NewShiftRow, now: i64) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO shifts (worker_id, location_id, order_item_id, starts_at, ends_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        s.worker_id,
        s.location_id,
        s.order_item_id,
        s.starts_at,
        s.ends_at,
        now
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// Deletes a shift nobody has clocked into; `false` when someone has (the
/// shift is then part of a timesheet record and stays).
pub fn delete_unclocked(c: &Conn<'_>, id: Id) -> Result<bool> {
    let n =
        c.0.prepare_cached(
            "DELETE FROM shifts WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM clock_events WHERE shift_id = ?1)",
        )?
        .execute([id])?;
    Ok(n == 1)
}

/// Moves a shift nobody has clocked into; `false` when someone has (its
/// times are then what the timesheet was worked against, and stay).
pub fn move_unclocked(c: &Conn<'_>, id: Id, starts: i64, ends: i64) -> Result<bool> {
    let n =
        c.0.prepare_cached(
            "UPDATE shifts SET starts_at = ?2, ends_at = ?3 WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM clock_events WHERE shift_id = ?1)",
        )?
        .execute(params![id, starts, ends])?;
    Ok(n == 1)
}

/// Another of the worker's shifts, not `except`, that overlaps `[starts, ends)`.
pub fn overlapping_other(
    c: &Conn<'_>,
    worker: Id,
    starts: i64,
    ends: i64,
    except: Id,
) -> Result<Option<Id>> {
    Ok(c.0
        .prepare_cached(
            "SELECT id FROM shifts
         WHERE worker_id = ?1 AND starts_at < ?3 AND ends_at > ?2 AND id <> ?4 LIMIT 1",
        )?
        .query_row(params![worker, starts, ends, except], |r| r.get(0))
        .optional()?)
}

/// Another of the worker's shifts that overlaps `[starts, ends)`.
pub fn overlapping(c: &Conn<'_>, worker: Id, starts: i64, ends: i64) -> Result<Option<Id>> {
    Ok(c.0.prepare_cached(
        "SELECT id FROM shifts WHERE worker_id = ?1 AND starts_at < ?3 AND ends_at > ?2 LIMIT 1",
    )?
    .query_row(params![worker, starts, ends], |r| r.get(0))
    .optional()?)
}

/// How early before its start a worker may clock into a shift.
pub const EARLY_CLOCK_IN_SECS: i64 = 60 * 60;

/// The worker's shift under way: clocked in and not out.
pub fn open_shift(c: &Conn<'_>, worker: Id) -> Result<Option<Id>> {
    Ok(c.0.prepare_cached(
        "SELECT s.id FROM shifts s
         WHERE s.worker_id = ?1
           AND (SELECT action FROM clock_events e WHERE e.shift_id = s.id ORDER BY e.id DESC LIMIT 1)
               IN ('in', 'break', 'resume')
         ORDER BY s.starts_at DESC LIMIT 1",
    )?
    .query_row([worker], |r| r.get(0))
    .optional()?)
}

/// The worker's next unclocked shift that has not ended at `now`: the one
/// to clock into (if it starts within the hour) or to show as coming up.
pub fn next_shift(c: &Conn<'_>, worker: Id, now: i64) -> Result<Option<Id>> {
    Ok(c.0
        .prepare_cached(
            "SELECT s.id FROM shifts s
         WHERE s.worker_id = ?1 AND s.ends_at > ?2
           AND NOT EXISTS (SELECT 1 FROM clock_events e WHERE e.shift_id = s.id)
         ORDER BY s.starts_at LIMIT 1",
        )?
        .query_row(params![worker, now], |r| r.get(0))
        .optional()?)
}

pub fn add_event(c: &Conn<'_>, shift: Id, action: ClockAction, at: i64) -> Result<()> {
    c.0.prepare_cached("INSERT INTO clock_events (shift_id, action, at) VALUES (?1, ?2, ?3)")?
        .execute(params![shift, action.as_str(), at])?;
    Ok(())
}

/// Whether the worker ever had a shift at the location: where they may log time.
pub fn worked_at(c: &Conn<'_>, worker: Id, location: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM shifts WHERE worker_id = ?1 AND location_id = ?2)",
        )?
        .query_row(params![worker, location], |r| r.get(0))?)
}

/// What an order item says about a shift on it.
pub struct ItemPlacement {
    pub worker_id: Option<Id>,
    pub location_id: Id,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

pub fn item_placement(c: &Conn<'_>, item: Id) -> Result<Option<ItemPlacement>> {
    Ok(c.0
        .prepare_cached(
            "SELECT i.worker_id, o.location_id, i.starts_at, i.ends_at
         FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = ?1",
        )?
        .query_row([item], |r| {
            Ok(ItemPlacement {
                worker_id: r.get(0)?,
                location_id: r.get(1)?,
                starts_at: r.get(2)?,
                ends_at: r.get(3)?,
            })
        })
        .optional()?)
}

pub fn location_exists(c: &Conn<'_>, location: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM locations WHERE id = ?1)")?
        .query_row([location], |r| r.get(0))?)
}

/// A location with its time zone.
pub fn place(c: &Conn<'_>, location: Id) -> Result<Place> {
    c.0.prepare_cached("SELECT id, name, timezone FROM locations WHERE id = ?1")?
        .query_row([location], |r| {
            Ok(Place {
                id: r.get(0)?,
                name: r.get(1)?,
                timezone: r.get(2)?,
            })
        })
        .found()
}
