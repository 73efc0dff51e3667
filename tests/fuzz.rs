//! Fuzzing from outside: schemathesis generates requests from the live
//! server's OpenAPI document, as staff and as a client, and checks that no
//! answer is a 5xx or breaks the documented statuses, content types and schemas.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use portico_tests::TestServer;
use portico_tests::tools;

/// The schemathesis release these tests are written against.
const VERSION: &str = "4.32.5";

/// The `st` program: `PORTICO_SCHEMATHESIS` if set, else one provisioned on
/// first use into a venv under `target/` (needs `python3` with `venv` and
/// `pip`, and PyPI). `Err` says why there is none.
fn schemathesis() -> Result<PathBuf, String> {
    if let Ok(st) = std::env::var("PORTICO_SCHEMATHESIS") {
        return Ok(PathBuf::from(st));
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("schemathesis-{VERSION}"));
    let st = venv.join("bin/st");
    // Written last, so a half-made venv is made again.
    let done = venv.join(".portico-complete");
    if done.exists() && st.exists() {
        return Ok(st);
    }
    if !tools::on_path("python3") {
        return Err("python3 is not installed".to_owned());
    }
    let _ = std::fs::remove_dir_all(&venv);
    let run = |cmd: &mut Command, what: &str| -> Result<(), String> {
        let out = cmd
            .output()
            .map_err(|e| format!("{what} did not start: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        Err(format!("{what} failed: {}", last.trim()))
    };
    run(
        Command::new("python3").arg("-m").arg("venv").arg(&venv),
        "python3 -m venv",
    )?;
    run(
        Command::new(venv.join("bin/pip"))
            .args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--retries",
                "2",
            ])
            .arg(format!("schemathesis=={VERSION}")),
        &format!("pip install schemathesis=={VERSION}"),
    )?;
    std::fs::write(&done, VERSION).map_err(|e| e.to_string())?;
    Ok(st)
}

fn seconds() -> String {
    std::env::var("PORTICO_FUZZ_SECS").unwrap_or_else(|_| "30".to_owned())
}

/// Runs schemathesis (`st`) against `server` with `token`; answers its summary line.
fn fuzz(st: &Path, server: &TestServer, token: &str) -> String {
    // schemathesis keeps a cache in its working directory: keep it out of the tree.
    let scratch = tempfile::tempdir().unwrap();
    let out = Command::new(st)
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
        .unwrap_or_else(|e| panic!("cannot run {} ({e})", st.display()));
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
    let st = match tokio::task::block_in_place(schemathesis) {
        Ok(st) => st,
        Err(why) => {
            return tools::skip(
                "fuzz (schemathesis against the OpenAPI document)",
                &format!("no schemathesis {VERSION}: {why}"),
                "install python3 with venv and pip (e.g. apt-get install python3-venv) and network \
                 access to PyPI, or set PORTICO_SCHEMATHESIS to an `st` program",
            );
        }
    };
    let server = TestServer::demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let client = server.demo_login("ana@northwind.example").await;
    let (a, c) = (admin.token.clone().unwrap(), client.token.clone().unwrap());
    let staff_summary = tokio::task::block_in_place(|| fuzz(&st, &server, &a));
    let client_summary = tokio::task::block_in_place(|| fuzz(&st, &server, &c));
    println!("schemathesis as admin: {staff_summary}; as client: {client_summary}");
}
