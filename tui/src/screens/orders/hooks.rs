//! The orders as the shell sees them (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::orders::msg::{OrdersEffect, OrdersMsg};
use crate::screens::orders::update as orders;
use crate::screens::orders::{detail_view, effects, forms, list_view};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect, Live, Mouse};

pub struct Hooks;

impl Module for Hooks {
    type Msg = OrdersMsg;
    type Effect = OrdersEffect;

    fn answer(app: &mut App, msg: OrdersMsg) -> Vec<Effect> {
        orders::answer(app, msg)
    }

    fn run(effect: OrdersEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        match c {
            Cmd::Orders => Some(orders::open_list(app)),
            Cmd::NewOrder => Some(forms::new_order(app)),
            _ => None,
        }
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::Order => orders::order_cmd(app, c),
            _ => orders::list_cmd(app, c),
        }
    }

    fn mouse(app: &mut App, screen: Screen, m: Mouse) -> Option<Vec<Effect>> {
        let key = match m {
            Mouse::Click { row, column } if screen == Screen::Orders => {
                return Some(orders::click(app, row, column));
            }
            Mouse::Click { .. } => return None,
            Mouse::ScrollDown => Cmd::Down,
            Mouse::ScrollUp => Cmd::Up,
        };
        Some(Self::keys(app, screen, key))
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::Order => detail_view::render(frame, area, app),
            _ => list_view::render(frame, area, app),
        }
    }

    fn max_scroll(app: &App, screen: Screen) -> usize {
        if screen == Screen::Order {
            detail_view::max_scroll(app)
        } else {
            0
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        orders::refresh(app)
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        orders::refresh(app)
    }

    fn live(app: &mut App, l: &Live) -> Vec<Effect> {
        match l {
            Live::Order(ev) => orders::live(app, ev.as_ref().clone()),
            _ => vec![],
        }
    }

    fn resize(app: &mut App) {
        orders::keep_in_view(app);
    }
}
