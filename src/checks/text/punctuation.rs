//! Punctuation and spacing: paragraphs without final punctuation, doubled
//! words, double spaces and spaces before punctuation.

use std::ops::Range;

use super::links::is_link_line;
use super::{
    Paragraph, TextKind, char_at, excerpt_end, excerpt_start, hit, last_word_start, lines, slice, with_fix, words,
};
use crate::checks::{Hit, Rule};

/// Chars that end a sentence (a colon ends a paragraph introducing a list
/// or a quotation).
const SENTENCE_ENDS: [char; 5] = ['.', '!', '?', '…', ':'];

/// Chars that may follow the end of a sentence: closing quotes and
/// brackets, and Markdown emphasis.
pub(super) const CLOSERS: [char; 7] = ['”', '"', '’', '\'', ']', '*', '_'];

/// Body paragraphs and captions and deks that do not end with . ! ? … or :
/// (closing quotes and brackets after it allowed, and a credit in
/// parentheses after a full stop). Headlines, Markdown headings, lists,
/// tables, code, rules, link-only lines and boilerplate are left out.
pub(super) fn final_punctuation(kind: TextKind, text: &str, paragraphs: &[Paragraph], boilerplate: &[Hit]) -> Vec<Hit> {
    if kind == TextKind::Headline {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for paragraph in paragraphs {
        let Some(last) = paragraph.lines.last() else { continue };
        if boilerplate.iter().any(|b| b.range.start <= last.start && last.end <= b.range.end) {
            continue;
        }
        if kind == TextKind::Body && !is_prose(text, paragraph) {
            continue;
        }
        let content = slice(text, last).trim_end();
        if ends_sentence(content) {
            continue;
        }
        let end = last.start + content.len();
        let word_start = last.start + last_word_start(content);
        let tail = excerpt_end(slice(text, &(paragraph.range.start..end)), 40);
        let what = match kind {
            TextKind::Caption => "This caption",
            TextKind::Dek => "The dek",
            _ => "This paragraph",
        };
        let message = format!("{what} ends without a full stop: “{tail}”; add the missing punctuation.");
        hits.push(hit(Rule::FinalPunctuation, word_start..end, message));
    }
    hits
}

/// Whether a body paragraph is running prose, not a heading, list, table,
/// code, rule or a line of links.
fn is_prose(text: &str, paragraph: &Paragraph) -> bool {
    let whole = slice(text, &paragraph.range);
    if !whole.chars().any(char::is_alphanumeric) {
        return false;
    }
    let Some(first) = paragraph.lines.first() else { return false };
    let first = slice(text, first);
    if first.starts_with("    ") || first.starts_with('\t') {
        return false;
    }
    let first = first.trim_start();
    let not_prose_start = ["#", "```", "~~~", "|", "<", "!["];
    if not_prose_start.iter().any(|start| first.starts_with(start)) {
        return false;
    }
    let has_list_item = paragraph.lines.iter().any(|line| is_list_item(slice(text, line)));
    !has_list_item && !paragraph.lines.iter().all(|line| is_link_line(slice(text, line)))
}

/// Whether a line is a Markdown list item: "- ", "* ", "+ ", "1. ", "1) ".
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..).unwrap_or("");
    digits > 0 && digits < 4 && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// Whether `s` ends a sentence: a sentence end, possibly followed by
/// closing quotes or brackets or a parenthesised credit ("…Iraq. (AP
/// Photo)"), or is all in parentheses ("(Reporting by …; Editing by …)").
pub(super) fn ends_sentence(s: &str) -> bool {
    let mut s = s.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    loop {
        s = s.trim_end();
        let Some(last) = s.chars().next_back() else { return true };
        let rest = s.get(..s.len() - last.len_utf8()).unwrap_or("");
        if SENTENCE_ENDS.contains(&last) {
            return true;
        }
        if CLOSERS.contains(&last) {
            s = rest;
        } else if last == ')' {
            if let Some(before) = before_matching_paren(rest)
                && (before.trim().is_empty() || ends_with_stop(before))
            {
                return true;
            }
            s = rest;
        } else {
            return false;
        }
    }
}

/// Whether `s` ends with a sentence end, closing quotes allowed after it.
pub(super) fn ends_with_stop(s: &str) -> bool {
    s.trim_end().trim_end_matches(CLOSERS).chars().next_back().is_some_and(|c| SENTENCE_ENDS.contains(&c))
}

/// `s` before the `(` that the `)` just after its end closes.
fn before_matching_paren(s: &str) -> Option<&str> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return s.get(..i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Doubled words.

/// Words that are doubled on purpose ("had had", "bye bye", "so so").
const DOUBLES_ALLOWED: [&str; 26] = [
    "had", "that", "bye", "so", "tsk", "knock", "ha", "haha", "no", "blah", "bla", "yada", "ho", "la", "tut", "there",
    "now", "well", "hear", "bora", "walla", "pago", "baden", "sing", "dum", "chop",
];

/// The same word twice in a row (ignoring case), across spaces or a line
/// break; numbers and the doubles of [`DOUBLES_ALLOWED`] are left out.
pub(super) fn doubled_words(text: &str) -> Vec<Hit> {
    let words = words(text);
    let mut hits = Vec::new();
    for pair in words.windows(2) {
        let [first, second] = pair else { continue };
        let gap = slice(text, &(first.end..second.start));
        if gap.is_empty() || !gap.chars().all(char::is_whitespace) || gap.matches('\n').count() > 1 {
            continue;
        }
        let (a, b) = (slice(text, first), slice(text, second));
        let lower = a.to_lowercase();
        if lower != b.to_lowercase()
            || a.chars().any(|c| c.is_ascii_digit())
            || DOUBLES_ALLOWED.contains(&lower.as_str())
        {
            continue;
        }
        let message = format!("“{a} {b}”: the word is doubled; delete the second “{b}”.");
        let fix = format!("Delete the second “{b}”");
        hits.push(with_fix(hit(Rule::DoubledWord, first.end..second.end, message), fix, String::new()));
    }
    hits
}

// ---------------------------------------------------------------------------
// Spacing.

/// Whether `c` is a space, a tab or a no-break space (pasted web copy is
/// full of them).
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

/// Two or more spaces between words, and spaces at the end of a paragraph.
/// Indentation, tables, code, spaces before punctuation (their own rule)
/// and the two spaces of a Markdown line break inside a paragraph are left
/// out.
pub(super) fn double_spaces(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for paragraph in paragraphs {
        for line in &paragraph.lines {
            let content = slice(text, line);
            if content.starts_with("    ") || content.starts_with('\t') || content.trim_start().starts_with('|') {
                continue;
            }
            hits.extend(inner_double_spaces(text, line));
        }
        if let Some(last) = paragraph.lines.last() {
            let content = slice(text, last);
            let kept = content.trim_end();
            if kept.len() < content.len() && !kept.trim().is_empty() {
                let range = last.start + kept.len()..last.end;
                let after = excerpt_end(kept, 30);
                let message = format!("This paragraph ends with spaces after “{after}”; delete them.");
                let fix = "Delete the spaces".to_owned();
                hits.push(with_fix(hit(Rule::DoubleSpace, range, message), fix, String::new()));
            }
        }
    }
    hits
}

/// Runs of two or more blanks between words on one line.
fn inner_double_spaces(text: &str, line: &Range<usize>) -> Vec<Hit> {
    let content = slice(text, line);
    let indent = content.len() - content.trim_start_matches(is_blank).len();
    let mut hits = Vec::new();
    let mut run_start: Option<usize> = None;
    for (i, c) in content.char_indices().skip_while(|&(i, _)| i < indent) {
        if is_blank(c) {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = run_start.take()
            && content.get(start..i).is_some_and(|run| run.chars().count() >= 2)
            && flagged_punctuation(text, line.start + i).is_none()
        {
            let range = line.start + start..line.start + i;
            let before = excerpt_end(content.get(..start).unwrap_or(""), 25);
            let after = excerpt_start(content.get(i..).unwrap_or(""), 25);
            let message = format!("Two spaces between “{before}” and “{after}”; use one.");
            hits.push(with_fix(hit(Rule::DoubleSpace, range, message), "Use one space".to_owned(), " ".to_owned()));
        }
    }
    hits
}

/// The punctuation at `at` that must not have a space before it, if any:
/// , . ; : ! ? ) — but not an ellipsis, an emoticon (":)") or a mark
/// directly followed by a letter or digit (".com", ".45", ":30").
fn flagged_punctuation(text: &str, at: usize) -> Option<char> {
    let mark = char_at(text, at)?;
    if !matches!(mark, ',' | '.' | ';' | ':' | '!' | '?' | ')') {
        return None;
    }
    let rest = text.get(at + mark.len_utf8()..).unwrap_or("");
    let next = rest.chars().next();
    if next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    if mark == '.' && (rest.starts_with('.') || rest.starts_with(" .") || rest.starts_with('…')) {
        return None;
    }
    if matches!(mark, ':' | ';') && next.is_some_and(|c| "()-/|*".contains(c)) {
        return None;
    }
    Some(mark)
}

/// Spaces before , . ; : ! ? and ). Spaces at the start of a line are
/// left out (indentation, not a space before anything).
pub(super) fn spaces_before_punctuation(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for line in lines(text) {
        let content = slice(text, &line);
        let mut run_start: Option<usize> = None;
        let mut seen_text = false;
        for (i, c) in content.char_indices() {
            if is_blank(c) {
                if seen_text {
                    run_start.get_or_insert(i);
                }
                continue;
            }
            seen_text = true;
            let Some(start) = run_start.take() else { continue };
            let Some(mark) = flagged_punctuation(text, line.start + i) else { continue };
            let spaced_ellipsis = mark == '.' && content.get(..start).is_some_and(|before| before.ends_with('.'));
            if spaced_ellipsis {
                continue;
            }
            let range = line.start + start..line.start + i;
            let before = excerpt_end(content.get(..start).unwrap_or(""), 25);
            let message = format!("There is a space between “{before}” and “{mark}”; delete it.");
            let fix = format!("Delete the space before “{mark}”");
            hits.push(with_fix(hit(Rule::SpaceBeforePunctuation, range, message), fix, String::new()));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::test_support::table;
    use super::super::{TextKind, check_text};
    use crate::checks::Rule;

    #[test]
    fn final_punctuation() {
        table(
            Rule::FinalPunctuation,
            TextKind::Body,
            &[
                ("It lies 64 kilometers (40 miles) north of the capital", &["capital"]),
                ("First paragraph.\n\nSecond one without end", &["end"]),
                ("It lies north.", &[]),
                ("He asked why?", &[]),
                ("“We will go,” he said.", &[]),
                ("He said: “We will go.”", &[]),
                ("The list follows:", &[]),
                ("It ends here (AP)", &["(AP)"]),
                ("A note (in brackets.)", &[]),
                ("*Emphasis at the end.*", &[]),
                ("# A heading\n\nText.", &[]),
                ("- a list item\n- another", &[]),
                ("1. first\n2. second", &[]),
                ("> A block quote.", &[]),
                ("> A block quote", &["quote"]),
                ("https://example.com/story", &[]),
                ("---", &[]),
                ("(Reporting by Ahmed Rasheed; Editing by Jane Doe)", &[]),
                ("(Reporting by Ahmed Rasheed) and more", &["more"]),
                ("It was 10 a.m.", &[]),
                ("He lives in the U.S.", &[]),
            ],
        );
        table(
            Rule::FinalPunctuation,
            TextKind::Caption,
            &[
                ("Soldiers in Qayara, south of Mosul, Iraq. (Photo by AP)", &[]),
                ("Speaker Pelosi in Washington, DC. (AFP photo)", &[]),
                ("A man walks in Baghdad, Iraq. (AP Photo/Hadi Mizban)", &[]),
                ("A man walks in Baghdad", &["Baghdad"]),
                ("A man walks in Baghdad (AP Photo)", &["Photo)"]),
            ],
        );
        table(Rule::FinalPunctuation, TextKind::Dek, &[("The dek goes here", &["here"]), ("The dek.", &[])]);
        table(Rule::FinalPunctuation, TextKind::Headline, &[("US alarmed by drone attacks", &[])]);
    }

    #[test]
    fn doubled_words() {
        table(
            Rule::DoubledWord,
            TextKind::Body,
            &[
                ("He went to the the market.", &[" the"]),
                ("The the market.", &[" the"]),
                ("It is is true.", &[" is"]),
                ("He went to the\nthe market.", &["\nthe"]),
                ("He had had enough.", &[]),
                ("He said that that was fine.", &[]),
                ("Bye bye, he said.", &[]),
                ("It was 1 1 tie.", &[]),
                ("The end. The start.", &[]),
                ("The end.\n\nThe start.", &[]),
                ("He was very very tired.", &[" very"]),
            ],
        );
        let hits = check_text(TextKind::Body, "to the the market.");
        assert_eq!(hits[0].suggestion.as_ref().unwrap().replacement, "");
    }

    #[test]
    fn double_spaces() {
        table(
            Rule::DoubleSpace,
            TextKind::Body,
            &[
                ("Two  spaces here.", &["  "]),
                ("After a stop.  Next sentence.", &["  "]),
                ("Ends with spaces.  ", &["  "]),
                ("Ends with spaces. \n\nNext.", &[" "]),
                ("Ends with no-break spaces.\u{a0}\u{a0}\n\nNext.", &["\u{a0}\u{a0}"]),
                ("No-break\u{a0} spaces.", &["\u{a0} "]),
                ("A single no-break space: 10\u{a0}km.", &[]),
                ("A hard line break  \ninside a paragraph.", &[]),
                ("    code  block", &[]),
                ("| a  | b |", &[]),
                ("  - indented item", &[]),
                ("One space only.", &[]),
                ("Space before  , comma.", &[]),
            ],
        );
        table(Rule::DoubleSpace, TextKind::Headline, &[("Drone  attacks ", &["  ", " "])]);
        let hits = check_text(TextKind::Body, "Two  spaces.");
        assert_eq!(hits[0].suggestion.as_ref().unwrap().replacement, " ");
    }

    #[test]
    fn spaces_before_punctuation() {
        table(
            Rule::SpaceBeforePunctuation,
            TextKind::Body,
            &[
                ("He said , then left.", &[" "]),
                ("The end .", &[" "]),
                ("Why ?", &[" "]),
                ("Stop ; go : now !", &[" ", " ", " "]),
                ("A note (here ) ok.", &[" "]),
                ("Space before  , comma.", &["  "]),
                ("And then ... nothing.", &[]),
                ("And then … nothing.", &[]),
                ("And then . . . nothing.", &[]),
                ("Great :) news.", &[]),
                ("Built with .NET and a .45 pistol.", &[]),
                ("  . indented", &[]),
            ],
        );
    }
}
