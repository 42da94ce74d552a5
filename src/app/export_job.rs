//! Exporting without stalling the window: the photos are resized and the
//! files written on a background thread (with a copy of the project); the
//! app polls each frame and shows the progress in the status line.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::export::{ExportReport, Format};
use crate::model::{Project, Slug};

/// An export in progress.
pub struct ExportJob {
    /// The story.
    pub story: Slug,
    /// The format.
    pub format: Format,
    /// Where it goes.
    pub out_dir: PathBuf,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    receiver: Receiver<Result<ExportReport, String>>,
}

/// How an export ended.
pub enum Finished {
    /// Still running.
    Running,
    /// Written.
    Done(ExportReport),
    /// Stopped: why.
    Failed(String),
}

impl ExportJob {
    /// Starts exporting `story` of `project` (a copy) from `project_dir`.
    pub fn start(
        project_dir: PathBuf,
        project: Project,
        (story, format, out_dir): (Slug, Format, PathBuf),
        repaint: impl Fn() + Send + 'static,
    ) -> Self {
        let (sender, receiver) = mpsc::channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (thread_done, thread_total) = (Arc::clone(&done), Arc::clone(&total));
        let (slug, dir) = (story.clone(), out_dir.clone());
        let spawned = std::thread::Builder::new().name("copydesk-export".to_owned()).spawn(move || {
            let mut progress = |now: usize, all: usize| {
                thread_done.store(now, Ordering::Relaxed);
                thread_total.store(all, Ordering::Relaxed);
                repaint();
            };
            let result =
                crate::export::write(&project_dir, &project, &slug, format, &dir, crate::clock::now(), &mut progress)
                    .map_err(|error| error.to_string());
            let _ = sender.send(result);
            repaint();
        });
        if let Err(error) = spawned {
            let (sender, failed) = mpsc::channel();
            let _ = sender.send(Err(format!("could not start the export: {error}")));
            return ExportJob { story, format, out_dir, done, total, receiver: failed };
        }
        ExportJob { story, format, out_dir, done, total, receiver }
    }

    /// Photos resized so far, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    /// Whether it has finished, and how.
    pub fn poll(&self) -> Finished {
        match self.receiver.try_recv() {
            Ok(Ok(report)) => Finished::Done(report),
            Ok(Err(message)) => Finished::Failed(message),
            Err(TryRecvError::Empty) => Finished::Running,
            Err(TryRecvError::Disconnected) => Finished::Failed("the export stopped unexpectedly".to_owned()),
        }
    }
}
