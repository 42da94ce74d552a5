//! Git sync in the window: share, clone, sync now, and automatic sync
//! (pull when the project opens and every few minutes, commit and push
//! shortly after a save and at every status change), all on a thread of
//! its own. What a pull brings in goes through the workspace like any
//! change from outside (`outside.rs`), conflicts open the merge dialog,
//! and being offline is a state in the top bar, not an error dialog.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use super::{CopydeskApp, Dialog};
use crate::model::{Slug, Timestamp};
use crate::sync::presence::Presence;
use crate::sync::{self as git_sync, Step, SyncError, SyncOptions, SyncReport, SyncStatus};
use crate::ui::top_bar::{SyncBadge, Tone};

/// A shared project pulls this often (seconds of app time).
pub const PULL_EVERY_SECONDS: f64 = 5.0 * 60.0;
/// A save is committed and pushed this long after it (more saves in the
/// meantime wait for the same sync).
pub const PUSH_AFTER_SAVE_SECONDS: f64 = 10.0;

/// What the window knows about syncing the open project.
#[derive(Default)]
pub struct SyncState {
    /// The project folder this state is about.
    dir: Option<PathBuf>,
    /// Whether it is shared (a repository with an `origin`).
    shared: bool,
    /// Where it stands, from the last sync or status read.
    status: Option<SyncStatus>,
    /// The last sync's failure: offline (normal) or an error.
    problem: Option<(bool, String)>,
    /// A sync, share, clone or presence update running.
    running: Option<Running>,
    /// Everyone else's presence.
    others: Vec<Presence>,
    /// App time of the next automatic pull.
    next_pull: f64,
    /// App time a push is due (after a save or a status change).
    push_due: Option<f64>,
    /// A save happened since the last frame.
    saved: bool,
    /// The open story changed: say so to the desk.
    presence_due: bool,
    /// The story this window has open, and since when.
    open_story: Option<(Slug, Timestamp)>,
    /// Held by the sync thread while it commits or merges, and by the
    /// window while it saves, so the two never write the folder at once.
    gate: Arc<Mutex<()>>,
}

struct Running {
    /// The user asked for it (errors then get a dialog).
    asked: bool,
    step: Option<Step>,
    events: Receiver<Event>,
}

enum Event {
    Step(Step),
    Synced(Box<Result<SyncReport, SyncError>>),
    /// Where the project stands after a sync that failed (read on the
    /// sync thread: `git status` on a desk-sized folder is not a frame's
    /// work).
    Stands(SyncStatus),
    Presence(Result<Vec<Presence>, SyncError>),
    Shared(String, Box<Result<SyncReport, SyncError>>),
    Cloned(PathBuf, Result<(), SyncError>),
}

impl SyncState {
    /// Held while the window saves.
    pub fn gate(&self) -> Arc<Mutex<()>> {
        Arc::clone(&self.gate)
    }

    /// A save happened: push shortly.
    pub fn saved(&mut self) {
        self.saved = true;
    }

    /// Whether the open project is shared.
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// Whether a sync (or share, clone) is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// What the last sync says about where the project stands.
    pub fn status(&self) -> Option<&SyncStatus> {
        self.status.as_ref()
    }

    /// Who else is editing which story, for the budget.
    pub fn presence_by_story(&self, now: Timestamp) -> std::collections::HashMap<Slug, String> {
        let mut by_story: std::collections::HashMap<Slug, String> = std::collections::HashMap::new();
        for other in &self.others {
            if let Some(story) = &other.story {
                let text = other.describe(now);
                by_story
                    .entry(story.clone())
                    .and_modify(|existing| {
                        existing.push_str("; ");
                        existing.push_str(&text);
                    })
                    .or_insert(text);
            }
        }
        by_story
    }

    /// The badge for the top bar; `None` when the project is not shared.
    pub fn badge(&self) -> Option<SyncBadge> {
        if !self.shared {
            return None;
        }
        let last = self.status.as_ref().and_then(|s| s.last_sync).map(|at| format!(" · {}", at.short()));
        let last = last.unwrap_or_default();
        if let Some(running) = &self.running {
            let detail = running.step.map_or("Starting…", Step::label).to_owned();
            return Some(SyncBadge { label: "⟳ Syncing…".to_owned(), detail, tone: Tone::Busy });
        }
        let status = self.status.clone().unwrap_or_default();
        if status.conflicts > 0 {
            return Some(SyncBadge {
                label: format!("⚠ {} conflict{}", status.conflicts, if status.conflicts == 1 { "" } else { "s" }),
                detail: "Both sides changed the same part: choose in the merge dialog. Nothing is sent until you do."
                    .to_owned(),
                tone: Tone::Warn,
            });
        }
        if let Some((offline, message)) = &self.problem {
            let label = if *offline { format!("Offline{last}") } else { "Sync failed".to_owned() };
            let tone = if *offline { Tone::Weak } else { Tone::Warn };
            return Some(SyncBadge { label, detail: message.clone(), tone });
        }
        let send = status.to_send + usize::from(status.uncommitted && status.to_send == 0);
        let (label, tone) = match (send, status.to_receive) {
            (0, 0) => (format!("✓ In sync{last}"), Tone::Good),
            (send, 0) => (format!("↑ {send} to send{last}"), Tone::Weak),
            (0, receive) => (format!("↓ {receive} to receive{last}"), Tone::Weak),
            (send, receive) => (format!("↑ {send} ↓ {receive}{last}"), Tone::Weak),
        };
        Some(SyncBadge { label, detail: "Click to sync now".to_owned(), tone })
    }
}

/// Starts `work` on the sync thread; its events come back to `events`.
fn spawn(asked: bool, ctx: &egui::Context, work: impl FnOnce(&mut dyn FnMut(Event)) + Send + 'static) -> Running {
    let (sender, events) = mpsc::channel();
    let repaint = ctx.clone();
    let spawned = std::thread::Builder::new().name("copydesk-sync".to_owned()).spawn(move || {
        let mut send = |event: Event| {
            let _ = sender.send(event);
            repaint.request_repaint();
        };
        work(&mut send);
    });
    if let Err(error) = spawned {
        let (sender, failed) = mpsc::channel();
        let failure = SyncError::GitMissing(format!("could not start the sync thread: {error}"));
        let _ = sender.send(Event::Synced(Box::new(Err(failure))));
        return Running { asked, step: None, events: failed };
    }
    Running { asked, step: None, events }
}

impl CopydeskApp {
    /// Each frame: notices a newly opened project, finishes what the sync
    /// thread did, and starts the automatic syncs that are due.
    pub(super) fn drive_sync(&mut self, ctx: &egui::Context) {
        let seconds = ctx.input(|input| input.time);
        let root = self.workspace.as_ref().map(|w| w.root().to_owned());
        if root != self.sync.dir && self.sync.running.is_none() {
            self.sync_project_opened(root.as_deref(), seconds);
        }
        self.poll_sync(ctx);
        if !self.sync.shared || self.sync.running.is_some() {
            return;
        }
        let selected = self.workspace.as_ref().and_then(|w| w.selected().cloned());
        if self.sync.open_story.as_ref().map(|(slug, _)| slug) != selected.as_ref() {
            self.sync.open_story = selected.map(|slug| (slug, crate::clock::now()));
            self.sync.presence_due = true;
        }
        if std::mem::take(&mut self.sync.saved) {
            self.sync.push_due = Some(self.sync.push_due.unwrap_or(seconds + PUSH_AFTER_SAVE_SECONDS));
        }
        let push_due = self.sync.push_due.is_some_and(|due| seconds >= due);
        if push_due || seconds >= self.sync.next_pull {
            self.start_sync(false, ctx);
        } else if self.sync.presence_due {
            self.start_presence(ctx);
        }
    }

    fn sync_project_opened(&mut self, root: Option<&Path>, seconds: f64) {
        let gate = self.sync.gate();
        self.sync = SyncState { dir: root.map(Path::to_owned), gate, ..SyncState::default() };
        let Some(root) = root else { return };
        self.sync.shared = git_sync::is_shared(root);
        // Pull as soon as it opens.
        self.sync.next_pull = seconds;
        if self.sync.shared {
            // Where it stands comes with the pull that starts at once.
            self.offer_pending_conflicts();
        }
    }

    /// This editor's presence now.
    fn my_presence(&self) -> Presence {
        let now = crate::clock::now();
        let (story, since) = match &self.sync.open_story {
            Some((slug, since)) => (Some(slug.clone()), *since),
            None => (None, now),
        };
        Presence {
            editor: self.prefs.editor_name.clone(),
            host: crate::storage::lock::host_name(),
            story,
            since,
            seen: now,
        }
    }

    /// Syncs the open project now (File → Sync now, or when due).
    pub(super) fn start_sync(&mut self, asked: bool, ctx: &egui::Context) {
        let Some(dir) = self.workspace.as_ref().map(|w| w.root().to_owned()) else { return };
        if self.sync.running.is_some() {
            if asked {
                self.status = "A sync is already running.".to_owned();
            }
            return;
        }
        let seconds = ctx.input(|input| input.time);
        self.sync.next_pull = seconds + PULL_EVERY_SECONDS;
        self.sync.push_due = None;
        self.sync.presence_due = false;
        let options = SyncOptions {
            message: None,
            author: Some(self.prefs.editor_name.clone()).filter(|name| !name.trim().is_empty()),
            presence: Some(self.my_presence()),
            now: Some(crate::clock::now()),
            gate: Some(self.sync.gate()),
        };
        self.sync.running = Some(spawn(asked, ctx, move |send| {
            let result = git_sync::sync(&dir, &options, &mut |step| send(Event::Step(step)));
            if result.is_err()
                && let Ok(status) = git_sync::status(&dir)
            {
                send(Event::Stands(status));
            }
            send(Event::Synced(Box::new(result)));
        }));
    }

    fn start_presence(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.workspace.as_ref().map(|w| w.root().to_owned()) else { return };
        self.sync.presence_due = false;
        let mine = self.my_presence();
        self.sync.running = Some(spawn(false, ctx, move |send| {
            send(Event::Presence(git_sync::update_presence(&dir, &mine, crate::clock::now())));
        }));
    }

    /// File → Share project…: shares the open project at `url`.
    pub(super) fn share_project(&mut self, url: String, ctx: &egui::Context) {
        let Some(dir) = self.workspace.as_ref().map(|w| w.root().to_owned()) else { return };
        if self.sync.running.is_some() {
            self.status = "Wait for the sync to finish, then share.".to_owned();
            return;
        }
        if self.workspace.as_ref().is_some_and(crate::workspace::Workspace::is_dirty) && !self.save_project() {
            return;
        }
        let author = Some(self.prefs.editor_name.clone()).filter(|name| !name.trim().is_empty());
        let driver = std::env::current_exe().ok();
        self.sync.running = Some(spawn(true, ctx, move |send| {
            let result = git_sync::share(&dir, &url, driver.as_deref(), author.as_deref());
            send(Event::Shared(url, Box::new(result)));
        }));
    }

    /// File → Clone project…: clones `url` into `dir`, then opens it.
    pub(super) fn clone_project(&mut self, url: String, dir: PathBuf, ctx: &egui::Context) {
        if self.sync.running.is_some() {
            self.status = "Wait for the sync to finish, then clone.".to_owned();
            return;
        }
        let driver = std::env::current_exe().ok();
        self.status = format!("Cloning {url}…");
        self.sync.running = Some(spawn(true, ctx, move |send| {
            let result = git_sync::clone(&url, &dir, driver.as_deref());
            send(Event::Cloned(dir, result));
        }));
    }

    fn poll_sync(&mut self, ctx: &egui::Context) {
        let Some(running) = &mut self.sync.running else { return };
        let event = loop {
            match running.events.try_recv() {
                Ok(Event::Step(step)) => running.step = Some(step),
                Ok(Event::Stands(status)) => self.sync.status = Some(status),
                Ok(event) => break event,
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    break Event::Synced(Box::new(Err(SyncError::GitMissing("the sync stopped unexpectedly".into()))));
                }
            }
        };
        let asked = running.asked;
        self.sync.running = None;
        match event {
            Event::Step(_) | Event::Stands(_) => {}
            Event::Synced(result) => self.finish_sync(*result, asked),
            Event::Presence(Ok(others)) => self.sync.others = others,
            // Presence is advisory; the next sync says whether we are offline.
            Event::Presence(Err(_)) => {}
            Event::Shared(url, result) => match *result {
                Ok(report) => {
                    self.sync.shared = true;
                    self.sync.status = Some(report.status);
                    self.sync.problem = None;
                    self.status = format!("Shared at {url}. Colleagues use File › Clone project… with that address.");
                }
                Err(error) => self.show_error("Could not share the project", error.to_string()),
            },
            Event::Cloned(dir, result) => match result {
                Ok(()) => {
                    self.status = format!("Cloned into {}.", dir.display());
                    self.push(super::Command::OpenProjectAt(dir));
                }
                Err(error) => self.show_error("Could not clone the project", error.to_string()),
            },
        }
        ctx.request_repaint();
    }

    fn finish_sync(&mut self, result: Result<SyncReport, SyncError>, asked: bool) {
        let report = match result {
            Ok(report) => report,
            Err(error) => {
                let offline = error.is_offline();
                self.sync.problem = Some((offline, error.to_string()));
                if asked && !offline {
                    self.show_error("Could not sync", error.to_string());
                } else if asked {
                    self.status = format!("Offline: {error}");
                }
                return;
            }
        };
        self.sync.problem = None;
        self.sync.others = report.others.clone();
        self.sync.status = Some(report.status.clone());
        self.take_in_received(&report.received);
        let mut said = Vec::new();
        if let Some(subject) = &report.committed {
            said.push(format!("committed “{subject}”"));
        }
        if !report.received.is_empty() {
            said.push(format!("took in {} changed file{}", report.received.len(), plural(report.received.len())));
        }
        if report.pushed {
            said.push("sent".to_owned());
        }
        said.extend(report.notes.iter().cloned());
        if !report.conflicts.is_empty() {
            self.status = format!(
                "Sync: {} conflict{} to decide ({}).",
                report.conflicts.len(),
                plural(report.conflicts.len()),
                report.conflicts.iter().map(git_sync::PendingConflict::describe).collect::<Vec<_>>().join("; ")
            );
            self.offer_pending_conflicts();
        } else if asked || !said.is_empty() {
            let what = if said.is_empty() { "nothing new".to_owned() } else { said.join(", ") };
            self.status = format!("Synced: {what}.");
        }
    }

    /// Takes in the files a sync changed here, through the workspace.
    fn take_in_received(&mut self, received: &[String]) {
        let Some(workspace) = &mut self.workspace else { return };
        let root = workspace.root().to_owned();
        let stories: Vec<PathBuf> =
            received.iter().filter(|path| path.starts_with("stories/")).map(|path| root.join(path)).collect();
        let others: Vec<&str> =
            received.iter().map(String::as_str).filter(|path| !path.starts_with("stories/")).collect();
        if !others.is_empty() {
            match workspace.take_in_project_files(&others) {
                Ok(notes) if !notes.is_empty() => self.status = notes.join("; "),
                Ok(_) => {}
                Err(error) => self.show_error("Could not take in the project files the sync brought", error),
            }
        }
        if stories.is_empty() {
            return;
        }
        let Some(workspace) = &self.workspace else { return };
        for change in workspace.outside_changes(&stories) {
            self.take_outside_change(change);
        }
    }

    /// Opens the merge dialog for every story a merge left undecided, and
    /// names the other files.
    fn offer_pending_conflicts(&mut self) {
        let Some(workspace) = &self.workspace else { return };
        let (records, problems) = crate::storage::conflicts::pending(workspace.root());
        for record in records {
            let slug = record.story_slug();
            let theirs = slug.as_ref().and_then(|_| crate::storage::parse_story_text(&record.theirs).ok());
            match (slug.and_then(|slug| workspace.project().story(&slug)), theirs) {
                (Some(mine), Some(theirs)) => {
                    let open = self.dialogs.iter().any(
                        |dialog| matches!(dialog, Dialog::OutsideChange(draft) if draft.conflict.as_deref() == Some(record.path.as_str())),
                    );
                    if !open {
                        let mut draft = crate::ui::OutsideChangeDraft::new(mine, theirs, record.theirs.clone());
                        draft.conflict = Some(record.path.clone());
                        draft.conflict_parts = record.parts.clone();
                        self.dialogs.push(Dialog::OutsideChange(Box::new(draft)));
                    }
                }
                _ => {
                    let open = self
                        .dialogs
                        .iter()
                        .any(|dialog| matches!(dialog, Dialog::FileConflict { path, .. } if *path == record.path));
                    if !open {
                        self.dialogs.push(Dialog::FileConflict { path: record.path.clone(), parts: record.parts });
                    }
                }
            }
        }
        for problem in problems {
            self.status = format!("A conflict record cannot be read: {problem}");
        }
    }

    /// The merge dialog decided a sync conflict: the choice is saved, the
    /// record goes, and the resolution is committed and pushed.
    pub(super) fn resolve_sync_conflict(&mut self, path: &str, ctx: &egui::Context) {
        let Some(root) = self.workspace.as_ref().map(|w| w.root().to_owned()) else { return };
        if !self.save_project() {
            return;
        }
        if let Err(error) = crate::storage::conflicts::remove(&root, path) {
            self.show_error("Could not clear the decided conflict", error.to_string());
            return;
        }
        if let Some(status) = &mut self.sync.status {
            status.conflicts = status.conflicts.saturating_sub(1);
        }
        // As soon as the sync thread is free (a presence update may be
        // running this moment).
        self.sync.push_due = Some(ctx.input(|input| input.time));
    }

    /// The dialog decided a conflict in `project.ron` or a photo record:
    /// theirs is taken in as one undoable step (or mine kept), saved, and
    /// sent.
    pub(super) fn decide_file_conflict(&mut self, path: &str, theirs: bool, ctx: &egui::Context) {
        let Some(workspace) = &self.workspace else { return };
        let (records, _) = crate::storage::conflicts::pending(workspace.root());
        let Some(record) = records.into_iter().find(|record| record.path == path) else { return };
        if theirs {
            let edit = match workspace.edit_to_file_version(path, &record.theirs) {
                Ok(edit) => edit,
                Err(error) => {
                    self.show_error("Could not take their version", error);
                    return;
                }
            };
            if let Some(edit) = edit
                && !self.apply_step(edit, format!("taking their version of {path}"), ctx)
            {
                return;
            }
        }
        self.resolve_sync_conflict(path, ctx);
        self.status = format!("Decided the conflict in {path}; sending it to the desk.");
    }

    /// A status change is news for the desk: save it and send it now.
    pub(super) fn sync_status_change(&mut self, ctx: &egui::Context) {
        if self.sync.shared && self.save_project() {
            self.sync.push_due = Some(ctx.input(|input| input.time));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
