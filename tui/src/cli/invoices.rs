//! `portico invoices …` and `portico quotes …`: list, show, save an
//! invoice's or a quote's PDF, record a payment (staff), accept or decline
//! a quote.

use std::path::PathBuf;

use clap::Subcommand;
use jiff::civil::Date;
use portico_shared::{
    BillingQuery, Id, Invoice, InvoiceDetail, Line, NewPayment, Page, Quote, QuoteDetail,
};
use serde::Serialize;

use crate::cli::{CliError, Context, Result, output, parse_date};
use crate::client::Client;
use crate::sanitize;

#[derive(Subcommand, Debug)]
pub enum InvoicesCommand {
    /// The invoices you can see, newest first.
    List {
        /// draft, sent, overdue, paid or void.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One invoice (by id or number) with its lines, payments and payment link.
    Show {
        invoice: String,
        #[arg(long)]
        json: bool,
    },
    /// Save an invoice's PDF (to NUMBER.pdf here unless --to is given).
    Pdf {
        invoice: String,
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Staff: record a payment of part or all of what is due.
    Pay {
        invoice: String,
        /// The amount, such as 119.00 (JPY: 1200).
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "bank transfer")]
        method: String,
        /// The day it was paid (default today).
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum QuotesCommand {
    /// The quotes you can see, newest first.
    List {
        /// draft, sent, accepted, declined or expired.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One quote (by id or number) with its lines.
    Show {
        quote: String,
        #[arg(long)]
        json: bool,
    },
    /// Save a quote's PDF (to NUMBER.pdf here unless --to is given).
    Pdf {
        quote: String,
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Clients: accept a sent quote.
    Accept {
        quote: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Clients: decline a sent quote.
    Decline {
        quote: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
}

fn query(status: Option<String>, number: Option<String>, limit: u32) -> BillingQuery {
    BillingQuery {
        status,
        number,
        limit: Some(limit),
        ..BillingQuery::default()
    }
}

/// What the commands do alike with invoices and quotes: list them, show
/// one, save its PDF. An invoice or a quote as listed implements it.
trait Document: Serialize + Sized {
    type Detail: Serialize;
    /// `invoice`, `quote`.
    const KIND: &'static str;
    /// `invoices`, `quotes`.
    const PLURAL: &'static str;
    /// The list's columns.
    const HEADERS: &'static [&'static str];
    fn id(&self) -> Id;
    /// The list's row of it.
    fn cells(&self) -> Vec<String>;
    async fn page(client: &Client, q: &BillingQuery) -> crate::client::Result<Page<Self>>;
    async fn detail(client: &Client, id: Id) -> crate::client::Result<Self::Detail>;
    async fn pdf(client: &Client, id: Id) -> crate::client::Result<Vec<u8>>;
    fn number(d: &Self::Detail) -> Option<&str>;
    fn print(d: &Self::Detail);
}

impl Document for Invoice {
    type Detail = InvoiceDetail;
    const KIND: &'static str = "invoice";
    const PLURAL: &'static str = "invoices";
    const HEADERS: &'static [&'static str] = &[
        "ID",
        "NUMBER",
        "STATUS",
        "DUE DATE",
        "TOTAL",
        "DUE",
        "ORGANISATION",
    ];
    fn id(&self) -> Id {
        self.id
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            number(&self.number),
            self.status.to_string(),
            self.due_date.to_string(),
            format!("{} {}", self.total, self.currency),
            format!("{} {}", self.due, self.currency),
            sanitize::line(&self.organization.name),
        ]
    }
    async fn page(client: &Client, q: &BillingQuery) -> crate::client::Result<Page<Self>> {
        client.invoices(q).await
    }
    async fn detail(client: &Client, id: Id) -> crate::client::Result<InvoiceDetail> {
        client.invoice(id).await
    }
    async fn pdf(client: &Client, id: Id) -> crate::client::Result<Vec<u8>> {
        client.invoice_pdf(id).await
    }
    fn number(d: &InvoiceDetail) -> Option<&str> {
        d.invoice.number.as_deref()
    }
    fn print(d: &InvoiceDetail) {
        print_invoice(d)
    }
}

impl Document for Quote {
    type Detail = QuoteDetail;
    const KIND: &'static str = "quote";
    const PLURAL: &'static str = "quotes";
    const HEADERS: &'static [&'static str] = &[
        "ID",
        "NUMBER",
        "STATUS",
        "VALID UNTIL",
        "TOTAL",
        "ORGANISATION",
    ];
    fn id(&self) -> Id {
        self.id
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            number(&self.number),
            self.status.to_string(),
            self.valid_until.to_string(),
            format!("{} {}", self.total, self.currency),
            sanitize::line(&self.organization.name),
        ]
    }
    async fn page(client: &Client, q: &BillingQuery) -> crate::client::Result<Page<Self>> {
        client.quotes(q).await
    }
    async fn detail(client: &Client, id: Id) -> crate::client::Result<QuoteDetail> {
        client.quote(id).await
    }
    async fn pdf(client: &Client, id: Id) -> crate::client::Result<Vec<u8>> {
        client.quote_pdf(id).await
    }
    fn number(d: &QuoteDetail) -> Option<&str> {
        d.quote.number.as_deref()
    }
    fn print(d: &QuoteDetail) {
        print_quote(d)
    }
}

/// An id as typed, or the id of the invoice or quote with that number.
async fn resolve<D: Document>(client: &Client, given: &str) -> Result<Id> {
    let given = given.trim();
    if let Ok(id) = given.parse::<Id>() {
        return Ok(id);
    }
    let found = D::page(client, &query(None, Some(given.to_owned()), 1)).await?;
    found.items.first().map(D::id).ok_or_else(|| {
        CliError::NotFound(format!("no {:?} that you can see", sanitize::line(given)))
    })
}

/// `list`: a page as a table (or JSON), saying on stderr when there are more.
async fn list<D: Document>(
    client: &Client,
    status: Option<String>,
    limit: u32,
    json: bool,
) -> Result<()> {
    let page = D::page(client, &query(status, None, limit)).await?;
    if json {
        return output::json(&page);
    }
    let rows: Vec<Vec<String>> = page.items.iter().map(D::cells).collect();
    output::table(D::HEADERS, &rows);
    output::more_exist(D::PLURAL, &page.next_cursor);
    Ok(())
}

/// A detail as printed, or as JSON.
fn shown<D: Document>(detail: &D::Detail, json: bool) -> Result<()> {
    if json {
        return output::json(detail);
    }
    D::print(detail);
    Ok(())
}

/// `show`: one by id or number.
async fn show<D: Document>(client: &Client, given: &str, json: bool) -> Result<()> {
    let detail = D::detail(client, resolve::<D>(client, given).await?).await?;
    shown::<D>(&detail, json)
}

/// `pdf`: saves its PDF to `to`, or to its number (`KIND-draft-ID` while a draft).
async fn pdf<D: Document>(client: &Client, given: &str, to: Option<PathBuf>) -> Result<()> {
    let id = resolve::<D>(client, given).await?;
    let detail = D::detail(client, id).await?;
    let bytes = D::pdf(client, id).await?;
    let name = pdf_name(D::number(&detail), D::KIND, id);
    save(to.unwrap_or_else(|| PathBuf::from(name)), &bytes).await
}

pub async fn run(ctx: &Context, cmd: InvoicesCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        InvoicesCommand::List {
            status,
            limit,
            json,
        } => list::<Invoice>(&client, status, limit, json).await,
        InvoicesCommand::Show { invoice, json } => show::<Invoice>(&client, &invoice, json).await,
        InvoicesCommand::Pdf { invoice, to } => pdf::<Invoice>(&client, &invoice, to).await,
        InvoicesCommand::Pay {
            invoice,
            amount,
            method,
            on,
            json,
        } => {
            let id = resolve::<Invoice>(&client, &invoice).await?;
            let payment = NewPayment {
                amount,
                paid_on: on,
                method,
            };
            let detail = client.pay_invoice(id, &payment).await?;
            shown::<Invoice>(&detail, json)
        }
    }
}

/// The file an invoice's or quote's PDF is saved as: its number (or its
/// kind and id while a draft), made safe for a path.
pub fn pdf_name(number: Option<&str>, kind: &str, id: Id) -> String {
    let stem = match number {
        Some(n) => n.to_owned(),
        None => format!("{kind}-draft-{id}"),
    };
    let safe: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{safe}.pdf")
}

/// Writes a saved PDF and says where.
async fn save(path: PathBuf, bytes: &[u8]) -> Result<()> {
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| CliError::Other(anyhow::anyhow!("cannot write {}: {e}", path.display())))?;
    outln!("saved {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

pub async fn quotes(ctx: &Context, cmd: QuotesCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    let (quote, accept, note, json) = match cmd {
        QuotesCommand::List {
            status,
            limit,
            json,
        } => return list::<Quote>(&client, status, limit, json).await,
        QuotesCommand::Show { quote, json } => return show::<Quote>(&client, &quote, json).await,
        QuotesCommand::Pdf { quote, to } => return pdf::<Quote>(&client, &quote, to).await,
        QuotesCommand::Accept { quote, note, json } => (quote, true, note, json),
        QuotesCommand::Decline { quote, note, json } => (quote, false, note, json),
    };
    let id = resolve::<Quote>(&client, &quote).await?;
    let detail = client.decide_quote(id, accept, &note).await?;
    shown::<Quote>(&detail, json)
}

/// A number as printed: drafts have none.
fn number(n: &Option<String>) -> String {
    n.as_deref()
        .map_or_else(|| "(draft)".to_owned(), sanitize::line)
}

/// What an invoice and a quote print alike: who and when, the lines, the
/// totals.
struct Printed<'a> {
    number: &'a Option<String>,
    status: String,
    organization: &'a str,
    dates: String,
    lines: &'a [Line],
    currency: &'a str,
    totals: [&'a str; 3],
}

fn print_doc(p: Printed<'_>) {
    let c = p.currency;
    outln!(
        "{} · {} · {}",
        number(p.number),
        p.status,
        sanitize::line(p.organization)
    );
    outln!("{}", p.dates);
    let rows: Vec<Vec<String>> = p
        .lines
        .iter()
        .map(|l| {
            vec![
                l.quantity.clone(),
                l.unit_price.clone(),
                format!("{}%", l.tax_rate),
                format!("{} {c}", l.net),
                sanitize::line(&l.description),
            ]
        })
        .collect();
    output::table(&["QTY", "UNIT PRICE", "TAX", "NET", "DESCRIPTION"], &rows);
    let [net, tax, total] = p.totals;
    outln!("net {net} {c} · tax {tax} {c} · total {total} {c}");
}

fn print_invoice(d: &InvoiceDetail) {
    let i = &d.invoice;
    let c = &i.currency;
    print_doc(Printed {
        number: &i.number,
        status: i.status.to_string(),
        organization: &i.organization.name,
        dates: format!("issued {} · due {}", i.issue_date, i.due_date),
        lines: &d.lines,
        currency: c,
        totals: [&i.net, &i.tax, &i.total],
    });
    outln!("paid {} {c} · due {} {c}", i.paid, i.due);
    for p in &d.payments {
        outln!(
            "  paid {} {c} on {} by {}",
            p.amount,
            p.paid_on,
            sanitize::line(&p.method)
        );
    }
    if let Some(link) = &d.payment_link {
        outln!("pay online: {}", sanitize::line(link));
    }
}

fn print_quote(d: &QuoteDetail) {
    let q = &d.quote;
    print_doc(Printed {
        number: &q.number,
        status: q.status.to_string(),
        organization: &q.organization.name,
        dates: format!("issued {} · valid until {}", q.issue_date, q.valid_until),
        lines: &d.lines,
        currency: &q.currency,
        totals: [&q.net, &q.tax, &q.total],
    });
    if let Some(note) = &q.decision_note {
        outln!("note: {}", sanitize::line(note));
    }
}
