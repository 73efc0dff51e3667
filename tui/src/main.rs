//! `portico`: the terminal app, and its command line for scripts.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    portico::cli::main(portico::cli::Cli::parse()).await
}
