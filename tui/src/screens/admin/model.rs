//! The administration screen's model: one list per tab and the people
//! filter.

use portico_shared::{AuditEntry, Id, Organization, User, UserStatus};

use crate::list::{Paged, Row};

impl Row for User {
    fn id(&self) -> Id {
        self.id
    }
}

impl Row for Organization {
    fn id(&self) -> Id {
        self.id
    }
}

impl Row for AuditEntry {
    fn id(&self) -> Id {
        self.id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdminTab {
    #[default]
    People,
    Organizations,
    Audit,
}

impl AdminTab {
    pub const ALL: [AdminTab; 3] = [AdminTab::People, AdminTab::Organizations, AdminTab::Audit];

    pub fn label(self) -> &'static str {
        match self {
            AdminTab::People => "People",
            AdminTab::Organizations => "Organisations",
            AdminTab::Audit => "Audit log",
        }
    }
}

/// The people filter's steps: everyone, then each status.
pub const STATUS_FILTERS: [Option<UserStatus>; 4] = [
    None,
    Some(UserStatus::Invited),
    Some(UserStatus::Active),
    Some(UserStatus::Removed),
];

#[derive(Debug, Default)]
pub struct Admin {
    pub tab: AdminTab,
    pub people: Paged<User>,
    /// People: only this status (`None`: everyone).
    pub status: Option<UserStatus>,
    pub orgs: Paged<Organization>,
    pub audit: Paged<AuditEntry>,
}

impl Admin {
    /// The name of organisation `id`, when its row is loaded.
    pub fn org_name(&self, id: Id) -> Option<&str> {
        self.orgs
            .items
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.as_str())
    }
}
