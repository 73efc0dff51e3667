//! The order forms' calls to the server.

use portico_shared::OrganizationRef;

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::forms::msg::{FormsEffect, FormsMsg};

pub async fn run(effect: FormsEffect, c: Client) -> FormsMsg {
    match effect {
        FormsEffect::FetchForms => {
            let listed = async {
                let forms = c.order_forms().await?;
                let orgs = org_refs(c.organizations(None).await?.items);
                Ok((forms, orgs))
            };
            FormsMsg::Listed(
                listed
                    .await
                    .map_err(|e: crate::client::ClientError| e.into()),
            )
        }
        FormsEffect::FetchOrgChoices(query) => {
            let q = Some(query.trim()).filter(|q| !q.is_empty());
            let result = c
                .organizations(q)
                .await
                .map(|p| org_refs(p.items))
                .map_err(Failure::from);
            FormsMsg::OrgChoices { query, result }
        }
        FormsEffect::Replace {
            id,
            version,
            definition,
        } => FormsMsg::Saved(
            c.replace_order_form_at(id, &definition, version)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        FormsEffect::Create(new) => FormsMsg::Saved(
            c.create_order_form(&new)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
    }
}

fn org_refs(orgs: Vec<portico_shared::Organization>) -> Vec<OrganizationRef> {
    orgs.into_iter()
        .map(|o| OrganizationRef {
            id: o.id,
            name: o.name,
        })
        .collect()
}
