//! Service levels: the settings row, the due times each ticket keeps, and
//! the rows the ticket report is computed from.

use portico_shared::{Id, Priority, SlaSettings, business_deadline};
use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, enum_col, json_col, to_json, ts};

/// The settings; the defaults (no targets) until an administrator sets them.
pub fn settings(c: &Conn<'_>) -> Result<SlaSettings> {
    let raw: Option<String> =
        c.0.prepare_cached("SELECT settings FROM sla_settings WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?;
    Ok(raw
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

/// Replaces the settings and sets again the due times of every ticket still
/// open (resolved ones keep what they were measured against).
pub fn set_settings(c: &Conn<'_>, s: &SlaSettings) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO sla_settings (id, settings) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET settings = excluded.settings",
    )?
    .execute([to_json(s)])?;
    let open =
        c.0.prepare_cached("SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending')")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<Id>>>()?;
    for id in open {
        stamp_with(c, s, id)?;
    }
    Ok(())
}

/// Sets a ticket's due times from its opening and priority under the
/// current settings (none without a target for its priority).
pub fn stamp(c: &Conn<'_>, ticket: Id) -> Result<()> {
    stamp_with(c, &settings(c)?, ticket)
}

/// Sets again the due times of an organisation's open tickets, whose
/// tags (and so whose overrides) just changed.
pub fn restamp_org(c: &Conn<'_>, org: Id) -> Result<()> {
    let s = settings(c)?;
    let open =
        c.0.prepare_cached(
            "SELECT id FROM tickets
             WHERE organization_id = ?1 AND status IN ('new', 'open', 'pending')",
        )?
        .query_map([org], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<Id>>>()?;
    for id in open {
        stamp_with(c, &s, id)?;
    }
    Ok(())
}

/// Due times from the ticket's opening, priority and its organisation's
/// tags; a breach already announced is forgotten, so a new due time that
/// passes is announced again.
fn stamp_with(c: &Conn<'_>, s: &SlaSettings, ticket: Id) -> Result<()> {
    let (created, priority, org_tags): (i64, Priority, Vec<String>) =
        c.0.prepare_cached(
            "SELECT t.created_at, t.priority, o.tags
             FROM tickets t JOIN organizations o ON o.id = t.organization_id WHERE t.id = ?1",
        )?
        .query_row([ticket], |r| {
            Ok((r.get(0)?, enum_col(r, 1)?, json_col(r, 2)?))
        })?;
    let due =
        |minutes: u32| business_deadline(ts(created), minutes, &s.hours).map(|t| t.as_second());
    let target = s.target_for(priority, &org_tags);
    c.0.prepare_cached(
        "UPDATE tickets SET first_response_due_at = ?2, resolution_due_at = ?3,
             first_response_breach_sent_at = NULL, resolution_breach_sent_at = NULL
         WHERE id = ?1",
    )?
    .execute(params![
        ticket,
        target.and_then(|t| due(t.first_response_minutes)),
        target.and_then(|t| due(t.resolution_minutes)),
    ])?;
    Ok(())
}

/// One ticket as the report counts it (times in Unix seconds).
#[derive(Debug, Clone)]
pub struct ReportTicket {
    pub priority: Priority,
    pub assignee: Option<String>,
    pub created_at: i64,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub first_response_due_at: Option<i64>,
    pub resolution_due_at: Option<i64>,
}

/// The filters of the report, in store terms.
pub struct ReportFilter<'a> {
    /// Opened at or after (Unix seconds).
    pub from: i64,
    /// Opened before (Unix seconds).
    pub until: i64,
    pub organization_id: Option<Id>,
    pub assignee_id: Option<Id>,
    pub tag: Option<&'a str>,
}

/// Most tickets one report reads: a year of a busy desk.
pub const MAX_REPORT_TICKETS: u32 = 200_000;

/// The tickets opened in the window, for staff (the report is theirs only).
pub fn report_tickets(c: &Conn<'_>, f: &ReportFilter<'_>) -> Result<Vec<ReportTicket>> {
    let rows =
        c.0.prepare_cached(
            "SELECT t.priority, u.name, t.created_at, t.first_response_at, t.resolved_at,
                    t.first_response_due_at, t.resolution_due_at
             FROM tickets t LEFT JOIN users u ON u.id = t.assignee_id
             WHERE t.created_at >= ?1 AND t.created_at < ?2
               AND (?3 IS NULL OR t.organization_id = ?3)
               AND (?4 IS NULL OR t.assignee_id = ?4)
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ?5))
             ORDER BY t.id LIMIT ?6",
        )?
        .query_map(
            params![
                f.from,
                f.until,
                f.organization_id,
                f.assignee_id,
                f.tag,
                MAX_REPORT_TICKETS
            ],
            |r| {
                Ok(ReportTicket {
                    priority: enum_col(r, 0)?,
                    assignee: r.get(1)?,
                    created_at: r.get(2)?,
                    first_response_at: r.get(3)?,
                    resolved_at: r.get(4)?,
                    first_response_due_at: r.get(5)?,
                    resolution_due_at: r.get(6)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Most breaches one run of the job announces; the rest wait for the next.
const MAX_BREACHES_PER_RUN: u32 = 500;

/// Marks as announced, and answers, the open tickets whose first response
/// or resolution has passed its due time at `now` since the last run.
pub fn take_new_breaches(c: &Conn<'_>, now: i64) -> Result<Vec<Id>> {
    let ids =
        c.0.prepare_cached(
            "SELECT id FROM tickets
             WHERE status IN ('new', 'open', 'pending') AND resolved_at IS NULL
               AND ((first_response_at IS NULL AND first_response_due_at <= ?1
                     AND first_response_breach_sent_at IS NULL)
                 OR (resolution_due_at <= ?1 AND resolution_breach_sent_at IS NULL))
             ORDER BY id LIMIT ?2",
        )?
        .query_map(params![now, MAX_BREACHES_PER_RUN], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<Id>>>()?;
    let mut mark = c.0.prepare_cached(
        "UPDATE tickets SET
             first_response_breach_sent_at = CASE WHEN first_response_at IS NULL
                 AND first_response_due_at <= ?2 THEN COALESCE(first_response_breach_sent_at, ?2)
                 ELSE first_response_breach_sent_at END,
             resolution_breach_sent_at = CASE WHEN resolution_due_at <= ?2
                 THEN COALESCE(resolution_breach_sent_at, ?2) ELSE resolution_breach_sent_at END
         WHERE id = ?1",
    )?;
    for id in &ids {
        mark.execute(params![id, now])?;
    }
    Ok(ids)
}
