//! Crash safety: a process that saves the project over and over is killed
//! (SIGKILL, no chance to clean up) at random moments, hundreds of times;
//! after each kill every file must still load and hold either the old or
//! the new version, never a mix or a torn file.
//!
//! The saving process is this test binary itself, running the ignored
//! `save_loop_child` test with the project folder in an environment
//! variable. `KILL_ROUNDS=1000 cargo test --release --test crash -- --nocapture`
//! runs more rounds; the figures are in RELIABILITY.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::storage;

const DIR_VAR: &str = "COPYDESK_SAVE_LOOP_DIR";

/// The two versions the child alternates between: a headline and a body
/// long enough that writing it takes a while.
fn version(which: usize) -> (String, String) {
    let word = if which.is_multiple_of(2) { "Alpha" } else { "Bravo" };
    let body = format!("{word} paragraph with enough words to make the file take a moment to write.\n\n").repeat(800);
    (format!("{word} headline"), body)
}

/// Run by the parent test, never on its own: saves the project in
/// `$COPYDESK_SAVE_LOOP_DIR`, alternating versions, until it is killed.
#[test]
#[ignore = "the kill test runs this as its child process"]
fn save_loop_child() {
    let Some(dir) = std::env::var_os(DIR_VAR) else { return };
    let mut loaded = storage::load_project(Path::new(&dir)).unwrap();
    println!("ready");
    for round in 1.. {
        let (headline, body) = version(round);
        for story in &mut loaded.project.stories {
            story.headline = headline.clone();
            story.body = body.clone();
        }
        loaded.folder.save(&loaded.project).unwrap();
    }
}

/// A small deterministic random number generator (xorshift), so a failing
/// run can be repeated with the same kill times.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[cfg(unix)]
#[test]
fn killing_a_save_at_random_moments_never_leaves_a_broken_or_mixed_file() {
    let rounds: usize = std::env::var("KILL_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    let mut created = storage::create_project(&project, "Crash desk").unwrap();
    for slug in ["one", "two", "three"] {
        let mut story = copydesk::model::Story::new(copydesk::model::Slug::new(slug).unwrap(), copydesk::clock::now());
        let (headline, body) = version(0);
        story.headline = headline;
        story.body = body;
        created.project.stories.push(story);
    }
    created.folder.save(&created.project).unwrap();

    let temps = |project: &Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(project.join("stories"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.to_string_lossy().ends_with(".tmp"))
            .collect()
    };

    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    // Kills that landed while a save was in progress, by either evidence.
    let mut killed_mid_save = 0;
    let mut mixed_versions = 0;
    // Kills that landed inside one file's write: `atomic_write` leaves its
    // temporary file behind (a young one survives the next open).
    let mut torn_writes = 0;
    let mut temps_before = temps(&project);
    let started = Instant::now();
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args(["save_loop_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(DIR_VAR, &project)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Somewhere between starting up and several saves in.
        std::thread::sleep(Duration::from_micros(2_000 + rng.next() % 60_000));
        child.kill().unwrap();
        child.wait().unwrap();

        let loaded = storage::load_project(&project)
            .unwrap_or_else(|error| panic!("round {round}: the project no longer opens: {error}"));
        assert!(loaded.problems.is_empty(), "round {round}: {:?}", loaded.problems);
        assert_eq!(loaded.project.stories.len(), 3, "round {round}");
        let mut seen = Vec::new();
        for story in &loaded.project.stories {
            let whole = [version(0), version(1)].into_iter().any(|(h, b)| story.headline == h && story.body == b);
            assert!(whole, "round {round}: {} holds neither version whole", story.slug);
            seen.push(story.headline.clone());
        }
        seen.dedup();
        let mixed = seen.len() > 1;
        if mixed {
            // Killed between two files of one save: each file is whole.
            mixed_versions += 1;
        }
        // Only the child's saves make temporary files here, so a new one is
        // a kill in the middle of writing a file.
        let temps_after = temps(&project);
        let torn = temps_after.iter().any(|path| !temps_before.contains(path));
        if torn {
            torn_writes += 1;
        }
        if mixed || torn {
            killed_mid_save += 1;
        }
        temps_before = temps_after;
    }
    let leftovers = temps(&project);
    println!(
        "{rounds} kills in {:.1} s: every file loaded whole; {killed_mid_save} kills landed during a save: \
         {mixed_versions} between two files of one save, {torn_writes} in the middle of writing a file; \
         {} temporary files left behind (never read)",
        started.elapsed().as_secs_f64(),
        leftovers.len()
    );
    // Otherwise every kill fell before or between saves, and the test
    // proved nothing about a save being interrupted.
    assert!(
        killed_mid_save > 0,
        "none of the {rounds} kills landed during a save (no story files of two versions, no temporary file left)"
    );
    // Once they are old enough that no running save can own them, the next
    // open clears them away.
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for path in &leftovers {
        std::fs::File::options().write(true).open(path).unwrap().set_modified(hour_ago).unwrap();
    }
    storage::load_project(&project).unwrap();
    assert!(temps(&project).is_empty(), "stale temporary files are removed at open");
}
