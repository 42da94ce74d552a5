//! What proofing costs, rule by rule, and what each rule finds in real news
//! copy: harper's stock curated lint group against Copydesk's proofreader
//! over the same 5,000 and 20,000 words in the same run, and each of
//! harper's rules alone over the 5,000 words (its time and its marks there)
//! and over the review corpus's real published copy (`tests/review_corpus/`:
//! marks on clean copy are false alarms).
//!
//! ```text
//! cargo run --release --example bench_proofing
//! ```
//!
//! Times are CPU time of this thread, median of a few runs, each with a
//! lint group built just before (a first check: nothing cached; building
//! is timed apart, as the proofing worker builds one and keeps it).

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context as _;
use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};
use serde::Deserialize;

#[path = "common/allocator.rs"]
mod allocator;
#[path = "common/long_body.rs"]
mod long_body;
#[path = "common/measure.rs"]
mod measure;

/// Runs of each whole check.
const RUNS: usize = 3;

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize, PartialEq)]
enum Expect {
    Hit,
    Clean,
}

#[derive(Deserialize)]
struct Case {
    rule: String,
    expect: Expect,
    body: String,
    #[serde(default)]
    captions: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let sample = copydesk::storage::load_project(&copydesk::sample_project_dir()).context("the sample")?.project;
    let seed = sample.stories.first().context("a story")?.body.clone();
    let corpus: Corpus = ron::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/review_corpus/cases.ron"))
            .context("reading the review corpus")?,
    )
    .context("parsing the review corpus")?;
    // Every paragraph and caption of the corpus, mistakes and all: what a
    // rule catches there is what it earns.
    let everything: Vec<String> = corpus
        .cases
        .iter()
        .flat_map(|case| paragraphs(&case.body).into_iter().chain(case.captions.iter().cloned()))
        .collect();
    // Real copy with nothing for the spell checker to find: the clean cases.
    let clean: Vec<String> = corpus
        .cases
        .iter()
        .filter(|case| case.expect == Expect::Clean && (case.rule == "all" || case.rule == "spelling"))
        .flat_map(|case| paragraphs(&case.body).into_iter().chain(case.captions.iter().cloned()))
        .collect();

    println!("Whole checks (CPU ms, median of {RUNS}, a lint group built before each run, nothing cached):");
    println!("{:<34} {:>10} {:>10}", "", "5,000 w", "20,000 w");
    let texts = [long_body::long_body(&seed, 5_000), long_body::long_body(&seed, 20_000)];
    let stock: [Duration; 2] = texts.each_ref().map(|text| median(|| stock_check(&paragraphs(text))));
    let ours: [Duration; 2] = texts.each_ref().map(|text| {
        median(|| {
            // Built and its rules compiled first (on a word), as the
            // proofing worker keeps one: the check is what is timed.
            let mut proofreader = copydesk::proofing::Proofreader::new(copydesk::proofing::Dialect::American, &[]);
            std::hint::black_box(proofreader.check_text("Ready."));
            let started = measure::cpu_clock::thread();
            std::hint::black_box(proofreader.check_text(text));
            elapsed(started)
        })
    });
    let building = median(|| {
        let started = measure::cpu_clock::thread();
        let mut proofreader = copydesk::proofing::Proofreader::new(copydesk::proofing::Dialect::American, &[]);
        std::hint::black_box(proofreader.check_text("Ready."));
        elapsed(started)
    });
    let parsing: [Duration; 2] = texts.each_ref().map(|text| {
        let paragraphs = paragraphs(text);
        median(|| {
            let started = measure::cpu_clock::thread();
            for paragraph in &paragraphs {
                std::hint::black_box(Document::new_markdown_default_curated(paragraph));
            }
            elapsed(started)
        })
    });
    for (name, [five, twenty]) in [
        ("harper's stock curated group", stock),
        ("Copydesk's proofreader", ours),
        ("  of which parsing alone", parsing),
    ] {
        println!("{name:<34} {:>10} {:>10}", measure::ms(five), measure::ms(twenty));
    }
    let ([stock_five, stock_twenty], [ours_five, ours_twenty]) = (stock, ours);
    println!(
        "{:<34} {:>9.2}x {:>9.2}x",
        "Copydesk / stock",
        ratio(ours_five, stock_five),
        ratio(ours_twenty, stock_twenty)
    );
    println!("(building a proofreader and its rules, once per worker: {} ms)", measure::ms(building));

    // Each rule alone over the 5,000 words and over the corpus.
    let [five_words, _] = &texts;
    let five: Vec<String> = paragraphs(five_words);
    let documents: Vec<Document> = five.iter().map(|p| Document::new_markdown_default_curated(p)).collect();
    let corpus_documents: Vec<Document> = clean.iter().map(|p| Document::new_markdown_default_curated(p)).collect();
    let keys: Vec<String> = curated().iter_keys().map(str::to_owned).collect();
    let all_documents: Vec<Document> = everything.iter().map(|p| Document::new_markdown_default_curated(p)).collect();
    let mut rows: Vec<(Duration, String, usize, usize)> = Vec::new();
    let mut earning: Vec<(String, usize, usize)> = Vec::new();
    for key in &keys {
        let mut group = curated();
        group.config = harper_core::linting::FlatConfig::default();
        group.config.set_rule_enabled(key, true);
        let started = measure::cpu_clock::thread();
        let found: usize = documents.iter().map(|document| group.lint(document).len()).sum();
        let took = elapsed(started);
        let alarms: usize = corpus_documents.iter().map(|document| group.lint(document).len()).sum();
        let caught: usize = all_documents.iter().map(|document| group.lint(document).len()).sum();
        rows.push((took, key.clone(), found, alarms));
        if found + caught > 0 {
            earning.push((key.clone(), found, caught));
        }
    }
    let floor = {
        let mut group = curated();
        group.config = harper_core::linting::FlatConfig::default();
        let started = measure::cpu_clock::thread();
        for document in &documents {
            std::hint::black_box(group.lint(document));
        }
        elapsed(started)
    };
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    let total: Duration = rows.iter().map(|row| row.0).sum();
    println!();
    println!(
        "Each of harper's {} curated rules alone over the 5,000 words (parsing not counted), the costliest first;",
        rows.len()
    );
    println!("marks: in the 5,000 words; alarms: marks on the corpus's {} clean paragraphs and captions", clean.len());
    println!("{:<40} {:>9} {:>7} {:>7}", "rule", "CPU ms", "marks", "alarms");
    for (took, key, found, alarms) in rows.iter().take(60) {
        println!("{key:<40} {:>9} {found:>7} {alarms:>7}", measure::ms(*took));
    }
    let mut by_yield: BTreeMap<bool, (Duration, usize)> = BTreeMap::new();
    for (took, _, found, alarms) in &rows {
        let entry = by_yield.entry(*found + *alarms > 0).or_default();
        entry.0 += *took;
        entry.1 += 1;
    }
    println!("all rules: {} ms; a group with no rule enabled: {} ms a pass", measure::ms(total), measure::ms(floor));
    println!();
    println!(
        "Rules that mark something in the 5,000 words or the corpus's {} paragraphs and captions:",
        everything.len()
    );
    for (key, found, caught) in &earning {
        println!("  {key:<40} {found:>5} {caught:>5}");
    }
    let kept: Vec<&str> = earning.iter().map(|(key, _, _)| key.as_str()).collect();
    let only_kept = median(|| {
        let mut group = curated();
        group.config = harper_core::linting::FlatConfig::default();
        for key in &kept {
            group.config.set_rule_enabled(*key, true);
        }
        let started = measure::cpu_clock::thread();
        for document in &documents {
            std::hint::black_box(group.lint(document));
        }
        elapsed(started)
    });
    println!("the curated group with only those {} enabled, 5,000 words: {} ms", kept.len(), measure::ms(only_kept));
    for (found_something, (took, count)) in by_yield {
        let what = if found_something { "rules that marked something" } else { "rules that marked nothing" };
        println!("  {what}: {count}, {} ms", measure::ms(took));
    }
    Ok(())
}

/// harper's curated group for American English.
fn curated() -> LintGroup {
    LintGroup::new_curated(FstDictionary::curated(), Dialect::American)
}

/// A whole check with harper's stock group (built first): parse and lint
/// each paragraph.
fn stock_check(paragraphs: &[String]) -> Duration {
    let mut group = curated();
    std::hint::black_box(group.lint(&Document::new_markdown_default_curated("Ready.")));
    let started = measure::cpu_clock::thread();
    for paragraph in paragraphs {
        let document = Document::new_markdown_default_curated(paragraph);
        std::hint::black_box(group.lint(&document));
    }
    elapsed(started)
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

fn elapsed(started: Option<Duration>) -> Duration {
    match (started, measure::cpu_clock::thread()) {
        (Some(start), Some(end)) => end.saturating_sub(start),
        _ => Duration::ZERO,
    }
}

fn median(mut run: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect();
    times.sort();
    times.get(RUNS / 2).copied().unwrap_or_default()
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}
