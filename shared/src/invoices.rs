//! Invoices, quotes and payments as the API carries them. Every amount is
//! a decimal string in the currency's minor units (`150.00`, `1250` for JPY).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Id, OrganizationRef, PersonRef, Timestamp};

text_enum! {
    /// Where an invoice stands. `overdue` is never stored: a sent invoice
    /// with something still due after its due date reads as overdue.
    InvoiceStatus {
        Draft => "draft",
        Sent => "sent",
        Overdue => "overdue",
        Paid => "paid",
        Void => "void",
    }
}

text_enum! {
    /// Where a quote stands. `expired` is never stored: a sent quote read
    /// after its `valid_until` day is expired.
    QuoteStatus {
        Draft => "draft",
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        Expired => "expired",
    }
}

/// One line as written: decimal strings, read exactly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: String,
    /// Up to 4 digits after the point, e.g. `1250` or `2.5`.
    #[cfg_attr(feature = "openapi", schema(max_length = 20, example = "3"))]
    pub quantity: String,
    /// Up to 6 digits after the point; the line's net is rounded to the currency.
    #[cfg_attr(feature = "openapi", schema(max_length = 20, example = "0.10"))]
    pub unit_price: String,
    /// Percent, 0 to 100, up to 4 digits after the point (`20`, `7.5`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20, example = "20"))]
    pub tax_rate: String,
}

/// One line with what it comes to: `net` is quantity × unit price and
/// `tax` net × rate, each rounded half away from zero to the minor unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Line {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub tax_rate: String,
    pub net: String,
    pub tax: String,
    pub total: String,
}

/// An invoice in a list, and the head of its detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: Id,
    /// `INV-2026-0001`, given when sent; drafts have none.
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub organization: OrganizationRef,
    pub currency: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issue_date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_date: Date,
    pub net: String,
    pub tax: String,
    pub total: String,
    /// Paid so far, and what is still due.
    pub paid: String,
    pub due: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub sent_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `GET /invoices/{id}`: the invoice with its lines and payments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceDetail {
    pub invoice: Invoice,
    pub lines: Vec<Line>,
    pub notes: String,
    pub payments: Vec<Payment>,
    /// Where the client pays what is due (a hosted payment page), on
    /// invoices sent and not yet paid, when one is configured.
    pub payment_link: Option<String>,
    /// The quote this invoice was made from, if any.
    pub quote_id: Option<Id>,
}

/// A payment recorded by staff (Portico never sees card data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: Id,
    pub amount: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub paid_on: Date,
    pub method: String,
    pub recorded_by: PersonRef,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// `POST /invoices` (staff): a draft.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInvoice {
    pub organization_id: Id,
    #[cfg_attr(feature = "openapi", schema(max_length = 3, example = "EUR"))]
    pub currency: String,
    /// Today (UTC) if absent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub issue_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_date: Date,
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub lines: Vec<LineInput>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub notes: String,
}

/// `PATCH /invoices/{id}` (staff, drafts only): absent fields stay; `lines`
/// replaces them all.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoicePatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 3))]
    pub currency: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub issue_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub lines: Option<Vec<LineInput>>,
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub notes: Option<String>,
}

/// `POST /invoices/{id}/payments` (staff): part or all of what is due.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPayment {
    /// At most what is due, with at most the currency's digits.
    #[cfg_attr(feature = "openapi", schema(max_length = 20, example = "100.00"))]
    pub amount: String,
    /// Today (UTC) if absent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub paid_on: Option<Date>,
    /// How it was paid: `bank transfer`, `card (hosted page)`, …
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub method: String,
}

/// `GET /invoices` and `GET /quotes` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct BillingQuery {
    /// `draft`, `sent`, `overdue`, … of the kind listed.
    #[cfg_attr(feature = "openapi", param(max_length = 20))]
    pub status: Option<String>,
    pub organization_id: Option<Id>,
    /// Only the one with this number (`INV-2026-0001`, any case).
    #[cfg_attr(feature = "openapi", param(max_length = 40))]
    pub number: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// `PUT /organizations/{id}/payment-link` (admin): the organisation's own
/// payment page template, or none to use the server's. `{number}`,
/// `{amount}` and `{currency}` are filled in per invoice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentLinkSetting {
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 500,
            example = "https://pay.example.com/{number}?amount={amount}"
        )
    )]
    pub template: Option<String>,
}

/// A quote in a list, and the head of its detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub id: Id,
    /// `QUO-2026-0001`, given when sent; drafts have none.
    pub number: Option<String>,
    pub status: QuoteStatus,
    pub organization: OrganizationRef,
    pub currency: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issue_date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_until: Date,
    pub net: String,
    pub tax: String,
    pub total: String,
    /// The client's note on accepting or declining.
    pub decision_note: Option<String>,
    pub decided_by: Option<PersonRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub decided_at: Option<Timestamp>,
    /// The draft invoice staff made of the accepted quote.
    pub invoice_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `GET /quotes/{id}`: the quote with its lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteDetail {
    pub quote: Quote,
    pub lines: Vec<Line>,
    pub notes: String,
}

/// `POST /quotes` (staff): a draft.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewQuote {
    pub organization_id: Id,
    #[cfg_attr(feature = "openapi", schema(max_length = 3, example = "EUR"))]
    pub currency: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub issue_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_until: Date,
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub lines: Vec<LineInput>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub notes: String,
}

/// `PATCH /quotes/{id}` (staff, drafts only): absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotePatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 3))]
    pub currency: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub issue_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub valid_until: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub lines: Option<Vec<LineInput>>,
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub notes: Option<String>,
}

/// `POST /quotes/{id}/accept` and `/decline` (the client): an optional note.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteDecision {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub note: String,
}

/// A payment-link template's longest form.
pub const MAX_LINK_CHARS: usize = 500;

/// A payment-link template: an `https://` (or `http://`) URL without
/// spaces or control characters, `{number}`, `{amount}` and `{currency}`
/// standing for the invoice's.
pub fn payment_link_template(raw: &str) -> Result<String, crate::FieldError> {
    let t = raw.trim();
    let ok = (t.starts_with("https://") || t.starts_with("http://"))
        && t.chars().count() <= MAX_LINK_CHARS
        && !t.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(t.to_owned())
    } else {
        Err(crate::FieldError::new(
            "template",
            format!(
                "must be an https:// address of at most {MAX_LINK_CHARS} characters, without spaces"
            ),
        ))
    }
}

/// The template filled in for one invoice. Number, amount and currency
/// are letters, digits, `-` and `.` only, so nothing needs escaping.
pub fn payment_link(template: &str, number: &str, amount: &str, currency: &str) -> String {
    template
        .replace("{number}", number)
        .replace("{amount}", amount)
        .replace("{currency}", currency)
}

/// The `data:` of an `invoice.*` live event (`invoice.sent`,
/// `invoice.payment`, `invoice.paid`, `invoice.voided`, `invoice.overdue`):
/// the invoice as it now stands. Clients hear only of their organisation's,
/// never of drafts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceEvent {
    pub id: Id,
    pub kind: String,
    pub invoice: Invoice,
}

/// The `data:` of a `quote.*` live event (`quote.sent`, `quote.accepted`,
/// `quote.declined`): the quote as it now stands, to its organisation and staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteEvent {
    pub id: Id,
    pub kind: String,
    pub quote: Quote,
}
