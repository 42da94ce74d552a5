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
/// (closing quotes and brackets after it allowed, and a credit after a
/// full stop, in parentheses or written out: "… late October. Photo
/// credit: NASA/Ben Smegelsky"). A line broken off with a dash ("Why did
/// you sacrifice –") is ended. Headlines, Markdown headings, plain-text
/// subheads ([`is_subhead`]), lists (with `-- ` or dash markers too, and
/// the last item of a list under a line ending with a colon), tables,
/// code, rules, link-only lines and boilerplate are left out.
pub(super) fn final_punctuation(kind: TextKind, text: &str, paragraphs: &[Paragraph], boilerplate: &[Hit]) -> Vec<Hit> {
    if kind == TextKind::Headline {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let Some(last) = paragraph.lines.last() else { continue };
        if boilerplate.iter().any(|b| b.range.start <= last.start && last.end <= b.range.end) {
            continue;
        }
        if kind == TextKind::Body && !is_prose(text, paragraph) {
            continue;
        }
        let content = slice(text, last).trim_end();
        if ends_sentence(content) || ends_with_dash(content) {
            continue;
        }
        let end = last.start + content.len();
        let body_exception = kind == TextKind::Body
            && (ends_list_under_colon(text, paragraph) || is_subhead(text, paragraph, paragraphs.get(index + 1)));
        if body_exception || (kind == TextKind::Caption && ends_with_credit(slice(text, &(paragraph.range.start..end))))
        {
            continue;
        }
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

/// Whether a line ends broken off with a dash, closing quotes allowed after
/// it: an interrupted question in a transcript ("Why did you sacrifice –").
fn ends_with_dash(line: &str) -> bool {
    let line = line.trim_end().trim_end_matches(CLOSERS).trim_end();
    line.ends_with(['–', '—']) || line.ends_with("--")
}

/// Whether a caption ends with a credit ("(AP Photo)", "Photo credit:
/// NASA/Ben Smegelsky") after a full stop.
fn ends_with_credit(caption: &str) -> bool {
    crate::checks::captions::credit_start(caption)
        .and_then(|at| caption.get(..at))
        .is_some_and(|before| !before.trim().is_empty() && ends_sentence(before))
}

/// Whether a paragraph's last line is the last item of a list that a line
/// ending with a colon introduces ("Those honored include:", then a name a
/// line): every line after the last such line starts with a capital
/// letter, a digit, or an opening quote or bracket (a hard-wrapped
/// sentence goes on in lower case).
fn ends_list_under_colon(text: &str, paragraph: &Paragraph) -> bool {
    let lines: Vec<&str> = paragraph.lines.iter().map(|line| slice(text, line)).collect();
    let Some(intro) = lines.iter().rposition(|line| line.trim_end().ends_with(':')) else { return false };
    let items = lines.get(intro + 1..).unwrap_or_default();
    let starts_item = |line: &&str| {
        line.trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“\"‘'([".contains(c))
    };
    !items.is_empty() && items.iter().all(starts_item)
}

/// A plain-text subhead has at most this many words.
const SUBHEAD_WORDS: usize = 10;

/// Short words a title leaves in lower case.
const MINOR_WORDS: [&str; 24] = [
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off", "on", "onto", "or",
    "over", "per", "the", "to", "up", "via", "with",
];

/// Whether a body paragraph is a subhead written as plain text ("Space
/// Station’s 100,000th Orbit", "CubeSats Deployed from ISS"): one line of
/// at most [`SUBHEAD_WORDS`] words, its first and most of its words
/// capitalised (or figures), the others short words of [`MINOR_WORDS`],
/// followed by a paragraph of prose that ends a sentence.
fn is_subhead(text: &str, paragraph: &Paragraph, next: Option<&Paragraph>) -> bool {
    let [line] = paragraph.lines.as_slice() else { return false };
    let words: Vec<&str> =
        slice(text, line).split_whitespace().filter(|word| word.chars().any(char::is_alphanumeric)).collect();
    if words.is_empty() || words.len() > SUBHEAD_WORDS {
        return false;
    }
    let core = |word: &str| word.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let capitalised = |word: &&str| core(word).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let minor = |word: &&str| MINOR_WORDS.contains(&core(word).to_lowercase().as_str());
    let title_case = words.first().is_some_and(capitalised)
        && words.iter().all(|word| capitalised(word) || minor(word))
        && words.iter().filter(|word| capitalised(word)).count() * 2 > words.len();
    let prose_follows = next.is_some_and(|next| {
        is_prose(text, next) && next.lines.last().is_some_and(|last| ends_sentence(slice(text, last)))
    });
    title_case && prose_follows
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

/// Whether a line is a list item: Markdown's "- ", "* ", "+ ", "1. ",
/// "1) ", and the "-- ", "– " and "— " markers of plain-text lists (as
/// NASA's releases print them).
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if ["- ", "* ", "+ ", "-- ", "– ", "— "].iter().any(|marker| line.starts_with(marker)) {
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
                // Plain-text lists: "-- " and dash markers, one item a paragraph or a line.
                (
                    "Contractors are:\n\n-- The Boeing Company, Houston, $9,993,000\n\n-- Sierra Nevada, $10,000,000",
                    &[],
                ),
                ("-- The Boeing Company\n-- Sierra Nevada Corporation", &[]),
                ("– first item\n– second item", &[]),
                ("— first item\n— second item", &[]),
                ("* first item\n* second item", &[]),
                ("It was -- as they said -- over", &["over"]),
                ("--The Boeing Company", &["Company"]),
                // The last item of a list under a line ending with a colon.
                (
                    "Those honored include:\nApollo 1: Roger B. Chaffee\nX-15 No. 3: Maj. Michael J. Adams, U.S. Air Force",
                    &[],
                ),
                ("Those honored include:\n“Gus” Grissom\n(and) Ed White", &[]),
                ("The list follows:\nthe first item is here and it goes on", &["on"]),
                ("Those honored include:\nApollo 1\n\nThe mission ended", &["ended"]),
                ("Apollo 1\nChallenger", &["Challenger"]),
                // Plain-text subheads before a paragraph of prose.
                ("Space Station’s 100,000th Orbit\n\nOn May 16, the station completed its orbit.", &[]),
                ("CubeSats Deployed from ISS\n\nMay 16 also saw a launch.", &[]),
                ("WASHINGTON\n\nThe station completed its orbit.", &[]),
                ("The station completed its orbit\n\nIt flew on.", &["orbit"]),
                ("Space Station’s 100,000th Orbit", &["Orbit"]),
                ("Space Station’s 100,000th Orbit\n\nCubeSats Deployed from ISS", &["Orbit", "ISS"]),
                ("Space Station’s Orbit\nCubeSats Deployed\n\nThe station flew.", &["Deployed"]),
                ("Eleven Words Are Far Too Many For A Subhead In This Story\n\nText.", &["Story"]),
                ("Space Station’s Orbit\n\n- a list item", &["Orbit"]),
                // A line broken off with a dash.
                ("QUESTION: Why did you sacrifice –", &[]),
                ("He asked: “Why did you —”", &[]),
                ("Why did you sacrifice--", &[]),
                ("Why did you sacrifice-", &["sacrifice-"]),
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
                // A credit written out after the full stop.
                ("The crew returns in late October. Photo credit: NASA/Ben Smegelsky", &[]),
                ("The parade was one of many. Source: Frank Jennings", &[]),
                ("Soldiers patrol in Mosul. Photo: Jane Roe/AP", &[]),
                ("Soldiers patrol in Mosul.\nCourtesy of the Glenn family", &[]),
                ("Soldiers patrol in Mosul Photo credit: NASA", &["NASA"]),
                ("Soldiers patrol in Mosul — Photo: Jane Roe/AP", &["Roe/AP"]),
                ("Soldiers patrol. A man takes a photo by the river", &["river"]),
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
