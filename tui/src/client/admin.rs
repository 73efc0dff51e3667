//! The administration calls: people, locations, module switches, order
//! forms, shifts and the audit log (staff and admins).

use portico_shared::{
    AuditEntry, AuditQuery, FormDefinition, Id, InviteResponse, Location, LocationPatch,
    ModuleSwitches, NewOrderForm, NewShift, OrderForm, Organization, OrganizationRef, Page,
    PageQuery, Shift, ShiftPatch, User, UserFilter, UserPatch,
};
use reqwest::Method;

use super::{Client, Result};

/// Rows asked for at once when a command wants every row.
const PAGE: u32 = 200;

impl Client {
    /// Everyone the filter matches, page after page.
    pub async fn all_users(&self, filter: &UserFilter) -> Result<Vec<User>> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self
                .people_page(filter, cursor.as_deref(), Some(PAGE))
                .await?;
            all.extend(page.items);
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => return Ok(all),
            }
        }
    }

    /// Admin: change a person's name, role, locations or what they see.
    pub async fn patch_user(&self, id: Id, patch: &UserPatch) -> Result<User> {
        self.send(Method::PATCH, &format!("/users/{id}"), patch)
            .await
    }

    /// Admin: let a removed person back in; the answer carries a new code.
    pub async fn readmit(&self, id: Id) -> Result<InviteResponse> {
        self.json(self.request(Method::POST, &format!("/users/{id}/readmit")))
            .await
    }

    pub async fn patch_location(
        &self,
        organization: Id,
        id: Id,
        patch: &LocationPatch,
    ) -> Result<Location> {
        let path = format!("/organizations/{organization}/locations/{id}");
        self.send(Method::PATCH, &path, patch).await
    }

    /// Admin: the modules switched off for every client.
    pub async fn module_switches(&self) -> Result<ModuleSwitches> {
        self.get("/settings/modules").await
    }

    pub async fn set_module_switches(&self, switches: &ModuleSwitches) -> Result<ModuleSwitches> {
        self.send(Method::PUT, "/settings/modules", switches).await
    }

    /// Staff: every order form (the default and each organisation's own).
    pub async fn order_forms(&self) -> Result<Vec<OrderForm>> {
        self.get("/order-forms").await
    }

    pub async fn create_order_form(&self, new: &NewOrderForm) -> Result<OrderForm> {
        self.send(Method::POST, "/order-forms", new).await
    }

    /// Admin: a new version of a form.
    pub async fn replace_order_form(&self, id: Id, def: &FormDefinition) -> Result<OrderForm> {
        self.send(Method::PUT, &format!("/order-forms/{id}"), def)
            .await
    }

    /// Admin: a new version of a form, refused (409) when the form is no
    /// longer at `version`, the one the edit started from.
    pub async fn replace_order_form_at(
        &self,
        id: Id,
        def: &FormDefinition,
        version: i64,
    ) -> Result<OrderForm> {
        let req = self
            .request(Method::PUT, &format!("/order-forms/{id}"))
            .query(&[("version", version)])
            .json(def);
        self.json(req).await
    }

    /// Staff: move a shift nobody has clocked into.
    pub async fn move_shift(&self, id: Id, patch: &ShiftPatch) -> Result<Shift> {
        self.send(Method::PATCH, &format!("/shifts/{id}"), patch)
            .await
    }

    /// Staff: put a worker on a shift.
    pub async fn create_shift(&self, new: &NewShift) -> Result<Shift> {
        self.send(Method::POST, "/shifts", new).await
    }

    /// Staff: cancel a shift nobody has clocked into.
    pub async fn cancel_shift(&self, id: Id) -> Result<()> {
        self.empty(Method::DELETE, &format!("/shifts/{id}")).await
    }

    /// Admin: the audit log, newest first.
    pub async fn audit(&self, query: &AuditQuery) -> Result<Page<AuditEntry>> {
        self.json(self.request(Method::GET, "/audit").query(query))
            .await
    }
}

impl Client {
    /// The organisations whose name holds `query` (all of them, a page,
    /// when it is blank), by name only: what a picker offers.
    pub async fn organization_refs(&self, query: &str) -> Result<Vec<OrganizationRef>> {
        let q = Some(query.trim()).filter(|q| !q.is_empty());
        let page = self.organizations(q).await?;
        Ok(page
            .items
            .into_iter()
            .map(|o| OrganizationRef {
                id: o.id,
                name: o.name,
            })
            .collect())
    }

    /// One page of the people the filter matches, after `cursor`, of
    /// `limit` rows (the server's default without).
    pub async fn people_page(
        &self,
        filter: &UserFilter,
        cursor: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Page<User>> {
        let page = PageQuery {
            limit,
            cursor: cursor.map(str::to_owned),
            ..PageQuery::default()
        };
        self.json(
            self.request(Method::GET, "/users")
                .query(filter)
                .query(&page),
        )
        .await
    }

    /// One page of the organisations whose name holds `name` (all
    /// without), after `cursor`, of `limit` rows (the server's default without).
    pub async fn organizations_page(
        &self,
        name: Option<&str>,
        cursor: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Page<Organization>> {
        let page = PageQuery {
            limit,
            cursor: cursor.map(str::to_owned),
            ..PageQuery::default()
        };
        let mut req = self.request(Method::GET, "/organizations").query(&page);
        if let Some(q) = name {
            req = req.query(&[("q", q)]);
        }
        self.json(req).await
    }
}
