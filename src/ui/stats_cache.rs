//! Word and character counts of story bodies, counted once per change of
//! each story instead of once per frame (a 20,000-word body takes a
//! fraction of a millisecond to count, and the budget and the editor both
//! show counts every frame).

use std::collections::HashMap;

use crate::edit::Revision;
use crate::model::{Slug, Story, TextStats, text_stats};

/// Counts of story bodies, each valid for one revision of its story.
#[derive(Debug, Default)]
pub struct StatsCache {
    /// Counts by story, with the story revision they were made at.
    stats: HashMap<Slug, (Revision, TextStats)>,
}

impl StatsCache {
    /// The counts of `story`'s body at its story `revision` (`None`: not
    /// known, counted afresh).
    pub fn body(&mut self, revision: Option<Revision>, story: &Story) -> TextStats {
        let Some(revision) = revision else { return text_stats(&crate::model::tracked::as_it_stands(&story.body)) };
        match self.stats.get(&story.slug) {
            Some((counted, stats)) if *counted == revision => *stats,
            _ => {
                let stats = text_stats(&crate::model::tracked::as_it_stands(&story.body));
                self.stats.insert(story.slug.clone(), (revision, stats));
                stats
            }
        }
    }
}
