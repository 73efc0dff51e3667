//! One look at the mailbox: every unseen message, oldest first, through
//! the intake `mail-in` uses, then marked `\Seen`.

use async_imap::types::Fetch;
use futures_util::TryStreamExt;

use super::connect::Session;
use super::{ImapError, timed};
use crate::mail::inbound::{self, Outcome};
use crate::state::AppState;

/// Takes every unseen message; answers how many. An intake failure (the
/// database cannot take mail now) ends the round with that message unseen.
pub async fn unseen(st: &AppState, session: &mut Session) -> Result<usize, ImapError> {
    let mut uids: Vec<u32> = timed(session.uid_search("UNSEEN"))
        .await?
        .into_iter()
        .collect();
    uids.sort_unstable();
    let mut handled = 0;
    for uid in uids {
        if st.shutdown.is_cancelled() {
            break;
        }
        if take(st, session, uid).await? {
            handled += 1;
        }
    }
    Ok(handled)
}

/// One message: its size first (a message over `max_bytes` is never
/// downloaded), then its text (`BODY.PEEK[]`, which leaves it unseen), the
/// intake, and `\Seen` once the intake is done with it. Answers false when
/// the message was gone.
async fn take(st: &AppState, session: &mut Session, uid: u32) -> Result<bool, ImapError> {
    let max = st.config.mail_in.max_bytes;
    let Some(sized) = fetch(session, uid, "RFC822.SIZE").await? else {
        return Ok(false);
    };
    let outcome = match sized.size.map(|n| n as usize) {
        Some(n) if n > max => too_large(st, Some(n)).await?,
        // A server that does not say the size could send anything: the
        // whole message would be read into memory before it is measured.
        None => too_large(st, None).await?,
        Some(_) => {
            let Some(fetched) = fetch(session, uid, "BODY.PEEK[]").await? else {
                return Ok(false);
            };
            match fetched.body() {
                Some(raw) if raw.len() > max => too_large(st, Some(raw.len())).await?,
                Some(raw) => inbound::deliver(st, raw).await?,
                None => Outcome::Dropped {
                    reason: "the IMAP server sent no text",
                },
            }
        }
    };
    tracing::info!(uid, %outcome, "incoming mail (IMAP)");
    timed(async {
        session
            .uid_store(uid.to_string(), "+FLAGS (\\Seen)")
            .await?
            .try_collect::<Vec<_>>()
            .await
    })
    .await?;
    Ok(true)
}

/// The message `uid` with `items`, or `None` when it is gone.
async fn fetch(session: &mut Session, uid: u32, items: &str) -> Result<Option<Fetch>, ImapError> {
    let all: Vec<Fetch> = timed(async {
        session
            .uid_fetch(uid.to_string(), items)
            .await?
            .try_collect()
            .await
    })
    .await?;
    Ok(all.into_iter().find(|f| f.uid == Some(uid)))
}

/// A message over `mail_in.max_bytes` is held in quarantine, unread, so
/// staff know it came.
async fn too_large(st: &AppState, size: Option<usize>) -> Result<Outcome, ImapError> {
    let max = st.config.mail_in.max_bytes;
    let (subject, reason) = match size {
        Some(n) => (
            format!("({n} bytes, not read)"),
            format!("larger than mail_in.max_bytes ({max})"),
        ),
        None => (
            "(size not given, not read)".to_owned(),
            format!("its size is unknown, so it may pass mail_in.max_bytes ({max})"),
        ),
    };
    Ok(inbound::quarantine(st, "", &subject, &reason).await?)
}
