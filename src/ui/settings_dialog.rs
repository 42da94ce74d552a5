//! The project settings dialog, page by page: general (limits, language,
//! dictionary, names), the manual checklist (items, levels, what each covers), the
//! automatic checks' levels, and the house style list. Everything edits a
//! [`SettingsDraft`]; Apply makes it one undoable change.

use super::dialog::{LANGUAGES, SettingsDraft, SettingsPage};
use super::{Answer, Command};
use crate::checks::Rule;
use crate::model::{CheckLevel, Covered};

/// Draws the dialog's contents; returns Apply or Cancel once chosen.
pub fn show(ui: &mut egui::Ui, draft: &mut SettingsDraft) -> Option<Answer> {
    let mut choice = None;
    ui.set_min_width(520.0);
    ui.heading("Project settings");
    ui.label(egui::RichText::new("Shared by everyone who opens this project; saved in project.ron.").small().weak());
    ui.horizontal(|ui| {
        for (page, label) in [
            (SettingsPage::General, "General"),
            (SettingsPage::Checklist, "Checklist"),
            (SettingsPage::Checks, "Automatic checks"),
            (SettingsPage::HouseStyle, "House style"),
        ] {
            ui.selectable_value(&mut draft.page, page, label);
        }
    });
    ui.separator();
    // Every page takes the same room, so the dialog (and its page buttons)
    // stays put when the page changes.
    egui::ScrollArea::vertical().max_height(380.0).auto_shrink([false, false]).show(ui, |ui| match draft.page {
        SettingsPage::General => general(ui, draft),
        SettingsPage::Checklist => checklist(ui, draft),
        SettingsPage::Checks => checks(ui, draft),
        SettingsPage::HouseStyle => house_style(ui, draft),
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Apply").on_hover_text("Change the settings (Ctrl+Z undoes it)").clicked() {
            choice = Some(Answer::Run(Command::ApplySettings(Box::new(draft.settings()))));
        }
        if ui.button("Cancel").clicked() {
            choice = Some(Answer::Dismissed);
        }
    });
    choice
}

fn general(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    egui::Grid::new("project_settings").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        let label = ui.label("Headline limit (characters)");
        ui.add(egui::DragValue::new(&mut draft.headline_max_chars).range(0..=1000)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Dek limit (characters)");
        ui.add(egui::DragValue::new(&mut draft.dek_max_chars).range(0..=5000)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Target for new stories (words)");
        ui.add(egui::DragValue::new(&mut draft.default_target_words).range(0..=100_000).speed(10))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Language and spelling");
        let shown = LANGUAGES
            .iter()
            .find(|(tag, _)| *tag == draft.language)
            .map_or(draft.language.clone(), |(_, name)| (*name).to_owned());
        egui::ComboBox::from_id_salt("language")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (tag, name) in LANGUAGES {
                    ui.selectable_value(&mut draft.language, tag.to_owned(), name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    });
    ui.label(egui::RichText::new("0 means no limit.").small().weak());
    ui.add_space(4.0);
    let label = ui.label("Where exported pictures will be published (ninjs links there; empty: beside the export)");
    ui.add(
        egui::TextEdit::singleline(&mut draft.media_base_url)
            .hint_text("https://media.example.com/stories/")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.add_space(4.0);
    let label = ui.label(
        "How a correction reads when it is appended to a story ({date}: the day it is made; {note}: the editor's note)",
    );
    ui.add(
        egui::TextEdit::singleline(&mut draft.correction_wording)
            .hint_text(crate::model::DEFAULT_CORRECTION_WORDING)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.add_space(4.0);
    templates(ui, draft);
    ui.add_space(4.0);
    let label = ui.label("Project dictionary: names and words every check accepts, one a line");
    ui.add(egui::TextEdit::multiline(&mut draft.dictionary).desired_rows(6).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.add_space(4.0);
    let label = ui.label(
        "Names: people, places, bodies and acronyms the stories use, one a line; spelling accepts them and the \
         name check reads names against them",
    );
    ui.add(
        egui::TextEdit::multiline(&mut draft.names)
            .desired_rows(6)
            .desired_width(f32::INFINITY)
            .hint_text("Abu Mahdi al-Muhandis\nQayara\nIRGC"),
    )
    .labelled_by(label.id);
}

fn level_combo(ui: &mut egui::Ui, id: impl std::hash::Hash + std::fmt::Debug, level: &mut CheckLevel, label: &str) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(level.label())
        .width(130.0)
        .show_ui(ui, |ui| {
            for choice in CheckLevel::ALL {
                ui.selectable_value(level, choice, choice.label());
            }
        })
        .response
        .on_hover_text(format!("How much “{label}” matters: required items block “Ready”"));
}

fn checklist(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.label("What editors sign off before a story is ready. A sign-off goes stale when what it covers changes.");
    ui.add_space(4.0);
    let mut remove = None;
    for (index, item) in draft.checklist.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let name = ui.label(egui::RichText::new("Item").small().weak());
                ui.add(egui::TextEdit::singleline(&mut item.label).desired_width(220.0)).labelled_by(name.id);
                let label = item.label.clone();
                level_combo(ui, ("item_level", index), &mut item.level, &label);
                if ui.small_button("Remove").clicked() {
                    remove = Some(index);
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new("Covers").small().weak());
                for part in Covered::ALL {
                    let mut on = item.covers.contains(&part);
                    if ui.checkbox(&mut on, part.label()).changed() {
                        if on {
                            item.covers.push(part);
                            item.covers.sort();
                        } else {
                            item.covers.retain(|covered| *covered != part);
                        }
                    }
                }
            });
        });
    }
    if let Some(index) = remove {
        draft.checklist.remove(index);
    }
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut draft.new_item)
                .hint_text("New item, e.g. Embargo checked")
                .desired_width(260.0),
        );
        if ui.add_enabled(!draft.new_item.trim().is_empty(), egui::Button::new("Add item")).clicked() {
            draft.add_item();
        }
    });
}

fn checks(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.label("Required checks block “Ready”; recommended ones are shown; off ones are not run.");
    ui.add_space(4.0);
    egui::Grid::new("check_levels").num_columns(2).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
        for rule in Rule::ALL {
            ui.label(rule.label());
            let mut level = draft.check_levels.get(rule.id()).copied().unwrap_or_else(|| rule.default_level());
            level_combo(ui, ("rule_level", rule.id()), &mut level, rule.label());
            // Only what differs from the rule's default is kept in project.ron.
            if level == rule.default_level() {
                draft.check_levels.remove(rule.id());
            } else {
                draft.check_levels.insert(rule.id().to_owned(), level);
            }
            ui.end_row();
        }
    });
}

fn house_style(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    let label = ui.label(
        "Words and phrases the desk avoids, one a line: avoid -> prefer | note. The review checklist points at each \
         use and offers the preferred word.",
    );
    ui.add(
        egui::TextEdit::multiline(&mut draft.house_style)
            .desired_rows(10)
            .desired_width(f32::INFINITY)
            .hint_text("martyred -> killed | Neutral wording\nDaesh -> Islamic State group"),
    )
    .labelled_by(label.id);
}

/// The project's story templates, each with a button to take it away
/// (Story > Save as template… makes them).
fn templates(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.label("Story templates (Story > Save as template… adds one)");
    if draft.templates.is_empty() {
        ui.label(egui::RichText::new("None yet.").small().weak());
    }
    let mut remove = None;
    let mut add = false;
    for (index, template) in draft.templates.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let section = if template.section.is_empty() { "no section" } else { template.section.as_str() };
            ui.label(
                egui::RichText::new(format!("{} — {section}, {} words", template.name, template.target_words)).strong(),
            );
            if ui.small_button("Remove").on_hover_text(format!("Take the template “{}” away", template.name)).clicked()
            {
                remove = Some(index);
            }
        });
        // Its own checklist items, signed off on its stories besides the
        // project's.
        let mut gone = None;
        for (at, item) in template.checklist.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("  • {} ({})", item.label, item.level.label().to_lowercase()));
                if ui.small_button("✕").on_hover_text("Take this item off the template").clicked() {
                    gone = Some(at);
                }
            });
        }
        if let Some(at) = gone {
            template.checklist.remove(at);
        }
        ui.horizontal(|ui| {
            let (typing, text) = &mut draft.new_template_item;
            let mut label = if *typing == index { text.clone() } else { String::new() };
            let field = ui.add(
                egui::TextEdit::singleline(&mut label)
                    .id_salt(("template_item", index))
                    .hint_text(format!("New checklist item for {}", template.name))
                    .desired_width(260.0),
            );
            if field.changed() {
                (*typing, *text) = (index, label.clone());
            }
            let ready = *typing == index && !text.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Add item").small()).clicked() {
                add = true;
            }
        });
    }
    if add {
        draft.add_template_item();
    }
    if let Some(index) = remove {
        draft.templates.remove(index);
    }
}
