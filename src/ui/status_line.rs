//! The status line at the bottom of the window: the last thing that happened.

use crate::workspace::Workspace;

/// Draws the status line.
pub fn show(ui: &mut egui::Ui, status: &str, workspace: Option<&Workspace>) {
    egui::Panel::bottom("status_line").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(status).small());
            if let Some(workspace) = workspace {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let count = workspace.project.stories.len();
                    let text = format!("{count} {}", if count == 1 { "story" } else { "stories" });
                    ui.label(egui::RichText::new(text).small().weak());
                });
            }
        });
    });
}
