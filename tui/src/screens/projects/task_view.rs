//! One task: what it asks, for whom and by when, then its own files with a
//! cursor (and how far a download has come).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::load::Load;
use crate::screens::projects::TaskView;
use crate::screens::projects::tasks_view::due_span;
use crate::shell::model::App;
use crate::widgets::{human_size, selected_style, truncate};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(v) = &app.session.projects.task else {
        return;
    };
    let [facts, files] = Layout::vertical([Constraint::Length(7), Constraint::Min(3)]).areas(area);
    render_facts(frame, facts, v);
    let title = Span::styled(
        " Files · Enter download · D all · u hand over a file ",
        Style::new().add_modifier(Modifier::BOLD),
    );
    frame.render_widget(
        Paragraph::new(file_lines(app, v, files.width))
            .block(Block::new().borders(Borders::TOP).title(title)),
        files,
    );
}

fn render_facts(frame: &mut Frame, area: Rect, v: &TaskView) {
    let t = v.task();
    let width = usize::from(area.width);
    let status = if t.overdue {
        Span::styled("overdue", Style::new().fg(Color::Red))
    } else {
        Span::raw(t.status.as_str())
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!(" {}", truncate(&t.title, width.saturating_sub(14))),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw("  "),
            status,
        ]),
        Line::from(vec![
            Span::raw(format!(
                " For {} · {} · due ",
                t.assignee.as_ref().map_or("nobody", |a| a.name.as_str()),
                t.organization.name,
            )),
            due_span(t),
            Span::raw(
                t.project
                    .as_ref()
                    .map_or(String::new(), |p| format!(" · project {}", p.name)),
            ),
        ]),
    ];
    if !t.description.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", t.description),
            Style::new().fg(Color::Gray),
        )));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn file_lines(app: &App, v: &TaskView, width: u16) -> Vec<Line<'static>> {
    let task = match &v.task {
        Load::Loading => return vec![Line::from(" Loading…")],
        Load::Failed(e) => return vec![Line::from(format!(" Could not load: {e}  (^R retry)"))],
        Load::Ready(t) => t,
    };
    if task.attachments.is_empty() {
        return vec![Line::from(" No files yet. u hands one over.")];
    }
    let name_width = usize::from(width).saturating_sub(24);
    task.attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let progress = app.session.downloads.get(&a.id).map_or(
                String::new(),
                |(got, total)| match total {
                    Some(t) if *t > 0 => format!("  {}%", got * 100 / t),
                    _ => format!("  {}", human_size(*got as i64)),
                },
            );
            let text = format!(
                " {:<name_width$} {:>9}{progress}",
                truncate(&a.file_name, name_width),
                human_size(a.size)
            );
            if i == v.file {
                Line::from(Span::styled(text, selected_style(app)))
            } else {
                Line::from(text)
            }
        })
        .collect()
}
