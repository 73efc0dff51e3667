//! The invoice and quote lists: a tab for each, a row per invoice or
//! quote, the amounts right-aligned so their decimal points line up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use portico_shared::{Invoice, InvoiceStatus, Module, Quote, QuoteStatus};

use crate::screens::invoices::{BillingTab, money};
use crate::shell::model::App;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::truncate;

const INVOICE_COLUMNS: &[Column] = &[
    column("Number", 13, 0, false),
    column("Status", 8, 0, false),
    column("Due date", 10, 1, false),
    column("Total", 16, 0, false),
    column("Due", 16, 2, false),
    flex_column("Organisation", 16, 3),
];

const QUOTE_COLUMNS: &[Column] = &[
    column("Number", 13, 0, false),
    column("Status", 8, 0, false),
    column("Valid until", 11, 1, false),
    column("Total", 16, 0, false),
    flex_column("Organisation", 16, 3),
];

pub fn invoice_status_style(s: InvoiceStatus) -> Style {
    match s {
        InvoiceStatus::Draft => Style::new().fg(Color::Gray),
        InvoiceStatus::Sent => Style::new().fg(Color::LightCyan),
        InvoiceStatus::Overdue => Style::new().fg(Color::Red).bold(),
        InvoiceStatus::Paid => Style::new().fg(Color::Green),
        InvoiceStatus::Void => Style::new().fg(Color::DarkGray),
    }
}

pub fn quote_status_style(s: QuoteStatus) -> Style {
    match s {
        QuoteStatus::Draft => Style::new().fg(Color::Gray),
        QuoteStatus::Sent => Style::new().fg(Color::LightCyan),
        QuoteStatus::Accepted => Style::new().fg(Color::Green),
        QuoteStatus::Declined | QuoteStatus::Expired => Style::new().fg(Color::DarkGray),
    }
}

/// A right-aligned amount cell.
pub fn amount_cell(amount: &str, currency: &str) -> Cell<'static> {
    Cell::from(Line::from(money(amount, currency)).right_aligned())
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let b = &app.session.invoices.lists;
    let tabs = tab_line(app);
    match b.tab {
        BillingTab::Invoices => table::render(
            frame,
            area,
            app,
            Listing {
                tabs,
                columns: INVOICE_COLUMNS,
                rows: &b.invoices,
                what: "invoices",
            },
            invoice_row,
        ),
        BillingTab::Quotes => table::render(
            frame,
            area,
            app,
            Listing {
                tabs,
                columns: QUOTE_COLUMNS,
                rows: &b.quotes,
                what: "quotes",
            },
            quote_row,
        ),
    }
}

fn tab_line(app: &App) -> Line<'static> {
    let b = &app.session.invoices.lists;
    let mut tabs = Vec::new();
    if app.has_module(Module::Invoices) {
        tabs.push(("Invoices".to_owned(), b.tab == BillingTab::Invoices));
    }
    if app.has_module(Module::Quotes) {
        tabs.push(("Quotes".to_owned(), b.tab == BillingTab::Quotes));
    }
    let count = match b.tab {
        BillingTab::Invoices => table::count_span(
            b.invoices.items.len(),
            b.invoices.next_cursor.is_some(),
            "invoices",
        ),
        BillingTab::Quotes => table::count_span(
            b.quotes.items.len(),
            b.quotes.next_cursor.is_some(),
            "quotes",
        ),
    };
    let keys = if app.is_staff() {
        "  Tab: switch  Enter: open  n: new draft"
    } else {
        "  Tab: switch  Enter: open"
    };
    let hint = Span::styled(keys, Style::new().fg(Color::DarkGray));
    table::tab_line(app, &tabs, vec![count, hint])
}

fn number(n: &Option<String>) -> String {
    n.clone().unwrap_or_else(|| "(draft)".to_owned())
}

fn invoice_row(i: &Invoice, cols: &[usize], flex: usize) -> Row<'static> {
    let cells = cols.iter().map(|&c| match c {
        0 => Cell::from(number(&i.number)),
        1 => Cell::from(Span::styled(
            i.status.to_string(),
            invoice_status_style(i.status),
        )),
        2 => Cell::from(i.due_date.to_string()),
        3 => amount_cell(&i.total, &i.currency),
        4 => amount_cell(&i.due, &i.currency),
        _ => Cell::from(truncate(&i.organization.name, flex)),
    });
    Row::new(cells)
}

fn quote_row(q: &Quote, cols: &[usize], flex: usize) -> Row<'static> {
    let cells = cols.iter().map(|&c| match c {
        0 => Cell::from(number(&q.number)),
        1 => Cell::from(Span::styled(
            q.status.to_string(),
            quote_status_style(q.status),
        )),
        2 => Cell::from(q.valid_until.to_string()),
        3 => amount_cell(&q.total, &q.currency),
        _ => Cell::from(truncate(&q.organization.name, flex)),
    });
    Row::new(cells)
}
