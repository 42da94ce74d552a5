//! The automatic checks by name: each rule's id (used in `project.ron` and
//! in `copydesk check --json`), what it is called, and how much it matters
//! until a project says otherwise.

use crate::model::CheckLevel;

/// One automatic check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Rule {
    /// Headline, byline, dateline, section or body is empty.
    RequiredField,
    /// The headline is over the project's limit.
    HeadlineLength,
    /// The dek is over the project's limit.
    DekLength,
    /// The body is far from its target length.
    BodyLength,
    /// A photo without a caption.
    PhotoCaption,
    /// A photo without a credit.
    PhotoCredit,
    /// A photo without alt text.
    PhotoAltText,
    /// Photos but no lead photo.
    LeadPhoto,
    /// A photo's usage terms expire before the story runs.
    UsageExpired,
    /// Credit lines in different formats within one story.
    CreditFormat,
    /// A caption naming people or places the story never mentions.
    CaptionBelongs,
    /// TK, XX, lorem ipsum, [[…]], INSERT left in.
    Placeholder,
    /// A quotation mark opened and not closed (or the reverse).
    UnbalancedQuotes,
    /// A parenthesis or bracket opened and not closed (or the reverse).
    UnbalancedBrackets,
    /// A paragraph or caption without final punctuation.
    FinalPunctuation,
    /// The same word twice in a row.
    DoubledWord,
    /// Two spaces in a row, or spaces at a paragraph's end.
    DoubleSpace,
    /// A space before a comma, full stop or other punctuation.
    SpaceBeforePunctuation,
    /// Web-page leftovers: "Read more", "can also be accessed at", links.
    Boilerplate,
    /// The same sentence or paragraph twice.
    DuplicateText,
    /// A measurement whose conversion in parentheses disagrees.
    ConversionMismatch,
    /// The same figure given differently in two places.
    FigureMismatch,
    /// Spelling and grammar marks still open.
    ProofingMarks,
    /// A word or phrase the house style list says to avoid.
    HouseStyle,
    /// A suggested insertion or deletion not yet accepted or rejected.
    PendingSuggestions,
    /// A comment on the text not yet resolved.
    OpenComments,
    /// A name spelled two ways in one story ("Soleimani" and "Suleimani").
    NameSpelling,
    /// A weekday that does not fit the date beside it.
    WeekdayMismatch,
    /// A date that does not exist (February 30).
    ImpossibleDate,
    /// An age that disagrees with a birth date the story gives.
    AgeMismatch,
}

impl Rule {
    /// Every rule, in the order the Review panel lists them.
    pub const ALL: [Rule; 30] = [
        Rule::RequiredField,
        Rule::HeadlineLength,
        Rule::DekLength,
        Rule::BodyLength,
        Rule::PhotoCaption,
        Rule::PhotoCredit,
        Rule::PhotoAltText,
        Rule::LeadPhoto,
        Rule::UsageExpired,
        Rule::CreditFormat,
        Rule::CaptionBelongs,
        Rule::Placeholder,
        Rule::UnbalancedQuotes,
        Rule::UnbalancedBrackets,
        Rule::FinalPunctuation,
        Rule::DoubledWord,
        Rule::DoubleSpace,
        Rule::SpaceBeforePunctuation,
        Rule::Boilerplate,
        Rule::DuplicateText,
        Rule::ConversionMismatch,
        Rule::FigureMismatch,
        Rule::ProofingMarks,
        Rule::HouseStyle,
        Rule::PendingSuggestions,
        Rule::OpenComments,
        Rule::NameSpelling,
        Rule::WeekdayMismatch,
        Rule::ImpossibleDate,
        Rule::AgeMismatch,
    ];

    /// The rule's id in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Rule::RequiredField => "required-field",
            Rule::HeadlineLength => "headline-length",
            Rule::DekLength => "dek-length",
            Rule::BodyLength => "body-length",
            Rule::PhotoCaption => "photo-caption",
            Rule::PhotoCredit => "photo-credit",
            Rule::PhotoAltText => "photo-alt-text",
            Rule::LeadPhoto => "lead-photo",
            Rule::UsageExpired => "usage-expired",
            Rule::CreditFormat => "credit-format",
            Rule::CaptionBelongs => "caption-belongs",
            Rule::Placeholder => "placeholder",
            Rule::UnbalancedQuotes => "unbalanced-quotes",
            Rule::UnbalancedBrackets => "unbalanced-brackets",
            Rule::FinalPunctuation => "final-punctuation",
            Rule::DoubledWord => "doubled-word",
            Rule::DoubleSpace => "double-space",
            Rule::SpaceBeforePunctuation => "space-before-punctuation",
            Rule::Boilerplate => "boilerplate",
            Rule::DuplicateText => "duplicate-text",
            Rule::ConversionMismatch => "conversion-mismatch",
            Rule::FigureMismatch => "figure-mismatch",
            Rule::ProofingMarks => "proofing-marks",
            Rule::HouseStyle => "house-style",
            Rule::PendingSuggestions => "pending-suggestions",
            Rule::OpenComments => "open-comments",
            Rule::NameSpelling => "name-spelling",
            Rule::WeekdayMismatch => "weekday-date",
            Rule::ImpossibleDate => "impossible-date",
            Rule::AgeMismatch => "age-birth-date",
        }
    }

    /// The rule with `id`, if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.id() == id)
    }

    /// What the rule checks, for the settings list.
    pub fn label(self) -> &'static str {
        match self {
            Rule::RequiredField => "Headline, byline, dateline, section and body are filled in",
            Rule::HeadlineLength => "Headline within its limit",
            Rule::DekLength => "Dek within its limit",
            Rule::BodyLength => "Body near its target length",
            Rule::PhotoCaption => "Every photo has a caption",
            Rule::PhotoCredit => "Every photo has a credit",
            Rule::PhotoAltText => "Every photo has alt text",
            Rule::LeadPhoto => "A lead photo is chosen",
            Rule::UsageExpired => "Photo usage terms not expired",
            Rule::CreditFormat => "Credit lines follow one format",
            Rule::CaptionBelongs => "Captions name only what the story names",
            Rule::Placeholder => "No placeholder text (TK, XX, lorem ipsum)",
            Rule::UnbalancedQuotes => "Quotation marks closed",
            Rule::UnbalancedBrackets => "Parentheses and brackets closed",
            Rule::FinalPunctuation => "Paragraphs and captions end with punctuation",
            Rule::DoubledWord => "No doubled words",
            Rule::DoubleSpace => "No double spaces",
            Rule::SpaceBeforePunctuation => "No space before punctuation",
            Rule::Boilerplate => "No leftover web boilerplate",
            Rule::DuplicateText => "No repeated sentences or paragraphs",
            Rule::ConversionMismatch => "Unit conversions agree",
            Rule::FigureMismatch => "Figures stated the same way throughout",
            Rule::ProofingMarks => "No open spelling and grammar marks",
            Rule::HouseStyle => "House style list followed",
            Rule::PendingSuggestions => "Pending suggestions: accept or reject each",
            Rule::OpenComments => "Open comments: resolve each",
            Rule::NameSpelling => "Names spelled one way throughout",
            Rule::WeekdayMismatch => "Weekdays fit their dates",
            Rule::ImpossibleDate => "Dates exist",
            Rule::AgeMismatch => "Ages agree with birth dates",
        }
    }

    /// How much the rule matters when the project does not say.
    pub fn default_level(self) -> CheckLevel {
        match self {
            Rule::RequiredField
            | Rule::HeadlineLength
            | Rule::PhotoCaption
            | Rule::PhotoCredit
            | Rule::UsageExpired
            | Rule::CaptionBelongs
            | Rule::Placeholder
            | Rule::UnbalancedQuotes
            | Rule::Boilerplate
            | Rule::ConversionMismatch
            | Rule::PendingSuggestions
            | Rule::OpenComments
            | Rule::NameSpelling
            | Rule::WeekdayMismatch
            | Rule::ImpossibleDate
            | Rule::AgeMismatch => CheckLevel::Required,
            Rule::DekLength
            | Rule::BodyLength
            | Rule::PhotoAltText
            | Rule::LeadPhoto
            | Rule::CreditFormat
            | Rule::UnbalancedBrackets
            | Rule::FinalPunctuation
            | Rule::DoubledWord
            | Rule::DoubleSpace
            | Rule::SpaceBeforePunctuation
            | Rule::DuplicateText
            | Rule::FigureMismatch
            | Rule::ProofingMarks
            | Rule::HouseStyle => CheckLevel::Recommended,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }
}
