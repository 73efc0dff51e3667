//! `update`: the one place the model changes. Synchronous and free of I/O;
//! whatever needs the network, the disk or a terminal comes back as effects.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico_shared::{
    BulkAssign, Id, Me, Message, NewMessage, NewTicket, Page, Ticket, TicketPatch, TicketQuery,
    TicketSort, TicketStatus, TicketTab, TicketView, Timestamp,
};

use crate::action::{Action, Cmd, Download, Effect, Failure, Live, Mouse, Outcome};
use crate::app::{
    App, AssignField, AssignForm, Compose, ComposeField, ComposeKind, Confirm, Count, Detail,
    DetailPane, Load, LoginField, Modal, Palette, Pending, Screen, Status, StatusKind, Tab,
    TicketList,
};
use crate::palette::{self, PaletteCmd};
use crate::{sanitize, time, ui};

/// Rows from the end of the loaded list at which the next page is fetched.
const PREFETCH_ROWS: usize = 30;
/// Ticks an info message stays.
const INFO_TICKS: u8 = 2;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    app.dirty = true;
    match action {
        Action::Cmd(c) => command(app, c),
        Action::Text(k) => text(app, k),
        Action::Mouse(m) => mouse(app, m),
        Action::Resize(w, h) => {
            app.size = (w, h);
            keep_in_view(app);
            vec![]
        }
        Action::Tick(now) => tick(app, now),
        Action::Branding(r) => {
            app.branding = match r {
                Ok(mut b) => {
                    sanitize::branding(&mut b);
                    Load::Ready(b)
                }
                Err(f) => Load::Failed(f.message),
            };
            vec![]
        }
        Action::LoggedIn(r) => logged_in(app, r.map(|l| l.user.name)),
        Action::Me(r) => me(app, r),
        Action::Tickets {
            generation,
            append,
            result,
        } => tickets_page(app, generation, append, result),
        Action::Count { slot, result } => {
            if let Some(c) = app.dashboard.counts.get_mut(slot) {
                c.value = result.map_or_else(|f| Load::Failed(f.message), Load::Ready);
            }
            vec![]
        }
        Action::Mine(r) => {
            app.dashboard.mine = match r {
                Ok(mut page) => {
                    page.items.iter_mut().for_each(sanitize::ticket);
                    Load::Ready(page.items)
                }
                Err(f) => Load::Failed(f.message),
            };
            vec![]
        }
        Action::Ticket(r) => match r {
            Ok(t) => {
                saved_ticket(app, *t);
                vec![]
            }
            Err(f) => {
                if let Some(d) = &mut app.detail {
                    d.ticket = Load::Failed(f.message.clone());
                }
                failed(app, f, vec![])
            }
        },
        Action::Messages { thread, result } => messages(app, thread, result),
        Action::Saved(r) => match r {
            Ok(t) => {
                let id = t.id;
                saved_ticket(app, *t);
                info(app, format!("Ticket #{id} saved"));
                vec![]
            }
            Err(f) => failed(app, f, vec![]),
        },
        Action::Created(r) => match r {
            Ok(t) => {
                let id = t.id;
                app.modal = Modal::None;
                saved_ticket(app, *t);
                info(app, format!("Ticket #{id} created"));
                vec![]
            }
            Err(f) => {
                if let Modal::Compose(c) = &mut app.modal {
                    c.sending = false;
                }
                failed(app, f, vec![])
            }
        },
        Action::Bulk(r) => match r {
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
        Action::Staff(r) => {
            app.staff = match r {
                Ok(mut people) => {
                    people.iter_mut().for_each(sanitize::person);
                    Load::Ready(people)
                }
                Err(f) => Load::Failed(f.message),
            };
            vec![]
        }
        Action::Posted(r) => posted(app, r),
        Action::Download { attachment, event } => download(app, attachment, event),
        Action::Live(l) => live(app, l),
        Action::Edited(r) => {
            match (r, &mut app.modal) {
                (Ok(text), Modal::Compose(c)) => {
                    // The editor may have left anything in the file.
                    let clean = sanitize::text(&text);
                    c.body =
                        ratatui_textarea::TextArea::new(clean.lines().map(str::to_owned).collect());
                }
                (Err(f), _) => error(app, f.message, vec![]),
                _ => {}
            }
            vec![]
        }
        Action::Info(text) => {
            info(app, sanitize::line(&text));
            vec![]
        }
        Action::LoggedOut => {
            signed_out(app, "Signed out.");
            vec![]
        }
    }
}

/// The effects of a fresh start: branding, and the session when a token is stored.
pub fn start(app: &mut App, signed_in: bool) -> Vec<Effect> {
    let mut fx = vec![Effect::FetchBranding];
    if signed_in {
        app.login.busy = true;
        fx.push(Effect::FetchMe);
    } else if let Some(first) = app.login.demo.first().cloned() {
        // The demo signs straight in; its login screen can switch accounts.
        fx.extend(sign_in(app, first.email, first.password));
    }
    fx
}

fn sign_in(app: &mut App, email: String, password: String) -> Vec<Effect> {
    app.login.email = email.clone();
    app.login.busy = true;
    app.login.error = None;
    vec![Effect::Login { email, password }]
}

fn logged_in(app: &mut App, r: Outcome<String>) -> Vec<Effect> {
    match r {
        Ok(_) => {
            app.login.password.clear();
            vec![Effect::FetchMe]
        }
        Err(f) => {
            app.login.busy = false;
            app.login.error = Some(f.message);
            vec![]
        }
    }
}

fn me(app: &mut App, r: Outcome<Box<Me>>) -> Vec<Effect> {
    match r {
        Ok(mut me) => {
            sanitize::me(&mut me);
            let staff = me.user.role.is_staff();
            app.me = Some(*me);
            app.login.busy = false;
            app.login.error = None;
            app.screen = Screen::Dashboard;
            app.list = TicketList::new(Tab::all(staff)[0]);
            app.dashboard.counts = counts(staff);
            let mut fx = vec![fetch_list(&mut app.list, false), Effect::StartLive];
            fx.extend(app.dashboard.counts.iter().enumerate().map(|(slot, c)| {
                Effect::FetchCount {
                    slot,
                    query: c.query.clone(),
                }
            }));
            fx.push(Effect::FetchMine(mine_query(staff)));
            if staff {
                fx.push(Effect::FetchStaff);
            }
            fx
        }
        Err(f) => {
            let why = if f.unauthorized {
                "Your session has ended; please sign in again.".to_owned()
            } else {
                f.message
            };
            signed_out(app, &why);
            vec![]
        }
    }
}

/// What the dashboard lists as the person's own work.
fn mine_query(staff: bool) -> TicketQuery {
    TicketQuery {
        view: staff.then_some(TicketView::Mine),
        tab: (!staff).then_some(TicketTab::Open),
        sort: Some(TicketSort::Deadline),
        limit: Some(50),
        ..TicketQuery::default()
    }
}

fn counts(staff: bool) -> Vec<Count> {
    let q = |view, tab| TicketQuery {
        view,
        tab,
        limit: Some(200),
        ..TicketQuery::default()
    };
    let slots: Vec<(&'static str, TicketQuery)> = if staff {
        vec![
            ("Unassigned", q(Some(TicketView::Unassigned), None)),
            ("Mine", q(Some(TicketView::Mine), None)),
            ("Overdue", q(Some(TicketView::Overdue), None)),
        ]
    } else {
        vec![
            ("Open", q(None, Some(TicketTab::Open))),
            ("Closed", q(None, Some(TicketTab::Closed))),
        ]
    };
    slots
        .into_iter()
        .map(|(label, query)| Count {
            label,
            query,
            value: Load::Loading,
        })
        .collect()
}

/// Back to the login screen with a reason, forgetting the session's data.
fn signed_out(app: &mut App, why: &str) {
    app.me = None;
    app.screen = Screen::Login;
    app.detail = None;
    app.modal = Modal::None;
    app.list = TicketList::new(Tab::Client(TicketTab::Open));
    app.staff = Load::Loading;
    app.live = crate::app::LiveState::Off;
    app.login.busy = false;
    app.login.error = Some(why.to_owned());
    app.login.focus = if app.login.email.is_empty() {
        LoginField::Email
    } else {
        LoginField::Password
    };
}

fn tick(app: &mut App, now: Timestamp) -> Vec<Effect> {
    app.now = now;
    if let Some(s) = &mut app.status
        && s.kind == StatusKind::Info
    {
        s.ticks_left = s.ticks_left.saturating_sub(1);
        if s.ticks_left == 0 {
            app.status = None;
        }
    }
    vec![]
}

fn info(app: &mut App, text: String) {
    app.status = Some(Status {
        text,
        kind: StatusKind::Info,
        retry: vec![],
        ticks_left: INFO_TICKS,
    });
}

fn error(app: &mut App, text: String, retry: Vec<Effect>) {
    app.status = Some(Status {
        text,
        kind: StatusKind::Error,
        retry,
        ticks_left: 0,
    });
}

/// A failed call: an ended session goes back to sign-in, the rest to the status line.
fn failed(app: &mut App, f: Failure, retry: Vec<Effect>) -> Vec<Effect> {
    if f.unauthorized && app.me.is_some() {
        signed_out(app, "Your session has ended; please sign in again.");
    } else {
        error(app, f.message, retry);
    }
    vec![]
}

// ---- the ticket list ------------------------------------------------------

/// Starts loading the list from the top (or the next page when `append`).
fn fetch_list(list: &mut TicketList, append: bool) -> Effect {
    let mut query = list.query();
    if append {
        query.cursor = list.next_cursor.clone();
    } else {
        list.generation += 1;
    }
    list.loading = true;
    Effect::FetchTickets {
        generation: list.generation,
        append,
        query,
    }
}

fn reload_list(app: &mut App) -> Vec<Effect> {
    let tab = app.list.tab;
    let filter = std::mem::take(&mut app.list.filter);
    let generation = app.list.generation;
    app.list = TicketList::new(tab);
    app.list.filter = filter;
    app.list.generation = generation;
    vec![fetch_list(&mut app.list, false)]
}

fn tickets_page(
    app: &mut App,
    generation: u64,
    append: bool,
    result: Outcome<Page<Ticket>>,
) -> Vec<Effect> {
    if generation != app.list.generation {
        app.dirty = false;
        return vec![];
    }
    app.list.loading = false;
    match result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(sanitize::ticket);
            if append {
                let known: std::collections::HashSet<Id> =
                    app.list.items.iter().map(|t| t.id).collect();
                app.list
                    .items
                    .extend(page.items.into_iter().filter(|t| !known.contains(&t.id)));
            } else {
                app.list.items = page.items;
            }
            app.list.next_cursor = page.next_cursor;
            app.list.error = None;
            clamp_selection(app);
            vec![]
        }
        Err(f) => {
            app.list.error = Some(f.message.clone());
            let mut query = app.list.query();
            if append {
                query.cursor = app.list.next_cursor.clone();
            }
            let retry = vec![Effect::FetchTickets {
                generation,
                append,
                query,
            }];
            failed(app, f, retry)
        }
    }
}

fn clamp_selection(app: &mut App) {
    let n = app.list.items.len();
    app.list.selected = app.list.selected.min(n.saturating_sub(1));
    keep_in_view(app);
}

/// Keeps the selected row on screen, moving the offset as little as possible.
fn keep_in_view(app: &mut App) {
    let rows = ui::list_rows(app.size).max(1);
    let l = &mut app.list;
    l.offset = ui::visible_offset(l.offset, l.selected, rows);
}

/// Moves the list cursor and fetches the next page when near the end.
fn move_list(app: &mut App, to: usize) -> Vec<Effect> {
    let n = app.list.items.len();
    app.list.selected = to.min(n.saturating_sub(1));
    keep_in_view(app);
    let near_end = app.list.selected + PREFETCH_ROWS >= n;
    if near_end && app.list.next_cursor.is_some() && !app.list.loading {
        return vec![fetch_list(&mut app.list, true)];
    }
    vec![]
}

fn switch_tab(app: &mut App, step: isize) -> Vec<Effect> {
    let tabs = Tab::all(app.is_staff());
    let at = tabs.iter().position(|t| *t == app.list.tab).unwrap_or(0) as isize;
    let next = (at + step).rem_euclid(tabs.len() as isize) as usize;
    set_tab(app, tabs[next])
}

fn set_tab(app: &mut App, tab: Tab) -> Vec<Effect> {
    app.screen = Screen::Tickets;
    app.list.tab = tab;
    app.list.marks.clear();
    reload_list(app)
}

/// Whether a ticket belongs in the list now on screen (for live inserts).
fn fits(app: &App, t: &Ticket) -> bool {
    let tab_fits = match app.list.tab {
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
    let f = app.list.filter.to_lowercase();
    tab_fits && (f.is_empty() || t.subject.to_lowercase().contains(&f))
}

/// A newer copy of a ticket: replaces the old one wherever it is shown.
fn saved_ticket(app: &mut App, mut t: Ticket) {
    sanitize::ticket(&mut t);
    if let Some(d) = &mut app.detail
        && d.id == t.id
    {
        d.ticket = Load::Ready(t.clone());
    }
    if let Load::Ready(mine) = &mut app.dashboard.mine
        && let Some(slot) = mine.iter_mut().find(|x| x.id == t.id)
    {
        *slot = t.clone();
    }
    if let Some(slot) = app.list.items.iter_mut().find(|x| x.id == t.id) {
        *slot = t;
    } else if fits(app, &t) {
        app.list.items.insert(0, t);
        // Keep the cursor on the ticket it was on.
        if app.list.items.len() > 1 {
            app.list.selected += 1;
        }
        keep_in_view(app);
    }
}

// ---- commands -------------------------------------------------------------

fn command(app: &mut App, c: Cmd) -> Vec<Effect> {
    match &app.modal {
        Modal::None => {}
        Modal::Help => {
            app.modal = Modal::None;
            return vec![];
        }
        Modal::Palette(_) => return palette_cmd(app, c),
        Modal::Filter(_) => return filter_cmd(app, c),
        Modal::Confirm(_) => return confirm_cmd(app, c),
        Modal::Assign(_) => return assign_cmd(app, c),
        Modal::Compose(_) => return compose_cmd(app, c),
    }
    match (app.screen, c) {
        (_, Cmd::Quit) => {
            app.quit = true;
            vec![]
        }
        (Screen::Login, c) => login_cmd(app, c),
        (_, Cmd::Help) => {
            app.modal = Modal::Help;
            vec![]
        }
        (_, Cmd::Palette) => {
            app.modal = Modal::Palette(Palette {
                input: String::new(),
                selected: 0,
            });
            vec![]
        }
        (_, Cmd::Retry) => retry(app),
        (_, Cmd::NewTicket) => {
            app.modal = Modal::Compose(Box::new(Compose::new(ComposeKind::NewTicket)));
            vec![]
        }
        (Screen::Dashboard, Cmd::Tickets) => {
            app.screen = Screen::Tickets;
            vec![]
        }
        (Screen::Tickets, c) => list_cmd(app, c),
        (Screen::Detail, c) => detail_cmd(app, c),
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}

fn login_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let form = &mut app.login;
    match c {
        Cmd::NextField => {
            form.focus = match form.focus {
                LoginField::Email => LoginField::Password,
                LoginField::Password => LoginField::Email,
            };
            vec![]
        }
        Cmd::NextDemoAccount if !form.demo.is_empty() => {
            form.demo_index = (form.demo_index + 1) % form.demo.len();
            let a = &form.demo[form.demo_index];
            form.email = a.email.clone();
            form.password = a.password.clone();
            form.focus = LoginField::Password;
            vec![]
        }
        Cmd::Retry => {
            app.branding = Load::Loading;
            vec![Effect::FetchBranding]
        }
        Cmd::Submit if form.busy => vec![],
        Cmd::Submit if form.focus == LoginField::Email && form.password.is_empty() => {
            form.focus = LoginField::Password;
            vec![]
        }
        Cmd::Submit => {
            let (email, password) = (form.email.trim().to_owned(), form.password.clone());
            if email.is_empty() || password.is_empty() {
                form.error = Some("Enter your e-mail address and password.".into());
                return vec![];
            }
            sign_in(app, email, password)
        }
        _ => vec![],
    }
}

fn retry(app: &mut App) -> Vec<Effect> {
    if let Some(s) = app.status.take()
        && !s.retry.is_empty()
    {
        return s.retry;
    }
    match app.screen {
        Screen::Detail => app.detail.as_ref().map_or_else(Vec::new, |d| {
            let mut fx = vec![Effect::FetchTicket(d.id)];
            if let Some(t) = d.ticket.ready() {
                fx.push(Effect::FetchMessages(t.thread_id));
            }
            fx
        }),
        _ => reload_list(app),
    }
}

fn page_rows(app: &App) -> usize {
    ui::list_rows(app.size).max(1)
}

fn list_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let sel = app.list.selected;
    let page = page_rows(app);
    match c {
        Cmd::Down => move_list(app, sel + 1),
        Cmd::Up => move_list(app, sel.saturating_sub(1)),
        Cmd::Top => move_list(app, 0),
        Cmd::Bottom => move_list(app, usize::MAX),
        Cmd::PageDown => move_list(app, sel + page),
        Cmd::PageUp => move_list(app, sel.saturating_sub(page)),
        Cmd::Open => open_current(app),
        Cmd::NextTab => switch_tab(app, 1),
        Cmd::PrevTab => switch_tab(app, -1),
        Cmd::Filter => {
            app.modal = Modal::Filter(app.list.filter.clone());
            vec![]
        }
        Cmd::Dashboard => {
            app.screen = Screen::Dashboard;
            vec![]
        }
        Cmd::ToggleMark => {
            if let Some(id) = app.list.current().map(|t| t.id)
                && !app.list.marks.remove(&id)
            {
                app.list.marks.insert(id);
            }
            move_list(app, sel + 1)
        }
        Cmd::ClearMarks => {
            app.list.marks.clear();
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
    let Some(t) = app.list.items.get_mut(app.list.selected) else {
        return vec![];
    };
    t.unread_count = 0;
    let t = t.clone();
    let (id, thread) = (t.id, t.thread_id);
    app.detail = Some(Detail::new(id, Some(t)));
    app.screen = Screen::Detail;
    vec![
        Effect::FetchTicket(id),
        Effect::FetchMessages(thread),
        Effect::MarkRead(thread),
    ]
}

/// The tickets an operation applies to: the marked ones in the list, else
/// the one under the cursor (or open).
fn targets(app: &App) -> Vec<Id> {
    match app.screen {
        Screen::Tickets if !app.list.marks.is_empty() => app.list.marks.iter().copied().collect(),
        Screen::Tickets => app.list.current().map(|t| vec![t.id]).unwrap_or_default(),
        Screen::Detail => app.detail.as_ref().map(|d| vec![d.id]).unwrap_or_default(),
        _ => vec![],
    }
}

/// After a one-key change in the list the cursor moves on to the next ticket.
fn advance(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::Tickets {
        app.list.marks.clear();
        let next = app.list.selected + 1;
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
            return match app.staff {
                Load::Ready(_) => vec![],
                _ => vec![Effect::FetchStaff],
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
        .list
        .items
        .iter()
        .find(|t| t.id == *id)
        .or_else(|| app.detail.as_ref().and_then(|d| d.ticket.ready()));
    let assignee = ticket.and_then(|t| t.assignee.as_ref()).map(|a| a.id);
    app.staff
        .ready()
        .and_then(|people| people.iter().position(|p| Some(p.id) == assignee))
        .unwrap_or(0)
}

fn patches(ids: &[Id], set: impl Fn(&mut TicketPatch)) -> Vec<Effect> {
    ids.iter()
        .map(|&id| {
            let mut patch = TicketPatch::default();
            set(&mut patch);
            Effect::Patch { id, patch }
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
        return vec![Effect::Patch { id, patch }];
    }
    vec![Effect::BulkAssign(BulkAssign {
        ticket_ids: ids,
        assignee_id: person,
        deadline,
        team: None,
    })]
}

// ---- the ticket detail ----------------------------------------------------

fn detail_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let page = page_rows(app);
    let Some(d) = &mut app.detail else {
        return vec![];
    };
    let attachments = d.attachments().len();
    let on_attachments = d.pane == DetailPane::Attachments;
    match c {
        Cmd::Down if on_attachments => {
            d.attachment = (d.attachment + 1).min(attachments.saturating_sub(1))
        }
        Cmd::Up if on_attachments => d.attachment = d.attachment.saturating_sub(1),
        Cmd::Down => d.scroll += 1,
        Cmd::Up => d.scroll = d.scroll.saturating_sub(1),
        Cmd::PageDown => d.scroll += page,
        Cmd::PageUp => d.scroll = d.scroll.saturating_sub(page),
        Cmd::Top => d.scroll = 0,
        // The renderer clamps to the last page.
        Cmd::Bottom => d.scroll = usize::MAX / 2,
        Cmd::NextTab => {
            d.pane = match d.pane {
                DetailPane::Thread if attachments > 0 => DetailPane::Attachments,
                _ => DetailPane::Thread,
            }
        }
        Cmd::Download => {
            let att = d.attachments().get(d.attachment).map(|a| (*a).clone());
            if let Some(a) = att {
                d.download = Some((a.id, 0, u64::try_from(a.size).ok()));
                return vec![Effect::Download(a)];
            }
        }
        Cmd::Back => {
            app.screen = Screen::Tickets;
            app.detail = None;
            return vec![];
        }
        Cmd::Reply | Cmd::Note => {
            if let Some(t) = d.ticket.ready() {
                let kind = ComposeKind::Reply {
                    thread: t.thread_id,
                    internal: c == Cmd::Note,
                };
                app.modal = Modal::Compose(Box::new(Compose::new(kind)));
            }
        }
        Cmd::Status(_) | Cmd::Priority(_) | Cmd::AssignMe | Cmd::Assign | Cmd::Deadline => {
            return ticket_op(app, c);
        }
        _ => app.dirty = false,
    }
    clamp_scroll(app);
    vec![]
}

/// Keeps the thread's scroll within its text (`Bottom` asks for "as far as it goes").
fn clamp_scroll(app: &mut App) {
    let max = ui::detail::max_scroll(app);
    if let Some(d) = &mut app.detail {
        d.scroll = d.scroll.min(max);
    }
}

fn messages(app: &mut App, thread: Id, result: Outcome<Page<Message>>) -> Vec<Effect> {
    let Some(d) = &mut app.detail else {
        return vec![];
    };
    if d.ticket.ready().is_some_and(|t| t.thread_id != thread) {
        return vec![];
    }
    match result {
        Ok(mut page) => {
            page.items.iter_mut().for_each(sanitize::message);
            d.messages = Load::Ready(page.items);
            clamp_scroll(app);
            vec![]
        }
        Err(f) => {
            d.messages = Load::Failed(f.message.clone());
            failed(app, f, vec![Effect::FetchMessages(thread)])
        }
    }
}

fn posted(app: &mut App, r: Outcome<Box<Message>>) -> Vec<Effect> {
    match r {
        Ok(mut m) => {
            sanitize::message(&mut m);
            app.modal = Modal::None;
            let note = if m.internal {
                "Note added"
            } else {
                "Reply sent"
            };
            add_message(app, *m);
            info(app, note.into());
            vec![]
        }
        Err(f) => {
            if let Modal::Compose(c) = &mut app.modal {
                c.sending = false;
            }
            // The text stays in the editor; the status line says why.
            failed(app, f, vec![])
        }
    }
}

fn add_message(app: &mut App, m: Message) {
    if let Some(d) = &mut app.detail
        && let Load::Ready(ms) = &mut d.messages
        && d.ticket.ready().is_some_and(|t| t.thread_id == m.thread_id)
        && !ms.iter().any(|x| x.id == m.id)
    {
        ms.push(m);
        // Follow the conversation to its newest message.
        d.scroll = usize::MAX / 2;
        clamp_scroll(app);
    }
}

fn download(app: &mut App, attachment: Id, event: Download) -> Vec<Effect> {
    let Some(d) = &mut app.detail else {
        return vec![];
    };
    match event {
        Download::Progress { received, total } => {
            d.download = Some((attachment, received, total));
            vec![]
        }
        Download::Done(r) => {
            d.download = None;
            match r {
                Ok(path) => {
                    let shown = sanitize::line(&path.display().to_string());
                    info(app, format!("Saved {shown}"));
                    vec![]
                }
                Err(f) => failed(app, f, vec![]),
            }
        }
    }
}

fn live(app: &mut App, l: Live) -> Vec<Effect> {
    match l {
        Live::Connected => app.live = crate::app::LiveState::Connected,
        Live::Disconnected(_) => app.live = crate::app::LiveState::Connecting,
        Live::Resync => {
            let mut fx = reload_list(app);
            if let Some(d) = &app.detail {
                fx.push(Effect::FetchTicket(d.id));
                if let Some(t) = d.ticket.ready() {
                    fx.push(Effect::FetchMessages(t.thread_id));
                }
            }
            return fx;
        }
        Live::Event(ev) => {
            let ev = *ev;
            let mut fx = vec![];
            if let Some(mut m) = ev.message {
                sanitize::message(&mut m);
                let open_thread = app
                    .detail
                    .as_ref()
                    .and_then(|d| d.ticket.ready())
                    .is_some_and(|t| t.thread_id == m.thread_id);
                if open_thread {
                    fx.push(Effect::MarkRead(m.thread_id));
                }
                add_message(app, m);
            }
            if let Some(t) = ev.ticket {
                let new = ev.kind == "ticket.created";
                let (id, subject) = (t.id, sanitize::line(&t.subject));
                saved_ticket(app, t);
                if new {
                    info(app, format!("New ticket #{id}: {subject}"));
                }
            }
            return fx;
        }
    }
    vec![]
}

// ---- modals ---------------------------------------------------------------

fn palette_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Palette(p) = &mut app.modal else {
        return vec![];
    };
    let matches = palette::matching(
        &p.input,
        app.me.as_ref().is_some_and(|m| m.user.role.is_staff()),
    );
    match c {
        Cmd::Down => p.selected = (p.selected + 1).min(matches.len().saturating_sub(1)),
        Cmd::Up => p.selected = p.selected.saturating_sub(1),
        Cmd::Cancel => app.modal = Modal::None,
        Cmd::Submit => {
            let chosen = matches.get(p.selected).map(|e| e.cmd);
            app.modal = Modal::None;
            if let Some(cmd) = chosen {
                return run_palette(app, cmd);
            }
        }
        _ => {}
    }
    vec![]
}

fn run_palette(app: &mut App, cmd: PaletteCmd) -> Vec<Effect> {
    match cmd {
        PaletteCmd::Key(c) => command(app, c),
        PaletteCmd::Tab(tab) => set_tab(app, tab),
        PaletteCmd::Logout => {
            app.modal = Modal::Confirm(Confirm {
                question: "Sign out?".into(),
                then: Pending::Logout,
                back: None,
            });
            vec![]
        }
        PaletteCmd::Quit => {
            app.quit = true;
            vec![]
        }
    }
}

fn filter_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Filter(text) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::Submit => {
            app.list.filter = sanitize::line(text.trim());
            app.modal = Modal::None;
            app.screen = Screen::Tickets;
            reload_list(app)
        }
        Cmd::Cancel => {
            app.modal = Modal::None;
            vec![]
        }
        _ => vec![],
    }
}

fn confirm_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Confirm(confirm) = std::mem::take(&mut app.modal) else {
        return vec![];
    };
    match c {
        Cmd::Yes => match confirm.then {
            Pending::Status { ids, status } => {
                let mut fx = patches(&ids, |p| p.status = Some(status));
                fx.extend(advance(app));
                fx
            }
            Pending::DiscardCompose => vec![],
            Pending::Logout => vec![Effect::Logout],
            Pending::Quit => {
                app.quit = true;
                vec![]
            }
        },
        Cmd::No => {
            if let Some(back) = confirm.back {
                app.modal = Modal::Compose(back);
            }
            vec![]
        }
        _ => {
            // Any other key leaves the question standing.
            app.modal = Modal::Confirm(confirm);
            vec![]
        }
    }
}

fn assign_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let people = app.staff.ready().map_or(0, Vec::len);
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
    let Modal::Assign(form) = &mut app.modal else {
        return vec![];
    };
    let deadline = match time::parse_deadline(&form.deadline, app.now) {
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

fn compose_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let Modal::Compose(compose) = &mut app.modal else {
        return vec![];
    };
    match c {
        Cmd::NextField if compose.kind == ComposeKind::NewTicket => {
            compose.focus = match compose.focus {
                ComposeField::Subject => ComposeField::Body,
                ComposeField::Body => ComposeField::Subject,
            };
            vec![]
        }
        Cmd::ExternalEditor => vec![Effect::EditExternally(compose.text())],
        Cmd::Cancel => {
            let Modal::Compose(compose) = std::mem::take(&mut app.modal) else {
                return vec![];
            };
            if !compose.is_empty() {
                app.modal = Modal::Confirm(Confirm {
                    question: "Discard what you wrote?".into(),
                    then: Pending::DiscardCompose,
                    back: Some(compose),
                });
            }
            vec![]
        }
        Cmd::Submit if compose.sending => vec![],
        Cmd::Submit => submit_compose(app),
        _ => vec![],
    }
}

fn submit_compose(app: &mut App) -> Vec<Effect> {
    let Modal::Compose(c) = &mut app.modal else {
        return vec![];
    };
    let body = c.text();
    let problem = match c.kind {
        ComposeKind::NewTicket if c.subject.trim().is_empty() => Some("Write a subject first."),
        _ if body.trim().is_empty() => Some("Write a message first."),
        _ => None,
    };
    if let Some(p) = problem {
        error(app, p.into(), vec![]);
        return vec![];
    }
    c.sending = true;
    match c.kind {
        ComposeKind::Reply { thread, internal } => vec![Effect::Post {
            thread,
            message: NewMessage {
                body,
                internal,
                attachment_ids: vec![],
            },
        }],
        ComposeKind::NewTicket => vec![Effect::Create(NewTicket {
            subject: c.subject.trim().to_owned(),
            body,
            ..NewTicket::default()
        })],
    }
}

// ---- typing and the mouse -------------------------------------------------

fn text(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match &mut app.modal {
        Modal::Palette(p) => {
            edit_line(&mut p.input, key);
            p.selected = 0;
        }
        Modal::Filter(f) => edit_line(f, key),
        Modal::Assign(f) => edit_line(&mut f.deadline, key),
        Modal::Compose(c) => match c.focus {
            ComposeField::Subject if key.code == KeyCode::Enter => c.focus = ComposeField::Body,
            ComposeField::Subject => edit_line(&mut c.subject, key),
            ComposeField::Body => {
                c.body.input(key);
            }
        },
        Modal::None if app.screen == Screen::Login => {
            let form = &mut app.login;
            match form.focus {
                LoginField::Email => edit_line(&mut form.email, key),
                LoginField::Password => edit_line(&mut form.password, key),
            }
        }
        _ => app.dirty = false,
    }
    vec![]
}

/// One-line editing: type, Backspace, Ctrl-U clears.
fn edit_line(s: &mut String, key: KeyEvent) {
    match key.code {
        KeyCode::Backspace => {
            s.pop();
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => s.clear(),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() => {
            s.push(c)
        }
        _ => {}
    }
}

fn mouse(app: &mut App, m: Mouse) -> Vec<Effect> {
    if !matches!(app.modal, Modal::None) {
        app.dirty = false;
        return vec![];
    }
    match (app.screen, m) {
        (Screen::Tickets, Mouse::ScrollDown) => list_cmd(app, Cmd::Down),
        (Screen::Tickets, Mouse::ScrollUp) => list_cmd(app, Cmd::Up),
        (Screen::Detail, Mouse::ScrollDown) => detail_cmd(app, Cmd::Down),
        (Screen::Detail, Mouse::ScrollUp) => detail_cmd(app, Cmd::Up),
        (Screen::Tickets, Mouse::Click { row, column }) => {
            let area = ui::list_rows_area(app.size);
            let inside =
                row >= area.y && row < area.y + area.height && column < area.x + area.width;
            if !inside {
                app.dirty = false;
                return vec![];
            }
            let index = app.list.offset + usize::from(row - area.y);
            if index >= app.list.items.len() {
                return vec![];
            }
            // A click selects; a click on the selected row opens it.
            if index == app.list.selected {
                return open_current(app);
            }
            move_list(app, index)
        }
        _ => {
            app.dirty = false;
            vec![]
        }
    }
}
