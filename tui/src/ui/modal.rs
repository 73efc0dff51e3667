//! What draws on top: help, the palette, the filter line, confirmations,
//! the assign picker and the compose editor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::app::{App, AssignField, AssignForm, Compose, ComposeField, ComposeKind, Load, Modal};
use crate::input::{help_for, key_label};
use crate::palette;
use crate::ui::widgets::{accent, centered, selected_style, truncate};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    match &app.modal {
        Modal::None => {}
        Modal::Help => help(frame, area, app),
        Modal::Palette(p) => {
            let staff = app.is_staff();
            let found = palette::matching_for(&p.input, staff, app.palette_has());
            let mut lines = vec![Line::from(vec![
                Span::styled(":", Style::new().fg(accent(app)).bold()),
                Span::raw(format!("{}▏", p.input)),
            ])];
            lines.extend(found.iter().enumerate().map(|(i, e)| {
                let text = format!(" {:<12} {}", e.name, e.help);
                if i == p.selected {
                    Line::styled(text, selected_style(app))
                } else {
                    Line::raw(text)
                }
            }));
            let h = lines.len() as u16 + 2;
            boxed(frame, centered(area, 60, h), " Commands ", lines, app);
        }
        Modal::Filter(text) => {
            let lines = vec![
                Line::raw(format!("/{text}▏")),
                Line::styled(
                    "Enter apply · Esc cancel · empty clears",
                    Style::new().fg(Color::DarkGray),
                ),
            ];
            boxed(frame, centered(area, 60, 4), " Filter tickets ", lines, app);
        }
        Modal::Confirm(c) => {
            let lines = vec![
                Line::styled(c.question.clone(), Style::new().bold()),
                Line::raw(""),
                Line::raw("y yes · n no"),
            ];
            boxed(frame, centered(area, 44, 5), " Are you sure? ", lines, app);
        }
        Modal::Assign(f) => assign(frame, area, app, f),
        Modal::Compose(c) => compose(frame, area, app, c),
        Modal::Form(d) => crate::ui::order_form::render(frame, area, app, d),
        Modal::Reject(f) => crate::ui::timesheets::reject(frame, area, app, f),
    }
}

pub(crate) fn boxed(frame: &mut Frame, rect: Rect, title: &str, lines: Vec<Line>, app: &App) {
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent(app)))
        .title(title.to_owned());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

fn help(frame: &mut Frame, area: Rect, app: &App) {
    let bindings = help_for(app);
    let lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(key_label).collect();
            Line::from(vec![
                Span::styled(
                    format!(" {:<14}", keys.join(" ")),
                    Style::new().fg(accent(app)).bold(),
                ),
                Span::raw(b.help),
            ])
        })
        .collect();
    let h = (lines.len() as u16 + 2).min(area.height);
    // Two columns when the list would not fit in one.
    let rect = centered(area, 96, h.max(3));
    if lines.len() + 2 > usize::from(area.height) && rect.width >= 80 {
        let half = lines.len().div_ceil(2);
        let right = lines[half..].to_vec();
        let left = lines[..half].to_vec();
        let rect = centered(area, 96, (half as u16 + 2).min(area.height));
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(accent(app)))
            .title(" Keys · Esc closes ");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(inner);
        frame.render_widget(Paragraph::new(left), l);
        frame.render_widget(Paragraph::new(right), r);
    } else {
        boxed(frame, rect, " Keys · Esc closes ", lines, app);
    }
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
        match &app.staff {
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
        Span::styled("Deadline: ", Style::new().fg(Color::Gray)),
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
    let h = lines.len() as u16 + 2;
    boxed(frame, centered(area, 60, h), title, lines, app);
}

fn compose(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(4).min(20),
    );
    frame.render_widget(Clear, rect);
    let (title, title_style) = match c.kind {
        ComposeKind::Reply { internal: true, .. } => (
            " Internal note (staff only) ",
            crate::ui::thread::internal_style(),
        ),
        ComposeKind::Reply { .. } => (" Reply ", Style::new().fg(accent(app)).bold()),
        ComposeKind::NewTicket => (" New ticket ", Style::new().fg(accent(app)).bold()),
    };
    let hint = if c.sending {
        " Sending… "
    } else {
        " ^S send · ^E $EDITOR · Esc cancel "
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent(app)))
        .title(Span::styled(title, title_style))
        .title_bottom(Line::from(hint).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let body_area = if c.kind == ComposeKind::NewTicket {
        let [subject, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
        let focused = c.focus == ComposeField::Subject;
        let style = if focused {
            selected_style(app)
        } else {
            Style::new().underlined()
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Subject: ", Style::new().fg(Color::Gray)),
                Span::styled(
                    format!("{}{}", c.subject, if focused { "▏" } else { "" }),
                    style,
                ),
            ])),
            subject,
        );
        body
    } else {
        inner
    };
    frame.render_widget(&c.body, body_area);
}
