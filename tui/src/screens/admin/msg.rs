//! The administration screen's messages and effects.

use portico_shared::{
    AuditEntry, Id, InviteRequest, InviteResponse, Location, LocationPatch, ModuleSwitches,
    NewLocation, NewOrganization, Organization, OrganizationPatch, Page, SessionsEnded, User,
    UserFilter,
};

use crate::failure::Outcome;

/// A page of one of the screen's lists, for the load `generation`.
#[derive(Debug, Clone)]
pub struct Arrived<T> {
    pub generation: u64,
    pub append: bool,
    pub result: Outcome<Page<T>>,
}

#[derive(Debug, Clone)]
pub enum AdminMsg {
    People(Arrived<User>),
    Orgs(Arrived<Organization>),
    Audit(Arrived<AuditEntry>),
    /// An invite, a resent invite or a readmission: the code to show.
    Invited(Outcome<Box<InviteResponse>>),
    Removed(Outcome<Box<User>>),
    OrgSaved(Outcome<Box<Organization>>),
    /// The modules switched off for every client (read or just set).
    Switches(Outcome<ModuleSwitches>),
    SessionsEnded(Outcome<SessionsEnded>),
    /// The locations of the organisation open on the Organisations tab.
    Locations(Arrived<Location>),
    /// A location added or changed.
    LocationSaved(Outcome<Box<Location>>),
}

/// Where a list load starts: the generation its answer carries, and the
/// cursor after the loaded rows when it appends.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetch {
    pub generation: u64,
    pub append: bool,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone)]
pub enum AdminEffect {
    FetchPeople(Fetch, UserFilter),
    FetchOrgs(Fetch),
    /// The audit log, of actions starting with the text when given.
    FetchAudit(Fetch, Option<&'static str>),
    Invite(InviteRequest),
    Resend(Id),
    Readmit(Id),
    Remove(Id),
    CreateOrg(NewOrganization),
    PatchOrg {
        id: Id,
        patch: OrganizationPatch,
    },
    FetchSwitches,
    SetSwitches(ModuleSwitches),
    EndSessions(Id),
    /// The locations of organisation `org`.
    FetchLocations(Fetch, Id),
    CreateLocation {
        org: Id,
        new: NewLocation,
    },
    PatchLocation {
        org: Id,
        id: Id,
        patch: LocationPatch,
    },
}
