//! Colours and text styles shared by the panels, for dark and light themes.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, FontData, FontFamily, FontId, TextStyle};

use crate::model::StoryStatus;

/// DejaVu Sans, a fallback for characters egui's own font lacks (arrows,
/// ticks, more of Latin, Greek and Cyrillic), so text a user types or
/// pastes never shows as boxes. Its licence is next to it in `assets/fonts/`.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Sets the text sizes Copydesk uses on top of egui's themes, and adds the
/// fallback font.
pub fn install(ctx: &egui::Context) {
    let fallback = |family| InsertFontFamily { family, priority: FontPriority::Lowest };
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        FontData::from_static(FALLBACK_FONT),
        vec![fallback(FontFamily::Proportional), fallback(FontFamily::Monospace)],
    ));
    ctx.all_styles_mut(|style| {
        style.text_styles.insert(TextStyle::Heading, FontId::proportional(20.0));
        style.text_styles.insert(TextStyle::Body, FontId::proportional(14.0));
        style.text_styles.insert(TextStyle::Button, FontId::proportional(14.0));
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}

/// The colour that marks a status in lists and badges.
pub fn status_color(status: StoryStatus, dark: bool) -> Color32 {
    let (dark_color, light_color) = match status {
        StoryStatus::Draft => (Color32::from_rgb(150, 150, 160), Color32::from_rgb(110, 110, 120)),
        StoryStatus::Editing => (Color32::from_rgb(110, 170, 255), Color32::from_rgb(30, 100, 200)),
        StoryStatus::CopyEdit => (Color32::from_rgb(200, 150, 255), Color32::from_rgb(120, 60, 190)),
        StoryStatus::Ready => (Color32::from_rgb(110, 210, 130), Color32::from_rgb(30, 140, 60)),
        StoryStatus::Published => (Color32::from_rgb(80, 200, 200), Color32::from_rgb(0, 120, 130)),
        StoryStatus::Spiked => (Color32::from_rgb(240, 110, 110), Color32::from_rgb(190, 40, 40)),
        StoryStatus::Killed => (Color32::from_rgb(200, 90, 90), Color32::from_rgb(140, 20, 20)),
    };
    if dark { dark_color } else { light_color }
}

/// A small coloured status label.
pub fn status_badge(ui: &mut egui::Ui, status: StoryStatus) -> egui::Response {
    let color = status_color(status, ui.visuals().dark_mode);
    let text = egui::RichText::new(status.label()).small().strong().color(color);
    ui.add(egui::Label::new(text).selectable(false))
}

/// The colour for "all checks pass".
pub fn ok_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(110, 200, 120) } else { Color32::from_rgb(30, 120, 50) }
}

/// The colour for "over target" and warnings.
pub fn warn_color(ui: &egui::Ui) -> Color32 {
    ui.visuals().warn_fg_color
}
