//! Sharing a project over git: two and three clones of a bare repository
//! on `file://`, edited on both sides and synced from the command line
//! (and through the library, to see a push refused and retried).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use copydesk::model::{Slug, Timestamp};
use copydesk::storage;
use copydesk::sync::{self, SyncOptions, presence::Presence};

const STORY: &str = "iraq-drone-attacks";

/// A desk: a bare repository and a temporary home, so no one's own git
/// configuration or preferences take part.
struct Desk {
    root: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk { root: tempfile::tempdir().unwrap() };
        std::fs::create_dir_all(desk.home()).unwrap();
        let bare = desk.root.path().join("shared.git");
        let out = git_in(
            desk.root.path(),
            &desk,
            &["init", "--quiet", "--bare", "--initial-branch", "main", bare.to_str().unwrap()],
        );
        assert!(out.status.success(), "{}", text(&out));
        desk
    }

    fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    fn url(&self) -> String {
        format!("file://{}", self.root.path().join("shared.git").display())
    }

    fn folder(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// Runs the real `copydesk` binary.
    fn copydesk(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join("data"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run copydesk")
    }

    /// Editor A's project, shared to the bare repository.
    fn shared_project(&self) -> PathBuf {
        let a = self.folder("a");
        common::copy_dir(&copydesk::sample_project_dir(), &a);
        let out = self.copydesk(&["share", a.to_str().unwrap(), &self.url()]);
        assert!(out.status.success(), "share: {}", text(&out));
        a
    }

    fn clone(&self, name: &str) -> PathBuf {
        let dir = self.folder(name);
        let out = self.copydesk(&["clone", &self.url(), dir.to_str().unwrap()]);
        assert!(out.status.success(), "clone: {}", text(&out));
        dir
    }

    fn sync(&self, project: &Path) -> Output {
        self.copydesk(&["sync", project.to_str().unwrap()])
    }
}

fn git_in(dir: &Path, desk: &Desk, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=Terminal User", "-c", "user.email=terminal@example.org"])
        .args(args)
        .current_dir(dir)
        .env("HOME", desk.home())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn story_of(project: &Path) -> copydesk::model::Story {
    let loaded = storage::load_project(project).unwrap();
    assert!(loaded.problems.is_empty(), "the project opens whole: {:?}", loaded.problems);
    loaded.project.story(&Slug::new(STORY).unwrap()).unwrap().clone()
}

/// Changes the story as the window would, and saves it.
fn edit_story(project: &Path, change: impl FnOnce(&mut copydesk::model::Story)) {
    let mut loaded = storage::load_project(project).unwrap();
    let slug = Slug::new(STORY).unwrap();
    let story = loaded.project.stories.iter_mut().find(|s| s.slug == slug).unwrap();
    change(story);
    loaded.folder.save(&loaded.project).unwrap();
}

/// Replaces paragraph `index` of the body.
fn set_paragraph(story: &mut copydesk::model::Story, index: usize, text: &str) {
    let mut paragraphs: Vec<String> = copydesk::diff::paragraphs(&story.body).into_iter().map(str::to_owned).collect();
    paragraphs[index] = text.to_owned();
    story.body = paragraphs.join("\n\n");
}

fn no_markers_in(project: &Path) {
    for dir in ["stories", "photos", ""] {
        for entry in std::fs::read_dir(project.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                let body = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !body.contains("<<<<<<<") && !body.contains(">>>>>>>"),
                    "conflict markers in {}",
                    path.display()
                );
            }
        }
    }
}

fn head_of_shared(desk: &Desk) -> String {
    let out = git_in(&desk.root.path().join("shared.git"), desk, &["rev-parse", "main"]);
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn edits_to_different_paragraphs_and_fields_on_two_machines_merge() {
    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    assert_eq!(story_of(&a), story_of(&b), "the clone holds the same story");

    edit_story(&a, |story| {
        set_paragraph(story, 0, "A's new first paragraph.");
        story.headline = "A's headline".into();
    });
    edit_story(&b, |story| {
        set_paragraph(story, 2, "B's new third paragraph.");
        story.dek = "B's dek".into();
    });
    let out = desk.sync(&a);
    assert!(out.status.success(), "A syncs: {}", text(&out));
    assert!(text(&out).contains("Committed: Update iraq-drone-attacks"), "{}", text(&out));
    let out = desk.sync(&b);
    assert!(out.status.success(), "B merges and sends: {}", text(&out));
    let out = desk.sync(&a);
    assert!(out.status.success(), "A takes in B's work: {}", text(&out));

    for project in [&a, &b] {
        let story = story_of(project);
        let paragraphs = copydesk::diff::paragraphs(&story.body);
        assert_eq!(paragraphs[0], "A's new first paragraph.");
        assert_eq!(paragraphs[2], "B's new third paragraph.");
        assert_eq!(story.headline, "A's headline");
        assert_eq!(story.dek, "B's dek");
        no_markers_in(project);
    }
    assert_eq!(
        std::fs::read(a.join("stories/iraq-drone-attacks.ron")).unwrap(),
        std::fs::read(b.join("stories/iraq-drone-attacks.ron")).unwrap(),
        "both machines hold the same file"
    );

    // A third editor clones the merged project and sees it all.
    let c = desk.clone("c");
    assert_eq!(story_of(&c), story_of(&a));
}

#[test]
fn a_real_conflict_is_named_kept_on_both_sides_and_never_marked() {
    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    edit_story(&a, |story| set_paragraph(story, 1, "A wrote this second paragraph."));
    edit_story(&b, |story| set_paragraph(story, 1, "B wrote this second paragraph."));
    assert!(desk.sync(&a).status.success());
    let shared_before = head_of_shared(&desk);

    let out = desk.sync(&b);
    assert_eq!(out.status.code(), Some(1), "conflicts remain: {}", text(&out));
    assert!(text(&out).contains("conflict: story “iraq-drone-attacks”: body, paragraph 2"), "{}", text(&out));
    // B's words stay in B's file, and the project opens.
    let story = story_of(&b);
    assert_eq!(copydesk::diff::paragraphs(&story.body)[1], "B wrote this second paragraph.");
    no_markers_in(&b);
    // A's words are kept where nothing can lose them.
    let (records, problems) = storage::conflicts::pending(&b);
    assert!(problems.is_empty());
    assert_eq!(records.len(), 1);
    assert!(records[0].theirs.contains("A wrote this second paragraph."));
    assert_eq!(records[0].story_slug().unwrap().as_str(), STORY);
    // Nothing was sent while it is undecided.
    assert_eq!(head_of_shared(&desk), shared_before);
    let again = desk.sync(&b);
    assert_eq!(again.status.code(), Some(1), "still undecided: {}", text(&again));
    assert_eq!(head_of_shared(&desk), shared_before);

    // Deciding (here: taking theirs, as the window's dialog does) and
    // syncing sends the resolution.
    let theirs = records[0].theirs.clone();
    std::fs::write(b.join("stories/iraq-drone-attacks.ron"), theirs).unwrap();
    storage::conflicts::remove(&b, &records[0].path).unwrap();
    let out = desk.sync(&b);
    assert!(out.status.success(), "the resolution goes out: {}", text(&out));
    assert!(desk.sync(&a).status.success());
    assert_eq!(copydesk::diff::paragraphs(&story_of(&a).body)[1], "A wrote this second paragraph.");
}

#[test]
fn a_plain_git_pull_merges_stories_through_the_driver() {
    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    edit_story(&a, |story| set_paragraph(story, 0, "A's first paragraph."));
    assert!(desk.sync(&a).status.success());

    edit_story(&b, |story| set_paragraph(story, 3, "B's fourth paragraph, committed in a terminal."));
    assert!(git_in(&b, &desk, &["commit", "--quiet", "-am", "B in a terminal"]).status.success());
    let out = git_in(&b, &desk, &["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert!(out.status.success(), "git pull merges through the driver: {}", text(&out));
    let story = story_of(&b);
    let paragraphs = copydesk::diff::paragraphs(&story.body);
    assert_eq!(paragraphs[0], "A's first paragraph.");
    assert_eq!(paragraphs[3], "B's fourth paragraph, committed in a terminal.");
    no_markers_in(&b);

    // Both sides change one paragraph: git stops, and the file still opens.
    edit_story(&a, |story| set_paragraph(story, 0, "A again."));
    assert!(desk.sync(&a).status.success());
    edit_story(&b, |story| set_paragraph(story, 0, "B instead."));
    assert!(git_in(&b, &desk, &["commit", "--quiet", "-am", "B again"]).status.success());
    let out = git_in(&b, &desk, &["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert!(!out.status.success(), "a true conflict stops the pull");
    assert_eq!(copydesk::diff::paragraphs(&story_of(&b).body)[0], "B instead.");
    no_markers_in(&b);
    let (records, _) = storage::conflicts::pending(&b);
    assert!(records[0].theirs.contains("A again."));
}

#[test]
fn an_unreachable_remote_loses_nothing_and_the_next_sync_sends_it() {
    let desk = Desk::new();
    let a = desk.shared_project();
    let real = desk.url();
    assert!(git_in(&a, &desk, &["remote", "set-url", "origin", "file:///nonexistent/shared.git"]).status.success());
    edit_story(&a, |story| story.headline = "Written offline".into());
    let out = desk.sync(&a);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("cannot be reached") && text(&out).contains("nothing is lost"), "{}", text(&out));
    let log = git_in(&a, &desk, &["log", "-1", "--format=%s"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains("iraq-drone-attacks"), "the work is committed here");

    assert!(git_in(&a, &desk, &["remote", "set-url", "origin", &real]).status.success());
    assert!(desk.sync(&a).status.success());
    let b = desk.clone("b");
    assert_eq!(story_of(&b).headline, "Written offline");
}

#[test]
fn sync_outside_a_shared_project_says_what_to_do() {
    let desk = Desk::new();
    let plain = desk.folder("plain");
    common::copy_dir(&copydesk::sample_project_dir(), &plain);
    let out = desk.sync(&plain);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("not a shared project") && text(&out).contains("copydesk share"), "{}", text(&out));
    assert!(git_in(&plain, &desk, &["init", "--quiet"]).status.success());
    let out = desk.sync(&plain);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("no shared repository"), "{}", text(&out));
}

#[test]
fn a_push_refused_because_someone_pushed_first_is_merged_and_sent_again() {
    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    edit_story(&a, |story| story.headline = "A's headline".into());
    edit_story(&b, |story| story.dek = "B's dek".into());
    let mut pushes = 0;
    let options = SyncOptions { author: Some("Ana Ruiz".into()), ..SyncOptions::default() };
    let report = sync::sync(&a, &options, &mut |step| {
        if step == sync::Step::Pushing {
            pushes += 1;
            if pushes == 1 {
                // B gets in first, between A's fetch and A's push.
                let out = desk.sync(&b);
                assert!(out.status.success(), "{}", text(&out));
            }
        }
    })
    .unwrap();
    assert_eq!(pushes, 2, "the refused push was tried again after a merge");
    assert!(report.pushed && report.in_sync(), "{report:?}");
    let c = desk.clone("c");
    let story = story_of(&c);
    assert_eq!((story.headline.as_str(), story.dek.as_str()), ("A's headline", "B's dek"));
    let log = git_in(&a, &desk, &["log", "-3", "--format=%an"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains("Ana Ruiz"), "commits carry the editor's name");
}

#[test]
fn presence_is_seen_by_the_other_clone_and_ages_out() {
    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    let now = copydesk::clock::now();
    let kathy = Presence {
        editor: "Kathy".into(),
        host: "desk-3".into(),
        story: Some(Slug::new(STORY).unwrap()),
        since: now,
        seen: now,
    };
    let options = SyncOptions { presence: Some(kathy.clone()), now: Some(now), ..SyncOptions::default() };
    sync::sync(&a, &options, &mut |_| {}).unwrap();
    let other = Presence { editor: "Ben".into(), host: "home".into(), story: None, since: now, seen: now };
    let options = SyncOptions { presence: Some(other.clone()), now: Some(now), ..SyncOptions::default() };
    let report = sync::sync(&b, &options, &mut |_| {}).unwrap();
    assert_eq!(report.others, vec![kathy.clone()], "B sees Kathy, and not itself");
    let later = Timestamp(now.0 + time::Duration::minutes(30));
    let seen = sync::update_presence(&b, &other, later).unwrap();
    assert!(seen.is_empty(), "stale presence ages out: {seen:?}");
}

fn shared_story_text(desk: &Desk) -> String {
    let out = git_in(&desk.root.path().join("shared.git"), desk, &["show", "main:stories/iraq-drone-attacks.ron"]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_window_pulls_when_the_project_opens_and_sends_a_save_shortly_after() {
    use copydesk::app::{Command, UiCommand};
    use copydesk::edit::Edit;
    use copydesk::model::TextField;

    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    edit_story(&a, |story| story.headline = "Changed on A's machine".into());
    assert!(desk.sync(&a).status.success());

    let recovery = tempfile::tempdir().unwrap();
    let mut harness = common::harness_for(&b, recovery.path());
    let slug = Slug::new(STORY).unwrap();
    let headline = |h: &egui_kittest::Harness<'_, copydesk::app::CopydeskApp>| {
        h.state().workspace.as_ref().and_then(|w| w.project().story(&slug).map(|s| s.headline.clone()))
    };
    common::step_until(&mut harness, "the pull when the project opens", |h| {
        headline(h).as_deref() == Some("Changed on A's machine")
    });
    common::step_until(&mut harness, "the badge to say in sync", |h| {
        h.state().sync.badge().is_some_and(|badge| badge.label.starts_with("✓ In sync"))
    });
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty(), "a pull leaves the project saved");

    let edit = Edit::SetText { story: slug.clone(), field: TextField::Headline, text: "Edited in B's window".into() };
    harness.state_mut().push(Command::Edit { edit, label: "Typing in Headline".into() });
    harness.run();
    harness.state_mut().push(Command::Ui(UiCommand::Save));
    harness.run();
    common::step_until(&mut harness, "the save to be committed and sent", |_| {
        shared_story_text(&desk).contains("Edited in B's window")
    });
    common::step_until(&mut harness, "the badge to say in sync again", |h| {
        h.state().sync.badge().is_some_and(|badge| badge.label.starts_with("✓ In sync"))
    });
    let out = desk.sync(&a);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(story_of(&a).headline, "Edited in B's window");
}

#[test]
fn a_conflict_from_a_sync_opens_the_merge_dialog_and_the_choice_is_sent() {
    use copydesk::app::{Command, Dialog};
    use egui_kittest::kittest::Queryable;

    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    edit_story(&a, |story| story.headline = "A's headline".into());
    edit_story(&b, |story| story.headline = "B's headline".into());
    assert!(desk.sync(&a).status.success());

    let recovery = tempfile::tempdir().unwrap();
    let mut harness = common::harness_for(&b, recovery.path());
    common::step_until(&mut harness, "the merge dialog", |h| {
        h.state().dialogs.iter().any(|d| matches!(d, Dialog::OutsideChange(draft) if draft.conflict.is_some()))
    });
    // A new dialog's first frames lay it out before it takes clicks.
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label("Take theirs").click();
    harness.run();
    common::step_until(&mut harness, "the decision to be sent", |_| {
        shared_story_text(&desk).contains("A's headline") && storage::conflicts::pending(&b).0.is_empty()
    });
    assert_eq!(story_of(&b).headline, "A's headline");
    // The choice is an ordinary edit: undo brings mine back.
    harness.state_mut().push(Command::Ui(copydesk::app::UiCommand::Undo));
    harness.run();
    let here = harness
        .state()
        .workspace
        .as_ref()
        .unwrap()
        .project()
        .story(&Slug::new(STORY).unwrap())
        .unwrap()
        .headline
        .clone();
    assert_eq!(here, "B's headline");
}

#[test]
fn share_and_clone_from_the_window() {
    use copydesk::app::{Command, UiCommand};
    use egui_kittest::kittest::Queryable;

    let desk = Desk::new();
    let a = desk.folder("a");
    common::copy_dir(&copydesk::sample_project_dir(), &a);
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = common::harness_for(&a, recovery.path());
    assert!(harness.state().sync.badge().is_none(), "a project that is not shared shows no sync state");
    harness.state_mut().push(Command::Ui(UiCommand::ShareProject));
    harness.run();
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label("Shared repository address:").focus();
    harness.get_by_label("Shared repository address:").type_text(&desk.url());
    harness.run();
    harness.get_by_label("Share").click();
    harness.run();
    common::step_until(&mut harness, "the project to be shared", |h| {
        h.state().sync.badge().is_some_and(|badge| badge.label.starts_with("✓ In sync"))
    });
    assert!(shared_story_text(&desk).contains("iraq-drone-attacks"), "the story is in the shared repository");

    let b = desk.folder("b");
    harness.state_mut().push(Command::CloneInto { url: desk.url(), dir: b.clone() });
    common::step_until(&mut harness, "the clone to open", |h| {
        h.state().workspace.as_ref().is_some_and(|w| w.root() == b.as_path())
    });
    assert_eq!(story_of(&b), story_of(&a));
    let attributes = std::fs::read_to_string(b.join(".git/config")).unwrap();
    assert!(attributes.contains("merge-driver %O %A %B %P"), "the clone merges stories with Copydesk: {attributes}");
}

#[test]
fn nothing_a_repository_brings_runs_on_clone_or_sync() {
    let desk = Desk::new();
    let marker = desk.folder("ran");
    // The editor's own git configuration defines a filter (as git-lfs
    // does); a hostile project names it for its files.
    let filter = format!("sh -c \"echo filter >> '{}'; cat\"", marker.display());
    let config = format!("[filter \"evil\"]\n\tsmudge = {filter}\n\tclean = {filter}\n");
    std::fs::write(desk.home().join(".gitconfig"), config).unwrap();
    let a = desk.folder("a");
    common::copy_dir(&copydesk::sample_project_dir(), &a);
    std::fs::write(a.join(".gitattributes"), "*.ron filter=evil\n").unwrap();
    // The project folder arrives as a repository with hooks in it.
    assert!(git_in(&a, &desk, &["init", "--quiet", "--initial-branch", "main"]).status.success());
    let out = desk.copydesk(&["share", a.to_str().unwrap(), &desk.url()]);
    assert!(out.status.success(), "{}", text(&out));
    let b = desk.clone("b");
    for project in [&a, &b] {
        let script = format!("#!/bin/sh\necho \"hook $0\" >> '{}'\n", marker.display());
        for hook in ["post-checkout", "post-merge", "pre-commit", "commit-msg", "pre-push", "reference-transaction"] {
            let path = project.join(".git/hooks").join(hook);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &script).unwrap();
            let mut permissions = std::fs::metadata(&path).unwrap().permissions();
            std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
            std::fs::set_permissions(&path, permissions).unwrap();
        }
    }
    edit_story(&b, |story| story.headline = "Edited in the clone".into());
    assert!(desk.sync(&b).status.success());
    edit_story(&a, |story| story.dek = "Edited where it was shared".into());
    assert!(desk.sync(&a).status.success());
    assert!(desk.sync(&b).status.success());
    assert_eq!(story_of(&a).headline, "Edited in the clone");
    assert_eq!(story_of(&b).dek, "Edited where it was shared");
    assert!(!marker.exists(), "a filter or hook ran: {}", std::fs::read_to_string(&marker).unwrap_or_default());
}

/// Changes the project's settings as the window would, and saves them.
fn edit_settings(project: &Path, change: impl FnOnce(&mut copydesk::model::ProjectSettings)) {
    let mut loaded = storage::load_project(project).unwrap();
    change(&mut loaded.project.settings);
    loaded.folder.save(&loaded.project).unwrap();
}

#[test]
fn the_window_takes_in_settings_a_sync_brings_and_decides_a_settings_conflict() {
    use copydesk::app::{CopydeskApp, Dialog};
    use egui_kittest::kittest::Queryable;

    let desk = Desk::new();
    let a = desk.shared_project();
    let b = desk.clone("b");
    edit_settings(&a, |settings| settings.dictionary.push("Zzyzxword".into()));
    assert!(desk.sync(&a).status.success());

    let recovery = tempfile::tempdir().unwrap();
    let mut harness = common::harness_for(&b, recovery.path());
    let settings =
        |h: &egui_kittest::Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().project().settings.clone();
    common::step_until(&mut harness, "the colleague's dictionary word", |h| {
        settings(h).dictionary.iter().any(|word| word == "Zzyzxword")
    });
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty(), "taken in from the files, nothing to save");

    // Both change the language: the dialog asks, and theirs is taken.
    edit_settings(&a, |settings| settings.language = "en-GB".into());
    assert!(desk.sync(&a).status.success());
    let mut loaded = storage::load_project(&b).unwrap();
    loaded.project.settings.language = "en-AU".into();
    harness
        .state_mut()
        .workspace
        .as_mut()
        .unwrap()
        .apply(copydesk::edit::Edit::SetSettings(Box::new(loaded.project.settings.clone())), "language", 0.0)
        .unwrap();
    harness.state_mut().push(copydesk::app::Command::Ui(copydesk::app::UiCommand::Save));
    harness.run();
    harness.state_mut().push(copydesk::app::Command::Ui(copydesk::app::UiCommand::SyncNow));
    common::step_until(&mut harness, "the conflict dialog", |h| {
        h.state().dialogs.iter().any(|d| matches!(d, Dialog::FileConflict { path, .. } if path == "project.ron"))
    });
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label("Take theirs").click();
    harness.run();
    assert_eq!(settings(&harness).language, "en-GB");
    let shared_log = || {
        let out = git_in(&desk.root.path().join("shared.git"), &desk, &["log", "main", "--format=%s"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    common::step_until(&mut harness, "the decision to be sent", |_| shared_log().contains("Merge the desk's changes"));
    assert!(storage::conflicts::pending(&b).0.is_empty());
    assert!(desk.sync(&a).status.success());
    let settings_a = storage::load_project(&a).unwrap().project.settings;
    assert_eq!(settings_a.language, "en-GB");
    assert!(settings_a.dictionary.iter().any(|w| w == "Zzyzxword"));
}
