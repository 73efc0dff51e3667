//! Invoices and quotes over the API.

use portico_shared::{
    BillingQuery, Id, Invoice, InvoiceDetail, InvoicePatch, NewInvoice, NewPayment, NewQuote, Page,
    Quote, QuoteDecision, QuoteDetail, QuotePatch,
};
use reqwest::Method;

use super::{Client, Result, checked};

impl Client {
    pub async fn invoices(&self, query: &BillingQuery) -> Result<Page<Invoice>> {
        self.json(self.request(Method::GET, "/invoices").query(query))
            .await
    }

    pub async fn invoice(&self, id: Id) -> Result<InvoiceDetail> {
        self.get(&format!("/invoices/{id}")).await
    }

    /// The invoice's PDF, as the server renders it.
    pub async fn invoice_pdf(&self, id: Id) -> Result<Vec<u8>> {
        self.pdf(&format!("/invoices/{id}/pdf")).await
    }

    /// The quote's PDF, as the server renders it.
    pub async fn quote_pdf(&self, id: Id) -> Result<Vec<u8>> {
        self.pdf(&format!("/quotes/{id}/pdf")).await
    }

    async fn pdf(&self, path: &str) -> Result<Vec<u8>> {
        let resp = checked(self.request(Method::GET, path).send().await?).await?;
        Ok(resp.bytes().await?.to_vec())
    }

    /// Staff record a payment.
    pub async fn pay_invoice(&self, id: Id, payment: &NewPayment) -> Result<InvoiceDetail> {
        self.send(Method::POST, &format!("/invoices/{id}/payments"), payment)
            .await
    }

    pub async fn quotes(&self, query: &BillingQuery) -> Result<Page<Quote>> {
        self.json(self.request(Method::GET, "/quotes").query(query))
            .await
    }

    pub async fn quote(&self, id: Id) -> Result<QuoteDetail> {
        self.get(&format!("/quotes/{id}")).await
    }

    /// The client accepts (or declines) a sent quote, with a note.
    pub async fn decide_quote(&self, id: Id, accept: bool, note: &str) -> Result<QuoteDetail> {
        let verb = if accept { "accept" } else { "decline" };
        let body = QuoteDecision {
            note: note.to_owned(),
        };
        self.send(Method::POST, &format!("/quotes/{id}/{verb}"), &body)
            .await
    }

    /// Staff send a draft invoice: it is numbered and the client sees it.
    pub async fn send_invoice(&self, id: Id) -> Result<InvoiceDetail> {
        self.send(
            Method::POST,
            &format!("/invoices/{id}/send"),
            &serde_json::json!({}),
        )
        .await
    }

    /// Staff change a draft invoice; `lines` replaces them all.
    pub async fn patch_invoice(&self, id: Id, patch: &InvoicePatch) -> Result<InvoiceDetail> {
        self.send(Method::PATCH, &format!("/invoices/{id}"), patch)
            .await
    }

    /// Staff write a new draft invoice.
    pub async fn create_invoice(&self, new: &NewInvoice) -> Result<InvoiceDetail> {
        self.send(Method::POST, "/invoices", new).await
    }

    /// Staff write a new draft quote.
    pub async fn create_quote(&self, new: &NewQuote) -> Result<QuoteDetail> {
        self.send(Method::POST, "/quotes", new).await
    }

    /// Staff change a draft quote; `lines` replaces them all.
    pub async fn patch_quote(&self, id: Id, patch: &QuotePatch) -> Result<QuoteDetail> {
        self.send(Method::PATCH, &format!("/quotes/{id}"), patch)
            .await
    }

    /// Staff void a draft or sent invoice; its number is never given again.
    pub async fn void_invoice(&self, id: Id) -> Result<InvoiceDetail> {
        self.send(
            Method::POST,
            &format!("/invoices/{id}/void"),
            &serde_json::json!({}),
        )
        .await
    }

    /// Staff send a draft quote.
    pub async fn send_quote(&self, id: Id) -> Result<QuoteDetail> {
        self.send(
            Method::POST,
            &format!("/quotes/{id}/send"),
            &serde_json::json!({}),
        )
        .await
    }
}
