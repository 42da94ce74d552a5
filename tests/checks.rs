//! The review checks on whole stories: the sample's real mistakes, and each
//! story-level rule on stories that must and must not trigger it. (The text
//! rules have their own tables in `src/checks/text.rs` and `numbers.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use copydesk::checks::{Finding, ItemState, Rule, Subject, check_story, item_state, readiness};
use copydesk::edit::{Edit, sign_off};
use copydesk::model::{CheckLevel, Photo, PhotoId, PhotoUse, Project, Slug, Story, Timestamp};

fn sample() -> Project {
    copydesk::storage::load_project(&copydesk::sample_project_dir()).unwrap().project
}

fn now() -> Timestamp {
    Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC))
}

fn subject<'a>(project: &'a Project, story: &'a Story) -> Subject<'a> {
    Subject { settings: &project.settings, story, photos: &project.photos, now: now(), marks: None }
}

fn findings_of(project: &Project) -> Vec<Finding> {
    check_story(&subject(project, &project.stories[0]))
}

fn rules(project: &Project) -> Vec<(Rule, CheckLevel)> {
    findings_of(project).iter().map(|f| (f.rule, f.level)).collect()
}

/// A complete, clean story with one captioned photo.
fn clean() -> Project {
    let mut project = Project::new("Desk");
    let mut story = Story::new(Slug::new("budget").unwrap(), Timestamp::EPOCH);
    story.headline = "Council agrees budget after late-night vote".into();
    story.byline = "Staff reporter".into();
    story.dateline = "LEEDS".into();
    story.section = "Local / Council".into();
    story.target_words = 34;
    story.body = "The council agreed its budget on Tuesday after a late-night vote, the leader Judith Blake said.\n\n\
                  “It was a long night,” Blake told reporters outside the civic hall in Leeds on Wednesday morning."
        .into();
    let id = PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap();
    let mut photo = Photo::new(id.clone(), "aaaaaaaaaaaaaaaa.jpg".into(), "a.jpg".into(), 800, 600);
    photo.caption = "Judith Blake speaks at the civic hall in Leeds. (AP Photo/Jon Super)".into();
    photo.credit = "AP".into();
    photo.alt_text = "A woman at a lectern".into();
    project.photos.push(photo);
    story.photos.push(PhotoUse { lead: true, ..PhotoUse::of(id) });
    project.stories.push(story);
    project
}

#[test]
fn the_sample_story_gets_the_findings_its_real_mistakes_deserve() {
    let project = sample();
    let found: Vec<(Rule, CheckLevel, String)> = findings_of(&project)
        .iter()
        .map(|f| {
            let story = &project.stories[0];
            let excerpt = match &f.place {
                copydesk::checks::Place::Text { field, range } => {
                    story.text(*field).get(range.clone()).unwrap().to_owned()
                }
                other => other.describe(),
            };
            (f.rule, f.level, excerpt)
        })
        .collect();
    let has = |rule: Rule, level: CheckLevel, excerpt: &str| {
        assert!(
            found.iter().any(|(r, l, e)| *r == rule && *l == level && e.contains(excerpt)),
            "expected {rule:?} {level:?} on {excerpt:?} in {found:#?}"
        );
    };
    use CheckLevel::{Recommended, Required};
    has(Rule::RequiredField, Required, "");
    has(Rule::UnbalancedQuotes, Required, "“");
    has(Rule::Boilerplate, Required, "can also be accessed at");
    has(Rule::Boilerplate, Required, "Press TV News Roku");
    has(Rule::CaptionBelongs, Required, "Photo 1 caption");
    has(Rule::FinalPunctuation, Recommended, "capital");
    has(Rule::DoubleSpace, Recommended, "\u{a0}");
    has(Rule::HouseStyle, Recommended, "martyred");
    has(Rule::CaptionBelongs, Recommended, "Photo 2 caption");
    has(Rule::CreditFormat, Recommended, "Photo 2 caption");
    assert_eq!(found.len(), 11, "nothing beyond the real mistakes: {found:#?}");
    let all = findings_of(&project);
    let belongs: Vec<&Finding> = all.iter().filter(|f| f.rule == Rule::CaptionBelongs).collect();
    assert!(belongs[0].message.contains("Ilhan Omar") && belongs[0].message.contains("Nancy Pelosi"));
    assert!(!found.iter().any(|(rule, ..)| *rule == Rule::ConversionMismatch), "64 kilometers (40 miles) is right");

    let report = readiness(&subject(&project, &project.stories[0]), &findings_of(&project));
    assert!(!report.ready());
}

#[test]
fn a_clean_story_has_no_findings() {
    let project = clean();
    assert_eq!(findings_of(&project), [], "no false positives on a clean story");
}

/// A table row: its name, a change to the clean project, what it must find.
type Case<T> = (&'static str, fn(&mut Project), T);

#[test]
fn required_fields_and_limits() {
    let cases: [Case<Option<(Rule, CheckLevel)>>; 7] = [
        ("no byline", |p| p.stories[0].byline.clear(), Some((Rule::RequiredField, CheckLevel::Required))),
        ("blank section", |p| p.stories[0].section = "  ".into(), Some((Rule::RequiredField, CheckLevel::Required))),
        ("a dek is optional", |p| p.stories[0].dek.clear(), None),
        (
            "headline over its limit",
            |p| p.settings.headline_max_chars = 20,
            Some((Rule::HeadlineLength, CheckLevel::Required)),
        ),
        ("headline limit 0 is none", |p| p.settings.headline_max_chars = 0, None),
        (
            "body far under target",
            |p| p.stories[0].target_words = 400,
            Some((Rule::BodyLength, CheckLevel::Recommended)),
        ),
        ("body near target", |p| p.stories[0].target_words = 37, None),
    ];
    for (name, change, expected) in cases {
        let mut project = clean();
        change(&mut project);
        assert_eq!(rules(&project), expected.into_iter().collect::<Vec<_>>(), "{name}");
    }
}

#[test]
fn photo_rules() {
    let cases: [Case<Vec<(Rule, CheckLevel)>>; 9] = [
        ("no caption", |p| p.photos[0].caption.clear(), vec![(Rule::PhotoCaption, CheckLevel::Required)]),
        ("no credit", |p| p.photos[0].credit.clear(), vec![(Rule::PhotoCredit, CheckLevel::Required)]),
        ("no alt text", |p| p.photos[0].alt_text.clear(), vec![(Rule::PhotoAltText, CheckLevel::Recommended)]),
        ("no lead", |p| p.stories[0].photos[0].lead = false, vec![(Rule::LeadPhoto, CheckLevel::Recommended)]),
        (
            "rights expired before publication",
            |p| p.photos[0].usage_expires = "2026-01-31".into(),
            vec![(Rule::UsageExpired, CheckLevel::Required)],
        ),
        ("rights still good", |p| p.photos[0].usage_expires = "2027-01-31".into(), vec![]),
        (
            "rights good now, expired at the planned time",
            |p| {
                p.photos[0].usage_expires = "2026-12-01".into();
                p.stories[0].publish_at = Some(Timestamp(time::macros::datetime!(2026-12-05 06:00 UTC)));
            },
            vec![(Rule::UsageExpired, CheckLevel::Required)],
        ),
        (
            "an unreadable expiry",
            |p| p.photos[0].usage_expires = "next March".into(),
            vec![(Rule::UsageExpired, CheckLevel::Required)],
        ),
        (
            "a caption from another story",
            |p| {
                p.photos[0].caption =
                    "Prime Minister Rishi Sunak waves outside 10 Downing Street. (AP Photo/Kin Cheung)".into()
            },
            vec![(Rule::CaptionBelongs, CheckLevel::Required)],
        ),
    ];
    for (name, change, expected) in cases {
        let mut project = clean();
        change(&mut project);
        assert_eq!(rules(&project), expected, "{name}");
    }
}

#[test]
fn credit_lines_in_one_format_pass_and_mixed_ones_do_not() {
    let mut project = clean();
    let id = PhotoId::from_hex("bbbbbbbbbbbbbbbb").unwrap();
    let mut second = project.photos[0].clone();
    second.id = id.clone();
    second.caption = "Judith Blake leaves the civic hall in Leeds. (AP Photo/Danny Lawson)".into();
    project.photos.push(second);
    project.stories[0].photos.push(PhotoUse::of(id));
    assert_eq!(rules(&project), []);
    project.photos[1].caption = "Judith Blake leaves the civic hall in Leeds. (Photo by Danny Lawson/AP)".into();
    assert_eq!(rules(&project), [(Rule::CreditFormat, CheckLevel::Recommended)]);
}

#[test]
fn project_levels_turn_rules_off_or_make_them_required() {
    let mut project = clean();
    project.stories[0].body.push_str("\n\nThe figure is TK.");
    assert_eq!(rules(&project), [(Rule::Placeholder, CheckLevel::Required)]);
    project.settings.check_levels.insert("placeholder".into(), CheckLevel::Recommended);
    assert_eq!(rules(&project), [(Rule::Placeholder, CheckLevel::Recommended)]);
    project.settings.check_levels.insert("placeholder".into(), CheckLevel::Off);
    assert_eq!(rules(&project), []);
}

#[test]
fn readiness_needs_every_required_sign_off_and_a_stale_one_blocks_again() {
    let mut project = clean();
    let check = |project: &Project| {
        let subject = subject(project, &project.stories[0]);
        readiness(&subject, &check_story(&subject))
    };
    let before = check(&project);
    let required = project.settings.checklist.iter().filter(|item| item.level == CheckLevel::Required).count();
    assert_eq!(before.blocking.len(), required, "{before:?}");
    for item in project.settings.checklist.clone() {
        let edit: Edit = sign_off(&project.stories[0], &project.photos, &item, "Ana", now());
        edit.apply(&mut project).unwrap();
    }
    assert!(check(&project).ready(), "{:?}", check(&project));

    project.stories[0].headline = "Council rejects budget".into();
    let after = check(&project);
    assert!(
        after.blocking.iter().any(|line| line.contains("Headline approved") && line.contains("stale")),
        "{after:?}"
    );
    let headline = project.settings.checklist.iter().find(|item| item.id == "headline-approved").unwrap();
    assert!(matches!(item_state(&project.stories[0], &project.photos, headline), ItemState::Stale(_)));
    // A caption edit makes the photo sign-off stale too, not the headline's twice.
    project.photos[0].caption.push(' ');
    let rights = project.settings.checklist.iter().find(|item| item.id == "photo-rights").unwrap();
    assert!(matches!(item_state(&project.stories[0], &project.photos, rights), ItemState::Stale(_)));
}

/// The checks remember work on paragraphs and lines by their text (so a
/// keystroke re-checks one paragraph's worth): a thread that has checked
/// every earlier version of a story finds exactly what a fresh thread finds,
/// edit after edit — paragraphs changed, split, joined, moved, repeated,
/// captions rewritten, boilerplate pasted and taken out.
#[test]
fn remembered_work_never_changes_what_the_checks_find() {
    let project = sample();
    let original = project.stories[0].clone();
    let paragraphs: Vec<String> = original.body.split("\n\n").map(str::to_owned).collect();
    let mut versions: Vec<Project> = Vec::new();
    let mut body = paragraphs.clone();
    for step in 0..40 {
        let at = (step * 7) % body.len();
        match step % 5 {
            0 => body[at].push_str(" TK"),
            1 => {
                let copy = body[at].clone();
                body.insert(at, copy);
            }
            2 if body.len() > 3 => {
                let joined = format!("{} {}", body[at], body[(at + 1) % body.len()]);
                body[at] = joined;
            }
            3 => body.push("Read more: Press TV website".to_owned()),
            _ => {
                let moved = body.remove(at);
                body.insert(0, moved);
            }
        }
        let mut version = project.clone();
        version.stories[0].body = body.join("\n\n");
        if step % 3 == 0
            && let Some(photo) = version.photos.first_mut()
        {
            photo.caption = format!("{} Edit {step}", photo.caption);
        }
        versions.push(version);
    }
    let on_one_thread: Vec<Vec<Finding>> = versions.iter().map(findings_of).collect();
    for (version, remembered) in versions.iter().zip(&on_one_thread) {
        let fresh = std::thread::scope(|scope| scope.spawn(|| findings_of(version)).join().unwrap());
        assert_eq!(remembered, &fresh);
    }
}

fn at() -> Timestamp {
    Timestamp(time::macros::datetime!(2026-11-25 18:05 UTC))
}

fn suggestion(id: &str, kind: copydesk::model::MarkKind, author: &str) -> copydesk::model::Suggestion {
    copydesk::model::Suggestion { id: id.into(), kind, author: author.into(), at: at() }
}

fn comment(id: &str, author: &str, text: &str, resolved: bool) -> copydesk::model::Comment {
    copydesk::model::Comment {
        id: id.into(),
        author: author.into(),
        at: at(),
        text: text.into(),
        resolved,
        replies: vec![],
    }
}

/// The clean story with a pending insertion and deletion in its body, a
/// suggestion in its headline, and comments (one open, one resolved).
fn with_tracked_changes() -> Project {
    use copydesk::model::MarkKind::{Delete, Insert};
    let mut project = clean();
    let story = &mut project.stories[0];
    story.headline = "Council agrees budget {++s1|at last ++}after late-night vote".into();
    story.body = story
        .body
        .replacen("after a late-night vote", "after a {--s2|long, --}{==c1|late-night==} vote{++s3| on Monday++}", 1)
        .replacen("Blake told", "Blake {==c2|told==}", 1);
    story.suggestions = vec![
        suggestion("s1", Insert, "Ana Ruiz"),
        suggestion("s2", Delete, "Ben Ode"),
        suggestion("s3", Insert, "Ana Ruiz"),
    ];
    story.comments =
        vec![comment("c1", "Ben Ode", "Was it really late?", false), comment("c2", "Ana Ruiz", "Fine.", true)];
    project
}

#[test]
fn pending_suggestions_and_open_comments_are_findings_that_block_ready() {
    let project = with_tracked_changes();
    let story = &project.stories[0];
    let standing = |field| copydesk::model::tracked::as_it_stands(story.text(field)).into_owned();
    let found: Vec<(Rule, CheckLevel, copydesk::model::TextField, String, String)> = findings_of(&project)
        .into_iter()
        .map(|f| match f.place {
            copydesk::checks::Place::Text { field, range } => {
                (f.rule, f.level, field, standing(field).get(range).unwrap().to_owned(), f.message)
            }
            other => panic!("{other:?}"),
        })
        .collect();
    use copydesk::model::TextField::{Body, Headline};
    let excerpts: Vec<(Rule, CheckLevel, copydesk::model::TextField, &str)> =
        found.iter().map(|(rule, level, field, excerpt, _)| (*rule, *level, *field, excerpt.as_str())).collect();
    // Nothing else: the marks' delimiters and the pending text are not
    // checked as text (no brackets, no doubled spaces, no length change).
    assert_eq!(
        excerpts,
        [
            // An insertion is not in the text as it stands: an empty range
            // where it would go.
            (Rule::PendingSuggestions, CheckLevel::Required, Headline, ""),
            // A deletion is there until accepted, and so is what a comment is on.
            (Rule::PendingSuggestions, CheckLevel::Required, Body, "long, "),
            (Rule::OpenComments, CheckLevel::Required, Body, "late-night"),
            (Rule::PendingSuggestions, CheckLevel::Required, Body, ""),
        ],
        "{found:#?}"
    );
    let messages: Vec<&str> = found.iter().map(|(.., message)| message.as_str()).collect();
    assert!(messages[0].contains("Ana Ruiz") && messages[0].contains("insert “at last”"), "{}", messages[0]);
    assert!(messages[1].contains("Ben Ode") && messages[1].contains("delete “long,”"), "{}", messages[1]);
    assert!(messages[2].contains("Ben Ode") && messages[2].contains("Was it really late?"), "{}", messages[2]);
    assert!(messages[2].contains("“late-night”"), "{}", messages[2]);
    assert!(messages[3].contains("insert “on Monday”"), "{}", messages[3]);
    // The insertion's empty range is where it would go in the text as it stands.
    let headline = findings_of(&project).into_iter().find(|f| f.rule == Rule::PendingSuggestions).unwrap();
    assert_eq!(headline.place.range(), Some(22..22));
    assert_eq!(standing(Headline).get(..22), Some("Council agrees budget "));

    let blocking = readiness(&subject(&project, story), &findings_of(&project)).blocking;
    assert!(blocking.contains(&"Pending suggestions: accept or reject each (3)".to_owned()), "{blocking:?}");
    assert!(blocking.contains(&"Open comments: resolve each (1)".to_owned()), "{blocking:?}");
}

#[test]
fn resolving_every_suggestion_and_comment_clears_the_findings_and_the_levels_apply() {
    let mut project = with_tracked_changes();
    let tracked_rules = |project: &Project| -> Vec<(Rule, CheckLevel)> {
        rules(project)
            .into_iter()
            .filter(|(rule, _)| matches!(rule, Rule::PendingSuggestions | Rule::OpenComments))
            .collect()
    };
    project.settings.check_levels.insert("pending-suggestions".into(), CheckLevel::Recommended);
    project.settings.check_levels.insert("open-comments".into(), CheckLevel::Off);
    assert_eq!(tracked_rules(&project), [(Rule::PendingSuggestions, CheckLevel::Recommended); 3]);
    let blocking = readiness(&subject(&project, &project.stories[0]), &findings_of(&project)).blocking;
    assert!(!blocking.iter().any(|line| line.starts_with("Pending") || line.starts_with("Open")), "{blocking:?}");
    project.settings.check_levels.clear();

    // Ana's are accepted, Ben's rejected; then the open comment is resolved.
    let story = project.stories[0].clone();
    let edit = copydesk::edit::resolve_suggestions(&story, true, |_, by| by == Some("Ana Ruiz")).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(tracked_rules(&project).len(), 2, "Ben's deletion and the open comment are left");
    let edit = copydesk::edit::resolve_suggestions(&project.stories[0].clone(), false, |_, _| true).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(tracked_rules(&project), [(Rule::OpenComments, CheckLevel::Required)]);
    let edit = copydesk::edit::set_comment_resolved(&project.stories[0].clone(), "c1", true).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(tracked_rules(&project), []);
    assert_eq!(project.stories[0].headline, "Council agrees budget at last after late-night vote");

    // A thread whose anchor is in no field is still open.
    project.stories[0].comments.push(comment("c9", "Cy", "Where is this from?", false));
    let orphan = findings_of(&project).into_iter().find(|f| f.rule == Rule::OpenComments).unwrap();
    assert_eq!(orphan.place, copydesk::checks::Place::Story);
    assert!(orphan.message.contains("Cy") && orphan.message.contains("Where is this from?"), "{}", orphan.message);
}

/// The text rules read the text as it stands: text suggested for deletion
/// is checked, a pending insertion is not, and a finding's range is a range
/// of the text as it stands — the same findings the story would have
/// without the marks, with the same fixes (the window places them on the
/// text as shown).
#[test]
fn the_text_rules_check_the_text_as_it_stands() {
    let mut plain = clean();
    plain.stories[0].body = "The figure is TK, the the council said.\n\nIt was a long night.".into();
    let mut marked = plain.clone();
    marked.stories[0].body =
        "The {==c1|figure==} is {--s1|TK, --}the {++s2|real, final TK and the the ++}the council said.\n\nIt was a long night."
            .into();
    marked.stories[0].suggestions = vec![
        suggestion("s1", copydesk::model::MarkKind::Delete, "Ana"),
        suggestion("s2", copydesk::model::MarkKind::Insert, "Ana"),
    ];
    marked.stories[0].comments = vec![comment("c1", "Ben", "Source?", false)];
    let is_text_rule =
        |f: &Finding| !matches!(f.rule, Rule::PendingSuggestions | Rule::OpenComments | Rule::BodyLength);
    let of = |project: &Project| -> Vec<(Rule, copydesk::checks::Place, String)> {
        findings_of(project).into_iter().filter(is_text_rule).map(|f| (f.rule, f.place, f.message)).collect()
    };
    let expected = of(&plain);
    assert!(expected.iter().any(|(rule, ..)| *rule == Rule::Placeholder), "{expected:#?}");
    assert!(expected.iter().any(|(rule, ..)| *rule == Rule::DoubledWord), "{expected:#?}");
    assert_eq!(of(&marked), expected);
    let fixes = |project: &Project| findings_of(project).iter().filter(|f| f.suggestion.is_some()).count();
    assert!(fixes(&plain) > 0);
    assert_eq!(fixes(&marked), fixes(&plain), "the same fixes are offered where the stored text has marks");
}

#[test]
fn a_name_spelled_two_ways_is_one_finding_with_a_fix_to_either_spelling() {
    let mut project = clean();
    project.stories[0].body.push_str(
        "\n\nThe strike killed General Qassem Soleimani, officials said.\n\n\
         Mourners later carried pictures of Suleimani through the city.",
    );
    project.stories[0].target_words = 55;
    let found = findings_of(&project);
    let names: Vec<&Finding> = found.iter().filter(|f| f.rule == Rule::NameSpelling).collect();
    assert_eq!(names.len(), 1, "{found:#?}");
    let finding = names[0];
    assert_eq!(finding.level, CheckLevel::Required);
    assert!(finding.message.contains("“Soleimani”") && finding.message.contains("“Suleimani”"), "{}", finding.message);
    let copydesk::checks::Place::Text { range, .. } = &finding.place else { panic!("{:?}", finding.place) };
    assert_eq!(project.stories[0].body.get(range.clone()), Some("Suleimani"), "at the spelling used once");
    let to: Vec<&str> = finding.respellings.iter().map(|r| r.to.as_str()).collect();
    assert_eq!(to, ["Soleimani", "Suleimani"]);

    // Either fix leaves one spelling, and the finding goes.
    for respelling in &finding.respellings {
        let mut fixed = project.clone();
        let story = fixed.stories[0].clone();
        let respelled = copydesk::ops::respell(&fixed, &story, &respelling.from, &respelling.to);
        assert_eq!(respelled.count, 1);
        respelled.edit.unwrap().apply(&mut fixed).unwrap();
        assert!(!fixed.stories[0].body.contains(&respelling.from));
        assert!(!rules(&fixed).iter().any(|(rule, _)| *rule == Rule::NameSpelling), "{respelling:?}");
    }

    // Two people on the names list are two people.
    project.settings.names = vec!["Soleimani".into(), "Suleimani".into()];
    assert!(!rules(&project).iter().any(|(rule, _)| *rule == Rule::NameSpelling));
}

#[test]
fn captions_may_name_what_the_story_names_in_another_form() {
    let cases: [(&str, &str, bool); 7] = [
        ("Kenya's president", "Kenya’s President William Ruto speaks in Nairobi. (AP Photo/Brian Inganga)", false),
        ("a demonym", "Kenyan soldiers on patrol near Nairobi. (AP Photo/Brian Inganga)", false),
        ("a title", "Sgt. Ruto speaks. (AP Photo/Brian Inganga)", false),
        ("US Army", "US Army soldiers at a base outside Nairobi. (AP Photo/Brian Inganga)", false),
        ("a sentence start", "Soldiers march past the reviewing stand in Nairobi. (AP Photo/Brian Inganga)", false),
        ("a plural", "Kenyans queue to vote in Nairobi. (AP Photo/Brian Inganga)", false),
        ("another story", "Rep. Ilhan Omar talks with Nancy Pelosi in Washington. (AFP photo)", true),
    ];
    for (name, caption, flagged) in cases {
        let mut project = clean();
        project.stories[0].body = "President William Ruto of Kenya said on Tuesday that the army would stay in \
                                   Nairobi.\n\n“We are ready,” Ruto told reporters in the capital on Wednesday."
            .into();
        project.stories[0].target_words = 30;
        project.photos[0].caption = caption.into();
        let belongs = rules(&project).iter().any(|(rule, _)| *rule == Rule::CaptionBelongs);
        assert_eq!(belongs, flagged, "{name}: {:#?}", findings_of(&project));
    }
}
