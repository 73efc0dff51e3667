//! A small IMAP server for tests: it speaks real IMAP4rev1 (RFC 3501) over
//! TCP on a loopback port, enough of it for a mail poller (CAPABILITY,
//! LOGIN, SELECT, UID SEARCH UNSEEN, UID FETCH with RFC822.SIZE, FLAGS,
//! BODY[] and BODY.PEEK[], UID STORE +FLAGS, NOOP, LOGOUT, and IDLE from
//! RFC 2177 unless started without it), and holds one mailbox in memory.
//! `BODY[]` sets `\Seen` as real servers do; `BODY.PEEK[]` does not. It can
//! be stopped (connections are cut, the port refuses) and started again on
//! the same port with the same mailbox.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedReadHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

/// The account the server accepts (its password has characters a URL must encode).
pub const USER: &str = "support@portico.test";
pub const PASSWORD: &str = "s3cret p@ss/word";

/// One message in the mailbox.
#[derive(Debug, Clone)]
pub struct Stored {
    pub uid: u32,
    pub raw: Vec<u8>,
    pub seen: bool,
    /// How often its text was fetched (`BODY[]` or `BODY.PEEK[]`).
    pub text_fetches: u32,
}

#[derive(Default)]
struct Mailbox {
    messages: Vec<Stored>,
    next_uid: u32,
    /// Commands received, by name (`IDLE`, `LOGIN`, …), in order.
    commands: Vec<String>,
}

#[derive(Clone)]
struct Shared {
    mailbox: Arc<Mutex<Mailbox>>,
    /// Bumped whenever a message arrives, to wake IDLE.
    arrivals: Arc<watch::Sender<u64>>,
    idle: bool,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Mailbox> {
        self.mailbox.lock().expect("the mailbox")
    }
}

/// A running server. Dropping it stops it.
pub struct ImapServer {
    pub port: u16,
    shared: Shared,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl ImapServer {
    /// On a free loopback port, with IDLE.
    pub async fn start() -> ImapServer {
        Self::start_on(0, true).await
    }

    /// On `port` (0: any free one); `idle`: whether it offers IDLE.
    pub async fn start_on(port: u16, idle: bool) -> ImapServer {
        let shared = Shared {
            mailbox: Arc::new(Mutex::new(Mailbox {
                next_uid: 1,
                ..Mailbox::default()
            })),
            arrivals: Arc::new(watch::channel(0).0),
            idle,
        };
        Self::serve(port, shared).await
    }

    async fn serve(port: u16, shared: Shared) -> ImapServer {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind the IMAP port");
        let port = listener.local_addr().expect("local address").port();
        let state = shared.clone();
        // Connections live in this task's set: aborting it cuts them all.
        let task = tokio::spawn(async move {
            let mut conversations = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let state = state.clone();
                conversations.spawn(async move {
                    let _ = converse(stream, &state).await;
                });
            }
        });
        ImapServer {
            port,
            shared,
            task: Some(task),
        }
    }

    /// `imap://USER:PASSWORD@127.0.0.1:PORT/INBOX`, percent-encoded, for the config.
    pub fn url(&self) -> String {
        url_for(self.port)
    }

    /// Puts a message in the mailbox, unseen; answers its UID.
    pub fn deliver(&self, raw: impl Into<Vec<u8>>) -> u32 {
        let uid = {
            let mut m = self.shared.lock();
            let uid = m.next_uid;
            m.next_uid += 1;
            m.messages.push(Stored {
                uid,
                raw: raw.into(),
                seen: false,
                text_fetches: 0,
            });
            uid
        };
        self.shared.arrivals.send_modify(|n| *n += 1);
        uid
    }

    /// Every message as it stands.
    pub fn messages(&self) -> Vec<Stored> {
        self.shared.lock().messages.clone()
    }

    /// How many times a command of this name was received.
    pub fn count(&self, command: &str) -> usize {
        self.shared
            .lock()
            .commands
            .iter()
            .filter(|c| c.as_str() == command)
            .count()
    }

    /// Waits until every message is `\Seen` (panics after `wait`).
    pub async fn wait_all_seen(&self, wait: Duration) -> Vec<Stored> {
        let until = tokio::time::Instant::now() + wait;
        loop {
            let all = self.messages();
            if all.iter().all(|m| m.seen) {
                return all;
            }
            assert!(
                tokio::time::Instant::now() < until,
                "not all seen within {wait:?}: {:?}",
                all.iter().map(|m| (m.uid, m.seen)).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops listening and cuts every connection; the mailbox is kept for `restart`.
    pub async fn stop(mut self) -> StoppedImap {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
        StoppedImap {
            port: self.port,
            shared: self.shared.clone(),
        }
    }

    /// Waits until a command of this name was received `n` times (panics after `wait`).
    pub async fn wait_count(&self, command: &str, n: usize, wait: Duration) {
        let until = tokio::time::Instant::now() + wait;
        while self.count(command) < n {
            assert!(
                tokio::time::Instant::now() < until,
                "{command} not received {n} times within {wait:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for ImapServer {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// A stopped server: its port and its mailbox.
pub struct StoppedImap {
    pub port: u16,
    shared: Shared,
}

impl StoppedImap {
    /// Puts a message in the mailbox while the server is down.
    pub fn deliver(&self, raw: impl Into<Vec<u8>>) {
        let mut m = self.shared.lock();
        let uid = m.next_uid;
        m.next_uid += 1;
        m.messages.push(Stored {
            uid,
            raw: raw.into(),
            seen: false,
            text_fetches: 0,
        });
    }

    /// Listens again on the same port with the same mailbox.
    pub async fn restart(self) -> ImapServer {
        ImapServer::serve(self.port, self.shared).await
    }
}

/// The config URL for the test account on `port`.
pub fn url_for(port: u16) -> String {
    format!("imap://support%40portico.test:s3cret%20p%40ss%2Fword@127.0.0.1:{port}/INBOX")
}

/// One conversation, until LOGOUT or the client hangs up.
async fn converse(stream: TcpStream, state: &Shared) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write
        .write_all(b"* OK [CAPABILITY IMAP4rev1] test server ready\r\n")
        .await?;
    let mut signed_in = false;
    let mut selected = false;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let text = line.trim_end();
        let (tag, rest) = text.split_once(' ').unwrap_or((text, ""));
        let (verb, args) = rest.split_once(' ').unwrap_or((rest, ""));
        let mut verb = verb.to_ascii_uppercase();
        let mut args = args.to_owned();
        let uid = verb == "UID";
        if uid {
            let (v, a) = args.split_once(' ').unwrap_or((&args, ""));
            (verb, args) = (v.to_ascii_uppercase(), a.to_owned());
        }
        state.lock().commands.push(verb.clone());
        let mut out = Vec::new();
        let done = match (verb.as_str(), signed_in, selected) {
            ("CAPABILITY", ..) => {
                out.extend_from_slice(if state.idle {
                    b"* CAPABILITY IMAP4rev1 IDLE\r\n"
                } else {
                    b"* CAPABILITY IMAP4rev1\r\n"
                });
                "OK CAPABILITY completed"
            }
            ("NOOP", ..) => "OK NOOP completed",
            ("LOGOUT", ..) => {
                let bye = format!("* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
                write.write_all(bye.as_bytes()).await?;
                return Ok(());
            }
            ("LOGIN", false, _) => {
                let words = strings(&args);
                if words.len() == 2 && words[0] == USER && words[1] == PASSWORD {
                    signed_in = true;
                    "OK LOGIN completed"
                } else {
                    "NO [AUTHENTICATIONFAILED] invalid credentials"
                }
            }
            ("SELECT", true, _) if strings(&args).first().map(String::as_str) == Some("INBOX") => {
                selected = true;
                let m = state.lock();
                out.extend_from_slice(
                    format!(
                        "* FLAGS (\\Seen)\r\n* {} EXISTS\r\n* 0 RECENT\r\n\
                         * OK [UIDVALIDITY 1] UIDs valid\r\n* OK [UIDNEXT {}] next\r\n",
                        m.messages.len(),
                        m.next_uid
                    )
                    .as_bytes(),
                );
                "OK [READ-WRITE] SELECT completed"
            }
            ("SELECT", true, _) => "NO no such mailbox",
            ("SEARCH", true, true) if uid && args.eq_ignore_ascii_case("UNSEEN") => {
                let m = state.lock();
                let mut found = String::from("* SEARCH");
                for msg in m.messages.iter().filter(|m| !m.seen) {
                    found.push_str(&format!(" {}", msg.uid));
                }
                out.extend_from_slice(format!("{found}\r\n").as_bytes());
                "OK SEARCH completed"
            }
            ("FETCH", true, true) if uid => {
                let (set, items) = args.split_once(' ').unwrap_or((&args, ""));
                out = fetch(state, set, &items.to_ascii_uppercase());
                "OK FETCH completed"
            }
            ("STORE", true, true) if uid && args.to_ascii_uppercase().contains("\\SEEN") => {
                let (set, how) = args.split_once(' ').unwrap_or((&args, ""));
                let how = how.to_ascii_uppercase();
                if !how.starts_with("+FLAGS") {
                    "BAD only +FLAGS here"
                } else {
                    let mut m = state.lock();
                    let last = m.next_uid;
                    for (i, msg) in m.messages.iter_mut().enumerate() {
                        if in_set(set, msg.uid, last) {
                            msg.seen = true;
                            if !how.starts_with("+FLAGS.SILENT") {
                                out.extend_from_slice(
                                    format!(
                                        "* {} FETCH (UID {} FLAGS (\\Seen))\r\n",
                                        i + 1,
                                        msg.uid
                                    )
                                    .as_bytes(),
                                );
                            }
                        }
                    }
                    "OK STORE completed"
                }
            }
            ("IDLE", true, true) if state.idle => {
                write.write_all(b"+ idling\r\n").await?;
                if !idle(&mut lines, &mut write, state).await? {
                    return Ok(());
                }
                "OK IDLE terminated"
            }
            (_, false, _) | (_, true, false) => "NO sign in and select first",
            _ => "BAD not understood",
        };
        out.extend_from_slice(format!("{tag} {done}\r\n").as_bytes());
        write.write_all(&out).await?;
    }
}

/// Waits for `DONE`, telling the client of every new message meanwhile;
/// false when the client hung up.
async fn idle(
    lines: &mut BufReader<OwnedReadHalf>,
    write: &mut tokio::net::tcp::OwnedWriteHalf,
    state: &Shared,
) -> std::io::Result<bool> {
    let mut arrivals = state.arrivals.subscribe();
    arrivals.mark_unchanged();
    let mut line = String::new();
    loop {
        tokio::select! {
            read = lines.read_line(&mut line) => {
                return Ok(read? > 0 && line.trim().eq_ignore_ascii_case("DONE"));
            }
            changed = arrivals.changed() => {
                if changed.is_err() {
                    return Ok(false);
                }
                let exists = state.lock().messages.len();
                write.write_all(format!("* {exists} EXISTS\r\n").as_bytes()).await?;
            }
        }
    }
}

/// The untagged FETCH responses for the messages of `set` with `items`.
fn fetch(state: &Shared, set: &str, items: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut m = state.lock();
    let last = m.next_uid;
    for (i, msg) in m.messages.iter_mut().enumerate() {
        if !in_set(set, msg.uid, last) {
            continue;
        }
        let mut parts = format!("* {} FETCH (UID {}", i + 1, msg.uid).into_bytes();
        if items.contains("RFC822.SIZE") {
            parts.extend_from_slice(format!(" RFC822.SIZE {}", msg.raw.len()).as_bytes());
        }
        let text = items.contains("BODY.PEEK[]") || items.contains("BODY[]");
        if text {
            msg.text_fetches += 1;
            if !items.contains("BODY.PEEK[]") {
                msg.seen = true;
            }
        }
        if items.contains("FLAGS") {
            let flags = if msg.seen { "\\Seen" } else { "" };
            parts.extend_from_slice(format!(" FLAGS ({flags})").as_bytes());
        }
        if text {
            parts.extend_from_slice(format!(" BODY[] {{{}}}\r\n", msg.raw.len()).as_bytes());
            parts.extend_from_slice(&msg.raw);
        }
        parts.extend_from_slice(b")\r\n");
        out.extend_from_slice(&parts);
    }
    out
}

/// Whether `uid` is in a UID set such as `3`, `1:4`, `2:*` or `1,5`.
fn in_set(set: &str, uid: u32, next: u32) -> bool {
    let number = |s: &str| {
        if s == "*" {
            Some(next.saturating_sub(1))
        } else {
            s.parse::<u32>().ok()
        }
    };
    set.split(',').any(|part| match part.split_once(':') {
        Some((a, b)) => match (number(a), number(b)) {
            (Some(a), Some(b)) => (a.min(b)..=a.max(b)).contains(&uid),
            _ => false,
        },
        None => number(part) == Some(uid),
    })
}

/// The arguments of a command: quoted strings (with `\` escapes) or atoms.
fn strings(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = args.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => s.extend(chars.next()),
                    '"' => break,
                    c => s.push(c),
                }
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}
