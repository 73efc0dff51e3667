//! The messages and effects of invoices and quotes.

use std::path::PathBuf;

use portico_shared::{
    BillingQuery, Id, Invoice, InvoiceDetail, InvoicePatch, NewPayment, Page, Quote, QuoteDetail,
    QuotePatch,
};

use crate::failure::Outcome;
use crate::widgets::form::NewDraft;

/// What background work answers to this screen.
#[derive(Debug, Clone)]
pub enum BillingMsg {
    Invoices {
        generation: u64,
        append: bool,
        result: Outcome<Page<Invoice>>,
    },
    Quotes {
        generation: u64,
        append: bool,
        result: Outcome<Page<Quote>>,
    },
    Invoice(Outcome<Box<InvoiceDetail>>),
    Quote(Outcome<Box<QuoteDetail>>),
    /// The client's answer to a quote, as the server took it.
    Decided(Outcome<Box<QuoteDetail>>),
    /// Where an invoice's PDF was saved.
    PdfSaved(Outcome<PathBuf>),
    /// A draft invoice as sent, numbered.
    InvoiceSent(Outcome<Box<InvoiceDetail>>),
    /// A draft quote as sent, numbered.
    QuoteSent(Outcome<Box<QuoteDetail>>),
    /// The invoice with the payment recorded.
    Paid(Outcome<Box<InvoiceDetail>>),
    /// The draft invoice as changed, or as written new.
    DraftSaved(Outcome<Box<InvoiceDetail>>),
    /// The draft quote as changed, or as written new.
    QuoteSaved(Outcome<Box<QuoteDetail>>),
    /// The invoice as voided.
    Voided(Outcome<Box<InvoiceDetail>>),
    /// The payment page opened in the browser, or why it did not.
    LinkOpened {
        link: String,
        result: Result<(), String>,
    },
}

/// Work this screen asks the runtime for.
#[derive(Debug, Clone)]
pub enum BillingEffect {
    FetchInvoices {
        generation: u64,
        append: bool,
        query: BillingQuery,
    },
    FetchQuotes {
        generation: u64,
        append: bool,
        query: BillingQuery,
    },
    FetchInvoice(Id),
    FetchQuote(Id),
    /// Accept (or decline) a quote.
    Decide {
        id: Id,
        accept: bool,
    },
    /// Save an invoice's PDF into the downloads folder as `name`.
    SavePdf {
        id: Id,
        name: String,
    },
    /// Staff send a draft invoice (or, with `quote`, a draft quote).
    Send {
        id: Id,
        quote: bool,
    },
    /// Staff record a payment.
    Pay {
        invoice: Id,
        payment: NewPayment,
    },
    /// Open the payment page in the browser.
    OpenLink(String),
    /// Staff change a draft invoice.
    SaveDraft {
        id: Id,
        patch: InvoicePatch,
    },
    /// Staff change a draft quote.
    SaveQuoteDraft {
        id: Id,
        patch: QuotePatch,
    },
    /// Staff write a new draft invoice or quote.
    NewDraft(NewDraft),
    /// Staff void an invoice.
    Void(Id),
}
