//! Who sees what of invoices and quotes, and the statuses derived on
//! reading. The SQL side of the scope is `store::billing::where_clause`
//! and each store's `get` (a client's organisation, never drafts); the
//! live-event side is `sees`.

use jiff::civil::Date;
use portico_shared::{Id, InvoiceStatus, QuoteStatus};

use crate::access::BillingScope;

/// Whether `scope` hears of an invoice or quote of `org` (the live-event
/// side of the SQL scope): staff always, a client their organisation's
/// once it is no longer a draft.
pub fn sees(scope: &BillingScope, org: Id, draft: bool) -> bool {
    scope.staff() || (scope.org() == Some(org) && !draft)
}

/// An invoice's status as shown: a sent one past its due day is overdue
/// (a sent invoice always has something due: paying it all makes it paid).
pub fn invoice_status(stored: &str, due_date: Date, today: Date) -> InvoiceStatus {
    match stored {
        "draft" => InvoiceStatus::Draft,
        "paid" => InvoiceStatus::Paid,
        "void" => InvoiceStatus::Void,
        _ if due_date < today => InvoiceStatus::Overdue,
        _ => InvoiceStatus::Sent,
    }
}

/// A quote's status as shown: a sent one past its last valid day is expired.
pub fn quote_status(stored: &str, valid_until: Date, today: Date) -> QuoteStatus {
    match stored {
        "draft" => QuoteStatus::Draft,
        "accepted" => QuoteStatus::Accepted,
        "declined" => QuoteStatus::Declined,
        _ if valid_until < today => QuoteStatus::Expired,
        _ => QuoteStatus::Sent,
    }
}

/// Whether the client is shown the payment link: something is due on a
/// sent invoice.
pub fn shows_payment_link(status: InvoiceStatus) -> bool {
    matches!(status, InvoiceStatus::Sent | InvoiceStatus::Overdue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_and_expired_are_derived_from_the_day() {
        let day = |d: i8| jiff::civil::date(2026, 12, d);
        assert_eq!(
            invoice_status("sent", day(1), day(2)),
            InvoiceStatus::Overdue
        );
        assert_eq!(invoice_status("sent", day(2), day(2)), InvoiceStatus::Sent);
        assert_eq!(invoice_status("paid", day(1), day(9)), InvoiceStatus::Paid);
        assert_eq!(quote_status("sent", day(1), day(2)), QuoteStatus::Expired);
        assert_eq!(
            quote_status("accepted", day(1), day(2)),
            QuoteStatus::Accepted
        );
    }
}
