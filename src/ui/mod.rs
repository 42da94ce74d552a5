//! Panels and dialogs. Each reads state and pushes [`Command`]s; none
//! changes the project, opens a file dialog or touches the disk. The app
//! (`crate::app`) sits above this module: it owns the state, calls the
//! panels and runs their commands.

pub mod article_editor;
mod command;
mod dialog;
pub mod dialogs;
mod editor_state;
pub mod find_bar;
pub mod long_text;
pub mod markdown_view;
pub mod photos_panel;
pub mod review_panel;
pub mod revisions_panel;
mod settings_dialog;
pub mod shell;
pub mod stats_cache;
pub mod status_line;
pub mod story_list;
pub mod text_marks;
pub mod theme;
pub mod top_bar;
pub mod tracking_panel;

pub use command::{Command, UiCommand, WorkspaceTab};
/// The latest review report of each story, as the panels read them.
pub type Reports = std::collections::HashMap<crate::model::Slug, crate::checks::StoryReport>;

pub use dialog::{AfterSaveQuestion, Answer, Dialog, OutsideChangeDraft, SettingsDraft};
pub use text_marks::{PhotoMarks, StoryMarks};

/// View state: how things are shown, never saved in the project.
#[derive(Debug, Default)]
pub struct ViewState {
    /// The story list's sorting and filter.
    pub story_list: story_list::StoryListState,
    /// The tool shown for the selected story.
    pub tab: WorkspaceTab,
    /// Show the body as rendered Markdown.
    pub preview: bool,
    /// The article editor's in-progress text (tags being typed), open
    /// mark menu and text to bring into view.
    pub editor: article_editor::EditorState,
    /// The find-and-replace bar.
    pub find: find_bar::FindBarState,
    /// Which revisions the Revisions tab compares.
    pub revisions: revisions_panel::RevisionsState,
    /// Body counts, counted once per change.
    pub stats: stats_cache::StatsCache,
    /// The selected photo in the Photos tool.
    pub photos: photos_panel::PhotosState,
    /// Stale sign-offs whose changes the Review tool shows, by item id,
    /// with the diff last made and the project revision it was made at (so
    /// a frame does not diff again unless the project changed).
    pub review_diffs: std::collections::BTreeMap<String, Option<(crate::edit::Revision, Vec<crate::diff::DiffSpan>)>>,
    /// Where each checklist item stands on the open story, judged once per
    /// project revision (a sign-off's fingerprint hashes what it covers).
    pub signoff_states: review_panel::SignOffStates,
    /// Suggestion mode: typing and deleting become suggestions.
    pub suggesting: bool,
}
