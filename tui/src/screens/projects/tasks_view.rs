//! The task list: mine or all, open ones, due soonest first; overdue in red.

use portico_shared::Task;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use crate::shell::model::App;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::truncate;

const COLUMNS: &[Column] = &[
    column("Due", 10, 0, false),
    flex_column("Task", 24, 0),
    column("Project", 20, 2, false),
    column("Assignee", 14, 1, false),
    column("Organisation", 18, 3, true),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let list = &app.session.projects.tasks;
    let tabs = [
        ("Mine".to_owned(), list.mine),
        ("All".to_owned(), !list.mine),
    ];
    let extra = vec![table::count_span(
        list.items.len(),
        list.next_cursor.is_some(),
        "open tasks",
    )];
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs: table::tab_line(app, &tabs, extra),
            columns: COLUMNS,
            rows: &list.rows,
            what: "open tasks",
        },
        task_row,
    );
}

/// A task's due date, red when it has passed.
pub fn due_span(t: &Task) -> Span<'static> {
    let text = t.due_date.map_or("-".to_owned(), |d| d.to_string());
    if t.overdue {
        Span::styled(text, Style::new().fg(Color::Red))
    } else {
        Span::raw(text)
    }
}

fn task_row(t: &Task, cols: &[usize], title_width: usize) -> Row<'static> {
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(due_span(t)),
        1 => Cell::from(truncate(&t.title, title_width)),
        2 => Cell::from(
            t.project
                .as_ref()
                .map_or(String::new(), |p| truncate(&p.name, 20)),
        ),
        3 => Cell::from(
            t.assignee
                .as_ref()
                .map_or(String::new(), |a| truncate(&a.name, 14)),
        ),
        _ => Cell::from(truncate(&t.organization.name, 18)),
    });
    Row::new(cells)
}
