//! The review checks, run on a worker thread as the project changes: each
//! frame the app says which project state it shows ([`Checking::update`]);
//! when that changed, a copy goes to the worker, which checks every story
//! and sends the reports back. Older requests still queued are skipped, so
//! typing never builds a backlog. The panels read [`Checking::report`].

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::checks::{MarkCounts, StoryReport, Subject, report};
use crate::edit::Revision;
use crate::model::{Project, Slug, Timestamp};

/// What the worker is asked to check.
struct Job {
    key: Key,
    project: Project,
    /// The open story's proofing marks (the others are not proofread).
    marks: Option<(Slug, MarkCounts)>,
    now: Timestamp,
}

/// Which project state a report is for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    revision: Revision,
    marks: Option<(Slug, MarkCounts)>,
    /// Rights expire by the day; re-check when the date turns.
    day: time::Date,
}

/// The worker's end of things: jobs in, reports out.
type Worker = (Sender<Job>, Receiver<(Key, HashMap<Slug, StoryReport>)>);

/// Reports for every story, and the worker that makes them.
#[derive(Default)]
pub struct Checking {
    worker: Option<Worker>,
    asked: Option<Key>,
    reports: HashMap<Slug, StoryReport>,
}

impl Checking {
    /// Asks for a check when the project changed since the last one, and
    /// takes in finished reports.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: Revision,
        marks: Option<(Slug, MarkCounts)>,
        now: Timestamp,
    ) {
        let key = Key { revision, marks: marks.clone(), day: now.0.date() };
        if self.asked.as_ref() != Some(&key) {
            let (jobs, _) = self.worker.get_or_insert_with(|| start(ctx.clone()));
            let job = Job { key: key.clone(), project: project.clone(), marks, now };
            if jobs.send(job).is_ok() {
                self.asked = Some(key);
            } else {
                // The worker is gone (it panicked): start again next frame.
                self.worker = None;
            }
        }
        if let Some((_, results)) = &self.worker {
            while let Ok((_, reports)) = results.try_recv() {
                self.reports = reports;
            }
        }
    }

    /// The latest reports, by story.
    pub fn reports(&self) -> &HashMap<Slug, StoryReport> {
        &self.reports
    }

    /// Forgets every report (another project opened).
    pub fn clear(&mut self) {
        self.asked = None;
        self.reports.clear();
    }
}

/// Checks `project` now, on this thread: for the command line and for the
/// Mark-ready gate, which must judge the project as it is this moment.
pub fn check_now(project: &Project, story: &Slug, marks: Option<MarkCounts>, now: Timestamp) -> Option<StoryReport> {
    let story = project.story(story)?;
    Some(report(&Subject { settings: &project.settings, story, photos: &project.photos, now, marks }))
}

fn start(ctx: egui::Context) -> Worker {
    let (job_sender, jobs) = channel::<Job>();
    let (result_sender, results) = channel();
    let spawned = std::thread::Builder::new().name("copydesk-checks".to_owned()).spawn(move || {
        while let Ok(mut job) = jobs.recv() {
            // Only the newest state matters.
            while let Ok(newer) = jobs.try_recv() {
                job = newer;
            }
            let mut reports = HashMap::new();
            for story in &job.project.stories {
                let marks = job.marks.as_ref().filter(|(slug, _)| *slug == story.slug).map(|(_, counts)| *counts);
                if let Some(report) = check_now(&job.project, &story.slug, marks, job.now) {
                    reports.insert(story.slug.clone(), report);
                }
            }
            if result_sender.send((job.key, reports)).is_err() {
                return;
            }
            ctx.request_repaint();
        }
    });
    if spawned.is_err() {
        // No thread: the channel's receiver is dropped with the closure, so
        // sends fail and `update` tries again later.
    }
    (job_sender, results)
}
