//! `portico orders …`: list, show, new, download.

use std::collections::BTreeMap;
use std::path::Path;

use portico_shared::{
    FieldError, FieldKind, FormField, Id, Location, Me, NewOrder, Order, OrderDetail, OrderForm,
    OrderQuery, validate, validate_submission,
};
use serde_json::Value;

use crate::cli::{CliError, Context, OrdersCommand, Result, files, output, pick};
use crate::client::{Client, ClientError};
use crate::widgets::human_size;
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: OrdersCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        OrdersCommand::List {
            status,
            location,
            limit,
            json,
        } => {
            let location_id = match location {
                Some(l) => Some(pick::location(&client.me().await?.locations, &l)?),
                None => None,
            };
            let query = OrderQuery {
                status,
                location_id,
                limit: Some(limit),
                ..OrderQuery::default()
            };
            let page = client.orders(&query).await?;
            if json {
                return output::json(&page);
            }
            print_list(&page.items);
            output::more_exist("orders", &page.next_cursor);
            Ok(())
        }
        OrdersCommand::Show { order, json } => {
            let id = resolve(&client, &order).await?;
            let detail = client.order(id).await?;
            let messages = client.messages(detail.order.thread_id, None).await?;
            if json {
                return output::json(&serde_json::json!({
                    "order": detail,
                    "messages": messages.items,
                }));
            }
            print_order(&detail);
            for m in &messages.items {
                output::message(m);
            }
            Ok(())
        }
        OrdersCommand::New(args) => new(&client, args).await,
        OrdersCommand::Download { order, to } => download(&client, &order, &to).await,
    }
}

/// An order by id or by its reference (`ORD-2026-0001`, any case).
async fn resolve(client: &Client, given: &str) -> Result<Id> {
    let given = given.trim();
    if let Ok(id) = given.parse::<Id>() {
        return Ok(id);
    }
    let query = OrderQuery {
        reference: Some(given.to_owned()),
        limit: Some(1),
        ..OrderQuery::default()
    };
    match client.orders(&query).await?.items.first() {
        Some(o) => Ok(o.id),
        None => Err(CliError::NotFound(format!(
            "no order {:?} that you can see",
            sanitize::line(given)
        ))),
    }
}

/// `key=value` as typed.
fn split(pair: &str, flag: &str) -> Result<(String, String)> {
    pair.split_once('=')
        .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| CliError::Usage(format!("{flag} takes name=value, not {pair:?}")))
}

/// The form an order is submitted with: the effective one of the
/// organisation, which `--form` (when given) must name.
async fn the_form(
    client: &Client,
    me: &Me,
    form: Option<Id>,
    org: Option<Id>,
) -> Result<(OrderForm, Id)> {
    let staff = me.user.role.is_staff();
    let org = match (me.organization.as_ref(), org) {
        (Some(mine), _) => mine.id,
        (None, Some(o)) => o,
        (None, None) if staff => {
            // Staff may name only the form when it is an organisation's own.
            let own = match form {
                Some(id) => client.order_form(id).await?.organization_id,
                None => None,
            };
            own.ok_or_else(|| CliError::Usage("staff name the organisation: --org ORG".into()))?
        }
        (None, None) => return Err(CliError::Usage("you belong to no organisation".into())),
    };
    let effective = client.effective_form(staff.then_some(org)).await?;
    if let Some(id) = form
        && id != effective.id
    {
        return Err(CliError::Usage(format!(
            "form {id} is not the one orders of this organisation use: that is form {} ({}); leave --form out to use it",
            effective.id,
            sanitize::line(&effective.definition.name)
        )));
    }
    Ok((effective, org))
}

/// The `--field name=value` pairs, typed by their form fields; repeats of
/// a multi-choice field collect into a list. Unknown keys pass through for
/// `validate_submission` to name; values that cannot be typed are errors.
pub(super) fn field_values(
    fields: &[FormField],
    pairs: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<BTreeMap<String, Value>> {
    let mut values: BTreeMap<String, Value> = BTreeMap::new();
    for pair in pairs {
        let (key, raw) = split(pair, "--field")?;
        let kind = fields.iter().find(|f| f.key == key).map(|f| f.kind);
        match kind {
            Some(FieldKind::File) => errors.push(FieldError {
                field: format!("values.{key}"),
                message: "is a file: pass it with --file name=PATH".into(),
            }),
            Some(FieldKind::MultiChoice) => {
                let list = values
                    .entry(key)
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = list {
                    items.push(Value::String(raw));
                }
            }
            Some(kind) => match typed_value(kind, &raw) {
                Ok(v) => {
                    values.insert(key, v);
                }
                Err(m) => errors.push(FieldError {
                    field: format!("values.{key}"),
                    message: m,
                }),
            },
            // Unknown keys are named by the shared check.
            None => {
                values.insert(key, Value::String(raw));
            }
        }
    }
    Ok(values)
}

/// Adds the shared check's refusals of `values` to `errors`, one per field.
pub(super) fn check_submission(
    fields: &[FormField],
    values: &BTreeMap<String, Value>,
    errors: &mut Vec<FieldError>,
) {
    if let Err(found) = validate_submission(fields, values) {
        for e in found {
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(e);
            }
        }
    }
}

/// A typed value as the field's kind takes it.
fn typed_value(kind: FieldKind, raw: &str) -> std::result::Result<Value, String> {
    match kind {
        FieldKind::Number => {
            let n: f64 = raw
                .trim()
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite())
                .ok_or_else(|| format!("must be a number, not {raw:?}"))?;
            Ok(if n.fract() == 0.0 && n.abs() < 9e15 {
                Value::from(n as i64)
            } else {
                Value::from(n)
            })
        }
        _ => Ok(Value::String(raw.to_owned())),
    }
}

/// How a failing field reads: its key and label for form fields.
fn field_name(form: &OrderForm, field: &str) -> String {
    match field.strip_prefix("values.") {
        Some(key) => match form.definition.fields.iter().find(|f| f.key == key) {
            Some(f) => format!("{key} ({})", sanitize::line(&f.label)),
            None => key.to_owned(),
        },
        None if field == "location_id" => "--location".to_owned(),
        None => format!("--{field}"),
    }
}

fn refused(form: &OrderForm, errors: &[FieldError]) -> CliError {
    CliError::Invalid {
        what: "the order was not submitted".into(),
        fields: errors
            .iter()
            .map(|e| (field_name(form, &e.field), sanitize::line(&e.message)))
            .collect(),
    }
}

async fn new(client: &Client, args: crate::cli::NewOrderArgs) -> Result<()> {
    let me = client.me().await?;
    let named = crate::cli::orgs::resolve_given(client, args.org).await?;
    let (form, org) = the_form(client, &me, args.form, named).await?;
    let fields = &form.definition.fields;
    let mut errors = Vec::new();
    let title = validate::name("title", &args.title).unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    let here: Vec<Location> = me
        .locations
        .iter()
        .filter(|l| l.organization_id == org)
        .cloned()
        .collect();
    let location_id = match (&args.location, &here[..]) {
        (Some(l), _) => Some(pick::location(&here, l)?),
        (None, [one]) => Some(one.id),
        (None, _) => {
            return Err(CliError::Usage(format!(
                "which location? pass --location; yours are: {}",
                pick::names(&here)
            )));
        }
    };
    let due_date = args
        .due
        .as_deref()
        .map(|d| {
            d.trim().parse::<jiff::civil::Date>().map_err(|_| {
                CliError::Usage(format!("--due takes a date such as 2026-12-01, not {d:?}"))
            })
        })
        .transpose()?;

    let mut values = field_values(fields, &args.fields, &mut errors)?;
    let mut files = Vec::new();
    let mut checked = values.clone();
    for pair in &args.files {
        let (key, path) = split(pair, "--file")?;
        let path = crate::paths::expand_home(Path::new(&path));
        match fields.iter().find(|f| f.key == key).map(|f| f.kind) {
            Some(FieldKind::File) if path.is_file() => {
                checked.insert(key.clone(), Value::from(1));
                files.push((key, path));
            }
            Some(FieldKind::File) => errors.push(FieldError {
                field: format!("values.{key}"),
                message: format!("{}: no such file", path.display()),
            }),
            _ => errors.push(FieldError {
                field: format!("values.{key}"),
                message: "is not a file field of this form".into(),
            }),
        }
    }
    check_submission(fields, &checked, &mut errors);
    if !errors.is_empty() {
        return Err(refused(&form, &errors));
    }
    for (key, path) in files {
        let file = client.upload_path(&path).await?;
        values.insert(key, Value::from(file.id));
    }
    let order = NewOrder {
        title,
        location_id,
        organization_id: Some(org),
        due_date,
        values,
    };
    let created = match client.create_order(&order).await {
        Ok(d) => d,
        Err(e @ ClientError::Api { .. }) if !e.fields().is_empty() => {
            return Err(refused(&form, e.fields()));
        }
        Err(e) => return Err(e.into()),
    };
    if args.json {
        return output::json(&created);
    }
    outln!(
        "Order {} submitted: {}",
        sanitize::line(&created.order.reference),
        sanitize::line(&created.order.title)
    );
    Ok(())
}

/// Every deliverable of an order into `dir` (see `files::save_all`).
async fn download(client: &Client, given: &str, dir: &Path) -> Result<()> {
    let id = resolve(client, given).await?;
    let detail = client.order(id).await?;
    if detail.deliverables.is_empty() {
        let reference = sanitize::line(&detail.order.reference);
        errln!("portico: {reference} has no deliverables yet");
        return Ok(());
    }
    files::save_all(client, &detail.deliverables, dir).await
}

fn print_list(items: &[Order]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| {
            vec![
                sanitize::line(&o.reference),
                o.status.to_string(),
                sanitize::line(&o.location.name),
                o.due_date.map_or("-".to_owned(), |d| d.to_string()),
                o.item_count.to_string(),
                sanitize::line(&o.organization.name),
                sanitize::line(&o.title),
            ]
        })
        .collect();
    output::table(
        &[
            "REFERENCE",
            "STATUS",
            "LOCATION",
            "DUE",
            "ITEMS",
            "ORGANISATION",
            "TITLE",
        ],
        &rows,
    );
}

/// A submitted value as people read it.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn print_order(d: &OrderDetail) {
    let o = &d.order;
    outln!(
        "{} {}",
        sanitize::line(&o.reference),
        sanitize::line(&o.title)
    );
    outln!(
        "Status: {}  Priority: {}  Due: {}  Team: {}",
        o.status,
        o.priority,
        o.due_date.map_or("none".to_owned(), |d| d.to_string()),
        o.team.as_deref().map_or("none".to_owned(), sanitize::line)
    );
    outln!(
        "Location: {}, {}  Submitted by: {}, {}",
        sanitize::line(&o.location.name),
        sanitize::line(&o.organization.name),
        sanitize::line(&o.submitted_by.name),
        time::short(o.created_at)
    );
    outln!(
        "\nSubmitted with {} (version {}):",
        sanitize::line(&d.form.name),
        d.form.version
    );
    for f in &d.form.fields {
        if let Some(v) = d.values.get(&f.key) {
            let text = match (f.kind, v) {
                (FieldKind::File, Value::Number(n)) => format!("[attachment {n}]"),
                _ => sanitize::line(&shown(v)),
            };
            outln!("  {}: {text}", sanitize::line(&f.label));
        }
    }
    outln!("\nItems:");
    if d.items.is_empty() {
        outln!("  none yet");
    }
    for i in &d.items {
        outln!(
            "  [{}] {} · {} · {} → {} · {}",
            i.id,
            sanitize::line(&i.description),
            i.worker
                .as_ref()
                .map_or("nobody yet".to_owned(), |w| sanitize::line(&w.name)),
            i.starts_at.map_or("-".to_owned(), time::short),
            i.ends_at.map_or("-".to_owned(), time::short),
            i.state
        );
    }
    outln!("\nDeliverables:");
    if d.deliverables.is_empty() {
        outln!("  none yet");
    }
    for a in &d.deliverables {
        outln!(
            "  [attachment {}] {} ({})",
            a.id,
            sanitize::line(&a.file_name),
            human_size(a.size)
        );
    }
}
