//! `portico-server`: see `portico_server::cli`.

fn main() -> std::process::ExitCode {
    portico_server::cli::entry()
}
