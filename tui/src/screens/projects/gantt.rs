//! A project's timeline as a Gantt chart: one row per phase, a bar from
//! its first to its last day on a date axis that fits the width given,
//! today marked on every row. Pure: phases and a width in, lines out.

use jiff::civil::Date;
use portico_shared::{Phase, PhaseStatus};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::widgets::truncate;

/// The days from the first to the last date shown, spread over `width`
/// columns: day `i` of `days` takes columns `i*width/days` up to the next
/// day's first, so neighbouring phases never share a column.
#[derive(Debug, Clone, Copy)]
struct Axis {
    start: Date,
    days: i64,
    width: i64,
}

impl Axis {
    /// An axis from the earliest to the latest of the phases' dates and
    /// `today` (so the marker is always on it); `None` without phases.
    fn new(phases: &[Phase], today: Date, width: usize) -> Option<Axis> {
        let start = phases.iter().map(|p| p.start_date).min()?.min(today);
        let end = phases.iter().map(|p| p.end_date).max()?.max(today);
        Some(Axis {
            start,
            days: days_between(start, end) + 1,
            width: i64::try_from(width.max(1)).unwrap_or(1),
        })
    }

    /// The first column of day `d`.
    fn col(&self, d: Date) -> usize {
        let i = days_between(self.start, d).clamp(0, self.days - 1);
        usize::try_from(i * self.width / self.days).unwrap_or(0)
    }

    /// The last column of day `d` (at least its first).
    fn last_col(&self, d: Date) -> usize {
        let i = days_between(self.start, d).clamp(0, self.days - 1);
        let next = usize::try_from((i + 1) * self.width / self.days).unwrap_or(0);
        next.saturating_sub(1).max(self.col(d))
    }

    fn width(&self) -> usize {
        usize::try_from(self.width).unwrap_or(1)
    }
}

fn days_between(a: Date, b: Date) -> i64 {
    (b - a).get_days().into()
}

/// How a phase's bar looks: the glyph says its status without colour.
fn bar(status: PhaseStatus) -> (char, Style) {
    match status {
        PhaseStatus::Done => ('█', Style::new().fg(Color::Green)),
        PhaseStatus::Active => ('▓', Style::new().fg(Color::Yellow)),
        PhaseStatus::Planned => ('░', Style::new().fg(Color::Cyan)),
    }
}

const TODAY: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);

/// The chart in `width` columns: a month axis, a row per phase (name in
/// `label` columns, then its bar), and today's marker with the date.
pub fn lines(phases: &[Phase], today: Date, width: usize, label: usize) -> Vec<Line<'static>> {
    let bar_width = width.saturating_sub(label + 1).max(10);
    let Some(axis) = Axis::new(phases, today, bar_width) else {
        return vec![Line::from(" No phases on the timeline yet.")];
    };
    let now = axis.col(today);
    let pad = " ".repeat(label + 1);
    let mut out = vec![Line::from(vec![
        Span::raw(pad.clone()),
        Span::styled(months(&axis), Style::new().fg(Color::Gray)),
    ])];
    for p in phases {
        let (glyph, style) = bar(p.status);
        let (from, to) = (axis.col(p.start_date), axis.last_col(p.end_date));
        let cells: Vec<(char, Style)> = (0..axis.width())
            .map(|x| match x {
                x if (from..=to).contains(&x) => (glyph, style),
                x if x == now => ('│', TODAY),
                _ => (' ', Style::new()),
            })
            .collect();
        let name = if p.visible_to_client {
            p.name.clone()
        } else {
            format!("{} (internal)", p.name)
        };
        let mut spans = vec![Span::raw(format!("{:<label$} ", truncate(&name, label)))];
        spans.extend(runs(&cells));
        out.push(Line::from(spans));
    }
    out.push(Line::from(vec![
        Span::raw(pad),
        Span::styled(marker(&axis, now, today), TODAY),
    ]));
    out
}

/// `Nov    Dec    Jan`: each month's short name where the month begins,
/// when there is room for it.
fn months(axis: &Axis) -> String {
    let mut row = vec![' '; axis.width()];
    let mut d = axis.start.first_of_month();
    let last = axis
        .start
        .checked_add(jiff::Span::new().days(axis.days - 1))
        .unwrap_or(axis.start);
    while d <= last {
        let at = if d < axis.start { 0 } else { axis.col(d) };
        let name = d.strftime("%b").to_string();
        let free = at + name.len() < row.len()
            && row[at.saturating_sub(1)..(at + name.len() + 1).min(row.len())]
                .iter()
                .all(|c| *c == ' ');
        if free {
            for (i, c) in name.chars().enumerate() {
                row[at + i] = c;
            }
        }
        let Ok(next) = d.checked_add(jiff::Span::new().months(1)) else {
            break;
        };
        d = next;
    }
    row.into_iter().collect::<String>().trim_end().to_owned()
}

/// `▲ today 20 Nov` under today's column, turned to end there when it
/// would run off the right.
fn marker(axis: &Axis, now: usize, today: Date) -> String {
    let right = format!("▲ today {}", today.strftime("%d %b"));
    let left = format!("today {} ▲", today.strftime("%d %b"));
    let len = right.chars().count();
    if now + len <= axis.width() {
        format!("{}{right}", " ".repeat(now))
    } else {
        format!("{}{left}", " ".repeat((now + 1).saturating_sub(len)))
    }
}

/// Cells merged into spans of one style.
fn runs(cells: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = cells.first().map_or(Style::new(), |c| c.1);
    for &(c, s) in cells {
        if s != style {
            spans.push(Span::styled(std::mem::take(&mut text), style));
            style = s;
        }
        text.push(c);
    }
    spans.push(Span::styled(text, style));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(name: &str, from: &str, to: &str, status: PhaseStatus) -> Phase {
        Phase {
            id: 1,
            name: name.into(),
            start_date: from.parse().unwrap_or(Date::MIN),
            end_date: to.parse().unwrap_or(Date::MIN),
            status,
            visible_to_client: true,
            position: 0,
        }
    }

    #[test]
    fn neighbouring_phases_share_no_column_and_fill_the_width() {
        let phases = [
            phase("A", "2026-11-01", "2026-11-10", PhaseStatus::Done),
            phase("B", "2026-11-11", "2026-11-30", PhaseStatus::Active),
        ];
        let today: Date = "2026-11-15".parse().unwrap_or(Date::MIN);
        let axis = Axis::new(&phases, today, 60).unwrap_or(Axis {
            start: today,
            days: 1,
            width: 1,
        });
        let a_end = axis.last_col(phases[0].end_date);
        let b_start = axis.col(phases[1].start_date);
        assert_eq!(b_start, a_end + 1);
        assert_eq!(axis.col(phases[0].start_date), 0);
        assert_eq!(axis.last_col(phases[1].end_date), 59);
    }
}
