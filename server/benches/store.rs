//! The floor under the HTTP numbers: the same store queries the load
//! benchmark's endpoints run, in process, with no HTTP, JSON or auth.
//! `PORTICO_BENCH_DB` names a database (the load script passes the large data
//! set); without it a smaller set is generated in a temporary directory.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use portico_server::access::Viewer;
use portico_server::seed_large::{Scale, seed_large};
use portico_server::store::{Conn, db, messages, orders, owners, tickets, timesheets, users};
use portico_shared::{Module, OrderQuery, TicketQuery, TicketView};
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
    db::with_reader(&path, |c| {
        // Scopes come from viewers, as a request's do.
        let viewer = |id| -> portico_server::store::Result<Viewer> {
            Ok(Viewer::new(0, users::get(c, id)?, Module::ALL.to_vec(), 0))
        };
        bench(
            c,
            now,
            &viewer(staff_id)?,
            &viewer(client_id)?,
            ticket,
            thread,
        );
        Ok(())
    })
    .expect("store");
}

/// The timed store calls.
fn bench(c: &Conn<'_>, now: i64, staff: &Viewer, client: &Viewer, ticket: i64, thread: i64) {
    let (staff_tickets, client_tickets) = (
        staff.tickets().expect("staff tickets"),
        client.tickets().expect("client tickets"),
    );
    let inbox = TicketQuery {
        view: Some(TicketView::Unassigned),
        ..Default::default()
    };
    let all = TicketQuery::default();
    let mut crit = Criterion::default().configure_from_args();
    crit.bench_function("store/inbox_page", |b| {
        b.iter(|| black_box(tickets::list(c, &staff_tickets, &inbox, 50, now).expect("inbox")))
    });
    crit.bench_function("store/client_list", |b| {
        b.iter(|| black_box(tickets::list(c, &client_tickets, &all, 50, now).expect("list")))
    });
    crit.bench_function("store/ticket_detail", |b| {
        b.iter(|| black_box(tickets::get(c, &client_tickets, ticket, now).expect("get")))
    });
    // The thread page reads a thread the store has seen is visible.
    let reach = client.reach().expect("reach");
    let thread = owners::thread(c, &reach, thread).expect("visible");
    crit.bench_function("store/thread_page", |b| {
        b.iter(|| black_box(messages::list(c, &thread, false, 0, 50).expect("thread")))
    });
    let orders_scope = staff.orders().expect("staff orders");
    crit.bench_function("store/orders_page", |b| {
        b.iter(|| {
            black_box(orders::list(c, &orders_scope, &OrderQuery::default(), 50).expect("orders"))
        })
    });
    // A week of every worker's time, as staff approve it.
    let time_scope = staff.timesheets().expect("staff timesheets");
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
