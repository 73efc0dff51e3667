//! Opening a mailbox: TCP, TLS (rustls, the platform's trust store) from
//! the start or after STARTTLS, sign-in, and the folder selected.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use rustls_platform_verifier::BuilderVerifierExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use super::ImapError;
use super::mailbox::{Mailbox, Security};

/// The connection, plain or TLS, as the IMAP session reads it.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Io for T {}

pub type Session = async_imap::Session<Box<dyn Io>>;

/// A signed-in session with the folder selected.
pub struct Opened {
    pub session: Session,
    /// The server can tell us of new mail at once (RFC 2177).
    pub idle: bool,
    /// Messages in the folder when it was selected.
    pub exists: u32,
}

pub async fn open(mailbox: &Mailbox) -> Result<Opened, ImapError> {
    let tcp = TcpStream::connect((mailbox.host.as_str(), mailbox.port)).await?;
    let client = match mailbox.security {
        Security::Plain => greeted(Box::new(tcp) as Box<dyn Io>).await?,
        Security::Tls => greeted(Box::new(tls(mailbox, tcp).await?) as Box<dyn Io>).await?,
        Security::StartTls => {
            let mut plain = greeted(tcp).await?;
            plain.run_command_and_check_ok("STARTTLS", None).await?;
            // No greeting after the upgrade (RFC 3501 6.2.1).
            async_imap::Client::new(Box::new(tls(mailbox, plain.into_inner()).await?) as Box<dyn Io>)
        }
    };
    let mut session = client
        .login(&mailbox.user, &mailbox.password)
        .await
        .map_err(|(e, _)| ImapError::Login(e.to_string()))?;
    let idle = session.capabilities().await?.has_str("IDLE");
    let selected = session.select(&mailbox.name).await?;
    Ok(Opened {
        session,
        idle,
        exists: selected.exists,
    })
}

/// A client that has read the server's greeting.
async fn greeted<T: Io>(stream: T) -> Result<async_imap::Client<T>, ImapError> {
    let mut client = async_imap::Client::new(stream);
    match client.read_response().await? {
        Some(_) => Ok(client),
        None => Err(ImapError::Closed),
    }
}

async fn tls(
    mailbox: &Mailbox,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, ImapError> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_platform_verifier()?
        .with_no_client_auth();
    let name = ServerName::try_from(mailbox.host.clone())
        .map_err(|_| ImapError::Login(format!("{} is not a host name", mailbox.host)))?;
    Ok(TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await?)
}
