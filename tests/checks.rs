//! The review checks on whole stories: the sample's real mistakes, and each
//! story-level rule on texts that must and must not trigger it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use copydesk::checks::{Finding, Rule, Subject, check_story, readiness};
use copydesk::model::{CheckLevel, Project, Timestamp};

fn sample() -> Project {
    copydesk::storage::load_project(&copydesk::sample_project_dir()).unwrap().project
}

fn now() -> Timestamp {
    Timestamp(time::macros::datetime!(2026-11-25 12:00 UTC))
}

fn findings(project: &Project, index: usize) -> Vec<Finding> {
    let subject =
        Subject { settings: &project.settings, story: &project.stories[index], photos: &project.photos, now: now(), marks: None };
    check_story(&subject)
}

#[test]
fn debug_print_sample() {
    let project = sample();
    for f in findings(&project, 0) {
        println!("{:?} {:?} {} | {}", f.level, f.rule, f.place.describe(), f.message);
    }
    let subject = Subject { settings: &project.settings, story: &project.stories[0], photos: &project.photos, now: now(), marks: None };
    println!("{:?}", readiness(&subject, &findings(&project, 0)));
}
