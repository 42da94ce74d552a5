//! Panels and dialogs. Each reads state and pushes [`crate::app::Command`]s;
//! none changes the project, opens a file dialog or touches the disk.

pub mod article_editor;
pub mod dialogs;
pub mod markdown_view;
pub mod photos_panel;
pub mod review_panel;
pub mod shell;
pub mod status_line;
pub mod story_list;
pub mod theme;
pub mod top_bar;
