//! Shifts, Who's working, the clock and timesheets over HTTP, against the
//! demo at a fixed moment (the server's clock is injected).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use portico_tests::{Api, EventReader, TestServer, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SAM: &str = "sam@portico.example";
const ANA: &str = "ana@northwind.example";
const BEN: &str = "ben@northwind.example";
const CARLA: &str = "carla@globex.example";
const DAN: &str = "dan@initech.example";
const WENDY: &str = "wendy@workers.example";
const WALT: &str = "walt@workers.example";
const XENA: &str = "xena@workers.example";
const OMAR: &str = "omar@workers.example";

/// Wednesday 2026-11-25 16:00 UTC: 17:00 in Berlin, 10:00 in Chicago, so
/// every demo shift of "today" starts on the same day at its location.
const WEDNESDAY: i64 = 1_795_622_400;

fn at(rfc3339: &str) -> i64 {
    rfc3339.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// The demo, seeded as if it were `now`.
async fn demo_at(now: i64) -> TestServer {
    let server = TestServer::start().await;
    server.state.clock.set(now);
    server.seed_demo().await;
    server
}

async fn shifts(api: &Api, query: &str) -> Vec<Value> {
    let (status, body) = api.get(&format!("/api/v1/shifts{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().unwrap().clone()
}

/// Worker name → state, for the shifts listed.
fn states(list: &[Value]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list
        .iter()
        .map(|s| {
            (
                s["worker"]["name"].as_str().unwrap().to_owned(),
                s["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn whos_working_shows_each_state_at_the_viewers_locations_only() {
    assert_eq!(at("2026-11-25T16:00:00Z"), WEDNESDAY);
    let server = demo_at(WEDNESDAY).await;
    let sam = server.demo_login(SAM).await;
    let all = shifts(&sam, "").await;
    assert_eq!(
        states(&all),
        pairs(&[
            ("Wendy Walker", "clocked_in"),
            ("Walt Wagner", "on_break"),
            ("Xena Xu", "late"),
            ("Yusuf Young", "no_show"),
            ("Zoe Zimmer", "clocked_out"),
            ("Omar Ortiz", "scheduled"),
        ])
    );
    let walt = all
        .iter()
        .find(|s| s["worker"]["name"] == "Walt Wagner")
        .unwrap();
    assert_eq!(walt["break_minutes"], 10, "an open break counts up to now");
    let zoe = all
        .iter()
        .find(|s| s["worker"]["name"] == "Zoe Zimmer")
        .unwrap();
    assert_eq!(zoe["break_minutes"], 30);
    assert_eq!(zoe["location"]["timezone"], "America/Chicago");
    assert_eq!(zoe["date"], "2026-11-25");

    let ana = shifts(&server.demo_login(ANA).await, "").await;
    assert_eq!(ana.len(), 4, "Northwind's two locations");
    assert!(
        ana.iter()
            .all(|s| s["organization"]["name"] == "Northwind Traders")
    );
    let ben = shifts(&server.demo_login(BEN).await, "").await;
    assert!(
        ben.iter().all(|s| s["location"]["name"] == "Hamburg Depot") && ben.len() == 2,
        "Ben sees Hamburg only: {ben:?}"
    );
    let carla = shifts(&server.demo_login(CARLA).await, "").await;
    assert_eq!(
        states(&carla),
        pairs(&[("Zoe Zimmer", "clocked_out"), ("Omar Ortiz", "scheduled")])
    );
    assert!(shifts(&server.demo_login(DAN).await, "").await.is_empty());

    // A worker sees their own shift, and nothing of the organisation behind it.
    let wendy = shifts(&server.demo_login(WENDY).await, "").await;
    assert_eq!(states(&wendy), pairs(&[("Wendy Walker", "clocked_in")]));
    assert_eq!(wendy[0]["organization"], Value::Null);
    assert_eq!(wendy[0]["order"], Value::Null);
    assert_eq!(wendy[0]["location"]["name"], "Berlin HQ");

    // Omar starts at 16:30 UTC: scheduled, late after 5 minutes, a no-show after 30.
    let omar_state = |list: Vec<Value>| {
        list.iter()
            .find(|s| s["worker"]["name"] == "Omar Ortiz")
            .unwrap()["state"]
            .clone()
    };
    server.state.clock.set(WEDNESDAY + 34 * 60);
    assert_eq!(omar_state(shifts(&sam, "").await), "scheduled");
    server.state.clock.set(WEDNESDAY + 35 * 60);
    assert_eq!(omar_state(shifts(&sam, "").await), "late");
    server.state.clock.set(WEDNESDAY + 60 * 60);
    assert_eq!(omar_state(shifts(&sam, "").await), "no_show");

    // Other days are asked for by date; bad parameters change nothing.
    assert!(shifts(&sam, "?date=2026-11-26").await.is_empty());
    assert!(shifts(&sam, "?date=2026-11-24").await.len() >= 6);
    assert_error(
        &sam.get("/api/v1/shifts?days=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
    assert_eq!(
        sam.get("/api/v1/shifts?date=tomorrow").await.0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn grace_periods_come_from_the_config() {
    let server = TestServer::start_with(|c| {
        c.shifts.late_after_minutes = 15;
        c.shifts.no_show_after_minutes = 45;
    })
    .await;
    server.state.clock.set(WEDNESDAY);
    server.seed_demo().await;
    let sam = server.demo_login(SAM).await;
    // Xena's shift started a quarter of an hour ago: late just now.
    let xena = |list: Vec<Value>| {
        list.iter()
            .find(|s| s["worker"]["name"] == "Xena Xu")
            .unwrap()["state"]
            .clone()
    };
    server.state.clock.set(WEDNESDAY - 1);
    assert_eq!(xena(shifts(&sam, "").await), "scheduled");
    server.state.clock.set(WEDNESDAY);
    assert_eq!(xena(shifts(&sam, "").await), "late");
    server.state.clock.set(WEDNESDAY + 30 * 60);
    assert_eq!(xena(shifts(&sam, "").await), "no_show");
}

#[tokio::test]
async fn clocking_in_breaks_and_out_leave_a_draft_with_breaks_deducted() {
    let server = demo_at(WEDNESDAY).await;
    let clock = &server.state.clock;
    let xena = server.demo_login(XENA).await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let mut ana_events = EventReader::open(&ana, None).await;
    let mut carla_events = EventReader::open(&server.demo_login(CARLA).await, None).await;

    let (status, now) = xena.get("/api/v1/clock").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(now["shift"]["state"], "late");
    let shift_id = now["shift"]["id"].clone();

    // Out of order is refused and changes nothing.
    for action in ["break", "resume", "out"] {
        let r = xena.post("/api/v1/clock", json!({"action": action})).await;
        assert_error(&r, StatusCode::CONFLICT, "conflict");
    }
    let (status, body) = xena.post("/api/v1/clock", json!({"action": "in"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["shift"]["state"], "clocked_in");
    assert_eq!(body["shift"]["id"], shift_id);
    assert_eq!(body["shift"]["clocked_in_at"], "2026-11-25T16:00:00Z");
    assert_error(
        &xena.post("/api/v1/clock", json!({"action": "in"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    // Northwind sees it live; Globex does not.
    let ev = ana_events
        .expect(&["shift.updated"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["shift"]["state"], "clocked_in");
    assert_eq!(ev.data["shift"]["worker"]["name"], "Xena Xu");

    clock.set(WEDNESDAY + 60 * 60);
    let r = xena.post("/api/v1/clock", json!({"action": "break"})).await;
    assert_eq!(r.1["shift"]["state"], "on_break");
    assert_error(
        &xena.post("/api/v1/clock", json!({"action": "break"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    clock.set(WEDNESDAY + 60 * 60 + 20 * 60);
    let r = xena
        .post("/api/v1/clock", json!({"action": "resume"}))
        .await;
    assert_eq!(r.1["shift"]["state"], "clocked_in");
    assert_eq!(r.1["shift"]["break_minutes"], 20);
    clock.set(WEDNESDAY + 4 * 60 * 60);
    let (status, out) = xena.post("/api/v1/clock", json!({"action": "out"})).await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!(out["shift"]["state"], "clocked_out");
    let entry = &out["entry"];
    assert_eq!(entry["status"], "draft");
    assert_eq!(entry["break_minutes"], 20);
    assert_eq!(entry["worked_minutes"], 4 * 60 - 20);
    assert_eq!(entry["date"], "2026-11-25");
    assert_eq!(entry["starts_at"], "2026-11-25T16:00:00Z");
    assert_eq!(
        entry["organization"],
        Value::Null,
        "workers see no organisation"
    );
    assert_eq!(
        sam.get("/api/v1/shifts")
            .await
            .1
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["worker"]["name"] == "Xena Xu")
            .unwrap()["state"],
        "clocked_out"
    );
    // After clocking out, there is nothing to clock out of.
    assert_error(
        &xena.post("/api/v1/clock", json!({"action": "out"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM clock_events e JOIN shifts s ON s.id = e.shift_id JOIN users u ON u.id = s.worker_id WHERE u.email = 'xena@workers.example' AND s.starts_at > 1795600000"),
        4
    );
    assert!(
        carla_events
            .next(Duration::from_millis(300))
            .await
            .is_none(),
        "Globex heard of Northwind's clock"
    );

    // The clock is for workers, and a shift opens an hour before it starts.
    assert_error(
        &sam.post("/api/v1/clock", json!({"action": "in"})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let omar = server.demo_login(OMAR).await;
    let omar_id = sam
        .get("/api/v1/shifts")
        .await
        .1
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["worker"]["name"] == "Omar Ortiz")
        .unwrap()["worker"]["id"]
        .clone();
    let later = sam
        .post(
            "/api/v1/shifts",
            json!({"worker_id": omar_id, "location_id": 3,
                   "starts_at": "2026-11-26T02:00:00Z", "ends_at": "2026-11-26T06:00:00Z"}),
        )
        .await;
    assert_eq!(later.0, StatusCode::CREATED, "{}", later.1);
    assert_error(
        &omar
            .post(
                "/api/v1/clock",
                json!({"action": "in", "shift_id": later.1["id"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    // Someone else's shift is not found.
    let r = omar
        .post(
            "/api/v1/clock",
            json!({"action": "in", "shift_id": shift_id}),
        )
        .await;
    assert_error(&r, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn staff_schedule_shifts_and_bad_ones_are_refused() {
    let server = demo_at(WEDNESDAY).await;
    let sam = server.demo_login(SAM).await;
    let omar_id = server.query_i64("SELECT id FROM users WHERE email = 'omar@workers.example'");
    let ana_id = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");
    let before = server.query_i64("SELECT COUNT(*) FROM shifts");
    let shift = |worker: i64, starts: &str, ends: &str| json!({"worker_id": worker, "location_id": 1, "starts_at": starts, "ends_at": ends});
    let r = sam
        .post(
            "/api/v1/shifts",
            shift(omar_id, "2026-11-27T10:00:00Z", "2026-11-27T09:00:00Z"),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "ends_at");
    let r = sam
        .post(
            "/api/v1/shifts",
            shift(ana_id, "2026-11-27T08:00:00Z", "2026-11-27T09:00:00Z"),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "worker_id", "{}", r.1);
    // Omar works 16:30-01:00 today: a shift across it overlaps.
    let r = sam
        .post(
            "/api/v1/shifts",
            shift(omar_id, "2026-11-25T20:00:00Z", "2026-11-25T22:00:00Z"),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "starts_at", "{}", r.1);
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM shifts"), before);
    // Staff pick from the active workers.
    let (_, workers) = sam.get("/api/v1/workers").await;
    let names: Vec<&str> = workers
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Omar Ortiz",
            "Walt Wagner",
            "Wendy Walker",
            "Xena Xu",
            "Yusuf Young",
            "Zoe Zimmer"
        ]
    );

    // From an order item: its worker, location and times carry over.
    let item = server.query_i64(
        "SELECT i.id FROM order_items i JOIN users u ON u.id = i.worker_id
         WHERE u.email = 'wendy@workers.example' AND i.state = 'filled'",
    );
    let (status, made) = sam
        .post("/api/v1/shifts", json!({"order_item_id": item}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["worker"]["name"], "Wendy Walker");
    assert_eq!(made["location"]["name"], "Berlin HQ");
    assert!(
        made["order"]["reference"]
            .as_str()
            .unwrap()
            .starts_with("ORD-")
    );
    assert_eq!(made["state"], "scheduled");
    // The worker sees it without the order.
    let wendy = server.demo_login(WENDY).await;
    let mine = shifts(&wendy, "?date=2026-11-26").await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["order"], Value::Null);
    assert_error(
        &server
            .demo_login(ANA)
            .await
            .post("/api/v1/shifts", json!({"order_item_id": item}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

/// Wendy logs time at Berlin HQ.
fn entry(starts: &str, ends: &str, break_minutes: i64) -> Value {
    json!({"location_id": 1, "starts_at": starts, "ends_at": ends, "break_minutes": break_minutes})
}

#[tokio::test]
async fn entries_go_draft_submitted_rejected_resubmitted_approved() {
    let server = demo_at(WEDNESDAY).await;
    let wendy = server.demo_login(WENDY).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let carla = server.demo_login(CARLA).await;
    let count = || server.query_i64("SELECT COUNT(*) FROM timesheet_entries");
    let before = count();

    // 422 names each failing field; nothing is written.
    let r = wendy
        .post(
            "/api/v1/timesheets",
            entry("2026-11-22T10:00:00Z", "2026-11-22T09:00:00Z", -5),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let fields: Vec<&str> = r.1["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["ends_at", "break_minutes"]);
    let r = wendy
        .post(
            "/api/v1/timesheets",
            entry("2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 60),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "break_minutes");
    // Monday's demo entry runs 08:00-16:30 Berlin time: this overlaps it.
    let r = wendy
        .post(
            "/api/v1/timesheets",
            entry("2026-11-23T15:00:00Z", "2026-11-23T17:00:00Z", 0),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "starts_at", "{}", r.1);
    // A location she never worked at is not found; clients do not log time.
    let r = wendy
        .post("/api/v1/timesheets", json!({"location_id": 3, "starts_at": "2026-11-22T09:00:00Z", "ends_at": "2026-11-22T10:00:00Z"}))
        .await;
    assert_error(&r, StatusCode::NOT_FOUND, "not_found");
    assert_error(
        &ana.post(
            "/api/v1/timesheets",
            entry("2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z", 0),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(count(), before);

    // Sunday 09:00-13:00 Berlin, a 15 minute break: a draft only she sees.
    let (status, e) = wendy
        .post(
            "/api/v1/timesheets",
            entry("2026-11-22T08:00:00Z", "2026-11-22T12:00:00Z", 15),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    assert_eq!(e["status"], "draft");
    assert_eq!(e["worked_minutes"], 225);
    assert_eq!(e["date"], "2026-11-22");
    let id = e["id"].as_i64().unwrap();
    let path = format!("/api/v1/timesheets/{id}");
    assert_error(&ana.get(&path).await, StatusCode::NOT_FOUND, "not_found");

    let (status, e) = wendy.post(&format!("{path}/submit"), json!({})).await;
    assert_eq!(
        (status, e["status"].as_str()),
        (StatusCode::OK, Some("submitted"))
    );
    assert_error(
        &wendy.patch(&path, json!({"note": "late edit"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert_eq!(ana.get(&path).await.1["worker"]["name"], "Wendy Walker");
    // Only approvers of Berlin HQ decide: not Ben (Hamburg), not Globex, not the worker.
    assert_error(&ben.get(&path).await, StatusCode::NOT_FOUND, "not_found");
    assert_error(
        &ben.post("/api/v1/timesheets/approve", json!({"ids": [id]}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &carla
            .post(&format!("{path}/reject"), json!({"reason": "no"}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &wendy
            .post("/api/v1/timesheets/approve", json!({"ids": [id]}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &ana.post(&format!("{path}/reject"), json!({"reason": "  "}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );

    let (status, e) = ana
        .post(
            &format!("{path}/reject"),
            json!({"reason": "The gate log says 09:30."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{e}");
    assert_eq!(e["status"], "rejected");
    assert_eq!(e["decided_by"]["name"], "Ana Lima");
    let seen = wendy.get(&path).await.1;
    assert_eq!(seen["reason"], "The gate log says 09:30.");
    assert_eq!(
        seen["decided_by"],
        Value::Null,
        "workers do not see who decided"
    );

    // Fixed and resubmitted, then approved in bulk with a demo entry.
    let (status, e) = wendy
        .patch(
            &path,
            json!({"starts_at": "2026-11-22T08:30:00Z", "note": "Gate 2"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{e}");
    assert_eq!(
        (e["status"].as_str(), e["worked_minutes"].as_i64()),
        (Some("rejected"), Some(195))
    );
    wendy.post(&format!("{path}/submit"), json!({})).await;
    let last_week = ana
        .get("/api/v1/timesheets?week=2026-11-16&status=submitted")
        .await
        .1;
    let other = last_week["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["worker"]["name"] == "Wendy Walker")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let approved_before =
        server.query_i64("SELECT COUNT(*) FROM timesheet_entries WHERE status = 'approved'");
    // One that is not waiting for approval spoils the batch: nothing changes.
    let r = ana
        .post(
            "/api/v1/timesheets/approve",
            json!({"ids": [id, other, id - 1]}),
        )
        .await;
    assert!(
        r.0 == StatusCode::CONFLICT || r.0 == StatusCode::NOT_FOUND,
        "{}",
        r.1
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM timesheet_entries WHERE status = 'approved'"),
        approved_before
    );
    let (status, done) = ana
        .post("/api/v1/timesheets/approve", json!({"ids": [id, other]}))
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(
        done.as_array()
            .unwrap()
            .iter()
            .all(|e| e["status"] == "approved")
    );
    assert_error(
        &wendy.patch(&path, json!({"note": "x"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert_error(
        &ana.post("/api/v1/timesheets/approve", json!({"ids": [id]}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
}

#[tokio::test]
async fn weekly_totals_and_the_week_follow_the_location_across_dst() {
    // Wednesday 2026-10-28; Berlin left summer time on Sunday 25 October at 03:00.
    let server = demo_at(at("2026-10-28T16:00:00Z")).await;
    let wendy = server.demo_login(WENDY).await;
    let sam = server.demo_login(SAM).await;
    let log = |starts: &'static str, ends: &'static str, brk: i64| {
        let wendy = wendy.clone();
        async move {
            let (status, e) = wendy
                .post("/api/v1/timesheets", entry(starts, ends, brk))
                .await;
            assert_eq!(status, StatusCode::CREATED, "{e}");
            e
        }
    };
    // Saturday 22:00 to Sunday 06:00 local: nine hours elapsed, not eight.
    let night = log("2026-10-24T20:00:00Z", "2026-10-25T05:00:00Z", 30).await;
    assert_eq!(night["date"], "2026-10-24");
    assert_eq!(night["worked_minutes"], 9 * 60 - 30);
    // Sunday 22:00-23:30 local, and Monday 00:30-02:00 local, which is
    // still Sunday in UTC.
    let sunday = log("2026-10-25T21:00:00Z", "2026-10-25T22:30:00Z", 30).await;
    let monday = log("2026-10-25T23:30:00Z", "2026-10-26T01:00:00Z", 0).await;
    assert_eq!(sunday["date"], "2026-10-25");
    assert_eq!(monday["date"], "2026-10-26");

    let ids = |list: &Value| -> Vec<i64> {
        list["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    let (status, week) = wendy
        .get("/api/v1/timesheets?week=2026-10-25&status=draft")
        .await;
    assert_eq!(status, StatusCode::OK, "{week}");
    assert_eq!(
        (week["from"].as_str(), week["to"].as_str()),
        (Some("2026-10-19"), Some("2026-10-25"))
    );
    assert_eq!(
        ids(&week),
        [
            night["id"].as_i64().unwrap(),
            sunday["id"].as_i64().unwrap()
        ]
    );
    assert_eq!(week["totals"][0]["worked_minutes"], 510 + 60);
    assert_eq!(week["totals"][0]["entries"], 2);
    let next = wendy
        .get("/api/v1/timesheets?week=2026-10-26&status=draft")
        .await
        .1;
    assert!(ids(&next).contains(&monday["id"].as_i64().unwrap()));
    assert!(!ids(&next).contains(&sunday["id"].as_i64().unwrap()));

    // Who's working counts days the same way: a shift at 00:30 Monday in Berlin.
    let walt = server.query_i64("SELECT id FROM users WHERE email = 'walt@workers.example'");
    let r = sam
        .post(
            "/api/v1/shifts",
            json!({"worker_id": walt, "location_id": 2,
            "starts_at": "2026-10-25T23:30:00Z", "ends_at": "2026-10-26T04:00:00Z"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
    assert_eq!(r.1["date"], "2026-10-26");
    let on = |list: Vec<Value>| list.iter().any(|s| s["id"] == r.1["id"]);
    assert!(on(shifts(&sam, "?date=2026-10-26").await));
    assert!(!on(shifts(&sam, "?date=2026-10-25").await));

    // Staff totals over the approved weeks: ten weekdays of eight hours each.
    let (_, approved) = sam
        .get("/api/v1/timesheets?from=2026-10-05&to=2026-10-18&status=approved")
        .await;
    let wendy_total = approved["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["worker"]["name"] == "Wendy Walker")
        .unwrap()
        .clone();
    assert_eq!(wendy_total["entries"], 10);
    assert_eq!(wendy_total["approved_minutes"], 10 * 8 * 60);

    // Ranges are bounded and ordered.
    assert_error(
        &sam.get("/api/v1/timesheets?from=2026-01-01&to=2026-12-31")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
    assert_error(
        &sam.get("/api/v1/timesheets?from=2026-10-10&to=2026-10-01")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
}

#[tokio::test]
async fn export_is_approved_time_in_the_viewers_scope_as_csv() {
    let server = demo_at(WEDNESDAY).await;
    let export = |api: Api| async move {
        let resp = api
            .request(
                reqwest::Method::GET,
                "/api/v1/timesheets/export?from=2026-11-01&to=2026-11-25",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(
            resp.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert!(
            resp.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("timesheets-2026-11-01-2026-11-25.csv")
        );
        resp.text().await.unwrap()
    };
    let ana = export(server.demo_login(ANA).await).await;
    let lines: Vec<&str> = ana.lines().collect();
    assert!(lines[0].starts_with("entry,worker,organisation,location,date,start,end"));
    // Two approved weeks of weekdays for four Northwind workers.
    assert_eq!(lines.len(), 1 + 4 * 10, "{ana}");
    assert!(lines[1..].iter().all(|l| l.contains(",Northwind Traders,")));
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains(" 08:00,") && l.contains(" 16:30,")),
        "local times: {ana}"
    );
    assert!(lines[1].contains(",30,480,8.00,"), "{}", lines[1]);
    let ben = export(server.demo_login(BEN).await).await;
    assert_eq!(ben.lines().count(), 1 + 2 * 10);
    assert!(!ben.contains("Berlin HQ"));
    let wendy = export(server.demo_login(WENDY).await).await;
    assert_eq!(wendy.lines().count(), 1 + 10);
    assert!(
        wendy
            .lines()
            .skip(1)
            .all(|l| l.contains(",Wendy Walker,,Berlin HQ,")),
        "{wendy}"
    );
    assert_eq!(
        export(server.demo_login(DAN).await).await.lines().count(),
        1
    );

    // A note that a spreadsheet would run is defused.
    let w = server.demo_login(WENDY).await;
    let (_, e) = w
        .post(
            "/api/v1/timesheets",
            json!({"location_id": 1, "starts_at": "2026-11-22T08:00:00Z",
            "ends_at": "2026-11-22T09:00:00Z", "note": "=HYPERLINK(\"http://x\")", "submit": true}),
        )
        .await;
    server
        .demo_login(SAM)
        .await
        .post("/api/v1/timesheets/approve", json!({"ids": [e["id"]]}))
        .await;
    let csv = export(server.demo_login(ANA).await).await;
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert_error(
        &server
            .demo_login(ANA)
            .await
            .get("/api/v1/timesheets/export?from=2026-11-25&to=2026-11-01")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
}

#[tokio::test]
async fn timesheet_events_reach_the_worker_and_the_locations_approvers_only() {
    let server = demo_at(WEDNESDAY).await;
    let wendy = server.demo_login(WENDY).await;
    let ana = server.demo_login(ANA).await;
    let mut wendy_events = EventReader::open(&wendy, None).await;
    let mut ben_events = EventReader::open(&server.demo_login(BEN).await, None).await;
    let mut walt_events = EventReader::open(&server.demo_login(WALT).await, None).await;
    let mut ana_events = EventReader::open(&ana, None).await;

    let (_, e) = wendy
        .post(
            "/api/v1/timesheets",
            entry("2026-11-22T08:00:00Z", "2026-11-22T12:00:00Z", 0),
        )
        .await;
    let id = e["id"].as_i64().unwrap();
    wendy
        .post(&format!("/api/v1/timesheets/{id}/submit"), json!({}))
        .await;
    let ev = ana_events
        .expect(&["timesheet.updated"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["entry"]["id"], id);
    assert_eq!(ev.data["entry"]["status"], "submitted");

    ana.post(
        &format!("/api/v1/timesheets/{id}/reject"),
        json!({"reason": "Missing break"}),
    )
    .await;
    let ev = wendy_events
        .expect(&["timesheet.updated"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["entry"]["status"], "rejected");
    assert_eq!(ev.data["entry"]["reason"], "Missing break");
    assert_eq!(ev.data["entry"]["organization"], Value::Null);
    assert_eq!(ev.data["entry"]["decided_by"], Value::Null);

    assert!(
        ben_events.next(Duration::from_millis(300)).await.is_none(),
        "Hamburg heard of Berlin"
    );
    assert!(
        walt_events.next(Duration::from_millis(100)).await.is_none(),
        "a worker heard of another's time"
    );
}

#[tokio::test]
async fn staff_cancel_a_shift_nobody_clocked_into_and_its_watchers_see_it_go() {
    let server = demo_at(WEDNESDAY).await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let mut ana_events = EventReader::open(&ana, None).await;
    let mut carla_events = EventReader::open(&server.demo_login(CARLA).await, None).await;
    let xena_id = server.query_i64("SELECT id FROM users WHERE email = 'xena@workers.example'");
    // Tomorrow at Northwind's Berlin HQ (location 1).
    let (status, made) = sam
        .post(
            "/api/v1/shifts",
            json!({"worker_id": xena_id, "location_id": 1,
                   "starts_at": "2026-11-26T08:00:00Z", "ends_at": "2026-11-26T12:00:00Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["id"].as_i64().unwrap();
    ana_events
        .expect(&["shift.created"], Duration::from_secs(5))
        .await;

    // A client cannot; another organisation's contact learns nothing.
    let carla = server.demo_login(CARLA).await;
    let (forbidden, _) = carla
        .raw(reqwest::Method::DELETE, &format!("/api/v1/shifts/{id}"))
        .await;
    assert_eq!(forbidden, StatusCode::FORBIDDEN);

    let (status, _) = sam
        .raw(reqwest::Method::DELETE, &format!("/api/v1/shifts/{id}"))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let ev = ana_events
        .expect(&["shift.cancelled"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["shift"]["id"], id);
    assert_eq!(
        server.query_i64(&format!("SELECT COUNT(*) FROM shifts WHERE id = {id}")),
        0
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'shift.cancelled'"),
        1
    );
    let (again, _) = sam
        .raw(reqwest::Method::DELETE, &format!("/api/v1/shifts/{id}"))
        .await;
    assert_eq!(again, StatusCode::NOT_FOUND);
    while let Some(e) = carla_events.next(Duration::from_millis(300)).await {
        assert!(
            !e.kind.starts_with("shift."),
            "Globex hears nothing of Northwind's shifts: {e:?}"
        );
    }

    // A shift the worker clocked into stays with its record.
    let xena = server.demo_login("xena@workers.example").await;
    let (_, now) = xena.get("/api/v1/clock").await;
    let under_way = now["shift"]["id"].as_i64().unwrap();
    let (status, _) = xena.post("/api/v1/clock", json!({"action": "in"})).await;
    assert_eq!(status, StatusCode::OK);
    let r = sam
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/shifts/{under_way}"),
            None,
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM shifts WHERE id = {under_way}"
        )),
        1
    );
}

#[tokio::test]
async fn staff_move_a_shift_nobody_clocked_into_and_its_watchers_see_it_move() {
    let server = demo_at(WEDNESDAY).await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let mut ana_events = EventReader::open(&ana, None).await;
    let xena_id = server.query_i64("SELECT id FROM users WHERE email = 'xena@workers.example'");
    let (status, made) = sam
        .post(
            "/api/v1/shifts",
            json!({"worker_id": xena_id, "location_id": 1,
                   "starts_at": "2026-11-26T08:00:00Z", "ends_at": "2026-11-26T12:00:00Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["id"].as_i64().unwrap();
    let path = format!("/api/v1/shifts/{id}");
    let patch = |body: Value| (reqwest::Method::PATCH, path.clone(), body);

    // To Friday, 13:00 to 17:00: the answer and the store both say so.
    let (m, p, b) =
        patch(json!({"starts_at": "2026-11-27T13:00:00Z", "ends_at": "2026-11-27T17:00:00Z"}));
    let (status, moved) = sam.call(m, &p, Some(b)).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["starts_at"], "2026-11-27T13:00:00Z");
    assert_eq!(moved["date"], "2026-11-27");
    assert_eq!(
        server.query_i64(&format!("SELECT starts_at FROM shifts WHERE id = {id}")),
        at("2026-11-27T13:00:00Z")
    );
    let ev = ana_events
        .expect(&["shift.updated"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["shift"]["ends_at"], "2026-11-27T17:00:00Z");
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'shift.updated'"),
        1
    );

    // Only the end: the start stays. An end before the start is refused
    // and changes nothing.
    let (m, p, b) = patch(json!({"ends_at": "2026-11-27T12:00:00Z"}));
    let r = sam.call(m, &p, Some(b)).await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "ends_at");
    assert_eq!(
        server.query_i64(&format!("SELECT ends_at FROM shifts WHERE id = {id}")),
        at("2026-11-27T17:00:00Z")
    );
    // Onto another of Xena's shifts: refused as an overlap.
    let other = server.query_i64(&format!(
        "SELECT id FROM shifts WHERE worker_id = {xena_id} AND id <> {id} ORDER BY starts_at LIMIT 1"
    ));
    let (s, e) = (
        server.query_i64(&format!("SELECT starts_at FROM shifts WHERE id = {other}")),
        server.query_i64(&format!("SELECT ends_at FROM shifts WHERE id = {other}")),
    );
    let iso = |t: i64| jiff::Timestamp::from_second(t).unwrap().to_string();
    let (m, p, b) = patch(json!({"starts_at": iso(s), "ends_at": iso(e)}));
    let r = sam.call(m, &p, Some(b)).await;
    assert_eq!(r.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.1);
    assert_eq!(r.1["error"]["fields"][0]["field"], "starts_at", "{}", r.1);

    // A client may not; another organisation's contact is told it is not there.
    let (m, p, b) = patch(json!({"ends_at": "2026-11-27T18:00:00Z"}));
    assert_eq!(
        server.demo_login(ANA).await.call(m, &p, Some(b)).await.0,
        StatusCode::FORBIDDEN
    );
    let (m, _, b) = patch(json!({"ends_at": "2026-11-27T18:00:00Z"}));
    let missing = sam.call(m, "/api/v1/shifts/987654321", Some(b)).await;
    assert_error(&missing, StatusCode::NOT_FOUND, "not_found");

    // A shift the worker clocked into keeps its times.
    let xena = server.demo_login(XENA).await;
    let (_, now) = xena.get("/api/v1/clock").await;
    let under_way = now["shift"]["id"].as_i64().unwrap();
    let before = server.query_i64(&format!(
        "SELECT starts_at FROM shifts WHERE id = {under_way}"
    ));
    let (status, _) = xena.post("/api/v1/clock", json!({"action": "in"})).await;
    assert_eq!(status, StatusCode::OK);
    let r = sam
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/shifts/{under_way}"),
            Some(json!({"starts_at": iso(before - 3600)})),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    assert_eq!(
        server.query_i64(&format!(
            "SELECT starts_at FROM shifts WHERE id = {under_way}"
        )),
        before
    );
}
