//! `login`, `logout`, `whoami`.

use std::io::BufRead;

use crate::cli::{CliError, Context, Result, output};
use crate::client::Client;
use crate::credentials::Credentials;
use crate::sanitize;

pub async fn login(ctx: &Context, email: &str, password_stdin: bool) -> Result<()> {
    // The flag, else PORTICO_SERVER, else the server last signed in to.
    let server = ctx.server().map_err(|_| {
        CliError::Usage("which server? pass --server URL or set PORTICO_SERVER".into())
    })?;
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(anyhow::Error::from)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        rpassword::prompt_password("Password: ").map_err(anyhow::Error::from)?
    };
    let client = Client::new(&server)?;
    let resp = client.login(email, &password).await?;
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
