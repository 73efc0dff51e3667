//! The ticket list and one ticket: paging, tabs, one-key triage that moves
//! on to the next ticket, bulk assignment, and the ticket's own pane.

use portico_shared::{
    BulkAssign, Id, OrganizationRef, Page, Ticket, TicketPatch, TicketStatus, TicketTab,
    TicketView, Timestamp,
};

use crate::failure::Outcome;
use crate::load::Load;
use crate::screens::thread::msg::ThreadEffect;
use crate::screens::thread::update as thread;
use crate::screens::tickets::msg::TicketsEffect;
use crate::screens::tickets::msg::TicketsMsg;
use crate::screens::tickets::{AssignField, AssignForm, Detail, DetailPane, Tab, TicketList};
use crate::shell::layout::page_rows;
use crate::shell::model::{App, Confirm, Modal, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{failed, info};
use crate::widgets::for_whom::ForWhom;
use crate::{sanitize, time};

/// Answers of the ticket calls.
pub(crate) fn answer(app: &mut App, msg: TicketsMsg) -> Vec<Effect> {
    match msg {
        TicketsMsg::Tickets {
            generation,
            append,
            result,
        } => tickets_page(app, generation, append, result),
        TicketsMsg::Count { slot, result } => {
            if let Some(c) = app.session.dashboard.counts.get_mut(slot) {
                c.value = result.map_or_else(|f| Load::Failed(f.message), Load::Ready);
            }
            vec![]
        }
        TicketsMsg::Mine(r) => {
            app.session.dashboard.mine = match r {
                Ok(mut page) => {
                    page.items.iter_mut().for_each(sanitize::ticket);
                    Load::Ready(page.items)
                }
                Err(f) => Load::Failed(f.message),
            };
            vec![]
        }
        TicketsMsg::Ticket(r) => match r {
            Ok(t) => {
                saved_ticket(app, *t);
                vec![]
            }
            Err(f) => {
                if let Some(d) = &mut app.session.tickets.detail {
                    d.ticket = Load::Failed(f.message.clone());
                }
                failed(app, f, vec![])
            }
        },
        TicketsMsg::Saved(r) => match r {
            Ok(t) => {
                let id = t.id;
                saved_ticket(app, *t);
                info(app, format!("Ticket #{id} saved"));
                vec![]
            }
            Err(f) => failed(app, f, vec![]),
        },
        TicketsMsg::Created(r) => match r {
            Ok(t) => {
                let id = t.id;
                app.modal = Modal::None;
                saved_ticket(app, *t);
                info(app, format!("Ticket #{id} created"));
                vec![]
            }
            Err(f) => {
                let mut shown = 0;
                if let Modal::Compose(c) = &mut app.modal {
                    c.sending = false;
                    // Shown under their fields; the status line counts them.
                    c.errors = f.fields.clone();
                    shown = c.errors.len();
                }
                if shown > 0 {
                    let s = if shown == 1 {
                        "field needs"
                    } else {
                        "fields need"
                    };
                    crate::shell::status::error(app, format!("{shown} {s} attention"), vec![]);
                    return vec![];
                }
                failed(app, f, vec![])
            }
        },
        TicketsMsg::OrgChoices { query, result } => org_choices(app, &query, result),
        TicketsMsg::Contacts { org, result } => {
            match result {
                Ok(mut people) => {
                    if let Some(fw) = for_whom(app)
                        && fw.organization().is_some_and(|o| o.id == org)
                    {
                        people.iter_mut().for_each(sanitize::person);
                        fw.people = people;
                        fw.person = None;
                    }
                }
                Err(f) => return failed(app, f, vec![]),
            }
            vec![]
        }
        TicketsMsg::Bulk(r) => match r {
            Ok(b) => {
                let n = b.updated.len();
                for t in b.updated {
                    saved_ticket(app, t);
                }
                info(app, format!("{n} tickets assigned"));
                vec![]
            }
            Err(f) => failed(app, f, vec![]),
        },
        TicketsMsg::Staff(r) => {
            app.session.staff = crate::load::people(r);
            vec![]
        }
    }
}

/// The open ticket and its thread, fetched again.
pub(crate) fn refetch_detail(app: &App) -> Vec<Effect> {
    app.session
        .tickets
        .detail
        .as_ref()
        .map_or_else(Vec::new, |d| {
            vec![
                Effect::Tickets(TicketsEffect::FetchTicket(d.id)),
                Effect::Thread(ThreadEffect::FetchMessages(d.thread.id)),
            ]
        })
}

/// A click in the list selects a row; a click on the selected row opens it.
pub(crate) fn click(app: &mut App, row: u16, column: u16) -> Vec<Effect> {
    let (offset, len) = (
        app.session.tickets.list.offset,
        app.session.tickets.list.items.len(),
    );
    let Some(index) = crate::shell::layout::clicked_row(app, row, column, offset, len) else {
        return vec![];
    };
    if index == app.session.tickets.list.selected {
        return open_current(app);
    }
    move_list(app, index)
}

/// The request for a page of the list (`append`: the one after the
/// loaded rows) that answers with `generation`.
fn page_request(list: &TicketList, generation: u64, append: bool) -> Effect {
    let query = portico_shared::TicketQuery {
        cursor: list.cursor_for(append),
        ..list.query()
    };
    Effect::Tickets(TicketsEffect::FetchTickets {
        generation,
        append,
        query,
    })
}

/// Starts loading the list from the top (or the next page when `append`).
pub(crate) fn fetch_list(list: &mut TicketList, append: bool) -> Effect {
    let generation = list.load(append);
    page_request(list, generation, append)
}

/// The list again from the top, keeping how it is asked for.
pub(crate) fn reload_list(app: &mut App) -> Vec<Effect> {
    app.session.tickets.list.clear();
    vec![fetch_list(&mut app.session.tickets.list, false)]
}

fn tickets_page(
    app: &mut App,
    generation: u64,
    append: bool,
    result: Outcome<Page<Ticket>>,
) -> Vec<Effect> {
    let rows = page_rows(app);
    if !app.session.tickets.list.answered(generation) {
        app.dirty = false;
        return vec![];
    }
    match result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(sanitize::ticket);
            (app.session.tickets.list).arrived(page.items, page.next_cursor, append, rows);
            vec![]
        }
        Err(f) => {
            let l = &mut app.session.tickets.list;
            l.error = Some(f.message.clone());
            let retry = page_request(l, generation, append);
            failed(app, f, vec![retry])
        }
    }
}

/// Keeps the selected row on screen, moving the offset as little as possible.
pub(crate) fn keep_in_view(app: &mut App) {
    let rows = page_rows(app);
    app.session.tickets.list.keep_in_view(rows);
}

/// Moves the list cursor and fetches the next page when near the end.
pub(crate) fn move_list(app: &mut App, to: usize) -> Vec<Effect> {
    let rows = page_rows(app);
    next_page(&mut app.session.tickets.list, |l| l.select(to, rows))
}

/// The next page when `moved` (a cursor move) says it is time.
fn next_page(list: &mut TicketList, moved: impl FnOnce(&mut TicketList) -> bool) -> Vec<Effect> {
    if moved(list) {
        return vec![fetch_list(list, true)];
    }
    vec![]
}

fn switch_tab(app: &mut App, step: isize) -> Vec<Effect> {
    let tab = crate::list::cycle(
        &Tab::all(app.is_staff()),
        app.session.tickets.list.tab,
        step,
    );
    set_tab(app, tab)
}

pub(crate) fn set_tab(app: &mut App, tab: Tab) -> Vec<Effect> {
    app.screen = Screen::Tickets;
    app.session.tickets.list.tab = tab;
    app.session.tickets.list.marks.clear();
    reload_list(app)
}

/// Whether a ticket belongs in the list now on screen (for live inserts).
fn fits(app: &App, t: &Ticket) -> bool {
    let tab_fits = match app.session.tickets.list.tab {
        Tab::View(TicketView::Unassigned) => t.assignee.is_none() && !t.status.is_done(),
        Tab::View(TicketView::Mine) => {
            t.assignee.as_ref().map(|a| a.id) == app.my_id() && !t.status.is_done()
        }
        Tab::View(TicketView::Team) => t.team.is_some(),
        Tab::View(TicketView::Overdue) => app.overdue(t),
        Tab::View(TicketView::All) => true,
        Tab::Client(TicketTab::Open) => !t.status.is_done(),
        Tab::Client(TicketTab::Closed) => t.status.is_done(),
    };
    let f = app.session.tickets.list.filter.to_lowercase();
    tab_fits && (f.is_empty() || t.subject.to_lowercase().contains(&f))
}

/// A newer copy of a ticket: replaces the old one wherever it is shown.
pub(crate) fn saved_ticket(app: &mut App, mut t: Ticket) {
    sanitize::ticket(&mut t);
    if let Some(d) = &mut app.session.tickets.detail
        && d.id == t.id
    {
        d.ticket = Load::Ready(t.clone());
    }
    if let Load::Ready(mine) = &mut app.session.dashboard.mine
        && let Some(slot) = mine.iter_mut().find(|x| x.id == t.id)
    {
        *slot = t.clone();
    }
    let rows = page_rows(app);
    if let Some(t) = app.session.tickets.list.replace(t)
        && fits(app, &t)
    {
        app.session.tickets.list.insert(0, t, rows);
    }
}

pub(crate) fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = page_rows(app);
    if let Some(fetch) = app.session.tickets.list.step(c, page) {
        return next_page(&mut app.session.tickets.list, |_| fetch);
    }
    match c {
        Cmd::Open => open_current(app),
        Cmd::NextTab => switch_tab(app, 1),
        Cmd::PrevTab => switch_tab(app, -1),
        Cmd::Filter => {
            app.session.tickets.list.filter_before = app.session.tickets.list.filter.clone();
            app.modal = Modal::Filter(app.session.tickets.list.filter.clone());
            vec![]
        }
        Cmd::CycleSort => {
            app.session.tickets.list.sort = app.session.tickets.list.next_sort();
            reload_list(app)
        }
        Cmd::ToggleMark => next_page(&mut app.session.tickets.list, |l| l.toggle_mark(page)),
        Cmd::ClearMarks => {
            app.session.tickets.list.marks.clear();
            vec![]
        }
        Cmd::Status(_) | Cmd::Priority(_) | Cmd::AssignMe | Cmd::Assign | Cmd::Deadline => {
            ticket_op(app, c)
        }
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

fn open_current(app: &mut App) -> Vec<Effect> {
    let at = app.session.tickets.list.selected;
    let Some(t) = app.session.tickets.list.items.get_mut(at) else {
        return vec![];
    };
    t.unread_count = 0;
    let t = t.clone();
    let (id, thread) = (t.id, t.thread_id);
    app.session.tickets.detail = Some(Detail::new(t));
    app.screen = Screen::Detail;
    vec![
        Effect::Tickets(TicketsEffect::FetchTicket(id)),
        Effect::Thread(ThreadEffect::FetchMessages(thread)),
        Effect::Thread(ThreadEffect::MarkRead(thread)),
    ]
}

/// The tickets an operation applies to: the marked ones in the list, else
/// the one under the cursor (or open).
fn targets(app: &App) -> Vec<Id> {
    match app.screen {
        Screen::Tickets if !app.session.tickets.list.marks.is_empty() => {
            app.session.tickets.list.marks.iter().copied().collect()
        }
        Screen::Tickets => app
            .session
            .tickets
            .list
            .current()
            .map(|t| vec![t.id])
            .unwrap_or_default(),
        Screen::Detail => app
            .session
            .tickets
            .detail
            .as_ref()
            .map(|d| vec![d.id])
            .unwrap_or_default(),
        _ => vec![],
    }
}

/// A confirmed status change, after which the list moves on.
pub(crate) fn set_status(app: &mut App, ids: &[Id], status: TicketStatus) -> Vec<Effect> {
    let mut fx = patches(ids, |p| p.status = Some(status));
    fx.extend(advance(app));
    fx
}

/// After a one-key change in the list the cursor moves on to the next ticket.
fn advance(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::Tickets {
        app.session.tickets.list.marks.clear();
        let next = app.session.tickets.list.selected + 1;
        return move_list(app, next);
    }
    vec![]
}

fn ticket_op(app: &mut App, c: Cmd) -> Vec<Effect> {
    let ids = targets(app);
    if ids.is_empty() {
        return vec![];
    }
    let mut fx = match c {
        Cmd::Status(TicketStatus::Closed) => {
            let n = ids.len();
            app.modal = Modal::Confirm(Confirm {
                question: format!("Close {} ticket{}?", n, if n == 1 { "" } else { "s" }),
                then: Pending::Status {
                    ids,
                    status: TicketStatus::Closed,
                },
                back: None,
            });
            return vec![];
        }
        Cmd::Status(status) => patches(&ids, |p| p.status = Some(status)),
        Cmd::Priority(priority) => patches(&ids, |p| p.priority = Some(priority)),
        Cmd::AssignMe => match app.my_id() {
            Some(me) => assign(ids, me, None),
            None => vec![],
        },
        Cmd::Assign | Cmd::Deadline => {
            let selected = current_assignee_index(app, &ids);
            app.modal = Modal::Assign(AssignForm {
                tickets: ids,
                selected,
                deadline: String::new(),
                focus: if c == Cmd::Deadline {
                    AssignField::Deadline
                } else {
                    AssignField::Person
                },
                deadline_only: c == Cmd::Deadline,
                error: None,
            });
            return match app.session.staff {
                Load::Ready(_) => vec![],
                _ => vec![Effect::Tickets(TicketsEffect::FetchStaff)],
            };
        }
        _ => vec![],
    };
    fx.extend(advance(app));
    fx
}

/// For one ticket, the picker starts on whoever has it now.
fn current_assignee_index(app: &App, ids: &[Id]) -> usize {
    let [id] = ids else { return 0 };
    let ticket = app
        .session
        .tickets
        .list
        .items
        .iter()
        .find(|t| t.id == *id)
        .or_else(|| {
            app.session
                .tickets
                .detail
                .as_ref()
                .and_then(|d| d.ticket.ready())
        });
    let assignee = ticket.and_then(|t| t.assignee.as_ref()).map(|a| a.id);
    app.session
        .staff
        .ready()
        .and_then(|people| people.iter().position(|p| Some(p.id) == assignee))
        .unwrap_or(0)
}

fn patches(ids: &[Id], set: impl Fn(&mut TicketPatch)) -> Vec<Effect> {
    ids.iter()
        .map(|&id| {
            let mut patch = TicketPatch::default();
            set(&mut patch);
            Effect::Tickets(TicketsEffect::Patch { id, patch })
        })
        .collect()
}

/// One ticket is a patch; several are one bulk request.
fn assign(ids: Vec<Id>, person: Id, deadline: Option<Timestamp>) -> Vec<Effect> {
    if let [id] = ids[..] {
        let patch = TicketPatch {
            assignee_id: Some(Some(person)),
            deadline: deadline.map(Some),
            ..TicketPatch::default()
        };
        return vec![Effect::Tickets(TicketsEffect::Patch { id, patch })];
    }
    vec![Effect::Tickets(TicketsEffect::BulkAssign(BulkAssign {
        ticket_ids: ids,
        assignee_id: person,
        deadline,
        team: None,
    }))]
}

pub(crate) fn detail_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = crate::shell::layout::page_rows(app);
    let max = app.drawn.get().thread_max_scroll;
    let Some(d) = &mut app.session.tickets.detail else {
        return vec![];
    };
    let attachments = d.attachments().len();
    let on_attachments = d.pane == DetailPane::Attachments;
    match c {
        Cmd::Down if on_attachments => {
            d.attachment = (d.attachment + 1).min(attachments.saturating_sub(1))
        }
        Cmd::Up if on_attachments => d.attachment = d.attachment.saturating_sub(1),
        Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom => {
            thread::scroll(&mut d.thread, c, page, max)
        }
        Cmd::NextTab => {
            d.pane = match d.pane {
                DetailPane::Thread if attachments > 0 => DetailPane::Attachments,
                _ => DetailPane::Thread,
            }
        }
        Cmd::Download => {
            let att = d.attachments().get(d.attachment).map(|a| (*a).clone());
            if let Some(a) = att {
                return thread::start_download(app, vec![a]);
            }
        }
        Cmd::Back => {
            app.screen = Screen::Tickets;
            app.session.tickets.detail = None;
            return vec![];
        }
        Cmd::Reply | Cmd::Note => {
            let id = d.thread.id;
            thread::reply(app, id, c == Cmd::Note);
        }
        Cmd::Status(_) | Cmd::Priority(_) | Cmd::AssignMe | Cmd::Assign | Cmd::Deadline => {
            return ticket_op(app, c);
        }
        _ => app.dirty = false,
    }
    vec![]
}

pub(crate) fn assign_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let people = app.session.staff.ready().map_or(0, Vec::len);
    let Modal::Assign(form) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::Down => form.selected = (form.selected + 1).min(people.saturating_sub(1)),
        Cmd::Up => form.selected = form.selected.saturating_sub(1),
        Cmd::NextField if !form.deadline_only => {
            form.focus = match form.focus {
                AssignField::Person => AssignField::Deadline,
                AssignField::Deadline => AssignField::Person,
            }
        }
        Cmd::Cancel => app.modal = Modal::None,
        Cmd::Submit => return submit_assign(app),
        _ => {}
    }
    vec![]
}

fn submit_assign(app: &mut App) -> Vec<Effect> {
    let zone = app.home_zone();
    let Modal::Assign(form) = &mut app.modal else {
        return vec![];
    };
    let deadline = match time::parse_at(&form.deadline, app.now, &zone) {
        Ok(d) => d,
        Err(e) => {
            form.error = Some(e);
            return vec![];
        }
    };
    let ids = std::mem::take(&mut form.tickets);
    let mut fx = if form.deadline_only {
        patches(&ids, |p| p.deadline = Some(deadline))
    } else {
        let person = app
            .session
            .staff
            .ready()
            .and_then(|s| s.get(form.selected))
            .map(|p| p.id);
        let Some(person) = person else {
            form.tickets = ids;
            form.error = Some("No one to assign yet: the staff list is loading.".into());
            return vec![];
        };
        assign(ids, person, deadline)
    };
    app.modal = Modal::None;
    fx.extend(advance(app));
    fx
}

/// The new-ticket composer's "for whom", when staff have it open.
fn for_whom(app: &mut App) -> Option<&mut ForWhom> {
    match &mut app.modal {
        Modal::Compose(c) => c.for_whom.as_mut(),
        _ => None,
    }
}

/// Organisations matching what staff typed: the first is chosen (and, for
/// a new ticket, its contacts fetched). An answer to an older query is
/// dropped. A form's organisation field (a new draft invoice) takes them too.
fn org_choices(app: &mut App, query: &str, result: Outcome<Vec<OrganizationRef>>) -> Vec<Effect> {
    let orgs = match result {
        Ok(o) => o,
        Err(f) => return failed(app, f, vec![]),
    };
    let chosen = for_whom(app).and_then(|fw| fw.found(query, orgs)).flatten();
    chosen
        .map(|id| Effect::Tickets(TicketsEffect::FetchContacts(id)))
        .into_iter()
        .collect()
}
