//! `portico kb`, `portico forms` and `portico reports` against a real
//! server: tables for people, JSON and CSV for scripts, exit codes.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::TestServer;
use serde_json::Value;

const ADMIN: &str = "admin@portico.example";
const ANA: &str = "ana@northwind.example";
const CARLA: &str = "carla@globex.example";

fn json(out: &std::process::Output) -> Value {
    assert_ok(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kb_lists_shows_and_searches_what_the_reader_may_see() {
    let server = TestServer::demo().await;
    // Not signed in: the public articles only.
    let anon = Cli::new(&server.base);
    let out = anon
        .run(&["kb", "list", "--server", &server.base, "--json"], "")
        .await;
    assert_eq!(titles(&json(&out)), ["Getting started with the portal"]);

    let ana = Cli::new(&server.base);
    assert_ok(&ana.login(ANA).await);
    let out = ana.run(&["kb", "list"], "").await;
    assert_ok(&out);
    let table = stdout(&out);
    assert!(table.starts_with("ID"), "{table}");
    for title in [
        "Getting started with the portal",
        "How to attach files to a ticket",
        "Escalating an incident (platinum)",
    ] {
        assert!(table.contains(title), "{title}: {table}");
    }
    assert!(!table.contains("Triage checklist"), "staff only: {table}");

    let out = ana
        .run(&["kb", "search", "escalation", "line", "--json"], "")
        .await;
    let page = json(&out);
    assert_eq!(titles(&page), ["Escalating an incident (platinum)"]);
    let id = page["items"][0]["id"].as_i64().unwrap().to_string();
    let out = ana.run(&["kb", "show", &id], "").await;
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.starts_with("# Escalating an incident (platinum)\nSupport · updated"),
        "{text}"
    );
    assert!(
        text.contains("within **30 minutes**"),
        "the markdown as written: {text}"
    );

    // Globex may not read it: exit code 4, as for a missing article.
    let carla = Cli::new(&server.base);
    assert_ok(&carla.login(CARLA).await);
    assert_eq!(
        carla.run(&["kb", "show", &id], "").await.status.code(),
        Some(4)
    );
    assert_eq!(
        carla.run(&["kb", "show", "987654"], "").await.status.code(),
        Some(4)
    );
    let out = carla.run(&["kb", "search", "escalation"], "").await;
    assert_eq!(stdout(&out).trim(), "No articles.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_submit_opens_a_ticket_and_names_bad_fields() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    assert_ok(&ana.login(ANA).await);
    let out = ana.run(&["forms", "support"], "").await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("system* since* impact"),
        "{}",
        stdout(&out)
    );

    let before = server.query_i64("SELECT COUNT(*) FROM tickets");
    let out = ana
        .run(
            &[
                "forms",
                "submit",
                "incident report",
                "--field",
                "system=Moon",
                "--field",
                "colour=red",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    for field in ["values.system", "values.since", "values.colour"] {
        assert!(err.contains(field), "{field}: {err}");
    }
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM tickets"), before);

    let out = ana
        .run(
            &[
                "forms",
                "submit",
                "Incident report",
                "--field",
                "system=Website",
                "--field",
                "since=08:00",
                "--json",
            ],
            "",
        )
        .await;
    let t = json(&out);
    assert_eq!(
        (t["source"].as_str(), t["priority"].as_str()),
        (Some("form"), Some("urgent"))
    );
    assert_eq!(t["body"], "Affected system: Website\nDown since: 08:00\n");

    // A form Globex may not use is not found.
    let carla = Cli::new(&server.base);
    assert_ok(&carla.login(CARLA).await);
    let out = carla
        .run(
            &[
                "forms",
                "submit",
                "Incident report",
                "--field",
                "system=Website",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(4));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_tickets_as_table_json_and_csv_for_staff_only() {
    let server = TestServer::demo().await;
    let admin = Cli::new(&server.base);
    assert_ok(&admin.login(ADMIN).await);
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date();
    let from = today
        .checked_sub(jiff::Span::new().days(60))
        .unwrap()
        .to_string();
    let to = today.to_string();
    let args = |extra: &'static str| {
        let mut a = vec![
            "reports",
            "tickets",
            "--from",
            from.as_str(),
            "--to",
            to.as_str(),
        ];
        if !extra.is_empty() {
            a.push(extra);
        }
        a
    };
    let report = json(&admin.run(&args("--json"), "").await);
    let total = &report["rows"][0];
    assert_eq!(
        (total["group"].as_str(), total["key"].as_str()),
        (Some("total"), Some("all"))
    );
    let opened = total["opened"].as_i64().unwrap();
    assert!(opened > 0, "the demo opened tickets: {report}");

    let out = admin.run(&args(""), "").await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with("GROUP"), "{}", stdout(&out));
    let out = admin.run(&args("--csv"), "").await;
    assert_ok(&out);
    let csv = stdout(&out);
    let mut lines = csv.split("\r\n");
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("group,key,opened,resolved")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with(&format!("total,all,{opened},")),
        "{csv}"
    );

    let ana = Cli::new(&server.base);
    assert_ok(&ana.login(ANA).await);
    assert_eq!(ana.run(&args("--csv"), "").await.status.code(), Some(1));
}
