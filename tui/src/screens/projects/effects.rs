//! The projects' effects: calls to the server, each answered as a message.

use portico_shared::{TaskPatch, TaskStatus};

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
