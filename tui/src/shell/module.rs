//! What a screen module gives the shell: its state in the Session, its
//! answers, its keys, its drawing and its work. The shell reaches every
//! module through this trait and the one list in `registry.rs`, so adding
//! a screen touches no other shell file.

use std::future::Future;
use std::path::PathBuf;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use tokio::sync::mpsc::UnboundedSender;

use crate::client::Client;
use crate::shell::model::{App, Screen};
use crate::shell::msg::{Action, Cmd, Effect, Live, Mouse};
use crate::shell::task::spawn;

/// One screen module (a folder under `screens/`), implemented by its `Hooks`.
/// Only `answer` and `run` are required; the rest default to doing nothing.
/// Its part of the Session is `model::State` in its folder.
pub trait Module {
    /// Answers of its background work, back to `answer`.
    type Msg: Into<Action>;
    /// Work for the runtime, done by `run`.
    type Effect;
    /// Takes an answer of its work.
    fn answer(app: &mut App, msg: Self::Msg) -> Vec<Effect>;

    /// Starts one of its effects; the answer comes back through `rt`.
    fn run(effect: Self::Effect, rt: &Runtime);

    /// Commands it takes on any screen (opening it, mostly); `None` when
    /// `c` is not one of them.
    fn open(_app: &mut App, _c: Cmd) -> Option<Vec<Effect>> {
        None
    }

    /// A key on one of its screens.
    fn keys(_app: &mut App, _screen: Screen, _c: Cmd) -> Vec<Effect> {
        vec![]
    }

    /// Whether one of its screens has a line being typed in (with no
    /// modal up): plain keys are then text, not commands.
    fn takes_text(_app: &App, _screen: Screen) -> bool {
        false
    }

    /// A key typed into that line.
    fn text(_app: &mut App, _screen: Screen, _key: KeyEvent) -> Vec<Effect> {
        vec![]
    }

    /// The mouse on one of its screens; `None` when it ignores it.
    fn mouse(_app: &mut App, _screen: Screen, _m: Mouse) -> Option<Vec<Effect>> {
        None
    }

    /// Draws one of its screens in `area`.
    fn render(_frame: &mut Frame, _area: Rect, _app: &App, _screen: Screen) {}

    /// How far the thread on one of its screens scrolls, for update.
    fn max_scroll(_app: &App, _screen: Screen) -> usize {
        0
    }

    /// Fetches again what one of its screens shows (the retry key).
    fn refresh(_app: &mut App) -> Vec<Effect> {
        vec![]
    }

    /// Fetches again after missed live events.
    fn resync(_app: &mut App) -> Vec<Effect> {
        vec![]
    }

    /// A live event; modules take the ones about their objects.
    fn live(_app: &mut App, _l: &Live) -> Vec<Effect> {
        vec![]
    }

    /// Time passed.
    fn tick(_app: &mut App) -> Vec<Effect> {
        vec![]
    }

    /// The terminal was resized.
    fn resize(_app: &mut App) {}
}

/// What a module's `run` may use: the signed-in client, the app's message
/// channel and the downloads folder.
pub struct Runtime {
    pub client: Client,
    pub tx: UnboundedSender<Action>,
    pub downloads: PathBuf,
}

impl Runtime {
    /// Runs `work` as a task; its answer comes back as an action.
    pub fn answer<M: Into<Action>>(&self, work: impl Future<Output = M> + Send + 'static) {
        spawn(self.tx.clone(), async move { work.await.into() });
    }
}
