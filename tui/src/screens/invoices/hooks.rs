//! Invoices & quotes as the shell sees them (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::invoices::msg::{BillingEffect, BillingMsg};
use crate::screens::invoices::{detail_view, effects, list_view, update};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect};

pub struct Hooks;

impl Module for Hooks {
    type Msg = BillingMsg;
    type Effect = BillingEffect;

    fn answer(app: &mut App, msg: BillingMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: BillingEffect, rt: &Runtime) {
        rt.answer(effects::run(
            effect,
            rt.client.clone(),
            rt.downloads.clone(),
        ));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::Invoices).then(|| update::open(app))
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::BillingDoc => update::doc_cmd(app, c),
            _ => update::list_cmd(app, c),
        }
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::BillingDoc => detail_view::render(frame, area, app),
            _ => list_view::render(frame, area, app),
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }
}
