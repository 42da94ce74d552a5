//! Duplicates: the same paragraph, or the same sentence of five words or
//! more, twice in the body.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::punctuation::CLOSERS;
use super::{Paragraph, excerpt_start, hit, slice, words};
use crate::checks::{Hit, Rule};

/// The fewest words a sentence needs for its repeat to be reported.
const MIN_DUPLICATE_WORDS: usize = 5;

/// A paragraph or sentence seen before: where.
struct Seen {
    paragraph: usize,
}

/// The same paragraph twice, or the same sentence of five words or more
/// twice (ignoring case, spacing and curly versus straight quotes): the
/// second occurrence is reported.
pub(super) fn duplicates(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    thread_local! {
        static KEYS: crate::checks::memo::Memo<ParagraphKeys> = Default::default();
    }
    let keys: Vec<Rc<ParagraphKeys>> = paragraphs
        .iter()
        .map(|paragraph| {
            let whole = slice(text, &paragraph.range);
            crate::checks::memo::remembered(&KEYS, whole, || ParagraphKeys::of(whole))
        })
        .collect();
    let mut seen_paragraphs: HashMap<&str, Seen> = HashMap::new();
    let mut seen_sentences: HashMap<&str, Seen> = HashMap::new();
    let mut hits = Vec::new();
    for (index, (paragraph, keys)) in paragraphs.iter().zip(&keys).enumerate() {
        if let Some(key) = &keys.whole {
            if let Some(first) = seen_paragraphs.get(key.as_str()) {
                hits.push(duplicate_hit(text, paragraph.range.clone(), "paragraph", first.paragraph, index));
                continue;
            }
            seen_paragraphs.insert(key, Seen { paragraph: index });
        }
        for (range, key) in &keys.sentences {
            let sentence = paragraph.range.start + range.start..paragraph.range.start + range.end;
            if let Some(first) = seen_sentences.get(key.as_str()) {
                hits.push(duplicate_hit(text, sentence, "sentence", first.paragraph, index));
            } else {
                seen_sentences.insert(key, Seen { paragraph: index });
            }
        }
    }
    hits
}

/// What [`duplicates`] compares of one paragraph: its normalised text when
/// it is long enough to count, and each long enough sentence's range (in
/// the paragraph) and normalised text.
struct ParagraphKeys {
    whole: Option<String>,
    sentences: Vec<(Range<usize>, String)>,
}

impl ParagraphKeys {
    fn of(whole: &str) -> Self {
        let long_enough = |s: &str| words(s).len() >= MIN_DUPLICATE_WORDS;
        let sentences = sentences(whole, &(0..whole.len()))
            .into_iter()
            .filter(|sentence| long_enough(slice(whole, sentence)))
            .map(|sentence| {
                let key = normalise(slice(whole, &sentence));
                (sentence, key)
            })
            .collect();
        ParagraphKeys { whole: long_enough(whole).then(|| normalise(whole)), sentences }
    }
}

/// The hit for a repeated paragraph or sentence at `range`, first seen in
/// paragraph `first` (0-based), repeated in paragraph `here`.
fn duplicate_hit(text: &str, range: Range<usize>, what: &str, first: usize, here: usize) -> Hit {
    let quoted = excerpt_start(slice(text, &range), 50);
    let where_first =
        if first == here { "earlier in this paragraph".to_owned() } else { format!("also in paragraph {}", first + 1) };
    let message = format!("This {what} is repeated (“{quoted}” is {where_first}); delete one of them.");
    hit(Rule::DuplicateText, range, message)
}

/// `s` lower-cased, its whitespace collapsed and its quotes straightened,
/// for comparing sentences.
fn normalise(s: &str) -> String {
    let straight: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' => '"',
            '‘' | '’' => '\'',
            other => other,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The sentences of the text in `range`: ends after . ! ? or …, with any
/// closing quotes and brackets, followed by whitespace. Abbreviations may
/// split a sentence in two; both copies split the same way.
fn sentences(text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    let part = slice(text, range);
    let mut out = Vec::new();
    let mut start = 0;
    let mut ended = false;
    for (i, c) in part.char_indices() {
        if matches!(c, '.' | '!' | '?' | '…') {
            ended = true;
        } else if ended && c.is_whitespace() {
            push_trimmed(part, start..i, range.start, &mut out);
            start = i;
            ended = false;
        } else if !CLOSERS.contains(&c) && c != ')' {
            ended = false;
        }
    }
    push_trimmed(part, start..part.len(), range.start, &mut out);
    out
}

/// Adds `range` of `part`, trimmed, shifted by `offset`, if not empty.
fn push_trimmed(part: &str, range: Range<usize>, offset: usize, out: &mut Vec<Range<usize>>) {
    let piece = slice(part, &range);
    let trimmed = piece.trim_start();
    let start = range.start + (piece.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if end > start {
        out.push(offset + start..offset + end);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::test_support::table;
    use super::super::{TextKind, check_text};
    use crate::checks::Rule;

    #[test]
    fn duplicates() {
        table(
            Rule::DuplicateText,
            TextKind::Body,
            &[
                (
                    "The drones flew low over the base. Then they left.\n\nLater, the drones flew low over the base.",
                    &[],
                ),
                ("The drones flew low over the base. Then they left.\n\nAnd “the drones flew low over the base.”", &[]),
                (
                    "The drones flew low over the base. Then they left.\n\nOK. The drones flew  low over the BASE.",
                    &["The drones flew  low over the BASE."],
                ),
                (
                    "First paragraph has words enough here.\n\nSecond.\n\nFirst paragraph has words enough here.",
                    &["First paragraph has words enough here."],
                ),
                ("He said no. He said no.", &[]),
                ("“It is “fine” they said.” It is \"fine\" they said.", &[]),
            ],
        );
        let hits = check_text(
            TextKind::Body,
            "One.\n\nTwo.\n\nThe drones flew low over the base.\n\nThe drones flew low over the base.",
        );
        let duplicate = hits.iter().find(|hit| hit.rule == Rule::DuplicateText).unwrap();
        assert!(duplicate.message.contains("also in paragraph 3"), "{}", duplicate.message);
    }
}
