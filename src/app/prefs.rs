//! Preferences kept between runs by eframe's own storage (with the window
//! size and position, which eframe keeps itself).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The user's preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Dark theme (else light).
    pub dark_mode: bool,
    /// The project opened last, reopened at the next start.
    pub last_project: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs { dark_mode: true, last_project: None }
    }
}

impl Prefs {
    /// The key under which eframe stores the preferences.
    pub const KEY: &'static str = "copydesk-prefs";

    /// The egui theme for these preferences.
    pub fn theme(&self) -> egui::Theme {
        if self.dark_mode { egui::Theme::Dark } else { egui::Theme::Light }
    }
}
