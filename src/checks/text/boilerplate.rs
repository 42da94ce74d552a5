//! Boilerplate: web-page furniture pasted into the body ("Read more",
//! lines of links, lists of apps), judged line by line here; the lines are
//! then gathered into blocks of pasted web text (a run of headlines, a share
//! block) by `pasted.rs`.

use std::ops::Range;

use super::links::is_link_line;
use super::pasted::{Kind, classify, pasted_blocks};
use super::punctuation::{ends_sentence, ends_with_stop};
use super::{Paragraph, excerpt_start, find_phrase, hit, slice, words};
use crate::checks::{Hit, Rule};

/// Phrases that only web-page furniture uses, wherever they are in a line.
const BOILERPLATE_PHRASES: [&str; 25] = [
    "can also be accessed at",
    "official website of the united states government",
    "official websites use .gov",
    "secure .gov websites use https",
    "safely connected to the .gov website",
    "website belongs to an official government organization",
    "your browser doesn't support",
    "your browser does not support",
    "no media source currently available",
    "your email address will not be published",
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

/// Web-page leftovers in the body: each block of pasted web text (lines
/// with furniture phrases such as "Read more" or "Share this article",
/// lines of links only, lists of apps and platforms, runs of headline-like
/// lines, and the short lines among them) is one hit with a fix that
/// deletes it; a sentence of boilerplate ("can also be accessed at …:",
/// "All rights reserved.") is a hit of its own, unless it sits beside a
/// block of two lines or more. Sentences that merely contain "read" or
/// "follow" are left alone.
pub(super) fn boilerplate(text: &str, paragraphs: &[Paragraph]) -> Vec<Hit> {
    let all_lines: Vec<Range<usize>> = paragraphs.iter().flat_map(|p| p.lines.iter().cloned()).collect();
    let tail_start = trailing_unfinished_lines(text, &all_lines);
    let kinds: Vec<Kind> =
        all_lines.iter().enumerate().map(|(index, line)| line_kind(slice(text, line), index >= tail_start)).collect();
    let blocks = pasted_blocks(text, &all_lines, &kinds);
    let mut hits = Vec::new();
    for (line, kind) in all_lines.iter().zip(&kinds) {
        let in_block = || blocks.iter().any(|block| block.range.start <= line.start && line.end <= block.range.end);
        if let Kind::Lone(why) = kind
            && !in_block()
        {
            let quoted = excerpt_start(slice(text, line), 60);
            let message = format!("“{quoted}” is {why} left over from a web page; delete it.");
            hits.push(hit(Rule::Boilerplate, line.clone(), message));
        }
    }
    hits.extend(blocks);
    hits
}

/// What the line is for the blocks of pasted web text, with what the
/// line-by-line rule makes of it; `at_end` when no line after it ends a
/// sentence (where lists of platforms turn up).
fn line_kind(line: &str, at_end: bool) -> Kind {
    thread_local! {
        static LINES: crate::checks::memo::Memo<Kind> = Default::default();
        static LINES_AT_END: crate::checks::memo::Memo<Kind> = Default::default();
    }
    let memo = if at_end { &LINES_AT_END } else { &LINES };
    *crate::checks::memo::remembered(memo, line, || classify(line, judge_line(line, at_end)))
}

/// What kind of leftover the line is, if it is one, judged on its own;
/// `at_end` as for [`line_kind`].
fn judge_line(line: &str, at_end: bool) -> Option<&'static str> {
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

/// The index of the first of the lines at the end after which no line ends
/// a sentence.
fn trailing_unfinished_lines(text: &str, lines: &[Range<usize>]) -> usize {
    lines.iter().rposition(|line| ends_with_stop(slice(text, line))).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::super::TextKind;
    use super::super::test_support::table;
    use crate::checks::Rule;

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
}
