//! Story locks, for a team sharing a project folder: the Copydesk editing a
//! story keeps `stories/<slug>.lock` beside it (who, on which machine,
//! which process, since when, last refreshed) and refreshes it while the
//! story is open. Another Copydesk that opens the story sees who holds it
//! and opens it read-only; a lock whose holder is gone (its process ended
//! on this machine, or it was not refreshed for [`STALE_AFTER`]) can be
//! taken over. Locks are git-ignored (`*.lock`).
//!
//! Taking a free lock creates the file with `create_new`, so two Copydesks
//! racing for it cannot both win.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{StorageError, atomic_write};
use crate::model::{Slug, Timestamp};

/// A lock not refreshed for this long is taken to be abandoned.
pub const STALE_AFTER: Duration = Duration::from_secs(5 * 60);
/// How often the holder refreshes its locks.
pub const REFRESH_EVERY: Duration = Duration::from_secs(60);
/// Lock files are tiny; a bigger one is not ours.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// Who holds a lock: written in the lock file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The editor's name (from preferences).
    pub editor: String,
    /// The machine.
    pub host: String,
    /// The process.
    pub pid: u32,
    /// One run of Copydesk (two windows in one process differ).
    pub session: String,
    /// When the story was opened.
    pub since: Timestamp,
    /// When the lock was last refreshed.
    pub refreshed: Timestamp,
}

impl Holder {
    /// This Copydesk, as `editor`, at `now`.
    pub fn me(editor: &str, session: &str, now: Timestamp) -> Holder {
        Holder {
            editor: editor.to_owned(),
            host: host_name(),
            pid: std::process::id(),
            session: session.to_owned(),
            since: now,
            refreshed: now,
        }
    }

    /// "Ana Ruiz on desk-3 since 2026-11-25 18:02".
    pub fn describe(&self) -> String {
        let who = if self.editor.trim().is_empty() { "Someone" } else { self.editor.trim() };
        format!("{who} on {} since {}", self.host, self.since.short())
    }
}

/// Where a story's lock stands for this Copydesk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// Nobody holds it.
    Free,
    /// This Copydesk holds it.
    Ours,
    /// Someone else is editing the story.
    Held(Holder),
    /// Its holder is gone: it may be taken over.
    Stale(Holder),
}

/// Judges `holder`'s lock from `me`'s side at `now`; `alive` says whether a
/// process of this machine is still running.
pub fn judge(holder: Holder, me: &Holder, now: Timestamp, alive: impl Fn(u32) -> bool) -> LockState {
    if holder.session == me.session && holder.host == me.host && holder.pid == me.pid {
        return LockState::Ours;
    }
    let quiet = now.0 - holder.refreshed.0;
    let gone_here = holder.host == me.host && !alive(holder.pid);
    if gone_here || quiet > STALE_AFTER { LockState::Stale(holder) } else { LockState::Held(holder) }
}

/// Who else is editing `slug` right now, judged from `me`'s side: the
/// holder of a lock that is neither ours nor stale. For the command line,
/// which edits a story without locking it and must not change one an
/// editor has open.
pub fn held_by_other(root: &Path, slug: &Slug, me: &Holder, now: Timestamp) -> Option<Holder> {
    let holder = read_lock(&lock_path(root, slug))?;
    match judge(holder, me, now, process_alive) {
        LockState::Held(holder) => Some(holder),
        LockState::Ours | LockState::Stale(_) | LockState::Free => None,
    }
}

/// The lock file of `slug` in the project at `root`.
pub fn lock_path(root: &Path, slug: &Slug) -> PathBuf {
    root.join(super::STORIES_DIR).join(format!("{slug}.lock"))
}

/// Reads a lock; `None` when there is none. An unreadable lock file is
/// treated as held by someone unknown, never silently taken.
fn read_lock(path: &Path) -> Option<Holder> {
    let bytes = super::read_project_bytes(path, MAX_LOCK_BYTES).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(ron::from_str(&text).unwrap_or_else(|_| Holder {
        editor: "an unreadable lock file".to_owned(),
        host: "unknown".to_owned(),
        pid: 0,
        session: String::new(),
        since: Timestamp::EPOCH,
        refreshed: Timestamp::EPOCH,
    }))
}

fn lock_text(holder: &Holder) -> String {
    super::format::to_ron(holder).unwrap_or_default()
}

/// Tries to lock `slug` for `me`: creates the lock when it is free, keeps
/// it when it is already ours, and otherwise says who holds it.
pub fn acquire(root: &Path, slug: &Slug, me: &Holder, now: Timestamp) -> Result<LockState, StorageError> {
    super::refuse_linked_dir(&root.join(super::STORIES_DIR))?;
    let path = lock_path(root, slug);
    for _ in 0..2 {
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let write_error = |source| StorageError::Write { path: path.clone(), source };
                file.write_all(lock_text(me).as_bytes()).map_err(write_error)?;
                file.sync_all().map_err(write_error)?;
                return Ok(LockState::Ours);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                match read_lock(&path) {
                    Some(holder) => return Ok(judge(holder, me, now, process_alive)),
                    // Removed between our two looks: try again.
                    None => continue,
                }
            }
            Err(source) => return Err(StorageError::Write { path, source }),
        }
    }
    Ok(LockState::Free)
}

/// Takes over a stale lock (or refreshes our own): writes `me` into it.
pub fn take_over(root: &Path, slug: &Slug, me: &Holder) -> Result<(), StorageError> {
    atomic_write(&lock_path(root, slug), lock_text(me).as_bytes())
}

/// Refreshes our lock's time; does nothing when the lock is no longer ours
/// (someone took it over).
pub fn refresh(root: &Path, slug: &Slug, me: &Holder, now: Timestamp) -> Result<LockState, StorageError> {
    super::refuse_linked_dir(&root.join(super::STORIES_DIR))?;
    let path = lock_path(root, slug);
    match read_lock(&path) {
        Some(holder) if holder.session == me.session && holder.pid == me.pid && holder.host == me.host => {
            let refreshed = Holder { refreshed: now, since: holder.since, ..me.clone() };
            atomic_write(&path, lock_text(&refreshed).as_bytes())?;
            Ok(LockState::Ours)
        }
        Some(holder) => Ok(judge(holder, me, now, process_alive)),
        None => acquire(root, slug, me, now),
    }
}

/// Removes our lock of `slug`; someone else's is left alone.
pub fn release(root: &Path, slug: &Slug, me: &Holder) {
    if super::refuse_linked_dir(&root.join(super::STORIES_DIR)).is_err() {
        return;
    }
    let path = lock_path(root, slug);
    if read_lock(&path).is_some_and(|holder| holder.session == me.session && holder.pid == me.pid) {
        let _ = fs::remove_file(path);
    }
}

/// This machine's name, as locks record it (read once per run: the window
/// asks for it every frame).
pub fn host_name() -> String {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let from_file =
            fs::read_to_string("/proc/sys/kernel/hostname").or_else(|_| fs::read_to_string("/etc/hostname"));
        let name = from_file.ok().map(|text| text.trim().to_owned()).filter(|name| !name.is_empty());
        name.or_else(|| std::env::var("COMPUTERNAME").ok())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .unwrap_or_else(|| "unknown".to_owned())
    })
    .clone()
}

/// Whether process `pid` of this machine is running. Where Copydesk cannot
/// tell (no `/proc`), it says yes, and only the refresh time can make the
/// lock stale.
pub fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> Timestamp {
        Timestamp(time::OffsetDateTime::UNIX_EPOCH + time::Duration::minutes(minutes))
    }

    fn holder(host: &str, pid: u32, session: &str, refreshed: i64) -> Holder {
        Holder {
            editor: "Ana".into(),
            host: host.into(),
            pid,
            session: session.into(),
            since: at(0),
            refreshed: at(refreshed),
        }
    }

    #[test]
    fn a_lock_is_ours_held_or_stale() {
        let me = holder("desk-1", 10, "a", 0);
        let alive = |_| true;
        assert_eq!(judge(holder("desk-1", 10, "a", 0), &me, at(1), alive), LockState::Ours);
        // Another window in the same process is someone else.
        assert!(matches!(judge(holder("desk-1", 10, "b", 0), &me, at(1), alive), LockState::Held(_)));
        assert!(matches!(judge(holder("desk-2", 99, "c", 0), &me, at(4), alive), LockState::Held(_)));
        assert!(matches!(judge(holder("desk-2", 99, "c", 0), &me, at(6), alive), LockState::Stale(_)), "not refreshed");
        let dead = |pid| pid != 99;
        assert!(matches!(judge(holder("desk-1", 99, "c", 0), &me, at(1), dead), LockState::Stale(_)), "process ended");
        assert!(matches!(judge(holder("desk-2", 99, "c", 0), &me, at(1), dead), LockState::Held(_)), "another machine");
    }

    #[test]
    fn the_second_copydesk_sees_the_first_until_it_releases() {
        let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
        std::fs::create_dir_all(dir.path().join("stories")).unwrap_or_default();
        let slug = Slug::new("iraq").unwrap_or_else(|_| unreachable!());
        let first = Holder::me("Ana", "one", at(0));
        let second = Holder::me("Ben", "two", at(0));
        assert_eq!(acquire(dir.path(), &slug, &first, at(0)).ok(), Some(LockState::Ours));
        let seen = acquire(dir.path(), &slug, &second, at(1)).ok();
        assert!(matches!(seen, Some(LockState::Held(ref holder)) if holder.editor == "Ana"), "{seen:?}");
        assert_eq!(refresh(dir.path(), &slug, &first, at(2)).ok(), Some(LockState::Ours));
        release(dir.path(), &slug, &second);
        assert!(lock_path(dir.path(), &slug).exists(), "someone else's lock is left alone");
        release(dir.path(), &slug, &first);
        assert!(!lock_path(dir.path(), &slug).exists());
        assert_eq!(acquire(dir.path(), &slug, &second, at(3)).ok(), Some(LockState::Ours));
    }
}
