//! Find and replace: matching options as (text, query, options, marked
//! matches) tables, replacements as undoable edits, next/previous.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use std::path::Path;

use copydesk::edit::Edit;
use copydesk::find::{
    FindError, FindMatch, FindOptions, Finder, SEARCHED_FIELDS, find_in_story, next_match, replace_all, replace_one,
};
use copydesk::model::{Project, Slug, Story, TextField, Timestamp};

/// Which toggles are on, as letters: `c` match case, `w` whole word,
/// `r` regex.
fn options(query: &str, flags: &str) -> FindOptions {
    FindOptions {
        query: query.into(),
        match_case: flags.contains('c'),
        whole_word: flags.contains('w'),
        regex: flags.contains('r'),
    }
}

fn finder(query: &str, flags: &str) -> Finder {
    Finder::new(&options(query, flags)).unwrap()
}

/// `text` with each match in brackets, so expectations read as text.
fn marked(text: &str, finder: &Finder) -> String {
    let mut out = String::new();
    let mut copied_to = 0;
    for range in finder.find_in(text) {
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        out.push_str(&text[copied_to..range.start]);
        out.push('[');
        out.push_str(&text[range.clone()]);
        out.push(']');
        copied_to = range.end;
    }
    out.push_str(&text[copied_to..]);
    out
}

/// (text, query, flags, text with matches in brackets)
fn check(cases: &[(&str, &str, &str, &str)]) {
    for &(text, query, flags, expected) in cases {
        assert_eq!(marked(text, &finder(query, flags)), expected, "query {query:?} with flags {flags:?}");
    }
}

fn story() -> Story {
    let mut story = Story::new(Slug::new("drones").unwrap(), Timestamp(time::OffsetDateTime::UNIX_EPOCH));
    story.headline = "Drone attacks rise".into();
    story.dek = "Officials count drones and dronelike craft".into();
    story.body = "The drone hit the base.\n\nA second drone missed.".into();
    story.notes = "drone drone drone".into();
    story
}

#[test]
fn match_case_on_and_off() {
    check(&[
        ("Drone drone DRONE", "drone", "", "[Drone] [drone] [DRONE]"),
        ("Drone drone DRONE", "drone", "c", "Drone [drone] DRONE"),
        ("Drone drone DRONE", "DRONE", "c", "Drone drone [DRONE]"),
        ("no match here", "drone", "", "no match here"),
    ]);
}

#[test]
fn case_folding_is_unicode_aware() {
    check(&[
        ("Ärger ärger", "ä", "", "[Ä]rger [ä]rger"),
        ("Ärger ärger", "ä", "c", "Ärger [ä]rger"),
        // One character at a time: ẞ is ß's capital, but SS is two letters.
        ("Straße STRAẞE STRASSE", "straße", "", "[Straße] [STRAẞE] STRASSE"),
        ("Σίσυφος ΣΊΣΥΦΟΣ", "σίσυφος", "", "[Σίσυφος] [ΣΊΣΥΦΟΣ]"),
        ("Σίσυφος ΣΊΣΥΦΟΣ", "σίσυφος", "c", "Σίσυφος ΣΊΣΥΦΟΣ"),
    ]);
}

#[test]
fn whole_words_are_checked_at_the_match_edges() {
    check(&[
        ("cat concatenate cat_1 cat.", "cat", "w", "[cat] concatenate cat_1 [cat]."),
        ("cat concatenate", "cat", "", "[cat] con[cat]enate"),
        // Punctuation at the query's ends is part of the match, and only the
        // characters beyond it must not be letters or digits.
        ("U.S. forces", "U.S.", "w", "[U.S.] forces"),
        ("U.S.A forces", "U.S.", "w", "U.S.A forces"),
        ("U.S.A forces", "U.S.", "", "[U.S.]A forces"),
        ("the U.S., then U.S.A.", "u.s.", "w", "the [U.S.], then U.S.A."),
        ("(a) (a)b", "(a)", "w", "[(a)] (a)b"),
        (".net and x.net", ".net", "w", "[.net] and x.net"),
        // A rejected match does not hide one that starts inside it.
        ("xa.a.a", "a.a", "w", "xa.[a.a]"),
        // Letters of any script are word characters.
        ("café cafés naïve", "café", "w", "[café] cafés naïve"),
        ("naïve", "na", "w", "naïve"),
        ("日本語 日本", "日本", "w", "日本語 [日本]"),
    ]);
}

#[test]
fn regex_matches() {
    check(&[
        ("one two three", r"\w+", "r", "[one] [two] [three]"),
        ("a+b aab", "a+b", "", "[a+b] aab"),
        ("a+b aab", "a+b", "r", "a+b [aab]"),
        ("Drones droned", r"drone\w*", "r", "[Drones] [droned]"),
        ("Drones droned", r"drone\w*", "rc", "Drones [droned]"),
        // `^` and `$` match at line ends, so at each paragraph of a body.
        ("first line\n\nsecond line", r"^\w+", "r", "[first] line\n\n[second] line"),
        ("a1 22 3b 44", r"\d+", "rw", "a1 [22] 3b [44]"),
        ("$5.00 or 5x00", "$5.00", "", "[$5.00] or 5x00"),
    ]);
}

#[test]
fn empty_matches_are_skipped() {
    check(&[
        ("baaab", "a*", "r", "b[aaa]b"),
        ("abc", "x*", "r", "abc"),
        ("two words", "^", "r", "two words"),
        ("two words", r"\b", "r", "two words"),
        ("héllo", "", "r", "héllo"),
    ]);
}

#[test]
fn an_empty_query_matches_nothing() {
    let empty = finder("", "");
    assert!(empty.is_empty());
    assert!(find_in_story(&story(), &empty).is_empty());
    assert_eq!(replace_all(&story(), &empty, "x"), None);
    assert!(!finder("a", "").is_empty());
}

#[test]
fn invalid_regex_is_a_one_line_error() {
    let error = Finder::new(&options("(drone", "r")).unwrap_err();
    assert_eq!(error, FindError::BadPattern { message: "unclosed group at character 1".into() });
    assert_eq!(error.to_string(), "not a valid regular expression: unclosed group at character 1");
    // The same text is fine as a plain query.
    assert_eq!(marked("a (drone)", &finder("(drone", "")), "a [(drone])");
    assert_eq!(Finder::new(&options(r"\w{10000}", "r")).unwrap_err(), FindError::TooBig);
}

#[test]
fn regex_replacements_expand_groups() {
    // (text, query, flags, replacement, result, count)
    let cases = [
        ("hello world foo bar", r"(\w+) (\w+)", "r", "$2 $1", "world hello bar foo", 2),
        ("Smith, John", r"(?<last>\w+), (?<first>\w+)", "r", "${first} ${last}", "John Smith", 1),
        ("a1 b2", r"([a-z])(\d)", "r", "${2}x$$", "1x$ 2x$", 2),
        ("cost $1", "$1", "", "$2", "cost $2", 1),
        ("a b", "a", "", "$1", "$1 b", 1),
        ("aaa", "a", "w", "b", "aaa", 0),
    ];
    for (text, query, flags, replacement, result, count) in cases {
        assert_eq!(finder(query, flags).replace_in(text, replacement), (result.to_owned(), count), "{query:?}");
    }
}

#[test]
fn replacement_for_checks_the_range_is_still_a_match() {
    let swap = finder(r"(\w+)@(\w+)", "r");
    let text = "mail bob@example now";
    assert_eq!(swap.find_in(text), vec![5..16]);
    assert_eq!(swap.replacement_for(text, 5..16, "$2:$1").as_deref(), Some("example:bob"));
    assert_eq!(swap.replacement_for(text, 6..16, "$2:$1"), None);
    assert_eq!(swap.replacement_for("mail bob@ex now", 5..16, "$2:$1"), None);
    assert_eq!(finder("now", "").replacement_for(text, 17..20, "then").as_deref(), Some("then"));
}

#[test]
fn find_in_story_lists_fields_in_order() {
    let matches = find_in_story(&story(), &finder("drone", "w"));
    let expected = vec![
        FindMatch { field: TextField::Headline, range: 0..5 },
        FindMatch { field: TextField::Body, range: 4..9 },
        FindMatch { field: TextField::Body, range: 34..39 },
    ];
    assert_eq!(matches, expected);
    let in_words = find_in_story(&story(), &finder("drone", ""));
    assert_eq!(in_words.iter().filter(|m| m.field == TextField::Dek).count(), 2);
    assert!(in_words.iter().all(|m| SEARCHED_FIELDS.contains(&m.field)), "notes are not searched");
}

#[test]
fn replace_one_changes_only_that_match() {
    let story = story();
    let drone = finder("drone", "w");
    let matches = find_in_story(&story, &drone);
    let edit = replace_one(&story, &drone, &matches[2], "UAV").unwrap();
    let expected = Edit::SetText {
        story: story.slug.clone(),
        field: TextField::Body,
        text: "The drone hit the base.\n\nA second UAV missed.".into(),
    };
    assert_eq!(edit, expected);
}

#[test]
fn a_stale_match_replaces_nothing() {
    let mut story = story();
    let drone = finder("drone", "w");
    let matches = find_in_story(&story, &drone);
    story.body.insert_str(0, "Now: ");
    assert_eq!(replace_one(&story, &drone, &matches[1], "UAV"), None);
    story.headline = "Drones attack".into();
    assert_eq!(replace_one(&story, &drone, &matches[0], "UAV"), None);
    let out_of_bounds = FindMatch { field: TextField::Dek, range: 500..505 };
    assert_eq!(replace_one(&story, &drone, &out_of_bounds, "UAV"), None);
}

#[test]
fn replace_all_is_one_batch_that_undoes_exactly() {
    let original = story();
    let mut project = Project::new("Desk");
    project.stories.push(original.clone());
    let (edit, count) = replace_all(&original, &finder("drone", ""), "UAV").unwrap();
    assert_eq!(count, 5);
    let Edit::Batch(edits) = &edit else { panic!("not a batch: {edit:?}") };
    let fields: Vec<TextField> = edits
        .iter()
        .map(|e| match e {
            Edit::SetText { field, .. } => *field,
            other => panic!("not a text edit: {other:?}"),
        })
        .collect();
    assert_eq!(fields, SEARCHED_FIELDS);

    let undo = edit.apply(&mut project).unwrap();
    let changed = &project.stories[0];
    assert_eq!(changed.headline, "UAV attacks rise");
    assert_eq!(changed.dek, "Officials count UAVs and UAVlike craft");
    assert_eq!(changed.body, "The UAV hit the base.\n\nA second UAV missed.");
    assert_eq!(changed.notes, original.notes);
    assert!(find_in_story(changed, &finder("drone", "")).is_empty());

    undo.apply(&mut project).unwrap();
    assert_eq!(project.stories[0], original);
}

#[test]
fn replace_all_leaves_out_unchanged_fields() {
    let story = story();
    let (edit, count) = replace_all(&story, &finder("drone", "wc"), "UAV").unwrap();
    assert_eq!(count, 2);
    let Edit::Batch(edits) = edit else { panic!("not a batch") };
    assert_eq!(
        edits,
        vec![Edit::SetText {
            story: story.slug.clone(),
            field: TextField::Body,
            text: "The UAV hit the base.\n\nA second UAV missed.".into()
        }]
    );
    // Replacing a match with itself counts, but changes no field.
    let (same, count) = replace_all(&story, &finder("drone", "wc"), "drone").unwrap();
    assert_eq!((same, count), (Edit::Batch(Vec::new()), 2));
    assert_eq!(replace_all(&story, &finder("helicopter", ""), "UAV"), None);
}

#[test]
fn next_and_previous_wrap_around() {
    use TextField::{Body, Dek, Headline, Notes};
    let at = |field, start: usize| FindMatch { field, range: start..start + 1 };
    let matches = [at(Headline, 3), at(Dek, 0), at(Body, 2), at(Body, 9)];
    // (after, backwards, expected index)
    let cases = [
        (None, false, 0),
        (None, true, 3),
        (Some((Headline, 3)), false, 1),
        (Some((Dek, 0)), false, 2),
        (Some((Body, 2)), false, 3),
        (Some((Body, 9)), false, 0),
        (Some((Body, 9)), true, 2),
        (Some((Dek, 0)), true, 0),
        (Some((Headline, 3)), true, 3),
        (Some((Headline, 0)), true, 3),
        (Some((Body, 5)), false, 3),
        (Some((Body, 5)), true, 2),
        (Some((Body, 100)), false, 0),
        (Some((Notes, 0)), false, 0),
        (Some((Notes, 0)), true, 3),
    ];
    for (after, backwards, expected) in cases {
        assert_eq!(next_match(&matches, after, backwards), Some(expected), "after {after:?}, backwards {backwards}");
    }
    assert_eq!(next_match(&[], None, false), None);
    assert_eq!(next_match(&[], Some((Body, 0)), true), None);
    assert_eq!(next_match(&matches[..1], Some((Headline, 3)), false), Some(0));
}

#[test]
fn the_sample_story_round_trips_through_replace_all() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects").join("drone-attacks");
    let mut project = copydesk::storage::load_project(&dir).unwrap().project;
    let slug = Slug::new("iraq-drone-attacks").unwrap();
    let original = project.story(&slug).unwrap().clone();

    let us = find_in_story(&original, &finder("US", "wc"));
    assert_eq!(us.first(), Some(&FindMatch { field: TextField::Headline, range: 0..2 }));
    assert!(us.iter().all(|m| original.text(m.field).get(m.range.clone()) == Some("US")));

    let drones = finder(r"drones?\b", "r");
    let matches = find_in_story(&original, &drones);
    assert!(matches.len() > 3, "{matches:?}");
    let (edit, count) = replace_all(&original, &drones, "UAVs").unwrap();
    assert_eq!(count, matches.len());
    let undo = edit.apply(&mut project).unwrap();
    assert!(find_in_story(project.story(&slug).unwrap(), &drones).is_empty());
    undo.apply(&mut project).unwrap();
    assert_eq!(project.story(&slug).unwrap(), &original);
}
