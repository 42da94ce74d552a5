//! Word and character counts of story bodies, counted once per change of
//! the project instead of once per frame (a 20,000-word body takes a
//! fraction of a millisecond to count, and the budget and the editor both
//! show counts every frame).

use std::collections::HashMap;

use crate::edit::Revision;
use crate::model::{Slug, Story, TextStats, text_stats};

/// Counts of story bodies, valid for one revision of the project.
#[derive(Debug, Default)]
pub struct StatsCache {
    /// The revision the counts belong to.
    revision: Option<Revision>,
    /// Counts by story.
    stats: HashMap<Slug, TextStats>,
}

impl StatsCache {
    /// The counts of `story`'s body at the project's `revision`.
    pub fn body(&mut self, revision: Revision, story: &Story) -> TextStats {
        if self.revision != Some(revision) {
            self.stats.clear();
            self.revision = Some(revision);
        }
        *self.stats.entry(story.slug.clone()).or_insert_with(|| text_stats(&story.body))
    }
}
