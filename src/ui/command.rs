//! Commands: everything a panel can ask the app to do.
//!
//! Panels never change the project or open dialogs themselves. They push a
//! [`Command`] and the app runs the queue once per frame
//! (`src/app/handling.rs`). User-facing commands are declared once in
//! [`UiCommand`], with label and shortcut: menus and keyboard handling both
//! read that table.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::edit::Edit;
use crate::model::{Slug, StoryStatus};
use crate::workspace::Workspace;

/// A command a user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Save the project.
    Save,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Find in the story (opens the find bar).
    Find,
    /// Find and replace in the story.
    Replace,
    /// Select the next match of the find bar.
    FindNext,
    /// Select the previous match of the find bar.
    FindPrevious,
    /// Select the next spelling or grammar mark in the story.
    NextMark,
    /// Suggestion mode: typing and deleting become suggestions.
    ToggleSuggesting,
    /// Select the next tracked change.
    NextChange,
    /// Select the previous tracked change.
    PreviousChange,
    /// Add a new story.
    NewStory,
    /// Import stories from .txt, .md or .docx files.
    ImportCopy,
    /// Give the selected story a new slug.
    RenameStory,
    /// Copy the selected story.
    DuplicateStory,
    /// Add a new story from one of the project's templates.
    NewFromTemplate,
    /// Keep the selected story's pattern as a template.
    SaveAsTemplate,
    /// Reopen the selected published story (update, correction, kill).
    ReopenStory,
    /// Delete the selected story (asks first).
    DeleteStory,
    /// Select the next story on the budget, in the order it shows them.
    NextStory,
    /// Select the previous story on the budget.
    PreviousStory,
    /// Show the article editor.
    ShowArticle,
    /// Show the story's photos.
    ShowPhotos,
    /// Show the review checklist.
    ShowReview,
    /// Show the story's revisions.
    ShowRevisions,
    /// Open another project folder.
    OpenProject,
    /// Create a project in a new folder.
    NewProject,
    /// Show the body as rendered Markdown, or as text to edit.
    TogglePreview,
    /// Switch between dark and light themes.
    ToggleTheme,
    /// Check spelling and grammar as you type, or stop.
    ToggleMarks,
    /// Keep the selected story's text as a named revision.
    SaveRevision,
    /// Attach pictures to the selected story.
    AttachPhotos,
    /// Save the project into another folder (when its own cannot be written).
    SaveAs,
    /// Export the selected story (HTML package, Markdown, text, ninjs).
    Export,
    /// Change the project's settings (limits, language, dictionary, names).
    ProjectSettings,
    /// Change the user's preferences (the editor's name).
    Preferences,
    /// Share the project through a git repository (asks where).
    ShareProject,
    /// Clone a shared project into a new folder (asks from where).
    CloneProject,
    /// Commit saved work, fetch, merge and push now.
    SyncNow,
    /// Close Copydesk (asks about unsaved changes).
    Quit,
}

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 40] = [
        UiCommand::NewProject,
        UiCommand::OpenProject,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::ImportCopy,
        UiCommand::Export,
        UiCommand::ProjectSettings,
        UiCommand::Preferences,
        UiCommand::ShareProject,
        UiCommand::CloneProject,
        UiCommand::SyncNow,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Find,
        UiCommand::Replace,
        UiCommand::FindNext,
        UiCommand::FindPrevious,
        UiCommand::NextMark,
        UiCommand::ToggleSuggesting,
        UiCommand::NextChange,
        UiCommand::PreviousChange,
        UiCommand::NewStory,
        UiCommand::NewFromTemplate,
        UiCommand::RenameStory,
        UiCommand::DuplicateStory,
        UiCommand::SaveAsTemplate,
        UiCommand::ReopenStory,
        UiCommand::DeleteStory,
        UiCommand::NextStory,
        UiCommand::PreviousStory,
        UiCommand::SaveRevision,
        UiCommand::AttachPhotos,
        UiCommand::ShowArticle,
        UiCommand::ShowPhotos,
        UiCommand::ShowReview,
        UiCommand::ShowRevisions,
        UiCommand::TogglePreview,
        UiCommand::ToggleMarks,
        UiCommand::ToggleTheme,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::Save => "Save",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::Find => "Find…",
            UiCommand::Replace => "Replace…",
            UiCommand::FindNext => "Find next",
            UiCommand::FindPrevious => "Find previous",
            UiCommand::NextMark => "Next spelling or grammar mark",
            UiCommand::ToggleSuggesting => "Suggest changes (track changes)",
            UiCommand::NextChange => "Next change",
            UiCommand::PreviousChange => "Previous change",
            UiCommand::NewStory => "New story",
            UiCommand::ImportCopy => "Import copy…",
            UiCommand::RenameStory => "Rename story…",
            UiCommand::DuplicateStory => "Duplicate story",
            UiCommand::NewFromTemplate => "New story from template…",
            UiCommand::SaveAsTemplate => "Save as template…",
            UiCommand::ReopenStory => "Reopen published story…",
            UiCommand::DeleteStory => "Delete story…",
            UiCommand::NextStory => "Next story",
            UiCommand::PreviousStory => "Previous story",
            UiCommand::ShowArticle => "Article",
            UiCommand::ShowPhotos => "Photos",
            UiCommand::ShowReview => "Review",
            UiCommand::ShowRevisions => "Revisions",
            UiCommand::OpenProject => "Open project…",
            UiCommand::NewProject => "New project…",
            UiCommand::TogglePreview => "Markdown preview",
            UiCommand::ToggleTheme => "Dark theme",
            UiCommand::ToggleMarks => "Spelling and grammar marks",
            UiCommand::SaveRevision => "Save revision…",
            UiCommand::AttachPhotos => "Attach photos…",
            UiCommand::Export => "Export…",
            UiCommand::SaveAs => "Save as…",
            UiCommand::ProjectSettings => "Project settings…",
            UiCommand::Preferences => "Preferences…",
            UiCommand::ShareProject => "Share project…",
            UiCommand::CloneProject => "Clone project…",
            UiCommand::SyncNow => "Sync now",
            UiCommand::Quit => "Quit",
        }
    }

    /// A sentence for the tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::Save => "Write the project's changed files to disk",
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo => "Redo the last undone change",
            UiCommand::Find => "Find text in the headline, dek and body",
            UiCommand::Replace => "Find text and replace it, one match at a time or all at once",
            UiCommand::FindNext => "Select the next match",
            UiCommand::FindPrevious => "Select the previous match",
            UiCommand::NextMark => {
                "Select the next marked word in headline, dek and body; its fixes are in the Details column"
            }
            UiCommand::ToggleSuggesting => {
                "Typing inserts suggested text and deleting marks text for deletion, with your name and the time; \
                 the reporter accepts or rejects each"
            }
            UiCommand::NextChange => "Select the next suggested change in headline, dek or body",
            UiCommand::PreviousChange => "Select the previous suggested change",
            UiCommand::NewStory => "Add an empty story to the budget",
            UiCommand::ImportCopy => {
                "Make stories from .txt, .md or .docx files (you can also drop files on the window)"
            }
            UiCommand::RenameStory => "Change the selected story's slug",
            UiCommand::DuplicateStory => "Copy the selected story under a new slug",
            UiCommand::NewFromTemplate => {
                "Start a story from a template: its section, tags, length, checklist and skeleton text"
            }
            UiCommand::SaveAsTemplate => {
                "Keep this story's section, tags, length, checklist items and text as a template for the desk"
            }
            UiCommand::ReopenStory => "Open a published story again as an update, a correction or a kill",
            UiCommand::DeleteStory => "Remove the selected story (undo brings it back)",
            UiCommand::NextStory => "Select the story below this one on the budget, as it is filtered and sorted",
            UiCommand::PreviousStory => "Select the story above this one on the budget",
            UiCommand::ShowArticle => "Edit the story's headline, dek and body",
            UiCommand::ShowPhotos => "The story's photos and their captions",
            UiCommand::ShowReview => "The review checks, the checklist and the way to Ready",
            UiCommand::ShowRevisions => "The story's saved revisions and what changed since",
            UiCommand::OpenProject => "Open another project folder",
            UiCommand::NewProject => "Create a project in an empty folder",
            UiCommand::TogglePreview => "Show the body rendered, or as Markdown to edit",
            UiCommand::ToggleTheme => "Switch between dark and light themes",
            UiCommand::ToggleMarks => "Underline spelling, grammar and style problems as you type",
            UiCommand::SaveRevision => "Keep the story's text as it is now under a name (e.g. “Sent to copy desk”)",
            UiCommand::AttachPhotos => {
                "Add JPEG, PNG, WebP or TIFF pictures to the story; their agency captions fill in (you can also drop them on the window)"
            }
            UiCommand::SaveAs => "Save the whole project into another folder and go on working there",
            UiCommand::Export => {
                "Write the story for publication: an HTML package with web-sized photos, Markdown, wire text or IPTC ninjs JSON"
            }
            UiCommand::ProjectSettings => {
                "Limits, language, dictionary, names, the review checklist, check levels and the house style list"
            }
            UiCommand::Preferences => "Your name, as revisions record it",
            UiCommand::ShareProject => {
                "Make the project a git repository and send it to a shared one (a bare repository on a server or network share, or Gitea, GitLab, GitHub)"
            }
            UiCommand::CloneProject => "Get a copy of a shared project into a new folder and open it",
            UiCommand::SyncNow => {
                "Commit what is saved, take in the desk's changes (merged story by story) and send yours"
            }
            UiCommand::Quit => "Close Copydesk",
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let shortcut = match self {
            UiCommand::Save => KeyboardShortcut::new(cmd, Key::S),
            UiCommand::Undo => KeyboardShortcut::new(cmd, Key::Z),
            UiCommand::Redo => KeyboardShortcut::new(cmd_shift, Key::Z),
            UiCommand::NewStory => KeyboardShortcut::new(cmd, Key::N),
            UiCommand::Find => KeyboardShortcut::new(cmd, Key::F),
            UiCommand::Replace => KeyboardShortcut::new(cmd, Key::H),
            UiCommand::FindNext => KeyboardShortcut::new(Modifiers::NONE, Key::F3),
            UiCommand::FindPrevious => KeyboardShortcut::new(Modifiers::SHIFT, Key::F3),
            UiCommand::NextMark => KeyboardShortcut::new(Modifiers::NONE, Key::F7),
            UiCommand::ToggleSuggesting => KeyboardShortcut::new(cmd_shift, Key::E),
            UiCommand::NextChange => KeyboardShortcut::new(Modifiers::NONE, Key::F8),
            UiCommand::PreviousChange => KeyboardShortcut::new(Modifiers::SHIFT, Key::F8),
            UiCommand::OpenProject => KeyboardShortcut::new(cmd, Key::O),
            UiCommand::NewProject => KeyboardShortcut::new(cmd_shift, Key::N),
            UiCommand::ImportCopy => KeyboardShortcut::new(cmd, Key::I),
            UiCommand::TogglePreview => KeyboardShortcut::new(cmd_shift, Key::P),
            UiCommand::DuplicateStory => KeyboardShortcut::new(cmd, Key::D),
            UiCommand::Quit => KeyboardShortcut::new(cmd, Key::Q),
            UiCommand::RenameStory => KeyboardShortcut::new(Modifiers::NONE, Key::F2),
            UiCommand::SaveRevision => KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::ALT, Key::S),
            UiCommand::AttachPhotos => KeyboardShortcut::new(cmd_shift, Key::I),
            UiCommand::Export => KeyboardShortcut::new(cmd, Key::E),
            UiCommand::SaveAs => KeyboardShortcut::new(cmd_shift, Key::S),
            UiCommand::SyncNow => KeyboardShortcut::new(Modifiers::NONE, Key::F9),
            UiCommand::NextStory => KeyboardShortcut::new(cmd, Key::PageDown),
            UiCommand::PreviousStory => KeyboardShortcut::new(cmd, Key::PageUp),
            UiCommand::ShowArticle => KeyboardShortcut::new(cmd, Key::Num1),
            UiCommand::ShowPhotos => KeyboardShortcut::new(cmd, Key::Num2),
            UiCommand::ShowReview => KeyboardShortcut::new(cmd, Key::Num3),
            UiCommand::ShowRevisions => KeyboardShortcut::new(cmd, Key::Num4),
            UiCommand::DeleteStory
            | UiCommand::NewFromTemplate
            | UiCommand::SaveAsTemplate
            | UiCommand::ReopenStory
            | UiCommand::ToggleTheme
            | UiCommand::ToggleMarks
            | UiCommand::ProjectSettings
            | UiCommand::Preferences
            | UiCommand::ShareProject
            | UiCommand::CloneProject => return None,
        };
        Some(shortcut)
    }

    /// A second shortcut some platforms use: Ctrl+Y for redo. It must be
    /// taken too, or a focused text field would run its own redo.
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            UiCommand::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        }
    }

    /// Whether the command can run with this project open (menus grey out
    /// the others, and their shortcuts do nothing).
    pub fn is_enabled(self, workspace: Option<&Workspace>) -> bool {
        let has_selection = workspace.is_some_and(|w| w.selected_story().is_some());
        match self {
            UiCommand::Save => workspace.is_some_and(Workspace::is_dirty),
            UiCommand::Undo => workspace.is_some_and(|w| w.history().undo_label().is_some()),
            UiCommand::Redo => workspace.is_some_and(|w| w.history().redo_label().is_some()),
            UiCommand::NewStory | UiCommand::ImportCopy => workspace.is_some(),
            UiCommand::NextStory | UiCommand::PreviousStory => {
                workspace.is_some_and(|w| !w.project().stories.is_empty())
            }
            UiCommand::ShowArticle | UiCommand::ShowPhotos | UiCommand::ShowReview | UiCommand::ShowRevisions => {
                has_selection
            }
            UiCommand::NewFromTemplate => workspace.is_some_and(|w| !w.project().settings.templates.is_empty()),
            UiCommand::ReopenStory => {
                workspace.and_then(Workspace::selected_story).is_some_and(|s| s.status == StoryStatus::Published)
            }
            UiCommand::RenameStory
            | UiCommand::DuplicateStory
            | UiCommand::SaveAsTemplate
            | UiCommand::DeleteStory
            | UiCommand::SaveRevision
            | UiCommand::AttachPhotos
            | UiCommand::Export => has_selection,
            UiCommand::ProjectSettings | UiCommand::SaveAs | UiCommand::ShareProject | UiCommand::SyncNow => {
                workspace.is_some()
            }
            UiCommand::TogglePreview
            | UiCommand::Find
            | UiCommand::Replace
            | UiCommand::FindNext
            | UiCommand::FindPrevious
            | UiCommand::NextMark
            | UiCommand::ToggleSuggesting
            | UiCommand::NextChange
            | UiCommand::PreviousChange => has_selection,
            UiCommand::OpenProject
            | UiCommand::NewProject
            | UiCommand::ToggleTheme
            | UiCommand::ToggleMarks
            | UiCommand::Preferences
            | UiCommand::CloneProject
            | UiCommand::Quit => true,
        }
    }

    /// Commands whose shortcut must be checked before shorter ones that it
    /// contains (Ctrl+Shift+Z before Ctrl+Z), because egui matches
    /// shortcuts with extra modifiers held.
    pub fn by_shortcut_precedence() -> impl Iterator<Item = UiCommand> {
        let mut all = Self::ALL.to_vec();
        all.sort_by_key(|c| std::cmp::Reverse(c.shortcut().map_or(0, |s| modifier_count(s.modifiers))));
        all.into_iter()
    }
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.alt)
        + u8::from(modifiers.shift)
        + u8::from(modifiers.ctrl || modifiers.command || modifiers.mac_cmd)
}

/// Which tool the workspace shows for the selected story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum WorkspaceTab {
    /// The article editor.
    #[default]
    Article,
    /// The story's photos.
    Photos,
    /// The review checklist.
    Review,
    /// The story's revisions and what changed since.
    Revisions,
}

/// Something a panel asks the app to do.
#[derive(Debug)]
#[must_use]
pub enum Command {
    /// A menu or keyboard command.
    Ui(UiCommand),
    /// Change the project, recorded for undo under `label`.
    Edit {
        /// The change.
        edit: Edit,
        /// How undo names it ("Typing in Headline").
        label: String,
    },
    /// Change the project as one undo step of its own, never merged with
    /// typing around it (a spelling fix, a replace-all).
    EditStep {
        /// The change.
        edit: Edit,
        /// How undo names it.
        label: String,
    },
    /// Show this story in the workspace.
    Select(Slug),
    /// Show this tool in the workspace.
    ShowTab(WorkspaceTab),
    /// Move the selected story to a status.
    SetStatus(StoryStatus),
    /// Ask how to reopen the selected (published) story: the dialog, with
    /// this choice made.
    AskReopen(crate::model::Reopening),
    /// Reopen the selected published story as an update, a correction or
    /// a kill, as the editor.
    Reopen(crate::model::Reopening),
    /// Add a new story from the template of this name.
    NewFromTemplate(String),
    /// Save the selected story as a template of this name.
    SaveAsTemplate(String),
    /// Open the project in this folder (asks about unsaved changes first).
    OpenProjectAt(PathBuf),
    /// Import these files as stories.
    ImportFiles(Vec<PathBuf>),
    /// Attach these pictures to the selected story.
    AttachPhotos(Vec<PathBuf>),
    /// Choose a file to stand in for this photo's missing file.
    RelinkPhoto(crate::model::PhotoId),
    /// Put this file in place of the photo's missing file.
    RelinkPhotoTo(crate::model::PhotoId, PathBuf),
    /// Ask for a caption template to apply to these photos.
    CaptionTemplate(Vec<crate::model::PhotoId>),
    /// Write this photo's caption, credit, photographer, copyright and alt
    /// text into the project's copy of its file (IPTC and XMP).
    WritePhotoMetadata(crate::model::PhotoId),
    /// Stop marking this text (a word) until the app closes.
    IgnoreMarkedText(String),
    /// Add a word to the project dictionary (an undoable edit of the
    /// project's settings).
    AddToDictionary(String),
    /// Add a name (a person, place, body or acronym) to the project's
    /// names (an undoable edit of the project's settings).
    AddToNames(String),
    /// Sign off this checklist item on the selected story, as the editor.
    SignOff(String),
    /// Take back the sign-off of this checklist item.
    WithdrawSignOff(String),
    /// Mark the selected story ready: at once when every required check
    /// passes, else ask for the reason of an override.
    MarkReady,
    /// Apply a finding's suggested fix (one undo step).
    ApplyFix(Box<crate::checks::Finding>),
    /// Write one spelling of a name for another throughout the selected
    /// story (a name spelled two ways).
    Respell(crate::checks::Respelling),
    /// Export the selected story in a format into a folder; `forced` when
    /// it is not ready (logged in its activity).
    ExportTo {
        /// The format.
        format: crate::export::Format,
        /// The folder.
        dir: PathBuf,
        /// Not ready, exported anyway.
        forced: bool,
    },
    /// Open a folder in the system's file manager.
    OpenFolder(PathBuf),
    /// Take over the selected story's lock from a Copydesk that is gone.
    TakeOverLock,
    /// Save the project into this (new) folder and work there.
    SaveAsTo(PathBuf),
    /// Save, then do what was asked (the unsaved-changes question).
    SaveThenLeave(super::AfterSaveQuestion),
    /// Drop the unsaved changes, then do what was asked.
    DiscardThenLeave(super::AfterSaveQuestion),
    /// Delete this story (undoable).
    DeleteStory(Slug),
    /// Give a story a new slug.
    RenameStory {
        /// The story.
        story: Slug,
        /// Its new slug.
        to: Slug,
    },
    /// Put autosaved work back in place of the project as loaded.
    RestoreRecovery(Box<crate::storage::Recovery>),
    /// Remove the autosave file and keep the project as on disk.
    DiscardRecovery,
    /// Keep a story's text as a named revision.
    SaveRevision {
        /// The story.
        story: Slug,
        /// The revision's name.
        name: String,
    },
    /// Replace the project's settings (one undo step; nothing when equal).
    ApplySettings(Box<crate::model::ProjectSettings>),
    /// Fill a caption template into these photos' captions.
    ApplyCaptionTemplate {
        /// The photos.
        photos: Vec<crate::model::PhotoId>,
        /// The template.
        template: String,
        /// Keep each caption and add the filled template after it.
        keep: bool,
    },
    /// Set the editor's own name (preferences).
    SetEditorName(String),
    /// Mark the selected story ready although required checks fail, for
    /// this reason (logged).
    MarkReadyAnyway(String),
    /// Ask for a folder, then export the selected story into it.
    PickExportFolder {
        /// The format.
        format: crate::export::Format,
        /// Not ready, exported anyway.
        forced: bool,
    },
    /// Take in a story changed outside as chosen in the dialog.
    ResolveOutsideChange(Box<super::OutsideChangeDraft>),
    /// Decide a sync conflict in a file other than a story: keep mine, or
    /// take the other side's version.
    DecideFileConflict {
        /// The file, with `/`.
        path: String,
        /// Take theirs (else keep mine).
        theirs: bool,
    },
    /// The shown text of a field that holds suggestions (or is edited in
    /// suggestion mode) became `shown`: the app makes the edit.
    TypeTracked {
        /// The story.
        story: Slug,
        /// The field.
        field: crate::model::TextField,
        /// What the text field holds now.
        shown: String,
    },
    /// The shown text of a photo's caption became `shown` (typed, a fix, a
    /// caption template): the app makes the edit, a suggestion in
    /// suggestion mode.
    TypeCaption {
        /// The photo.
        photo: crate::model::PhotoId,
        /// What the caption field holds now.
        shown: String,
    },
    /// Replace matches in a field that holds suggestions (byte ranges of
    /// its text as shown, in order), each typed like an edit, last first.
    ReplaceTracked {
        /// The story.
        story: Slug,
        /// The field.
        field: crate::model::TextField,
        /// Each match and what replaces it.
        replacements: Vec<(std::ops::Range<usize>, String)>,
    },
    /// Accept or reject suggestions: one (`id`), one author's, or all.
    ResolveSuggestions {
        /// The story.
        story: Slug,
        /// Accept (else reject).
        accept: bool,
        /// Only this one.
        id: Option<String>,
        /// Only this author's.
        author: Option<String>,
    },
    /// Accept or reject the suggestions in a photo's caption: one, or all.
    ResolveCaptionSuggestions {
        /// The photo.
        photo: crate::model::PhotoId,
        /// Accept (else reject).
        accept: bool,
        /// Only this one.
        id: Option<String>,
    },
    /// Comment on the text at `range` (bytes of the field as shown).
    AddComment {
        /// The story.
        story: Slug,
        /// The field.
        field: crate::model::TextField,
        /// The text commented on.
        range: std::ops::Range<usize>,
        /// The comment.
        text: String,
    },
    /// Reply to a comment.
    ReplyToComment {
        /// The story.
        story: Slug,
        /// The comment's id.
        id: String,
        /// The reply.
        text: String,
    },
    /// Resolve (or reopen) a comment.
    SetCommentResolved {
        /// The story.
        story: Slug,
        /// The comment's id.
        id: String,
        /// Resolved.
        resolved: bool,
    },
    /// Share the open project at this repository address.
    ShareAt(String),
    /// Clone the shared project at `url` into `dir`, then open it.
    CloneInto {
        /// The shared repository.
        url: String,
        /// The new folder.
        dir: std::path::PathBuf,
    },
    /// Ask for the folder to clone `url` into.
    PickCloneFolder(String),
    /// Set a story's field from text as typed (tags, the publish time),
    /// validated as `copydesk set` validates it.
    SetField {
        /// The story.
        story: Slug,
        /// The field.
        field: crate::ops::Field,
        /// The text typed.
        value: String,
    },
}
