//! One frame of the staff inbox with 100,000 tickets loaded, at 160×48.
//! Target: under 1 ms, so a key press redraws well within a 16 ms frame.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use portico::fixtures;
use portico::shell::msg::{Action, Cmd};
use portico::shell::update::update;
use portico_shared::Role;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn inbox(c: &mut Criterion) {
    let mut app = fixtures::app(Role::Agent, 100_000, (160, 48));
    // Somewhere in the middle, as after a long scroll.
    for _ in 0..50_000 {
        update(&mut app, Action::Cmd(Cmd::Down));
    }
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    c.bench_function("inbox 100k tickets 160x48", |b| {
        b.iter(|| {
            terminal
                .draw(|f| portico::shell::view::render(f, &app))
                .unwrap();
        })
    });
    c.bench_function("inbox key press and redraw", |b| {
        b.iter(|| {
            update(&mut app, Action::Cmd(Cmd::Down));
            update(&mut app, Action::Cmd(Cmd::Up));
            terminal
                .draw(|f| portico::shell::view::render(f, &app))
                .unwrap();
        })
    });
}

criterion_group!(benches, inbox);
criterion_main!(benches);
