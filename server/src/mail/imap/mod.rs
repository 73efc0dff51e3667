//! The IMAP poller (`[mail_in] imap_url`): a background task of the server
//! that signs in to one mailbox, hands every unseen message to the same
//! intake as `mail-in` (`inbound::deliver`), and marks it `\Seen` only
//! once the intake has committed (or refused it: quarantined or dropped by
//! the intake's rules). A message the database cannot take now stays
//! unseen for the next round. It waits for new mail with IDLE where the
//! server has it, else looks every `imap_poll_secs`; after any error it
//! reconnects, waiting longer each time.

mod connect;
pub mod mailbox;
mod round;

use std::convert::Infallible;
use std::time::Duration;

use async_imap::types::UnsolicitedResponse;

pub use mailbox::Mailbox;

use crate::error::ApiError;
use crate::state::AppState;
use connect::Session;

/// The longest wait between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// An IDLE is renewed this often, well within the 29 minutes RFC 2177
/// allows, so a connection that died quietly is noticed.
const IDLE_RENEW: Duration = Duration::from_secs(600);
/// Connecting and signing in, or one command, may take this long.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("{0}")]
    Imap(#[from] async_imap::error::Error),
    #[error("connection: {0}")]
    Io(#[from] std::io::Error),
    #[error("TLS: {0}")]
    Tls(#[from] rustls::Error),
    #[error("signing in: {0}")]
    Login(String),
    #[error("the server closed the connection")]
    Closed,
    #[error("the server did not answer within {COMMAND_TIMEOUT:?}")]
    Timeout,
    /// The database could not take a message now; it stays unseen.
    #[error("the intake cannot take mail now: {0}")]
    Intake(#[from] ApiError),
}

/// Starts the poller when a mailbox is configured. It runs until shutdown
/// and is started again should it ever stop.
pub fn spawn(state: AppState) {
    let Some(url) = state.config.mail_in.imap_url.clone() else {
        return;
    };
    let mailbox = match Mailbox::parse(&url) {
        Ok(m) => m,
        Err(e) => {
            // The config is checked at start; this is only a second look.
            tracing::error!("mail_in.imap_url: {e}; not polling");
            return;
        }
    };
    if mailbox.security == mailbox::Security::Plain && !on_this_machine(&mailbox.host) {
        tracing::warn!(
            mailbox = %mailbox,
            "IMAP without TLS to another machine: the password travels in the clear; use imaps:// or ?tls=starttls"
        );
    }
    let retry = Duration::from_secs(state.config.mail_in.imap_retry_secs.max(1));
    tokio::spawn(async move {
        loop {
            let (st, mb) = (state.clone(), mailbox.clone());
            let mut task = tokio::spawn(async move { poll(&st, &mb).await });
            tokio::select! {
                _ = state.shutdown.cancelled() => {
                    task.abort();
                    return;
                }
                ended = &mut task => {
                    tracing::error!("the IMAP poller stopped ({ended:?}); starting it again");
                    tokio::time::sleep(retry).await;
                }
            }
        }
    });
}

fn on_this_machine(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Watches the mailbox for ever, reconnecting after errors.
async fn poll(st: &AppState, mailbox: &Mailbox) {
    let first = Duration::from_secs(st.config.mail_in.imap_retry_secs.max(1));
    let mut backoff = first;
    loop {
        let Err(e) = watch(st, mailbox, &mut backoff, first).await;
        tracing::warn!(
            mailbox = %mailbox,
            retry_in_secs = backoff.as_secs(),
            "IMAP: {e}"
        );
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// One connection: a round of unseen mail, then a wait for more, until an
/// error ends it. Each round that worked resets `backoff` to `first`.
async fn watch(
    st: &AppState,
    mailbox: &Mailbox,
    backoff: &mut Duration,
    first: Duration,
) -> Result<Infallible, ImapError> {
    let opened = timed(async { connect::open(mailbox).await }).await?;
    let (mut session, idle, mut exists) = (opened.session, opened.idle, opened.exists);
    tracing::info!(mailbox = %mailbox, idle, "IMAP: watching the mailbox");
    let poll_every = Duration::from_secs(st.config.mail_in.imap_poll_secs.max(1));
    loop {
        let handled = round::unseen(st, &mut session).await?;
        if handled > 0 {
            tracing::debug!(handled, "IMAP: round done");
        }
        *backoff = first;
        if arrived(&session, &mut exists) {
            // Mail came while the round ran: look again before waiting.
            continue;
        }
        if idle {
            let mut handle = session.idle();
            timed(handle.init()).await?;
            {
                let (wait, _interrupt) = handle.wait_with_timeout(IDLE_RENEW);
                wait.await?;
            }
            session = timed(handle.done()).await?;
            arrived(&session, &mut exists);
        } else {
            tokio::time::sleep(poll_every).await;
        }
    }
}

/// Whether the server announced more messages than `exists` since it was
/// last asked (its count kept up to date).
fn arrived(session: &Session, exists: &mut u32) -> bool {
    let mut more = false;
    while let Ok(news) = session.unsolicited_responses.try_recv() {
        match news {
            UnsolicitedResponse::Exists(n) => {
                more |= n > *exists;
                *exists = n;
            }
            UnsolicitedResponse::Expunge(_) => *exists = exists.saturating_sub(1),
            _ => {}
        }
    }
    more
}

/// `f`, or `Timeout` when the server takes longer than `COMMAND_TIMEOUT`.
async fn timed<T, E: Into<ImapError>>(
    f: impl Future<Output = Result<T, E>>,
) -> Result<T, ImapError> {
    tokio::time::timeout(COMMAND_TIMEOUT, f)
        .await
        .map_err(|_| ImapError::Timeout)?
        .map_err(Into::into)
}
