//! Orders and their items. Every read takes the viewer's `OrderScope` and
//! puts it into the SQL, so an order outside it is simply not found.

use std::collections::BTreeMap;

use jiff::civil::Date;
use portico_shared::{
    Id, ItemState, LocationRef, Order, OrderDetail, OrderItem, OrderQuery, OrderStatus,
    OrganizationRef, Page, PersonRef, Priority,
};
use rusqlite::types::Type;
use rusqlite::{Row, params};
use serde_json::Value;

use super::proofs::VisibleOrder;
use super::search::{SEARCH_CANDIDATES, Window, fts_terms};
use super::{
    Conn, OptionalRow, Result, attachments, enum_col, forms, json_col, page_of, to_json, ts,
};
use crate::access::OrderScope;

/// The columns `from_row` read. The scope clause binds ?1 (organisation or
/// NULL) and ?2 (a JSON array of locations or NULL).
const SELECT: &str = "SELECT o.id, o.reference, o.title, o.status, o.organization_id, org.name,
        o.location_id, l.name, o.priority, o.team, o.due_date, o.submitted_by, u.name,
        o.thread_id, (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id),
        o.created_at, o.updated_at
    FROM orders o
    JOIN organizations org ON org.id = o.organization_id
    JOIN locations l ON l.id = o.location_id
    JOIN users u ON u.id = o.submitted_by
    WHERE (?1 IS NULL OR o.organization_id = ?1)
      AND (?2 IS NULL OR o.location_id IN (SELECT value FROM json_each(?2)))";

/// The UTC date of a Unix time: order references and due dates count in it.
pub fn utc_date(secs: i64) -> Date {
    ts(secs).to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// The scope as the two parameters `SELECT` binds first.
fn scope_params(s: &OrderScope) -> (Option<Id>, Option<String>) {
    (s.org(), s.locations().as_deref().map(to_json))
}

/// Reads a `YYYY-MM-DD` text column.
pub(super) fn date_col(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Date>> {
    r.get::<_, Option<String>>(idx)?
        .map(|s| {
            s.parse::<Date>()
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, e.into()))
        })
        .transpose()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        id: r.get(0)?,
        reference: r.get(1)?,
        title: r.get(2)?,
        status: enum_col(r, 3)?,
        organization: OrganizationRef {
            id: r.get(4)?,
            name: r.get(5)?,
        },
        location: LocationRef {
            id: r.get(6)?,
            name: r.get(7)?,
        },
        priority: enum_col(r, 8)?,
        team: r.get(9)?,
        due_date: date_col(r, 10)?,
        submitted_by: PersonRef {
            id: r.get(11)?,
            name: r.get(12)?,
        },
        thread_id: r.get(13)?,
        item_count: r.get(14)?,
        created_at: ts(r.get(15)?),
        updated_at: ts(r.get(16)?),
    })
}

/// One order, if the viewer may see it.
pub fn get(c: &Conn<'_>, scope: &OrderScope, id: Id) -> Result<Order> {
    let (org, locations) = scope_params(scope);
    c.0.prepare_cached(&format!("{SELECT} AND o.id = ?3"))?
        .query_row(params![org, locations, id], from_row)
        .found()
}

/// Proof that `scope` sees order `id`; not found otherwise.
pub fn check_visible(c: &Conn<'_>, scope: &OrderScope, id: Id) -> Result<VisibleOrder> {
    get(c, scope, id)?;
    Ok(VisibleOrder::trusted(id))
}

/// The order with its form snapshot, values, items and deliverables.
pub fn detail(c: &Conn<'_>, scope: &OrderScope, id: Id) -> Result<OrderDetail> {
    let order = get(c, scope, id)?;
    let (version_id, values): (Id, BTreeMap<String, Value>) =
        c.0.prepare_cached("SELECT form_version_id, form_values FROM orders WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, json_col(r, 1)?)))
            .found()?;
    Ok(OrderDetail {
        order,
        form: forms::snapshot(c, version_id)?,
        values,
        items: items(c, id)?,
        deliverables: attachments::of_order(c, id, true)?,
        files: attachments::of_order(c, id, false)?,
    })
}

/// The columns `from_row` reads and the joins, for a list whose index and
/// conditions are chosen per request.
const LIST_SELECT: &str =
    "SELECT o.id, o.reference, o.title, o.status, o.organization_id, org.name,
        o.location_id, l.name, o.priority, o.team, o.due_date, o.submitted_by, u.name,
        o.thread_id, (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id),
        o.created_at, o.updated_at
    FROM orders o";
const LIST_JOINS: &str = "JOIN organizations org ON org.id = o.organization_id
    JOIN locations l ON l.id = o.location_id
    JOIN users u ON u.id = o.submitted_by";

/// The SQL of a list page and its parameters.
pub(super) struct ListSql {
    pub sql: String,
    pub values: Vec<rusqlite::types::Value>,
    /// When the page's search reads a window of matches rather than all.
    window: Option<Window>,
}

/// The one query an order list page runs: only the conditions that apply
/// (a `?1 IS NULL OR …` condition cannot use an index), read newest first
/// through the index of the narrowest column pinned.
pub(super) fn list_sql(scope: &OrderScope, q: &OrderQuery, limit: u32) -> Result<ListSql> {
    use rusqlite::types::Value as V;
    let before = match q.cursor.as_deref() {
        None => Id::MAX,
        Some(raw) => super::id_cursor(Some(raw))?,
    };
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<V> = Vec::new();
    // Each clause's first `?` takes `value`; a clause may name an earlier
    // parameter by number after it.
    let mut push = |clause: &str, value: V| {
        values.push(value);
        clauses.push(clause.replacen('?', &format!("?{}", values.len()), 1));
        values.len()
    };
    let org = scope.org().or(q.organization_id);
    if let Some(org) = scope.org() {
        push("o.organization_id = ?", V::Integer(org));
    }
    if let Some(org) = q.organization_id {
        push("o.organization_id = ?", V::Integer(org));
    }
    if let Some(locations) = &scope.locations() {
        push(
            "o.location_id IN (SELECT value FROM json_each(?))",
            V::Text(to_json(locations)),
        );
    }
    if let Some(location) = q.location_id {
        push("o.location_id = ?", V::Integer(location));
    }
    if let Some(status) = q.status {
        push("o.status = ?", V::Text(status.as_str().to_owned()));
    }
    if let Some(reference) = q.reference.as_deref() {
        push(
            "o.reference = upper(?)",
            V::Text(reference.trim().to_owned()),
        );
    }
    let before_n = push("o.id < ?", V::Integer(before));
    let mut window = None;
    if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
        match fts_terms(text) {
            // Within one organisation the matches are few: all of them.
            Some(terms) if org.is_some() => {
                push(
                    "o.id IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)",
                    V::Text(terms),
                );
            }
            // Across all of them the newest matches below the cursor are the
            // candidates, so a common word costs no more than a rare one (as
            // in ticket search).
            Some(terms) => {
                let w = Window {
                    table: "order_search",
                    owner: "rowid",
                    expr: terms,
                    below: before,
                    size: SEARCH_CANDIDATES,
                };
                let subquery = w.subquery("?", &format!("?{before_n}"));
                push(&format!("o.id IN ({subquery})"), V::Text(w.expr.clone()));
                window = Some(w);
            }
            // Nothing searchable: nothing matches.
            None => {
                push("?", V::Integer(0));
            }
        }
    }
    let index = if org.is_some() {
        "INDEXED BY orders_org_id"
    } else if q.location_id.is_some() {
        "INDEXED BY orders_location"
    } else {
        "NOT INDEXED"
    };
    values.push(V::Integer(i64::from(limit) + 1));
    let sql = format!(
        "{LIST_SELECT} {index} {LIST_JOINS} WHERE {} ORDER BY o.id DESC LIMIT ?{}",
        clauses.join(" AND "),
        values.len()
    );
    Ok(ListSql {
        sql,
        values,
        window,
    })
}

/// A page of the orders the viewer sees, newest first.
pub fn list(c: &Conn<'_>, scope: &OrderScope, q: &OrderQuery, limit: u32) -> Result<Page<Order>> {
    let ListSql {
        sql,
        values,
        window,
    } = list_sql(scope, q, limit)?;
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(&values), from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut page = page_of(rows, limit, |o| o.id.to_string());
    // A short page from a full window: the matches go on below it.
    if let (None, Some(w)) = (&page.next_cursor, &window) {
        page.next_cursor = w.continuation(c.0)?.map(|id| id.to_string());
    }
    Ok(page)
}

pub struct NewOrderRow<'a> {
    pub organization_id: Id,
    pub location_id: Id,
    pub title: &'a str,
    pub priority: Priority,
    pub team: Option<&'a str>,
    pub due_date: Option<Date>,
    pub submitted_by: Id,
    pub form_version_id: Id,
    pub values: &'a BTreeMap<String, Value>,
    pub year: i16,
    pub now: i64,
}

/// The next reference of `year`: `ORD-YYYY-NNNN`, counting from 1 each year.
fn next_reference(c: &Conn<'_>, year: i16) -> Result<String> {
    let n: i64 =
        c.0.prepare_cached(
            "INSERT INTO order_sequences (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([year], |r| r.get(0))?;
    Ok(format!("ORD-{year:04}-{n:04}"))
}

/// Creates the order (status `submitted`) and its thread; answers its id.
/// Submits an order; its submitter sees it.
pub fn insert(c: &Conn<'_>, o: &NewOrderRow<'_>) -> Result<VisibleOrder> {
    let reference = next_reference(c, o.year)?;
    // 0002's CHECK cannot say 'order': see 0003_orders.sql.
    c.0.prepare_cached(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'standalone', ?2)",
    )?
    .execute(params![o.organization_id, o.now])?;
    let thread = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "INSERT INTO orders (reference, title, organization_id, location_id, status, priority, team,
                             due_date, submitted_by, form_version_id, form_values, thread_id,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'submitted', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        reference,
        o.title,
        o.organization_id,
        o.location_id,
        o.priority.as_str(),
        o.team,
        o.due_date.map(|d| d.to_string()),
        o.submitted_by,
        o.form_version_id,
        to_json(o.values),
        thread,
        o.now
    ])?;
    Ok(VisibleOrder::trusted(c.0.last_insert_rowid()))
}

/// The stored status a change is judged against.
pub fn status(c: &Conn<'_>, id: Id) -> Result<OrderStatus> {
    c.0.prepare_cached("SELECT status FROM orders WHERE id = ?1")?
        .query_row([id], |r| enum_col(r, 0))
        .found()
}

/// The changeable fields; `None` keeps a field.
pub struct Update<'a> {
    pub status: Option<OrderStatus>,
    pub title: Option<&'a str>,
    pub priority: Option<Priority>,
    /// `Some(None)` clears the team.
    pub team: Option<Option<&'a str>>,
    pub due_date: Option<Date>,
    pub now: i64,
}

pub fn update(c: &Conn<'_>, order: &VisibleOrder, u: &Update<'_>) -> Result<()> {
    let id = order.id();
    c.0.prepare_cached(
        "UPDATE orders SET
            status = COALESCE(?2, status),
            title = COALESCE(?3, title),
            priority = COALESCE(?4, priority),
            team = CASE WHEN ?5 THEN ?6 ELSE team END,
            due_date = COALESCE(?7, due_date),
            updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        u.status.map(OrderStatus::as_str),
        u.title,
        u.priority.map(Priority::as_str),
        u.team.is_some(),
        u.team.flatten(),
        u.due_date.map(|d| d.to_string()),
        u.now
    ])?;
    Ok(())
}

/// Marks the order changed (an item or deliverable was added).
pub fn touch(c: &Conn<'_>, order: &VisibleOrder, now: i64) -> Result<()> {
    c.0.prepare_cached("UPDATE orders SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![order.id(), now])?;
    Ok(())
}

const ITEM_SELECT: &str = "SELECT i.id, i.order_id, i.description, i.worker_id, w.name,
        i.starts_at, i.ends_at, i.state
    FROM order_items i LEFT JOIN users w ON w.id = i.worker_id";

fn item_row(r: &Row<'_>) -> rusqlite::Result<OrderItem> {
    let worker = match (r.get::<_, Option<Id>>(3)?, r.get::<_, Option<String>>(4)?) {
        (Some(id), Some(name)) => Some(PersonRef { id, name }),
        _ => None,
    };
    Ok(OrderItem {
        id: r.get(0)?,
        order_id: r.get(1)?,
        description: r.get(2)?,
        worker,
        starts_at: r.get::<_, Option<i64>>(5)?.map(ts),
        ends_at: r.get::<_, Option<i64>>(6)?.map(ts),
        state: enum_col(r, 7)?,
    })
}

/// The order's items, in the order they were added.
pub fn items(c: &Conn<'_>, order_id: Id) -> Result<Vec<OrderItem>> {
    let rows =
        c.0.prepare_cached(&format!(
            "{ITEM_SELECT} WHERE i.order_id = ?1 ORDER BY i.id"
        ))?
        .query_map([order_id], item_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn item(c: &Conn<'_>, order_id: Id, item_id: Id) -> Result<OrderItem> {
    c.0.prepare_cached(&format!(
        "{ITEM_SELECT} WHERE i.order_id = ?1 AND i.id = ?2"
    ))?
    .query_row([order_id, item_id], item_row)
    .found()
}

/// An item's whole state.
pub struct ItemRow<'a> {
    pub description: &'a str,
    pub worker_id: Option<Id>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub state: ItemState,
    pub now: i64,
}

pub fn insert_item(c: &Conn<'_>, order: &VisibleOrder, i: &ItemRow<'_>) -> Result<Id> {
    let order_id = order.id();
    c.0.prepare_cached(
        "INSERT INTO order_items (order_id, description, worker_id, starts_at, ends_at, state,
                                  created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        order_id,
        i.description,
        i.worker_id,
        i.starts_at,
        i.ends_at,
        i.state.as_str(),
        i.now
    ])?;
    Ok(c.0.last_insert_rowid())
}

/// Replaces an item of the order; `NotFound` when the order has no such item.
pub fn replace_item(
    c: &Conn<'_>,
    order: &VisibleOrder,
    item_id: Id,
    i: &ItemRow<'_>,
) -> Result<()> {
    let order_id = order.id();
    let changed =
        c.0.prepare_cached(
            "UPDATE order_items SET description = ?3, worker_id = ?4, starts_at = ?5, ends_at = ?6,
                                    state = ?7, updated_at = ?8
             WHERE order_id = ?1 AND id = ?2",
        )?
        .execute(params![
            order_id,
            item_id,
            i.description,
            i.worker_id,
            i.starts_at,
            i.ends_at,
            i.state.as_str(),
            i.now
        ])?;
    if changed == 0 {
        return Err(super::StoreError::NotFound);
    }
    Ok(())
}

/// Whether `id` is an active worker (who alone can be scheduled on an item).
pub fn is_worker(c: &Conn<'_>, id: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?1 AND role = 'worker' AND status = 'active')",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// Whether `location` is one of `org`'s locations.
pub fn location_of(c: &Conn<'_>, org: Id, location: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM locations WHERE id = ?1 AND organization_id = ?2)",
        )?
        .query_row([location, org], |r| r.get(0))?)
}
