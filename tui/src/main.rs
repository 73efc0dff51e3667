//! `portico`: the terminal app, and its command line for scripts.

fn main() -> std::process::ExitCode {
    portico::cli::entry()
}
