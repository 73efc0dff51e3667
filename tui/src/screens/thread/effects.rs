//! A thread's effects: loading its messages, marking them read, a reply,
//! a download streamed to a file with its progress.

use std::path::{Path, PathBuf};

use portico_shared::{Attachment, Id};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::client::Client;
use crate::failure::Failure;
use crate::paths::free_path;
use crate::screens::thread::msg::{Download, ThreadEffect, ThreadMsg};
use crate::shell::msg::Action;
use crate::shell::task::spawn;

/// Runs one effect as a task; answers come back on `tx` as actions.
/// Downloads go to `downloads`.
pub fn run(effect: ThreadEffect, c: Client, tx: UnboundedSender<Action>, downloads: &Path) {
    match effect {
        ThreadEffect::FetchMessages(thread) => spawn(tx, async move {
            Action::Thread(ThreadMsg::Messages {
                thread,
                result: c.messages(thread, None).await.map_err(Failure::from),
            })
        }),
        ThreadEffect::MarkRead(thread) => {
            // Best effort: an unread mark that stays is not worth an error.
            tokio::spawn(async move {
                let _ = c.mark_read(thread).await;
            });
        }
        ThreadEffect::Post { thread, message } => spawn(tx, async move {
            Action::Thread(ThreadMsg::Posted(
                c.post_message(thread, &message)
                    .await
                    .map(Box::new)
                    .map_err(Failure::from),
            ))
        }),
        ThreadEffect::Download(att) => {
            let dir = downloads.to_owned();
            tokio::spawn(async move {
                let id = att.id;
                let done = download(&c, &att, &dir, &tx).await;
                let _ = tx.send(Action::Thread(ThreadMsg::Download {
                    attachment: id,
                    event: Download::Done(done),
                }));
            });
        }
    }
}

/// Streams an attachment to a new file in `dir`, reporting progress.
async fn download(
    c: &Client,
    att: &Attachment,
    dir: &Path,
    tx: &UnboundedSender<Action>,
) -> Result<PathBuf, Failure> {
    let mut resp = c.download(att.id).await?;
    let total = resp.content_length();
    let path = free_path(dir, &att.file_name);
    let io = |e: std::io::Error| Failure::new(&format!("{}: {e}", path.display()));
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .await
        .map_err(io)?;
    let mut received = 0u64;
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| Failure::from(crate::client::ClientError::from(e)))?
    {
        file.write_all(&chunk).await.map_err(io)?;
        received += chunk.len() as u64;
        progress(tx, att.id, received, total);
    }
    file.flush().await.map_err(io)?;
    Ok(path)
}

fn progress(tx: &UnboundedSender<Action>, id: Id, received: u64, total: Option<u64>) {
    let _ = tx.send(Action::Thread(ThreadMsg::Download {
        attachment: id,
        event: Download::Progress { received, total },
    }));
}
