//! Measurements and figures: a conversion in parentheses that disagrees
//! with the measurement it converts ("64 kilometers (60 miles)"), the same
//! measurement converted two ways, and the same figure written two ways
//! ("40 miles" and "forty miles").
//!
//! Tolerances are generous on purpose: a conversion passes when it is
//! within 10 % of the exact value or within the rounding of either number,
//! so "100 km (60 miles)" is fine and only real slips are reported.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Hit, Rule, Suggestion};

/// What a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dimension {
    Length,
    Area,
    Mass,
    Volume,
    Temperature,
}

/// A unit of measurement.
#[derive(Debug)]
struct Unit {
    /// What it measures.
    dimension: Dimension,
    /// How many of the dimension's base unit (metre, square metre,
    /// kilogram, litre) one of it is. More than one when the name is
    /// ambiguous: short and long tons, US and imperial gallons. Unused for
    /// temperatures.
    factors: &'static [f64],
    /// Its names in lower case, singular and plural.
    names: &'static [(&'static str, &'static str)],
}

/// The units conversions are checked between.
static UNITS: [Unit; 19] = [
    Unit {
        dimension: Dimension::Length,
        factors: &[1000.0],
        names: &[("kilometer", "kilometers"), ("kilometre", "kilometres"), ("km", "km"), ("kms", "kms")],
    },
    Unit { dimension: Dimension::Length, factors: &[1609.344], names: &[("mile", "miles"), ("mi", "mi")] },
    Unit {
        dimension: Dimension::Length,
        factors: &[1.0],
        names: &[("meter", "meters"), ("metre", "metres"), ("m", "m")],
    },
    Unit {
        dimension: Dimension::Length,
        factors: &[0.3048],
        names: &[("foot", "feet"), ("feet", "feet"), ("ft", "ft")],
    },
    Unit {
        dimension: Dimension::Length,
        factors: &[0.01],
        names: &[("centimeter", "centimeters"), ("centimetre", "centimetres"), ("cm", "cm")],
    },
    Unit { dimension: Dimension::Length, factors: &[0.0254], names: &[("inch", "inches"), ("in", "in")] },
    Unit {
        dimension: Dimension::Mass,
        factors: &[1.0],
        names: &[("kilogram", "kilograms"), ("kilogramme", "kilogrammes"), ("kg", "kg"), ("kgs", "kgs")],
    },
    Unit {
        dimension: Dimension::Mass,
        factors: &[0.453_592_37],
        names: &[("pound", "pounds"), ("lb", "lb"), ("lbs", "lbs")],
    },
    Unit {
        dimension: Dimension::Mass,
        factors: &[1000.0],
        names: &[("tonne", "tonnes"), ("metric ton", "metric tons"), ("metric tonne", "metric tonnes")],
    },
    Unit { dimension: Dimension::Mass, factors: &[907.184_74, 1_016.046_908_8], names: &[("ton", "tons")] },
    Unit { dimension: Dimension::Volume, factors: &[1.0], names: &[("liter", "liters"), ("litre", "litres")] },
    Unit {
        dimension: Dimension::Volume,
        factors: &[3.785_411_784, 4.546_09],
        names: &[("gallon", "gallons"), ("gal", "gal")],
    },
    Unit { dimension: Dimension::Area, factors: &[10_000.0], names: &[("hectare", "hectares"), ("ha", "ha")] },
    Unit { dimension: Dimension::Area, factors: &[4_046.856_422_4], names: &[("acre", "acres")] },
    Unit {
        dimension: Dimension::Area,
        factors: &[1_000_000.0],
        names: &[
            ("square kilometer", "square kilometers"),
            ("square kilometre", "square kilometres"),
            ("sq km", "sq km"),
            ("km2", "km2"),
            ("km²", "km²"),
        ],
    },
    Unit {
        dimension: Dimension::Area,
        factors: &[2_589_988.110_336],
        names: &[("square mile", "square miles"), ("sq mi", "sq mi"), ("sq miles", "sq miles"), ("mi²", "mi²")],
    },
    Unit {
        dimension: Dimension::Area,
        factors: &[1.0],
        names: &[("square meter", "square meters"), ("square metre", "square metres"), ("sq m", "sq m"), ("m²", "m²")],
    },
    Unit {
        dimension: Dimension::Temperature,
        factors: &[],
        names: &[
            ("°c", "°c"),
            ("degree celsius", "degrees celsius"),
            ("degrees celsius", "degrees celsius"),
            ("degrees c", "degrees c"),
            ("celsius", "celsius"),
            ("c", "c"),
        ],
    },
    Unit {
        dimension: Dimension::Temperature,
        factors: &[],
        names: &[
            ("°f", "°f"),
            ("degree fahrenheit", "degrees fahrenheit"),
            ("degrees fahrenheit", "degrees fahrenheit"),
            ("degrees f", "degrees f"),
            ("fahrenheit", "fahrenheit"),
            ("f", "f"),
        ],
    },
];

/// Index of the Celsius unit in [`UNITS`].
const CELSIUS: usize = 17;

/// Number words and their values.
const NUMBER_WORDS: [(&str, f64); 28] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
];

/// Words that multiply the number before them.
const MULTIPLIERS: [(&str, f64); 3] = [("thousand", 1e3), ("million", 1e6), ("billion", 1e9)];

/// A number: digits (with thousands commas and decimals, maybe a minus) or
/// a number word, maybe followed by a multiplier word. Its word boundaries
/// are ASCII ones (digits and number words are ASCII): a Unicode `\b`
/// makes the regex engine give up its fast automaton on any text with a
/// curly quote in it, which was most of what the checks cost.
fn number_pattern() -> String {
    let mut words: Vec<&str> = NUMBER_WORDS.iter().map(|(word, _)| *word).collect();
    words.sort_by_key(|word| std::cmp::Reverse(word.len()));
    let multipliers: Vec<&str> = MULTIPLIERS.iter().map(|(word, _)| *word).collect();
    format!(
        r"(?:[-−]?(?-u:\b)(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?|(?-u:\b)(?:{}))(?:\s+(?:{}))?",
        words.join("|"),
        multipliers.join("|")
    )
}

/// Any unit name of [`UNITS`], longest first; spaces match any whitespace
/// and a degree sign may be followed by a space.
fn unit_pattern() -> String {
    let mut names: Vec<&str> =
        UNITS.iter().flat_map(|unit| unit.names.iter().flat_map(|(one, many)| [*one, *many])).collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    names.dedup();
    let alternatives: Vec<String> =
        names.iter().map(|name| regex::escape(name).replace(' ', r"\s+").replace('°', r"[°º]\s?")).collect();
    format!("(?:{})", alternatives.join("|"))
}

/// A measurement and its conversion in parentheses: "64 kilometers (40
/// miles)", "a 64-kilometer (40-mile) road", "40C (about 104F)".
static CONVERSION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let number = number_pattern();
    let unit = unit_pattern();
    let approx = r"about|some|around|roughly|nearly|almost|approximately|approx\.|more\s+than|over|under|less\s+than|up\s+to|just\s+over|just\s+under|at\s+least|~|c\.";
    let pattern = format!(
        r"(?i)(?P<q1>{number})(?:\s*|-)(?P<u1>{unit})\s*\(\s*(?:(?:{approx})\s*)?(?P<q2>{number})(?:\s*|-)(?P<u2>{unit})(?:[^\p{{L}}\p{{N}})][^)]{{0,40}})?\)"
    );
    Regex::new(&pattern).ok()
});

/// A figure and the word after it: "40 miles", "forty-mile", "1.5 million people".
static FIGURE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let number = number_pattern();
    Regex::new(&format!(r"(?i)(?P<q>{number})(?:\s+|-)(?P<noun>\p{{L}}+)")).ok()
});

/// A number as written.
#[derive(Clone, Debug)]
struct Figure {
    /// Its value.
    value: f64,
    /// Half its last significant unit: how far the true value may be from
    /// `value` given how it was rounded.
    rounding: f64,
    /// Written as a word ("forty") rather than digits.
    word: bool,
    /// Written with a multiplier word ("1.5 million").
    multiplied: bool,
    /// Where it is in the text.
    range: Range<usize>,
}

/// The number `text` at `start` of the checked text, if it is one.
fn parse_figure(text: &str, start: usize) -> Option<Figure> {
    let range = start..start + text.len();
    let lower = text.to_lowercase();
    let mut parts = lower.split_whitespace();
    let number = parts.next()?;
    let multiplier = match parts.next() {
        Some(word) => MULTIPLIERS.iter().find(|(name, _)| *name == word).map(|(_, value)| *value)?,
        None => 1.0,
    };
    if let Some((_, value)) = NUMBER_WORDS.iter().find(|(name, _)| *name == number) {
        let rounding = 0.5 * multiplier;
        return Some(Figure { value: value * multiplier, rounding, word: true, multiplied: multiplier > 1.0, range });
    }
    let digits: String = number.replace(',', "").replace('−', "-");
    let value: f64 = digits.parse().ok()?;
    let rounding = match digits.split_once('.') {
        Some((_, decimals)) => 0.5 * 10f64.powi(-i32::try_from(decimals.len()).ok()?),
        None => {
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            if zeros == 0 || value == 0.0 {
                0.5
            } else {
                (0.5 * 10f64.powi(i32::try_from(zeros).ok()?)).min(0.05 * value.abs())
            }
        }
    };
    Some(Figure {
        value: value * multiplier,
        rounding: rounding * multiplier,
        word: false,
        multiplied: multiplier > 1.0,
        range,
    })
}

/// The unit named `name` (any case and spacing), and the name's plural.
fn find_unit(name: &str) -> Option<(usize, &'static str)> {
    let lower = name.to_lowercase().replace('º', "°");
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ").replace("° ", "°");
    UNITS.iter().enumerate().find_map(|(index, unit)| {
        unit.names.iter().find(|(one, many)| *one == lower || *many == lower).map(|(_, many)| (index, *many))
    })
}

/// One side of a conversion: a figure and its unit.
#[derive(Clone, Debug)]
struct Measure {
    /// The number.
    figure: Figure,
    /// The number as written.
    number: String,
    /// Index into [`UNITS`].
    unit: usize,
    /// The unit as written.
    unit_text: String,
    /// The unit's plural name.
    plural: &'static str,
}

impl Measure {
    /// The measure from the `number` and `unit` groups of a match.
    fn from_captures(captures: &Captures<'_>, number: &str, unit: &str) -> Option<Measure> {
        let number = captures.name(number)?;
        let unit_match = captures.name(unit)?;
        let figure = parse_figure(number.as_str(), number.start())?;
        let (unit, plural) = find_unit(unit_match.as_str())?;
        Some(Measure {
            figure,
            number: number.as_str().to_owned(),
            unit,
            unit_text: unit_match.as_str().to_owned(),
            plural,
        })
    }

    /// The unit's dimension.
    fn dimension(&self) -> Option<Dimension> {
        UNITS.get(self.unit).map(|unit| unit.dimension)
    }

    /// The unit as it reads after `value`: the plural of a written-out
    /// unit for anything but one, else the unit as written.
    fn unit_for(&self, value: f64) -> String {
        let written = self.unit_text.split_whitespace().collect::<Vec<_>>().join(" ");
        let long = written.chars().count() > 3;
        if long && (value - 1.0).abs() > f64::EPSILON && written.to_lowercase() != self.plural {
            self.plural.to_owned()
        } else {
            written
        }
    }

    /// "64 kilometers", "40°C".
    fn describe(&self, number: &str, value: f64) -> String {
        let unit = self.unit_for(value);
        if unit.starts_with(['°', 'º']) || unit.len() == 1 {
            format!("{number}{unit}")
        } else {
            format!("{number} {unit}")
        }
    }
}

/// Every check on measurements and figures in `text`, in text order.
pub(super) fn check_numbers(text: &str) -> Vec<Hit> {
    let mut hits = conversions(text);
    hits.extend(figures_written_two_ways(text));
    hits.sort_by_key(|hit| (hit.range.start, hit.range.end));
    hits
}

/// Conversions in parentheses that disagree with what they convert, and
/// the same measurement converted to two different figures.
fn conversions(text: &str) -> Vec<Hit> {
    let Some(regex) = CONVERSION.as_ref() else { return Vec::new() };
    let mut hits = Vec::new();
    let mut seen: HashMap<(String, usize, usize), Measure> = HashMap::new();
    for captures in regex.captures_iter(text) {
        let (Some(from), Some(to)) =
            (Measure::from_captures(&captures, "q1", "u1"), Measure::from_captures(&captures, "q2", "u2"))
        else {
            continue;
        };
        if from.unit == to.unit || from.dimension() != to.dimension() {
            continue;
        }
        let temperature = from.dimension() == Some(Dimension::Temperature);
        if !temperature && (from.figure.value <= 0.0 || to.figure.value <= 0.0) {
            continue;
        }
        if !agrees(&from, &to) {
            hits.push(mismatch_hit(&from, &to));
            continue;
        }
        let key = (format!("{:.6}", from.figure.value), from.unit, to.unit);
        match seen.get(&key) {
            Some(first) if (first.figure.value - to.figure.value).abs() > 1e-9 => {
                hits.push(converted_twice_hit(&from, first, &to));
            }
            Some(_) => {}
            None => {
                seen.insert(key, to);
            }
        }
    }
    hits
}

/// `value` in `from` units converted to `to` units, with the units' first
/// factors.
fn convert(value: f64, from: usize, to: usize) -> Option<f64> {
    let (from_unit, to_unit) = (UNITS.get(from)?, UNITS.get(to)?);
    if from_unit.dimension == Dimension::Temperature {
        return Some(if from == CELSIUS { value * 9.0 / 5.0 + 32.0 } else { (value - 32.0) * 5.0 / 9.0 });
    }
    Some(value * from_unit.factors.first()? / to_unit.factors.first()?)
}

/// Whether the conversion `to` of `from` is right, allowing for rounding.
fn agrees(from: &Measure, to: &Measure) -> bool {
    let (Some(from_unit), Some(to_unit)) = (UNITS.get(from.unit), UNITS.get(to.unit)) else { return true };
    let (v1, r1, v2, r2) = (from.figure.value, from.figure.rounding, to.figure.value, to.figure.rounding);
    if from_unit.dimension == Dimension::Temperature {
        let Some(expected) = convert(v1, from.unit, to.unit) else { return true };
        let scale = if from.unit == CELSIUS { 1.8 } else { 1.0 / 1.8 };
        return (v2 - expected).abs() <= 2.0 + r2 + r1 * scale;
    }
    from_unit.factors.iter().any(|f1| {
        to_unit.factors.iter().any(|f2| {
            let expected = v1 * f1 / f2;
            (v2 - expected).abs() <= 0.1 * expected.abs() + r2 + r1 * f1 / f2
        })
    })
}

/// The hit for a conversion that disagrees: on the converted figure (its
/// number and any multiplier word, "2.5 million"), with the right figure
/// and, when it is certain, a fix that writes it in the figure's place (the
/// unit after it stays as written).
fn mismatch_hit(from: &Measure, to: &Measure) -> Hit {
    let expected = convert(from.figure.value, from.unit, to.unit).unwrap_or(0.0);
    let right = written_like(expected, to);
    let right_value = parse_figure(&right, 0).map_or(expected, |figure| figure.value);
    let message = format!(
        "{} is about {}, not {}; correct the figure in parentheses.",
        from.describe(&from.number, from.figure.value),
        to.describe(&right, right_value),
        to.number
    );
    let hit = Hit { rule: Rule::ConversionMismatch, range: to.figure.range.clone(), message, suggestion: None };
    match corrected_figure(from, to, &right) {
        Some(replacement) => {
            let label = format!("Write {}", to.describe(&replacement, right_value));
            Hit { suggestion: Some(Suggestion { label, replacement }), ..hit }
        }
        None => hit,
    }
}

/// `value` written the way the story wrote the figure `to`: rounded like
/// its number ([`round_like`]: as many decimals, or for a whole number to
/// its round figure but never coarser than two significant digits), and
/// after a multiplier word ("2.5 million") counted in that multiplier
/// again, the word and the space before it kept as written. A temperature
/// written without decimals is rounded to the degree ("140" is not read as
/// rounded to tens).
fn written_like(value: f64, to: &Measure) -> String {
    let (head, tail) = to.number.find(char::is_whitespace).map_or((to.number.as_str(), ""), |at| {
        (to.number.get(..at).unwrap_or(&to.number), to.number.get(at..).unwrap_or(""))
    });
    let multiplier = if to.figure.multiplied {
        let word = tail.trim().to_lowercase();
        MULTIPLIERS.iter().find(|(name, _)| *name == word).map_or(1.0, |(_, factor)| *factor)
    } else {
        1.0
    };
    let temperature = to.dimension() == Some(Dimension::Temperature);
    let like = if temperature && !head.contains('.') { "1" } else { head };
    let tail = if multiplier > 1.0 { tail } else { "" };
    format!("{}{tail}", round_like(value / multiplier, like))
}

/// The text to put in the converted figure's range, when the fix is
/// certain: both units have one meaning (not gallons or tons, US or
/// imperial), the figure is written in digits (a number word is left to the
/// editor), the fix changes it, it does not turn a written-out unit from
/// singular to plural or back ("1 miles"), and the fixed figure itself
/// passes the check. The range covers the figure's number and any
/// multiplier word, and so does the replacement.
fn corrected_figure(from: &Measure, to: &Measure, right: &str) -> Option<String> {
    let single_factor = [from.unit, to.unit].iter().all(|&unit| UNITS.get(unit).is_some_and(|u| u.factors.len() <= 1));
    if !single_factor || to.figure.word || right == to.number {
        return None;
    }
    let fixed = parse_figure(right, to.figure.range.start)?;
    let is_one = |value: f64| (value - 1.0).abs() < 1e-9;
    let written_out = to.unit_text.chars().count() > 3;
    if written_out && is_one(fixed.value) != is_one(to.figure.value) {
        return None;
    }
    let fixed_measure = Measure { figure: fixed, number: right.to_owned(), ..to.clone() };
    agrees(from, &fixed_measure).then(|| right.to_owned())
}

/// The hit for a measurement converted to `to` here and to `first` before.
fn converted_twice_hit(from: &Measure, first: &Measure, to: &Measure) -> Hit {
    let message = format!(
        "{} is converted to {} earlier but to {} here; use one figure.",
        from.describe(&from.number, from.figure.value),
        first.describe(&first.number, first.figure.value),
        to.describe(&to.number, to.figure.value),
    );
    Hit { rule: Rule::FigureMismatch, range: to.figure.range.clone(), message, suggestion: None }
}

/// `value` rounded and written like `like`: the same decimals, or for a
/// whole number to its round figure (but keeping two significant digits),
/// with thousands commas if `like` has them or the number is large.
fn round_like(value: f64, like: &str) -> String {
    let like = like.trim();
    let decimals = like.split_once('.').map_or(0, |(_, d)| d.len());
    let step = if decimals > 0 {
        10f64.powi(-i32::try_from(decimals).unwrap_or(0))
    } else {
        let bare = like.replace(',', "");
        let zeros = bare.len() - bare.trim_end_matches('0').len();
        let stated = if bare.chars().all(|c| c.is_ascii_digit()) && bare != "0" {
            10f64.powi(i32::try_from(zeros).unwrap_or(0))
        } else {
            1.0
        };
        let two_digits = if value.abs() >= 10.0 { 10f64.powf(value.abs().log10().floor() - 1.0) } else { 1.0 };
        stated.min(two_digits).max(1.0)
    };
    let rounded = (value / step).round() * step;
    let (rounded, decimals) = if rounded == 0.0 && value != 0.0 && decimals == 0 {
        ((value * 10.0).round() / 10.0, 1)
    } else {
        (rounded, decimals)
    };
    let written = format!("{rounded:.decimals$}");
    if like.contains(',') || rounded.abs() >= 10_000.0 { group_thousands(&written) } else { written }
}

/// `number` with commas between its thousands.
fn group_thousands(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |rest| ("-", rest));
    let (whole, fraction) = rest.split_once('.').map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Words after a number that are not what it counts ("one of", "two and").
const NOT_NOUNS: [&str; 24] = [
    "of", "and", "or", "the", "a", "an", "in", "on", "at", "to", "for", "by", "with", "from", "is", "was", "were",
    "are", "has", "had", "have", "who", "more", "than",
];

/// How a figure is written: as a word or digits, with or without a
/// multiplier word.
type Form = (bool, bool);

/// The same figure of the same thing written two ways ("40 miles" and
/// "forty miles", "1.5 million people" and "1,500,000 people"): the later
/// one is reported. A number word starting a sentence ("Forty people…") is
/// left out: style asks for words there. Different numbers are never
/// compared.
fn figures_written_two_ways(text: &str) -> Vec<Hit> {
    let Some(regex) = FIGURE.as_ref() else { return Vec::new() };
    let mut first_seen: HashMap<(String, String), (Form, String)> = HashMap::new();
    let mut hits = Vec::new();
    for captures in regex.captures_iter(text) {
        let (Some(number), Some(noun)) = (captures.name("q"), captures.name("noun")) else { continue };
        let Some(figure) = parse_figure(number.as_str(), number.start()) else { continue };
        let noun_lower = noun.as_str().to_lowercase();
        let capitalised = number.as_str().chars().next().is_some_and(char::is_uppercase);
        if NOT_NOUNS.contains(&noun_lower.as_str()) || (figure.word && capitalised) {
            continue;
        }
        let thing = match find_unit(noun.as_str()) {
            Some((unit, _)) => format!("unit {unit}"),
            None => noun_lower.strip_suffix('s').filter(|stem| stem.len() > 2).unwrap_or(&noun_lower).to_owned(),
        };
        let key = (format!("{:.6}", figure.value), thing);
        let form = (figure.word, figure.multiplied);
        let written = captures.get(0).map_or("", |m| m.as_str()).to_owned();
        match first_seen.get(&key) {
            Some((first_form, first_written)) if *first_form != form => {
                let message = format!("“{written}” is written “{first_written}” earlier; write the figure one way.");
                hits.push(Hit { rule: Rule::FigureMismatch, range: figure.range, message, suggestion: None });
            }
            Some(_) => {}
            None => {
                first_seen.insert(key, (form, written));
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::*;

    /// The (rule, hit text) pairs for `text`.
    fn found(text: &str) -> Vec<(Rule, &str)> {
        check_numbers(text).into_iter().map(|hit| (hit.rule, &text[hit.range])).collect()
    }

    #[test]
    fn patterns_compile_and_celsius_is_where_expected() {
        assert!(CONVERSION.is_some());
        assert!(FIGURE.is_some());
        assert_eq!(find_unit("°C").map(|(unit, _)| unit), Some(CELSIUS));
        assert_eq!(find_unit("degrees  Celsius").map(|(unit, _)| unit), Some(CELSIUS));
    }

    #[test]
    fn conversions_that_agree_pass() {
        let fine = [
            "It lies 64 kilometers (40 miles) north of the capital.",
            "It lies 40 miles (64 kilometers) north.",
            "It lies 100 km (60 miles) north.",
            "A 64-kilometer (40-mile) road.",
            "It lies 1,500 km (932 miles) away.",
            "It lies 2.5 km (1.6 miles) away.",
            "A wall 3 meters (10 feet) high and 30 cm (12 inches) thick.",
            "It weighs 50 kg (110 pounds) and 10 tonnes (11 tons).",
            "It weighs 10 tonnes (9.8 tons) in long tons.",
            "It holds 100 liters (26 gallons).",
            "It holds 100 litres (22 gallons).",
            "Heat of 40°C (104°F) and 40 degrees Celsius (104 degrees Fahrenheit) and 35C (95F).",
            "A cold -5C (23F) night.",
            "It covers 500 hectares (1,236 acres) and 10 square kilometers (3.9 square miles).",
            "It lies about forty miles (sixty-four kilometers) away.",
            "It lies 64 kilometers (about 40 miles) north.",
            "It lies five miles (8 km) north.",
            "Distances of 64 kilometers (40 miles) and 100 kilometers (62 miles).",
            "It flew 10,000 feet (3,000 meters) up.",
            "Between 10-20 km (6-12 miles) away.",
            "He paid 5 pounds (6 dollars).",
        ];
        for text in fine {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn conversions_that_disagree_are_found() {
        let cases: [(&str, &str, Option<&str>, &str); 8] = [
            (
                "It lies 64 kilometers (60 miles) north.",
                "60",
                Some("40"),
                "64 kilometers is about 40 miles, not 60; correct the figure in parentheses.",
            ),
            (
                "It lies 40 miles (40 km) north.",
                "40",
                Some("64"),
                "40 miles is about 64 km, not 40; correct the figure in parentheses.",
            ),
            (
                "A 64-kilometer (60-mile) road.",
                "60",
                Some("40"),
                "64 kilometers is about 40 miles, not 60; correct the figure in parentheses.",
            ),
            (
                "Heat of 40°C (140°F).",
                "140",
                Some("104"),
                "40°C is about 104°F, not 140; correct the figure in parentheses.",
            ),
            (
                "It weighs 50 kg (50 pounds).",
                "50",
                Some("110"),
                "50 kg is about 110 pounds, not 50; correct the figure in parentheses.",
            ),
            (
                "It lies 2.5 km (2.5 miles) away.",
                "2.5",
                Some("1.6"),
                "2.5 km is about 1.6 miles, not 2.5; correct the figure in parentheses.",
            ),
            (
                "It lies 1,500 km (1,500 miles) away.",
                "1,500",
                Some("930"),
                "1,500 km is about 930 miles, not 1,500; correct the figure in parentheses.",
            ),
            (
                "It holds 100 liters (50 gallons).",
                "50",
                None,
                "100 liters is about 26 gallons, not 50; correct the figure in parentheses.",
            ),
        ];
        for (text, wrong, fix, message) in cases {
            let hits = check_numbers(text);
            assert_eq!(hits.len(), 1, "{text}: {hits:#?}");
            assert_eq!(hits[0].rule, Rule::ConversionMismatch);
            assert_eq!(&text[hits[0].range.clone()], wrong, "{text}");
            assert_eq!(hits[0].suggestion.as_ref().map(|s| s.replacement.as_str()), fix, "{text}");
            assert_eq!(hits[0].message, message);
        }
    }

    #[test]
    fn conversion_fixes_rebuild_the_figure_and_pass_the_check() {
        let cases: [(&str, &str, Option<&str>, Option<&str>); 9] = [
            ("It lies 64 kilometers (60 miles) north.", "60", Some("40"), Some("Write 40 miles")),
            ("It lies five miles (18 km) north.", "18", Some("8"), Some("Write 8 km")),
            ("Heat of 40°C (140°F).", "140", Some("104"), Some("Write 104°F")),
            ("A cold -5C (40F) night.", "40", Some("23"), Some("Write 23F")),
            ("It lies 1,500 km (1,500 miles) away.", "1,500", Some("930"), Some("Write 930 miles")),
            (
                "An orbit of 1.5 million km (2.5 million miles).",
                "2.5 million",
                Some("0.9 million"),
                Some("Write 0.9 million miles"),
            ),
            ("It lies 1.6 km (3 miles) away.", "3", None, None),
            ("It lies about forty miles (ninety kilometers) away.", "ninety", None, None),
            ("It holds 100 liters (50 gallons).", "50", None, None),
        ];
        for (text, wrong, fix, label) in cases {
            let hits = check_numbers(text);
            assert_eq!(hits.len(), 1, "{text}: {hits:#?}");
            let hit = &hits[0];
            assert_eq!(hit.rule, Rule::ConversionMismatch);
            assert_eq!(&text[hit.range.clone()], wrong, "{text}");
            assert_eq!(hit.suggestion.as_ref().map(|s| s.replacement.as_str()), fix, "{text}");
            assert_eq!(hit.suggestion.as_ref().map(|s| s.label.as_str()), label, "{text}");
            if let Some(suggestion) = &hit.suggestion {
                let fixed = format!("{}{}{}", &text[..hit.range.start], suggestion.replacement, &text[hit.range.end..]);
                assert_eq!(found(&fixed), vec![], "{text} fixed to {fixed}");
            }
        }
        let hits = check_numbers("An orbit of 1.5 million km (2.5 million miles).");
        assert_eq!(
            hits[0].message,
            "1.5 million km is about 0.9 million miles, not 2.5 million; correct the figure in parentheses."
        );
    }

    #[test]
    fn odd_unicode_around_conversions_never_panics() {
        let odd = [
            "It lies 64 kilometers (60 miles\u{301}) north.",
            "日本 64 km (60 mi) 🎉 ١٢ km (٣ miles)",
            "−40°C (−40°F) and −40°C (40°F)",
            "1.5 million km (2.5\u{a0}million miles)",
            "64\u{a0}km\u{a0}(60\u{a0}miles",
        ];
        for text in odd {
            let mut ends: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            ends.push(text.len());
            for end in ends {
                let part = &text[..end];
                for hit in check_numbers(part) {
                    assert!(part.get(hit.range.clone()).is_some(), "{part:?}: {hit:?}");
                }
            }
        }
    }

    #[test]
    fn figures_given_two_ways_are_found() {
        let cases: [(&str, &[(Rule, &str)]); 9] = [
            (
                "It lies 64 kilometers (40 miles) north, or 64 kilometers (43 miles) by road.",
                &[(Rule::FigureMismatch, "43")],
            ),
            ("It lies 40 miles away. The road is forty miles long.", &[(Rule::FigureMismatch, "forty")]),
            ("Some 1.5 million people fled; 1,500,000 people returned.", &[(Rule::FigureMismatch, "1,500,000")]),
            ("Two drones came. Then 2 drones left.", &[]),
            ("It sent two drones, then three drones, then 4 drones.", &[]),
            ("It sent two drones, then 2 drones.", &[(Rule::FigureMismatch, "2")]),
            ("One of them and 1 of those.", &[]),
            ("It lies 40 miles away and 40 miles more.", &[]),
            ("It lies 64 kilometers (40 miles) and then 64 kilometers (40 miles).", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), expected.to_vec(), "{text}");
        }
    }

    #[test]
    fn rounding_follows_the_stated_number() {
        assert_eq!(round_like(39.77, "60"), "40");
        assert_eq!(round_like(932.06, "1,200"), "930");
        assert_eq!(round_like(1.553, "2.5"), "1.6");
        assert_eq!(round_like(3.1, "8"), "3");
        assert_eq!(round_like(0.31, "8"), "0.3");
        assert_eq!(round_like(62_137.1, "9"), "62,137");
        assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
    }
}
