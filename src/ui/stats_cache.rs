//! Word and character counts of story bodies, counted once per change of
//! each story instead of once per frame (a 20,000-word body takes a
//! fraction of a millisecond to count, and the budget and the editor both
//! show counts every frame), and after a change only in the lines it
//! touched.

use std::collections::HashMap;

use crate::edit::Revision;
use crate::model::{Slug, Story, TextStats, recount, text_stats};

/// Counts of story bodies, each valid for one revision of its story.
#[derive(Debug, Default)]
pub struct StatsCache {
    /// Counts by story, with the story revision they were made at and the
    /// text they are of (the body as it stands).
    stats: HashMap<Slug, Counted>,
}

#[derive(Debug)]
struct Counted {
    revision: Revision,
    text: String,
    stats: TextStats,
}

impl StatsCache {
    /// The counts of `story`'s body at its story `revision` (`None`: not
    /// known, counted afresh).
    pub fn body(&mut self, revision: Option<Revision>, story: &Story) -> TextStats {
        let Some(revision) = revision else { return text_stats(&crate::model::tracked::as_it_stands(&story.body)) };
        match self.stats.get_mut(&story.slug) {
            Some(counted) if counted.revision == revision => counted.stats,
            Some(counted) => {
                let text = crate::model::tracked::as_it_stands(&story.body).into_owned();
                counted.stats =
                    recount(&counted.text, counted.stats, &text, crate::diff::changed_span(&counted.text, &text));
                counted.text = text;
                counted.revision = revision;
                counted.stats
            }
            None => {
                let text = crate::model::tracked::as_it_stands(&story.body).into_owned();
                let stats = text_stats(&text);
                self.stats.insert(story.slug.clone(), Counted { revision, text, stats });
                stats
            }
        }
    }
}
