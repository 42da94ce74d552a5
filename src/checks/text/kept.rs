//! The text rules' hits kept between runs of `copydesk check`, by what
//! was checked: [`check_text`](super::check_text) is a pure function of the
//! kind of text and the text, so a text checked by an earlier run need not
//! be checked again. A run hands in what was kept ([`use_kept_hits`]),
//! checks, and takes back what to keep for the next run
//! ([`KeepingRun::finish`]); outside a run (and in the window, which
//! checks as the editor types and keeps nothing) every text is checked
//! afresh.
//!
//! What was kept is only used by the same rules: its version is a hash of
//! the rules' own source, so any change to them checks everything again.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::TextKind;
use crate::checks::Hit;

/// How many texts' hits are kept at most; past that only those of the
/// last run are.
const KEPT_TEXTS: usize = 50_000;

/// The source of everything [`check_text`](super::check_text) runs: its
/// hits change only when one of these does.
const RULES_SOURCE: [&str; 11] = [
    include_str!("mod.rs"),
    include_str!("balance.rs"),
    include_str!("boilerplate.rs"),
    include_str!("duplicates.rs"),
    include_str!("links.rs"),
    include_str!("pasted.rs"),
    include_str!("placeholders.rs"),
    include_str!("punctuation.rs"),
    include_str!("../numbers.rs"),
    include_str!("../rules.rs"),
    include_str!("../mod.rs"),
];

/// The hits of texts checked before, as `.copydesk-cache/checks.json`
/// holds them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptHits {
    /// The rules they were found by ([`rules_version`]).
    pub version: String,
    /// Each text's hits, by [`key`].
    pub hits: HashMap<String, Vec<Hit>>,
}

/// What a run kept, found and used.
struct Keeping {
    kept: HashMap<String, Vec<Hit>>,
    fresh: HashMap<String, Vec<Hit>>,
    used: HashSet<String>,
}

/// The run's keeping, when one is on.
static KEEPING: Mutex<Option<Keeping>> = Mutex::new(None);

fn keeping() -> std::sync::MutexGuard<'static, Option<Keeping>> {
    KEEPING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The version of the rules: a hash of their source and Copydesk's version
/// (made once a process).
pub fn rules_version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        for source in RULES_SOURCE {
            hasher.update(source.as_bytes());
        }
        hasher.finalize().to_hex().get(..32).unwrap_or_default().to_owned()
    })
}

/// The key of `text` checked as `kind`.
fn key(kind: TextKind, text: &str) -> String {
    let kind: &[u8] = match kind {
        TextKind::Headline => b"h",
        TextKind::Dek => b"d",
        TextKind::Body => b"b",
        TextKind::Caption => b"c",
    };
    let mut hasher = blake3::Hasher::new();
    hasher.update(kind);
    hasher.update(text.as_bytes());
    hasher.finalize().to_hex().get(..32).unwrap_or_default().to_owned()
}

/// Starts keeping hits, with `stored` (from an earlier run; ignored when
/// its rules were others). Keeping lasts as long as the returned run: a
/// run that stops early (an error, a panic) drops it, and the texts
/// checked after it are checked afresh and kept nowhere.
pub fn use_kept_hits(stored: KeptHits) -> KeepingRun {
    let kept = if stored.version == rules_version() { stored.hits } else { HashMap::new() };
    *keeping() = Some(Keeping { kept, fresh: HashMap::new(), used: HashSet::new() });
    KeepingRun(())
}

/// A run of checks keeping their hits ([`use_kept_hits`]); ended by
/// [`Self::finish`] or by being dropped.
#[must_use = "keeping stops when the run is dropped"]
pub struct KeepingRun(());

impl KeepingRun {
    /// Stops keeping hits; what to keep for the next run, or `None` when
    /// nothing was found that was not kept already.
    pub fn finish(self) -> Option<KeptHits> {
        let Keeping { mut kept, fresh, used } = keeping().take()?;
        if fresh.is_empty() {
            return None;
        }
        if kept.len() + fresh.len() > KEPT_TEXTS {
            kept.retain(|key, _| used.contains(key));
        }
        kept.extend(fresh);
        Some(KeptHits { version: rules_version().to_owned(), hits: kept })
    }
}

impl Drop for KeepingRun {
    fn drop(&mut self) {
        keeping().take();
    }
}

/// The hits of `text` checked as `kind`: kept ones while a run keeps them,
/// else `find`'s (kept for the next run).
pub(super) fn or_found(kind: TextKind, text: &str, find: impl FnOnce() -> Vec<Hit>) -> Vec<Hit> {
    let key = {
        let mut guard = keeping();
        let Some(keeping) = guard.as_mut() else {
            drop(guard);
            return find();
        };
        let key = key(kind, text);
        if let Some(hits) = keeping.kept.get(&key).or_else(|| keeping.fresh.get(&key)).cloned() {
            keeping.used.insert(key);
            return hits;
        }
        key
    };
    // Found without holding the lock: other threads check meanwhile.
    let hits = find();
    if let Some(keeping) = keeping().as_mut() {
        keeping.fresh.insert(key, hits.clone());
    }
    hits
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kept_hits_are_keyed_by_the_text_and_its_kind_dropped_when_the_rules_change_and_kept_only_while_a_run_lasts() {
        assert_ne!(key(TextKind::Body, "Some text."), key(TextKind::Caption, "Some text."));
        assert_ne!(key(TextKind::Body, "Some text."), key(TextKind::Body, "Some text!"));
        assert_eq!(rules_version(), rules_version());
        let stale = KeptHits { version: "other rules".to_owned(), hits: HashMap::from([("k".to_owned(), Vec::new())]) };
        let run = use_kept_hits(stale);
        assert!(keeping().as_ref().unwrap().kept.is_empty(), "hits of other rules are not used");
        drop(run);
        assert!(keeping().is_none(), "a run that stops early keeps nothing after it");
        let run = use_kept_hits(KeptHits::default());
        let hits = or_found(TextKind::Body, "Some text.", Vec::new);
        assert!(hits.is_empty());
        let kept = run.finish().unwrap();
        assert_eq!(kept.version, rules_version());
        // (Other tests check texts meanwhile; theirs may be kept too.)
        assert!(kept.hits.contains_key(&key(TextKind::Body, "Some text.")), "the run's text is kept for the next");
        assert!(keeping().is_none());
    }
}
