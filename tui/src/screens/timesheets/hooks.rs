//! Timesheets as the shell sees them: Who's working, the week and the
//! worker's clock (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::timesheets::msg::{TimesheetsEffect, TimesheetsMsg};
use crate::screens::timesheets::update as timesheets;
use crate::screens::timesheets::{clock_view, effects, week_view, working_view};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect, Live, Mouse};

pub struct Hooks;

impl Module for Hooks {
    type Msg = TimesheetsMsg;
    type Effect = TimesheetsEffect;

    fn answer(app: &mut App, msg: TimesheetsMsg) -> Vec<Effect> {
        timesheets::answer(app, msg)
    }

    fn run(effect: TimesheetsEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        match c {
            Cmd::Working => Some(timesheets::open_working(app)),
            Cmd::Timesheets => Some(timesheets::open_week(app)),
            Cmd::ClockScreen => Some(timesheets::open_clock(app)),
            _ => None,
        }
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::Working => timesheets::working_cmd(app, c),
            Screen::Timesheets => timesheets::week_cmd(app, c),
            _ => timesheets::clock_cmd(app, c),
        }
    }

    fn mouse(app: &mut App, screen: Screen, m: Mouse) -> Option<Vec<Effect>> {
        let key = match m {
            _ if screen == Screen::Clock => return None,
            Mouse::ScrollDown => Cmd::Down,
            Mouse::ScrollUp => Cmd::Up,
            Mouse::Click { .. } => return None,
        };
        Some(Self::keys(app, screen, key))
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::Working => working_view::render(frame, area, app),
            Screen::Timesheets => week_view::render(frame, area, app),
            _ => clock_view::render(frame, area, app),
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        timesheets::refresh(app)
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        timesheets::refresh(app)
    }

    fn live(app: &mut App, l: &Live) -> Vec<Effect> {
        match l {
            Live::Shift(ev) => timesheets::live_shift(app, ev.as_ref().clone()),
            Live::Timesheet(ev) => timesheets::live_entry(app, ev.as_ref().clone()),
            _ => vec![],
        }
    }

    fn tick(app: &mut App) -> Vec<Effect> {
        timesheets::tick(app)
    }
}
