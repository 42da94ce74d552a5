//! Every RON loader on the same bytes: a project file, a story, a photo
//! record and a recovery file must give a value or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.ron");
    let _ = copydesk::storage::parse_project(text, path);
    let _ = copydesk::storage::parse_story(text, path);
    let _ = copydesk::storage::parse_photo(text, path);
    let _ = copydesk::storage::parse_recovery(text, path);
});
