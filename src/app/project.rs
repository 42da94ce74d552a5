//! The project as a whole: opening, creating, saving (and Save as),
//! autosave and recovered work, the unsaved-changes question before
//! leaving, and the project's settings, dictionary and names.

use std::path::Path;

use super::{AfterSaveQuestion, CopydeskApp, Dialog, ViewState, Workspace};
use crate::clock::now;
use crate::edit::Edit;
use crate::storage;
use crate::workspace::Autosave;

/// How a recovery write ended: the file, the history revision it holds,
/// and whether it was written.
pub(super) type RecoveryWritten = (std::path::PathBuf, crate::edit::Revision, Result<(), String>);

impl CopydeskApp {
    /// Opens the project in `dir`, replacing the open one. On failure the
    /// open project stays open and the error is shown.
    pub fn open_project(&mut self, dir: &Path) {
        match storage::load_project(dir) {
            Ok(loaded) => self.install_project(loaded),
            Err(error) => self.show_error("Could not open the project", error.to_string()),
        }
    }

    pub(super) fn create_project(&mut self, dir: &Path) {
        let name = dir.file_name().map_or_else(|| "Untitled".to_owned(), |n| n.to_string_lossy().into_owned());
        match storage::create_project(dir, &name) {
            Ok(loaded) => self.install_project(loaded),
            Err(error) => self.show_error("Could not create the project", error.to_string()),
        }
    }

    /// Makes `loaded` the open project. Everything shown of the old one —
    /// thumbnails, reports, marks, view state — is dropped with it.
    fn install_project(&mut self, loaded: storage::LoadedProject) {
        self.thumbnails.clear();
        self.checking.clear();
        self.proofing.forget_marks();
        self.view = ViewState::default();
        self.locks.release(&self.prefs.editor_name);
        let mut problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        let root = loaded.folder.root().to_owned();
        let codes = match storage::read_code_replacements(&root) {
            Ok(text) => {
                let (codes, bad_lines) = crate::photos::codes::CodeTable::parse(&text);
                let file = root.join(storage::CODE_REPLACEMENTS_FILE);
                problems.extend(bad_lines.into_iter().map(|bad| {
                    format!("{}, line {}: {}; the line is skipped.", file.display(), bad.line, bad.message)
                }));
                codes
            }
            Err(error) => {
                problems.push(error.to_string());
                crate::photos::codes::CodeTable::default()
            }
        };
        let recovery_path = self.recovery_dir.as_ref().map(|dir| storage::recovery_path(dir, &root));
        self.status = format!("Opened {}", root.display());
        self.prefs.last_project = Some(std::fs::canonicalize(&root).unwrap_or(root));
        self.workspace = Some(Workspace::new(loaded, recovery_path.clone(), codes));
        self.dialogs.retain(|d| !matches!(d, Dialog::Recovery(_)));
        if !problems.is_empty() {
            self.show_error(
                "Some files could not be opened",
                format!(
                    "The rest of the project is open. These files were left as they are on disk:\n\n{}",
                    problems.join("\n\n")
                ),
            );
        }
        if let Some(path) = recovery_path {
            match storage::read_recovery(&path) {
                Ok(Some(recovery)) => self.dialogs.push(Dialog::Recovery(Box::new(recovery))),
                Ok(None) => {}
                Err(error) => self.show_error("Could not read the autosaved work", error.to_string()),
            }
        }
    }

    /// Puts autosaved work in place of the project as loaded.
    pub(super) fn restore_recovery(&mut self, recovery: storage::Recovery) {
        let Some(workspace) = &mut self.workspace else { return };
        workspace.restore_recovery(recovery.project);
        self.proofing.forget_marks();
        self.view = ViewState::default();
        self.status = format!("Restored the work autosaved at {}. Save to keep it.", recovery.written.short());
    }

    /// Saves the open project; shows the error and returns false on failure.
    pub fn save_project(&mut self) -> bool {
        let Some(workspace) = &mut self.workspace else { return false };
        // A sync committing or merging this moment finishes first (it holds
        // the gate only for that: local work, never the network).
        let gate = self.sync.gate();
        let held = gate.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let saved = workspace.save();
        drop(held);
        match saved {
            Ok(report) => {
                if report.written + report.removed > 0 {
                    self.sync.saved();
                }
                self.status = match report.written + report.removed {
                    0 => "Nothing to save: the files on disk are up to date.".to_owned(),
                    1 => "Saved 1 file.".to_owned(),
                    n => format!("Saved {n} files."),
                };
                self.discard_recovery();
                true
            }
            Err(error) => {
                self.dialogs.push(Dialog::SaveFailed { message: error.to_string() });
                false
            }
        }
    }

    /// File → Share project…: asks for the shared repository's address
    /// (the current one, when the project is shared already).
    pub(super) fn ask_share_address(&mut self) {
        let current = self.workspace.as_ref().and_then(|w| crate::sync::remote_url(w.root())).unwrap_or_default();
        self.dialogs.push(Dialog::Share { url: current });
    }

    /// Asks where to put a clone of `url`: a new folder named after the
    /// repository inside the folder picked.
    pub(super) fn pick_clone_folder(&mut self, url: String) {
        let picked = rfd::FileDialog::new().set_title("Choose where to put the shared project").pick_folder();
        let Some(parent) = picked else { return };
        let name = crate::sync::folder_name_for(&url);
        let mut dir = parent.join(&name);
        let mut n = 2;
        while dir.exists() {
            dir = parent.join(format!("{name}-{n}"));
            n += 1;
        }
        self.commands.push(super::Command::CloneInto { url, dir });
    }

    /// Asks for a new folder and saves the project there.
    pub(super) fn pick_save_as_folder(&mut self) {
        let picked = rfd::FileDialog::new().set_title("Save the project into a new folder").pick_folder();
        if let Some(dir) = picked {
            self.commands.push(super::Command::SaveAsTo(dir));
        }
    }

    /// Saves the project into `dir` and works there from now on.
    pub(super) fn save_as(&mut self, dir: &Path) {
        let Some(workspace) = &mut self.workspace else { return };
        let editor = self.prefs.editor_name.clone();
        self.locks.release(&editor);
        match workspace.save_as(dir) {
            Ok(()) => {
                self.status = format!("Saved the project in {}; you are working there now.", dir.display());
                self.prefs.last_project = Some(dir.to_owned());
                self.discard_recovery();
            }
            Err(error) => self.dialogs.push(Dialog::SaveFailed { message: error.to_string() }),
        }
    }

    /// Removes the autosave file (the work is saved, or was discarded).
    pub(super) fn discard_recovery(&mut self) {
        let Some(path) = self.workspace.as_ref().and_then(|w| w.recovery_path().map(Path::to_owned)) else { return };
        if let Err(error) = storage::remove_recovery(&path) {
            self.show_error("Could not remove the autosave file", error.to_string());
        }
    }

    /// Writes unsaved work to the recovery file when it is due, on a
    /// thread of its own (serialising a desk-sized project takes longer
    /// than a frame); one write at a time.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        self.finish_autosave();
        if self.autosaving.is_some() {
            return;
        }
        let seconds = ctx.input(|input| input.time);
        let Some(workspace) = &mut self.workspace else { return };
        match workspace.autosave(seconds, now()) {
            Autosave::Nothing => {}
            Autosave::Due(wait) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait)),
            Autosave::Write(job) => {
                let (sender, receiver) = std::sync::mpsc::channel();
                let repaint = ctx.clone();
                let spawned = std::thread::Builder::new().name("copydesk-autosave".to_owned()).spawn(move || {
                    let result = job.write().map_err(|error| error.to_string());
                    let _ = sender.send((job.path().to_owned(), job.revision(), result));
                    repaint.request_repaint();
                });
                match spawned {
                    Ok(_) => self.autosaving = Some(receiver),
                    Err(error) => self.status = format!("Autosave failed: could not start writing ({error})"),
                }
            }
        }
    }

    /// Takes in a finished recovery write. Work saved or discarded while it
    /// was being written (or a project left) needs no recovery file, so
    /// the file is removed again.
    pub(super) fn finish_autosave(&mut self) {
        let Some(receiver) = &self.autosaving else { return };
        let (path, revision, result) = match receiver.try_recv() {
            Ok(finished) => finished,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.autosaving = None;
                return;
            }
        };
        self.autosaving = None;
        self.took_in_recovery_write(&path, revision, result);
    }

    /// Waits for a recovery write still running (the app is closing).
    pub(super) fn wait_for_autosave(&mut self) {
        let Some(receiver) = self.autosaving.take() else { return };
        if let Ok((path, revision, result)) = receiver.recv_timeout(std::time::Duration::from_secs(10)) {
            self.took_in_recovery_write(&path, revision, result);
        }
    }

    fn took_in_recovery_write(&mut self, path: &Path, revision: crate::edit::Revision, result: Result<(), String>) {
        let current = self.workspace.as_mut().filter(|workspace| workspace.recovery_path() == Some(path));
        match (result, current) {
            (Err(message), _) => self.status = format!("Autosave failed: {message}"),
            (Ok(()), Some(workspace)) if workspace.is_dirty() => {
                workspace.autosaved(revision);
                self.status = "Autosaved unsaved work to a recovery file.".to_owned();
            }
            (Ok(()), _) => {
                if let Err(error) = storage::remove_recovery(path) {
                    self.show_error("Could not remove the autosave file", error.to_string());
                }
            }
        }
    }

    /// Closing the window with unsaved changes asks first.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|input| input.viewport().close_requested()) || self.close_confirmed {
            return;
        }
        if self.workspace.as_ref().is_some_and(Workspace::is_dirty) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            let asking = self.dialogs.iter().any(|d| matches!(d, Dialog::UnsavedChanges { .. }));
            if !asking {
                self.dialogs.push(Dialog::UnsavedChanges { then: AfterSaveQuestion::Close });
            }
        }
    }

    /// Asks about unsaved changes (if any) before `then`.
    pub(super) fn ask_before_leaving(&mut self, then: AfterSaveQuestion, ctx: &egui::Context) {
        if self.workspace.as_ref().is_some_and(Workspace::is_dirty) {
            self.dialogs.push(Dialog::UnsavedChanges { then });
        } else {
            self.leave(then, ctx);
        }
    }

    /// Does what was asked once unsaved changes are dealt with.
    pub(super) fn leave(&mut self, then: AfterSaveQuestion, ctx: &egui::Context) {
        match then {
            AfterSaveQuestion::Close => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            AfterSaveQuestion::OpenProject(path) => self.open_project(&path),
            AfterSaveQuestion::PickProject => {
                if let Some(path) = rfd::FileDialog::new().set_title("Open a Copydesk project folder").pick_folder() {
                    self.open_project(&path);
                }
            }
            AfterSaveQuestion::PickNewProject => {
                if let Some(path) =
                    rfd::FileDialog::new().set_title("Choose an empty folder for the new project").pick_folder()
                {
                    self.create_project(&path);
                }
            }
        }
    }

    /// Replaces the project's settings, as one undo step (nothing when they
    /// are the same).
    pub(super) fn apply_settings(&mut self, settings: crate::model::ProjectSettings, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        if settings != workspace.project().settings {
            self.apply_step(Edit::SetSettings(Box::new(settings)), "project settings".to_owned(), ctx);
        }
    }

    /// Adds `word` to the project dictionary, as an undoable change of the
    /// project's settings. Every check accepts it from then on.
    pub(super) fn add_to_dictionary(&mut self, word: String, ctx: &egui::Context) {
        self.add_to_word_list(
            word,
            |settings| &mut settings.dictionary,
            ("the dictionary", "the project dictionary"),
            ctx,
        );
    }

    /// Adds `name` to the project's names, as an undoable change of the
    /// project's settings. Spelling accepts it from then on, and the name
    /// check reads names against it.
    pub(super) fn add_to_names(&mut self, name: String, ctx: &egui::Context) {
        self.add_to_word_list(name, |settings| &mut settings.names, ("the names", "the project's names"), ctx);
    }

    /// Adds `word` to one of the settings' sorted word lists (`list`), as
    /// one undoable step; `(step, status)` name the list in the step's
    /// label and the status line.
    fn add_to_word_list(
        &mut self,
        word: String,
        list: fn(&mut crate::model::ProjectSettings) -> &mut Vec<String>,
        (step, status): (&str, &str),
        ctx: &egui::Context,
    ) {
        let Some(workspace) = &self.workspace else { return };
        let mut settings = workspace.project().settings.clone();
        let words = list(&mut settings);
        if words.contains(&word) {
            return;
        }
        words.push(word.clone());
        words.sort_by_key(|entry| entry.to_lowercase());
        let label = format!("adding “{word}” to {step}");
        if self.apply_step(Edit::SetSettings(Box::new(settings)), label, ctx) {
            self.status = format!("Added “{word}” to {status}");
        }
    }
}
