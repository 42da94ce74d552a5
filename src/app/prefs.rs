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
    /// Check spelling and grammar as you type.
    pub marks: bool,
    /// The editor's name, recorded with revisions and sign-offs.
    pub editor_name: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs { dark_mode: true, last_project: None, marks: true, editor_name: login_name() }
    }
}

/// The name the user logged in with, as a first guess at the editor's
/// name ("Editor" when the system does not say).
fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|variable| std::env::var(variable).ok().filter(|name| !name.trim().is_empty()))
        .unwrap_or_else(|| "Editor".to_owned())
}

impl Prefs {
    /// The key under which eframe stores the preferences.
    pub const KEY: &'static str = crate::PREFS_KEY;

    /// The egui theme for these preferences.
    pub fn theme(&self) -> egui::Theme {
        if self.dark_mode { egui::Theme::Dark } else { egui::Theme::Light }
    }
}
