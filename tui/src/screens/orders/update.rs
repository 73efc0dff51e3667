//! Orders: the list with its status tabs and location filter, one order
//! with its items, deliverables and thread, and staff moving orders along
//! their lifecycle. The forms (new order, items, deliverables) are in `forms`.

use portico_shared::{Id, Order, OrderDetail, OrderEvent, OrderPatch, OrderStatus, Page};

use crate::failure::Outcome;
use crate::load::Load;
use crate::sanitize;
use crate::screens::orders::forms;
use crate::screens::orders::msg::OrdersEffect;
use crate::screens::orders::msg::OrdersMsg;
use crate::screens::orders::{
    OrderList, OrderPane, OrderView, next_status, status_label, status_tabs,
};
use crate::screens::thread::msg::ThreadEffect;
use crate::screens::thread::update as thread;
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Confirm, Modal, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info, show};

/// Answers of the order calls.
pub(crate) fn answer(app: &mut App, msg: OrdersMsg) -> Vec<Effect> {
    match msg {
        OrdersMsg::Orders {
            generation,
            append,
            result,
        } => page(app, generation, append, result),
        OrdersMsg::Order(r) => match r {
            Ok(d) => {
                shown(app, *d);
                vec![]
            }
            Err(f) => {
                let mut retry = vec![];
                if let Some(v) = &mut app.session.orders.view {
                    v.detail = Load::Failed(f.message.clone());
                    retry.push(Effect::Orders(OrdersEffect::FetchOrder(v.id())));
                }
                failed(app, f, retry)
            }
        },
        OrdersMsg::OrderSaved(r) => match r {
            Ok(d) => {
                let (reference, status) = (sanitize::line(&d.order.reference), d.order.status);
                shown(app, *d);
                info(
                    app,
                    format!("{reference} is now {}", status_label(status).to_lowercase()),
                );
                vec![]
            }
            Err(f) => failed(app, f, vec![]),
        },
        OrdersMsg::Workers(r) => {
            app.session.workers = crate::load::people(r);
            forms::workers_arrived(app);
            vec![]
        }
        OrdersMsg::ItemSaved { order, result } => match result {
            Ok(_) => {
                app.modal = Modal::None;
                info(app, "Item saved".into());
                vec![Effect::Orders(OrdersEffect::FetchOrder(order))]
            }
            Err(f) => forms::refused(app, f),
        },
        OrdersMsg::Deliverables { order, result } => match result {
            Ok(mut files) => {
                app.modal = Modal::None;
                files.iter_mut().for_each(sanitize::attachment);
                if let Some(v) = &mut app.session.orders.view
                    && v.id() == order
                    && let Load::Ready(d) = &mut v.detail
                {
                    d.deliverables = files;
                }
                info(app, "Deliverable attached".into());
                vec![]
            }
            Err(f) => forms::refused(app, f),
        },
        OrdersMsg::OrderForm(r) => forms::form_loaded(app, r),
        OrdersMsg::OrderCreated(r) => created(app, r),
        OrdersMsg::OrgsFound { query, result } => forms::orgs_found(app, &query, result),
        OrdersMsg::OrderFormOf { org, result } => forms::form_of_loaded(app, org, result),
    }
}

// ---- the list -------------------------------------------------------------

/// The request for a page of the list (`append`: the one after the
/// loaded rows) that answers with `generation`.
fn page_request(list: &OrderList, generation: u64, append: bool) -> Effect {
    let query = portico_shared::OrderQuery {
        cursor: list.cursor_for(append),
        ..list.query()
    };
    Effect::Orders(OrdersEffect::FetchOrders {
        generation,
        append,
        query,
    })
}

/// Starts loading the list from the top (or the next page when `append`).
fn fetch_list(list: &mut OrderList, append: bool) -> Effect {
    let generation = list.load(append);
    page_request(list, generation, append)
}

/// The list again from the top, keeping its filters.
pub(crate) fn reload_list(app: &mut App) -> Vec<Effect> {
    let l = &mut app.session.orders.list;
    l.clear();
    vec![fetch_list(l, false)]
}

/// Shows the order list, loading it the first time.
pub(crate) fn open_list(app: &mut App) -> Vec<Effect> {
    let allowed = app.sees_orders();
    let why = "Orders are not enabled for your account.";
    if show(app, allowed, Screen::Orders, why) && app.session.orders.list.generation == 0 {
        return reload_list(app);
    }
    vec![]
}

/// What the live stream and `Retry` refresh: the list once it was shown,
/// and the order on screen.
pub(crate) fn refresh(app: &mut App) -> Vec<Effect> {
    let mut fx = if app.session.orders.list.generation > 0 {
        reload_list(app)
    } else {
        vec![]
    };
    if let Some(v) = &app.session.orders.view {
        fx.push(Effect::Orders(OrdersEffect::FetchOrder(v.id())));
        fx.push(Effect::Thread(ThreadEffect::FetchMessages(v.thread.id)));
    }
    fx
}

fn page(app: &mut App, generation: u64, append: bool, result: Outcome<Page<Order>>) -> Vec<Effect> {
    let rows = page_rows(app);
    let l = &mut app.session.orders.list;
    if !l.answered(generation) {
        app.dirty = false;
        return vec![];
    }
    match result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(sanitize::order);
            l.arrived(page.items, page.next_cursor, append, rows);
            vec![]
        }
        Err(f) => {
            l.error = Some(f.message.clone());
            let retry = page_request(l, generation, append);
            failed(app, f, vec![retry])
        }
    }
}

/// Keeps the selected row on screen.
pub(crate) fn keep_in_view(app: &mut App) {
    let rows = page_rows(app);
    app.session.orders.list.keep_in_view(rows);
}

fn move_list(app: &mut App, to: usize) -> Vec<Effect> {
    let rows = page_rows(app);
    let l = &mut app.session.orders.list;
    if l.select(to, rows) {
        return vec![fetch_list(l, true)];
    }
    vec![]
}

/// The next (or previous) status tab.
fn switch_status(app: &mut App, step: isize) -> Vec<Effect> {
    app.session.orders.list.status =
        crate::list::cycle(&status_tabs(), app.session.orders.list.status, step);
    reload_list(app)
}

/// Every location, then each of the person's locations in turn.
fn switch_location(app: &mut App) -> Vec<Effect> {
    app.session.orders.list.location =
        crate::shell::model::next_location(app, app.session.orders.list.location);
    reload_list(app)
}

/// A newer copy of an order: replaces the old one wherever it is shown; a
/// new one that fits the list's filters joins it at the top, the cursor
/// staying on the order it was on.
pub(crate) fn saved_order(app: &mut App, mut o: Order) {
    sanitize::order(&mut o);
    if let Some(v) = &mut app.session.orders.view
        && v.id() == o.id
    {
        if let Load::Ready(d) = &mut v.detail {
            d.order = o.clone();
        }
        v.order = o.clone();
    }
    let rows = page_rows(app);
    let l = &mut app.session.orders.list;
    if let Some(o) = l.replace(o)
        && l.generation > 0
        && l.fits(&o)
    {
        l.insert(0, o, rows);
    }
}

/// A fetched or changed order detail: the view and the list row follow it.
fn shown(app: &mut App, mut d: OrderDetail) {
    sanitize::order_detail(&mut d);
    saved_order(app, d.order.clone());
    if let Some(v) = &mut app.session.orders.view
        && v.id() == d.order.id
    {
        v.item = v.item.min(d.items.len().saturating_sub(1));
        v.deliverable = v.deliverable.min(d.deliverables.len().saturating_sub(1));
        v.detail = Load::Ready(d);
    }
}

pub(crate) fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let rows = page_rows(app);
    let l = &mut app.session.orders.list;
    if let Some(fetch) = l.step(c, rows) {
        return if fetch {
            vec![fetch_list(l, true)]
        } else {
            vec![]
        };
    }
    match c {
        Cmd::Open => open_current(app),
        Cmd::NextTab => switch_status(app, 1),
        Cmd::PrevTab => switch_status(app, -1),
        Cmd::Location => switch_location(app),
        Cmd::Advance | Cmd::CancelOrder => match app.session.orders.list.current().cloned() {
            Some(o) => status_op(app, &o, c),
            None => vec![],
        },
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

/// A click in the list selects a row; a click on the selected row opens it.
pub(crate) fn click(app: &mut App, row: u16, column: u16) -> Vec<Effect> {
    let (offset, len) = (
        app.session.orders.list.offset,
        app.session.orders.list.items.len(),
    );
    let Some(index) = crate::shell::layout::clicked_row(app, row, column, offset, len) else {
        return vec![];
    };
    if index == app.session.orders.list.selected {
        return open_current(app);
    }
    move_list(app, index)
}

fn open_current(app: &mut App) -> Vec<Effect> {
    let Some(o) = app.session.orders.list.current().cloned() else {
        return vec![];
    };
    let (id, thread) = (o.id, o.thread_id);
    app.session.orders.view = Some(OrderView::new(o));
    app.screen = Screen::Order;
    vec![
        Effect::Orders(OrdersEffect::FetchOrder(id)),
        Effect::Thread(ThreadEffect::FetchMessages(thread)),
        Effect::Thread(ThreadEffect::MarkRead(thread)),
    ]
}

// ---- one order ------------------------------------------------------------

pub(crate) fn order_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = crate::shell::layout::page_rows(app);
    let max = app.drawn.get().thread_max_scroll;
    let staff = app.is_staff();
    let Some(v) = &mut app.session.orders.view else {
        return vec![];
    };
    let (items, files) = (v.items().len(), v.deliverables().len());
    match (c, v.pane) {
        (Cmd::Down, OrderPane::Items) => v.item = (v.item + 1).min(items.saturating_sub(1)),
        (Cmd::Up, OrderPane::Items) => v.item = v.item.saturating_sub(1),
        (Cmd::Down, OrderPane::Deliverables) => {
            v.deliverable = (v.deliverable + 1).min(files.saturating_sub(1))
        }
        (Cmd::Up, OrderPane::Deliverables) => v.deliverable = v.deliverable.saturating_sub(1),
        (Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom, _) => {
            thread::scroll(&mut v.thread, c, page, max)
        }
        (Cmd::NextTab, _) => v.pane = v.pane.next(),
        (Cmd::Download, _) => {
            let file = v.deliverables().get(v.deliverable).map(|a| (*a).clone());
            return match file {
                Some(a) => thread::start_download(app, vec![a]),
                None => {
                    error(app, "This order has no deliverables yet.".into(), vec![]);
                    vec![]
                }
            };
        }
        (Cmd::DownloadAll, _) => {
            let files: Vec<_> = v.deliverables().into_iter().cloned().collect();
            if files.is_empty() {
                error(app, "This order has no deliverables yet.".into(), vec![]);
                return vec![];
            }
            return thread::start_download(app, files);
        }
        (Cmd::Reply | Cmd::Note, _) => {
            let id = v.thread.id;
            thread::reply(app, id, c == Cmd::Note);
        }
        (Cmd::Advance | Cmd::CancelOrder, _) => {
            let o = v.order.clone();
            return status_op(app, &o, c);
        }
        (Cmd::AddItem, _) if staff => {
            let order = v.id();
            return forms::item(app, order, None);
        }
        (Cmd::EditItem, _) if staff => {
            let (order, item) = (v.id(), v.current_item().cloned());
            return match item {
                Some(i) => forms::item(app, order, Some(i)),
                None => {
                    error(app, "No item to change: add one with +.".into(), vec![]);
                    vec![]
                }
            };
        }
        (Cmd::AttachDeliverable, _) if staff => {
            let order = v.id();
            return forms::deliverable(app, order);
        }
        (Cmd::Back, _) => {
            app.screen = Screen::Orders;
            app.session.orders.view = None;
            return if app.session.orders.list.generation == 0 {
                reload_list(app)
            } else {
                vec![]
            };
        }
        _ => app.dirty = false,
    }
    vec![]
}

/// Moving an order on or cancelling it: asks first, since neither can be undone.
fn status_op(app: &mut App, o: &Order, c: Cmd) -> Vec<Effect> {
    let target = match c {
        Cmd::Advance if app.is_staff() => next_status(o.status).ok_or_else(|| {
            format!(
                "{} is {}: it has no next stage",
                o.reference,
                status_label(o.status).to_lowercase()
            )
        }),
        Cmd::CancelOrder if app.may_cancel(o.status) => Ok(OrderStatus::Cancelled),
        Cmd::CancelOrder if app.is_staff() => Err(format!("{} is already finished", o.reference)),
        Cmd::CancelOrder => Err("Only a submitted order can be cancelled.".to_owned()),
        _ => return vec![],
    };
    match target {
        Ok(status) => {
            let question = if status == OrderStatus::Cancelled {
                format!("Cancel {}? This cannot be undone.", o.reference)
            } else {
                format!(
                    "Move {} to {}?",
                    o.reference,
                    status_label(status).to_lowercase()
                )
            };
            app.modal = Modal::Confirm(Confirm {
                question,
                then: Pending::Run(set_status(o.id, status)),
                back: None,
            });
        }
        Err(why) => error(app, why, vec![]),
    }
    vec![]
}

/// A confirmed status change.
fn set_status(id: Id, status: OrderStatus) -> Vec<Effect> {
    vec![Effect::Orders(OrdersEffect::PatchOrder {
        id,
        patch: OrderPatch {
            status: Some(status),
            ..OrderPatch::default()
        },
    })]
}

// ---- the live stream ------------------------------------------------------

/// An order event: the order changes where it is shown; a message joins
/// its thread; the open order's items and files are fetched again.
pub(crate) fn live(app: &mut App, ev: OrderEvent) -> Vec<Effect> {
    let mut fx = vec![];
    let id = ev.order.id;
    let (reference, title) = (
        sanitize::line(&ev.order.reference),
        sanitize::line(&ev.order.title),
    );
    saved_order(app, ev.order);
    match ev.message {
        Some(m) => fx.extend(thread::live_message(app, m)),
        None if app
            .session
            .orders
            .view
            .as_ref()
            .is_some_and(|v| v.id() == id) =>
        {
            fx.push(Effect::Orders(OrdersEffect::FetchOrder(id)));
        }
        None => {}
    }
    if ev.kind == "order.created" {
        info(app, format!("New order {reference}: {title}"));
    }
    fx
}

/// The order this person submitted: the form closes, the order heads the list.
pub(crate) fn created(app: &mut App, r: Outcome<Box<OrderDetail>>) -> Vec<Effect> {
    match r {
        Ok(d) => {
            app.modal = Modal::None;
            let order = d.order;
            let reference = sanitize::line(&order.reference);
            let id = order.id;
            app.screen = Screen::Orders;
            let fx = if app.session.orders.list.generation == 0 {
                reload_list(app)
            } else {
                saved_order(app, order);
                if let Some(at) = app
                    .session
                    .orders
                    .list
                    .items
                    .iter()
                    .position(|o| o.id == id)
                {
                    app.session.orders.list.selected = at;
                    keep_in_view(app);
                }
                vec![]
            };
            info(app, format!("Order {reference} submitted"));
            fx
        }
        Err(f) => forms::refused(app, f),
    }
}
