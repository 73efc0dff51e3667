//! The status line: a note that fades, or an error that stays with what
//! the retry key does again; a failed call that ended the session signs out.

use crate::failure::Failure;
use crate::screens::login::LoginField;
use crate::shell::model::{App, Status, StatusKind};
use crate::shell::model::{LiveState, Modal, Screen};
use crate::shell::msg::Effect;
use crate::shell::session::Session;

/// Ticks an info message stays.
const INFO_TICKS: u8 = 2;

pub fn info(app: &mut App, text: String) {
    app.status = Some(Status {
        text,
        kind: StatusKind::Info,
        retry: vec![],
        ticks_left: INFO_TICKS,
    });
}

pub fn error(app: &mut App, text: String, retry: Vec<Effect>) {
    app.status = Some(Status {
        text,
        kind: StatusKind::Error,
        retry,
        ticks_left: 0,
    });
}

/// A failed call: an ended session goes back to sign-in, the rest to the status line.
pub fn failed(app: &mut App, f: Failure, retry: Vec<Effect>) -> Vec<Effect> {
    if f.unauthorized && app.session.me.is_some() {
        signed_out(app, "Your session has ended; please sign in again.");
    } else {
        error(app, f.message, retry);
    }
    vec![]
}

/// Back to the login screen with a reason, the session dropped whole.
pub fn signed_out(app: &mut App, why: &str) {
    app.session = Session::default();
    app.screen = Screen::Login;
    app.modal = Modal::None;
    app.live = LiveState::Off;
    app.login.busy = false;
    app.login.error = Some(why.to_owned());
    app.login.focus = if app.login.email.is_empty() {
        LoginField::Email
    } else {
        LoginField::Password
    };
}

/// Shows `screen` when this person may see it (`allowed`); else says why
/// not (`refused`) on the status line and stays. Answers whether it shows.
pub fn show(app: &mut App, allowed: bool, screen: Screen, refused: &str) -> bool {
    if allowed {
        app.screen = screen;
    } else {
        error(app, refused.to_owned(), vec![]);
    }
    allowed
}
