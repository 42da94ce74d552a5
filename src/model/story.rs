//! A story: the unit of work on the desk.

use serde::{Deserialize, Serialize};

use super::{Activity, PhotoUse, Plan, Publication, Revision, SignOff, Slug};

/// A moment in time, stored as RFC 3339 text (`2026-11-25T11:24:00Z`) so
/// story files stay readable. The model never reads the clock: callers pass
/// times in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(#[serde(with = "time::serde::rfc3339")] pub time::OffsetDateTime);

impl Timestamp {
    /// The Unix epoch, used where no real time is known.
    pub const EPOCH: Timestamp = Timestamp(time::OffsetDateTime::UNIX_EPOCH);

    /// The time as `2026-11-25 11:24` (UTC offset dropped), for lists.
    pub fn short(&self) -> String {
        let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
        self.0.format(&format).unwrap_or_default()
    }

    /// Reads a time as an editor types it: `2026-11-25 18:00` or
    /// `2026-11-25` (midnight), in UTC. `None` when it is not one.
    pub fn parse_short(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let with_time = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
        let date_only = time::macros::format_description!("[year]-[month]-[day]");
        let moment = match time::PrimitiveDateTime::parse(text, &with_time) {
            Ok(moment) => moment,
            Err(_) => time::Date::parse(text, &date_only).ok()?.midnight(),
        };
        Some(Timestamp(moment.assume_utc()))
    }
}

/// Where a story stands in the desk's workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub enum StoryStatus {
    /// Being written.
    #[default]
    Draft,
    /// With an editor.
    Editing,
    /// With the copy desk.
    CopyEdit,
    /// Ready for publication.
    Ready,
    /// Published.
    Published,
    /// Dropped before publication: will not run.
    Spiked,
    /// Withdrawn after publication (a kill): stays withdrawn.
    Killed,
}

impl StoryStatus {
    /// Every status, in workflow order.
    pub const ALL: [StoryStatus; 7] = [
        StoryStatus::Draft,
        StoryStatus::Editing,
        StoryStatus::CopyEdit,
        StoryStatus::Ready,
        StoryStatus::Published,
        StoryStatus::Spiked,
        StoryStatus::Killed,
    ];

    /// How a story in this status may move to `to`: the desk's one
    /// transition table, read by the window's menus, the Review panel and
    /// `copydesk status`. A published story leaves Published only by being
    /// reopened (as an update, a correction or a kill), never by a plain
    /// status change.
    pub fn transition_to(self, to: StoryStatus) -> Transition {
        match (self, to) {
            (from, to) if from == to => Transition::NotAllowed("the story already has that status"),
            (StoryStatus::Published, _) => {
                Transition::NotAllowed("a published story is read-only: reopen it as an update, a correction or a kill")
            }
            (StoryStatus::Killed, _) => {
                Transition::NotAllowed("a killed story stays withdrawn: duplicate it to run it again")
            }
            (_, StoryStatus::Killed) => {
                Transition::NotAllowed("only a published story can be killed: spike a story that has not run")
            }
            (_, StoryStatus::Ready) => Transition::ThroughGate,
            (StoryStatus::Ready, StoryStatus::Published) => Transition::Free,
            (_, StoryStatus::Published) => {
                Transition::NotAllowed("only a story marked Ready can be published: mark it ready first")
            }
            _ => Transition::Free,
        }
    }

    /// The stable machine name (`copy-edit`), as the command line takes it.
    pub fn key(self) -> &'static str {
        match self {
            StoryStatus::Draft => "draft",
            StoryStatus::Editing => "editing",
            StoryStatus::CopyEdit => "copy-edit",
            StoryStatus::Ready => "ready",
            StoryStatus::Published => "published",
            StoryStatus::Spiked => "spiked",
            StoryStatus::Killed => "killed",
        }
    }

    /// The status named by [`Self::key`] (or its label, any case, `_` for
    /// `-`).
    pub fn from_key(key: &str) -> Option<StoryStatus> {
        let key = key.trim().to_lowercase().replace(['_', ' '], "-");
        StoryStatus::ALL.into_iter().find(|status| status.key() == key || status.label().to_lowercase() == key)
    }

    /// The name editors read.
    pub fn label(self) -> &'static str {
        match self {
            StoryStatus::Draft => "Draft",
            StoryStatus::Editing => "Editing",
            StoryStatus::CopyEdit => "Copy edit",
            StoryStatus::Ready => "Ready",
            StoryStatus::Published => "Published",
            StoryStatus::Spiked => "Spiked",
            StoryStatus::Killed => "Killed",
        }
    }
}

impl StoryStatus {
    /// Whether the story has gone out (published, or withdrawn after it
    /// was): its text is read-only until it is reopened.
    pub fn is_out(self) -> bool {
        matches!(self, StoryStatus::Published | StoryStatus::Killed)
    }

    /// Whether the story may be exported without forcing it: it is ready,
    /// out, or killed (whose export is its withdrawal notice).
    pub fn exportable(self) -> bool {
        matches!(self, StoryStatus::Ready | StoryStatus::Published | StoryStatus::Killed)
    }
}

/// Whether a story may move from one status to another
/// ([`StoryStatus::transition_to`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// Yes, at once.
    Free,
    /// Only when every required check passes (the Mark-ready gate), or
    /// with a written reason for overriding it.
    ThroughGate,
    /// No; why not.
    NotAllowed(&'static str),
}

/// The story's free-text fields, so one edit type can change any of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextField {
    /// Section path, e.g. `News / Iraq / Military`.
    Section,
    /// The headline.
    Headline,
    /// The dek (standfirst) below the headline.
    Dek,
    /// Who wrote it.
    Byline,
    /// Where it was filed from.
    Dateline,
    /// The Markdown body.
    Body,
    /// Editor's notes, not for publication.
    Notes,
}

impl TextField {
    /// The fields a story changed outside is merged by one by one (the
    /// body is merged paragraph by paragraph), in the order they are shown.
    pub const MERGED_WHOLE: [TextField; 6] = [
        TextField::Headline,
        TextField::Dek,
        TextField::Byline,
        TextField::Dateline,
        TextField::Section,
        TextField::Notes,
    ];

    /// The label shown beside the field.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Section => "Section",
            TextField::Headline => "Headline",
            TextField::Dek => "Dek",
            TextField::Byline => "Byline",
            TextField::Dateline => "Dateline",
            TextField::Body => "Body",
            TextField::Notes => "Editor's notes",
        }
    }
}

/// One story. Field order here is the order in the story's RON file, so keep
/// it stable: reordering fields makes noisy diffs for teams using git.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// The story's slug; also its file name.
    pub slug: Slug,
    /// Section path, segments separated by ` / `.
    pub section: String,
    /// The headline.
    pub headline: String,
    /// The dek (standfirst).
    pub dek: String,
    /// The byline.
    pub byline: String,
    /// The dateline.
    pub dateline: String,
    /// Tags for the story.
    pub tags: Vec<String>,
    /// The length the desk budgeted, in words.
    pub target_words: u32,
    /// Who has it and when it is due.
    pub plan: Plan,
    /// Workflow status.
    pub status: StoryStatus,
    /// When the desk plans to publish it, if planned: photo rights are
    /// checked against it.
    pub publish_at: Option<Timestamp>,
    /// The embargo, the version, corrections and a withdrawal.
    pub publication: Publication,
    /// When the story was created.
    pub created: Timestamp,
    /// When the story last changed.
    pub updated: Timestamp,
    /// Editor's notes, not for publication.
    pub notes: String,
    /// The body as Markdown.
    pub body: String,
    /// The photos the story uses, in the order they appear.
    pub photos: Vec<PhotoUse>,
    /// Checklist items of its own (from its template), signed off besides
    /// the project's.
    pub checklist: Vec<super::ChecklistItem>,
    /// Checklist items signed off, one per item at most.
    pub signoffs: Vec<SignOff>,
    /// Who changed the status, signed off or overrode a check, and when;
    /// oldest first.
    pub activity: Vec<Activity>,
    /// Who made each pending suggestion in the text fields and when, by
    /// the id its mark carries ([`super::tracked`]).
    pub suggestions: Vec<super::Suggestion>,
    /// Comment threads, by the id their anchor mark carries; a comment
    /// stays when its text is deleted.
    pub comments: Vec<super::Comment>,
    /// Named snapshots of the text, oldest first, their numbers going up
    /// (1, 2, 3…; storage refuses a file where they do not). Last, so a
    /// story file reads as the story first and its history after.
    pub revisions: Vec<Revision>,
}

impl Story {
    /// A blank story created at `now`.
    pub fn new(slug: Slug, now: Timestamp) -> Self {
        Story {
            slug,
            section: String::new(),
            headline: String::new(),
            dek: String::new(),
            byline: String::new(),
            dateline: String::new(),
            tags: Vec::new(),
            target_words: 600,
            plan: Plan::default(),
            status: StoryStatus::Draft,
            publish_at: None,
            publication: Publication::default(),
            created: now,
            updated: now,
            notes: String::new(),
            body: String::new(),
            photos: Vec::new(),
            checklist: Vec::new(),
            signoffs: Vec::new(),
            activity: Vec::new(),
            suggestions: Vec::new(),
            comments: Vec::new(),
            revisions: Vec::new(),
        }
    }

    /// The text of one field.
    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Section => &self.section,
            TextField::Headline => &self.headline,
            TextField::Dek => &self.dek,
            TextField::Byline => &self.byline,
            TextField::Dateline => &self.dateline,
            TextField::Body => &self.body,
            TextField::Notes => &self.notes,
        }
    }

    /// The text of one field, for changing it.
    pub fn text_mut(&mut self, field: TextField) -> &mut String {
        match field {
            TextField::Section => &mut self.section,
            TextField::Headline => &mut self.headline,
            TextField::Dek => &mut self.dek,
            TextField::Byline => &mut self.byline,
            TextField::Dateline => &mut self.dateline,
            TextField::Body => &mut self.body,
            TextField::Notes => &mut self.notes,
        }
    }

    /// The section path split into its segments (`News`, `Iraq`, `Military`).
    pub fn section_path(&self) -> impl Iterator<Item = &str> {
        self.section.split('/').map(str::trim).filter(|s| !s.is_empty())
    }

    /// Words in the body.
    pub fn body_words(&self) -> usize {
        super::text_stats(&self.body).words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_times_read_back_as_they_show() {
        let at = Timestamp::parse_short(" 2026-11-25 18:05 ").unwrap_or(Timestamp::EPOCH);
        assert_eq!(at.short(), "2026-11-25 18:05");
        let day = Timestamp::parse_short("2026-12-01").unwrap_or(Timestamp::EPOCH);
        assert_eq!(day.short(), "2026-12-01 00:00");
        for bad in ["", "tomorrow", "2026-13-01", "2026-11-25 25:00", "25/11/2026"] {
            assert_eq!(Timestamp::parse_short(bad), None, "{bad}");
        }
    }
}
