//! Tracked changes and comments in the window: suggestion mode, typing in
//! a field that holds suggestions (through `edit::typed`, so another
//! editor's suggestion refuses the keystroke), accepting and rejecting,
//! comments and replies. Every one is an edit through the workspace.

use super::{CopydeskApp, WorkspaceTab};
use crate::clock::now;
use crate::edit;
use crate::model::{PhotoId, Slug, Story, TextField};

impl CopydeskApp {
    /// Suggestion mode on or off.
    pub(super) fn toggle_suggesting(&mut self) {
        self.view.suggesting = !self.view.suggesting;
        // Suggestions are typed in the article and in photo captions.
        if self.view.tab != WorkspaceTab::Photos {
            self.view.tab = WorkspaceTab::Article;
        }
        self.status = if self.view.suggesting {
            format!(
                "Suggesting as {}: your changes are marked for the reporter to accept or reject.",
                self.prefs.editor_name
            )
        } else {
            "Editing: your changes go straight into the text.".to_owned()
        };
    }

    /// `shown` typed into `field` of `story` by this editor (`edit::typed`
    /// under the editor's name, now, as a suggestion when suggestion mode is
    /// on): what typing, Replace all and a Review fix in a field with marks
    /// all do.
    pub(super) fn typed_by_editor(
        &self,
        story: &Story,
        field: TextField,
        shown: &str,
    ) -> Result<Option<edit::Edit>, String> {
        edit::typed(story, field, shown, (&self.prefs.editor_name, now()), self.view.suggesting)
    }

    /// F8 / Shift+F8: selects the next or previous change.
    pub(super) fn reveal_change(&mut self, forward: bool) {
        let Some(story) = self.workspace.as_ref().and_then(|w| w.selected_story()) else { return };
        self.view.tab = WorkspaceTab::Article;
        if !self.view.editor.reveal_change(story, forward) {
            self.status = "No suggested changes in this story.".to_owned();
        }
    }

    /// The text field of a tracked field changed.
    pub(super) fn type_tracked(&mut self, slug: &Slug, field: TextField, shown: &str, ctx: &egui::Context) {
        let Some(story) = self.workspace.as_ref().and_then(|w| w.project().story(slug)) else { return };
        match self.typed_by_editor(story, field, shown) {
            Ok(Some(edit)) => {
                let label = if self.view.suggesting { "suggesting in" } else { "typing in" };
                self.apply_typing(edit.stamped(now()), format!("{label} {}", field.label()), ctx);
            }
            Ok(None) => {}
            Err(refused) => self.status = format!("Not changed: {refused}."),
        }
    }

    /// A photo's caption field changed (typing, a fix, a template): a
    /// suggestion in suggestion mode, refused inside another editor's.
    pub(super) fn type_caption(&mut self, id: &PhotoId, shown: &str, ctx: &egui::Context) {
        let Some(photo) = self.workspace.as_ref().and_then(|w| w.project().photo(id)) else { return };
        let by = (self.prefs.editor_name.as_str(), now());
        match edit::typed_caption(photo, shown, by, self.view.suggesting) {
            Ok(Some(edit)) => {
                let label = if self.view.suggesting { "suggesting in a caption" } else { "caption of a photo" };
                self.apply_typing(edit, label.to_owned(), ctx);
            }
            Ok(None) => {}
            Err(refused) => self.status = format!("Not changed: {refused}."),
        }
    }

    /// Accepts or rejects a photo caption's suggestions: one, or all.
    pub(super) fn resolve_caption_suggestions(
        &mut self,
        photo: &PhotoId,
        accept: bool,
        id: Option<&str>,
        ctx: &egui::Context,
    ) {
        let Some(photo) = self.workspace.as_ref().and_then(|w| w.project().photo(photo)) else { return };
        let Some(edit) =
            edit::resolve_caption_suggestions(photo, accept, |candidate, _| id.is_none_or(|id| id == candidate))
        else {
            self.status = "No such suggestion.".to_owned();
            return;
        };
        let verb = if accept { "accepting" } else { "rejecting" };
        let what = if id.is_some() { "a caption suggestion" } else { "the caption's suggestions" };
        if self.apply_step(edit, format!("{verb} {what}"), ctx) {
            self.status = format!("Done: {verb} {what} (Ctrl+Z undoes it).");
        }
    }

    /// Find's Replace all in a field with suggestions: each match typed in
    /// turn, last first (so the earlier ranges stay true), each through
    /// `edit::typed` — a suggestion in suggestion mode, refused inside
    /// another editor's suggestion.
    pub(super) fn replace_tracked(
        &mut self,
        slug: &Slug,
        field: TextField,
        replacements: &[(std::ops::Range<usize>, String)],
        ctx: &egui::Context,
    ) {
        let mut refused = 0;
        for (range, new) in replacements.iter().rev() {
            let Some(story) = self.workspace.as_ref().and_then(|w| w.project().story(slug)) else { return };
            let shown = crate::model::tracked::parse_shared(story.text(field)).shown.clone();
            let (Some(before), Some(after)) = (shown.get(..range.start), shown.get(range.end..)) else { continue };
            match self.typed_by_editor(story, field, &[before, new, after].concat()) {
                Ok(Some(edit)) => {
                    self.apply_step(edit.stamped(now()), format!("replace in {}", field.label()), ctx);
                }
                Ok(None) => {}
                Err(_) => refused += 1,
            }
        }
        if refused > 0 {
            self.status =
                format!("{refused} matches are inside another editor's suggestion and were left as they are.");
        }
    }

    /// Accepts or rejects suggestions: one, one author's, or all.
    pub(super) fn resolve_suggestions(
        &mut self,
        slug: &Slug,
        accept: bool,
        id: Option<&str>,
        author: Option<&str>,
        ctx: &egui::Context,
    ) {
        let Some(story) = self.workspace.as_ref().and_then(|w| w.project().story(slug)) else { return };
        let which = |candidate: &str, by: Option<&str>| {
            id.is_none_or(|id| id == candidate) && author.is_none_or(|author| by == Some(author))
        };
        // One change is the story's (the list names it by its id); all, or
        // one author's, takes in the captions of the story's photos too.
        let edit = match (id, &self.workspace) {
            (None, Some(workspace)) => crate::ops::resolve_with_captions(workspace.project(), story, accept, which),
            _ => edit::resolve_suggestions(story, accept, which),
        };
        let Some(edit) = edit else {
            self.status = "No such suggestion.".to_owned();
            return;
        };
        let verb = if accept { "accepting" } else { "rejecting" };
        let what = match (id, author) {
            (Some(_), _) => "a suggestion".to_owned(),
            (None, Some(author)) => format!("{author}'s suggestions"),
            (None, None) => "all suggestions".to_owned(),
        };
        if self.apply_step(edit.stamped(now()), format!("{verb} {what}"), ctx) {
            self.status = format!("Done: {verb} {what} (Ctrl+Z undoes it).");
        }
    }

    /// Comments on the text at `range` of `field`.
    pub(super) fn add_comment(
        &mut self,
        slug: &Slug,
        field: TextField,
        range: std::ops::Range<usize>,
        text: &str,
        ctx: &egui::Context,
    ) {
        let Some(story) = self.workspace.as_ref().and_then(|w| w.project().story(slug)) else { return };
        let author = self.prefs.editor_name.clone();
        match edit::add_comment(story, field, range, (&author, now()), text) {
            Some(edit) => {
                self.apply_step(edit, "commenting".to_owned(), ctx);
            }
            None => {
                self.status =
                    "Not commented: a comment can hold whole suggestions, but not cut one or overlap another comment."
                        .to_owned();
            }
        }
    }

    /// Replies to comment `id`.
    pub(super) fn reply_to_comment(&mut self, slug: &Slug, id: &str, text: &str, ctx: &egui::Context) {
        let Some(story) = self.workspace.as_ref().and_then(|w| w.project().story(slug)) else { return };
        let author = self.prefs.editor_name.clone();
        if let Some(edit) = edit::reply_to_comment(story, id, (&author, now()), text) {
            self.apply_step(edit, "replying to a comment".to_owned(), ctx);
        }
    }

    /// Resolves or reopens comment `id`.
    pub(super) fn set_comment_resolved(&mut self, slug: &Slug, id: &str, resolved: bool, ctx: &egui::Context) {
        let Some(story) = self.workspace.as_ref().and_then(|w| w.project().story(slug)) else { return };
        if let Some(edit) = edit::set_comment_resolved(story, id, resolved) {
            let label = if resolved { "resolving a comment" } else { "reopening a comment" };
            self.apply_step(edit, label.to_owned(), ctx);
        }
    }
}
