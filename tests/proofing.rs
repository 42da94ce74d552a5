#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The spelling and grammar engine (`copydesk::proofing`) on known text, and
//! its background service.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use copydesk::proofing::{Dialect, Fix, Mark, MarkCounts, MarkKind, PlacedMark, ProofingService, Proofreader, TextKey};

/// Every mark's range is on char boundaries of `text`.
fn assert_ranges_fit(text: &str, marks: &[Mark]) {
    for mark in marks {
        assert!(mark.range.start <= mark.range.end, "{mark:?}");
        assert!(text.get(mark.range.clone()).is_some(), "{mark:?} does not fit {text:?}");
    }
}

fn spelling_marks<'a>(text: &'a str, marks: &'a [Mark]) -> Vec<&'a str> {
    marks.iter().filter(|mark| mark.kind == MarkKind::Spelling).map(|mark| &text[mark.range.clone()]).collect()
}

/// One American proofreader with no project words, shared by the tests that
/// only read (building one takes a moment).
fn american() -> Proofreader {
    Proofreader::new(Dialect::American, &[])
}

#[test]
fn a_misspelling_is_marked_and_its_fix_found_when_asked() {
    let mut proofreader = american();
    let text = "The goverment said it would act.";
    let marks = proofreader.check_paragraph(text);
    assert_ranges_fit(text, &marks);
    let mark = marks.iter().find(|mark| mark.kind == MarkKind::Spelling).expect("a spelling mark");
    assert_eq!(mark.range, 4..13);
    assert_eq!(&text[mark.range.clone()], "goverment");
    assert!(mark.suggestions.is_empty() && mark.may_have_fixes(), "no search until the mark is shown");
    let fixes = mark.fixes();
    let fix = fixes.iter().find(|fix| fix.replacement == "government").expect("“government” offered");
    assert_eq!(fix.label, "government");
    assert!(!mark.message.contains('`'), "{}", mark.message);

    let fixed = mark.apply(text, fix).unwrap();
    assert_eq!(fixed, "The government said it would act.");
    assert_eq!(proofreader.check_paragraph(&fixed), []);
    assert_eq!(proofreader.check_text(&fixed), []);
}

#[test]
fn a_fix_does_not_apply_to_a_text_it_does_not_fit() {
    let mark = Mark {
        range: 4..13,
        kind: MarkKind::Spelling,
        message: "".into(),
        suggestions: Vec::new().into(),
        respell: None,
    };
    let fix = Fix { label: "x".to_owned(), replacement: "x".to_owned() };
    assert_eq!(mark.apply("short", &fix), None);
    assert_eq!(mark.apply("“é” goverment", &fix), None, "byte 4 is inside “é”");
}

#[test]
fn project_words_are_not_misspellings() {
    let text = "Abu Mahdi al-Muhandis was killed near Qayara in January.";
    let plain = american().check_text(text);
    assert_ranges_fit(text, &plain);
    let unknown = spelling_marks(text, &plain);
    assert!(unknown.contains(&"Muhandis"), "{unknown:?}");
    assert!(unknown.contains(&"Qayara"), "{unknown:?}");

    let words = vec!["Muhandis".to_owned(), "Qayara".to_owned(), "Abu Mahdi".to_owned()];
    let marks = Proofreader::new(Dialect::American, &words).check_text(text);
    let unknown = spelling_marks(text, &marks);
    assert!(!unknown.contains(&"Muhandis"), "{marks:?}");
    assert!(!unknown.contains(&"Qayara"), "{marks:?}");
    assert!(!unknown.contains(&"Mahdi"), "{marks:?}");
}

/// The project's proofreader (the command line's, and the words the window
/// hands its worker) accepts the dictionary and the names alike.
#[test]
fn the_projects_names_are_not_misspellings_either() {
    let text = "Zummar lies near Qayara.";
    let mut project = copydesk::model::Project::new("Desk");
    let unknown = |project: &copydesk::model::Project| -> Vec<String> {
        let marks = copydesk::ops::proofreader_for(project).check_text(text);
        spelling_marks(text, &marks).into_iter().map(str::to_owned).collect()
    };
    assert_eq!(unknown(&project), ["Zummar", "Qayara"]);
    project.settings.names = vec!["Zummar".into()];
    assert_eq!(unknown(&project), ["Qayara"]);
    project.settings.dictionary = vec!["Qayara".into()];
    assert!(unknown(&project).is_empty());
    let accepted: Vec<&String> = project.settings.accepted_words().collect();
    assert_eq!(accepted, ["Qayara", "Zummar"], "the dictionary, then the names");
}

#[test]
fn dialects_differ_on_colour() {
    let mut american = american();
    let mut british = Proofreader::new(Dialect::British, &[]);
    let colour = "The flag's colour was red.";
    let color = "The flag's color was red.";
    assert!(american.check_text(colour).iter().any(|mark| &colour[mark.range.clone()] == "colour"));
    assert!(british.check_text(colour).is_empty(), "{:?}", british.check_text(colour));
    assert!(american.check_text(color).is_empty(), "{:?}", american.check_text(color));
    assert!(british.check_text(color).iter().any(|mark| &color[mark.range.clone()] == "color"));
}

#[test]
fn dialect_from_language_tags() {
    assert_eq!(Dialect::default(), Dialect::American);
    assert_eq!(Dialect::from_language_tag("en-US"), Some(Dialect::American));
    assert_eq!(Dialect::from_language_tag("en"), Some(Dialect::American));
    assert_eq!(Dialect::from_language_tag("en-GB"), Some(Dialect::British));
    assert_eq!(Dialect::from_language_tag("en_gb"), Some(Dialect::British));
    assert_eq!(Dialect::from_language_tag("en-CA"), Some(Dialect::Canadian));
    assert_eq!(Dialect::from_language_tag("en-AU"), Some(Dialect::Australian));
    assert_eq!(Dialect::from_language_tag("fr-FR"), None);
    assert_eq!(Dialect::from_language_tag("en-IN"), None);
    assert_eq!(ron::to_string(&Dialect::British).unwrap(), "British");
    assert_eq!(ron::from_str::<Dialect>("Canadian").unwrap(), Dialect::Canadian);
}

#[test]
fn check_text_offsets_are_into_the_whole_text() {
    let mut proofreader = american();
    // Curly quotes, an emoji, an accented name and non-breaking spaces
    // before the misspellings, in the 2nd and 3rd paragraphs.
    let text = "“Drones,” said Zoë 🚁, “are\u{a0}cheap.”\n\nThe goverment\u{a0}said so.\r\n  \r\n‘No,’ said the ministre — café 🙂 closed.\n";
    let marks = proofreader.check_text(text);
    assert_ranges_fit(text, &marks);
    let unknown = spelling_marks(text, &marks);
    assert!(unknown.contains(&"goverment"), "{marks:?}");
    assert!(unknown.contains(&"ministre"), "{marks:?}");
    let goverment = marks.iter().find(|mark| &text[mark.range.clone()] == "goverment").unwrap();
    assert_eq!(goverment.range.start, text.find("goverment").unwrap());

    // The same marks, paragraph by paragraph.
    let mut by_paragraph = Vec::new();
    let mut start = 0;
    for block in text.split("\n\n").flat_map(|block| block.split("\r\n  \r\n")) {
        let offset = text[start..].find(block).unwrap() + start;
        let trimmed = block.trim_end_matches(['\n', '\r']);
        by_paragraph.extend(
            proofreader
                .check_paragraph(trimmed)
                .into_iter()
                .map(|mark| Mark { range: mark.range.start + offset..mark.range.end + offset, ..mark }),
        );
        start = offset + block.len();
    }
    assert_eq!(marks, by_paragraph);
}

#[test]
fn unchanged_paragraphs_are_not_checked_again() {
    let mut proofreader = american();
    let text = "The goverment said.\n\nA second paragraph with a mispeling.\n\nA third, clean one.";
    let first = proofreader.check_text(text);
    assert_eq!(proofreader.paragraphs_linted(), 3);
    let again = proofreader.check_text(text);
    assert_eq!(first, again);
    assert_eq!(proofreader.paragraphs_linted(), 3, "nothing was checked again");

    // Editing the second paragraph re-checks only it, and the third
    // paragraph's marks move with it.
    let edited = text.replace("A second paragraph with", "A longer second paragraph with");
    let marks = proofreader.check_text(&edited);
    assert_eq!(proofreader.paragraphs_linted(), 4);
    assert_ranges_fit(&edited, &marks);
    assert_eq!(spelling_marks(&edited, &marks), ["goverment", "mispeling"]);

    // The same paragraph in another text is found in the cache too.
    proofreader.check_text("A third, clean one.");
    assert_eq!(proofreader.paragraphs_linted(), 4);
}

#[test]
fn mark_counts() {
    let mark = |kind| Mark { range: 0..1, kind, message: "".into(), suggestions: Vec::new().into(), respell: None };
    let marks = [mark(MarkKind::Spelling), mark(MarkKind::Style), mark(MarkKind::Spelling), mark(MarkKind::Grammar)];
    let counts = MarkCounts::of(&marks);
    assert_eq!(counts, MarkCounts { spelling: 2, grammar: 1, style: 1 });
    assert_eq!(counts.total(), 4);
    assert_eq!(MarkCounts::of(&[]).total(), 0);
}

#[test]
fn grammar_marks_are_grammar() {
    let text = "He went to the the store.";
    let marks = american().check_text(text);
    assert_ranges_fit(text, &marks);
    assert!(marks.iter().any(|mark| mark.kind == MarkKind::Grammar), "{marks:?}");
}

/// Waits until `results` holds a result for `key`, or fails after a while.
fn wait_for(
    service: &ProofingService,
    key: &TextKey,
    results: &mut Vec<(TextKey, String, Vec<PlacedMark>)>,
) -> (String, Vec<Mark>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        results.extend(service.take_results());
        if let Some(position) = results.iter().position(|(done, _, _)| done == key) {
            let (_, text, marks) = results.remove(position);
            for placed in &marks {
                let chars = text[placed.mark.range.clone()].chars().count();
                assert_eq!(placed.chars.len(), chars, "char range of {placed:?}");
            }
            return (text, marks.into_iter().map(|placed| placed.mark).collect());
        }
        assert!(Instant::now() < deadline, "no result for {key:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_service_returns_the_newest_text_only() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let service = ProofingService::start(Dialect::American, Vec::new(), move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let body = TextKey::new("iraq-drone-attacks", "body");
    let headline = TextKey::new("iraq-drone-attacks", "headline");

    // A burst of typing: only the last text counts.
    for n in 0..20 {
        service.request(body.clone(), format!("Draft {n}: the goverment said."));
    }
    service.request(headline.clone(), "Drones hit the bace".to_owned());
    service.request(body.clone(), "The goverment said so.".to_owned());

    let mut results = Vec::new();
    let (text, marks) = wait_for(&service, &body, &mut results);
    assert_eq!(text, "The goverment said so.");
    assert_eq!(spelling_marks(&text, &marks), ["goverment"]);
    let (text, marks) = wait_for(&service, &headline, &mut results);
    assert_eq!(text, "Drones hit the bace");
    assert_eq!(spelling_marks(&text, &marks), ["bace"]);

    // Nothing stale comes later: the worker answers in order, so once a
    // last request's answer is in, any stale one would have come before it.
    let last = TextKey::new("iraq-drone-attacks", "dek");
    service.request(last.clone(), "The last request.".to_owned());
    wait_for(&service, &last, &mut results);
    assert!(results.is_empty(), "stale results: {results:?}");
    assert!(calls.load(Ordering::SeqCst) >= 2);
    assert!(calls.load(Ordering::SeqCst) <= 23);
}

#[test]
fn the_service_drops_results_for_changed_text_and_rechecks_after_new_words() {
    let service = ProofingService::start(Dialect::American, Vec::new(), || {});
    let key = TextKey::new("story", "body");
    let mut results = Vec::new();

    service.request(key.clone(), "Fighting near Qayara.".to_owned());
    let (text, marks) = wait_for(&service, &key, &mut results);
    assert_eq!(spelling_marks(&text, &marks), ["Qayara"]);

    // A result not yet taken for an old text is dropped when the text changes.
    service.request(key.clone(), "Fighting near Mosul.".to_owned());
    service.request(key.clone(), "Fighting near Qayara again.".to_owned());
    let (text, _) = wait_for(&service, &key, &mut results);
    assert_eq!(text, "Fighting near Qayara again.");

    // New words: the newest text is checked again without asking.
    service.set_words(Dialect::American, vec!["Qayara".to_owned()]);
    let (text, marks) = wait_for(&service, &key, &mut results);
    assert_eq!(text, "Fighting near Qayara again.");
    assert!(spelling_marks(&text, &marks).is_empty(), "{marks:?}");

    // Asking again for a checked text gives a fresh result.
    service.request(key.clone(), "Fighting near Qayara again.".to_owned());
    let (text, marks) = wait_for(&service, &key, &mut results);
    assert_eq!(text, "Fighting near Qayara again.");
    assert!(marks.is_empty(), "{marks:?}");
}

/// The worker owns `on_result` (inside its `Worker`) until its loop ends and
/// the thread returns, so the closure being dropped is the worker ending: a
/// closure holding a `Sender` disconnects its channel exactly then.
#[test]
fn dropping_the_service_stops_the_worker() {
    let (results_tx, results_rx) = std::sync::mpsc::channel::<()>();
    let service = ProofingService::start(Dialect::British, Vec::new(), move || {
        // The receiver lives until the end of the test.
        let _ = results_tx.send(());
    });
    let generous = Duration::from_secs(60);

    // The worker is running: it built its proofreader and answered.
    service.request(TextKey::new("a", "body"), "Some text to check.".to_owned());
    results_rx.recv_timeout(generous).expect("the worker answers a request");

    // Busy again when it is told to stop. Dropped on another thread, so a
    // drop that never returns fails the test below instead of hanging it.
    service.request(TextKey::new("a", "body"), "Some more text to check, with a mistaek.".to_owned());
    let (dropped_tx, dropped_rx) = std::sync::mpsc::channel();
    let dropper = std::thread::spawn(move || {
        drop(service);
        dropped_tx.send(()).unwrap();
    });
    dropped_rx.recv_timeout(generous).expect("dropping the service returns");
    dropper.join().unwrap();

    // The channel disconnects when the worker ends (at once: drop joins it),
    // after at most the result of the check in progress. A worker still
    // running keeps it open, and the wait runs out.
    let mut late = 0;
    loop {
        match results_rx.recv_timeout(generous) {
            Ok(()) => late += 1,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("the worker is still running after the drop"),
        }
    }
    assert!(late <= 1, "{late} results after the last request");
}

/// The sample story's body, loaded the way the app loads it.
fn sample_body() -> &'static str {
    static BODY: OnceLock<String> = OnceLock::new();
    BODY.get_or_init(|| {
        let loaded = copydesk::storage::load_project(&copydesk::sample_project_dir()).unwrap();
        let story = loaded.project.stories.iter().find(|story| story.slug.as_str() == "iraq-drone-attacks").unwrap();
        story.body.clone()
    })
}

#[test]
fn the_sample_story() {
    let started = Instant::now();
    let mut proofreader = Proofreader::new(Dialect::American, &[]);
    let built = started.elapsed();

    let body = sample_body();
    let started = Instant::now();
    let marks = proofreader.check_text(body);
    let first = started.elapsed();
    let started = Instant::now();
    let again = proofreader.check_text(body);
    let cached = started.elapsed();
    assert_eq!(marks, again);
    assert_ranges_fit(body, &marks);

    let counts = MarkCounts::of(&marks);
    println!("Proofreader::new: {built:?}");
    println!(
        "check_text on the sample body ({} bytes, {} paragraphs linted): {first:?}; again (cached): {cached:?}",
        body.len(),
        proofreader.paragraphs_linted()
    );
    println!(
        "marks: {} spelling, {} grammar, {} style ({} total)",
        counts.spelling,
        counts.grammar,
        counts.style,
        counts.total()
    );
    for mark in &marks {
        let fixes: Vec<&str> = mark.suggestions.iter().map(|fix| fix.label.as_str()).collect();
        println!("  {:?} {:?} {:?}: {} {fixes:?}", mark.kind, mark.range, &body[mark.range.clone()], mark.message);
    }
    // The sample has a typo the desk left in ("wsa" or similar) only if
    // the copy has one; what matters here is that checking works on it.
    assert!(counts.total() > 0);
}
