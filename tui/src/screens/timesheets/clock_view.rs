//! The worker's clock: the shift under way (or the next one today), its
//! state, and the keys that fit it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use portico_shared::{ClockAction, ClockStatus, ShiftState};

use crate::load::Load;
use crate::screens::timesheets::shift_state_label;
use crate::screens::timesheets::working_view::shift_state_style;
use crate::shell::model::App;
use crate::time;
use crate::widgets::{accent, wrap};

/// The clock actions that fit a shift in `state`.
pub fn fitting(state: ShiftState) -> &'static [ClockAction] {
    match state {
        ShiftState::Scheduled | ShiftState::Late | ShiftState::NoShow => &[ClockAction::In],
        ShiftState::ClockedIn => &[ClockAction::Break, ClockAction::Out],
        ShiftState::OnBreak => &[ClockAction::Resume, ClockAction::Out],
        ShiftState::ClockedOut => &[],
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let width = usize::from(area.width.saturating_sub(4)).max(10);
    let mut lines: Vec<Line> = Vec::new();
    let name = app.session.me.as_ref().map_or("", |m| m.user.name.as_str());
    lines.push(Line::styled(
        format!(" Hello, {name}"),
        Style::new().fg(accent(app)).bold(),
    ));
    lines.push(Line::raw(""));
    let mut fits: &[ClockAction] = &[];
    match &app.session.timesheets.clock.status {
        Load::Loading => lines.push(Line::raw(" Loading…")),
        Load::Failed(e) => lines.push(Line::styled(
            format!(" Could not load your clock: {e}  (^R retry)"),
            Style::new().fg(Color::Red),
        )),
        Load::Ready(status) => fits = shift_lines(&mut lines, status),
    }
    if let Some(why) = &app.session.timesheets.clock.refused {
        lines.push(Line::raw(""));
        for (i, l) in wrap(why, width.saturating_sub(11)).into_iter().enumerate() {
            let lead = if i == 0 {
                " ✗ Refused: "
            } else {
                "            "
            };
            lines.push(Line::styled(
                format!("{lead}{l}"),
                Style::new().fg(Color::Red).bold(),
            ));
        }
    }
    lines.push(Line::raw(""));
    if app.session.timesheets.clock.busy {
        lines.push(Line::styled(" Sending…", Style::new().fg(Color::Yellow)));
    } else {
        lines.push(keys_line(fits));
    }
    lines.push(Line::styled(
        " T: your week (submit entries) · ?: help",
        Style::new().fg(Color::DarkGray),
    ));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Your clock ")),
        area,
    );
}

/// The shift and the draft entry; answers the actions that fit.
fn shift_lines(lines: &mut Vec<Line<'static>>, status: &ClockStatus) -> &'static [ClockAction] {
    let Some(s) = &status.shift else {
        lines.push(Line::raw(" No shift under way or later today."));
        entry_line(lines, status);
        return &[];
    };
    let tz = s.location.timezone.as_str();
    lines.push(Line::from(vec![
        Span::styled(" Shift:  ", Style::new().fg(Color::Gray)),
        Span::raw(format!(
            "{} · {} {} ({tz})",
            s.location.name,
            time::day(s.date),
            time::local_span(s.starts_at, s.ends_at, tz)
        )),
    ]));
    lines.push(Line::from(vec![
        Span::styled(" State:  ", Style::new().fg(Color::Gray)),
        Span::styled(shift_state_label(s.state), shift_state_style(s.state)),
    ]));
    if let Some(t) = s.clocked_in_at {
        lines.push(Line::from(vec![
            Span::styled(" In:     ", Style::new().fg(Color::Gray)),
            Span::raw(time::local_hm(t, tz)),
        ]));
    }
    if s.break_minutes > 0 {
        lines.push(Line::from(vec![
            Span::styled(" Break:  ", Style::new().fg(Color::Gray)),
            Span::raw(format!("{}m", s.break_minutes)),
        ]));
    }
    if let Some(t) = s.clocked_out_at {
        lines.push(Line::from(vec![
            Span::styled(" Out:    ", Style::new().fg(Color::Gray)),
            Span::raw(time::local_hm(t, tz)),
        ]));
    }
    entry_line(lines, status);
    fitting(s.state)
}

fn entry_line(lines: &mut Vec<Line<'static>>, status: &ClockStatus) {
    if let Some(e) = &status.entry {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                " Draft entry written: {} worked ({}m break); submit it from your week (T).",
                time::hours(e.worked_minutes),
                e.break_minutes
            ),
            Style::new().fg(Color::Green),
        ));
    }
}

/// Every clock key; those that fit now stand out.
fn keys_line(fits: &[ClockAction]) -> Line<'static> {
    let keys = [
        (ClockAction::In, "i clock in"),
        (ClockAction::Break, "b break"),
        (ClockAction::Resume, "r resume"),
        (ClockAction::Out, "o clock out"),
    ];
    let mut spans = vec![Span::raw(" ")];
    for (i, (action, label)) in keys.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", Style::new().fg(Color::DarkGray)));
        }
        let style = if fits.contains(&action) {
            Style::new().bold()
        } else {
            Style::new().fg(Color::DarkGray)
        };
        spans.push(Span::styled(label, style));
    }
    Line::from(spans)
}
