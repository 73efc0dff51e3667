//! Mail status (admins): loaded each time it is opened; the arrows scroll,
//! Esc goes back to Administration.

use crate::load::Load;
use crate::sanitize::line_in_place;
use crate::screens::mail::msg::{MailEffect, MailMsg};
use crate::shell::model::{App, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{failed, show};

pub(crate) fn answer(app: &mut App, msg: MailMsg) -> Vec<Effect> {
    let MailMsg::Status(r) = msg;
    app.session.mail.status = match r {
        Ok(mut s) => {
            // Addresses, subjects and errors come from strangers and SMTP servers.
            for m in &mut s.unsent {
                line_in_place(&mut m.to);
                line_in_place(&mut m.subject);
                if let Some(e) = &mut m.last_error {
                    line_in_place(e);
                }
            }
            for q in &mut s.quarantined {
                line_in_place(&mut q.sender);
                line_in_place(&mut q.subject);
                line_in_place(&mut q.reason);
            }
            Load::Ready(*s)
        }
        Err(f) => {
            let message = f.message.clone();
            failed(app, f, vec![]);
            Load::Failed(message)
        }
    };
    vec![]
}

fn fetch(app: &mut App) -> Vec<Effect> {
    let mail = &mut app.session.mail;
    mail.opened = true;
    if mail.status.ready().is_none() {
        mail.status = Load::Loading;
    }
    vec![Effect::Mail(MailEffect::Fetch)]
}

/// Shows the mail status (admins) and loads it.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    let why = "Mail status is for administrators.";
    if show(app, app.is_admin(), Screen::Mail, why) {
        app.session.mail.scroll = 0;
        return fetch(app);
    }
    vec![]
}

/// What `Retry` and a resync refresh.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    if app.session.mail.opened {
        return fetch(app);
    }
    vec![]
}

pub(crate) fn cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let scroll = &mut app.session.mail.scroll;
    match c {
        Cmd::Down => *scroll = scroll.saturating_add(1),
        Cmd::Up => *scroll = scroll.saturating_sub(1),
        Cmd::Top => *scroll = 0,
        Cmd::Back => app.screen = Screen::Admin,
        _ => app.dirty = false,
    }
    vec![]
}
