//! The Photos tool, the caption manager: a grid of the story's photos with
//! caption excerpts and badges (lead, no caption, no credit, no alt text,
//! open spelling and grammar marks), reordered by dragging; and a detail
//! pane with a large preview and every field of the selected photo.
//! Clicking the preview sets the focal point. The caption and alt text are
//! proofread like the body: marks are drawn under their words, with a
//! tooltip and a right-click menu of fixes.
//!
//! Thumbnails arrive as textures the app prepares ([`PhotoTiles`]), marks as
//! the app knows them; every change is an edit command, so it can be undone.

mod preview;

use std::collections::HashMap;

pub use preview::{CropShape, PreviewState, PreviewTool};

use super::text_marks::{self, DrawnText, MarkTarget, PhotoMarks};
use super::{Command, UiCommand};
use crate::checks::PhotoField;
use crate::edit::{Edit, change_photo_use, move_photo, set_lead_photo};
use crate::model::{Photo, PhotoId, PhotoUse, Project, Story};
use crate::photos::codes::CodeTable;
use crate::proofing::PlacedMark;

/// What a tile shows.
#[derive(Clone)]
pub enum TileImage {
    /// Still being made.
    Loading,
    /// The camera's embedded preview, until the real thumbnail arrives.
    Preliminary(egui::TextureHandle),
    /// The thumbnail.
    Ready(egui::TextureHandle),
    /// The photo's file is not in the project's `photos/` folder.
    Missing,
    /// The file could not be read as a picture: why.
    Failed(String),
}

/// A photo's image for the grid or the preview.
#[derive(Clone)]
pub struct PhotoTile {
    /// What to draw.
    pub image: TileImage,
}

/// The images the panel draws, prepared by the app for this frame.
#[derive(Default)]
pub struct PhotoTiles {
    /// Grid thumbnails by photo.
    pub grid: HashMap<PhotoId, PhotoTile>,
    /// The selected photo's large preview.
    pub preview: Option<PhotoTile>,
    /// The selected photo at full resolution, once the preview is zoomed in.
    pub full: Option<PhotoTile>,
    /// Thumbnails made of those asked for, while some are being made.
    pub progress: Option<(usize, usize)>,
    /// Pictures copied in and read of those being attached.
    pub importing: Option<(usize, usize)>,
}

/// What the app prepared for the panel this frame.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    /// The thumbnails and previews.
    pub tiles: &'a PhotoTiles,
    /// The marks of the caption and alt text of the story's photos.
    pub marks: &'a HashMap<PhotoId, PhotoMarks<'a>>,
    /// Suggestion mode is on: what is typed in a caption is marked.
    pub suggesting: bool,
}

/// Which photo is selected, lists being typed, and the preview's zoom and tool.
#[derive(Debug, Default)]
pub struct PhotosState {
    /// The photo the detail pane shows.
    pub selected: Option<PhotoId>,
    /// Photos picked with Ctrl+click, for applying a caption template to
    /// several at once.
    pub marked: std::collections::BTreeSet<PhotoId>,
    /// A comma-separated list (keywords, people shown) as typed, parsed
    /// when the field loses focus (so a half-typed "Iraq, " is not
    /// normalised away): which photo, which field, the text.
    list_typed: Option<(PhotoId, &'static str, String)>,
    /// Zoom and the pointing tool of the detail pane's preview.
    pub preview: PreviewState,
    /// The mark a right-click menu is open on: which photo, which field.
    menu_mark: Option<(PhotoId, PhotoField, PlacedMark)>,
    /// The grid's tiles that were on screen last frame: the only ones the
    /// app asks thumbnails for, so a story of hundreds of pictures decodes
    /// what is seen.
    pub on_screen: Vec<PhotoId>,
}

impl PhotosState {
    /// The photos a caption template applies to: the marked ones, else the
    /// current one.
    pub fn template_targets(&self, story: &Story) -> Vec<PhotoId> {
        let marked: Vec<PhotoId> = story
            .photos
            .iter()
            .filter(|used| self.marked.contains(&used.photo))
            .map(|used| used.photo.clone())
            .collect();
        if marked.is_empty() {
            self.current(story).map(|used| vec![used.photo.clone()]).unwrap_or_default()
        } else {
            marked
        }
    }

    /// The selected photo if `story` uses it, else its first photo.
    pub fn current<'a>(&self, story: &'a Story) -> Option<&'a PhotoUse> {
        let chosen = self.selected.as_ref().and_then(|id| story.photos.iter().find(|used| &used.photo == id));
        chosen.or_else(|| story.photos.first())
    }
}

/// Picks one text field of a photo, for the detail pane's field list.
type FieldOf = fn(&mut Photo) -> &mut String;
/// Picks one list field of a photo (keywords, people shown).
type ListOf = fn(&mut Photo) -> &mut Vec<String>;

/// The long side of a grid tile, in points.
const TILE: f32 = 150.0;

/// Draws the Photos tool.
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    codes: &CodeTable,
    story: &Story,
    shown: Shown<'_>,
    state: &mut PhotosState,
    commands: &mut Vec<Command>,
) {
    let tiles = shown.tiles;
    ui.horizontal(|ui| {
        ui.heading("Photos");
        if ui.button(UiCommand::AttachPhotos.label()).on_hover_text(UiCommand::AttachPhotos.tooltip()).clicked() {
            commands.push(Command::Ui(UiCommand::AttachPhotos));
        }
        let targets = state.template_targets(story);
        let template = ui
            .add_enabled(!targets.is_empty(), egui::Button::new("Caption template…"))
            .on_hover_text("Fill {byline}, {date}, {city} and {credit} into the captions of the marked photos (Ctrl+click marks several) or the selected one");
        if template.clicked() {
            commands.push(Command::CaptionTemplate(targets));
        }
        if let Some((done, total)) = tiles.importing {
            let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
            ui.add(egui::ProgressBar::new(fraction).desired_width(200.0).text(format!("Attaching {done} / {total}")));
        }
        if let Some((done, total)) = tiles.progress {
            let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
            ui.add(egui::ProgressBar::new(fraction).desired_width(200.0).text(format!("Thumbnails {done} / {total}")));
        }
    });
    if shown.suggesting {
        let text =
            "✎ Suggesting: what you type and delete in a caption is marked with your name (Ctrl+Shift+E to stop)";
        let color = ui.visuals().warn_fg_color;
        egui::Frame::new().fill(color.gamma_multiply(0.15)).inner_margin(4.0).corner_radius(3.0).show(ui, |ui| {
            ui.label(egui::RichText::new(text).small().color(color));
        });
    }
    if story.photos.is_empty() {
        ui.add_space(8.0);
        ui.label("No photos yet. Attach photos… or drop JPEG, PNG, WebP or TIFF files on the window: their agency captions and credits (IPTC/XMP) fill in by themselves.");
        return;
    }
    let current = state.current(story).map(|used| used.photo.clone());
    egui::Panel::right("photo_detail").resizable(true).default_size(420.0).min_size(300.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let used = current.as_ref().and_then(|id| story.photos.iter().find(|used| &used.photo == id));
            match used.and_then(|used| project.photo(&used.photo).map(|photo| (used, photo))) {
                Some(selected) => {
                    let images = preview::PreviewImages { fitted: tiles.preview.as_ref(), full: tiles.full.as_ref() };
                    let marks = shown.marks.get(&selected.1.id).copied().unwrap_or_default();
                    let context = DetailContext { project, codes, story, images, marks, suggesting: shown.suggesting };
                    detail(ui, &context, selected, state, commands);
                }
                None => {
                    ui.label("Select a photo.");
                }
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("photo_grid").show(ui, |ui| {
            grid(ui, project, story, shown, state, current.as_ref(), commands);
        });
    });
}

/// The tiles, in the story's order; drag one onto another to move it there.
fn grid(
    ui: &mut egui::Ui,
    project: &Project,
    story: &Story,
    shown: Shown<'_>,
    state: &mut PhotosState,
    current: Option<&PhotoId>,
    commands: &mut Vec<Command>,
) {
    let mut on_screen = Vec::new();
    // Rows of as many tiles as the width holds: a tile is a frame around
    // other widgets, whose size a wrapping layout learns only after
    // placing it, so it would not wrap.
    let spacing = ui.spacing().item_spacing.x;
    let frames = [false, true].map(|selected| tile_frame(ui.style(), selected).total_margin().sum().x);
    let outer = TILE + frames[0].max(frames[1]);
    let fit = ((ui.available_width() + spacing) / (outer + spacing)).floor();
    let columns = if fit >= 2.0 { fit as usize } else { 1 };
    let moved = moved_by_keys(ui, story, current, columns);
    if let Some(to) = moved.and_then(|to| story.photos.get(to)) {
        state.selected = Some(to.photo.clone());
        ui.ctx().request_repaint();
    }
    for (row, uses) in story.photos.chunks(columns).enumerate() {
        ui.horizontal(|ui| {
            for (column, used) in uses.iter().enumerate() {
                let index = row * columns + column;
                let id = ui.scope_id().with(("photo_tile", used.photo.as_str()));
                let selected = current == Some(&used.photo);
                let photo = project.photo(&used.photo);
                let marked = state.marked.contains(&used.photo);
                let marks = shown.marks.get(&used.photo).map_or(0, PhotoMarks::len);
                let drag = ui.dnd_drag_source(id, index, |ui| {
                    tile(ui, index, used, photo, shown.tiles.grid.get(&used.photo), (selected, marked, marks));
                });
                if moved == Some(index) {
                    drag.response.scroll_to_me(None);
                }
                if ui.is_rect_visible(drag.response.rect) {
                    on_screen.push(used.photo.clone());
                }
                // A drag source senses drags only: a click on the tile (above
                // its picture and labels) selects or marks it.
                let response = drag.response.interact(egui::Sense::click());
                if response.clicked() {
                    if ui.input(|input| input.modifiers.command) {
                        if !state.marked.remove(&used.photo) {
                            state.marked.insert(used.photo.clone());
                        }
                    } else {
                        state.selected = Some(used.photo.clone());
                    }
                }
                if let Some(from) = response.dnd_release_payload::<usize>()
                    && let Some(edit) = move_photo(project, &story.slug, *from, index)
                {
                    commands.push(Command::EditStep { edit, label: "moving a photo".to_owned() });
                }
            }
        });
    }
    // Scrolled: the app asks for the tiles now on screen next frame.
    if on_screen != state.on_screen {
        state.on_screen = on_screen;
        ui.ctx().request_repaint();
    }
}

/// Where the arrow keys, Home and End move the selection among the tiles
/// (a row of `columns` at a time for Up and Down), as in a contact sheet:
/// only while no field has the keyboard, whose keys they are then.
fn moved_by_keys(ui: &egui::Ui, story: &Story, current: Option<&PhotoId>, columns: usize) -> Option<usize> {
    if ui.ctx().memory(|memory| memory.focused().is_some()) {
        return None;
    }
    let last = story.photos.len().checked_sub(1)?;
    let at = current.and_then(|id| story.photos.iter().position(|used| &used.photo == id)).unwrap_or(0);
    let key = |key: egui::Key| ui.ctx().input_mut(|input| input.consume_key(egui::Modifiers::NONE, key));
    if key(egui::Key::ArrowRight) {
        Some((at + 1).min(last))
    } else if key(egui::Key::ArrowLeft) {
        Some(at.saturating_sub(1))
    } else if key(egui::Key::ArrowDown) {
        // To the tile below, or the last when the row below is shorter.
        let below_row = at / columns < last / columns;
        Some(if below_row { (at + columns).min(last) } else { at })
    } else if key(egui::Key::ArrowUp) {
        Some(at.checked_sub(columns).unwrap_or(at))
    } else if key(egui::Key::Home) {
        Some(0)
    } else if key(egui::Key::End) {
        Some(last)
    } else {
        None
    }
}

/// The frame around a tile, selected or not.
fn tile_frame(style: &egui::Style, selected: bool) -> egui::Frame {
    let visuals = &style.visuals;
    let stroke = if selected { visuals.selection.stroke } else { visuals.widgets.noninteractive.bg_stroke };
    egui::Frame::group(style).stroke(stroke)
}

/// One tile: picture, position, badges and the start of the caption.
/// `marks` counts the open marks in its caption and alt text.
fn tile(
    ui: &mut egui::Ui,
    index: usize,
    used: &PhotoUse,
    photo: Option<&Photo>,
    image: Option<&PhotoTile>,
    (selected, marked, marks): (bool, bool, usize),
) {
    tile_frame(ui.style(), selected).show(ui, |ui| {
        ui.set_width(TILE);
        ui.vertical(|ui| {
            picture(ui, image, egui::vec2(TILE, TILE * 0.75));
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("{}", index + 1)).strong());
                if marked {
                    badge(ui, "MARKED", ui.visuals().strong_text_color());
                }
                if used.lead {
                    badge(ui, "LEAD", ui.visuals().selection.bg_fill);
                }
                let warn = ui.visuals().warn_fg_color;
                match photo {
                    Some(photo) => {
                        for (missing, label) in [
                            (photo.caption_as_it_stands().trim().is_empty(), "no caption"),
                            (photo.credit.trim().is_empty(), "no credit"),
                            (photo.alt_text.trim().is_empty(), "no alt text"),
                        ] {
                            if missing {
                                badge(ui, label, warn);
                            }
                        }
                        if photo.has_pending_suggestions() {
                            badge(ui, "suggested", ui.visuals().hyperlink_color);
                        }
                        match marks {
                            0 => {}
                            1 => badge(ui, "1 mark", warn),
                            _ => badge(ui, &format!("{marks} marks"), warn),
                        }
                    }
                    None => badge(ui, "not in the library", ui.visuals().error_fg_color),
                }
            });
            let caption = photo.map(Photo::caption_as_it_stands).unwrap_or_default();
            ui.add(egui::Label::new(egui::RichText::new(caption.as_ref()).small()).truncate());
        });
    });
}

fn badge(ui: &mut egui::Ui, text: &str, color: egui::Color32) {
    ui.label(egui::RichText::new(text).small().strong().color(color));
}

/// A picture scaled to fit `size`, or a tile saying why there is none.
fn picture(ui: &mut egui::Ui, image: Option<&PhotoTile>, size: egui::Vec2) -> Option<egui::Response> {
    let texture = match image.map(|tile| &tile.image) {
        Some(TileImage::Ready(texture) | TileImage::Preliminary(texture)) => texture,
        Some(TileImage::Missing) => {
            message_tile(ui, size, "Missing: the file is not in photos/", ui.visuals().error_fg_color);
            return None;
        }
        Some(TileImage::Failed(message)) => {
            message_tile(ui, size, message, ui.visuals().error_fg_color);
            return None;
        }
        Some(TileImage::Loading) | None => {
            message_tile(ui, size, "Loading…", ui.visuals().weak_text_color());
            return None;
        }
    };
    let image = egui::Image::new(texture).fit_to_exact_size(size).maintain_aspect_ratio(true);
    Some(ui.add(image.sense(egui::Sense::click())))
}

pub(crate) fn message_tile(ui: &mut egui::Ui, size: egui::Vec2, text: &str, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
    let galley = ui.painter().layout(text.to_owned(), egui::FontId::proportional(12.0), color, size.x - 12.0);
    let position = rect.center() - galley.size() / 2.0;
    ui.painter().galley(position, galley, color);
}

/// What the detail pane reads besides the photo.
#[derive(Clone, Copy)]
struct DetailContext<'a> {
    project: &'a Project,
    codes: &'a CodeTable,
    story: &'a Story,
    images: preview::PreviewImages<'a>,
    /// The marks of the photo's caption and alt text.
    marks: PhotoMarks<'a>,
    /// Suggestion mode is on.
    suggesting: bool,
}

/// The selected photo: preview (zoom, focal point, crop), lead, and every
/// field. Typing `=code=` in a text field expands the project's code
/// replacements.
fn detail(
    ui: &mut egui::Ui,
    context: &DetailContext<'_>,
    (used, photo): (&PhotoUse, &Photo),
    state: &mut PhotosState,
    commands: &mut Vec<Command>,
) {
    let DetailContext { project, codes, story, images, marks, suggesting } = *context;
    if let Some(change) = preview::show(ui, images, (used, photo), &mut state.preview)
        && let Some(edit) = change_photo_use(project, &story.slug, &used.photo, |used| change.apply(used))
    {
        commands.push(Command::EditStep { edit, label: change.label().to_owned() });
    }
    if matches!(images.fitted.map(|tile| &tile.image), Some(TileImage::Missing)) {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(ui.visuals().error_fg_color, format!("photos/{} is missing.", photo.file));
            if ui.button("Relink…").on_hover_text("Choose the picture to use in its place; the caption stays").clicked()
            {
                commands.push(Command::RelinkPhoto(photo.id.clone()));
            }
        });
    }
    ui.label(
        egui::RichText::new(format!(
            "{} × {} px · {} · from {}",
            photo.width, photo.height, photo.file, photo.original_name
        ))
        .small()
        .weak(),
    );
    ui.horizontal(|ui| {
        let mut lead = used.lead;
        if ui.checkbox(&mut lead, "Lead photo").changed()
            && let Some(edit) = set_lead_photo(project, &story.slug, lead.then_some(&used.photo))
        {
            commands.push(Command::EditStep { edit, label: "lead photo".to_owned() });
        }
        let write = ui.button("Write caption into the file").on_hover_text(
            "Put the caption, credit, photographer, copyright and alt text into the project's copy of the picture \
             (IPTC and XMP), so it carries them downstream. JPEG only; your original is not touched.",
        );
        if write.clicked() {
            commands.push(Command::WritePhotoMetadata(photo.id.clone()));
        }
    });
    ui.add_space(4.0);
    let fields: [(&str, FieldOf, usize); 13] = [
        ("Caption", |p| &mut p.caption, 4),
        ("Headline", |p| &mut p.headline, 1),
        ("Credit", |p| &mut p.credit, 1),
        ("Photographer", |p| &mut p.creator, 1),
        ("Source", |p| &mut p.source, 1),
        ("Copyright", |p| &mut p.copyright, 1),
        ("Usage terms", |p| &mut p.usage_terms, 2),
        ("Usage expires (YYYY-MM-DD)", |p| &mut p.usage_expires, 1),
        ("Alt text", |p| &mut p.alt_text, 2),
        ("Date created", |p| &mut p.date_created, 1),
        ("City", |p| &mut p.city, 1),
        ("Country", |p| &mut p.country, 1),
        ("Instructions", |p| &mut p.instructions, 2),
    ];
    // The caption is shown with its suggestions' marks taken out, and they
    // are painted over it, as in the article editor.
    let caption = crate::model::tracked::parse_shared(&photo.caption);
    for (label, field, rows) in fields {
        let is_caption = label == "Caption";
        let mut edited = photo.clone();
        let mut text = if is_caption { caption.shown.clone() } else { field(&mut edited).clone() };
        let name = ui.label(egui::RichText::new(label).small().weak());
        let edit = if rows > 1 {
            egui::TextEdit::multiline(&mut text).desired_rows(rows)
        } else {
            egui::TextEdit::singleline(&mut text)
        };
        let output = edit.id_salt(("photo_field", photo.id.as_str(), label)).desired_width(f32::INFINITY).show(ui);
        let response = output.response.response.clone().labelled_by(name.id);
        if is_caption && !caption.marks.is_empty() {
            let clip = output.text_clip_rect.intersect(ui.clip_rect());
            let drawn = DrawnText { galley: &output.galley, galley_pos: output.galley_pos, clip, first_char: 0 };
            super::tracking_panel::paint(ui, &drawn, (&photo.suggestions, &[]), &caption, 0..caption.shown.len());
        }
        let proofread = [PhotoField::Caption, PhotoField::AltText]
            .into_iter()
            .find(|field| text_marks::photo_field_label(*field) == label);
        if let Some(proofread) = proofread {
            let field_marks = FieldMarks { photo, field: proofread, marks: marks.field(proofread) };
            show_marks(ui, (&output, &response), &field_marks, &mut state.menu_mark, commands);
        }
        if response.changed() {
            if let Some(expanded) = codes.expand(&text) {
                text = expanded;
            }
            if is_caption {
                if suggesting
                    && ui.input(|input| input.key_pressed(egui::Key::Delete))
                    && let Some(caret) = text_marks::caret_past_suggested_delete(&caption, &text, output.cursor_range)
                {
                    let mut edit = output.state.clone();
                    edit.cursor.set_char_range(Some(egui::text::CCursorRange::one(egui::text::CCursor::new(caret))));
                    edit.store(ui.ctx(), output.response.response.id);
                }
                // Through the caption's suggestions: marked in suggestion mode.
                commands.push(Command::TypeCaption { photo: photo.id.clone(), shown: text });
            } else {
                *field(&mut edited) = text;
                commands.push(Command::Edit {
                    edit: Edit::SetPhoto(Box::new(edited)),
                    label: format!("{} of a photo", label.to_lowercase()),
                });
            }
        }
        if is_caption {
            super::tracking_panel::caption_changes(ui, photo, &caption, commands);
        }
    }
    let lists: [(&str, ListOf); 2] = [("Keywords", |p| &mut p.keywords), ("People shown", |p| &mut p.persons_shown)];
    for (label, field) in lists {
        list_field(ui, (label, field), photo, &mut state.list_typed, commands);
    }
    if !photo.other_values.is_empty() {
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Also in the file (not used)").small().strong());
        for other in &photo.other_values {
            ui.label(
                egui::RichText::new(format!("{} ({}): {}", other.field, other.source, other.value)).small().weak(),
            );
        }
    }
}

/// A proofread field of a photo and its marks.
struct FieldMarks<'a> {
    photo: &'a Photo,
    field: PhotoField,
    marks: &'a [PlacedMark],
}

/// Paints a proofread field's marks under its words (as the body's are),
/// with a tooltip on the mark under the pointer and, on a right-click on
/// one, a menu of its fixes — each an undoable edit of the photo —, Ignore,
/// Add to dictionary and Add to names.
fn show_marks(
    ui: &mut egui::Ui,
    (output, response): (&egui::widgets::text_edit::TextEditOutput, &egui::Response),
    shown: &FieldMarks<'_>,
    menu_mark: &mut Option<(PhotoId, PhotoField, PlacedMark)>,
    commands: &mut Vec<Command>,
) {
    let FieldMarks { photo, field, marks } = *shown;
    // The detail pane scrolls: only paint what is seen.
    let clip = output.text_clip_rect.intersect(ui.clip_rect());
    let drawn = DrawnText { galley: &output.galley, galley_pos: output.galley_pos, clip, first_char: 0 };
    drawn.paint_marks(ui, marks);
    if let Some(hit) = drawn.interact_with_marks(ui, response, marks) {
        *menu_mark = hit.map(|placed| (photo.id.clone(), field, placed.clone()));
    }
    if let Some((menu_photo, menu_field, placed)) = menu_mark.as_ref()
        && *menu_photo == photo.id
        && *menu_field == field
    {
        text_marks::mark_menu(response, placed, MarkTarget::Photo(photo, field), commands);
    }
}

/// A comma-separated list field, saved as one undo step when it loses focus.
fn list_field(
    ui: &mut egui::Ui,
    (label, field): (&'static str, ListOf),
    photo: &Photo,
    typed: &mut Option<(PhotoId, &'static str, String)>,
    commands: &mut Vec<Command>,
) {
    let mut edited = photo.clone();
    let name = ui.label(egui::RichText::new(format!("{label} (comma-separated)")).small().weak());
    let mut text = match typed {
        Some((id, field_label, text)) if *id == photo.id && *field_label == label => text.clone(),
        _ => field(&mut edited).join(", "),
    };
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id_salt(("photo_list", photo.id.as_str(), label))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(name.id);
    if response.has_focus() {
        *typed = Some((photo.id.clone(), label, text.clone()));
    }
    if response.lost_focus() || (response.changed() && !response.has_focus()) {
        *typed = None;
        let list: Vec<String> = text.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect();
        if &list != field(&mut edited) {
            *field(&mut edited) = list;
            commands.push(Command::EditStep {
                edit: Edit::SetPhoto(Box::new(edited)),
                label: format!("{} of a photo", label.to_lowercase()),
            });
        }
    }
}
