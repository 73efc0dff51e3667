//! View as contact over HTTP: a staff member's read-only session of a
//! client contact answers every list exactly as the contact's own session
//! does, refuses every change, is audited, and is hidden from the contact's
//! own list of sessions.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::{Api, TestServer, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

const ANA: &str = "ana@northwind.example";
const SAM: &str = "sam@portico.example";

/// Every list a client reads, with the filters the app uses.
const LISTS: &[&str] = &[
    "/api/v1/tickets",
    "/api/v1/tickets?tab=closed",
    "/api/v1/tickets?sort=updated",
    "/api/v1/orders",
    "/api/v1/order-forms/effective",
    "/api/v1/shifts",
    "/api/v1/timesheets",
    "/api/v1/projects",
    "/api/v1/tasks",
    "/api/v1/threads",
    "/api/v1/invoices",
    "/api/v1/quotes",
    "/api/v1/kb/articles",
    "/api/v1/support-forms",
];

async fn user_id(staff: &Api, email: &str) -> i64 {
    let (status, page) = staff.get(&format!("/api/v1/users?email={email}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"][0]["id"].as_i64().unwrap()
}

/// Sam opens a view of Ana; answers the view's token.
async fn view_of_ana(server: &TestServer) -> (Api, i64) {
    let sam = server.demo_login(SAM).await;
    let ana_id = user_id(&sam, ANA).await;
    let (status, body) = sam
        .post(&format!("/api/v1/users/{ana_id}/view-as"), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["user"]["email"], ANA);
    (sam.with_token(body["token"].as_str().unwrap()), ana_id)
}

fn without(mut v: Value, key: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
    v
}

#[tokio::test]
async fn a_view_answers_every_list_exactly_as_the_contact_sees_it() {
    let server = TestServer::demo().await;
    // Answers computed from the time (overdue, SLA time left) must not
    // tick between the two reads.
    server.state.clock.set(server.state.clock.now());
    let ana = server.demo_login(ANA).await;
    let (view, _) = view_of_ana(&server).await;
    for path in LISTS {
        let own = ana.get(path).await;
        let seen = view.get(path).await;
        assert_eq!(own.0, StatusCode::OK, "{path}: {}", own.1);
        assert_eq!(seen.0, own.0, "{path}: {}", seen.1);
        assert_eq!(seen.1, own.1, "{path}: the view differs from Ana's own");
    }
    // One ticket of hers, and its thread, read the same too.
    let (_, tickets) = ana.get("/api/v1/tickets").await;
    let ticket = tickets["items"][0].clone();
    let id = ticket["id"].as_i64().unwrap();
    let thread = ticket["thread_id"].as_i64().unwrap();
    for path in [
        format!("/api/v1/tickets/{id}"),
        format!("/api/v1/threads/{thread}/messages"),
    ] {
        assert_eq!(view.get(&path).await, ana.get(&path).await, "{path}");
    }
    // `/me` is hers, and names who is looking.
    let (_, own) = ana.get("/api/v1/me").await;
    let (status, seen) = view.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["viewed_by"]["name"], "Sam Agent", "{seen}");
    assert!(own.get("viewed_by").is_none(), "{own}");
    assert_eq!(without(seen, "viewed_by"), own);
}

#[tokio::test]
async fn a_view_changes_nothing_and_is_audited() {
    let server = TestServer::demo().await;
    let (view, ana_id) = view_of_ana(&server).await;
    let (_, tickets) = view.get("/api/v1/tickets").await;
    let ticket = &tickets["items"][0];
    let (id, thread) = (
        ticket["id"].as_i64().unwrap(),
        ticket["thread_id"].as_i64().unwrap(),
    );
    let counts = |s: &TestServer| {
        (
            s.query_i64("SELECT COUNT(*) FROM tickets"),
            s.query_i64("SELECT COUNT(*) FROM messages"),
            s.query_i64("SELECT COUNT(*) FROM orders"),
            s.query_i64("SELECT COUNT(*) FROM thread_reads"),
        )
    };
    let before = counts(&server);
    let writes: Vec<(reqwest::Method, String, Value)> = vec![
        (
            reqwest::Method::POST,
            "/api/v1/tickets".into(),
            json!({"subject": "x", "body": "y"}),
        ),
        (
            reqwest::Method::PATCH,
            format!("/api/v1/tickets/{id}"),
            json!({"status": "resolved"}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "hi"}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/threads/{thread}/read"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/auth/totp/enroll".into(),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/auth/password".into(),
            json!({"current": "x", "new": "y"}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/threads".into(),
            json!({"subject": "s", "body": "b"}),
        ),
    ];
    for (method, path, body) in writes {
        let resp = view
            .request(method.clone(), &path)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        assert_error(&(status, body), StatusCode::FORBIDDEN, "forbidden");
        let _ = (method, path);
    }
    assert_eq!(counts(&server), before, "nothing changed");
    // Sam's opening is in the audit log, naming Ana.
    let admin = server.demo_login("admin@portico.example").await;
    let (_, audit) = admin.get("/api/v1/audit?action=user.view_as").await;
    let entry = &audit["items"][0];
    assert_eq!(entry["target"], format!("user:{ana_id}"), "{audit}");
    assert_eq!(entry["actor_email"], SAM, "{audit}");
    // Ana's own list of devices does not show Sam's view.
    let ana = server.demo_login(ANA).await;
    let (_, sessions) = ana.get("/api/v1/auth/sessions").await;
    assert_eq!(sessions.as_array().unwrap().len(), 1, "{sessions}");
    // Leaving the view ends it.
    let (status, _) = view.post("/api/v1/auth/logout", json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        view.get("/api/v1/tickets").await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn only_staff_open_a_view_and_only_of_an_active_client() {
    let server = TestServer::demo().await;
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    let carla = user_id(&sam, "carla@globex.example").await;
    // A client may not look through anybody's eyes, not even a colleague's.
    assert_error(
        &ana.post(&format!("/api/v1/users/{carla}/view-as"), json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let admin = user_id(&sam, "admin@portico.example").await;
    assert_error(
        &sam.post(&format!("/api/v1/users/{admin}/view-as"), json!({}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert_error(
        &sam.post("/api/v1/users/999999/view-as", json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn the_cli_runs_a_command_as_the_contact_and_changes_nothing() {
    let server = TestServer::demo().await;
    server.state.clock.set(server.state.clock.now());
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let sam = Cli::new(&server.base);
    sam.login(SAM).await;
    let own = ana.run(&["tickets", "list", "--json"], "").await;
    assert_ok(&own);
    let seen = sam
        .run(&["view-as", ANA, "tickets", "list", "--json"], "")
        .await;
    assert_ok(&seen);
    assert_eq!(stdout(&seen), stdout(&own), "the same tickets as Ana's own");
    let staff_view = sam.run(&["tickets", "list", "--json"], "").await;
    assert_ne!(stdout(&staff_view), stdout(&own), "Sam's own list is wider");
    let before = server.query_i64("SELECT COUNT(*) FROM tickets");
    let body = server.db_path().with_file_name("body.txt");
    std::fs::write(&body, "Please help.").unwrap();
    let body = body.to_str().unwrap();
    let new = [
        "view-as",
        ANA,
        "tickets",
        "new",
        "--subject",
        "s",
        "--body-file",
        body,
    ];
    let out = sam.run(&new, "").await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM tickets"), before);
    // Each use opened a view, and each view was ended after its command.
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM sessions WHERE viewed_by IS NOT NULL AND revoked_at IS NOT NULL"
        ),
        2
    );
}
