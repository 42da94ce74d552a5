//! Importing filed copy (.docx, .md, .txt) from hostile bytes: a story or
//! an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["copy.docx", "copy.md", "copy.txt"] {
        let _ = copydesk::import::import_copy(name, data);
    }
});
