//! `login`, `join`, `logout`, `whoami`.

use std::io::BufRead;

use portico_shared::LoginResponse;

use crate::cli::{CliError, Context, Result, output};
use crate::client::{Client, LoginAnswer};
use crate::credentials::Credentials;
use crate::sanitize;

pub async fn login(
    ctx: &Context,
    email: &str,
    password_stdin: bool,
    totp_stdin: bool,
) -> Result<()> {
    let server = sign_in_server(ctx)?;
    let password = read_secret(password_stdin, "Password: ")?;
    let client = Client::new(&server)?;
    let resp = match client.login(email, &password).await? {
        LoginAnswer::Session(s) => s,
        LoginAnswer::Code(challenge) => {
            let code = read_secret(
                totp_stdin,
                "Code from your authenticator (or a recovery code): ",
            )?;
            client.login_totp(&challenge.challenge, &code).await?
        }
    };
    let signed_in = client.with_token(resp.token.clone());
    remember(ctx, server, resp)?;
    hint_enrolment(&signed_in).await
}

/// A person a second factor is required of learns what to do next.
async fn hint_enrolment(client: &Client) -> Result<()> {
    if client.me().await?.two_factor_required {
        errln!(
            "portico: a second factor is required of you; until you run `portico 2fa enroll` nothing else answers"
        );
    }
    Ok(())
}

/// Accepts an invite with its code: the password chosen here is the one
/// to sign in with from now on, and the session is kept like `login`'s.
pub async fn join(
    ctx: &Context,
    code: &str,
    email: Option<&str>,
    password_stdin: bool,
) -> Result<()> {
    let server = sign_in_server(ctx)?;
    let password = if password_stdin {
        read_secret(true, "")?
    } else {
        let first = read_secret(false, "Choose a password: ")?;
        if read_secret(false, "Again: ")? != first {
            return Err(CliError::Usage("the two passwords differ".into()));
        }
        first
    };
    let client = Client::new(&server)?;
    let resp = client.accept_invite(code.trim(), &password, email).await?;
    let signed_in = client.with_token(resp.token.clone());
    remember(ctx, server, resp)?;
    hint_enrolment(&signed_in).await
}

/// The flag, else PORTICO_SERVER, else the server last signed in to.
fn sign_in_server(ctx: &Context) -> Result<String> {
    ctx.server().map_err(|_| {
        CliError::Usage("which server? pass --server URL or set PORTICO_SERVER".into())
    })
}

/// One line of standard input, or a prompt on the terminal (not echoed).
pub(super) fn read_secret(from_stdin: bool, prompt: &str) -> Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(anyhow::Error::from)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    Ok(rpassword::prompt_password(prompt).map_err(anyhow::Error::from)?)
}

/// Stores the new session's token and says who is signed in.
fn remember(ctx: &Context, server: String, resp: LoginResponse) -> Result<()> {
    let notice = ctx.vault.save(
        &Credentials {
            server,
            token: resp.token,
        },
        ctx.store,
    )?;
    errln!("portico: {notice}");
    outln!(
        "Signed in as {} ({})",
        sanitize::line(&resp.user.name),
        resp.user.role
    );
    Ok(())
}

pub async fn logout(ctx: &Context) -> Result<()> {
    match ctx.signed_in() {
        Ok(client) => {
            // The token is forgotten here even if the server cannot be told.
            if let Err(e) = client.logout().await
                && !e.is_unauthorized()
            {
                errln!("portico: the server was not told: {e}");
            }
        }
        Err(CliError::NotSignedIn) => {}
        Err(e) => return Err(e),
    }
    ctx.vault.clear()?;
    outln!("Signed out.");
    Ok(())
}

pub async fn whoami(ctx: &Context, json: bool) -> Result<()> {
    let client = ctx.signed_in()?;
    let me = client.me().await?;
    if json {
        return output::json(&me);
    }
    let org = me
        .organization
        .as_ref()
        .map(|o| format!(", {}", sanitize::line(&o.name)))
        .unwrap_or_default();
    outln!(
        "{} <{}> ({}{org}) at {}",
        sanitize::line(&me.user.name),
        sanitize::line(&me.user.email),
        me.user.role,
        client.server()
    );
    Ok(())
}
