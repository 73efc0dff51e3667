//! Billing mail against a real SMTP conversation: an invoice or quote
//! sent, a payment recorded and an invoice gone overdue are mailed to the
//! organisation's contacts who see billing (never to staff, never to a
//! contact without the module, never to one who turned `billing` off); a
//! client's answer to a quote is mailed to the staff member who wrote it;
//! an overdue invoice is announced once, however often the job runs.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use portico_server::jobs::announce_overdue_once;
use portico_tests::smtp::{Received, SmtpServer};
use portico_tests::{Api, EventReader, TestServer};
use reqwest::StatusCode;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(15);

/// A demo server whose mail goes to `smtp`, sent every second.
async fn mailing_server(smtp: &SmtpServer) -> TestServer {
    let config = smtp.config("Acme Billing <billing@portico.test>");
    let server = TestServer::start_with(|c| c.smtp = Some(config)).await;
    server.seed_demo().await;
    server
}

fn northwind(server: &TestServer) -> i64 {
    server.query_i64("SELECT id FROM organizations WHERE name = 'Northwind Traders'")
}

/// Staff write and send an invoice for Northwind due on `due`; answers its number.
async fn send_invoice(server: &TestServer, sam: &Api, due: &str) -> String {
    let (s, draft) = sam
        .post(
            "/api/v1/invoices",
            json!({
                "organization_id": northwind(server),
                "currency": "EUR",
                "due_date": due,
                "lines": [{"description": "Audit", "quantity": "3", "unit_price": "0.10", "tax_rate": "19"}],
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    let id = draft["invoice"]["id"].as_i64().unwrap();
    let (s, sent) = sam
        .post(&format!("/api/v1/invoices/{id}/send"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{sent}");
    sent["invoice"]["number"].as_str().unwrap().to_owned()
}

/// Outbox rows (sent or not) whose subject has `text`, to `to` (a LIKE pattern).
fn queued_to(server: &TestServer, to: &str, text: &str) -> i64 {
    server.query_i64(&format!(
        "SELECT COUNT(*) FROM outbox WHERE to_address LIKE '{to}' AND subject LIKE '%{text}%'"
    ))
}

/// The mail received so far whose subject has `text`.
fn about(mails: &[Received], text: &str) -> Vec<Received> {
    mails
        .iter()
        .filter(|m| m.header("Subject").is_some_and(|s| s.contains(text)))
        .cloned()
        .collect()
}

/// Waits until `n` mails whose subject has `text` arrived (a little
/// longer, so one too many would show); answers all such.
async fn wait_about(smtp: &SmtpServer, text: &str, n: usize) -> Vec<Received> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let found = about(&smtp.received(), text);
        if found.len() >= n || tokio::time::Instant::now() > deadline {
            tokio::time::sleep(Duration::from_millis(1_500)).await;
            return about(&smtp.received(), text);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn set_billing(api: &Api, enabled: bool) -> Value {
    let (s, mine) = api
        .put(
            "/api/v1/me/notifications",
            json!({"settings": [{"category": "billing", "enabled": enabled}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{mine}");
    mine
}

#[tokio::test]
async fn a_sent_invoice_quote_and_payment_are_mailed_to_contacts_who_see_billing() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp).await;
    let sam = server.demo_login("sam@portico.example").await;
    // Ben may no longer see invoices: the policy keeps his mail back too.
    let ben = server.query_i64("SELECT id FROM users WHERE email = 'ben@northwind.example'");
    let admin = server.demo_login("admin@portico.example").await;
    let (s, body) = admin
        .patch(
            &format!("/api/v1/users/{ben}"),
            json!({"modules": ["tickets", "quotes"]}),
        )
        .await;
    assert!(s.is_success(), "{body}");

    let number = send_invoice(&server, &sam, "2099-01-31").await;
    let mails = wait_about(&smtp, &number, 1).await;
    assert_eq!(mails.len(), 1, "one mail: Ana's");
    let m = &mails[0];
    assert_eq!(m.rcpt_to, vec!["ana@northwind.example".to_owned()]);
    let text = m.text();
    assert!(text.contains("Hello Ana Lima"), "{text}");
    assert!(text.contains("0.36 EUR, due on 2099-01-31"), "{text}");
    assert!(
        text.contains(&format!("portico invoices show {number}")),
        "{text}"
    );
    assert!(text.contains("--off billing"), "{text}");
    // Neither the staff who sent it nor Ben was mailed.
    assert_eq!(queued_to(&server, "sam@portico.example", &number), 0);
    assert_eq!(queued_to(&server, "ben@northwind.example", &number), 0);

    // A part payment: Ana hears what is still due.
    let id = server.query_i64(&format!(
        "SELECT id FROM invoices WHERE number = '{number}'"
    ));
    let (s, paid) = sam
        .post(
            &format!("/api/v1/invoices/{id}/payments"),
            json!({"amount": "0.16", "method": "bank transfer", "paid_on": "2026-12-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{paid}");
    let mails = wait_about(&smtp, "Payment received", 1).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text().contains("Still due: 0.20 EUR"));

    // A quote: Ben sees quotes, so he is mailed as well as Ana.
    let (s, quote) = sam
        .post(
            "/api/v1/quotes",
            json!({
                "organization_id": northwind(&server),
                "currency": "JPY",
                "valid_until": "2099-02-01",
                "lines": [{"description": "Survey", "quantity": "1", "unit_price": "1200", "tax_rate": "10"}],
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{quote}");
    let qid = quote["quote"]["id"].as_i64().unwrap();
    let (_, sent) = sam
        .post(&format!("/api/v1/quotes/{qid}/send"), json!({}))
        .await;
    let qnumber = sent["quote"]["number"].as_str().unwrap().to_owned();
    let mails = wait_about(&smtp, &qnumber, 2).await;
    let mut to: Vec<String> = mails.iter().map(|m| m.rcpt_to[0].clone()).collect();
    to.sort();
    assert_eq!(to, ["ana@northwind.example", "ben@northwind.example"]);
    assert!(mails[0].text().contains("1320 JPY, valid until 2099-02-01"));
    assert!(
        mails[0]
            .text()
            .contains(&format!("portico quotes accept {qnumber}"))
    );
    // Ana accepts it with a note: Sam, who wrote it, hears; she does not.
    let ana = server.demo_login("ana@northwind.example").await;
    let (s, _) = ana
        .post(
            &format!("/api/v1/quotes/{qid}/accept"),
            json!({"note": "Go ahead in March."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let answers = wait_about(&smtp, &format!("Quote {qnumber} accepted"), 1).await;
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].rcpt_to, ["sam@portico.example"]);
    assert!(
        answers[0].text().contains("Go ahead in March."),
        "{}",
        answers[0].text()
    );
    assert_eq!(
        about(&smtp.received(), &qnumber).len(),
        3,
        "nobody else heard"
    );
}

#[tokio::test]
async fn an_overdue_invoice_is_announced_and_mailed_once_unless_billing_is_off() {
    let smtp = SmtpServer::start().await;
    let server = mailing_server(&smtp).await;
    let sam = server.demo_login("sam@portico.example").await;
    let ana = server.demo_login("ana@northwind.example").await;
    let ben = server.demo_login("ben@northwind.example").await;
    // Clients choose billing mail like reply mail; Ben turns it off.
    let mine = set_billing(&ben, false).await;
    assert!(
        mine["settings"]
            .as_array()
            .unwrap()
            .contains(&json!({"category": "billing", "enabled": false})),
        "{mine}"
    );
    let now = server.state.clock.now();
    server.state.clock.set(now);
    let today = jiff::Timestamp::from_second(now)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let number = send_invoice(&server, &sam, &today.to_string()).await;
    // Ben turned billing off: not even the sent invoice reached him.
    assert_eq!(queued_to(&server, "ana@northwind.example", &number), 1);
    assert_eq!(queued_to(&server, "ben@northwind.example", &number), 0);

    // Due today is not overdue: the job finds nothing of it.
    announce_overdue_once(&server.state).await.unwrap();
    let overdue = format!("{number} is overdue");
    assert_eq!(queued_to(&server, "ana@northwind.example", &overdue), 0);

    // The clock passes the due day: one live event, one mail; never again.
    let mut events = EventReader::open(&ana, None).await;
    server.state.clock.advance(2 * 86_400);
    assert!(announce_overdue_once(&server.state).await.unwrap() >= 1);
    // (Demo invoices may fall due in those days too: hers is looked for.)
    let ev = loop {
        let ev = events.expect(&["invoice.overdue"], WAIT).await;
        if ev.data["invoice"]["number"] == number.as_str() {
            break ev;
        }
    };
    assert_eq!(ev.data["invoice"]["status"], "overdue");
    assert_eq!(announce_overdue_once(&server.state).await.unwrap(), 0);
    server.state.clock.advance(86_400);
    assert_eq!(announce_overdue_once(&server.state).await.unwrap(), 0);
    assert_eq!(queued_to(&server, "ana@northwind.example", &overdue), 1);
    assert_eq!(queued_to(&server, "ben@northwind.example", &overdue), 0);
    let mails = wait_about(&smtp, &overdue, 1).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text().contains("0.36 EUR is still to pay"));

    // Ana turns billing off too: the next sent invoice is mailed to nobody.
    set_billing(&ana, false).await;
    let next = send_invoice(&server, &sam, "2099-01-31").await;
    assert_eq!(queued_to(&server, "%", &next), 0);
}
