//! The tickets' model: the list with its tabs, filter and sort, a ticket's
//! detail, the compose editor and the assign form.

use portico_shared::{Attachment, Id, Ticket, TicketQuery, TicketSort, TicketTab, TicketView};
use ratatui_textarea::TextArea;

use crate::list::Paged;
use crate::load::Load;
use crate::screens::thread::Thread;
use crate::widgets::for_whom::ForWhom;

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
    /// The tickets (the list's cursor, paging and marks through `Deref`).
    pub rows: Paged<Ticket>,
}

crate::list::pages_of!(TicketList, Ticket);

impl TicketList {
    pub fn new(tab: Tab) -> TicketList {
        TicketList {
            tab,
            filter: String::new(),
            sort: None,
            filter_before: String::new(),
            filter_edits: 0,
            rows: Paged {
                loading: true,
                ..Paged::default()
            },
        }
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
    Reply {
        thread: Id,
        internal: bool,
    },
    NewTicket,
    /// A client's new standalone thread with staff.
    NewThread,
}

impl ComposeKind {
    /// Whether it starts something with a subject of its own.
    pub fn has_subject(&self) -> bool {
        matches!(self, ComposeKind::NewTicket | ComposeKind::NewThread)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ComposeField {
    /// Staff: the organisation the new ticket is for (typed, then picked).
    Organization,
    /// Staff: which of its contacts asks (picked).
    Requester,
    Subject,
    #[default]
    Body,
}

#[derive(Debug)]
pub struct Compose {
    pub kind: ComposeKind,
    /// Staff's new tickets and threads only.
    pub for_whom: Option<ForWhom>,
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
            ComposeKind::NewTicket | ComposeKind::NewThread => ComposeField::Subject,
            ComposeKind::Reply { .. } => ComposeField::Body,
        };
        Compose {
            kind,
            for_whom: None,
            subject: String::new(),
            body: TextArea::default(),
            focus,
            sending: false,
            errors: Vec::new(),
        }
    }

    /// A new ticket (or thread) staff open: whom it is for (with) comes first.
    pub fn for_staff(kind: ComposeKind) -> Compose {
        Compose {
            for_whom: Some(ForWhom::default()),
            focus: ComposeField::Organization,
            ..Compose::new(kind)
        }
    }

    /// The fields Tab visits, in order.
    pub fn fields(&self) -> &'static [ComposeField] {
        use ComposeField::*;
        match (&self.kind, self.for_whom.is_some()) {
            (ComposeKind::Reply { .. }, _) => &[Body],
            (ComposeKind::NewThread, false) => &[Subject, Body],
            (ComposeKind::NewThread, true) => &[Organization, Requester, Subject, Body],
            (ComposeKind::NewTicket, false) => &[Subject, Body],
            (ComposeKind::NewTicket, true) => &[Organization, Requester, Subject, Body],
        }
    }

    /// Whether the focused field is picked from a list (arrows choose).
    pub fn picking(&self) -> bool {
        matches!(
            self.focus,
            ComposeField::Organization | ComposeField::Requester
        )
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

/// The tickets' part of the Session: the list and the ticket open.
#[derive(Debug)]
pub struct State {
    pub list: TicketList,
    pub detail: Option<Detail>,
}

impl Default for State {
    fn default() -> State {
        State {
            list: TicketList::new(Tab::Client(portico_shared::TicketTab::Open)),
            detail: None,
        }
    }
}
