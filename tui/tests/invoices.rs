//! The Invoices & quotes screen on a `TestBackend`: snapshots of the list
//! and of an invoice's and a quote's detail, and the update logic of a
//! client answering a quote (asked first) and saving a PDF.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico::fixtures::{self, person};
use portico::input::map_key;
use portico::screens::invoices::msg::{BillingEffect, BillingMsg};
use portico::shell::model::{App, Modal, Screen};
use portico::shell::msg::{Action, Effect};
use portico::shell::update::update;
use portico::shell::view as ui;
use portico_shared::{
    Invoice, InvoiceDetail, InvoiceStatus, Line, Module, OrganizationRef, Page, Payment, Quote,
    QuoteDetail, QuoteStatus, Role,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn text(app: &App) -> String {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let a = map_key(app, KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
    update(app, a)
}

fn day(s: &str) -> jiff::civil::Date {
    s.parse().unwrap()
}

fn northwind() -> OrganizationRef {
    OrganizationRef {
        id: 1,
        name: "Northwind Traders".into(),
    }
}

fn invoice(id: i64, status: InvoiceStatus, currency: &str, total: &str, due: &str) -> Invoice {
    Invoice {
        id,
        number: Some(format!("INV-2026-{id:04}")),
        status,
        organization: northwind(),
        currency: currency.into(),
        issue_date: day("2026-11-02"),
        due_date: day("2026-11-16"),
        net: total.into(),
        tax: "0.00".into(),
        total: total.into(),
        paid: "0.00".into(),
        due: due.into(),
        sent_at: Some(fixtures::now()),
        updated_at: fixtures::now(),
    }
}

fn line(description: &str, quantity: &str, price: &str, rate: &str, net: &str, tax: &str) -> Line {
    Line {
        description: description.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        tax_rate: rate.into(),
        net: net.into(),
        tax: tax.into(),
        total: net.into(),
    }
}

fn quote(status: QuoteStatus) -> Quote {
    Quote {
        id: 7,
        number: Some("QUO-2026-0003".into()),
        status,
        organization: northwind(),
        currency: "EUR".into(),
        issue_date: day("2026-11-20"),
        valid_until: day("2026-12-20"),
        net: "7626.00".into(),
        tax: "1448.94".into(),
        total: "9074.94".into(),
        decision_note: None,
        decided_by: None,
        decided_at: None,
        invoice_id: None,
        updated_at: fixtures::now(),
    }
}

/// A client of Northwind with invoices and quotes, on the invoice list.
fn client() -> App {
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    let me = app.session.me.as_mut().unwrap();
    me.modules.extend([Module::Invoices, Module::Quotes]);
    let fx = press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.screen, Screen::Billing);
    let Some(Effect::Billing(BillingEffect::FetchInvoices { generation, .. })) = fx.first() else {
        panic!("the list is fetched: {fx:?}");
    };
    let items = vec![
        invoice(3, InvoiceStatus::Sent, "EUR", "1487.50", "1487.50"),
        invoice(2, InvoiceStatus::Overdue, "EUR", "1653.45", "1153.45"),
        invoice(4, InvoiceStatus::Sent, "JPY", "1100", "1100"),
        invoice(1, InvoiceStatus::Paid, "EUR", "1828.25", "0.00"),
    ];
    update(
        &mut app,
        Action::Billing(BillingMsg::Invoices {
            generation: *generation,
            append: false,
            result: Ok(Page {
                items,
                next_cursor: None,
            }),
        }),
    );
    app
}

/// The client on a sent quote's detail.
fn on_quote() -> App {
    let mut app = client();
    let fx = press(&mut app, KeyCode::Tab);
    let Some(Effect::Billing(BillingEffect::FetchQuotes { generation, .. })) = fx.first() else {
        panic!("the quotes are fetched: {fx:?}");
    };
    update(
        &mut app,
        Action::Billing(BillingMsg::Quotes {
            generation: *generation,
            append: false,
            result: Ok(Page {
                items: vec![quote(QuoteStatus::Sent)],
                next_cursor: None,
            }),
        }),
    );
    let fx = press(&mut app, KeyCode::Enter);
    assert!(matches!(
        fx.as_slice(),
        [Effect::Billing(BillingEffect::FetchQuote(7))]
    ));
    update(
        &mut app,
        Action::Billing(BillingMsg::Quote(Ok(Box::new(quote_detail(
            QuoteStatus::Sent,
        ))))),
    );
    app
}

fn quote_detail(status: QuoteStatus) -> QuoteDetail {
    QuoteDetail {
        quote: quote(status),
        lines: vec![
            line(
                "Peak season pickers, 6 weeks",
                "240",
                "29.9",
                "19",
                "7176.00",
                "1363.44",
            ),
            line("Safety induction", "1", "450", "19", "450.00", "85.50"),
        ],
        notes: "Thank you for your business.".into(),
    }
}

#[test]
fn invoice_list_aligns_amounts_and_shows_status_and_due() {
    let app = client();
    let s = text(&app);
    insta::assert_snapshot!(s);
    // The amounts end in one column, whatever their currency's digits.
    let ends: Vec<usize> = s
        .lines()
        .filter(|l| l.contains("INV-2026-"))
        .map(|l| l.find(" EUR").or(l.find(" JPY")).unwrap())
        .collect();
    assert_eq!(ends.len(), 4);
    assert!(ends.iter().all(|&e| e == ends[0]), "{s}");
    assert!(s.contains("overdue"));
}

#[test]
fn invoice_detail_shows_lines_totals_payments_and_the_link() {
    let mut app = client();
    press(&mut app, KeyCode::Char('j'));
    let fx = press(&mut app, KeyCode::Enter);
    assert!(matches!(
        fx.as_slice(),
        [Effect::Billing(BillingEffect::FetchInvoice(2))]
    ));
    let mut inv = invoice(2, InvoiceStatus::Overdue, "EUR", "1653.45", "1153.45");
    inv.net = "1497.45".into();
    inv.tax = "156.00".into();
    inv.paid = "500.00".into();
    let detail = InvoiceDetail {
        invoice: inv,
        lines: vec![
            line(
                "Forklift drivers, week 45",
                "38.5",
                "32.4",
                "19",
                "1247.40",
                "237.01",
            ),
            line(
                "Labels (per thousand)",
                "1250",
                "0.12",
                "7",
                "150.00",
                "10.50",
            ),
        ],
        notes: "Thank you for your business.".into(),
        payments: vec![Payment {
            id: 1,
            amount: "500.00".into(),
            paid_on: day("2026-11-09"),
            method: "bank transfer".into(),
            recorded_by: person(2, "Sam Agent"),
            created_at: fixtures::now(),
        }],
        payment_link: Some("https://pay.example.com/INV-2026-0002?amount=1153.45".into()),
        quote_id: None,
    };
    update(
        &mut app,
        Action::Billing(BillingMsg::Invoice(Ok(Box::new(detail)))),
    );
    assert_eq!(app.screen, Screen::BillingDoc);
    let s = text(&app);
    insta::assert_snapshot!(s);
    assert!(s.contains("Pay online: https://pay.example.com/INV-2026-0002"));

    // `d` saves the PDF under the invoice's number.
    let fx = press(&mut app, KeyCode::Char('d'));
    match fx.as_slice() {
        [Effect::Billing(BillingEffect::SavePdf { id: 2, name })] => {
            assert_eq!(name, "INV-2026-0002.pdf")
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Billing);
}

#[test]
fn a_client_accepts_a_quote_only_after_confirming() {
    let mut app = on_quote();
    insta::assert_snapshot!("quote_detail", text(&app));
    // `a` asks first; `n` leaves the quote as it was.
    assert!(press(&mut app, KeyCode::Char('a')).is_empty());
    let Modal::Confirm(c) = &app.modal else {
        panic!("asked first")
    };
    assert_eq!(c.question, "Accept quote QUO-2026-0003 for 9074.94 EUR?");
    insta::assert_snapshot!("quote_confirm", text(&app));
    assert!(press(&mut app, KeyCode::Char('n')).is_empty());
    assert!(matches!(app.modal, Modal::None));
    // `x` then `y` declines.
    press(&mut app, KeyCode::Char('x'));
    let fx = press(&mut app, KeyCode::Char('y'));
    assert!(matches!(
        fx.as_slice(),
        [Effect::Billing(BillingEffect::Decide {
            id: 7,
            accept: false
        })]
    ));
    // The answer shows, and a decided quote asks nothing more.
    let mut decided = quote_detail(QuoteStatus::Declined);
    decided.quote.decision_note = Some("Too dear".into());
    decided.quote.decided_by = Some(person(10, "Ana Lima"));
    let fx = update(
        &mut app,
        Action::Billing(BillingMsg::Decided(Ok(Box::new(decided)))),
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Billing(BillingEffect::FetchQuotes { .. }))),
        "the list is refreshed"
    );
    let s = text(&app);
    assert!(
        s.contains("declined") && s.contains("Note (Ana Lima): Too dear"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.modal, Modal::None), "nothing to confirm");
}

#[test]
fn staff_do_not_answer_quotes_and_help_lists_the_keys() {
    let mut app = on_quote();
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("quote_help_client", text(&app));
    let mut staff = fixtures::app(Role::Agent, 3, (100, 30));
    press(&mut staff, KeyCode::Char('i'));
    assert_eq!(staff.screen, Screen::Billing);
    staff.session.invoices.doc = app.session.invoices.doc.clone();
    staff.screen = Screen::BillingDoc;
    assert!(
        map_key(
            &staff,
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)
        )
        .is_none(),
        "no accept key for staff"
    );
}

#[test]
fn without_the_modules_the_screen_is_refused() {
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    assert!(map_key(&app, KeyEvent::new(KeyCode::Char('i'), KeyModifiers::NONE)).is_none());
    update(&mut app, Action::Cmd(portico::shell::msg::Cmd::Invoices));
    assert_eq!(app.screen, Screen::Tickets);
    assert!(app.status.unwrap().text.contains("not enabled"));
}
