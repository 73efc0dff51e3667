//! The signed-in account's state: one `Session` value, made at sign-in and
//! dropped whole at sign-out or when another account signs in, so nothing
//! of one account is drawn for the next.

use std::collections::BTreeMap;

use portico_shared::{Id, Me, PersonRef, TicketTab};

use crate::load::Load;
use crate::screens::account::Account;
use crate::screens::admin::Admin;
use crate::screens::conversations::{ConversationList, ConversationView};
use crate::screens::dashboard::Dashboard;
use crate::screens::invoices::{Billing, DocView};
use crate::screens::orders::{OrderList, OrderView};
use crate::screens::projects::{ProjectList, ProjectView, TaskList};
use crate::screens::tickets::{Detail, Tab, TicketList};
use crate::screens::timesheets::{Board, ClockView, Week};

#[derive(Debug)]
pub struct Session {
    /// Who is signed in; `None` before sign-in.
    pub me: Option<Me>,
    pub dashboard: Dashboard,
    pub list: TicketList,
    pub detail: Option<Detail>,
    pub orders: OrderList,
    pub order: Option<OrderView>,
    pub board: Board,
    pub week: Week,
    pub clock: ClockView,
    pub billing: Billing,
    pub billing_doc: Option<DocView>,
    pub admin: Admin,
    pub account: Account,
    pub projects: ProjectList,
    pub project: Option<ProjectView>,
    pub tasks: TaskList,
    pub conversations: ConversationList,
    pub conversation: Option<ConversationView>,
    pub staff: Load<Vec<PersonRef>>,
    /// Workers who can be put on order items (only admins may list them).
    pub workers: Load<Vec<PersonRef>>,
    /// Downloads under way: attachment id → (bytes so far, total).
    pub downloads: BTreeMap<Id, (u64, Option<u64>)>,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            me: None,
            dashboard: Dashboard::default(),
            list: TicketList::new(Tab::Client(TicketTab::Open)),
            detail: None,
            orders: OrderList::default(),
            order: None,
            board: Board::default(),
            week: Week::default(),
            clock: ClockView::default(),
            billing: Billing::default(),
            billing_doc: None,
            admin: Admin::default(),
            account: Account::default(),
            projects: ProjectList::default(),
            project: None,
            tasks: TaskList::default(),
            conversations: ConversationList::default(),
            conversation: None,
            staff: Load::Loading,
            workers: Load::Loading,
            downloads: BTreeMap::new(),
        }
    }
}

impl Session {
    /// A fresh session for `me`, its ticket list on the first tab of its kind.
    pub fn new(me: Me) -> Session {
        let staff = me.user.role.is_staff();
        Session {
            me: Some(me),
            list: TicketList::new(Tab::all(staff)[0]),
            ..Session::default()
        }
    }
}
