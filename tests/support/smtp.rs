//! A small SMTP receiver for tests: it speaks real SMTP (RFC 5321: EHLO,
//! MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) over TCP on a
//! loopback port and keeps every message it accepted. It can be stopped
//! (the port then refuses connections) and started again on the same port.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One accepted message: its envelope and its data as sent.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    /// The message parsed, for its headers and text.
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("an RFC 5322 message")
    }

    /// One header's raw value, trimmed.
    pub fn header(&self, name: &str) -> Option<String> {
        self.parsed()
            .header_raw(name)
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The plain-text body.
    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }
}

/// A running receiver. Dropping it stops it.
pub struct SmtpServer {
    pub port: u16,
    mail: Arc<Mutex<Vec<Received>>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl SmtpServer {
    /// On a free loopback port.
    pub async fn start() -> SmtpServer {
        Self::start_on(0, Arc::default()).await
    }

    /// `smtp://127.0.0.1:PORT`, for the server's config.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    async fn start_on(port: u16, mail: Arc<Mutex<Vec<Received>>>) -> SmtpServer {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind the SMTP port");
        let port = listener.local_addr().expect("local address").port();
        let kept = mail.clone();
        // One conversation at a time: aborting this task closes the port
        // and any conversation at once.
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = converse(stream, &kept).await;
            }
        });
        SmtpServer {
            port,
            mail,
            task: Some(task),
        }
    }

    /// Stops listening; connections to the port are refused until `restart`.
    pub async fn stop(mut self) -> StoppedSmtp {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
        StoppedSmtp {
            port: self.port,
            mail: self.mail.clone(),
        }
    }

    /// A server's `[smtp]` that mails this receiver from `from`, trying
    /// every second.
    pub fn config(&self, from: &str) -> portico_server::config::SmtpConfig {
        portico_server::config::SmtpConfig {
            url: self.url(),
            from: from.into(),
            send_every_secs: 1,
            retry_secs: 1,
            ..portico_server::config::SmtpConfig::default()
        }
    }

    /// Every message accepted so far.
    pub fn received(&self) -> Vec<Received> {
        self.mail.lock().expect("mail list").clone()
    }

    /// Waits until at least `n` messages were accepted (panics after `wait`).
    pub async fn wait_for(&self, n: usize, wait: Duration) -> Vec<Received> {
        let until = tokio::time::Instant::now() + wait;
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                tokio::time::Instant::now() < until,
                "expected {n} mails within {wait:?}, got {}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// A stopped receiver: its port and what it had accepted.
pub struct StoppedSmtp {
    pub port: u16,
    mail: Arc<Mutex<Vec<Received>>>,
}

impl StoppedSmtp {
    /// Listens again on the same port, keeping what was accepted before.
    pub async fn restart(self) -> SmtpServer {
        SmtpServer::start_on(self.port, self.mail).await
    }
}

/// One SMTP conversation, until QUIT or the client hangs up.
async fn converse(stream: TcpStream, kept: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 test.invalid ESMTP ready\r\n").await?;
    let mut envelope: Option<Received> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = text
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-test.invalid\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "RSET" => {
                envelope = None;
                b"250 OK\r\n"
            }
            "MAIL" => {
                envelope = Some(Received {
                    mail_from: address_in(&text),
                    rcpt_to: Vec::new(),
                    data: Vec::new(),
                });
                b"250 OK\r\n"
            }
            "RCPT" => match envelope.as_mut() {
                Some(e) => {
                    e.rcpt_to.push(address_in(&text));
                    b"250 OK\r\n"
                }
                None => b"503 MAIL first\r\n",
            },
            "DATA" => match envelope.take() {
                Some(mut e) if !e.rcpt_to.is_empty() => {
                    write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                    e.data = read_data(&mut lines).await?;
                    kept.lock().expect("mail list").push(e);
                    b"250 OK queued\r\n"
                }
                _ => b"503 RCPT first\r\n",
            },
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// The message after DATA: lines up to a lone `.`, with leading dots unstuffed.
async fn read_data(
    lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(data);
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
}

/// The address between `<` and `>` of a MAIL or RCPT line.
fn address_in(line: &str) -> String {
    line.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(a, _)| a.to_owned())
        .unwrap_or_default()
}
