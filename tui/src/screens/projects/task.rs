//! One task opened from the task list: what it asks, for whom and by when,
//! and its own files — downloaded, or handed over by the person it is for.

use portico_shared::{Task, TaskStatus};

use crate::failure::Outcome;
use crate::load::Load;
use crate::sanitize;
use crate::screens::orders::forms;
use crate::screens::projects::TaskView;
use crate::screens::projects::msg::ProjectsEffect;
use crate::screens::thread::update as thread;
use crate::shell::model::{App, Modal, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info};
use crate::widgets::form::{FormDraft, UploadTo};

/// Opens the task under the cursor of the task list.
pub(crate) fn open(app: &mut App, task: Task) -> Vec<Effect> {
    let id = task.id;
    app.session.projects.task = Some(TaskView::new(task));
    app.screen = Screen::Task;
    vec![Effect::Projects(ProjectsEffect::FetchTask(id))]
}

/// The whole task arrived.
pub(crate) fn arrived(app: &mut App, r: Outcome<Box<Task>>) -> Vec<Effect> {
    let Some(v) = &mut app.session.projects.task else {
        app.dirty = false;
        return vec![];
    };
    match r {
        Ok(t) if t.id == v.summary.id => {
            show(v, *t);
            vec![]
        }
        Ok(_) => {
            app.dirty = false;
            vec![]
        }
        Err(f) => {
            let id = v.summary.id;
            if v.task.ready().is_none() {
                v.task = Load::Failed(f.message.clone());
            }
            failed(
                app,
                f,
                vec![Effect::Projects(ProjectsEffect::FetchTask(id))],
            )
        }
    }
}

/// The task after a file was handed over: the form closes, the file shows.
pub(crate) fn handed_over(app: &mut App, r: Outcome<Box<Task>>) -> Vec<Effect> {
    match r {
        Ok(t) => {
            app.modal = Modal::None;
            if let Some(v) = &mut app.session.projects.task
                && v.summary.id == t.id
            {
                show(v, *t);
            }
            info(app, "File handed over".into());
            vec![]
        }
        Err(f) => forms::refused(app, f),
    }
}

/// The whole task, made safe to draw, on screen.
fn show(v: &mut TaskView, mut t: Task) {
    sanitize::task(&mut t);
    t.attachments.iter_mut().for_each(sanitize::attachment);
    v.file = v.file.min(t.attachments.len().saturating_sub(1));
    v.task = Load::Ready(t);
}

/// Keys on the task: files up and down, download one or all, hand one
/// over, mark it done, back to the list.
pub(crate) fn keys(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Some(v) = &mut app.session.projects.task else {
        return vec![];
    };
    let files = v.task.ready().map_or(0, |t| t.attachments.len());
    match c {
        Cmd::Down => v.file = (v.file + 1).min(files.saturating_sub(1)),
        Cmd::Up => v.file = v.file.saturating_sub(1),
        Cmd::Download => {
            return match v.current_file().cloned() {
                Some(a) => thread::start_download(app, vec![a]),
                None => no_files(app),
            };
        }
        Cmd::DownloadAll => {
            let all = v.task.ready().map(|t| t.attachments.clone());
            return match all.filter(|a| !a.is_empty()) {
                Some(all) => thread::start_download(app, all),
                None => no_files(app),
            };
        }
        Cmd::AttachToTask => {
            let id = v.summary.id;
            let assignee = v.task().assignee.as_ref().map(|a| a.id);
            if !(app.is_staff() || assignee == app.my_id()) {
                error(
                    app,
                    "Only the person the task is for (or staff) hands over its files.".into(),
                    vec![],
                );
                return vec![];
            }
            app.modal = Modal::Form(Box::new(FormDraft::upload(UploadTo::Task(id))));
        }
        Cmd::TaskDone => {
            let task = v.task().clone();
            return mark_done(app, Some(task));
        }
        Cmd::Back => {
            app.screen = Screen::Tasks;
            app.session.projects.task = None;
        }
        _ => app.dirty = false,
    }
    vec![]
}

fn no_files(app: &mut App) -> Vec<Effect> {
    error(app, "This task has no files yet.".into(), vec![]);
    vec![]
}

/// Marks a task done: only the assignee's own (staff any); the server
/// decides in the end.
pub(crate) fn mark_done(app: &mut App, task: Option<Task>) -> Vec<Effect> {
    let Some(t) = task else { return vec![] };
    let mine = t.assignee.as_ref().map(|a| a.id) == app.my_id();
    if t.status == TaskStatus::Done {
        info(app, "That task is already done.".into());
        return vec![];
    }
    if !mine && !app.is_staff() {
        error(app, "Only its assignee marks a task done.".into(), vec![]);
        return vec![];
    }
    vec![Effect::Projects(ProjectsEffect::MarkDone(t.id))]
}

/// A task marked done elsewhere on screen: the open one shows it.
pub(crate) fn saved(app: &mut App, t: &Task) {
    if let Some(v) = &mut app.session.projects.task
        && v.summary.id == t.id
    {
        v.summary.status = t.status;
        if let Load::Ready(open) = &mut v.task {
            open.status = t.status;
            open.done_at = t.done_at;
            open.overdue = t.overdue && t.status == TaskStatus::Open;
        }
    }
}
