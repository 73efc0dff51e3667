//! The token in the desktop keyring: under a D-Bus session with an unlocked
//! GNOME keyring (the secret service), `portico login` keeps the token there,
//! writes no token file, reads it back for `whoami`, and `logout` removes it.
//! Without `dbus-run-session` and `gnome-keyring-daemon` it is skipped (a
//! failure with `PORTICO_TEST_STRICT=1`); `.ci/run` installs dbus and gnome-keyring.
#![allow(clippy::unwrap_used)]

#[path = "app_support.rs"]
mod app_support;

use portico_tests::{DEMO_PASSWORD, TestServer, tools};

/// Runs `script` in a fresh D-Bus session whose keyring is unlocked; `$P` is
/// the app and `$SERVER` the server.
async fn in_desktop_session(home: &std::path::Path, server: &str, script: &str) -> String {
    let unlock =
        "eval \"$(printf unlock-pw | gnome-keyring-daemon --unlock --components=secrets)\"";
    let out = tokio::process::Command::new("dbus-run-session")
        .args(["--", "bash", "-c", &format!("{unlock}\n{script}")])
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("P", app_support::portico_bin())
        .env("SERVER", server)
        .env_remove("PORTICO_TOKEN")
        .env_remove("PORTICO_SERVER")
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(std::time::Duration::from_secs(60), out)
        .await
        .expect("the desktop session hung")
        .expect("dbus-run-session runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_lives_in_the_secret_service_when_there_is_one() {
    let missing: Vec<&str> = ["dbus-run-session", "gnome-keyring-daemon"]
        .into_iter()
        .filter(|p| !tools::on_path(p))
        .collect();
    if !missing.is_empty() {
        return tools::skip(
            "keyring (the token in the desktop secret service)",
            &format!("{} not installed", missing.join(" and ")),
            "install dbus and gnome-keyring (e.g. apt-get install dbus gnome-keyring)",
        );
    }
    let server = TestServer::demo().await;
    let home = tempfile::tempdir().unwrap();
    let script = format!(
        "printf '{DEMO_PASSWORD}' | \"$P\" login --server \"$SERVER\" --email ana@northwind.example --password-stdin
         echo \"login=$?\"
         ls \"$XDG_CONFIG_HOME/portico\"
         \"$P\" whoami; echo \"whoami=$?\"
         \"$P\" logout; echo \"logout=$?\"
         \"$P\" whoami; echo \"after=$?\""
    );
    let out = in_desktop_session(home.path(), &server.base, &script).await;
    assert!(
        out.contains("token stored in the OS keyring (secret service)"),
        "{out}"
    );
    assert!(out.contains("login=0") && out.contains("whoami=0"), "{out}");
    assert!(
        !out.contains("credentials.json"),
        "a token file was written: {out}"
    );
    assert!(out.contains("Ana Lima <ana@northwind.example>"), "{out}");
    assert!(out.contains("logout=0") && out.contains("after=3"), "{out}");
}
