//! [`Proofreader`]: harper's curated checks over the curated dictionary and
//! the project's words, with a per-paragraph cache.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use harper_core::linting::{Lint, LintGroup, LintKind, Suggestion};
use harper_core::spell::{MergedDictionary, MutableDictionary};
use harper_core::{DictWordMetadata, Document, remove_overlaps};

use super::paragraphs::{CharOffsets, paragraph_ranges};
use super::spelling::{Respell, Respeller, Spelling, Words};
use super::stored::{RULES_VERSION, StoredMark, StoredMarks, paragraph_key};
use super::{Dialect, Fix, Mark, MarkKind};

/// Words of news copy that harper's curated dictionary lacks.
const NEWS_WORDS: [&str; 1] = ["largesse"];

/// The harper rules Copydesk runs: of harper's 936 curated rules, those
/// that mark something in real news copy (`examples/bench_proofing.rs`
/// over the review corpus and the benchmark text, BENCHMARKS.md) and the
/// common confusions and mechanics a copy desk checks for (its/it's,
/// then/than, to/too, they're, affect/effect, capitals, agreement).
/// Dropped from the ones that fire: rules against AP style (the Oxford
/// comma, spelled-out numbers) and style nags (contractions, "boring"
/// words, curses in quotes). The rest find nothing in news copy and cost
/// most of a check: 40 ms for 5,000 words with these against 370 ms with
/// all. harper's `SpellCheck` is replaced by [`Spelling`], which finds the
/// same words and leaves their corrections for when a mark is shown.
const NEWS_RULES: [&str; 46] = [
    // Marked something in real copy.
    "AnA",
    "CommaFixes",
    "CompoundNouns",
    "Dashes",
    "DisjointPrefixes",
    "LongSentences",
    "MergeWords",
    "MissingTo",
    "NoFrenchSpaces",
    "NoOxfordComma",
    "OrthographicConsistency",
    "PossessiveNoun",
    "QuantifierNeedsOf",
    "QuantifierNumeralConflict",
    "RedundantThat",
    "RepeatedWords",
    "Spaces",
    "SplitWords",
    "ThatWhich",
    "UnclosedQuotes",
    "UpdatePlaceNames",
    "WrongNegative",
    // Confusions and mechanics a desk checks for.
    "AdjectiveDoubleDegree",
    "CapitalizePersonalPronouns",
    "CorrectNumberSuffix",
    "DidPast",
    "DoubleModal",
    "IAmAgreement",
    "ItsContraction",
    "ItsPossessive",
    "ModalSeem",
    "NounVerbConfusion",
    "NumberSuffixCapitalization",
    "PassedPast",
    "PossessiveYour",
    "PronounVerbAgreement",
    "QuoteSpacing",
    "SentenceCapitalization",
    "SimplePastToPastParticiple",
    "ThatThan",
    "ThenThan",
    "ThereIsAgreement",
    "Theres",
    "TheyreConfusions",
    "ToTwoToo",
    "WhomSubjectOfVerb",
];

/// Rules of [`NEWS_RULES`] that can only mark a paragraph holding one of
/// their words, with those words (read from harper-core 3.0.0's source:
/// each of the rule's patterns starts from or holds one of them, as a word
/// in any capitals). A paragraph is checked with the rule only when its
/// lower-case text holds one of them anywhere, inside a word too — more
/// paragraphs than harper's own test, never fewer, so no mark is missed.
/// Together they were a third of a check's rules' time (BENCHMARKS.md).
const GATED_RULES: [(&str, &[&str]); 4] = [
    // "its" before a verb, a determiner or a pronoun ("its a shame").
    ("ItsContraction", &["its"]),
    // The noun and verb pairs (`NOUN_VERB_PAIRS`: advice/advise, belief/
    // believe, breath/breathe, descent/descend, effect/affect, emphasis/
    // emphasize, intent/intend, weight/weigh) and effect(s)/affect(s).
    (
        "NounVerbConfusion",
        &["advice", "advise", "belief", "believe", "breath", "descen", "ffect", "emphasi", "inten", "weigh"],
    ),
    // "there is/are/was/were", "is/are/was/were there", "there's".
    ("ThereIsAgreement", &["there"]),
    // Its weir rules: "past away", "walked passed", "the passed year"…
    ("PassedPast", &["past", "passed"]),
];

/// harper rules whose findings it calls spelling but which are matters of
/// style: "counter-terrorism" for "counterterrorism" is a compound house
/// styles disagree on (AP writes "re-entry"), not a misspelled word.
const SPELLING_AS_STYLE: [&str; 1] = ["DisjointPrefixes"];

/// The name of Copydesk's spell check ([`Spelling`]) in the lint group.
const SPELLING: &str = "CopydeskSpelling";

/// How many paragraphs [`Proofreader::check_text`] remembers. When there are
/// more, the ones least recently seen are forgotten (the paragraphs of the
/// latest call are always kept).
const CACHE_PARAGRAPHS: usize = 2048;

/// Checks English text for spelling, grammar and style problems.
///
/// Holds harper's curated dictionary merged with the project's words, and
/// harper's curated set of checks for one dialect. The checks take a
/// moment to compile, which the first paragraph that needs them pays (one
/// found in the stored marks does not), so build one and keep it;
/// [`ProofingService`](super::ProofingService) keeps one on its worker
/// thread.
pub struct Proofreader {
    /// The curated dictionary followed by the project's words (and
    /// [`NEWS_WORDS`]), built when the first paragraph is checked (harper
    /// builds its dictionary on first use, which takes a moment).
    /// Documents are parsed with it too, so project words get the metadata
    /// the spell check looks for.
    words: Arc<Words>,
    /// Finds the corrections of this proofreader's spelling marks when
    /// they are shown.
    respeller: Arc<Respeller>,
    /// The dialect the checks follow.
    dialect: Dialect,
    /// harper's curated checks, built when the first paragraph needs them
    /// (a run whose every paragraph is in the stored marks builds none).
    linter: Option<LintGroup>,
    /// What marks found here depend on, for [`StoredMarks`].
    settings: String,
    /// Marks kept from earlier runs, when they were found under the same
    /// settings.
    stored: Option<Arc<StoredMarks>>,
    /// Paragraphs checked here that were not in `stored`, to keep for later
    /// runs (only while `stored` is set).
    fresh: HashMap<String, Vec<StoredMark>>,
    /// Keys of the stored paragraphs this proofreader used.
    used: HashSet<String>,
    /// Marks of paragraphs already checked, by paragraph text; offsets are
    /// into the paragraph.
    cache: HashMap<String, CachedParagraph>,
    /// How many times `check_text` was called: the age stamp of cache entries.
    calls: u64,
    /// How many paragraphs harper has checked (cache hits not counted).
    paragraphs_linted: u64,
    /// Checks the [`GATED_RULES`] only on paragraphs with their words
    /// (always, but in a test that compares).
    gate: bool,
}

/// One remembered paragraph.
struct CachedParagraph {
    /// Its marks, with offsets into the paragraph.
    marks: Vec<Mark>,
    /// The `check_text` call that last used it.
    last_used: u64,
}

impl Proofreader {
    /// A proofreader for `dialect` that also accepts `project_words` as
    /// correctly spelled, besides a few news words harper lacks
    /// ([`NEWS_WORDS`]). A project word is accepted as written and in the
    /// forms harper derives from it; an entry of several words ("Abu
    /// Mahdi") adds each word.
    ///
    /// harper accepts a dictionary word written in lower case, or with its
    /// first letter capitalised at the start of a sentence, so add names
    /// with their usual capitals.
    pub fn new(dialect: Dialect, project_words: &[String]) -> Self {
        let mut words = MutableDictionary::new();
        words.extend_words(
            NEWS_WORDS
                .iter()
                .copied()
                .chain(project_words.iter().map(String::as_str))
                .flat_map(|entry| entry.split_whitespace())
                .map(|word| (word.chars().collect::<Vec<char>>(), DictWordMetadata::default())),
        );
        let words = Arc::new(Words::new(words));
        let respeller = Arc::new(Respeller::new(Arc::clone(&words), dialect.to_harper()));
        let mut sorted: Vec<&String> = project_words.iter().collect();
        sorted.sort_unstable();
        let listed: Vec<&str> = sorted.into_iter().map(String::as_str).collect();
        let settings = format!(
            "rules {RULES_VERSION}, harper-core 3.0.0, {dialect:?}, words {}",
            blake3::hash(listed.join("\n").as_bytes()).to_hex()
        );
        Proofreader {
            words,
            respeller,
            dialect,
            linter: None,
            settings,
            stored: None,
            fresh: HashMap::new(),
            used: HashSet::new(),
            cache: HashMap::new(),
            calls: 0,
            paragraphs_linted: 0,
            gate: true,
        }
    }

    /// What this proofreader's marks depend on (the dialect, the accepted
    /// words, the rules): marks stored under other settings are not used.
    pub fn settings_key(&self) -> &str {
        &self.settings
    }

    /// Uses `stored` marks for paragraphs found there, when they were found
    /// under this proofreader's settings, and from then on keeps the marks
    /// of paragraphs it checks itself ([`Self::take_fresh`]).
    pub fn use_stored(&mut self, stored: Arc<StoredMarks>) {
        if stored.settings == self.settings {
            self.stored = Some(stored);
        } else {
            self.stored = Some(Arc::new(StoredMarks { settings: self.settings.clone(), ..StoredMarks::default() }));
        }
    }

    /// The marks of paragraphs checked since [`Self::use_stored`] that were
    /// not stored, and the keys of the stored ones used; both start again
    /// empty.
    pub fn take_fresh(&mut self) -> super::FreshMarks {
        (std::mem::take(&mut self.fresh), std::mem::take(&mut self.used))
    }

    /// The curated dictionary and the project's words, built on first use.
    fn dictionary(&self) -> Arc<MergedDictionary> {
        self.words.dictionary()
    }

    /// harper's checks, built on first use.
    fn linter(&mut self) -> &mut LintGroup {
        let dictionary = self.dictionary();
        let dialect = self.dialect;
        self.linter.get_or_insert_with(|| {
            let mut group = LintGroup::new_curated(Arc::clone(&dictionary), dialect.to_harper());
            group.add(SPELLING, Spelling::new(dictionary, dialect.to_harper()));
            // Only these enabled; a rule not in the configuration is off,
            // and a small configuration is cheap to hash per chunk.
            group.config = harper_core::linting::FlatConfig::default();
            for rule in NEWS_RULES.into_iter().chain([SPELLING]) {
                group.config.set_rule_enabled(rule, true);
            }
            group
        })
    }

    /// Checks one paragraph of Markdown text; ranges are byte offsets into
    /// `paragraph`. Nothing is cached.
    pub fn check_paragraph(&mut self, paragraph: &str) -> Vec<Mark> {
        self.paragraphs_linted += 1;
        let dictionary = self.dictionary();
        let document = Document::new_markdown_default(paragraph, dictionary.as_ref());
        let gate = self.gate;
        let linter = self.linter();
        if gate {
            let lower = paragraph.to_lowercase();
            for (rule, words) in GATED_RULES {
                linter.config.set_rule_enabled(rule, words.iter().any(|word| lower.contains(word)));
            }
        }
        let mut lints: Vec<Lint> = linter
            .organized_lints(&document)
            .into_iter()
            .flat_map(|(rule, mut lints)| {
                if SPELLING_AS_STYLE.contains(&rule.as_str()) {
                    lints.iter_mut().for_each(|lint| lint.lint_kind = LintKind::Style);
                }
                lints
            })
            .collect();
        remove_overlaps(&mut lints);
        let offsets = CharOffsets::new(paragraph);
        let source = document.get_source();
        let mut marks: Vec<Mark> = lints
            .iter()
            .filter_map(|lint| to_mark(lint, source, &offsets))
            .map(|mark| self.respellable(mark, paragraph))
            .collect();
        marks.sort_by_key(|mark| (mark.range.start, mark.range.end));
        marks
    }

    /// `mark` (offsets into `paragraph`) with the way to its corrections
    /// when it is a spelling mark that has none yet: [`Spelling`]'s marks,
    /// found and stored without them.
    fn respellable(&self, mut mark: Mark, paragraph: &str) -> Mark {
        if mark.kind == MarkKind::Spelling
            && mark.suggestions.is_empty()
            && let Some(word) = paragraph.get(mark.range.clone())
        {
            mark.respell = Some(Respell { word: word.into(), by: Arc::clone(&self.respeller) });
        }
        mark
    }

    /// Checks a whole text paragraph by paragraph (paragraphs are blocks of
    /// lines separated by blank lines); ranges are byte offsets into `text`.
    ///
    /// A paragraph whose text was checked before (by this proofreader, in
    /// any text) is not checked again: its marks are remembered. The most
    /// recently seen paragraphs are kept, at least all those of this call.
    ///
    /// Each paragraph is checked on its own, so a Markdown construct that
    /// spans a blank line (a fenced code block with blank lines in it) is
    /// seen in pieces.
    pub fn check_text(&mut self, text: &str) -> Vec<Mark> {
        self.calls += 1;
        let stamp = self.calls;
        let ranges = paragraph_ranges(text);
        let mut marks = Vec::new();
        for range in &ranges {
            let Some(paragraph) = text.get(range.clone()) else {
                continue;
            };
            let found = match self.cache.get_mut(paragraph) {
                Some(cached) => {
                    cached.last_used = stamp;
                    cached.marks.clone()
                }
                None => {
                    let found = self.stored_or_checked(paragraph);
                    self.cache.insert(paragraph.to_owned(), CachedParagraph { marks: found.clone(), last_used: stamp });
                    found
                }
            };
            marks.extend(
                found
                    .into_iter()
                    .map(|mark| Mark { range: mark.range.start + range.start..mark.range.end + range.start, ..mark }),
            );
        }
        self.trim_cache(ranges.len());
        marks
    }

    /// A paragraph's marks from the stored ones, else checked (and kept
    /// to be stored, while marks are stored).
    fn stored_or_checked(&mut self, paragraph: &str) -> Vec<Mark> {
        let Some(stored) = self.stored.clone() else {
            return self.check_paragraph(paragraph);
        };
        let key = paragraph_key(paragraph);
        if let Some(marks) = stored.marks_of(paragraph) {
            self.used.insert(key);
            return marks.into_iter().map(|mark| self.respellable(mark, paragraph)).collect();
        }
        let marks = self.check_paragraph(paragraph);
        self.fresh.insert(key, marks.iter().map(StoredMark::of).collect());
        marks
    }

    /// How many paragraphs harper has checked since this proofreader was
    /// built: each [`Self::check_paragraph`] call and each paragraph
    /// [`Self::check_text`] did not find in its cache. For tests and
    /// diagnostics.
    pub fn paragraphs_linted(&self) -> u64 {
        self.paragraphs_linted
    }

    /// Forgets the least recently used paragraphs beyond the cache's size,
    /// keeping at least `keep` (the paragraphs of the latest call).
    fn trim_cache(&mut self, keep: usize) {
        let limit = CACHE_PARAGRAPHS.max(keep);
        if self.cache.len() <= limit {
            return;
        }
        let mut stamps: Vec<u64> = self.cache.values().map(|cached| cached.last_used).collect();
        stamps.sort_unstable_by(|a, b| b.cmp(a));
        let Some(&oldest_kept) = stamps.get(limit.saturating_sub(1)) else {
            return;
        };
        let newest = self.calls;
        // Entries as old as `oldest_kept` go too, so the cache ends at most
        // `limit` long (unless the latest call alone has more paragraphs).
        self.cache.retain(|_, cached| cached.last_used > oldest_kept || cached.last_used == newest);
    }
}

/// The mark for `lint`, with offsets into the text whose chars are `source`
/// and whose byte offsets are `offsets`; `None` when harper's span does not
/// fit the text.
fn to_mark(lint: &Lint, source: &[char], offsets: &CharOffsets) -> Option<Mark> {
    let range = offsets.byte_range(lint.span.start, lint.span.end)?;
    let original: String = source.get(lint.span.start..lint.span.end)?.iter().collect();
    let mut suggestions: Vec<Fix> = Vec::new();
    for suggestion in &lint.suggestions {
        let fix = to_fix(suggestion, &original);
        if fix.replacement != original && !suggestions.iter().any(|known| known.replacement == fix.replacement) {
            suggestions.push(fix);
        }
    }
    Some(Mark {
        range,
        kind: MarkKind::of_lint_kind(lint.lint_kind),
        message: plain_message(&lint.message).into(),
        suggestions: suggestions.into(),
        respell: None,
    })
}

/// harper's suggestion as a replacement for the whole marked text `original`.
fn to_fix(suggestion: &Suggestion, original: &str) -> Fix {
    match suggestion {
        Suggestion::ReplaceWith(chars) => {
            let replacement: String = chars.iter().collect();
            let label = if replacement.trim().is_empty() {
                match replacement.as_str() {
                    "" => format!("Remove “{}”", original.trim()),
                    " " => "Replace with one space".to_owned(),
                    _ => "Replace with white space".to_owned(),
                }
            } else {
                replacement.clone()
            };
            Fix { label, replacement }
        }
        Suggestion::InsertAfter(chars) => {
            let inserted: String = chars.iter().collect();
            let label = match inserted.as_str() {
                " " => "Insert a space".to_owned(),
                _ => format!("Insert “{}”", inserted),
            };
            Fix { label, replacement: format!("{original}{inserted}") }
        }
        Suggestion::Remove => {
            let shown = original.trim();
            let label = if shown.is_empty() { "Remove the space".to_owned() } else { format!("Remove “{shown}”") };
            Fix { label, replacement: String::new() }
        }
    }
}

/// harper writes messages in Markdown with `code` quotes; the editor shows
/// plain text, so backquote pairs become curly quotes.
fn plain_message(message: &str) -> String {
    if !message.matches('`').count().is_multiple_of(2) {
        return message.to_owned();
    }
    let mut plain = String::with_capacity(message.len());
    let mut open = true;
    for c in message.chars() {
        if c == '`' {
            plain.push(if open { '“' } else { '”' });
            open = !open;
        } else {
            plain.push(c);
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_news_rule_is_one_of_harpers() {
        let dictionary = Arc::new(MergedDictionary::new());
        let group = LintGroup::new_curated(dictionary, harper_core::Dialect::American);
        for rule in NEWS_RULES.iter().chain(&SPELLING_AS_STYLE).chain(&["SpellCheck"]) {
            assert!(group.contains_key(rule), "harper has no rule {rule}");
        }
    }

    #[test]
    fn the_gated_rules_mark_what_they_mark_when_always_on() {
        for (rule, _) in GATED_RULES {
            assert!(NEWS_RULES.contains(&rule), "{rule} is gated but not run");
        }
        // Each gated rule's mistakes (from harper's own tests), the sample
        // story's copy, and paragraphs that hold none of their words.
        let sample = std::fs::read_to_string(crate::sample_project_dir().join("stories/iraq-drone-attacks.ron"))
            .expect("the sample story");
        let mut text = [
            "Its a shame that the vote failed.",
            "The minister gave good advise to the cabinet.",
            "The rain will effect the harvest, officials said.",
            "The report said there is problems with the new system.",
            "Officials said there is errors in the count.",
            "The convoy walked passed the checkpoint.",
            "Over the passed few years the city grew.",
            "The official said it was a grave mistake.",
        ]
        .join("\n\n");
        for line in sample.lines().filter(|line| line.len() > 80) {
            text.push_str("\n\n");
            text.push_str(line.trim());
        }
        let marks = |gate: bool| {
            let mut proofreader = Proofreader::new(Dialect::American, &[]);
            proofreader.gate = gate;
            proofreader.check_text(&text).into_iter().map(|mark| (mark.range, mark.message)).collect::<Vec<_>>()
        };
        let (gated, always) = (marks(true), marks(false));
        // The seven mistakes are marked, each by its gated rule.
        let mut start = 0;
        for sentence in text.split("\n\n").take(7) {
            let range = start..start + sentence.len();
            assert!(gated.iter().any(|(at, _)| range.contains(&at.start)), "{sentence}: {gated:?}");
            start = range.end + 2;
        }
        assert_eq!(gated, always);
    }

    #[test]
    fn the_news_rules_still_catch_the_desks_usual_mistakes() {
        let mut proofreader = Proofreader::new(Dialect::American, &[]);
        for (text, marked) in [
            ("The goverment said so.", "goverment"),
            ("He went to the the store.", "the the"),
            ("The ministry said its a mistake.", "its"),
            ("The army is bigger then the navy.", "then"),
            ("She bought a apple.", "a"),
        ] {
            let marks = proofreader.check_text(text);
            assert!(
                marks.iter().any(|mark| text.get(mark.range.clone()).is_some_and(|found| found.contains(marked))),
                "{text}: {marks:?}"
            );
        }
    }

    #[test]
    fn copydesk_spelling_marks_the_words_harpers_spell_check_marks() {
        let text = "The goverment of Ukriane said the the drones, HaHa, came from Iran(s) at 4am. \
                    Zelensky's aide wrote colour and centre, and recieved 12 word(s) from Kyiv.";
        let mut proofreader = Proofreader::new(Dialect::American, &[]);
        let ours: Vec<std::ops::Range<usize>> = proofreader
            .check_paragraph(text)
            .into_iter()
            .filter(|mark| mark.kind == MarkKind::Spelling)
            .map(|mark| mark.range)
            .collect();
        let dictionary = proofreader.dictionary();
        let mut group = LintGroup::new_curated(Arc::clone(&dictionary), harper_core::Dialect::American);
        group.config = harper_core::linting::FlatConfig::default();
        group.config.set_rule_enabled("SpellCheck", true);
        let document = Document::new_markdown_default(text, dictionary.as_ref());
        let offsets = CharOffsets::new(text);
        let mut harpers: Vec<std::ops::Range<usize>> = harper_core::linting::Linter::lint(&mut group, &document)
            .iter()
            .filter_map(|lint| offsets.byte_range(lint.span.start, lint.span.end))
            .collect();
        harpers.sort_by_key(|range| (range.start, range.end));
        assert!(!harpers.is_empty());
        assert_eq!(ours, harpers);
    }

    #[test]
    fn messages_lose_backquotes() {
        assert_eq!(plain_message("Did you mean `government`?"), "Did you mean “government”?");
        assert_eq!(plain_message("odd ` quote"), "odd ` quote");
    }

    #[test]
    fn fixes_replace_the_whole_range() {
        let fix = to_fix(&Suggestion::InsertAfter(vec![',']), "However");
        assert_eq!(fix, Fix { label: "Insert “,”".to_owned(), replacement: "However,".to_owned() });
        let fix = to_fix(&Suggestion::Remove, "the ");
        assert_eq!(fix.replacement, "");
        assert_eq!(fix.label, "Remove “the”");
        let fix = to_fix(&Suggestion::ReplaceWith("government".chars().collect()), "goverment");
        assert_eq!(fix, Fix { label: "government".to_owned(), replacement: "government".to_owned() });
    }
}
