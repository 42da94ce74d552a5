//! The body's text field: egui's `TextEdit`, handed only the paragraphs
//! on screen and around the caret, inside a frame as tall as the whole text.
//!
//! A `TextEdit` that holds a 20,000-word body copies, hashes, joins and
//! walks all 2,400 of its rows every frame, though thirty are seen. This
//! field keeps each paragraph's height (laid out once, and again only when
//! its text or the wrap width changes), so it knows where every paragraph
//! is without laying it out. Each frame it gives the `TextEdit` the
//! *window*: the whole paragraphs the scroll area shows, widened to hold
//! both ends of the selection and [`AROUND_CARET`] paragraphs beyond them,
//! so an arrow key, a click or a drag always lands inside it. It puts the
//! `TextEdit` at the window's place in the frame and splices what was typed
//! back into the whole text.
//!
//! Keys, the mouse, the clipboard, IME and AccessKit are the `TextEdit`'s
//! own. The field keeps the caret in whole-text `char`s and translates it
//! to and from the window. It takes the keys that mean the whole text
//! (select all, start and end of the text, a page up or down), and drops
//! egui's own undo keys,
//! whose snapshots would be of the window: the project's history undoes
//! typing.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob};
use egui::{Event, FontId, Galley, Id, Key, Modifiers, Pos2, Rect, Ui};

/// Paragraphs kept in the window beyond each end of the selection.
const AROUND_CARET: usize = 4;

/// How far (in paragraphs) the window's start may lag behind where it is
/// needed before it moves: the `TextEdit` keeps a few positions of its own
/// (a double-click drag's word, an IME composition) counted from it.
const START_SLACK: usize = 8;

/// A paragraph of the whole text and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// Its bytes in the text, without the line break after it.
    pub bytes: Range<usize>,
    /// Its `char`s in the text, without the line break after it.
    pub chars: Range<usize>,
    /// Its top, from the top of the text.
    pub top: f32,
    /// Its height.
    pub height: f32,
}

/// The paragraphs of `text` (split at every `\n`, so a blank line is an
/// empty paragraph), with heights from `height_of`. Tops are rounded to
/// physical pixels as egui rounds a joined galley's rows.
pub fn paragraphs(text: &str, pixels_per_point: f32, height_of: impl FnMut(&str) -> f32) -> Vec<Paragraph> {
    let mut all = split(text, 0, 0, height_of);
    place(&mut all, pixels_per_point);
    all
}

/// The paragraphs of `text` (at byte `byte` and `char` `char` of the
/// whole text), their tops not set.
fn split(text: &str, mut byte: usize, mut char: usize, mut height_of: impl FnMut(&str) -> f32) -> Vec<Paragraph> {
    let mut all = Vec::new();
    for line in text.split('\n') {
        let chars = line.chars().count();
        let height = height_of(line);
        all.push(Paragraph { bytes: byte..byte + line.len(), chars: char..char + chars, top: 0.0, height });
        byte += line.len() + 1;
        char += chars + 1;
    }
    all
}

/// Sets each paragraph's top under the one before.
fn place(all: &mut [Paragraph], pixels_per_point: f32) {
    let mut top = 0.0_f32;
    for paragraph in all {
        paragraph.top = top;
        top = ((top + paragraph.height) * pixels_per_point).round() / pixels_per_point;
    }
}

/// The paragraphs of `new`, from those of `old`: only the paragraphs
/// between the texts' common start and common end are split and measured
/// again (a keystroke's one), the others are moved.
pub fn update(
    old: &str,
    paragraphs: &[Paragraph],
    new: &str,
    pixels_per_point: f32,
    height_of: impl FnMut(&str) -> f32,
) -> Vec<Paragraph> {
    let (prefix, old_end, _) = crate::diff::changed_span(old, new);
    // The old paragraphs the change touches: from the one the common start
    // ends in to the one the common end starts in.
    let first = paragraphs.partition_point(|paragraph| paragraph.bytes.end < prefix);
    let last = paragraphs.partition_point(|paragraph| paragraph.bytes.start <= old_end).saturating_sub(1).max(first);
    let (Some(from), Some(to)) = (paragraphs.get(first), paragraphs.get(last)) else {
        return self::paragraphs(new, pixels_per_point, height_of);
    };
    let tail = old.len() - to.bytes.end;
    let region = new.get(from.bytes.start..new.len().saturating_sub(tail).max(from.bytes.start));
    let Some(region) = region else {
        return self::paragraphs(new, pixels_per_point, height_of);
    };
    let mut all = paragraphs.get(..first).unwrap_or_default().to_vec();
    all.extend(split(region, from.bytes.start, from.chars.start, height_of));
    let (old_end, new_end) = (to.bytes.end, from.bytes.start + region.len());
    let old_chars = to.chars.end;
    let new_chars = all.last().map_or(0, |paragraph| paragraph.chars.end);
    all.extend(paragraphs.get(last + 1..).unwrap_or_default().iter().map(|paragraph| Paragraph {
        bytes: paragraph.bytes.start - old_end + new_end..paragraph.bytes.end - old_end + new_end,
        chars: paragraph.chars.start - old_chars + new_chars..paragraph.chars.end - old_chars + new_chars,
        ..paragraph.clone()
    }));
    place(&mut all, pixels_per_point);
    all
}

/// The paragraph holding `char` (the last one past the end).
fn paragraph_of(paragraphs: &[Paragraph], char: usize) -> usize {
    paragraphs.partition_point(|paragraph| paragraph.chars.end < char).min(paragraphs.len().saturating_sub(1))
}

/// Where `char` is, from the top left of the text (the middle of its
/// row), laying out only its paragraph (`layout`).
fn place_of(paragraphs: &[Paragraph], text: &str, char: usize, layout: &mut dyn FnMut(&str) -> Arc<Galley>) -> Pos2 {
    let Some(paragraph) = paragraphs.get(paragraph_of(paragraphs, char)) else {
        return Pos2::ZERO;
    };
    let galley = layout(text.get(paragraph.bytes.clone()).unwrap_or_default());
    let rect = galley.pos_from_cursor(CCursor::new(char.saturating_sub(paragraph.chars.start)));
    egui::pos2(rect.center().x, paragraph.top + rect.center().y)
}

/// The `char` nearest `pos` (from the top left of the text), laying out
/// only the paragraph there (`layout`).
fn char_at(paragraphs: &[Paragraph], text: &str, pos: Pos2, layout: &mut dyn FnMut(&str) -> Arc<Galley>) -> usize {
    let Some(last) = paragraphs.len().checked_sub(1) else {
        return 0;
    };
    let index = paragraphs.partition_point(|paragraph| paragraph.top + paragraph.height <= pos.y).min(last);
    let Some(paragraph) = paragraphs.get(index) else {
        return 0;
    };
    let galley = layout(text.get(paragraph.bytes.clone()).unwrap_or_default());
    let inside = galley.cursor_from_pos(egui::vec2(pos.x, pos.y - paragraph.top));
    paragraph.chars.start + inside.index.0
}

/// The paragraphs (a range of indices) the window holds: those between
/// `view` (tops from the top of the text) and both ends of `caret`, and
/// [`AROUND_CARET`] more each side of the caret's; starting at `previous`
/// when that is at most [`START_SLACK`] paragraphs before where it must.
pub fn window(
    paragraphs: &[Paragraph],
    view: Range<f32>,
    caret: Option<Range<usize>>,
    previous: usize,
) -> Range<usize> {
    let Some(last) = paragraphs.len().checked_sub(1) else {
        return 0..0;
    };
    let first_seen = paragraphs.partition_point(|paragraph| paragraph.top + paragraph.height <= view.start).min(last);
    let last_seen = paragraphs.partition_point(|paragraph| paragraph.top < view.end).saturating_sub(1).max(first_seen);
    let (mut first, mut end) = (first_seen, last_seen.min(last) + 1);
    if let Some(caret) = caret {
        first = first.min(paragraph_of(paragraphs, caret.start).saturating_sub(AROUND_CARET));
        end = end.max((paragraph_of(paragraphs, caret.end) + AROUND_CARET + 1).min(last + 1));
    }
    if previous <= first && first - previous <= START_SLACK {
        first = previous;
    }
    first..end
}

/// What the field keeps between frames.
#[derive(Clone, Default)]
struct Memory {
    /// The wrap width, font and pixels per point the heights are for.
    layout: Option<(f32, FontId, f32)>,
    /// The text the paragraphs are of, and its paragraphs.
    text: String,
    paragraphs: Vec<Paragraph>,
    /// The paragraph and `char` the window started at in the last frame:
    /// the `TextEdit`'s caret counts from that `char`.
    start: (usize, usize),
    /// The caret and selection in the whole text.
    caret: Option<CCursorRange>,
    /// `caret` was put from outside the `TextEdit` (by [`select`] or a
    /// whole-text key) and goes to it in the next frame.
    put: bool,
    /// Bring the caret into view in the next frame.
    scroll_to_caret: bool,
}

/// Puts the caret (or selects `chars`) of the long-text field `id`, in
/// whole-text `char`s, as from the next frame.
pub fn select(ctx: &egui::Context, id: Id, chars: Range<usize>) {
    ctx.data_mut(|data| {
        let memory = data.get_temp_mut_or_default::<Memory>(id);
        memory.caret = Some(CCursorRange::two(CCursor::new(chars.start), CCursor::new(chars.end)));
        memory.put = true;
    });
}

/// How the field looks.
pub struct LongText<'t> {
    /// The field's id (its `TextEdit`'s).
    pub id: Id,
    /// The whole text.
    pub text: &'t str,
    /// Its font.
    pub font: FontId,
    /// Shown when the text is empty.
    pub hint: &'static str,
    /// The field is at least this many rows high.
    pub min_rows: usize,
}

/// What the field did.
pub struct Shown {
    /// The `TextEdit`'s response: typed into, focused, hovered.
    pub response: egui::Response,
    /// The window's laid-out text.
    pub galley: Arc<Galley>,
    /// Where the window's galley is on screen.
    pub galley_pos: Pos2,
    /// The window's first `char` in the whole text.
    pub first_char: usize,
    /// The window's bytes in the whole text.
    pub bytes: Range<usize>,
    /// The part of the screen the text is in.
    pub clip: Rect,
    /// The caret and selection in the whole text, when focused.
    pub cursor_range: Option<CCursorRange>,
    /// The whole text after this frame's typing, if it changed.
    pub edited: Option<String>,
}

/// What a paragraph's layout depends on besides its text.
#[derive(Clone)]
struct Style {
    font: FontId,
    color: egui::Color32,
    line_height: f32,
}

impl Style {
    /// The job for one paragraph, as `TextEdit`'s own layouter makes it.
    fn job(&self, text: &str, wrap_width: f32) -> LayoutJob {
        let mut job = LayoutJob::simple(text.to_owned(), self.font.clone(), self.color, wrap_width);
        job.keep_trailing_whitespace = true;
        for section in &mut job.sections {
            section.format.line_height = Some(self.line_height);
        }
        job
    }

    /// The height of one paragraph.
    fn height(&self, fonts: &mut egui::epaint::FontsView<'_>, line: &str, wrap_width: f32) -> f32 {
        fonts.layout_job(self.job(line, wrap_width)).rect.height()
    }

    /// Lays out `text` paragraph by paragraph (each from egui's galley
    /// cache) and joins them, as egui does for a long text.
    fn layout(&self, ui: &Ui, text: &str, wrap_width: f32) -> Arc<Galley> {
        let pixels_per_point = ui.ctx().pixels_per_point();
        let galleys: Vec<Arc<Galley>> =
            ui.fonts_mut(|fonts| text.split('\n').map(|line| fonts.layout_job(self.job(line, wrap_width))).collect());
        if let [only] = galleys.as_slice() {
            return Arc::clone(only);
        }
        Arc::new(Galley::concat(Arc::new(self.job(text, wrap_width)), &galleys, pixels_per_point))
    }
}

/// The keys that mean the whole text, not the window.
#[derive(Clone, Copy, Debug, PartialEq)]
enum WholeTextKey {
    SelectAll,
    /// To the start (`false`) or the end (`true`), extending the
    /// selection when shift is held.
    Jump {
        to_end: bool,
        extend: bool,
    },
    /// A screen up (`false`) or down (`true`), as Page Up and Page Down
    /// move in a word processor (egui's field does not move on them).
    Page {
        down: bool,
        extend: bool,
    },
}

/// Takes the whole-text keys and egui's undo keys out of this frame's
/// input; returns the whole-text ones.
fn take_keys(ui: &Ui) -> Vec<WholeTextKey> {
    let mac = ui.ctx().os() == egui::os::OperatingSystem::Mac;
    let mut taken = Vec::new();
    ui.input_mut(|input| {
        input.events.retain(|event| {
            let Event::Key { key, pressed, modifiers, .. } = event else {
                return true;
            };
            let whole = whole_text_key(*key, *modifiers, mac);
            let undo = modifiers.command && matches!(key, Key::Z | Key::Y);
            if *pressed && let Some(whole) = whole {
                taken.push(whole);
            }
            whole.is_none() && !undo
        });
    });
    taken
}

/// What `key` with `modifiers` means for the whole text, if anything.
fn whole_text_key(key: Key, modifiers: Modifiers, mac: bool) -> Option<WholeTextKey> {
    let extend = modifiers.shift;
    match key {
        Key::A if modifiers.command && !modifiers.shift => Some(WholeTextKey::SelectAll),
        Key::ArrowUp | Key::ArrowDown if modifiers.command => {
            Some(WholeTextKey::Jump { to_end: key == Key::ArrowDown, extend })
        }
        Key::Home | Key::End if modifiers.ctrl && !mac => Some(WholeTextKey::Jump { to_end: key == Key::End, extend }),
        Key::PageUp | Key::PageDown if !modifiers.command && !modifiers.alt => {
            Some(WholeTextKey::Page { down: key == Key::PageDown, extend })
        }
        _ => None,
    }
}

/// Draws the field.
pub fn show(ui: &mut Ui, field: LongText<'_>) -> Shown {
    let LongText { id, text, font, hint, min_rows } = field;
    let mut memory: Memory = ui.data_mut(|data| data.remove_temp::<Memory>(id)).unwrap_or_default();
    let focused = ui.memory(|m| m.has_focus(id));
    // Every paragraph's height, laid out only when new.
    let margin = egui::vec2(4.0, 2.0);
    let width = ui.available_width().max(24.0);
    let wrap_width = (width - 2.0 * margin.x).max(1.0).round();
    let pixels_per_point = ui.ctx().pixels_per_point();
    let line_height = ui.fonts_mut(|fonts| fonts.row_height(&font)) + ui.spacing().extra_text_line_spacing;
    let color = ui.visuals().override_text_color.unwrap_or_else(|| ui.visuals().widgets.inactive.text_color());
    let style = Style { font: font.clone(), color, line_height };
    let layout = Some((wrap_width, font.clone(), pixels_per_point));
    if memory.layout != layout || memory.paragraphs.is_empty() {
        memory.paragraphs =
            ui.fonts_mut(|fonts| paragraphs(text, pixels_per_point, |line| style.height(fonts, line, wrap_width)));
        memory.layout = layout;
        text.clone_into(&mut memory.text);
    } else if memory.text != text {
        memory.paragraphs = ui.fonts_mut(|fonts| {
            update(&memory.text, &memory.paragraphs, text, pixels_per_point, |line| {
                style.height(fonts, line, wrap_width)
            })
        });
        text.clone_into(&mut memory.text);
    }
    let total_chars = memory.paragraphs.last().map_or(0, |last| last.chars.end);

    // The caret, in the whole text: the `TextEdit`'s, counted from where
    // the window started, unless one was put since.
    let edit_state = egui::text_edit::TextEditState::load(ui.ctx(), id);
    if !memory.put
        && let Some(range) = edit_state.as_ref().and_then(|state| state.cursor.char_range())
    {
        memory.caret = Some(shifted(range, memory.start.1, true));
    }
    if focused {
        let page = ui.clip_rect().height();
        for key in take_keys(ui) {
            memory.caret = Some(match key {
                WholeTextKey::SelectAll => CCursorRange::two(CCursor::new(0), CCursor::new(total_chars)),
                WholeTextKey::Page { down, extend } => {
                    let mut range = memory.caret.unwrap_or_default();
                    let (caret, h_pos) = ui.fonts_mut(|fonts| {
                        let mut layout = |line: &str| fonts.layout_job(style.job(line, wrap_width));
                        let at = place_of(&memory.paragraphs, text, range.primary.index.0, &mut layout);
                        let x = range.h_pos.unwrap_or(at.x);
                        let y = if down { at.y + page } else { at.y - page };
                        (char_at(&memory.paragraphs, text, egui::pos2(x, y), &mut layout), x)
                    });
                    range.primary = CCursor::new(caret);
                    range.h_pos = Some(h_pos);
                    if !extend {
                        range.secondary = range.primary;
                    }
                    // The view moves by the page too, so the caret keeps
                    // its place on screen.
                    ui.scroll_with_delta(egui::vec2(0.0, if down { -page } else { page }));
                    range
                }
                WholeTextKey::Jump { to_end, extend } => {
                    let to = CCursor::new(if to_end { total_chars } else { 0 });
                    let mut range = memory.caret.unwrap_or_else(|| CCursorRange::one(to));
                    range.primary = to;
                    range.h_pos = None;
                    if !extend {
                        range.secondary = to;
                    }
                    range
                }
            });
            memory.put = true;
            memory.scroll_to_caret |= !matches!(key, WholeTextKey::Page { .. });
        }
    }
    if let Some(caret) = &mut memory.caret {
        caret.primary.index.0 = caret.primary.index.0.min(total_chars);
        caret.secondary.index.0 = caret.secondary.index.0.min(total_chars);
    }

    let all = &memory.paragraphs;
    let text_height = all.last().map_or(0.0, |last| last.top + last.height);

    // The frame, as tall as the whole text. A click below the text puts
    // the caret at its end.
    let height = text_height.max(min_rows.max(1) as f32 * line_height) + 2.0 * margin.y;
    let (rect, frame) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    let text_top = rect.top() + margin.y;
    let visuals = ui.visuals();
    let stroke = if focused { visuals.selection.stroke } else { visuals.widgets.inactive.bg_stroke };
    let corner_radius = visuals.widgets.inactive.corner_radius;
    ui.painter().rect(rect, corner_radius, visuals.text_edit_bg_color(), stroke, egui::StrokeKind::Inside);
    if frame.hovered() {
        ui.set_cursor_icon(egui::CursorIcon::Text);
    }
    if frame.clicked() {
        if frame.interact_pointer_pos().is_some_and(|pointer| pointer.y > text_top + text_height) {
            memory.caret = Some(CCursorRange::one(CCursor::new(total_chars)));
            memory.put = true;
        }
        ui.memory_mut(|m| m.request_focus(id));
    }

    // The window, and the `TextEdit` in it.
    let view = ui.clip_rect();
    let caret_chars = memory.caret.filter(|_| focused || memory.put).map(|caret| {
        let [a, b] = caret.sorted_cursors();
        a.index.0..b.index.0
    });
    let shown = window(all, view.top() - text_top..view.bottom() - text_top, caret_chars, memory.start.0);
    let nothing = Paragraph { bytes: 0..0, chars: 0..0, top: 0.0, height: line_height };
    let first = all.get(shown.start).unwrap_or(&nothing).clone();
    let last = all.get(shown.end.saturating_sub(1)).unwrap_or(&first).clone();
    let bytes = first.bytes.start..last.bytes.end;
    let first_char = first.chars.start;
    let mut state = edit_state.unwrap_or_default();
    let inside = |caret: &CCursorRange| caret.sorted_cursors()[0].index.0 >= first_char;
    state.cursor.set_char_range(memory.caret.filter(inside).map(|caret| shifted(caret, first_char, false)));
    state.store(ui.ctx(), id);

    let mut window_text = text.get(bytes.clone()).unwrap_or_default().to_owned();
    let window_rect = Rect::from_min_size(
        egui::pos2(rect.left() + margin.x, text_top + first.top),
        egui::vec2(wrap_width, last.top + last.height - first.top),
    );
    let mut layouter =
        |ui: &Ui, buffer: &dyn egui::TextBuffer, _wrap_width: f32| style.layout(ui, buffer.as_str(), wrap_width);
    // A child `Ui` that takes no room of its own: the frame has it.
    let mut window_ui = ui.new_child(egui::UiBuilder::new().max_rect(window_rect));
    let output = egui::TextEdit::multiline(&mut window_text)
        .id(id)
        .frame(egui::Frame::NONE)
        .desired_width(wrap_width)
        .desired_rows(1)
        .hint_text(hint)
        .layouter(&mut layouter)
        .show(&mut window_ui);

    if memory.put
        && let Some(caret) = memory.caret
    {
        // Stored again after the field is drawn: a `TextEdit` without the
        // focus keeps only its caret, not a selection.
        let mut state = output.state.clone();
        state.cursor.set_char_range(Some(shifted(caret, first_char, false)));
        state.store(ui.ctx(), id);
    } else if let Some(range) = output.state.cursor.char_range() {
        memory.caret = Some(shifted(range, first_char, true));
    }
    memory.start = (shown.start, first_char);
    memory.put = false;
    if memory.scroll_to_caret
        && let Some(caret) = memory.caret
    {
        let at = output.galley.pos_from_cursor(CCursor::new(caret.primary.index.0.saturating_sub(first_char)));
        ui.scroll_to_rect(at.translate(output.galley_pos.to_vec2()), None);
        memory.scroll_to_caret = false;
    }
    let edited = output.response.response.changed().then(|| {
        let mut whole = String::with_capacity(text.len() + window_text.len());
        whole.push_str(text.get(..bytes.start).unwrap_or_default());
        whole.push_str(&window_text);
        whole.push_str(text.get(bytes.end..).unwrap_or_default());
        whole
    });
    ui.ctx().accesskit_node_builder(id, |node| node.set_value(edited.as_deref().unwrap_or(text)));
    ui.data_mut(|data| data.insert_temp(id, memory));
    Shown {
        response: output.response.response,
        galley: output.galley,
        galley_pos: output.galley_pos,
        first_char,
        bytes,
        clip: output.text_clip_rect.intersect(rect).intersect(ui.clip_rect()),
        cursor_range: output.cursor_range.map(|range| shifted(range, first_char, true)),
        edited,
    }
}

/// `range` moved by `by` `char`s: later (`later`) or earlier.
fn shifted(range: CCursorRange, by: usize, later: bool) -> CCursorRange {
    let shift = |cursor: CCursor| {
        let index = if later { cursor.index.0 + by } else { cursor.index.0.saturating_sub(by) };
        CCursor { index: egui::text::CharIndex(index), ..cursor }
    };
    CCursorRange { primary: shift(range.primary), secondary: shift(range.secondary), h_pos: range.h_pos }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(line: &str) -> f32 {
        // One row of 10 per started 10 chars, an empty line one row.
        10.0 * line.chars().count().div_ceil(10).max(1) as f32
    }

    #[test]
    fn paragraphs_split_at_every_break_with_their_places() {
        let all = paragraphs("héllo\n\nworld, twelve chars", 1.0, rows);
        let places: Vec<_> = all.iter().map(|p| (p.bytes.clone(), p.chars.clone(), p.top, p.height)).collect();
        assert_eq!(places, vec![(0..6, 0..5, 0.0, 10.0), (7..7, 6..6, 10.0, 10.0), (8..27, 7..26, 20.0, 20.0)]);
        assert_eq!(paragraphs("", 1.0, rows).len(), 1, "an empty text is one empty paragraph");
    }

    #[test]
    fn an_update_gives_what_splitting_again_gives() {
        let old = "First paragraph here.\n\nSecond, with é and more words.\n\nThird.";
        let edits: [(&str, &str); 9] = [
            ("", "X"),
            ("here.", "here!"),
            ("\n\nSecond", "\nSecond"),
            ("\n\nSecond", "Second"),
            ("é", "\n\né\n"),
            ("Third.", ""),
            ("Third.", "Third.\n"),
            (old, ""),
            ("First", "\n"),
        ];
        let before = paragraphs(old, 1.5, rows);
        for (from, to) in edits {
            let new = if from.is_empty() { format!("{to}{old}") } else { old.replacen(from, to, 1) };
            assert_eq!(update(old, &before, &new, 1.5, rows), paragraphs(&new, 1.5, rows), "{from:?} -> {to:?}");
            assert_eq!(update(&new, &paragraphs(&new, 1.5, rows), old, 1.5, rows), before, "{to:?} -> {from:?}");
        }
    }

    #[test]
    fn the_window_holds_the_view_and_the_caret_with_paragraphs_around_it() {
        let text = vec!["0123456789"; 100].join("\n");
        let all = paragraphs(&text, 1.0, rows);
        // Paragraph n is 10 high at 10n and holds chars 11n..11n+10.
        assert_eq!(window(&all, 200.0..300.0, None, 0), 20..30, "the view alone");
        assert_eq!(window(&all, 195.0..300.0, None, 0), 19..30, "a paragraph partly seen is in");
        let caret = Some(11 * 50 + 3..11 * 50 + 3);
        assert_eq!(window(&all, 200.0..300.0, caret.clone(), 0), 20..55, "down to the caret and four more");
        let caret = Some(11 * 5..11 * 5);
        assert_eq!(window(&all, 200.0..300.0, caret.clone(), 0), 0..30, "the previous start, within the slack");
        assert_eq!(window(&all, 200.0..300.0, caret, 2), 1..30, "four above the caret");
        let selection = Some(11 * 25..11 * 98);
        assert_eq!(window(&all, 200.0..300.0, selection, 20), 20..100, "both ends of a selection, to the end");
        assert_eq!(window(&all, 200.0..300.0, None, 15), 15..30, "the start lags by at most the slack");
        assert_eq!(window(&all, 200.0..300.0, None, 11), 20..30);
        assert_eq!(window(&all, 5000.0..5100.0, None, 0), 99..100, "past the end: the last paragraph");
        assert_eq!(window(&[], 0.0..10.0, Some(0..0), 0), 0..0);
    }

    #[test]
    fn whole_text_keys() {
        let ctrl = Modifiers::CTRL | Modifiers::COMMAND;
        assert_eq!(whole_text_key(Key::A, ctrl, false), Some(WholeTextKey::SelectAll));
        assert_eq!(
            whole_text_key(Key::End, ctrl | Modifiers::SHIFT, false),
            Some(WholeTextKey::Jump { to_end: true, extend: true })
        );
        assert_eq!(whole_text_key(Key::Home, Modifiers::NONE, false), None, "Home is the row's, the TextEdit's");
        assert_eq!(whole_text_key(Key::ArrowUp, Modifiers::NONE, false), None);
        assert_eq!(
            whole_text_key(Key::PageDown, Modifiers::SHIFT, false),
            Some(WholeTextKey::Page { down: true, extend: true })
        );
        let cmd = Modifiers::MAC_CMD | Modifiers::COMMAND;
        assert_eq!(whole_text_key(Key::ArrowUp, cmd, true), Some(WholeTextKey::Jump { to_end: false, extend: false }));
    }
}
