//! `portico invoices …` and `portico quotes …`: list, show, save an
//! invoice's or a quote's PDF, record a payment (staff), accept or decline
//! a quote.

use std::path::PathBuf;

use clap::Subcommand;
use jiff::civil::Date;
use portico_shared::{BillingQuery, Id, InvoiceDetail, Line, NewPayment, QuoteDetail};

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

/// An id as typed, or the id of the invoice or quote with that number.
async fn resolve(client: &Client, given: &str, quotes: bool) -> Result<Id> {
    let given = given.trim();
    if let Ok(id) = given.parse::<Id>() {
        return Ok(id);
    }
    let q = query(None, Some(given.to_owned()), 1);
    let found = match quotes {
        true => client.quotes(&q).await?.items.first().map(|x| x.id),
        false => client.invoices(&q).await?.items.first().map(|x| x.id),
    };
    found.ok_or_else(|| {
        CliError::NotFound(format!("no {:?} that you can see", sanitize::line(given)))
    })
}

pub async fn run(ctx: &Context, cmd: InvoicesCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        InvoicesCommand::List {
            status,
            limit,
            json,
        } => {
            let page = client.invoices(&query(status, None, limit)).await?;
            if json {
                return output::json(&page);
            }
            let headers = [
                "ID",
                "NUMBER",
                "STATUS",
                "DUE DATE",
                "TOTAL",
                "DUE",
                "ORGANISATION",
            ];
            print_page(&page, "invoices", &headers, |i| {
                vec![
                    i.id.to_string(),
                    number(&i.number),
                    i.status.to_string(),
                    i.due_date.to_string(),
                    format!("{} {}", i.total, i.currency),
                    format!("{} {}", i.due, i.currency),
                    sanitize::line(&i.organization.name),
                ]
            });
            Ok(())
        }
        InvoicesCommand::Show { invoice, json } => {
            let detail = client
                .invoice(resolve(&client, &invoice, false).await?)
                .await?;
            if json {
                return output::json(&detail);
            }
            print_invoice(&detail);
            Ok(())
        }
        InvoicesCommand::Pdf { invoice, to } => {
            let id = resolve(&client, &invoice, false).await?;
            let detail = client.invoice(id).await?;
            let bytes = client.invoice_pdf(id).await?;
            let name = pdf_name(detail.invoice.number.as_deref(), "invoice", id);
            save(to.unwrap_or_else(|| PathBuf::from(name)), &bytes).await
        }
        InvoicesCommand::Pay {
            invoice,
            amount,
            method,
            on,
            json,
        } => {
            let id = resolve(&client, &invoice, false).await?;
            let payment = NewPayment {
                amount,
                paid_on: on,
                method,
            };
            let detail = client.pay_invoice(id, &payment).await?;
            if json {
                return output::json(&detail);
            }
            print_invoice(&detail);
            Ok(())
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
        } => {
            let page = client.quotes(&query(status, None, limit)).await?;
            if json {
                return output::json(&page);
            }
            let headers = [
                "ID",
                "NUMBER",
                "STATUS",
                "VALID UNTIL",
                "TOTAL",
                "ORGANISATION",
            ];
            print_page(&page, "quotes", &headers, |q| {
                vec![
                    q.id.to_string(),
                    number(&q.number),
                    q.status.to_string(),
                    q.valid_until.to_string(),
                    format!("{} {}", q.total, q.currency),
                    sanitize::line(&q.organization.name),
                ]
            });
            return Ok(());
        }
        QuotesCommand::Show { quote, json } => {
            let detail = client.quote(resolve(&client, &quote, true).await?).await?;
            if json {
                return output::json(&detail);
            }
            print_quote(&detail);
            return Ok(());
        }
        QuotesCommand::Pdf { quote, to } => {
            let id = resolve(&client, &quote, true).await?;
            let detail = client.quote(id).await?;
            let bytes = client.quote_pdf(id).await?;
            let name = pdf_name(detail.quote.number.as_deref(), "quote", id);
            return save(to.unwrap_or_else(|| PathBuf::from(name)), &bytes).await;
        }
        QuotesCommand::Accept { quote, note, json } => (quote, true, note, json),
        QuotesCommand::Decline { quote, note, json } => (quote, false, note, json),
    };
    let id = resolve(&client, &quote, true).await?;
    let detail = client.decide_quote(id, accept, &note).await?;
    if json {
        return output::json(&detail);
    }
    print_quote(&detail);
    Ok(())
}

/// A number as printed: drafts have none.
fn number(n: &Option<String>) -> String {
    n.as_deref()
        .map_or_else(|| "(draft)".to_owned(), sanitize::line)
}

/// A page as a table, saying on stderr when there are more.
fn print_page<T>(
    page: &portico_shared::Page<T>,
    what: &str,
    headers: &[&str],
    row: impl Fn(&T) -> Vec<String>,
) {
    let rows: Vec<Vec<String>> = page.items.iter().map(row).collect();
    output::table(headers, &rows);
    output::more_exist(what, &page.next_cursor);
}

fn print_lines(lines: &[Line], currency: &str) {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                l.quantity.clone(),
                l.unit_price.clone(),
                format!("{}%", l.tax_rate),
                format!("{} {currency}", l.net),
                sanitize::line(&l.description),
            ]
        })
        .collect();
    output::table(&["QTY", "UNIT PRICE", "TAX", "NET", "DESCRIPTION"], &rows);
}

fn print_invoice(d: &InvoiceDetail) {
    let i = &d.invoice;
    let c = &i.currency;
    outln!(
        "{} · {} · {}",
        number(&i.number),
        i.status,
        sanitize::line(&i.organization.name)
    );
    outln!("issued {} · due {}", i.issue_date, i.due_date);
    print_lines(&d.lines, c);
    outln!(
        "net {} {c} · tax {} {c} · total {} {c}",
        i.net,
        i.tax,
        i.total
    );
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
    let c = &q.currency;
    outln!(
        "{} · {} · {}",
        number(&q.number),
        q.status,
        sanitize::line(&q.organization.name)
    );
    outln!("issued {} · valid until {}", q.issue_date, q.valid_until);
    print_lines(&d.lines, c);
    outln!(
        "net {} {c} · tax {} {c} · total {} {c}",
        q.net,
        q.tax,
        q.total
    );
    if let Some(note) = &q.decision_note {
        outln!("note: {}", sanitize::line(note));
    }
}
