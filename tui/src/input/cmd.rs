//! The commands keys stand for: plain data, so the key table can list them
//! in help and the palette can offer them. A screen's new keys add theirs
//! here, beside their bindings in `input/mod.rs`.

use portico_shared::{ClockAction, Priority, TicketStatus};

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
    /// Staff send the open draft invoice or quote.
    SendDraft,
    /// Staff record a payment of the open invoice.
    RecordPayment,
    /// Open the invoice's payment page in the browser.
    OpenPaymentLink,
    /// Open the project's own thread.
    OpenThread,
    /// Staff change the open draft invoice.
    EditDraft,
    /// Staff: a new draft invoice or quote (of the list shown).
    NewDraft,
    /// Staff: void the invoice (after a confirmation).
    VoidInvoice,
    Projects,
    Tasks,
    /// Mark the selected task done.
    TaskDone,
    /// Hand over a file for the open task (its path).
    AttachToTask,
    /// Standalone threads.
    Conversations,
    /// A client starts a standalone thread with staff.
    NewThread,
    /// The knowledge base.
    Knowledge,
    /// Staff: the ticket report.
    Reports,
    /// A client's new ticket: one of their support forms instead.
    UseForm,
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
    /// Admins: see the app as the client contact under the cursor
    /// (read-only); and leave that view again.
    ViewAs,
    EndView,
    /// My account: turn two-factor sign-in on.
    Enroll,
    /// My account: open it; end the session under the cursor.
    Account,
    EndSession,
    /// Admins: the mail status (outbox and quarantine).
    MailStatus,
    /// Administration: the locations of the organisation under the cursor;
    /// a new one; a change to the one under the cursor.
    OrgLocations,
    NewLocation,
    EditLocation,
    /// Admins: the order forms; a form for one organisation; the field
    /// editor's add, remove, move up and down, and the form's name.
    OrderForms,
    NewOrderForm,
    AddField,
    RemoveField,
    MoveFieldUp,
    MoveFieldDown,
    RenameForm,
    /// Staff: the shift week grid; a day left or right; add, move or
    /// cancel the selected shift.
    ShiftWeek,
    DayPrev,
    DayNext,
    AddShift,
    MoveShift,
    CancelShift,
}
