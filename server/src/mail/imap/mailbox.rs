//! `[mail_in] imap_url`: which mailbox, where, as whom, and how secured.

use percent_encoding::percent_decode_str;

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `imaps://`: TLS from the first byte (port 993 by default).
    Tls,
    /// `imap://…?tls=starttls`: plain, then upgraded before signing in.
    StartTls,
    /// `imap://`: no TLS at all; for a server on loopback.
    Plain,
}

/// A mailbox to poll. `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub security: Security,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    /// The folder read, `INBOX` when the URL names none.
    pub name: String,
}

impl std::fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailbox")
            .field("security", &self.security)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Display for Mailbox {
    /// The URL without the password, for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = match self.security {
            Security::Tls => "imaps",
            Security::StartTls | Security::Plain => "imap",
        };
        write!(
            f,
            "{scheme}://{}@{}:{}/{}",
            self.user, self.host, self.port, self.name
        )?;
        if self.security == Security::StartTls {
            f.write_str("?tls=starttls")?;
        }
        Ok(())
    }
}

impl Mailbox {
    /// `imaps://user:pass@host[:port]/MAILBOX`, `imap://…` (plain) or
    /// `imap://…?tls=starttls`; the user and password percent-encoded.
    pub fn parse(text: &str) -> Result<Mailbox, String> {
        let url = url::Url::parse(text)
            .map_err(|e| format!("not a URL such as imaps://user:pass@host/INBOX: {e}"))?;
        let starttls = match url.query() {
            None => false,
            Some("tls=starttls") => true,
            Some(q) => return Err(format!("unknown option {q:?} (only tls=starttls)")),
        };
        let (security, default_port) = match (url.scheme(), starttls) {
            ("imaps", false) => (Security::Tls, 993),
            ("imap", true) => (Security::StartTls, 143),
            ("imap", false) => (Security::Plain, 143),
            ("imaps", true) => return Err("imaps:// is TLS already; drop tls=starttls".into()),
            (other, _) => return Err(format!("{other}:// is not imap:// or imaps://")),
        };
        let host = match url.host_str() {
            Some(h) if !h.is_empty() => h.trim_start_matches('[').trim_end_matches(']'),
            _ => return Err("no host".into()),
        };
        let decode = |s: &str| {
            percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| "the user or password is not UTF-8".to_owned())
        };
        let user = decode(url.username())?;
        let password = decode(url.password().unwrap_or_default())?;
        if user.is_empty() || password.is_empty() {
            return Err("a user and password are required (imaps://user:pass@host/INBOX)".into());
        }
        let name = decode(url.path().trim_matches('/'))?;
        Ok(Mailbox {
            security,
            host: host.to_owned(),
            port: url.port().unwrap_or(default_port),
            user,
            password,
            name: if name.is_empty() {
                "INBOX".to_owned()
            } else {
                name
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_mailbox_and_how_to_reach_it() {
        let m = Mailbox::parse("imaps://help%40acme.example:p%40ss%2Fw@imap.acme.example/Support")
            .expect("parse");
        assert_eq!(m.security, Security::Tls);
        assert_eq!((m.host.as_str(), m.port), ("imap.acme.example", 993));
        assert_eq!(
            (m.user.as_str(), m.password.as_str()),
            ("help@acme.example", "p@ss/w")
        );
        assert_eq!(m.name, "Support");
        // The password shows in neither form meant for logs.
        assert!(!format!("{m:?}{m}").contains("p@ss"));

        let m = Mailbox::parse("imap://u:p@127.0.0.1:1143").expect("parse");
        assert_eq!(
            (m.security, m.port, m.name.as_str()),
            (Security::Plain, 1143, "INBOX")
        );
        let m = Mailbox::parse("imap://u:p@mail.example?tls=starttls").expect("parse");
        assert_eq!((m.security, m.port), (Security::StartTls, 143));

        for bad in [
            "pop3://u:p@mail.example",
            "imaps://mail.example/INBOX",
            "imaps://u@mail.example",
            "imaps://u:p@mail.example?tls=starttls",
            "imap://u:p@mail.example?tls=maybe",
            "not a url",
        ] {
            assert!(Mailbox::parse(bad).is_err(), "{bad}");
        }
    }
}
