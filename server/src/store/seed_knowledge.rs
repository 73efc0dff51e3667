//! The demo's knowledge base and support forms: a public getting-started
//! article, one for every client, one only platinum organisations
//! (Northwind) see and an internal one; a general form for every client,
//! an incident form for platinum and an app form for android organisations.

use portico_shared::{ArticleVisibility, FieldKind, FormField, Id, Priority};

use super::knowledge::{Content, insert};
use super::support_forms::{self, FormRow};
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

/// Writes the demo articles as `author` and the forms, incidents going to `on_call`.
pub fn seed(c: &Conn<'_>, author: Id, on_call: Id, now: i64) -> Result<()> {
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
    for form in forms(on_call) {
        support_forms::insert(c, &form, now)?;
    }
    Ok(())
}

fn field(key: &str, label: &str, kind: FieldKind, required: bool, options: &[&str]) -> FormField {
    FormField {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        min: None,
        max: None,
    }
}

fn forms(on_call: Id) -> Vec<FormRow> {
    vec![
        FormRow {
            name: "General question".to_owned(),
            fields: vec![field(
                "question",
                "Your question",
                FieldKind::Multiline,
                true,
                &[],
            )],
            priority: Priority::Normal,
            tag: Some("general".to_owned()),
            assignee_id: None,
            team: None,
            visibility: ArticleVisibility::Clients,
            tags: Vec::new(),
            // Also on the public help page: a contact's e-mail opens a ticket.
            public: true,
        },
        FormRow {
            name: "Incident report".to_owned(),
            fields: vec![
                field(
                    "system",
                    "Affected system",
                    FieldKind::Choice,
                    true,
                    &["Website", "Warehouse", "Payroll"],
                ),
                field("since", "Down since", FieldKind::Text, true, &[]),
                field("impact", "Impact", FieldKind::Multiline, false, &[]),
            ],
            priority: Priority::Urgent,
            tag: Some("incident".to_owned()),
            assignee_id: Some(on_call),
            team: Some("On-call".to_owned()),
            visibility: ArticleVisibility::Tags,
            tags: vec!["platinum".to_owned()],
            public: false,
        },
        FormRow {
            name: "Android app issue".to_owned(),
            fields: vec![
                field("version", "App version", FieldKind::Text, true, &[]),
                field(
                    "steps",
                    "Steps to reproduce",
                    FieldKind::Multiline,
                    false,
                    &[],
                ),
            ],
            priority: Priority::High,
            tag: Some("android".to_owned()),
            assignee_id: None,
            team: Some("Mobile".to_owned()),
            visibility: ArticleVisibility::Tags,
            tags: vec!["android".to_owned()],
            public: false,
        },
    ]
}
