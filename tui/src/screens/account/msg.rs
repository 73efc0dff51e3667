//! The account screen's messages and effects.

use portico_shared::{
    Id, NotificationSetting, NotificationSettings, RecoveryCodes, SessionInfo, TotpEnrollment,
};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum AccountMsg {
    Sessions(Outcome<Vec<SessionInfo>>),
    /// A session was ended (its id).
    Ended(Outcome<Id>),
    /// A secret to put in the authenticator.
    Enrolment(Outcome<TotpEnrollment>),
    /// The code was right: two-factor sign-in is on; the recovery codes.
    Confirmed(Outcome<RecoveryCodes>),
    /// Which mail I get (after loading or changing it).
    Mail(Outcome<NotificationSettings>),
}

#[derive(Debug, Clone)]
pub enum AccountEffect {
    FetchSessions,
    EndSession(Id),
    Enroll,
    Confirm(String),
    FetchMail,
    /// Turns one category on or off.
    SetMail(NotificationSetting),
}
