//! The floor under the HTTP numbers: the same store queries the load
//! benchmark's endpoints run, in process, with no HTTP, JSON or auth.
//! `PORTICO_BENCH_DB` names a database (the load script passes the large data
//! set); without it a smaller set is generated in a temporary directory.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use portico_server::access::{OrderScope, Reach, TicketScope, TimesheetScope};
use portico_server::seed_large::{Scale, seed_large};
use portico_server::store::{Conn, db, messages, orders, owners, tickets, timesheets};
use portico_shared::{OrderQuery, TicketQuery, TicketView};
use rusqlite::Connection;

fn database() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Ok(p) = std::env::var("PORTICO_BENCH_DB") {
        return (PathBuf::from(p), None);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("portico.db");
    let mut conn = db::open_direct(&path).expect("open");
    let scale = Scale {
        organizations: 50,
        contacts_per_org: 5,
        agents: 5,
        tickets: 10_000,
        messages_per_ticket: 10,
        orders: 5_000,
        workers: 50,
        entries_per_worker: 400,
    };
    seed_large(&mut conn, jiff::Timestamp::now().as_second(), scale, 7).expect("seed");
    (path, Some(dir))
}

fn id_of(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).expect(sql)
}

fn main() {
    let (path, _keep) = database();
    // Ids to ask for come from plain SQL; the timed calls go through the store.
    let c = db::open_reader(&path).expect("open read-only");
    let now = jiff::Timestamp::now().as_second();
    let staff_id = id_of(
        &c,
        "SELECT id FROM users WHERE email = 'sam@portico.example'",
    );
    let client_id = id_of(
        &c,
        "SELECT id FROM users WHERE email = 'contact0@client000.example'",
    );
    let org = id_of(
        &c,
        &format!("SELECT organization_id FROM users WHERE id = {client_id}"),
    );
    let ticket = id_of(
        &c,
        &format!("SELECT MAX(id) FROM tickets WHERE organization_id = {org}"),
    );
    let thread = id_of(
        &c,
        &format!("SELECT thread_id FROM tickets WHERE id = {ticket}"),
    );
    let staff = TicketScope {
        me: staff_id,
        staff: true,
        org: None,
        requester: None,
        floor: 0,
        team: None,
    };
    let client = TicketScope {
        me: client_id,
        staff: false,
        org: Some(org),
        requester: None,
        floor: 0,
        team: None,
    };
    db::with_reader(&path, |c| {
        bench(c, now, (staff_id, &staff, &client, ticket, thread));
        Ok(())
    })
    .expect("store");
}

/// The timed store calls.
fn bench(
    c: &Conn<'_>,
    now: i64,
    (staff_id, staff, client, ticket, thread): (i64, &TicketScope, &TicketScope, i64, i64),
) {
    let inbox = TicketQuery {
        view: Some(TicketView::Unassigned),
        ..Default::default()
    };
    let all = TicketQuery::default();
    let mut crit = Criterion::default().configure_from_args();
    crit.bench_function("store/inbox_page", |b| {
        b.iter(|| black_box(tickets::list(c, staff, &inbox, 50, now).expect("inbox")))
    });
    crit.bench_function("store/client_list", |b| {
        b.iter(|| black_box(tickets::list(c, client, &all, 50, now).expect("list")))
    });
    crit.bench_function("store/ticket_detail", |b| {
        b.iter(|| black_box(tickets::get(c, client, ticket, now).expect("get")))
    });
    // The thread page reads a thread the store has seen is visible.
    let reach = Reach {
        me: client.me,
        staff: false,
        tickets: Some(client.clone()),
        orders: None,
        timesheets: None,
    };
    let thread = owners::thread(c, &reach, thread).expect("visible");
    crit.bench_function("store/thread_page", |b| {
        b.iter(|| black_box(messages::list(c, &thread, false, 0, 50).expect("thread")))
    });
    let orders_scope = OrderScope::everything(staff_id);
    crit.bench_function("store/orders_page", |b| {
        b.iter(|| {
            black_box(orders::list(c, &orders_scope, &OrderQuery::default(), 50).expect("orders"))
        })
    });
    // A week of every worker's time, as staff approve it.
    let time_scope = TimesheetScope::everything(staff_id);
    let today = portico_shared::local_day(jiff::Timestamp::now(), &jiff::tz::TimeZone::UTC);
    let monday = portico_shared::week_start(today);
    let sunday = monday
        .checked_add(jiff::Span::new().days(6))
        .expect("sunday");
    crit.bench_function("store/timesheet_week", |b| {
        b.iter(|| {
            black_box(
                timesheets::list(c, &time_scope, monday, sunday, &Default::default())
                    .expect("week"),
            )
        })
    });
    crit.final_summary();
}
