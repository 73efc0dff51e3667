//! Attachment files, stored in SQLite so the database file is the whole backup.

use portico_shared::{Attachment, Id};
use rusqlite::{MAIN_DB, OptionalExtension, params};

use super::proofs::{Owner, OwnsFiles, VisibleOrder, VisibleTicket};
use super::{Conn, Result, StoreError};

pub struct NewFile<'a> {
    pub uploader_id: Id,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size: u64,
    pub now: i64,
}

/// Stores a file whose `size` bytes are read from `data` straight into the
/// database, a chunk at a time: the whole file is never in memory.
pub fn insert(c: &Conn<'_>, f: &NewFile<'_>, data: &mut impl std::io::Read) -> Result<Attachment> {
    let size = i64::try_from(f.size).map_err(|_| StoreError::Rollback("file too large".into()))?;
    c.0.prepare_cached(
        "INSERT INTO attachments (uploader_id, file_name, content_type, size, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        f.uploader_id,
        f.file_name,
        f.content_type,
        size,
        f.now
    ])?;
    let id = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "INSERT INTO attachment_data (attachment_id, data) VALUES (?1, zeroblob(?2))",
    )?
    .execute(params![id, size])?;
    let mut blob =
        c.0.blob_open(MAIN_DB, "attachment_data", "data", id, false)?;
    let copied = std::io::copy(&mut std::io::Read::take(data, f.size), &mut blob)?;
    if copied != f.size {
        return Err(StoreError::Rollback("the upload ended early".into()));
    }
    Ok(Attachment {
        id,
        file_name: f.file_name.to_owned(),
        content_type: f.content_type.to_owned(),
        size,
    })
}

fn meta(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        file_name: r.get(1)?,
        content_type: r.get(2)?,
        size: r.get(3)?,
    })
}

pub fn of_message(c: &Conn<'_>, message_id: Id) -> Result<Vec<Attachment>> {
    let rows = c.0
        .prepare_cached("SELECT id, file_name, content_type, size FROM attachments WHERE message_id = ?1 ORDER BY id")?
        .query_map([message_id], meta)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The files sent with a ticket itself (not with one of its messages).
pub fn of_ticket_body(c: &Conn<'_>, ticket_id: Id) -> Result<Vec<Attachment>> {
    let rows =
        c.0.prepare_cached(
            "SELECT id, file_name, content_type, size FROM attachments
             WHERE ticket_id = ?1 AND message_id IS NULL ORDER BY id",
        )?
        .query_map([ticket_id], meta)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Links the uploader's own unlinked files to a ticket or message; answers
/// the ids that were not such files (nothing is linked then).
pub fn link(
    c: &Conn<'_>,
    uploader: Id,
    ids: &[Id],
    ticket: Option<&VisibleTicket>,
    message_id: Option<Id>,
) -> Result<Vec<Id>> {
    let ticket_id = ticket.map(VisibleTicket::id);
    let bad = not_free(c, uploader, ids)?;
    if bad.is_empty() {
        let mut set = c.0.prepare_cached(
            "UPDATE attachments SET ticket_id = ?2, message_id = ?3 WHERE id = ?1",
        )?;
        for id in ids {
            set.execute(params![id, ticket_id, message_id])?;
        }
    }
    Ok(bad)
}

/// Links the uploader's own unlinked files to an order, as deliverables or
/// as files of its form; answers the ids that were not such files.
pub fn link_to_order(
    c: &Conn<'_>,
    uploader: Id,
    ids: &[Id],
    order: &VisibleOrder,
    deliverable: bool,
) -> Result<Vec<Id>> {
    let order_id = order.id();
    let bad = not_free(c, uploader, ids)?;
    if bad.is_empty() {
        let mut set = c.0.prepare_cached(
            "UPDATE attachments SET order_id = ?2, deliverable = ?3 WHERE id = ?1",
        )?;
        for id in ids {
            set.execute(params![id, order_id, deliverable])?;
        }
    }
    Ok(bad)
}

/// Links the uploader's own unlinked files straight to an owner that keeps
/// files of its own (a task's documents), through the owner columns (0024);
/// answers the ids that were not such files (nothing is linked then).
pub fn link_to_owner(
    c: &Conn<'_>,
    uploader: Id,
    ids: &[Id],
    owner: &impl OwnsFiles,
) -> Result<Vec<Id>> {
    let (kind, owner_id) = owner.owner().columns();
    let bad = not_free(c, uploader, ids)?;
    if bad.is_empty() {
        let mut set = c.0.prepare_cached(
            "UPDATE attachments SET owner_kind = ?2, owner_id = ?3 WHERE id = ?1",
        )?;
        for id in ids {
            set.execute(params![id, kind, owner_id])?;
        }
    }
    Ok(bad)
}

/// An owner's own files (not those of its thread's messages), oldest first.
pub fn of_owner(c: &Conn<'_>, owner: Owner) -> Result<Vec<Attachment>> {
    let (kind, id) = owner.columns();
    let rows =
        c.0.prepare_cached(
            "SELECT id, file_name, content_type, size FROM attachments
             WHERE owner_kind = ?1 AND owner_id = ?2 AND message_id IS NULL ORDER BY id",
        )?
        .query_map(params![kind, id], meta)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The most files one write may link: each costs a lookup and an update
/// inside the write transaction, which everyone else waits for.
pub const MAX_FILES_PER_WRITE: usize = 20;

/// The ids among `ids` that are not the uploader's own files, still unlinked.
/// More than `MAX_FILES_PER_WRITE` refuse the write before any lookup.
pub fn not_free(c: &Conn<'_>, uploader: Id, ids: &[Id]) -> Result<Vec<Id>> {
    if ids.len() > MAX_FILES_PER_WRITE {
        return Err(StoreError::Rollback(format!(
            "attachment_ids: at most {MAX_FILES_PER_WRITE} files at once"
        )));
    }
    let mut free = c.0.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM attachments
                       WHERE id = ?1 AND uploader_id = ?2 AND owner_kind IS NULL
                         AND ticket_id IS NULL AND message_id IS NULL AND order_id IS NULL)",
    )?;
    let mut bad = Vec::new();
    for id in ids {
        if !free.query_row(params![id, uploader], |r| r.get::<_, bool>(0))? {
            bad.push(*id);
        }
    }
    Ok(bad)
}

/// An order's deliverables (or the files of its form), oldest first.
pub fn of_order(c: &Conn<'_>, order_id: Id, deliverable: bool) -> Result<Vec<Attachment>> {
    let rows =
        c.0.prepare_cached(
            "SELECT id, file_name, content_type, size FROM attachments
             WHERE order_id = ?1 AND deliverable = ?2 ORDER BY id",
        )?
        .query_map(params![order_id, deliverable], meta)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Where a file hangs, to judge who may fetch it.
pub struct Placement {
    pub uploader_id: Id,
    /// What it is attached to, directly or through a message of its
    /// thread; `None` while it is an unattached upload.
    pub owner: Option<Owner>,
    /// Whether it hangs on an internal note.
    pub internal: bool,
}

pub fn placement(c: &Conn<'_>, id: Id) -> Result<Option<Placement>> {
    Ok(c.0
        .prepare_cached(
            "SELECT a.uploader_id, a.owner_kind, a.owner_id, COALESCE(m.internal, 0)
             FROM attachments a LEFT JOIN messages m ON m.id = a.message_id
             WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            let kind: Option<String> = r.get(1)?;
            Ok(Placement {
                uploader_id: r.get(0)?,
                owner: Owner::from_columns(kind.as_deref(), r.get(2)?),
                internal: r.get(3)?,
            })
        })
        .optional()?)
}

/// The file's name, type and size.
pub fn meta_of(c: &Conn<'_>, id: Id) -> Result<Attachment> {
    use super::OptionalRow;
    c.0.prepare_cached("SELECT id, file_name, content_type, size FROM attachments WHERE id = ?1")?
        .query_row([id], meta)
        .found()
}

/// Up to `len` bytes of the file from `offset`: downloads are sent a chunk
/// at a time, so a large file is never whole in memory.
pub fn chunk(c: &Conn<'_>, id: Id, offset: u64, len: usize) -> Result<Vec<u8>> {
    let blob =
        c.0.blob_open(MAIN_DB, "attachment_data", "data", id, true)?;
    let size = blob.len() as u64;
    let start = offset.min(size);
    let n = usize::try_from(size - start).unwrap_or(usize::MAX).min(len);
    let mut buf = vec![0u8; n];
    let read = blob.read_at(&mut buf, usize::try_from(start).unwrap_or(usize::MAX))?;
    buf.truncate(read);
    Ok(buf)
}

/// Deletes uploads never attached to anything, made before `cutoff`.
pub fn delete_unattached_before(c: &Conn<'_>, cutoff: i64) -> Result<usize> {
    Ok(c.0
        .prepare_cached(
            "DELETE FROM attachments
         WHERE owner_kind IS NULL AND created_at < ?1
           AND ticket_id IS NULL AND message_id IS NULL AND order_id IS NULL",
        )?
        .execute([cutoff])?)
}

/// Attachment bytes one person uploaded.
pub fn person_usage(c: &Conn<'_>, uploader: Id) -> Result<i64> {
    Ok(c.0
        .prepare_cached("SELECT COALESCE(SUM(size), 0) FROM attachments WHERE uploader_id = ?1")?
        .query_row([uploader], |r| r.get(0))?)
}

/// Attachment bytes uploaded by an organisation's contacts.
pub fn organization_usage(c: &Conn<'_>, org: Id) -> Result<i64> {
    Ok(c.0.prepare_cached(
        "SELECT COALESCE(SUM(a.size), 0) FROM attachments a JOIN users u ON u.id = a.uploader_id
             WHERE u.organization_id = ?1",
    )?
    .query_row([org], |r| r.get(0))?)
}
