//! The model: which screen is up, each screen's state, the one modal on top,
//! and the status line. Server text in here is already sanitised.

mod orders;
mod timesheets;

use std::collections::{BTreeMap, BTreeSet};

use portico_shared::{
    Attachment, Branding, ClockAction, Id, Me, Message, Module, OrderStatus, PersonRef, Role,
    Ticket, TicketQuery, TicketSort, TicketStatus, TicketTab, TicketView, Timestamp,
};
use ratatui_textarea::TextArea;

pub use self::orders::{OrderList, OrderPane, OrderView, next_status, status_label, status_tabs};
pub use self::timesheets::{
    Board, ClockView, RejectForm, Week, entry_status_label, monday_of, shift_state_label,
    sort_entries, sort_shifts,
};
use crate::action::Effect;
use crate::form::FormDraft;

/// Something fetched: not yet, here, or failed.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Loading,
    Ready(T),
    Failed(String),
}

impl<T> Load<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(t) => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Login,
    Dashboard,
    Tickets,
    Detail,
    Orders,
    Order,
    /// Who's working: today's shifts (clients and staff with timesheets).
    Working,
    /// A week of timesheet entries: approvers decide, workers submit.
    Timesheets,
    /// A worker's clock.
    Clock,
}

/// A sign-in the demo offers on its login screen.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoAccount {
    pub label: String,
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoginField {
    #[default]
    Email,
    Password,
}

#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub focus: LoginField,
    pub busy: bool,
    pub error: Option<String>,
    pub demo: Vec<DemoAccount>,
    pub demo_index: usize,
}

/// One number on the dashboard: `(count, more exist)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub label: &'static str,
    pub query: TicketQuery,
    pub value: Load<(usize, bool)>,
}

#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    pub counts: Vec<Count>,
    /// Staff: assigned to me, by deadline. Clients: their open tickets.
    pub mine: Load<Vec<Ticket>>,
}

/// Which slice of tickets the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    View(TicketView),
    Client(TicketTab),
}

impl Tab {
    pub fn label(self) -> &'static str {
        match self {
            Tab::View(TicketView::Unassigned) => "Unassigned",
            Tab::View(TicketView::Mine) => "Mine",
            Tab::View(TicketView::Team) => "Team",
            Tab::View(TicketView::Overdue) => "Overdue",
            Tab::View(TicketView::All) => "All",
            Tab::Client(TicketTab::Open) => "Open",
            Tab::Client(TicketTab::Closed) => "Closed",
        }
    }

    pub fn all(staff: bool) -> Vec<Tab> {
        if staff {
            TicketView::ALL.iter().map(|v| Tab::View(*v)).collect()
        } else {
            TicketTab::ALL.iter().map(|t| Tab::Client(*t)).collect()
        }
    }
}

#[derive(Debug, Clone)]
pub struct TicketList {
    pub tab: Tab,
    pub filter: String,
    /// `None`: the view's own order (newest first; Mine by deadline).
    pub sort: Option<TicketSort>,
    /// The filter when the filter line opened (Esc goes back to it), and
    /// the count of its edits (only the last one's pause fetches).
    pub filter_before: String,
    pub filter_edits: u64,
    pub items: Vec<Ticket>,
    pub next_cursor: Option<String>,
    /// A page is on its way; its answer must carry this generation.
    pub loading: bool,
    pub generation: u64,
    pub error: Option<String>,
    pub selected: usize,
    /// The first row on screen; kept so scrolling is stable.
    pub offset: usize,
    pub marks: BTreeSet<Id>,
}

impl TicketList {
    pub fn new(tab: Tab) -> TicketList {
        TicketList {
            tab,
            filter: String::new(),
            sort: None,
            filter_before: String::new(),
            filter_edits: 0,
            items: Vec::new(),
            next_cursor: None,
            loading: true,
            generation: 0,
            error: None,
            selected: 0,
            offset: 0,
            marks: BTreeSet::new(),
        }
    }

    pub fn current(&self) -> Option<&Ticket> {
        self.items.get(self.selected)
    }

    /// The sort after this one: the view's own, then each of the server's.
    pub fn next_sort(&self) -> Option<TicketSort> {
        match self.sort {
            None => TicketSort::ALL.first().copied(),
            Some(s) => {
                let at = TicketSort::ALL.iter().position(|x| *x == s).unwrap_or(0);
                TicketSort::ALL.get(at + 1).copied()
            }
        }
    }

    /// What the header says of the sort.
    pub fn sort_label(&self) -> &'static str {
        self.sort.map_or("default", TicketSort::as_str)
    }

    pub fn query(&self) -> TicketQuery {
        let mut q = TicketQuery {
            limit: Some(100),
            q: (!self.filter.is_empty()).then(|| self.filter.clone()),
            sort: self.sort,
            ..TicketQuery::default()
        };
        match self.tab {
            Tab::View(v) => q.view = Some(v),
            Tab::Client(t) => q.tab = Some(t),
        }
        q
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetailPane {
    #[default]
    Thread,
    Attachments,
}

/// A message thread as shown under a ticket or an order.
#[derive(Debug, Clone)]
pub struct Thread {
    pub id: Id,
    pub messages: Load<Vec<Message>>,
    /// First line on screen.
    pub scroll: usize,
}

impl Thread {
    pub fn new(id: Id) -> Thread {
        Thread {
            id,
            messages: Load::Loading,
            scroll: 0,
        }
    }

    /// Every attachment in the thread, in order.
    pub fn attachments(&self) -> Vec<&Attachment> {
        self.messages
            .ready()
            .map(|ms| ms.iter().flat_map(|m| m.attachments.iter()).collect())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct Detail {
    pub id: Id,
    pub ticket: Load<Ticket>,
    pub thread: Thread,
    pub pane: DetailPane,
    pub attachment: usize,
}

impl Detail {
    pub fn new(ticket: Ticket) -> Detail {
        Detail {
            id: ticket.id,
            thread: Thread::new(ticket.thread_id),
            ticket: Load::Ready(ticket),
            pane: DetailPane::Thread,
            attachment: 0,
        }
    }

    /// Every attachment in the thread, in order.
    /// The files sent with the ticket itself, then those of its messages.
    pub fn attachments(&self) -> Vec<&Attachment> {
        let own = self.ticket.ready().into_iter().flat_map(|t| &t.attachments);
        own.chain(self.thread.attachments()).collect()
    }
}

/// What the compose editor is writing.
#[derive(Debug, Clone, PartialEq)]
pub enum ComposeKind {
    Reply { thread: Id, internal: bool },
    NewTicket,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ComposeField {
    Subject,
    #[default]
    Body,
}

#[derive(Debug)]
pub struct Compose {
    pub kind: ComposeKind,
    pub subject: String,
    pub body: TextArea<'static>,
    pub focus: ComposeField,
    pub sending: bool,
    /// What the server refused, field by field ("subject", "body").
    pub errors: Vec<portico_shared::FieldError>,
}

impl Compose {
    pub fn new(kind: ComposeKind) -> Compose {
        let focus = match kind {
            ComposeKind::NewTicket => ComposeField::Subject,
            ComposeKind::Reply { .. } => ComposeField::Body,
        };
        Compose {
            kind,
            subject: String::new(),
            body: TextArea::default(),
            focus,
            sending: false,
            errors: Vec::new(),
        }
    }

    pub fn text(&self) -> String {
        self.body.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.subject.trim().is_empty() && self.text().trim().is_empty()
    }

    /// The server's complaint about `field`, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssignField {
    #[default]
    Person,
    Deadline,
}

/// Choosing a person and a deadline for one ticket or the marked ones.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignForm {
    pub tickets: Vec<Id>,
    pub selected: usize,
    pub deadline: String,
    pub focus: AssignField,
    /// Only the deadline is being set (the assignee stays).
    pub deadline_only: bool,
    pub error: Option<String>,
}

/// A question that must be answered before something destructive happens.
#[derive(Debug)]
pub struct Confirm {
    pub question: String,
    pub then: Pending,
    /// The editor or form to return to when the answer is no.
    pub back: Option<Box<Modal>>,
}

/// What a confirmation lets through.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Status {
        ids: Vec<Id>,
        status: TicketStatus,
    },
    OrderStatus {
        id: Id,
        status: OrderStatus,
    },
    /// Approve these timesheet entries, all or none.
    Approve(Vec<Id>),
    /// A clock action that cannot be taken back (clocking out).
    Clock(ClockAction),
    /// Drop the editor or form kept in `Confirm::back`.
    Discard,
    Logout,
    Quit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub input: String,
    pub selected: usize,
}

#[derive(Debug, Default)]
pub enum Modal {
    #[default]
    None,
    Help,
    Palette(Palette),
    Filter(String),
    Confirm(Confirm),
    Assign(AssignForm),
    Compose(Box<Compose>),
    Form(Box<FormDraft>),
    Reject(RejectForm),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
    /// What the retry key does again.
    pub retry: Vec<Effect>,
    /// Info fades after a few ticks; errors stay until replaced.
    pub ticks_left: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveState {
    Off,
    Connecting,
    Connected,
}

#[derive(Debug)]
pub struct App {
    pub server: String,
    pub branding: Load<Branding>,
    pub me: Option<Me>,
    pub screen: Screen,
    pub login: LoginForm,
    pub dashboard: Dashboard,
    pub list: TicketList,
    pub detail: Option<Detail>,
    pub orders: OrderList,
    pub order: Option<OrderView>,
    pub board: Board,
    pub week: Week,
    pub clock: ClockView,
    pub modal: Modal,
    pub status: Option<Status>,
    pub staff: Load<Vec<PersonRef>>,
    /// Workers who can be put on order items (only admins may list them).
    pub workers: Load<Vec<PersonRef>>,
    /// Downloads under way: attachment id → (bytes so far, total).
    pub downloads: BTreeMap<Id, (u64, Option<u64>)>,
    pub live: LiveState,
    pub size: (u16, u16),
    pub now: Timestamp,
    pub quit: bool,
    /// Set when the model changed and the screen must be redrawn.
    pub dirty: bool,
    /// `NO_COLOR` is set: draw without colours (selection stays in reverse video).
    pub no_color: bool,
}

impl App {
    pub fn new(server: &str, now: Timestamp, size: (u16, u16)) -> App {
        App {
            server: server.to_owned(),
            branding: Load::Loading,
            me: None,
            screen: Screen::Login,
            login: LoginForm::default(),
            dashboard: Dashboard::default(),
            list: TicketList::new(Tab::Client(TicketTab::Open)),
            detail: None,
            orders: OrderList::default(),
            order: None,
            board: Board::default(),
            week: Week::default(),
            clock: ClockView::default(),
            modal: Modal::None,
            status: None,
            staff: Load::Loading,
            workers: Load::Loading,
            downloads: BTreeMap::new(),
            live: LiveState::Off,
            size,
            now,
            quit: false,
            dirty: true,
            no_color: false,
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.me.as_ref().map(|m| m.user.role)
    }

    pub fn is_staff(&self) -> bool {
        self.role().is_some_and(Role::is_staff)
    }

    pub fn my_id(&self) -> Option<Id> {
        self.me.as_ref().map(|m| m.user.id)
    }

    pub fn has_module(&self, m: Module) -> bool {
        self.me.as_ref().is_some_and(|me| me.modules.contains(&m))
    }

    /// Whether this person sees orders at all.
    pub fn sees_orders(&self) -> bool {
        self.has_module(Module::Orders)
    }

    pub fn is_worker(&self) -> bool {
        self.role() == Some(Role::Worker)
    }

    /// Whether this person has timesheets at all (their own, or to approve).
    pub fn sees_timesheets(&self) -> bool {
        self.has_module(Module::Timesheets)
    }

    /// Clients and staff with timesheets: Who's working, and approving.
    pub fn approves_timesheets(&self) -> bool {
        self.sees_timesheets() && !self.is_worker()
    }

    /// Workers with timesheets: the clock and their own week.
    pub fn clocks(&self) -> bool {
        self.sees_timesheets() && self.is_worker()
    }

    /// What the palette offers beyond the staff/client split.
    pub fn palette_has(&self) -> crate::palette::Has {
        crate::palette::Has {
            approver: self.approves_timesheets(),
            worker: self.clocks(),
        }
    }

    /// Whether this person submits orders from the app: a client with
    /// `order_submit` (staff order for an organisation from the CLI).
    pub fn submits_orders(&self) -> bool {
        !self.is_staff() && self.has_module(Module::Orders) && self.has_module(Module::OrderSubmit)
    }

    /// Whether this person may cancel an order in this status.
    pub fn may_cancel(&self, status: OrderStatus) -> bool {
        if self.is_staff() {
            status.is_open()
        } else {
            self.submits_orders() && status == OrderStatus::Submitted
        }
    }

    /// The time zone this person's times are read in where no location
    /// says otherwise (tickets, their threads): a client's or worker's
    /// first location's, else UTC, the server's zone.
    pub fn home_zone(&self) -> String {
        self.me
            .as_ref()
            .filter(|m| !m.user.role.is_staff())
            .and_then(|m| m.locations.first())
            .map_or_else(|| "UTC".to_owned(), |l| l.timezone.clone())
    }

    /// The time zone of location `id` (orders name their location without
    /// it); the home zone for a location this person does not see.
    pub fn location_zone(&self, id: Id) -> String {
        self.me
            .as_ref()
            .and_then(|m| m.locations.iter().find(|l| l.id == id))
            .map_or_else(|| self.home_zone(), |l| l.timezone.clone())
    }

    pub fn overdue(&self, t: &Ticket) -> bool {
        !t.status.is_done() && t.deadline.is_some_and(|d| d < self.now)
    }
}
