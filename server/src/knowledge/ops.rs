//! Knowledge-base operations: validate, write with an audit line, answer
//! the article as its reader sees it.

use portico_shared::validate::{self, MAX_BODY_CHARS};
use portico_shared::{
    Article, ArticlePatch, FieldError, Id, MAX_CATEGORY_CHARS, NewArticle, visibility_tags,
};

use super::policy;
use crate::access::Viewer;
use crate::api::audit;
use crate::auth::Client;
use crate::error::{ApiError, Result};
use crate::state::AppState;
use crate::store::knowledge::{self, Content};

/// Checks an article's whole content: a title, a body, a short category,
/// valid tags, and at least one tag when tags decide who reads it.
fn checked(c: Content) -> Result<Content> {
    let mut errors = Vec::new();
    let mut keep = |r: Result<String, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let title = keep(validate::name("title", &c.title));
    let body = keep(validate::text("body", &c.body, MAX_BODY_CHARS));
    let category = keep(validate::text("category", &c.category, MAX_CATEGORY_CHARS));
    if c.body.trim().is_empty() {
        errors.push(FieldError::new("body", "must not be empty"));
    }
    if category.contains(['\n', '\t']) {
        errors.push(FieldError::new("category", "must be one line"));
    }
    let tags = visibility_tags(c.visibility, &c.tags).unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(Content {
        title,
        body,
        category,
        visibility: c.visibility,
        tags,
    })
}

/// A write to the knowledge base: a new article, or a change to one.
pub enum Edit {
    New(NewArticle),
    Change(Id, ArticlePatch),
}

/// The content after a change: absent fields keep the current article's.
fn patched(cur: Article, req: ArticlePatch) -> Content {
    Content {
        title: req.title.unwrap_or(cur.title),
        body: req.body.unwrap_or(cur.body),
        category: req.category.unwrap_or(cur.category),
        visibility: req.visibility.unwrap_or(cur.visibility),
        tags: req.tags.unwrap_or(cur.tags),
    }
}

/// Writes an article (new, or the next revision of one) and answers it.
pub async fn write(st: &AppState, viewer: &Viewer, client: Client, edit: Edit) -> Result<Article> {
    let scope = policy::editor(viewer)?;
    let me = viewer.id();
    let now = st.clock.now();
    let state = st.clone();
    let article = st
        .db
        .write(move |tx| -> Result<Article> {
            let id = match edit {
                Edit::New(req) => {
                    let c = checked(Content {
                        title: req.title,
                        body: req.body,
                        category: req.category,
                        visibility: req.visibility,
                        tags: req.tags,
                    })?;
                    knowledge::insert(tx, &c, me, now)?
                }
                Edit::Change(id, req) => {
                    let c = checked(patched(knowledge::get(tx, &scope, id)?, req))?;
                    knowledge::revise(tx, id, &c, me, now)?;
                    id
                }
            };
            let article = knowledge::get(tx, &scope, id)?;
            audit(
                tx,
                &state,
                Some(me),
                "kb_article.write",
                format!("kb_article:{id}"),
                &client,
                format!("revision {}", article.revision),
            )?;
            Ok(article)
        })
        .await?;
    Ok(article)
}

/// Deletes an article (staff): it leaves lists and search; revisions stay.
pub async fn delete(st: &AppState, viewer: &Viewer, client: Client, id: Id) -> Result<()> {
    policy::editor(viewer)?;
    let me = viewer.id();
    let now = st.clock.now();
    let state = st.clone();
    st.db
        .write(move |tx| -> Result<()> {
            knowledge::delete(tx, id, now)?;
            audit(
                tx,
                &state,
                Some(me),
                "kb_article.delete",
                format!("kb_article:{id}"),
                &client,
                String::new(),
            )?;
            Ok(())
        })
        .await
}
