//! `update` transitions, driven through the real key table.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico::action::{Action, Effect, Failure, Live, Mouse};
use portico::app::{App, Load, Modal, Screen};
use portico::fixtures::{self, ticket};
use portico::input::{help_for, map_key};
use portico::update::update;
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
        Action::Staff(Ok(vec![
            fixtures::person(1, "Ada Admin"),
            fixtures::person(2, "Sam Agent"),
            fixtures::person(3, "Priya Nair"),
        ])),
    );
    app
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
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::FetchTickets { append: false, .. }))
    );
    assert!(fx.iter().any(|e| matches!(e, Effect::StartLive)));
    assert!(fx.iter().any(|e| matches!(e, Effect::FetchStaff)));
    assert_eq!(
        fx.iter()
            .filter(|e| matches!(e, Effect::FetchCount { .. }))
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
        message: "sign in".into(),
        unauthorized: true,
        not_found: false,
    };
    update(&mut app, Action::Saved(Err(ended)));
    assert_eq!(app.screen, Screen::Login);
    assert!(app.me.is_none());
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
    assert_eq!(app.list.selected, 0);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.list.selected, 2);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.list.selected, 1);
    app.list.next_cursor = Some("c1".into());
    let fx = key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.list.selected, 39);
    assert!(
        matches!(&fx[..], [Effect::FetchTickets { append: true, query, .. }] if query.cursor.as_deref() == Some("c1"))
    );
    assert!(app.list.offset > 0, "the cursor stays on screen");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!((app.list.selected, app.list.offset), (0, 0));
}

#[test]
fn answers_for_an_older_query_are_dropped() {
    let mut app = staff_app();
    let stale = app.list.generation;
    key(&mut app, KeyCode::Tab);
    assert!(app.list.generation > stale);
    update(
        &mut app,
        Action::Tickets {
            generation: stale,
            append: false,
            result: Ok(Page {
                items: vec![ticket(999)],
                next_cursor: None,
            }),
        },
    );
    assert!(app.list.items.is_empty());
    assert!(app.list.loading);
}

#[test]
fn one_key_changes_status_or_priority_and_moves_on() {
    let mut app = staff_app();
    let first = app.list.items[0].id;
    let fx = key(&mut app, KeyCode::Char('P'));
    assert!(
        matches!(&fx[..], [Effect::Patch { id, patch }] if *id == first && patch.status == Some(TicketStatus::Pending))
    );
    assert_eq!(app.list.selected, 1);
    let second = app.list.items[1].id;
    let fx = key(&mut app, KeyCode::Char('4'));
    assert!(
        matches!(&fx[..], [Effect::Patch { id, patch }] if *id == second && patch.priority == Some(Priority::Urgent))
    );
    assert_eq!(app.list.selected, 2);
    let third = app.list.items[2].id;
    let fx = key(&mut app, KeyCode::Char('m'));
    assert!(
        matches!(&fx[..], [Effect::Patch { id, patch }] if *id == third && patch.assignee_id == Some(Some(2)))
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
        matches!(&fx[..], [Effect::Patch { patch, .. }] if patch.status == Some(TicketStatus::Closed))
    );
}

#[test]
fn marked_tickets_are_assigned_together_with_a_deadline() {
    let mut app = staff_app();
    let (a, b) = (app.list.items[0].id, app.list.items[1].id);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.list.marks.len(), 2);
    assert!(
        key(&mut app, KeyCode::Char('a')).is_empty(),
        "staff are loaded"
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "+2d");
    let fx = key(&mut app, KeyCode::Enter);
    let Effect::BulkAssign(bulk) = &fx[0] else {
        panic!("{fx:?}")
    };
    assert_eq!(bulk.ticket_ids, vec![a.min(b), a.max(b)]);
    assert_eq!(bulk.assignee_id, 3);
    assert_eq!(bulk.deadline.unwrap().to_string(), "2026-11-22T09:00:00Z");
    assert!(app.list.marks.is_empty());
    assert!(matches!(app.modal, Modal::None));
}

#[test]
fn the_picker_starts_on_the_current_assignee() {
    let mut app = staff_app();
    // Fixture tickets whose id is a multiple of 3 belong to Sam (id 2, second in the list).
    let at = app.list.items.iter().position(|t| t.id % 3 == 0).unwrap();
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
    assert!(matches!(&fx[..], [Effect::Patch { patch, .. }]
        if patch.deadline.unwrap().unwrap().to_string() == "2026-12-01T17:00:00Z" && patch.assignee_id.is_none()));
}

#[test]
fn live_tickets_appear_and_the_cursor_stays_put() {
    let mut app = staff_app();
    key(&mut app, KeyCode::Down);
    let under_cursor = app.list.current().unwrap().id;
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
    assert_eq!(app.list.items[0].id, 500);
    assert_eq!(app.list.items[0].subject, "Printer on fire");
    assert_eq!(app.list.current().unwrap().id, under_cursor);
    assert!(app.status.as_ref().unwrap().text.contains("#500"));
}

#[test]
fn an_open_thread_grows_with_live_messages_and_replies() {
    let mut app = staff_app();
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Detail);
    let thread = app
        .detail
        .as_ref()
        .unwrap()
        .ticket
        .ready()
        .unwrap()
        .thread_id;
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::FetchMessages(t) if *t == thread))
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::MarkRead(t) if *t == thread))
    );
    update(
        &mut app,
        Action::Messages {
            thread,
            result: Ok(Page {
                items: vec![],
                next_cursor: None,
            }),
        },
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
    assert!(matches!(&fx[..], [Effect::MarkRead(_)]));
    let shown = |app: &App| app.detail.as_ref().unwrap().messages.ready().unwrap().len();
    assert_eq!(shown(&app), 1);

    // A reply: write, send, and it joins the thread.
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "On it.");
    let fx = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(&fx[..], [Effect::Post { thread: t, message }] if *t == thread && message.body == "On it." && !message.internal)
    );
    let sent = fixtures::message(2, thread, fixtures::person(2, "Sam Agent"), "On it.", false);
    update(&mut app, Action::Posted(Ok(Box::new(sent))));
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
    assert!(matches!(&fx[..], [Effect::Post { message, .. }] if message.internal));

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
    let generation = app.list.generation;
    update(
        &mut app,
        Action::Tickets {
            generation,
            append: false,
            result: Err(Failure::new("cannot reach the server")),
        },
    );
    let status = app.status.as_ref().unwrap();
    assert_eq!(status.text, "cannot reach the server");
    assert_eq!(status.retry.len(), 1);
    let fx = key_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(matches!(&fx[..], [Effect::FetchTickets { .. }]));
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
        matches!(&fx[..], [Effect::FetchTickets { query, .. }] if query.view == Some(portico_shared::TicketView::Overdue))
    );
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "vpn");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&fx[..], [Effect::FetchTickets { query, .. }] if query.q.as_deref() == Some("vpn"))
    );
}

#[test]
fn the_mouse_selects_then_opens() {
    let mut app = staff_app();
    let row = portico::ui::list_rows_area(app.size).y + 2;
    update(&mut app, Action::Mouse(Mouse::Click { column: 10, row }));
    assert_eq!(app.list.selected, 2);
    assert_eq!(app.screen, Screen::Tickets);
    update(&mut app, Action::Mouse(Mouse::ScrollDown));
    assert_eq!(app.list.selected, 3);
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
    update(&mut app, Action::Ticket(Ok(Box::new(evil))));
    let t = app.list.items.iter().find(|t| t.id == 1).unwrap();
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
        matches!(&fx[..], [Effect::Create(t)] if t.subject == "Coffee machine leaks" && t.body == "Water everywhere.")
    );
    let mut created = ticket(77);
    created.subject = "Coffee machine leaks".into();
    created.status = TicketStatus::New;
    update(&mut app, Action::Created(Ok(Box::new(created))));
    assert!(matches!(app.modal, Modal::None));
    assert_eq!(app.list.items[0].id, 77);
    // A refusal keeps the text to try again.
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "Again");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "x");
    key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    update(
        &mut app,
        Action::Created(Err(Failure::new("subject: too long"))),
    );
    let Modal::Compose(c) = &app.modal else {
        panic!("the editor closed")
    };
    assert!(!c.sending);
    assert_eq!(c.subject, "Again");
}
