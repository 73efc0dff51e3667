//! The timesheet week: one row per entry, each worker's totals below, and
//! the reason asked for when rejecting an entry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

use portico_shared::{TimesheetEntry, TimesheetStatus};

use crate::screens::timesheets::{RejectForm, entry_status_label};
use crate::shell::model::App;
use crate::time;
use crate::widgets::dialog::boxed;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::{selected_style, truncate, wrap_lines};

const COLUMNS: &[Column] = &[
    column("", 1, 0, false),
    column("Day", 10, 0, false),
    column("Worker", 16, 0, false),
    column("Location", 14, 3, false),
    column("Time", 11, 0, false),
    column("Break", 5, 1, false),
    column("Worked", 6, 0, false),
    column("Status", 9, 0, false),
    flex_column("Reason / note", 24, 0),
];

/// Rows the totals may take at most, besides their border.
const TOTAL_ROWS: usize = 6;

pub fn entry_status_style(s: TimesheetStatus) -> Style {
    match s {
        TimesheetStatus::Draft => Style::new().fg(Color::Gray),
        TimesheetStatus::Submitted => Style::new().fg(Color::LightCyan),
        TimesheetStatus::Approved => Style::new().fg(Color::Green),
        TimesheetStatus::Rejected => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let w = &app.session.timesheets.week;
    let wanted = w.totals.len().clamp(1, TOTAL_ROWS) as u16 + 2;
    let totals_height = wanted.min(area.height / 3);
    // The selected entry's whole rejection reason, wrapped, above the totals.
    let reason: Vec<Line<'static>> = w
        .items
        .get(w.selected)
        .filter(|e| e.status == TimesheetStatus::Rejected)
        .and_then(|e| e.reason.clone())
        .map(|r| wrap_lines(vec![Line::raw(r)], area.width.saturating_sub(2)))
        .unwrap_or_default();
    let reason_height = match reason.len() {
        0 => 0,
        n => (n as u16 + 2).min(area.height / 4),
    };
    let [list, why, totals] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(reason_height),
        Constraint::Length(totals_height),
    ])
    .areas(area);
    if why.height > 0 {
        frame.render_widget(
            Paragraph::new(reason).block(Block::bordered().title(" Why it was rejected ")),
            why,
        );
    }
    table::render(
        frame,
        list,
        app,
        Listing {
            tabs: tab_line(app),
            columns: COLUMNS,
            rows: &w.rows,
            what: "timesheet entries this week",
        },
        |e, cols, width| entry_row(app, e, cols, width),
    );
    if totals.height > 0 {
        render_totals(frame, totals, app);
    }
}

fn tab_line(app: &App) -> Line<'static> {
    let w = &app.session.timesheets.week;
    let label = match (w.monday, w.sunday()) {
        (Some(from), Some(to)) => format!(
            "Week of {} – {} {}",
            time::day(from),
            time::day(to),
            to.year()
        ),
        _ => "This week".to_owned(),
    };
    let mut extra = vec![Span::styled(
        format!("  {} entries  ←/→ week", w.items.len()),
        Style::new().fg(Color::DarkGray),
    )];
    let waiting = w
        .items
        .iter()
        .filter(|e| e.status == TimesheetStatus::Submitted)
        .count();
    if app.approves_timesheets() && waiting > 0 {
        extra.push(Span::styled(
            format!("  {waiting} to approve"),
            entry_status_style(TimesheetStatus::Submitted),
        ));
    }
    if !w.marks.is_empty() {
        extra.push(Span::styled(
            format!("  {} marked", w.marks.len()),
            Style::new().fg(Color::Yellow),
        ));
    }
    let zones = w.items.iter().map(|e| e.location.timezone.as_str());
    table::tab_line(app, &[(table::zoned_tab(label, zones), true)], extra)
}

fn entry_row(app: &App, e: &TimesheetEntry, cols: &[usize], rest: usize) -> Row<'static> {
    let tz = e.location.timezone.as_str();
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(if app.session.timesheets.week.marks.contains(&e.id) {
            "●"
        } else {
            " "
        }),
        1 => Cell::from(time::day(e.date)),
        2 => Cell::from(truncate(&e.worker.name, 16)),
        3 => Cell::from(truncate(&e.location.name, 14)),
        4 => Cell::from(time::local_span(e.starts_at, e.ends_at, tz)),
        5 => Cell::from(format!("{}m", e.break_minutes)),
        6 => Cell::from(time::hours(e.worked_minutes)),
        7 => Cell::from(Span::styled(
            entry_status_label(e.status),
            entry_status_style(e.status),
        )),
        _ => {
            let text = match &e.reason {
                Some(r) if e.status == TimesheetStatus::Rejected => r.clone(),
                _ => e.note.lines().next().unwrap_or("").to_owned(),
            };
            Cell::from(truncate(&text, rest))
        }
    });
    Row::new(cells)
}

fn render_totals(frame: &mut Frame, area: Rect, app: &App) {
    let w = &app.session.timesheets.week;
    let rows = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = w
        .totals
        .iter()
        .take(rows)
        .map(|t| {
            Line::from(vec![
                Span::raw(format!(" {:<20}", truncate(&t.worker.name, 20))),
                Span::styled(
                    format!("{:>3} entries", t.entries),
                    Style::new().fg(Color::Gray),
                ),
                Span::raw(format!("  {:>6} worked", time::hours(t.worked_minutes))),
                Span::styled(
                    format!("  {:>6} approved", time::hours(t.approved_minutes)),
                    entry_status_style(TimesheetStatus::Approved),
                ),
            ])
        })
        .collect();
    if w.totals.len() > rows && rows > 0 {
        lines.truncate(rows - 1);
        lines.push(Line::styled(
            format!(" … and {} more", w.totals.len() - (rows - 1)),
            Style::new().fg(Color::DarkGray),
        ));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            " Nothing this week.",
            Style::new().fg(Color::DarkGray),
        ));
    }
    let title = if app.clocks() {
        " Your week "
    } else {
        " Totals per worker "
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        area,
    );
}

/// The reason asked for when rejecting an entry.
pub fn reject(frame: &mut Frame, area: Rect, app: &App, f: &RejectForm) {
    let mut lines = vec![
        Line::raw(format!(
            "{}'s entry of {}",
            truncate(&f.worker, 30),
            time::day(f.date)
        )),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Reason: ", Style::new().fg(Color::Gray)),
            Span::styled(format!("{}▏", f.reason), selected_style(app)),
        ]),
        Line::styled(
            "The worker sees it, fixes the entry and submits it again.",
            Style::new().fg(Color::DarkGray),
        ),
    ];
    if let Some(e) = &f.error {
        lines.push(Line::styled(format!("✗ {e}"), Style::new().fg(Color::Red)));
    }
    lines.push(Line::styled(
        if f.sending {
            "Sending…"
        } else {
            "Enter reject · Esc cancel"
        },
        Style::new().fg(Color::DarkGray),
    ));
    boxed(frame, area, 64, " Reject entry ", lines, app);
}
