//! The status line at the bottom of the window: the last thing that happened.

use crate::workspace::Workspace;

/// Draws the status line; `exporting` is the photos resized of how many
/// while an export runs.
pub fn show(ui: &mut egui::Ui, status: &str, exporting: Option<(usize, usize)>, workspace: Option<&Workspace>) {
    egui::Panel::bottom("status_line").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some((done, total)) = exporting {
                let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
                let text =
                    if total == 0 { "Exporting…".to_owned() } else { format!("Exporting: photo {done} of {total}") };
                ui.add(egui::ProgressBar::new(fraction).desired_width(220.0).text(text));
            }
            ui.label(egui::RichText::new(status).small());
            if let Some(workspace) = workspace {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let count = workspace.project().stories.len();
                    let text = format!("{count} {}", if count == 1 { "story" } else { "stories" });
                    ui.label(egui::RichText::new(text).small().weak());
                });
            }
        });
    });
}
