//! The week grid as the shell sees it (see `shell::module`).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::shifts::msg::{ShiftsEffect, ShiftsMsg};
use crate::screens::shifts::{effects, grid_view, update};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect, Live};

pub struct Hooks;

impl Module for Hooks {
    type Msg = ShiftsMsg;
    type Effect = ShiftsEffect;

    fn answer(app: &mut App, msg: ShiftsMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: ShiftsEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::ShiftWeek).then(|| update::open(app))
    }

    fn keys(app: &mut App, _screen: Screen, c: Cmd) -> Vec<Effect> {
        update::keys(app, c)
    }

    fn takes_text(app: &App, _screen: Screen) -> bool {
        update::typing(app)
    }

    fn text(app: &mut App, _screen: Screen, key: KeyEvent) -> Vec<Effect> {
        update::text(app, key)
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, _screen: Screen) {
        grid_view::render(frame, area, app);
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::fetch(app)
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        update::live_refresh(app, None)
    }

    fn live(app: &mut App, l: &Live) -> Vec<Effect> {
        match l {
            Live::Shift(ev) => update::live_refresh(app, Some(ev.shift.location.id)),
            _ => vec![],
        }
    }
}
