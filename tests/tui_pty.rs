//! The real `portico` app in a pseudo-terminal (portable-pty + vt100): sign in, triage the
//! inbox, reply, see another person's ticket arrive live, quit cleanly; and
//! escape sequences from the server leave the screen and the pty clean.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Pty, portico_bin};
use portico_tests::{DEMO_PASSWORD, TestServer};
use reqwest::StatusCode;
use serde_json::{Value, json};

const AGENT: &str = "sam@portico.example";
const CLIENT: &str = "carla@globex.example";

/// The server on a runtime of its own, so the test thread may block on the pty.
struct Served {
    server: Option<TestServer>,
    rt: tokio::runtime::Runtime,
}

impl Served {
    fn demo() -> Served {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(TestServer::demo());
        Served {
            server: Some(server),
            rt,
        }
    }

    fn base(&self) -> String {
        self.server.as_ref().unwrap().base.clone()
    }

    /// Signs in over HTTP and calls `path` as that person.
    fn call(
        &self,
        who: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let server = self.server.as_ref().unwrap();
        self.rt.block_on(async {
            let api = server.demo_login(who).await;
            api.call(method, path, body).await
        })
    }

    fn token(&self, who: &str) -> String {
        let server = self.server.as_ref().unwrap();
        self.rt.block_on(server.demo_login(who)).token.unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            self.rt.block_on(s.stop());
        }
    }
}

/// A row or line of the screen holding `text`.
fn line_with<'a>(screen: &'a str, text: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.contains(text))
}

#[test]
fn sign_in_triage_reply_live_update_and_quit() {
    let served = Served::demo();
    let base = served.base();
    let config = tempfile::tempdir().unwrap();
    let config_path = config.path().to_str().unwrap().to_owned();
    // An "editor" that writes a note, to compose through $EDITOR.
    let editor = config.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Written in the editor' > \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let editor = editor.to_str().unwrap().to_owned();
    let pty = Pty::start(
        &portico_bin(),
        &["--server", &base, "--token-store", "file"],
        &[
            ("XDG_CONFIG_HOME", &config_path),
            ("HOME", &config_path),
            ("EDITOR", &editor),
            ("VISUAL", &editor),
        ],
        100,
        30,
    );

    // Sign in on the login screen, which carries the branding.
    pty.wait_text("Sign in to");
    pty.type_text(AGENT);
    pty.keys(&["Enter"]);
    pty.type_text(DEMO_PASSWORD);
    pty.keys(&["Enter"]);
    pty.wait_text("Welcome, Sam Agent");
    assert!(
        config.path().join("portico/credentials.json").exists(),
        "the token is remembered"
    );

    // The inbox: narrow it to one ticket, assign it to the first staff member with a deadline.
    pty.keys(&["Enter"]);
    pty.wait_text("Unassigned");
    pty.wait_text("VPN drops");
    pty.keys(&["/"]);
    pty.type_text("VPN");
    pty.keys(&["Enter"]);
    pty.wait_for("the filtered list", |s| {
        s.contains("filter: VPN") && s.contains("VPN drops")
    });
    // Full-text search also finds tickets that mention VPN in their body:
    // move the cursor onto the one we mean.
    let screen = pty.screen();
    let rows: Vec<&str> = screen.lines().skip(3).collect();
    let at = rows.iter().position(|l| l.contains("VPN drops")).unwrap();
    let id: i64 = rows[at]
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap();
    pty.keys(&["g"]);
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["a"]);
    pty.wait_text("Assign to:");
    let (_, staff) = served.call(AGENT, reqwest::Method::GET, "/api/v1/staff", None);
    let first = staff[0]["name"].as_str().unwrap().to_owned();
    pty.wait_text(&first);
    pty.keys(&["Tab"]);
    pty.type_text("2026-12-01");
    pty.keys(&["Enter"]);
    pty.wait_for("the assignee in the row", |s| {
        line_with(s, "VPN drops").is_some_and(|l| l.contains(&first[..first.len().min(10)]))
    });
    let (_, t) = served.call(
        AGENT,
        reqwest::Method::GET,
        &format!("/api/v1/tickets/{id}"),
        None,
    );
    assert_eq!(t["assignee"]["name"], first.as_str());
    assert_eq!(t["deadline"], "2026-12-01T17:00:00Z");

    // Open it and reply in the built-in editor.
    pty.keys(&["g"]);
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["Enter"]);
    pty.wait_text("opened the ticket");
    pty.keys(&["r"]);
    pty.wait_text("Reply");
    pty.type_text("We are on it.");
    pty.keys(&["C-s"]);
    pty.wait_text("Reply sent");
    let (_, msgs) = served.call(
        AGENT,
        reqwest::Method::GET,
        &format!("/api/v1/threads/{}/messages", t["thread_id"]),
        None,
    );
    assert!(
        msgs["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["body"] == "We are on it.")
    );

    // Back to the whole inbox; a client's new ticket appears without a refresh.
    // (Each Escape waits for its answer: ESC and the next key at once read as Alt.)
    pty.keys(&["Escape"]);
    pty.wait_text("filter: VPN");
    pty.keys(&["/", "C-u", "Enter"]);
    pty.wait_for("the unfiltered list", |s| {
        !s.contains("filter:") && s.contains("Invoice PDF")
    });
    let (status, _) = served.call(
        CLIENT,
        reqwest::Method::POST,
        "/api/v1/tickets",
        Some(json!({"subject": "Forklift battery will not charge", "body": "Since this morning."})),
    );
    assert_eq!(status, StatusCode::CREATED);
    // In the list itself, not only in the status line's notice.
    pty.wait_for("the new ticket as a row", |s| {
        let lines: Vec<&str> = s.lines().collect();
        lines.len() > 4
            && lines[3..lines.len() - 1]
                .iter()
                .any(|l| l.contains("Forklift battery will not"))
    });

    // Help lists this view's keys; q quits and the terminal is given back.
    pty.keys(&["?"]);
    pty.wait_text("assign to me, next");
    pty.keys(&["Escape"]);
    pty.wait_for("help to close", |s| !s.contains("assign to me, next"));
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    let raw = pty.raw_output();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(400)..]).into_owned();
    assert!(
        tail.contains("\u{1b}[?1049l"),
        "the alternate screen was left: {tail:?}"
    );
}

#[test]
fn escape_sequences_leave_the_screen_and_the_pty_clean() {
    let served = Served::demo();
    let payload = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}c\u{9b}31m\u{9d}0;X\u{9c}\u{202e}gnp.exe\u{2066}";
    let (status, t) = served.call(
        CLIENT,
        reqwest::Method::POST,
        "/api/v1/tickets",
        Some(
            json!({"subject": "Placeholder", "body": format!("Body {payload} end\r\nsecond line")}),
        ),
    );
    assert_eq!(status, StatusCode::CREATED, "{t}");
    // The API refuses control characters in subjects; an import might not.
    let conn = rusqlite::Connection::open(served.server.as_ref().unwrap().db_path()).unwrap();
    conn.execute(
        "UPDATE tickets SET subject = ?1 WHERE id = ?2",
        rusqlite::params![format!("Evil {payload} subject"), t["id"].as_i64().unwrap()],
    )
    .unwrap();
    drop(conn);

    // Signed in through the environment, as scripts and SSH sessions may be.
    let token = served.token(AGENT);
    let base = served.base();
    let config = tempfile::tempdir().unwrap();
    let config_path = config.path().to_str().unwrap().to_owned();
    let pty = Pty::start(
        &portico_bin(),
        &[],
        &[
            ("XDG_CONFIG_HOME", &config_path),
            ("PORTICO_TOKEN", &token),
            ("PORTICO_SERVER", &base),
        ],
        100,
        30,
    );
    pty.wait_text("Welcome, Sam Agent");
    pty.keys(&["Enter"]);
    // The newest ticket comes first.
    let screen = pty.wait_for("the inbox", |s| {
        s.contains("Unassigned  Mine") && s.lines().nth(3).is_some_and(|l| l.contains("Evil"))
    });
    assert!(screen.lines().nth(3).unwrap().contains("Evil"), "{screen}");
    pty.keys(&["Enter"]);
    let screen = pty.wait_text("second line");
    // The frame is intact: header, facts, thread and status line where they belong.
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].contains("Sam Agent (agent)"), "{screen}");
    assert!(
        lines[1].contains("Evil") && lines[1].contains("subject"),
        "{screen}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Body") && l.contains("end")),
        "{screen}"
    );
    assert!(lines[29].contains("q quit"), "{screen}");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);

    let raw = pty.raw_output();
    let text = String::from_utf8_lossy(&raw);
    for (what, needle) in [
        ("OSC 52", "\u{1b}]52"),
        ("the OSC 0 title", "PWNED"),
        ("RIS", "\u{1b}c"),
        ("C1 CSI", "\u{9b}"),
        ("C1 OSC", "\u{9d}"),
        ("a bidi override", "\u{202e}"),
        ("a bidi isolate", "\u{2066}"),
        ("a bare BEL", "pwned\u{7}"),
    ] {
        assert!(!text.contains(needle), "{what} reached the terminal");
    }
}

#[test]
fn the_demo_starts_signed_in_in_80x24_and_switches_accounts() {
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_str().unwrap().to_owned();
    let downloads = home.path().join("Downloads");
    std::fs::create_dir(&downloads).unwrap();
    let pty = Pty::start(
        &portico_bin(),
        &["demo"],
        &[("XDG_CONFIG_HOME", &home_path), ("HOME", &home_path)],
        80,
        24,
    );
    let screen = pty.wait_text("Welcome, Sam Agent");
    assert!(screen.lines().count() <= 24);
    pty.keys(&["Enter"]);
    pty.wait_text("VPN drops");
    // Download an attachment: every ticket, the one with a quote, its files pane.
    pty.keys(&[":"]);
    pty.type_text("all");
    pty.keys(&["Enter"]);
    pty.wait_text("second mon");
    pty.keys(&["/"]);
    pty.type_text("monitor");
    pty.keys(&["Enter"]);
    pty.wait_text("filter: monitor");
    // The header changes first; the narrowed rows arrive after.
    let screen = pty.wait_for("the narrowed list", |s| {
        s.contains("filter: monitor") && s.contains("second mon")
    });
    let at = screen
        .lines()
        .skip(3)
        .position(|l| l.contains("second mon"))
        .unwrap();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["Enter"]);
    pty.wait_text("monitor-quote.txt");
    pty.keys(&["Tab"]);
    pty.wait_text("Enter download");
    pty.keys(&["Enter"]);
    pty.wait_text("Saved");
    let saved = std::fs::read_to_string(downloads.join("monitor-quote.txt")).unwrap();
    assert!(saved.starts_with("24in monitor"), "{saved}");
    pty.keys(&["Escape"]);
    pty.wait_text("filter: monitor");
    // Sign out through the palette (it asks first), then take the client account.
    pty.keys(&[":"]);
    pty.type_text("logout");
    pty.keys(&["Enter"]);
    pty.wait_text("Sign out?");
    pty.keys(&["y"]);
    pty.wait_text("Signed out.");
    pty.keys(&["F2"]);
    pty.wait_text("client:");
    pty.keys(&["Enter"]);
    let screen = pty.wait_text("Welcome,");
    assert!(screen.contains("(client)"), "{screen}");
    // A client opens a ticket in the built-in editor; it joins their list.
    pty.keys(&["t"]);
    pty.wait_text("Open  Closed");
    pty.keys(&["n"]);
    pty.wait_text("New ticket");
    pty.type_text("Coffee machine leaks");
    pty.keys(&["Tab"]);
    pty.type_text("Water on the floor again.");
    pty.keys(&["C-s"]);
    pty.wait_for("the new ticket in the list", |s| {
        !s.contains("New ticket")
            && s.contains("created")
            && s.lines()
                .nth(3)
                .is_some_and(|l| l.contains("Coffee machine leaks"))
    });
    // Server logs never reach the screen.
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(
        !raw.contains("INFO") && !raw.contains("request"),
        "server logs on screen"
    );
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_client_submits_an_order_through_the_form_and_sees_it_listed() {
    const ANA: &str = "ana@northwind.example";
    let served = Served::demo();
    let base = served.base();
    let config = tempfile::tempdir().unwrap();
    let config_path = config.path().to_str().unwrap().to_owned();
    let plan = config.path().join("site-plan.txt");
    std::fs::write(&plan, "Loading bay 4").unwrap();
    let downloads = config.path().join("Downloads");
    std::fs::create_dir(&downloads).unwrap();
    let pty = Pty::start(
        &portico_bin(),
        &["--server", &base, "--token-store", "file"],
        &[("XDG_CONFIG_HOME", &config_path), ("HOME", &config_path)],
        100,
        40,
    );
    pty.wait_text("Sign in to");
    pty.type_text(ANA);
    pty.keys(&["Enter"]);
    pty.type_text(DEMO_PASSWORD);
    pty.keys(&["Enter"]);
    pty.wait_text("Welcome, Ana Lima");

    // The orders, from the dashboard; then the form the server gives.
    pty.keys(&["o"]);
    pty.wait_text("Forklift drivers for the December peak");
    pty.keys(&["n"]);
    pty.wait_text("New order · Staffing request");
    pty.type_text("Pallet drivers for January");
    pty.keys(&["Tab", "Right", "Tab", "Right", "Tab"]);
    pty.type_text("80");
    pty.keys(&["Tab"]);
    pty.type_text("2027-01-11");
    pty.keys(&["Tab", "Space", "Tab"]);
    pty.type_text("Gate 2");
    pty.keys(&["Tab", "Tab"]);
    pty.type_text(plan.to_str().unwrap());
    // Checked before sending: the error shows under its field.
    pty.keys(&["C-s"]);
    let screen = pty.wait_text("must be at most 50");
    let lines: Vec<&str> = screen.lines().collect();
    let field = lines
        .iter()
        .position(|l| l.contains("How many people?"))
        .unwrap();
    assert!(
        lines[field + 1..field + 3]
            .iter()
            .any(|l| l.contains("✗ must be at most 50")),
        "{screen}"
    );
    assert!(
        screen.contains("1 field needs attention"),
        "the status line says so: {screen}"
    );
    // The focus went to the field in error: fix it and send.
    pty.keys(&["C-u"]);
    pty.type_text("2");
    pty.keys(&["C-s"]);
    let screen = pty.wait_for("the new order at the top of the list", |s| {
        !s.contains("New order · Staffing")
            && s.contains("submitted")
            && s.lines()
                .nth(3)
                .is_some_and(|l| l.contains("Pallet drivers for January"))
    });
    let row = screen.lines().nth(3).unwrap();
    assert!(
        row.contains("Berlin HQ") && row.contains("Submitted"),
        "{screen}"
    );

    // The server holds what was typed, and the file went up first.
    let (_, page) = served.call(ANA, reqwest::Method::GET, "/api/v1/orders", None);
    let created = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Pallet drivers for January")
        .unwrap()
        .clone();
    let (_, detail) = served.call(
        ANA,
        reqwest::Method::GET,
        &format!("/api/v1/orders/{}", created["id"]),
        None,
    );
    let values = &detail["values"];
    assert_eq!(values["role"], "Forklift driver");
    assert_eq!(values["headcount"], 2);
    assert_eq!(values["start_date"], "2027-01-11");
    assert_eq!(values["shifts"], json!(["early"]));
    assert_eq!(values["contact"], "Gate 2");
    assert!(values["site_plan"].as_i64().is_some(), "{detail}");

    // Open it: the submission leads its thread.
    pty.keys(&["g", "Enter"]);
    pty.wait_text("submitted the order (Staffing request v1)");
    pty.wait_text("How many people?: 2");
    pty.keys(&["Escape"]);
    pty.wait_text("Pallet drivers for January");

    // A delivered order's deliverable downloads into ~/Downloads.
    pty.keys(&["Tab", "Tab", "Tab", "Tab"]);
    pty.wait_for("the delivered tab", |s| {
        s.contains("Year-end inventory count") && !s.contains("Pallet drivers")
    });
    pty.keys(&["Enter"]);
    pty.wait_text("inventory-count.csv");
    pty.keys(&["Tab"]);
    pty.wait_text("Enter download");
    pty.keys(&["Enter"]);
    pty.wait_text("Saved");
    assert_eq!(
        std::fs::read_to_string(downloads.join("inventory-count.csv")).unwrap(),
        "aisle,items\n1,412\n2,388\n"
    );
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn staff_accept_an_order_staff_it_and_attach_a_deliverable() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let config_path = config.path().to_str().unwrap().to_owned();
    let rota = config.path().join("rota.txt");
    std::fs::write(&rota, "Mon-Fri nights: Wendy").unwrap();
    let token = served.token(AGENT);
    let base = served.base();
    let pty = Pty::start(
        &portico_bin(),
        &[],
        &[
            ("XDG_CONFIG_HOME", &config_path),
            ("PORTICO_TOKEN", &token),
            ("PORTICO_SERVER", &base),
        ],
        100,
        30,
    );
    pty.wait_text("Welcome, Sam Agent");
    pty.keys(&[":"]);
    pty.type_text("orders");
    pty.keys(&["Enter"]);
    let screen = pty.wait_text("Night dispatcher cover");
    assert!(
        screen.contains("Springfield") && screen.contains("Hamburg Depot"),
        "staff see every organisation's: {screen}"
    );
    let at = screen
        .lines()
        .skip(3)
        .position(|l| l.contains("Night dispatcher cover"))
        .unwrap();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["Enter"]);
    pty.wait_text("No items yet.");
    pty.wait_text("> accepted");

    // Accept it (asked first).
    pty.keys(&[">"]);
    pty.wait_text("to accepted?");
    pty.keys(&["y"]);
    pty.wait_text("Status Accepted");

    // An item, then a deliverable from a path.
    pty.keys(&["+"]);
    pty.wait_text("Add an item");
    pty.type_text("Dispatcher, nights");
    pty.keys(&["Tab", "Tab"]);
    pty.wait_text("Starts (Europe/Berlin)");
    pty.type_text("2027-01-04 22:00");
    pty.keys(&["C-s"]);
    pty.wait_for("the item in its pane", |s| {
        !s.contains("Add an item") && s.contains("Items (1)") && s.contains("Dispatcher, nights")
    });
    pty.keys(&["u"]);
    pty.wait_text("Attach a deliverable");
    pty.type_text(rota.to_str().unwrap());
    pty.keys(&["C-s"]);
    pty.wait_for("the deliverable in its pane", |s| {
        !s.contains("Attach a deliverable") && s.contains("rota.txt")
    });

    let (_, page) = served.call(
        AGENT,
        reqwest::Method::GET,
        "/api/v1/orders?limit=200",
        None,
    );
    let id = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Night dispatcher cover")
        .unwrap()["id"]
        .clone();
    let (_, d) = served.call(
        AGENT,
        reqwest::Method::GET,
        &format!("/api/v1/orders/{id}"),
        None,
    );
    assert_eq!(d["order"]["status"], "accepted");
    assert_eq!(d["items"][0]["description"], "Dispatcher, nights");
    // Typed on Hamburg's clocks (the form names the zone), UTC+1 in January.
    assert_eq!(d["items"][0]["starts_at"], "2027-01-04T21:00:00Z");
    assert_eq!(d["deliverables"][0]["file_name"], "rota.txt");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_client_joins_from_the_sign_in_screen_with_an_invite_code() {
    let served = Served::demo();
    let (_, orgs) = served.call(
        "admin@portico.example",
        reqwest::Method::GET,
        "/api/v1/organizations?q=Globex",
        None,
    );
    let globex = orgs["items"][0]["id"].as_i64().unwrap();
    let (status, _) = served.call(
        "admin@portico.example",
        reqwest::Method::PATCH,
        &format!("/api/v1/organizations/{globex}"),
        Some(json!({"welcome": "Your engineer this month is Priya."})),
    );
    assert_eq!(status, StatusCode::OK);
    let (status, invite) = served.call(
        "admin@portico.example",
        reqwest::Method::POST,
        "/api/v1/invites",
        Some(json!({"email": "gil@globex.example", "name": "Gil Grant",
                    "organization_id": globex, "role": "client"})),
    );
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    let code = invite["invite_code"].as_str().unwrap();

    let config = tempfile::tempdir().unwrap();
    let config_path = config.path().to_str().unwrap().to_owned();
    let base = served.base();
    let pty = Pty::start(
        &portico_bin(),
        &["--server", &base, "--token-store", "file"],
        &[("XDG_CONFIG_HOME", &config_path), ("HOME", &config_path)],
        100,
        30,
    );
    pty.wait_text("I have an invite code");
    pty.keys(&["F3"]);
    pty.wait_text("Join ");
    pty.type_text(code);
    pty.keys(&["Enter"]);
    pty.type_text("short");
    pty.keys(&["Tab"]);
    pty.type_text("short");
    pty.keys(&["Enter"]);
    pty.wait_text("at least 10 characters");
    // Start the passwords again.
    pty.keys(&["BTab"]);
    pty.keys(&["BSpace"; 5]);
    pty.type_text("gil's long password");
    pty.keys(&["Tab"]);
    pty.keys(&["BSpace"; 5]);
    pty.type_text("gil's long password");
    pty.keys(&["Enter"]);
    pty.wait_text("Welcome, Gil Grant");
    pty.wait_text("Your engineer this month is Priya.");
    assert!(
        config.path().join("portico/credentials.json").exists(),
        "the token is remembered, as after a sign-in"
    );
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    // The chosen password signs in from now on.
    let server = served.server.as_ref().unwrap();
    served
        .rt
        .block_on(server.login("gil@globex.example", "gil's long password"));
}

#[test]
fn staff_open_a_ticket_for_an_organisation_and_its_contact() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, AGENT, &config);
    pty.wait_text("Welcome, Sam Agent");
    pty.keys(&["n"]);
    pty.wait_text("For:");
    pty.type_text("globex");
    pty.wait_text("Globex Corporation (1 of 1)");
    pty.keys(&["Tab", "Down"]);
    pty.wait_text("Carla");
    pty.keys(&["Tab"]);
    pty.type_text("Badge reader offline");
    pty.keys(&["Tab"]);
    pty.type_text("The lobby reader is dark since noon.");
    pty.keys(&["C-s"]);
    pty.wait_text("created");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    // Carla sees it as hers, in her organisation.
    let (_, mine) = served.call(CLIENT, reqwest::Method::GET, "/api/v1/tickets", None);
    let t = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["subject"] == "Badge reader offline")
        .unwrap_or_else(|| panic!("Carla sees the new ticket: {mine}"))
        .clone();
    assert_eq!(t["organization"]["name"], "Globex Corporation");
    assert!(
        t["requester"]["name"]
            .as_str()
            .unwrap()
            .starts_with("Carla")
    );
}

#[test]
fn an_admin_creates_an_organisation_and_invites_its_first_client_in_the_app() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, "admin@portico.example", &config);
    pty.wait_text("Welcome, ");
    pty.keys(&["A"]);
    pty.wait_text("showing: everyone");
    pty.keys(&["Tab"]);
    pty.wait_text("Globex Corporation");
    pty.keys(&["n"]);
    pty.wait_text("New organisation");
    pty.type_text("Harbour Bakery");
    pty.keys(&["Tab"]);
    pty.type_text("bakery, dublin");
    // Its contacts see its tickets from the day each joined.
    pty.keys(&["Tab", "Right", "Right"]);
    pty.wait_text("(•) since they joined");
    pty.keys(&["C-s"]);
    pty.wait_for("the new organisation listed", |s| {
        line_with(s, "Harbour Bakery").is_some_and(|l| l.contains("bakery, dublin"))
    });

    // Its locations: one added (a zone the app does not know is refused
    // before sending), then renamed into another zone.
    pty.keys(&["G", "l"]);
    pty.wait_text("locations of Harbour Bakery");
    pty.keys(&["n"]);
    pty.wait_text("New location of Harbour Bakery");
    pty.type_text("Quay Street");
    pty.keys(&["Tab"]);
    pty.type_text("Europe/Atlantis");
    pty.keys(&["C-s"]);
    pty.wait_text("not a known time zone");
    pty.keys(&["C-u"]);
    pty.type_text("Europe/Dublin");
    pty.keys(&["C-s"]);
    pty.wait_for("the location listed in its zone", |s| {
        line_with(s, "Quay Street").is_some_and(|l| l.contains("Europe/Dublin"))
    });
    pty.keys(&["e"]);
    pty.wait_text("Location Quay Street of Harbour Bakery");
    pty.keys(&["C-u"]);
    pty.type_text("Quay St.");
    pty.keys(&["Tab", "C-u"]);
    pty.type_text("Europe/London");
    pty.keys(&["C-s"]);
    pty.wait_for("the location renamed, in its new zone", |s| {
        line_with(s, "Quay St.").is_some_and(|l| l.contains("Europe/London"))
            && !s.contains("Quay Street")
    });
    pty.keys(&["Escape"]);
    pty.wait_text("bakery, dublin");

    pty.keys(&["i"]);
    pty.wait_text("Invite a person");
    pty.type_text("bea@harbour.example");
    pty.keys(&["Enter"]);
    pty.type_text("Bea Baker");
    pty.keys(&["Enter", "Enter"]);
    // The organisation is found by typing part of its name.
    pty.type_text("harb");
    pty.wait_text("Harbour Bakery (1 of 1)");
    pty.keys(&["C-s"]);
    let screen = pty.wait_text("Invite code for bea@harbour.example");
    let code = screen
        .lines()
        .find_map(|l| {
            // The box's line, between its borders (the list shows either side).
            let inner = l.split('│').nth(1)?.trim();
            (inner.len() == 64 && inner.chars().all(|c| c.is_ascii_hexdigit()))
                .then(|| inner.to_owned())
        })
        .unwrap_or_else(|| panic!("a code on screen: {screen}"));
    pty.keys(&["Escape"]);
    pty.wait_for("Bea listed as pending", |s| {
        line_with(s, "bea@harbour.example").is_some_and(|l| l.contains("pending"))
    });
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    // The code is a real one: Bea joins with it, into Harbour Bakery.
    let server = served.server.as_ref().unwrap();
    let (status, joined) = served.rt.block_on(server.api().post(
        "/api/v1/invites/accept",
        json!({"code": code, "password": "a long new password"}),
    ));
    assert_eq!(status, StatusCode::OK, "{joined}");
    let bea = server.api().with_token(joined["token"].as_str().unwrap());
    let (_, me) = served.rt.block_on(bea.get("/api/v1/me"));
    assert_eq!(me["organization"]["name"], "Harbour Bakery");
    let org = me["organization"]["id"].as_i64().unwrap();
    let admin = "admin@portico.example";
    let get = |path: String| served.call(admin, reqwest::Method::GET, &path, None).1;
    let saved = get(format!("/api/v1/organizations/{org}"));
    assert_eq!(saved["ticket_history"], "since_access", "{saved}");
    let places = get(format!("/api/v1/organizations/{org}/locations"));
    assert_eq!(places.as_array().unwrap().len(), 1, "{places}");
    assert_eq!(places[0]["name"], "Quay St.");
    assert_eq!(places[0]["timezone"], "Europe/London");
}

#[test]
fn staff_open_an_order_for_an_organisation_on_its_own_form() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, AGENT, &config);
    pty.wait_text("Welcome, Sam Agent");
    pty.keys(&[":"]);
    pty.type_text("orders");
    pty.keys(&["Enter"]);
    pty.wait_text("Night dispatcher cover");
    pty.keys(&["n"]);
    pty.wait_text("type part of its name");
    // Northwind first: its own staffing form comes; then Globex's, the default.
    pty.type_text("northw");
    pty.wait_text("Northwind");
    pty.wait_text("New order · Staffing request");
    pty.keys(&["C-u"]);
    pty.type_text("globex");
    pty.wait_text("Globex Corporation (1 of 1)");
    pty.wait_text("What do you need?");
    pty.keys(&["Enter"]);
    pty.type_text("Spare badge printer ribbons");
    // Globex has one location, chosen already.
    pty.keys(&["Tab", "Tab"]);
    pty.type_text("Two boxes, before Friday.");
    pty.keys(&["C-s"]);
    let screen = pty.wait_for("the new order listed", |s| {
        s.contains("submitted") && s.contains("Spare badge printer ribbons")
    });
    let row = line_with(&screen, "Spare badge printer ribbons").unwrap();
    assert!(row.contains("Springfield"), "{screen}");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    // Carla, Globex's contact, sees it in her organisation's orders.
    let (_, theirs) = served.call(CLIENT, reqwest::Method::GET, "/api/v1/orders", None);
    let o = theirs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Spare badge printer ribbons")
        .unwrap_or_else(|| panic!("Carla sees the new order: {theirs}"))
        .clone();
    assert_eq!(o["location"]["name"], "Springfield Plant");
}

#[test]
fn an_admin_views_the_app_as_a_contact_and_sees_the_banner() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, "admin@portico.example", &config);
    pty.wait_text("Welcome, ");
    pty.keys(&["A"]);
    let screen = pty.wait_text("ana@northwind.example");
    // The cursor starts on the first person; Ana is so many rows below.
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(".example")).collect();
    let downs = rows
        .iter()
        .position(|l| l.contains("ana@northwind.example"))
        .unwrap();
    for _ in 0..downs {
        pty.keys(&["Down"]);
    }
    pty.keys(&["V"]);
    let screen = pty.wait_text("VIEWING AS Ana Lima");
    assert!(screen.contains("read-only"), "{screen}");
    // Her own tickets, not the inbox: Globex's are not there.
    pty.keys(&["t"]);
    let screen = pty.wait_text("Tickets");
    assert!(!screen.contains("Globex"), "{screen}");
    pty.keys(&["V"]);
    pty.wait_for("back as the admin", |s| {
        !s.contains("VIEWING AS") && s.contains("Admin")
    });
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    // The view was opened once, audited, and is over.
    let server = served.server.as_ref().unwrap();
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM audit_log WHERE action = 'user.view_as'"),
        1
    );
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM sessions WHERE viewed_by IS NOT NULL AND revoked_at IS NULL"
        ),
        0
    );
}

/// The code an authenticator shows for `secret` at `at` (Unix seconds).
fn totp_at(secret: &str, at: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(secret).build().unwrap();
    totp.generate(u64::try_from(at).unwrap()).to_string()
}

#[test]
fn a_client_turns_on_two_factor_in_the_app_and_signs_in_with_a_code() {
    const ANA: &str = "ana@northwind.example";
    // The server's clock stands still, so the codes computed here are its own.
    const T: i64 = 1_795_622_400;
    let served = Served::demo();
    let server = served.server.as_ref().unwrap();
    server.state.clock.set(T);
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, ANA, &config);
    pty.wait_text("Welcome, Ana Lima");
    pty.keys(&["S"]);
    pty.wait_text("Two-factor sign-in: off");
    pty.keys(&["e"]);
    let screen = pty.wait_text("Secret: ");
    let secret = screen
        .lines()
        .find_map(|l| l.split("Secret: ").nth(1))
        .map(|s| s.trim().to_owned())
        .unwrap();
    pty.keys(&["e"]);
    pty.wait_text("Confirm two-factor sign-in");
    pty.type_text(&totp_at(&secret, T));
    pty.keys(&["C-s"]);
    let screen = pty.wait_text("Two-factor sign-in is on");
    assert!(screen.contains("recovery codes"), "{screen}");
    pty.keys(&["Escape", "q"]);
    assert_eq!(pty.wait_exit(), 0);

    // On a fresh machine: the password, then the code of a later step.
    server.state.clock.set(T + 30);
    let fresh = tempfile::tempdir().unwrap();
    let fresh_path = fresh.path().to_str().unwrap().to_owned();
    let base = served.base();
    let pty = Pty::start(
        &portico_bin(),
        &["--server", &base, "--token-store", "file"],
        &[("XDG_CONFIG_HOME", &fresh_path), ("HOME", &fresh_path)],
        100,
        30,
    );
    pty.wait_text("Sign in to");
    pty.type_text(ANA);
    pty.keys(&["Enter"]);
    pty.type_text(DEMO_PASSWORD);
    pty.keys(&["Enter"]);
    pty.wait_text("The 6-digit code your authenticator shows");
    pty.type_text(&totp_at(&secret, T + 30));
    pty.keys(&["Enter"]);
    pty.wait_text("Welcome, Ana Lima");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

/// The app signed in as `who` by token, in a 100×30 terminal.
fn app_as(served: &Served, who: &str, config: &tempfile::TempDir) -> Pty {
    let token = served.token(who);
    let base = served.base();
    let config_path = config.path().to_str().unwrap().to_owned();
    Pty::start(
        &portico_bin(),
        &[],
        &[
            ("XDG_CONFIG_HOME", &config_path),
            ("PORTICO_TOKEN", &token),
            ("PORTICO_SERVER", &base),
        ],
        100,
        30,
    )
}

#[test]
fn an_approver_approves_a_submitted_entry_of_last_week() {
    const ANA: &str = "ana@northwind.example";
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, ANA, &config);
    pty.wait_text("Welcome, Ana Lima");

    // Who's working first: the demo's late worker shows, live.
    pty.keys(&["w"]);
    let screen = pty.wait_text("Xena Xu");
    assert!(
        line_with(&screen, "Xena Xu").unwrap().contains("late"),
        "{screen}"
    );

    // The week, then the week before, where entries wait for approval.
    pty.keys(&["T"]);
    pty.wait_text("Week of");
    pty.keys(&["Left"]);
    let screen = pty.wait_for("last week's submitted entries", |s| {
        s.contains("submitted") && s.contains("Totals per worker")
    });
    let monday = screen
        .lines()
        .nth(1)
        .and_then(|l| l.split("Week of ").nth(1))
        .unwrap()
        .to_owned();
    let rows: Vec<&str> = screen.lines().skip(3).collect();
    let at = rows.iter().position(|l| l.contains("submitted")).unwrap();
    let row = rows[at].to_owned();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["a"]);
    pty.wait_text("Approved 1 entry");
    let screen = pty.screen();
    assert!(
        screen.lines().nth(3 + at).unwrap().contains("approved"),
        "the row shows it: {screen}"
    );

    // The server holds the decision: the entry of the row chosen (its
    // worker and day; weeks are told apart by their dates) is approved, by Ana.
    let day = &row[2..12];
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let since = today.checked_sub(jiff::Span::new().days(21)).unwrap();
    let recent = format!("/api/v1/timesheets?from={since}&to={today}");
    let (status, list) = served.call(ANA, reqwest::Method::GET, &recent, None);
    assert_eq!(status, StatusCode::OK, "{list}");
    let matching: Vec<&Value> = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let date: jiff::civil::Date = e["date"].as_str().unwrap().parse().unwrap();
            date.strftime("%a %d %b").to_string() == day
                && row.contains(e["worker"]["name"].as_str().unwrap())
        })
        .collect();
    assert_eq!(matching.len(), 1, "{monday} {row}: {list}");
    let e = matching[0];
    assert_eq!(e["status"], "approved", "{e}");
    assert_eq!(e["decided_by"]["name"], "Ana Lima", "{e}");

    // Another submitted entry, rejected with a reason typed in place.
    let screen = pty.screen();
    let rows: Vec<&str> = screen.lines().skip(3).collect();
    let next = rows.iter().position(|l| l.contains("submitted")).unwrap();
    pty.keys(&["g"]);
    for _ in 0..next {
        pty.keys(&["j"]);
    }
    pty.keys(&["r"]);
    pty.wait_text("Reject entry");
    pty.type_text("Break missing, please add it");
    pty.keys(&["Enter"]);
    pty.wait_text("Rejected ");
    let (_, list) = served.call(ANA, reqwest::Method::GET, &recent, None);
    assert!(
        list["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["reason"] == "Break missing, please add it"),
        "{list}"
    );
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_late_worker_clocks_in_from_the_clock_screen() {
    const XENA: &str = "xena@workers.example";
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, XENA, &config);
    // A worker starts at the clock, late for today's shift.
    let screen = pty.wait_text("Your clock");
    let screen = if screen.contains("State:") {
        screen
    } else {
        pty.wait_text("State:")
    };
    assert!(
        line_with(&screen, "State:").unwrap().contains("late"),
        "{screen}"
    );
    pty.keys(&["i"]);
    let screen = pty.wait_text("Clocked in at Berlin HQ");
    assert!(
        line_with(&screen, "State:").unwrap().contains("clocked in"),
        "{screen}"
    );
    let (status, clock) = served.call(XENA, reqwest::Method::GET, "/api/v1/clock", None);
    assert_eq!(status, StatusCode::OK);
    assert_eq!(clock["shift"]["state"], "clocked_in", "{clock}");
    // Clocking in twice: the server's refusal shows.
    pty.keys(&["i"]);
    pty.wait_text("✗ Refused:");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_worker_fixes_a_rejected_entry_and_submits_it_again() {
    const XENA: &str = "xena@workers.example";
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, XENA, &config);
    pty.wait_text("Your clock");
    // Last week holds the entry the approver rejected.
    pty.keys(&["T"]);
    pty.wait_text("Week of");
    pty.keys(&["Left"]);
    let screen = pty.wait_for("last week's rejected entry", |s| {
        s.lines().skip(3).any(|l| l.contains("rejected"))
    });
    let at = screen
        .lines()
        .skip(3)
        .position(|l| l.contains("rejected"))
        .unwrap();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    // The form: the whole reason above the fields, the times at Berlin HQ.
    pty.keys(&["e"]);
    let screen = pty.wait_text("Starts (Europe/Berlin)");
    assert!(
        screen.contains("The gate log shows 08:20 as the start; please correct it."),
        "{screen}"
    );
    let starts = line_with(&screen, "Starts (Europe/Berlin)").unwrap();
    assert!(starts.contains("08:00"), "{screen}");
    // 08:00 becomes 08:20, saved, then submitted again.
    pty.keys(&["BSpace", "BSpace"]);
    pty.type_text("20");
    pty.keys(&["C-s"]);
    pty.wait_text("s submits it");
    pty.keys(&["s"]);
    pty.wait_text("is submitted");

    // The server has it submitted again, starting 08:20 in Berlin.
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let since = today.checked_sub(jiff::Span::new().days(14)).unwrap();
    let recent = format!("/api/v1/timesheets?from={since}&to={today}");
    let (status, list) = served.call(XENA, reqwest::Method::GET, &recent, None);
    assert_eq!(status, StatusCode::OK, "{list}");
    let entries = list["entries"].as_array().unwrap();
    assert!(!entries.iter().any(|e| e["status"] == "rejected"), "{list}");
    let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let fixed: Vec<&Value> = entries
        .iter()
        .filter(|e| {
            let t: jiff::Timestamp = e["starts_at"].as_str().unwrap().parse().unwrap();
            t.to_zoned(berlin.clone()).strftime("%H:%M").to_string() == "08:20"
        })
        .collect();
    assert_eq!(fixed.len(), 1, "{list}");
    assert_eq!(fixed[0]["status"], "submitted", "{list}");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

/// The rows inside the box drawn on `screen` (between its `╭` and `╰`
/// rows), each the text between its side borders; `None` when no whole box
/// is on screen.
fn box_rows(screen: &str) -> Option<Vec<String>> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = lines.iter().position(|l| l.contains(&'╭'))?;
    let bottom = top + lines[top..].iter().position(|l| l.contains(&'╰'))?;
    // The box's own side borders, not those of panes drawn behind it.
    let left = lines[top].iter().position(|c| *c == '╭')?;
    let right = lines[top].iter().position(|c| *c == '╮')?;
    let mut rows = Vec::new();
    for l in &lines[top + 1..bottom] {
        if l.get(left) != Some(&'│') || l.get(right) != Some(&'│') {
            return None;
        }
        rows.push(l[left + 1..right].iter().collect());
    }
    Some(rows)
}

/// Every word that help may show: the key table's texts and key names.
fn help_words() -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    for b in portico::input::BINDINGS {
        words.extend(b.help.split_whitespace().map(str::to_owned));
        for k in b.keys {
            words.insert(portico::input::key_label(k));
        }
    }
    words
}

/// Opens help with `?` and checks it: a whole box, each word whole.
#[track_caller]
fn check_help(pty: &Pty, view: &str, words: &std::collections::HashSet<String>) {
    pty.keys(&["?"]);
    let screen = pty.wait_text("Keys · Esc closes");
    let rows = box_rows(&screen).unwrap_or_else(|| panic!("{view}: help is cut off:\n{screen}"));
    for row in &rows {
        for w in row.split_whitespace() {
            assert!(
                words.contains(w),
                "{view}: help shows {w:?}, part of no key's text (cut?):\n{screen}"
            );
        }
    }
    pty.keys(&["Escape"]);
    pty.wait_for("help to close", |s| !s.contains("Keys · Esc closes"));
}

/// Checks the dialog on screen: a whole box, and no row of text running
/// into its right border (where a cut word would end).
#[track_caller]
fn check_dialog(screen: &str, what: &str) {
    let rows = box_rows(screen).unwrap_or_else(|| panic!("{what}: no whole box:\n{screen}"));
    for row in &rows {
        let last = row.chars().last().unwrap_or(' ');
        assert!(
            last == ' ' || last == '▏',
            "{what}: a row runs into the border (cut?): {row:?}\n{screen}"
        );
    }
}

#[test]
fn at_80x24_every_help_and_dialog_shows_whole_words() {
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_str().unwrap().to_owned();
    let pty = Pty::start(
        &portico_bin(),
        &["demo"],
        &[("XDG_CONFIG_HOME", &home_path), ("HOME", &home_path)],
        80,
        24,
    );
    let words = help_words();
    pty.wait_text("Welcome, Sam Agent");
    check_help(&pty, "dashboard", &words);

    // The inbox and its dialogs.
    pty.keys(&["Enter"]);
    pty.wait_text("VPN drops");
    check_help(&pty, "inbox", &words);
    for (key, title, close) in [
        ("/", "╭ Filter tickets ", "Escape"),
        (":", "╭ Commands ", "Escape"),
        ("C", "╭ Are you sure? ", "n"),
        ("a", "╭ Assign ", "Escape"),
    ] {
        pty.keys(&[key]);
        let screen = pty.wait_text(title);
        check_dialog(&screen, title);
        pty.keys(&[close]);
        pty.wait_for("the dialog to close", |s| !s.contains(title));
    }
    pty.keys(&["n"]);
    let screen = pty.wait_text("New ticket");
    check_dialog(&screen, "new ticket");
    pty.keys(&["Escape"]);
    pty.wait_for("the editor to close", |s| !s.contains("New ticket"));

    // A ticket, its help and the reply editor.
    pty.keys(&["Enter"]);
    pty.wait_text("opened the ticket");
    check_help(&pty, "ticket", &words);
    pty.keys(&["r"]);
    let screen = pty.wait_text("Reply");
    check_dialog(&screen, "reply");
    pty.keys(&["Escape"]);
    pty.wait_for("the editor to close", |s| !s.contains("^S send"));

    // The orders: the list, an order, and its confirmations and item form.
    pty.keys(&["o"]);
    pty.wait_text("ORD-");
    check_help(&pty, "orders", &words);
    // One still open, so it may be cancelled.
    let screen = pty.screen();
    let at = screen
        .lines()
        .skip(3)
        .position(|l| l.contains("Submitted"))
        .unwrap();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["Enter"]);
    pty.wait_text("Items (");
    check_help(&pty, "order", &words);
    pty.keys(&["X"]);
    let screen = pty.wait_text("╭ Are you sure? ");
    assert!(
        screen.contains("undone."),
        "the whole question shows:\n{screen}"
    );
    check_dialog(&screen, "cancel an order");
    pty.keys(&["n"]);
    pty.wait_for("the question to close", |s| !s.contains("╭ Are you sure? "));
    pty.keys(&["+"]);
    let screen = pty.wait_text("Add an item");
    check_dialog(&screen, "item form");
    pty.keys(&["Escape"]);
    pty.wait_for("the form to close", |s| !s.contains("Add an item"));

    // Who's working and the timesheet week.
    pty.keys(&["w"]);
    pty.wait_text("Who's working");
    check_help(&pty, "who's working", &words);
    pty.keys(&["T"]);
    pty.wait_text("Week of");
    check_help(&pty, "timesheets", &words);

    // Quitting asks nothing more; the terminal is given back.
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_client_opens_a_project_timeline_and_marks_a_task_done() {
    const ANA: &str = "ana@northwind.example";
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, ANA, &config);
    pty.wait_text("Welcome, Ana Lima");

    // The projects, then the ERP migration's timeline.
    pty.keys(&["p"]);
    let screen = pty.wait_text("ERP migration");
    let rows: Vec<&str> = screen.lines().skip(3).collect();
    let at = rows
        .iter()
        .position(|l| l.contains("ERP migration"))
        .unwrap();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["Enter"]);
    let screen = pty.wait_for("the Gantt with its tasks", |s| {
        s.contains("▲ today") && s.contains("Approve the cut-over plan draft")
    });
    // Past phases done, the current one under way, the next to come; the
    // internal phase is not the client's.
    assert!(
        line_with(&screen, "Discovery ").unwrap().contains('█'),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Build ").unwrap().contains('▓'),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Go-live ").unwrap().contains('░'),
        "{screen}"
    );
    assert!(!screen.contains("Vendor contract review"), "{screen}");
    assert!(screen.contains("Build started on"), "{screen}");

    // Her overdue task is first: one key marks it done.
    pty.keys(&["x"]);
    let screen = pty.wait_text("Done: Approve the cut-over plan draft");
    assert!(
        line_with(&screen, "Approve the cut-over plan draft")
            .unwrap()
            .contains("[x]"),
        "{screen}"
    );
    let (status, done) = served.call(
        ANA,
        reqwest::Method::GET,
        "/api/v1/tasks?mine=true&status=done",
        None,
    );
    assert_eq!(status, StatusCode::OK);
    let titles: Vec<&str> = done["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Approve the cut-over plan draft"]);

    // Her task list: the finished one is gone, the next is due soonest.
    pty.keys(&["v"]);
    let screen = pty.wait_text("Send the signed data-processing agreement");
    let rows: Vec<&str> = screen.lines().skip(3).collect();
    assert!(
        rows.iter()
            .all(|l| !(l.contains("Approve the cut-over") && l.contains("ERP migration"))),
        "{screen}"
    );
    assert!(
        rows[0].contains("Send the signed data-processing agreement"),
        "{screen}"
    );
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_client_accepts_a_quote_and_saves_an_invoice_pdf() {
    const ANA: &str = "ana@northwind.example";
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let config_path = config.path().to_str().unwrap().to_owned();
    let downloads = config.path().join("Downloads");
    std::fs::create_dir(&downloads).unwrap();
    let token = served.token(ANA);
    let base = served.base();
    let pty = Pty::start(
        &portico_bin(),
        &[],
        &[
            ("XDG_CONFIG_HOME", &config_path),
            ("HOME", &config_path),
            ("PORTICO_TOKEN", &token),
            ("PORTICO_SERVER", &base),
        ],
        100,
        30,
    );
    pty.wait_text("Welcome, Ana Lima");
    pty.keys(&["i"]);
    pty.wait_text("INV-");
    pty.keys(&["Tab"]);
    let screen = pty.wait_text("QUO-");
    // The quote still waiting for an answer.
    let at = screen
        .lines()
        .skip(3)
        .position(|l| l.contains(" sent "))
        .unwrap();
    for _ in 0..at {
        pty.keys(&["j"]);
    }
    pty.keys(&["Enter"]);
    let screen = pty.wait_text("a: accept");
    assert!(screen.contains("Peak season pickers, 6 weeks"), "{screen}");
    pty.keys(&["a"]);
    let screen = pty.wait_text("╭ Are you sure? ");
    assert!(screen.contains("Accept quote QUO-"), "{screen}");
    pty.keys(&["y"]);
    pty.wait_for("the quote accepted", |s| {
        line_with(s, "Quote QUO-").is_some_and(|l| l.contains("accepted"))
    });
    let (_, quotes) = served.call(
        ANA,
        reqwest::Method::GET,
        "/api/v1/quotes?status=accepted",
        None,
    );
    assert_eq!(
        quotes["items"].as_array().unwrap().len(),
        2,
        "the demo's accepted quote and this one: {quotes}"
    );

    // An invoice's PDF goes into ~/Downloads under its number.
    pty.keys(&["Escape", "Tab"]);
    pty.wait_text("Due date");
    pty.keys(&["Enter"]);
    let screen = pty.wait_text("d: save the PDF");
    let number = line_with(&screen, "Invoice INV-")
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_owned();
    pty.keys(&["d"]);
    pty.wait_text("Saved");
    let pdf = std::fs::read(downloads.join(format!("{number}.pdf"))).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_client_searches_the_knowledge_base_and_reads_an_article() {
    const ANA: &str = "ana@northwind.example";
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, ANA, &config);
    pty.wait_text("Welcome, Ana Lima");

    // Her articles by category: the platinum one is hers, staff's is not.
    pty.keys(&["K"]);
    let screen = pty.wait_text("Escalating an incident (platinum)");
    assert!(
        screen.contains("Getting started") && screen.contains(" All "),
        "{screen}"
    );
    assert!(!screen.contains("Triage checklist"), "{screen}");

    // Searching as she types, with the server's search.
    pty.keys(&["/"]);
    pty.type_text("escalation");
    let screen = pty.wait_for("only the match listed", |s| {
        s.contains("/ escalation▏") && s.contains("1 articles")
    });
    assert!(!screen.contains("How to attach files"), "{screen}");
    pty.keys(&["Enter", "Enter"]);

    // The article, rendered from markdown.
    let screen = pty.wait_text("Incident escalation");
    assert!(
        screen.contains("within 30 minutes, day or night."),
        "{screen}"
    );
    assert!(screen.contains("2. Use the Incident form"), "{screen}");
    assert!(
        !screen.contains("**") && !screen.contains("## "),
        "{screen}"
    );
    pty.keys(&["Escape"]);
    pty.wait_text("/ escalation");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn an_admin_reads_the_mail_status_from_administration_and_the_palette() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, "admin@portico.example", &config);
    pty.wait_text("Welcome, ");
    pty.keys(&["A"]);
    pty.wait_text("ana@northwind.example");
    pty.keys(&["s"]);
    // The demo's mail: one sent, one refused for good, a stranger's held.
    let screen = pty.wait_text("Quarantined incoming mail");
    assert!(
        screen.contains("0 queued · 1 sent · 1 failed · 1 quarantined"),
        "{screen}"
    );
    let failed = line_with(&screen, "old.contact@globex").unwrap();
    assert!(
        failed.contains("failed") && failed.contains("permanent error"),
        "{failed}"
    );
    assert!(
        line_with(&screen, "deals@vendor.example").is_some(),
        "{screen}"
    );
    pty.keys(&["?"]);
    pty.wait_text("back to administration");
    pty.keys(&["Escape"]);
    pty.wait_for("help to close", |s| !s.contains("back to administration"));
    pty.keys(&["Escape"]);
    pty.wait_for("administration again", |s| {
        !s.contains("Quarantined incoming mail") && s.contains("ana@northwind.example")
    });
    // The palette opens it too.
    pty.keys(&[":"]);
    pty.wait_text("╭ Commands ");
    for k in ["m", "a", "i", "l"] {
        pty.keys(&[k]);
    }
    pty.wait_text("mail status");
    pty.keys(&["Enter"]);
    pty.wait_text("Quarantined incoming mail");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn staff_write_a_draft_invoice_with_one_line_and_send_it() {
    let served = Served::demo();
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, AGENT, &config);
    pty.wait_text("Welcome, Sam Agent");
    pty.keys(&["i"]);
    pty.wait_text("INV-");
    pty.keys(&["n"]);
    pty.wait_text("New draft invoice");
    // The organisation is searched by name, as for a new ticket.
    pty.type_text("globex");
    pty.wait_text("Globex Corporation (1 of 1)");
    // Currency (EUR), the due day (in 30 days), then the line.
    pty.keys(&["Tab", "Tab", "Tab"]);
    pty.type_text("Badge readers | 2 | 49.50 | 19");
    pty.wait_text("total 117.81 EUR");
    pty.keys(&["C-s"]);
    pty.wait_text("Draft saved");
    pty.keys(&["s"]);
    pty.wait_text("Send the draft invoice for 117.81 EUR");
    pty.keys(&["y"]);
    let screen = pty.wait_text("Sent as INV-");
    let number = line_with(&screen, "Sent as INV-")
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .to_owned();
    assert!(screen.contains(&format!("Invoice {number}")), "{screen}");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);
    // Globex's contact sees it, sent, with its one line.
    let (_, mine) = served.call(
        CLIENT,
        reqwest::Method::GET,
        &format!("/api/v1/invoices?number={number}"),
        None,
    );
    let found = &mine["items"][0];
    assert_eq!(found["number"], number.as_str(), "{mine}");
    assert_eq!(found["total"], "117.81");
    assert_eq!(found["status"], "sent");
}

#[test]
fn an_admin_schedules_and_cancels_a_shift_and_adds_a_field_a_client_then_gets() {
    let served = Served::demo();
    let server = served.server.as_ref().unwrap();
    let before = server.query_i64("SELECT COUNT(*) FROM shifts");
    let config = tempfile::tempdir().unwrap();
    let pty = app_as(&served, "admin@portico.example", &config);
    pty.wait_text("Welcome, ");

    // The week grid, from Admin: three weeks on, where nobody works yet.
    pty.keys(&["A"]);
    pty.wait_text("showing: everyone");
    pty.keys(&["W"]);
    let screen = pty.wait_text("times in ");
    // The first location, its zone named in the title.
    let zone = screen
        .lines()
        .find_map(|l| l.split("times in ").nth(1))
        .unwrap()
        .trim()
        .to_owned();
    pty.keys(&["]", "]", "]"]);
    pty.keys(&["a"]);
    pty.wait_text("Add a shift");
    pty.keys(&["Enter"]);
    pty.wait_for("the new shift's block", |s| {
        !s.contains("Add a shift") && s.contains("08:00–16:00")
    });
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM shifts"), before + 1);
    let starts = server.query_i64("SELECT MAX(starts_at) FROM shifts");
    let local = jiff::Timestamp::from_second(starts)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get(&zone).unwrap());
    assert_eq!(local.strftime("%H:%M").to_string(), "08:00");

    // Cancelled after asking: gone from the grid and the store.
    pty.keys(&["d"]);
    pty.wait_text("Cancel the shift of");
    pty.keys(&["y"]);
    pty.wait_for("the block to go", |s| !s.contains("08:00–16:00"));
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM shifts"), before);

    // The default order form gets a field.
    pty.keys(&["Escape", "A"]);
    pty.wait_text("showing: everyone");
    pty.keys(&["F"]);
    pty.wait_text("default: all without");
    pty.keys(&["Enter"]);
    pty.wait_text("Order form:");
    pty.keys(&["a"]);
    pty.type_text("Dress code");
    pty.keys(&["Enter"]);
    pty.wait_text("dress_code");
    pty.keys(&["C-s"]);
    pty.wait_text("Saved");
    pty.keys(&["q"]);
    assert_eq!(pty.wait_exit(), 0);

    // A client of an organisation on the default form gets it to fill in.
    let (status, form) = served.call(
        "dan@initech.example",
        reqwest::Method::GET,
        "/api/v1/order-forms/effective",
        None,
    );
    assert_eq!(status, StatusCode::OK, "{form}");
    let fields = form["definition"]["fields"].as_array().unwrap();
    assert!(
        fields
            .iter()
            .any(|f| f["key"] == "dress_code" && f["label"] == "Dress code"),
        "{form}"
    );
}
