//! The command line: the app by default, sign-in commands, the demo, and
//! scriptable ticket commands with stable exit codes.

/// `println!` for the command line's results: a closed pipe ends the program
/// quietly instead of panicking (see `output::write_stdout`).
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::output::write_stdout(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::cli::output::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for the command line's results (see `outln!`).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write_stdout(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics on a closed stderr.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::output::write_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod audit;
mod auth;
pub mod error;
mod files;
mod forms;
mod invoices;
mod knowledge;
mod mail;
mod modules;
mod orders;
mod orgs;
pub mod output;
pub mod people;
mod pick;
mod projects;
mod reports;
mod shifts;
mod threads;
mod tickets;
mod timesheets;
mod two_factor;

pub use self::error::{CliError, Result};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jiff::civil::Date;
use portico_shared::ProjectStatus;
use portico_shared::{
    ClockAction, Id, Module, OrderStatus, Priority, Role, TicketHistory, TicketStatus, TicketView,
    TimesheetStatus, UserStatus,
};

use crate::client::Client;
use crate::credentials::{StoreKind, Vault};
#[cfg(feature = "demo")]
use crate::demo::DemoRole;
use crate::shell::effects::Remember;
use crate::shell::run;

#[derive(Parser, Debug)]
#[command(
    name = "portico",
    version,
    about = "Portico: your client portal in the terminal"
)]
pub struct Cli {
    /// The server's URL, such as https://portal.example.com (default: the last one signed in to, or PORTICO_SERVER).
    #[arg(long, global = true)]
    pub server: Option<String>,
    /// Where to keep the sign-in token (default: the OS keyring when it works, else a private file).
    #[arg(long, value_enum, global = true)]
    pub token_store: Option<StoreKind>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Sign in and remember the token.
    Login {
        #[arg(long)]
        email: String,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
        /// With two-factor sign-in: read the code from the next line of
        /// standard input instead of prompting.
        #[arg(long)]
        totp_stdin: bool,
    },
    /// Accept an invite with its code: choose a password, sign in, remember the token.
    Join {
        /// The invite code you were given.
        #[arg(long)]
        code: String,
        /// Your address: the invite is accepted only if it is for it (exit
        /// 5 and the code stays unused otherwise).
        #[arg(long)]
        email: Option<String>,
        /// Read the new password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Sign out and forget the token.
    Logout,
    /// Who is signed in.
    Whoami {
        #[arg(long)]
        json: bool,
    },
    /// Try Portico on a demo server started in this process.
    #[cfg(feature = "demo")]
    Demo {
        /// Which demo account signs in first.
        #[arg(long = "as", value_enum, default_value = "staff")]
        who: DemoRole,
    },
    /// Tickets, for scripts and quick looks.
    #[command(subcommand)]
    Tickets(TicketsCommand),
    /// Orders: list, show, submit, download their deliverables.
    #[command(subcommand)]
    Orders(OrdersCommand),
    /// Workers: where you stand at the clock, or clock in, break, resume, out.
    Clock {
        /// in, break, resume or out; without it, where you stand.
        #[arg(value_parser = parse::<ClockAction>)]
        action: Option<ClockAction>,
        #[arg(long)]
        json: bool,
    },
    /// Who's working today at your locations (clients and staff).
    Working {
        #[arg(long)]
        json: bool,
    },
    /// Timesheets: list a week, approve, reject, submit, export.
    #[command(subcommand)]
    Timesheets(TimesheetsCommand),
    /// Staff: client organisations.
    #[command(subcommand)]
    Orgs(OrgsCommand),
    /// Staff: see what a client contact sees, read-only: run one command
    /// as them (`portico view-as ana@example.com tickets list`), or the app
    /// with no command. Every change is refused; each use is audited.
    ViewAs {
        /// The contact's e-mail address.
        email: String,
        /// The command to run as them, as it would be typed after `portico`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        command: Vec<String>,
    },
    /// Staff: an organisation's locations.
    #[command(subcommand)]
    Locations(LocationsCommand),
    /// Admins: people, invites and removal.
    #[command(subcommand)]
    People(PeopleCommand),
    /// Invoices: list, show, save the PDF; staff record payments.
    #[command(subcommand)]
    Invoices(invoices::InvoicesCommand),
    /// Quotes: list, show, save the PDF, accept or decline.
    #[command(subcommand)]
    Quotes(invoices::QuotesCommand),
    /// Admins: which modules clients have, for everyone or one organisation.
    #[command(subcommand)]
    Modules(modules::ModulesCommand),
    /// Order forms: list, show, create for an organisation, edit.
    #[command(subcommand)]
    Forms(forms::FormsCommand),
    /// Staff: schedule workers on shifts, or cancel them.
    #[command(subcommand)]
    Shifts(shifts::ShiftsCommand),
    /// Admins: the audit log, newest first.
    Audit(audit::AuditArgs),
    /// Two-factor sign-in for your account: status, enroll, confirm, disable.
    #[command(name = "2fa", subcommand)]
    TwoFactor(two_factor::TwoFactorCommand),
    /// The knowledge base: list, show, search (public articles without signing in).
    #[command(subcommand)]
    Kb(KbCommand),
    /// Staff: reports (tickets), as a table, JSON or CSV.
    #[command(subcommand)]
    Reports(ReportsCommand),
    /// Projects: list them, or show one's timeline, history and tasks.
    #[command(subcommand)]
    Projects(ProjectsCommand),
    /// Tasks: yours or all you see, due soonest first; mark one done; add one.
    #[command(subcommand)]
    Tasks(TasksCommand),
    /// Standalone threads: list with unread counts, show, start, reply.
    #[command(subcommand)]
    Threads(ThreadsCommand),
    /// Admins: outgoing mail (queued, failed) and quarantined incoming mail.
    #[command(subcommand)]
    Mail(mail::MailCommand),
    /// Your own settings: which mail you get.
    #[command(subcommand)]
    Me(mail::MeCommand),
}

#[derive(Subcommand, Debug)]
pub enum ProjectsCommand {
    /// The projects you may see, newest first.
    List {
        #[arg(long, value_parser = parse::<ProjectStatus>)]
        status: Option<ProjectStatus>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One project: its timeline of phases in date order, their history and its tasks.
    Show {
        id: Id,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TasksCommand {
    /// Tasks due soonest first (overdue ones say so).
    List {
        /// Only yours.
        #[arg(long)]
        mine: bool,
        /// Only open ones.
        #[arg(long)]
        open: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Mark your task done.
    Done {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// A task for someone to do. Staff: for an organisation (or a
    /// project's). Clients: for your own organisation (or a project of
    /// it), for yourself unless --assignee names a colleague.
    New {
        #[arg(long)]
        title: String,
        /// Staff: the organisation (name or id); not needed with --project.
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        project: Option<Id>,
        /// The id of the person who should do it.
        #[arg(long)]
        assignee: Option<Id>,
        /// A due date such as 2026-12-01.
        #[arg(long, value_parser = parse_date)]
        due: Option<Date>,
        /// A file to go with the task (repeat for more).
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// One task with its files.
    Show {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// Hand over files for a task (staff, or the person it is for).
    Attach {
        id: Id,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Save a task's files into a directory (never overwriting).
    Download {
        id: Id,
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum ThreadsCommand {
    /// Your standalone threads, the latest message first, with unread counts.
    List {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// A thread's messages (and mark them read).
    Show {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// Start a thread; the first message comes from a file or `-` for standard input.
    New {
        #[arg(long)]
        subject: String,
        /// Staff: the organisation (name or id).
        #[arg(long)]
        org: Option<String>,
        /// Staff: only these contacts of it take part (ids; repeat it).
        #[arg(long)]
        with: Vec<Id>,
        #[arg(long)]
        body_file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Reply in a thread.
    Reply {
        id: Id,
        #[arg(long)]
        body_file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum KbCommand {
    /// Articles you may read, newest first.
    List {
        #[arg(long)]
        category: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One article (its markdown).
    Show {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// Articles with every word in their title or text.
    Search {
        #[arg(required = true)]
        words: Vec<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

/// Support forms, under `portico forms` beside the order forms.
#[derive(Subcommand, Debug)]
pub enum SupportFormsCommand {
    /// The support forms you may use (each opens a ticket).
    Support {
        #[arg(long)]
        json: bool,
    },
    /// Submit a support form (by name or id): opens a ticket.
    Submit {
        form: String,
        /// The ticket's subject (default: the form's name).
        #[arg(long)]
        subject: Option<String>,
        /// A form field: name=value (repeat it for each choice of a multi-choice field).
        #[arg(long = "field", value_name = "NAME=VALUE")]
        fields: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReportsCommand {
    /// Tickets opened in these days (UTC): counts, reply and resolution times, breaches.
    Tickets {
        #[arg(long, value_parser = parse_date)]
        from: Date,
        #[arg(long, value_parser = parse_date)]
        to: Date,
        /// The rows as CSV on standard output.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum OrgsCommand {
    /// Every organisation.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One organisation (by name or id) with its locations.
    Show {
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a client organisation.
    Create {
        name: String,
        /// Tags, comma-separated.
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// Which of the organisation's earlier tickets new contacts see
        /// (all when not given).
        #[arg(long, value_parser = parse::<TicketHistory>)]
        history: Option<TicketHistory>,
        #[arg(long)]
        json: bool,
    },
    /// Rename an organisation or change its tags or ticket history.
    Edit {
        org: String,
        #[arg(long)]
        name: Option<String>,
        /// Tags, comma-separated; replaces the ones it has.
        #[arg(long, value_delimiter = ',')]
        tags: Option<Vec<String>>,
        /// Which of the organisation's earlier tickets new contacts see.
        #[arg(long, value_parser = parse::<TicketHistory>)]
        history: Option<TicketHistory>,
        /// What its clients see on their dashboard ("" removes it).
        #[arg(long)]
        welcome: Option<String>,
        /// Whether its contacts must sign in with a second factor.
        #[arg(long, value_name = "true|false")]
        require_2fa: Option<bool>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum LocationsCommand {
    /// An organisation's locations.
    List {
        #[arg(long)]
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a location to an organisation.
    Add {
        #[arg(long)]
        org: String,
        name: String,
        /// Its IANA time zone, such as Europe/Berlin.
        #[arg(long)]
        tz: String,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rename a location or change its time zone or address.
    Edit {
        #[arg(long)]
        org: String,
        /// The location (name or id).
        location: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        tz: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PeopleCommand {
    /// People, optionally of one organisation, role or status.
    List {
        #[arg(long)]
        org: Option<String>,
        #[arg(long, value_parser = parse::<Role>)]
        role: Option<Role>,
        #[arg(long, value_parser = parse::<UserStatus>)]
        status: Option<UserStatus>,
        #[arg(long)]
        json: bool,
    },
    /// Invite a person; prints the code they join with and when it expires.
    Invite(InviteArgs),
    /// A new invite code for someone who has not joined yet (the old one stops working).
    Resend {
        email: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a person: their sessions end at once.
    Remove {
        email: String,
        #[arg(long)]
        json: bool,
    },
    /// Sign a person out everywhere (a lost laptop); they can sign in again.
    Signout {
        email: String,
        #[arg(long)]
        json: bool,
    },
    /// Let a removed person back in: prints a new invite code; their history stays.
    Readmit {
        email: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a person's name, role (staff: admin or agent), locations or
    /// which tickets they see.
    Edit(people::EditArgs),
}

#[derive(clap::Args, Debug)]
pub struct InviteArgs {
    pub email: String,
    /// The organisation (name or id); needed for clients and workers.
    #[arg(long)]
    pub org: Option<String>,
    #[arg(long, value_parser = parse::<Role>)]
    pub role: Role,
    /// Their name (default: the part of the address before the @).
    #[arg(long)]
    pub name: Option<String>,
    /// Only these locations of the organisation (name or id; repeat it).
    #[arg(long = "location")]
    pub locations: Vec<String>,
    /// Clients: their own tickets only, or all of their company's.
    #[arg(long, value_enum)]
    pub sees: Option<people::Sees>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum TimesheetsCommand {
    /// The entries of a week (this week by default) with each worker's totals.
    List {
        /// Any day of the week to list, such as 2026-11-16.
        #[arg(long, value_parser = parse_date)]
        week: Option<Date>,
        #[arg(long, value_parser = parse::<TimesheetStatus>)]
        status: Option<TimesheetStatus>,
        #[arg(long)]
        json: bool,
    },
    /// Approve submitted entries: all of them, or none when one cannot be.
    Approve {
        #[arg(required = true)]
        ids: Vec<Id>,
        #[arg(long)]
        json: bool,
    },
    /// Reject a submitted entry, saying why (the worker sees the reason).
    Reject {
        id: Id,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Workers: submit a draft or rejected entry for approval.
    Submit {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// Approved entries of these days as CSV on standard output.
    Export {
        #[arg(long, value_parser = parse_date)]
        from: Date,
        #[arg(long, value_parser = parse_date)]
        to: Date,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("expected a date such as 2026-11-16, not {s:?}"))
}

#[derive(Subcommand, Debug)]
pub enum OrdersCommand {
    /// List the orders you may see, newest first.
    List {
        #[arg(long, value_parser = parse::<OrderStatus>)]
        status: Option<OrderStatus>,
        /// Only this location (its name or id).
        #[arg(long)]
        location: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One order (by reference such as ORD-2026-0001, or id) with its items,
    /// deliverables and thread.
    Show {
        order: String,
        #[arg(long)]
        json: bool,
    },
    /// Submit an order through your organisation's order form.
    New(NewOrderArgs),
    /// Save every deliverable of an order into a directory (never overwriting).
    Download {
        order: String,
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct NewOrderArgs {
    #[arg(long)]
    pub title: String,
    /// The form to submit with (default: the one your organisation uses).
    #[arg(long)]
    pub form: Option<Id>,
    /// Staff: the organisation ordering (name or id).
    #[arg(long)]
    pub org: Option<String>,
    /// Where (a location's name or id); needed when you have several.
    #[arg(long)]
    pub location: Option<String>,
    /// A due date such as 2026-12-01 (default: from the form).
    #[arg(long)]
    pub due: Option<String>,
    /// A form field: name=value (repeat it for each choice of a multi-choice field).
    #[arg(long = "field", value_name = "NAME=VALUE")]
    pub fields: Vec<String>,
    /// A file field: name=PATH; the file is uploaded first.
    #[arg(long = "file", value_name = "NAME=PATH")]
    pub files: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum TicketsCommand {
    /// List tickets (staff pick a view; clients see their own).
    List {
        #[arg(long, value_parser = parse::<TicketView>)]
        view: Option<TicketView>,
        #[arg(long, value_parser = parse::<TicketStatus>)]
        status: Option<TicketStatus>,
        /// Only tickets matching this text.
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One ticket with its thread.
    Show {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// Open a ticket; the body comes from a file or `-` for standard input.
    New {
        #[arg(long)]
        subject: String,
        /// Staff: the organisation the ticket is for (name or id).
        #[arg(long)]
        org: Option<String>,
        /// Staff: the client contact it is for (e-mail); their organisation
        /// unless `--org` says otherwise.
        #[arg(long)]
        requester: Option<String>,
        #[arg(long)]
        body_file: PathBuf,
        #[arg(long, value_parser = parse::<Priority>)]
        priority: Option<Priority>,
        #[arg(long)]
        json: bool,
    },
    /// Reply to a ticket (staff: `--internal` for a note clients never see).
    Reply {
        id: Id,
        #[arg(long)]
        body_file: PathBuf,
        #[arg(long)]
        internal: bool,
        #[arg(long)]
        json: bool,
    },
    /// Assign a ticket to a staff member (e-mail, name, id or `me`).
    Assign {
        id: Id,
        #[arg(long)]
        to: String,
        /// 2026-12-01, 2026-12-01T09:00, +3d or +4h.
        #[arg(long)]
        deadline: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a ticket's status.
    Status {
        id: Id,
        #[arg(value_parser = parse::<TicketStatus>)]
        status: TicketStatus,
        #[arg(long)]
        json: bool,
    },
}

/// Parses one of the API's closed vocabularies, listing the choices when wrong.
fn parse<T>(s: &str) -> Result<T, String>
where
    T: std::str::FromStr + std::fmt::Display + Copy + 'static,
    T: AllValues,
{
    s.parse::<T>().map_err(|_| {
        let all: Vec<String> = T::all().iter().map(ToString::to_string).collect();
        format!("expected one of: {}", all.join(", "))
    })
}

pub trait AllValues: Sized + 'static {
    fn all() -> &'static [Self];
}

macro_rules! all_values {
    ($($t:ty),*) => { $(impl AllValues for $t { fn all() -> &'static [Self] { <$t>::ALL } })* };
}
all_values!(
    TicketView,
    TicketStatus,
    Priority,
    OrderStatus,
    ClockAction,
    TimesheetStatus,
    Role,
    UserStatus,
    TicketHistory,
    Module,
    ProjectStatus,
    portico_shared::MailCategory
);

/// The whole program: parse the command line, run, exit with a code scripts
/// can use. The `portico` binary is this one call.
pub fn entry() -> ExitCode {
    let cli = Cli::parse();
    match tokio::runtime::Runtime::new() {
        Ok(rt) => rt.block_on(main(cli)),
        Err(e) => {
            errln!("portico: cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

pub async fn main(cli: Cli) -> ExitCode {
    match dispatch(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("portico: {}", crate::sanitize::line(&e.to_string()));
            for (field, message) in e.fields() {
                errln!("  {field}: {message}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}

async fn dispatch(cli: Cli) -> Result<()> {
    let vault = Vault::from_env()?;
    let ctx = Context {
        vault,
        server: cli.server,
        store: cli.token_store,
        view: None,
    };
    command(&ctx, cli.command).await
}

async fn command(ctx: &Context, cmd: Option<Command>) -> Result<()> {
    match cmd {
        None => app(ctx).await,
        Some(Command::ViewAs { email, command }) => view_as(ctx, &email, &command).await,
        Some(Command::Login {
            email,
            password_stdin,
            totp_stdin,
        }) => auth::login(ctx, &email, password_stdin, totp_stdin).await,
        Some(Command::Join {
            code,
            email,
            password_stdin,
        }) => auth::join(ctx, &code, email.as_deref(), password_stdin).await,
        Some(Command::Logout) => auth::logout(ctx).await,
        Some(Command::Whoami { json }) => auth::whoami(ctx, json).await,
        #[cfg(feature = "demo")]
        Some(Command::Demo { who }) => demo(who).await,
        Some(Command::Tickets(t)) => tickets::run(ctx, t).await,
        Some(Command::Orders(o)) => orders::run(ctx, o).await,
        Some(Command::Clock { action, json }) => timesheets::clock(ctx, action, json).await,
        Some(Command::Working { json }) => timesheets::working(ctx, json).await,
        Some(Command::Timesheets(t)) => timesheets::run(ctx, t).await,
        Some(Command::Orgs(o)) => orgs::run(ctx, o).await,
        Some(Command::Locations(l)) => orgs::locations(ctx, l).await,
        Some(Command::People(p)) => people::run(ctx, p).await,
        Some(Command::Invoices(i)) => invoices::run(ctx, i).await,
        Some(Command::Quotes(q)) => invoices::quotes(ctx, q).await,
        Some(Command::Modules(m)) => modules::run(ctx, m).await,
        Some(Command::Forms(f)) => forms::run(ctx, f).await,
        Some(Command::Shifts(s)) => shifts::run(ctx, s).await,
        Some(Command::Audit(a)) => audit::run(ctx, a).await,
        Some(Command::TwoFactor(t)) => two_factor::run(ctx, t).await,
        Some(Command::Kb(k)) => knowledge::kb(ctx, k).await,
        Some(Command::Reports(r)) => reports::run(ctx, r).await,
        Some(Command::Projects(p)) => projects::run(ctx, p).await,
        Some(Command::Tasks(t)) => projects::tasks(ctx, t).await,
        Some(Command::Threads(t)) => threads::run(ctx, t).await,
        Some(Command::Mail(m)) => mail::run(ctx, m).await,
        Some(Command::Me(m)) => mail::me(ctx, m).await,
    }
}

/// Runs `cmd` (the app when none) as the contact `email` sees things,
/// through a read-only view the server opens for staff; the view ends
/// after it.
async fn view_as(ctx: &Context, email: &str, args: &[String]) -> Result<()> {
    // The command is read like a whole command line, so it is checked
    // before any view opens.
    let line = std::iter::once("portico").chain(args.iter().map(String::as_str));
    let cmd = Cli::try_parse_from(line)
        .map_err(|e| CliError::Usage(e.to_string()))?
        .command;
    let staff = ctx.signed_in()?;
    let contact = people::by_email(&staff, email).await?;
    let view = staff.view_as(contact.id).await?;
    let viewing = Context {
        vault: ctx.vault.clone(),
        server: Some(staff.server().to_owned()),
        store: ctx.store,
        view: Some(view.token),
    };
    errln!(
        "Viewing as {} <{}>, read-only.",
        crate::sanitize::line(&contact.name),
        crate::sanitize::line(&contact.email)
    );
    let done = Box::pin(command(&viewing, cmd)).await;
    // The view would lapse by itself; ending it now leaves nothing open.
    let _ = viewing.signed_in()?.logout().await;
    done
}

/// What every command needs to reach the server.
pub struct Context {
    pub vault: Vault,
    pub server: Option<String>,
    pub store: Option<StoreKind>,
    /// A view-as token to use instead of the stored one, never stored.
    pub view: Option<String>,
}

impl Context {
    /// The server named by the flag, the environment or the last sign-in.
    pub fn server(&self) -> Result<String> {
        if let Some(s) = &self.server {
            return Ok(s.clone());
        }
        self.vault.server()?.ok_or(CliError::NotSignedIn)
    }

    /// A client carrying the stored token for the server in use.
    pub fn signed_in(&self) -> Result<Client> {
        let server = self.server()?;
        if let Some(token) = &self.view {
            return Ok(Client::new(&server)?.with_token(token.clone()));
        }
        let creds = self.vault.load()?.filter(|c| c.server == server);
        let creds = creds.ok_or(CliError::NotSignedIn)?;
        Ok(Client::new(&server)?.with_token(creds.token))
    }
}

async fn app(ctx: &Context) -> Result<()> {
    let client = match ctx.signed_in() {
        Ok(c) => c,
        Err(CliError::NotSignedIn) => Client::new(&ctx.server().map_err(|_| {
            CliError::Usage(
                "which server? pass --server URL (it is remembered after sign-in)".into(),
            )
        })?)?,
        Err(e) => return Err(e),
    };
    run::run(run::Options {
        client,
        // A view's token is never kept.
        remember: ctx.view.is_none().then(|| Remember {
            vault: ctx.vault.clone(),
            store: ctx.store,
        }),
        demo: vec![],
        downloads: downloads_dir(),
    })
    .await?;
    Ok(())
}

#[cfg(feature = "demo")]
async fn demo(who: DemoRole) -> Result<()> {
    let server = crate::demo::start(who).await?;
    let result = run::run(run::Options {
        client: Client::new(&server.base)?,
        remember: None,
        demo: server.accounts.clone(),
        downloads: downloads_dir(),
    })
    .await;
    server.stop().await;
    result?;
    Ok(())
}

/// `~/Downloads` when it exists, else the current directory.
fn downloads_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join("Downloads"))
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| PathBuf::from("."))
}
