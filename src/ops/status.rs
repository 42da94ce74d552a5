//! Moving a story along the workflow: the transition table
//! ([`StoryStatus::transition_to`]), the Mark-ready gate, and an override
//! with a written reason.

use super::{Refused, find_story};
use crate::checks::{MarkCounts, StoryReport, Subject, report};
use crate::edit::{self, Edit};
use crate::model::{Project, Slug, Story, StoryStatus, Timestamp, Transition};

/// The review checks of story `slug` as the project is now, with its open
/// proofing marks when known.
pub fn check_story(project: &Project, slug: &Slug, marks: Option<MarkCounts>, now: Timestamp) -> Option<StoryReport> {
    let story = project.story(slug)?;
    Some(report(&Subject { settings: &project.settings, story, photos: &project.photos, now, marks }))
}

/// A proofreader for `project`: its dialect and dictionary.
pub fn proofreader_for(project: &Project) -> crate::proofing::Proofreader {
    let dialect = crate::proofing::Dialect::from_language_tag(&project.settings.language).unwrap_or_default();
    crate::proofing::Proofreader::new(dialect, &project.settings.dictionary)
}

/// The open spelling, grammar and style marks of a story's checked text
/// (headline, dek, body): for the command line, where no marks are kept.
/// One `proofreader` ([`proofreader_for`]) serves many stories.
pub fn proofing_marks(proofreader: &mut crate::proofing::Proofreader, story: &Story) -> MarkCounts {
    let mut marks = MarkCounts::default();
    for text in [&story.headline, &story.dek, &story.body] {
        let counts = MarkCounts::of(&proofreader.check_text(text));
        marks.spelling += counts.spelling;
        marks.grammar += counts.grammar;
        marks.style += counts.style;
    }
    marks
}

/// Moves story `slug` to `to` as `by` at `now`: the status, an automatic
/// revision and an activity-log line, as one step. Ready goes through the
/// gate — every required check must pass (judged now, with `marks`) —
/// unless `override_reason` gives why it may go anyway, which is logged.
/// Published only from Ready.
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
