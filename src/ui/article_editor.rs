//! The article editor: headline, dek and body in the middle, the story's
//! details beside them, and live counts against the target length.

use super::{Command, ViewState};
use crate::edit::Edit;
use crate::model::{Slug, Story, StoryStatus, TextField, text_stats};
use crate::ui::{markdown_view, theme};

/// Text being typed that is not yet the model's (tags are parsed only when
/// the field loses focus, so a half-typed "Iraq, " is not normalised away).
#[derive(Clone, Debug, Default)]
pub struct EditorState {
    tags: Option<(Slug, String)>,
}

/// Draws the editor for `story`.
pub fn show(ui: &mut egui::Ui, story: &Story, view: &mut ViewState, commands: &mut Vec<Command>) {
    egui::Panel::right("story_details").resizable(true).default_size(280.0).min_size(220.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| details(ui, story, &mut view.editor, commands));
    });
    egui::CentralPanel::default().show(ui, |ui| {
        labelled_text(ui, story, TextField::Headline, Size::Headline, commands);
        length_hint(ui, story.headline.chars().count(), "characters");
        labelled_text(ui, story, TextField::Dek, Size::Lines(2), commands);
        ui.add_space(4.0);
        body_stats(ui, story);
        if view.preview {
            egui::ScrollArea::vertical().id_salt("body_preview").show(ui, |ui| markdown_view::show(ui, &story.body));
        } else {
            egui::ScrollArea::vertical().id_salt("body_scroll").show(ui, |ui| {
                labelled_text(ui, story, TextField::Body, Size::Fill, commands);
            });
        }
    });
}

/// How big a text field is.
#[derive(Clone, Copy, PartialEq)]
enum Size {
    Line,
    Headline,
    Lines(usize),
    Fill,
}

/// A label and a text field for one of the story's text fields. A change
/// becomes an edit command; the text shown always comes from the model.
fn labelled_text(ui: &mut egui::Ui, story: &Story, field: TextField, size: Size, commands: &mut Vec<Command>) {
    let label = ui.label(egui::RichText::new(field.label()).small().weak());
    let mut text = story.text(field).to_owned();
    let id = ("field", story.slug.as_str(), field.label());
    let edit = match size {
        Size::Line => egui::TextEdit::singleline(&mut text),
        // Wraps like a multi-line field, but stays one paragraph (see below).
        Size::Headline => egui::TextEdit::multiline(&mut text).desired_rows(1).font(egui::FontId::proportional(22.0)),
        Size::Lines(rows) => egui::TextEdit::multiline(&mut text).desired_rows(rows),
        Size::Fill => {
            let rows = (ui.available_height() / 20.0).max(10.0) as usize;
            egui::TextEdit::multiline(&mut text)
                .desired_rows(rows)
                .font(egui::FontId::proportional(15.0))
                .hint_text("Write the story here. Markdown: ## subhead, **bold**, *italic*, > quote, [link](https://…)")
        }
    };
    let response = ui.add(edit.id_salt(id).desired_width(f32::INFINITY)).labelled_by(label.id);
    if response.changed() {
        // Headline and dek are one paragraph: Enter or a pasted line break
        // becomes a space.
        if matches!(field, TextField::Headline | TextField::Dek) && text.contains(['\n', '\r']) {
            text = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
        }
        commands.push(Command::Edit {
            edit: Edit::SetText { story: story.slug.clone(), field, text },
            label: format!("typing in {}", field.label()),
        });
    }
}

fn length_hint(ui: &mut egui::Ui, count: usize, unit: &str) {
    ui.label(egui::RichText::new(format!("{count} {unit}")).small().weak());
}

fn body_stats(ui: &mut egui::Ui, story: &Story) {
    let stats = text_stats(&story.body);
    let target = story.target_words as usize;
    ui.horizontal(|ui| {
        let minutes = stats.reading_minutes();
        ui.label(format!(
            "{} words · {} characters · {} {} read",
            stats.words,
            stats.characters,
            minutes,
            if minutes == 1 { "minute" } else { "minutes" }
        ));
        if target > 0 {
            let fraction = stats.words as f32 / target as f32;
            let over = stats.words > target;
            let text = if over {
                format!("{} over the {target}-word target", stats.words - target)
            } else {
                format!("{} to the {target}-word target", target - stats.words)
            };
            let bar = egui::ProgressBar::new(fraction.min(1.0))
                .desired_width(160.0)
                .text(format!("{:.0}%", fraction * 100.0));
            let bar = if over { bar.fill(theme::warn_color(ui)) } else { bar };
            ui.add(bar).on_hover_text(text.clone());
            ui.label(egui::RichText::new(text).small().weak());
        }
    });
}

/// The details column: metadata that is not the copy itself.
fn details(ui: &mut egui::Ui, story: &Story, state: &mut EditorState, commands: &mut Vec<Command>) {
    ui.heading("Details");
    ui.add_space(4.0);
    let label = ui.label(egui::RichText::new("Status").small().weak());
    egui::ComboBox::from_id_salt(("status", story.slug.as_str()))
        .selected_text(story.status.label())
        .show_ui(ui, |ui| {
            for status in StoryStatus::ALL {
                if ui.selectable_label(story.status == status, status.label()).clicked() && story.status != status {
                    commands.push(Command::SetStatus(status));
                }
            }
        })
        .response
        .labelled_by(label.id);
    for field in [TextField::Section, TextField::Byline, TextField::Dateline] {
        labelled_text(ui, story, field, Size::Line, commands);
    }
    tags(ui, story, state, commands);
    let label = ui.label(egui::RichText::new("Target length (words)").small().weak());
    let mut words = story.target_words;
    let response = ui.add(egui::DragValue::new(&mut words).range(0..=100_000).speed(10)).labelled_by(label.id);
    if response.changed() {
        commands.push(Command::Edit {
            edit: Edit::SetTargetWords { story: story.slug.clone(), words },
            label: "target length".to_owned(),
        });
    }
    ui.add_space(6.0);
    ui.label(egui::RichText::new(format!("Created {}", story.created.short())).small().weak());
    ui.label(egui::RichText::new(format!("Last change {}", story.updated.short())).small().weak());
    ui.add_space(6.0);
    labelled_text(ui, story, TextField::Notes, Size::Lines(8), commands);
}

/// Tags as comma-separated text, parsed when the field loses focus.
fn tags(ui: &mut egui::Ui, story: &Story, state: &mut EditorState, commands: &mut Vec<Command>) {
    let label = ui.label(egui::RichText::new("Tags (comma-separated)").small().weak());
    let mut text = match &state.tags {
        Some((slug, text)) if slug == &story.slug => text.clone(),
        _ => story.tags.join(", "),
    };
    let response = ui
        .add(egui::TextEdit::singleline(&mut text).id_salt(("tags", story.slug.as_str())).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if response.has_focus() {
        state.tags = Some((story.slug.clone(), text.clone()));
    }
    if response.lost_focus() || (response.changed() && !response.has_focus()) {
        state.tags = None;
        let tags: Vec<String> = text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
        if tags != story.tags {
            commands.push(Command::Edit {
                edit: Edit::SetTags { story: story.slug.clone(), tags },
                label: "tags".to_owned(),
            });
        }
    }
}
