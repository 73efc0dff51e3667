//! The messages `update` takes: intents derived from keys and mouse, and the
//! results of background work; and the effects it asks the runtime to do.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use portico_shared::{
    Attachment, Branding, BulkAssign, BulkResult, Event, Id, LoginResponse, Me, Message,
    NewMessage, NewTicket, Page, PersonRef, Priority, Ticket, TicketPatch, TicketQuery,
    TicketStatus, Timestamp,
};

use crate::client::ClientError;
use crate::sanitize;

/// A failed call, reduced to what the model shows: printable text and
/// whether the session has ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub message: String,
    pub unauthorized: bool,
    pub not_found: bool,
}

impl Failure {
    pub fn new(message: &str) -> Failure {
        Failure {
            message: sanitize::line(message),
            unauthorized: false,
            not_found: false,
        }
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Failure {
            message: sanitize::line(&e.to_string()),
            unauthorized: e.is_unauthorized(),
            not_found: e.is_not_found(),
        }
    }
}

pub type Outcome<T> = Result<T, Failure>;

/// Key-derived intents: plain data, so the key table can be listed in help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    Help,
    Palette,
    Filter,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    NextTab,
    PrevTab,
    Retry,
    Dashboard,
    Tickets,
    NewTicket,
    Reply,
    Note,
    Assign,
    AssignMe,
    Deadline,
    Status(TicketStatus),
    Priority(Priority),
    ToggleMark,
    ClearMarks,
    Download,
    NextDemoAccount,
    /// Forms: send, switch field, leave.
    Submit,
    NextField,
    Cancel,
    ExternalEditor,
    Yes,
    No,
}

/// Mouse intents, already reduced to what the app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp,
    ScrollDown,
    Click { column: u16, row: u16 },
}

/// Something that happened on the live event stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Live {
    Connected,
    Disconnected(String),
    Event(Box<Event>),
    /// Events were missed: refetch what is on screen.
    Resync,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Download {
    Progress { received: u64, total: Option<u64> },
    Done(Outcome<PathBuf>),
}

#[derive(Debug, Clone)]
pub enum Action {
    Cmd(Cmd),
    /// A key typed into the focused text field.
    Text(KeyEvent),
    Mouse(Mouse),
    Resize(u16, u16),
    /// Time passes (status messages expire, deadlines become overdue).
    Tick(Timestamp),
    Branding(Outcome<Branding>),
    LoggedIn(Outcome<Box<LoginResponse>>),
    Me(Outcome<Box<Me>>),
    Tickets {
        generation: u64,
        append: bool,
        result: Outcome<Page<Ticket>>,
    },
    Count {
        slot: usize,
        result: Outcome<(usize, bool)>,
    },
    Ticket(Outcome<Box<Ticket>>),
    /// The dashboard's own tickets (see `Dashboard::mine`).
    Mine(Outcome<Page<Ticket>>),
    Messages {
        thread: Id,
        result: Outcome<Page<Message>>,
    },
    /// A ticket changed by this person (patch, assign, create).
    Saved(Outcome<Box<Ticket>>),
    /// The ticket this person just opened in the compose editor.
    Created(Outcome<Box<Ticket>>),
    Bulk(Outcome<BulkResult>),
    Staff(Outcome<Vec<PersonRef>>),
    Posted(Outcome<Box<Message>>),
    Download {
        attachment: Id,
        event: Download,
    },
    Live(Live),
    /// Text back from `$EDITOR`.
    Edited(Outcome<String>),
    LoggedOut,
    /// A note for the status line from background work.
    Info(String),
}

/// Work for the runtime; `update` returns these as data and never does I/O.
#[derive(Debug, Clone)]
pub enum Effect {
    FetchBranding,
    Login {
        email: String,
        password: String,
    },
    FetchMe,
    FetchTickets {
        generation: u64,
        append: bool,
        query: TicketQuery,
    },
    FetchCount {
        slot: usize,
        query: TicketQuery,
    },
    FetchTicket(Id),
    FetchMine(TicketQuery),
    FetchMessages(Id),
    MarkRead(Id),
    Patch {
        id: Id,
        patch: TicketPatch,
    },
    BulkAssign(BulkAssign),
    FetchStaff,
    Post {
        thread: Id,
        message: NewMessage,
    },
    Create(NewTicket),
    Download(Attachment),
    StartLive,
    /// Suspend the screen and edit `text` in `$EDITOR`.
    EditExternally(String),
    Logout,
}
