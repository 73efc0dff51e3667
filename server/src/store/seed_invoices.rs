//! The demo's invoices and quotes: the demo organisations get the
//! `invoices` and `quotes` modules, and each has invoices paid, part paid,
//! overdue and in draft, and quotes waiting for an answer, accepted and
//! declined.

use jiff::civil::Date;
use portico_shared::{Id, money};

use super::billing::{self, Draft, Kind, LineRow};
use super::{Conn, Result, StoreError, invoices, orders, quotes};

/// (description, quantity, unit price, tax rate %)
type LineSeed = (&'static str, &'static str, &'static str, &'static str);

struct InvoiceSeed {
    org: &'static str,
    currency: &'static str,
    /// Days ago it was issued, and days from issue to due.
    age_days: i64,
    term_days: i64,
    lines: &'static [LineSeed],
    /// None: a draft; Some(paid minor units): sent with that much paid.
    sent_paid: Option<i64>,
}

const INVOICES: &[InvoiceSeed] = &[
    InvoiceSeed {
        org: "Northwind Traders",
        currency: "EUR",
        age_days: 40,
        term_days: 14,
        lines: &[
            ("Warehouse scanner support, October", "1", "1250.00", "19"),
            ("On-site visits", "3", "95.50", "19"),
        ],
        sent_paid: Some(i64::MAX),
    },
    InvoiceSeed {
        org: "Northwind Traders",
        currency: "EUR",
        age_days: 20,
        term_days: 14,
        lines: &[
            ("Forklift drivers, week 45", "38.5", "32.40", "19"),
            ("Labels (per thousand)", "1250", "0.12", "7"),
        ],
        sent_paid: Some(50_000),
    },
    InvoiceSeed {
        org: "Northwind Traders",
        currency: "EUR",
        age_days: 3,
        term_days: 30,
        lines: &[("Warehouse scanner support, November", "1", "1250.00", "19")],
        sent_paid: Some(0),
    },
    InvoiceSeed {
        org: "Northwind Traders",
        currency: "EUR",
        age_days: 0,
        term_days: 30,
        lines: &[("Night shift cover, December", "12", "41.25", "19")],
        sent_paid: None,
    },
    InvoiceSeed {
        org: "Globex Corporation",
        currency: "USD",
        age_days: 10,
        term_days: 30,
        lines: &[("Event staff, product launch", "16", "28.75", "8.875")],
        sent_paid: Some(0),
    },
];

struct QuoteSeed {
    org: &'static str,
    currency: &'static str,
    age_days: i64,
    valid_days: i64,
    lines: &'static [LineSeed],
    /// None: waiting for an answer; Some((accepted, note)).
    answer: Option<(bool, &'static str)>,
}

const QUOTES: &[QuoteSeed] = &[
    QuoteSeed {
        org: "Northwind Traders",
        currency: "EUR",
        age_days: 2,
        valid_days: 30,
        lines: &[
            ("Peak season pickers, 6 weeks", "240", "29.90", "19"),
            ("Safety induction", "1", "450.00", "19"),
        ],
        answer: None,
    },
    QuoteSeed {
        org: "Northwind Traders",
        currency: "EUR",
        age_days: 25,
        valid_days: 30,
        lines: &[("Inventory count, two days", "16", "35.00", "19")],
        answer: Some((true, "Please schedule for the first weekend.")),
    },
    QuoteSeed {
        org: "Globex Corporation",
        currency: "USD",
        age_days: 12,
        valid_days: 14,
        lines: &[("Reception cover", "40", "24.00", "8.875")],
        answer: Some((false, "Covered internally this year.")),
    },
];

/// Prices a demo line (the demo's decimals are well-formed).
fn line(&(description, quantity, price, rate): &LineSeed, digits: u32) -> Result<LineRow> {
    let bad =
        |e: portico_shared::FieldError| StoreError::Conflict(format!("demo line: {}", e.message));
    let q = money::decimal("quantity", quantity, money::QUANTITY_SCALE).map_err(bad)?;
    let p = money::decimal("unit_price", price, money::PRICE_SCALE).map_err(bad)?;
    let r = money::decimal("tax_rate", rate, money::RATE_SCALE).map_err(bad)?;
    let amounts = money::line_amounts(q, p, r, digits)
        .ok_or_else(|| StoreError::Conflict("demo line too large".into()))?;
    Ok(LineRow {
        description: description.to_owned(),
        quantity: q.to_string(),
        unit_price: p.to_string(),
        tax_rate: r.to_string(),
        net: amounts.net,
        tax: amounts.tax,
    })
}

/// A demo draft and its net and tax.
fn draft(
    c: &Conn<'_>,
    org: &str,
    currency: &str,
    issued: Date,
    until: Date,
    lines: &[LineSeed],
) -> Result<(Draft, i64, i64)> {
    let organization_id: Id =
        c.0.query_row("SELECT id FROM organizations WHERE name = ?1", [org], |r| {
            r.get(0)
        })?;
    let digits = money::minor_units(currency).unwrap_or(2);
    let draft = Draft {
        organization_id,
        currency: currency.to_owned(),
        issue_date: issued,
        until,
        notes: "Thank you for your business.".to_owned(),
        lines: lines
            .iter()
            .map(|l| line(l, digits))
            .collect::<Result<_>>()?,
    };
    let (net, tax) = draft.totals().unwrap_or_default();
    Ok((draft, net, tax))
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

pub fn seed(c: &Conn<'_>, now: i64) -> Result<()> {
    c.0.execute(
        "UPDATE organizations
         SET default_modules = json_insert(default_modules, '$[#]', 'invoices', '$[#]', 'quotes')",
        [],
    )?;
    let staff: Id = c.0.query_row(
        "SELECT id FROM users WHERE email = 'sam@portico.example'",
        [],
        |r| r.get(0),
    )?;
    let today = orders::utc_date(now);
    for s in INVOICES {
        let issued = days(today, -s.age_days);
        let (d, net, tax) = draft(
            c,
            s.org,
            s.currency,
            issued,
            days(issued, s.term_days),
            s.lines,
        )?;
        let at = now - s.age_days * 86_400;
        let id = billing::insert(c, Kind::Invoice, &d, net, tax, staff, at)?;
        let Some(paid) = s.sent_paid else { continue };
        let number = billing::next_number(c, Kind::Invoice, issued.year())?;
        billing::mark_sent(c, Kind::Invoice, id, &number, at)?;
        let amount = paid.min(net + tax);
        if amount > 0 {
            let payment = invoices::NewPaymentRow {
                invoice_id: id,
                amount,
                paid_on: days(issued, s.term_days / 2),
                method: "bank transfer",
                recorded_by: staff,
                now: at + 86_400,
            };
            invoices::add_payment(c, &payment)?;
        }
    }
    for s in QUOTES {
        let issued = days(today, -s.age_days);
        let (d, net, tax) = draft(
            c,
            s.org,
            s.currency,
            issued,
            days(issued, s.valid_days),
            s.lines,
        )?;
        let at = now - s.age_days * 86_400;
        let id = billing::insert(c, Kind::Quote, &d, net, tax, staff, at)?;
        let number = billing::next_number(c, Kind::Quote, issued.year())?;
        billing::mark_sent(c, Kind::Quote, id, &number, at)?;
        if let Some((accepted, note)) = s.answer {
            let client: Id = c.0.query_row(
                "SELECT MIN(id) FROM users WHERE organization_id = ?1",
                [d.organization_id],
                |r| r.get(0),
            )?;
            let status = if accepted { "accepted" } else { "declined" };
            quotes::decide(c, id, status, client, Some(note), at + 86_400)?;
        }
    }
    // The demo's history: what is overdue already was announced back then,
    // so a new demo mails nobody about it.
    invoices::take_overdue(c, today, now)?;
    Ok(())
}
