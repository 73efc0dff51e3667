//! The invoices' and quotes' part of the model: the two lists (one shown
//! at a time) and the invoice or quote open on screen.

use portico_shared::{Id, Invoice, InvoiceDetail, Quote, QuoteDetail};

use crate::list::Paged;
use crate::load::Load;

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BillingTab {
    #[default]
    Invoices,
    Quotes,
}

impl crate::list::Row for Invoice {
    fn id(&self) -> Id {
        self.id
    }
}

impl crate::list::Row for Quote {
    fn id(&self) -> Id {
        self.id
    }
}

#[derive(Debug, Clone, Default)]
pub struct Billing {
    pub tab: BillingTab,
    pub invoices: Paged<Invoice>,
    pub quotes: Paged<Quote>,
}

/// The invoice or quote on screen: fetched when opened.
#[derive(Debug, Clone)]
pub enum DocView {
    Invoice { id: Id, detail: Load<InvoiceDetail> },
    Quote { id: Id, detail: Load<QuoteDetail> },
}

impl DocView {
    pub fn id(&self) -> Id {
        match self {
            DocView::Invoice { id, .. } | DocView::Quote { id, .. } => *id,
        }
    }
}

/// An amount with its currency, as lists and details show it.
pub fn money(amount: &str, currency: &str) -> String {
    format!("{amount} {currency}")
}

/// Invoices & quotes in the Session: the lists and the one open.
#[derive(Debug, Default)]
pub struct State {
    pub lists: Billing,
    pub doc: Option<DocView>,
}
