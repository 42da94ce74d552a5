//! The command line, run as a real process: `new`, `import`, `info` and
//! exit status 2 with a clear message on bad projects.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).output().expect("run copydesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn info_json_describes_the_sample() {
    let sample = copydesk::sample_project_dir();
    let output = copydesk(&["info", path(&sample), "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["name"], "Drone attacks");
    let story = &json["stories"][0];
    assert_eq!(story["slug"], "iraq-drone-attacks");
    assert_eq!(story["section"], "News / Iraq / Military");
    assert_eq!(story["status"], "copy_edit");
    let photos = story["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 2, "two stand-in photos with their published captions");
    assert!(photos[0]["caption"].as_str().unwrap().starts_with("US Rep. Ilhan Omar"), "{story}");
    assert_eq!(photos[0]["lead"], true);
    assert_eq!(photos[1]["credit"], "AP");
    assert!(story["words"].as_u64().unwrap() > 600, "{story}");
    for key in ["headline", "byline", "dateline"] {
        assert!(story[key].is_string(), "{key} missing in {story}");
    }
}

#[test]
fn new_then_import_then_info() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    let output = copydesk(&["new", path(&project), "--name", "Night desk"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(project.join("project.ron").is_file());
    assert!(project.join("stories").is_dir() && project.join("photos").is_dir());

    let copy = dir.path().join("filed.txt");
    std::fs::write(&copy, "Storm closes port\r\n\r\nThe port closed\u{a0}at dawn.\r\n\r\nShips waited.\r\n").unwrap();
    let output = copydesk(&["import", path(&project), path(&copy)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).trim(), "storm-closes-port");

    let output = copydesk(&["info", path(&project), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["name"], "Night desk");
    assert_eq!(json["stories"][0]["headline"], "Storm closes port");
    assert_eq!(json["stories"][0]["words"], 7);

    // The plain listing names the story too.
    let output = copydesk(&["info", path(&project)]);
    assert!(text(&output.stdout).contains("storm-closes-port"));

    // A second `new` in the same folder is refused.
    let output = copydesk(&["new", path(&project), "--name", "Again"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("already a Copydesk project"));
}

#[test]
fn a_broken_project_exits_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    assert!(copydesk(&["new", path(project), "--name", "Desk"]).status.success());
    std::fs::write(project.join("project.ron"), "(\n    schema: 1,\n    name: Desk,\n)\n").unwrap();
    let output = copydesk(&["info", path(project)]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("project.ron:3:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_newer_project_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    assert!(copydesk(&["new", path(project), "--name", "Desk"]).status.success());
    let file = project.join("project.ron");
    let current = format!("schema: {}", copydesk::storage::PROJECT_SCHEMA);
    let newer = std::fs::read_to_string(&file).unwrap().replace(&current, "schema: 7");
    assert!(newer.contains("schema: 7"), "{newer}");
    std::fs::write(&file, newer).unwrap();
    let output = copydesk(&["info", path(project), "--json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("newer Copydesk"), "{}", text(&output.stderr));
}

#[test]
fn a_missing_or_unimportable_file_exits_2_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    assert!(copydesk(&["new", path(&project), "--name", "Desk"]).status.success());
    let output = copydesk(&["import", path(&project), "/no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("/no/such/file.txt"));
    let odd = dir.path().join("photo.png");
    std::fs::write(&odd, b"\x89PNG").unwrap();
    let output = copydesk(&["import", path(&project), path(&odd)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("photo.png"), "{}", text(&output.stderr));
    let output = copydesk(&["info", "/no/such/project"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not a Copydesk project"));
}

#[test]
fn photo_add_reads_agency_metadata_and_info_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    assert!(copydesk(&["new", path(&project), "--name", "Desk"]).status.success());
    let copy = dir.path().join("story.txt");
    std::fs::write(&copy, "Drones over Iraq\n\nFirst paragraph.").unwrap();
    let imported = copydesk(&["import", path(&project), path(&copy)]);
    let slug = text(&imported.stdout).trim().to_owned();

    let photo =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/photos/IPTC-PhotometadataRef-Std2021.1.jpg");
    let output = copydesk(&["photo", "add", path(&project), &slug, path(&photo)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    assert!(printed.contains("caption: The description aka caption (ref2021.1)"), "{printed}");
    assert!(printed.contains("credit: Credit Line (ref2021.1)"), "{printed}");

    let output = copydesk(&["info", path(&project), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed = &json["stories"][0]["photos"][0];
    assert_eq!(listed["caption"], "The description aka caption (ref2021.1)");
    assert_eq!(listed["credit"], "Credit Line (ref2021.1)");
    assert_eq!(listed["creator"], "Creator1 (ref2021.1)");
    assert_eq!(listed["source"], "Source (ref2021.1)");
    assert_eq!(listed["copyright"], "Copyright (Notice) 2021.1 IPTC - www.iptc.org  (ref2021.1)");
    assert_eq!(listed["alt_text"], "This is the Alt Text description to support accessibility in 2021.1");
    assert_eq!(listed["headline"], "The Headline (ref2021.1)");
    assert_eq!(listed["city"], "City (Core) (ref2021.1)");
    assert_eq!(listed["keywords"], serde_json::json!(["Keyword1ref2021.1", "Keyword2ref2021.1", "Keyword3ref2021.1"]));
    assert_eq!((listed["width"].as_u64(), listed["height"].as_u64()), (Some(2000), Some(1000)));
    assert!(project.join("photos").join(listed["file"].as_str().unwrap()).is_file());

    // A file that is not a picture is refused with exit 2 and its name.
    let bogus = dir.path().join("bogus.jpg");
    std::fs::write(&bogus, "hello").unwrap();
    let output = copydesk(&["photo", "add", path(&project), &slug, path(&bogus)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("bogus.jpg"), "{}", text(&output.stderr));
}

#[test]
fn check_json_lists_the_sample_findings_and_exits_1() {
    let sample = copydesk::sample_project_dir();
    let output = copydesk(&["check", path(&sample), "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let story = &json["stories"][0];
    assert_eq!(story["slug"], "iraq-drone-attacks");
    assert_eq!(story["ready"], false);
    let findings = story["findings"].as_array().unwrap();
    let quote = findings.iter().find(|f| f["rule"] == "unbalanced-quotes").unwrap();
    assert_eq!((quote["severity"].as_str(), quote["field"].as_str()), (Some("required"), Some("body")));
    let (start, end) = (quote["start"].as_u64().unwrap() as usize, quote["end"].as_u64().unwrap() as usize);
    let body = copydesk::storage::load_project(&sample).unwrap().project.stories[0].body.clone();
    assert_eq!(body.get(start..end), Some("“"), "byte offsets into the field");
    for key in ["rule", "severity", "field", "start", "end", "message", "suggestion"] {
        assert!(findings.iter().all(|f| f.get(key).is_some()), "every finding has {key}");
    }
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "caption-belongs" && f["message"].as_str().unwrap().contains("Ilhan Omar"))
    );
    assert!(findings.iter().any(|f| f["rule"] == "proofing-marks"), "harper's marks are counted");
}

#[test]
fn check_json_lists_every_proofing_mark_and_none_on_the_story_names() {
    let sample = copydesk::sample_project_dir();
    let output = copydesk(&["check", path(&sample), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["stories"][0]["findings"].as_array().unwrap();
    let body = copydesk::storage::load_project(&sample).unwrap().project.stories[0].body.clone();
    let spelling: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "spelling" && f["field"] == "body")
        .inspect(|f| assert!(f["suggestions"].is_array()))
        .map(|f| body.get(f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize).unwrap())
        .collect();
    for name in ["Balad", "Hashd", "Sha'abi", "Ain", "Asad", "Abu", "Muhandis", "Soleimani", "PMU", "McKenzie"] {
        assert!(!spelling.iter().any(|marked| marked.contains(name)), "{name} is a name the story uses: {spelling:?}");
    }
    let loaded = copydesk::storage::load_project(&sample).unwrap().project;
    for mark in findings.iter().filter(|f| f["rule"] == "spelling" && f["field"] == "caption") {
        let photo = loaded.photos.iter().find(|p| p.id.to_string() == mark["photo"].as_str().unwrap()).unwrap();
        let marked =
            photo.caption.get(mark["start"].as_u64().unwrap() as usize..mark["end"].as_u64().unwrap() as usize);
        assert_ne!(marked, Some("AFP"), "the credit names the agency");
    }
    let all_spelling = findings.iter().filter(|f| f["rule"] == "spelling").count();
    assert!(all_spelling <= 4, "at most 4 spelling marks on the seed, not {all_spelling}: {spelling:?}");
    for mark in findings.iter().filter(|f| ["spelling", "grammar", "style"].contains(&f["rule"].as_str().unwrap())) {
        assert!(mark["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(mark["suggestions"].is_array() && mark["start"].is_u64() && mark["end"].is_u64(), "{mark}");
    }
    let counted = findings.iter().find(|f| f["rule"] == "proofing-marks").unwrap();
    let listed =
        findings.iter().filter(|f| ["spelling", "grammar", "style"].contains(&f["rule"].as_str().unwrap())).count();
    assert!(listed > 0, "the sample has grammar or style marks");
    assert!(counted["message"].as_str().unwrap().contains(&format!("{all_spelling} spelling")), "{counted}");

    let output = copydesk(&["check", path(&sample), "--json", "--no-proofing"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["stories"][0]["findings"].as_array().unwrap();
    assert!(
        !findings
            .iter()
            .any(|f| ["spelling", "grammar", "style", "proofing-marks"].contains(&f["rule"].as_str().unwrap()))
    );
    assert!(findings.iter().any(|f| f["rule"] == "unbalanced-quotes"), "the other checks still run");
}

#[test]
fn check_exits_0_for_a_ready_story_and_2_for_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    assert!(copydesk(&["new", path(&project), "--name", "Desk"]).status.success());
    let output = copydesk(&["check", path(&project)]);
    assert_eq!(output.status.code(), Some(0), "no stories, nothing blocks: {}", text(&output.stderr));
    let output = copydesk(&["check", path(&project), "no-such-story"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no-such-story"), "{}", text(&output.stderr));
    let output = copydesk(&["check", path(&dir.path().join("missing"))]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn export_refuses_a_story_that_is_not_ready_unless_forced_and_logs_the_force() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    common::copy_dir(&copydesk::sample_project_dir(), &project);
    let out = dir.path().join("out");
    let args = ["export", path(&project), "iraq-drone-attacks", "--format", "html", "--out", path(&out)];
    let refused = copydesk(&args);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(text(&refused.stdout).contains("not Ready") && text(&refused.stdout).contains("--force"));
    assert!(!out.exists(), "nothing written");

    let forced = copydesk(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(out.join("index.html").is_file() && out.join("style.css").is_file());
    assert!(text(&forced.stdout).contains("index.html"));
    let story = copydesk::storage::load_project(&project).unwrap().project.stories[0].clone();
    match &story.activity.last().unwrap().event {
        copydesk::model::Event::ForcedExport { format, status } => {
            assert_eq!((format.as_str(), *status), ("html", copydesk::model::StoryStatus::CopyEdit));
        }
        other => panic!("expected the forced export in the log, got {other:?}"),
    }

    let bad = copydesk(&["export", path(&project), "iraq-drone-attacks", "--format", "pdf", "--out", path(&out)]);
    assert_eq!(bad.status.code(), Some(2));
    let missing = copydesk(&["export", path(&project), "nope", "--format", "txt", "--out", path(&out), "--force"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("nope"));
}

/// The sample copied into a temporary folder, so a test may change it.
fn sample_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&copydesk::sample_project_dir(), dir.path());
    dir
}

fn story_of(project: &Path) -> copydesk::model::Story {
    copydesk::storage::load_project(project).unwrap().project.stories[0].clone()
}

#[test]
fn status_goes_through_the_gate_unless_overridden_and_published_only_from_ready() {
    let dir = sample_project();
    let project = path(dir.path());
    let slug = "iraq-drone-attacks";

    // The sample's real mistakes block Ready: exit 1, listing them.
    let output = copydesk(&["status", project, slug, "ready"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.contains("blocks:") && said.contains("--override"), "{said}");
    assert_eq!(story_of(dir.path()).status, copydesk::model::StoryStatus::CopyEdit, "nothing changed");
    // Published only from Ready.
    let output = copydesk(&["status", project, slug, "published"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("only a story marked Ready can be published"), "{}", text(&output.stdout));

    // An override with a reason goes through and is logged.
    let output = copydesk(&["status", project, slug, "ready", "--override", "Legal cleared it by phone"]);
    assert_eq!(output.status.code(), Some(0), "{}{}", text(&output.stdout), text(&output.stderr));
    let story = story_of(dir.path());
    assert_eq!(story.status, copydesk::model::StoryStatus::Ready);
    let logged = format!("{:?}", story.activity);
    assert!(logged.contains("Legal cleared it by phone"), "{logged}");
    assert!(story.revisions.last().unwrap().automatic, "a status change keeps the text as it stood");

    let output = copydesk(&["status", project, slug, "published"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(story_of(dir.path()).status, copydesk::model::StoryStatus::Published);
    // A published story moves only by being reopened.
    let output = copydesk(&["status", project, slug, "copy-edit"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("reopen it"), "{}", text(&output.stdout));

    // Bad input: exit 2 with what is known.
    let output = copydesk(&["status", project, slug, "finished"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("copy-edit"), "{}", text(&output.stderr));
    let output = copydesk(&["status", project, "no-such-story", "draft"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("iraq-drone-attacks"), "{}", text(&output.stderr));
}

#[test]
fn set_validates_values_clears_fields_and_refuses_a_story_someone_has_open() {
    let dir = sample_project();
    let project = path(dir.path());
    let slug = "iraq-drone-attacks";
    for (field, value) in [
        ("byline", "By Ana Ruiz"),
        ("dateline", "BAGHDAD"),
        ("tags", "Iraq, drones , US"),
        ("target-words", "750"),
        ("publish-at", "2026-11-26T06:00:00Z"),
        ("notes", "Two\nlines"),
    ] {
        let output = copydesk(&["set", project, slug, field, value]);
        assert_eq!(output.status.code(), Some(0), "{field}: {}", text(&output.stderr));
    }
    let story = story_of(dir.path());
    assert_eq!((story.byline.as_str(), story.dateline.as_str()), ("By Ana Ruiz", "BAGHDAD"));
    assert_eq!(story.tags, ["Iraq", "drones", "US"]);
    assert_eq!(story.target_words, 750);
    assert!(story.publish_at.is_some());
    assert_eq!(story.notes, "Two\nlines");
    let output = copydesk(&["set", project, slug, "publish-at", ""]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(story_of(dir.path()).publish_at, None, "an empty value clears it");

    for (field, value, expected) in [
        ("target-words", "lots", "whole number"),
        ("publish-at", "tomorrow", "RFC 3339"),
        ("colour", "red", "unknown field"),
    ] {
        let output = copydesk(&["set", project, slug, field, value]);
        assert_eq!(output.status.code(), Some(2), "{field}={value}");
        assert!(text(&output.stderr).contains(expected), "{}", text(&output.stderr));
    }

    // A colleague has the story open in Copydesk (a fresh lock): refused.
    let now = copydesk::model::Timestamp(time::OffsetDateTime::now_utc());
    let holder = copydesk::storage::lock::Holder {
        editor: "Ana Ruiz".into(),
        host: "desk-3".into(),
        pid: 4242,
        session: "window".into(),
        since: now,
        refreshed: now,
    };
    let slug_value = copydesk::model::Slug::new(slug).unwrap();
    let taken = copydesk::storage::lock::acquire(dir.path(), &slug_value, &holder, now).unwrap();
    assert_eq!(taken, copydesk::storage::lock::LockState::Ours);
    let output = copydesk(&["set", project, slug, "headline", "Hijacked"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("Ana Ruiz on desk-3"), "{}", text(&output.stdout));
    assert_ne!(story_of(dir.path()).headline, "Hijacked");
    let output = copydesk(&["status", project, slug, "draft"]);
    assert_eq!(output.status.code(), Some(1), "status is refused too");
}

/// The sample copied, its story given tracked changes and comments written
/// through storage: Ana suggests an insertion in the body, Ben a deletion,
/// and Ben comments on the headline (Ana replies); a resolved comment too.
fn sample_with_tracked_changes() -> tempfile::TempDir {
    use copydesk::model::MarkKind::{Delete, Insert};
    use copydesk::model::{Comment, Reply, Suggestion};
    let dir = sample_project();
    let mut loaded = copydesk::storage::load_project(dir.path()).unwrap();
    let story = &mut loaded.project.stories[0];
    let at = copydesk::model::Timestamp(time::macros::datetime!(2026-11-25 18:05 UTC));
    let later = copydesk::model::Timestamp(time::macros::datetime!(2026-11-25 19:30 UTC));
    let body = story
        .body
        .replacen("from anti-terror", "from {++s1|so-called ++}anti-terror", 1)
        .replacen("in the Arab country", "in the {--s2|Arab --}country", 1)
        .replacen("Citing US-led", "{==c2|Citing==} US-led", 1);
    assert_ne!(body, story.body);
    story.body = body;
    story.headline = story.headline.replacen("Washington Post", "{==c1|Washington Post==}", 1);
    story.suggestions = vec![
        Suggestion { id: "s1".into(), kind: Insert, author: "Ana Ruiz".into(), at },
        Suggestion { id: "s2".into(), kind: Delete, author: "Ben Ode".into(), at: later },
    ];
    story.comments = vec![
        Comment {
            id: "c1".into(),
            author: "Ben Ode".into(),
            at,
            text: "Link the Post's story".into(),
            resolved: false,
            replies: vec![Reply { author: "Ana Ruiz".into(), at: later, text: "Done".into() }],
        },
        Comment {
            id: "c2".into(),
            author: "Ana Ruiz".into(),
            at: later,
            text: "Fine".into(),
            resolved: true,
            replies: vec![],
        },
    ];
    loaded.folder.save(&loaded.project).unwrap();
    dir
}

#[test]
fn changes_lists_suggestions_and_comments_as_json_and_one_line_each() {
    let dir = sample_with_tracked_changes();
    let project = path(dir.path());
    let output = copydesk(&["changes", project, "iraq-drone-attacks", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "changes": [
                {"id": "s1", "kind": "insert", "author": "Ana Ruiz", "at": "2026-11-25T18:05:00Z", "field": "body", "text": "so-called "},
                {"id": "s2", "kind": "delete", "author": "Ben Ode", "at": "2026-11-25T19:30:00Z", "field": "body", "text": "Arab "},
            ],
            "comments": [
                {
                    "id": "c1", "author": "Ben Ode", "at": "2026-11-25T18:05:00Z", "text": "Link the Post's story",
                    "anchor": "Washington Post", "resolved": false,
                    "replies": [{"author": "Ana Ruiz", "at": "2026-11-25T19:30:00Z", "text": "Done"}],
                },
                {
                    "id": "c2", "author": "Ana Ruiz", "at": "2026-11-25T19:30:00Z", "text": "Fine",
                    "anchor": "Citing", "resolved": true, "replies": [],
                },
            ],
        })
    );

    let output = copydesk(&["changes", project, "iraq-drone-attacks"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let listed = text(&output.stdout);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 4, "one line per change and comment:\n{listed}");
    assert!(lines[0].starts_with("s1") && lines[0].contains("insert") && lines[0].contains("Ana Ruiz"), "{listed}");
    assert!(lines[0].contains("“so-called”"), "{listed}");
    assert!(lines[1].starts_with("s2") && lines[1].contains("delete") && lines[1].contains("“Arab”"), "{listed}");
    assert!(lines[2].starts_with("c1") && lines[2].contains("“Washington Post”") && lines[2].contains("1 reply"));
    assert!(lines[2].contains("[open]") && lines[3].contains("[resolved]"), "{listed}");

    // --author lists only theirs.
    let output = copydesk(&["changes", project, "iraq-drone-attacks", "--json", "--author", "Ben Ode"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!((json["changes"].as_array().unwrap().len(), json["comments"].as_array().unwrap().len()), (1, 1));
    assert_eq!(json["changes"][0]["id"], "s2");

    // Bad input: exit 2, nothing changed.
    let before = std::fs::read(dir.path().join("stories/iraq-drone-attacks.ron")).unwrap();
    let output = copydesk(&["changes", project, "no-such-story"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("iraq-drone-attacks"), "{}", text(&output.stderr));
    let output = copydesk(&["changes", project, "iraq-drone-attacks", "--accept-all", "--reject-all"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(dir.path().join("stories/iraq-drone-attacks.ron")).unwrap(), before);
}

/// A Word file whose second comment has no range (mammoth.js's
/// `comments.docx`): listed after the words it follows, not on "".
#[test]
fn changes_says_where_a_comment_on_no_text_sits() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    let created = copydesk(&["new", "--name", "Desk", path(&project)]);
    assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
    let docx = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx/comments.docx");
    let imported = copydesk(&["import", path(&project), docx]);
    assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
    let output = copydesk(&["changes", path(&project), "ouch"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let listed = text(&output.stdout);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(lines[0].starts_with("c1") && lines[0].contains("on “Ouch”: A tachyon walks into a bar."), "{listed}");
    assert!(lines[1].starts_with("c2") && lines[1].contains("after “Ouch.”: Fin."), "{listed}");
    let output = copydesk(&["changes", path(&project), "ouch", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!((&json["comments"][0]["anchor"], json["comments"][0].get("before")), (&"Ouch".into(), None));
    assert_eq!((&json["comments"][1]["anchor"], &json["comments"][1]["before"]), (&"".into(), &"Ouch.".into()));
}

#[test]
fn changes_accepts_one_authors_suggestions_rejects_the_rest_and_respects_a_lock() {
    let dir = sample_with_tracked_changes();
    let project = path(dir.path());
    let slug = "iraq-drone-attacks";
    let original = story_of(dir.path());

    // A colleague has the story open: refused, exit 1, nothing changed.
    let now = copydesk::model::Timestamp(time::OffsetDateTime::now_utc());
    let holder = copydesk::storage::lock::Holder {
        editor: "Cy Wu".into(),
        host: "desk-5".into(),
        pid: 4243,
        session: "window".into(),
        since: now,
        refreshed: now,
    };
    let slug_value = copydesk::model::Slug::new(slug).unwrap();
    copydesk::storage::lock::acquire(dir.path(), &slug_value, &holder, now).unwrap();
    let output = copydesk(&["changes", project, slug, "--accept-all"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("Cy Wu on desk-5"), "{}", text(&output.stdout));
    assert_eq!(story_of(dir.path()), original);
    let output = copydesk(&["changes", project, slug]);
    assert_eq!(output.status.code(), Some(0), "listing needs no lock");
    copydesk::storage::lock::release(dir.path(), &slug_value, &holder);

    let output = copydesk(&["changes", project, slug, "--accept-all", "--author", "Ana Ruiz"]);
    assert_eq!(output.status.code(), Some(0), "{}{}", text(&output.stdout), text(&output.stderr));
    assert!(text(&output.stdout).contains("accepted 1 suggestion"), "{}", text(&output.stdout));
    let story = story_of(dir.path());
    assert!(story.body.contains("from so-called anti-terror"));
    assert!(story.body.contains("in the {--s2|Arab --}country"), "Ben's is still pending");
    assert_eq!(story.suggestions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s2"]);
    let output = copydesk(&["changes", project, slug, "--accept-all", "--author", "Ana Ruiz"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("no pending suggestions by Ana Ruiz"), "{}", text(&output.stdout));

    let output = copydesk(&["changes", project, slug, "--reject-all"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let story = story_of(dir.path());
    assert!(story.body.contains("in the Arab country"));
    assert!(story.suggestions.is_empty());
    assert_eq!(story.comments, original.comments, "comments are not suggestions");
    assert!(story.updated > original.updated, "the change is stamped");
    let json: serde_json::Value =
        serde_json::from_slice(&copydesk(&["changes", project, slug, "--json"]).stdout).unwrap();
    assert_eq!(json["changes"], serde_json::json!([]));
}

#[test]
fn check_and_info_read_a_story_with_marks_as_it_stands() {
    let dir = sample_with_tracked_changes();
    let project = path(dir.path());
    let story = story_of(dir.path());
    let standing = copydesk::model::tracked::as_it_stands(&story.body).into_owned();
    let plain = story_of(&copydesk::sample_project_dir());
    assert_eq!(standing, plain.body, "the insertion is out and the deleted text still in");

    let output = copydesk(&["info", project, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["stories"][0]["words"], copydesk::model::text_stats(&plain.body).words);
    assert_eq!(json["stories"][0]["headline"], plain.headline.as_str());

    let output = copydesk(&["check", project, "iraq-drone-attacks", "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["stories"][0]["findings"].as_array().unwrap();
    let blocking = json["stories"][0]["blocking"].as_array().unwrap();
    assert!(blocking.contains(&serde_json::json!("Pending suggestions: accept or reject each (2)")), "{blocking:?}");
    assert!(blocking.contains(&serde_json::json!("Open comments: resolve each (1)")), "{blocking:?}");
    let of_rule = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).collect::<Vec<_>>();
    assert_eq!(of_rule("pending-suggestions").len(), 2);
    let comments = of_rule("open-comments");
    assert_eq!(comments.len(), 1);
    assert!(comments[0]["message"].as_str().unwrap().contains("Ben Ode"), "{}", comments[0]);
    assert_eq!(comments[0]["field"], "headline");
    // Every range is a range of the text as it stands, never into a mark:
    // the quote the sample leaves open is where it is without the marks.
    for finding in findings.iter().filter(|f| f["field"] == "body" || f["field"] == "headline") {
        let field = if finding["field"] == "body" { &story.body } else { &story.headline };
        let standing = copydesk::model::tracked::as_it_stands(field);
        let (start, end) = (finding["start"].as_u64().unwrap() as usize, finding["end"].as_u64().unwrap() as usize);
        let excerpt =
            standing.get(start..end).unwrap_or_else(|| panic!("{finding} is not a range of the text as it stands"));
        assert!(!["{", "|", "}"].iter().any(|d| excerpt.contains(d)), "{finding}: {excerpt:?}");
    }
    let quote = of_rule("unbalanced-quotes")[0];
    let (start, end) = (quote["start"].as_u64().unwrap() as usize, quote["end"].as_u64().unwrap() as usize);
    assert_eq!(standing.get(start..end), Some("“"));
    assert_ne!(story.body.get(start..end), Some("“"), "the stored text has the marks before it");
    // The rest is what the sample finds without the marks, proofing included.
    let sample = copydesk(&["check", path(&copydesk::sample_project_dir()), "--json"]);
    let sample: serde_json::Value = serde_json::from_slice(&sample.stdout).unwrap();
    let untracked = |findings: &[serde_json::Value]| -> Vec<serde_json::Value> {
        findings
            .iter()
            .filter(|f| f["rule"] != "pending-suggestions" && f["rule"] != "open-comments")
            .map(|f| serde_json::json!([f["rule"], f["field"], f["start"], f["end"], f["message"]]))
            .collect()
    };
    assert_eq!(untracked(findings), untracked(sample["stories"][0]["findings"].as_array().unwrap()));
}

#[test]
fn check_keeps_proofing_marks_for_the_next_run_and_a_bad_cache_costs_only_a_fresh_check() {
    let project = common::sample_copy();
    let run = || {
        let output = copydesk(&["check", path(project.path()), "--json"]);
        assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let first = run();
    let stored_path = project.path().join(".copydesk-cache").join("proofing.json");
    let stored: serde_json::Value = serde_json::from_slice(&std::fs::read(&stored_path).unwrap()).unwrap();
    assert!(stored["paragraphs"].as_object().is_some_and(|p| p.len() > 10), "every paragraph's marks are kept");
    assert_eq!(run(), first, "the same findings from the stored marks");

    // The stored marks are what the second run reads: a mark planted there
    // for the headline shows up.
    let headline = copydesk::storage::load_project(project.path()).unwrap().project.stories[0].headline.clone();
    let mut planted = stored.clone();
    planted["paragraphs"][copydesk::proofing::paragraph_key(&headline)] = serde_json::json!([
        {"start": 0, "end": 2, "kind": "Style", "message": "A planted mark", "fixes": []}
    ]);
    std::fs::write(&stored_path, serde_json::to_vec(&planted).unwrap()).unwrap();
    let findings = run()["stories"][0]["findings"].clone();
    assert!(findings.as_array().unwrap().iter().any(|f| f["message"] == "A planted mark" && f["field"] == "headline"));

    // A damaged file is a miss: the marks are found afresh and kept again.
    std::fs::write(&stored_path, "not json").unwrap();
    assert_eq!(run(), first);
    assert!(serde_json::from_slice::<serde_json::Value>(&std::fs::read(&stored_path).unwrap()).is_ok());
}

#[test]
fn check_keeps_the_text_rules_findings_for_the_next_run_and_checks_changed_text_afresh() {
    let project = common::sample_copy();
    let run = || {
        let output = copydesk(&["check", path(project.path()), "--json", "--no-proofing"]);
        assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let messages = |found: &serde_json::Value| -> Vec<String> {
        found["stories"][0]["findings"].as_array().unwrap().iter().map(|f| f["message"].to_string()).collect()
    };
    let first = run();
    let kept_path = project.path().join(".copydesk-cache").join("checks.json");
    let kept: serde_json::Value = serde_json::from_slice(&std::fs::read(&kept_path).unwrap()).unwrap();
    assert!(kept["hits"].as_object().is_some_and(|hits| hits.len() >= 3), "the headline's, dek's and body's hits");
    assert_eq!(run(), first, "the same findings from the kept hits");

    // What was kept is what the second run reads: a hit planted for every
    // text shows up.
    let mut planted = kept.clone();
    for hits in planted["hits"].as_object_mut().unwrap().values_mut() {
        hits.as_array_mut().unwrap().push(serde_json::json!({
            "rule": "DoubleSpace", "range": {"start": 0, "end": 1}, "message": "A planted hit", "suggestion": null
        }));
    }
    std::fs::write(&kept_path, serde_json::to_vec(&planted).unwrap()).unwrap();
    assert!(messages(&run()).iter().any(|m| m.contains("A planted hit")));

    // A changed body is checked afresh: its new mistake is found, and the
    // planted hit of its old text is gone from it.
    let mut loaded = copydesk::storage::load_project(project.path()).unwrap();
    loaded.project.stories[0].body.push_str("\n\nThe the council met again.");
    loaded.folder.save(&loaded.project).unwrap();
    let found = run();
    let body: Vec<&serde_json::Value> =
        found["stories"][0]["findings"].as_array().unwrap().iter().filter(|f| f["field"] == "body").collect();
    assert!(body.iter().any(|f| f["message"].to_string().contains("“the”")), "{body:?}");
    assert!(!body.iter().any(|f| f["message"].to_string().contains("A planted hit")));

    // A damaged file is a miss: the texts are checked afresh.
    std::fs::write(&kept_path, "not json").unwrap();
    let again = run();
    assert!(!messages(&again).iter().any(|m| m.contains("A planted hit")));
    assert!(serde_json::from_slice::<serde_json::Value>(&std::fs::read(&kept_path).unwrap()).is_ok());
}
