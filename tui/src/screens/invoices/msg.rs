//! The messages and effects of invoices and quotes.

use std::path::PathBuf;

use portico_shared::{BillingQuery, Id, Invoice, InvoiceDetail, Page, Quote, QuoteDetail};

use crate::failure::Outcome;

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
}
