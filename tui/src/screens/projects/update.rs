//! Projects and tasks: the project list, one project's timeline and tasks,
//! the task list (mine / all), and marking a task done with one key.

use portico_shared::{Module, Page, Project, ProjectDetail, Task};

use crate::failure::Outcome;
use crate::list::Paged;
use crate::load::Load;
use crate::sanitize;
use crate::screens::projects::msg::{ProjectsEffect, ProjectsMsg};
use crate::screens::projects::{ProjectList, ProjectView, TaskList, task};
use crate::screens::thread::msg::ThreadEffect;
use crate::screens::thread::update as thread;
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{failed, info, show};

/// Answers of the project and task calls.
pub(crate) fn answer(app: &mut App, msg: ProjectsMsg) -> Vec<Effect> {
    match msg {
        ProjectsMsg::Projects {
            generation,
            append,
            result,
        } => {
            let retry = projects_request(&app.session.projects.list, generation, append);
            let rows = page_rows(app);
            let result = result.map(|mut p| {
                p.items.iter_mut().for_each(sanitize::project);
                p
            });
            arrived(app, rows, generation, append, result, retry, |s| {
                &mut s.projects.list.rows
            })
        }
        ProjectsMsg::Tasks {
            generation,
            append,
            result,
        } => {
            let retry = tasks_request(&app.session.projects.tasks, generation, append);
            let rows = page_rows(app);
            let result = result.map(|mut p| {
                p.items.iter_mut().for_each(sanitize::task);
                p
            });
            arrived(app, rows, generation, append, result, retry, |s| {
                &mut s.projects.tasks.rows
            })
        }
        ProjectsMsg::Project(r) => match r {
            Ok(mut d) => {
                sanitize::project_detail(&mut d);
                shown(app, *d);
                vec![]
            }
            Err(f) => {
                let mut retry = vec![];
                if let Some(v) = &mut app.session.projects.view {
                    v.detail = Load::Failed(f.message.clone());
                    retry.push(Effect::Projects(ProjectsEffect::FetchProject(v.id())));
                }
                failed(app, f, retry)
            }
        },
        ProjectsMsg::TaskDone(r) => match r {
            Ok(mut t) => {
                sanitize::task(&mut t);
                info(app, format!("Done: {}", t.title));
                task_saved(app, *t)
            }
            Err(f) => failed(app, f, vec![]),
        },
        ProjectsMsg::Task(r) => task::arrived(app, r),
        ProjectsMsg::HandedOver(r) => task::handed_over(app, r),
    }
}

/// A page of one of the lists arrived: merged if it answers the latest load.
fn arrived<T: crate::list::Row>(
    app: &mut App,
    rows: usize,
    generation: u64,
    append: bool,
    result: Outcome<Page<T>>,
    retry: Effect,
    list: impl Fn(&mut crate::shell::session::Session) -> &mut Paged<T>,
) -> Vec<Effect> {
    let l = list(&mut app.session);
    if !l.answered(generation) {
        app.dirty = false;
        return vec![];
    }
    match result {
        Ok(page) => {
            l.arrived(page.items, page.next_cursor, append, rows);
            vec![]
        }
        Err(f) => {
            l.error = Some(f.message.clone());
            failed(app, f, vec![retry])
        }
    }
}

fn projects_request(list: &ProjectList, generation: u64, append: bool) -> Effect {
    let query = portico_shared::ProjectQuery {
        cursor: list.cursor_for(append),
        ..list.query()
    };
    Effect::Projects(ProjectsEffect::FetchProjects {
        generation,
        append,
        query,
    })
}

fn tasks_request(list: &TaskList, generation: u64, append: bool) -> Effect {
    let query = portico_shared::TaskQuery {
        cursor: list.cursor_for(append),
        ..list.query()
    };
    Effect::Projects(ProjectsEffect::FetchTasks {
        generation,
        append,
        query,
    })
}

fn fetch_projects(app: &mut App, append: bool) -> Effect {
    let l = &mut app.session.projects.list;
    let generation = l.load(append);
    projects_request(l, generation, append)
}

fn fetch_tasks(app: &mut App, append: bool) -> Effect {
    let l = &mut app.session.projects.tasks;
    let generation = l.load(append);
    tasks_request(l, generation, append)
}

fn reload_projects(app: &mut App) -> Vec<Effect> {
    app.session.projects.list.clear();
    vec![fetch_projects(app, false)]
}

fn reload_tasks(app: &mut App) -> Vec<Effect> {
    app.session.projects.tasks.clear();
    vec![fetch_tasks(app, false)]
}

/// Shows the project list, loading it the first time.
pub(crate) fn open_projects(app: &mut App) -> Vec<Effect> {
    let allowed = app.has_module(Module::Projects) && !app.is_worker();
    let why = "Projects are not enabled for your account.";
    if show(app, allowed, Screen::Projects, why) && app.session.projects.list.generation == 0 {
        return reload_projects(app);
    }
    vec![]
}

/// Shows the task list, loading it the first time.
pub(crate) fn open_tasks(app: &mut App) -> Vec<Effect> {
    let allowed = app.has_module(Module::Tasks);
    let why = "Tasks are not enabled for your account.";
    if show(app, allowed, Screen::Tasks, why) && app.session.projects.tasks.generation == 0 {
        return reload_tasks(app);
    }
    vec![]
}

/// What the live stream and `Retry` refresh: the lists once shown, and
/// the project on screen (and its thread, when that is on screen).
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    let mut fx = vec![];
    if app.session.projects.list.generation > 0 {
        fx.extend(reload_projects(app));
    }
    if app.session.projects.tasks.generation > 0 {
        fx.extend(reload_tasks(app));
    }
    if let Some(v) = &app.session.projects.task {
        fx.push(Effect::Projects(ProjectsEffect::FetchTask(v.summary.id)));
    }
    if let Some(v) = &app.session.projects.view {
        fx.push(Effect::Projects(ProjectsEffect::FetchProject(v.id())));
        if app.screen == Screen::ProjectThread {
            fx.push(Effect::Thread(ThreadEffect::FetchMessages(v.thread.id)));
        }
    }
    fx
}

/// A project or task changed elsewhere: refetch what shows it.
pub(crate) fn live(app: &mut App) -> Vec<Effect> {
    refresh(app)
}

/// Cursor keys on a list: `Some` effects when the key moved the cursor.
fn step<T: crate::list::Row>(
    app: &mut App,
    c: Cmd,
    list: impl Fn(&mut crate::shell::session::Session) -> &mut Paged<T>,
) -> Option<bool> {
    let rows = page_rows(app);
    list(&mut app.session).step(c, rows)
}

pub(crate) fn projects_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    if let Some(more) = step(app, c, |s| &mut s.projects.list.rows) {
        return if more {
            vec![fetch_projects(app, true)]
        } else {
            vec![]
        };
    }
    match c {
        Cmd::Open => match app.session.projects.list.current().cloned() {
            Some(p) => open_project(app, p),
            None => vec![],
        },
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// Shows one project, fetching its timeline and tasks.
fn open_project(app: &mut App, p: Project) -> Vec<Effect> {
    let id = p.id;
    app.session.projects.view = Some(ProjectView::new(p));
    app.screen = Screen::Project;
    vec![Effect::Projects(ProjectsEffect::FetchProject(id))]
}

fn shown(app: &mut App, d: ProjectDetail) {
    if let Some(v) = &mut app.session.projects.view
        && v.id() == d.project.id
    {
        v.project = d.project.clone();
        v.task = v.task.min(d.tasks.len().saturating_sub(1));
        v.detail = Load::Ready(d);
    }
}

pub(crate) fn project_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Some(v) = &mut app.session.projects.view else {
        return vec![];
    };
    let last = v.tasks().len().saturating_sub(1);
    match c {
        Cmd::Down => v.task = (v.task + 1).min(last),
        Cmd::Up => v.task = v.task.saturating_sub(1),
        Cmd::Back => app.screen = Screen::Projects,
        Cmd::TaskDone => {
            let task = v.tasks().get(v.task).cloned();
            return task::mark_done(app, task);
        }
        Cmd::OpenThread => {
            let id = v.thread.id;
            app.screen = Screen::ProjectThread;
            // Opening it reads it.
            return vec![
                Effect::Thread(ThreadEffect::FetchMessages(id)),
                Effect::Thread(ThreadEffect::MarkRead(id)),
            ];
        }
        _ => app.dirty = false,
    }
    vec![]
}

/// Keys on the project's thread: scroll, reply, back to the project.
pub(crate) fn thread_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let max = app.drawn.get().thread_max_scroll;
    let page = page_rows(app);
    let Some(v) = &mut app.session.projects.view else {
        return vec![];
    };
    match c {
        Cmd::Back => app.screen = Screen::Project,
        Cmd::Reply => {
            let id = v.thread.id;
            thread::reply(app, id, false);
        }
        c => thread::scroll(&mut v.thread, c, page, max),
    }
    vec![]
}

pub(crate) fn tasks_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    if let Some(more) = step(app, c, |s| &mut s.projects.tasks.rows) {
        return if more {
            vec![fetch_tasks(app, true)]
        } else {
            vec![]
        };
    }
    match c {
        Cmd::NextTab | Cmd::PrevTab => {
            app.session.projects.tasks.mine = !app.session.projects.tasks.mine;
            reload_tasks(app)
        }
        Cmd::TaskDone => {
            let task = app.session.projects.tasks.current().cloned();
            task::mark_done(app, task)
        }
        Cmd::Open => match app.session.projects.tasks.current().cloned() {
            Some(t) => task::open(app, t),
            None => vec![],
        },
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// A task marked done: it leaves the open-task list, and the project on
/// screen shows it ticked.
fn task_saved(app: &mut App, t: Task) -> Vec<Effect> {
    task::saved(app, &t);
    let l = &mut app.session.projects.tasks;
    if let Some(at) = l.items.iter().position(|x| x.id == t.id) {
        l.items.remove(at);
        let rows = page_rows(app);
        let l = &mut app.session.projects.tasks;
        let to = l.selected.min(l.items.len().saturating_sub(1));
        l.select(to, rows);
    }
    if let Some(v) = &mut app.session.projects.view
        && let Load::Ready(d) = &mut v.detail
        && let Some(slot) = d.tasks.iter_mut().find(|x| x.id == t.id)
    {
        *slot = t;
    }
    vec![]
}
