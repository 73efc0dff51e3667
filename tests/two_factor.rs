//! Two-factor sign-in over HTTP and with the `portico` binary: enrol,
//! confirm, sign in with a code (each code once), recovery codes, wrong
//! codes, turning it off. The server's clock is fixed, so the codes the
//! test computes are the ones the server expects.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::{Api, DEMO_PASSWORD, TestServer, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};
use totp_rs::{Builder, Secret};

const ANA: &str = "ana@northwind.example";
/// Wednesday 2026-11-25 16:00:00 UTC, the start of a 30-second step.
const T: i64 = 1_795_622_400;

fn code_at(secret_b32: &str, at: i64) -> String {
    let secret = Secret::try_from_base32(secret_b32).unwrap();
    let totp = Builder::new().with_secret(secret).build().unwrap();
    totp.generate(u64::try_from(at).unwrap()).to_string()
}

/// Ana enrols and confirms at `T`; answers her secret and recovery codes.
async fn enrolled(server: &TestServer) -> (String, Vec<String>) {
    let ana = server.demo_login(ANA).await;
    let (status, e) = ana.post("/api/v1/auth/totp/enroll", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let secret = e["secret"].as_str().unwrap().to_owned();
    let (status, codes) = ana
        .post(
            "/api/v1/auth/totp/confirm",
            json!({"code": code_at(&secret, T)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{codes}");
    let codes = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

/// The password step: a challenge, and no session.
async fn challenge(server: &TestServer) -> String {
    let (status, body) = server
        .api()
        .post(
            "/api/v1/auth/login",
            json!({"email": ANA, "password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert!(body.get("token").is_none(), "no session before the code");
    body["challenge"].as_str().unwrap().to_owned()
}

async fn second_step(server: &TestServer, challenge: &str, code: &str) -> (StatusCode, Value) {
    server
        .api()
        .post(
            "/api/v1/auth/login/totp",
            json!({"challenge": challenge, "code": code}),
        )
        .await
}

#[tokio::test]
async fn enrolment_takes_a_right_code_and_shows_recovery_codes_once() {
    let server = TestServer::demo().await;
    server.state.clock.set(T);
    let ana = server.demo_login(ANA).await;
    assert_error(
        &ana.post("/api/v1/auth/totp/confirm", json!({"code": "123456"}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    let (_, e) = ana.post("/api/v1/auth/totp/enroll", json!({})).await;
    let secret = e["secret"].as_str().unwrap();
    let url = e["otpauth_url"].as_str().unwrap();
    assert!(url.starts_with("otpauth://totp/"), "{url}");
    assert!(url.contains(&format!("secret={secret}")));
    assert!(url.contains("ana%40northwind.example"));
    let right = code_at(secret, T);
    let wrong = if right == "000000" {
        "000001"
    } else {
        "000000"
    };
    let r = ana
        .post("/api/v1/auth/totp/confirm", json!({"code": wrong}))
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert!(
        !ana.get("/api/v1/me").await.1["two_factor"]
            .as_bool()
            .unwrap()
    );
    let (status, codes) = ana
        .post("/api/v1/auth/totp/confirm", json!({"code": right}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let codes = codes["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    assert!(
        ana.get("/api/v1/me").await.1["two_factor"]
            .as_bool()
            .unwrap()
    );
    // On already: enrolling again is refused, and the secret stays.
    assert_error(
        &ana.post("/api/v1/auth/totp/enroll", json!({})).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    // Recovery codes are stored hashed, never as typed.
    let first = codes[0].as_str().unwrap();
    assert_eq!(
        server.query_i64(&format!(
            "SELECT COUNT(*) FROM recovery_codes WHERE CAST(code_hash AS TEXT) = '{first}'"
        )),
        0
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.totp_enabled'"),
        1
    );
}

#[tokio::test]
async fn sign_in_takes_the_password_then_a_code_each_code_once() {
    let server = TestServer::demo().await;
    server.state.clock.set(T);
    let (secret, _) = enrolled(&server).await;
    let c = challenge(&server).await;
    // The code used to confirm is spent: the same step again is refused.
    let r = second_step(&server, &c, &code_at(&secret, T)).await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
    // Half a minute later the next code works, once.
    server.state.clock.set(T + 30);
    let next = code_at(&secret, T + 30);
    let (status, session) = second_step(&server, &c, &next).await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let ana = server.api().with_token(session["token"].as_str().unwrap());
    assert_eq!(ana.get("/api/v1/me").await.1["user"]["email"], ANA);
    // The challenge is spent, and the code too.
    let r = second_step(&server, &c, &next).await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
    let again = challenge(&server).await;
    let r = second_step(&server, &again, &next).await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
    // A challenge expires after five minutes.
    server.state.clock.set(T + 60 + 301);
    let late = code_at(&secret, T + 60 + 301);
    let r = second_step(&server, &again, &late).await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn a_challenge_takes_five_wrong_codes_then_no_more() {
    let server = TestServer::demo().await;
    server.state.clock.set(T);
    let (secret, _) = enrolled(&server).await;
    server.state.clock.set(T + 30);
    let c = challenge(&server).await;
    let right = code_at(&secret, T + 30);
    let wrong = if right == "111111" {
        "222222"
    } else {
        "111111"
    };
    for _ in 0..5 {
        let r = second_step(&server, &c, wrong).await;
        assert_eq!(r.0, StatusCode::UNAUTHORIZED);
    }
    let r = second_step(&server, &c, &right).await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");
    assert!(
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.totp_failed'") >= 5
    );
    // A new challenge still takes the right code.
    let c = challenge(&server).await;
    assert_eq!(second_step(&server, &c, &right).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_recovery_code_works_once_however_typed_and_turning_off_needs_both() {
    let server = TestServer::demo().await;
    server.state.clock.set(T);
    let (secret, codes) = enrolled(&server).await;
    let c = challenge(&server).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    let (status, session) = second_step(&server, &c, &typed).await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let c = challenge(&server).await;
    let r = second_step(&server, &c, &codes[3]).await;
    assert_error(&r, StatusCode::UNAUTHORIZED, "unauthorized");

    let ana: Api = server.api().with_token(session["token"].as_str().unwrap());
    server.state.clock.set(T + 30);
    let code = code_at(&secret, T + 30);
    let r = ana
        .post(
            "/api/v1/auth/totp/disable",
            json!({"password": "not the password", "code": code}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "password");
    let r = ana
        .post(
            "/api/v1/auth/totp/disable",
            json!({"password": DEMO_PASSWORD, "code": "12345x"}),
        )
        .await;
    assert_eq!(r.1["error"]["fields"][0]["field"], "code");
    let (status, _) = ana
        .post(
            "/api/v1/auth/totp/disable",
            json!({"password": DEMO_PASSWORD, "code": code}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Off: the password alone signs in again.
    server.demo_login(ANA).await;
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM recovery_codes"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_enrols_and_signs_in_with_the_code() {
    let server = TestServer::demo().await;
    server.state.clock.set(T);
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let out = ana.run(&["2fa", "enroll", "--json"], "").await;
    assert_ok(&out);
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    let secret = e["secret"].as_str().unwrap();
    let out = ana.run(&["2fa", "confirm", &code_at(secret, T)], "").await;
    assert_ok(&out);
    let printed = stdout(&out);
    assert!(printed.contains("Two-factor sign-in is on"), "{printed}");
    assert_eq!(
        printed
            .lines()
            .filter(|l| l.trim().len() == 11 && l.contains('-'))
            .count(),
        10,
        "ten recovery codes: {printed}"
    );
    let out = ana.run(&["2fa", "status"], "").await;
    assert_eq!(stdout(&out).trim(), "Two-factor sign-in is on");

    // Signing in on a fresh machine: the password, then the code.
    server.state.clock.set(T + 30);
    let fresh = Cli::new(&server.base);
    let login = |input: String| {
        let fresh = &fresh;
        async move {
            fresh
                .run(
                    &[
                        "login",
                        "--server",
                        &fresh.server,
                        "--email",
                        ANA,
                        "--password-stdin",
                        "--totp-stdin",
                        "--token-store",
                        "file",
                    ],
                    &input,
                )
                .await
        }
    };
    let right = code_at(secret, T + 30);
    let wrong = if right == "000000" {
        "000001"
    } else {
        "000000"
    };
    let out = login(format!("{DEMO_PASSWORD}\n{wrong}\n")).await;
    assert_eq!(out.status.code(), Some(3), "a wrong code is not signed in");
    let out = login(format!("{DEMO_PASSWORD}\n{right}\n")).await;
    assert_ok(&out);
    let me = fresh.run(&["whoami", "--json"], "").await;
    let me: Value = serde_json::from_slice(&me.stdout).unwrap();
    assert_eq!(me["two_factor"], true);
}

#[tokio::test]
async fn an_organisation_that_requires_it_holds_its_contacts_at_enrolment() {
    let server = TestServer::demo().await;
    server.state.clock.set(T);
    let admin = server.demo_login("admin@portico.example").await;
    let (status, org) = admin
        .patch(
            "/api/v1/organizations/1",
            json!({"require_two_factor": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{org}");
    assert_eq!(org["require_two_factor"], true);
    // Ana's password still signs her in, but only to enrol.
    let ana = server.demo_login(ANA).await;
    let (_, me) = ana.get("/api/v1/me").await;
    assert_eq!(me["two_factor_required"], true, "{me}");
    assert_error(
        &ana.get("/api/v1/tickets").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let before = server.query_i64("SELECT COUNT(*) FROM tickets");
    assert_error(
        &ana.post("/api/v1/tickets", json!({"subject": "s", "body": "b"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM tickets"), before);
    // Another organisation's contacts are not held.
    let carla = server.demo_login("carla@globex.example").await;
    assert_eq!(carla.get("/api/v1/tickets").await.0, StatusCode::OK);
    // Enrolling from the held session lets her through at once.
    let (status, e) = ana.post("/api/v1/auth/totp/enroll", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let secret = e["secret"].as_str().unwrap().to_owned();
    let (status, _) = ana
        .post(
            "/api/v1/auth/totp/confirm",
            json!({"code": code_at(&secret, T)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ana.get("/api/v1/tickets").await.0, StatusCode::OK);
    let (_, me) = ana.get("/api/v1/me").await;
    assert_eq!(me["two_factor_required"], false, "{me}");
    assert_eq!(me["two_factor"], true, "{me}");
}

#[tokio::test]
async fn the_staff_setting_holds_staff_without_a_second_factor() {
    let server = TestServer::start_with(|c| c.require_two_factor_staff = true).await;
    server.seed_demo().await;
    let sam = server.demo_login("sam@portico.example").await;
    assert_error(
        &sam.get("/api/v1/tickets").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let (_, me) = sam.get("/api/v1/me").await;
    assert_eq!(me["two_factor_required"], true, "{me}");
    // Clients are not staff: Ana goes about her day.
    let ana = server.demo_login(ANA).await;
    assert_eq!(ana.get("/api/v1/tickets").await.0, StatusCode::OK);
}
