//! The review checks, run on a worker thread as the project changes.
//!
//! The worker keeps its own copy of what it checks: the settings, the
//! stories and the photo records. Each frame the app calls
//! [`Checking::update`]; when the workspace's revision moved it compares
//! each story's and photo's revision with what it sent last and sends only
//! what changed (one story while typing; never the whole project). The
//! worker takes in everything queued, then re-checks only the stories whose
//! content changed — all of them only when the settings change or the day
//! turns (rights expire by the day), and the stories using a photo when
//! that photo changes — and sends their reports back. The panels read
//! [`Checking::reports`].

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::checks::{MarkCounts, StoryReport, Subject, report};
use crate::edit::Revision;
use crate::model::{Photo, PhotoId, ProjectSettings, Slug, Story, Timestamp};
use crate::workspace::Workspace;

/// One change the worker takes in.
enum Change {
    /// Forget everything (another project, or a worker started afresh).
    Reset,
    /// The project's settings.
    Settings(Box<ProjectSettings>),
    /// A story, new or changed.
    Story(Box<Story>),
    /// A story that is gone (removed, renamed away).
    StoryGone(Slug),
    /// A photo record, new or changed.
    Photo(Box<Photo>),
    /// A photo record that is gone.
    PhotoGone(PhotoId),
    /// The open story's proofing marks (the others are not proofread).
    Marks(Option<(Slug, MarkCounts)>),
    /// The time the checks judge rights against.
    Now(Timestamp),
}

/// What the worker sends back for one batch of changes: the new report of
/// each re-checked story (`None`: the story is gone).
type Reports = Vec<(Slug, Option<StoryReport>)>;

/// The worker's end of things: changes in, reports out, and the reports
/// they replaced going back to be dropped there (a story's report with
/// hundreds of findings is many small frees: not the UI thread's work).
type Worker = (Sender<Vec<Change>>, Receiver<Reports>, Sender<StoryReport>);

/// What the worker was last told.
#[derive(Default)]
struct Sent {
    project: Option<Revision>,
    settings: Option<Revision>,
    order: Option<Revision>,
    library: Option<Revision>,
    stories: HashMap<Slug, Revision>,
    photos: HashMap<PhotoId, Revision>,
    marks: Option<(Slug, MarkCounts)>,
    day: Option<time::Date>,
}

/// Reports for every story, and the worker that makes them.
#[derive(Default)]
pub struct Checking {
    worker: Option<Worker>,
    sent: Sent,
    reports: HashMap<Slug, StoryReport>,
    /// How often each story was checked since the app started: what tests
    /// and benchmarks read to see that typing in one story re-checks that
    /// story only.
    checked: HashMap<Slug, usize>,
}

impl Checking {
    /// Sends the worker what changed since the last call, and takes in
    /// finished reports. `marks` are the open story's proofing counts.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        workspace: &Workspace,
        marks: Option<(Slug, MarkCounts)>,
        now: Timestamp,
    ) {
        let day = now.0.date();
        let unchanged =
            self.sent.project == Some(workspace.revision()) && self.sent.marks == marks && self.sent.day == Some(day);
        if !unchanged {
            let changes = self.changes(workspace, marks, now);
            let (jobs, _, _) = self.worker.get_or_insert_with(|| start(ctx.clone()));
            if jobs.send(changes).is_err() {
                // The worker is gone (it panicked): start afresh next frame.
                self.worker = None;
                self.sent = Sent::default();
            }
        }
        if let Some((_, results, spent)) = &self.worker {
            while let Ok(reports) = results.try_recv() {
                for (slug, report) in reports {
                    if report.is_some() {
                        *self.checked.entry(slug.clone()).or_default() += 1;
                    }
                    let replaced = match report {
                        Some(report) => self.reports.insert(slug, report),
                        None => self.reports.remove(&slug),
                    };
                    if let Some(replaced) = replaced {
                        // Dropped here if the worker is gone.
                        let _ = spent.send(replaced);
                    }
                }
            }
        }
    }

    /// What changed since the worker was last told, and remembers it as
    /// told.
    fn changes(&mut self, workspace: &Workspace, marks: Option<(Slug, MarkCounts)>, now: Timestamp) -> Vec<Change> {
        let project = workspace.project();
        let mut changes = Vec::new();
        if self.sent.project.is_none() {
            changes.push(Change::Reset);
        }
        if self.sent.settings != Some(workspace.settings_revision()) {
            changes.push(Change::Settings(Box::new(project.settings.clone())));
            self.sent.settings = Some(workspace.settings_revision());
        }
        // Each story's revision is compared where it is kept, so typing
        // costs a look-up per story and copies nothing but the story that
        // changed; stories are looked for as gone only when the order moved.
        for story in &project.stories {
            let Some(revision) = workspace.story_revision(&story.slug) else { continue };
            if moved(&mut self.sent.stories, &story.slug, revision) {
                changes.push(Change::Story(Box::new(story.clone())));
            }
        }
        if self.sent.order != Some(workspace.order_revision()) {
            let current = project.stories.iter().map(|story| &story.slug).collect();
            changes.extend(forget_gone(&mut self.sent.stories, &current).into_iter().map(Change::StoryGone));
            self.sent.order = Some(workspace.order_revision());
        }
        // The library is walked only when a photo record changed.
        if self.sent.library != Some(workspace.library_revision()) {
            for photo in &project.photos {
                let Some(revision) = workspace.photo_revision(&photo.id) else { continue };
                if moved(&mut self.sent.photos, &photo.id, revision) {
                    changes.push(Change::Photo(Box::new(photo.clone())));
                }
            }
            let current = project.photos.iter().map(|photo| &photo.id).collect();
            changes.extend(forget_gone(&mut self.sent.photos, &current).into_iter().map(Change::PhotoGone));
            self.sent.library = Some(workspace.library_revision());
        }
        if self.sent.marks != marks {
            changes.push(Change::Marks(marks.clone()));
            self.sent.marks = marks;
        }
        changes.push(Change::Now(now));
        self.sent.day = Some(now.0.date());
        self.sent.project = Some(workspace.revision());
        changes
    }

    /// The latest reports, by story.
    pub fn reports(&self) -> &HashMap<Slug, StoryReport> {
        &self.reports
    }

    /// How many times story `slug`'s report has come back since the app
    /// started.
    pub fn times_checked(&self, slug: &Slug) -> usize {
        self.checked.get(slug).copied().unwrap_or(0)
    }

    /// Forgets every report (another project opened); the next update
    /// sends the worker everything afresh.
    pub fn clear(&mut self) {
        self.sent = Sent::default();
        self.reports.clear();
    }
}

/// Records that `key` is at `revision`; true when that is news (a new key,
/// or one whose revision moved). The key is copied only when it is new.
fn moved<K: std::hash::Hash + Eq + Clone>(sent: &mut HashMap<K, Revision>, key: &K, revision: Revision) -> bool {
    match sent.get_mut(key) {
        Some(known) if *known == revision => false,
        Some(known) => {
            *known = revision;
            true
        }
        None => {
            sent.insert(key.clone(), revision);
            true
        }
    }
}

/// Forgets the keys of `sent` that are not `current` any more; returns them.
fn forget_gone<K: std::hash::Hash + Eq + Clone>(sent: &mut HashMap<K, Revision>, current: &HashSet<&K>) -> Vec<K> {
    let gone: Vec<K> = sent.keys().filter(|key| !current.contains(key)).cloned().collect();
    for key in &gone {
        sent.remove(key);
    }
    gone
}

/// The worker's copy of what it checks.
#[derive(Default)]
struct Mirror {
    settings: ProjectSettings,
    stories: HashMap<Slug, Story>,
    photos: HashMap<PhotoId, Photo>,
    marks: Option<(Slug, MarkCounts)>,
    now: Option<Timestamp>,
}

impl Mirror {
    /// Takes in `changes`; adds to `dirty` the stories to check again and
    /// to `gone` the ones removed.
    fn take(&mut self, changes: Vec<Change>, dirty: &mut HashSet<Slug>, gone: &mut HashSet<Slug>) {
        for change in changes {
            match change {
                Change::Reset => {
                    gone.extend(self.stories.keys().cloned());
                    *self = Mirror::default();
                    dirty.clear();
                }
                Change::Settings(settings) => {
                    self.settings = *settings;
                    dirty.extend(self.stories.keys().cloned());
                }
                Change::Story(story) => {
                    gone.remove(&story.slug);
                    dirty.insert(story.slug.clone());
                    self.stories.insert(story.slug.clone(), *story);
                }
                Change::StoryGone(slug) => {
                    self.stories.remove(&slug);
                    dirty.remove(&slug);
                    gone.insert(slug);
                }
                Change::Photo(photo) => {
                    dirty.extend(self.users_of(&photo.id));
                    self.photos.insert(photo.id.clone(), *photo);
                }
                Change::PhotoGone(id) => {
                    dirty.extend(self.users_of(&id));
                    self.photos.remove(&id);
                }
                Change::Marks(marks) => {
                    for (slug, _) in self.marks.iter().chain(marks.iter()) {
                        dirty.insert(slug.clone());
                    }
                    self.marks = marks;
                }
                Change::Now(now) => {
                    if self.now.is_none_or(|before| before.0.date() != now.0.date()) {
                        dirty.extend(self.stories.keys().cloned());
                    }
                    self.now = Some(now);
                }
            }
        }
    }

    /// The stories that use photo `id`.
    fn users_of(&self, id: &PhotoId) -> Vec<Slug> {
        self.stories
            .values()
            .filter(|story| story.photos.iter().any(|used| used.photo == *id))
            .map(|story| story.slug.clone())
            .collect()
    }

    /// The report of one story, with its own photos.
    fn check(&self, slug: &Slug) -> Option<StoryReport> {
        let story = self.stories.get(slug)?;
        let photos: Vec<Photo> = story.photos.iter().filter_map(|used| self.photos.get(&used.photo)).cloned().collect();
        let marks = self.marks.as_ref().filter(|(marked, _)| marked == slug).map(|(_, counts)| *counts);
        let now = self.now.unwrap_or(Timestamp::EPOCH);
        Some(report(&Subject { settings: &self.settings, story, photos: &photos, now, marks }))
    }
}

fn start(ctx: egui::Context) -> Worker {
    let (job_sender, jobs) = channel::<Vec<Change>>();
    let (result_sender, results) = channel();
    let (spent_sender, spent) = channel::<StoryReport>();
    let spawned = std::thread::Builder::new().name("copydesk-checks".to_owned()).spawn(move || {
        let mut mirror = Mirror::default();
        while let Ok(changes) = jobs.recv() {
            spent.try_iter().for_each(drop);
            let mut dirty = HashSet::new();
            let mut gone = HashSet::new();
            mirror.take(changes, &mut dirty, &mut gone);
            // Take in everything queued before checking: only the newest
            // state of each story matters.
            while let Ok(more) = jobs.try_recv() {
                mirror.take(more, &mut dirty, &mut gone);
            }
            let mut reports: Reports = gone.into_iter().map(|slug| (slug, None)).collect();
            let mut dirty: Vec<Slug> = dirty.into_iter().collect();
            dirty.sort();
            reports.extend(dirty.into_iter().filter_map(|slug| mirror.check(&slug).map(|report| (slug, Some(report)))));
            if reports.is_empty() {
                continue;
            }
            if result_sender.send(reports).is_err() {
                return;
            }
            ctx.request_repaint();
        }
    });
    if spawned.is_err() {
        // No thread: the channel's receiver is dropped with the closure, so
        // sends fail and `update` tries again later.
    }
    (job_sender, results, spent_sender)
}
