//! The mail status as the shell sees it (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::mail::msg::{MailEffect, MailMsg};
use crate::screens::mail::{effects, update, view};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect};

pub struct Hooks;

impl Module for Hooks {
    type Msg = MailMsg;
    type Effect = MailEffect;

    fn answer(app: &mut App, msg: MailMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: MailEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::MailStatus).then(|| update::open(app))
    }

    fn keys(app: &mut App, _screen: Screen, c: Cmd) -> Vec<Effect> {
        update::cmd(app, c)
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, _screen: Screen) {
        view::render(frame, area, app);
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }
}
