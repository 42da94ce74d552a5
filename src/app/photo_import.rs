//! Attaching pictures without stalling the window: copying each file into
//! the project and reading its agency metadata happen on a background
//! thread; the app polls each frame, shows progress, and attaches all the
//! photos as one undo step when the last one is read.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::model::{Photo, Slug};

/// One picture handled by the import thread.
enum Imported {
    /// Copied and read (with what went wrong reading its metadata).
    Photo(Box<Photo>, Vec<String>),
    /// Could not be attached: why.
    Failed(String),
}

/// An import in progress.
pub struct PhotoImport {
    /// The story the pictures go to.
    pub story: Slug,
    /// How many files were given.
    pub total: usize,
    /// Photos read so far, in the order given.
    pub photos: Vec<Photo>,
    /// Messages for the files that failed or read with warnings.
    pub failures: Vec<String>,
    /// Files handled so far.
    pub done: usize,
    receiver: Receiver<Imported>,
}

impl PhotoImport {
    /// Starts copying `paths` into the project at `project_dir` for `story`.
    /// `on_progress` is called from the thread after each file (the app
    /// passes a repaint request).
    pub fn start(
        project_dir: PathBuf,
        story: Slug,
        paths: Vec<PathBuf>,
        on_progress: impl Fn() + Send + 'static,
    ) -> Self {
        let (sender, receiver) = mpsc::channel();
        let total = paths.len();
        let spawned = std::thread::Builder::new().name("copydesk-photo-import".to_owned()).spawn(move || {
            for path in paths {
                let message = match crate::ops::read_picture(&project_dir, &path) {
                    Ok(read) => Imported::Photo(Box::new(read.photo), read.warnings),
                    Err(message) => Imported::Failed(message),
                };
                if sender.send(message).is_err() {
                    return;
                }
                on_progress();
            }
        });
        let mut import = PhotoImport { story, total, photos: Vec::new(), failures: Vec::new(), done: 0, receiver };
        if let Err(error) = spawned {
            import.failures.push(format!("could not start importing ({error})"));
            import.done = total;
        }
        import
    }

    /// Takes in what the thread finished; true once every file is handled.
    pub fn poll(&mut self) -> bool {
        loop {
            match self.receiver.try_recv() {
                Ok(Imported::Photo(photo, warnings)) => {
                    self.photos.push(*photo);
                    self.failures.extend(warnings);
                    self.done += 1;
                }
                Ok(Imported::Failed(message)) => {
                    self.failures.push(message);
                    self.done += 1;
                }
                Err(TryRecvError::Empty) => return self.done >= self.total,
                Err(TryRecvError::Disconnected) => {
                    if self.done < self.total {
                        self.failures.push("the import stopped before every file was read".to_owned());
                        self.done = self.total;
                    }
                    return true;
                }
            }
        }
    }
}
