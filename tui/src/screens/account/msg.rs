//! The account screen's messages and effects.

use portico_shared::{Id, SessionInfo};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum AccountMsg {
    Sessions(Outcome<Vec<SessionInfo>>),
    /// A session was ended (its id).
    Ended(Outcome<Id>),
}

#[derive(Debug, Clone)]
pub enum AccountEffect {
    FetchSessions,
    EndSession(Id),
}
