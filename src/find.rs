//! Find and replace in story text.
//!
//! [`FindOptions`] is what the find bar holds (the query and its toggles);
//! [`Finder::new`] turns them into a compiled search, once per change of
//! options, and reports a pattern the user must fix as a [`FindError`]. A
//! finder lists matches as byte ranges ([`Finder::find_in`],
//! [`find_in_story`]) and builds replacements as [`Edit`]s
//! ([`replace_one`], [`replace_all`]), so replacing goes through the undo
//! history like any other change. [`next_match`] picks the match to select
//! for "find next" and "find previous".
//!
//! Like `model`, this module is pure: no egui, no disk, no clock.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::edit::Edit;
use crate::model::{Story, TextField};

/// The fields find and replace look in, in the order their matches are
/// listed and visited. Photo captions join when the photo manager arrives.
pub const SEARCHED_FIELDS: [TextField; 3] = [TextField::Headline, TextField::Dek, TextField::Body];

/// The most memory, in bytes, one compiled pattern may take: enough for
/// `\w{100}` (each Unicode `\w` is large), while `\w{10000}` is refused
/// instead of stalling the window. Set here so a new `regex` release
/// cannot change it under us.
const PATTERN_SIZE_LIMIT: usize = 10 << 20;

/// What to look for and how: the state of the find bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    /// The text (or, with [`FindOptions::regex`], the pattern) to find.
    pub query: String,
    /// Upper and lower case must match exactly. Off, matching ignores case
    /// for all scripts (`ä` finds `Ä`), one character at a time: `ß` finds
    /// `ẞ` but not `SS`.
    pub match_case: bool,
    /// A match must not have a letter, digit or `_` directly before or after
    /// it, so `cat` does not find `concatenate` and `U.S.` does not find the
    /// start of `U.S.A`.
    pub whole_word: bool,
    /// The query is a regular expression (the `regex` crate's syntax, with
    /// `^` and `$` matching at line ends) and the replacement may use its
    /// groups: `$1`, `${name}`, `$$` for a dollar sign.
    pub regex: bool,
}

/// Why a query cannot be searched for. Shown beside the find bar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// The query is not a valid regular expression.
    #[error("not a valid regular expression: {message}")]
    BadPattern {
        /// What is wrong and where, on one line (e.g. "unclosed group at character 1").
        message: String,
    },
    /// The query would take too much memory to search with.
    #[error("the pattern is too big to search with; make it shorter or simpler")]
    TooBig,
}

impl FindError {
    /// Turns the `regex` crate's error into one a user can act on.
    fn from_regex(error: regex::Error) -> FindError {
        match error {
            regex::Error::CompiledTooBig(_) => FindError::TooBig,
            regex::Error::Syntax(text) => FindError::BadPattern { message: one_line_message(&text) },
            other => FindError::BadPattern { message: one_line_message(&other.to_string()) },
        }
    }
}

/// A compiled search, made once from [`FindOptions`] and used on any text.
#[derive(Clone, Debug)]
pub struct Finder {
    /// The compiled query; `None` for an empty query, which matches nothing.
    regex: Option<Regex>,
    /// Matches must stand as whole words.
    whole_word: bool,
    /// Replacements expand `$1`-style group references.
    expand: bool,
}

impl Finder {
    /// Compiles `options`. An empty query gives a finder that matches
    /// nothing (see [`Finder::is_empty`]) rather than an error, so an empty
    /// find bar shows no complaint.
    pub fn new(options: &FindOptions) -> Result<Finder, FindError> {
        let mut finder = Finder { regex: None, whole_word: options.whole_word, expand: options.regex };
        if options.query.is_empty() {
            return Ok(finder);
        }
        let pattern = if options.regex { options.query.clone() } else { regex::escape(&options.query) };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!options.match_case)
            .multi_line(true)
            .size_limit(PATTERN_SIZE_LIMIT)
            .build()
            .map_err(FindError::from_regex)?;
        finder.regex = Some(regex);
        Ok(finder)
    }

    /// True when the query was empty, so this finder matches nothing.
    pub fn is_empty(&self) -> bool {
        self.regex.is_none()
    }

    /// The matches in `text`: byte ranges, in order, not overlapping, never
    /// empty (a pattern like `a*` only reports runs of at least one `a`).
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        self.matches(text).collect()
    }

    /// The text that would replace the match at `range` in `text`:
    /// `replacement` as it is, or in regex mode with its group references
    /// (`$1`, `${name}`) filled in from this match. `None` when `range` is
    /// no longer one of [`Finder::find_in`]'s matches in `text` (the text
    /// changed since it was searched).
    pub fn replacement_for(&self, text: &str, range: Range<usize>, replacement: &str) -> Option<String> {
        let is_match = self.matches(text).take_while(|found| found.start <= range.start).any(|found| found == range);
        if !is_match {
            return None;
        }
        self.expanded(text, &range, replacement)
    }

    /// `text` with every match replaced as [`Finder::replacement_for`]
    /// would, and how many matches were replaced.
    pub fn replace_in(&self, text: &str, replacement: &str) -> (String, usize) {
        let mut result = String::with_capacity(text.len());
        let mut copied_to = 0;
        let mut count = 0;
        for range in self.matches(text) {
            let (Some(before), Some(new)) =
                (text.get(copied_to..range.start), self.expanded(text, &range, replacement))
            else {
                continue;
            };
            result.push_str(before);
            result.push_str(&new);
            copied_to = range.end;
            count += 1;
        }
        result.push_str(text.get(copied_to..).unwrap_or_default());
        (result, count)
    }

    /// The matches in `text`, found lazily.
    fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut from = Some(0);
        std::iter::from_fn(move || {
            let found = self.match_from(text, from?);
            from = found.as_ref().map(|range| range.end);
            found
        })
    }

    /// The first match in `text` starting at or after byte `from`.
    ///
    /// Empty matches are skipped. With whole words on, a match with a word
    /// character beside it is skipped too, and the search goes on from the
    /// next place a word could start, so `a.a` still finds the second one
    /// in `xa.a.a`.
    fn match_from(&self, text: &str, mut from: usize) -> Option<Range<usize>> {
        let regex = self.regex.as_ref()?;
        loop {
            let range = regex.find_at(text, from)?.range();
            if range.is_empty() {
                from = after_char_at(text, range.start)?;
            } else if !self.whole_word || stands_alone(text, &range) {
                return Some(range);
            } else {
                from = next_word_start(text, range.start)?;
            }
        }
    }

    /// The replacement for the match at `range`, which the caller found
    /// with this finder.
    fn expanded(&self, text: &str, range: &Range<usize>, replacement: &str) -> Option<String> {
        if !self.expand {
            return Some(replacement.to_owned());
        }
        let captures = self.regex.as_ref()?.captures_at(text, range.start)?;
        if captures.get(0)?.range() != *range {
            return None;
        }
        let mut expanded = String::new();
        captures.expand(replacement, &mut expanded);
        Some(expanded)
    }
}

/// One match in a story: which field, and where in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindMatch {
    /// The field the match is in.
    pub field: TextField,
    /// The match's byte range in that field's text.
    pub range: Range<usize>,
}

/// A field's text as find searches it: as the editor shows it, with any
/// suggestion and comment marks taken out.
pub fn searched_text(story: &Story, field: TextField) -> std::borrow::Cow<'_, str> {
    let text = story.text(field);
    if crate::model::tracked::has_marks(text) {
        std::borrow::Cow::Owned(crate::model::tracked::parse_shared(text).shown.clone())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether a field holds suggestion or comment marks: a replace there is
/// typed like any edit (`edit::typed`, a suggestion in suggestion mode),
/// not written over the stored text.
pub fn has_marks(story: &Story, field: TextField) -> bool {
    crate::model::tracked::has_marks(story.text(field))
}

/// Every match in `story`'s [`SEARCHED_FIELDS`] (their text as shown), in
/// field order and then by position.
pub fn find_in_story(story: &Story, finder: &Finder) -> Vec<FindMatch> {
    SEARCHED_FIELDS
        .iter()
        .flat_map(|&field| {
            let text = searched_text(story, field);
            finder.matches(&text).map(move |range| FindMatch { field, range }).collect::<Vec<_>>()
        })
        .collect()
}

/// The field's text as shown with match `found` replaced, for a field
/// with marks (see [`has_marks`]); `None` when the match is stale.
pub fn replaced_shown(story: &Story, finder: &Finder, found: &FindMatch, replacement: &str) -> Option<String> {
    let text = searched_text(story, found.field);
    let new = finder.replacement_for(&text, found.range.clone(), replacement)?;
    Some([text.get(..found.range.start)?, &new, text.get(found.range.end..)?].concat())
}

/// The edit that replaces the one match `found` in `story` with
/// `replacement` (group references expanded in regex mode). `None` when the
/// match is stale: the field's text changed since it was searched.
pub fn replace_one(story: &Story, finder: &Finder, found: &FindMatch, replacement: &str) -> Option<Edit> {
    let text = story.text(found.field);
    let new = finder.replacement_for(text, found.range.clone(), replacement)?;
    let before = text.get(..found.range.start)?;
    let after = text.get(found.range.end..)?;
    Some(Edit::SetText { story: story.slug.clone(), field: found.field, text: [before, &new, after].concat() })
}

/// The edit that replaces every match in `story` with `replacement`, and
/// how many matches it replaces; `None` when nothing matches.
///
/// The edit is one [`Edit::Batch`], so one undo reverts it, holding an
/// [`Edit::SetText`] for each field whose text changes. The batch is empty
/// when every replacement equals the text it replaces.
/// Fields with marks are left out: [`replace_all_shown`] gives theirs.
pub fn replace_all(story: &Story, finder: &Finder, replacement: &str) -> Option<(Edit, usize)> {
    let mut edits = Vec::new();
    let mut count = 0;
    for field in SEARCHED_FIELDS.into_iter().filter(|field| !has_marks(story, *field)) {
        let text = story.text(field);
        let (new, replaced) = finder.replace_in(text, replacement);
        count += replaced;
        if new != text {
            edits.push(Edit::SetText { story: story.slug.clone(), field, text: new });
        }
    }
    (count > 0).then_some((Edit::Batch(edits), count))
}

/// Matches in one field and what replaces each (byte ranges of the text
/// as shown, in order).
pub type Replacements = Vec<(Range<usize>, String)>;

/// Every match in the fields with marks, with what replaces it: each such
/// field's matches (byte ranges of the text as shown, in order) to be
/// typed one by one, last first, and how many there are.
pub fn replace_all_shown(story: &Story, finder: &Finder, replacement: &str) -> (Vec<(TextField, Replacements)>, usize) {
    let mut typed = Vec::new();
    let mut count = 0;
    for field in SEARCHED_FIELDS.into_iter().filter(|field| has_marks(story, *field)) {
        let text = searched_text(story, field);
        let replacements: Replacements = finder
            .matches(&text)
            .filter_map(|range| Some((range.clone(), finder.replacement_for(&text, range, replacement)?)))
            .filter(|(range, new)| text.get(range.clone()) != Some(new.as_str()))
            .collect();
        count += finder.matches(&text).count();
        if !replacements.is_empty() {
            typed.push((field, replacements));
        }
    }
    (typed, count)
}

/// The index in `matches` (as [`find_in_story`] lists them) to select for
/// "find next", or with `backwards` "find previous".
///
/// `after` is where the search starts: the field and byte offset of the
/// selected match's start. Next is the first match starting after it,
/// previous the last one starting before it; both wrap around the story.
/// Without `after`, next is the first match and previous the last. A field
/// not in [`SEARCHED_FIELDS`] counts as after all of them. `None` when there
/// are no matches.
pub fn next_match(matches: &[FindMatch], after: Option<(TextField, usize)>, backwards: bool) -> Option<usize> {
    let last = matches.len().checked_sub(1)?;
    let Some((field, offset)) = after else {
        return Some(if backwards { last } else { 0 });
    };
    let here = (field_rank(field), offset);
    let place = |found: &FindMatch| (field_rank(found.field), found.range.start);
    let index = if backwards {
        matches.iter().rposition(|found| place(found) < here).unwrap_or(last)
    } else {
        matches.iter().position(|found| place(found) > here).unwrap_or(0)
    };
    Some(index)
}

/// Where `field` comes in [`SEARCHED_FIELDS`]; fields not searched come last.
fn field_rank(field: TextField) -> usize {
    SEARCHED_FIELDS.iter().position(|&searched| searched == field).unwrap_or(SEARCHED_FIELDS.len())
}

/// Letters and digits of any script, and `_`: what whole-word matching keeps
/// a match from touching.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when no word character touches `range` in `text` on either side.
fn stands_alone(text: &str, range: &Range<usize>) -> bool {
    let before = text.get(..range.start).and_then(|s| s.chars().next_back());
    let after = text.get(range.end..).and_then(|s| s.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// The byte offset just after the character at `at`; `None` at the end.
fn after_char_at(text: &str, at: usize) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    Some(at + c.len_utf8())
}

/// The first offset after `at` where a whole word could start: just after
/// the next character that is not a word character. `None` when there is
/// no such place.
fn next_word_start(text: &str, at: usize) -> Option<usize> {
    let (offset, c) = text.get(at..)?.char_indices().find(|&(_, c)| !is_word_char(c))?;
    Some(at + offset + c.len_utf8())
}

/// The `regex` crate's many-line syntax error as one line: what is wrong,
/// and for a one-line pattern at which character.
///
/// The crate writes the pattern indented by four spaces, a line of carets
/// under the fault, then `error: <what>`.
fn one_line_message(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(what) = lines.iter().find_map(|line| line.strip_prefix("error: ")) else {
        return lines.iter().rev().map(|line| line.trim()).find(|line| !line.is_empty()).unwrap_or(text).to_owned();
    };
    // One pattern line (a multi-line pattern is shown with line numbers).
    let is_caret_line = |line: &&str| line.contains('^') && line.chars().all(|c| c == ' ' || c == '^' || c == '-');
    if let ["regex parse error:", _pattern, carets, ..] = lines.as_slice()
        && is_caret_line(carets)
        && let Some(column) = carets.chars().position(|c| c == '^').and_then(|at| at.checked_sub(3))
    {
        return format!("{what} at character {column}");
    }
    what.to_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::*;

    fn error_for(query: &str) -> FindError {
        let options = FindOptions { query: query.into(), regex: true, ..FindOptions::default() };
        Finder::new(&options).unwrap_err()
    }

    #[test]
    fn syntax_errors_become_one_line_with_a_position() {
        let cases = [
            ("(foo", "unclosed group at character 1"),
            ("ab)", "unopened group at character 3"),
            ("a{2,1}", "invalid repetition count range, the start must be <= the end at character 2"),
            ("[z-a]", "invalid character class range, the start must be <= the end at character 2"),
            (r"\p{Nope}", "Unicode property not found at character 1"),
        ];
        for (query, expected) in cases {
            let FindError::BadPattern { message } = error_for(query) else { panic!("{query}: not BadPattern") };
            assert_eq!(message, expected, "{query}");
        }
    }

    #[test]
    fn a_multi_line_pattern_error_is_still_one_line() {
        let FindError::BadPattern { message } = error_for("a\n(") else { panic!("not BadPattern") };
        assert_eq!(message, "unclosed group");
    }

    #[test]
    fn huge_patterns_are_refused() {
        assert_eq!(error_for(r"\w{10000}"), FindError::TooBig);
        for reasonable in [r"\w{100}", r"(?:\w+\s+){1,20}\w+", r"[\p{L}\p{N}]{40}"] {
            let options = FindOptions { query: reasonable.into(), regex: true, ..FindOptions::default() };
            assert!(Finder::new(&options).is_ok(), "{reasonable}");
        }
    }

    #[test]
    fn word_starts() {
        assert_eq!(next_word_start("ab cd", 0), Some(3));
        assert_eq!(next_word_start("ab", 0), None);
        assert_eq!(next_word_start("a.é", 0), Some(2));
    }
}
