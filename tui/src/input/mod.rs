//! Every key binding, in one table. `map_key` reads it to turn a key into an
//! action; the help overlay reads it to list the keys of the current view.

pub mod cmd;
pub mod edit;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use portico_shared::{ClockAction, Priority, TicketStatus};

use crate::input::cmd::Cmd;
use crate::screens::tickets::{AssignField, ComposeField};
use crate::shell::model::{App, Modal, Screen};
use crate::shell::msg::{Action, Mouse};

/// Where a binding applies. Modal contexts shadow everything below them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere, even while typing.
    Always,
    /// On every screen after sign-in, when no modal is open.
    Global,
    Login,
    Dashboard,
    List,
    Detail,
    Orders,
    Order,
    Working,
    Timesheets,
    Clock,
    /// Invoices & quotes: the lists, and one of them.
    Billing,
    BillingDoc,
    Projects,
    Project,
    /// A project's own thread.
    ProjectThread,
    Tasks,
    /// One task and its files.
    TaskOpen,
    Conversations,
    Conversation,
    Help,
    Palette,
    Filter,
    Confirm,
    Assign,
    Compose,
    /// A form (new order, item, deliverable).
    Form,
    /// A form whose focused field is a choice.
    FormPick,
    /// The new-ticket composer's organisation or requester field.
    ComposePick,
    /// A form's organisation field: typed to search, the arrows choose.
    FormOrg,
    /// Typing the reason an entry is rejected.
    Reject,
    /// Administration: people, organisations, the audit log.
    Admin,
    /// A notice to read before going on.
    NoticeBox,
    /// My account: sessions.
    AccountCtx,
    /// The knowledge base's list; its search line while typing; an article.
    Knowledge,
    KbSearch,
    Article,
    /// Staff: the ticket report.
    Reports,
    /// Admins: the mail status.
    MailCtx,
    /// Administration: one organisation's locations.
    AdminLocations,
    /// Admins: the order forms listed; a new form's organisation being
    /// picked; the field editor; a line typed in it.
    FormsList,
    FormsPick,
    FormEditor,
    FormTyping,
    /// Staff: the shift week grid; a shift being added or moved.
    ShiftGrid,
    ShiftDraft,
}

/// Who a binding is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anyone,
    Staff,
    Client,
    /// Anyone with the timesheets module.
    Timesheeter,
    /// Clients and staff with timesheets: Who's working, approving.
    Approver,
    /// Workers with timesheets: the clock, submitting their entries.
    Worker,
    /// Anyone with invoices or quotes.
    Biller,
    /// Admins: administration.
    Administrator,
    /// Clients and staff with projects.
    Projector,
    /// Anyone with tasks.
    Tasker,
    /// Clients and staff with messages: standalone threads.
    Talker,
    /// Staff viewing the app as a client contact.
    Viewing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub struct Binding {
    pub ctx: Ctx,
    pub who: Who,
    pub keys: &'static [Key],
    pub cmd: Cmd,
    pub help: &'static str,
}

const fn bind(ctx: Ctx, who: Who, keys: &'static [Key], cmd: Cmd, help: &'static str) -> Binding {
    Binding {
        ctx,
        who,
        keys,
        cmd,
        help,
    }
}

use Ctx::*;
use KeyCode::{BackTab, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up};
use Who::{
    Administrator, Anyone, Approver, Biller, Client, Projector, Staff, Talker, Tasker, Timesheeter,
    Viewing, Worker,
};

const UP: &[Key] = &[ch('k'), code(Up)];
const DOWN: &[Key] = &[ch('j'), code(Down)];

pub const BINDINGS: &[Binding] = &[
    bind(Always, Anyone, &[ctrl('c')], Cmd::Quit, "quit"),
    // Signing in.
    bind(Login, Anyone, &[code(Enter)], Cmd::Submit, "sign in"),
    bind(Login, Anyone, &[code(Tab)], Cmd::NextField, "next field"),
    bind(
        Login,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevField,
        "previous field",
    ),
    bind(
        Login,
        Anyone,
        &[code(F(2))],
        Cmd::NextDemoAccount,
        "next demo account",
    ),
    bind(
        Login,
        Anyone,
        &[code(F(3))],
        Cmd::InviteCode,
        "I have an invite code (or back to signing in)",
    ),
    bind(
        Login,
        Anyone,
        &[ctrl('r')],
        Cmd::Retry,
        "reach the server again",
    ),
    bind(Login, Anyone, &[code(Esc)], Cmd::Quit, "quit"),
    // Every screen after sign-in.
    bind(Global, Anyone, &[ch('q')], Cmd::Quit, "quit"),
    bind(
        Global,
        Anyone,
        &[ch('?')],
        Cmd::Help,
        "help: the keys of this view",
    ),
    bind(Global, Anyone, &[ch(':')], Cmd::Palette, "command palette"),
    bind(Global, Anyone, &[ctrl('r')], Cmd::Retry, "retry / refresh"),
    bind(Global, Anyone, &[ch('t')], Cmd::Tickets, "the tickets"),
    bind(Global, Anyone, &[ch('o')], Cmd::Orders, "the orders"),
    bind(Global, Approver, &[ch('w')], Cmd::Working, "who's working"),
    bind(
        Global,
        Timesheeter,
        &[ch('T')],
        Cmd::Timesheets,
        "the timesheet week",
    ),
    bind(Global, Worker, &[ch('c')], Cmd::ClockScreen, "your clock"),
    bind(
        Global,
        Biller,
        &[ch('i')],
        Cmd::Invoices,
        "invoices & quotes",
    ),
    bind(
        Global,
        Administrator,
        &[ch('A')],
        Cmd::Admin,
        "administration",
    ),
    bind(
        Global,
        Anyone,
        &[ch('S')],
        Cmd::Account,
        "your account: sessions, two-factor sign-in",
    ),
    // My account.
    bind(
        AccountCtx,
        Anyone,
        DOWN,
        Cmd::Down,
        "next row: sessions, then mail",
    ),
    bind(AccountCtx, Anyone, UP, Cmd::Up, "previous row"),
    bind(
        AccountCtx,
        Anyone,
        &[ch('d')],
        Cmd::EndSession,
        "sign that device out (asks first)",
    ),
    bind(
        AccountCtx,
        Anyone,
        &[ch('e')],
        Cmd::Enroll,
        "two-factor sign-in: turn it on (a QR code, then a code)",
    ),
    bind(
        AccountCtx,
        Anyone,
        &[ch(' ')],
        Cmd::ToggleOption,
        "turn the mail under the cursor on or off",
    ),
    // Administration.
    bind(Admin, Anyone, DOWN, Cmd::Down, "next row"),
    bind(Admin, Anyone, UP, Cmd::Up, "previous row"),
    bind(Admin, Anyone, &[ch('g'), code(Home)], Cmd::Top, "first row"),
    bind(
        Admin,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last row",
    ),
    bind(
        Admin,
        Anyone,
        &[code(PageDown), ctrl('d')],
        Cmd::PageDown,
        "page down",
    ),
    bind(
        Admin,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "page up",
    ),
    bind(
        Admin,
        Anyone,
        &[code(Tab)],
        Cmd::NextTab,
        "people / organisations / modules / audit log",
    ),
    bind(
        Admin,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevTab,
        "previous tab",
    ),
    bind(Admin, Anyone, &[ch('i')], Cmd::Invite, "invite a person"),
    bind(
        Admin,
        Anyone,
        &[ch('r')],
        Cmd::ResendInvite,
        "people: a new invite code",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('a')],
        Cmd::Readmit,
        "people: readmit a removed person",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('d')],
        Cmd::RemovePerson,
        "people: remove (asks first)",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('x')],
        Cmd::EndSessions,
        "people: sign out everywhere (asks first)",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('V')],
        Cmd::ViewAs,
        "people: see the app as this client contact, read-only",
    ),
    bind(
        Global,
        Viewing,
        &[ch('V')],
        Cmd::EndView,
        "leave the view of the contact",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('f')],
        Cmd::PeopleStatus,
        "filter: people by status, the audit log by kind",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('n')],
        Cmd::NewOrganization,
        "organisations: a new one",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('e')],
        Cmd::EditOrganization,
        "organisations: name, tags, welcome text",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('m')],
        Cmd::OrgModules,
        "organisations: its modules",
    ),
    bind(
        Admin,
        Anyone,
        &[ch(' ')],
        Cmd::ToggleMark,
        "modules: on or off for every client",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('l')],
        Cmd::OrgLocations,
        "organisations: its locations",
    ),
    bind(AdminLocations, Anyone, DOWN, Cmd::Down, "next location"),
    bind(AdminLocations, Anyone, UP, Cmd::Up, "previous location"),
    bind(
        AdminLocations,
        Anyone,
        &[ch('n')],
        Cmd::NewLocation,
        "a new location: name and time zone",
    ),
    bind(
        AdminLocations,
        Anyone,
        &[ch('e'), code(Enter)],
        Cmd::EditLocation,
        "rename it or change its time zone",
    ),
    bind(
        AdminLocations,
        Anyone,
        &[code(Esc), ch('h')],
        Cmd::Back,
        "back to the organisations",
    ),
    bind(
        Orders,
        Staff,
        &[ch('n')],
        Cmd::NewOrder,
        "new order for an organisation",
    ),
    bind(
        FormOrg,
        Staff,
        &[code(Down)],
        Cmd::OptionNext,
        "next organisation found",
    ),
    bind(
        FormOrg,
        Staff,
        &[code(Up)],
        Cmd::OptionPrev,
        "previous organisation found",
    ),
    bind(Global, Projector, &[ch('p')], Cmd::Projects, "the projects"),
    bind(Global, Tasker, &[ch('v')], Cmd::Tasks, "your tasks"),
    bind(
        Global,
        Talker,
        &[ch('M')],
        Cmd::Conversations,
        "threads (messages)",
    ),
    bind(
        Global,
        Anyone,
        &[ch('K')],
        Cmd::Knowledge,
        "the knowledge base",
    ),
    bind(
        Global,
        Staff,
        &[ch('E')],
        Cmd::Reports,
        "reports: ticket numbers and service levels",
    ),
    // The knowledge base.
    bind(Knowledge, Anyone, DOWN, Cmd::Down, "next article"),
    bind(Knowledge, Anyone, UP, Cmd::Up, "previous article"),
    bind(
        Knowledge,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first article",
    ),
    bind(
        Knowledge,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last article",
    ),
    bind(
        Knowledge,
        Anyone,
        &[code(Enter)],
        Cmd::Open,
        "read the article",
    ),
    bind(
        Knowledge,
        Anyone,
        &[ch('/')],
        Cmd::Filter,
        "search as you type",
    ),
    bind(
        Knowledge,
        Anyone,
        &[code(Tab)],
        Cmd::NextTab,
        "next category",
    ),
    bind(
        Knowledge,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevTab,
        "previous category",
    ),
    bind(Knowledge, Anyone, &[code(Esc)], Cmd::Back, "back"),
    bind(
        KbSearch,
        Anyone,
        &[code(Enter)],
        Cmd::Submit,
        "keep the search, back to the list",
    ),
    bind(
        KbSearch,
        Anyone,
        &[code(Esc)],
        Cmd::Cancel,
        "clear the search",
    ),
    bind(KbSearch, Anyone, &[code(Down)], Cmd::Down, "next article"),
    bind(KbSearch, Anyone, &[code(Up)], Cmd::Up, "previous article"),
    bind(Article, Anyone, DOWN, Cmd::Down, "scroll down"),
    bind(Article, Anyone, UP, Cmd::Up, "scroll up"),
    bind(
        Article,
        Anyone,
        &[code(PageDown), ctrl('d'), ch(' ')],
        Cmd::PageDown,
        "page down",
    ),
    bind(
        Article,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "page up",
    ),
    bind(Article, Anyone, &[ch('g'), code(Home)], Cmd::Top, "top"),
    bind(Article, Anyone, &[ch('G'), code(End)], Cmd::Bottom, "end"),
    bind(
        Article,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the articles",
    ),
    // Reports (staff).
    bind(
        Reports,
        Anyone,
        &[code(Left), ch('['), ch('h')],
        Cmd::PrevWeek,
        "the weeks before",
    ),
    bind(
        Reports,
        Anyone,
        &[code(Right), ch(']'), ch('l')],
        Cmd::NextWeek,
        "the weeks after",
    ),
    bind(Reports, Anyone, &[code(Esc)], Cmd::Back, "back"),
    // Mail status (admins).
    bind(MailCtx, Anyone, DOWN, Cmd::Down, "scroll down"),
    bind(MailCtx, Anyone, UP, Cmd::Up, "scroll up"),
    bind(
        MailCtx,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "to the top",
    ),
    bind(
        MailCtx,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to administration",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('s')],
        Cmd::MailStatus,
        "mail status: queued, failed, quarantined",
    ),
    // Standalone threads.
    bind(Conversations, Anyone, DOWN, Cmd::Down, "next thread"),
    bind(Conversations, Anyone, UP, Cmd::Up, "previous thread"),
    bind(
        Conversations,
        Anyone,
        &[code(Enter)],
        Cmd::Open,
        "open the thread",
    ),
    bind(
        Conversations,
        Client,
        &[ch('n')],
        Cmd::NewThread,
        "new thread with staff",
    ),
    bind(
        Conversations,
        Staff,
        &[ch('n')],
        Cmd::NewThread,
        "new thread with an organisation",
    ),
    bind(Conversation, Anyone, DOWN, Cmd::Down, "scroll down"),
    bind(Conversation, Anyone, UP, Cmd::Up, "scroll up"),
    bind(Conversation, Anyone, &[ch('r')], Cmd::Reply, "reply"),
    bind(
        Conversation,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the threads",
    ),
    // Projects.
    bind(Projects, Anyone, DOWN, Cmd::Down, "next project"),
    bind(Projects, Anyone, UP, Cmd::Up, "previous project"),
    bind(
        Projects,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first project",
    ),
    bind(
        Projects,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last project",
    ),
    bind(
        Projects,
        Anyone,
        &[code(Enter)],
        Cmd::Open,
        "open its timeline",
    ),
    bind(Project, Anyone, DOWN, Cmd::Down, "next task"),
    bind(Project, Anyone, UP, Cmd::Up, "previous task"),
    bind(
        Project,
        Anyone,
        &[ch('x')],
        Cmd::TaskDone,
        "mark the task done",
    ),
    bind(
        Project,
        Anyone,
        &[ch('m')],
        Cmd::OpenThread,
        "the project's thread (messages)",
    ),
    bind(ProjectThread, Anyone, DOWN, Cmd::Down, "scroll down"),
    bind(ProjectThread, Anyone, UP, Cmd::Up, "scroll up"),
    bind(ProjectThread, Anyone, &[ch('r')], Cmd::Reply, "reply"),
    bind(
        ProjectThread,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the project",
    ),
    bind(
        Project,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the projects",
    ),
    // Tasks.
    bind(Tasks, Anyone, DOWN, Cmd::Down, "next task"),
    bind(Tasks, Anyone, UP, Cmd::Up, "previous task"),
    bind(
        Tasks,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first task",
    ),
    bind(
        Tasks,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last task",
    ),
    bind(
        Tasks,
        Anyone,
        &[ch('x')],
        Cmd::TaskDone,
        "mark the task done",
    ),
    bind(
        Tasks,
        Anyone,
        &[code(Enter)],
        Cmd::Open,
        "open the task and its files",
    ),
    bind(TaskOpen, Anyone, DOWN, Cmd::Down, "next file"),
    bind(TaskOpen, Anyone, UP, Cmd::Up, "previous file"),
    bind(
        TaskOpen,
        Anyone,
        &[code(Enter), ch('s')],
        Cmd::Download,
        "download the chosen file",
    ),
    bind(
        TaskOpen,
        Anyone,
        &[ch('D')],
        Cmd::DownloadAll,
        "download every file",
    ),
    bind(
        TaskOpen,
        Anyone,
        &[ch('u')],
        Cmd::AttachToTask,
        "hand over a file (its path)",
    ),
    bind(
        TaskOpen,
        Anyone,
        &[ch('x')],
        Cmd::TaskDone,
        "mark the task done",
    ),
    bind(
        TaskOpen,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the tasks",
    ),
    bind(
        Tasks,
        Anyone,
        &[code(Tab), code(BackTab)],
        Cmd::NextTab,
        "mine / all",
    ),
    // Dashboard.
    bind(
        Dashboard,
        Anyone,
        &[code(Enter)],
        Cmd::Tickets,
        "open the tickets",
    ),
    bind(Dashboard, Anyone, &[ch('n')], Cmd::NewTicket, "new ticket"),
    // Ticket lists.
    bind(List, Anyone, DOWN, Cmd::Down, "next ticket"),
    bind(List, Anyone, UP, Cmd::Up, "previous ticket"),
    bind(
        List,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first ticket",
    ),
    bind(
        List,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last ticket",
    ),
    bind(
        List,
        Anyone,
        &[code(PageDown), ctrl('d')],
        Cmd::PageDown,
        "page down",
    ),
    bind(
        List,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "page up",
    ),
    bind(List, Anyone, &[code(Enter)], Cmd::Open, "open the ticket"),
    bind(List, Anyone, &[code(Tab)], Cmd::NextTab, "next view"),
    bind(
        List,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevTab,
        "previous view",
    ),
    bind(List, Anyone, &[ch('/')], Cmd::Filter, "filter by text"),
    bind(
        List,
        Anyone,
        &[ch('s')],
        Cmd::CycleSort,
        "sort: the next order",
    ),
    bind(List, Anyone, &[ch('n')], Cmd::NewTicket, "new ticket"),
    bind(
        List,
        Anyone,
        &[code(Esc)],
        Cmd::Dashboard,
        "back to the dashboard",
    ),
    bind(
        List,
        Staff,
        &[ch('a')],
        Cmd::Assign,
        "assign + deadline (marked/current)",
    ),
    bind(List, Staff, &[ch('m')], Cmd::AssignMe, "assign to me, next"),
    bind(List, Staff, &[ch('d')], Cmd::Deadline, "set the deadline"),
    bind(
        List,
        Staff,
        &[ch(' '), ch('x')],
        Cmd::ToggleMark,
        "mark for bulk assign, next",
    ),
    bind(List, Staff, &[ch('u')], Cmd::ClearMarks, "clear the marks"),
    bind(
        List,
        Staff,
        &[ch('O')],
        Cmd::Status(TicketStatus::Open),
        "status open, next",
    ),
    bind(
        List,
        Staff,
        &[ch('P')],
        Cmd::Status(TicketStatus::Pending),
        "status pending, next",
    ),
    bind(
        List,
        Anyone,
        &[ch('R')],
        Cmd::Status(TicketStatus::Resolved),
        "mark resolved, next",
    ),
    bind(
        List,
        Staff,
        &[ch('C')],
        Cmd::Status(TicketStatus::Closed),
        "close (asks first)",
    ),
    bind(
        List,
        Staff,
        &[ch('1')],
        Cmd::Priority(Priority::Low),
        "priority low, next",
    ),
    bind(
        List,
        Staff,
        &[ch('2')],
        Cmd::Priority(Priority::Normal),
        "priority normal, next",
    ),
    bind(
        List,
        Staff,
        &[ch('3')],
        Cmd::Priority(Priority::High),
        "priority high, next",
    ),
    bind(
        List,
        Staff,
        &[ch('4')],
        Cmd::Priority(Priority::Urgent),
        "priority urgent, next",
    ),
    // A ticket.
    bind(
        Detail,
        Anyone,
        DOWN,
        Cmd::Down,
        "scroll down / next attachment",
    ),
    bind(
        Detail,
        Anyone,
        UP,
        Cmd::Up,
        "scroll up / previous attachment",
    ),
    bind(
        Detail,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "top of the thread",
    ),
    bind(
        Detail,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "end of the thread",
    ),
    bind(
        Detail,
        Anyone,
        &[code(PageDown), ctrl('d')],
        Cmd::PageDown,
        "page down",
    ),
    bind(
        Detail,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "page up",
    ),
    bind(
        Detail,
        Anyone,
        &[code(Tab)],
        Cmd::NextTab,
        "thread / attachments pane",
    ),
    bind(
        Detail,
        Anyone,
        &[code(Enter), ch('s')],
        Cmd::Download,
        "download the attachment",
    ),
    bind(Detail, Anyone, &[ch('r')], Cmd::Reply, "reply"),
    bind(Detail, Staff, &[ch('i')], Cmd::Note, "internal note"),
    bind(Detail, Anyone, &[code(Esc)], Cmd::Back, "back to the list"),
    bind(
        Detail,
        Staff,
        &[ch('a')],
        Cmd::Assign,
        "assign with deadline",
    ),
    bind(Detail, Staff, &[ch('m')], Cmd::AssignMe, "assign to me"),
    bind(Detail, Staff, &[ch('d')], Cmd::Deadline, "set the deadline"),
    bind(
        Detail,
        Staff,
        &[ch('O')],
        Cmd::Status(TicketStatus::Open),
        "status open",
    ),
    bind(
        Detail,
        Staff,
        &[ch('P')],
        Cmd::Status(TicketStatus::Pending),
        "status pending",
    ),
    bind(
        Detail,
        Anyone,
        &[ch('R')],
        Cmd::Status(TicketStatus::Resolved),
        "mark resolved",
    ),
    bind(
        Detail,
        Staff,
        &[ch('C')],
        Cmd::Status(TicketStatus::Closed),
        "close (asks first)",
    ),
    bind(
        Detail,
        Staff,
        &[ch('1')],
        Cmd::Priority(Priority::Low),
        "priority low",
    ),
    bind(
        Detail,
        Staff,
        &[ch('2')],
        Cmd::Priority(Priority::Normal),
        "priority normal",
    ),
    bind(
        Detail,
        Staff,
        &[ch('3')],
        Cmd::Priority(Priority::High),
        "priority high",
    ),
    bind(
        Detail,
        Staff,
        &[ch('4')],
        Cmd::Priority(Priority::Urgent),
        "priority urgent",
    ),
    // Orders.
    bind(Orders, Anyone, DOWN, Cmd::Down, "next order"),
    bind(Orders, Anyone, UP, Cmd::Up, "previous order"),
    bind(
        Orders,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first order",
    ),
    bind(
        Orders,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last order",
    ),
    bind(
        Orders,
        Anyone,
        &[code(PageDown), ctrl('d')],
        Cmd::PageDown,
        "page down",
    ),
    bind(
        Orders,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "page up",
    ),
    bind(Orders, Anyone, &[code(Enter)], Cmd::Open, "open the order"),
    bind(Orders, Anyone, &[code(Tab)], Cmd::NextTab, "next status"),
    bind(
        Orders,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevTab,
        "previous status",
    ),
    bind(
        Orders,
        Anyone,
        &[ch('l')],
        Cmd::Location,
        "next location (all, then each)",
    ),
    bind(Orders, Client, &[ch('n')], Cmd::NewOrder, "new order"),
    bind(
        Orders,
        Staff,
        &[ch('>')],
        Cmd::Advance,
        "move on to the next stage (asks first)",
    ),
    bind(
        Orders,
        Anyone,
        &[ch('X')],
        Cmd::CancelOrder,
        "cancel the order (asks first)",
    ),
    bind(
        Orders,
        Anyone,
        &[code(Esc)],
        Cmd::Dashboard,
        "back to the dashboard",
    ),
    // An order.
    bind(
        Order,
        Anyone,
        DOWN,
        Cmd::Down,
        "next item or file / scroll down",
    ),
    bind(
        Order,
        Anyone,
        UP,
        Cmd::Up,
        "previous item or file / scroll up",
    ),
    bind(
        Order,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "top of the thread",
    ),
    bind(
        Order,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "end of the thread",
    ),
    bind(
        Order,
        Anyone,
        &[code(PageDown), ctrl('d')],
        Cmd::PageDown,
        "thread page down",
    ),
    bind(
        Order,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "thread page up",
    ),
    bind(
        Order,
        Anyone,
        &[code(Tab)],
        Cmd::NextTab,
        "items / deliverables / thread",
    ),
    bind(
        Order,
        Anyone,
        &[code(Enter), ch('s')],
        Cmd::Download,
        "download the chosen deliverable",
    ),
    bind(
        Order,
        Anyone,
        &[ch('D')],
        Cmd::DownloadAll,
        "download every deliverable",
    ),
    bind(Order, Anyone, &[ch('r')], Cmd::Reply, "reply"),
    bind(Order, Staff, &[ch('i')], Cmd::Note, "internal note"),
    bind(
        Order,
        Staff,
        &[ch('>')],
        Cmd::Advance,
        "move on to the next stage (asks first)",
    ),
    bind(
        Order,
        Anyone,
        &[ch('X')],
        Cmd::CancelOrder,
        "cancel the order (asks first)",
    ),
    bind(Order, Staff, &[ch('+')], Cmd::AddItem, "add an item"),
    bind(
        Order,
        Staff,
        &[ch('e')],
        Cmd::EditItem,
        "change the chosen item",
    ),
    bind(
        Order,
        Staff,
        &[ch('u')],
        Cmd::AttachDeliverable,
        "attach a deliverable (a file's path)",
    ),
    bind(Order, Anyone, &[code(Esc)], Cmd::Back, "back to the orders"),
    // Who's working.
    bind(Working, Anyone, DOWN, Cmd::Down, "next shift"),
    bind(Working, Anyone, UP, Cmd::Up, "previous shift"),
    bind(
        Working,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first shift",
    ),
    bind(
        Working,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last shift",
    ),
    bind(
        Working,
        Anyone,
        &[ch('l')],
        Cmd::Location,
        "next location (all, then each)",
    ),
    bind(
        Working,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the dashboard",
    ),
    // The timesheet week.
    bind(Timesheets, Anyone, DOWN, Cmd::Down, "next entry"),
    bind(Timesheets, Anyone, UP, Cmd::Up, "previous entry"),
    bind(
        Timesheets,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first entry",
    ),
    bind(
        Timesheets,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last entry",
    ),
    bind(
        Timesheets,
        Anyone,
        &[code(PageDown), ctrl('d')],
        Cmd::PageDown,
        "page down",
    ),
    bind(
        Timesheets,
        Anyone,
        &[code(PageUp), ctrl('u')],
        Cmd::PageUp,
        "page up",
    ),
    bind(
        Timesheets,
        Anyone,
        &[code(Left), ch('['), ch('h')],
        Cmd::PrevWeek,
        "the week before",
    ),
    bind(
        Timesheets,
        Anyone,
        &[code(Right), ch(']'), ch('l')],
        Cmd::NextWeek,
        "the week after",
    ),
    bind(
        Timesheets,
        Approver,
        &[ch(' '), ch('x')],
        Cmd::ToggleMark,
        "mark for approving together, next",
    ),
    bind(
        Timesheets,
        Approver,
        &[ch('u')],
        Cmd::ClearMarks,
        "clear the marks",
    ),
    bind(
        Timesheets,
        Approver,
        &[ch('a')],
        Cmd::Approve,
        "approve (the marked ones after asking)",
    ),
    bind(
        Timesheets,
        Approver,
        &[ch('r')],
        Cmd::Reject,
        "reject, with a reason",
    ),
    bind(
        Timesheets,
        Worker,
        &[ch('s')],
        Cmd::SubmitEntry,
        "submit the draft or rejected entry",
    ),
    bind(
        Timesheets,
        Worker,
        &[ch('e')],
        Cmd::EditEntry,
        "change the draft or rejected entry; read why it was rejected",
    ),
    bind(Timesheets, Anyone, &[code(Esc)], Cmd::Back, "back"),
    // The worker's clock.
    bind(
        Clock,
        Worker,
        &[ch('i')],
        Cmd::Clock(ClockAction::In),
        "clock in",
    ),
    bind(
        Clock,
        Worker,
        &[ch('b')],
        Cmd::Clock(ClockAction::Break),
        "start a break",
    ),
    bind(
        Clock,
        Worker,
        &[ch('r')],
        Cmd::Clock(ClockAction::Resume),
        "end the break",
    ),
    bind(
        Clock,
        Worker,
        &[ch('o')],
        Cmd::Clock(ClockAction::Out),
        "clock out (asks first)",
    ),
    // Invoices & quotes.
    bind(Billing, Anyone, DOWN, Cmd::Down, "next"),
    bind(Billing, Anyone, UP, Cmd::Up, "previous"),
    bind(Billing, Anyone, &[ch('g'), code(Home)], Cmd::Top, "first"),
    bind(Billing, Anyone, &[ch('G'), code(End)], Cmd::Bottom, "last"),
    bind(Billing, Anyone, &[code(Enter)], Cmd::Open, "open"),
    bind(
        Billing,
        Anyone,
        &[code(Tab), code(BackTab)],
        Cmd::NextTab,
        "invoices / quotes",
    ),
    bind(
        Billing,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the dashboard",
    ),
    bind(
        BillingDoc,
        Client,
        &[ch('a')],
        Cmd::AcceptQuote,
        "accept the quote (asks first)",
    ),
    bind(
        BillingDoc,
        Client,
        &[ch('x')],
        Cmd::DeclineQuote,
        "decline the quote (asks first)",
    ),
    bind(
        BillingDoc,
        Anyone,
        &[ch('d')],
        Cmd::Download,
        "save the invoice's PDF",
    ),
    bind(
        BillingDoc,
        Anyone,
        &[ch('b')],
        Cmd::OpenPaymentLink,
        "open the payment page in the browser",
    ),
    bind(
        BillingDoc,
        Staff,
        &[ch('s')],
        Cmd::SendDraft,
        "send the draft (asks first)",
    ),
    bind(
        BillingDoc,
        Staff,
        &[ch('r')],
        Cmd::RecordPayment,
        "record a payment",
    ),
    bind(
        BillingDoc,
        Staff,
        &[ch('e')],
        Cmd::EditDraft,
        "edit the draft's lines (live totals)",
    ),
    bind(
        BillingDoc,
        Staff,
        &[ch('X')],
        Cmd::VoidInvoice,
        "void the invoice (asks first)",
    ),
    bind(
        Billing,
        Staff,
        &[ch('n')],
        Cmd::NewDraft,
        "new draft invoice or quote (the list shown)",
    ),
    bind(
        BillingDoc,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the list",
    ),
    // Rejecting an entry.
    bind(Reject, Anyone, &[code(Enter)], Cmd::Submit, "reject"),
    bind(Reject, Anyone, &[code(Esc)], Cmd::Cancel, "cancel"),
    // Forms.
    bind(Form, Anyone, &[ctrl('s')], Cmd::Submit, "send"),
    bind(Form, Anyone, &[code(Tab)], Cmd::NextField, "next field"),
    bind(
        Form,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevField,
        "previous field",
    ),
    bind(
        Form,
        Anyone,
        &[code(Esc)],
        Cmd::Cancel,
        "cancel (asks if anything would be lost)",
    ),
    bind(
        FormPick,
        Anyone,
        &[code(Left), ch('h')],
        Cmd::OptionPrev,
        "previous option",
    ),
    bind(
        FormPick,
        Anyone,
        &[code(Right), ch('l')],
        Cmd::OptionNext,
        "next option",
    ),
    bind(
        FormPick,
        Anyone,
        &[ch(' '), ch('x')],
        Cmd::ToggleOption,
        "choose or drop the option",
    ),
    bind(
        FormPick,
        Anyone,
        &[code(Enter), code(Down), ch('j')],
        Cmd::NextField,
        "next field",
    ),
    bind(
        FormPick,
        Anyone,
        &[code(Up), ch('k')],
        Cmd::PrevField,
        "previous field",
    ),
    // Modals.
    bind(
        Help,
        Anyone,
        &[code(Esc), ch('?'), ch('q')],
        Cmd::Cancel,
        "close help",
    ),
    bind(
        Palette,
        Anyone,
        &[code(Enter)],
        Cmd::Submit,
        "run the command",
    ),
    bind(
        Palette,
        Anyone,
        &[code(Down), code(Tab)],
        Cmd::Down,
        "next command",
    ),
    bind(
        Palette,
        Anyone,
        &[code(Up), code(BackTab)],
        Cmd::Up,
        "previous command",
    ),
    bind(Palette, Anyone, &[code(Esc)], Cmd::Cancel, "close"),
    bind(
        Filter,
        Anyone,
        &[code(Enter)],
        Cmd::Submit,
        "apply the filter",
    ),
    bind(Filter, Anyone, &[code(Esc)], Cmd::Cancel, "cancel"),
    bind(
        NoticeBox,
        Anyone,
        &[code(Enter), code(Esc)],
        Cmd::Cancel,
        "close",
    ),
    bind(Confirm, Anyone, &[ch('y')], Cmd::Yes, "yes"),
    bind(Confirm, Anyone, &[ch('n'), code(Esc)], Cmd::No, "no"),
    bind(Assign, Anyone, &[code(Enter)], Cmd::Submit, "assign"),
    bind(
        Assign,
        Anyone,
        &[code(Tab), code(BackTab)],
        Cmd::NextField,
        "person / deadline",
    ),
    bind(Assign, Anyone, DOWN, Cmd::Down, "next person"),
    bind(Assign, Anyone, UP, Cmd::Up, "previous person"),
    bind(Assign, Anyone, &[code(Esc)], Cmd::Cancel, "cancel"),
    bind(
        ComposePick,
        Staff,
        &[code(Down)],
        Cmd::OptionNext,
        "next organisation or person",
    ),
    bind(
        ComposePick,
        Staff,
        &[code(Up)],
        Cmd::OptionPrev,
        "previous organisation or person",
    ),
    bind(
        ComposePick,
        Staff,
        &[code(Enter)],
        Cmd::NextField,
        "next field",
    ),
    bind(
        ComposePick,
        Staff,
        &[ch(' ')],
        Cmd::ToggleOption,
        "a new thread: add or remove the contact shown",
    ),
    bind(Compose, Anyone, &[ctrl('s')], Cmd::Submit, "send"),
    bind(
        Compose,
        Client,
        &[ctrl('f')],
        Cmd::UseForm,
        "new ticket: use one of your support forms",
    ),
    bind(
        Compose,
        Anyone,
        &[ctrl('e')],
        Cmd::ExternalEditor,
        "edit in $EDITOR",
    ),
    bind(
        Compose,
        Anyone,
        &[code(Tab)],
        Cmd::NextField,
        "next field (new ticket)",
    ),
    bind(
        Compose,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevField,
        "previous field (new ticket)",
    ),
    bind(
        Compose,
        Anyone,
        &[code(Esc)],
        Cmd::Cancel,
        "cancel (asks if text would be lost)",
    ),
    // Administration: the order forms and the shift grid.
    bind(
        Admin,
        Anyone,
        &[ch('F')],
        Cmd::OrderForms,
        "order forms: the fields of each form",
    ),
    bind(
        Admin,
        Anyone,
        &[ch('W')],
        Cmd::ShiftWeek,
        "shift scheduling: a week per location",
    ),
    bind(FormsList, Anyone, DOWN, Cmd::Down, "next form"),
    bind(FormsList, Anyone, UP, Cmd::Up, "previous form"),
    bind(
        FormsList,
        Anyone,
        &[ch('g'), code(Home)],
        Cmd::Top,
        "first form",
    ),
    bind(
        FormsList,
        Anyone,
        &[ch('G'), code(End)],
        Cmd::Bottom,
        "last form",
    ),
    bind(
        FormsList,
        Anyone,
        &[code(Enter)],
        Cmd::Open,
        "edit its fields",
    ),
    bind(
        FormsList,
        Anyone,
        &[ch('n')],
        Cmd::NewOrderForm,
        "a form of its own for one organisation (type to find it)",
    ),
    bind(
        FormsList,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to administration",
    ),
    bind(
        FormsPick,
        Anyone,
        &[code(Down)],
        Cmd::OptionNext,
        "next organisation",
    ),
    bind(
        FormsPick,
        Anyone,
        &[code(Up)],
        Cmd::OptionPrev,
        "previous organisation",
    ),
    bind(
        FormsPick,
        Anyone,
        &[code(Enter)],
        Cmd::Submit,
        "edit the chosen organisation's form",
    ),
    bind(FormsPick, Anyone, &[code(Esc)], Cmd::Cancel, "cancel"),
    // Typing takes `?` as text here, so help is on F1.
    bind(FormsPick, Anyone, &[code(F(1))], Cmd::Help, "help"),
    bind(FormEditor, Anyone, DOWN, Cmd::Down, "next field"),
    bind(FormEditor, Anyone, UP, Cmd::Up, "previous field"),
    bind(
        FormEditor,
        Anyone,
        &[ch('J')],
        Cmd::MoveFieldDown,
        "move the field down",
    ),
    bind(
        FormEditor,
        Anyone,
        &[ch('K')],
        Cmd::MoveFieldUp,
        "move the field up",
    ),
    bind(
        FormEditor,
        Anyone,
        &[ch('a')],
        Cmd::AddField,
        "add a field after this one (type its label)",
    ),
    bind(
        FormEditor,
        Anyone,
        &[ch('x'), code(KeyCode::Delete)],
        Cmd::RemoveField,
        "remove the field",
    ),
    bind(
        FormEditor,
        Anyone,
        &[code(Tab)],
        Cmd::NextField,
        "next property",
    ),
    bind(
        FormEditor,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevField,
        "previous property",
    ),
    bind(
        FormEditor,
        Anyone,
        &[code(Left), ch('h')],
        Cmd::OptionPrev,
        "the field's type: previous",
    ),
    bind(
        FormEditor,
        Anyone,
        &[code(Right), ch('l')],
        Cmd::OptionNext,
        "the field's type: next",
    ),
    bind(
        FormEditor,
        Anyone,
        &[ch(' ')],
        Cmd::ToggleOption,
        "required or not",
    ),
    bind(
        FormEditor,
        Anyone,
        &[code(Enter)],
        Cmd::Open,
        "edit the property: label, key, options (comma-separated)",
    ),
    bind(
        FormEditor,
        Anyone,
        &[ch('N')],
        Cmd::RenameForm,
        "rename the form",
    ),
    bind(
        FormEditor,
        Anyone,
        &[ctrl('s')],
        Cmd::Submit,
        "save as the next version (refused if someone saved since)",
    ),
    bind(
        FormEditor,
        Anyone,
        &[code(Esc)],
        Cmd::Back,
        "back to the forms (asks if changes would be lost)",
    ),
    bind(
        FormTyping,
        Anyone,
        &[code(Enter)],
        Cmd::Submit,
        "keep what was typed",
    ),
    bind(
        FormTyping,
        Anyone,
        &[code(Esc)],
        Cmd::Cancel,
        "drop what was typed",
    ),
    bind(FormTyping, Anyone, &[code(F(1))], Cmd::Help, "help"),
    bind(
        ShiftGrid,
        Anyone,
        &[code(Left), ch('h')],
        Cmd::DayPrev,
        "the day before",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[code(Right), ch('l')],
        Cmd::DayNext,
        "the day after",
    ),
    bind(ShiftGrid, Anyone, DOWN, Cmd::Down, "next shift of the day"),
    bind(ShiftGrid, Anyone, UP, Cmd::Up, "previous shift of the day"),
    bind(
        ShiftGrid,
        Anyone,
        &[ch('[')],
        Cmd::PrevWeek,
        "the week before",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[ch(']')],
        Cmd::NextWeek,
        "the week after",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[code(Tab)],
        Cmd::NextTab,
        "next location",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevTab,
        "previous location",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[ch('a')],
        Cmd::AddShift,
        "add a shift: worker, day, start, end",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[ch('m')],
        Cmd::MoveShift,
        "move the shift to another day or time",
    ),
    bind(
        ShiftGrid,
        Anyone,
        &[ch('d')],
        Cmd::CancelShift,
        "cancel the shift (asks first)",
    ),
    bind(ShiftGrid, Anyone, &[code(Esc)], Cmd::Back, "back"),
    bind(
        ShiftDraft,
        Anyone,
        &[code(Tab)],
        Cmd::NextField,
        "next field",
    ),
    bind(
        ShiftDraft,
        Anyone,
        &[code(BackTab)],
        Cmd::PrevField,
        "previous field",
    ),
    bind(
        ShiftDraft,
        Anyone,
        &[code(Down)],
        Cmd::OptionNext,
        "next worker",
    ),
    bind(
        ShiftDraft,
        Anyone,
        &[code(Up)],
        Cmd::OptionPrev,
        "previous worker",
    ),
    bind(
        ShiftDraft,
        Anyone,
        &[code(Enter), ctrl('s')],
        Cmd::Submit,
        "save the shift",
    ),
    bind(ShiftDraft, Anyone, &[code(Esc)], Cmd::Cancel, "cancel"),
    bind(
        ShiftDraft,
        Anyone,
        &[ch('?')],
        Cmd::Help,
        "help (on the worker row; elsewhere ? is typed)",
    ),
];

/// The contexts in force, innermost first.
pub fn contexts(app: &App) -> Vec<Ctx> {
    let modal = match &app.modal {
        Modal::None => None,
        Modal::Help => Some(Help),
        Modal::Palette(_) => Some(Palette),
        Modal::Filter(_) => Some(Filter),
        Modal::Confirm(_) => Some(Confirm),
        Modal::Assign(_) => Some(Assign),
        Modal::Compose(c) if c.picking() => return vec![ComposePick, Compose, Always],
        Modal::Compose(_) => Some(Compose),
        Modal::Form(d)
            if d.focused()
                .is_some_and(|r| matches!(r.input, crate::widgets::form::Input::Org(_))) =>
        {
            return vec![FormOrg, Form, Always];
        }
        Modal::Form(d) if d.focused().is_some_and(|r| !r.takes_text()) => {
            return vec![FormPick, Form, Always];
        }
        Modal::Form(_) => Some(Form),
        Modal::Reject(_) => Some(Reject),
        Modal::Notice(_) => Some(NoticeBox),
    };
    if let Some(m) = modal {
        return vec![m, Always];
    }
    screen_contexts(app)
}

/// The contexts of the screen under any modal (what help lists).
pub fn screen_contexts(app: &App) -> Vec<Ctx> {
    match app.screen {
        Screen::Login => vec![Login, Always],
        Screen::Dashboard => vec![Dashboard, Global, Always],
        Screen::Tickets => vec![List, Global, Always],
        Screen::Detail => vec![Detail, Global, Always],
        Screen::Orders => vec![Orders, Global, Always],
        Screen::Order => vec![Order, Global, Always],
        Screen::Working => vec![Working, Global, Always],
        Screen::Timesheets => vec![Timesheets, Global, Always],
        Screen::Clock => vec![Clock, Global, Always],
        Screen::Billing => vec![Billing, Global, Always],
        Screen::BillingDoc => vec![BillingDoc, Global, Always],
        Screen::Admin if app.session.admin.locations_open().is_some() => {
            vec![AdminLocations, Global, Always]
        }
        Screen::Admin => vec![Admin, Global, Always],
        Screen::Account => vec![AccountCtx, Global, Always],
        Screen::Projects => vec![Projects, Global, Always],
        Screen::Project => vec![Project, Global, Always],
        Screen::ProjectThread => vec![ProjectThread, Global, Always],
        Screen::Tasks => vec![Tasks, Global, Always],
        Screen::Task => vec![TaskOpen, Global, Always],
        Screen::Conversations => vec![Conversations, Global, Always],
        Screen::Conversation => vec![Conversation, Global, Always],
        Screen::Knowledge if app.session.knowledge.list.searching => vec![KbSearch, Always],
        Screen::Knowledge => vec![Knowledge, Global, Always],
        Screen::Article => vec![Article, Global, Always],
        Screen::Reports => vec![Reports, Global, Always],
        Screen::Mail => vec![MailCtx, Global, Always],
        Screen::OrderForms if app.session.forms.picking.is_some() => vec![FormsPick, Always],
        Screen::OrderForms => vec![FormsList, Global, Always],
        Screen::OrderFormEdit
            if app
                .session
                .forms
                .editor
                .as_ref()
                .is_some_and(|e| e.typing.is_some()) =>
        {
            vec![FormTyping, Always]
        }
        Screen::OrderFormEdit => vec![FormEditor, Global, Always],
        Screen::ShiftWeek if app.session.shifts.draft.is_some() => vec![ShiftDraft, Always],
        Screen::ShiftWeek => vec![ShiftGrid, Global, Always],
    }
}

fn for_me(app: &App, who: Who) -> bool {
    match who {
        Anyone => true,
        Staff => app.is_staff(),
        Client => !app.is_staff(),
        Timesheeter => app.sees_timesheets(),
        Approver => app.approves_timesheets(),
        Worker => app.clocks(),
        Biller => crate::screens::invoices::update::sees_billing(app),
        Administrator => app.is_admin(),
        Projector => app.has_module(portico_shared::Module::Projects) && !app.is_worker(),
        Tasker => app.has_module(portico_shared::Module::Tasks),
        Talker => app.has_module(portico_shared::Module::Messages) && !app.is_worker(),
        Viewing => app.viewed_by().is_some(),
    }
}

/// The bindings help shows for the current view. A key the view itself
/// uses does the view's thing there (`map_key` looks innermost first), so a
/// wider meaning of the same keys is left out: each key listed once.
pub fn help_for(app: &App) -> Vec<&'static Binding> {
    let mut claimed: Vec<&Key> = Vec::new();
    let mut shown = Vec::new();
    for c in screen_contexts(app) {
        for b in BINDINGS.iter().filter(|b| b.ctx == c && for_me(app, b.who)) {
            if b.keys.iter().all(|k| claimed.contains(&k)) {
                continue;
            }
            claimed.extend(b.keys.iter());
            shown.push(b);
        }
    }
    shown
}

/// Typed text goes to the focused field where one has focus.
fn takes_text(app: &App) -> bool {
    match &app.modal {
        // On the composer's "asked by" / "with" row the arrows choose and
        // Space adds a contact: nothing is typed there.
        Modal::Compose(c) => c.focus != ComposeField::Requester,
        Modal::Palette(_) | Modal::Filter(_) | Modal::Reject(_) => true,
        Modal::Assign(f) => f.focus == AssignField::Deadline,
        Modal::Form(d) => d.focused().is_some_and(|r| r.takes_text()),
        Modal::None => app.screen == Screen::Login || crate::shell::route::takes_text(app),
        Modal::Help | Modal::Confirm(_) | Modal::Notice(_) => false,
    }
}

/// Shifted letters arrive with SHIFT set; the table names them by their case.
fn normalise(key: &KeyEvent) -> Key {
    let mut mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    if !matches!(key.code, KeyCode::Char(_)) {
        mods |= key.modifiers & KeyModifiers::SHIFT;
    }
    let code = match key.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        c => c,
    };
    Key { code, mods }
}

pub fn map_key(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let k = normalise(&key);
    // BackTab may carry SHIFT; the table lists it bare.
    let bare = Key {
        code: k.code,
        mods: k.mods - KeyModifiers::SHIFT,
    };
    let text = takes_text(app);
    for ctx in contexts(app) {
        for b in BINDINGS
            .iter()
            .filter(|b| b.ctx == ctx && for_me(app, b.who))
        {
            let plain_char = matches!(k.code, KeyCode::Char(_)) && k.mods.is_empty();
            // While typing, plain characters are text, not commands.
            if text && plain_char && ctx != Confirm {
                continue;
            }
            if b.keys.contains(&k) || (k.code == BackTab && b.keys.contains(&bare)) {
                return Some(Action::Cmd(b.cmd));
            }
        }
    }
    text.then_some(Action::Text(key))
}

pub fn map_mouse(ev: MouseEvent) -> Option<Action> {
    let m = match ev.kind {
        MouseEventKind::ScrollUp => Mouse::ScrollUp,
        MouseEventKind::ScrollDown => Mouse::ScrollDown,
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => Mouse::Click {
            column: ev.column,
            row: ev.row,
        },
        _ => return None,
    };
    Some(Action::Mouse(m))
}

/// How a key reads in help.
pub fn key_label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("^{}", base.to_uppercase())
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlap = a.ctx == b.ctx
                    && (a.who == b.who || a.who == Anyone || b.who == Anyone)
                    && a.keys.iter().any(|k| b.keys.contains(k));
                assert!(
                    !overlap,
                    "{:?} {:?} and {:?} share a key",
                    a.ctx, a.cmd, b.cmd
                );
            }
        }
    }
}
