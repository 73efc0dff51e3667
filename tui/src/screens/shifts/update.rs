//! The week grid's update: opening it at this week, moving the selection,
//! the week and the location, the add and move draft, cancelling, and the
//! server's answers. Pure, like every screen's update.

use crossterm::event::KeyEvent;
use jiff::Span;
use portico_shared::{NewShift, PersonRef, ShiftPatch, ShiftQuery};

use crate::input::edit::edit_line;
use crate::load::Load;
use crate::sanitize;
use crate::screens::shifts::msg::{ShiftsEffect, ShiftsMsg};
use crate::screens::shifts::{Draft, DraftField, location_of, monday_of};
use crate::shell::model::{App, Confirm, Modal, Pending, Screen};
use crate::shell::msg::{Cmd, Effect};
use crate::shell::status::{error, failed, info};

/// Opens the grid (staff) at the first location and this week there.
pub(crate) fn open(app: &mut App) -> Vec<Effect> {
    if !app.is_staff() {
        error(app, "Shifts are scheduled by staff.".into(), vec![]);
        return vec![];
    }
    let first = app
        .session
        .me
        .as_ref()
        .and_then(|m| m.locations.first())
        .map(|l| l.id);
    let Some(first) = first else {
        error(
            app,
            "There is no location to schedule at yet.".into(),
            vec![],
        );
        return vec![];
    };
    app.screen = Screen::ShiftWeek;
    if app.session.shifts.location.is_none() {
        app.session.shifts.location = Some(first);
    }
    if app.session.shifts.monday.is_none() {
        // This week, today selected.
        let today = today(app);
        let monday = monday_of(today);
        app.session.shifts.monday = Some(monday);
        app.session.shifts.day = super::column(monday, today).unwrap_or(0);
    }
    let mut fx = fetch(app);
    if !matches!(app.session.shifts.workers, Load::Ready(_)) {
        fx.push(Effect::Shifts(ShiftsEffect::FetchWorkers));
    }
    fx
}

/// The zone of the location shown (UTC until one is).
pub fn zone(app: &App) -> String {
    let locations = app.session.me.as_ref().map_or(&[][..], |m| &m.locations);
    location_of(locations, app.session.shifts.location)
        .map_or_else(|| "UTC".to_owned(), |l| l.timezone.clone())
}

/// Today at the location shown.
fn today(app: &App) -> jiff::civil::Date {
    app.now.to_zoned(portico_shared::zone(&zone(app))).date()
}

/// Loads the week shown afresh.
pub(crate) fn fetch(app: &mut App) -> Vec<Effect> {
    let s = &mut app.session.shifts;
    let (Some(location), Some(monday)) = (s.location, s.monday) else {
        return vec![];
    };
    s.generation += 1;
    if !matches!(s.shifts, Load::Ready(_)) {
        s.shifts = Load::Loading;
    }
    vec![Effect::Shifts(ShiftsEffect::FetchWeek {
        generation: s.generation,
        query: ShiftQuery {
            date: Some(monday),
            days: Some(7),
            location_id: Some(location),
            nonce: None,
        },
    })]
}

/// A shift changed somewhere (`None`: events were missed): the week shown
/// is fetched again when it is at that location.
pub(crate) fn live_refresh(app: &mut App, location: Option<portico_shared::Id>) -> Vec<Effect> {
    let s = &app.session.shifts;
    let shown = s.generation > 0 && location.is_none_or(|l| s.location == Some(l));
    if shown { fetch(app) } else { vec![] }
}

// ---- answers --------------------------------------------------------------

pub(crate) fn answer(app: &mut App, msg: ShiftsMsg) -> Vec<Effect> {
    let s = &mut app.session.shifts;
    match msg {
        ShiftsMsg::Week { generation, result } if generation == s.generation => match result {
            Ok(mut shifts) => {
                shifts.iter_mut().for_each(sanitize::shift);
                shifts.sort_by_key(|x| (x.starts_at, x.id));
                s.shifts = Load::Ready(shifts);
                s.clamp();
                vec![]
            }
            Err(f) => {
                s.shifts = Load::Failed(f.message.clone());
                let retry = fetch_again(app);
                failed(app, f, retry)
            }
        },
        ShiftsMsg::Week { .. } => vec![],
        ShiftsMsg::Workers(r) => {
            s.workers = crate::load::people(r);
            vec![]
        }
        ShiftsMsg::Saved(Ok(mut shift)) => {
            sanitize::shift(&mut shift);
            let moved = s.draft.as_ref().is_some_and(|d| d.moving.is_some());
            s.draft = None;
            // The grid shows the week and the day of the shift saved.
            s.monday = Some(monday_of(shift.date));
            s.day = super::column(monday_of(shift.date), shift.date).unwrap_or(0);
            let what = if moved { "moved" } else { "added" };
            let text = format!(
                "Shift {what}: {} {} {}",
                shift.worker.name,
                crate::time::day(shift.date),
                crate::time::local_span(shift.starts_at, shift.ends_at, &shift.location.timezone)
            );
            info(app, text);
            fetch(app)
        }
        ShiftsMsg::Saved(Err(f)) if f.unauthorized => failed(app, f, vec![]),
        ShiftsMsg::Saved(Err(f)) => {
            match s.draft.as_mut() {
                Some(d) => d.refused(f.message, f.fields),
                None => error(app, f.message, vec![]),
            }
            vec![]
        }
        ShiftsMsg::Cancelled(id, Ok(())) => {
            info(app, format!("Shift {id} cancelled"));
            fetch(app)
        }
        ShiftsMsg::Cancelled(_, Err(f)) => failed(app, f, vec![]),
    }
}

fn fetch_again(app: &mut App) -> Vec<Effect> {
    let s = &app.session.shifts;
    match (s.location, s.monday) {
        (Some(location), Some(monday)) => vec![Effect::Shifts(ShiftsEffect::FetchWeek {
            generation: s.generation,
            query: ShiftQuery {
                date: Some(monday),
                days: Some(7),
                location_id: Some(location),
                nonce: None,
            },
        })],
        _ => vec![],
    }
}

// ---- keys -----------------------------------------------------------------

pub(crate) fn keys(app: &mut App, c: Cmd) -> Vec<Effect> {
    if app.session.shifts.draft.is_some() {
        return draft_cmd(app, c);
    }
    let s = &mut app.session.shifts;
    match c {
        Cmd::DayPrev => {
            s.day = s.day.saturating_sub(1);
            s.clamp();
        }
        Cmd::DayNext => {
            s.day = (s.day + 1).min(6);
            s.clamp();
        }
        Cmd::Down => {
            s.row += 1;
            s.clamp();
        }
        Cmd::Up => s.row = s.row.saturating_sub(1),
        Cmd::PrevWeek | Cmd::NextWeek => {
            let weeks = if c == Cmd::NextWeek { 1 } else { -1 };
            s.monday = s
                .monday
                .and_then(|m| m.checked_add(Span::new().weeks(weeks)).ok());
            s.row = 0;
            s.shifts = Load::Loading;
            return fetch(app);
        }
        Cmd::NextTab | Cmd::PrevTab => return next_location(app, c == Cmd::NextTab),
        Cmd::AddShift => return add(app),
        Cmd::MoveShift => match s.current() {
            Some(shift) if shift.clocked_in_at.is_some() => {
                let text = "The worker has clocked into this shift; its times stay.".into();
                error(app, text, vec![]);
            }
            Some(shift) => s.draft = Some(Draft::moving(shift)),
            None => app.dirty = false,
        },
        Cmd::CancelShift => match s.current() {
            Some(shift) if shift.clocked_in_at.is_some() => {
                let text =
                    "The worker has clocked into this shift; it stays on their timesheet.".into();
                error(app, text, vec![]);
            }
            Some(shift) => {
                let question = format!(
                    "Cancel the shift of {} on {}, {} ({})? They are told it is gone.",
                    shift.worker.name,
                    crate::time::day(shift.date),
                    crate::time::local_span(
                        shift.starts_at,
                        shift.ends_at,
                        &shift.location.timezone
                    ),
                    crate::time::zone_name(&shift.location.timezone)
                );
                app.modal = Modal::Confirm(Confirm {
                    question,
                    then: Pending::Run(vec![Effect::Shifts(ShiftsEffect::Cancel(shift.id))]),
                    back: None,
                });
            }
            None => app.dirty = false,
        },
        // Admins came from administration; other staff from anywhere.
        Cmd::Back if app.is_admin() => return crate::screens::admin::update::open(app),
        Cmd::Back => app.screen = Screen::Dashboard,
        _ => app.dirty = false,
    }
    vec![]
}

/// The next (or previous) of the person's locations, at the same week.
fn next_location(app: &mut App, forward: bool) -> Vec<Effect> {
    let ids: Vec<_> = app
        .session
        .me
        .as_ref()
        .map(|m| m.locations.iter().map(|l| l.id).collect())
        .unwrap_or_default();
    let s = &mut app.session.shifts;
    let n = ids.len();
    if n == 0 {
        return vec![];
    }
    let at = ids
        .iter()
        .position(|id| Some(*id) == s.location)
        .unwrap_or(0);
    let to = if forward { at + 1 } else { at + n - 1 };
    s.location = ids.get(to % n).copied();
    s.row = 0;
    s.shifts = Load::Loading;
    fetch(app)
}

/// A new shift on the selected day; the workers who already work at this
/// location this week are offered first.
fn add(app: &mut App) -> Vec<Effect> {
    let s = &mut app.session.shifts;
    let Some(all) = s.workers.ready() else {
        error(
            app,
            "The workers are still loading (^R fetches them again).".into(),
            vec![Effect::Shifts(ShiftsEffect::FetchWorkers)],
        );
        return vec![];
    };
    if all.is_empty() {
        error(app, "There is no active worker to schedule.".into(), vec![]);
        return vec![];
    }
    let here: Vec<_> = s
        .shifts
        .ready()
        .map(|v| v.iter().map(|x| x.worker.id).collect())
        .unwrap_or_default();
    let mut workers: Vec<PersonRef> = all.clone();
    workers.sort_by_key(|w| !here.contains(&w.id));
    let day = s
        .day_date()
        .unwrap_or_else(|| jiff::civil::date(2026, 1, 1));
    s.draft = Some(Draft::add(workers, day));
    vec![]
}

/// Whether a line of the draft is being typed in (its worker is picked).
pub(crate) fn typing(app: &App) -> bool {
    app.session
        .shifts
        .draft
        .as_ref()
        .is_some_and(|d| d.focus != DraftField::Worker)
}

pub(crate) fn text(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(d) = app.session.shifts.draft.as_mut() {
        let f = d.focus;
        if let Some(line) = d.line_mut(f) {
            edit_line(line, key);
        }
    }
    vec![]
}

fn draft_cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    let zone = zone(app);
    let s = &mut app.session.shifts;
    let Some(d) = s.draft.as_mut() else {
        return vec![];
    };
    match c {
        Cmd::NextField | Cmd::PrevField => {
            // Moving a shift keeps its worker: the worker row is skipped.
            let fields: &[DraftField] = if d.moving.is_some() {
                &DraftField::ALL[1..]
            } else {
                &DraftField::ALL
            };
            let n = fields.len();
            let at = fields.iter().position(|f| *f == d.focus).unwrap_or(0);
            let to = if c == Cmd::NextField {
                at + 1
            } else {
                at + n - 1
            };
            d.focus = fields[to % n];
        }
        Cmd::OptionNext if d.focus == DraftField::Worker => {
            d.worker = (d.worker + 1).min(d.workers.len().saturating_sub(1));
        }
        Cmd::OptionPrev if d.focus == DraftField::Worker => {
            d.worker = d.worker.saturating_sub(1);
        }
        Cmd::Cancel => s.draft = None,
        Cmd::Submit if !d.sending => {
            let times = match d.check(&zone) {
                Ok(t) => t,
                Err(errors) => {
                    d.refused("Not sent: see the fields marked ✗".into(), errors);
                    return vec![];
                }
            };
            d.sending = true;
            d.errors.clear();
            d.error = None;
            let fx = match d.moving {
                Some(id) => ShiftsEffect::Move(
                    id,
                    ShiftPatch {
                        starts_at: Some(times.starts_at),
                        ends_at: Some(times.ends_at),
                    },
                ),
                None => ShiftsEffect::Add(NewShift {
                    order_item_id: None,
                    worker_id: Some(times.worker),
                    location_id: s.location,
                    starts_at: Some(times.starts_at),
                    ends_at: Some(times.ends_at),
                }),
            };
            return vec![Effect::Shifts(fx)];
        }
        _ => app.dirty = false,
    }
    vec![]
}
