//! The messages and effects of projects and tasks.

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
}
