//! Runs the effects `update` asks for as tokio tasks; each sends its result
//! back as an action. Nothing here decides anything.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use portico_shared::{Attachment, Id};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::client::Client;
use crate::credentials::{Credentials, StoreKind, Vault};
use crate::sanitize;
use crate::shell::live;
use crate::shell::msg::{Action, Download, Effect, Failure};

/// Where a successful sign-in is remembered (none in the demo).
#[derive(Debug, Clone)]
pub struct Remember {
    pub vault: Vault,
    pub store: Option<StoreKind>,
}

pub struct Runner {
    client: Arc<RwLock<Client>>,
    tx: UnboundedSender<Action>,
    remember: Option<Remember>,
    downloads: PathBuf,
    live: Option<JoinHandle<()>>,
}

impl Runner {
    pub fn new(
        client: Client,
        tx: UnboundedSender<Action>,
        remember: Option<Remember>,
        downloads: PathBuf,
    ) -> Runner {
        Runner {
            client: Arc::new(RwLock::new(client)),
            tx,
            remember,
            downloads,
            live: None,
        }
    }

    fn client(&self) -> Client {
        self.client
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Spawns `effect`; hands back the ones that need the terminal itself.
    pub fn run(&mut self, effect: Effect) -> Option<Effect> {
        let c = self.client();
        let tx = self.tx.clone();
        match effect {
            Effect::FetchBranding => spawn(tx, async move {
                Action::Branding(c.branding().await.map_err(Failure::from))
            }),
            Effect::Login { email, password } => {
                let shared = self.client.clone();
                let remember = self.remember.clone();
                let notices = tx.clone();
                spawn(tx, async move {
                    let r = c.login(&email, &password).await.map_err(Failure::from);
                    if let Ok(l) = &r {
                        let signed_in = c.clone().with_token(l.token.clone());
                        *shared.write().unwrap_or_else(|p| p.into_inner()) = signed_in;
                        if let Some(rem) = remember {
                            let notice = save_token(&rem, c.server(), &l.token);
                            let _ = notices.send(Action::Info(notice));
                        }
                    }
                    Action::LoggedIn(r.map(Box::new))
                })
            }
            Effect::FetchMe => spawn(tx, async move {
                Action::Me(c.me().await.map(Box::new).map_err(Failure::from))
            }),
            Effect::FetchTickets {
                generation,
                append,
                query,
            } => spawn(tx, async move {
                Action::Tickets {
                    generation,
                    append,
                    result: c.tickets(&query).await.map_err(Failure::from),
                }
            }),
            Effect::FetchCount { slot, query } => spawn(tx, async move {
                let result = c
                    .tickets(&query)
                    .await
                    .map(|p| (p.items.len(), p.next_cursor.is_some()))
                    .map_err(Failure::from);
                Action::Count { slot, result }
            }),
            Effect::FetchMine(query) => spawn(tx, async move {
                Action::Mine(c.tickets(&query).await.map_err(Failure::from))
            }),
            Effect::FetchTicket(id) => spawn(tx, async move {
                Action::Ticket(c.ticket(id).await.map(Box::new).map_err(Failure::from))
            }),
            Effect::FetchMessages(thread) => spawn(tx, async move {
                Action::Messages {
                    thread,
                    result: c.messages(thread, None).await.map_err(Failure::from),
                }
            }),
            Effect::MarkRead(thread) => {
                // Best effort: an unread mark that stays is not worth an error.
                tokio::spawn(async move {
                    let _ = c.mark_read(thread).await;
                });
            }
            Effect::Patch { id, patch } => spawn(tx, async move {
                Action::Saved(
                    c.patch_ticket(id, &patch)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::BulkAssign(bulk) => spawn(tx, async move {
                Action::Bulk(c.bulk_assign(&bulk).await.map_err(Failure::from))
            }),
            Effect::FetchStaff => spawn(tx, async move {
                Action::Staff(c.staff().await.map_err(Failure::from))
            }),
            Effect::Post { thread, message } => spawn(tx, async move {
                Action::Posted(
                    c.post_message(thread, &message)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::Create(new) => spawn(tx, async move {
                Action::Created(
                    c.create_ticket(&new)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::Download(att) => {
                let dir = self.downloads.clone();
                tokio::spawn(async move {
                    let id = att.id;
                    let done = download(&c, &att, &dir, &tx).await;
                    let _ = tx.send(Action::Download {
                        attachment: id,
                        event: Download::Done(done),
                    });
                });
            }
            Effect::FetchOrders {
                generation,
                append,
                query,
            } => spawn(tx, async move {
                Action::Orders {
                    generation,
                    append,
                    result: c.orders(&query).await.map_err(Failure::from),
                }
            }),
            Effect::FetchOrder(id) => spawn(tx, async move {
                Action::Order(c.order(id).await.map(Box::new).map_err(Failure::from))
            }),
            Effect::PatchOrder { id, patch } => spawn(tx, async move {
                Action::OrderSaved(
                    c.patch_order(id, &patch)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::FetchOrderForm => spawn(tx, async move {
                Action::OrderForm(
                    c.effective_form(None)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::SubmitOrder { order, files } => spawn(tx, async move {
                Action::OrderCreated(submit_order(&c, order, files).await.map(Box::new))
            }),
            Effect::WriteItem { order, item, input } => spawn(tx, async move {
                Action::ItemSaved {
                    order,
                    result: c
                        .write_item(order, item, &input)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                }
            }),
            Effect::AttachDeliverable { order, path } => spawn(tx, async move {
                let result = async {
                    let file = upload(&c, &path, "path").await?;
                    Ok(c.add_deliverables(order, &[file.id]).await?)
                }
                .await;
                Action::Deliverables { order, result }
            }),
            Effect::FetchWorkers => spawn(tx, async move {
                Action::Workers(c.workers().await.map_err(Failure::from))
            }),
            Effect::FetchShifts {
                generation,
                location,
            } => spawn(tx, async move {
                let query = portico_shared::ShiftQuery {
                    location_id: location,
                    ..Default::default()
                };
                Action::Shifts {
                    generation,
                    result: c.shifts(&query).await.map_err(Failure::from),
                }
            }),
            Effect::FetchClock => spawn(tx, async move {
                Action::ClockStatus(c.clock_status().await.map(Box::new).map_err(Failure::from))
            }),
            Effect::Clock(action) => spawn(tx, async move {
                Action::Clocked {
                    action,
                    result: c.clock(action).await.map(Box::new).map_err(Failure::from),
                }
            }),
            Effect::FetchTimesheets { generation, monday } => spawn(tx, async move {
                let query = portico_shared::TimesheetQuery {
                    week: Some(monday),
                    ..Default::default()
                };
                Action::Timesheets {
                    generation,
                    result: c.timesheets(&query).await.map_err(Failure::from),
                }
            }),
            Effect::Approve(ids) => spawn(tx, async move {
                Action::Approved(c.approve_entries(&ids).await.map_err(Failure::from))
            }),
            Effect::Reject { id, reason } => spawn(tx, async move {
                Action::EntrySaved(
                    c.reject_entry(id, &reason)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::SubmitEntry(id) => spawn(tx, async move {
                Action::EntrySaved(
                    c.submit_entry(id)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::PatchEntry { id, patch } => spawn(tx, async move {
                Action::EntrySaved(
                    c.patch_entry(id, &patch)
                        .await
                        .map(Box::new)
                        .map_err(Failure::from),
                )
            }),
            Effect::StartLive => {
                if let Some(old) = self.live.take() {
                    old.abort();
                }
                self.live = Some(tokio::spawn(live::follow(c, tx)));
            }
            Effect::Logout => {
                if let Some(old) = self.live.take() {
                    old.abort();
                }
                let remember = self.remember.clone();
                spawn(tx, async move {
                    // Forget locally even when the server cannot be told.
                    let _ = c.logout().await;
                    if let Some(rem) = remember {
                        let _ = rem.vault.clear();
                    }
                    Action::LoggedOut
                })
            }
            Effect::SettleFilter(seq) => spawn(tx, async move {
                tokio::time::sleep(FILTER_PAUSE).await;
                Action::FilterSettled(seq)
            }),
            e @ Effect::EditExternally(_) => return Some(e),
        }
        None
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        if let Some(l) = self.live.take() {
            l.abort();
        }
    }
}

/// How long typing in the list filter pauses before the list is fetched.
const FILTER_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

fn spawn(
    tx: UnboundedSender<Action>,
    work: impl std::future::Future<Output = Action> + Send + 'static,
) {
    tokio::spawn(async move {
        // A closed channel means the app is quitting; the answer is moot.
        let _ = tx.send(work.await);
    });
}

/// Remembers the token; answers a one-line notice saying where (stderr
/// belongs to the screen here, so the notice goes to the status line).
fn save_token(rem: &Remember, server: &str, token: &str) -> String {
    let creds = Credentials {
        server: server.to_owned(),
        token: token.to_owned(),
    };
    match rem.vault.save(&creds, rem.store) {
        Ok(notice) => format!("Signed in; {notice}"),
        Err(e) => format!("Signed in, but the token could not be stored: {e}"),
    }
}

/// `~/…` as people type it, from `$HOME`.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_owned(),
    }
}

/// Uploads a file from disk; a failure is an error of the form's `field`.
async fn upload(c: &Client, path: &Path, field: &str) -> Result<Attachment, Failure> {
    let path = expand_home(path);
    if !path.is_file() {
        let why = format!("{}: no such file", path.display());
        return Err(Failure::field(field, &why));
    }
    c.upload_path(&path).await.map_err(|e| {
        let f = Failure::from(e);
        if f.unauthorized {
            f
        } else {
            Failure::field(field, &f.message)
        }
    })
}

/// Uploads the order's files into their fields, then submits it.
async fn submit_order(
    c: &Client,
    mut order: portico_shared::NewOrder,
    files: Vec<(String, PathBuf)>,
) -> Result<portico_shared::OrderDetail, Failure> {
    for (key, path) in files {
        let file = upload(c, &path, &format!("values.{key}")).await?;
        order.values.insert(key, serde_json::Value::from(file.id));
    }
    Ok(c.create_order(&order).await?)
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
    let _ = tx.send(Action::Download {
        attachment: id,
        event: Download::Progress { received, total },
    });
}

/// A path in `dir` for `name` that does not exist yet; the name is reduced
/// to a plain file name, so a server cannot make us write elsewhere.
pub fn free_path(dir: &Path, name: &str) -> PathBuf {
    let clean = match sanitize::file_name(name).as_str() {
        "file" => "attachment".to_owned(),
        other => other.to_owned(),
    };
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (clean.clone(), String::new()),
    };
    let mut path = dir.join(&clean);
    let mut n = 1;
    while path.symlink_metadata().is_ok() {
        path = dir.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_stay_in_their_directory() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = free_path(dir.path(), "../../etc/passwd");
        assert_eq!(p.parent(), Some(dir.path()));
        assert_eq!(
            p.file_name().and_then(|n| n.to_str()),
            Some("_.._etc_passwd")
        );
        std::fs::write(dir.path().join("a.txt"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(free_path(dir.path(), "a.txt"), dir.path().join("a (1).txt"));
        assert_eq!(
            free_path(dir.path(), "\u{1b}]0;x\u{7}"),
            dir.path().join("attachment")
        );
    }
}
