//! `portico forms …`: order forms, the default one and each organisation's
//! own (their fields come from a TOML or JSON file); and the support forms
//! a person may submit to open a ticket (`support`, `submit`).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use portico_shared::{FormDefinition, Id, NewOrderForm, OrderForm};

use crate::cli::{CliError, Context, Result, orgs, output};
use crate::{sanitize, time};

/// Order forms and support forms, under one `portico forms`.
#[derive(Subcommand, Debug)]
pub enum FormsCommand {
    #[command(flatten)]
    Order(OrderFormsCommand),
    #[command(flatten)]
    Support(crate::cli::SupportFormsCommand),
}

#[derive(Subcommand, Debug)]
pub enum OrderFormsCommand {
    /// Every order form: the default and each organisation's own.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One form with its fields.
    Show {
        id: Id,
        #[arg(long)]
        json: bool,
    },
    /// Give an organisation its own form (name, fields, defaults from FILE).
    Create {
        #[arg(long)]
        org: String,
        /// A .toml or .json file holding `name`, `fields` and `defaults`.
        #[arg(long)]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Replace a form's content: orders made before keep the version they used.
    Edit {
        id: Id,
        #[arg(long)]
        file: PathBuf,
        /// The version the file was made from (`forms show`): refused when
        /// someone saved another since, instead of overwriting theirs.
        #[arg(long)]
        version: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(ctx: &Context, cmd: FormsCommand) -> Result<()> {
    match cmd {
        FormsCommand::Order(o) => order_forms(ctx, o).await,
        FormsCommand::Support(s) => crate::cli::knowledge::forms(ctx, s).await,
    }
}

async fn order_forms(ctx: &Context, cmd: OrderFormsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        OrderFormsCommand::List { json } => {
            let forms = client.order_forms().await?;
            if json {
                return output::json(&forms);
            }
            let rows: Vec<Vec<String>> = forms
                .iter()
                .map(|f| {
                    vec![
                        f.id.to_string(),
                        f.organization_id
                            .map_or("default".to_owned(), |o| o.to_string()),
                        f.version.to_string(),
                        f.definition.fields.len().to_string(),
                        sanitize::line(&f.definition.name),
                    ]
                })
                .collect();
            output::table(&["ID", "ORG", "VERSION", "FIELDS", "NAME"], &rows);
            Ok(())
        }
        OrderFormsCommand::Show { id, json } => {
            let form = client.order_form(id).await?;
            if json {
                return output::json(&form);
            }
            print_form(&form);
            Ok(())
        }
        OrderFormsCommand::Create { org, file, json } => {
            let new = NewOrderForm {
                organization_id: orgs::resolve(&client, &org).await?,
                definition: definition(&file)?,
            };
            done(&client.create_order_form(&new).await?, json, "created")
        }
        OrderFormsCommand::Edit {
            id,
            file,
            version,
            json,
        } => {
            let def = definition(&file)?;
            let saved = match version {
                Some(v) => client.replace_order_form_at(id, &def, v).await?,
                None => client.replace_order_form(id, &def).await?,
            };
            done(&saved, json, "saved")
        }
    }
}

/// A form's content from a `.toml` file, or JSON from any other.
fn definition(path: &Path) -> Result<FormDefinition> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    let bad = |e: String| CliError::Usage(format!("{}: {e}", path.display()));
    if path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
    {
        toml::from_str(&text).map_err(|e| bad(e.to_string()))
    } else {
        serde_json::from_str(&text).map_err(|e| bad(e.to_string()))
    }
}

fn done(f: &OrderForm, json: bool, what: &str) -> Result<()> {
    if json {
        return output::json(f);
    }
    outln!(
        "Form {} {what}: {} (version {})",
        f.id,
        sanitize::line(&f.definition.name),
        f.version
    );
    Ok(())
}

fn print_form(f: &OrderForm) {
    let whose = f
        .organization_id
        .map_or("the default form".to_owned(), |o| {
            format!("organisation {o}")
        });
    outln!(
        "{} {} — {whose}, version {}, saved {} UTC",
        f.id,
        sanitize::line(&f.definition.name),
        f.version,
        time::short(f.updated_at)
    );
    let rows: Vec<Vec<String>> = f
        .definition
        .fields
        .iter()
        .map(|x| {
            vec![
                sanitize::line(&x.key),
                x.kind.to_string(),
                if x.required { "yes" } else { "" }.to_owned(),
                sanitize::line(&x.options.join(", ")),
                sanitize::line(&x.label),
            ]
        })
        .collect();
    output::table(&["KEY", "KIND", "REQUIRED", "OPTIONS", "LABEL"], &rows);
}
