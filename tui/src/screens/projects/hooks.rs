//! Projects and tasks as the shell sees them (see `shell::module`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::screens::projects::msg::{ProjectsEffect, ProjectsMsg};
use crate::screens::projects::{
    detail_view, effects, list_view, task, task_view, tasks_view, thread_view, update,
};
use crate::shell::model::{App, Screen};
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::{Cmd, Effect, Live};

pub struct Hooks;

impl Module for Hooks {
    type Msg = ProjectsMsg;
    type Effect = ProjectsEffect;

    fn answer(app: &mut App, msg: ProjectsMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: ProjectsEffect, rt: &Runtime) {
        rt.answer(effects::run(effect, rt.client.clone()));
    }

    fn open(app: &mut App, c: Cmd) -> Option<Vec<Effect>> {
        match c {
            Cmd::Projects => Some(update::open_projects(app)),
            Cmd::Tasks => Some(update::open_tasks(app)),
            _ => None,
        }
    }

    fn keys(app: &mut App, screen: Screen, c: Cmd) -> Vec<Effect> {
        match screen {
            Screen::Project => update::project_cmd(app, c),
            Screen::ProjectThread => update::thread_cmd(app, c),
            Screen::Tasks => update::tasks_cmd(app, c),
            Screen::Task => task::keys(app, c),
            _ => update::projects_cmd(app, c),
        }
    }

    fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
        match screen {
            Screen::Project => detail_view::render(frame, area, app),
            Screen::ProjectThread => thread_view::render(frame, area, app),
            Screen::Tasks => tasks_view::render(frame, area, app),
            Screen::Task => task_view::render(frame, area, app),
            _ => list_view::render(frame, area, app),
        }
    }

    fn max_scroll(app: &App, screen: Screen) -> usize {
        match screen {
            Screen::ProjectThread => thread_view::max_scroll(app),
            _ => 0,
        }
    }

    fn refresh(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }

    fn resync(app: &mut App) -> Vec<Effect> {
        update::refresh(app)
    }

    fn live(app: &mut App, l: &Live) -> Vec<Effect> {
        match l {
            Live::Projects => update::live(app),
            _ => vec![],
        }
    }
}
