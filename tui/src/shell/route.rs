//! Routing to the screen modules, made from the list in `registry.rs`:
//! each function asks the module that owns the message, the effect or the
//! screen up, through its `Hooks`.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Action, Cmd, Effect, Live, Mouse};

macro_rules! routes {
    ($($name:ident: $folder:ident ($msg:ident, $fx:ident) [$($screen:ident),*]),* $(,)?) => {
        /// A module's answer goes to its `answer`; the shell's own come back.
        pub fn answer(app: &mut App, action: Action) -> Result<Vec<Effect>, Action> {
            match action {
                $(Action::$name(m) => Ok(<crate::screens::$folder::hooks::Hooks as Module>::answer(app, m)),)*
                other => Err(other),
            }
        }

        /// A module's effect goes to its `run`; the shell's own come back.
        pub fn run(effect: Effect, rt: &Runtime) -> Option<Effect> {
            match effect {
                $(Effect::$name(e) => {
                    <crate::screens::$folder::hooks::Hooks as Module>::run(e, rt);
                    None
                })*
                other => Some(other),
            }
        }

        /// The first module that takes `c` on any screen.
        pub fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
            $(if let Some(fx) = <crate::screens::$folder::hooks::Hooks as Module>::open(app, c) {
                return Some(fx);
            })*
            None
        }

        /// A key on the screen up, to the module that owns it.
        pub fn keys(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                return Some(<crate::screens::$folder::hooks::Hooks as Module>::keys(app, screen, c));
            })*
            None
        }

        /// Whether the screen up has a line being typed in.
        pub fn takes_text(app: &App) -> bool {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                return <crate::screens::$folder::hooks::Hooks as Module>::takes_text(app, screen);
            })*
            false
        }

        /// A key typed on the screen up, to the module that owns it.
        pub fn text(app: &mut App, key: KeyEvent) -> Vec<Effect> {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                return <crate::screens::$folder::hooks::Hooks as Module>::text(app, screen, key);
            })*
            vec![]
        }

        /// The mouse on the screen up, to the module that owns it.
        pub fn mouse(app: &mut App, m: Mouse) -> Option<Vec<Effect>> {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                return <crate::screens::$folder::hooks::Hooks as Module>::mouse(app, screen, m);
            })*
            None
        }

        /// Draws the screen up; answers whether a module drew it.
        pub fn render(frame: &mut Frame, area: Rect, app: &App) -> bool {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                <crate::screens::$folder::hooks::Hooks as Module>::render(frame, area, app, screen);
                return true;
            })*
            false
        }

        /// How far the thread on the screen up scrolls.
        pub fn max_scroll(app: &App) -> usize {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                return <crate::screens::$folder::hooks::Hooks as Module>::max_scroll(app, screen);
            })*
            0
        }

        /// The retry key on the screen up; `None` on the shell's own screens.
        pub fn refresh(app: &mut App) -> Option<Vec<Effect>> {
            let screen = app.screen;
            $(if [$(Screen::$screen),*].contains(&screen) {
                return Some(<crate::screens::$folder::hooks::Hooks as Module>::refresh(app));
            })*
            None
        }

        /// Every module fetches again after missed live events.
        pub fn resync(app: &mut App) -> Vec<Effect> {
            let mut fx = vec![];
            $(fx.extend(<crate::screens::$folder::hooks::Hooks as Module>::resync(app));)*
            fx
        }

        /// A live event, offered to every module.
        pub fn live(app: &mut App, l: &Live) -> Vec<Effect> {
            let mut fx = vec![];
            $(fx.extend(<crate::screens::$folder::hooks::Hooks as Module>::live(app, l));)*
            fx
        }

        /// Time passed, for every module.
        pub fn tick(app: &mut App) -> Vec<Effect> {
            let mut fx = vec![];
            $(fx.extend(<crate::screens::$folder::hooks::Hooks as Module>::tick(app));)*
            fx
        }

        /// The terminal was resized, for every module.
        pub fn resize(app: &mut App) {
            $(<crate::screens::$folder::hooks::Hooks as Module>::resize(app);)*
        }
    };
}

crate::shell::registry::screens!(routes);
