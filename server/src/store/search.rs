//! Full-text search shared by the lists: user text made safe for FTS5, and
//! the window of newest matches a search over everything reads per page.

use portico_shared::Id;
use rusqlite::{Connection, params};

use super::Result;

/// Most terms a search uses; the rest of the text is ignored.
const MAX_TERMS: usize = 16;
/// Matching documents a search over every organisation considers per page,
/// newest first: staff search never scores or collects every match of a
/// common word.
pub const SEARCH_CANDIDATES: u32 = 2_000;

/// Turns user text into an FTS5 query of quoted phrases (all must match), so
/// no FTS syntax in the text is ever interpreted. A word without a letter or
/// digit could never match (the tokenizer drops it) and control characters
/// are not text: both are left out. `None` when nothing searchable is left.
pub fn fts_terms(q: &str) -> Option<String> {
    let terms: Vec<String> = q
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
        .map(|t| {
            let clean: String = t.chars().filter(|c| !c.is_control()).collect();
            format!("\"{}\"", clean.replace('"', "\"\""))
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// A bounded run of search matches, newest first, below a cursor: the
/// candidates of one page. Rowid order is owner order (newest last), so the
/// owners it names are exactly the newest matching ones below the cursor.
pub struct Window {
    /// The FTS5 table.
    pub table: &'static str,
    /// The owner's id (ticket, order) from a document's rowid.
    pub owner: &'static str,
    pub expr: String,
    /// Rowids below this one (the cursor's first).
    pub below: i64,
    pub size: u32,
}

impl Window {
    /// The subquery naming the window's owners, with the placeholders of
    /// the parameters holding `expr` and `below`.
    pub fn subquery(&self, expr: &str, below: &str) -> String {
        format!(
            "SELECT {owner} AS owner FROM {table} WHERE {table} MATCH {expr} \
             AND rowid < {below} ORDER BY rowid DESC LIMIT {size}",
            owner = self.owner,
            table = self.table,
            size = self.size
        )
    }

    /// Where the next page starts when this window was full: below its
    /// oldest owner (whose matches it held, in part or whole). `None` when
    /// the window held every remaining match.
    pub fn continuation(&self, c: &Connection) -> Result<Option<Id>> {
        let sql = format!(
            "SELECT count(*), min(owner) FROM ({})",
            self.subquery("?1", "?2")
        );
        let (count, oldest): (u32, Option<Id>) = c
            .prepare_cached(&sql)?
            .query_row(params![self.expr, self.below], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(oldest.filter(|_| count >= self.size))
    }
}
