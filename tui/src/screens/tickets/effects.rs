//! The tickets' effects: calls to the server, each answered as a message.

use portico_shared::{PersonRef, Role, UserFilter, UserStatus};

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::tickets::msg::{TicketsEffect, TicketsMsg};

/// Runs one effect; its answer comes back as this screen's message.
pub async fn run(effect: TicketsEffect, c: Client) -> TicketsMsg {
    match effect {
        TicketsEffect::FetchTickets {
            generation,
            append,
            query,
        } => TicketsMsg::Tickets {
            generation,
            append,
            result: c.tickets(&query).await.map_err(Failure::from),
        },
        TicketsEffect::FetchCount { slot, query } => {
            let result = c
                .tickets(&query)
                .await
                .map(|p| (p.items.len(), p.next_cursor.is_some()))
                .map_err(Failure::from);
            TicketsMsg::Count { slot, result }
        }
        TicketsEffect::FetchMine(query) => {
            TicketsMsg::Mine(c.tickets(&query).await.map_err(Failure::from))
        }
        TicketsEffect::FetchTicket(id) => {
            TicketsMsg::Ticket(c.ticket(id).await.map(Box::new).map_err(Failure::from))
        }
        TicketsEffect::Patch { id, patch } => TicketsMsg::Saved(
            c.patch_ticket(id, &patch)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        TicketsEffect::BulkAssign(bulk) => {
            TicketsMsg::Bulk(c.bulk_assign(&bulk).await.map_err(Failure::from))
        }
        TicketsEffect::FetchStaff => TicketsMsg::Staff(c.staff().await.map_err(Failure::from)),
        TicketsEffect::Create(new) => TicketsMsg::Created(
            c.create_ticket(&new)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        TicketsEffect::FetchOrgChoices(query) => {
            let result = c.organization_refs(&query).await.map_err(Failure::from);
            TicketsMsg::OrgChoices { query, result }
        }
        TicketsEffect::FetchContacts(org) => {
            let filter = UserFilter {
                organization_id: Some(org),
                role: Some(Role::Client),
                status: Some(UserStatus::Active),
                email: None,
            };
            let result = c
                .all_users(&filter)
                .await
                .map(|people| {
                    people
                        .into_iter()
                        .map(|u| PersonRef {
                            id: u.id,
                            name: u.name,
                        })
                        .collect()
                })
                .map_err(Failure::from);
            TicketsMsg::Contacts { org, result }
        }
    }
}
