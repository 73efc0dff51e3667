//! Who may see and do what with orders. The SQL side of the same rule is
//! `store::orders` (the scope's organisation and locations in every query);
//! the live-event side is `sees`, used for each subscriber.

use portico_shared::{Message, Order, OrderPatch};

use crate::access::OrderScope;

/// Fields only staff may change; clients may only cancel.
pub fn staff_only(req: &OrderPatch) -> bool {
    req.title.is_some() || req.priority.is_some() || req.team.is_some() || req.due_date.is_some()
}

/// Whether `scope` sees `order` (and `message` of its thread, if any):
/// its organisation and locations; internal notes only for staff.
pub fn sees(scope: &OrderScope, order: &Order, message: Option<&Message>) -> bool {
    let hidden = !scope.staff() && message.is_some_and(|m| m.internal);
    scope.covers(order.organization.id, order.location.id) && !hidden
}
