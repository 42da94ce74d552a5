//! [`ProofingService`]: a [`Proofreader`] on a worker thread, so checking
//! never runs on the UI thread.
//!
//! The UI thread and the worker share a small mailbox under a mutex: for
//! each [`TextKey`], the newest text wanted (with a generation number) and
//! the newest finished result. The channel only wakes the worker up; the
//! worker always checks the newest text of a key, so older requests queued
//! for the same key cost nothing, and a result for a text that changed while
//! it was being checked is dropped.

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use super::{Dialect, FreshMarks, PlacedMark, Proofreader, StoredMarks, place_marks};

/// Which text a request is about (the UI uses it to match results to fields).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextKey {
    /// The story's slug.
    pub story: String,
    /// The field: "headline", "dek", "body", ...
    pub field: String,
}

impl TextKey {
    /// The key of `field` in `story`.
    pub fn new(story: impl Into<String>, field: impl Into<String>) -> Self {
        TextKey { story: story.into(), field: field.into() }
    }
}

/// Checks texts on a worker thread that owns a [`Proofreader`].
///
/// Send texts with [`Self::request`]; results come back through
/// [`Self::take_results`], and `on_result` (given to [`Self::start`]) is
/// called each time one is ready so the window can repaint. Dropping the
/// service stops the worker.
pub struct ProofingService {
    /// Wakes the worker up.
    sender: Sender<Message>,
    /// What is wanted and what is done, shared with the worker.
    shared: Arc<Mutex<Shared>>,
    /// The worker, until it is joined on drop; `None` if it could not start.
    worker: Option<JoinHandle<()>>,
}

/// What the worker is told.
enum Message {
    /// The text wanted for this key changed: check its newest text.
    Check(TextKey),
    /// Rebuild the proofreader with these words and check every key again.
    SetWords(Dialect, Vec<String>),
    /// Use these marks kept from earlier runs.
    UseStored(Arc<StoredMarks>),
    /// Finish.
    Stop,
}

/// The mailbox between the UI thread and the worker.
#[derive(Default)]
struct Shared {
    /// The last generation number given out.
    generation: u64,
    /// The newest text wanted for each key.
    wanted: HashMap<TextKey, Wanted>,
    /// Finished results not taken yet, at most one per key.
    results: Vec<(TextKey, String, Vec<PlacedMark>)>,
    /// Marks the worker found that the stored marks did not have, with the
    /// settings they were found under, not taken yet.
    fresh: Option<(String, FreshMarks)>,
}

/// The newest text wanted for a key.
struct Wanted {
    /// Bigger for newer requests (across all keys).
    generation: u64,
    /// The text to check.
    text: String,
    /// Whether a result for this generation (with the current words) has
    /// been put in the mailbox.
    done: bool,
}

impl ProofingService {
    /// Starts the worker. `on_result` is called on the worker thread after
    /// each result is ready (the app passes a closure that calls egui's
    /// `ctx.request_repaint()`).
    ///
    /// The proofreader is built on the worker, so this returns at once; the
    /// first result takes as long as building it (see [`Proofreader::new`]).
    /// If the thread cannot be started, the service stays quiet: requests
    /// are accepted and no results come.
    pub fn start(dialect: Dialect, project_words: Vec<String>, on_result: impl Fn() + Send + 'static) -> Self {
        let (sender, receiver) = mpsc::channel();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let worker_shared = Arc::clone(&shared);
        let worker = std::thread::Builder::new()
            .name("copydesk-proofing".to_owned())
            .spawn(move || {
                Worker::new(dialect, project_words, worker_shared, Box::new(on_result)).run(&receiver);
            })
            .ok();
        ProofingService { sender, shared, worker }
    }

    /// Asks for `text` to be checked. Only the newest request per key
    /// matters: older queued requests for the same key are skipped, and
    /// results for text that has since changed are dropped (a result not
    /// yet taken for an older text of this key is dropped here too).
    ///
    /// Asking again for the text already being checked does nothing; asking
    /// again for a text already checked checks it again (cheap: its
    /// paragraphs are cached) so a fresh result comes.
    pub fn request(&self, key: TextKey, text: String) {
        {
            let mut shared = lock(&self.shared);
            if shared.wanted.get(&key).is_some_and(|wanted| !wanted.done && wanted.text == text) {
                return;
            }
            shared.generation += 1;
            let generation = shared.generation;
            shared.results.retain(|(done_key, done_text, _)| *done_key != key || *done_text == text);
            shared.wanted.insert(key.clone(), Wanted { generation, text, done: false });
        }
        // A closed channel means the worker is gone; there is nobody to tell.
        let _ = self.sender.send(Message::Check(key));
    }

    /// Replaces the dictionary words / dialect (e.g. after "Add to
    /// dictionary"). Cached results are invalidated: results not taken yet
    /// are dropped, and the newest text of every key requested so far is
    /// checked again with the new words, so fresh results come without
    /// asking (texts being typed in are checked first).
    pub fn set_words(&self, dialect: Dialect, project_words: Vec<String>) {
        let _ = self.sender.send(Message::SetWords(dialect, project_words));
    }

    /// Results that arrived since the last call, newest per key: (key, the
    /// exact text that was checked, its marks placed in that text), in the
    /// order they finished. Placing (byte to char offsets) is done on the
    /// worker, so taking results costs the UI thread nothing per character.
    pub fn take_results(&self) -> Vec<(TextKey, String, Vec<PlacedMark>)> {
        std::mem::take(&mut lock(&self.shared).results)
    }

    /// Hands the worker marks kept from earlier runs (see
    /// [`StoredMarks`]): paragraphs found there are not proofread again,
    /// and from then on what the worker checks is kept for
    /// [`Self::take_fresh`].
    pub fn use_stored(&self, stored: Arc<StoredMarks>) {
        let _ = self.sender.send(Message::UseStored(stored));
    }

    /// What the worker found since the last call that the stored marks did
    /// not have, and the settings it was found under; `None` when nothing.
    pub fn take_fresh(&self) -> Option<(String, FreshMarks)> {
        lock(&self.shared).fresh.take()
    }
}

impl Drop for ProofingService {
    /// Stops the worker and waits for it (at most the check in progress).
    fn drop(&mut self) {
        let _ = self.sender.send(Message::Stop);
        if let Some(worker) = self.worker.take() {
            // An error means the worker panicked; there is nothing to clean up.
            let _ = worker.join();
        }
    }
}

/// Locks the mailbox. Nothing panics while holding it, but if something
/// did, the data is still consistent (each update is one assignment), so a
/// poisoned lock is used as is.
fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The worker thread's state.
struct Worker {
    /// The dialect the proofreader was built for (to rebuild it).
    dialect: Dialect,
    /// The project words the proofreader was built with (to rebuild it).
    words: Vec<String>,
    /// The proofreader.
    proofreader: Proofreader,
    /// The mailbox.
    shared: Arc<Mutex<Shared>>,
    /// Called after each result is put in the mailbox.
    on_result: Box<dyn Fn() + Send>,
    /// Keys to check again after the words changed, once nothing newer is
    /// asked for.
    backlog: VecDeque<TextKey>,
    /// The marks kept from earlier runs, to hand each new proofreader.
    stored: Option<Arc<StoredMarks>>,
}

impl Worker {
    /// A worker with a new proofreader.
    fn new(dialect: Dialect, words: Vec<String>, shared: Arc<Mutex<Shared>>, on_result: Box<dyn Fn() + Send>) -> Self {
        let proofreader = Proofreader::new(dialect, &words);
        Worker { dialect, words, proofreader, shared, on_result, backlog: VecDeque::new(), stored: None }
    }

    /// Handles messages until told to stop or the service is gone.
    fn run(mut self, receiver: &Receiver<Message>) {
        loop {
            let message = if self.backlog.is_empty() {
                match receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return,
                }
            } else {
                match receiver.try_recv() {
                    Ok(message) => message,
                    Err(TryRecvError::Empty) => {
                        if let Some(key) = self.backlog.pop_front() {
                            self.check(&key);
                        }
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => return,
                }
            };
            match message {
                Message::Check(key) => self.check(&key),
                Message::SetWords(dialect, words) => self.set_words(dialect, words),
                Message::UseStored(stored) => {
                    self.proofreader.use_stored(Arc::clone(&stored));
                    self.stored = Some(stored);
                }
                Message::Stop => return,
            }
        }
    }

    /// Checks the newest text wanted for `key`, unless it is already done,
    /// and puts the result in the mailbox unless the text changed meanwhile.
    fn check(&mut self, key: &TextKey) {
        let (generation, text) = {
            let shared = lock(&self.shared);
            match shared.wanted.get(key) {
                Some(wanted) if !wanted.done => (wanted.generation, wanted.text.clone()),
                _ => return,
            }
        };
        let proofreader = &mut self.proofreader;
        let marks = match catch_unwind(AssertUnwindSafe(|| proofreader.check_text(&text))) {
            Ok(marks) => place_marks(&text, marks),
            Err(_) => {
                // harper panicked on this text (the panic message went to
                // stderr). Start from a fresh proofreader and report no
                // marks rather than leave the field waiting.
                self.proofreader = Proofreader::new(self.dialect, &self.words);
                if let Some(stored) = &self.stored {
                    self.proofreader.use_stored(Arc::clone(stored));
                }
                Vec::new()
            }
        };
        {
            let mut shared = lock(&self.shared);
            let Shared { wanted, results, .. } = &mut *shared;
            match wanted.get_mut(key) {
                Some(wanted) if wanted.generation == generation && !wanted.done => wanted.done = true,
                _ => return,
            }
            results.retain(|(done_key, _, _)| done_key != key);
            results.push((key.clone(), text, marks));
            let (found, used) = self.proofreader.take_fresh();
            if !found.is_empty() || !used.is_empty() {
                let settings = self.proofreader.settings_key();
                let kept = match shared.fresh.take() {
                    Some((kept_settings, kept)) if kept_settings == settings => kept,
                    _ => Default::default(),
                };
                let (mut all_found, mut all_used) = kept;
                all_found.extend(found);
                all_used.extend(used);
                shared.fresh = Some((settings.to_owned(), (all_found, all_used)));
            }
        }
        (self.on_result)();
    }

    /// Rebuilds the proofreader and queues every key to be checked again.
    fn set_words(&mut self, dialect: Dialect, words: Vec<String>) {
        self.proofreader = Proofreader::new(dialect, &words);
        if let Some(stored) = &self.stored {
            self.proofreader.use_stored(Arc::clone(stored));
        }
        self.dialect = dialect;
        self.words = words;
        let mut shared = lock(&self.shared);
        shared.results.clear();
        let mut keys: Vec<(u64, TextKey)> = shared
            .wanted
            .iter_mut()
            .map(|(key, wanted)| {
                wanted.done = false;
                (wanted.generation, key.clone())
            })
            .collect();
        // Most recently requested first: that is what the user looks at.
        keys.sort_by_key(|(generation, _)| std::cmp::Reverse(*generation));
        self.backlog = keys.into_iter().map(|(_, key)| key).collect();
    }
}
