//! The demo's knowledge base: a public getting-started article, one for
//! every client, one only platinum organisations (Northwind) see, and an
//! internal one for staff.

use portico_shared::ArticleVisibility;

use super::knowledge::{Content, insert};
use super::{Conn, Result};

struct ArticleSeed {
    title: &'static str,
    category: &'static str,
    visibility: ArticleVisibility,
    tags: &'static [&'static str],
    body: &'static str,
}

const ARTICLES: &[ArticleSeed] = &[
    ArticleSeed {
        title: "Getting started with the portal",
        category: "Getting started",
        visibility: ArticleVisibility::Public,
        tags: &[],
        body: "# Welcome\n\nThe portal is where you **open tickets**, follow your orders and \
               read answers to common questions.\n\n## First steps\n\n1. Sign in with the \
               invite code you were sent.\n2. Choose a password of at least ten characters.\n\
               3. Open *Tickets* and press `n` for a new one.\n",
    },
    ArticleSeed {
        title: "How to attach files to a ticket",
        category: "Tickets",
        visibility: ArticleVisibility::Clients,
        tags: &[],
        body: "Files up to the size your administrator set can be attached to any \
               message.\n\n- Screenshots help us reproduce a problem.\n- Logs are best \
               sent as `.txt` files.\n\n> Never send passwords in an attachment.\n",
    },
    ArticleSeed {
        title: "Escalating an incident (platinum)",
        category: "Support",
        visibility: ArticleVisibility::Tags,
        tags: &["platinum"],
        body: "## Incident escalation\n\nPlatinum customers reach the on-call engineer \
               within **30 minutes**, day or night.\n\n1. Open a ticket with priority \
               *urgent*.\n2. Use the **Incident** form so we get the details at once.\n\
               3. Call the escalation line if nobody answered in 30 minutes.\n",
    },
    ArticleSeed {
        title: "Triage checklist",
        category: "Internal",
        visibility: ArticleVisibility::Staff,
        tags: &[],
        body: "- Set the priority first.\n- Assign within the first-response target.\n\
               - Tag tickets of platinum customers.\n",
    },
];

/// Writes the demo articles as the first administrator.
pub fn seed(c: &Conn<'_>, author: portico_shared::Id, now: i64) -> Result<()> {
    for a in ARTICLES {
        insert(
            c,
            &Content {
                title: a.title.to_owned(),
                body: a.body.to_owned(),
                category: a.category.to_owned(),
                visibility: a.visibility,
                tags: a.tags.iter().map(|t| (*t).to_owned()).collect(),
            },
            author,
            now,
        )?;
    }
    Ok(())
}
