//! The Review tool. The checklist engine arrives with the review issue; today
//! this shows the facts a reviewer reads first: status, length against
//! target, and which required fields are still empty.

use super::Command;
use crate::model::{Story, StoryStatus, TextField, text_stats};
use crate::ui::theme;

/// Draws the Review tool for `story`.
pub fn show(ui: &mut egui::Ui, story: &Story, commands: &mut Vec<Command>) {
    ui.heading("Review");
    egui::Grid::new("review_facts").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
        ui.label("Status");
        ui.horizontal(|ui| {
            theme::status_badge(ui, story.status);
            for status in StoryStatus::ALL {
                if status != story.status && ui.small_button(format!("Move to {}", status.label())).clicked() {
                    commands.push(Command::SetStatus(status));
                }
            }
        });
        ui.end_row();
        let words = text_stats(&story.body).words;
        ui.label("Length");
        ui.label(format!("{words} words against a target of {}", story.target_words));
        ui.end_row();
        let empty: Vec<&str> =
            [TextField::Headline, TextField::Byline, TextField::Dateline, TextField::Section, TextField::Body]
                .into_iter()
                .filter(|f| story.text(*f).trim().is_empty())
                .map(TextField::label)
                .collect();
        ui.label("Empty fields");
        if empty.is_empty() {
            ui.label("None");
        } else {
            ui.label(egui::RichText::new(empty.join(", ")).color(theme::warn_color(ui)));
        }
        ui.end_row();
    });
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new("The automatic checklist (captions, quotes, punctuation, boilerplate) is not built yet.")
            .weak(),
    );
}
