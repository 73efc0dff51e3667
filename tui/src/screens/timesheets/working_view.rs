//! Who's working: one row per shift today at the viewer's locations, its
//! state coloured, its times at the location.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use portico_shared::{Shift, ShiftState};

use crate::screens::timesheets::shift_state_label;
use crate::shell::model::App;
use crate::time;
use crate::widgets::table::{self, Column, Listing, column, flex_column};
use crate::widgets::truncate;

const COLUMNS: &[Column] = &[
    column("Worker", 18, 0, false),
    column("Location", 16, 0, false),
    column("Organisation", 16, 5, true),
    column("Shift", 11, 0, false),
    column("State", 11, 0, false),
    column("In", 5, 2, false),
    column("Out", 5, 3, false),
    column("Break", 5, 1, false),
    flex_column("Order", 16, 4),
];

/// Late and no-show warn; on a break and clocked in each have their colour.
pub fn shift_state_style(s: ShiftState) -> Style {
    match s {
        ShiftState::Scheduled => Style::new().fg(Color::Gray),
        ShiftState::Late => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ShiftState::ClockedIn => Style::new().fg(Color::Green),
        ShiftState::OnBreak => Style::new().fg(Color::LightBlue),
        ShiftState::ClockedOut => Style::new().fg(Color::DarkGray),
        ShiftState::NoShow => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let b = &app.session.timesheets.board;
    table::render(
        frame,
        area,
        app,
        Listing {
            tabs: tab_line(app),
            columns: COLUMNS,
            rows: &b.rows,
            what: "shifts today",
        },
        shift_row,
    );
}

fn tab_line(app: &App) -> Line<'static> {
    let b = &app.session.timesheets.board;
    let mut extra = vec![table::count_span(b.items.len(), false, "shifts")];
    for state in [
        ShiftState::ClockedIn,
        ShiftState::OnBreak,
        ShiftState::Late,
        ShiftState::NoShow,
    ] {
        let n = b.count(state);
        if n > 0 {
            extra.push(Span::styled(
                format!("  {n} {}", shift_state_label(state)),
                shift_state_style(state),
            ));
        }
    }
    extra.push(Span::styled(
        format!(
            "  location: {}",
            truncate(&crate::shell::model::location_name(app, b.location), 24)
        ),
        if b.location.is_some() {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().fg(Color::DarkGray)
        },
    ));
    let zones = b.items.iter().map(|s| s.location.timezone.as_str());
    let label = table::zoned_tab("Who's working · today".to_owned(), zones);
    table::tab_line(app, &[(label, true)], extra)
}

fn shift_row(s: &Shift, cols: &[usize], order_width: usize) -> Row<'static> {
    let tz = s.location.timezone.as_str();
    let at = |t: Option<portico_shared::Timestamp>| {
        t.map_or("—".to_owned(), |t| time::local_hm(t, tz))
    };
    let cells = cols.iter().map(|&i| match i {
        0 => Cell::from(truncate(&s.worker.name, 18)),
        1 => Cell::from(truncate(&s.location.name, 16)),
        2 => Cell::from(
            s.organization
                .as_ref()
                .map_or(String::new(), |o| truncate(&o.name, 16)),
        ),
        3 => Cell::from(time::local_span(s.starts_at, s.ends_at, tz)),
        4 => Cell::from(Span::styled(
            shift_state_label(s.state),
            shift_state_style(s.state),
        )),
        5 => Cell::from(at(s.clocked_in_at)),
        6 => Cell::from(at(s.clocked_out_at)),
        7 => Cell::from(if s.break_minutes > 0 {
            format!("{}m", s.break_minutes)
        } else {
            "—".to_owned()
        }),
        _ => Cell::from(
            s.order
                .as_ref()
                .map_or(String::new(), |o| truncate(&o.reference, order_width)),
        ),
    });
    Row::new(cells)
}
