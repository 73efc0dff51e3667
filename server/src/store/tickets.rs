//! Tickets. Every read takes the viewer's `TicketScope` and puts it into the
//! SQL, so a ticket outside it is simply not found.

use portico_shared::{
    Id, OrganizationRef, Page, PersonRef, Priority, Ticket, TicketQuery, TicketSla, TicketSort,
    TicketSource, TicketStatus, TicketTab, TicketView,
};
use rusqlite::types::Value;
use rusqlite::{Row, params, params_from_iter};

use super::proofs::VisibleTicket;
use super::search::{SEARCH_CANDIDATES, Window, fts_terms};
use super::{Conn, OptionalRow, Result, enum_col, json_col, to_json, ts};
use crate::access::TicketScope;

/// Statuses that still need work.
const OPEN_SET: &str = "('new', 'open', 'pending')";
const DONE_SET: &str = "('resolved', 'closed')";

/// The columns `from_row` reads (then `FROM`, an optional index choice and
/// `JOINS`). Parameters 1 (me) and 2 (staff) must be bound.
const SELECT: &str = "SELECT t.id, t.subject, t.body, t.status, t.priority, t.source,
        t.organization_id, o.name, t.requester_id, rq.name, t.assignee_id, asg.name,
        t.team, t.deadline, t.tags, t.thread_id,
        CASE WHEN ?2 THEN t.message_count ELSE t.public_message_count END,
        -- Unread: what the viewer may see now, less what they had seen when they last read.
        max(0, CASE WHEN ?2 THEN t.message_count ELSE t.public_message_count END
               - COALESCE((SELECT CASE WHEN ?2 THEN r.seen_all ELSE r.seen_public END
                           FROM thread_reads r WHERE r.user_id = ?1 AND r.thread_id = t.thread_id), 0)),
        t.created_at, t.updated_at, t.resolved_at,
        t.first_response_due_at, t.resolution_due_at, t.first_response_at";
const FROM: &str = "FROM tickets t";
const JOINS: &str = "JOIN organizations o ON o.id = t.organization_id
    JOIN users rq ON rq.id = t.requester_id
    LEFT JOIN users asg ON asg.id = t.assignee_id";

fn from_row(r: &Row<'_>, staff: bool, now: i64) -> rusqlite::Result<Ticket> {
    let assignee = match (r.get::<_, Option<Id>>(10)?, r.get::<_, Option<String>>(11)?) {
        (Some(id), Some(name)) => Some(PersonRef { id, name }),
        _ => None,
    };
    let created_at: i64 = r.get(18)?;
    let resolved_at: Option<i64> = r.get(20)?;
    Ok(Ticket {
        id: r.get(0)?,
        subject: r.get(1)?,
        body: r.get(2)?,
        status: enum_col(r, 3)?,
        priority: enum_col(r, 4)?,
        source: enum_col(r, 5)?,
        organization: OrganizationRef {
            id: r.get(6)?,
            name: r.get(7)?,
        },
        requester: PersonRef {
            id: r.get(8)?,
            name: r.get(9)?,
        },
        assignee,
        team: r.get(12)?,
        deadline: r.get::<_, Option<i64>>(13)?.map(ts),
        // Tags are internal: clients never see them.
        tags: if staff { json_col(r, 14)? } else { Vec::new() },
        thread_id: r.get(15)?,
        message_count: r.get(16)?,
        unread_count: r.get(17)?,
        created_at: ts(created_at),
        updated_at: ts(r.get(19)?),
        resolved_at: resolved_at.map(ts),
        open_seconds: (resolved_at.unwrap_or(now) - created_at).max(0),
        attachments: Vec::new(),
        sla: TicketSla::at(now, r.get(21)?, r.get(22)?, r.get(23)?, resolved_at),
    })
}

/// SQL conditions and their positional values, built up clause by clause.
struct Filter {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Filter {
    /// Starts with the viewer's scope; parameters 1 and 2 are me and staff.
    fn scoped(scope: &TicketScope) -> Filter {
        let mut f = Filter {
            clauses: Vec::new(),
            values: vec![
                Value::Integer(scope.me()),
                Value::Integer(i64::from(scope.staff())),
            ],
        };
        if let Some(org) = scope.org() {
            f.push("t.organization_id = ?", org);
            f.push("t.created_at >= ?", scope.floor());
        }
        if let Some(requester) = scope.requester() {
            f.push("t.requester_id = ?", requester);
        }
        f
    }

    /// Adds a clause whose `?` placeholders take `value` (numbered in order).
    fn push(&mut self, clause: &str, value: impl Into<Value>) {
        self.values.push(value.into());
        let n = self.values.len();
        self.clauses.push(clause.replacen('?', &format!("?{n}"), 1));
    }

    fn raw(&mut self, clause: &str) {
        self.clauses.push(clause.to_owned());
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// One ticket, if the viewer may see it.
pub fn get(c: &Conn<'_>, scope: &TicketScope, id: Id, now: i64) -> Result<Ticket> {
    let mut f = Filter::scoped(scope);
    f.push("t.id = ?", id);
    let sql = format!("{SELECT} {FROM} {JOINS}{}", f.sql());
    c.0.prepare_cached(&sql)?
        .query_row(params_from_iter(&f.values), |r| {
            from_row(r, scope.staff(), now)
        })
        .found()
        .and_then(|mut t| {
            t.attachments = super::attachments::of_ticket_body(c, id)?;
            Ok(t)
        })
}

/// Whether the viewer may see the ticket, without loading it: the cheap
/// check before a write.
/// Proof that `scope` sees ticket `id`; not found otherwise.
pub fn check_visible(c: &Conn<'_>, scope: &TicketScope, id: Id) -> Result<VisibleTicket> {
    let mut f = Filter::scoped(scope);
    f.push("t.id = ?", id);
    // ?1 and ?2 (me, staff) are bound for every scoped query; keep them used.
    let sql = format!("SELECT ?1, ?2 FROM tickets t{}", f.sql());
    c.0.prepare_cached(&sql)?
        .query_row(params_from_iter(&f.values), |_| Ok(()))
        .found()?;
    Ok(VisibleTicket::trusted(id))
}

/// A sort order: the key expression and whether it runs descending. The
/// expressions are the ones 0007's indexes are built on, character for
/// character in meaning: change one, change both.
fn sort_key(sort: TicketSort) -> (&'static str, bool) {
    match sort {
        TicketSort::Created => ("t.id", true),
        TicketSort::Updated => ("t.updated_at", true),
        TicketSort::Deadline => ("COALESCE(t.deadline, 9223372036854775807)", false),
        TicketSort::Priority => (
            "(CASE t.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END)",
            true,
        ),
        // The next running target: 0012's indexes are built on it.
        TicketSort::TimeLeft => (
            "COALESCE(CASE WHEN t.first_response_at IS NULL THEN t.first_response_due_at \
             ELSE t.resolution_due_at END, 9223372036854775807)",
            false,
        ),
    }
}

/// The column a list is narrowed by before it is ordered: each has an index
/// per sort (0007), so a page reads only its own rows, in order.
#[derive(Clone, Copy)]
enum Partition {
    All,
    Organization,
    Requester,
    Assignee,
}

impl Partition {
    /// The narrowest column the filter pins with an equality.
    fn of(scope: &TicketScope, q: &TicketQuery) -> Partition {
        let view = q.view.filter(|_| scope.staff());
        if scope.requester().is_some() {
            Partition::Requester
        } else if scope.org().is_some() || q.organization_id.is_some() {
            Partition::Organization
        } else if q.assignee_id.is_some()
            || matches!(view, Some(TicketView::Mine | TicketView::Unassigned))
        {
            Partition::Assignee
        } else {
            Partition::All
        }
    }

    /// `INDEXED BY …` (or `NOT INDEXED` for the rowid): the planner is told,
    /// so the plan cannot drift with statistics.
    fn index(self, sort: TicketSort) -> String {
        let column = match self {
            Partition::All => "",
            Partition::Organization => "_org",
            Partition::Requester => "_requester",
            Partition::Assignee => "_assignee",
        };
        let order = match sort {
            TicketSort::Created if column.is_empty() => return "NOT INDEXED".to_owned(),
            TicketSort::Created => "",
            TicketSort::Updated => "_updated",
            TicketSort::Deadline => "_deadline",
            TicketSort::Priority => "_priority",
            TicketSort::TimeLeft => "_sla",
        };
        format!("INDEXED BY tickets{column}{order}")
    }
}

/// The scope token (see 0007) that narrows a search inside FTS5, when the
/// list is narrowed to one organisation or requester.
fn search_token(scope: &TicketScope, q: &TicketQuery) -> Option<String> {
    match (scope.requester(), scope.org().or(q.organization_id)) {
        (Some(requester), _) => Some(format!("pr{requester}")),
        // Clients read only what is public; staff every note too.
        (None, Some(org)) if scope.staff() => Some(format!("o{org}")),
        (None, Some(org)) => Some(format!("po{org}")),
        (None, None) => None,
    }
}

/// The SQL of a list page and its parameters.
pub(super) struct ListSql {
    pub sql: String,
    pub values: Vec<Value>,
    /// When the page's search reads a window of matches rather than all.
    window: Option<Window>,
}

/// The one query a list page runs, built from the viewer's scope and the
/// request: the filter, the search, the index and the keyset bound.
pub(super) fn list_sql(
    scope: &TicketScope,
    q: &TicketQuery,
    limit: u32,
    now: i64,
) -> Result<ListSql> {
    let mut f = Filter::scoped(scope);
    // Views are staff triage; clients always see their whole scope.
    if scope.staff() {
        match q.view.unwrap_or(TicketView::All) {
            TicketView::Unassigned => {
                f.raw(&format!("t.assignee_id IS NULL AND t.status IN {OPEN_SET}"))
            }
            TicketView::Mine => {
                f.push("t.assignee_id = ?", scope.me());
                f.raw(&format!("t.status IN {OPEN_SET}"));
            }
            TicketView::Team => {
                f.push(
                    "t.team = ?",
                    scope.team().clone().map_or(Value::Null, Value::Text),
                );
                f.raw(&format!("t.status IN {OPEN_SET}"));
            }
            TicketView::Overdue => {
                f.push("t.deadline < ?", now);
                f.raw(&format!("t.status IN {OPEN_SET}"));
            }
            TicketView::All => {}
        }
    }
    match q.tab {
        Some(TicketTab::Open) => f.raw(&format!("t.status IN {OPEN_SET}")),
        Some(TicketTab::Closed) => f.raw(&format!("t.status IN {DONE_SET}")),
        None => {}
    }
    if let Some(s) = q.status {
        f.push("t.status = ?", s.as_str().to_owned());
    }
    if let Some(p) = q.priority {
        f.push("t.priority = ?", p.as_str().to_owned());
    }
    if let Some(o) = q.organization_id {
        f.push("t.organization_id = ?", o);
    }
    if let Some(a) = q.assignee_id {
        f.push("t.assignee_id = ?", a);
    }
    let sort = q.sort.unwrap_or(TicketSort::Created);
    let (key, desc) = sort_key(sort);
    // Always bounded, from the cursor or from the far end, so every page is
    // an index range (SEARCH), never a scan from the start.
    let (k, id) = match q.cursor.as_deref() {
        Some(raw) => super::key_cursor(raw)?,
        None if desc => (i64::MAX, i64::MAX),
        None => (i64::MIN, i64::MIN),
    };
    let mut window = None;
    if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
        // Newest first, a page needs only the newest matches below the
        // cursor; other orders need every match in scope.
        let below = (sort == TicketSort::Created).then(|| id.min(MAX_TICKET) << 20);
        window = search(&mut f, scope, q, text, below);
    }
    let cmp = if desc { "<" } else { ">" };
    if sort == TicketSort::Created {
        f.push(&format!("t.id {cmp} ?"), id);
    } else {
        // The first term is the index range; the second skips the rows of
        // the cursor's own key already shown.
        f.push(&format!("{key} {cmp}= ?"), k);
        f.values.push(Value::Integer(id));
        let n = f.values.len();
        f.raw(&format!("({key} {cmp} ?{} OR t.id {cmp} ?{n})", n - 1));
    }
    let dir = if desc { "DESC" } else { "ASC" };
    f.values.push(Value::Integer(i64::from(limit) + 1));
    let index = Partition::of(scope, q).index(sort);
    let sql = format!(
        "{SELECT}, {key} {FROM} {index} {JOINS}{} ORDER BY {key} {dir}, t.id {dir} LIMIT ?{}",
        f.sql(),
        f.values.len()
    );
    Ok(ListSql {
        sql,
        values: f.values,
        window,
    })
}

/// The largest ticket id whose documents' rowids fit in an i64.
const MAX_TICKET: i64 = i64::MAX >> 20;

/// Narrows the list to tickets whose text, or a message the viewer may read,
/// has every word. Within one organisation or requester the scope token is
/// matched inside FTS5, so only that scope's documents are touched (in
/// FTS5's own ascending order: an intersection read newest first costs more
/// than all of it). Without one (staff over everything) the newest matches
/// are the candidates, so a common word costs no more than a rare one;
/// newest first (`below` is the cursor's first rowid) they are a window
/// below the cursor, returned so that a short page can say where the next
/// one starts.
fn search(
    f: &mut Filter,
    scope: &TicketScope,
    q: &TicketQuery,
    text: &str,
    below: Option<i64>,
) -> Option<Window> {
    let Some(terms) = fts_terms(text) else {
        // Nothing searchable: nothing matches.
        f.raw("0");
        return None;
    };
    let n = f.values.len() + 1;
    // A document's rowid is its ticket's id times 2^20 plus its number (0007).
    let subquery = |bound: &str| {
        format!(
            "t.id IN (SELECT rowid >> 20 FROM ticket_search WHERE ticket_search MATCH ?{n}{bound})"
        )
    };
    match (search_token(scope, q), below) {
        (Some(token), _) => {
            f.values
                .push(Value::Text(format!("text : ({terms}) AND scope : {token}")));
            f.raw(&subquery(""));
            None
        }
        (None, Some(below)) if scope.staff() => {
            let window = Window {
                table: "ticket_search",
                owner: "rowid >> 20",
                expr: format!("text : ({terms})"),
                below,
                size: SEARCH_CANDIDATES,
            };
            f.values.push(Value::Text(window.expr.clone()));
            f.values.push(Value::Integer(below));
            let subquery = window.subquery(&format!("?{n}"), &format!("?{}", n + 1));
            f.raw(&format!("t.id IN ({subquery})"));
            Some(window)
        }
        (None, None) if scope.staff() => {
            f.values.push(Value::Text(format!("text : ({terms})")));
            f.raw(&subquery(&format!(
                " ORDER BY rowid DESC LIMIT {SEARCH_CANDIDATES}"
            )));
            None
        }
        // Every client has a scope token; refuse rather than widen.
        (None, _) => {
            f.raw("0");
            None
        }
    }
}

/// A page of the tickets the viewer sees, filtered and sorted.
pub fn list(
    c: &Conn<'_>,
    scope: &TicketScope,
    q: &TicketQuery,
    limit: u32,
    now: i64,
) -> Result<Page<Ticket>> {
    let ListSql {
        sql,
        values,
        window,
    } = list_sql(scope, q, limit, now)?;
    // Column 24 is the sort key, for the cursor.
    let mut rows =
        c.0.prepare_cached(&sql)?
            .query_map(params_from_iter(&values), |r| {
                Ok((from_row(r, scope.staff(), now)?, r.get::<_, i64>(24)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|(t, k)| format!("{k}.{}", t.id))
    } else {
        // A short page from a full window: the matches go on below it.
        match &window {
            Some(w) => w.continuation(c.0)?.map(|id| format!("{id}.{id}")),
            None => None,
        }
    };
    Ok(Page {
        items: rows.into_iter().map(|(t, _)| t).collect(),
        next_cursor,
    })
}

pub struct NewTicketRow<'a> {
    pub organization_id: Id,
    pub requester_id: Id,
    pub subject: &'a str,
    pub body: &'a str,
    pub priority: Priority,
    pub source: TicketSource,
    pub now: i64,
}

/// Creates the ticket and its thread; answers the ticket id.
/// Opens a ticket; its opener sees it.
pub fn insert(c: &Conn<'_>, t: &NewTicketRow<'_>) -> Result<VisibleTicket> {
    c.0.prepare_cached(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'ticket', ?2)",
    )?
    .execute(params![t.organization_id, t.now])?;
    let thread = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "INSERT INTO tickets (organization_id, requester_id, thread_id, subject, body, status, priority, source,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'new', ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        t.organization_id,
        t.requester_id,
        thread,
        t.subject,
        t.body,
        t.priority.as_str(),
        t.source.as_str(),
        t.now
    ])?;
    // 0007's trigger indexes the text for search.
    Ok(VisibleTicket::trusted(c.0.last_insert_rowid()))
}

/// The stored state a change is judged against.
pub struct Current {
    pub status: TicketStatus,
    pub assignee_id: Option<Id>,
    pub organization_id: Id,
    pub requester_id: Id,
    pub thread_id: Id,
    pub created_at: i64,
}

pub fn current(c: &Conn<'_>, id: Id) -> Result<Current> {
    c.0.prepare_cached(
        "SELECT status, assignee_id, organization_id, requester_id, thread_id, created_at FROM tickets WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Current {
            status: enum_col(r, 0)?,
            assignee_id: r.get(1)?,
            organization_id: r.get(2)?,
            requester_id: r.get(3)?,
            thread_id: r.get(4)?,
            created_at: r.get(5)?,
        })
    })
    .found()
}

/// The full new state of the changeable fields.
pub struct Update<'a> {
    pub status: TicketStatus,
    pub priority: Option<Priority>,
    pub assignee_id: Option<Option<Id>>,
    pub deadline: Option<Option<i64>>,
    pub team: Option<Option<&'a str>>,
    pub tags: Option<&'a [String]>,
    pub now: i64,
    /// Whether the change is one the client sees (tags alone are not).
    pub visible: bool,
}

impl Update<'_> {
    /// A visible change of status alone; other fields are set over it.
    pub fn status(status: TicketStatus, now: i64) -> Self {
        Update {
            status,
            priority: None,
            assignee_id: None,
            deadline: None,
            team: None,
            tags: None,
            now,
            visible: true,
        }
    }
}

pub fn update(c: &Conn<'_>, ticket: &VisibleTicket, u: &Update<'_>) -> Result<()> {
    let id = ticket.id();
    c.0.prepare_cached(
        "UPDATE tickets SET
            status = ?2,
            priority = COALESCE(?3, priority),
            assignee_id = CASE WHEN ?4 THEN ?5 ELSE assignee_id END,
            deadline = CASE WHEN ?6 THEN ?7 ELSE deadline END,
            team = CASE WHEN ?8 THEN ?9 ELSE team END,
            tags = COALESCE(?10, tags),
            resolved_at = CASE
                WHEN ?2 = 'resolved' AND status != 'resolved' THEN ?11
                WHEN ?2 IN ('resolved', 'closed') THEN resolved_at
                ELSE NULL END,
            updated_at = CASE WHEN ?12 THEN ?11 ELSE updated_at END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        u.status.as_str(),
        u.priority.map(Priority::as_str),
        u.assignee_id.is_some(),
        u.assignee_id.flatten(),
        u.deadline.is_some(),
        u.deadline.flatten(),
        u.team.is_some(),
        u.team.flatten(),
        u.tags.map(to_json),
        u.now,
        u.visible,
    ])?;
    Ok(())
}

/// Closes tickets resolved at or before `cutoff`; answers their ids.
pub fn close_resolved_before(c: &Conn<'_>, cutoff: i64, now: i64) -> Result<Vec<Id>> {
    let ids = c
        .0
        .prepare_cached("SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= ?1")?
        .query_map([cutoff], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<Id>>>()?;
    let mut close =
        c.0.prepare_cached("UPDATE tickets SET status = 'closed', updated_at = ?2 WHERE id = ?1")?;
    for id in &ids {
        close.execute(params![id, now])?;
    }
    Ok(ids)
}

/// Active staff, for the assign picker.
pub fn staff(c: &Conn<'_>) -> Result<Vec<PersonRef>> {
    super::users::active_in(
        c,
        &[portico_shared::Role::Admin, portico_shared::Role::Agent],
    )
}

/// Whether `id` is an active staff member (who alone can be assigned).
pub fn is_assignable(c: &Conn<'_>, id: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM users WHERE id = ?1 AND role IN ('admin', 'agent') AND status = 'active')")?
        .query_row([id], |r| r.get(0))?)
}

/// Messages on the ticket that clients may see.
pub fn public_count(c: &Conn<'_>, id: Id) -> Result<i64> {
    c.0.prepare_cached("SELECT public_message_count FROM tickets WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .found()
}
