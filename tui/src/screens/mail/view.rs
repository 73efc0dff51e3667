//! The mail status: a line of counts, then the mail not sent (queued or
//! given up on, with the last error), then quarantined incoming mail, as
//! fixed columns that scroll together. Times in UTC, named so.

use portico_shared::{MailStatus, OutboxItem, OutboxState, QuarantinedMail};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::load::Load;
use crate::shell::model::App;
use crate::time;
use crate::widgets::truncate;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let mail = &app.session.mail;
    let status = match &mail.status {
        Load::Loading => {
            frame.render_widget(Paragraph::new(" Loading…"), area);
            return;
        }
        Load::Failed(e) => {
            frame.render_widget(
                Paragraph::new(format!(" Could not load the mail status: {e}  (^R retry)")),
                area,
            );
            return;
        }
        Load::Ready(s) => s,
    };
    let lines = lines(status, usize::from(area.width));
    frame.render_widget(Paragraph::new(lines).scroll((mail.scroll, 0)), area);
}

fn lines(s: &MailStatus, width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let head = Style::new()
        .fg(Color::Gray)
        .add_modifier(Modifier::UNDERLINED);
    let dim = Style::new().fg(Color::DarkGray);
    let mut out = vec![
        Line::styled(
            format!(
                " Mail is {}: {} queued · {} sent · {} failed · {} quarantined",
                if s.configured {
                    "configured"
                } else {
                    "not configured (no [smtp])"
                },
                s.queued,
                s.sent,
                s.failed,
                s.quarantined_count
            ),
            bold,
        ),
        Line::styled(
            " Times in UTC. Sent and given-up mail and quarantined mail are dropped after their keeping time.",
            dim,
        ),
        Line::raw(""),
        Line::styled(" Not sent (newest first)", bold),
    ];
    if s.unsent.is_empty() {
        out.push(Line::styled("   nothing waiting, nothing given up on", dim));
    } else {
        let head_cells = [
            ("ID", 6),
            ("STATE", 7),
            ("CATEGORY", 18),
            ("QUEUED", 17),
            ("TO", 26),
            ("TRIES", 6),
        ];
        out.push(Line::styled(
            row(&narrowed(&head_cells, width), "LAST ERROR", width),
            head,
        ));
        out.extend(s.unsent.iter().map(|m| outbox_line(m, width)));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        " Quarantined incoming mail (newest first)",
        bold,
    ));
    if s.quarantined.is_empty() {
        out.push(Line::styled("   none", dim));
    } else {
        out.push(Line::styled(
            row(
                &[("RECEIVED", 17), ("FROM", 28), ("SUBJECT", 30)],
                "WHY",
                width,
            ),
            head,
        ));
        out.extend(s.quarantined.iter().map(|q| quarantine_line(q, width)));
    }
    out
}

fn outbox_line(m: &OutboxItem, width: usize) -> Line<'static> {
    let (id, queued, tries) = (
        m.id.to_string(),
        time::short(m.created_at),
        m.attempts.to_string(),
    );
    let cells = [
        (id.as_str(), 6),
        (m.state.as_str(), 7),
        (m.category.as_str(), 18),
        (queued.as_str(), 17),
        (m.to.as_str(), 26),
        (tries.as_str(), 6),
    ];
    let text = row(
        &narrowed(&cells, width),
        m.last_error.as_deref().unwrap_or("-"),
        width,
    );
    match m.state {
        OutboxState::Failed => Line::styled(text, Style::new().fg(Color::Red)),
        _ => Line::raw(text),
    }
}

fn quarantine_line(q: &QuarantinedMail, width: usize) -> Line<'static> {
    Line::raw(row(
        &[
            (&time::short(q.received_at), 17),
            (&q.sender, 28),
            (&q.subject, 30),
        ],
        &q.reason,
        width,
    ))
}

/// The outbox's columns without QUEUED (the fourth) when the terminal is
/// too narrow for it and a bit of the error.
fn narrowed<'a>(cells: &[(&'a str, usize); 6], width: usize) -> Vec<(&'a str, usize)> {
    let mut cells = cells.to_vec();
    if width < 100 {
        cells.remove(3);
    }
    cells
}

/// Columns of fixed width (cut with `…`, padded), then `last` in what is
/// left of `width`.
fn row(cells: &[(&str, usize)], last: &str, width: usize) -> String {
    let mut out = String::from("   ");
    for (text, w) in cells {
        let cut = truncate(text, w - 1);
        let pad = w.saturating_sub(cut.width());
        out.push_str(&cut);
        out.push_str(&" ".repeat(pad));
    }
    let left = width.saturating_sub(out.width()).max(1);
    out.push_str(&truncate(last, left));
    out
}
