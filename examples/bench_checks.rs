//! How long the review checks take: every rule and the readiness of one
//! story, as the check worker runs them after each edit, and as
//! `copydesk check` runs them.
//!
//! ```text
//! cargo run --release --example bench_checks
//! ```
//!
//! Two stories: the sample (650 words, two captioned photos) and the seed's
//! paragraphs repeated to 20,000 words (see `common/long_body.rs`), with the
//! sample's photos. Each is timed two ways, the median and the slowest run
//! printed: cold (each run on a new thread, so nothing is remembered: a
//! fresh checks worker, `copydesk check`) and after one paragraph in the
//! middle changed (a new edit each run, on a thread that checked the story
//! before: what the checks worker does after a keystroke — the rules that
//! look at paragraphs and lines remember them by their text). The proofing
//! marks are not part of this (they come from the proofing worker, measured
//! by `bench_editor`).

use std::time::{Duration, Instant};

use anyhow::Context as _;
use copydesk::checks::{Subject, report};
use copydesk::model::{Project, Timestamp};
use copydesk::storage;

#[path = "common/allocator.rs"]
mod allocator;
#[path = "common/long_body.rs"]
mod long_body;

/// Runs before timing starts.
const WARM_UP: usize = 3;

fn main() -> anyhow::Result<()> {
    let dir = copydesk::sample_project_dir();
    let project = storage::load_project(&dir).with_context(|| format!("opening {}", dir.display()))?.project;
    let sample = project.stories.first().context("the sample project has a story")?.clone();
    let mut long = sample.clone();
    long.body = long_body::long_body(&sample.body, 20_000);
    let now = copydesk::clock::now();

    println!(
        "{:<22} {:>6} {:>9} {:>9}  {:>15} {:>9}  {:>9}",
        "story", "words", "cold", "slowest", "one paragraph", "slowest", "findings"
    );
    for (name, story, runs) in [("sample (650 words)", &sample, 200), ("long (20,000 words)", &long, 20)] {
        let mut project = project.clone();
        project.stories = vec![story.clone()];
        let cold = time_cold(&project, now, runs.min(40));
        let (edited, findings) = time_one_paragraph_edited(&project, now, runs);
        let words = copydesk::model::text_stats(&story.body).words;
        println!(
            "{name:<22} {words:>6} {:>7.2}ms {:>7.2}ms  {:>13.2}ms {:>7.2}ms  {findings:>9}",
            ms(cold.0),
            ms(cold.1),
            ms(edited.0),
            ms(edited.1)
        );
    }
    Ok(())
}

/// A check as `copydesk check` or a fresh checks worker runs it: each run
/// on a new thread, so nothing of an earlier run is remembered.
fn time_cold(project: &Project, now: Timestamp, runs: usize) -> (Duration, Duration) {
    let times: Vec<Duration> = (0..runs)
        .filter_map(|_| {
            std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        let story = project.stories.first()?;
                        let subject =
                            Subject { settings: &project.settings, story, photos: &project.photos, now, marks: None };
                        let start = Instant::now();
                        let _ = report(&subject);
                        Some(start.elapsed())
                    })
                    .join()
                    .ok()
                    .flatten()
            })
        })
        .collect();
    median_and_slowest(times)
}

/// What the checks worker does after a keystroke: the story checked again
/// with one paragraph in the middle changed (a different edit each run),
/// on a thread that checked the story before.
fn time_one_paragraph_edited(project: &Project, now: Timestamp, runs: usize) -> ((Duration, Duration), usize) {
    let Some(first) = project.stories.first() else { return ((Duration::ZERO, Duration::ZERO), 0) };
    let check = |story: &copydesk::model::Story| {
        report(&Subject { settings: &project.settings, story, photos: &project.photos, now, marks: None })
    };
    let mut findings = 0;
    for _ in 0..WARM_UP {
        findings = check(first).findings.len();
    }
    let paragraphs: Vec<&str> = first.body.split("\n\n").collect();
    let middle = paragraphs.len() / 2;
    let times: Vec<Duration> = (0..runs)
        .map(|run| {
            let mut story = first.clone();
            story.body = paragraphs
                .iter()
                .enumerate()
                .map(
                    |(index, paragraph)| {
                        if index == middle { format!("{paragraph} Edit {run}.") } else { (*paragraph).to_owned() }
                    },
                )
                .collect::<Vec<_>>()
                .join("\n\n");
            let start = Instant::now();
            let _ = check(&story);
            start.elapsed()
        })
        .collect();
    (median_and_slowest(times), findings)
}

fn median_and_slowest(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let slowest = times.last().copied().unwrap_or_default();
    (median, slowest)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
