//! The administration screen's calls to the server.

use portico_shared::AuditQuery;

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::admin::msg::{AdminEffect, AdminMsg, Arrived, Fetch};

pub async fn run(effect: AdminEffect, c: Client) -> AdminMsg {
    match effect {
        AdminEffect::FetchPeople(load, filter) => {
            let r = c.people_page(&filter, load.cursor.as_deref(), None).await;
            AdminMsg::People(arrived(&load, r))
        }
        AdminEffect::FetchOrgs(load) => {
            let r = c
                .organizations_page(None, load.cursor.as_deref(), None)
                .await;
            AdminMsg::Orgs(arrived(&load, r))
        }
        AdminEffect::FetchAudit(load, action) => {
            let query = AuditQuery {
                cursor: load.cursor.clone(),
                action: action.map(str::to_owned),
                ..AuditQuery::default()
            };
            AdminMsg::Audit(arrived(&load, c.audit(&query).await))
        }
        AdminEffect::Invite(req) => AdminMsg::Invited(boxed(c.invite(&req).await)),
        AdminEffect::Resend(id) => AdminMsg::Invited(boxed(c.resend_invite(id).await)),
        AdminEffect::Readmit(id) => AdminMsg::Invited(boxed(c.readmit(id).await)),
        AdminEffect::Remove(id) => AdminMsg::Removed(boxed(c.remove_user(id).await)),
        AdminEffect::CreateOrg(new) => AdminMsg::OrgSaved(boxed(c.create_organization(&new).await)),
        AdminEffect::PatchOrg { id, patch } => {
            AdminMsg::OrgSaved(boxed(c.patch_organization(id, &patch).await))
        }
        AdminEffect::EndSessions(id) => {
            AdminMsg::SessionsEnded(c.end_sessions(id).await.map_err(Failure::from))
        }
        AdminEffect::FetchSwitches => {
            AdminMsg::Switches(c.module_switches().await.map_err(Failure::from))
        }
        AdminEffect::SetSwitches(s) => {
            AdminMsg::Switches(c.set_module_switches(&s).await.map_err(Failure::from))
        }
        AdminEffect::FetchLocations(load, org) => {
            // Every location at once: the server does not page them.
            let r = c.locations(org).await.map(|items| portico_shared::Page {
                items,
                next_cursor: None,
            });
            AdminMsg::Locations(arrived(&load, r))
        }
        AdminEffect::CreateLocation { org, new } => {
            AdminMsg::LocationSaved(boxed(c.create_location(org, &new).await))
        }
        AdminEffect::PatchLocation { org, id, patch } => {
            AdminMsg::LocationSaved(boxed(c.patch_location(org, id, &patch).await))
        }
    }
}

fn arrived<T>(
    load: &Fetch,
    r: Result<portico_shared::Page<T>, crate::client::ClientError>,
) -> Arrived<T> {
    Arrived {
        generation: load.generation,
        append: load.append,
        result: r.map_err(Failure::from),
    }
}

fn boxed<T>(r: Result<T, crate::client::ClientError>) -> crate::failure::Outcome<Box<T>> {
    r.map(Box::new).map_err(Failure::from)
}
