//! Hostile traffic from outside, over HTTP against the real server: floods
//! of sign-ins, guessing under concurrency, forged forwarding headers, idle
//! sockets, stream hoarding, large uploads, and what staff-only changes tell
//! a client. Memory is read from the server process's own accounting.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::future::join_all;
use portico_tests::{Api, DEMO_PASSWORD, EventReader, TestServer, assert_error, free_port};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ANA: &str = "ana@northwind.example";
const BEN: &str = "ben@northwind.example";
const SAM: &str = "sam@portico.example";

fn login_body(email: &str, password: &str) -> Value {
    json!({"email": email, "password": password})
}

/// Sends `n` sign-ins at once; answers their statuses.
async fn concurrent_logins(
    api: &Api,
    n: usize,
    body: Value,
    forwarded: Option<&str>,
) -> Vec<StatusCode> {
    let calls = (0..n).map(|_| {
        let mut req = api.request(Method::POST, "/api/v1/auth/login").json(&body);
        if let Some(f) = forwarded {
            req = req.header("x-forwarded-for", f);
        }
        async move { req.send().await.unwrap().status() }
    });
    join_all(calls).await
}

/// One sign-in, optionally claiming to come from `forwarded`.
async fn sign_in(api: &Api, email: &str, password: &str, forwarded: Option<&str>) -> StatusCode {
    concurrent_logins(api, 1, login_body(email, password), forwarded).await[0]
}

fn count(statuses: &[StatusCode], s: StatusCode) -> usize {
    statuses.iter().filter(|x| **x == s).count()
}

async fn throttled_demo(tweak: impl FnOnce(&mut portico_server::Config)) -> TestServer {
    let server = TestServer::start_with(|c| {
        c.login_throttle.enabled = true;
        tweak(c);
    })
    .await;
    server.seed_demo().await;
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_wrong_passwords_are_evaluated_at_most_the_limit() {
    let server = throttled_demo(|_| {}).await;
    let statuses =
        concurrent_logins(&server.api(), 40, login_body(ANA, "wrong password!"), None).await;
    let evaluated = count(&statuses, StatusCode::UNAUTHORIZED);
    assert!(evaluated <= 6, "{evaluated} of 40 evaluated: {statuses:?}");
    assert!(evaluated >= 1);
    // Every other answer is a refusal, never a success or an error.
    assert!(statuses.iter().all(|s| {
        [
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SERVICE_UNAVAILABLE,
        ]
        .contains(s)
    }));
    let failures =
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'");
    assert_eq!(failures as usize, evaluated);
}

#[tokio::test]
async fn a_forged_forwarded_for_from_an_untrusted_peer_changes_nothing() {
    let server = throttled_demo(|_| {}).await;
    let api = server.api();
    for i in 0..5 {
        let forged = format!("203.0.113.{i}");
        let s = sign_in(&api, ANA, "wrong password!", Some(&forged)).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    // A new forged address does not make a new client: still the same peer.
    let s = sign_in(&api, ANA, DEMO_PASSWORD, Some("198.51.100.7")).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    let logged: i64 = server.query_i64(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed' AND ip = '127.0.0.1'",
    );
    assert_eq!(logged, 5);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_owner_signs_in_while_the_attacker_stays_out() {
    let server = throttled_demo(|c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let api = server.api();
    let attacker = Some("203.0.113.66");
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(sign_in(&api, ANA, "wrong password!", attacker).await);
    }
    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED),
        5,
        "{statuses:?}"
    );
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 5);
    // The attacker's address stays refused even with the right password...
    let s = sign_in(&api, ANA, DEMO_PASSWORD, attacker).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // ...while the owner, from elsewhere, gets in.
    let s = sign_in(&api, ANA, DEMO_PASSWORD, Some("198.51.100.20")).await;
    assert_eq!(s, StatusCode::OK);
    // The audit log names the real client, not the proxy.
    let logged = server.query_i64(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed' AND ip = '203.0.113.66'",
    );
    assert_eq!(logged, 5);
}

#[tokio::test]
async fn wrong_current_passwords_are_throttled() {
    let server = throttled_demo(|_| {}).await;
    let ana = server.demo_login(ANA).await;
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let (s, _) = ana
            .post(
                "/api/v1/auth/password",
                json!({"current_password": "not my password", "new_password": "a brand new password"}),
            )
            .await;
        statuses.push(s);
    }
    assert_eq!(
        count(&statuses, StatusCode::UNPROCESSABLE_ENTITY),
        5,
        "{statuses:?}"
    );
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 15);
    // Even the right one waits now: guessing bought nothing.
    let (s, _) = ana
        .post(
            "/api/v1/auth/password",
            json!({"current_password": DEMO_PASSWORD, "new_password": "a brand new password"}),
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn bogus_invite_codes_are_throttled_per_address() {
    let server = throttled_demo(|_| {}).await;
    let api = server.api();
    let mut statuses = Vec::new();
    for i in 0..8 {
        let (s, _) = api
            .post(
                "/api/v1/invites/accept",
                json!({"code": format!("{i:064x}"), "password": "a long enough password"}),
            )
            .await;
        statuses.push(s);
    }
    assert_eq!(count(&statuses, StatusCode::BAD_REQUEST), 5, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sign_in_flood_is_refused_quickly_and_health_stays_up() {
    // Throttling off, as attackers with many addresses would make it.
    let server = TestServer::demo().await;
    let api = server.api();
    let flood = concurrent_logins(
        &api,
        300,
        login_body("nobody@example.com", "wrong password!"),
        None,
    );
    let health = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let (s, body) = api.raw(Method::GET, "/healthz").await;
        (s, body)
    };
    let (statuses, (health, body)) = tokio::join!(flood, health);
    assert_eq!(
        (health, body.as_slice()),
        (StatusCode::OK, b"ok".as_slice())
    );
    let busy = count(&statuses, StatusCode::SERVICE_UNAVAILABLE);
    assert!(busy > 0, "no sign-in was refused: {statuses:?}");
    assert_eq!(busy + count(&statuses, StatusCode::UNAUTHORIZED), 300);
    // A refusal says when to come back.
    let mut refused = None;
    for _ in 0..20 {
        let calls = (0..40).map(|_| {
            api.request(Method::POST, "/api/v1/auth/login")
                .json(&login_body("nobody@example.com", "wrong password!"))
                .send()
        });
        refused = join_all(calls)
            .await
            .into_iter()
            .map(Result::unwrap)
            .find(|r| r.status() == StatusCode::SERVICE_UNAVAILABLE);
        if refused.is_some() {
            break;
        }
    }
    let resp = refused.expect("some of 20 bursts of 40 sign-ins were refused");
    assert_eq!(resp.headers()["retry-after"], "1");
}

#[tokio::test]
async fn over_long_fields_are_refused_and_declared() {
    let server = TestServer::demo().await;
    let api = server.api();
    let long = format!("{}@example.com", "a".repeat(300));
    let r = api
        .post("/api/v1/auth/login", login_body(&long, "whatever it is"))
        .await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
    let admin = server.demo_login("admin@portico.example").await;
    let r = admin
        .post(
            "/api/v1/invites",
            json!({"email": long, "name": "Long", "role": "agent"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.1);
    let (_, doc) = api.get("/api/v1/openapi.json").await;
    let schema =
        |name: &str, field: &str| doc["components"]["schemas"][name]["properties"][field].clone();
    use portico_shared::validate;
    let limits = [
        ("LoginRequest", "email", validate::MAX_EMAIL_BYTES),
        ("LoginRequest", "password", validate::MAX_PASSWORD_BYTES),
        ("AcceptInviteRequest", "code", validate::MAX_CODE_CHARS),
        ("AcceptInviteRequest", "email", validate::MAX_EMAIL_BYTES),
        ("InviteRequest", "email", validate::MAX_EMAIL_BYTES),
        ("InviteRequest", "name", validate::MAX_NAME_CHARS),
        ("NewTicket", "subject", validate::MAX_NAME_CHARS),
        ("NewTicket", "body", validate::MAX_BODY_CHARS),
        ("NewMessage", "body", validate::MAX_BODY_CHARS),
        ("NewOrganization", "name", validate::MAX_NAME_CHARS),
        ("NewLocation", "address", validate::MAX_ADDRESS_CHARS),
        ("NewOrder", "title", validate::MAX_NAME_CHARS),
        ("RejectEntry", "reason", validate::MAX_REASON_CHARS),
    ];
    for (name, field, max) in limits {
        assert_eq!(
            schema(name, field)["maxLength"],
            json!(max),
            "{name}.{field}"
        );
    }
    assert_eq!(
        schema("NewOrganization", "tags")["maxItems"],
        json!(validate::MAX_TAGS)
    );
}

/// Opens `n` event streams as `api`, then asks for one more.
async fn open_streams_then_one_more(api: &Api, n: usize) -> (Vec<EventReader>, reqwest::Response) {
    let mut open = Vec::new();
    for _ in 0..n {
        open.push(EventReader::open(api, None).await);
    }
    let more = api
        .request(Method::GET, "/api/v1/events")
        .send()
        .await
        .unwrap();
    (open, more)
}

#[tokio::test]
async fn one_person_cannot_take_every_stream() {
    let server = TestServer::start_with(|c| c.max_streams_per_person = 4).await;
    server.seed_demo().await;
    let ana = server.demo_login(ANA).await;
    let (_open, r) = open_streams_then_one_more(&ana, 4).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    // Someone else still gets one.
    let ben = server.demo_login(BEN).await;
    let _ben_stream = EventReader::open(&ben, None).await;
}

#[tokio::test]
async fn reconnect_loops_are_limited_per_minute() {
    let server = TestServer::start_with(|c| c.stream_opens_per_minute = 5).await;
    server.seed_demo().await;
    // Stopped at the start of a minute, so the window cannot roll over mid-test.
    let now = server.state.clock.now();
    server.state.clock.set(now - now.rem_euclid(60) + 60);
    let ana = server.demo_login(ANA).await;
    let (mut open, r) = open_streams_then_one_more(&ana, 5).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "60");
    server.state.clock.advance(60);
    open.push(EventReader::open(&ana, None).await);
}

#[tokio::test]
async fn the_event_history_is_bounded_in_bytes_and_a_late_resume_resyncs() {
    let server = TestServer::start_with(|c| c.event_history_bytes = 256 * 1024).await;
    server.seed_demo().await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let (_, page) = ana.get("/api/v1/tickets?limit=1").await;
    let thread = page["items"][0]["thread_id"].as_i64().unwrap();
    let mut first_id = None;
    let mut reader = EventReader::open(&ana, None).await;
    let big = "x".repeat(60_000);
    for _ in 0..12 {
        let (s, _) = sam
            .post(
                &format!("/api/v1/threads/{thread}/messages"),
                json!({"body": big}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        if first_id.is_none() {
            first_id = reader
                .expect(&["message.created"], Duration::from_secs(5))
                .await
                .id;
        }
    }
    let held = server.state.hub.history_bytes();
    assert!(held <= 256 * 1024, "history holds {held} bytes");
    // Resuming from before what is kept is told to refetch.
    let first: i64 = first_id.unwrap().parse().unwrap();
    let mut late = EventReader::open(&ana, Some(&(first - 1).to_string())).await;
    let e = late.next(Duration::from_secs(5)).await.unwrap();
    assert_eq!(e.kind, "resync");
}

#[tokio::test]
async fn staff_only_changes_do_not_move_what_the_client_sees() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let (_, page) = ana.get("/api/v1/tickets?limit=1").await;
    let ticket = page["items"][0].clone();
    let (id, thread) = (
        ticket["id"].as_i64().unwrap(),
        ticket["thread_id"].as_i64().unwrap(),
    );
    let before = ana.get(&format!("/api/v1/tickets/{id}")).await.1;
    let mut stream = EventReader::open(&ana, None).await;
    server.state.clock.advance(120);
    let (s, _) = sam
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "between us", "internal": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = sam
        .patch(&format!("/api/v1/tickets/{id}"), json!({"tags": ["vip"]}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        stream.next(Duration::from_millis(700)).await.is_none(),
        "the client heard of it"
    );
    let after = ana.get(&format!("/api/v1/tickets/{id}")).await.1;
    assert_eq!(after["updated_at"], before["updated_at"]);
    assert_eq!(after["message_count"], before["message_count"]);
    // A public reply is news, and moves the ticket.
    let (s, _) = sam
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "Done."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let e = stream
        .expect(&["message.created"], Duration::from_secs(5))
        .await;
    assert_eq!(e.data["message"]["body"], "Done.");
    let moved = ana.get(&format!("/api/v1/tickets/{id}")).await.1;
    assert_ne!(moved["updated_at"], before["updated_at"]);
}

async fn upload(api: &Api, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    api.request(Method::POST, "/api/v1/attachments")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn files_sent_with_a_new_ticket_show_with_its_body() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let file: Value = upload(&ana, "screenshot.png", vec![7u8; 1000])
        .await
        .json()
        .await
        .unwrap();
    let (s, t) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": "Broken", "body": "See the file", "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["attachments"][0]["id"], file["id"], "{t}");
    let (_, detail) = ana.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    assert_eq!(
        detail["attachments"][0]["file_name"], "screenshot.png",
        "{detail}"
    );
    // Staff see it too, and can fetch it.
    let sam = server.demo_login(SAM).await;
    let (_, seen) = sam.get(&format!("/api/v1/tickets/{}", t["id"])).await;
    let (s, bytes) = sam
        .raw(
            Method::GET,
            &format!("/api/v1/attachments/{}", seen["attachments"][0]["id"]),
        )
        .await;
    assert_eq!((s, bytes.len()), (StatusCode::OK, 1000));
}

#[tokio::test]
async fn uploads_are_streamed_bounded_by_quota_and_orphans_are_deleted() {
    let server = TestServer::start_with(|c| {
        c.attachment_person_quota_bytes = 3 * 1024 * 1024;
    })
    .await;
    server.seed_demo().await;
    let sam = server.demo_login(SAM).await;
    // Three megabytes of varying bytes survive the round trip exactly.
    let data: Vec<u8> = (0..2 * 1024 * 1024u32)
        .map(|i| (i * 7 % 251) as u8)
        .collect();
    let r = upload(&sam, "big.bin", data.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let att: Value = r.json().await.unwrap();
    let (s, back) = sam
        .raw(Method::GET, &format!("/api/v1/attachments/{}", att["id"]))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(back == data, "the download differs from the upload");
    // Staff have a quota of their own.
    let r = upload(&sam, "more.bin", vec![1u8; 2 * 1024 * 1024]).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let files = server
        .query_i64("SELECT COUNT(*) FROM attachments WHERE file_name IN ('big.bin', 'more.bin')");
    assert_eq!(files, 1);
    // Nothing is left in the spool.
    let spooled = std::fs::read_dir(server.state.config.spool_dir())
        .unwrap()
        .count();
    assert_eq!(spooled, 0);
    // Unattached for a day: gone; attached ones stay.
    let before = server.query_i64("SELECT COUNT(*) FROM attachments");
    server.state.clock.advance(25 * 3600);
    let deleted = portico_server::jobs::delete_orphans_once(&server.state)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM attachments"),
        before - 1
    );
    let (s, _) = sam
        .raw(Method::GET, &format!("/api/v1/attachments/{}", att["id"]))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// The server binary on a free port with `config` (TOML), seeded; killed on drop.
struct Process {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Process {
    fn start(config: &str, soft_nofile: Option<u32>) -> Process {
        let dir = tempfile::tempdir().unwrap();
        let bin = env!("CARGO_BIN_EXE_portico-server-e2e");
        let seeded = Command::new(bin)
            .arg("--data-dir")
            .arg(dir.path())
            .arg("seed-demo")
            .output()
            .unwrap();
        assert!(seeded.status.success());
        let conf = dir.path().join("portico.toml");
        std::fs::File::create(&conf)
            .unwrap()
            .write_all(config.as_bytes())
            .unwrap();
        let port = free_port();
        let serve = format!(
            "{}exec '{bin}' --config '{}' --data-dir '{}' serve --bind 127.0.0.1:{port}",
            soft_nofile
                .map(|n| format!("ulimit -Sn {n}; "))
                .unwrap_or_default(),
            conf.display(),
            dir.path().display()
        );
        let child = Command::new("sh")
            .arg("-c")
            .arg(serve)
            .env("PORTICO_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        Process {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        }
    }

    /// Resident and peak memory in MB, from the kernel's accounting.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb = |key: &str| -> f64 {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .unwrap()
                .parse::<f64>()
                .unwrap()
                / 1024.0
        };
        (kb("VmRSS:"), kb("VmHWM:"))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sockets_do_not_stop_health_and_are_closed() {
    let server = Process::start("header_timeout_secs = 2\n", Some(1024));
    portico_tests::wait_healthy(&server.base, Duration::from_secs(10)).await;
    let addr = server.base.trim_start_matches("http://").to_owned();
    // More idle sockets than the usual soft limit of 1,024 descriptors.
    let mut idle = Vec::new();
    for _ in 0..1500 {
        idle.push(tokio::net::TcpStream::connect(&addr).await.unwrap());
    }
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let r = http
        .get(format!("{}/healthz", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Past the header timeout the server has closed them: a read sees the end.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut closed = 0;
    for s in &idle {
        let mut buf = [0u8; 1];
        if let Ok(Ok(0)) = tokio::time::timeout(Duration::from_millis(50), s.peek(&mut buf)).await {
            closed += 1;
        }
    }
    assert_eq!(closed, idle.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_large_uploads_are_not_buffered_in_memory() {
    let server = Process::start("", None);
    portico_tests::wait_healthy(&server.base, Duration::from_secs(10)).await;
    let mut api = Api {
        base: server.base.clone(),
        http: reqwest::Client::new(),
        token: None,
    };
    let (s, body) = api
        .post("/api/v1/auth/login", login_body(SAM, DEMO_PASSWORD))
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    api.token = Some(body["token"].as_str().unwrap().to_owned());
    let (_, peak_before) = server.memory();
    let uploads = (0..12).map(|i| upload(&api, "big.bin", vec![i as u8; 20 * 1024 * 1024]));
    let statuses: Vec<StatusCode> = join_all(uploads).await.iter().map(|r| r.status()).collect();
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
    let (_, peak_after) = server.memory();
    let grown = peak_after - peak_before;
    assert!(
        grown < 100.0,
        "12 uploads of 20 MB raised peak memory by {grown:.0} MB"
    );
}

#[tokio::test]
async fn a_write_links_at_most_twenty_files_and_changes_nothing_beyond() {
    let server = TestServer::demo().await;
    let ana = server.demo_login(ANA).await;
    let tickets = server.query_i64("SELECT COUNT(*) FROM tickets");
    // A hundred thousand ids cost one refusal, not a lookup each.
    let many: Vec<i64> = (1..=100_000).collect();
    let refused = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": "Many", "body": "files", "attachment_ids": many}),
        )
        .await;
    assert_error(&refused, StatusCode::BAD_REQUEST, "bad_request");
    assert!(
        refused.1.to_string().contains("at most 20"),
        "{}",
        refused.1
    );
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM tickets"), tickets);
    // Twenty of her own uploads are fine.
    let mut ids = Vec::new();
    for i in 0..20 {
        ids.push(ana.upload(&format!("f{i}.txt"), b"x").await);
    }
    let (s, t) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": "Twenty", "body": "files", "attachment_ids": ids}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["attachments"].as_array().unwrap().len(), 20);
}
