//! Names: the proper nouns a story uses, so that spelling accepts them, and
//! the names it spells two ways ("Soleimani" and "Suleimani"), which are a
//! finding instead.
//!
//! A capitalised word counts as a name of the story when the story shows it
//! is one: it is written with its capital somewhere a sentence does not
//! start, or more than once, or after a name particle ("al-Balad"), or it
//! is in the project's names list or a photo's people, keywords, place or
//! credit fields. Name particles ("Abu", "al", "van") are accepted too. An acronym the story defines in parentheses ("Popular
//! Mobilization Units (PMU)") is such a word too. Ordinary words stay with
//! the spell checker: a misspelling in lower case is never a name, and one
//! at a sentence's start is a name only when the story repeats it.
//!
//! Two names are one name spelled two ways when neither is a dictionary
//! word's, neither is the other with an ending added (Kenya, Kenyan,
//! Kenya's), and they differ by one letter (two in names of eight letters
//! or more): an insertion, a deletion, a substitution or two letters
//! swapped. The project's names list says which near pairs are two people.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{Photo, PhotoId, ProjectSettings, TextField};

/// Lower-case words that join the parts of a name: "al-Asad", "bin Salman",
/// "van Gogh", "de Mistura".
const PARTICLES: [&str; 24] = [
    "al", "el", "ul", "bin", "ibn", "bint", "abu", "abd", "van", "von", "de", "der", "den", "du", "da", "dos", "das",
    "di", "del", "della", "la", "le", "mac", "ter",
];

/// Whether `word` is a name particle ("al", "bin", "van"), in any case.
pub fn is_particle(word: &str) -> bool {
    PARTICLES.iter().any(|particle| particle.eq_ignore_ascii_case(word))
}

/// A text of the story that names are read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The headline, dek or body (as it stands).
    Field(TextField),
    /// The caption of the story's photo `number` (from 1).
    Caption {
        /// The photo.
        photo: PhotoId,
        /// Its position in the story.
        number: usize,
    },
}

impl Source {
    /// Where it is, for a message: "the body", "photo 2's caption".
    fn describe(&self) -> String {
        match self {
            Source::Field(field) => format!("the {}", field.label().to_lowercase()),
            Source::Caption { number, .. } => format!("photo {number}’s caption"),
        }
    }
}

/// One word of a text: its bytes (a trailing possessive "’s" left out) and
/// whether a sentence starts with it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    range: Range<usize>,
    initial: bool,
}

/// Whether `c` belongs to a word: letters, digits, apostrophes and hyphens.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// `word` without a possessive ending ("Kenya’s", "Soleimani's", "Muhandis'")
/// and without apostrophes or hyphens at either end.
pub fn strip_possessive(word: &str) -> &str {
    let word = word.trim_matches(|c| matches!(c, '\'' | '’' | '-'));
    let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
    word.trim_end_matches(['\'', '’'])
}

/// The words of `text`, each with whether a sentence starts there: at the
/// text's or a line's start, or after a full stop, question or exclamation
/// mark or colon (with quotes, brackets and Markdown between).
fn tokens(text: &str) -> Vec<Token> {
    let mut found = Vec::new();
    let mut initial = true;
    let mut start: Option<usize> = None;
    let push = |from: usize, to: usize, initial: bool, found: &mut Vec<Token>| {
        let Some(raw) = text.get(from..to) else { return };
        let word = strip_possessive(raw);
        if word.is_empty() {
            return;
        }
        // `word` is a sub-slice of `raw`: find where it sits.
        let offset = raw.find(word).unwrap_or(0);
        found.push(Token { range: from + offset..from + offset + word.len(), initial });
    };
    for (at, c) in text.char_indices() {
        if in_word(c) {
            if start.is_none() {
                start = Some(at);
            }
            continue;
        }
        if let Some(from) = start.take() {
            push(from, at, initial, &mut found);
            initial = false;
        }
        // The full stop of an initial or an abbreviation ("Antony J.
        // Blinken", "Gen. Soleimani") ends no sentence.
        let abbreviated = || {
            found.last().and_then(|token| text.get(token.range.clone())).is_some_and(is_abbreviation)
                && text.get(..at).is_some_and(|before| !before.ends_with(char::is_whitespace))
        };
        if matches!(c, '!' | '?' | '\n' | '•') || c == '.' && !abbreviated() {
            initial = true;
        }
    }
    if let Some(from) = start {
        push(from, text.len(), initial, &mut found);
    }
    found
}

/// Abbreviations whose full stop ends no sentence: titles before a name and
/// AP's months.
const ABBREVIATIONS: [&str; 24] = [
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Maj", "St", "Jr", "Sr", "Prof",
    "Rev", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov",
];

/// Whether `word` (before a full stop) is an initial or an abbreviation.
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    initial || ABBREVIATIONS.contains(&word)
}

/// Whether `word` is written in capitals ("PMU", "WASHINGTON"): two
/// letters or more, none lower case.
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether `word` looks like a name: it starts with a capital letter and
/// has at least two letters ("Soleimani", "PMU", "McKenzie").
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_alphabetic)
}

/// The parts of a hyphenated word with their byte offsets in it.
fn parts(word: &str) -> impl Iterator<Item = (usize, &str)> {
    word.split('-').scan(0, |offset, part| {
        let at = *offset;
        *offset += part.len() + 1;
        Some((at, part))
    })
}

/// Where a word occurs: each text and byte range.
type Places = Vec<(Source, Range<usize>)>;

/// The proper nouns one story uses, as written (case matters), each with
/// where it occurs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoryNames {
    /// Words spelling accepts in this story.
    accepted: HashSet<String>,
    /// The project's names list, word by word: near pairs both in it are
    /// two names, not one spelled two ways.
    listed: HashSet<String>,
    /// Every capitalised word part of the story's texts, with where it is.
    occurrences: HashMap<String, Places>,
}

impl StoryNames {
    /// The names of a story whose texts (the headline, dek and body as
    /// they stand; its photos' captions) are `texts`, with `photos` the
    /// pictures it uses and `settings` the project's names list.
    pub fn read(texts: &[(Source, &str)], photos: &[&Photo], settings: &ProjectSettings) -> Self {
        let mut names = StoryNames::default();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut shown: HashSet<&str> = HashSet::new();
        for (source, text) in texts {
            // A headline is in title case: its capitals prove nothing.
            let title_case = *source == Source::Field(TextField::Headline);
            for token in tokens(text) {
                let Some(word) = text.get(token.range.clone()) else { continue };
                let mut after_particle = false;
                for (offset, part) in parts(word) {
                    if is_particle(part) {
                        after_particle = true;
                        continue;
                    }
                    if !is_capitalised(part) {
                        after_particle = false;
                        continue;
                    }
                    let start = token.range.start + offset;
                    names
                        .occurrences
                        .entry(part.to_owned())
                        .or_default()
                        .push((source.clone(), start..start + part.len()));
                    *seen.entry(part).or_default() += 1;
                    if after_particle || (!token.initial && !title_case) {
                        shown.insert(part);
                    }
                    after_particle = false;
                }
                if word.contains('-') && parts(word).all(|(_, part)| is_particle(part) || is_capitalised(part)) {
                    shown.insert(word);
                }
            }
        }
        names.accepted.extend(shown.into_iter().map(str::to_owned));
        names.accepted.extend(seen.into_iter().filter(|(_, count)| *count >= 2).map(|(word, _)| word.to_owned()));
        for photo in photos {
            let places = [&photo.city, &photo.country, &photo.credit, &photo.creator, &photo.source];
            let fields = photo.persons_shown.iter().chain(&photo.keywords).chain(places);
            for value in fields {
                names.accepted.extend(name_words(value));
            }
        }
        for entry in &settings.names {
            let words: Vec<String> = name_words(entry).collect();
            names.listed.extend(words.iter().cloned());
            names.accepted.extend(words);
        }
        names
    }

    /// Whether spelling accepts the same words with `other`'s names as with
    /// these (where each name occurs may differ).
    pub fn accepts_as(&self, other: &StoryNames) -> bool {
        self.accepted == other.accepted
    }

    /// Whether spelling should accept the word that covers `range` of
    /// `text` (a spelling mark's range, which may be part of a word: "al"
    /// of "al-Balad"): the whole word, or each of its hyphenated parts, is
    /// one of the story's names or a particle joining them.
    pub fn accepts_at(&self, text: &str, range: Range<usize>) -> bool {
        let start = text.get(..range.start).map_or(range.start, |before| {
            before.char_indices().rev().take_while(|(_, c)| in_word(*c)).last().map_or(range.start, |(at, _)| at)
        });
        let end = text.get(range.end..).map_or(range.end, |after| {
            range.end + after.char_indices().find(|(_, c)| !in_word(*c)).map_or(after.len(), |(at, _)| at)
        });
        text.get(start..end).is_some_and(|word| self.accepts(word))
    }

    /// Whether spelling should accept `word`: it is one of the story's
    /// names (possessive left out) or a name particle ("Abu", "al"), or
    /// each of its hyphenated parts is a name or a particle and one at
    /// least a name.
    pub fn accepts(&self, word: &str) -> bool {
        // A mark on an initial covers its full stop ("J.").
        let word = strip_possessive(word.strip_suffix('.').unwrap_or(word));
        if word.is_empty() || self.accepted.contains(word) || is_particle(word) || is_designation(word) {
            return true;
        }
        // An acronym ("LPD", "VOA"), or a word the dictionary knows set in
        // capitals (an AP dateline's "WASHINGTON").
        if is_all_caps(word) && (word.chars().count() <= 6 || crate::proofing::is_dictionary_word(word)) {
            return true;
        }
        word.contains('-')
            && parts(word).all(|(_, part)| is_particle(part) || self.accepted.contains(part))
            && parts(word).any(|(_, part)| self.accepted.contains(part))
    }

    /// Names written two ways, each pair once: the less used spelling
    /// first. `is_word` says whether a word is in the dictionary: two
    /// dictionary words are two names (Iran, Iraq), not one spelled two
    /// ways.
    pub fn spelled_two_ways(&self, is_word: &dyn Fn(&str) -> bool) -> Vec<TwoSpellings<'_>> {
        // By length, so each word is compared only with those at most two
        // letters longer (no pair is further apart).
        let mut candidates: Vec<(Spelling, &String, &Places, bool)> = self
            .occurrences
            .iter()
            .map(|(word, at)| (Spelling::of(word), word, at, self.listed.contains(word)))
            .filter(|(spelling, _, _, _)| spelling.chars.len() >= 5)
            .collect();
        candidates.sort_by(|a, b| (a.0.chars.len(), a.1).cmp(&(b.0.chars.len(), b.1)));
        let mut pairs = Vec::new();
        for (index, (a_spelling, a, a_at, a_listed)) in candidates.iter().enumerate() {
            let longest = a_spelling.chars.len() + 2;
            let within = candidates.iter().skip(index + 1).take_while(|(b, _, _, _)| b.chars.len() <= longest);
            for (b_spelling, b, b_at, b_listed) in within {
                let two_listed = *a_listed && *b_listed;
                if two_listed || !a_spelling.near(b_spelling) || is_word(a) && is_word(b) {
                    continue;
                }
                // The rarer spelling first; on a tie, the one seen later.
                let (rare, common) = if (a_at.len(), first(b_at)) < (b_at.len(), first(a_at)) {
                    ((*a, *a_at), (*b, *b_at))
                } else {
                    ((*b, *b_at), (*a, *a_at))
                };
                pairs.push(TwoSpellings { rare: rare.0, rare_at: rare.1, common: common.0, common_at: common.1 });
            }
        }
        pairs.sort_by_key(|pair| pair.rare_at.first().map(|(source, range)| (source_order(source), range.start)));
        pairs
    }
}

/// Whether `word` is an initial ("J") or has a digit in it, as
/// designations do ("Kepler-10b", "MQ-9", "F-35"): nothing to spell.
fn is_designation(word: &str) -> bool {
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    initial || word.chars().any(|c| c.is_ascii_digit())
}

/// The order sources are read in: headline, dek, body, then captions.
fn source_order(source: &Source) -> usize {
    match source {
        Source::Field(TextField::Headline) => 0,
        Source::Field(TextField::Dek) => 1,
        Source::Field(_) => 2,
        Source::Caption { number, .. } => 2 + number,
    }
}

/// The first place in reading order among `at`.
fn first(at: &[(Source, Range<usize>)]) -> Option<(usize, usize)> {
    at.iter().map(|(source, range)| (source_order(source), range.start)).min()
}

/// The capitalised words of a names-list entry or photo field value
/// ("Abu Mahdi al-Muhandis" gives Abu, Mahdi, Muhandis and al-Muhandis).
fn name_words(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(|c: char| !in_word(c)).map(strip_possessive).filter(|word| !word.is_empty()).flat_map(|word| {
        let whole = word.contains('-').then(|| word.to_owned());
        let pieces: Vec<String> = parts(word)
            .map(|(_, part)| part)
            .filter(|part| !is_particle(part) && is_capitalised(part))
            .map(str::to_owned)
            .collect();
        whole.into_iter().chain(pieces)
    })
}

/// A name written two ways in one story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwoSpellings<'a> {
    /// The spelling used less often.
    pub rare: &'a str,
    /// Where it is.
    pub rare_at: &'a [(Source, Range<usize>)],
    /// The spelling used more often.
    pub common: &'a str,
    /// Where it is.
    pub common_at: &'a [(Source, Range<usize>)],
}

impl TwoSpellings<'_> {
    /// One sentence for the editor: both spellings, how often and where.
    pub fn message(&self) -> String {
        format!(
            "“{}” ({}) and “{}” ({}) look like one name spelled two ways: use one spelling throughout.",
            self.rare,
            where_used(self.rare_at),
            self.common,
            where_used(self.common_at)
        )
    }
}

/// "once, in the body", "3 times: the body, photo 1’s caption".
fn where_used(at: &[(Source, Range<usize>)]) -> String {
    let mut sources: Vec<&Source> = Vec::new();
    for (source, _) in at {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    let places: Vec<String> = sources.iter().map(|source| source.describe()).collect();
    match at.len() {
        1 => format!("once, in {}", places.join(", ")),
        count => format!("{count} times: {}", places.join(", ")),
    }
}

/// A word as names are compared: its letters and its lower case.
struct Spelling {
    chars: Vec<char>,
    lower: String,
    /// Which letters it has, each letter one of 64 bits (letters may share
    /// a bit): one edit changes at most two bits, so two spellings whose
    /// bits differ in more than twice the edits allowed are not near.
    letters: u64,
}

impl Spelling {
    fn of(word: &str) -> Self {
        let letters = word.chars().fold(0u64, |bits, c| bits | 1 << (u32::from(c) % 64));
        Spelling { chars: word.chars().collect(), lower: word.to_lowercase(), letters }
    }

    /// Whether two spellings are one name's: neither is the other with an
    /// ending (Kenya, Kenyan), and they are one edit apart (two in names
    /// of eight letters or more), counting two letters swapped as one.
    fn near(&self, other: &Spelling) -> bool {
        let (a, b) = (&self.chars, &other.chars);
        let allowed = if a.len().min(b.len()) >= 8 { 2 } else { 1 };
        if a.len().abs_diff(b.len()) > allowed || (self.letters ^ other.letters).count_ones() as usize > 2 * allowed {
            return false;
        }
        let (a_lower, b_lower) = (&self.lower, &other.lower);
        if a_lower != b_lower && (a_lower.starts_with(b_lower.as_str()) || b_lower.starts_with(a_lower.as_str())) {
            return false;
        }
        edit_distance(a, b) <= allowed
    }
}

/// [`Spelling::near`] for two words, for the tests.
#[cfg(test)]
fn near(a: &str, b: &str) -> bool {
    Spelling::of(a).near(&Spelling::of(b))
}

/// The optimal string alignment distance between `a` and `b`: insertions,
/// deletions, substitutions and swaps of two neighbouring letters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows: Vec<usize> = (0..(a.len() + 1) * width).collect();
    for (i, row) in rows.chunks_mut(width).enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i;
        }
    }
    let at = |i: usize, j: usize| i * width + j;
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (Some(&ca), Some(&cb)) = (a.get(i - 1), b.get(j - 1)) else { continue };
            let cost = usize::from(ca != cb);
            let get = |rows: &[usize], k: usize| rows.get(k).copied().unwrap_or(usize::MAX / 2);
            let mut best = (get(&rows, at(i - 1, j)) + 1)
                .min(get(&rows, at(i, j - 1)) + 1)
                .min(get(&rows, at(i - 1, j - 1)) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                best = best.min(get(&rows, at(i - 2, j - 2)) + 1);
            }
            if let Some(cell) = rows.get_mut(at(i, j)) {
                *cell = best;
            }
        }
    }
    rows.get(at(a.len(), b.len())).copied().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> PhotoId {
        PhotoId::from_hex("aaaaaaaaaaaaaaaa").unwrap()
    }

    fn body(text: &str) -> StoryNames {
        StoryNames::read(&[(Source::Field(TextField::Body), text)], &[], &ProjectSettings::default())
    }

    #[test]
    fn names_the_story_uses_are_accepted() {
        let text = "Iraq's anti-terror Popular Mobilization Units (PMU), also known as Hashd al-Sha'abi, struck \
                    the al-Balad Airbase. It killed General Qassem Soleimani and Abu Mahdi al-Muhandis.\n\n\
                    Soleimani's death was avenged.";
        let names = body(text);
        for word in [
            "PMU",
            "Hashd",
            "Sha'abi",
            "al-Sha'abi",
            "Balad",
            "al-Balad",
            "Soleimani",
            "Soleimani's",
            "Muhandis",
            "al-Muhandis",
            "Qassem",
        ] {
            assert!(names.accepts(word), "{word}");
        }
        let at = text.find("al-Balad").unwrap_or(0);
        assert!(names.accepts_at(text, at..at + 2), "the particle of al-Balad");
        assert!(!names.accepts("goverment"));
        assert!(!names.accepts("Balads"));
    }

    #[test]
    fn initials_acronyms_capitals_and_designations_are_accepted() {
        let text = "WASHINGTON — Secretary of State Antony J. Blinken met Gen. Mayfield on Kepler-10b. \
                    The LPD sailed.";
        let names = body(text);
        for word in ["J", "J.", "Blinken", "Mayfield", "WASHINGTON", "LPD", "VOA's", "10b", "Kepler-10b"] {
            assert!(names.accepts(word), "{word}");
        }
        let at = text.find("10b").unwrap_or(0);
        assert!(names.accepts_at(text, at..at + 3));
        assert!(!names.accepts("GOVERMENTALITY"), "a long word in capitals the dictionary does not know");
        assert!(!names.accepts("Goverment"));
    }

    #[test]
    fn a_misspelling_at_a_sentence_start_is_no_name() {
        let names = body("Goverment officials said so. The Pentagon agreed.");
        assert!(!names.accepts("Goverment"));
        assert!(names.accepts("Pentagon"), "mid-sentence");
        let names = body("Goverment officials said so.\n\nGoverment sources agreed.");
        assert!(names.accepts("Goverment"), "used twice, consistently");
    }

    #[test]
    fn photo_fields_and_the_names_list_give_names() {
        let mut photo = Photo::new(id(), "a.jpg".into(), "a.jpg".into(), 10, 10);
        photo.persons_shown = vec!["Abu Mahdi al-Muhandis".into()];
        photo.keywords = vec!["Qayara".into(), "drones".into()];
        let settings = ProjectSettings { names: vec!["Kataib Hezbollah".into()], ..ProjectSettings::default() };
        let names = StoryNames::read(&[], &[&photo], &settings);
        for word in ["Muhandis", "al-Muhandis", "Qayara", "Kataib", "Hezbollah"] {
            assert!(names.accepts(word), "{word}");
        }
        assert!(!names.accepted.contains("drones"));
    }

    #[test]
    fn two_spellings_of_one_name_are_paired() {
        let names = StoryNames::read(
            &[
                (Source::Field(TextField::Body), "General Qassem Soleimani died. Later, Soleimani was buried."),
                (Source::Caption { photo: id(), number: 1 }, "Mourners carry a picture of Suleimani."),
            ],
            &[],
            &ProjectSettings::default(),
        );
        let pairs = names.spelled_two_ways(&|_| false);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        let pair = &pairs[0];
        assert_eq!((pair.rare, pair.common), ("Suleimani", "Soleimani"));
        assert_eq!(pair.rare_at.len(), 1);
        assert!(pair.message().contains("photo 1’s caption"), "{}", pair.message());
        assert!(pair.message().contains("2 times: the body"), "{}", pair.message());
    }

    #[test]
    fn endings_dictionary_words_and_listed_names_are_not_pairs() {
        let cases: [(&str, &[&str]); 4] = [
            ("Kenya said. Later, the Kenyan envoy and Kenya's army agreed.", &[]),
            ("Later, Iran and Iraq spoke.", &["Iran", "Iraq"]),
            ("Later, Obama met Osama.", &["Obama", "Osama"]),
            ("Later, Hamed and Hamad spoke.", &[]),
        ];
        for (text, words) in cases {
            let names = body(text);
            let is_word = |word: &str| words.contains(&word);
            let pairs = names.spelled_two_ways(&is_word);
            let expected = usize::from(text.contains("Hamed"));
            assert_eq!(pairs.len(), expected, "{text}: {pairs:?}");
        }
        let settings = ProjectSettings { names: vec!["Hamed".into(), "Hamad".into()], ..ProjectSettings::default() };
        let names =
            StoryNames::read(&[(Source::Field(TextField::Body), "Later, Hamed and Hamad spoke.")], &[], &settings);
        assert!(names.spelled_two_ways(&|_| false).is_empty(), "both are on the names list");
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        let chars = |text: &str| text.chars().collect::<Vec<char>>();
        assert_eq!(edit_distance(&chars("Soleimani"), &chars("Suleimani")), 1);
        assert_eq!(edit_distance(&chars("Muhandis"), &chars("Muhnadis")), 1);
        assert_eq!(edit_distance(&chars("Muhandis"), &chars("Mohandes")), 2);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert!(near("Muhandis", "Mohandes"));
        assert!(!near("Kenya", "Kenyan"));
        assert!(near("Baghdad", "Bagdhad"));
        assert!(near("McKenzie", "Mckenzie"));
    }

    #[test]
    fn odd_text_does_not_panic() {
        let names = body("’s - -- ' ’ é-É Ä’s İstanbul's ǅemal\u{301}- al- -al");
        let _ = names.spelled_two_ways(&|_| false);
        let text = "é-É";
        for start in 0..=text.len() {
            for end in start..=text.len() {
                let _ = names.accepts_at(text, start..end);
            }
        }
    }
}
