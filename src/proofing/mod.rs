//! Spelling and grammar checking for story text, with the offline English
//! checker [`harper_core`].
//!
//! [`Proofreader`] checks text and returns [`Mark`]s: byte ranges into the
//! checked text (always on `char` boundaries), each with a [`MarkKind`], a
//! message and ready-to-apply [`Fix`]es ([`Mark::fixes`]: a spelling mark's
//! corrections are searched for only when it is shown). [`Proofreader::check_text`] checks
//! a whole field paragraph by paragraph and remembers the marks of each
//! paragraph, so typing in one paragraph only re-checks that paragraph.
//!
//! [`ProofingService`] runs a `Proofreader` on a worker thread so that
//! checking never blocks the window: the UI sends texts with
//! [`ProofingService::request`] and picks up marks with
//! [`ProofingService::take_results`].
//!
//! Like `model`, this module is pure: no egui, no disk, no clock. The
//! dictionary is the curated English one compiled into harper, plus the
//! project's own words (names and places the desk uses).

mod engine;
mod paragraphs;
mod placed;
mod service;
mod spelling;
mod stored;
mod words;

pub use engine::Proofreader;
pub use placed::{PlacedMark, count_placed, place_marks, shift_marks, shift_marks_in_place};
pub use service::{ProofingService, TextKey};
pub use spelling::{Respell, Respeller};
pub use stored::{FreshMarks, StoredMark, StoredMarks, paragraph_key, paragraph_keys};
pub use words::{WordFacts, remember_word_facts, remembered_word_facts, word_facts};

use std::ops::Range;
use std::sync::Arc;

use harper_core::linting::LintKind;
use serde::{Deserialize, Serialize};

/// Starts building harper's curated dictionary (and the word trie one of
/// its rules uses) on a thread of its own, so a check that will need it —
/// a first check, with no stored marks — finds it built or half built
/// instead of building it after loading the project. harper builds each
/// once per process; whoever asks first builds it, and whoever asks while
/// it is being built waits for it.
pub fn warm_up() {
    let _ = std::thread::Builder::new().name("copydesk-dictionary".to_owned()).spawn(|| {
        harper_core::spell::FstDictionary::curated();
        harper_core::spell::TrieDictionary::curated();
    });
}

/// Whether harper's curated dictionary has `word` (in the forms harper
/// accepts: as listed, or in lower case with a capital first letter).
pub fn is_dictionary_word(word: &str) -> bool {
    word_facts(word).listed
}

/// Whether `word` in lower case is an ordinary word of harper's curated
/// dictionary ("army", "soldiers"), not only a name ("Pelosi" is not).
pub fn is_common_word(word: &str) -> bool {
    word_facts(word).common
}

/// Whether harper's curated dictionary has `word` exactly as written
/// ("Frank", a given name that is a word too).
pub fn is_listed_as_written(word: &str) -> bool {
    word_facts(word).as_written
}

/// What kind of problem a mark is.
///
/// harper sorts its findings into finer kinds ([`LintKind`]); Copydesk shows
/// three, mapped by [`MarkKind::of_lint_kind`]:
///
/// - **Spelling**: a word the dictionary does not know (harper's `Spelling`).
/// - **Style**: the text is correct but could be better: `Style`,
///   `WordChoice`, `Readability` (long sentences), `Enhancement`,
///   `Redundancy` ("free gift") and `Regionalism` (a word of another
///   dialect).
/// - **Grammar**: the text is wrong and a copy editor must fix it:
///   `Grammar`, `Agreement`, `Capitalization`, `Punctuation`, `Formatting`
///   (spacing), `Typo` (a real word in the wrong place, "can be seem"),
///   `Repetition` ("the the"), `BoundaryError`, `WordOrder`, `Eggcorn`,
///   `Malapropism`, `Usage`, `Nonstandard` and `Miscellaneous`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MarkKind {
    /// A misspelled or unknown word.
    Spelling,
    /// A grammar, punctuation or usage error.
    Grammar,
    /// A suggestion about style: correct, but could read better.
    Style,
}

impl MarkKind {
    /// The kind of mark for one of harper's lint kinds (see the mapping in
    /// [`MarkKind`]'s documentation).
    pub fn of_lint_kind(kind: LintKind) -> Self {
        match kind {
            LintKind::Spelling => MarkKind::Spelling,
            LintKind::Style
            | LintKind::WordChoice
            | LintKind::Readability
            | LintKind::Enhancement
            | LintKind::Redundancy
            | LintKind::Regionalism => MarkKind::Style,
            LintKind::Agreement
            | LintKind::BoundaryError
            | LintKind::Capitalization
            | LintKind::Eggcorn
            | LintKind::Formatting
            | LintKind::Grammar
            | LintKind::Malapropism
            | LintKind::Miscellaneous
            | LintKind::Nonstandard
            | LintKind::Punctuation
            | LintKind::Repetition
            | LintKind::Typo
            | LintKind::Usage
            | LintKind::WordOrder => MarkKind::Grammar,
        }
    }

    /// The name shown to the user: "Spelling", "Grammar" or "Style".
    pub fn label(self) -> &'static str {
        match self {
            MarkKind::Spelling => "Spelling",
            MarkKind::Grammar => "Grammar",
            MarkKind::Style => "Style",
        }
    }
}

/// One problem found in a text, with byte offsets into the checked text.
///
/// `range` always starts and ends on `char` boundaries of the text that was
/// checked, so `&text[mark.range.clone()]` is the marked words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The marked bytes of the checked text.
    pub range: Range<usize>,
    /// What kind of problem it is.
    pub kind: MarkKind,
    /// What is wrong, in plain text for a tooltip ("Did you mean “government”?").
    /// Shared, so marks are cheap to copy as they move with typing.
    pub message: Arc<str>,
    /// Ways to fix it, best first; may be empty. Shared like the message.
    /// A spelling mark's corrections are not here but found when asked
    /// for ([`Mark::fixes`]).
    pub suggestions: Arc<[Fix]>,
    /// For a spelling mark: how to find its corrections when it is shown.
    pub respell: Option<Respell>,
}

impl Mark {
    /// Ways to fix it, best first: the suggestions, or a spelling mark's
    /// corrections, searched for now (and remembered) when not yet found.
    pub fn fixes(&self) -> Arc<[Fix]> {
        match &self.respell {
            Some(respell) if self.suggestions.is_empty() => respell.by.fixes(&respell.word),
            _ => Arc::clone(&self.suggestions),
        }
    }

    /// Whether [`Mark::fixes`] may offer something, without searching.
    pub fn may_have_fixes(&self) -> bool {
        !self.suggestions.is_empty() || self.respell.is_some()
    }

    /// `text` with the marked range replaced by `fix`, or `None` when the
    /// range does not fit `text` (the text changed since it was checked).
    pub fn apply(&self, text: &str, fix: &Fix) -> Option<String> {
        let before = text.get(..self.range.start)?;
        let after = text.get(self.range.end..)?;
        Some(format!("{before}{}{after}", fix.replacement))
    }
}

/// A replacement for a mark's whole range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What a menu shows: the replacement word itself ("government"), or a
    /// short description when there is nothing visible to show ("Remove “the”").
    pub label: String,
    /// The text that replaces the marked range (may be empty: a removal).
    pub replacement: String,
}

/// The English spelling a check follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dialect {
    /// United States spelling ("color"). The default.
    #[default]
    American,
    /// British spelling ("colour").
    British,
    /// Canadian spelling.
    Canadian,
    /// Australian spelling.
    Australian,
}

impl Dialect {
    /// The dialect for a BCP 47 language tag such as a project's
    /// `language` setting: `en-GB` (and `en-UK`) is British, `en-CA`
    /// Canadian, `en-AU` Australian, `en-US` and `en` American. `None` for
    /// a tag that is not English or an English region without its own
    /// spelling here.
    pub fn from_language_tag(tag: &str) -> Option<Self> {
        let mut parts = tag.trim().split(['-', '_']);
        let language = parts.next()?;
        if !language.eq_ignore_ascii_case("en") {
            return None;
        }
        let Some(region) = parts.next() else {
            return Some(Dialect::American);
        };
        match region.to_ascii_uppercase().as_str() {
            "US" => Some(Dialect::American),
            "GB" | "UK" => Some(Dialect::British),
            "CA" => Some(Dialect::Canadian),
            "AU" => Some(Dialect::Australian),
            _ => None,
        }
    }

    /// harper's value for this dialect.
    fn to_harper(self) -> harper_core::Dialect {
        match self {
            Dialect::American => harper_core::Dialect::American,
            Dialect::British => harper_core::Dialect::British,
            Dialect::Canadian => harper_core::Dialect::Canadian,
            Dialect::Australian => harper_core::Dialect::Australian,
        }
    }
}

/// Counts of marks per kind, for the status line and the review checklist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarkCounts {
    /// Spelling marks.
    pub spelling: usize,
    /// Grammar marks.
    pub grammar: usize,
    /// Style marks.
    pub style: usize,
}

impl MarkCounts {
    /// Counts `marks` by kind.
    pub fn of(marks: &[Mark]) -> Self {
        let mut counts = MarkCounts::default();
        for mark in marks {
            match mark.kind {
                MarkKind::Spelling => counts.spelling += 1,
                MarkKind::Grammar => counts.grammar += 1,
                MarkKind::Style => counts.style += 1,
            }
        }
        counts
    }

    /// All marks together.
    pub fn total(&self) -> usize {
        self.spelling + self.grammar + self.style
    }
}
