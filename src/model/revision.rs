//! Revisions: named snapshots of a story's text, kept in the story file so
//! the desk can see what changed since "Sent to copy desk" and go back.

use serde::{Deserialize, Serialize};

use super::{Story, TextField, Timestamp};

/// A named snapshot of a story's text fields. Saved with the story; the
/// story's tags, target, status and notes are not part of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// 1, 2, 3… within the story, in the order the revisions were taken.
    pub number: u32,
    /// What the snapshot marks: `Sent to copy desk`, or for automatic ones
    /// what caused it, such as `Status: Editing → Copy edit`.
    pub name: String,
    /// Who took it.
    pub author: String,
    /// When it was taken.
    pub at: Timestamp,
    /// Whether Copydesk took it by itself (on a status change) rather than
    /// an editor by hand.
    pub automatic: bool,
    /// The section path then.
    pub section: String,
    /// The headline then.
    pub headline: String,
    /// The dek then.
    pub dek: String,
    /// The byline then.
    pub byline: String,
    /// The dateline then.
    pub dateline: String,
    /// The Markdown body then.
    pub body: String,
}

impl Revision {
    /// The text fields a revision keeps, in story order. Notes are the
    /// desk's own and are left out.
    pub const FIELDS: [TextField; 6] = [
        TextField::Section,
        TextField::Headline,
        TextField::Dek,
        TextField::Byline,
        TextField::Dateline,
        TextField::Body,
    ];

    /// The text this revision kept for `field`, or `None` for a field it
    /// does not keep ([`TextField::Notes`]).
    pub fn text(&self, field: TextField) -> Option<&str> {
        match field {
            TextField::Section => Some(&self.section),
            TextField::Headline => Some(&self.headline),
            TextField::Dek => Some(&self.dek),
            TextField::Byline => Some(&self.byline),
            TextField::Dateline => Some(&self.dateline),
            TextField::Body => Some(&self.body),
            TextField::Notes => None,
        }
    }
}

impl Story {
    /// A snapshot of the story's text as it is now, numbered one past the
    /// highest revision it has. It is not added to the story: apply
    /// `Edit::AddRevision` for that, so it can be undone.
    pub fn snapshot(
        &self,
        name: impl Into<String>,
        author: impl Into<String>,
        at: Timestamp,
        automatic: bool,
    ) -> Revision {
        Revision {
            number: self.next_revision_number(),
            name: name.into(),
            author: author.into(),
            at,
            automatic,
            section: self.section.clone(),
            headline: self.headline.clone(),
            dek: self.dek.clone(),
            byline: self.byline.clone(),
            dateline: self.dateline.clone(),
            body: self.body.clone(),
        }
    }

    /// The number the next revision gets: one past the highest so far, or 1.
    pub fn next_revision_number(&self) -> u32 {
        self.revisions.iter().map(|r| r.number).max().map_or(1, |n| n.saturating_add(1))
    }

    /// The revision numbered `number`, if the story has it.
    pub fn revision(&self, number: u32) -> Option<&Revision> {
        self.revisions.iter().find(|r| r.number == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    #[test]
    fn snapshots_number_on_from_the_highest() {
        let mut story = Story::new(Slug::new("iraq").unwrap(), Timestamp::EPOCH);
        story.headline = "Drones".into();
        story.notes = "not kept".into();
        let first = story.snapshot("Filed", "Ana", Timestamp::EPOCH, false);
        assert_eq!((first.number, first.headline.as_str()), (1, "Drones"));
        assert_eq!(first.text(TextField::Notes), None);
        story.revisions.push(first);
        assert_eq!(story.snapshot("Again", "Ana", Timestamp::EPOCH, true).number, 2);
        assert_eq!(story.revision(1).map(|r| r.name.as_str()), Some("Filed"));
        assert!(story.revision(2).is_none());
    }
}
