//! `portico modules …`: which modules clients have, for everyone at once
//! or for one organisation (admins).

use clap::Subcommand;
use portico_shared::{Module, ModuleSwitches, OrganizationPatch};

use crate::cli::{Context, Result, orgs, output};
use crate::sanitize;

#[derive(Subcommand, Debug)]
pub enum ModulesCommand {
    /// Each module, on or off: for every client, or for one organisation.
    Show {
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Switch a module on or off: for every client, or for one organisation.
    Set {
        #[arg(long)]
        org: Option<String>,
        #[arg(value_parser = crate::cli::parse::<Module>)]
        module: Module,
        #[arg(value_enum)]
        to: Switch,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

pub async fn run(ctx: &Context, cmd: ModulesCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        ModulesCommand::Show { org, json } => {
            let global = client.module_switches().await?;
            let org = match org {
                Some(o) => Some(
                    client
                        .organization(orgs::resolve(&client, &o).await?)
                        .await?,
                ),
                None => None,
            };
            let on = |m: Module| {
                !global.disabled.contains(&m)
                    && org.as_ref().is_none_or(|o| o.default_modules.contains(&m))
            };
            if json {
                let states: serde_json::Map<String, serde_json::Value> = Module::ALL
                    .iter()
                    .map(|m| (m.to_string(), on(*m).into()))
                    .collect();
                return output::json(&states);
            }
            if let Some(o) = &org {
                outln!("Modules of {}:", sanitize::line(&o.name));
            }
            let rows: Vec<Vec<String>> = Module::ALL
                .iter()
                .map(|m| {
                    let why = if global.disabled.contains(m) {
                        "off for every client"
                    } else {
                        ""
                    };
                    vec![
                        m.to_string(),
                        if on(*m) { "on" } else { "off" }.to_owned(),
                        why.to_owned(),
                    ]
                })
                .collect();
            output::table(&["MODULE", "STATE", ""], &rows);
            Ok(())
        }
        ModulesCommand::Set {
            org: None,
            module,
            to,
            json,
        } => {
            let mut switches = client.module_switches().await?;
            switches.disabled.retain(|m| *m != module);
            if to == Switch::Off {
                switches.disabled.push(module);
            }
            let now: ModuleSwitches = client.set_module_switches(&switches).await?;
            if json {
                return output::json(&now);
            }
            outln!("{module} is {} for every client", state(to));
            Ok(())
        }
        ModulesCommand::Set {
            org: Some(org),
            module,
            to,
            json,
        } => {
            let id = orgs::resolve(&client, &org).await?;
            let mut modules = client.organization(id).await?.default_modules;
            modules.retain(|m| *m != module);
            if to == Switch::On {
                modules.push(module);
            }
            let patch = OrganizationPatch {
                default_modules: Some(modules),
                ..OrganizationPatch::default()
            };
            let o = client.patch_organization(id, &patch).await?;
            if json {
                return output::json(&o);
            }
            outln!("{module} is {} for {}", state(to), sanitize::line(&o.name));
            Ok(())
        }
    }
}

fn state(s: Switch) -> &'static str {
    match s {
        Switch::On => "on",
        Switch::Off => "off",
    }
}
