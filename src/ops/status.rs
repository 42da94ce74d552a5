//! Moving a story along the workflow: the transition table
//! ([`StoryStatus::transition_to`]), the Mark-ready gate, and an override
//! with a written reason.

use super::{Refused, find_story};
use crate::checks::{MarkCounts, PhotoField, Place, StoryReport, Subject, report};
use crate::edit::{self, Edit};
use crate::model::{Project, Slug, Story, StoryStatus, TextField, Timestamp, Transition};

/// The review checks of story `slug` as the project is now, with its open
/// proofing marks when known.
pub fn check_story(project: &Project, slug: &Slug, marks: Option<MarkCounts>, now: Timestamp) -> Option<StoryReport> {
    let story = project.story(slug)?;
    Some(report(&Subject { settings: &project.settings, story, photos: &project.photos, now, marks }))
}

/// A proofreader for `project`: its dialect, dictionary and names.
pub fn proofreader_for(project: &Project) -> crate::proofing::Proofreader {
    let dialect = crate::proofing::Dialect::from_language_tag(&project.settings.language).unwrap_or_default();
    let words: Vec<String> = project.settings.accepted_words().cloned().collect();
    crate::proofing::Proofreader::new(dialect, &words)
}

/// The stored proofing marks' file in the project's cache folder.
const STORED_MARKS: &str = "proofing.json";

/// The file in the cache folder that keeps the text rules' hits.
const STORED_HITS: &str = "checks.json";

/// Stored proofing marks beyond this many paragraphs keep only those used
/// or found in the latest run.
const STORED_PARAGRAPHS: usize = 50_000;

/// Whether the project folder `root` has proofing marks kept from earlier
/// runs (a file; whether they are of use is known once it is read).
pub fn has_stored_marks(root: &std::path::Path) -> bool {
    crate::storage::thumb_cache::cache_dir(root).join(STORED_MARKS).is_file()
}

/// The proofing marks kept in the project folder `root` from earlier runs
/// (the window's and `copydesk check`'s); empty when there are none or the
/// file cannot be read (it is a cache: a bad one costs a fresh check).
///
/// The dictionary facts kept with them are handed to
/// [`crate::proofing::remember_word_facts`], so the checks need not build
/// harper's dictionary for words they asked about before.
pub fn stored_marks(root: &std::path::Path) -> std::sync::Arc<crate::proofing::StoredMarks> {
    let stored: crate::proofing::StoredMarks = crate::storage::thumb_cache::read_cache_file(root, STORED_MARKS)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    crate::proofing::remember_word_facts(stored.words.clone());
    std::sync::Arc::new(stored)
}

/// Keeps what proofreaders found that `stored` did not have (each
/// proofreader's [`take_fresh`](crate::proofing::Proofreader::take_fresh),
/// found under `settings`), and the dictionary facts the checks looked up,
/// in the project folder `root`, for the next run. Nothing is written when
/// nothing is new.
pub fn keep_stored_marks(
    root: &std::path::Path,
    stored: &crate::proofing::StoredMarks,
    settings: &str,
    found: Vec<crate::proofing::FreshMarks>,
) -> Result<(), crate::storage::StorageError> {
    let words = crate::proofing::remembered_word_facts();
    if found.iter().all(|(fresh, _)| fresh.is_empty()) && words.len() == stored.words.len() {
        return Ok(());
    }
    let mut base = if stored.settings == settings {
        stored.clone()
    } else {
        crate::proofing::StoredMarks { settings: settings.to_owned(), ..Default::default() }
    };
    base.words = words;
    let mut fresh = std::collections::HashMap::new();
    let mut used = std::collections::HashSet::new();
    for (their_fresh, their_used) in found {
        used.extend(their_fresh.keys().cloned());
        used.extend(their_used);
        fresh.extend(their_fresh);
    }
    let kept = base.merged(fresh, &used, STORED_PARAGRAPHS);
    let bytes = serde_json::to_vec(&kept).map_err(|error| crate::storage::StorageError::Invalid {
        path: root.join(crate::storage::thumb_cache::CACHE_DIR).join(STORED_MARKS),
        message: format!("could not write the proofing marks ({error})"),
    })?;
    crate::storage::thumb_cache::write_cache_file(root, STORED_MARKS, &bytes)
}

/// The text rules' hits kept by earlier runs of `copydesk check` in the
/// project folder `root` (none when there are none or they cannot be read:
/// a cache, so the texts are checked afresh).
pub fn stored_hits(root: &std::path::Path) -> crate::checks::KeptHits {
    crate::storage::thumb_cache::read_cache_file(root, STORED_HITS)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Keeps `kept` (from [`crate::checks::KeepingRun::finish`]) in the project
/// folder `root` for the next run.
pub fn keep_stored_hits(
    root: &std::path::Path,
    kept: &crate::checks::KeptHits,
) -> Result<(), crate::storage::StorageError> {
    let bytes = serde_json::to_vec(kept).map_err(|error| crate::storage::StorageError::Invalid {
        path: root.join(crate::storage::thumb_cache::CACHE_DIR).join(STORED_HITS),
        message: format!("could not write the checks' findings ({error})"),
    })?;
    crate::storage::thumb_cache::write_cache_file(root, STORED_HITS, &bytes)
}

/// One open spelling, grammar or style mark of a story, and where it is.
pub type StoryMark = (Place, crate::proofing::Mark);

/// The open spelling, grammar and style marks of a story as the checks
/// read it: its headline, dek and body as they stand (a mark's delimiters
/// or a pending insertion are not proofread) and its photos' captions and
/// alt text, in that order. Spelling marks on the story's names
/// ([`crate::checks::story_names`]) are left out: a name the story uses
/// consistently is not misspelled. For the command line, where no marks
/// are kept; one `proofreader` ([`proofreader_for`]) serves many stories.
pub fn proofing_marks(
    proofreader: &mut crate::proofing::Proofreader,
    project: &Project,
    story: &Story,
) -> Vec<StoryMark> {
    let subject =
        Subject { settings: &project.settings, story, photos: &project.photos, now: Timestamp::EPOCH, marks: None };
    proofing_marks_with(proofreader, project, story, &crate::checks::story_names(&subject))
}

/// [`proofing_marks`] with the story's names already read.
pub fn proofing_marks_with(
    proofreader: &mut crate::proofing::Proofreader,
    project: &Project,
    story: &Story,
    names: &crate::checks::StoryNames,
) -> Vec<StoryMark> {
    let mut found = Vec::new();
    for field in [TextField::Headline, TextField::Dek, TextField::Body] {
        let text = crate::model::tracked::as_it_stands(story.text(field));
        for mark in proofreader.check_text(&text) {
            if !is_name(names, &text, &mark) {
                found.push((Place::Text { field, range: mark.range.clone() }, mark));
            }
        }
    }
    for (index, used) in story.photos.iter().enumerate() {
        let Some(photo) = project.photo(&used.photo) else { continue };
        let caption = photo.caption_as_it_stands();
        for (field, text) in [(PhotoField::Caption, caption.as_ref()), (PhotoField::AltText, photo.alt_text.as_str())] {
            for mark in proofreader.check_text(text) {
                if !is_name(names, text, &mark) {
                    let place =
                        Place::Photo { photo: photo.id.clone(), number: index + 1, field, range: mark.range.clone() };
                    found.push((place, mark));
                }
            }
        }
    }
    found
}

/// Whether `mark` is a spelling mark on one of the story's names.
pub fn is_name(names: &crate::checks::StoryNames, text: &str, mark: &crate::proofing::Mark) -> bool {
    mark.kind == crate::proofing::MarkKind::Spelling && names.accepts_at(text, mark.range.clone())
}

/// How many of `marks` there are of each kind.
pub fn count_marks(marks: &[StoryMark]) -> MarkCounts {
    let mut counts = MarkCounts::default();
    for (_, mark) in marks {
        match mark.kind {
            crate::proofing::MarkKind::Spelling => counts.spelling += 1,
            crate::proofing::MarkKind::Grammar => counts.grammar += 1,
            crate::proofing::MarkKind::Style => counts.style += 1,
        }
    }
    counts
}

/// Moves story `slug` to `to` as `by` at `now`: the status, an automatic
/// revision and an activity-log line, as one step. Ready goes through the
/// gate — every required check must pass (judged now, with `marks`) —
/// unless `override_reason` gives why it may go anyway, which is logged.
/// Published only from Ready, and not before the story's embargo.
pub fn change_status(
    project: &Project,
    slug: &str,
    to: StoryStatus,
    by: &str,
    now: Timestamp,
    marks: Option<MarkCounts>,
    override_reason: Option<&str>,
) -> Result<Edit, Refused> {
    let story = find_story(project, slug)?;
    let not_allowed = |why: &str| Refused::NotAllowed(format!("“{}” is {}: {why}", story.slug, story.status.label()));
    let changed = |edit: Option<Edit>| edit.ok_or_else(|| not_allowed("the story already has that status"));
    if let Some(embargo) = story.embargo_blocks(to, now) {
        return Err(not_allowed(&embargo));
    }
    match story.status.transition_to(to) {
        Transition::NotAllowed(why) => Err(not_allowed(why)),
        Transition::Free => changed(edit::status_change(story, to, by, now)),
        Transition::ThroughGate => {
            let Some(report) = check_story(project, &story.slug, marks, now) else {
                return Err(not_allowed("it cannot be checked"));
            };
            if report.readiness.ready() {
                return changed(edit::status_change(story, to, by, now));
            }
            match override_reason.map(str::trim).filter(|reason| !reason.is_empty()) {
                Some(reason) => changed(edit::override_ready(story, reason, report.readiness.blocking, by, now)),
                None => Err(Refused::Blocked(report.readiness.blocking)),
            }
        }
    }
}

/// Reopens published story `slug` as `how`, by `by` at `now`, as one step:
/// an update or a correction moves it back to Editing as the next version
/// (a correction adds its note, in the project's wording, to the ledger);
/// a kill withdraws it for good with its reason. Each is logged with who
/// and when and takes an automatic revision of the text as it went out.
pub fn reopen(
    project: &Project,
    slug: &str,
    how: &crate::model::Reopening,
    by: &str,
    now: Timestamp,
) -> Result<Edit, Refused> {
    use crate::model::{Correction, Reopening, Withdrawal};
    let story = find_story(project, slug)?;
    if story.status != StoryStatus::Published {
        return Err(Refused::NotAllowed(format!(
            "“{}” is {}: only a published story is reopened (a story that has not run is simply edited)",
            story.slug,
            story.status.label()
        )));
    }
    if by.trim().is_empty() {
        return Err(Refused::NeedsName);
    }
    let note = how.note().trim();
    let needs = |what: &str| Refused::BadValue {
        field: what.to_owned(),
        value: note.to_owned(),
        expected: format!("a {what} is required: say what it is"),
    };
    let mut publication = story.publication.clone();
    let to = match how {
        Reopening::Update { .. } => {
            publication.version += 1;
            StoryStatus::Editing
        }
        Reopening::Correction { .. } => {
            if note.is_empty() {
                return Err(needs("correction note"));
            }
            publication.version += 1;
            let text = crate::model::correction_text(&project.settings.correction_wording, note, now);
            publication.corrections.push(Correction { version: publication.version, at: now, by: by.to_owned(), text });
            StoryStatus::Editing
        }
        Reopening::Kill { .. } => {
            if note.is_empty() {
                return Err(needs("kill reason"));
            }
            publication.withdrawn = Some(Withdrawal { at: now, by: by.to_owned(), reason: note.to_owned() });
            StoryStatus::Killed
        }
    };
    let why = crate::model::Event::Reopened { how: how.clone(), version: publication.version };
    let Some(change) = edit::status_change_noting(story, to, (by, now), Some(why)) else {
        return Err(Refused::NotAllowed(format!("“{}” already has that status", story.slug)));
    };
    let publication = Edit::SetPublication { story: story.slug.clone(), publication: Box::new(publication) };
    Ok(Edit::Batch(vec![change, publication]))
}
