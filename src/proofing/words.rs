//! Facts about words from harper's curated dictionary, remembered.
//!
//! harper builds its dictionary the first time a process asks it anything
//! (a third of a second on this machine's class of CPU), which would be
//! most of a warm `copydesk check`. The checks ask about few words (a
//! caption's capitalised words, names that are near each other), so the
//! answers are remembered here for the process, and a caller that keeps
//! them between runs hands them in ([`remember_word_facts`]) and takes them
//! out ([`remembered_word_facts`]): a run that asks only about words known
//! from before never builds the dictionary.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use harper_core::spell::{Dictionary, FstDictionary};
use serde::{Deserialize, Serialize};

/// What harper's curated dictionary says about one word, as written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordFacts {
    /// It has the word in some capitalisation ("pelosi" for Pelosi).
    pub listed: bool,
    /// It has the word in lower case: an ordinary word ("army").
    pub common: bool,
    /// It has the word exactly as written ("Frank" as a given name).
    pub as_written: bool,
}

/// The facts looked up or handed in so far in this process.
fn facts() -> &'static Mutex<HashMap<String, WordFacts>> {
    static FACTS: OnceLock<Mutex<HashMap<String, WordFacts>>> = OnceLock::new();
    FACTS.get_or_init(Mutex::default)
}

/// What the dictionary says about `word` (remembered, or looked up).
pub fn word_facts(word: &str) -> WordFacts {
    let mut known = facts().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = known.get(word) {
        return *found;
    }
    let dictionary = FstDictionary::curated();
    let found = WordFacts {
        listed: dictionary.contains_word_str(word),
        common: dictionary.contains_exact_word_str(&word.to_lowercase()),
        as_written: dictionary.contains_exact_word_str(word),
    };
    known.insert(word.to_owned(), found);
    found
}

/// Every fact looked up or handed in so far, to keep for the next run.
pub fn remembered_word_facts() -> HashMap<String, WordFacts> {
    facts().lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
}

/// Hands in facts kept from an earlier run (with the same harper).
pub fn remember_word_facts(kept: HashMap<String, WordFacts>) {
    facts().lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_the_dictionarys_and_handed_in_ones_are_believed() {
        let army = word_facts("Army");
        assert!(army.listed && army.common);
        assert!(!word_facts("Zummar").listed);
        remember_word_facts(
            [("Qwertyuiopa".to_owned(), WordFacts { listed: true, common: true, as_written: false })].into(),
        );
        assert!(word_facts("Qwertyuiopa").common, "a remembered fact is not looked up again");
        assert!(remembered_word_facts().contains_key("Army"));
    }
}
