//! The messages and effects of orders: the list, one order, its form, items and
//! deliverables.

use std::path::PathBuf;

use portico_shared::{
    Attachment, Id, ItemInput, Location, NewOrder, Order, OrderDetail, OrderForm, OrderItem,
    OrderPatch, OrderQuery, OrganizationRef, Page, PersonRef,
};

use crate::failure::Outcome;

/// What background work answers to this screen.
#[derive(Debug, Clone)]
pub enum OrdersMsg {
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
    /// Organisations whose name holds `query`, for a form's organisation.
    OrgsFound {
        query: String,
        result: Outcome<Vec<OrganizationRef>>,
    },
    /// The order form and locations of `org`, for a staff order.
    OrderFormOf {
        org: Id,
        result: Outcome<(Box<OrderForm>, Vec<Location>)>,
    },
}

/// Work this screen asks the runtime for; `update` returns it as data.
#[derive(Debug, Clone)]
pub enum OrdersEffect {
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
    /// The organisations whose name holds the text (a form's picker).
    FindOrgs(String),
    /// An organisation's order form and locations (staff ordering for it).
    FetchOrderFormOf(Id),
}
