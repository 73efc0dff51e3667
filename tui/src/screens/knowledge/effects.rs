//! The knowledge base's effects: calls to the server, each answered as a
//! message.

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::knowledge::msg::{KnowledgeEffect, KnowledgeMsg};

pub async fn run(effect: KnowledgeEffect, c: Client) -> KnowledgeMsg {
    match effect {
        KnowledgeEffect::FetchArticles {
            generation,
            append,
            query,
        } => KnowledgeMsg::Articles {
            generation,
            append,
            result: c.articles(&query).await.map_err(Failure::from),
        },
        KnowledgeEffect::FetchArticle(id) => {
            KnowledgeMsg::Article(c.article(id).await.map(Box::new).map_err(Failure::from))
        }
        KnowledgeEffect::FetchForms => {
            KnowledgeMsg::Forms(c.support_forms().await.map_err(Failure::from))
        }
        KnowledgeEffect::SubmitForm { id, submission } => KnowledgeMsg::Submitted(
            c.submit_form(id, &submission)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
    }
}
