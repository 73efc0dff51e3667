//! Invoices and quotes as CSV for staff (RFC 4180 through the `csv`
//! crate), and the download answer both they and the PDFs go out in. Text
//! a spreadsheet would run as a formula is prefixed with `'`.

use axum::http::{HeaderName, header};
use axum::response::IntoResponse;
use portico_shared::{Invoice, Quote};
use serde::Serialize;
use serde_json::Value;

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

/// A document's row: each column of `header` read off its JSON form by
/// name (`organisation` is its organisation's name); absent values are
/// empty cells, and text is defused.
fn row<T: Serialize>(header: &[&str], item: &T) -> Result<Vec<String>> {
    let value = serde_json::to_value(item).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(header
        .iter()
        .map(|column| {
            let cell = match *column {
                "organisation" => &value["organization"]["name"],
                name => &value[name],
            };
            match cell {
                Value::Null => String::new(),
                Value::String(s) => text(s),
                other => other.to_string(),
            }
        })
        .collect())
}

/// Documents as CSV under `header`.
fn documents<T: Serialize>(header: &[&str], list: &[T]) -> Result<String> {
    let rows = list
        .iter()
        .map(|item| row(header, item))
        .collect::<Result<Vec<_>>>()?;
    table(header, rows.into_iter())
}

pub fn invoices(list: &[Invoice]) -> Result<String> {
    documents(&INVOICE_HEADER, list)
}

pub fn quotes(list: &[Quote]) -> Result<String> {
    documents(&QUOTE_HEADER, list)
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
