//! A failed sign-in costs the same whether or not the e-mail exists.
//!
//! Its own test binary, so that no sibling test shares the CPU while it
//! measures.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use portico_tests::{Api, TestServer};
use reqwest::StatusCode;
use serde_json::json;

const ANA: &str = "ana@northwind.example";
const GHOST: &str = "ghost@nowhere.example";

async fn failed_sign_in(api: &Api, email: &str) -> Duration {
    let start = Instant::now();
    let (status, _) = api
        .post(
            "/api/v1/auth/login",
            json!({"email": email, "password": "not the password"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_timing_does_not_reveal_accounts() {
    let server = TestServer::demo().await;
    let api = server.api();
    for _ in 0..5 {
        failed_sign_in(&api, GHOST).await;
    }
    // Pairs, each in alternating order, so drift in machine load hits both
    // sides alike; the median of the signed pair differences ignores
    // outliers and cancels noise.
    let (mut known, mut unknown, mut diffs) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..120 {
        let (k, u) = if round % 2 == 0 {
            let k = failed_sign_in(&api, ANA).await;
            (k, failed_sign_in(&api, GHOST).await)
        } else {
            let u = failed_sign_in(&api, GHOST).await;
            (failed_sign_in(&api, ANA).await, u)
        };
        known.push(k);
        unknown.push(u);
        diffs.push(k.as_secs_f64() - u.as_secs_f64());
    }
    diffs.sort_by(f64::total_cmp);
    let diff = Duration::from_secs_f64(diffs[diffs.len() / 2].abs());
    let (k, u) = (median(known), median(unknown));
    println!("median sign-in: known {k:?}, unknown {u:?}, median pair difference {diff:?}");
    // Without the decoy hash an unknown e-mail answers in about a millisecond
    // against tens for a known one: a gap the size of the whole hash.
    let allowed = Duration::from_millis(10).max(k.max(u) / 4);
    assert!(diff < allowed, "known {k:?} vs unknown {u:?}");
}
