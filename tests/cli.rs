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

// ---- orders ---------------------------------------------------------------

const BEN: &str = "ben@northwind.example";

fn json_out(out: &std::process::Output) -> Value {
    assert_ok(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn references(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_list_and_show_as_tables_and_json() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;

    let all = json_out(&ana.run(&["orders", "list", "--json"], "").await);
    let titles: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles.len(),
        3,
        "Northwind's three demo orders, not Globex's: {titles:?}"
    );
    assert!(titles.contains(&"Night dispatcher cover"));
    let delivered = json_out(
        &ana.run(&["orders", "list", "--status", "delivered", "--json"], "")
            .await,
    );
    let delivered_items = delivered["items"].as_array().unwrap();
    assert_eq!(delivered_items.len(), 1);
    assert_eq!(delivered_items[0]["title"], "Year-end inventory count");
    let reference = delivered_items[0]["reference"].as_str().unwrap().to_owned();
    // By location name.
    let hamburg = json_out(
        &ana.run(
            &["orders", "list", "--location", "hamburg depot", "--json"],
            "",
        )
        .await,
    );
    assert!(
        hamburg["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["location"]["name"] == "Hamburg Depot")
    );
    assert_eq!(hamburg["items"].as_array().unwrap().len(), 1);
    // A bad status is a usage error that names the choices.
    let out = ana.run(&["orders", "list", "--status", "done"], "").await;
    assert_eq!(code(&out), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in_progress"));

    // The table.
    let out = ana.run(&["orders", "list"], "").await;
    let table = stdout(&out);
    assert!(table.starts_with("REFERENCE "), "{table}");
    assert!(
        table.lines().any(|l| l.starts_with(&reference)
            && l.contains("delivered")
            && l.contains("Year-end inventory count")),
        "{table}"
    );

    // One order, by reference (any case) or id.
    let out = ana
        .run(&["orders", "show", &reference.to_lowercase()], "")
        .await;
    assert_ok(&out);
    let shown = stdout(&out);
    assert!(
        shown.starts_with(&format!("{reference} Year-end inventory count")),
        "{shown}"
    );
    assert!(shown.contains("Status: delivered"), "{shown}");
    assert!(
        shown.contains("  Anything else: Count aisles 1-12."),
        "{shown}"
    );
    assert!(
        shown.contains("Inventory counter · Wendy Walker"),
        "{shown}"
    );
    assert!(shown.contains("inventory-count.csv"), "{shown}");
    let id = delivered_items[0]["id"].as_i64().unwrap().to_string();
    let detail = json_out(&ana.run(&["orders", "show", &id, "--json"], "").await);
    assert_eq!(detail["order"]["order"]["reference"], reference.as_str());
    assert_eq!(detail["order"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        detail["order"]["deliverables"][0]["file_name"],
        "inventory-count.csv"
    );
    assert!(detail["messages"].is_array());

    // Ben sees Hamburg only: a Berlin order does not exist for him.
    let ben = Cli::new(&server.base);
    ben.login(BEN).await;
    let his = json_out(&ben.run(&["orders", "list", "--json"], "").await);
    assert_eq!(references(&his).len(), 1);
    let out = ben.run(&["orders", "show", &reference], "").await;
    assert_eq!(
        code(&out),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(code(&ben.run(&["orders", "show", &id], "").await), Some(4));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_submits_an_order_with_fields_and_a_file() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let plan = ana.config.path().join("site-plan.txt");
    std::fs::write(&plan, "Gate 2, loading bay 4").unwrap();
    let plan_arg = format!("site_plan={}", plan.display());
    let out = ana
        .run(
            &[
                "orders",
                "new",
                "--title",
                "Night shift cover",
                "--location",
                "Berlin HQ",
                "--field",
                "role=Dispatcher",
                "--field",
                "headcount=2",
                "--field",
                "start_date=2027-01-04",
                "--field",
                "shifts=early",
                "--field",
                "shifts=night",
                "--field",
                "notes=Ask for Ben.",
                "--file",
                &plan_arg,
                "--json",
            ],
            "",
        )
        .await;
    let created = json_out(&out);
    let o = &created["order"];
    assert_eq!(o["title"], "Night shift cover");
    assert_eq!(o["status"], "submitted");
    assert_eq!(o["location"]["name"], "Berlin HQ");
    let values = &created["values"];
    assert_eq!(values["role"], "Dispatcher");
    assert_eq!(values["headcount"], 2);
    assert_eq!(values["shifts"], json!(["early", "night"]));
    // The file went up first; the order names the upload.
    let file = values["site_plan"].as_i64().unwrap();
    let api = server.demo_login(ANA).await;
    let (status, bytes) = api
        .raw(reqwest::Method::GET, &format!("/api/v1/attachments/{file}"))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(bytes, b"Gate 2, loading bay 4");

    // It is in the list, as a person reads it too.
    let reference = o["reference"].as_str().unwrap();
    let out = ana
        .run(&["orders", "list", "--status", "submitted"], "")
        .await;
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.starts_with(reference) && l.contains("Night shift cover")),
        "{}",
        stdout(&out)
    );
    // The effective form by its id is the same as no --form; Ben has one location.
    let (_, form) = api.get("/api/v1/order-forms/effective").await;
    let form_id = form["id"].as_i64().unwrap().to_string();
    let ben = Cli::new(&server.base);
    ben.login(BEN).await;
    let out = ben
        .run(
            &[
                "orders",
                "new",
                "--form",
                &form_id,
                "--title",
                "Gate cover",
                "--field",
                "role=Dispatcher",
                "--field",
                "headcount=1",
                "--field",
                "start_date=2027-02-01",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("submitted: Gate cover"),
        "{}",
        stdout(&out)
    );

    // Staff order for an organisation they name (or whose own form they name).
    let sam = Cli::new(&server.base);
    sam.login(AGENT).await;
    let fields = [
        "--field",
        "role=Dispatcher",
        "--field",
        "headcount=1",
        "--field",
        "start_date=2027-03-01",
    ];
    let mut args = vec![
        "orders",
        "new",
        "--title",
        "Phoned in",
        "--location",
        "Hamburg Depot",
    ];
    args.extend(fields);
    let out = sam.run(&args, "").await;
    assert_eq!(code(&out), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--org"));
    let org = form["organization_id"].as_i64().unwrap().to_string();
    let mut with_org = args.clone();
    with_org.extend(["--org", &org, "--json"]);
    let created = json_out(&sam.run(&with_org, "").await);
    assert_eq!(
        created["order"]["organization"]["name"],
        "Northwind Traders"
    );
    // Named as a person would, like `tickets new --org`.
    let mut by_name = args.clone();
    by_name.extend(["--org", "northwind traders", "--json"]);
    let created = json_out(&sam.run(&by_name, "").await);
    assert_eq!(
        created["order"]["organization"]["id"],
        form["organization_id"]
    );
    assert_eq!(created["order"]["location"]["name"], "Hamburg Depot");
    let mut with_form = args.clone();
    with_form.extend(["--form", &form_id]);
    assert_ok(&sam.run(&with_form, "").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_order_names_each_failing_field_and_creates_nothing() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let before = server.query_i64("SELECT COUNT(*) FROM orders");
    let out = ana
        .run(
            &[
                "orders",
                "new",
                "--title",
                "Too many",
                "--location",
                "Berlin HQ",
                "--field",
                "headcount=99",
                "--field",
                "start_date=next week",
                "--field",
                "shifts=weekends",
                "--field",
                "colour=blue",
                "--file",
                "site_plan=/nonexistent/plan.pdf",
            ],
            "",
        )
        .await;
    assert_eq!(
        code(&out),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        "portico: the order was not submitted",
        "  role (Role): is required",
        "  headcount (How many people?): must be at most 50",
        "  start_date (First day): must be a date such as 2026-01-31",
        "  shifts (Shifts): each must be a different one of: early, late, night",
        "  colour: is not a field of this form",
        "  site_plan (Site plan): /nonexistent/plan.pdf: no such file",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(line)),
            "{line:?} missing:\n{err}"
        );
    }
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM orders"), before);

    // What only the server knows is reported the same way: Ben may not
    // order for Berlin (its id passes the app's checks).
    let (_, me) = server.demo_login(ANA).await.get("/api/v1/me").await;
    let berlin = me["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "Berlin HQ")
        .unwrap()["id"]
        .to_string();
    let ben = Cli::new(&server.base);
    ben.login(BEN).await;
    let out = ben
        .run(
            &[
                "orders",
                "new",
                "--title",
                "Not mine",
                "--location",
                &berlin,
                "--field",
                "role=Dispatcher",
                "--field",
                "headcount=1",
                "--field",
                "start_date=2027-02-01",
            ],
            "",
        )
        .await;
    assert_eq!(
        code(&out),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("  --location: must be one of your organisation's locations"),
        "{err}"
    );
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM orders"), before);

    // A form that is not the organisation's is a usage error.
    let out = ana
        .run(
            &[
                "orders",
                "new",
                "--form",
                "999",
                "--title",
                "x",
                "--location",
                "Berlin HQ",
            ],
            "",
        )
        .await;
    assert_eq!(code(&out), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("form 999 is not the one"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliverables_download_into_a_directory_never_overwriting_or_escaping_it() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let page = json_out(
        &ana.run(&["orders", "list", "--status", "delivered", "--json"], "")
            .await,
    );
    let reference = page["items"][0]["reference"].as_str().unwrap().to_owned();
    let id = page["items"][0]["id"].as_i64().unwrap();
    // A second deliverable whose stored name tries to climb out and to
    // write escape sequences (as an import or an older server might store).
    let sam = server.demo_login(AGENT).await;
    let part = reqwest::multipart::Part::bytes(b"second".to_vec()).file_name("x.txt");
    let up: Value = sam
        .request(reqwest::Method::POST, "/api/v1/attachments")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (status, _) = sam
        .post(
            &format!("/api/v1/orders/{id}/deliverables"),
            json!({"attachment_ids": [up["id"]]}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::CREATED);
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    conn.execute(
        "UPDATE attachments SET file_name = ?1 WHERE id = ?2",
        rusqlite::params![
            "../../escaped\u{1b}]0;x\u{7}.txt",
            up["id"].as_i64().unwrap()
        ],
    )
    .unwrap();
    drop(conn);

    let root = tempfile::tempdir().unwrap();
    let to = root.path().join("inner").join("files");
    let to_s = to.to_str().unwrap();
    let out = ana
        .run(&["orders", "download", &reference, "--to", to_s], "")
        .await;
    assert_ok(&out);
    assert_eq!(
        std::fs::read_to_string(to.join("inventory-count.csv")).unwrap(),
        "aisle,items\n1,412\n2,388\n"
    );
    assert_eq!(
        std::fs::read(to.join("_.._escaped.txt")).unwrap(),
        b"second"
    );
    let mut names: Vec<String> = std::fs::read_dir(&to)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["_.._escaped.txt", "inventory-count.csv"]);
    assert!(!root.path().join("escaped.txt").exists());
    assert!(!root.path().join("inner").join("escaped.txt").exists());
    let printed = stdout(&out);
    assert!(
        !printed.chars().any(|c| c.is_control() && c != '\n'),
        "{printed:?}"
    );

    // Again: refuses, and leaves what is there alone.
    std::fs::write(to.join("inventory-count.csv"), "mine").unwrap();
    let out = ana
        .run(&["orders", "download", &reference, "--to", to_s], "")
        .await;
    assert_ne!(code(&out), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not overwriting"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(to.join("inventory-count.csv")).unwrap(),
        "mine"
    );
}

// ---- timesheets -----------------------------------------------------------

const XENA: &str = "xena@workers.example";
const WENDY: &str = "wendy@workers.example";

/// Wednesday 2026-11-25 16:00 UTC (17:00 in Berlin): the demo seeded then,
/// so last week (from 2026-11-16) is submitted and this week's days are drafts.
const WEDNESDAY: i64 = 1_795_622_400;

async fn demo_on_wednesday() -> TestServer {
    let server = TestServer::start().await;
    server.state.clock.set(WEDNESDAY);
    server.seed_demo().await;
    server
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_clocks_in_breaks_resumes_and_out_and_refusals_say_why() {
    let server = demo_on_wednesday().await;
    let xena = Cli::new(&server.base);
    xena.login(XENA).await;

    // Late: started a quarter of an hour ago, at 17:00 Berlin time less 15.
    let out = xena.run(&["clock"], "").await;
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("Berlin HQ") && text.contains("late"),
        "{text}"
    );
    assert!(text.contains("16:45–"), "local time: {text}");

    let out = xena.run(&["clock", "in"], "").await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with("Clocked in."), "{}", stdout(&out));
    let api = server.demo_login(XENA).await;
    let (_, status) = api.get("/api/v1/clock").await;
    assert_eq!(status["shift"]["state"], "clocked_in", "{status}");

    // Resuming without a break: the server's reason, and a failing exit.
    let out = xena.run(&["clock", "resume"], "").await;
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("not on a break"), "{}", stderr(&out));

    assert_ok(&xena.run(&["clock", "break"], "").await);
    let status = json_out(&xena.run(&["clock", "--json"], "").await);
    assert_eq!(status["shift"]["state"], "on_break");
    server.state.clock.set(WEDNESDAY + 20 * 60);
    assert_ok(&xena.run(&["clock", "resume"], "").await);
    server.state.clock.set(WEDNESDAY + 3 * 3600);
    let out = xena.run(&["clock", "out"], "").await;
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("Clocked out.") && text.contains("Draft entry"),
        "{text}"
    );
    // Three hours less a twenty-minute break, in a draft on the server.
    assert!(text.contains("2:40 worked, 20m break"), "{text}");
    let (_, drafts) = api.get("/api/v1/timesheets?status=draft").await;
    assert!(
        drafts["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["date"] == "2026-11-25" && e["worked_minutes"] == 160),
        "{drafts}"
    );

    // Not an action; and approvers have no clock.
    assert_eq!(code(&xena.run(&["clock", "lunch"], "").await), Some(2));
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let out = ana.run(&["clock", "in"], "").await;
    assert_eq!(code(&out), Some(1));
    assert!(!stderr(&out).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approvers_list_approve_reject_and_export_a_week() {
    let server = demo_on_wednesday().await;
    let ana = Cli::new(&server.base);
    ana.login(ANA).await;

    let week = json_out(
        &ana.run(
            &[
                "timesheets",
                "list",
                "--week",
                "2026-11-18",
                "--status",
                "submitted",
                "--json",
            ],
            "",
        )
        .await,
    );
    assert_eq!(week["from"], "2026-11-16");
    let entries = week["entries"].as_array().unwrap();
    assert!(entries.len() >= 2, "{week}");
    assert!(entries.iter().all(|e| e["status"] == "submitted"));
    let (a, b, c) = (
        entries[0]["id"].as_i64().unwrap(),
        entries[1]["id"].as_i64().unwrap(),
        entries.last().unwrap()["id"].as_i64().unwrap(),
    );

    let out = ana
        .run(
            &["timesheets", "approve", &a.to_string(), &c.to_string()],
            "",
        )
        .await;
    assert_ok(&out);
    assert_eq!(stdout(&out).matches("Approved entry").count(), 2);
    let api = server.demo_login(ANA).await;
    let (_, e) = api.get(&format!("/api/v1/timesheets/{a}")).await;
    assert_eq!(e["status"], "approved", "{e}");

    let out = ana
        .run(
            &[
                "timesheets",
                "reject",
                &b.to_string(),
                "--reason",
                "Break missing",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    let (_, e) = api.get(&format!("/api/v1/timesheets/{b}")).await;
    assert_eq!(
        (e["status"].as_str(), e["reason"].as_str()),
        (Some("rejected"), Some("Break missing"))
    );

    // All or nothing: an approved entry cannot be approved again.
    let out = ana
        .run(&["timesheets", "approve", &a.to_string()], "")
        .await;
    assert_eq!(code(&out), Some(1), "{}", stdout(&out));
    assert!(!stderr(&out).is_empty());
    assert_eq!(
        code(&ana.run(&["timesheets", "approve"], "").await),
        Some(2)
    );
    assert_eq!(
        code(
            &ana.run(&["timesheets", "list", "--status", "done"], "")
                .await
        ),
        Some(2)
    );

    // The table: entries with their status and reason, then the totals.
    let out = ana
        .run(&["timesheets", "list", "--week", "2026-11-16"], "")
        .await;
    assert_ok(&out);
    let text = stdout(&out);
    assert!(text.starts_with("Week 2026-11-16 to 2026-11-22"), "{text}");
    let row = text
        .lines()
        .find(|l| l.starts_with(&format!("{b} ")))
        .unwrap();
    assert!(
        row.contains("rejected") && row.contains("Break missing"),
        "{row}"
    );
    assert!(row.contains("08:00–16:30"), "local times: {row}");
    assert!(
        text.contains("WORKER") && text.contains("APPROVED"),
        "{text}"
    );

    // Export: the two approved weeks of four workers, and the two just approved.
    let out = ana
        .run(
            &[
                "timesheets",
                "export",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-25",
            ],
            "",
        )
        .await;
    assert_ok(&out);
    let csv = stdout(&out);
    assert!(csv.starts_with("entry,worker,organisation,location,date"));
    assert_eq!(csv.lines().count(), 1 + 4 * 10 + 2, "{csv}");
    assert!(csv.contains(&format!("\r\n{a},")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_submits_a_draft_and_approvers_see_who_is_working() {
    let server = demo_on_wednesday().await;
    let wendy = Cli::new(&server.base);
    wendy.login(WENDY).await;
    let drafts = json_out(
        &wendy
            .run(&["timesheets", "list", "--status", "draft", "--json"], "")
            .await,
    );
    let id = drafts["entries"][0]["id"].as_i64().unwrap();
    let out = wendy
        .run(&["timesheets", "submit", &id.to_string()], "")
        .await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with(&format!("Submitted entry {id}")));
    let (_, e) = server
        .demo_login(WENDY)
        .await
        .get(&format!("/api/v1/timesheets/{id}"))
        .await;
    assert_eq!(e["status"], "submitted");
    // A worker approves nothing.
    let out = wendy
        .run(&["timesheets", "approve", &id.to_string()], "")
        .await;
    assert_eq!(code(&out), Some(1));

    let ana = Cli::new(&server.base);
    ana.login(ANA).await;
    let out = ana.run(&["working"], "").await;
    assert_ok(&out);
    let text = stdout(&out);
    let row = text.lines().find(|l| l.contains("Xena Xu")).unwrap();
    assert!(row.contains("late") && row.contains("Berlin HQ"), "{row}");
    assert!(text.contains("no-show"), "{text}");
    let shifts = json_out(&ana.run(&["working", "--json"], "").await);
    assert!(
        shifts
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["location"]["name"] != "Springfield")
    );
}

/// Runs `portico args` with its standard output already closed by the
/// reader, as `portico … | head -1` ends up: it must end quietly.
async fn with_closed_stdout(cli: &Cli, args: &[&str]) -> std::process::Output {
    let mut child = cli.command(args).spawn().unwrap();
    drop(child.stdin.take());
    // The reading end goes away before the first byte is written.
    drop(child.stdout.take());
    tokio::time::timeout(std::time::Duration::from_secs(30), child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("portico {args:?} hung"))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_ends_quietly_on_a_closed_pipe() {
    use std::os::unix::process::ExitStatusExt;
    let server = TestServer::demo().await;
    let cli = Cli::new(&server.base);
    cli.login(AGENT).await;
    let commands: &[&[&str]] = &[
        &["whoami"],
        &["whoami", "--json"],
        &["tickets", "list"],
        &["tickets", "list", "--json"],
        &["tickets", "show", "1"],
        &["orders", "list"],
        &["orders", "list", "--json"],
        &["working"],
        &["timesheets", "list"],
        &["--help"],
    ];
    for args in commands {
        let out = with_closed_stdout(&cli, args).await;
        let err = stderr(&out);
        assert!(
            out.status.code() == Some(0) || out.status.signal() == Some(13),
            "portico {args:?} on a closed pipe: {:?}\n{err}",
            out.status
        );
        assert!(!err.contains("panicked"), "portico {args:?}: {err}");
        assert!(err.is_empty(), "portico {args:?} said: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portico_server_in_the_environment_serves_every_command_login_included() {
    let server = TestServer::demo().await;
    let cli = Cli::new(&server.base);
    let env_run = |args: &'static [&'static str], stdin: String| {
        let mut c = cli.command(args);
        c.env("PORTICO_SERVER", &server.base);
        async move {
            let mut child = c.spawn().unwrap();
            let mut input = child.stdin.take().unwrap();
            tokio::io::AsyncWriteExt::write_all(&mut input, stdin.as_bytes())
                .await
                .unwrap();
            drop(input);
            child.wait_with_output().await.unwrap()
        }
    };
    // No --server anywhere, and nothing remembered yet.
    let out = env_run(
        &[
            "login",
            "--email",
            AGENT,
            "--password-stdin",
            "--token-store",
            "file",
        ],
        format!("{}\n", portico_tests::DEMO_PASSWORD),
    )
    .await;
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "Signed in as Sam Agent (agent)");
    let out = env_run(&["whoami"], String::new()).await;
    assert_ok(&out);
    assert!(stdout(&out).contains(&server.base), "{}", stdout(&out));
    for args in [
        &["tickets", "list"][..],
        &["orders", "list"],
        &["timesheets", "list"],
    ] {
        let out = env_run(args, String::new()).await;
        assert_ok(&out);
    }
    // Without it (and nothing remembered elsewhere), login asks which server.
    let fresh = Cli::new(&server.base);
    let out = fresh
        .run(&["login", "--email", AGENT, "--password-stdin"], "x\n")
        .await;
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).contains("PORTICO_SERVER"), "{}", stderr(&out));
}
