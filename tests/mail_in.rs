//! Incoming mail that does not come through `mail-in` run by the MTA in
//! the test: the server's IMAP poller against a real IMAP conversation (a
//! small IMAP server started in the test on a loopback port), and the live
//! events of mail that the real `portico-server mail-in` command, run
//! beside the server as a separate process, delivered.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use portico_tests::imap::ImapServer;
use portico_tests::{EventReader, TestServer, free_port, wait_healthy};
use reqwest::StatusCode;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(20);

/// A message as a mail program would send it.
fn raw_mail(headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut m = String::new();
    for (k, v) in headers {
        m.push_str(&format!("{k}: {v}\r\n"));
    }
    m.push_str("Date: Wed, 2 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n");
    m.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\n");
    m.push_str(&body.replace('\n', "\r\n"));
    m.into_bytes()
}

/// Ana's reply to her printer ticket's thread, matched by its threading header.
fn anas_reply(thread: i64, body: &str) -> Vec<u8> {
    raw_mail(
        &[
            ("From", "Ana Lima <ana@northwind.example>"),
            ("To", "help@portico.test"),
            ("Subject", "Re: Printer on floor 2 jams on duplex"),
            ("In-Reply-To", &format!("<portico.t{thread}@portico.test>")),
        ],
        &format!("{body}\n\nOn Wed, Acme Support wrote:\n> Please try the manual feed tray.\n"),
    )
}

fn new_mail(from: &str, subject: &str, body: &str) -> Vec<u8> {
    raw_mail(
        &[
            ("From", from),
            ("To", "help@portico.test"),
            ("Subject", subject),
        ],
        body,
    )
}

/// A server on `data_dir` (a fresh one when `None`, then seeded with the
/// demo before it starts, so the poller never sees an empty portal) whose
/// poller reads `imap_url`.
async fn polling_server(
    imap_url: String,
    poll_secs: u64,
    data_dir: Option<std::path::PathBuf>,
) -> TestServer {
    TestServer::start_with(move |c| {
        c.mail_in.imap_url = Some(imap_url);
        c.mail_in.imap_poll_secs = poll_secs;
        c.mail_in.imap_retry_secs = 1;
        c.mail_in.max_bytes = 64 * 1024;
        match data_dir {
            Some(dir) => c.data_dir = dir,
            None => {
                let now = portico_server::Clock::default().now();
                let mut conn = portico_server::store::db::open_direct(&c.db_path()).unwrap();
                portico_server::seed::seed_demo(&mut conn, now).unwrap();
            }
        }
    })
    .await
}

/// The demo ticket "Printer on floor 2 jams on duplex" (Ana's) and its thread.
fn printer_ticket(server: &TestServer) -> (i64, i64) {
    let id = server.query_i64("SELECT id FROM tickets WHERE subject LIKE 'Printer on floor 2%'");
    let thread = server.query_i64(&format!("SELECT thread_id FROM tickets WHERE id = {id}"));
    (id, thread)
}

fn counts(server: &TestServer) -> (i64, i64, i64) {
    (
        server.query_i64("SELECT COUNT(*) FROM tickets"),
        server.query_i64("SELECT COUNT(*) FROM messages"),
        server.query_i64("SELECT COUNT(*) FROM mail_quarantine"),
    )
}

async fn thread_messages(server: &TestServer, who: &str, thread: i64) -> Vec<Value> {
    let api = server.demo_login(who).await;
    let (s, page) = api.get(&format!("/api/v1/threads/{thread}/messages")).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_poller_takes_mail_from_an_idle_mailbox_once_and_marks_it_seen() {
    let imap = ImapServer::start().await;
    // An hour between polls: only IDLE can bring mail in within the test.
    let mut server = polling_server(imap.url(), 3600, None).await;
    let (_, thread) = printer_ticket(&server);
    imap.wait_count("IDLE", 1, WAIT).await;
    let sam = server.demo_login("sam@portico.example").await;
    let mut sams_events = EventReader::open(&sam, None).await;
    let before = counts(&server);

    imap.deliver(anas_reply(thread, "The tray works, thanks!"));
    imap.deliver(new_mail(
        "Carla Diaz <carla@globex.example>",
        "Badge reader at the gate is dead",
        "Nobody can get in since 8am.",
    ));
    imap.deliver(new_mail(
        "Mallory <mallory@evil.example>",
        "Invoice overdue",
        "Pay here.",
    ));
    let all = imap.wait_all_seen(WAIT).await;
    assert!(all.iter().all(|m| m.text_fetches == 1), "{all:?}");

    // Ana's reply is her message on the thread, the quote trimmed; Sam,
    // watching, hears of it live.
    let on_thread = thread_messages(&server, "ana@northwind.example", thread).await;
    let m = on_thread
        .iter()
        .find(|m| m["body"] == "The tray works, thanks!")
        .unwrap_or_else(|| panic!("no reply on the thread: {on_thread:?}"));
    assert_eq!(m["author"]["name"], "Ana Lima");
    assert_eq!(m["from_staff"], false);
    let ev = sams_events.expect(&["message.created"], WAIT).await;
    assert_eq!(ev.data["message"]["body"], "The tray works, thanks!");

    // Carla's new mail opened a ticket of Globex with source `email`.
    let carla = server.demo_login("carla@globex.example").await;
    let id = server
        .query_i64("SELECT id FROM tickets WHERE subject = 'Badge reader at the gate is dead'");
    let (s, t) = carla.get(&format!("/api/v1/tickets/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["source"], "email");
    assert_eq!(t["organization"]["name"], "Globex Corporation");

    // Mallory's landed nowhere: held in quarantine.
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM mail_quarantine WHERE sender = 'mallory@evil.example' AND reason = 'unknown sender'"
        ),
        1
    );
    let after = counts(&server);
    // One ticket; Ana's message and the new ticket's first one; one held.
    assert_eq!(after.0, before.0 + 1);
    assert_eq!(after.2, before.2 + 1);

    // A restart of the server takes nothing twice, and goes on taking new mail.
    // The data directory outlives the first server.
    let dir = std::mem::replace(&mut server.dir, tempfile::tempdir().unwrap());
    server.stop().await;
    let (logins, idles) = (imap.count("LOGIN"), imap.count("IDLE"));
    let server = polling_server(imap.url(), 3600, Some(dir.path().to_owned())).await;
    imap.wait_count("LOGIN", logins + 1, WAIT).await;
    imap.wait_count("IDLE", idles + 1, WAIT).await;
    assert_eq!(counts(&server), after, "nothing was taken again");
    imap.deliver(anas_reply(thread, "One more thing: it jams on A3 too."));
    let all = imap.wait_all_seen(WAIT).await;
    assert!(all.iter().all(|m| m.text_fetches == 1), "{all:?}");
    let now = counts(&server);
    assert_eq!((now.0, now.1, now.2), (after.0, after.1 + 1, after.2));
    drop(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mailbox_that_is_down_or_without_idle_only_delays_intake() {
    // Nothing listens on the port yet: the server starts and serves anyway.
    let port = free_port();
    let server = polling_server(portico_tests::imap::url_for(port), 1, None).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    wait_healthy(&server.base, WAIT).await;
    let before = counts(&server);

    // The mailbox comes up, without IDLE: it is polled.
    let imap = ImapServer::start_on(port, false).await;
    imap.deliver(new_mail(
        "carla@globex.example",
        "Projector in room 4 is flickering",
        "Since this morning.",
    ));
    // Larger than max_bytes (64 KiB): held in quarantine, never downloaded.
    let big = imap.deliver(new_mail(
        "carla@globex.example",
        "The whole log",
        &"x".repeat(100 * 1024),
    ));
    let all = imap.wait_all_seen(WAIT).await;
    assert_eq!(imap.count("IDLE"), 0);
    let big = all.iter().find(|m| m.uid == big).unwrap();
    assert_eq!(
        big.text_fetches, 0,
        "an oversized message is not downloaded"
    );
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM tickets WHERE subject = 'Projector in room 4 is flickering' AND source = 'email'"
        ),
        1
    );
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM mail_quarantine WHERE reason LIKE 'larger than mail_in.max_bytes%'"
        ),
        1
    );
    let after = counts(&server);
    assert_eq!((after.0, after.2), (before.0 + 1, before.2 + 1));

    // The mailbox goes away and comes back: the poller reconnects.
    let stopped = imap.stop().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stopped.deliver(new_mail(
        "carla@globex.example",
        "Coffee machine leaks",
        "Puddle by the door.",
    ));
    let imap = stopped.restart().await;
    let all = imap.wait_all_seen(WAIT).await;
    assert!(
        all.iter()
            .filter(|m| m.uid != big.uid)
            .all(|m| m.text_fetches == 1),
        "{all:?}"
    );
    assert_eq!(counts(&server).0, after.0 + 1);
    wait_healthy(&server.base, WAIT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_in_run_beside_the_server_is_heard_on_the_live_stream() {
    let server = TestServer::demo().await;
    let (_, thread) = printer_ticket(&server);
    let sam = server.demo_login("sam@portico.example").await;
    let mut sams_events = EventReader::open(&sam, None).await;

    // The MTA runs `portico-server mail-in`, a process of its own.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portico-server-e2e"));
    cmd.arg("--data-dir")
        .arg(server.dir.path())
        .arg("mail-in")
        .env("PORTICO_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let reply = anas_reply(thread, "Fixed after a restart, thanks.");
    let out = tokio::task::block_in_place(|| {
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(&reply).unwrap();
        child.wait_with_output().unwrap()
    });
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.starts_with("replied"),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The running server publishes what the other process wrote.
    let ev = sams_events.expect(&["message.created"], WAIT).await;
    assert_eq!(ev.data["message"]["body"], "Fixed after a restart, thanks.");
    assert_eq!(ev.data["message"]["author"]["name"], "Ana Lima");
    assert_eq!(ev.data["ticket"]["thread_id"], thread);
    // Published once, then forgotten.
    let until = tokio::time::Instant::now() + WAIT;
    while server.query_i64("SELECT COUNT(*) FROM relayed_events") > 0 {
        assert!(
            tokio::time::Instant::now() < until,
            "relayed events not drained"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        sams_events
            .next(Duration::from_millis(1500))
            .await
            .is_none_or(|e| { e.data["message"]["body"] != "Fixed after a restart, thanks." }),
        "the event came twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_the_database_cannot_take_now_stays_unseen_until_it_can() {
    let imap = ImapServer::start_on(0, false).await;
    let server = polling_server(imap.url(), 1, None).await;
    imap.wait_count("SEARCH", 1, WAIT).await;
    let before = counts(&server);

    // Another writer holds the database for longer than a write waits (5 s).
    let db = server.db_path();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (locked, is_locked) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(db).unwrap();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked.send(()).unwrap();
        let _ = released.recv();
        c.execute_batch("ROLLBACK").unwrap();
    });
    is_locked.recv().unwrap();
    let uid = imap.deliver(new_mail(
        "carla@globex.example",
        "Lift stuck on floor 3",
        "Nobody inside, luckily.",
    ));
    let fetches = || {
        imap.messages()
            .into_iter()
            .find(|m| m.uid == uid)
            .unwrap()
            .text_fetches
    };
    let until = tokio::time::Instant::now() + WAIT;
    while fetches() == 0 {
        assert!(tokio::time::Instant::now() < until, "never fetched");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Past the 5 s the intake waits for the database, and then some.
    tokio::time::sleep(Duration::from_millis(7500)).await;
    let m = imap.messages().into_iter().find(|m| m.uid == uid).unwrap();
    assert!(
        !m.seen,
        "a message the intake could not take stays unseen: {m:?}"
    );

    // The database is free again: the next round takes it, once.
    release.send(()).unwrap();
    holder.join().unwrap();
    imap.wait_all_seen(WAIT).await;
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM tickets WHERE subject = 'Lift stuck on floor 3'"),
        1
    );
    assert_eq!(counts(&server).0, before.0 + 1);
    wait_healthy(&server.base, WAIT).await;
}
