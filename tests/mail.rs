//! E-mail both ways against a real SMTP conversation: the server's sender
//! talks SMTP over TCP to a receiver started in the test on a loopback
//! port; incoming mail goes through `mail-in`'s code (and once through the
//! real `portico-server mail-in` command with the message on stdin).
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use portico_server::config::SmtpConfig;
use portico_server::mail::inbound::{Outcome, deliver};
use portico_tests::smtp::{Received, SmtpServer};
use portico_tests::{Api, TestServer};
use reqwest::StatusCode;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(15);
const FROM: &str = "Acme Support <help@portico.test>";

/// A demo server whose mail goes to `smtp`, checked every second.
async fn mailing_server(smtp_url: String) -> TestServer {
    let server = TestServer::start_with(|c| {
        c.smtp = Some(SmtpConfig {
            url: smtp_url,
            from: FROM.into(),
            send_every_secs: 1,
            retry_secs: 1,
            ..SmtpConfig::default()
        });
        c.public_url = Some("https://portal.example.com".into());
    })
    .await;
    server.seed_demo().await;
    server
}

/// The demo ticket "Printer on floor 2 jams on duplex": Ana's, assigned to Sam.
fn printer_ticket(server: &TestServer) -> (i64, i64) {
    let id = server.query_i64("SELECT id FROM tickets WHERE subject LIKE 'Printer on floor 2%'");
    let thread = server.query_i64(&format!("SELECT thread_id FROM tickets WHERE id = {id}"));
    (id, thread)
}

/// Mail queued by the test: the demo's own (a sent and a failed one) are hours old.
fn queued(server: &TestServer) -> i64 {
    server.query_i64("SELECT COUNT(*) FROM outbox WHERE created_at > strftime('%s', 'now') - 3600")
}

/// Invites a new agent as `admin`; answers the invite (with its code).
async fn invite_agent(admin: &Api, email: &str, name: &str) -> Value {
    let (s, invite) = admin
        .post(
            "/api/v1/invites",
            json!({"email": email, "name": name, "role": "agent"}),
        )
        .await;
    assert!(s.is_success(), "{invite}");
    invite
}

fn to_of(m: &Received) -> &str {
    m.rcpt_to.first().map(String::as_str).unwrap_or("")
}

async fn messages(api: &Api, thread: i64) -> Vec<Value> {
    let (s, page) = api.get(&format!("/api/v1/threads/{thread}/messages")).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_invite_is_mailed_with_its_code_and_a_resend_with_the_new_one() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(smtp.url()).await;
    let admin = server.demo_login("admin@portico.example").await;
    let invite = invite_agent(&admin, "nia@portico.example", "Nia New").await;
    let code = invite["invite_code"].as_str().unwrap();
    let mails = smtp.wait_for(1, WAIT).await;
    let m = &mails[0];
    assert_eq!(m.rcpt_to, vec!["nia@portico.example".to_owned()]);
    assert_eq!(m.mail_from, "help@portico.test");
    let text = m.text();
    assert!(
        text.contains(&format!("Your invite code: {code}")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "portico --server https://portal.example.com join --code {code}"
        )),
        "{text}"
    );
    assert!(m.header("Message-ID").unwrap().starts_with("<portico.m"));
    assert!(m.header("Date").is_some());
    assert_eq!(m.header("Auto-Submitted").unwrap(), "auto-generated");
    assert!(m.header("Subject").unwrap().contains("invitation"));
    assert!(
        m.parsed().text_body_count() == 1 && m.parsed().html_body_count() <= 1,
        "a plain-text part"
    );

    // A resend mails the new code; the old one no longer works.
    let user = invite["user"]["id"].as_i64().unwrap();
    let (s, again) = admin
        .post(&format!("/api/v1/users/{user}/resend-invite"), json!({}))
        .await;
    assert!(s.is_success(), "{again}");
    let new_code = again["invite_code"].as_str().unwrap();
    assert_ne!(new_code, code);
    let mails = smtp.wait_for(2, WAIT).await;
    assert!(mails[1].text().contains(new_code));
    // Nobody is mailed about their own action: the admin gets nothing.
    assert!(mails.iter().all(|m| to_of(m) == "nia@portico.example"));
}

#[tokio::test]
async fn without_smtp_nothing_is_queued_and_codes_are_still_shown() {
    let server = TestServer::demo().await;
    let admin = server.demo_login("admin@portico.example").await;
    let invite = invite_agent(&admin, "nia@portico.example", "Nia New").await;
    assert!(invite["invite_code"].as_str().is_some());
    let (_, thread) = printer_ticket(&server);
    let sam = server.demo_login("sam@portico.example").await;
    let (s, _) = sam
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "On it."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(queued(&server), 0);
    let (_, status) = admin.get("/api/v1/mail/status").await;
    assert_eq!(status["configured"], false);
}

#[tokio::test]
async fn a_staff_reply_is_mailed_to_the_client_and_an_internal_note_is_not() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(smtp.url()).await;
    let (_, thread) = printer_ticket(&server);
    let sam = server.demo_login("sam@portico.example").await;
    let path = format!("/api/v1/threads/{thread}/messages");
    let (s, _) = sam
        .post(
            &path,
            json!({"body": "Fuser unit looks worn; order one.", "internal": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = sam
        .post(&path, json!({"body": "Please try the manual feed tray."}))
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let mails = smtp.wait_for(1, WAIT).await;
    let m = &mails[0];
    assert_eq!(to_of(m), "ana@northwind.example");
    let text = m.text();
    assert!(text.contains("Please try the manual feed tray."), "{text}");
    assert!(!text.contains("Fuser"), "an internal note leaked: {text}");
    // The note queued nothing at all.
    assert_eq!(queued(&server), 1);
    // Threading and the way back to the thread.
    let root = format!("<portico.t{thread}@portico.test>");
    assert_eq!(m.header("In-Reply-To").unwrap(), root);
    assert!(m.header("References").unwrap().contains(&root));
    assert!(
        m.header("Message-ID")
            .unwrap()
            .starts_with(&format!("<portico.t{thread}.m"))
    );
    assert!(
        m.header("Reply-To")
            .unwrap()
            .contains(&format!("help+t{thread}@portico.test"))
    );
    let subject = m.header("Subject").unwrap();
    assert!(
        subject.contains("Printer on floor 2") && subject.contains(&format!("[ref:t{thread}]")),
        "{subject}"
    );

    // Ana answers in the app: the assignee (Sam) hears of it, Ana does not.
    let ana = server.demo_login("ana@northwind.example").await;
    let (s, _) = ana
        .post(&path, json!({"body": "The tray works, thanks."}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let mails = smtp.wait_for(2, WAIT).await;
    assert_eq!(to_of(&mails[1]), "sam@portico.example");
    assert!(mails[1].text().contains("The tray works, thanks."));
    assert_eq!(queued(&server), 2);

    // Ana turns reply mail off: Sam's next answer is not mailed.
    let (s, mine) = ana
        .put(
            "/api/v1/me/notifications",
            json!({"settings": [{"category": "reply", "enabled": false}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{mine}");
    assert_eq!(mine["settings"][0]["enabled"], false);
    sam.post(&path, json!({"body": "Closing this then."})).await;
    assert_eq!(queued(&server), 2);
}

#[tokio::test]
async fn staff_who_opted_in_get_the_new_ticket_mail() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(smtp.url()).await;
    let priya = server.demo_login("priya@portico.example").await;
    let sam = server.demo_login("sam@portico.example").await;
    // New-ticket mail is opt-in; a client chooses only about clients' mail (billing too).
    let (_, before) = priya.get("/api/v1/me/notifications").await;
    assert_eq!(
        before["settings"],
        json!([{"category": "new_ticket", "enabled": false}, {"category": "client_reply", "enabled": true},
               {"category": "thread_message", "enabled": true}, {"category": "billing", "enabled": true}])
    );
    assert_eq!(before["mail_configured"], true);
    let (s, _) = priya
        .put(
            "/api/v1/me/notifications",
            json!({"settings": [{"category": "new_ticket", "enabled": true}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let carla = server.demo_login("carla@globex.example").await;
    let (_, theirs) = carla.get("/api/v1/me/notifications").await;
    assert_eq!(
        theirs["settings"],
        json!([{"category": "reply", "enabled": true}, {"category": "ticket_status", "enabled": true},
               {"category": "order_update", "enabled": true}, {"category": "thread_message", "enabled": true},
               {"category": "billing", "enabled": true}])
    );
    let bad = carla
        .put(
            "/api/v1/me/notifications",
            json!({"settings": [{"category": "new_ticket", "enabled": true}]}),
        )
        .await;
    portico_tests::assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM notification_prefs WHERE category = 'new_ticket'"),
        1
    );

    let (s, t) = carla
        .post(
            "/api/v1/tickets",
            json!({"subject": "Scanner offline", "body": "The scanner in the lobby is offline."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let mails = smtp.wait_for(1, WAIT).await;
    assert_eq!(to_of(&mails[0]), "priya@portico.example");
    let subject = mails[0].header("Subject").unwrap();
    assert!(
        subject.contains(&format!("New ticket #{}: Scanner offline", t["id"])),
        "{subject}"
    );
    assert!(
        mails[0]
            .text()
            .contains("The scanner in the lobby is offline.")
    );
    // Sam did not opt in, Carla opened it: only Priya is mailed.
    assert_eq!(queued(&server), 1);
    // A ticket staff open for a client is not mailed to the staff member who opened it.
    let (s, _) = priya
        .post(
            "/api/v1/tickets",
            json!({"subject": "Follow-up", "body": "From the call.", "organization_id": t["organization"]["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(queued(&server), 1);
    drop(sam);
}

#[tokio::test]
async fn a_stopped_smtp_server_delays_mail_without_losing_it() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(smtp.url()).await;
    let stopped = smtp.stop().await;
    let admin = server.demo_login("admin@portico.example").await;
    let invite = invite_agent(&admin, "otto@portico.example", "Otto Offline").await;
    let code = invite["invite_code"].as_str().unwrap().to_owned();
    // The sender tries, fails, records why, and keeps the mail queued.
    let until = tokio::time::Instant::now() + WAIT;
    let status = loop {
        let (_, status) = admin.get("/api/v1/mail/status").await;
        if status["unsent"][0]["last_error"].is_string() {
            break status;
        }
        assert!(tokio::time::Instant::now() < until, "{status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // The demo's mails: one sent, one given up on.
    assert_eq!(status["queued"], 1);
    assert_eq!(status["sent"], 1);
    assert_eq!(status["failed"], 1);
    assert_eq!(status["unsent"][0]["state"], "queued");
    assert_eq!(status["unsent"][0]["to"], "otto@portico.example");

    let smtp = stopped.restart().await;
    let mails = smtp.wait_for(1, WAIT).await;
    assert!(mails[0].text().contains(&code));
    // Sent once: later runs of the sender send nothing more.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    assert_eq!(smtp.received().len(), 1);
    let (_, status) = admin.get("/api/v1/mail/status").await;
    assert_eq!(
        (status["queued"].clone(), status["sent"].clone()),
        (json!(0), json!(2))
    );
    assert!(
        server.query_i64("SELECT attempts FROM outbox WHERE to_address = 'otto@portico.example'")
            >= 2
    );
    assert_eq!(admin.get("/api/v1/mail/status").await.0, StatusCode::OK);
    let sam = server.demo_login("sam@portico.example").await;
    assert_eq!(
        sam.get("/api/v1/mail/status").await.0,
        StatusCode::FORBIDDEN
    );
}

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

async fn deliver_mail(server: &TestServer, headers: &[(&str, &str)], body: &str) -> Outcome {
    deliver(&server.state, &raw_mail(headers, body))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_reply_by_mail_lands_on_the_thread_as_the_clients_message() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(smtp.url()).await;
    let (ticket, thread) = printer_ticket(&server);
    let sam = server.demo_login("sam@portico.example").await;
    let path = format!("/api/v1/threads/{thread}/messages");
    sam.post(&path, json!({"body": "Please try the manual feed tray."}))
        .await;
    sam.patch(
        &format!("/api/v1/tickets/{ticket}"),
        json!({"status": "pending"}),
    )
    .await;
    let sent = smtp.wait_for(1, WAIT).await;
    let their_id = sent[0].header("Message-ID").unwrap();

    // Matched by In-Reply-To; quoted history and signature trimmed.
    let reply = raw_mail(
        &[
            ("From", "Ana Lima <Ana@Northwind.example>"),
            ("To", "help@portico.test"),
            ("Subject", "Re: Printer on floor 2 jams on duplex"),
            ("Message-ID", "<reply1@northwind.example>"),
            ("In-Reply-To", &their_id),
        ],
        "The tray works, thanks!\n\n-- \nAna Lima\nNorthwind\n\nOn Wed, 2 Dec 2026, Acme Support wrote:\n> Please try the manual feed tray.\n",
    );
    let outcome = deliver(&server.state, &reply).await.unwrap();
    let Outcome::Replied {
        thread_id,
        message_id,
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(thread_id, thread);
    let ana = server.demo_login("ana@northwind.example").await;
    let all = messages(&ana, thread).await;
    let m = all.iter().find(|m| m["id"] == message_id).unwrap();
    assert_eq!(m["body"], "The tray works, thanks!");
    assert_eq!(m["author"]["name"], "Ana Lima");
    assert_eq!(m["from_staff"], false);
    // The client's reply reopened the pending ticket, as in the app, and
    // the assignee was mailed about it (after Ana's waiting-on-you mail).
    let t = sam.get(&format!("/api/v1/tickets/{ticket}")).await.1;
    assert_eq!(t["status"], "open");
    let mails = smtp.wait_for(3, WAIT).await;
    assert_eq!(to_of(&mails[1]), "ana@northwind.example");
    assert_eq!(to_of(&mails[2]), "sam@portico.example");

    // Matched by the subject's token alone (headers lost), with a file kept.
    let boundary = "b0undary";
    let body = format!(
        "--{boundary}\r\nContent-Type: text/plain\r\n\r\nPhoto attached.\r\n\
         --{boundary}\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"jam.png\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--{boundary}--\r\n"
    );
    let raw = format!(
        "From: ana@northwind.example\r\nTo: help@portico.test\r\nSubject: Re: Printer [ref:t{thread}]\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n{body}"
    );
    let outcome = deliver(&server.state, raw.as_bytes()).await.unwrap();
    let Outcome::Replied { message_id, .. } = outcome else {
        panic!("{outcome:?}")
    };
    let all = messages(&ana, thread).await;
    let m = all.iter().find(|m| m["id"] == message_id).unwrap();
    assert_eq!(m["body"], "Photo attached.");
    assert_eq!(m["attachments"][0]["file_name"], "jam.png");
    assert_eq!(m["attachments"][0]["size"], 8);
}

#[tokio::test]
async fn a_new_mail_from_a_known_contact_opens_an_email_ticket() {
    let server = TestServer::demo().await;
    let before = server.query_i64("SELECT COUNT(*) FROM tickets");
    let raw = raw_mail(
        &[
            ("From", "Carla Diaz <carla@globex.example>"),
            ("To", "help@portico.test"),
            ("Subject", "Badge reader\r\n\tat the gate is dead"),
            ("Message-ID", "<new1@globex.example>"),
        ],
        "Nobody can get in since 8am.\n\nOn Tue someone wrote:\n> old text that stays in a new ticket\n",
    );
    let outcome = deliver(&server.state, &raw).await.unwrap();
    let Outcome::Opened { ticket_id } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(server.query_i64("SELECT COUNT(*) FROM tickets"), before + 1);
    let carla = server.demo_login("carla@globex.example").await;
    let (s, t) = carla.get(&format!("/api/v1/tickets/{ticket_id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(t["source"], "email");
    assert_eq!(t["organization"]["name"], "Globex Corporation");
    assert_eq!(t["requester"]["name"], "Carla Diaz");
    assert_eq!(t["subject"], "Badge reader at the gate is dead");
    assert!(
        t["body"]
            .as_str()
            .unwrap()
            .starts_with("Nobody can get in since 8am.")
    );
    // Another organisation's contact cannot see it.
    let ana = server.demo_login("ana@northwind.example").await;
    assert_eq!(
        ana.get(&format!("/api/v1/tickets/{ticket_id}")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn mail_from_strangers_bounces_and_auto_replies_lands_nowhere() {
    let server = TestServer::demo().await;
    let (_, thread) = printer_ticket(&server);
    let count = |s: &TestServer| {
        (
            s.query_i64("SELECT COUNT(*) FROM tickets"),
            s.query_i64("SELECT COUNT(*) FROM messages"),
        )
    };
    let before = count(&server);
    let reply_headers = |from: &'static str| {
        vec![
            ("From", from),
            ("To", "help@portico.test"),
            ("Subject", "Re: Printer"),
        ]
    };
    let token = format!("<portico.t{thread}@portico.test>");

    // A stranger, even one naming a real thread: quarantined.
    let mut h = reply_headers("Mallory <mallory@evil.example>");
    h.push(("In-Reply-To", &token));
    let outcome = deliver_mail(&server, &h, "let me in").await;
    assert_eq!(
        outcome,
        Outcome::Quarantined {
            reason: "unknown sender".into()
        }
    );
    // A contact of another organisation naming Northwind's thread: quarantined too.
    let mut h = reply_headers("carla@globex.example");
    h.push(("In-Reply-To", &token));
    let sneaky = deliver_mail(&server, &h, "sneaky").await;
    // Staff do not answer by mail (yet): quarantined, not posted.
    let staff = deliver_mail(&server, &reply_headers("sam@portico.example"), "x").await;
    for outcome in [sneaky, staff] {
        assert!(
            matches!(outcome, Outcome::Quarantined { .. }),
            "{outcome:?}"
        );
    }

    // Bounces and auto-replies, even from a known contact: dropped.
    let known = "ana@northwind.example";
    let machine_made: [(&str, &str); 5] = [
        ("Auto-Submitted", "auto-replied"),
        ("Precedence", "bulk"),
        ("Precedence", "junk"),
        ("Return-Path", "<>"),
        ("X-Autoreply", "yes"),
    ];
    for (name, value) in machine_made {
        let mut h = reply_headers(known);
        h.push((name, value));
        h.push(("In-Reply-To", &token));
        let outcome = deliver_mail(&server, &h, "I am out of office").await;
        assert!(
            matches!(outcome, Outcome::Dropped { .. }),
            "{name}: {outcome:?}"
        );
    }
    let bounce = deliver_mail(
        &server,
        &reply_headers("MAILER-DAEMON@mx.northwind.example"),
        "undeliverable",
    )
    .await;
    assert!(matches!(bounce, Outcome::Dropped { .. }), "{bounce:?}");
    let garbage = deliver(&server.state, b"").await.unwrap();
    assert!(matches!(garbage, Outcome::Dropped { .. }), "{garbage:?}");

    assert_eq!(count(&server), before, "nothing landed anywhere");
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM mail_quarantine WHERE sender <> 'deals@vendor.example'"
        ),
        3
    );
    let admin = server.demo_login("admin@portico.example").await;
    let (_, status) = admin.get("/api/v1/mail/status").await;
    let held = status["quarantined"].as_array().unwrap();
    assert!(
        held.iter()
            .any(|q| q["sender"] == "mallory@evil.example" && q["reason"] == "unknown sender")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_in_reads_a_message_on_standard_input() {
    let server = TestServer::demo().await;
    let raw = raw_mail(
        &[
            ("From", "dan@initech.example"),
            ("To", "help@portico.test"),
            ("Subject", "Phones down"),
        ],
        "All desk phones are down.",
    );
    let run = |input: Vec<u8>, extra: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_portico-server-e2e"));
        cmd.arg("--data-dir")
            .arg(server.dir.path())
            .arg("mail-in")
            .env("PORTICO_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(&input).unwrap();
        child.wait_with_output().unwrap()
    };
    // Dan's organisation lets selected contacts in, and Dan is one: a ticket opens.
    let out = tokio::task::block_in_place(|| run(raw.clone(), &[]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.starts_with("opened ticket "), "{said}");
    assert_eq!(
        server.query_i64(
            "SELECT COUNT(*) FROM tickets WHERE subject = 'Phones down' AND source = 'email'"
        ),
        1
    );
    // A message over the size limit is refused and changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("p.toml");
    std::fs::write(&config, "[mail_in]\nmax_bytes = 100\n").unwrap();
    let out =
        tokio::task::block_in_place(|| run(raw, &[("PORTICO_CONFIG", config.to_str().unwrap())]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than 100 bytes"));
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM tickets WHERE subject = 'Phones down'"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_shows_the_outbox_and_changes_my_notifications() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(smtp.url()).await;
    let _stopped = smtp.stop().await;
    let admin = server.demo_login("admin@portico.example").await;
    invite_agent(&admin, "otto@portico.example", "Otto Offline").await;
    let until = tokio::time::Instant::now() + WAIT;
    while server
        .query_i64("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL AND failed_at IS NULL")
        == 0
    {
        assert!(
            tokio::time::Instant::now() < until,
            "the sender never tried"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let ada = app_support::Cli::new(&server.base);
    app_support::assert_ok(&ada.login("admin@portico.example").await);
    let out = ada.run(&["mail", "status"], "").await;
    app_support::assert_ok(&out);
    let text = app_support::stdout(&out);
    assert!(
        text.contains("Mail is configured: 1 queued, 1 sent, 1 failed, 1 quarantined"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("otto@portico.example"))
        .unwrap();
    assert!(row.contains("queued") && row.contains("invite"), "{row}");
    assert!(
        !row.trim_end().ends_with(" -"),
        "the last error is shown: {row}"
    );

    let sam = app_support::Cli::new(&server.base);
    app_support::assert_ok(&sam.login("sam@portico.example").await);
    assert!(!sam.run(&["mail", "status"], "").await.status.success());
    let out = sam.run(&["me", "notifications"], "").await;
    let text = app_support::stdout(&out);
    let line = text.lines().find(|l| l.starts_with("new_ticket")).unwrap();
    assert!(line.contains(" off "), "{line}");
    let line = text
        .lines()
        .find(|l| l.starts_with("thread_message"))
        .unwrap();
    assert!(
        line.contains(" on ") && line.contains("project, order or conversation"),
        "{line}"
    );
    let out = sam
        .run(
            &[
                "me",
                "notifications",
                "--on",
                "new_ticket",
                "--off",
                "client_reply",
                "--json",
            ],
            "",
        )
        .await;
    app_support::assert_ok(&out);
    let mine: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        mine["settings"],
        json!([{"category": "new_ticket", "enabled": true}, {"category": "client_reply", "enabled": false},
               {"category": "thread_message", "enabled": true}, {"category": "billing", "enabled": true}])
    );
    assert_eq!(
        server.query_i64("SELECT COUNT(*) FROM notification_prefs p JOIN users u ON u.id = p.user_id WHERE u.email = 'sam@portico.example'"),
        2
    );
    let out = sam
        .run(&["me", "notifications", "--off", "everything"], "")
        .await;
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("expected one of: invite, reply, new_ticket, client_reply")
    );
}
