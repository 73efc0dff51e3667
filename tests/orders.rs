//! Orders, order forms, items, deliverables and order events over HTTP, as
//! clients of two organisations (one limited to a location) and staff.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use portico_tests::{Api, EventReader, TestServer, assert_error};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ADMIN: &str = "admin@portico.example";
const SAM: &str = "sam@portico.example";
const ANA: &str = "ana@northwind.example";
const BEN: &str = "ben@northwind.example";
const CARLA: &str = "carla@globex.example";
const DAN: &str = "dan@initech.example";
const WENDY: &str = "wendy@workers.example";
const WAIT: Duration = Duration::from_secs(5);
const MISSING: i64 = 987_654;

async fn me(api: &Api) -> Value {
    api.get("/api/v1/me").await.1
}

/// The id of one of the viewer's locations, by name.
async fn location(api: &Api, name: &str) -> i64 {
    me(api).await["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not one of my locations"))["id"]
        .as_i64()
        .unwrap()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

/// The field names of a 422 answer, in order.
fn failing(got: &(StatusCode, Value)) -> Vec<String> {
    assert_error(got, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    got.1["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn upload(api: &Api, name: &str, bytes: &[u8]) -> i64 {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name(name.to_owned())
        .mime_str("text/plain")
        .unwrap();
    let resp = api
        .request(Method::POST, "/api/v1/attachments")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    resp.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// Submits an order and expects it created.
async fn submit(api: &Api, title: &str, location_id: i64, values: Value) -> Value {
    let (status, o) = api
        .post(
            "/api/v1/orders",
            json!({"title": title, "location_id": location_id, "values": values}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{o}");
    o
}

/// Valid values for Northwind's demo staffing form.
fn staffing() -> Value {
    json!({"role": "Dispatcher", "headcount": 2, "start_date": "2027-01-04"})
}

async fn user_id(admin: &Api, email: &str) -> i64 {
    let (_, page) = admin.get("/api/v1/users?limit=200").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// Staff's id of a demo order, by title.
async fn order_titled(staff: &Api, title: &str) -> i64 {
    let (_, page) = staff.get("/api/v1/orders?limit=200").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == title)
        .unwrap_or_else(|| panic!("no order {title:?}"))["id"]
        .as_i64()
        .unwrap()
}

fn date(s: &Value) -> jiff::civil::Date {
    s.as_str().unwrap()[..10].parse().unwrap()
}

#[tokio::test]
async fn submissions_are_checked_field_by_field_and_take_the_form_defaults() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let carla = server.demo_login(CARLA).await;
    let plant = location(&carla, "Springfield Plant").await;
    let (status, form) = admin
        .post(
            "/api/v1/order-forms",
            json!({"organization_id": 2, "definition": {
                "name": "Plant work",
                "fields": [
                    {"key": "summary", "label": "Summary", "kind": "text", "required": true},
                    {"key": "scope", "label": "Scope", "kind": "multiline"},
                    {"key": "crew", "label": "Crew", "kind": "number", "min": 1, "max": 10},
                    {"key": "start", "label": "Start", "kind": "date", "required": true},
                    {"key": "area", "label": "Area", "kind": "choice", "options": ["press", "paint"]},
                    {"key": "skills", "label": "Skills", "kind": "multi_choice", "options": ["weld", "wire"]},
                    {"key": "drawing", "label": "Drawing", "kind": "file"}
                ],
                "defaults": {"priority": "urgent", "team": "Plant", "due_in_days": 5}
            }}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{form}");
    assert_eq!(form["version"], 1);
    let (_, effective) = carla.get("/api/v1/order-forms/effective").await;
    assert_eq!(effective["id"], form["id"]);

    // One error per failing field, for every kind, plus title, location and unknown keys.
    let bad = carla
        .post(
            "/api/v1/orders",
            json!({"title": " ", "location_id": 1, "values": {
                "summary": "two\nlines", "scope": 7, "crew": 11, "start": "2027-02-30",
                "area": "roof", "skills": ["weld", "weld"], "drawing": "x", "colour": "red"}}),
        )
        .await;
    assert_eq!(
        failing(&bad),
        [
            "title",
            "location_id",
            "values.colour",
            "values.summary",
            "values.scope",
            "values.crew",
            "values.start",
            "values.area",
            "values.skills",
            "values.drawing"
        ]
    );
    // Required fields, and nothing else, when values are missing or blank.
    let r = carla
        .post(
            "/api/v1/orders",
            json!({"title": "t", "location_id": plant, "values": {"summary": "  ", "crew": 0.5}}),
        )
        .await;
    assert_eq!(
        failing(&r),
        ["values.summary", "values.crew", "values.start"]
    );
    // A file field takes only the submitter's own unused upload.
    let sams = upload(&server.demo_login(SAM).await, "sam.txt", b"sam").await;
    let r = carla
        .post(
            "/api/v1/orders",
            json!({"title": "t", "location_id": plant, "values": {"summary": "s", "start": "2027-01-01", "drawing": sams}}),
        )
        .await;
    assert_eq!(failing(&r), ["values.drawing"]);
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM orders WHERE title = 't'"),
        0,
        "a refused submission stores nothing"
    );

    let drawing = upload(&carla, "drawing.txt", b"press line 3").await;
    let values = json!({"summary": "Press overhaul", "scope": "Line 3\nLine 4", "crew": 10,
                        "start": "2027-01-04", "area": "press", "skills": ["wire", "weld"],
                        "drawing": drawing});
    let o = submit(&carla, "Press overhaul", plant, values.clone()).await;
    assert_eq!(o["values"], values);
    let order = &o["order"];
    assert_eq!(
        (
            order["status"].as_str(),
            order["priority"].as_str(),
            order["team"].as_str()
        ),
        (Some("submitted"), Some("urgent"), Some("Plant"))
    );
    assert_eq!(
        date(&order["due_date"]),
        date(&order["created_at"])
            .checked_add(jiff::Span::new().days(5))
            .unwrap()
    );
    assert_eq!(
        (o["form"]["name"].as_str(), o["form"]["version"].as_i64()),
        (Some("Plant work"), Some(1))
    );
    // The detail names the file sent, apart from the deliverables.
    assert_eq!(o["files"][0]["id"], drawing);
    assert_eq!(o["deliverables"], json!([]));
    // The submitted file is the order's now: downloadable by whoever sees it, not reusable.
    let (status, bytes) = carla
        .raw(Method::GET, &format!("/api/v1/attachments/{drawing}"))
        .await;
    assert_eq!(
        (status, bytes.as_slice()),
        (StatusCode::OK, &b"press line 3"[..])
    );
    let r = carla
        .post(
            "/api/v1/tickets",
            json!({"subject": "s", "body": "b", "attachment_ids": [drawing]}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    // An explicit due date beats the default.
    let (_, o) = carla
        .post(
            "/api/v1/orders",
            json!({"title": "Later", "location_id": plant, "due_date": "2027-06-30",
                   "values": {"summary": "s", "start": "2027-06-01"}}),
        )
        .await;
    assert_eq!(o["order"]["due_date"], "2027-06-30");

    // Forms themselves are checked, and only administrators change them.
    let r = admin
        .put(
            &format!("/api/v1/order-forms/{}", form["id"]),
            json!({"name": "x", "fields": [
                {"key": "a", "label": "A", "kind": "choice"},
                {"key": "a", "label": "B", "kind": "text"}]}),
        )
        .await;
    assert_eq!(failing(&r), ["fields[0].options", "fields[1].key"]);
    let sam = server.demo_login(SAM).await;
    let r = sam
        .put(
            &format!("/api/v1/order-forms/{}", form["id"]),
            json!({"name": "x", "fields": []}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");
    let r = admin
        .post(
            "/api/v1/order-forms",
            json!({"organization_id": 2, "definition": {"name": "again", "fields": []}}),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
}

#[tokio::test]
async fn a_form_change_never_alters_past_orders() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.demo_login(ANA).await;
    let berlin = location(&ana, "Berlin HQ").await;
    let (_, form) = ana.get("/api/v1/order-forms/effective").await;
    assert_eq!(form["definition"]["name"], "Staffing request");
    let before = submit(&ana, "Before the change", berlin, staffing()).await;
    let id = before["order"]["id"].as_i64().unwrap();

    let (status, changed) = admin
        .put(
            &format!("/api/v1/order-forms/{}", form["id"]),
            json!({"name": "Staffing request v2", "fields": [
                {"key": "brief", "label": "Brief", "kind": "text", "required": true}],
                "defaults": {"priority": "low"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["version"], 2);

    let (_, after) = ana.get(&format!("/api/v1/orders/{id}")).await;
    assert_eq!(after["form"], before["form"]);
    assert_eq!(after["values"], staffing());
    assert_eq!(after["order"]["priority"], "high");
    // New orders follow the new version.
    let r = ana
        .post(
            "/api/v1/orders",
            json!({"title": "After", "location_id": berlin, "values": staffing()}),
        )
        .await;
    assert_eq!(
        failing(&r),
        [
            "values.headcount",
            "values.role",
            "values.start_date",
            "values.brief"
        ]
    );
    let o = submit(&ana, "After", berlin, json!({"brief": "two drivers"})).await;
    assert_eq!(
        (
            o["form"]["version"].as_i64(),
            o["order"]["priority"].as_str()
        ),
        (Some(2), Some("low"))
    );
    // An organisation without its own form gets the default.
    let dan = server.demo_login(DAN).await;
    let (_, form) = dan.get("/api/v1/order-forms/effective").await;
    assert_eq!(form["organization_id"], Value::Null);
    let austin = location(&dan, "Austin Office").await;
    let o = submit(&dan, "Chairs", austin, json!({"details": "Twelve chairs"})).await;
    assert_eq!(o["order"]["priority"], "normal");
    assert_eq!(o["order"]["due_date"], Value::Null);
}

#[tokio::test]
async fn the_lifecycle_and_who_may_cancel() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let berlin = location(&ana, "Berlin HQ").await;
    let path = |o: &Value| format!("/api/v1/orders/{}", o["order"]["id"]);
    let status_of = |r: &(StatusCode, Value)| r.1["order"]["status"].as_str().map(str::to_owned);

    let o = submit(&ana, "Lifecycle", berlin, staffing()).await;
    let p = path(&o);
    assert_error(
        &ana.patch(&p, json!({"status": "accepted"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert_error(
        &ana.patch(&p, json!({"title": "mine now"})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &sam.patch(&p, json!({"status": "in_progress"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    let r = sam
        .patch(&p, json!({"status": "accepted", "team": "Night crew"}))
        .await;
    assert_eq!(status_of(&r).as_deref(), Some("accepted"), "{}", r.1);
    assert_eq!(r.1["order"]["team"], "Night crew");
    // Clients cancel only while submitted.
    assert_error(
        &ana.patch(&p, json!({"status": "cancelled"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    for next in ["in_progress", "delivered", "closed"] {
        let r = sam.patch(&p, json!({"status": next})).await;
        assert_eq!(status_of(&r).as_deref(), Some(next), "{}", r.1);
    }
    for illegal in ["cancelled", "submitted", "delivered"] {
        assert_error(
            &sam.patch(&p, json!({"status": illegal})).await,
            StatusCode::CONFLICT,
            "conflict",
        );
    }

    let o = submit(&ana, "Changed my mind", berlin, staffing()).await;
    let r = ana.patch(&path(&o), json!({"status": "cancelled"})).await;
    assert_eq!(status_of(&r).as_deref(), Some("cancelled"), "{}", r.1);
    assert_error(
        &sam.patch(&path(&o), json!({"status": "accepted"})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    // Staff cancel from any open state.
    let o = submit(&ana, "Staff cancel", berlin, staffing()).await;
    for next in ["accepted", "in_progress", "delivered", "cancelled"] {
        let r = sam.patch(&path(&o), json!({"status": next})).await;
        assert_eq!(status_of(&r).as_deref(), Some(next), "{}", r.1);
    }
    // Status filter.
    let (_, cancelled) = ana.get("/api/v1/orders?status=cancelled").await;
    assert!(
        cancelled["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status"] == "cancelled")
    );
    assert!(ids(&cancelled).contains(&o["order"]["id"].as_i64().unwrap()));
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'order.status'"),
        9,
        "each status change is audited"
    );
}

#[tokio::test]
async fn modules_and_the_global_switch_decide_who_sees_and_submits() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let carla = server.demo_login(CARLA).await;
    let plant = location(&carla, "Springfield Plant").await;
    let carla_id = user_id(&admin, CARLA).await;
    let set_modules = |modules: Value| {
        let admin = admin.clone();
        async move {
            let r = admin
                .patch(
                    &format!("/api/v1/users/{carla_id}"),
                    json!({"modules": modules}),
                )
                .await;
            assert_eq!(r.0, StatusCode::OK, "{}", r.1);
        }
    };
    let new_order = json!({"title": "t", "location_id": plant, "values": {"details": "d"}});

    let mine = submit(&carla, "Mine to cancel", plant, json!({"details": "d"})).await;
    let cancel = format!("/api/v1/orders/{}", mine["order"]["id"]);

    // `orders` without `order_submit`: look, but do not submit or cancel.
    set_modules(json!(["orders"])).await;
    let (status, page) = carla.get("/api/v1/orders").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ids(&page).contains(&mine["order"]["id"].as_i64().unwrap()));
    assert_error(
        &carla.post("/api/v1/orders", new_order.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &carla.get("/api/v1/order-forms/effective").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &carla.patch(&cancel, json!({"status": "cancelled"})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    // `order_submit` alone sees nothing: orders come first.
    set_modules(json!(["order_submit", "tickets"])).await;
    assert_error(
        &carla.get("/api/v1/orders").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &carla.post("/api/v1/orders", new_order.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    set_modules(json!(["orders", "order_submit"])).await;
    assert_eq!(
        carla.post("/api/v1/orders", new_order.clone()).await.0,
        StatusCode::CREATED
    );
    let r = carla.patch(&cancel, json!({"status": "cancelled"})).await;
    assert_eq!(r.1["order"]["status"], "cancelled", "{}", r.1);

    // The global switch beats the person's grant; staff keep the module.
    set_modules(Value::Null).await;
    admin
        .put("/api/v1/settings/modules", json!({"disabled": ["orders"]}))
        .await;
    assert_error(
        &carla.get("/api/v1/orders").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &carla.post("/api/v1/orders", new_order).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(admin.get("/api/v1/orders").await.0, StatusCode::OK);
    admin
        .put("/api/v1/settings/modules", json!({"disabled": []}))
        .await;
    assert_eq!(carla.get("/api/v1/orders").await.0, StatusCode::OK);
    // Workers have no orders.
    let wendy = server.demo_login(WENDY).await;
    assert_error(
        &wendy.get("/api/v1/orders").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

#[tokio::test]
async fn a_location_limit_holds_in_lists_details_files_threads_and_events() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let hamburg = location(&ana, "Hamburg Depot").await;
    let berlin = location(&ana, "Berlin HQ").await;
    assert_eq!(me(&ben).await["locations"].as_array().unwrap().len(), 1);

    // Lists: Ben sees Hamburg only, whatever he filters by.
    let (_, all) = ana.get("/api/v1/orders").await;
    let (_, his) = ben.get("/api/v1/orders").await;
    assert!(ids(&all).len() > ids(&his).len() && !ids(&his).is_empty());
    assert!(
        his["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["location"]["id"] == hamburg)
    );
    assert_eq!(
        ids(&ben
            .get(&format!("/api/v1/orders?location_id={berlin}"))
            .await
            .1),
        Vec::<i64>::new()
    );
    let (_, ana_berlin) = ana
        .get(&format!("/api/v1/orders?location_id={berlin}"))
        .await;
    assert!(
        ana_berlin["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["location"]["id"] == berlin)
    );

    // Detail and its items, deliverables and thread: exactly missing for Ben.
    let delivered = order_titled(&sam, "Year-end inventory count").await;
    let (_, d) = ana.get(&format!("/api/v1/orders/{delivered}")).await;
    assert_eq!(d["items"][0]["worker"]["name"], "Wendy Walker");
    assert_eq!(d["items"][0]["state"], "done");
    let file = d["deliverables"][0]["id"].as_i64().unwrap();
    let thread = d["order"]["thread_id"].as_i64().unwrap();
    let (_, missing) = ben
        .raw(Method::GET, &format!("/api/v1/orders/{MISSING}"))
        .await;
    assert_eq!(
        ben.raw(Method::GET, &format!("/api/v1/orders/{delivered}"))
            .await,
        (StatusCode::NOT_FOUND, missing)
    );
    let (_, missing_file) = ben
        .raw(Method::GET, &format!("/api/v1/attachments/{MISSING}"))
        .await;
    assert_eq!(
        ben.raw(Method::GET, &format!("/api/v1/attachments/{file}"))
            .await,
        (StatusCode::NOT_FOUND, missing_file)
    );
    let (status, bytes) = ana
        .raw(Method::GET, &format!("/api/v1/attachments/{file}"))
        .await;
    assert_eq!(
        (status, bytes.starts_with(b"aisle,items")),
        (StatusCode::OK, true)
    );
    assert_error(
        &ben.get(&format!("/api/v1/threads/{thread}/messages")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &ben.post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "hi"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    // The order's thread: messages both ways, internal notes for staff only.
    let r = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "Thanks!"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
    sam.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "bill extra hours", "internal": true}),
    )
    .await;
    let (_, msgs) = ana.get(&format!("/api/v1/threads/{thread}/messages")).await;
    assert_eq!(msgs["items"].as_array().unwrap().len(), 1);
    let (_, msgs) = sam.get(&format!("/api/v1/threads/{thread}/messages")).await;
    assert_eq!(msgs["items"].as_array().unwrap().len(), 2);

    // Submitting: never for a location outside the limit.
    let r = ben
        .post(
            "/api/v1/orders",
            json!({"title": "Berlin?", "location_id": berlin, "values": staffing()}),
        )
        .await;
    assert_eq!(failing(&r), ["location_id"]);
    let own = submit(&ben, "Hamburg", hamburg, staffing()).await;

    // Events: an order at Berlin reaches Ana, not Ben; Hamburg reaches both.
    let mut ben_events = EventReader::open(&ben, None).await;
    let mut ana_events = EventReader::open(&ana, None).await;
    let r = sam
        .post(
            &format!("/api/v1/orders/{delivered}/items"),
            json!({"description": "Recount aisle 7"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
    let ev = ana_events.expect(&["order.updated"], WAIT).await;
    assert_eq!(ev.data["order"]["id"], delivered);
    assert_eq!(ev.data["order"]["item_count"], 2);
    sam.patch(
        &format!("/api/v1/orders/{}", own["order"]["id"]),
        json!({"status": "accepted"}),
    )
    .await;
    let ev = ben_events.next(WAIT).await.unwrap();
    assert_eq!(
        (ev.kind.as_str(), &ev.data["order"]["id"]),
        ("order.updated", &own["order"]["id"]),
        "Ben's first event is his own location's"
    );
    let ev = ana_events.expect(&["order.updated"], WAIT).await;
    assert_eq!(ev.data["order"]["id"], own["order"]["id"]);
}

#[tokio::test]
async fn another_organisations_orders_are_exactly_missing() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let carla = server.demo_login(CARLA).await;
    let northwind = ids(&server.demo_login(ANA).await.get("/api/v1/orders").await.1);
    assert!(!northwind.is_empty());
    let globex = ids(&carla.get("/api/v1/orders").await.1);
    assert!(globex.iter().all(|id| !northwind.contains(id)));
    let (_, missing) = carla
        .raw(Method::GET, &format!("/api/v1/orders/{MISSING}"))
        .await;
    let (_, items_refused) = carla
        .raw_post(
            &format!("/api/v1/orders/{MISSING}/items"),
            json!({"description": "x"}),
        )
        .await;
    let patch_missing = carla
        .request(Method::PATCH, &format!("/api/v1/orders/{MISSING}"))
        .json(&json!({"status": "cancelled"}))
        .send()
        .await
        .unwrap();
    let patch_missing = (
        patch_missing.status(),
        patch_missing.bytes().await.unwrap().to_vec(),
    );
    assert_eq!(patch_missing.0, StatusCode::NOT_FOUND);
    for id in &northwind {
        assert_eq!(
            carla
                .raw(Method::GET, &format!("/api/v1/orders/{id}"))
                .await,
            (StatusCode::NOT_FOUND, missing.clone())
        );
        let r = carla
            .request(Method::PATCH, &format!("/api/v1/orders/{id}"))
            .json(&json!({"status": "cancelled"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            (r.status(), r.bytes().await.unwrap().to_vec()),
            patch_missing
        );
    }
    // Staff-only routes refuse clients before looking anything up.
    assert_eq!(
        carla
            .raw_post(
                &format!("/api/v1/orders/{}/items", northwind[0]),
                json!({"description": "x"})
            )
            .await,
        (StatusCode::FORBIDDEN, items_refused)
    );
    // Staff see every organisation's orders.
    let (_, everything) = sam.get("/api/v1/orders?limit=200").await;
    for id in northwind.iter().chain(&globex) {
        assert!(ids(&everything).contains(id));
    }
}

#[tokio::test]
async fn staff_schedule_items_and_attach_deliverables() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let sam = server.demo_login(SAM).await;
    let carla = server.demo_login(CARLA).await;
    let wendy = user_id(&admin, WENDY).await;
    let carla_id = user_id(&admin, CARLA).await;
    let order = order_titled(&sam, "Line maintenance crew for the January shutdown").await;
    let items = format!("/api/v1/orders/{order}/items");

    let r = sam
        .post(
            &items,
            json!({"description": "Fitter", "worker_id": carla_id}),
        )
        .await;
    assert_eq!(failing(&r), ["worker_id"]);
    let r = sam
        .post(
            &items,
            json!({"description": "Fitter", "starts_at": "2027-01-05T08:00:00Z", "ends_at": "2027-01-05T07:00:00Z"}),
        )
        .await;
    assert_eq!(failing(&r), ["ends_at"]);
    let (status, item) = sam
        .post(
            &items,
            json!({"description": "Fitter", "worker_id": wendy,
                   "starts_at": "2027-01-05T08:00:00Z", "ends_at": "2027-01-05T16:00:00Z", "state": "filled"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{item}");
    assert_eq!(
        (item["worker"]["name"].as_str(), item["state"].as_str()),
        (Some("Wendy Walker"), Some("filled"))
    );
    let (status, done) = sam
        .put(
            &format!("{items}/{}", item["id"]),
            json!({"description": "Fitter (press)", "worker_id": wendy, "state": "done"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        (done["state"].as_str(), done["starts_at"].as_str()),
        (Some("done"), None)
    );
    // An item of another order is not this order's.
    let other = order_titled(&sam, "Year-end inventory count").await;
    assert_error(
        &sam.put(
            &format!("/api/v1/orders/{other}/items/{}", item["id"]),
            json!({"description": "x"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &carla.post(&items, json!({"description": "x"})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    // Deliverables: staff's own unused uploads; the client downloads them.
    let deliverables = format!("/api/v1/orders/{order}/deliverables");
    let carlas = upload(&carla, "mine.txt", b"mine").await;
    let r = sam
        .post(&deliverables, json!({"attachment_ids": [carlas]}))
        .await;
    assert_eq!(failing(&r), ["attachment_ids"]);
    let report = upload(&sam, "report.txt", b"shutdown report").await;
    let (status, files) = sam
        .post(&deliverables, json!({"attachment_ids": [report]}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{files}");
    assert_eq!(files[0]["file_name"], "report.txt");
    assert_error(
        &carla
            .post(&deliverables, json!({"attachment_ids": [carlas]}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let (_, detail) = carla.get(&format!("/api/v1/orders/{order}")).await;
    assert_eq!(detail["items"].as_array().unwrap().len(), 2);
    assert_eq!(detail["deliverables"][0]["id"], report);
    let (status, bytes) = carla
        .raw(Method::GET, &format!("/api/v1/attachments/{report}"))
        .await;
    assert_eq!(
        (status, bytes.as_slice()),
        (StatusCode::OK, &b"shutdown report"[..])
    );
    assert_error(
        &server
            .demo_login(ANA)
            .await
            .get(&format!("/api/v1/attachments/{report}"))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn references_count_per_year_and_new_orders_reach_staff_live() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let berlin = location(&ana, "Berlin HQ").await;
    let mut staff_events = EventReader::open(&sam, None).await;

    let o = submit(&ana, "Numbered", berlin, staffing()).await;
    let reference = o["order"]["reference"].as_str().unwrap().to_owned();
    let year = &o["order"]["created_at"].as_str().unwrap()[..4];
    let this_year = server.query_i64(&format!(
        "SELECT COUNT(*) FROM orders WHERE reference LIKE 'ORD-{year}-%'"
    ));
    assert_eq!(reference, format!("ORD-{year}-{this_year:04}"));
    let next = submit(&ana, "Numbered too", berlin, staffing()).await;
    assert_eq!(
        next["order"]["reference"],
        format!("ORD-{year}-{:04}", this_year + 1)
    );
    let ev = staff_events.expect(&["order.created"], WAIT).await;
    assert_eq!(ev.data["order"]["reference"], reference.as_str());

    // Concurrent submissions never share a number.
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let ana = ana.clone();
            tokio::spawn(async move {
                let o = submit(&ana, &format!("Rush {i}"), berlin, staffing()).await;
                o["order"]["reference"].as_str().unwrap().to_owned()
            })
        })
        .collect();
    let mut refs = std::collections::BTreeSet::new();
    for t in tasks {
        assert!(refs.insert(t.await.unwrap()), "a reference was given twice");
    }
    assert_eq!(
        refs.last().cloned(),
        Some(format!("ORD-{year}-{:04}", this_year + 21))
    );

    // A new year starts again at 0001.
    server.state.clock.advance(366 * 86_400);
    let ana = server.demo_login(ANA).await;
    let o = submit(&ana, "Next year", berlin, staffing()).await;
    let next_year: i64 = year.parse::<i64>().unwrap() + 1;
    assert_eq!(o["order"]["reference"], format!("ORD-{next_year}-0001"));
}

#[tokio::test]
async fn order_thread_messages_reach_only_those_who_see_the_order() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let ben = server.demo_login(BEN).await;
    let berlin = order_titled(&sam, "Forklift drivers for the December peak").await;
    let hamburg = order_titled(&sam, "Night dispatcher cover").await;
    let thread_of = |detail: Value| detail["order"]["thread_id"].as_i64().unwrap();
    let berlin_thread = thread_of(sam.get(&format!("/api/v1/orders/{berlin}")).await.1);
    let hamburg_thread = thread_of(sam.get(&format!("/api/v1/orders/{hamburg}")).await.1);
    let mut ana_events = EventReader::open(&ana, None).await;
    let mut ben_events = EventReader::open(&ben, None).await;
    let mut priya_events =
        EventReader::open(&server.demo_login("priya@portico.example").await, None).await;

    let post = |thread: i64, body: &'static str, internal: bool| {
        let sam = sam.clone();
        async move {
            let r = sam
                .post(
                    &format!("/api/v1/threads/{thread}/messages"),
                    json!({"body": body, "internal": internal}),
                )
                .await;
            assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
        }
    };
    post(berlin_thread, "check the forklift licences", true).await;
    post(berlin_thread, "Two drivers confirmed", false).await;
    post(hamburg_thread, "Dispatcher found", false).await;

    // Staff see the note; Ana sees only the public message; Ben only Hamburg's.
    let ev = priya_events.expect(&["message.created"], WAIT).await;
    assert_eq!(ev.data["message"]["body"], "check the forklift licences");
    let ev = ana_events.expect(&["message.created"], WAIT).await;
    assert_eq!(
        (&ev.data["message"]["body"], &ev.data["order"]["id"]),
        (&json!("Two drivers confirmed"), &json!(berlin))
    );
    let ev = ben_events.next(WAIT).await.unwrap();
    assert_eq!(
        (ev.kind.as_str(), &ev.data["message"]["body"]),
        ("message.created", &json!("Dispatcher found"))
    );
}

#[tokio::test]
async fn an_order_is_found_by_its_reference_within_scope_only() {
    let server = TestServer::demo().await;
    let ana = server.demo_login("ana@northwind.example").await;
    let carla = server.demo_login("carla@globex.example").await;
    let (_, page) = ana.get("/api/v1/orders?limit=1").await;
    let order = &page["items"][0];
    let reference = order["reference"].as_str().unwrap().to_lowercase();
    let (status, found) = ana
        .get(&format!("/api/v1/orders?reference={reference}"))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    let ids: Vec<&serde_json::Value> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["id"])
        .collect();
    assert_eq!(ids, [&order["id"]]);
    let (_, other) = carla
        .get(&format!("/api/v1/orders?reference={reference}"))
        .await;
    assert_eq!(
        other["items"],
        serde_json::json!([]),
        "another organisation's reference"
    );
}

#[tokio::test]
async fn q_finds_orders_by_reference_title_and_field_values_within_scope() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let sam = server.demo_login(SAM).await;
    let berlin = location(&ana, "Berlin HQ").await;
    let made = submit(
        &ana,
        "Zephyrine crew for the loading bay",
        berlin,
        json!({"role": "Dispatcher", "headcount": 2, "start_date": "2027-01-04", "notes": "Ask for the marmalader"}),
    )
    .await;
    let id = made["order"]["id"].as_i64().unwrap();
    let reference = made["order"]["reference"].as_str().unwrap().to_owned();
    for q in [
        "zephyrine",
        "ZEPHYRINE%20bay",
        "marmalader",
        reference.as_str(),
    ] {
        assert_eq!(
            ids(&ana.get(&format!("/api/v1/orders?q={q}")).await.1),
            vec![id],
            "q={q}"
        );
        assert_eq!(
            ids(&sam.get(&format!("/api/v1/orders?q={q}")).await.1),
            vec![id],
            "staff q={q}"
        );
        assert_eq!(
            ids(&carla.get(&format!("/api/v1/orders?q={q}")).await.1),
            Vec::<i64>::new(),
            "another organisation, q={q}"
        );
    }
    // Every word must match; field keys are not values.
    assert_eq!(
        ids(&ana.get("/api/v1/orders?q=zephyrine%20nomatchword").await.1),
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(&ana.get("/api/v1/orders?q=headcount").await.1),
        Vec::<i64>::new()
    );
    // A renamed order is found by its new title only.
    let (status, _) = sam
        .patch(
            &format!("/api/v1/orders/{id}"),
            json!({"title": "Quillowind crew"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        ids(&ana.get("/api/v1/orders?q=quillowind").await.1),
        vec![id]
    );
    assert_eq!(
        ids(&ana.get("/api/v1/orders?q=zephyrine").await.1),
        Vec::<i64>::new()
    );
    for q in ["%22", "%00", "NEAR(a%20b)", "*", "a%20AND%20b"] {
        let (status, _) = sam.get(&format!("/api/v1/orders?q={q}")).await;
        assert!(
            status.is_success() || status.is_client_error(),
            "q={q}: {status}"
        );
    }
}

/// Staff order search over every organisation reads the newest matches below
/// the cursor a window at a time; paging on, filtered so that a window yields
/// less than a page, still reaches every match exactly once.
#[tokio::test]
async fn staff_order_search_pages_through_every_match_past_the_candidate_window() {
    let server = TestServer::seeded(1, 4_500).await;
    let staff = server.login("sam@portico.example", "portico-demo").await;
    // Every reference starts with ORD, so every order matches.
    let expected =
        server.query_ids("SELECT id FROM orders WHERE status = 'cancelled' ORDER BY id DESC");
    assert!(expected.len() > 60, "several pages: {}", expected.len());
    let got = staff
        .ids_of_all_pages("/api/v1/orders?q=ord&status=cancelled&limit=20")
        .await;
    assert_eq!(got, expected, "every match once, newest first");
}

#[tokio::test]
async fn a_form_edit_based_on_an_old_version_is_refused_and_changes_nothing() {
    let server = TestServer::demo().await;
    let admin = server.demo_login(ADMIN).await;
    let (_, forms) = admin.get("/api/v1/order-forms").await;
    let form = forms[0].clone();
    let (id, v) = (
        form["id"].as_i64().unwrap(),
        form["version"].as_i64().unwrap(),
    );
    let def = |name: &str| {
        json!({"name": name, "fields": [
        {"key": "brief", "label": "Brief", "kind": "text", "required": true}]})
    };
    // Based on the version read: saved as the next one.
    let (status, saved) = admin
        .put(
            &format!("/api/v1/order-forms/{id}?version={v}"),
            def("First"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["version"], v + 1);
    // Someone else's edit based on the version before: refused, named.
    let r = admin
        .put(
            &format!("/api/v1/order-forms/{id}?version={v}"),
            def("Second"),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let message = r.1["error"]["message"].as_str().unwrap();
    assert!(message.contains(&format!("version {}", v + 1)), "{message}");
    let (_, now) = admin.get(&format!("/api/v1/order-forms/{id}")).await;
    assert_eq!(now["version"], v + 1);
    assert_eq!(now["definition"]["name"], "First");
    // Not a number: a clear 400/422, nothing saved.
    let (status, _) = admin
        .put(&format!("/api/v1/order-forms/{id}?version=x"), def("Third"))
        .await;
    assert!(status.is_client_error(), "{status}");
    let (_, now) = admin.get(&format!("/api/v1/order-forms/{id}")).await;
    assert_eq!(now["definition"]["name"], "First");
}
