//! Invoices as CSV for staff (RFC 4180 through the `csv` crate). Text a
//! spreadsheet would run as a formula is prefixed with `'`.

use portico_shared::Invoice;

use crate::error::{ApiError, Result};

const HEADER: [&str; 13] = [
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

/// A text cell a spreadsheet will not take for a formula.
fn text(raw: &str) -> String {
    if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    }
}

pub fn invoices(list: &[Invoice]) -> Result<String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(64 + list.len() * 120));
    let fail = |e: ::csv::Error| ApiError::Internal(e.into());
    w.write_record(HEADER).map_err(fail)?;
    for i in list {
        w.write_record([
            i.id.to_string(),
            i.number.clone().unwrap_or_default(),
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
            i.sent_at.map(|t| t.to_string()).unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ApiError::Internal(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.into()))
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
