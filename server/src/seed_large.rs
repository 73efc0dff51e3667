//! The large data set for benchmarks: 500 organisations, 5,000 contacts,
//! 100,000 tickets and 1,000,000 messages with a realistic spread, written
//! in one transaction with prepared statements so it loads in well under a
//! minute on two cores. Sign-ins are the demo's, password `portico-demo`.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};

use crate::routes::orgs::DEFAULT_CLIENT_MODULES;
use crate::seed::demo_password_hash_for_empty;
use crate::store::{Result, to_json};

/// How much to write.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub organizations: usize,
    pub contacts_per_org: usize,
    pub agents: usize,
    pub tickets: usize,
    /// Average messages per ticket (the spread is 0 to twice this).
    pub messages_per_ticket: usize,
}

impl Scale {
    pub const LARGE: Scale = Scale {
        organizations: 500,
        contacts_per_org: 10,
        agents: 20,
        tickets: 100_000,
        messages_per_ticket: 10,
    };
}

/// What was written, for the caller to print.
#[derive(Debug, Default)]
pub struct Written {
    pub organizations: usize,
    pub contacts: usize,
    pub tickets: usize,
    pub messages: usize,
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

/// Fills an empty database. Deterministic for a given `seed`.
pub fn seed_large(c: &mut Connection, now: i64, scale: Scale, seed: u64) -> Result<Written> {
    let hash = demo_password_hash_for_empty(c)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Written::default();
    // A bulk load may lose everything on power loss; it is re-runnable.
    c.pragma_update(None, "synchronous", "OFF")?;
    c.pragma_update(None, "cache_size", -64_000)?;
    let tx = c.transaction()?;
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
        let mut orgs: Vec<(i64, Vec<i64>)> = Vec::with_capacity(scale.organizations);
        for o in 0..scale.organizations {
            let tags = if o % 10 == 0 { r#"["platinum"]"# } else { "[]" };
            org.execute(params![format!("Client {o:03}"), tags, modules, now])?;
            let org_id = tx.last_insert_rowid();
            for l in 0..(1 + o % 3) {
                loc.execute(params![org_id, format!("Site {l}"), now])?;
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
            orgs.push((org_id, contacts));
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
        let mut ticket_fts =
            tx.prepare("INSERT INTO ticket_fts (rowid, subject, body) VALUES (?1, ?2, ?3)")?;
        let mut message = tx.prepare(
            "INSERT INTO messages (thread_id, author_id, body, internal, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut message_fts =
            tx.prepare("INSERT INTO message_fts (rowid, body) VALUES (?1, ?2)")?;
        let year = 365 * 86_400;
        for _ in 0..scale.tickets {
            let (org_id, contacts) = &orgs[rng.random_range(0..orgs.len())];
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
            let ticket_id = tx.last_insert_rowid();
            ticket_fts.execute(params![ticket_id, subject, body])?;
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
                message_fts.execute(params![tx.last_insert_rowid(), text])?;
            }
            out.messages += n_messages;
            out.tickets += 1;
        }
    }
    tx.commit()?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.execute_batch("ANALYZE; PRAGMA optimize;")?;
    Ok(out)
}
