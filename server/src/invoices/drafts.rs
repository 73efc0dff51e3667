//! What invoices and quotes share: staff write a draft, change it while it
//! is a draft, and send it under the next number of its kind and year,
//! taken in the transaction that sends it.

use jiff::civil::Date;
use portico_shared::{Id, InvoicePatch, LineInput, NewInvoice, NewQuote, QuotePatch};

use super::lines::{self, DraftInput, Priced};
use super::ops::{check_org, today};
use crate::access::{BillingScope, Viewer};
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::billing::{self, Draft, Kind};

/// A new draft of either kind; `until` is the due date or last valid day.
pub struct NewDraft {
    pub organization_id: Id,
    pub currency: String,
    pub issue_date: Option<Date>,
    pub until: Date,
    pub notes: String,
    pub lines: Vec<LineInput>,
}

impl From<NewInvoice> for NewDraft {
    fn from(r: NewInvoice) -> Self {
        NewDraft {
            organization_id: r.organization_id,
            currency: r.currency,
            issue_date: r.issue_date,
            until: r.due_date,
            notes: r.notes,
            lines: r.lines,
        }
    }
}

impl From<NewQuote> for NewDraft {
    fn from(r: NewQuote) -> Self {
        NewDraft {
            organization_id: r.organization_id,
            currency: r.currency,
            issue_date: r.issue_date,
            until: r.valid_until,
            notes: r.notes,
            lines: r.lines,
        }
    }
}

/// A change to a draft of either kind: absent fields stay.
pub struct DraftPatch {
    pub currency: Option<String>,
    pub issue_date: Option<Date>,
    pub until: Option<Date>,
    pub notes: Option<String>,
    pub lines: Option<Vec<LineInput>>,
}

impl From<InvoicePatch> for DraftPatch {
    fn from(r: InvoicePatch) -> Self {
        DraftPatch {
            currency: r.currency,
            issue_date: r.issue_date,
            until: r.due_date,
            notes: r.notes,
            lines: r.lines,
        }
    }
}

impl From<QuotePatch> for DraftPatch {
    fn from(r: QuotePatch) -> Self {
        DraftPatch {
            currency: r.currency,
            issue_date: r.issue_date,
            until: r.valid_until,
            notes: r.notes,
            lines: r.lines,
        }
    }
}

/// How `until` is named in errors.
fn until_field(kind: Kind) -> &'static str {
    match kind {
        Kind::Invoice => "due_date",
        Kind::Quote => "valid_until",
    }
}

/// Writes a draft (staff); answers its id.
pub async fn create(st: &AppState, scope: &BillingScope, kind: Kind, req: NewDraft) -> Result<Id> {
    scope.require_staff()?;
    let priced = lines::check(DraftInput {
        organization_id: req.organization_id,
        currency: req.currency,
        issue_date: req.issue_date.unwrap_or(today(st)),
        until: req.until,
        until_field: until_field(kind),
        notes: req.notes,
        lines: req.lines,
    })?;
    let (me, now) = (scope.me(), st.clock.now());
    st.db
        .write(move |tx| {
            check_org(tx, priced.draft.organization_id)?;
            let Priced { draft, net, tax } = priced;
            Ok::<_, ApiError>(billing::insert(tx, kind, &draft, net, tax, me, now)?)
        })
        .await
}

/// A 409 unless the stored status is draft.
fn require_draft(status: &str) -> Result<()> {
    match status {
        "draft" => Ok(()),
        _ => Err(ApiError::Conflict(
            "only a draft can be changed or sent".into(),
        )),
    }
}

/// What a patch makes of a stored draft; unchanged lines are priced again,
/// as the currency may have changed.
fn patched(kind: Kind, stored: Draft, req: DraftPatch) -> Result<Priced> {
    lines::check(DraftInput {
        organization_id: stored.organization_id,
        currency: req.currency.unwrap_or(stored.currency),
        issue_date: req.issue_date.unwrap_or(stored.issue_date),
        until: req.until.unwrap_or(stored.until),
        until_field: until_field(kind),
        notes: req.notes.unwrap_or(stored.notes),
        lines: req
            .lines
            .unwrap_or_else(|| stored.lines.iter().map(lines::input_of).collect()),
    })
}

/// Changes a draft (staff); one sent is fixed.
pub async fn change(
    st: &AppState,
    scope: &BillingScope,
    kind: Kind,
    id: Id,
    req: DraftPatch,
) -> Result<()> {
    scope.require_staff()?;
    let now = st.clock.now();
    let scope = scope.clone();
    st.db
        .write(move |tx| {
            let (status, stored) = billing::draft(tx, kind, &scope, id)?;
            require_draft(&status)?;
            let Priced { draft, net, tax } = patched(kind, stored, req)?;
            billing::update(tx, kind, id, &draft, net, tax, now)?;
            Ok::<_, ApiError>(())
        })
        .await
}

/// Sends a draft (staff) under the next number of its kind and this year;
/// answers the number. What comes to nothing is not sent.
pub async fn send(
    st: &AppState,
    scope: &BillingScope,
    kind: Kind,
    client: Client,
    id: Id,
) -> Result<String> {
    scope.require_staff()?;
    let (now, year) = (st.clock.now(), today(st).year());
    let (state, scope) = (st.clone(), scope.clone());
    let number = st
        .db
        .write(move |tx| {
            let (status, draft) = billing::draft(tx, kind, &scope, id)?;
            require_draft(&status)?;
            if draft.totals().is_none_or(|(net, tax)| net + tax <= 0) {
                return Err(ApiError::Conflict(format!(
                    "a {} needs lines coming to more than zero before it is sent",
                    kind.name()
                )));
            }
            let number = billing::next_number(tx, kind, year)?;
            billing::mark_sent(tx, kind, id, &number, now)?;
            super::mail::sent(tx, &state, kind, &number, &draft, scope.me(), now)?;
            let (action, target) = (
                format!("{}.sent", kind.name()),
                format!("{}:{id}", kind.name()),
            );
            audit(
                tx,
                &state,
                Some(scope.me()),
                &action,
                target,
                &client,
                number.clone(),
            )?;
            Ok(number)
        })
        .await?;
    tracing::info!(kind = kind.name(), id, number, "sent");
    Ok(number)
}

/// Tells whoever may see an invoice or quote what `viewer` did to it
/// (`change`, made from `detail`); answers `detail`.
pub async fn announce<T>(st: &AppState, viewer: &Viewer, change: Change, detail: T) -> Result<T> {
    publish(st, viewer.id(), vec![change]).await?;
    Ok(detail)
}
