//! Balance: double quotation marks, parentheses and square brackets
//! opened and not closed, or closed and not opened.

use super::{Paragraph, TextKind, excerpt_end, excerpt_start, hit, last_word_start, slice};
use crate::checks::{Hit, Rule};

/// What a double quotation mark does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteRole {
    Open,
    Close,
}

/// The role of the double quotation mark `c`, given the char before it;
/// `None` for other chars and for a straight `"` after a digit (an inch mark).
fn quote_role(c: char, before: Option<char>) -> Option<QuoteRole> {
    match c {
        '“' | '„' => Some(QuoteRole::Open),
        '”' => Some(QuoteRole::Close),
        '"' => match before {
            Some(b) if b.is_ascii_digit() => None,
            None => Some(QuoteRole::Open),
            Some(b) if b.is_whitespace() || "([{—–-/*_‘“".contains(b) => Some(QuoteRole::Open),
            Some(_) => Some(QuoteRole::Close),
        },
        _ => None,
    }
}

/// Whether the paragraph starts with an opening double quote (allowing for
/// Markdown emphasis or a block-quote marker first).
fn opens_with_quote(text: &str, paragraph: &Paragraph) -> bool {
    let start = slice(text, &paragraph.range).trim_start_matches(|c: char| c.is_whitespace() || "*_>".contains(c));
    start.starts_with(['“', '"', '„'])
}

/// Double quotation marks opened and not closed, or closed and not opened,
/// per paragraph. A quote left open is fine when the next paragraph opens
/// one again: the convention for a quotation running over paragraphs.
/// Single quotes are not checked: ’ is also the apostrophe.
pub(super) fn unbalanced_quotes(kind: TextKind, text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let runs_on =
            kind == TextKind::Body && paragraphs.get(index + 1).is_some_and(|next| opens_with_quote(text, next));
        let mut open: Option<(usize, char)> = None;
        let mut before: Option<char> = None;
        for (i, c) in slice(text, &paragraph.range).char_indices() {
            let at = paragraph.range.start + i;
            let role = quote_role(c, before);
            before = Some(c);
            if role == Some(QuoteRole::Close) {
                if open.take().is_none() {
                    hits.push(unopened_quote(text, at, c, paragraph.range.start));
                }
            } else if role == Some(QuoteRole::Open) {
                if let Some((earlier, mark)) = open
                    && (mark != '"' || c != '"')
                {
                    hits.push(unclosed_quote(text, earlier, mark, paragraph.range.end));
                }
                open = match open {
                    Some((_, '"')) if c == '"' => None,
                    _ => Some((at, c)),
                };
            }
        }
        if let Some((at, mark)) = open
            && !runs_on
        {
            hits.push(unclosed_quote(text, at, mark, paragraph.range.end));
        }
    }
    hits
}

/// The hit for an opening quotation mark at `at` that is never closed.
fn unclosed_quote(text: &str, at: usize, mark: char, paragraph_end: usize) -> Hit {
    let quoted = excerpt_start(slice(text, &(at..paragraph_end)), 60);
    let message = format!("This quotation mark is never closed: {quoted}; close the quote or delete the mark.");
    hit(Rule::UnbalancedQuotes, at..at + mark.len_utf8(), message)
}

/// The hit for a closing quotation mark at `at` that was never opened.
fn unopened_quote(text: &str, at: usize, mark: char, paragraph_start: usize) -> Hit {
    let end = at + mark.len_utf8();
    let quoted = excerpt_end(slice(text, &(paragraph_start..end)), 60);
    let message =
        format!("This closing quotation mark has no opening one: {quoted}; add the opening mark or delete it.");
    hit(Rule::UnbalancedQuotes, at..end, message)
}

// ---------------------------------------------------------------------------
// Brackets.

/// Parentheses and square brackets opened and not closed, or closed and not
/// opened, per paragraph. A `)` closing a list marker ("1)", "a)") and the
/// brackets of emoticons (":)", ":-(") are left out.
pub(super) fn unbalanced_brackets(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for paragraph in paragraphs {
        let mut stack: Vec<(usize, char)> = Vec::new();
        for (i, c) in slice(text, &paragraph.range).char_indices() {
            let at = paragraph.range.start + i;
            if !matches!(c, '(' | ')' | '[' | ']') || is_emoticon(text, at, c) {
                continue;
            }
            match c {
                '(' | '[' => stack.push((at, c)),
                _ => {
                    let opener = if c == ')' { '(' } else { '[' };
                    if stack.last().is_some_and(|&(_, top)| top == opener) {
                        stack.pop();
                    } else if !(c == ')' && stack.is_empty() && is_list_marker(text, at)) {
                        hits.push(bracket_hit(text, at, c, paragraph));
                    }
                }
            }
        }
        hits.extend(stack.into_iter().map(|(at, c)| bracket_hit(text, at, c, paragraph)));
    }
    hits
}

/// Whether the bracket `c` at `at` is part of an emoticon: ":)", ":-(", ";)".
fn is_emoticon(text: &str, at: usize, c: char) -> bool {
    if !matches!(c, '(' | ')') {
        return false;
    }
    let before = text.get(..at).unwrap_or("");
    let before = before.strip_suffix('-').unwrap_or(before);
    before.strip_suffix([':', ';', '=']).is_some_and(|face| face.chars().next_back().is_none_or(char::is_whitespace))
}

/// Whether the `)` at `at` ends an enumerator ("1)", "a)", "iv)") at the
/// start of a line or after a space.
fn is_list_marker(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let token_start = last_word_start(before);
    let token = before.get(token_start..).unwrap_or("");
    let digits = !token.is_empty() && token.len() <= 2 && token.chars().all(|c| c.is_ascii_digit());
    let letter = token.len() == 1 && token.chars().all(|c| c.is_ascii_alphabetic());
    let roman = !token.is_empty() && token.len() <= 4 && token.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    digits || letter || roman
}

/// The hit for an unmatched bracket `c` at `at`.
fn bracket_hit(text: &str, at: usize, c: char, paragraph: &Paragraph) -> Hit {
    let end = at + c.len_utf8();
    let (quoted, what) = if matches!(c, '(' | '[') {
        (excerpt_start(slice(text, &(at..paragraph.range.end)), 50), "is never closed")
    } else {
        (excerpt_end(slice(text, &(paragraph.range.start..end)), 50), "has no opening one")
    };
    let message = format!("This “{c}” {what}: “{quoted}”; add the missing bracket or delete this one.");
    hit(Rule::UnbalancedBrackets, at..end, message)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::TextKind;
    use super::super::test_support::table;
    use crate::checks::Rule;

    #[test]
    fn unbalanced_quotes() {
        table(
            Rule::UnbalancedQuotes,
            TextKind::Body,
            &[
                ("He said “we will go.", &["“"]),
                ("He said we will go.” Then left.", &["”"]),
                ("He said \"we will go.", &["\""]),
                ("“One,” he said, “two.”", &[]),
                ("\"One,\" he said, \"two.\"", &[]),
                ("A 12\" pizza and a 9\" one.", &[]),
                ("“Mixed quotes,\" he said.", &[]),
                ("He said *\"no\"* and _\"never\"_.", &[]),
                // A quotation running on over paragraphs.
                ("“We came here first.\n\n“Then we left,” he said.", &[]),
                ("“We came here first.\n\nThen we left, he said.", &["“"]),
                // Single quotes are not checked.
                ("US ‘increasingly alarmed’ by drone attacks.", &[]),
                ("The casualty's nationality and Iraq’s army.", &[]),
                ("The ‘so-called plan.", &[]),
                ("“First “second”.", &["“"]),
            ],
        );
        table(Rule::UnbalancedQuotes, TextKind::Headline, &[("US ‘increasingly alarmed’ by “drones", &["“"])]);
        // Only the body runs quotes on over paragraphs.
        table(Rule::UnbalancedQuotes, TextKind::Caption, &[("“One\n\n“Two”.", &["“"])]);
    }

    #[test]
    fn unbalanced_brackets() {
        table(
            Rule::UnbalancedBrackets,
            TextKind::Body,
            &[
                ("The group (PMU said so.", &["("]),
                ("The group PMU) said so.", &[")"]),
                ("Vehicles [UAVs said.", &["["]),
                ("Vehicles [UAVs) said.", &["[", ")"]),
                ("The group (PMU) said [so].", &[]),
                ("Nested (a [b] (c)) fine.", &[]),
                ("1) First point.\n2) Second point.", &[]),
                ("Options: a) this and b) that, or iv) neither.", &[]),
                ("The group (PMU) said 10) things.", &[]),
                ("Great news :) and sad news :-( today.", &[]),
                ("A [link](https://example.com) here.", &[]),
            ],
        );
    }
}
