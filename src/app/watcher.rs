//! Watching the open project's `stories/` folder for changes made outside
//! this Copydesk (the `notify` crate: inotify, FSEvents, ReadDirectoryChanges).
//! Events only name paths; the app asks `storage` what really changed, so
//! our own saves are recognised and ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecursiveMode, Watcher as _};

/// A watch on one project folder.
pub struct ProjectWatcher {
    root: PathBuf,
    // Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    paths: Receiver<PathBuf>,
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
        Some(ProjectWatcher { root: root.to_owned(), _watcher: watcher, paths })
    }

    /// The project folder watched.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Story files that changed since the last call, each once.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.paths.try_iter().collect();
        paths.sort();
        paths.dedup();
        paths
    }
}
