//! Made-up data for tests, snapshots and benchmarks: deterministic, no server.
#![doc(hidden)]

use portico_shared::{
    Attachment, Branding, Id, Me, Message, OrganizationRef, PersonRef, Priority, Role, Ticket,
    TicketScope, TicketSource, TicketStatus, Timestamp, User, UserStatus,
};

use crate::app::{App, Load, Screen};
use crate::update;

/// 2026-11-20 09:00 UTC: every fixture's clock.
pub fn now() -> Timestamp {
    Timestamp::from_second(1_795_165_200).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn person(id: Id, name: &str) -> PersonRef {
    PersonRef {
        id,
        name: name.to_owned(),
    }
}

pub fn ticket(id: Id) -> Ticket {
    let priorities = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];
    let statuses = [TicketStatus::New, TicketStatus::Open, TicketStatus::Pending];
    let created = now()
        .checked_sub(jiff::SignedDuration::from_hours(id % 72))
        .unwrap_or(now());
    Ticket {
        id,
        subject: format!("Ticket number {id}: printer on floor {} jams", id % 7),
        body: format!("The printer jams on every page.\nTried twice. ({id})"),
        status: statuses[(id as usize) % statuses.len()],
        priority: priorities[(id as usize) % priorities.len()],
        source: TicketSource::Portal,
        organization: OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        requester: person(10, "Ana Lima"),
        assignee: (id % 3 == 0).then(|| person(2, "Sam Agent")),
        team: None,
        deadline: (id % 2 == 0).then(|| {
            now()
                .checked_add(jiff::SignedDuration::from_hours(id % 50 - 10))
                .unwrap_or(now())
        }),
        tags: vec![],
        thread_id: 1000 + id,
        message_count: id % 5,
        unread_count: i64::from(id % 4 == 1),
        created_at: created,
        updated_at: created,
        resolved_at: None,
        open_seconds: (id % 72) * 3600,
    }
}

pub fn message(id: Id, thread: Id, author: PersonRef, body: &str, internal: bool) -> Message {
    Message {
        id,
        thread_id: thread,
        from_staff: author.id < 10,
        author,
        body: body.to_owned(),
        internal,
        attachments: vec![],
        created_at: now(),
    }
}

pub fn attachment(id: Id, name: &str, size: i64) -> Attachment {
    Attachment {
        id,
        file_name: name.to_owned(),
        content_type: "text/plain".into(),
        size,
    }
}

pub fn me(role: Role) -> Me {
    let staff = role.is_staff();
    Me {
        user: User {
            id: if staff { 2 } else { 10 },
            email: if staff {
                "sam@portico.example"
            } else {
                "ana@northwind.example"
            }
            .into(),
            name: if staff { "Sam Agent" } else { "Ana Lima" }.into(),
            role,
            status: UserStatus::Active,
            organization_id: (!staff).then_some(1),
            modules: None,
            location_ids: None,
            portal_selected: true,
            ticket_scope: TicketScope::Organization,
            team: None,
            created_at: now(),
        },
        organization: (!staff).then(|| OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        }),
        modules: vec![],
        locations: vec![],
    }
}

pub fn branding() -> Branding {
    Branding {
        company_name: "Acme Services".into(),
        logo: " /\\ \n/--\\".into(),
        welcome: "Welcome to your client portal.".into(),
        accent: "#ff8800".into(),
        copyright: "© 2026 Acme Services".into(),
    }
}

/// A signed-in app of `role` with `n` tickets loaded, sized `w`×`h`.
pub fn app(role: Role, n: Id, size: (u16, u16)) -> App {
    let mut app = App::new("http://127.0.0.1:8080", now(), size);
    app.branding = Load::Ready(branding());
    update::update(&mut app, crate::action::Action::Me(Ok(Box::new(me(role)))));
    let generation = app.list.generation;
    update::update(
        &mut app,
        crate::action::Action::Tickets {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: (1..=n).rev().map(ticket).collect(),
                next_cursor: None,
            }),
        },
    );
    let mine: Vec<Ticket> = app
        .list
        .items
        .iter()
        .filter(|t| t.assignee.as_ref().is_some_and(|a| a.id == 2) || role == Role::Client)
        .take(5)
        .cloned()
        .collect();
    update::update(
        &mut app,
        crate::action::Action::Mine(Ok(portico_shared::Page {
            items: mine,
            next_cursor: None,
        })),
    );
    app.screen = Screen::Tickets;
    app
}
