//! The project list: a row per project with its status and dates.

use portico_shared::{Project, ProjectStatus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use crate::shell::model::App;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::truncate;

const COLUMNS: &[Column] = &[
    flex_column("Project", 24, 0),
    column("Organisation", 18, 4, true),
    column("Location", 14, 3, false),
    column("Status", 9, 0, false),
    column("Start", 10, 2, false),
    column("Due", 10, 1, false),
    column("Owner", 14, 5, false),
];

pub fn project_status_style(s: ProjectStatus) -> Style {
    match s {
        ProjectStatus::Planned => Style::new().fg(Color::LightCyan),
        ProjectStatus::Active => Style::new().fg(Color::Yellow),
        ProjectStatus::OnHold => Style::new().fg(Color::Magenta),
        ProjectStatus::Done => Style::new().fg(Color::Green),
        ProjectStatus::Cancelled => Style::new().fg(Color::DarkGray),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let list = &app.session.projects.list;
    let tabs = Line::from(vec![
        Span::raw(" Projects  "),
        table::count_span(list.items.len(), list.next_cursor.is_some(), "projects"),
    ]);
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs,
            columns: COLUMNS,
            rows: &list.rows,
            what: "projects",
        },
        project_row,
    );
}

fn project_row(p: &Project, cols: &[usize], name_width: usize) -> Row<'static> {
    let date = |d: Option<jiff::civil::Date>| d.map_or(String::new(), |d| d.to_string());
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(truncate(&p.name, name_width)),
        1 => Cell::from(truncate(&p.organization.name, 18)),
        2 => Cell::from(
            p.location
                .as_ref()
                .map_or("all".to_owned(), |l| truncate(&l.name, 14)),
        ),
        3 => Cell::from(Span::styled(
            p.status.as_str().replace('_', " "),
            project_status_style(p.status),
        )),
        4 => Cell::from(date(p.start_date)),
        5 => Cell::from(date(p.due_date)),
        _ => Cell::from(
            p.owner
                .as_ref()
                .map_or(String::new(), |o| truncate(&o.name, 14)),
        ),
    });
    Row::new(cells)
}
