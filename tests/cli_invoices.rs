//! `portico invoices …` and `portico quotes …` against a real server: the
//! tables, JSON for scripts, the saved PDF, payments by staff, a client's
//! answer to a quote, and the exit codes of refusals.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use app_support::{Cli, assert_ok, stdout};
use portico_tests::TestServer;
use serde_json::Value;

fn json_out(out: &std::process::Output) -> Value {
    assert_ok(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_lists_shows_saves_pdfs_and_accepts_a_quote() {
    let server = TestServer::demo().await;
    let ana = Cli::new(&server.base);
    assert_ok(&ana.login("ana@northwind.example").await);

    let page = json_out(&ana.run(&["invoices", "list", "--json"], "").await);
    let items = page["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        3,
        "Northwind's three sent invoices, no draft: {page}"
    );
    let overdue = items.iter().find(|i| i["status"] == "overdue").unwrap();
    let number = overdue["number"].as_str().unwrap();

    let table = stdout(&ana.run(&["invoices", "list"], "").await);
    let header = table.lines().next().unwrap();
    assert!(
        header.starts_with("ID") && header.contains("DUE DATE"),
        "{table}"
    );
    let row = table.lines().find(|l| l.contains(number)).unwrap();
    assert!(row.contains("overdue") && row.contains(" EUR"), "{row}");

    let shown = stdout(&ana.run(&["invoices", "show", number], "").await);
    assert!(
        shown.contains(&format!("{number} · overdue · Northwind Traders")),
        "{shown}"
    );
    assert!(shown.contains("Forklift drivers, week 45"), "{shown}");
    assert!(shown.contains("paid 500.00 EUR"), "{shown}");

    let pdf = ana.config.path().join("invoice.pdf");
    let out = ana
        .run(
            &["invoices", "pdf", number, "--to", pdf.to_str().unwrap()],
            "",
        )
        .await;
    assert_ok(&out);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF was saved");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert!(doc.extract_text(&[1]).unwrap().contains(number));

    // The waiting quote, accepted with a note; a second answer is refused.
    let quotes = json_out(
        &ana.run(&["quotes", "list", "--status", "sent", "--json"], "")
            .await,
    );
    let quote = quotes["items"][0]["number"].as_str().unwrap().to_owned();
    let table = stdout(&ana.run(&["quotes", "list"], "").await);
    assert!(
        table.contains(&quote) && table.contains("VALID UNTIL"),
        "{table}"
    );
    let done = json_out(
        &ana.run(
            &["quotes", "accept", &quote, "--note", "Go ahead", "--json"],
            "",
        )
        .await,
    );
    assert_eq!(
        (&done["quote"]["status"], &done["quote"]["decision_note"]),
        (&Value::from("accepted"), &Value::from("Go ahead"))
    );
    // Its PDF says it was accepted.
    let quote_pdf = ana.config.path().join("quote.pdf");
    let out = ana
        .run(
            &["quotes", "pdf", &quote, "--to", quote_pdf.to_str().unwrap()],
            "",
        )
        .await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with("saved "), "{}", stdout(&out));
    let doc = lopdf::Document::load_mem(&std::fs::read(&quote_pdf).unwrap()).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert!(
        text.contains(&quote) && text.contains("Status:") && text.contains("accepted"),
        "{text}"
    );
    let again = ana.run(&["quotes", "decline", &quote], "").await;
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("accepted already"));
    let missing = ana.run(&["quotes", "show", "QUO-1999-0001"], "").await;
    assert_eq!(missing.status.code(), Some(4));

    // Clients do not record payments.
    let refused = ana
        .run(&["invoices", "pay", number, "--amount", "1"], "")
        .await;
    assert_eq!(refused.status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_record_part_and_full_payments() {
    let server = TestServer::demo().await;
    let sam = Cli::new(&server.base);
    assert_ok(&sam.login("sam@portico.example").await);
    let page = json_out(
        &sam.run(&["invoices", "list", "--status", "sent", "--json"], "")
            .await,
    );
    let sent = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["currency"] == "USD")
        .unwrap();
    let number = sent["number"].as_str().unwrap();
    assert_eq!(
        sent["total"], "500.83",
        "16 × 28.75 = 460.00, + 8.875% = 40.825 → 40.83"
    );
    let part = json_out(
        &sam.run(
            &["invoices", "pay", number, "--amount", "0.83", "--json"],
            "",
        )
        .await,
    );
    assert_eq!(part["invoice"]["due"], "500.00");
    let too_much = sam
        .run(&["invoices", "pay", number, "--amount", "500.01"], "")
        .await;
    assert_eq!(too_much.status.code(), Some(5), "a refused field");
    assert!(String::from_utf8_lossy(&too_much.stderr).contains("amount"));
    let full = sam
        .run(
            &[
                "invoices",
                "pay",
                number,
                "--amount",
                "500",
                "--method",
                "card (hosted page)",
            ],
            "",
        )
        .await;
    assert_ok(&full);
    let shown = stdout(&full);
    assert!(
        shown.contains("· paid ·") && shown.contains("due 0.00 USD"),
        "{shown}"
    );
    assert!(shown.contains("paid 500.00 USD on"), "{shown}");
}
