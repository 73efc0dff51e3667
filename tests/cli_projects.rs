//! `portico projects`, `portico tasks` and `portico threads` against a real
//! server: tables for people, JSON for scripts, exit codes for refusals.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::TestServer;
use serde_json::Value;

const ANA: &str = "ana@northwind.example";
const SAM: &str = "sam@portico.example";

fn json_out(out: &std::process::Output) -> Value {
    assert_ok(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The position of `needle` in `haystack`, which must contain it.
fn at(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} missing from:\n{haystack}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_follows_a_project_finishes_a_task_and_adds_one() {
    let server = TestServer::demo().await;
    let cli = Cli::new(&server.base);
    cli.login(ANA).await;

    let list = stdout(&cli.run(&["projects", "list"], "").await);
    assert!(
        list.contains("ERP migration") && list.contains("Berlin HQ network refresh"),
        "{list}"
    );
    let page = json_out(&cli.run(&["projects", "list", "--json"], "").await);
    let erp = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "ERP migration")
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    let shown = stdout(&cli.run(&["projects", "show", &erp.to_string()], "").await);
    // The timeline in date order, without the internal phase.
    assert!(at(&shown, "Discovery") < at(&shown, "Design"));
    assert!(at(&shown, "Design") < at(&shown, "Build"));
    assert!(at(&shown, "Build") < at(&shown, "Go-live"));
    assert!(!shown.contains("Vendor contract review"), "{shown}");
    assert!(shown.contains("Build started on"), "{shown}");
    let detail = json_out(
        &cli.run(&["projects", "show", &erp.to_string(), "--json"], "")
            .await,
    );
    assert_eq!(detail["phases"].as_array().unwrap().len(), 4);

    let mine = stdout(&cli.run(&["tasks", "list", "--mine"], "").await);
    let first = mine.lines().nth(1).unwrap();
    assert!(
        first.contains("overdue") && first.contains("Approve the cut-over plan draft"),
        "due soonest first, overdue marked: {mine}"
    );
    let page = json_out(&cli.run(&["tasks", "list", "--mine", "--json"], "").await);
    let task = page["items"][1]["id"].as_i64().unwrap();
    let out = cli.run(&["tasks", "done", &task.to_string()], "").await;
    assert_ok(&out);
    assert!(
        stdout(&out).starts_with(&format!("Task #{task} done: ")),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        server.query_i64(&format!(
            "SELECT status = 'done' FROM tasks WHERE id = {task}"
        )),
        1
    );
    let open = json_out(
        &cli.run(&["tasks", "list", "--mine", "--open", "--json"], "")
            .await,
    );
    assert!(
        open["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != task)
    );
    // A client adds a task for herself in her own organisation.
    let ana_id = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");
    let mine = json_out(
        &cli.run(
            &[
                "tasks",
                "new",
                "--title",
                "Mine",
                "--due",
                "2031-01-10",
                "--json",
            ],
            "",
        )
        .await,
    );
    assert_eq!(
        (&mine["organization"]["name"], &mine["assignee"]["id"]),
        (&Value::from("Northwind Traders"), &Value::from(ana_id))
    );
    // Not for staff: the server's refusal of the assignee is exit code 5.
    let sam_id = server.query_i64("SELECT id FROM users WHERE email = 'sam@portico.example'");
    let refused = cli
        .run(
            &[
                "tasks",
                "new",
                "--title",
                "For Sam",
                "--assignee",
                &sam_id.to_string(),
            ],
            "",
        )
        .await;
    assert_eq!(refused.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("assignee_id"));
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM tasks WHERE title = 'For Sam'"),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_add_a_task_and_talk_in_a_standalone_thread() {
    let server = TestServer::demo().await;
    let sam = Cli::new(&server.base);
    sam.login(SAM).await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let ana_id = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");

    let made = json_out(
        &sam.run(
            &[
                "tasks",
                "new",
                "--title",
                "Sign the quote",
                "--org",
                "Northwind Traders",
                "--assignee",
                &ana_id.to_string(),
                "--due",
                "2030-01-01",
                "--json",
            ],
            "",
        )
        .await,
    );
    assert_eq!(made["assignee"]["name"], "Ana Lima");
    assert_eq!(made["due_date"], "2030-01-01");
    let bad = sam
        .run(
            &[
                "tasks",
                "new",
                "--title",
                "x",
                "--org",
                "Northwind Traders",
                "--due",
                "soon",
            ],
            "",
        )
        .await;
    assert_eq!(bad.status.code(), Some(2), "a bad date is a usage error");

    let out = sam
        .run(
            &[
                "threads",
                "new",
                "--subject",
                "Renewal",
                "--org",
                "Northwind Traders",
                "--with",
                &ana_id.to_string(),
                "--body-file",
                "-",
            ],
            "Shall we talk about the renewal?\n",
        )
        .await;
    assert_ok(&out);
    let started = stdout(&out);
    assert!(
        started.starts_with("Thread #") && started.contains("Renewal"),
        "{started}"
    );
    let unread_of = |page: &Value, subject: &str| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["subject"] == subject)
            .map(|t| {
                (
                    t["id"].as_i64().unwrap(),
                    t["unread_count"].as_i64().unwrap(),
                )
            })
            .unwrap()
    };
    let (id, unread) = unread_of(
        &json_out(&ana.run(&["threads", "list", "--json"], "").await),
        "Renewal",
    );
    assert_eq!(unread, 1);
    let table = stdout(&ana.run(&["threads", "list"], "").await);
    assert!(
        table.contains("UNREAD") && table.contains("Renewal"),
        "{table}"
    );
    let shown = stdout(&ana.run(&["threads", "show", &id.to_string()], "").await);
    assert!(
        shown.contains("Shall we talk about the renewal?"),
        "{shown}"
    );
    let (_, unread) = unread_of(
        &json_out(&ana.run(&["threads", "list", "--json"], "").await),
        "Renewal",
    );
    assert_eq!(unread, 0, "showing it read it");
    let out = ana
        .run(
            &["threads", "reply", &id.to_string(), "--body-file", "-"],
            "Tuesday works.\n",
        )
        .await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with(&format!("Replied to thread #{id}")));
    let (_, unread) = unread_of(
        &json_out(&sam.run(&["threads", "list", "--json"], "").await),
        "Renewal",
    );
    assert_eq!(unread, 1, "new to staff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_carries_files_both_ways() {
    let server = TestServer::demo().await;
    let sam = Cli::new(&server.base);
    sam.login(SAM).await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let ana_id = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("brief.txt");
    std::fs::write(&brief, "Please sign page 2.\n").unwrap();
    let signed = dir.path().join("signed.txt");
    std::fs::write(&signed, "Signed, Ana.\n").unwrap();

    let made = json_out(
        &sam.run(
            &[
                "tasks",
                "new",
                "--title",
                "Sign the brief",
                "--org",
                "Northwind Traders",
                "--assignee",
                &ana_id.to_string(),
                "--attach",
                brief.to_str().unwrap(),
                "--json",
            ],
            "",
        )
        .await,
    );
    let id = made["id"].as_i64().unwrap().to_string();
    assert_eq!(made["attachments"][0]["file_name"], "brief.txt");

    let shown = stdout(&ana.run(&["tasks", "show", &id], "").await);
    assert!(
        shown.contains("Sign the brief") && shown.contains("brief.txt"),
        "{shown}"
    );
    let after = json_out(
        &ana.run(
            &["tasks", "attach", &id, signed.to_str().unwrap(), "--json"],
            "",
        )
        .await,
    );
    let names: Vec<&str> = after["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["brief.txt", "signed.txt"]);

    let to = dir.path().join("got");
    let out = sam
        .run(
            &["tasks", "download", &id, "--to", to.to_str().unwrap()],
            "",
        )
        .await;
    assert_ok(&out);
    assert_eq!(
        std::fs::read_to_string(to.join("signed.txt")).unwrap(),
        "Signed, Ana.\n"
    );
    assert_eq!(
        std::fs::read_to_string(to.join("brief.txt")).unwrap(),
        "Please sign page 2.\n"
    );
    // A second download would overwrite: refused, nothing written.
    let again = sam
        .run(
            &["tasks", "download", &id, "--to", to.to_str().unwrap()],
            "",
        )
        .await;
    assert_eq!(again.status.code(), Some(2), "{again:?}");
}
