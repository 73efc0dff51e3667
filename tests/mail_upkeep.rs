//! Mail beyond tickets' messages, and keeping mail bounded, against a real
//! SMTP conversation (the receiver in `support/smtp.rs`): what strangers
//! and the sender leave behind is dropped by age and beyond a row cap;
//! ticket status, order, timesheet and thread news reach the one it is
//! about (never the actor, never when turned off); notification mail has a
//! one-click unsubscribe link that works without signing in; a send a
//! crash cut short is not sent again.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use portico_server::config::SmtpConfig;
use portico_server::mail::inbound::{Outcome, deliver};
use portico_server::store::mail::{self, NewMail};
use portico_shared::MailCategory;
use portico_tests::smtp::{Received, SmtpServer};
use portico_tests::{Api, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(15);
const FROM: &str = "Acme Support <help@portico.test>";
const ANA: &str = "ana@northwind.example";
const SAM: &str = "sam@portico.example";
const ADMIN: &str = "admin@portico.example";
/// Wednesday 2026-11-25 16:00 UTC.
const T0: i64 = 1_795_622_400;
const DAY: i64 = 86_400;

/// A demo server whose mail goes to `smtp` (checked every second), its
/// clock stopped at `T0`, keeping at most `max_rows` of each bounded list.
async fn mailing_server(smtp: &SmtpServer, max_rows: u32) -> TestServer {
    let url = smtp.url();
    let server = TestServer::start_with(|c| {
        c.smtp = Some(SmtpConfig {
            url,
            from: FROM.into(),
            send_every_secs: 1,
            retry_secs: 1,
            ..SmtpConfig::default()
        });
        c.public_url = Some("https://portal.example.com/".into());
        c.retention.days = 30;
        c.retention.max_rows = max_rows;
    })
    .await;
    server.state.clock.set(T0);
    server.seed_demo().await;
    server
}

fn to_of(m: &Received) -> &str {
    m.rcpt_to.first().map(String::as_str).unwrap_or("")
}

/// The mails received so far to `address`.
fn mails_to(smtp: &SmtpServer, address: &str) -> Vec<Received> {
    smtp.received()
        .into_iter()
        .filter(|m| to_of(m) == address)
        .collect()
}

/// Waits until `address` has had `n` mails; answers the last.
async fn nth_mail_to(smtp: &SmtpServer, address: &str, n: usize) -> Received {
    let until = tokio::time::Instant::now() + WAIT;
    loop {
        let got = mails_to(smtp, address);
        if got.len() >= n {
            return got[n - 1].clone();
        }
        assert!(
            tokio::time::Instant::now() < until,
            "expected {n} mails to {address}, got {}",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn status(admin: &Api) -> Value {
    let (s, status) = admin.get("/api/v1/mail/status").await;
    assert_eq!(s, StatusCode::OK, "{status}");
    status
}

fn stranger_mail(n: usize) -> Vec<u8> {
    format!(
        "From: spam{n}@stranger.example\r\nTo: help@portico.test\r\nSubject: Deal {n}\r\n\
         Message-ID: <spam{n}@stranger.example>\r\nDate: Wed, 25 Nov 2026 10:00:00 +0000\r\n\
         Content-Type: text/plain\r\n\r\nBuy now.\r\n"
    )
    .into_bytes()
}

#[tokio::test]
async fn quarantine_holds_and_finished_mail_stay_bounded_by_count_and_age() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 3).await;
    let admin = server.demo_login(ADMIN).await;

    // A stranger mails the inbox five times: only the newest three are kept,
    // at once (not only when the job runs).
    for n in 0..5 {
        let outcome = deliver(&server.state, &stranger_mail(n)).await.unwrap();
        assert!(matches!(outcome, Outcome::Quarantined { .. }), "{outcome}");
    }
    let s = status(&admin).await;
    assert_eq!(s["quarantined_count"], 3, "{s}");
    let senders: Vec<&str> = s["quarantined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["sender"].as_str().unwrap())
        .collect();
    assert_eq!(
        senders,
        [
            "spam4@stranger.example",
            "spam3@stranger.example",
            "spam2@stranger.example"
        ]
    );

    // Five strangers use the public form: three held submissions remain.
    let anon = server.api();
    let (_, forms) = anon.get("/api/v1/public/support-forms").await;
    let url = format!("/api/v1/public/support-forms/{}/submit", forms[0]["id"]);
    for n in 0..5 {
        let (s, body) = anon
            .post(
                &url,
                json!({"email": format!("who{n}@stranger.example"), "values": {"question": "Hi?"}}),
            )
            .await;
        assert_eq!(s, StatusCode::ACCEPTED, "{body}");
    }
    let (_, held) = admin.get("/api/v1/support-form-holds").await;
    let held: Vec<&str> = held
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        held,
        [
            "who4@stranger.example",
            "who3@stranger.example",
            "who2@stranger.example"
        ]
    );

    // Five invites are mailed: of the finished mail the newest three are kept.
    for n in 0..5 {
        let (s, body) = admin
            .post(
                "/api/v1/invites",
                json!({"email": format!("new{n}@portico.example"), "name": "New", "role": "agent"}),
            )
            .await;
        assert!(s.is_success(), "{body}");
    }
    smtp.wait_for(5, WAIT).await;
    let until = tokio::time::Instant::now() + WAIT;
    loop {
        let s = status(&admin).await;
        if s["queued"] == 0 && s["sent"].as_u64().unwrap() + s["failed"].as_u64().unwrap() <= 3 {
            assert_eq!(s["sent"], 3, "{s}");
            break;
        }
        assert!(tokio::time::Instant::now() < until, "{s}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // 29 days on the job keeps them; 31 days on it drops them all.
    server.state.clock.set(T0 + 29 * DAY);
    assert_eq!(
        portico_server::jobs::prune_mail_once(&server.state)
            .await
            .unwrap(),
        0
    );
    server.state.clock.set(T0 + 31 * DAY);
    assert_eq!(
        portico_server::jobs::prune_mail_once(&server.state)
            .await
            .unwrap(),
        9
    );
    // (Sessions last 30 days: a new sign-in.)
    let admin = server.demo_login(ADMIN).await;
    let s = status(&admin).await;
    assert_eq!(
        (&s["quarantined_count"], &s["sent"], &s["failed"]),
        (&json!(0), &json!(0), &json!(0)),
        "{s}"
    );
    let (_, held) = admin.get("/api/v1/support-form-holds").await;
    assert_eq!(held, json!([]));
}

/// Ana's demo ticket "Printer on floor 2 jams on duplex", assigned to Sam.
fn printer_ticket(server: &TestServer) -> i64 {
    server.query_i64("SELECT id FROM tickets WHERE subject LIKE 'Printer on floor 2%'")
}

#[tokio::test]
async fn clients_hear_of_resolved_and_waiting_tickets_unless_they_did_it_or_turned_it_off() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let ticket = printer_ticket(&server);
    let path = format!("/api/v1/tickets/{ticket}");
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;

    let (s, body) = sam.patch(&path, json!({"status": "pending"})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let m = nth_mail_to(&smtp, ANA, 1).await;
    let subject = m.header("Subject").unwrap();
    assert!(
        subject.starts_with("Waiting on you: Printer on floor 2"),
        "{subject}"
    );
    assert!(m.text().contains("--off ticket_status"), "{}", m.text());

    let (s, _) = sam.patch(&path, json!({"status": "resolved"})).await;
    assert_eq!(s, StatusCode::OK);
    let m = nth_mail_to(&smtp, ANA, 2).await;
    assert!(m.header("Subject").unwrap().starts_with("Resolved: "));
    assert!(
        m.text().contains("Sam Agent changed the status") && m.text().contains("It is resolved."),
        "{}",
        m.text()
    );

    // Ana's own change is not mailed to her; neither is anything once she
    // turned the category off. Sam's next reply (another category) is the
    // mail that arrives third.
    let (s, _) = sam.patch(&path, json!({"status": "open"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = ana.patch(&path, json!({"status": "resolved"})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, _) = ana
        .put(
            "/api/v1/me/notifications",
            json!({"settings": [{"category": "ticket_status", "enabled": false}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = sam.patch(&path, json!({"status": "open"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = sam.patch(&path, json!({"status": "pending"})).await;
    assert_eq!(s, StatusCode::OK);
    let thread = server.query_i64(&format!(
        "SELECT thread_id FROM tickets WHERE id = {ticket}"
    ));
    sam.post(
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "Anything else?"}),
    )
    .await;
    let m = nth_mail_to(&smtp, ANA, 3).await;
    assert!(m.text().contains("Anything else?"), "{}", m.text());
    assert_eq!(mails_to(&smtp, ANA).len(), 3);
}

#[tokio::test]
async fn order_files_delivery_and_timesheet_rejection_reach_the_one_they_concern() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let sam = server.demo_login(SAM).await;
    // Ana's order "Forklift drivers for the December peak", in progress.
    let order = server.query_i64("SELECT id FROM orders WHERE title LIKE 'Forklift drivers%'");
    let part = reqwest::multipart::Part::bytes(b"roster".to_vec()).file_name("roster-week-49.pdf");
    let file: Value = sam
        .request(Method::POST, "/api/v1/attachments")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (s, body) = sam
        .post(
            &format!("/api/v1/orders/{order}/deliverables"),
            json!({"attachment_ids": [file["id"]]}),
        )
        .await;
    assert!(s.is_success(), "{body}");
    let m = nth_mail_to(&smtp, ANA, 1).await;
    assert!(m.header("Subject").unwrap().starts_with("New files on "));
    assert!(m.text().contains("roster-week-49.pdf"), "{}", m.text());
    let order_thread =
        server.query_i64(&format!("SELECT thread_id FROM orders WHERE id = {order}"));
    assert!(
        m.header("Reply-To")
            .unwrap()
            .contains(&format!("help+t{order_thread}@portico.test"))
    );

    let (s, body) = sam
        .patch(
            &format!("/api/v1/orders/{order}"),
            json!({"status": "delivered"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let m = nth_mail_to(&smtp, ANA, 2).await;
    assert!(m.header("Subject").unwrap().starts_with("Delivered: "));

    // Xena submits an entry; Sam rejects it: Xena hears why, Sam nothing.
    let xena = server.demo_login("xena@workers.example").await;
    let (_, drafts) = xena.get("/api/v1/timesheets?status=draft").await;
    let entry = drafts["entries"][0]["id"].as_i64().unwrap();
    let (s, _) = xena
        .post(&format!("/api/v1/timesheets/{entry}/submit"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = sam
        .post(
            &format!("/api/v1/timesheets/{entry}/reject"),
            json!({"reason": "The break is missing."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let m = nth_mail_to(&smtp, "xena@workers.example", 1).await;
    assert!(m.header("Subject").unwrap().contains("rejected"));
    assert!(m.text().contains("The break is missing."), "{}", m.text());
    // Workers choose about it like anyone else.
    let (_, mine) = xena.get("/api/v1/me/notifications").await;
    assert_eq!(
        mine["settings"],
        json!([{"category": "timesheet_rejected", "enabled": true}])
    );
    assert!(mails_to(&smtp, SAM).is_empty());
}

#[tokio::test]
async fn project_and_standalone_thread_messages_reach_their_participants_only() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;

    // The Berlin project is Sam's: Ana's message reaches him, his answer her.
    let project_thread =
        server.query_i64("SELECT thread_id FROM projects WHERE name = 'Berlin HQ network refresh'");
    let path = format!("/api/v1/threads/{project_thread}/messages");
    let (s, _) = ana
        .post(&path, json!({"body": "Floor plans are attached."}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let m = nth_mail_to(&smtp, SAM, 1).await;
    assert!(m.text().contains("Floor plans are attached."));
    assert!(m.text().contains("Berlin HQ network refresh"));
    let (s, _) = sam
        .post(
            &path,
            json!({"body": "Survey on Monday.", "internal": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = sam.post(&path, json!({"body": "Thanks, got them."})).await;
    assert_eq!(s, StatusCode::CREATED);
    let m = nth_mail_to(&smtp, ANA, 1).await;
    assert!(m.text().contains("Thanks, got them."), "{}", m.text());
    assert!(!m.text().contains("Survey"), "an internal note leaked");

    // Sam starts a thread with Ana only: she hears of it, Ben (Northwind,
    // not listed) does not; her answer reaches Sam.
    let org = server.query_i64("SELECT id FROM organizations WHERE name = 'Northwind Traders'");
    let ana_id = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");
    let (s, t) = sam
        .post(
            "/api/v1/threads",
            json!({"subject": "Badge photos", "body": "Please send your badge photo.",
                   "organization_id": org, "participant_ids": [ana_id]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let m = nth_mail_to(&smtp, ANA, 2).await;
    assert!(m.header("Subject").unwrap().contains("Badge photos"));
    let thread = t["id"].as_i64().unwrap();
    let (s, _) = ana
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "Sent by post."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let m = nth_mail_to(&smtp, SAM, 2).await;
    assert!(m.text().contains("Sent by post."));
    assert!(mails_to(&smtp, "ben@northwind.example").is_empty());
    // Nobody heard of their own message.
    assert_eq!(mails_to(&smtp, ANA).len(), 2);
    assert_eq!(mails_to(&smtp, SAM).len(), 2);
}

#[tokio::test]
async fn a_client_the_portal_turns_away_is_not_mailed_what_they_could_not_read() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let ticket = printer_ticket(&server);
    let sam = server.demo_login(SAM).await;
    let admin = server.demo_login("admin@portico.example").await;
    let org = server.query_i64("SELECT id FROM organizations WHERE name = 'Northwind Traders'");
    let (s, body) = admin
        .patch(
            &format!("/api/v1/organizations/{org}"),
            json!({"portal_access": "off"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let before = server.query_i64("SELECT COALESCE(MAX(id), 0) FROM outbox");
    // A status change and a staff answer Ana could not open in the portal.
    let (s, _) = sam
        .patch(
            &format!("/api/v1/tickets/{ticket}"),
            json!({"status": "pending"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let thread = server.query_i64(&format!(
        "SELECT thread_id FROM tickets WHERE id = {ticket}"
    ));
    let (s, _) = sam
        .post(
            &format!("/api/v1/threads/{thread}/messages"),
            json!({"body": "Closed portal, open mail?"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert!(
        mails_to(&smtp, ANA).is_empty(),
        "mailed past a closed portal"
    );
    let rows = server.query_ids(&format!(
        "SELECT id FROM outbox WHERE to_address = 'ana@northwind.example' AND id > {before}"
    ));
    assert!(rows.is_empty(), "queued for Ana: {rows:?}");
}

#[tokio::test]
async fn order_thread_messages_reach_the_submitter_and_the_staff_who_answered() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    let ana_id = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");
    let thread = server.query_i64(&format!(
        "SELECT thread_id FROM orders WHERE submitted_by = {ana_id} ORDER BY id LIMIT 1"
    ));
    let path = format!("/api/v1/threads/{thread}/messages");
    // Sam's note stays inside; his answer reaches Ana, who submitted it.
    let (s, _) = sam
        .post(
            &path,
            json!({"body": "Check the van first.", "internal": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = sam
        .post(&path, json!({"body": "The crew comes on Tuesday."}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let m = nth_mail_to(&smtp, ANA, 1).await;
    assert!(
        m.text().contains("The crew comes on Tuesday."),
        "{}",
        m.text()
    );
    assert!(m.text().contains("portico orders show"), "{}", m.text());
    assert!(!m.text().contains("van"), "an internal note leaked");
    // Her answer reaches Sam, who wrote on it; nobody hears of their own.
    let (s, _) = ana.post(&path, json!({"body": "Tuesday is fine."})).await;
    assert_eq!(s, StatusCode::CREATED);
    let m = nth_mail_to(&smtp, SAM, 1).await;
    assert!(m.text().contains("Tuesday is fine."));
    assert_eq!(mails_to(&smtp, ANA).len(), 1);
    assert_eq!(mails_to(&smtp, SAM).len(), 1);
}

#[tokio::test]
async fn a_clients_new_thread_reaches_the_inbox_watchers_until_staff_join_it() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let ana = server.demo_login(ANA).await;
    let sam = server.demo_login(SAM).await;
    // Sam watches the inbox; Priya does not.
    let (s, _) = sam
        .put(
            "/api/v1/me/notifications",
            json!({"settings": [{"category": "new_ticket", "enabled": true}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, t) = ana
        .post(
            "/api/v1/threads",
            json!({"subject": "Parking passes", "body": "Who orders the passes?"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let m = nth_mail_to(&smtp, SAM, 1).await;
    assert!(m.header("Subject").unwrap().contains("Parking passes"));
    assert!(m.text().contains("Who orders the passes?"));
    assert!(mails_to(&smtp, "priya@portico.example").is_empty());
    // Once Sam has answered, her next message reaches him as a participant,
    // once.
    let path = format!("/api/v1/threads/{}/messages", t["id"]);
    let (s, _) = sam.post(&path, json!({"body": "I do."})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = ana.post(&path, json!({"body": "Thanks!"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let m = nth_mail_to(&smtp, SAM, 2).await;
    assert!(m.text().contains("Thanks!"));
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(mails_to(&smtp, SAM).len(), 2);
}

#[tokio::test]
async fn one_click_unsubscribe_turns_the_category_off_without_signing_in() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let ticket = printer_ticket(&server);
    let thread = server.query_i64(&format!(
        "SELECT thread_id FROM tickets WHERE id = {ticket}"
    ));
    let path = format!("/api/v1/threads/{thread}/messages");
    let sam = server.demo_login(SAM).await;
    let ana = server.demo_login(ANA).await;
    sam.post(&path, json!({"body": "Try the tray."})).await;
    let m = nth_mail_to(&smtp, ANA, 1).await;
    let link = m.header("List-Unsubscribe").unwrap();
    let prefix = "<https://portal.example.com/mail/unsubscribe/";
    assert!(link.starts_with(prefix) && link.ends_with('>'), "{link}");
    assert_eq!(
        m.header("List-Unsubscribe-Post").unwrap(),
        "List-Unsubscribe=One-Click"
    );
    let route = format!("/mail/unsubscribe/{}", &link[prefix.len()..link.len() - 1]);
    let anon = server.api();

    // Bad tokens: not found, nothing changes.
    for bad in [
        "/mail/unsubscribe/0000000000000000000000000000000000000000000000000000000000000000",
        "/mail/unsubscribe/short",
        "/mail/unsubscribe/..%2F..%2Fetc",
    ] {
        let (s, _) = anon.raw(Method::POST, bad).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{bad}");
    }
    // GET only shows what POST will do.
    let (s, page) = anon.raw(Method::GET, &route).await;
    assert_eq!(s, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("ana@northwind.example") && page.contains("<form method=post>"));
    let wants_reply = |v: &Value| {
        v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["category"] == "reply")
            .unwrap()["enabled"]
            .clone()
    };
    assert_eq!(
        wants_reply(&ana.get("/api/v1/me/notifications").await.1),
        true
    );

    // What a mail program sends (RFC 8058): a form POST, no sign-in.
    let resp = anon
        .request(Method::POST, &route)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        wants_reply(&ana.get("/api/v1/me/notifications").await.1),
        false
    );

    // Sam's next answer is not mailed to Ana; Ana's answer still reaches Sam.
    sam.post(&path, json!({"body": "Did the tray help?"})).await;
    ana.post(&path, json!({"body": "It did."})).await;
    nth_mail_to(&smtp, SAM, 1).await;
    assert_eq!(mails_to(&smtp, ANA).len(), 1);
    // Invites carry no unsubscribe link.
    let admin = server.demo_login(ADMIN).await;
    admin
        .post(
            "/api/v1/invites",
            json!({"email": "nia@portico.example", "name": "Nia", "role": "agent"}),
        )
        .await;
    let invite = nth_mail_to(&smtp, "nia@portico.example", 1).await;
    assert!(invite.header("List-Unsubscribe").is_none());
}

#[tokio::test]
async fn a_send_cut_short_by_a_crash_is_recorded_as_unknown_and_never_sent_again() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp, 5_000).await;
    let admin = server.demo_login(ADMIN).await;
    let ana = server.query_i64("SELECT id FROM users WHERE email = 'ana@northwind.example'");
    // A mail due only later, claimed as the sender would just before a
    // crash: its send began and never ended.
    let later = T0 + 3_600;
    let id = server
        .state
        .db
        .write(move |tx| {
            let id = mail::enqueue(
                tx,
                &NewMail {
                    category: MailCategory::Reply,
                    recipient_id: Some(ana),
                    to_address: ANA,
                    to_name: "Ana Lima",
                    subject: "Re: cut short",
                    body: "Sent once at most.",
                    thread_id: None,
                    now: later,
                },
            )?;
            mail::claim_due(tx, later, |_| 60)?;
            Ok::<_, portico_server::store::StoreError>(id)
        })
        .await
        .unwrap();
    // Well past its retry time and the time any send may take.
    server.state.clock.set(later + 3_600);
    let (s, _) = admin
        .post(
            "/api/v1/invites",
            json!({"email": "nia@portico.example", "name": "Nia", "role": "agent"}),
        )
        .await;
    assert!(s.is_success());
    nth_mail_to(&smtp, "nia@portico.example", 1).await;
    let s = status(&admin).await;
    let cut = s["unsent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(cut["state"], "failed", "{cut}");
    assert!(
        cut["last_error"]
            .as_str()
            .unwrap()
            .contains("unknown whether it was sent"),
        "{cut}"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(mails_to(&smtp, ANA).is_empty());
}
