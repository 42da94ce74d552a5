//! The status line at the bottom of the window: the last thing that happened.

use crate::app::CopydeskApp;

/// Draws the status line.
pub fn show(ui: &mut egui::Ui, app: &CopydeskApp) {
    egui::Panel::bottom("status_line").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&app.status).small());
            if let Some(workspace) = &app.workspace {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let count = workspace.project.stories.len();
                    let text = format!("{count} {}", if count == 1 { "story" } else { "stories" });
                    ui.label(egui::RichText::new(text).small().weak());
                });
            }
        });
    });
}
