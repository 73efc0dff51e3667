//! Storage: the only code that speaks SQL, and the seam for a second backend
//! (no SQLite type leaves this folder). Store functions take a `Conn`; reads
//! of client-visible data take a sealed scope and put it into the SQL, and
//! writes that need a visible row take the proof a scoped read returns
//! (`owners`), so no handler can forget either.

pub mod attachments;
pub mod audit;
pub mod billing;
pub mod conversations;
pub mod db;
pub mod fixture;
pub mod forms;
pub mod invites;
pub mod invoices;
pub mod knowledge;
pub mod mail;
pub mod mail_about;
pub mod messages;
pub mod orders;
pub mod orgs;
pub mod owners;
pub mod plans;
pub mod projects;
pub mod proofs;
pub mod quotes;
pub mod relayed;
pub mod retention;
pub mod search;
pub mod seed;
pub mod seed_invoices;
pub mod seed_knowledge;
pub mod seed_large;
pub mod seed_mail;
pub mod seed_projects;
pub mod seed_shifts;
pub mod seed_sla;
pub mod sessions;
pub mod settings;
pub mod shifts;
pub mod sla;
pub mod support_forms;
pub mod tasks;
pub mod tickets;
pub mod timesheets;
pub mod two_factor;
pub mod unsubscribe;
pub mod users;

pub use db::{Conn, Db};

use portico_shared::{Id, Timestamp};
use rusqlite::types::Type;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    /// A check inside a write failed after rows were written: roll back.
    #[error("{0}")]
    Rollback(String),
    #[error(
        "database schema version {found} is newer than this binary knows ({known}); upgrade portico-server"
    )]
    NewerSchema { found: usize, known: usize },
    #[error("the database path is not valid UTF-8")]
    Path,
    #[error("the database is closing")]
    Closed,
    #[error(transparent)]
    Cursor(#[from] InvalidCursor),
    #[error("copying a file: {0}")]
    Io(#[from] std::io::Error),
    #[error("a database task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
}

impl StoreError {
    /// True when SQLite could not grow the file (disk or quota full).
    pub fn is_full(&self) -> bool {
        const NO_SPACE: i32 = 28; // ENOSPC
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::DiskFull
            }
            StoreError::Io(e) => e.raw_os_error() == Some(NO_SPACE),
            _ => false,
        }
    }
}

impl StoreError {
    /// True when another writer held the database past the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Maps "no rows" to `NotFound` so callers can use `?`.
pub trait OptionalRow<T> {
    fn found(self) -> Result<T>;
}

impl<T> OptionalRow<T> for rusqlite::Result<T> {
    fn found(self) -> Result<T> {
        match self {
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(StoreError::NotFound),
            other => Ok(other?),
        }
    }
}

pub fn ts(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Reads a JSON array column into a Vec of parseable values.
fn json_col<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

/// Like `json_col` for a nullable column.
fn json_col_opt<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        serde_json::from_str(&t)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
    })
    .transpose()
}

/// Reads a text column holding one of a closed vocabulary.
fn enum_col<T>(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

pub fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    // Serialising plain Vecs of strings and enums cannot fail.
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
}

/// Cursor for id-ordered lists: the last id seen, as text.
pub fn id_cursor(raw: Option<&str>) -> std::result::Result<Id, InvalidCursor> {
    match raw {
        None => Ok(0),
        Some(c) => c
            .parse::<Id>()
            .ok()
            .filter(|v| *v >= 0)
            .ok_or(InvalidCursor),
    }
}

/// Keyset cursor: the sort key and id of the last row, as `key.id`.
pub fn key_cursor(raw: &str) -> std::result::Result<(i64, Id), InvalidCursor> {
    let (k, id) = raw.split_once('.').ok_or(InvalidCursor)?;
    Ok((
        k.parse().map_err(|_| InvalidCursor)?,
        id.parse().map_err(|_| InvalidCursor)?,
    ))
}

#[derive(Debug, thiserror::Error)]
#[error("the cursor is not one this server handed out")]
pub struct InvalidCursor;

/// Cuts a fetched `limit + 1` rows down to a page and says where the next begins.
pub fn page_of<T>(
    mut rows: Vec<T>,
    limit: u32,
    cursor_of: impl Fn(&T) -> String,
) -> portico_shared::Page<T> {
    let limit = limit as usize;
    let next_cursor = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(cursor_of)
    } else {
        None
    };
    portico_shared::Page {
        items: rows,
        next_cursor,
    }
}
