//! The `portico-server` command, built inside this package so its tests can
//! name it with `CARGO_BIN_EXE_portico-server-e2e`: `cargo test` alone then
//! builds what the tests run, with no separate `cargo build`.

fn main() -> std::process::ExitCode {
    portico_server::cli::entry()
}
