//! The article editor: headline, dek and body in the middle, the story's
//! details beside them, and live counts against the target length.

use std::ops::Range;

use egui::text::CCursor;

pub use super::editor_state::EditorState;
use super::long_text::{self, LongText};
use super::text_marks::{self, DrawnText, Reveal, StoryMarks};
use super::{Command, ViewState, find_bar, markdown_view, theme};
use crate::edit::{Edit, Revision};
use crate::model::{LengthVerdict, ProjectSettings, Story, StoryStatus, TextField, TextStats};
use crate::proofing::{MarkCounts, MarkKind, PlacedMark};

/// What the editor shows besides the story: the project's length limits and
/// the spelling and grammar marks.
pub struct EditorContext<'a> {
    /// The project's settings (headline and dek limits).
    pub settings: &'a ProjectSettings,
    /// The marks of the story's checked fields.
    pub marks: StoryMarks<'a>,
    /// The project's revision in the undo history (the find bar searches
    /// again when it changes).
    pub revision: Revision,
    /// Suggestion mode is on.
    pub suggesting: bool,
    /// Now, for the embargo.
    pub now: crate::model::Timestamp,
    /// Suggestions waiting in the captions of the story's photos: how
    /// many, and their authors.
    pub caption_changes: (usize, Vec<String>),
}

/// Draws the editor for `story`.
pub fn show(
    ui: &mut egui::Ui,
    story: &Story,
    context: &EditorContext<'_>,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    egui::Panel::right("story_details").resizable(true).default_size(280.0).min_size(220.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            details(ui, story, context.now, &mut view.editor, commands);
            super::tracking_panel::show(
                ui,
                story,
                (context.caption_changes.0, &context.caption_changes.1),
                &mut view.editor,
                commands,
            );
            marks_list(ui, story, context.marks, &mut view.editor, commands);
            ui.add_space(6.0);
            plain_field(ui, story, TextField::Notes, Size::Lines(8), commands);
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        find_bar::show(ui, story, context.revision, &mut view.find, &mut view.editor.reveal, commands);
        let look = |field: TextField| Look { marks: context.marks.field(field), found: view.find.highlights(field) };
        let (headline, dek, body) = (look(TextField::Headline), look(TextField::Dek), look(TextField::Body));
        if context.suggesting {
            let text = "✎ Suggesting: what you type and delete is marked with your name, for the reporter to accept \
                        or reject (Ctrl+Shift+E to stop)";
            let color = ui.visuals().warn_fg_color;
            egui::Frame::new().fill(color.gamma_multiply(0.15)).inner_margin(4.0).corner_radius(3.0).show(ui, |ui| {
                ui.label(egui::RichText::new(text).small().color(color));
            });
        }
        let editor = &mut view.editor;
        editor.suggesting = context.suggesting;
        field(ui, story, TextField::Headline, Size::Headline, &headline, editor, commands);
        length_against_limit(
            ui,
            crate::model::tracked::as_it_stands(&story.headline).chars().count(),
            context.settings.headline_max_chars,
            "headline",
        );
        field(ui, story, TextField::Dek, Size::Lines(2), &dek, editor, commands);
        length_against_limit(
            ui,
            crate::model::tracked::as_it_stands(&story.dek).chars().count(),
            context.settings.dek_max_chars,
            "dek",
        );
        ui.add_space(4.0);
        let stats = view.stats.body(Some(context.revision), story);
        body_stats(ui, story, stats, context.marks.counts());
        if view.preview {
            egui::ScrollArea::vertical().id_salt("body_preview").show(ui, |ui| markdown_view::show(ui, &story.body));
        } else {
            egui::ScrollArea::vertical().id_salt(("body_scroll", story.slug.as_str())).show(ui, |ui| {
                field(ui, story, TextField::Body, Size::Fill, &body, editor, commands);
            });
        }
    });
}

/// What is drawn over a field's text besides the text itself.
#[derive(Default)]
struct Look<'a> {
    /// Spelling and grammar marks.
    marks: &'a [PlacedMark],
    /// Find matches (`char` ranges) and which is selected.
    found: (Vec<Range<usize>>, Option<usize>),
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
/// Marks are drawn under their words, with a tooltip and a right-click
/// menu of fixes.
fn field(
    ui: &mut egui::Ui,
    story: &Story,
    field: TextField,
    size: Size,
    look: &Look<'_>,
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    let label = ui.label(egui::RichText::new(field.label()).small().weak());
    let raw = story.text(field);
    // A field with suggestions or comments, or any field in suggestion
    // mode, shows its text with the marks taken out and painted instead.
    let tracked_doc = (crate::edit::TRACKED_FIELDS.contains(&field)
        && (state.suggesting || crate::model::tracked::has_marks(raw)))
    .then(|| crate::model::tracked::parse_shared(raw));
    let shown_text = tracked_doc.as_ref().map_or(raw, |doc| doc.shown.as_str());
    let id = egui::Id::unique(("field", story.slug.as_str(), field.label()));
    let reveal = state.reveal.take_if(|reveal| reveal.field == field);
    let painted_from = ui.painter().add(egui::Shape::Noop);
    let shown = if size == Size::Fill {
        // The body: only the paragraphs on screen go to the text edit.
        if let Some(reveal) = &reveal {
            long_text::select(ui.ctx(), id, reveal.chars.clone());
        }
        let min_rows = (ui.available_height() / 20.0).max(10.0) as usize;
        long_text::show(
            ui,
            LongText {
                id,
                text: shown_text,
                font: egui::FontId::proportional(15.0),
                hint: "Write the story here. Markdown: ## subhead, **bold**, *italic*, > quote, [link](https://…)",
                min_rows,
            },
        )
    } else {
        short_text(ui, id, shown_text, size, reveal.as_ref())
    };
    text_marks::paint_only_visible_rows(ui.ctx(), ui.layer_id(), painted_from);
    let response = shown.response.clone().labelled_by(label.id);
    let drawn = DrawnText {
        galley: &shown.galley,
        galley_pos: shown.galley_pos,
        clip: shown.clip,
        first_char: shown.first_char,
    };
    // Spelling marks and find matches are placed on the text as shown.
    let field_marks = look.marks;
    drawn.paint_highlights(ui, &look.found.0, look.found.1);
    if let Some(doc) = &tracked_doc {
        super::tracking_panel::paint(ui, &drawn, (&story.suggestions, &story.comments), doc, shown.bytes.clone());
        if response.has_focus()
            && let Some(range) = shown.cursor_range
        {
            let [a, b] = range.sorted_cursors();
            state.selection = (a.index < b.index).then_some((field, a.index.0..b.index.0));
        }
    }
    drawn.paint_marks(ui, field_marks);
    if let Some(hit) = drawn.interact_with_marks(ui, &response, field_marks) {
        state.menu_mark = hit.map(|placed| (field, placed.clone()));
    }
    if let Some((menu_field, placed)) = &state.menu_mark
        && *menu_field == field
    {
        text_marks::mark_menu(&response, placed, text_marks::MarkTarget::Story(story, field), commands);
    }
    // A pending change under the pointer (where no spelling mark is) says
    // who made it; a right-click on it accepts or rejects it.
    if let Some(doc) = &tracked_doc {
        let change_at = |pointer: egui::Pos2| {
            let on_mark = drawn.mark_at(pointer, field_marks).is_some();
            (!on_mark).then(|| super::tracking_panel::change_at(&drawn, doc, shown.bytes.clone(), pointer)).flatten()
        };
        if let Some(id) = response.hover_pos().and_then(change_at)
            && !response.context_menu_opened()
        {
            super::tracking_panel::change_tooltip(ui, &response, story, &id);
        }
        if response.secondary_clicked() {
            state.menu_change = response.interact_pointer_pos().and_then(change_at).map(|id| (field, id));
        }
        if let Some((menu_field, id)) = &state.menu_change
            && *menu_field == field
        {
            super::tracking_panel::change_menu(&response, story, id, commands);
        }
    }
    if let Some(reveal) = reveal {
        if reveal.focus {
            response.request_focus();
        }
        ui.scroll_to_rect(drawn.rect_of(&reveal.chars).expand(24.0), Some(egui::Align::Center));
    }
    if let Some(mut text) = shown.edited {
        // Headline and dek are one paragraph: Enter or a pasted line break
        // becomes a space.
        if matches!(field, TextField::Headline | TextField::Dek) && text.contains(['\n', '\r']) {
            text = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
        }
        if let Some(doc) = &tracked_doc {
            if state.suggesting
                && ui.input(|input| input.key_pressed(egui::Key::Delete))
                && let Some(caret) = text_marks::caret_past_suggested_delete(doc, &text, shown.cursor_range)
            {
                place_caret(ui.ctx(), id, size, caret);
            }
            commands.push(Command::TypeTracked { story: story.slug.clone(), field, shown: text });
        } else {
            commands.push(Command::Edit {
                edit: Edit::SetText { story: story.slug.clone(), field, text },
                label: format!("typing in {}", field.label()),
            });
        }
    }
}

/// A short field (headline, dek) is egui's own text edit, holding all of
/// its text; `reveal` selects its range.
/// Puts the caret of the field `id` at `char` `caret`, for the next frame.
fn place_caret(ctx: &egui::Context, id: egui::Id, size: Size, caret: usize) {
    if size == Size::Fill {
        long_text::select(ctx, id, caret..caret);
    } else if let Some(mut edit) = egui::TextEdit::load_state(ctx, id) {
        edit.cursor.set_char_range(Some(egui::text::CCursorRange::one(CCursor::new(caret))));
        edit.store(ctx, id);
    }
}

fn short_text(ui: &mut egui::Ui, id: egui::Id, shown: &str, size: Size, reveal: Option<&Reveal>) -> long_text::Shown {
    let mut text = shown.to_owned();
    let edit = match size {
        Size::Line => egui::TextEdit::singleline(&mut text),
        // Wraps like a multi-line field, but stays one paragraph (see `field`).
        Size::Headline => egui::TextEdit::multiline(&mut text).desired_rows(1).font(egui::FontId::proportional(22.0)),
        Size::Lines(rows) => egui::TextEdit::multiline(&mut text).desired_rows(rows),
        Size::Fill => egui::TextEdit::multiline(&mut text),
    };
    let mut output = edit.id(id).desired_width(f32::INFINITY).show(ui);
    // Set after the field is drawn: a field without the focus keeps only
    // its caret, not a selection.
    if let Some(reveal) = reveal {
        let chars = &reveal.chars;
        let range = egui::text::CCursorRange::two(CCursor::new(chars.start), CCursor::new(chars.end));
        output.state.cursor.set_char_range(Some(range));
        output.state.clone().store(ui.ctx(), id);
    }
    // The field's clip rectangle is the whole field, which for a long text
    // is taller than what the scroll area shows: only paint what is seen.
    let clip = output.text_clip_rect.intersect(ui.clip_rect());
    let edited = output.response.changed().then_some(text);
    long_text::Shown {
        response: output.response.response,
        galley: output.galley,
        galley_pos: output.galley_pos,
        first_char: 0,
        bytes: 0..shown.len(),
        clip,
        cursor_range: output.cursor_range,
        edited,
    }
}

/// "54 / 90 characters", in the warning colour when over the limit.
fn length_against_limit(ui: &mut egui::Ui, count: usize, limit: u32, what: &str) {
    let (text, over) = match LengthVerdict::of(count, limit) {
        LengthVerdict::NoLimit => (format!("{count} characters"), false),
        LengthVerdict::Under(_) => (format!("{count} / {limit} characters"), false),
        LengthVerdict::Over(by) => (format!("{count} / {limit} characters: {by} over the {what} limit"), true),
    };
    let text = egui::RichText::new(text).small();
    ui.label(if over { text.color(theme::warn_color(ui)) } else { text.weak() });
}

/// Words, characters, reading time, progress against the target and the
/// open marks.
fn body_stats(ui: &mut egui::Ui, story: &Story, stats: TextStats, marks: MarkCounts) {
    let target = story.target_words as usize;
    ui.horizontal_wrapped(|ui| {
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
        ui.separator();
        mark_counts(ui, marks);
    });
}

/// "2 spelling · 1 grammar · 0 style", each in its underline colour, as
/// separate labels so a narrow window wraps them with the rest of the row.
fn mark_counts(ui: &mut egui::Ui, counts: MarkCounts) {
    let dark = ui.visuals().dark_mode;
    for (kind, count) in
        [(MarkKind::Spelling, counts.spelling), (MarkKind::Grammar, counts.grammar), (MarkKind::Style, counts.style)]
    {
        let text = format!("{count} {}", kind.label().to_lowercase());
        let text = egui::RichText::new(text).small();
        let label =
            egui::Label::new(if count > 0 { text.color(text_marks::mark_color(kind, dark)) } else { text.weak() })
                .wrap_mode(egui::TextWrapMode::Extend);
        ui.add(label).on_hover_text(format!("Open {} marks in headline, dek and body", kind.label().to_lowercase()));
    }
}

/// The details column: metadata that is not the copy itself.
fn details(
    ui: &mut egui::Ui,
    story: &Story,
    now: crate::model::Timestamp,
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Details");
    ui.add_space(4.0);
    let label = ui.label(egui::RichText::new("Status").small().weak());
    egui::ComboBox::from_id_salt(("status", story.slug.as_str()))
        .selected_text(story.status.label())
        .show_ui(ui, |ui| {
            for status in StoryStatus::ALL {
                // The workflow's one transition table says what is offered.
                let why_not = match story.status.transition_to(status) {
                    crate::model::Transition::NotAllowed(why) if story.status != status => Some(why.to_owned()),
                    _ => story.embargo_blocks(status, now),
                };
                let response =
                    ui.add_enabled(why_not.is_none(), egui::Button::selectable(story.status == status, status.label()));
                if let Some(why) = why_not {
                    response.on_disabled_hover_text(why);
                } else if response.clicked() && story.status != status {
                    commands.push(Command::SetStatus(status));
                }
            }
        })
        .response
        .labelled_by(label.id);
    for field in [TextField::Section, TextField::Byline, TextField::Dateline] {
        plain_field(ui, story, field, Size::Line, commands);
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
    let planned = story.publish_at;
    time_field(ui, story, (crate::ops::Field::PublishAt, planned), ("Publish at", "not planned"), state, commands);
    // Open by itself when the story has a plan or a publication record;
    // a story nobody planned keeps the column short.
    let plan = &story.plan;
    let record = &story.publication;
    let planned = *plan != crate::model::Plan::default()
        || record.embargo.is_some()
        || record.version > 1
        || record.withdrawn.is_some();
    ui.add_space(6.0);
    egui::CollapsingHeader::new("Budget and publication")
        .id_salt(("plan", story.slug.as_str()))
        .default_open(planned)
        .show(ui, |ui| plan_and_publication(ui, story, state, commands));
    ui.add_space(6.0);
    ui.label(egui::RichText::new(format!("Created {}", story.created.short())).small().weak());
    ui.label(egui::RichText::new(format!("Last change {}", story.updated.short())).small().weak());
}

/// Who has the story, when it is due, its priority, its embargo and what
/// happened to it after publication.
fn plan_and_publication(ui: &mut egui::Ui, story: &Story, state: &mut EditorState, commands: &mut Vec<Command>) {
    person_field(ui, story, crate::ops::Field::Assignee, "Assignee (reporter)", state, commands);
    person_field(ui, story, crate::ops::Field::Editor, "Editor", state, commands);
    let deadline = story.plan.deadline;
    time_field(ui, story, (crate::ops::Field::Deadline, deadline), ("Deadline", "no deadline"), state, commands);
    let label = ui.label(egui::RichText::new("Priority").small().weak());
    egui::ComboBox::from_id_salt(("priority", story.slug.as_str()))
        .selected_text(story.plan.priority.label())
        .show_ui(ui, |ui| {
            for priority in crate::model::Priority::ALL {
                if ui.selectable_label(story.plan.priority == priority, priority.label()).clicked()
                    && priority != story.plan.priority
                {
                    commands.push(Command::SetField {
                        story: story.slug.clone(),
                        field: crate::ops::Field::Priority,
                        value: priority.key().to_owned(),
                    });
                }
            }
        })
        .response
        .labelled_by(label.id);
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Publication").small().strong());
    let embargo = story.publication.embargo;
    ui.add_enabled_ui(!story.status.is_out(), |ui| {
        time_field(ui, story, (crate::ops::Field::Embargo, embargo), ("Embargo until", "no embargo"), state, commands);
    });
    ui.label(egui::RichText::new(format!("Version {}", story.publication.version)).small().weak());
    for correction in &story.publication.corrections {
        ui.label(egui::RichText::new(&correction.text).small().italics()).on_hover_text(format!(
            "{} · {}",
            correction.at.short(),
            correction.by
        ));
    }
    if let Some(withdrawn) = &story.publication.withdrawn {
        let text = format!("Killed {} by {}: {}", withdrawn.at.short(), withdrawn.by, withdrawn.reason);
        ui.label(egui::RichText::new(text).small().color(theme::warn_color(ui)));
    }
}

/// A time of the story — when the desk plans to run it (photo rights are
/// checked against it), its deadline, its embargo — read when the field
/// loses focus; a time Copydesk cannot read stays as typed with a note
/// under it.
fn time_field(
    ui: &mut egui::Ui,
    story: &Story,
    (field, current): (crate::ops::Field, Option<crate::model::Timestamp>),
    (label, hint): (&str, &str),
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    let label = ui.label(egui::RichText::new(format!("{label} (YYYY-MM-DD HH:MM, UTC)")).small().weak());
    let typed = state.times.iter().position(|(slug, which, _)| slug == &story.slug && *which == field);
    let mut text = match typed.and_then(|index| state.times.get(index)) {
        Some((_, _, text)) => text.clone(),
        None => current.map(|at| at.short()).unwrap_or_default(),
    };
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id_salt((label.id, story.slug.as_str()))
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let parsed = crate::ops::parse_publish_at(&text);
    let keep_typed = |state: &mut EditorState, text: &str| {
        state.times.retain(|(slug, which, _)| !(slug == &story.slug && *which == field));
        state.times.push((story.slug.clone(), field, text.to_owned()));
    };
    if response.has_focus() {
        keep_typed(state, &text);
    }
    if response.lost_focus() {
        match parsed {
            Some(at) => {
                state.times.retain(|(slug, which, _)| !(slug == &story.slug && *which == field));
                if at != current {
                    commands.push(Command::SetField { story: story.slug.clone(), field, value: text.clone() });
                }
            }
            None => keep_typed(state, &text),
        }
    }
    if parsed.is_none() {
        ui.label(egui::RichText::new("Not a time: write it as 2026-11-25 18:00.").small().color(theme::warn_color(ui)));
    }
}

/// The assignee or the editor, set when the field loses focus.
fn person_field(
    ui: &mut egui::Ui,
    story: &Story,
    field: crate::ops::Field,
    label: &str,
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    let current = if field == crate::ops::Field::Editor { &story.plan.editor } else { &story.plan.assignee };
    let label = ui.label(egui::RichText::new(label).small().weak());
    let mut text = match &state.person {
        Some((slug, which, text)) if slug == &story.slug && *which == field => text.clone(),
        _ => current.clone(),
    };
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id_salt((label.id, story.slug.as_str()))
                .hint_text("nobody yet")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.has_focus() {
        state.person = Some((story.slug.clone(), field, text.clone()));
    }
    if response.lost_focus() {
        state.person = None;
        if text.trim() != current.trim() {
            commands.push(Command::SetField { story: story.slug.clone(), field, value: text });
        }
    }
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
        if crate::ops::parse_tags(&text) != story.tags {
            commands.push(Command::SetField { story: story.slug.clone(), field: crate::ops::Field::Tags, value: text });
        }
    }
}

/// A field that is not checked for spelling (section, byline, notes…).
fn plain_field(ui: &mut egui::Ui, story: &Story, which: TextField, size: Size, commands: &mut Vec<Command>) {
    let mut state = EditorState::default();
    field(ui, story, which, size, &Look::default(), &mut state, commands);
}

/// How many marks the list beside the editor shows before "and N more"
/// (each is a handful of widgets, drawn every frame).
const LISTED_MARKS: usize = 12;

/// The open marks as a list: the marked words (a click selects them in the
/// editor), what is wrong, and the fixes. The same actions as the
/// right-click menu, for the keyboard and for a quick pass through a story.
fn marks_list(
    ui: &mut egui::Ui,
    story: &Story,
    marks: StoryMarks<'_>,
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    let counts = marks.counts();
    ui.add_space(8.0);
    egui::CollapsingHeader::new(format!("Spelling and grammar ({})", counts.total()))
        .id_salt("marks_list")
        .default_open(true)
        .show(ui, |ui| {
            if counts.total() == 0 {
                ui.label(egui::RichText::new("No open marks in headline, dek or body.").small().weak());
                return;
            }
            let dark = ui.visuals().dark_mode;
            let all: Vec<(TextField, &PlacedMark)> = marks.all().collect();
            // A window of the list around the selected mark, so F7 walks
            // through all of them; only the selected one shows its fixes.
            let selected = all.iter().position(|(field, placed)| state.last_mark == Some((*field, placed.chars.start)));
            let first = selected.map_or(0, |index| index.saturating_sub(2)).min(all.len().saturating_sub(LISTED_MARKS));
            if first > 0 {
                ui.label(egui::RichText::new(format!("{first} before")).small().weak());
            }
            let listed = all.iter().enumerate().skip(first).take(LISTED_MARKS);
            // Each field's text as shown, read once for all its rows.
            let texts: Vec<(TextField, text_marks::Shown<'_>)> = [TextField::Headline, TextField::Dek, TextField::Body]
                .into_iter()
                .filter(|field| listed.clone().any(|(_, (listed, _))| listed == field))
                .map(|field| (field, text_marks::shown_text(story, field)))
                .collect();
            for (index, (field, placed)) in listed {
                let (field, placed) = (*field, *placed);
                let Some(word) = texts
                    .iter()
                    .find(|(of, _)| *of == field)
                    .and_then(|(_, shown)| shown.get(placed.mark.range.clone()))
                else {
                    continue;
                };
                ui.push_id(("mark", field.label(), placed.mark.range.start), |ui| {
                    ui.horizontal_wrapped(|ui| {
                        let color = text_marks::mark_color(placed.kind(), dark);
                        let shown = mark_label(word);
                        let link = ui.link(egui::RichText::new(shown).color(color)).on_hover_text(format!(
                            "{}: select it in the {} and show its fixes",
                            placed.kind().label(),
                            field.label()
                        ));
                        if link.clicked() {
                            state.last_mark = Some((field, placed.chars.start));
                            state.reveal = Some(Reveal { field, chars: placed.chars.clone(), focus: true });
                        }
                        ui.label(egui::RichText::new(&*placed.mark.message).small().weak());
                    });
                    if selected == Some(index) {
                        ui.horizontal_wrapped(|ui| {
                            text_marks::mark_actions(ui, text_marks::MarkTarget::Story(story, field), placed, commands);
                        });
                    }
                });
            }
            let after = all.len().saturating_sub(first + LISTED_MARKS);
            if after > 0 {
                let more = format!("and {after} more: F7 goes through them one by one");
                ui.label(egui::RichText::new(more).small().weak());
            }
        });
}

/// How the marks list shows the text a mark is on: cut to 40 characters,
/// and spaces or breaks alone (a double space) named, so the link can be
/// seen and a screen reader has something to say.
fn mark_label(word: &str) -> String {
    if word.trim().is_empty() {
        return match word.chars().filter(|c| *c == ' ').count() {
            _ if word.contains('\n') => "(line break)".to_owned(),
            1 => "(a space)".to_owned(),
            spaces => format!("({spaces} spaces)"),
        };
    }
    text_marks::excerpt(word, 40)
}

#[cfg(test)]
mod tests {
    use super::mark_label;

    #[test]
    fn a_mark_on_spaces_alone_is_named_so_its_link_can_be_seen() {
        assert_eq!(mark_label("  "), "(2 spaces)");
        assert_eq!(mark_label(" "), "(a space)");
        assert_eq!(mark_label("\n\n"), "(line break)");
        assert_eq!(mark_label("coa"), "coa");
        assert_eq!(mark_label(&"x".repeat(41)), format!("{}…", "x".repeat(40)));
    }
}
