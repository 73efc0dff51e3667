//! The knowledge base's part of the model: the article list with its
//! search line and category, and the article open on screen.

use portico_shared::{Article, ArticleQuery, Id, SupportForm};

use crate::list::Paged;
use crate::load::Load;

/// Articles fetched per page.
pub const PAGE: u32 = 100;

#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    pub rows: Paged<Article>,
    /// The search line: the words every listed article holds.
    pub query: String,
    /// The search line has the keys: typed text goes into it.
    pub searching: bool,
    /// Every category seen so far, sorted: what Tab steps through.
    pub categories: Vec<String>,
    /// The category shown; `None` for all.
    pub category: Option<String>,
}

crate::list::pages_of!(Knowledge, Article);

impl crate::list::Row for Article {
    fn id(&self) -> Id {
        self.id
    }
}

impl Knowledge {
    /// The server query for the list as it stands.
    pub fn query(&self, cursor: Option<String>) -> ArticleQuery {
        let q = self.query.trim();
        ArticleQuery {
            q: (!q.is_empty()).then(|| q.to_owned()),
            category: self.category.clone(),
            limit: Some(PAGE),
            cursor,
            ..ArticleQuery::default()
        }
    }

    /// Learns the categories of newly listed articles.
    pub fn learn_categories(&mut self, articles: &[Article]) {
        for a in articles {
            if !a.category.is_empty() && !self.categories.contains(&a.category) {
                self.categories.push(a.category.clone());
            }
        }
        self.categories.sort_by_key(|c| c.to_lowercase());
    }

    /// The category after (`step` 1) or before (-1) the one shown, through
    /// "all" (`None`) at both ends.
    pub fn next_category(&self, step: isize) -> Option<String> {
        let mut all: Vec<Option<String>> = vec![None];
        all.extend(self.categories.iter().cloned().map(Some));
        let at = all.iter().position(|c| *c == self.category).unwrap_or(0) as isize;
        all[(at + step).rem_euclid(all.len() as isize) as usize].clone()
    }
}

/// One article on screen, fetched when opened.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub id: Id,
    pub article: Load<Article>,
    pub scroll: usize,
}

/// The knowledge base's part of the Session.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub list: Knowledge,
    pub article: Option<ArticleView>,
    /// The support forms a client may use, fetched when they start a new
    /// ticket; the new-ticket editor offers them.
    pub forms: Load<Vec<SupportForm>>,
}

/// A category as the reader sees it.
pub fn category_name(category: &str) -> &str {
    if category.is_empty() {
        "Uncategorised"
    } else {
        category
    }
}
