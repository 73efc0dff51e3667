//! Crash safety: under concurrent writes the server is killed with SIGKILL at
//! twenty moments; after each, every acknowledged write is present, the file
//! passes `PRAGMA integrity_check`, and a restarted server is ready within 2 s.
#![allow(clippy::unwrap_used)]

use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portico_tests::{Api, free_port, wait_healthy};
use reqwest::StatusCode;
use serde_json::json;

/// The server command, built by this package for its tests.
fn server_bin() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_portico-server-e2e"))
}

const KILLS: usize = 20;
const WRITERS: usize = 8;

fn start(data: &std::path::Path, port: u16) -> Child {
    Command::new(server_bin())
        .arg("--data-dir")
        .arg(data)
        .arg("serve")
        .env("PORTICO_BIND", format!("127.0.0.1:{port}"))
        .env("PORTICO_LOGIN_THROTTLE", "false")
        .env("PORTICO_LOG", "error")
        .spawn()
        .unwrap()
}

/// A pseudo-random delay per round (xorshift seeded from the clock), so the
/// kills land at different points of the write path each run.
fn jitter(state: &mut u64) -> Duration {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    Duration::from_millis(20 + *state % 280)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_nine_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    let seeded = Command::new(server_bin())
        .arg("--data-dir")
        .arg(&data)
        .arg("seed-demo")
        .env("PORTICO_LOG", "error")
        .output()
        .unwrap();
    assert!(seeded.status.success());

    let acknowledged: Arc<Mutex<Vec<i64>>> = Arc::default();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut slowest_start = Duration::ZERO;
    for round in 0..KILLS {
        let port = free_port();
        let started = Instant::now();
        let mut server = start(&data, port);
        let base = format!("http://127.0.0.1:{port}");
        wait_healthy(&base, Duration::from_secs(10)).await;
        slowest_start = slowest_start.max(started.elapsed());
        let api = Api {
            base,
            http: reqwest::Client::new(),
            token: None,
        };
        let (status, login) = api
            .post(
                "/api/v1/auth/login",
                json!({"email": "sam@portico.example", "password": portico_tests::DEMO_PASSWORD}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let sam = api.with_token(login["token"].as_str().unwrap());
        let thread = sam.get("/api/v1/tickets/1").await.1["thread_id"]
            .as_i64()
            .unwrap();

        let mut writers = Vec::new();
        for w in 0..WRITERS {
            let (sam, acknowledged) = (sam.clone(), acknowledged.clone());
            writers.push(tokio::spawn(async move {
                for n in 0.. {
                    let sent = sam
                        .request(
                            reqwest::Method::POST,
                            &format!("/api/v1/threads/{thread}/messages"),
                        )
                        .json(&json!({"body": format!("round {round} writer {w} #{n}")}))
                        .send()
                        .await;
                    let Ok(resp) = sent else { break };
                    if resp.status() != StatusCode::CREATED {
                        break;
                    }
                    let Ok(m) = resp.json::<serde_json::Value>().await else {
                        break;
                    };
                    acknowledged.lock().unwrap().push(m["id"].as_i64().unwrap());
                }
            }));
        }
        tokio::time::sleep(jitter(&mut seed)).await;
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
        for w in writers {
            w.await.unwrap();
        }

        let db = rusqlite::Connection::open(data.join("portico.db")).unwrap();
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        let ids = acknowledged.lock().unwrap().clone();
        let mut stmt = db
            .prepare("SELECT COUNT(*) FROM messages WHERE id = ?1")
            .unwrap();
        for id in &ids {
            let n: i64 = stmt.query_row([id], |r| r.get(0)).unwrap();
            assert_eq!(n, 1, "acknowledged message {id} lost in round {round}");
        }
    }
    let total = acknowledged.lock().unwrap().len();
    assert!(total > KILLS, "only {total} writes acknowledged");
    assert!(
        slowest_start < Duration::from_secs(2),
        "slowest restart {slowest_start:?}"
    );
    println!(
        "{KILLS} kills survived; {total} acknowledged writes all present; slowest restart to ready {slowest_start:?}"
    );
}
