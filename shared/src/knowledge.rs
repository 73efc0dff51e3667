//! The knowledge base: markdown articles, each visible to the public, to
//! every signed-in client, to clients of organisations with given tags, or
//! to staff only.

use serde::{Deserialize, Serialize};

use crate::{Id, PersonRef, Timestamp};

text_enum! {
    /// Who may read an article: `public` anyone, signed in or not (a
    /// public help page); `clients` every signed-in client; `tags` clients
    /// of organisations carrying any of the article's tags; `staff` staff.
    ArticleVisibility {
        Public => "public",
        Clients => "clients",
        Tags => "tags",
        Staff => "staff",
    }
}

/// Checks the tags that open something visible by `visibility`: valid
/// tags, and at least one when tags decide who reads it.
pub fn visibility_tags(
    visibility: ArticleVisibility,
    tags: &[String],
) -> Result<Vec<String>, crate::FieldError> {
    let tags = crate::validate::tags(tags)?;
    if visibility == ArticleVisibility::Tags && tags.is_empty() {
        return Err(crate::FieldError::new(
            "tags",
            "visibility by tags needs at least one tag",
        ));
    }
    Ok(tags)
}

/// Longest article category.
pub const MAX_CATEGORY_CHARS: usize = 80;

/// A knowledge-base article at its latest revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    pub id: Id,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub category: String,
    pub visibility: ArticleVisibility,
    /// The organisation tags that may read a `tags` article; empty for
    /// everyone but staff (tags are internal).
    pub tags: Vec<String>,
    /// 1 for the first version; every change adds one, the old text is kept.
    pub revision: i64,
    /// Who made the latest revision; only staff are told.
    pub updated_by: Option<PersonRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// One kept revision of an article (`GET /kb/articles/{id}/revisions`),
/// as it read when it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRevision {
    pub revision: i64,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub category: String,
    pub visibility: ArticleVisibility,
    /// Empty for everyone but staff, as on the article.
    pub tags: Vec<String>,
    /// Who wrote it; only staff are told.
    pub editor: Option<PersonRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// `POST /kb/articles` (staff).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewArticle {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    pub body: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub category: String,
    pub visibility: ArticleVisibility,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Vec<String>,
}

/// `PATCH /kb/articles/{id}` (staff): absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticlePatch {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    pub body: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub category: Option<String>,
    pub visibility: Option<ArticleVisibility>,
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Option<Vec<String>>,
}

/// `GET /kb/articles` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ArticleQuery {
    /// Words that must all appear in the title or body.
    pub q: Option<String>,
    /// Only articles of this category (exact, any case).
    pub category: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Ignored, whatever its value.
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}
