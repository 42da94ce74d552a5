//! Every check on one story: its fields, its text, its photos, its pending
//! suggestions and open comments, and its sign-offs, at the levels the
//! project sets.
//!
//! The headline, dek and body are checked as they stand
//! ([`tracked::as_it_stands`]: pending insertions left out, text suggested
//! for deletion kept, no mark delimiters), so a finding's byte range in one
//! of them is a range of that text as it stands, not of the field's stored
//! text with its marks.

use std::borrow::Cow;
use std::ops::Range;

use super::captions::{self, Name};
use super::names::{Source, StoryNames};
use super::report::{Finding, PhotoField, Place, Readiness, Respelling, StoryReport};
use super::signoffs::{ItemState, item_state};
use super::{Hit, Rule, TextKind, check_text, house_style};
use crate::model::tracked::{self, MarkKind};
use crate::model::{CheckLevel, Photo, PhotoUse, ProjectSettings, Story, TextField, Timestamp, text_stats};
pub use crate::proofing::MarkCounts;

/// What the checks read: a story, the photos it may use, the project's
/// settings, the time to check rights against, and the proofreader's marks
/// (when it has run).
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    /// The project's settings.
    pub settings: &'a ProjectSettings,
    /// The story.
    pub story: &'a Story,
    /// The photo library (or the story's photos).
    pub photos: &'a [Photo],
    /// Now: photo rights are checked against the story's planned publish
    /// time, else this.
    pub now: Timestamp,
    /// Open proofing marks, if known.
    pub marks: Option<MarkCounts>,
}

/// A body this much shorter or longer than its target is flagged.
const BODY_TOLERANCE: f64 = 0.15;

/// Every finding on the story, required ones first, then in story order.
pub fn check_story(subject: &Subject<'_>) -> Vec<Finding> {
    check_story_with(subject, &story_names(subject))
}

/// [`check_story`] with the story's names already read.
fn check_story_with(subject: &Subject<'_>, names: &StoryNames) -> Vec<Finding> {
    let mut sink = Sink { settings: subject.settings, findings: Vec::new() };
    fields(subject, &mut sink);
    texts(subject, &mut sink);
    spelled_two_ways(names, &mut sink);
    tracked_changes(subject.story, &mut sink);
    photos(subject, &mut sink);
    if let Some(marks) = subject.marks {
        let total = marks.spelling + marks.grammar + marks.style;
        if total > 0 {
            sink.add(
                Rule::ProofingMarks,
                Place::Story,
                format!(
                    "{} spelling, {} grammar and {} style marks are still open in the text: fix, ignore or add the words to the dictionary.",
                    marks.spelling, marks.grammar, marks.style
                ),
                None,
            );
        }
    }
    let mut findings = sink.findings;
    findings.sort_by_key(|finding| finding.level);
    findings
}

/// The level `rule` runs at in a project.
pub fn level_of(settings: &ProjectSettings, rule: Rule) -> CheckLevel {
    settings.check_levels.get(rule.id()).copied().unwrap_or_else(|| rule.default_level())
}

/// Collects findings at the levels the project sets, dropping rules that
/// are off.
struct Sink<'a> {
    settings: &'a ProjectSettings,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    /// Adds a finding at the rule's level; the finding, unless the rule is
    /// off.
    fn add(
        &mut self,
        rule: Rule,
        place: Place,
        message: String,
        suggestion: Option<super::Suggestion>,
    ) -> Option<&mut Finding> {
        self.add_at_most(CheckLevel::Required, rule, place, message, suggestion)
    }

    /// Adds a finding no stronger than `cap`: a rule's softer findings
    /// (a caption naming an unmentioned place) are recommended even where
    /// the rule is required.
    fn add_at_most(
        &mut self,
        cap: CheckLevel,
        rule: Rule,
        place: Place,
        message: String,
        suggestion: Option<super::Suggestion>,
    ) -> Option<&mut Finding> {
        // Levels order Required < Recommended < Off: the larger is the softer.
        let level = level_of(self.settings, rule).max(cap);
        if level == CheckLevel::Off {
            return None;
        }
        self.findings.push(Finding { rule, level, place, message, suggestion, respellings: Vec::new() });
        self.findings.last_mut()
    }
}

fn empty_at(field: TextField) -> Place {
    Place::Text { field, range: 0..0 }
}

/// The fields that can hold tracked changes and comments.
const TRACKED_FIELDS: [TextField; 3] = [TextField::Headline, TextField::Dek, TextField::Body];

/// A field's text as the checks read it: the headline, dek and body as
/// they stand (without pending suggestions or marks), the rest as stored.
fn standing(story: &Story, field: TextField) -> Cow<'_, str> {
    let text = story.text(field);
    if TRACKED_FIELDS.contains(&field) { tracked::as_it_stands(text) } else { Cow::Borrowed(text) }
}

fn fields(subject: &Subject<'_>, sink: &mut Sink<'_>) {
    let story = subject.story;
    for field in [TextField::Headline, TextField::Byline, TextField::Dateline, TextField::Section, TextField::Body] {
        if standing(story, field).trim().is_empty() {
            sink.add(
                Rule::RequiredField,
                empty_at(field),
                format!("The {} is empty: fill it in.", field.label().to_lowercase()),
                None,
            );
        }
    }
    for (field, limit, rule) in [
        (TextField::Headline, subject.settings.headline_max_chars, Rule::HeadlineLength),
        (TextField::Dek, subject.settings.dek_max_chars, Rule::DekLength),
    ] {
        let text = standing(story, field);
        let count = text.chars().count();
        if limit > 0 && count > limit as usize {
            // Point at the characters past the limit.
            let start = text.char_indices().nth(limit as usize).map_or(text.len(), |(at, _)| at);
            sink.add(
                rule,
                Place::Text { field, range: start..text.len() },
                format!(
                    "The {} is {count} characters, {} over the limit of {limit}: shorten it.",
                    field.label().to_lowercase(),
                    count - limit as usize
                ),
                None,
            );
        }
    }
    let words = text_stats(&standing(story, TextField::Body)).words;
    let target = f64::from(story.target_words);
    if story.target_words > 0 && words > 0 {
        let ratio = words as f64 / target;
        if !(1.0 - BODY_TOLERANCE..=1.0 + BODY_TOLERANCE).contains(&ratio) {
            let (how, by) = if ratio < 1.0 {
                ("short of", story.target_words as usize - words)
            } else {
                ("over", words - story.target_words as usize)
            };
            sink.add(
                Rule::BodyLength,
                empty_at(TextField::Body),
                format!("The body is {words} words, {by} {how} its target of {}.", story.target_words),
                None,
            );
        }
    }
}

fn texts(subject: &Subject<'_>, sink: &mut Sink<'_>) {
    let story = subject.story;
    // Dates without a year and ages are read on the day the story runs.
    let reference = Some(super::dates::story_date(story.publish_at.unwrap_or(subject.now)));
    for (field, kind) in
        [(TextField::Headline, TextKind::Headline), (TextField::Dek, TextKind::Dek), (TextField::Body, TextKind::Body)]
    {
        let text = standing(story, field);
        if text.trim().is_empty() {
            continue;
        }
        // A fix replaces a range of the text as it stands; in a field with
        // marks the window places it on the text as shown and types it
        // like any edit (a suggestion itself in suggestion mode).
        let mut hits = check_text(kind, &text);
        hits.extend(house_style(&text, &subject.settings.house_style));
        if kind != TextKind::Headline {
            hits.extend(super::dates::check_dates(&text, reference));
        }
        for Hit { rule, range, message, suggestion } in hits {
            sink.add(rule, Place::Text { field, range }, message, suggestion);
        }
    }
}

fn photos(subject: &Subject<'_>, sink: &mut Sink<'_>) {
    let story = subject.story;
    if story.photos.is_empty() {
        return;
    }
    if !story.photos.iter().any(|used| used.lead) {
        sink.add(
            Rule::LeadPhoto,
            Place::Story,
            "The story has photos but no lead photo: choose one in Photos.".to_owned(),
            None,
        );
    }
    let story_words = captions::word_set(&format!(
        "{}\n{}\n{}",
        standing(story, TextField::Headline),
        standing(story, TextField::Dek),
        standing(story, TextField::Body)
    ));
    let when = story.publish_at.unwrap_or(subject.now);
    let mut shapes: Vec<(String, String, usize)> = Vec::new();
    for (index, used) in story.photos.iter().enumerate() {
        let number = index + 1;
        let at = |field: PhotoField, range: std::ops::Range<usize>| Place::Photo {
            photo: used.photo.clone(),
            number,
            field,
            range,
        };
        let Some(photo) = subject.photos.iter().find(|photo| photo.id == used.photo) else {
            sink.add(
                Rule::PhotoCaption,
                at(PhotoField::Whole, 0..0),
                format!("Photo {number} ({}) is not in the project's photo library: attach it again.", used.photo),
                None,
            );
            continue;
        };
        let caption = photo.caption_as_it_stands();
        for (empty, rule, field, what) in [
            (caption.trim().is_empty(), Rule::PhotoCaption, PhotoField::Caption, "a caption"),
            (photo.credit.trim().is_empty(), Rule::PhotoCredit, PhotoField::Credit, "a credit"),
            (photo.alt_text.trim().is_empty(), Rule::PhotoAltText, PhotoField::AltText, "alt text"),
        ] {
            if empty {
                sink.add(rule, at(field, 0..0), format!("Photo {number} has no {what}: add it in Photos."), None);
            }
        }
        if let Some(message) = usage(photo, when) {
            sink.add(Rule::UsageExpired, at(PhotoField::Usage, 0..0), message, None);
        }
        caption_suggestions(photo, number, |range, message| {
            sink.add(Rule::PendingSuggestions, at(PhotoField::Caption, range), message, None);
        });
        if !caption.trim().is_empty() {
            let mut hits = check_text(TextKind::Caption, &caption);
            hits.extend(house_style(&caption, &subject.settings.house_style));
            hits.extend(super::dates::check_dates(&caption, Some(super::dates::story_date(when))));
            for Hit { rule, range, message, suggestion } in hits {
                sink.add(rule, at(PhotoField::Caption, range), message, suggestion);
            }
            if let Some((cap, message)) = caption_belongs(photo, number, &story_words) {
                let range = 0..caption.len();
                sink.add_at_most(cap, Rule::CaptionBelongs, at(PhotoField::Caption, range), message, None);
            }
        }
        if let Some(credit) = captions::caption_credit(&caption) {
            shapes.push((captions::credit_shape(credit), credit.to_owned(), number));
        }
    }
    credit_formats(story, &shapes, sink);
}

/// Quoted text in a message is cut to this many characters.
const QUOTED_CHARS: usize = 60;

/// `text` on one line, cut to [`QUOTED_CHARS`] with an ellipsis.
fn quoted(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= QUOTED_CHARS {
        return line;
    }
    let cut: String = line.chars().take(QUOTED_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// One finding per pending suggestion and per open comment, at its text in
/// the field as it stands: a deletion and a comment's anchor at the text
/// they are on, an insertion (absent as things stand) where it would go.
fn tracked_changes(story: &Story, sink: &mut Sink<'_>) {
    let mut anchored: Vec<&str> = Vec::new();
    for field in TRACKED_FIELDS {
        let text = story.text(field);
        if !tracked::has_marks(text) {
            continue;
        }
        for (mark, shown, range) in standing_marks(text) {
            let place = Place::Text { field, range };
            match mark.kind {
                MarkKind::Insert | MarkKind::Delete => {
                    let what = if mark.kind == MarkKind::Insert { "insert" } else { "delete" };
                    let by = story.suggestions.iter().find(|s| s.id == mark.id).map_or_else(
                        || format!("Pending suggestion {}", mark.id),
                        |s| format!("Pending suggestion by {} ({})", s.author, s.at.short()),
                    );
                    let message = format!(
                        "{by} in the {}: {what} “{}” — accept or reject it.",
                        field.label().to_lowercase(),
                        quoted(&shown)
                    );
                    sink.add(Rule::PendingSuggestions, place, message, None);
                }
                MarkKind::Comment => {
                    let Some(comment) = story.comments.iter().find(|c| c.id == mark.id) else { continue };
                    anchored.push(comment.id.as_str());
                    if comment.resolved {
                        continue;
                    }
                    let on = if shown.trim().is_empty() {
                        "text since deleted".to_owned()
                    } else {
                        format!("“{}”", quoted(&shown))
                    };
                    let message = format!(
                        "Open comment by {} ({}) on {on}: “{}” — resolve it.",
                        comment.author,
                        comment.at.short(),
                        quoted(&comment.text)
                    );
                    sink.add(Rule::OpenComments, place, message, None);
                }
            }
        }
    }
    // A thread whose anchor is in no field is still open.
    for comment in story.comments.iter().filter(|c| !c.resolved && !anchored.contains(&c.id.as_str())) {
        let message = format!(
            "Open comment by {} ({}): “{}” — resolve it.",
            comment.author,
            comment.at.short(),
            quoted(&comment.text)
        );
        sink.add(Rule::OpenComments, Place::Story, message, None);
    }
}

/// Each mark of a field's stored text, its text as shown, and its range in
/// the text as it stands ([`tracked::as_it_stands`]: the shown text without
/// the insertions).
fn standing_marks(text: &str) -> Vec<(tracked::Mark, String, Range<usize>)> {
    let parsed = tracked::parse(text);
    let insertions: Vec<Range<usize>> =
        parsed.marks.iter().filter(|m| m.kind == MarkKind::Insert).map(|m| m.range.clone()).collect();
    // Bytes of insertions before `at` in the shown text.
    let standing_at = |at: usize| {
        let inserted: usize = insertions.iter().map(|r| r.end.min(at).saturating_sub(r.start)).sum();
        at.saturating_sub(inserted)
    };
    parsed
        .marks
        .iter()
        .map(|mark| {
            let shown = parsed.shown.get(mark.range.clone()).unwrap_or_default().to_owned();
            let range = standing_at(mark.range.start)..standing_at(mark.range.end);
            (mark.clone(), shown, range)
        })
        .collect()
}

/// One finding per pending suggestion in a photo's caption, at its text in
/// the caption as it stands (`found` gets the range and the message).
fn caption_suggestions(photo: &Photo, number: usize, mut found: impl FnMut(Range<usize>, String)) {
    if !tracked::has_marks(&photo.caption) {
        return;
    }
    for (mark, shown, range) in standing_marks(&photo.caption) {
        let what = match mark.kind {
            MarkKind::Insert => "insert",
            MarkKind::Delete => "delete",
            MarkKind::Comment => continue,
        };
        let by = photo.suggestions.iter().find(|s| s.id == mark.id).map_or_else(
            || format!("Pending suggestion {}", mark.id),
            |s| format!("Pending suggestion by {} ({})", s.author, s.at.short()),
        );
        found(
            range,
            format!("{by} in photo {number}'s caption: {what} “{}” — accept or reject it in Photos.", quoted(&shown)),
        );
    }
}

/// Why a photo's rights do not cover `when`, if they do not.
fn usage(photo: &Photo, when: Timestamp) -> Option<String> {
    let expires = photo.usage_expires.trim();
    if expires.is_empty() {
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(expires, &format) {
        Ok(date) if date < when.0.date() => Some(format!(
            "The rights to this photo end on {expires}, before the story runs ({}): replace it or renew the rights.",
            when.short()
        )),
        Ok(_) => None,
        Err(_) => {
            Some(format!("The usage expiry “{expires}” is not a date Copydesk can read: write it as YYYY-MM-DD."))
        }
    }
}

/// Names in the caption the story never mentions: people (or nothing the
/// story shares at all) make it likely a caption from another story;
/// places alone are worth a look.
fn caption_belongs(photo: &Photo, number: usize, story_words: &captions::StoryWords) -> Option<(CheckLevel, String)> {
    let names = captions::names(&photo.caption_as_it_stands());
    let missing: Vec<&Name> = names.iter().filter(|name| !captions::mentioned(name, story_words)).collect();
    if missing.is_empty() {
        return None;
    }
    let list = |names: &[&Name]| names.iter().map(|name| format!("“{}”", name.text)).collect::<Vec<_>>().join(", ");
    let people: Vec<&Name> = missing.iter().copied().filter(|name| name.person).collect();
    let none_found = missing.len() == names.len();
    if !people.is_empty() || none_found {
        Some((
            CheckLevel::Required,
            format!(
                "Photo {number}'s caption names {} — nowhere in the headline, dek or body: it is likely a caption from another story.",
                list(if people.is_empty() { &missing } else { &people })
            ),
        ))
    } else {
        Some((
            CheckLevel::Recommended,
            format!(
                "Photo {number}'s caption names {}, which the story does not mention: check that it belongs.",
                list(&missing)
            ),
        ))
    }
}

fn credit_formats(story: &Story, shapes: &[(String, String, usize)], sink: &mut Sink<'_>) {
    let Some((first_shape, first_credit, first_number)) = shapes.first() else { return };
    for (shape, credit, number) in shapes.iter().skip(1) {
        if shape != first_shape {
            let used: Option<&PhotoUse> = story.photos.get(number.saturating_sub(1));
            let Some(used) = used else { continue };
            sink.add(
                Rule::CreditFormat,
                Place::Photo { photo: used.photo.clone(), number: *number, field: PhotoField::Caption, range: 0..0 },
                format!(
                    "Photo {number} credits “{credit}” but photo {first_number} “{first_credit}”: write every credit line in one format."
                ),
                None,
            );
        }
    }
}

/// What stands between the story and "Ready": required findings (one line
/// per rule) and required checklist items not signed off or stale.
pub fn readiness(subject: &Subject<'_>, findings: &[Finding]) -> Readiness {
    let mut blocking = Vec::new();
    for rule in Rule::ALL {
        let count = findings.iter().filter(|f| f.rule == rule && f.level == CheckLevel::Required).count();
        if count > 0 {
            blocking.push(format!("{} ({count})", rule.label()));
        }
    }
    for item in subject.story.checklist_items(subject.settings).filter(|item| item.level == CheckLevel::Required) {
        match item_state(subject.story, subject.photos, item) {
            ItemState::Signed(_) => {}
            ItemState::Unsigned => blocking.push(format!("“{}” not signed off", item.label)),
            ItemState::Stale(_) => blocking.push(format!("“{}” is stale: what it covers changed", item.label)),
        }
    }
    Readiness { blocking }
}

/// Every check on the story and its readiness.
pub fn report(subject: &Subject<'_>) -> StoryReport {
    report_with_names(subject, story_names(subject))
}

/// [`report`] with the story's names already read ([`story_names`]).
pub fn report_with_names(subject: &Subject<'_>, names: StoryNames) -> StoryReport {
    let findings = check_story_with(subject, &names);
    let readiness = readiness(subject, &findings);
    StoryReport { findings, readiness, names: std::sync::Arc::new(names) }
}

/// The story's names (see [`StoryNames`]): read from its headline, dek and
/// body as they stand and its photos' captions, its photos' people,
/// keywords and places, and the project's names list.
pub fn story_names(subject: &Subject<'_>) -> StoryNames {
    let story = subject.story;
    let used: Vec<(usize, &Photo)> = story
        .photos
        .iter()
        .enumerate()
        .filter_map(|(index, used)| Some((index + 1, subject.photos.iter().find(|photo| photo.id == used.photo)?)))
        .collect();
    let fields: Vec<(TextField, Cow<'_, str>)> =
        TRACKED_FIELDS.into_iter().map(|field| (field, standing(story, field))).collect();
    let captions: Vec<(Source, Cow<'_, str>)> = used
        .iter()
        .map(|(number, photo)| {
            (Source::Caption { photo: photo.id.clone(), number: *number }, photo.caption_as_it_stands())
        })
        .collect();
    let mut texts: Vec<(Source, &str)> =
        fields.iter().map(|(field, text)| (Source::Field(*field), text.as_ref())).collect();
    texts.extend(captions.iter().map(|(source, text)| (source.clone(), text.as_ref())));
    let photos: Vec<&Photo> = used.iter().map(|(_, photo)| *photo).collect();
    StoryNames::read(&texts, &photos, subject.settings)
}

/// One finding per name the story spells two ways, at the rarer
/// spelling's first place, with a fix to write either spelling throughout.
fn spelled_two_ways(names: &StoryNames, sink: &mut Sink<'_>) {
    for pair in names.spelled_two_ways(&crate::proofing::is_dictionary_word) {
        let Some((source, range)) = pair.rare_at.first() else { continue };
        let place = match source {
            Source::Field(field) => Place::Text { field: *field, range: range.clone() },
            Source::Caption { photo, number } => {
                Place::Photo { photo: photo.clone(), number: *number, field: PhotoField::Caption, range: range.clone() }
            }
        };
        if let Some(finding) = sink.add(Rule::NameSpelling, place, pair.message(), None) {
            finding.respellings = vec![
                Respelling { from: pair.rare.to_owned(), to: pair.common.to_owned() },
                Respelling { from: pair.common.to_owned(), to: pair.rare.to_owned() },
            ];
        }
    }
}
