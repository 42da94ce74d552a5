//! Checks that read captions against the story: names a caption gives that
//! the story never mentions (a caption from another story), and credit
//! lines written in different formats.

/// Titles and honorifics that come before a person's name.
const TITLES: &[&str] = &[
    "Rep",
    "Sen",
    "Senator",
    "Representative",
    "Speaker",
    "President",
    "Vice",
    "Gen",
    "General",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Professor",
    "Minister",
    "Prime",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Crown",
    "Emir",
    "Sheikh",
    "Sheik",
    "Ayatollah",
    "Imam",
    "Pope",
    "Rev",
    "Reverend",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Governor",
    "Gov",
    "Mayor",
    "Secretary",
    "Ambassador",
    "Envoy",
    "Judge",
    "Justice",
    "Chief",
    "Colonel",
    "Col",
    "Commander",
    "Cmdr",
    "Lt",
    "Lieutenant",
    "Capt",
    "Captain",
    "Maj",
    "Major",
    "Sgt",
    "Sergeant",
    "Cpl",
    "Corporal",
    "Pvt",
    "Private",
    "Adm",
    "Admiral",
    "Brig",
    "Marshal",
    "Officer",
    "Lawmaker",
];

/// Words that make a capitalised phrase a place, body or thing, not a
/// person, wherever they stand in it; a phrase ends after one ("House" in
/// "Speaker of the House Nancy Pelosi", "Center" in "Kennedy Space Center
/// Director Janet Petro").
const NOT_PERSON: &[&str] = &[
    "Act",
    "Army",
    "Air",
    "Airbase",
    "Airport",
    "Base",
    "Bank",
    "Capitol",
    "Coalition",
    "Command",
    "Committee",
    "Council",
    "Court",
    "Department",
    "East",
    "Forces",
    "Front",
    "Hall",
    "Hospital",
    "House",
    "Island",
    "Ministry",
    "Mountains",
    "North",
    "Party",
    "Province",
    "River",
    "Senate",
    "South",
    "Square",
    "Steps",
    "Street",
    "Units",
    "University",
    "West",
    "Agency",
    "News",
    "Press",
    "Post",
    "Times",
    // Places.
    "Airfield",
    "Avenue",
    "Canyon",
    "Cathedral",
    "Cemetery",
    "Center",
    "Centre",
    "City",
    "College",
    "Complex",
    "County",
    "Desert",
    "District",
    "Embassy",
    "Consulate",
    "Gardens",
    "Gulf",
    "Harbor",
    "Harbour",
    "Headquarters",
    "Highway",
    "Hotel",
    "Institute",
    "Laboratory",
    "Library",
    "Memorial",
    "Monument",
    "Mosque",
    "Museum",
    "Observatory",
    "Ocean",
    "Palace",
    "Region",
    "Road",
    "School",
    "Sea",
    "Stadium",
    "Station",
    "Temple",
    "Valley",
    // Bodies.
    "Academy",
    "Administration",
    "Assembly",
    "Association",
    "Authority",
    "Brigade",
    "Bureau",
    "Club",
    "Commission",
    "Company",
    "Congress",
    "Corporation",
    "Corps",
    "Directorate",
    "Division",
    "Fleet",
    "Force",
    "Foundation",
    "Group",
    "Guard",
    "League",
    "Navy",
    "Office",
    "Parliament",
    "Police",
    "Service",
    "Squadron",
    "Union",
    // Things and events.
    "Mission",
    "Operation",
    "Program",
    "Programme",
    "War",
];

/// Words that end a place's name but are surnames too ("Lewis Field" but
/// "Sally Field", "Central Park" but "Park Geun-hye"): they make a phrase a
/// place only as its last word or before "of" ("Wall of Remembrance").
const PLACE_LAST: &[&str] = &["Bay", "Bridge", "Church", "Field", "Garden", "Hill", "Lake", "Park", "Port", "Wall"];

/// Capitalised words that name nothing: sentence openers, months, credit
/// words, position markers.
const IGNORED: [&str; 44] = [
    "A",
    "An",
    "The",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "File",
    "Photo",
    "Picture",
    "Image",
    "Images",
    "Getty",
    "AP",
    "AFP",
    "Reuters",
    "EPA",
    "Xinhua",
    "L",
    "R",
    "C",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "US",
];

/// A capitalised name a caption gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The words, as written.
    pub text: String,
    /// Whether it reads as a person's name.
    pub person: bool,
}

/// The caption without the credit at its end ([`credit_start`]).
fn without_credit(caption: &str) -> &str {
    let trimmed = caption.trim_end();
    credit_start(trimmed).and_then(|at| trimmed.get(..at)).map_or(trimmed, str::trim_end)
}

fn is_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["photo", "picture", "image", "getty", "reuters", " ap", "(ap", "afp", "epa"]
        .iter()
        .any(|word| lower.contains(word))
}

/// Words that label a credit line: "Photo credit:", "Source:", "Courtesy
/// of", "NASA photo by".
const CREDIT_LABELS: [&str; 16] = [
    "photo",
    "photos",
    "photograph",
    "photographs",
    "picture",
    "pictures",
    "image",
    "images",
    "credit",
    "credits",
    "source",
    "sources",
    "courtesy",
    "illustration",
    "graphic",
    "graphics",
];

/// Capitalised words before a label that name no source ("The photo by the
/// river…").
const NOT_SOURCE: [&str; 17] = [
    "The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Our", "My", "Your", "In", "On",
    "At",
];

/// A credit line written out is at most this many words.
const CREDIT_WORDS: usize = 12;

/// Where the credit at the end of a caption starts, as a byte offset (of
/// the caption, or of the caption trimmed at its end: the same): a credit
/// in parentheses ("… Iraq. (AP Photo/Hadi Mizban)"), or a credit line
/// written out after a sentence ends ("… late October. Photo credit:
/// NASA/Ben Smegelsky", "… Source: Frank Jennings.", "… Photo: Jane
/// Roe/AP", "… Courtesy of the Glenn family"), whichever starts first.
pub(crate) fn credit_start(caption: &str) -> Option<usize> {
    let trimmed = caption.trim_end();
    let parenthesised = trimmed
        .ends_with(')')
        .then(|| trimmed.rfind('('))
        .flatten()
        .filter(|&open| trimmed.get(open..).is_some_and(is_credit));
    match (parenthesised, written_credit_start(trimmed)) {
        (Some(open), Some(written)) => Some(open.min(written)),
        (open, written) => open.or(written),
    }
}

/// Where a credit line written out at the end of `text` starts: the
/// earliest of its last [`CREDIT_WORDS`] words that follows the end of a
/// sentence (or a dash, a bar, a line break) and begins a credit
/// ([`is_written_credit`]). Never the text's first word: a caption is not
/// all credit.
fn written_credit_start(text: &str) -> Option<usize> {
    let mut starts = Vec::new();
    let mut previous_blank = false;
    for (at, c) in text.char_indices() {
        if !c.is_whitespace() && previous_blank {
            starts.push(at);
        }
        previous_blank = c.is_whitespace();
    }
    let skip = starts.len().saturating_sub(CREDIT_WORDS);
    starts.into_iter().skip(skip).find(|&at| {
        let Some(before) = text.get(..at) else { return false };
        let kept = before.trim_end();
        let after_break = before.get(kept.len()..).is_some_and(|gap| gap.contains('\n'));
        let after_end = kept.ends_with(['.', '!', '?', '…', '—', '–', '|', ';', '”', '"', ')', ']']);
        !kept.is_empty() && (after_end || after_break) && text.get(at..).is_some_and(is_written_credit)
    })
}

/// The label a word of a credit line starts with ("Photo" of "Photo/Hadi",
/// "credit" of "credit:", "photo" of "photo)"), lower-cased, and what
/// follows it in the word.
fn credit_label(word: &str) -> Option<(String, &str)> {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
    let label = word.get(..end)?.to_lowercase();
    CREDIT_LABELS.contains(&label.as_str()).then(|| (label, word.get(end..).unwrap_or_default()))
}

/// Whether `segment`, the end of a caption, is a credit line: at most
/// [`CREDIT_WORDS`] words, at most three capitalised words naming a source
/// ("NASA", "U.S. Army"), then labels ("Photo credit", "Photo courtesy")
/// the last of which ends with a colon or a slash ("Photo:", "Photo/Hadi")
/// or is followed by "by" ("Photo by"), or "Courtesy" followed by anything,
/// or a source's label ending the line ("NASA photo", "(AFP photo)").
fn is_written_credit(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    if words.len() > CREDIT_WORDS {
        return false;
    }
    let Some(first_label) = words.iter().position(|word| credit_label(word).is_some()) else { return false };
    let names_source = |word: &&str| {
        let word = word.trim_start_matches(['(', '[', '"', '“']);
        word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && !NOT_SOURCE.contains(&word)
    };
    if first_label > 3 || !words.iter().take(first_label).all(names_source) {
        return false;
    }
    let mut last = first_label;
    let mut label = None;
    while let Some((word_label, rest)) = words.get(last).and_then(|word| credit_label(word)) {
        let next_is_label = words.get(last + 1).is_some_and(|next| credit_label(next).is_some());
        label = Some((word_label, rest));
        if !rest.is_empty() || !next_is_label {
            break;
        }
        last += 1;
    }
    let Some((label, rest)) = label else { return false };
    let next = words.get(last + 1).map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    rest.starts_with([':', '/'])
        || (label != "courtesy" && next.as_deref() == Some("by"))
        || (label == "courtesy" && next.is_some())
        || (next.is_none() && first_label > 0)
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter(|word| !word.is_empty())
        .collect()
}

fn is_capitalised(word: &str) -> bool {
    let core = word.strip_prefix("al-").or_else(|| word.strip_prefix("el-")).unwrap_or(word);
    core.chars().next().is_some_and(char::is_uppercase) && core.chars().any(char::is_lowercase)
}

/// The words of a text, each with whether punctuation (a comma, a full
/// stop, a bracket) came between it and the word before.
fn words_with_breaks(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut broken = false;
    let mut start = None;
    for (at, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                out.push((text.get(from..at).unwrap_or_default(), broken));
                broken = false;
                start = None;
            }
            _ => {}
        }
        if !in_word && !c.is_whitespace() {
            broken = true;
        }
    }
    if let Some(from) = start {
        out.push((text.get(from..).unwrap_or_default(), broken));
    }
    out
}

/// The names a caption gives: runs of capitalised words (joined across
/// "of" and "the", broken at punctuation and after a place word such as
/// "House" or "Army"), minus sentence openers, months, credit words and
/// the credit line at its end ([`credit_start`]). Which read as a person:
/// [`reads_as_person`].
pub fn names(caption: &str) -> Vec<Name> {
    let text = without_credit(caption);
    let mut found = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut after_title = false;
    let mut flush = |run: &mut Vec<&str>, after_title: bool| {
        while run.last().is_some_and(|word| matches!(*word, "of" | "the")) {
            run.pop();
        }
        // Ordinary words capitalised ("Soldiers" at a sentence start, the
        // "Army" of "US Army") name nothing the story must mention.
        let ordinary = run.iter().all(|word| matches!(*word, "of" | "the") || crate::proofing::is_common_word(word));
        if !run.is_empty() && (!ordinary || after_title) {
            let person = reads_as_person(run, after_title);
            found.push(Name { text: run.join(" "), person });
        }
        run.clear();
    };
    for (word, broken) in words_with_breaks(text) {
        let word = super::names::strip_possessive(word);
        if broken {
            flush(&mut run, after_title);
        }
        if TITLES.contains(&word) {
            flush(&mut run, after_title);
            after_title = true;
            continue;
        }
        if is_capitalised(word) && !IGNORED.contains(&word) {
            if run.last().is_some_and(|last| NOT_PERSON.contains(last)) {
                flush(&mut run, after_title);
                after_title = false;
            }
            run.push(word);
        } else if !run.is_empty() && matches!(word, "of" | "the") {
            run.push(word);
        } else {
            flush(&mut run, after_title);
            if !matches!(word, "of" | "the") {
                after_title = false;
            }
        }
    }
    flush(&mut run, after_title);
    found
}

/// Whether a run of capitalised words reads as a person's name: it has no
/// place word ([`NOT_PERSON`] anywhere, [`PLACE_LAST`] last or before
/// "of"), and it follows a title or has two words or more once the
/// ordinary words leading it are set aside ([`is_descriptor`]: "Super
/// Hercules" is an aircraft, "Administrator Charles Bolden" a person).
fn reads_as_person(run: &[&str], after_title: bool) -> bool {
    let place = run.iter().enumerate().any(|(at, word)| {
        NOT_PERSON.contains(word) || (PLACE_LAST.contains(word) && run.get(at + 1).is_none_or(|next| *next == "of"))
    });
    if place {
        return false;
    }
    let named = run
        .iter()
        .skip_while(|word| matches!(**word, "of" | "the") || is_descriptor(word))
        .filter(|word| !matches!(**word, "of" | "the"))
        .count();
    after_title || named >= 2
}

/// Whether a capitalised word is an ordinary word that describes rather
/// than names ("Super", "Administrator", "Camp", "Statues"): a lower-case
/// word of the dictionary ([`crate::proofing::is_common_word`]) that the
/// dictionary does not also list capitalised, as it lists given names that
/// are words too ("Frank", "Bill", "Mark", "Rose").
fn is_descriptor(word: &str) -> bool {
    crate::proofing::is_common_word(word) && !crate::proofing::is_listed_as_written(word)
}

/// Whether `story_text` mentions `name`: a person by their last name, a
/// place or body by any of its words of three letters or more.
pub fn mentioned(name: &Name, story_words: &StoryWords) -> bool {
    let parts: Vec<String> = name
        .text
        .split(' ')
        .filter(|w| w.chars().count() >= 3 && !matches!(*w, "the"))
        .map(str::to_lowercase)
        .collect();
    if parts.is_empty() {
        return true;
    }
    let known = |part: &String| stems(part).iter().any(|stem| story_words.contains(stem));
    if name.person {
        parts.last().is_some_and(known)
    } else {
        parts.iter().any(|part| known(part) || known(&part.trim_start_matches("al-").to_owned()))
    }
}

/// Endings of plurals and demonyms: Kenyans, Kenyan, Iraqi, Iranian.
const ENDINGS: [&str; 11] = ["ians", "ans", "ian", "ese", "ish", "an", "ns", "es", "is", "n", "s"];

/// `word` (lower case) and the stems it may have been made from by an
/// ending of [`ENDINGS`] ("kenyans" gives kenyans, kenya, kenyan), each
/// of three letters or more; and the word with a final "i" off (Iraqi).
fn stems(word: &str) -> Vec<String> {
    let mut found = vec![word.to_owned()];
    for ending in ENDINGS.iter().chain(&["i"]) {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.chars().count() >= 3
            && !found.iter().any(|known| known == stem)
        {
            found.push(stem.to_owned());
        }
    }
    found
}

/// The lower-case words of a story's text, for [`mentioned`]: one set per
/// line, each remembered by its line's text (words never run over a line
/// break), so a keystroke makes only its own line's set again.
pub struct StoryWords(Vec<std::rc::Rc<std::collections::HashSet<String>>>);

impl StoryWords {
    /// Whether the story has `word` (lower-case).
    pub fn contains(&self, word: &str) -> bool {
        self.0.iter().any(|line| line.contains(word))
    }
}

/// The lower-case words of a text, for [`mentioned`].
pub fn word_set(text: &str) -> StoryWords {
    thread_local! {
        static LINES: super::memo::Memo<std::collections::HashSet<String>> = Default::default();
    }
    let sets = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| super::memo::remembered(&LINES, line, || line_words(line)))
        .collect();
    StoryWords(sets)
}

/// The lower-case words of one line.
fn line_words(text: &str) -> std::collections::HashSet<String> {
    let mut set = std::collections::HashSet::new();
    for word in words(text) {
        let lower = word.to_lowercase();
        let lower = super::names::strip_possessive(&lower).to_owned();
        if let Some(stripped) = lower.strip_prefix("al-") {
            set.extend(stems(stripped));
        }
        set.extend(stems(&lower));
    }
    set
}

/// The credit at a caption's end, if it has one: in parentheses ("(AP
/// Photo/Hadi Mizban)") or written out after a sentence ("Photo credit:
/// NASA/Ben Smegelsky").
pub fn caption_credit(caption: &str) -> Option<&str> {
    let trimmed = caption.trim_end();
    trimmed.get(credit_start(trimmed)?..)
}

/// The shape of a credit line, names taken out: `(AP Photo/Hadi Mizban)`
/// and `(AFP Photo/Ali Ali)` share `(N photo/N)`; `(Photo by AP)` is
/// `(photo by N)`; `Photo credit: NASA/Ben Smegelsky` is `photo credit:
/// N/N`.
pub fn credit_shape(credit: &str) -> String {
    let is_separator = |c: char| matches!(c, ' ' | '/' | '(' | ')' | ':');
    let mut shape = String::new();
    let mut in_name = false;
    for word in credit.split_inclusive([' ', '/', '(', ')']) {
        let core = word.trim_matches(is_separator);
        let separator: String = word.chars().filter(|&c| is_separator(c)).collect();
        let lower = core.to_lowercase();
        let keyword = matches!(
            lower.as_str(),
            "photo"
                | "photos"
                | "by"
                | "via"
                | "file"
                | "picture"
                | "image"
                | "images"
                | "credit"
                | "credits"
                | "courtesy"
                | "source"
        );
        if core.is_empty() {
            shape.push_str(&separator);
        } else if keyword {
            shape.push_str(&lower);
            shape.push_str(&separator);
            in_name = false;
        } else {
            if !in_name {
                shape.push('N');
            }
            in_name = !separator.contains(['/', ')', '(', ':']);
            if !in_name {
                shape.push_str(&separator);
            }
        }
    }
    shape.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_and_people_told_from_places() {
        let caption = "US Rep. Ilhan Omar (D-MN) (L) talks with Speaker of the House Nancy Pelosi (D-CA) during a rally \
                       with fellow Democrats before voting on H.R. 1, or the People Act, on the East Steps of the US \
                       Capitol on March 08, 2019 in Washington, DC. (AFP photo)";
        let found = names(caption);
        let people: Vec<&str> = found.iter().filter(|n| n.person).map(|n| n.text.as_str()).collect();
        assert!(people.contains(&"Ilhan Omar"), "{found:?}");
        assert!(people.iter().any(|p| p.ends_with("Nancy Pelosi")), "{found:?}");
        assert!(!people.iter().any(|p| p.contains("Capitol") || p.contains("Act")), "{found:?}");
        assert!(!found.iter().any(|n| n.text.contains("AFP") || n.text == "March"), "{found:?}");
    }

    #[test]
    fn mentions_match_last_names_and_place_words() {
        let story = word_set("Marine General Frank McKenzie said Iraq’s drones flew from al-Asad.");
        let person = |text: &str| Name { text: text.into(), person: true };
        let place = |text: &str| Name { text: text.into(), person: false };
        assert!(mentioned(&person("Frank McKenzie"), &story));
        assert!(!mentioned(&person("Nancy Pelosi"), &story));
        assert!(mentioned(&place("Iraq"), &story));
        assert!(mentioned(&place("Ain al-Asad"), &story));
        assert!(!mentioned(&place("Mosul"), &story));
    }

    #[test]
    fn credit_shapes_tell_formats_apart() {
        assert_eq!(credit_shape("(AP Photo/Hadi Mizban)"), credit_shape("(AFP Photo/Ali Ali)"));
        assert_ne!(credit_shape("(AFP photo)"), credit_shape("(Photo by AP)"));
        assert_eq!(credit_shape("(Photo by AP)"), credit_shape("(Photo by Reuters)"));
        assert_eq!(caption_credit("Soldiers on patrol. (Photo by AP)"), Some("(Photo by AP)"));
        assert_eq!(caption_credit("The council met (on Tuesday)"), None);
    }

    /// Each `(caption, people, others)`: the names read as people, exactly,
    /// and names (not people) that must be among the rest.
    fn people_table(cases: &[(&str, &[&str], &[&str])]) {
        for (caption, people, others) in cases {
            let found = names(caption);
            let got: Vec<&str> = found.iter().filter(|n| n.person).map(|n| n.text.as_str()).collect();
            assert_eq!(got, *people, "people in {caption:?}: {found:?}");
            for other in *others {
                assert!(found.iter().any(|n| !n.person && n.text == *other), "{other:?} in {caption:?}: {found:?}");
            }
        }
    }

    #[test]
    fn credit_lines_at_the_end_are_not_names() {
        people_table(&[
            ("The crew will return in late October. Photo credit: NASA/Ben Smegelsky", &[], &[]),
            ("The parade celebrated the name change. Source: Frank Jennings.", &[], &[]),
            ("Soldiers patrol in Mosul. Photo: Jane Roe/AP", &[], &["Mosul"]),
            ("Soldiers patrol in Mosul. Credit: Jane Roe", &[], &["Mosul"]),
            ("Soldiers patrol in Mosul. Courtesy of Jane Roe", &[], &["Mosul"]),
            ("Soldiers patrol in Mosul. U.S. Army photo by Sgt. John Doe", &[], &["Mosul"]),
            ("Hiroshi Sasaki speaks in Florida. Photo Credit: (NASA/Joel Kowsky)", &["Hiroshi Sasaki"], &["Florida"]),
            // Not a credit at the end: the names are read.
            ("Photo: Jane Roe speaks in Mosul.", &["Jane Roe"], &["Mosul"]),
            ("Jane Roe takes a photo by the river.", &["Jane Roe"], &[]),
            ("Soldiers pose. The photo by Jane Roe won a prize.", &["Jane Roe"], &[]),
            ("Soldiers pose. Image of the day shows Jane Roe", &["Jane Roe"], &[]),
        ]);
    }

    #[test]
    fn places_and_things_are_not_people() {
        people_table(&[
            (
                "U.S. Army Soldiers board a C-130J Super Hercules, at Camp Lemonnier, Djibouti.",
                &[],
                &["Super Hercules", "Camp Lemonnier", "Djibouti"],
            ),
            ("A parade at Lewis Field in Cleveland.", &[], &["Lewis Field", "Cleveland"]),
            ("Wreaths at the Korean War Veterans Memorial Wall of Remembrance in Washington.", &[], &["Korean War"]),
            ("Statues of Korean War troops in Washington.", &[], &["Washington"]),
            ("Soldiers walk through Gorky Park.", &[], &["Gorky Park"]),
            ("Ships in Manda Bay and the Bay of Bengal.", &[], &["Manda Bay", "Bay of Bengal"]),
            // People stay people.
            (
                "NASA Administrator Charles Bolden speaks in Washington.",
                &["Administrator Charles Bolden"],
                &["Washington"],
            ),
            ("Frank McKenzie visits troops.", &["Frank McKenzie"], &[]),
            ("Kennedy Space Center Director Janet Petro speaks.", &["Director Janet Petro"], &["Kennedy Space Center"]),
            ("President Park Geun-hye visits Seoul.", &["Park Geun-hye"], &["Seoul"]),
            // The price of "Lewis Field": a surname that is a place word, last.
            ("Jonas Field waves.", &[], &["Jonas Field"]),
        ]);
    }

    #[test]
    fn credits_at_the_end_are_found() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Soldiers on patrol. (Photo by AP)", Some("(Photo by AP)")),
            ("A man walks in Baghdad (AP Photo/Hadi Mizban)", Some("(AP Photo/Hadi Mizban)")),
            ("The crew returns. Photo credit: NASA/Ben Smegelsky", Some("Photo credit: NASA/Ben Smegelsky")),
            ("The parade. Source: Frank Jennings.", Some("Source: Frank Jennings.")),
            ("Soldiers on patrol. Photo: Jane Roe/AP", Some("Photo: Jane Roe/AP")),
            ("Soldiers on patrol.\nPhoto: Jane Roe/AP", Some("Photo: Jane Roe/AP")),
            ("Soldiers on patrol. Courtesy of the Glenn family", Some("Courtesy of the Glenn family")),
            ("Sasaki speaks. Photo Credit: (NASA/Joel Kowsky)", Some("Photo Credit: (NASA/Joel Kowsky)")),
            ("Soldiers on patrol. U.S. Army photo by Sgt. John Doe", Some("U.S. Army photo by Sgt. John Doe")),
            ("Soldiers on patrol. NASA photo.", Some("NASA photo.")),
            ("The council met (on Tuesday)", None),
            ("Photo: soldiers on patrol in Mosul.", None),
            ("Soldiers take a photo by the river.", None),
            ("Soldiers pose. The photo by the river won.", None),
            ("Soldiers on patrol. Image of the day", None),
            ("Soldiers on patrol. Source of the river", None),
            ("Soldiers on patrol in Mosul Photo credit: NASA", None),
        ];
        for (caption, credit) in cases {
            assert_eq!(caption_credit(caption), *credit, "{caption:?}");
        }
        assert_eq!(credit_shape("Photo credit: NASA/Ben Smegelsky"), "photo credit: N/N");
        assert_eq!(credit_shape("Photo credit: NASA/Ben Smegelsky"), credit_shape("Photo credit: AP/Jane Roe"));
        assert_ne!(credit_shape("Photo credit: NASA/Ben Smegelsky"), credit_shape("(Photo by AP)"));
        assert_eq!(credit_shape("Source: Frank Jennings."), credit_shape("Source: Jane Roe."));
    }
}
