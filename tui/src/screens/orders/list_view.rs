//! The order list: status tabs, the location filter, and a row per order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use portico_shared::{Order, OrderStatus};

use crate::screens::orders::{status_label, status_tabs};
use crate::shell::model::App;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::truncate;

const COLUMNS: &[Column] = &[
    column("Reference", 13, 0, false),
    flex_column("Title", 30, 0),
    column("Organisation", 16, 5, true),
    column("Location", 16, 2, false),
    column("Status", 11, 0, false),
    column("Due", 10, 3, false),
    column("Items", 5, 4, false),
    column("Submitted by", 14, 6, false),
];

pub fn order_status_style(s: OrderStatus) -> Style {
    match s {
        OrderStatus::Submitted => Style::new().fg(Color::LightCyan),
        OrderStatus::Accepted => Style::new().fg(Color::Green),
        OrderStatus::InProgress => Style::new().fg(Color::Yellow),
        OrderStatus::Delivered => Style::new().fg(Color::Magenta),
        OrderStatus::Closed | OrderStatus::Cancelled => Style::new().fg(Color::DarkGray),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let list = &app.session.orders.list;
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs: tab_line(app),
            columns: COLUMNS,
            rows: &list.rows,
            what: "orders",
        },
        order_row,
    );
}

fn tab_line(app: &App) -> Line<'static> {
    let tabs: Vec<(String, bool)> = status_tabs()
        .into_iter()
        .map(|s| {
            let label = s.map_or("All", status_label).to_owned();
            (label, s == app.session.orders.list.status)
        })
        .collect();
    let extra = vec![
        table::count_span(
            app.session.orders.list.items.len(),
            app.session.orders.list.next_cursor.is_some(),
            "orders",
        ),
        Span::styled(
            format!(
                "  location: {}",
                truncate(
                    &crate::shell::model::location_name(app, app.session.orders.list.location),
                    24
                )
            ),
            if app.session.orders.list.location.is_some() {
                Style::new().fg(Color::Yellow)
            } else {
                Style::new().fg(Color::DarkGray)
            },
        ),
    ];
    table::tab_line(app, &tabs, extra)
}

fn order_row(o: &Order, cols: &[usize], title_width: usize) -> Row<'static> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(o.reference.clone()),
        1 => Cell::from(truncate(&o.title, title_width)),
        2 => Cell::from(truncate(&o.organization.name, 16)),
        3 => Cell::from(truncate(&o.location.name, 16)),
        4 => Cell::from(Span::styled(
            status_label(o.status),
            order_status_style(o.status),
        )),
        5 => Cell::from(o.due_date.map_or(String::new(), |d| d.to_string())),
        6 => Cell::from(o.item_count.to_string()),
        _ => Cell::from(truncate(&o.submitted_by.name, 14)),
    });
    Row::new(cells)
}
