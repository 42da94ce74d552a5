//! Pasted web text: blocks of web-page furniture in the body — a list of
//! headlines or links under "Related" or "Read more", share and follow
//! buttons, newsletter prompts, app-store lines —, at the end of a story or
//! in the middle. Each line of the body is given a [`Kind`] on its own
//! ([`classify`]); the lines around it then decide whether it belongs to a
//! block ([`pasted_blocks`]), and each block is one hit with a fix that
//! deletes it.
//!
//! Precision comes first: a title-case line proves nothing alone (a
//! subhead, a byline, a name), so it takes two of them, or a furniture line
//! beside them, to make a block; a title-case line followed by story text is
//! a subhead, lines after a story line ending with a colon are the list it
//! introduces, and before the story's first sentence (where bylines and
//! datelines are) only furniture lines count.

use std::ops::Range;

use super::punctuation::{ends_sentence, ends_with_stop};
use super::{excerpt_start, find_phrase, hit, slice, with_fix, words};
use crate::checks::{Hit, Rule};

/// What one line of the body is, as far as pasted blocks go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Story text, or anything else a block never takes in.
    Text,
    /// A sentence of boilerplate ("© 2021 All rights reserved."), reported
    /// on its own line; what it is for the message.
    Lone(&'static str),
    /// A heading that introduces a list of links ("Related", "Read more").
    Heading,
    /// Web-page furniture that makes a block alone: share, follow,
    /// newsletter and app-store lines, link lines; what it is.
    Furniture(&'static str),
    /// A headline or link title: title case, or ending in a separator.
    Headline,
    /// A short line that belongs to a block around it but proves nothing
    /// alone: a name of one to three words, a label ("Capital: Baghdad").
    Minor,
    /// The names of share buttons ("Facebook", "Email | Print"): like a
    /// minor line, but never a subhead.
    Button,
    /// A short line without final punctuation in sentence case: a link in
    /// a list under a heading, story text anywhere else.
    Loose,
}

/// What a share line is, in a block's message.
const SHARE: &str = "share buttons";
/// What a follow line is.
const FOLLOW: &str = "follow links";
/// What a newsletter line is.
const NEWSLETTER: &str = "a newsletter prompt";
/// What an app-store line is.
const APP: &str = "app-store links";
/// What a site's banner or menu line is.
const SITE: &str = "the site's menus";
/// What a comment form's line is.
const COMMENTS: &str = "a comment form";
/// What a run of headline-like lines is.
const HEADLINES: &str = "a list of headlines";
/// What a "Read More" button is.
const RELATED: &str = "related links";

/// Headings of link lists, whole lines (case ignored, a colon or a
/// separator after them allowed). Headings a story may use for a section
/// of its own ("Top stories", "In other news") are left out.
const HEADINGS: [&str; 25] = [
    "related",
    "related stories",
    "related articles",
    "related news",
    "related content",
    "related coverage",
    "related topics",
    "related posts",
    "related links",
    "read more",
    "read also",
    "also read",
    "see also",
    "more stories",
    "more news",
    "more headlines",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "most read",
    "most popular",
    "most viewed",
    "trending now",
    "editor's picks",
];

/// Heading starts followed by a name ("More from Press TV").
const HEADING_STARTS: [&str; 2] = ["more from", "more stories from"];

/// How a furniture phrase sits in its line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fits {
    /// The phrase is the whole line.
    Alone,
    /// The line starts with it.
    Starts,
    /// The line starts with it and names a platform ("Get it on Google Play").
    StartsWithPlatform,
    /// The line has it anywhere ("Join the GlobalSecurity.org mailing list").
    Within,
}

/// Phrases of share, follow, newsletter, app-store, site-menu and
/// comment-form lines, for lines that are not sentences ("Share this
/// article"; not "Share prices fell.").
const FURNITURE: [(&str, Fits, &str); 35] = [
    ("share", Fits::Alone, SHARE),
    ("share this", Fits::Starts, SHARE),
    ("share on", Fits::Starts, SHARE),
    ("share via", Fits::Starts, SHARE),
    ("share article", Fits::Starts, SHARE),
    ("share story", Fits::Starts, SHARE),
    ("share the story", Fits::Starts, SHARE),
    ("follow", Fits::Alone, FOLLOW),
    ("follow us", Fits::Starts, FOLLOW),
    ("follow", Fits::StartsWithPlatform, FOLLOW),
    ("like us on", Fits::Starts, FOLLOW),
    ("find us on", Fits::Starts, FOLLOW),
    ("join us on", Fits::Starts, FOLLOW),
    ("connect with us", Fits::Starts, FOLLOW),
    ("sign up", Fits::Starts, NEWSLETTER),
    ("subscribe", Fits::Starts, NEWSLETTER),
    ("newsletter", Fits::Starts, NEWSLETTER),
    ("get our newsletter", Fits::Starts, NEWSLETTER),
    ("join our newsletter", Fits::Starts, NEWSLETTER),
    ("mailing list", Fits::Within, NEWSLETTER),
    ("download our app", Fits::Starts, APP),
    ("download the app", Fits::Starts, APP),
    ("get the app", Fits::Starts, APP),
    ("install our app", Fits::Starts, APP),
    ("get it on", Fits::StartsWithPlatform, APP),
    ("download on the", Fits::StartsWithPlatform, APP),
    ("available on", Fits::StartsWithPlatform, APP),
    ("here's how you know", Fits::Alone, SITE),
    ("accessibility links", Fits::Alone, SITE),
    ("skip to main content", Fits::Alone, SITE),
    ("back to top", Fits::Starts, SITE),
    ("leave a reply", Fits::Starts, COMMENTS),
    ("leave a comment", Fits::Starts, COMMENTS),
    ("post a comment", Fits::Starts, COMMENTS),
    ("required fields are marked", Fits::Within, COMMENTS),
];

/// Platforms that share, follow and app-store lines name.
const PLATFORMS: [&str; 19] = [
    "facebook",
    "twitter",
    "x",
    "email",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "instagram",
    "youtube",
    "tiktok",
    "messenger",
    "flipboard",
    "google play",
    "app store",
    "apple",
    "android",
    "ios",
];

/// Words of share-button lines ("Facebook", "Copy link", "Email | Print").
const SHARE_WORDS: [&str; 22] = [
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "mail",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "instagram",
    "youtube",
    "tiktok",
    "messenger",
    "flipboard",
    "print",
    "copy",
    "link",
    "sms",
    "share",
    "comments",
];

/// Small words that stay lower case in title case.
const SMALL_WORDS: [&str; 16] =
    ["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"];

/// Chars that mark a line as a link in a list when they start it ("» Iran
/// warns US").
const LINK_MARKERS: [char; 5] = ['»', '›', '►', '▶', '→'];

/// The kind of one line on its own; `judged` is what the line-by-line
/// boilerplate rule made of it ("a line of links"), if anything.
pub(super) fn classify(line: &str, judged: Option<&'static str>) -> Kind {
    let bare = bare(line);
    let sentence = is_sentence(bare);
    if is_heading(bare) {
        return Kind::Heading;
    }
    if runs_into_title(bare) {
        return Kind::Furniture(RELATED);
    }
    if !sentence && let Some(what) = furniture(bare) {
        return Kind::Furniture(what);
    }
    let found = words(bare);
    let buttons = !found.is_empty() && is_share_line(bare, &found);
    match judged {
        Some(why) if sentence => Kind::Lone(why),
        Some(_) if buttons => Kind::Furniture(SHARE),
        Some(why) => Kind::Furniture(if why == "text" { "web text" } else { why }),
        None => listed_kind(line),
    }
}

/// `line` without spaces around it and without the Markdown and list
/// markers before it.
fn bare(line: &str) -> &str {
    line.trim().trim_start_matches(|c: char| "#>*_-+•· ".contains(c) || LINK_MARKERS.contains(&c)).trim_start()
}

/// Whether `s` is a sentence: it ends with . ! ? … or with a colon after
/// more than six words (a label such as "Follow us on:" is not).
fn is_sentence(s: &str) -> bool {
    if !ends_sentence(s) {
        return false;
    }
    let label = s.trim_end().trim_end_matches(['*', '_']).ends_with(':') && words(s).len() <= 6;
    !label
}

/// `s` lower-cased with curly apostrophes straight and without the colon,
/// separators or emphasis after it: the key headings are looked up by.
fn key(s: &str) -> String {
    let end = |c: char| ":|-–—»›>•·*_ ".contains(c);
    let trimmed = s.trim().trim_end_matches(end).trim_start_matches(['*', '_']).trim();
    trimmed.to_lowercase().replace('’', "'")
}

/// Whether `bare` is a heading of a list of links: "Related", "Read more:",
/// "More from Press TV".
fn is_heading(bare: &str) -> bool {
    let key = key(bare);
    if HEADINGS.contains(&key.as_str()) {
        return true;
    }
    let short = words(&key).len() <= 6 && !is_sentence(bare);
    short && HEADING_STARTS.iter().any(|start| starts_with_phrase(&key, start) && key.len() > start.len())
}

/// Whether `s` starts with `phrase` as whole words, case ignored ("Follow
/// us", not "Follow-up").
fn starts_with_phrase(s: &str, phrase: &str) -> bool {
    find_phrase(s, phrase)
        .first()
        .is_some_and(|found| found.start == 0 && !s.get(found.end..).unwrap_or("").starts_with(['-', '\'', '’']))
}

/// What a line of [`FURNITURE`] `bare` is, if it is one (the caller sees
/// that it is not a sentence). It must be short: up to eight words for a
/// phrase inside it, twelve for one it starts with, twenty for a row of
/// share buttons ("Share on Facebook Share on Twitter …"); a longer line is
/// a story's sentence that lost its full stop.
fn furniture(bare: &str) -> Option<&'static str> {
    let count = words(bare).len();
    let key = key(bare);
    let names_platform = || PLATFORMS.iter().any(|name| !find_phrase(bare, name).is_empty());
    FURNITURE
        .iter()
        .find(|(phrase, fits, what)| {
            let limit = match fits {
                Fits::Within => 8,
                _ if *what == SHARE => 20,
                _ => 12,
            };
            count <= limit
                && match fits {
                    Fits::Alone => key == *phrase,
                    Fits::Starts => starts_with_phrase(bare, phrase),
                    Fits::StartsWithPlatform => starts_with_phrase(bare, phrase) && names_platform(),
                    Fits::Within => !find_phrase(bare, phrase).is_empty(),
                }
        })
        .map(|(_, _, what)| *what)
}

/// Whether `bare` is a "Read More" button run into the next link's title,
/// as a page copied whole pastes it ("Read MoreJohn H. Glenn, Jr.").
fn runs_into_title(bare: &str) -> bool {
    ["Read More", "Read more", "Learn More", "See More"]
        .iter()
        .any(|button| bare.strip_prefix(button).and_then(|rest| rest.chars().next()).is_some_and(char::is_uppercase))
}

/// The kind of a line no furniture phrase matched: a headline, a minor
/// line, a loose line or story text.
fn listed_kind(line: &str) -> Kind {
    if is_story_line(line) {
        return Kind::Text;
    }
    let (rest, separated) = strip_separators(line.trim());
    if is_list_item(rest) && !separated {
        return Kind::Text;
    }
    let rest = rest.trim_start_matches(|c: char| "-*+•· ".contains(c));
    let found = words(rest);
    let tokens = rest.split_whitespace().count();
    let ends_in_word = rest.chars().next_back().is_some_and(char::is_alphanumeric);
    if found.is_empty() || !ends_in_word || is_sentence(rest) || tokens >= 16 {
        return Kind::Text;
    }
    if is_share_line(rest, &found) {
        return Kind::Button;
    }
    if separated {
        return if tokens >= 3 { Kind::Headline } else { Kind::Minor };
    }
    let long = tokens >= 4 && numbers(rest) < 2 && !rest.contains(':');
    match (is_title_case(rest, &found), long) {
        (true, true) => Kind::Headline,
        (true, false) => Kind::Minor,
        (false, _) => Kind::Loose,
    }
}

/// Whether `line` is one of a story's own short lines that no block takes
/// in: a Markdown heading, quotation, table, code or HTML; a quotation; a
/// sign-off ("— Reuters", "(AP)"); a byline or credit ("By …", "Reporting
/// by …"); a dateline ("BAGHDAD, Jan 5 —").
fn is_story_line(line: &str) -> bool {
    if line.starts_with("    ") || line.starts_with('\t') {
        return true;
    }
    let line = line.trim();
    let markup = ["#", ">", "|", "```", "~~~", "<", "!["];
    if markup.iter().any(|start| line.starts_with(start)) {
        return true;
    }
    let opens_quote = line.starts_with(['“', '"', '‘', '\'', '«', '„']);
    let sign_off = line.starts_with(['—', '–']) || line.starts_with("--");
    opens_quote || sign_off || line.contains(['(', ')']) || has_byline(line) || is_dateline(line)
}

/// Words that start a credit line ("Reporting from Baghdad", "Photos
/// Ahmed Rasheed").
const CREDITS: [&str; 10] =
    ["reporting", "writing", "editing", "compiled", "contributing", "photo", "photos", "credit", "source", "sources"];

/// Whether `line` is a byline or a credit: "by" is one of its first three
/// words ("By Jane Doe", "Reporting by …", "Additional reporting by …") or
/// it starts with a credit ("Additional reporting from …").
fn has_byline(line: &str) -> bool {
    let found = words(line);
    let first = found.first().map(|word| slice(line, word).to_lowercase());
    let additional = starts_with_phrase(line, "additional reporting");
    let credit = additional || first.is_some_and(|first| CREDITS.contains(&first.as_str()));
    credit || found.iter().take(3).any(|word| slice(line, word).eq_ignore_ascii_case("by"))
}

/// Whether `line` starts like a dateline: a word in capitals followed by
/// a comma or a dash ("BAGHDAD, Iraq", "BAGHDAD —").
fn is_dateline(line: &str) -> bool {
    let Some(first) = words(line).into_iter().next().filter(|word| word.start == 0) else { return false };
    let word = slice(line, &first);
    let capitals = word.chars().count() >= 3 && word.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'');
    let after = line.get(first.end..).unwrap_or("").trim_start();
    capitals && (after.starts_with(',') || after.starts_with(['—', '–', '-']))
}

/// `line` without separators after it (" -", " |", " –", " —", "»") or a
/// link marker before it ("» "), and whether it had any.
fn strip_separators(line: &str) -> (&str, bool) {
    let mut rest = line;
    let mut separated = false;
    if let Some(after) = rest.strip_prefix(LINK_MARKERS) {
        rest = after.trim_start();
        separated = true;
    }
    let Some(last) = rest.chars().next_back() else { return (rest, separated) };
    let before = rest.get(..rest.len() - last.len_utf8()).unwrap_or("");
    let spaced = before.ends_with(char::is_whitespace);
    let separator = match last {
        '»' | '›' => true,
        '|' | '-' | '–' | '—' | '•' | '·' | '/' => spaced,
        _ => false,
    };
    if separator { (before.trim_end(), true) } else { (rest, separated) }
}

/// Whether a line is a list item: "- ", "* ", "+ ", "• ", "1. ", "1) ".
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if ["- ", "* ", "+ ", "• ", "· "].iter().any(|marker| line.starts_with(marker)) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..).unwrap_or("");
    digits > 0 && digits < 4 && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// Whether every word of `s` names a share button ("Facebook", "Copy link").
fn is_share_line(s: &str, found: &[Range<usize>]) -> bool {
    found.iter().all(|word| SHARE_WORDS.contains(&slice(s, word).to_lowercase().as_str()))
}

/// How many of the words start with a digit (scores and tables have two or
/// more: "Real Madrid 2 Barcelona 1"; "8,500" is one).
fn numbers(s: &str) -> usize {
    s.split_whitespace().filter(|word| word.starts_with(|c: char| c.is_ascii_digit())).count()
}

/// Whether the words of `s` are in title case: four in five of those that
/// are not small words start with a capital or a digit.
fn is_title_case(s: &str, found: &[Range<usize>]) -> bool {
    let mut counted = 0;
    let mut capitalised = 0;
    for word in found {
        let word = slice(s, word);
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
// Blocks.

/// One hit per block of pasted web text among the body's non-blank
/// `lines`, whose kinds on their own are `kinds`. Sentences of boilerplate
/// ([`Kind::Lone`]) outside the blocks are left to the caller.
pub(super) fn pasted_blocks(text: &str, lines: &[Range<usize>], kinds: &[Kind]) -> Vec<Hit> {
    let kinds = in_context(text, lines, kinds);
    let mut blocks = Vec::new();
    let mut prose_before = false;
    let mut index = 0;
    while index < kinds.len() {
        let run = kinds.get(index..).unwrap_or(&[]).iter().take_while(|kind| joins(**kind)).count();
        if run == 0 {
            let text_line = kinds.get(index) == Some(&Kind::Text);
            prose_before |= text_line && lines.get(index).is_some_and(|line| ends_with_stop(slice(text, line)));
            index += 1;
            continue;
        }
        blocks.extend(block_in(&kinds, index..index + run, prose_before));
        index += run;
    }
    with_sentences(&kinds, blocks).into_iter().filter_map(|block| block_hit(text, lines, &kinds, block)).collect()
}

/// The blocks with the sentences of boilerplate right beside them taken
/// in, when the blocks and sentences side by side hold two lines or more
/// besides the sentences (a banner of menus and notices is one block); a
/// sentence beside a single line of furniture stays a hit of its own
/// ("… can be accessed at the following addresses:" above "Press TV News
/// Roku").
fn with_sentences(kinds: &[Kind], blocks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let lone = kinds.iter().enumerate().filter(|(_, kind)| matches!(kind, Kind::Lone(_))).map(|(at, _)| at..at + 1);
    let mut pieces: Vec<Range<usize>> = blocks.into_iter().chain(lone).collect();
    pieces.sort_by_key(|piece| piece.start);
    let mut out = Vec::new();
    let mut group: Vec<Range<usize>> = Vec::new();
    for piece in pieces {
        if group.last().is_some_and(|last| last.end != piece.start) {
            merge(&mut out, kinds, std::mem::take(&mut group));
        }
        group.push(piece);
    }
    merge(&mut out, kinds, group);
    out
}

/// Adds a group of blocks and sentences side by side to `out`: one block
/// when it holds two lines or more besides the sentences, otherwise its
/// blocks alone.
fn merge(out: &mut Vec<Range<usize>>, kinds: &[Kind], group: Vec<Range<usize>>) {
    let is_sentence = |piece: &Range<usize>| kinds.get(piece.start).is_some_and(|kind| matches!(kind, Kind::Lone(_)));
    let own: usize = group.iter().filter(|piece| !is_sentence(piece)).map(ExactSizeIterator::len).sum();
    if own >= 2
        && let (Some(first), Some(last)) = (group.first(), group.last())
    {
        out.push(first.start..last.end);
        return;
    }
    out.extend(group.into_iter().filter(|piece| !is_sentence(piece)));
}

/// Whether a line of this kind (in context) can be part of a block.
fn joins(kind: Kind) -> bool {
    !matches!(kind, Kind::Text | Kind::Lone(_))
}

/// The kinds of the lines in context. A title-case or loose line after a
/// story line ending with a colon is in the list that line introduces; a
/// loose line counts only in a list under a heading; a title-case line
/// followed by story text is a subhead (unless it ends in a separator or is
/// in a list under a heading). All of those become [`Kind::Text`].
fn in_context(text: &str, lines: &[Range<usize>], kinds: &[Kind]) -> Vec<Kind> {
    let mut first = Vec::with_capacity(kinds.len());
    let mut under_heading = Vec::with_capacity(kinds.len());
    let (mut introduced, mut heading) = (false, false);
    for (line, kind) in lines.iter().zip(kinds) {
        let listed = matches!(kind, Kind::Headline | Kind::Minor | Kind::Button | Kind::Loose);
        if !listed {
            introduced = *kind == Kind::Text && slice(text, line).trim_end().ends_with(':');
            heading = *kind == Kind::Heading;
        }
        first.push(match kind {
            Kind::Headline | Kind::Minor if introduced => Kind::Text,
            Kind::Loose if introduced || !heading => Kind::Text,
            other => *other,
        });
        under_heading.push(heading);
    }
    let mut out = first.clone();
    for (index, kind) in out.iter_mut().enumerate() {
        let titled = matches!(kind, Kind::Headline | Kind::Minor);
        let listed = under_heading.get(index).copied().unwrap_or(false);
        let separated = lines.get(index).is_some_and(|line| strip_separators(slice(text, line).trim()).1);
        if titled && !listed && !separated && first.get(index + 1) == Some(&Kind::Text) {
            *kind = Kind::Text;
        }
    }
    out
}

/// The lines (indexes) of the block in a run of lines that can join one,
/// if the run makes a block: it holds a heading or a furniture line, or
/// two headlines after the story's first sentence (`prose_before`). Minor
/// lines before the block's first line that proves something are left out,
/// and so is a lone headline before the first furniture line (a subhead);
/// share buttons just before it are kept.
fn block_in(kinds: &[Kind], run: Range<usize>, prose_before: bool) -> Option<Range<usize>> {
    let of_run = kinds.get(run.clone())?;
    let strong = of_run.iter().position(|kind| matches!(kind, Kind::Heading | Kind::Furniture(_)));
    let lead = of_run.get(..strong.unwrap_or(of_run.len()))?;
    let headlines = lead.iter().filter(|kind| **kind == Kind::Headline).count();
    if headlines >= 2 && prose_before {
        let minor = lead.iter().take_while(|kind| **kind == Kind::Minor).count();
        return Some(run.start + minor..run.end);
    }
    let at = strong?;
    let buttons = lead.iter().rev().take_while(|kind| **kind == Kind::Button).count();
    Some(run.start + at - buttons..run.end)
}

/// The hit for the block of `lines` at `block` (indexes).
fn block_hit(text: &str, lines: &[Range<usize>], kinds: &[Kind], block: Range<usize>) -> Option<Hit> {
    let first = lines.get(block.start)?;
    let count = block.len();
    let quoted = excerpt_start(slice(text, first), 40);
    let what = description(kinds.get(block.clone())?);
    let message = if count == 1 {
        format!("Pasted web text (“{quoted}”: {what}): delete it.")
    } else {
        format!("Pasted web text ({count} lines from “{quoted}”: {what}): delete it.")
    };
    let range = deletion(text, lines, block)?;
    Some(with_fix(hit(Rule::Boilerplate, range, message), "Delete the block".to_owned(), String::new()))
}

/// What a block holds, for its message: "a list of headlines and share
/// buttons".
fn description(kinds: &[Kind]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for kind in kinds {
        let part = match kind {
            Kind::Furniture(what) => *what,
            Kind::Lone(_) => "web text",
            Kind::Headline | Kind::Loose => HEADLINES,
            _ => continue,
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    match parts.split_last() {
        None => "links".to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The bytes to delete for the block of `lines` at `block` (indexes), so
/// that the body keeps its paragraph breaks: the block's lines and the line
/// break or blank lines after them, when text follows; the line break
/// before them instead, when the block ends a paragraph it did not start
/// (the blank lines after it are the break to keep); at the end of the
/// body, the block's lines alone.
fn deletion(text: &str, lines: &[Range<usize>], block: Range<usize>) -> Option<Range<usize>> {
    let start = lines.get(block.start)?.start;
    let end = lines.get(block.end.checked_sub(1)?)?.end;
    let Some(next) = lines.get(block.end) else { return Some(start..end) };
    let previous = block.start.checked_sub(1).and_then(|at| lines.get(at));
    let breaks = |range: Range<usize>| slice(text, &range).matches('\n').count();
    match previous {
        Some(previous) if breaks(previous.end..start) < 2 && breaks(end..next.start) >= 2 => Some(previous.end..end),
        _ => Some(start..next.start),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::test_support::{found_by, table};
    use super::super::{TextKind, check_text};
    use crate::checks::Rule;

    /// A story's last paragraphs, as pasted.
    const STORY: &str = "Iraqi lawmakers passed a bill on Sunday calling for the withdrawal of all foreign troops.\n\n\
The vote came two days after a US drone strike at Baghdad airport.";

    /// The tail of a VOA page: the related headlines, each ending in " -".
    const VOA_TAIL: &str = "Related\n\nUS Lawmakers Seek Answers on Drone Strike -\n\n\
Iraq Parliament Votes to Expel Troops -\n\nPompeo Says US Will Not Discuss Withdrawal -\n\n\
Iran Vows Revenge After General Killed -";

    /// The paragraphs as one body.
    fn body(parts: &[&str]) -> String {
        parts.join("\n\n")
    }

    #[test]
    fn blocks_at_the_end_are_found_whole() {
        let share = "Share this article\nFacebook\nTwitter\nEmail";
        let apps = "Download our app\n\nGet it on Google Play\n\nDownload on the App Store";
        let headlines = "Iran Warns US Over Drone Attacks\nIraq Votes on Troop Withdrawal\nPompeo Visits Baghdad Base";
        let newsletter = "Sign up for our newsletter\n\nSubscribe";
        let sep_lower = "US lawmakers seek answers on drone strike -\n\nIraq parliament votes to expel troops -";
        let chevrons = "» Iraq Votes on Troop Withdrawal\n» Pompeo Visits Baghdad Base";
        let under_heading = "Related stories:\n\nUS lawmakers seek answers on drone strike\n\nIraq parliament votes";
        let more_from = "More from Press TV\n\nIran Warns US Over Drone Attacks";
        let mixed = format!("{VOA_TAIL}\n\n{share}\n\nFollow us on Twitter\n\n{apps}");
        // Real DoD headlines under a related-stories heading, one of them 12 words long.
        let related_long = "Related Stories\n\n\
Austin Places 8,500 Troops on Heightened Readiness to Deploy to Europe\n\n\
Biden Shifts U.S. Troops in Europe to Defend Frontline NATO States\n\n\
National Defense Strategy Includes Lessons Learned From Past 6 Months";
        let mailing = "NEWSLETTER\n\nJoin the GlobalSecurity.org mailing list";
        let comments = "Related Articles\n\nLeave a Reply\n\n\
Your email address will not be published. Required fields are marked *\n\nBack to top button";
        let cases: Vec<(String, Vec<&str>)> = vec![
            (body(&[STORY, VOA_TAIL]), vec![VOA_TAIL]),
            (body(&[STORY, share]), vec![share]),
            (body(&[STORY, apps]), vec![apps]),
            (body(&[STORY, headlines]), vec![headlines]),
            (body(&[STORY, newsletter]), vec![newsletter]),
            (body(&[STORY, sep_lower]), vec![sep_lower]),
            (body(&[STORY, chevrons]), vec![chevrons]),
            (body(&[STORY, under_heading]), vec![under_heading]),
            (body(&[STORY, more_from]), vec![more_from]),
            (body(&[STORY, &mixed]), vec![mixed.as_str()]),
            (body(&[STORY, "Read more"]), vec!["Read more"]),
            (body(&[STORY, "## Related"]), vec!["## Related"]),
            (body(&[STORY, related_long]), vec![related_long]),
            (body(&[STORY, mailing]), vec![mailing]),
            (body(&[STORY, comments]), vec![comments]),
            (
                body(&[STORY, "Share on Facebook Share on Twitter Share on LinkedIn Share on Delicious Digg This"]),
                vec!["Share on Facebook Share on Twitter Share on LinkedIn Share on Delicious Digg This"],
            ),
        ];
        for (text, expected) in &cases {
            assert_eq!(found_by(Rule::Boilerplate, TextKind::Body, text), *expected, "{text:?}");
        }
    }

    #[test]
    fn blocks_in_the_middle_take_the_break_after_them() {
        let after = "Officials said talks would resume on Monday.";
        table(
            Rule::Boilerplate,
            TextKind::Body,
            &[
                (&body(&[STORY, VOA_TAIL, after]), &[&format!("{VOA_TAIL}\n\n")]),
                (&body(&[STORY, "Read more: Iran warns US", after]), &["Read more: Iran warns US\n\n"]),
                (
                    &body(&[STORY, "Share this article\nFacebook\nTwitter", after]),
                    &["Share this article\nFacebook\nTwitter\n\n"],
                ),
                // A subhead after the block is not in it.
                (
                    &body(&[STORY, "Read more: Iran warns US", "What Happened Next at the Base", after]),
                    &["Read more: Iran warns US\n\n"],
                ),
                // The block ends a paragraph it did not start: the line break before it goes.
                (&format!("{STORY}\nRead more: Iran warns US\n\n{after}"), &["\nRead more: Iran warns US"]),
                // Inside a paragraph: one line break goes.
                (&format!("{STORY}\nRead more: Iran warns US\n{after}"), &["Read more: Iran warns US\n"]),
            ],
        );
    }

    #[test]
    fn deleting_a_block_leaves_normal_paragraph_breaks() {
        let after = "Officials said talks would resume on Monday.";
        let cases = [
            (body(&[STORY, VOA_TAIL, after]), body(&[STORY, after])),
            (body(&[VOA_TAIL, STORY]), STORY.to_owned()),
            (format!("{STORY}\nRead more: Iran warns US\n\n{after}"), body(&[STORY, after])),
            (
                body(&[STORY, "Share this article\r\nFacebook", after]).replace("\n\n", "\r\n\r\n"),
                body(&[STORY, after]).replace("\n\n", "\r\n\r\n"),
            ),
            (body(&[STORY, VOA_TAIL]), format!("{STORY}\n\n")),
        ];
        for (text, expected) in cases {
            let hits: Vec<_> =
                check_text(TextKind::Body, &text).into_iter().filter(|hit| hit.rule == Rule::Boilerplate).collect();
            assert_eq!(hits.len(), 1, "{text:?}: {hits:#?}");
            let fix = hits[0].suggestion.as_ref().unwrap();
            assert_eq!(fix.label, "Delete the block");
            let mut fixed = text.clone();
            fixed.replace_range(hits[0].range.clone(), &fix.replacement);
            assert_eq!(fixed, expected, "{text:?}");
        }
    }

    #[test]
    fn block_lines_get_no_other_punctuation_or_boilerplate_hits() {
        let text = body(&[STORY, VOA_TAIL, "Share this article\nFacebook\nTwitter\nEmail"]);
        let hits = check_text(TextKind::Body, &text);
        assert_eq!(hits.len(), 1, "{hits:#?}");
        assert_eq!(hits[0].rule, Rule::Boilerplate);
        assert_eq!(
            hits[0].message,
            "Pasted web text (9 lines from “Related”: a list of headlines and share buttons): delete it."
        );
        let one = check_text(TextKind::Body, &body(&[STORY, "Read more: Iran warns US"]));
        assert_eq!(one.len(), 1, "{one:#?}");
        assert_eq!(one[0].message, "Pasted web text (“Read more: Iran warns US”: a link line): delete it.");
    }

    #[test]
    fn story_lines_are_not_blocks() {
        let cases: &[&str] = &[
            // Subheads followed by prose.
            "## What happened next\n\nThe drones came back on Tuesday.",
            "Story.\n\n**What Happened Next**\n\nThe drones came back on Tuesday.",
            "Story.\n\nWhat Happened Next at the Base\n\nThe drones came back on Tuesday.",
            // Datelines, bylines, sign-offs, credits.
            "By Ahmed Rasheed and Jane Doe\n\nBAGHDAD, Jan 5 (Reuters) -\n\nIraqi lawmakers voted on Sunday.",
            "BAGHDAD —\n\nIraqi lawmakers voted on Sunday.",
            "Ahmed Rasheed\nBaghdad Bureau Chief\n\nIraqi lawmakers voted on Sunday.",
            "Iraqi lawmakers voted on Sunday.\n\n— Reuters",
            "Iraqi lawmakers voted on Sunday.\n\n(AP)",
            "Iraqi lawmakers voted on Sunday.\n\nWriting by John Davison\nEditing by Jane Doe",
            "Iraqi lawmakers voted on Sunday.\n\nAhmed Rasheed\nAssociated Press",
            // A one-line quote.
            "Story.\n\n“We Will Not Leave Iraq”\n\nThe minister spoke on Monday.",
            // Lists.
            "Story.\n\n- drones hit the base at night\n- no one was hurt\n- the runway was closed",
            "Story.\n\n- Islamic Revolutionary Guard Corps\n- Popular Mobilization Forces Units",
            "The groups named were:\n\nIslamic Revolutionary Guard Corps\nPopular Mobilization Forces Units\n\nBoth deny it.",
            "Story.\n\nPopulation: 40 Million\nCapital: Baghdad\nCurrency: Iraqi Dinar",
            "Story.\n\nReal Madrid 2 Barcelona 1\nBayern Munich 3 Borussia Dortmund 0",
            // A title-case headline repeated at the top.
            "Iran Warns US Over Drone Attacks\nIraq Votes on Troop Withdrawal\n\nThe story starts here.",
            // Sentences that merely mention sharing, following or apps.
            "Share prices fell on Monday.\n\nFollow the money, he said.\n\nThe game is available on the App Store.",
            "Story.\n\nShare prices fell sharply in Baghdad",
            "Story.\n\nFollow-up talks on Twitter policy\n\nThey went on.",
            "Story.\n\nThe group said it had obtained the party's mailing list and sent it to police",
            "Story.\n\nIn Other News\n\nThe council voted to close the road.",
            "Story.\n\nAhmed Rasheed Reports From Baghdad\nAdditional Reporting From Washington",
            // A release hard-wrapped at 70 columns (NASA 07-55).
            "LAUREL, Md. - NASA's New Horizons spacecraft successfully completed a\n\
flyby of Jupiter early this morning, using the massive planet's\n\
gravity to pick up speed for its 3-billion mile voyage to Pluto and\n\
the unexplored Kuiper Belt region beyond.\n\n\
New Horizons came within 1.4 million miles of Jupiter at 12:43 a.m.\n\
EST, placing the spacecraft on target to reach the Pluto system in\n\
July 2015.",
            // Names under a line ending with a colon.
            "NASA commemorated the men and women lost in the pursuit of space exploration.\n\n\
Those honored include:\nApollo 1 Astronauts Roger B. Chaffee and Edward H. White Jr\n\
Challenger Astronauts Francis R. Scobee and Michael J. Smith\nColumbia Astronauts Rick D. Husband and Ilan Ramon",
            // A story paragraph without its full stop is not a block.
            "Story.\n\nOfficials said talks would resume on Monday",
        ];
        for text in cases {
            assert_eq!(found_by(Rule::Boilerplate, TextKind::Body, text), Vec::<String>::new(), "{text:?}");
        }
    }

    #[test]
    fn a_story_paragraph_without_a_stop_is_still_reported() {
        let text = "Story.\n\nOfficials said talks would resume on Monday";
        assert_eq!(found_by(Rule::FinalPunctuation, TextKind::Body, text), ["Monday"]);
        let text = body(&[STORY, "Read more: Iran warns US", "Officials said talks would resume on Monday"]);
        assert_eq!(found_by(Rule::FinalPunctuation, TextKind::Body, &text), ["Monday"]);
    }

    #[test]
    fn sentences_of_boilerplate_join_a_block_of_two_lines_or_more() {
        // The .gov banner a page copied whole starts with: one block, notices and all.
        let banner = "An official website of the United States Government\nHere's how you know\n\n\
Official websites use .gov\n\n\
.gov website belongs to an official government organization in the United States.\n\n\
Secure .gov websites use HTTPS\n\n\
A lock ( lock ) or https:// means you’ve safely connected to the .gov website.";
        let story = "Agency Accounts for 700th Missing Korean War Hero\n\n\
With the Sept. 9, 2024, accounting of Army Cpl. Billie Charles Driver, the agency marked its 700th identification.";
        let text = body(&[banner, story]);
        assert_eq!(found_by(Rule::Boilerplate, TextKind::Body, &text), [format!("{banner}\n\n")]);
        // Beside a single line, a sentence stays a hit of its own (the sample story's ending).
        let text = body(&[
            STORY,
            "Press TV’s website can also be accessed at the following alternate addresses:",
            "Press TV News Roku",
        ]);
        assert_eq!(
            found_by(Rule::Boilerplate, TextKind::Body, &text),
            ["Press TV’s website can also be accessed at the following alternate addresses:", "Press TV News Roku"]
        );
    }

    #[test]
    fn read_more_buttons_run_into_titles_are_found() {
        let list = "Read MoreJohn H. Glenn, Jr.\nFirst American to Orbit the Earth";
        let text = body(&[STORY, list]);
        assert_eq!(found_by(Rule::Boilerplate, TextKind::Body, &text), [list]);
    }

    #[test]
    fn a_boilerplate_sentence_stays_its_own_hit() {
        let text = body(&[STORY, "© 2021 All rights reserved.", "Read more"]);
        assert_eq!(found_by(Rule::Boilerplate, TextKind::Body, &text), ["© 2021 All rights reserved.", "Read more"]);
    }

    #[test]
    fn odd_unicode_never_panics() {
        let texts = [
            "Story.\n\n»\n\n» \n\n›››\n\n- -\n\n—\n\n|\n\n\u{200b}\n\nÉtat Français Élu -\n\nİstanbul Ünïcode Ωmega Test -",
            "Story.\n\nRelated\n\n😀 😀 😀 -\n\n中文标题 -\n\nعنوان عربي\n\n\u{301}\u{301} -",
            "Related\r\n\r\n\r\nRead more\u{a0}»\r\n",
            "ǅ ǅ ǅ ǅ\nǅ ǅ ǅ ǅ\n\nẞ -\n\nMore from\n\nmore on\u{a0}",
        ];
        for text in texts {
            for hit in check_text(TextKind::Body, text) {
                assert!(text.get(hit.range.clone()).is_some(), "{hit:?} in {text:?}");
            }
        }
    }
}
