//! The projects' effects: calls to the server, each answered as a message.

use std::path::Path;

use portico_shared::{Id, Task, TaskPatch, TaskStatus};

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::projects::msg::{ProjectsEffect, ProjectsMsg};

/// Runs one effect; its answer comes back as this screen's message.
pub async fn run(effect: ProjectsEffect, c: Client) -> ProjectsMsg {
    match effect {
        ProjectsEffect::FetchProjects {
            generation,
            append,
            query,
        } => ProjectsMsg::Projects {
            generation,
            append,
            result: c.projects(&query).await.map_err(Failure::from),
        },
        ProjectsEffect::FetchProject(id) => {
            ProjectsMsg::Project(c.project(id).await.map(Box::new).map_err(Failure::from))
        }
        ProjectsEffect::FetchTasks {
            generation,
            append,
            query,
        } => ProjectsMsg::Tasks {
            generation,
            append,
            result: c.tasks(&query).await.map_err(Failure::from),
        },
        ProjectsEffect::FetchTask(id) => {
            ProjectsMsg::Task(c.task(id).await.map(Box::new).map_err(Failure::from))
        }
        ProjectsEffect::AttachToTask { task, path } => {
            ProjectsMsg::HandedOver(attach(&c, task, &path).await.map(Box::new))
        }
        ProjectsEffect::MarkDone(id) => {
            let patch = TaskPatch {
                status: Some(TaskStatus::Done),
                ..TaskPatch::default()
            };
            ProjectsMsg::TaskDone(
                c.patch_task(id, &patch)
                    .await
                    .map(Box::new)
                    .map_err(Failure::from),
            )
        }
    }
}

/// Uploads a file and hands it over as one of the task's files.
async fn attach(c: &Client, task: Id, path: &Path) -> Result<Task, Failure> {
    let file = c.upload_path(path).await.map_err(Failure::from)?;
    let patch = TaskPatch {
        attachment_ids: vec![file.id],
        ..TaskPatch::default()
    };
    c.patch_task(task, &patch).await.map_err(Failure::from)
}
