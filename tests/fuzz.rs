//! Fuzzing from outside: schemathesis generates requests from the live
//! server's OpenAPI document, as staff and as a client, and checks that no
//! answer is a 5xx or breaks the documented statuses, content types and schemas.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use portico_tests::TestServer;

/// Where `.ci/run` installs schemathesis; `PORTICO_SCHEMATHESIS` overrides.
fn schemathesis() -> String {
    std::env::var("PORTICO_SCHEMATHESIS").unwrap_or_else(|_| "/opt/st-venv/bin/st".to_owned())
}

fn seconds() -> String {
    std::env::var("PORTICO_FUZZ_SECS").unwrap_or_else(|_| "30".to_owned())
}

/// Runs schemathesis against `server` with `token`; answers its summary line.
fn fuzz(server: &TestServer, token: &str) -> String {
    // schemathesis keeps a cache in its working directory: keep it out of the tree.
    let scratch = tempfile::tempdir().unwrap();
    let out = Command::new(schemathesis())
        .current_dir(scratch.path())
        .arg("run")
        .arg(format!("{}/api/v1/openapi.json", server.base))
        .args(["--url", &server.base])
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .args(["--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"])
        // Streams never end; these would end the fuzzer's own session.
        .args(["--exclude-path", "/api/v1/events"])
        .args(["--exclude-path", "/api/v1/auth/logout"])
        .args(["--exclude-path", "/api/v1/auth/password"])
        .args(["--exclude-path", "/api/v1/auth/sessions/{id}"])
        .args(["--exclude-path-regex", ".*/remove$"])
        .args(["--max-time", &seconds(), "--workers", "2", "--seed", "20261124"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}); .ci/run installs it", schemathesis()));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // A ❌ is a check our server failed. Schemathesis's own internal errors
    // (🚫, e.g. a CPython AST bug while generating) are not the server's.
    assert!(!text.contains('❌'), "schemathesis found failures:\n{text}");
    if !out.status.success() {
        eprintln!("schemathesis reported errors of its own (not server failures):\n{text}");
    }
    let summary = text
        .lines()
        .find(|l| {
            l.trim_start()
                .split(' ')
                .next()
                .is_some_and(|n| n.parse::<u64>().is_ok())
                && l.contains(" generated, ")
        })
        .unwrap_or("")
        .trim()
        .to_owned();
    assert!(summary.contains("passed"), "no test cases ran:\n{text}");
    summary
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_or_schema_break() {
    let server = TestServer::demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let client = server.demo_login("ana@northwind.example").await;
    let (a, c) = (admin.token.clone().unwrap(), client.token.clone().unwrap());
    let staff_summary = tokio::task::block_in_place(|| fuzz(&server, &a));
    let client_summary = tokio::task::block_in_place(|| fuzz(&server, &c));
    println!("schemathesis as admin: {staff_summary}; as client: {client_summary}");
}
