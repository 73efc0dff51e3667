//! The account screen's messages and effects.

use portico_shared::{Id, NotificationSetting, NotificationSettings, SessionInfo};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum AccountMsg {
    Sessions(Outcome<Vec<SessionInfo>>),
    /// A session was ended (its id).
    Ended(Outcome<Id>),
    /// Which mail I get (after loading or changing it).
    Mail(Outcome<NotificationSettings>),
}

#[derive(Debug, Clone)]
pub enum AccountEffect {
    FetchSessions,
    EndSession(Id),
    FetchMail,
    /// Turns one category on or off.
    SetMail(NotificationSetting),
}
