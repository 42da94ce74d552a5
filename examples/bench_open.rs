//! Opening the desk in the window: the time from starting Copydesk on a
//! project of 200 stories of about 700 words and 2,000 photo records to
//! its first frame drawn (the budget and the first story on screen, every
//! widget live), against `copydesk info` on the same project — the real
//! binary reading every file and printing the list — in the same run.
//!
//! ```text
//! cargo build --release --bin copydesk
//! cargo run --release --example bench_open
//! ```
//!
//! The window is the real `CopydeskApp` driven by egui_kittest, so the
//! figure is Copydesk's own work (opening the project, its caches and
//! workers, laying out and drawing the first frame's widgets) without the
//! graphics driver's start-up, which no code of ours changes. Wall time,
//! median of the runs; the desk's files are in the page cache, as on an
//! editor's second open of the day.
//!
//! Then the first spelling and grammar marks: from starting the window to
//! the first frame that draws marks in the first story's body, and from
//! selecting another story to the first frame with its marks, with no
//! marks stored from an earlier run (the project's
//! `.copydesk-cache/proofing.json` removed before each run). The first run
//! of the process also pays harper building its dictionary, once per
//! process; it is reported on its own.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use copydesk::app::{CopydeskApp, StartOptions};

#[path = "common/allocator.rs"]
mod allocator;
#[path = "common/desk.rs"]
mod desk;

/// Runs of each measurement.
const RUNS: usize = 7;

fn main() -> anyhow::Result<()> {
    let binary = desk::binary()?;
    let dir = tempfile::tempdir().context("making a temporary folder")?;
    let project = dir.path().join("desk");
    desk::write_desk(&project)?;
    let recovery = dir.path().join("recovery");
    let project_arg = project.to_str().context("a UTF-8 temporary path")?.to_owned();

    let cache = project.join(".copydesk-cache").join("proofing.json");
    let mut first_frame = Vec::new();
    let mut settled = Vec::new();
    let mut first_marks = Vec::new();
    let mut other_marks = Vec::new();
    for _ in 0..RUNS {
        let _ = std::fs::remove_file(&cache);
        let started = Instant::now();
        let options = StartOptions { project: Some(project.clone()), recovery_dir: Some(recovery.clone()) };
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .build_eframe(move |cc| CopydeskApp::new(cc, options));
        harness.step();
        first_frame.push(started.elapsed());
        let opened = harness.state().workspace.as_ref().map_or(0, |workspace| workspace.project().stories.len());
        anyhow::ensure!(opened == desk::STORIES, "the window opened {opened} stories");
        // The frames that follow at once (the workers' first answers).
        harness.run();
        settled.push(started.elapsed());
        first_marks.push(until_marks(&mut harness, started, 0)?);
        let other = harness
            .state()
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.project().stories.get(1))
            .map(|story| story.slug.clone())
            .context("a second story")?;
        let selected = Instant::now();
        harness.state_mut().workspace.as_mut().context("the open project")?.select(other);
        other_marks.push(until_marks(&mut harness, selected, 1)?);
    }
    let (first_of_process, first_marks, other_marks) =
        (first_marks.first().copied().unwrap_or_default(), median(&mut first_marks), median(&mut other_marks));
    let mut info = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let output = Command::new(&binary).args(["info", &project_arg]).output().context("running copydesk info")?;
        anyhow::ensure!(output.status.success(), "copydesk info failed: {}", String::from_utf8_lossy(&output.stderr));
        info.push(started.elapsed());
    }
    let (frame, settled, info) = (median(&mut first_frame), median(&mut settled), median(&mut info));
    println!(
        "opening {} stories of about {} words and {} photo records, median of {RUNS}",
        desk::STORIES,
        desk::WORDS,
        desk::STORIES * desk::PHOTOS_PER_STORY
    );
    println!("| what | time | against `copydesk info` |");
    println!("|---|---:|---:|");
    println!("| `copydesk info` (the process) | {:.0} ms | 1.00× |", ms(info));
    println!("| the window's first frame | {:.0} ms | {:.2}× |", ms(frame), ratio(frame, info));
    println!("| … and the frames right after it | {:.0} ms | {:.2}× |", ms(settled), ratio(settled, info));
    println!();
    println!("| first marks, nothing stored | time |");
    println!("|---|---:|");
    println!(
        "| the first story's, from starting the window (first run of the process) | {:.0} ms |",
        ms(first_of_process)
    );
    println!("| the first story's, from starting the window | {:.0} ms |", ms(first_marks));
    println!("| another story's, from selecting it | {:.0} ms |", ms(other_marks));
    Ok(())
}

/// Steps the window until a frame draws marks in the body of the story at
/// `index`, which must be selected; the time since `since`.
fn until_marks(
    harness: &mut egui_kittest::Harness<'_, CopydeskApp>,
    since: Instant,
    index: usize,
) -> anyhow::Result<Duration> {
    for _ in 0..100_000 {
        harness.step();
        let app = harness.state();
        let story = app.workspace.as_ref().and_then(|workspace| workspace.project().stories.get(index));
        if story.is_some_and(|story| !app.proofing.story_marks(story).body.is_empty()) {
            return Ok(since.elapsed());
        }
        std::thread::yield_now();
    }
    anyhow::bail!("no marks appeared in story {index}")
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::EPSILON)
}
