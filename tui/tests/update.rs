//! `update` transitions, driven through the real key table.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico::failure::Failure;
use portico::fixtures::{self, ticket};
use portico::input::{help_for, map_key};
use portico::load::Load;
use portico::screens::login::{LoginField, LoginMode};
use portico::shell::model::{App, Modal, Screen};
use portico::shell::msg::{Action, Effect, Live, Mouse};
use portico::shell::update::update;
use portico_shared::{Event, Page, Priority, Role, TicketStatus};

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    key_with(app, code, KeyModifiers::NONE)
}

fn key_with(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let action = map_key(app, KeyEvent::new(code, mods))
        .unwrap_or_else(|| panic!("{code:?} is not bound here"));
    update(app, action)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn staff_app() -> App {
    let mut app = fixtures::app(Role::Agent, 40, (100, 30));
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Staff(Ok(vec![
            fixtures::person(1, "Ada Admin"),
            fixtures::person(2, "Sam Agent"),
            fixtures::person(3, "Priya Nair"),
        ]))),
    );
    app
}

#[test]
fn joining_with_an_invite_code_checks_the_password_then_signs_in() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    typed(&mut app, "ana@");
    assert!(key(&mut app, KeyCode::F(3)).is_empty());
    assert_eq!(app.login.focus, LoginField::Code);
    typed(&mut app, " K7Q-2RM ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.login.focus, LoginField::Password, "enter moves on");
    typed(&mut app, "short");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "short");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(app.login.error.as_deref().unwrap().contains("at least 10"));
    // Two different long passwords are refused too.
    app.login.password = "a long new password".into();
    app.login.repeat = "a long new passw0rd".into();
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(
        app.login.error.as_deref(),
        Some("The two passwords differ.")
    );
    app.login.repeat = "a long new password".into();
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Join { code, password }] if code == "K7Q-2RM" && password == "a long new password"),
        "{fx:?}"
    );
    assert!(app.login.busy);
    assert!(app.login.password.is_empty() && app.login.repeat.is_empty());
    // A bad code comes back to the code.
    update(
        &mut app,
        Action::LoggedIn(Err(Failure::new("unknown, used or expired code"))),
    );
    assert_eq!(app.login.focus, LoginField::Code);
    assert!(!app.login.busy);
    // F3 goes back to signing in with what was typed there.
    key(&mut app, KeyCode::F(3));
    assert_eq!(app.login.mode, LoginMode::Password);
    assert_eq!(app.login.email, "ana@");
    assert!(
        help_for(&app)
            .iter()
            .any(|b| b.help.contains("invite code")),
        "help lists F3"
    );
}

#[test]
fn a_second_factor_is_asked_after_the_password() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    typed(&mut app, "ana@northwind.example");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "the password");
    key(&mut app, KeyCode::Enter);
    let challenge = portico_shared::TotpChallenge {
        challenge: "ch-1".into(),
        expires_at: fixtures::now(),
    };
    update(&mut app, Action::CodeNeeded(Box::new(challenge)));
    assert_eq!(app.login.mode, LoginMode::SecondFactor);
    assert_eq!(app.login.focus, LoginField::Totp);
    assert!(app.login.password.is_empty(), "the password is not kept");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(app.login.error.as_deref().unwrap().contains("code"));
    typed(&mut app, "123456");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::LoginCode { challenge, code }] if challenge == "ch-1" && code == "123456"),
        "{fx:?}"
    );
    // A wrong code: try again, same challenge.
    update(&mut app, Action::LoggedIn(Err(Failure::new("not right"))));
    assert_eq!(app.login.mode, LoginMode::SecondFactor);
    assert!(app.login.totp.is_empty());
    // Spent or expired (401): back to the password.
    let mut expired = Failure::new("the sign-in took too long");
    expired.unauthorized = true;
    update(&mut app, Action::LoggedIn(Err(expired)));
    assert_eq!(app.login.mode, LoginMode::Password);
    assert_eq!(app.login.email, "ana@northwind.example");
}

#[test]
fn signing_in_loads_the_session_then_the_views() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    typed(&mut app, "sam@portico.example");
    assert!(
        key(&mut app, KeyCode::Enter).is_empty(),
        "enter moves to the password"
    );
    typed(&mut app, "pw q");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Login { email, password }] if email == "sam@portico.example" && password == "pw q")
    );
    assert!(app.login.busy);
    let login = portico_shared::LoginResponse {
        token: "t".into(),
        expires_at: fixtures::now(),
        user: fixtures::me(Role::Agent).user,
    };
    let fx = update(&mut app, Action::LoggedIn(Ok(Box::new(login))));
    assert!(matches!(&fx[..], [Effect::FetchMe]));
    assert!(app.login.password.is_empty(), "the password is not kept");
    let fx = update(
        &mut app,
        Action::Me(Ok(Box::new(fixtures::me(Role::Agent)))),
    );
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Tickets(TicketsEffect::FetchTickets { append: false, .. })
    )));
    assert!(fx.iter().any(|e| matches!(e, Effect::StartLive)));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Tickets(TicketsEffect::FetchStaff)))
    );
    assert_eq!(
        fx.iter()
            .filter(|e| matches!(e, Effect::Tickets(TicketsEffect::FetchCount { .. })))
            .count(),
        3
    );
}

#[test]
fn a_refused_sign_in_says_why_and_an_ended_session_returns_to_it() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    app.login.busy = true;
    update(
        &mut app,
        Action::LoggedIn(Err(Failure::new("wrong e-mail or password"))),
    );
    assert!(!app.login.busy);
    assert_eq!(app.login.error.as_deref(), Some("wrong e-mail or password"));

    let mut app = staff_app();
    let ended = Failure {
        unauthorized: true,
        ..Failure::new("sign in")
    };
    update(&mut app, Action::Tickets(TicketsMsg::Saved(Err(ended))));
    assert_eq!(app.screen, Screen::Login);
    assert!(app.session.me.is_none());
}

#[test]
fn an_unreachable_server_can_be_tried_again_from_the_login_screen() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    update(
        &mut app,
        Action::Branding(Err(Failure::new("connection refused"))),
    );
    assert!(matches!(app.branding, Load::Failed(_)));
    let fx = key_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(matches!(&fx[..], [Effect::FetchBranding]));
    assert!(matches!(app.branding, Load::Loading));
}

#[test]
fn the_list_moves_and_pages_in_more() {
    let mut app = staff_app();
    assert_eq!(app.session.tickets.list.selected, 0);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.session.tickets.list.selected, 2);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.session.tickets.list.selected, 1);
    app.session.tickets.list.next_cursor = Some("c1".into());
    let fx = key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.session.tickets.list.selected, 39);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchTickets { append: true, query, .. })] if query.cursor.as_deref() == Some("c1"))
    );
    assert!(
        app.session.tickets.list.offset > 0,
        "the cursor stays on screen"
    );
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(
        (
            app.session.tickets.list.selected,
            app.session.tickets.list.offset
        ),
        (0, 0)
    );
}

#[test]
fn answers_for_an_older_query_are_dropped() {
    let mut app = staff_app();
    let stale = app.session.tickets.list.generation;
    key(&mut app, KeyCode::Tab);
    assert!(app.session.tickets.list.generation > stale);
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Tickets {
            generation: stale,
            append: false,
            result: Ok(Page {
                items: vec![ticket(999)],
                next_cursor: None,
            }),
        }),
    );
    assert!(app.session.tickets.list.items.is_empty());
    assert!(app.session.tickets.list.loading);
}

#[test]
fn one_key_changes_status_or_priority_and_moves_on() {
    let mut app = staff_app();
    let first = app.session.tickets.list.items[0].id;
    let fx = key(&mut app, KeyCode::Char('P'));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Patch { id, patch })] if *id == first && patch.status == Some(TicketStatus::Pending))
    );
    assert_eq!(app.session.tickets.list.selected, 1);
    let second = app.session.tickets.list.items[1].id;
    let fx = key(&mut app, KeyCode::Char('4'));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Patch { id, patch })] if *id == second && patch.priority == Some(Priority::Urgent))
    );
    assert_eq!(app.session.tickets.list.selected, 2);
    let third = app.session.tickets.list.items[2].id;
    let fx = key(&mut app, KeyCode::Char('m'));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Patch { id, patch })] if *id == third && patch.assignee_id == Some(Some(2)))
    );
}

#[test]
fn closing_asks_first() {
    let mut app = staff_app();
    assert!(key(&mut app, KeyCode::Char('C')).is_empty());
    assert!(matches!(app.modal, Modal::Confirm(_)));
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    assert!(matches!(app.modal, Modal::None));
    key(&mut app, KeyCode::Char('C'));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Patch { patch, .. })] if patch.status == Some(TicketStatus::Closed))
    );
}

#[test]
fn marked_tickets_are_assigned_together_with_a_deadline() {
    let mut app = staff_app();
    let (a, b) = (
        app.session.tickets.list.items[0].id,
        app.session.tickets.list.items[1].id,
    );
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.session.tickets.list.marks.len(), 2);
    assert!(
        key(&mut app, KeyCode::Char('a')).is_empty(),
        "staff are loaded"
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "+2d");
    let fx = key(&mut app, KeyCode::Enter);
    let Effect::Tickets(TicketsEffect::BulkAssign(bulk)) = &fx[0] else {
        panic!("{fx:?}")
    };
    assert_eq!(bulk.ticket_ids, vec![a.min(b), a.max(b)]);
    assert_eq!(bulk.assignee_id, 3);
    assert_eq!(bulk.deadline.unwrap().to_string(), "2026-11-22T09:00:00Z");
    assert!(app.session.tickets.list.marks.is_empty());
    assert!(matches!(app.modal, Modal::None));
}

#[test]
fn the_picker_starts_on_the_current_assignee() {
    let mut app = staff_app();
    // Fixture tickets whose id is a multiple of 3 belong to Sam (id 2, second in the list).
    let at = app
        .session
        .tickets
        .list
        .items
        .iter()
        .position(|t| t.id % 3 == 0)
        .unwrap();
    for _ in 0..at {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Char('a'));
    let Modal::Assign(form) = &app.modal else {
        panic!("no picker")
    };
    assert_eq!(form.selected, 1);
}

#[test]
fn a_bad_deadline_keeps_the_form_open() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "soonish");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    let Modal::Assign(form) = &app.modal else {
        panic!("the form closed")
    };
    assert!(form.error.as_deref().unwrap().contains("not a deadline"));
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "2026-12-01");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Patch { patch, .. })]
        if patch.deadline.unwrap().unwrap().to_string() == "2026-12-01T17:00:00Z" && patch.assignee_id.is_none())
    );
}

#[test]
fn live_tickets_appear_and_the_cursor_stays_put() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Down);
    let under_cursor = app.session.tickets.list.current().unwrap().id;
    let mut new = ticket(500);
    new.assignee = None;
    new.status = TicketStatus::New;
    new.subject = "Printer \u{1b}]52;c;AAAA\u{7}on fire".into();
    update(
        &mut app,
        Action::Live(Live::Event(Box::new(Event {
            id: 7,
            kind: "ticket.created".into(),
            ticket: Some(new),
            message: None,
        }))),
    );
    assert_eq!(app.session.tickets.list.items[0].id, 500);
    assert_eq!(app.session.tickets.list.items[0].subject, "Printer on fire");
    assert_eq!(app.session.tickets.list.current().unwrap().id, under_cursor);
    assert!(app.status.as_ref().unwrap().text.contains("#500"));
}

/// The thread scrolls within what the last frame drew (the shell records
/// it); update asks no view.
#[test]
fn a_thread_scrolls_within_the_last_frames_text() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Detail);
    app.drawn.set(portico::shell::model::Drawn {
        thread_max_scroll: 5,
    });
    let scroll = |app: &App| app.session.tickets.detail.as_ref().unwrap().thread.scroll;
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(scroll(&app), 4, "one line up from the last page");
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(scroll(&app), 5, "never past the end");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(scroll(&app), 0);
}

#[test]
fn an_open_thread_grows_with_live_messages_and_replies() {
    let mut app = staff_app();
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Detail);
    let thread = app
        .session
        .tickets
        .detail
        .as_ref()
        .unwrap()
        .ticket
        .ready()
        .unwrap()
        .thread_id;
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Thread(ThreadEffect::FetchMessages(t)) if *t == thread))
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Thread(ThreadEffect::MarkRead(t)) if *t == thread))
    );
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread,
            result: Ok(Page {
                items: vec![],
                next_cursor: None,
            }),
        }),
    );
    let m = fixtures::message(1, thread, fixtures::person(10, "Ana Lima"), "hello?", false);
    let fx = update(
        &mut app,
        Action::Live(Live::Event(Box::new(Event {
            id: 8,
            kind: "message.created".into(),
            ticket: None,
            message: Some(m),
        }))),
    );
    assert!(matches!(
        &fx[..],
        [Effect::Thread(ThreadEffect::MarkRead(_))]
    ));
    let shown = |app: &App| {
        app.session
            .tickets
            .detail
            .as_ref()
            .unwrap()
            .thread
            .messages
            .ready()
            .unwrap()
            .len()
    };
    assert_eq!(shown(&app), 1);

    // A reply: write, send, and it joins the thread.
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "On it.");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Thread(ThreadEffect::Post { thread: t, message })] if *t == thread && message.body == "On it." && !message.internal)
    );
    let sent = fixtures::message(2, thread, fixtures::person(2, "Sam Agent"), "On it.", false);
    update(
        &mut app,
        Action::Thread(ThreadMsg::Posted(Ok(Box::new(sent)))),
    );
    assert_eq!(shown(&app), 2);
    assert!(matches!(app.modal, Modal::None));
}

#[test]
fn internal_notes_are_staff_only_and_unsent_text_is_not_lost() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('i'));
    typed(&mut app, "client is grumpy");
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.modal, Modal::Confirm(_)),
        "asks before discarding"
    );
    key(&mut app, KeyCode::Char('n'));
    let Modal::Compose(c) = &app.modal else {
        panic!("the editor is gone")
    };
    assert_eq!(c.text(), "client is grumpy");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Thread(ThreadEffect::Post { message, .. })] if message.internal)
    );

    let mut client = fixtures::app(Role::Client, 5, (100, 30));
    key(&mut client, KeyCode::Enter);
    for staff_key in ['i', 'a', 'm', 'P', '4'] {
        assert!(
            map_key(
                &client,
                KeyEvent::new(KeyCode::Char(staff_key), KeyModifiers::NONE)
            )
            .is_none(),
            "{staff_key} is bound for a client"
        );
    }
}

#[test]
fn errors_offer_a_retry_that_repeats_the_call() {
    let mut app = staff_app();
    let generation = app.session.tickets.list.generation;
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Tickets {
            generation,
            append: false,
            result: Err(Failure::new("cannot reach the server")),
        }),
    );
    let status = app.status.as_ref().unwrap();
    assert_eq!(status.text, "cannot reach the server");
    assert_eq!(status.retry.len(), 1);
    let fx = key_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(matches!(
        &fx[..],
        [Effect::Tickets(TicketsEffect::FetchTickets { .. })]
    ));
    assert!(app.status.is_none());
}

#[test]
fn help_lists_the_keys_of_the_view_for_this_person() {
    let staff = staff_app();
    let helps: Vec<&str> = help_for(&staff).iter().map(|b| b.help).collect();
    assert!(helps.contains(&"assign to me, next"));
    assert!(helps.contains(&"filter by text"));
    assert!(helps.contains(&"quit"));
    let client = fixtures::app(Role::Client, 3, (100, 30));
    let helps: Vec<&str> = help_for(&client).iter().map(|b| b.help).collect();
    assert!(!helps.contains(&"assign to me, next"));
    assert!(helps.contains(&"mark resolved, next"));
}

#[test]
fn the_palette_and_filter_change_the_view() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Char(':'));
    typed(&mut app, "over");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchTickets { query, .. })] if query.view == Some(portico_shared::TicketView::Overdue))
    );
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "vpn");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchTickets { query, .. })] if query.q.as_deref() == Some("vpn"))
    );
}

#[test]
fn the_mouse_selects_then_opens() {
    let mut app = staff_app();
    let row = portico::shell::layout::list_rows_area(app.size).y + 2;
    update(&mut app, Action::Mouse(Mouse::Click { column: 10, row }));
    assert_eq!(app.session.tickets.list.selected, 2);
    assert_eq!(app.screen, Screen::Tickets);
    update(&mut app, Action::Mouse(Mouse::ScrollDown));
    assert_eq!(app.session.tickets.list.selected, 3);
    let row = row + 1;
    let fx = update(&mut app, Action::Mouse(Mouse::Click { column: 10, row }));
    assert_eq!(app.screen, Screen::Detail);
    assert!(!fx.is_empty());
}

#[test]
fn server_text_is_sanitised_on_arrival() {
    let mut app = staff_app();
    let mut evil = ticket(1);
    evil.subject = "\u{1b}[2J\u{1b}c\u{9b}31mHi\u{202e}there".into();
    evil.requester.name = "Eve\u{7}\u{1b}]0;owned\u{7}".into();
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Ticket(Ok(Box::new(evil)))),
    );
    let t = app
        .session
        .tickets
        .list
        .items
        .iter()
        .find(|t| t.id == 1)
        .unwrap();
    assert_eq!(t.subject, "Hithere");
    assert_eq!(t.requester.name, "Eve");
    update(
        &mut app,
        Action::Branding(Ok(portico_shared::Branding {
            company_name: "Evil\u{1b}]52;c;AAAA\u{7}Corp".into(),
            ..fixtures::branding()
        })),
    );
    assert!(matches!(&app.branding, Load::Ready(b) if b.company_name == "EvilCorp"));
}

#[test]
fn a_new_ticket_closes_the_editor_and_joins_the_list() {
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "Coffee machine leaks");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Water everywhere.");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Create(t))] if t.subject == "Coffee machine leaks" && t.body == "Water everywhere.")
    );
    let mut created = ticket(77);
    created.subject = "Coffee machine leaks".into();
    created.status = TicketStatus::New;
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Created(Ok(Box::new(created)))),
    );
    assert!(matches!(app.modal, Modal::None));
    assert_eq!(app.session.tickets.list.items[0].id, 77);
    // A refusal keeps the text to try again.
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "Again");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "x");
    key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Created(Err(Failure::new("subject: too long")))),
    );
    let Modal::Compose(c) = &app.modal else {
        panic!("the editor closed")
    };
    assert!(!c.sending);
    assert_eq!(c.subject, "Again");
}

// ---- orders ---------------------------------------------------------------

use portico::widgets::form::Input;
use portico_shared::{OrderEvent, OrderStatus};

fn order_with(app: &mut App, id: i64) {
    let at = app
        .session
        .orders
        .list
        .items
        .iter()
        .position(|o| o.id == id)
        .unwrap();
    key(app, KeyCode::Char('g'));
    for _ in 0..at {
        key(app, KeyCode::Char('j'));
    }
}

/// `role` with order `id` open and its detail loaded.
fn open_order(role: Role, id: i64) -> App {
    let mut app = fixtures::orders_app(role, (100, 30));
    order_with(&mut app, id);
    key(&mut app, KeyCode::Enter);
    let o = app.session.orders.view.as_ref().unwrap().order.clone();
    update(
        &mut app,
        Action::Orders(OrdersMsg::Order(Ok(Box::new(fixtures::order_detail(o))))),
    );
    app
}

#[test]
fn orders_open_from_the_dashboard_and_filter_by_status_and_location() {
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Dashboard);
    let fx = key(&mut app, KeyCode::Char('o'));
    assert_eq!(app.screen, Screen::Orders);
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrders { append: false, query, .. })] if query.status.is_none() && query.location_id.is_none())
    );
    // Shown again: no second load.
    key(&mut app, KeyCode::Esc);
    assert!(key(&mut app, KeyCode::Char('o')).is_empty());
    let fx = key(&mut app, KeyCode::Tab);
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrders { query, .. })] if query.status == Some(OrderStatus::Submitted))
    );
    let fx = key(&mut app, KeyCode::BackTab);
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrders { query, .. })] if query.status.is_none())
    );
    let fx = key(&mut app, KeyCode::Char('l'));
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrders { query, .. })] if query.location_id == Some(1))
    );
    let fx = key(&mut app, KeyCode::Char('l'));
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrders { query, .. })] if query.location_id == Some(2))
    );
    let fx = key(&mut app, KeyCode::Char('l'));
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrders { query, .. })] if query.location_id.is_none())
    );
    // An answer for an older filter is dropped.
    let stale = app.session.orders.list.generation - 1;
    update(
        &mut app,
        Action::Orders(OrdersMsg::Orders {
            generation: stale,
            append: false,
            result: Ok(Page {
                items: vec![fixtures::order(9, OrderStatus::Closed)],
                next_cursor: None,
            }),
        }),
    );
    assert!(app.session.orders.list.items.is_empty());
}

#[test]
fn an_order_opens_with_its_detail_and_thread_and_esc_goes_back() {
    let mut app = fixtures::orders_app(Role::Client, (100, 30));
    order_with(&mut app, 4);
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Order);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Orders(OrdersEffect::FetchOrder(4))))
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Thread(ThreadEffect::FetchMessages(2004))))
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Thread(ThreadEffect::MarkRead(2004))))
    );
    let o = app.session.orders.view.as_ref().unwrap().order.clone();
    update(
        &mut app,
        Action::Orders(OrdersMsg::Order(Ok(Box::new(fixtures::order_detail(o))))),
    );
    // j/k move through the items; Tab to the deliverables, where Enter downloads.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.session.orders.view.as_ref().unwrap().item, 2);
    key(&mut app, KeyCode::Tab);
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Thread(ThreadEffect::Download(a))] if a.file_name == "inventory-count.csv")
    );
    assert!(app.session.downloads.contains_key(&77), "progress is shown");
    assert!(
        key(&mut app, KeyCode::Char('D')).is_empty(),
        "a file already on its way is not fetched twice"
    );
    // A reply goes to the order's thread.
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "Thanks!");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Thread(ThreadEffect::Post { thread: 2004, message })] if message.body == "Thanks!")
    );
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread: 2004,
            result: Ok(Page {
                items: vec![],
                next_cursor: None,
            }),
        }),
    );
    let sent = fixtures::message(9, 2004, fixtures::person(10, "Ana Lima"), "Thanks!", false);
    update(
        &mut app,
        Action::Thread(ThreadMsg::Posted(Ok(Box::new(sent)))),
    );
    let thread = &app.session.orders.view.as_ref().unwrap().thread;
    assert_eq!(thread.messages.ready().unwrap().len(), 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Orders);
    assert!(app.session.orders.view.is_none());
}

#[test]
fn staff_move_an_order_on_after_confirming() {
    let mut app = open_order(Role::Agent, 5);
    assert_eq!(
        app.session.orders.view.as_ref().unwrap().order.status,
        OrderStatus::Accepted
    );
    assert!(key(&mut app, KeyCode::Char('>')).is_empty());
    let Modal::Confirm(c) = &app.modal else {
        panic!("no question")
    };
    assert_eq!(c.question, "Move ORD-2026-0005 to in progress?");
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    key(&mut app, KeyCode::Char('>'));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::PatchOrder { id: 5, patch })] if patch.status == Some(OrderStatus::InProgress) && patch.title.is_none())
    );
    // The saved order replaces the one on screen and in the list.
    let mut saved = fixtures::order_detail(fixtures::order(5, OrderStatus::InProgress));
    saved.items.truncate(1);
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrderSaved(Ok(Box::new(saved)))),
    );
    let v = app.session.orders.view.as_ref().unwrap();
    assert_eq!(v.order.status, OrderStatus::InProgress);
    assert_eq!(v.items().len(), 1);
    let row = app
        .session
        .orders
        .list
        .items
        .iter()
        .find(|o| o.id == 5)
        .unwrap();
    assert_eq!(row.status, OrderStatus::InProgress);
    assert!(app.status.as_ref().unwrap().text.contains("in progress"));
    // From the list too; a closed order has no next stage.
    key(&mut app, KeyCode::Esc);
    order_with(&mut app, 2);
    key(&mut app, KeyCode::Char('>'));
    assert!(matches!(app.modal, Modal::None));
    assert!(app.status.as_ref().unwrap().text.contains("no next stage"));
    // Cancelling asks too.
    order_with(&mut app, 6);
    key(&mut app, KeyCode::Char('X'));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::PatchOrder { id: 6, patch })] if patch.status == Some(OrderStatus::Cancelled))
    );
}

#[test]
fn clients_cancel_only_submitted_orders_and_see_no_staff_keys() {
    let mut app = open_order(Role::Client, 4);
    for staff_key in ['>', '+', 'e', 'u', 'i'] {
        assert!(
            map_key(
                &app,
                KeyEvent::new(KeyCode::Char(staff_key), KeyModifiers::NONE)
            )
            .is_none(),
            "{staff_key} is bound for a client"
        );
    }
    assert!(key(&mut app, KeyCode::Char('X')).is_empty());
    assert!(matches!(app.modal, Modal::None), "in progress: no question");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Only a submitted order")
    );
    key(&mut app, KeyCode::Esc);
    order_with(&mut app, 6);
    key(&mut app, KeyCode::Char('X'));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::PatchOrder { id: 6, patch })] if patch.status == Some(OrderStatus::Cancelled))
    );
    let helps: Vec<&str> = help_for(&app).iter().map(|b| b.help).collect();
    assert!(helps.contains(&"new order"));
    assert!(!helps.iter().any(|h| h.contains("next stage")));
    let staff = fixtures::orders_app(Role::Agent, (100, 30));
    let helps: Vec<&str> = help_for(&staff).iter().map(|b| b.help).collect();
    assert!(helps.iter().any(|h| h.contains("next stage")));
    assert!(!helps.contains(&"new order"));
    assert!(helps.contains(&"new order for an organisation"));
}

#[test]
fn staff_open_an_order_for_an_organisation_on_its_form() {
    use portico_shared::OrganizationRef;
    let mut app = fixtures::orders_app(Role::Agent, (100, 30));
    let fx = key(&mut app, KeyCode::Char('n'));
    assert!(fx.is_empty(), "the organisation comes first: {fx:?}");
    let mut asked = Vec::new();
    for c in "north".chars() {
        asked.extend(key(&mut app, KeyCode::Char(c)));
    }
    assert!(matches!(
        asked.last(),
        Some(Effect::Orders(OrdersEffect::FindOrgs(q))) if q == "north"
    ));
    // Not sent before an organisation and its form are there.
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    let fx = update(
        &mut app,
        Action::Orders(OrdersMsg::OrgsFound {
            query: "north".into(),
            result: Ok(vec![
                OrganizationRef {
                    id: 1,
                    name: "Northwind Traders".into(),
                },
                OrganizationRef {
                    id: 9,
                    name: "Northern Lights".into(),
                },
            ]),
        }),
    );
    assert!(matches!(
        &fx[..],
        [Effect::Orders(OrdersEffect::FetchOrderFormOf(1))]
    ));
    // The other one chosen with ↓: its form is asked for, Northwind's
    // answer (late) is dropped; back with ↑.
    let fx = key(&mut app, KeyCode::Down);
    assert!(matches!(
        &fx[..],
        [Effect::Orders(OrdersEffect::FetchOrderFormOf(9))]
    ));
    let form_of = |org| {
        Action::Orders(OrdersMsg::OrderFormOf {
            org,
            result: Ok((
                Box::new(fixtures::staffing_form()),
                vec![fixtures::location(3, "Berlin HQ")],
            )),
        })
    };
    update(&mut app, form_of(1));
    assert_eq!(draft(&app).rows.len(), 1, "still Northern Lights'");
    key(&mut app, KeyCode::Up);
    update(&mut app, form_of(1));
    let names: Vec<&str> = draft(&app).rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(&names[..3], ["organization_id", "title", "location_id"]);
    // Filled in as a client fills it; the organisation goes with it.
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Drivers for the Hamburg sale");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "3");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2027-01-11");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Orders(OrdersEffect::SubmitOrder { order, files })] = &fx[..] else {
        panic!(
            "{fx:?}: {:?}",
            draft(&app)
                .rows
                .iter()
                .map(|r| &r.error)
                .collect::<Vec<_>>()
        )
    };
    assert!(files.is_empty());
    assert_eq!(order.organization_id, Some(1));
    assert_eq!(
        order.location_id,
        Some(3),
        "its one location, chosen already"
    );
    assert_eq!(order.title, "Drivers for the Hamburg sale");
}

/// A client with the new-order form loaded from the server.
fn order_form() -> App {
    let mut app = fixtures::orders_app(Role::Client, (100, 30));
    let fx = key(&mut app, KeyCode::Char('n'));
    assert!(matches!(
        &fx[..],
        [Effect::Orders(OrdersEffect::FetchOrderForm)]
    ));
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrderForm(Ok(
            Box::new(fixtures::staffing_form()),
        ))),
    );
    app
}

fn draft(app: &App) -> &portico::widgets::form::FormDraft {
    match &app.modal {
        Modal::Form(d) => d,
        other => panic!("no form: {other:?}"),
    }
}

#[test]
fn the_new_order_form_checks_fields_before_sending() {
    let mut app = order_form();
    let names: Vec<&str> = draft(&app).rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "title",
            "location_id",
            "values.role",
            "values.headcount",
            "values.start_date",
            "values.shifts",
            "values.contact",
            "values.notes",
            "values.site_plan"
        ]
    );
    // Nothing filled in: every required field is named, nothing is sent.
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    let d = draft(&app);
    let failing: Vec<&str> = d
        .rows
        .iter()
        .filter(|r| r.error.is_some())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        failing,
        [
            "title",
            "location_id",
            "values.role",
            "values.headcount",
            "values.start_date"
        ]
    );
    assert_eq!(d.focus, 0, "the first field in error has the focus");
    // Fill it in: a number out of range is caught here too.
    typed(&mut app, "December drivers");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right); // Berlin HQ
    key(&mut app, KeyCode::Right); // Hamburg Depot
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('l')); // Forklift driver
    key(&mut app, KeyCode::Down);
    typed(&mut app, "51");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "2026-12-01");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char(' ')); // early
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('x')); // night
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Gate 2");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Ask for Ben.");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "~/plans/site.pdf");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    let d = draft(&app);
    let headcount = d
        .rows
        .iter()
        .find(|r| r.name == "values.headcount")
        .unwrap();
    assert_eq!(headcount.error.as_deref(), Some("must be at most 50"));
    assert_eq!(d.rows[d.focus].name, "values.headcount");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "3");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Orders(OrdersEffect::SubmitOrder { order, files })] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(order.title, "December drivers");
    assert_eq!(order.location_id, Some(2));
    assert_eq!(
        serde_json::to_value(&order.values).unwrap(),
        serde_json::json!({
            "role": "Forklift driver",
            "headcount": 3,
            "start_date": "2026-12-01",
            "shifts": ["early", "night"],
            "notes": "Gate 2\nAsk for Ben."
        })
    );
    assert_eq!(
        files,
        &[("site_plan".to_owned(), "~/plans/site.pdf".into())]
    );
    assert!(draft(&app).sending);
    assert!(
        key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL).is_empty(),
        "one submission at a time"
    );
}

#[test]
fn the_servers_refusal_lands_on_its_fields_and_a_success_joins_the_list() {
    let mut app = order_form();
    typed(&mut app, "Drivers");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    // Pretend the client-side checks passed and the server refused.
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrderCreated(Err(Failure {
            fields: vec![
                portico_shared::FieldError {
                    field: "values.start_date".into(),
                    message: "must be a date such as 2026-01-31".into(),
                },
                portico_shared::FieldError {
                    field: "organization_id".into(),
                    message: "no such organisation".into(),
                },
            ],
            ..Failure::new("validation failed")
        }))),
    );
    let d = draft(&app);
    assert!(!d.sending);
    assert_eq!(d.rows[d.focus].name, "values.start_date");
    assert_eq!(
        d.rows[d.focus].error.as_deref(),
        Some("must be a date such as 2026-01-31")
    );
    assert_eq!(
        d.error.as_deref(),
        Some("organization_id: no such organisation"),
        "an error of no field shows above the form"
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("1 field needs attention")
    );
    // Accepted: the form closes and the order heads the list, under the cursor.
    let mut created = fixtures::order(42, OrderStatus::Submitted);
    created.title = "Drivers".into();
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrderCreated(Ok(Box::new(
            fixtures::order_detail(created),
        )))),
    );
    assert!(matches!(app.modal, Modal::None));
    assert_eq!(app.session.orders.list.items[0].id, 42);
    assert_eq!(app.session.orders.list.current().unwrap().id, 42);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("ORD-2026-0042 submitted")
    );
}

#[test]
fn leaving_a_filled_form_asks_first() {
    let mut app = order_form();
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.modal, Modal::None),
        "nothing typed: it just closes"
    );
    let mut app = order_form();
    typed(&mut app, "Drivers");
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.modal, Modal::Confirm(_)));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(draft(&app).rows[0].text(), "Drivers", "the draft is back");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.modal, Modal::None));
}

#[test]
fn staff_add_and_change_items_and_attach_deliverables() {
    let mut app = open_order(Role::Agent, 4);
    let fx = key(&mut app, KeyCode::Char('+'));
    assert!(matches!(
        &fx[..],
        [Effect::Orders(OrdersEffect::FetchWorkers)]
    ));
    update(
        &mut app,
        Action::Orders(OrdersMsg::Workers(Ok(vec![fixtures::person(
            31,
            "Walter Worker",
        )]))),
    );
    typed(&mut app, "Dispatcher, night");
    key(&mut app, KeyCode::Tab);
    // Nobody yet, Walter (listed), Wendy (already on this order).
    let Input::Pick(p) = &draft(&app).rows[1].input else {
        panic!("the worker is a choice")
    };
    assert_eq!(p.options, ["nobody yet", "Walter Worker", "Wendy Worker"]);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2026-12-01 22:00");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2026-12-01 06:00");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    assert_eq!(
        draft(&app).rows[3].error.as_deref(),
        Some("must not be before the start")
    );
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "2026-12-02 06:00");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [
        Effect::Orders(OrdersEffect::WriteItem {
            order: 4,
            item: None,
            input,
        }),
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(input.description, "Dispatcher, night");
    assert_eq!(input.worker_id, Some(31));
    // Typed on Hamburg's clocks (UTC+1 in December), sent in UTC.
    assert_eq!(input.starts_at.unwrap().to_string(), "2026-12-01T21:00:00Z");
    assert_eq!(input.ends_at.unwrap().to_string(), "2026-12-02T05:00:00Z");
    let saved = fixtures::item(
        9,
        4,
        "Dispatcher, night",
        None,
        portico_shared::ItemState::Open,
    );
    let fx = update(
        &mut app,
        Action::Orders(OrdersMsg::ItemSaved {
            order: 4,
            result: Ok(Box::new(saved)),
        }),
    );
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrder(4))]),
        "items are fetched again"
    );
    assert!(matches!(app.modal, Modal::None));

    // Changing an item starts from what it is.
    key(&mut app, KeyCode::Char('e'));
    let d = draft(&app);
    assert_eq!(d.rows[0].text(), "Forklift driver, early shift");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::WriteItem { item: Some(1), input, .. })] if input.worker_id == Some(30) && input.state == Some(portico_shared::ItemState::Filled))
    );
    update(&mut app, Action::Cmd(portico::shell::msg::Cmd::Cancel));

    // A deliverable is a path; the upload's failure is the field's error.
    key(&mut app, KeyCode::Char('u'));
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty(), "no path, nothing sent");
    typed(&mut app, "/tmp/report.pdf");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::AttachDeliverable { order: 4, path })] if path.to_str() == Some("/tmp/report.pdf"))
    );
    update(
        &mut app,
        Action::Orders(OrdersMsg::Deliverables {
            order: 4,
            result: Err(Failure::field("path", "/tmp/report.pdf: no such file")),
        }),
    );
    assert_eq!(
        draft(&app).rows[0].error.as_deref(),
        Some("/tmp/report.pdf: no such file")
    );
    key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    update(
        &mut app,
        Action::Orders(OrdersMsg::Deliverables {
            order: 4,
            result: Ok(vec![
                fixtures::attachment(77, "inventory-count.csv", 27),
                fixtures::attachment(78, "report.pdf", 2048),
            ]),
        }),
    );
    assert!(matches!(app.modal, Modal::None));
    assert_eq!(
        app.session
            .orders
            .view
            .as_ref()
            .unwrap()
            .deliverables()
            .len(),
        2
    );
}

#[test]
fn live_order_events_refresh_the_list_and_the_open_order() {
    let mut app = open_order(Role::Agent, 4);
    let mut changed = fixtures::order(4, OrderStatus::Delivered);
    changed.title = "Dispatch \u{1b}]0;x\u{7}cover".into();
    let fx = update(
        &mut app,
        Action::Live(Live::Order(Box::new(OrderEvent {
            id: 1,
            kind: "order.updated".into(),
            order: changed,
            message: None,
        }))),
    );
    assert!(
        matches!(&fx[..], [Effect::Orders(OrdersEffect::FetchOrder(4))]),
        "items may have changed"
    );
    assert_eq!(
        app.session.orders.view.as_ref().unwrap().order.status,
        OrderStatus::Delivered
    );
    let row = app
        .session
        .orders
        .list
        .items
        .iter()
        .find(|o| o.id == 4)
        .unwrap();
    assert_eq!(row.title, "Dispatch cover");
    // A message of the order's thread joins it and counts as read.
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread: 2004,
            result: Ok(Page {
                items: vec![],
                next_cursor: None,
            }),
        }),
    );
    let m = fixtures::message(
        3,
        2004,
        fixtures::person(10, "Ana Lima"),
        "Any news?",
        false,
    );
    let fx = update(
        &mut app,
        Action::Live(Live::Order(Box::new(OrderEvent {
            id: 2,
            kind: "message.created".into(),
            order: fixtures::order(4, OrderStatus::Delivered),
            message: Some(m),
        }))),
    );
    assert!(matches!(
        &fx[..],
        [Effect::Thread(ThreadEffect::MarkRead(2004))]
    ));
    assert_eq!(
        app.session
            .orders
            .view
            .as_ref()
            .unwrap()
            .thread
            .messages
            .ready()
            .unwrap()
            .len(),
        1
    );
    // A new order joins the top of the list; the cursor stays put.
    key(&mut app, KeyCode::Esc);
    let under_cursor = app.session.orders.list.current().unwrap().id;
    update(
        &mut app,
        Action::Live(Live::Order(Box::new(OrderEvent {
            id: 3,
            kind: "order.created".into(),
            order: fixtures::order(50, OrderStatus::Submitted),
            message: None,
        }))),
    );
    assert_eq!(app.session.orders.list.items[0].id, 50);
    assert_eq!(app.session.orders.list.current().unwrap().id, under_cursor);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("New order ORD-2026-0050")
    );
    // One that does not fit the status tab stays out.
    key(&mut app, KeyCode::Tab); // Submitted
    let generation = app.session.orders.list.generation;
    update(
        &mut app,
        Action::Orders(OrdersMsg::Orders {
            generation,
            append: false,
            result: Ok(Page {
                items: vec![fixtures::order(6, OrderStatus::Submitted)],
                next_cursor: None,
            }),
        }),
    );
    update(
        &mut app,
        Action::Live(Live::Order(Box::new(OrderEvent {
            id: 4,
            kind: "order.created".into(),
            order: fixtures::order(51, OrderStatus::Accepted),
            message: None,
        }))),
    );
    assert!(!app.session.orders.list.items.iter().any(|o| o.id == 51));
}

// ---- timesheets -----------------------------------------------------------

use portico::screens::orders::msg::OrdersEffect;
use portico::screens::orders::msg::OrdersMsg;
use portico::screens::thread::msg::ThreadEffect;
use portico::screens::thread::msg::ThreadMsg;
use portico::screens::tickets::msg::TicketsEffect;
use portico::screens::tickets::msg::TicketsMsg;
use portico::screens::timesheets::msg::TimesheetsEffect;
use portico::screens::timesheets::msg::TimesheetsMsg;
use portico_shared::{ClockAction, ShiftState, TimesheetStatus};

/// An approver (Ana, a client with timesheets) on the week of 2026-11-16.
fn approver_week() -> App {
    let mut app = fixtures::timesheets_app(Role::Client, (100, 30));
    let fx = key(&mut app, KeyCode::Char('T'));
    assert_eq!(app.screen, Screen::Timesheets);
    let [Effect::Timesheets(TimesheetsEffect::FetchTimesheets { generation, monday })] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(monday.to_string(), "2026-11-16", "this week, from Monday");
    let generation = *generation;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Timesheets {
            generation,
            result: Ok(fixtures::week()),
        }),
    );
    app
}

/// Moves the cursor to entry `id`.
fn select_entry(app: &mut App, id: i64) {
    key(app, KeyCode::Char('g'));
    let at = app
        .session
        .timesheets
        .week
        .items
        .iter()
        .position(|e| e.id == id)
        .unwrap();
    for _ in 0..at {
        key(app, KeyCode::Char('j'));
    }
    assert_eq!(app.session.timesheets.week.current().unwrap().id, id);
}

#[test]
fn an_approver_approves_the_selected_entry() {
    let mut app = approver_week();
    select_entry(&mut app, 105);
    let fx = key(&mut app, KeyCode::Char('a'));
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::Approve(ids))] if ids == &[105]),
        "{fx:?}"
    );
    let mut approved = fixtures::week().entries[4].clone();
    assert_eq!(approved.id, 105);
    approved.status = TimesheetStatus::Approved;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Approved(Ok(vec![approved]))),
    );
    assert_eq!(
        app.session.timesheets.week.current().unwrap().status,
        TimesheetStatus::Approved
    );
    let wendy = app
        .session
        .timesheets
        .week
        .totals
        .iter()
        .find(|t| t.worker.name == "Wendy Walker")
        .unwrap();
    assert_eq!(wendy.approved_minutes, 3 * 480, "the totals follow");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Approved 1 entry")
    );
    // An approved entry is not approved again.
    assert!(key(&mut app, KeyCode::Char('a')).is_empty());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Only submitted entries")
    );
}

#[test]
fn marked_entries_are_approved_together_after_asking() {
    let mut app = approver_week();
    select_entry(&mut app, 106);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(
        app.session.timesheets.week.current().unwrap().id,
        105,
        "marking moves on"
    );
    key(&mut app, KeyCode::Char(' '));
    assert!(key(&mut app, KeyCode::Char('a')).is_empty(), "asks first");
    assert!(matches!(app.modal, Modal::Confirm(_)));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::Approve(ids))] if ids == &[105, 106]),
        "{fx:?}"
    );
    // A refusal (all or nothing) keeps the marks and says why.
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Approved(Err(Failure::new(
            "entry 106 is not submitted (conflict)",
        )))),
    );
    assert_eq!(app.session.timesheets.week.marks.len(), 2);
    assert!(app.status.as_ref().unwrap().text.contains("not submitted"));
    key(&mut app, KeyCode::Char('u'));
    assert!(app.session.timesheets.week.marks.is_empty());
}

#[test]
fn rejecting_asks_for_a_reason_typed_in_place() {
    let mut app = approver_week();
    select_entry(&mut app, 106);
    assert!(key(&mut app, KeyCode::Char('r')).is_empty());
    assert!(matches!(&app.modal, Modal::Reject(f) if f.id == 106));
    // Empty: refused before sending.
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    // Letters are text here, not keys ('a' does not approve).
    typed(&mut app, "Start was 08:00, not 07:00");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::Reject { id: 106, reason })] if reason == "Start was 08:00, not 07:00"),
        "{fx:?}"
    );
    // The server's refusal stays in the form.
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::EntrySaved(Err(Failure::new(
            "already decided (conflict)",
        )))),
    );
    assert!(
        matches!(&app.modal, Modal::Reject(f) if f.error.as_deref() == Some("already decided (conflict)") && !f.sending)
    );
    key(&mut app, KeyCode::Enter);
    let mut rejected = app.session.timesheets.week.current().unwrap().clone();
    rejected.status = TimesheetStatus::Rejected;
    rejected.reason = Some("Start was 08:00, not 07:00".into());
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::EntrySaved(Ok(Box::new(rejected)))),
    );
    assert!(matches!(app.modal, Modal::None));
    let e = app.session.timesheets.week.current().unwrap();
    assert_eq!(e.status, TimesheetStatus::Rejected);
    // Only submitted entries are rejected.
    select_entry(&mut app, 101);
    key(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.modal, Modal::None));
    // Esc leaves the form without sending.
    select_entry(&mut app, 107);
    key(&mut app, KeyCode::Char('r'));
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert!(matches!(app.modal, Modal::None));
}

#[test]
fn weeks_change_with_arrows_and_brackets_and_stale_answers_are_dropped() {
    let mut app = approver_week();
    let fx = key(&mut app, KeyCode::Left);
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::FetchTimesheets { monday, .. })] if monday.to_string() == "2026-11-09"),
        "{fx:?}"
    );
    assert!(app.session.timesheets.week.items.is_empty());
    let stale = app.session.timesheets.week.generation;
    let fx = key(&mut app, KeyCode::Char(']'));
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::FetchTimesheets { monday, .. })] if monday.to_string() == "2026-11-16")
    );
    // The answer for the week left behind does not land.
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Timesheets {
            generation: stale,
            result: Ok(fixtures::week()),
        }),
    );
    assert!(app.session.timesheets.week.items.is_empty());
    let fx = key(&mut app, KeyCode::Char('['));
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::FetchTimesheets { monday, .. })] if monday.to_string() == "2026-11-09")
    );
}

#[test]
fn entries_arrive_live_and_totals_follow() {
    let mut app = approver_week();
    let mut new = fixtures::entry(
        200,
        fixtures::person(33, "Xena\u{1b}]0;x\u{7} Xu"),
        4,
        TimesheetStatus::Submitted,
    );
    new.note = "\u{9b}2Jlate start".into();
    update(
        &mut app,
        Action::Live(Live::Timesheet(Box::new(portico_shared::TimesheetEvent {
            id: 1,
            kind: "timesheet.updated".into(),
            entry: new,
        }))),
    );
    let e = app
        .session
        .timesheets
        .week
        .items
        .iter()
        .find(|e| e.id == 200)
        .unwrap();
    assert_eq!(e.worker.name, "Xena Xu", "sanitised");
    assert_eq!(e.note, "late start");
    assert!(
        app.session
            .timesheets
            .week
            .totals
            .iter()
            .any(|t| t.worker.name == "Xena Xu")
    );
    // An entry of another week stays out.
    let mut other = fixtures::entry(
        201,
        fixtures::person(33, "Xena Xu"),
        0,
        TimesheetStatus::Submitted,
    );
    other.date = "2026-11-30".parse().unwrap();
    update(
        &mut app,
        Action::Live(Live::Timesheet(Box::new(portico_shared::TimesheetEvent {
            id: 2,
            kind: "timesheet.updated".into(),
            entry: other,
        }))),
    );
    assert!(
        !app.session
            .timesheets
            .week
            .items
            .iter()
            .any(|e| e.id == 201)
    );
}

#[test]
fn who_is_working_loads_once_and_takes_new_shifts_of_today() {
    let mut app = fixtures::timesheets_app(Role::Agent, (100, 30));
    let fx = key(&mut app, KeyCode::Char('w'));
    assert_eq!(app.screen, Screen::Working);
    assert!(matches!(
        &fx[..],
        [Effect::Timesheets(TimesheetsEffect::FetchShifts { .. })]
    ));
    let generation = app.session.timesheets.board.generation;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Shifts {
            generation,
            result: Ok(fixtures::board()),
        }),
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Dashboard);
    assert!(key(&mut app, KeyCode::Char('w')).is_empty(), "kept");
    let mut new = fixtures::shift(
        9,
        fixtures::person(37, "Nia New"),
        ShiftState::Scheduled,
        "11:00",
        "19:00",
    );
    update(
        &mut app,
        Action::Live(Live::Shift(Box::new(portico_shared::ShiftEvent {
            id: 1,
            kind: "shift.created".into(),
            shift: new.clone(),
        }))),
    );
    assert_eq!(
        app.session.timesheets.board.items.last().unwrap().id,
        9,
        "in order of start"
    );
    // Tomorrow's shift is not today's board.
    new.id = 10;
    new.date = "2026-11-21".parse().unwrap();
    update(
        &mut app,
        Action::Live(Live::Shift(Box::new(portico_shared::ShiftEvent {
            id: 2,
            kind: "shift.created".into(),
            shift: new,
        }))),
    );
    assert!(
        !app.session
            .timesheets
            .board
            .items
            .iter()
            .any(|s| s.id == 10)
    );
    // ^R loads it again.
    let fx = key_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::FetchShifts { .. })]
        ),
        "{fx:?}"
    );
}

#[test]
fn timesheet_keys_are_hidden_from_those_without_the_module() {
    // Ana without timesheets: no key, no palette entry, no header tab.
    let app = fixtures::app(Role::Client, 5, (100, 30));
    for c in ['w', 'T', 'c'] {
        assert!(
            map_key(&app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).is_none(),
            "{c}"
        );
    }
    assert!(
        portico::shell::palette::matching_for("timesheets", false, app.palette_has()).is_empty()
    );
    let helps: Vec<&str> = help_for(&app).iter().map(|b| b.help).collect();
    assert!(!helps.contains(&"who's working"));
    // A worker has the clock and the week, not Who's working or approving.
    let mut worker = fixtures::timesheets_app(Role::Worker, (100, 30));
    assert!(
        map_key(
            &worker,
            KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE)
        )
        .is_none()
    );
    key(&mut worker, KeyCode::Char('T'));
    let generation = worker.session.timesheets.week.generation;
    update(
        &mut worker,
        Action::Timesheets(TimesheetsMsg::Timesheets {
            generation,
            result: Ok(fixtures::own_week()),
        }),
    );
    for c in ['a', 'r', ' '] {
        assert!(
            map_key(&worker, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).is_none(),
            "{c}"
        );
    }
}

#[test]
fn a_worker_signs_in_to_the_clock_without_ticket_calls() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    let fx = update(&mut app, Action::Me(Ok(Box::new(fixtures::worker_me()))));
    assert_eq!(app.screen, Screen::Clock);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Timesheets(TimesheetsEffect::FetchClock)))
    );
    assert!(
        !fx.iter().any(|e| matches!(
            e,
            Effect::Tickets(TicketsEffect::FetchTickets { .. })
                | Effect::Tickets(TicketsEffect::FetchCount { .. })
                | Effect::Tickets(TicketsEffect::FetchMine(_))
        )),
        "{fx:?}"
    );
}

fn worker_at_clock(state: ShiftState) -> App {
    let mut app = fixtures::timesheets_app(Role::Worker, (100, 30));
    let shift = fixtures::shift(
        3,
        fixtures::person(31, "Wendy Walker"),
        state,
        "08:45",
        "16:45",
    );
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::ClockStatus(Ok(Box::new(
            portico_shared::ClockStatus {
                shift: Some(shift),
                entry: None,
            },
        )))),
    );
    app
}

#[test]
fn a_worker_clocks_in_breaks_resumes_and_clocks_out_after_asking() {
    let mut app = worker_at_clock(ShiftState::Late);
    let fx = key(&mut app, KeyCode::Char('i'));
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::Clock(ClockAction::In))]
        ),
        "{fx:?}"
    );
    assert!(app.session.timesheets.clock.busy);
    assert!(
        key(&mut app, KeyCode::Char('i')).is_empty(),
        "one at a time"
    );
    let mut shift = fixtures::shift(
        3,
        fixtures::person(31, "Wendy Walker"),
        ShiftState::ClockedIn,
        "08:45",
        "16:45",
    );
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Clocked {
            action: ClockAction::In,
            result: Ok(Box::new(portico_shared::ClockStatus {
                shift: Some(shift.clone()),
                entry: None,
            })),
        }),
    );
    assert!(!app.session.timesheets.clock.busy);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Clocked in at Berlin HQ")
    );
    assert!(matches!(
        &key(&mut app, KeyCode::Char('b'))[..],
        [Effect::Timesheets(TimesheetsEffect::Clock(
            ClockAction::Break
        ))]
    ));
    shift.state = ShiftState::OnBreak;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Clocked {
            action: ClockAction::Break,
            result: Ok(Box::new(portico_shared::ClockStatus {
                shift: Some(shift),
                entry: None,
            })),
        }),
    );
    // Resuming when not on a break: the server's 409 shows, and the clock is fetched again.
    let fx = key(&mut app, KeyCode::Char('r'));
    assert!(matches!(
        &fx[..],
        [Effect::Timesheets(TimesheetsEffect::Clock(
            ClockAction::Resume
        ))]
    ));
    let fx = update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Clocked {
            action: ClockAction::Resume,
            result: Err(Failure::new("not on a break (conflict)")),
        }),
    );
    assert_eq!(
        app.session.timesheets.clock.refused.as_deref(),
        Some("not on a break (conflict)")
    );
    assert!(matches!(
        &fx[..],
        [Effect::Timesheets(TimesheetsEffect::FetchClock)]
    ));
    // Clocking out asks first.
    assert!(key(&mut app, KeyCode::Char('o')).is_empty());
    assert!(matches!(app.modal, Modal::Confirm(_)));
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    key(&mut app, KeyCode::Char('o'));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::Clock(
                ClockAction::Out
            ))]
        ),
        "{fx:?}"
    );
    let entry = fixtures::entry(
        300,
        fixtures::person(31, "Wendy Walker"),
        4,
        TimesheetStatus::Draft,
    );
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Clocked {
            action: ClockAction::Out,
            result: Ok(Box::new(portico_shared::ClockStatus {
                shift: None,
                entry: Some(entry),
            })),
        }),
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("draft entry of 8:00")
    );
    assert!(app.session.timesheets.clock.refused.is_none());
}

/// A clocked-in worker looking at their own week.
fn worker_week() -> App {
    let mut app = worker_at_clock(ShiftState::ClockedIn);
    key(&mut app, KeyCode::Char('T'));
    let generation = app.session.timesheets.week.generation;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Timesheets {
            generation,
            result: Ok(fixtures::own_week()),
        }),
    );
    app
}

#[test]
fn a_worker_submits_a_draft_or_rejected_entry_only() {
    let mut app = worker_week();
    select_entry(&mut app, 108);
    let fx = key(&mut app, KeyCode::Char('s'));
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::SubmitEntry(108))]
        ),
        "{fx:?}"
    );
    select_entry(&mut app, 103);
    assert!(matches!(
        &key(&mut app, KeyCode::Char('s'))[..],
        [Effect::Timesheets(TimesheetsEffect::SubmitEntry(103))]
    ));
    select_entry(&mut app, 101);
    assert!(key(&mut app, KeyCode::Char('s')).is_empty());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("this one is approved")
    );
    // Esc goes back to the clock.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Clock);
}

#[test]
fn a_worker_fixes_a_rejected_entry_in_a_form_and_resubmits_it() {
    let mut app = worker_week();
    // An approved entry cannot be changed.
    select_entry(&mut app, 101);
    assert!(key(&mut app, KeyCode::Char('e')).is_empty());
    assert!(matches!(app.modal, Modal::None));
    assert!(app.status.as_ref().unwrap().text.contains("can be changed"));

    // The rejected one opens prefilled, in Berlin's time, under its reason.
    select_entry(&mut app, 103);
    key(&mut app, KeyCode::Char('e'));
    let d = draft(&app);
    assert_eq!(d.notice.as_deref(), Some("Rejected: The break is missing"));
    let texts: Vec<(String, String)> = d.rows.iter().map(|r| (r.label.clone(), r.text())).collect();
    assert_eq!(
        texts[..3],
        [
            ("Starts (Europe/Berlin)".into(), "2026-11-17 08:00".into()),
            ("Ends (Europe/Berlin)".into(), "2026-11-17 16:30".into()),
            ("Break (minutes)".into(), "30".into()),
        ]
    );
    // The start moved to 08:20 there; the break emptied is refused here.
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "20");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    assert!(key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL).is_empty());
    assert!(draft(&app).rows[2].error.is_some());
    typed(&mut app, "45");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Timesheets(TimesheetsEffect::PatchEntry { id: 103, patch })] = &fx[..] else {
        panic!("{fx:?}");
    };
    assert_eq!(
        patch.starts_at.unwrap().to_string(),
        "2026-11-17T07:20:00Z",
        "08:20 in Berlin, sent as UTC"
    );
    assert_eq!(patch.ends_at.unwrap().to_string(), "2026-11-17T15:30:00Z");
    assert_eq!(patch.break_minutes, Some(45));

    // The server's field errors land under their fields; the form stays.
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::EntrySaved(Err(Failure::field(
            "starts_at",
            "overlaps your entry 101",
        )))),
    );
    let d = draft(&app);
    assert!(!d.sending);
    assert_eq!(d.rows[0].error.as_deref(), Some("overlaps your entry 101"));
    assert_eq!(d.focus, 0);

    // Saved: the form closes, the row follows, and `s` submits it again.
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(
        &fx[..],
        [Effect::Timesheets(TimesheetsEffect::PatchEntry {
            id: 103,
            ..
        })]
    ));
    let mut saved = fixtures::entry(
        103,
        fixtures::person(31, "Wendy Walker"),
        1,
        portico_shared::TimesheetStatus::Rejected,
    );
    saved.break_minutes = 45;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::EntrySaved(Ok(Box::new(saved.clone())))),
    );
    assert!(matches!(app.modal, Modal::None));
    assert_eq!(
        app.session.timesheets.week.current().unwrap().break_minutes,
        45
    );
    assert!(app.status.as_ref().unwrap().text.contains("s submits it"));
    let fx = key(&mut app, KeyCode::Char('s'));
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::SubmitEntry(103))]
        ),
        "{fx:?}"
    );
    saved.status = portico_shared::TimesheetStatus::Submitted;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::EntrySaved(Ok(Box::new(saved)))),
    );
    assert_eq!(
        app.session.timesheets.week.current().unwrap().status,
        portico_shared::TimesheetStatus::Submitted
    );
    // The key is in the help of the week.
    assert!(
        help_for(&app)
            .iter()
            .any(|b| b.cmd == portico::shell::msg::Cmd::EditEntry && b.help.contains("rejected"))
    );
}

#[test]
fn a_stale_board_or_clock_on_screen_is_fetched_again() {
    let later = |app: &App, secs: i64| {
        app.now
            .checked_add(jiff::SignedDuration::from_secs(secs))
            .unwrap()
    };
    let mut app = fixtures::timesheets_app(Role::Client, (100, 30));
    key(&mut app, KeyCode::Char('w'));
    let generation = app.session.timesheets.board.generation;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Shifts {
            generation,
            result: Ok(fixtures::board()),
        }),
    );
    let soon = later(&app, 30);
    assert!(update(&mut app, Action::Tick(soon)).is_empty());
    let stale = later(&app, 31);
    let fx = update(&mut app, Action::Tick(stale));
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::FetchShifts { .. })]
        ),
        "{fx:?}"
    );
    // Not while another screen is up.
    key(&mut app, KeyCode::Esc);
    let much_later = later(&app, 600);
    assert!(update(&mut app, Action::Tick(much_later)).is_empty());

    let mut app = worker_at_clock(ShiftState::Scheduled);
    let stale = later(&app, 61);
    let fx = update(&mut app, Action::Tick(stale));
    assert!(
        matches!(&fx[..], [Effect::Timesheets(TimesheetsEffect::FetchClock)]),
        "{fx:?}"
    );
    assert!(
        update(&mut app, Action::Tick(stale)).is_empty(),
        "once until it arrives"
    );
}

#[test]
fn a_worker_has_no_ticket_list() {
    let mut app = fixtures::timesheets_app(Role::Worker, (100, 30));
    assert!(key(&mut app, KeyCode::Char('t')).is_empty());
    assert_eq!(app.screen, Screen::Clock);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Tickets are not enabled")
    );
}

#[test]
fn who_is_working_narrows_to_each_location_in_turn() {
    let mut app = fixtures::timesheets_app(Role::Client, (100, 30));
    key(&mut app, KeyCode::Char('w'));
    let fx = key(&mut app, KeyCode::Char('l'));
    assert!(
        matches!(
            &fx[..],
            [Effect::Timesheets(TimesheetsEffect::FetchShifts {
                location: Some(1),
                ..
            })]
        ),
        "{fx:?}"
    );
    let generation = app.session.timesheets.board.generation;
    let berlin: Vec<_> = fixtures::board()
        .into_iter()
        .filter(|s| s.location.id == 1)
        .collect();
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Shifts {
            generation,
            result: Ok(berlin),
        }),
    );
    // A Hamburg shift's event stays out of the Berlin board.
    let hamburg = fixtures::board()
        .into_iter()
        .find(|s| s.location.id == 2)
        .unwrap();
    let n = app.session.timesheets.board.items.len();
    update(
        &mut app,
        Action::Live(Live::Shift(Box::new(portico_shared::ShiftEvent {
            id: 1,
            kind: "shift.updated".into(),
            shift: hamburg,
        }))),
    );
    assert_eq!(app.session.timesheets.board.items.len(), n);
    let fx = key(&mut app, KeyCode::Char('l'));
    assert!(matches!(
        &fx[..],
        [Effect::Timesheets(TimesheetsEffect::FetchShifts {
            location: Some(2),
            ..
        })]
    ));
    let fx = key(&mut app, KeyCode::Char('l'));
    assert!(matches!(
        &fx[..],
        [Effect::Timesheets(TimesheetsEffect::FetchShifts {
            location: None,
            ..
        })]
    ));
}

#[test]
fn a_cancelled_shift_leaves_the_board_and_the_cursor_keeps_its_row() {
    let mut app = fixtures::timesheets_app(Role::Client, (100, 30));
    key(&mut app, KeyCode::Char('w'));
    let generation = app.session.timesheets.board.generation;
    let all = fixtures::board();
    assert!(all.len() >= 3, "the fixture board has rows to remove");
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Shifts {
            generation,
            result: Ok(all.clone()),
        }),
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let on = app.session.timesheets.board.items[2].id;
    update(
        &mut app,
        Action::Live(Live::Shift(Box::new(portico_shared::ShiftEvent {
            id: 1,
            kind: "shift.cancelled".into(),
            shift: all[0].clone(),
        }))),
    );
    let b = &app.session.timesheets.board;
    assert_eq!(b.items.len(), all.len() - 1);
    assert!(b.items.iter().all(|s| s.id != all[0].id));
    assert_eq!(b.items[b.selected].id, on, "the cursor stays on its row");
}

fn live_ticket(app: &mut App, t: portico_shared::Ticket, message: Option<portico_shared::Message>) {
    let kind = if message.is_some() {
        "message.created"
    } else {
        "ticket.updated"
    };
    update(
        app,
        Action::Live(Live::Event(Box::new(Event {
            id: 9,
            kind: kind.into(),
            ticket: Some(t),
            message,
        }))),
    );
}

#[test]
fn live_events_keep_the_unread_markers_and_count_new_messages() {
    let mut app = staff_app();
    let unread = app
        .session
        .tickets
        .list
        .items
        .iter()
        .find(|t| t.unread_count > 0)
        .unwrap()
        .clone();
    // The event goes to everyone, so it carries no unread count of its own.
    let mut changed = unread.clone();
    changed.unread_count = 0;
    changed.status = TicketStatus::Pending;
    live_ticket(&mut app, changed, None);
    let row = |app: &App, id| {
        app.session
            .tickets
            .list
            .items
            .iter()
            .find(|t| t.id == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&app, unread.id).status, TicketStatus::Pending);
    assert_eq!(row(&app, unread.id).unread_count, unread.unread_count);

    // Another person's message in a read ticket marks it unread.
    let read = app
        .session
        .tickets
        .list
        .items
        .iter()
        .find(|t| t.unread_count == 0)
        .unwrap()
        .clone();
    let m = fixtures::message(
        70,
        read.thread_id,
        fixtures::person(10, "Ana Lima"),
        "hi",
        false,
    );
    live_ticket(&mut app, read.clone(), Some(m));
    assert_eq!(row(&app, read.id).unread_count, 1);
    // One's own message does not.
    let me = app.my_id().unwrap();
    let mut own = read.clone();
    own.unread_count = 0;
    let m = fixtures::message(71, read.thread_id, fixtures::person(me, "Me"), "ok", false);
    live_ticket(&mut app, own, Some(m));
    assert_eq!(row(&app, read.id).unread_count, 1);
}

#[test]
fn a_recovered_connection_clears_its_error_by_trying_again() {
    let mut app = staff_app();
    update(&mut app, Action::Live(Live::Connected));
    let generation = app.session.tickets.list.generation;
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Tickets {
            generation,
            append: false,
            result: Err(Failure::new("cannot reach the server")),
        }),
    );
    update(&mut app, Action::Live(Live::Disconnected("gone".into())));
    assert!(app.status.is_some());
    let fx = update(&mut app, Action::Live(Live::Connected));
    assert!(app.status.is_none(), "the old error is gone");
    assert!(
        matches!(
            &fx[..],
            [Effect::Tickets(TicketsEffect::FetchTickets { .. })]
        ),
        "and what failed is fetched again: {fx:?}"
    );
    // A connection that never dropped leaves an error alone.
    let generation = app.session.tickets.list.generation;
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Tickets {
            generation,
            append: false,
            result: Err(Failure::new("refused")),
        }),
    );
    assert!(update(&mut app, Action::Live(Live::Connected)).is_empty());
    assert!(app.status.is_some());
}

#[test]
fn the_filter_narrows_as_you_type_once_typing_pauses() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Char('/'));
    let mut pauses = Vec::new();
    for c in "vpn".chars() {
        let fx = key(&mut app, KeyCode::Char(c));
        let [Effect::SettleFilter(edit)] = fx[..] else {
            panic!("each key asks for a pause: {fx:?}")
        };
        pauses.push(edit);
    }
    // The pauses of earlier keys fetch nothing: a key came after them.
    for edit in &pauses[..2] {
        assert!(update(&mut app, Action::FilterSettled(*edit)).is_empty());
    }
    let fx = update(&mut app, Action::FilterSettled(pauses[2]));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchTickets { query, .. })] if query.q.as_deref() == Some("vpn")),
        "{fx:?}"
    );
    assert!(matches!(app.modal, Modal::Filter(_)), "the line stays open");
    assert_eq!(app.session.tickets.list.filter, "vpn");
    // Enter keeps it without asking again; Esc goes back to the filter before.
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Backspace);
    let [Effect::SettleFilter(edit)] = key(&mut app, KeyCode::Backspace)[..] else {
        panic!()
    };
    update(&mut app, Action::FilterSettled(edit));
    assert_eq!(app.session.tickets.list.filter, "v");
    let fx = key(&mut app, KeyCode::Esc);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchTickets { query, .. })] if query.q.as_deref() == Some("vpn")),
        "{fx:?}"
    );
    assert!(matches!(app.modal, Modal::None));
}

#[test]
fn s_cycles_the_sort_and_the_header_says_which() {
    use portico_shared::TicketSort;
    let mut app = staff_app();
    assert_eq!(app.session.tickets.list.sort_label(), "default");
    let mut seen = Vec::new();
    for _ in 0..TicketSort::ALL.len() {
        let fx = key(&mut app, KeyCode::Char('s'));
        let [Effect::Tickets(TicketsEffect::FetchTickets { query, .. })] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(query.sort, app.session.tickets.list.sort);
        seen.push(query.sort.unwrap());
    }
    assert_eq!(seen, TicketSort::ALL);
    // Round to the view's own order; a filter and the sort survive reloads.
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.session.tickets.list.sort, None);
    key(&mut app, KeyCode::Char('s'));
    let fx = key_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Tickets(TicketsEffect::FetchTickets { query, .. }) if query.sort == Some(TicketSort::ALL[0]))),
        "{fx:?}"
    );
    assert!(help_for(&app).iter().any(|b| b.help.starts_with("sort")));
}

#[test]
fn each_views_help_gives_each_key_one_meaning() {
    use portico::input::key_label;
    let apps = [
        fixtures::app(Role::Agent, 5, (100, 30)),
        fixtures::app(Role::Client, 5, (100, 30)),
        fixtures::orders_app(Role::Agent, (100, 30)),
        fixtures::orders_app(Role::Client, (100, 30)),
        fixtures::timesheets_app(Role::Client, (100, 30)),
        fixtures::timesheets_app(Role::Worker, (100, 30)),
    ];
    let screens = [
        Screen::Dashboard,
        Screen::Tickets,
        Screen::Detail,
        Screen::Orders,
        Screen::Order,
        Screen::Working,
        Screen::Timesheets,
        Screen::Clock,
    ];
    for base in apps {
        let role = base.role();
        let mut app = base;
        for screen in screens {
            app.screen = screen;
            let mut seen: Vec<(String, &str)> = Vec::new();
            for b in help_for(&app) {
                for k in b.keys {
                    let label = key_label(k);
                    if let Some((_, other)) = seen.iter().find(|(l, _)| *l == label) {
                        panic!(
                            "{role:?} {screen:?}: {label} is both {other:?} and {:?}",
                            b.help
                        );
                    }
                    seen.push((label, b.help));
                }
            }
        }
    }
    // The clock's `o` is clocking out there, and help says so (not "the orders").
    let mut worker = fixtures::timesheets_app(Role::Worker, (100, 30));
    worker.screen = Screen::Clock;
    let o: Vec<&str> = help_for(&worker)
        .iter()
        .filter(|b| b.keys.iter().any(|k| key_label(k) == "o"))
        .map(|b| b.help)
        .collect();
    assert_eq!(o.len(), 1, "{o:?}");
    assert!(!o[0].contains("orders"), "{o:?}");
}

#[test]
fn staff_open_a_ticket_for_an_organisation_and_one_of_its_contacts() {
    let mut app = staff_app();
    let fx = key(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchOrgChoices(q))] if q.is_empty()),
        "{fx:?}"
    );
    let mut last = vec![];
    for c in "nor".chars() {
        last = key(&mut app, KeyCode::Char(c));
    }
    assert!(
        matches!(&last[..], [Effect::Tickets(TicketsEffect::FetchOrgChoices(q))] if q == "nor"),
        "typing searches: {last:?}"
    );
    let org = |id, name: &str| portico_shared::OrganizationRef {
        id,
        name: name.into(),
    };
    // An answer to an earlier query is dropped.
    let stale = update(
        &mut app,
        Action::Tickets(TicketsMsg::OrgChoices {
            query: "no".into(),
            result: Ok(vec![org(9, "Nobody")]),
        }),
    );
    assert!(stale.is_empty());
    let fx = update(
        &mut app,
        Action::Tickets(TicketsMsg::OrgChoices {
            query: "nor".into(),
            result: Ok(vec![
                org(1, "Northwind Traders"),
                org(4, "Norland\u{1b}[2J Ltd"),
            ]),
        }),
    );
    assert!(matches!(
        &fx[..],
        [Effect::Tickets(TicketsEffect::FetchContacts(1))]
    ));
    let fx = key(&mut app, KeyCode::Down);
    assert!(matches!(
        &fx[..],
        [Effect::Tickets(TicketsEffect::FetchContacts(4))]
    ));
    // Northwind's contacts arrive late: not Norland's.
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Contacts {
            org: 1,
            result: Ok(vec![fixtures::person(10, "Ana Lima")]),
        }),
    );
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Contacts {
            org: 4,
            result: Ok(vec![fixtures::person(40, "Nia Nord")]),
        }),
    );
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    {
        let Modal::Compose(c) = &app.modal else {
            panic!("the composer is open")
        };
        let fw = c.for_whom.as_ref().unwrap();
        assert_eq!(
            fw.organization().unwrap().name,
            "Norland Ltd",
            "names are made safe"
        );
        assert_eq!(fw.requester().unwrap().name, "Nia Nord");
    }
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "New oven");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Booked for Friday.");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::Create(t))]
            if t.organization_id == Some(4) && t.requester_id == Some(40) && t.subject == "New oven"),
        "{fx:?}"
    );
}

#[test]
fn staff_cannot_send_a_new_ticket_for_nobody() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Subject");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Body");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Choose the organisation")
    );
}

mod admin {
    use super::*;
    use portico::fixtures::{admin_app, user};
    use portico::screens::admin::AdminTab;
    use portico::screens::admin::msg::{AdminEffect, AdminMsg, Arrived};
    use portico::screens::orders::msg::{OrdersEffect, OrdersMsg};
    use portico::shell::model::Pending;
    use portico_shared::{InviteResponse, Location, TicketHistory, UserStatus};

    #[test]
    fn a_new_organisation_sees_its_history_since_a_day() {
        let mut app = admin_app();
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Char('n'));
        typed(&mut app, "Harbour Bakery");
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Tab);
        // "since a day" wants the day.
        key(&mut app, KeyCode::Right);
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(fx.is_empty());
        let Modal::Form(d) = &app.modal else {
            panic!("the form stays")
        };
        assert_eq!(d.focused().unwrap().name, "history_since");
        assert!(d.focused().unwrap().error.is_some());
        typed(&mut app, "2026-11-02");
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let [Effect::Admin(AdminEffect::CreateOrg(new))] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(new.name, "Harbour Bakery");
        assert_eq!(new.ticket_history, Some(TicketHistory::SinceDate));
        assert_eq!(
            new.history_since.map(|t| t.to_string()),
            Some("2026-11-02T00:00:00Z".to_owned())
        );
    }

    fn place(id: i64, name: &str, zone: &str) -> Location {
        Location {
            id,
            organization_id: 1,
            name: name.into(),
            timezone: zone.into(),
            address: String::new(),
        }
    }

    /// The admin app with Northwind's locations open.
    pub(super) fn locations_app() -> App {
        let mut app = admin_app();
        key(&mut app, KeyCode::Tab);
        let fx = key(&mut app, KeyCode::Char('l'));
        let [Effect::Admin(AdminEffect::FetchLocations(load, 1))] = &fx[..] else {
            panic!("{fx:?}")
        };
        let generation = load.generation;
        update(
            &mut app,
            Action::Admin(AdminMsg::Locations(Arrived {
                generation,
                append: false,
                result: Ok(Page {
                    items: vec![
                        place(5, "Berlin HQ", "Europe/Berlin"),
                        place(6, "Hamburg Depot\u{1b}[2J", "Europe/Berlin"),
                    ],
                    next_cursor: None,
                }),
            })),
        );
        app
    }

    #[test]
    fn staff_add_and_rename_an_organisations_locations() {
        let mut app = locations_app();
        let names: Vec<&str> = app
            .session
            .admin
            .locations
            .as_ref()
            .unwrap()
            .list
            .items
            .iter()
            .map(|l| l.name.as_str())
            .collect();
        assert_eq!(names, ["Berlin HQ", "Hamburg Depot"], "sanitised");
        // A new one: a zone that is not one is refused before sending.
        key(&mut app, KeyCode::Char('n'));
        typed(&mut app, "Munich Yard");
        key(&mut app, KeyCode::Tab);
        typed(&mut app, "Europe/Atlantis");
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(fx.is_empty());
        let Modal::Form(d) = &app.modal else {
            panic!("the form stays")
        };
        let zone = d.rows.iter().find(|r| r.name == "timezone").unwrap();
        assert!(
            zone.error
                .as_deref()
                .unwrap()
                .contains("not a known time zone")
        );
        key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typed(&mut app, "Europe/Berlin");
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let [Effect::Admin(AdminEffect::CreateLocation { org: 1, new })] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(new.name, "Munich Yard");
        assert_eq!(new.timezone.as_deref(), Some("Europe/Berlin"));
        // Saved: the form closes and the list is asked for again.
        let fx = update(
            &mut app,
            Action::Admin(AdminMsg::LocationSaved(Ok(Box::new(place(
                7,
                "Munich Yard",
                "Europe/Berlin",
            ))))),
        );
        assert!(matches!(app.modal, Modal::None));
        assert!(matches!(
            &fx[..],
            [Effect::Admin(AdminEffect::FetchLocations(_, 1))]
        ));
        // Hamburg renamed and moved to another zone.
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Char('e'));
        key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typed(&mut app, "Hamburg Port");
        key(&mut app, KeyCode::Tab);
        key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typed(&mut app, "Europe/London");
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let [
            Effect::Admin(AdminEffect::PatchLocation {
                org: 1,
                id: 6,
                patch,
            }),
        ] = &fx[..]
        else {
            panic!("{fx:?}")
        };
        assert_eq!(patch.name.as_deref(), Some("Hamburg Port"));
        assert_eq!(patch.timezone.as_deref(), Some("Europe/London"));
        // Esc: back to the organisations.
        app.modal = Modal::None;
        key(&mut app, KeyCode::Esc);
        assert!(app.session.admin.locations.is_none());
        assert_eq!(app.session.admin.tab, AdminTab::Organizations);
    }

    #[test]
    fn the_admin_key_opens_people_and_loads_organisations_for_the_invite_form() {
        let mut app = fixtures::app(Role::Admin, 3, (100, 30));
        let fx = key(&mut app, KeyCode::Char('A'));
        assert_eq!(app.screen, Screen::Admin);
        assert!(matches!(
            &fx[..],
            [
                Effect::Admin(AdminEffect::FetchPeople(..)),
                Effect::Admin(AdminEffect::FetchOrgs(_))
            ]
        ));
        let app = admin_app();
        assert_eq!(app.session.admin.people.items.len(), 3);
        assert_eq!(app.session.admin.orgs.items.len(), 2);
    }

    #[test]
    fn only_admins_open_administration() {
        let mut app = fixtures::app(Role::Agent, 3, (100, 30));
        assert!(map_key(&app, KeyEvent::new(KeyCode::Char('A'), KeyModifiers::NONE)).is_none());
        let fx = update(&mut app, Action::Cmd(portico::shell::msg::Cmd::Admin));
        assert!(fx.is_empty());
        assert_ne!(app.screen, Screen::Admin);
        assert!(app.status.as_ref().unwrap().text.contains("for admins"));
    }

    #[test]
    fn an_admin_invites_a_client_and_the_code_stays_on_screen() {
        let mut app = admin_app();
        key(&mut app, KeyCode::Char('i'));
        assert!(matches!(app.modal, Modal::Form(_)));
        typed(&mut app, "nia@northwind.example");
        key(&mut app, KeyCode::Enter);
        typed(&mut app, "Nia Nord");
        key(&mut app, KeyCode::Enter);
        // The role stays "client"; the organisation is found by typing,
        // among all of them (not only the ones the list has loaded).
        key(&mut app, KeyCode::Enter);
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(fx.is_empty(), "a client needs an organisation");
        let mut asked = Vec::new();
        for c in "harb".chars() {
            asked.extend(key(&mut app, KeyCode::Char(c)));
        }
        let Some(Effect::Orders(OrdersEffect::FindOrgs(q))) = asked.last() else {
            panic!("{asked:?}")
        };
        assert_eq!(q, "harb");
        let found = |query: &str, id, name: &str| {
            Action::Orders(OrdersMsg::OrgsFound {
                query: query.into(),
                result: Ok(vec![portico_shared::OrganizationRef {
                    id,
                    name: name.into(),
                }]),
            })
        };
        // An answer to an older query is dropped; the invite needs no more.
        update(&mut app, found("har", 7, "Harlow Ltd"));
        let fx = update(&mut app, found("harb", 42, "Harbour\u{1b}[2J Bakery"));
        assert!(fx.is_empty(), "{fx:?}");
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let [Effect::Admin(AdminEffect::Invite(req))] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(req.email, "nia@northwind.example");
        assert_eq!(req.name, "Nia Nord");
        assert_eq!(req.role, Role::Client);
        assert_eq!(req.organization_id, Some(42));
        let fx = update(
            &mut app,
            Action::Admin(AdminMsg::Invited(Ok(Box::new(InviteResponse {
                user: user(13, "Nia", UserStatus::Invited),
                invite_code: "K7Q-2RM\u{1b}[2J".into(),
                expires_at: fixtures::now(),
            })))),
        );
        assert!(
            matches!(&fx[..], [Effect::Admin(AdminEffect::FetchPeople(..))]),
            "the list reloads: {fx:?}"
        );
        let Modal::Notice(n) = &app.modal else {
            panic!("the code is shown until read")
        };
        assert!(n.lines.iter().any(|l| l == "K7Q-2RM"), "{n:?}");
        key(&mut app, KeyCode::Enter);
        assert!(matches!(app.modal, Modal::None));
    }

    #[test]
    fn resend_readmit_and_remove_fit_where_the_person_stands() {
        let mut app = admin_app();
        // Ana is active: no new code, no readmission; removal asks first.
        key(&mut app, KeyCode::Char('r'));
        assert!(app.status.as_ref().unwrap().text.contains("not joined"));
        key(&mut app, KeyCode::Char('a'));
        assert!(app.status.as_ref().unwrap().text.contains("removed person"));
        key(&mut app, KeyCode::Char('d'));
        let Modal::Confirm(c) = &app.modal else {
            panic!("removal asks first")
        };
        assert!(matches!(c.then, Pending::Run(_)));
        let fx = key(&mut app, KeyCode::Char('y'));
        assert!(matches!(&fx[..], [Effect::Admin(AdminEffect::Remove(10))]));
        update(
            &mut app,
            Action::Admin(AdminMsg::Removed(Ok(Box::new(user(
                10,
                "Ana",
                UserStatus::Removed,
            ))))),
        );
        assert_eq!(
            app.session.admin.people.items[0].status,
            UserStatus::Removed
        );
        // Pat is pending: a new code. Rex is removed: readmitted.
        key(&mut app, KeyCode::Down);
        let fx = key(&mut app, KeyCode::Char('r'));
        assert!(matches!(&fx[..], [Effect::Admin(AdminEffect::Resend(11))]));
        key(&mut app, KeyCode::Down);
        let fx = key(&mut app, KeyCode::Char('a'));
        assert!(matches!(&fx[..], [Effect::Admin(AdminEffect::Readmit(12))]));
        // The filter narrows the list on the server.
        let fx = key(&mut app, KeyCode::Char('f'));
        let [Effect::Admin(AdminEffect::FetchPeople(_, filter))] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(filter.status, Some(UserStatus::Invited));
    }

    #[test]
    fn an_admin_edits_an_organisations_welcome_text() {
        let mut app = admin_app();
        let fx = key(&mut app, KeyCode::Tab);
        assert!(fx.is_empty(), "organisations are loaded already");
        assert_eq!(app.session.admin.tab, AdminTab::Organizations);
        key(&mut app, KeyCode::Char('e'));
        // Name, tags, ticket history (kept), its day, then the welcome text.
        for _ in 0..4 {
            key(&mut app, KeyCode::Tab);
        }
        typed(&mut app, "Call 555-0100");
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let [Effect::Admin(AdminEffect::PatchOrg { id, patch })] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(*id, 1);
        assert_eq!(patch.welcome.as_deref(), Some("Call 555-0100"));
        assert_eq!(patch.ticket_history, Some(TicketHistory::All));
        assert_eq!(patch.tags.as_deref(), Some(&["enterprise".to_owned()][..]));
        // The modules, then the audit log, load when first shown.
        app.modal = Modal::None;
        let fx = key(&mut app, KeyCode::Tab);
        assert!(matches!(
            &fx[..],
            [Effect::Admin(AdminEffect::FetchSwitches)]
        ));
        let fx = key(&mut app, KeyCode::Tab);
        assert!(matches!(
            &fx[..],
            [Effect::Admin(AdminEffect::FetchAudit(_, None))]
        ));
        // f narrows the log to one kind of action, on the server.
        let fx = key(&mut app, KeyCode::Char('f'));
        assert!(matches!(
            &fx[..],
            [Effect::Admin(AdminEffect::FetchAudit(_, Some("auth.")))]
        ));
    }

    #[test]
    fn modules_switch_for_everyone_or_for_one_organisation() {
        use portico_shared::{Module, ModuleSwitches};
        let mut app = admin_app();
        key(&mut app, KeyCode::Tab);
        // An organisation's own: Northwind has none; Space switches the first on.
        key(&mut app, KeyCode::Char('m'));
        assert!(matches!(app.modal, Modal::Form(_)));
        key(&mut app, KeyCode::Char(' '));
        let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let [Effect::Admin(AdminEffect::PatchOrg { id: 1, patch })] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(
            patch.default_modules.as_deref(),
            Some(&[Module::ALL[0]][..])
        );
        app.modal = Modal::None;
        // For every client: the second module goes off, then on again.
        key(&mut app, KeyCode::Tab);
        update(
            &mut app,
            Action::Admin(AdminMsg::Switches(Ok(ModuleSwitches { disabled: vec![] }))),
        );
        key(&mut app, KeyCode::Down);
        let fx = key(&mut app, KeyCode::Char(' '));
        let [Effect::Admin(AdminEffect::SetSwitches(s))] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(s.disabled, [Module::ALL[1]]);
        update(&mut app, Action::Admin(AdminMsg::Switches(Ok(s.clone()))));
        let fx = key(&mut app, KeyCode::Char(' '));
        let [Effect::Admin(AdminEffect::SetSwitches(s))] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert!(s.disabled.is_empty());
    }
}

mod account {
    use super::*;
    use portico::fixtures::session;
    use portico::screens::account::msg::{AccountEffect, AccountMsg};
    use portico::shell::model::Pending;

    #[test]
    fn i_sign_another_device_out_but_not_this_one() {
        let mut app = fixtures::app(Role::Client, 3, (100, 30));
        let fx = key(&mut app, KeyCode::Char('S'));
        assert_eq!(app.screen, Screen::Account);
        assert!(matches!(
            &fx[..],
            [
                Effect::Account(AccountEffect::FetchSessions),
                Effect::Account(AccountEffect::FetchMail)
            ]
        ));
        update(
            &mut app,
            Action::Account(AccountMsg::Sessions(Ok(vec![
                session(7, "10.0.0.7", true),
                session(5, "10.0.0.5\u{1b}[2J", false),
            ]))),
        );
        key(&mut app, KeyCode::Char('d'));
        assert!(matches!(app.modal, Modal::None), "not this one");
        assert!(app.status.as_ref().unwrap().text.contains("sign out"));
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Char('d'));
        let Modal::Confirm(c) = &app.modal else {
            panic!("asks first")
        };
        assert!(matches!(c.then, Pending::Run(_)));
        assert!(!c.question.contains('\u{1b}'), "made safe");
        let fx = key(&mut app, KeyCode::Char('y'));
        assert!(matches!(
            &fx[..],
            [Effect::Account(AccountEffect::EndSession(5))]
        ));
        let fx = update(&mut app, Action::Account(AccountMsg::Ended(Ok(5))));
        assert!(matches!(
            &fx[..],
            [Effect::Account(AccountEffect::FetchSessions), _]
        ));
    }

    #[test]
    fn i_turn_a_kind_of_mail_off_from_my_account() {
        use portico_shared::{MailCategory, NotificationSetting, NotificationSettings};
        let mut app = fixtures::app(Role::Agent, 3, (100, 30));
        key(&mut app, KeyCode::Char('S'));
        update(
            &mut app,
            Action::Account(AccountMsg::Sessions(Ok(vec![session(7, "10.0.0.7", true)]))),
        );
        let mine = |new_ticket: bool| NotificationSettings {
            settings: vec![
                NotificationSetting {
                    category: MailCategory::NewTicket,
                    enabled: new_ticket,
                },
                NotificationSetting {
                    category: MailCategory::ClientReply,
                    enabled: true,
                },
            ],
            mail_configured: true,
        };
        update(&mut app, Action::Account(AccountMsg::Mail(Ok(mine(false)))));
        // On the session row, space changes no mail.
        assert!(key(&mut app, KeyCode::Char(' ')).is_empty());
        // The cursor goes on from the sessions into the mail categories.
        key(&mut app, KeyCode::Down);
        let fx = key(&mut app, KeyCode::Char(' '));
        let [Effect::Account(AccountEffect::SetMail(change))] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(
            *change,
            NotificationSetting {
                category: MailCategory::NewTicket,
                enabled: true
            }
        );
        assert!(
            app.status
                .as_ref()
                .unwrap()
                .text
                .contains("new_ticket turned on")
        );
        update(&mut app, Action::Account(AccountMsg::Mail(Ok(mine(true)))));
        // `d` on a mail row signs nothing out; the cursor stops at the last row.
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Down);
        assert!(key(&mut app, KeyCode::Char('d')).is_empty());
        assert!(matches!(app.modal, Modal::None));
        let fx = key(&mut app, KeyCode::Char(' '));
        assert!(matches!(
            &fx[..],
            [Effect::Account(AccountEffect::SetMail(
                NotificationSetting {
                    category: MailCategory::ClientReply,
                    enabled: false
                }
            ))]
        ));
    }

    #[test]
    fn an_admin_signs_an_active_person_out_everywhere() {
        use portico::screens::admin::msg::AdminEffect;
        let mut app = portico::fixtures::admin_app();
        key(&mut app, KeyCode::Char('x'));
        let Modal::Confirm(c) = &app.modal else {
            panic!("asks first")
        };
        assert!(matches!(c.then, Pending::Run(_)));
        let fx = key(&mut app, KeyCode::Char('y'));
        assert!(matches!(
            &fx[..],
            [Effect::Admin(AdminEffect::EndSessions(10))]
        ));
        // Pat has not joined: nothing to end.
        key(&mut app, KeyCode::Down);
        assert!(key(&mut app, KeyCode::Char('x')).is_empty());
        assert!(matches!(app.modal, Modal::None));
    }
}

// ---- projects and tasks ---------------------------------------------------

use portico::screens::projects::msg::{ProjectsEffect, ProjectsMsg};

#[test]
fn a_project_opens_its_timeline_and_x_marks_my_task_done() {
    let mut app = fixtures::projects_app(Role::Client, (100, 30));
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Project);
    assert!(matches!(
        &fx[..],
        [Effect::Projects(ProjectsEffect::FetchProject(1))]
    ));
    update(
        &mut app,
        Action::Projects(ProjectsMsg::Project(Ok(Box::new(
            fixtures::project_detail(false),
        )))),
    );
    // Ana's first task is hers: one key marks it done.
    let fx = key(&mut app, KeyCode::Char('x'));
    assert!(
        matches!(&fx[..], [Effect::Projects(ProjectsEffect::MarkDone(1))]),
        "{fx:?}"
    );
    // Ben's (the third) is not: nothing is sent, the status line says why.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert!(key(&mut app, KeyCode::Char('x')).is_empty());
    assert!(app.status.as_ref().unwrap().text.contains("assignee"));
    // The server's answer ticks it on the timeline's task list.
    let mut done = fixtures::tasks().remove(0);
    done.status = portico_shared::TaskStatus::Done;
    update(
        &mut app,
        Action::Projects(ProjectsMsg::TaskDone(Ok(Box::new(done)))),
    );
    let v = app.session.projects.view.as_ref().unwrap();
    assert_eq!(v.tasks()[0].status, portico_shared::TaskStatus::Done);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Projects);
}

#[test]
fn the_task_list_switches_mine_and_all_and_drops_a_finished_task() {
    let mut app = fixtures::tasks_app(Role::Client, (100, 30));
    assert!(app.session.projects.tasks.mine);
    let fx = key(&mut app, KeyCode::Tab);
    assert!(!app.session.projects.tasks.mine);
    assert!(
        matches!(&fx[..], [Effect::Projects(ProjectsEffect::FetchTasks { query, .. })] if query.mine.is_none()),
        "{fx:?}"
    );
    let mut app = fixtures::tasks_app(Role::Client, (100, 30));
    let fx = key(&mut app, KeyCode::Char('x'));
    assert!(matches!(
        &fx[..],
        [Effect::Projects(ProjectsEffect::MarkDone(1))]
    ));
    let mut done = fixtures::tasks().remove(0);
    done.status = portico_shared::TaskStatus::Done;
    update(
        &mut app,
        Action::Projects(ProjectsMsg::TaskDone(Ok(Box::new(done)))),
    );
    let left: Vec<i64> = app
        .session
        .projects
        .tasks
        .items
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(left, [2, 3], "the open list no longer has it");
}

#[test]
fn projects_are_refused_without_the_module() {
    let mut app = fixtures::app(Role::Client, 5, (100, 30));
    let fx = update(&mut app, Action::Cmd(portico::shell::msg::Cmd::Projects));
    assert!(fx.is_empty());
    assert_ne!(app.screen, Screen::Projects);
    assert!(app.status.as_ref().unwrap().text.contains("not enabled"));
}

#[test]
fn opening_a_standalone_thread_reads_it_and_r_replies() {
    use portico::screens::thread::msg::ThreadEffect;
    let mut app = fixtures::conversations_app(Role::Client, (100, 30));
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Conversation);
    assert!(
        matches!(
            &fx[..],
            [
                Effect::Thread(ThreadEffect::FetchMessages(8)),
                Effect::Thread(ThreadEffect::MarkRead(8))
            ]
        ),
        "{fx:?}"
    );
    assert_eq!(app.session.conversations.list.items[0].unread_count, 0);
    key(&mut app, KeyCode::Char('r'));
    assert!(matches!(app.modal, Modal::Compose(_)));
    key(&mut app, KeyCode::Esc);
}

#[test]
fn a_client_starts_a_thread_with_staff_from_the_list() {
    use portico::screens::conversations::msg::{ConversationsEffect, ConversationsMsg};
    let mut app = fixtures::conversations_app(Role::Client, (100, 30));
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.modal, Modal::Compose(_)));
    typed(&mut app, "Question");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Who do I call?");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Conversations(ConversationsEffect::Create(n))]
            if n.subject == "Question" && n.body == "Who do I call?"),
        "{fx:?}"
    );
    let made = fixtures::conversation(9, "Question", 0);
    let fx = update(
        &mut app,
        Action::Conversations(ConversationsMsg::Created(Ok(Box::new(made)))),
    );
    assert!(matches!(app.modal, Modal::None));
    assert!(matches!(
        &fx[..],
        [Effect::Conversations(
            ConversationsEffect::FetchConversations { .. }
        )]
    ));
}

#[test]
fn staff_start_a_thread_with_an_organisation_and_one_of_its_contacts() {
    use portico::screens::conversations::msg::ConversationsEffect;
    use portico::screens::tickets::msg::{TicketsEffect, TicketsMsg};
    let mut staff = fixtures::conversations_app(Role::Agent, (100, 30));
    let fx = key(&mut staff, KeyCode::Char('n'));
    assert!(
        matches!(&fx[..], [Effect::Tickets(TicketsEffect::FetchOrgChoices(q))] if q.is_empty()),
        "every organisation is offered: {fx:?}"
    );
    let fx = update(
        &mut staff,
        Action::Tickets(TicketsMsg::OrgChoices {
            query: String::new(),
            result: Ok(vec![portico_shared::OrganizationRef {
                id: 1,
                name: "Northwind Traders".into(),
            }]),
        }),
    );
    assert!(matches!(
        &fx[..],
        [Effect::Tickets(TicketsEffect::FetchContacts(1))]
    ));
    update(
        &mut staff,
        Action::Tickets(TicketsMsg::Contacts {
            org: 1,
            result: Ok(vec![fixtures::person(10, "Ana Lima")]),
        }),
    );
    // Without a subject nothing is sent.
    let fx = key_with(&mut staff, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    // With Ana alone (↓ on "With"), a subject and a message.
    key(&mut staff, KeyCode::Tab);
    key(&mut staff, KeyCode::Down);
    key(&mut staff, KeyCode::Tab);
    typed(&mut staff, "Your renewal");
    key(&mut staff, KeyCode::Tab);
    typed(&mut staff, "Shall we talk?");
    let fx = key_with(&mut staff, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Conversations(ConversationsEffect::Create(n))]
            if n.subject == "Your renewal" && n.body == "Shall we talk?"
                && n.organization_id == Some(1) && n.participant_ids == [10]),
        "{fx:?}"
    );
}

#[test]
fn staff_start_a_thread_with_several_contacts_added_with_space() {
    use portico::screens::conversations::msg::ConversationsEffect;
    use portico::screens::tickets::msg::TicketsMsg;
    let mut staff = fixtures::conversations_app(Role::Agent, (100, 30));
    key(&mut staff, KeyCode::Char('n'));
    update(
        &mut staff,
        Action::Tickets(TicketsMsg::OrgChoices {
            query: String::new(),
            result: Ok(vec![portico_shared::OrganizationRef {
                id: 1,
                name: "Northwind Traders".into(),
            }]),
        }),
    );
    update(
        &mut staff,
        Action::Tickets(TicketsMsg::Contacts {
            org: 1,
            result: Ok(vec![
                fixtures::person(10, "Ana Lima"),
                fixtures::person(11, "Ben Okafor"),
                fixtures::person(12, "Cleo Diaz"),
            ]),
        }),
    );
    // On "With": Ana added, Ben shown and added, Cleo added and taken out.
    key(&mut staff, KeyCode::Tab);
    key(&mut staff, KeyCode::Down);
    key(&mut staff, KeyCode::Char(' '));
    key(&mut staff, KeyCode::Down);
    key(&mut staff, KeyCode::Char(' '));
    key(&mut staff, KeyCode::Down);
    key(&mut staff, KeyCode::Char(' '));
    key(&mut staff, KeyCode::Char(' '));
    let Modal::Compose(c) = &staff.modal else {
        panic!("{:?}", staff.modal)
    };
    assert_eq!(
        c.for_whom.as_ref().unwrap().with_names(),
        ["Ana Lima", "Ben Okafor"]
    );
    assert!(
        c.subject.is_empty(),
        "Space adds a contact; it is not typed"
    );
    key(&mut staff, KeyCode::Tab);
    typed(&mut staff, "Kick-off");
    key(&mut staff, KeyCode::Tab);
    typed(&mut staff, "Both of you, please.");
    let fx = key_with(&mut staff, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Conversations(ConversationsEffect::Create(n))]
            if n.participant_ids == [10, 11]),
        "{fx:?}"
    );
}

/// An admin views the app as Ana: `V` on her asks for the view, the view's
/// `/me` becomes the whole session, and `V` (or signing out) leaves it.
#[test]
fn an_admin_views_as_a_contact_and_leaves_the_view() {
    let mut app = fixtures::admin_app();
    let fx = key(&mut app, KeyCode::Char('V'));
    assert!(matches!(fx[..], [Effect::ViewAs(10)]), "{fx:?}");
    // Pat has not joined: there is nobody to look through.
    key(&mut app, KeyCode::Down);
    assert!(key(&mut app, KeyCode::Char('V')).is_empty());
    let refused = app.status.as_ref().unwrap().text.clone();
    assert!(refused.contains("active client"), "{refused}");
    let mut ana = fixtures::me(Role::Client);
    ana.viewed_by = Some(fixtures::person(3, "Ada Admin"));
    update(&mut app, Action::Viewed(Ok(Box::new(ana))));
    assert_eq!(app.screen, Screen::Dashboard);
    assert_eq!(app.session.me.as_ref().unwrap().user.name, "Ana Lima");
    assert!(!app.is_admin(), "the view is Ana's, not the admin's");
    let fx = key(&mut app, KeyCode::Char('V'));
    assert!(matches!(fx[..], [Effect::EndView]), "{fx:?}");
    // Signing out of the view only leaves the view.
    let fx = update(&mut app, Action::Cmd(portico::shell::msg::Cmd::Palette));
    assert!(fx.is_empty());
    app.modal = Modal::Confirm(portico::shell::model::Confirm {
        question: "Sign out?".into(),
        then: portico::shell::model::Pending::Logout,
        back: None,
    });
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(matches!(fx[..], [Effect::EndView]), "{fx:?}");
}

/// Turning two-factor sign-in on from the account screen: `e` asks for a
/// secret, the QR shows, `e` again asks for the code, and a right code
/// shows the recovery codes once.
#[test]
fn two_factor_is_turned_on_from_the_account_screen() {
    use portico::screens::account::msg::{AccountEffect, AccountMsg};
    let mut app = fixtures::app(Role::Client, 0, (100, 40));
    key(&mut app, KeyCode::Char('S'));
    assert_eq!(app.screen, Screen::Account);
    let fx = key(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(fx[..], [Effect::Account(AccountEffect::Enroll)]),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Account(AccountMsg::Enrolment(Ok(portico_shared::TotpEnrollment {
            secret: "JBSWY3DPEHPK3PXP".into(),
            otpauth_url: "otpauth://totp/Portico:ana?secret=JBSWY3DPEHPK3PXP".into(),
        }))),
    );
    assert!(
        matches!(app.modal, Modal::None),
        "the QR code is read first"
    );
    key(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.modal, Modal::Form(_)));
    typed(&mut app, "123456");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Account(AccountEffect::Confirm(c))] if c == "123456"),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Account(AccountMsg::Confirmed(Ok(portico_shared::RecoveryCodes {
            codes: vec!["abcde-12345".into(), "fghij-67890".into()],
        }))),
    );
    let Modal::Notice(n) = &app.modal else {
        panic!("the recovery codes are shown")
    };
    assert!(n.lines.iter().any(|l| l.contains("abcde-12345")));
    assert!(app.session.me.as_ref().unwrap().two_factor);
    assert!(app.session.account.enrolment.is_none());
}

/// A person a second factor is required of lands on the account screen
/// with enrolment begun, and nothing else is fetched.
#[test]
fn a_person_held_at_enrolment_is_led_to_it() {
    use portico::screens::account::msg::AccountEffect;
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    let mut me = fixtures::me(Role::Client);
    me.two_factor_required = true;
    let fx = update(&mut app, Action::Me(Ok(Box::new(me))));
    assert_eq!(app.screen, Screen::Account);
    assert!(
        matches!(fx[..], [Effect::Account(AccountEffect::Enroll)]),
        "{fx:?}"
    );
}

#[test]
fn the_knowledge_base_searches_as_you_type_and_opens_an_article() {
    use portico::screens::knowledge::msg::{KnowledgeEffect, KnowledgeMsg};
    let mut app = fixtures::kb_app(Role::Client, (100, 30));
    assert_eq!(app.screen, Screen::Knowledge);
    assert_eq!(
        app.session.knowledge.list.categories,
        ["Accounts", "Guides", "Hardware"]
    );
    // `/` gives the keys to the search line; each change asks again, and
    // an answer to an older query is dropped.
    key(&mut app, KeyCode::Char('/'));
    let first = key(&mut app, KeyCode::Char('p'));
    let fx = key(&mut app, KeyCode::Char('w'));
    let [
        Effect::Knowledge(KnowledgeEffect::FetchArticles {
            generation, query, ..
        }),
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(query.q.as_deref(), Some("pw"));
    let [
        Effect::Knowledge(KnowledgeEffect::FetchArticles {
            generation: old, ..
        }),
    ] = &first[..]
    else {
        panic!("{first:?}")
    };
    let generation = *generation;
    let page = |items| Page {
        items,
        next_cursor: None,
    };
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Articles {
            generation: *old,
            append: false,
            result: Ok(page(vec![fixtures::article(9, "Stale", "")])),
        }),
    );
    assert!(app.session.knowledge.list.items.is_empty(), "stale answer");
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Articles {
            generation,
            append: false,
            result: Ok(page(vec![fixtures::article(
                2,
                "Resetting your password",
                "Accounts",
            )])),
        }),
    );
    assert_eq!(app.session.knowledge.list.items.len(), 1);
    // Typed letters are text here, not commands: `q` does not quit.
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    assert_eq!(app.session.knowledge.list.query, "pq");
    // Esc clears the search and lists everything again.
    let fx = key(&mut app, KeyCode::Esc);
    assert!(!app.session.knowledge.list.searching);
    assert!(
        matches!(&fx[..], [Effect::Knowledge(KnowledgeEffect::FetchArticles { query, .. })] if query.q.is_none()),
        "{fx:?}"
    );

    // Tab narrows to the first category, and around to all again.
    let fx = key(&mut app, KeyCode::Tab);
    assert!(
        matches!(&fx[..], [Effect::Knowledge(KnowledgeEffect::FetchArticles { query, .. })] if query.category.as_deref() == Some("Accounts")),
        "{fx:?}"
    );
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.session.knowledge.list.category, None);

    // Enter opens the article under the cursor; it scrolls and Esc goes back.
    let generation = app.session.knowledge.list.generation;
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Articles {
            generation,
            append: false,
            result: Ok(page(vec![fixtures::article(
                3,
                "Printer troubleshooting",
                "Hardware",
            )])),
        }),
    );
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Article);
    assert!(matches!(
        &fx[..],
        [Effect::Knowledge(KnowledgeEffect::FetchArticle(3))]
    ));
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Article(Ok(Box::new(fixtures::article(
            3,
            "Printer troubleshooting",
            "Hardware",
        ))))),
    );
    update(&mut app, Action::Resize(100, 8));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.session.knowledge.article.as_ref().unwrap().scroll, 1);
    key(&mut app, KeyCode::End);
    let max = app.session.knowledge.article.as_ref().unwrap().scroll;
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.session.knowledge.article.as_ref().unwrap().scroll,
        max,
        "no further"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Knowledge);
}

#[test]
fn knowledge_base_and_reports_open_only_for_whom_they_are() {
    use portico::screens::reports::msg::ReportsEffect;
    // A client without the module is told why.
    let mut app = fixtures::app(Role::Client, 5, (100, 30));
    let fx = key(&mut app, KeyCode::Char('K'));
    assert!(fx.is_empty());
    assert_ne!(app.screen, Screen::Knowledge);
    assert!(app.status.as_ref().unwrap().text.contains("not enabled"));
    // Reports are staff's: the key is not a client's at all.
    assert!(map_key(&app, KeyEvent::new(KeyCode::Char('E'), KeyModifiers::NONE)).is_none());
    // Staff open the last eight weeks, and `[` moves a span back.
    let mut staff = fixtures::app(Role::Agent, 5, (100, 30));
    let fx = key(&mut staff, KeyCode::Char('E'));
    assert_eq!(staff.screen, Screen::Reports);
    let [Effect::Reports(ReportsEffect::Fetch(q))] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!((q.to - q.from).get_days(), 55);
    let to = q.to;
    let fx = key(&mut staff, KeyCode::Char('['));
    let [Effect::Reports(ReportsEffect::Fetch(q))] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!((to - q.to).get_days(), 56);
    assert!(matches!(staff.session.reports.report, Load::Loading));
}

#[test]
fn a_client_opens_a_ticket_from_a_support_form_offered_by_the_new_ticket_editor() {
    use portico::screens::knowledge::msg::{KnowledgeEffect, KnowledgeMsg};
    use portico::widgets::form::Purpose;
    let mut app = fixtures::app(Role::Client, 5, (100, 30));
    // `n` opens the editor at once and asks for the client's forms.
    let fx = key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.modal, Modal::Compose(_)));
    assert!(
        matches!(&fx[..], [Effect::Knowledge(KnowledgeEffect::FetchForms)]),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Forms(Ok(vec![
            fixtures::support_form(4, "General question"),
            fixtures::support_form(7, "Incident report"),
        ]))),
    );
    // Text typed would be lost: ^F refuses until the editor is empty.
    typed(&mut app, "x");
    key_with(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(matches!(app.modal, Modal::Compose(_)));
    assert!(app.status.as_ref().unwrap().text.contains("clear it first"));
    key(&mut app, KeyCode::Backspace);
    key_with(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    let Modal::Form(d) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert!(matches!(d.purpose, Purpose::PickSupportForm { .. }));
    // The second form, then its own fields.
    key(&mut app, KeyCode::Right);
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    let Modal::Form(d) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert_eq!(d.purpose, Purpose::SupportForm { id: 7 });
    assert_eq!(d.title, "New ticket · Incident report");
    // The required choice is checked before anything is sent.
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(fx.is_empty());
    let Modal::Form(d) = &app.modal else { panic!() };
    assert!(d.rows[1].error.is_some(), "{:?}", d.rows[1]);
    assert_eq!(d.focus, 1, "on the field in error");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::BackTab);
    typed(&mut app, "Shop down");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "No orders");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Knowledge(KnowledgeEffect::SubmitForm { id: 7, submission })] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(submission.subject.as_deref(), Some("Shop down"));
    assert_eq!(
        serde_json::to_value(&submission.values).unwrap(),
        serde_json::json!({"system": "Website", "impact": "No orders"})
    );
    // A refusal lands on its field; the form stays.
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Submitted(Err(Failure::field(
            "values.system",
            "is not one of the options",
        )))),
    );
    let Modal::Form(d) = &app.modal else { panic!() };
    assert!(!d.sending);
    assert_eq!(
        d.rows[1].error.as_deref(),
        Some("is not one of the options")
    );
    // Accepted: the form closes and the ticket list is fetched again.
    let mut made = ticket(99);
    made.subject = "Shop down".into();
    let fx = update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Submitted(Ok(Box::new(made)))),
    );
    assert!(matches!(app.modal, Modal::None));
    assert!(app.status.as_ref().unwrap().text.contains("#99 opened"));
    assert!(matches!(&fx[..], [Effect::Tickets(_)]), "{fx:?}");
}

#[test]
fn a_live_sla_breach_updates_the_row_and_says_so() {
    let mut app = staff_app();
    let mut late = app.session.tickets.list.items[2].clone();
    late.sla.first_response_breached = true;
    late.sla.seconds_left = Some(-60);
    let id = late.id;
    update(
        &mut app,
        Action::Live(Live::Event(Box::new(Event {
            id: 8,
            kind: "sla.breached".into(),
            ticket: Some(late),
            message: None,
        }))),
    );
    let row = app
        .session
        .tickets
        .list
        .items
        .iter()
        .find(|t| t.id == id)
        .unwrap();
    assert!(row.sla.first_response_breached);
    assert_eq!(row.sla.seconds_left, Some(-60));
    let status = &app.status.as_ref().unwrap().text;
    assert!(
        status.contains(&format!("SLA breached on #{id}")),
        "{status}"
    );
}

#[test]
fn enter_opens_a_task_whose_files_download_and_whose_assignee_hands_one_over() {
    let mut app = fixtures::tasks_app(Role::Client, (100, 30));
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Task);
    assert!(
        matches!(&fx[..], [Effect::Projects(ProjectsEffect::FetchTask(1))]),
        "{fx:?}"
    );
    // Before the whole task comes there are no files to download.
    assert!(key(&mut app, KeyCode::Char('D')).is_empty());
    let mut whole = fixtures::tasks().remove(0);
    whole.attachments = vec![
        fixtures::attachment(70, "plan.pdf", 2048),
        fixtures::attachment(71, "notes\u{1b}[2J.txt", 10),
    ];
    update(
        &mut app,
        Action::Projects(ProjectsMsg::Task(Ok(Box::new(whole)))),
    );
    let open = app.session.projects.task.as_ref().unwrap();
    let names: Vec<&str> = open
        .task
        .ready()
        .unwrap()
        .attachments
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert!(
        !names[1].contains('\u{1b}'),
        "file names are made safe: {names:?}"
    );
    key(&mut app, KeyCode::Down);
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::Thread(portico::screens::thread::msg::ThreadEffect::Download(a))] if a.id == 71),
        "{fx:?}"
    );
    // Ana is the assignee: `u` asks for a path and sends it to this task.
    key(&mut app, KeyCode::Char('u'));
    assert!(matches!(app.modal, Modal::Form(_)));
    typed(&mut app, "/tmp/signed.pdf");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Projects(ProjectsEffect::AttachToTask { task: 1, path })] if path.to_str() == Some("/tmp/signed.pdf")),
        "{fx:?}"
    );
    // The server's answer closes the form and shows the third file.
    let mut after = fixtures::tasks().remove(0);
    after.attachments = vec![
        fixtures::attachment(70, "plan.pdf", 2048),
        fixtures::attachment(71, "notes.txt", 10),
        fixtures::attachment(72, "signed.pdf", 99),
    ];
    update(
        &mut app,
        Action::Projects(ProjectsMsg::HandedOver(Ok(Box::new(after)))),
    );
    assert!(matches!(app.modal, Modal::None));
    let open = app.session.projects.task.as_ref().unwrap();
    assert_eq!(open.task.ready().unwrap().attachments.len(), 3);
    assert!(app.status.as_ref().unwrap().text.contains("handed over"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Tasks);
    assert!(app.session.projects.task.is_none());
}

#[test]
fn only_the_assignee_or_staff_hand_over_a_tasks_files() {
    let mut app = fixtures::tasks_app(Role::Client, (100, 30));
    // The third task is Ben's, not Ana's.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Task);
    key(&mut app, KeyCode::Char('u'));
    assert!(matches!(app.modal, Modal::None));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Only the person")
    );
}
#[test]
fn mail_status_opens_from_administration_and_the_palette_for_admins_only() {
    use portico::screens::mail::msg::MailEffect;
    use portico::shell::msg::Cmd;
    let mut admin = fixtures::app(Role::Admin, 5, (100, 30));
    key(&mut admin, KeyCode::Char('A'));
    assert_eq!(admin.screen, Screen::Admin);
    let fx = key(&mut admin, KeyCode::Char('s'));
    assert_eq!(admin.screen, Screen::Mail);
    assert!(
        matches!(&fx[..], [Effect::Mail(MailEffect::Fetch)]),
        "{fx:?}"
    );
    // ^R loads it again; Esc goes back to Administration.
    let fx = update(&mut admin, Action::Cmd(Cmd::Retry));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Mail(MailEffect::Fetch))),
        "{fx:?}"
    );
    key(&mut admin, KeyCode::Esc);
    assert_eq!(admin.screen, Screen::Admin);
    // The palette names it for admins, not for agents; an agent asking is told why.
    use portico::shell::palette::{Has, matching_for};
    let admin_has = Has {
        admin: true,
        ..Has::default()
    };
    assert_eq!(matching_for("mail", true, admin_has)[0].name, "mail");
    assert!(matching_for("mail", true, Has::default()).is_empty());
    let mut agent = fixtures::app(Role::Agent, 5, (100, 30));
    let fx = update(&mut agent, Action::Cmd(Cmd::MailStatus));
    assert!(fx.is_empty());
    assert_ne!(agent.screen, Screen::Mail);
    assert!(
        agent
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("administrators"),
        "{:?}",
        agent.status
    );
}
