//! Storage: round trips, schema versions, broken files and atomic saves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use std::fs;
use std::path::Path;

use copydesk::model::tracked;
use copydesk::model::{MarkKind, Project, ProjectSettings, Slug, Story, StoryStatus, Timestamp};
use copydesk::storage::{self, StorageError};
use proptest::prelude::*;

fn story(slug: &str) -> Story {
    Story::new(Slug::new(slug).unwrap(), Timestamp(time::macros::datetime!(2026-11-25 11:00 UTC)))
}

fn project_with(dir: &Path, stories: Vec<Story>) -> storage::LoadedProject {
    let mut loaded = storage::create_project(dir, "Desk").unwrap();
    loaded.project.stories = stories;
    loaded.folder.save(&loaded.project).unwrap();
    loaded
}

fn any_text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, raw-string hashes, newlines, Unicode: what breaks naive writers.
    proptest::string::string_regex("[a-zA-Z0-9 \"'#\\\\\n\r\t“”’é漢字🙂(),:/-]{0,80}").unwrap()
}

prop_compose! {
    fn any_story()(
        slug in "[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,5}){0,2}",
        texts in proptest::collection::vec(any_text(), 7),
        tags in proptest::collection::vec(any_text(), 0..4),
        target_words in any::<u32>(),
        status in 0usize..6,
        created in 0i64..4_000_000_000,
        revisions in proptest::collection::vec((any_text(), any_text(), any::<bool>()), 0..3),
    ) -> Story {
        let at = Timestamp(time::OffsetDateTime::from_unix_timestamp(created).unwrap());
        let mut story = Story::new(Slug::new(&slug).unwrap(), at);
        story.section = texts[0].clone();
        story.headline = texts[1].clone();
        story.dek = texts[2].clone();
        story.byline = texts[3].clone();
        story.dateline = texts[4].clone();
        story.body = texts[5].clone();
        story.notes = texts[6].clone();
        story.tags = tags;
        story.target_words = target_words;
        story.status = StoryStatus::ALL[status];
        for (name, body, automatic) in revisions {
            let mut revision = story.snapshot(name, "Ana", at, automatic);
            revision.body = body;
            story.revisions.push(revision);
        }
        story
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any story saves and loads back identical.
    #[test]
    fn any_story_round_trips(story in any_story(), name in any_text()) {
        let dir = tempfile::tempdir().unwrap();
        let mut loaded = storage::create_project(dir.path(), &name).unwrap();
        loaded.project.stories.push(story);
        loaded.folder.save(&loaded.project).unwrap();
        let reloaded = storage::load_project(dir.path()).unwrap();
        prop_assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
        prop_assert_eq!(reloaded.project, loaded.project);
    }
}

#[test]
fn files_are_readable_ron_with_the_body_on_its_own_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = story("iraq");
    s.body = "First “paragraph”.\n\nSecond paragraph.".into();
    project_with(dir.path(), vec![s]);
    let text = fs::read_to_string(dir.path().join("stories/iraq.ron")).unwrap();
    assert!(text.starts_with("(\n    schema: 6,\n"), "{text}");
    assert!(
        text.ends_with(
            "Second paragraph.\",\n        photos: [],\n        checklist: [],\n        signoffs: [],\n        activity: [],\n        suggestions: [],\n        comments: [],\n        revisions: [],\n    ),\n)\n"
        ),
        "photos, the review record, suggestions and comments, then revisions come last: {text}"
    );
    assert!(text.contains("“paragraph”"), "non-ASCII stays as typed: {text}");
    assert!(text.contains("\nSecond paragraph."), "newlines are real newlines: {text}");
    let project = fs::read_to_string(dir.path().join("project.ron")).unwrap();
    assert!(project.contains("story_order: [\n        \"iraq\",\n    ]"), "{project}");
}

#[test]
fn the_sample_project_loads() {
    let loaded = storage::load_project(&copydesk::sample_project_dir()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.project.stories.len(), 1);
}

/// Fixtures written by each schema version must keep loading. A new schema
/// freezes its predecessor's fixture and adds its own here.
#[test]
fn schema_1_fixture_loads() {
    let loaded = storage::load_project(Path::new("tests/fixtures/projects/schema-1")).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.project.name, "City desk");
    // Schema 1's two settings are kept; schema 2's arrive with their defaults.
    let defaults = ProjectSettings::default();
    assert_eq!(
        loaded.project.settings,
        ProjectSettings { default_target_words: 500, language: "en-GB".into(), ..defaults.clone() }
    );
    assert_eq!((defaults.headline_max_chars, defaults.dek_max_chars), (90, 200));
    assert!(defaults.dictionary.is_empty());
    let slugs: Vec<&str> = loaded.project.stories.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["school-closures", "council-budget"], "story order from project.ron");
    let story = &loaded.project.stories[1];
    assert_eq!(story.status, StoryStatus::Editing);
    assert_eq!(story.tags, vec!["council".to_owned(), "budget".to_owned()]);
    assert!(story.body.contains("\n\n## What changes\n\n> “It was"));
    assert!(loaded.project.stories.iter().all(|s| s.revisions.is_empty()), "schema 1 had no revisions");
}

/// Saving a migrated project writes every file in the current schema, once.
#[test]
fn a_schema_1_project_is_saved_in_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/projects/schema-1"), dir.path());
    let mut loaded = storage::load_project(dir.path()).unwrap();
    let report = loaded.folder.save(&loaded.project).unwrap();
    assert_eq!(report.written, 3, "project.ron and both stories move to the current schemas");
    let text = fs::read_to_string(dir.path().join("stories/council-budget.ron")).unwrap();
    assert!(text.starts_with("(\n    schema: 6,\n") && text.contains("revisions: [],"), "{text}");
    let project = fs::read_to_string(dir.path().join("project.ron")).unwrap();
    assert!(project.starts_with("(\n    schema: 5,\n"), "{project}");
    assert!(project.contains("headline_max_chars: 90,") && project.contains("dictionary: [],"), "{project}");
    assert!(project.contains("dictionary: [],\n        names: [],\n"), "{project}");
    assert_eq!(storage::load_project(dir.path()).unwrap().project, loaded.project);
    assert_eq!(loaded.folder.save(&loaded.project).unwrap().written, 0);
}

#[test]
fn schema_2_fixture_loads_and_is_what_this_version_writes() {
    let fixture = Path::new("tests/fixtures/projects/schema-2");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let settings = &loaded.project.settings;
    assert_eq!((settings.headline_max_chars, settings.dek_max_chars), (80, 160));
    assert_eq!(settings.dictionary, vec!["Headingley".to_owned(), "Kirkstall".to_owned()]);
    let story = &loaded.project.stories[1];
    assert_eq!(story.slug.as_str(), "council-budget");
    assert_eq!(story.status, StoryStatus::CopyEdit);
    let names: Vec<(u32, &str, bool)> =
        story.revisions.iter().map(|r| (r.number, r.name.as_str(), r.automatic)).collect();
    assert_eq!(names, [(1, "Sent to copy desk", false), (2, "Status: Editing → Copy edit", true)]);
    let first = &story.revisions[0];
    assert_eq!((first.headline.as_str(), first.author.as_str()), ("Council agrees budget", "Staff reporter"));
    assert_eq!(first.at, Timestamp(time::macros::datetime!(2026-11-21 09:00 UTC)));
    assert!(first.body.ends_with("Tuesday.\n\n> “It was a long night,” the leader said."));
    assert!(loaded.project.stories[0].revisions.is_empty());

    assert!(loaded.project.stories.iter().all(|s| s.photos.is_empty()), "schema 2 had no photos");
}

#[test]
fn schema_3_fixture_loads_and_is_what_this_version_writes() {
    let fixture = Path::new("tests/fixtures/projects/schema-3");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let story = &loaded.project.stories[1];
    assert_eq!(story.revisions.len(), 2);
    let used = &story.photos[0];
    assert!(used.lead);
    assert_eq!(used.focal_point, Some((0.5, 0.4)));
    let photo = loaded.project.photo(&used.photo).unwrap();
    assert!(photo.caption.ends_with("(Stand-in picture)"));
    assert_eq!((photo.width, photo.height), (16, 12));
    assert!(fixture.join("photos").join(&photo.file).is_file());

    assert!(
        story.signoffs.is_empty() && story.activity.is_empty() && story.publish_at.is_none(),
        "schema 3 had no review data"
    );
    assert_eq!(loaded.project.settings.checklist, copydesk::model::ChecklistItem::defaults(), "the default checklist");
}

#[test]
fn schema_4_fixture_loads_and_migrates_with_no_suggestions_or_comments() {
    let fixture = Path::new("tests/fixtures/projects/schema-4");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let settings = &loaded.project.settings;
    assert_eq!(settings.house_style[0].avoid, "martyred");
    assert_eq!(settings.check_levels.get("double-space"), Some(&copydesk::model::CheckLevel::Off));
    let story = &loaded.project.stories[1];
    assert_eq!(story.signoffs[0].item, "headline-approved");
    assert_eq!(story.activity.len(), 2);
    assert!(story.publish_at.is_some());
    assert!(story.body.starts_with("The council agreed its budget on Tuesday after a late-night vote."));
    assert_eq!(story.revisions.len(), 2);
    assert!(loaded.project.photo(&story.photos[0].photo).is_some());

    for story in &loaded.project.stories {
        assert!(story.suggestions.is_empty() && story.comments.is_empty(), "schema 4 had no tracked changes");
        assert!(!tracked::has_marks(&story.body), "{}", story.body);
    }
}

/// Schema 5 (current): a story with a suggested deletion and insertion and
/// a comment with a reply, marked in its body, and a plain-text delimiter
/// in its notes.
#[test]
fn schema_5_fixture_loads_and_its_stories_are_what_this_version_writes() {
    let fixture = Path::new("tests/fixtures/projects/schema-5");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let story = &loaded.project.stories[1];
    assert_eq!(story.slug.as_str(), "council-budget");
    assert_eq!(story.signoffs[0].item, "headline-approved");
    let body = tracked::parse(&story.body);
    let marks: Vec<(MarkKind, &str, &str)> =
        body.marks.iter().map(|m| (m.kind, m.id.as_str(), &body.shown[m.range.clone()])).collect();
    assert_eq!(
        marks,
        [
            (MarkKind::Delete, "s1", "late-night "),
            (MarkKind::Insert, "s2", "narrow "),
            (MarkKind::Comment, "c1", "the leader said")
        ]
    );
    assert!(
        tracked::as_it_stands(&story.body)
            .starts_with("The council agreed its budget on Tuesday after a late-night vote.")
    );
    assert!(
        tracked::all_accepted(&story.body).starts_with("The council agreed its budget on Tuesday after a narrow vote.")
    );
    let suggestions: Vec<(&str, MarkKind, &str)> =
        story.suggestions.iter().map(|s| (s.id.as_str(), s.kind, s.author.as_str())).collect();
    assert_eq!(suggestions, [("s1", MarkKind::Delete, "Night editor"), ("s2", MarkKind::Insert, "Night editor")]);
    let comment = &story.comments[0];
    assert_eq!((comment.id.as_str(), comment.author.as_str(), comment.resolved), ("c1", "Ana Ruiz", false));
    assert_eq!(comment.replies.len(), 1);
    assert_eq!(comment.replies[0].text, "Council leader Sam Patel.");
    let notes = tracked::parse(&story.notes);
    assert!(notes.marks.is_empty());
    assert_eq!(notes.shown, "Agenda item 4 is headed “{++ Amendments”.", "an escaped delimiter is text");
    assert!(loaded.project.stories[0].suggestions.is_empty() && loaded.project.stories[0].comments.is_empty());
    let photo = loaded.project.photo(&story.photos[0].photo).unwrap();

    // Its photo record (schema 1) is written as schema 2 with no
    // suggestions and nothing else changed; its stories (schema 5) are the
    // schema-6 fixture's, which hold the same schema.
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = storage::create_project(&dir.path().join("fresh"), "x").unwrap();
    fresh.folder.save(&loaded.project).unwrap();
    let file = format!("photos/{}.ron", photo.id);
    let old = fs::read_to_string(fixture.join(&file)).unwrap();
    let (head, tail) = old.split_once("        headline:").unwrap();
    let expected =
        format!("{}        suggestions: [],\n        headline:{tail}", head.replace("schema: 1,", "schema: 2,"));
    assert_eq!(fs::read_to_string(dir.path().join("fresh").join(&file)).unwrap(), expected, "{file}");
    let six = storage::load_project(Path::new("tests/fixtures/projects/schema-6")).unwrap().project;
    assert_eq!(loaded.project.stories, six.stories);
    assert!(loaded.project.settings.names.is_empty(), "project schema 3 had no names");
}

/// A schema-3 `project.ron` (the one in the schema-5 fixture) loads with
/// every setting it had and no names, and is saved in the current schema.
#[test]
fn a_schema_3_project_file_migrates_with_no_names_and_is_saved_in_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/projects/schema-5"), dir.path());
    let mut loaded = storage::load_project(dir.path()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let settings = &loaded.project.settings;
    assert!(settings.names.is_empty());
    assert_eq!((settings.default_target_words, settings.language.as_str()), (500, "en-GB"));
    assert_eq!(settings.dictionary, ["Headingley", "Kirkstall"]);
    assert_eq!(settings.house_style[0].avoid, "martyred");
    assert_eq!(settings.media_base_url, "https://media.example.org/city-desk/");
    // Apart from the names, it is the schema-6 fixture's project.
    let current = storage::load_project(Path::new("tests/fixtures/projects/schema-6")).unwrap().project;
    assert_eq!(
        loaded.project.settings,
        copydesk::model::ProjectSettings { names: Vec::new(), ..current.settings.clone() }
    );

    let report = loaded.folder.save(&loaded.project).unwrap();
    assert_eq!(report.written, 4, "project.ron, both stories (schema 5) and the photo record move to new schemas");
    let text = fs::read_to_string(dir.path().join("project.ron")).unwrap();
    assert!(text.starts_with("(\n    schema: 5,\n"), "{text}");
    assert!(
        text.contains("        ],\n        names: [],\n        checklist: ["),
        "names after the dictionary: {text}"
    );
    assert_eq!(storage::load_project(dir.path()).unwrap().project, loaded.project);
    assert_eq!(loaded.folder.save(&loaded.project).unwrap().written, 0);
}

/// Project schema 4 (stories at 5, recovery files at 6): the names list,
/// after the dictionary. It migrates to the schema-7 fixture's project
/// apart from what schema 7 added there: nobody assigned, no embargo,
/// version 1, the default correction wording.
#[test]
fn schema_6_fixture_loads_and_migrates_with_no_plan_or_publication_record() {
    let fixture = Path::new("tests/fixtures/projects/schema-6");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let settings = &loaded.project.settings;
    assert_eq!(settings.names, ["Beckett Park", "LCC", "Sam Patel"]);
    assert_eq!(settings.dictionary, ["Headingley", "Kirkstall"]);
    let accepted: Vec<&str> = settings.accepted_words().map(String::as_str).collect();
    assert_eq!(accepted, ["Headingley", "Kirkstall", "Beckett Park", "LCC", "Sam Patel"]);
    assert_eq!(settings.correction_wording, copydesk::model::DEFAULT_CORRECTION_WORDING);
    let story = &loaded.project.stories[1];
    assert_eq!(story.suggestions.len(), 2);
    for story in &loaded.project.stories {
        assert_eq!(story.plan, copydesk::model::Plan::default());
        assert_eq!(story.publication, copydesk::model::Publication::default());
        assert_eq!(story.publication.version, 1);
    }

    let mut seven = storage::load_project(Path::new("tests/fixtures/projects/schema-7")).unwrap().project;
    seven.settings.correction_wording = copydesk::model::DEFAULT_CORRECTION_WORDING.to_owned();
    seven.settings.templates.clear();
    for story in &mut seven.stories {
        story.plan = Default::default();
        story.publication = Default::default();
        story.checklist.clear();
    }
    assert_eq!(loaded.project, seven);
}

/// Story schema 6, project schema 5 and recovery schema 7: a story's plan
/// (assignee, editor, deadline, priority), publication record (embargo,
/// version, corrections) and checklist items of its own, and the
/// correction wording and templates. Its photo records (schema 1) migrate
/// to the schema-8 fixture's but for the caption's suggestion there.
#[test]
fn schema_7_fixture_loads_and_migrates_with_plain_captions() {
    let fixture = Path::new("tests/fixtures/projects/schema-7");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.project.settings.correction_wording, "Correction, {date}: {note}");
    let budget = &loaded.project.stories[1];
    assert_eq!((budget.plan.assignee.as_str(), budget.plan.editor.as_str()), ("Ana Ruiz", "Sam Okafor"));
    assert_eq!(budget.plan.priority, copydesk::model::Priority::High);
    assert_eq!(budget.plan.deadline.map(|at| at.short()).as_deref(), Some("2026-12-02 17:00"));
    let closures = &loaded.project.stories[0];
    assert_eq!(closures.publication.embargo.map(|at| at.short()).as_deref(), Some("2026-12-03 06:00"));
    assert_eq!(closures.publication.version, 2);
    assert_eq!(closures.publication.corrections.len(), 1);
    assert!(closures.publication.corrections[0].text.contains("wrong number of schools"));
    let template = loaded.project.settings.template("council meeting").unwrap();
    assert_eq!((template.target_words, template.checklist[0].id.as_str()), (450, "councillors-named"));
    let items: Vec<&str> = budget.checklist_items(&loaded.project.settings).map(|item| item.id.as_str()).collect();
    assert_eq!(items.last(), Some(&"councillors-named"), "the story's own item after the project's: {items:?}");
    let photo = loaded.project.photo(&budget.photos[0].photo).unwrap();

    assert!(photo.suggestions.is_empty());

    let mut eight = storage::load_project(Path::new("tests/fixtures/projects/schema-8")).unwrap().project;
    for photo in &mut eight.photos {
        photo.caption = tracked::as_it_stands(&photo.caption).into_owned();
        photo.suggestions.clear();
    }
    assert_eq!(loaded.project, eight);
}

/// Photo schema 2 and recovery schema 8 (current; stories at 6,
/// `project.ron` at 5): a caption holds the marks of its suggestions, and
/// the photo who made them and when.
#[test]
fn schema_8_fixture_loads_and_is_what_this_version_writes() {
    let fixture = Path::new("tests/fixtures/projects/schema-8");
    let loaded = storage::load_project(fixture).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let budget = &loaded.project.stories[1];
    let photo = loaded.project.photo(&budget.photos[0].photo).unwrap();
    assert_eq!(photo.caption_as_it_stands(), "Councillors leave the chamber after the vote. (Stand-in picture)");
    assert_eq!(
        tracked::all_accepted(&photo.caption),
        "Councillors leave the chamber after the budget vote. (Stand-in picture)"
    );
    assert_eq!((photo.suggestions[0].id.as_str(), photo.suggestions[0].author.as_str()), ("sno1", "Night editor"));

    // Schema 8 is current, so saving the fixture again writes the same bytes.
    // (When schema 9 arrives, this check moves to the schema-9 fixture.)
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = storage::create_project(&dir.path().join("fresh"), "x").unwrap();
    fresh.folder.save(&loaded.project).unwrap();
    for file in [
        "project.ron".to_owned(),
        "stories/council-budget.ron".to_owned(),
        "stories/school-closures.ron".to_owned(),
        format!("photos/{}.ron", photo.id),
    ] {
        let expected = fs::read_to_string(fixture.join(&file)).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("fresh").join(&file)).unwrap(), expected, "{file}");
    }
}

/// A schema-7 recovery file migrates its photos as plain captions: a
/// delimiter in one stays text.
#[test]
fn a_schema_7_recovery_file_keeps_a_delimiter_in_a_caption_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = storage::recovery_path(dir.path(), Path::new("/some/project"));
    let photo = fs::read_to_string("tests/fixtures/projects/schema-7/photos/5d618765e3fe1540.ron").unwrap();
    let photo =
        photo.split_once("photo: ").unwrap().1.trim_end().trim_end_matches(')').trim_end().trim_end_matches(',');
    let photo = photo.replace("after the vote", "after the {++s1|budget++} vote");
    let settings = fs::read_to_string("tests/fixtures/projects/schema-7/project.ron").unwrap();
    let settings = settings.split_once("settings: ").unwrap().1.trim_end().trim_end_matches(')').trim_end();
    let text = format!(
        "(\n    schema: 7,\n    project_dir: \"/some/project\",\n    written: \"2026-11-25T12:00:00Z\",\n    project: (\n        name: \"Desk\",\n        settings: {settings}\n        stories: [],\n        photos: [{photo}],\n    ),\n)\n"
    );
    fs::write(&path, text).unwrap();
    let recovery = storage::read_recovery(&path).unwrap().unwrap();
    let photo = &recovery.project.photos[0];
    assert!(!photo.has_pending_suggestions());
    assert_eq!(
        photo.caption_as_it_stands(),
        "Councillors leave the chamber after the {++s1|budget++} vote. (Stand-in picture)"
    );
}

/// A schema-6 recovery file (schema-5 stories, the settings of project
/// schema 4) migrates with no plan and is written again as schema 7.
#[test]
fn a_schema_6_recovery_file_is_migrated_with_no_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = storage::recovery_path(dir.path(), Path::new("/some/project"));
    let story = fs::read_to_string("tests/fixtures/projects/schema-6/stories/council-budget.ron").unwrap();
    let story =
        story.split_once("story: ").unwrap().1.trim_end().trim_end_matches(')').trim_end().trim_end_matches(',');
    let settings = fs::read_to_string("tests/fixtures/projects/schema-6/project.ron").unwrap();
    let settings = settings.split_once("settings: ").unwrap().1.trim_end().trim_end_matches(')').trim_end();
    let text = format!(
        "(\n    schema: 6,\n    project_dir: \"/some/project\",\n    written: \"2026-11-25T12:00:00Z\",\n    project: (\n        name: \"Desk\",\n        settings: {settings}\n        stories: [{story}],\n        photos: [],\n    ),\n)\n"
    );
    fs::write(&path, text).unwrap();
    let recovery = storage::read_recovery(&path).unwrap().unwrap();
    assert_eq!(recovery.project.settings.names, ["Beckett Park", "LCC", "Sam Patel"]);
    assert_eq!(recovery.project.settings.correction_wording, copydesk::model::DEFAULT_CORRECTION_WORDING);
    let story = &recovery.project.stories[0];
    assert_eq!((story.suggestions.len(), story.publication.version), (2, 1));
    assert!(story.plan.assignee.is_empty());

    let mut project = recovery.project.clone();
    project.stories[0].plan.assignee = "Ana Ruiz".into();
    let at = Timestamp(time::macros::datetime!(2026-11-25 12:30 UTC));
    storage::write_recovery(&path, Path::new("/some/project"), &project, at).unwrap();
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.starts_with(&format!("(\n    schema: {},\n", storage::RECOVERY_SCHEMA)), "{written}");
    assert_eq!(storage::read_recovery(&path).unwrap().unwrap().project, project);
}

/// Text written before schema 5 is plain text: a delimiter in it (or what
/// looks like a whole mark) is shown as written, never read as a mark, and
/// survives saving in the current schema and loading again.
#[test]
fn a_delimiter_in_old_text_stays_text_through_migration_and_saving() {
    let literal = "a {++ b";
    let mark_like = "{++s1|not a suggestion++} and {==c1|not a comment==}";
    for schema in 1..=4 {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new(&format!("tests/fixtures/projects/schema-{schema}")), dir.path());
        let path = dir.path().join("stories/school-closures.ron");
        let text = fs::read_to_string(&path).unwrap();
        let changed = text
            .replace("body: \"Forty schools were closed on Monday.\"", &format!("body: \"{literal}\""))
            .replace("headline: \"Snow closes 40 schools\"", &format!("headline: \"{mark_like}\""));
        assert_ne!(changed, text);
        fs::write(&path, changed).unwrap();

        let mut loaded = storage::load_project(dir.path()).unwrap();
        assert!(loaded.problems.is_empty(), "schema {schema}: {:?}", loaded.problems);
        let check = |story: &Story| {
            for (field, expected) in [(&story.body, literal), (&story.headline, mark_like)] {
                let read = tracked::parse(field);
                assert_eq!(read.shown, expected, "schema {schema}: shown exactly");
                assert!(read.marks.is_empty(), "schema {schema}: not a mark: {field:?}");
                assert_eq!(tracked::as_it_stands(field), expected, "schema {schema}");
            }
            assert!(story.suggestions.is_empty() && story.comments.is_empty());
        };
        check(&loaded.project.stories[0]);

        loaded.folder.save(&loaded.project).unwrap();
        let saved = fs::read_to_string(&path).unwrap();
        assert!(saved.starts_with("(\n    schema: 6,\n"), "{saved}");
        assert!(saved.contains("body: \"a {\u{2060}++ b\""), "written escaped: {saved}");
        let again = storage::load_project(dir.path()).unwrap();
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.project, loaded.project, "schema {schema}: round trip");
        check(&again.project.stories[0]);
        assert_eq!(loaded.folder.save(&loaded.project).unwrap().written, 0);
    }
}

/// The same for a schema-4 recovery file, revisions included.
#[test]
fn a_schema_4_recovery_file_is_migrated_with_its_text_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = storage::recovery_path(dir.path(), Path::new("/some/project"));
    let story = fs::read_to_string("tests/fixtures/projects/schema-4/stories/council-budget.ron").unwrap();
    let story = story
        .split_once("story: ")
        .unwrap()
        .1
        .trim_end()
        .trim_end_matches(')')
        .trim_end()
        .trim_end_matches(',')
        .replacen("body: \"The council agreed its budget on Tuesday.", "body: \"The council {++s9|a++} agreed.", 1);
    let settings = fs::read_to_string("tests/fixtures/projects/schema-4/project.ron").unwrap();
    let settings = settings.split_once("settings: ").unwrap().1.trim_end().trim_end_matches(')').trim_end();
    let text = format!(
        "(\n    schema: 4,\n    project_dir: \"/some/project\",\n    written: \"2026-11-25T12:00:00Z\",\n    project: (\n        name: \"Desk\",\n        settings: {settings}\n        stories: [{story}],\n        photos: [],\n    ),\n)\n"
    );
    fs::write(&path, text).unwrap();
    let recovery = storage::read_recovery(&path).unwrap().unwrap();
    assert_eq!(recovery.project.settings.house_style[0].avoid, "martyred");
    let story = &recovery.project.stories[0];
    assert_eq!((story.signoffs.len(), story.activity.len(), story.revisions.len()), (1, 2, 2));
    assert!(story.suggestions.is_empty() && story.comments.is_empty());
    let revision = tracked::parse(&story.revisions[0].body);
    assert!(revision.marks.is_empty());
    assert!(revision.shown.starts_with("The council {++s9|a++} agreed.\n"), "{:?}", revision.shown);

    // Written again in the current schema, it reads back the same.
    let at = Timestamp(time::macros::datetime!(2026-11-25 12:30 UTC));
    storage::write_recovery(&path, Path::new("/some/project"), &recovery.project, at).unwrap();
    assert!(fs::read_to_string(&path).unwrap().starts_with(&format!("(\n    schema: {},\n", storage::RECOVERY_SCHEMA)));
    assert_eq!(storage::read_recovery(&path).unwrap().unwrap().project, recovery.project);
}

/// A schema-5 recovery file (today's stories, the settings of project
/// schema 3) migrates with no names and is written again as schema 6.
#[test]
fn a_schema_5_recovery_file_is_migrated_with_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = storage::recovery_path(dir.path(), Path::new("/some/project"));
    let story = fs::read_to_string("tests/fixtures/projects/schema-5/stories/council-budget.ron").unwrap();
    let story =
        story.split_once("story: ").unwrap().1.trim_end().trim_end_matches(')').trim_end().trim_end_matches(',');
    let settings = fs::read_to_string("tests/fixtures/projects/schema-5/project.ron").unwrap();
    let settings = settings.split_once("settings: ").unwrap().1.trim_end().trim_end_matches(')').trim_end();
    let text = format!(
        "(\n    schema: 5,\n    project_dir: \"/some/project\",\n    written: \"2026-11-25T12:00:00Z\",\n    project: (\n        name: \"Desk\",\n        settings: {settings}\n        stories: [{story}],\n        photos: [],\n    ),\n)\n"
    );
    fs::write(&path, text).unwrap();
    let recovery = storage::read_recovery(&path).unwrap().unwrap();
    let settings = &recovery.project.settings;
    assert!(settings.names.is_empty());
    assert_eq!((settings.dictionary.len(), settings.house_style[0].avoid.as_str()), (2, "martyred"));
    let story = &recovery.project.stories[0];
    assert_eq!((story.suggestions.len(), story.comments.len()), (2, 1), "schema-5 stories are read as they are");
    assert_eq!(tracked::parse(&story.body).marks.len(), 3);

    let mut project = recovery.project.clone();
    project.settings.names = vec!["Sam Patel".into()];
    let at = Timestamp(time::macros::datetime!(2026-11-25 12:30 UTC));
    storage::write_recovery(&path, Path::new("/some/project"), &project, at).unwrap();
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.starts_with(&format!("(\n    schema: {},\n", storage::RECOVERY_SCHEMA)), "{written}");
    assert!(written.contains("names: [\n                \"Sam Patel\",\n            ],"), "{written}");
    assert_eq!(storage::read_recovery(&path).unwrap().unwrap().project, project);
}

#[test]
fn revision_numbers_that_do_not_go_up_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = story("iraq");
    for name in ["One", "Two"] {
        let revision = s.snapshot(name, "Ana", s.created, false);
        s.revisions.push(revision);
    }
    project_with(dir.path(), vec![s]);
    let path = dir.path().join("stories/iraq.ron");
    let text = fs::read_to_string(&path).unwrap().replace("number: 2,", "number: 1,");
    fs::write(&path, text).unwrap();
    let loaded = storage::load_project(dir.path()).unwrap();
    let message = loaded.problems[0].to_string();
    assert!(message.contains("revision 1 comes after revision 1") && message.contains("iraq.ron"), "{message}");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![]);
    let path = dir.path().join("project.ron");
    let current = format!("schema: {}", storage::PROJECT_SCHEMA);
    let text = fs::read_to_string(&path).unwrap().replace(&current, "schema: 99");
    fs::write(&path, text).unwrap();
    let error = storage::load_project(dir.path()).unwrap_err();
    assert!(matches!(error, StorageError::NewerSchema { found: 99, supported: 5, .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("newer Copydesk") && message.contains("project.ron"), "{message}");
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![story("iraq")]);
    let path = dir.path().join("project.ron");
    fs::write(&path, "(\n    schema: 1,\n    name: \"Desk\",\n    story_order: [\"iraq\",\n)\n").unwrap();
    let error = storage::load_project(dir.path()).unwrap_err();
    let StorageError::Syntax { line, column, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*line, *column), (5, 1), "{error}");
    assert!(error.to_string().contains("project.ron:5:1:"), "{error}");
}

#[test]
fn a_broken_story_is_reported_and_the_rest_opens_and_survives_saving() {
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![story("good"), story("bad")]);
    let bad = dir.path().join("stories/bad.ron");
    fs::write(&bad, "(\n    schema: 1,\n    story: (\n        slug: \"bad\",\n        headline: 42,\n").unwrap();
    let mut loaded = storage::load_project(dir.path()).unwrap();
    assert_eq!(loaded.project.stories.len(), 1);
    assert_eq!(loaded.problems.len(), 1);
    assert!(loaded.problems[0].to_string().contains("bad.ron:"), "{}", loaded.problems[0]);
    loaded.folder.save(&loaded.project).unwrap();
    assert!(bad.exists(), "a story that failed to load must not be deleted by saving");
}

#[test]
fn invalid_utf8_gives_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![story("iraq")]);
    let path = dir.path().join("stories/iraq.ron");
    let mut bytes = b"(\n    schema: 1,\n    caf".to_vec();
    bytes.push(0xff);
    fs::write(&path, bytes).unwrap();
    let loaded = storage::load_project(dir.path()).unwrap();
    let StorageError::Syntax { line, column, .. } = &loaded.problems[0] else { panic!("{:?}", loaded.problems) };
    assert_eq!((*line, *column), (3, 8));
}

#[test]
fn a_story_file_without_schema_or_with_a_mismatched_slug_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![story("iraq"), story("syria")]);
    fs::write(dir.path().join("stories/iraq.ron"), "(story: ())").unwrap();
    let syria = fs::read_to_string(dir.path().join("stories/syria.ron")).unwrap();
    fs::write(dir.path().join("stories/syria.ron"), syria.replace("\"syria\"", "\"lebanon\"")).unwrap();
    let loaded = storage::load_project(dir.path()).unwrap();
    let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(messages.iter().any(|m| m.contains("no `schema:` field")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("“lebanon”") && m.contains("syria.ron")), "{messages:?}");
}

#[test]
fn a_folder_without_project_file_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let error = storage::load_project(dir.path()).unwrap_err();
    assert!(matches!(error, StorageError::NotAProject { .. }));
    assert!(error.to_string().contains("not a Copydesk project"));
}

#[test]
fn saving_writes_only_changed_files_and_removes_renamed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = project_with(dir.path(), vec![story("iraq"), story("syria")]);
    let report = loaded.folder.save(&loaded.project).unwrap();
    assert_eq!(report.written, 0, "nothing changed");
    loaded.project.stories[0].headline = "Drones".into();
    loaded.project.stories[1].slug = Slug::new("lebanon").unwrap();
    let report = loaded.folder.save(&loaded.project).unwrap();
    assert_eq!((report.written, report.removed), (3, 1), "iraq, lebanon, project.ron; syria removed");
    assert!(!dir.path().join("stories/syria.ron").exists());
    let reloaded = storage::load_project(dir.path()).unwrap();
    assert_eq!(reloaded.project, loaded.project);
}

#[test]
fn stories_missing_from_the_order_are_appended() {
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![story("iraq")]);
    // A colleague's new story arrives through git without a project.ron change.
    let other = tempfile::tempdir().unwrap();
    project_with(other.path(), vec![story("added")]);
    fs::copy(other.path().join("stories/added.ron"), dir.path().join("stories/added.ron")).unwrap();
    let loaded = storage::load_project(dir.path()).unwrap();
    let slugs: Vec<&str> = loaded.project.stories.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["iraq", "added"]);
}

#[test]
fn a_failed_save_reports_the_file_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = project_with(dir.path(), vec![story("iraq")]);
    // A folder where the story file should be makes the final rename fail.
    loaded.project.stories.push(story("blocked"));
    fs::create_dir_all(dir.path().join("stories/blocked.ron/inside")).unwrap();
    let error = loaded.folder.save(&loaded.project).unwrap_err();
    assert!(matches!(error, StorageError::Write { .. }), "{error:?}");
    assert!(error.to_string().contains("blocked.ron") && error.to_string().contains("unchanged"), "{error}");
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("stories"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The project file still names only what was saved before.
    let reloaded = storage::load_project(dir.path()).unwrap();
    assert_eq!(reloaded.project.stories.len(), 1);
}

#[test]
fn recovery_files_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = storage::recovery_path(dir.path(), Path::new("/some/project"));
    assert_eq!(storage::read_recovery(&path).unwrap().map(|r| r.written), None);
    let mut project = Project::new("Desk");
    project.settings.names = vec!["Qayara".into(), "Soleimani".into()];
    project.stories.push(story("iraq"));
    let at = Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC));
    let revision = project.stories[0].snapshot("Filed", "Ana", at, false);
    project.stories[0].revisions.push(revision);
    storage::write_recovery(&path, Path::new("/some/project"), &project, at).unwrap();
    let recovery = storage::read_recovery(&path).unwrap().unwrap();
    assert_eq!((recovery.project, recovery.written), (project, at));
    storage::remove_recovery(&path).unwrap();
    assert!(storage::read_recovery(&path).unwrap().is_none());
    assert_ne!(path, storage::recovery_path(dir.path(), Path::new("/other/project")));
}

#[test]
fn a_schema_1_recovery_file_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = storage::recovery_path(dir.path(), Path::new("/some/project"));
    let story = fs::read_to_string("tests/fixtures/projects/schema-1/stories/school-closures.ron").unwrap();
    let story =
        story.split_once("story: ").unwrap().1.trim_end().trim_end_matches(')').trim_end().trim_end_matches(',');
    let text = format!(
        "(\n    schema: 1,\n    project_dir: \"/some/project\",\n    written: \"2026-11-25T12:00:00Z\",\n    project: (\n        name: \"Desk\",\n        settings: (default_target_words: 450, language: \"en-GB\"),\n        stories: [{story}],\n    ),\n)\n"
    );
    fs::write(&path, text).unwrap();
    let recovery = storage::read_recovery(&path).unwrap().unwrap();
    assert_eq!(recovery.written, Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC)));
    let settings = &recovery.project.settings;
    assert_eq!((settings.default_target_words, settings.headline_max_chars), (450, 90));
    let story = &recovery.project.stories[0];
    assert_eq!((story.headline.as_str(), story.revisions.len()), ("Snow closes 40 schools", 0));
}

#[test]
fn photos_are_stored_once_by_content_and_non_pictures_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    storage::create_project(dir.path(), "Desk").unwrap();
    let source = dir.path().join("outside.png");
    image::RgbImage::from_pixel(4, 3, image::Rgb([200, 10, 10])).save(&source).unwrap();
    let original = fs::read(&source).unwrap();

    let first = storage::import_photo_file(dir.path(), &source).unwrap();
    assert!(!first.already_there);
    assert!(first.file.ends_with(".png") && first.file.starts_with(first.id.as_str()));
    assert_eq!(fs::read(dir.path().join("photos").join(&first.file)).unwrap(), original);
    let second = storage::import_photo_file(dir.path(), &source).unwrap();
    assert!(second.already_there);
    assert_eq!(second.id, first.id);
    assert_eq!(fs::read(&source).unwrap(), original, "the original is never changed");

    let text = dir.path().join("notes.jpg");
    fs::write(&text, "not a picture at all").unwrap();
    let error = storage::import_photo_file(dir.path(), &text).unwrap_err().to_string();
    assert!(error.contains("not a JPEG, PNG, WebP or TIFF") && error.contains("notes.jpg"), "{error}");
}

#[test]
fn a_photo_record_pointing_outside_its_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/projects/schema-3"), dir.path());
    let record = fs::read_dir(dir.path().join("photos"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .unwrap();
    let text = fs::read_to_string(&record).unwrap();
    let (id, _) = text.split_once("file: \"").unwrap().1.split_once('.').unwrap();
    let hostile = text.replace(&format!("file: \"{id}."), "file: \"../../etc/passwd.");
    fs::write(&record, hostile).unwrap();
    let loaded = storage::load_project(dir.path()).unwrap();
    assert!(loaded.project.photos.is_empty());
    let problem = loaded.problems.first().unwrap().to_string();
    assert!(problem.contains("does not match the record's name"), "{problem}");
}

#[cfg(unix)]
#[test]
fn saved_files_are_readable_by_the_team() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    project_with(dir.path(), vec![story("iraq")]);
    for file in ["project.ron", "stories/iraq.ron"] {
        let mode = fs::metadata(dir.path().join(file)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{file}");
    }
}

#[test]
fn a_project_ignores_what_belongs_to_one_machine_and_keeps_the_teams_own_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    storage::create_project(&dir.path().join("new"), "New").unwrap();
    let text = fs::read_to_string(dir.path().join("new/.gitignore")).unwrap();
    for line in storage::GITIGNORED {
        assert!(text.lines().any(|l| l == line), "{line} in {text}");
    }
    // An existing project with its own .gitignore: the lines are added once.
    let existing = dir.path().join("existing");
    copy_dir(Path::new("tests/fixtures/projects/schema-4"), &existing);
    fs::write(existing.join(".gitignore"), "exports/\n*.lock").unwrap();
    let mut loaded = storage::load_project(&existing).unwrap();
    loaded.folder.save(&loaded.project).unwrap();
    loaded.folder.save(&loaded.project).unwrap();
    let text = fs::read_to_string(existing.join(".gitignore")).unwrap();
    assert!(text.starts_with("exports/\n*.lock\n"), "{text}");
    assert_eq!(text.matches("*.lock").count(), 1, "{text}");
    assert_eq!(text.matches(".copydesk-cache/").count(), 1, "{text}");
}
