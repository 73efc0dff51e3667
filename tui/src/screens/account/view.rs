//! The account screen: two-factor sign-in, a line per session, and a line
//! per kind of mail I may get.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::load::Load;
use crate::shell::model::App;
use crate::time;
use crate::widgets::{selected_style, truncate};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let two_factor = app.session.me.as_ref().is_some_and(|m| m.two_factor);
    let mut lines = vec![
        Line::from(vec![
            Span::raw(" Two-factor sign-in: "),
            if two_factor {
                Span::styled("on", Style::new().fg(Color::Green).bold())
            } else {
                Span::styled("off (e turns it on)", Style::new().fg(Color::Yellow))
            },
        ]),
        Line::raw(""),
    ];
    if let Some(e) = &app.session.account.enrolment {
        lines.extend(enrolment(e));
    }
    lines.extend([Line::styled(
        format!(
            " {:<16} {:<16} {:<16} {}",
            "Signed in (UTC)", "Until (UTC)", "From", "Device"
        ),
        Style::new().fg(Color::Gray).underlined(),
    )]);
    let a = &app.session.account;
    match &a.sessions {
        Load::Loading => lines.push(Line::raw(" Loading…")),
        Load::Failed(e) => lines.push(Line::raw(format!(
            " Could not load your sessions: {e}  (^R retry)"
        ))),
        Load::Ready(sessions) => {
            let device_width = usize::from(area.width).saturating_sub(54);
            for (i, s) in sessions.iter().enumerate() {
                let this = if s.current { "  ← this one" } else { "" };
                let text = format!(
                    " {:<16} {:<16} {:<16} {}{this}",
                    time::short(s.created_at),
                    time::short(s.expires_at),
                    truncate(&s.ip, 16),
                    truncate(&s.user_agent, device_width.saturating_sub(this.len()))
                );
                let line = Line::raw(text);
                lines.push(if i == a.selected {
                    line.style(selected_style(app))
                } else {
                    line
                });
            }
        }
    }
    mail_lines(app, &mut lines);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The enrolment under way: the QR code of its `otpauth://` address, the
/// secret to type instead, and what to do next.
fn enrolment(e: &portico_shared::TotpEnrollment) -> Vec<Line<'static>> {
    // The words first: a short terminal cuts the code's foot, not them.
    let mut lines = vec![
        Line::raw(" Scan this with your authenticator app, or type the secret into it:"),
        Line::styled(format!(" Secret: {}", e.secret), Style::new().bold()),
        Line::styled(
            " Then press e and type the code it shows.",
            Style::new().fg(Color::Yellow),
        ),
    ];
    if let Ok(code) = qrcode::QrCode::new(e.otpauth_url.as_bytes()) {
        let drawn = code
            .render::<qrcode::render::unicode::Dense1x2>()
            .quiet_zone(true)
            .build();
        lines.extend(drawn.lines().map(|l| Line::raw(format!(" {l}"))));
    }
    lines.push(Line::raw(""));
    lines
}

/// "Mail you get": one line per category, on or off; the cursor goes on
/// from the sessions into them.
fn mail_lines(app: &App, lines: &mut Vec<Line<'static>>) {
    let a = &app.session.account;
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Mail you get (space turns the one under the cursor on or off)",
        Style::new().fg(Color::Gray).underlined(),
    ));
    let mail = match &a.mail {
        Load::Loading => return lines.push(Line::raw(" Loading…")),
        Load::Failed(e) => {
            return lines.push(Line::raw(format!(
                " Could not load your mail settings: {e}  (^R retry)"
            )));
        }
        Load::Ready(mail) => mail,
    };
    if mail.settings.is_empty() {
        lines.push(Line::raw(" No mail is sent to people of your role."));
    }
    let first = a.sessions.ready().map_or(0, Vec::len);
    for (i, s) in mail.settings.iter().enumerate() {
        let line = Line::raw(format!(
            " [{}] {:<14} {}",
            if s.enabled { "x" } else { " " },
            s.category.as_str(),
            s.category.describe()
        ));
        lines.push(if first + i == a.selected {
            line.style(selected_style(app))
        } else {
            line
        });
    }
    if !mail.mail_configured {
        lines.push(Line::styled(
            " This server sends no mail yet; your choices are kept for when it does.",
            Style::new().fg(Color::Yellow),
        ));
    }
}
