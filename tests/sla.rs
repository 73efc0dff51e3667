//! SLA over HTTP: settings, due times counted in business hours (across a
//! weekend), breach flags, the inbox ordered by time left, and the ticket
//! report (JSON and CSV) checked against tickets with known times.
#![allow(clippy::unwrap_used)]

use portico_tests::{Api, TestServer, assert_error, error_fields};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const SAM: &str = "sam@portico.example";
const ANA: &str = "ana@northwind.example";

fn secs(at: &str) -> i64 {
    at.parse::<jiff::Timestamp>().unwrap().as_second()
}

async fn open(server: &TestServer, ana: &Api, at: &str, priority: &str) -> Value {
    server.state.clock.set(secs(at));
    let (status, t) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": format!("{priority} at {at}"), "body": "b", "priority": priority}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    t
}

async fn reply(server: &TestServer, staff: &Api, ticket: &Value, at: &str) {
    server.state.clock.set(secs(at));
    let (status, m) = staff
        .post(
            &format!("/api/v1/threads/{}/messages", ticket["thread_id"]),
            json!({"body": "On it."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
}

async fn change(server: &TestServer, staff: &Api, ticket: &Value, at: &str, patch: Value) -> Value {
    server.state.clock.set(secs(at));
    let (status, t) = staff
        .patch(&format!("/api/v1/tickets/{}", ticket["id"]), patch)
        .await;
    assert_eq!(status, StatusCode::OK, "{t}");
    t
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn due_times_run_in_business_hours_across_a_weekend() {
    let server = TestServer::demo().await;
    // Sessions begin in the test's own week, so none runs out.
    server.state.clock.set(secs("2027-03-05T08:00:00Z"));
    let admin = server.demo_login(ADMIN).await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;

    // Only staff read the settings; only administrators change them.
    let (status, demo) = sam.get("/api/v1/settings/sla").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        demo["targets"]["urgent"]["first_response_minutes"], 30,
        "the demo's: {demo}"
    );
    assert_error(
        &ana.get("/api/v1/settings/sla").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let settings = json!({
        "targets": {"normal": {"first_response_minutes": 120, "resolution_minutes": 600},
                    "urgent": {"first_response_minutes": 30, "resolution_minutes": 240}},
        "hours": {"timezone": "Europe/Berlin", "days": [1, 2, 3, 4, 5], "opens": "09:00", "closes": "17:00"}
    });
    assert_error(
        &sam.put("/api/v1/settings/sla", settings.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let bad = admin
        .put(
            "/api/v1/settings/sla",
            json!({"targets": {"low": {"first_response_minutes": 0, "resolution_minutes": 60}},
                   "hours": {"timezone": "Mars/Olympus", "days": [0, 1], "opens": "17:00", "closes": "09:00"}}),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let fields = error_fields(&bad);
    assert_eq!(
        fields,
        [
            "hours.closes",
            "hours.days",
            "hours.timezone",
            "targets.low.first_response_minutes"
        ]
    );
    assert_eq!(
        sam.get("/api/v1/settings/sla").await.1,
        demo,
        "nothing changed"
    );
    let (status, saved) = admin.put("/api/v1/settings/sla", settings).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(sam.get("/api/v1/settings/sla").await.1, saved);

    // Friday 16:00 in Berlin: one business hour left that day.
    let t = open(&server, &ana, "2027-03-05T15:00:00Z", "normal").await;
    // 120 minutes: 16:00–17:00 Friday, then Monday 09:00–10:00 Berlin.
    assert_eq!(t["sla"]["first_response_due_at"], "2027-03-08T09:00:00Z");
    // 600 minutes: 60 on Friday, 480 on Monday, 60 on Tuesday.
    assert_eq!(t["sla"]["resolution_due_at"], "2027-03-09T09:00:00Z");
    assert_eq!(t["sla"]["first_response_breached"], false);
    assert_eq!(
        t["sla"]["seconds_left"],
        secs("2027-03-08T09:00:00Z") - secs("2027-03-05T15:00:00Z")
    );

    // Monday 10:30 Berlin with no reply: the first response is breached.
    server.state.clock.set(secs("2027-03-08T09:30:00Z"));
    let (_, now) = ana.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    assert_eq!(
        (
            now["sla"]["first_response_breached"].as_bool(),
            now["sla"]["seconds_left"].as_i64()
        ),
        (Some(true), Some(-1800))
    );
    // The late reply is recorded and stays a breach; the resolution clock runs.
    reply(&server, &sam, &t, "2027-03-08T09:40:00Z").await;
    let (_, now) = ana.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    assert_eq!(now["sla"]["first_response_at"], "2027-03-08T09:40:00Z");
    assert_eq!(now["sla"]["first_response_breached"], true);
    assert_eq!(now["sla"]["resolution_breached"], false);
    assert_eq!(
        now["sla"]["seconds_left"],
        secs("2027-03-09T09:00:00Z") - secs("2027-03-08T09:40:00Z")
    );

    // Raised to urgent: due times follow the urgent targets from the opening.
    let u = change(
        &server,
        &sam,
        &t,
        "2027-03-08T09:41:00Z",
        json!({"priority": "urgent"}),
    )
    .await;
    assert_eq!(u["sla"]["first_response_due_at"], "2027-03-05T15:30:00Z");
    assert_eq!(u["sla"]["resolution_due_at"], "2027-03-08T11:00:00Z");

    // A priority without targets has no due times and is never breached.
    let low = open(&server, &ana, "2027-03-08T10:00:00Z", "low").await;
    assert_eq!(
        low["sla"],
        json!({"first_response_due_at": null, "resolution_due_at": null,
        "first_response_at": null, "first_response_breached": false, "resolution_breached": false, "seconds_left": null})
    );

    // The inbox by time left: the most urgent running target first, none last.
    let n = open(&server, &ana, "2027-03-08T10:00:00Z", "normal").await; // due 13:00 UTC Monday
    server.state.clock.set(secs("2027-03-08T10:05:00Z"));
    let (status, page) = sam
        .get("/api/v1/tickets?view=all&sort=time_left&limit=200")
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let order: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let pos = |t: &Value| {
        order
            .iter()
            .position(|i| Some(*i) == t["id"].as_i64())
            .unwrap()
    };
    assert!(
        pos(&t) < pos(&n),
        "resolution due 11:00 before first response due 12:00"
    );
    assert!(pos(&n) < pos(&low), "no target sorts last");
    // Paging by time left returns every ticket once.
    let paged = sam
        .ids_of_all_pages("/api/v1/tickets?view=all&sort=time_left&limit=3")
        .await;
    assert_eq!(paged, order);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_matches_hand_built_tickets() {
    let server = TestServer::demo().await;
    server.state.clock.set(secs("2027-02-25T08:00:00Z"));
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let (status, _) = admin
        .put(
            "/api/v1/settings/sla",
            json!({"targets": {"normal": {"first_response_minutes": 60, "resolution_minutes": 240},
                               "urgent": {"first_response_minutes": 15, "resolution_minutes": 60}},
                   "hours": {"timezone": "UTC", "days": [1, 2, 3, 4, 5], "opens": "09:00", "closes": "17:00"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // An agent whose name a spreadsheet would run and a CSV must quote.
    let (_, inv) = admin
        .post(
            "/api/v1/invites",
            json!({"email": "lee@portico.example", "name": "=Lee, \"Q\"", "role": "agent"}),
        )
        .await;
    let (status, acc) = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "long enough pw"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{acc}");
    let staff = admin.get("/api/v1/staff").await.1;
    let id_of = |name: &str| {
        staff
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    let (sam, lee) = (id_of("Sam Agent"), id_of("=Lee, \"Q\""));

    // Before the window: not counted.
    open(&server, &ana, "2027-02-26T09:00:00Z", "normal").await;
    // T1: normal, answered in 30 minutes, resolved in 2 hours.
    let t1 = open(&server, &ana, "2027-03-01T09:00:00Z", "normal").await;
    change(
        &server,
        &admin,
        &t1,
        "2027-03-01T09:01:00Z",
        json!({"assignee_id": sam, "tags": ["vip"]}),
    )
    .await;
    reply(&server, &admin, &t1, "2027-03-01T09:30:00Z").await;
    change(
        &server,
        &admin,
        &t1,
        "2027-03-01T11:00:00Z",
        json!({"status": "resolved"}),
    )
    .await;
    // T2: normal, answered in 90 minutes (late), resolved in 5 hours (late).
    let t2 = open(&server, &ana, "2027-03-01T10:00:00Z", "normal").await;
    change(
        &server,
        &admin,
        &t2,
        "2027-03-01T10:01:00Z",
        json!({"assignee_id": sam}),
    )
    .await;
    reply(&server, &admin, &t2, "2027-03-01T11:30:00Z").await;
    change(
        &server,
        &admin,
        &t2,
        "2027-03-01T15:00:00Z",
        json!({"status": "resolved"}),
    )
    .await;
    // T3: urgent, answered in 10 minutes, resolved in 50.
    let t3 = open(&server, &ana, "2027-03-02T09:00:00Z", "urgent").await;
    change(
        &server,
        &admin,
        &t3,
        "2027-03-02T09:01:00Z",
        json!({"assignee_id": lee}),
    )
    .await;
    reply(&server, &admin, &t3, "2027-03-02T09:10:00Z").await;
    change(
        &server,
        &admin,
        &t3,
        "2027-03-02T09:50:00Z",
        json!({"status": "resolved"}),
    )
    .await;
    // T4: urgent, never answered: breached by Friday.
    open(&server, &ana, "2027-03-02T10:00:00Z", "urgent").await;
    server.state.clock.set(secs("2027-03-05T12:00:00Z"));

    let url = "/api/v1/reports/tickets?from=2027-03-01&to=2027-03-05";
    assert_error(&ana.get(url).await, StatusCode::FORBIDDEN, "forbidden");
    let (status, report) = admin.get(url).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let row = |group: &str, key: &str| -> Value {
        report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == group && r["key"] == key)
            .unwrap()
            .clone()
    };
    let numbers = |r: Value| {
        (
            r["opened"].as_i64(),
            r["resolved"].as_i64(),
            r["breaches"].as_i64(),
            r["first_response_median"].as_i64(),
            r["first_response_p90"].as_i64(),
            r["resolution_median"].as_i64(),
            r["resolution_p90"].as_i64(),
        )
    };
    // First responses 600, 1800, 5400 s; resolutions 3000, 7200, 18000 s.
    assert_eq!(
        numbers(row("total", "all")),
        (
            Some(4),
            Some(3),
            Some(2),
            Some(1800),
            Some(5400),
            Some(7200),
            Some(18000)
        )
    );
    assert_eq!(
        numbers(row("priority", "normal")),
        (
            Some(2),
            Some(2),
            Some(1),
            Some(1800),
            Some(5400),
            Some(7200),
            Some(18000)
        )
    );
    assert_eq!(
        numbers(row("priority", "urgent")),
        (
            Some(2),
            Some(1),
            Some(1),
            Some(600),
            Some(600),
            Some(3000),
            Some(3000)
        )
    );
    assert_eq!(
        numbers(row("priority", "high")),
        (Some(0), Some(0), Some(0), None, None, None, None)
    );
    assert_eq!(
        numbers(row("assignee", "Sam Agent")),
        numbers(row("priority", "normal"))
    );
    assert_eq!(
        numbers(row("assignee", "=Lee, \"Q\"")),
        (
            Some(1),
            Some(1),
            Some(0),
            Some(600),
            Some(600),
            Some(3000),
            Some(3000)
        )
    );
    assert_eq!(row("assignee", "unassigned")["opened"], 1);
    assert_eq!(
        report["weeks"],
        json!([{"week": "2027-03-01", "opened": 4}])
    );

    // Filters: an assignee, a ticket tag.
    let (_, by_sam) = admin.get(&format!("{url}&assignee_id={sam}")).await;
    assert_eq!(by_sam["rows"][0]["opened"], 2);
    let (_, vip) = admin.get(&format!("{url}&tag=vip")).await;
    assert_eq!(vip["rows"][0]["opened"], 1);
    // A range backwards or too long is refused.
    let (status, _) = admin
        .get("/api/v1/reports/tickets?from=2027-03-05&to=2027-03-01")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // The CSV holds the same rows, quoted and defused.
    let (status, csv) = admin
        .raw(Method::GET, &url.replace("tickets?", "tickets.csv?"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "group,key,opened,resolved,first_response_median_seconds,first_response_p90_seconds,resolution_median_seconds,resolution_p90_seconds,breaches"
    );
    assert_eq!(lines[1], "total,all,4,3,1800,5400,7200,18000,2");
    assert!(lines.contains(&"priority,high,0,0,,,,,0"), "{csv}");
    assert!(
        lines.contains(&"assignee,\"'=Lee, \"\"Q\"\"\",1,1,600,600,3000,3000,0"),
        "{csv}"
    );
    assert_eq!(
        lines.len(),
        report["rows"].as_array().unwrap().len() + 2,
        "rows and a final line end"
    );
    assert_error(
        &{
            let (s, b) = ana
                .raw(Method::GET, &url.replace("tickets?", "tickets.csv?"))
                .await;
            (s, serde_json::from_slice(&b).unwrap())
        },
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

/// Monday 2027-03-08 is a holiday in these tests' calendar.
fn calendar_with_holiday(targets: Value, overrides: Value) -> Value {
    json!({
        "targets": targets,
        "overrides": overrides,
        "hours": {"timezone": "UTC", "days": [1, 2, 3, 4, 5], "opens": "09:00", "closes": "17:00",
                  "holidays": ["2027-03-08", "2027-03-08"]}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overrides_by_organisation_tag_and_holidays_set_the_due_times() {
    let server = TestServer::demo().await;
    server.state.clock.set(secs("2027-03-05T08:00:00Z"));
    let admin = server.demo_login(ADMIN).await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await; // Northwind: platinum
    let dan = server.demo_login("dan@initech.example").await; // Initech: no tags

    // Bad overrides are each named, and change nothing.
    let before = sam.get("/api/v1/settings/sla").await.1;
    let bad = admin
        .put(
            "/api/v1/settings/sla",
            calendar_with_holiday(
                json!({}),
                json!([
                    {"tag": "two words", "targets": {}},
                    {"tag": "gold", "targets": {"low": {"first_response_minutes": 0, "resolution_minutes": 5}}},
                    {"tag": "Gold", "targets": {"low": {"first_response_minutes": 1, "resolution_minutes": 5}}}
                ]),
            ),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        error_fields(&bad),
        [
            "overrides.0.tag",
            "overrides.0.targets",
            "overrides.1.targets.low.first_response_minutes",
            "overrides.2.tag"
        ]
    );
    let too_many: Vec<String> = (0..367)
        .map(|d| {
            jiff::civil::date(2027, 1, 1)
                .checked_add(jiff::Span::new().days(d))
                .unwrap()
                .to_string()
        })
        .collect();
    let mut long = calendar_with_holiday(json!({}), json!([]));
    long["hours"]["holidays"] = json!(too_many);
    let bad = admin.put("/api/v1/settings/sla", long).await;
    assert_eq!(error_fields(&bad), ["hours.holidays"]);
    assert_eq!(sam.get("/api/v1/settings/sla").await.1, before);

    let normal = json!({"normal": {"first_response_minutes": 120, "resolution_minutes": 600}});
    let (status, saved) = admin
        .put(
            "/api/v1/settings/sla",
            calendar_with_holiday(
                normal,
                json!([{"tag": "Platinum", "targets": {"normal": {"first_response_minutes": 60, "resolution_minutes": 240}}}]),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["hours"]["holidays"], json!(["2027-03-08"]), "once");
    assert_eq!(
        saved["overrides"][0]["tag"], "platinum",
        "tags are kept lower-case"
    );

    // Friday 16:00: one business hour that day, none on the Monday holiday.
    let plat = open(&server, &ana, "2027-03-05T16:00:00Z", "normal").await;
    assert_eq!(plat["sla"]["first_response_due_at"], "2027-03-05T17:00:00Z");
    // 240: 60 on Friday, 180 on Tuesday.
    assert_eq!(plat["sla"]["resolution_due_at"], "2027-03-09T12:00:00Z");
    let (status, plain) = dan
        .post(
            "/api/v1/tickets",
            json!({"subject": "Plain", "body": "b", "priority": "normal"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{plain}");
    // The defaults: 120 = 60 Friday + 60 Tuesday; 600 = 60 + 480 + 60.
    assert_eq!(
        plain["sla"]["first_response_due_at"],
        "2027-03-09T10:00:00Z"
    );
    assert_eq!(plain["sla"]["resolution_due_at"], "2027-03-10T10:00:00Z");
    // A priority the override does not name keeps the default (none here).
    let low = open(&server, &ana, "2027-03-05T16:00:00Z", "low").await;
    assert_eq!(low["sla"]["first_response_due_at"], Value::Null);

    // Northwind loses the tag: its open ticket falls back to the defaults.
    let org = plat["organization"]["id"].as_i64().unwrap();
    let (status, o) = admin
        .patch(&format!("/api/v1/organizations/{org}"), json!({"tags": []}))
        .await;
    assert_eq!(status, StatusCode::OK, "{o}");
    let (_, now) = ana.get(&format!("/api/v1/tickets/{}", plat["id"])).await;
    assert_eq!(now["sla"]["first_response_due_at"], "2027-03-09T10:00:00Z");
    assert_eq!(now["sla"]["resolution_due_at"], "2027-03-10T10:00:00Z");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_times_count_only_business_hours() {
    let server = TestServer::demo().await;
    server.state.clock.set(secs("2027-03-05T08:00:00Z"));
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let normal = json!({"normal": {"first_response_minutes": 120, "resolution_minutes": 600}});
    let (status, _) = admin
        .put(
            "/api/v1/settings/sla",
            calendar_with_holiday(normal, json!([])),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Friday 16:00, answered Tuesday 10:00 (42 hours on the wall clock, two
    // business hours), resolved Tuesday 12:00 (four business hours).
    let t = open(&server, &ana, "2027-03-05T16:00:00Z", "normal").await;
    reply(&server, &admin, &t, "2027-03-09T10:00:00Z").await;
    change(
        &server,
        &admin,
        &t,
        "2027-03-09T12:00:00Z",
        json!({"status": "resolved"}),
    )
    .await;
    let url = "/api/v1/reports/tickets?from=2027-03-01&to=2027-03-12";
    let (status, report) = admin.get(url).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let total = &report["rows"][0];
    assert_eq!(
        (
            total["opened"].as_i64(),
            total["first_response_median"].as_i64(),
            total["resolution_p90"].as_i64(),
            total["breaches"].as_i64()
        ),
        (Some(1), Some(7_200), Some(14_400), Some(0)),
        "{report}"
    );
    let (_, csv) = admin
        .raw(Method::GET, &url.replace("tickets?", "tickets.csv?"))
        .await;
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(
        csv.split("\r\n").nth(1),
        Some("total,all,1,1,7200,7200,14400,14400,0")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_breach_is_announced_to_staff_once() {
    use portico_server::jobs::announce_breaches_once;
    use portico_tests::EventReader;
    use std::time::Duration;

    let server = TestServer::demo().await;
    server.state.clock.set(secs("2027-03-01T08:00:00Z"));
    let admin = server.demo_login(ADMIN).await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let (status, _) = admin
        .put(
            "/api/v1/settings/sla",
            json!({"targets": {"urgent": {"first_response_minutes": 30, "resolution_minutes": 240}},
                   "hours": {"timezone": "UTC", "days": [1, 2, 3, 4, 5], "opens": "09:00", "closes": "17:00"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // The demo's own tickets are long overdue by now: announced first.
    announce_breaches_once(&server.state).await.unwrap();
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 0);

    let mut staff_events = EventReader::open(&sam, None).await;
    let mut client_events = EventReader::open(&ana, None).await;
    let t = open(&server, &ana, "2027-03-01T09:00:00Z", "urgent").await;
    // Not yet due: nothing to announce.
    server.state.clock.set(secs("2027-03-01T09:29:00Z"));
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 0);

    // The first response passes its due time: staff hear of it, once.
    server.state.clock.set(secs("2027-03-01T09:31:00Z"));
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 1);
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 0);
    let ev = staff_events
        .expect(&["sla.breached"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["ticket"]["id"], t["id"]);
    assert_eq!(ev.data["ticket"]["sla"]["first_response_breached"], true);

    // Then the resolution: announced once more.
    server.state.clock.set(secs("2027-03-01T13:01:00Z"));
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 1);
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 0);
    let ev = staff_events
        .expect(&["sla.breached"], Duration::from_secs(5))
        .await;
    assert_eq!(ev.data["ticket"]["sla"]["resolution_breached"], true);

    // The client is never told: the next thing they hear is the reply.
    reply(&server, &sam, &t, "2027-03-01T13:02:00Z").await;
    loop {
        let ev = client_events
            .next(Duration::from_secs(5))
            .await
            .expect("the reply reaches the client");
        assert_ne!(ev.kind, "sla.breached");
        if ev.kind == "message.created" {
            break;
        }
    }
    // A resolved ticket is never announced again.
    change(
        &server,
        &sam,
        &t,
        "2027-03-01T13:03:00Z",
        json!({"status": "resolved"}),
    )
    .await;
    server.state.clock.set(secs("2027-03-09T09:00:00Z"));
    assert_eq!(announce_breaches_once(&server.state).await.unwrap(), 0);
}
