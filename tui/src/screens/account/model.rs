//! The account screen's model: my sessions and the cursor on them.

use portico_shared::SessionInfo;

use crate::load::Load;

#[derive(Debug)]
pub struct Account {
    pub sessions: Load<Vec<SessionInfo>>,
    pub selected: usize,
}

impl Default for Account {
    fn default() -> Account {
        Account {
            sessions: Load::Loading,
            selected: 0,
        }
    }
}

impl Account {
    /// The session under the cursor.
    pub fn current(&self) -> Option<&SessionInfo> {
        self.sessions.ready().and_then(|s| s.get(self.selected))
    }
}

/// My account's part of the Session.
pub type State = Account;
