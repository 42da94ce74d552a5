//! The real window: start the `copydesk` binary on a copy of the sample
//! project under a virtual X display (Xvfb), take screenshots of the root
//! window with ImageMagick's `import`, and check that something was drawn
//! (many colours, no single colour covering the screen).
//!
//! Needs `Xvfb` and `import` (Debian: `apt-get install xvfb imagemagick`,
//! plus Mesa for OpenGL: `libgl1 libegl1 libgl1-mesa-dri`). Set
//! `COPYDESK_SKIP_WINDOW_TEST=1` to skip it on machines without them.
//! The last screenshot is saved to `target/window-test/copydesk.png`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.
#![cfg(target_os = "linux")]

use std::collections::HashMap;
use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long Xvfb may take to create its socket.
const XVFB_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the app may take to draw its first real frame.
const WINDOW_TIMEOUT: Duration = Duration::from_secs(40);
/// The screenshot must have at least this many distinct RGB values…
const MIN_COLOURS: usize = 20;
/// …and its most frequent colour must cover less than this share of pixels.
const MAX_DOMINANT_SHARE: f64 = 0.95;

/// A child process that is stopped (and reaped) when dropped, so a failed
/// assertion never leaves Xvfb or the app running. With `terminate`, it
/// first gets SIGTERM and a moment to exit (Xvfb then removes its socket
/// and lock file); SIGKILL otherwise, or if it does not stop in time.
struct KillOnDrop {
    name: &'static str,
    child: Child,
    terminate: bool,
}

impl KillOnDrop {
    /// `Some(status)` if the process has already exited.
    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child
            .try_wait()
            .unwrap_or_else(|error| panic!("could not check whether {} is running: {error}", self.name))
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if self.terminate && matches!(self.child.try_wait(), Ok(None)) {
            let pid = self.child.id().to_string();
            let _ = Command::new("kill").args(["-TERM", &pid]).stderr(Stdio::null()).status();
            let asked = Instant::now();
            while matches!(self.child.try_wait(), Ok(None)) && asked.elapsed() < Duration::from_secs(3) {
                sleep(Duration::from_millis(50));
            }
        }
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Whether `program` can be found on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let candidate = dir.join(program);
            candidate.metadata().is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        })
    })
}

fn socket_path(display: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X11-unix/X{display}"))
}

fn lock_path(display: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X{display}-lock"))
}

fn display_is_free(display: u32) -> bool {
    !socket_path(display).exists() && !lock_path(display).exists()
}

/// Whether the display's socket is up and its lock file names `pid`, i.e.
/// the display is ours and not one another test started at the same time.
fn display_is_ours(display: u32, pid: u32) -> bool {
    socket_path(display).exists()
        && fs::read_to_string(lock_path(display)).is_ok_and(|text| text.trim() == pid.to_string())
}

/// Start Xvfb on the first free display in :150..:400 and wait for its
/// socket. If another process grabs the same display first (our Xvfb exits
/// because the lock is taken), move on to the next one.
fn start_xvfb(log_dir: &Path) -> (KillOnDrop, u32) {
    let mut last_error = String::from("no free display number in :150..:400");
    for display in (150..400).filter(|&n| display_is_free(n)) {
        let log_path = log_dir.join(format!("xvfb-{display}.log"));
        let log = File::create(&log_path).expect("create the Xvfb log file in the temporary folder");
        let child = Command::new("Xvfb")
            .arg(format!(":{display}"))
            .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start Xvfb (is the `xvfb` package installed?)");
        let mut xvfb = KillOnDrop { name: "Xvfb", child, terminate: true };
        let started = Instant::now();
        loop {
            if display_is_ours(display, xvfb.child.id()) {
                return (xvfb, display);
            }
            if let Some(status) = xvfb.exited() {
                last_error = format!(
                    "Xvfb :{display} exited early ({status}): {}",
                    fs::read_to_string(&log_path).unwrap_or_default().trim()
                );
                break;
            }
            if started.elapsed() > XVFB_TIMEOUT {
                panic!(
                    "Xvfb :{display} did not create {} within {XVFB_TIMEOUT:?}: {}",
                    socket_path(display).display(),
                    fs::read_to_string(&log_path).unwrap_or_default().trim()
                );
            }
            sleep(Duration::from_millis(100));
        }
    }
    panic!("could not start a virtual X display: {last_error}");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|error| panic!("create {}: {error}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|error| panic!("read {}: {error}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|error| panic!("read an entry of {}: {error}", from.display()));
        let source = entry.path();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap_or_else(|error| panic!("stat {}: {error}", source.display()));
        if kind.is_dir() {
            copy_dir(&source, &target);
        } else {
            fs::copy(&source, &target)
                .unwrap_or_else(|error| panic!("copy {} to {}: {error}", source.display(), target.display()));
        }
    }
}

fn fresh_dir(parent: &Path, name: &str, mode: u32) -> PathBuf {
    let dir = parent.join(name);
    fs::create_dir(&dir).unwrap_or_else(|error| panic!("create {}: {error}", dir.display()));
    fs::set_permissions(&dir, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|error| panic!("chmod {}: {error}", dir.display()));
    dir
}

/// Screenshot the whole virtual screen into `path`; `Err` with `import`'s
/// message if it failed (e.g. the display is not ready yet).
fn screenshot(display: u32, path: &Path) -> Result<image::RgbImage, String> {
    let _ = fs::remove_file(path);
    let output = Command::new("import")
        .args(["-window", "root"])
        .arg(path)
        .env("DISPLAY", format!(":{display}"))
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("could not run `import` (is `imagemagick` installed?): {error}"))?;
    if !output.status.success() {
        return Err(format!("`import` failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr).trim()));
    }
    image::open(path)
        .map(|image| image.to_rgb8())
        .map_err(|error| format!("could not read the screenshot {}: {error}", path.display()))
}

/// Distinct colours and the share of pixels taken by the most frequent one.
fn colour_stats(image: &image::RgbImage) -> (usize, f64) {
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for pixel in image.pixels() {
        *counts.entry(pixel.0).or_default() += 1;
    }
    let total = (image.width() as usize * image.height() as usize).max(1);
    let dominant = counts.values().copied().max().unwrap_or(0);
    (counts.len(), dominant as f64 / total as f64)
}

fn looks_drawn((colours, dominant): (usize, f64)) -> bool {
    colours >= MIN_COLOURS && dominant < MAX_DOMINANT_SHARE
}

#[test]
fn window_draws_the_sample_project() {
    let missing: Vec<&str> = ["Xvfb", "import"].into_iter().filter(|program| !on_path(program)).collect();
    if !missing.is_empty() {
        if std::env::var("COPYDESK_SKIP_WINDOW_TEST").as_deref() == Ok("1") {
            eprintln!("window test skipped (COPYDESK_SKIP_WINDOW_TEST=1): {} not installed", missing.join(" and "));
            return;
        }
        panic!(
            "the window test needs {} on PATH: install `xvfb imagemagick` (Debian/Ubuntu: \
             `apt-get install xvfb imagemagick`), or set COPYDESK_SKIP_WINDOW_TEST=1 to skip it",
            missing.join(" and ")
        );
    }

    let temp = tempfile::tempdir().expect("create a temporary folder for the window test");
    let (_xvfb, display) = start_xvfb(temp.path());

    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects").join("drone-attacks");
    assert!(sample.join("project.ron").is_file(), "sample project missing at {}", sample.display());
    let project = temp.path().join("drone-attacks");
    copy_dir(&sample, &project);
    let runtime_dir = fresh_dir(temp.path(), "runtime", 0o700);
    let home = fresh_dir(temp.path(), "home", 0o755);

    let stderr_path = temp.path().join("copydesk-stderr.log");
    let stderr = File::create(&stderr_path).expect("create the app's stderr log in the temporary folder");
    let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg(&project)
        .env("DISPLAY", format!(":{display}"))
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .env("HOME", &home)
        .env_remove("WAYLAND_DISPLAY")
        // Keep eframe's storage and any XDG lookups inside the temp HOME.
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_STATE_HOME")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start the copydesk binary");
    let mut app = KillOnDrop { name: "copydesk", child, terminate: false };
    let app_stderr = || fs::read_to_string(&stderr_path).unwrap_or_default();

    let shot_path = temp.path().join("shot.png");
    let started = Instant::now();
    let mut last = String::from("no screenshot taken yet");
    let mut accepted = None;
    while started.elapsed() < WINDOW_TIMEOUT {
        if let Some(status) = app.exited() {
            panic!("copydesk exited early ({status}); its stderr:\n{}", app_stderr());
        }
        match screenshot(display, &shot_path) {
            Ok(image) => {
                let stats = colour_stats(&image);
                last = format!("{} distinct colours, most frequent colour covers {:.1}%", stats.0, stats.1 * 100.0);
                if looks_drawn(stats) {
                    accepted = Some(stats);
                    break;
                }
            }
            Err(error) => last = error,
        }
        sleep(Duration::from_millis(500));
    }
    let elapsed = started.elapsed();

    // Let the first frames settle, then take the picture kept for humans.
    let mut final_stats = None;
    if accepted.is_some() {
        sleep(Duration::from_millis(1500));
        if let Some(status) = app.exited() {
            panic!("copydesk exited right after drawing ({status}); its stderr:\n{}", app_stderr());
        }
        let image = screenshot(display, &shot_path).unwrap_or_else(|error| panic!("final screenshot: {error}"));
        final_stats = Some(colour_stats(&image));
    }
    let keep_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("window-test");
    let kept = keep_dir.join("copydesk.png");
    if shot_path.is_file() {
        fs::create_dir_all(&keep_dir).unwrap_or_else(|error| panic!("create {}: {error}", keep_dir.display()));
        fs::copy(&shot_path, &kept).unwrap_or_else(|error| panic!("save {}: {error}", kept.display()));
    }

    let Some(stats) = final_stats else {
        panic!(
            "the window looked blank after {WINDOW_TIMEOUT:?} ({last}); screenshot: {}; copydesk stderr:\n{}",
            kept.display(),
            app_stderr()
        );
    };
    assert!(
        looks_drawn(stats),
        "the window went blank after first drawing ({} colours, {:.1}% one colour); screenshot: {}; stderr:\n{}",
        stats.0,
        stats.1 * 100.0,
        kept.display(),
        app_stderr()
    );
    eprintln!(
        "window drawn after {elapsed:.1?} on :{display}: {} distinct colours, most frequent {:.1}%; screenshot saved to {}",
        stats.0,
        stats.1 * 100.0,
        kept.display()
    );
    drop(app);
}
