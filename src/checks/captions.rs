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

/// Words that make a capitalised phrase a place, body or thing, not a person.
const NOT_PERSON: [&str; 40] = [
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
];

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

/// The caption without a credit in parentheses at its end.
fn without_credit(caption: &str) -> &str {
    let trimmed = caption.trim_end();
    if trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind('(')
        && let Some(inside) = trimmed.get(open..)
        && is_credit(inside)
    {
        return trimmed.get(..open).unwrap_or(trimmed);
    }
    trimmed
}

fn is_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["photo", "picture", "image", "getty", "reuters", " ap", "(ap", "afp", "epa"]
        .iter()
        .any(|word| lower.contains(word))
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
/// "House" or "Army"), minus sentence openers, months and credit words.
/// A run after a title ("Rep.", "General") or of two words or more with
/// no place word reads as a person.
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
            let person = (after_title || run.len() >= 2) && !run.iter().any(|word| NOT_PERSON.contains(word));
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

/// The credit in parentheses at a caption's end, if it has one.
pub fn caption_credit(caption: &str) -> Option<&str> {
    let trimmed = caption.trim_end();
    let open = trimmed.rfind('(')?;
    let inside = trimmed.get(open..)?;
    (trimmed.ends_with(')') && is_credit(inside)).then_some(inside)
}

/// The shape of a credit line, names taken out: `(AP Photo/Hadi Mizban)`
/// and `(AFP Photo/Ali Ali)` share `(N photo/N)`; `(Photo by AP)` is
/// `(photo by N)`.
pub fn credit_shape(credit: &str) -> String {
    let mut shape = String::new();
    let mut in_name = false;
    for word in credit.split_inclusive([' ', '/', '(', ')']) {
        let core = word.trim_matches(|c: char| c == ' ' || c == '/' || c == '(' || c == ')');
        let separator: String = word.chars().filter(|c| matches!(c, ' ' | '/' | '(' | ')')).collect();
        let lower = core.to_lowercase();
        let keyword =
            matches!(lower.as_str(), "photo" | "photos" | "by" | "via" | "file" | "picture" | "image" | "images");
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
            in_name = !separator.contains('/') && !separator.contains(')') && !separator.contains('(');
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
}
