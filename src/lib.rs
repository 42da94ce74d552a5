//! Copydesk: a desktop editorial workflow app for newsroom editors.
//!
//! The crate is layered; each layer uses only the ones before it in this
//! list:
//!
//! - [`proofing`], [`diff`]: services on strings. No model, no egui.
//! - [`model`]: plain serde types (project, story, photo). No egui, no disk,
//!   no clock.
//! - [`edit`]: changes to the model as values, and undo/redo history.
//! - [`storage`]: the only code that reads or writes files.
//! - [`photos`]: metadata and thumbnails on bytes (the thumbnail cache
//!   through storage), export renditions and caption codes.
//! - [`find`], [`checks`], [`import`], [`export`]: work on the model (export
//!   writes through storage).
//! - [`sync`]: sharing a project over git (the system `git`), with a
//!   three-way merge of project files on the model and storage.
//! - [`clock`]: the wall clock, read only at the edges.
//! - [`workspace`]: the open project — model, folder and history — and the
//!   one door every change to it goes through.
//! - [`ops`]: the operations the window and the command line share.
//! - [`cli`]: the command-line subcommands.
//! - [`ui`]: panels and dialogs that read state and emit commands.
//! - [`app`]: the eframe app: owns the state, runs the commands.
//!
//! `ARCHITECTURE.md` has the full map and its invariants.

pub mod app;
pub mod checks;
pub mod cli;
pub mod clock;
pub mod diff;
pub mod edit;
pub mod export;
pub mod find;
pub mod import;
pub mod model;
pub mod ops;
pub mod photos;
pub mod proofing;
pub mod storage;
pub mod sync;
pub mod ui;
pub mod workspace;

use std::path::PathBuf;

/// The application id: names the window class and eframe's data folder.
pub const APP_ID: &str = "copydesk";

/// The key the window keeps its preferences under in eframe's storage;
/// the command line reads the editor's name from there.
pub const PREFS_KEY: &str = "copydesk-prefs";

/// The folder of the sample project that opens when no project is named
/// and none was opened before: `projects/drone-attacks` beside the current
/// folder when run from a checkout, else the one in the source tree this
/// binary was built from.
pub fn sample_project_dir() -> PathBuf {
    let relative = PathBuf::from("projects").join(SAMPLE_PROJECT);
    if relative.join(storage::PROJECT_FILE).is_file() {
        return relative;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects").join(SAMPLE_PROJECT)
}

/// The sample project's folder name under `projects/`.
pub const SAMPLE_PROJECT: &str = "drone-attacks";
