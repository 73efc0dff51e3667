//! One project: its facts, the timeline as a Gantt of phases against a
//! date axis that fits the width (today marked), the timeline's latest
//! changes, and its tasks with a cursor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::load::Load;
use crate::screens::projects::list_view::project_status_style;
use crate::screens::projects::tasks_view::due_span;
use crate::screens::projects::{ProjectView, gantt};
use crate::shell::model::App;
use crate::widgets::{selected_style, truncate};

/// How many of the latest timeline changes are shown.
const HISTORY: usize = 4;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(v) = &app.session.projects.view else {
        return;
    };
    let phases = v.detail.ready().map_or(0, |d| d.phases.len());
    let [facts, chart, history, tasks] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(u16::try_from(phases).unwrap_or(0).saturating_add(4).max(3)),
        Constraint::Length(HISTORY as u16 + 2),
        Constraint::Min(3),
    ])
    .areas(area);
    render_facts(frame, facts, v);
    let today = app.now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let block = |title: &str| {
        Block::new().borders(Borders::TOP).title(Span::styled(
            title.to_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        ))
    };
    let (chart_lines, history_lines) = match &v.detail {
        Load::Loading => (vec![Line::from(" Loading…")], vec![]),
        Load::Failed(e) => (
            vec![Line::from(format!(" Could not load: {e}  (^R retry)"))],
            vec![],
        ),
        Load::Ready(d) => {
            let label = usize::from(chart.width / 4).clamp(10, 34);
            (
                gantt::lines(&d.phases, today, usize::from(chart.width), label),
                d.history
                    .iter()
                    .take(HISTORY)
                    .map(|h| Line::from(format!(" {}", history_line(h))))
                    .collect(),
            )
        }
    };
    frame.render_widget(
        Paragraph::new(chart_lines).block(block(" Timeline (UTC) ")),
        chart,
    );
    frame.render_widget(
        Paragraph::new(history_lines).block(block(" Latest changes ")),
        history,
    );
    render_tasks(frame, tasks, app, v, block(" Tasks "));
}

/// "Build started on 18 Nov": one change to the timeline as a sentence.
fn history_line(h: &portico_shared::PhaseChange) -> String {
    use portico_shared::PhaseAction::*;
    let what = match h.action {
        Added => "was added",
        Changed => "changed",
        Started => "started",
        Done => "was finished",
        Removed => "was removed",
    };
    format!(
        "{} {what} on {}",
        h.phase_name,
        h.at.to_zoned(jiff::tz::TimeZone::UTC).strftime("%d %b %Y")
    )
}

fn render_facts(frame: &mut Frame, area: Rect, v: &ProjectView) {
    let p = &v.project;
    let date = |d: Option<jiff::civil::Date>| d.map_or("-".to_owned(), |d| d.to_string());
    let lines = vec![
        Line::from(vec![
            Span::styled(
                format!(
                    " {}",
                    truncate(&p.name, usize::from(area.width).saturating_sub(16))
                ),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw("  "),
            Span::styled(
                p.status.as_str().replace('_', " "),
                project_status_style(p.status),
            ),
        ]),
        Line::from(format!(
            " {} · {} · {} → {} · owner {}",
            p.organization.name,
            p.location
                .as_ref()
                .map_or("all locations", |l| l.name.as_str()),
            date(p.start_date),
            date(p.due_date),
            p.owner.as_ref().map_or("nobody", |o| o.name.as_str()),
        )),
        Line::from(Span::styled(
            format!(
                " {}",
                truncate(&p.description, usize::from(area.width).saturating_sub(2))
            ),
            Style::new().fg(Color::Gray),
        )),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_tasks(frame: &mut Frame, area: Rect, app: &App, v: &ProjectView, block: Block<'static>) {
    let tasks = v.tasks();
    let lines: Vec<Line<'static>> = if tasks.is_empty() {
        vec![Line::from(" No tasks.")]
    } else {
        tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let done = t.status == portico_shared::TaskStatus::Done;
                let line = Line::from(vec![
                    Span::raw(if done { " [x] " } else { " [ ] " }),
                    due_span(t),
                    Span::raw(format!(
                        "  {}  ({})",
                        truncate(&t.title, usize::from(area.width).saturating_sub(40)),
                        t.assignee.as_ref().map_or("nobody", |a| a.name.as_str())
                    )),
                ]);
                if i == v.task {
                    line.style(selected_style(app))
                } else {
                    line
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
