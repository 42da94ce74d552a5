//! Draws the app's modal dialogs and reports the user's choice.

use super::{AfterSaveQuestion, Answer, Command, Dialog, UiCommand};
use crate::model::Slug;

/// Draws `dialog`; returns how the user answered once they do: each button
/// names the command it means. Escape is Cancel wherever Cancel is offered.
pub fn show(ctx: &egui::Context, dialog: &mut Dialog) -> Option<Answer> {
    let mut choice = None;
    let run = |command: Command| Some(Answer::Run(command));
    let modal = egui::Modal::new(egui::Id::unique("copydesk_dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match dialog {
            Dialog::UnsavedChanges { then } => {
                ui.heading("Save changes?");
                let doing = match then {
                    AfterSaveQuestion::Close => "closing Copydesk",
                    AfterSaveQuestion::PickProject | AfterSaveQuestion::OpenProject(_) => "opening another project",
                    AfterSaveQuestion::PickNewProject => "creating a new project",
                };
                ui.label(format!("This project has unsaved changes. Save them before {doing}?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        choice = run(Command::SaveThenLeave(then.clone()));
                    }
                    if ui.button("Discard changes").clicked() {
                        choice = run(Command::DiscardThenLeave(then.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::ConfirmDelete { slug } => {
                ui.heading("Delete story?");
                ui.label(format!("Delete “{slug}” from the project? Undo (Ctrl+Z) brings it back until you close the project."));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        choice = run(Command::DeleteStory(slug.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::Rename { slug, text } => {
                ui.heading("Rename story");
                let label = ui.label(format!("New slug for “{slug}”:"));
                let response = ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label.id);
                response.request_focus();
                let valid = Slug::new(text.trim());
                if let Err(error) = &valid {
                    ui.label(egui::RichText::new(error.to_string()).color(ui.visuals().warn_fg_color));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let clicked = ui.add_enabled(valid.is_ok(), egui::Button::new("Rename")).clicked();
                    if let Ok(to) = &valid
                        && (clicked || enter)
                    {
                        choice = run(Command::RenameStory { story: slug.clone(), to: to.clone() });
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::Recovery(recovery) => {
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "Copydesk found work on this project that was not saved, autosaved at {} (UTC). Restore it, or discard it and keep the files as they are on disk?",
                    recovery.written.short()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        choice = run(Command::RestoreRecovery(recovery.clone()));
                    }
                    if ui.button("Discard").clicked() {
                        choice = run(Command::DiscardRecovery);
                    }
                });
            }
            Dialog::SaveRevision { slug, name } => {
                ui.heading("Save revision");
                let label = ui.label(format!("Keep the text of “{slug}” as it is now, under the name:"));
                let response = ui
                    .add(
                        egui::TextEdit::singleline(name)
                            .desired_width(f32::INFINITY)
                            .hint_text("Sent to copy desk"),
                    )
                    .labelled_by(label.id);
                response.request_focus();
                let valid = !name.trim().is_empty();
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.add_enabled(valid, egui::Button::new("Save revision")).clicked() || (enter && valid) {
                        choice = run(Command::SaveRevision { story: slug.clone(), name: name.trim().to_owned() });
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::ProjectSettings(draft) => choice = super::settings_dialog::show(ui, draft),
            Dialog::CaptionTemplate { photos, template, keep } => {
                ui.heading("Caption template");
                let count = photos.len();
                let label = ui.label(format!(
                    "Template for {count} {} ({} are filled in for each):",
                    if count == 1 { "photo" } else { "photos" },
                    crate::photos::template::VARIABLES.join(", ")
                ));
                ui.add(
                    egui::TextEdit::multiline(template)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text("{city}, {date}: … ({credit})"),
                )
                .labelled_by(label.id);
                ui.radio_value(keep, true, "Keep each caption and add this after it");
                ui.radio_value(keep, false, "Replace each caption");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let valid = !template.trim().is_empty();
                    if ui.add_enabled(valid, egui::Button::new("Apply template")).clicked() {
                        choice = run(Command::ApplyCaptionTemplate {
                            photos: photos.clone(),
                            template: template.clone(),
                            keep: *keep,
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::Preferences { editor_name } => {
                ui.heading("Preferences");
                let label = ui.label("Your name, as revisions and sign-offs record it");
                ui.add(egui::TextEdit::singleline(editor_name).desired_width(f32::INFINITY)).labelled_by(label.id);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let valid = !editor_name.trim().is_empty();
                    if ui.add_enabled(valid, egui::Button::new("OK")).clicked() {
                        choice = run(Command::SetEditorName(editor_name.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::NewFromTemplate { names, chosen } => {
                ui.heading("New story from template");
                for name in names.iter() {
                    ui.radio_value(chosen, name.clone(), name);
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.add_enabled(!chosen.is_empty(), egui::Button::new("Create story")).clicked() {
                        choice = run(Command::NewFromTemplate(chosen.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::SaveAsTemplate { name, taken } => {
                ui.heading("Save as template");
                ui.label("Its section, tags, target length, checklist items of its own and text become the template.");
                let label = ui.label("Template name");
                ui.add(egui::TextEdit::singleline(name).hint_text("e.g. Obituary")).labelled_by(label.id);
                let replaces = taken.iter().any(|known| known.trim().eq_ignore_ascii_case(name.trim()));
                if replaces {
                    ui.label(egui::RichText::new("A template of this name is replaced.").small().weak());
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let valid = !name.trim().is_empty();
                    let button = ui.add_enabled(valid, egui::Button::new("Save template"));
                    if button.on_disabled_hover_text("Name it first").clicked() {
                        choice = run(Command::SaveAsTemplate(name.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::Reopen { how, wording } => {
                use crate::model::Reopening;
                ui.heading("Reopen the published story");
                let note = how.note().to_owned();
                ui.horizontal(|ui| {
                    for choice in [
                        Reopening::Update { note: note.clone() },
                        Reopening::Correction { note: note.clone() },
                        Reopening::Kill { reason: note.clone() },
                    ] {
                        let label = match choice {
                            Reopening::Update { .. } => "Update",
                            Reopening::Correction { .. } => "Correction",
                            Reopening::Kill { .. } => "Kill",
                        };
                        let chosen = std::mem::discriminant(&choice) == std::mem::discriminant(&*how);
                        if ui.selectable_label(chosen, label).clicked() {
                            *how = choice;
                        }
                    }
                });
                let (explain, prompt, hint) = match how {
                    Reopening::Update { .. } => (
                        "A new version as the news develops. It goes back to Editing and runs again through Ready.",
                        "What changes (optional, for the activity log):",
                        "e.g. Adds the ministry's statement",
                    ),
                    Reopening::Correction { .. } => (
                        "A public correction: the note is appended to the story and kept in its corrections ledger.",
                        "What was wrong (required):",
                        "e.g. misstated the number of drones.",
                    ),
                    Reopening::Kill { .. } => (
                        "Withdraw the story for good: exports say it is canceled.",
                        "Why it is withdrawn (required, for the activity log and receivers):",
                        "e.g. Legal: the source withdrew consent",
                    ),
                };
                ui.label(explain);
                ui.add_space(4.0);
                let label = ui.label(prompt);
                let text = match how {
                    Reopening::Update { note } | Reopening::Correction { note } => note,
                    Reopening::Kill { reason } => reason,
                };
                let field = ui
                    .add(egui::TextEdit::multiline(text).desired_rows(3).desired_width(f32::INFINITY).hint_text(hint))
                    .labelled_by(label.id);
                // The note is what the dialog is for: typing goes there.
                if ui.memory(|memory| memory.focused().is_none()) {
                    field.request_focus();
                }
                if let Reopening::Correction { note } = how {
                    let preview = crate::model::correction_text(wording, note, crate::clock::now());
                    ui.label(egui::RichText::new(format!("Published as: {preview}")).small().italics());
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let valid = matches!(how, Reopening::Update { .. }) || !how.note().trim().is_empty();
                    let button = ui.add_enabled(valid, egui::Button::new(format!("Reopen as {}", how.label())));
                    if button.on_disabled_hover_text("Write the note or reason first").clicked() {
                        choice = run(Command::Reopen(how.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::OverrideReady { failing, reason } => {
                ui.heading("Mark ready anyway?");
                ui.label(format!("{} required item(s) do not pass:", failing.len()));
                egui::ScrollArea::vertical().max_height(160.0).show(ui, |ui| {
                    for line in failing.iter() {
                        ui.label(format!("• {line}"));
                    }
                });
                ui.add_space(4.0);
                let label = ui.label("Why it can run anyway (kept in the story's activity log):");
                ui.add(
                    egui::TextEdit::multiline(reason)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text("e.g. Legal cleared it by phone; the desk head approved"),
                )
                .labelled_by(label.id);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let valid = !reason.trim().is_empty();
                    let button = ui.add_enabled(valid, egui::Button::new("Mark ready with this reason"));
                    if button.on_disabled_hover_text("Write the reason first").clicked() {
                        choice = run(Command::MarkReadyAnyway(reason.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::Export { format, not_ready, force } => {
                ui.heading("Export for publication");
                for choice in crate::export::Format::ALL {
                    ui.radio_value(format, choice, choice.label());
                }
                if let Some(status) = not_ready {
                    ui.add_space(4.0);
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("This story is {}, not Ready.", status.label().to_lowercase()),
                    );
                    ui.checkbox(force, "Export it anyway (written to the story's activity log)");
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let allowed = not_ready.is_none() || *force;
                    let button = ui.add_enabled(allowed, egui::Button::new("Choose a folder and export…"));
                    if button.on_disabled_hover_text("Tick “Export it anyway” first").clicked() {
                        choice = run(Command::PickExportFolder { format: *format, forced: not_ready.is_some() });
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::ExportDone { dir, files, problems } => {
                ui.heading("Exported");
                ui.label(format!("{files} files in {}", dir.display()));
                for problem in problems.iter() {
                    ui.colored_label(ui.visuals().warn_fg_color, problem);
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Open the folder").clicked() {
                        choice = run(Command::OpenFolder(dir.clone()));
                    }
                    if ui.button("Close").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::OutsideChange(draft) => choice = outside_change(ui, draft),
            Dialog::Share { url } => {
                ui.heading("Share project");
                ui.label(
                    "Copydesk makes the project folder a git repository (if it is not one), commits everything \
                     and sends it to a shared repository: an empty bare repository on a server or network share \
                     (/srv/desk/project.git, ssh://desk.example.org/project.git) or one made on Gitea, GitLab or \
                     GitHub. Your usual git login (credential helper, ssh key) is used.",
                );
                address_field(ui, url);
                ui.horizontal(|ui| {
                    let ok = !url.trim().is_empty();
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.add_enabled(ok, egui::Button::new("Share")).clicked() || (ok && enter) {
                        choice = run(Command::ShareAt(url.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::Clone { url } => {
                ui.heading("Clone project");
                ui.label(
                    "Get your own copy of a project the desk shares through git. Choose the folder to put it in \
                     next; Copydesk opens it when it has arrived and keeps it in sync.",
                );
                address_field(ui, url);
                ui.horizontal(|ui| {
                    let ok = !url.trim().is_empty();
                    if ui.add_enabled(ok, egui::Button::new("Choose folder and clone…")).clicked() {
                        choice = run(Command::PickCloneFolder(url.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::SaveFailed { message } => {
                ui.heading("Could not save");
                ui.label(message.as_str());
                ui.label("Your changes are still here, unsaved. Save the project into another folder to keep them safe.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save as…").clicked() {
                        choice = run(Command::Ui(UiCommand::SaveAs));
                    }
                    if ui.button("Close").clicked() {
                        choice = Some(Answer::Dismissed);
                    }
                });
            }
            Dialog::FileConflict { path, parts } => {
                let what = if path == crate::storage::PROJECT_FILE { "The project settings" } else { "A photo's caption" };
                ui.heading(format!("{what}: you and a colleague changed the same part"));
                ui.label(format!(
                    "The sync merged everything else in {path}. Both of you changed: {}. Your version is in the \
                     project; theirs is kept until you choose. Your choice is saved, committed and sent.",
                    parts.join("; ")
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Keep mine").clicked() {
                        choice = run(Command::DecideFileConflict { path: path.clone(), theirs: false });
                    }
                    if ui.button("Take theirs").on_hover_text("Ctrl+Z brings yours back").clicked() {
                        choice = run(Command::DecideFileConflict { path: path.clone(), theirs: true });
                    }
                });
            }
            Dialog::Message { title, text } => {
                ui.heading(title.as_str());
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    ui.label(text.as_str());
                });
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    choice = Some(Answer::Dismissed);
                }
            }
        }
    });
    // Two questions must be answered: recovered work, and a story changed
    // outside (theirs would be overwritten unseen).
    let cancellable = !matches!(dialog, Dialog::Recovery(_) | Dialog::OutsideChange(_) | Dialog::FileConflict { .. });
    if choice.is_none() && modal.should_close() && cancellable {
        choice = Some(Answer::Dismissed);
    }
    choice
}

/// The shared repository's address, as the Share and Clone dialogs ask it.
fn address_field(ui: &mut egui::Ui, url: &mut String) {
    let label = ui.label("Shared repository address:");
    let response = ui.add(egui::TextEdit::singleline(url).desired_width(f32::INFINITY)).labelled_by(label.id);
    response.request_focus();
    ui.add_space(8.0);
}

/// A story changed on disk while it has edits here: keep mine, take
/// theirs, or choose part by part (fields, then the body's paragraphs).
fn outside_change(ui: &mut egui::Ui, draft: &mut super::OutsideChangeDraft) -> Option<Answer> {
    use crate::diff::{Hunk, Side};
    let mut choice = None;
    ui.set_min_width(640.0);
    if draft.conflict.is_some() {
        ui.heading(format!("“{}”: you and a colleague changed the same part", draft.slug));
        ui.label(
            "The sync merged everything else. Where both of you changed the same field or paragraph, your \
             version is in the story and theirs is kept until you choose. Nothing is sent until you do; \
             your choice is saved, committed and sent.",
        );
        ui.label(egui::RichText::new(format!("Both changed: {}", draft.conflict_parts.join("; "))).strong());
    } else {
        ui.heading(format!("“{}” changed outside Copydesk", draft.slug));
        ui.label(
            "Someone saved another version (a colleague, a git pull) while you have unsaved edits here. \
             Keep yours, take theirs, or choose part by part.",
        );
    }
    ui.horizontal(|ui| {
        if ui.button("Keep mine").on_hover_text("Your version stays; saving writes it over theirs").clicked() {
            draft.choose_all(false);
            choice = Some(Answer::Run(Command::ResolveOutsideChange(Box::new(draft.clone()))));
        }
        if ui.button("Take theirs").on_hover_text("Their version replaces yours (Ctrl+Z brings yours back)").clicked() {
            draft.choose_all(true);
            choice = Some(Answer::Run(Command::ResolveOutsideChange(Box::new(draft.clone()))));
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        for (field, mine, theirs, take) in &mut draft.fields {
            ui.label(egui::RichText::new(field.label()).strong());
            ui.radio_value(take, false, format!("Mine: {mine}"));
            ui.radio_value(take, true, format!("Theirs: {theirs}"));
        }
        let mut differing = 0;
        for hunk in &draft.hunks {
            match hunk {
                Hunk::Same(paragraphs) => {
                    for paragraph in paragraphs {
                        ui.add(egui::Label::new(egui::RichText::new(paragraph).small().weak()).truncate());
                    }
                }
                Hunk::Differ { mine, theirs } => {
                    let index = differing;
                    differing += 1;
                    let Some(side) = draft.choices.get_mut(index) else { continue };
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(egui::RichText::new(format!("Body, change {}", index + 1)).strong());
                        // What changed, word by word: struck out is yours, underlined theirs.
                        let spans = crate::diff::word_diff(&mine.join("\n\n"), &theirs.join("\n\n"));
                        let job = super::revisions_panel::spans_job(ui, &spans, ui.available_width());
                        ui.label(job);
                        let mine_text = if mine.is_empty() { "(nothing)".to_owned() } else { mine.join("\n\n") };
                        let theirs_text = if theirs.is_empty() { "(nothing)".to_owned() } else { theirs.join("\n\n") };
                        ui.radio_value(side, Side::Mine, format!("Mine: {mine_text}"));
                        ui.radio_value(side, Side::Theirs, format!("Theirs: {theirs_text}"));
                        ui.radio_value(side, Side::Both, "Both, mine first");
                    });
                }
            }
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Merge as chosen").on_hover_text("One undo step").clicked() {
            choice = Some(Answer::Run(Command::ResolveOutsideChange(Box::new(draft.clone()))));
        }
    });
    choice
}
