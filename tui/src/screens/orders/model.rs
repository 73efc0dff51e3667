//! The orders' part of the model: the list with its status and location
//! filters, and one order with its items, deliverables and thread.

use portico_shared::{Attachment, Id, Order, OrderDetail, OrderItem, OrderQuery, OrderStatus};

use crate::list::Paged;
use crate::load::Load;
use crate::screens::thread::Thread;

/// The status tabs of the order list: every order, then one status each.
pub fn status_tabs() -> Vec<Option<OrderStatus>> {
    std::iter::once(None)
        .chain(OrderStatus::ALL.iter().copied().map(Some))
        .collect()
}

/// How a status reads on a tab and in a row.
pub fn status_label(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Submitted => "Submitted",
        OrderStatus::Accepted => "Accepted",
        OrderStatus::InProgress => "In progress",
        OrderStatus::Delivered => "Delivered",
        OrderStatus::Closed => "Closed",
        OrderStatus::Cancelled => "Cancelled",
    }
}

/// The stage staff move an open order on to, if any.
pub fn next_status(s: OrderStatus) -> Option<OrderStatus> {
    match s {
        OrderStatus::Submitted => Some(OrderStatus::Accepted),
        OrderStatus::Accepted => Some(OrderStatus::InProgress),
        OrderStatus::InProgress => Some(OrderStatus::Delivered),
        OrderStatus::Delivered => Some(OrderStatus::Closed),
        OrderStatus::Closed | OrderStatus::Cancelled => None,
    }
}

#[derive(Debug, Clone, Default)]
pub struct OrderList {
    /// `None`: every status.
    pub status: Option<OrderStatus>,
    /// `None`: every location the person may see.
    pub location: Option<Id>,
    /// The orders (the list's cursor and paging through `Deref`).
    pub rows: Paged<Order>,
}

crate::list::pages_of!(OrderList, Order);

impl OrderList {
    pub fn query(&self) -> OrderQuery {
        OrderQuery {
            status: self.status,
            location_id: self.location,
            limit: Some(100),
            ..OrderQuery::default()
        }
    }

    /// Whether an order belongs in the list as filtered (for live inserts).
    pub fn fits(&self, o: &Order) -> bool {
        self.status.is_none_or(|s| s == o.status)
            && self.location.is_none_or(|l| l == o.location.id)
    }
}

/// Which part of an order has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderPane {
    #[default]
    Items,
    Deliverables,
    Thread,
}

impl OrderPane {
    pub fn next(self) -> OrderPane {
        match self {
            OrderPane::Items => OrderPane::Deliverables,
            OrderPane::Deliverables => OrderPane::Thread,
            OrderPane::Thread => OrderPane::Items,
        }
    }
}

/// One order on screen. The summary comes from the list (and live events);
/// the detail (submission, items, deliverables) is fetched.
#[derive(Debug, Clone)]
pub struct OrderView {
    pub order: Order,
    pub detail: Load<OrderDetail>,
    pub thread: Thread,
    pub pane: OrderPane,
    pub item: usize,
    pub deliverable: usize,
}

impl OrderView {
    pub fn new(order: Order) -> OrderView {
        OrderView {
            thread: Thread::new(order.thread_id),
            order,
            detail: Load::Loading,
            pane: OrderPane::Items,
            item: 0,
            deliverable: 0,
        }
    }

    pub fn id(&self) -> Id {
        self.order.id
    }

    pub fn items(&self) -> &[OrderItem] {
        self.detail.ready().map_or(&[], |d| d.items.as_slice())
    }

    pub fn deliverables(&self) -> Vec<&Attachment> {
        self.detail
            .ready()
            .map_or_else(Vec::new, |d| d.deliverables.iter().collect())
    }

    pub fn current_item(&self) -> Option<&OrderItem> {
        self.items().get(self.item)
    }
}

/// The orders' part of the Session: the list and the order open.
#[derive(Debug, Default)]
pub struct State {
    pub list: OrderList,
    pub view: Option<OrderView>,
}
