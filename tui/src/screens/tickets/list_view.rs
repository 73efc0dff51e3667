//! The ticket list: the staff inbox with its views, or a client's tabs.
//! Only the rows on screen are built, so 100,000 loaded tickets draw as
//! fast as fifty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use portico_shared::Ticket;

use crate::screens::tickets::Tab;
use crate::shell::model::App;
use crate::time;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::{priority_style, status_style, truncate};

const COLUMNS: &[Column] = &[
    column("", 1, 0, true),
    column("", 1, 2, false),
    column("#", 6, 1, false),
    flex_column("Subject", 24, 0),
    column("Organisation", 16, 6, true),
    column("Status", 8, 0, false),
    column("Priority", 8, 3, false),
    column("Assignee", 14, 0, false),
    column("Deadline", 16, 5, false),
    // Staff's time left to the next SLA target; the first to go when narrow.
    column("SLA", 8, 7, true),
    column("Msgs", 5, 4, false),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let list = &app.session.tickets.list;
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs: tab_line(app),
            columns: COLUMNS,
            rows: &list.rows,
            what: "tickets",
        },
        |t, cols, width| ticket_row(app, t, cols, width),
    );
}

fn tab_line(app: &App) -> ratatui::text::Line<'static> {
    let tabs: Vec<(String, bool)> = Tab::all(app.is_staff())
        .into_iter()
        .map(|t| (t.label().to_owned(), t == app.session.tickets.list.tab))
        .collect();
    let mut extra = vec![table::count_span(
        app.session.tickets.list.items.len(),
        app.session.tickets.list.next_cursor.is_some(),
        "tickets",
    )];
    if !app.session.tickets.list.filter.is_empty() {
        extra.push(Span::styled(
            format!(
                "  filter: {}",
                truncate(&app.session.tickets.list.filter, 30)
            ),
            Style::new().fg(Color::Yellow),
        ));
    }
    if !app.session.tickets.list.marks.is_empty() {
        extra.push(Span::styled(
            format!("  {} marked", app.session.tickets.list.marks.len()),
            Style::new().fg(Color::Yellow),
        ));
    }
    // Last: at 80 columns the filter and the marks matter more.
    extra.push(Span::styled(
        format!("  sort: {}", app.session.tickets.list.sort_label()),
        Style::new().fg(Color::DarkGray),
    ));
    extra.push(table::zones_span([app.home_zone().as_str()]));
    table::tab_line(app, &tabs, extra)
}

/// Time left to the ticket's next SLA target: red once overdue or
/// breached, yellow inside the last hour, empty without a target.
fn sla_cell(t: &Ticket) -> Cell<'static> {
    let breached = t.sla.first_response_breached || t.sla.resolution_breached;
    let (text, color) = match t.sla.seconds_left {
        Some(s) if s < 0 => (format!("-{}", time::age(-s)), Some(Color::Red)),
        Some(s) if s < 3600 => (time::age(s), Some(Color::Yellow)),
        Some(s) => (time::age(s), None),
        None if breached => ("missed".to_owned(), Some(Color::Red)),
        None => (String::new(), None),
    };
    let style = color.map_or(Style::new(), |c| Style::new().fg(c));
    Cell::from(Span::styled(text, style))
}

fn ticket_row(app: &App, t: &Ticket, cols: &[usize], subject_width: usize) -> Row<'static> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(if app.session.tickets.list.marks.contains(&t.id) {
            "●"
        } else {
            " "
        }),
        1 => Cell::from(t.source.symbol().to_string()),
        2 => Cell::from(format!("{}", t.id)),
        3 => {
            let style = if t.unread_count > 0 {
                Style::new().bold()
            } else {
                Style::new()
            };
            Cell::from(Span::styled(truncate(&t.subject, subject_width), style))
        }
        4 => Cell::from(truncate(&t.organization.name, 16)),
        5 => Cell::from(Span::styled(t.status.as_str(), status_style(t.status))),
        6 => Cell::from(Span::styled(
            t.priority.as_str(),
            priority_style(t.priority),
        )),
        7 => Cell::from(
            t.assignee
                .as_ref()
                .map_or("—".to_owned(), |a| truncate(&a.name, 14)),
        ),
        8 => {
            let zone = app.home_zone();
            let text = t
                .deadline
                .map_or(String::new(), |d| time::short_in(d, &zone));
            let style = if app.overdue(t) {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            Cell::from(Span::styled(text, style))
        }
        9 => sla_cell(t),
        _ => Cell::from(if t.unread_count > 0 {
            format!("{}*", t.message_count)
        } else {
            t.message_count.to_string()
        }),
    });
    Row::new(cells)
}
