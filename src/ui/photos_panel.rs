//! The Photos tool. Photo import and captioning arrive with the photo
//! manager; until then this shows what the story has: the captions filed
//! with the copy, kept in the editor's notes.

use crate::model::Story;

/// Draws the Photos tool for `story`.
pub fn show(ui: &mut egui::Ui, story: &Story) {
    ui.heading("Photos");
    ui.label("This story has no photos attached. Attaching photos and reading their agency captions (IPTC/XMP) comes with the photo manager.");
    ui.add_space(8.0);
    if story.notes.trim().is_empty() {
        ui.label(egui::RichText::new("The editor's notes are empty.").weak());
        return;
    }
    ui.label(egui::RichText::new("Captions and notes filed with the copy (editor's notes):").strong());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(&story.notes);
    });
}
