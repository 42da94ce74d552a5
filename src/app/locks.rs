//! The lock of the story this window has open (see `storage::lock`): taken
//! when a story is selected, refreshed every minute, released when another
//! story is selected, the project closes or Copydesk exits. When someone
//! else holds it, the story is shown read-only with who is editing it.

use std::hash::{BuildHasher as _, Hasher as _};
use std::path::{Path, PathBuf};

use crate::model::{Slug, Timestamp};
use crate::storage::lock::{self, Holder, LockState};

/// This window's lock, and what it knows of the selected story's.
pub struct StoryLocks {
    session: String,
    /// The project folder and story locked or looked at, and the state.
    current: Option<(PathBuf, Slug, LockState)>,
    /// When the lock was last refreshed or looked at (the window's clock, s).
    checked_at: f64,
    /// Set to look again at the next update.
    recheck: bool,
}

impl Default for StoryLocks {
    fn default() -> Self {
        // A random id per window, so two windows of one process differ.
        let session = format!("{:016x}", std::collections::hash_map::RandomState::new().build_hasher().finish());
        StoryLocks { session, current: None, checked_at: 0.0, recheck: false }
    }
}

impl StoryLocks {
    /// Keeps the lock in step with the selected story: `selected` in the
    /// project at `root`, as `editor`; `seconds` is the window's clock.
    pub fn update(&mut self, root: Option<&Path>, selected: Option<&Slug>, editor: &str, seconds: f64, now: Timestamp) {
        let wanted = root.zip(selected);
        let same = match (&self.current, wanted) {
            (Some((held_root, held_slug, _)), Some((root, slug))) => held_root == root && held_slug == slug,
            (None, None) => true,
            _ => false,
        };
        let me = Holder::me(editor, &self.session, now);
        if !same {
            self.release(editor);
            if let Some((root, slug)) = wanted {
                let mut state = lock::acquire(root, slug, &me, now).unwrap_or(LockState::Free);
                // Our own lock from a Copydesk that crashed on this machine:
                // nobody else to wait for.
                if let LockState::Stale(holder) = &state
                    && holder.host == me.host
                    && holder.editor == me.editor
                    && !holder.editor.trim().is_empty()
                    && lock::take_over(root, slug, &me).is_ok()
                {
                    state = LockState::Ours;
                }
                self.current = Some((root.to_owned(), slug.clone(), state));
            }
            self.checked_at = seconds;
            return;
        }
        let due = seconds - self.checked_at >= lock::REFRESH_EVERY.as_secs_f64();
        if (due || self.recheck)
            && let Some((root, slug, state)) = &mut self.current
        {
            *state = lock::refresh(root, slug, &me, now).unwrap_or(LockState::Free);
            self.checked_at = seconds;
            self.recheck = false;
        }
    }

    /// Who else holds the selected story, and whether their lock is stale;
    /// `None` when this window may edit it.
    pub fn blocked(&self) -> Option<(&Holder, bool)> {
        match &self.current {
            Some((_, _, LockState::Held(holder))) => Some((holder, false)),
            Some((_, _, LockState::Stale(holder))) => Some((holder, true)),
            _ => None,
        }
    }

    /// The story someone else holds, with who: what the workspace must
    /// refuse edits to.
    pub fn held_story(&self) -> Option<(Slug, String)> {
        match &self.current {
            Some((_, slug, LockState::Held(holder) | LockState::Stale(holder))) => {
                Some((slug.clone(), holder.describe()))
            }
            _ => None,
        }
    }

    /// Takes over a stale lock of the selected story; returns whether it did.
    pub fn take_over(&mut self, editor: &str, now: Timestamp) -> bool {
        let me = Holder::me(editor, &self.session, now);
        match &mut self.current {
            Some((root, slug, state @ LockState::Stale(_))) => {
                if lock::take_over(root, slug, &me).is_ok() {
                    *state = LockState::Ours;
                    return true;
                }
                false
            }
            _ => false,
        }
    }

    /// Looks at the lock again at the next update (not waiting a minute).
    pub fn recheck(&mut self) {
        self.recheck = true;
    }

    /// Releases this window's lock, if it holds one.
    pub fn release(&mut self, editor: &str) {
        if let Some((root, slug, LockState::Ours)) = self.current.take() {
            lock::release(&root, &slug, &Holder::me(editor, &self.session, Timestamp::EPOCH));
        }
    }
}
