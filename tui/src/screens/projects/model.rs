//! The projects' part of the model: the project list, the project on
//! screen with the cursor on its tasks, and the task list.

use portico_shared::{
    Attachment, Id, Project, ProjectDetail, ProjectQuery, Task, TaskQuery, TaskStatus,
};

use crate::list::Paged;
use crate::load::Load;
use crate::screens::thread::Thread;

#[derive(Debug, Clone, Default)]
pub struct ProjectList {
    pub rows: Paged<Project>,
}

crate::list::pages_of!(ProjectList, Project);

impl ProjectList {
    pub fn query(&self) -> ProjectQuery {
        ProjectQuery {
            limit: Some(100),
            ..ProjectQuery::default()
        }
    }
}

/// One project on screen: the summary from the list, its detail fetched.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub project: Project,
    pub detail: Load<ProjectDetail>,
    /// The task under the cursor.
    pub task: usize,
    /// The project's own thread, fetched when opened (`m`).
    pub thread: Thread,
}

impl ProjectView {
    pub fn new(project: Project) -> ProjectView {
        ProjectView {
            detail: Load::Loading,
            task: 0,
            thread: Thread::new(project.thread_id),
            project,
        }
    }

    pub fn id(&self) -> Id {
        self.project.id
    }

    pub fn tasks(&self) -> &[Task] {
        self.detail.ready().map_or(&[], |d| d.tasks.as_slice())
    }
}

/// The task list: the person's own or every task they see, open ones.
#[derive(Debug, Clone)]
pub struct TaskList {
    pub mine: bool,
    pub rows: Paged<Task>,
}

impl Default for TaskList {
    fn default() -> TaskList {
        TaskList {
            mine: true,
            rows: Paged::default(),
        }
    }
}

crate::list::pages_of!(TaskList, Task);

impl TaskList {
    pub fn query(&self) -> TaskQuery {
        TaskQuery {
            mine: self.mine.then_some(true),
            status: Some(TaskStatus::Open),
            limit: Some(100),
            ..TaskQuery::default()
        }
    }
}

/// One task opened from the list: its row at once, then the whole task
/// with its files; the cursor is on a file.
#[derive(Debug, Clone)]
pub struct TaskView {
    pub summary: Task,
    pub task: Load<Task>,
    pub file: usize,
}

impl TaskView {
    pub fn new(summary: Task) -> TaskView {
        TaskView {
            summary,
            task: Load::Loading,
            file: 0,
        }
    }

    /// The task as far as it is known: the whole one once it came.
    pub fn task(&self) -> &Task {
        self.task.ready().unwrap_or(&self.summary)
    }

    pub fn current_file(&self) -> Option<&Attachment> {
        self.task.ready()?.attachments.get(self.file)
    }
}

/// Projects and tasks in the Session: the list, the project open, the
/// tasks and the task open.
#[derive(Debug, Default)]
pub struct State {
    pub list: ProjectList,
    pub view: Option<ProjectView>,
    pub tasks: TaskList,
    pub task: Option<TaskView>,
}
