//! Pieces every view uses: the frame layout, header bar, status line, colours
//! and text helpers.

pub mod dialog;
pub mod for_whom;
pub mod form;
pub mod markdown;
pub mod table;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use portico_shared::{Priority, TicketStatus};

use crate::shell::model::{App, LiveState, Screen, StatusKind};

/// Used when the branding has no usable accent colour.
pub const DEFAULT_ACCENT: Color = Color::Cyan;

pub fn frame_layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The branding's `#rrggbb` accent.
pub fn accent(app: &App) -> Color {
    app.branding
        .ready()
        .and_then(|b| parse_hex(&b.accent))
        .unwrap_or(DEFAULT_ACCENT)
}

pub fn parse_hex(s: &str) -> Option<Color> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// The style of the row or item under the cursor: reverse video in the
/// accent colour, so it shows without colour too (NO_COLOR, monochrome
/// terminals, colour-blind eyes).
pub fn selected_style(app: &App) -> Style {
    Style::new()
        .fg(accent(app))
        .add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

pub fn company(app: &App) -> &str {
    app.branding
        .ready()
        .map_or("Portico", |b| b.company_name.as_str())
}

/// The header's tabs: `(label, short label, on)`.
fn header_tabs(app: &App) -> Vec<(&'static str, &'static str, bool)> {
    let mut tabs = vec![("Dashboard", "Home", app.screen == Screen::Dashboard)];
    if app.has_module(portico_shared::Module::Tickets) {
        let label = if app.is_staff() { "Inbox" } else { "Tickets" };
        let on = matches!(app.screen, Screen::Tickets | Screen::Detail);
        tabs.push((label, label, on));
    }
    if app.sees_orders() {
        let on = matches!(app.screen, Screen::Orders | Screen::Order);
        tabs.push(("Orders", "Orders", on));
    }
    if app.approves_timesheets() {
        tabs.push(("Who's working", "Working", app.screen == Screen::Working));
    }
    if app.clocks() {
        tabs.push(("Clock", "Clock", app.screen == Screen::Clock));
    }
    if app.sees_timesheets() {
        tabs.push(("Timesheets", "Time", app.screen == Screen::Timesheets));
    }
    if app.is_admin() {
        tabs.push(("Admin", "Admin", app.screen == Screen::Admin));
    }
    tabs
}

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let accent = accent(app);
    let tab = |label: &'static str, on: bool| {
        if on {
            Span::styled(
                format!(" {label} "),
                Style::new().bg(accent).fg(Color::Black).bold(),
            )
        } else {
            Span::raw(format!(" {label} "))
        }
    };
    let tabs = header_tabs(app);
    let company = Span::styled(
        format!(" {} ", company(app)),
        Style::new().fg(accent).bold(),
    );
    let live = match app.live {
        LiveState::Connected => Span::styled("● live", Style::new().fg(Color::Green)),
        LiveState::Connecting => Span::styled("○ reconnecting", Style::new().fg(Color::Yellow)),
        LiveState::Off => Span::raw(""),
    };
    let who = app.session.me.as_ref().map_or(String::new(), |m| {
        match &m.viewed_by {
            // The banner of a view: whose eyes, that nothing can change,
            // and the way back.
            Some(_) => format!(" VIEWING AS {} · read-only · V leaves ", m.user.name),
            None => format!("{} ({}) ", m.user.name, m.user.role),
        }
    });
    let who_style = if app.viewed_by().is_some() {
        Style::new().fg(Color::Yellow).bold()
    } else {
        Style::new().fg(Color::Gray)
    };
    // Short labels, then no company name, when the terminal is narrow.
    let right_width = who.width() + live.width() + 2;
    let full: usize = company.width() + tabs.iter().map(|(l, _, _)| l.width() + 2).sum::<usize>();
    let short: usize = tabs.iter().map(|(_, s, _)| s.width() + 2).sum();
    let room = usize::from(area.width).saturating_sub(right_width);
    let mut left = Vec::new();
    if full <= room || company.width() + short <= room {
        left.push(company);
    }
    let use_short = full > room;
    left.extend(
        tabs.iter()
            .map(|&(l, s, on)| tab(if use_short { s } else { l }, on)),
    );
    let used: usize = left.iter().map(|s| s.width()).sum();
    let gap = usize::from(area.width).saturating_sub(used + right_width);
    left.push(Span::raw(" ".repeat(gap)));
    left.push(live);
    left.push(Span::raw("  "));
    left.push(Span::styled(who, who_style));
    frame.render_widget(Paragraph::new(Line::from(left)).reversed(), area);
}

pub fn status_line(frame: &mut Frame, area: Rect, app: &App) {
    let line = match &app.status {
        Some(s) if s.kind == StatusKind::Error => {
            let retry = if s.retry.is_empty() { "" } else { "  ^R retry" };
            Line::from(vec![
                Span::styled(format!(" ✗ {}", s.text), Style::new().fg(Color::Red).bold()),
                Span::styled(retry, Style::new().fg(Color::Yellow)),
            ])
        }
        Some(s) => Line::from(Span::styled(
            format!(" {}", s.text),
            Style::new().fg(Color::Green),
        )),
        None => Line::from(Span::styled(
            " ? help  : commands  ^R refresh  q quit",
            Style::new().fg(Color::DarkGray),
        )),
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn status_style(s: TicketStatus) -> Style {
    match s {
        TicketStatus::New => Style::new().fg(Color::LightCyan),
        TicketStatus::Open => Style::new().fg(Color::Green),
        TicketStatus::Pending => Style::new().fg(Color::Yellow),
        TicketStatus::Resolved | TicketStatus::Closed => Style::new().fg(Color::DarkGray),
    }
}

pub fn priority_style(p: Priority) -> Style {
    match p {
        Priority::Low => Style::new().fg(Color::DarkGray),
        Priority::Normal => Style::new(),
        Priority::High => Style::new().fg(Color::LightRed),
        Priority::Urgent => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}

/// Cuts `s` to `width` columns, ending in `…` when cut.
/// The end of `s` that fits `width` columns, `…` first when cut: a
/// one-line input scrolls to keep its end (where typing happens) in view.
pub fn tail(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out.into_iter().rev().collect()
}

pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Wraps text at word boundaries into lines of at most `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ') {
            let w = word.width();
            if used > 0 && used + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            // A word longer than the line is split by characters.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// A rectangle of at most `w`×`h` centred in `area`.
/// Word-wraps styled lines to `width` columns, each character keeping its
/// style (a line's own style carries over to its continuation rows). Breaks
/// fall between words; a word longer than a row is split by characters.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
        let mut row: Vec<(char, Style)> = Vec::new();
        let mut used = 0;
        let mut rest = &cells[..];
        while let Some(&(first, _)) = rest.first() {
            let len = if first == ' ' {
                1
            } else {
                rest.iter()
                    .position(|(c, _)| *c == ' ')
                    .unwrap_or(rest.len())
            };
            let (token, after) = rest.split_at(len);
            rest = after;
            let w: usize = token.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
            if first == ' ' {
                // A space at a break is dropped: the next row starts with a word.
                if used < width {
                    row.push(token[0]);
                    used += 1;
                }
                continue;
            }
            if used > 0 && used + w > width {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            for &(c, st) in token {
                let cw = c.width().unwrap_or(0);
                if used > 0 && used + cw > width {
                    rows.push(std::mem::take(&mut row));
                    used = 0;
                }
                row.push((c, st));
                used += cw;
            }
        }
        rows.push(row);
        for row in rows {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, st) in row {
                match spans.last_mut() {
                    Some(last) if last.style == st => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), st)),
                }
            }
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn human_size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fits_its_columns() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(truncate("東京東京", 5), "東京…");
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 4), vec!["a", "", "b"]);
    }

    #[test]
    fn accents_parse() {
        assert_eq!(parse_hex("#ff8800"), Some(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_hex("red"), None);
        assert_eq!(parse_hex("#ff88"), None);
    }
}
