//! Where commands arrive: what panels, menus, shortcuts, dropped files and
//! dialog answers ask for is sent to the feature file that owns it
//! (`project.rs`, `story.rs`, `review.rs`, `photos.rs`, `export.rs`,
//! `outside.rs`). Nothing is decided here; every arm is one call.

use std::path::PathBuf;

use super::{AfterSaveQuestion, Answer, Command, CopydeskApp, Dialog, UiCommand, WorkspaceTab};
use crate::clock::now;
use crate::workspace::Refusal;

impl CopydeskApp {
    /// Runs one command.
    pub(super) fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Ui(ui_command) => self.run_ui_command(ui_command, ctx),
            Command::Edit { edit, label } => {
                self.apply_typing(edit.stamped(now()), label, ctx);
            }
            Command::EditStep { edit, label } => {
                self.apply_step(edit.stamped(now()), label, ctx);
            }
            Command::Select(slug) => self.select_story(slug),
            Command::ShowTab(tab) => self.view.tab = tab,
            Command::SetStatus(status) => self.change_status(status, None, ctx),
            Command::AskReopen(how) => {
                let wording = self.workspace.as_ref().map(|w| w.project().settings.correction_wording.clone());
                self.dialogs.push(Dialog::Reopen { how, wording: wording.unwrap_or_default() });
            }
            Command::Reopen(how) => self.reopen(&how, ctx),
            Command::NewFromTemplate(name) => self.new_from_template(&name, ctx),
            Command::SaveAsTemplate(name) => self.save_as_template(&name, ctx),
            Command::MarkReady => self.change_status(crate::model::StoryStatus::Ready, None, ctx),
            Command::MarkReadyAnyway(reason) => {
                self.change_status(crate::model::StoryStatus::Ready, Some(reason), ctx);
            }
            Command::SignOff(item) => self.sign_off(&item, ctx),
            Command::WithdrawSignOff(item) => self.withdraw_sign_off(&item, ctx),
            Command::ApplyFix(finding) => self.apply_fix(&finding, ctx),
            Command::Respell(respelling) => self.respell(&respelling, ctx),
            Command::ExportTo { format, dir, forced } => self.start_export(format, dir, forced, ctx),
            Command::PickExportFolder { format, forced } => self.pick_export_folder(format, forced),
            Command::OpenFolder(dir) => self.open_folder(&dir),
            Command::SaveAsTo(dir) => self.save_as(&dir),
            Command::SaveThenLeave(then) => {
                if self.save_project() {
                    self.leave(then, ctx);
                }
            }
            Command::DiscardThenLeave(then) => {
                self.discard_recovery();
                self.leave(then, ctx);
            }
            Command::TakeOverLock => self.take_over_lock(),
            Command::OpenProjectAt(path) => self.ask_before_leaving(AfterSaveQuestion::OpenProject(path), ctx),
            Command::ImportFiles(paths) => self.import_files(&paths, ctx),
            Command::AttachPhotos(paths) => self.attach_photos(&paths, ctx),
            Command::WritePhotoMetadata(id) => self.write_photo_metadata(&id),
            Command::RelinkPhoto(id) => self.pick_relink_file(&id),
            Command::RelinkPhotoTo(id, path) => self.relink_photo(&id, &path),
            Command::CaptionTemplate(photos) => {
                self.dialogs.push(Dialog::CaptionTemplate { photos, template: String::new(), keep: true });
            }
            Command::ApplyCaptionTemplate { photos, template, keep } => {
                self.apply_caption_template(&photos, &template, keep, ctx);
            }
            Command::IgnoreMarkedText(text) => {
                self.status = format!("Ignoring “{text}” until Copydesk closes");
                self.proofing.ignore(text);
            }
            Command::AddToDictionary(word) => self.add_to_dictionary(word, ctx),
            Command::AddToNames(name) => self.add_to_names(name, ctx),
            Command::DeleteStory(slug) => self.delete_story(slug, ctx),
            Command::RenameStory { story, to } => self.rename_story(story, to, ctx),
            Command::RestoreRecovery(recovery) => self.restore_recovery(*recovery),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::SaveRevision { story, name } => self.save_revision(story, &name, ctx),
            Command::ApplySettings(settings) => self.apply_settings(*settings, ctx),
            Command::SetEditorName(name) => self.prefs.editor_name = name,
            Command::ResolveOutsideChange(draft) => self.resolve_outside_change(&draft, ctx),
            Command::ShareAt(url) => self.share_project(url, ctx),
            Command::TypeTracked { story, field, shown } => self.type_tracked(&story, field, &shown, ctx),
            Command::ReplaceTracked { story, field, replacements } => {
                self.replace_tracked(&story, field, &replacements, ctx);
            }
            Command::ResolveSuggestions { story, accept, id, author } => {
                self.resolve_suggestions(&story, accept, id.as_deref(), author.as_deref(), ctx);
            }
            Command::TypeCaption { photo, shown } => self.type_caption(&photo, &shown, ctx),
            Command::ResolveCaptionSuggestions { photo, accept, id } => {
                self.resolve_caption_suggestions(&photo, accept, id.as_deref(), ctx);
            }
            Command::AddComment { story, field, range, text } => self.add_comment(&story, field, range, &text, ctx),
            Command::ReplyToComment { story, id, text } => self.reply_to_comment(&story, &id, &text, ctx),
            Command::SetCommentResolved { story, id, resolved } => {
                self.set_comment_resolved(&story, &id, resolved, ctx);
            }
            Command::DecideFileConflict { path, theirs } => self.decide_file_conflict(&path, theirs, ctx),
            Command::PickCloneFolder(url) => self.pick_clone_folder(url),
            Command::CloneInto { url, dir } => self.clone_project(url, dir, ctx),
            Command::SetField { story, field, value } => self.set_field(&story, field, &value, ctx),
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
            UiCommand::ImportCopy => self.pick_copy_to_import(ctx),
            UiCommand::RenameStory => {
                if let Some(slug) = self.selected_slug() {
                    self.dialogs.push(Dialog::Rename { text: slug.to_string(), slug });
                }
            }
            UiCommand::DuplicateStory => self.duplicate_story(ctx),
            UiCommand::NewFromTemplate => {
                let names = self.template_names();
                let chosen = names.first().cloned().unwrap_or_default();
                self.dialogs.push(Dialog::NewFromTemplate { names, chosen });
            }
            UiCommand::SaveAsTemplate => {
                let taken = self.template_names();
                self.dialogs.push(Dialog::SaveAsTemplate { name: String::new(), taken });
            }
            UiCommand::ReopenStory => {
                self.run(Command::AskReopen(crate::model::Reopening::Update { note: String::new() }), ctx);
            }
            UiCommand::DeleteStory => {
                if let Some(slug) = self.selected_slug() {
                    self.dialogs.push(Dialog::ConfirmDelete { slug });
                }
            }
            UiCommand::NextStory => self.select_neighbour(true),
            UiCommand::PreviousStory => self.select_neighbour(false),
            UiCommand::ShowArticle => self.view.tab = WorkspaceTab::Article,
            UiCommand::ShowPhotos => self.view.tab = WorkspaceTab::Photos,
            UiCommand::ShowReview => self.view.tab = WorkspaceTab::Review,
            UiCommand::ShowRevisions => self.view.tab = WorkspaceTab::Revisions,
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
            UiCommand::AttachPhotos => self.pick_photos_to_attach(ctx),
            UiCommand::SaveRevision => {
                if let Some(slug) = self.selected_slug() {
                    self.dialogs.push(Dialog::SaveRevision { slug, name: String::new() });
                }
            }
            UiCommand::Export => self.ask_export(),
            UiCommand::ProjectSettings => {
                if let Some(workspace) = &self.workspace {
                    let draft = super::SettingsDraft::of(&workspace.project().settings);
                    self.dialogs.push(Dialog::ProjectSettings(Box::new(draft)));
                }
            }
            UiCommand::Preferences => {
                self.dialogs.push(Dialog::Preferences { editor_name: self.prefs.editor_name.clone() });
            }
            UiCommand::NextMark => self.reveal_next_mark(),
            UiCommand::ToggleSuggesting => self.toggle_suggesting(),
            UiCommand::NextChange => self.reveal_change(true),
            UiCommand::PreviousChange => self.reveal_change(false),
            UiCommand::ToggleMarks => {
                self.prefs.marks = !self.proofing.is_enabled();
                self.proofing.set_enabled(self.prefs.marks);
            }
            UiCommand::ToggleTheme => {
                self.prefs.dark_mode = !self.prefs.dark_mode;
                ctx.set_theme(self.prefs.theme());
            }
            UiCommand::ShareProject => self.ask_share_address(),
            UiCommand::CloneProject => self.dialogs.push(Dialog::Clone { url: String::new() }),
            UiCommand::SyncNow => self.start_sync(true, ctx),
            UiCommand::Quit => self.ask_before_leaving(AfterSaveQuestion::Close, ctx),
        }
    }

    /// Closes the first dialog with the user's answer and runs what it
    /// asked for.
    pub(super) fn answer_dialog(&mut self, answer: Answer, ctx: &egui::Context) {
        if self.dialogs.is_empty() {
            return;
        }
        self.dialogs.remove(0);
        if let Answer::Run(command) = answer {
            self.run(command, ctx);
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

    /// Files dropped on the window: pictures attach to the open story,
    /// anything else is copy to import.
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let paths: Vec<PathBuf> =
            ctx.input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_path_buf()).collect());
        let (pictures, copy): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|path| super::photos::is_picture(path));
        if !pictures.is_empty() {
            self.commands.push(Command::AttachPhotos(pictures));
        }
        if !copy.is_empty() {
            self.commands.push(Command::ImportFiles(copy));
        }
    }

    /// Applies an edit as part of a burst of typing (merged into one undo
    /// step with the typing around it). Returns whether it was made; a
    /// refusal is reported.
    pub(super) fn apply_typing(&mut self, edit: crate::edit::Edit, label: String, ctx: &egui::Context) -> bool {
        let seconds = ctx.input(|input| input.time);
        let Some(workspace) = &mut self.workspace else { return false };
        let result = workspace.apply(edit, label, seconds);
        self.report_refusal(result)
    }

    /// Applies an edit as an undo step of its own. Returns whether it was
    /// made; a refusal is reported, so no caller reports success for a
    /// change that did not happen.
    pub(super) fn apply_step(&mut self, edit: crate::edit::Edit, label: String, ctx: &egui::Context) -> bool {
        let seconds = ctx.input(|input| input.time);
        let Some(workspace) = &mut self.workspace else { return false };
        let result = workspace.apply_step(edit, label, seconds);
        self.report_refusal(result)
    }

    /// Shows why a change was refused; true when there was none.
    pub(super) fn report_refusal(&mut self, result: Result<(), Refusal>) -> bool {
        match result {
            Ok(()) => true,
            Err(refusal @ (Refusal::Held { .. } | Refusal::Published { .. })) => {
                self.status = refusal.to_string();
                false
            }
            Err(Refusal::Invalid(error)) => {
                self.show_error("Could not make that change", error.to_string());
                false
            }
        }
    }

    /// Shows a message dialog.
    pub(super) fn show_error(&mut self, title: &str, text: String) {
        self.dialogs.push(Dialog::Message { title: title.to_owned(), text });
    }
}
