//! Watching the open project's `stories/` folder for changes made outside
//! this Copydesk (the `notify` crate: inotify, FSEvents, ReadDirectoryChanges).
//! Events only name paths; the app asks `storage` what really changed, so
//! our own saves are recognised and ignored. A path is handed on only once
//! it has been quiet for [`SETTLE`]: git writes a file it checks out by
//! removing and rewriting it, and a file read in between would look
//! deleted or cut short.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

/// How long a story file must go without events before it is read.
pub const SETTLE: Duration = Duration::from_millis(250);

/// A watch on one project folder.
pub struct ProjectWatcher {
    root: PathBuf,
    // Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    paths: Receiver<PathBuf>,
    /// Paths reported and not yet handed on, with their last event.
    settling: RefCell<HashMap<PathBuf, Instant>>,
}

impl ProjectWatcher {
    /// Watches `root/stories`; `repaint` is called when something changes.
    /// `None` when the system cannot watch it (then changes are seen only
    /// when the project is opened again).
    pub fn start(root: &Path, repaint: impl Fn() + Send + 'static) -> Option<Self> {
        let (sender, paths) = channel();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            // Only story files matter; a save's temporary files come and go.
            let stories: Vec<PathBuf> =
                event.paths.into_iter().filter(|path| path.extension().is_some_and(|ext| ext == "ron")).collect();
            if stories.is_empty() || matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in stories {
                let _ = sender.send(path);
            }
            repaint();
        })
        .ok()?;
        watcher.watch(&root.join(crate::storage::STORIES_DIR), RecursiveMode::NonRecursive).ok()?;
        Some(ProjectWatcher { root: root.to_owned(), _watcher: watcher, paths, settling: RefCell::default() })
    }

    /// The project folder watched.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Story files that changed since the last call and have been quiet
    /// for [`SETTLE`] since, each once; and how long until the next of
    /// the others settles (ask for a frame then).
    pub fn changed(&self) -> (Vec<PathBuf>, Option<Duration>) {
        self.changed_at(Instant::now())
    }

    fn changed_at(&self, now: Instant) -> (Vec<PathBuf>, Option<Duration>) {
        let mut settling = self.settling.borrow_mut();
        for path in self.paths.try_iter() {
            settling.insert(path, now);
        }
        let mut ready = Vec::new();
        let mut next: Option<Duration> = None;
        settling.retain(|path, last| {
            let quiet = now.saturating_duration_since(*last);
            if quiet >= SETTLE {
                ready.push(path.clone());
                false
            } else {
                let left = SETTLE - quiet;
                next = Some(next.map_or(left, |next| next.min(left)));
                true
            }
        });
        ready.sort();
        (ready, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_handed_on_once_it_has_been_quiet() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(crate::storage::STORIES_DIR)).unwrap();
        let watcher = ProjectWatcher::start(dir.path(), || {}).unwrap();
        let (sender, paths) = channel();
        let watcher = ProjectWatcher { paths, ..watcher };
        let story = PathBuf::from("stories/a.ron");
        let start = Instant::now();
        sender.send(story.clone()).unwrap();
        let (ready, next) = watcher.changed_at(start);
        assert!(ready.is_empty(), "just reported: {ready:?}");
        assert_eq!(next, Some(SETTLE));
        // Another event restarts its wait.
        sender.send(story.clone()).unwrap();
        let (ready, next) = watcher.changed_at(start + SETTLE / 2);
        assert!(ready.is_empty());
        assert_eq!(next, Some(SETTLE));
        assert_eq!(watcher.changed_at(start + SETTLE).0, Vec::<PathBuf>::new());
        assert_eq!(watcher.changed_at(start + SETTLE / 2 + SETTLE), (vec![story], None));
        assert_eq!(watcher.changed_at(start + SETTLE * 3), (vec![], None), "handed on once");
    }
}
