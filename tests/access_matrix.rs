//! The access matrix, walked from the OpenAPI document: every operation is
//! tried without a token, as a client of another organisation with real ids
//! of organisation A's objects, as a client and a worker on staff routes, and
//! as a contact of a fresh organisation with no data. An operation without a
//! case here fails the test, so a new route cannot skip the matrix.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use portico_tests::{Api, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// What kind of access an operation has.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Case {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person, about themselves only.
    Own,
    /// Staff only (403 to clients and workers for any id).
    Staff,
    /// Administrators only.
    Admin,
    /// A list scoped to the viewer's organisation.
    ScopedList,
    /// Creates something in the viewer's own organisation.
    ScopedCreate,
    /// `{id}` names one of organisation A's objects of this kind.
    Scoped(Obj),
    /// Workers only (403 to clients and staff); `{id}`, if any, names
    /// another worker's object, which is 404 like a missing one.
    Worker(Option<Obj>),
    /// Anyone, signed in or not, sees part of a list: never what only
    /// organisation A may read.
    OpenList,
    /// Anyone, signed in or not; `{id}` names something only A may read,
    /// which is 404 like a missing one to everyone else.
    Open(Obj),
    /// A signed-in list of which part is shared: never what only A may use.
    TaggedList(Obj),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Obj {
    Ticket,
    Thread,
    Attachment,
    Session,
    Order,
    /// A timesheet entry of a worker at A's Berlin location.
    Entry,
    /// A knowledge-base article only platinum organisations (A) read.
    Article,
    /// A support form only platinum organisations (A) use.
    Form,
    /// A sent invoice of A.
    Invoice,
    /// A sent quote of A, waiting for an answer.
    Quote,
    /// A's project at its Berlin location.
    Project,
    /// A task of that project.
    Task,
    /// A standalone thread of A.
    Conversation,
}

const MISSING: i64 = 987_654_321;

fn cases() -> HashMap<(&'static str, &'static str), Case> {
    use Case::*;
    HashMap::from([
        (("get", "/healthz"), Public),
        (("get", "/api/v1/openapi.json"), Public),
        (("get", "/api/v1/branding"), Public),
        (("post", "/api/v1/auth/login"), Public),
        (("post", "/api/v1/invites/accept"), Public),
        (("post", "/api/v1/auth/login/totp"), Public),
        (("post", "/api/v1/auth/totp/enroll"), Own),
        (("post", "/api/v1/auth/totp/confirm"), Own),
        (("post", "/api/v1/auth/totp/disable"), Own),
        (("post", "/api/v1/auth/logout"), Own),
        (("get", "/api/v1/me"), Own),
        (("get", "/api/v1/auth/sessions"), Own),
        (("post", "/api/v1/auth/password"), Own),
        (("get", "/api/v1/events"), Own),
        (
            ("delete", "/api/v1/auth/sessions/{id}"),
            Scoped(Obj::Session),
        ),
        (("get", "/api/v1/organizations"), Staff),
        (("post", "/api/v1/organizations"), Admin),
        (("get", "/api/v1/organizations/{id}"), Staff),
        (("patch", "/api/v1/organizations/{id}"), Admin),
        (("get", "/api/v1/organizations/{id}/locations"), Staff),
        (("post", "/api/v1/organizations/{id}/locations"), Staff),
        (("get", "/api/v1/users"), Staff),
        (("patch", "/api/v1/users/{id}"), Admin),
        (("post", "/api/v1/invites"), Admin),
        (("post", "/api/v1/users/{id}/resend-invite"), Admin),
        (("post", "/api/v1/users/{id}/remove"), Admin),
        (("post", "/api/v1/users/{id}/readmit"), Admin),
        (("post", "/api/v1/users/{id}/end-sessions"), Admin),
        (("post", "/api/v1/users/{id}/view-as"), Staff),
        (
            (
                "patch",
                "/api/v1/organizations/{id}/locations/{location_id}",
            ),
            Staff,
        ),
        (("delete", "/api/v1/shifts/{id}"), Staff),
        (("patch", "/api/v1/shifts/{id}"), Staff),
        (("get", "/api/v1/settings/modules"), Admin),
        (("put", "/api/v1/settings/modules"), Admin),
        (("get", "/api/v1/audit"), Admin),
        (("get", "/api/v1/staff"), Staff),
        (("post", "/api/v1/tickets/bulk-assign"), Staff),
        (("get", "/api/v1/tickets"), ScopedList),
        (("post", "/api/v1/tickets"), ScopedCreate),
        (("post", "/api/v1/attachments"), ScopedCreate),
        (("get", "/api/v1/tickets/{id}"), Scoped(Obj::Ticket)),
        (("patch", "/api/v1/tickets/{id}"), Scoped(Obj::Ticket)),
        (
            ("get", "/api/v1/threads/{id}/messages"),
            Scoped(Obj::Thread),
        ),
        (
            ("post", "/api/v1/threads/{id}/messages"),
            Scoped(Obj::Thread),
        ),
        (("post", "/api/v1/threads/{id}/read"), Scoped(Obj::Thread)),
        (("get", "/api/v1/attachments/{id}"), Scoped(Obj::Attachment)),
        (("get", "/api/v1/orders"), ScopedList),
        (("post", "/api/v1/orders"), ScopedCreate),
        (("get", "/api/v1/orders/{id}"), Scoped(Obj::Order)),
        (("patch", "/api/v1/orders/{id}"), Scoped(Obj::Order)),
        (("post", "/api/v1/orders/{id}/items"), Staff),
        (("put", "/api/v1/orders/{id}/items/{item_id}"), Staff),
        (("post", "/api/v1/orders/{id}/deliverables"), Staff),
        (("get", "/api/v1/order-forms"), Staff),
        (("post", "/api/v1/order-forms"), Admin),
        (("get", "/api/v1/order-forms/effective"), Own),
        (("get", "/api/v1/order-forms/{id}"), Staff),
        (("put", "/api/v1/order-forms/{id}"), Admin),
        (("get", "/api/v1/shifts"), ScopedList),
        (("post", "/api/v1/shifts"), Staff),
        (("get", "/api/v1/workers"), Staff),
        (("get", "/api/v1/clock"), Worker(None)),
        (("get", "/api/v1/invoices"), ScopedList),
        (("post", "/api/v1/invoices"), Staff),
        (("get", "/api/v1/invoices/{id}"), Scoped(Obj::Invoice)),
        (("patch", "/api/v1/invoices/{id}"), Staff),
        (("post", "/api/v1/invoices/{id}/send"), Staff),
        (("post", "/api/v1/invoices/{id}/void"), Staff),
        (("post", "/api/v1/invoices/{id}/payments"), Staff),
        (("get", "/api/v1/invoices/{id}/pdf"), Scoped(Obj::Invoice)),
        (("get", "/api/v1/invoices.csv"), Staff),
        (("put", "/api/v1/organizations/{id}/payment-link"), Admin),
        (("get", "/api/v1/quotes"), ScopedList),
        (("post", "/api/v1/quotes"), Staff),
        (("get", "/api/v1/quotes/{id}"), Scoped(Obj::Quote)),
        (("patch", "/api/v1/quotes/{id}"), Staff),
        (("post", "/api/v1/quotes/{id}/send"), Staff),
        (("post", "/api/v1/quotes/{id}/accept"), Scoped(Obj::Quote)),
        (("post", "/api/v1/quotes/{id}/decline"), Scoped(Obj::Quote)),
        (("post", "/api/v1/quotes/{id}/invoice"), Staff),
        (("post", "/api/v1/clock"), Worker(None)),
        (("get", "/api/v1/timesheets"), ScopedList),
        (("post", "/api/v1/timesheets"), Worker(None)),
        (("get", "/api/v1/timesheets/{id}"), Scoped(Obj::Entry)),
        (
            ("patch", "/api/v1/timesheets/{id}"),
            Worker(Some(Obj::Entry)),
        ),
        (
            ("post", "/api/v1/timesheets/{id}/submit"),
            Worker(Some(Obj::Entry)),
        ),
        (
            ("post", "/api/v1/timesheets/{id}/reject"),
            Scoped(Obj::Entry),
        ),
        (("post", "/api/v1/timesheets/approve"), Scoped(Obj::Entry)),
        (("get", "/api/v1/timesheets/export"), ScopedList),
        (("get", "/api/v1/kb/articles"), OpenList),
        (("post", "/api/v1/kb/articles"), Staff),
        (("get", "/api/v1/kb/articles/{id}"), Open(Obj::Article)),
        (("patch", "/api/v1/kb/articles/{id}"), Staff),
        (("delete", "/api/v1/kb/articles/{id}"), Staff),
        (
            ("get", "/api/v1/kb/articles/{id}/revisions"),
            Open(Obj::Article),
        ),
        (("get", "/api/v1/support-forms"), TaggedList(Obj::Form)),
        (("post", "/api/v1/support-forms"), Staff),
        (("get", "/api/v1/support-forms/{id}"), Scoped(Obj::Form)),
        (("patch", "/api/v1/support-forms/{id}"), Staff),
        (("delete", "/api/v1/support-forms/{id}"), Staff),
        (("get", "/api/v1/public/support-forms"), Public),
        (("get", "/api/v1/support-form-holds"), Staff),
        (("post", "/api/v1/public/support-forms/{id}/submit"), Public),
        (
            ("post", "/api/v1/support-forms/{id}/submit"),
            Scoped(Obj::Form),
        ),
        (("get", "/api/v1/settings/sla"), Staff),
        (("put", "/api/v1/settings/sla"), Admin),
        (("get", "/api/v1/reports/tickets"), Staff),
        (("get", "/api/v1/reports/tickets.csv"), Staff),
        (("get", "/api/v1/projects"), ScopedList),
        (("post", "/api/v1/projects"), Staff),
        (("get", "/api/v1/projects/{id}"), Scoped(Obj::Project)),
        (("patch", "/api/v1/projects/{id}"), Staff),
        (("post", "/api/v1/projects/{id}/phases"), Staff),
        (("patch", "/api/v1/projects/{id}/phases/{phase_id}"), Staff),
        (("delete", "/api/v1/projects/{id}/phases/{phase_id}"), Staff),
        (("get", "/api/v1/tasks"), ScopedList),
        (("post", "/api/v1/tasks"), ScopedCreate),
        (("get", "/api/v1/tasks/{id}"), Scoped(Obj::Task)),
        (("patch", "/api/v1/tasks/{id}"), Scoped(Obj::Task)),
        (("get", "/api/v1/threads"), ScopedList),
        (("post", "/api/v1/threads"), ScopedCreate),
        (("get", "/api/v1/organizations/{id}/payment-link"), Staff),
        (("get", "/api/v1/quotes/{id}/pdf"), Scoped(Obj::Quote)),
        (("get", "/api/v1/quotes.csv"), Staff),
        (("get", "/api/v1/threads/{id}"), Scoped(Obj::Conversation)),
        (("get", "/api/v1/me/notifications"), Own),
        (("put", "/api/v1/me/notifications"), Own),
        (("get", "/api/v1/mail/status"), Admin),
        (("get", "/mail/unsubscribe/{token}"), Public),
        (("post", "/mail/unsubscribe/{token}"), Public),
    ])
}

/// A body that is valid for the operation, so only access decides the answer.
fn body_for(method: &str, path: &str) -> Option<Value> {
    let b = match (method, path) {
        ("post", "/api/v1/auth/login") => {
            json!({"email": "x@example.com", "password": "whatever it is"})
        }
        ("post", "/api/v1/invites/accept") => json!({"code": "nope", "password": "long enough pw"}),
        ("post", "/api/v1/auth/login/totp") => json!({"challenge": "nope", "code": "123456"}),
        ("post", "/api/v1/auth/totp/confirm") => json!({"code": "123456"}),
        ("post", "/api/v1/auth/totp/disable") => json!({"password": "x", "code": "123456"}),
        ("post", "/api/v1/auth/password") => {
            json!({"current_password": "x", "new_password": "long enough pw"})
        }
        ("post", "/api/v1/organizations") => json!({"name": "Matrix Org"}),
        ("post", "/api/v1/invoices") => {
            json!({"organization_id": 1, "currency": "EUR", "due_date": "2026-12-31", "lines": []})
        }
        ("post", "/api/v1/quotes") => {
            json!({"organization_id": 1, "currency": "EUR", "valid_until": "2026-12-31", "lines": []})
        }
        ("patch", "/api/v1/invoices/{id}") | ("patch", "/api/v1/quotes/{id}") => {
            json!({"notes": "outsider"})
        }
        ("post", "/api/v1/invoices/{id}/payments") => json!({"amount": "1", "method": "cash"}),
        ("put", "/api/v1/organizations/{id}/payment-link") => json!({"template": null}),
        ("post", "/api/v1/quotes/{id}/accept") | ("post", "/api/v1/quotes/{id}/decline") => {
            json!({"note": "outsider"})
        }
        ("patch", "/api/v1/organizations/{id}") => json!({"name": "Renamed"}),
        ("post", "/api/v1/organizations/{id}/locations") => json!({"name": "Somewhere"}),
        ("patch", "/api/v1/organizations/{id}/locations/{location_id}") => {
            json!({"name": "Elsewhere"})
        }
        ("patch", "/api/v1/users/{id}") => json!({"name": "Renamed"}),
        ("post", "/api/v1/invites") => {
            json!({"email": "m@example.com", "name": "M", "role": "agent"})
        }
        ("put", "/api/v1/settings/modules") => json!({"disabled": []}),
        ("post", "/api/v1/tickets/bulk-assign") => json!({"ticket_ids": [1], "assignee_id": 2}),
        ("post", "/api/v1/tickets") => {
            json!({"subject": "Matrix", "body": "body", "organization_id": 1, "requester_id": 4})
        }
        ("patch", "/api/v1/tickets/{id}") => json!({"status": "resolved"}),
        ("post", "/api/v1/threads/{id}/messages") => json!({"body": "hello"}),
        ("post", "/api/v1/orders") => {
            // Organisation 1 is A's and ignored; location 3 is B's own (Springfield).
            json!({"title": "Matrix order", "organization_id": 1, "location_id": 3, "values": {"details": "x"}})
        }
        ("patch", "/api/v1/orders/{id}") => json!({"status": "cancelled"}),
        ("post", "/api/v1/orders/{id}/items") | ("put", "/api/v1/orders/{id}/items/{item_id}") => {
            json!({"description": "Matrix item"})
        }
        ("post", "/api/v1/orders/{id}/deliverables") => json!({"attachment_ids": []}),
        ("post", "/api/v1/order-forms") => {
            json!({"organization_id": 1, "definition": {"name": "F", "fields": []}})
        }
        ("put", "/api/v1/order-forms/{id}") => json!({"name": "F", "fields": []}),
        ("post", "/api/v1/shifts") => json!({}),
        ("patch", "/api/v1/shifts/{id}") => json!({"starts_at": "2026-11-26T08:00:00Z"}),
        ("post", "/api/v1/clock") => json!({"action": "in"}),
        ("post", "/api/v1/timesheets") => {
            // Location 1 is A's Berlin HQ.
            json!({"location_id": 1, "starts_at": "2026-11-22T08:00:00Z", "ends_at": "2026-11-22T09:00:00Z"})
        }
        ("patch", "/api/v1/timesheets/{id}") => json!({"note": "outsider"}),
        ("post", "/api/v1/kb/articles") => {
            json!({"title": "Matrix", "body": "b", "visibility": "public"})
        }
        ("patch", "/api/v1/kb/articles/{id}") => json!({"title": "Renamed"}),
        ("post", "/api/v1/support-forms") => {
            json!({"name": "Matrix", "fields": [], "visibility": "clients"})
        }
        ("patch", "/api/v1/support-forms/{id}") => json!({"name": "Renamed"}),
        ("put", "/api/v1/settings/sla") => json!({}),
        ("put", "/api/v1/me/notifications") => json!({"settings": []}),
        ("post", "/api/v1/timesheets/{id}/reject") => json!({"reason": "outsider"}),
        ("post", "/api/v1/projects") => json!({"name": "Matrix project", "organization_id": 1}),
        ("patch", "/api/v1/projects/{id}")
        | ("patch", "/api/v1/projects/{id}/phases/{phase_id}") => {
            json!({"status": "done"})
        }
        ("post", "/api/v1/projects/{id}/phases") => {
            json!({"name": "Matrix phase", "start_date": "2026-12-01", "end_date": "2026-12-02"})
        }
        ("post", "/api/v1/tasks") => json!({"title": "Matrix task", "organization_id": 1}),
        ("patch", "/api/v1/tasks/{id}") => json!({"status": "done"}),
        ("post", "/api/v1/threads") => {
            // Organisation 1 is A's: a client's thread is for their own.
            json!({"subject": "Matrix thread", "body": "matrix thread body", "organization_id": 1})
        }
        (_, p)
            if p.contains("/remove")
                || p.contains("/readmit")
                || p.contains("/end-sessions")
                || p.contains("/view-as")
                || p.contains("/resend-invite")
                || p.contains("/read")
                || p.contains("/submit")
                || p.contains("logout") =>
        {
            json!({})
        }
        _ => return None,
    };
    Some(b)
}

fn method_of(m: &str) -> Method {
    Method::from_bytes(m.to_ascii_uppercase().as_bytes()).unwrap()
}

async fn send(api: &Api, method: &str, path: &str, id: Option<i64>) -> (StatusCode, Vec<u8>) {
    let url = match id {
        Some(id) => path.replace("{id}", &id.to_string()),
        None => path.replace("{id}", "1"),
    }
    .replace("{item_id}", "1")
    .replace("{location_id}", "1")
    .replace("{phase_id}", "1");
    let url = match path {
        "/api/v1/timesheets/export" => format!("{url}?from=2026-11-01&to=2026-11-25"),
        p if p.starts_with("/api/v1/reports/") => format!("{url}?from=2026-11-01&to=2026-11-25"),
        _ => url,
    };
    let mut req = api.request(method_of(method), &url);
    if path == "/api/v1/timesheets/approve" {
        req = req.json(&json!({"ids": [id.unwrap_or(MISSING)]}));
    } else if path == "/api/v1/attachments" && method == "post" {
        let part = reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("m.txt");
        req = req.multipart(reqwest::multipart::Form::new().part("file", part));
    } else if let Some(b) = body_for(method, path) {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    if path == "/api/v1/events" && status.is_success() {
        return (status, Vec::new());
    }
    (status, resp.bytes().await.unwrap().to_vec())
}

/// The ids of a listing: a page's `items`, a timesheet list's `entries`, a
/// bare array, or the first column of a CSV export.
fn item_ids(body: &[u8]) -> Vec<i64> {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        let csv = String::from_utf8_lossy(body);
        return csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().parse().unwrap())
            .collect();
    };
    let rows = match &v {
        Value::Array(rows) => rows,
        _ => v["items"]
            .as_array()
            .or(v["entries"].as_array())
            .unwrap_or_else(|| panic!("not a listing: {v}")),
    };
    rows.iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_keeps_to_its_access_case() {
    // Wednesday 2026-11-25 16:00 UTC: today's demo shifts are under way and
    // this week has entries, so every list has rows of A to leak.
    let server = TestServer::start().await;
    server.state.clock.set(1_795_622_400);
    server.seed_demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let ana = server.demo_login("ana@northwind.example").await; // organisation A
    let carla = server.demo_login("carla@globex.example").await; // organisation B
    let worker = server.demo_login("wendy@workers.example").await;

    // A fresh organisation with one contact and no data yet.
    let (_, fresh_org) = admin
        .post(
            "/api/v1/organizations",
            json!({"name": "Fresh Co", "default_modules":
                ["orders", "order_submit", "tickets", "timesheets", "messages",
                 "projects", "tasks", "invoices", "quotes"]}),
        )
        .await;
    let (_, inv) = admin
        .post("/api/v1/invites", json!({"email": "new@fresh.example", "name": "New", "organization_id": fresh_org["id"], "role": "client"}))
        .await;
    let (_, acc) = server
        .api()
        .post(
            "/api/v1/invites/accept",
            json!({"code": inv["invite_code"], "password": "long enough pw"}),
        )
        .await;
    let fresh = server.api().with_token(acc["token"].as_str().unwrap());

    // Real objects of organisation A.
    let (_, ticket) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": "A's own", "body": "private"}),
        )
        .await;
    let part = reqwest::multipart::Part::bytes(b"secret".to_vec()).file_name("a.txt");
    let att: Value = ana
        .request(Method::POST, "/api/v1/attachments")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let thread = ticket["thread_id"].as_i64().unwrap();
    ana.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "with file", "attachment_ids": [att["id"]]}),
    )
    .await;
    let session = ana.get("/api/v1/auth/sessions").await.1[0]["id"]
        .as_i64()
        .unwrap();
    let a_orders = item_ids(&ana.raw(Method::GET, "/api/v1/orders").await.1);
    // Ben is a Northwind contact limited to Hamburg: an order elsewhere is not his.
    let ben = server.demo_login("ben@northwind.example").await;
    let (_, listed) = ana.get("/api/v1/orders?limit=200").await;
    let berlin_order = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["location"]["name"] != "Hamburg Depot")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert!(!a_orders.is_empty(), "the demo gives Northwind orders");
    // Xena (a worker at A's Berlin HQ) submits Monday's draft: A's entry.
    let xena = server.demo_login("xena@workers.example").await;
    let (_, drafts) = xena.get("/api/v1/timesheets?status=draft").await;
    let entry = drafts["entries"][0]["id"].as_i64().unwrap();
    let (status, _) = xena
        .post(&format!("/api/v1/timesheets/{entry}/submit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    // The demo's platinum-only article: Northwind (A) reads it, nobody else.
    let a_article = ana.get("/api/v1/kb/articles?q=escalation").await.1["items"][0]["id"]
        .as_i64()
        .unwrap();
    // The demo's platinum-only support form.
    let a_form = ana
        .get("/api/v1/support-forms")
        .await
        .1
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Incident report")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // A's Berlin project and its task: not Ben's (Hamburg), nor B's.
    let (_, projects) = ana.get("/api/v1/projects").await;
    let berlin_project = projects["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["location"]["name"] == "Berlin HQ")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (_, tasks) = ana.get("/api/v1/tasks").await;
    let berlin_task = tasks["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["project"]["id"] == berlin_project)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let listed_ids = |path: &'static str| {
        let ana = ana.clone();
        async move {
            let url = match path {
                "/api/v1/timesheets/export" => format!("{path}?from=2026-11-01&to=2026-11-25"),
                _ => path.to_owned(),
            };
            let ids = item_ids(&ana.raw(Method::GET, &url).await.1);
            assert!(!ids.is_empty(), "A has rows on {path}");
            (path, ids)
        }
    };
    let a_invoice = item_ids(&ana.raw(Method::GET, "/api/v1/invoices").await.1)[0];
    let a_quote = item_ids(&ana.raw(Method::GET, "/api/v1/quotes?status=sent").await.1)[0];
    // Each scoped list's rows of organisation A.
    let a_rows = HashMap::from([
        (
            "/api/v1/tickets",
            item_ids(&ana.raw(Method::GET, "/api/v1/tickets").await.1),
        ),
        ("/api/v1/orders", a_orders.clone()),
        listed_ids("/api/v1/shifts").await,
        listed_ids("/api/v1/invoices").await,
        listed_ids("/api/v1/quotes").await,
        listed_ids("/api/v1/timesheets").await,
        listed_ids("/api/v1/timesheets/export").await,
        listed_ids("/api/v1/projects").await,
        listed_ids("/api/v1/tasks").await,
        listed_ids("/api/v1/threads").await,
    ]);
    let a_ids = |o: Obj| match o {
        Obj::Ticket => ticket["id"].as_i64().unwrap(),
        Obj::Thread => thread,
        Obj::Attachment => att["id"].as_i64().unwrap(),
        Obj::Session => session,
        Obj::Order => a_orders[0],
        Obj::Entry => entry,
        Obj::Article => a_article,
        Obj::Form => a_form,
        Obj::Invoice => a_invoice,
        Obj::Quote => a_quote,
        Obj::Project => berlin_project,
        Obj::Task => berlin_task,
        Obj::Conversation => a_rows["/api/v1/threads"][0],
    };
    // Exports are audited too, but an export of what one may read is no change.
    let changes_sql = "SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'export.%'";
    let before_changes = server.query_i64(changes_sql);

    let (_, doc) = server.api().get("/api/v1/openapi.json").await;
    let cases = cases();
    let mut tried = 0;
    let anon = server.api();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let case = *cases
                .get(&(method.as_str(), path.as_str()))
                .unwrap_or_else(|| {
                    panic!("no access case for {method} {path}: add one to access_matrix.rs")
                });
            let who = format!("{method} {path}");

            // 1. Without a token.
            if !matches!(case, Case::Public | Case::OpenList | Case::Open(_)) {
                let (status, _) = send(&anon, method, path, Some(MISSING)).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {who}");
                tried += 1;
            }
            match case {
                Case::Staff | Case::Admin => {
                    for (name, api) in [
                        ("client", &carla),
                        ("worker", &worker),
                        ("fresh client", &fresh),
                    ] {
                        for id in [Some(1), Some(MISSING)] {
                            let (status, body) = send(api, method, path, id).await;
                            assert_eq!(
                                status,
                                StatusCode::FORBIDDEN,
                                "{name} on {who}: {}",
                                String::from_utf8_lossy(&body)
                            );
                            tried += 1;
                        }
                    }
                }
                Case::Scoped(obj) => {
                    for (name, api) in [("client of B", &carla), ("fresh client", &fresh)] {
                        let real = send(api, method, path, Some(a_ids(obj))).await;
                        let missing = send(api, method, path, Some(MISSING)).await;
                        assert_eq!(real.0, StatusCode::NOT_FOUND, "{name} on {who} with A's id");
                        assert_eq!(
                            real, missing,
                            "{name} on {who}: A's id must look exactly missing"
                        );
                        tried += 2;
                    }
                    let in_berlin = match obj {
                        Obj::Order => Some(berlin_order),
                        Obj::Entry => Some(entry),
                        Obj::Project => Some(berlin_project),
                        Obj::Task => Some(berlin_task),
                        _ => None,
                    };
                    if let Some(berlin) = in_berlin {
                        let real = send(&ben, method, path, Some(berlin)).await;
                        let missing = send(&ben, method, path, Some(MISSING)).await;
                        assert_eq!(
                            real.0,
                            StatusCode::NOT_FOUND,
                            "location-limited contact on {who}"
                        );
                        assert_eq!(real, missing, "location-limited contact on {who}");
                        tried += 2;
                    }
                    if obj != Obj::Session {
                        let (status, _) = send(&worker, method, path, Some(a_ids(obj))).await;
                        assert!(
                            matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                            "worker on {who}: {status}"
                        );
                        tried += 1;
                    }
                }
                Case::ScopedList => {
                    let a_list = &a_rows[path.as_str()];
                    let (_, b) = send(&carla, method, path, None).await;
                    assert!(
                        item_ids(&b).iter().all(|id| !a_list.contains(id)),
                        "client of B sees A's rows on {who}"
                    );
                    let (_, f) = send(&fresh, method, path, None).await;
                    assert_eq!(
                        item_ids(&f),
                        Vec::<i64>::new(),
                        "fresh organisation sees rows on {who}"
                    );
                    tried += 2;
                }
                Case::ScopedCreate => {
                    // Organisation and requester in the body are ignored, never obeyed.
                    let (status, body) = send(&carla, method, path, None).await;
                    assert_eq!(
                        status,
                        StatusCode::CREATED,
                        "{who}: {}",
                        String::from_utf8_lossy(&body)
                    );
                    let v: Value = serde_json::from_slice(&body).unwrap();
                    match path.as_str() {
                        "/api/v1/tickets" => {
                            assert_eq!(v["organization"]["name"], "Globex Corporation");
                            assert_eq!(v["requester"]["name"], "Carla Diaz");
                        }
                        "/api/v1/orders" => {
                            assert_eq!(
                                v["order"]["organization"]["name"], "Globex Corporation",
                                "{v}"
                            )
                        }
                        "/api/v1/threads" | "/api/v1/tasks" => {
                            assert_eq!(v["organization"]["name"], "Globex Corporation", "{v}")
                        }
                        _ => {}
                    }
                    tried += 1;
                }
                Case::Worker(obj) => {
                    for (name, api) in [
                        ("client", &carla),
                        ("staff", &admin),
                        ("fresh client", &fresh),
                    ] {
                        let (status, body) = send(api, method, path, Some(MISSING)).await;
                        assert_eq!(
                            status,
                            StatusCode::FORBIDDEN,
                            "{name} on {who}: {}",
                            String::from_utf8_lossy(&body)
                        );
                        tried += 1;
                    }
                    if let Some(obj) = obj {
                        let real = send(&worker, method, path, Some(a_ids(obj))).await;
                        let missing = send(&worker, method, path, Some(MISSING)).await;
                        assert_eq!(real.0, StatusCode::NOT_FOUND, "another worker on {who}");
                        assert_eq!(real, missing, "another worker on {who}");
                        tried += 2;
                    }
                }
                Case::OpenList => {
                    for (name, api) in [
                        ("anonymous", &anon),
                        ("client of B", &carla),
                        ("fresh client", &fresh),
                    ] {
                        let (status, body) = send(api, method, path, None).await;
                        let ids = if status == StatusCode::OK {
                            item_ids(&body)
                        } else {
                            Vec::new()
                        };
                        assert!(
                            matches!(status, StatusCode::OK | StatusCode::FORBIDDEN),
                            "{name} on {who}: {status}"
                        );
                        assert!(
                            !ids.contains(&a_article),
                            "{name} sees A's article on {who}"
                        );
                        tried += 1;
                    }
                }
                Case::TaggedList(obj) => {
                    for (name, api) in [("client of B", &carla), ("fresh client", &fresh)] {
                        let (status, body) = send(api, method, path, None).await;
                        assert_eq!(status, StatusCode::OK, "{name} on {who}");
                        assert!(
                            !item_ids(&body).contains(&a_ids(obj)),
                            "{name} sees A's on {who}"
                        );
                        tried += 1;
                    }
                }
                Case::Open(obj) => {
                    for (name, api) in [
                        ("anonymous", &anon),
                        ("client of B", &carla),
                        ("fresh client", &fresh),
                        ("worker", &worker),
                    ] {
                        let real = send(api, method, path, Some(a_ids(obj))).await;
                        let missing = send(api, method, path, Some(MISSING)).await;
                        assert!(
                            matches!(real.0, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                            "{name} on {who} with A's id: {}",
                            real.0
                        );
                        assert_eq!(
                            real, missing,
                            "{name} on {who}: A's id must look exactly missing"
                        );
                        tried += 2;
                    }
                }
                Case::Public | Case::Own => {}
            }
        }
    }
    // Naming A's location does not place an order there.
    let r = carla
        .post(
            "/api/v1/orders",
            json!({"title": "Sneaky", "location_id": 1, "values": {"details": "x"}}),
        )
        .await;
    assert!(r.0.is_client_error(), "{}", r.1);
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM orders WHERE title = 'Sneaky'"),
        0
    );
    // Nothing an outsider tried changed A's data or anyone's settings.
    assert_eq!(
        ana.get(&format!("/api/v1/tickets/{}", a_ids(Obj::Ticket)))
            .await
            .1["status"],
        "new"
    );
    assert_eq!(
        ana.get("/api/v1/me").await.0,
        StatusCode::OK,
        "A's session survived"
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM messages WHERE body = 'hello'"),
        0
    );
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM organizations WHERE name IN ('Matrix Org', 'Renamed')"
        ),
        0
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM kb_articles WHERE title IN ('Matrix', 'Renamed') OR deleted_at IS NOT NULL"),
        0
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM support_forms WHERE name IN ('Matrix', 'Renamed')"),
        0
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM tickets WHERE source = 'form'"),
        0
    );
    let (_, task) = ana.get(&format!("/api/v1/tasks/{berlin_task}")).await;
    assert_eq!(task["status"], "open", "outsiders did not finish A's task");
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM phase_history WHERE phase_name = 'Matrix phase'")
            + server.query_i64("SELECT COUNT(*) FROM projects WHERE status = 'done'"),
        0
    );
    let (_, seen) = xena.get(&format!("/api/v1/timesheets/{entry}")).await;
    assert_eq!(
        (seen["status"].as_str(), seen["note"].as_str()),
        (Some("submitted"), Some(""))
    );
    let changes = server.query_i64(changes_sql) - before_changes;
    assert_eq!(changes, 0, "audited changes were made by outsiders");
    println!("access matrix: {tried} requests tried, 0 failures");
}

/// Fields a client must not set are refused or ignored.
#[tokio::test]
async fn clients_cannot_set_staff_fields() {
    let server = TestServer::demo().await;
    let ana = server.demo_login("ana@northwind.example").await;
    let sam_id = server
        .demo_login("sam@portico.example")
        .await
        .get("/api/v1/me")
        .await
        .1["user"]["id"]
        .clone();
    let (_, t) = ana.post("/api/v1/tickets", json!({"subject": "s", "body": "b", "assignee_id": sam_id, "status": "closed", "tags": ["vip"]})).await;
    assert_eq!(
        (t["status"].as_str(), t["assignee"].is_null()),
        (Some("new"), true)
    );
    let id = t["id"].as_i64().unwrap();
    for patch in [
        json!({"assignee_id": sam_id}),
        json!({"tags": ["vip"]}),
        json!({"team": "x"}),
        json!({"deadline": "2030-01-01T00:00:00Z"}),
        json!({"priority": "urgent"}),
    ] {
        let (status, _) = ana
            .patch(&format!("/api/v1/tickets/{id}"), patch.clone())
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{patch}");
    }
    let thread = t["thread_id"].as_i64().unwrap();
    let (status, _) = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "x", "internal": true}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, m) = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "x", "author_id": sam_id}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(m["author"]["name"], "Ana Lima");
    let me = ana.get("/api/v1/me").await.1;
    assert_eq!(me["user"]["role"], "client");
}
