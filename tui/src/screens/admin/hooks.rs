//! Administration as the shell sees it (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::admin::msg::{AdminEffect, AdminMsg};
use crate::screens::admin::{effects, update, view};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect};

pub struct Hooks;

impl Module for Hooks {
    type Msg = AdminMsg;
    type Effect = AdminEffect;

    fn answer(app: &mut App, msg: AdminMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: AdminEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::Admin).then(|| update::open(app))
    }

    fn keys(app: &mut App, _screen: Screen, c: Cmd) -> Vec<Effect> {
        update::admin_cmd(app, c)
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, _screen: Screen) {
        view::render(frame, area, app);
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }
}
