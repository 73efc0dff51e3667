//! The order forms as the shell sees it (see `shell::module`).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::forms::msg::{FormsEffect, FormsMsg};
use crate::screens::forms::{editor_view, effects, list_view, update};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect};

pub struct Hooks;

impl Module for Hooks {
    type Msg = FormsMsg;
    type Effect = FormsEffect;

    fn answer(app: &mut App, msg: FormsMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: FormsEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::OrderForms).then(|| update::open(app))
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::OrderFormEdit => update::editor_cmd(app, c),
            _ => update::list_cmd(app, c),
        }
    }

    fn takes_text(app: &App, screen: Screen) -> bool {
        update::typing(app, screen)
    }

    fn text(app: &mut App, screen: Screen, key: KeyEvent) -> Vec<Effect> {
        update::text(app, screen, key)
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::OrderFormEdit => editor_view::render(frame, area, app),
            _ => list_view::render(frame, area, app),
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }
}
