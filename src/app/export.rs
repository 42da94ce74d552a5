//! Export from the window: the export dialog, the folder, the forced-export
//! log line (`ops::forced_export`, the same as `copydesk export --force`),
//! and the background job with its progress.

use std::path::{Path, PathBuf};

use super::{CopydeskApp, Dialog, Workspace};
use crate::clock::now;

impl CopydeskApp {
    /// Asks how to export the selected story.
    pub(super) fn ask_export(&mut self) {
        if let Some(story) = self.workspace.as_ref().and_then(Workspace::selected_story) {
            let ready = story.status.exportable();
            let not_ready = (!ready).then_some(story.status);
            self.dialogs.push(Dialog::Export { format: crate::export::Format::Html, not_ready, force: false });
        }
    }

    /// Asks for the folder to export into, then exports.
    pub(super) fn pick_export_folder(&mut self, format: crate::export::Format, forced: bool) {
        let picked = rfd::FileDialog::new().set_title("Export into which folder?").pick_folder();
        if let Some(dir) = picked {
            self.commands.push(super::Command::ExportTo { format, dir, forced });
        }
    }

    /// Starts exporting the selected story; a forced export (the story is
    /// not ready) is written to its activity log first, as an undoable step.
    pub(super) fn start_export(
        &mut self,
        format: crate::export::Format,
        dir: PathBuf,
        forced: bool,
        ctx: &egui::Context,
    ) {
        if self.export.is_some() {
            self.status = "An export is still running; wait for it to finish.".to_owned();
            return;
        }
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let slug = story.slug.clone();
        if forced {
            let edit = crate::ops::forced_export(story, format, &self.prefs.editor_name, now());
            if !self.apply_step(edit, "forced export".to_owned(), ctx) {
                return;
            }
        }
        let Some(workspace) = &self.workspace else { return };
        let repaint = ctx.clone();
        self.export = Some(super::export_job::ExportJob::start(
            workspace.root().to_owned(),
            workspace.project().clone(),
            (slug, format, dir),
            move || repaint.request_repaint(),
        ));
        self.status = format!("Exporting as {}…", format.label());
    }

    /// Reports a finished export.
    pub(super) fn finish_export(&mut self) {
        let Some(job) = &self.export else { return };
        match job.poll() {
            super::export_job::Finished::Running => {}
            super::export_job::Finished::Done(report) => {
                self.status = format!("Exported {} as {} to {}", job.story, job.format.label(), job.out_dir.display());
                self.dialogs.push(Dialog::ExportDone {
                    dir: job.out_dir.clone(),
                    files: report.files.len(),
                    problems: report.photo_problems,
                });
                self.export = None;
            }
            super::export_job::Finished::Failed(message) => {
                self.export = None;
                self.show_error("Could not export the story", message);
            }
        }
    }

    /// Opens `dir` in the system's file manager.
    pub(super) fn open_folder(&mut self, dir: &Path) {
        let program = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(target_os = "windows") {
            "explorer"
        } else {
            "xdg-open"
        };
        if let Err(error) = std::process::Command::new(program).arg(dir).spawn() {
            self.status = format!("Could not open {} ({error}); it is there to open by hand.", dir.display());
        }
    }
}
