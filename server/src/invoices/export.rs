//! Invoices and quotes as CSV for staff (RFC 4180 through the `csv`
//! crate), and the download answer both they and the PDFs go out in. Text
//! a spreadsheet would run as a formula is prefixed with `'`.

use axum::http::{HeaderName, header};
use axum::response::IntoResponse;
use portico_shared::{Invoice, Quote};

use crate::error::{ApiError, Result};

const INVOICE_HEADER: [&str; 13] = [
    "id",
    "number",
    "status",
    "organisation",
    "currency",
    "issue_date",
    "due_date",
    "net",
    "tax",
    "total",
    "paid",
    "due",
    "sent_at",
];

const QUOTE_HEADER: [&str; 12] = [
    "id",
    "number",
    "status",
    "organisation",
    "currency",
    "issue_date",
    "valid_until",
    "net",
    "tax",
    "total",
    "decided_at",
    "invoice_id",
];

/// A text cell a spreadsheet will not take for a formula.
fn text(raw: &str) -> String {
    if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    }
}

/// An optional value's cell: empty when absent.
fn cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn invoice_row(i: &Invoice) -> Vec<String> {
    vec![
        i.id.to_string(),
        cell(i.number.as_deref()),
        i.status.to_string(),
        text(&i.organization.name),
        i.currency.clone(),
        i.issue_date.to_string(),
        i.due_date.to_string(),
        i.net.clone(),
        i.tax.clone(),
        i.total.clone(),
        i.paid.clone(),
        i.due.clone(),
        cell(i.sent_at),
    ]
}

fn quote_row(q: &Quote) -> Vec<String> {
    vec![
        q.id.to_string(),
        cell(q.number.as_deref()),
        q.status.to_string(),
        text(&q.organization.name),
        q.currency.clone(),
        q.issue_date.to_string(),
        q.valid_until.to_string(),
        q.net.clone(),
        q.tax.clone(),
        q.total.clone(),
        cell(q.decided_at),
        cell(q.invoice_id),
    ]
}

pub fn invoices(list: &[Invoice]) -> Result<String> {
    table(&INVOICE_HEADER, list.iter().map(invoice_row))
}

pub fn quotes(list: &[Quote]) -> Result<String> {
    table(&QUOTE_HEADER, list.iter().map(quote_row))
}

/// The header and rows as CSV with CRLF line ends.
fn table(header: &[&str], rows: impl ExactSizeIterator<Item = Vec<String>>) -> Result<String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(64 + rows.len() * 120));
    let fail = |e: ::csv::Error| ApiError::Internal(e.into());
    w.write_record(header).map_err(fail)?;
    for row in rows {
        w.write_record(row).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ApiError::Internal(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.into()))
}

/// A file to save as an answer: its headers and its body.
pub type Download<B> = ([(HeaderName, String); 2], B);

/// A file to save: its type, the name it is saved under, and its bytes.
pub fn download<B: IntoResponse>(content_type: &str, name: &str, body: B) -> Download<B> {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("Northwind"), "Northwind");
    }
}
