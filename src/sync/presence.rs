//! Who is editing what, across machines: light, advisory presence kept in
//! the shared repository.
//!
//! Each editor has one ref, `refs/copydesk/presence/<editor>-<host>`,
//! pointing at a commit with an empty tree whose message says which story
//! is open and since when. Sync force-pushes it (one ref update, atomic)
//! and fetches everyone's into `refs/copydesk/seen/`. Nothing is ever
//! blocked by it, and presence not refreshed for [`FRESH_FOR_MINUTES`]
//! ages out.

use super::git::{Git, GitFailure};
use crate::model::{Slug, Timestamp};

/// Where presence lives on the remote.
pub const REMOTE_PREFIX: &str = "refs/copydesk/presence/";
/// Where the fetched presence of everyone lives here.
pub const SEEN_PREFIX: &str = "refs/copydesk/seen/";
/// Presence older than this is stale and not shown.
pub const FRESH_FOR_MINUTES: i64 = 15;

/// One editor's presence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presence {
    /// The editor's name, as in their preferences.
    pub editor: String,
    /// The machine.
    pub host: String,
    /// The story they have open, if any.
    pub story: Option<Slug>,
    /// Since when they have it open.
    pub since: Timestamp,
    /// When their Copydesk last said so.
    pub seen: Timestamp,
}

impl Presence {
    /// The ref name part for this editor on this machine.
    pub fn id(&self) -> String {
        id_of(&self.editor, &self.host)
    }

    /// The message stored in the presence commit.
    fn message(&self) -> String {
        format!(
            "copydesk presence\n\neditor: {}\nhost: {}\nstory: {}\nsince: {}\nseen: {}\n",
            one_line(&self.editor),
            one_line(&self.host),
            self.story.as_ref().map(Slug::as_str).unwrap_or_default(),
            rfc3339(self.since),
            rfc3339(self.seen),
        )
    }

    /// Reads a presence commit's message; `None` when it is not one.
    fn parse(message: &str) -> Option<Presence> {
        let field =
            |name: &str| message.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(": ").map(str::trim));
        let time = |text: &str| {
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok().map(Timestamp)
        };
        if !message.starts_with("copydesk presence") {
            return None;
        }
        Some(Presence {
            editor: field("editor")?.to_owned(),
            host: field("host").unwrap_or_default().to_owned(),
            story: field("story").and_then(|s| Slug::new(s).ok()),
            since: time(field("since")?)?,
            seen: time(field("seen")?)?,
        })
    }

    /// Whether it is recent enough at `now` to show.
    pub fn is_fresh(&self, now: Timestamp) -> bool {
        (now.0 - self.seen.0).whole_minutes() < FRESH_FOR_MINUTES
    }

    /// "Kathy is editing (12 min ago)", for the budget.
    pub fn describe(&self, now: Timestamp) -> String {
        let minutes = (now.0 - self.since.0).whole_minutes().max(0);
        let ago = match minutes {
            0 => "just now".to_owned(),
            1..=59 => format!("{minutes} min ago"),
            _ => format!("{} h ago", minutes / 60),
        };
        format!("{} is editing ({ago})", self.editor)
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn rfc3339(at: Timestamp) -> String {
    at.0.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// A ref-safe name for an editor on a host: lowercase letters, digits and
/// dashes.
pub fn id_of(editor: &str, host: &str) -> String {
    let clean = |text: &str| {
        let mut out = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        out.trim_end_matches('-').to_owned()
    };
    let (editor, host) = (clean(editor), clean(host));
    match (editor.is_empty(), host.is_empty()) {
        (true, true) => "someone".to_owned(),
        (true, false) => host,
        (false, true) => editor,
        (false, false) => format!("{editor}-{host}"),
    }
}

/// Publishes `presence` to the remote `origin` (replacing the editor's
/// earlier one).
pub fn publish(git: &Git, presence: &Presence) -> Result<(), GitFailure> {
    let empty_tree = git.run_with_input(&["hash-object", "-t", "tree", "-w", "--stdin"], Some(b""))?;
    let commit = git
        .with_env("GIT_AUTHOR_NAME", "Copydesk")
        .with_env("GIT_AUTHOR_EMAIL", "presence@copydesk.invalid")
        .with_env("GIT_COMMITTER_NAME", "Copydesk")
        .with_env("GIT_COMMITTER_EMAIL", "presence@copydesk.invalid")
        .run_with_input(&["commit-tree", empty_tree.trim()], Some(presence.message().as_bytes()))?;
    let refspec = format!("+{}:{REMOTE_PREFIX}{}", commit.trim(), presence.id());
    git.run(&["push", "--quiet", "--no-verify", "origin", &refspec])?;
    Ok(())
}

/// The refspec that fetches everyone's presence.
pub fn fetch_refspec() -> String {
    format!("+{REMOTE_PREFIX}*:{SEEN_PREFIX}*")
}

/// Everyone's fresh presence as last fetched, except `me` (an id).
pub fn others(git: &Git, me: &str, now: Timestamp) -> Vec<Presence> {
    let format = "%(refname)%00%(contents)%00%00";
    let Ok(listing) = git.run(&["for-each-ref", &format!("--format={format}"), SEEN_PREFIX]) else {
        return Vec::new();
    };
    let mut found: Vec<Presence> = listing
        .split("\0\0")
        .filter_map(|record| {
            let (name, message) = record.trim_start_matches('\n').split_once('\0')?;
            let id = name.strip_prefix(SEEN_PREFIX)?;
            let presence = Presence::parse(message)?;
            (id != me && presence.is_fresh(now)).then_some(presence)
        })
        .collect();
    found.sort_by(|a, b| a.editor.cmp(&b.editor));
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp(time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap())
    }

    #[test]
    fn a_presence_reads_back_from_its_message() {
        let presence = Presence {
            editor: "Kathy Gannon".into(),
            host: "desk-3".into(),
            story: Some(Slug::new("drone-attacks").unwrap()),
            since: at("2026-12-02T10:00:00Z"),
            seen: at("2026-12-02T10:12:00Z"),
        };
        assert_eq!(Presence::parse(&presence.message()), Some(presence.clone()));
        assert_eq!(presence.id(), "kathy-gannon-desk-3");
        assert_eq!(presence.describe(at("2026-12-02T10:12:00Z")), "Kathy Gannon is editing (12 min ago)");
        assert!(presence.is_fresh(at("2026-12-02T10:20:00Z")));
        assert!(!presence.is_fresh(at("2026-12-02T10:40:00Z")));
    }
}
