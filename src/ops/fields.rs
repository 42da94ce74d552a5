//! Setting one of a story's fields from text, as `copydesk set` and the
//! window's Details column take it: validated, with what was expected when
//! it is not valid.

use super::{Refused, find_story};
use crate::edit::Edit;
use crate::model::{Project, TextField, Timestamp};

/// A field `copydesk set` can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A text field (one line, except the notes).
    Text(TextField),
    /// Tags, comma-separated.
    Tags,
    /// The target length in words.
    TargetWords,
    /// The planned publish time (RFC 3339); empty: none.
    PublishAt,
    /// The reporter the story is assigned to.
    Assignee,
    /// The editor responsible for it.
    Editor,
    /// When the copy is due; empty: no deadline.
    Deadline,
    /// Low, normal, high or urgent.
    Priority,
    /// Not to be published before this time; empty lifts it.
    Embargo,
}

impl Field {
    /// Every field, as the command line names them.
    pub const KEYS: [&'static str; 14] = [
        "section",
        "headline",
        "dek",
        "byline",
        "dateline",
        "tags",
        "target-words",
        "publish-at",
        "notes",
        "assignee",
        "editor",
        "deadline",
        "priority",
        "embargo",
    ];

    /// The field the command line names `key`.
    pub fn from_key(key: &str) -> Option<Field> {
        Some(match key.trim().to_lowercase().replace('_', "-").as_str() {
            "section" => Field::Text(TextField::Section),
            "headline" => Field::Text(TextField::Headline),
            "dek" => Field::Text(TextField::Dek),
            "byline" => Field::Text(TextField::Byline),
            "dateline" => Field::Text(TextField::Dateline),
            "notes" => Field::Text(TextField::Notes),
            "tags" => Field::Tags,
            "target-words" => Field::TargetWords,
            "publish-at" => Field::PublishAt,
            "assignee" => Field::Assignee,
            "editor" => Field::Editor,
            "deadline" => Field::Deadline,
            "priority" => Field::Priority,
            "embargo" => Field::Embargo,
            _ => return None,
        })
    }
}

/// Tags as typed: split at commas, trimmed, empty ones dropped.
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|tag| !tag.is_empty()).map(str::to_owned).collect()
}

/// A planned publish time as typed: RFC 3339 with its offset
/// (`2026-11-26T08:00:00+02:00`), or `2026-11-26 06:00` / `2026-11-26` in
/// UTC as the window's Details column shows it; empty is none. `None` when
/// it is not a time.
pub fn parse_publish_at(text: &str) -> Option<Option<Timestamp>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    if let Ok(at) = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        return Some(Some(Timestamp(at)));
    }
    Timestamp::parse_short(text).map(Some)
}

/// Sets `field` of story `slug` to `value`. An empty value clears a field
/// that may be empty (all but the target length). One-line fields refuse
/// line breaks; tags are split at commas ([`parse_tags`]); the target is a
/// whole number of words from 1 to 100,000; the publish time is RFC 3339
/// (`2026-11-26T06:00:00Z`) or the short form ([`parse_publish_at`]), and
/// so are the deadline and the embargo. A change to the copy of a
/// published or killed story is refused when it is applied (the
/// workspace's `Refusal::Published`), as every other edit to it is.
pub fn set_field(project: &Project, slug: &str, field: Field, value: &str, now: Timestamp) -> Result<Edit, Refused> {
    let found = find_story(project, slug)?;
    let story = found.slug.clone();
    let bad = |name: &str, expected: &str| Refused::BadValue {
        field: name.to_owned(),
        value: value.to_owned(),
        expected: expected.to_owned(),
    };
    const TIME: &str = "a time in RFC 3339 with its offset, such as 2026-11-26T06:00:00Z or 2026-11-26T08:00:00+02:00, or 2026-11-26 06:00 in UTC (empty: none)";
    let mut plan = found.plan.clone();
    let edit = match field {
        Field::Text(TextField::Notes) => Edit::SetText { story, field: TextField::Notes, text: value.to_owned() },
        Field::Text(text_field) => {
            if value.contains(['\n', '\r']) {
                return Err(bad(&text_field.label().to_lowercase(), "one line, without line breaks"));
            }
            Edit::SetText { story, field: text_field, text: value.trim().to_owned() }
        }
        Field::Tags => Edit::SetTags { story, tags: parse_tags(value) },
        Field::TargetWords => match value.trim().replace([',', '_'], "").parse::<u32>() {
            Ok(words) if (1..=100_000).contains(&words) => Edit::SetTargetWords { story, words },
            _ => return Err(bad("target length", "a whole number of words from 1 to 100000, such as 700")),
        },
        Field::PublishAt => match parse_publish_at(value) {
            Some(at) => Edit::SetPublishAt { story, at },
            None => return Err(bad("publish time", TIME)),
        },
        Field::Assignee | Field::Editor => {
            if value.contains(['\n', '\r']) {
                return Err(bad(if field == Field::Editor { "editor" } else { "assignee" }, "one name, on one line"));
            }
            let person = if field == Field::Editor { &mut plan.editor } else { &mut plan.assignee };
            *person = value.trim().to_owned();
            Edit::SetPlan { story, plan }
        }
        Field::Deadline => match parse_publish_at(value) {
            Some(at) => Edit::SetPlan { story, plan: crate::model::Plan { deadline: at, ..plan } },
            None => return Err(bad("deadline", TIME)),
        },
        Field::Priority => match crate::model::Priority::from_key(value) {
            Some(priority) => Edit::SetPlan { story, plan: crate::model::Plan { priority, ..plan } },
            None => return Err(bad("priority", "low, normal, high or urgent")),
        },
        Field::Embargo => {
            if found.status.is_out() {
                return Err(Refused::NotAllowed(format!(
                    "“{}” is {} already: an embargo holds only a story that has not gone out",
                    found.slug,
                    found.status.label()
                )));
            }
            match parse_publish_at(value) {
                Some(embargo) => {
                    let publication = crate::model::Publication { embargo, ..found.publication.clone() };
                    Edit::SetPublication { story, publication: Box::new(publication) }
                }
                None => return Err(bad("embargo", TIME)),
            }
        }
    };
    Ok(edit.stamped(now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Slug, Story};

    fn project() -> Project {
        let mut project = Project::new("Desk");
        project.stories.push(Story::new(Slug::new("iraq").unwrap(), Timestamp::EPOCH));
        project
    }

    fn set(key: &str, value: &str) -> Result<Project, Refused> {
        let mut project = project();
        let field = Field::from_key(key).unwrap();
        set_field(&project, "iraq", field, value, Timestamp::EPOCH)?.apply(&mut project).unwrap();
        Ok(project)
    }

    #[test]
    fn values_are_read_as_each_field_takes_them() {
        assert_eq!(set("tags", "Iraq, drones,, US ").unwrap().stories[0].tags, ["Iraq", "drones", "US"]);
        assert_eq!(set("target-words", "1,200").unwrap().stories[0].target_words, 1200);
        assert_eq!(set("headline", "  Drones  ").unwrap().stories[0].headline, "Drones");
        let at = set("publish-at", "2026-11-26T08:00:00+02:00").unwrap().stories[0].publish_at.unwrap();
        assert_eq!(at.0.unix_timestamp(), time::macros::datetime!(2026-11-26 06:00 UTC).unix_timestamp());
        assert_eq!(set("publish-at", "").unwrap().stories[0].publish_at, None);
        let short = set("publish-at", "2026-11-26 06:00").unwrap().stories[0].publish_at.unwrap();
        assert_eq!(short.0.unix_timestamp(), at.0.unix_timestamp(), "the window's short form is UTC");
        assert_eq!(set("notes", "two\nlines").unwrap().stories[0].notes, "two\nlines");
    }

    #[test]
    fn bad_values_say_what_was_expected() {
        for (key, value) in [
            ("target-words", "0"),
            ("target-words", "lots"),
            ("target-words", ""),
            ("publish-at", "tomorrow"),
            ("dek", "a\nb"),
        ] {
            let refused = set(key, value).unwrap_err();
            assert!(refused.is_bad_input(), "{key}={value}: {refused}");
            assert!(refused.to_string().contains(&format!("“{value}”")), "{refused}");
        }
        assert!(matches!(
            set_field(&project(), "nope", Field::Tags, "", Timestamp::EPOCH),
            Err(Refused::NoSuchStory { .. })
        ));
    }
}
