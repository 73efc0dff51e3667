//! Projects with a timeline of phases and its history, and tasks for staff,
//! workers and client contacts.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Attachment, Id, LocationRef, Message, OrganizationRef, PersonRef, Timestamp};

text_enum! {
    /// Where a project stands.
    ProjectStatus {
        Planned => "planned",
        Active => "active",
        OnHold => "on_hold",
        Done => "done",
        Cancelled => "cancelled",
    }
}

text_enum! {
    /// Where a phase of a project's timeline stands.
    PhaseStatus {
        Planned => "planned",
        Active => "active",
        Done => "done",
    }
}

text_enum! {
    /// What happened to a phase, as its history keeps it.
    PhaseAction {
        Added => "added",
        Changed => "changed",
        Started => "started",
        Done => "done",
        Removed => "removed",
    }
}

text_enum! {
    /// A task is open until its assignee (or staff) marks it done.
    TaskStatus {
        Open => "open",
        Done => "done",
    }
}

impl PhaseAction {
    /// The action a change to a phase's status amounts to: starting it or
    /// finishing it is news; anything else is a change.
    pub fn of_status(from: PhaseStatus, to: PhaseStatus) -> PhaseAction {
        match (from == to, to) {
            (false, PhaseStatus::Active) => PhaseAction::Started,
            (false, PhaseStatus::Done) => PhaseAction::Done,
            _ => PhaseAction::Changed,
        }
    }
}

/// A project as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub status: ProjectStatus,
    pub organization: OrganizationRef,
    /// `None`: the whole organisation's project.
    pub location: Option<LocationRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    /// The staff member responsible.
    pub owner: Option<PersonRef>,
    pub thread_id: Id,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// One phase of a project's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phase {
    pub id: Id,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub start_date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub end_date: Date,
    pub status: PhaseStatus,
    /// Internal phases (`false`) are for staff only.
    pub visible_to_client: bool,
    /// Breaks ties between phases starting the same day.
    pub position: i64,
}

/// One change to a phase, kept with its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseChange {
    pub id: Id,
    pub phase_id: Id,
    /// The phase's name when it changed.
    pub phase_name: String,
    pub action: PhaseAction,
    /// The phase's status after the change.
    pub status: PhaseStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
}

/// `GET /projects/{id}`: the project, its timeline (phases in date order,
/// only the visible ones for clients), the timeline's history (newest
/// first) and its tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectDetail {
    pub project: Project,
    pub phases: Vec<Phase>,
    pub history: Vec<PhaseChange>,
    pub tasks: Vec<Task>,
}

/// `POST /projects` (staff).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewProject {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    pub organization_id: Id,
    pub location_id: Option<Id>,
    /// Defaults to `planned`.
    pub status: Option<ProjectStatus>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    /// A staff member; defaults to whoever creates it.
    pub owner_id: Option<Id>,
}

/// `PATCH /projects/{id}` (staff): absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectPatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    pub owner_id: Option<Id>,
}

/// `POST /projects/{id}/phases` (staff).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPhase {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub start_date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub end_date: Date,
    /// Defaults to `planned`.
    pub status: Option<PhaseStatus>,
    /// Defaults to `true`.
    pub visible_to_client: Option<bool>,
    #[serde(default)]
    pub position: i64,
}

/// `PATCH /projects/{id}/phases/{phase_id}` (staff): absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhasePatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start_date: Option<Date>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub end_date: Option<Date>,
    pub status: Option<PhaseStatus>,
    pub visible_to_client: Option<bool>,
    pub position: Option<i64>,
}

/// `GET /projects` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProjectQuery {
    pub status: Option<ProjectStatus>,
    pub organization_id: Option<Id>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Ignored, whatever its value: a client may make a URL unique with it.
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}

/// The project a task belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRef {
    pub id: Id,
    pub name: String,
}

/// A task for a staff member, a worker or a client contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: Id,
    pub title: String,
    pub description: String,
    pub organization: OrganizationRef,
    pub project: Option<ProjectRef>,
    /// The project's location, if it has one: location limits follow it.
    pub location: Option<LocationRef>,
    pub assignee: Option<PersonRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    pub status: TaskStatus,
    /// Open and due before today (UTC).
    pub overdue: bool,
    pub thread_id: Id,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub done_at: Option<Timestamp>,
    /// The task's own files (documents asked for or handed over), oldest
    /// first; files sent in its thread stay with their messages. Filled by
    /// `GET /tasks/{id}` and the answers to changes; empty in lists and
    /// live events.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// `POST /tasks` (staff, or a client for their own organisation). With a
/// `project_id` the organisation is the project's, whatever
/// `organization_id` says; a client's is always their own.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTask {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    pub organization_id: Option<Id>,
    pub project_id: Option<Id>,
    /// Staff, a worker, or a contact of the task's organisation; a client
    /// names a contact of theirs, or no one for themselves.
    pub assignee_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    /// Your own unattached uploads (`POST /attachments`), to become the
    /// task's files.
    #[serde(default)]
    pub attachment_ids: Vec<Id>,
}

/// `PATCH /tasks/{id}`: the assignee may only change `status`; staff
/// anything. Absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskPatch {
    pub status: Option<TaskStatus>,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: Option<String>,
    pub assignee_id: Option<Id>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_date: Option<Date>,
    /// Your own unattached uploads to add to the task's files: staff, or
    /// the assignee handing over what the task asks for.
    #[serde(default)]
    pub attachment_ids: Vec<Id>,
}

/// `GET /tasks` filters. Lists are due soonest first (no due date last).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TaskQuery {
    /// Only the signed-in person's own tasks.
    pub mine: Option<bool>,
    pub status: Option<TaskStatus>,
    pub project_id: Option<Id>,
    pub organization_id: Option<Id>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Ignored, whatever its value: a client may make a URL unique with it.
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}

/// The `data:` of a `project.*` live event, or of `message.created` in a
/// project's thread (then `message` is set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectEvent {
    pub id: Id,
    pub kind: String,
    pub project: Project,
    #[serde(default)]
    pub message: Option<Message>,
}

/// The `data:` of a `task.*` live event, or of `message.created` in a
/// task's thread (then `message` is set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskEvent {
    pub id: Id,
    pub kind: String,
    pub task: Task,
    #[serde(default)]
    pub message: Option<Message>,
}

/// Tasks due soonest first, tasks without a due date last, then by id.
pub fn by_due_date(a: &Task, b: &Task) -> std::cmp::Ordering {
    (a.due_date.is_none(), a.due_date, a.id).cmp(&(b.due_date.is_none(), b.due_date, b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_changes_name_their_action() {
        use PhaseStatus::*;
        assert_eq!(
            PhaseAction::of_status(Planned, Active),
            PhaseAction::Started
        );
        assert_eq!(PhaseAction::of_status(Active, Done), PhaseAction::Done);
        assert_eq!(PhaseAction::of_status(Active, Active), PhaseAction::Changed);
        assert_eq!(PhaseAction::of_status(Done, Planned), PhaseAction::Changed);
    }
}
