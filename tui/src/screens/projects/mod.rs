//! Projects and tasks: the project list, a project's timeline drawn as a
//! Gantt of its phases with its history and tasks, and the task list
//! (mine or all, due soonest first) with one task and its files, and the
//! project's own thread.

pub mod detail_view;
pub mod effects;
pub mod gantt;
pub mod hooks;
pub mod list_view;
pub mod model;
pub mod msg;
pub mod task;
pub mod task_view;
pub mod tasks_view;
pub mod thread_view;
pub mod update;

pub use model::*;
