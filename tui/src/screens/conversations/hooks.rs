//! Standalone threads as the shell sees them (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::conversations::msg::{ConversationsEffect, ConversationsMsg};
use crate::screens::conversations::{effects, update, view};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect, Live};

pub struct Hooks;

impl Module for Hooks {
    type Msg = ConversationsMsg;
    type Effect = ConversationsEffect;

    fn answer(app: &mut App, msg: ConversationsMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: ConversationsEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::Conversations).then(|| update::open_list(app))
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::Conversation => update::thread_cmd(app, c),
            _ => update::list_cmd(app, c),
        }
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::Conversation => view::render_thread(frame, area, app),
            _ => view::render_list(frame, area, app),
        }
    }

    fn max_scroll(app: &App, screen: Screen) -> usize {
        if screen == Screen::Conversation {
            view::max_scroll(app)
        } else {
            0
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }

    fn live(app: &mut App, l: &Live) -> Vec<Effect> {
        match l {
            Live::Conversation(ev) => update::live(app, ev.as_ref().clone()),
            _ => vec![],
        }
    }
}
