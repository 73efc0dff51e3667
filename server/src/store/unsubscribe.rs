//! One-click unsubscribe tokens (RFC 8058): one unguessable token per
//! person and category, made the first time such a mail is queued and put
//! in every such mail's `List-Unsubscribe` link (`mail::claim_due` reads it). Whoever holds it may turn
//! that one category off for that one person, nothing more.

use portico_shared::{Id, MailCategory};
use rand::RngCore;
use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, enum_col};

/// Makes the person's token for `category` if they have none yet.
pub fn ensure(c: &Conn<'_>, user_id: Id, category: MailCategory) -> Result<()> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    c.0.prepare_cached(
        "INSERT INTO mail_unsubscribe (token, user_id, category) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, category) DO NOTHING",
    )?
    .execute(params![hex::encode(bytes), user_id, category.as_str()])?;
    Ok(())
}

/// Whose token `token` is and for which category; None for any other text.
pub fn holder(c: &Conn<'_>, token: &str) -> Result<Option<(Id, MailCategory)>> {
    Ok(c.0
        .prepare_cached("SELECT user_id, category FROM mail_unsubscribe WHERE token = ?1")?
        .query_row([token], |r| Ok((r.get(0)?, enum_col(r, 1)?)))
        .optional()?)
}
