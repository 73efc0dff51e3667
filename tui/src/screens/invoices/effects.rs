//! The invoices' and quotes' effects: calls to the server, each answered
//! as a message; a PDF is written to a new file in the downloads folder.

use std::path::{Path, PathBuf};

use crate::client::Client;
use crate::failure::Failure;
use crate::paths::free_path;
use crate::screens::invoices::msg::{BillingEffect, BillingMsg};
use crate::widgets::form::NewDraft;

pub async fn run(effect: BillingEffect, c: Client, downloads: PathBuf) -> BillingMsg {
    match effect {
        BillingEffect::FetchInvoices {
            generation,
            append,
            query,
        } => BillingMsg::Invoices {
            generation,
            append,
            result: c.invoices(&query).await.map_err(Failure::from),
        },
        BillingEffect::FetchQuotes {
            generation,
            append,
            query,
        } => BillingMsg::Quotes {
            generation,
            append,
            result: c.quotes(&query).await.map_err(Failure::from),
        },
        BillingEffect::FetchInvoice(id) => {
            BillingMsg::Invoice(c.invoice(id).await.map(Box::new).map_err(Failure::from))
        }
        BillingEffect::FetchQuote(id) => {
            BillingMsg::Quote(c.quote(id).await.map(Box::new).map_err(Failure::from))
        }
        BillingEffect::Decide { id, accept } => BillingMsg::Decided(
            c.decide_quote(id, accept, "")
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::SavePdf { id, name } => {
            BillingMsg::PdfSaved(save_pdf(&c, id, &downloads, &name).await)
        }
        BillingEffect::Send { id, quote: false } => BillingMsg::InvoiceSent(
            c.send_invoice(id)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::Send { id, quote: true } => {
            BillingMsg::QuoteSent(c.send_quote(id).await.map(Box::new).map_err(Failure::from))
        }
        BillingEffect::Pay { invoice, payment } => BillingMsg::Paid(
            c.pay_invoice(invoice, &payment)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::SaveDraft { id, patch } => BillingMsg::DraftSaved(
            c.patch_invoice(id, &patch)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::SaveQuoteDraft { id, patch } => BillingMsg::QuoteSaved(
            c.patch_quote(id, &patch)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::NewDraft(NewDraft::Invoice(new)) => BillingMsg::DraftSaved(
            c.create_invoice(&new)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::NewDraft(NewDraft::Quote(new)) => BillingMsg::QuoteSaved(
            c.create_quote(&new)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::Void(id) => BillingMsg::Voided(
            c.void_invoice(id)
                .await
                .map(Box::new)
                .map_err(Failure::from),
        ),
        BillingEffect::OpenLink(link) => {
            let result = open_in_browser(&link).await;
            BillingMsg::LinkOpened { link, result }
        }
    }
}

/// Hands an http(s) link to the desktop's opener (`xdg-open`, macOS
/// `open`), as one argument: no shell reads it.
async fn open_in_browser(link: &str) -> Result<(), String> {
    if !(link.starts_with("https://") || link.starts_with("http://")) {
        return Err("not a web address".into());
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let status = tokio::process::Command::new(opener)
        .arg(link)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .await
        .map_err(|e| format!("{opener}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{opener} failed ({status})"))
    }
}

/// Fetches the PDF and writes it to a new file in `dir`, never over one.
async fn save_pdf(
    c: &Client,
    id: portico_shared::Id,
    dir: &Path,
    name: &str,
) -> Result<PathBuf, Failure> {
    let bytes = c.invoice_pdf(id).await?;
    let path = free_path(dir, name);
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .await
        .map_err(|e| Failure::new(&format!("{}: {e}", path.display())))?;
    tokio::io::AsyncWriteExt::write_all(&mut file, &bytes)
        .await
        .map_err(|e| Failure::new(&format!("{}: {e}", path.display())))?;
    Ok(path)
}
