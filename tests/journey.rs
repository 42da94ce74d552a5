//! A story's journey in the window (egui_kittest driving the real app):
//! the budget sorted and filtered by who has a story and when it is due,
//! the embargo gate, and a published story that is read-only until it is
//! reopened as a correction or killed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

mod common;

use common::{harness_for, sample_copy};

use copydesk::app::CopydeskApp;
use copydesk::model::{Plan, Priority, Slug, Story, StoryStatus, Timestamp};
use copydesk::ui::story_list::{Focus, SortKey};
use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

fn at(text: &str) -> Timestamp {
    Timestamp::parse_short(text).unwrap()
}

/// A desk of four stories: one overdue (Ana's), one due today (Lee's,
/// edited by Ana), one unassigned and urgent, one ready and due later.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = copydesk::storage::create_project(dir.path(), "City desk").unwrap();
    let now = copydesk::clock::now();
    let today_late = Timestamp(now.0.replace_time(time::macros::time!(23:59)));
    let plans = [
        (
            "council",
            StoryStatus::Editing,
            Plan {
                assignee: "Ana Ruiz".into(),
                deadline: Some(at("2020-01-01 09:00")),
                priority: Priority::Low,
                ..Plan::default()
            },
        ),
        (
            "floods",
            StoryStatus::CopyEdit,
            Plan {
                assignee: "Lee Chan".into(),
                editor: "Ana Ruiz".into(),
                deadline: Some(today_late),
                ..Plan::default()
            },
        ),
        ("budget", StoryStatus::Draft, Plan { priority: Priority::Urgent, ..Plan::default() }),
        (
            "transit",
            StoryStatus::Ready,
            Plan { assignee: "Sam Okafor".into(), deadline: Some(at("2099-01-01 09:00")), ..Plan::default() },
        ),
    ];
    for (slug, status, plan) in plans {
        let mut story = Story::new(Slug::new(slug).unwrap(), now);
        story.headline = format!("The {slug} story");
        story.status = status;
        story.plan = plan;
        loaded.project.stories.push(story);
    }
    loaded.folder.save(&loaded.project).unwrap();
    dir
}

/// The budget's cards from top to bottom.
fn cards(harness: &Harness<'_, CopydeskApp>) -> Vec<&'static str> {
    let mut shown: Vec<(f32, &'static str)> = ["council", "floods", "budget", "transit"]
        .into_iter()
        .filter_map(|slug| Some((harness.query_by_role_and_label(Role::Button, slug)?.rect().top(), slug)))
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    shown.into_iter().map(|(_, slug)| slug).collect()
}

#[test]
fn the_budget_sorts_and_filters_by_who_has_a_story_and_when_it_is_due() {
    let project = desk();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Ana Ruiz".to_owned();
    harness.run();
    assert_eq!(cards(&harness), ["council", "floods", "budget", "transit"], "the desk's order");
    // Each card says who has it and when it is due; the late one is marked.
    harness.get_by_label("Ana Ruiz");
    harness.get_by_label("Lee Chan · ed. Ana Ruiz");
    harness.get_by_label("Unassigned");
    harness.get_by_label("Overdue 1 Jan 2020");
    harness.get_by_label("Due 1 Jan 2099");
    harness.get_by_label("Urgent");

    for (sort, order) in [
        (SortKey::Deadline, ["council", "floods", "transit", "budget"]),
        (SortKey::Priority, ["budget", "floods", "transit", "council"]),
        (SortKey::Assignee, ["council", "floods", "transit", "budget"]),
    ] {
        harness.state_mut().view.story_list.sort = sort;
        harness.run();
        assert_eq!(cards(&harness), order, "{sort:?}");
    }

    // The filters are offered in the budget's "Show" menu.
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Overdue").click();
    harness.run();
    assert_eq!(harness.state().view.story_list.focus, Focus::Overdue);
    assert_eq!(cards(&harness), ["council"], "past its deadline and not ready");
    for (focus, shown) in [(Focus::Mine, vec!["council", "floods"]), (Focus::DueToday, vec!["floods"])] {
        harness.state_mut().view.story_list.focus = focus;
        harness.run();
        assert_eq!(cards(&harness), shown, "{focus:?}");
    }
}

/// The story in the window's workspace.
fn story_of(harness: &Harness<'_, CopydeskApp>) -> Story {
    harness.state().workspace.as_ref().unwrap().selected_story().unwrap().clone()
}

fn set_time_field(harness: &mut Harness<'_, CopydeskApp>, label: &str, text: &str) {
    let field = harness.get_by_label(label);
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn an_embargoed_story_waits_and_a_published_one_is_read_only_until_reopened() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    harness.state_mut().prefs.editor_name = "Night editor".to_owned();
    harness.run();

    // Held under embargo from the Details column, whose budget part opens
    // by itself only for a story with a plan or a publication record.
    assert!(harness.query_by_label("Embargo until (YYYY-MM-DD HH:MM, UTC)").is_none(), "folded for the sample");
    harness.get_by_label("Budget and publication").click();
    harness.run();
    set_time_field(&mut harness, "Embargo until (YYYY-MM-DD HH:MM, UTC)", "2099-01-01 06:00");
    assert_eq!(story_of(&harness).publication.embargo, Some(at("2099-01-01 06:00")));
    harness.get_by_label("Embargo 1 Jan 2099");

    // Marked ready (over the sample's real mistakes), it still cannot go.
    let slug = story_of(&harness).slug;
    let project_now = harness.state().workspace.as_ref().unwrap().project().clone();
    let ready = copydesk::ops::change_status(
        &project_now,
        slug.as_str(),
        StoryStatus::Ready,
        "Night editor",
        copydesk::clock::now(),
        None,
        Some("Desk head approved"),
    )
    .unwrap();
    harness.state_mut().workspace.as_mut().unwrap().apply_step(ready, "ready", 0.0).unwrap();
    harness.get_by_label("Review").click();
    harness.run();
    harness.get_by_label("Embargoed until 2099-01-01 06:00 UTC: it cannot be published before then.");
    let publish = harness.get_by_role_and_label(Role::Button, "Published");
    assert!(publish.accesskit_node().is_disabled(), "Publish waits for the embargo");

    // Lifted, it is published; then its copy is read-only.
    harness.get_by_label("Article").click();
    harness.run();
    set_time_field(&mut harness, "Embargo until (YYYY-MM-DD HH:MM, UTC)", "");
    assert_eq!(story_of(&harness).publication.embargo, None);
    harness.get_by_label("Review").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Published").click();
    harness.run();
    assert_eq!(story_of(&harness).status, StoryStatus::Published);
    harness.get_by_label("Article").click();
    harness.run();
    harness.get_by_label("Published (version 1) — read-only until it is reopened.");
    assert!(harness.get_by_label("Headline").accesskit_node().is_disabled(), "the copy is read-only");

    // A correction needs its note; it is a new version, logged, and undone
    // as one step.
    harness.get_by_label("Correction…").click();
    harness.run();
    let reopen = "Reopen as correction";
    assert!(harness.get_by_label(reopen).accesskit_node().is_disabled(), "no note, no correction");
    harness.get_by_label("What was wrong (required):").focus();
    harness.get_by_label("What was wrong (required):").type_text("misstated the number of drones.");
    harness.run();
    harness.get_by_label(reopen).click();
    harness.run();
    let story = story_of(&harness);
    assert_eq!((story.status, story.publication.version), (StoryStatus::Editing, 2));
    assert!(
        story.publication.corrections[0]
            .text
            .ends_with("An earlier version of this story misstated the number of drones.")
    );
    assert_eq!(story.publication.corrections[0].by, "Night editor");
    assert!(!harness.get_by_label("Headline").accesskit_node().is_disabled(), "reopened, it can be edited");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let story = story_of(&harness);
    assert_eq!((story.status, story.publication.version), (StoryStatus::Published, 1));
    assert!(story.publication.corrections.is_empty());

    // A kill needs its reason and is for good.
    harness.get_by_label("Kill…").click();
    harness.run();
    harness.get_by_label("Why it is withdrawn (required, for the activity log and receivers):").focus();
    harness
        .get_by_label("Why it is withdrawn (required, for the activity log and receivers):")
        .type_text("Source withdrew consent");
    harness.run();
    harness.get_by_label("Reopen as kill").click();
    harness.run();
    let story = story_of(&harness);
    assert_eq!(story.status, StoryStatus::Killed);
    assert_eq!(story.publication.withdrawn.as_ref().map(|w| w.reason.as_str()), Some("Source withdrew consent"));
    assert!(harness.query_by_label("Correction…").is_none(), "a killed story is not reopened");
}

#[test]
fn a_story_saved_as_a_template_starts_the_next_one() {
    let project = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let mut harness = harness_for(project.path(), recovery.path());
    let sample = story_of(&harness);
    let ctx = harness.ctx.clone();
    assert!(!copydesk::app::UiCommand::NewFromTemplate.is_enabled(harness.state().workspace.as_ref()), "none yet");

    // Story > Save as template…
    harness.get_by_label("Story").click();
    harness.run();
    harness.get_by_label_contains("Save as template…").click();
    harness.run();
    assert!(harness.get_by_label("Save template").accesskit_node().is_disabled(), "a template needs a name");
    harness.get_by_label("Template name").focus();
    harness.get_by_label("Template name").type_text("Foreign news");
    harness.run();
    harness.get_by_label("Save template").click();
    harness.run();
    let settings = harness.state().workspace.as_ref().unwrap().project().settings.clone();
    assert_eq!(settings.templates.len(), 1);
    assert_eq!(settings.templates[0].section, sample.section);

    // Story > New story from template…
    harness.state_mut().run_ui_command(copydesk::app::UiCommand::NewFromTemplate, &ctx);
    harness.run();
    harness.get_by_label("Foreign news");
    harness.get_by_label("Create story").click();
    harness.run();
    let made = story_of(&harness);
    assert_eq!(made.slug.as_str(), "foreign-news");
    assert_eq!(
        (made.section.as_str(), made.tags.clone(), made.target_words),
        (sample.section.as_str(), sample.tags.clone(), sample.target_words)
    );
    assert_eq!(made.body, copydesk::model::tracked::as_it_stands(&sample.body), "the skeleton is the text as it stood");
    assert_eq!((made.status, made.publication.version), (StoryStatus::Draft, 1));
    assert!(made.signoffs.is_empty() && made.revisions.is_empty() && made.activity.is_empty());

    // Saved with the project, the template is in project.ron for the team.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let text = std::fs::read_to_string(project.path().join("project.ron")).unwrap();
    assert!(text.contains("templates: [\n            (\n                name: \"Foreign news\","), "{text}");
    let reloaded = copydesk::storage::load_project(project.path()).unwrap().project;
    assert_eq!(reloaded.settings.templates, settings.templates);
}
