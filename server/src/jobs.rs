//! Background work: closing resolved tickets after the configured days,
//! announcing SLA breaches, deleting uploads that were never attached to
//! anything, dropping audit entries, held mail and submissions and finished
//! outbox mail past their keeping time, announcing invoices that became
//! overdue (`announce_overdue_once`); and the
//! mail sender, on its own shorter interval (`mail::send`).

use std::time::Duration;

use crate::error::Result;
use crate::events::Audience;
use crate::publish::{Change, publish};
use crate::state::AppState;
use crate::store::{attachments, audit, invoices, retention, sla, tickets};

/// Closes every ticket resolved more than `auto_close_days` ago; answers how many.
pub async fn close_resolved_once(state: &AppState) -> Result<usize> {
    let now = state.clock.now();
    let cutoff = now - i64::from(state.config.auto_close_days) * 86_400;
    let closed = state
        .db
        .write(move |tx| tickets::close_resolved_before(tx, cutoff, now))
        .await?;
    let changes = closed
        .iter()
        .map(|id| Change::ticket("ticket.updated", *id))
        .collect();
    // Nobody did it: every subscriber who may see the ticket hears of it.
    publish(state, 0, changes).await?;
    if !closed.is_empty() {
        tracing::info!(count = closed.len(), "closed resolved tickets");
    }
    Ok(closed.len())
}

/// Tells staff, once, of each ticket that passed a due time since the last
/// run (`sla.breached`); answers how many.
pub async fn announce_breaches_once(state: &AppState) -> Result<usize> {
    let now = state.clock.now();
    let breached = state
        .db
        .write(move |tx| sla::take_new_breaches(tx, now))
        .await?;
    let changes = breached
        .iter()
        .map(|id| Change::Ticket {
            kind: "sla.breached",
            id: *id,
            message: None,
            // Service levels are the desk's own measure: clients are not told.
            audience: Audience::Staff,
        })
        .collect();
    publish(state, 0, changes).await?;
    if !breached.is_empty() {
        tracing::info!(count = breached.len(), "announced SLA breaches");
    }
    Ok(breached.len())
}

/// Deletes uploads not attached to anything within `orphan_upload_hours`;
/// answers how many.
pub async fn delete_orphans_once(state: &AppState) -> Result<usize> {
    let cutoff = state.clock.now() - i64::from(state.config.orphan_upload_hours) * 3_600;
    let deleted = state
        .db
        .write(move |tx| attachments::delete_unattached_before(tx, cutoff))
        .await?;
    if deleted > 0 {
        tracing::info!(count = deleted, "deleted uploads never attached");
    }
    Ok(deleted)
}

/// Deletes audit entries older than `audit_days` (none when it is 0);
/// answers how many.
pub async fn prune_audit_once(state: &AppState) -> Result<usize> {
    let days = state.config.audit_days;
    if days == 0 {
        return Ok(0);
    }
    let cutoff = state.clock.now() - i64::from(days) * 86_400;
    let deleted = state
        .db
        .write(move |tx| audit::delete_before(tx, cutoff))
        .await?;
    if deleted > 0 {
        tracing::info!(
            count = deleted,
            "deleted audit entries past their keeping time"
        );
    }
    Ok(deleted)
}

/// Drops quarantined mail, held public submissions and finished outbox
/// mail past `retention.days`, and beyond `retention.max_rows` of each;
/// answers how many rows went.
pub async fn prune_mail_once(state: &AppState) -> Result<usize> {
    let keep = state.config.retention.clone();
    let cutoff = state.clock.now() - i64::from(keep.days) * 86_400;
    let deleted = state
        .db
        .write(move |tx| {
            let mut n = 0;
            for kept in retention::Kept::ALL {
                if keep.days > 0 {
                    n += retention::drop_before(tx, kept, cutoff)?;
                }
                n += retention::cap(tx, kept, keep.max_rows)?;
            }
            Ok::<_, crate::store::StoreError>(n)
        })
        .await?;
    if deleted > 0 {
        tracing::info!(
            count = deleted,
            "dropped held and finished mail past its keeping time"
        );
    }
    Ok(deleted)
}

/// Announces, once per invoice, each sent invoice whose due day has passed
/// since the last run: the `invoice.overdue` live event, and mail to the
/// contacts who see it (queued in the transaction that marks it
/// announced); answers how many.
pub async fn announce_overdue_once(state: &AppState) -> Result<usize> {
    let (now, today) = (state.clock.now(), crate::invoices::ops::today(state));
    let st = state.clone();
    let overdue = state
        .db
        .write(move |tx| {
            let rows = invoices::take_overdue(tx, today, now)?;
            for row in &rows {
                crate::invoices::mail::overdue(tx, &st, row, now)?;
            }
            Ok::<_, crate::store::StoreError>(rows)
        })
        .await?;
    let changes = overdue
        .iter()
        .map(|row| {
            Change::invoice(
                "invoice.overdue",
                &crate::invoices::view::invoice(row, today),
            )
        })
        .collect();
    publish(state, 0, changes).await?;
    if !overdue.is_empty() {
        tracing::info!(count = overdue.len(), "announced overdue invoices");
    }
    Ok(overdue.len())
}

/// Runs the jobs every `auto_close_check_secs` until shutdown.
pub fn spawn(state: AppState) {
    crate::mail::send::spawn(state.clone());
    crate::mail::imap::spawn(state.clone());
    crate::relay::spawn(state.clone());
    let every = Duration::from_secs(state.config.auto_close_check_secs.max(1));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tokio::select! {
                _ = state.shutdown.cancelled() => break,
                _ = tick.tick() => {
                    if let Err(e) = close_resolved_once(&state).await {
                        tracing::warn!("auto-close failed: {e}");
                    }
                    if let Err(e) = announce_breaches_once(&state).await {
                        tracing::warn!("announcing SLA breaches failed: {e}");
                    }
                    if let Err(e) = delete_orphans_once(&state).await {
                        tracing::warn!("deleting unattached uploads failed: {e}");
                    }
                    if let Err(e) = prune_audit_once(&state).await {
                        tracing::warn!("pruning the audit log failed: {e}");
                    }
                    if let Err(e) = prune_mail_once(&state).await {
                        tracing::warn!("pruning held and finished mail failed: {e}");
                    }
                    if let Err(e) = announce_overdue_once(&state).await {
                        tracing::warn!("announcing overdue invoices failed: {e}");
                    }
                }
            }
        }
    });
}
