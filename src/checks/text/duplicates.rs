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

/// Abbreviations whose full stop ends no sentence ("Mr. Smith", "the U.S.
/// commitment", "Sept. 9"), matched with their capitals.
const ABBREVIATIONS: [&str; 33] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm", "Cpl",
    "Spc", "Pvt", "Rev", "St", "Mt", "Ft", "Jr", "Sr", "U.S", "No", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// The sentences of the text in `range`: ends after . ! ? or …, with any
/// closing quotes and brackets, followed by whitespace; never after an
/// initial ("Antony J. Blinken") or an abbreviation of [`ABBREVIATIONS`].
/// Other abbreviations may split a sentence in two; both copies split the
/// same way.
fn sentences(text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    let part = slice(text, range);
    let mut out = Vec::new();
    let mut start = 0;
    let mut ended = false;
    for (i, c) in part.char_indices() {
        if matches!(c, '!' | '?' | '…') || (c == '.' && !ends_abbreviation(part, i)) {
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

/// Whether the full stop at byte `at` of `part` ends an initial (one
/// capital letter: "J.") or an abbreviation of [`ABBREVIATIONS`].
fn ends_abbreviation(part: &str, at: usize) -> bool {
    let before = part.get(..at).unwrap_or_default();
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "(“\"‘'[—–".contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before.get(word_start..).unwrap_or_default();
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    initial || ABBREVIATIONS.contains(&word)
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
                // Initials and abbreviations end no sentence.
                (
                    "Secretary of State Antony J. Blinken met with Sameh Shoukry in Cairo.\n\nSecretary of State \
                     Antony J. Blinken met with President El-Sisi in Cairo.",
                    &[],
                ),
                ("The briefing was given by Mr. Smith today.\n\nThe briefing was given by Mr. Jones today.", &[]),
                ("He arrived in the U.S. on Monday morning.\n\nHe arrived in the U.S. on Tuesday night.", &[]),
                ("The talks were held on Sept. 9 in Cairo.\n\nThe talks were held on Sept. 12 in Doha.", &[]),
                ("(The talks were held by Gen. Smith.)\n\n(The talks were held by Gen. Jones.)", &[]),
                (
                    "Secretary of State Antony J. Blinken met today with Minister Shoukry.\n\nSecretary of State \
                     Antony J. Blinken met today with Minister Shoukry. Then he left.",
                    &["Secretary of State Antony J. Blinken met today with Minister Shoukry."],
                ),
                (
                    "He said the answer was no. The drones flew low over the base.\n\nLater. The drones flew low \
                     over the base.",
                    &["The drones flew low over the base."],
                ),
                (
                    "He lives in Washington, D.C. The drones flew low over the base.\n\nLater. The drones flew \
                     low over the base.",
                    &["The drones flew low over the base."],
                ),
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
