//! Spelling and grammar marks for the selected story — its headline, dek
//! and body, and the caption and alt text of each photo it uses — kept in
//! step with the text as it is typed.
//!
//! Each frame the app calls [`Proofing::update`]: it hands changed field
//! texts to the [`ProofingService`] (a worker thread), carries the marks it
//! already has over to the edited text ([`shift_marks_in_place`], so marks do not
//! flicker while a check runs), and takes in finished results whose text is
//! still the field's text. The panels read the marks through
//! [`Proofing::story_marks`] and [`Proofing::photo_marks`]; the review
//! counts them all ([`Proofing::review_counts`]), as `copydesk check` does.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::checks::{PhotoField, StoryNames};

use crate::model::{Photo, PhotoId, Project, Story, TextField};
use crate::proofing::{
    Dialect, FreshMarks, MarkCounts, PlacedMark, ProofingService, StoredMarks, TextKey, count_placed,
    shift_marks_in_place,
};
use crate::ui::{PhotoMarks, StoryMarks};

/// The fields that are checked as they are typed.
pub const CHECKED_FIELDS: [TextField; 3] = [TextField::Headline, TextField::Dek, TextField::Body];

/// The fields of each of the story's photos that are checked as they are
/// typed (what `ops::proofing_marks` proofreads for the command line).
pub const CHECKED_PHOTO_FIELDS: [PhotoField; 2] = [PhotoField::Caption, PhotoField::AltText];

/// The marks of the texts being checked, and the worker that checks them.
#[derive(Default)]
pub struct Proofing {
    /// Started on first use, with the context it repaints.
    service: Option<ProofingService>,
    /// The dialect and words the service was given.
    words: Option<(Dialect, Vec<String>)>,
    /// For each checked field: the text its marks are placed in.
    fields: HashMap<TextKey, FieldMarks>,
    /// Marked words the user chose to ignore this session.
    ignored: HashSet<String>,
    /// The selected story's names (from its last review check): spelling
    /// marks on them are left out.
    names: Option<Arc<StoryNames>>,
    /// Counts changes of `names`: a field checked under older names is
    /// asked for again (its paragraphs are cached, so that is cheap).
    names_epoch: u64,
    /// Whether marks are checked and shown at all.
    enabled: bool,
    /// The marks kept in the open project's cache folder, shared with
    /// `copydesk check`.
    kept: KeptMarks,
}

/// How often, at most, what the worker found is written to the project's
/// stored marks, in seconds.
const KEEP_EVERY: f64 = 10.0;

/// The open project's stored proofing marks: read on a thread when the
/// project opens and handed to the worker; what the worker finds is written
/// back now and then, on a thread.
#[derive(Default)]
struct KeptMarks {
    /// The project folder they are for.
    root: Option<std::path::PathBuf>,
    /// The stored marks being read.
    reading: Option<std::sync::mpsc::Receiver<Arc<StoredMarks>>>,
    /// The stored marks as read.
    base: Option<Arc<StoredMarks>>,
    /// Whether the running worker has been given `base`.
    handed: bool,
    /// What the worker found since, under its settings.
    fresh: Option<(String, FreshMarks)>,
    /// When they were last written (the input's time, in seconds).
    written_at: f64,
}

/// The marks of one field's text.
#[derive(Default)]
struct FieldMarks {
    /// The text the marks are placed in: the field's text as last seen.
    text: String,
    /// Sorted by position.
    marks: Vec<PlacedMark>,
    /// The `names_epoch` the field was last asked for under.
    epoch: u64,
}

impl Proofing {
    /// Proofing switched on, not started yet.
    pub fn new() -> Self {
        Proofing { enabled: true, ..Default::default() }
    }

    /// Whether marks are checked and shown.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Brings the marks of `story`'s checked fields, and of the caption and
    /// alt text of the photos it uses, up to date with their text, and asks
    /// for checks of text that changed. `project`'s settings give the
    /// dialect and the words spelling accepts (the dictionary and names),
    /// its library the photos; `names` are the story's own names (from its
    /// last review check), which spelling accepts in it and its captions.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        story: Option<&Story>,
        names: Option<&Arc<StoryNames>>,
    ) {
        if !self.enabled {
            return;
        }
        let settings = &project.settings;
        // A new review report brings new names (their places move with
        // every keystroke); only a change in what spelling accepts makes
        // the fields be asked for again.
        let same_names = match (&self.names, names) {
            (Some(held), Some(given)) => Arc::ptr_eq(held, given) || held.accepts_as(given),
            (None, None) => true,
            _ => false,
        };
        if !same_names {
            self.names_epoch += 1;
        }
        self.names = names.cloned();
        let dialect = Dialect::from_language_tag(&settings.language).unwrap_or_default();
        let service = self.service.get_or_insert_with(|| {
            let ctx = ctx.clone();
            ProofingService::start(dialect, settings.accepted_words().cloned().collect(), move || ctx.request_repaint())
        });
        let words_changed = self.words.as_ref().is_none_or(|(given_dialect, given)| {
            *given_dialect != dialect || !given.iter().eq(settings.accepted_words())
        });
        if words_changed {
            let words: Vec<String> = settings.accepted_words().cloned().collect();
            if self.words.is_some() {
                service.set_words(dialect, words.clone());
            }
            self.words = Some((dialect, words));
        }
        for (key, text, marks) in service.take_results() {
            if let Some(field) = self.fields.get_mut(&key)
                && field.text == text
            {
                field.marks = marks;
                let names = self.names.as_deref();
                field
                    .marks
                    .retain(|placed| !is_ignored(&self.ignored, &text, placed) && !is_name(names, &text, placed));
            }
        }
        // Nothing is asked for until the stored marks are read (a moment),
        // so text checked in an earlier run is not proofread again.
        if self.kept.reading.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(15));
            return;
        }
        if let Some(base) = &self.kept.base
            && !self.kept.handed
        {
            service.use_stored(Arc::clone(base));
            self.kept.handed = true;
        }
        let Some(story) = story else {
            return;
        };
        let epoch = self.names_epoch;
        for field in CHECKED_FIELDS {
            // What is shown: suggestions and comment marks taken out.
            let shown = crate::ui::text_marks::shown_text(story, field);
            track(service, &mut self.fields, key(story, field), &shown, epoch);
        }
        for photo in story_photos(project, story) {
            for field in CHECKED_PHOTO_FIELDS {
                if let Some(text) = crate::ui::text_marks::photo_text(photo, field) {
                    track(service, &mut self.fields, photo_key(&photo.id, field), &text, epoch);
                }
            }
        }
    }

    /// Keeps the marks of the project at `root` between runs: the first
    /// call for a project reads its stored marks (on a thread) and hands
    /// them to the worker, so paragraphs checked before — by the window or
    /// `copydesk check` — are not proofread again; later calls write what
    /// the worker found since in the fields' paragraphs as they are now, at
    /// most every [`KEEP_EVERY`] seconds, on a thread. `seconds` is the
    /// input's time.
    pub fn keep_marks(&mut self, root: &std::path::Path, seconds: f64) {
        let kept = &mut self.kept;
        if kept.root.as_deref() != Some(root) {
            let (send, receive) = std::sync::mpsc::channel();
            let from = root.to_owned();
            let started = std::thread::Builder::new()
                .name("copydesk-kept-marks".to_owned())
                .spawn(move || {
                    let _ = send.send(crate::ops::stored_marks(&from));
                })
                .is_ok();
            *kept =
                KeptMarks { root: Some(root.to_owned()), reading: started.then_some(receive), ..Default::default() };
        }
        if let Some(reading) = &kept.reading
            && let Ok(stored) = reading.try_recv()
        {
            kept.reading = None;
            kept.base = Some(stored);
        }
        let Some(service) = &self.service else { return };
        if let Some(base) = &kept.base
            && !kept.handed
        {
            service.use_stored(Arc::clone(base));
            kept.handed = true;
        }
        if let Some((settings, (found, used))) = service.take_fresh() {
            match &mut kept.fresh {
                Some((kept_settings, (all_found, all_used))) if *kept_settings == settings => {
                    all_found.extend(found);
                    all_used.extend(used);
                }
                _ => kept.fresh = Some((settings, (found, used))),
            }
        }
        if seconds - kept.written_at < KEEP_EVERY {
            return;
        }
        let (Some(base), Some((settings, fresh))) = (&kept.base, &mut kept.fresh) else { return };
        if fresh.0.is_empty() {
            return;
        }
        kept.written_at = seconds;
        // Typing passes through many versions of a paragraph: only the
        // paragraphs the fields hold now are worth keeping.
        let current: HashSet<String> =
            self.fields.values().flat_map(|field| crate::proofing::paragraph_keys(&field.text)).collect();
        fresh.0.retain(|key, _| current.contains(key));
        if fresh.0.is_empty() {
            return;
        }
        let (root, base, settings, fresh) = (root.to_owned(), Arc::clone(base), settings.clone(), fresh.clone());
        // A cache: if it cannot be written, the next run checks afresh.
        let _ = std::thread::Builder::new().name("copydesk-keep-marks".to_owned()).spawn(move || {
            let _ = crate::ops::keep_stored_marks(&root, &base, &settings, vec![fresh]);
        });
    }

    /// Switches checking on or off. Off forgets every mark and stops the
    /// worker; on starts again from scratch.
    pub fn set_enabled(&mut self, enabled: bool) {
        self.enabled = enabled;
        if !enabled {
            self.service = None;
            self.kept.handed = false;
            self.words = None;
            self.fields.clear();
        }
    }

    /// Forgets every mark (another project opened, recovered work put
    /// back); the worker and its dictionary stay.
    pub fn forget_marks(&mut self) {
        self.fields.clear();
    }

    /// The marks of `story`'s checked fields, as far as they are known.
    pub fn story_marks<'a>(&'a self, story: &Story) -> StoryMarks<'a> {
        let marks = |field: TextField| -> &'a [PlacedMark] {
            if !self.enabled {
                return &[];
            }
            match self.fields.get(&key(story, field)) {
                Some(known) if known.text == *crate::ui::text_marks::shown_text(story, field) => &known.marks,
                _ => &[],
            }
        };
        StoryMarks { headline: marks(TextField::Headline), dek: marks(TextField::Dek), body: marks(TextField::Body) }
    }

    /// The marks of `photo`'s caption or alt text (none for other fields),
    /// as far as they are known: only while the selected story uses the
    /// photo are its marks kept up to date.
    pub fn photo_marks(&self, photo: &Photo, field: PhotoField) -> &[PlacedMark] {
        if !self.enabled {
            return &[];
        }
        let Some(text) = crate::ui::text_marks::photo_text(photo, field) else {
            return &[];
        };
        match self.fields.get(&photo_key(&photo.id, field)) {
            Some(known) if *known.text == *text => &known.marks,
            _ => &[],
        }
    }

    /// The marks of both proofread fields of `photo`.
    pub fn photo_field_marks(&self, photo: &Photo) -> PhotoMarks<'_> {
        PhotoMarks {
            caption: self.photo_marks(photo, PhotoField::Caption),
            alt_text: self.photo_marks(photo, PhotoField::AltText),
        }
    }

    /// The open marks of `story` the review counts: its checked fields and
    /// the caption and alt text of each photo it uses (each use, as
    /// `ops::proofing_marks` counts them for `copydesk check`).
    pub fn review_counts(&self, project: &Project, story: &Story) -> MarkCounts {
        let mut counts = self.story_marks(story).counts();
        for used in &story.photos {
            let Some(photo) = project.photo(&used.photo) else { continue };
            for field in CHECKED_PHOTO_FIELDS {
                let field = count_placed(self.photo_marks(photo, field));
                counts.spelling += field.spelling;
                counts.grammar += field.grammar;
                counts.style += field.style;
            }
        }
        counts
    }

    /// Hides every mark on `word` for the rest of the session.
    pub fn ignore(&mut self, word: String) {
        self.ignored.insert(word);
        for field in self.fields.values_mut() {
            let FieldMarks { text, marks, .. } = field;
            marks.retain(|placed| !is_ignored(&self.ignored, text, placed));
        }
    }
}

/// The service's key for a field of a story.
fn key(story: &Story, field: TextField) -> TextKey {
    TextKey::new(story.slug.as_str(), field.label())
}

/// The service's key for a proofread field of a photo (photos are shared
/// between stories, so the key is the photo's, not a story's).
fn photo_key(photo: &PhotoId, field: PhotoField) -> TextKey {
    TextKey::new(format!("photo:{photo}"), crate::ui::text_marks::photo_field_label(field))
}

/// The photos `story` uses that are in the library, each once.
fn story_photos<'a>(project: &'a Project, story: &'a Story) -> impl Iterator<Item = &'a Photo> {
    let mut seen = HashSet::new();
    story.photos.iter().filter(move |used| seen.insert(&used.photo)).filter_map(|used| project.photo(&used.photo))
}

/// Keeps the marks of the field under `key` in step with its `text`: a new
/// field is asked for; a changed one is asked for again, its marks shifted
/// onto the new text meanwhile; one checked under older names (`epoch`)
/// is asked for again.
fn track(service: &ProofingService, fields: &mut HashMap<TextKey, FieldMarks>, key: TextKey, text: &str, epoch: u64) {
    match fields.entry(key) {
        Entry::Vacant(slot) => {
            service.request(slot.key().clone(), text.to_owned());
            slot.insert(FieldMarks { text: text.to_owned(), marks: Vec::new(), epoch });
        }
        Entry::Occupied(slot) if slot.get().text != text => {
            service.request(slot.key().clone(), text.to_owned());
            let known = slot.into_mut();
            shift_marks_in_place(&known.text, text, &mut known.marks);
            text.clone_into(&mut known.text);
            known.epoch = epoch;
        }
        Entry::Occupied(mut slot) if slot.get().epoch != epoch => {
            service.request(slot.key().clone(), text.to_owned());
            slot.get_mut().epoch = epoch;
        }
        Entry::Occupied(_) => {}
    }
}

/// Whether `placed` is a spelling mark on one of the story's names.
fn is_name(names: Option<&StoryNames>, text: &str, placed: &PlacedMark) -> bool {
    names.is_some_and(|names| crate::ops::is_name(names, text, &placed.mark))
}

/// Whether the user ignored the words under `placed`.
fn is_ignored(ignored: &HashSet<String>, text: &str, placed: &PlacedMark) -> bool {
    text.get(placed.mark.range.clone()).is_some_and(|word| ignored.contains(word))
}
