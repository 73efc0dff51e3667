//! `portico 2fa …`: two-factor sign-in for the signed-in person: enrol
//! (the secret as text and as a QR code drawn in the terminal), confirm
//! with a code (the recovery codes are printed once), turn off.

use clap::Subcommand;
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use crate::cli::auth::read_secret;
use crate::cli::{CliError, Context, Result, output};
use crate::sanitize;

#[derive(Subcommand, Debug)]
pub enum TwoFactorCommand {
    /// Whether you sign in with a second factor.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Start: a secret for your authenticator app, then (unless --json)
    /// the code it shows to switch two-factor sign-in on.
    Enroll {
        /// Print the secret and its address and stop; confirm with `2fa confirm`.
        #[arg(long)]
        json: bool,
    },
    /// Switch it on with a code from the authenticator; prints the
    /// recovery codes, once.
    Confirm {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Switch it off: your password, then a code (or a recovery code).
    Disable {
        /// Read the password, then the code, from standard input.
        #[arg(long)]
        stdin: bool,
    },
}

pub async fn run(ctx: &Context, cmd: TwoFactorCommand) -> Result<()> {
    let client = ctx.signed_in()?;
    match cmd {
        TwoFactorCommand::Status { json } => {
            let me = client.me().await?;
            if json {
                return output::json(&serde_json::json!({ "two_factor": me.two_factor }));
            }
            outln!(
                "Two-factor sign-in is {}",
                if me.two_factor { "on" } else { "off" }
            );
            Ok(())
        }
        TwoFactorCommand::Enroll { json } => {
            let e = client.totp_enroll().await?;
            if json {
                return output::json(&e);
            }
            outln!("Scan this with your authenticator app, or type the secret:");
            outln!("{}", qr(&e.otpauth_url)?);
            outln!("Secret: {}", sanitize::line(&e.secret));
            let code = read_secret(false, "The code it shows now: ")?;
            print_recovery(&client.totp_confirm(&code).await?.codes);
            Ok(())
        }
        TwoFactorCommand::Confirm { code, json } => {
            let codes = client.totp_confirm(&code).await?;
            if json {
                return output::json(&codes);
            }
            print_recovery(&codes.codes);
            Ok(())
        }
        TwoFactorCommand::Disable { stdin } => {
            let password = read_secret(stdin, "Password: ")?;
            let code = read_secret(stdin, "Code from your authenticator (or a recovery code): ")?;
            client.totp_disable(&password, &code).await?;
            outln!("Two-factor sign-in is off");
            Ok(())
        }
    }
}

/// The address as a QR code of half-block characters: two rows of
/// modules per line, so it stays square in a terminal.
fn qr(url: &str) -> Result<String> {
    let code = QrCode::new(url.as_bytes())
        .map_err(|e| CliError::Other(anyhow::anyhow!("cannot draw the QR code: {e}")))?;
    Ok(code.render::<Dense1x2>().quiet_zone(true).build())
}

fn print_recovery(codes: &[String]) {
    outln!("Two-factor sign-in is on. Keep these recovery codes somewhere safe;");
    outln!("each works once if the authenticator is lost. They are not shown again:");
    for c in codes {
        outln!("  {}", sanitize::line(c));
    }
}
