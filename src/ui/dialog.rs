//! Modal questions the app is waiting on. The app owns them; `ui::dialogs`
//! draws them and reports the user's choice.

use std::path::PathBuf;

use std::collections::BTreeMap;

use crate::model::{CheckLevel, ChecklistItem, ProjectSettings, Slug, StyleEntry};
use crate::storage::Recovery;

/// What to do once the user has answered the unsaved-changes question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterSaveQuestion {
    /// Close the window.
    Close,
    /// Show the folder picker and open the chosen project.
    PickProject,
    /// Show the folder picker and create a project there.
    PickNewProject,
    /// Open the project in this folder.
    OpenProject(PathBuf),
}

/// A modal dialog.
#[derive(Debug)]
pub enum Dialog {
    /// The project has unsaved changes: save, discard or cancel?
    UnsavedChanges {
        /// What was asked for.
        then: AfterSaveQuestion,
    },
    /// Really delete this story?
    ConfirmDelete {
        /// The story.
        slug: Slug,
    },
    /// A new slug for a story.
    Rename {
        /// The story.
        slug: Slug,
        /// The slug as typed so far.
        text: String,
    },
    /// Unsaved work from an earlier run was found.
    Recovery(Box<Recovery>),
    /// Save the story's text as a named revision.
    SaveRevision {
        /// The story.
        slug: Slug,
        /// The name as typed so far.
        name: String,
    },
    /// The project's settings, being edited.
    ProjectSettings(Box<SettingsDraft>),
    /// A caption template to apply to several photos.
    CaptionTemplate {
        /// The photos.
        photos: Vec<crate::model::PhotoId>,
        /// The template as typed.
        template: String,
        /// Keep each caption and add the filled template after it.
        keep: bool,
    },
    /// The user's own preferences (the editor's name).
    Preferences {
        /// The name as typed so far.
        editor_name: String,
    },
    /// Start a story from a template: which one.
    NewFromTemplate {
        /// The templates' names.
        names: Vec<String>,
        /// The one chosen.
        chosen: String,
    },
    /// Save the selected story as a template: under which name.
    SaveAsTemplate {
        /// The name as typed.
        name: String,
        /// The names in use (saving under one replaces it).
        taken: Vec<String>,
    },
    /// Reopen a published story: as what, with which note or reason.
    Reopen {
        /// The choice and the note as typed.
        how: crate::model::Reopening,
        /// The project's correction wording, for the preview.
        wording: String,
    },
    /// Mark the story ready although required checks fail: why?
    OverrideReady {
        /// What fails, as the Review panel names it.
        failing: Vec<String>,
        /// The reason as typed.
        reason: String,
    },
    /// Export the selected story: in which format, and (when it is not
    /// ready) whether anyway.
    Export {
        /// The chosen format.
        format: crate::export::Format,
        /// The story's status, when it is not Ready or Published.
        not_ready: Option<crate::model::StoryStatus>,
        /// The editor agreed to export a story that is not ready.
        force: bool,
    },
    /// An export finished.
    ExportDone {
        /// The folder it went to.
        dir: std::path::PathBuf,
        /// Files written.
        files: usize,
        /// Photos exported without their pictures, and why.
        problems: Vec<String>,
    },
    /// A story changed on disk while it has unsaved edits here, or a sync
    /// merge left a conflict in it.
    OutsideChange(Box<OutsideChangeDraft>),
    /// A sync's merge left a conflict in the project settings or a photo's
    /// record: keep mine or take theirs.
    FileConflict {
        /// The file, with `/`.
        path: String,
        /// What both changed, as the merge named it.
        parts: Vec<String>,
    },
    /// Share the project: the shared repository's address as typed.
    Share {
        /// The address.
        url: String,
    },
    /// Clone a shared project: its address as typed.
    Clone {
        /// The address.
        url: String,
    },
    /// Saving failed (a read-only folder, a full disk): why, with Save as….
    SaveFailed {
        /// The error, with what to do.
        message: String,
    },
    /// Something went wrong, or something the user must know.
    Message {
        /// A short title.
        title: String,
        /// The full message.
        text: String,
    },
}

/// How the user answered a [`Dialog`]: it closes, and perhaps something is
/// to be done. Each dialog's buttons say exactly which command they mean.
#[derive(Debug)]
#[must_use]
pub enum Answer {
    /// Closed with nothing to do (Cancel, Escape, OK on a message).
    Dismissed,
    /// Closed; run this.
    Run(super::Command),
}

/// The languages a project can be checked in (BCP 47 tags and names).
pub const LANGUAGES: [(&str, &str); 4] = [
    ("en-US", "English (United States)"),
    ("en-GB", "English (United Kingdom)"),
    ("en-CA", "English (Canada)"),
    ("en-AU", "English (Australia)"),
];

/// Project settings as the settings dialog edits them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsDraft {
    /// Longest headline, in characters (0: no limit).
    pub headline_max_chars: u32,
    /// Longest dek, in characters (0: no limit).
    pub dek_max_chars: u32,
    /// Target length of a new story, in words.
    pub default_target_words: u32,
    /// BCP 47 language tag.
    pub language: String,
    /// The project dictionary, one word or name a line.
    pub dictionary: String,
    /// The project's names, one a line.
    pub names: String,
    /// The manual checklist, its levels as set in the dialog.
    pub checklist: Vec<ChecklistItem>,
    /// Automatic checks by rule id, each at its level.
    pub check_levels: BTreeMap<String, CheckLevel>,
    /// The house style list, one `avoid -> prefer | note` a line.
    pub house_style: String,
    /// Where exported pictures will be published.
    pub media_base_url: String,
    /// How a correction note reads (`{date}`, `{note}`).
    pub correction_wording: String,
    /// The story templates (the dialog lists them and removes them).
    pub templates: Vec<crate::model::Template>,
    /// The page of the dialog shown.
    pub page: SettingsPage,
    /// A new checklist item's label, as typed.
    pub new_item: String,
    /// A new checklist item's label for a template, by the template's
    /// place in the list, as typed.
    pub new_template_item: (usize, String),
}

/// The pages of the project settings dialog.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SettingsPage {
    /// Limits, language, dictionary, names.
    #[default]
    General,
    /// The manual checklist.
    Checklist,
    /// The automatic checks' levels.
    Checks,
    /// The house style list.
    HouseStyle,
}

impl SettingsDraft {
    /// A draft of `settings`.
    pub fn of(settings: &ProjectSettings) -> Self {
        SettingsDraft {
            headline_max_chars: settings.headline_max_chars,
            dek_max_chars: settings.dek_max_chars,
            default_target_words: settings.default_target_words,
            language: settings.language.clone(),
            dictionary: settings.dictionary.join("\n"),
            names: settings.names.join("\n"),
            checklist: settings.checklist.clone(),
            check_levels: settings.check_levels.clone(),
            house_style: settings.house_style.iter().map(style_line).collect::<Vec<_>>().join("\n"),
            media_base_url: settings.media_base_url.clone(),
            correction_wording: settings.correction_wording.clone(),
            templates: settings.templates.clone(),
            page: SettingsPage::General,
            new_item: String::new(),
            new_template_item: (0, String::new()),
        }
    }

    /// The settings the draft describes: dictionary and names lines
    /// trimmed, blank ones and repeats dropped, sorted as the project keeps
    /// them.
    pub fn settings(&self) -> ProjectSettings {
        ProjectSettings {
            headline_max_chars: self.headline_max_chars,
            dek_max_chars: self.dek_max_chars,
            default_target_words: self.default_target_words,
            language: self.language.trim().to_owned(),
            dictionary: word_list(&self.dictionary),
            names: word_list(&self.names),
            checklist: self.checklist.clone(),
            check_levels: self.check_levels.clone(),
            house_style: self.house_style.lines().filter_map(parse_style_line).collect(),
            media_base_url: self.media_base_url.trim().to_owned(),
            correction_wording: self.correction_wording.trim().to_owned(),
            templates: self.templates.clone(),
        }
    }
}

impl SettingsDraft {
    /// Adds a checklist item labelled `new_item` (required, covering the
    /// body), with an id made from its label; nothing for a blank label.
    pub fn add_item(&mut self) {
        if let Some(item) = new_item(&self.new_item, |id| self.checklist.iter().any(|item| item.id == id)) {
            self.checklist.push(item);
        }
        self.new_item.clear();
    }

    /// Adds a checklist item labelled as [`Self::new_template_item`] says to
    /// that template, with an id neither the project's items nor the
    /// template's use; nothing for a blank label.
    pub fn add_template_item(&mut self) {
        let (index, label) = std::mem::take(&mut self.new_template_item);
        let Some(template) = self.templates.get(index) else { return };
        let taken = |id: &str| self.checklist.iter().chain(&template.checklist).any(|item| item.id == id);
        if let Some(item) = new_item(&label, taken)
            && let Some(template) = self.templates.get_mut(index)
        {
            template.checklist.push(item);
        }
    }
}

/// A required checklist item covering the body, labelled `label`, its id
/// made from the label and not `taken`; `None` for a blank label.
fn new_item(label: &str, taken: impl Fn(&str) -> bool) -> Option<ChecklistItem> {
    let label = label.trim().to_owned();
    if label.is_empty() {
        return None;
    }
    let base = Slug::from_title(&label);
    let mut id = base.to_string();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    Some(ChecklistItem { id, label, level: CheckLevel::Required, covers: vec![crate::model::Covered::Body] })
}

/// One entry a line: trimmed, blank lines and repeats dropped, sorted
/// ignoring case (as the project keeps its dictionary and names).
fn word_list(text: &str) -> Vec<String> {
    let mut words: Vec<String> =
        text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect();
    // Case first, then the exact text, so repeats sit side by side.
    words.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b)));
    words.dedup();
    words
}

/// A house style entry as one line of the settings dialog.
fn style_line(entry: &StyleEntry) -> String {
    let mut line = entry.avoid.clone();
    if !entry.prefer.is_empty() {
        line.push_str(" -> ");
        line.push_str(&entry.prefer);
    }
    if !entry.note.is_empty() {
        line.push_str(" | ");
        line.push_str(&entry.note);
    }
    line
}

/// One `avoid -> prefer | note` line; `None` for a blank line.
fn parse_style_line(line: &str) -> Option<StyleEntry> {
    let (entry, note) = line.split_once('|').unwrap_or((line, ""));
    let (avoid, prefer) = entry.split_once("->").unwrap_or((entry, ""));
    let avoid = avoid.trim();
    (!avoid.is_empty()).then(|| StyleEntry {
        avoid: avoid.to_owned(),
        prefer: prefer.trim().to_owned(),
        note: note.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_style_lines_round_trip_and_blank_lines_go() {
        let draft = SettingsDraft {
            house_style: "martyred -> killed | Neutral wording\n\n  Daesh ->  Islamic State group \nliterally\n".into(),
            ..SettingsDraft::of(&ProjectSettings::default())
        };
        let settings = draft.settings();
        let entries: Vec<(&str, &str, &str)> =
            settings.house_style.iter().map(|e| (e.avoid.as_str(), e.prefer.as_str(), e.note.as_str())).collect();
        assert_eq!(
            entries,
            [("martyred", "killed", "Neutral wording"), ("Daesh", "Islamic State group", ""), ("literally", "", "")]
        );
        assert_eq!(
            SettingsDraft::of(&settings).house_style,
            "martyred -> killed | Neutral wording\nDaesh -> Islamic State group\nliterally"
        );
    }

    #[test]
    fn names_are_one_a_line_trimmed_sorted_and_without_repeats() {
        let draft = SettingsDraft {
            names: " Soleimani\n\nIRGC\nQayara \nSoleimani\nal-Muhandis\nQayara".into(),
            ..SettingsDraft::of(&ProjectSettings::default())
        };
        let settings = draft.settings();
        assert_eq!(settings.names, ["al-Muhandis", "IRGC", "Qayara", "Soleimani"]);
        assert!(settings.dictionary.is_empty(), "names are not dictionary words");
        assert_eq!(SettingsDraft::of(&settings).names, "al-Muhandis\nIRGC\nQayara\nSoleimani");
    }

    #[test]
    fn a_new_checklist_item_gets_a_unique_id_from_its_label() {
        let mut draft = SettingsDraft::of(&ProjectSettings::default());
        for _ in 0..2 {
            draft.new_item = " Embargo checked ".into();
            draft.add_item();
        }
        let ids: Vec<&str> = draft.checklist.iter().rev().take(2).map(|item| item.id.as_str()).collect();
        assert_eq!(ids, ["embargo-checked-2", "embargo-checked"]);
        assert!(draft.new_item.is_empty());
        draft.add_item();
        assert_eq!(draft.checklist.len(), ProjectSettings::default().checklist.len() + 2, "a blank label adds nothing");
    }

    #[test]
    fn a_templates_checklist_item_takes_an_id_neither_the_project_nor_the_template_uses() {
        let story = crate::model::Story::new(Slug::from_title("obit"), crate::model::Timestamp::EPOCH);
        let template = crate::model::Template::from_story("Obituary", &story);
        let settings = ProjectSettings { templates: vec![template], ..ProjectSettings::default() };
        let mut draft = SettingsDraft::of(&settings);
        for label in ["Facts checked", "Family confirmed the death", "Family confirmed the death", " "] {
            draft.new_template_item = (0, label.to_owned());
            draft.add_template_item();
        }
        draft.new_template_item = (7, "No such template".to_owned());
        draft.add_template_item();
        let ids: Vec<String> = draft.settings().templates[0].checklist.iter().map(|item| item.id.clone()).collect();
        assert_eq!(ids, ["facts-checked-2", "family-confirmed-the-death", "family-confirmed-the-death-2"]);
        assert_eq!(draft.settings().checklist, ProjectSettings::default().checklist, "the project's list is its own");
    }
}

/// A story changed outside Copydesk while it has edits here: both versions,
/// and which side each differing part takes.
#[derive(Clone, Debug)]
pub struct OutsideChangeDraft {
    /// The story.
    pub slug: Slug,
    /// The version on disk.
    pub theirs: crate::model::Story,
    /// Its file's text, so a save knows what is on disk.
    pub theirs_text: String,
    /// Text fields other than the body that differ: the field, mine,
    /// theirs, and whether to take theirs.
    pub fields: Vec<(crate::model::TextField, String, String, bool)>,
    /// The bodies, paragraph by paragraph.
    pub hunks: Vec<crate::diff::Hunk>,
    /// The side each differing hunk takes, in order.
    pub choices: Vec<crate::diff::Side>,
    /// When a sync's merge left this conflict: the file's path in the
    /// project (its record is removed once decided). `None` for a change
    /// on disk.
    pub conflict: Option<String>,
    /// What both sides changed differently, as the merge named it.
    pub conflict_parts: Vec<String>,
    /// Keep mine or take theirs whole, when a button said so (parts the
    /// dialog does not list, like the status, follow it too).
    pub whole: Option<bool>,
}

impl OutsideChangeDraft {
    /// The draft for `mine` (in memory) against `theirs` (on disk), every
    /// choice on mine.
    pub fn new(mine: &crate::model::Story, theirs: crate::model::Story, theirs_text: String) -> Self {
        let fields = crate::model::TextField::MERGED_WHOLE
            .into_iter()
            .filter(|field| mine.text(*field) != theirs.text(*field))
            .map(|field| (field, mine.text(field).to_owned(), theirs.text(field).to_owned(), false))
            .collect();
        let hunks = crate::diff::paragraph_hunks(&mine.body, &theirs.body);
        let differing = hunks.iter().filter(|hunk| matches!(hunk, crate::diff::Hunk::Differ { .. })).count();
        OutsideChangeDraft {
            slug: mine.slug.clone(),
            theirs,
            theirs_text,
            fields,
            hunks,
            choices: vec![crate::diff::Side::Mine; differing],
            conflict: None,
            conflict_parts: Vec::new(),
            whole: None,
        }
    }

    /// Every part on one side.
    pub fn choose_all(&mut self, theirs: bool) {
        self.whole = Some(theirs);
        for field in &mut self.fields {
            field.3 = theirs;
        }
        let side = if theirs { crate::diff::Side::Theirs } else { crate::diff::Side::Mine };
        self.choices.iter_mut().for_each(|choice| *choice = side);
    }

    /// `mine` with the chosen parts of theirs: the text fields and the body
    /// merged paragraph by paragraph. Everything else stays mine.
    pub fn merged(&self, mine: &crate::model::Story) -> crate::model::Story {
        let mut story = mine.clone();
        for (field, _, theirs, take) in &self.fields {
            if *take {
                *story.text_mut(*field) = theirs.clone();
            }
        }
        story.body = crate::diff::merge(&self.hunks, &self.choices);
        story
    }

    /// Whether every part takes theirs.
    pub fn all_theirs(&self) -> bool {
        if let Some(theirs) = self.whole {
            return theirs;
        }
        let any = !self.fields.is_empty() || !self.choices.is_empty();
        any && self.fields.iter().all(|field| field.3) && self.choices.iter().all(|c| *c == crate::diff::Side::Theirs)
    }
}
