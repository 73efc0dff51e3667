//! Stored invoices and quotes as the API shows them: amounts formatted in
//! the currency's minor units, statuses derived for `today`.

use jiff::civil::Date;
use portico_shared::{Invoice, InvoiceStatus, Payment, Quote, money};

use super::policy;
use crate::store::invoices::{InvoiceRow, PaymentRow};
use crate::store::quotes::QuoteRow;
use crate::store::ts;

/// The minor units of a stored currency (always a known one).
pub fn digits(currency: &str) -> u32 {
    money::minor_units(currency).unwrap_or(2)
}

pub fn invoice(r: &InvoiceRow, today: Date) -> Invoice {
    let d = digits(&r.currency);
    let total = r.net.saturating_add(r.tax);
    let status = policy::invoice_status(&r.status, r.due_date, today);
    // A void invoice asks for nothing more.
    let due = match status {
        InvoiceStatus::Void => 0,
        _ => total.saturating_sub(r.paid),
    };
    Invoice {
        id: r.id,
        number: r.number.clone(),
        status,
        organization: r.organization.clone(),
        currency: r.currency.clone(),
        issue_date: r.issue_date,
        due_date: r.due_date,
        net: money::format_minor(r.net, d),
        tax: money::format_minor(r.tax, d),
        total: money::format_minor(total, d),
        paid: money::format_minor(r.paid, d),
        due: money::format_minor(due, d),
        sent_at: r.sent_at.map(ts),
        updated_at: ts(r.updated_at),
    }
}

pub fn payment(p: &PaymentRow, digits: u32) -> Payment {
    Payment {
        id: p.id,
        amount: money::format_minor(p.amount, digits),
        paid_on: p.paid_on,
        method: p.method.clone(),
        recorded_by: p.recorded_by.clone(),
        created_at: ts(p.created_at),
    }
}

pub fn quote(r: &QuoteRow, today: Date) -> Quote {
    let d = digits(&r.currency);
    Quote {
        id: r.id,
        number: r.number.clone(),
        status: policy::quote_status(&r.status, r.valid_until, today),
        organization: r.organization.clone(),
        currency: r.currency.clone(),
        issue_date: r.issue_date,
        valid_until: r.valid_until,
        net: money::format_minor(r.net, d),
        tax: money::format_minor(r.tax, d),
        total: money::format_minor(r.net.saturating_add(r.tax), d),
        decision_note: r.decision_note.clone(),
        decided_by: r.decided_by.clone(),
        decided_at: r.decided_at.map(ts),
        invoice_id: r.invoice_id,
        updated_at: ts(r.updated_at),
    }
}
