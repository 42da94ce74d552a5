//! The detail pane's large preview: zoom (buttons, Ctrl+scroll, 100 % for
//! checking focus), and the two things set by pointing at the picture: the
//! focal point (click) and the crop (drag, free or at a fixed shape).
//!
//! The preview only reports what the editor did ([`PreviewChange`]); the
//! panel turns it into an undoable edit.

use super::{PhotoTile, TileImage, message_tile};
use crate::model::{Crop, Photo, PhotoUse};

/// What pointing at the preview does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreviewTool {
    /// A click sets the focal point.
    #[default]
    FocalPoint,
    /// A drag draws the crop.
    Crop,
}

/// The shape a dragged crop keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CropShape {
    /// Any shape.
    #[default]
    Free,
    /// The picture's own shape.
    Original,
    /// Width : height.
    Ratio(u8, u8),
}

impl CropShape {
    const CHOICES: [CropShape; 7] = [
        CropShape::Free,
        CropShape::Original,
        CropShape::Ratio(1, 1),
        CropShape::Ratio(4, 3),
        CropShape::Ratio(3, 2),
        CropShape::Ratio(16, 9),
        CropShape::Ratio(4, 5),
    ];

    fn label(self) -> String {
        match self {
            CropShape::Free => "Free".to_owned(),
            CropShape::Original => "Original".to_owned(),
            CropShape::Ratio(w, h) => format!("{w}:{h}"),
        }
    }

    /// Width / height in pixels, for a picture of `photo`'s size.
    fn aspect(self, photo: &Photo) -> Option<f32> {
        match self {
            CropShape::Free => None,
            CropShape::Original => (photo.height > 0).then(|| photo.width as f32 / photo.height as f32),
            CropShape::Ratio(w, h) => (h > 0).then(|| f32::from(w) / f32::from(h)),
        }
    }
}

/// How the preview is shown: kept while the window is open, never saved.
#[derive(Debug, Clone)]
pub struct PreviewState {
    /// 1 shows the whole picture; 2 shows it twice as large, and so on.
    pub zoom: f32,
    /// What pointing does.
    pub tool: PreviewTool,
    /// The shape new crops keep.
    pub shape: CropShape,
    /// Where a crop drag started, in fractions of the picture.
    drag_from: Option<(f32, f32)>,
    /// The scroll position of a zoomed preview, to zoom about a point.
    offset: egui::Vec2,
}

impl Default for PreviewState {
    fn default() -> Self {
        PreviewState {
            zoom: 1.0,
            tool: PreviewTool::default(),
            shape: CropShape::default(),
            drag_from: None,
            offset: egui::Vec2::ZERO,
        }
    }
}

impl PreviewState {
    /// Zoom levels the − and + buttons step through.
    const STEPS: [f32; 8] = [1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, Self::MAX_STEP];
    /// The last zoom step; 100 % may go further for a very large picture.
    const MAX_STEP: f32 = 12.0;

    /// Whether the preview is zoomed in far enough to want the picture at
    /// full resolution rather than the fitted preview.
    pub fn wants_full_resolution(&self) -> bool {
        self.zoom > 1.01
    }

    fn step(&self, up: bool) -> f32 {
        let next = if up {
            Self::STEPS.iter().copied().find(|step| *step > self.zoom + 0.01)
        } else {
            Self::STEPS.iter().rev().copied().find(|step| *step < self.zoom - 0.01)
        };
        next.unwrap_or(self.zoom)
    }
}

/// What the editor set on the preview.
#[derive(Clone, Debug, PartialEq)]
pub enum PreviewChange {
    /// A new focal point.
    FocalPoint((f32, f32)),
    /// A new crop, or none.
    Crop(Option<Crop>),
}

impl PreviewChange {
    /// The use with this change made.
    pub fn apply(&self, used: &mut PhotoUse) {
        match self {
            PreviewChange::FocalPoint(point) => used.focal_point = Some(*point),
            PreviewChange::Crop(crop) => used.crop = *crop,
        }
    }

    /// The undo step's name.
    pub fn label(&self) -> &'static str {
        match self {
            PreviewChange::FocalPoint(_) => "focal point",
            PreviewChange::Crop(Some(_)) => "crop",
            PreviewChange::Crop(None) => "removing the crop",
        }
    }
}

/// The images the preview can show.
#[derive(Clone, Copy)]
pub struct PreviewImages<'a> {
    /// Sized to fit the pane.
    pub fitted: Option<&'a PhotoTile>,
    /// The picture at (up to) full resolution, asked for once zoomed in.
    pub full: Option<&'a PhotoTile>,
}

/// The zoom a full-resolution picture of `photo` needs to show one image
/// pixel per screen pixel, in a preview fitted at `fit_width` points.
fn actual_pixels_zoom(photo: &Photo, fit_width: f32, pixels_per_point: f32) -> f32 {
    if fit_width <= 0.0 || photo.width == 0 {
        return 1.0;
    }
    (photo.width as f32 / pixels_per_point / fit_width).max(1.0)
}

/// Draws the tool row and the preview; returns what the editor changed.
pub fn show(
    ui: &mut egui::Ui,
    images: PreviewImages<'_>,
    (used, photo): (&PhotoUse, &Photo),
    state: &mut PreviewState,
) -> Option<PreviewChange> {
    let mut change = None;
    let width = ui.available_width();
    let natural = if photo.width > 0 && photo.height > 0 {
        egui::vec2(width, width * photo.height as f32 / photo.width as f32)
    } else {
        egui::vec2(width, width * 0.66)
    };
    // Tall pictures fit a box 1.5 times as high as the pane is wide.
    let fit = natural * (width * 1.5 / natural.y).min(1.0);
    let actual = actual_pixels_zoom(photo, fit.x, ui.ctx().pixels_per_point());
    let max_zoom = actual.max(PreviewState::MAX_STEP);
    let mut zoom_to = None;

    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.tool, PreviewTool::FocalPoint, "Focal point")
            .on_hover_text("Click the picture to set the point crops keep in view");
        ui.selectable_value(&mut state.tool, PreviewTool::Crop, "Crop").on_hover_text("Drag on the picture to crop it");
        if state.tool == PreviewTool::Crop {
            egui::ComboBox::from_id_salt("crop_shape")
                .selected_text(state.shape.label())
                .width(80.0)
                .show_ui(ui, |ui| {
                    for shape in CropShape::CHOICES {
                        ui.selectable_value(&mut state.shape, shape, shape.label());
                    }
                })
                .response
                .on_hover_text("The shape a new crop keeps");
        }
        if ui.add_enabled(used.crop.is_some(), egui::Button::new("Remove crop")).clicked() {
            change = Some(PreviewChange::Crop(None));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(state.zoom > 1.0, egui::Button::new("−")).on_hover_text("Zoom out").clicked() {
            zoom_to = Some(state.step(false));
        }
        if ui
            .add_enabled(state.zoom < max_zoom, egui::Button::new("+"))
            .on_hover_text("Zoom in (or Ctrl+scroll)")
            .clicked()
        {
            zoom_to = Some(state.step(true).min(max_zoom));
        }
        if ui.button("Fit").on_hover_text("Show the whole picture").clicked() {
            zoom_to = Some(1.0);
        }
        if ui.button("100%").on_hover_text("One pixel of the picture per pixel of the screen, to check focus").clicked()
        {
            zoom_to = Some(actual);
        }
        ui.label(egui::RichText::new(format!("{:.0}%", state.zoom / actual * 100.0)).small().weak())
            .on_hover_text("Of the picture's full size");
    });

    let texture = match (images.full.map(|tile| &tile.image), images.fitted.map(|tile| &tile.image)) {
        (Some(TileImage::Ready(texture)), _) if state.wants_full_resolution() => texture.clone(),
        (_, Some(TileImage::Ready(texture) | TileImage::Preliminary(texture))) => texture.clone(),
        (_, Some(TileImage::Missing)) => {
            message_tile(ui, fit, "Missing: the file is not in photos/", ui.visuals().error_fg_color);
            return change;
        }
        (_, Some(TileImage::Failed(message))) => {
            message_tile(ui, fit, message, ui.visuals().error_fg_color);
            return change;
        }
        _ => {
            message_tile(ui, fit, "Loading…", ui.visuals().weak_text_color());
            return change;
        }
    };

    // Zoom about the pointer (Ctrl+scroll) or the middle of the view (buttons).
    let view_rect = egui::Rect::from_min_size(ui.cursor().min, fit);
    let pointer = ui.input(|input| input.pointer.hover_pos()).filter(|pos| view_rect.contains(*pos));
    if pointer.is_some() {
        let delta = ui.input(|input| input.zoom_delta());
        if (delta - 1.0).abs() > f32::EPSILON {
            zoom_to = Some((state.zoom * delta).clamp(1.0, max_zoom));
        }
    }
    let mut offset = None;
    if let Some(zoom) = zoom_to {
        let zoom = zoom.clamp(1.0, max_zoom);
        let anchor = pointer.map_or(fit / 2.0, |pos| pos - view_rect.min);
        let scale = zoom / state.zoom;
        offset = Some(((state.offset + anchor) * scale - anchor).max(egui::Vec2::ZERO));
        state.zoom = zoom;
    }

    let shown = fit * state.zoom;
    let sense = match state.tool {
        PreviewTool::FocalPoint => egui::Sense::click(),
        PreviewTool::Crop => egui::Sense::drag(),
    };
    let mut area = egui::ScrollArea::both()
        .id_salt("photo_preview")
        .max_width(fit.x)
        .max_height(fit.y)
        .scroll_source(egui::containers::scroll_area::ScrollSource {
            // Dragging pans a zoomed picture, except where it draws a crop.
            drag: match state.tool {
                PreviewTool::FocalPoint => egui::containers::scroll_area::DragScroll::Always,
                PreviewTool::Crop => egui::containers::scroll_area::DragScroll::Never,
            },
            ..Default::default()
        })
        .auto_shrink([true, true]);
    if let Some(offset) = offset {
        area = area.scroll_offset(offset);
    }
    let output = area.show(ui, |ui| {
        let response =
            ui.add(egui::Image::new(&texture).fit_to_exact_size(shown).sense(sense).alt_text("Photo preview"));
        let rect = response.rect;
        let fraction = |pos: egui::Pos2| {
            (
                ((pos.x - rect.left()) / rect.width()).clamp(0.0, 1.0),
                ((pos.y - rect.top()) / rect.height()).clamp(0.0, 1.0),
            )
        };
        let to_screen = |crop: &Crop| {
            egui::Rect::from_min_size(
                rect.min + egui::vec2(crop.x * rect.width(), crop.y * rect.height()),
                egui::vec2(crop.width * rect.width(), crop.height * rect.height()),
            )
        };
        // The crop being dragged, else the saved one.
        let mut drawn = used.crop;
        if state.tool == PreviewTool::Crop {
            if response.drag_started() {
                state.drag_from = response.interact_pointer_pos().map(fraction);
            }
            let dragged = match (state.drag_from, response.interact_pointer_pos()) {
                (Some(from), Some(to)) => {
                    Crop::from_corners(from, fraction(to), state.shape.aspect(photo), (photo.width, photo.height))
                }
                _ => None,
            };
            if response.dragged() && dragged.is_some() {
                drawn = dragged;
            }
            if response.drag_stopped() {
                state.drag_from = None;
                if dragged.is_some() && dragged != used.crop {
                    change = Some(PreviewChange::Crop(dragged));
                }
            }
        } else if response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            change = Some(PreviewChange::FocalPoint(fraction(pointer)));
        }
        let painter = ui.painter_at(rect);
        if let Some(crop) = drawn {
            let inside = to_screen(&crop);
            let shade = egui::Color32::from_black_alpha(140);
            for outside in [
                egui::Rect::from_x_y_ranges(rect.x_range(), rect.top()..=inside.top()),
                egui::Rect::from_x_y_ranges(rect.x_range(), inside.bottom()..=rect.bottom()),
                egui::Rect::from_x_y_ranges(rect.left()..=inside.left(), inside.y_range()),
                egui::Rect::from_x_y_ranges(inside.right()..=rect.right(), inside.y_range()),
            ] {
                painter.rect_filled(outside, 0.0, shade);
            }
            painter.rect_stroke(inside, 0.0, egui::Stroke::new(1.5, egui::Color32::WHITE), egui::StrokeKind::Inside);
        }
        if let Some((x, y)) = used.focal_point {
            let point = rect.min + egui::vec2(x * rect.width(), y * rect.height());
            painter.circle_stroke(point, 8.0, egui::Stroke::new(2.0, egui::Color32::WHITE));
            painter.circle_stroke(point, 9.5, egui::Stroke::new(1.0, egui::Color32::BLACK));
        }
        let hint = match state.tool {
            PreviewTool::FocalPoint => "Click to set the focal point that crops keep in view",
            PreviewTool::Crop => "Drag to crop; the shape is set beside the Crop button",
        };
        response.on_hover_text(hint);
        drawn
    });
    state.offset = output.state.clamped_offset();
    if let Some(crop) = output.inner {
        let (w, h) = crop.pixels((photo.width, photo.height));
        ui.label(egui::RichText::new(format!("Crop: {w} × {h} px")).small().weak());
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> crate::model::PhotoId {
        crate::model::PhotoId::from_hex("0123456789abcdef").unwrap()
    }

    #[test]
    fn zoom_steps_stop_at_the_ends() {
        let mut state = PreviewState::default();
        assert_eq!(state.step(false), 1.0);
        assert_eq!(state.step(true), 1.5);
        state.zoom = 2.5;
        assert_eq!((state.step(false), state.step(true)), (2.0, 3.0));
        state.zoom = 12.0;
        assert_eq!(state.step(true), 12.0);
    }

    #[test]
    fn one_to_one_zoom_depends_on_the_picture_and_the_screen() {
        let photo = |width, height| Photo::new(id(), "a.jpg".into(), "a.jpg".into(), width, height);
        assert_eq!(actual_pixels_zoom(&photo(4000, 3000), 400.0, 1.0), 10.0);
        assert_eq!(actual_pixels_zoom(&photo(4000, 3000), 400.0, 2.0), 5.0);
        let small = photo(200, 100);
        assert_eq!(actual_pixels_zoom(&small, 400.0, 1.0), 1.0, "a small picture is never shown below fit");
    }

    #[test]
    fn changes_apply_to_the_use_and_name_their_undo_step() {
        let mut used = PhotoUse::of(id());
        let crop = Crop { x: 0.1, y: 0.1, width: 0.5, height: 0.5 };
        PreviewChange::Crop(Some(crop)).apply(&mut used);
        PreviewChange::FocalPoint((0.3, 0.4)).apply(&mut used);
        assert_eq!((used.crop, used.focal_point), (Some(crop), Some((0.3, 0.4))));
        assert_eq!(PreviewChange::Crop(None).label(), "removing the crop");
    }
}
