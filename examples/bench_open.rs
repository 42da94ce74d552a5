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

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use copydesk::app::{CopydeskApp, StartOptions};

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

    let mut first_frame = Vec::new();
    let mut settled = Vec::new();
    for _ in 0..RUNS {
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
    }
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
    Ok(())
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
