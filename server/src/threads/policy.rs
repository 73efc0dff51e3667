//! Who takes part in a standalone thread. The SQL side of the same rule is
//! `store::conversations`; the live-event side is `sees`, per subscriber.

use portico_shared::{Conversation, Message};

use crate::access::ConversationScope;

/// Whether `scope` takes part in `thread` (and sees `message` of it, if
/// any): staff always, a contact of its organisation when it names nobody
/// or them; internal notes only for staff.
pub fn sees(scope: &ConversationScope, thread: &Conversation, message: Option<&Message>) -> bool {
    let hidden = !scope.staff() && message.is_some_and(|m| m.internal);
    let named: Vec<_> = thread.participants.iter().map(|p| p.id).collect();
    scope.covers(thread.organization.id, &named) && !hidden
}
