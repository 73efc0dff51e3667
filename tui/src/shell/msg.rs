//! The messages `update` takes: intents derived from keys and mouse, and the
//! results of background work; and the effects it asks the runtime to do.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use portico_shared::{
    Attachment, Branding, BulkAssign, BulkResult, Event, FieldError, Id, ItemInput, LoginResponse,
    Me, Message, NewMessage, NewOrder, NewTicket, Order, OrderDetail, OrderEvent, OrderForm,
    OrderItem, OrderPatch, OrderQuery, Page, PersonRef, Priority, Ticket, TicketPatch, TicketQuery,
    TicketStatus, Timestamp,
};
use portico_shared::{
    ClockAction, ClockStatus, EntryPatch, Shift, ShiftEvent, TimesheetEntry, TimesheetEvent,
    TimesheetList,
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
    /// What a refused form got wrong, field by field (already sanitised).
    pub fields: Vec<FieldError>,
}

impl Failure {
    pub fn new(message: &str) -> Failure {
        Failure {
            message: sanitize::line(message),
            unauthorized: false,
            not_found: false,
            fields: Vec::new(),
        }
    }

    /// A refusal naming one field, as the server's 422 answers do.
    pub fn field(field: &str, message: &str) -> Failure {
        let message = sanitize::line(message);
        Failure {
            fields: vec![FieldError {
                field: field.to_owned(),
                message: message.clone(),
            }],
            ..Failure::new(&message)
        }
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Failure {
            message: sanitize::line(&e.to_string()),
            unauthorized: e.is_unauthorized(),
            not_found: e.is_not_found(),
            fields: e.fields().to_vec(),
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
    /// The ticket list: the next sort order.
    CycleSort,
    Download,
    NextDemoAccount,
    Orders,
    NewOrder,
    /// Orders: the next location filter.
    Location,
    /// Staff move an order on to its next stage.
    Advance,
    CancelOrder,
    AddItem,
    EditItem,
    AttachDeliverable,
    DownloadAll,
    /// Who's working, the timesheet week, the worker's clock.
    Working,
    Timesheets,
    ClockScreen,
    /// The timesheet week before or after the one shown.
    PrevWeek,
    NextWeek,
    /// Approve the marked entries, or the selected one.
    Approve,
    /// Reject the selected entry, with a reason.
    Reject,
    /// A worker submits the selected draft or rejected entry.
    SubmitEntry,
    /// A worker changes the selected draft or rejected entry in a form.
    EditEntry,
    Clock(ClockAction),
    /// Forms: send, switch field, leave.
    Submit,
    NextField,
    PrevField,
    /// Form choices: move between options, choose one.
    OptionPrev,
    OptionNext,
    ToggleOption,
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
    /// An order changed, or a message arrived in an order's thread.
    Order(Box<OrderEvent>),
    /// Someone clocked, or a shift was scheduled.
    Shift(Box<ShiftEvent>),
    /// A timesheet entry was written, submitted or decided.
    Timesheet(Box<TimesheetEvent>),
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
    Orders {
        generation: u64,
        append: bool,
        result: Outcome<Page<Order>>,
    },
    /// An order's detail, fetched.
    Order(Outcome<Box<OrderDetail>>),
    /// An order this person changed.
    OrderSaved(Outcome<Box<OrderDetail>>),
    /// The form new orders are submitted with.
    OrderForm(Outcome<Box<OrderForm>>),
    /// The order this person just submitted.
    OrderCreated(Outcome<Box<OrderDetail>>),
    ItemSaved {
        order: Id,
        result: Outcome<Box<OrderItem>>,
    },
    /// An order's deliverables after attaching one.
    Deliverables {
        order: Id,
        result: Outcome<Vec<Attachment>>,
    },
    Workers(Outcome<Vec<PersonRef>>),
    /// Who's working.
    Shifts {
        generation: u64,
        result: Outcome<Vec<Shift>>,
    },
    /// Where the worker stands at the clock.
    ClockStatus(Outcome<Box<ClockStatus>>),
    /// The answer to a clock action.
    Clocked {
        action: ClockAction,
        result: Outcome<Box<ClockStatus>>,
    },
    Timesheets {
        generation: u64,
        result: Outcome<TimesheetList>,
    },
    /// Entries approved together.
    Approved(Outcome<Vec<TimesheetEntry>>),
    /// An entry rejected, submitted or changed.
    EntrySaved(Outcome<Box<TimesheetEntry>>),
    /// Text back from `$EDITOR`.
    Edited(Outcome<String>),
    LoggedOut,
    /// A note for the status line from background work.
    Info(String),
    /// The filter text of keystroke `seq` has stood for a moment.
    FilterSettled(u64),
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
    FetchOrders {
        generation: u64,
        append: bool,
        query: OrderQuery,
    },
    FetchOrder(Id),
    PatchOrder {
        id: Id,
        patch: OrderPatch,
    },
    FetchOrderForm,
    /// Uploads the files (field key, path) into their fields, then submits.
    SubmitOrder {
        order: NewOrder,
        files: Vec<(String, PathBuf)>,
    },
    /// Adds an item (`item` absent) or replaces one.
    WriteItem {
        order: Id,
        item: Option<Id>,
        input: ItemInput,
    },
    /// Uploads a file and attaches it to the order as a deliverable.
    AttachDeliverable {
        order: Id,
        path: PathBuf,
    },
    FetchWorkers,
    /// Who's working today.
    FetchShifts {
        generation: u64,
        location: Option<Id>,
    },
    FetchClock,
    Clock(ClockAction),
    /// The entries of the week starting on `monday`.
    FetchTimesheets {
        generation: u64,
        monday: jiff::civil::Date,
    },
    Approve(Vec<Id>),
    Reject {
        id: Id,
        reason: String,
    },
    SubmitEntry(Id),
    /// A worker's changed draft or rejected entry.
    PatchEntry {
        id: Id,
        patch: EntryPatch,
    },
    StartLive,
    /// Answer `Action::FilterSettled(seq)` after a typing pause: the list
    /// filter is fetched when typing stops, not at every key.
    SettleFilter(u64),
    /// Suspend the screen and edit `text` in `$EDITOR`.
    EditExternally(String),
    Logout,
}
