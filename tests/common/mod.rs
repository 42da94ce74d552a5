//! What the kittest suites share: a temporary copy of the sample project,
//! the real app in a harness, and waiting for an event.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Each suite uses some; tests may panic on fixtures.

use std::path::Path;

use copydesk::app::{CopydeskApp, StartOptions};
use egui_kittest::Harness;

/// A copy of the sample project, so tests never change the repository's.
/// What a Copydesk run leaves there for one machine (story locks, the
/// thumbnail cache; git-ignored) is not copied: a lock left by a window
/// opened on the checkout would make the copy's story read-only.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&copydesk::sample_project_dir(), dir.path());
    dir
}

/// Copies a project folder, without its story locks and thumbnail cache.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".lock") || name == ".copydesk-cache" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The real app on `project`, its recovery files in `recovery`.
pub fn harness_for(project: &Path, recovery: &Path) -> Harness<'static, CopydeskApp> {
    harness_with_step(project, recovery, 0.25)
}

/// The same, with the window's clock moving `step_dt` seconds a frame.
pub fn harness_with_step(project: &Path, recovery: &Path, step_dt: f32) -> Harness<'static, CopydeskApp> {
    let options = StartOptions { project: Some(project.to_owned()), recovery_dir: Some(recovery.to_owned()) };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 820.0))
        .with_step_dt(step_dt)
        // The proofing worker and the thumbnail workers ask for repaints
        // when their results land, which can take a few frames to settle.
        .with_max_steps(32)
        .build_eframe(move |cc| CopydeskApp::new(cc, options));
    harness.run();
    harness
}

/// Steps the app until `done` holds: waits for an event (a worker's
/// result, the watcher's report), failing only if it has not come in a
/// minute.
pub fn step_until(
    harness: &mut Harness<'_, CopydeskApp>,
    what: &str,
    done: impl Fn(&Harness<'_, CopydeskApp>) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !done(harness) {
        if std::time::Instant::now() >= deadline {
            let app = harness.state();
            let badge = app.sync.badge().map(|badge| format!("{}: {}", badge.label, badge.detail));
            panic!(
                "waited a minute for {what}; the status line said {:?}, the sync badge {badge:?}, the dialogs {:?}",
                app.status,
                app.dialogs.iter().map(|d| format!("{d:?}").chars().take(300).collect::<String>()).collect::<Vec<_>>()
            );
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}
