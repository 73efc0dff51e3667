//! The messages and effects of the knowledge base.

use portico_shared::{Article, ArticleQuery, Id, Page};

use crate::failure::Outcome;

/// What background work answers to this screen.
#[derive(Debug, Clone)]
pub enum KnowledgeMsg {
    Articles {
        generation: u64,
        append: bool,
        result: Outcome<Page<Article>>,
    },
    Article(Outcome<Box<Article>>),
}

/// Work this screen asks the runtime for.
#[derive(Debug, Clone)]
pub enum KnowledgeEffect {
    FetchArticles {
        generation: u64,
        append: bool,
        query: ArticleQuery,
    },
    FetchArticle(Id),
}
