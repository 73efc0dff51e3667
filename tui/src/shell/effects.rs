//! Runs the effects `update` asks for as tokio tasks; each sends its result
//! back as an action. Nothing here decides anything.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use portico_shared::LoginResponse;

use crate::client::{Client, ClientError, LoginAnswer};
use crate::credentials::{Credentials, StoreKind, Vault};
use crate::failure::{Failure, Outcome};
use crate::shell::live;
use crate::shell::module::Runtime;
use crate::shell::msg::{Action, Effect};
use crate::shell::route;
use crate::shell::task::spawn;

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
    /// The admin's own client while the app is a view of a contact.
    before_view: Arc<RwLock<Option<Client>>>,
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
            before_view: Arc::default(),
        }
    }

    fn keeper(&self, notices: UnboundedSender<Action>) -> TokenKeeper {
        TokenKeeper {
            shared: self.client.clone(),
            remember: self.remember.clone(),
            notices,
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
        let rt = Runtime {
            client: c,
            tx,
            downloads: self.downloads.clone(),
        };
        // A module's effect is now under way, and leaves nothing for the terminal.
        let effect = route::run(effect, &rt)?;
        let Runtime { client: c, tx, .. } = rt;
        match effect {
            Effect::FetchBranding => spawn(tx, async move {
                Action::Branding(c.branding().await.map_err(Failure::from))
            }),
            Effect::Login { email, password } => {
                let keep = self.keeper(tx.clone());
                spawn(tx, async move {
                    match c.login(&email, &password).await {
                        Ok(LoginAnswer::Code(challenge)) => Action::CodeNeeded(Box::new(challenge)),
                        Ok(LoginAnswer::Session(s)) => Action::LoggedIn(keep.signed_in(&c, Ok(s))),
                        Err(e) => Action::LoggedIn(keep.signed_in(&c, Err(e))),
                    }
                })
            }
            Effect::LoginCode { challenge, code } => {
                let keep = self.keeper(tx.clone());
                spawn(tx, async move {
                    let r = c.login_totp(&challenge, &code).await;
                    Action::LoggedIn(keep.signed_in(&c, r))
                })
            }
            Effect::Join { code, password } => {
                let keep = self.keeper(tx.clone());
                spawn(tx, async move {
                    let r = c.accept_invite(&code, &password, None).await;
                    Action::LoggedIn(keep.signed_in(&c, r))
                })
            }
            Effect::FetchMe => spawn(tx, async move {
                Action::Me(c.me().await.map(Box::new).map_err(Failure::from))
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
            Effect::ViewAs(id) => {
                let (shared, saved) = (self.client.clone(), self.before_view.clone());
                spawn(tx, async move {
                    let view = match c.view_as(id).await {
                        Ok(v) => c.clone().with_token(v.token),
                        Err(e) => return Action::Viewed(Err(Failure::from(e))),
                    };
                    *saved.write().unwrap_or_else(|p| p.into_inner()) = Some(c);
                    *shared.write().unwrap_or_else(|p| p.into_inner()) = view.clone();
                    Action::Viewed(view.me().await.map(Box::new).map_err(Failure::from))
                })
            }
            Effect::EndView => {
                let saved = self
                    .before_view
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .take();
                if let Some(own) = saved {
                    *self.client.write().unwrap_or_else(|p| p.into_inner()) = own.clone();
                    spawn(tx, async move {
                        // The view lapses by itself; ending it now is tidier.
                        let _ = c.logout().await;
                        Action::Viewed(own.me().await.map(Box::new).map_err(Failure::from))
                    })
                }
            }
            Effect::SettleFilter(seq) => spawn(tx, async move {
                tokio::time::sleep(FILTER_PAUSE).await;
                Action::FilterSettled(seq)
            }),
            e @ Effect::EditExternally(_) => return Some(e),
            // The screens' effects went to their modules above.
            _ => {}
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

/// Remembers the token; answers a one-line notice saying where (stderr
/// belongs to the screen here, so the notice goes to the status line).
/// What a sign-in (by password or by invite) does with its token: every
/// later call carries it, and it is remembered when the app may.
struct TokenKeeper {
    shared: Arc<RwLock<Client>>,
    remember: Option<Remember>,
    notices: UnboundedSender<Action>,
}

impl TokenKeeper {
    fn signed_in(
        &self,
        c: &Client,
        r: Result<LoginResponse, ClientError>,
    ) -> Outcome<Box<LoginResponse>> {
        let r = r.map_err(Failure::from);
        if let Ok(l) = &r {
            let signed_in = c.clone().with_token(l.token.clone());
            *self.shared.write().unwrap_or_else(|p| p.into_inner()) = signed_in;
            if let Some(rem) = &self.remember {
                let notice = save_token(rem, c.server(), &l.token);
                let _ = self.notices.send(Action::Info(notice));
            }
        }
        r.map(Box::new)
    }
}

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
