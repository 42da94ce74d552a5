//! The one place that changes app state: runs commands, answers dialogs,
//! shows file dialogs and calls storage.

use std::path::{Path, PathBuf};

use super::{
    AUTOSAVE_AFTER_SECONDS, AfterSaveQuestion, Command, CopydeskApp, Dialog, DialogChoice, SettingsDraft, UiCommand,
    Workspace, WorkspaceTab,
};
use crate::clock::now;
use crate::edit::{self, Edit};
use crate::model::{Slug, Story, StoryStatus, TextField};
use crate::{import, storage};

impl CopydeskApp {
    /// Runs one command.
    pub(super) fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Ui(ui_command) => self.run_ui_command(ui_command, ctx),
            Command::Edit { edit, label } => self.apply_edit(edit.stamped(now()), label, ctx),
            Command::EditStep { edit, label } => {
                self.break_typing_group();
                self.apply_edit(edit.stamped(now()), label, ctx);
                self.break_typing_group();
            }
            Command::Select(slug) => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.history.break_group();
                    workspace.selected = Some(slug);
                }
            }
            Command::ShowTab(tab) => self.view.tab = tab,
            Command::SetStatus(crate::model::StoryStatus::Ready) | Command::MarkReady => self.mark_ready(ctx),
            Command::SetStatus(crate::model::StoryStatus::Published)
                if self.workspace.as_ref().and_then(Workspace::selected_story).map(|story| story.status)
                    != Some(crate::model::StoryStatus::Ready) =>
            {
                self.status = "Only a story marked ready can be published: mark it ready in Review first.".to_owned();
            }
            Command::SignOff(item) => self.sign_off(&item, ctx),
            Command::WithdrawSignOff(item) => {
                let edit = self
                    .workspace
                    .as_ref()
                    .and_then(Workspace::selected_story)
                    .and_then(|story| edit::withdraw_sign_off(story, &item, &self.prefs.editor_name, now()));
                if let Some(edit) = edit {
                    self.break_typing_group();
                    self.apply_edit(edit, "withdrawing a sign-off".to_owned(), ctx);
                }
            }
            Command::ApplyFix(finding) => self.apply_fix(&finding, ctx),
            Command::ExportTo { format, dir, forced } => self.start_export(format, dir, forced, ctx),
            Command::OpenFolder(dir) => open_folder(&dir, &mut self.status),
            Command::SaveAsTo(dir) => self.save_as(&dir),
            Command::TakeOverLock => {
                self.status = if self.locks.take_over(&self.prefs.editor_name, now()) {
                    "You have the story now; the other Copydesk's lock is replaced.".to_owned()
                } else {
                    "The lock is not stale: its holder is still there.".to_owned()
                };
            }
            Command::SetStatus(status) => {
                // Every status change keeps the text as it stood, as an
                // automatic revision by the editor who made the change.
                let edit = self
                    .workspace
                    .as_ref()
                    .and_then(Workspace::selected_story)
                    .and_then(|story| edit::status_change(story, status, &self.prefs.editor_name, now()));
                if let Some(edit) = edit {
                    self.break_typing_group();
                    self.apply_edit(edit, format!("status change to {}", status.label()), ctx);
                }
            }
            Command::OpenProjectAt(path) => self.ask_before_leaving(AfterSaveQuestion::OpenProject(path), ctx),
            Command::ImportFiles(paths) => self.import_files(&paths, ctx),
            Command::AttachPhotos(paths) => self.attach_photos(&paths, ctx),
            Command::WritePhotoMetadata(id) => self.write_photo_metadata(&id),
            Command::RelinkPhoto(id) => {
                let picked = rfd::FileDialog::new()
                    .set_title("Choose the picture to relink")
                    .add_filter("Pictures (JPEG, PNG, WebP, TIFF)", &PICTURE_EXTENSIONS)
                    .pick_file();
                if let Some(path) = picked {
                    self.relink_photo(&id, &path);
                }
            }
            Command::RelinkPhotoTo(id, path) => self.relink_photo(&id, &path),
            Command::CaptionTemplate(photos) => {
                self.dialogs.push(Dialog::CaptionTemplate { photos, template: String::new(), keep: true });
            }
            Command::IgnoreMarkedText(text) => {
                self.status = format!("Ignoring “{text}” until Copydesk closes");
                self.proofing.ignore(text);
            }
            Command::AddToDictionary(word) => self.add_to_dictionary(word, ctx),
        }
    }

    /// Runs a menu or keyboard command.
    pub fn run_ui_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        match command {
            UiCommand::Save => {
                self.save_project();
            }
            UiCommand::SaveAs => self.pick_save_as_folder(),
            UiCommand::Undo => self.undo_or_redo(true),
            UiCommand::Redo => self.undo_or_redo(false),
            UiCommand::NewStory => self.new_story(ctx),
            UiCommand::ImportCopy => {
                let picked = rfd::FileDialog::new()
                    .set_title("Import copy")
                    .add_filter("Copy (.txt, .md, .docx)", &import::CopyKind::EXTENSIONS)
                    .pick_files();
                if let Some(paths) = picked {
                    self.import_files(&paths, ctx);
                }
            }
            UiCommand::RenameStory => {
                if let Some(slug) = self.selected_slug() {
                    self.dialogs.push(Dialog::Rename { text: slug.to_string(), slug });
                }
            }
            UiCommand::DuplicateStory => self.duplicate_story(ctx),
            UiCommand::DeleteStory => {
                if let Some(slug) = self.selected_slug() {
                    self.dialogs.push(Dialog::ConfirmDelete { slug });
                }
            }
            UiCommand::OpenProject => self.ask_before_leaving(AfterSaveQuestion::PickProject, ctx),
            UiCommand::NewProject => self.ask_before_leaving(AfterSaveQuestion::PickNewProject, ctx),
            UiCommand::TogglePreview => {
                self.view.tab = WorkspaceTab::Article;
                self.view.preview = !self.view.preview;
            }
            UiCommand::Find | UiCommand::Replace => {
                self.view.tab = WorkspaceTab::Article;
                self.view.preview = false;
                self.view.find.open(command == UiCommand::Replace);
            }
            UiCommand::FindNext | UiCommand::FindPrevious => {
                self.view.tab = WorkspaceTab::Article;
                self.view.preview = false;
                self.view.find.step(command == UiCommand::FindPrevious);
            }
            UiCommand::AttachPhotos => {
                let picked = rfd::FileDialog::new()
                    .set_title("Attach photos")
                    .add_filter("Pictures (JPEG, PNG, WebP, TIFF)", &PICTURE_EXTENSIONS)
                    .pick_files();
                if let Some(paths) = picked {
                    self.attach_photos(&paths, ctx);
                }
            }
            UiCommand::SaveRevision => {
                if let Some(slug) = self.selected_slug() {
                    self.dialogs.push(Dialog::SaveRevision { slug, name: String::new() });
                }
            }
            UiCommand::Export => {
                if let Some(story) = self.workspace.as_ref().and_then(Workspace::selected_story) {
                    let ready = matches!(story.status, StoryStatus::Ready | StoryStatus::Published);
                    let not_ready = (!ready).then_some(story.status);
                    self.dialogs.push(Dialog::Export { format: crate::export::Format::Html, not_ready, force: false });
                }
            }
            UiCommand::ProjectSettings => {
                if let Some(workspace) = &self.workspace {
                    let draft = SettingsDraft::of(&workspace.project.settings);
                    self.dialogs.push(Dialog::ProjectSettings(Box::new(draft)));
                }
            }
            UiCommand::Preferences => {
                self.dialogs.push(Dialog::Preferences { editor_name: self.prefs.editor_name.clone() });
            }
            UiCommand::NextMark => {
                self.view.tab = WorkspaceTab::Article;
                self.view.preview = false;
                if let Some(story) = self.workspace.as_ref().and_then(Workspace::selected_story) {
                    let marks = self.proofing.story_marks(story);
                    if marks.counts().total() == 0 {
                        self.status = "No spelling or grammar marks in this story".to_owned();
                    }
                    self.view.editor.reveal_next_mark(marks);
                }
            }
            UiCommand::ToggleMarks => {
                self.prefs.marks = !self.proofing.is_enabled();
                self.proofing.set_enabled(self.prefs.marks);
            }
            UiCommand::ToggleTheme => {
                self.prefs.dark_mode = !self.prefs.dark_mode;
                ctx.set_theme(self.prefs.theme());
            }
            UiCommand::Quit => self.ask_before_leaving(AfterSaveQuestion::Close, ctx),
        }
    }

    /// Keyboard shortcuts from the command table. They are taken out of the
    /// input before any widget runs, so a text field's own Ctrl+Z never
    /// competes with the project's undo.
    pub(super) fn take_shortcuts(&mut self, ctx: &egui::Context) {
        if !self.dialogs.is_empty() {
            return;
        }
        for command in UiCommand::by_shortcut_precedence() {
            for shortcut in [command.shortcut(), command.alternative_shortcut()].into_iter().flatten() {
                if ctx.input_mut(|input| input.consume_shortcut(&shortcut))
                    && command.is_enabled(self.workspace.as_ref())
                {
                    self.commands.push(Command::Ui(command));
                }
            }
        }
    }

    /// Files dropped on the window are imported as copy.
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let paths: Vec<PathBuf> =
            ctx.input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_path_buf()).collect());
        // Pictures attach to the open story; anything else is copy to import.
        let (pictures, copy): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|path| is_picture(path));
        if !pictures.is_empty() {
            self.commands.push(Command::AttachPhotos(pictures));
        }
        if !copy.is_empty() {
            self.commands.push(Command::ImportFiles(copy));
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

    /// Handles the answer to the first dialog.
    pub(super) fn answer_dialog(&mut self, choice: DialogChoice, ctx: &egui::Context) {
        if self.dialogs.is_empty() {
            return;
        }
        let dialog = self.dialogs.remove(0);
        match (dialog, choice) {
            (Dialog::UnsavedChanges { then }, DialogChoice::Save) if self.save_project() => self.leave(then, ctx),
            (Dialog::UnsavedChanges { then }, DialogChoice::Discard) => {
                self.discard_recovery();
                self.leave(then, ctx);
            }
            (Dialog::ConfirmDelete { slug }, DialogChoice::Confirm) => {
                let label = format!("Delete story “{slug}”");
                self.apply_edit(Edit::RemoveStory { story: slug.clone() }, label, ctx);
                self.status = format!("Deleted “{slug}”. Undo (Ctrl+Z) brings it back.");
            }
            (Dialog::Rename { slug, text }, DialogChoice::Confirm) => match Slug::new(text.trim()) {
                Ok(to) => {
                    let label = format!("Rename “{slug}” to “{to}”");
                    self.apply_edit(Edit::RenameStory { story: slug, to }, label, ctx);
                }
                Err(_) => self.dialogs.insert(0, Dialog::Rename { slug, text }),
            },
            (Dialog::Recovery(recovery), DialogChoice::Confirm) => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.project = recovery.project;
                    workspace.history = crate::edit::History::new_unsaved();
                    workspace.selected = workspace.project.stories.first().map(|s| s.slug.clone());
                    self.status =
                        format!("Restored the work autosaved at {}. Save to keep it.", recovery.written.short());
                }
            }
            (Dialog::Recovery(_), DialogChoice::Discard) => self.discard_recovery(),
            (Dialog::SaveRevision { slug, name }, DialogChoice::Confirm) => {
                let story = self.workspace.as_ref().and_then(|w| w.project.story(&slug));
                if let Some(story) = story {
                    let revision = story.snapshot(name.trim(), &self.prefs.editor_name, now(), false);
                    let number = revision.number;
                    let edit = Edit::AddRevision { story: slug, revision: Box::new(revision) };
                    self.break_typing_group();
                    self.apply_edit(edit, format!("saving revision “{}”", name.trim()), ctx);
                    self.status =
                        format!("Saved revision #{number} “{}”. Compare it in the Revisions tab.", name.trim());
                }
            }
            (Dialog::ProjectSettings(draft), DialogChoice::Confirm) => {
                if let Some(workspace) = &self.workspace {
                    let settings = draft.settings();
                    if settings != workspace.project.settings {
                        self.apply_edit(Edit::SetSettings(Box::new(settings)), "project settings".to_owned(), ctx);
                    }
                }
            }
            (Dialog::CaptionTemplate { photos, template, keep }, DialogChoice::Confirm) => {
                self.apply_caption_template(&photos, &template, keep, ctx);
            }
            (Dialog::Export { format, not_ready, force }, DialogChoice::Confirm) if not_ready.is_none() || force => {
                let picked = rfd::FileDialog::new().set_title("Export into which folder?").pick_folder();
                if let Some(dir) = picked {
                    self.commands.push(Command::ExportTo { format, dir, forced: not_ready.is_some() });
                }
            }
            (Dialog::ExportDone { dir, .. }, DialogChoice::Confirm) => open_folder(&dir, &mut self.status),
            (Dialog::SaveFailed { .. }, DialogChoice::Confirm) => self.pick_save_as_folder(),
            (Dialog::OutsideChange(draft), DialogChoice::Confirm) => self.resolve_outside_change(&draft, ctx),
            // The question must be answered: theirs would be overwritten unseen.
            (Dialog::OutsideChange(draft), _) => self.dialogs.insert(0, Dialog::OutsideChange(draft)),
            (Dialog::OverrideReady { failing, reason }, DialogChoice::Confirm) => {
                let edit = self.workspace.as_ref().and_then(Workspace::selected_story).and_then(|story| {
                    edit::override_ready(story, &reason, failing.clone(), &self.prefs.editor_name, now())
                });
                match edit {
                    Some(edit) => {
                        self.break_typing_group();
                        self.apply_edit(edit, "marking ready over failing checks".to_owned(), ctx);
                        self.status = "Marked ready; the override and its reason are in the activity log.".to_owned();
                    }
                    None => self.dialogs.insert(0, Dialog::OverrideReady { failing, reason }),
                }
            }
            (Dialog::Preferences { editor_name }, DialogChoice::Confirm) => {
                editor_name.trim().clone_into(&mut self.prefs.editor_name);
            }
            _ => {}
        }
    }

    /// Asks about unsaved changes (if any) before `then`.
    fn ask_before_leaving(&mut self, then: AfterSaveQuestion, ctx: &egui::Context) {
        if self.workspace.as_ref().is_some_and(Workspace::is_dirty) {
            self.dialogs.push(Dialog::UnsavedChanges { then });
        } else {
            self.leave(then, ctx);
        }
    }

    /// Does what was asked once unsaved changes are dealt with.
    fn leave(&mut self, then: AfterSaveQuestion, ctx: &egui::Context) {
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

    /// Opens the project in `dir`, replacing the open one. On failure the
    /// open project stays open and the error is shown.
    pub fn open_project(&mut self, dir: &Path) {
        match storage::load_project(dir) {
            Ok(loaded) => self.install_project(loaded),
            Err(error) => self.show_error("Could not open the project", error.to_string()),
        }
    }

    fn create_project(&mut self, dir: &Path) {
        let name = dir.file_name().map_or_else(|| "Untitled".to_owned(), |n| n.to_string_lossy().into_owned());
        match storage::create_project(dir, &name) {
            Ok(loaded) => self.install_project(loaded),
            Err(error) => self.show_error("Could not create the project", error.to_string()),
        }
    }

    fn install_project(&mut self, loaded: storage::LoadedProject) {
        self.thumbnails.clear();
        self.checking.clear();
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
        let mut workspace = Workspace::new(loaded, recovery_path.clone());
        workspace.codes = codes;
        self.workspace = Some(workspace);
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

    /// Saves the open project; shows the error and returns false on failure.
    pub fn save_project(&mut self) -> bool {
        let Some(workspace) = &mut self.workspace else { return false };
        match workspace.save() {
            Ok(report) => {
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

    /// Asks for a new folder and saves the project there.
    fn pick_save_as_folder(&mut self) {
        let picked = rfd::FileDialog::new().set_title("Save the project into a new folder").pick_folder();
        if let Some(dir) = picked {
            self.commands.push(Command::SaveAsTo(dir));
        }
    }

    /// Saves the project into `dir` and works there from now on.
    fn save_as(&mut self, dir: &Path) {
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

    fn discard_recovery(&mut self) {
        let Some(path) = self.workspace.as_ref().and_then(|w| w.recovery_path.clone()) else { return };
        if let Err(error) = storage::remove_recovery(&path) {
            self.show_error("Could not remove the autosave file", error.to_string());
        }
    }

    /// Writes unsaved work to the recovery file once it has been unsaved
    /// for [`AUTOSAVE_AFTER_SECONDS`], then again at most as often.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now_seconds = ctx.input(|input| input.time);
        let Some(workspace) = &mut self.workspace else { return };
        if !workspace.is_dirty() {
            workspace.dirty_since = None;
            return;
        }
        let since = *workspace.dirty_since.get_or_insert(now_seconds);
        let revision = workspace.history.revision();
        if workspace.autosaved == Some(revision) {
            return;
        }
        let due = since + AUTOSAVE_AFTER_SECONDS;
        if now_seconds < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now_seconds));
            return;
        }
        let Some(path) = workspace.recovery_path.clone() else { return };
        match storage::write_recovery(&path, workspace.folder.root(), &workspace.project, now()) {
            Ok(()) => {
                workspace.autosaved = Some(revision);
                workspace.dirty_since = Some(now_seconds);
                self.status = "Autosaved unsaved work to a recovery file.".to_owned();
            }
            Err(error) => {
                workspace.dirty_since = Some(now_seconds);
                self.status = format!("Autosave failed: {error}");
            }
        }
    }

    fn apply_edit(&mut self, edit: Edit, label: String, ctx: &egui::Context) {
        let now_seconds = ctx.input(|input| input.time);
        let Some(workspace) = &mut self.workspace else { return };
        let story = edit.story().or_else(|| workspace.selected.as_ref().filter(|_| matches!(edit, Edit::Batch(_))));
        if story.is_some_and(|story| self.locks.is_read_only(story)) {
            self.status = "This story is open read-only: someone else is editing it.".to_owned();
            return;
        }
        if let Err(error) = workspace.apply(edit, label, now_seconds) {
            self.show_error("Could not make that change", error.to_string());
        }
    }

    /// Marks the selected story ready when every required check passes
    /// (judged on the project as it is now, not on the worker's last
    /// report); otherwise asks for the reason of an override.
    fn mark_ready(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        if story.status == crate::model::StoryStatus::Ready {
            return;
        }
        let marks = self.proofing.is_enabled().then(|| self.proofing.story_marks(story).counts());
        let Some(report) = super::check_now(&workspace.project, &story.slug, marks, now()) else { return };
        if report.readiness.ready() {
            if let Some(edit) =
                edit::status_change(story, crate::model::StoryStatus::Ready, &self.prefs.editor_name, now())
            {
                self.break_typing_group();
                self.apply_edit(edit, "status change to Ready".to_owned(), ctx);
            }
        } else {
            self.dialogs.push(Dialog::OverrideReady { failing: report.readiness.blocking, reason: String::new() });
        }
    }

    /// Signs a checklist item off on the selected story as the editor.
    fn sign_off(&mut self, item: &str, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let Some(item) = workspace.project.settings.checklist.iter().find(|i| i.id == item) else { return };
        if self.prefs.editor_name.trim().is_empty() {
            self.status = "Sign-offs record who signed: set your name in File > Preferences… first.".to_owned();
            self.dialogs.push(Dialog::Preferences { editor_name: String::new() });
            return;
        }
        let edit = edit::sign_off(story, &workspace.project.photos, item, &self.prefs.editor_name, now());
        let label = format!("signing off “{}”", item.label);
        self.break_typing_group();
        self.apply_edit(edit, label, ctx);
    }

    /// Applies a finding's suggested fix as one undo step.
    fn apply_fix(&mut self, finding: &crate::checks::Finding, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let Some(fix) = &finding.suggestion else { return };
        let replace = |text: &str, range: &std::ops::Range<usize>| -> Option<String> {
            let (before, after) = (text.get(..range.start)?, text.get(range.end..)?);
            Some(format!("{before}{}{after}", fix.replacement))
        };
        let edit = match &finding.place {
            crate::checks::Place::Text { field, range } => replace(story.text(*field), range)
                .map(|text| Edit::SetText { story: story.slug.clone(), field: *field, text }),
            crate::checks::Place::Photo { photo, field: crate::checks::PhotoField::Caption, range, .. } => {
                workspace.project.photo(photo).and_then(|current| {
                    let caption = replace(&current.caption, range)?;
                    Some(Edit::SetPhoto(Box::new(crate::model::Photo { caption, ..current.clone() })))
                })
            }
            _ => None,
        };
        match edit {
            Some(edit) => {
                self.break_typing_group();
                self.apply_edit(edit, fix.label.to_lowercase(), ctx);
            }
            None => self.status = "That fix no longer fits the text; the check will run again.".to_owned(),
        }
    }

    /// Adds `word` to the project dictionary, as an undoable change of the
    /// project's settings. Every check accepts it from then on.
    fn add_to_dictionary(&mut self, word: String, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let mut settings = workspace.project.settings.clone();
        if settings.dictionary.contains(&word) {
            return;
        }
        settings.dictionary.push(word.clone());
        settings.dictionary.sort_by_key(|entry| entry.to_lowercase());
        self.apply_edit(Edit::SetSettings(Box::new(settings)), format!("adding “{word}” to the dictionary"), ctx);
        self.status = format!("Added “{word}” to the project dictionary");
    }

    /// Ends the burst of typing being recorded, so the next edit is an undo
    /// step of its own.
    fn break_typing_group(&mut self) {
        if let Some(workspace) = &mut self.workspace {
            workspace.history.break_group();
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(workspace) = &mut self.workspace else { return };
        let result = if undo { workspace.undo() } else { workspace.redo() };
        match result {
            Ok(Some(label)) => self.status = format!("{} {label}", if undo { "Undid" } else { "Redid" }),
            Ok(None) => {}
            Err(error) => self.show_error("Could not undo", error.to_string()),
        }
    }

    fn selected_slug(&self) -> Option<Slug> {
        self.workspace.as_ref()?.selected_story().map(|s| s.slug.clone())
    }

    fn insert_after_selection(&mut self, story: Story, label: String, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let index = workspace
            .selected
            .as_ref()
            .and_then(|slug| workspace.project.index_of(slug))
            .map_or(workspace.project.stories.len(), |i| i + 1);
        self.apply_edit(Edit::InsertStory { index, story: Box::new(story) }, label, ctx);
        self.view.tab = WorkspaceTab::Article;
    }

    fn new_story(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let slug = workspace.project.free_slug(&Slug::from_title("new story"));
        let mut story = Story::new(slug.clone(), now());
        story.target_words = workspace.project.settings.default_target_words;
        self.insert_after_selection(story, format!("New story “{slug}”"), ctx);
        self.view.preview = false;
    }

    fn duplicate_story(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(original) = workspace.selected_story() else { return };
        let base = Slug::new(&format!("{}-copy", original.slug)).unwrap_or_else(|_| original.slug.clone());
        let mut copy = original.clone();
        copy.slug = workspace.project.free_slug(&base);
        copy.status = StoryStatus::Draft;
        copy.created = now();
        copy.updated = copy.created;
        let label = format!("Duplicate “{}”", original.slug);
        self.insert_after_selection(copy, label, ctx);
    }

    /// Imports copy files as new stories, as one undo step; reports files
    /// that could not be imported.
    pub fn import_files(&mut self, paths: &[PathBuf], ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let mut project = workspace.project.clone();
        let mut edits = Vec::new();
        let mut failures = Vec::new();
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let copy = storage::read_import_file(path)
                .map_err(|error| error.to_string())
                .and_then(|bytes| import::import_copy(&name, &bytes).map_err(|error| format!("{name}: {error}")));
            match copy {
                Ok(copy) => {
                    let story = import::into_story(&project, copy, now());
                    let edit = Edit::InsertStory { index: project.stories.len(), story: Box::new(story) };
                    // Applied to a scratch copy so later files see the slugs taken by earlier ones.
                    if edit.clone().apply(&mut project).is_ok() {
                        edits.push(edit);
                    }
                }
                Err(message) => failures.push(message),
            }
        }
        let imported = edits.len();
        if imported > 0 {
            let label = if imported == 1 { "Import 1 story".to_owned() } else { format!("Import {imported} stories") };
            self.apply_edit(Edit::Batch(edits), label, ctx);
            self.view.tab = WorkspaceTab::Article;
            self.status = format!("Imported {imported} {}.", if imported == 1 { "story" } else { "stories" });
        }
        if !failures.is_empty() {
            self.show_error("Some files could not be imported", failures.join("\n\n"));
        }
    }

    /// Starts copying pictures into the project (stored once by content)
    /// and reading their agency metadata on a background thread; they are
    /// attached to the selected story, as one undo step, when all are read
    /// (see [`Self::finish_photo_import`]).
    pub fn attach_photos(&mut self, paths: &[PathBuf], ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story().map(|story| story.slug.clone()) else { return };
        let root = workspace.folder.root().to_owned();
        let repaint = ctx.clone();
        self.photo_imports.push(super::photo_import::PhotoImport::start(root, story, paths.to_vec(), move || {
            repaint.request_repaint();
        }));
        self.view.tab = WorkspaceTab::Photos;
        self.status = format!("Attaching {} {}…", paths.len(), if paths.len() == 1 { "photo" } else { "photos" });
    }

    /// Takes in story files changed outside Copydesk: reloads a story with
    /// no edits here, asks about one with edits, reports a removed file.
    pub(super) fn take_outside_changes(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else {
            self.watcher = None;
            return;
        };
        let root = workspace.folder.root();
        if self.watcher.as_ref().map(super::watcher::ProjectWatcher::root) != Some(root) {
            let repaint = ctx.clone();
            self.watcher = super::watcher::ProjectWatcher::start(root, move || repaint.request_repaint());
        }
        let Some(watcher) = &self.watcher else { return };
        let paths = watcher.changed();
        if paths.is_empty() {
            return;
        }
        for change in workspace.folder.outside_changes(&paths) {
            self.take_outside_change(change);
        }
    }

    fn take_outside_change(&mut self, change: storage::OutsideChange) {
        let Some(workspace) = &mut self.workspace else { return };
        match change {
            storage::OutsideChange::Changed(theirs, text) | storage::OutsideChange::Added(theirs, text) => {
                let slug = theirs.slug.clone();
                let index = workspace.project.index_of(&slug);
                let edited_here = index
                    .and_then(|index| workspace.project.stories.get(index))
                    .is_some_and(|mine| workspace.folder.has_local_changes(mine));
                if edited_here && let Some(mine) = workspace.project.story(&slug) {
                    let draft = crate::ui::OutsideChangeDraft::new(mine, *theirs, text);
                    self.dialogs.retain(|dialog| !matches!(dialog, Dialog::OutsideChange(open) if open.slug == slug));
                    self.dialogs.push(Dialog::OutsideChange(Box::new(draft)));
                    return;
                }
                // Nothing edited here: the file's version is the story now.
                match index.and_then(|index| workspace.project.stories.get_mut(index)) {
                    Some(story) => *story = *theirs,
                    None => workspace.project.stories.push(*theirs),
                }
                workspace.folder.accept_outside(&slug, text);
                let verb = if index.is_some() { "Reloaded" } else { "Added" };
                self.status = format!("{verb} “{slug}”: it changed outside Copydesk (a colleague's save, a git pull).");
            }
            storage::OutsideChange::Deleted(slug) => {
                workspace.folder.forget_story_file(&slug);
                self.dialogs.push(Dialog::Message {
                    title: "A story file was removed outside Copydesk".to_owned(),
                    text: format!(
                        "stories/{slug}.ron was deleted or renamed outside Copydesk (a colleague, a git pull, a sync tool). \
                         The story stays open here, nothing is lost: Save writes it back. To let it go, delete it with \
                         Story › Delete story."
                    ),
                });
            }
            storage::OutsideChange::Broken(error) => {
                self.status =
                    format!("A story changed outside Copydesk but cannot be read yet (still syncing?): {error}");
            }
        }
    }

    /// Applies the answer to a story changed outside: their version whole,
    /// or mine with the chosen parts of theirs, as one undo step.
    fn resolve_outside_change(&mut self, draft: &crate::ui::OutsideChangeDraft, ctx: &egui::Context) {
        let Some(workspace) = &mut self.workspace else { return };
        let Some(index) = workspace.project.index_of(&draft.slug) else { return };
        let Some(mine) = workspace.project.stories.get(index).cloned() else { return };
        workspace.folder.accept_outside(&draft.slug, draft.theirs_text.clone());
        let edit = if draft.all_theirs() {
            Edit::Batch(vec![
                Edit::RemoveStory { story: draft.slug.clone() },
                Edit::InsertStory { index, story: Box::new(draft.theirs.clone()) },
            ])
        } else {
            let merged = draft.merged(&mine);
            let fields = [
                TextField::Headline,
                TextField::Dek,
                TextField::Byline,
                TextField::Dateline,
                TextField::Section,
                TextField::Notes,
                TextField::Body,
            ];
            let edits: Vec<Edit> = fields
                .into_iter()
                .filter(|field| merged.text(*field) != mine.text(*field))
                .map(|field| Edit::SetText { story: draft.slug.clone(), field, text: merged.text(field).to_owned() })
                .collect();
            if edits.is_empty() {
                self.status = "Kept your version; saving writes it over theirs.".to_owned();
                return;
            }
            Edit::Batch(edits)
        };
        self.break_typing_group();
        self.apply_edit(edit, "taking in changes from outside".to_owned(), ctx);
        self.status = "Merged; Ctrl+Z goes back to your version.".to_owned();
    }

    /// Starts exporting the selected story; a forced export (the story is
    /// not ready) is written to its activity log first, as an undoable step.
    fn start_export(&mut self, format: crate::export::Format, dir: PathBuf, forced: bool, ctx: &egui::Context) {
        if self.export.is_some() {
            self.status = "An export is still running; wait for it to finish.".to_owned();
            return;
        }
        let Some(workspace) = &self.workspace else { return };
        let Some(story) = workspace.selected_story() else { return };
        let slug = story.slug.clone();
        if forced {
            let mut activity = story.activity.clone();
            activity.push(crate::model::Activity {
                at: now(),
                by: self.prefs.editor_name.clone(),
                event: crate::model::Event::ForcedExport { format: format.key().to_owned(), status: story.status },
            });
            let edit = Edit::SetReview { story: slug.clone(), signoffs: story.signoffs.clone(), activity };
            self.break_typing_group();
            self.apply_edit(edit, "forced export".to_owned(), ctx);
        }
        let Some(workspace) = &self.workspace else { return };
        let repaint = ctx.clone();
        self.export = Some(super::export_job::ExportJob::start(
            workspace.folder.root().to_owned(),
            workspace.project.clone(),
            (slug, format, dir),
            move || repaint.request_repaint(),
        ));
        self.status = format!("Exporting as {}…", format.label());
    }

    /// Reports a finished export.
    pub(super) fn finish_export(&mut self, _ctx: &egui::Context) {
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

    /// Attaches the photos of every import that has finished.
    pub(super) fn finish_photo_imports(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        self.photo_imports.retain_mut(|import| {
            let done = import.poll();
            if done {
                finished.push((
                    import.story.clone(),
                    std::mem::take(&mut import.photos),
                    std::mem::take(&mut import.failures),
                ));
            }
            !done
        });
        for (story, photos, failures) in finished {
            self.finish_photo_import(&story, photos, failures, ctx);
        }
    }

    fn finish_photo_import(
        &mut self,
        story: &Slug,
        photos: Vec<crate::model::Photo>,
        failures: Vec<String>,
        ctx: &egui::Context,
    ) {
        let Some(workspace) = &self.workspace else { return };
        let count = photos.len();
        let first = photos.first().map(|photo| photo.id.clone());
        if let Some(edit) = edit::attach_photos(&workspace.project, story, photos) {
            let label = if count == 1 { "attaching a photo".to_owned() } else { format!("attaching {count} photos") };
            self.break_typing_group();
            self.apply_edit(edit.stamped(now()), label, ctx);
            if self.selected_slug().as_ref() == Some(story) {
                self.view.photos.selected = first;
            }
            self.status = format!("Attached {count} {}.", if count == 1 { "photo" } else { "photos" });
        } else if count > 0 {
            self.status = "Those photos are already attached to this story.".to_owned();
        }
        if !failures.is_empty() {
            self.show_error("Some photos could not be attached or read", failures.join("\n\n"));
        }
    }

    /// Puts the picture at `path` in place of a photo's missing file.
    fn relink_photo(&mut self, id: &crate::model::PhotoId, path: &Path) {
        let Some(workspace) = &self.workspace else { return };
        let Some(photo) = workspace.project.photo(id) else { return };
        match storage::relink_photo_file(workspace.folder.root(), photo, path) {
            Ok(()) => {
                self.status = format!("Relinked photos/{} to {}", photo.file, path.display());
                self.thumbnails.forget(id.as_str());
            }
            Err(error) => self.show_error("Could not relink the photo", error.to_string()),
        }
    }

    /// Fills `template` into the captions of `photos`, as one undo step.
    fn apply_caption_template(
        &mut self,
        photos: &[crate::model::PhotoId],
        template: &str,
        keep: bool,
        ctx: &egui::Context,
    ) {
        let Some(workspace) = &self.workspace else { return };
        let byline = workspace.selected_story().map(|story| story.byline.clone()).unwrap_or_default();
        let edits: Vec<Edit> = photos
            .iter()
            .filter_map(|id| workspace.project.photo(id))
            .filter_map(|photo| {
                let values = crate::photos::template::TemplateValues {
                    byline: &byline,
                    date: &photo.date_created,
                    city: &photo.city,
                    credit: &photo.credit,
                };
                let caption = crate::photos::template::apply(&photo.caption, template, &values, keep);
                (caption != photo.caption)
                    .then(|| Edit::SetPhoto(Box::new(crate::model::Photo { caption, ..photo.clone() })))
            })
            .collect();
        let count = edits.len();
        if count > 0 {
            self.break_typing_group();
            self.apply_edit(Edit::Batch(edits), format!("caption template on {count} photos"), ctx);
            self.break_typing_group();
        }
        self.status = format!("Applied the template to {count} {}", if count == 1 { "caption" } else { "captions" });
    }

    /// Writes a photo's caption and rights into the project's copy of its
    /// file, keeping every other field the file has.
    fn write_photo_metadata(&mut self, id: &crate::model::PhotoId) {
        let Some(workspace) = &self.workspace else { return };
        let Some(photo) = workspace.project.photo(id) else { return };
        let root = workspace.folder.root().to_owned();
        let fields = crate::photos::metadata::WritableMetadata {
            caption: photo.caption.clone(),
            credit: photo.credit.clone(),
            creator: photo.creator.clone(),
            copyright: photo.copyright.clone(),
            alt_text: photo.alt_text.clone(),
            headline: Some(photo.headline.clone()),
            keywords: Some(photo.keywords.clone()),
        };
        let result = storage::read_photo_bytes(&root, photo)
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                crate::photos::metadata::write_jpeg_metadata(&bytes, &fields)
                    .map_err(|error| format!("{}: {error}", storage::photo_file_path(&root, photo).display()))
            })
            .and_then(|bytes| storage::write_photo_bytes(&root, photo, &bytes).map_err(|error| error.to_string()));
        match result {
            Ok(()) => self.status = format!("Wrote the caption and credit into photos/{}", photo.file),
            Err(message) => self.show_error("Could not write the caption into the file", message),
        }
    }

    fn show_error(&mut self, title: &str, text: String) {
        self.dialogs.push(Dialog::Message { title: title.to_owned(), text });
    }
}

/// The file extensions the photo manager attaches.
const PICTURE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "tif", "tiff"];

/// Whether a dropped file is a picture (by its extension; its content is
/// checked when it is copied in).
fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| PICTURE_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(ext)))
}

/// Opens `dir` in the system's file manager.
fn open_folder(dir: &std::path::Path, status: &mut String) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(program).arg(dir).spawn() {
        *status = format!("Could not open {} ({error}); it is there to open by hand.", dir.display());
    }
}
