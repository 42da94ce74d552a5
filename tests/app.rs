//! Drives the real `CopydeskApp` with egui_kittest: no display, real
//! widgets, real storage in a temporary copy of the sample project.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

mod common;
use common::{harness_for, harness_with_step, sample_copy, step_until};

use std::path::{Path, PathBuf};

use copydesk::app::{CopydeskApp, Dialog, UiCommand};
use copydesk::edit::Edit;
use copydesk::model::TextField;
use copydesk::storage;
use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

fn headline(harness: &Harness<'_, CopydeskApp>) -> String {
    let workspace = harness.state().workspace.as_ref().unwrap();
    workspace.selected_story().unwrap().headline.clone()
}

fn saved_headline(project: &Path) -> String {
    storage::load_project(project).unwrap().project.stories[0].headline.clone()
}

const SEED_HEADLINE: &str = "US ‘increasingly alarmed’ by drone attacks from Iraqi resistance groups: Washington Post";

#[test]
fn opens_the_sample_and_shows_the_seed_story() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let harness = harness_for(project.path(), recovery.path());
    assert_eq!(headline(&harness), SEED_HEADLINE);
    harness.get_by_role_and_label(Role::Button, "iraq-drone-attacks");
    harness.get_by_label("Article");
    harness.get_by_label("Photos");
    harness.get_by_label("Review");
    assert!(harness.get_by_label("Headline").value().unwrap().starts_with("US ‘increasingly"));
    harness.get_by_label("Saved");
}

#[test]
fn edit_headline_undo_redo_save_and_reload() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());

    harness.get_by_label("Headline").focus();
    harness.key_press(Key::End);
    harness.run();
    harness.get_by_label("Headline").type_text(" says");
    harness.run();
    assert_eq!(headline(&harness), format!("{SEED_HEADLINE} says"));
    harness.get_by_label("• Unsaved changes");

    // One burst of typing is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(headline(&harness), SEED_HEADLINE);
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty(), "back at the saved revision");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(headline(&harness), format!("{SEED_HEADLINE} says"));

    // Ctrl+Y is redo too, never the text field's own redo.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(headline(&harness), format!("{SEED_HEADLINE} says"));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Saved");
    assert_eq!(saved_headline(project.path()), format!("{SEED_HEADLINE} says"));

    // A restart sees the saved text.
    drop(harness);
    let harness = harness_for(project.path(), recovery.path());
    assert_eq!(headline(&harness), format!("{SEED_HEADLINE} says"));
}

#[test]
fn quitting_with_unsaved_changes_asks_and_cancel_keeps_the_work() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("Dek").focus();
    harness.get_by_label("Dek").type_text("A standfirst");
    harness.run();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Quit").click();
    harness.run();
    harness.get_by_label("Save changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().dialogs.is_empty());
    assert!(harness.state().workspace.as_ref().unwrap().is_dirty(), "cancel keeps the unsaved work");
    assert_eq!(saved_headline(project.path()), SEED_HEADLINE);

    // Save from the prompt writes the work before leaving.
    harness.state_mut().push(copydesk::app::Command::Ui(UiCommand::Quit));
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let saved = storage::load_project(project.path()).unwrap();
    assert_eq!(saved.project.stories[0].dek, "A standfirst");
}

#[test]
fn opening_another_project_with_unsaved_changes_asks_and_discard_drops_them() {
    let project = sample_copy();
    let other = tempfile::tempdir().unwrap();
    storage::create_project(other.path(), "Other desk").unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("Byline").focus();
    harness.get_by_label("Byline").type_text("Staff");
    harness.run();

    harness.state_mut().push(copydesk::app::Command::OpenProjectAt(other.path().to_owned()));
    harness.run();
    assert!(matches!(harness.state().dialogs.first(), Some(Dialog::UnsavedChanges { .. })));
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(harness.state().workspace.as_ref().unwrap().project().name, "Other desk");
    let sample = storage::load_project(project.path()).unwrap();
    assert_eq!(sample.project.stories[0].byline, "", "discarded work is not written");
}

#[test]
fn new_rename_duplicate_and_delete_with_undo() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let slugs = |h: &Harness<'_, CopydeskApp>| -> Vec<String> {
        h.state().workspace.as_ref().unwrap().project().stories.iter().map(|s| s.slug.to_string()).collect()
    };

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert_eq!(slugs(&harness), ["iraq-drone-attacks", "new-story"]);

    harness.get_by_label("Story").click();
    harness.run();
    harness.get_by_label_contains("Rename story…").click();
    harness.run();
    let field = harness.get_by_label("New slug for “new-story”:");
    field.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("New slug for “new-story”:").type_text("Bad Slug");
    harness.run();
    harness.get_by_label_contains("may only use");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("New slug for “new-story”:").type_text("baghdad-drones");
    harness.run();
    harness.get_by_label("Rename").click();
    harness.run();
    assert_eq!(slugs(&harness), ["iraq-drone-attacks", "baghdad-drones"]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    assert_eq!(slugs(&harness), ["iraq-drone-attacks", "baghdad-drones", "baghdad-drones-copy"]);

    harness.get_by_label("Story").click();
    harness.run();
    harness.get_by_label_contains("Delete story…").click();
    harness.run();
    harness.get_by_label("Delete story?");
    harness.get_by_label("Delete").click();
    harness.run();
    assert_eq!(slugs(&harness), ["iraq-drone-attacks", "baghdad-drones"]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(slugs(&harness), ["iraq-drone-attacks", "baghdad-drones", "baghdad-drones-copy"]);

    // Saving writes each story to its own file.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(project.path().join("stories/baghdad-drones-copy.ron").is_file());
}

#[test]
fn the_story_list_filters_by_status() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().view.story_list.filter = Some(copydesk::model::StoryStatus::Ready);
    harness.run();
    assert!(harness.query_by_role_and_label(Role::Button, "iraq-drone-attacks").is_none());
    harness.get_by_label("No stories match the filters.");
    harness.state_mut().view.story_list.filter = Some(copydesk::model::StoryStatus::CopyEdit);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "iraq-drone-attacks");
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_after_a_crash() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    // Each frame advances the clock by 31 s, past the autosave delay.
    let mut harness = harness_with_step(project.path(), recovery.path(), 31.0);
    harness.get_by_label("Dateline").focus();
    harness.get_by_label("Dateline").type_text("BAGHDAD");
    let file: PathBuf = storage::recovery_path(recovery.path(), project.path());
    // The recovery file is written off the window's thread: wait for it.
    step_until(&mut harness, "the recovery file", |h| h.state().status.starts_with("Autosaved"));
    assert!(file.is_file(), "autosave wrote {}", file.display());
    // The crash: the window goes away without saving.
    std::mem::forget(harness);

    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    let workspace = harness.state().workspace.as_ref().unwrap();
    assert_eq!(workspace.selected_story().unwrap().dateline, "BAGHDAD");
    assert!(workspace.is_dirty(), "restored work is unsaved until saved");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!file.exists(), "saving removes the recovery file");
}

#[test]
fn work_saved_while_its_recovery_file_is_written_leaves_no_recovery_file() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_with_step(project.path(), recovery.path(), 31.0);
    let file: PathBuf = storage::recovery_path(recovery.path(), project.path());
    harness.get_by_label("Dateline").focus();
    harness.get_by_label("Dateline").type_text("MOSUL");
    // Autosave comes due and starts writing; the editor saves at once,
    // before or after the write lands.
    step_until(&mut harness, "autosave to start", |h| h.state().is_autosaving() || file.is_file());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    step_until(&mut harness, "the write to be taken in", |h| !h.state().is_autosaving());
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty());
    assert!(!file.exists(), "saved work needs no recovery file");
}

#[test]
fn markdown_preview_toggles() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("Preview").click();
    harness.run();
    assert!(harness.state().view.preview);
    assert!(harness.query_by_label("Body").is_none(), "the editor is replaced by the preview");
    harness.get_by_label_contains("The death of an American is their red line");
    harness.get_by_label("Edit text").click();
    harness.run();
    harness.get_by_label("Body");
}

#[test]
fn the_headline_stays_one_paragraph() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("Headline").focus();
    harness.key_press(Key::End);
    harness.key_press(Key::Enter);
    harness.get_by_label("Headline").type_text("again");
    harness.run();
    assert_eq!(headline(&harness), format!("{SEED_HEADLINE} again"));
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_copy_on_the_window_imports_it_as_one_undo_step() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let txt = files.path().join("filed.txt");
    std::fs::write(&txt, "Port reopens after storm\n\nShips sailed\u{a0}at dawn.\n").unwrap();
    let md = files.path().join("notes.md");
    std::fs::write(&md, "# Port reopens after storm\n\nA second take.\n").unwrap();
    let bad = files.path().join("photo.png");
    std::fs::write(&bad, b"\x89PNG").unwrap();

    let mut harness = harness_for(project.path(), recovery.path());
    for path in [&txt, &md, &bad] {
        harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(path.clone())));
    }
    harness.run();
    // The picture is read on the import thread: its report comes when it does.
    step_until(&mut harness, "the report on photo.png", |h| !h.state().dialogs.is_empty());
    let workspace = harness.state().workspace.as_ref().unwrap();
    let slugs: Vec<&str> = workspace.project().stories.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["iraq-drone-attacks", "port-reopens-after-storm", "port-reopens-after-storm-2"]);
    assert_eq!(workspace.project().stories[1].body, "Ships sailed at dawn.");
    // The file that is not copy is reported by name.
    match harness.state().dialogs.first() {
        Some(Dialog::Message { text, .. }) => assert!(text.contains("photo.png"), "{text}"),
        other => panic!("expected an error message, got {other:?}"),
    }
    harness.get_by_label("OK").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().workspace.as_ref().unwrap().project().stories.len(), 1);
}

#[test]
fn the_theme_switches_between_dark_and_light() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    assert!(harness.state().prefs.dark_mode);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Dark theme").click();
    harness.run();
    assert!(!harness.state().prefs.dark_mode);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

fn replace_headline(harness: &mut Harness<'_, CopydeskApp>, text: &str) {
    harness.get_by_label("Headline").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("Headline").type_text(text);
    harness.run();
    assert_eq!(headline(harness), text);
}

#[test]
fn a_misspelling_is_marked_and_its_suggestion_fixes_it_as_one_undo_step() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    replace_headline(&mut harness, "The goverment acts");
    step_until(&mut harness, "a mark on “goverment”", |h| h.query_by_label("goverment").is_some());

    // The list beside the editor selects the mark and offers harper's
    // suggestion; taking it is an edit.
    harness.get_by_label("goverment").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "government").click();
    harness.run();
    assert_eq!(headline(&harness), "The government acts");
    step_until(&mut harness, "the mark to go", |h| h.query_by_label("goverment").is_none());

    // The fix is its own undo step, apart from the typing before it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(headline(&harness), "The goverment acts");
    step_until(&mut harness, "the mark to come back", |h| h.query_by_label("goverment").is_some());
}

#[test]
fn dictionary_words_are_not_marked_and_adding_one_is_undoable() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    replace_headline(&mut harness, "Drones strike Zummar airbase");
    step_until(&mut harness, "a mark on “Zummar”", |h| h.query_by_label("Zummar").is_some());

    harness.get_by_label("Zummar").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add to dictionary").click();
    harness.run();
    let settings = |h: &Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().project().settings.clone();
    assert!(settings(&harness).dictionary.contains(&"Zummar".to_owned()));
    step_until(&mut harness, "the mark to go", |h| h.query_by_label("Zummar").is_none());

    // The dictionary is saved in project.ron and used after a restart.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let loaded = storage::load_project(project.path()).unwrap();
    assert!(loaded.project.settings.dictionary.contains(&"Zummar".to_owned()));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!settings(&harness).dictionary.contains(&"Zummar".to_owned()));
    step_until(&mut harness, "the mark to come back", |h| h.query_by_label("Zummar").is_some());

    // Ignore hides it for the session without touching the project.
    harness.get_by_label("Zummar").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Ignore").click();
    harness.run();
    assert!(harness.query_by_label("Zummar").is_none());
    assert!(!settings(&harness).dictionary.contains(&"Zummar".to_owned()));
}

#[test]
fn a_name_added_from_its_mark_is_saved_in_the_names_and_no_longer_marked() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    // A name at the start of a sentence, used once, is left to spelling (a
    // name the story shows to be one is not marked at all).
    replace_headline(&mut harness, "Zummar braces as goverment waits");
    step_until(&mut harness, "marks on “Zummar” and “goverment”", |h| {
        h.query_by_label("Zummar").is_some() && h.query_by_label("goverment").is_some()
    });

    // A word that does not look like a name is offered the dictionary only.
    harness.get_by_label("goverment").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add to dictionary");
    assert!(harness.query_by_role_and_label(Role::Button, "Add to names").is_none());

    harness.get_by_label("Zummar").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add to names").click();
    harness.run();
    let settings = |h: &Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().project().settings.clone();
    assert_eq!(settings(&harness).names, ["Zummar"]);
    assert!(settings(&harness).dictionary.is_empty(), "a name is not a dictionary word");
    assert_eq!(harness.state().status, "Added “Zummar” to the project's names");
    step_until(&mut harness, "the mark to go", |h| h.query_by_label("Zummar").is_none());
    assert!(harness.query_by_label("goverment").is_some(), "other marks stay");

    // The names are saved in project.ron, now of schema 5.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let text = std::fs::read_to_string(project.path().join("project.ron")).unwrap();
    assert!(text.starts_with("(\n    schema: 5,\n"), "{text}");
    assert!(text.contains("names: [\n            \"Zummar\",\n        ],"), "{text}");
    assert_eq!(storage::load_project(project.path()).unwrap().project.settings.names, ["Zummar"]);

    // One undo takes it back, and the mark returns.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(settings(&harness).names.is_empty());
    step_until(&mut harness, "the mark to come back", |h| h.query_by_label("Zummar").is_some());
}

fn story_text(harness: &Harness<'_, CopydeskApp>) -> (String, String, String) {
    let story = harness.state().workspace.as_ref().unwrap().selected_story().unwrap().clone();
    (story.headline, story.dek, story.body)
}

#[test]
fn find_and_replace_all_is_one_undo_step() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let original = story_text(&harness);
    let count = |text: &(String, String, String)| {
        [&text.0, &text.1, &text.2].iter().map(|t| t.matches("drone").count()).sum::<usize>()
    };
    let expected = count(&original);
    assert!(expected > 2, "the seed story talks about drones");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::H);
    harness.run();
    harness.get_by_label("Find").type_text("drone");
    harness.run();
    // Searching as you type selects the first match; match case narrows
    // the search to lower-case "drone".
    harness.get_by_label("Aa").click();
    harness.run();
    harness.get_by_label(&format!("1 of {expected}"));

    // F3 selects the next match.
    harness.key_press(Key::F3);
    harness.run();
    harness.get_by_label(&format!("2 of {expected}"));

    harness.get_by_label("Replace with").focus();
    harness.run();
    harness.get_by_label("Replace with").type_text("UAV");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Replace all").click();
    harness.run();
    let replaced = story_text(&harness);
    assert_eq!(count(&replaced), 0);
    assert_eq!(replaced.2, original.2.replace("drone", "UAV"));
    harness.get_by_label(&format!("Replaced {expected} matches"));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(story_text(&harness), original, "one undo reverts every field");

    // Escape closes the bar.
    harness.get_by_label("Find").focus();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Replace with").is_none());
}

#[test]
fn revisions_save_compare_restore_and_undo() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Night editor".to_owned();

    // Save a named revision from the keyboard.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::S);
    harness.run();
    harness
        .get_by_label("Keep the text of “iraq-drone-attacks” as it is now, under the name:")
        .type_text("Sent to copy desk");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Save revision").click();
    harness.run();
    let story = |h: &Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().selected_story().unwrap().clone();
    let saved = story(&harness).revisions;
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].number, saved[0].name.as_str(), saved[0].author.as_str()),
        (1, "Sent to copy desk", "Night editor")
    );
    assert_eq!(saved[0].headline, SEED_HEADLINE);

    replace_headline(&mut harness, "Drones hit US bases in Iraq");

    // The Revisions tab shows what changed since, word by word.
    harness.get_by_label("Revisions").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "#1 Sent to copy desk");
    // The old headline is only on screen as the deleted side of the diff:
    // inline, the old and the new headline's words are in one text.
    let new_headline = "Drones hit US bases in Iraq";
    // (A label's text is its accesskit value.)
    let inline = harness.get_by_label_contains("groups: Washington Post").value().unwrap();
    assert!(inline.contains("Drones hit") && inline.contains("bases in Iraq"), "{inline:?}");
    assert!(harness.query_by_label(SEED_HEADLINE).is_none(), "inline, the old headline is not a text of its own");
    harness.get_by_label("Side by side").click();
    harness.run();
    // Side by side, the old headline stands alone in the left column and
    // the new one in the right column; the inline text is gone.
    let old = harness.get_by_label(SEED_HEADLINE).rect();
    let new: Vec<egui::Rect> = harness.get_all_by_label(new_headline).map(|node| node.rect()).collect();
    assert!(
        new.iter().any(|new| new.left() > old.right()),
        "the new headline is right of the old one ({old:?}): {new:?}"
    );
    let shown = harness.get_by_label_contains("groups: Washington Post").value();
    assert_eq!(shown.as_deref(), Some(SEED_HEADLINE), "only the old side holds the old headline");

    harness.get_by_role_and_label(Role::Button, "Restore #1").click();
    harness.run();
    assert_eq!(headline(&harness), SEED_HEADLINE);
    harness.get_by_label("No differences.");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(headline(&harness), "Drones hit US bases in Iraq", "restoring is one undo step");

    // A status change keeps the text as it stood, automatically.
    harness.state_mut().push(copydesk::app::Command::SetStatus(copydesk::model::StoryStatus::Editing));
    harness.run();
    let revisions = story(&harness).revisions;
    let automatic = revisions.last().unwrap();
    assert_eq!(revisions.len(), 2);
    assert!(automatic.automatic);
    assert_eq!(automatic.name, "Status: Copy edit → Editing");
    assert_eq!(automatic.author, "Night editor");
    assert_eq!(automatic.headline, "Drones hit US bases in Iraq");

    // Revisions travel with the project.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let loaded = storage::load_project(project.path()).unwrap();
    assert_eq!(loaded.project.stories[0].revisions, revisions);
}

#[test]
fn project_settings_change_the_limits_and_are_undoable() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("88 / 90 characters");
    let ctx = harness.ctx.clone();
    harness.state_mut().run_ui_command(UiCommand::ProjectSettings, &ctx);
    harness.run();
    if let Some(Dialog::ProjectSettings(draft)) = harness.state_mut().dialogs.first_mut() {
        draft.headline_max_chars = 60;
        draft.dictionary = "Qayara\n  Muhandis \n\nQayara".to_owned();
        draft.names = " Soleimani\nIRGC\n\nSoleimani ".to_owned();
    } else {
        panic!("the settings dialog is open");
    }
    harness.get_by_role_and_label(Role::Button, "Apply").click();
    harness.run();
    let settings = harness.state().workspace.as_ref().unwrap().project().settings.clone();
    assert_eq!(settings.headline_max_chars, 60);
    assert_eq!(settings.dictionary, ["Muhandis", "Qayara"]);
    assert_eq!(settings.names, ["IRGC", "Soleimani"]);
    harness.get_by_label("88 / 60 characters: 28 over the headline limit");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("88 / 90 characters");
}

#[test]
fn f7_selects_the_next_mark_so_typing_replaces_it() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    replace_headline(&mut harness, "The goverment acts");
    step_until(&mut harness, "a mark on “goverment”", |h| h.query_by_label("goverment").is_some());
    harness.key_press(Key::F7);
    harness.run();
    harness.run();
    harness.get_by_label("Headline").type_text("government");
    harness.run();
    assert_eq!(headline(&harness), "The government acts");
}

/// A picture with IPTC caption and credit, from the shared test data.
fn agency_photo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/photos/IPTC-PhotometadataRef-Std2021.1.jpg")
}

#[test]
fn attached_photos_bring_their_captions_and_keep_edits_after_reload() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let outside = tempfile::tempdir().unwrap();
    let plain = outside.path().join("plain.png");
    image::RgbImage::from_pixel(40, 30, image::Rgb([30, 90, 160])).save(&plain).unwrap();

    let story = |h: &Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().selected_story().unwrap().clone();
    let sample = story(&harness).photos;
    assert_eq!(sample.len(), 2, "the sample story has its two stand-in photos");
    assert!(sample[0].lead);
    harness.state_mut().push(copydesk::app::Command::AttachPhotos(vec![agency_photo(), plain.clone()]));
    // Files are copied and read off the UI thread, then attached at once.
    step_until(&mut harness, "the photos to be attached", |h| {
        h.state().workspace.as_ref().unwrap().selected_story().unwrap().photos.len() == 4
    });
    let uses = story(&harness).photos;
    assert_eq!(uses.len(), 4, "attached after the story's photos");
    assert_eq!(uses[..2], sample[..]);
    assert!(!uses[2].lead && !uses[3].lead, "the story already has its lead");
    let library = harness.state().workspace.as_ref().unwrap().project().photos.clone();
    let agency = library.iter().find(|p| p.id == uses[2].photo).unwrap();
    assert_eq!(agency.caption, "The description aka caption (ref2021.1)");
    assert_eq!(agency.credit, "Credit Line (ref2021.1)");
    assert_eq!((agency.width, agency.height), (2000, 1000));

    // Attaching opens the Photos tool, the caption manager; the second
    // photo has no caption yet and gets one.
    assert_eq!(harness.state().view.tab, copydesk::app::WorkspaceTab::Photos);
    harness.get_all_by_label_contains("no caption").next().unwrap();
    harness.state_mut().view.photos.selected = Some(uses[3].photo.clone());
    harness.run();
    harness.get_by_label("Caption").focus();
    harness.run();
    harness.get_by_label("Caption").type_text("A blue square. (Stand-in picture)");
    harness.run();
    harness.get_by_label("Lead photo").click();
    harness.run();
    let uses = story(&harness).photos;
    let leads: Vec<bool> = uses.iter().map(|u| u.lead).collect();
    assert_eq!(leads, [false, false, false, true], "one lead photo");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    drop(harness);
    let loaded = storage::load_project(project.path()).unwrap();
    let story = &loaded.project.stories[0];
    assert_eq!(story.photos, uses);
    let second = loaded.project.photo(&uses[3].photo).unwrap();
    assert_eq!(second.caption, "A blue square. (Stand-in picture)");
    assert!(project.path().join("photos").join(&second.file).is_file());
}

#[test]
fn the_sample_story_carries_its_published_captions_in_stand_in_photos() {
    let project = sample_copy();
    let loaded = storage::load_project(project.path()).unwrap();
    let story = &loaded.project.stories[0];
    let captions: Vec<&str> =
        story.photos.iter().map(|used| loaded.project.photo(&used.photo).unwrap().caption.as_str()).collect();
    assert!(
        captions[0].starts_with("US Rep. Ilhan Omar (D-MN) (L) talks with Speaker"),
        "the caption from another story"
    );
    assert!(captions[1].ends_with("south of Mosul, Iraq. (Photo by AP)"));
    for used in &story.photos {
        let photo = loaded.project.photo(&used.photo).unwrap();
        assert!(photo.instructions.contains("Stand-in"), "labelled as a stand-in");
        // The caption is embedded in the picture itself, as an agency sends it.
        let bytes = std::fs::read(project.path().join("photos").join(&photo.file)).unwrap();
        let embedded = copydesk::photos::metadata::read_metadata(&bytes).unwrap();
        assert_eq!(embedded.caption, photo.caption);
        assert_eq!(embedded.credit, photo.credit);
    }
    assert!(!story.notes.contains("Ilhan Omar"), "the captions moved out of the notes");
}

#[test]
fn caption_codes_expand_and_the_caption_is_written_into_the_file() {
    let project = sample_copy();
    std::fs::write(project.path().join("code-replacements.txt"), "# desk codes\nafp\t(AFP photo)\n").unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    harness.run();
    harness.get_by_label("Caption").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("Caption").type_text("Soldiers on patrol =afp=");
    harness.run();
    let workspace = harness.state().workspace.as_ref().unwrap();
    let first = workspace.selected_story().unwrap().photos[0].photo.clone();
    let photo = workspace.project().photo(&first).unwrap().clone();
    assert_eq!(photo.caption, "Soldiers on patrol (AFP photo)");

    harness.get_by_role_and_label(Role::Button, "Write caption into the file").click();
    harness.run();
    let bytes = std::fs::read(project.path().join("photos").join(&photo.file)).unwrap();
    let embedded = copydesk::photos::metadata::read_metadata(&bytes).unwrap();
    assert_eq!(embedded.caption, "Soldiers on patrol (AFP photo)");
    assert_eq!(embedded.credit, "AFP");
}

#[test]
fn a_file_that_is_not_a_picture_is_reported_and_nothing_is_attached() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let outside = tempfile::tempdir().unwrap();
    let fake = outside.path().join("holiday.jpg");
    std::fs::write(&fake, "this is a text file with a picture's name").unwrap();
    harness.state_mut().push(copydesk::app::Command::AttachPhotos(vec![fake]));
    step_until(&mut harness, "the error", |h| !h.state().dialogs.is_empty());
    match harness.state().dialogs.first() {
        Some(Dialog::Message { text, .. }) => {
            assert!(text.contains("holiday.jpg") && text.contains("not a JPEG, PNG, WebP or TIFF"), "{text}")
        }
        other => panic!("expected an error message, got {other:?}"),
    }
    let workspace = harness.state().workspace.as_ref().unwrap();
    assert_eq!(workspace.selected_story().unwrap().photos.len(), 2, "only the sample's photos");
    assert!(!workspace.is_dirty());
}

#[test]
fn a_caption_template_fills_several_photos_as_one_undo_step() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    harness.run();
    let captions = |h: &Harness<'_, CopydeskApp>| -> Vec<String> {
        let workspace = h.state().workspace.as_ref().unwrap();
        let story = workspace.selected_story().unwrap();
        story.photos.iter().map(|used| workspace.project().photo(&used.photo).unwrap().caption.clone()).collect()
    };
    let before = captions(&harness);
    let ids: Vec<_> = {
        let workspace = harness.state().workspace.as_ref().unwrap();
        workspace.selected_story().unwrap().photos.iter().map(|used| used.photo.clone()).collect()
    };
    harness.state_mut().view.photos.marked = ids.iter().cloned().collect();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Caption template…").click();
    harness.run();
    match harness.state_mut().dialogs.first_mut() {
        Some(Dialog::CaptionTemplate { photos, template, .. }) => {
            assert_eq!(photos.len(), 2, "both marked photos");
            *template = "[{credit}]".to_owned();
        }
        _ => panic!("the template dialog is open"),
    }
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Apply template").click();
    harness.run();
    let after = captions(&harness);
    assert_eq!(after[0], format!("{} [AFP]", before[0]));
    assert_eq!(after[1], format!("{} [AP]", before[1]));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(captions(&harness), before, "one undo reverts every caption");
}

#[test]
fn the_preview_zooms_and_sets_the_crop_and_focal_point_as_undoable_steps() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    harness.run();
    step_until(&mut harness, "the preview", |h| h.query_by_label("Photo preview").is_some());
    let lead = |h: &Harness<'_, CopydeskApp>| {
        h.state().workspace.as_ref().unwrap().selected_story().unwrap().photos[0].clone()
    };
    assert_eq!((lead(&harness).crop, lead(&harness).focal_point), (None, None));

    harness.get_by_label("Crop").click();
    harness.run();
    let rect = harness.get_by_label("Photo preview").rect();
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * rect.width(), y * rect.height());
    harness.hover_at(at(0.25, 0.25));
    harness.run();
    harness.drag_at(at(0.25, 0.25));
    harness.run();
    for step in 1..=5 {
        let t = 0.25 + 0.1 * step as f32;
        harness.hover_at(at(t, t));
        harness.run();
    }
    harness.drop_at(at(0.75, 0.75));
    harness.run();
    let crop = lead(&harness).crop.expect("a crop was dragged");
    for (got, want) in [(crop.x, 0.25), (crop.y, 0.25), (crop.width, 0.5), (crop.height, 0.5)] {
        assert!((got - want).abs() < 0.02, "{crop:?}");
    }
    harness.get_by_label_contains("Crop: 800 × 53");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(lead(&harness).crop, None, "one undo removes the crop");

    harness.get_by_label("Focal point").click();
    harness.run();
    harness.get_by_label("Photo preview").click();
    harness.run();
    let (x, y) = lead(&harness).focal_point.expect("a focal point");
    assert!((x - 0.5).abs() < 0.02 && (y - 0.5).abs() < 0.02, "{x} {y}");

    harness.get_by_label("+").click();
    harness.run();
    assert_eq!(harness.state().view.photos.preview.zoom, 1.5);
    harness.get_by_label("Fit").click();
    harness.run();
    assert_eq!(harness.state().view.photos.preview.zoom, 1.0);
}

#[test]
fn dragging_a_tile_onto_another_reorders_the_story_photos() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    harness.run();
    let order = |h: &Harness<'_, CopydeskApp>| -> Vec<String> {
        let story = h.state().workspace.as_ref().unwrap().selected_story().unwrap().clone();
        story.photos.iter().map(|used| used.photo.to_string()).collect()
    };
    let before = order(&harness);
    // Tile 2's caption excerpt, dragged onto tile 1's.
    let from = harness.get_by_label_contains("In this file picture").rect().center();
    let to = harness.get_by_label_contains("US Rep. Ilhan Omar").rect().center();
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=6 {
        harness.hover_at(from + (to - from) * (step as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
    let after = order(&harness);
    assert_eq!(after, [before[1].clone(), before[0].clone()]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = storage::load_project(project.path()).unwrap();
    let saved: Vec<String> = saved.project.stories[0].photos.iter().map(|used| used.photo.to_string()).collect();
    assert_eq!(saved, after, "the order is saved");
}

#[test]
fn keyword_and_people_lists_are_parsed_when_the_field_is_left() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    harness.run();
    let lead = |h: &Harness<'_, CopydeskApp>| {
        let workspace = h.state().workspace.as_ref().unwrap();
        workspace.project().photo(&workspace.selected_story().unwrap().photos[0].photo).unwrap().clone()
    };
    for (label, typed) in [
        ("Keywords (comma-separated)", " Iraq,, drones ,"),
        ("People shown (comma-separated)", "Ilhan Omar, Nancy Pelosi"),
    ] {
        harness.get_by_label(label).focus();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.run();
        harness.get_by_label(label).type_text(typed);
        harness.run();
        assert!(lead(&harness).keywords.len() != 2 || label.starts_with("People"), "nothing parsed while typing");
        harness.key_press(Key::Tab);
        harness.run();
    }
    let photo = lead(&harness);
    assert_eq!(photo.keywords, ["Iraq", "drones"]);
    assert_eq!(photo.persons_shown, ["Ilhan Omar", "Nancy Pelosi"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(lead(&harness).persons_shown.is_empty(), "each list is its own undo step");
    assert_eq!(lead(&harness).keywords, ["Iraq", "drones"]);
}

#[test]
fn a_missing_photo_file_shows_and_can_be_relinked() {
    let project = sample_copy();
    let loaded = storage::load_project(project.path()).unwrap();
    let first = loaded.project.stories[0].photos[0].photo.clone();
    let file = loaded.project.photo(&first).unwrap().file.clone();
    std::fs::remove_file(project.path().join("photos").join(&file)).unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    let missing = format!("photos/{file} is missing.");
    step_until(&mut harness, "the missing tile", |h| h.query_by_label(&missing).is_some());
    harness.get_by_role_and_label(Role::Button, "Relink…");

    let outside = tempfile::tempdir().unwrap();
    let replacement = outside.path().join("found-it.png");
    image::RgbImage::from_pixel(30, 20, image::Rgb([10, 200, 10])).save(&replacement).unwrap();
    harness.state_mut().push(copydesk::app::Command::RelinkPhotoTo(first.clone(), replacement));
    step_until(&mut harness, "the picture to come back", |h| h.query_by_label(&missing).is_none());
    assert!(project.path().join("photos").join(&file).is_file());
    let workspace = harness.state().workspace.as_ref().unwrap();
    assert!(workspace.project().photo(&first).unwrap().caption.starts_with("US Rep. Ilhan Omar"), "the caption stays");
}

fn story_of(harness: &Harness<'_, CopydeskApp>) -> copydesk::model::Story {
    harness.state().workspace.as_ref().unwrap().selected_story().unwrap().clone()
}

#[test]
fn a_sign_off_goes_stale_when_its_text_changes_and_can_be_renewed() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Night editor".to_owned();
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    step_until(&mut harness, "the checks", |h| h.query_by_label_contains("block “Ready”").is_some());
    harness.get_by_label("Headline approved").click();
    harness.run();
    let signed = story_of(&harness);
    assert_eq!(signed.signoffs.len(), 1);
    assert_eq!(signed.signoffs[0].by, "Night editor");
    harness.get_by_label_contains("Night editor ·");
    assert!(matches!(signed.activity.last().unwrap().event, copydesk::model::Event::SignedOff { .. }));

    // An edit to the headline makes the sign-off stale, with what changed.
    harness.get_by_role_and_label(Role::Button, "Article").click();
    harness.run();
    replace_headline(&mut harness, "Drones hit US bases in Iraq");
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    harness.get_by_label_contains("STALE");
    let shown = |h: &Harness<'_, CopydeskApp>| h.get_all_by_label_contains("Drones hit US bases").count();
    let before = shown(&harness);
    harness.get_by_label("Show what changed").click();
    harness.run();
    assert_eq!(shown(&harness), before + 1, "the diff shows the new headline");
    step_until(&mut harness, "the stale item to block", |h| h.query_by_label_contains("is stale").is_some());

    harness.get_by_label("Renew").click();
    harness.run();
    assert!(harness.query_by_label_contains("STALE").is_none());
    assert_eq!(story_of(&harness).signoffs.len(), 1, "renewed, not doubled");
}

#[test]
fn mark_ready_is_blocked_then_overridden_with_a_reason_or_allowed_once_everything_passes() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Night editor".to_owned();
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    step_until(&mut harness, "the checks", |h| h.query_by_label_contains("block “Ready”").is_some());
    assert!(
        harness.get_by_label("Mark ready for publication").accesskit_node().is_disabled(),
        "blocked while checks fail"
    );
    harness.state_mut().push(copydesk::app::Command::SetStatus(copydesk::model::StoryStatus::Published));
    harness.run();
    assert_eq!(story_of(&harness).status, copydesk::model::StoryStatus::CopyEdit, "publishing needs Ready first");
    harness.state_mut().push(copydesk::app::Command::SetStatus(copydesk::model::StoryStatus::Ready));
    harness.run();
    assert!(
        matches!(harness.state().dialogs.first(), Some(Dialog::OverrideReady { .. })),
        "the status menu's Ready goes through the same gate"
    );
    harness.state_mut().dialogs.clear();
    harness.run();

    // The override asks for a reason and records it.
    harness.get_by_label("Mark ready anyway…").click();
    harness.run();
    assert!(
        harness.get_by_label("Mark ready with this reason").accesskit_node().is_disabled(),
        "no reason, no override"
    );
    harness.get_by_label_contains("Why it can run anyway").focus();
    harness.run();
    harness.get_by_label_contains("Why it can run anyway").type_text("Desk head approved by phone");
    harness.run();
    harness.get_by_label("Mark ready with this reason").click();
    harness.run();
    let story = story_of(&harness);
    assert_eq!(story.status, copydesk::model::StoryStatus::Ready);
    match &story.activity.last().unwrap().event {
        copydesk::model::Event::Override { reason, failing } => {
            assert_eq!(reason, "Desk head approved by phone");
            assert!(failing.iter().any(|line| line.contains("Quotation marks")), "{failing:?}");
        }
        other => panic!("expected the override in the log, got {other:?}"),
    }
    harness.get_by_label_contains("Desk head approved by phone");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(story_of(&harness).status, copydesk::model::StoryStatus::CopyEdit, "one undo takes the override back");

    // Fix what the checks found and sign everything off: Mark ready works.
    let slug = story_of(&harness).slug;
    let text = |field, text: &str| Edit::SetText { story: slug.clone(), field, text: text.to_owned() };
    let fix = Edit::Batch(vec![
        text(TextField::Byline, "Press TV"),
        text(TextField::Dateline, "BAGHDAD"),
        text(
            TextField::Body,
            "US officials are alarmed by drone attacks in Iraq, according to a report in The Washington Post.\n\n\
             The resistance groups used small drones, the Post said.",
        ),
        Edit::SetTargetWords { story: slug.clone(), words: 30 },
        Edit::SetPhotoUses { story: slug.clone(), uses: Vec::new() },
    ]);
    harness.state_mut().push(copydesk::app::Command::EditStep { edit: fix, label: "fixing".to_owned() });
    harness.state_mut().proofing.set_enabled(false);
    harness.run();
    let settings = harness.state().workspace.as_ref().unwrap().project().settings.clone();
    let required = settings.checklist.iter().filter(|item| item.level == copydesk::model::CheckLevel::Required);
    let items: Vec<String> = required.map(|item| item.label.clone()).collect();
    for label in items {
        harness.get_by_label(&label).click();
        harness.run();
    }
    step_until(&mut harness, "every check to pass", |h| {
        h.query_by_label_contains("Every required check passes").is_some()
    });
    harness.get_by_label("Mark ready for publication").click();
    harness.run();
    assert_eq!(story_of(&harness).status, copydesk::model::StoryStatus::Ready);
    assert!(harness.state().dialogs.is_empty(), "no override asked for");
}

#[test]
fn the_settings_turn_a_check_off_and_add_to_the_house_style_and_the_review_follows() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    let boilerplate = |h: &Harness<'_, CopydeskApp>| h.query_all_by_label_contains("left over from a web page").count();
    step_until(&mut harness, "the checks", |h| boilerplate(h) > 0);
    let ctx = harness.ctx.clone();
    harness.state_mut().run_ui_command(UiCommand::ProjectSettings, &ctx);
    harness.run();
    // Real clicks, one page after another: the dialog must not move.
    harness.get_by_label("Automatic checks").click();
    harness.run();
    harness.get_by_label("House style").click();
    harness.run();
    harness.get_by_label_contains("Words and phrases the desk avoids").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label_contains("Words and phrases the desk avoids")
        .type_text("resistance groups -> militias | Neutral");
    harness.run();
    // Boilerplate off, as a desk that strips it elsewhere might set it.
    if let Some(Dialog::ProjectSettings(draft)) = harness.state_mut().dialogs.first_mut() {
        draft.check_levels.insert("boilerplate".into(), copydesk::model::CheckLevel::Off);
    }
    harness.get_by_role_and_label(Role::Button, "Apply").click();
    harness.run();
    let settings = harness.state().workspace.as_ref().unwrap().project().settings.clone();
    assert_eq!(settings.house_style.len(), 1, "{:?}", settings.house_style);
    assert_eq!(settings.house_style[0].prefer, "militias");
    step_until(&mut harness, "the review to follow", |h| {
        boilerplate(h) == 0 && h.query_all_by_label_contains("write “militias”").count() > 0
    });
    assert!(harness.query_by_label_contains("“killed” instead").is_none(), "the old house style list is replaced");
}

#[test]
fn a_finding_jumps_to_its_text_and_a_photo_finding_opens_the_photo() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    step_until(&mut harness, "the checks", |h| h.query_by_label_contains("never closed").is_some());
    harness.get_by_label_contains("never closed").click();
    harness.run();
    harness.run();
    assert_eq!(harness.state().view.tab, copydesk::app::WorkspaceTab::Article);
    assert!(harness.get_by_label("Body").is_focused(), "the body has the keyboard, the quote mark selected");
    // Typing replaces the selection: the stray mark goes.
    harness.get_by_label("Body").type_text("\"");
    harness.run();
    assert!(story_of(&harness).body.contains("increasingly using \"small, fixed-wing"), "the selected “ was replaced");

    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    harness.get_by_label_contains("likely a caption from another story").click();
    harness.run();
    assert_eq!(harness.state().view.tab, copydesk::app::WorkspaceTab::Photos);
    let first = story_of(&harness).photos[0].photo.clone();
    assert_eq!(harness.state().view.photos.selected, Some(first));
}

#[test]
fn a_planned_publish_time_is_read_from_the_details_and_rights_are_checked_against_it() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let label = "Publish at (YYYY-MM-DD HH:MM, UTC)";
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text("next week");
    harness.run();
    harness.key_press(Key::Tab);
    harness.run();
    harness.get_by_label_contains("Not a time");
    assert_eq!(story_of(&harness).publish_at, None, "nothing is saved from an unreadable time");
    harness.get_by_label(label).focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(label).type_text("2031-06-01 09:00");
    harness.run();
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(story_of(&harness).publish_at.map(|at| at.short()).as_deref(), Some("2031-06-01 09:00"));

    // A photo whose rights run out before then is flagged.
    let mut photo = {
        let workspace = harness.state().workspace.as_ref().unwrap();
        workspace.project().photo(&story_of(&harness).photos[0].photo).unwrap().clone()
    };
    photo.usage_expires = "2030-12-31".into();
    harness
        .state_mut()
        .push(copydesk::app::Command::EditStep { edit: Edit::SetPhoto(Box::new(photo)), label: "rights".into() });
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    step_until(&mut harness, "the rights finding", |h| h.query_by_label_contains("end on 2030-12-31").is_some());
}

#[test]
fn export_from_the_window_asks_before_forcing_runs_off_the_ui_thread_and_logs_the_force() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Night editor".to_owned();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(matches!(harness.state().dialogs.first(), Some(Dialog::Export { not_ready: Some(_), .. })));
    harness.get_by_label_contains("not Ready");
    let export = "Choose a folder and export…";
    assert!(harness.get_by_label(export).accesskit_node().is_disabled(), "a story that is not ready needs the tick");
    harness.get_by_label("Export it anyway (written to the story's activity log)").click();
    harness.run();
    assert!(!harness.get_by_label(export).accesskit_node().is_disabled());
    harness.get_by_label("IPTC ninjs 3.1 JSON").click();
    harness.run();
    assert!(matches!(
        harness.state().dialogs.first(),
        Some(Dialog::Export { format: copydesk::export::Format::Ninjs, force: true, .. })
    ));
    // The folder picker is the system's; the test hands its answer in.
    harness.state_mut().dialogs.clear();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("ninjs");
    harness.state_mut().push(copydesk::app::Command::ExportTo {
        format: copydesk::export::Format::Ninjs,
        dir: dir.clone(),
        forced: true,
    });
    step_until(&mut harness, "the export to finish", |h| {
        matches!(h.state().dialogs.first(), Some(Dialog::ExportDone { .. }))
    });
    match harness.state().dialogs.first() {
        Some(Dialog::ExportDone { files, problems, .. }) => {
            assert_eq!(*files, 5, "the JSON and two sizes of two photos");
            assert!(problems.is_empty(), "{problems:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(dir.join("iraq-drone-attacks.json").is_file());
    let story = story_of(&harness);
    assert!(
        matches!(&story.activity.last().unwrap().event, copydesk::model::Event::ForcedExport { format, .. } if format == "ninjs")
    );
    harness.get_by_role_and_label(Role::Button, "Close").click();
    harness.run();
    assert!(harness.state().dialogs.is_empty());
}

#[test]
fn a_second_copydesk_opens_a_locked_story_read_only_and_can_take_over_a_stale_lock() {
    let project = sample_copy();
    let (first_recovery, second_recovery) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut first = harness_for(project.path(), first_recovery.path());
    first.state_mut().prefs.editor_name = "Ana Ruiz".to_owned();
    first.run();
    let lock_file = project.path().join("stories/iraq-drone-attacks.lock");
    assert!(lock_file.is_file(), "opening the story locks it");
    assert!(std::fs::read_to_string(&lock_file).unwrap().contains("pid"));

    let mut second = harness_for(project.path(), second_recovery.path());
    second.state_mut().prefs.editor_name = "Ben Okafor".to_owned();
    second.run();
    second.get_by_label_contains("is editing this story");
    assert!(second.get_by_label("Take over").accesskit_node().is_disabled(), "the holder is alive");
    // Typing in the read-only story changes nothing.
    second.get_by_label("Headline").focus();
    second.run();
    second.get_by_label("Headline").type_text("Hijacked ");
    second.run();
    assert_eq!(headline(&second), SEED_HEADLINE);
    // The first window can still edit.
    replace_headline(&mut first, "Drones over Iraq");

    // The first Copydesk goes away without closing the story (its lock is
    // left behind, not refreshed for ten minutes): the second may take over.
    drop(first);
    let text = std::fs::read_to_string(&lock_file).unwrap();
    let old = copydesk::model::Timestamp(time::OffsetDateTime::now_utc() - time::Duration::minutes(10));
    let refreshed = regex::Regex::new(r#"refreshed: "[^"]*""#).unwrap();
    std::fs::write(
        &lock_file,
        refreshed
            .replace(
                &text,
                format!("refreshed: \"{}\"", old.0.format(&time::format_description::well_known::Rfc3339).unwrap()),
            )
            .as_ref(),
    )
    .unwrap();
    second.state_mut().locks.recheck();
    second.run();
    second.get_by_label_contains("that Copydesk is gone");
    second.get_by_label("Take over").click();
    second.run();
    assert!(second.query_by_label_contains("Read-only").is_none());
    assert!(std::fs::read_to_string(&lock_file).unwrap().contains("Ben Okafor"));
    replace_headline(&mut second, "Ben's headline");
}

/// A colleague's save: the story file rewritten outside this Copydesk.
fn save_from_outside(project: &Path, change: impl FnOnce(&mut copydesk::model::Story)) {
    let mut loaded = storage::load_project(project).unwrap();
    change(&mut loaded.project.stories[0]);
    loaded.folder.save(&loaded.project).unwrap();
}

#[test]
fn a_story_changed_outside_reloads_when_clean_and_asks_when_edited_here() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.run();

    // No edits here: the colleague's version simply appears.
    save_from_outside(project.path(), |story| story.headline = "Colleague's headline".into());
    step_until(&mut harness, "the reload", |h| headline(h) == "Colleague's headline");
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty(), "nothing to save: the file already says it");
    // Our own save is not mistaken for an outside change.
    replace_headline(&mut harness, "My headline");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    // Then a colleague adds a story: once it has arrived, the watcher has
    // reported our save before it, and that brought no question.
    let mut added = copydesk::model::Story::new(
        copydesk::model::Slug::new("colleagues-story").unwrap(),
        copydesk::model::Timestamp::EPOCH,
    );
    added.headline = "A colleague's story".into();
    let mut loaded = storage::load_project(project.path()).unwrap();
    loaded.project.stories.push(added);
    loaded.folder.save(&loaded.project).unwrap();
    step_until(&mut harness, "the colleague's story", |h| {
        h.state().workspace.as_ref().unwrap().project().stories.iter().any(|s| s.slug.as_str() == "colleagues-story")
    });
    assert!(harness.state().dialogs.is_empty(), "{:?}", harness.state().dialogs);
    assert_eq!(headline(&harness), "My headline");
    harness.state_mut().push(copydesk::app::Command::Select(copydesk::model::Slug::new("iraq-drone-attacks").unwrap()));
    harness.run();

    // Edits here and there: both versions, chosen part by part.
    replace_headline(&mut harness, "My new headline");
    save_from_outside(project.path(), |story| {
        story.headline = "Their headline".into();
        story.body = story.body.replacen("US military officials", "American military officials", 1);
    });
    step_until(&mut harness, "the question", |h| matches!(h.state().dialogs.first(), Some(Dialog::OutsideChange(_))));
    harness.get_by_label_contains("“iraq-drone-attacks” changed outside Copydesk");
    // Keep my headline, take their first paragraph.
    harness.get_by_label_contains("Theirs: American military officials").click();
    harness.run();
    harness.get_by_label("Merge as chosen").click();
    harness.run();
    let story = story_of(&harness);
    assert_eq!(story.headline, "My new headline");
    assert!(story.body.starts_with("American military officials"), "{}", &story.body[..60]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = storage::load_project(project.path()).unwrap().project.stories[0].clone();
    assert_eq!((saved.headline.as_str(), saved.body.starts_with("American")), ("My new headline", true));

    // A file removed outside is reported, and the story stays.
    std::fs::remove_file(project.path().join("stories/iraq-drone-attacks.ron")).unwrap();
    step_until(
        &mut harness,
        "the report",
        |h| matches!(h.state().dialogs.first(), Some(Dialog::Message { title, .. }) if title.contains("removed outside")),
    );
    assert_eq!(story_of(&harness).headline, "My new headline");
}

#[test]
fn a_save_that_fails_keeps_the_work_and_offers_save_as() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    replace_headline(&mut harness, "Work that must not be lost");
    // The folder can no longer take the story files (even for root, which
    // ignores read-only permissions): `stories` is now a file.
    let stories = project.path().join("stories");
    std::fs::rename(&stories, project.path().join("stories-moved")).unwrap();
    std::fs::write(&stories, "not a folder").unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    match harness.state().dialogs.first() {
        Some(Dialog::SaveFailed { message }) => assert!(message.contains("stories"), "{message}"),
        other => panic!("expected the save error, got {other:?}"),
    }
    harness.get_by_label("Save as…");
    assert!(harness.state().workspace.as_ref().unwrap().is_dirty(), "still unsaved, still here");
    assert_eq!(headline(&harness), "Work that must not be lost");

    // Save as… (the folder picker's answer handed in).
    harness.state_mut().dialogs.clear();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("rescued");
    harness.state_mut().push(copydesk::app::Command::SaveAsTo(target.clone()));
    harness.run();
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty());
    let rescued = storage::load_project(&target).unwrap();
    assert!(rescued.problems.is_empty(), "{:?}", rescued.problems);
    assert_eq!(rescued.project.stories[0].headline, "Work that must not be lost");
    for photo in &rescued.project.photos {
        assert!(storage::photo_file_path(&target, photo).is_file(), "the pictures come along");
    }
    // Saving again goes to the new folder.
    replace_headline(&mut harness, "Later work");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(storage::load_project(&target).unwrap().project.stories[0].headline, "Later work");
}

#[test]
fn the_story_names_are_not_marked_and_a_name_spelled_two_ways_is_fixed_from_review() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let marked_words = |h: &Harness<'_, CopydeskApp>| -> Vec<String> {
        let story = story_of(h);
        let shown = copydesk::model::tracked::parse(&story.body).shown;
        let marks = h.state().proofing.story_marks(&story);
        marks
            .field(TextField::Body)
            .iter()
            .filter(|placed| placed.mark.kind == copydesk::proofing::MarkKind::Spelling)
            .filter_map(|placed| shown.get(placed.mark.range.clone()))
            .map(str::to_owned)
            .collect()
    };
    // A real misspelling beside the story's names: only it is marked.
    let story = story_of(&harness);
    let body = format!("{}\n\nThe goverment of Iraq mourned Soleimani and al-Muhandis.", story.body);
    let edit = Edit::SetText { story: story.slug.clone(), field: TextField::Body, text: body };
    harness.state_mut().push(copydesk::app::Command::EditStep { edit, label: "adding a paragraph".to_owned() });
    harness.run();
    step_until(&mut harness, "a spelling mark on the misspelling only, none on the names", |h| {
        marked_words(h) == ["goverment"]
    });

    let story = story_of(&harness);
    let before = story.body.matches("Soleimani").count();
    let body = format!("{}\n\nMourners carried pictures of Suleimani through the city.", story.body);
    let edit = Edit::SetText { story: story.slug.clone(), field: TextField::Body, text: body };
    harness.state_mut().push(copydesk::app::Command::EditStep { edit, label: "adding a paragraph".to_owned() });
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Review").click();
    harness.run();
    step_until(&mut harness, "the name finding", |h| h.query_by_label_contains("spelled two ways").is_some());
    harness.get_by_role_and_label(Role::Button, "Use “Soleimani”").click();
    harness.run();
    assert!(!story_of(&harness).body.contains("Suleimani"));
    assert_eq!(story_of(&harness).body.matches("Soleimani").count(), before + 1);
    step_until(&mut harness, "the finding to go", |h| h.query_by_label_contains("spelled two ways").is_none());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(story_of(&harness).body.contains("Suleimani"), "one undo step puts it back");
}

/// The open marks `copydesk check` counts in the story as the window has it.
fn command_line_counts(harness: &Harness<'_, CopydeskApp>) -> copydesk::checks::MarkCounts {
    let project = harness.state().workspace.as_ref().unwrap().project();
    let story = story_of(harness);
    let mut proofreader = copydesk::ops::proofreader_for(project);
    copydesk::ops::count_marks(&copydesk::ops::proofing_marks(&mut proofreader, project, &story))
}

/// Whether the Review's "marks are still open" finding counts `counts`
/// (and there is none when nothing is open).
fn review_counts_open_marks(harness: &Harness<'_, CopydeskApp>, counts: copydesk::checks::MarkCounts) -> bool {
    let story = story_of(harness);
    let Some(report) = harness.state().checking.reports().get(&story.slug) else { return false };
    let finding = report.findings.iter().find(|finding| finding.rule == copydesk::checks::Rule::ProofingMarks);
    let expected = format!(
        "{} spelling, {} grammar and {} style marks are still open",
        counts.spelling, counts.grammar, counts.style
    );
    match finding {
        Some(finding) => finding.message.starts_with(&expected),
        None => counts.total() == 0,
    }
}

#[test]
fn a_misspelled_caption_is_marked_fixed_from_its_menu_and_counted_in_the_review() {
    use copydesk::checks::PhotoField;
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let first = story_of(&harness).photos[0].photo.clone();
    let photo =
        |h: &Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().project().photo(&first).unwrap().clone();
    let caption = "The goverment inspects the site.";
    let edit = Edit::SetPhoto(Box::new(copydesk::model::Photo { caption: caption.to_owned(), ..photo(&harness) }));
    harness.state_mut().push(copydesk::app::Command::EditStep { edit, label: "caption".to_owned() });
    harness.run();
    let caption_mark = |h: &Harness<'_, CopydeskApp>| {
        let photo = photo(h);
        h.state()
            .proofing
            .photo_marks(&photo, PhotoField::Caption)
            .iter()
            .find(|placed| photo.caption.get(placed.mark.range.clone()) == Some("goverment"))
            .map(|placed| placed.mark.kind)
    };
    step_until(&mut harness, "a mark on the caption's “goverment”", |h| caption_mark(h).is_some());
    assert_eq!(caption_mark(&harness), Some(copydesk::proofing::MarkKind::Spelling));

    // The review counts it, as `copydesk check` does.
    let counts = command_line_counts(&harness);
    assert!(counts.spelling >= 1);
    step_until(&mut harness, "the review to count the caption's mark", |h| review_counts_open_marks(h, counts));
    let story = story_of(&harness);
    let project_now = harness.state().workspace.as_ref().unwrap().project().clone();
    assert_eq!(harness.state().proofing.review_counts(&project_now, &story), counts);

    // In the caption manager the mark is under its word: hovering it shows
    // its tooltip, a right-click there its fixes.
    harness.get_by_role_and_label(Role::Button, "Photos").click();
    harness.run();
    // A click on a tile selects its photo.
    let second = story_of(&harness).photos[1].photo.clone();
    harness.get_by_label_contains("In this file picture").click();
    harness.run();
    assert_eq!(harness.state().view.photos.selected, Some(second));
    harness.get_by_label_contains("goverment inspects").click();
    harness.run();
    assert_eq!(harness.state().view.photos.selected, Some(first.clone()));
    let field = harness.get_by_label("Caption").rect();
    let y = field.top() + 10.0;
    let mut on_mark = None;
    for step in 0..40 {
        let pos = egui::pos2(field.left() + 4.0 + step as f32 * 5.0, y);
        harness.hover_at(pos);
        harness.run();
        if harness.query_by_label("Right-click for suggestions").is_some() {
            on_mark = Some(pos);
            break;
        }
    }
    let pos = on_mark.expect("a tooltip over the caption's mark");
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Ignore");
    harness.get_by_role_and_label(Role::Button, "Add to dictionary");
    harness.get_by_role_and_label(Role::Button, "government").click();
    harness.run();
    assert_eq!(photo(&harness).caption, "The government inspects the site.");
    step_until(&mut harness, "the caption's mark to go", |h| caption_mark(h).is_none());
    let fewer = command_line_counts(&harness);
    assert_eq!(fewer.spelling, counts.spelling - 1);
    step_until(&mut harness, "the review to count one mark fewer", |h| review_counts_open_marks(h, fewer));

    // The fix is one undo step of its own.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(photo(&harness).caption, caption);
    step_until(&mut harness, "the caption's mark to come back", |h| caption_mark(h).is_some());
}

#[test]
fn the_window_reads_and_keeps_the_stored_proofing_marks_copydesk_check_shares() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    // A mark stored for the headline, under the project's settings: the
    // window takes it from the store instead of proofreading the headline.
    let loaded = storage::load_project(project.path()).unwrap().project;
    let settings = copydesk::ops::proofreader_for(&loaded).settings_key().to_owned();
    let headline = loaded.stories[0].headline.clone();
    let planted = copydesk::proofing::StoredMark {
        start: 0,
        end: 2,
        kind: copydesk::proofing::MarkKind::Style,
        message: "A planted mark".to_owned(),
        fixes: Vec::new(),
    };
    let mut stored = copydesk::proofing::StoredMarks { settings, ..Default::default() };
    stored.paragraphs.insert(copydesk::proofing::paragraph_key(&headline), vec![planted]);
    let file = project.path().join(".copydesk-cache").join("proofing.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, serde_json::to_vec(&stored).unwrap()).unwrap();

    let mut harness = harness_for(project.path(), recovery.path());
    step_until(&mut harness, "the planted mark on the headline", |h| {
        let story = story_of(h);
        h.state()
            .proofing
            .story_marks(&story)
            .field(TextField::Headline)
            .iter()
            .any(|p| &*p.mark.message == "A planted mark")
    });

    // What the window proofreads itself is kept for the next run.
    replace_headline(&mut harness, "The goverment acts");
    let key = copydesk::proofing::paragraph_key("The goverment acts");
    step_until(&mut harness, "the new headline's marks in the store", |_| {
        std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<copydesk::proofing::StoredMarks>(&bytes).ok())
            .is_some_and(|kept| kept.paragraphs.get(&key).is_some_and(|marks| !marks.is_empty()))
    });
}

#[test]
fn a_long_slug_is_cut_short_of_the_status_chip_on_its_budget_card() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let slug = "a-very-long-slug-for-a-story-whose-name-runs-on-past-any-card-w";
    let mut loaded = storage::load_project(project.path()).unwrap();
    let mut story = loaded.project.stories[0].clone();
    story.slug = copydesk::model::Slug::new(slug).unwrap();
    story.status = copydesk::model::StoryStatus::Draft;
    loaded.project.stories.push(story);
    loaded.folder.save(&loaded.project).unwrap();
    let harness = harness_for(project.path(), recovery.path());
    // The card's button holds the slug; its chip reads "Draft".
    let card = harness.get_by_role_and_label(Role::Button, slug).rect();
    let chips: Vec<egui::Rect> =
        harness.get_all_by_label("Draft").map(|node| node.rect()).filter(|rect| card.contains_rect(*rect)).collect();
    assert_eq!(chips.len(), 1, "one status chip on the card");
    let chip = chips[0];
    let name = harness
        .get_all_by_label(slug)
        .map(|node| node.rect())
        .find(|rect| card.contains_rect(*rect) && *rect != card)
        .expect("the slug's label on the card");
    assert!(name.right() <= chip.left(), "the slug ({name:?}) stops before the chip ({chip:?})");
    assert!(name.width() > 40.0, "and still shows its start");
}

/// A story of many pictures: the grid asks for the thumbnails of the tiles
/// on screen only, not for all of them at once.
#[test]
fn thumbnails_are_made_only_for_the_tiles_on_screen() {
    let project = sample_copy();
    let pictures = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..80u8)
        .map(|n| {
            let path = pictures.path().join(format!("picture-{n:02}.png"));
            image::RgbImage::from_pixel(64, 48, image::Rgb([n * 3, 100, 200])).save(&path).unwrap();
            path
        })
        .collect();
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["photo", "add", project.path().to_str().unwrap(), "iraq-drone-attacks"])
        .args(&files)
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    assert_eq!(harness.state().workspace.as_ref().unwrap().selected_story().unwrap().photos.len(), 82);
    harness.get_by_label("Photos").click();
    step_until(&mut harness, "the first thumbnails", |h| h.state().thumbnails.asked() > 0);
    let on_screen = harness.state().view.photos.on_screen.len();
    let asked = harness.state().thumbnails.asked();
    assert!((1..41).contains(&on_screen), "{on_screen} of 82 tiles on screen");
    // The tiles on screen, and the selected photo's larger preview.
    assert!(asked <= on_screen + 1, "{asked} thumbnails asked for {on_screen} tiles on screen");
}

/// The budget by keyboard: Ctrl+PageDown and Ctrl+PageUp walk the stories
/// in the order the budget shows them, scrolling it to the one selected;
/// Ctrl+1 to Ctrl+4 show the story's tools.
#[test]
fn the_budget_and_the_tools_are_walked_from_the_keyboard() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut loaded = storage::load_project(project.path()).unwrap();
    let first = loaded.project.stories[0].clone();
    for n in 1..30 {
        let mut story = first.clone();
        story.slug = copydesk::model::Slug::new(&format!("story-{n:02}")).unwrap();
        loaded.project.stories.push(story);
    }
    loaded.folder.save(&loaded.project).unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let selected = |harness: &Harness<'_, CopydeskApp>| {
        harness.state().workspace.as_ref().unwrap().selected().unwrap().as_str().to_owned()
    };
    assert_eq!(selected(&harness), "iraq-drone-attacks");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(selected(&harness), "story-01");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(selected(&harness), "iraq-drone-attacks");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(selected(&harness), "iraq-drone-attacks", "the first stays the first");
    // Far down the budget: the card selected is scrolled into view (only
    // the cards on screen are laid out, so its button is there only then).
    assert!(harness.query_by_role_and_label(Role::Button, "story-25").is_none(), "story-25 starts out of view");
    for _ in 0..25 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
        harness.run();
    }
    assert_eq!(selected(&harness), "story-25");
    harness.get_by_role_and_label(Role::Button, "story-25");
    // And back up past what the list shows.
    for _ in 0..24 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
        harness.run();
    }
    assert_eq!(selected(&harness), "story-01");
    harness.get_by_role_and_label(Role::Button, "story-01");

    for (key, tab) in [
        (Key::Num2, copydesk::app::WorkspaceTab::Photos),
        (Key::Num3, copydesk::app::WorkspaceTab::Review),
        (Key::Num4, copydesk::app::WorkspaceTab::Revisions),
        (Key::Num1, copydesk::app::WorkspaceTab::Article),
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND, key);
        harness.run();
        assert_eq!(harness.state().view.tab, tab);
    }
}

/// Ten photos: the grid wraps its tiles into rows beside the selected
/// photo's details, so every tile can be seen and clicked (a wrapping
/// layout does not wrap frames, and put them all in one row under the
/// details), and the arrow keys walk them.
#[test]
fn the_photo_grid_wraps_its_tiles_into_rows_beside_the_details_and_the_arrow_keys_walk_them() {
    let project = sample_copy();
    let pictures = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..8u8)
        .map(|n| {
            let path = pictures.path().join(format!("picture-{n}.png"));
            image::RgbImage::from_pixel(64, 48, image::Rgb([n * 20, 100, 200])).save(&path).unwrap();
            path
        })
        .collect();
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["photo", "add", project.path().to_str().unwrap(), "iraq-drone-attacks"])
        .args(&files)
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.get_by_label("Photos").click();
    harness.run();
    let details = harness.get_by_role_and_label(Role::Button, "Focal point").rect();
    let tiles: Vec<egui::Rect> = (1..=10)
        .map(|n| {
            let label = n.to_string();
            let found: Vec<egui::Rect> = harness.get_all_by_label(&label).map(|node| node.rect()).collect();
            assert_eq!(found.len(), 1, "one tile numbered {n}");
            found[0]
        })
        .collect();
    for (n, tile) in tiles.iter().enumerate() {
        assert!(tile.right() < details.left(), "tile {} ({tile:?}) is left of the details ({details:?})", n + 1);
    }
    let rows = tiles.iter().filter(|tile| (tile.top() - tiles[0].top()).abs() < 1.0).count();
    assert!((2..10).contains(&rows), "{rows} tiles in the first row");
    assert!(tiles[9].top() > tiles[0].bottom(), "the tenth tile is on a later row");
    // The last one is there to click: it becomes the selected photo.
    harness.get_all_by_label("10").next().unwrap().click();
    harness.run();
    let story = story_of(&harness);
    let tenth = story.photos[9].photo.clone();
    assert_eq!(harness.state().view.photos.selected.as_ref(), Some(&tenth));

    // The arrow keys, Home and End walk the tiles, a row at a time up and
    // down, as in a contact sheet.
    let ids: Vec<_> = story.photos.iter().map(|used| used.photo.clone()).collect();
    let columns = rows;
    let selected_at = |harness: &Harness<'_, CopydeskApp>| {
        let selected = harness.state().view.photos.selected.clone();
        ids.iter().position(|id| Some(id) == selected.as_ref())
    };
    for (key, expected) in [
        (Key::Home, 0),
        (Key::ArrowRight, 1),
        (Key::ArrowDown, 1 + columns),
        (Key::ArrowLeft, columns),
        (Key::ArrowUp, 0),
        (Key::ArrowUp, 0),
        (Key::End, 9),
        (Key::ArrowRight, 9),
    ] {
        harness.key_press(key);
        harness.run();
        assert_eq!(selected_at(&harness), Some(expected), "after {key:?}");
    }
    // In a field the keys are the field's.
    harness.get_by_label("Credit").focus();
    harness.run();
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(selected_at(&harness), Some(9), "Home in the credit field moves its caret, not the selection");
}

/// Makes the story's body 300 short paragraphs ("Paragraph 0 of the long
/// story.", blank lines between), one row each; gives the body.
fn set_long_body(harness: &mut Harness<'_, CopydeskApp>) -> String {
    let lines: Vec<String> = (0..300).map(|n| format!("Paragraph {n} of the long story.")).collect();
    let long = lines.join("\n\n");
    let story = story_of(harness);
    let edit = Edit::SetText { story: story.slug.clone(), field: TextField::Body, text: long.clone() };
    harness.state_mut().push(copydesk::app::Command::EditStep { edit, label: "a long body".to_owned() });
    harness.run();
    long
}

/// The body hands its text edit only the paragraphs on screen and around
/// the caret (`ui::long_text`): keys that reach past them, and the caret
/// carried down a long story as the view scrolls, still edit the right place.
#[test]
fn a_long_body_is_edited_where_the_caret_is() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let long = set_long_body(&mut harness);
    assert_eq!(harness.get_by_label("Body").value().as_deref(), Some(long.as_str()), "it reads as the whole text");

    harness.get_by_label("Body").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::CTRL, Key::End);
    harness.run();
    harness.get_by_label("Body").type_text(" END");
    harness.run();
    assert!(story_of(&harness).body.ends_with("Paragraph 299 of the long story. END"));

    harness.key_press_modifiers(Modifiers::CTRL, Key::Home);
    harness.run();
    // Down the story one row at a time, past what the first screen shows:
    // a paragraph and a blank line are two rows.
    for _ in 0..120 {
        harness.key_press(Key::ArrowDown);
        harness.run();
    }
    harness.key_press(Key::Home);
    harness.run();
    harness.get_by_label("Body").type_text("» ");
    harness.run();
    let body = story_of(&harness).body;
    assert!(body.contains("\n\n» Paragraph 60 of"), "typed at the 121st row: {:?}", body.get(..80));
    assert_eq!(body.matches('»').count(), 1);
    // A selection from here to the end, far past the screen, is replaced whole.
    harness.key_press_modifiers(Modifiers::CTRL | Modifiers::SHIFT, Key::End);
    harness.run();
    harness.get_by_label("Body").type_text("tail");
    harness.run();
    let body = story_of(&harness).body;
    assert!(
        body.starts_with("Paragraph 0 of") && body.ends_with("Paragraph 59 of the long story.\n\n» tail"),
        "{body:?}"
    );

    // Page Down moves the caret a screen down (egui's own field does not).
    harness.key_press_modifiers(Modifiers::CTRL, Key::Home);
    harness.run();
    for _ in 0..2 {
        harness.key_press(Key::PageDown);
        harness.run();
    }
    harness.key_press(Key::Home);
    harness.run();
    harness.get_by_label("Body").type_text("¶ ");
    harness.run();
    let body = story_of(&harness).body;
    let before = body.split_once('¶').map(|(before, _)| before).expect("typed");
    let paged = before.matches("Paragraph ").count();
    assert!((12..60).contains(&paged), "two screens down is after paragraph {paged}");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("Body").type_text("Short again.");
    harness.run();
    assert_eq!(story_of(&harness).body, "Short again.", "select all is the whole text, not what is on screen");
}

/// Dragging a selection down past the bottom of a long body scrolls it and
/// goes on selecting beyond the paragraphs that were on screen.
#[test]
fn a_drag_selects_past_what_the_screen_showed() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    set_long_body(&mut harness);
    let rect = harness.get_by_label("Body").rect();
    let start = egui::pos2(rect.left() + 1.0, rect.top() + 4.0);
    harness.hover_at(start);
    harness.drag_at(start);
    harness.step();
    let below = egui::pos2(rect.left() + 200.0, 2000.0);
    for _ in 0..12 {
        harness.hover_at(below);
        harness.step();
    }
    harness.drop_at(below);
    harness.run();
    harness.get_by_label("Body").type_text("X");
    harness.run();
    let body = story_of(&harness).body;
    let kept: usize = body
        .strip_prefix('X')
        .and_then(|rest| rest.trim_start().strip_prefix("Paragraph "))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("the selection from the start was replaced: {:?}", body.get(..60)));
    // The first screen shows about a dozen paragraphs.
    assert!(kept > 24, "the drag selected past the first screen, to paragraph {kept}");
}
