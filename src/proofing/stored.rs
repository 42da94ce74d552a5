//! Marks kept between runs, so unchanged text is never proofread twice:
//! what the project's `.copydesk-cache/proofing.json` holds (read and
//! written by the caller; this module does no I/O).
//!
//! Marks are kept by paragraph, under a hash of the paragraph's text, with
//! offsets into the paragraph; the whole set is for one [`settings`]
//! (dialect, accepted words and the rule set), and marks found under other
//! settings are never used.
//!
//! [`settings`]: StoredMarks::settings

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Fix, Mark, MarkKind};

/// Bumped when the rules or the way marks are made change, so marks stored
/// by an older Copydesk are checked again.
pub(super) const RULES_VERSION: u32 = 3;

/// Paragraph marks kept between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredMarks {
    /// What the marks were found under (see [`super::Proofreader::settings_key`]).
    pub settings: String,
    /// Each paragraph's marks, by [`paragraph_key`].
    pub paragraphs: HashMap<String, Vec<StoredMark>>,
    /// What the dictionary said about the words the checks asked about
    /// (see [`super::words`]).
    #[serde(default)]
    pub words: HashMap<String, super::WordFacts>,
}

/// One stored mark, offsets into its paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredMark {
    /// Where it starts, in bytes.
    pub start: usize,
    /// Where it ends, in bytes.
    pub end: usize,
    /// Its kind.
    pub kind: MarkKind,
    /// The message.
    pub message: String,
    /// The fixes: (label, replacement).
    pub fixes: Vec<(String, String)>,
}

/// What a proofreader found that was not stored, and the stored
/// paragraphs it used ([`super::Proofreader::take_fresh`]).
pub type FreshMarks = (HashMap<String, Vec<StoredMark>>, std::collections::HashSet<String>);

/// The key a paragraph's marks are stored under: a hash of its text.
pub fn paragraph_key(paragraph: &str) -> String {
    blake3::hash(paragraph.as_bytes()).to_hex().to_string()
}

/// The keys ([`paragraph_key`]) of every paragraph of `text`, as the
/// proofreader splits it.
pub fn paragraph_keys(text: &str) -> impl Iterator<Item = String> + '_ {
    super::paragraphs::paragraph_ranges(text).into_iter().filter_map(|range| Some(paragraph_key(text.get(range)?)))
}

impl StoredMark {
    /// `mark` (offsets into its paragraph) as stored.
    pub fn of(mark: &Mark) -> Self {
        StoredMark {
            start: mark.range.start,
            end: mark.range.end,
            kind: mark.kind,
            message: mark.message.to_string(),
            fixes: mark.suggestions.iter().map(|fix| (fix.label.clone(), fix.replacement.clone())).collect(),
        }
    }

    /// The mark in `paragraph`, or `None` when its range does not fit the
    /// paragraph on char boundaries (a damaged cache file).
    pub fn to_mark(&self, paragraph: &str) -> Option<Mark> {
        paragraph.get(self.start..self.end)?;
        let suggestions: Vec<Fix> = self
            .fixes
            .iter()
            .map(|(label, replacement)| Fix { label: label.clone(), replacement: replacement.clone() })
            .collect();
        Some(Mark {
            range: self.start..self.end,
            kind: self.kind,
            message: Arc::from(self.message.as_str()),
            suggestions: suggestions.into(),
            respell: None,
        })
    }
}

impl StoredMarks {
    /// The stored marks of `paragraph`, if it was checked under these
    /// settings; `None` when any of them does not fit it.
    pub fn marks_of(&self, paragraph: &str) -> Option<Vec<Mark>> {
        let stored = self.paragraphs.get(&paragraph_key(paragraph))?;
        stored.iter().map(|mark| mark.to_mark(paragraph)).collect()
    }

    /// These marks with `fresh` ones added (found under the same
    /// settings). When the set grows past `limit` paragraphs, only `fresh`
    /// and those in `used` are kept.
    pub fn merged(
        self,
        fresh: HashMap<String, Vec<StoredMark>>,
        used: &std::collections::HashSet<String>,
        limit: usize,
    ) -> StoredMarks {
        let StoredMarks { settings, mut paragraphs, words } = self;
        if paragraphs.len() + fresh.len() > limit {
            paragraphs.retain(|key, _| used.contains(key));
        }
        paragraphs.extend(fresh);
        StoredMarks { settings, paragraphs, words }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_and_damaged_ones_are_dropped() {
        let mark = Mark {
            range: 4..13,
            kind: MarkKind::Spelling,
            message: Arc::from("Did you mean “government”?"),
            suggestions: vec![Fix { label: "government".into(), replacement: "government".into() }].into(),
            respell: None,
        };
        let paragraph = "The goverment acts.";
        let mut stored = StoredMarks::default();
        stored.paragraphs.insert(paragraph_key(paragraph), vec![StoredMark::of(&mark)]);
        assert_eq!(stored.marks_of(paragraph), Some(vec![mark]));
        assert_eq!(stored.marks_of("Another paragraph."), None);
        stored.paragraphs.insert(
            paragraph_key("é"),
            vec![StoredMark {
                start: 0,
                end: 1,
                ..StoredMark::of(&Mark {
                    range: 0..1,
                    kind: MarkKind::Grammar,
                    message: Arc::from(""),
                    suggestions: Vec::new().into(),
                    respell: None,
                })
            }],
        );
        assert_eq!(stored.marks_of("é"), None, "not on a char boundary");
    }

    #[test]
    fn a_full_set_keeps_what_was_used_and_what_is_new() {
        let mut stored = StoredMarks::default();
        for key in ["a", "b", "c"] {
            stored.paragraphs.insert(key.into(), Vec::new());
        }
        let used: std::collections::HashSet<String> = ["b".to_owned()].into();
        let fresh: HashMap<String, Vec<StoredMark>> = [("d".to_owned(), Vec::new())].into();
        let merged = stored.clone().merged(fresh.clone(), &used, 10);
        assert_eq!(merged.paragraphs.len(), 4);
        let merged = stored.merged(fresh, &used, 3);
        let mut keys: Vec<&String> = merged.paragraphs.keys().collect();
        keys.sort();
        assert_eq!(keys, ["b", "d"]);
    }
}
