//! Invoices, quotes and payments over real HTTP: exact totals on awkward
//! numbers, numbering under concurrent sends, drafts hidden from clients,
//! payments, overdue, the payment link, quotes' answers, expiry and
//! conversion, the PDF and the CSV.
#![allow(clippy::unwrap_used)]

use portico_tests::{Api, EventReader, TestServer, assert_error};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// 2031-06-02 12:00 UTC: after the demo's own invoices, in a year of its own.
const NOW: &str = "2031-06-02T12:00:00Z";

struct World {
    server: TestServer,
    admin: Api,
    ana: Api,
    carla: Api,
    northwind: i64,
}

async fn world_with(tweak: impl FnOnce(&mut portico_server::Config)) -> World {
    let server = TestServer::start_with(tweak).await;
    server.seed_demo().await;
    server
        .state
        .clock
        .set(NOW.parse::<jiff::Timestamp>().unwrap().as_second());
    World {
        admin: server.demo_login("admin@portico.example").await,
        ana: server.demo_login("ana@northwind.example").await,
        carla: server.demo_login("carla@globex.example").await,
        northwind: server
            .query_i64("SELECT id FROM organizations WHERE name = 'Northwind Traders'"),
        server,
    }
}

async fn world() -> World {
    world_with(|_| {}).await
}

fn line(description: &str, quantity: &str, unit_price: &str, tax_rate: &str) -> Value {
    json!({"description": description, "quantity": quantity, "unit_price": unit_price, "tax_rate": tax_rate})
}

/// A draft invoice of Northwind; answers its detail.
async fn draft(w: &World, currency: &str, due: &str, lines: Vec<Value>) -> Value {
    let (status, body) = w
        .admin
        .post(
            "/api/v1/invoices",
            json!({"organization_id": w.northwind, "currency": currency,
                   "issue_date": "2031-06-02", "due_date": due, "lines": lines}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

fn id_of(detail: &Value, kind: &str) -> i64 {
    detail[kind]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn totals_are_exact_on_awkward_numbers() {
    let w = world().await;
    let eur = draft(
        &w,
        "EUR",
        "2031-06-30",
        vec![
            line("Labels", "1250", "0.12", "0"),
            line("Stamps", "3", "0.10", "0"),
            // 0.05 × 10% = 0.005: half away from zero is 0.01.
            line("Half a cent of tax", "1", "0.05", "10"),
            // 39.98 × 19% = 7.5962 → 7.60.
            line("Gloves", "2", "19.99", "19"),
            line("Books", "1", "100", "7"),
        ],
    )
    .await;
    let lines: Vec<(&str, &str)> = eur["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["net"].as_str().unwrap(), l["tax"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lines,
        [
            ("150.00", "0.00"),
            ("0.30", "0.00"),
            ("0.05", "0.01"),
            ("39.98", "7.60"),
            ("100.00", "7.00")
        ]
    );
    let inv = &eur["invoice"];
    assert_eq!(
        (&inv["net"], &inv["tax"], &inv["total"], &inv["due"]),
        (
            &json!("290.33"),
            &json!("14.61"),
            &json!("304.94"),
            &json!("304.94")
        )
    );
    assert_eq!(inv["status"], "draft");
    assert!(inv["number"].is_null(), "drafts have no number");

    // Yen have no minor unit: 3 × 333 at 10% is 999 + 99.9 → 100.
    let jpy = draft(
        &w,
        "jpy",
        "2031-06-30",
        vec![
            line("Consulting", "3", "333", "10"),
            line("Half a yen", "1", "0.5", "0"),
        ],
    )
    .await;
    let inv = &jpy["invoice"];
    assert_eq!(
        (&inv["currency"], &inv["net"], &inv["tax"], &inv["total"]),
        (&json!("JPY"), &json!("1000"), &json!("100"), &json!("1100"))
    );

    // A payment of a fraction of a yen is refused, not rounded.
    let id = id_of(&jpy, "invoice");
    w.admin
        .post(&format!("/api/v1/invoices/{id}/send"), json!({}))
        .await;
    let r = w
        .admin
        .post(
            &format!("/api/v1/invoices/{id}/payments"),
            json!({"amount": "10.5", "method": "cash"}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.1["error"]["fields"][0]["field"], "amount");
}

#[tokio::test]
async fn hostile_drafts_are_refused_whole_and_change_nothing() {
    let w = world().await;
    let before = w.server.query_i64("SELECT COUNT(*) FROM invoices");
    let many: Vec<Value> = (0..201).map(|_| line("x", "1", "1", "0")).collect();
    for (lines, currency, field) in [
        (vec![line("x", "1e3", "1", "0")], "EUR", "lines[0].quantity"),
        (
            vec![line("x", "1", "-5", "0")],
            "EUR",
            "lines[0].unit_price",
        ),
        (vec![line("x", "1", "1", "101")], "EUR", "lines[0].tax_rate"),
        (vec![line("", "1", "1", "0")], "EUR", "lines[0].description"),
        (vec![line("x", "0", "1", "0")], "EUR", "lines[0].quantity"),
        (vec![line("x", "1", "1", "0")], "XXX", "currency"),
        (
            vec![line("x", "999999999999", "999999999999", "0")],
            "EUR",
            "lines[0].unit_price",
        ),
        (many, "EUR", "lines"),
    ] {
        let r = w
            .admin
            .post(
                "/api/v1/invoices",
                json!({"organization_id": w.northwind, "currency": currency,
                       "due_date": "2031-07-01", "lines": lines}),
            )
            .await;
        assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        let fields: Vec<&str> = r.1["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{field} not named in {fields:?}");
    }
    let r = w
        .admin
        .post(
            "/api/v1/invoices",
            json!({"organization_id": 987654, "currency": "EUR", "due_date": "2031-07-01", "lines": []}),
        )
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        w.server.query_i64("SELECT COUNT(*) FROM invoices"),
        before,
        "nothing stored"
    );
    // Clients write nothing.
    let r = w
        .ana
        .post(
            "/api/v1/invoices",
            json!({"organization_id": w.northwind, "currency": "EUR", "due_date": "2031-07-01", "lines": []}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn numbers_have_no_gaps_under_concurrent_sends() {
    let w = world().await;
    let mut ids = Vec::new();
    for n in 0..12 {
        let d = draft(
            &w,
            "EUR",
            "2031-07-01",
            vec![line(&format!("Item {n}"), "1", "10", "0")],
        )
        .await;
        ids.push(id_of(&d, "invoice"));
    }
    let sends = ids.iter().map(|id| {
        let admin = w.admin.clone();
        let path = format!("/api/v1/invoices/{id}/send");
        async move { admin.post(&path, json!({})).await }
    });
    let answers = futures_util::future::join_all(sends).await;
    let mut numbers: Vec<String> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, StatusCode::OK, "{body}");
            body["invoice"]["number"].as_str().unwrap().to_owned()
        })
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=12).map(|n| format!("INV-2031-{n:04}")).collect();
    assert_eq!(numbers, expected);
    // Sending again changes nothing; a voided number is never given again.
    let r = w
        .admin
        .post(&format!("/api/v1/invoices/{}/send", ids[0]), json!({}))
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let r = w
        .admin
        .post(&format!("/api/v1/invoices/{}/void", ids[11]), json!({}))
        .await;
    assert_eq!(r.1["invoice"]["status"], "void", "{}", r.1);
    let next = draft(&w, "EUR", "2031-07-01", vec![line("More", "1", "1", "0")]).await;
    let (_, sent) = w
        .admin
        .post(
            &format!("/api/v1/invoices/{}/send", id_of(&next, "invoice")),
            json!({}),
        )
        .await;
    assert_eq!(sent["invoice"]["number"], "INV-2031-0013");
}

#[tokio::test]
async fn clients_see_no_drafts_and_nothing_of_other_organisations() {
    let w = world().await;
    let d = draft(&w, "EUR", "2031-07-01", vec![line("Secret", "1", "5", "0")]).await;
    let id = id_of(&d, "invoice");
    let (_, page) = w.ana.get("/api/v1/invoices?limit=200").await;
    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty(), "the demo sends Northwind invoices");
    assert!(items.iter().all(|i| i["status"] != "draft"), "{page}");
    assert!(items.iter().all(|i| i["id"] != id));
    let hidden = w
        .ana
        .raw(Method::GET, &format!("/api/v1/invoices/{id}"))
        .await;
    let missing = w.ana.raw(Method::GET, "/api/v1/invoices/987654321").await;
    assert_eq!(hidden.0, StatusCode::NOT_FOUND);
    assert_eq!(hidden, missing, "a draft looks exactly missing");
    let pdf = w
        .ana
        .raw(Method::GET, &format!("/api/v1/invoices/{id}/pdf"))
        .await;
    assert_eq!(pdf.0, StatusCode::NOT_FOUND);

    // Once sent, Ana sees it; Carla (Globex) never does, on any route.
    w.admin
        .post(&format!("/api/v1/invoices/{id}/send"), json!({}))
        .await;
    assert_eq!(
        w.ana.get(&format!("/api/v1/invoices/{id}")).await.0,
        StatusCode::OK
    );
    for path in [
        format!("/api/v1/invoices/{id}"),
        format!("/api/v1/invoices/{id}/pdf"),
    ] {
        let theirs = w.carla.raw(Method::GET, &path).await;
        let none = w
            .carla
            .raw(Method::GET, &path.replace(&id.to_string(), "987654321"))
            .await;
        assert_eq!(theirs.0, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(theirs, none, "{path}");
    }
    let (_, globex) = w.carla.get("/api/v1/invoices?limit=200").await;
    assert!(
        globex["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["organization"]["name"] == "Globex Corporation"),
        "{globex}"
    );
    // Switching the module off for all clients closes it to them, not to staff.
    let r = w
        .admin
        .put(
            "/api/v1/settings/modules",
            json!({"disabled": ["invoices"]}),
        )
        .await;
    assert_eq!(r.0, StatusCode::OK, "{}", r.1);
    let ana = w.server.demo_login("ana@northwind.example").await;
    assert_error(
        &ana.get("/api/v1/invoices").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_eq!(w.admin.get("/api/v1/invoices").await.0, StatusCode::OK);
    assert_eq!(ana.get("/api/v1/quotes").await.0, StatusCode::OK);
}

#[tokio::test]
async fn part_and_full_payments_overdue_and_the_payment_link() {
    let w = world_with(|c| {
        c.payment_link =
            Some("https://pay.example.com/{number}?amount={amount}&c={currency}".into())
    })
    .await;
    let d = draft(
        &w,
        "EUR",
        "2031-06-12",
        vec![line("Work", "1", "100", "19")],
    )
    .await;
    let id = id_of(&d, "invoice");
    assert!(d["payment_link"].is_null(), "no link on a draft");
    let path = format!("/api/v1/invoices/{id}");
    let pay = |amount: &str| {
        let admin = w.admin.clone();
        let body = json!({"amount": amount, "paid_on": "2031-06-05", "method": "bank transfer"});
        let path = format!("{path}/payments");
        async move { admin.post(&path, body).await }
    };
    assert_error(&pay("10").await, StatusCode::CONFLICT, "conflict");
    let (_, sent) = w.admin.post(&format!("{path}/send"), json!({})).await;
    let number = sent["invoice"]["number"].as_str().unwrap().to_owned();
    assert_eq!(
        sent["payment_link"],
        format!("https://pay.example.com/{number}?amount=119.00&c=EUR")
    );

    let (status, part) = pay("50").await;
    assert_eq!(status, StatusCode::CREATED, "{part}");
    let inv = &part["invoice"];
    assert_eq!(
        (&inv["status"], &inv["paid"], &inv["due"]),
        (&json!("sent"), &json!("50.00"), &json!("69.00"))
    );
    assert_eq!(part["payments"][0]["amount"], "50.00");
    assert_eq!(part["payments"][0]["recorded_by"]["name"], "Ada Admin");
    // More than is due is refused and changes nothing.
    assert_error(
        &pay("69.01").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
    assert_error(
        &pay("0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
    // Clients pay through the link, never here.
    let r = w
        .ana
        .post(
            &format!("{path}/payments"),
            json!({"amount": "1", "method": "x"}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");

    // The organisation's own link wins over the server's.
    let r = w
        .admin
        .put(
            &format!("/api/v1/organizations/{}/payment-link", w.northwind),
            json!({"template": "https://northwind.pay.example/{number}/{amount}"}),
        )
        .await;
    assert_eq!(r.0, StatusCode::OK, "{}", r.1);
    let bad = w
        .admin
        .put(
            &format!("/api/v1/organizations/{}/payment-link", w.northwind),
            json!({"template": "javascript:alert(1)"}),
        )
        .await;
    assert_error(&bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    // Staff read the organisation's own template back; clients may not.
    let link_path = format!("/api/v1/organizations/{}/payment-link", w.northwind);
    assert_eq!(
        w.admin.get(&link_path).await,
        (
            StatusCode::OK,
            json!({"template": "https://northwind.pay.example/{number}/{amount}"})
        )
    );
    assert_error(
        &w.ana.get(&link_path).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &w.admin
            .get("/api/v1/organizations/987654/payment-link")
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (_, seen) = w.ana.get(&path).await;
    assert_eq!(
        seen["payment_link"],
        format!("https://northwind.pay.example/{number}/69.00")
    );

    // Past its due date, what is still due is overdue, in the detail and the list.
    w.server.state.clock.advance(11 * 86_400);
    let (_, late) = w.ana.get(&path).await;
    assert_eq!(late["invoice"]["status"], "overdue");
    let (_, overdue) = w.ana.get("/api/v1/invoices?status=overdue").await;
    let ids: Vec<i64> = overdue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&id), "{overdue}");
    let (_, on_time) = w.ana.get("/api/v1/invoices?status=sent").await;
    assert!(
        on_time["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != id)
    );

    let (status, full) = pay("69").await;
    assert_eq!(status, StatusCode::CREATED, "{full}");
    assert_eq!(
        (
            &full["invoice"]["status"],
            &full["invoice"]["due"],
            &full["payment_link"]
        ),
        (&json!("paid"), &json!("0.00"), &Value::Null)
    );
    assert_error(&pay("1").await, StatusCode::CONFLICT, "conflict");
    let r = w.admin.post(&format!("{path}/void"), json!({})).await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    let r = w.admin.patch(&path, json!({"notes": "late edit"})).await;
    assert_error(&r, StatusCode::CONFLICT, "conflict");
    assert_error(
        &w.ana.get("/api/v1/invoices?status=bogus").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    );
}

#[tokio::test]
async fn drafts_are_edited_and_repriced_until_sent() {
    let w = world().await;
    let d = draft(
        &w,
        "EUR",
        "2031-07-01",
        vec![line("Work", "3", "0.335", "0")],
    )
    .await;
    assert_eq!(
        d["invoice"]["total"], "1.01",
        "1.005 rounds half away from zero"
    );
    let path = format!("/api/v1/invoices/{}", id_of(&d, "invoice"));
    // Changing the currency prices the same lines again in its minor unit.
    let (status, jpy) = w.admin.patch(&path, json!({"currency": "JPY"})).await;
    assert_eq!(status, StatusCode::OK, "{jpy}");
    assert_eq!(jpy["invoice"]["total"], "1");
    let (_, lines) = w
        .admin
        .patch(
            &path,
            json!({"currency": "GBP", "lines": [line("New", "2", "2.50", "20")], "notes": "Thanks"}),
        )
        .await;
    assert_eq!(
        (
            &lines["invoice"]["total"],
            &lines["notes"],
            &lines["lines"][0]["description"]
        ),
        (&json!("6.00"), &json!("Thanks"), &json!("New"))
    );
    let r = w
        .admin
        .patch(&path, json!({"due_date": "2031-01-01"}))
        .await;
    assert_error(&r, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let r = w.ana.patch(&path, json!({"notes": "mine"})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "forbidden");
}

/// A sent quote of Northwind valid until `until`; answers its id.
async fn sent_quote(w: &World, until: &str) -> i64 {
    let (status, q) = w
        .admin
        .post(
            "/api/v1/quotes",
            json!({"organization_id": w.northwind, "currency": "EUR", "valid_until": until,
                   "lines": [line("Pickers", "240", "29.90", "19"), line("Induction", "1", "450", "19")],
                   "notes": "Six weeks"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    let id = id_of(&q, "quote");
    assert_error(
        &w.ana.get(&format!("/api/v1/quotes/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (status, sent) = w
        .admin
        .post(&format!("/api/v1/quotes/{id}/send"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert!(
        sent["quote"]["number"]
            .as_str()
            .unwrap()
            .starts_with("QUO-2031-")
    );
    id
}

#[tokio::test]
async fn quotes_are_accepted_declined_expire_and_become_invoices() {
    let w = world().await;
    let id = sent_quote(&w, "2031-06-10").await;
    let path = format!("/api/v1/quotes/{id}");
    // Staff do not answer for the client; another organisation cannot see it.
    assert_error(
        &w.admin
            .post(&format!("{path}/accept"), json!({"note": "x"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &w.carla.post(&format!("{path}/accept"), json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (status, accepted) = w
        .ana
        .post(&format!("{path}/accept"), json!({"note": "Go ahead"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    let q = &accepted["quote"];
    assert_eq!(
        (&q["status"], &q["decision_note"], &q["decided_by"]["name"]),
        (&json!("accepted"), &json!("Go ahead"), &json!("Ana Lima"))
    );
    assert_eq!(q["total"], "9074.94", "7626.00 + 1448.94");
    assert_error(
        &w.ana.post(&format!("{path}/decline"), json!({})).await,
        StatusCode::CONFLICT,
        "conflict",
    );

    // Staff turn it into a draft invoice with the same lines, once.
    assert_error(
        &w.ana.post(&format!("{path}/invoice"), json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let (status, inv) = w.admin.post(&format!("{path}/invoice"), json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    assert_eq!(
        (
            &inv["invoice"]["status"],
            &inv["invoice"]["total"],
            &inv["quote_id"]
        ),
        (&json!("draft"), &json!("9074.94"), &json!(id))
    );
    assert_eq!(inv["lines"].as_array().unwrap().len(), 2);
    assert_eq!(inv["invoice"]["due_date"], "2031-07-02");
    let (_, q) = w.admin.get(&path).await;
    assert_eq!(q["quote"]["invoice_id"], inv["invoice"]["id"]);
    assert_error(
        &w.admin.post(&format!("{path}/invoice"), json!({})).await,
        StatusCode::CONFLICT,
        "conflict",
    );

    // Declined with a note.
    let second = sent_quote(&w, "2031-06-10").await;
    let (_, declined) = w
        .ana
        .post(
            &format!("/api/v1/quotes/{second}/decline"),
            json!({"note": "Too dear"}),
        )
        .await;
    assert_eq!(
        (
            &declined["quote"]["status"],
            &declined["quote"]["decision_note"]
        ),
        (&json!("declined"), &json!("Too dear"))
    );
    assert_error(
        &w.admin
            .post(&format!("/api/v1/quotes/{second}/invoice"), json!({}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );

    // After its last valid day a quote is expired and takes no answer.
    let third = sent_quote(&w, "2031-06-04").await;
    w.server.state.clock.advance(3 * 86_400);
    let (_, expired) = w.ana.get(&format!("/api/v1/quotes/{third}")).await;
    assert_eq!(expired["quote"]["status"], "expired");
    let (_, listed) = w.ana.get("/api/v1/quotes?status=expired").await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["id"] == third)
    );
    assert_error(
        &w.ana
            .post(&format!("/api/v1/quotes/{third}/accept"), json!({}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert_eq!(
        w.ana.get(&format!("/api/v1/quotes/{third}")).await.1["quote"]["status"],
        "expired"
    );
}

#[tokio::test]
async fn the_pdf_parses_and_shows_number_and_total_and_staff_get_csv() {
    let w = world().await;
    let d = draft(
        &w,
        "EUR",
        "2031-06-30",
        vec![
            line("Labels", "1250", "0.12", "0"),
            line("Gloves", "2", "19.99", "19"),
        ],
    )
    .await;
    let id = id_of(&d, "invoice");
    let (_, sent) = w
        .admin
        .post(&format!("/api/v1/invoices/{id}/send"), json!({}))
        .await;
    let number = sent["invoice"]["number"].as_str().unwrap().to_owned();
    let resp = w
        .ana
        .request(Method::GET, &format!("/api/v1/invoices/{id}/pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    let bytes = resp.bytes().await.unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert_eq!(pages, [1]);
    let text = doc.extract_text(&pages).unwrap();
    assert!(text.contains(&number), "{text}");
    assert!(
        text.contains("197.58 EUR"),
        "total 150 + 39.98 + 7.60: {text}"
    );
    assert!(text.contains("Northwind Traders"), "{text}");

    let resp = w
        .admin
        .request(Method::GET, "/api/v1/invoices.csv")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let csv = resp.text().await.unwrap();
    let mut rows = csv.lines();
    assert!(
        rows.next()
            .unwrap()
            .starts_with("id,number,status,organisation")
    );
    let ours = rows
        .find(|r| r.starts_with(&format!("{id},")))
        .expect("the sent invoice is a row");
    assert!(
        ours.contains(&format!("{number},sent,Northwind Traders,EUR,2031-06-02,2031-06-30,189.98,7.60,197.58,0.00,197.58")),
        "{ours}"
    );
    assert_error(
        &w.ana.get("/api/v1/invoices.csv").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

/// Every billing event `reader` gets until it is quiet, by kind and number.
async fn billing_events(reader: &mut EventReader) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    while let Some(ev) = reader.next(std::time::Duration::from_millis(400)).await {
        let doc = match ev.kind.split('.').next() {
            Some("invoice") => &ev.data["invoice"],
            Some("quote") => &ev.data["quote"],
            _ => continue,
        };
        seen.push((
            ev.kind.clone(),
            doc["number"].as_str().unwrap_or("").to_owned(),
        ));
    }
    seen
}

#[tokio::test]
async fn invoice_and_quote_events_reach_staff_and_only_the_clients_organisation() {
    const WAIT: std::time::Duration = std::time::Duration::from_secs(5);
    let w = world().await;
    let mut ana_events = EventReader::open(&w.ana, None).await;
    let mut carla_events = EventReader::open(&w.carla, None).await;
    let mut admin_events = EventReader::open(&w.admin, None).await;

    // A draft is staff's own business: the client hears of it once sent.
    let d = draft(&w, "EUR", "2031-06-30", vec![line("Work", "2", "50", "0")]).await;
    let id = id_of(&d, "invoice");
    let (_, sent) = w
        .admin
        .post(&format!("/api/v1/invoices/{id}/send"), json!({}))
        .await;
    let number = sent["invoice"]["number"].as_str().unwrap().to_owned();
    let ev = ana_events.expect(&["invoice.sent"], WAIT).await;
    assert_eq!(
        (&ev.data["invoice"]["number"], &ev.data["invoice"]["total"]),
        (&json!(number), &json!("100.00"))
    );

    let pay = |amount: &'static str| {
        let admin = w.admin.clone();
        async move {
            let body = json!({"amount": amount, "method": "bank transfer"});
            let r = admin
                .post(&format!("/api/v1/invoices/{id}/payments"), body)
                .await;
            assert_eq!(r.0, StatusCode::CREATED, "{}", r.1);
        }
    };
    pay("40").await;
    let ev = ana_events.expect(&["invoice.payment"], WAIT).await;
    assert_eq!(
        (&ev.data["invoice"]["status"], &ev.data["invoice"]["due"]),
        (&json!("sent"), &json!("60.00"))
    );
    pay("60").await;
    let ev = ana_events.expect(&["invoice.paid"], WAIT).await;
    assert_eq!(ev.data["invoice"]["status"], "paid");

    let other = draft(&w, "EUR", "2031-06-30", vec![line("Spare", "1", "5", "0")]).await;
    let other_id = id_of(&other, "invoice");
    w.admin
        .post(&format!("/api/v1/invoices/{other_id}/send"), json!({}))
        .await;
    w.admin
        .post(&format!("/api/v1/invoices/{other_id}/void"), json!({}))
        .await;
    let ev = ana_events.expect(&["invoice.voided"], WAIT).await;
    assert_eq!(
        (&ev.data["invoice"]["id"], &ev.data["invoice"]["status"]),
        (&json!(other_id), &json!("void"))
    );

    // Quotes: the client hears it was sent; staff hear the answer and its note.
    let quote = sent_quote(&w, "2031-06-30").await;
    let ev = ana_events.expect(&["quote.sent"], WAIT).await;
    assert_eq!(ev.data["quote"]["id"], quote);
    w.ana
        .post(
            &format!("/api/v1/quotes/{quote}/accept"),
            json!({"note": "Go ahead"}),
        )
        .await;
    let ev = admin_events.expect(&["quote.accepted"], WAIT).await;
    assert_eq!(
        (&ev.data["quote"]["id"], &ev.data["quote"]["decision_note"]),
        (&json!(quote), &json!("Go ahead"))
    );
    let second = sent_quote(&w, "2031-06-30").await;
    w.ana
        .post(
            &format!("/api/v1/quotes/{second}/decline"),
            json!({"note": "Too dear"}),
        )
        .await;
    let ev = admin_events.expect(&["quote.declined"], WAIT).await;
    assert_eq!(
        (&ev.data["quote"]["id"], &ev.data["quote"]["status"]),
        (&json!(second), &json!("declined"))
    );

    // The client is not told of their own answers; another organisation
    // hears of none of it.
    let ana_rest = billing_events(&mut ana_events).await;
    assert!(
        ana_rest.iter().all(|(kind, _)| kind == "quote.sent"),
        "{ana_rest:?}"
    );
    assert_eq!(billing_events(&mut carla_events).await, Vec::new());
}

#[tokio::test]
async fn a_quote_has_its_pdf_and_staff_get_quotes_as_csv() {
    let w = world().await;
    let id = sent_quote(&w, "2031-06-30").await;
    let (_, q) = w.ana.get(&format!("/api/v1/quotes/{id}")).await;
    let number = q["quote"]["number"].as_str().unwrap().to_owned();
    let resp = w
        .ana
        .request(Method::GET, &format!("/api/v1/quotes/{id}/pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert_eq!(
        resp.headers()["content-disposition"],
        format!("attachment; filename=\"{number}.pdf\"").as_str()
    );
    let bytes = resp.bytes().await.unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    for wanted in [
        number.as_str(),
        "quote",
        "Valid until: 2031-06-30",
        "9074.94 EUR",
        "Pickers",
    ] {
        assert!(text.contains(wanted), "{wanted} in {text}");
    }
    assert!(!text.contains("Paid"), "a quote has no payments: {text}");
    // Another organisation's quote is as missing as one that is not there.
    assert_eq!(
        w.carla
            .raw(Method::GET, &format!("/api/v1/quotes/{id}/pdf"))
            .await,
        w.carla.raw(Method::GET, "/api/v1/quotes/987654/pdf").await
    );
    assert_eq!(
        w.carla
            .raw(Method::GET, &format!("/api/v1/quotes/{id}/pdf"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    let (status, csv) = w.admin.raw(Method::GET, "/api/v1/quotes.csv").await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "id,number,status,organisation,currency,issue_date,valid_until,net,tax,total,decided_at,invoice_id"
    );
    let ours = rows
        .find(|r| r.starts_with(&format!("{id},")))
        .expect("the sent quote is a row");
    assert_eq!(
        ours,
        format!(
            "{id},{number},sent,Northwind Traders,EUR,2031-06-02,2031-06-30,7626.00,1448.94,9074.94,,"
        )
    );
    assert_error(
        &w.ana.get("/api/v1/quotes.csv").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}
