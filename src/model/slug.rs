//! Story slugs: the short, file-safe name a desk uses for a story.

use serde::{Deserialize, Serialize};

/// A story's slug, e.g. `iraq-drones`. It is also the story's file name
/// (`stories/<slug>.ron`), so it is restricted to lowercase ASCII letters,
/// digits and single hyphens.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a proposed slug was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    /// The slug was empty.
    #[error("a slug cannot be empty")]
    Empty,
    /// The slug was longer than [`Slug::MAX_LEN`].
    #[error("a slug can be at most {} characters long", Slug::MAX_LEN)]
    TooLong,
    /// The slug held a character other than a–z, 0–9 and `-`.
    #[error("a slug may only use a–z, 0–9 and '-' (found {0:?})")]
    BadCharacter(char),
    /// The slug started or ended with `-`, or had `--`.
    #[error("a slug cannot start or end with '-' or hold '--'")]
    BadHyphen,
}

impl Slug {
    /// The longest slug accepted, so file names stay portable.
    pub const MAX_LEN: usize = 64;

    /// Checks `text` and makes a slug of it, exactly as given.
    pub fn new(text: &str) -> Result<Self, SlugError> {
        if text.is_empty() {
            return Err(SlugError::Empty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong);
        }
        if let Some(bad) = text.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
            return Err(SlugError::BadCharacter(bad));
        }
        if text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(SlugError::BadHyphen);
        }
        Ok(Self(text.to_owned()))
    }

    /// Makes a slug from free text such as a headline: lowercases it, turns
    /// every run of other characters into one hyphen and keeps the first few
    /// words. Falls back to `story` when nothing usable is left.
    pub fn from_title(title: &str) -> Self {
        let mut out = String::new();
        let mut words = 0;
        let mut pending_hyphen = false;
        for c in title.chars().flat_map(char::to_lowercase) {
            let c = fold_accent(c);
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                if pending_hyphen && !out.is_empty() {
                    if words >= 6 || out.len() + 1 >= Self::MAX_LEN {
                        break;
                    }
                    out.push('-');
                }
                if out.is_empty() || pending_hyphen {
                    words += 1;
                }
                pending_hyphen = false;
                if out.len() >= Self::MAX_LEN {
                    break;
                }
                out.push(c);
            } else if c == '\'' || c == '’' {
                // "Iraq's" becomes "iraqs", not "iraq-s".
            } else {
                pending_hyphen = true;
            }
        }
        Self::new(&out).unwrap_or_else(|_| Self("story".to_owned()))
    }

    /// The first slug, of `base`, `base-2`, `base-3`…, that `taken` refuses.
    pub fn unique(base: &Slug, taken: impl Fn(&Slug) -> bool) -> Slug {
        if !taken(base) {
            return base.clone();
        }
        let stem: String = base.0.chars().take(Self::MAX_LEN - 4).collect();
        let stem = stem.trim_end_matches('-');
        (2..).map(|n| Slug(format!("{stem}-{n}"))).find(|candidate| !taken(candidate)).unwrap_or_else(|| base.clone())
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Folds the common Latin accented letters to ASCII for slugs.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::new(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        let cases = [
            ("US ‘increasingly alarmed’ by drone attacks", "us-increasingly-alarmed-by-drone-attacks"),
            ("Iraq's  new -- budget!", "iraqs-new-budget"),
            ("Café au lait", "cafe-au-lait"),
            ("", "story"),
            ("???", "story"),
            ("one two three four five six seven eight", "one-two-three-four-five-six"),
        ];
        for (title, want) in cases {
            assert_eq!(Slug::from_title(title).as_str(), want, "title {title:?}");
        }
    }

    #[test]
    fn bad_slugs_are_refused() {
        assert_eq!(Slug::new(""), Err(SlugError::Empty));
        assert_eq!(Slug::new("Iraq"), Err(SlugError::BadCharacter('I')));
        assert_eq!(Slug::new("../etc"), Err(SlugError::BadCharacter('.')));
        assert_eq!(Slug::new("-a"), Err(SlugError::BadHyphen));
        assert_eq!(Slug::new("a--b"), Err(SlugError::BadHyphen));
        assert!(Slug::new(&"a".repeat(65)).is_err());
    }

    #[test]
    fn unique_slugs_count_up() {
        let base = Slug::new("iraq").unwrap();
        let taken = ["iraq", "iraq-2"];
        let got = Slug::unique(&base, |s| taken.contains(&s.as_str()));
        assert_eq!(got.as_str(), "iraq-3");
    }
}
