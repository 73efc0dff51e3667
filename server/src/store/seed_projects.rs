//! The demo's projects, tasks and standalone threads: Northwind's ERP
//! migration half-way through its timeline (phases past, current, future
//! and one internal), a Berlin-only project, tasks for contacts (one
//! overdue), and a welcome thread per organisation.

use jiff::civil::Date;
use portico_shared::{Phase, PhaseAction, PhaseStatus, ProjectStatus};

use super::messages::{self, NewMessageRow};
use super::proofs::{Owner, VisibleThread};
use super::seed_shifts::id_of;
use super::{Conn, Result, StoreError, conversations, orders, projects, tasks};
use crate::access;

/// A demo phase: name, start and end in days from today, status, visible.
type PhaseSeed = (&'static str, i64, i64, PhaseStatus, bool);

struct ProjectSeed {
    org: &'static str,
    location: Option<&'static str>,
    name: &'static str,
    description: &'static str,
    status: ProjectStatus,
    owner: &'static str,
    phases: &'static [PhaseSeed],
    /// (assignee, title, due in days from today)
    tasks: &'static [(&'static str, &'static str, i64)],
}

const PROJECTS: &[ProjectSeed] = &[
    ProjectSeed {
        org: "Northwind Traders",
        location: None,
        name: "ERP migration",
        description: "Move orders, stock and invoicing from the old ERP to the new cloud ERP.",
        status: ProjectStatus::Active,
        owner: "priya@portico.example",
        phases: &[
            ("Discovery", -60, -40, PhaseStatus::Done, true),
            ("Design", -39, -15, PhaseStatus::Done, true),
            ("Vendor contract review", -30, -20, PhaseStatus::Done, false),
            ("Build", -14, 20, PhaseStatus::Active, true),
            ("Go-live", 21, 35, PhaseStatus::Planned, true),
        ],
        tasks: &[
            (
                "ana@northwind.example",
                "Approve the cut-over plan draft",
                -2,
            ),
            (
                "ana@northwind.example",
                "Send the signed data-processing agreement",
                3,
            ),
            (
                "ben@northwind.example",
                "Confirm the Hamburg depot's stock count date",
                6,
            ),
            (
                "priya@portico.example",
                "Book the go-live weekend with the vendor",
                10,
            ),
        ],
    },
    ProjectSeed {
        org: "Northwind Traders",
        location: Some("Berlin HQ"),
        name: "Berlin HQ network refresh",
        description: "New switches and Wi-Fi on all four floors of Berlin HQ.",
        status: ProjectStatus::Planned,
        owner: "sam@portico.example",
        phases: &[
            ("Site survey", 7, 10, PhaseStatus::Planned, true),
            ("Install", 14, 28, PhaseStatus::Planned, true),
        ],
        tasks: &[("ana@northwind.example", "Send the floor plans", 5)],
    },
    ProjectSeed {
        org: "Globex Corporation",
        location: None,
        name: "Plant floor Wi-Fi",
        description: "Cover the Springfield plant floor with Wi-Fi for the handheld scanners.",
        status: ProjectStatus::Active,
        owner: "sam@portico.example",
        phases: &[
            ("Survey", -20, -10, PhaseStatus::Done, true),
            ("Rollout", -9, 12, PhaseStatus::Active, true),
        ],
        tasks: &[("carla@globex.example", "Arrange after-hours access", 1)],
    },
];

/// (organisation, subject, author, first message)
const THREADS: &[(&str, &str, &str, &str)] = &[
    (
        "Northwind Traders",
        "Welcome to your Portico portal",
        "priya@portico.example",
        "Hello Northwind! This is where we talk about anything that is not a ticket or an order.",
    ),
    (
        "Globex Corporation",
        "Quarterly review in December",
        "sam@portico.example",
        "Shall we hold the quarterly review on the 12th? Happy to come to Springfield.",
    ),
];

const DAY: i64 = 86_400;

pub fn seed(c: &Conn<'_>, now: i64) -> Result<()> {
    // Every demo organisation's contacts get projects and tasks.
    c.0.execute(
        "UPDATE organizations SET default_modules =
             json_insert(json_insert(default_modules, '$[#]', 'projects'), '$[#]', 'tasks')",
        [],
    )?;
    let today = orders::utc_date(now);
    for p in PROJECTS {
        project(c, p, today, now)?;
    }
    for (org, subject, author, body) in THREADS {
        let org = id_of(c, "SELECT id FROM organizations WHERE name = ?1", org)?;
        let author = id_of(c, "SELECT id FROM users WHERE email = ?1", author)?;
        let id = conversations::insert(c, org, subject, author, &[], now - 3 * DAY)?;
        let row = NewMessageRow {
            thread: VisibleThread::trusted(id, Owner::Standalone(id)),
            author_id: author,
            body,
            internal: false,
            now: now - 3 * DAY,
        };
        messages::insert(c, &row)?;
    }
    Ok(())
}

fn project(c: &Conn<'_>, p: &ProjectSeed, today: Date, now: i64) -> Result<()> {
    let day = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .map_err(|e| StoreError::Conflict(format!("demo dates: {e}")))
    };
    let org = id_of(c, "SELECT id FROM organizations WHERE name = ?1", p.org)?;
    let location = match p.location {
        Some(l) => Some(id_of(c, "SELECT id FROM locations WHERE name = ?1", l)?),
        None => None,
    };
    let owner = id_of(c, "SELECT id FROM users WHERE email = ?1", p.owner)?;
    let first = p.phases.first().map_or(0, |f| f.1);
    let last = p.phases.last().map_or(0, |l| l.2);
    let id = projects::insert(
        c,
        &projects::NewProjectRow {
            organization_id: org,
            location_id: location,
            name: p.name,
            description: p.description,
            status: p.status,
            start_date: Some(day(first)?),
            due_date: Some(day(last)?),
            owner_id: Some(owner),
            now: now + first * DAY,
        },
    )?;
    let project = projects::get(c, &access::everything().projects, id)?;
    for (i, &(name, start, end, status, visible)) in p.phases.iter().enumerate() {
        let mut phase = Phase {
            id: 0,
            name: name.to_owned(),
            start_date: day(start)?,
            end_date: day(end)?,
            status: PhaseStatus::Planned,
            visible_to_client: visible,
            position: i as i64,
        };
        let added = now + (first - 1).min(start) * DAY;
        phase.id = projects::insert_phase(c, &project, &phase, added)?;
        projects::record(c, &project, &phase, PhaseAction::Added, owner, added)?;
        // The history a real timeline would have: started on its first
        // day, done on its last.
        if status != PhaseStatus::Planned {
            phase.status = PhaseStatus::Active;
            projects::record(
                c,
                &project,
                &phase,
                PhaseAction::Started,
                owner,
                now + start * DAY,
            )?;
        }
        if status == PhaseStatus::Done {
            phase.status = PhaseStatus::Done;
            projects::record(
                c,
                &project,
                &phase,
                PhaseAction::Done,
                owner,
                now + end * DAY,
            )?;
        }
        projects::update_phase(c, &project, &phase, now)?;
    }
    for (assignee, title, due) in p.tasks {
        let assignee = id_of(c, "SELECT id FROM users WHERE email = ?1", assignee)?;
        tasks::insert(
            c,
            &tasks::NewTaskRow {
                organization_id: org,
                project_id: Some(id),
                title,
                description: "",
                assignee_id: Some(assignee),
                due_date: Some(day(*due)?),
                created_by: owner,
                now: now - 5 * DAY,
            },
        )?;
    }
    Ok(())
}
