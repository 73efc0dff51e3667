//! The access policy: which modules, organisations and locations a signed-in
//! person may touch. Every route asks here; nothing decides it elsewhere.
//!
//! Scope values are sealed: their fields are private and only this module
//! makes them, from a `Viewer` (itself made from a session), so a store
//! function that demands one cannot be handed a scope a handler filled in.

use portico_shared::{
    Id, Module, PortalAccess, Role, TicketHistory, TicketScope as Visibility, User,
};

use crate::error::ApiError;

/// What a new organisation's contacts get when nobody chose otherwise.
pub const DEFAULT_CLIENT_MODULES: &[Module] = &[
    Module::Orders,
    Module::OrderSubmit,
    Module::Tickets,
    Module::Knowledge,
    Module::Messages,
];

/// Modules a worker has when nobody chose otherwise.
const WORKER_DEFAULTS: &[Module] = &[Module::Timesheets, Module::Tasks, Module::Messages];

/// The signed-in person behind a request, as the policy sees them.
#[derive(Debug, Clone)]
pub struct Viewer {
    session_id: Id,
    user: User,
    modules: Vec<Module>,
    scope: Scope,
    /// The staff member's team, for the Team view.
    team: Option<String>,
    /// Clients see only tickets created at or after this time (Unix seconds).
    ticket_floor: i64,
    /// The staff member viewing as this person: the session only reads.
    viewed_by: Option<Id>,
    /// A second factor is required of this person and they have none yet.
    enrol_due: bool,
}

/// Whose data a person may see.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Admins and agents: every organisation.
    Staff,
    /// A client contact: one organisation, all its locations or only some.
    Organization { id: Id, locations: Option<Vec<Id>> },
    /// A worker: only what is theirs.
    Worker,
}

impl Viewer {
    /// The person signed in with session `session_id`, with the modules they
    /// may use and the earliest ticket they may see.
    pub fn new(session_id: Id, user: User, modules: Vec<Module>, ticket_floor: i64) -> Self {
        Viewer {
            session_id,
            scope: scope_of(&user),
            team: user.team.clone(),
            ticket_floor,
            modules,
            user,
            viewed_by: None,
            enrol_due: false,
        }
    }

    /// The same person, seen through a restricted session: read-only for
    /// the staff member `viewed_by`, or held at enrolment (`enrol_due`).
    pub fn restricted(mut self, viewed_by: Option<Id>, enrol_due: bool) -> Self {
        self.viewed_by = viewed_by;
        self.enrol_due = enrol_due;
        self
    }

    pub fn viewed_by(&self) -> Option<Id> {
        self.viewed_by
    }

    pub fn enrol_due(&self) -> bool {
        self.enrol_due
    }

    pub fn id(&self) -> Id {
        self.user.id
    }

    pub fn session_id(&self) -> Id {
        self.session_id
    }

    pub fn user(&self) -> &User {
        &self.user
    }

    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    pub fn is_staff(&self) -> bool {
        self.user.role.is_staff()
    }

    /// A client contact's organisation; `None` for staff and workers.
    pub fn client_org(&self) -> Option<Id> {
        match &self.scope {
            Scope::Organization { id, .. } => Some(*id),
            Scope::Staff | Scope::Worker => None,
        }
    }

    /// Staff-only routes answer 403 to everyone else, whatever the ids asked for.
    pub fn require_staff(&self) -> Result<(), ApiError> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(ApiError::Forbidden("this is for staff only"))
        }
    }

    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.user.role == Role::Admin {
            Ok(())
        } else {
            Err(ApiError::Forbidden("this is for administrators only"))
        }
    }

    /// What part of the tickets this person sees. Workers see none.
    pub fn tickets(&self) -> Result<TicketScope, ApiError> {
        self.require_module(Module::Tickets)?;
        let (org, requester) = match &self.scope {
            Scope::Staff => (None, None),
            Scope::Organization { id, .. } => (
                Some(*id),
                (self.user.ticket_scope == Visibility::Own).then_some(self.user.id),
            ),
            Scope::Worker => return Err(ApiError::Forbidden("tickets are for clients and staff")),
        };
        Ok(TicketScope {
            me: self.user.id,
            staff: self.is_staff(),
            org,
            requester,
            floor: self.ticket_floor,
            team: self.team.clone(),
        })
    }

    /// What part of the orders this person sees. Workers see none.
    pub fn orders(&self) -> Result<OrderScope, ApiError> {
        self.require_module(Module::Orders)?;
        if self.scope == Scope::Worker {
            return Err(ApiError::Forbidden("orders are for clients and staff"));
        }
        Ok(self.orders_unchecked())
    }

    /// The organisation and locations this person's scope allows, whatever
    /// their modules: orders and timesheets share them.
    fn orders_unchecked(&self) -> OrderScope {
        let (org, locations) = match &self.scope {
            Scope::Organization { id, locations } => (Some(*id), locations.clone()),
            Scope::Staff | Scope::Worker => (None, None),
        };
        OrderScope {
            me: self.user.id,
            staff: self.is_staff(),
            org,
            locations,
        }
    }

    /// The orders this person may submit: their order scope, with `order_submit`.
    pub fn order_submit(&self) -> Result<OrderScope, ApiError> {
        let scope = self.orders()?;
        self.require_module(Module::OrderSubmit)?;
        Ok(scope)
    }

    /// Whose shifts and timesheets this person sees (needs `timesheets`).
    pub fn timesheets(&self) -> Result<TimesheetScope, ApiError> {
        self.require_module(Module::Timesheets)?;
        Ok(TimesheetScope(match &self.scope {
            Scope::Worker => Whose::Own(self.user.id),
            Scope::Staff | Scope::Organization { .. } => Whose::Places(self.orders_unchecked()),
        }))
    }

    /// Approvers of timesheets: clients for their locations, and staff.
    pub fn timesheet_approver(&self) -> Result<TimesheetScope, ApiError> {
        let scope = self.timesheets()?;
        if scope.is_worker() {
            return Err(ApiError::Forbidden("workers do not approve timesheets"));
        }
        Ok(scope)
    }

    /// Which projects this person sees (needs `projects`): the organisation
    /// and locations, as for orders. Workers see none.
    pub fn projects(&self) -> Result<ProjectScope, ApiError> {
        self.require_module(Module::Projects)?;
        if self.scope == Scope::Worker {
            return Err(ApiError::Forbidden("projects are for clients and staff"));
        }
        Ok(self.orders_unchecked())
    }

    /// Which tasks this person sees (needs `tasks`): a worker only those
    /// assigned to them; clients their organisation's within their
    /// locations; staff all.
    pub fn tasks(&self) -> Result<TaskScope, ApiError> {
        self.require_module(Module::Tasks)?;
        Ok(TaskScope {
            me: self.user.id,
            whose: match &self.scope {
                Scope::Worker => Whose::Own(self.user.id),
                Scope::Staff | Scope::Organization { .. } => Whose::Places(self.orders_unchecked()),
            },
        })
    }

    /// Which standalone threads this person takes part in (needs
    /// `messages`): staff all, a contact their organisation's that are
    /// open to all its contacts or name them. Workers none.
    pub fn conversations(&self) -> Result<ConversationScope, ApiError> {
        self.require_module(Module::Messages)?;
        let org = match &self.scope {
            Scope::Staff => None,
            Scope::Organization { id, .. } => Some(*id),
            Scope::Worker => {
                return Err(ApiError::Forbidden("threads are for clients and staff"));
            }
        };
        Ok(ConversationScope {
            me: self.user.id,
            staff: self.is_staff(),
            org,
        })
    }

    /// What hangs off tickets, orders, timesheets, projects, tasks and
    /// standalone threads (threads, files, events), and invoices' and
    /// quotes' events: whichever this person may see. None is 403, as for
    /// tickets alone.
    pub fn reach(&self) -> Result<Reach, ApiError> {
        let reach = Reach {
            me: self.user.id,
            staff: self.is_staff(),
            tickets: self.tickets().ok(),
            orders: self.orders().ok(),
            timesheets: self.timesheets().ok(),
            projects: self.projects().ok(),
            tasks: self.tasks().ok(),
            conversations: self.conversations().ok(),
            invoices: self.invoices().ok(),
            quotes: self.quotes().ok(),
        };
        let none = reach.tickets.is_none()
            && reach.orders.is_none()
            && reach.timesheets.is_none()
            && reach.projects.is_none()
            && reach.tasks.is_none()
            && reach.conversations.is_none()
            && reach.invoices.is_none()
            && reach.quotes.is_none();
        match self.tickets() {
            Err(e) if none => Err(e),
            _ => Ok(reach),
        }
    }

    /// Whose invoices this person sees (needs `invoices`).
    pub fn invoices(&self) -> Result<BillingScope, ApiError> {
        self.billing(Module::Invoices)
    }

    /// Whose quotes this person sees (needs `quotes`).
    pub fn quotes(&self) -> Result<BillingScope, ApiError> {
        self.billing(Module::Quotes)
    }

    /// Invoices and quotes: staff all, a client their organisation's
    /// (whatever their locations: billing is the organisation's), workers none.
    fn billing(&self, module: Module) -> Result<BillingScope, ApiError> {
        self.require_module(module)?;
        let org = match &self.scope {
            Scope::Staff => None,
            Scope::Organization { id, .. } => Some(*id),
            Scope::Worker => {
                return Err(ApiError::Forbidden(
                    "invoices and quotes are for clients and staff",
                ));
            }
        };
        Ok(BillingScope {
            me: self.user.id,
            staff: self.is_staff(),
            org,
        })
    }

    /// Which knowledge-base articles and support forms this person may
    /// read (needs `knowledge`).
    pub fn knowledge(&self) -> Result<KnowledgeScope, ApiError> {
        self.require_module(Module::Knowledge)?;
        Ok(self.reader())
    }

    /// A signed-in reader: staff see everything, a client what their
    /// organisation's tags open, anyone else the public part.
    fn reader(&self) -> KnowledgeScope {
        KnowledgeScope {
            staff: self.is_staff(),
            org: match &self.scope {
                Scope::Organization { id, .. } => Some(*id),
                Scope::Staff | Scope::Worker => None,
            },
        }
    }

    /// Which support forms this person may use: clients with `tickets`
    /// (forms open tickets), by the articles' visibility rule; staff all.
    pub fn support_forms(&self) -> Result<KnowledgeScope, ApiError> {
        self.tickets()?;
        Ok(self.reader())
    }

    pub fn require_module(&self, m: Module) -> Result<(), ApiError> {
        if self.modules.contains(&m) {
            Ok(())
        } else {
            Err(ApiError::Forbidden("this module is not enabled for you"))
        }
    }
}

/// Every scope at its widest, as staff see everything: what a live event
/// carries before each subscriber's stream narrows it to their own. Only
/// publishing uses it.
pub struct Everything {
    pub tickets: TicketScope,
    pub orders: OrderScope,
    pub timesheets: TimesheetScope,
    pub projects: ProjectScope,
    pub tasks: TaskScope,
    pub conversations: ConversationScope,
}

pub fn everything() -> Everything {
    Everything {
        tickets: TicketScope {
            me: 0,
            staff: true,
            org: None,
            requester: None,
            floor: 0,
            team: None,
        },
        orders: OrderScope::everything(0),
        timesheets: TimesheetScope::everything(0),
        projects: OrderScope::everything(0),
        tasks: TaskScope {
            me: 0,
            whose: Whose::Places(OrderScope::everything(0)),
        },
        conversations: ConversationScope {
            me: 0,
            staff: true,
            org: None,
        },
    }
}

/// Knowledge-base articles (and support forms) a reader sees: public ones
/// always, every client's and their tags' for a client, all for staff.
#[derive(Debug, Clone)]
pub struct KnowledgeScope {
    staff: bool,
    /// The client's organisation, whose tags open `tags` articles.
    org: Option<Id>,
}

impl KnowledgeScope {
    /// Someone not signed in: public articles only, unless the portal
    /// switched the knowledge base off.
    pub fn anonymous(disabled: &[Module]) -> Result<KnowledgeScope, ApiError> {
        if disabled.contains(&Module::Knowledge) {
            return Err(ApiError::Forbidden("this module is not enabled for you"));
        }
        Ok(KnowledgeScope {
            staff: false,
            org: None,
        })
    }

    pub fn staff(&self) -> bool {
        self.staff
    }

    /// The client's organisation, whose tags open `tags` articles.
    pub fn org(&self) -> Option<Id> {
        self.org
    }
}

/// Tickets a person sees, in the terms the store puts into SQL.
#[derive(Debug, Clone)]
pub struct TicketScope {
    me: Id,
    staff: bool,
    /// `Some` limits to one organisation.
    org: Option<Id>,
    /// `Some` limits to tickets this person opened.
    requester: Option<Id>,
    /// Tickets created before this (Unix seconds) are hidden.
    floor: i64,
    team: Option<String>,
}

impl TicketScope {
    pub fn me(&self) -> Id {
        self.me
    }

    pub fn staff(&self) -> bool {
        self.staff
    }

    /// `Some` limits to one organisation.
    pub fn org(&self) -> Option<Id> {
        self.org
    }

    /// `Some` limits to tickets this person opened.
    pub fn requester(&self) -> Option<Id> {
        self.requester
    }

    /// Tickets created before this (Unix seconds) are hidden.
    pub fn floor(&self) -> i64 {
        self.floor
    }

    /// The staff member's team, for the Team view.
    pub fn team(&self) -> &Option<String> {
        &self.team
    }
}

/// Orders a person sees, in the terms the store puts into SQL.
#[derive(Debug, Clone)]
pub struct OrderScope {
    me: Id,
    staff: bool,
    /// `Some` limits to one organisation.
    org: Option<Id>,
    /// `Some` limits to these locations of it.
    locations: Option<Vec<Id>>,
}

impl OrderScope {
    pub fn me(&self) -> Id {
        self.me
    }

    pub fn staff(&self) -> bool {
        self.staff
    }

    /// `Some` limits to one organisation.
    pub fn org(&self) -> Option<Id> {
        self.org
    }

    /// `Some` limits to these locations of it.
    pub fn locations(&self) -> &Option<Vec<Id>> {
        &self.locations
    }

    /// Staff's view of everything: used to build events.
    fn everything(me: Id) -> Self {
        OrderScope {
            me,
            staff: true,
            org: None,
            locations: None,
        }
    }

    /// Whether an order of `org` at `location` is in this scope.
    pub fn covers(&self, org: Id, location: Id) -> bool {
        self.org.is_none_or(|o| o == org)
            && self
                .locations
                .as_ref()
                .is_none_or(|l| l.contains(&location))
    }
}

/// Invoices and quotes a person sees: staff every organisation's, drafts
/// included; a client only their organisation's, never drafts.
#[derive(Debug, Clone)]
pub struct BillingScope {
    me: Id,
    staff: bool,
    org: Option<Id>,
}

impl BillingScope {
    pub fn me(&self) -> Id {
        self.me
    }

    /// Staff see drafts and may write.
    pub fn staff(&self) -> bool {
        self.staff
    }

    /// `Some` limits to one organisation.
    pub fn org(&self) -> Option<Id> {
        self.org
    }

    /// Staff only, for routes that write invoices and quotes.
    pub fn require_staff(&self) -> Result<(), ApiError> {
        if self.staff {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "invoices and quotes are written by staff",
            ))
        }
    }
}

/// Whose shifts and timesheet entries a person sees.
#[derive(Debug, Clone)]
pub struct TimesheetScope(Whose);

#[derive(Debug, Clone)]
enum Whose {
    /// A worker: their own, and nothing of the organisations behind them.
    Own(Id),
    /// Clients and staff: the organisation and locations, as for orders.
    Places(OrderScope),
}

impl Whose {
    /// As SQL parameters: worker, organisation, JSON locations.
    fn params(&self) -> (Option<Id>, Option<Id>, Option<String>) {
        match self {
            Whose::Own(me) => (Some(*me), None, None),
            Whose::Places(p) => (
                None,
                p.org,
                p.locations.as_deref().map(crate::store::to_json),
            ),
        }
    }
}

impl TimesheetScope {
    /// Staff's view of everything: used to build events.
    fn everything(me: Id) -> Self {
        TimesheetScope(Whose::Places(OrderScope::everything(me)))
    }

    /// The worker whose own this scope is, if it is a worker's.
    pub fn worker(&self) -> Option<Id> {
        match &self.0 {
            Whose::Own(me) => Some(*me),
            Whose::Places(_) => None,
        }
    }

    /// Whether work by `worker` at `location` of `org` is in this scope.
    pub fn covers(&self, worker: Id, org: Id, location: Id) -> bool {
        match &self.0 {
            Whose::Own(me) => *me == worker,
            Whose::Places(places) => places.covers(org, location),
        }
    }

    /// The scope as SQL parameters: worker, organisation, JSON locations.
    pub fn params(&self) -> (Option<Id>, Option<Id>, Option<String>) {
        self.0.params()
    }

    pub fn is_worker(&self) -> bool {
        matches!(self.0, Whose::Own(_))
    }

    /// `value` as this scope may see it: workers get `for_worker` of it.
    pub fn narrow<T>(&self, value: T, for_worker: fn(T) -> T) -> T {
        if self.is_worker() {
            for_worker(value)
        } else {
            value
        }
    }
}

/// Projects keep to an organisation and its locations exactly as orders do.
pub type ProjectScope = OrderScope;

/// Which tasks a person sees.
#[derive(Debug, Clone)]
pub struct TaskScope {
    me: Id,
    whose: Whose,
}

impl TaskScope {
    pub fn me(&self) -> Id {
        self.me
    }

    pub fn staff(&self) -> bool {
        matches!(&self.whose, Whose::Places(p) if p.staff)
    }

    /// Whether a task of `org`, assigned to `assignee`, at `location` (the
    /// project's, if any) is in this scope.
    pub fn covers(&self, assignee: Option<Id>, org: Id, location: Option<Id>) -> bool {
        match &self.whose {
            Whose::Own(me) => assignee == Some(*me),
            Whose::Places(p) => {
                p.org.is_none_or(|o| o == org)
                    && location
                        .is_none_or(|l| p.locations.as_ref().is_none_or(|ls| ls.contains(&l)))
            }
        }
    }

    /// The scope as SQL parameters: worker, organisation, JSON locations.
    pub fn params(&self) -> (Option<Id>, Option<Id>, Option<String>) {
        self.whose.params()
    }
}

/// Which standalone threads a person takes part in.
#[derive(Debug, Clone)]
pub struct ConversationScope {
    me: Id,
    staff: bool,
    /// `Some` limits to one organisation (and its threads open to the person).
    org: Option<Id>,
}

impl ConversationScope {
    pub fn me(&self) -> Id {
        self.me
    }

    pub fn staff(&self) -> bool {
        self.staff
    }

    pub fn org(&self) -> Option<Id> {
        self.org
    }

    /// Whether a thread with `org`, naming `participants` (none: everyone
    /// of it), is in this scope.
    pub fn covers(&self, org: Id, participants: &[Id]) -> bool {
        self.staff
            || (self.org == Some(org)
                && (participants.is_empty() || participants.contains(&self.me)))
    }
}

/// What a person may reach; at least one is `Some`.
#[derive(Debug, Clone)]
pub struct Reach {
    me: Id,
    staff: bool,
    tickets: Option<TicketScope>,
    orders: Option<OrderScope>,
    timesheets: Option<TimesheetScope>,
    projects: Option<ProjectScope>,
    tasks: Option<TaskScope>,
    conversations: Option<ConversationScope>,
    invoices: Option<BillingScope>,
    quotes: Option<BillingScope>,
}

impl Reach {
    pub fn me(&self) -> Id {
        self.me
    }

    pub fn staff(&self) -> bool {
        self.staff
    }

    pub fn tickets(&self) -> Option<&TicketScope> {
        self.tickets.as_ref()
    }

    pub fn orders(&self) -> Option<&OrderScope> {
        self.orders.as_ref()
    }

    pub fn timesheets(&self) -> Option<&TimesheetScope> {
        self.timesheets.as_ref()
    }

    pub fn projects(&self) -> Option<&ProjectScope> {
        self.projects.as_ref()
    }

    pub fn tasks(&self) -> Option<&TaskScope> {
        self.tasks.as_ref()
    }

    pub fn conversations(&self) -> Option<&ConversationScope> {
        self.conversations.as_ref()
    }

    pub fn invoices(&self) -> Option<&BillingScope> {
        self.invoices.as_ref()
    }

    pub fn quotes(&self) -> Option<&BillingScope> {
        self.quotes.as_ref()
    }
}

/// The earliest ticket a client may see under the organisation's history rule.
pub fn ticket_floor(
    rule: TicketHistory,
    since: Option<i64>,
    access_granted_at: Option<i64>,
) -> i64 {
    match rule {
        TicketHistory::All => 0,
        TicketHistory::SinceDate => since.unwrap_or(0),
        TicketHistory::SinceAccess => access_granted_at.unwrap_or(0),
    }
}

/// The modules a person may use. Staff have every module; a global switch
/// beats any organisation default or personal override for everyone else.
pub fn effective_modules(
    user: &User,
    org_defaults: Option<&[Module]>,
    disabled: &[Module],
) -> Vec<Module> {
    if user.role.is_staff() {
        return Module::ALL.to_vec();
    }
    let granted: &[Module] = match (&user.modules, user.role) {
        (Some(own), _) => own,
        (None, Role::Worker) => WORKER_DEFAULTS,
        (None, _) => org_defaults.unwrap_or(&[]),
    };
    Module::ALL
        .iter()
        .copied()
        .filter(|m| granted.contains(m) && !disabled.contains(m))
        .collect()
}

/// Whether a client contact may use the portal at all.
pub fn portal_open(access: PortalAccess, selected: bool) -> bool {
    match access {
        PortalAccess::Off => false,
        PortalAccess::All => true,
        PortalAccess::Selected => selected,
    }
}

/// The scope that follows from a person's role and organisation.
pub fn scope_of(user: &User) -> Scope {
    match (user.role, user.organization_id) {
        (Role::Admin | Role::Agent, _) => Scope::Staff,
        (Role::Client, Some(id)) => Scope::Organization {
            id,
            locations: user.location_ids.clone(),
        },
        // A client without an organisation cannot exist (a CHECK forbids it);
        // should one appear, it sees no more than a worker.
        (Role::Client | Role::Worker, _) => Scope::Worker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portico_shared::UserStatus;

    fn user(role: Role, modules: Option<Vec<Module>>) -> User {
        User {
            id: 1,
            email: "a@b.co".into(),
            name: "A".into(),
            role,
            status: UserStatus::Active,
            organization_id: (role == Role::Client).then_some(7),
            modules,
            location_ids: None,
            portal_selected: false,
            ticket_scope: Visibility::Organization,
            team: None,
            created_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn override_beats_default_and_switch_beats_both() {
        let defaults = [Module::Tickets, Module::Orders];
        let c = user(Role::Client, None);
        assert_eq!(
            effective_modules(&c, Some(&defaults), &[]),
            vec![Module::Orders, Module::Tickets]
        );
        let c = user(Role::Client, Some(vec![Module::Invoices, Module::Orders]));
        assert_eq!(
            effective_modules(&c, Some(&defaults), &[]),
            vec![Module::Orders, Module::Invoices]
        );
        assert_eq!(
            effective_modules(&c, Some(&defaults), &[Module::Orders]),
            vec![Module::Invoices]
        );
    }

    #[test]
    fn staff_keep_every_module_under_switches() {
        let a = user(Role::Agent, None);
        assert_eq!(
            effective_modules(&a, None, &[Module::Orders]).len(),
            Module::ALL.len()
        );
    }

    #[test]
    fn order_scope_covers_only_its_organisation_and_locations() {
        let all = OrderScope {
            me: 1,
            staff: false,
            org: Some(7),
            locations: None,
        };
        assert!(all.covers(7, 3) && !all.covers(8, 3));
        let some = OrderScope {
            locations: Some(vec![3]),
            ..all
        };
        assert!(some.covers(7, 3) && !some.covers(7, 4) && !some.covers(8, 3));
    }

    #[test]
    fn portal_access_modes() {
        assert!(!portal_open(PortalAccess::Off, true));
        assert!(portal_open(PortalAccess::All, false));
        assert!(portal_open(PortalAccess::Selected, true));
        assert!(!portal_open(PortalAccess::Selected, false));
    }
}
