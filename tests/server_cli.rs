//! The `portico-server` binary as a self-hoster runs it: migrate, create the
//! first admin, seed, serve with env config, back up under write load, and
//! shut down on SIGTERM even with an event stream open.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use portico_tests::{Api, EventReader, free_port, wait_healthy};
use reqwest::StatusCode;
use serde_json::json;

/// The server command, built by this package for its tests.
fn server_bin() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_portico-server-e2e"))
}

fn server_cmd(data: &std::path::Path) -> Command {
    let mut c = Command::new(server_bin());
    c.arg("--data-dir").arg(data).env("PORTICO_LOG", "warn");
    c
}

#[test]
fn migrate_is_idempotent_and_seed_demo_prints_sign_ins() {
    let dir = tempfile::tempdir().unwrap();
    let out = server_cmd(dir.path()).arg("migrate").output().unwrap();
    assert!(out.status.success());
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/migrations"))
        .unwrap()
        .count();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains(&format!("applied {shipped} migration")),
        "{said}"
    );
    let out = server_cmd(dir.path()).arg("migrate").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("applied 0 migration"));

    let out = server_cmd(dir.path()).arg("seed-demo").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("admin@portico.example") && text.contains("portico-demo"),
        "{text}"
    );
    // Seeding twice is refused rather than doubling the data.
    let out = server_cmd(dir.path()).arg("seed-demo").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has people"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_backup_under_writes_and_stop_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // The first admin, with the password on stdin.
    let mut create = server_cmd(&data)
        .args([
            "admin",
            "create-user",
            "--email",
            "Boss@Example.com",
            "--name",
            "The Boss",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    create
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long admin password\n")
        .unwrap();
    assert!(create.wait_with_output().unwrap().status.success());

    // Bind address from the environment; a config file for the rest.
    let port = free_port();
    let config = dir.path().join("portico.toml");
    std::fs::write(&config, "[branding]\ncompany_name = \"Boss Corp\"\n").unwrap();
    let mut server = server_cmd(&data)
        .arg("--config")
        .arg(&config)
        .arg("serve")
        .env("PORTICO_BIND", format!("127.0.0.1:{port}"))
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    wait_healthy(&base, Duration::from_secs(10)).await;
    let api = Api {
        base: base.clone(),
        http: reqwest::Client::new(),
        token: None,
    };
    assert_eq!(
        api.get("/api/v1/branding").await.1["company_name"],
        "Boss Corp"
    );
    let (status, login) = api
        .post(
            "/api/v1/auth/login",
            json!({"email": "boss@example.com", "password": "a long admin password"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{login}");
    let admin = api.with_token(login["token"].as_str().unwrap());

    // Writers keep creating organisations while backups are taken.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (admin, stop) = (admin.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let (status, _) = admin
                    .post(
                        "/api/v1/organizations",
                        json!({"name": format!("Org {w}-{n}")}),
                    )
                    .await;
                assert_eq!(status, StatusCode::CREATED);
                n += 1;
            }
            n
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    for i in 0..3 {
        let to = dir.path().join(format!("backup-{i}.db"));
        let out = server_cmd(&data)
            .arg("backup")
            .arg("--to")
            .arg(&to)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let copy = rusqlite::Connection::open(&to).unwrap();
        let check: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let admins: i64 = copy
            .query_row(
                "SELECT COUNT(*) FROM users WHERE email = 'boss@example.com'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(admins, 1);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut written = 0;
    for w in writers {
        written += w.await.unwrap();
    }
    assert!(written > 0);
    // A backup refuses to overwrite.
    let out = server_cmd(&data)
        .arg("backup")
        .arg("--to")
        .arg(dir.path().join("backup-0.db"))
        .output()
        .unwrap();
    assert!(!out.status.success());

    // SIGTERM ends the server promptly even with a live event stream open.
    let mut events = EventReader::open(&admin, None).await;
    let kill = Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status()
        .unwrap();
    assert!(kill.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "server did not stop within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "exit {status:?}");
    assert!(
        events.ends_within(Duration::from_secs(2)).await,
        "the stream ended"
    );
    // Every acknowledged write survived.
    let db = rusqlite::Connection::open(data.join("portico.db")).unwrap();
    let orgs: i64 = db
        .query_row("SELECT COUNT(*) FROM organizations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orgs, written);
}

/// Hostile text in requests never reaches the server's log as raw escapes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_carry_no_raw_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = server_cmd(dir.path()).arg("seed-demo").output().unwrap();
    assert!(seeded.status.success());
    let port = free_port();
    let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
    let mut server = server_cmd(dir.path())
        .arg("serve")
        .env("PORTICO_BIND", format!("127.0.0.1:{port}"))
        .env("PORTICO_LOG", "debug")
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    wait_healthy(&base, Duration::from_secs(10)).await;
    let api = Api {
        base,
        http: reqwest::Client::new(),
        token: None,
    };
    let evil = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{1b}c\u{9b}31m\u{202e}";
    api.post(
        "/api/v1/auth/login",
        json!({"email": format!("x{evil}@example.com"), "password": evil}),
    )
    .await;
    let (_, login) = api
        .post(
            "/api/v1/auth/login",
            json!({"email": "ana@northwind.example", "password": "portico-demo"}),
        )
        .await;
    let ana = api.with_token(login["token"].as_str().unwrap());
    let (status, t) = ana
        .post(
            "/api/v1/tickets",
            json!({"subject": format!("s{}", evil.replace('\u{1b}', "")), "body": evil}),
        )
        .await;
    assert!(status.is_client_error() || status.is_success(), "{t}");
    ana.post("/api/v1/tickets", json!({"subject": "ok", "body": evil}))
        .await;
    ana.get(&format!("/api/v1/tickets?q={}", urlencode(evil)))
        .await;
    ana.request(
        reqwest::Method::GET,
        &format!("/api/v1/nothing/{}", urlencode(evil)),
    )
    .send()
    .await
    .unwrap();
    Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status()
        .unwrap();
    server.wait().unwrap();
    let text = std::fs::read(dir.path().join("server.log")).unwrap();
    assert!(!text.is_empty(), "debug logging wrote nothing");
    assert!(!text.contains(&0x1b), "raw ESC in the server log");
    assert!(
        !String::from_utf8_lossy(&text).contains('\u{9b}'),
        "raw C1 CSI in the server log"
    );
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}
