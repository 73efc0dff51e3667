//! The tickets as the shell sees them (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use portico_shared::{Id, Module as Switch};

use crate::load::Load;
use crate::sanitize;
use crate::screens::thread::update as thread;
use crate::screens::tickets::msg::{TicketsEffect, TicketsMsg};
use crate::screens::tickets::update::{self as tickets};
use crate::screens::tickets::{Compose, ComposeKind, detail_view, effects, list_view};
use crate::shell::model::{App, Modal, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect, Live, Mouse};
use crate::shell::status::{error, info};

pub struct Hooks;

impl Module for Hooks {
    type Msg = TicketsMsg;
    type Effect = TicketsEffect;

    fn answer(app: &mut App, msg: TicketsMsg) -> Vec<Effect> {
        tickets::answer(app, msg)
    }

    fn run(effect: TicketsEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        Some(match c {
            Cmd::NewTicket if app.is_staff() => {
                // Staff say whom it is for: every organisation until they type.
                app.modal = Modal::Compose(Box::new(Compose::for_staff()));
                vec![Effect::Tickets(TicketsEffect::FetchOrgChoices(
                    String::new(),
                ))]
            }
            Cmd::NewTicket => {
                app.modal = Modal::Compose(Box::new(Compose::new(ComposeKind::NewTicket)));
                vec![]
            }
            Cmd::Tickets if !app.has_module(Switch::Tickets) => {
                error(
                    app,
                    "Tickets are not enabled for your account.".into(),
                    vec![],
                );
                vec![]
            }
            Cmd::Tickets => {
                app.screen = Screen::Tickets;
                vec![]
            }
            _ => return None,
        })
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::Detail => tickets::detail_cmd(app, c),
            _ => tickets::list_cmd(app, c),
        }
    }

    fn mouse(app: &mut App, screen: Screen, m: Mouse) -> Option<Vec<Effect>> {
        Some(match (screen, m) {
            (Screen::Tickets, Mouse::Click { row, column }) => tickets::click(app, row, column),
            (Screen::Tickets, Mouse::ScrollDown) => tickets::list_cmd(app, Cmd::Down),
            (Screen::Tickets, Mouse::ScrollUp) => tickets::list_cmd(app, Cmd::Up),
            (_, Mouse::ScrollDown) => tickets::detail_cmd(app, Cmd::Down),
            (_, Mouse::ScrollUp) => tickets::detail_cmd(app, Cmd::Up),
            _ => return None,
        })
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::Detail => detail_view::render(frame, area, app),
            _ => list_view::render(frame, area, app),
        }
    }

    fn max_scroll(app: &App, screen: Screen) -> usize {
        if screen == Screen::Detail {
            detail_view::max_scroll(app)
        } else {
            0
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        match app.screen {
            Screen::Detail => tickets::refetch_detail(app),
            _ => tickets::reload_list(app),
        }
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        let mut fx = tickets::reload_list(app);
        fx.extend(tickets::refetch_detail(app));
        fx
    }

    fn live(app: &mut App, l: &Live) -> Vec<Effect> {
        let Live::Event(ev) = l else {
            return vec![];
        };
        let ev = ev.as_ref().clone();
        let mut fx = vec![];
        let from_another = ev
            .message
            .as_ref()
            .is_some_and(|m| Some(m.author.id) != app.my_id());
        if let Some(m) = ev.message {
            fx.extend(thread::live_message(app, m));
        }
        if let Some(mut t) = ev.ticket {
            t.unread_count = unread_after_event(app, t.id, from_another);
            let new = ev.kind == "ticket.created";
            let (id, subject) = (t.id, sanitize::line(&t.subject));
            tickets::saved_ticket(app, t);
            if new {
                info(app, format!("New ticket #{id}: {subject}"));
            }
        }
        fx
    }

    fn resize(app: &mut App) {
        tickets::keep_in_view(app);
    }
}

/// A live event cannot know this person's unread count (it is sent to
/// everyone): keep the one already shown, plus one for another person's
/// message in a ticket that is not open here.
fn unread_after_event(app: &App, id: Id, from_another: bool) -> i64 {
    let mine = match &app.session.dashboard.mine {
        Load::Ready(mine) => mine.as_slice(),
        _ => &[],
    };
    let known = app
        .session
        .tickets
        .list
        .items
        .iter()
        .chain(mine)
        .find(|t| t.id == id)
        .map_or(0, |t| t.unread_count);
    let read_here = app.screen == Screen::Detail
        && app
            .session
            .tickets
            .detail
            .as_ref()
            .is_some_and(|d| d.id == id);
    if read_here {
        0
    } else {
        known + i64::from(from_another)
    }
}
