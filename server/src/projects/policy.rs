//! Who may see and do what with projects. The SQL side of the same rule is
//! `store::projects` (the scope in every query); the live-event side is
//! `sees`, used for each subscriber. Only staff change projects and phases.

use portico_shared::{Message, Project};

use crate::access::ProjectScope;

/// Whether `scope` sees `project` (and `message` of its thread, if any):
/// its organisation, and its location if it has one; internal notes only
/// for staff.
pub fn sees(scope: &ProjectScope, project: &Project, message: Option<&Message>) -> bool {
    let hidden = !scope.staff() && message.is_some_and(|m| m.internal);
    let place = match &project.location {
        Some(l) => scope.covers(project.organization.id, l.id),
        None => scope.org().is_none_or(|o| o == project.organization.id),
    };
    place && !hidden
}
