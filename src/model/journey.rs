//! A story's journey around its text: who has it and when it is due (its
//! [`Plan`] on the budget), and what happened to it after it was first
//! published ([`Publication`]: the embargo, the version, the corrections
//! ledger, a withdrawal).

use serde::{Deserialize, Serialize};

use super::{StoryStatus, Timestamp};

/// How much a story matters on today's budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual.
    #[default]
    Normal,
    /// Ahead of the usual.
    High,
    /// Drop everything.
    Urgent,
}

impl Priority {
    /// Every priority, lowest first.
    pub const ALL: [Priority; 4] = [Priority::Low, Priority::Normal, Priority::High, Priority::Urgent];

    /// The stable machine name, as the command line takes it.
    pub fn key(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// The name editors read.
    pub fn label(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Normal => "Normal",
            Priority::High => "High",
            Priority::Urgent => "Urgent",
        }
    }

    /// The priority named by [`Self::key`] (any case), or by ninjs's
    /// urgency number (1 most urgent … 9).
    pub fn from_key(key: &str) -> Option<Priority> {
        let key = key.trim().to_lowercase();
        if let Ok(number) = key.parse::<u8>() {
            return match number {
                1..=2 => Some(Priority::Urgent),
                3..=4 => Some(Priority::High),
                5 => Some(Priority::Normal),
                6..=9 => Some(Priority::Low),
                _ => None,
            };
        }
        Priority::ALL.into_iter().find(|priority| priority.key() == key)
    }

    /// ninjs's urgency (1 the most urgent, 9 the least).
    pub fn urgency(self) -> u8 {
        match self {
            Priority::Urgent => 1,
            Priority::High => 3,
            Priority::Normal => 5,
            Priority::Low => 7,
        }
    }
}

/// Who has a story and when it is due: the budget's columns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The reporter writing it (empty: nobody yet).
    pub assignee: String,
    /// The editor responsible for it (empty: nobody yet).
    pub editor: String,
    /// When the copy is due.
    pub deadline: Option<Timestamp>,
    /// How much it matters today.
    pub priority: Priority,
}

impl Plan {
    /// Whether a story with this plan, in `status`, is late at `now`: its
    /// deadline has passed and it is not yet ready (nor dropped).
    pub fn overdue(&self, status: StoryStatus, now: Timestamp) -> bool {
        let done = !matches!(status, StoryStatus::Draft | StoryStatus::Editing | StoryStatus::CopyEdit);
        !done && self.deadline.is_some_and(|deadline| deadline < now)
    }

    /// Whether the deadline falls on the same (UTC) day as `now`.
    pub fn due_on_day_of(&self, now: Timestamp) -> bool {
        self.deadline.is_some_and(|deadline| deadline.0.date() == now.0.date())
    }

    /// Whether `name` is the assignee or the editor (ignoring case and
    /// surrounding space); an empty name is nobody's.
    pub fn involves(&self, name: &str) -> bool {
        let name = name.trim();
        !name.is_empty()
            && [&self.assignee, &self.editor].into_iter().any(|person| person.trim().eq_ignore_ascii_case(name))
    }
}

/// A public correction, appended to the story and kept in its ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The version it corrects into (the story's version once reopened).
    pub version: u32,
    /// When it was made.
    pub at: Timestamp,
    /// Who made it.
    pub by: String,
    /// The note as published, in the project's wording with its date.
    pub text: String,
}

/// Why and by whom a published story was withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// When.
    pub at: Timestamp,
    /// Who.
    pub by: String,
    /// Why, as the editor gave it.
    pub reason: String,
}

/// A story's publication record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Not to be published before this time (ninjs `embargoedUntil`).
    pub embargo: Option<Timestamp>,
    /// The version: 1 until the story is reopened after publication; each
    /// update or correction adds one.
    pub version: u32,
    /// Corrections, oldest first.
    pub corrections: Vec<Correction>,
    /// Set when the story was killed after publication.
    pub withdrawn: Option<Withdrawal>,
}

impl Default for Publication {
    fn default() -> Self {
        Publication { embargo: None, version: 1, corrections: Vec::new(), withdrawn: None }
    }
}

impl Publication {
    /// The embargo still in force at `now`, if any.
    pub fn embargo_at(&self, now: Timestamp) -> Option<Timestamp> {
        self.embargo.filter(|until| now < *until)
    }
}

impl super::Story {
    /// Why the embargo keeps this story from moving to `to` at `now`, if
    /// it does: it may not be published before the embargo lifts. The
    /// transition table ([`StoryStatus::transition_to`]) is judged besides.
    pub fn embargo_blocks(&self, to: StoryStatus, now: Timestamp) -> Option<String> {
        let until = self.publication.embargo_at(now).filter(|_| to == StoryStatus::Published)?;
        Some(format!("it is under embargo until {} UTC and cannot be published before then", until.short()))
    }
}

/// How a published story is opened again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reopening {
    /// A new version as news develops, with an optional note for the desk.
    Update {
        /// What changes (may be empty).
        note: String,
    },
    /// A public correction: the note is required and published.
    Correction {
        /// What was wrong, in the editor's words.
        note: String,
    },
    /// Withdrawn: the reason is required.
    Kill {
        /// Why.
        reason: String,
    },
}

impl Reopening {
    /// The word for it, as the activity log says it.
    pub fn label(&self) -> &'static str {
        match self {
            Reopening::Update { .. } => "update",
            Reopening::Correction { .. } => "correction",
            Reopening::Kill { .. } => "kill",
        }
    }

    /// The note or reason given.
    pub fn note(&self) -> &str {
        match self {
            Reopening::Update { note } | Reopening::Correction { note } => note,
            Reopening::Kill { reason } => reason,
        }
    }
}

/// The correction note as published: `wording` with `{date}` (the day of
/// `at`, as `2 December 2026`) and `{note}` filled in. A wording without
/// `{note}` gets the note after it.
pub fn correction_text(wording: &str, note: &str, at: Timestamp) -> String {
    let format = time::macros::format_description!("[day padding:none] [month repr:long] [year]");
    let date = at.0.format(&format).unwrap_or_default();
    let note = note.trim();
    let wording = if wording.trim().is_empty() { DEFAULT_CORRECTION_WORDING } else { wording };
    let filled = wording.replace("{date}", &date);
    if filled.contains("{note}") {
        filled.replace("{note}", note).trim().to_owned()
    } else {
        format!("{} {note}", filled.trim())
    }
}

/// The wording a new project's corrections use.
pub const DEFAULT_CORRECTION_WORDING: &str = "Correction ({date}): An earlier version of this story {note}";

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_short(text).unwrap_or(Timestamp::EPOCH)
    }

    #[test]
    fn a_story_is_overdue_only_while_it_is_still_being_worked_on() {
        let plan = Plan { deadline: Some(at("2026-12-02 16:00")), ..Plan::default() };
        let now = at("2026-12-02 17:00");
        assert!(plan.overdue(StoryStatus::Editing, now));
        assert!(!plan.overdue(StoryStatus::Ready, now));
        assert!(!plan.overdue(StoryStatus::Editing, at("2026-12-02 15:00")));
        assert!(!Plan::default().overdue(StoryStatus::Draft, now));
        assert!(plan.due_on_day_of(now) && !plan.due_on_day_of(at("2026-12-03 09:00")));
    }

    #[test]
    fn corrections_follow_the_projects_wording() {
        let when = at("2026-12-02 10:00");
        assert_eq!(
            correction_text(DEFAULT_CORRECTION_WORDING, "misstated the number of drones.", when),
            "Correction (2 December 2026): An earlier version of this story misstated the number of drones."
        );
        assert_eq!(correction_text("Corrected {date}:", "Wrong name.", when), "Corrected 2 December 2026: Wrong name.");
    }

    #[test]
    fn priorities_read_their_names_and_ninjs_urgencies() {
        assert_eq!(Priority::from_key(" URGENT "), Some(Priority::Urgent));
        assert_eq!(Priority::from_key("5"), Some(Priority::Normal));
        assert_eq!(Priority::from_key("0"), None);
        assert_eq!(Priority::from_key("soon"), None);
        for priority in Priority::ALL {
            assert_eq!(Priority::from_key(&priority.urgency().to_string()), Some(priority));
        }
    }
}
