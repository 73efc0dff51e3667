//! The messages and effects of projects and tasks.

use std::path::PathBuf;

use portico_shared::{Id, Page, Project, ProjectDetail, ProjectQuery, Task, TaskQuery};

use crate::failure::Outcome;

/// What background work answers to these screens.
#[derive(Debug, Clone)]
pub enum ProjectsMsg {
    Projects {
        generation: u64,
        append: bool,
        result: Outcome<Page<Project>>,
    },
    Project(Outcome<Box<ProjectDetail>>),
    Tasks {
        generation: u64,
        append: bool,
        result: Outcome<Page<Task>>,
    },
    /// A task this person marked done.
    TaskDone(Outcome<Box<Task>>),
    /// The task opened, with its files.
    Task(Outcome<Box<Task>>),
    /// The task after this person handed over a file.
    HandedOver(Outcome<Box<Task>>),
}

/// Work these screens ask the runtime for; `update` returns it as data.
#[derive(Debug, Clone)]
pub enum ProjectsEffect {
    FetchProjects {
        generation: u64,
        append: bool,
        query: ProjectQuery,
    },
    FetchProject(Id),
    FetchTasks {
        generation: u64,
        append: bool,
        query: TaskQuery,
    },
    MarkDone(Id),
    FetchTask(Id),
    /// Uploads the file at `path` and makes it one of the task's files.
    AttachToTask {
        task: Id,
        path: PathBuf,
    },
}
