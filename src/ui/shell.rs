//! The window's main area: the story list on the left and the selected
//! story's workspace (Article, Photos, Review) beside it.

use super::article_editor::EditorContext;
use super::{Command, Reports, StoryMarks, UiCommand, ViewState, WorkspaceTab};
use super::{article_editor, photos_panel, review_panel, revisions_panel, story_list, theme};
use crate::workspace::Workspace;

/// Draws the story list and the workspace.
pub fn show(
    ui: &mut egui::Ui,
    workspace: Option<&Workspace>,
    marks: StoryMarks<'_>,
    tiles: &photos_panel::PhotoTiles,
    reports: &Reports,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    let Some(workspace) = workspace else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.centered_and_justified(|ui| {
                ui.label("Open a project (Ctrl+O) or create one (Ctrl+Shift+N).");
            });
        });
        return;
    };
    egui::Panel::left("story_list")
        .resizable(true)
        .default_size(300.0)
        .min_size(220.0)
        .show(ui, |ui| story_list::show(ui, workspace, reports, &mut view.story_list, &mut view.stats, commands));
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
        match view.tab {
            WorkspaceTab::Article => {
                let context = EditorContext {
                    settings: &workspace.project.settings,
                    marks,
                    revision: workspace.history.revision(),
                };
                article_editor::show(ui, story, &context, view, commands);
            }
            WorkspaceTab::Photos => {
                photos_panel::show(ui, &workspace.project, &workspace.codes, story, tiles, &mut view.photos, commands);
            }
            WorkspaceTab::Review => {
                let report = reports.get(&story.slug);
                review_panel::show(ui, &workspace.project, story, report, view, commands);
            }
            WorkspaceTab::Revisions => {
                revisions_panel::show(ui, story, workspace.history.revision(), &mut view.revisions, commands);
            }
        }
    });
}
