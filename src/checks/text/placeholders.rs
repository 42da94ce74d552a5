//! Placeholders left in the copy: TK, XX, INSERT, "lorem ipsum" and
//! `[[…]]` editor's notes.

use super::{excerpt_start, find_phrase, hit, slice, words};
use crate::checks::{Hit, Rule};

/// Words that are placeholders when written in capitals.
const PLACEHOLDER_WORDS: [&str; 5] = ["TK", "TKTK", "XX", "XXX", "INSERT"];

/// TK, XX, INSERT (in capitals), "lorem ipsum" and `[[…]]` notes.
pub(super) fn placeholders(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for word in words(text) {
        let found = slice(text, &word);
        if PLACEHOLDER_WORDS.contains(&found) {
            let message = format!("“{found}” is a placeholder; replace it with the real text.");
            hits.push(hit(Rule::Placeholder, word, message));
        }
    }
    for range in find_phrase(text, "lorem ipsum") {
        let message = format!("“{}” is dummy text; replace it with the real text.", slice(text, &range));
        hits.push(hit(Rule::Placeholder, range, message));
    }
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|rest| rest.find("[[")).map(|i| from + i) {
        let close = text.get(open + 2..).and_then(|rest| rest.find("]]")).map(|i| open + 2 + i + 2);
        let end = close.unwrap_or(open + 2);
        let range = open..end;
        let message = format!(
            "“{}” is an editor’s note left in; resolve it and delete it.",
            excerpt_start(slice(text, &range), 60)
        );
        hits.push(hit(Rule::Placeholder, range, message));
        from = end;
    }
    hits
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::TextKind;
    use super::super::test_support::table;
    use crate::checks::Rule;

    #[test]
    fn placeholders_are_found() {
        use TextKind::*;
        for kind in [Headline, Dek, Body, Caption] {
            table(
                Rule::Placeholder,
                kind,
                &[
                    ("The mayor said TK people came.", &["TK"]),
                    ("TKTK", &["TKTK"]),
                    ("Fire kills XX in XXX.", &["XX", "XXX"]),
                    ("Lorem ipsum dolor sit amet.", &["Lorem ipsum"]),
                    ("He met [[check name]] in May.", &["[[check name]]"]),
                    ("INSERT quote here.", &["INSERT"]),
                    ("Unclosed [[note here.", &["[["]),
                ],
            );
        }
        table(
            Rule::Placeholder,
            TextKind::Body,
            &[
                ("The TKO came in the third round.", &[]),
                ("Take the tk out.", &[]),
                ("Insert the card. XXL sizes sold out.", &[]),
                ("A lorem of ipsum.", &[]),
                ("[UAVs] and [a] link.", &[]),
            ],
        );
    }
}
