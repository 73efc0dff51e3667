//! The query plans of the list routes, for the test that keeps every list
//! an index range: the SQL is the very SQL `tickets::list`, `orders::list`,
//! `invoices::list`, `quotes::list` and `conversations::list` run, for every scope, view, sort,
//! search and filter they accept.

use std::path::Path;

use portico_shared::{
    Module, OrderQuery, OrderStatus, TicketQuery, TicketScope as Visibility, TicketSort,
    TicketStatus, TicketView, User,
};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::billing::{Filter, ListArgs};
use super::{Result, StoreError};
use crate::access::{BillingScope, Viewer};

/// One list request and what SQLite's `EXPLAIN QUERY PLAN` says of it.
pub struct Plan {
    /// What was asked, e.g. `tickets client(org) sort=updated q`.
    pub request: String,
    /// The plan's lines, each as `EXPLAIN QUERY PLAN` words it.
    pub lines: Vec<String>,
    pub sql: String,
}

/// The plans of every list request kind on the database at `path`.
pub fn list_plans(path: &Path) -> Result<Vec<Plan>> {
    let c = Connection::open(path)?;
    let (org, requester): (i64, i64) = c.query_row(
        "SELECT organization_id, requester_id FROM tickets ORDER BY id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let location: i64 = c.query_row(
        "SELECT id FROM locations WHERE organization_id = ?1 LIMIT 1",
        [org],
        |r| r.get(0),
    )?;
    // Scopes come from viewers, as a request's do: staff (of team
    // "support"), the first ticket's requester seeing the organisation's
    // tickets, and the same person limited to their own (and for orders, to
    // one location).
    let conn = super::Conn::over(&c);
    let staff_id: i64 = c.query_row(
        "SELECT id FROM users WHERE role IN ('admin', 'agent') ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let viewer = |user: User| Viewer::new(0, user, Module::ALL.to_vec(), 0);
    let staff_user = User {
        team: Some("support".to_owned()),
        ..super::users::get(&conn, staff_id)?
    };
    let contact = User {
        ticket_scope: Visibility::Organization,
        location_ids: None,
        ..super::users::get(&conn, requester)?
    };
    let own_contact = User {
        ticket_scope: Visibility::Own,
        location_ids: Some(vec![location]),
        ..contact.clone()
    };
    let sealed = |v: Viewer| v.tickets().map_err(|e| StoreError::Conflict(e.to_string()));
    let staff = sealed(viewer(staff_user.clone()))?;
    let client_org = sealed(viewer(contact.clone()))?;
    let client_own = sealed(viewer(own_contact.clone()))?;
    let mut plans = Vec::new();
    let scopes = [
        ("staff", &staff),
        ("client(org)", &client_org),
        ("client(own)", &client_own),
    ];
    let views = [
        None,
        Some(TicketView::All),
        Some(TicketView::Unassigned),
        Some(TicketView::Mine),
        Some(TicketView::Team),
        Some(TicketView::Overdue),
    ];
    for (who, scope) in scopes {
        for view in views.iter().filter(|v| scope.staff() || v.is_none()) {
            for sort in TicketSort::ALL {
                for (what, q) in [
                    ("", None),
                    (" q", Some("printer vpn")),
                    (" hostile-q", Some("\"NEAR(a b)\" AND * ^x")),
                ] {
                    for cursor in [None, Some("5.5")] {
                        let query = TicketQuery {
                            view: *view,
                            sort: Some(*sort),
                            q: q.map(str::to_owned),
                            cursor: cursor.map(str::to_owned),
                            ..TicketQuery::default()
                        };
                        let request = format!(
                            "tickets {who} view={} sort={}{what}{}",
                            view.map_or("-", |v| v.as_str()),
                            sort.as_str(),
                            if cursor.is_some() { " cursor" } else { "" }
                        );
                        let s = super::tickets::list_sql(scope, &query, 50, 0)?;
                        plans.push(explain(&c, request, s.sql, &s.values)?);
                    }
                }
            }
        }
        let filters = [
            TicketQuery {
                status: Some(TicketStatus::Open),
                ..TicketQuery::default()
            },
            TicketQuery {
                organization_id: Some(org),
                q: Some("printer".to_owned()),
                ..TicketQuery::default()
            },
            TicketQuery {
                assignee_id: Some(1),
                sort: Some(TicketSort::Updated),
                ..TicketQuery::default()
            },
        ];
        for (i, query) in filters.iter().enumerate() {
            let s = super::tickets::list_sql(scope, query, 50, 0)?;
            plans.push(explain(
                &c,
                format!("tickets {who} filter#{i}"),
                s.sql,
                &s.values,
            )?);
        }
    }

    let orders_of = |u: User| {
        viewer(u)
            .orders()
            .map_err(|e| StoreError::Conflict(e.to_string()))
    };
    let order_scopes = [
        ("staff", orders_of(staff_user.clone())?),
        ("client(org)", orders_of(contact.clone())?),
        ("client(locations)", orders_of(own_contact)?),
    ];
    for (who, scope) in &order_scopes {
        let queries = [
            ("", OrderQuery::default()),
            (
                " q",
                OrderQuery {
                    q: Some("printer".to_owned()),
                    ..OrderQuery::default()
                },
            ),
            (
                " status cursor",
                OrderQuery {
                    status: Some(OrderStatus::Submitted),
                    cursor: Some("500".to_owned()),
                    ..OrderQuery::default()
                },
            ),
            (
                " location",
                OrderQuery {
                    location_id: Some(location),
                    ..OrderQuery::default()
                },
            ),
            (
                " organization reference",
                OrderQuery {
                    organization_id: Some(org),
                    reference: Some("ORD-2026-0001".to_owned()),
                    ..OrderQuery::default()
                },
            ),
        ];
        for (what, query) in queries {
            let s = super::orders::list_sql(scope, &query, 50)?;
            plans.push(explain(
                &c,
                format!("orders {who}{what}"),
                s.sql,
                &s.values,
            )?);
        }
    }
    plans.extend(billing_plans(
        &c,
        &viewer(staff_user.clone()),
        &viewer(contact.clone()),
        org,
    )?);
    plans.extend(thread_plans(
        &c,
        &viewer(staff_user),
        &viewer(contact),
        org,
    )?);
    Ok(plans)
}

/// The plans of the standalone thread list: staff over everything and over
/// one organisation, and a client; each from the start and from a cursor.
fn thread_plans(c: &Connection, staff: &Viewer, contact: &Viewer, org: i64) -> Result<Vec<Plan>> {
    let sealed = |v: &Viewer| {
        v.conversations()
            .map_err(|e| StoreError::Conflict(e.to_string()))
    };
    let mut plans = Vec::new();
    for (who, scope, org) in [
        ("staff", sealed(staff)?, None),
        ("staff organization", sealed(staff)?, Some(org)),
        ("client(org)", sealed(contact)?, Some(org)),
    ] {
        for (what, after) in [("", (i64::MAX, i64::MAX)), (" cursor", (1_700_000_000, 50))] {
            let (sql, values) = super::conversations::list_sql(&scope, org, after, 50);
            plans.push(explain(c, format!("threads {who}{what}"), sql, &values)?);
        }
    }
    Ok(plans)
}

/// The plans of the invoice and quote lists: staff and a client, each
/// filter, an organisation, a number and a cursor.
fn billing_plans(c: &Connection, staff: &Viewer, contact: &Viewer, org: i64) -> Result<Vec<Plan>> {
    let sealed = |r: std::result::Result<BillingScope, crate::error::ApiError>| {
        r.map_err(|e| StoreError::Conflict(e.to_string()))
    };
    let today = jiff::civil::date(2026, 11, 25);
    let base = ListArgs {
        organization: None,
        number: None,
        filter: Filter::Any,
        today,
        before: i64::MAX,
        limit: 50,
    };
    let args = [
        ("", base.clone()),
        (
            " draft",
            ListArgs {
                filter: Filter::Is("draft"),
                ..base.clone()
            },
        ),
        (
            " late",
            ListArgs {
                filter: Filter::Late,
                ..base.clone()
            },
        ),
        (
            " on-time cursor",
            ListArgs {
                filter: Filter::OnTime,
                before: 500,
                ..base.clone()
            },
        ),
        (
            " organization number",
            ListArgs {
                organization: Some(org),
                number: Some("INV-2026-0001".to_owned()),
                ..base.clone()
            },
        ),
    ];
    let mut plans = Vec::new();
    for (who, v) in [("staff", staff), ("client(org)", contact)] {
        let scopes = [
            ("invoices", sealed(v.invoices())?),
            ("quotes", sealed(v.quotes())?),
        ];
        for (kind, scope) in &scopes {
            for (what, a) in &args {
                let (sql, values) = match *kind {
                    "invoices" => super::invoices::list_sql(scope, a),
                    _ => super::quotes::list_sql(scope, a),
                };
                plans.push(explain(c, format!("{kind} {who}{what}"), sql, &values)?);
            }
        }
    }
    Ok(plans)
}

fn explain(c: &Connection, request: String, sql: String, values: &[Value]) -> Result<Plan> {
    let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let lines = stmt
        .query_map(params_from_iter(values), |r| r.get::<_, String>(3))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Plan {
        request,
        lines,
        sql,
    })
}
