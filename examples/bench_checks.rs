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
//! sample's photos. Each is checked a few times to warm up, then timed over
//! several runs; the median and the slowest run are printed. The proofing
//! marks are not part of this (they come from the proofing worker, measured
//! by `bench_editor`).

use std::time::{Duration, Instant};

use anyhow::Context as _;
use copydesk::checks::{Subject, report};
use copydesk::model::{Project, Timestamp};
use copydesk::storage;

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

    println!("{:<28} {:>8} {:>10} {:>10} {:>9}", "story", "words", "median", "slowest", "findings");
    for (name, story, runs) in [("sample (650 words)", &sample, 200), ("long (20,000 words)", &long, 20)] {
        let mut project = project.clone();
        project.stories = vec![story.clone()];
        let (median, slowest, findings) = time_checks(&project, now, runs);
        let words = copydesk::model::text_stats(&story.body).words;
        println!("{name:<28} {words:>8} {:>8.2}ms {:>8.2}ms {findings:>9}", ms(median), ms(slowest));
    }
    Ok(())
}

/// Checks the project's first story `runs` times after a warm-up.
fn time_checks(project: &Project, now: Timestamp, runs: usize) -> (Duration, Duration, usize) {
    let Some(story) = project.stories.first() else { return (Duration::ZERO, Duration::ZERO, 0) };
    let subject = Subject { settings: &project.settings, story, photos: &project.photos, now, marks: None };
    let mut findings = 0;
    for _ in 0..WARM_UP {
        findings = report(&subject).findings.len();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let result = report(&subject);
            let elapsed = start.elapsed();
            findings = result.findings.len();
            elapsed
        })
        .collect();
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let slowest = times.last().copied().unwrap_or_default();
    (median, slowest, findings)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
