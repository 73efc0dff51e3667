//! What draws on top: help, the palette, the filter line, confirmations,
//! the assign picker and the compose editor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::input::{help_for, key_label};
use crate::load::Load;
use crate::screens::tickets::{AssignField, AssignForm, Compose, ComposeField, ComposeKind};
use crate::shell::model::{App, Modal};
use crate::shell::palette;
use crate::widgets::dialog::boxed;
use crate::widgets::for_whom::ForWhom;
use crate::widgets::{accent, centered, selected_style, tail, truncate, wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    match &app.modal {
        Modal::None => {}
        Modal::Help => help(frame, area, app),
        Modal::Palette(p) => {
            let staff = app.is_staff();
            let found = palette::matching_for(&p.input, staff, app.palette_has());
            let mut lines = vec![Line::from(vec![
                Span::styled(":", Style::new().fg(accent(app)).bold()),
                Span::raw(format!("{}▏", tail(&p.input, 56))),
            ])];
            lines.extend(found.iter().enumerate().map(|(i, e)| {
                let text = format!(" {:<12} {}", e.name, e.help);
                if i == p.selected {
                    Line::styled(text, selected_style(app))
                } else {
                    Line::raw(text)
                }
            }));
            boxed(frame, area, 60, " Commands ", lines, app);
        }
        Modal::Filter(text) => {
            let lines = vec![
                Line::raw(format!("/{}▏", tail(text, 55))),
                Line::styled(
                    "Enter apply · Esc cancel · empty clears",
                    Style::new().fg(Color::DarkGray),
                ),
            ];
            boxed(frame, area, 60, " Filter tickets ", lines, app);
        }
        Modal::Confirm(c) => {
            let lines = vec![
                Line::styled(c.question.clone(), Style::new().bold()),
                Line::raw(""),
                Line::raw("y yes · n no"),
            ];
            boxed(frame, area, 44, " Are you sure? ", lines, app);
        }
        Modal::Assign(f) => assign(frame, area, app, f),
        Modal::Compose(c) => compose(frame, area, app, c),
        Modal::Form(d) => crate::widgets::form::view::render(frame, area, app, d),
        Modal::Reject(f) => crate::screens::timesheets::week_view::reject(frame, area, app, f),
        Modal::Notice(n) => {
            let mut lines: Vec<Line> = n.lines.iter().map(|l| Line::raw(l.clone())).collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Enter or Esc closes",
                Style::new().fg(Color::DarkGray),
            ));
            boxed(frame, area, 80, &format!(" {} ", n.title), lines, app);
        }
    }
}

fn help(frame: &mut Frame, area: Rect, app: &App) {
    let bindings = help_for(app);
    let labels: Vec<String> = bindings
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(key_label).collect();
            keys.join(" ")
        })
        .collect();
    // The key column as wide as its widest entry (within reason).
    let key_width = labels.iter().map(|l| l.width()).max().unwrap_or(0).min(14) + 2;
    // Each entry wrapped to `width` columns, continuation rows indented
    // under its text.
    let entries = |width: u16| -> Vec<Line<'static>> {
        let text_width = usize::from(width).saturating_sub(key_width + 1).max(8);
        let mut lines = Vec::new();
        for (b, keys) in bindings.iter().zip(&labels) {
            for (i, part) in wrap(b.help, text_width).into_iter().enumerate() {
                let key = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!(" {key:<key_width$}"),
                        Style::new().fg(accent(app)).bold(),
                    ),
                    Span::raw(part),
                ]));
            }
        }
        lines
    };
    let width = area.width.min(96);
    let one = entries(width.saturating_sub(2));
    if one.len() + 2 <= usize::from(area.height) || width < 60 {
        boxed(frame, area, width, " Keys · Esc closes ", one, app);
        return;
    }
    // Two columns when the list would not fit in one.
    let col = (width.saturating_sub(2)) / 2;
    let all = entries(col.saturating_sub(1));
    // Split between entries, never inside one.
    let mut half = all.len().div_ceil(2);
    while half < all.len()
        && all[half]
            .spans
            .first()
            .is_some_and(|s| s.content.trim().is_empty())
    {
        half += 1;
    }
    let (left, right) = all.split_at(half);
    let h = u16::try_from(left.len().max(right.len()) + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent(app)))
        .title(" Keys · Esc closes ");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [l, r] =
        Layout::horizontal([Constraint::Length(col), Constraint::Length(col)]).areas(inner);
    frame.render_widget(Paragraph::new(left.to_vec()), l);
    frame.render_widget(Paragraph::new(right.to_vec()), r);
}

fn assign(frame: &mut Frame, area: Rect, app: &App, f: &AssignForm) {
    let n = f.tickets.len();
    let mut lines = vec![Line::raw(if n == 1 {
        format!("Ticket #{}", f.tickets.first().copied().unwrap_or_default())
    } else {
        format!("{n} marked tickets")
    })];
    if !f.deadline_only {
        lines.push(Line::styled("Assign to:", Style::new().fg(Color::Gray)));
        match &app.session.staff {
            Load::Loading => lines.push(Line::raw("  Loading…")),
            Load::Failed(e) => {
                lines.push(Line::styled(format!("  {e}"), Style::new().fg(Color::Red)))
            }
            Load::Ready(people) => {
                for (i, p) in people.iter().enumerate() {
                    let text = format!("  {}", truncate(&p.name, 40));
                    let on = i == f.selected;
                    lines.push(if on && f.focus == AssignField::Person {
                        Line::styled(text, selected_style(app))
                    } else if on {
                        Line::styled(text, Style::new().bold())
                    } else {
                        Line::raw(text)
                    });
                }
            }
        }
    }
    let cursor = if f.focus == AssignField::Deadline {
        "▏"
    } else {
        ""
    };
    let style = if f.focus == AssignField::Deadline {
        selected_style(app)
    } else {
        Style::new().underlined()
    };
    lines.push(Line::from(vec![
        Span::styled(
            format!("Deadline ({}): ", crate::time::zone_name(&app.home_zone())),
            Style::new().fg(Color::Gray),
        ),
        Span::styled(format!("{}{cursor}", f.deadline), style),
    ]));
    lines.push(Line::styled(
        "2026-12-01, 2026-12-01T09:00, +3d, +4h; empty: none",
        Style::new().fg(Color::DarkGray),
    ));
    if let Some(e) = &f.error {
        lines.push(Line::styled(e.clone(), Style::new().fg(Color::Red)));
    }
    lines.push(Line::styled(
        "↑↓ person · Tab deadline · Enter assign · Esc cancel",
        Style::new().fg(Color::DarkGray),
    ));
    let title = if f.deadline_only {
        " Deadline "
    } else {
        " Assign "
    };
    boxed(frame, area, 60, title, lines, app);
}

fn compose(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height
            .saturating_sub(4)
            .min(if c.for_whom.is_some() { 23 } else { 20 }),
    );
    frame.render_widget(Clear, rect);
    let (title, title_style) = match c.kind {
        ComposeKind::Reply { internal: true, .. } => (
            " Internal note (staff only) ",
            crate::screens::thread::view::internal_style(),
        ),
        ComposeKind::Reply { .. } => (" Reply ", Style::new().fg(accent(app)).bold()),
        ComposeKind::NewTicket => (" New ticket ", Style::new().fg(accent(app)).bold()),
        ComposeKind::NewThread => (" New thread ", Style::new().fg(accent(app)).bold()),
    };
    let hint = if c.sending {
        " Sending… "
    } else {
        " ^S send · ^E $EDITOR · Esc cancel "
    };
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent(app)))
        .title(Span::styled(title, title_style))
        .title_bottom(Line::from(hint).right_aligned());
    if let Some(offer) = crate::screens::knowledge::view::forms_offer(app, c) {
        block = block.title(Line::from(offer).right_aligned());
    }
    let mut inner = block.inner(rect);
    frame.render_widget(block, rect);
    if let Some(fw) = &c.for_whom {
        let [who, rest] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(inner);
        for_whom(frame, who, app, c, fw);
        inner = rest;
    }
    let body_area = if c.kind.has_subject() {
        let [subject, subject_error, body, body_error] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(u16::from(c.error("body").is_some())),
        ])
        .areas(inner);
        let focused = c.focus == ComposeField::Subject;
        let style = if focused {
            selected_style(app)
        } else {
            Style::new().underlined()
        };
        let label = "Subject: ";
        // The line scrolls: its end, where typing happens, stays in view.
        let room = usize::from(subject.width).saturating_sub(label.len() + 1);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, Style::new().fg(Color::Gray)),
                Span::styled(
                    format!(
                        "{}{}",
                        tail(&c.subject, room),
                        if focused { "▏" } else { "" }
                    ),
                    style,
                ),
            ])),
            subject,
        );
        field_error(frame, subject_error, c.error("subject"));
        field_error(frame, body_error, c.error("body"));
        body
    } else {
        inner
    };
    frame.render_widget(&c.body, body_area);
}

/// A field's error on the row under it, as the order form shows them.
fn field_error(frame: &mut Frame, area: Rect, error: Option<&str>) {
    if let Some(e) = error {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("✗ {e}"), Style::new().fg(Color::Red))),
            area,
        );
    }
}

/// Staff's "for whom": the organisation searched by name and chosen with
/// the arrows, and which of its contacts asks.
fn for_whom(frame: &mut Frame, area: Rect, app: &App, c: &Compose, fw: &ForWhom) {
    let [org, person, error] = Layout::vertical([Constraint::Length(1); 3]).areas(area);
    let label = |t: &'static str| Span::styled(t, Style::new().fg(Color::Gray));
    let focused = |f: ComposeField| {
        if c.focus == f {
            selected_style(app)
        } else {
            Style::new()
        }
    };
    let typing = c.focus == ComposeField::Organization;
    let chosen = fw.chosen_label();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            label("For:       "),
            Span::styled(
                format!("{}{}", fw.query, if typing { "▏" } else { "" }),
                Style::new().underlined(),
            ),
            Span::raw("  "),
            Span::styled(chosen, focused(ComposeField::Organization)),
        ])),
        org,
    );
    // A ticket is asked by one contact (or staff for them); a thread is
    // with one contact, or every contact of the organisation.
    let (who, nobody) = match c.kind {
        ComposeKind::NewThread => ("With:      ", "every contact of it"),
        _ => ("Asked by:  ", "you, on their behalf"),
    };
    let asked = fw.requester().map_or(nobody.to_owned(), |p| p.name.clone());
    let mut spans = vec![label(who)];
    let added = fw.with_names();
    if c.kind == ComposeKind::NewThread && !added.is_empty() {
        spans.push(Span::styled(
            format!("{} · ", added.join(", ")),
            Style::new().bold(),
        ));
    }
    let hint = match c.kind {
        ComposeKind::NewThread => " ↑↓ · Space adds or removes",
        _ => " ↑↓",
    };
    spans.push(Span::styled(
        format!("{asked}{hint}"),
        focused(ComposeField::Requester),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), person);
    field_error(
        frame,
        error,
        c.error("organization_id").or(c.error("requester_id")),
    );
}
