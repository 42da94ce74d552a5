//! The window's main area: the story list on the left and the selected
//! story's workspace (Article, Photos, Review) beside it.

use super::article_editor::EditorContext;
use super::{Command, Reports, StoryMarks, UiCommand, ViewState, WorkspaceTab};
use super::{article_editor, photos_panel, review_panel, revisions_panel, story_list, theme};
use crate::workspace::Workspace;

/// What the app prepared for the panels this frame.
pub struct Shown<'a> {
    /// Spelling and grammar marks of the selected story.
    pub marks: StoryMarks<'a>,
    /// Spelling and grammar marks of the captions and alt text of the
    /// selected story's photos.
    pub photo_marks: &'a std::collections::HashMap<crate::model::PhotoId, super::PhotoMarks<'a>>,
    /// Photo thumbnails.
    pub tiles: &'a photos_panel::PhotoTiles,
    /// Review reports by story.
    pub reports: &'a Reports,
    /// Who else is editing the selected story (and whether their lock is
    /// stale); the story is then shown read-only.
    pub lock: Option<(String, bool)>,
    /// Who is editing which story on other machines ("Kathy is editing
    /// (12 min ago)"), from the shared repository.
    pub presence: &'a std::collections::HashMap<crate::model::Slug, String>,
}

/// Draws the story list and the workspace.
pub fn show(
    ui: &mut egui::Ui,
    workspace: Option<&Workspace>,
    shown: Shown<'_>,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    let Shown { marks, photo_marks, tiles, reports, lock, presence } = shown;
    let Some(workspace) = workspace else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.centered_and_justified(|ui| {
                ui.label("Open a project (Ctrl+O) or create one (Ctrl+Shift+N).");
            });
        });
        return;
    };
    egui::Panel::left("story_list").resizable(true).default_size(300.0).min_size(220.0).show(ui, |ui| {
        story_list::show(ui, workspace, (reports, presence), &mut view.story_list, &mut view.stats, commands)
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(story) = workspace.selected_story() else {
            ui.centered_and_justified(|ui| {
                ui.label("No stories yet. Story > New story (Ctrl+N), or drop .txt, .md or .docx files here.");
            });
            return;
        };
        ui.horizontal(|ui| {
            for (tab, label) in [
                (WorkspaceTab::Article, "Article"),
                (WorkspaceTab::Photos, "Photos"),
                (WorkspaceTab::Review, "Review"),
                (WorkspaceTab::Revisions, "Revisions"),
            ] {
                if ui.selectable_label(view.tab == tab, label).clicked() {
                    commands.push(Command::ShowTab(tab));
                }
            }
            ui.separator();
            ui.label(egui::RichText::new(story.slug.as_str()).monospace());
            theme::status_badge(ui, story.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if view.tab == WorkspaceTab::Article {
                    let label = if view.preview { "Edit text" } else { "Preview" };
                    if ui.button(label).on_hover_text(UiCommand::TogglePreview.tooltip()).clicked() {
                        commands.push(Command::Ui(UiCommand::TogglePreview));
                    }
                }
            });
        });
        ui.separator();
        if let Some((holder, stale)) = &lock {
            lock_banner(ui, holder, *stale, commands);
        }
        // Caches of the open story (counts, find matches, diffs) are keyed
        // on its own revision, so they survive edits to other stories and
        // never outlive a change to this one.
        let story_revision = workspace.story_revision(&story.slug).unwrap_or_else(|| workspace.revision());
        // Someone else's story is shown, not edited: every widget is off.
        ui.add_enabled_ui(lock.is_none(), |ui| match view.tab {
            WorkspaceTab::Article => {
                let context = EditorContext {
                    settings: &workspace.project().settings,
                    marks,
                    revision: story_revision,
                    suggesting: view.suggesting,
                };
                article_editor::show(ui, story, &context, view, commands);
            }
            WorkspaceTab::Photos => {
                let shown = photos_panel::Shown { tiles, marks: photo_marks };
                photos_panel::show(
                    ui,
                    workspace.project(),
                    workspace.codes(),
                    story,
                    shown,
                    &mut view.photos,
                    commands,
                );
            }
            WorkspaceTab::Review => {
                let report = reports.get(&story.slug);
                review_panel::show(ui, workspace.project(), story, workspace.revision(), report, view, commands);
            }
            WorkspaceTab::Revisions => {
                revisions_panel::show(ui, story, story_revision, &mut view.revisions, commands);
            }
        });
    });
}

/// "Read-only: Ana Ruiz on desk-3 since … is editing this story", with
/// Take over when their lock is stale.
fn lock_banner(ui: &mut egui::Ui, holder: &str, stale: bool, commands: &mut Vec<Command>) {
    egui::Frame::new().fill(ui.visuals().faint_bg_color).inner_margin(6).corner_radius(4).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let text = if stale {
                format!("Read-only: {holder} had this story open, but that Copydesk is gone.")
            } else {
                format!("Read-only: {holder} is editing this story.")
            };
            ui.label(egui::RichText::new(text).color(ui.visuals().warn_fg_color).strong());
            let take = ui.add_enabled(stale, egui::Button::new("Take over"));
            let take = take
                .on_hover_text("Edit it here; the other Copydesk stopped without closing the story")
                .on_disabled_hover_text(
                    "Possible once their Copydesk has closed, or has not been heard from for 5 minutes",
                );
            if take.clicked() {
                commands.push(Command::TakeOverLock);
            }
        });
    });
}
