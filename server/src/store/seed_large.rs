//! The large data set for benchmarks: 500 organisations, 5,000 contacts,
//! 100,000 tickets and 1,000,000 messages, 50,000 orders, and 200 workers
//! with 200,000 timesheet entries and a shift each today, written
//! in one transaction with prepared statements so it loads in well under a
//! minute on two cores. Sign-ins are the demo's, password `portico-demo`.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};

use super::seed::demo_password_hash_for_empty;
use super::{Result, to_json};
use crate::access::DEFAULT_CLIENT_MODULES;

/// How much to write.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub organizations: usize,
    pub contacts_per_org: usize,
    pub agents: usize,
    pub tickets: usize,
    /// Average messages per ticket (the spread is 0 to twice this).
    pub messages_per_ticket: usize,
    pub orders: usize,
    pub workers: usize,
    /// Daily entries each worker has, going back from yesterday.
    pub entries_per_worker: usize,
}

impl Scale {
    pub const LARGE: Scale = Scale {
        organizations: 500,
        contacts_per_org: 10,
        agents: 20,
        tickets: 100_000,
        messages_per_ticket: 10,
        orders: 50_000,
        workers: 200,
        entries_per_worker: 1_000,
    };
}

/// What was written, for the caller to print.
#[derive(Debug, Default)]
pub struct Written {
    pub organizations: usize,
    pub contacts: usize,
    pub tickets: usize,
    pub messages: usize,
    pub orders: usize,
    pub entries: usize,
}

/// A client organisation as written: its id, locations and contacts.
struct OrgRows {
    id: i64,
    locations: Vec<i64>,
    contacts: Vec<i64>,
}

const WORDS: &[&str] = &[
    "printer",
    "vpn",
    "backup",
    "invoice",
    "password",
    "laptop",
    "email",
    "calendar",
    "server",
    "network",
    "firewall",
    "license",
    "update",
    "crash",
    "slow",
    "login",
    "account",
    "monitor",
    "phone",
    "wifi",
    "database",
    "report",
    "export",
    "sync",
    "disk",
    "upgrade",
    "error",
    "timeout",
    "certificate",
    "access",
];
const STATUSES: &[(&str, u32)] = &[
    ("new", 10),
    ("open", 40),
    ("pending", 15),
    ("resolved", 20),
    ("closed", 15),
];
const PRIORITIES: &[(&str, u32)] = &[("low", 25), ("normal", 50), ("high", 20), ("urgent", 5)];

fn pick<'a>(rng: &mut StdRng, weighted: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = weighted.iter().map(|w| w.1).sum();
    let mut n = rng.random_range(0..total);
    for (v, w) in weighted {
        if n < *w {
            return v;
        }
        n -= w;
    }
    weighted[0].0
}

fn sentence(rng: &mut StdRng, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[rng.random_range(0..WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Creates (or brings up to date) the database at `path` and fills it.
pub fn seed_file(path: &std::path::Path, now: i64, scale: Scale, seed: u64) -> Result<Written> {
    let mut c = super::db::open_direct(path)?;
    seed_large(&mut c, now, scale, seed)
}

/// Fills an empty database. Deterministic for a given `seed`.
pub fn seed_large(c: &mut Connection, now: i64, scale: Scale, seed: u64) -> Result<Written> {
    let hash = demo_password_hash_for_empty(c)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Written::default();
    // A bulk load may lose everything on power loss; it is re-runnable.
    c.pragma_update(None, "synchronous", "OFF")?;
    c.pragma_update(None, "cache_size", -64_000)?;
    // IMMEDIATE: the write lock is taken (waiting out a running server's
    // writer) before the first read, so the transaction never has to upgrade
    // a read snapshot, which SQLite refuses at once with SQLITE_BUSY.
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let mut user = tx.prepare(
            "INSERT INTO users (email, name, role, status, organization_id, password_hash, portal_selected, created_at)
             VALUES (?1, ?2, ?3, 'active', ?4, ?5, 1, ?6)",
        )?;
        user.execute(params![
            "admin@portico.example",
            "Ada Admin",
            "admin",
            None::<i64>,
            hash,
            now
        ])?;
        let mut agents = Vec::new();
        for i in 0..scale.agents {
            let email = if i == 0 {
                "sam@portico.example".to_owned()
            } else {
                format!("agent{i}@portico.example")
            };
            user.execute(params![
                email,
                format!("Agent {i}"),
                "agent",
                None::<i64>,
                hash,
                now
            ])?;
            agents.push(tx.last_insert_rowid());
        }
        let mut org = tx.prepare(
            "INSERT INTO organizations (name, tags, portal_access, default_modules, created_at) VALUES (?1, ?2, 'all', ?3, ?4)",
        )?;
        let mut loc = tx.prepare(
            "INSERT INTO locations (organization_id, name, timezone, address, created_at) VALUES (?1, ?2, 'Europe/Berlin', '', ?3)",
        )?;
        let modules = to_json(DEFAULT_CLIENT_MODULES);
        let mut orgs: Vec<OrgRows> = Vec::with_capacity(scale.organizations);
        for o in 0..scale.organizations {
            let tags = if o % 10 == 0 { r#"["platinum"]"# } else { "[]" };
            org.execute(params![format!("Client {o:03}"), tags, modules, now])?;
            let org_id = tx.last_insert_rowid();
            let mut locations = Vec::new();
            for l in 0..(1 + o % 3) {
                loc.execute(params![org_id, format!("Site {l}"), now])?;
                locations.push(tx.last_insert_rowid());
            }
            let mut contacts = Vec::with_capacity(scale.contacts_per_org);
            for k in 0..scale.contacts_per_org {
                // Client 000's first contact is the benchmark's client sign-in.
                let email = format!("contact{k}@client{o:03}.example");
                user.execute(params![
                    email,
                    format!("Contact {k} of {o}"),
                    "client",
                    org_id,
                    hash,
                    now
                ])?;
                contacts.push(tx.last_insert_rowid());
            }
            out.contacts += contacts.len();
            orgs.push(OrgRows {
                id: org_id,
                locations,
                contacts,
            });
        }
        out.organizations = orgs.len();

        let mut thread = tx.prepare(
            "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'ticket', ?2)",
        )?;
        let mut ticket = tx.prepare(
            "INSERT INTO tickets (organization_id, requester_id, thread_id, subject, body, status, priority, source,
                                  assignee_id, deadline, created_at, updated_at, resolved_at,
                                  public_message_count, message_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'portal', ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut message = tx.prepare(
            "INSERT INTO messages (thread_id, author_id, body, internal, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let year = 365 * 86_400;
        for _ in 0..scale.tickets {
            let OrgRows {
                id: org_id,
                contacts,
                ..
            } = &orgs[rng.random_range(0..orgs.len())];
            let requester = contacts[rng.random_range(0..contacts.len())];
            let status = pick(&mut rng, STATUSES);
            let created = now - rng.random_range(0..year);
            let assignee = (status != "new").then(|| agents[rng.random_range(0..agents.len())]);
            let deadline = (assignee.is_some() && rng.random_bool(0.5))
                .then(|| created + rng.random_range(3_600..30 * 86_400));
            let resolved = matches!(status, "resolved" | "closed")
                .then(|| (created + rng.random_range(600..14 * 86_400)).min(now));
            let n_messages = rng.random_range(0..=2 * scale.messages_per_ticket);
            let internal: Vec<bool> = (0..n_messages).map(|_| rng.random_bool(0.1)).collect();
            let public = internal.iter().filter(|i| !**i).count() as i64;
            let updated = created + 3_600 * n_messages as i64;
            thread.execute(params![org_id, created])?;
            let thread_id = tx.last_insert_rowid();
            let subject = sentence(&mut rng, 5);
            let body = sentence(&mut rng, 30);
            ticket.execute(params![
                org_id,
                requester,
                thread_id,
                subject,
                body,
                status,
                pick(&mut rng, PRIORITIES),
                assignee,
                deadline,
                created,
                updated.min(now),
                resolved,
                public,
                n_messages as i64,
            ])?;
            for (i, is_internal) in internal.iter().enumerate() {
                let author = match (assignee, i % 2) {
                    (Some(a), 1) => a,
                    _ if *is_internal => agents[0],
                    _ => requester,
                };
                let text = sentence(&mut rng, 20);
                message.execute(params![
                    thread_id,
                    author,
                    text,
                    is_internal,
                    (created + 3_600 * i as i64).min(now)
                ])?;
            }
            out.messages += n_messages;
            out.tickets += 1;
        }
        out.orders = orders(&tx, &mut rng, &orgs, scale.orders, now)?;
        conversations(&tx, &mut rng, &orgs, agents.first().copied(), now)?;
        out.entries = timesheets(&tx, &mut rng, &orgs, scale, &hash, now)?;
    }
    tx.commit()?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    // One search segment each, as 0007 leaves them: a bulk load leaves many.
    c.execute_batch(
        "INSERT INTO ticket_search (ticket_search) VALUES ('optimize');
         INSERT INTO order_search (order_search) VALUES ('optimize');
         ANALYZE; PRAGMA optimize;",
    )?;
    Ok(out)
}

/// Standalone threads an organisation keeps with staff: a few each, over
/// the last year, the older ones answered.
const THREADS_PER_ORG: usize = 10;

fn conversations(
    tx: &Connection,
    rng: &mut StdRng,
    orgs: &[OrgRows],
    agent: Option<i64>,
    now: i64,
) -> Result<()> {
    let mut thread = tx.prepare(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'standalone', ?2)",
    )?;
    let mut conversation = tx.prepare(
        "INSERT INTO conversations (thread_id, subject, started_by) VALUES (?1, ?2, ?3)",
    )?;
    let mut message = tx.prepare(
        "INSERT INTO messages (thread_id, author_id, body, internal, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for org in orgs.iter().filter(|o| !o.contacts.is_empty()) {
        for _ in 0..THREADS_PER_ORG {
            let started = now - rng.random_range(0..365 * 86_400);
            let contact = org.contacts[rng.random_range(0..org.contacts.len())];
            thread.execute(params![org.id, started])?;
            let id = tx.last_insert_rowid();
            conversation.execute(params![id, sentence(rng, 4), contact])?;
            message.execute(params![id, contact, sentence(rng, 15), false, started])?;
            if let Some(agent) = agent {
                let answered = (started + rng.random_range(600..86_400)).min(now);
                message.execute(params![
                    id,
                    agent,
                    sentence(rng, 15),
                    rng.random_bool(0.2),
                    answered
                ])?;
            }
        }
    }
    Ok(())
}

const ORDER_STATUSES: &[(&str, u32)] = &[
    ("submitted", 10),
    ("accepted", 10),
    ("in_progress", 20),
    ("delivered", 20),
    ("closed", 35),
    ("cancelled", 5),
];

/// Orders on the default form, numbered per year as the server numbers them.
fn orders(
    tx: &Connection,
    rng: &mut StdRng,
    orgs: &[OrgRows],
    n: usize,
    now: i64,
) -> Result<usize> {
    let mut thread = tx.prepare(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'standalone', ?2)",
    )?;
    let mut order = tx.prepare(
        "INSERT INTO orders (reference, title, organization_id, location_id, status, priority,
             submitted_by, form_version_id, form_values, thread_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?10)",
    )?;
    let mut item = tx.prepare(
        "INSERT INTO order_items (order_id, description, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    let mut created: Vec<i64> = (0..n)
        .map(|_| now - rng.random_range(0..2 * 365 * 86_400))
        .collect();
    created.sort_unstable();
    let mut per_year = std::collections::BTreeMap::<i16, i64>::new();
    for at in created {
        let org = &orgs[rng.random_range(0..orgs.len())];
        let year = super::orders::utc_date(at).year();
        let number = per_year.entry(year).or_default();
        *number += 1;
        thread.execute(params![org.id, at])?;
        let thread_id = tx.last_insert_rowid();
        let values = serde_json::json!({ "details": sentence(rng, 12) }).to_string();
        order.execute(params![
            format!("ORD-{year:04}-{number:04}"),
            sentence(rng, 4),
            org.id,
            org.locations[rng.random_range(0..org.locations.len())],
            pick(rng, ORDER_STATUSES),
            pick(rng, PRIORITIES),
            org.contacts[rng.random_range(0..org.contacts.len())],
            values,
            thread_id,
            at
        ])?;
        let order_id = tx.last_insert_rowid();
        for _ in 0..rng.random_range(0..=3) {
            item.execute(params![order_id, sentence(rng, 3), "open", at])?;
        }
    }
    let mut sequence = tx.prepare("INSERT INTO order_sequences (year, last) VALUES (?1, ?2)")?;
    for (year, last) in per_year {
        sequence.execute(params![year, last])?;
    }
    Ok(n)
}

const ENTRY_STATUSES: &[(&str, u32)] = &[
    ("approved", 85),
    ("submitted", 8),
    ("rejected", 2),
    ("draft", 5),
];

/// Workers, each at one location with a shift today and a daily 08:00 to
/// 16:30 (UTC) entry on each of the days before.
fn timesheets(
    tx: &Connection,
    rng: &mut StdRng,
    orgs: &[OrgRows],
    scale: Scale,
    hash: &str,
    now: i64,
) -> Result<usize> {
    let mut user = tx.prepare(
        "INSERT INTO users (email, name, role, status, password_hash, created_at)
         VALUES (?1, ?2, 'worker', 'active', ?3, ?4)",
    )?;
    let mut shift = tx.prepare(
        "INSERT INTO shifts (worker_id, location_id, starts_at, ends_at, created_at) VALUES (?1, ?2, ?3, ?4, ?3)",
    )?;
    let mut entry = tx.prepare(
        "INSERT INTO timesheet_entries (worker_id, location_id, work_date, starts_at, ends_at,
             break_minutes, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 30, ?6, ?5, ?5)",
    )?;
    let today = now - now.rem_euclid(86_400);
    let mut written = 0;
    for w in 0..scale.workers {
        user.execute(params![
            format!("worker{w}@workers.example"),
            format!("Worker {w}"),
            hash,
            now
        ])?;
        let worker = tx.last_insert_rowid();
        let org = &orgs[rng.random_range(0..orgs.len())];
        let location = org.locations[rng.random_range(0..org.locations.len())];
        let start = today + 8 * 3_600;
        shift.execute(params![worker, location, start, start + 8 * 3_600 + 1_800])?;
        for d in 1..=scale.entries_per_worker as i64 {
            let starts = start - d * 86_400;
            let date = super::orders::utc_date(starts).to_string();
            entry.execute(params![
                worker,
                location,
                date,
                starts,
                starts + 30_600,
                pick(rng, ENTRY_STATUSES)
            ])?;
            written += 1;
        }
    }
    Ok(written)
}
