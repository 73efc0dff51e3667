//! One invoice or quote: who and when, its lines with amounts lined up,
//! the totals, payments and payment link, and what the keys do here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use portico_shared::{InvoiceDetail, InvoiceStatus, Line as DocLine, QuoteDetail, QuoteStatus};

use crate::load::Load;
use crate::screens::invoices::list_view::{amount_cell, invoice_status_style, quote_status_style};
use crate::screens::invoices::{DocView, money};
use crate::shell::model::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(doc) = &app.session.invoices.doc else {
        return;
    };
    let note = |text: String| Paragraph::new(format!(" {text}"));
    match doc {
        DocView::Invoice { detail, .. } => match detail {
            Load::Ready(d) => invoice(frame, area, d, app.is_staff()),
            Load::Loading => frame.render_widget(note("Loading…".into()), area),
            Load::Failed(e) => {
                frame.render_widget(note(format!("Could not load: {e}  (^R retry)")), area)
            }
        },
        DocView::Quote { detail, .. } => match detail {
            Load::Ready(d) => quote(frame, area, d, app.is_staff()),
            Load::Loading => frame.render_widget(note("Loading…".into()), area),
            Load::Failed(e) => {
                frame.render_widget(note(format!("Could not load: {e}  (^R retry)")), area)
            }
        },
    }
}

fn dim(text: String) -> Span<'static> {
    Span::styled(text, Style::new().fg(Color::DarkGray))
}

/// Head, lines, then what follows them, in three bands.
fn bands(
    frame: &mut Frame,
    area: Rect,
    head: Vec<Line<'static>>,
    lines: &[DocLine],
    currency: &str,
    foot: Vec<Line<'static>>,
) {
    let table_height = (lines.len() as u16).saturating_add(3);
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Max(table_height),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(head), top);
    frame.render_widget(line_table(lines, currency), middle);
    frame.render_widget(Paragraph::new(foot).wrap(Wrap { trim: false }), bottom);
}

fn line_table(lines: &[DocLine], currency: &str) -> Table<'static> {
    let right = |s: &str| Cell::from(Line::from(s.to_owned()).right_aligned());
    let header = Row::new([
        Cell::from("Description"),
        right("Quantity"),
        right("Unit price"),
        right("Tax %"),
        right("Net"),
    ])
    .style(Style::new().fg(Color::Gray).underlined());
    let rows = lines.iter().map(|l| {
        Row::new([
            Cell::from(l.description.clone()),
            right(&l.quantity),
            right(&l.unit_price),
            right(&l.tax_rate),
            amount_cell(&l.net, currency),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Min(20),
            Constraint::Length(10),
            Constraint::Length(12),
            Constraint::Length(7),
            Constraint::Length(16),
        ],
    )
    .header(header)
    .block(
        Block::new()
            .borders(Borders::TOP | Borders::BOTTOM)
            .border_style(Style::new().fg(Color::DarkGray)),
    )
}

/// `label  amount`, right-aligned under the net column.
fn total(label: &str, amount: &str, currency: &str) -> Line<'static> {
    Line::from(format!("{label} {:>16}", money(amount, currency))).right_aligned()
}

/// The title line (what, number, status, organisation) and the dates line.
fn head(
    what: &str,
    number: &Option<String>,
    status: Span<'static>,
    organization: &str,
    dates: String,
) -> Vec<Line<'static>> {
    let number = number.as_deref().unwrap_or("(draft)");
    vec![
        Line::from(vec![
            Span::raw(format!(" {what} {number}  ")),
            status,
            Span::raw(format!("  {organization}")),
        ]),
        Line::from(dim(format!(" {dates}"))),
    ]
}

fn invoice(frame: &mut Frame, area: Rect, d: &InvoiceDetail, staff: bool) {
    let i = &d.invoice;
    let c = &i.currency;
    let head = head(
        "Invoice",
        &i.number,
        Span::styled(i.status.to_string(), invoice_status_style(i.status)),
        &i.organization.name,
        format!("Issued {} · due {} · {c}", i.issue_date, i.due_date),
    );
    let mut foot = vec![
        total("Net", &i.net, c),
        total("Tax", &i.tax, c),
        total("Total", &i.total, c),
        total("Paid", &i.paid, c),
        total("Due", &i.due, c),
    ];
    for p in &d.payments {
        foot.push(Line::from(dim(format!(
            " Paid {} on {} ({})",
            money(&p.amount, c),
            p.paid_on,
            p.method
        ))));
    }
    if let Some(link) = &d.payment_link {
        foot.push(Line::from(format!(" Pay online: {link}")));
    }
    if !d.notes.is_empty() {
        foot.push(Line::from(dim(format!(" {}", d.notes))));
    }
    let mut keys = vec!["d: save the PDF"];
    if d.payment_link.is_some() {
        keys.push("b: pay online (browser)");
    }
    match (staff, i.status) {
        (true, InvoiceStatus::Draft) => keys.extend(["e: edit", "s: send"]),
        (true, InvoiceStatus::Sent | InvoiceStatus::Overdue) => keys.push("r: record a payment"),
        _ => {}
    }
    keys.push("Esc: back");
    foot.push(Line::from(dim(format!(" {}", keys.join("   ")))));
    bands(frame, area, head, &d.lines, c, foot);
}

fn quote(frame: &mut Frame, area: Rect, d: &QuoteDetail, staff: bool) {
    let q = &d.quote;
    let c = &q.currency;
    let head = head(
        "Quote",
        &q.number,
        Span::styled(q.status.to_string(), quote_status_style(q.status)),
        &q.organization.name,
        format!(
            "Issued {} · valid until {} · {c}",
            q.issue_date, q.valid_until
        ),
    );
    let mut foot = vec![
        total("Net", &q.net, c),
        total("Tax", &q.tax, c),
        total("Total", &q.total, c),
    ];
    if let Some(note) = &q.decision_note {
        let by = q
            .decided_by
            .as_ref()
            .map_or(String::new(), |p| format!(" ({})", p.name));
        foot.push(Line::from(format!(" Note{by}: {note}")));
    }
    if !d.notes.is_empty() {
        foot.push(Line::from(dim(format!(" {}", d.notes))));
    }
    let keys = match (staff, q.status) {
        (false, QuoteStatus::Sent) => " a: accept   x: decline   Esc: back",
        (true, QuoteStatus::Draft) => " e: edit   s: send   Esc: back",
        _ => " Esc: back",
    };
    foot.push(Line::from(dim(keys.to_owned())));
    bands(frame, area, head, &d.lines, c, foot);
}
