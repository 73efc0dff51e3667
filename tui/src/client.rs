//! A typed client for Portico's HTTP API, used by the app, the CLI and the
//! end-to-end tests. Error bodies decode into [`ClientError::Api`] with their
//! server message already sanitised, so any caller may print them.

mod account;
mod admin;
mod mail;

pub use account::LoginAnswer;

use std::time::Duration;

use portico_shared::{
    AcceptInviteRequest, InviteRequest, InviteResponse, Location, NewLocation, NewOrganization,
    Organization, OrganizationPatch,
};
use portico_shared::{
    ApproveEntries, ClockAction, ClockRequest, ClockStatus, EntryPatch, ExportQuery, RejectEntry,
    Shift, ShiftQuery, TimesheetEntry, TimesheetList, TimesheetQuery,
};
use portico_shared::{
    Article, ArticleQuery, FormSubmission, ReportQuery, SupportForm, TicketReport,
};
use portico_shared::{
    Attachment, Branding, BulkAssign, BulkResult, EffectiveFormQuery, ErrorBody, FieldError, Id,
    ItemInput, LoginRequest, LoginResponse, Me, Message, NewDeliverables, NewMessage, NewOrder,
    NewTicket, Order, OrderDetail, OrderForm, OrderItem, OrderPatch, OrderQuery, Page, PersonRef,
    Ticket, TicketPatch, TicketQuery, User,
};
use portico_shared::{
    Conversation, ConversationQuery, NewConversation, NewTask, ProjectDetail, ProjectQuery, Task,
    TaskPatch, TaskQuery,
};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::sanitize;

mod billing;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error body.
    #[error("{message} ({code})")]
    Api {
        status: u16,
        code: String,
        message: String,
        fields: Vec<FieldError>,
    },
    #[error("cannot reach the server: {0}")]
    Transport(String),
    #[error("the server's answer could not be read: {0}")]
    Decode(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ClientError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The fields a 422 answer names (already sanitised); empty otherwise.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ClientError::Api { fields, .. } => fields,
            _ => &[],
        }
    }
}

impl From<reqwest::Error> for ClientError {
    fn from(e: reqwest::Error) -> Self {
        if e.is_decode() {
            ClientError::Decode(sanitize::line(&e.to_string()))
        } else {
            // reqwest's text can carry the URL; keep it but make it printable.
            ClientError::Transport(sanitize::line(&without_url(&e)))
        }
    }
}

fn without_url(e: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

pub type Result<T, E = ClientError> = std::result::Result<T, E>;

/// The API at one server, with or without a bearer token. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Client {
    /// `server` is the server's root URL, such as `http://127.0.0.1:8080`.
    pub fn new(server: &str) -> Result<Client> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("portico/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Client {
            http,
            base: server.trim_end_matches('/').to_owned(),
            token: None,
        })
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Client {
        self.token = Some(token.into());
        self
    }

    pub fn server(&self) -> &str {
        &self.base
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// A request to `/api/v1{path}` carrying the token.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut req = self
            .http
            .request(method, format!("{}/api/v1{path}", self.base));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        req
    }

    async fn json<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T> {
        let resp = checked(req.send().await?).await?;
        Ok(resp.json().await?)
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.json(self.request(Method::GET, path)).await
    }

    async fn send<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.json(self.request(method, path).json(body)).await
    }

    async fn empty(&self, method: Method, path: &str) -> Result<()> {
        checked(self.request(method, path).send().await?).await?;
        Ok(())
    }

    pub async fn branding(&self) -> Result<Branding> {
        self.get("/branding").await
    }

    /// Signs in: a session, or (for two-factor sign-in) the challenge to
    /// answer with a code through [`Client::login_totp`].
    pub async fn login(&self, email: &str, password: &str) -> Result<LoginAnswer> {
        let body = LoginRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        let resp = checked(
            self.request(Method::POST, "/auth/login")
                .json(&body)
                .send()
                .await?,
        )
        .await?;
        Ok(if resp.status() == StatusCode::ACCEPTED {
            LoginAnswer::Code(resp.json().await?)
        } else {
            LoginAnswer::Session(resp.json().await?)
        })
    }

    pub async fn logout(&self) -> Result<()> {
        self.empty(Method::POST, "/auth/logout").await
    }

    pub async fn me(&self) -> Result<Me> {
        self.get("/me").await
    }

    /// Staff: organisations whose name contains `name` (all without it),
    /// as many as one page holds.
    pub async fn organizations(&self, name: Option<&str>) -> Result<Page<Organization>> {
        self.organizations_page(name, None, Some(200)).await
    }

    pub async fn organization(&self, id: Id) -> Result<Organization> {
        self.get(&format!("/organizations/{id}")).await
    }

    pub async fn create_organization(&self, new: &NewOrganization) -> Result<Organization> {
        self.send(Method::POST, "/organizations", new).await
    }

    pub async fn patch_organization(
        &self,
        id: Id,
        patch: &OrganizationPatch,
    ) -> Result<Organization> {
        self.send(Method::PATCH, &format!("/organizations/{id}"), patch)
            .await
    }

    pub async fn locations(&self, organization: Id) -> Result<Vec<Location>> {
        self.get(&format!("/organizations/{organization}/locations"))
            .await
    }

    pub async fn create_location(&self, organization: Id, new: &NewLocation) -> Result<Location> {
        self.send(
            Method::POST,
            &format!("/organizations/{organization}/locations"),
            new,
        )
        .await
    }

    /// Admin: invite a person; the answer carries the code, shown only now.
    pub async fn invite(&self, invite: &InviteRequest) -> Result<InviteResponse> {
        self.send(Method::POST, "/invites", invite).await
    }

    /// Admin: a new invite code for a pending person; the old one stops working.
    pub async fn resend_invite(&self, id: Id) -> Result<InviteResponse> {
        self.json(self.request(Method::POST, &format!("/users/{id}/resend-invite")))
            .await
    }

    /// Admin: remove a person (their sessions end at once).
    pub async fn remove_user(&self, id: Id) -> Result<User> {
        self.json(self.request(Method::POST, &format!("/users/{id}/remove")))
            .await
    }

    /// Accept an invite with its code, choosing a password; signs in.
    /// With `email`, only an invite for that address is accepted.
    pub async fn accept_invite(
        &self,
        code: &str,
        password: &str,
        email: Option<&str>,
    ) -> Result<LoginResponse> {
        let body = AcceptInviteRequest {
            code: code.to_owned(),
            password: password.to_owned(),
            email: email.map(str::to_owned),
        };
        self.send(Method::POST, "/invites/accept", &body).await
    }

    pub async fn tickets(&self, query: &TicketQuery) -> Result<Page<Ticket>> {
        self.json(self.request(Method::GET, "/tickets").query(query))
            .await
    }

    pub async fn ticket(&self, id: Id) -> Result<Ticket> {
        self.get(&format!("/tickets/{id}")).await
    }

    pub async fn create_ticket(&self, new: &NewTicket) -> Result<Ticket> {
        self.send(Method::POST, "/tickets", new).await
    }

    pub async fn patch_ticket(&self, id: Id, patch: &TicketPatch) -> Result<Ticket> {
        self.send(Method::PATCH, &format!("/tickets/{id}"), patch)
            .await
    }

    pub async fn bulk_assign(&self, bulk: &BulkAssign) -> Result<BulkResult> {
        self.send(Method::POST, "/tickets/bulk-assign", bulk).await
    }

    pub async fn staff(&self) -> Result<Vec<PersonRef>> {
        self.get("/staff").await
    }

    pub async fn messages(&self, thread: Id, cursor: Option<&str>) -> Result<Page<Message>> {
        let mut req = self
            .request(Method::GET, &format!("/threads/{thread}/messages"))
            .query(&[("limit", "200")]);
        if let Some(c) = cursor {
            req = req.query(&[("cursor", c)]);
        }
        self.json(req).await
    }

    pub async fn post_message(&self, thread: Id, msg: &NewMessage) -> Result<Message> {
        self.send(Method::POST, &format!("/threads/{thread}/messages"), msg)
            .await
    }

    pub async fn mark_read(&self, thread: Id) -> Result<()> {
        self.empty(Method::POST, &format!("/threads/{thread}/read"))
            .await
    }

    pub async fn projects(&self, query: &ProjectQuery) -> Result<Page<portico_shared::Project>> {
        self.json(self.request(Method::GET, "/projects").query(query))
            .await
    }

    pub async fn project(&self, id: Id) -> Result<ProjectDetail> {
        self.get(&format!("/projects/{id}")).await
    }

    pub async fn tasks(&self, query: &TaskQuery) -> Result<Page<Task>> {
        self.json(self.request(Method::GET, "/tasks").query(query))
            .await
    }

    /// One task with its files.
    pub async fn task(&self, id: Id) -> Result<Task> {
        self.json(self.request(Method::GET, &format!("/tasks/{id}")))
            .await
    }

    pub async fn create_task(&self, new: &NewTask) -> Result<Task> {
        self.send(Method::POST, "/tasks", new).await
    }

    pub async fn patch_task(&self, id: Id, patch: &TaskPatch) -> Result<Task> {
        self.send(Method::PATCH, &format!("/tasks/{id}"), patch)
            .await
    }

    /// Standalone threads the signed-in person takes part in.
    pub async fn conversations(&self, query: &ConversationQuery) -> Result<Page<Conversation>> {
        self.json(self.request(Method::GET, "/threads").query(query))
            .await
    }

    pub async fn create_conversation(&self, new: &NewConversation) -> Result<Conversation> {
        self.send(Method::POST, "/threads", new).await
    }

    pub async fn orders(&self, query: &OrderQuery) -> Result<Page<Order>> {
        self.json(self.request(Method::GET, "/orders").query(query))
            .await
    }

    pub async fn order(&self, id: Id) -> Result<OrderDetail> {
        self.get(&format!("/orders/{id}")).await
    }

    pub async fn create_order(&self, new: &NewOrder) -> Result<OrderDetail> {
        self.send(Method::POST, "/orders", new).await
    }

    pub async fn patch_order(&self, id: Id, patch: &OrderPatch) -> Result<OrderDetail> {
        self.send(Method::PATCH, &format!("/orders/{id}"), patch)
            .await
    }

    /// Adds an item to an order (`item` absent) or replaces one (staff).
    pub async fn write_item(
        &self,
        order: Id,
        item: Option<Id>,
        input: &ItemInput,
    ) -> Result<OrderItem> {
        match item {
            Some(item) => {
                self.send(Method::PUT, &format!("/orders/{order}/items/{item}"), input)
                    .await
            }
            None => {
                self.send(Method::POST, &format!("/orders/{order}/items"), input)
                    .await
            }
        }
    }

    /// Attaches the caller's own uploads to an order as deliverables (staff).
    pub async fn add_deliverables(&self, order: Id, ids: &[Id]) -> Result<Vec<Attachment>> {
        let body = NewDeliverables {
            attachment_ids: ids.to_vec(),
        };
        self.send(
            Method::POST,
            &format!("/orders/{order}/deliverables"),
            &body,
        )
        .await
    }

    /// The form new orders of an organisation are submitted with (clients:
    /// their own; staff name the organisation).
    pub async fn effective_form(&self, organization_id: Option<Id>) -> Result<OrderForm> {
        let q = EffectiveFormQuery { organization_id };
        self.json(
            self.request(Method::GET, "/order-forms/effective")
                .query(&q),
        )
        .await
    }

    /// One order form at its latest version (staff).
    pub async fn order_form(&self, id: Id) -> Result<OrderForm> {
        self.get(&format!("/order-forms/{id}")).await
    }

    /// Workers who can be put on an order item or a shift (staff).
    pub async fn workers(&self) -> Result<Vec<PersonRef>> {
        self.get("/workers").await
    }

    /// Who's working: shifts of the viewer's locations (workers: their own).
    pub async fn shifts(&self, query: &ShiftQuery) -> Result<Vec<Shift>> {
        self.json(self.request(Method::GET, "/shifts").query(query))
            .await
    }

    /// Where the signed-in worker stands at the clock.
    pub async fn clock_status(&self) -> Result<ClockStatus> {
        self.get("/clock").await
    }

    /// Clocks in, starts or ends a break, or clocks out; 409 when the action
    /// does not fit.
    pub async fn clock(&self, action: ClockAction) -> Result<ClockStatus> {
        let body = ClockRequest {
            action,
            shift_id: None,
        };
        self.send(Method::POST, "/clock", &body).await
    }

    pub async fn timesheets(&self, query: &TimesheetQuery) -> Result<TimesheetList> {
        self.json(self.request(Method::GET, "/timesheets").query(query))
            .await
    }

    /// Approves every entry named, or none when one cannot be.
    pub async fn approve_entries(&self, ids: &[Id]) -> Result<Vec<TimesheetEntry>> {
        let body = ApproveEntries { ids: ids.to_vec() };
        self.send(Method::POST, "/timesheets/approve", &body).await
    }

    pub async fn reject_entry(&self, id: Id, reason: &str) -> Result<TimesheetEntry> {
        let body = RejectEntry {
            reason: reason.to_owned(),
        };
        self.send(Method::POST, &format!("/timesheets/{id}/reject"), &body)
            .await
    }

    /// A worker changes their draft or rejected entry; absent fields stay.
    pub async fn patch_entry(&self, id: Id, patch: &EntryPatch) -> Result<TimesheetEntry> {
        self.send(Method::PATCH, &format!("/timesheets/{id}"), patch)
            .await
    }

    /// A worker submits their draft or rejected entry.
    pub async fn submit_entry(&self, id: Id) -> Result<TimesheetEntry> {
        self.json(self.request(Method::POST, &format!("/timesheets/{id}/submit")))
            .await
    }

    /// Approved entries of these days as CSV, as the server writes it.
    pub async fn export_timesheets(&self, query: &ExportQuery) -> Result<String> {
        let resp = checked(
            self.request(Method::GET, "/timesheets/export")
                .query(query)
                .send()
                .await?,
        )
        .await?;
        Ok(resp.text().await?)
    }

    pub async fn articles(&self, query: &ArticleQuery) -> Result<Page<Article>> {
        self.json(self.request(Method::GET, "/kb/articles").query(query))
            .await
    }

    pub async fn article(&self, id: Id) -> Result<Article> {
        self.get(&format!("/kb/articles/{id}")).await
    }

    pub async fn support_forms(&self) -> Result<Vec<SupportForm>> {
        self.get("/support-forms").await
    }

    pub async fn submit_form(&self, id: Id, submission: &FormSubmission) -> Result<Ticket> {
        self.send(
            Method::POST,
            &format!("/support-forms/{id}/submit"),
            submission,
        )
        .await
    }

    pub async fn ticket_report(&self, query: &ReportQuery) -> Result<TicketReport> {
        self.json(self.request(Method::GET, "/reports/tickets").query(query))
            .await
    }

    pub async fn ticket_report_csv(&self, query: &ReportQuery) -> Result<String> {
        let resp = checked(
            self.request(Method::GET, "/reports/tickets.csv")
                .query(query)
                .send()
                .await?,
        )
        .await?;
        Ok(resp.text().await?)
    }

    /// Uploads a file from disk under its own file name.
    pub async fn upload_path(&self, path: &std::path::Path) -> Result<Attachment> {
        let bytes = tokio::fs::read(path).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        self.upload(&name, bytes).await
    }

    pub async fn upload(&self, file_name: &str, bytes: Vec<u8>) -> Result<Attachment> {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.json(self.request(Method::POST, "/attachments").multipart(form))
            .await
    }

    /// Starts a download; the caller reads the body in chunks for progress.
    pub async fn download(&self, id: Id) -> Result<Response> {
        checked(
            self.request(Method::GET, &format!("/attachments/{id}"))
                .send()
                .await?,
        )
        .await
    }

    /// Opens the live event stream, resuming after `last_id` when given.
    pub async fn events(&self, last_id: Option<&str>) -> Result<Response> {
        let mut req = self
            .request(Method::GET, "/events")
            .header(reqwest::header::ACCEPT, "text/event-stream");
        if let Some(id) = last_id {
            req = req.header("Last-Event-ID", id);
        }
        checked(req.send().await?).await
    }
}

/// Passes a success through; turns an error answer into [`ClientError::Api`].
async fn checked(resp: Response) -> Result<Response> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let bytes = resp.bytes().await.unwrap_or_default();
    Err(api_error(status, &bytes))
}

fn api_error(status: StatusCode, body: &[u8]) -> ClientError {
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(b) => ClientError::Api {
            status: status.as_u16(),
            code: sanitize::line(&b.error.code),
            message: sanitize::line(&b.error.message),
            fields: b
                .error
                .fields
                .into_iter()
                .map(|f| FieldError {
                    field: sanitize::line(&f.field),
                    message: sanitize::line(&f.message),
                })
                .collect(),
        },
        Err(_) => ClientError::Api {
            status: status.as_u16(),
            code: "http".into(),
            message: format!(
                "the server answered {}",
                sanitize::line(&status.to_string())
            ),
            fields: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_decode_and_are_sanitised() {
        let body = br#"{"error":{"code":"not_found","message":"no such \u001b]0;x\u0007ticket","fields":[{"field":"subject","message":"too long"}]}}"#;
        let e = api_error(StatusCode::NOT_FOUND, body);
        assert!(e.is_not_found());
        assert_eq!(e.to_string(), "no such ticket (not_found)");
        let ClientError::Api { fields, .. } = e else {
            panic!("not an API error")
        };
        assert_eq!(fields[0].field, "subject");
    }

    #[test]
    fn a_body_that_is_not_ours_still_gives_the_status() {
        let e = api_error(StatusCode::BAD_GATEWAY, b"<html>");
        assert_eq!(e.status(), Some(502));
        assert!(e.to_string().contains("502"));
    }
}
