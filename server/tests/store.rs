//! Store conformance: every store operation on client-visible data against a
//! temporary database built by the shared fixtures, including each scope's
//! refusals (another organisation, another location, an own-only person, a
//! worker). A second backend must pass these unchanged.

use portico_server::store::fixture::World;
use portico_server::store::owners::{self, Owner};
use portico_server::store::timesheets::{Decision, Filter, NewEntryRow, Times};
use portico_server::store::{
    StoreError, attachments, audit, forms, invites, messages, orders, orgs, sessions, settings,
    shifts, tickets, timesheets, users,
};
use portico_shared::{
    ClockAction, Id, ItemState, Module, OrderQuery, OrderStatus, Role, TicketQuery,
    TimesheetStatus, UserFilter, UserStatus,
};

fn world() -> World {
    World::build().expect("fixtures")
}

fn not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::NotFound))
}

fn ticket_ids(w: &World, who: &portico_shared::User) -> Vec<Id> {
    let scope = w.fx.viewer(who).tickets().expect("tickets scope");
    let now = w.fx.now();
    let page =
        w.fx.read(|c| tickets::list(c, &scope, &TicketQuery::default(), 50, now))
            .expect("list");
    let mut ids: Vec<Id> = page.items.iter().map(|t| t.id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn tickets_are_seen_within_the_scope_only() {
    let w = world();
    let mut all = vec![w.acme_ticket, w.acme_own_ticket, w.globex_ticket];
    all.sort_unstable();
    assert_eq!(ticket_ids(&w, &w.staff), all);
    assert_eq!(
        ticket_ids(&w, &w.acme_contact),
        vec![w.acme_ticket, w.acme_own_ticket]
    );
    assert_eq!(ticket_ids(&w, &w.acme_own), vec![w.acme_own_ticket]);
    assert_eq!(ticket_ids(&w, &w.globex_contact), vec![w.globex_ticket]);

    let now = w.fx.now();
    let acme = w.fx.viewer(&w.acme_contact).tickets().expect("scope");
    let own = w.fx.viewer(&w.acme_own).tickets().expect("scope");
    w.fx.read(|c| {
        assert_eq!(
            tickets::get(c, &acme, w.acme_ticket, now)?.id,
            w.acme_ticket
        );
        // Another organisation's ticket is not found, exactly like a missing one.
        assert!(not_found(tickets::get(c, &acme, w.globex_ticket, now)));
        assert!(not_found(tickets::get(c, &acme, 999_999, now)));
        assert!(not_found(tickets::check_visible(c, &acme, w.globex_ticket)));
        // An own-only person sees their own and not a colleague's.
        tickets::check_visible(c, &own, w.acme_own_ticket)?;
        assert!(not_found(tickets::check_visible(c, &own, w.acme_ticket)));
        Ok(())
    })
    .expect("reads");
}

#[test]
fn workers_have_no_ticket_scope() {
    let w = world();
    assert!(w.fx.viewer(&w.worker).tickets().is_err());
    assert!(w.fx.viewer(&w.worker).orders().is_err());
}

#[test]
fn ticket_writes_change_what_the_scope_reads() {
    let w = world();
    let now = w.fx.now() + 60;
    let staff = w.fx.viewer(&w.staff).tickets().expect("scope");
    w.fx.write(|c| {
        assert!(tickets::is_assignable(c, w.staff.id)?);
        assert!(!tickets::is_assignable(c, w.acme_contact.id)?);
        let update = tickets::Update {
            assignee_id: Some(Some(w.staff.id)),
            ..tickets::Update::status(portico_shared::TicketStatus::Open, now)
        };
        // A write needs the proof a scoped read gives.
        let acme = w.fx.viewer(&w.acme_contact).tickets().expect("scope");
        assert!(not_found(tickets::check_visible(c, &acme, w.globex_ticket)));
        let ticket = tickets::check_visible(c, &staff, w.acme_ticket)?;
        tickets::update(c, &ticket, &update)?;
        Ok(())
    })
    .expect("update");
    w.fx.read(|c| {
        let t = tickets::get(c, &staff, w.acme_ticket, now)?;
        assert_eq!(t.status, portico_shared::TicketStatus::Open);
        assert_eq!(t.assignee.map(|a| a.id), Some(w.staff.id));
        assert_eq!(
            tickets::current(c, w.acme_ticket)?.assignee_id,
            Some(w.staff.id)
        );
        assert!(tickets::staff(c)?.iter().any(|p| p.id == w.staff.id));
        Ok(())
    })
    .expect("read back");
}

fn order_ids(w: &World, who: &portico_shared::User) -> Vec<Id> {
    let scope = w.fx.viewer(who).orders().expect("orders scope");
    let page =
        w.fx.read(|c| orders::list(c, &scope, &OrderQuery::default(), 50))
            .expect("list");
    let mut ids: Vec<Id> = page.items.iter().map(|o| o.id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn orders_are_seen_within_organisation_and_locations() {
    let w = world();
    let mut all = vec![w.north_order, w.south_order, w.globex_order];
    all.sort_unstable();
    assert_eq!(order_ids(&w, &w.staff), all);
    assert_eq!(
        order_ids(&w, &w.acme_contact),
        vec![w.north_order, w.south_order]
    );
    assert_eq!(order_ids(&w, &w.acme_north), vec![w.north_order]);
    assert_eq!(order_ids(&w, &w.globex_contact), vec![w.globex_order]);

    let north = w.fx.viewer(&w.acme_north).orders().expect("scope");
    w.fx.read(|c| {
        assert_eq!(
            orders::detail(c, &north, w.north_order)?.order.id,
            w.north_order
        );
        // Another location of the same organisation, and another organisation.
        assert!(not_found(orders::get(c, &north, w.south_order)));
        assert!(not_found(orders::detail(c, &north, w.globex_order)));
        Ok(())
    })
    .expect("reads");
}

#[test]
fn threads_are_reached_through_their_owner() {
    let w = world();
    let acme = w.fx.viewer(&w.acme_contact).reach().expect("reach");
    let north = w.fx.viewer(&w.acme_north).reach().expect("reach");
    let (ticket_thread, south_thread) =
        w.fx.read(|c| {
            let ticket = tickets::current(c, w.acme_ticket)?.thread_id;
            let staff = w.fx.viewer(&w.staff).orders().expect("scope");
            let south = orders::detail(c, &staff, w.south_order)?.order.thread_id;
            Ok((ticket, south))
        })
        .expect("threads");
    w.fx.read(|c| {
        let t = owners::thread(c, &acme, ticket_thread)?;
        assert_eq!(t.owner(), Owner::Ticket(w.acme_ticket));
        assert_eq!(
            owners::thread(c, &acme, south_thread)?.owner(),
            Owner::Order(w.south_order)
        );
        // The North-only contact does not reach the South order's thread.
        assert!(not_found(owners::thread(c, &north, south_thread)));
        let globex = w.fx.viewer(&w.globex_contact).reach().expect("reach");
        assert!(not_found(owners::thread(c, &globex, ticket_thread)));
        assert!(not_found(owners::thread(c, &acme, 999_999)));
        Ok(())
    })
    .expect("owners");
}

#[test]
fn messages_need_a_visible_thread_and_hide_internal_notes() {
    let w = world();
    let now = w.fx.now() + 60;
    let staff = w.fx.viewer(&w.staff).reach().expect("reach");
    let client = w.fx.viewer(&w.acme_contact).reach().expect("reach");
    let thread_id =
        w.fx.read(|c| Ok(tickets::current(c, w.acme_ticket)?.thread_id))
            .expect("thread");
    w.fx.write(|c| {
        let thread = owners::thread(c, &staff, thread_id)?;
        for (body, internal) in [("public reply", false), ("internal note", true)] {
            let row = messages::NewMessageRow {
                thread,
                author_id: w.staff.id,
                body,
                internal,
                now,
            };
            messages::insert(c, &row)?;
        }
        Ok(())
    })
    .expect("post");
    w.fx.read(|c| {
        let for_staff = owners::thread(c, &staff, thread_id)?;
        let for_client = owners::thread(c, &client, thread_id)?;
        assert_eq!(messages::list(c, &for_staff, true, 0, 50)?.items.len(), 2);
        let seen = messages::list(c, &for_client, false, 0, 50)?;
        assert_eq!(seen.items.len(), 1);
        assert_eq!(seen.items[0].body, "public reply");
        assert_eq!(tickets::public_count(c, w.acme_ticket)?, 1);
        Ok(())
    })
    .expect("list");
    w.fx.write(|c| {
        let thread = owners::thread(c, &client, thread_id)?;
        messages::mark_read(c, w.acme_contact.id, &thread)
    })
    .expect("mark read");
    let scope = w.fx.viewer(&w.acme_contact).tickets().expect("scope");
    let unread =
        w.fx.read(|c| Ok(tickets::get(c, &scope, w.acme_ticket, now)?.unread_count))
            .expect("ticket");
    assert_eq!(unread, 0);
}

#[test]
fn files_belong_to_an_owner_and_follow_its_scope() {
    let w = world();
    let now = w.fx.now() + 60;
    let upload = |uploader: Id| {
        w.fx.write(|c| {
            let file = attachments::NewFile {
                uploader_id: uploader,
                file_name: "quote.txt",
                content_type: "text/plain",
                size: 5,
                now,
            };
            attachments::insert(c, &file, &mut &b"hello"[..])
        })
        .expect("upload")
        .id
    };
    let on_ticket = upload(w.acme_contact.id);
    let on_order = upload(w.staff.id);
    let foreign = upload(w.globex_contact.id);
    let acme = w.fx.viewer(&w.acme_contact).tickets().expect("scope");
    let staff_orders = w.fx.viewer(&w.staff).orders().expect("scope");
    let north_orders = w.fx.viewer(&w.acme_north).orders().expect("scope");
    w.fx.write(|c| {
        let ticket = tickets::check_visible(c, &acme, w.acme_ticket)?;
        // Attaching to an order needs the proof that it is visible.
        assert!(not_found(orders::check_visible(
            c,
            &north_orders,
            w.south_order
        )));
        let order = orders::check_visible(c, &staff_orders, w.south_order)?;
        // Only the uploader's own unattached files can be linked.
        assert_eq!(
            attachments::link(c, w.acme_contact.id, &[foreign], Some(&ticket), None)?,
            vec![foreign]
        );
        assert!(
            attachments::link(c, w.acme_contact.id, &[on_ticket], Some(&ticket), None)?.is_empty()
        );
        assert!(attachments::link_to_order(c, w.staff.id, &[on_order], &order, true)?.is_empty());
        assert_eq!(
            attachments::not_free(c, w.acme_contact.id, &[on_ticket])?,
            vec![on_ticket]
        );
        Ok(())
    })
    .expect("link");
    w.fx.read(|c| {
        let p = attachments::placement(c, on_ticket)?.expect("placed");
        assert_eq!(p.owner, Some(Owner::Ticket(w.acme_ticket)));
        let p = attachments::placement(c, on_order)?.expect("placed");
        assert_eq!(p.owner, Some(Owner::Order(w.south_order)));
        assert_eq!(
            attachments::placement(c, foreign)?.expect("kept").owner,
            None
        );
        let north = w.fx.viewer(&w.acme_north).reach().expect("reach");
        assert!(not_found(owners::visible(
            c,
            &north,
            Owner::Order(w.south_order)
        )));
        owners::visible(c, &north, Owner::Ticket(w.acme_ticket))?;
        assert_eq!(attachments::of_ticket_body(c, w.acme_ticket)?.len(), 1);
        assert_eq!(attachments::of_order(c, w.south_order, true)?.len(), 1);
        assert_eq!(attachments::chunk(c, on_ticket, 1, 3)?, b"ell");
        assert_eq!(attachments::meta_of(c, on_ticket)?.size, 5);
        assert_eq!(attachments::person_usage(c, w.staff.id)?, 5);
        assert_eq!(attachments::organization_usage(c, w.acme.id)?, 5);
        Ok(())
    })
    .expect("placements");
}

#[test]
fn shifts_and_entries_are_seen_by_their_worker_and_places() {
    let w = world();
    let worker = w.fx.viewer(&w.worker).timesheets().expect("scope");
    let north = w.fx.viewer(&w.acme_north).timesheets().expect("scope");
    let globex = w.fx.viewer(&w.globex_contact).timesheets().expect("scope");
    let staff = w.fx.viewer(&w.staff).timesheets().expect("scope");
    w.fx.read(|c| {
        assert_eq!(shifts::get(c, &worker, w.north_shift)?.id, w.north_shift);
        // Another worker's shift; another location; another organisation.
        assert!(not_found(shifts::get(c, &worker, w.south_shift)));
        assert!(not_found(shifts::get(c, &north, w.south_shift)));
        assert!(not_found(shifts::get(c, &globex, w.north_shift)));
        let (from, to) = (w.fx.now(), w.fx.now() + 3 * 86_400);
        let ids = |rows: Vec<shifts::ShiftRow>| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(
            ids(shifts::starting_between(c, &north, from, to, None)?),
            vec![w.north_shift]
        );
        assert_eq!(
            ids(shifts::starting_between(c, &staff, from, to, None)?).len(),
            3
        );
        Ok(())
    })
    .expect("shifts");
    let (row, now) = (
        w.fx.read(|c| shifts::get(c, &worker, w.north_shift))
            .expect("shift"),
        w.fx.now(),
    );
    let entry =
        w.fx.write(|c| {
            let times = Times {
                work_date: portico_shared::local_day(
                    portico_server::store::ts(row.starts_at),
                    &jiff::tz::TimeZone::UTC,
                ),
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                break_minutes: 30,
                note: String::new(),
            };
            let new = NewEntryRow {
                worker_id: w.worker.id,
                location_id: w.acme.locations[0],
                order_id: None,
                shift_id: Some(row.id),
                times,
                status: TimesheetStatus::Draft,
            };
            timesheets::insert(c, &new, now)
        })
        .expect("entry");
    w.fx.read(|c| {
        assert_eq!(
            timesheets::get(c, &worker, entry)?.status,
            TimesheetStatus::Draft
        );
        // A draft is the worker's own until submitted; other places never see it.
        assert!(not_found(timesheets::get(c, &north, entry)));
        assert!(not_found(timesheets::get(c, &globex, entry)));
        let day = portico_shared::local_day(
            portico_server::store::ts(row.starts_at),
            &jiff::tz::TimeZone::UTC,
        );
        assert_eq!(
            timesheets::list(c, &worker, day, day, &Filter::default())?.len(),
            1
        );
        assert!(timesheets::list(c, &north, day, day, &Filter::default())?.is_empty());
        Ok(())
    })
    .expect("entries");
}

#[test]
fn orders_move_along_with_their_items() {
    let w = world();
    let now = w.fx.now() + 60;
    let staff = w.fx.viewer(&w.staff).orders().expect("scope");
    let item =
        w.fx.write(|c| {
            let order = orders::check_visible(c, &staff, w.north_order)?;
            assert_eq!(orders::status(c, w.north_order)?, OrderStatus::Submitted);
            let update = orders::Update {
                status: Some(OrderStatus::Accepted),
                title: Some("North deep clean"),
                priority: None,
                team: Some(Some("cleaning")),
                due_date: None,
                now,
            };
            orders::update(c, &order, &update)?;
            assert!(orders::is_worker(c, w.worker.id)?);
            assert!(!orders::is_worker(c, w.staff.id)?);
            assert!(orders::location_of(c, w.acme.id, w.acme.locations[1])?);
            assert!(!orders::location_of(c, w.acme.id, w.globex.locations[0])?);
            let row = |description| orders::ItemRow {
                description,
                worker_id: Some(w.worker.id),
                starts_at: None,
                ends_at: None,
                state: ItemState::Open,
                now,
            };
            let item = orders::insert_item(c, &order, &row("Windows"))?;
            orders::replace_item(c, &order, item, &row("Windows and doors"))?;
            orders::touch(c, &order, now)?;
            Ok(item)
        })
        .expect("writes");
    w.fx.read(|c| {
        let detail = orders::detail(c, &staff, w.north_order)?;
        assert_eq!(detail.order.status, OrderStatus::Accepted);
        assert_eq!(detail.order.title, "North deep clean");
        assert_eq!(orders::items(c, w.north_order)?.len(), 1);
        assert_eq!(
            orders::item(c, w.north_order, item)?.description,
            "Windows and doors"
        );
        // An item is found only under its own order.
        assert!(not_found(orders::item(c, w.south_order, item)));
        Ok(())
    })
    .expect("reads");
}

#[test]
fn the_clock_finds_shifts_and_entries_their_overlaps() {
    let w = world();
    let worker = w.fx.viewer(&w.worker).timesheets().expect("scope");
    let row =
        w.fx.read(|c| shifts::get(c, &worker, w.north_shift))
            .expect("shift");
    let now = row.starts_at - 600;
    w.fx.write(|c| {
        assert_eq!(shifts::open_shift(c, w.worker.id)?, None);
        assert_eq!(
            shifts::next_shift(c, w.worker.id, now)?,
            Some(w.north_shift)
        );
        shifts::add_event(c, w.north_shift, ClockAction::In, now)?;
        assert_eq!(shifts::open_shift(c, w.worker.id)?, Some(w.north_shift));
        assert_eq!(
            shifts::overlapping(c, w.worker.id, row.starts_at, row.ends_at)?,
            Some(w.north_shift)
        );
        // Only the worker's own shifts count.
        assert_eq!(
            shifts::overlapping(c, w.other_worker.id, row.starts_at, row.ends_at)?,
            Some(w.south_shift)
        );
        assert_eq!(
            shifts::overlapping(c, w.worker.id, row.ends_at + 86_400, row.ends_at + 90_000)?,
            None
        );
        assert!(shifts::location_exists(c, w.acme.locations[0])?);
        assert!(!shifts::location_exists(c, 999_999)?);
        assert_eq!(
            shifts::place(c, w.acme.locations[0])?.id,
            w.acme.locations[0]
        );
        assert_eq!(
            shifts::item_placement(c, 999_999)?.map(|p| p.location_id),
            None
        );
        Ok(())
    })
    .expect("clock");
    let shift =
        w.fx.read(|c| shifts::get(c, &worker, w.north_shift))
            .expect("shift");
    assert_eq!(shift.last_action(), Some(ClockAction::In));
}

#[test]
fn entries_are_decided_and_fixed() {
    let w = world();
    let worker = w.fx.viewer(&w.worker).timesheets().expect("scope");
    let approver =
        w.fx.viewer(&w.acme_north)
            .timesheet_approver()
            .expect("scope");
    let row =
        w.fx.read(|c| shifts::get(c, &worker, w.north_shift))
            .expect("shift");
    let times = |starts_at: i64, note: &str| Times {
        work_date: portico_shared::local_day(
            portico_server::store::ts(starts_at),
            &jiff::tz::TimeZone::UTC,
        ),
        starts_at,
        ends_at: starts_at + 4 * 3_600,
        break_minutes: 0,
        note: note.to_owned(),
    };
    let now = w.fx.now();
    let entry =
        w.fx.write(|c| {
            let new = NewEntryRow {
                worker_id: w.worker.id,
                location_id: w.acme.locations[0],
                order_id: None,
                shift_id: None,
                times: times(row.starts_at, "first"),
                status: TimesheetStatus::Submitted,
            };
            let id = timesheets::insert(c, &new, now)?;
            assert_eq!(
                timesheets::overlapping(c, w.worker.id, row.starts_at, row.ends_at, None)?,
                Some(id)
            );
            assert_eq!(
                timesheets::overlapping(c, w.worker.id, row.starts_at, row.ends_at, Some(id))?,
                None
            );
            assert!(shifts::worked_at(c, w.worker.id, w.acme.locations[0])?);
            assert!(!shifts::worked_at(
                c,
                w.other_worker.id,
                w.acme.locations[0]
            )?);
            Ok(id)
        })
        .expect("entry");
    // A submitted entry is the approver's to see at their location.
    w.fx.read(|c| timesheets::get(c, &approver, entry))
        .expect("visible");
    w.fx.write(|c| {
        let reject = Decision {
            status: TimesheetStatus::Rejected,
            reason: Some("wrong day"),
            by: Some(w.acme_north.id),
        };
        timesheets::set_status(c, entry, &reject, now)?;
        timesheets::update_times(c, entry, &times(row.starts_at + 3_600, "fixed"), now)
    })
    .expect("decide");
    let e = w.fx.read(|c| timesheets::get_any(c, entry)).expect("entry");
    assert_eq!(e.status, TimesheetStatus::Rejected);
    assert_eq!(e.reason.as_deref(), Some("wrong day"));
    assert_eq!(e.note, "fixed");
    assert_eq!(e.starts_at.as_second(), row.starts_at + 3_600);
}

#[test]
fn resolved_tickets_close_and_search_stays_in_scope() {
    let w = world();
    let later = w.fx.now() + 10 * 86_400;
    let staff = w.fx.viewer(&w.staff).tickets().expect("scope");
    w.fx.write(|c| {
        let ticket = tickets::check_visible(c, &staff, w.globex_ticket)?;
        tickets::update(
            c,
            &ticket,
            &tickets::Update::status(portico_shared::TicketStatus::Resolved, w.fx.now()),
        )?;
        assert_eq!(
            tickets::close_resolved_before(c, later, later)?,
            vec![w.globex_ticket]
        );
        Ok(())
    })
    .expect("close");
    let search = |who: &portico_shared::User, q: &str| {
        let scope = w.fx.viewer(who).tickets().expect("scope");
        let query = TicketQuery {
            q: Some(q.to_owned()),
            ..TicketQuery::default()
        };
        w.fx.read(|c| tickets::list(c, &scope, &query, 50, later))
            .expect("search")
            .items
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(search(&w.staff, "crane"), vec![w.globex_ticket]);
    // Another organisation's words find nothing.
    assert!(search(&w.acme_contact, "crane").is_empty());
    assert_eq!(search(&w.acme_contact, "printer"), vec![w.acme_ticket]);
}

#[test]
fn people_organisations_sessions_and_settings() {
    let w = world();
    let now = w.fx.now();
    w.fx.write(|c| {
        assert_eq!(orgs::get(c, w.acme.id)?.name, "Acme");
        let page = orgs::list(c, Some("glob"), None, 0, 50)?;
        assert_eq!(
            page.items.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![w.globex.id]
        );
        assert_eq!(orgs::locations(c, w.acme.id, None)?.len(), 2);
        assert_eq!(
            orgs::locations(c, w.acme.id, Some(&w.acme.locations[..1]))?.len(),
            1
        );
        assert_eq!(orgs::all_locations(c)?.len(), 3);
        assert_eq!(
            orgs::foreign_locations(c, w.acme.id, &[w.acme.locations[0], w.globex.locations[0]])?,
            vec![w.globex.locations[0]]
        );
        let filter = UserFilter {
            organization_id: Some(w.acme.id),
            ..UserFilter::default()
        };
        assert_eq!(users::list(c, &filter, 0, 50)?.items.len(), 3);
        assert!(
            users::active_in(c, &[Role::Worker])?
                .iter()
                .any(|p| p.id == w.worker.id)
        );
        assert!(users::count_staff(c)? >= 1);
        users::set_password(c, w.worker.id, "hash")?;
        assert_eq!(
            sessions::password_hash(c, w.worker.id)?.as_deref(),
            Some("hash")
        );
        let session = sessions::insert(
            c,
            &sessions::NewSession {
                user_id: w.worker.id,
                token_hash: b"token",
                now,
                expires_at: now + 3_600,
                ip: "127.0.0.1",
                user_agent: "test",
                viewed_by: None,
            },
        )?;
        assert_eq!(
            sessions::by_token(c, b"token")?.map(|s| s.session_id),
            Some(session)
        );
        assert_eq!(sessions::list_live(c, w.worker.id, now, session)?.len(), 1);
        assert_eq!(sessions::revoke_all(c, w.worker.id, now)?, 1);
        assert!(sessions::list_live(c, w.worker.id, now, session)?.is_empty());
        // A code is live only while its person is invited.
        invites::insert(c, w.other_worker.id, b"code", now, now + 3_600)?;
        assert!(invites::live(c, b"code", now)?.is_none());
        users::set_status(c, w.other_worker.id, UserStatus::Invited)?;
        assert!(invites::live(c, b"code", now)?.is_some());
        assert_eq!(invites::redeem(c, b"code", now)?, Some(w.other_worker.id));
        assert_eq!(invites::redeem(c, b"code", now)?, None);
        settings::set_disabled_modules(c, &[Module::Orders])?;
        assert_eq!(settings::disabled_modules(c)?, vec![Module::Orders]);
        audit::record(
            c,
            &audit::Entry {
                at: now,
                actor_id: Some(w.staff.id),
                action: "test.action",
                target: "user:1".into(),
                ip: "127.0.0.1",
                detail: String::new(),
            },
        )?;
        assert_eq!(
            audit::list(c, &audit::Filter::default(), 10)?.items[0].action,
            "test.action"
        );
        let (form, version) = forms::effective(c, w.acme.id)?;
        assert_eq!(forms::snapshot(c, version)?.fields, form.definition.fields);
        Ok(())
    })
    .expect("people");
}

#[test]
fn messages_files_forms_and_sessions_round_trip() {
    let w = world();
    let now = w.fx.now() + 60;
    let reach = w.fx.viewer(&w.acme_contact).reach().expect("reach");
    let thread_id =
        w.fx.read(|c| Ok(tickets::current(c, w.acme_ticket)?.thread_id))
            .expect("thread");
    let (message, file, stale) =
        w.fx.write(|c| {
            let thread = owners::thread(c, &reach, thread_id)?;
            let row = messages::NewMessageRow {
                thread,
                author_id: w.acme_contact.id,
                body: "see the file",
                internal: false,
                now,
            };
            let message = messages::insert(c, &row)?;
            let upload = |at| attachments::NewFile {
                uploader_id: w.acme_contact.id,
                file_name: "a.txt",
                content_type: "text/plain",
                size: 1,
                now: at,
            };
            let file = attachments::insert(c, &upload(now), &mut &b"a"[..])?.id;
            let stale = attachments::insert(c, &upload(now - 86_400), &mut &b"b"[..])?.id;
            assert!(
                attachments::link(c, w.acme_contact.id, &[file], None, Some(message))?.is_empty()
            );
            Ok((message, file, stale))
        })
        .expect("post");
    w.fx.write(|c| {
        let m = messages::get(c, message)?;
        assert_eq!(
            m.attachments.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![file]
        );
        assert_eq!(attachments::of_message(c, message)?.len(), 1);
        // A file on a message belongs to the thread's owner.
        let placed = attachments::placement(c, file)?.expect("placed");
        assert_eq!(placed.owner, Some(Owner::Ticket(w.acme_ticket)));
        // Only the old unattached upload is cleaned up.
        assert_eq!(attachments::delete_unattached_before(c, now - 3_600)?, 1);
        assert!(attachments::placement(c, stale)?.is_none());
        assert!(attachments::placement(c, file)?.is_some());
        Ok(())
    })
    .expect("files");

    w.fx.write(|c| {
        let (default_form, _) = forms::effective(c, w.acme.id)?;
        let mut def = default_form.definition.clone();
        def.name = "Acme order".into();
        let id = forms::insert(c, w.acme.id, &def, now)?;
        assert!(forms::insert(c, w.acme.id, &def, now).is_err());
        def.name = "Acme order v2".into();
        forms::replace(c, id, &def, now)?;
        let form = forms::get(c, id)?;
        assert_eq!(
            (form.definition.name.as_str(), form.version),
            ("Acme order v2", 2)
        );
        assert!(forms::list(c)?.iter().any(|f| f.id == id));
        assert_eq!(forms::effective(c, w.acme.id)?.0.id, id);
        assert_eq!(forms::effective(c, w.globex.id)?.0.id, default_form.id);
        Ok(())
    })
    .expect("forms");

    w.fx.write(|c| {
        orgs::update(
            c,
            w.globex.id,
            &orgs::Changes {
                name: Some("Globex Corp"),
                ..orgs::Changes::default()
            },
        )?;
        assert_eq!(orgs::get(c, w.globex.id)?.name, "Globex Corp");
        users::activate(c, w.worker.id, "hash", now)?;
        let (user, hash) = users::credentials(c, &w.worker.email)?.expect("known");
        assert_eq!((user.id, hash.as_deref()), (w.worker.id, Some("hash")));
        assert!(users::credentials(c, "nobody@fixture.example")?.is_none());
        let session = |token: &'static [u8]| {
            sessions::insert(
                c,
                &sessions::NewSession {
                    user_id: w.worker.id,
                    token_hash: token,
                    now,
                    expires_at: now + 3_600,
                    ip: "127.0.0.1",
                    user_agent: "test",
                    viewed_by: None,
                },
            )
        };
        let (a, b, d) = (session(b"a")?, session(b"b")?, session(b"d")?);
        sessions::revoke(c, a, now)?;
        assert!(sessions::by_token(c, b"a")?.is_none());
        // Someone else's session is not theirs to end.
        assert!(not_found(sessions::revoke_own(c, w.staff.id, b, now)));
        assert!(sessions::by_token(c, b"b")?.is_some());
        sessions::revoke_own(c, w.worker.id, b, now)?;
        assert!(sessions::by_token(c, b"b")?.is_none());
        session(b"e")?;
        assert_eq!(sessions::revoke_others(c, w.worker.id, d, now)?, 1);
        assert!(sessions::by_token(c, b"d")?.is_some());
        invites::insert(c, w.other_worker.id, b"code", now, now + 3_600)?;
        users::set_status(c, w.other_worker.id, UserStatus::Invited)?;
        invites::void_all(c, w.other_worker.id, now)?;
        assert!(invites::live(c, b"code", now)?.is_none());
        Ok(())
    })
    .expect("people");
}

#[test]
fn a_workers_view_hides_the_organisation_behind_an_entry() {
    let w = world();
    let worker = w.fx.viewer(&w.worker).timesheets().expect("scope");
    let staff = w.fx.viewer(&w.staff).timesheets().expect("scope");
    let row =
        w.fx.read(|c| shifts::get(c, &worker, w.north_shift))
            .expect("shift");
    let entry =
        w.fx.write(|c| {
            let new = NewEntryRow {
                worker_id: w.worker.id,
                location_id: w.acme.locations[0],
                order_id: None,
                shift_id: Some(row.id),
                times: Times {
                    work_date: portico_shared::local_day(
                        portico_server::store::ts(row.starts_at),
                        &jiff::tz::TimeZone::UTC,
                    ),
                    starts_at: row.starts_at,
                    ends_at: row.ends_at,
                    break_minutes: 0,
                    note: String::new(),
                },
                status: TimesheetStatus::Submitted,
            };
            timesheets::insert(c, &new, row.starts_at)
        })
        .expect("entry");
    let stored =
        w.fx.read(|c| timesheets::get(c, &staff, entry))
            .expect("entry");
    assert!(
        timesheets::view(stored.clone(), &staff)
            .organization
            .is_some()
    );
    assert!(timesheets::view(stored, &worker).organization.is_none());
    assert_eq!(
        timesheets::minutes_between(row.starts_at, row.ends_at),
        8 * 60
    );
}

#[test]
fn articles_are_seen_by_visibility_and_tag_and_keep_revisions() {
    use portico_server::access::KnowledgeScope;
    use portico_server::store::knowledge::{self, Content};
    use portico_shared::{ArticleQuery, ArticleVisibility};

    let w = world();
    let now = w.fx.now();
    let tags = ["gold".to_owned()];
    let content = |title: &str, visibility| Content {
        title: title.to_owned(),
        body: format!("{title} body about kettles"),
        category: "Guides".to_owned(),
        visibility,
        tags: if visibility == ArticleVisibility::Tags {
            tags.to_vec()
        } else {
            Vec::new()
        },
    };
    let staff_id = w.staff.id;
    let ids =
        w.fx.write(|c| {
            orgs::update(
                c,
                w.acme.id,
                &orgs::Changes {
                    tags: Some(&tags),
                    ..Default::default()
                },
            )?;
            let mut ids = Vec::new();
            for (t, v) in [
                ("Public", ArticleVisibility::Public),
                ("Clients", ArticleVisibility::Clients),
                ("Gold", ArticleVisibility::Tags),
                ("Staff", ArticleVisibility::Staff),
            ] {
                ids.push(knowledge::insert(c, &content(t, v), staff_id, now)?);
            }
            Ok(ids)
        })
        .expect("writes");
    let seen = |scope: &KnowledgeScope, q: Option<&str>| {
        let query = ArticleQuery {
            q: q.map(str::to_owned),
            ..Default::default()
        };
        let page =
            w.fx.read(|c| knowledge::list(c, scope, &query, 50))
                .expect("list");
        let mut got: Vec<Id> = page.items.iter().map(|a| a.id).collect();
        got.sort_unstable();
        got
    };
    let anyone = KnowledgeScope::anonymous(&[]).expect("scope");
    let acme = w.fx.viewer(&w.acme_contact).knowledge().expect("scope");
    let globex = w.fx.viewer(&w.globex_contact).knowledge().expect("scope");
    let staff = w.fx.viewer(&w.staff).knowledge().expect("scope");
    for q in [None, Some("kettles")] {
        assert_eq!(seen(&anyone, q), ids[..1]);
        assert_eq!(seen(&acme, q), ids[..3]);
        assert_eq!(seen(&globex, q), ids[..2]);
        assert_eq!(seen(&staff, q), ids);
    }
    assert!(KnowledgeScope::anonymous(&[Module::Knowledge]).is_err());
    w.fx.read(|c| {
        assert!(not_found(knowledge::get(c, &globex, ids[2])));
        assert!(not_found(knowledge::get(c, &acme, ids[3])));
        assert_eq!(knowledge::get(c, &acme, ids[2])?.tags, Vec::<String>::new());
        assert_eq!(knowledge::get(c, &staff, ids[2])?.tags, tags.to_vec());
        Ok(())
    })
    .expect("reads");
    w.fx.write(|c| {
        knowledge::revise(
            c,
            ids[0],
            &content("Renamed", ArticleVisibility::Staff),
            staff_id,
            now,
        )?;
        assert_eq!(knowledge::get(c, &staff, ids[0])?.revision, 2);
        assert!(not_found(knowledge::get(c, &anyone, ids[0])));
        knowledge::delete(c, ids[1], now)?;
        assert!(not_found(knowledge::get(c, &staff, ids[1])));
        assert!(not_found(knowledge::delete(c, ids[1], now)));
        assert!(not_found(knowledge::revise(
            c,
            ids[1],
            &content("X", ArticleVisibility::Public),
            staff_id,
            now
        )));
        Ok(())
    })
    .expect("writes");
    // The deleted one left search; the renamed one is found by its new text.
    assert_eq!(seen(&staff, Some("kettles")), vec![ids[0], ids[2], ids[3]]);
    // Revisions: staff see both of the renamed one; a reader of the
    // article sees only the revisions their scope could read.
    w.fx.write(|c| {
        knowledge::revise(
            c,
            ids[0],
            &content("Public again", ArticleVisibility::Public),
            staff_id,
            now,
        )
    })
    .expect("revise");
    w.fx.read(|c| {
        let numbers = |scope: &KnowledgeScope| -> portico_server::store::Result<Vec<i64>> {
            Ok(knowledge::revisions(c, scope, ids[0])?
                .iter()
                .map(|r| r.revision)
                .collect())
        };
        assert_eq!(numbers(&staff)?, [3, 2, 1]);
        assert_eq!(numbers(&anyone)?, [3, 1]);
        assert_eq!(knowledge::revisions(c, &anyone, ids[0])?[0].editor, None);
        assert!(not_found(knowledge::revisions(c, &globex, ids[3])));
        assert!(not_found(knowledge::revisions(c, &staff, ids[1])));
        Ok(())
    })
    .expect("reads");
}

#[test]
fn support_forms_follow_the_article_rule_and_hide_routing() {
    use portico_server::store::support_forms::{self, FormRow};
    use portico_shared::{ArticleVisibility, Priority};

    let w = world();
    let now = w.fx.now();
    let gold = vec!["gold".to_owned()];
    let row = |name: &str, visibility, tags: &[String]| FormRow {
        name: name.to_owned(),
        fields: Vec::new(),
        priority: Priority::High,
        tag: Some("routed".to_owned()),
        assignee_id: Some(w.staff.id),
        team: Some("Desk".to_owned()),
        visibility,
        tags: tags.to_vec(),
        public: false,
    };
    let (all, gold_form) =
        w.fx.write(|c| {
            orgs::update(
                c,
                w.acme.id,
                &orgs::Changes {
                    tags: Some(&gold),
                    ..Default::default()
                },
            )?;
            let all = support_forms::insert(c, &row("All", ArticleVisibility::Clients, &[]), now)?;
            let g = support_forms::insert(c, &row("Gold", ArticleVisibility::Tags, &gold), now)?;
            support_forms::insert(c, &row("Staff", ArticleVisibility::Staff, &[]), now)?;
            Ok((all, g))
        })
        .expect("writes");
    let acme = w.fx.viewer(&w.acme_contact).support_forms().expect("scope");
    let globex =
        w.fx.viewer(&w.globex_contact)
            .support_forms()
            .expect("scope");
    let staff = w.fx.viewer(&w.staff).support_forms().expect("scope");
    assert!(w.fx.viewer(&w.worker).support_forms().is_err());
    w.fx.read(|c| {
        let ids = |s| -> Result<Vec<Id>, StoreError> {
            Ok(support_forms::list(c, s)?.iter().map(|f| f.id).collect())
        };
        assert_eq!(ids(&acme)?, vec![all, gold_form]);
        assert_eq!(ids(&globex)?, vec![all]);
        assert_eq!(ids(&staff)?.len(), 3);
        assert!(not_found(support_forms::get(c, &globex, gold_form)));
        let seen = support_forms::get(c, &acme, gold_form)?;
        assert_eq!((seen.tag, seen.team, seen.assignee), (None, None, None));
        let full = support_forms::get(c, &staff, gold_form)?;
        assert_eq!(full.tag.as_deref(), Some("routed"));
        assert_eq!(
            support_forms::routing(c, gold_form)?,
            (
                Some("routed".to_owned()),
                Some(w.staff.id),
                Some("Desk".to_owned())
            )
        );
        Ok(())
    })
    .expect("reads");
    w.fx.write(|c| {
        support_forms::replace(
            c,
            gold_form,
            &row("Gold", ArticleVisibility::Staff, &[]),
            now,
        )?;
        assert!(not_found(support_forms::get(c, &acme, gold_form)));
        assert!(not_found(support_forms::replace(
            c,
            999_999,
            &row("X", ArticleVisibility::Clients, &[]),
            now
        )));
        // Public: listed and fetched without a scope only once flagged;
        // held submissions come back newest first; deleted forms are gone.
        assert!(support_forms::list_public(c)?.is_empty());
        assert!(not_found(support_forms::get_public(c, all)));
        let public = FormRow {
            public: true,
            ..row("All", ArticleVisibility::Clients, &[])
        };
        support_forms::replace(c, all, &public, now)?;
        let listed = support_forms::list_public(c)?;
        assert_eq!(listed.iter().map(|f| f.id).collect::<Vec<_>>(), [all]);
        assert_eq!(listed[0].tag, None, "no routing for the public");
        support_forms::hold(c, all, "a@x.example", "First", "b", now)?;
        support_forms::hold(c, all, "b@x.example", "Second", "b", now)?;
        let held = support_forms::holds(c)?;
        assert_eq!(
            held.iter().map(|h| h.subject.as_str()).collect::<Vec<_>>(),
            ["Second", "First"]
        );
        assert_eq!(
            support_forms::contact_by_email(c, "nobody@x.example")?,
            None
        );
        support_forms::delete(c, all, now)?;
        assert!(not_found(support_forms::get_public(c, all)));
        assert!(not_found(support_forms::delete(c, all, now)));
        Ok(())
    })
    .expect("writes");
}

/// A draft of `org` with one line (100.00 net, 19.00 tax) ending on `until`.
fn billing_draft(org: Id, until: &str) -> portico_server::store::billing::Draft {
    use portico_server::store::billing::{Draft, LineRow};
    Draft {
        organization_id: org,
        currency: "EUR".into(),
        issue_date: "2026-11-02".parse().expect("date"),
        until: until.parse().expect("date"),
        notes: String::new(),
        lines: vec![LineRow {
            description: "Work".into(),
            quantity: "1".into(),
            unit_price: "100".into(),
            tax_rate: "19".into(),
            net: 10_000,
            tax: 1_900,
        }],
    }
}

#[test]
fn invoices_and_quotes_keep_to_their_organisation_and_hide_drafts() {
    use portico_server::store::billing::{self, Doc, Filter, Kind, ListArgs};
    use portico_server::store::{invoices, quotes};
    let w = world();
    let now = w.fx.now();
    let today: jiff::civil::Date = "2026-11-20".parse().expect("date");
    let (acme_draft, acme_sent, globex_sent, quote) =
        w.fx.write(|c| {
            let mut ids = Vec::new();
            for (org, until) in [
                (w.acme.id, "2026-11-30"),
                (w.acme.id, "2026-11-16"),
                (w.globex.id, "2026-11-30"),
            ] {
                let d = billing_draft(org, until);
                ids.push(billing::insert(
                    c,
                    Kind::Invoice,
                    &d,
                    10_000,
                    1_900,
                    w.staff.id,
                    now,
                )?);
            }
            for (i, id) in ids.iter().enumerate().skip(1) {
                let number = billing::next_number(c, Kind::Invoice, 2026)?;
                assert_eq!(number, format!("INV-2026-{i:04}"));
                billing::mark_sent(c, Kind::Invoice, *id, &number, now)?;
            }
            let d = billing_draft(w.acme.id, "2026-11-19");
            let q = billing::insert(c, Kind::Quote, &d, 10_000, 1_900, w.staff.id, now)?;
            let number = billing::next_number(c, Kind::Quote, 2026)?;
            billing::mark_sent(c, Kind::Quote, q, &number, now)?;
            Ok((ids[0], ids[1], ids[2], q))
        })
        .expect("writes");
    let staff = w.fx.viewer(&w.staff).invoices().expect("scope");
    let acme = w.fx.viewer(&w.acme_contact).invoices().expect("scope");
    let north = w.fx.viewer(&w.acme_north).invoices().expect("scope");
    let globex = w.fx.viewer(&w.globex_contact).invoices().expect("scope");
    assert!(w.fx.viewer(&w.worker).invoices().is_err());
    let args = |filter| ListArgs {
        organization: None,
        number: None,
        filter,
        today,
        before: Id::MAX,
        limit: 50,
    };
    w.fx.read(|c| {
        let ids = |scope, filter| -> Result<Vec<Id>, StoreError> {
            Ok(invoices::list(c, scope, &args(filter))?
                .iter()
                .map(|r| r.id)
                .collect())
        };
        assert_eq!(
            ids(&staff, Filter::Any)?,
            vec![globex_sent, acme_sent, acme_draft]
        );
        // Billing is the organisation's: a location-limited contact sees it all.
        assert_eq!(ids(&acme, Filter::Any)?, vec![acme_sent]);
        assert_eq!(ids(&north, Filter::Any)?, vec![acme_sent]);
        assert_eq!(ids(&globex, Filter::Any)?, vec![globex_sent]);
        assert_eq!(ids(&staff, Filter::Late)?, vec![acme_sent]);
        assert_eq!(ids(&staff, Filter::OnTime)?, vec![globex_sent]);
        assert_eq!(ids(&staff, Filter::Is("draft"))?, vec![acme_draft]);
        assert!(not_found(invoices::get(c, &acme, acme_draft)));
        assert!(not_found(invoices::get(c, &globex, acme_sent)));
        assert!(not_found(invoices::get(c, &globex, 999_999)));
        let qs = w.fx.viewer(&w.globex_contact).quotes().expect("scope");
        assert!(not_found(quotes::get(c, &qs, quote)));
        let qa = w.fx.viewer(&w.acme_contact).quotes().expect("scope");
        assert_eq!(
            quotes::get(c, &qa, quote)?.number.as_deref(),
            Some("QUO-2026-0001")
        );
        assert_eq!(billing::lines(c, Doc::Quote(quote))?.len(), 1);
        let (status, draft) = billing::draft(c, Kind::Invoice, &staff, acme_draft)?;
        assert_eq!(
            (status.as_str(), draft.totals()),
            ("draft", Some((10_000, 1_900)))
        );
        assert!(not_found(billing::draft(
            c,
            Kind::Invoice,
            &acme,
            acme_draft
        )));
        Ok(())
    })
    .expect("reads");

    // Payments add up to paid; a quote is decided once; links are per organisation.
    w.fx.write(|c| {
        let pay = |amount| invoices::NewPaymentRow {
            invoice_id: acme_sent,
            amount,
            paid_on: today,
            method: "bank transfer",
            recorded_by: w.staff.id,
            now,
        };
        invoices::add_payment(c, &pay(1_900))?;
        assert_eq!(invoices::get(c, &staff, acme_sent)?.status, "sent");
        invoices::add_payment(c, &pay(10_000))?;
        let paid = invoices::get(c, &staff, acme_sent)?;
        assert_eq!((paid.status.as_str(), paid.paid), ("paid", 11_900));
        assert_eq!(invoices::payments(c, acme_sent)?.len(), 2);
        quotes::decide(c, quote, "accepted", w.acme_contact.id, Some("ok"), now)?;
        quotes::decide(c, quote, "declined", w.acme_contact.id, None, now)?;
        let q = quotes::get(c, &w.fx.viewer(&w.staff).quotes().expect("scope"), quote)?;
        assert_eq!(
            (q.status.as_str(), q.decision_note.as_deref()),
            ("accepted", Some("ok"))
        );
        // The answer's mail goes to whoever wrote the quote.
        assert_eq!(quotes::author(c, quote)?, w.staff.id);
        assert!(not_found(quotes::author(c, 987_654)));
        billing::set_payment_link(c, w.acme.id, Some("https://pay.example/{number}"))?;
        assert_eq!(
            billing::payment_link(c, w.acme.id)?.as_deref(),
            Some("https://pay.example/{number}")
        );
        assert_eq!(billing::payment_link(c, w.globex.id)?, None);
        billing::set_payment_link(c, w.acme.id, None)?;
        assert_eq!(billing::payment_link(c, w.acme.id)?, None);
        Ok(())
    })
    .expect("writes");
}

#[test]
fn projects_tasks_and_standalone_threads_keep_to_their_scopes() {
    use portico_server::store::{conversations, projects, tasks};
    use portico_shared::{Phase, PhaseAction, PhaseStatus, ProjectQuery, ProjectStatus, TaskQuery};
    let w = world();
    let now = w.fx.now();
    let today = orders::utc_date(now);
    let project = |org: Id, location: Option<Id>, name: &'static str| projects::NewProjectRow {
        organization_id: org,
        location_id: location,
        name,
        description: "",
        status: ProjectStatus::Active,
        start_date: None,
        due_date: None,
        owner_id: Some(w.staff.id),
        now,
    };
    let task = |org: Id, project_id: Id, assignee: Id| tasks::NewTaskRow {
        organization_id: org,
        project_id: Some(project_id),
        title: "Send the plans",
        description: "",
        assignee_id: Some(assignee),
        due_date: Some(today),
        created_by: w.staff.id,
        now,
    };
    let staff_scope = w.fx.viewer(&w.staff).projects().expect("scope");
    let ids =
        w.fx.write(|c| {
            let south =
                projects::insert(c, &project(w.acme.id, Some(w.acme.locations[1]), "South"))?;
            let whole = projects::insert(c, &project(w.acme.id, None, "Whole"))?;
            let harbour = projects::insert(c, &project(w.globex.id, None, "Harbour"))?;
            let south_task = tasks::insert(c, &task(w.acme.id, south, w.acme_contact.id))?;
            let worker_task = tasks::insert(c, &task(w.acme.id, whole, w.worker.id))?;
            let open = conversations::insert(c, w.acme.id, "Hello", w.staff.id, &[], now)?;
            let private = conversations::insert(
                c,
                w.acme.id,
                "Private",
                w.staff.id,
                &[w.acme_contact.id],
                now,
            )?;
            // A visible and an internal phase, each with its history.
            let p = projects::get(c, &staff_scope, whole)?;
            for (name, visible) in [("Build", true), ("Budget", false)] {
                let mut phase = Phase {
                    id: 0,
                    name: name.into(),
                    start_date: today,
                    end_date: today,
                    status: PhaseStatus::Active,
                    visible_to_client: visible,
                    position: 0,
                };
                phase.id = projects::insert_phase(c, &p, &phase, now)?;
                projects::record(c, &p, &phase, PhaseAction::Started, w.staff.id, now)?;
            }
            Ok((
                south,
                whole,
                harbour,
                south_task,
                worker_task,
                open,
                private,
            ))
        })
        .expect("writes");
    let (south, whole, harbour, south_task, worker_task, open, private) = ids;

    let project_names = |who: &portico_shared::User| {
        let scope = w.fx.viewer(who).projects().expect("scope");
        let page =
            w.fx.read(|c| projects::list(c, &scope, &ProjectQuery::default(), 50))
                .expect("list");
        let mut ids: Vec<Id> = page.items.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(project_names(&w.acme_contact), vec![south, whole]);
    assert_eq!(
        project_names(&w.acme_north),
        vec![whole],
        "South is not North's"
    );
    assert_eq!(project_names(&w.globex_contact), vec![harbour]);
    assert!(
        w.fx.viewer(&w.worker).projects().is_err(),
        "workers have no projects"
    );

    let acme = w.fx.viewer(&w.acme_contact).projects().expect("scope");
    w.fx.read(|c| {
        let p = projects::get(c, &acme, whole)?;
        let names = |ps: Vec<Phase>| ps.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(names(projects::phases(c, &p, false)?), ["Build"]);
        assert_eq!(projects::phases(c, &p, true)?.len(), 2);
        assert_eq!(projects::history(c, &p, false)?.len(), 1);
        assert_eq!(projects::history(c, &p, true)?.len(), 2);
        let globex = w.fx.viewer(&w.globex_contact).projects().expect("scope");
        assert!(not_found(projects::get(c, &globex, whole)));
        Ok(())
    })
    .expect("reads");

    let task_ids = |who: &portico_shared::User| {
        let scope = w.fx.viewer(who).tasks().expect("scope");
        let page =
            w.fx.read(|c| tasks::list(c, &scope, &TaskQuery::default(), today, 50))
                .expect("list");
        let mut ids: Vec<Id> = page.items.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(task_ids(&w.acme_contact), vec![south_task, worker_task]);
    assert_eq!(task_ids(&w.acme_north), vec![worker_task]);
    assert_eq!(
        task_ids(&w.worker),
        vec![worker_task],
        "a worker's own only"
    );
    assert_eq!(task_ids(&w.other_worker), Vec::<Id>::new());
    assert_eq!(task_ids(&w.globex_contact), Vec::<Id>::new());

    let thread_ids = |who: &portico_shared::User| {
        let scope = w.fx.viewer(who).conversations().expect("scope");
        let page =
            w.fx.read(|c| conversations::list(c, &scope, &Default::default(), 50))
                .expect("list");
        page.items.iter().map(|t| t.id).collect::<Vec<Id>>()
    };
    assert_eq!(thread_ids(&w.staff), vec![private, open]);
    assert_eq!(thread_ids(&w.acme_contact), vec![private, open]);
    assert_eq!(
        thread_ids(&w.acme_north),
        vec![open],
        "not named in the private one"
    );
    assert_eq!(thread_ids(&w.globex_contact), Vec::<Id>::new());
    w.fx.read(|c| {
        let reach = w.fx.viewer(&w.acme_north).reach().expect("reach");
        assert_eq!(
            owners::thread(c, &reach, open)?.owner(),
            Owner::Standalone(open)
        );
        assert!(not_found(owners::thread(c, &reach, private)));
        let p = projects::get(c, &staff_scope, whole)?;
        assert_eq!(
            owners::thread(c, &reach, p.thread_id)?.owner(),
            Owner::Project(whole)
        );
        let globex = w.fx.viewer(&w.globex_contact).reach().expect("reach");
        assert!(not_found(owners::thread(c, &globex, p.thread_id)));
        Ok(())
    })
    .expect("owners");
}

#[test]
fn standalone_threads_come_latest_readable_message_first() {
    use portico_server::store::conversations;
    use portico_shared::ConversationQuery;
    let w = world();
    let now = w.fx.now();
    let staff = w.fx.viewer(&w.staff).reach().expect("reach");
    let (older, newer, other) =
        w.fx.write(|c| {
            let older = conversations::insert(c, w.acme.id, "Older", w.staff.id, &[], now)?;
            let newer = conversations::insert(c, w.acme.id, "Newer", w.staff.id, &[], now + 60)?;
            let other = conversations::insert(c, w.globex.id, "Theirs", w.staff.id, &[], now)?;
            // A reply brings the older one up; a later staff note does not,
            // for clients, who cannot read it.
            for (thread, body, internal, at) in [
                (older, "reply", false, now + 120),
                (newer, "note", true, now + 180),
            ] {
                let row = messages::NewMessageRow {
                    thread: owners::thread(c, &staff, thread)?,
                    author_id: w.staff.id,
                    body,
                    internal,
                    now: at,
                };
                messages::insert(c, &row)?;
            }
            Ok((older, newer, other))
        })
        .expect("writes");
    let page = |who: &portico_shared::User, cursor: Option<String>, limit| {
        let scope = w.fx.viewer(who).conversations().expect("scope");
        let q = ConversationQuery {
            cursor,
            ..ConversationQuery::default()
        };
        w.fx.read(|c| conversations::list(c, &scope, &q, limit))
            .expect("list")
    };
    let mine = |p: &portico_shared::Page<portico_shared::Conversation>| {
        p.items
            .iter()
            .map(|t| t.id)
            .filter(|id| [older, newer, other].contains(id))
            .collect::<Vec<_>>()
    };
    assert_eq!(mine(&page(&w.staff, None, 50)), [newer, older, other]);
    assert_eq!(mine(&page(&w.acme_contact, None, 50)), [older, newer]);
    // Paged one at a time, the same order.
    let first = page(&w.acme_contact, None, 1);
    assert_eq!(mine(&first), [older]);
    let second = page(&w.acme_contact, first.next_cursor.clone(), 1);
    assert_eq!(mine(&second), [newer]);
    let scope =
        w.fx.viewer(&w.globex_contact)
            .conversations()
            .expect("scope");
    assert!(not_found(
        w.fx.read(|c| conversations::get(c, &scope, older))
    ));
}

/// One queued mail to `to`, about `thread` if any.
fn queue_mail(
    w: &World,
    to: &portico_shared::User,
    thread: Option<Id>,
    now: i64,
) -> Result<Id, StoreError> {
    use portico_server::store::mail::{self, NewMail};
    w.fx.write(|c| {
        mail::enqueue(
            c,
            &NewMail {
                category: portico_shared::MailCategory::Reply,
                recipient_id: Some(to.id),
                to_address: &to.email,
                to_name: &to.name,
                subject: "Re: printer",
                body: "Try the tray.",
                thread_id: thread,
                now,
            },
        )
    })
}

#[test]
fn outbox_mail_is_claimed_once_retried_later_and_marked() {
    use portico_server::store::mail;
    let w = world();
    let now = w.fx.now();
    let first = queue_mail(&w, &w.acme_contact, None, now).expect("queue");
    let second = queue_mail(&w, &w.globex_contact, None, now).expect("queue");
    // The oldest due mail is claimed; its attempt counts and its next try
    // moves on, so the next claim takes the other one.
    let a =
        w.fx.write(|c| mail::claim_due(c, now, |n| 60 * i64::from(n)))
            .expect("claim")
            .expect("due");
    assert_eq!(
        (a.id, a.attempts, a.to_address.as_str()),
        (first, 1, w.acme_contact.email.as_str())
    );
    let b =
        w.fx.write(|c| mail::claim_due(c, now, |_| 60))
            .expect("claim")
            .expect("due");
    assert_eq!(b.id, second);
    assert!(
        w.fx.write(|c| mail::claim_due(c, now, |_| 60))
            .expect("claim")
            .is_none()
    );
    // A failure keeps it queued with the error; a retry after the wait;
    // a success ends it; giving up makes it failed.
    w.fx.write(|c| mail::mark_failed(c, first, "connection refused", false, now))
        .expect("fail");
    let again =
        w.fx.write(|c| mail::claim_due(c, now + 60, |_| 60))
            .expect("claim")
            .expect("due again");
    assert_eq!((again.id, again.attempts), (first, 2));
    w.fx.write(|c| mail::mark_sent(c, first, now + 60))
        .expect("sent");
    w.fx.write(|c| mail::mark_failed(c, second, "550 no such user", true, now))
        .expect("give up");
    assert!(
        w.fx.write(|c| mail::claim_due(c, now + 10_000, |_| 60))
            .expect("claim")
            .is_none()
    );
    let status = w.fx.read(|c| mail::status(c, true, 10)).expect("status");
    assert_eq!((status.queued, status.sent, status.failed), (0, 1, 1));
    assert_eq!(status.unsent.len(), 1);
    assert_eq!(status.unsent[0].id, second);
    assert_eq!(
        status.unsent[0].last_error.as_deref(),
        Some("550 no such user")
    );
}

#[test]
fn notification_choices_default_per_category_and_watchers_opt_in() {
    use portico_server::store::mail;
    use portico_shared::MailCategory;
    let w = world();
    w.fx.read(|c| {
        assert!(mail::wants(c, w.acme_contact.id, MailCategory::Reply)?);
        assert!(!mail::wants(c, w.staff.id, MailCategory::NewTicket)?);
        assert!(mail::watchers(c)?.is_empty());
        Ok(())
    })
    .expect("defaults");
    w.fx.write(|c| {
        mail::set_wants(c, w.staff.id, MailCategory::NewTicket, true)?;
        mail::set_wants(c, w.acme_contact.id, MailCategory::Reply, false)?;
        // A client's choice of staff mail never makes them a watcher.
        mail::set_wants(c, w.acme_north.id, MailCategory::NewTicket, true)
    })
    .expect("choose");
    w.fx.read(|c| {
        let watchers: Vec<Id> = mail::watchers(c)?.iter().map(|r| r.id).collect();
        assert_eq!(watchers, vec![w.staff.id]);
        assert!(mail::recipient(c, w.acme_contact.id, MailCategory::Reply)?.is_none());
        assert_eq!(
            mail::recipient(c, w.globex_contact.id, MailCategory::Reply)?.map(|r| r.id),
            Some(w.globex_contact.id)
        );
        assert!(not_found(mail::recipient(c, 999_999, MailCategory::Reply)));
        Ok(())
    })
    .expect("read back");
}

#[test]
fn quarantined_mail_is_listed_newest_first() {
    use portico_server::store::mail;
    let w = world();
    let now = w.fx.now();
    w.fx.write(|c| {
        mail::quarantine(c, "a@x.example", "one", "unknown sender", now)?;
        mail::quarantine(c, "b@x.example", "two", "unknown sender", now + 1)
    })
    .expect("quarantine");
    let status = w.fx.read(|c| mail::status(c, false, 1)).expect("status");
    assert!(!status.configured);
    assert_eq!(status.quarantined.len(), 1);
    assert_eq!(status.quarantined[0].sender, "b@x.example");
}

#[test]
fn a_task_keeps_files_of_its_own_within_its_scope() {
    use portico_server::store::tasks;
    let w = world();
    let now = w.fx.now() + 60;
    let upload = |uploader: Id, name: &str| {
        w.fx.write(|c| {
            let file = attachments::NewFile {
                uploader_id: uploader,
                file_name: name,
                content_type: "text/plain",
                size: 2,
                now,
            };
            attachments::insert(c, &file, &mut &b"ok"[..])
        })
        .expect("upload")
        .id
    };
    let brief = upload(w.staff.id, "brief.txt");
    let theirs = upload(w.globex_contact.id, "theirs.txt");
    let task =
        w.fx.write(|c| {
            tasks::insert(
                c,
                &tasks::NewTaskRow {
                    organization_id: w.acme.id,
                    project_id: None,
                    title: "Sign the brief",
                    description: "",
                    assignee_id: Some(w.acme_contact.id),
                    due_date: None,
                    created_by: w.staff.id,
                    now,
                },
            )
        })
        .expect("task");
    let acme = w.fx.viewer(&w.acme_contact).tasks().expect("scope");
    let globex = w.fx.viewer(&w.globex_contact).tasks().expect("scope");
    w.fx.write(|c| {
        // The proof comes only from a scoped read.
        assert!(not_found(tasks::check_visible(c, &globex, task)));
        let proof = tasks::check_visible(c, &acme, task)?;
        // Only the uploader's own unattached files are linked, all or none.
        assert_eq!(
            attachments::link_to_owner(c, w.staff.id, &[brief, theirs], &proof)?,
            vec![theirs]
        );
        assert!(attachments::link_to_owner(c, w.staff.id, &[brief], &proof)?.is_empty());
        assert_eq!(attachments::not_free(c, w.staff.id, &[brief])?, vec![brief]);
        Ok(())
    })
    .expect("link");
    w.fx.read(|c| {
        let names: Vec<String> = attachments::of_owner(c, Owner::Task(task))?
            .into_iter()
            .map(|a| a.file_name)
            .collect();
        assert_eq!(names, ["brief.txt"]);
        let p = attachments::placement(c, brief)?.expect("placed");
        assert_eq!(p.owner, Some(Owner::Task(task)));
        let globex = w.fx.viewer(&w.globex_contact).reach().expect("reach");
        assert!(not_found(owners::visible(c, &globex, Owner::Task(task))));
        Ok(())
    })
    .expect("reads");
    // Attached, it is no orphan: only the foreign upload goes.
    let deleted =
        w.fx.write(|c| attachments::delete_unattached_before(c, now + 1))
            .expect("sweep");
    assert_eq!(deleted, 1);
    w.fx.read(|c| {
        assert!(attachments::placement(c, brief)?.is_some());
        assert!(attachments::placement(c, theirs)?.is_none());
        Ok(())
    })
    .expect("kept");
}
#[test]
fn retention_drops_finished_mail_oldest_first_and_never_queued_mail() {
    use portico_server::store::mail;
    use portico_server::store::retention::{self, Kept};
    let w = world();
    let now = w.fx.now();
    let ids: Vec<Id> = (0..4)
        .map(|i| queue_mail(&w, &w.acme_contact, None, now + i).expect("queue"))
        .collect();
    // The oldest stays queued; the other three are sent, one after another.
    for (i, id) in ids.iter().enumerate().skip(1) {
        let at = now + 10 + i64::try_from(i).expect("small");
        w.fx.write(|c| mail::mark_sent(c, *id, at)).expect("sent");
    }
    // A cap of one keeps the newest sent mail and the queued one.
    let dropped =
        w.fx.write(|c| retention::cap(c, Kept::FinishedMail, 1))
            .expect("cap");
    assert_eq!(dropped, 2);
    let status = w.fx.read(|c| mail::status(c, true, 10)).expect("status");
    assert_eq!((status.queued, status.sent), (1, 1));
    assert_eq!(status.unsent[0].id, ids[0]);
    // By age: finished mail older than the cutoff goes, queued mail never.
    let dropped =
        w.fx.write(|c| retention::drop_before(c, Kept::FinishedMail, now + 1_000))
            .expect("drop");
    assert_eq!(dropped, 1);
    let status = w.fx.read(|c| mail::status(c, true, 10)).expect("status");
    assert_eq!((status.queued, status.sent), (1, 0));
    // The one queued mail carries its recipient's unsubscribe token.
    let due =
        w.fx.write(|c| mail::claim_due(c, now + 5, |_| 60))
            .expect("claim");
    let token = due.expect("due").unsubscribe.expect("a token");
    assert_eq!(token.len(), 64);
}

#[test]
fn an_overdue_invoice_is_taken_once_and_billing_mail_reaches_the_clients() {
    use portico_server::store::billing::{self, Kind};
    use portico_server::store::invoices;
    let w = world();
    let now = w.fx.now();
    let day = |s: &str| -> jiff::civil::Date { s.parse().expect("date") };
    let (acme_sent, globex_sent) =
        w.fx.write(|c| {
            let mut ids = Vec::new();
            for (org, due, send) in [
                (w.acme.id, "2026-11-16", true),
                (w.globex.id, "2026-11-30", true),
                (w.acme.id, "2026-11-01", false),
            ] {
                let d = billing_draft(org, due);
                let id = billing::insert(c, Kind::Invoice, &d, 10_000, 1_900, w.staff.id, now)?;
                if send {
                    let number = billing::next_number(c, Kind::Invoice, 2026)?;
                    billing::mark_sent(c, Kind::Invoice, id, &number, now)?;
                }
                ids.push(id);
            }
            Ok((ids[0], ids[1]))
        })
        .expect("writes");
    let taken = |today: &str| {
        let today = day(today);
        w.fx.write(|c| invoices::take_overdue(c, today, now))
            .expect("taken")
            .iter()
            .map(|r| r.id)
            .collect::<Vec<Id>>()
    };
    // Due the day before: overdue once; a draft never; later ones in their turn.
    assert_eq!(taken("2026-11-17"), vec![acme_sent]);
    assert_eq!(taken("2026-11-17"), Vec::<Id>::new());
    assert_eq!(taken("2026-11-30"), Vec::<Id>::new());
    assert_eq!(taken("2026-12-01"), vec![globex_sent]);
    assert_eq!(taken("2026-12-31"), Vec::<Id>::new());
    // Billing mail may reach Acme's active client contacts, not staff.
    let emails =
        w.fx.read(|c| invoices::client_emails(c, w.acme.id))
            .expect("read");
    assert!(emails.contains(&w.acme_contact.email));
    assert!(emails.contains(&w.acme_north.email));
    assert!(!emails.contains(&w.staff.email));
    assert!(!emails.contains(&w.globex_contact.email));
}
