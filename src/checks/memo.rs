//! Work on one paragraph (or line) of a text, remembered by that text per
//! thread, so re-checking a story after a keystroke redoes only the
//! paragraph that changed. The checks stay pure functions: a memo only ever returns what
//! the work would return for the same text. Each memo keeps at most
//! [`MEMO_ENTRIES`] texts and starts afresh beyond that: a desk of 200
//! stories of twenty paragraphs fits twice over, and typing (each keystroke
//! a new version of one paragraph) cannot make it grow without bound.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::thread::LocalKey;

/// Texts a memo keeps before it forgets them all.
const MEMO_ENTRIES: usize = 8_192;

/// A per-thread memo: what was made from each text. Keyed with foldhash,
/// not the standard SipHash: every paragraph of every story is hashed on
/// each check, and these keys come from the user's own text, not from
/// anyone who could aim collisions at them.
pub(crate) type Memo<T> = RefCell<HashMap<String, Rc<T>, foldhash::fast::RandomState>>;

/// What `make` gives for `text`, made once per thread while remembered.
/// Looking a text up copies nothing; only a text not seen before is kept.
pub(crate) fn remembered<T: 'static>(memo: &'static LocalKey<Memo<T>>, text: &str, make: impl FnOnce() -> T) -> Rc<T> {
    memo.with(|memo| {
        if let Some(found) = memo.borrow().get(text) {
            return Rc::clone(found);
        }
        let made = Rc::new(make());
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_ENTRIES {
            memo.clear();
        }
        memo.insert(text.to_owned(), Rc::clone(&made));
        made
    })
}
