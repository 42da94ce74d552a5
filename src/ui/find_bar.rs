//! The find-and-replace bar above the article editor (Ctrl+F, Ctrl+H):
//! match case, whole word, regular expression, next and previous, a count,
//! replace one and replace all (one undo step).
//!
//! The searching itself is [`crate::find`]; this panel keeps the bar's
//! state, remembers the matches for the story's current revision (so a long
//! story is searched once per change, not once per frame) and tells the
//! editor which stretches to highlight and which to select.

use std::ops::Range;

use egui::Key;

use super::Command;
use super::text_marks::Reveal;
use crate::edit::Revision;
use crate::find::{FindMatch, FindOptions, Finder, find_in_story, next_match, replace_all, replace_one};
use crate::model::{Slug, Story, TextField};

/// The bar's state: what is searched for and which match is selected.
#[derive(Debug, Default)]
pub struct FindBarState {
    /// The bar is shown.
    pub open: bool,
    /// The replace row is shown.
    pub replace: bool,
    /// The query and its switches.
    pub options: FindOptions,
    /// The replacement text.
    pub replacement: String,
    /// The selected match: its field and where it starts (bytes).
    current: Option<(TextField, usize)>,
    /// After a replace, select the first match from here on.
    resume_at: Option<(TextField, usize)>,
    /// Put the keyboard focus in the query field in the next frame.
    focus_query: bool,
    /// Go to the next (false) or previous (true) match in the next frame (F3).
    pending_step: Option<bool>,
    /// What the last replace-all did, shown until the query changes.
    note: Option<String>,
    /// The matches of the last search.
    cache: Option<Searched>,
}

/// The matches of one query in one revision of one story.
#[derive(Debug)]
struct Searched {
    options: FindOptions,
    story: Slug,
    revision: Revision,
    result: Result<Vec<Found>, String>,
}

/// A match with its position in both units.
#[derive(Clone, Debug)]
struct Found {
    found: FindMatch,
    /// The match's `char` range in the field (what the editor selects).
    chars: Range<usize>,
}

impl FindBarState {
    /// Opens the bar (with the replace row if `replace`) and puts the
    /// keyboard focus in the query.
    pub fn open(&mut self, replace: bool) {
        // Ctrl+F in an open bar keeps its replace row.
        self.replace = replace || (self.open && self.replace);
        self.open = true;
        self.focus_query = true;
    }

    /// Selects the next match (or previous, `backwards`) in the next frame.
    pub fn step(&mut self, backwards: bool) {
        if self.open {
            self.pending_step = Some(backwards);
        } else {
            self.open(false);
        }
    }

    /// The `char` ranges to highlight in `field`, and which of them is the
    /// selected match. Empty while the bar is closed.
    pub fn highlights(&self, field: TextField) -> (Vec<Range<usize>>, Option<usize>) {
        let Some(Ok(matches)) = self.open.then_some(()).and(self.cache.as_ref()).map(|cache| cache.result.as_ref())
        else {
            return (Vec::new(), None);
        };
        let in_field: Vec<&Found> = matches.iter().filter(|found| found.found.field == field).collect();
        let current =
            in_field.iter().position(|found| Some((found.found.field, found.found.range.start)) == self.current);
        (in_field.iter().map(|found| found.chars.clone()).collect(), current)
    }

    /// Searches `story` unless the last search was of the same text.
    fn search(&mut self, story: &Story, revision: Revision) {
        let fresh = self.cache.as_ref().is_some_and(|cache| {
            cache.options == self.options && cache.story == story.slug && cache.revision == revision
        });
        if fresh {
            return;
        }
        let query_changed = self.cache.as_ref().is_none_or(|cache| cache.options != self.options);
        let result = Finder::new(&self.options).map_err(|error| error.to_string()).map(|finder| {
            find_in_story(story, &finder)
                .into_iter()
                .map(|found| {
                    let text = crate::find::searched_text(story, found.field);
                    let chars = super::text_marks::char_range(&text, &found.range);
                    Found { found, chars }
                })
                .collect::<Vec<Found>>()
        });
        self.cache = Some(Searched { options: self.options.clone(), story: story.slug.clone(), revision, result });
        if query_changed {
            self.note = None;
            self.current = None;
        }
    }

    /// The matches of the last search (none when the query is invalid).
    fn matches(&self) -> &[Found] {
        match self.cache.as_ref().map(|cache| &cache.result) {
            Some(Ok(matches)) => matches,
            _ => &[],
        }
    }

    /// Selects the match at `index` and asks the editor to show it.
    fn select(&mut self, index: usize, reveal: &mut Option<Reveal>) {
        if let Some(found) = self.matches().get(index).cloned() {
            self.current = Some((found.found.field, found.found.range.start));
            *reveal = Some(Reveal { field: found.found.field, chars: found.chars, focus: false });
        }
    }

    /// Moves the selection to the next or previous match.
    fn go(&mut self, backwards: bool, reveal: &mut Option<Reveal>) {
        let matches: Vec<FindMatch> = self.matches().iter().map(|found| found.found.clone()).collect();
        if let Some(index) = next_match(&matches, self.current, backwards) {
            self.select(index, reveal);
        }
    }

    /// The index of the selected match, if it is still a match.
    fn current_index(&self) -> Option<usize> {
        let current = self.current?;
        self.matches().iter().position(|found| (found.found.field, found.found.range.start) == current)
    }
}

/// Draws the bar (when open) for `story` at `revision`; selecting a match
/// sets `reveal` for the editor.
pub fn show(
    ui: &mut egui::Ui,
    story: &Story,
    revision: Revision,
    state: &mut FindBarState,
    reveal: &mut Option<Reveal>,
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    if ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Escape)) {
        state.open = false;
        return;
    }
    state.search(story, revision);
    if let Some(resume) = state.resume_at.take() {
        let matches: Vec<FindMatch> = state.matches().iter().map(|found| found.found.clone()).collect();
        let index =
            matches.iter().position(|found| (rank(found.field), found.range.start) >= (rank(resume.0), resume.1));
        match index.or_else(|| next_match(&matches, None, false)) {
            Some(index) => state.select(index, reveal),
            None => state.current = None,
        }
    }
    if let Some(backwards) = state.pending_step.take() {
        state.go(backwards, reveal);
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| query_row(ui, state, reveal));
        if state.replace {
            ui.horizontal_wrapped(|ui| replace_row(ui, story, state, commands));
        }
    });
    ui.add_space(4.0);
}

/// Where `field` comes in the search order.
fn rank(field: TextField) -> usize {
    crate::find::SEARCHED_FIELDS.iter().position(|searched| *searched == field).unwrap_or(usize::MAX)
}

/// Query, switches, count, previous / next, close.
fn query_row(ui: &mut egui::Ui, state: &mut FindBarState, reveal: &mut Option<Reveal>) {
    let label = ui.label("Find");
    let before = state.options.clone();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut state.options.query)
                .id_salt("find_query")
                .desired_width(180.0)
                .hint_text("Text to find"),
        )
        .labelled_by(label.id)
        .on_hover_text("Enter: next match. Shift+Enter: previous match. Escape: close.");
    if std::mem::take(&mut state.focus_query) {
        response.request_focus();
    }
    if response.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
        let backwards = ui.input(|input| input.modifiers.shift);
        state.pending_step = Some(backwards);
        response.request_focus();
    }
    ui.toggle_value(&mut state.options.match_case, "Aa").on_hover_text("Match case");
    ui.toggle_value(&mut state.options.whole_word, "Whole word")
        .on_hover_text("Only where the text is a whole word, not part of a longer one");
    ui.toggle_value(&mut state.options.regex, ".*")
        .on_hover_text("Regular expression; the replacement may use groups: $1, ${name}");
    if state.options != before {
        // Searching as you type: select the first match of the new query.
        state.resume_at = Some((TextField::Headline, 0));
    }
    match state.cache.as_ref().map(|cache| &cache.result) {
        Some(Err(message)) => {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        Some(Ok(matches)) if !state.options.query.is_empty() => {
            let text = match (state.current_index(), matches.len()) {
                (_, 0) => "No matches".to_owned(),
                (Some(index), count) => format!("{} of {count}", index + 1),
                (None, 1) => "1 match".to_owned(),
                (None, count) => format!("{count} matches"),
            };
            ui.label(text);
        }
        _ => {}
    }
    let has_matches = !state.matches().is_empty();
    if ui.add_enabled(has_matches, egui::Button::new("Previous")).on_hover_text("Previous match (Shift+F3)").clicked() {
        state.go(true, reveal);
    }
    if ui.add_enabled(has_matches, egui::Button::new("Next")).on_hover_text("Next match (F3)").clicked() {
        state.go(false, reveal);
    }
    if ui.button("Close").on_hover_text("Close the find bar (Escape)").clicked() {
        state.open = false;
    }
}

/// Replacement text, replace, replace all.
fn replace_row(ui: &mut egui::Ui, story: &Story, state: &mut FindBarState, commands: &mut Vec<Command>) {
    let label = ui.label("Replace with");
    ui.add(
        egui::TextEdit::singleline(&mut state.replacement)
            .id_salt("find_replacement")
            .desired_width(180.0)
            .hint_text("Replacement text"),
    )
    .labelled_by(label.id);
    let Ok(finder) = Finder::new(&state.options) else {
        return;
    };
    let current = state.current_index().and_then(|index| state.matches().get(index)).map(|found| found.found.clone());
    if ui
        .add_enabled(current.is_some(), egui::Button::new("Replace"))
        .on_hover_text("Replace the selected match and select the next")
        .clicked()
        && let Some(found) = current
    {
        let shown = crate::find::searched_text(story, found.field);
        let replaced_len =
            finder.replacement_for(&shown, found.range.clone(), &state.replacement).map_or(0, |text| text.len());
        if crate::find::has_marks(story, found.field) {
            // Typed like any edit there: a suggestion in suggestion mode.
            if let Some(shown) = crate::find::replaced_shown(story, &finder, &found, &state.replacement) {
                state.resume_at = Some((found.field, found.range.start + replaced_len));
                commands.push(Command::TypeTracked { story: story.slug.clone(), field: found.field, shown });
            }
        } else if let Some(edit) = replace_one(story, &finder, &found, &state.replacement) {
            state.resume_at = Some((found.field, found.range.start + replaced_len));
            commands.push(Command::EditStep { edit, label: "replace".to_owned() });
        }
    }
    let count = state.matches().len();
    if ui
        .add_enabled(count > 0, egui::Button::new("Replace all"))
        .on_hover_text("Replace every match in headline, dek and body (one undo step)")
        .clicked()
    {
        let (typed, in_marked) = crate::find::replace_all_shown(story, &finder, &state.replacement);
        let mut replaced = in_marked;
        if let Some((edit, plain)) = replace_all(story, &finder, &state.replacement) {
            replaced += plain;
            let changes = !matches!(&edit, crate::edit::Edit::Batch(edits) if edits.is_empty());
            if changes {
                commands.push(Command::EditStep { edit, label: format!("replace all ({plain})") });
            }
        }
        for (field, replacements) in typed {
            commands.push(Command::ReplaceTracked { story: story.slug.clone(), field, replacements });
        }
        state.note = Some(format!("Replaced {replaced} {}", if replaced == 1 { "match" } else { "matches" }));
        state.current = None;
    }
    if let Some(note) = &state.note {
        ui.label(egui::RichText::new(note).weak());
    }
}
