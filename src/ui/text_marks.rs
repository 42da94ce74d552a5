//! Marks drawn in text fields: wavy underlines for spelling, grammar and
//! style, their tooltips and their menus of fixes; and highlighted find
//! matches.
//!
//! Underlines are painted over the laid-out text after the field is drawn,
//! row by row and only for rows on screen, so a long body with marks costs
//! hardly more to draw than one without: the field keeps egui's own
//! layouter, whose galley cache lays out only the paragraphs that changed.

use std::ops::Range;

use egui::text::{CCursor, CharIndex};
use egui::{Color32, Pos2, Rect, Shape, Stroke, Ui};

use super::Command;
use crate::checks::PhotoField;
use crate::edit::Edit;
use crate::model::{Photo, Story, TextField};
use crate::proofing::{MarkCounts, MarkKind, PlacedMark, count_placed};

/// The marks of the selected story's checked fields, as the app knows them.
#[derive(Clone, Copy, Debug, Default)]
pub struct StoryMarks<'a> {
    /// Marks in the headline.
    pub headline: &'a [PlacedMark],
    /// Marks in the dek.
    pub dek: &'a [PlacedMark],
    /// Marks in the body.
    pub body: &'a [PlacedMark],
}

impl<'a> StoryMarks<'a> {
    /// The marks of `field` (none for fields that are not checked).
    pub fn field(&self, field: TextField) -> &'a [PlacedMark] {
        match field {
            TextField::Headline => self.headline,
            TextField::Dek => self.dek,
            TextField::Body => self.body,
            _ => &[],
        }
    }

    /// Open marks per kind across the fields.
    pub fn counts(&self) -> MarkCounts {
        let mut counts = MarkCounts::default();
        for marks in [self.headline, self.dek, self.body] {
            let field = count_placed(marks);
            counts.spelling += field.spelling;
            counts.grammar += field.grammar;
            counts.style += field.style;
        }
        counts
    }

    /// Every mark with the field it is in, in reading order.
    pub fn all(&self) -> impl Iterator<Item = (TextField, &'a PlacedMark)> {
        let headline = self.headline.iter().map(|mark| (TextField::Headline, mark));
        let dek = self.dek.iter().map(|mark| (TextField::Dek, mark));
        let body = self.body.iter().map(|mark| (TextField::Body, mark));
        headline.chain(dek).chain(body)
    }
}

/// The marks of one photo's proofread fields, as the app knows them.
#[derive(Clone, Copy, Debug, Default)]
pub struct PhotoMarks<'a> {
    /// Marks in the caption.
    pub caption: &'a [PlacedMark],
    /// Marks in the alt text.
    pub alt_text: &'a [PlacedMark],
}

impl<'a> PhotoMarks<'a> {
    /// The marks of `field` (none for fields that are not checked).
    pub fn field(&self, field: PhotoField) -> &'a [PlacedMark] {
        match field {
            PhotoField::Caption => self.caption,
            PhotoField::AltText => self.alt_text,
            _ => &[],
        }
    }

    /// How many marks there are in both fields.
    pub fn len(&self) -> usize {
        self.caption.len() + self.alt_text.len()
    }

    /// Whether neither field has a mark.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A stretch of a field's text to select and bring into view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reveal {
    /// The field.
    pub field: TextField,
    /// The `char` range to select.
    pub chars: Range<usize>,
    /// Move the keyboard focus there too (not when the find bar keeps it).
    pub focus: bool,
}

/// The underline colour of a kind of mark: red for spelling, blue for
/// grammar, green for style (as word processors do).
pub fn mark_color(kind: MarkKind, dark: bool) -> Color32 {
    match (kind, dark) {
        (MarkKind::Spelling, true) => Color32::from_rgb(255, 100, 100),
        (MarkKind::Spelling, false) => Color32::from_rgb(210, 30, 30),
        (MarkKind::Grammar, true) => Color32::from_rgb(110, 160, 255),
        (MarkKind::Grammar, false) => Color32::from_rgb(30, 90, 220),
        (MarkKind::Style, true) => Color32::from_rgb(120, 210, 120),
        (MarkKind::Style, false) => Color32::from_rgb(20, 140, 60),
    }
}

/// The `char` range of the byte range `bytes` in `text` (what galleys and
/// text-edit cursors count).
pub fn char_range(text: &str, bytes: &Range<usize>) -> Range<usize> {
    let start = text.get(..bytes.start).map_or(0, |before| before.chars().count());
    let len = text.get(bytes.clone()).map_or(0, |found| found.chars().count());
    start..start + len
}

/// Where the caret goes after a forward Delete in suggestion mode: the
/// deleted text stays (struck through), so the caret moves past it, as in
/// Word, or the next Delete would find the same text. `shown` is the text
/// before the key, `doc` its marks, `new_text` the field after it and
/// `caret` the caret there (`char`s). `None` when the caret stays: not a
/// plain forward deletion, or one inside an insertion (which really
/// deletes, or is refused).
pub fn caret_past_suggested_delete(
    doc: &crate::model::tracked::Tracked,
    new_text: &str,
    caret: Option<egui::text::CCursorRange>,
) -> Option<usize> {
    let caret = caret?;
    let [a, b] = caret.sorted_cursors();
    let (start, old_end, new_end) = crate::diff::changed_span(&doc.shown, new_text);
    let in_insertion = doc.marks.iter().any(|mark| {
        mark.kind == crate::model::MarkKind::Insert && mark.range.start < old_end && start < mark.range.end
    });
    let at = char_range(&doc.shown, &(start..old_end));
    (a.index == b.index && start == new_end && old_end > start && a.index.0 == at.start && !in_insertion)
        .then_some(at.end)
}

/// A field's text as the editor shows it: with any suggestion and comment
/// marks taken out (what spelling marks and fixes are placed on).
pub fn shown_text(story: &Story, field: TextField) -> Shown<'_> {
    shown(story.text(field))
}

/// `text` as shown: its marks taken out.
pub fn shown(text: &str) -> Shown<'_> {
    if crate::model::tracked::has_marks(text) {
        Shown::Tracked(crate::model::tracked::parse_shared(text))
    } else {
        Shown::Plain(text)
    }
}

/// A text as shown, borrowed: the field's own text, or the shared parse of
/// a field with marks (a long body is not copied each time it is read).
pub enum Shown<'a> {
    /// A field without marks: its text.
    Plain(&'a str),
    /// A field with marks: its parse.
    Tracked(std::rc::Rc<crate::model::tracked::Tracked>),
}

impl std::ops::Deref for Shown<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Shown::Plain(text) => text,
            Shown::Tracked(doc) => &doc.shown,
        }
    }
}

/// A colour for an editor's suggestions, the same every time for one name.
pub fn author_color(author: &str, dark: bool) -> Color32 {
    const DARK: [Color32; 6] = [
        Color32::from_rgb(96, 200, 120),
        Color32::from_rgb(110, 170, 255),
        Color32::from_rgb(230, 160, 80),
        Color32::from_rgb(210, 120, 220),
        Color32::from_rgb(90, 200, 200),
        Color32::from_rgb(230, 200, 90),
    ];
    const LIGHT: [Color32; 6] = [
        Color32::from_rgb(20, 130, 50),
        Color32::from_rgb(30, 90, 200),
        Color32::from_rgb(180, 90, 0),
        Color32::from_rgb(150, 40, 160),
        Color32::from_rgb(0, 120, 130),
        Color32::from_rgb(140, 110, 0),
    ];
    let hash = author.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let palette = if dark { &DARK } else { &LIGHT };
    palette.get(hash as usize % palette.len()).copied().unwrap_or(Color32::GREEN)
}

/// Where a field's text was drawn: the `TextEdit` output that matters here.
pub struct DrawnText<'a> {
    /// The laid-out text.
    pub galley: &'a egui::Galley,
    /// Where the galley's origin is on screen.
    pub galley_pos: Pos2,
    /// The part of the screen the text is visible in.
    pub clip: Rect,
    /// The field's `char` the galley starts at (the galley of a long text
    /// holds only the paragraphs around what is seen; see `long_text`).
    pub first_char: usize,
}

impl DrawnText<'_> {
    /// Calls `each` with the on-screen rectangle of every row piece that
    /// `ranges` (sorted `char` ranges that do not overlap) cover, skipping
    /// rows outside the clip rectangle. `each` also gets the range's index.
    fn for_each_piece(&self, ranges: &[Range<usize>], mut each: impl FnMut(usize, Rect)) {
        if ranges.is_empty() {
            return;
        }
        let offset = self.galley_pos.to_vec2();
        let mut row_start = self.first_char;
        for row in &self.galley.rows {
            let row_chars = row.char_count_excluding_newline().0;
            let next_row_start = row_start + row.char_count_including_newline().0;
            let rect = row.rect().translate(offset);
            if rect.bottom() < self.clip.top() {
                row_start = next_row_start;
                continue;
            }
            if rect.top() > self.clip.bottom() {
                break;
            }
            let row_end = row_start + row_chars;
            // A range that holds the row's line break (a suggested split
            // or merge) gets a piece after the row's text, half a row wide,
            // so a change of nothing but breaks is seen too.
            let newline = next_row_start > row_end;
            let first = ranges.partition_point(|range| range.end <= row_start);
            for (index, range) in ranges.iter().enumerate().skip(first) {
                if range.start > row_end || (range.start == row_end && !newline) {
                    break;
                }
                let from = range.start.max(row_start) - row_start;
                let to = range.end.min(row_end) - row_start;
                let left = rect.left() + row.x_offset(CharIndex(from));
                let right = rect.left() + row.x_offset(CharIndex(to));
                if right > left {
                    each(index, Rect::from_min_max(egui::pos2(left, rect.top()), egui::pos2(right, rect.bottom())));
                }
                if newline && range.end > row_end {
                    let left = rect.left() + row.x_offset(CharIndex(row_chars));
                    let right = left + rect.height() * 0.5;
                    each(index, Rect::from_min_max(egui::pos2(left, rect.top()), egui::pos2(right, rect.bottom())));
                }
            }
            row_start = next_row_start;
        }
    }

    /// Paints tracked changes: each insertion tinted and underlined in its
    /// author's colour, each deletion struck through. `char` ranges,
    /// sorted, not overlapping.
    pub fn paint_tracked(&self, ui: &Ui, inserts: &[(Range<usize>, Color32)], deletes: &[(Range<usize>, Color32)]) {
        let painter = ui.painter().with_clip_rect(self.clip);
        let mut shapes = Vec::new();
        let ranges: Vec<Range<usize>> = inserts.iter().map(|(range, _)| range.clone()).collect();
        self.for_each_piece(&ranges, |index, rect| {
            let color = inserts.get(index).map_or(Color32::GREEN, |(_, color)| *color);
            shapes.push(Shape::rect_filled(rect, 0.0, color.gamma_multiply(0.22)));
            let y = rect.bottom() - 1.0;
            shapes.push(Shape::line_segment(
                [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                Stroke::new(1.5, color),
            ));
        });
        let ranges: Vec<Range<usize>> = deletes.iter().map(|(range, _)| range.clone()).collect();
        self.for_each_piece(&ranges, |index, rect| {
            let color = deletes.get(index).map_or(Color32::RED, |(_, color)| *color);
            shapes.push(Shape::rect_filled(rect, 0.0, color.gamma_multiply(0.12)));
            let y = rect.center().y;
            shapes.push(Shape::line_segment(
                [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                Stroke::new(1.5, color),
            ));
        });
        painter.extend(shapes);
    }

    /// Paints a wavy underline under each mark that is on screen.
    pub fn paint_marks(&self, ui: &Ui, marks: &[PlacedMark]) {
        let ranges: Vec<Range<usize>> = marks.iter().map(|placed| placed.chars.clone()).collect();
        let dark = ui.visuals().dark_mode;
        let painter = ui.painter().with_clip_rect(self.clip);
        let mut shapes = Vec::new();
        self.for_each_piece(&ranges, |index, rect| {
            let Some(placed) = marks.get(index) else {
                return;
            };
            let stroke = Stroke::new(1.2, mark_color(placed.kind(), dark));
            shapes.push(Shape::line(wave(rect.left(), rect.right(), rect.bottom() - 1.5), stroke));
        });
        painter.extend(shapes);
    }

    /// Paints translucent boxes over `ranges` (find matches); `current`
    /// (an index into `ranges`) gets a stronger box.
    pub fn paint_highlights(&self, ui: &Ui, ranges: &[Range<usize>], current: Option<usize>) {
        let painter = ui.painter().with_clip_rect(self.clip);
        let selection = ui.visuals().selection.bg_fill;
        let mut shapes = Vec::new();
        self.for_each_piece(ranges, |index, rect| {
            let alpha = if Some(index) == current { 150 } else { 70 };
            let fill = Color32::from_rgba_unmultiplied(selection.r(), selection.g(), selection.b(), alpha);
            shapes.push(Shape::rect_filled(rect, 2.0, fill));
            if Some(index) == current {
                shapes.push(Shape::rect_stroke(
                    rect,
                    2.0,
                    Stroke::new(1.5, ui.visuals().strong_text_color()),
                    egui::StrokeKind::Outside,
                ));
            }
        });
        painter.extend(shapes);
    }

    /// The mark under `pointer`, if any.
    pub fn mark_at<'m>(&self, pointer: Pos2, marks: &'m [PlacedMark]) -> Option<&'m PlacedMark> {
        let ranges: Vec<Range<usize>> = marks.iter().map(|placed| placed.chars.clone()).collect();
        self.range_at(pointer, &ranges).and_then(|index| marks.get(index))
    }

    /// Which of `ranges` (sorted `char` ranges that do not overlap) is
    /// under `pointer` on screen, if any.
    pub fn range_at(&self, pointer: Pos2, ranges: &[Range<usize>]) -> Option<usize> {
        let mut found = None;
        self.for_each_piece(ranges, |index, rect| {
            if found.is_none() && rect.expand2(egui::vec2(1.0, 2.0)).contains(pointer) {
                found = Some(index);
            }
        });
        found
    }

    /// Shows the tooltip of the mark under the pointer on `response` (the
    /// field's), and on a right-click says which mark it hit: `Some(None)`
    /// when the click was on no mark. The caller keeps the hit mark to show
    /// its menu ([`mark_menu`]) while the menu is open.
    pub fn interact_with_marks<'m>(
        &self,
        ui: &Ui,
        response: &egui::Response,
        marks: &'m [PlacedMark],
    ) -> Option<Option<&'m PlacedMark>> {
        if let Some(pointer) = response.hover_pos()
            && let Some(placed) = self.mark_at(pointer, marks)
        {
            egui::Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                response.id.with("mark"),
                egui::PopupAnchor::Pointer,
            )
            .gap(12.0)
            .show(|ui| mark_tooltip(ui, placed));
        }
        response
            .secondary_clicked()
            .then(|| response.interact_pointer_pos().and_then(|pointer| self.mark_at(pointer, marks)))
    }

    /// The on-screen rectangle of the start of `chars`, to scroll to.
    pub fn rect_of(&self, chars: &Range<usize>) -> Rect {
        let start = self.galley.pos_from_cursor(CCursor::new(chars.start.saturating_sub(self.first_char)));
        let end = self.galley.pos_from_cursor(CCursor::new(chars.end.saturating_sub(self.first_char)));
        start.union(end).translate(self.galley_pos.to_vec2())
    }
}

/// Rows a painted text must have before [`paint_only_visible_rows`] trims
/// it (a short text costs nothing to walk).
const TRIM_ROWS: usize = 64;

/// Keeps only the rows on screen in each long text painted on `layer` since
/// `from`. egui's `TextEdit` paints its whole galley, and each frame the
/// tessellator and the paint statistics then walk every row of it — 2,400
/// rows for a 20,000-word body, most of a bare `TextEdit`'s frame — though
/// only the thirty in the scroll area's view can be seen.
pub fn paint_only_visible_rows(ctx: &egui::Context, layer: egui::LayerId, from: egui::layers::ShapeIdx) {
    ctx.graphics_mut(|layers| {
        let list = layers.entry(layer);
        for index in from.0..list.next_idx().0 {
            list.mutate_shape(egui::layers::ShapeIdx(index), |clipped| {
                let clip = clipped.clip_rect;
                if let Shape::Text(text) = &mut clipped.shape
                    && text.galley.rows.len() > TRIM_ROWS
                    && text.angle == 0.0
                {
                    let offset = text.pos.to_vec2();
                    let mut galley = egui::Galley::clone(&text.galley);
                    galley.rows.retain(|row| row.rect().translate(offset).intersects(clip));
                    galley.num_vertices = galley.rows.iter().map(|row| row.visuals.mesh.vertices.len()).sum();
                    galley.num_indices = galley.rows.iter().map(|row| row.visuals.mesh.indices.len()).sum();
                    text.galley = std::sync::Arc::new(galley);
                }
            });
        }
    });
}

/// The points of a wavy line from `left` to `right` around height `y`.
fn wave(left: f32, right: f32, y: f32) -> Vec<Pos2> {
    const HALF_WAVE: f32 = 2.0;
    const AMPLITUDE: f32 = 1.2;
    let steps = ((right - left) / HALF_WAVE).ceil().max(1.0) as usize;
    (0..=steps)
        .map(|step| {
            let x = (left + step as f32 * HALF_WAVE).min(right);
            let up = step % 2 == 0;
            egui::pos2(x, if up { y - AMPLITUDE } else { y + AMPLITUDE })
        })
        .collect()
}

/// The tooltip of a mark: its kind, the message and how to fix it.
pub fn mark_tooltip(ui: &mut Ui, placed: &PlacedMark) {
    let color = mark_color(placed.kind(), ui.visuals().dark_mode);
    ui.label(egui::RichText::new(placed.kind().label()).small().strong().color(color));
    ui.label(&*placed.mark.message);
    if placed.mark.may_have_fixes() {
        ui.label(egui::RichText::new("Right-click for suggestions").small().weak());
    }
}

/// The right-click menu of the mark `placed` on the field's `response`:
/// its message, then [`mark_actions`].
pub fn mark_menu(response: &egui::Response, placed: &PlacedMark, target: MarkTarget<'_>, commands: &mut Vec<Command>) {
    response.context_menu(|ui| {
        ui.label(egui::RichText::new(&*placed.mark.message).small());
        ui.separator();
        if mark_actions(ui, target, placed, commands) {
            ui.close();
        }
    });
}

/// The field a mark is in, which says what text the mark is placed in and
/// how a fixed text is written back.
#[derive(Clone, Copy)]
pub enum MarkTarget<'a> {
    /// A text field of a story (its text as shown).
    Story(&'a Story, TextField),
    /// The caption or alt text of a photo.
    Photo(&'a Photo, PhotoField),
}

impl MarkTarget<'_> {
    /// The command that writes `fixed` (the field's text with a mark's fix
    /// applied) into the field.
    fn fix_command(&self, placed: &PlacedMark, fixed: String) -> Option<Command> {
        let kind = placed.kind().label().to_lowercase();
        match *self {
            // In a field with suggestions the fix is typed like any edit
            // (a suggestion itself in suggestion mode).
            MarkTarget::Story(story, field) if crate::model::tracked::has_marks(story.text(field)) => {
                Some(Command::TypeTracked { story: story.slug.clone(), field, shown: fixed })
            }
            MarkTarget::Story(story, field) => Some(Command::EditStep {
                edit: Edit::SetText { story: story.slug.clone(), field, text: fixed },
                label: format!("{kind} fix in {}", field.label()),
            }),
            // The caption may hold suggestions: typed like any edit.
            MarkTarget::Photo(photo, PhotoField::Caption) => {
                Some(Command::TypeCaption { photo: photo.id.clone(), shown: fixed })
            }
            MarkTarget::Photo(photo, PhotoField::AltText) => Some(Command::EditStep {
                edit: Edit::SetPhoto(Box::new(Photo { alt_text: fixed, ..photo.clone() })),
                label: format!("{kind} fix in a photo's {}", photo_field_label(PhotoField::AltText).to_lowercase()),
            }),
            MarkTarget::Photo(..) => None,
        }
    }
}

/// The label of a proofread photo field, as the caption manager shows it
/// (another field's name in messages).
pub fn photo_field_label(field: PhotoField) -> &'static str {
    match field {
        PhotoField::Caption => "Caption",
        PhotoField::AltText => "Alt text",
        other => other.name(),
    }
}

/// The text of a proofread photo field (the caption or alt text) as the
/// caption manager shows it: the caption's suggestion marks taken out.
pub fn photo_text(photo: &Photo, field: PhotoField) -> Option<Shown<'_>> {
    match field {
        PhotoField::Caption => Some(shown(&photo.caption)),
        PhotoField::AltText => Some(Shown::Plain(&photo.alt_text)),
        _ => None,
    }
}

/// The actions on a mark, as menu entries or buttons: each suggestion (an
/// undoable edit of the field), Ignore (for this session) and, for
/// spelling, Add to the project dictionary and, for a word that looks like
/// a name (capitalised or all caps), Add to the project's names. The mark
/// is placed in `target`'s current text. Returns whether an action was
/// chosen.
pub fn mark_actions(ui: &mut Ui, target: MarkTarget<'_>, placed: &PlacedMark, commands: &mut Vec<Command>) -> bool {
    let shown;
    let text: &str = match target {
        MarkTarget::Story(story, field) => {
            shown = shown_text(story, field);
            &shown
        }
        MarkTarget::Photo(photo, field) => {
            let Some(text) = photo_text(photo, field) else { return false };
            shown = text;
            &shown
        }
    };
    let Some(word) = text.get(placed.mark.range.clone()) else {
        return false;
    };
    let mut chosen = false;
    for fix in placed.mark.fixes().iter().take(6) {
        let Some(fixed) = placed.mark.apply(text, fix) else {
            continue;
        };
        if ui.button(&fix.label).on_hover_text(format!("Replace “{word}” with “{}”", fix.replacement)).clicked()
            && let Some(command) = target.fix_command(placed, fixed)
        {
            commands.push(command);
            chosen = true;
        }
    }
    if ui.button("Ignore").on_hover_text(format!("Stop marking “{word}” until Copydesk closes")).clicked() {
        commands.push(Command::IgnoreMarkedText(word.to_owned()));
        chosen = true;
    }
    if placed.kind() == MarkKind::Spelling
        && !word.contains(char::is_whitespace)
        && ui
            .button("Add to dictionary")
            .on_hover_text(format!("Accept “{word}” in every story of this project (saved in project.ron)"))
            .clicked()
    {
        commands.push(Command::AddToDictionary(word.to_owned()));
        chosen = true;
    }
    if placed.kind() == MarkKind::Spelling
        && !word.contains(char::is_whitespace)
        && looks_like_a_name(word)
        && ui
            .button("Add to names")
            .on_hover_text(format!(
                "Accept “{word}” as a name in every story of this project, for spelling and the name check \
                 (saved in project.ron)"
            ))
            .clicked()
    {
        commands.push(Command::AddToNames(word.to_owned()));
        chosen = true;
    }
    chosen
}

/// `text` on one line (breaks as spaces), cut to `max` characters with "…".
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.replace('\n', " ");
    if text.chars().count() > max { format!("{}…", text.chars().take(max).collect::<String>()) } else { text }
}

/// Whether `word` looks like a proper noun: it starts with a capital letter
/// (Qayara) or is all capitals (IRGC, 3M).
fn looks_like_a_name(word: &str) -> bool {
    let starts_capital = word.chars().next().is_some_and(char::is_uppercase);
    let all_caps = word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
    starts_capital || all_caps
}

#[cfg(test)]
mod tests {
    use super::{DrawnText, looks_like_a_name};

    /// The row pieces `range` gets in a galley of `text`.
    fn pieces(text: &str, range: std::ops::Range<usize>) -> Vec<(usize, egui::Rect)> {
        let ctx = egui::Context::default();
        let mut found = Vec::new();
        let mut output = ctx.run_pass(egui::RawInput::default(), |ctx| {
            let galley = ctx.fonts_mut(|fonts| {
                fonts.layout_no_wrap(text.to_owned(), egui::FontId::proportional(14.0), egui::Color32::WHITE)
            });
            let drawn = DrawnText {
                galley: &galley,
                galley_pos: egui::Pos2::ZERO,
                clip: egui::Rect::EVERYTHING,
                first_char: 0,
            };
            drawn.for_each_piece(std::slice::from_ref(&range), |index, rect| found.push((index, rect)));
        });
        // No painter takes the font atlas here.
        output.textures_delta.clear();
        found
    }

    #[test]
    fn a_range_of_line_breaks_alone_gets_a_piece_on_each_row_it_ends() {
        // "A", a blank row, "B": chars 1 and 2 are the paragraph break.
        let split = pieces("A\n\nB", 1..3);
        assert_eq!(split.len(), 2, "{split:?}");
        assert!(split.iter().all(|(index, rect)| *index == 0 && rect.width() > 0.0));
        assert!(split[0].1.top() < split[1].1.top(), "one on the first row, one on the blank row");
        // A word's range does not reach the break after it.
        assert_eq!(pieces("A\n\nB", 0..1).len(), 1);
        // A range over a word and its break: the word, then the break.
        assert_eq!(pieces("AB\nC", 1..3).len(), 2);
    }

    #[test]
    fn capitalised_and_all_caps_words_look_like_names() {
        for word in ["Qayara", "IRGC", "3M", "Élysée", "McCain"] {
            assert!(looks_like_a_name(word), "{word}");
        }
        for word in ["goverment", "iPhone", "3d", ""] {
            assert!(!looks_like_a_name(word), "{word}");
        }
    }
}
