//! Sessions (OWASP ASVS V3), disk full, hostile attachment names and quotas.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use portico_tests::{Api, TestServer, assert_error};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ANA: &str = "ana@northwind.example";
const CARLA: &str = "carla@globex.example";
const SAM: &str = "sam@portico.example";

#[tokio::test]
async fn list_and_end_my_sessions_and_change_my_password() {
    let server = TestServer::demo().await;
    let laptop = server.demo_login(ANA).await;
    let phone = server.demo_login(ANA).await;
    let tablet = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;

    let (status, list) = laptop.get("/api/v1/auth/sessions").await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let phone_id = phone
        .get("/api/v1/auth/sessions")
        .await
        .1
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap()["id"]
        .clone();

    // Another person's session is not mine to end, and looks missing.
    let (other, body) = carla
        .raw(Method::DELETE, &format!("/api/v1/auth/sessions/{phone_id}"))
        .await;
    let (_, missing) = carla
        .raw(Method::DELETE, "/api/v1/auth/sessions/999999")
        .await;
    assert_eq!((other, &body), (StatusCode::NOT_FOUND, &missing));
    assert_eq!(phone.get("/api/v1/me").await.0, StatusCode::OK);

    let (status, _) = laptop
        .call(
            Method::DELETE,
            &format!("/api/v1/auth/sessions/{phone_id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(phone.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);

    // A password change needs the current password and ends every other session.
    let r = laptop
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "wrong one!!", "new_password": "a brand new secret"}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let r = laptop
        .post(
            "/api/v1/auth/password",
            json!({"current_password": portico_tests::DEMO_PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "new_password");
    let (status, _) = laptop
        .post("/api/v1/auth/password", json!({"current_password": portico_tests::DEMO_PASSWORD, "new_password": "a brand new secret"}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(laptop.get("/api/v1/me").await.0, StatusCode::OK);
    assert_eq!(tablet.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    let r = server
        .api()
        .post(
            "/api/v1/auth/login",
            json!({"email": ANA, "password": portico_tests::DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(r.0, StatusCode::UNAUTHORIZED);
    server.login(ANA, "a brand new secret").await;
}

#[tokio::test]
async fn tokens_work_only_in_the_authorization_header() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let token = ana.token.clone().unwrap();
    let anon = server.api();
    for path in [
        format!("/api/v1/me?token={token}"),
        format!("/api/v1/me?access_token={token}"),
    ] {
        assert_error(
            &anon.get(&path).await,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        );
    }
    let resp = anon
        .request(Method::GET, "/api/v1/me")
        .header("authorization", format!("Basic {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_full_disk_answers_507_corrupts_nothing_and_recovers() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let (_, t) = ana
        .post("/api/v1/tickets", json!({"subject": "Fill", "body": "up"}))
        .await;
    let thread = t["thread_id"].as_i64().unwrap();
    let pages = server.query_i64("PRAGMA page_count");
    server.state.db.set_max_page_count(pages).await.unwrap();

    let body = "x".repeat(8_000);
    let mut full = None;
    let mut accepted = 0;
    for _ in 0..500 {
        let r = ana
            .post(
                &format!("/api/v1/threads/{thread}/messages"),
                json!({"body": body}),
            )
            .await;
        if r.0 == StatusCode::CREATED {
            accepted += 1;
            continue;
        }
        full = Some(r);
        break;
    }
    let full = full.expect("the capped database never filled");
    assert_error(&full, StatusCode::INSUFFICIENT_STORAGE, "storage_full");
    // Reads still work, and everything acknowledged is there.
    assert_eq!(
        ana.get(&format!("/api/v1/tickets/{}", t["id"])).await.1["message_count"],
        accepted
    );
    let c = rusqlite::Connection::open(server.db_path()).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM messages WHERE thread_id = {thread}"
        )),
        accepted
    );

    // Space returns: writes work again.
    server.state.db.set_max_page_count(1 << 30).await.unwrap();
    let r = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "room again"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
}

/// Forty hostile names: none escapes, every stored name is plain and bounded.
#[tokio::test]
async fn hostile_file_names_are_neutralised() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let long = "a".repeat(5000);
    let names: Vec<String> = [
        "../../../../etc/passwd",
        "..\\..\\windows\\system32\\config\\sam",
        "/etc/shadow",
        "C:\\boot.ini",
        "\\\\server\\share\\x",
        "file\0.txt",
        "report\u{202e}fdp.exe",
        "\u{202d}x.pdf",
        "\u{2066}evil\u{2069}.sh",
        ".htaccess",
        "..",
        ".",
        "...",
        "~/.ssh/id_rsa",
        "%2e%2e%2fetc%2fpasswd",
        "..%c0%afetc",
        "a/../../b",
        "con",
        "nul.txt",
        "aux",
        "com1.txt",
        "name with spaces.txt",
        "tab\there.txt",
        "new\nline.txt",
        "quote\".txt",
        "semi;colon.txt",
        "back`tick`.txt",
        "$(rm -rf).sh",
        "<script>alert(1)</script>.html",
        "\u{1b}[2Jclear.txt",
        "\u{1b}]0;title\u{7}.txt",
        "\u{9b}31m.txt",
        "zero\u{200b}width.txt",
        "emoji😀.png",
        "日本語.txt",
        "trailing.dot.",
        "trailing space ",
        "-rf",
        "*.*",
        &long,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    assert!(names.len() >= 40);
    let mut refused = 0;
    let before = server.query_i64("SELECT COUNT(*) FROM attachments");
    for name in &names {
        let part = reqwest::multipart::Part::bytes(b"data".to_vec()).file_name(name.clone());
        let form = reqwest::multipart::Form::new().part("file", part);
        let resp = ana
            .request(Method::POST, "/api/v1/attachments")
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let att: Value = resp.json().await.unwrap();
        if status == StatusCode::BAD_REQUEST {
            // A name with control characters breaks the multipart header itself: refused whole.
            assert_eq!(att["error"]["code"], "bad_request", "{name:?}");
            assert!(name.chars().any(char::is_control), "{name:?} refused");
            refused += 1;
            continue;
        }
        assert_eq!(status, StatusCode::CREATED, "{name:?}");
        let stored = att["file_name"].as_str().unwrap();
        assert!(
            !stored.is_empty() && stored.len() <= 100,
            "{name:?} → {stored:?}"
        );
        assert!(!stored.starts_with('.'), "{name:?} → {stored:?}");
        assert!(
            stored
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{name:?} → {stored:?}"
        );
        let resp = ana
            .request(Method::GET, &format!("/api/v1/attachments/{}", att["id"]))
            .send()
            .await
            .unwrap();
        let disposition = resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(disposition, format!("attachment; filename=\"{stored}\""));
    }
    let stored = server.query_i64("SELECT COUNT(*) FROM attachments");
    assert_eq!((stored - before) as usize, names.len() - refused);
    // Nothing was written outside the database: the data directory holds only
    // it and the upload spool, which is empty again.
    let mut files: Vec<String> = std::fs::read_dir(server.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert!(
        files
            .iter()
            .all(|f| f.starts_with("portico.db") || f == "spool"),
        "{files:?}"
    );
    let spooled = std::fs::read_dir(server.state.config.spool_dir())
        .unwrap()
        .count();
    assert_eq!(spooled, 0);
}

#[tokio::test]
async fn each_organisation_has_an_attachment_quota() {
    let server = TestServer::start_with(|c| c.attachment_quota_bytes = 10_000).await;
    server.seed_demo().await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let sam = server.demo_login(SAM).await;
    let upload = |api: Api, size: usize| async move {
        let part = reqwest::multipart::Part::bytes(vec![7u8; size]).file_name("f.bin");
        let form = reqwest::multipart::Form::new().part("file", part);
        let resp = api
            .request(Method::POST, "/api/v1/attachments")
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json::<Value>().await.unwrap())
    };
    assert_eq!(upload(ana.clone(), 6_000).await.0, StatusCode::CREATED);
    let r = upload(ana.clone(), 6_000).await;
    assert_error(&r, StatusCode::PAYLOAD_TOO_LARGE, "quota_exceeded");
    // Another organisation's quota, and staff, are untouched.
    assert_eq!(upload(carla, 6_000).await.0, StatusCode::CREATED);
    assert_eq!(upload(sam, 6_000).await.0, StatusCode::CREATED);
    assert_eq!(upload(ana, 4_000).await.0, StatusCode::CREATED);
}

/// Beyond `max_in_flight` the server refuses at once with a JSON 503, and
/// event streams have their own bound.
#[tokio::test]
async fn overload_is_refused_quickly_and_streams_are_bounded() {
    let server = TestServer::start_with(|c| c.max_event_streams = 1).await;
    server.seed_demo().await;
    let ana = server.demo_login(ANA).await;

    // Every request slot taken (as by a flood of slow requests).
    let permits = server.state.config.max_in_flight as u32;
    let held = server
        .state
        .in_flight
        .clone()
        .acquire_many_owned(permits)
        .await
        .unwrap();
    let started = Instant::now();
    let r = ana.get("/api/v1/me").await;
    assert_error(&r, StatusCode::SERVICE_UNAVAILABLE, "busy");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "refusal took {:?}",
        started.elapsed()
    );
    drop(held);
    assert_eq!(ana.get("/api/v1/me").await.0, StatusCode::OK);

    // One stream allowed: the second is refused until the first closes.
    let first = portico_tests::EventReader::open(&ana, None).await;
    let second = ana
        .request(Method::GET, "/api/v1/events")
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::SERVICE_UNAVAILABLE);
    drop(first);
    let mut reopened = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..100 {
        reopened = ana
            .request(Method::GET, "/api/v1/events")
            .send()
            .await
            .unwrap()
            .status();
        if reopened == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(reopened, StatusCode::OK);
}

/// Ending a session ends its live stream too: removal, sign-out, or the
/// organisation's portal being switched off.
#[tokio::test]
async fn open_event_streams_end_with_their_session() {
    let server = TestServer::demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let ana = server.demo_login(ANA).await;
    let carla = server.demo_login(CARLA).await;
    let sam = server.demo_login(SAM).await;
    let wait = Duration::from_secs(5);

    // Removal: Ana's stream ends.
    let mut ana_stream = portico_tests::EventReader::open(&ana, None).await;
    let mut carla_stream = portico_tests::EventReader::open(&carla, None).await;
    let ana_id = ana.get("/api/v1/me").await.1["user"]["id"]
        .as_i64()
        .unwrap();
    admin
        .post(&format!("/api/v1/users/{ana_id}/remove"), json!({}))
        .await;
    assert!(
        ana_stream.ends_within(wait).await,
        "a removed person's stream ended"
    );

    // Others' streams carry on: Carla still hears about her organisation.
    let globex_ticket = carla.get("/api/v1/tickets").await.1["items"][0]["id"]
        .as_i64()
        .unwrap();
    sam.patch(
        &format!("/api/v1/tickets/{globex_ticket}"),
        json!({"priority": "high"}),
    )
    .await;
    let ev = carla_stream
        .next(wait)
        .await
        .expect("Carla's stream lives on");
    assert_eq!(ev.kind, "ticket.updated");

    // The portal switched off for Globex ends Carla's stream.
    admin
        .patch("/api/v1/organizations/2", json!({"portal_access": "off"}))
        .await;
    assert!(
        carla_stream.ends_within(wait).await,
        "portal off ended the stream"
    );

    // Signing out ends my own stream.
    let mut sam_stream = portico_tests::EventReader::open(&sam, None).await;
    sam.call(Method::POST, "/api/v1/auth/logout", None).await;
    assert!(
        sam_stream.ends_within(wait).await,
        "signed-out stream ended"
    );
}
