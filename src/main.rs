//! The `copydesk` binary: the window, or a subcommand. Errors from
//! subcommands are printed here, once, and exit with status 2.

use std::process::ExitCode;

use clap::Parser;
use copydesk::app::{CopydeskApp, StartOptions};
use copydesk::cli::{self, Cli};

/// harper builds its dictionaries from hundreds of thousands of small
/// allocations at every start; mimalloc makes them cheaper than glibc's
/// allocator does (BENCHMARKS.md, `copydesk check` of one story).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(command) = args.command {
        let mut stdout = std::io::stdout().lock();
        return match cli::run(command, &mut stdout) {
            Ok(outcome) => ExitCode::from(outcome.code()),
            Err(error) => {
                eprintln!("copydesk: {error:#}");
                ExitCode::from(2)
            }
        };
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Copydesk")
            .with_app_id(copydesk::APP_ID)
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([760.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let start = StartOptions { project: args.project, recovery_dir: None };
    let result = eframe::run_native("Copydesk", options, Box::new(move |cc| Ok(Box::new(CopydeskApp::new(cc, start)))));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("copydesk: could not open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
