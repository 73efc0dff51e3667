//! Knowledge-base articles. Every read takes the reader's `KnowledgeScope`
//! and puts it into the SQL, so an article the reader may not see is simply
//! not found; revisions and the search index are kept by 0012's triggers.

use portico_shared::{
    Article, ArticleQuery, ArticleRevision, ArticleVisibility, Id, Page, PersonRef,
};
use rusqlite::{Row, params};

use super::search::fts_terms;
use super::{Conn, OptionalRow, Result, enum_col, id_cursor, json_col, page_of, to_json, ts};
use crate::access::KnowledgeScope;

const SELECT: &str = "SELECT a.id, a.title, a.body, a.category, a.visibility, a.tags,
        a.revision, a.updated_by, u.name, a.created_at, a.updated_at
    FROM kb_articles a LEFT JOIN users u ON u.id = a.updated_by";

/// The visibility rule as SQL over `a`, with `?1` staff and `?2` the
/// client's organisation (NULL for anyone else): public for all, `clients`
/// for any client, `tags` for a client whose organisation shares a tag.
pub(crate) const VISIBLE: &str = "a.deleted_at IS NULL AND (?1 OR a.visibility = 'public'
    OR (?2 IS NOT NULL AND (a.visibility = 'clients'
        OR (a.visibility = 'tags' AND EXISTS (
            SELECT 1 FROM organizations o, json_each(o.tags) ot, json_each(a.tags) at
            WHERE o.id = ?2 AND ot.value = at.value)))))";

/// The editor in columns `at` (id) and `at + 1` (name): only staff are told.
fn editor(r: &Row<'_>, at: usize, staff: bool) -> rusqlite::Result<Option<PersonRef>> {
    Ok(
        match (
            r.get::<_, Option<Id>>(at)?,
            r.get::<_, Option<String>>(at + 1)?,
        ) {
            (Some(id), Some(name)) if staff => Some(PersonRef { id, name }),
            _ => None,
        },
    )
}

fn from_row(r: &Row<'_>, staff: bool) -> rusqlite::Result<Article> {
    let editor = editor(r, 7, staff)?;
    Ok(Article {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        category: r.get(3)?,
        visibility: enum_col(r, 4)?,
        // Tags are internal: only staff are told which open an article.
        tags: if staff { json_col(r, 5)? } else { Vec::new() },
        revision: r.get(6)?,
        updated_by: editor,
        created_at: ts(r.get(9)?),
        updated_at: ts(r.get(10)?),
    })
}

/// The articles the reader sees, newest first, filtered by category and
/// searched by `q` (all words must appear in the title or body).
pub fn list(
    c: &Conn<'_>,
    scope: &KnowledgeScope,
    q: &ArticleQuery,
    limit: u32,
) -> Result<Page<Article>> {
    let below = id_cursor(q.cursor.as_deref())?;
    let terms = match q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        // Text with nothing searchable in it matches nothing.
        Some(text) => match fts_terms(text) {
            Some(t) => Some(t),
            None => return Ok(page_of(Vec::new(), limit, |_| String::new())),
        },
        None => None,
    };
    let sql = format!(
        "{SELECT} WHERE {VISIBLE}
           AND (?3 = 0 OR a.id < ?3)
           AND (?4 IS NULL OR a.category = ?4 COLLATE NOCASE)
           AND (?5 IS NULL OR a.id IN (SELECT rowid FROM kb_search WHERE kb_search MATCH ?5))
         ORDER BY a.id DESC LIMIT ?6"
    );
    let staff = scope.staff();
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![staff, scope.org(), below, q.category, terms, limit + 1],
                |r| from_row(r, staff),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, |a| a.id.to_string()))
}

/// One article, if the reader sees it.
pub fn get(c: &Conn<'_>, scope: &KnowledgeScope, id: Id) -> Result<Article> {
    let staff = scope.staff();
    c.0.prepare_cached(&format!("{SELECT} WHERE {VISIBLE} AND a.id = ?3"))?
        .query_row(params![staff, scope.org(), id], |r| from_row(r, staff))
        .found()
}

/// Most revisions one answer lists, newest first.
pub const MAX_REVISIONS: u32 = 500;

/// The kept revisions of an article the reader sees, newest first. Each
/// revision is judged by its own visibility too, so text written while an
/// article was staff-only (or for other tags) stays with those who could
/// read it then.
pub fn revisions(c: &Conn<'_>, scope: &KnowledgeScope, id: Id) -> Result<Vec<ArticleRevision>> {
    get(c, scope, id)?;
    let staff = scope.staff();
    let sql = format!(
        "SELECT a.revision, a.title, a.body, a.category, a.visibility, a.tags,
                a.editor_id, u.name, a.created_at
         FROM (SELECT r.*, NULL AS deleted_at FROM kb_article_revisions r
               WHERE r.article_id = ?3) a
         LEFT JOIN users u ON u.id = a.editor_id
         WHERE {VISIBLE}
         ORDER BY a.revision DESC LIMIT ?4"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(params![staff, scope.org(), id, MAX_REVISIONS], |r| {
                Ok(ArticleRevision {
                    revision: r.get(0)?,
                    title: r.get(1)?,
                    body: r.get(2)?,
                    category: r.get(3)?,
                    visibility: enum_col(r, 4)?,
                    tags: if staff { json_col(r, 5)? } else { Vec::new() },
                    editor: editor(r, 6, staff)?,
                    created_at: ts(r.get(8)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// An article's content as written: new, or the whole of a change.
#[derive(Debug, Clone)]
pub struct Content {
    pub title: String,
    pub body: String,
    pub category: String,
    pub visibility: ArticleVisibility,
    pub tags: Vec<String>,
}

/// Adds an article at revision 1.
pub fn insert(c: &Conn<'_>, a: &Content, editor: Id, now: i64) -> Result<Id> {
    save(c, None, a, editor, now)
}

/// Replaces an article's content as its next revision (the old one stays
/// in `kb_article_revisions`).
pub fn revise(c: &Conn<'_>, id: Id, a: &Content, editor: Id, now: i64) -> Result<()> {
    let live: bool =
        c.0.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM kb_articles WHERE id = ?1 AND deleted_at IS NULL)",
        )?
        .query_row([id], |r| r.get(0))?;
    if !live {
        return Err(super::StoreError::NotFound);
    }
    save(c, Some(id), a, editor, now).map(|_| ())
}

/// One statement for both: a new row, or (on its id) the next revision.
fn save(c: &Conn<'_>, id: Option<Id>, a: &Content, editor: Id, now: i64) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO kb_articles (id, title, body, category, visibility, tags, updated_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body,
             category = excluded.category, visibility = excluded.visibility, tags = excluded.tags,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at,
             revision = revision + 1",
    )?
    .execute(params![
        id,
        a.title,
        a.body,
        a.category,
        a.visibility.as_str(),
        to_json(&a.tags),
        editor,
        now
    ])?;
    Ok(id.unwrap_or_else(|| c.0.last_insert_rowid()))
}

/// Takes an article off every list and out of search; its revisions stay.
pub fn delete(c: &Conn<'_>, id: Id, now: i64) -> Result<()> {
    let changed =
        c.0.prepare_cached(
            "UPDATE kb_articles SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![id, now])?;
    if changed == 0 {
        return Err(super::StoreError::NotFound);
    }
    Ok(())
}
