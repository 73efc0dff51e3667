//! What tickets and orders share: a message thread under a lead (the
//! ticket's opening text, the order's submission), and a pane of files
//! that can be chosen and downloaded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use portico_shared::{Attachment, Message};

use crate::load::Load;
use crate::screens::thread::Thread;
use crate::shell::model::App;
use crate::time;
use crate::widgets::{accent, human_size, selected_style, wrap};

/// How an internal note is marked: never to be mistaken for a reply.
pub fn internal_style() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// The columns message bodies wrap at in a pane `width` wide.
pub fn body_width(width: usize) -> usize {
    width.saturating_sub(4).max(10)
}

/// The lead, then each message of the thread.
/// `tz`: the time zone the messages' times are read in.
pub fn lines(
    lead: Vec<Line<'static>>,
    thread: &Thread,
    width: usize,
    tz: &str,
) -> Vec<Line<'static>> {
    let mut lines = lead;
    let body_width = body_width(width);
    match &thread.messages {
        Load::Loading => lines.push(Line::raw(" Loading the thread…")),
        Load::Failed(e) => lines.push(Line::styled(
            format!(" Could not load the thread: {e}  (^R retry)"),
            Style::new().fg(Color::Red),
        )),
        Load::Ready(ms) => {
            for m in ms {
                message_lines(&mut lines, m, body_width, tz);
            }
        }
    }
    lines
}

fn message_lines(lines: &mut Vec<Line<'static>>, m: &Message, width: usize, tz: &str) {
    let who = format!(" {} · {}", m.author.name, time::at(m.created_at, tz));
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
    file_lines(lines, &m.attachments);
    lines.push(Line::raw(""));
}

/// One line per file sent with a message (or with a ticket's opening text).
pub fn file_lines(lines: &mut Vec<Line<'static>>, files: &[Attachment]) {
    for a in files {
        lines.push(Line::styled(
            format!("   ⎘ {} ({})", a.file_name, human_size(a.size)),
            Style::new().fg(Color::Magenta),
        ));
    }
}

/// Draws the lines from the thread's scroll position (clamped to the last page).
pub fn render(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, thread: &Thread) {
    let height = usize::from(area.height);
    let scroll = thread.scroll.min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

/// How far a full-screen thread drawn by `lines` scrolls (for `Drawn`):
/// its body is everything between the header bar and the status line.
pub fn max_scroll(app: &App, lines: fn(&App, usize) -> Vec<Line<'static>>) -> usize {
    let (w, h) = app.size;
    let n = lines(app, usize::from(w)).len();
    n.saturating_sub(usize::from(h.saturating_sub(2)))
}

/// A bordered list of files; the chosen one is highlighted while `focused`,
/// a download under way shows its progress.
pub fn files(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    files: &[&Attachment],
    chosen: usize,
    focused: bool,
    title: &str,
) {
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let first = crate::list::visible_offset(0, chosen, height);
    let mut lines: Vec<Line> = files
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, a)| {
            let progress = match app.session.downloads.get(&a.id) {
                Some((got, Some(total))) if *total > 0 => {
                    format!("  downloading {}%", got * 100 / total)
                }
                Some((got, _)) => format!("  downloading {}", human_size(*got as i64)),
                None => String::new(),
            };
            let text = format!(" {} ({}){progress}", a.file_name, human_size(a.size));
            if focused && i == chosen {
                Line::styled(text, selected_style(app))
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if files.is_empty() {
        lines.push(Line::styled(" None yet.", Style::new().fg(Color::DarkGray)));
    }
    let border = if focused {
        Style::new().fg(accent(app))
    } else {
        Style::new().fg(Color::DarkGray)
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(title.to_owned())
                .border_style(border),
        ),
        area,
    );
}
