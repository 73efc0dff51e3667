//! Files to and from the server: uploading the ones a command names, and
//! saving an order's or a task's files into a directory.

use std::path::{Path, PathBuf};

use portico_shared::{Attachment, Id};
use tokio::io::AsyncWriteExt;

use crate::cli::{CliError, Result};
use crate::client::{Client, ClientError};
use crate::sanitize;
use crate::widgets::human_size;

/// Uploads each file under its own name; answers their ids in order.
pub async fn upload_all(client: &Client, paths: &[PathBuf]) -> Result<Vec<Id>> {
    let mut ids = Vec::with_capacity(paths.len());
    for path in paths {
        ids.push(client.upload_path(path).await?.id);
    }
    Ok(ids)
}

/// Every file into `dir`, under names made safe; an existing file is never
/// overwritten, and nothing is written when one would be.
pub async fn save_all(client: &Client, files: &[Attachment], dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Usage(format!("cannot use {}: {e}", dir.display())))?;
    let planned = plan_names(files, dir);
    let taken: Vec<String> = planned
        .iter()
        .filter(|(_, p)| p.symlink_metadata().is_ok())
        .map(|(_, p)| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(CliError::Usage(format!(
            "not overwriting what is there: {}",
            sanitize::line(&taken.join(", "))
        )));
    }
    for (attachment, path) in planned {
        match save(client, attachment, &path).await {
            Ok(bytes) => outln!(
                "Saved {} ({})",
                sanitize::line(&path.display().to_string()),
                human_size(bytes as i64)
            ),
            Err(e) => {
                // Leave no half-written file behind.
                let _ = std::fs::remove_file(&path);
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Where each file goes: its safe name, numbered when two share one.
fn plan_names(files: &[Attachment], dir: &Path) -> Vec<(Id, PathBuf)> {
    let mut planned: Vec<(Id, PathBuf)> = Vec::new();
    for a in files {
        let name = sanitize::file_name(&a.file_name);
        let mut path = dir.join(&name);
        let mut n = 2;
        while planned.iter().any(|(_, p)| *p == path) {
            let (stem, ext) = match name.rsplit_once('.') {
                Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
                _ => (name.clone(), String::new()),
            };
            path = dir.join(format!("{stem} ({n}){ext}"));
            n += 1;
        }
        planned.push((a.id, path));
    }
    planned
}

/// Streams one attachment into a file that must not exist yet.
async fn save(client: &Client, attachment: Id, path: &Path) -> Result<u64> {
    let mut resp = client.download(attachment).await?;
    let io = |e: std::io::Error| CliError::Other(anyhow::anyhow!("{}: {e}", path.display()));
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .await
        .map_err(io)?;
    let mut written = 0u64;
    while let Some(chunk) = resp.chunk().await.map_err(ClientError::from)? {
        file.write_all(&chunk).await.map_err(io)?;
        written += chunk.len() as u64;
    }
    file.flush().await.map_err(io)?;
    Ok(written)
}
