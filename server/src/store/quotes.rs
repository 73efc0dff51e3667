//! Quotes. Every read takes the viewer's `BillingScope` and puts it into
//! the SQL (a client's organisation, and no drafts).

use jiff::civil::Date;
use portico_shared::{Id, OrganizationRef, PersonRef};
use rusqlite::{Row, params};

use super::billing::{self, Kind, ListArgs, day};
use super::{Conn, OptionalRow, Result};
use crate::access::BillingScope;

/// A quote as stored; its status (`draft`, `sent`, `accepted`,
/// `declined`) is the stored one, before expiry is derived.
#[derive(Debug, Clone)]
pub struct QuoteRow {
    pub id: Id,
    pub number: Option<String>,
    pub status: String,
    pub organization: OrganizationRef,
    pub currency: String,
    pub issue_date: Date,
    pub valid_until: Date,
    pub notes: String,
    pub net: i64,
    pub tax: i64,
    pub decided_by: Option<PersonRef>,
    pub decided_at: Option<i64>,
    pub decision_note: Option<String>,
    pub invoice_id: Option<Id>,
    pub updated_at: i64,
}

/// `CROSS JOIN` keeps the rows (`d`) the outer loop, so a list walks them
/// newest first by an index and never sorts (see 0017).
const SELECT: &str = "SELECT d.id, d.number, d.status, d.organization_id, o.name, d.currency,
        d.issue_date, d.valid_until, d.notes, d.net_minor, d.tax_minor, d.decided_by, u.name,
        d.decided_at, d.decision_note, (SELECT i.id FROM invoices i WHERE i.quote_id = d.id),
        d.updated_at
    FROM quotes d CROSS JOIN organizations o ON o.id = d.organization_id
    LEFT JOIN users u ON u.id = d.decided_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<QuoteRow> {
    let decided_by: Option<Id> = r.get(11)?;
    Ok(QuoteRow {
        id: r.get(0)?,
        number: r.get(1)?,
        status: r.get(2)?,
        organization: OrganizationRef {
            id: r.get(3)?,
            name: r.get(4)?,
        },
        currency: r.get(5)?,
        issue_date: day(r, 6)?,
        valid_until: day(r, 7)?,
        notes: r.get(8)?,
        net: r.get(9)?,
        tax: r.get(10)?,
        decided_by: match decided_by {
            Some(id) => Some(PersonRef {
                id,
                name: r.get(12)?,
            }),
            None => None,
        },
        decided_at: r.get(13)?,
        decision_note: r.get(14)?,
        invoice_id: r.get(15)?,
        updated_at: r.get(16)?,
    })
}

/// One quote, if `scope` sees it.
pub fn get(c: &Conn<'_>, scope: &BillingScope, id: Id) -> Result<QuoteRow> {
    billing::get_row(c, SELECT, scope, id, from_row)
}

/// The SQL `list` runs, and its values, for the query-plan test.
pub fn list_sql(scope: &BillingScope, args: &ListArgs) -> (String, Vec<rusqlite::types::Value>) {
    billing::list_sql(SELECT, Kind::Quote, scope, args)
}

/// A page of the quotes `scope` sees, newest first, below the cursor id.
pub fn list(c: &Conn<'_>, scope: &BillingScope, args: &ListArgs) -> Result<Vec<QuoteRow>> {
    billing::list_rows(c, SELECT, Kind::Quote, scope, args, from_row)
}

/// Records the client's answer to a sent quote.
/// Who wrote quote `id` (the staff member its answer is for).
pub fn author(c: &Conn<'_>, id: Id) -> Result<Id> {
    c.0.prepare_cached("SELECT created_by FROM quotes WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .found()
}

pub fn decide(
    c: &Conn<'_>,
    id: Id,
    status: &str,
    by: Id,
    note: Option<&str>,
    now: i64,
) -> Result<()> {
    c.0.prepare_cached(
        "UPDATE quotes SET status = ?2, decided_by = ?3, decision_note = ?4, decided_at = ?5,
                updated_at = ?5
         WHERE id = ?1 AND status = 'sent'",
    )?
    .execute(params![id, status, by, note, now])?;
    Ok(())
}
