//! The demo data set: a few organisations with locations, staff, client
//! contacts and a worker, all signing in with one demo password.

use argon2::Argon2;
use argon2::password_hash::PasswordHasher;
use portico_shared::{Id, Module, PortalAccess, Role, UserStatus};
use rusqlite::Connection;

use crate::routes::orgs::DEFAULT_CLIENT_MODULES;
use crate::store::{Result, StoreError, orgs, users};

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

const WORKERS: &[(&str, &str)] = &[("wendy@workers.example", "Wendy Walker")];

/// Fills an empty database with the demo. Refuses a database that has people.
pub fn seed_demo(c: &mut Connection, now: i64) -> Result<Demo> {
    let people: i64 = c.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
    if people > 0 {
        return Err(StoreError::Conflict(
            "the database already has people; seed an empty data directory".into(),
        ));
    }
    let hash = Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes())
        .map_err(|e| StoreError::Conflict(format!("hashing the demo password: {e}")))?
        .to_string();
    let tx = c.transaction()?;
    let mut accounts = Vec::new();
    let mut add =
        |tx: &Connection, role, email: &str, name: &str, org: Option<Id>, locs: Option<&[Id]>| {
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
    tx.execute(
        "UPDATE users SET portal_selected = 1 WHERE role = 'client'",
        [],
    )?;
    for (email, name) in WORKERS {
        add(&tx, Role::Worker, email, name, None, None)?;
    }
    tx.commit()?;
    Ok(Demo {
        accounts,
        password: DEMO_PASSWORD,
    })
}
