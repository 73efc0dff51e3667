//! A form on top of the screen: the new-order form drawn from the form the
//! server gives, the item form, the deliverable path, a timesheet entry
//! (under the whole reason it was rejected, when it was). Each field shows its
//! label (`*` when required), its input, what it takes when focused, and
//! its error in red, whether the app or the server found it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::shell::model::App;
use crate::widgets::form::{FormDraft, Input, Row};
use crate::widgets::{accent, centered, selected_style, tail, truncate};

/// Lines a multi-line field shows.
const TEXT_ROWS: usize = 3;
/// The widest label column.
const MAX_LABEL: usize = 28;

pub fn render(frame: &mut Frame, area: Rect, app: &App, d: &FormDraft) {
    let width = area.width.saturating_sub(4).min(92);
    let (lines, focus) = lines(app, d, usize::from(width.saturating_sub(2)));
    let wanted = (lines.len() as u16).saturating_add(3).max(5);
    let rect = centered(area, width, wanted.min(area.height.saturating_sub(2)));
    frame.render_widget(Clear, rect);
    let hint = if d.sending {
        " Sending… "
    } else {
        " ^S send · Tab next field · Esc cancel "
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent(app)))
        .title(Span::styled(
            format!(" {} ", d.title),
            Style::new().fg(accent(app)).bold(),
        ))
        .title_bottom(Line::from(hint).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    // Keep the focused field (its input, hint and error) in view.
    let height = usize::from(inner.height);
    let (start, end) = focus;
    let top = if end > height {
        (end - height).min(start)
    } else {
        0
    };
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The form as lines, and where the focused field's lines start and end.
fn lines(app: &App, d: &FormDraft, width: usize) -> (Vec<Line<'static>>, (usize, usize)) {
    let mut out: Vec<Line<'static>> = Vec::new();
    if d.loading {
        out.push(Line::raw(" Loading the order form…"));
        return (out, (0, 1));
    }
    if let Some(n) = &d.notice {
        for l in crate::widgets::wrap(n, width.saturating_sub(2)) {
            out.push(Line::styled(
                format!(" {l}"),
                Style::new().fg(Color::Yellow),
            ));
        }
        out.push(Line::raw(""));
    }
    if let Some(e) = &d.error {
        for l in crate::widgets::wrap(e, width.saturating_sub(3)) {
            out.push(Line::styled(format!(" ✗ {l}"), Style::new().fg(Color::Red)));
        }
        out.push(Line::raw(""));
    }
    let label_width = d
        .rows
        .iter()
        .map(|r| r.label.width() + usize::from(r.required) + 2)
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    let input_width = width.saturating_sub(label_width + 3).max(8);
    let mut focus = (0, 0);
    for (i, row) in d.rows.iter().enumerate() {
        let on = i == d.focus;
        let start = out.len();
        field_lines(app, &mut out, row, on, label_width, input_width);
        if on {
            focus = (start, out.len());
        }
    }
    (out, focus)
}

fn field_lines(
    app: &App,
    out: &mut Vec<Line<'static>>,
    row: &Row,
    on: bool,
    label_width: usize,
    input_width: usize,
) {
    let star = if row.required { "*" } else { "" };
    let label = truncate(
        &format!("{}{star}", row.label),
        label_width.saturating_sub(1),
    );
    let pad = " ".repeat(label_width.saturating_sub(label.width()));
    let marker = if on { "▸" } else { " " };
    let label_style = if row.error.is_some() {
        Style::new().fg(Color::Red).bold()
    } else if on {
        Style::new().fg(accent(app)).bold()
    } else {
        Style::new().fg(Color::Gray)
    };
    let head = vec![
        Span::styled(marker.to_owned(), Style::new().fg(accent(app)).bold()),
        Span::styled(format!("{label}{pad}"), label_style),
        Span::raw(" "),
    ];
    let indent = || Span::raw(" ".repeat(label_width + 2));
    match &row.input {
        Input::Line(text) => {
            let shown = tail(text, input_width.saturating_sub(1));
            let (text, style) = if on {
                (format!("{shown}▏"), selected_style(app))
            } else {
                (shown, Style::new().underlined())
            };
            let mut spans = head;
            spans.push(Span::styled(text, style));
            out.push(Line::from(spans));
        }
        Input::Lines(area) => {
            let ratatui_textarea::DataCursor(cursor_row, cursor_col) = area.cursor();
            let rows = area.lines();
            let first = cursor_row.saturating_sub(TEXT_ROWS - 1);
            for n in 0..TEXT_ROWS {
                let text = rows.get(first + n).cloned().unwrap_or_default();
                let text = if on && first + n == cursor_row {
                    let at = text
                        .char_indices()
                        .nth(cursor_col)
                        .map_or(text.len(), |(b, _)| b);
                    format!("{}▏{}", &text[..at], &text[at..])
                } else {
                    text
                };
                let style = if on {
                    Style::new().bg(Color::DarkGray)
                } else {
                    Style::new().underlined()
                };
                let mut spans = if n == 0 { head.clone() } else { vec![indent()] };
                let shown = truncate(&text, input_width);
                let pad = " ".repeat(input_width.saturating_sub(shown.width()));
                spans.push(Span::styled(format!("{shown}{pad}"), style));
                out.push(Line::from(spans));
            }
        }
        Input::Org(fw) => {
            let mut spans = head;
            let typed = tail(&fw.query, input_width.saturating_sub(1) / 2);
            let (typed, style) = if on {
                (format!("{typed}▏"), selected_style(app))
            } else {
                (typed, Style::new().underlined())
            };
            spans.push(Span::styled(typed, style));
            spans.push(Span::raw("  "));
            spans.push(Span::styled(fw.chosen_label(), Style::new().bold()));
            out.push(Line::from(spans));
        }
        Input::Pick(p) => {
            let mut spans = head;
            let mut used = 0;
            for (i, option) in p.options.iter().enumerate() {
                let chosen = p.chosen.contains(&i);
                let mark = match (p.multi, chosen) {
                    (true, true) => "[x]",
                    (true, false) => "[ ]",
                    (false, true) => "(•)",
                    (false, false) => "( )",
                };
                let text = format!("{mark} {option}");
                let w = text.width() + 2;
                if used > 0 && used + w > input_width {
                    out.push(Line::from(std::mem::replace(&mut spans, vec![indent()])));
                    used = 0;
                }
                let style = if on && i == p.cursor {
                    selected_style(app)
                } else if chosen {
                    Style::new().bold()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(text, style));
                spans.push(Span::raw("  "));
                used += w;
            }
            out.push(Line::from(spans));
        }
    }
    if on && !row.hint.is_empty() {
        out.push(Line::from(vec![
            indent(),
            Span::styled(row.hint.clone(), Style::new().fg(Color::DarkGray)),
        ]));
    }
    if let Some(e) = &row.error {
        // Wrapped: the server's words are read whole, not cut at the border.
        let lines = crate::widgets::wrap(e, input_width.saturating_sub(2));
        for (n, l) in lines.into_iter().enumerate() {
            let mark = if n == 0 { "✗" } else { " " };
            out.push(Line::from(vec![
                indent(),
                Span::styled(format!("{mark} {l}"), Style::new().fg(Color::Red)),
            ]));
        }
    }
}
