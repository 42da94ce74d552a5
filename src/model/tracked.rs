//! Tracked changes and comments inside a text field.
//!
//! Pending suggestions and comment anchors live in the text itself, as
//! marks in the style of CriticMarkup with an id, so a story file stays
//! readable, `git diff` shows a suggestion where it is, and merging a
//! paragraph carries its marks with it:
//!
//! - `{++s1|inserted text++}`: a suggested insertion;
//! - `{--s2|deleted text--}`: a suggested deletion (the text is still there
//!   until the suggestion is resolved);
//! - `{==c1|text commented on==}`: the anchor of comment `c1` (it may hold
//!   suggestions).
//!
//! Who made each one and when is in the story's
//! [`Suggestion`]s and [`Comment`]s, by id. A text with none of these marks
//! is exactly as it was before tracked changes existed. Text that happens
//! to contain one of the delimiters is written with a word joiner (U+2060)
//! after its first character, and read back without it.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Timestamp;

/// What a mark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MarkKind {
    /// Suggested text, not in the story as it stands until accepted.
    Insert,
    /// Text suggested for deletion, in the story as it stands until
    /// accepted.
    Delete,
    /// The text a comment is on.
    Comment,
}

impl MarkKind {
    fn open(self) -> &'static str {
        match self {
            MarkKind::Insert => "{++",
            MarkKind::Delete => "{--",
            MarkKind::Comment => "{==",
        }
    }

    fn close(self) -> &'static str {
        match self {
            MarkKind::Insert => "++}",
            MarkKind::Delete => "--}",
            MarkKind::Comment => "==}",
        }
    }
}

/// Every delimiter, for escaping.
const DELIMITERS: [&str; 6] = ["{++", "{--", "{==", "++}", "--}", "==}"];
/// Put after a delimiter's first character when plain text contains it.
const JOINER: char = '\u{2060}';

/// One mark: its kind, id and where its text is in the shown text (bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Insertion, deletion or comment anchor.
    pub kind: MarkKind,
    /// The id its author and time are kept under.
    pub id: String,
    /// Its text in [`Tracked::shown`].
    pub range: Range<usize>,
}

/// A field's text as the editor shows it (every insertion and deletion
/// visible) and its marks, in order of where they start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tracked {
    /// The text with the marks taken out.
    pub shown: String,
    /// The marks.
    pub marks: Vec<Mark>,
}

/// Whether `text` holds any mark (cheap: most texts have none). One pass
/// for the `{` every opener starts with, which prose seldom holds.
pub fn has_marks(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|at| matches!(bytes.get(at + 1..at + 3), Some(b"++" | b"--" | b"==")))
}

/// Whether `text` holds a delimiter: one pass for the braces every
/// delimiter starts or ends with.
fn has_delimiter(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'{', b'}', bytes).any(|at| {
        let pair =
            if bytes.get(at) == Some(&b'{') { bytes.get(at + 1..at + 3) } else { bytes.get(at.saturating_sub(2)..at) };
        matches!(pair, Some(b"++" | b"--" | b"=="))
    })
}

/// Reads a field's text into what is shown and its marks. A delimiter
/// that opens nothing valid is kept as text.
pub fn parse(text: &str) -> Tracked {
    if !has_marks(text) && !text.contains(JOINER) {
        return Tracked { shown: text.to_owned(), marks: Vec::new() };
    }
    let mut shown = String::with_capacity(text.len());
    let mut marks: Vec<Mark> = Vec::new();
    // Open marks: index into `marks`, kind.
    let mut open: Vec<(usize, MarkKind)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some((kind, id, after)) = opener(rest)
            && open.iter().all(|(_, k)| *k == MarkKind::Comment && kind != MarkKind::Comment)
        {
            marks.push(Mark { kind, id: id.to_owned(), range: shown.len()..shown.len() });
            open.push((marks.len() - 1, kind));
            rest = after;
            continue;
        }
        if let Some(&(index, kind)) = open.last()
            && let Some(after) = rest.strip_prefix(kind.close())
        {
            if let Some(mark) = marks.get_mut(index) {
                mark.range.end = shown.len();
            }
            open.pop();
            rest = after;
            continue;
        }
        // An escaped delimiter: its first character, then the joiner.
        if let Some(delimiter) = DELIMITERS.iter().find(|d| escaped(rest, d)) {
            let first = delimiter.get(..1).unwrap_or_default();
            shown.push_str(first);
            rest = rest.get(1 + JOINER.len_utf8()..).unwrap_or_default();
            continue;
        }
        // Plain text up to the next byte a delimiter can start with (all
        // ASCII, so the cut is on a character boundary), copied at once.
        let plain =
            rest.bytes().skip(1).position(|b| matches!(b, b'{' | b'+' | b'-' | b'=')).map_or(rest.len(), |at| at + 1);
        shown.push_str(rest.get(..plain).unwrap_or_default());
        rest = rest.get(plain..).unwrap_or_default();
    }
    // Marks never closed end where the text does.
    for (index, _) in open {
        if let Some(mark) = marks.get_mut(index) {
            mark.range.end = shown.len();
        }
    }
    sort_marks(&mut marks);
    Tracked { shown, marks }
}

/// Puts marks in the one order [`parse`] gives them: by start, the longer
/// first (a comment's anchor before what it holds), then by kind and id.
pub fn sort_marks(marks: &mut [Mark]) {
    let rank = |kind: MarkKind| match kind {
        MarkKind::Comment => 0,
        MarkKind::Insert => 1,
        MarkKind::Delete => 2,
    };
    marks.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end), rank(a.kind), &a.id).cmp(&(
            b.range.start,
            std::cmp::Reverse(b.range.end),
            rank(b.kind),
            &b.id,
        ))
    });
}

/// Parses kept per thread, by the text they were made of: a frame reads a
/// long body's marks several times (the field, its spelling marks, the
/// lists, the counts), and comparing a text is far cheaper than parsing it.
const MEMO_ENTRIES: usize = 8;

thread_local! {
    static MEMO: std::cell::RefCell<Vec<(String, std::rc::Rc<Tracked>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// [`parse`], shared: the same text parsed earlier on this thread is not
/// parsed again.
pub fn parse_shared(text: &str) -> std::rc::Rc<Tracked> {
    let found = MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        // The newest first: a frame mostly reads the text it read last.
        let index = memo.iter().rposition(|(raw, _)| raw == text)?;
        let entry = memo.remove(index);
        let tracked = std::rc::Rc::clone(&entry.1);
        memo.push(entry);
        Some(tracked)
    });
    if let Some(tracked) = found {
        return tracked;
    }
    keep(text, parse(text))
}

/// Keeps `tracked`, which is what `text` parses to (an edit that just
/// rendered it knows), for [`parse_shared`], and returns it shared.
pub fn remember(text: &str, tracked: Tracked) -> std::rc::Rc<Tracked> {
    debug_assert_eq!(parse(text), tracked, "remembered a parse that is not the text's");
    keep(text, tracked)
}

/// Puts `text`'s parse in this thread's memo, the oldest entry making room.
fn keep(text: &str, tracked: Tracked) -> std::rc::Rc<Tracked> {
    let tracked = std::rc::Rc::new(tracked);
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_ENTRIES {
            memo.remove(0);
        }
        memo.push((text.to_owned(), std::rc::Rc::clone(&tracked)));
    });
    tracked
}

/// `{++id|` at the start of `text`: the kind, the id and what follows.
fn opener(text: &str) -> Option<(MarkKind, &str, &str)> {
    let kind = [MarkKind::Insert, MarkKind::Delete, MarkKind::Comment]
        .into_iter()
        .find(|kind| text.starts_with(kind.open()))?;
    let after = text.get(3..)?;
    let bar = after.find('|')?;
    let id = after.get(..bar)?;
    let valid = !id.is_empty() && id.len() <= 24 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then(|| (kind, id, after.get(bar + 1..).unwrap_or_default()))
}

/// Whether `text` starts with `delimiter` written escaped (a joiner after
/// its first character).
fn escaped(text: &str, delimiter: &str) -> bool {
    let (first, rest) = delimiter.split_at(1);
    text.strip_prefix(first).and_then(|t| t.strip_prefix(JOINER)).is_some_and(|t| t.starts_with(rest))
}

/// Writes shown text and marks back as a field's text; the inverse of
/// [`parse`]. Marks must not overlap except insertions and deletions inside
/// a comment's anchor.
pub fn render(tracked: &Tracked) -> String {
    if tracked.marks.is_empty() {
        return escape(&tracked.shown).into_owned();
    }
    /// What a boundary writes of its mark.
    enum Part {
        Open,
        Close,
        Whole,
    }
    // Boundaries: (position, order, mark, part) — closes before opens at
    // one position, an outer comment opening before and closing after what
    // it holds. Written straight into the text: nothing is allocated per
    // mark.
    let mut events: Vec<(usize, u8, &Mark, Part)> = Vec::with_capacity(tracked.marks.len() * 2);
    for mark in &tracked.marks {
        let outer = mark.kind == MarkKind::Comment;
        if outer && mark.range.is_empty() {
            // An empty anchor (its text was deleted) is written whole, after
            // what closes there and before what opens, so two of them at
            // one place never nest.
            events.push((mark.range.start, 3, mark, Part::Whole));
            continue;
        }
        events.push((mark.range.start, if outer { 4 } else { 6 }, mark, Part::Open));
        events.push((mark.range.end, if outer { 2 } else { 0 }, mark, Part::Close));
    }
    events.sort_by_key(|(at, order, _, _)| (*at, *order));
    let mut out = String::with_capacity(tracked.shown.len() + events.len() * 8);
    let mut at = 0;
    for (position, _, mark, part) in events {
        if let Some(text) = tracked.shown.get(at..position) {
            out.push_str(&escape(text));
            at = position;
        }
        if matches!(part, Part::Open | Part::Whole) {
            out.push_str(mark.kind.open());
            out.push_str(&mark.id);
            out.push('|');
        }
        if matches!(part, Part::Close | Part::Whole) {
            out.push_str(mark.kind.close());
        }
    }
    out.push_str(&escape(tracked.shown.get(at..).unwrap_or_default()));
    out
}

/// Plain text with any delimiter in it escaped, so it can stand in a text
/// field as text.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !has_delimiter(text) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_owned();
    for delimiter in DELIMITERS {
        let (first, rest) = delimiter.split_at(1);
        out = out.replace(delimiter, &format!("{first}{JOINER}{rest}"));
    }
    Cow::Owned(out)
}

/// The text as it stands, without pending suggestions: insertions left out,
/// text suggested for deletion kept, comment anchors as plain text. What
/// export, `copydesk check` and word counts read.
pub fn as_it_stands(text: &str) -> Cow<'_, str> {
    resolved(text, |_| false)
}

/// The text with every suggestion accepted.
pub fn all_accepted(text: &str) -> Cow<'_, str> {
    resolved(text, |_| true)
}

/// The plain text with each suggestion accepted when `accept(mark)` says
/// so, else rejected; comment anchors become plain text.
fn resolved(text: &str, accept: impl Fn(&Mark) -> bool) -> Cow<'_, str> {
    if !has_marks(text) && !text.contains(JOINER) {
        return Cow::Borrowed(text);
    }
    let tracked = parse_shared(text);
    let mut out = String::with_capacity(tracked.shown.len());
    let mut at = 0;
    for mark in tracked.marks.iter().filter(|m| m.kind != MarkKind::Comment) {
        let keep = match mark.kind {
            MarkKind::Insert => accept(mark),
            MarkKind::Delete => !accept(mark),
            MarkKind::Comment => true,
        };
        if mark.range.start >= at {
            out.push_str(tracked.shown.get(at..mark.range.start).unwrap_or_default());
            if keep {
                out.push_str(tracked.shown.get(mark.range.clone()).unwrap_or_default());
            }
            at = mark.range.end;
        }
    }
    out.push_str(tracked.shown.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

/// The field's text with suggestion `id` accepted (`accept`) or rejected;
/// every other mark stays. Unchanged when the text has no such suggestion.
pub fn resolve(text: &str, id: &str, accept: bool) -> String {
    let mut tracked = parse(text);
    let Some(index) = tracked.marks.iter().position(|m| m.id == id && m.kind != MarkKind::Comment) else {
        return text.to_owned();
    };
    let mark = tracked.marks.remove(index);
    let remove_text = match mark.kind {
        MarkKind::Insert => !accept,
        MarkKind::Delete => accept,
        MarkKind::Comment => false,
    };
    if remove_text {
        remove_range(&mut tracked, mark.range);
    }
    render(&tracked)
}

/// Takes `range` out of the shown text, moving or shrinking the marks.
pub fn remove_range(tracked: &mut Tracked, range: Range<usize>) {
    let (start, end) = (range.start, range.end);
    if tracked.shown.get(start..end).is_none() {
        return;
    }
    tracked.shown.replace_range(start..end, "");
    let gone = end - start;
    let shift = |at: usize| {
        if at >= end {
            at - gone
        } else if at > start {
            start
        } else {
            at
        }
    };
    for mark in &mut tracked.marks {
        mark.range = shift(mark.range.start)..shift(mark.range.end);
    }
    // Suggestions with no text left are gone; comment anchors stay (empty:
    // their text was deleted, the comment says so).
    tracked.marks.retain(|mark| mark.kind == MarkKind::Comment || !mark.range.is_empty());
}

/// Where a byte range of the text as it stands ([`as_it_stands`]: what
/// checks report on) is in the text as shown (what the editor holds): the
/// pending insertions before it push it along.
pub fn shown_range(text: &str, standing: Range<usize>) -> Range<usize> {
    if !has_marks(text) {
        return standing;
    }
    let tracked = parse_shared(text);
    let inserts: Vec<&Range<usize>> =
        tracked.marks.iter().filter(|m| m.kind == MarkKind::Insert).map(|m| &m.range).collect();
    // A range's start at an insertion's place begins after it (its text
    // follows the insertion); its end there ends before it; an empty range
    // (where an insertion would go) stays before.
    let skip_at_start = !standing.is_empty();
    let place = |at: usize, starting: bool| {
        let mut shown = at;
        for insert in &inserts {
            if insert.start < shown || (insert.start == shown && starting && skip_at_start) {
                shown += insert.len();
            } else if insert.start > shown {
                break;
            }
        }
        shown
    };
    let start = place(standing.start, true);
    start..place(standing.end, false).max(start)
}

/// The ids of the pending suggestions in a text, in order.
pub fn suggestion_ids(text: &str) -> Vec<String> {
    if !has_marks(text) {
        return Vec::new();
    }
    parse_shared(text).marks.iter().filter(|m| m.kind != MarkKind::Comment).map(|m| m.id.clone()).collect()
}

/// A suggestion's author and time, kept in the story under its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The id its mark carries (`s3`).
    pub id: String,
    /// Insertion or deletion.
    pub kind: MarkKind,
    /// Who suggested it.
    pub author: String,
    /// When.
    pub at: Timestamp,
}

/// A comment thread on some text of the story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// The id its anchor mark carries (`c1`).
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: Timestamp,
    /// What it says.
    pub text: String,
    /// Resolved (kept, shown as done; can be reopened).
    pub resolved: bool,
    /// Replies, oldest first.
    pub replies: Vec<Reply>,
}

/// A reply in a comment thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// Who.
    pub author: String,
    /// When.
    pub at: Timestamp,
    /// What.
    pub text: String,
}

/// The words of `shown` just before byte `at`, about `max` characters of
/// them, starting at a word and led by "…" when there is more before them
/// (all of `shown[..at]` when it is shorter): what says where a comment on
/// no text sits — one Word put at a point, or one whose text was deleted.
/// Empty at the start of the text.
pub fn words_before(shown: &str, at: usize, max: usize) -> String {
    let head = shown.get(..at).unwrap_or(shown).trim_end();
    let start = head.char_indices().rev().nth(max.saturating_sub(1)).map_or(0, |(index, _)| index);
    if start == 0 {
        return head.trim_start().to_owned();
    }
    // From a word's start, so no word is cut.
    let at_word = head[..start].ends_with(char::is_whitespace);
    let word =
        if at_word { start } else { head[start..].find(char::is_whitespace).map_or(start, |space| start + space) };
    format!("…{}", head[word..].trim_start())
}

/// A fresh id with `prefix` (`s`, `c`) that none of `taken` has.
pub fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let highest = taken.filter_map(|id| id.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok())).max().unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_tests_find_what_searching_for_each_delimiter_finds() {
        let texts = [
            "", "{", "}", "{+", "+}", "{++", "++}", "x{--y", "--}x", "a == b", "{ == }", "{==c1|", "==}", "}}++}",
            "{{++", "é{++", "++}é", "{-+", "{+-}", "-}", "=}", "{ {= {==",
        ];
        for text in texts {
            let naive_marks = text.contains("{++") || text.contains("{--") || text.contains("{==");
            assert_eq!(has_marks(text), naive_marks, "has_marks({text:?})");
            let naive_delimiter = DELIMITERS.iter().any(|d| text.contains(d));
            assert_eq!(has_delimiter(text), naive_delimiter, "has_delimiter({text:?})");
        }
    }

    #[test]
    fn marks_read_and_write_back() {
        let text = "The {--s1|old --}{++s2|new ++}text {==c1|with {++s3|a ++}comment==} here.";
        let tracked = parse(text);
        assert_eq!(tracked.shown, "The old new text with a comment here.");
        assert_eq!(tracked.marks.len(), 4);
        assert_eq!(&tracked.shown[tracked.marks[0].range.clone()], "old ");
        assert_eq!(tracked.marks[0].kind, MarkKind::Delete);
        assert_eq!(render(&tracked), text);
        assert_eq!(as_it_stands(text), "The old text with comment here.");
        assert_eq!(all_accepted(text), "The new text with a comment here.");
        assert_eq!(suggestion_ids(text), vec!["s1", "s2", "s3"]);
    }

    #[test]
    fn resolving_one_suggestion_keeps_the_others() {
        let text = "The {--s1|old --}{++s2|new ++}text.";
        assert_eq!(resolve(text, "s1", true), "The {++s2|new ++}text.");
        assert_eq!(resolve(text, "s1", false), "The old {++s2|new ++}text.");
        assert_eq!(resolve(text, "s2", false), "The {--s1|old --}text.");
        assert_eq!(resolve(text, "nope", true), text);
    }

    #[test]
    fn plain_text_is_untouched_and_delimiters_in_it_survive() {
        assert_eq!(render(&parse("Plain text.")), "Plain text.");
        let tricky = Tracked { shown: "a {++ b --} c".into(), marks: vec![] };
        let written = render(&tricky);
        assert_ne!(written, tricky.shown);
        assert_eq!(parse(&written), tricky);
        assert_eq!(as_it_stands(&written), "a {++ b --} c");
        // A delimiter with no valid id is text.
        assert_eq!(parse("{++ not a mark").shown, "{++ not a mark");
    }

    #[test]
    fn text_around_and_inside_marks_keeps_every_character() {
        // Plain runs are copied up to the next '{', '+', '-' or '=': next to
        // multi-byte characters, hyphens and lone delimiter characters.
        let text = "é—{++s1|ü+ñ++}-x={--s2|日本--}== a-b + {==c1|ç{++s3|é++}==}ß";
        let tracked = parse(text);
        assert_eq!(tracked.shown, "é—ü+ñ-x=日本== a-b + çéß");
        let texts: Vec<&str> = tracked.marks.iter().map(|m| &tracked.shown[m.range.clone()]).collect();
        assert_eq!(texts, ["ü+ñ", "日本", "çé", "é"]);
        assert_eq!(render(&tracked), text);
    }

    #[test]
    fn a_comment_whose_text_is_deleted_keeps_its_anchor() {
        let mut tracked = parse("Keep {==c1|this==} text.");
        let range = tracked.marks[0].range.clone();
        remove_range(&mut tracked, range);
        assert_eq!(tracked.shown, "Keep  text.");
        assert_eq!(tracked.marks.len(), 1);
        assert!(tracked.marks[0].range.is_empty());
        assert_eq!(render(&tracked), "Keep {==c1|==} text.");
    }

    #[test]
    fn ranges_of_the_text_as_it_stands_map_to_the_text_as_shown() {
        let text = "Say {++s1|new ++}words {--s2|here--} now.";
        let standing = as_it_stands(text);
        assert_eq!(standing, "Say words here now.");
        let shown = parse(text).shown;
        let at = standing.find("here").unwrap();
        let range = shown_range(text, at..at + 4);
        assert_eq!(&shown[range], "here");
        let at = standing.find("words").unwrap();
        assert_eq!(&shown[shown_range(text, at..at + 5)], "words");
    }

    #[test]
    fn empty_anchors_at_one_place_stay_apart() {
        for text in ["{==c1|==}{==c2|==}a", "{==c1|==}{==c2|b==}a", "x{==c2|b==}{==c1|==}"] {
            assert_eq!(render(&parse(text)), text);
            assert_eq!(parse(text).marks.len(), 2, "{text}");
        }
    }

    #[test]
    fn the_words_before_a_point_start_at_a_word() {
        let shown = "The drone hit the base at dawn. Ouch.";
        let at = shown.len();
        assert_eq!(words_before(shown, at, 100), shown);
        assert_eq!(words_before(shown, at, 12), "…dawn. Ouch.");
        assert_eq!(words_before(shown, at, 14), "…at dawn. Ouch.", "a word that fits whole is kept");
        assert_eq!(words_before(shown, 3, 12), "The");
        assert_eq!(words_before(shown, 0, 12), "");
        assert_eq!(words_before("ça été déjà vu", "ça été déjà vu".len(), 6), "…vu");
        assert_eq!(words_before("ça été déjà vu", "ça été".len(), 4), "…été");
        assert_eq!(words_before("x", 99, 6), "x", "a point past the end is at the end");
    }

    #[test]
    fn fresh_ids_count_up() {
        assert_eq!(fresh_id("s", ["s1", "s9", "c3"].into_iter()), "s10");
        assert_eq!(fresh_id("c", std::iter::empty()), "c1");
    }
}
