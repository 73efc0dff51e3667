//! The week grid: a title naming the location and its time zone, a column
//! per day with each shift as a block (its times on the location's clocks
//! and its worker), the selected shift spelled out underneath, and the
//! add/move draft over it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use portico_shared::{Shift, ShiftState};

use crate::load::Load;
use crate::screens::shifts::update::zone;
use crate::screens::shifts::{Draft, DraftField, State, location_of};
use crate::shell::model::App;
use crate::time;
use crate::widgets::dialog::boxed;
use crate::widgets::{selected_style, truncate};

/// The widest times a block shows on one line: `08:00–16:00`.
const SPAN_WIDTH: usize = 11;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.session.shifts;
    let [title, heads, grid, detail, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_title(frame, title, app, s);
    let Some(monday) = s.monday else {
        return;
    };
    let cols = Layout::horizontal([Constraint::Ratio(1, 7); 7]).split(heads);
    let today = app.now.to_zoned(portico_shared::zone(&zone(app))).date();
    for (i, col) in cols.iter().enumerate() {
        let date = monday
            .checked_add(jiff::Span::new().days(i as i64))
            .unwrap_or(monday);
        let mut style = Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD);
        if date == today {
            style = style.fg(Color::Yellow);
        }
        if i == s.day {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        let label = truncate(&time::day(date), usize::from(col.width.saturating_sub(1)));
        frame.render_widget(Paragraph::new(Line::styled(label, style)), *col);
    }
    match &s.shifts {
        Load::Loading => frame.render_widget(Paragraph::new(" Loading…"), grid),
        Load::Failed(e) => frame.render_widget(
            Paragraph::new(format!(" Could not load the shifts: {e}  (^R retry)")),
            grid,
        ),
        Load::Ready(_) => {
            let cols = Layout::horizontal([Constraint::Ratio(1, 7); 7]).split(grid);
            for (i, col) in cols.iter().enumerate() {
                render_day(frame, *col, app, s, i);
            }
        }
    }
    let about = s.current().map_or_else(String::new, describe);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&about, usize::from(area.width)),
            Style::new().fg(Color::Gray),
        )),
        detail,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            " ←→ day · ↑↓ shift · [ ] week · Tab place · a add · m move · d cancel · ? help",
            Style::new().fg(Color::DarkGray),
        )),
        foot,
    );
    if let Some(d) = &s.draft {
        render_draft(frame, area, app, d);
    }
}

fn render_title(frame: &mut Frame, area: Rect, app: &App, s: &State) {
    let locations = app.session.me.as_ref().map_or(&[][..], |m| &m.locations);
    let place = location_of(locations, s.location).map_or("-", |l| l.name.as_str());
    let week = s
        .monday
        .map_or_else(String::new, |m| m.strftime("%d %b %Y").to_string());
    let count = s.shifts.ready().map_or(0, Vec::len);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" Shifts at {place}"),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" · week of {week} · {count} shifts · ")),
            Span::styled(
                format!("times in {}", time::zone_name(&zone(app))),
                Style::new().fg(Color::Cyan),
            ),
        ])),
        area,
    );
}

/// One day's shifts as blocks: the times, the worker, the state; what
/// does not fit is counted at the bottom.
fn render_day(frame: &mut Frame, area: Rect, app: &App, s: &State, day: usize) {
    let shifts = s.day_shifts(day);
    let width = usize::from(area.width.saturating_sub(1));
    // At 80 columns a day is 10 wide: the start and the end on lines of
    // their own, so neither is cut.
    let narrow = width < SPAN_WIDTH;
    let block = if narrow { 4 } else { 3 };
    let fit = usize::from(area.height / block).max(1);
    // The selected block stays in view.
    let first = if day == s.day {
        s.row.saturating_sub(fit - 1)
    } else {
        0
    };
    let shown = if shifts.len() - first.min(shifts.len()) > fit {
        fit.saturating_sub(1)
    } else {
        fit
    };
    let mut lines = Vec::new();
    for (i, shift) in shifts.iter().enumerate().skip(first).take(shown) {
        let tz = &shift.location.timezone;
        let selected = day == s.day && i == s.row;
        let style = if selected {
            selected_style(app)
        } else {
            state_style(shift.state)
        };
        if narrow {
            let from = format!("{}–", time::local_hm(shift.starts_at, tz));
            lines.push(Line::styled(pad(&from, width), style));
            let to = format!(" {}", time::local_hm(shift.ends_at, tz));
            lines.push(Line::styled(pad(&to, width), style));
        } else {
            let span = time::local_span(shift.starts_at, shift.ends_at, tz);
            lines.push(Line::styled(pad(&span, width), style));
        }
        lines.push(Line::styled(pad(&shift.worker.name, width), style));
        lines.push(Line::styled(
            truncate(state_label(shift.state), width),
            Style::new().fg(Color::DarkGray),
        ));
    }
    let hidden = shifts.len().saturating_sub(first + shown);
    if hidden > 0 {
        lines.push(Line::styled(
            truncate(&format!("+{hidden} more ↓"), width),
            Style::new().fg(Color::Yellow),
        ));
    }
    if shifts.is_empty() && day == s.day {
        lines.push(Line::styled(
            truncate("(none) a adds", width),
            Style::new().fg(Color::DarkGray),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `s` cut or padded to `width` cells, so a selected block reads as one.
fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

fn state_label(s: ShiftState) -> &'static str {
    match s {
        ShiftState::Scheduled => "scheduled",
        ShiftState::Late => "late",
        ShiftState::ClockedIn => "working",
        ShiftState::OnBreak => "on break",
        ShiftState::ClockedOut => "done",
        ShiftState::NoShow => "no-show",
    }
}

fn state_style(s: ShiftState) -> Style {
    match s {
        ShiftState::Scheduled => Style::new(),
        ShiftState::Late | ShiftState::NoShow => Style::new().fg(Color::Red),
        ShiftState::ClockedIn | ShiftState::OnBreak => Style::new().fg(Color::Green),
        ShiftState::ClockedOut => Style::new().fg(Color::DarkGray),
    }
}

/// The selected shift in words.
fn describe(s: &Shift) -> String {
    let tz = &s.location.timezone;
    let order = s
        .order
        .as_ref()
        .map_or(String::new(), |o| format!(" · {}", o.reference));
    format!(
        " #{} {} · {} {} ({}) · {}{order}",
        s.id,
        s.worker.name,
        time::day(s.date),
        time::local_span(s.starts_at, s.ends_at, tz),
        time::zone_name(tz),
        state_label(s.state),
    )
}

fn render_draft(frame: &mut Frame, area: Rect, app: &App, d: &Draft) {
    let zone_name = time::zone_name(&zone(app));
    let row = |f: DraftField, label: &str, value: String| {
        let typing = d.focus == f && f != DraftField::Worker;
        let style = if d.focus == f {
            selected_style(app)
        } else {
            Style::new()
        };
        let text = if typing { format!("{value}▏") } else { value };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{label:<10}"), Style::new().fg(Color::Gray)),
            Span::styled(text, style),
        ])];
        if let Some(e) = d.error(f) {
            lines.push(Line::styled(
                format!("  ✗ {e}"),
                Style::new().fg(Color::Red),
            ));
        }
        lines
    };
    let worker = d.workers.get(d.worker).map_or("-", |w| w.name.as_str());
    let worker = if d.moving.is_some() {
        worker.to_owned()
    } else {
        format!("{worker}  ↑/↓ ({} of {})", d.worker + 1, d.workers.len())
    };
    let mut lines = Vec::new();
    lines.extend(row(DraftField::Worker, "Worker", worker));
    lines.extend(row(DraftField::Day, "Day", d.day.clone()));
    lines.extend(row(DraftField::Start, "Start", d.start.clone()));
    lines.extend(row(DraftField::End, "End", d.end.clone()));
    lines.push(Line::styled(
        format!("Times on the clocks of {zone_name}; an end before the start is the next morning."),
        Style::new().fg(Color::DarkGray),
    ));
    if let Some(e) = &d.error {
        lines.push(Line::styled(
            format!("✗ {e}"),
            Style::new().fg(Color::Red).bold(),
        ));
    }
    lines.push(Line::styled(
        if d.sending {
            "Sending…"
        } else {
            "Tab next · Enter save · Esc cancel"
        },
        Style::new().fg(Color::DarkGray),
    ));
    let title = if d.moving.is_some() {
        " Move the shift "
    } else {
        " Add a shift "
    };
    boxed(frame, area, 60, title, lines, app);
}
