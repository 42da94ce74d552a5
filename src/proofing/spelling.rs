//! Spelling: finding unknown words as a check runs, and their fixes only
//! when a mark is shown.
//!
//! harper's own spell check searches the dictionary for corrections of
//! every unknown word it finds (an edit-distance walk of the whole
//! dictionary, about a quarter of a millisecond a word), though most marks
//! are never opened: a story's names that are not yet in the project's
//! words, or a reporter's typos fixed by hand. [`Spelling`] finds the same
//! words by the same test and leaves the search to [`Respeller`], which
//! runs it for one word when its fixes are asked for (a mark's menu, the
//! marks list's selected mark, `copydesk check --json`) and remembers the
//! answer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use harper_core::expr::{Filter, SequenceExpr};
use harper_core::linting::{Lint, LintKind, Linter};
use harper_core::spell::{Dictionary, FstDictionary, MergedDictionary, MutableDictionary, suggest_correct_spelling};
use harper_core::{CharStringExt, Document, TokenStringExt, remove_lints_overlapping_expr};

use super::Fix;

/// How many corrections a spelling mark offers.
const MAX_FIXES: usize = 3;

/// How many fuzzy matches a search ranks (as harper's spell check does).
const CANDIDATES: usize = 200;

/// How many words' fixes a [`Respeller`] remembers before it starts again.
const REMEMBERED: usize = 4096;

/// The curated dictionary and the project's words, built on first use and
/// shared by a proofreader's checks and its spelling fixes.
pub(super) struct Words {
    /// The project's words (and the news words harper lacks).
    own: Arc<MutableDictionary>,
    /// harper's curated dictionary followed by `own`.
    merged: OnceLock<Arc<MergedDictionary>>,
}

impl Words {
    pub(super) fn new(own: MutableDictionary) -> Self {
        Words { own: Arc::new(own), merged: OnceLock::new() }
    }

    /// The merged dictionary; harper builds its curated one on first use,
    /// which takes a moment.
    pub(super) fn dictionary(&self) -> Arc<MergedDictionary> {
        Arc::clone(self.merged.get_or_init(|| {
            let mut dictionary = MergedDictionary::new();
            dictionary.add_dictionary(FstDictionary::curated());
            dictionary.add_dictionary(Arc::clone(&self.own) as Arc<dyn Dictionary>);
            Arc::new(dictionary)
        }))
    }
}

/// Marks the words the dictionary does not know, by harper's test
/// (the word as written, or normalised, or in lower case, in the dialect),
/// without searching for corrections: each mark's [`Respell`] finds them
/// when they are shown.
pub(super) struct Spelling {
    dictionary: Arc<MergedDictionary>,
    dialect: harper_core::Dialect,
    /// "word(s)", "(s)": not misspellings (as harper's spell check skips them).
    plural_s: Filter,
}

impl Spelling {
    pub(super) fn new(dictionary: Arc<MergedDictionary>, dialect: harper_core::Dialect) -> Self {
        let plural_s = Filter::new(vec![
            Box::new(
                SequenceExpr::default()
                    .then_any_word()
                    .then_kind_where(|kind| kind.is_open_round())
                    .t_aco("s")
                    .then_kind_where(|kind| kind.is_close_round()),
            ),
            Box::new(
                SequenceExpr::default()
                    .then_kind_where(|kind| kind.is_open_round())
                    .t_aco("s")
                    .then_kind_where(|kind| kind.is_close_round()),
            ),
            Box::new(SequenceExpr::aco("s")),
        ]);
        Spelling { dictionary, dialect, plural_s }
    }

    /// Whether `word` (as written in `document`) is spelled right.
    fn known(&self, word: &[char], metadata: Option<&harper_core::DictWordMetadata>) -> bool {
        is_laughter(word)
            || metadata.is_some_and(|metadata| metadata.dialects.is_dialect_enabled(self.dialect))
                && (self.dictionary.contains_exact_word(word)
                    || self.dictionary.contains_exact_word(word.normalized().as_ref())
                    || self.dictionary.contains_exact_word(word.normalized().to_lower().as_ref()))
    }
}

impl Linter for Spelling {
    fn lint(&mut self, document: &Document) -> Vec<Lint> {
        let mut lints: Vec<Lint> = document
            .iter_words()
            .filter(|word| {
                let chars = document.get_span_content(&word.span);
                !self.known(chars, word.kind.as_word().and_then(|metadata| metadata.as_ref()))
            })
            .map(|word| Lint {
                span: word.span,
                lint_kind: LintKind::Spelling,
                suggestions: Vec::new(),
                message: format!("“{}” is not in the dictionary.", document.get_span_content_str(&word.span)),
                priority: 63,
            })
            .collect();
        remove_lints_overlapping_expr(&self.plural_s, document, &mut lints);
        lints
    }

    fn description(&self) -> &str {
        "Marks words the dictionary does not know; their corrections are found when the mark is shown."
    }
}

/// "haha", "HaHa": harper's spell check lets informal laughter through.
fn is_laughter(word: &[char]) -> bool {
    word.len() >= 2
        && word
            .iter()
            .enumerate()
            .all(|(index, c)| if index % 2 == 0 { matches!(c, 'h' | 'H') } else { matches!(c, 'a' | 'A') })
}

/// Finds the corrections of misspelled words, one word when asked, and
/// remembers them. Shared (`Arc`) by the marks of one proofreader.
pub struct Respeller {
    words: Arc<Words>,
    dialect: harper_core::Dialect,
    remembered: Mutex<HashMap<String, Arc<[Fix]>>>,
}

impl std::fmt::Debug for Respeller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Respeller").field("dialect", &self.dialect).finish_non_exhaustive()
    }
}

impl Respeller {
    pub(super) fn new(words: Arc<Words>, dialect: harper_core::Dialect) -> Self {
        Respeller { words, dialect, remembered: Mutex::new(HashMap::new()) }
    }

    /// Up to three corrections of `word`, best first, as harper's spell
    /// check ranks them (the nearest edit distance that finds any; words of
    /// another dialect left out; capitalised like `word`).
    pub fn fixes(&self, word: &str) -> Arc<[Fix]> {
        if let Ok(remembered) = self.remembered.lock()
            && let Some(fixes) = remembered.get(word)
        {
            return Arc::clone(fixes);
        }
        let fixes: Arc<[Fix]> = self.search(word).into();
        if let Ok(mut remembered) = self.remembered.lock() {
            if remembered.len() >= REMEMBERED {
                remembered.clear();
            }
            remembered.insert(word.to_owned(), Arc::clone(&fixes));
        }
        fixes
    }

    fn search(&self, word: &str) -> Vec<Fix> {
        let dictionary = self.words.dictionary();
        let chars: Vec<char> = word.chars().collect();
        let capitalised = chars.first().is_some_and(|first| first.is_uppercase());
        for distance in 2..5 {
            let mut found: Vec<String> = Vec::new();
            for candidate in suggest_correct_spelling(&chars, CANDIDATES, distance, dictionary.as_ref()) {
                let in_dialect = dictionary
                    .get_word_metadata(candidate)
                    .is_some_and(|metadata| metadata.dialects.is_dialect_enabled(self.dialect));
                if !in_dialect {
                    continue;
                }
                let mut fixed: String = candidate.iter().collect();
                // Capitalised like the word, unless the correction has
                // capitals of its own past the first letter ("macOS").
                if capitalised && !candidate.iter().skip(1).any(|c| c.is_uppercase()) {
                    fixed = capitalise(&fixed);
                }
                if !found.iter().any(|known| known.to_lowercase() == fixed.to_lowercase()) {
                    found.push(fixed);
                }
                if found.len() == MAX_FIXES {
                    break;
                }
            }
            if !found.is_empty() {
                return found
                    .into_iter()
                    .filter(|fixed| fixed != word)
                    .map(|fixed| Fix { label: fixed.clone(), replacement: fixed })
                    .collect();
            }
        }
        Vec::new()
    }
}

/// `word` with its first letter in upper case.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A spelling mark's way to its corrections: the word and who finds them.
#[derive(Clone, Debug)]
pub struct Respell {
    /// The marked word.
    pub word: Arc<str>,
    /// The proofreader's respeller.
    pub by: Arc<Respeller>,
}

impl PartialEq for Respell {
    fn eq(&self, other: &Self) -> bool {
        self.word == other.word
    }
}

impl Eq for Respell {}

#[cfg(test)]
mod tests {
    use super::*;

    fn respeller() -> Respeller {
        Respeller::new(Arc::new(Words::new(MutableDictionary::new())), harper_core::Dialect::American)
    }

    #[test]
    fn corrections_are_found_when_asked_and_capitalised_like_the_word() {
        let respeller = respeller();
        let fixes = respeller.fixes("goverment");
        assert_eq!(fixes.first().map(|fix| fix.replacement.as_str()), Some("government"), "{fixes:?}");
        let fixes = respeller.fixes("Goverment");
        assert_eq!(fixes.first().map(|fix| fix.replacement.as_str()), Some("Government"), "{fixes:?}");
        assert!(fixes.len() <= MAX_FIXES);
    }

    #[test]
    fn laughter_is_not_a_misspelling() {
        assert!(is_laughter(&"haha".chars().collect::<Vec<_>>()));
        assert!(is_laughter(&"HaH".chars().collect::<Vec<_>>()));
        assert!(!is_laughter(&"ha ok".chars().collect::<Vec<_>>()));
    }
}
