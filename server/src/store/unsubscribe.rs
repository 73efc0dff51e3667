//! One-click unsubscribe tokens (RFC 8058): one unguessable token per
//! person and category, made the first time such a mail is queued and put
//! in every such mail's `List-Unsubscribe` link. Whoever holds it may turn
//! that one category off for that one person, nothing more.

use portico_shared::{Id, MailCategory};
use rand::RngCore;
use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, enum_col};

/// The person's token for `category`, made now if they have none yet.
pub fn token_for(c: &Conn<'_>, user_id: Id, category: MailCategory) -> Result<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let fresh = hex::encode(bytes);
    c.0.prepare_cached(
        "INSERT INTO mail_unsubscribe (token, user_id, category) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, category) DO NOTHING",
    )?
    .execute(params![fresh, user_id, category.as_str()])?;
    Ok(c.0
        .prepare_cached("SELECT token FROM mail_unsubscribe WHERE user_id = ?1 AND category = ?2")?
        .query_row(params![user_id, category.as_str()], |r| r.get(0))?)
}

/// Whose token `token` is and for which category; None for any other text.
pub fn holder(c: &Conn<'_>, token: &str) -> Result<Option<(Id, MailCategory)>> {
    Ok(c.0
        .prepare_cached("SELECT user_id, category FROM mail_unsubscribe WHERE token = ?1")?
        .query_row([token], |r| Ok((r.get(0)?, enum_col(r, 1)?)))
        .optional()?)
}
