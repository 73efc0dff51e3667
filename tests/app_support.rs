//! Driving the real `portico` binary: as a command line, and in a pseudo-terminal
//! (tmux on a private socket, killed on drop).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;

/// The `portico` program: this package's `portico-e2e` binary, which is
/// `portico::cli::entry()` exactly as `tui/src/main.rs` is, and which cargo
/// builds afresh for these tests (a sibling package's binary may be stale).
pub fn portico_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_portico-e2e"))
}

/// One person's command line: their own configuration directory.
pub struct Cli {
    pub server: String,
    pub config: tempfile::TempDir,
}

impl Cli {
    pub fn new(server: &str) -> Cli {
        Cli {
            server: server.to_owned(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    pub fn command(&self, args: &[&str]) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(portico_bin());
        c.args(args)
            .env("XDG_CONFIG_HOME", self.config.path())
            .env("HOME", self.config.path())
            .env_remove("PORTICO_TOKEN")
            .env_remove("PORTICO_SERVER")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        c
    }

    /// Runs with `stdin` fed in; bounded so a hung command fails the test.
    pub async fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self.command(args).spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).await.unwrap();
        drop(input);
        tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("portico {args:?} hung"))
            .unwrap()
    }

    pub async fn login(&self, email: &str) -> Output {
        let out = self
            .run(
                &[
                    "login",
                    "--server",
                    &self.server,
                    "--email",
                    email,
                    "--password-stdin",
                    "--token-store",
                    "file",
                ],
                &format!("{}\n", portico_tests::DEMO_PASSWORD),
            )
            .await;
        assert_ok(&out);
        out
    }
}

#[track_caller]
pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A tmux server of our own with one session running a command.
pub struct Tmux {
    socket: String,
    pub raw: PathBuf,
    dir: tempfile::TempDir,
}

static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl Tmux {
    /// Starts `program args` in a `w`×`h` terminal with `env`; every byte the
    /// program writes is also kept in `raw`. The exit code lands in `exit`.
    pub fn start(program: &Path, args: &[&str], env: &[(&str, &str)], w: u16, h: u16) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("portico-test-{}-{n}", std::process::id());
        let raw = dir.path().join("raw");
        let exit = dir.path().join("exit");
        let mut cmd = shell_quote(&program.display().to_string());
        for a in args {
            cmd.push(' ');
            cmd.push_str(&shell_quote(a));
        }
        // Wait for a go line so the raw capture is attached before the first byte.
        let script = format!(
            "read go; {cmd}; echo $? > {}; sleep 60",
            shell_quote(&exit.display().to_string())
        );
        let mut new = std::process::Command::new("tmux");
        new.args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "app",
        ])
        .args(["-x", &w.to_string(), "-y", &h.to_string()]);
        for (k, v) in env {
            new.args(["-e", &format!("{k}={v}")]);
        }
        new.args(["-e", "TERM=xterm-256color"]);
        let status = new.arg(script).status().unwrap();
        assert!(status.success(), "tmux did not start");
        let t = Tmux { socket, raw, dir };
        t.tmux(&[
            "pipe-pane",
            "-t",
            "app",
            "-o",
            &format!("cat >> {}", shell_quote(&t.raw.display().to_string())),
        ]);
        t.keys(&["go", "Enter"]);
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = std::process::Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-s`) or literal text.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "app"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "app", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "app"])
    }

    /// Polls the screen until `pred` holds; fails with the screen after `secs`.
    #[track_caller]
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[track_caller]
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// The program's exit code once it has ended.
    #[track_caller]
    pub fn wait_exit(&self) -> i32 {
        let path = self.dir.path().join("exit");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(s) = std::fs::read_to_string(&path)
                && let Ok(code) = s.trim().parse()
            {
                return code;
            }
            assert!(
                Instant::now() < deadline,
                "the app did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn raw_output(&self) -> Vec<u8> {
        std::fs::read(&self.raw).unwrap_or_default()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
