//! Dates and ages: a weekday that does not fit the date beside it
//! ("Wednesday, Dec. 29, 2016" — a Thursday), a date that does not exist
//! ("Feb. 30", "June 31, 2020", "Feb. 29, 2019"), and an age that
//! disagrees with the birth date the story gives ("Smith, 52," beside
//! "born March 3, 1970" in a story dated 2026).
//!
//! Dates are read as news copy writes them: AP style ("Dec. 29, 2016",
//! "Thursday, Dec. 29", "March 3, 1970"), British ("3 January 2020",
//! "Friday 3 January") and ISO ("2020-01-03"). Month names count in full
//! or as AP abbreviates them (Jan., Feb., Aug., Sept. or Sep., Oct., Nov.,
//! Dec.) and only capitalised ("may 3" is not a date); weekdays in full.
//!
//! Like the other text rules these miss a doubtful case rather than nag:
//!
//! - A weekday is read with a date only when the date follows it at once,
//!   after ", ", " " or " (" (and then the date must close the
//!   parenthesis): "on Monday. Dec. 29, 2016 was…" is two things. A date
//!   without a year is read in the year that puts it nearest the story's
//!   date ("Monday, Jan. 3" in a story of Dec. 30, 2019 is in 2020), and
//!   without a story date it is not checked.
//! - A date without a year counts as impossible only for days 30 and 31
//!   (Feb. 29 may be a leap year's), and in month-first order only when it
//!   reads as a date: after "on" or a weekday, or before punctuation or
//!   the end of a line — "In April 31 people died" is a count. Days past
//!   31 count only with a year ("Jan. 32, 2020"); "May 40 people" is not a
//!   date.
//! - Ages are compared only when the text gives exactly one full birth
//!   date ("born March 3, 1970", "(born 3 March 1970)", "born in Paris on
//!   …") and exactly one age in that same paragraph, written as a present
//!   age: "Smith, 52,", "the 52-year-old" (not "as a 16-year-old"), ",
//!   aged 52" or "(aged 52" (not "left school aged 16"). An age that is
//!   right within a month either side of the story's date passes (the
//!   story may run late or be written ahead), and a birth date more than
//!   110 years back is history, not a living person's age.
//!
//! All ranges are byte ranges of the checked text on char boundaries;
//! nothing here indexes or slices without `get`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Match, Regex};

use super::{Hit, Rule, Suggestion};
use crate::model::Timestamp;

/// The months in order: the full name and the AP abbreviations.
const MONTHS: [(&str, &[&str]); 12] = [
    ("January", &["Jan."]),
    ("February", &["Feb."]),
    ("March", &[]),
    ("April", &[]),
    ("May", &[]),
    ("June", &[]),
    ("July", &[]),
    ("August", &["Aug."]),
    ("September", &["Sept.", "Sep."]),
    ("October", &["Oct."]),
    ("November", &["Nov."]),
    ("December", &["Dec."]),
];

/// The weekdays from Monday, as `time` counts them.
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Whitespace between the words of a date: spaces (no-break ones too) with
/// at most one line break, so a date never runs across a blank line.
const SP: &str = r"(?:[ \t\x{a0}]+|[ \t\x{a0}]*\r?\n[ \t\x{a0}]*)";

/// A capitalised word, for names of people and places.
const CAPITALISED: &str = r"\p{Lu}[\p{L}'’.\-]*";

/// The oldest age read as a living person's.
const OLDEST: i32 = 110;

/// How many days either side of the story's date an age may be right on.
const AGE_SLACK_DAYS: i64 = 31;

/// Any month name or abbreviation. A full name must end a word ("May" is
/// not "Mayfair"); an abbreviation ends with its full stop.
fn month_pattern() -> String {
    let names: Vec<String> = MONTHS
        .iter()
        .flat_map(|(full, short)| {
            std::iter::once(format!(r"{full}(?-u:\b)")).chain(short.iter().map(|name| regex::escape(name)))
        })
        .collect();
    format!("(?:{})", names.join("|"))
}

/// A date in one of the three orders, as the group `date`: ISO
/// (`iso_y`, `iso_m`, `iso_d`), day first (`gb_d`, `gb_m`, maybe `gb_y`)
/// or month first (`us_m`, `us_d`, maybe `us_y`). Word boundaries are
/// ASCII ones, as in `numbers.rs`, so the regex keeps its fast automaton.
fn date_pattern() -> String {
    let months = month_pattern();
    let ordinal = "(?:st|nd|rd|th)?";
    format!(
        r"(?P<date>(?-u:\b)(?P<iso_y>[0-9]{{4}})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})|(?-u:\b)(?P<gb_d>[0-9]{{1,2}}){ordinal}{SP}(?P<gb_m>{months})(?:,?{SP}(?P<gb_y>[0-9]{{4}})(?-u:\b))?|(?-u:\b)(?P<us_m>{months}){SP}(?P<us_d>[0-9]{{1,2}}){ordinal}(?-u:\b)(?:,?{SP}(?P<us_y>[0-9]{{4}})(?-u:\b))?)"
    )
}

/// A date, maybe with a weekday right before it (`weekday`, then `sep`:
/// ", ", " (" or a space) and a closing parenthesis after (`close`).
static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let weekdays = WEEKDAYS.join("|");
    let date = date_pattern();
    Regex::new(&format!(r"(?:(?-u:\b)(?P<weekday>{weekdays})(?P<sep>,{SP}|{SP}\(|{SP}))?{date}(?P<close>\))?")).ok()
});

/// "born" and the birth date after it: "born March 3, 1970", "born on 3
/// March 1970", "born in Paris, France, on March 3, 1970".
static BIRTH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"(?-u:\b)[Bb]orn(?:{SP}(?:in|at){SP}{CAPITALISED}(?:,?{SP}{CAPITALISED}){{0,3}},?)?(?:{SP}on)?{SP}{date}"
    ))
    .ok()
});

/// A present age: "Smith, 52," (`name`, `after_name`), "52-year-old"
/// (`year_old`), ", aged 52" or "(aged 52" (`aged`).
static AGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{CAPITALISED}),{SP}(?P<after_name>[0-9]{{1,3}}),|(?-u:\b)(?P<year_old>[0-9]{{1,3}})-year-old(?-u:\b)|[,(]{SP}?aged{SP}(?P<aged>[0-9]{{1,3}})(?-u:\b)"
    ))
    .ok()
});

/// Every date and age check on `text`, in text order. `reference` is the
/// story's date (year, month, day): a date without a year is read in the
/// year that puts it nearest, and ages are worked out on it; without one,
/// those two checks are skipped.
pub(super) fn check_dates(text: &str, reference: Option<(i32, u32, u32)>) -> Vec<Hit> {
    let mut hits = weekdays_and_impossible_dates(text, reference);
    hits.extend(ages(text, reference));
    hits.sort_by_key(|hit| (hit.range.start, hit.range.end));
    hits
}

/// The story's date for [`check_dates`]: the day of `at` in the offset it
/// was written with.
pub(super) fn story_date(at: Timestamp) -> (i32, u32, u32) {
    let date = at.0.date();
    (date.year(), u32::from(u8::from(date.month())), u32::from(date.day()))
}

/// Which way round a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// "Dec. 29, 2016".
    MonthDay,
    /// "29 December 2016".
    DayMonth,
    /// "2016-12-29".
    Iso,
}

/// A date as the text writes it.
#[derive(Clone, Debug)]
struct Written {
    /// The year, if it is written.
    year: Option<i32>,
    /// 1 to 12.
    month: u32,
    /// 1 or more (it may be more than the month has).
    day: u32,
    /// Which way round.
    order: Order,
    /// Where it is in the text.
    range: Range<usize>,
}

impl Written {
    /// The date from a match of [`date_pattern`], if its groups make one:
    /// day 0, ISO months outside 1–12 and ISO days past 31 are not dates.
    fn from_captures(captures: &Captures<'_>) -> Option<Written> {
        let range = captures.name("date")?.range();
        let number = |name: &str| captures.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = |name: &str| captures.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let (year, month, day, order) = if let Some(month) = number("iso_m") {
            let day = number("iso_d").filter(|day| *day <= 31)?;
            (Some(year("iso_y")?), month, day, Order::Iso)
        } else if let Some(month) = captures.name("gb_m") {
            (year("gb_y"), month_number(month.as_str())?, number("gb_d")?, Order::DayMonth)
        } else {
            (year("us_y"), month_number(captures.name("us_m")?.as_str())?, number("us_d")?, Order::MonthDay)
        };
        ((1..=12).contains(&month) && day > 0).then_some(Written { year, month, day, order, range })
    }

    /// Whether the month has the day (a February 29 without a year may be
    /// a leap year's).
    fn exists(&self) -> bool {
        self.day <= days_in_month(self.year, self.month)
    }
}

/// The month a name or AP abbreviation stands for, 1 to 12.
fn month_number(name: &str) -> Option<u32> {
    let index = MONTHS.iter().position(|(full, short)| *full == name || short.contains(&name))?;
    u32::try_from(index + 1).ok()
}

/// Whether `year` has a February 29.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days `month` has in `year`; February has 29 when the year is
/// not known.
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 if year.is_some_and(|year| !is_leap(year)) => 28,
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The calendar date, if it exists.
fn calendar_date(year: i32, month: u32, day: u32) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// `text[range]` with its whitespace runs as single spaces, or "" if the
/// range is not valid.
fn flat(text: &str, range: &Range<usize>) -> String {
    text.get(range.clone()).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The char starting at byte `at` of `text`.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|after| after.chars().next())
}

/// Weekdays that do not fit their dates, and dates that do not exist.
fn weekdays_and_impossible_dates(text: &str, reference: Option<(i32, u32, u32)>) -> Vec<Hit> {
    let Some(regex) = DATE.as_ref() else { return Vec::new() };
    let mut hits = Vec::new();
    for captures in regex.captures_iter(text) {
        let Some(date) = Written::from_captures(&captures) else { continue };
        if !stands_alone(text, &date) {
            continue;
        }
        let weekday = weekday_beside(&captures);
        if !date.exists() {
            if surely_a_date(text, &date, weekday.is_some()) {
                hits.push(impossible_hit(text, &date));
            }
            continue;
        }
        if let Some(weekday) = weekday {
            hits.extend(weekday_hit(text, &date, weekday, reference));
        }
    }
    hits
}

/// Whether the date is not part of a bigger number or code: not right
/// after a digit and a comma, full stop, hyphen or slash ("1,31 May",
/// "555-2019-02-30"), and an ISO date not followed by a digit or hyphen.
fn stands_alone(text: &str, date: &Written) -> bool {
    let before = text.get(..date.range.start).unwrap_or("");
    let mut back = before.chars().rev();
    let joined_before =
        matches!(back.next(), Some(',' | '.' | '-' | '/')) && back.next().is_some_and(|c| c.is_ascii_digit());
    let joined_after =
        date.order == Order::Iso && char_at(text, date.range.end).is_some_and(|c| c.is_ascii_digit() || c == '-');
    !joined_before && !joined_after
}

/// The weekday written right before the date, if there is one (and, when
/// it opens a parenthesis, the date closes it).
fn weekday_beside<'t>(captures: &Captures<'t>) -> Option<Match<'t>> {
    let weekday = captures.name("weekday")?;
    let opens = captures.name("sep").is_some_and(|sep| sep.as_str().contains('('));
    (!opens || captures.name("close").is_some()).then_some(weekday)
}

/// Whether a date that does not exist is surely meant as a date: with a
/// year, day first, after a weekday, or — month first without a year —
/// for days 30 and 31 after "on" or before punctuation or a line's end
/// ("on April 31", "April 31." but not "In April 31 people died").
fn surely_a_date(text: &str, date: &Written, after_weekday: bool) -> bool {
    if date.year.is_some() || date.order == Order::Iso {
        return true;
    }
    if date.day > 31 {
        return false;
    }
    if date.order == Order::DayMonth || after_weekday {
        return true;
    }
    let before = text.get(..date.range.start).unwrap_or("").trim_end();
    let after_on = ["on", "On"].iter().any(|on| {
        before.strip_suffix(on).is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
    });
    let ends = match char_at(text, date.range.end) {
        None => true,
        Some(c) => matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '’' | '"' | '\'' | '\n' | '\r'),
    };
    after_on || ends
}

/// The hit for a date that does not exist.
fn impossible_hit(text: &str, date: &Written) -> Hit {
    let written = flat(text, &date.range);
    let index = usize::try_from(date.month.saturating_sub(1)).unwrap_or(usize::MAX);
    let month = MONTHS.get(index).map_or("The month", |(full, _)| full);
    let length = days_in_month(date.year, date.month);
    let message = match (date.month, date.year) {
        (2, Some(year)) if date.day <= 29 => {
            format!("There is no {written}: February has 28 days in {year}, not a leap year; check the date.")
        }
        (2, _) => format!("There is no {written}: February has 28 days, 29 in a leap year; check the date."),
        _ => format!("There is no {written}: {month} has {length} days; check the date."),
    };
    Hit { rule: Rule::ImpossibleDate, range: date.range.clone(), message, suggestion: None }
}

/// The year among the reference's, the one before and the one after in
/// which the month and day fall nearest the reference date.
fn nearest_year(month: u32, day: u32, reference: (i32, u32, u32)) -> Option<i32> {
    let (year, ref_month, ref_day) = reference;
    let on = calendar_date(year, ref_month, ref_day)?.to_julian_day();
    (year.saturating_sub(1)..=year.saturating_add(1))
        .filter_map(|candidate| calendar_date(candidate, month, day).map(|date| (candidate, date.to_julian_day())))
        .min_by_key(|(_, julian)| (julian - on).abs())
        .map(|(candidate, _)| candidate)
}

/// The hit for a weekday that does not fit its date, with the right one as
/// the fix; none when it fits or the year is unknown.
fn weekday_hit(text: &str, date: &Written, weekday: Match<'_>, reference: Option<(i32, u32, u32)>) -> Option<Hit> {
    let (year, assumed) = match date.year {
        Some(year) => (year, false),
        None => (nearest_year(date.month, date.day, reference?)?, true),
    };
    let actual = calendar_date(year, date.month, date.day)?.weekday();
    let right = *WEEKDAYS.get(usize::from(actual.number_days_from_monday()))?;
    let wrong = weekday.as_str();
    if right == wrong {
        return None;
    }
    let written = flat(text, &date.range);
    let when = if assumed { format!("{written} is a {right} in {year}") } else { format!("{written} is a {right}") };
    let message = format!("{when}, not a {wrong}; correct the weekday or the date.");
    let suggestion = Suggestion { label: format!("Write “{right}”"), replacement: right.to_owned() };
    Some(Hit { rule: Rule::WeekdayMismatch, range: weekday.range(), message, suggestion: Some(suggestion) })
}

/// A person's age as the text gives it.
#[derive(Clone, Debug)]
struct Age {
    /// The age in years.
    years: i32,
    /// Where the number is in the text.
    range: Range<usize>,
}

/// An age that disagrees with the text's one birth date, in the birth
/// date's paragraph (see the module's notes for what is left alone).
fn ages(text: &str, reference: Option<(i32, u32, u32)>) -> Vec<Hit> {
    let Some(on) = reference.and_then(|(year, month, day)| calendar_date(year, month, day)) else {
        return Vec::new();
    };
    let Some((birth, written)) = only_birth_date(text) else { return Vec::new() };
    let Some(paragraph) = paragraphs(text).into_iter().find(|p| p.contains(&written.range.start)) else {
        return Vec::new();
    };
    let found = ages_in(text, paragraph);
    let [age] = found.as_slice() else { return Vec::new() };
    let computed = years_between(birth, on);
    if !(0..=OLDEST).contains(&computed) {
        return Vec::new();
    }
    let slack = time::Duration::days(AGE_SLACK_DAYS);
    let near = [on.checked_sub(slack), Some(on), on.checked_add(slack)];
    if near.iter().flatten().any(|day| years_between(birth, *day) == age.years) {
        return Vec::new();
    }
    let message = format!(
        "A birth date of {} makes the age {computed} on the story’s date ({}), not {}; correct the age or the birth date.",
        flat(text, &written.range),
        on,
        age.years
    );
    let suggestion = Suggestion { label: format!("Write {computed}"), replacement: computed.to_string() };
    vec![Hit { rule: Rule::AgeMismatch, range: age.range.clone(), message, suggestion: Some(suggestion) }]
}

/// The text's birth date, when it gives exactly one with a full date and
/// year ("born March 3, 1970"): the date and where it is written.
fn only_birth_date(text: &str) -> Option<(time::Date, Written)> {
    let regex = BIRTH.as_ref()?;
    let mut births = regex.captures_iter(text).filter_map(|captures| {
        let written = Written::from_captures(&captures)?;
        let date = calendar_date(written.year?, written.month, written.day)?;
        Some((date, written))
    });
    let first = births.next()?;
    births.next().is_none().then_some(first)
}

/// Whole years from `birth` to `on`.
fn years_between(birth: time::Date, on: time::Date) -> i32 {
    let before_birthday = (u8::from(on.month()), on.day()) < (u8::from(birth.month()), birth.day());
    on.year() - birth.year() - i32::from(before_birthday)
}

/// The paragraphs of `text` as byte ranges: runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for piece in text.split_inclusive('\n') {
        let line = offset..offset + piece.len();
        offset = line.end;
        if piece.trim().is_empty() {
            out.extend(current.take());
        } else {
            current = Some(current.map_or(line.clone(), |para| para.start..line.end));
        }
    }
    out.extend(current);
    out
}

/// The present ages written in `paragraph` of `text` (see [`AGE`]), leaving
/// out a month or weekday before ", 29," a number going on after its comma
/// ("Smith, 52,000") and "as a 16-year-old".
fn ages_in(text: &str, paragraph: Range<usize>) -> Vec<Age> {
    let (Some(regex), Some(own)) = (AGE.as_ref(), text.get(paragraph.clone())) else { return Vec::new() };
    let mut out = Vec::new();
    for captures in regex.captures_iter(own) {
        let number = if let Some(number) = captures.name("after_name") {
            let name = captures.name("name").map_or("", |m| m.as_str());
            let end = captures.get(0).map_or(0, |m| m.end());
            let dated = month_number(name).is_some() || WEEKDAYS.contains(&name);
            if dated || char_at(own, end).is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            number
        } else if let Some(number) = captures.name("year_old") {
            if after_as_a(own.get(..number.start()).unwrap_or("")) {
                continue;
            }
            number
        } else if let Some(number) = captures.name("aged") {
            number
        } else {
            continue;
        };
        let Ok(years) = number.as_str().parse::<i32>() else { continue };
        if (1..=130).contains(&years) {
            let range = paragraph.start + number.start()..paragraph.start + number.end();
            out.push(Age { years, range });
        }
    }
    out
}

/// Whether `before` ends with the words "as a" or "as an" (a past age:
/// "as a 16-year-old").
fn after_as_a(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    matches!(words.as_slice(), [article, as_word] if matches!(*article, "a" | "an") && as_word.eq_ignore_ascii_case("as"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

    use super::*;

    /// A story date, or none.
    type Reference = Option<(i32, u32, u32)>;

    /// The story date most tests use: Nov. 25, 2026.
    const NOV_25_2026: Reference = Some((2026, 11, 25));

    /// The (rule, hit text, replacement) triples for `text`.
    fn found(text: &str, reference: Reference) -> Vec<(Rule, &str, Option<String>)> {
        check_dates(text, reference)
            .into_iter()
            .map(|hit| (hit.rule, &text[hit.range], hit.suggestion.map(|s| s.replacement)))
            .collect()
    }

    #[test]
    fn patterns_compile() {
        assert!(DATE.is_some());
        assert!(BIRTH.is_some());
        assert!(AGE.is_some());
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Sep."), Some(9));
        assert_eq!(month_number("Mar."), None);
        assert_eq!(story_date(Timestamp(time::macros::datetime!(2016-12-29 23:30 -05:00))), (2016, 12, 29));
    }

    #[test]
    fn weekdays_that_do_not_fit_are_found() {
        let cases: [(&str, Reference, &str, &str); 11] = [
            ("The hearing is on Wednesday, Dec. 29, 2016, in Leeds.", None, "Wednesday", "Thursday"),
            ("It opened Wednesday (Dec. 29, 2016) to crowds.", None, "Wednesday", "Thursday"),
            ("Voting ends Wednesday, Dec. 29.", Some((2016, 12, 1)), "Wednesday", "Thursday"),
            ("Voting ends Wednesday (Dec. 29).", Some((2016, 12, 1)), "Wednesday", "Thursday"),
            ("Talks resume on Monday, Jan. 3.", Some((2019, 12, 30)), "Monday", "Friday"),
            ("He died on Wednesday, 3 January 2020.", None, "Wednesday", "Friday"),
            ("He died on Wednesday 3 January 2020.", None, "Wednesday", "Friday"),
            ("The vote was held on Monday, March 3, 1970.", None, "Monday", "Tuesday"),
            ("The attacks came on Monday, Sept. 11, 2001.", None, "Monday", "Tuesday"),
            ("The attacks came on Monday, Sep. 11, 2001.", None, "Monday", "Tuesday"),
            ("It was filed Thursday, 2020-01-03.", None, "Thursday", "Friday"),
        ];
        for (text, reference, weekday, right) in cases {
            assert_eq!(
                found(text, reference),
                vec![(Rule::WeekdayMismatch, weekday, Some(right.to_owned()))],
                "{text}"
            );
        }
        let hits = check_dates("Voting ends Wednesday, Dec. 29.", Some((2016, 12, 1)));
        assert_eq!(hits[0].message, "Dec. 29 is a Thursday in 2016, not a Wednesday; correct the weekday or the date.");
        let hits = check_dates("On Wednesday, Dec. 29, 2016, it rained.", None);
        assert_eq!(hits[0].message, "Dec. 29, 2016 is a Thursday, not a Wednesday; correct the weekday or the date.");
        assert_eq!(hits[0].suggestion.as_ref().unwrap().label, "Write “Thursday”");
    }

    #[test]
    fn weekdays_that_fit_or_stand_apart_pass() {
        let fine: [(&str, Reference); 12] = [
            ("The hearing is on Thursday, Dec. 29, 2016, in Leeds.", None),
            ("Voting ends Thursday, Dec. 29.", Some((2016, 12, 1))),
            ("Voting ends Thursday, December 29th, 2016.", None),
            ("Talks resume on Friday, Jan. 3.", Some((2019, 12, 30))),
            ("He died on Friday, 3 January 2020.", None),
            ("It was filed Friday (2020-01-03).", None),
            ("Voting ends Wednesday, Dec. 29.", None),
            ("They met on Monday. Dec. 29, 2016 was a Thursday.", None),
            ("They met on Monday; Dec. 29, 2016 was a Thursday.", None),
            ("They met Monday and Dec. 29, 2016 too.", None),
            ("It opened Wednesday (Dec. 29, 2016, in some places).", None),
            ("It opened wednesday, Dec. 29, 2016.", None),
        ];
        for (text, reference) in fine {
            assert_eq!(found(text, reference), vec![], "{text}");
        }
    }

    #[test]
    fn dates_that_do_not_exist_are_found() {
        let cases: [(&str, &str); 12] = [
            ("The deadline is Feb. 30.", "Feb. 30"),
            ("It closed on June 31, 2020, after a vote.", "June 31, 2020"),
            ("The leap day Feb. 29, 2019 came and went.", "Feb. 29, 2019"),
            ("The vote is on April 31 in Leeds.", "April 31"),
            ("The vote is April 31, the council said.", "April 31"),
            ("The vote is set for 31 April 2021.", "31 April 2021"),
            ("The vote is set for 31 September in Leeds.", "31 September"),
            ("The order is dated 2019-02-29.", "2019-02-29"),
            ("It was signed Jan. 32, 2020.", "Jan. 32, 2020"),
            ("The talks end Thursday, Nov. 31.", "Nov. 31"),
            ("The talks end November 31st.", "November 31st"),
            ("It was filed 2019-02-30T10:00Z.", "2019-02-30"),
        ];
        for (text, date) in cases {
            let hits = found(text, NOV_25_2026);
            assert_eq!(hits, vec![(Rule::ImpossibleDate, date, None)], "{text}");
        }
        let messages = [
            ("It closed June 31, 2020.", "There is no June 31, 2020: June has 30 days; check the date."),
            (
                "It fell on Feb. 29, 2019.",
                "There is no Feb. 29, 2019: February has 28 days in 2019, not a leap year; check the date.",
            ),
            ("It is due Feb. 30.", "There is no Feb. 30: February has 28 days, 29 in a leap year; check the date."),
        ];
        for (text, message) in messages {
            assert_eq!(check_dates(text, None)[0].message, message);
        }
    }

    #[test]
    fn dates_that_exist_and_numbers_that_are_not_dates_pass() {
        let fine = [
            "The leap day Feb. 29, 2020 came and went.",
            "The year ends 31 December.",
            "The talks end Feb. 29.",
            "The order is dated 2020-02-29.",
            "In May 40 people died.",
            "In April 31 people died.",
            "By June 31 soldiers had been killed.",
            "It was signed Jan. 32 and sealed.",
            "The part number is 2019-13-45.",
            "The code 555-2019-02-30 was used.",
            "The ratio was 1,31 April to May.",
            "In march 31 marchers walked.",
            "The build 2019-02-301 shipped.",
        ];
        for text in fine {
            assert_eq!(found(text, NOV_25_2026), vec![], "{text}");
        }
    }

    #[test]
    fn ages_that_disagree_with_the_birth_date_are_found() {
        let cases: [(&str, &str, &str); 6] = [
            ("Jane Smith, 52, was born March 3, 1970, in Leeds.", "52", "56"),
            ("The 52-year-old (born 3 March 1970) spoke first.", "52", "56"),
            ("Smith, aged 52, was born on Dec. 29, 1970.", "52", "55"),
            ("Smith (aged 50) was born in Paris, France, on March 3, 1970.", "50", "56"),
            ("Born March 3, 1970, Smith, 57, said she would run.", "57", "56"),
            ("He said it.\n\nSmith, 52, was born March 3, 1970.\n\nJones, 40, agreed.", "52", "56"),
        ];
        for (text, age, right) in cases {
            assert_eq!(found(text, NOV_25_2026), vec![(Rule::AgeMismatch, age, Some(right.to_owned()))], "{text}");
        }
        let hits = check_dates("Smith, 52, was born March 3, 1970.", NOV_25_2026);
        assert_eq!(
            hits[0].message,
            "A birth date of March 3, 1970 makes the age 56 on the story’s date (2026-11-25), not 52; correct the age or the birth date."
        );
    }

    #[test]
    fn ages_that_agree_or_are_doubtful_pass() {
        let fine: [(&str, Reference); 11] = [
            ("Smith, 56, was born March 3, 1970.", NOV_25_2026),
            ("Smith, 52, was born March 3, 1970.", None),
            ("Smith, 55, was born Dec. 1, 1970.", NOV_25_2026),
            ("Smith, 56, was born Dec. 1, 1970, so turns 56 soon.", NOV_25_2026),
            ("Smith, 52, spoke.\n\nShe was born March 3, 1970.", NOV_25_2026),
            ("Smith, 52, was born March 3, 1970, and Jones May 1, 1960, or born May 2, 1961.", NOV_25_2026),
            ("Smith, 52, and Jones, 60, spoke; Smith was born March 3, 1970.", NOV_25_2026),
            ("Born March 3, 1970, she left home as a 16-year-old.", NOV_25_2026),
            ("Born 3 March 1970, she left school aged 16.", NOV_25_2026),
            ("Einstein, 76, was born March 14, 1879.", NOV_25_2026),
            ("Smith, 52, was born in 1970.", NOV_25_2026),
        ];
        for (text, reference) in fine {
            assert_eq!(found(text, reference), vec![], "{text}");
        }
    }

    #[test]
    fn odd_unicode_never_panics_and_ranges_stay_on_char_boundaries() {
        let odd = [
            "Wednesday,\u{a0}Dec.\u{a0}29,\u{a0}2016",
            "Wednesday,\nDec. 29, 2016",
            "Wednesday,\n\nDec. 29, 2016",
            "Feb. 3\u{301}0, 2019 é Feb. 30é",
            "日本 Dec. 31, Wednesday, 30 Februaryé ١٢ 🎉Feb. 30🎉",
            "Smith, 52,\u{200f} born 𝟙 March 1970 أحمد, 52, born March 3, 1970",
            "Wednesday, ",
            "Dec.",
            "31 ",
            "born ",
            "ΣΜΙΘ, 52, born 3 March 1970 — the 52-year-old’s",
            "\u{feff}Monday (2020-01-03)\r\n\r\nFriday (2020-01-03",
        ];
        for text in odd {
            for reference in [None, NOV_25_2026, Some((0, 0, 0)), Some((i32::MAX, 13, 40))] {
                let mut ends: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
                ends.push(text.len());
                for end in ends {
                    let part = &text[..end];
                    for hit in check_dates(part, reference) {
                        assert!(part.get(hit.range.clone()).is_some(), "{part:?}: {hit:?}");
                    }
                }
            }
        }
        assert_eq!(
            found("Wednesday,\u{a0}Dec.\u{a0}29,\u{a0}2016", None),
            vec![(Rule::WeekdayMismatch, "Wednesday", Some("Thursday".to_owned()))]
        );
        assert_eq!(found("Wednesday,\n\nDec. 29, 2016", None), vec![]);
    }
}
