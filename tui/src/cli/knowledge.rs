//! `portico kb …` (public articles need no sign-in) and `portico forms …`.

use portico_shared::{Article, ArticleQuery, FormSubmission, Id, SupportForm};

use crate::cli::orders::{check_submission, field_values};
use crate::cli::{CliError, Context, KbCommand, Result, SupportFormsCommand, output, pick};
use crate::client::{Client, ClientError};
use crate::{sanitize, time};

/// The signed-in client, or an anonymous one (public articles) when nobody
/// is signed in to the server named.
fn reader(ctx: &Context) -> Result<Client> {
    match ctx.signed_in() {
        Err(CliError::NotSignedIn) => Ok(Client::new(&ctx.server()?)?),
        other => other,
    }
}

pub async fn kb(ctx: &Context, cmd: KbCommand) -> Result<()> {
    let client = reader(ctx)?;
    match cmd {
        KbCommand::List {
            category,
            limit,
            json,
        } => {
            let query = ArticleQuery {
                category,
                limit: Some(limit),
                ..ArticleQuery::default()
            };
            list(&client, &query, json).await
        }
        KbCommand::Search { words, limit, json } => {
            let query = ArticleQuery {
                q: Some(words.join(" ")),
                limit: Some(limit),
                ..ArticleQuery::default()
            };
            list(&client, &query, json).await
        }
        KbCommand::Show { id, json } => {
            // A missing and a hidden article are the same 404 (exit code 4).
            let article = client.article(id).await?;
            if json {
                return output::json(&article);
            }
            outln!("# {}", sanitize::line(&article.title));
            outln!(
                "{} · updated {}",
                sanitize::line(&category(&article)),
                time::short(article.updated_at)
            );
            outln!();
            outln!("{}", sanitize::text(&article.body));
            Ok(())
        }
    }
}

fn category(a: &Article) -> String {
    if a.category.is_empty() {
        "Uncategorised".to_owned()
    } else {
        a.category.clone()
    }
}

async fn list(client: &Client, query: &ArticleQuery, json: bool) -> Result<()> {
    let page = client.articles(query).await?;
    if json {
        return output::json(&page);
    }
    if page.items.is_empty() {
        outln!("No articles.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                sanitize::line(&category(a)),
                a.visibility.to_string(),
                sanitize::line(&a.title),
            ]
        })
        .collect();
    output::table(&["ID", "CATEGORY", "VISIBLE TO", "TITLE"], &rows);
    output::more_exist("articles", &page.next_cursor);
    Ok(())
}

pub async fn forms(ctx: &Context, cmd: SupportFormsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        SupportFormsCommand::Support { json } => {
            let forms = client.support_forms().await?;
            if json {
                return output::json(&forms);
            }
            let rows: Vec<Vec<String>> = forms
                .iter()
                .map(|f| {
                    let fields: Vec<String> = f
                        .fields
                        .iter()
                        .map(|x| format!("{}{}", x.key, if x.required { "*" } else { "" }))
                        .collect();
                    vec![
                        f.id.to_string(),
                        sanitize::line(&f.name),
                        sanitize::line(&fields.join(" ")),
                    ]
                })
                .collect();
            output::table(&["ID", "FORM", "FIELDS (* required)"], &rows);
            Ok(())
        }
        SupportFormsCommand::Submit {
            form,
            subject,
            fields,
            json,
        } => {
            let form = resolve(&client.support_forms().await?, &form)?;
            let mut errors = Vec::new();
            let values = field_values(&form.fields, &fields, &mut errors)?;
            check_submission(&form.fields, &values, &mut errors);
            let refused = |errors: &[portico_shared::FieldError]| CliError::Invalid {
                what: "the form was not sent".into(),
                fields: errors
                    .iter()
                    .map(|e| (sanitize::line(&e.field), sanitize::line(&e.message)))
                    .collect(),
            };
            if !errors.is_empty() {
                return Err(refused(&errors));
            }
            let submission = FormSubmission { subject, values };
            let ticket = match client.submit_form(form.id, &submission).await {
                Ok(t) => t,
                Err(e @ ClientError::Api { .. }) if !e.fields().is_empty() => {
                    return Err(refused(e.fields()));
                }
                Err(e) => return Err(e.into()),
            };
            if json {
                return output::json(&ticket);
            }
            outln!(
                "Ticket #{} opened: {}",
                ticket.id,
                sanitize::line(&ticket.subject)
            );
            Ok(())
        }
    }
}

/// A form by id or by name (any case) among the ones the viewer may use.
fn resolve(forms: &[SupportForm], given: &str) -> Result<SupportForm> {
    let given = given.trim();
    let found: Vec<&SupportForm> = match given.parse::<Id>() {
        Ok(id) => forms.iter().filter(|f| f.id == id).collect(),
        Err(_) => forms
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(given))
            .collect(),
    };
    let one = pick::the_one(
        found,
        CliError::NotFound(format!(
            "no form {:?} that you may use; see `portico forms list`",
            sanitize::line(given)
        )),
        format!(
            "several forms are called {:?}; use the id",
            sanitize::line(given)
        ),
    )?;
    Ok(one.clone())
}
