//! Quote operations: staff write and send drafts; the client accepts or
//! declines a sent quote until its `valid_until` day has passed; staff turn
//! an accepted quote into a draft invoice with the same lines.

use portico_shared::money::MAX_NOTES_CHARS;
use portico_shared::{
    BillingQuery, Id, InvoiceDetail, NewQuote, Page, Quote, QuoteDecision, QuoteDetail, QuotePatch,
    QuoteStatus, validate,
};

use super::ops::{list_args, today};
use super::{drafts, lines, policy, view};
use crate::access::{BillingScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::publish::Change;
use crate::state::AppState;
use crate::store::billing::{self, Doc, Draft, Filter, Kind};
use crate::store::invoices;
use crate::store::quotes;

/// How long a converted quote's invoice gives the client to pay.
const PAYMENT_TERM_DAYS: i64 = 30;

/// The quote with its lines, as `scope` sees it.
pub async fn read(st: &AppState, scope: BillingScope, id: Id) -> Result<QuoteDetail> {
    let today = today(st);
    Ok(st
        .db
        .read(move |c| {
            let row = quotes::get(c, &scope, id)?;
            let digits = view::digits(&row.currency);
            Ok::<_, crate::store::StoreError>(QuoteDetail {
                lines: billing::lines(c, Doc::Quote(id))?
                    .iter()
                    .map(|l| lines::view(l, digits))
                    .collect(),
                notes: row.notes.clone(),
                quote: view::quote(&row, today),
            })
        })
        .await?)
}

fn filter(status: Option<&str>) -> Result<Filter> {
    let Some(raw) = status else {
        return Ok(Filter::Any);
    };
    let status: QuoteStatus = raw.parse().map_err(|_| {
        ApiError::field(
            "status",
            "must be draft, sent, accepted, declined or expired",
        )
    })?;
    Ok(match status {
        QuoteStatus::Draft => Filter::Is("draft"),
        QuoteStatus::Sent => Filter::OnTime,
        QuoteStatus::Expired => Filter::Late,
        QuoteStatus::Accepted => Filter::Is("accepted"),
        QuoteStatus::Declined => Filter::Is("declined"),
    })
}

/// A page of the quotes `scope` sees, newest first.
pub async fn list(st: &AppState, scope: BillingScope, q: BillingQuery) -> Result<Page<Quote>> {
    let today = today(st);
    let args = list_args(q.clone(), filter(q.status.as_deref())?, today)?;
    let limit = args.limit;
    let rows = st.db.read(move |c| quotes::list(c, &scope, &args)).await?;
    let items = rows.iter().map(|r| view::quote(r, today)).collect();
    Ok(crate::store::page_of(items, limit, |q: &Quote| {
        q.id.to_string()
    }))
}

/// Every quote (staff), oldest first, for the CSV.
pub async fn all(st: &AppState, viewer: &Viewer) -> Result<Vec<Quote>> {
    let today = today(st);
    let rows = super::ops::every_row(st, viewer.quotes()?, quotes::list, |r| r.id).await?;
    Ok(rows.iter().map(|r| view::quote(r, today)).collect())
}

/// Writes a draft quote (staff).
pub async fn create(st: &AppState, viewer: &Viewer, req: NewQuote) -> Result<QuoteDetail> {
    let scope = viewer.quotes()?;
    let id = drafts::create(st, &scope, Kind::Quote, req.into()).await?;
    read(st, scope, id).await
}

/// Changes a draft quote (staff).
pub async fn change(
    st: &AppState,
    viewer: &Viewer,
    id: Id,
    req: QuotePatch,
) -> Result<QuoteDetail> {
    let scope = viewer.quotes()?;
    drafts::change(st, &scope, Kind::Quote, id, req.into()).await?;
    read(st, scope, id).await
}

/// Sends a draft quote (staff) under the next `QUO-YYYY-NNNN`.
pub async fn send(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<QuoteDetail> {
    let scope = viewer.quotes()?;
    drafts::send(st, &scope, Kind::Quote, client, id).await?;
    let detail = read(st, scope, id).await?;
    let change = Change::quote("quote.sent", &detail.quote);
    drafts::announce(st, viewer, change, detail).await
}

/// The client's answer to a sent quote, until its last valid day.
pub async fn decide(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
    accept: bool,
    req: QuoteDecision,
) -> Result<QuoteDetail> {
    let scope = viewer.quotes()?;
    if scope.staff() {
        return Err(ApiError::Forbidden(
            "the client accepts or declines a quote",
        ));
    }
    let note = validate::text("note", &req.note, MAX_NOTES_CHARS)?;
    let (now, today) = (st.clock.now(), today(st));
    let (state, write_scope) = (st.clone(), scope.clone());
    let who = viewer.user().name.clone();
    let (stored, action) = match accept {
        true => ("accepted", "quote.accepted"),
        false => ("declined", "quote.declined"),
    };
    st.db
        .write(move |tx| {
            let row = quotes::get(tx, &write_scope, id)?;
            match policy::quote_status(&row.status, row.valid_until, today) {
                QuoteStatus::Sent => {}
                QuoteStatus::Expired => {
                    return Err(ApiError::Conflict(format!(
                        "this quote was valid until {}; ask for a new one",
                        row.valid_until
                    )));
                }
                other => {
                    return Err(ApiError::Conflict(format!("this quote is {other} already")));
                }
            }
            let kept = (!note.is_empty()).then_some(note.as_str());
            quotes::decide(tx, id, stored, write_scope.me(), kept, now)?;
            let answered = quotes::get(tx, &write_scope, id)?;
            super::mail::quote_answered(tx, &state, &answered, accept, &who, now)?;
            let target = format!("quote:{id}");
            audit(
                tx,
                &state,
                Some(write_scope.me()),
                action,
                target,
                &client,
                note.clone(),
            )?;
            Ok::<_, ApiError>(())
        })
        .await?;
    tracing::info!(quote = id, stored, "quote decided");
    let detail = read(st, scope, id).await?;
    let change = Change::quote(action, &detail.quote);
    drafts::announce(st, viewer, change, detail).await
}

/// Turns an accepted quote into a draft invoice with the same lines,
/// currency and notes (staff), due in 30 days; once per quote.
pub async fn invoice(
    st: &AppState,
    viewer: &Viewer,
    client: Client,
    id: Id,
) -> Result<InvoiceDetail> {
    let scope = viewer.quotes()?;
    scope.require_staff()?;
    let invoice_scope = viewer.invoices()?;
    let (me, now, today) = (viewer.id(), st.clock.now(), today(st));
    let due = today
        .checked_add(jiff::Span::new().days(PAYMENT_TERM_DAYS))
        .unwrap_or(today);
    let state = st.clone();
    let invoice_id = st
        .db
        .write(move |tx| {
            let row = quotes::get(tx, &scope, id)?;
            if row.status != "accepted" {
                return Err(ApiError::Conflict(
                    "only an accepted quote becomes an invoice".into(),
                ));
            }
            if row.invoice_id.is_some() {
                return Err(ApiError::Conflict(
                    "this quote has its invoice already".into(),
                ));
            }
            let draft = Draft {
                organization_id: row.organization.id,
                currency: row.currency.clone(),
                issue_date: today,
                until: due,
                notes: row.notes.clone(),
                lines: billing::lines(tx, Doc::Quote(id))?,
            };
            let new_id = billing::insert(tx, Kind::Invoice, &draft, row.net, row.tax, me, now)?;
            invoices::set_quote(tx, new_id, id)?;
            let target = format!("quote:{id}");
            audit(
                tx,
                &state,
                Some(me),
                "quote.invoiced",
                target,
                &client,
                format!("invoice:{new_id}"),
            )?;
            Ok::<_, ApiError>(new_id)
        })
        .await?;
    super::ops::read(st, invoice_scope, invoice_id).await
}
