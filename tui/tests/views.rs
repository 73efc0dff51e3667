//! Every view drawn on a `TestBackend`: insta snapshots of the text, and
//! direct assertions on the styles snapshots cannot see.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portico::fixtures::{self, attachment, message, person};
use portico::input::map_key;
use portico::load::Load;
use portico::screens::login::DemoAccount;
use portico::screens::orders::msg::OrdersMsg;
use portico::screens::thread::msg::ThreadMsg;
use portico::screens::tickets::msg::TicketsEffect;
use portico::screens::tickets::msg::TicketsMsg;
use portico::screens::timesheets::msg::TimesheetsMsg;
use portico::shell::model::{App, Screen};
use portico::shell::msg::Action;
use portico::shell::update::update;
use portico::shell::view as ui;
use portico_shared::{Page, Role};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The cursor's mark: reverse video in the accent colour, so it shows
/// without colour too.
fn selected(cell: &ratatui::buffer::Cell) -> bool {
    cell.fg == Color::Rgb(0xff, 0x88, 0x00) && cell.modifier.contains(Modifier::REVERSED)
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) {
    let a = map_key(app, KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
    update(app, a);
}

fn staff() -> App {
    let mut app = fixtures::app(Role::Agent, 60, (100, 30));
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Staff(Ok(vec![
            person(1, "Ada Admin"),
            person(2, "Sam Agent"),
        ]))),
    );
    app
}

/// A staff member looking at ticket 60 with a reply, an internal note and a file.
fn detail() -> App {
    let mut app = staff();
    press(&mut app, KeyCode::Enter);
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
    let mut reply = message(
        1,
        thread,
        person(2, "Sam Agent"),
        "Which model is it?",
        false,
    );
    reply.attachments = vec![attachment(9, "printer-log.txt", 2048)];
    let note = message(
        2,
        thread,
        person(2, "Sam Agent"),
        "Second time this month.",
        true,
    );
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread,
            result: Ok(Page {
                items: vec![reply, note],
                next_cursor: None,
            }),
        }),
    );
    app
}

#[test]
fn login_screen_joining_with_an_invite_code() {
    let mut app = App::new("http://127.0.0.1:8080", fixtures::now(), (100, 30));
    app.branding = Load::Ready(fixtures::branding());
    app.login.toggle_mode();
    app.login.code = "K7Q-2RM".into();
    app.login.password = "a long new password".into();
    app.login.focus = portico::screens::login::LoginField::Repeat;
    let screen = text(&draw(&app));
    assert!(screen.contains("Join Acme"), "{screen}");
    assert!(screen.contains("K7Q-2RM"));
    assert!(
        !screen.contains("a long new password"),
        "passwords are masked"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn login_screen_asking_for_the_second_factor() {
    let mut app = App::new("http://127.0.0.1:8080", fixtures::now(), (100, 30));
    app.branding = Load::Ready(fixtures::branding());
    app.login.email = "ana@northwind.example".into();
    app.login.ask_code("ch-1".into());
    app.login.totp = "1234".into();
    let screen = text(&draw(&app));
    assert!(screen.contains("Code  1234"), "{screen}");
    assert!(screen.contains("authenticator"));
    insta::assert_snapshot!(screen);
}

#[test]
fn login_screen() {
    let mut app = App::new("http://127.0.0.1:8080", fixtures::now(), (100, 30));
    app.branding = Load::Ready(fixtures::branding());
    app.login.demo = vec![DemoAccount {
        label: "staff: Sam Agent".into(),
        email: "sam@portico.example".into(),
        password: "pw".into(),
    }];
    app.login.email = "sam@portico.example".into();
    app.login.password = "secret".into();
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    // The focused field carries the accent colour.
    let s = text(&buf);
    let y = s.lines().position(|l| l.contains("E-mail")).unwrap() as u16;
    let x = s.lines().nth(y as usize).unwrap().find("sam@").unwrap() as u16;
    assert_eq!(buf[(x, y)].bg, Color::Rgb(0xff, 0x88, 0x00));
    assert!(!s.contains("secret"), "the password is masked");
}

/// Another account signs in (the demo's switch, or after signing out): the
/// first account's session goes whole, and until the second one's answers
/// come nothing of the first is drawn.
#[test]
fn switching_accounts_draws_nothing_of_the_first() {
    for sign_out_first in [false, true] {
        let mut app = staff();
        let mut secret = fixtures::ticket(7);
        secret.subject = "Sam's own secret ticket".into();
        // Waiting and unread: the client's dashboard would list it too.
        secret.status = portico_shared::TicketStatus::Pending;
        secret.unread_count = 1;
        update(
            &mut app,
            Action::Tickets(TicketsMsg::Mine(Ok(Page {
                items: vec![secret],
                next_cursor: None,
            }))),
        );
        app.screen = Screen::Dashboard;
        let before = text(&draw(&app));
        assert!(before.contains("Sam's own secret ticket"), "{before}");
        if sign_out_first {
            update(&mut app, Action::LoggedOut);
        }
        update(
            &mut app,
            Action::Me(Ok(Box::new(fixtures::me(Role::Client)))),
        );
        for screen in [Screen::Dashboard, Screen::Tickets] {
            app.screen = screen;
            let s = text(&draw(&app));
            assert!(s.contains("Ana Lima"), "{s}");
            for first in ["Sam", "secret", "Ticket number", "Unassigned"] {
                assert!(
                    !s.contains(first),
                    "{first:?} of the first account drawn:\n{s}"
                );
            }
        }
    }
}

#[test]
fn dashboard_staff() {
    let mut app = staff();
    app.screen = Screen::Dashboard;
    for slot in 0..3 {
        update(
            &mut app,
            Action::Tickets(TicketsMsg::Count {
                slot,
                result: Ok((slot * 7, slot == 2)),
            }),
        );
    }
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn inbox_staff() {
    let mut app = staff();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('x'));
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let rows = portico::shell::layout::list_rows_area(app.size);
    // Row 1 was marked and the cursor moved on to row 2.
    assert_eq!(app.session.tickets.list.selected, 2);
    let selected_y = rows.y + app.session.tickets.list.selected as u16;
    assert!(selected(&buf[(10, selected_y)]));
    assert!(buf[(10, selected_y)].modifier.contains(Modifier::BOLD));
    assert_eq!(
        buf[(10, rows.y + 1)].fg,
        Color::Yellow,
        "marked rows are yellow"
    );
    assert_eq!(buf[(10, rows.y)].bg, Color::Reset, "other rows are plain");
    assert!(!selected(&buf[(10, rows.y)]));
}

#[test]
fn inbox_small_terminal() {
    let mut app = fixtures::app(Role::Agent, 60, (80, 24));
    app.size = (80, 24);
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    // Columns go by rank: at 80 the subject, status and assignee stay.
    let header = s.lines().nth(2).unwrap();
    for title in ["Subject", "Status", "Assignee"] {
        assert!(header.contains(title), "{title} missing at 80: {header}");
    }
    assert!(!header.contains("Organisation"), "{header}");
}

#[test]
fn the_most_important_columns_stay_at_every_width() {
    for width in [60, 70, 80, 100, 140] {
        let mut app = fixtures::app(Role::Agent, 20, (width, 24));
        app.size = (width, 24);
        let s = text(&draw(&app));
        let header = s.lines().nth(2).unwrap();
        for title in ["Subject", "Status", "Assignee"] {
            assert!(
                header.contains(title),
                "{title} missing at {width}: {header}"
            );
        }
        // Nothing runs past the right edge: the last column's title is whole.
        let last = header.split_whitespace().last().unwrap();
        assert!(
            ["Msgs", "Assignee", "Deadline", "Priority", "Status"].contains(&last),
            "at {width}: {header}"
        );
    }
    let mut app = fixtures::app(Role::Agent, 20, (140, 24));
    app.size = (140, 24);
    assert!(
        text(&draw(&app)).contains("Organisation"),
        "wide enough for all"
    );
}

#[test]
fn no_color_draws_without_colour_and_the_cursor_row_in_reverse_video() {
    let mut app = staff();
    app.no_color = true;
    let buf = draw(&app);
    for cell in &buf.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let y = portico::shell::layout::list_rows_area(app.size).y
        + app.session.tickets.list.selected as u16;
    assert!(buf[(10, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(10, y + 1)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn inbox_loading_before_any_answer() {
    let mut app = App::new("http://x", fixtures::now(), (100, 30));
    update(
        &mut app,
        Action::Me(Ok(Box::new(fixtures::me(Role::Agent)))),
    );
    app.screen = Screen::Tickets;
    let s = text(&draw(&app));
    assert!(s.contains("Loading…"), "{s}");
}

#[test]
fn client_ticket_list() {
    let app = fixtures::app(Role::Client, 12, (100, 30));
    let s = text(&draw(&app));
    assert!(!s.contains("Organisation"));
    insta::assert_snapshot!(s);
}

#[test]
fn ticket_detail() {
    let app = detail();
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let s = text(&buf);
    let y = s.lines().position(|l| l.contains("INTERNAL NOTE")).unwrap() as u16;
    let x = s.lines().nth(y as usize).unwrap().find("INTERNAL").unwrap() as u16;
    assert_eq!(buf[(x, y)].bg, Color::Yellow, "internal notes are marked");
}

#[test]
fn ticket_detail_attachments_pane() {
    let mut app = detail();
    press(&mut app, KeyCode::Tab);
    let buf = draw(&app);
    let s = text(&buf);
    let y = s
        .lines()
        .position(|l| l.contains(" printer-log.txt (2.0 KB)") && !l.contains('⎘'))
        .unwrap() as u16;
    assert!(selected(&buf[(3, y)]), "the chosen file is highlighted");
    insta::assert_snapshot!(s);
}

#[test]
fn files_sent_with_the_ticket_show_with_its_text_and_lead_the_pane() {
    let mut app = detail();
    if let Some(Load::Ready(t)) = app.session.tickets.detail.as_mut().map(|d| &mut d.ticket) {
        t.attachments = vec![attachment(8, "screenshot.png", 1000)];
    }
    // Under the ticket's opening text, before the first reply.
    let s = text(&draw(&app));
    let file = s
        .find("⎘ screenshot.png (1000 B)")
        .expect("shown with the body");
    assert!(file < s.find("Which model is it?").unwrap(), "{s}");
    // First in the pane of files to download.
    press(&mut app, KeyCode::Tab);
    let s = text(&draw(&app));
    let pane = &s[s.find("Attachments").unwrap()..];
    let (own, reply) = (pane.find("screenshot.png"), pane.find("printer-log.txt"));
    assert!(own.unwrap() < reply.unwrap(), "{s}");
}

#[test]
fn help_overlay() {
    let mut app = staff();
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn command_palette() {
    let mut app = staff();
    press(&mut app, KeyCode::Char(':'));
    press(&mut app, KeyCode::Char('o'));
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn assign_picker() {
    let mut app = staff();
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Down);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn compose_new_ticket() {
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    press(&mut app, KeyCode::Char('n'));
    for c in "Printer jam".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in "It jams.".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn compose_new_ticket_for_an_organisation() {
    let mut app = fixtures::app(Role::Agent, 3, (100, 30));
    press(&mut app, KeyCode::Char('n'));
    for c in "north".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    update(
        &mut app,
        Action::Tickets(TicketsMsg::OrgChoices {
            query: "north".into(),
            result: Ok(vec![
                portico_shared::OrganizationRef {
                    id: 1,
                    name: "Northwind Traders".into(),
                },
                portico_shared::OrganizationRef {
                    id: 5,
                    name: "North Pier Café".into(),
                },
            ]),
        }),
    );
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Contacts {
            org: 1,
            result: Ok(vec![fixtures::person(10, "Ana Lima")]),
        }),
    );
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    let screen = text(&draw(&app));
    assert!(screen.contains("Northwind Traders (1 of 2)"), "{screen}");
    assert!(screen.contains("Ana Lima"));
    insta::assert_snapshot!(screen);
}

#[test]
fn the_new_ticket_form_scrolls_its_subject_and_shows_the_servers_errors() {
    let mut app = fixtures::app(Role::Client, 3, (80, 24));
    app.size = (80, 24);
    press(&mut app, KeyCode::Char('n'));
    let subject = format!("{} the very end", "long ".repeat(40));
    for c in subject.chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in "It jams.".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let fx = {
        let action = map_key(
            &app,
            KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
        )
        .unwrap();
        update(&mut app, action)
    };
    assert!(matches!(
        &fx[..],
        [portico::shell::msg::Effect::Tickets(TicketsEffect::Create(
            _
        ))]
    ));
    let refused = portico::failure::Failure {
        fields: vec![
            portico_shared::FieldError::new("subject", "must be at most 200 characters"),
            portico_shared::FieldError::new("body", "must not be empty"),
        ],
        ..portico::failure::Failure::new("some fields are not valid")
    };
    update(&mut app, Action::Tickets(TicketsMsg::Created(Err(refused))));
    let s = text(&draw(&app));
    let lines: Vec<&str> = s.lines().collect();
    let at = lines.iter().position(|l| l.contains("Subject:")).unwrap();
    // The subject's end shows, and its error is on the row under it.
    assert!(lines[at].contains("the very end"), "{s}");
    assert!(lines[at].contains('…'), "{s}");
    assert!(
        lines[at + 1].contains("✗ must be at most 200 characters"),
        "{s}"
    );
    assert!(s.contains("✗ must not be empty"), "{s}");
    assert!(s.contains("2 fields need attention"), "{s}");
    assert!(
        matches!(app.modal, portico::shell::model::Modal::Compose(_)),
        "the text is kept"
    );
}

#[test]
fn confirm_close() {
    let mut app = staff();
    press(&mut app, KeyCode::Char('C'));
    insta::assert_snapshot!(text(&draw(&app)));
}

/// The text inside the box whose top border carries `title`, its rows
/// joined by spaces.
fn boxed_text(s: &str, title: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let top = lines.iter().position(|l| l.contains(title)).unwrap();
    let mut words = Vec::new();
    for l in &lines[top + 1..] {
        if l.contains('╰') {
            break;
        }
        let inner = l.split('│').nth(1).unwrap_or("");
        words.extend(inner.split_whitespace());
    }
    words.join(" ")
}

#[test]
fn dialogs_wrap_at_80_by_24_and_cut_no_word() {
    let mut app = fixtures::app(Role::Agent, 20, (80, 24));
    app.size = (80, 24);
    press(&mut app, KeyCode::Char('C'));
    let portico::shell::model::Modal::Confirm(c) = &app.modal else {
        panic!("no confirmation")
    };
    let question = c.question.clone();
    let s = text(&draw(&app));
    assert!(
        boxed_text(&s, "Are you sure?").contains(&question),
        "{question:?} cut:\n{s}"
    );
}

#[test]
fn error_status_line_offers_retry() {
    let mut app = staff();
    let generation = app.session.tickets.list.generation;
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Tickets {
            generation,
            append: false,
            result: Err(portico::failure::Failure::new("cannot reach the server")),
        }),
    );
    let buf = draw(&app);
    let s = text(&buf);
    let last = s.lines().nth(29).unwrap();
    assert!(
        last.contains("✗ cannot reach the server") && last.contains("^R retry"),
        "{last}"
    );
    assert_eq!(buf[(3, 29)].fg, Color::Red);
}

#[test]
fn large_terminal() {
    let mut app = detail();
    app.size = (200, 60);
    let s = text(&draw(&app));
    assert!(s.contains("INTERNAL NOTE"));
    let mut app = staff();
    app.size = (200, 60);
    let s = text(&draw(&app));
    assert!(
        s.contains("Organisation"),
        "wide terminals show more columns"
    );
}

#[test]
fn nothing_escapes_into_the_buffer() {
    let mut app = detail();
    let mut evil = fixtures::ticket(60);
    evil.subject = "A\u{1b}]52;c;AAAA\u{7}B\u{9b}2JC\u{202e}D".into();
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Ticket(Ok(Box::new(evil)))),
    );
    let buf = draw(&app);
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}')
        );
    }
    assert!(text(&buf).contains("ABCD"));
}

#[test]
fn dashboard_client() {
    let mut app = fixtures::app(Role::Client, 6, (100, 30));
    app.screen = Screen::Dashboard;
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Count {
            slot: 0,
            result: Ok((6, false)),
        }),
    );
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn dashboard_client_with_the_organisations_welcome() {
    let mut app = fixtures::app(Role::Client, 6, (100, 30));
    app.screen = Screen::Dashboard;
    if let Some(me) = app.session.me.as_mut() {
        me.welcome =
            Some("Your account manager is Sam (555-0100).\nInvoices go out on the 1st.".into());
    }
    let screen = text(&draw(&app));
    assert!(screen.contains("Your account manager is Sam (555-0100)."));
    assert!(screen.contains("Invoices go out on the 1st."));
    insta::assert_snapshot!(screen);
}

#[test]
fn filter_line() {
    let mut app = fixtures::app(Role::Client, 6, (100, 30));
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('j'));
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn tiny_terminals_do_not_panic() {
    let states: Vec<Box<dyn Fn() -> App>> = vec![
        Box::new(|| {
            let mut a = App::new("http://x", fixtures::now(), (100, 30));
            a.branding = Load::Ready(fixtures::branding());
            a
        }),
        Box::new(|| {
            let mut a = staff();
            a.screen = Screen::Dashboard;
            a
        }),
        Box::new(staff),
        Box::new(detail),
        Box::new(|| {
            let mut a = detail();
            press(&mut a, KeyCode::Char('?'));
            a
        }),
        Box::new(|| {
            let mut a = staff();
            press(&mut a, KeyCode::Char('a'));
            a
        }),
        Box::new(|| {
            let mut a = detail();
            press(&mut a, KeyCode::Char('r'));
            a
        }),
    ];
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        for make in &states {
            let mut app = make();
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

// ---- orders ---------------------------------------------------------------

/// `role` looking at order 4 (in progress at Hamburg) with its items, a
/// deliverable and one reply in its thread.
fn order_screen(role: Role) -> App {
    let mut app = fixtures::orders_app(role, (100, 30));
    let at = app
        .session
        .orders
        .list
        .items
        .iter()
        .position(|o| o.id == 4)
        .unwrap();
    for _ in 0..at {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    let o = app.session.orders.view.as_ref().unwrap().order.clone();
    let thread = o.thread_id;
    update(
        &mut app,
        Action::Orders(OrdersMsg::Order(Ok(Box::new(fixtures::order_detail(o))))),
    );
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread,
            result: Ok(Page {
                items: vec![message(
                    5,
                    thread,
                    person(2, "Sam Agent"),
                    "Wendy starts on Monday.",
                    false,
                )],
                next_cursor: None,
            }),
        }),
    );
    app
}

#[test]
fn orders_list() {
    let app = fixtures::orders_app(Role::Client, (100, 30));
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    assert!(!s.contains("Organisation"), "clients see their own only");
    // The current tab is the accent colour; the cursor row is highlighted.
    let y = portico::shell::layout::list_rows_area(app.size).y;
    assert!(selected(&buf[(3, y)]));
    assert!(!selected(&buf[(3, y + 1)]));
}

#[test]
fn orders_list_filtered_for_staff() {
    let mut app = fixtures::orders_app(Role::Agent, (120, 30));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('l'));
    let s = text(&draw(&app));
    assert!(s.contains("Organisation"), "{s}");
    let tabs = s.lines().nth(1).unwrap();
    assert!(tabs.contains("location: Berlin HQ"), "{tabs}");
    let x = tabs.find("Submitted").unwrap() as u16;
    let buf = draw(&app);
    assert!(
        buf[(x, 1)].modifier.contains(Modifier::UNDERLINED),
        "the status tab in force is underlined"
    );
}

#[test]
fn order_detail_items_and_deliverables() {
    let app = order_screen(Role::Client);
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    // Clients are offered no staff action.
    let actions = s.lines().nth(28).unwrap();
    for staff_only in ["add item", "attach file", "note", "to delivered"] {
        assert!(!actions.contains(staff_only), "{actions}");
    }
    assert!(
        !actions.contains("cancel"),
        "in progress: too late to cancel"
    );
}

#[test]
fn order_detail_staff_actions() {
    let mut app = order_screen(Role::Agent);
    press(&mut app, KeyCode::Tab);
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    let y = s
        .lines()
        .position(|l| l.contains("inventory-count.csv (27 B)"))
        .unwrap() as u16;
    assert!(
        selected(&buf[(3, y)]),
        "the chosen deliverable is highlighted"
    );
    // Moving the order on asks first.
    press(&mut app, KeyCode::Char('>'));
    let s = text(&draw(&app));
    assert!(s.contains("Move ORD-2026-0004 to delivered?"), "{s}");
}

/// A client with the new-order form loaded.
fn order_form() -> App {
    let mut app = fixtures::orders_app(Role::Client, (100, 34));
    press(&mut app, KeyCode::Char('n'));
    assert!(text(&draw(&app)).contains("Loading the order form"));
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrderForm(Ok(
            Box::new(fixtures::staffing_form()),
        ))),
    );
    app
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn send(app: &mut App) {
    let send = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let a = map_key(app, send).unwrap();
    update(app, a);
}

#[test]
fn new_order_form_with_errors() {
    let mut app = order_form();
    typed(&mut app, "Drivers");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "80");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "next week");
    send(&mut app);
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    for (field, error) in [
        ("Role*", "✗ is required"),
        ("How many people?*", "✗ must be at most 50"),
        ("First day*", "✗ must be a date such as 2026-01-31"),
    ] {
        // The error sits under its field (after the hint of the focused one).
        let y = s.lines().position(|l| l.contains(field)).unwrap();
        assert!(
            s.lines().skip(y + 1).take(2).any(|l| l.contains(error)),
            "{field}: {error}\n{s}"
        );
    }
    let y = s
        .lines()
        .position(|l| l.contains("✗ must be at most 50"))
        .unwrap() as u16;
    let x = s.lines().nth(y as usize).unwrap().find('✗').unwrap() as u16;
    assert_eq!(buf[(x, y)].fg, Color::Red);
}

#[test]
fn new_order_form_with_the_servers_errors() {
    let mut app = order_form();
    typed(&mut app, "Drivers");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "3");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "2026-12-01");
    send(&mut app);
    let fail = portico::failure::Failure {
        fields: vec![
            portico_shared::FieldError {
                field: "location_id".into(),
                message: "must be one of your organisation's locations open to you".into(),
            },
            portico_shared::FieldError {
                field: "values.site_plan".into(),
                message: "/tmp/plan.pdf: no such file".into(),
            },
        ],
        ..portico::failure::Failure::new("validation failed (validation)")
    };
    update(&mut app, Action::Orders(OrdersMsg::OrderCreated(Err(fail))));
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(s.contains("✗ 2 fields need attention."), "{s}");
}

#[test]
fn item_form_for_staff() {
    let mut app = order_screen(Role::Agent);
    press(&mut app, KeyCode::Char('e'));
    update(
        &mut app,
        Action::Orders(OrdersMsg::Workers(Ok(vec![person(31, "Walter Worker")]))),
    );
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn order_text_from_the_server_is_cleaned() {
    let mut app = order_screen(Role::Agent);
    let mut evil = fixtures::order_detail(app.session.orders.view.as_ref().unwrap().order.clone());
    evil.order.title = "Drivers\u{1b}]52;c;AAAA\u{7} for\u{9b}2J peak\u{202e}".into();
    evil.items[0].description = "Shift\u{1b}[2J one".into();
    evil.values.insert(
        "notes".into(),
        serde_json::json!("line\u{1b}]0;owned\u{7} one\nline two"),
    );
    evil.deliverables[0].file_name = "report\u{202e}vsc.exe".into();
    update(
        &mut app,
        Action::Orders(OrdersMsg::Order(Ok(Box::new(evil)))),
    );
    let buf = draw(&app);
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}')
        );
    }
    let s = text(&buf);
    assert!(s.contains("Drivers for peak"), "{s}");
    assert!(s.contains("Shift one") && s.contains("line one"), "{s}");
    assert!(s.contains("reportvsc.exe") && !s.contains("owned"), "{s}");
    // The list row took the clean title too.
    assert_eq!(
        app.session
            .orders
            .list
            .items
            .iter()
            .find(|o| o.id == 4)
            .unwrap()
            .title,
        "Drivers for peak"
    );
}

#[test]
fn order_screens_fit_tiny_terminals() {
    let states: Vec<Box<dyn Fn() -> App>> = vec![
        Box::new(|| fixtures::orders_app(Role::Agent, (100, 30))),
        Box::new(|| order_screen(Role::Agent)),
        Box::new(order_form),
        Box::new(|| {
            let mut a = order_screen(Role::Agent);
            press(&mut a, KeyCode::Char('+'));
            a
        }),
    ];
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        for make in &states {
            let mut app = make();
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

// ---- timesheets -----------------------------------------------------------

/// A client approver on Who's working with one worker in each state.
fn working(role: Role) -> App {
    let mut app = fixtures::timesheets_app(role, (100, 20));
    press(&mut app, KeyCode::Char('w'));
    let generation = app.session.timesheets.board.generation;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Shifts {
            generation,
            result: Ok(fixtures::board()),
        }),
    );
    app
}

/// An approver on the week of 2026-11-16.
fn week(role: Role) -> App {
    let mut app = fixtures::timesheets_app(role, (100, 24));
    press(&mut app, KeyCode::Char('T'));
    let generation = app.session.timesheets.week.generation;
    let list = if role == Role::Worker {
        fixtures::own_week()
    } else {
        fixtures::week()
    };
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Timesheets {
            generation,
            result: Ok(list),
        }),
    );
    app
}

/// The column where `text` starts on the line holding `row`.
fn cell_at(buf: &Buffer, row: &str, text_in_row: &str) -> (u16, u16) {
    let s = text(buf);
    let y = s.lines().position(|l| l.contains(row)).unwrap();
    let line = s.lines().nth(y).unwrap();
    let byte = line.find(text_in_row).unwrap();
    let x = line[..byte].chars().count();
    (x as u16, y as u16)
}

#[test]
fn who_is_working() {
    let app = working(Role::Client);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let s = text(&buf);
    // Times at the location (Berlin, UTC+1), the shifts in order of start.
    assert!(line_of(&s, "Wendy Walker").contains("08:00–16:00"), "{s}");
    assert!(s.find("Zoe Zimmer").unwrap() < s.find("Omar Ortiz").unwrap());
    // Late and no-show warn in their colours.
    assert_eq!(buf[cell_at(&buf, "Xena Xu", "late")].fg, Color::Yellow);
    assert_eq!(buf[cell_at(&buf, "Yusuf Young", "no-show")].fg, Color::Red);
    assert_eq!(
        buf[cell_at(&buf, "Wendy Walker", "clocked in")].fg,
        Color::Green
    );
    assert!(s.contains("1 late") && s.contains("1 no-show"), "{s}");
}

fn line_of<'a>(s: &'a str, needle: &str) -> &'a str {
    s.lines().find(|l| l.contains(needle)).unwrap()
}

#[test]
fn who_is_working_follows_a_shift_event() {
    let mut app = working(Role::Client);
    let mut xena = fixtures::board()
        .into_iter()
        .find(|s| s.worker.name == "Xena Xu")
        .unwrap();
    xena.state = portico_shared::ShiftState::ClockedIn;
    xena.clocked_in_at = Some("2026-11-20T09:01:00Z".parse().unwrap());
    xena.worker.name = "Xena\u{1b}[2J Xu".into();
    update(
        &mut app,
        Action::Live(portico::shell::msg::Live::Shift(Box::new(
            portico_shared::ShiftEvent {
                id: 9,
                kind: "shift.updated".into(),
                shift: xena,
            },
        ))),
    );
    let s = text(&draw(&app));
    let row = line_of(&s, "Xena");
    assert!(row.contains("clocked in") && row.contains("10:01"), "{row}");
    assert!(!s.contains('\u{1b}') && !s.contains("[2J"), "{s}");
    assert_eq!(
        app.session.timesheets.board.items.len(),
        6,
        "replaced, not added"
    );
}

#[test]
fn timesheet_week_with_totals() {
    let app = week(Role::Client);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let s = text(&buf);
    assert!(s.contains("Week of Mon 16 Nov – Sun 22 Nov 2026"), "{s}");
    // Wendy: four entries of 8:00, two of them approved.
    let total = s
        .lines()
        .rfind(|l| l.contains("Wendy Walker") && l.contains("entries"))
        .unwrap();
    assert!(
        total.contains("4 entries")
            && total.contains("32:00 worked")
            && total.contains("16:00 approved"),
        "{total}"
    );
    assert!(line_of(&s, "rejected").contains("The break is missing"));
    assert_eq!(buf[cell_at(&buf, "Wed 18 Nov", "rejected")].fg, Color::Red);
    assert!(s.contains("3 to approve"), "{s}");
}

#[test]
fn marked_entries_show_and_count() {
    let mut app = week(Role::Client);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char(' '));
    let s = text(&draw(&app));
    assert!(s.contains("2 marked"), "{s}");
    assert_eq!(s.matches('●').count(), 2, "{s}");
}

#[test]
fn reject_with_reason_modal() {
    let mut app = week(Role::Client);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('r'));
    for c in "Start was 08:00".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(s.contains("Wendy Walker's entry of Fri 20 Nov"), "{s}");
    assert!(s.contains("Reason: Start was 08:00"), "{s}");
    // Sent empty, it asks for a reason instead.
    let mut app = week(Role::Client);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    assert!(text(&draw(&app)).contains("✗ Say why"));
}

/// Wendy at her clock, clocked in since 07:58 UTC.
fn clock_app() -> App {
    let mut app = fixtures::timesheets_app(Role::Worker, (100, 20));
    let shift = fixtures::board()
        .into_iter()
        .find(|s| s.worker.name == "Wendy Walker")
        .unwrap()
        .for_worker();
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
fn worker_clock_view() {
    let app = clock_app();
    assert_eq!(app.screen, Screen::Clock, "a worker starts at the clock");
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let s = text(&buf);
    assert!(line_of(&s, "Shift:").contains("08:00–16:00 (Europe/Berlin)"));
    // The keys that fit a clocked-in shift stand out; clocking in does not.
    let (x, y) = cell_at(&buf, "clock in ·", "b break");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = cell_at(&buf, "clock in ·", "i clock in");
    assert_eq!(buf[(x, y)].fg, Color::DarkGray);
    // The header offers the clock and the week, not tickets or Who's working.
    let header = s.lines().next().unwrap();
    assert!(header.contains("Clock") && header.contains("Timesheets"));
    assert!(!header.contains("Tickets") && !header.contains("Who's working"));
}

#[test]
fn a_refused_clock_action_shows_the_servers_reason() {
    let mut app = clock_app();
    press(&mut app, KeyCode::Char('i'));
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Clocked {
            action: portico_shared::ClockAction::In,
            result: Err(portico::failure::Failure::new(
                "already clocked in to this shift (conflict)",
            )),
        }),
    );
    let s = text(&draw(&app));
    assert!(
        s.contains("✗ Refused: already clocked in to this shift"),
        "{s}"
    );
}

#[test]
fn a_workers_week_shows_reasons_and_their_totals() {
    let app = week(Role::Worker);
    let s = text(&draw(&app));
    assert!(s.contains("Your week"), "{s}");
    assert!(line_of(&s, "rejected").contains("The break is missing"));
    assert!(line_of(&s, "Thu 19 Nov").contains("draft"));
    assert!(!s.contains("to approve"), "{s}");
}

/// Where the week's rejected entry is.
fn rejected_entry(app: &App) -> usize {
    app.session
        .timesheets
        .week
        .items
        .iter()
        .position(|e| e.status == portico_shared::TimesheetStatus::Rejected)
        .unwrap()
}

#[test]
fn a_worker_reads_the_whole_rejection_reason_of_the_selected_entry() {
    let mut app = week(Role::Worker);
    app.size = (80, 24);
    let long = "The break is missing: you worked past six hours, so add the \
                thirty minutes you took at noon and submit the entry again please";
    let at = rejected_entry(&app);
    app.session.timesheets.week.items[at].reason = Some(long.into());
    app.session.timesheets.week.selected = at;
    let s = text(&draw(&app));
    let shown: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.contains("Why it was rejected"))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect();
    assert_eq!(shown.join(" "), long, "{s}");
    // Another entry selected: no reason pane.
    app.session.timesheets.week.selected = (at + 1) % app.session.timesheets.week.items.len();
    assert!(!text(&draw(&app)).contains("Why it was rejected"));
}

/// A worker's rejected entry in its form at 80×24: the whole reason
/// wrapped above the fields, the times in Berlin with the zone named, and
/// the server's error under its field.
#[test]
fn a_workers_entry_form_shows_the_whole_reason_and_the_zone() {
    let mut app = week(Role::Worker);
    app.size = (80, 24);
    let at = rejected_entry(&app);
    app.session.timesheets.week.items[at].reason = Some(
        "The gate log shows 08:20 as the start, and the break is missing: \
         add the thirty minutes you took at noon, then submit it again"
            .into(),
    );
    app.session.timesheets.week.items[at].decided_by = Some(person(10, "Ana Lima"));
    app.session.timesheets.week.selected = at;
    press(&mut app, KeyCode::Char('e'));
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::EntrySaved(Err(
            portico::failure::Failure::field(
                "break_minutes",
                "must be shorter than the time from start to end",
            ),
        ))),
    );
    let s = text(&draw(&app));
    assert!(s.contains("Starts (Europe/Berlin)"), "{s}");
    assert!(
        s.contains("Rejected by Ana Lima") && s.contains("it again"),
        "{s}"
    );
    assert!(
        s.contains("from start to") && s.contains("  end  "),
        "the error whole: {s}"
    );
    insta::assert_snapshot!(s);
}

/// Times on the board and in the week are read at each place, and the tab
/// names the zone, first, so no width cuts it.
#[test]
fn the_board_and_the_week_name_their_zone_at_80_columns() {
    for mut app in [
        working(Role::Client),
        week(Role::Client),
        week(Role::Worker),
    ] {
        app.size = (80, 24);
        let s = text(&draw(&app));
        let tab = s.lines().nth(1).unwrap();
        assert!(tab.contains("· Europe/Berlin "), "{s}");
    }
}

#[test]
fn timesheet_screens_fit_tiny_terminals() {
    let states: Vec<Box<dyn Fn() -> App>> = vec![
        Box::new(|| working(Role::Agent)),
        Box::new(|| week(Role::Client)),
        Box::new(|| week(Role::Worker)),
        Box::new(clock_app),
        Box::new(|| {
            let mut a = week(Role::Client);
            press(&mut a, KeyCode::Char('G'));
            press(&mut a, KeyCode::Char('r'));
            a
        }),
    ];
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        for make in &states {
            let mut app = make();
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

mod admin {
    use super::*;
    use portico::fixtures::{admin_app, user};
    use portico::screens::admin::msg::{AdminMsg, Arrived};
    use portico_shared::{AuditEntry, InviteResponse, UserStatus};

    #[test]
    fn admin_people_and_the_invite_code_notice() {
        let mut app = admin_app();
        update(
            &mut app,
            Action::Admin(AdminMsg::Invited(Ok(Box::new(InviteResponse {
                user: user(13, "Nia", UserStatus::Invited),
                invite_code: "K7Q-2RM-9XZ".into(),
                expires_at: fixtures::now(),
            })))),
        );
        let screen = text(&draw(&app));
        assert!(screen.contains("K7Q-2RM-9XZ"), "{screen}");
        insta::assert_snapshot!(screen);
        press(&mut app, KeyCode::Esc);
        let screen = text(&draw(&app));
        assert!(
            screen.contains("Northwind Traders"),
            "organisations by name"
        );
        assert!(screen.contains("pending"));
        insta::assert_snapshot!("admin_people", screen);
    }

    #[test]
    fn admin_organisations() {
        let mut app = admin_app();
        press(&mut app, KeyCode::Tab);
        if let Some(o) = app.session.admin.orgs.items.first_mut() {
            o.welcome = "Deliveries before 7, please.\nSecond line".into();
        }
        let screen = text(&draw(&app));
        assert!(screen.contains("Deliveries before 7, please."));
        assert!(!screen.contains("Second line"), "one line per organisation");
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn admin_audit_log_and_its_help() {
        let mut app = admin_app();
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
        }
        let generation = app.session.admin.audit.generation;
        let entry = |id, action: &str, target: &str| AuditEntry {
            id,
            at: fixtures::now(),
            actor_id: Some(1),
            actor_email: Some("admin@portico.example".into()),
            action: action.into(),
            target: target.into(),
            ip: "127.0.0.1".into(),
            detail: String::new(),
        };
        update(
            &mut app,
            Action::Admin(AdminMsg::Audit(Arrived {
                generation,
                append: false,
                result: Ok(Page {
                    items: vec![
                        entry(3, "user.remove", "user:12"),
                        entry(2, "invite.create", "user:13"),
                    ],
                    next_cursor: Some("2".into()),
                }),
            })),
        );
        insta::assert_snapshot!("admin_audit_log", text(&draw(&app)));
        // The whole list of keys, in a tall terminal.
        app.size = (100, 50);
        press(&mut app, KeyCode::Char('?'));
        let help = text(&draw(&app));
        for words in [
            "invite a person",
            "readmit",
            "welcome text",
            "sign out everywhere",
        ] {
            assert!(help.contains(words), "{words}: {help}");
        }
        insta::assert_snapshot!("admin_help", help);
    }

    #[test]
    fn admin_modules() {
        let mut app = admin_app();
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        update(
            &mut app,
            Action::Admin(AdminMsg::Switches(Ok(portico_shared::ModuleSwitches {
                disabled: vec![portico_shared::Module::Invoices],
            }))),
        );
        let screen = text(&draw(&app));
        let invoices = screen
            .lines()
            .find(|l| l.contains("invoices"))
            .unwrap_or_default();
        assert!(invoices.contains("off for every client"), "{screen}");
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn admin_invite_form() {
        let mut app = admin_app();
        press(&mut app, KeyCode::Char('i'));
        for c in "nia@northwind.example".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        insta::assert_snapshot!(text(&draw(&app)));
        // The organisation: found by typing part of its name.
        for k in [KeyCode::Enter, KeyCode::Enter, KeyCode::Enter] {
            press(&mut app, k);
        }
        for c in "north".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        update(
            &mut app,
            Action::Orders(OrdersMsg::OrgsFound {
                query: "north".into(),
                result: Ok(vec![
                    portico_shared::OrganizationRef {
                        id: 1,
                        name: "Northwind Traders".into(),
                    },
                    portico_shared::OrganizationRef {
                        id: 9,
                        name: "Northern Lights".into(),
                    },
                ]),
            }),
        );
        let screen = text(&draw(&app));
        assert!(
            screen.contains("north▏  → Northwind Traders (1 of 2) ↑↓"),
            "{screen}"
        );
        insta::assert_snapshot!("admin_invite_form_organisation", screen);
    }

    #[test]
    fn admin_organisation_form_with_its_ticket_history() {
        let mut app = admin_app();
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('e'));
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        let screen = text(&draw(&app));
        assert!(screen.contains("(•) all of them"), "{screen}");
        assert!(screen.contains("since they joined"), "{screen}");
        insta::assert_snapshot!(screen);
    }

    /// Northwind's locations, open from its row.
    fn locations() -> App {
        let mut app = admin_app();
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('l'));
        let generation = app
            .session
            .admin
            .locations
            .as_ref()
            .unwrap()
            .list
            .generation;
        let mut hamburg = fixtures::location(6, "Hamburg Depot");
        hamburg.address = "Hafenstraße 1, Hamburg".into();
        let mut austin = fixtures::location(7, "Austin Office");
        austin.timezone = "America/Chicago".into();
        update(
            &mut app,
            Action::Admin(AdminMsg::Locations(Arrived {
                generation,
                append: false,
                result: Ok(Page {
                    items: vec![fixtures::location(5, "Berlin HQ"), hamburg, austin],
                    next_cursor: None,
                }),
            })),
        );
        app
    }

    #[test]
    fn admin_locations_and_their_help() {
        let mut app = locations();
        let screen = text(&draw(&app));
        assert!(
            screen.contains("locations of Northwind Traders"),
            "{screen}"
        );
        assert!(
            screen
                .lines()
                .any(|l| l.contains("Austin Office") && l.contains("America/Chicago")),
            "{screen}"
        );
        insta::assert_snapshot!("admin_locations", screen);
        press(&mut app, KeyCode::Char('?'));
        let help = text(&draw(&app));
        for words in [
            "a new location",
            "rename it or change its time zone",
            "back to the organisations",
        ] {
            assert!(help.contains(words), "{words}: {help}");
        }
        insta::assert_snapshot!("admin_locations_help", help);
    }

    #[test]
    fn admin_location_form() {
        let mut app = locations();
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char('e'));
        let screen = text(&draw(&app));
        assert!(
            screen.contains("Location Hamburg Depot of Northwind Traders"),
            "{screen}"
        );
        assert!(screen.contains("Europe/Berlin"), "{screen}");
        insta::assert_snapshot!(screen);
    }
}

#[test]
fn staff_order_form_for_an_organisation() {
    let mut app = fixtures::orders_app(Role::Agent, (100, 30));
    press(&mut app, KeyCode::Char('n'));
    insta::assert_snapshot!("staff_order_form_empty", text(&draw(&app)));
    for c in "north".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrgsFound {
            query: "north".into(),
            result: Ok(vec![portico_shared::OrganizationRef {
                id: 1,
                name: "Northwind Traders".into(),
            }]),
        }),
    );
    update(
        &mut app,
        Action::Orders(OrdersMsg::OrderFormOf {
            org: 1,
            result: Ok((
                Box::new(fixtures::staffing_form()),
                vec![fixtures::location(3, "Berlin HQ")],
            )),
        }),
    );
    let screen = text(&draw(&app));
    assert!(screen.contains("New order · Staffing request"), "{screen}");
    assert!(screen.contains("Northwind Traders (1 of 1)"), "{screen}");
    assert!(screen.contains("How many people?"), "{screen}");
    insta::assert_snapshot!("staff_order_form", screen);
}

#[test]
fn account_sessions() {
    use portico::screens::account::msg::AccountMsg;
    let mut app = fixtures::app(Role::Client, 3, (100, 30));
    press(&mut app, KeyCode::Char('S'));
    let session = fixtures::session;
    update(
        &mut app,
        Action::Account(AccountMsg::Sessions(Ok(vec![
            session(7, "10.0.0.7", true),
            session(5, "192.0.2.44", false),
        ]))),
    );
    update(
        &mut app,
        Action::Account(AccountMsg::Mail(Ok(portico_shared::NotificationSettings {
            // Every category a client chooses about, as the server lists them.
            settings: portico_shared::MailCategory::for_role(Role::Client)
                .iter()
                .map(|&category| portico_shared::NotificationSetting {
                    category,
                    enabled: category != portico_shared::MailCategory::OrderUpdate,
                })
                .collect(),
            mail_configured: false,
        }))),
    );
    let screen = text(&draw(&app));
    assert!(screen.contains("[x] reply"), "{screen}");
    assert!(screen.contains("[x] ticket_status"), "{screen}");
    assert!(screen.contains("[ ] order_update"), "{screen}");
    assert!(screen.contains("[x] thread_message"), "{screen}");
    assert!(screen.contains("sends no mail yet"), "{screen}");
    assert!(screen.contains("Two-factor sign-in: off"), "{screen}");
    assert!(screen.contains("← this one"));
    insta::assert_snapshot!(screen);
    press(&mut app, KeyCode::Char('?'));
    let help = text(&draw(&app));
    assert!(
        help.contains("turn the mail under the cursor on or off"),
        "{help}"
    );
    insta::assert_snapshot!("account_help", help);
}

// ---- projects and tasks ---------------------------------------------------

/// The row of the screen holding `needle`.
fn row_of<'a>(s: &'a str, needle: &str) -> (usize, &'a str) {
    s.lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{s}"))
}

#[test]
fn project_timeline_gantt_at_80_columns() {
    let app = fixtures::project_app(Role::Client, (80, 30));
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    assert!(
        !s.contains("Vendor contract review"),
        "internal phases are staff-only"
    );
    // Past, current and future phases each have their own bar, in date order.
    let (discovery, d) = row_of(&s, "Discovery ");
    let (build, b) = row_of(&s, "Build ");
    let (golive, g) = row_of(&s, "Go-live ");
    assert!(discovery < build && build < golive);
    assert!(d.contains('█') && b.contains('▓') && g.contains('░'), "{s}");
    // Today's marker sits inside the current phase's bar span, and on the rows around it.
    let (_, marker) = row_of(&s, "▲ today 20 Nov");
    let today_col = marker.chars().position(|c| c == '▲').unwrap();
    let bar: Vec<char> = b.chars().collect();
    assert_eq!(bar[today_col], '▓', "today falls within Build:\n{s}");
    assert_eq!(
        d.chars().nth(today_col),
        Some('│'),
        "today marked on every row"
    );
    // Bars fill the width: the last phase ends at the right edge.
    assert_eq!(g.chars().count(), 80, "{g:?}");
    // Statuses are coloured.
    let x = u16::try_from(b.chars().position(|c| c == '▓').unwrap()).unwrap();
    assert_eq!(buf[(x, build as u16)].fg, Color::Yellow);
    assert!(s.contains("Build started on 11 Nov 2026"), "{s}");
}

#[test]
fn project_timeline_gantt_at_160_columns_for_staff() {
    let app = fixtures::project_app(Role::Agent, (160, 30));
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(s.contains("Vendor contract review (internal)"), "{s}");
    let (_, marker) = row_of(&s, "▲ today");
    let (_, design) = row_of(&s, "Design ");
    // The wider axis spreads the same dates: Design's bar is longer than at 80.
    assert!(design.matches('█').count() > 20, "{design}");
    assert!(marker.chars().position(|c| c == '▲').unwrap() > 80);
}

#[test]
fn task_list_mine_due_soonest_first_with_overdue_in_red() {
    let app = fixtures::tasks_app(Role::Client, (100, 20));
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    let (y, first) = row_of(&s, "Approve the cut-over plan draft");
    assert!(first.contains("2026-11-18"));
    assert_eq!(buf[(0, y as u16)].fg, Color::Red, "overdue");
    assert!(row_of(&s, "Send the signed").0 > y);
}

#[test]
fn help_lists_the_project_and_task_keys() {
    let mut app = fixtures::project_app(Role::Client, (100, 40));
    press(&mut app, KeyCode::Char('?'));
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(
        s.contains("mark the task done") && s.contains("back to the projects"),
        "{s}"
    );
    let mut app = fixtures::tasks_app(Role::Client, (100, 40));
    press(&mut app, KeyCode::Char('?'));
    let s = text(&draw(&app));
    assert!(s.contains("mine / all"), "{s}");
}

#[test]
fn project_screens_fit_tiny_terminals() {
    let states: Vec<Box<dyn Fn() -> App>> = vec![
        Box::new(|| fixtures::projects_app(Role::Client, (100, 30))),
        Box::new(|| fixtures::project_app(Role::Agent, (100, 30))),
        Box::new(|| fixtures::tasks_app(Role::Client, (100, 30))),
        Box::new(|| task_open_app(vec![attachment(70, "plan.pdf", 10)])),
    ];
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        for make in &states {
            let mut app = make();
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

#[test]
fn thread_list_with_unread_counts_and_an_open_thread() {
    let mut app = fixtures::conversations_app(Role::Client, (100, 20));
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    let (y, renewal) = row_of(&s, "Your renewal");
    assert!(
        renewal.trim_start().starts_with('1'),
        "one unread: {renewal}"
    );
    assert!(renewal.contains("Ana Lima") && row_of(&s, "Welcome").1.contains("everyone"));
    // Off the cursor, the unread count stands out in yellow.
    press(&mut app, KeyCode::Down);
    assert_eq!(draw(&app)[(0, y as u16)].fg, Color::Yellow);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread: 8,
            result: Ok(Page {
                items: vec![message(
                    1,
                    8,
                    person(3, "Priya Nair"),
                    "Shall we talk about the renewal?",
                    false,
                )],
                next_cursor: None,
            }),
        }),
    );
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(s.contains("Shall we talk about the renewal?") && s.contains("started by Priya Nair"));
}

#[test]
fn inbox_sla_column_shows_time_left_in_colour() {
    let mut app = staff();
    app.size = (140, 12);
    let sla = |seconds_left: Option<i64>, breached: bool| portico_shared::TicketSla {
        seconds_left,
        first_response_breached: breached,
        ..Default::default()
    };
    app.session.tickets.list.items[0].sla = sla(Some(3 * 3600 + 20 * 60), false);
    app.session.tickets.list.items[1].sla = sla(Some(25 * 60), false);
    app.session.tickets.list.items[2].sla = sla(Some(-90 * 60), true);
    app.session.tickets.list.items[3].sla = sla(None, true);
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    let rows = portico::shell::layout::list_rows_area(app.size);
    let header = s.lines().nth(2).unwrap();
    let x = header.find("SLA").unwrap() as u16;
    // Row 0 holds the cursor (its own colour): hours left are not a warning.
    assert!(![Color::Red, Color::Yellow].contains(&buf[(x, rows.y)].fg));
    assert_eq!(buf[(x, rows.y + 1)].fg, Color::Yellow, "under an hour");
    assert_eq!(buf[(x, rows.y + 2)].fg, Color::Red, "overdue");
    assert_eq!(buf[(x, rows.y + 3)].fg, Color::Red, "missed");
    // Clients never see the column.
    let mut client = fixtures::app(Role::Client, 5, (140, 12));
    client.size = (140, 12);
    assert!(!text(&draw(&client)).lines().nth(2).unwrap().contains("SLA"));
}

#[test]
fn an_article_renders_from_markdown() {
    use ratatui::widgets::{Paragraph, Wrap};
    let article = "# Incident escalation\n\nPlatinum customers reach the on-call engineer within \
        **30 minutes**, day or night.\n\n1. Open a ticket with priority *urgent*.\n2. Use the \
        `Incident` form.\n   - say what broke\n   - since when\n3. Call the [escalation line](tel:+4930123).\n\n\
        > Never send passwords.\n\n```sh\nportico forms submit \"Incident report\"\n```\n\n---\n\n\
        Evil \u{1b}[31mred\u{1b}[0m text.\n";
    let rendered = portico::widgets::markdown::render(article);
    let mut t = Terminal::new(TestBackend::new(60, 22)).unwrap();
    t.draw(|f| {
        f.render_widget(
            Paragraph::new(rendered).wrap(Wrap { trim: false }),
            f.area(),
        )
    })
    .unwrap();
    let buf = t.backend().buffer().clone();
    let s = text(&buf);
    insta::assert_snapshot!(s);
    assert!(!s.contains('\u{1b}'), "escape sequences are stripped");
    // The heading is bold and underlined; strong text bold; code cyan.
    assert!(
        buf[(0, 0)]
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    let line = |y: u16| {
        (0..60)
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect::<String>()
    };
    let y = (0..22).find(|&y| line(y).contains("within 30")).unwrap();
    let x = line(y).find("30").unwrap() as u16;
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(
        !buf[(x - 2, y)].modifier.contains(Modifier::BOLD),
        "plain before it"
    );
    let y = (0..22)
        .find(|&y| line(y).contains("Incident form"))
        .unwrap();
    let x = line(y).find("Incident").unwrap() as u16;
    assert_eq!(buf[(x, y)].fg, Color::Cyan);
}

/// A view of a contact says so in the header, in place of the name.
#[test]
fn a_view_of_a_contact_shows_its_banner() {
    let mut app = fixtures::app(Role::Client, 0, (100, 30));
    let mut ana = fixtures::me(Role::Client);
    ana.viewed_by = Some(person(3, "Ada Admin"));
    update(&mut app, Action::Viewed(Ok(Box::new(ana))));
    let screen = text(&draw(&app));
    let header = screen.lines().next().unwrap_or_default().to_owned();
    assert!(header.contains("VIEWING AS Ana Lima"), "{header}");
    assert!(header.contains("read-only"), "{header}");
    insta::assert_snapshot!(screen);
}

/// Enrolment under way: the QR code, the secret, and what to do next.
#[test]
fn account_enrolment_shows_the_qr_code() {
    use portico::screens::account::msg::AccountMsg;
    let mut app = fixtures::app(Role::Client, 0, (100, 40));
    update(&mut app, Action::Cmd(portico::shell::msg::Cmd::Account));
    update(
        &mut app,
        Action::Account(AccountMsg::Enrolment(Ok(portico_shared::TotpEnrollment {
            secret: "JBSWY3DPEHPK3PXP".into(),
            otpauth_url: "otpauth://totp/Portico:ana?secret=JBSWY3DPEHPK3PXP".into(),
        }))),
    );
    let screen = text(&draw(&app));
    assert!(screen.contains("Secret: JBSWY3DPEHPK3PXP"), "{screen}");
    assert!(
        screen.contains('▀') || screen.contains('▄'),
        "a QR code: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn knowledge_base_list_search_line_and_an_article_from_markdown() {
    let mut app = fixtures::kb_app(Role::Client, (100, 20));
    let s = text(&draw(&app));
    insta::assert_snapshot!("kb_list", s);
    assert!(s.contains(" All ") && s.contains("Hardware") && s.contains("/ to search"));
    // Searching: the line shows what is typed, with a cursor.
    press(&mut app, KeyCode::Char('/'));
    for c in "print".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let s = text(&draw(&app));
    assert!(s.contains("/ print▏"), "{s}");
    press(&mut app, KeyCode::Enter);
    let generation = app.session.knowledge.list.generation;
    update(
        &mut app,
        Action::Knowledge(portico::screens::knowledge::msg::KnowledgeMsg::Articles {
            generation,
            append: false,
            result: Ok(Page {
                items: vec![fixtures::article(3, "Printer troubleshooting", "Hardware")],
                next_cursor: None,
            }),
        }),
    );
    // The article: markdown rendered (no `**`, numbered and bulleted lists,
    // the link's address shown), its category and revision named.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Article);
    let article = fixtures::article(3, "Printer troubleshooting", "Hardware");
    update(
        &mut app,
        Action::Knowledge(portico::screens::knowledge::msg::KnowledgeMsg::Article(Ok(
            Box::new(article),
        ))),
    );
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!("kb_article", s);
    assert!(!s.contains("**") && !s.contains("## "), "{s}");
    assert!(s.contains("1. Open the Printers panel."), "{s}");
    assert!(s.contains("Hardware · revision 2 · updated"), "{s}");
    let (y, _) = row_of(&s, "When the printer stops");
    let x = s.lines().nth(y).unwrap().find("printer").unwrap();
    assert!(
        buf[(x as u16, y as u16)].modifier.contains(Modifier::BOLD),
        "**printer** is bold"
    );
}

#[test]
fn help_lists_the_knowledge_base_keys() {
    let mut app = fixtures::kb_app(Role::Client, (100, 40));
    press(&mut app, KeyCode::Char('?'));
    let s = text(&draw(&app));
    insta::assert_snapshot!("kb_help", s);
    assert!(
        s.contains("search as you type") && s.contains("next category"),
        "{s}"
    );
}

#[test]
fn reports_screen_with_its_rows_and_weekly_bars() {
    let mut app = fixtures::reports_app((100, 30));
    let s = text(&draw(&app));
    insta::assert_snapshot!("reports", s);
    let (_, total) = row_of(&s, "All tickets");
    assert!(
        total.contains("30m") && total.contains("2h") && total.contains("1d 4h"),
        "{total}"
    );
    assert!(row_of(&s, " high").1.contains('–'));
    assert!(s.contains("11-09") && s.contains("Opened per week"), "{s}");
    press(&mut app, KeyCode::Char('?'));
    let s = text(&draw(&app));
    assert!(s.contains("the weeks before"), "{s}");
}

#[test]
fn knowledge_and_reports_fit_tiny_terminals() {
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        for mut app in [
            fixtures::kb_app(Role::Client, (100, 30)),
            fixtures::reports_app((100, 30)),
        ] {
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

#[test]
fn the_new_ticket_editor_offers_support_forms_and_draws_the_chosen_one() {
    use portico::screens::knowledge::msg::KnowledgeMsg;
    let mut app = fixtures::app(Role::Client, 5, (100, 24));
    press(&mut app, KeyCode::Char('n'));
    assert!(
        !text(&draw(&app)).contains("use a form"),
        "not before they arrive"
    );
    update(
        &mut app,
        Action::Knowledge(KnowledgeMsg::Forms(Ok(vec![
            fixtures::support_form(4, "General question"),
            fixtures::support_form(7, "Incident report"),
        ]))),
    );
    let s = text(&draw(&app));
    assert!(s.contains("^F use a form (2)"), "{s}");
    let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
    let a = map_key(&app, ctrl_f).unwrap();
    update(&mut app, a);
    press(&mut app, KeyCode::Right);
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let a = map_key(&app, ctrl_s).unwrap();
    update(&mut app, a);
    let s = text(&draw(&app));
    insta::assert_snapshot!("support_form_draft", s);
    assert!(s.contains("New ticket · Incident report") && s.contains("Affected system"));
}

#[test]
fn the_project_s_own_thread_opens_with_m_and_takes_replies() {
    use portico::screens::thread::msg::ThreadEffect;
    use portico::shell::msg::Effect;
    let mut app = fixtures::project_app(Role::Client, (100, 24));
    let thread = app.session.projects.view.as_ref().unwrap().thread.id;
    let key = map_key(&app, KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE)).unwrap();
    let fx = update(&mut app, key);
    assert_eq!(app.screen, Screen::ProjectThread);
    assert!(
        matches!(
            &fx[..],
            [
                Effect::Thread(ThreadEffect::FetchMessages(t)),
                Effect::Thread(ThreadEffect::MarkRead(r))
            ] if *t == thread && *r == thread
        ),
        "{fx:?}"
    );
    update(
        &mut app,
        Action::Thread(ThreadMsg::Messages {
            thread,
            result: Ok(Page {
                items: vec![
                    message(
                        1,
                        thread,
                        person(2, "Sam Agent"),
                        "Cut-over is set for the 14th.",
                        false,
                    ),
                    message(
                        2,
                        thread,
                        person(10, "Ana Lima"),
                        "Thanks, we are ready.",
                        false,
                    ),
                ],
                next_cursor: None,
            }),
        }),
    );
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(s.contains("ERP migration · the project's thread"), "{s}");
    assert!(s.contains("Cut-over is set for the 14th."), "{s}");
    // `r` replies in it; Esc goes back to the timeline.
    press(&mut app, KeyCode::Char('r'));
    assert!(matches!(
        app.modal,
        portico::shell::model::Modal::Compose(_)
    ));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Project);
    press(&mut app, KeyCode::Char('?'));
    assert!(text(&draw(&app)).contains("the project's thread"));
}

/// The task list with the first task opened and its whole self arrived.
fn task_open_app(files: Vec<portico_shared::Attachment>) -> App {
    use portico::screens::projects::msg::ProjectsMsg;
    let mut app = fixtures::tasks_app(Role::Client, (100, 20));
    press(&mut app, KeyCode::Enter);
    let mut whole = fixtures::tasks().remove(0);
    whole.description = "Read it through and approve it, or say what must change.".into();
    whole.attachments = files;
    update(
        &mut app,
        Action::Projects(ProjectsMsg::Task(Ok(Box::new(whole)))),
    );
    app
}

#[test]
fn an_open_task_shows_its_files_with_the_cursor_on_one() {
    let mut app = task_open_app(vec![
        attachment(70, "cut-over-plan.pdf", 482_000),
        attachment(71, "timeline.xlsx", 12_300),
    ]);
    press(&mut app, KeyCode::Down);
    let buf = draw(&app);
    let s = text(&buf);
    insta::assert_snapshot!(s);
    assert!(
        s.contains("Approve the cut-over plan draft") && s.contains("overdue"),
        "{s}"
    );
    let (y, row) = row_of(&s, "timeline.xlsx");
    assert!(
        row.contains("12.0 KiB") || row.contains("KB") || row.contains("12"),
        "{row}"
    );
    assert!(
        selected(&buf[(2, y as u16)]),
        "the cursor is on the second file"
    );
    let (y, _) = row_of(&s, "cut-over-plan.pdf");
    assert!(!selected(&buf[(2, y as u16)]));
}

#[test]
fn an_open_task_without_files_says_how_to_hand_one_over_and_help_lists_it() {
    let mut app = task_open_app(vec![]);
    let s = text(&draw(&app));
    assert!(s.contains("No files yet. u hands one over."), "{s}");
    press(&mut app, KeyCode::Char('?'));
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(
        s.contains("hand over a file")
            && s.contains("download every file")
            && s.contains("back to the tasks"),
        "{s}"
    );
}
#[test]
fn mail_status_screen_shows_counts_unsent_mail_and_quarantine_sanitized() {
    let mut app = fixtures::mail_app((120, 24));
    let s = text(&draw(&app));
    insta::assert_snapshot!("mail_status", s);
    assert!(
        s.contains("1 queued · 118 sent · 1 failed · 7 quarantined"),
        "{s}"
    );
    assert!(s.contains("Times in UTC"), "{s}");
    assert!(s.contains("550") && s.contains("Connection refused"), "{s}");
    // A stranger's escape sequence is not drawn as one.
    assert!(s.contains("Weekly deals") && !s.contains('\u{1b}'), "{s}");
    // Failed mail stands out in red.
    let buf = draw(&app);
    let y = (0..buf.area.height)
        .find(|&y| text_row(&buf, y).contains("old.contact@globex"))
        .unwrap();
    assert_eq!(buf[(5, y)].fg, Color::Red);
    // The arrows scroll; `?` lists the keys.
    press(&mut app, KeyCode::Down);
    assert!(!text(&draw(&app)).contains("Mail is configured"));
    press(&mut app, KeyCode::Char('?'));
    let help = text(&draw(&app));
    insta::assert_snapshot!("mail_help", help);
    assert!(help.contains("back to administration"), "{help}");
}

fn text_row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn mail_status_fits_tiny_terminals_and_says_while_loading() {
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        let mut app = fixtures::mail_app((120, 24));
        update(&mut app, Action::Resize(w, h));
        draw(&app);
    }
    let mut app = fixtures::app(Role::Admin, 5, (100, 20));
    update(&mut app, Action::Cmd(portico::shell::msg::Cmd::MailStatus));
    assert!(text(&draw(&app)).contains("Loading"));
}

#[test]
fn mail_status_drops_the_queued_column_at_80_columns() {
    let app = fixtures::mail_app((80, 24));
    let s = text(&draw(&app));
    let header = s.lines().find(|l| l.contains("STATE")).unwrap();
    assert!(
        !header.contains("QUEUED") && header.contains("LAST ERROR"),
        "{s}"
    );
    let row = s.lines().find(|l| l.contains("ana@northwind")).unwrap();
    assert!(row.contains("Connection"), "{row}");
}

#[test]
fn a_new_thread_with_two_contacts_names_them_and_the_keys() {
    use portico::screens::tickets::msg::TicketsMsg;
    let mut app = fixtures::conversations_app(Role::Agent, (100, 30));
    press(&mut app, KeyCode::Char('n'));
    update(
        &mut app,
        Action::Tickets(TicketsMsg::OrgChoices {
            query: String::new(),
            result: Ok(vec![portico_shared::OrganizationRef {
                id: 1,
                name: "Northwind Traders".into(),
            }]),
        }),
    );
    update(
        &mut app,
        Action::Tickets(TicketsMsg::Contacts {
            org: 1,
            result: Ok(vec![person(10, "Ana Lima"), person(11, "Ben Okafor")]),
        }),
    );
    press(&mut app, KeyCode::Tab);
    for k in [
        KeyCode::Down,
        KeyCode::Char(' '),
        KeyCode::Down,
        KeyCode::Char(' '),
    ] {
        press(&mut app, k);
    }
    let s = text(&draw(&app));
    insta::assert_snapshot!(s);
    assert!(
        s.contains("Ana Lima, Ben Okafor · Ben Okafor ↑↓ · Space adds or removes"),
        "{s}"
    );
}
