//! The `portico` program built inside this package, so `cargo test` always
//! runs the current code: the same single call as `tui/src/main.rs`.

fn main() -> std::process::ExitCode {
    portico::cli::entry()
}
