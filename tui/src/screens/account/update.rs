//! The account screen: open it, move over the sessions and mail
//! categories, end a session, turn a kind of mail on or off.

use portico_shared::NotificationSetting;

use crate::load::Load;
use crate::sanitize;
use crate::screens::account::msg::{AccountEffect, AccountMsg};
use crate::shell::model::{App, Confirm, Modal, Notice, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info};
use crate::widgets::form::FormDraft;

pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Account;
    refresh(app)
}

pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    app.session.account.sessions = Load::Loading;
    vec![
        Effect::Account(AccountEffect::FetchSessions),
        Effect::Account(AccountEffect::FetchMail),
    ]
}

pub(crate) fn answer(app: &mut App, msg: AccountMsg) -> Vec<Effect> {
    match msg {
        AccountMsg::Sessions(Ok(mut sessions)) => {
            for s in &mut sessions {
                sanitize::line_in_place(&mut s.ip);
                sanitize::line_in_place(&mut s.user_agent);
            }
            let a = &mut app.session.account;
            a.sessions = Load::Ready(sessions);
            a.selected = a.selected.min(a.rows().saturating_sub(1));
            vec![]
        }
        AccountMsg::Sessions(Err(f)) => {
            app.session.account.sessions = Load::Failed(f.message.clone());
            failed(app, f, vec![])
        }
        AccountMsg::Ended(Ok(_)) => {
            info(app, "Signed that device out".into());
            refresh(app)
        }
        AccountMsg::Ended(Err(f)) => failed(app, f, vec![]),
        AccountMsg::Enrolment(Ok(mut e)) => {
            sanitize::line_in_place(&mut e.secret);
            // The QR code shows on the screen; `e` again asks for the code.
            app.session.account.enrolment = Some(e);
            vec![]
        }
        AccountMsg::Confirmed(Ok(codes)) => {
            app.session.account.enrolment = None;
            if let Some(me) = &mut app.session.me {
                me.two_factor = true;
                me.two_factor_required = false;
            }
            let mut lines = vec![
                "Keep these recovery codes somewhere safe: each signs you in once".to_owned(),
                "if your authenticator is lost. They are not shown again.".to_owned(),
                String::new(),
            ];
            lines.extend(
                codes
                    .codes
                    .iter()
                    .map(|c| format!("  {}", sanitize::line(c))),
            );
            app.modal = Modal::Notice(Notice {
                title: "Two-factor sign-in is on".into(),
                lines,
            });
            refresh(app)
        }
        AccountMsg::Enrolment(Err(f)) => failed(app, f, vec![]),
        AccountMsg::Confirmed(Err(f)) => {
            // A wrong code: the QR stays, and the code is asked again.
            app.modal = Modal::Form(Box::new(FormDraft::totp_code()));
            failed(app, f, vec![])
        }
        AccountMsg::Mail(Ok(mail)) => {
            app.session.account.mail = Load::Ready(mail);
            vec![]
        }
        AccountMsg::Mail(Err(f)) => {
            app.session.account.mail = Load::Failed(f.message.clone());
            failed(app, f, vec![])
        }
    }
}

pub(crate) fn account_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let a = &mut app.session.account;
    let n = a.rows();
    match c {
        Cmd::Down => a.selected = (a.selected + 1).min(n.saturating_sub(1)),
        Cmd::Up => a.selected = a.selected.saturating_sub(1),
        Cmd::EndSession => return end_session(app),
        Cmd::Enroll if app.session.me.as_ref().is_some_and(|m| m.two_factor) => {
            info(app, "Two-factor sign-in is already on.".into());
        }
        Cmd::Enroll if a.enrolment.is_some() => {
            app.modal = Modal::Form(Box::new(FormDraft::totp_code()));
        }
        Cmd::Enroll => return vec![Effect::Account(AccountEffect::Enroll)],
        Cmd::ToggleOption => return toggle_mail(app),
        _ => app.dirty = false,
    }
    vec![]
}

/// Turns the mail category under the cursor the other way.
fn toggle_mail(app: &mut App) -> Vec<Effect> {
    let Some(s) = app.session.account.current_mail() else {
        return vec![];
    };
    let change = NotificationSetting {
        category: s.category,
        enabled: !s.enabled,
    };
    let word = if change.enabled { "on" } else { "off" };
    info(app, format!("Mail about {} turned {word}", change.category));
    vec![Effect::Account(AccountEffect::SetMail(change))]
}

/// Ends the session under the cursor after asking; this device's own is
/// ended by signing out.
fn end_session(app: &mut App) -> Vec<Effect> {
    let Some(s) = app.session.account.current().cloned() else {
        return vec![];
    };
    if s.current {
        error(
            app,
            "This is the session you are using: sign out from the palette instead.".into(),
            vec![],
        );
        return vec![];
    }
    app.modal = Modal::Confirm(Confirm {
        question: format!("Sign out the device at {}?", s.ip),
        then: Pending::Run(vec![Effect::Account(AccountEffect::EndSession(s.id))]),
        back: None,
    });
    vec![]
}
