//! Word-level differences between two versions of a text, for comparing a
//! story with one of its revisions.
//!
//! Pure functions over strings, built on the `similar` crate. Whitespace is
//! kept, so the old text is exactly its [`Change::Equal`] and
//! [`Change::Delete`] spans in order, and the new text its `Equal` and
//! [`Change::Insert`] spans. Every diff runs against a deadline (a
//! monotonic timer, not the wall clock): past it, `similar` settles for a
//! coarser but still correct answer, so a 20,000-word body cannot hang the
//! window.
//!
//! [`merge3`] is a three-way merge (diff3) of two versions that share a
//! base, over any sequence; [`merge3_paragraphs`] runs it on paragraphs.

use std::hash::Hash;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, DiffTag, TextDiff};

/// How long one call may spend finding the smallest diff before it settles
/// for a coarser one.
const TIME_BUDGET: Duration = Duration::from_millis(250);

/// Paired paragraphs must share at least this share of their words
/// (2 × common ÷ total) to be shown side by side as one changed paragraph;
/// less, and they are shown as one removed and one added.
const MIN_PARAGRAPH_SIMILARITY: f32 = 0.4;

/// Above this many old × new paragraphs in one changed stretch, paragraphs
/// are paired in order instead of by similarity, to bound the work.
const MAX_PAIRING_WORK: usize = 400;

/// What happened to a stretch of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// In both texts.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// A stretch of text and what happened to it. Words keep the whitespace
/// between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffSpan {
    /// What happened to it.
    pub change: Change,
    /// The text, never empty.
    pub text: String,
}

impl DiffSpan {
    /// A span of `text` with `change`.
    pub fn new(change: Change, text: impl Into<String>) -> Self {
        DiffSpan { change, text: text.into() }
    }
}

/// One row of a side-by-side comparison: a paragraph of the old text on the
/// left, its counterpart in the new text on the right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffRow {
    /// The old paragraph (`Equal` and `Delete` spans), or `None` when the
    /// paragraph was added.
    pub left: Option<Vec<DiffSpan>>,
    /// The new paragraph (`Equal` and `Insert` spans), or `None` when the
    /// paragraph was removed.
    pub right: Option<Vec<DiffSpan>>,
}

impl DiffRow {
    /// Whether the paragraph is the same on both sides.
    pub fn is_unchanged(&self) -> bool {
        let all_equal = |side: &Option<Vec<DiffSpan>>| {
            side.as_ref().is_some_and(|spans| spans.iter().all(|s| s.change == Change::Equal))
        };
        all_equal(&self.left) && all_equal(&self.right)
    }
}

/// How much changed, in words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffStats {
    /// Words only in the new text.
    pub inserted_words: usize,
    /// Words only in the old text.
    pub deleted_words: usize,
}

impl DiffStats {
    /// Counts the inserted and deleted words in `spans`.
    pub fn of_spans(spans: &[DiffSpan]) -> Self {
        let mut stats = DiffStats::default();
        for span in spans {
            let words = span.text.split_whitespace().count();
            match span.change {
                Change::Equal => {}
                Change::Insert => stats.inserted_words += words,
                Change::Delete => stats.deleted_words += words,
            }
        }
        stats
    }

    /// Counts the inserted and deleted words in side-by-side `rows`.
    pub fn of_rows(rows: &[DiffRow]) -> Self {
        let mut stats = DiffStats::default();
        for row in rows {
            for side in [&row.left, &row.right].into_iter().flatten() {
                let side = DiffStats::of_spans(side);
                stats.inserted_words += side.inserted_words;
                stats.deleted_words += side.deleted_words;
            }
        }
        stats
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.inserted_words == 0 && self.deleted_words == 0
    }
}

/// The word-level difference between `old` and `new`: adjacent spans never
/// share a change, and within a changed stretch the deleted text comes
/// before the inserted text. A space between two changed words joins the
/// change, so `goverment said` → `government says` reads as one
/// replacement rather than two.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSpan> {
    word_diff_until(old, new, deadline())
}

/// Paragraph-aligned rows for showing `old` and `new` side by side.
/// Paragraphs are blocks separated by blank lines. Unchanged paragraphs are
/// one `Equal` span on each side; a changed paragraph paired with its new
/// version carries word-level spans on both sides; an added or removed
/// paragraph appears on one side only.
pub fn side_by_side(old: &str, new: &str) -> Vec<DiffRow> {
    let deadline = deadline();
    let old_paragraphs = paragraphs(old);
    let new_paragraphs = paragraphs(new);
    let ops =
        similar::capture_diff_slices_deadline(Algorithm::Patience, &old_paragraphs, &new_paragraphs, Some(deadline));
    let mut rows = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let olds = old_paragraphs.get(old_range).unwrap_or_default();
        let news = new_paragraphs.get(new_range).unwrap_or_default();
        match tag {
            DiffTag::Equal => rows.extend(olds.iter().map(|p| {
                let spans = vec![DiffSpan::new(Change::Equal, *p)];
                DiffRow { left: Some(spans.clone()), right: Some(spans) }
            })),
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => pair_paragraphs(olds, news, deadline, &mut rows),
        }
    }
    rows
}

/// The text split into paragraphs: blocks of lines separated by blank
/// (or whitespace-only) lines. Lines inside a paragraph keep their newlines.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(begin) = start.take() {
                found.push(text.get(begin..end).unwrap_or_default());
            }
        } else {
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(begin) = start {
        found.push(text.get(begin..end).unwrap_or_default());
    }
    found
}

/// A stretch of two versions of a text, paragraph by paragraph: the same
/// in both, or different (paragraphs only one side has, or changed ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hunk {
    /// Paragraphs both versions have.
    Same(Vec<String>),
    /// Paragraphs that differ: mine, and theirs.
    Differ {
        /// This side's paragraphs (may be none).
        mine: Vec<String>,
        /// The other side's paragraphs (may be none).
        theirs: Vec<String>,
    },
}

/// Which side a merge takes for a differing hunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Side {
    /// Keep this side's paragraphs.
    #[default]
    Mine,
    /// Take the other side's.
    Theirs,
    /// Both, mine first.
    Both,
}

/// `mine` and `theirs` as hunks of paragraphs, for a paragraph-by-paragraph
/// merge.
pub fn paragraph_hunks(mine: &str, theirs: &str) -> Vec<Hunk> {
    let (mine, theirs) = (paragraphs(mine), paragraphs(theirs));
    let ops = similar::capture_diff_slices_deadline(Algorithm::Patience, &mine, &theirs, Some(deadline()));
    let owned = |paragraphs: &[&str]| paragraphs.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in ops {
        let (tag, mine_range, theirs_range) = op.as_tag_tuple();
        let ours = owned(mine.get(mine_range).unwrap_or_default());
        let other = owned(theirs.get(theirs_range).unwrap_or_default());
        match (tag, hunks.last_mut()) {
            (DiffTag::Equal, _) => hunks.push(Hunk::Same(ours)),
            // A delete next to an insert is one changed stretch.
            (_, Some(Hunk::Differ { mine, theirs })) => {
                mine.extend(ours);
                theirs.extend(other);
            }
            _ => hunks.push(Hunk::Differ { mine: ours, theirs: other }),
        }
    }
    hunks
}

/// The merged text: the same paragraphs, and for each differing hunk (in
/// order) the side chosen in `choices` (mine where none is given).
pub fn merge(hunks: &[Hunk], choices: &[Side]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut differing = 0;
    for hunk in hunks {
        match hunk {
            Hunk::Same(paragraphs) => out.extend(paragraphs.iter().map(String::as_str)),
            Hunk::Differ { mine, theirs } => {
                let side = choices.get(differing).copied().unwrap_or_default();
                differing += 1;
                if matches!(side, Side::Mine | Side::Both) {
                    out.extend(mine.iter().map(String::as_str));
                }
                if matches!(side, Side::Theirs | Side::Both) {
                    out.extend(theirs.iter().map(String::as_str));
                }
            }
        }
    }
    out.join("\n\n")
}

/// A stretch of a three-way merge ([`merge3`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chunk3<T> {
    /// Items the merge takes as they are: where all three versions agree,
    /// where only one side changed (its version), or where both changed
    /// alike (once).
    Clean(Vec<T>),
    /// A stretch both sides changed, differently.
    Conflict {
        /// The stretch in the base (empty when both sides only inserted).
        base: Vec<T>,
        /// Our version of it.
        ours: Vec<T>,
        /// Their version of it.
        theirs: Vec<T>,
    },
}

impl<T> Chunk3<T> {
    /// Whether both sides changed this stretch differently.
    pub fn is_conflict(&self) -> bool {
        matches!(self, Chunk3::Conflict { .. })
    }

    /// Whether this is a conflict where both sides only inserted (nothing
    /// of the base is in it), so taking both sides loses nothing.
    pub fn is_insert_on_both_sides(&self) -> bool {
        matches!(self, Chunk3::Conflict { base, .. } if base.is_empty())
    }

    /// The items the merge keeps for this stretch: a clean stretch as it
    /// is; for a conflict, ours, theirs or both (ours first) as `side` says.
    pub fn side(&self, side: Side) -> impl Iterator<Item = &T> {
        let (first, second): (&[T], &[T]) = match (self, side) {
            (Chunk3::Clean(items), _) => (items, &[]),
            (Chunk3::Conflict { ours, .. }, Side::Mine) => (ours, &[]),
            (Chunk3::Conflict { theirs, .. }, Side::Theirs) => (theirs, &[]),
            (Chunk3::Conflict { ours, theirs, .. }, Side::Both) => (ours, theirs),
        };
        first.iter().chain(second)
    }
}

/// A three-way merge of `ours` and `theirs`, two versions of `base`: the
/// classic diff3. Base items matched (by a diff) in both versions are
/// stable anchors; between two anchors, a stretch only one side changed
/// takes that side, one both changed alike is taken once, and one they
/// changed differently is a [`Chunk3::Conflict`]. Neighbouring clean
/// stretches are joined, and no chunk is empty on every side.
pub fn merge3<T: Hash + Eq + Ord + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<Chunk3<T>> {
    let deadline = deadline();
    let in_ours = matches_in(base, ours, deadline);
    let in_theirs = matches_in(base, theirs, deadline);
    let matched = |index: usize| -> Option<(usize, usize)> {
        Some((in_ours.get(index).copied().flatten()?, in_theirs.get(index).copied().flatten()?))
    };
    let mut chunks = Vec::new();
    let (mut b, mut o, mut t) = (0, 0, 0);
    loop {
        let start = b;
        while b < base.len() && matched(b) == Some((o, t)) {
            (b, o, t) = (b + 1, o + 1, t + 1);
        }
        push_clean(&mut chunks, base.get(start..b).unwrap_or_default());
        if b >= base.len() && o >= ours.len() && t >= theirs.len() {
            break;
        }
        // The next anchor, or the ends.
        let (next_b, (next_o, next_t)) = (b..base.len())
            .find_map(|index| matched(index).map(|sides| (index, sides)))
            .unwrap_or((base.len(), (ours.len(), theirs.len())));
        let stretch = |items: &[T], from: usize, to: usize| items.get(from..to.max(from)).unwrap_or_default().to_vec();
        let (was, mine, other) = (stretch(base, b, next_b), stretch(ours, o, next_o), stretch(theirs, t, next_t));
        if mine == other || other == was {
            push_clean(&mut chunks, &mine);
        } else if mine == was {
            push_clean(&mut chunks, &other);
        } else {
            chunks.push(Chunk3::Conflict { base: was, ours: mine, theirs: other });
        }
        (b, o, t) = (next_b.max(b), next_o.max(o), next_t.max(t));
    }
    chunks
}

/// [`merge3`] on paragraphs ([`paragraphs`]); [`merged_text`] writes the
/// result.
pub fn merge3_paragraphs(base: &str, ours: &str, theirs: &str) -> Vec<Chunk3<String>> {
    let chunks = merge3(&paragraphs(base), &paragraphs(ours), &paragraphs(theirs));
    let owned = |items: Vec<&str>| items.into_iter().map(str::to_owned).collect::<Vec<_>>();
    chunks
        .into_iter()
        .map(|chunk| match chunk {
            Chunk3::Clean(items) => Chunk3::Clean(owned(items)),
            Chunk3::Conflict { base, ours, theirs } => {
                Chunk3::Conflict { base: owned(base), ours: owned(ours), theirs: owned(theirs) }
            }
        })
        .collect()
}

/// The text of merged paragraphs, joined by blank lines as [`merge`]
/// joins them, with each conflict resolved as `side` says.
pub fn merged_text(chunks: &[Chunk3<String>], side: Side) -> String {
    let paragraphs: Vec<&str> = chunks.iter().flat_map(|chunk| chunk.side(side)).map(String::as_str).collect();
    paragraphs.join("\n\n")
}

/// A three-way merge of lines that keeps every line of both sides: where
/// both changed the same lines differently, ours then theirs (git's
/// `union` merge), for text files that are lists of entries (a
/// `.gitignore`, code replacements). Lines end with `\n`; the result ends
/// with one when either side does.
pub fn merge3_lines_union(base: &str, ours: &str, theirs: &str) -> String {
    let (base_lines, our_lines, their_lines): (Vec<&str>, Vec<&str>, Vec<&str>) =
        (base.lines().collect(), ours.lines().collect(), theirs.lines().collect());
    let chunks = merge3(&base_lines, &our_lines, &their_lines);
    let mut text = chunks.iter().flat_map(|chunk| chunk.side(Side::Both)).copied().collect::<Vec<&str>>().join("\n");
    if !text.is_empty() && (ours.ends_with('\n') || theirs.ends_with('\n')) {
        text.push('\n');
    }
    text
}

/// For each item of `base`, the position of the item of `side` a diff
/// matched it with, if any.
fn matches_in<T: Hash + Eq + Ord>(base: &[T], side: &[T], deadline: Instant) -> Vec<Option<usize>> {
    let mut matched = vec![None; base.len()];
    for op in similar::capture_diff_slices_deadline(Algorithm::Patience, base, side, Some(deadline)) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            for offset in 0..len {
                if let Some(slot) = matched.get_mut(old_index + offset) {
                    *slot = Some(new_index + offset);
                }
            }
        }
    }
    matched
}

/// Appends `items` to the last chunk when it is clean, else as a new one.
fn push_clean<T: Clone>(chunks: &mut Vec<Chunk3<T>>, items: &[T]) {
    if items.is_empty() {
        return;
    }
    match chunks.last_mut() {
        Some(Chunk3::Clean(last)) => last.extend_from_slice(items),
        _ => chunks.push(Chunk3::Clean(items.to_vec())),
    }
}

fn deadline() -> Instant {
    Instant::now() + TIME_BUDGET
}

/// [`word_diff`] with a deadline shared with other diffs of one comparison.
fn word_diff_until(old: &str, new: &str, deadline: Instant) -> Vec<DiffSpan> {
    if old == new {
        return if old.is_empty() { Vec::new() } else { vec![DiffSpan::new(Change::Equal, old)] };
    }
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).deadline(deadline).diff_words(old, new);
    let mut spans: Vec<DiffSpan> = Vec::new();
    for token in diff.iter_all_changes() {
        let change = match token.tag() {
            similar::ChangeTag::Equal => Change::Equal,
            similar::ChangeTag::Insert => Change::Insert,
            similar::ChangeTag::Delete => Change::Delete,
        };
        push_merged(&mut spans, change, token.value());
    }
    tidy(spans)
}

/// Appends `text` to the last span when it has the same change.
fn push_merged(spans: &mut Vec<DiffSpan>, change: Change, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => spans.push(DiffSpan::new(change, text)),
    }
}

/// Makes a space between two changes part of the change, then writes each
/// changed stretch as one deletion followed by one insertion.
fn tidy(spans: Vec<DiffSpan>) -> Vec<DiffSpan> {
    let count = spans.len();
    let mut tidied: Vec<DiffSpan> = Vec::with_capacity(count);
    let mut deleted = String::new();
    let mut inserted = String::new();
    for (index, span) in spans.iter().enumerate() {
        let between_changes = index > 0 && index + 1 < count && span.text.chars().all(char::is_whitespace);
        match span.change {
            Change::Equal if !between_changes => {
                flush(&mut tidied, &mut deleted, &mut inserted);
                push_merged(&mut tidied, Change::Equal, &span.text);
            }
            Change::Equal => {
                // Spans alternate, so both neighbours are changes.
                deleted.push_str(&span.text);
                inserted.push_str(&span.text);
            }
            Change::Delete => deleted.push_str(&span.text),
            Change::Insert => inserted.push_str(&span.text),
        }
    }
    flush(&mut tidied, &mut deleted, &mut inserted);
    tidied
}

fn flush(spans: &mut Vec<DiffSpan>, deleted: &mut String, inserted: &mut String) {
    push_merged(spans, Change::Delete, deleted);
    push_merged(spans, Change::Insert, inserted);
    deleted.clear();
    inserted.clear();
}

/// Rows for a stretch where `olds` became `news`: each old paragraph is
/// paired, in order, with the most similar new one still unpaired (if any
/// is similar enough); the rest are removed or added.
fn pair_paragraphs(olds: &[&str], news: &[&str], deadline: Instant, rows: &mut Vec<DiffRow>) {
    let by_similarity = olds.len().saturating_mul(news.len()) <= MAX_PAIRING_WORK;
    let mut next_new = 0;
    for old in olds {
        let remaining = news.get(next_new..).unwrap_or_default();
        let partner = if by_similarity {
            best_partner(old, remaining, deadline)
        } else {
            // In order: each old paragraph with the next new one.
            remaining.first().map(|new| (0, word_diff_until(old, new, deadline)))
        };
        match partner {
            Some((offset, spans)) => {
                for added in remaining.get(..offset).unwrap_or_default() {
                    rows.push(one_sided(Change::Insert, added));
                }
                rows.push(DiffRow {
                    left: Some(only(&spans, Change::Delete)),
                    right: Some(only(&spans, Change::Insert)),
                });
                next_new += offset + 1;
            }
            None => rows.push(one_sided(Change::Delete, old)),
        }
    }
    for added in news.get(next_new..).unwrap_or_default() {
        rows.push(one_sided(Change::Insert, added));
    }
}

/// The candidate most similar to `old`, as its position and word diff, if
/// one is similar enough.
fn best_partner(old: &str, candidates: &[&str], deadline: Instant) -> Option<(usize, Vec<DiffSpan>)> {
    let mut best: Option<(f32, usize, Vec<DiffSpan>)> = None;
    for (offset, candidate) in candidates.iter().enumerate() {
        let spans = word_diff_until(old, candidate, deadline);
        let score = similarity(&spans);
        if score >= MIN_PARAGRAPH_SIMILARITY && best.as_ref().is_none_or(|(top, _, _)| score > *top) {
            best = Some((score, offset, spans));
        }
    }
    best.map(|(_, offset, spans)| (offset, spans))
}

/// 2 × words in common ÷ words on both sides, from 0 (nothing shared) to 1.
fn similarity(spans: &[DiffSpan]) -> f32 {
    let (mut common, mut total) = (0usize, 0usize);
    for span in spans {
        let words = span.text.split_whitespace().count();
        match span.change {
            Change::Equal => {
                common += words;
                total += 2 * words;
            }
            Change::Insert | Change::Delete => total += words,
        }
    }
    if total == 0 { 1.0 } else { (2 * common) as f32 / total as f32 }
}

/// One side of a word diff: the `Equal` spans and those with `change`.
fn only(spans: &[DiffSpan], change: Change) -> Vec<DiffSpan> {
    let mut side = Vec::new();
    for span in spans.iter().filter(|s| s.change == Change::Equal || s.change == change) {
        push_merged(&mut side, span.change, &span.text);
    }
    side
}

/// A paragraph only in one text: removed (`Delete`, left) or added
/// (`Insert`, right).
fn one_sided(change: Change, paragraph: &str) -> DiffRow {
    let spans = Some(vec![DiffSpan::new(change, paragraph)]);
    match change {
        Change::Insert => DiffRow { left: None, right: spans },
        Change::Delete | Change::Equal => DiffRow { left: spans, right: None },
    }
}

/// Where `new`, an edit of `old`, differs from it, in bytes: the two
/// texts share `..start` and their ends from `old_end` and `new_end` on,
/// and every bound is on a character boundary. Compared a block at a time
/// (a `memcmp` each) and then byte by byte, from both ends; the common end
/// is never longer than the shorter text after the common start. What
/// typing, the proofing marks and the word counts use to find what one
/// keystroke changed in a long body.
pub fn changed_span(old: &str, new: &str) -> (usize, usize, usize) {
    const BLOCK: usize = 256;
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix =
        a.chunks(BLOCK).zip(b.chunks(BLOCK)).take_while(|(x, y)| x.len() == BLOCK && x == y).count() * BLOCK;
    // The rest byte by byte, from where the blocks stopped: sliced there,
    // not skipped to (skipping walks every byte before).
    let (a_rest, b_rest) = (a.get(prefix..).unwrap_or_default(), b.get(prefix..).unwrap_or_default());
    prefix += a_rest.iter().zip(b_rest).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let room = a.len().min(b.len()) - prefix;
    let mut suffix =
        a.rchunks(BLOCK).zip(b.rchunks(BLOCK)).take_while(|(x, y)| x.len() == BLOCK && x == y).count() * BLOCK;
    suffix = suffix.min(room);
    let (a_rest, b_rest) =
        (a.get(..a.len() - suffix).unwrap_or_default(), b.get(..b.len() - suffix).unwrap_or_default());
    suffix += a_rest.iter().rev().zip(b_rest.iter().rev()).take(room - suffix).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(old.len() - suffix) && new.is_char_boundary(new.len() - suffix)) {
        suffix -= 1;
    }
    (prefix, old.len() - suffix, new.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_changed_span_is_on_character_boundaries() {
        // "é" and "è" share their first byte: the span starts at the character.
        assert_eq!(changed_span("café au lait", "cafè au lait"), (3, 5, 5));
        assert_eq!(changed_span("ab", "ab"), (2, 2, 2));
        assert_eq!(changed_span("aXb", "ab"), (1, 2, 1));
        assert_eq!(changed_span("日本", "日本語"), (6, 6, 9));
        // A repeated letter: the shorter side's length bounds the suffix.
        assert_eq!(changed_span("aa", "aaa"), (2, 2, 3));
        assert_eq!(changed_span("ñ", "ññ"), (2, 2, 4));
    }

    proptest! {
        #[test]
        fn the_changed_span_keeps_common_ends_on_char_boundaries(a in "[aé“🚁 ]{0,40}", b in "[aé“🚁 ]{0,40}") {
            let (start, a_end, b_end) = changed_span(&a, &b);
            prop_assert!(start <= a_end && start <= b_end);
            prop_assert!(a.is_char_boundary(start) && b.is_char_boundary(start));
            prop_assert!(a.is_char_boundary(a_end) && b.is_char_boundary(b_end));
            prop_assert_eq!(a.get(..start), b.get(..start));
            prop_assert_eq!(&a[a_end..], &b[b_end..]);
            prop_assert_eq!(a.len() - a_end, b.len() - b_end);
        }
    }

    #[test]
    fn the_changed_span_of_a_long_text_is_found_past_whole_blocks() {
        let old = "word ".repeat(400);
        let new = format!("{}X{}", &old[..1000], &old[1000..]);
        assert_eq!(changed_span(&old, &new), (1000, 1000, 1001));
        let same_blocks = "a".repeat(1024);
        assert_eq!(changed_span(&same_blocks, &format!("{same_blocks}a")), (1024, 1024, 1025));
        assert_eq!(changed_span(&format!("b{same_blocks}"), &same_blocks), (0, 1, 0));
    }

    fn spans(list: &[(Change, &str)]) -> Vec<DiffSpan> {
        list.iter().map(|(change, text)| DiffSpan::new(*change, *text)).collect()
    }

    fn side(spans: &[DiffSpan], change: Change) -> String {
        spans.iter().filter(|s| s.change == Change::Equal || s.change == change).map(|s| s.text.as_str()).collect()
    }

    use Change::{Delete, Equal, Insert};

    /// (old, new, the exact spans).
    type Case = (&'static str, &'static str, &'static [(Change, &'static str)]);

    #[test]
    fn known_pairs() {
        let cases: &[Case] = &[
            (
                "The goverment said",
                "The government says",
                &[(Equal, "The "), (Delete, "goverment said"), (Insert, "government says")],
            ),
            (
                "The minister said on Monday",
                "The minister said on Tuesday",
                &[(Equal, "The minister said on "), (Delete, "Monday"), (Insert, "Tuesday")],
            ),
            (
                "Drones hit the base",
                "Drones hit the US base",
                &[(Equal, "Drones hit the "), (Insert, "US "), (Equal, "base")],
            ),
            ("a very big deal", "a deal", &[(Equal, "a "), (Delete, "very big "), (Equal, "deal")]),
            ("", "", &[]),
            ("", "New text", &[(Insert, "New text")]),
            ("Old text", "", &[(Delete, "Old text")]),
            ("Same", "Same", &[(Equal, "Same")]),
        ];
        for (old, new, expected) in cases {
            assert_eq!(word_diff(old, new), spans(expected), "{old:?} → {new:?}");
        }
    }

    #[test]
    fn stats_count_words() {
        let diff = word_diff("The goverment said", "The government says it will");
        let stats = DiffStats::of_spans(&diff);
        assert_eq!((stats.deleted_words, stats.inserted_words), (2, 4));
        assert!(DiffStats::of_spans(&word_diff("a b", "a b")).is_empty());
    }

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        assert_eq!(paragraphs("One\nstill one\n\n  \nTwo\r\n\r\nThree\n"), ["One\nstill one", "Two", "Three"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n\n \n").is_empty());
    }

    fn equal_row(text: &str) -> DiffRow {
        DiffRow { left: Some(spans(&[(Equal, text)])), right: Some(spans(&[(Equal, text)])) }
    }

    #[test]
    fn side_by_side_rows() {
        let old = "First paragraph.\n\nThe goverment said so.\n\nGone paragraph here.\n\nLast.";
        let new = "First paragraph.\n\nThe government said so.\n\nLast.\n\nAn added one.";
        let rows = side_by_side(old, new);
        assert_eq!(
            rows,
            vec![
                equal_row("First paragraph."),
                DiffRow {
                    left: Some(spans(&[(Equal, "The "), (Delete, "goverment"), (Equal, " said so.")])),
                    right: Some(spans(&[(Equal, "The "), (Insert, "government"), (Equal, " said so.")])),
                },
                DiffRow { left: Some(spans(&[(Delete, "Gone paragraph here.")])), right: None },
                equal_row("Last."),
                DiffRow { left: None, right: Some(spans(&[(Insert, "An added one.")])) },
            ]
        );
        assert!(rows[0].is_unchanged() && !rows[1].is_unchanged());
        let stats = DiffStats::of_rows(&rows);
        assert_eq!((stats.deleted_words, stats.inserted_words), (4, 4));
    }

    #[test]
    fn an_inserted_paragraph_before_a_changed_one_pairs_by_similarity() {
        let old = "Drones hit the base on Monday.";
        let new = "A wholly new opening.\n\nDrones hit the base on Tuesday.";
        let rows = side_by_side(old, new);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], DiffRow { left: None, right: Some(spans(&[(Insert, "A wholly new opening.")])) });
        assert_eq!(rows[1].right, Some(spans(&[(Equal, "Drones hit the base on "), (Insert, "Tuesday.")])), "{rows:?}");
    }

    #[test]
    fn empty_sides() {
        assert!(side_by_side("", "").is_empty());
        assert_eq!(
            side_by_side("", "Only new."),
            vec![DiffRow { left: None, right: Some(spans(&[(Insert, "Only new.")])) }]
        );
        assert_eq!(
            side_by_side("Only old.", "\n\n"),
            vec![DiffRow { left: Some(spans(&[(Delete, "Only old.")])), right: None }]
        );
    }

    /// The sample story's body with one sentence changed: one changed row,
    /// everything else equal.
    #[test]
    fn the_seed_body_with_one_sentence_changed() {
        let old = include_str!("../projects/drone-attacks/stories/iraq-drone-attacks.ron");
        let old = old.split("body: \"").nth(1).unwrap().split("\",\n").next().unwrap();
        let sentence = "A coalition official described the evolving drone threat";
        assert!(old.contains(sentence));
        let new = old.replace(sentence, "A coalition official described the new drone threat");
        let rows = side_by_side(old, &new);
        assert_eq!(rows.len(), paragraphs(old).len());
        let changed: Vec<&DiffRow> = rows.iter().filter(|r| !r.is_unchanged()).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        let left = changed[0].left.as_ref().unwrap();
        assert!(left.contains(&DiffSpan::new(Delete, "evolving")), "{left:?}");
        let stats = DiffStats::of_rows(&rows);
        assert_eq!((stats.deleted_words, stats.inserted_words), (1, 1));
        let spans = word_diff(old, &new);
        assert_eq!(side(&spans, Delete), old);
        assert_eq!(side(&spans, Insert), new);
        assert_eq!(spans.iter().filter(|s| s.change != Equal).count(), 2);
    }

    /// A 20,000-word body rewritten throughout still diffs quickly and
    /// correctly.
    #[test]
    fn a_long_diff_finishes_in_time() {
        let old: String = (0..20_000).map(|i| format!("word{} ", i % 997)).collect();
        let new: String = (0..20_000).map(|i| format!("word{} ", (i * 7) % 1009)).collect();
        let started = std::time::Instant::now();
        let spans = word_diff(&old, &new);
        let rows = side_by_side(&old.replace("word5 ", "word5\n\n"), &new.replace("word7 ", "word7\n\n"));
        assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
        assert_eq!(side(&spans, Delete), old);
        assert_eq!(side(&spans, Insert), new);
        assert!(!rows.is_empty());
    }

    fn any_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("([a-c]{1,3}|[ \n]{1,2}|é|🙂|\\.){0,20}").unwrap()
    }

    proptest! {
        /// Equal + Delete spans give the old text, Equal + Insert the new,
        /// and no two neighbouring spans share a change.
        #[test]
        fn spans_rebuild_both_texts(old in any_text(), new in any_text()) {
            let spans = word_diff(&old, &new);
            prop_assert_eq!(side(&spans, Delete), old.clone());
            prop_assert_eq!(side(&spans, Insert), new.clone());
            prop_assert!(spans.iter().all(|s| !s.text.is_empty()));
            prop_assert!(spans.windows(2).all(|w| w[0].change != w[1].change), "{:?}", spans);
        }

        /// Every paragraph of each text appears once, in order, on its side.
        #[test]
        fn rows_keep_every_paragraph(old in any_text(), new in any_text()) {
            let rows = side_by_side(&old, &new);
            let left: Vec<String> = rows.iter().filter_map(|r| r.left.as_ref()).map(|s| side(s, Delete)).collect();
            let right: Vec<String> = rows.iter().filter_map(|r| r.right.as_ref()).map(|s| side(s, Insert)).collect();
            prop_assert_eq!(left, paragraphs(&old));
            prop_assert_eq!(right, paragraphs(&new));
        }
    }

    #[test]
    fn paragraphs_merge_by_choice() {
        let mine = "One.\n\nTwo, my edit.\n\nThree.\n\nFour.";
        let theirs = "One.\n\nTwo, their edit.\n\nThree.\n\nA new fourth.\n\nFive.";
        let hunks = paragraph_hunks(mine, theirs);
        let differing = hunks.iter().filter(|h| matches!(h, Hunk::Differ { .. })).count();
        assert_eq!(differing, 2, "{hunks:?}");
        assert_eq!(merge(&hunks, &[]), mine, "mine by default");
        assert_eq!(merge(&hunks, &[Side::Theirs, Side::Theirs]), theirs);
        assert_eq!(
            merge(&hunks, &[Side::Mine, Side::Both]),
            "One.\n\nTwo, my edit.\n\nThree.\n\nFour.\n\nA new fourth.\n\nFive."
        );
        assert_eq!(paragraph_hunks("Same.", "Same."), [Hunk::Same(vec!["Same.".to_owned()])]);
    }

    fn clean(chunks: &[Chunk3<String>]) -> Option<String> {
        (!chunks.iter().any(Chunk3::is_conflict)).then(|| merged_text(chunks, Side::Mine))
    }

    #[test]
    fn three_way_merges_edits_to_different_paragraphs() {
        let base = "One.\n\nTwo.\n\nThree.\n\nFour.";
        let ours = "One, ours.\n\nTwo.\n\nThree.\n\nFour.";
        let theirs = "One.\n\nTwo.\n\nThree, theirs.\n\nFour.";
        let chunks = merge3_paragraphs(base, ours, theirs);
        assert_eq!(clean(&chunks).as_deref(), Some("One, ours.\n\nTwo.\n\nThree, theirs.\n\nFour."), "{chunks:?}");
    }

    #[test]
    fn three_way_the_same_paragraph_edited_two_ways_conflicts() {
        let base = "One.\n\nTwo.\n\nThree.";
        let chunks = merge3_paragraphs(base, "One.\n\nTwo, ours.\n\nThree.", "One.\n\nTwo, theirs.\n\nThree.");
        assert_eq!(
            chunks,
            [
                Chunk3::Clean(vec!["One.".to_owned()]),
                Chunk3::Conflict {
                    base: vec!["Two.".to_owned()],
                    ours: vec!["Two, ours.".to_owned()],
                    theirs: vec!["Two, theirs.".to_owned()],
                },
                Chunk3::Clean(vec!["Three.".to_owned()]),
            ]
        );
        assert!(!chunks[1].is_insert_on_both_sides());
        assert_eq!(merged_text(&chunks, Side::Mine), "One.\n\nTwo, ours.\n\nThree.");
        assert_eq!(merged_text(&chunks, Side::Theirs), "One.\n\nTwo, theirs.\n\nThree.");
        assert_eq!(merged_text(&chunks, Side::Both), "One.\n\nTwo, ours.\n\nTwo, theirs.\n\nThree.");
    }

    #[test]
    fn three_way_identical_edits_are_clean() {
        let base = "One.\n\nTwo.";
        let both = "One.\n\nTwo, fixed.\n\nThree.";
        assert_eq!(clean(&merge3_paragraphs(base, both, both)).as_deref(), Some(both));
        assert_eq!(clean(&merge3_paragraphs(base, base, base)).as_deref(), Some(base));
        assert!(merge3_paragraphs("", "", "").is_empty());
    }

    #[test]
    fn three_way_inserts_at_different_places_and_at_the_same_place() {
        let base = "One.\n\nTwo.\n\nThree.";
        let ours = "Zero.\n\nOne.\n\nTwo.\n\nThree.";
        let theirs = "One.\n\nTwo.\n\nTwo and a half.\n\nThree.";
        assert_eq!(
            clean(&merge3_paragraphs(base, ours, theirs)).as_deref(),
            Some("Zero.\n\nOne.\n\nTwo.\n\nTwo and a half.\n\nThree.")
        );
        let chunks = merge3_paragraphs(base, "One.\n\nOurs.\n\nTwo.\n\nThree.", "One.\n\nTheirs.\n\nTwo.\n\nThree.");
        let conflicts: Vec<&Chunk3<String>> = chunks.iter().filter(|c| c.is_conflict()).collect();
        assert_eq!(conflicts.len(), 1, "{chunks:?}");
        assert!(conflicts[0].is_insert_on_both_sides());
        assert_eq!(merged_text(&chunks, Side::Both), "One.\n\nOurs.\n\nTheirs.\n\nTwo.\n\nThree.");
    }

    #[test]
    fn three_way_a_delete_on_one_side_and_an_edit_elsewhere() {
        let base = "One.\n\nTwo.\n\nThree.\n\nFour.";
        let ours = "One.\n\nThree.\n\nFour.";
        let theirs = "One.\n\nTwo.\n\nThree.\n\nFour, edited.";
        assert_eq!(clean(&merge3_paragraphs(base, ours, theirs)).as_deref(), Some("One.\n\nThree.\n\nFour, edited."));
        // Deleted on one side, edited on the other: a conflict.
        let chunks = merge3_paragraphs(base, ours, "One.\n\nTwo, edited.\n\nThree.\n\nFour.");
        assert_eq!(chunks.iter().filter(|c| c.is_conflict()).count(), 1, "{chunks:?}");
        assert_eq!(merged_text(&chunks, Side::Mine), ours);
    }

    #[test]
    fn three_way_over_any_items() {
        let chunks = merge3(&[1, 2, 3], &[1, 2, 3, 4], &[0, 1, 2, 3]);
        assert_eq!(chunks, [Chunk3::Clean(vec![0, 1, 2, 3, 4])]);
        let chunks = merge3(&[1, 2, 3], &[1, 5, 3], &[1, 6, 3]);
        assert_eq!(chunks[1], Chunk3::Conflict { base: vec![2], ours: vec![5], theirs: vec![6] });
        assert_eq!(merge3::<u8>(&[], &[], &[]), []);
        assert_eq!(merge3(&[], &[1], &[2]), [Chunk3::Conflict { base: vec![], ours: vec![1], theirs: vec![2] }]);
    }

    #[test]
    fn a_union_merge_of_lines_keeps_both_sides() {
        let base = "*.lock\n.copydesk-cache/\n";
        let ours = "*.lock\n.copydesk-cache/\nours.tmp\n";
        let theirs = "*.lock\n.copydesk-cache/\ntheirs.tmp\n";
        assert_eq!(merge3_lines_union(base, ours, theirs), "*.lock\n.copydesk-cache/\nours.tmp\ntheirs.tmp\n");
        assert_eq!(merge3_lines_union(base, "*.lock\n", base), "*.lock\n", "a removal on one side is kept");
        assert_eq!(merge3_lines_union("", "", ""), "");
        assert_eq!(merge3_lines_union("", "a", "a"), "a");
    }

    proptest! {
        /// Taking ours at every conflict, a merge with theirs unchanged is
        /// ours; with ours unchanged it is theirs.
        #[test]
        fn three_way_with_one_side_unchanged_is_the_other(
            base in proptest::collection::vec(0u8..4, 0..12),
            side in proptest::collection::vec(0u8..4, 0..12),
        ) {
            let flat = |chunks: Vec<Chunk3<u8>>| {
                prop_assert!(!chunks.iter().any(Chunk3::is_conflict));
                Ok(chunks.iter().flat_map(|c| c.side(Side::Mine)).copied().collect::<Vec<u8>>())
            };
            prop_assert_eq!(flat(merge3(&base, &side, &base))?, side.clone());
            prop_assert_eq!(flat(merge3(&base, &base, &side))?, side.clone());
            prop_assert_eq!(flat(merge3(&base, &side, &side))?, side.clone());
        }

        /// No chunk is empty, no conflict has the same two sides, and no
        /// two clean chunks are neighbours.
        #[test]
        fn three_way_chunks_are_tidy(
            base in proptest::collection::vec(0u8..4, 0..10),
            ours in proptest::collection::vec(0u8..4, 0..10),
            theirs in proptest::collection::vec(0u8..4, 0..10),
        ) {
            let chunks = merge3(&base, &ours, &theirs);
            let tidy = |c: &Chunk3<u8>| match c {
                Chunk3::Clean(items) => !items.is_empty(),
                Chunk3::Conflict { ours, theirs, .. } => ours != theirs,
            };
            prop_assert!(chunks.iter().all(tidy), "{:?}", chunks);
            prop_assert!(chunks.windows(2).all(|w| !(matches!(w[0], Chunk3::Clean(_)) && matches!(w[1], Chunk3::Clean(_)))));
        }
    }
}
