//! `portico threads list|show|new|reply`: standalone threads.

use portico_shared::{Conversation, ConversationQuery, NewConversation};

use crate::cli::tickets::{read_body, reply};
use crate::cli::{Context, Result, ThreadsCommand, output};
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: ThreadsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        ThreadsCommand::List { limit, json } => {
            let query = ConversationQuery {
                limit: Some(limit),
                ..ConversationQuery::default()
            };
            let page = client.conversations(&query).await?;
            if json {
                return output::json(&page);
            }
            print_list(&page.items);
            output::more_exist("threads", &page.next_cursor);
            Ok(())
        }
        ThreadsCommand::Show { id, json } => {
            let messages = client.messages(id, None).await?;
            // Reading it here is reading it: the unread count drops.
            client.mark_read(id).await?;
            if json {
                return output::json(&messages);
            }
            for m in &messages.items {
                output::message(m);
            }
            Ok(())
        }
        ThreadsCommand::New {
            subject,
            org,
            with,
            body_file,
            json,
        } => {
            let body = read_body(&body_file)?;
            let organization_id = crate::cli::orgs::resolve_given(&client, org).await?;
            let t = client
                .create_conversation(&NewConversation {
                    subject,
                    body,
                    organization_id,
                    participant_ids: with,
                })
                .await?;
            if json {
                return output::json(&t);
            }
            outln!("Thread #{} started: {}", t.id, sanitize::line(&t.subject));
            Ok(())
        }
        ThreadsCommand::Reply {
            id,
            body_file,
            json,
        } => {
            let to = format!("thread #{id}");
            reply(&client, id, &body_file, false, json, &to).await
        }
    }
}

fn print_list(items: &[Conversation]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.unread_count.to_string(),
                t.message_count.to_string(),
                time::short(t.last_message_at),
                sanitize::line(&t.organization.name),
                sanitize::line(&t.subject),
            ]
        })
        .collect();
    output::table(
        &[
            "ID",
            "UNREAD",
            "MESSAGES",
            "LAST",
            "ORGANISATION",
            "SUBJECT",
        ],
        &rows,
    );
}
