//! The administration screen's model: one list per tab and the people
//! filter.

use portico_shared::{AuditEntry, Id, Location, Module, Organization, User, UserStatus};

use crate::list::{Paged, Row};
use crate::load::Load;

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

impl Row for Location {
    fn id(&self) -> Id {
        self.id
    }
}

/// The locations of one organisation, opened from its row: what staff
/// add to and rename, each with its time zone.
#[derive(Debug)]
pub struct OrgLocations {
    pub org: Organization,
    pub list: Paged<Location>,
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
    /// The modules switched off for every client.
    Modules,
    Audit,
}

impl AdminTab {
    pub const ALL: [AdminTab; 4] = [
        AdminTab::People,
        AdminTab::Organizations,
        AdminTab::Modules,
        AdminTab::Audit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AdminTab::People => "People",
            AdminTab::Organizations => "Organisations",
            AdminTab::Modules => "Modules",
            AdminTab::Audit => "Audit log",
        }
    }
}

/// The audit filter's steps: every entry, then each kind of action.
pub const AUDIT_FILTERS: [Option<&str>; 7] = [
    None,
    Some("auth."),
    Some("user."),
    Some("invite."),
    Some("organization."),
    Some("settings."),
    Some("shift."),
];

/// The people filter's steps: everyone, then each status.
pub const STATUS_FILTERS: [Option<UserStatus>; 4] = [
    None,
    Some(UserStatus::Invited),
    Some(UserStatus::Active),
    Some(UserStatus::Removed),
];

#[derive(Debug)]
pub struct Admin {
    pub tab: AdminTab,
    pub people: Paged<User>,
    /// People: only this status (`None`: everyone).
    pub status: Option<UserStatus>,
    pub orgs: Paged<Organization>,
    pub audit: Paged<AuditEntry>,
    /// The audit log: only actions starting so (`None`: all).
    pub audit_action: Option<&'static str>,
    /// Modules switched off for every client, as the server last said.
    pub switched_off: Load<Vec<Module>>,
    /// The cursor on the Modules tab (an index into `Module::ALL`).
    pub module: usize,
    /// On the Organisations tab: one organisation's locations, when open.
    pub locations: Option<OrgLocations>,
}

impl Default for Admin {
    fn default() -> Admin {
        Admin {
            tab: AdminTab::default(),
            people: Paged::default(),
            status: None,
            orgs: Paged::default(),
            audit: Paged::default(),
            audit_action: None,
            switched_off: Load::Loading,
            module: 0,
            locations: None,
        }
    }
}

impl Admin {
    /// The locations on screen: open from an organisation's row, on the
    /// Organisations tab.
    pub fn locations_open(&self) -> Option<&OrgLocations> {
        self.locations
            .as_ref()
            .filter(|_| self.tab == AdminTab::Organizations)
    }

    /// The name of organisation `id`, when its row is loaded.
    pub fn org_name(&self, id: Id) -> Option<&str> {
        self.orgs
            .items
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.as_str())
    }
}

/// Administration's part of the Session.
pub type State = Admin;
