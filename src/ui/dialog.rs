//! Modal questions the app is waiting on. The app owns them; `ui::dialogs`
//! draws them and reports the user's choice.

use std::path::PathBuf;

use crate::model::Slug;
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
    /// Something went wrong, or something the user must know.
    Message {
        /// A short title.
        title: String,
        /// The full message.
        text: String,
    },
}

/// The user's answer to a [`Dialog`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogChoice {
    /// Save (unsaved changes).
    Save,
    /// Go on without saving (unsaved changes), or drop the recovered work.
    Discard,
    /// Do nothing; close the dialog.
    Cancel,
    /// Yes: delete, restore, or acknowledge a message.
    Confirm,
}
