//! One ticket: its facts, the thread with internal notes marked, and the
//! attachments pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use portico_shared::Ticket;

use crate::load::Load;
use crate::screens::thread::view as thread;
use crate::screens::tickets::{Detail, DetailPane};
use crate::shell::model::App;
use crate::time;
use crate::widgets::{accent, priority_style, status_style, truncate, wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(d) = &app.session.tickets.detail else {
        return;
    };
    let attachments = d.attachments();
    let pane_height = if attachments.is_empty() {
        0
    } else {
        (attachments.len() as u16 + 2).min(6)
    };
    let [facts, thread_area, files] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(1),
        Constraint::Length(pane_height),
    ])
    .areas(area);
    match &d.ticket {
        Load::Ready(t) => render_facts(frame, facts, app, t),
        Load::Loading => frame.render_widget(Paragraph::new(" Loading…"), facts),
        Load::Failed(e) => frame.render_widget(
            Paragraph::new(format!(" Could not load the ticket: {e}  (^R retry)")).fg(Color::Red),
            facts,
        ),
    }
    thread::render(
        frame,
        thread_area,
        thread_lines(app, d, usize::from(thread_area.width)),
        &d.thread,
    );
    if pane_height > 0 {
        render_files(frame, files, app, d);
    }
}

fn render_facts(frame: &mut Frame, area: Rect, app: &App, t: &Ticket) {
    let w = usize::from(area.width);
    let label = |s: &'static str| Span::styled(s, Style::new().fg(Color::Gray));
    let assignee = t.assignee.as_ref().map_or("nobody", |a| a.name.as_str());
    let zone = app.home_zone();
    let deadline = t.deadline.map_or("none".to_owned(), |d| time::at(d, &zone));
    let deadline_style = if app.overdue(t) {
        Style::new().fg(Color::Red)
    } else {
        Style::new()
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(format!(" #{} ", t.id), Style::new().fg(accent(app)).bold()),
            Span::styled(
                truncate(&t.subject, w.saturating_sub(10)),
                Style::new().bold(),
            ),
        ]),
        Line::from(vec![
            label(" Status "),
            Span::styled(t.status.as_str(), status_style(t.status)),
            label("  Priority "),
            Span::styled(t.priority.as_str(), priority_style(t.priority)),
            label("  From "),
            Span::raw(format!("{}, {}", t.requester.name, t.organization.name)),
        ]),
        Line::from(vec![
            label(" Assignee "),
            Span::raw(assignee.to_owned()),
            label("  Deadline "),
            Span::styled(deadline, deadline_style),
            label("  Open "),
            Span::raw(time::age(t.open_seconds)),
            label("  Messages "),
            Span::raw(t.message_count.to_string()),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(ratatui::widgets::Borders::BOTTOM)),
        area,
    );
}

/// The ticket's opening text, which leads its thread.
fn lead(d: &Detail, width: usize, tz: &str) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Load::Ready(t) = &d.ticket {
        lines.push(Line::styled(
            format!(
                " {} · {} · opened the ticket",
                t.requester.name,
                time::at(t.created_at, tz)
            ),
            Style::new().fg(Color::Cyan).bold(),
        ));
        lines.extend(
            wrap(&t.body, thread::body_width(width))
                .into_iter()
                .map(|l| Line::raw(format!("   {l}"))),
        );
        thread::file_lines(&mut lines, &t.attachments);
        lines.push(Line::raw(""));
    }
    lines
}

/// The thread as lines: the ticket's opening text, then each message.
pub fn thread_lines(app: &App, d: &Detail, width: usize) -> Vec<Line<'static>> {
    let tz = app.home_zone();
    thread::lines(lead(d, width, &tz), &d.thread, width, &tz)
}

fn render_files(frame: &mut Frame, area: Rect, app: &App, d: &Detail) {
    let focused = d.pane == DetailPane::Attachments;
    let title = if focused {
        " Attachments · Enter download · Tab thread "
    } else {
        " Attachments · Tab to select "
    };
    thread::files(
        frame,
        area,
        app,
        &d.attachments(),
        d.attachment,
        focused,
        title,
    );
}

/// The furthest the thread can scroll in a terminal of `app.size`.
pub fn max_scroll(app: &App) -> usize {
    let Some(d) = &app.session.tickets.detail else {
        return 0;
    };
    let (w, h) = app.size;
    let files = d.attachments().len();
    let pane = if files == 0 { 0 } else { (files + 2).min(6) };
    // Header bar, status line, and the four rows of facts.
    let height = usize::from(h).saturating_sub(2 + 4 + pane);
    thread_lines(app, d, usize::from(w))
        .len()
        .saturating_sub(height)
}
