//! The sign-in screen, carrying the company's branding.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::load::Load;
use crate::screens::login::{LoginField, LoginMode};
use crate::shell::model::App;
use crate::widgets::{accent, centered, company, truncate};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let accent = accent(app);
    let form = &app.login;
    let mut lines: Vec<Line> = Vec::new();
    match &app.branding {
        Load::Ready(b) => {
            // The logo only when it fits: small terminals keep the form.
            let logo: Vec<&str> = b.logo.lines().collect();
            let logo_width = logo.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            if area.height >= 24 + logo.len() as u16 / 2
                && logo_width + 4 <= usize::from(area.width)
            {
                lines.extend(
                    logo.iter()
                        .map(|l| Line::styled(*l, Style::new().fg(accent))),
                );
            }
            lines.push(Line::styled(
                b.company_name.clone(),
                Style::new().fg(accent).bold(),
            ));
            lines.extend(b.welcome.lines().map(|l| Line::raw(l.to_owned())));
        }
        Load::Loading => lines.push(Line::raw("Loading…")),
        Load::Failed(e) => lines.push(Line::styled(
            format!("Cannot reach {}: {e} (^R retry)", app.server),
            Style::new().fg(Color::Red),
        )),
    }
    let width = area.width.saturating_sub(4).min(64);
    // Fields of one width so the centred form lines up.
    let field_width = usize::from(width).saturating_sub(16).min(36);
    let field = |label: &str, value: String, focused: bool| {
        let shown = truncate(&value, field_width.saturating_sub(1));
        let pad =
            field_width.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()) + 1);
        let style = if focused {
            Style::new().fg(Color::Black).bg(accent)
        } else {
            Style::new().underlined()
        };
        let cursor = if focused { "▏" } else { " " };
        Line::from(vec![
            Span::raw(format!("{label:>9}  ")),
            Span::styled(format!("{shown}{cursor}{}", " ".repeat(pad)), style),
        ])
    };
    lines.push(Line::raw(""));
    let masked = |s: &str| "•".repeat(s.chars().count());
    let joining = form.mode == LoginMode::Invite;
    for f in form.mode.fields() {
        let (label, value) = match f {
            LoginField::Email => ("E-mail", form.email.clone()),
            LoginField::Password => ("Password", masked(&form.password)),
            LoginField::Code => ("Code", form.code.clone()),
            LoginField::Repeat => ("Again", masked(&form.repeat)),
            LoginField::Totp => ("Code", form.totp.clone()),
        };
        lines.push(field(label, value, form.focus == *f));
    }
    lines.push(Line::raw(""));
    if form.busy {
        let doing = if joining {
            "Joining…"
        } else {
            "Signing in…"
        };
        lines.push(Line::styled(doing, Style::new().fg(Color::Yellow)));
    } else if let Some(e) = &form.error {
        lines.push(Line::styled(e.clone(), Style::new().fg(Color::Red)));
    } else {
        lines.push(Line::raw(""));
    }
    if joining {
        lines.push(Line::styled(
            "Your invite code and a new password of 10 characters or more",
            Style::new().fg(Color::Gray),
        ));
    } else if form.mode == LoginMode::SecondFactor {
        lines.push(Line::styled(
            "The 6-digit code your authenticator shows, or a recovery code",
            Style::new().fg(Color::Gray),
        ));
    } else if !form.demo.is_empty() {
        let a = &form.demo[form.demo_index];
        lines.push(Line::styled(
            format!("Demo: {} ({})", a.label, a.email),
            Style::new().fg(Color::Gray),
        ));
        lines.push(Line::styled(
            "F2 switches to the other demo account",
            Style::new().fg(Color::DarkGray),
        ));
    }
    let keys = match form.mode {
        LoginMode::Invite => "Enter join · Tab next field · F3 sign in instead · Esc quit",
        LoginMode::SecondFactor => "Enter sign in · F3 start again · Esc quit",
        LoginMode::Password => "Enter sign in · Tab next field · Esc quit",
    };
    lines.push(Line::styled(keys, Style::new().fg(Color::DarkGray)));
    if form.mode == LoginMode::Password {
        lines.push(Line::styled(
            "F3 I have an invite code",
            Style::new().fg(Color::DarkGray),
        ));
    }
    if let Some(b) = app.branding.ready() {
        lines.push(Line::styled(
            b.copyright.clone(),
            Style::new().fg(Color::DarkGray),
        ));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(accent))
        .title(if joining {
            format!(" Join {} ", company(app))
        } else {
            format!(" Sign in to {} ", company(app))
        })
        .title_bottom(Line::from(format!(" {} ", app.server)).right_aligned());
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .block(block),
        rect,
    );
}
