//! The shift week grid on a `TestBackend`: opened from Admin with `W` at
//! this week of the first location, drawn at 80 and 120 columns with the
//! zone named, the week and location changed, a shift added (times read on
//! the location's clocks), moved and cancelled (after asking), the
//! server's refusal kept in the draft, and live shift events refreshing it.
#![allow(clippy::unwrap_used)]

mod support;

use crossterm::event::{KeyCode, KeyModifiers};
use portico::failure::Failure;
use portico::fixtures::{self, admin_app, person};
use portico::screens::shifts::msg::{ShiftsEffect, ShiftsMsg};
use portico::shell::model::{App, Modal, Screen};
use portico::shell::msg::{Action, Effect, Live};
use portico::shell::update::update;
use portico_shared::{PersonRef, Shift, ShiftEvent, ShiftQuery, ShiftState};
use support::{key, press, text};

/// Clears the focused line and types `s` into it.
fn retype(app: &mut App, s: &str) {
    key(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// A shift at Berlin HQ on day `day` of the week of Monday 2026-11-16,
/// from `start` to `end` UTC (an hour behind Berlin's clocks in November).
fn on(day: i8, id: i64, worker: PersonRef, start: &str, end: &str) -> Shift {
    let mut s = fixtures::shift(1, worker, ShiftState::Scheduled, start, end);
    let shift_by = jiff::SignedDuration::from_hours(24 * i64::from(day - 4));
    s.id = id;
    s.date = jiff::civil::date(2026, 11, 16 + day);
    s.starts_at = s.starts_at.checked_add(shift_by).unwrap();
    s.ends_at = s.ends_at.checked_add(shift_by).unwrap();
    if s.ends_at <= s.starts_at {
        s.ends_at = s
            .ends_at
            .checked_add(jiff::SignedDuration::from_hours(24))
            .unwrap();
    }
    s
}

fn week() -> Vec<Shift> {
    let mut working = on(4, 11, person(31, "Wendy Walker"), "07:00", "15:00");
    working.state = ShiftState::ClockedIn;
    working.clocked_in_at = Some(working.starts_at);
    vec![
        on(0, 10, person(33, "Xena Xu"), "07:00", "11:00"),
        on(0, 12, person(36, "Omar Ortiz"), "13:00", "21:00"),
        on(2, 13, person(33, "Xena Xu"), "07:00", "15:00"),
        working,
        on(4, 14, person(35, "Zoe Zimmer"), "16:00", "23:30"),
        on(5, 15, person(36, "Omar Ortiz"), "21:00", "05:00"),
    ]
}

fn workers() -> Vec<PersonRef> {
    vec![
        person(36, "Omar Ortiz"),
        person(32, "Walt Wagner"),
        person(31, "Wendy Walker"),
        person(33, "Xena Xu"),
        person(34, "Yusuf Young"),
        person(35, "Zoe Zimmer"),
    ]
}

fn fetched(fx: &[Effect]) -> (u64, ShiftQuery) {
    fx.iter()
        .find_map(|e| match e {
            Effect::Shifts(ShiftsEffect::FetchWeek { generation, query }) => {
                Some((*generation, query.clone()))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("the week is fetched: {fx:?}"))
}

/// An admin on the grid, opened from Admin with `W`, the week loaded.
fn grid(size: (u16, u16)) -> App {
    let mut app = admin_app();
    app.size = size;
    let fx = press(&mut app, KeyCode::Char('W'));
    assert_eq!(app.screen, Screen::ShiftWeek);
    let (generation, query) = fetched(&fx);
    assert_eq!(query.date, Some(jiff::civil::date(2026, 11, 16)));
    assert_eq!((query.days, query.location_id), (Some(7), Some(1)));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Shifts(ShiftsEffect::FetchWorkers)))
    );
    update(
        &mut app,
        Action::Shifts(ShiftsMsg::Week {
            generation,
            result: Ok(week()),
        }),
    );
    update(&mut app, Action::Shifts(ShiftsMsg::Workers(Ok(workers()))));
    app
}

#[test]
fn the_week_at_80_and_120_columns_names_its_zone() {
    let app = grid((80, 24));
    let screen = text(&app);
    assert!(screen.contains("times in Europe/Berlin"), "{screen}");
    // 07:00 UTC is 08:00 on Berlin's clocks; at 80 columns the end is on
    // a line of its own.
    assert!(screen.contains("08:00–"), "{screen}");
    assert!(screen.contains(" 12:00"), "{screen}");
    assert!(!screen.contains(":…"), "no time is cut: {screen}");
    insta::assert_snapshot!("shift_grid_80", screen);
    let app = grid((120, 30));
    let screen = text(&app);
    assert!(screen.contains("08:00–12:00"), "{screen}");
    assert!(screen.contains("Omar Ortiz"), "{screen}");
    insta::assert_snapshot!("shift_grid_120", screen);
}

#[test]
fn the_selection_starts_today_and_moves_by_day_and_shift() {
    let mut app = grid((120, 30));
    // Friday 2026-11-20: Wendy first, then Zoe.
    assert_eq!(app.session.shifts.current().unwrap().id, 11);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.session.shifts.current().unwrap().id, 14);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.session.shifts.current().unwrap().id, 13);
    press(&mut app, KeyCode::Char('h'));
    assert!(app.session.shifts.current().is_none(), "Tuesday is empty");
    // The weeks around it, and the next location.
    let (_, q) = fetched(&press(&mut app, KeyCode::Char(']')));
    assert_eq!(q.date, Some(jiff::civil::date(2026, 11, 23)));
    let (_, q) = fetched(&press(&mut app, KeyCode::Char('[')));
    assert_eq!(q.date, Some(jiff::civil::date(2026, 11, 16)));
    let (_, q) = fetched(&press(&mut app, KeyCode::Tab));
    assert_eq!(q.location_id, Some(2));
}

#[test]
fn a_shift_is_added_on_the_locations_clocks() {
    let mut app = grid((80, 24));
    press(&mut app, KeyCode::Right); // Saturday
    press(&mut app, KeyCode::Char('a'));
    let d = app.session.shifts.draft.as_ref().unwrap();
    assert_eq!(d.day, "2026-11-21");
    // Those already working here this week come first.
    let names: Vec<&str> = d.workers.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(
        &names[..4],
        ["Omar Ortiz", "Wendy Walker", "Xena Xu", "Zoe Zimmer"]
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "09:30");
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "13:00");
    insta::assert_snapshot!("shift_grid_add", text(&app));
    let fx = press(&mut app, KeyCode::Enter);
    match fx.as_slice() {
        [Effect::Shifts(ShiftsEffect::Add(new))] => {
            assert_eq!(new.worker_id, Some(31));
            assert_eq!(new.location_id, Some(1));
            assert_eq!(new.starts_at.unwrap().to_string(), "2026-11-21T08:30:00Z");
            assert_eq!(new.ends_at.unwrap().to_string(), "2026-11-21T12:00:00Z");
        }
        other => panic!("a new shift: {other:?}"),
    }
    // Refused: the draft stays, the reason by its field.
    update(
        &mut app,
        Action::Shifts(ShiftsMsg::Saved(Err(Failure::field(
            "starts_at",
            "overlaps the worker's shift 15",
        )))),
    );
    let d = app.session.shifts.draft.as_ref().unwrap();
    assert_eq!(d.start, "09:30");
    assert!(text(&app).contains("✗ overlaps the worker's shift 15"));
    // Saved: the draft closes and the week is fetched again.
    let mut made = on(5, 16, person(31, "Wendy Walker"), "08:30", "12:00");
    made.state = ShiftState::Scheduled;
    let fx = update(
        &mut app,
        Action::Shifts(ShiftsMsg::Saved(Ok(Box::new(made)))),
    );
    assert!(app.session.shifts.draft.is_none());
    fetched(&fx);
}

#[test]
fn what_cannot_be_read_is_marked_before_sending() {
    let mut app = grid((80, 24));
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "Friday");
    let fx = press(&mut app, KeyCode::Enter);
    assert!(fx.is_empty());
    assert!(text(&app).contains("✗ a day such as 2026-12-07"));
}

#[test]
fn a_shift_is_moved_and_cancelled_but_not_once_clocked_into() {
    let mut app = grid((120, 30));
    // Wendy has clocked in: neither moved nor cancelled.
    press(&mut app, KeyCode::Char('m'));
    assert!(app.session.shifts.draft.is_none());
    press(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.modal, Modal::None));
    // Zoe's evening shift: to Saturday, 17:00 to 01:00 (the next morning).
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.session.shifts.draft.as_ref().unwrap().start, "17:00");
    retype(&mut app, "2026-11-21");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "01:00");
    insta::assert_snapshot!("shift_grid_move", text(&app));
    let fx = press(&mut app, KeyCode::Enter);
    match fx.as_slice() {
        [Effect::Shifts(ShiftsEffect::Move(14, patch))] => {
            assert_eq!(patch.starts_at.unwrap().to_string(), "2026-11-21T16:00:00Z");
            assert_eq!(patch.ends_at.unwrap().to_string(), "2026-11-22T00:00:00Z");
        }
        other => panic!("a move: {other:?}"),
    }
    press(&mut app, KeyCode::Esc);
    // Cancelling asks first; yes sends it.
    press(&mut app, KeyCode::Char('d'));
    let Modal::Confirm(c) = &app.modal else {
        panic!("asks first");
    };
    assert!(c.question.contains("Zoe Zimmer"), "{}", c.question);
    assert!(c.question.contains("Europe/Berlin"), "{}", c.question);
    insta::assert_snapshot!("shift_grid_cancel", text(&app));
    let fx = press(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(fx.as_slice(), [Effect::Shifts(ShiftsEffect::Cancel(14))]),
        "{fx:?}"
    );
    fetched(&update(
        &mut app,
        Action::Shifts(ShiftsMsg::Cancelled(14, Ok(()))),
    ));
    // Esc goes back to administration, where W came from.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Admin);
}

#[test]
fn live_shift_events_at_the_location_refresh_the_week() {
    let mut app = grid((80, 24));
    let here = on(1, 20, person(34, "Yusuf Young"), "07:00", "11:00");
    let mut elsewhere = here.clone();
    elsewhere.location = fixtures::place(2, "Hamburg Depot");
    let event = |shift: Shift| {
        Action::Live(Live::Shift(Box::new(ShiftEvent {
            id: shift.id,
            kind: "shift.created".into(),
            shift,
        })))
    };
    let fx = update(&mut app, event(elsewhere));
    assert!(fx.is_empty(), "{fx:?}");
    let (generation, _) = fetched(&update(&mut app, event(here.clone())));
    let mut shifts = week();
    shifts.push(here);
    update(
        &mut app,
        Action::Shifts(ShiftsMsg::Week {
            generation,
            result: Ok(shifts),
        }),
    );
    assert!(text(&app).contains("Yusuf Young"));
}

#[test]
fn the_grid_and_its_draft_have_help() {
    let mut app = grid((100, 40));
    press(&mut app, KeyCode::Char('?'));
    let screen = text(&app);
    assert!(
        screen.contains("move the shift to another day or time"),
        "{screen}"
    );
    insta::assert_snapshot!("shift_grid_help", screen);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('?'));
    // While a line is typed in, ? is text; on the worker row it is help.
    insta::assert_snapshot!("shift_grid_draft_help", text(&app));
}

#[test]
fn clients_do_not_schedule() {
    let mut app = fixtures::app(portico_shared::Role::Client, 3, (100, 30));
    let fx = update(&mut app, Action::Cmd(portico::shell::msg::Cmd::ShiftWeek));
    assert!(fx.is_empty());
    assert_ne!(app.screen, Screen::ShiftWeek);
}

#[test]
fn a_shift_moved_off_today_leaves_whos_working_and_one_moved_onto_it_joins() {
    use portico::screens::timesheets::msg::TimesheetsMsg;
    let mut app = fixtures::timesheets_app(portico_shared::Role::Agent, (100, 30));
    press(&mut app, KeyCode::Char('w'));
    let generation = app.session.timesheets.board.generation;
    update(
        &mut app,
        Action::Timesheets(TimesheetsMsg::Shifts {
            generation,
            result: Ok(fixtures::board()),
        }),
    );
    let on_board = |app: &App, id: i64| {
        app.session
            .timesheets
            .board
            .items
            .iter()
            .any(|s| s.id == id)
    };
    assert!(on_board(&app, 7));
    let moved = |mut shift: Shift, date: &str| {
        shift.date = date.parse().unwrap();
        Action::Live(Live::Shift(Box::new(ShiftEvent {
            id: shift.id,
            kind: "shift.updated".into(),
            shift,
        })))
    };
    let omar = fixtures::board().into_iter().find(|s| s.id == 7).unwrap();
    update(&mut app, moved(omar.clone(), "2026-11-21"));
    assert!(!on_board(&app, 7), "moved to tomorrow");
    update(&mut app, moved(omar, "2026-11-20"));
    assert!(on_board(&app, 7), "moved back to today");
}
