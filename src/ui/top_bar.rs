//! The top bar: menus built from the command table, the project's name and
//! whether it is saved.

use super::{Command, UiCommand, ViewState, WorkspaceTab};
use crate::workspace::Workspace;

/// Menus, in order, with the commands each holds (`None` is a separator).
const MENUS: &[(&str, &[Option<UiCommand>])] = &[
    (
        "File",
        &[
            Some(UiCommand::NewProject),
            Some(UiCommand::OpenProject),
            Some(UiCommand::Save),
            Some(UiCommand::SaveAs),
            None,
            Some(UiCommand::ImportCopy),
            Some(UiCommand::Export),
            None,
            Some(UiCommand::SyncNow),
            Some(UiCommand::ShareProject),
            Some(UiCommand::CloneProject),
            None,
            Some(UiCommand::ProjectSettings),
            Some(UiCommand::Preferences),
            None,
            Some(UiCommand::Quit),
        ],
    ),
    (
        "Edit",
        &[
            Some(UiCommand::Undo),
            Some(UiCommand::Redo),
            None,
            Some(UiCommand::Find),
            Some(UiCommand::Replace),
            Some(UiCommand::FindNext),
            Some(UiCommand::FindPrevious),
            None,
            Some(UiCommand::NextMark),
            None,
            Some(UiCommand::ToggleSuggesting),
            Some(UiCommand::NextChange),
            Some(UiCommand::PreviousChange),
        ],
    ),
    (
        "Story",
        &[
            Some(UiCommand::NewStory),
            Some(UiCommand::NewFromTemplate),
            Some(UiCommand::RenameStory),
            Some(UiCommand::DuplicateStory),
            Some(UiCommand::SaveAsTemplate),
            Some(UiCommand::ReopenStory),
            Some(UiCommand::SaveRevision),
            Some(UiCommand::AttachPhotos),
            None,
            Some(UiCommand::NextStory),
            Some(UiCommand::PreviousStory),
            None,
            Some(UiCommand::DeleteStory),
        ],
    ),
    (
        "View",
        &[
            Some(UiCommand::ShowArticle),
            Some(UiCommand::ShowPhotos),
            Some(UiCommand::ShowReview),
            Some(UiCommand::ShowRevisions),
            None,
            Some(UiCommand::TogglePreview),
            Some(UiCommand::ToggleMarks),
            Some(UiCommand::ToggleTheme),
        ],
    ),
];

/// Draws the top bar.
pub fn show(
    ui: &mut egui::Ui,
    workspace: Option<&Workspace>,
    view: &ViewState,
    toggles: MenuToggles,
    sync: Option<&SyncBadge>,
    commands: &mut Vec<Command>,
) {
    let menu = MenuContext { workspace, view, toggles };
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, items) in MENUS {
                ui.menu_button(*title, |ui| {
                    for item in *items {
                        match item {
                            Some(command) => menu_item(ui, &menu, *command, commands),
                            None => {
                                ui.separator();
                            }
                        }
                    }
                });
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                saved_state(ui, workspace);
                if let Some(badge) = sync {
                    ui.separator();
                    sync_badge(ui, badge, commands);
                }
            });
        });
    });
}

/// Where a shared project stands against its repository, for the top bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncBadge {
    /// "✓ In sync · 12:04", "↑ 2 to send", "Offline", "⚠ 1 conflict"…
    pub label: String,
    /// The tooltip: what it means, or what went wrong.
    pub detail: String,
    /// How it is coloured.
    pub tone: Tone,
}

/// A badge's colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// All is well.
    Good,
    /// Working.
    Busy,
    /// Needs the editor.
    Warn,
    /// Worth a glance (offline, work waiting to go out).
    Weak,
}

fn sync_badge(ui: &mut egui::Ui, badge: &SyncBadge, commands: &mut Vec<Command>) {
    let color = match badge.tone {
        Tone::Good => super::theme::ok_color(ui),
        Tone::Warn => super::theme::warn_color(ui),
        Tone::Busy => ui.visuals().text_color(),
        Tone::Weak => ui.visuals().weak_text_color(),
    };
    // No spinner: one would repaint the window every frame for as long as
    // a sync runs; the badge's label says it is working.
    let button = egui::Button::new(egui::RichText::new(&badge.label).small().color(color)).frame(false);
    let response = ui.add(button).on_hover_text(&badge.detail);
    if response.clicked() && badge.tone != Tone::Busy {
        commands.push(Command::Ui(UiCommand::SyncNow));
    }
}

/// Preferences the View menu shows with a tick.
#[derive(Clone, Copy, Debug)]
pub struct MenuToggles {
    /// The dark theme is on.
    pub dark_mode: bool,
    /// Spelling and grammar marks are on.
    pub marks: bool,
}

/// What the menus show state from.
struct MenuContext<'a> {
    workspace: Option<&'a Workspace>,
    view: &'a ViewState,
    toggles: MenuToggles,
}

fn menu_item(ui: &mut egui::Ui, menu: &MenuContext<'_>, command: UiCommand, commands: &mut Vec<Command>) {
    let shortcut = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
    let label = match command {
        UiCommand::Undo => menu.workspace.and_then(|w| w.history().undo_label()).map(|l| format!("Undo {l}")),
        UiCommand::Redo => menu.workspace.and_then(|w| w.history().redo_label()).map(|l| format!("Redo {l}")),
        _ => None,
    }
    .unwrap_or_else(|| command.label().to_owned());
    let checked = match command {
        UiCommand::TogglePreview => Some(menu.view.preview),
        UiCommand::ToggleTheme => Some(menu.toggles.dark_mode),
        UiCommand::ToggleMarks => Some(menu.toggles.marks),
        UiCommand::ToggleSuggesting => Some(menu.view.suggesting),
        UiCommand::ShowArticle => Some(menu.view.tab == WorkspaceTab::Article),
        UiCommand::ShowPhotos => Some(menu.view.tab == WorkspaceTab::Photos),
        UiCommand::ShowReview => Some(menu.view.tab == WorkspaceTab::Review),
        UiCommand::ShowRevisions => Some(menu.view.tab == WorkspaceTab::Revisions),
        _ => None,
    };
    let response = ui.add_enabled_ui(command.is_enabled(menu.workspace), |ui| match checked {
        Some(checked) => ui.add(egui::Button::selectable(checked, label).shortcut_text(shortcut)),
        None => ui.add(egui::Button::new(label).shortcut_text(shortcut)),
    });
    if response.inner.on_hover_text(command.tooltip()).clicked() {
        commands.push(Command::Ui(command));
    }
}

fn saved_state(ui: &mut egui::Ui, workspace: Option<&Workspace>) {
    let Some(workspace) = workspace else {
        ui.label("No project open");
        return;
    };
    if workspace.is_dirty() {
        let text = egui::RichText::new("• Unsaved changes").color(ui.visuals().warn_fg_color);
        ui.label(text).on_hover_text("Ctrl+S saves. Unsaved work is autosaved to a recovery file every 30 seconds.");
    } else {
        ui.label(egui::RichText::new("Saved").weak());
    }
    ui.separator();
    ui.label(egui::RichText::new(&workspace.project().name).strong())
        .on_hover_text(workspace.root().display().to_string());
}
