//! One door for every change: whatever changes the open project — a
//! colleague's save, restored recovery work, another project opened, an
//! edit refused because someone else holds the story — every view shows the
//! project as it is, and the checks re-check only what changed. Drives the
//! real `CopydeskApp` with egui_kittest.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

mod common;
use common::{harness_for, sample_copy, step_until};

use std::path::Path;

use copydesk::app::{Command, CopydeskApp, WorkspaceTab};
use copydesk::edit::Edit;
use copydesk::model::{Slug, Story, TextField, Timestamp, text_stats};
use copydesk::storage;
use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SLUG: &str = "iraq-drone-attacks";

/// A paragraph nobody wrote before: its words show where the new text is.
const NEW_PARAGRAPH: &str = "A colleague added this paragraph about zebrafish in Qayara TK.";

fn story(harness: &Harness<'_, CopydeskApp>) -> Story {
    harness.state().workspace.as_ref().unwrap().selected_story().unwrap().clone()
}

/// Whether the checks' latest report on the open story has a placeholder
/// finding in the body.
fn placeholder_found(harness: &Harness<'_, CopydeskApp>) -> bool {
    let Ok(slug) = Slug::new(SLUG) else { return false };
    harness.state().checking.reports().get(&slug).is_some_and(|report| {
        report.findings.iter().any(|finding| finding.rule.id() == "placeholder" && finding.message.contains("TK"))
    })
}

/// Every view of the open story shows `body`: the editor's and the
/// budget's word counts, the review checks, find matches, and the diff
/// against revision 1.
fn assert_views_show(harness: &mut Harness<'_, CopydeskApp>, body: &str) {
    assert_eq!(story(harness).body, body);
    let words = text_stats(body).words;
    harness.get_by_label_contains(&format!("{words} words ·"));
    let target = story(harness).target_words;
    harness.get_by_label_contains(&format!("{words} / {target} words"));
    step_until(harness, "the review of the new text", placeholder_found);

    // Find sees the new text (a query typed afresh: an earlier one may
    // still be in the bar).
    harness.state_mut().view.find.options.query.clear();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find").focus();
    harness.run();
    harness.get_by_label("Find").type_text("zebrafish");
    harness.run();
    harness.get_by_label("1 of 1");
    harness.key_press(Key::Escape);
    harness.run();

    // The Revisions tab compares revision 1 with the text as it is now.
    harness.state_mut().push(Command::ShowTab(WorkspaceTab::Revisions));
    harness.run();
    harness.get_by_label_contains("zebrafish in Qayara");
    harness.state_mut().push(Command::ShowTab(WorkspaceTab::Article));
    harness.run();
}

/// Opens the sample with a revision saved and every cache filled once:
/// counts, review, a find for the word that is not there yet, the diff.
fn warmed_up(project: &Path, recovery: &Path) -> Harness<'static, CopydeskApp> {
    let mut harness = harness_for(project, recovery);
    harness.state_mut().prefs.editor_name = "Night editor".to_owned();
    harness.state_mut().push(Command::SaveRevision { story: Slug::new(SLUG).unwrap(), name: "Filed".into() });
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let words = text_stats(&story(&harness).body).words;
    harness.get_by_label_contains(&format!("{words} words ·"));
    step_until(&mut harness, "the first review", |h| {
        h.state().checking.reports().contains_key(&Slug::new(SLUG).unwrap())
    });
    assert!(!placeholder_found(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find").type_text("zebrafish");
    harness.run();
    harness.get_by_label("No matches");
    harness.key_press(Key::Escape);
    harness.state_mut().push(Command::ShowTab(WorkspaceTab::Revisions));
    harness.run();
    harness.get_by_label("No differences.");
    harness.state_mut().push(Command::ShowTab(WorkspaceTab::Article));
    harness.run();
    harness
}

fn with_new_paragraph(body: &str) -> String {
    format!("{body}\n\n{NEW_PARAGRAPH}")
}

#[test]
fn a_story_reloaded_from_outside_shows_its_new_text_in_every_view() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = warmed_up(project.path(), recovery.path());
    let body = with_new_paragraph(&story(&harness).body);

    // A colleague's save adds a paragraph to the story file.
    let mut loaded = storage::load_project(project.path()).unwrap();
    loaded.project.stories[0].body = body.clone();
    loaded.folder.save(&loaded.project).unwrap();
    step_until(&mut harness, "the reload", |h| story(h).body == body);
    assert!(!harness.state().workspace.as_ref().unwrap().is_dirty());
    assert_views_show(&mut harness, &body);

    // Undo takes the colleague's paragraph out again with the reload's own
    // inverse (not one made for the old text), and the views follow.
    let before = story(&harness).body.replace(&format!("\n\n{NEW_PARAGRAPH}"), "");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(story(&harness).body, before);
    harness.get_by_label_contains(&format!("{} words ·", text_stats(&before).words));
}

#[test]
fn restored_recovery_work_shows_in_every_view() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = warmed_up(project.path(), recovery.path());
    let mut recovered = harness.state().workspace.as_ref().unwrap().project().clone();
    let body = with_new_paragraph(&recovered.stories[0].body);
    recovered.stories[0].body = body.clone();
    let written = storage::recovery_path(recovery.path(), project.path());
    storage::write_recovery(&written, project.path(), &recovered, Timestamp::EPOCH).unwrap();
    let recovery_file = storage::read_recovery(&written).unwrap().unwrap();

    harness.state_mut().push(Command::RestoreRecovery(Box::new(recovery_file)));
    harness.run();
    assert!(harness.state().workspace.as_ref().unwrap().is_dirty(), "restored work is unsaved");
    assert_views_show(&mut harness, &body);
}

#[test]
fn another_project_with_a_story_of_the_same_slug_shows_its_own_text() {
    let project = sample_copy();
    let other = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut loaded = storage::load_project(other.path()).unwrap();
    let body = with_new_paragraph(&loaded.project.stories[0].body);
    let filed = loaded.project.stories[0].snapshot("Filed", "Night editor", Timestamp::EPOCH, false);
    loaded.project.stories[0].revisions.push(filed);
    loaded.project.stories[0].body = body.clone();
    loaded.folder.save(&loaded.project).unwrap();

    let mut harness = warmed_up(project.path(), recovery.path());
    harness.state_mut().push(Command::OpenProjectAt(other.path().to_owned()));
    harness.run();
    assert_eq!(harness.state().workspace.as_ref().unwrap().root(), other.path());
    assert_views_show(&mut harness, &body);
}

/// Two windows on one project; the first (Ana) holds the sample story.
fn second_window_of_a_held_story(project: &Path) -> (Harness<'static, CopydeskApp>, Harness<'static, CopydeskApp>) {
    let first_recovery = tempfile::tempdir().unwrap();
    let second_recovery = tempfile::tempdir().unwrap();
    let mut first = harness_for(project, first_recovery.path());
    first.state_mut().prefs.editor_name = "Ana Ruiz".to_owned();
    first.run();
    let mut second = harness_for(project, second_recovery.path());
    second.state_mut().prefs.editor_name = "Ben Okafor".to_owned();
    second.run();
    second.get_by_label_contains("is editing this story");
    (first, second)
}

#[test]
fn an_edit_to_a_story_someone_else_holds_is_refused_and_says_so() {
    let project = sample_copy();
    let (_first, mut second) = second_window_of_a_held_story(project.path());
    let slug = Slug::new(SLUG).unwrap();
    let before = story(&second);

    let edit = Edit::SetText { story: slug.clone(), field: TextField::Headline, text: "Hijacked".into() };
    second.state_mut().push(Command::EditStep { edit, label: "typing".into() });
    second.run();
    assert_eq!(story(&second), before);
    let status = second.state().status.clone();
    assert!(status.contains("read-only") && status.contains("is editing it"), "the refusal names the holder: {status}");

    // A refused delete never reports success.
    second.state_mut().push(Command::DeleteStory(slug.clone()));
    second.run();
    assert!(second.state().workspace.as_ref().unwrap().project().story(&slug).is_some());
    assert!(!second.state().status.contains("Deleted"), "{}", second.state().status);
    assert!(second.state().status.contains("read-only"), "{}", second.state().status);
    assert!(!second.state().workspace.as_ref().unwrap().is_dirty());
}

#[test]
fn copy_imports_while_a_story_someone_else_holds_is_open() {
    let project = sample_copy();
    let (_first, mut second) = second_window_of_a_held_story(project.path());
    let copy = tempfile::tempdir().unwrap();
    let file = copy.path().join("ships.txt");
    std::fs::write(&file, "Ships sail at dawn\n\nThe fleet left the harbour before sunrise.").unwrap();

    second.state_mut().push(Command::ImportFiles(vec![file]));
    second.run();
    let workspace = second.state().workspace.as_ref().unwrap();
    assert_eq!(workspace.project().stories.len(), 2, "{}", second.state().status);
    assert_eq!(second.state().status, "Imported 1 story.");
    assert_eq!(workspace.selected_story().unwrap().headline, "Ships sail at dawn");
}

#[test]
fn typing_in_one_story_of_a_many_story_project_re_checks_that_story_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = storage::create_project(dir.path(), "Desk").unwrap();
    for number in 0..40 {
        let mut story = Story::new(Slug::new(&format!("story-{number:02}")).unwrap(), Timestamp::EPOCH);
        story.headline = format!("Story number {number}");
        story.body = "The council met on Tuesday. It agreed the budget.".repeat(20);
        loaded.project.stories.push(story);
    }
    loaded.folder.save(&loaded.project).unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(dir.path(), recovery.path());
    step_until(&mut harness, "every story's first report", |h| h.state().checking.reports().len() == 40);
    // Let the open story's first proofing marks land and be re-checked.
    let typed_into = Slug::new("story-00").unwrap();
    let others: Vec<Slug> = (1..40).map(|n| Slug::new(&format!("story-{n:02}")).unwrap()).collect();
    let before: Vec<usize> = others.iter().map(|slug| harness.state().checking.times_checked(slug)).collect();
    assert!(before.iter().all(|&times| times == 1), "each other story was checked once: {before:?}");

    harness.get_by_label("Headline").focus();
    harness.run();
    harness.get_by_label("Headline").type_text(" TK");
    harness.run();
    let slug = typed_into.clone();
    step_until(&mut harness, "the typed story's new report", move |h| {
        h.state()
            .checking
            .reports()
            .get(&slug)
            .is_some_and(|report| report.findings.iter().any(|finding| finding.rule.id() == "placeholder"))
    });
    let after: Vec<usize> = others.iter().map(|slug| harness.state().checking.times_checked(slug)).collect();
    assert_eq!(after, before, "only the story typed in was checked again");
    assert!(harness.state().checking.times_checked(&typed_into) >= 2);
    harness.get_by_role_and_label(Role::Button, "story-00");
}
