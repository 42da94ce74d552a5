//! `copydesk check` at desk scale, as a user runs it: the real binary on a
//! project of 200 stories of about 700 words and 2,000 photo records,
//! cold (no stored proofing marks or findings) and again (nothing changed), against one
//! story of the same project and against `copydesk info`, all in one run.
//!
//! ```text
//! cargo build --release --bin copydesk
//! cargo run --release --example bench_desk_check
//! ```
//!
//! With `DESK_DIR=path` the desk is written there and kept (it must not
//! exist yet). The stories are the seed's paragraphs, each story its own numbered
//! dispatches (see `common/long_body.rs`), so no two paragraphs are the
//! same; each story uses ten photo records copied from the sample's. Wall
//! time of the whole process, median of the runs.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context as _;

#[path = "common/desk.rs"]
mod desk;
use desk::{PHOTOS_PER_STORY, STORIES, WORDS, binary, write_desk};

fn main() -> anyhow::Result<()> {
    let binary = binary()?;
    let dir = tempfile::tempdir().context("making a temporary folder")?;
    // DESK_DIR keeps the desk there (for profiling), else it is temporary.
    let desk = std::env::var_os("DESK_DIR").map_or_else(|| dir.path().join("desk"), PathBuf::from);
    let one = write_desk(&desk)?;
    // Cold: neither the proofing marks nor the text rules' findings kept.
    let cache = desk.join(".copydesk-cache");
    let forget = || {
        let _ = std::fs::remove_file(cache.join("proofing.json"));
        let _ = std::fs::remove_file(cache.join("checks.json"));
    };
    let run = |args: &[&str]| -> anyhow::Result<Duration> {
        let started = Instant::now();
        let output = Command::new(&binary).args(args).output().context("running copydesk")?;
        let took = started.elapsed();
        anyhow::ensure!(
            output.status.code().is_some_and(|code| code <= 1),
            "copydesk {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(took)
    };
    let desk_arg = desk.to_str().context("a UTF-8 temporary path")?;
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times.get(times.len() / 2).copied().unwrap_or_default()
    };
    let mut info = Vec::new();
    let mut one_cold = Vec::new();
    let mut one_again = Vec::new();
    let mut all_cold = Vec::new();
    let mut all_again = Vec::new();
    run(&["info", desk_arg])?;
    for _ in 0..3 {
        info.push(run(&["info", desk_arg])?);
        forget();
        one_cold.push(run(&["check", desk_arg, one.as_str()])?);
        one_again.push(run(&["check", desk_arg, one.as_str()])?);
        forget();
        all_cold.push(run(&["check", desk_arg])?);
        all_again.push(run(&["check", desk_arg])?);
    }
    let (info, one_cold, one_again, all_cold, all_again) = (
        median(&mut info),
        median(&mut one_cold),
        median(&mut one_again),
        median(&mut all_cold),
        median(&mut all_again),
    );
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "copydesk check, {STORIES} stories of about {WORDS} words, {} photo records, {threads} cores",
        STORIES * PHOTOS_PER_STORY
    );
    println!("  info:                    {:>8.0} ms", ms(info));
    println!("  one story, cold:         {:>8.0} ms (goal <= 500 ms start-up)", ms(one_cold));
    println!("  one story, again:        {:>8.0} ms", ms(one_again));
    println!(
        "  200 stories, cold:       {:>8.0} ms = {:.1}x one story cold (goal <= 5x)",
        ms(all_cold),
        ratio(all_cold, one_cold)
    );
    println!("  200 stories, again:      {:>8.0} ms = {:.1}x info (goal <= 4x)", ms(all_again), ratio(all_again, info));
    Ok(())
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}
