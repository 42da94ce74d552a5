//! A project is untrusted input. Each hostile or broken file here must give
//! a clear error that names it, and the rest of the project must still
//! open. The list is the one in RELIABILITY.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use std::fs;
use std::path::Path;

use copydesk::storage::{self, StorageError};

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

/// The schema-4 fixture (two stories, one photo), copied.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/projects/schema-4"), dir.path());
    dir
}

const STORY: &str = "stories/school-closures.ron";

/// Loads the project and returns the problems' messages; the other story
/// must have opened.
fn problems_after(change: impl FnOnce(&Path)) -> Vec<String> {
    let dir = project();
    change(dir.path());
    let loaded =
        storage::load_project(dir.path()).unwrap_or_else(|error| panic!("the project must still open: {error}"));
    assert!(
        loaded.project.stories.iter().any(|story| story.slug.as_str() == "council-budget"),
        "the untouched story still opens"
    );
    loaded.problems.iter().map(ToString::to_string).collect()
}

fn assert_one(problems: &[String], names: &str, says: &str) {
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(names) && problems[0].contains(says),
        "{:?} should name {names} and say {says:?}",
        problems[0]
    );
}

#[cfg(unix)]
#[test]
fn a_story_that_is_a_link_outside_the_project_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.ron");
    fs::write(&secret, fs::read_to_string("tests/fixtures/projects/schema-4/stories/school-closures.ron").unwrap())
        .unwrap();
    let problems = problems_after(|dir| {
        fs::remove_file(dir.join(STORY)).unwrap();
        std::os::unix::fs::symlink(&secret, dir.join(STORY)).unwrap();
    });
    assert_one(&problems, "school-closures.ron", "is a link");
}

#[cfg(unix)]
#[test]
fn a_photo_file_that_is_a_link_is_not_read() {
    let dir = project();
    let loaded = storage::load_project(dir.path()).unwrap();
    let photo = loaded.project.photos[0].clone();
    let path = storage::photo_file_path(dir.path(), &photo);
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", &path).unwrap();
    let error = storage::read_photo_bytes(dir.path(), &photo).unwrap_err();
    assert!(error.to_string().contains("is a link"), "{error}");
}

#[test]
fn a_photo_record_pointing_outside_photos_is_refused() {
    for file in ["../../etc/passwd", "/etc/passwd", "5d618765e3fe1540/../../x.jpg"] {
        let problems = problems_after(|dir| {
            let path = dir.join("photos/5d618765e3fe1540.ron");
            let text = fs::read_to_string(&path).unwrap().replace("\"5d618765e3fe1540.jpg\"", &format!("{file:?}"));
            fs::write(&path, text).unwrap();
        });
        assert_one(&problems, "5d618765e3fe1540.ron", "does not match the record's name");
    }
}

#[test]
fn an_oversized_story_file_is_refused_before_it_is_read() {
    let problems = problems_after(|dir| {
        let file = fs::OpenOptions::new().append(true).open(dir.join(STORY)).unwrap();
        file.set_len(64 * 1024 * 1024).unwrap();
    });
    assert_one(&problems, "school-closures.ron", "more than the");
}

#[test]
fn deeply_nested_ron_is_refused_without_exhausting_the_stack() {
    let problems = problems_after(|dir| {
        let deep = format!("(schema: 4, story: {}{})", "[".repeat(100_000), "]".repeat(100_000));
        fs::write(dir.join(STORY), deep).unwrap();
    });
    assert_one(&problems, "school-closures.ron", "");
}

#[test]
fn invalid_utf8_names_its_line_and_column() {
    let problems = problems_after(|dir| {
        let mut bytes = fs::read(dir.join(STORY)).unwrap();
        bytes.splice(40..40, [0xff, 0xfe]);
        fs::write(dir.join(STORY), bytes).unwrap();
    });
    assert_one(&problems, "school-closures.ron", "not valid UTF-8");
    assert!(problems[0].contains("school-closures.ron:4:11:"), "file:line:column: {}", problems[0]);
}

#[test]
fn a_story_from_a_newer_copydesk_is_refused_and_the_rest_opens() {
    let problems = problems_after(|dir| {
        let text = fs::read_to_string(dir.join(STORY)).unwrap().replacen("schema: 4", "schema: 99", 1);
        fs::write(dir.join(STORY), text).unwrap();
    });
    assert_one(&problems, "school-closures.ron", "newer Copydesk");
}

#[test]
fn a_missing_photo_file_and_a_photo_that_is_not_an_image_are_reported_when_read() {
    let dir = project();
    let loaded = storage::load_project(dir.path()).unwrap();
    assert!(loaded.problems.is_empty());
    let photo = loaded.project.photos[0].clone();
    let path = storage::photo_file_path(dir.path(), &photo);
    fs::write(&path, "a text file with a picture's name").unwrap();
    let bytes = storage::read_photo_bytes(dir.path(), &photo).unwrap();
    let error = copydesk::photos::thumbs::make_thumbnail(&bytes, 256, &Default::default()).unwrap_err();
    assert!(error.to_string().contains("not an image"), "{error}");
    fs::remove_file(&path).unwrap();
    let error = storage::read_photo_bytes(dir.path(), &photo).unwrap_err();
    assert!(matches!(error, StorageError::Read { .. }) && error.to_string().contains(&photo.file), "{error}");
}

#[test]
fn an_export_file_name_cannot_leave_the_export_folder() {
    let out = tempfile::tempdir().unwrap();
    for name in ["../escape.txt", "/tmp/escape.txt", "a/../../escape.txt", ""] {
        let error = storage::write_export_file(out.path(), name, b"x").unwrap_err();
        assert!(error.to_string().contains("would leave the export folder"), "{name}: {error}");
    }
    assert!(!out.path().parent().unwrap().join("escape.txt").exists());
}

/// Every file under `dir` with its bytes, to show a folder was left alone.
#[cfg(unix)]
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    files.into_iter().map(|path| (path.clone(), fs::read(&path).unwrap())).collect()
}

/// Moves the project's `folder` outside and leaves a link to it in its
/// place; returns the outside folder.
#[cfg(unix)]
fn link_folder_outside(project: &Path, folder: &str) -> tempfile::TempDir {
    let outside = tempfile::tempdir().unwrap();
    copy_dir(&project.join(folder), outside.path());
    fs::remove_dir_all(project.join(folder)).unwrap();
    std::os::unix::fs::symlink(outside.path(), project.join(folder)).unwrap();
    outside
}

#[cfg(unix)]
fn assert_linked_folder(error: &StorageError, folder: &Path) {
    assert_eq!(error.path(), folder, "{error}");
    assert!(error.to_string().contains("the folder is a link") && error.to_string().contains("real folder"), "{error}");
}

#[cfg(unix)]
#[test]
fn a_stories_folder_that_is_a_link_outside_is_neither_read_nor_saved_through() {
    let dir = project();
    let intact = storage::load_project(dir.path()).unwrap();
    let outside = link_folder_outside(dir.path(), "stories");
    let before = snapshot(outside.path());
    assert!(before.iter().any(|(path, _)| path.ends_with("school-closures.ron")), "a valid story waits outside");
    let project_file = fs::read(dir.path().join("project.ron")).unwrap();

    let mut loaded = storage::load_project(dir.path()).expect("the project opens, with the folder listed as a problem");
    assert!(loaded.project.stories.is_empty(), "nothing is read through the link");
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert_linked_folder(&loaded.problems[0], &dir.path().join("stories"));

    let changes = intact.folder.outside_changes(&[dir.path().join(STORY)]);
    assert!(
        matches!(&changes[..], [storage::OutsideChange::Broken(error)] if error.path() == dir.path().join("stories")),
        "{changes:?}"
    );

    // Saving the whole project (both stories) into either folder is refused.
    for folder in [&mut loaded.folder, &mut intact.folder.clone()] {
        let error = folder.save(&intact.project).unwrap_err();
        assert_linked_folder(&error, &dir.path().join("stories"));
    }
    assert_eq!(snapshot(outside.path()), before, "nothing is written through the link");
    assert_eq!(fs::read(dir.path().join("project.ron")).unwrap(), project_file, "nor anything else");
}

#[cfg(unix)]
#[test]
fn a_photos_folder_that_is_a_link_outside_is_neither_read_nor_saved_through() {
    let dir = project();
    let intact = storage::load_project(dir.path()).unwrap();
    let photo = intact.project.photos[0].clone();
    let outside = link_folder_outside(dir.path(), "photos");
    let before = snapshot(outside.path());
    assert!(before.iter().any(|(path, _)| path.ends_with("5d618765e3fe1540.ron")), "a valid record waits outside");
    let photos = dir.path().join("photos");

    let mut loaded = storage::load_project(dir.path()).expect("the project opens, with the folder listed as a problem");
    assert!(loaded.project.photos.is_empty(), "no record is read through the link");
    assert_eq!(loaded.project.stories.len(), 2, "the stories open");
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert_linked_folder(&loaded.problems[0], &photos);

    let error = storage::read_photo_bytes(dir.path(), &photo).unwrap_err();
    assert_linked_folder(&error, &photos);
    let path = storage::photo_file_path(dir.path(), &photo);
    let error = storage::thumb_cache::read_photo_file(&path, u64::MAX).unwrap_err();
    assert_linked_folder(&error, &photos);

    let error = loaded.folder.save(&intact.project).unwrap_err();
    assert_linked_folder(&error, &photos);
    let error = storage::write_photo_bytes(dir.path(), &photo, b"overwritten").unwrap_err();
    assert_linked_folder(&error, &photos);
    let picture = Path::new("tests/fixtures/projects/schema-4/photos/5d618765e3fe1540.jpg");
    let error = storage::relink_photo_file(dir.path(), &photo, picture).unwrap_err();
    assert_linked_folder(&error, &photos);
    let error = storage::import_photo_file(dir.path(), picture).unwrap_err();
    assert_linked_folder(&error, &photos);
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy");
    let saved_as = storage::save_project_as(&copy, dir.path(), &intact.project).unwrap();
    assert!(!saved_as.photo_path(&photo).exists(), "the picture behind the link is not copied");
    assert_eq!(snapshot(outside.path()), before, "nothing is written through the link");
}
