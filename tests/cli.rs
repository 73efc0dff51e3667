//! The `portico` command line against a real server: sign-in and the token
//! store, the ticket commands, JSON for scripts, exit codes, and safe output.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::TestServer;
use serde_json::{Value, json};

const AGENT: &str = "sam@portico.example";
const ANA: &str = "ana@northwind.example";

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_whoami_logout_with_the_file_store() {
    let server = TestServer::demo().await;
    let cli = Cli::new(&server.base);
    let out = cli.login(AGENT).await;
    assert_eq!(stdout(&out).trim(), "Signed in as Sam Agent (agent)");
    let notice = String::from_utf8_lossy(&out.stderr);
    assert!(
        notice.contains("credentials.json") && notice.contains("readable only by you"),
        "{notice}"
    );
    let file = cli.config.path().join("portico/credentials.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let out = cli.run(&["whoami"], "").await;
    assert_ok(&out);
    assert_eq!(
        stdout(&out).trim(),
        format!("Sam Agent <{AGENT}> (agent) at {}", server.base)
    );
    let out = cli.run(&["whoami", "--json"], "").await;
    let me: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(me["user"]["email"], AGENT);

    assert_ok(&cli.run(&["logout"], "").await);
    assert!(!file.exists(), "the token is forgotten");
    assert_eq!(code(&cli.run(&["whoami"], "").await), Some(3));
    // The server forgot the session too: no session of Sam's is left.
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'sam@portico.example' AND s.revoked_at IS NULL"),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_codes_tell_scripts_what_happened() {
    let server = TestServer::demo().await;
    let cli = Cli::new(&server.base);
    // Not signed in.
    assert_eq!(code(&cli.run(&["tickets", "list"], "").await), Some(3));
    // A wrong password is a refused sign-in.
    let out = cli
        .run(
            &[
                "login",
                "--server",
                &server.base,
                "--email",
                AGENT,
                "--password-stdin",
                "--token-store",
                "file",
            ],
            "not the password\n",
        )
        .await;
    assert_eq!(code(&out), Some(3));
    cli.login(AGENT).await;
    // Usage errors.
    assert_eq!(
        code(&cli.run(&["tickets", "status", "1", "bogus"], "").await),
        Some(2)
    );
    assert_eq!(
        code(&cli.run(&["tickets", "frobnicate"], "").await),
        Some(2)
    );
    // Not found.
    let out = cli.run(&["tickets", "show", "999999"], "").await;
    assert_eq!(
        code(&out),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A token the server no longer knows.
    let env_cli = cli
        .command(&["tickets", "list"])
        .env("PORTICO_TOKEN", "forged")
        .env("PORTICO_SERVER", &server.base)
        .output()
        .await
        .unwrap();
    assert_eq!(code(&env_cli), Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tickets_from_open_to_assigned_replied_and_pending() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let sam = Cli::new(&server.base);
    sam.login(AGENT).await;

    let out = ana
        .run(
            &[
                "tickets",
                "new",
                "--subject",
                "Scanner offline",
                "--body-file",
                "-",
                "--json",
            ],
            "The scanner in Hamburg is offline.\n",
        )
        .await;
    assert_ok(&out);
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = created["id"].as_i64().unwrap();
    let id_s = id.to_string();
    assert_eq!(created["status"], "new");

    // Staff see it in the unassigned inbox, as JSON and as a table.
    let out = sam
        .run(&["tickets", "list", "--view", "unassigned", "--json"], "")
        .await;
    assert_ok(&out);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == id)
    );
    let out = sam
        .run(&["tickets", "list", "--view", "unassigned"], "")
        .await;
    let table = stdout(&out);
    assert!(table.starts_with("ID "), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(&id_s) && l.contains("Scanner offline"))
    );

    // Assign with a deadline.
    let out = sam
        .run(
            &[
                "tickets",
                "assign",
                &id_s,
                "--to",
                "me",
                "--deadline",
                "2026-12-01",
                "--json",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["assignee"]["name"], "Sam Agent");
    assert_eq!(t["deadline"], "2026-12-01T17:00:00Z");
    assert_eq!(t["status"], "open");
    // By name too.
    assert_ok(
        &sam.run(&["tickets", "assign", &id_s, "--to", "Priya Nair"], "")
            .await,
    );
    let (_, t) = server
        .demo_login(AGENT)
        .await
        .get(&format!("/api/v1/tickets/{id}"))
        .await;
    assert_eq!(t["assignee"]["name"], "Priya Nair");

    // A public reply and an internal note.
    assert_ok(
        &sam.run(
            &["tickets", "reply", &id_s, "--body-file", "-"],
            "Restarting it now.",
        )
        .await,
    );
    let note = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(note.path(), "Third time this month.").unwrap();
    let path = note.path().to_str().unwrap();
    assert_ok(
        &sam.run(
            &["tickets", "reply", &id_s, "--body-file", path, "--internal"],
            "",
        )
        .await,
    );

    let out = sam.run(&["tickets", "show", &id_s], "").await;
    let shown = stdout(&out);
    assert!(
        shown.contains("[internal note]") && shown.contains("Third time this month."),
        "{shown}"
    );
    let out = ana.run(&["tickets", "show", &id_s, "--json"], "").await;
    assert_ok(&out);
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bodies: Vec<&str> = seen["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        vec!["Restarting it now."],
        "clients never see notes"
    );

    // Status by one command; a client may only resolve.
    let out = sam
        .run(&["tickets", "status", &id_s, "pending", "--json"], "")
        .await;
    assert_ok(&out);
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["status"],
        "pending"
    );
    assert_ne!(
        code(&ana.run(&["tickets", "status", &id_s, "closed"], "").await),
        Some(0)
    );
    assert_ok(&ana.run(&["tickets", "status", &id_s, "resolved"], "").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_sequences_from_the_server_never_reach_the_terminal() {
    let server = TestServer::demo().await;
    let ana_api = server.demo_login(ANA).await;
    let payload = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}c\u{9b}31m\u{9d}0;X\u{9c}\u{202e}gnp.exe\u{7}";
    let (status, t) = ana_api
        .post(
            "/api/v1/tickets",
            json!({"subject": "Harmless\u{202e} subject", "body": format!("Body {payload} end")}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{t}");
    let id = t["id"].as_i64().unwrap();
    // Subjects with control characters are refused by the API; put one in
    // the database directly, as an import or an older server might have.
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    conn.execute(
        "UPDATE tickets SET subject = ?1 WHERE id = ?2",
        rusqlite::params![format!("Evil {payload} subject"), id],
    )
    .unwrap();
    drop(conn);

    let sam = Cli::new(&server.base);
    sam.login(AGENT).await;
    let id_s = id.to_string();
    for args in [
        vec!["tickets", "list", "--view", "all"],
        vec!["tickets", "show", id_s.as_str()],
        vec!["tickets", "list", "--view", "all", "--json"],
        vec!["tickets", "show", id_s.as_str(), "--json"],
    ] {
        let out = sam.run(&args, "").await;
        assert_ok(&out);
        let text = stdout(&out);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{args:?} printed {bad:?}");
        if args.contains(&"--json") {
            // The JSON still decodes to exactly what the server holds.
            let v: Value = serde_json::from_str(&text).unwrap();
            let subject = if args[1] == "show" {
                v["ticket"]["subject"].clone()
            } else {
                v["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["id"] == id)
                    .unwrap()["subject"]
                    .clone()
            };
            assert_eq!(subject, json!(format!("Evil {payload} subject")));
        } else {
            // Whole sequences go, not just their ESC: no parameters left as litter.
            assert!(
                !text.contains("PWNED") && !text.contains("52;c"),
                "{args:?}: {text}"
            );
            assert!(text.contains("Evil"), "{text}");
        }
    }
}
