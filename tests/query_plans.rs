//! Every list route reads through an index that matches its scope and its
//! order: `EXPLAIN QUERY PLAN` of the SQL the store runs, for every scope,
//! view, sort, search and filter, never scans the tickets, messages,
//! orders, invoices, quotes or standalone threads table and never sorts in a temporary B-tree.
#![allow(clippy::unwrap_used)]

use portico_server::seed_large::{Scale, seed_file};
use portico_server::store::plans::list_plans;

/// Enough rows that a scan would cost the planner more than an index, and
/// the statistics (`ANALYZE`, run by the seed) to judge with.
const SCALE: Scale = Scale {
    organizations: 20,
    contacts_per_org: 3,
    agents: 4,
    tickets: 4_000,
    messages_per_ticket: 3,
    orders: 2_000,
    workers: 3,
    entries_per_worker: 5,
};

/// A plan line that reads a whole big table (under any alias the store uses).
fn scans_a_big_table(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("SCAN ") else {
        return false;
    };
    let table = rest.split_whitespace().next().unwrap_or("");
    [
        "t",
        "tk",
        "m",
        "o",
        "d",
        "cv",
        "tickets",
        "messages",
        "orders",
        "invoices",
        "quotes",
        "conversations",
    ]
    .contains(&table)
}

#[test]
fn no_list_route_scans_or_sorts_a_big_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portico.db");
    seed_file(&path, 1_790_000_000, SCALE, 7).unwrap();
    let plans = list_plans(&path).unwrap();
    assert!(plans.len() > 100, "the matrix of requests was built");
    let mut bad = Vec::new();
    for plan in &plans {
        for line in &plan.lines {
            if scans_a_big_table(line) || line.contains("TEMP B-TREE FOR ORDER BY") {
                bad.push(format!(
                    "{}: {line}\n  plan: {:?}\n  sql: {}",
                    plan.request, plan.lines, plan.sql
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} bad plans:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // For BENCHMARKS.md: PORTICO_PLANS_OUT=file writes every plan.
    if let Ok(out) = std::env::var("PORTICO_PLANS_OUT") {
        let text: String = plans
            .iter()
            .map(|p| format!("{}\n    {}\n", p.request, p.lines.join("\n    ")))
            .collect();
        std::fs::write(out, text).unwrap();
    }
}

#[test]
fn the_scan_rule_catches_scans_and_allows_searches() {
    assert!(scans_a_big_table("SCAN t"));
    assert!(scans_a_big_table("SCAN o USING INDEX orders_status"));
    assert!(scans_a_big_table("SCAN d USING INDEX invoices_status"));
    assert!(scans_a_big_table("SCAN cv"));
    assert!(!scans_a_big_table(
        "SEARCH t USING INDEX tickets_org_updated (organization_id=? AND updated_at<?)"
    ));
    assert!(!scans_a_big_table(
        "SCAN ticket_search VIRTUAL TABLE INDEX 0:M1"
    ));
    assert!(!scans_a_big_table("SCAN json_each VIRTUAL TABLE INDEX 1:"));
}
