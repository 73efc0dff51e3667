//! Shared fixtures: one builder for organisations, locations, people,
//! tickets, orders and shifts, written through the store's own functions
//! into a temporary database. The store conformance tests
//! (`server/tests/store.rs`) run on it, and so will a second backend's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use portico_shared::{
    Id, Module, PortalAccess, Priority, Role, TicketScope as Visibility, TicketSource, User,
    UserStatus,
};

use super::{Conn, Result, db, forms, orders, orgs, shifts, tickets, users};
use crate::access::Viewer;

/// A temporary database and the builder's clock.
pub struct Fixtures {
    path: PathBuf,
    _dir: tempfile::TempDir,
    /// Rises by a minute with every row written, so rows have distinct times.
    now: i64,
}

/// An organisation and its locations.
#[derive(Debug, Clone)]
pub struct Org {
    pub id: Id,
    pub locations: Vec<Id>,
}

impl Fixtures {
    /// An empty, migrated database in a temporary directory.
    pub fn new() -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("portico.db");
        db::open_direct(&path)?;
        Ok(Fixtures {
            path,
            _dir: dir,
            now: 1_767_225_600, // 2026-01-01T00:00:00Z
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn tick(&mut self) -> i64 {
        self.now += 60;
        self.now
    }

    /// Runs `f` in one write transaction.
    pub fn write<T>(&self, f: impl FnOnce(&Conn<'_>) -> Result<T>) -> Result<T> {
        db::with_file(&self.path, f)
    }

    /// Runs `f` on a read-only connection.
    pub fn read<T>(&self, f: impl FnOnce(&Conn<'_>) -> Result<T>) -> Result<T> {
        db::with_reader(&self.path, f)
    }

    /// An organisation with portal access for all and locations named `locations`.
    pub fn org(&mut self, name: &str, locations: &[&str]) -> Result<Org> {
        let now = self.tick();
        self.write(|c| {
            let modules = Module::ALL.to_vec();
            let id = orgs::insert(
                c,
                &orgs::NewOrg {
                    name,
                    tags: &[],
                    portal_access: PortalAccess::All,
                    default_modules: &modules,
                    now,
                },
            )?;
            let locations = locations
                .iter()
                .map(|l| Ok(orgs::insert_location(c, id, l, "Europe/Berlin", "", now)?.id))
                .collect::<Result<Vec<_>>>()?;
            Ok(Org { id, locations })
        })
    }

    fn person(
        &mut self,
        role: Role,
        name: &str,
        org: Option<Id>,
        locations: Option<&[Id]>,
    ) -> Result<User> {
        let now = self.tick();
        let email = format!("{}@fixture.example", name.to_lowercase().replace(' ', "."));
        self.write(|c| {
            let id = users::insert(
                c,
                &users::NewUser {
                    email: &email,
                    name,
                    role,
                    status: UserStatus::Active,
                    organization_id: org,
                    password_hash: None,
                    modules: None,
                    location_ids: locations,
                    now,
                },
            )?;
            users::get(c, id)
        })
    }

    /// An agent (staff).
    pub fn staff(&mut self, name: &str) -> Result<User> {
        self.person(Role::Agent, name, None, None)
    }

    /// A client contact of `org`, at every location or only at `locations`.
    pub fn contact(&mut self, name: &str, org: &Org, locations: Option<&[Id]>) -> Result<User> {
        self.person(Role::Client, name, Some(org.id), locations)
    }

    /// A client contact of `org` who sees only the tickets they opened.
    pub fn own_only_contact(&mut self, name: &str, org: &Org) -> Result<User> {
        let user = self.contact(name, org, None)?;
        self.write(|c| {
            users::update(
                c,
                user.id,
                &users::Changes {
                    ticket_scope: Some(Visibility::Own),
                    ..users::Changes::default()
                },
            )?;
            users::get(c, user.id)
        })
    }

    pub fn worker(&mut self, name: &str) -> Result<User> {
        self.person(Role::Worker, name, None, None)
    }

    /// A ticket `requester` opened in their organisation.
    pub fn ticket(&mut self, requester: &User, subject: &str) -> Result<Id> {
        let now = self.tick();
        let org = requester.organization_id.unwrap_or_default();
        self.write(|c| {
            tickets::insert(
                c,
                &tickets::NewTicketRow {
                    organization_id: org,
                    requester_id: requester.id,
                    subject,
                    body: "fixture ticket",
                    priority: Priority::Normal,
                    source: TicketSource::Portal,
                    now,
                },
            )
            .map(|t| t.id())
        })
    }

    /// An order `by` submitted for `org` at `location` through the default form.
    pub fn order(&mut self, by: &User, org: &Org, location: Id, title: &str) -> Result<Id> {
        let now = self.tick();
        self.write(|c| {
            let (_, form_version_id) = forms::effective(c, org.id)?;
            orders::insert(
                c,
                &orders::NewOrderRow {
                    organization_id: org.id,
                    location_id: location,
                    title,
                    priority: Priority::Normal,
                    team: None,
                    due_date: None,
                    submitted_by: by.id,
                    form_version_id,
                    values: &BTreeMap::new(),
                    year: orders::utc_date(now).year(),
                    now,
                },
            )
            .map(|o| o.id())
        })
    }

    /// A shift of `worker` at `location`, starting a day from now, 8 hours long.
    pub fn shift(&mut self, worker: &User, location: Id) -> Result<Id> {
        let now = self.tick();
        let starts_at = now + 86_400;
        self.write(|c| {
            shifts::insert(
                c,
                &shifts::NewShiftRow {
                    worker_id: worker.id,
                    location_id: location,
                    order_item_id: None,
                    starts_at,
                    ends_at: starts_at + 8 * 3_600,
                },
                now,
            )
        })
    }

    /// `user` signed in, with every module their role may have.
    pub fn viewer(&self, user: &User) -> Viewer {
        Viewer::new(0, user.clone(), Module::ALL.to_vec(), 0)
    }

    /// The builder's clock now.
    pub fn now(&self) -> i64 {
        self.now
    }
}

/// The standard world the conformance tests share: two organisations (Acme
/// with North and South, Globex with one location), staff, Acme contacts
/// seeing everything, only North, or only their own tickets, a Globex
/// contact, a worker, and tickets, orders and shifts spread between them.
pub struct World {
    pub fx: Fixtures,
    pub acme: Org,
    pub globex: Org,
    pub staff: User,
    pub acme_contact: User,
    pub acme_north: User,
    pub acme_own: User,
    pub globex_contact: User,
    pub worker: User,
    pub other_worker: User,
    pub acme_ticket: Id,
    pub acme_own_ticket: Id,
    pub globex_ticket: Id,
    pub north_order: Id,
    pub south_order: Id,
    pub globex_order: Id,
    pub north_shift: Id,
    pub south_shift: Id,
    pub globex_shift: Id,
}

impl World {
    pub fn build() -> Result<World> {
        let mut fx = Fixtures::new()?;
        let acme = fx.org("Acme", &["North", "South"])?;
        let globex = fx.org("Globex", &["Harbour"])?;
        let staff = fx.staff("Sam Staff")?;
        let acme_contact = fx.contact("Ada Acme", &acme, None)?;
        let acme_north = fx.contact("Nora North", &acme, Some(&acme.locations[..1]))?;
        let acme_own = fx.own_only_contact("Otto Own", &acme)?;
        let globex_contact = fx.contact("Gil Globex", &globex, None)?;
        let worker = fx.worker("Wanda Worker")?;
        let other_worker = fx.worker("Walt Worker")?;
        let acme_ticket = fx.ticket(&acme_contact, "Printer jam")?;
        let acme_own_ticket = fx.ticket(&acme_own, "My laptop")?;
        let globex_ticket = fx.ticket(&globex_contact, "Harbour crane")?;
        let north_order = fx.order(&acme_contact, &acme, acme.locations[0], "North cleaning")?;
        let south_order = fx.order(&acme_contact, &acme, acme.locations[1], "South cleaning")?;
        let globex_order = fx.order(&globex_contact, &globex, globex.locations[0], "Dock crew")?;
        let north_shift = fx.shift(&worker, acme.locations[0])?;
        let south_shift = fx.shift(&other_worker, acme.locations[1])?;
        let globex_shift = fx.shift(&worker, globex.locations[0])?;
        Ok(World {
            fx,
            acme,
            globex,
            staff,
            acme_contact,
            acme_north,
            acme_own,
            globex_contact,
            worker,
            other_worker,
            acme_ticket,
            acme_own_ticket,
            globex_ticket,
            north_order,
            south_order,
            globex_order,
            north_shift,
            south_shift,
            globex_shift,
        })
    }
}
