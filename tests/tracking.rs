//! Tracked changes and comments in the window (egui_kittest on the real
//! app): suggestion mode marks typing and deleting with the editor's name;
//! each change is accepted or rejected; another editor's suggestion
//! refuses an edit; comments, replies, resolving; undo covers it all.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{harness_for, sample_copy};

use copydesk::app::{Command, CopydeskApp, UiCommand};
use copydesk::model::tracked;
use copydesk::model::{MarkKind, Slug, Story, TextField};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SLUG: &str = "iraq-drone-attacks";

fn story(harness: &Harness<'_, CopydeskApp>) -> Story {
    harness.state().workspace.as_ref().unwrap().project().story(&Slug::new(SLUG).unwrap()).unwrap().clone()
}

/// The sample opened in the window with Ana Ruiz as the editor, and the
/// project and recovery folders, which must outlive the harness.
fn opened_as_ana() -> ((tempfile::TempDir, tempfile::TempDir), Harness<'static, CopydeskApp>) {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Ana Ruiz".to_owned();
    ((project, recovery), harness)
}

#[test]
fn suggesting_marks_what_is_typed_and_deleted_and_each_change_is_accepted_or_rejected() {
    let (_folders, mut harness) = opened_as_ana();
    let original = story(&harness).headline;

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    assert!(harness.state().view.suggesting);
    harness.get_by_label_contains("Suggesting: what you type and delete is marked");

    harness.get_by_label("Headline").focus();
    harness.run();
    harness.key_press(Key::End);
    harness.get_by_label("Headline").type_text(" today");
    harness.run();
    let headline = story(&harness).headline;
    assert!(headline.ends_with("{++sar1| today++}"), "{headline}");
    assert_eq!(tracked::as_it_stands(&headline), original, "the story as it stands is unchanged");
    let suggestion = &story(&harness).suggestions[0];
    assert_eq!((suggestion.author.as_str(), suggestion.kind), ("Ana Ruiz", MarkKind::Insert));

    // Deleting the reporter's text marks it, and it stays.
    // To the very start: up to the first row of the wrapped headline, then Home.
    harness.key_press(Key::ArrowUp);
    harness.key_press(Key::ArrowUp);
    harness.key_press(Key::Home);
    harness.key_press(Key::Delete);
    harness.run();
    let headline = story(&harness).headline;
    let first = original.chars().next().unwrap();
    assert!(headline.starts_with(&format!("{{--sar2|{first}--}}")), "{headline}");
    assert_eq!(tracked::as_it_stands(&headline), original);
    assert_eq!(tracked::parse(&headline).shown, format!("{original} today"), "deleted text is still shown");

    // Another editor cannot alter Ana's suggestion.
    harness.state_mut().prefs.editor_name = "Ben Okafor".to_owned();
    let shown = format!("{original} toXday");
    harness.state_mut().push(Command::TypeTracked {
        story: Slug::new(SLUG).unwrap(),
        field: TextField::Headline,
        shown,
    });
    harness.run();
    assert!(harness.state().status.contains("Ana Ruiz's suggestion"), "{}", harness.state().status);
    assert_eq!(story(&harness).headline, headline);

    // The list: reject the deletion, accept the insertion.
    harness.get_by_label_contains("Changes (2)");
    harness.get_all_by_label("✖ Reject").next().unwrap().click();
    harness.run();
    assert_eq!(story(&harness).headline, format!("{original}{{++sar1| today++}}"));
    harness.get_by_label("✔ Accept").click();
    harness.run();
    let accepted = story(&harness);
    assert_eq!(accepted.headline, format!("{original} today"));
    assert!(accepted.suggestions.is_empty());
    // Undo covers it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(story(&harness).headline, format!("{original}{{++sar1| today++}}"));
    assert_eq!(story(&harness).suggestions.len(), 1);
}

/// A burst of typing in suggestion mode is one undo step, the suggestion
/// record it made included, as a burst of plain typing is.
#[test]
fn one_undo_takes_back_a_burst_of_suggested_typing_and_its_record() {
    let (_folders, mut harness) = opened_as_ana();
    let original = story(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    harness.get_by_label("Headline").focus();
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    // A key a frame, a quarter of a second apart: one burst.
    for letter in [" ", "n", "o", "w"] {
        harness.get_by_label("Headline").type_text(letter);
        harness.run();
    }
    let typed = story(&harness);
    assert!(typed.headline.ends_with("{++sar1| now++}"), "{}", typed.headline);
    assert_eq!(typed.suggestions.len(), original.suggestions.len() + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let undone = story(&harness);
    assert_eq!(undone.headline, original.headline, "one undo takes back the whole burst");
    assert_eq!(undone.suggestions, original.suggestions, "and the record it made");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    let redone = story(&harness);
    assert_eq!((redone.headline, redone.suggestions), (typed.headline, typed.suggestions));
}

#[test]
fn comments_are_written_answered_resolved_and_survive_their_text() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    let body = story(&harness).body;
    let at = body.find("The Washington Post").unwrap();
    let range = at..at + "The Washington Post".len();
    harness.state_mut().push(Command::AddComment {
        story: slug.clone(),
        field: TextField::Body,
        range,
        text: "Link the Post's report?".into(),
    });
    harness.run();
    let commented = story(&harness);
    assert!(commented.body.contains("{==car1|The Washington Post==}"));
    assert_eq!(tracked::as_it_stands(&commented.body), body, "a comment changes no text");
    harness.get_by_label_contains("Comments (1 open)");
    harness.get_by_label("Link the Post's report?");

    harness.get_by_label("Reply…").click();
    harness.run();
    harness.get_by_label("Your reply").focus();
    harness.get_by_label("Your reply").type_text("Done.");
    harness.run();
    harness.get_by_label("Reply").click();
    harness.run();
    assert_eq!(story(&harness).comments[0].replies[0].text, "Done.");
    harness.get_by_label("Resolve").click();
    harness.run();
    assert!(story(&harness).comments[0].resolved);
    harness.get_by_label_contains("Comments (0 open)");
    harness.get_by_label("Reopen").click();
    harness.run();
    assert!(!story(&harness).comments[0].resolved);

    // Its text deleted (out of suggestion mode), the comment stays and says
    // where it sits: after the words before it, as a comment Word put at a
    // point does.
    let shown = tracked::parse(&story(&harness).body).shown.replacen("The Washington Post", "", 1);
    harness.state_mut().push(Command::TypeTracked { story: slug, field: TextField::Body, shown });
    harness.run();
    let after = story(&harness);
    assert_eq!(after.comments.len(), 1);
    assert!(after.body.contains("{==car1|==}"), "the anchor stays, empty");
    harness.get_by_label("after “…Citing US-led coalition officials,”");

    // F8 with no suggestions says so.
    harness.state_mut().push(Command::Ui(UiCommand::NextChange));
    harness.run();
    assert!(harness.state().status.contains("No suggested changes"));
}

#[test]
fn a_pending_suggestion_blocks_ready_until_it_is_resolved() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    let blocking = |h: &Harness<'_, CopydeskApp>| {
        h.state().checking.reports().get(&slug).map(|report| report.readiness.blocking.join("\n")).unwrap_or_default()
    };
    common::step_until(&mut harness, "the first review", |h| !blocking(h).is_empty());
    assert!(!blocking(&harness).contains("Pending suggestions"));
    harness.state_mut().push(Command::Ui(UiCommand::ToggleSuggesting));
    harness.run();
    let shown = format!("{} today", story(&harness).headline);
    harness.state_mut().push(Command::TypeTracked { story: slug.clone(), field: TextField::Headline, shown });
    common::step_until(&mut harness, "the suggestion to block Ready", |h| blocking(h).contains("Pending suggestions"));
    harness.get_by_label("Accept all").click();
    harness.run();
    common::step_until(&mut harness, "the block to go", |h| !blocking(h).contains("Pending suggestions"));
    assert!(story(&harness).headline.ends_with(" today"));
}

#[test]
fn replace_all_in_suggestion_mode_suggests_each_replacement() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    let original = story(&harness).body;
    let count = original.matches("the Post").count();
    assert!(count >= 2, "the story cites the Post more than once");
    // A comment first, so the body holds marks and find works on it as shown.
    let at = original.find("coalition").unwrap();
    harness.state_mut().push(Command::AddComment {
        story: slug,
        field: TextField::Body,
        range: at..at + "coalition".len(),
        text: "Which coalition?".into(),
    });
    harness.state_mut().push(Command::Ui(UiCommand::ToggleSuggesting));
    harness.run();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::H);
    harness.run();
    harness.get_by_label("Find").type_text("the Post");
    harness.run();
    harness.get_by_label("Replace with").focus();
    harness.run();
    harness.get_by_label("Replace with").type_text("The Washington Post");
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Replace all").click();
    harness.run();

    let body = story(&harness).body;
    assert_eq!(tracked::as_it_stands(&body), original, "every replacement is only suggested");
    assert_eq!(tracked::all_accepted(&body), original.replace("the Post", "The Washington Post"));
    assert!(body.contains("{==car1|coalition==}"), "the comment stays on its text");
    assert!(story(&harness).suggestions.iter().all(|s| s.author == "Ana Ruiz"));
}

#[test]
fn a_review_fix_in_a_field_with_marks_is_typed_on_the_text_as_shown() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    let original = story(&harness).body;
    // A doubled word after a comment, so the finding's range (on the text as
    // it stands) is not a range of the stored text.
    let doubled = original.replacen("coalition", "coalition the the", 1);
    harness.state_mut().push(Command::Edit {
        edit: copydesk::edit::Edit::SetText { story: slug.clone(), field: TextField::Body, text: doubled.clone() },
        label: "typing".into(),
    });
    harness.run();
    let at = doubled.find("coalition").unwrap();
    harness.state_mut().push(Command::AddComment {
        story: slug.clone(),
        field: TextField::Body,
        range: at..at + "coalition".len(),
        text: "Which coalition?".into(),
    });
    harness.run();
    let fix = |h: &Harness<'_, CopydeskApp>| {
        h.state().checking.reports().get(&slug).and_then(|report| {
            report
                .findings
                .iter()
                .find(|f| f.rule == copydesk::checks::Rule::DoubledWord && f.suggestion.is_some())
                .cloned()
        })
    };
    common::step_until(&mut harness, "the doubled word's fix", |h| fix(h).is_some());
    // In suggestion mode the fix is a suggestion of its own.
    harness.state_mut().push(Command::Ui(UiCommand::ToggleSuggesting));
    let found = fix(&harness).unwrap();
    harness.state_mut().push(Command::ApplyFix(Box::new(found)));
    harness.run();
    let body = story(&harness).body;
    assert_eq!(tracked::as_it_stands(&body), doubled, "only suggested");
    assert_eq!(tracked::all_accepted(&body), original.replacen("coalition", "coalition the", 1));
    assert!(body.contains("{==car1|coalition==}"), "the comment stays on its text: {body}");
    // Undone, then applied outside suggestion mode: the text itself changes.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(tracked::as_it_stands(&story(&harness).body), doubled);
    harness.state_mut().push(Command::Ui(UiCommand::ToggleSuggesting));
    common::step_until(&mut harness, "the fix again", |h| fix(h).is_some());
    let found = fix(&harness).unwrap();
    harness.state_mut().push(Command::ApplyFix(Box::new(found)));
    harness.run();
    let body = story(&harness).body;
    assert_eq!(tracked::as_it_stands(&body), original.replacen("coalition", "coalition the", 1));
    assert!(body.contains("{==car1|coalition==}"), "{body}");
}

#[test]
fn a_caption_is_revised_in_suggestion_mode_and_each_change_is_accepted_or_rejected() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    let first = story(&harness).photos[0].photo.clone();
    let photo =
        |h: &Harness<'_, CopydeskApp>| h.state().workspace.as_ref().unwrap().project().photo(&first).unwrap().clone();
    let original = photo(&harness).caption;
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    harness.get_by_role_and_label(egui::Role::Button, "Photos").click();
    harness.run();
    harness.get_by_label("Caption").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.get_by_label("Caption").type_text(" Updated.");
    harness.run();
    let caption = photo(&harness).caption;
    assert!(caption.ends_with("{++sar1| Updated.++}"), "{caption}");
    assert_eq!(photo(&harness).caption_as_it_stands(), original, "the caption as it stands is unchanged");
    assert_eq!(photo(&harness).suggestions[0].author, "Ana Ruiz");
    harness.get_by_label_contains("1 suggested change in the caption");

    // The review points at it, and Ready waits for it.
    let blocking = |h: &Harness<'_, CopydeskApp>| {
        h.state().checking.reports().get(&slug).map(|report| report.readiness.blocking.join("\n")).unwrap_or_default()
    };
    common::step_until(&mut harness, "the caption's suggestion to block Ready", |h| {
        blocking(h).contains("Pending suggestions")
    });
    let report = harness.state().checking.reports().get(&slug).unwrap().clone();
    let finding = report.findings.iter().find(|f| f.rule == copydesk::checks::Rule::PendingSuggestions).unwrap();
    assert!(
        finding.message.contains("Ana Ruiz") && finding.message.contains("photo 1's caption"),
        "{}",
        finding.message
    );

    // Another editor cannot alter Ana's suggestion.
    harness.state_mut().prefs.editor_name = "Ben Okafor".to_owned();
    let shown = format!("{original} Updatedd.");
    harness.state_mut().push(Command::TypeCaption { photo: first.clone(), shown });
    harness.run();
    assert!(harness.state().status.contains("Ana Ruiz's suggestion"), "{}", harness.state().status);
    assert_eq!(photo(&harness).caption, caption);
    // Nor can a caption template written over the caption.
    let template = "{credit}".to_owned();
    harness.state_mut().push(Command::ApplyCaptionTemplate { photos: vec![first.clone()], template, keep: false });
    harness.run();
    assert!(
        harness.state().status.contains("1 caption would have changed another editor's suggestion"),
        "{}",
        harness.state().status
    );
    assert_eq!(photo(&harness).caption, caption);

    // Accepted under the caption; undo brings the suggestion back.
    harness.get_by_label("✔ Accept").click();
    harness.run();
    assert_eq!(photo(&harness).caption, format!("{original} Updated."));
    assert!(photo(&harness).suggestions.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(photo(&harness).caption, caption);

    // The story's Changes list counts it, and its Reject all covers it.
    harness.get_by_role_and_label(egui::Role::Button, "Article").click();
    harness.run();
    harness.get_by_label_contains("1 in photo caption");
    harness.get_by_label("Reject all").click();
    harness.run();
    assert_eq!((photo(&harness).caption, photo(&harness).suggestions.len()), (original.clone(), 0));

    // Accepting one author's covers that author's caption changes.
    harness.state_mut().prefs.editor_name = "Ana Ruiz".to_owned();
    harness.state_mut().push(Command::TypeCaption { photo: first.clone(), shown: format!("{original} Updated.") });
    harness.run();
    harness.state_mut().prefs.editor_name = "Ben Okafor".to_owned();
    let shown = format!("{} now", story(&harness).headline);
    harness.state_mut().push(Command::TypeTracked { story: slug.clone(), field: TextField::Headline, shown });
    harness.run();
    harness.get_by_label("By author…").click();
    harness.run();
    harness.get_by_label("Accept all of Ana Ruiz's").click();
    harness.run();
    assert_eq!(photo(&harness).caption, format!("{original} Updated."));
    assert!(story(&harness).headline.ends_with("{++sbo1| now++}"), "Ben's change stays");
}

#[test]
fn forward_delete_in_suggestion_mode_moves_past_what_it_marks() {
    let (_folders, mut harness) = opened_as_ana();
    let original = story(&harness).headline;
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    harness.get_by_label("Headline").focus();
    harness.run();
    // To the very start: up to the first row of the wrapped headline, then Home.
    harness.key_press(Key::ArrowUp);
    harness.key_press(Key::ArrowUp);
    harness.key_press(Key::Home);
    harness.run();
    for _ in 0..3 {
        harness.key_press(Key::Delete);
        harness.run();
    }
    let first: String = original.chars().take(3).collect();
    let headline = story(&harness).headline;
    assert!(headline.starts_with(&format!("{{--sar1|{first}--}}")), "three Deletes mark three characters: {headline}");
    // And in the body, the long text field.
    harness.get_by_label("Body").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::CTRL, Key::Home);
    harness.run();
    for _ in 0..3 {
        harness.key_press(Key::Delete);
        harness.run();
    }
    let body = story(&harness).body;
    assert!(body.starts_with("{--sar2|US --}military"), "{}", &body[..40]);

    // The same in a caption, and the toggle keeps the Photos tab.
    harness.get_by_role_and_label(egui::Role::Button, "Photos").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    harness.get_by_label_contains("Suggesting: what you type and delete in a caption");
    harness.get_by_label("Caption").focus();
    harness.run();
    for _ in 0..6 {
        harness.key_press(Key::ArrowUp);
    }
    harness.key_press(Key::Home);
    harness.run();
    for _ in 0..3 {
        harness.key_press(Key::Delete);
        harness.run();
    }
    let first_photo = story(&harness).photos[0].photo.clone();
    let workspace = harness.state().workspace.as_ref().unwrap();
    let caption = workspace.project().photo(&first_photo).unwrap().caption.clone();
    assert!(caption.starts_with("{--sar1|US --}"), "{caption}");
}

#[test]
fn the_changes_list_builds_only_the_rows_it_shows_and_f8_brings_any_into_view() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    // Thirty insertions by Ben, one at the start of each of thirty words.
    let before = story(&harness);
    let mut body = String::new();
    let mut suggestions = Vec::new();
    for (n, word) in before.body.split(' ').enumerate() {
        if n > 0 {
            body.push(' ');
        }
        if n % 3 == 0 && suggestions.len() < 30 && !word.contains(['{', '}']) {
            let id = format!("sbo{}", suggestions.len() + 1);
            body.push_str(&format!("{{++{id}|new{} ++}}", suggestions.len() + 1));
            suggestions.push(copydesk::model::Suggestion {
                id,
                kind: MarkKind::Insert,
                author: "Ben Okafor".to_owned(),
                at: copydesk::model::Timestamp::EPOCH,
            });
        }
        body.push_str(word);
    }
    let edits = vec![
        copydesk::edit::Edit::SetText { story: slug.clone(), field: TextField::Body, text: body },
        copydesk::edit::Edit::SetTracking { story: slug.clone(), suggestions, comments: before.comments.clone() },
    ];
    harness
        .state_mut()
        .push(Command::Edit { edit: copydesk::edit::Edit::Batch(edits), label: "thirty changes".to_owned() });
    harness.run();
    harness.get_by_label_contains("Changes (30)");
    // Twelve changes are listed, but only the rows the Details column
    // shows are built.
    let built = harness.get_all_by_label("✔ Accept").count();
    assert!((1..12).contains(&built), "{built} rows built");
    harness.get_by_label("new1 ");

    // F8 to the twentieth: the list moves to it, its row is built, and
    // its Accept accepts it.
    for _ in 0..20 {
        harness.state_mut().push(Command::Ui(UiCommand::NextChange));
        harness.run();
    }
    harness.get_by_label("new20 ");
    assert!(harness.query_by_label("new1 ").is_none(), "the list moved on");
    // The list starts two before the selected change: its row is the third.
    harness.get_all_by_label("✔ Accept").nth(2).unwrap().click();
    harness.run();
    let after = story(&harness);
    assert_eq!(after.suggestions.len(), 29);
    assert!(!after.suggestions.iter().any(|s| s.id == "sbo20"), "the twentieth was accepted");
    assert!(tracked::as_it_stands(&after.body).contains("new20 "));
}

#[test]
fn a_change_in_the_text_says_who_made_it_and_a_right_click_accepts_it() {
    let (_folders, mut harness) = opened_as_ana();
    let slug = Slug::new(SLUG).unwrap();
    let before = story(&harness);
    // Ben suggested the whole headline.
    let headline = format!("{{++sbo1|{}++}}", before.headline);
    let record = copydesk::model::Suggestion {
        id: "sbo1".to_owned(),
        kind: MarkKind::Insert,
        author: "Ben Okafor".to_owned(),
        at: copydesk::model::Timestamp::EPOCH,
    };
    let edits = vec![
        copydesk::edit::Edit::SetText { story: slug.clone(), field: TextField::Headline, text: headline },
        copydesk::edit::Edit::SetTracking { story: slug, suggestions: vec![record], comments: before.comments.clone() },
    ];
    harness
        .state_mut()
        .push(Command::Edit { edit: copydesk::edit::Edit::Batch(edits), label: "Ben's headline".to_owned() });
    harness.run();

    harness.get_by_label("Headline").hover();
    harness.run();
    harness.get_by_label_contains("Ben Okafor inserted · ");
    harness.get_by_label("Right-click to accept or reject");

    harness.get_by_label("Headline").click_secondary();
    harness.run();
    harness.get_by_label("✖ Reject change");
    harness.get_by_label("✔ Accept change").click();
    harness.run();
    let after = story(&harness);
    assert_eq!(after.headline, before.headline, "accepted: the headline is Ben's, without its mark");
    assert!(after.suggestions.is_empty());
    assert!(harness.query_by_label("✔ Accept change").is_none(), "the menu closed");
}
