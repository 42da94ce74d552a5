//! Checks on one piece of text: a headline, a dek, a caption or the
//! Markdown body.
//!
//! [`check_text`] runs every rule that applies to the [`TextKind`];
//! [`house_style`] runs the project's style list. Each rule is a small
//! function over the text (and, for the body, its paragraphs) that returns
//! [`Hit`]s; the rules are written to miss a doubtful case rather than nag
//! about correct copy: quotes that run on into the next paragraph, list
//! markers like `1)`, "had had", a wire caption ending `(AP Photo)` after a
//! full stop.
//!
//! All ranges are byte ranges of the checked text on char boundaries, and
//! nothing here indexes or slices without `get`, so no input can panic.

use std::collections::HashMap;
use std::ops::Range;

use super::{Hit, Rule, Suggestion, numbers};
use crate::model::StyleEntry;

/// What kind of text is checked: which rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// A headline: no final punctuation expected.
    Headline,
    /// A dek.
    Dek,
    /// The Markdown body, paragraphs separated by blank lines.
    Body,
    /// A photo caption.
    Caption,
}

/// Every text check on `text`, sorted by where the hits start.
pub fn check_text(kind: TextKind, text: &str) -> Vec<Hit> {
    let paragraphs = paragraphs(kind, text);
    let mut hits = placeholders(text);
    hits.extend(unbalanced_quotes(kind, text, &paragraphs));
    hits.extend(unbalanced_brackets(text, &paragraphs));
    let boilerplate = if kind == TextKind::Body { boilerplate(text, &paragraphs) } else { Vec::new() };
    hits.extend(final_punctuation(kind, text, &paragraphs, &boilerplate));
    hits.extend(boilerplate);
    hits.extend(doubled_words(text));
    hits.extend(double_spaces(text, &paragraphs));
    hits.extend(spaces_before_punctuation(text));
    if kind == TextKind::Body {
        hits.extend(duplicates(text, &paragraphs));
    }
    if kind != TextKind::Headline {
        hits.extend(numbers::check_numbers(text));
    }
    sort_hits(&mut hits);
    hits
}

/// Words and phrases of the house style list found in `text`, sorted by
/// where they start.
pub fn house_style(text: &str, entries: &[StyleEntry]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for entry in entries {
        let avoid = entry.avoid.trim();
        if avoid.is_empty() {
            continue;
        }
        for range in find_phrase(text, avoid) {
            hits.push(style_hit(text, range, entry));
        }
    }
    sort_hits(&mut hits);
    hits
}

/// The hit for one match of a style entry: the message and, when the entry
/// has a preferred form, the replacement in the match's capitalisation.
fn style_hit(text: &str, range: Range<usize>, entry: &StyleEntry) -> Hit {
    let found = slice(text, &range);
    let prefer = entry.prefer.trim();
    let note = entry.note.trim();
    let mut message = if prefer.is_empty() {
        format!("House style: avoid “{found}”")
    } else {
        format!("House style: write “{prefer}” instead of “{found}”")
    };
    if note.is_empty() {
        message.push('.');
    } else {
        message.push_str(&format!(" ({}).", note.trim_end_matches('.')));
    }
    let hit = Hit { rule: Rule::HouseStyle, range, message, suggestion: None };
    if prefer.is_empty() {
        return hit;
    }
    let replacement =
        if found.chars().next().is_some_and(char::is_uppercase) { capitalise(prefer) } else { prefer.to_owned() };
    let label = format!("Write “{replacement}”");
    with_fix(hit, label, replacement)
}

// ---------------------------------------------------------------------------
// Shared helpers.

/// A paragraph: its byte range (first line's start to last line's end,
/// without the newline) and its lines.
#[derive(Clone, Debug)]
struct Paragraph {
    range: Range<usize>,
    lines: Vec<Range<usize>>,
}

/// The text's lines as byte ranges, without their `\n` or `\r\n`.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.strip_suffix('\n').unwrap_or(piece);
        let content = content.strip_suffix('\r').unwrap_or(content);
        out.push(start..start + content.len());
        start += piece.len();
    }
    out
}

/// The paragraphs: for the body, runs of non-blank lines; for any other
/// kind, all of the text (from its first non-blank line to its last) as one.
fn paragraphs(kind: TextKind, text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Vec<Range<usize>> = Vec::new();
    for line in lines(text) {
        if slice(text, &line).trim().is_empty() {
            if kind == TextKind::Body {
                push_paragraph(&mut out, std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    push_paragraph(&mut out, current);
    if kind != TextKind::Body {
        let lines: Vec<Range<usize>> = out.into_iter().flat_map(|p| p.lines).collect();
        out = Vec::new();
        push_paragraph(&mut out, lines);
    }
    out
}

/// Adds a paragraph made of `lines`, if there are any.
fn push_paragraph(out: &mut Vec<Paragraph>, lines: Vec<Range<usize>>) {
    if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
        let range = first.start..last.end;
        out.push(Paragraph { range, lines });
    }
}

/// `text[range]`, or "" if the range is not valid.
fn slice<'a>(text: &'a str, range: &Range<usize>) -> &'a str {
    text.get(range.clone()).unwrap_or("")
}

/// A hit without a fix.
fn hit(rule: Rule, range: Range<usize>, message: String) -> Hit {
    Hit { rule, range, message, suggestion: None }
}

/// `hit` with a fix.
fn with_fix(hit: Hit, label: String, replacement: String) -> Hit {
    Hit { suggestion: Some(Suggestion { label, replacement }), ..hit }
}

/// Sorts hits by start, then end, then rule.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by_key(|hit| (hit.range.start, hit.range.end, hit.rule));
}

/// `s` with its first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most `max` chars of `s` from its start, on one line, with "…" when cut.
fn excerpt_start(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => cut.get(..space).unwrap_or(&cut).to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// At most `max` chars of `s` from its end, on one line, with "…" when cut.
fn excerpt_end(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = flat.chars().count();
    if count <= max {
        return flat;
    }
    let cut: String = flat.chars().skip(count - max).collect();
    let cut = match cut.find(' ') {
        Some(space) if space < max / 2 => cut.get(space + 1..).unwrap_or(&cut).to_owned(),
        _ => cut,
    };
    format!("…{}", cut.trim_start())
}

/// The words of `text` as byte ranges: runs of letters and digits, with an
/// apostrophe or hyphen inside a word kept in it ("Iraq’s", "fixed-wing").
fn words(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let joins = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            start.get_or_insert(at);
        } else if let Some(first) = start.take() {
            out.push(first..at);
        }
    }
    if let Some(first) = start {
        out.push(first..text.len());
    }
    out
}

/// Where the last run of non-whitespace of `s` starts.
fn last_word_start(s: &str) -> usize {
    s.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8())
}

/// The char just before byte `at` of `text`.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|before| before.chars().next_back())
}

/// The char starting at byte `at` of `text`.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|after| after.chars().next())
}

/// Whether two chars are the same letter ignoring case, with straight and
/// curly apostrophes the same.
fn same_char(a: char, b: char) -> bool {
    let fold = |c: char| if c == '’' { '\'' } else { c };
    let (a, b) = (fold(a), fold(b));
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Where `phrase` occurs in `text` as whole words, ignoring case; a space in
/// the phrase matches any run of whitespace.
fn find_phrase(text: &str, phrase: &str) -> Vec<Range<usize>> {
    let wanted: Vec<char> = phrase.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect();
    let (Some(&first), Some(&last)) = (wanted.first(), wanted.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in text.char_indices() {
        if at < from {
            continue;
        }
        if first.is_alphanumeric() && char_before(text, at).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some(end) = match_phrase_at(text, at, &wanted) else { continue };
        if last.is_alphanumeric() && char_at(text, end).is_some_and(char::is_alphanumeric) {
            continue;
        }
        out.push(at..end);
        from = end;
    }
    out
}

/// The end of `wanted` matched at byte `at` of `text`, if it matches there.
fn match_phrase_at(text: &str, at: usize, wanted: &[char]) -> Option<usize> {
    let rest = text.get(at..)?;
    let mut chars = rest.char_indices().peekable();
    for &want in wanted {
        if want == ' ' {
            let mut spaces = 0;
            while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
                chars.next();
                spaces += 1;
            }
            if spaces == 0 {
                return None;
            }
        } else {
            let (_, got) = chars.next()?;
            if !same_char(got, want) {
                return None;
            }
        }
    }
    Some(at + chars.peek().map_or(rest.len(), |&(i, _)| i))
}

// ---------------------------------------------------------------------------
// Placeholders.

/// Words that are placeholders when written in capitals.
const PLACEHOLDER_WORDS: [&str; 5] = ["TK", "TKTK", "XX", "XXX", "INSERT"];

/// TK, XX, INSERT (in capitals), "lorem ipsum" and `[[…]]` notes.
fn placeholders(text: &str) -> Vec<Hit> {
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

// ---------------------------------------------------------------------------
// Quotation marks.

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
fn unbalanced_quotes(kind: TextKind, text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
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
fn unbalanced_brackets(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
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

// ---------------------------------------------------------------------------
// Final punctuation.

/// Chars that end a sentence (a colon ends a paragraph introducing a list
/// or a quotation).
const SENTENCE_ENDS: [char; 5] = ['.', '!', '?', '…', ':'];

/// Chars that may follow the end of a sentence: closing quotes and
/// brackets, and Markdown emphasis.
const CLOSERS: [char; 7] = ['”', '"', '’', '\'', ']', '*', '_'];

/// Body paragraphs and captions and deks that do not end with . ! ? … or :
/// (closing quotes and brackets after it allowed, and a credit in
/// parentheses after a full stop). Headlines, Markdown headings, lists,
/// tables, code, rules, link-only lines and boilerplate are left out.
fn final_punctuation(kind: TextKind, text: &str, paragraphs: &[Paragraph], boilerplate: &[Hit]) -> Vec<Hit> {
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
fn ends_sentence(s: &str) -> bool {
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
fn ends_with_stop(s: &str) -> bool {
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
fn doubled_words(text: &str) -> Vec<Hit> {
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
fn double_spaces(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
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
fn spaces_before_punctuation(text: &str) -> Vec<Hit> {
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

// ---------------------------------------------------------------------------
// Boilerplate.

/// Phrases that only web-page furniture uses, wherever they are in a line.
const BOILERPLATE_PHRASES: [&str; 16] = [
    "can also be accessed at",
    "click here",
    "sign up for our newsletter",
    "sign up to our newsletter",
    "subscribe to our newsletter",
    "subscribe to our channel",
    "share this article",
    "share this story",
    "all rights reserved",
    "download our app",
    "like us on facebook",
    "this article was originally published",
    "this story was originally published",
    "this article first appeared",
    "tap here",
    "view this post on instagram",
];

/// Phrases that are web-page furniture when they start a short line.
const BOILERPLATE_STARTS: [&str; 11] = [
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "subscribe to",
    "continue reading",
    "advertisement",
    "recommended",
    "more on this",
    "more from",
];

/// Names of apps and platforms listed under web stories ("Press TV News Roku").
const PLATFORMS: [&str; 14] = [
    "roku",
    "android",
    "ios",
    "apple tv",
    "google play",
    "app store",
    "fire tv",
    "smart tv",
    "telegram",
    "whatsapp",
    "instagram",
    "twitter",
    "facebook",
    "youtube",
];

/// Web-page leftovers in the body: lines with furniture phrases ("can also
/// be accessed at", "Read more"), lines of links only, lists of apps and
/// platforms, and a run of two or more headline-like lines at the end (one
/// hit for the run). Sentences that merely contain "read" or "follow" are
/// left alone.
fn boilerplate(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    let all_lines: Vec<Range<usize>> = paragraphs.iter().flat_map(|p| p.lines.iter().cloned()).collect();
    let tail_start = trailing_unfinished_lines(text, &all_lines);
    let run_start = trailing_headline_run(text, &all_lines);
    let mut hits = Vec::new();
    for (index, line) in all_lines.iter().enumerate() {
        if run_start.is_some_and(|start| index >= start) {
            break;
        }
        if let Some(why) = boilerplate_line(slice(text, line), index >= tail_start) {
            let quoted = excerpt_start(slice(text, line), 60);
            let message = format!("“{quoted}” is {why} left over from a web page; delete it.");
            hits.push(hit(Rule::Boilerplate, line.clone(), message));
        }
    }
    if let Some(start) = run_start
        && let (Some(first), Some(last)) = (all_lines.get(start), all_lines.last())
    {
        let count = all_lines.len() - start;
        let quoted = excerpt_start(slice(text, first), 50);
        let message = format!(
            "The last {count} lines, from “{quoted}”, look like headlines or links pasted from a web page; delete them."
        );
        hits.push(hit(Rule::Boilerplate, first.start..last.end, message));
    }
    hits
}

/// What kind of leftover the line is, if it is one; `at_end` when no line
/// after it ends a sentence (where lists of platforms turn up).
fn boilerplate_line(line: &str, at_end: bool) -> Option<&'static str> {
    let bare = line.trim().trim_start_matches(|c: char| "#>*_-+ ".contains(c));
    if BOILERPLATE_PHRASES.iter().any(|phrase| !find_phrase(bare, phrase).is_empty()) {
        return Some("text");
    }
    let word_count = words(bare).len();
    if word_count <= 15 && BOILERPLATE_STARTS.iter().any(|start| starts_link_line(bare, start)) {
        return Some("a link line");
    }
    if is_link_line(line) {
        return Some("a line of links");
    }
    let platforms = PLATFORMS.iter().filter(|name| !find_phrase(bare, name).is_empty()).count();
    if platforms > 0 && !find_phrase(bare, "follow us on").is_empty() {
        return Some("text");
    }
    let unfinished = !ends_sentence(bare) && word_count < 12;
    if unfinished && (platforms >= 2 || (platforms == 1 && at_end)) {
        return Some("a list of apps");
    }
    None
}

/// Whether `line` starts with `phrase` used as a link label: followed by
/// a colon or a separator, or in a line that does not end a sentence
/// ("Read more: …", "Subscribe to Press TV"; not "Related talks went on.").
fn starts_link_line(line: &str, phrase: &str) -> bool {
    let Some(found) = find_phrase(line, phrase).into_iter().next().filter(|found| found.start == 0) else {
        return false;
    };
    let after = line.get(found.end..).unwrap_or("").trim_start();
    after.is_empty() || after.starts_with([':', '|', '-', '–', '—', '»', '>']) || !ends_sentence(line)
}

/// Whether a line holds only links: bare URLs and Markdown links, with
/// separators between them.
fn is_link_line(line: &str) -> bool {
    let mut rest = line.trim().trim_start_matches(|c: char| "#>*-+ ".contains(c));
    let mut links = 0;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|,;·•–—-*_".contains(c));
        if rest.is_empty() {
            return links > 0;
        }
        let Some(after) = skip_link(rest) else { return false };
        links += 1;
        rest = after;
    }
}

/// `s` after the link it starts with: a Markdown link or image, an
/// `<…>` autolink or a bare URL.
fn skip_link(s: &str) -> Option<&str> {
    let lower = s.get(..s.len().min(8)).unwrap_or("").to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        return s.get(end..);
    }
    if let Some(inner) = s.strip_prefix('<') {
        let close = inner.find('>')?;
        let target = inner.get(..close)?;
        return target.contains("://").then(|| inner.get(close + 1..)).flatten();
    }
    let s = s.strip_prefix('!').unwrap_or(s);
    let label = s.strip_prefix('[')?;
    let close = label.find("](")?;
    let target = label.get(close + 2..)?;
    let end = target.find(')')?;
    target.get(end + 1..)
}

/// The index of the first of the lines at the end after which no line ends
/// a sentence.
fn trailing_unfinished_lines(text: &str, lines: &[Range<usize>]) -> usize {
    lines.iter().rposition(|line| ends_with_stop(slice(text, line))).map_or(0, |i| i + 1)
}

/// The index of the first line of a run of two or more headline-like lines
/// (short, title case, no punctuation at the end) ending the body.
fn trailing_headline_run(text: &str, lines: &[Range<usize>]) -> Option<usize> {
    let count = lines.iter().rev().take_while(|line| is_headline_like(slice(text, line))).count();
    (count >= 2).then(|| lines.len() - count)
}

/// Small words that stay lower case in title case.
const SMALL_WORDS: [&str; 16] =
    ["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"];

/// Whether a line looks like a pasted headline or link title: under 12
/// words, no punctuation at the end, its words capitalised.
fn is_headline_like(line: &str) -> bool {
    let line = line.trim();
    if line.chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
        return false;
    }
    let words = words(line);
    if words.is_empty() || words.len() >= 12 {
        return false;
    }
    let mut counted = 0;
    let mut capitalised = 0;
    for word in &words {
        let word = slice(line, word);
        if SMALL_WORDS.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        counted += 1;
        if word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            capitalised += 1;
        }
    }
    counted > 0 && capitalised * 5 >= counted * 4
}

// ---------------------------------------------------------------------------
// Duplicates.

/// The fewest words a sentence needs for its repeat to be reported.
const MIN_DUPLICATE_WORDS: usize = 5;

/// A paragraph or sentence seen before: where.
struct Seen {
    paragraph: usize,
}

/// The same paragraph twice, or the same sentence of five words or more
/// twice (ignoring case, spacing and curly versus straight quotes): the
/// second occurrence is reported.
fn duplicates(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    let mut seen_paragraphs: HashMap<String, Seen> = HashMap::new();
    let mut seen_sentences: HashMap<String, Seen> = HashMap::new();
    let mut hits = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let whole = slice(text, &paragraph.range);
        let key = normalise(whole);
        if words(whole).len() >= MIN_DUPLICATE_WORDS {
            if let Some(first) = seen_paragraphs.get(&key) {
                hits.push(duplicate_hit(text, paragraph.range.clone(), "paragraph", first.paragraph, index));
                continue;
            }
            seen_paragraphs.insert(key, Seen { paragraph: index });
        }
        for sentence in sentences(text, &paragraph.range) {
            let body = slice(text, &sentence);
            if words(body).len() < MIN_DUPLICATE_WORDS {
                continue;
            }
            let key = normalise(body);
            if let Some(first) = seen_sentences.get(&key) {
                hits.push(duplicate_hit(text, sentence, "sentence", first.paragraph, index));
            } else {
                seen_sentences.insert(key, Seen { paragraph: index });
            }
        }
    }
    hits
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

    use proptest::prelude::*;

    use super::*;

    /// The (rule, hit text) pairs `check_text` finds.
    fn found(kind: TextKind, text: &str) -> Vec<(Rule, String)> {
        check_text(kind, text).into_iter().map(|hit| (hit.rule, text[hit.range].to_owned())).collect()
    }

    /// The hit texts of `rule`.
    fn found_by(rule: Rule, kind: TextKind, text: &str) -> Vec<String> {
        found(kind, text).into_iter().filter(|(r, _)| *r == rule).map(|(_, s)| s).collect()
    }

    /// Checks that each `(text, expected hit texts)` case gives exactly those
    /// hits of `rule`.
    fn table(rule: Rule, kind: TextKind, cases: &[(&str, &[&str])]) {
        for (text, expected) in cases {
            let got = found_by(rule, kind, text);
            assert_eq!(got, *expected, "{rule:?} on {text:?}: {:#?}", check_text(kind, text));
        }
    }

    /// The sample story's body, as published.
    fn sample_body() -> String {
        let ron = include_str!("../../projects/drone-attacks/stories/iraq-drone-attacks.ron");
        let start = ron.find("body: \"").unwrap() + "body: \"".len();
        let end = ron.find("\",\n        photos:").unwrap();
        ron[start..end].to_owned()
    }

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

    #[test]
    fn boilerplate() {
        table(
            Rule::Boilerplate,
            TextKind::Body,
            &[
                ("Story.\n\nRead more: Iran warns US", &["Read more: Iran warns US"]),
                ("Story.\n\nClick here to subscribe.", &["Click here to subscribe."]),
                ("Story.\n\nhttps://example.com/a", &["https://example.com/a"]),
                (
                    "Story.\n\n[One](https://a.com) | [Two](https://b.com)",
                    &["[One](https://a.com) | [Two](https://b.com)"],
                ),
                ("Story.\n\n© 2021 All rights reserved.", &["© 2021 All rights reserved."]),
                ("Story.\n\nFollow us on Twitter", &["Follow us on Twitter"]),
                ("Story.\n\nPress TV News Roku", &["Press TV News Roku"]),
                (
                    "Story.\n\nIran Warns US Over Drones\nIraq Votes on Troop Withdrawal\nMore Headlines Here",
                    &["Iran Warns US Over Drones\nIraq Votes on Troop Withdrawal\nMore Headlines Here"],
                ),
                ("He would read more books if he could.", &[]),
                ("“Follow us on this path,” he told the crowd.", &[]),
                ("Voters must download the app to take part.", &[]),
                ("Fans follow the team on tour.", &[]),
                ("She posted the video on Instagram.", &[]),
                ("Related talks continued on Monday as officials met in Baghdad for hours.", &[]),
                ("Iran Warns US Over Drones\n\nThe story goes on.", &[]),
            ],
        );
        // Only the body is checked.
        table(Rule::Boilerplate, TextKind::Caption, &[("Read more", &[])]);
    }

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

    #[test]
    fn house_style_entries() {
        let entries = vec![
            StyleEntry { avoid: "Daesh".into(), prefer: "ISIS".into(), note: "".into() },
            StyleEntry { avoid: "in order to".into(), prefer: "to".into(), note: "Shorter.".into() },
            StyleEntry { avoid: "martyred".into(), prefer: "".into(), note: "Not neutral".into() },
            StyleEntry { avoid: "  ".into(), prefer: "x".into(), note: "".into() },
        ];
        let text = "Daesh fighters came in order to fight. In  order to win, a drone martyred him. daeshi";
        let hits = house_style(text, &entries);
        let got: Vec<(&str, Option<&str>)> = hits
            .iter()
            .map(|hit| (&text[hit.range.clone()], hit.suggestion.as_ref().map(|s| s.replacement.as_str())))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Daesh", Some("ISIS")),
                ("in order to", Some("to")),
                ("In  order to", Some("To")),
                ("martyred", None),
            ]
        );
        assert_eq!(hits[0].message, "House style: write “ISIS” instead of “Daesh”.");
        assert_eq!(hits[1].message, "House style: write “to” instead of “in order to” (Shorter).");
        assert_eq!(hits[3].message, "House style: avoid “martyred” (Not neutral).");
        assert!(house_style("", &entries).is_empty());
    }

    #[test]
    fn sample_body_hits_are_exactly_its_mistakes() {
        let body = sample_body();
        let mut got = found(TextKind::Body, &body);
        got.sort();
        let mut expected = vec![
            (Rule::UnbalancedQuotes, "“".to_owned()),
            (Rule::FinalPunctuation, "capital".to_owned()),
            (Rule::DoubleSpace, "\u{a0}\u{a0}".to_owned()),
            (
                Rule::Boilerplate,
                "Press TV’s website can also be accessed at the following alternate addresses:".to_owned(),
            ),
            (Rule::Boilerplate, "Press TV News Roku".to_owned()),
        ];
        expected.sort();
        assert_eq!(got, expected, "{:#?}", check_text(TextKind::Body, &body));
        let hits = check_text(TextKind::Body, &body);
        let quote = hits.iter().find(|hit| hit.rule == Rule::UnbalancedQuotes).unwrap();
        assert!(body[quote.range.start..].starts_with("“small, fixed-wing drones"));
        let space = hits.iter().find(|hit| hit.rule == Rule::DoubleSpace).unwrap();
        assert!(body[..space.range.start].ends_with("General Qassem Soleimani."));
    }

    #[test]
    fn sample_headline_and_captions_are_clean() {
        let texts = [
            (
                TextKind::Headline,
                "US ‘increasingly alarmed’ by drone attacks from Iraqi resistance groups: Washington Post",
            ),
            (
                TextKind::Caption,
                "In this file picture, US Army soldiers move through Qayara West Coalition base in Qayara, located some 50 kilometers south of Mosul, Iraq. (Photo by AP)",
            ),
            (
                TextKind::Caption,
                "US Rep. Ilhan Omar (D-MN) (L) talks with Speaker of the House Nancy Pelosi (D-CA) during a rally with fellow Democrats before voting on H.R. 1, or the People Act, on the East Steps of the US Capitol on March 08, 2019 in Washington, DC. (AFP photo)",
            ),
        ];
        for (kind, text) in texts {
            assert_eq!(check_text(kind, text), vec![], "{text}");
        }
    }

    #[test]
    fn clean_wire_copy_has_no_hits() {
        let body = "BAGHDAD (Reuters) — Dr. Ali Hassan, 45, said at 10 a.m. on Monday that the U.S.-led \
coalition had had “no choice.” He added: “We will see.”

“It was a long night,” said Sgt. Maj. John O’Neil of the 1st Division. “Nobody slept.

“By morning the drones were gone,” he said, adding that the base (which lies 40 miles, or 64 km, \
north) was safe [for now].

The options were: a) leave, b) stay; most chose (b). The bill passed 120-10 :) according to one MP.

- First point
- Second point

## What comes next

A 3-meter (10-foot) wall and a 12\" pipe were built in 2.5 hours… The so-called ‘green zone’ stayed shut.

(Reporting by Ahmed Rasheed; Editing by Jane Doe)";
        assert_eq!(check_text(TextKind::Body, body), vec![]);
    }

    #[test]
    fn hits_are_sorted() {
        let hits = check_text(TextKind::Body, "TK the the  end ,\n\nXX “open");
        let starts: Vec<usize> = hits.iter().map(|hit| hit.range.start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted);
        assert!(hits.len() >= 5);
    }

    /// Text made of the characters the rules look at.
    fn tricky_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 \n\t\r.,;:!?()\\[\\]“”‘’\"'…#*>|_-]{0,300}",
            "((the|The|TK|[[|]]|lorem ipsum|64|km|kilometers|miles|\\(|\\)|“|”|\"|é|  |\n\n|\n|\\.|:|Read more|https://a.b|°C|F|forty|40|,) ?){0,60}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_sound(text in tricky_text()) {
            for kind in [TextKind::Headline, TextKind::Dek, TextKind::Body, TextKind::Caption] {
                let hits = check_text(kind, &text);
                for hit in &hits {
                    prop_assert!(hit.range.start <= hit.range.end && hit.range.end <= text.len(), "{hit:?}");
                    prop_assert!(text.is_char_boundary(hit.range.start) && text.is_char_boundary(hit.range.end), "{hit:?}");
                }
                prop_assert!(hits.windows(2).all(|w| w[0].range.start <= w[1].range.start));
            }
            let entries = vec![StyleEntry { avoid: "the".into(), prefer: "a".into(), note: String::new() }];
            for hit in house_style(&text, &entries) {
                prop_assert!(text.get(hit.range.clone()).is_some(), "{hit:?}");
            }
        }
    }
}
