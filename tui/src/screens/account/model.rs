//! The account screen's model: my sessions, then the mail I get, and one
//! cursor over both.

use portico_shared::{NotificationSetting, NotificationSettings, SessionInfo, TotpEnrollment};

use crate::load::Load;

#[derive(Debug)]
pub struct Account {
    pub sessions: Load<Vec<SessionInfo>>,
    /// Which mail I get, per category.
    pub mail: Load<NotificationSettings>,
    /// The row under the cursor: sessions first, then mail categories.
    pub selected: usize,
    /// Two-factor enrolment under way: the secret, until a code confirms it.
    pub enrolment: Option<TotpEnrollment>,
}

impl Default for Account {
    fn default() -> Account {
        Account {
            sessions: Load::Loading,
            mail: Load::Loading,
            selected: 0,
            enrolment: None,
        }
    }
}

impl Account {
    fn session_rows(&self) -> usize {
        self.sessions.ready().map_or(0, Vec::len)
    }

    /// Rows the cursor moves over.
    pub fn rows(&self) -> usize {
        self.session_rows() + self.mail.ready().map_or(0, |m| m.settings.len())
    }

    /// The session under the cursor.
    pub fn current(&self) -> Option<&SessionInfo> {
        self.sessions.ready().and_then(|s| s.get(self.selected))
    }

    /// The mail category under the cursor.
    pub fn current_mail(&self) -> Option<&NotificationSetting> {
        let i = self.selected.checked_sub(self.session_rows())?;
        self.mail.ready().and_then(|m| m.settings.get(i))
    }
}

/// My account's part of the Session.
pub type State = Account;
