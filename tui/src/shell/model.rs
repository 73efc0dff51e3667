//! The shell's model: which screen is up, each screen's state, the one
//! modal on top, and the status line. Server text in here is already
//! sanitised.

use portico_shared::{Branding, Id, Module, OrderStatus, Role, Ticket, TicketStatus, Timestamp};

use crate::load::Load;
use crate::screens::login::LoginForm;
use crate::screens::tickets::{AssignForm, Compose};
use crate::screens::timesheets::RejectForm;
use crate::shell::msg::Effect;
use crate::shell::session::Session;
use crate::widgets::form::FormDraft;

/// The screens: sign-in and the dashboard are the shell's; the rest are
/// the modules' (each module's screens are listed in `registry.rs`).
macro_rules! screen_enum {
    ($($name:ident: $folder:ident ($msg:ident, $fx:ident) [$($screen:ident),*]),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Screen {
            Login,
            Dashboard,
            $($($screen,)*)*
        }
    };
}

crate::shell::registry::screens!(screen_enum);

/// A question that must be answered before something destructive happens.
#[derive(Debug)]
pub struct Confirm {
    pub question: String,
    pub then: Pending,
    /// The editor or form to return to when the answer is no.
    pub back: Option<Box<Modal>>,
}

/// What a confirmation lets through.
#[derive(Debug, Clone)]
pub enum Pending {
    Status {
        ids: Vec<Id>,
        status: TicketStatus,
    },
    /// Drop the editor or form kept in `Confirm::back`.
    Discard,
    /// Work that needs nothing but the yes: a module's effects.
    Run(Vec<Effect>),
    /// Work that reads or marks the model when it starts.
    Then(fn(&mut App) -> Vec<Effect>),
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
    /// Something to read (and copy) before going on, such as an invite
    /// code the server shows once.
    Notice(Notice),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub title: String,
    pub lines: Vec<String>,
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

/// What the last frame drew that update needs, recorded by the shell's view
/// once per frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The furthest the thread on screen (a ticket's or an order's) scrolls.
    pub thread_max_scroll: usize,
}

#[derive(Debug)]
pub struct App {
    pub server: String,
    pub branding: Load<Branding>,
    pub screen: Screen,
    pub login: LoginForm,
    /// Everything of the signed-in account, dropped whole at sign-out and
    /// at an account switch.
    pub session: Session,
    pub modal: Modal,
    pub status: Option<Status>,
    pub live: LiveState,
    pub size: (u16, u16),
    pub now: Timestamp,
    pub quit: bool,
    /// Set when the model changed and the screen must be redrawn.
    pub dirty: bool,
    /// `NO_COLOR` is set: draw without colours (selection stays in reverse video).
    pub no_color: bool,
    /// What the last frame drew that update reads.
    pub drawn: std::cell::Cell<Drawn>,
}

impl App {
    pub fn new(server: &str, now: Timestamp, size: (u16, u16)) -> App {
        App {
            server: server.to_owned(),
            branding: Load::Loading,
            screen: Screen::Login,
            login: LoginForm::default(),
            session: Session::default(),
            modal: Modal::None,
            status: None,
            live: LiveState::Off,
            size,
            now,
            quit: false,
            dirty: true,
            no_color: false,
            drawn: std::cell::Cell::default(),
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.session.me.as_ref().map(|m| m.user.role)
    }

    pub fn is_staff(&self) -> bool {
        self.role().is_some_and(Role::is_staff)
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    pub fn my_id(&self) -> Option<Id> {
        self.session.me.as_ref().map(|m| m.user.id)
    }

    pub fn has_module(&self, m: Module) -> bool {
        self.session
            .me
            .as_ref()
            .is_some_and(|me| me.modules.contains(&m))
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
    pub fn palette_has(&self) -> crate::shell::palette::Has {
        crate::shell::palette::Has {
            approver: self.approves_timesheets(),
            worker: self.clocks(),
            admin: self.is_admin(),
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
        self.session
            .me
            .as_ref()
            .filter(|m| !m.user.role.is_staff())
            .and_then(|m| m.locations.first())
            .map_or_else(|| "UTC".to_owned(), |l| l.timezone.clone())
    }

    /// The time zone of location `id` (orders name their location without
    /// it); the home zone for a location this person does not see.
    pub fn location_zone(&self, id: Id) -> String {
        self.session
            .me
            .as_ref()
            .and_then(|m| m.locations.iter().find(|l| l.id == id))
            .map_or_else(|| self.home_zone(), |l| l.timezone.clone())
    }

    pub fn overdue(&self, t: &Ticket) -> bool {
        !t.status.is_done() && t.deadline.is_some_and(|d| d < self.now)
    }
}

/// The location filter after `current`: every location (`None`), then
/// each of the person's locations in turn.
pub fn next_location(app: &App, current: Option<portico_shared::Id>) -> Option<portico_shared::Id> {
    let ids: Vec<portico_shared::Id> = app
        .session
        .me
        .as_ref()
        .map(|m| m.locations.iter().map(|l| l.id).collect())
        .unwrap_or_default();
    match current {
        None => ids.first().copied(),
        Some(cur) => ids
            .iter()
            .position(|&id| id == cur)
            .and_then(|i| ids.get(i + 1))
            .copied(),
    }
}

/// The name of location `id` among the person's, for a filter's label.
pub fn location_name(app: &App, id: Option<portico_shared::Id>) -> String {
    let Some(id) = id else {
        return "all".to_owned();
    };
    app.session
        .me
        .as_ref()
        .and_then(|m| m.locations.iter().find(|l| l.id == id))
        .map_or_else(|| format!("#{id}"), |l| l.name.clone())
}
