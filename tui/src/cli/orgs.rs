//! `portico orgs …` and `portico locations …`: client organisations and
//! their places, for staff.

use portico_shared::{
    Id, Location, LocationPatch, NewLocation, NewOrganization, Organization, OrganizationPatch,
};

use crate::cli::{CliError, Context, LocationsCommand, OrgsCommand, Result, output, pick};
use crate::client::Client;
use crate::{sanitize, time};

pub async fn run(ctx: &Context, cmd: OrgsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        OrgsCommand::List { json } => {
            let page = client.organizations(None).await?;
            if json {
                return output::json(&page);
            }
            print_list(&page.items);
            output::more_exist("organisations", &page.next_cursor);
            Ok(())
        }
        OrgsCommand::Show { org, json } => {
            let org = client.organization(resolve(&client, &org).await?).await?;
            let locations = client.locations(org.id).await?;
            if json {
                return output::json(&serde_json::json!({
                    "organization": org,
                    "locations": locations,
                }));
            }
            print_org(&org);
            outln!();
            print_locations(&locations);
            Ok(())
        }
        OrgsCommand::Create {
            name,
            tags,
            history,
            json,
        } => {
            let new = NewOrganization {
                name,
                tags,
                ticket_history: history,
                ..NewOrganization::default()
            };
            done(&client.create_organization(&new).await?, json, "created")
        }
        OrgsCommand::Edit {
            org,
            name,
            tags,
            history,
            welcome,
            require_2fa,
            json,
        } => {
            let id = resolve(&client, &org).await?;
            let patch = OrganizationPatch {
                name,
                tags,
                ticket_history: history,
                welcome,
                require_two_factor: require_2fa,
                ..OrganizationPatch::default()
            };
            done(
                &client.patch_organization(id, &patch).await?,
                json,
                "updated",
            )
        }
    }
}

pub async fn locations(ctx: &Context, cmd: LocationsCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        LocationsCommand::List { org, json } => {
            let locations = client.locations(resolve(&client, &org).await?).await?;
            if json {
                return output::json(&locations);
            }
            print_locations(&locations);
            Ok(())
        }
        LocationsCommand::Add {
            org,
            name,
            tz,
            address,
            json,
        } => {
            let id = resolve(&client, &org).await?;
            let new = NewLocation {
                name,
                timezone: Some(tz),
                address: address.unwrap_or_default(),
            };
            let l = client.create_location(id, &new).await?;
            location_done(&l, json, "added")
        }
        LocationsCommand::Edit {
            org,
            location,
            name,
            tz,
            address,
            json,
        } => {
            let org = resolve(&client, &org).await?;
            let here = client.locations(org).await?;
            let id = pick::location(&here, &location)?;
            let patch = LocationPatch {
                name,
                timezone: tz,
                address,
            };
            let l = client.patch_location(org, id, &patch).await?;
            location_done(&l, json, "updated")
        }
    }
}

fn location_done(l: &Location, json: bool, what: &str) -> Result<()> {
    if json {
        return output::json(l);
    }
    outln!(
        "Location {} {what}: {} ({})",
        l.id,
        sanitize::line(&l.name),
        sanitize::line(&l.timezone)
    );
    Ok(())
}

/// The organisation named, if one was (`--org` of staff commands).
pub async fn resolve_given(client: &Client, given: Option<String>) -> Result<Option<Id>> {
    match given {
        Some(o) => Ok(Some(resolve(client, &o).await?)),
        None => Ok(None),
    }
}

/// An organisation by id or by its whole name (any case).
pub async fn resolve(client: &Client, given: &str) -> Result<Id> {
    let given = given.trim();
    if let Ok(id) = given.parse::<Id>() {
        return Ok(id);
    }
    let page = client.organizations(Some(given)).await?;
    let found: Vec<&Organization> = page
        .items
        .iter()
        .filter(|o| o.name.eq_ignore_ascii_case(given))
        .collect();
    let found = pick::the_one(
        found,
        CliError::NotFound(format!("no organisation {:?}", sanitize::line(given))),
        format!(
            "several organisations are called {:?}; use the id",
            sanitize::line(given)
        ),
    )?;
    Ok(found.id)
}

fn done(o: &Organization, json: bool, what: &str) -> Result<()> {
    if json {
        return output::json(o);
    }
    outln!("Organisation {} {what}: {}", o.id, sanitize::line(&o.name));
    Ok(())
}

fn tags(o: &Organization) -> String {
    sanitize::line(&o.tags.join(", "))
}

fn print_list(items: &[Organization]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| {
            vec![
                o.id.to_string(),
                o.portal_access.to_string(),
                tags(o),
                sanitize::line(&o.name),
            ]
        })
        .collect();
    output::table(&["ID", "PORTAL", "TAGS", "NAME"], &rows);
}

fn print_org(o: &Organization) {
    outln!("{} {}", o.id, sanitize::line(&o.name));
    outln!(
        "Portal: {}  Ticket history: {}  Tags: {}",
        o.portal_access,
        o.ticket_history,
        tags(o)
    );
    let modules: Vec<String> = o.default_modules.iter().map(ToString::to_string).collect();
    outln!("Modules: {}", modules.join(", "));
    outln!("Created: {} UTC", time::short(o.created_at));
    if o.require_two_factor {
        outln!("Its contacts must sign in with a second factor.");
    }
    if !o.welcome.is_empty() {
        outln!("Welcome:");
        for line in sanitize::text(&o.welcome).lines() {
            outln!("  {line}");
        }
    }
}

fn print_locations(items: &[Location]) {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|l| {
            vec![
                l.id.to_string(),
                sanitize::line(&l.name),
                sanitize::line(&l.timezone),
                sanitize::line(&l.address),
            ]
        })
        .collect();
    output::table(&["ID", "NAME", "ZONE", "ADDRESS"], &rows);
}
