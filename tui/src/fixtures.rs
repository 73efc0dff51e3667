//! Made-up data for tests, snapshots and benchmarks: deterministic, no server.
#![doc(hidden)]

use std::collections::BTreeMap;

use portico_shared::{
    Attachment, Branding, FieldKind, FormDefaults, FormDefinition, FormField, FormSnapshot, Id,
    ItemState, Location, LocationRef, Me, Message, Module, Order, OrderDetail, OrderForm,
    OrderItem, OrderStatus, Organization, OrganizationRef, Page, PersonRef, Priority, Role, Ticket,
    TicketScope, TicketSource, TicketStatus, Timestamp, User, UserStatus,
};
use serde_json::json;

use crate::load::Load;
use crate::screens::admin::msg::{AdminMsg, Arrived};
use crate::screens::orders::msg::OrdersMsg;
use crate::screens::tickets::msg::TicketsMsg;
use crate::shell::model::{App, Screen};
use crate::shell::update;

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
        attachments: vec![],
        sla: Default::default(),
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
        modules: if staff {
            Module::ALL.to_vec()
        } else {
            vec![Module::Orders, Module::OrderSubmit, Module::Tickets]
        },
        locations: vec![location(1, "Berlin HQ"), location(2, "Hamburg Depot")],
        welcome: None,
        two_factor: false,
        two_factor_required: false,
        viewed_by: None,
    }
}

pub fn location(id: Id, name: &str) -> Location {
    Location {
        id,
        organization_id: 1,
        name: name.to_owned(),
        timezone: "Europe/Berlin".into(),
        address: String::new(),
    }
}

fn hours(h: i64) -> Timestamp {
    now()
        .checked_add(jiff::SignedDuration::from_hours(h))
        .unwrap_or(now())
}

const TITLES: &[&str] = &[
    "Forklift drivers for the December peak",
    "Night dispatcher cover",
    "Year-end inventory count",
    "Warehouse operatives for the January sale",
    "Dispatcher for the Hamburg depot",
    "Temporary receptionist",
];

/// Order `id` of Northwind, at Berlin (odd ids) or Hamburg (even ids).
pub fn order(id: Id, status: OrderStatus) -> Order {
    let (loc, loc_name) = if id % 2 == 1 {
        (1, "Berlin HQ")
    } else {
        (2, "Hamburg Depot")
    };
    Order {
        id,
        reference: format!("ORD-2026-{id:04}"),
        title: TITLES[(id as usize) % TITLES.len()].to_owned(),
        status,
        organization: OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        location: LocationRef {
            id: loc,
            name: loc_name.into(),
        },
        priority: Priority::High,
        team: Some("Staffing".into()),
        due_date: Some(jiff::civil::date(2026, 11, 20 + (id % 9) as i8)),
        submitted_by: person(10, "Ana Lima"),
        thread_id: 2000 + id,
        item_count: id % 4,
        created_at: hours(-24 * (id % 10)),
        updated_at: hours(-24 * (id % 10)),
    }
}

/// Northwind's staffing form, as the demo seeds it.
pub fn staffing_form() -> OrderForm {
    let field = |key: &str, label: &str, kind, required, options: &[&str]| FormField {
        key: key.into(),
        label: label.into(),
        kind,
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        min: None,
        max: None,
    };
    let mut headcount = field(
        "headcount",
        "How many people?",
        FieldKind::Number,
        true,
        &[],
    );
    headcount.min = Some(1.0);
    headcount.max = Some(50.0);
    OrderForm {
        id: 2,
        organization_id: Some(1),
        version: 1,
        definition: FormDefinition {
            name: "Staffing request".into(),
            fields: vec![
                field(
                    "role",
                    "Role",
                    FieldKind::Choice,
                    true,
                    &["Forklift driver", "Warehouse operative", "Dispatcher"],
                ),
                headcount,
                field("start_date", "First day", FieldKind::Date, true, &[]),
                field(
                    "shifts",
                    "Shifts",
                    FieldKind::MultiChoice,
                    false,
                    &["early", "late", "night"],
                ),
                field("contact", "Contact on site", FieldKind::Text, false, &[]),
                field("notes", "Anything else", FieldKind::Multiline, false, &[]),
                field("site_plan", "Site plan", FieldKind::File, false, &[]),
            ],
            defaults: FormDefaults {
                priority: Some(Priority::High),
                team: Some("Staffing".into()),
                due_in_days: Some(7),
            },
        },
        updated_at: now(),
    }
}

pub fn item(
    id: Id,
    order: Id,
    description: &str,
    worker: Option<PersonRef>,
    state: ItemState,
) -> OrderItem {
    OrderItem {
        id,
        order_id: order,
        description: description.to_owned(),
        worker,
        starts_at: Some(hours(24 * id)),
        ends_at: Some(hours(24 * id + 8)),
        state,
    }
}

/// An order with what was submitted, three items and one deliverable.
pub fn order_detail(o: Order) -> OrderDetail {
    let form = staffing_form();
    let id = o.id;
    let values: BTreeMap<String, serde_json::Value> = [
        ("role", json!("Forklift driver")),
        ("headcount", json!(3)),
        ("start_date", json!("2026-12-01")),
        ("shifts", json!(["early", "late"])),
        ("notes", json!("Gate 2 opens at six.\nAsk for Ben.")),
        ("site_plan", json!(81)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    OrderDetail {
        order: o,
        form: FormSnapshot {
            form_id: form.id,
            version: form.version,
            name: form.definition.name,
            fields: form.definition.fields,
        },
        values,
        items: vec![
            item(
                1,
                id,
                "Forklift driver, early shift",
                Some(person(30, "Wendy Worker")),
                ItemState::Filled,
            ),
            item(2, id, "Forklift driver, late shift", None, ItemState::Open),
            item(3, id, "Forklift driver, late shift", None, ItemState::Open),
        ],
        deliverables: vec![attachment(77, "inventory-count.csv", 27)],
        files: vec![attachment(81, "site-plan.pdf", 20_480)],
    }
}

/// A signed-in app of `role` on the order list, with six orders (one in
/// each status) loaded.
pub fn orders_app(role: Role, size: (u16, u16)) -> App {
    let mut app = app(role, 5, size);
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Orders),
    );
    let generation = app.session.orders.list.generation;
    update::update(
        &mut app,
        crate::shell::msg::Action::Orders(OrdersMsg::Orders {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: OrderStatus::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, s)| order(6 - i as Id, *s))
                    .collect(),
                next_cursor: None,
            }),
        }),
    );
    app
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
    update::update(
        &mut app,
        crate::shell::msg::Action::Me(Ok(Box::new(me(role)))),
    );
    let generation = app.session.tickets.list.generation;
    update::update(
        &mut app,
        crate::shell::msg::Action::Tickets(TicketsMsg::Tickets {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: (1..=n).rev().map(ticket).collect(),
                next_cursor: None,
            }),
        }),
    );
    let mine: Vec<Ticket> = app
        .session
        .tickets
        .list
        .items
        .iter()
        .filter(|t| t.assignee.as_ref().is_some_and(|a| a.id == 2) || role == Role::Client)
        .take(5)
        .cloned()
        .collect();
    update::update(
        &mut app,
        crate::shell::msg::Action::Tickets(TicketsMsg::Mine(Ok(portico_shared::Page {
            items: mine,
            next_cursor: None,
        }))),
    );
    app.screen = Screen::Tickets;
    app
}

// ---- timesheets -----------------------------------------------------------

fn at(s: &str) -> Timestamp {
    s.parse().unwrap_or(now())
}

pub fn place(id: Id, name: &str) -> portico_shared::Place {
    portico_shared::Place {
        id,
        name: name.to_owned(),
        timezone: "Europe/Berlin".into(),
    }
}

/// A shift today (2026-11-20) of `worker` at Berlin (odd ids) or Hamburg,
/// from `start` to `end` (UTC `HH:MM`).
pub fn shift(
    id: Id,
    worker: PersonRef,
    state: portico_shared::ShiftState,
    start: &str,
    end: &str,
) -> portico_shared::Shift {
    use portico_shared::ShiftState::*;
    let (loc, name) = if id % 2 == 1 {
        (1, "Berlin HQ")
    } else {
        (2, "Hamburg Depot")
    };
    let starts_at = at(&format!("2026-11-20T{start}:00Z"));
    let minutes = |m: i64| {
        starts_at
            .checked_add(jiff::SignedDuration::from_mins(m))
            .unwrap_or(starts_at)
    };
    portico_shared::Shift {
        id,
        worker,
        location: place(loc, name),
        organization: Some(OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        }),
        order: Some(portico_shared::OrderLink {
            id: 3,
            reference: "ORD-2026-0003".into(),
        }),
        date: jiff::civil::date(2026, 11, 20),
        starts_at,
        ends_at: at(&format!("2026-11-20T{end}:00Z")),
        state,
        clocked_in_at: matches!(state, ClockedIn | OnBreak | ClockedOut).then(|| minutes(-2)),
        clocked_out_at: (state == ClockedOut).then(|| minutes(480)),
        break_minutes: match state {
            OnBreak => 10,
            ClockedOut => 30,
            _ => 0,
        },
    }
}

/// Who's working at 09:00 UTC on 2026-11-20: one worker in each state.
pub fn board() -> Vec<portico_shared::Shift> {
    use portico_shared::ShiftState::*;
    vec![
        shift(5, person(35, "Zoe Zimmer"), ClockedOut, "00:00", "08:00"),
        shift(2, person(32, "Walt Wagner"), OnBreak, "06:00", "14:00"),
        shift(1, person(31, "Wendy Walker"), ClockedIn, "07:00", "15:00"),
        shift(4, person(34, "Yusuf Young"), NoShow, "07:00", "15:00"),
        shift(3, person(33, "Xena Xu"), Late, "08:45", "16:45"),
        shift(7, person(36, "Omar Ortiz"), Scheduled, "09:30", "17:30"),
    ]
}

/// An entry of `worker` on day `day` of the week of 2026-11-16 (0: Monday),
/// 07:00 to 15:30 UTC with a 30-minute break.
pub fn entry(
    id: Id,
    worker: PersonRef,
    day: i8,
    status: portico_shared::TimesheetStatus,
) -> portico_shared::TimesheetEntry {
    let date = jiff::civil::date(2026, 11, 16 + day);
    let starts_at = at(&format!("{date}T07:00:00Z"));
    let ends_at = at(&format!("{date}T15:30:00Z"));
    let rejected = status == portico_shared::TimesheetStatus::Rejected;
    portico_shared::TimesheetEntry {
        id,
        worker,
        location: place(1, "Berlin HQ"),
        organization: Some(OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        }),
        order: None,
        shift_id: None,
        date,
        starts_at,
        ends_at,
        break_minutes: 30,
        worked_minutes: 480,
        note: if id % 3 == 0 {
            "Inventory, aisle 4".into()
        } else {
            String::new()
        },
        status,
        reason: rejected.then(|| "The break is missing".into()),
        decided_by: None,
        decided_at: None,
        updated_at: now(),
    }
}

/// The week of 2026-11-16 as an approver sees it: Wendy's and Walt's
/// entries, approved, rejected and submitted.
pub fn week() -> portico_shared::TimesheetList {
    use portico_shared::TimesheetStatus::*;
    let (wendy, walt) = (person(31, "Wendy Walker"), person(32, "Walt Wagner"));
    let entries = vec![
        entry(101, wendy.clone(), 0, Approved),
        entry(102, walt.clone(), 0, Approved),
        entry(103, wendy.clone(), 1, Approved),
        entry(104, walt.clone(), 2, Rejected),
        entry(105, wendy.clone(), 3, Submitted),
        entry(106, walt.clone(), 3, Submitted),
        entry(107, wendy, 4, Submitted),
    ];
    portico_shared::TimesheetList {
        from: jiff::civil::date(2026, 11, 16),
        to: jiff::civil::date(2026, 11, 22),
        totals: portico_shared::totals(&entries),
        entries,
    }
}

/// A worker's own week: approved, rejected, submitted and a draft.
pub fn own_week() -> portico_shared::TimesheetList {
    use portico_shared::TimesheetStatus::*;
    let me = person(31, "Wendy Walker");
    let entries = vec![
        entry(101, me.clone(), 0, Approved),
        entry(103, me.clone(), 1, Rejected),
        entry(105, me.clone(), 2, Submitted),
        entry(108, me, 3, Draft),
    ];
    portico_shared::TimesheetList {
        from: jiff::civil::date(2026, 11, 16),
        to: jiff::civil::date(2026, 11, 22),
        totals: portico_shared::totals(&entries),
        entries,
    }
}

/// Wendy Walker, a worker (timesheets, tasks, messages).
pub fn worker_me() -> Me {
    let mut m = me(Role::Client);
    m.user.id = 31;
    m.user.name = "Wendy Walker".into();
    m.user.email = "wendy@workers.example".into();
    m.user.role = Role::Worker;
    m.user.organization_id = None;
    m.organization = None;
    m.locations = vec![];
    m.modules = vec![Module::Timesheets, Module::Tasks, Module::Messages];
    m
}

/// A signed-in approver (`Role::Client`: Ana with timesheets; staff) or
/// worker (Wendy), with nothing of the timesheets loaded yet.
pub fn timesheets_app(role: Role, size: (u16, u16)) -> App {
    let mut app = App::new("http://127.0.0.1:8080", now(), size);
    app.branding = Load::Ready(branding());
    let me = match role {
        Role::Worker => worker_me(),
        Role::Client => {
            let mut m = me(Role::Client);
            m.modules.push(Module::Timesheets);
            m
        }
        staff => me(staff),
    };
    update::update(&mut app, crate::shell::msg::Action::Me(Ok(Box::new(me))));
    app
}

// ---- administration ------------------------------------------------------

pub fn org(id: i64, name: &str) -> Organization {
    Organization {
        id,
        name: name.into(),
        tags: vec!["enterprise".into()],
        portal_access: portico_shared::PortalAccess::All,
        default_modules: vec![],
        ticket_history: portico_shared::TicketHistory::ALL[0],
        history_since: None,
        welcome: String::new(),
        created_at: now(),
        require_two_factor: false,
    }
}

pub fn user(id: i64, name: &str, status: UserStatus) -> User {
    let mut u = me(Role::Client).user;
    u.id = id;
    u.name = name.into();
    u.email = format!("{}@northwind.example", name.to_lowercase());
    u.status = status;
    u
}

/// An admin on the administration screen with people and organisations loaded.
pub fn admin_app() -> App {
    let mut app = app(Role::Admin, 3, (100, 30));
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Admin),
    );
    let (p, o) = (
        app.session.admin.people.generation,
        app.session.admin.orgs.generation,
    );
    update::update(
        &mut app,
        crate::shell::msg::Action::Admin(AdminMsg::People(Arrived {
            generation: p,
            append: false,
            result: Ok(Page {
                items: vec![
                    user(10, "Ana", UserStatus::Active),
                    user(11, "Pat", UserStatus::Invited),
                    user(12, "Rex", UserStatus::Removed),
                ],
                next_cursor: None,
            }),
        })),
    );
    update::update(
        &mut app,
        crate::shell::msg::Action::Admin(AdminMsg::Orgs(Arrived {
            generation: o,
            append: false,
            result: Ok(Page {
                items: vec![org(1, "Northwind Traders"), org(2, "Globex Corporation")],
                next_cursor: None,
            }),
        })),
    );
    app
}

/// One of my sessions, from `ip`; `current` when it is this one.
pub fn session(id: Id, ip: &str, current: bool) -> portico_shared::SessionInfo {
    portico_shared::SessionInfo {
        id,
        created_at: now(),
        expires_at: now(),
        ip: ip.into(),
        user_agent: "portico/0.1.0".into(),
        current,
    }
}

// ---- projects and tasks ---------------------------------------------------

fn date(s: &str) -> jiff::civil::Date {
    s.parse().unwrap_or(jiff::civil::Date::MIN)
}

pub fn project(
    id: Id,
    name: &str,
    status: portico_shared::ProjectStatus,
) -> portico_shared::Project {
    portico_shared::Project {
        id,
        name: name.into(),
        description: "Move orders, stock and invoicing to the new cloud ERP.".into(),
        status,
        organization: OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        location: None,
        start_date: Some(date("2026-10-01")),
        due_date: Some(date("2026-12-24")),
        owner: Some(person(3, "Priya Nair")),
        thread_id: 900 + id,
        created_at: now(),
        updated_at: now(),
    }
}

pub fn phase(
    id: Id,
    name: &str,
    (from, to): (&str, &str),
    status: portico_shared::PhaseStatus,
    visible_to_client: bool,
) -> portico_shared::Phase {
    portico_shared::Phase {
        id,
        name: name.into(),
        start_date: date(from),
        end_date: date(to),
        status,
        visible_to_client,
        position: id,
    }
}

/// A task of project 1 for `assignee`, due on `due`.
pub fn task(id: Id, title: &str, due: &str, assignee: PersonRef) -> portico_shared::Task {
    let due_date = date(due);
    portico_shared::Task {
        id,
        title: title.into(),
        description: String::new(),
        organization: OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        project: Some(portico_shared::ProjectRef {
            id: 1,
            name: "ERP migration".into(),
        }),
        location: None,
        assignee: Some(assignee),
        due_date: Some(due_date),
        status: portico_shared::TaskStatus::Open,
        overdue: due_date < date("2026-11-20"),
        thread_id: 950 + id,
        created_at: now(),
        updated_at: now(),
        done_at: None,
        attachments: Vec::new(),
    }
}

/// Ana's and Ben's tasks, due soonest first (one overdue).
pub fn tasks() -> Vec<portico_shared::Task> {
    vec![
        task(
            1,
            "Approve the cut-over plan draft",
            "2026-11-18",
            person(10, "Ana Lima"),
        ),
        task(
            2,
            "Send the signed data-processing agreement",
            "2026-11-23",
            person(10, "Ana Lima"),
        ),
        task(
            3,
            "Confirm the stock count date",
            "2026-11-26",
            person(11, "Ben Okafor"),
        ),
    ]
}

/// The ERP migration on 20 Nov: two phases done, one under way, one to
/// come, and (for staff) an internal one.
pub fn project_detail(staff: bool) -> portico_shared::ProjectDetail {
    use portico_shared::{PhaseAction, PhaseChange, PhaseStatus};
    let mut phases = vec![
        phase(
            1,
            "Discovery",
            ("2026-10-01", "2026-10-20"),
            PhaseStatus::Done,
            true,
        ),
        phase(
            2,
            "Design",
            ("2026-10-21", "2026-11-10"),
            PhaseStatus::Done,
            true,
        ),
        phase(
            5,
            "Vendor contract review",
            ("2026-10-26", "2026-11-04"),
            PhaseStatus::Done,
            false,
        ),
        phase(
            3,
            "Build",
            ("2026-11-11", "2026-12-10"),
            PhaseStatus::Active,
            true,
        ),
        phase(
            4,
            "Go-live",
            ("2026-12-11", "2026-12-24"),
            PhaseStatus::Planned,
            true,
        ),
    ];
    phases.retain(|p| staff || p.visible_to_client);
    let change = |id, name: &str, action, status, at: &str| PhaseChange {
        id,
        phase_id: id,
        phase_name: name.into(),
        action,
        status,
        at: at.parse().unwrap_or(now()),
    };
    portico_shared::ProjectDetail {
        project: project(1, "ERP migration", portico_shared::ProjectStatus::Active),
        phases,
        history: vec![
            change(
                3,
                "Build",
                PhaseAction::Started,
                PhaseStatus::Active,
                "2026-11-11T09:00:00Z",
            ),
            change(
                2,
                "Design",
                PhaseAction::Done,
                PhaseStatus::Done,
                "2026-11-10T16:00:00Z",
            ),
            change(
                1,
                "Discovery",
                PhaseAction::Done,
                PhaseStatus::Done,
                "2026-10-20T16:00:00Z",
            ),
        ],
        tasks: tasks(),
    }
}

/// A signed-in app of `role` (with projects and tasks) on the project
/// list, two projects loaded.
pub fn projects_app(role: Role, size: (u16, u16)) -> App {
    use crate::screens::projects::msg::ProjectsMsg;
    let mut app = app(role, 5, size);
    if let Some(me) = &mut app.session.me {
        me.modules.extend([Module::Projects, Module::Tasks]);
        me.modules.dedup();
    }
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Projects),
    );
    let generation = app.session.projects.list.generation;
    let mut berlin = project(
        2,
        "Berlin HQ network refresh",
        portico_shared::ProjectStatus::Planned,
    );
    berlin.location = Some(LocationRef {
        id: 1,
        name: "Berlin HQ".into(),
    });
    update::update(
        &mut app,
        crate::shell::msg::Action::Projects(ProjectsMsg::Projects {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: vec![
                    project(1, "ERP migration", portico_shared::ProjectStatus::Active),
                    berlin,
                ],
                next_cursor: None,
            }),
        }),
    );
    app
}

/// The ERP migration's timeline open, as `role` sees it.
pub fn project_app(role: Role, size: (u16, u16)) -> App {
    use crate::screens::projects::msg::ProjectsMsg;
    let mut app = projects_app(role, size);
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Open),
    );
    update::update(
        &mut app,
        crate::shell::msg::Action::Projects(ProjectsMsg::Project(Ok(Box::new(project_detail(
            role.is_staff(),
        ))))),
    );
    app
}

/// The task list (`mine` first) with `tasks()` loaded.
pub fn tasks_app(role: Role, size: (u16, u16)) -> App {
    use crate::screens::projects::msg::ProjectsMsg;
    let mut app = projects_app(role, size);
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Tasks),
    );
    let generation = app.session.projects.tasks.generation;
    update::update(
        &mut app,
        crate::shell::msg::Action::Projects(ProjectsMsg::Tasks {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: tasks(),
                next_cursor: None,
            }),
        }),
    );
    app
}

/// A standalone thread with `unread` new messages.
pub fn conversation(id: Id, subject: &str, unread: i64) -> portico_shared::Conversation {
    portico_shared::Conversation {
        id,
        subject: subject.into(),
        organization: OrganizationRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        started_by: person(3, "Priya Nair"),
        participants: if id % 2 == 0 {
            vec![person(10, "Ana Lima")]
        } else {
            vec![]
        },
        message_count: 2,
        unread_count: unread,
        created_at: now(),
        last_message_at: now(),
    }
}

/// A signed-in app of `role` on the thread list, two threads loaded.
pub fn conversations_app(role: Role, size: (u16, u16)) -> App {
    use crate::screens::conversations::msg::ConversationsMsg;
    let mut app = app(role, 5, size);
    if let Some(me) = &mut app.session.me {
        me.modules.push(Module::Messages);
        me.modules.sort();
        me.modules.dedup();
    }
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Conversations),
    );
    let generation = app.session.conversations.list.generation;
    update::update(
        &mut app,
        crate::shell::msg::Action::Conversations(ConversationsMsg::Conversations {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: vec![
                    conversation(8, "Your renewal", 1),
                    conversation(7, "Welcome to your Portico portal", 0),
                ],
                next_cursor: None,
            }),
        }),
    );
    app
}

/// A knowledge-base article with a markdown body.
pub fn article(id: Id, title: &str, category: &str) -> portico_shared::Article {
    portico_shared::Article {
        id,
        title: title.to_owned(),
        body: "## When it stops\n\nWhen the **printer** stops, check the *queue* first.\n\n\
               1. Open the `Printers` panel.\n2. Clear stuck jobs.\n\n\
               - Paper jams: see [the manual](https://example.com/manual).\n\
               - Toner: order it from the portal.\n\n> Call the desk if it stays down.\n"
            .to_owned(),
        category: category.to_owned(),
        visibility: portico_shared::ArticleVisibility::Clients,
        tags: Vec::new(),
        revision: 2,
        updated_by: None,
        created_at: now(),
        updated_at: now(),
    }
}

/// Signed in as `role` with the knowledge base open on three articles in
/// two categories.
pub fn kb_app(role: Role, size: (u16, u16)) -> App {
    use crate::screens::knowledge::msg::KnowledgeMsg;
    let mut app = app(role, 5, size);
    if let Some(me) = &mut app.session.me {
        me.modules.push(Module::Knowledge);
        me.modules.sort();
        me.modules.dedup();
    }
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Knowledge),
    );
    let generation = app.session.knowledge.list.generation;
    update::update(
        &mut app,
        crate::shell::msg::Action::Knowledge(KnowledgeMsg::Articles {
            generation,
            append: false,
            result: Ok(portico_shared::Page {
                items: vec![
                    article(3, "Printer troubleshooting", "Hardware"),
                    article(2, "Resetting your password", "Accounts"),
                    article(1, "Getting started with the portal", "Guides"),
                ],
                next_cursor: None,
            }),
        }),
    );
    app
}

/// Staff on the reports screen with a report of two weeks.
pub fn reports_app(size: (u16, u16)) -> App {
    use crate::screens::reports::msg::ReportsMsg;
    use portico_shared::{ReportRow, TicketReport, WeekCount};
    let mut app = app(Role::Agent, 5, size);
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::Reports),
    );
    let row = |group: &str, key: &str, opened, breaches, times: [Option<i64>; 4]| ReportRow {
        group: group.to_owned(),
        key: key.to_owned(),
        opened,
        resolved: opened.saturating_sub(1),
        first_response_median: times[0],
        first_response_p90: times[1],
        resolution_median: times[2],
        resolution_p90: times[3],
        breaches,
    };
    let day = |d| jiff::civil::date(2026, 11, d);
    let report = TicketReport {
        from: day(2),
        to: day(22),
        rows: vec![
            row(
                "total",
                "all",
                12,
                2,
                [Some(1_800), Some(7_200), Some(14_400), Some(100_800)],
            ),
            row(
                "priority",
                "urgent",
                2,
                1,
                [Some(600), Some(900), Some(3_600), Some(3_600)],
            ),
            row("priority", "high", 0, 0, [None, None, None, None]),
            row(
                "priority",
                "normal",
                10,
                1,
                [Some(1_800), Some(7_200), Some(18_000), Some(100_800)],
            ),
            row(
                "assignee",
                "Sam Agent",
                7,
                1,
                [Some(1_500), Some(5_400), Some(14_400), Some(28_800)],
            ),
            row("assignee", "unassigned", 5, 1, [None, None, None, None]),
        ],
        weeks: vec![
            WeekCount {
                week: day(2),
                opened: 3,
            },
            WeekCount {
                week: day(9),
                opened: 7,
            },
            WeekCount {
                week: day(16),
                opened: 2,
            },
        ],
    };
    update::update(
        &mut app,
        crate::shell::msg::Action::Reports(ReportsMsg::Report(Ok(Box::new(report)))),
    );
    app
}

/// A support form: a required choice and an optional multi-line field.
pub fn support_form(id: Id, name: &str) -> portico_shared::SupportForm {
    use portico_shared::{FieldKind, FormField};
    let field = |key: &str, label: &str, kind, required, options: &[&str]| FormField {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        min: None,
        max: None,
    };
    portico_shared::SupportForm {
        id,
        name: name.to_owned(),
        fields: vec![
            field(
                "system",
                "Affected system",
                FieldKind::Choice,
                true,
                &["Website", "Shop"],
            ),
            field("impact", "Impact", FieldKind::Multiline, false, &[]),
        ],
        priority: portico_shared::Priority::Urgent,
        tag: None,
        assignee: None,
        team: None,
        visibility: portico_shared::ArticleVisibility::Clients,
        tags: Vec::new(),
        public: false,
        updated_at: now(),
    }
}

/// An administrator on the mail status: one mail queued, one given up on
/// (its error from the SMTP server), and a stranger's mail in quarantine
/// whose subject carries a terminal escape.
pub fn mail_app(size: (u16, u16)) -> App {
    use crate::screens::mail::msg::MailMsg;
    use portico_shared::{MailCategory, MailStatus, OutboxItem, OutboxState, QuarantinedMail};
    let mut app = app(Role::Admin, 5, size);
    update::update(
        &mut app,
        crate::shell::msg::Action::Cmd(crate::shell::msg::Cmd::MailStatus),
    );
    let at = |s: i64| jiff::Timestamp::from_second(1_795_622_400 + s).unwrap_or_default();
    let status = MailStatus {
        configured: true,
        queued: 1,
        sent: 118,
        failed: 1,
        quarantined_count: 7,
        unsent: vec![
            OutboxItem {
                id: 121,
                category: MailCategory::TicketStatus,
                to: "ana@northwind.example".into(),
                subject: "Resolved: Printer on floor 2 jams on duplex".into(),
                state: OutboxState::Queued,
                attempts: 2,
                last_error: Some("Connection refused (os error 111)".into()),
                created_at: at(-300),
                next_attempt_at: Some(at(60)),
            },
            OutboxItem {
                id: 97,
                category: MailCategory::Invite,
                to: "old.contact@globex.example".into(),
                subject: "Your invitation to Acme".into(),
                state: OutboxState::Failed,
                attempts: 1,
                last_error: Some("permanent error (550): 5.1.1 Recipient address rejected".into()),
                created_at: at(-6 * 3_600),
                next_attempt_at: None,
            },
        ],
        quarantined: vec![QuarantinedMail {
            id: 9,
            sender: "deals@vendor.example".into(),
            subject: "Weekly \u{1b}[31mdeals\u{7}".into(),
            reason: "unknown sender".into(),
            received_at: at(-2 * 3_600),
        }],
    };
    update::update(
        &mut app,
        crate::shell::msg::Action::Mail(MailMsg::Status(Ok(Box::new(status)))),
    );
    app
}
