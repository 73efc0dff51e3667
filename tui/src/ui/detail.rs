//! One ticket: its facts, the thread with internal notes marked, and the
//! attachments pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use portico_shared::{Message, Ticket};

use crate::app::{App, Detail, DetailPane, Load};
use crate::time;
use crate::ui::widgets::{
    accent, human_size, priority_style, selected_style, status_style, truncate, wrap,
};

/// How an internal note is marked: never to be mistaken for a reply.
pub fn internal_style() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(d) = &app.detail else { return };
    let attachments = d.attachments();
    let pane_height = if attachments.is_empty() {
        0
    } else {
        (attachments.len() as u16 + 2).min(6)
    };
    let [facts, thread, files] = Layout::vertical([
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
    render_thread(frame, thread, d);
    if pane_height > 0 {
        render_files(frame, files, app, d);
    }
}

fn render_facts(frame: &mut Frame, area: Rect, app: &App, t: &Ticket) {
    let w = usize::from(area.width);
    let label = |s: &'static str| Span::styled(s, Style::new().fg(Color::Gray));
    let assignee = t.assignee.as_ref().map_or("nobody", |a| a.name.as_str());
    let deadline = t.deadline.map_or("none".to_owned(), time::short);
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

/// The thread as lines: the ticket's opening text, then each message.
pub fn thread_lines(d: &Detail, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let body_width = width.saturating_sub(4).max(10);
    if let Load::Ready(t) = &d.ticket {
        lines.push(Line::styled(
            format!(
                " {} · {} · opened the ticket",
                t.requester.name,
                time::short(t.created_at)
            ),
            Style::new().fg(Color::Cyan).bold(),
        ));
        lines.extend(
            wrap(&t.body, body_width)
                .into_iter()
                .map(|l| Line::raw(format!("   {l}"))),
        );
        lines.push(Line::raw(""));
    }
    match &d.messages {
        Load::Loading => lines.push(Line::raw(" Loading the thread…")),
        Load::Failed(e) => lines.push(Line::styled(
            format!(" Could not load the thread: {e}  (^R retry)"),
            Style::new().fg(Color::Red),
        )),
        Load::Ready(ms) => {
            for m in ms {
                message_lines(&mut lines, m, body_width);
            }
        }
    }
    lines
}

fn message_lines(lines: &mut Vec<Line<'static>>, m: &Message, width: usize) {
    let who = format!(" {} · {}", m.author.name, time::short(m.created_at));
    if m.internal {
        lines.push(Line::from(vec![
            Span::styled(" INTERNAL NOTE ", internal_style()),
            Span::styled(
                format!("{who} · staff only"),
                Style::new().fg(Color::Yellow),
            ),
        ]));
    } else {
        let style = if m.from_staff {
            Style::new().fg(Color::Green)
        } else {
            Style::new().fg(Color::Cyan)
        };
        lines.push(Line::styled(who, style.bold()));
    }
    let bar = if m.internal { " ┃ " } else { "   " };
    for l in wrap(&m.body, width) {
        lines.push(Line::from(vec![
            Span::styled(bar, Style::new().fg(Color::Yellow)),
            Span::raw(l),
        ]));
    }
    for a in &m.attachments {
        lines.push(Line::styled(
            format!("   ⎘ {} ({})", a.file_name, human_size(a.size)),
            Style::new().fg(Color::Magenta),
        ));
    }
    lines.push(Line::raw(""));
}

fn render_thread(frame: &mut Frame, area: Rect, d: &Detail) {
    let lines = thread_lines(d, usize::from(area.width));
    let height = usize::from(area.height);
    let scroll = d.scroll.min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

fn render_files(frame: &mut Frame, area: Rect, app: &App, d: &Detail) {
    let focused = d.pane == DetailPane::Attachments;
    let lines: Vec<Line> = d
        .attachments()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let progress = match d.download {
                Some((id, got, total)) if id == a.id => match total {
                    Some(t) if t > 0 => format!("  downloading {}%", got * 100 / t),
                    _ => format!("  downloading {}", human_size(got as i64)),
                },
                _ => String::new(),
            };
            let text = format!(" {} ({}){progress}", a.file_name, human_size(a.size));
            if focused && i == d.attachment {
                Line::styled(text, selected_style(app))
            } else {
                Line::raw(text)
            }
        })
        .collect();
    let title = if focused {
        " Attachments · Enter download · Tab thread "
    } else {
        " Attachments · Tab to select "
    };
    let border = if focused {
        Style::new().fg(accent(app))
    } else {
        Style::new().fg(Color::DarkGray)
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title).border_style(border)),
        area,
    );
}

/// The furthest the thread can scroll in a terminal of `app.size`.
pub fn max_scroll(app: &App) -> usize {
    let Some(d) = &app.detail else { return 0 };
    let (w, h) = app.size;
    let files = d.attachments().len();
    let pane = if files == 0 { 0 } else { (files + 2).min(6) };
    // Header bar, status line, and the four rows of facts.
    let height = usize::from(h).saturating_sub(2 + 4 + pane);
    thread_lines(d, usize::from(w)).len().saturating_sub(height)
}
