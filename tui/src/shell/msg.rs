//! The messages `update` takes: intents derived from keys and mouse, and the
//! results of background work; and the effects it asks the runtime to do.

use crossterm::event::KeyEvent;
use portico_shared::{
    Branding, Event, LoginResponse, Me, OrderEvent, Priority, TicketStatus, Timestamp,
    TotpChallenge,
};
use portico_shared::{ClockAction, ShiftEvent, TimesheetEvent};

use crate::failure::Outcome;
use crate::screens::account::msg::{AccountEffect, AccountMsg};
use crate::screens::admin::msg::{AdminEffect, AdminMsg};
use crate::screens::conversations::msg::{ConversationsEffect, ConversationsMsg};
use crate::screens::invoices::msg::{BillingEffect, BillingMsg};
use crate::screens::orders::msg::{OrdersEffect, OrdersMsg};
use crate::screens::projects::msg::{ProjectsEffect, ProjectsMsg};
use crate::screens::thread::msg::{ThreadEffect, ThreadMsg};
use crate::screens::tickets::msg::{TicketsEffect, TicketsMsg};
use crate::screens::timesheets::msg::{TimesheetsEffect, TimesheetsMsg};

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
    /// The sign-in screen: join with an invite code instead (or back).
    InviteCode,
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
    /// Invoices & quotes; a client accepts or declines the quote shown.
    Invoices,
    AcceptQuote,
    DeclineQuote,
    Projects,
    Tasks,
    /// Mark the selected task done.
    TaskDone,
    /// Standalone threads.
    Conversations,
    /// A client starts a standalone thread with staff.
    NewThread,
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
    /// Administration (admins): open it; invite; on a person, resend the
    /// invite, readmit or remove; the people filter; organisations.
    Admin,
    Invite,
    ResendInvite,
    Readmit,
    RemovePerson,
    PeopleStatus,
    NewOrganization,
    EditOrganization,
    OrgModules,
    /// Admins: sign the person under the cursor out everywhere.
    EndSessions,
    /// My account: open it; end the session under the cursor.
    Account,
    EndSession,
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
    /// A project or task changed (or a message arrived in its thread).
    Projects,
    /// A standalone thread began, or a message arrived in one.
    Conversation(Box<portico_shared::ConversationEvent>),
    /// Events were missed: refetch what is on screen.
    Resync,
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
    /// The password was right; the authenticator's code comes next.
    CodeNeeded(Box<TotpChallenge>),
    Me(Outcome<Box<Me>>),
    Live(Live),
    /// Text back from `$EDITOR`.
    Edited(Outcome<String>),
    LoggedOut,
    /// A note for the status line from background work.
    Info(String),
    /// The filter text of keystroke `seq` has stood for a moment.
    FilterSettled(u64),
    /// Answers for the tickets.
    Tickets(TicketsMsg),
    /// Answers for the orders.
    Orders(OrdersMsg),
    /// Answers for the timesheets.
    Timesheets(TimesheetsMsg),
    /// Answers for a thread.
    Thread(ThreadMsg),
    /// Answers for invoices and quotes.
    Billing(BillingMsg),
    /// Answers for the administration screen.
    Admin(AdminMsg),
    /// Answers for the account screen.
    Account(AccountMsg),
    /// Answers for projects and tasks.
    Projects(ProjectsMsg),
    /// Answers for the standalone threads.
    Conversations(ConversationsMsg),
}

/// Work for the runtime; `update` returns these as data and never does I/O.
#[derive(Debug, Clone)]
pub enum Effect {
    FetchBranding,
    Login {
        email: String,
        password: String,
    },
    /// Accept an invite: choose a password, and sign in with it.
    Join {
        code: String,
        password: String,
    },
    /// The second step of a two-factor sign-in.
    LoginCode {
        challenge: String,
        code: String,
    },
    FetchMe,
    StartLive,
    /// Answer `Action::FilterSettled(seq)` after a typing pause: the list
    /// filter is fetched when typing stops, not at every key.
    SettleFilter(u64),
    /// Suspend the screen and edit `text` in `$EDITOR`.
    EditExternally(String),
    Logout,
    /// Work for the tickets.
    Tickets(TicketsEffect),
    /// Work for the orders.
    Orders(OrdersEffect),
    /// Work for the timesheets.
    Timesheets(TimesheetsEffect),
    /// Work for a thread.
    Thread(ThreadEffect),
    /// Work for invoices and quotes.
    Billing(BillingEffect),
    /// Work for the administration screen.
    Admin(AdminEffect),
    /// Work for the account screen.
    Account(AccountEffect),
    /// Work for projects and tasks.
    Projects(ProjectsEffect),
    /// Work for the standalone threads.
    Conversations(ConversationsEffect),
}
