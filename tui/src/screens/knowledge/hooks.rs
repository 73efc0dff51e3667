//! The knowledge base as the shell sees it (see `shell::module`).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::knowledge::msg::{KnowledgeEffect, KnowledgeMsg};
use crate::screens::knowledge::{effects, update, view};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect};

pub struct Hooks;

impl Module for Hooks {
    type Msg = KnowledgeMsg;
    type Effect = KnowledgeEffect;

    fn answer(app: &mut App, msg: KnowledgeMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: KnowledgeEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        (c == Cmd::Knowledge).then(|| update::open(app))
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::Article => update::article_cmd(app, c),
            _ if app.session.knowledge.list.searching => update::search_cmd(app, c),
            _ => update::list_cmd(app, c),
        }
    }

    fn takes_text(app: &App, _screen: Screen) -> bool {
        update::takes_text(app)
    }

    fn text(app: &mut App, _screen: Screen, key: KeyEvent) -> Vec<Effect> {
        update::search_text(app, key)
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::Article => view::render_article(frame, area, app),
            _ => view::render_list(frame, area, app),
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }
}
