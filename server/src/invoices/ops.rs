//! Invoice operations: drafts written and changed by staff, sent under the
//! next number of the year, voided, paid in part or in full; each in one
//! transaction. Clients only read what was sent to their organisation.

use jiff::civil::Date;
use portico_shared::{
    BillingQuery, Id, InvoiceDetail, InvoicePatch, InvoiceStatus, NewInvoice, NewPayment, Page,
    PaymentLinkSetting, money, payment_link, payment_link_template, validate,
};

use super::{drafts, lines, policy, view};
use crate::access::{BillingScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::publish::Change;
use crate::state::AppState;
use crate::store::billing::{self, Doc, Filter, Kind, ListArgs};
use crate::store::invoices::{self, NewPaymentRow};
use crate::store::{Conn, orders, orgs};

/// Today, UTC: due dates and numbers count in it.
pub fn today(st: &AppState) -> Date {
    orders::utc_date(st.clock.now())
}

/// The invoice with its lines, payments and payment link, as `scope` sees it.
pub async fn read(st: &AppState, scope: BillingScope, id: Id) -> Result<InvoiceDetail> {
    let today = today(st);
    let server_link = st.config.payment_link.clone();
    Ok(st
        .db
        .read(move |c| detail(c, &scope, id, today, server_link.as_deref()))
        .await?)
}

fn detail(
    c: &Conn<'_>,
    scope: &BillingScope,
    id: Id,
    today: Date,
    server_link: Option<&str>,
) -> crate::store::Result<InvoiceDetail> {
    let row = invoices::get(c, scope, id)?;
    let digits = view::digits(&row.currency);
    let invoice = view::invoice(&row, today);
    let template = billing::payment_link(c, row.organization.id)?.or(server_link.map(Into::into));
    let link = match (&invoice.number, template) {
        (Some(number), Some(t)) if policy::shows_payment_link(invoice.status) => {
            Some(payment_link(&t, number, &invoice.due, &invoice.currency))
        }
        _ => None,
    };
    Ok(InvoiceDetail {
        lines: billing::lines(c, Doc::Invoice(id))?
            .iter()
            .map(|l| lines::view(l, digits))
            .collect(),
        payments: invoices::payments(c, id)?
            .iter()
            .map(|p| view::payment(p, digits))
            .collect(),
        notes: row.notes.clone(),
        payment_link: link,
        quote_id: row.quote_id,
        invoice,
    })
}

/// What a list query asks the store for, with its status as `filter`.
pub fn list_args(q: BillingQuery, filter: Filter, today: Date) -> Result<ListArgs> {
    let before = match q.cursor.as_deref() {
        None => Id::MAX,
        Some(raw) => crate::store::id_cursor(Some(raw))?,
    };
    Ok(ListArgs {
        organization: q.organization_id,
        number: q.number,
        filter,
        today,
        before,
        limit: portico_shared::clamp_limit(q.limit),
    })
}

/// The list filter a status asks for.
fn filter(status: Option<&str>) -> Result<Filter> {
    let Some(raw) = status else {
        return Ok(Filter::Any);
    };
    let status: InvoiceStatus = raw
        .parse()
        .map_err(|_| ApiError::field("status", "must be draft, sent, overdue, paid or void"))?;
    Ok(match status {
        InvoiceStatus::Draft => Filter::Is("draft"),
        InvoiceStatus::Sent => Filter::OnTime,
        InvoiceStatus::Overdue => Filter::Late,
        InvoiceStatus::Paid => Filter::Is("paid"),
        InvoiceStatus::Void => Filter::Is("void"),
    })
}

/// A page of the invoices `scope` sees, newest first.
pub async fn list(
    st: &AppState,
    scope: BillingScope,
    q: BillingQuery,
) -> Result<Page<portico_shared::Invoice>> {
    let today = today(st);
    let args = list_args(q.clone(), filter(q.status.as_deref())?, today)?;
    let limit = args.limit;
    let rows = st
        .db
        .read(move |c| invoices::list(c, &scope, &args))
        .await?;
    let items = rows.iter().map(|r| view::invoice(r, today)).collect();
    Ok(crate::store::page_of(
        items,
        limit,
        |i: &portico_shared::Invoice| i.id.to_string(),
    ))
}

/// Every invoice (staff), oldest first, for the CSV.
pub async fn all(st: &AppState, viewer: &Viewer) -> Result<Vec<portico_shared::Invoice>> {
    let today = today(st);
    let rows = every_row(st, viewer.invoices()?, invoices::list, |r| r.id).await?;
    Ok(rows.iter().map(|r| view::invoice(r, today)).collect())
}

/// What a store's list reads: one page of rows below `args.before`.
pub type ListFn<R> = fn(&Conn<'_>, &BillingScope, &ListArgs) -> crate::store::Result<Vec<R>>;

/// Every row `list` gives staff, oldest first, read page by page so no
/// single read holds a snapshot long.
pub async fn every_row<R: Send + 'static>(
    st: &AppState,
    scope: BillingScope,
    list: ListFn<R>,
    id_of: fn(&R) -> Id,
) -> Result<Vec<R>> {
    const PAGE: u32 = 500;
    scope.require_staff()?;
    let mut out = Vec::new();
    let mut args = list_args(BillingQuery::default(), Filter::Any, today(st))?;
    args.limit = PAGE;
    loop {
        let (scope, page) = (scope.clone(), args.clone());
        let mut rows = st.db.read(move |c| list(c, &scope, &page)).await?;
        let more = rows.len() > PAGE as usize;
        rows.truncate(PAGE as usize);
        out.extend(rows);
        match (more, out.last()) {
            (true, Some(last)) => args.before = id_of(last),
            _ => break,
        }
    }
    out.reverse();
    Ok(out)
}

/// The organisation named by staff, or a 422 naming the field.
pub fn check_org(tx: &Conn<'_>, org: Id) -> Result<()> {
    match orgs::get(tx, org) {
        Ok(_) => Ok(()),
        Err(crate::store::StoreError::NotFound) => {
            Err(ApiError::field("organization_id", "no such organisation"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes a draft invoice (staff).
pub async fn create(st: &AppState, viewer: &Viewer, req: NewInvoice) -> Result<InvoiceDetail> {
    let scope = viewer.invoices()?;
    let id = drafts::create(st, &scope, Kind::Invoice, req.into()).await?;
    read(st, scope, id).await
}

/// Changes a draft (staff); a sent invoice is fixed.
pub async fn change(
    st: &AppState,
    viewer: &Viewer,
    id: Id,
    req: InvoicePatch,
) -> Result<InvoiceDetail> {
    let scope = viewer.invoices()?;
    drafts::change(st, &scope, Kind::Invoice, id, req.into()).await?;
    read(st, scope, id).await
}

/// Sends a draft (staff): it takes the next `INV-YYYY-NNNN` of this year,
/// inside the transaction that sends it, and clients see it from then on.
pub async fn send(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<InvoiceDetail> {
    let scope = viewer.invoices()?;
    drafts::send(st, &scope, Kind::Invoice, client, id).await?;
    let detail = read(st, scope, id).await?;
    let change = Change::invoice("invoice.sent", &detail.invoice);
    drafts::announce(st, viewer, change, detail).await
}

/// Voids a draft or sent invoice (staff); a paid one stays paid, and a
/// number once given is never given again.
pub async fn void(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<InvoiceDetail> {
    let scope = viewer.invoices()?;
    scope.require_staff()?;
    let now = st.clock.now();
    let (state, write_scope) = (st.clone(), scope.clone());
    st.db
        .write(move |tx| {
            let row = invoices::get(tx, &write_scope, id)?;
            if !matches!(row.status.as_str(), "draft" | "sent") {
                return Err(ApiError::Conflict(format!(
                    "a {} invoice cannot be voided",
                    row.status
                )));
            }
            invoices::mark_void(tx, id, now)?;
            let target = format!("invoice:{id}");
            audit(
                tx,
                &state,
                Some(write_scope.me()),
                "invoice.void",
                target,
                &client,
                String::new(),
            )?;
            Ok::<_, ApiError>(())
        })
        .await?;
    let detail = read(st, scope, id).await?;
    let change = Change::invoice("invoice.voided", &detail.invoice);
    drafts::announce(st, viewer, change, detail).await
}

/// Records a payment of part or all of what is due on a sent invoice
/// (staff); all of it makes the invoice paid.
pub async fn pay(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    req: NewPayment,
) -> Result<InvoiceDetail> {
    let scope = viewer.invoices()?;
    scope.require_staff()?;
    let method = validate::name("method", &req.method)?;
    let (now, today) = (st.clock.now(), today(st));
    let (state, write_scope) = (st.clone(), scope.clone());
    st.db
        .write(move |tx| {
            let row = invoices::get(tx, &write_scope, id)?;
            if row.status != "sent" {
                return Err(ApiError::Conflict(format!(
                    "payments are recorded on sent invoices; this one is {}",
                    row.status
                )));
            }
            let digits = view::digits(&row.currency);
            let amount = money::amount("amount", &req.amount, digits)?;
            let due = row.net.saturating_add(row.tax).saturating_sub(row.paid);
            if amount <= 0 || amount > due {
                let due = money::format_minor(due, digits);
                return Err(ApiError::field(
                    "amount",
                    format!("must be above zero and at most the {due} due"),
                ));
            }
            let paid_on = req.paid_on.unwrap_or(today);
            invoices::add_payment(
                tx,
                &NewPaymentRow {
                    invoice_id: id,
                    amount,
                    paid_on,
                    method: &method,
                    recorded_by: write_scope.me(),
                    now,
                },
            )?;
            super::mail::payment(tx, &state, &row, amount, paid_on, write_scope.me(), now)?;
            let detail = format!("{} {}", money::format_minor(amount, digits), row.currency);
            let target = format!("invoice:{id}");
            audit(
                tx,
                &state,
                Some(write_scope.me()),
                "invoice.payment",
                target,
                &client,
                detail,
            )?;
            Ok::<_, ApiError>(())
        })
        .await?;
    let detail = read(st, scope, id).await?;
    let kind = match detail.invoice.status {
        InvoiceStatus::Paid => "invoice.paid",
        _ => "invoice.payment",
    };
    let change = Change::invoice(kind, &detail.invoice);
    drafts::announce(st, viewer, change, detail).await
}

/// Sets or clears an organisation's payment-link template (admins).
pub async fn set_payment_link(
    st: &AppState,
    viewer: &Viewer,
    org: Id,
    req: PaymentLinkSetting,
) -> Result<PaymentLinkSetting> {
    viewer.require_admin()?;
    let template = match req.template.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(payment_link_template(t)?),
    };
    let stored = template.clone();
    st.db
        .write(move |tx| {
            orgs::get(tx, org)?;
            billing::set_payment_link(tx, org, stored.as_deref())
        })
        .await?;
    Ok(PaymentLinkSetting { template })
}

/// An organisation's own payment-link template (staff), or none.
pub async fn org_payment_link(
    st: &AppState,
    viewer: &Viewer,
    org: Id,
) -> Result<PaymentLinkSetting> {
    viewer.require_staff()?;
    let template = st
        .db
        .read(move |c| {
            orgs::get(c, org)?;
            billing::payment_link(c, org)
        })
        .await?;
    Ok(PaymentLinkSetting { template })
}
