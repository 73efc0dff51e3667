//! The messages and effects of the knowledge base.

use portico_shared::{Article, ArticleQuery, FormSubmission, Id, Page, SupportForm, Ticket};

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
    /// The support forms a client may use, for a new ticket.
    Forms(Outcome<Vec<SupportForm>>),
    /// The ticket a support form opened.
    Submitted(Outcome<Box<Ticket>>),
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
    FetchForms,
    SubmitForm {
        id: Id,
        submission: FormSubmission,
    },
}
