//! The Revisions tab: the story's named snapshots, a word-level comparison
//! of any revision with the current text or with another revision (inline
//! or side by side), and restoring a revision as an undoable edit.
//!
//! Diffs come from [`crate::diff`]; this panel only keeps which two
//! versions are compared and remembers the last comparison, so a long body
//! is diffed once per change rather than once per frame.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use super::{Command, UiCommand};
use crate::diff::{Change, DiffRow, DiffSpan, DiffStats, side_by_side, word_diff};
use crate::edit::{Revision as HistoryRevision, restore_revision};
use crate::model::{Revision, Slug, Story, TextField};

/// Which versions are compared, and how.
#[derive(Debug, Default)]
pub struct RevisionsState {
    /// The older side: a revision number (the newest revision when `None`).
    pub old: Option<u32>,
    /// The newer side: a revision number, or the current text when `None`.
    pub new: Option<u32>,
    /// Show paragraphs side by side instead of one text with changes inline.
    pub side_by_side: bool,
    /// The last comparison made.
    cache: Option<Compared>,
}

/// A comparison of two versions of one story, field by field.
#[derive(Debug)]
struct Compared {
    key: (Slug, Option<u32>, Option<u32>, HistoryRevision),
    fields: Vec<FieldDiff>,
}

/// The differences in one field.
#[derive(Debug)]
struct FieldDiff {
    field: TextField,
    inline: Vec<DiffSpan>,
    rows: Vec<DiffRow>,
    stats: DiffStats,
}

/// One side of a comparison.
enum Version<'a> {
    Revision(&'a Revision),
    Current(&'a Story),
}

impl Version<'_> {
    fn text(&self, field: TextField) -> &str {
        match self {
            Version::Revision(revision) => revision.text(field).unwrap_or(""),
            Version::Current(story) => story.text(field),
        }
    }
}

/// Draws the tab for `story`; `history` is the project's undo-history
/// revision (a comparison is redone when it changes).
pub fn show(
    ui: &mut egui::Ui,
    story: &Story,
    history: HistoryRevision,
    state: &mut RevisionsState,
    commands: &mut Vec<Command>,
) {
    egui::Panel::left("revision_list").resizable(true).default_size(300.0).min_size(220.0).show(ui, |ui| {
        list(ui, story, state, commands);
    });
    egui::CentralPanel::default().show(ui, |ui| comparison(ui, story, history, state, commands));
}

/// The list of revisions, newest first.
fn list(ui: &mut egui::Ui, story: &Story, state: &mut RevisionsState, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Revisions");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(UiCommand::SaveRevision.label()).on_hover_text(UiCommand::SaveRevision.tooltip()).clicked() {
                commands.push(Command::Ui(UiCommand::SaveRevision));
            }
        });
    });
    ui.label(egui::RichText::new("Snapshots of the text, taken on demand and at every status change.").small().weak());
    ui.separator();
    if story.revisions.is_empty() {
        ui.label("No revisions yet. Save one before handing the story on, or change its status: Copydesk keeps the text as it stood.");
        return;
    }
    let old = state.old.or_else(|| story.revisions.last().map(|revision| revision.number));
    egui::ScrollArea::vertical().show(ui, |ui| {
        for revision in story.revisions.iter().rev() {
            let selected = old == Some(revision.number);
            let title = format!("#{} {}", revision.number, revision.name);
            let response = ui
                .add(egui::Button::selectable(selected, egui::RichText::new(title).strong()))
                .on_hover_text("Compare this revision with the current text");
            if response.clicked() {
                state.old = Some(revision.number);
                state.new = None;
            }
            let kind = if revision.automatic { "automatic" } else { "saved" };
            ui.label(
                egui::RichText::new(format!("{} · {} · {kind}", revision.author, revision.at.short())).small().weak(),
            );
            ui.add_space(4.0);
        }
    });
}

/// The comparison of the two chosen versions, with restore.
fn comparison(
    ui: &mut egui::Ui,
    story: &Story,
    history: HistoryRevision,
    state: &mut RevisionsState,
    commands: &mut Vec<Command>,
) {
    let Some(newest) = story.revisions.last() else {
        ui.centered_and_justified(|ui| ui.label("Nothing to compare yet."));
        return;
    };
    // A revision that was undone away falls back to the newest.
    let old_number = state.old.filter(|n| story.revision(*n).is_some()).unwrap_or(newest.number);
    let new_number = state.new.filter(|n| story.revision(*n).is_some());
    let Some(old) = story.revision(old_number) else { return };
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare");
        ui.label(egui::RichText::new(format!("#{} {}", old.number, old.name)).strong());
        let with = ui.label("with");
        let new_label = match new_number.and_then(|n| story.revision(n)) {
            Some(revision) => format!("#{} {}", revision.number, revision.name),
            None => "the current text".to_owned(),
        };
        egui::ComboBox::from_id_salt("compare_with")
            .selected_text(new_label)
            .show_ui(ui, |ui| {
                if ui.selectable_label(new_number.is_none(), "the current text").clicked() {
                    state.new = None;
                }
                for revision in story.revisions.iter().rev().filter(|revision| revision.number != old.number) {
                    let label = format!("#{} {}", revision.number, revision.name);
                    if ui.selectable_label(new_number == Some(revision.number), label).clicked() {
                        state.new = Some(revision.number);
                    }
                }
            })
            .response
            .labelled_by(with.id);
        ui.separator();
        ui.selectable_value(&mut state.side_by_side, false, "Inline");
        ui.selectable_value(&mut state.side_by_side, true, "Side by side");
    });
    let key = (story.slug.clone(), Some(old_number), new_number, history);
    if state.cache.as_ref().is_none_or(|cache| cache.key != key) {
        let new = match new_number.and_then(|n| story.revision(n)) {
            Some(revision) => Version::Revision(revision),
            None => Version::Current(story),
        };
        state.cache = Some(Compared { key, fields: compare(&Version::Revision(old), &new) });
    }
    let Some(compared) = &state.cache else { return };
    let total = compared.fields.iter().fold(DiffStats::default(), |sum, field| DiffStats {
        inserted_words: sum.inserted_words + field.stats.inserted_words,
        deleted_words: sum.deleted_words + field.stats.deleted_words,
    });
    ui.horizontal(|ui| {
        if compared.fields.is_empty() {
            ui.label("No differences.");
        } else {
            let dark = ui.visuals().dark_mode;
            ui.label(egui::RichText::new(format!("+{} words", total.inserted_words)).color(insert_color(dark)));
            ui.label(egui::RichText::new(format!("−{} words", total.deleted_words)).color(delete_color(dark)));
        }
        let restorable = new_number.is_none() && restore_revision(story, old.number).is_some();
        let restore = ui
            .add_enabled(restorable, egui::Button::new(format!("Restore #{}", old.number)))
            .on_hover_text("Put this revision's text back in the story (Ctrl+Z undoes it)");
        if restore.clicked()
            && let Some(edit) = restore_revision(story, old.number)
        {
            commands.push(Command::EditStep { edit, label: format!("restoring revision #{}", old.number) });
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().id_salt("diff_scroll").show(ui, |ui| {
        for field in &compared.fields {
            ui.label(egui::RichText::new(field.field.label()).small().weak());
            if state.side_by_side {
                side_by_side_view(ui, field);
            } else {
                let job = spans_job(ui, &field.inline, ui.available_width());
                ui.label(job);
            }
            ui.add_space(8.0);
        }
    });
}

/// The differing fields between `old` and `new`.
fn compare(old: &Version<'_>, new: &Version<'_>) -> Vec<FieldDiff> {
    Revision::FIELDS
        .into_iter()
        .filter(|&field| old.text(field) != new.text(field))
        .map(|field| {
            let inline = word_diff(old.text(field), new.text(field));
            let rows = side_by_side(old.text(field), new.text(field));
            let stats = DiffStats::of_spans(&inline);
            FieldDiff { field, inline, rows, stats }
        })
        .collect()
}

/// Old paragraphs on the left, new on the right; unchanged paragraphs dimmed.
fn side_by_side_view(ui: &mut egui::Ui, field: &FieldDiff) {
    let column = ((ui.available_width() - 24.0) / 2.0).max(120.0);
    egui::Grid::new(("side_by_side", field.field.label())).num_columns(2).spacing([16.0, 8.0]).striped(true).show(
        ui,
        |ui| {
            for row in &field.rows {
                for side in [&row.left, &row.right] {
                    match side {
                        Some(spans) => {
                            let job = spans_job(ui, spans, column);
                            ui.add(egui::Label::new(job).wrap());
                        }
                        None => {
                            ui.label("");
                        }
                    }
                }
                ui.end_row();
            }
        },
    );
}

/// Spans as one wrapped text: insertions on green, deletions struck through
/// on red.
pub(crate) fn spans_job(ui: &egui::Ui, spans: &[DiffSpan], width: f32) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let font = FontId::proportional(14.0);
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for span in spans {
        let mut format = TextFormat { font_id: font.clone(), color: text_color, ..Default::default() };
        match span.change {
            Change::Equal => {}
            Change::Insert => {
                format.background = insert_color(dark).gamma_multiply(0.35);
                format.underline = Stroke::new(1.0, insert_color(dark));
            }
            Change::Delete => {
                format.background = delete_color(dark).gamma_multiply(0.35);
                format.strikethrough = Stroke::new(1.0, delete_color(dark));
            }
        }
        job.append(&span.text, 0.0, format);
    }
    job
}

fn insert_color(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(90, 200, 110) } else { Color32::from_rgb(20, 130, 50) }
}

fn delete_color(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(240, 100, 100) } else { Color32::from_rgb(190, 40, 40) }
}
