//! What invoices and quotes share in storage: their lines, the draft they
//! are written from, the scope clause of their lists, their per-year
//! numbers, and the organisations' payment-link templates.

use jiff::civil::Date;
use portico_shared::Id;
use rusqlite::types::{Type, Value as V};
use rusqlite::{Row, params};

use super::{Conn, OptionalRow, Result};
use crate::access::BillingScope;

/// Invoices and quotes: the same draft, lines, sending and numbering, in
/// tables of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Invoice,
    Quote,
}

impl Kind {
    /// What it is called in numbering and audit lines.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Invoice => "invoice",
            Kind::Quote => "quote",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Invoice => "invoices",
            Kind::Quote => "quotes",
        }
    }

    /// The day that makes it late: an invoice's due date, a quote's last valid day.
    pub(super) fn until(self) -> &'static str {
        match self {
            Kind::Invoice => "due_date",
            Kind::Quote => "valid_until",
        }
    }

    /// The number's prefix: `INV`, `QUO`.
    fn prefix(self) -> &'static str {
        match self {
            Kind::Invoice => "INV",
            Kind::Quote => "QUO",
        }
    }
}

/// An invoice's or a quote's lines.
#[derive(Debug, Clone, Copy)]
pub enum Doc {
    Invoice(Id),
    Quote(Id),
}

impl Doc {
    pub fn of(kind: Kind, id: Id) -> Doc {
        match kind {
            Kind::Invoice => Doc::Invoice(id),
            Kind::Quote => Doc::Quote(id),
        }
    }

    fn column_and_id(self) -> (&'static str, Id) {
        match self {
            Doc::Invoice(id) => ("invoice_id", id),
            Doc::Quote(id) => ("quote_id", id),
        }
    }
}

/// One line as stored: the decimals as written (normalised) and what they
/// came to in minor units.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRow {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub tax_rate: String,
    pub net: i64,
    pub tax: i64,
}

/// An invoice or quote as staff write it; `until` is the due date of an
/// invoice, the last valid day of a quote.
#[derive(Debug, Clone)]
pub struct Draft {
    pub organization_id: Id,
    pub currency: String,
    pub issue_date: Date,
    pub until: Date,
    pub notes: String,
    pub lines: Vec<LineRow>,
}

impl Draft {
    /// Net and tax over the lines, in minor units; `None` on overflow.
    pub fn totals(&self) -> Option<(i64, i64)> {
        self.lines.iter().try_fold((0_i64, 0_i64), |(n, t), l| {
            Some((n.checked_add(l.net)?, t.checked_add(l.tax)?))
        })
    }
}

/// Reads a `YYYY-MM-DD` column that is never NULL.
pub(super) fn day(r: &Row<'_>, idx: usize) -> rusqlite::Result<Date> {
    super::orders::date_col(r, idx)?
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(idx, "date".into(), Type::Null))
}

pub fn lines(c: &Conn<'_>, doc: Doc) -> Result<Vec<LineRow>> {
    let (column, id) = doc.column_and_id();
    let mut stmt = c.0.prepare_cached(&format!(
        "SELECT description, quantity, unit_price, tax_rate, net_minor, tax_minor
         FROM billing_lines WHERE {column} = ?1 ORDER BY position"
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok(LineRow {
            description: r.get(0)?,
            quantity: r.get(1)?,
            unit_price: r.get(2)?,
            tax_rate: r.get(3)?,
            net: r.get(4)?,
            tax: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces every line of `doc` with `lines`, in their order.
pub fn replace_lines(c: &Conn<'_>, doc: Doc, lines: &[LineRow]) -> Result<()> {
    let (column, id) = doc.column_and_id();
    c.0.prepare_cached(&format!("DELETE FROM billing_lines WHERE {column} = ?1"))?
        .execute([id])?;
    let mut insert = c.0.prepare_cached(&format!(
        "INSERT INTO billing_lines ({column}, position, description, quantity, unit_price,
                                    tax_rate, net_minor, tax_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    ))?;
    for (position, l) in lines.iter().enumerate() {
        insert.execute(params![
            id,
            position as i64,
            l.description,
            l.quantity,
            l.unit_price,
            l.tax_rate,
            l.net,
            l.tax
        ])?;
    }
    Ok(())
}

/// The next number of `kind` in `year`: `INV-YYYY-NNNN`, `QUO-YYYY-NNNN`.
/// Taken in the caller's write transaction, so concurrent sends queue and
/// none is skipped or given twice.
pub fn next_number(c: &Conn<'_>, kind: Kind, year: i16) -> Result<String> {
    let n: i64 =
        c.0.prepare_cached(
            "INSERT INTO billing_sequences (kind, year, last) VALUES (?1, ?2, 1)
             ON CONFLICT (kind, year) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row(params![kind.name(), year], |r| r.get(0))?;
    Ok(format!("{}-{year:04}-{n:04}", kind.prefix()))
}

/// Writes a new draft and its lines; answers its id.
pub fn insert(
    c: &Conn<'_>,
    kind: Kind,
    d: &Draft,
    net: i64,
    tax: i64,
    me: Id,
    now: i64,
) -> Result<Id> {
    c.0.prepare_cached(&format!(
        "INSERT INTO {} (organization_id, status, currency, issue_date, {}, notes,
                         net_minor, tax_minor, created_by, created_at, updated_at)
         VALUES (?1, 'draft', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        kind.table(),
        kind.until()
    ))?
    .execute(params![
        d.organization_id,
        d.currency,
        d.issue_date.to_string(),
        d.until.to_string(),
        d.notes,
        net,
        tax,
        me,
        now
    ])?;
    let id = c.0.last_insert_rowid();
    replace_lines(c, Doc::of(kind, id), &d.lines)?;
    Ok(id)
}

/// Rewrites a draft and its lines.
pub fn update(
    c: &Conn<'_>,
    kind: Kind,
    id: Id,
    d: &Draft,
    net: i64,
    tax: i64,
    now: i64,
) -> Result<()> {
    c.0.prepare_cached(&format!(
        "UPDATE {} SET currency = ?2, issue_date = ?3, {} = ?4, notes = ?5,
                net_minor = ?6, tax_minor = ?7, updated_at = ?8
         WHERE id = ?1 AND status = 'draft'",
        kind.table(),
        kind.until()
    ))?
    .execute(params![
        id,
        d.currency,
        d.issue_date.to_string(),
        d.until.to_string(),
        d.notes,
        net,
        tax,
        now
    ])?;
    replace_lines(c, Doc::of(kind, id), &d.lines)
}

/// Marks a draft sent under `number`.
pub fn mark_sent(c: &Conn<'_>, kind: Kind, id: Id, number: &str, now: i64) -> Result<()> {
    c.0.prepare_cached(&format!(
        "UPDATE {} SET status = 'sent', number = ?2, sent_at = ?3, updated_at = ?3
         WHERE id = ?1 AND status = 'draft'",
        kind.table()
    ))?
    .execute(params![id, number, now])?;
    Ok(())
}

/// Which of a kind's rows a list wants, by stored status and the day that
/// makes it late (an invoice's due date, a quote's last valid day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Filter {
    Any,
    /// Stored with this status.
    Is(&'static str),
    /// Stored `sent`, and its day has passed (overdue, expired).
    Late,
    /// Stored `sent`, and its day has not passed.
    OnTime,
}

/// What a list page asks for, besides the viewer's scope.
#[derive(Debug, Clone)]
pub struct ListArgs {
    pub organization: Option<Id>,
    pub number: Option<String>,
    pub filter: Filter,
    pub today: Date,
    /// Rows below this id (the cursor), at most `limit` of them (one more
    /// is read to know whether another page follows).
    pub before: Id,
    pub limit: u32,
}

/// The WHERE clause (rows aliased `d`, the late day in `d.{until}`) and its
/// values: the scope (clients never see drafts), the organisation, number
/// and filter asked for, and the cursor.
fn where_clause(scope: &BillingScope, args: &ListArgs, kind: Kind) -> (String, Vec<V>) {
    let until = kind.until();
    let mut clauses = vec!["d.id < ?1".to_owned()];
    let mut values = vec![V::Integer(args.before)];
    if !scope.staff() {
        clauses.push("d.status <> 'draft'".into());
    }
    let mut push = |clause: String, value: V| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(org) = scope.org() {
        push("d.organization_id = ?".into(), V::Integer(org));
    }
    if let Some(org) = args.organization {
        push("d.organization_id = ?".into(), V::Integer(org));
    }
    if let Some(number) = &args.number {
        push(
            "d.number = upper(?)".into(),
            V::Text(number.trim().to_owned()),
        );
    }
    let today = V::Text(args.today.to_string());
    match args.filter {
        Filter::Any => {}
        Filter::Is(status) => push("d.status = ?".into(), V::Text(status.into())),
        Filter::Late => push(format!("d.status = 'sent' AND d.{until} < ?"), today),
        Filter::OnTime => push(format!("d.status = 'sent' AND d.{until} >= ?"), today),
    }
    (clauses.join(" AND "), values)
}

/// The row `id` of `select` (rows aliased `d`) that `scope` sees, read by `row`.
pub(super) fn get_row<T>(
    c: &Conn<'_>,
    select: &str,
    scope: &BillingScope,
    id: Id,
    row: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<T> {
    let sql = format!(
        "{select} WHERE d.id = ?1 AND (?2 IS NULL OR d.organization_id = ?2)
           AND (?3 OR d.status <> 'draft')"
    );
    c.0.prepare_cached(&sql)?
        .query_row(params![id, scope.org(), scope.staff()], row)
        .found()
}

/// The SQL of a page of `select`'s rows of `kind` that `scope` sees,
/// newest first, and its values (the query-plan test explains it).
pub(super) fn list_sql(
    select: &str,
    kind: Kind,
    scope: &BillingScope,
    args: &ListArgs,
) -> (String, Vec<V>) {
    let (clause, values) = where_clause(scope, args, kind);
    let sql = format!(
        "{select} WHERE {clause} ORDER BY d.id DESC LIMIT {}",
        args.limit + 1
    );
    (sql, values)
}

/// A page of `select`'s rows of `kind` that `scope` sees, newest first,
/// read by `row`.
pub(super) fn list_rows<T>(
    c: &Conn<'_>,
    select: &str,
    kind: Kind,
    scope: &BillingScope,
    args: &ListArgs,
    row: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let (sql, values) = list_sql(select, kind, scope, args);
    let mut stmt = c.0.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A visible invoice's or quote's stored status and its draft as written,
/// for changing or sending it.
pub fn draft(c: &Conn<'_>, kind: Kind, scope: &BillingScope, id: Id) -> Result<(String, Draft)> {
    let sql = format!(
        "SELECT status, organization_id, currency, issue_date, {}, notes FROM {} d
         WHERE d.id = ?1 AND (?2 IS NULL OR d.organization_id = ?2) AND (?3 OR d.status <> 'draft')",
        kind.until(),
        kind.table()
    );
    let (status, mut draft) =
        c.0.prepare_cached(&sql)?
            .query_row(params![id, scope.org(), scope.staff()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Draft {
                        organization_id: r.get(1)?,
                        currency: r.get(2)?,
                        issue_date: day(r, 3)?,
                        until: day(r, 4)?,
                        notes: r.get(5)?,
                        lines: Vec::new(),
                    },
                ))
            })
            .found()?;
    draft.lines = lines(c, Doc::of(kind, id))?;
    Ok((status, draft))
}

/// An organisation's own payment-link template, if it has one.
pub fn payment_link(c: &Conn<'_>, organization: Id) -> Result<Option<String>> {
    match c
        .0
        .prepare_cached("SELECT template FROM payment_links WHERE organization_id = ?1")?
        .query_row([organization], |r| r.get(0))
        .found()
    {
        Ok(t) => Ok(Some(t)),
        Err(super::StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Sets (or with `None` removes) an organisation's template.
pub fn set_payment_link(c: &Conn<'_>, organization: Id, template: Option<&str>) -> Result<()> {
    match template {
        Some(t) => {
            c.0.prepare_cached(
                "INSERT INTO payment_links (organization_id, template) VALUES (?1, ?2)
             ON CONFLICT (organization_id) DO UPDATE SET template = excluded.template",
            )?
            .execute(params![organization, t])?
        }
        None => {
            c.0.prepare_cached("DELETE FROM payment_links WHERE organization_id = ?1")?
                .execute([organization])?
        }
    };
    Ok(())
}
