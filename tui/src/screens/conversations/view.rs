//! The standalone threads: the list with unread counts, and one thread.

use portico_shared::Conversation;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use crate::screens::thread::view as thread;
use crate::shell::model::App;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::truncate;

const COLUMNS: &[Column] = &[
    column("New", 4, 0, false),
    flex_column("Subject", 24, 0),
    column("Organisation", 18, 3, true),
    column("With", 18, 2, false),
    column("Msgs", 4, 4, false),
    column("Last message", 16, 1, false),
];

pub fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let list = &app.session.conversations.list;
    let tabs = Line::from(vec![
        Span::raw(" Threads  "),
        table::count_span(list.items.len(), list.next_cursor.is_some(), "threads"),
        Span::styled("  times in UTC", Style::new().fg(Color::DarkGray)),
    ]);
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs,
            columns: COLUMNS,
            rows: &list.rows,
            what: "threads",
        },
        row,
    );
}

fn row(t: &Conversation, cols: &[usize], subject_width: usize) -> Row<'static> {
    let with = if t.participants.is_empty() {
        "everyone".to_owned()
    } else {
        t.participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cells = cols.iter().map(|&i| match i {
        0 if t.unread_count > 0 => Cell::from(Span::styled(
            t.unread_count.to_string(),
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        )),
        0 => Cell::from(""),
        1 => Cell::from(truncate(&t.subject, subject_width)),
        2 => Cell::from(truncate(&t.organization.name, 18)),
        3 => Cell::from(truncate(&with, 18)),
        4 => Cell::from(t.message_count.to_string()),
        _ => Cell::from(crate::time::short(t.last_message_at)),
    });
    Row::new(cells)
}

/// The thread's lines at `width`: a lead with its subject, then its messages.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let Some(v) = &app.session.conversations.view else {
        return vec![];
    };
    let c = &v.conversation;
    let lead = vec![
        Line::styled(
            format!(" {}", c.subject),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            format!(
                " {} · started by {}",
                c.organization.name, c.started_by.name
            ),
            Style::new().fg(Color::Gray),
        ),
        Line::raw(""),
    ];
    thread::lines(lead, &v.thread, width, "UTC")
}

pub fn render_thread(frame: &mut Frame, area: Rect, app: &App) {
    let Some(v) = &app.session.conversations.view else {
        return;
    };
    thread::render(frame, area, lines(app, usize::from(area.width)), &v.thread);
}

/// How far the open thread scrolls (for `Drawn`): its body is everything
/// between the header bar and the status line.
pub fn max_scroll(app: &App) -> usize {
    let (w, h) = app.size;
    let lines = lines(app, usize::from(w)).len();
    lines.saturating_sub(usize::from(h.saturating_sub(2)))
}
