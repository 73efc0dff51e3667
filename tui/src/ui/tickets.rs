//! The ticket list: the staff inbox with its views, or a client's tabs.
//! Only the rows on screen are built, so 100,000 loaded tickets draw as
//! fast as fifty.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use portico_shared::Ticket;

use crate::app::{App, Tab};
use crate::time;
use crate::ui::widgets::{accent, priority_style, selected_style, status_style, truncate};
use crate::ui::{list_rows_area, visible_offset};

/// A column: its title, width, and the smallest terminal that shows it.
struct Column {
    title: &'static str,
    width: u16,
    min_terminal: u16,
    staff_only: bool,
}

const COLUMNS: &[Column] = &[
    Column {
        title: "",
        width: 1,
        min_terminal: 0,
        staff_only: true,
    },
    Column {
        title: "",
        width: 1,
        min_terminal: 0,
        staff_only: false,
    },
    Column {
        title: "#",
        width: 6,
        min_terminal: 0,
        staff_only: false,
    },
    Column {
        title: "Subject",
        width: 0,
        min_terminal: 0,
        staff_only: false,
    },
    Column {
        title: "Organisation",
        width: 16,
        min_terminal: 110,
        staff_only: true,
    },
    Column {
        title: "Status",
        width: 8,
        min_terminal: 0,
        staff_only: false,
    },
    Column {
        title: "Priority",
        width: 8,
        min_terminal: 0,
        staff_only: false,
    },
    Column {
        title: "Assignee",
        width: 14,
        min_terminal: 90,
        staff_only: false,
    },
    Column {
        title: "Deadline",
        width: 16,
        min_terminal: 0,
        staff_only: false,
    },
    Column {
        title: "Msgs",
        width: 5,
        min_terminal: 70,
        staff_only: false,
    },
];

fn shown(app: &App, width: u16) -> Vec<usize> {
    let staff = app.is_staff();
    (0..COLUMNS.len())
        .filter(|&i| (staff || !COLUMNS[i].staff_only) && width >= COLUMNS[i].min_terminal)
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let tabs_area = Rect { height: 1, ..area };
    frame.render_widget(Paragraph::new(tab_line(app)), tabs_area);
    let rows_area = list_rows_area((area.width, area.y + area.height + 1));
    let header_area = Rect::new(area.x, area.y + 1, area.width, 1);
    let cols = shown(app, area.width);
    let fixed: u16 = cols.iter().map(|&i| COLUMNS[i].width + 1).sum();
    let subject_width = area.width.saturating_sub(fixed).max(10);
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|&i| match COLUMNS[i].width {
            0 => Constraint::Length(subject_width),
            w => Constraint::Length(w),
        })
        .collect();
    let titles = Row::new(cols.iter().map(|&i| Cell::from(COLUMNS[i].title))).style(
        Style::new()
            .fg(Color::Gray)
            .add_modifier(Modifier::UNDERLINED),
    );
    frame.render_widget(Table::new([titles], widths.clone()), header_area);

    let list = &app.list;
    if list.items.is_empty() {
        let note = if list.loading {
            " Loading…".to_owned()
        } else if let Some(e) = &list.error {
            format!(" Could not load the tickets: {e}  (^R retry)")
        } else {
            " No tickets here.".to_owned()
        };
        frame.render_widget(Paragraph::new(note), rows_area);
        return;
    }
    let height = usize::from(rows_area.height);
    let offset = visible_offset(list.offset, list.selected, height);
    let end = (offset + height).min(list.items.len());
    let rows = list.items[offset..end].iter().enumerate().map(|(i, t)| {
        let row = ticket_row(app, t, &cols, usize::from(subject_width));
        if offset + i == list.selected {
            row.style(selected_style(app))
        } else if list.marks.contains(&t.id) {
            row.style(Style::new().fg(Color::Yellow))
        } else {
            row
        }
    });
    frame.render_widget(Table::new(rows, widths), rows_area);
}

fn tab_line(app: &App) -> Line<'static> {
    let accent = accent(app);
    let mut spans: Vec<Span> = Tab::all(app.is_staff())
        .into_iter()
        .map(|t| {
            if t == app.list.tab {
                Span::styled(
                    format!(" {} ", t.label()),
                    Style::new().fg(accent).bold().underlined(),
                )
            } else {
                Span::styled(format!(" {} ", t.label()), Style::new().fg(Color::Gray))
            }
        })
        .collect();
    let count = if app.list.next_cursor.is_some() {
        format!("  {}+ tickets", app.list.items.len())
    } else {
        format!("  {} tickets", app.list.items.len())
    };
    spans.push(Span::styled(count, Style::new().fg(Color::DarkGray)));
    if !app.list.filter.is_empty() {
        spans.push(Span::styled(
            format!("  filter: {}", truncate(&app.list.filter, 30)),
            Style::new().fg(Color::Yellow),
        ));
    }
    if !app.list.marks.is_empty() {
        spans.push(Span::styled(
            format!("  {} marked", app.list.marks.len()),
            Style::new().fg(Color::Yellow),
        ));
    }
    Line::from(spans)
}

fn ticket_row<'a>(app: &App, t: &'a Ticket, cols: &[usize], subject_width: usize) -> Row<'a> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(if app.list.marks.contains(&t.id) {
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
            let text = t.deadline.map_or(String::new(), time::short);
            let style = if app.overdue(t) {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            Cell::from(Span::styled(text, style))
        }
        _ => Cell::from(if t.unread_count > 0 {
            format!("{}*", t.message_count)
        } else {
            t.message_count.to_string()
        }),
    });
    Row::new(cells)
}
