//! The eframe application: owns the state, draws the panels each frame and
//! runs the commands they emit.

mod checking;
mod commands;
mod export;
mod export_job;
mod locks;
mod outside;
mod photo_import;
mod photos;
mod prefs;
mod project;
mod proofing;
mod review;
mod story;
mod sync;
mod thumbnails;
mod tracking;
mod watcher;

use std::path::PathBuf;

pub use crate::ui::{AfterSaveQuestion, Answer, Command, Dialog, SettingsDraft, UiCommand, ViewState, WorkspaceTab};
pub use crate::workspace::{AUTOSAVE_AFTER_SECONDS, Workspace};
pub use checking::Checking;
pub use prefs::Prefs;
pub use proofing::Proofing;
pub use sync::SyncState;
pub use thumbnails::Thumbnails;

use crate::storage;
use crate::ui;

/// How the app was started.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// The project to open; `None` opens the last project, or the sample.
    pub project: Option<PathBuf>,
    /// Where recovery files go; `None` uses the app's data folder.
    pub recovery_dir: Option<PathBuf>,
}

/// The Copydesk window.
pub struct CopydeskApp {
    /// The open project, if any.
    pub workspace: Option<Workspace>,
    /// Preferences kept between runs.
    pub prefs: Prefs,
    /// View state.
    pub view: ViewState,
    /// Open dialogs; the first is shown.
    pub dialogs: Vec<Dialog>,
    /// The last thing that happened, for the status line.
    pub status: String,
    /// Spelling and grammar marks of the selected story.
    pub proofing: Proofing,
    /// The review checks of every story, made on a worker thread.
    pub checking: Checking,
    /// The lock of the story this window has open.
    pub locks: locks::StoryLocks,
    /// Photo thumbnails as textures.
    pub thumbnails: Thumbnails,
    /// Git sync of a shared project.
    pub sync: sync::SyncState,
    /// Pictures being copied in and read, to attach when done.
    photo_imports: Vec<photo_import::PhotoImport>,
    /// An export being written.
    export: Option<export_job::ExportJob>,
    /// The watch on the open project's story files.
    watcher: Option<watcher::ProjectWatcher>,
    /// A recovery file being written: what it holds and how it went.
    autosaving: Option<std::sync::mpsc::Receiver<project::RecoveryWritten>>,
    recovery_dir: Option<PathBuf>,
    commands: Vec<Command>,
    close_confirmed: bool,
    window_title: String,
}

impl CopydeskApp {
    /// Creates the app, restoring preferences and opening the project named
    /// in `options`, else the last one, else the sample project.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let prefs = cc.storage.and_then(|s| eframe::get_value::<Prefs>(s, Prefs::KEY)).unwrap_or_default();
        cc.egui_ctx.set_theme(prefs.theme());
        ui::theme::install(&cc.egui_ctx);
        let recovery_dir =
            options.recovery_dir.clone().or_else(|| eframe::storage_dir(crate::APP_ID).map(|dir| dir.join("recovery")));
        let mut proofing = Proofing::new();
        proofing.set_enabled(prefs.marks);
        if prefs.marks {
            // Built while the project opens: the first story's marks need
            // it, and so does the first word typed that was never checked.
            crate::proofing::warm_up();
        }
        let mut app = CopydeskApp {
            workspace: None,
            prefs,
            view: ViewState::default(),
            dialogs: Vec::new(),
            status: String::new(),
            proofing,
            checking: Checking::default(),
            locks: locks::StoryLocks::default(),
            thumbnails: Thumbnails::default(),
            sync: sync::SyncState::default(),
            photo_imports: Vec::new(),
            export: None,
            watcher: None,
            autosaving: None,
            recovery_dir,
            commands: Vec::new(),
            close_confirmed: false,
            window_title: String::new(),
        };
        let project = options
            .project
            .or_else(|| app.prefs.last_project.clone().filter(|p| p.join(storage::PROJECT_FILE).is_file()))
            .unwrap_or_else(crate::sample_project_dir);
        app.open_project(&project);
        app
    }

    /// Keeps the window title as "name — Copydesk", with a mark when unsaved.
    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = match &self.workspace {
            Some(w) if w.is_dirty() => format!("• {} — Copydesk", w.project().name),
            Some(w) => format!("{} — Copydesk", w.project().name),
            None => "Copydesk".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The thumbnails the Photos tool shows this frame (asked for when new).
    fn photo_tiles(&mut self, ctx: &egui::Context) -> ui::photos_panel::PhotoTiles {
        self.thumbnails.update(ctx);
        let mut tiles = ui::photos_panel::PhotoTiles::default();
        let Some(workspace) = &self.workspace else { return tiles };
        let Some(story) = workspace.selected_story() else { return tiles };
        if self.view.tab != WorkspaceTab::Photos {
            return tiles;
        }
        let root = workspace.root();
        // Only the tiles on screen (as the grid last drew them): the rest
        // show "Loading…" until they are scrolled to.
        let on_screen = &self.view.photos.on_screen;
        for used in story.photos.iter().filter(|used| on_screen.contains(&used.photo)) {
            if let Some(photo) = workspace.project().photo(&used.photo) {
                let tile = self.thumbnails.tile(ctx, root, photo, thumbnails::GRID_EDGE);
                tiles.grid.insert(used.photo.clone(), tile);
            }
        }
        let current = self.view.photos.current(story).and_then(|used| workspace.project().photo(&used.photo));
        if let Some(photo) = current {
            tiles.preview = Some(self.thumbnails.tile(ctx, root, photo, thumbnails::PREVIEW_EDGE));
            if self.view.photos.preview.wants_full_resolution() {
                tiles.full = Some(self.thumbnails.full_size(ctx, root, photo));
            }
        }
        tiles.progress = self.thumbnails.progress();
        tiles.importing = self.photo_imports.iter().fold(None, |sum: Option<(usize, usize)>, import| {
            let (done, total) = sum.unwrap_or_default();
            Some((done + import.done, total + import.total))
        });
        tiles
    }

    /// Whether a recovery file is being written.
    pub fn is_autosaving(&self) -> bool {
        self.autosaving.is_some()
    }

    /// Queues a command to run at the end of this frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }
}

impl eframe::App for CopydeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.take_shortcuts(&ctx);
        self.take_dropped_files(&ctx);
        self.finish_photo_imports(&ctx);
        self.finish_export();
        self.take_outside_changes(&ctx);
        self.drive_sync(&ctx);
        let seconds = ctx.input(|input| input.time);
        let root = self.workspace.as_ref().map(|workspace| workspace.root().to_owned());
        let selected = self.workspace.as_ref().and_then(|workspace| workspace.selected().cloned());
        self.locks.update(root.as_deref(), selected.as_ref(), &self.prefs.editor_name, seconds, crate::clock::now());
        self.hold_locked_stories();

        let mut commands = std::mem::take(&mut self.commands);
        let tiles = self.photo_tiles(&ctx);
        let workspace = self.workspace.as_ref();
        if let Some(workspace) = workspace {
            let names = workspace
                .selected_story()
                .and_then(|story| self.checking.reports().get(&story.slug))
                .map(|report| &report.names);
            self.proofing.keep_marks(workspace.root(), seconds);
            self.proofing.update(&ctx, workspace.project(), workspace.selected_story(), names);
            // What the review counts: the text's marks and the captions'.
            let marks = workspace
                .selected_story()
                .filter(|_| self.proofing.is_enabled())
                .map(|story| (story.slug.clone(), self.proofing.review_counts(workspace.project(), story)));
            self.checking.update(&ctx, workspace, marks, crate::clock::now());
        }
        let toggles = ui::top_bar::MenuToggles { dark_mode: self.prefs.dark_mode, marks: self.proofing.is_enabled() };
        let badge = self.sync.badge();
        ui::top_bar::show(ui, workspace, &self.view, toggles, badge.as_ref(), &mut commands);
        let exporting = self.export.as_ref().map(export_job::ExportJob::progress);
        ui::status_line::show(ui, &self.status, exporting, workspace);
        let marks = workspace.and_then(Workspace::selected_story).map(|story| self.proofing.story_marks(story));
        let photo_marks = photo_marks(workspace, &self.proofing);
        let reports = self.checking.reports();
        let lock = self.locks.blocked().map(|(holder, stale)| (holder.describe(), stale));
        let presence = self.sync.presence_by_story(crate::clock::now());
        let shown = ui::shell::Shown {
            marks: marks.unwrap_or_default(),
            photo_marks: &photo_marks,
            tiles: &tiles,
            reports,
            lock,
            presence: &presence,
            desk: ui::story_list::Desk { now: crate::clock::now(), me: &self.prefs.editor_name },
        };
        ui::shell::show(ui, workspace, shown, &mut self.view, &mut commands);
        if let Some(answer) = self.dialogs.first_mut().and_then(|dialog| ui::dialogs::show(&ctx, dialog)) {
            self.answer_dialog(answer, &ctx);
            ctx.request_repaint();
        }
        if !commands.is_empty() {
            // Commands run after the panels drew, so draw once more to show their effect.
            ctx.request_repaint();
        }
        for command in commands {
            self.run(command, &ctx);
        }
        self.autosave(&ctx);
        self.update_window_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.locks.release(&self.prefs.editor_name);
        self.wait_for_autosave();
        // A normal exit leaves no recovery file behind once the user chose
        // to save or discard; unsaved work that was never answered for (the
        // process is ending anyway) stays recoverable.
        if let Some(workspace) = &self.workspace
            && !workspace.is_dirty()
            && let Some(path) = workspace.recovery_path()
        {
            let _ = storage::remove_recovery(path);
        }
    }
}

/// The marks of the captions and alt text of the selected story's photos,
/// by photo.
fn photo_marks<'a>(
    workspace: Option<&'a Workspace>,
    proofing: &'a Proofing,
) -> std::collections::HashMap<crate::model::PhotoId, ui::PhotoMarks<'a>> {
    let Some(workspace) = workspace else { return Default::default() };
    let Some(story) = workspace.selected_story() else { return Default::default() };
    story
        .photos
        .iter()
        .filter_map(|used| workspace.project().photo(&used.photo))
        .map(|photo| (photo.id.clone(), proofing.photo_field_marks(photo)))
        .collect()
}
