//! Who may see and do what with tasks. The SQL side of the same rule is
//! `store::tasks` (the scope in every query); the live-event side is
//! `sees`. Staff change anything; the assignee only marks it done or open.

use portico_shared::{Message, Task, TaskPatch};

use crate::access::TaskScope;

/// Whether `scope` sees `task` (and `message` of its thread, if any);
/// internal notes only for staff.
pub fn sees(scope: &TaskScope, task: &Task, message: Option<&Message>) -> bool {
    let hidden = !scope.staff() && message.is_some_and(|m| m.internal);
    let assignee = task.assignee.as_ref().map(|a| a.id);
    let location = task.location.as_ref().map(|l| l.id);
    scope.covers(assignee, task.organization.id, location) && !hidden
}

/// Whether the change touches more than the status (only staff may).
pub fn staff_only(req: &TaskPatch) -> bool {
    req.title.is_some()
        || req.description.is_some()
        || req.assignee_id.is_some()
        || req.due_date.is_some()
}
