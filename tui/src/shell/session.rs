//! The signed-in account's lifetime in the model.

use portico_shared::TicketTab;

use crate::load::Load;
use crate::screens::login::LoginField;
use crate::screens::orders::OrderList;
use crate::screens::tickets::{Tab, TicketList};
use crate::screens::timesheets::{Board, ClockView, Week};
use crate::shell::model::{App, Modal, Screen};

/// Back to the login screen with a reason, forgetting the session's data.
pub fn signed_out(app: &mut App, why: &str) {
    app.me = None;
    app.screen = Screen::Login;
    app.detail = None;
    app.order = None;
    app.modal = Modal::None;
    app.list = TicketList::new(Tab::Client(TicketTab::Open));
    app.orders = OrderList::default();
    app.board = Board::default();
    app.week = Week::default();
    app.clock = ClockView::default();
    app.staff = Load::Loading;
    app.workers = Load::Loading;
    app.downloads.clear();
    app.live = crate::shell::model::LiveState::Off;
    app.login.busy = false;
    app.login.error = Some(why.to_owned());
    app.login.focus = if app.login.email.is_empty() {
        LoginField::Email
    } else {
        LoginField::Password
    };
}
