//! The interactive app: one `tokio::select!` loop merging terminal events,
//! results of background work (including the live stream) and a tick. It
//! draws the first frame before any network answer and redraws only when
//! the model changed.

use std::io::Write;
use std::time::Duration;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, EventStream};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::client::Client;
use crate::failure::Failure;
use crate::screens::login::DemoAccount;
use crate::shell::effects::{Remember, Runner};
use crate::shell::model::{App, StatusKind};
use crate::shell::msg::{Action, Effect};
use crate::shell::{update, view};
use crate::{input, sanitize};

/// How the app starts.
pub struct Options {
    pub client: Client,
    /// Where a sign-in is remembered; `None` for the demo.
    pub remember: Option<Remember>,
    /// Accounts the demo's login screen offers; the first signs in at once.
    pub demo: Vec<DemoAccount>,
    pub downloads: std::path::PathBuf,
}

/// Ticks while a status message is fading, and rarely otherwise (deadlines).
const FAST_TICK: Duration = Duration::from_secs(3);
const SLOW_TICK: Duration = Duration::from_secs(60);

pub async fn run(opts: Options) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    let result = run_loop(&mut terminal, opts).await;
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

async fn run_loop(terminal: &mut DefaultTerminal, opts: Options) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(
        opts.client.server(),
        jiff::Timestamp::now(),
        (size.width, size.height),
    );
    app.login.demo = opts.demo;
    // https://no-color.org: set and not empty means no colours.
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let signed_in = opts.client.token().is_some();
    let (tx, mut rx) = mpsc::unbounded_channel::<Action>();
    let mut runner = Runner::new(opts.client, tx.clone(), opts.remember, opts.downloads);
    let first = update::start(&mut app, signed_in);
    draw(terminal, &mut app)?;
    let mut pending = dispatch(&mut runner, first);
    let mut events = EventStream::new();
    let mut title = String::new();
    while !app.quit {
        if let Some(Effect::EditExternally(text)) = pending.take() {
            // $EDITOR owns the terminal meanwhile: stop reading keys, suspend the screen.
            drop(events);
            let edited = edit_externally(terminal, &text);
            events = EventStream::new();
            let _ = tx.send(Action::Edited(edited));
        }
        let fading = app
            .status
            .as_ref()
            .is_some_and(|s| s.kind == StatusKind::Info);
        let tick = if fading { FAST_TICK } else { SLOW_TICK };
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => map_event(&app, ev),
                Some(Err(e)) => return Err(e.into()),
                None => break,
            },
            Some(a) = rx.recv() => Some(a),
            _ = tokio::time::sleep(tick) => Some(Action::Tick(jiff::Timestamp::now())),
            _ = tokio::signal::ctrl_c() => break,
        };
        let Some(action) = action else { continue };
        let effects = update::update(&mut app, action);
        pending = dispatch(&mut runner, effects);
        if app.dirty {
            set_title(&app, &mut title);
            draw(terminal, &mut app)?;
        }
    }
    Ok(())
}

fn map_event(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) => input::map_key(app, k),
        Event::Mouse(m) => input::map_mouse(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Spawns effects; answers the one (if any) that needs the terminal.
fn dispatch(runner: &mut Runner, effects: Vec<Effect>) -> Option<Effect> {
    let mut needs_terminal = None;
    for e in effects {
        if let Some(e) = runner.run(e) {
            needs_terminal = Some(e);
        }
    }
    needs_terminal
}

fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    terminal.draw(|f| view::render(f, app))?;
    app.dirty = false;
    Ok(())
}

/// The window title names the company (sanitised: a title is an escape sequence).
fn set_title(app: &App, current: &mut String) {
    let company = crate::widgets::company(app);
    let wanted = format!("Portico · {}", sanitize::line(company));
    if *current != wanted {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::SetTitle(&wanted));
        *current = wanted;
    }
}

fn edit_externally(terminal: &mut DefaultTerminal, text: &str) -> Result<String, Failure> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let fail = |e: &dyn std::fmt::Display| Failure::new(&format!("{editor}: {e}"));
    let mut file = tempfile::Builder::new()
        .suffix(".md")
        .tempfile()
        .map_err(|e| fail(&e))?;
    file.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // `sh -c` so EDITOR may carry arguments, like "code --wait".
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    *terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path()).map_err(|e| fail(&e)),
        Ok(s) => Err(fail(&format!("exited with {s}"))),
        Err(e) => Err(fail(&e)),
    }
}
