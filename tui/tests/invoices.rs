//! The Invoices & quotes screen on a `TestBackend`: snapshots of the list
//! and of an invoice's and a quote's detail, and the update logic of a
//! client answering a quote (asked first) and saving a PDF.
#![allow(clippy::unwrap_used)]

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico::fixtures::{self, person};
use portico::input::map_key;
use portico::load::Load;
use portico::screens::invoices::msg::{BillingEffect, BillingMsg};
use portico::shell::model::{App, Modal, Screen};
use portico::shell::msg::{Action, Effect};
use portico::shell::update::update;
use portico_shared::{
    Invoice, InvoiceDetail, InvoiceStatus, Line, Module, OrganizationRef, Page, Payment, Quote,
    QuoteDetail, QuoteStatus, Role,
};
use support::{press, text};

/// Ctrl-S: sends the open form.
fn save(app: &mut App) -> Vec<Effect> {
    let a = map_key(
        app,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    )
    .unwrap();
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

/// Staff on invoice 5 of Northwind, `detail` open.
fn staff_on(detail: InvoiceDetail) -> App {
    let mut staff = fixtures::app(Role::Agent, 3, (100, 30));
    press(&mut staff, KeyCode::Char('i'));
    assert_eq!(staff.screen, Screen::Billing);
    staff.session.invoices.doc = Some(portico::screens::invoices::DocView::Invoice {
        id: 5,
        detail: portico::load::Load::Ready(detail),
    });
    staff.screen = Screen::BillingDoc;
    staff
}

fn draft_invoice() -> InvoiceDetail {
    let mut inv = invoice(5, InvoiceStatus::Draft, "EUR", "1487.50", "1487.50");
    inv.number = None;
    (inv.net, inv.tax) = ("1250.00".into(), "237.50".into());
    InvoiceDetail {
        invoice: inv,
        lines: vec![line(
            "Warehouse staff, week 48",
            "40",
            "31.25",
            "19",
            "1250.00",
            "237.50",
        )],
        notes: String::new(),
        payments: vec![],
        payment_link: None,
        quote_id: None,
    }
}

fn sent_invoice() -> InvoiceDetail {
    let mut d = draft_invoice();
    d.invoice.status = InvoiceStatus::Sent;
    d.invoice.number = Some("INV-2026-0005".into());
    d.payment_link = Some("https://pay.example.com/INV-2026-0005?amount=1487.50".into());
    d
}

#[test]
fn staff_send_a_draft_after_confirming_then_record_a_payment() {
    let mut staff = staff_on(draft_invoice());
    let s = text(&staff);
    insta::assert_snapshot!("invoice_draft_staff", s);
    assert!(s.contains("s: send"), "{s}");
    // `r` on a draft records nothing.
    press(&mut staff, KeyCode::Char('r'));
    assert!(matches!(staff.modal, Modal::None));
    assert!(
        staff
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("sent invoices")
    );

    // `s` asks first; `y` sends.
    assert!(press(&mut staff, KeyCode::Char('s')).is_empty());
    let Modal::Confirm(c) = &staff.modal else {
        panic!("asked first")
    };
    assert_eq!(
        c.question,
        "Send the draft invoice for 1487.50 EUR to Northwind Traders?"
    );
    let fx = press(&mut staff, KeyCode::Char('y'));
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Billing(BillingEffect::Send {
                id: 5,
                quote: false
            })]
        ),
        "{fx:?}"
    );
    let fx = update(
        &mut staff,
        Action::Billing(BillingMsg::InvoiceSent(Ok(Box::new(sent_invoice())))),
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Billing(BillingEffect::FetchInvoices { .. }))),
        "the list is refreshed: {fx:?}"
    );
    assert_eq!(staff.status.as_ref().unwrap().text, "Sent as INV-2026-0005");
    // A sent invoice is not sent again.
    press(&mut staff, KeyCode::Char('s'));
    assert!(matches!(staff.modal, Modal::None));

    // `r` opens the payment form with what is due filled in.
    press(&mut staff, KeyCode::Char('r'));
    let Modal::Form(form) = &staff.modal else {
        panic!("a form: {:?}", staff.modal)
    };
    assert_eq!(form.title, "Record a payment of INV-2026-0005");
    insta::assert_snapshot!("invoice_payment_form", text(&staff));
    let fx = save(&mut staff);
    match fx.as_slice() {
        [
            Effect::Billing(BillingEffect::Pay {
                invoice: 5,
                payment,
            }),
        ] => {
            assert_eq!(
                (
                    payment.amount.as_str(),
                    payment.method.as_str(),
                    payment.paid_on
                ),
                ("1487.50", "bank transfer", None)
            );
        }
        other => panic!("{other:?}"),
    }
    // A refusal lands next to its field; the form stays.
    let mut refusal = portico::failure::Failure::new("amount: too much");
    refusal.fields = vec![portico_shared::FieldError::new("amount", "too much")];
    update(&mut staff, Action::Billing(BillingMsg::Paid(Err(refusal))));
    let Modal::Form(form) = &staff.modal else {
        panic!("the form stays")
    };
    assert_eq!(form.rows[0].error.as_deref(), Some("too much"));
    let mut paid = sent_invoice();
    paid.invoice.status = InvoiceStatus::Paid;
    paid.invoice.due = "0.00".into();
    paid.payment_link = None;
    update(
        &mut staff,
        Action::Billing(BillingMsg::Paid(Ok(Box::new(paid)))),
    );
    assert!(matches!(staff.modal, Modal::None));
    assert_eq!(
        staff.status.as_ref().unwrap().text,
        "Payment recorded: paid 0.00 due EUR"
    );
}

#[test]
fn the_payment_page_opens_in_the_browser_or_its_address_is_shown() {
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    app.session
        .me
        .as_mut()
        .unwrap()
        .modules
        .push(Module::Invoices);
    press(&mut app, KeyCode::Char('i'));
    app.session.invoices.doc = Some(portico::screens::invoices::DocView::Invoice {
        id: 5,
        detail: portico::load::Load::Ready(sent_invoice()),
    });
    app.screen = Screen::BillingDoc;
    assert!(text(&app).contains("b: pay online (browser)"));
    let fx = press(&mut app, KeyCode::Char('b'));
    let link = "https://pay.example.com/INV-2026-0005?amount=1487.50";
    assert!(
        matches!(fx.as_slice(), [Effect::Billing(BillingEffect::OpenLink(l))] if l == link),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Billing(BillingMsg::LinkOpened {
            link: link.into(),
            result: Ok(()),
        }),
    );
    assert!(app.status.as_ref().unwrap().text.contains("browser"));
    // Without a browser the address is shown to copy.
    update(
        &mut app,
        Action::Billing(BillingMsg::LinkOpened {
            link: link.into(),
            result: Err("xdg-open: not found".into()),
        }),
    );
    let Modal::Notice(n) = &app.modal else {
        panic!("shown: {:?}", app.modal)
    };
    assert!(n.lines.iter().any(|l| l == link), "{n:?}");
    insta::assert_snapshot!("payment_link_notice", text(&app));
}

#[test]
fn staff_hear_when_a_client_answers_a_quote() {
    use portico::shell::msg::Live;
    let answered = |kind: &str, note: Option<&str>| {
        let mut q = quote(QuoteStatus::Accepted);
        q.decision_note = note.map(Into::into);
        Action::Live(Live::Quote(Box::new(portico_shared::QuoteEvent {
            id: 99,
            kind: kind.into(),
            quote: q,
        })))
    };
    let mut staff = fixtures::app(Role::Agent, 3, (100, 30));
    update(&mut staff, answered("quote.accepted", Some("Go ahead")));
    assert_eq!(
        staff.status.as_ref().unwrap().text,
        "Northwind Traders accepted QUO-2026-0003: \u{201c}Go ahead\u{201d}"
    );
    update(&mut staff, answered("quote.declined", None));
    assert_eq!(
        staff.status.as_ref().unwrap().text,
        "Northwind Traders declined QUO-2026-0003"
    );
    // The open list is fetched again.
    press(&mut staff, KeyCode::Char('i'));
    press(&mut staff, KeyCode::Tab);
    let fx = update(&mut staff, answered("quote.accepted", None));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Billing(BillingEffect::FetchQuotes { .. }))),
        "{fx:?}"
    );
    // The client who answered is not told of it again.
    let mut app = client();
    let before = app.status.clone().map(|s| s.text);
    update(&mut app, answered("quote.accepted", Some("Go ahead")));
    assert_eq!(app.status.map(|s| s.text), before);
}

#[test]
fn staff_help_lists_send_pay_and_the_payment_page() {
    let mut staff = staff_on(sent_invoice());
    press(&mut staff, KeyCode::Char('?'));
    let s = text(&staff);
    insta::assert_snapshot!("invoice_help_staff", s);
    for wanted in ["send the draft", "record a payment", "payment page"] {
        assert!(s.contains(wanted), "{wanted}: {s}");
    }
}

#[test]
fn staff_edit_a_draft_s_lines_with_live_totals() {
    let mut staff = staff_on(draft_invoice());
    assert!(text(&staff).contains("e: edit"));
    press(&mut staff, KeyCode::Char('e'));
    let Modal::Form(form) = &staff.modal else {
        panic!("a form: {:?}", staff.modal)
    };
    assert_eq!(
        form.notice.as_deref(),
        Some("Net 1250.00 · tax 237.50 · total 1487.50 EUR")
    );
    // A new first line: the totals follow each key.
    press(&mut staff, KeyCode::Tab);
    for c in "Pallets | 2 | 10.005 | 7".chars() {
        press(&mut staff, KeyCode::Char(c));
    }
    press(&mut staff, KeyCode::Enter);
    let notice = |app: &App| match &app.modal {
        Modal::Form(f) => f.notice.clone().unwrap_or_default(),
        other => panic!("{other:?}"),
    };
    // 2 × 10.005 = 20.01; 7% of it is 1.4007 → 1.40.
    assert_eq!(
        notice(&staff),
        "Net 1270.01 · tax 238.90 · total 1508.91 EUR"
    );
    insta::assert_snapshot!("invoice_draft_editor", text(&staff));
    let fx = save(&mut staff);
    match fx.as_slice() {
        [Effect::Billing(BillingEffect::SaveDraft { id: 5, patch })] => {
            let lines = patch.lines.as_ref().unwrap();
            assert_eq!(lines.len(), 2);
            assert_eq!(
                (
                    lines[0].description.as_str(),
                    lines[0].quantity.as_str(),
                    lines[0].unit_price.as_str(),
                    lines[0].tax_rate.as_str()
                ),
                ("Pallets", "2", "10.005", "7")
            );
            assert_eq!(patch.due_date, Some(day("2026-11-16")));
        }
        other => panic!("{other:?}"),
    }
    // A line that cannot be read says so in place of the totals, and is not sent.
    press(&mut staff, KeyCode::Char('|'));
    assert_eq!(
        notice(&staff),
        "Totals: line 2: write description | quantity | unit price | tax %"
    );
    assert!(save(&mut staff).is_empty());
    // The server's answer closes the form and shows the draft.
    update(
        &mut staff,
        Action::Billing(BillingMsg::DraftSaved(Ok(Box::new(draft_invoice())))),
    );
    assert!(matches!(staff.modal, Modal::None));
    assert_eq!(staff.status.as_ref().unwrap().text, "Draft saved");
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(app, KeyCode::Char(c)))
        .collect()
}

fn notice(app: &App) -> String {
    match &app.modal {
        Modal::Form(f) => f.notice.clone().unwrap_or_default(),
        other => panic!("{other:?}"),
    }
}

/// Staff on the invoice list.
fn staff_on_list() -> App {
    let mut staff = fixtures::app(Role::Agent, 3, (100, 30));
    press(&mut staff, KeyCode::Char('i'));
    assert_eq!(staff.screen, Screen::Billing);
    staff
}

fn draft_quote() -> QuoteDetail {
    let mut q = quote(QuoteStatus::Draft);
    q.number = None;
    QuoteDetail {
        quote: q,
        lines: vec![line(
            "Site survey",
            "2",
            "3813.00",
            "19",
            "7626.00",
            "1448.94",
        )],
        notes: String::new(),
    }
}

#[test]
fn staff_write_a_new_draft_invoice_choosing_its_organisation_by_name() {
    use portico::screens::orders::msg::{OrdersEffect, OrdersMsg};
    use portico::widgets::form::NewDraft;
    let mut staff = staff_on_list();
    let fx = press(&mut staff, KeyCode::Char('n'));
    // The organisations are searched as any form's organisation row does.
    assert!(
        matches!(fx.as_slice(), [Effect::Orders(OrdersEffect::FindOrgs(q))] if q.is_empty()),
        "{fx:?}"
    );
    let fx = typed(&mut staff, "nor");
    assert!(
        matches!(fx.last(), Some(Effect::Orders(OrdersEffect::FindOrgs(q))) if q == "nor"),
        "{fx:?}"
    );
    let norland = OrganizationRef {
        id: 4,
        name: "Norland\u{1b}[2J Ltd".into(),
    };
    // A late answer to an older search is dropped.
    update(
        &mut staff,
        Action::Orders(OrdersMsg::OrgsFound {
            query: "no".into(),
            result: Ok(vec![northwind()]),
        }),
    );
    update(
        &mut staff,
        Action::Orders(OrdersMsg::OrgsFound {
            query: "nor".into(),
            result: Ok(vec![northwind(), norland]),
        }),
    );
    press(&mut staff, KeyCode::Down);
    insta::assert_snapshot!("invoice_new_draft", text(&staff));
    // Currency, due day (in 30 days), then the lines with live totals.
    press(&mut staff, KeyCode::Tab);
    press(&mut staff, KeyCode::Tab);
    press(&mut staff, KeyCode::Tab);
    typed(&mut staff, "Audit | 3 | 0.10 | 19");
    assert_eq!(notice(&staff), "Net 0.30 · tax 0.06 · total 0.36 EUR");
    let fx = save(&mut staff);
    match fx.as_slice() {
        [Effect::Billing(BillingEffect::NewDraft(NewDraft::Invoice(new)))] => {
            assert_eq!(new.organization_id, 4, "Norland, chosen with ↓");
            assert_eq!(new.currency, "EUR");
            assert_eq!(new.lines.len(), 1);
            assert_eq!(new.lines[0].unit_price, "0.10");
        }
        other => panic!("{other:?}"),
    }
    // The written draft opens.
    update(
        &mut staff,
        Action::Billing(BillingMsg::DraftSaved(Ok(Box::new(draft_invoice())))),
    );
    assert!(matches!(staff.modal, Modal::None));
    assert_eq!(staff.screen, Screen::BillingDoc);
    assert!(text(&staff).contains("Warehouse staff, week 48"));
}

#[test]
fn a_new_draft_needs_its_organisation_and_a_known_currency() {
    let mut staff = staff_on_list();
    press(&mut staff, KeyCode::Tab);
    press(&mut staff, KeyCode::Char('n'));
    let Modal::Form(f) = &staff.modal else {
        panic!("{:?}", staff.modal)
    };
    assert_eq!(f.title, "New draft quote");
    assert!(f.rows.iter().any(|r| r.name == "valid_until"));
    press(&mut staff, KeyCode::Tab);
    press(&mut staff, KeyCode::Backspace);
    assert_eq!(notice(&staff), "Totals: \"EU\" is not a currency code");
    assert!(save(&mut staff).is_empty());
    let Modal::Form(f) = &staff.modal else {
        panic!()
    };
    let errors: Vec<&str> = f
        .rows
        .iter()
        .filter(|r| r.error.is_some())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(errors, ["organization_id", "currency"]);
    insta::assert_snapshot!("quote_new_draft_refused", text(&staff));
}

#[test]
fn staff_edit_a_draft_quote_with_live_totals_then_send_it() {
    let mut staff = staff_on(draft_invoice());
    staff.session.invoices.doc = Some(portico::screens::invoices::DocView::Quote {
        id: 7,
        detail: portico::load::Load::Ready(draft_quote()),
    });
    assert!(text(&staff).contains("e: edit"));
    press(&mut staff, KeyCode::Char('e'));
    assert_eq!(
        notice(&staff),
        "Net 7626.00 · tax 1448.94 · total 9074.94 EUR"
    );
    press(&mut staff, KeyCode::Tab);
    typed(&mut staff, "Report | 1 | 100 | 7");
    press(&mut staff, KeyCode::Enter);
    assert_eq!(
        notice(&staff),
        "Net 7726.00 · tax 1455.94 · total 9181.94 EUR"
    );
    insta::assert_snapshot!("quote_draft_editor", text(&staff));
    match save(&mut staff).as_slice() {
        [Effect::Billing(BillingEffect::SaveQuoteDraft { id: 7, patch })] => {
            assert_eq!(patch.lines.as_ref().unwrap().len(), 2);
            assert_eq!(patch.valid_until, Some(day("2026-12-20")));
        }
        other => panic!("{other:?}"),
    }
    update(
        &mut staff,
        Action::Billing(BillingMsg::QuoteSaved(Ok(Box::new(draft_quote())))),
    );
    assert!(matches!(staff.modal, Modal::None));
    press(&mut staff, KeyCode::Char('s'));
    let fx = press(&mut staff, KeyCode::Char('y'));
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Billing(BillingEffect::Send { id: 7, quote: true })]
        ),
        "{fx:?}"
    );
}

#[test]
fn staff_void_an_invoice_after_confirming() {
    let mut staff = staff_on(sent_invoice());
    assert!(press(&mut staff, KeyCode::Char('X')).is_empty());
    let Modal::Confirm(c) = &staff.modal else {
        panic!("asked first: {:?}", staff.modal)
    };
    assert_eq!(
        c.question,
        "Void invoice INV-2026-0005 for 1487.50 EUR to Northwind Traders? Nothing more will be due on it."
    );
    insta::assert_snapshot!("invoice_void_confirm", text(&staff));
    let fx = press(&mut staff, KeyCode::Char('y'));
    assert!(
        matches!(fx.as_slice(), [Effect::Billing(BillingEffect::Void(5))]),
        "{fx:?}"
    );
    let mut void = sent_invoice();
    void.invoice.status = InvoiceStatus::Void;
    update(
        &mut staff,
        Action::Billing(BillingMsg::Voided(Ok(Box::new(void.clone())))),
    );
    assert_eq!(staff.status.as_ref().unwrap().text, "INV-2026-0005 is void");
    // A void invoice is not voided again.
    press(&mut staff, KeyCode::Char('X'));
    assert!(matches!(staff.modal, Modal::None));
    assert!(staff.status.unwrap().text.contains("cannot be voided"));
}

#[test]
fn staff_help_on_the_list_lists_the_new_draft() {
    let mut staff = staff_on_list();
    press(&mut staff, KeyCode::Char('?'));
    let s = text(&staff);
    insta::assert_snapshot!("billing_list_help_staff", s);
    assert!(s.contains("new draft invoice or quote"), "{s}");
    let mut staff = staff_on(sent_invoice());
    press(&mut staff, KeyCode::Char('?'));
    assert!(text(&staff).contains("void the invoice"));
}

#[test]
fn amounts_from_the_server_are_drawn_without_control_sequences() {
    let mut app = client();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    let esc = "\u{1b}[2J";
    let mut inv = invoice(2, InvoiceStatus::Sent, "EUR", "10.00", "10.00");
    inv.total = format!("10{esc}.00");
    inv.due = format!("10{esc}.00");
    let detail = InvoiceDetail {
        invoice: inv,
        lines: vec![line(
            "Work",
            &format!("1{esc}"),
            "10.00",
            "0",
            "10.00",
            "0.00",
        )],
        notes: String::new(),
        payments: vec![],
        payment_link: None,
        quote_id: None,
    };
    update(
        &mut app,
        Action::Billing(BillingMsg::Invoice(Ok(Box::new(detail)))),
    );
    let Some(portico::screens::invoices::DocView::Invoice {
        detail: Load::Ready(shown),
        ..
    }) = &app.session.invoices.doc
    else {
        panic!("the invoice is open")
    };
    for drawn in [
        &shown.invoice.total,
        &shown.invoice.due,
        &shown.lines[0].quantity,
    ] {
        assert!(!drawn.contains('\u{1b}'), "{drawn:?}");
    }
    assert!(!text(&app).contains('\u{1b}'));
}
