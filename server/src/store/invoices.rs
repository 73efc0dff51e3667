//! Invoices and their payments. Every read takes the viewer's
//! `BillingScope` and puts it into the SQL (a client's organisation, and no
//! drafts), so an invoice outside it is simply not found.

use jiff::civil::Date;
use portico_shared::{Id, OrganizationRef, PersonRef};
use rusqlite::{Row, params};

use super::billing::{self, Kind, ListArgs, day};
use super::{Conn, Result};
use crate::access::BillingScope;

/// An invoice as stored; its status (`draft`, `sent`, `paid`, `void`) is
/// the stored one, before overdue is derived.
#[derive(Debug, Clone)]
pub struct InvoiceRow {
    pub id: Id,
    pub number: Option<String>,
    pub status: String,
    pub organization: OrganizationRef,
    pub currency: String,
    pub issue_date: Date,
    pub due_date: Date,
    pub notes: String,
    pub net: i64,
    pub tax: i64,
    pub paid: i64,
    pub quote_id: Option<Id>,
    pub sent_at: Option<i64>,
    pub updated_at: i64,
}

/// A recorded payment.
#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: Id,
    pub amount: i64,
    pub paid_on: Date,
    pub method: String,
    pub recorded_by: PersonRef,
    pub created_at: i64,
}

/// `CROSS JOIN` keeps the rows (`d`) the outer loop, so a list walks them
/// newest first by an index and never sorts (see 0017).
const SELECT: &str = "SELECT d.id, d.number, d.status, d.organization_id, o.name, d.currency,
        d.issue_date, d.due_date, d.notes, d.net_minor, d.tax_minor, d.paid_minor, d.quote_id,
        d.sent_at, d.updated_at
    FROM invoices d CROSS JOIN organizations o ON o.id = d.organization_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<InvoiceRow> {
    Ok(InvoiceRow {
        id: r.get(0)?,
        number: r.get(1)?,
        status: r.get(2)?,
        organization: OrganizationRef {
            id: r.get(3)?,
            name: r.get(4)?,
        },
        currency: r.get(5)?,
        issue_date: day(r, 6)?,
        due_date: day(r, 7)?,
        notes: r.get(8)?,
        net: r.get(9)?,
        tax: r.get(10)?,
        paid: r.get(11)?,
        quote_id: r.get(12)?,
        sent_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

/// One invoice, if `scope` sees it.
pub fn get(c: &Conn<'_>, scope: &BillingScope, id: Id) -> Result<InvoiceRow> {
    billing::get_row(c, SELECT, scope, id, from_row)
}

/// The SQL `list` runs, and its values, for the query-plan test.
pub fn list_sql(scope: &BillingScope, args: &ListArgs) -> (String, Vec<rusqlite::types::Value>) {
    billing::list_sql(SELECT, Kind::Invoice, scope, args)
}

/// A page of the invoices `scope` sees, newest first, below the cursor id.
pub fn list(c: &Conn<'_>, scope: &BillingScope, args: &ListArgs) -> Result<Vec<InvoiceRow>> {
    billing::list_rows(c, SELECT, Kind::Invoice, scope, args, from_row)
}

/// Marks a draft invoice as made from `quote` (one invoice per quote).
pub fn set_quote(c: &Conn<'_>, id: Id, quote: Id) -> Result<()> {
    c.0.prepare_cached("UPDATE invoices SET quote_id = ?2 WHERE id = ?1")?
        .execute(params![id, quote])?;
    Ok(())
}

/// Voids an invoice; its number stays taken.
pub fn mark_void(c: &Conn<'_>, id: Id, now: i64) -> Result<()> {
    c.0.prepare_cached("UPDATE invoices SET status = 'void', updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, now])?;
    Ok(())
}

/// A new payment of a sent invoice.
pub struct NewPaymentRow<'a> {
    pub invoice_id: Id,
    pub amount: i64,
    pub paid_on: Date,
    pub method: &'a str,
    pub recorded_by: Id,
    pub now: i64,
}

/// Records a payment; the invoice is `paid` once nothing is due.
pub fn add_payment(c: &Conn<'_>, p: &NewPaymentRow<'_>) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO invoice_payments (invoice_id, amount_minor, paid_on, method, recorded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        p.invoice_id,
        p.amount,
        p.paid_on.to_string(),
        p.method,
        p.recorded_by,
        p.now
    ])?;
    c.0.prepare_cached(
        "UPDATE invoices SET paid_minor = paid_minor + ?2, updated_at = ?3,
                status = CASE WHEN paid_minor + ?2 >= net_minor + tax_minor THEN 'paid' ELSE status END
         WHERE id = ?1",
    )?
    .execute(params![p.invoice_id, p.amount, p.now])?;
    Ok(())
}

/// An invoice's payments, oldest first.
pub fn payments(c: &Conn<'_>, id: Id) -> Result<Vec<PaymentRow>> {
    let mut stmt = c.0.prepare_cached(
        "SELECT p.id, p.amount_minor, p.paid_on, p.method, p.recorded_by, u.name, p.created_at
         FROM invoice_payments p JOIN users u ON u.id = p.recorded_by
         WHERE p.invoice_id = ?1 ORDER BY p.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(PaymentRow {
            id: r.get(0)?,
            amount: r.get(1)?,
            paid_on: day(r, 2)?,
            method: r.get(3)?,
            recorded_by: PersonRef {
                id: r.get(4)?,
                name: r.get(5)?,
            },
            created_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The addresses of an organisation's active client contacts, whom billing
/// mail may reach (the policy then decides who sees billing).
pub fn client_emails(c: &Conn<'_>, org: Id) -> Result<Vec<String>> {
    let rows =
        c.0.prepare_cached(
            "SELECT email FROM users
             WHERE organization_id = ?1 AND role = 'client' AND status = 'active' ORDER BY id",
        )?
        .query_map([org], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

/// The sent invoices due before `today` not yet announced as overdue,
/// marked announced at `now`: each is taken once, ever.
pub fn take_overdue(c: &Conn<'_>, today: Date, now: i64) -> Result<Vec<InvoiceRow>> {
    let sql = format!(
        "{SELECT} WHERE d.status = 'sent' AND d.overdue_noticed_at IS NULL AND d.due_date < ?1
         ORDER BY d.id"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map([today.to_string()], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut mark = c.0.prepare_cached(
        "UPDATE invoices SET overdue_noticed_at = ?2 WHERE id = ?1 AND overdue_noticed_at IS NULL",
    )?;
    for r in &rows {
        mark.execute(params![r.id, now])?;
    }
    Ok(rows)
}
