//! Driving the real `portico` binary: as a command line, and in a pseudo-terminal
//! of our own (`portable-pty`) whose screen a terminal emulator (`vt100`) keeps,
//! so the tests need nothing outside cargo.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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

/// How long a wait for the screen or for the app's exit may take.
const WAIT: Duration = Duration::from_secs(20);
/// How long the program writes nothing before its screen counts as drawn.
const QUIET: Duration = Duration::from_millis(40);

/// What the program wrote, as bytes and as the screen it draws.
struct Terminal {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

/// A program running in a pseudo-terminal of its own; killed on drop.
pub struct Pty {
    term: Arc<Mutex<Terminal>>,
    /// Set by the reader once the program's side of the terminal is closed
    /// and everything it wrote has been read.
    drained: Arc<AtomicBool>,
    writer: Mutex<Box<dyn Write + Send>>,
    child: Mutex<Box<dyn portable_pty::Child + Send + Sync>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Starts `program args` in a `w`×`h` terminal with `env` added to this
    /// process's environment; every byte the program writes is kept.
    pub fn start(program: &Path, args: &[&str], env: &[(&str, &str)], w: u16, h: u16) -> Pty {
        let pair = portable_pty::native_pty_system()
            .openpty(portable_pty::PtySize {
                rows: h,
                cols: w,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = portable_pty::CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(std::env::current_dir().unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("start the program");
        // Only the program holds the terminal's other side, so reading ends when it does.
        drop(pair.slave);
        let term = Arc::new(Mutex::new(Terminal {
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(h).expect("a terminal has rows"),
                std::num::NonZeroU16::new(w).expect("a terminal has columns"),
                0,
            ),
            raw: Vec::new(),
        }));
        let drained = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (t, d) = (term.clone(), drained.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // EOF, or EIO on Linux, once the program has exited.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let mut t = t.lock().unwrap();
                t.parser.process(&buf[..n]);
                t.raw.extend_from_slice(&buf[..n]);
            }
            d.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            term,
            drained,
            writer: Mutex::new(writer),
            child: Mutex::new(child),
            _master: pair.master,
        }
    }

    fn send(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Sends keys by name (`Enter`, `Escape`, `Tab`, `BTab`, `Space`, `BSpace`,
    /// arrows, `Home`, `End`, `PageUp`, `PageDown`, `Delete`, `F1`…`F12`,
    /// `C-x` for Ctrl, `M-x` for Alt); anything else is typed as it is.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let bytes = key_bytes(key);
            self.send(&bytes);
            if bytes == b"\x1b" {
                // A lone ESC followed at once by more bytes reads as Alt+key:
                // give the app a moment to read it on its own.
                std::thread::sleep(Duration::from_millis(60));
            }
        }
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.send(text.as_bytes());
    }

    /// The screen as text: one line per row, trailing blanks trimmed.
    pub fn screen(&self) -> String {
        let t = self.term.lock().unwrap();
        let (_, cols) = t.parser.screen().size();
        let rows: Vec<String> = t
            .parser
            .screen()
            .rows(0, cols.get())
            .map(|r| r.trim_end().to_owned())
            .collect();
        rows.join("\n")
    }

    /// How many bytes the program has written so far.
    fn written(&self) -> usize {
        self.term.lock().unwrap().raw.len()
    }

    /// Polls the screen until `pred` holds on a whole frame; fails with the
    /// screen after 20 s. A frame arrives in several writes, so the screen
    /// counts once the program has been quiet for a moment.
    #[track_caller]
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let before = self.written();
            let s = self.screen();
            if pred(&s) {
                std::thread::sleep(QUIET);
                if self.written() == before {
                    return s;
                }
                continue;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// The program's exit code once it has ended and all it wrote is read.
    #[track_caller]
    pub fn wait_exit(&self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            let status = self.child.lock().unwrap().try_wait().unwrap();
            if let Some(status) = status
                && self.drained.load(Ordering::SeqCst)
            {
                return status.exit_code() as i32;
            }
            assert!(
                Instant::now() < deadline,
                "the app did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.term.lock().unwrap().raw.clone()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(child) = self.child.get_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The bytes a terminal sends for the key `name` (tmux's key names).
pub fn key_bytes(name: &str) -> Vec<u8> {
    let fixed: &[u8] = match name {
        "Enter" => b"\r",
        "Escape" => b"\x1b",
        "Tab" => b"\t",
        "BTab" => b"\x1b[Z",
        "Space" => b" ",
        "BSpace" => b"\x7f",
        "Up" => b"\x1b[A",
        "Down" => b"\x1b[B",
        "Right" => b"\x1b[C",
        "Left" => b"\x1b[D",
        "Home" => b"\x1b[H",
        "End" => b"\x1b[F",
        "PageUp" | "PPage" => b"\x1b[5~",
        "PageDown" | "NPage" => b"\x1b[6~",
        "Delete" | "DC" => b"\x1b[3~",
        "F1" => b"\x1bOP",
        "F2" => b"\x1bOQ",
        "F3" => b"\x1bOR",
        "F4" => b"\x1bOS",
        "F5" => b"\x1b[15~",
        "F6" => b"\x1b[17~",
        "F7" => b"\x1b[18~",
        "F8" => b"\x1b[19~",
        "F9" => b"\x1b[20~",
        "F10" => b"\x1b[21~",
        "F11" => b"\x1b[23~",
        "F12" => b"\x1b[24~",
        _ => {
            let mut chars = name.chars();
            return match (chars.next(), chars.next(), chars.next(), chars.next()) {
                // C-a … C-z and the like: the character's low five bits.
                (Some('C'), Some('-'), Some(c), None) if c.is_ascii() => {
                    vec![(c.to_ascii_lowercase() as u8) & 0x1f]
                }
                (Some('M'), Some('-'), Some(c), None) => format!("\x1b{c}").into_bytes(),
                _ => name.as_bytes().to_vec(),
            };
        }
    };
    fixed.to_vec()
}
