//! The field editor: the form's fields on the left (the selected one
//! highlighted, those the server refused marked ✗), the selected field's
//! properties on the right, and what the server said underneath.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::screens::forms::{Editor, Prop, Typing, has_options};
use crate::shell::model::App;
use crate::widgets::{selected_style, truncate};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(e) = &app.session.forms.editor else {
        return;
    };
    let [title, body, errors, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(6),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    render_title(frame, title, app, e);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    render_fields(frame, list, app, e);
    render_detail(frame, detail, app, e);
    let mut lines = Vec::new();
    if let Some(err) = &e.error {
        lines.push(Line::styled(
            format!(" ✗ {err}"),
            Style::new().fg(Color::Red),
        ));
    }
    for err in e.form_errors() {
        lines.push(Line::styled(
            format!(" ✗ {err}"),
            Style::new().fg(Color::Red),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), errors);
    let hint = if e.typing.is_some() {
        " typing · Enter keep · Esc drop"
    } else {
        " a add · x remove · J/K move · Tab property · Enter edit · ^S save · ? help"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(hint, Style::new().fg(Color::DarkGray))),
        foot,
    );
}

fn render_title(frame: &mut Frame, area: Rect, app: &App, e: &Editor) {
    let name = match &e.typing {
        Some((Typing::Name, line)) => Span::styled(format!("{line}▏"), selected_style(app)),
        _ => Span::styled(e.name.clone(), Style::new().add_modifier(Modifier::BOLD)),
    };
    let version = match e.form_id {
        Some(_) => format!("version {}", e.base_version),
        None => "new, not saved yet".to_owned(),
    };
    let state = if e.saving {
        Span::styled("  saving…", Style::new().fg(Color::Yellow))
    } else if e.touched {
        Span::styled("  changed, not saved", Style::new().fg(Color::Yellow))
    } else {
        Span::raw("")
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![Span::raw(" Order form: "), name, state]),
            Line::styled(
                format!(" for {} · {version} · N renames", e.whose),
                Style::new().fg(Color::Gray),
            ),
        ]),
        area,
    );
}

fn render_fields(frame: &mut Frame, area: Rect, app: &App, e: &Editor) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Fields ({}) ", e.fields.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if e.fields.is_empty() {
        frame.render_widget(Paragraph::new(" No fields yet: a adds one"), inner);
        return;
    }
    let rows = usize::from(inner.height).max(1);
    let first = e.cursor.saturating_sub(rows - 1);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = e
        .fields
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, f)| {
            let mark = if e.field_in_error(i) { "✗" } else { " " };
            let req = if f.required { "*" } else { " " };
            let text = format!("{mark}{:>2} {}{req} {}", i + 1, f.label, f.kind);
            let line = Line::raw(truncate(&text, width));
            if i == e.cursor {
                line.style(selected_style(app))
            } else if e.field_in_error(i) {
                line.style(Style::new().fg(Color::Red))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App, e: &Editor) {
    let block = Block::default().borders(Borders::ALL).title(format!(
        " Field {} of {} ",
        (e.cursor + 1).min(e.fields.len()),
        e.fields.len()
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(f) = e.field() else {
        return;
    };
    let width = usize::from(inner.width).saturating_sub(12);
    let mut lines = Vec::new();
    for p in Prop::ALL {
        let label = match p {
            Prop::Label => "Label:    ",
            Prop::Key => "Key:      ",
            Prop::Kind => "Type:     ",
            Prop::Required => "Required: ",
            Prop::Options => "Options:  ",
        };
        let value = match (&e.typing, p) {
            (Some((Typing::Prop(t), line)), _) if *t == p => format!("{line}▏"),
            (_, Prop::Kind) => format!("{}  ←/→", f.kind),
            (_, Prop::Required) => format!("{}  Space", if f.required { "yes" } else { "no" }),
            (_, Prop::Options) if !has_options(f.kind) => "(only choice fields)".to_owned(),
            (_, Prop::Options) if f.options.is_empty() => "none yet".to_owned(),
            _ => e.prop_text(p),
        };
        let style = if e.prop == p {
            selected_style(app)
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {label}"), Style::new().fg(Color::Gray)),
            Span::styled(truncate(&value, width), style),
        ]));
        if let Some(err) = e.error_at(e.cursor, p) {
            lines.push(Line::styled(
                format!("   ✗ {err}"),
                Style::new().fg(Color::Red).bold(),
            ));
        }
    }
    if has_options(f.kind) {
        lines.push(Line::styled(
            " Options are typed comma-separated.",
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
