//! The top bar: menus built from the command table, the project's name and
//! whether it is saved.

use crate::app::{Command, CopydeskApp, UiCommand};

/// Menus, in order, with the commands each holds (`None` is a separator).
const MENUS: &[(&str, &[Option<UiCommand>])] = &[
    (
        "File",
        &[
            Some(UiCommand::NewProject),
            Some(UiCommand::OpenProject),
            Some(UiCommand::Save),
            None,
            Some(UiCommand::ImportCopy),
            None,
            Some(UiCommand::Quit),
        ],
    ),
    ("Edit", &[Some(UiCommand::Undo), Some(UiCommand::Redo)]),
    (
        "Story",
        &[
            Some(UiCommand::NewStory),
            Some(UiCommand::RenameStory),
            Some(UiCommand::DuplicateStory),
            None,
            Some(UiCommand::DeleteStory),
        ],
    ),
    ("View", &[Some(UiCommand::TogglePreview), Some(UiCommand::ToggleTheme)]),
];

/// Draws the top bar.
pub fn show(ui: &mut egui::Ui, app: &CopydeskApp, commands: &mut Vec<Command>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, items) in MENUS {
                ui.menu_button(*title, |ui| {
                    for item in *items {
                        match item {
                            Some(command) => menu_item(ui, app, *command, commands),
                            None => {
                                ui.separator();
                            }
                        }
                    }
                });
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                saved_state(ui, app);
            });
        });
    });
}

fn menu_item(ui: &mut egui::Ui, app: &CopydeskApp, command: UiCommand, commands: &mut Vec<Command>) {
    let shortcut = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
    let label = match command {
        UiCommand::Undo => app.workspace.as_ref().and_then(|w| w.history.undo_label()).map(|l| format!("Undo {l}")),
        UiCommand::Redo => app.workspace.as_ref().and_then(|w| w.history.redo_label()).map(|l| format!("Redo {l}")),
        _ => None,
    }
    .unwrap_or_else(|| command.label().to_owned());
    let checked = match command {
        UiCommand::TogglePreview => Some(app.view.preview),
        UiCommand::ToggleTheme => Some(app.prefs.dark_mode),
        _ => None,
    };
    let response = ui.add_enabled_ui(app.can_run(command), |ui| match checked {
        Some(checked) => ui.add(egui::Button::selectable(checked, label).shortcut_text(shortcut)),
        None => ui.add(egui::Button::new(label).shortcut_text(shortcut)),
    });
    if response.inner.on_hover_text(command.tooltip()).clicked() {
        commands.push(Command::Ui(command));
    }
}

fn saved_state(ui: &mut egui::Ui, app: &CopydeskApp) {
    let Some(workspace) = &app.workspace else {
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
    ui.label(egui::RichText::new(&workspace.project.name).strong())
        .on_hover_text(workspace.folder.root().display().to_string());
}
