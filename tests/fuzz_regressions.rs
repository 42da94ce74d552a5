//! Inputs the fuzzers (`fuzz/`) found or started from, run through the same
//! calls as the fuzz targets on every `cargo test`: each must give a value
//! or an error, never a panic. A crashing input found by `fuzz/run.sh` is
//! copied into `tests/fixtures/fuzz/<target>/` and stays here for good.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

use std::path::{Path, PathBuf};

fn files(dirs: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) else { continue };
        found.extend(entries.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_file()));
    }
    found.sort();
    found
}

#[test]
fn ron_inputs_load_or_fail_cleanly() {
    let inputs = files(&[
        "tests/fixtures/fuzz/ron_files",
        "tests/fixtures/projects/schema-4/stories",
        "tests/fixtures/projects/schema-1/stories",
    ]);
    assert!(inputs.len() >= 4, "the seeds are there");
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let path = Path::new("fuzz.ron");
        let _ = copydesk::storage::parse_project(text, path);
        let _ = copydesk::storage::parse_story(text, path);
        let _ = copydesk::storage::parse_photo(text, path);
        let _ = copydesk::storage::parse_recovery(text, path);
    }
}

#[test]
fn photo_inputs_read_and_write_back_or_fail_cleanly() {
    let inputs = files(&["tests/fixtures/fuzz/photo_metadata", "../shared/testdata/photos"]);
    assert!(inputs.len() >= 4, "the seeds are there");
    let fields = copydesk::photos::metadata::WritableMetadata {
        caption: "Caption".into(),
        credit: "AP".into(),
        creator: "Name".into(),
        copyright: "©".into(),
        alt_text: "Alt".into(),
        headline: None,
        keywords: None,
    };
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let _ = copydesk::photos::metadata::read_metadata(&bytes);
        let _ = copydesk::photos::thumbs::embedded_thumbnail(&bytes);
        if let Ok(written) = copydesk::photos::metadata::write_jpeg_metadata(&bytes, &fields) {
            let read = copydesk::photos::metadata::read_metadata(&written).unwrap();
            assert_eq!(read.caption, "Caption", "{}", input.display());
        }
    }
}

#[test]
fn copy_inputs_import_or_fail_cleanly() {
    let inputs = files(&["tests/fixtures/fuzz/import_copy", "tests/fixtures/import"]);
    assert!(!inputs.is_empty());
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        for name in ["copy.docx", "copy.md", "copy.txt"] {
            let _ = copydesk::import::import_copy(name, &bytes);
        }
    }
}
