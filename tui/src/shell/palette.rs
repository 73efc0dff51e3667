//! The `:` command palette: named commands, matched by what was typed.

use portico_shared::{TicketTab, TicketView};

use crate::screens::tickets::Tab;
use crate::shell::msg::Cmd;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteCmd {
    Key(Cmd),
    Tab(Tab),
    Logout,
    Quit,
}

/// Who an entry is for beyond the staff/client split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Nothing,
    /// Clients and staff with timesheets.
    Approver,
    /// Workers with timesheets.
    Worker,
    /// Anyone with timesheets.
    Timesheets,
    /// Admins.
    Admin,
}

pub struct Entry {
    pub name: &'static str,
    pub help: &'static str,
    pub staff_only: Option<bool>,
    pub needs: Need,
    pub cmd: PaletteCmd,
}

const fn entry(
    name: &'static str,
    help: &'static str,
    staff_only: Option<bool>,
    cmd: PaletteCmd,
) -> Entry {
    Entry {
        name,
        help,
        staff_only,
        needs: Need::Nothing,
        cmd,
    }
}

const fn gated(name: &'static str, help: &'static str, needs: Need, cmd: PaletteCmd) -> Entry {
    Entry {
        name,
        help,
        staff_only: None,
        needs,
        cmd,
    }
}

const STAFF: Option<bool> = Some(true);
const CLIENT: Option<bool> = Some(false);

pub const ENTRIES: &[Entry] = &[
    entry(
        "dashboard",
        "welcome, counts, what needs you",
        None,
        PaletteCmd::Key(Cmd::Dashboard),
    ),
    entry(
        "tickets",
        "the ticket list",
        None,
        PaletteCmd::Key(Cmd::Tickets),
    ),
    entry(
        "unassigned",
        "inbox: tickets nobody has",
        STAFF,
        PaletteCmd::Tab(Tab::View(TicketView::Unassigned)),
    ),
    entry(
        "mine",
        "inbox: tickets assigned to you",
        STAFF,
        PaletteCmd::Tab(Tab::View(TicketView::Mine)),
    ),
    entry(
        "team",
        "inbox: your team's tickets",
        STAFF,
        PaletteCmd::Tab(Tab::View(TicketView::Team)),
    ),
    entry(
        "overdue",
        "inbox: past their deadline",
        STAFF,
        PaletteCmd::Tab(Tab::View(TicketView::Overdue)),
    ),
    entry(
        "all",
        "inbox: every ticket",
        STAFF,
        PaletteCmd::Tab(Tab::View(TicketView::All)),
    ),
    entry(
        "open",
        "your open tickets",
        CLIENT,
        PaletteCmd::Tab(Tab::Client(TicketTab::Open)),
    ),
    entry(
        "closed",
        "your resolved and closed tickets",
        CLIENT,
        PaletteCmd::Tab(Tab::Client(TicketTab::Closed)),
    ),
    entry(
        "new",
        "open a new ticket",
        None,
        PaletteCmd::Key(Cmd::NewTicket),
    ),
    entry(
        "orders",
        "orders, their items and deliverables",
        None,
        PaletteCmd::Key(Cmd::Orders),
    ),
    entry(
        "new-order",
        "submit a new order",
        CLIENT,
        PaletteCmd::Key(Cmd::NewOrder),
    ),
    gated(
        "working",
        "who's working today",
        Need::Approver,
        PaletteCmd::Key(Cmd::Working),
    ),
    gated(
        "timesheets",
        "the timesheet week",
        Need::Timesheets,
        PaletteCmd::Key(Cmd::Timesheets),
    ),
    gated(
        "clock",
        "clock in, take a break, clock out",
        Need::Worker,
        PaletteCmd::Key(Cmd::ClockScreen),
    ),
    entry(
        "account",
        "your sessions and two-factor sign-in",
        None,
        PaletteCmd::Key(Cmd::Account),
    ),
    gated(
        "admin",
        "administration: people, organisations, the audit log",
        Need::Admin,
        PaletteCmd::Key(Cmd::Admin),
    ),
    gated(
        "order forms",
        "administration: the fields of each order form",
        Need::Admin,
        PaletteCmd::Key(Cmd::OrderForms),
    ),
    entry(
        "shifts",
        "schedule shifts: a week grid per location",
        STAFF,
        PaletteCmd::Key(Cmd::ShiftWeek),
    ),
    entry(
        "refresh",
        "load the view again",
        None,
        PaletteCmd::Key(Cmd::Retry),
    ),
    entry(
        "help",
        "the keys of this view",
        None,
        PaletteCmd::Key(Cmd::Help),
    ),
    entry(
        "projects",
        "projects and their timelines",
        None,
        PaletteCmd::Key(Cmd::Projects),
    ),
    entry(
        "tasks",
        "your tasks, due soonest first",
        None,
        PaletteCmd::Key(Cmd::Tasks),
    ),
    entry(
        "threads",
        "conversations with unread counts",
        None,
        PaletteCmd::Key(Cmd::Conversations),
    ),
    entry(
        "knowledge",
        "the knowledge base: articles, search",
        None,
        PaletteCmd::Key(Cmd::Knowledge),
    ),
    entry(
        "reports",
        "ticket numbers, response times, breaches",
        STAFF,
        PaletteCmd::Key(Cmd::Reports),
    ),
    entry("logout", "sign out (asks first)", None, PaletteCmd::Logout),
    entry("quit", "leave Portico", None, PaletteCmd::Quit),
    entry(
        "invoices",
        "invoices & quotes",
        None,
        PaletteCmd::Key(Cmd::Invoices),
    ),
    gated(
        "mail",
        "mail status: queued, sent, failed, quarantined",
        Need::Admin,
        PaletteCmd::Key(Cmd::MailStatus),
    ),
];

/// What the person has that entries may need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Has {
    pub approver: bool,
    pub worker: bool,
    pub admin: bool,
}

impl Has {
    fn covers(self, need: Need) -> bool {
        match need {
            Need::Nothing => true,
            Need::Approver => self.approver,
            Need::Worker => self.worker,
            Need::Timesheets => self.approver || self.worker,
            Need::Admin => self.admin,
        }
    }
}

/// Entries for this person whose name contains what was typed, prefix matches first.
pub fn matching(input: &str, staff: bool) -> Vec<&'static Entry> {
    matching_for(input, staff, Has::default())
}

/// [`matching`], with the entries that need timesheets for those who have them.
pub fn matching_for(input: &str, staff: bool, has: Has) -> Vec<&'static Entry> {
    let needle = input.trim().to_lowercase();
    let mut found: Vec<&Entry> = ENTRIES
        .iter()
        .filter(|e| e.staff_only.is_none_or(|s| s == staff))
        .filter(|e| has.covers(e.needs))
        .filter(|e| e.name.contains(&needle))
        .collect();
    found.sort_by_key(|e| !e.name.starts_with(&needle));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_matches_come_first_and_roles_filter() {
        let m = matching("o", true);
        assert_eq!(m[0].name, "overdue");
        assert!(m.iter().all(|e| e.name != "open"));
        assert_eq!(matching("clo", false)[0].name, "closed");
        assert!(matching("clo", true).is_empty());
        // Timesheet entries only for those who have them.
        assert!(matching("timesheets", false).is_empty());
        let approver = Has {
            approver: true,
            ..Has::default()
        };
        assert_eq!(matching_for("work", false, approver)[0].name, "working");
        assert!(matching_for("clock", false, approver).is_empty());
        let worker = Has {
            worker: true,
            ..Has::default()
        };
        assert_eq!(matching_for("clock", false, worker)[0].name, "clock");
        // Administration only for admins.
        assert!(matching("admin", true).is_empty());
        let admin = Has {
            admin: true,
            ..Has::default()
        };
        assert_eq!(matching_for("adm", true, admin)[0].name, "admin");
    }
}
