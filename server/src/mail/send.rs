//! The sender: a background job that claims due outbox mail one at a time,
//! sends it over SMTP and marks it sent; a failure is recorded and retried
//! with a doubling wait, and given up on (visible to administrators) when
//! the server refuses it for good or after `max_attempts`.

use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::compose::{self, Sender};
use crate::config::SmtpConfig;
use crate::error::Result;
use crate::state::AppState;
use crate::store::mail::{self, DueMail};
use crate::store::retention::{self, Kept};

pub type Mailer = AsyncSmtpTransport<Tokio1Executor>;

/// A send under way longer than this (seconds, at least) was cut short by
/// a crash or a kill. Such a mail is recorded as sent-unknown and NOT
/// retried: the crash may have come after the SMTP server accepted it and
/// before it was marked sent, and a mail sent twice (a second invite, a
/// repeated reply) confuses people more than one that an administrator
/// sees as "unknown" in the status and can check for. The window that is
/// left is the one between the SMTP server's yes and the row's `sent_at`.
const INTERRUPTED_AFTER_SECS: i64 = 300;

/// Mails sent per run at most, so one run never holds on for long.
const BATCH: usize = 100;
/// The longest wait between two tries of one mail.
const MAX_RETRY_SECS: i64 = 3_600;

/// The SMTP client `cfg` describes (no connection is made yet).
pub fn mailer(cfg: &SmtpConfig) -> std::result::Result<Mailer, lettre::transport::smtp::Error> {
    Ok(Mailer::from_url(&cfg.transport_url())?
        .timeout(Some(Duration::from_secs(cfg.timeout_secs)))
        .build())
}

/// The wait before the try after the `attempts`th: `retry_secs`, doubling.
pub fn retry_after(cfg: &SmtpConfig, attempts: u32) -> i64 {
    let base = i64::try_from(cfg.retry_secs).unwrap_or(MAX_RETRY_SECS);
    let doublings = attempts.saturating_sub(1).min(20);
    base.saturating_mul(1 << doublings).min(MAX_RETRY_SECS)
}

/// Runs the sender every `send_every_secs` until shutdown, when SMTP is configured.
pub fn spawn(state: AppState) {
    let Some(cfg) = state.config.smtp.clone() else {
        return;
    };
    let (mailer, sender) = match (
        mailer(&cfg),
        Sender::new(&cfg, state.config.public_url.as_deref()),
    ) {
        (Ok(m), Ok(s)) => (m, s),
        (Err(e), _) => return tracing::error!("mail is not sent: {e}"),
        (_, Err(e)) => return tracing::error!("mail is not sent: {e}"),
    };
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(cfg.send_every_secs.max(1)));
        loop {
            tokio::select! {
                _ = state.shutdown.cancelled() => break,
                _ = tick.tick() => {
                    if let Err(e) = send_due(&state, &cfg, &mailer, &sender).await {
                        tracing::warn!("sending mail failed: {e}");
                    }
                }
            }
        }
    });
}

/// Sends the mail that is due; answers how many went out. Stops at the
/// first failure that is not the mail's own fault: the server is likely
/// down, and the others wait for the next run rather than each failing.
pub async fn send_due(
    st: &AppState,
    cfg: &SmtpConfig,
    mailer: &Mailer,
    sender: &Sender,
) -> Result<usize> {
    let now = st.clock.now();
    // Longer than any one send may take (one SMTP conversation per mail).
    let stale = INTERRUPTED_AFTER_SECS.max(i64::try_from(cfg.timeout_secs).unwrap_or(0) * 4);
    let settled = st
        .db
        .write(move |tx| mail::settle_interrupted(tx, now - stale, now))
        .await?;
    if settled > 0 {
        tracing::warn!(
            count = settled,
            "mail whose send a stop cut short is marked sent-unknown, not sent again"
        );
    }
    let keep = st.config.retention.max_rows;
    let mut sent = 0;
    for _ in 0..BATCH {
        let now = st.clock.now();
        let policy = cfg.clone();
        let claimed = st
            .db
            .write(move |tx| mail::claim_due(tx, now, |n| retry_after(&policy, n)))
            .await?;
        let Some(m) = claimed else { break };
        let outcome = deliver(mailer, sender, &m).await;
        let now = st.clock.now();
        let id = m.id;
        match outcome {
            Ok(()) => {
                st.db
                    .write(move |tx| {
                        mail::mark_sent(tx, id, now)?;
                        retention::cap(tx, Kept::FinishedMail, keep)
                    })
                    .await?;
                sent += 1;
            }
            Err(failure) => {
                let give_up = failure.permanent || m.attempts >= cfg.max_attempts;
                tracing::warn!(
                    mail = id,
                    attempts = m.attempts,
                    give_up,
                    "mail not sent: {}",
                    failure.reason
                );
                let reason = failure.reason.clone();
                st.db
                    .write(move |tx| {
                        mail::mark_failed(tx, id, &reason, give_up, now)?;
                        retention::cap(tx, Kept::FinishedMail, keep)
                    })
                    .await?;
                if !failure.permanent {
                    break;
                }
            }
        }
    }
    Ok(sent)
}

/// Why a mail did not go out, and whether trying again could help.
struct Failure {
    reason: String,
    permanent: bool,
}

async fn deliver(
    mailer: &Mailer,
    sender: &Sender,
    m: &DueMail,
) -> std::result::Result<(), Failure> {
    let message = compose::message(sender, m).map_err(|reason| Failure {
        reason,
        permanent: true,
    })?;
    mailer.send(message).await.map(|_| ()).map_err(|e| Failure {
        permanent: e.is_permanent(),
        reason: e.to_string().chars().take(500).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let cfg = SmtpConfig {
            retry_secs: 30,
            ..SmtpConfig::default()
        };
        assert_eq!(retry_after(&cfg, 1), 30);
        assert_eq!(retry_after(&cfg, 2), 60);
        assert_eq!(retry_after(&cfg, 3), 120);
        assert_eq!(retry_after(&cfg, 40), MAX_RETRY_SECS);
    }
}
