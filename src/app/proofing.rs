//! Spelling and grammar marks for the selected story, kept in step with the
//! text as it is typed.
//!
//! Each frame the app calls [`Proofing::update`]: it hands changed field
//! texts to the [`ProofingService`] (a worker thread), carries the marks it
//! already has over to the edited text ([`shift_marks`], so marks do not
//! flicker while a check runs), and takes in finished results whose text is
//! still the field's text. The panels read the marks through
//! [`Proofing::story_marks`].

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::checks::StoryNames;

use crate::model::{ProjectSettings, Story, TextField};
use crate::proofing::{Dialect, PlacedMark, ProofingService, TextKey, shift_marks};
use crate::ui::StoryMarks;

/// The fields that are checked as they are typed.
pub const CHECKED_FIELDS: [TextField; 3] = [TextField::Headline, TextField::Dek, TextField::Body];

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

    /// Brings the marks of `story`'s checked fields up to date with their
    /// text, and asks for checks of text that changed. `settings` gives the
    /// dialect and the words spelling accepts (the dictionary and names);
    /// `names` are the story's own names (from its last review check),
    /// which spelling accepts in it.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        settings: &ProjectSettings,
        story: Option<&Story>,
        names: Option<&Arc<StoryNames>>,
    ) {
        if !self.enabled {
            return;
        }
        let same_names = match (&self.names, names) {
            (Some(held), Some(given)) => Arc::ptr_eq(held, given) || held == given,
            (None, None) => true,
            _ => false,
        };
        if !same_names {
            self.names = names.cloned();
            self.names_epoch += 1;
        }
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
        let Some(story) = story else {
            return;
        };
        for field in CHECKED_FIELDS {
            let key = key(story, field);
            // What is shown: suggestions and comment marks taken out.
            let shown = crate::ui::text_marks::shown_text(story, field);
            let text: &str = &shown;
            let epoch = self.names_epoch;
            match self.fields.entry(key) {
                Entry::Vacant(slot) => {
                    service.request(slot.key().clone(), text.to_owned());
                    slot.insert(FieldMarks { text: text.to_owned(), marks: Vec::new(), epoch });
                }
                Entry::Occupied(slot) if slot.get().text != text => {
                    service.request(slot.key().clone(), text.to_owned());
                    let known = slot.into_mut();
                    known.marks = shift_marks(&known.text, text, &known.marks);
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
    }

    /// Switches checking on or off. Off forgets every mark and stops the
    /// worker; on starts again from scratch.
    pub fn set_enabled(&mut self, enabled: bool) {
        self.enabled = enabled;
        if !enabled {
            self.service = None;
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

/// Whether `placed` is a spelling mark on one of the story's names.
fn is_name(names: Option<&StoryNames>, text: &str, placed: &PlacedMark) -> bool {
    names.is_some_and(|names| crate::ops::is_name(names, text, &placed.mark))
}

/// Whether the user ignored the words under `placed`.
fn is_ignored(ignored: &HashSet<String>, text: &str, placed: &PlacedMark) -> bool {
    text.get(placed.mark.range.clone()).is_some_and(|word| ignored.contains(word))
}
