//! Store conformance: every store operation on client-visible data against a
//! temporary database built by the shared fixtures, including each scope's
//! refusals (another organisation, another location, an own-only person, a
//! worker). A second backend must pass these unchanged.

use portico_server::store::fixture::World;
use portico_server::store::owners::{self, Owner};
use portico_server::store::timesheets::{Filter, NewEntryRow, Times};
use portico_server::store::{
    StoreError, attachments, messages, orders, shifts, tickets, timesheets,
};
use portico_shared::{Id, OrderQuery, TicketQuery, TimesheetStatus};

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
        tickets::update(c, w.acme_ticket, &update)?;
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
    w.fx.write(|c| {
        // Only the uploader's own unattached files can be linked.
        assert_eq!(
            attachments::link(c, w.acme_contact.id, &[foreign], Some(w.acme_ticket), None)?,
            vec![foreign]
        );
        assert!(
            attachments::link(
                c,
                w.acme_contact.id,
                &[on_ticket],
                Some(w.acme_ticket),
                None
            )?
            .is_empty()
        );
        assert!(
            attachments::link_to_order(c, w.staff.id, &[on_order], w.south_order, true)?.is_empty()
        );
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
