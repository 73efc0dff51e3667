//! The demo data set: a few organisations with locations, staff, client
//! contacts and workers, all signing in with one demo password.

use argon2::Argon2;
use argon2::password_hash::PasswordHasher;
use portico_shared::{
    FieldKind, FormDefaults, FormDefinition, FormField, Id, ItemState, Module, OrderStatus,
    PortalAccess, Priority, Role, TicketSource, TicketStatus, UserStatus,
};
use rusqlite::Connection;

use super::proofs::{Owner, VisibleThread};
use super::{Conn, Result, StoreError, attachments, forms, messages, orders, orgs, tickets, users};
use crate::access::DEFAULT_CLIENT_MODULES;

pub const DEMO_PASSWORD: &str = "portico-demo";

/// A sign-in the demo offers.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    pub name: String,
}

pub struct Demo {
    pub accounts: Vec<DemoAccount>,
    pub password: &'static str,
}

impl Demo {
    pub fn first(&self, role: Role) -> Option<&DemoAccount> {
        self.accounts.iter().find(|a| a.role == role)
    }
}

struct OrgSeed {
    name: &'static str,
    tags: &'static [&'static str],
    access: PortalAccess,
    locations: &'static [(&'static str, &'static str)],
    contacts: &'static [(&'static str, &'static str)],
}

const ORGS: &[OrgSeed] = &[
    OrgSeed {
        name: "Northwind Traders",
        tags: &["platinum"],
        access: PortalAccess::All,
        locations: &[
            ("Berlin HQ", "Europe/Berlin"),
            ("Hamburg Depot", "Europe/Berlin"),
        ],
        contacts: &[
            ("ana@northwind.example", "Ana Lima"),
            ("ben@northwind.example", "Ben Okafor"),
        ],
    },
    OrgSeed {
        name: "Globex Corporation",
        tags: &["android"],
        access: PortalAccess::All,
        locations: &[("Springfield Plant", "America/Chicago")],
        contacts: &[("carla@globex.example", "Carla Diaz")],
    },
    OrgSeed {
        name: "Initech",
        tags: &[],
        access: PortalAccess::Selected,
        locations: &[("Austin Office", "America/Chicago")],
        contacts: &[("dan@initech.example", "Dan Porter")],
    },
];

const STAFF: &[(Role, &str, &str)] = &[
    (Role::Admin, "admin@portico.example", "Ada Admin"),
    (Role::Agent, "sam@portico.example", "Sam Agent"),
    (Role::Agent, "priya@portico.example", "Priya Nair"),
];

/// Refuses a database that has people (seeding never doubles data) and
/// answers the hash every demo sign-in shares.
pub fn demo_password_hash_for_empty(c: &Connection) -> Result<String> {
    let people: i64 = c.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
    if people > 0 {
        return Err(StoreError::Conflict(
            "the database already has people; seed an empty data directory".into(),
        ));
    }
    Ok(Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes())
        .map_err(|e| StoreError::Conflict(format!("hashing the demo password: {e}")))?
        .to_string())
}

/// Fills an empty database with the demo. Refuses a database that has people.
pub fn seed_demo(c: &mut Connection, now: i64) -> Result<Demo> {
    let hash = demo_password_hash_for_empty(c)?;
    // IMMEDIATE: the write lock is taken (waiting out a running server's
    // writer) before the first read, so the transaction never has to upgrade
    // a read snapshot, which SQLite refuses at once with SQLITE_BUSY.
    let raw = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let tx = Conn::over(&raw);
    let mut accounts = Vec::new();
    let mut add =
        |tx: &Conn<'_>, role, email: &str, name: &str, org: Option<Id>, locs: Option<&[Id]>| {
            users::insert(
                tx,
                &users::NewUser {
                    email,
                    name,
                    role,
                    status: UserStatus::Active,
                    organization_id: org,
                    password_hash: Some(&hash),
                    modules: None,
                    location_ids: locs,
                    now,
                },
            )?;
            accounts.push(DemoAccount {
                role,
                email: email.to_owned(),
                name: name.to_owned(),
            });
            Ok::<_, StoreError>(())
        };
    for &(role, email, name) in STAFF {
        add(&tx, role, email, name, None, None)?;
    }
    for o in ORGS {
        let tags: Vec<String> = o.tags.iter().map(|t| (*t).to_owned()).collect();
        let mut modules = DEFAULT_CLIENT_MODULES.to_vec();
        modules.push(Module::Timesheets);
        let org = orgs::insert(
            &tx,
            &orgs::NewOrg {
                name: o.name,
                tags: &tags,
                portal_access: o.access,
                default_modules: &modules,
                now,
            },
        )?;
        let mut loc_ids = Vec::new();
        for (name, tz) in o.locations {
            loc_ids.push(orgs::insert_location(&tx, org, name, tz, "", now)?.id);
        }
        for (i, (email, name)) in o.contacts.iter().enumerate() {
            // The second contact of an organisation is limited to its last location.
            let limit = (i == 1).then(|| &loc_ids[loc_ids.len() - 1..]);
            add(&tx, Role::Client, email, name, Some(org), limit)?;
        }
    }
    tx.0.execute(
        "UPDATE users SET portal_selected = 1 WHERE role = 'client'",
        [],
    )?;
    for (email, name) in super::seed_shifts::WORKERS {
        add(&tx, Role::Worker, email, name, None, None)?;
    }
    seed_tickets(&tx, now)?;
    seed_orders(&tx, now)?;
    super::seed_shifts::seed(&tx, now)?;
    super::seed_sla::seed(&tx)?;
    super::seed_knowledge::seed(
        &tx,
        user_id(&tx, "admin@portico.example")?,
        user_id(&tx, "sam@portico.example")?,
        now,
    )?;
    super::seed_invoices::seed(&tx, now)?;
    super::seed_projects::seed(&tx, now)?;
    super::seed_mail::seed(&tx, now)?;
    raw.commit()?;
    Ok(Demo {
        accounts,
        password: DEMO_PASSWORD,
    })
}

/// A demo ticket: who opened it, what state it is in, and its conversation.
struct TicketSeed {
    requester: &'static str,
    subject: &'static str,
    body: &'static str,
    priority: Priority,
    status: TicketStatus,
    assignee: Option<&'static str>,
    /// Hours ago it was opened.
    age_hours: i64,
    /// Hours from now to the deadline (negative: overdue).
    deadline_hours: Option<i64>,
    /// (author, text, internal)
    thread: &'static [(&'static str, &'static str, bool)],
}

const SAM: &str = "sam@portico.example";
const PRIYA: &str = "priya@portico.example";

const TICKETS: &[TicketSeed] = &[
    TicketSeed {
        requester: "ana@northwind.example",
        subject: "VPN drops every 20 minutes at Berlin HQ",
        body: "Since Monday the site-to-site VPN disconnects roughly every 20 minutes.\nThe warehouse scanners lose their session each time.",
        priority: Priority::Urgent,
        status: TicketStatus::New,
        assignee: None,
        age_hours: 2,
        deadline_hours: None,
        thread: &[],
    },
    TicketSeed {
        requester: "carla@globex.example",
        subject: "Invoice PDF shows the wrong VAT number",
        body: "Our VAT number changed in October; the last two invoices still show the old one.",
        priority: Priority::Normal,
        status: TicketStatus::New,
        assignee: None,
        age_hours: 5,
        deadline_hours: None,
        thread: &[],
    },
    TicketSeed {
        requester: "ben@northwind.example",
        subject: "New starter needs accounts on Monday",
        body: "Please create mail, VPN and ERP accounts for our new dispatcher, starting Monday.",
        priority: Priority::High,
        status: TicketStatus::New,
        assignee: None,
        age_hours: 20,
        deadline_hours: None,
        thread: &[],
    },
    TicketSeed {
        requester: "ana@northwind.example",
        subject: "Printer on floor 2 jams on duplex",
        body: "The Kyocera on floor 2 jams whenever someone prints double-sided.",
        priority: Priority::Low,
        status: TicketStatus::Open,
        assignee: Some(SAM),
        age_hours: 50,
        deadline_hours: Some(24),
        thread: &[
            (
                SAM,
                "Thanks Ana, I will bring a new duplex unit on Thursday.",
                false,
            ),
            (SAM, "Spare unit is in the van; check the fuser too.", true),
        ],
    },
    TicketSeed {
        requester: "carla@globex.example",
        subject: "Backup job failed on Springfield file server",
        body: "Last night's backup report says the job failed with 'snapshot timeout'.",
        priority: Priority::High,
        status: TicketStatus::Open,
        assignee: Some(PRIYA),
        age_hours: 30,
        deadline_hours: Some(-3),
        thread: &[
            (
                PRIYA,
                "Looking into it now; the snapshot volume is nearly full.",
                false,
            ),
            (
                "carla@globex.example",
                "Thanks, please keep me posted.",
                false,
            ),
        ],
    },
    TicketSeed {
        requester: "dan@initech.example",
        subject: "Can we get a second monitor for reception?",
        body: "Reception would like a second screen for the visitor log.",
        priority: Priority::Low,
        status: TicketStatus::Pending,
        assignee: Some(SAM),
        age_hours: 72,
        deadline_hours: Some(72),
        thread: &[
            (
                SAM,
                "Which model do you prefer: 24\" or 27\"? Quote attached.",
                false,
            ),
            (SAM, "Waiting on Dan's answer before ordering.", true),
        ],
    },
    TicketSeed {
        requester: "ana@northwind.example",
        subject: "Password reset for the ERP admin account",
        body: "I locked myself out of the ERP admin account after the holidays.",
        priority: Priority::Normal,
        status: TicketStatus::Resolved,
        assignee: Some(PRIYA),
        age_hours: 120,
        deadline_hours: None,
        thread: &[
            (
                PRIYA,
                "Reset done; the temporary password is in your SMS.",
                false,
            ),
            ("ana@northwind.example", "Works again, thank you!", false),
        ],
    },
    TicketSeed {
        requester: "carla@globex.example",
        subject: "Move the shared calendar to the new tenant",
        body: "Please move the 'Plant shifts' calendar to the new Microsoft tenant.",
        priority: Priority::Normal,
        status: TicketStatus::Closed,
        assignee: Some(SAM),
        age_hours: 400,
        deadline_hours: None,
        thread: &[(SAM, "Migrated and shared with the plant team.", false)],
    },
];

fn user_id(c: &Conn<'_>, email: &str) -> Result<Id> {
    use super::OptionalRow;
    c.0.query_row("SELECT id FROM users WHERE email = ?1", [email], |r| {
        r.get(0)
    })
    .found()
}

fn seed_tickets(c: &Conn<'_>, now: i64) -> Result<()> {
    for t in TICKETS {
        let requester = user_id(c, t.requester)?;
        let org: Id = c.0.query_row(
            "SELECT organization_id FROM users WHERE id = ?1",
            [requester],
            |r| r.get(0),
        )?;
        let opened = now - t.age_hours * 3600;
        let ticket = tickets::insert(
            c,
            &tickets::NewTicketRow {
                organization_id: org,
                requester_id: requester,
                subject: t.subject,
                body: t.body,
                priority: t.priority,
                source: TicketSource::Portal,
                now: opened,
            },
        )?;
        let id = ticket.id();
        let thread: Id =
            c.0.query_row("SELECT thread_id FROM tickets WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        for (i, (author, text, internal)) in t.thread.iter().enumerate() {
            let mid = messages::insert(
                c,
                &messages::NewMessageRow {
                    thread: VisibleThread::trusted(thread, Owner::Ticket(id)),
                    author_id: user_id(c, author)?,
                    body: text,
                    internal: *internal,
                    now: opened + 1800 * (i as i64 + 1),
                },
            )?;
            if text.contains("attached") {
                let data: &[u8] = b"24in monitor: 149 EUR\n27in monitor: 219 EUR\n";
                let quote = attachments::insert(
                    c,
                    &attachments::NewFile {
                        uploader_id: user_id(c, author)?,
                        file_name: "monitor-quote.txt",
                        content_type: "text/plain",
                        size: data.len() as u64,
                        now: opened,
                    },
                    &mut &data[..],
                )?;
                attachments::link(c, user_id(c, author)?, &[quote.id], None, Some(mid))?;
            }
        }
        let assignee = t.assignee.map(|a| user_id(c, a)).transpose()?;
        tickets::update(
            c,
            &ticket,
            &tickets::Update {
                status: t.status,
                priority: None,
                assignee_id: Some(assignee),
                deadline: Some(t.deadline_hours.map(|h| now + h * 3600)),
                team: None,
                tags: None,
                now: (opened + 3600 * 4).min(now),
                visible: true,
            },
        )?;
    }
    // A resolved ticket's resolution time is when it was last updated.
    c.0.execute(
        "UPDATE tickets SET resolved_at = updated_at WHERE status IN ('resolved', 'closed')",
        [],
    )?;
    Ok(())
}

/// The staffing form Northwind uses instead of the default one.
fn northwind_form() -> FormDefinition {
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
    FormDefinition {
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
    }
}

/// A demo order: who asked, where, how far it got, its items and deliverable.
struct OrderSeed {
    requester: &'static str,
    location: &'static str,
    title: &'static str,
    status: OrderStatus,
    /// Days ago it was submitted.
    age_days: i64,
    /// The submitted values as JSON.
    values: &'static str,
    /// (description, worker, start in days from now, state)
    items: &'static [(&'static str, Option<&'static str>, i64, ItemState)],
    /// (file name, content)
    deliverable: Option<(&'static str, &'static [u8])>,
}

const WENDY: &str = "wendy@workers.example";

const ORDERS: &[OrderSeed] = &[
    OrderSeed {
        requester: "ana@northwind.example",
        location: "Berlin HQ",
        title: "Forklift drivers for the December peak",
        status: OrderStatus::InProgress,
        age_days: 10,
        values: r#"{"role":"Forklift driver","headcount":3,"start_date":"2026-12-01","shifts":["early","late"]}"#,
        items: &[
            (
                "Forklift driver, early shift",
                Some(WENDY),
                1,
                ItemState::Filled,
            ),
            ("Forklift driver, late shift", None, 1, ItemState::Open),
            ("Forklift driver, late shift", None, 2, ItemState::Open),
        ],
        deliverable: None,
    },
    OrderSeed {
        requester: "ben@northwind.example",
        location: "Hamburg Depot",
        title: "Night dispatcher cover",
        status: OrderStatus::Submitted,
        age_days: 1,
        values: r#"{"role":"Dispatcher","headcount":1,"start_date":"2026-12-07","shifts":["night"],"contact":"Ben at gate 2"}"#,
        items: &[],
        deliverable: None,
    },
    OrderSeed {
        requester: "ana@northwind.example",
        location: "Berlin HQ",
        title: "Year-end inventory count",
        status: OrderStatus::Delivered,
        age_days: 30,
        values: r#"{"role":"Warehouse operative","headcount":2,"start_date":"2026-11-01","notes":"Count aisles 1-12."}"#,
        items: &[("Inventory counter", Some(WENDY), -20, ItemState::Done)],
        deliverable: Some(("inventory-count.csv", b"aisle,items\n1,412\n2,388\n")),
    },
    OrderSeed {
        requester: "carla@globex.example",
        location: "Springfield Plant",
        title: "Line maintenance crew for the January shutdown",
        status: OrderStatus::Accepted,
        age_days: 3,
        values: r#"{"details":"Four fitters for the two-week shutdown starting 5 January."}"#,
        items: &[("Fitter", None, 40, ItemState::Open)],
        deliverable: None,
    },
    OrderSeed {
        requester: "carla@globex.example",
        location: "Springfield Plant",
        title: "Translate the safety manual into Spanish",
        status: OrderStatus::Closed,
        age_days: 60,
        values: r#"{"details":"The 2026 plant safety manual, 40 pages."}"#,
        items: &[("Translation and review", None, -50, ItemState::Done)],
        deliverable: Some((
            "safety-manual-es.txt",
            b"Manual de seguridad de la planta 2026\n",
        )),
    },
    OrderSeed {
        requester: "dan@initech.example",
        location: "Austin Office",
        title: "Temporary receptionist",
        status: OrderStatus::Cancelled,
        age_days: 14,
        values: r#"{"details":"Cover for reception during the holidays."}"#,
        items: &[],
        deliverable: None,
    },
];

fn seed_orders(c: &Conn<'_>, now: i64) -> Result<()> {
    let northwind: Id = c.0.query_row(
        "SELECT id FROM organizations WHERE name = 'Northwind Traders'",
        [],
        |r| r.get(0),
    )?;
    forms::insert(c, northwind, &northwind_form(), now)?;
    let staff = user_id(c, SAM)?;
    for o in ORDERS {
        let requester = user_id(c, o.requester)?;
        let (org, location): (Id, Id) = c.0.query_row(
            "SELECT u.organization_id, l.id FROM users u
             JOIN locations l ON l.organization_id = u.organization_id AND l.name = ?2
             WHERE u.id = ?1",
            rusqlite::params![requester, o.location],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (form, version_id) = forms::effective(c, org)?;
        let values = serde_json::from_str(o.values)
            .map_err(|e| StoreError::Conflict(format!("demo order values: {e}")))?;
        let created = now - o.age_days * 86_400;
        let defaults = &form.definition.defaults;
        let order = orders::insert(
            c,
            &orders::NewOrderRow {
                organization_id: org,
                location_id: location,
                title: o.title,
                priority: defaults.priority.unwrap_or(Priority::Normal),
                team: defaults.team.as_deref(),
                due_date: portico_shared::due_date(None, orders::utc_date(created), defaults),
                submitted_by: requester,
                form_version_id: version_id,
                values: &values,
                year: orders::utc_date(created).year(),
                now: created,
            },
        )?;
        for (description, worker, start_days, state) in o.items {
            let starts = now + start_days * 86_400;
            orders::insert_item(
                c,
                &order,
                &orders::ItemRow {
                    description,
                    worker_id: worker.map(|w| user_id(c, w)).transpose()?,
                    starts_at: Some(starts),
                    ends_at: Some(starts + 8 * 3600),
                    state: *state,
                    now: created,
                },
            )?;
        }
        if let Some((name, data)) = o.deliverable {
            let file = attachments::insert(
                c,
                &attachments::NewFile {
                    uploader_id: staff,
                    file_name: name,
                    content_type: "text/plain",
                    size: data.len() as u64,
                    now,
                },
                &mut &data[..],
            )?;
            attachments::link_to_order(c, staff, &[file.id], &order, true)?;
        }
        orders::update(
            c,
            &order,
            &orders::Update {
                status: Some(o.status),
                title: None,
                priority: None,
                team: None,
                due_date: None,
                now: (created + 86_400).min(now),
            },
        )?;
    }
    Ok(())
}
