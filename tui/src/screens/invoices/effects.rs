//! The invoices' and quotes' effects: calls to the server, each answered
//! as a message; a PDF is written to a new file in the downloads folder.

use std::path::{Path, PathBuf};

use crate::client::Client;
use crate::failure::Failure;
use crate::paths::free_path;
use crate::screens::invoices::msg::{BillingEffect, BillingMsg};

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
