//! The project's own thread: a lead with the project's name, then its
//! messages, drawn as every thread is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use crate::screens::thread::view as thread;
use crate::shell::model::App;

/// The thread's lines at `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let Some(v) = &app.session.projects.view else {
        return vec![];
    };
    let p = &v.project;
    let lead = vec![
        Line::styled(
            format!(" {} · the project's thread", p.name),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            format!(
                " {} · r: reply   Esc: back to the project",
                p.organization.name
            ),
            Style::new().fg(Color::Gray),
        ),
        Line::raw(""),
    ];
    thread::lines(lead, &v.thread, width, "UTC")
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(v) = &app.session.projects.view else {
        return;
    };
    thread::render(frame, area, lines(app, usize::from(area.width)), &v.thread);
}

/// How far the thread scrolls (for `Drawn`).
pub fn max_scroll(app: &App) -> usize {
    thread::max_scroll(app, lines)
}
