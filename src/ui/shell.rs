//! The window's main area: the story list on the left and the selected
//! story's workspace (Article, Photos, Review) beside it.

use super::article_editor::EditorContext;
use super::{Command, Reports, StoryMarks, UiCommand, ViewState, WorkspaceTab};
use super::{article_editor, photos_panel, review_panel, revisions_panel, story_list, theme};
use crate::workspace::Workspace;

/// What the app prepared for the panels this frame.
pub struct Shown<'a> {
    /// Spelling and grammar marks of the selected story.
    pub marks: StoryMarks<'a>,
    /// Spelling and grammar marks of the captions and alt text of the
    /// selected story's photos.
    pub photo_marks: &'a std::collections::HashMap<crate::model::PhotoId, super::PhotoMarks<'a>>,
    /// Photo thumbnails.
    pub tiles: &'a photos_panel::PhotoTiles,
    /// Review reports by story.
    pub reports: &'a Reports,
    /// Who else is editing the selected story (and whether their lock is
    /// stale); the story is then shown read-only.
    pub lock: Option<(String, bool)>,
    /// Who is editing which story on other machines ("Kathy is editing
    /// (12 min ago)"), from the shared repository.
    pub presence: &'a std::collections::HashMap<crate::model::Slug, String>,
    /// The time and the editor's name, for deadlines, embargoes and "mine".
    pub desk: story_list::Desk<'a>,
}

/// Draws the story list and the workspace.
pub fn show(
    ui: &mut egui::Ui,
    workspace: Option<&Workspace>,
    shown: Shown<'_>,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    let Shown { marks, photo_marks, tiles, reports, lock, presence, desk } = shown;
    let Some(workspace) = workspace else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.centered_and_justified(|ui| {
                ui.label("Open a project (Ctrl+O) or create one (Ctrl+Shift+N).");
            });
        });
        return;
    };
    egui::Panel::left("story_list").resizable(true).default_size(300.0).min_size(220.0).show(ui, |ui| {
        story_list::show(ui, workspace, (reports, presence), desk, &mut view.story_list, &mut view.stats, commands)
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(story) = workspace.selected_story() else {
            ui.centered_and_justified(|ui| {
                ui.label("No stories yet. Story > New story (Ctrl+N), or drop .txt, .md or .docx files here.");
            });
            return;
        };
        ui.horizontal(|ui| {
            for (tab, label) in [
                (WorkspaceTab::Article, "Article"),
                (WorkspaceTab::Photos, "Photos"),
                (WorkspaceTab::Review, "Review"),
                (WorkspaceTab::Revisions, "Revisions"),
            ] {
                if ui.selectable_label(view.tab == tab, label).clicked() {
                    commands.push(Command::ShowTab(tab));
                }
            }
            ui.separator();
            ui.label(egui::RichText::new(story.slug.as_str()).monospace());
            theme::status_badge(ui, story.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if view.tab == WorkspaceTab::Article {
                    let label = if view.preview { "Edit text" } else { "Preview" };
                    if ui.button(label).on_hover_text(UiCommand::TogglePreview.tooltip()).clicked() {
                        commands.push(Command::Ui(UiCommand::TogglePreview));
                    }
                }
            });
        });
        ui.separator();
        if let Some((holder, stale)) = &lock {
            lock_banner(ui, holder, *stale, commands);
        }
        // Caches of the open story (counts, find matches, diffs) are keyed
        // on its own revision, so they survive edits to other stories and
        // never outlive a change to this one.
        let story_revision = workspace.story_revision(&story.slug).unwrap_or_else(|| workspace.revision());
        if story.status.is_out() {
            published_banner(ui, story, commands);
        }
        // Someone else's story is shown, not edited: every widget is off;
        // so is a story that has gone out, until it is reopened (its
        // review and revisions stay open to read).
        let read_only = story.status.is_out() && matches!(view.tab, WorkspaceTab::Article | WorkspaceTab::Photos);
        ui.add_enabled_ui(lock.is_none() && !read_only, |ui| match view.tab {
            WorkspaceTab::Article => {
                let context = EditorContext {
                    settings: &workspace.project().settings,
                    marks,
                    revision: story_revision,
                    suggesting: view.suggesting,
                    now: desk.now,
                    caption_changes: caption_changes(workspace.project(), story),
                };
                article_editor::show(ui, story, &context, view, commands);
            }
            WorkspaceTab::Photos => {
                let shown = photos_panel::Shown { tiles, marks: photo_marks, suggesting: view.suggesting };
                photos_panel::show(
                    ui,
                    workspace.project(),
                    workspace.codes(),
                    story,
                    shown,
                    &mut view.photos,
                    commands,
                );
            }
            WorkspaceTab::Review => {
                let report = reports.get(&story.slug);
                let judged = (report, desk.now);
                review_panel::show(ui, workspace.project(), story, workspace.revision(), judged, view, commands);
            }
            WorkspaceTab::Revisions => {
                revisions_panel::show(ui, story, story_revision, &mut view.revisions, commands);
            }
        });
    });
}

/// "Published (version 2) — read-only", with the three ways to reopen it;
/// "Killed" with its reason.
fn published_banner(ui: &mut egui::Ui, story: &crate::model::Story, commands: &mut Vec<Command>) {
    use crate::model::Reopening;
    egui::Frame::new().fill(ui.visuals().faint_bg_color).inner_margin(6).corner_radius(4).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let version = story.publication.version;
            if let Some(withdrawn) = &story.publication.withdrawn {
                let text = format!("Killed {} by {}: {}", withdrawn.at.short(), withdrawn.by, withdrawn.reason);
                ui.label(egui::RichText::new(text).color(ui.visuals().warn_fg_color).strong());
                return;
            }
            let text = format!("Published (version {version}) — read-only until it is reopened.");
            ui.label(egui::RichText::new(text).strong());
            let choices = [
                ("Update…", "A new version as the news develops", Reopening::Update { note: String::new() }),
                (
                    "Correction…",
                    "A new version with a public correction note",
                    Reopening::Correction { note: String::new() },
                ),
                ("Kill…", "Withdraw the story, with a reason", Reopening::Kill { reason: String::new() }),
            ];
            for (label, tip, how) in choices {
                if ui.button(label).on_hover_text(tip).clicked() {
                    commands.push(Command::AskReopen(how));
                }
            }
        });
    });
    ui.add_space(4.0);
}

/// "Read-only: Ana Ruiz on desk-3 since … is editing this story", with
/// Take over when their lock is stale.
fn lock_banner(ui: &mut egui::Ui, holder: &str, stale: bool, commands: &mut Vec<Command>) {
    egui::Frame::new().fill(ui.visuals().faint_bg_color).inner_margin(6).corner_radius(4).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let text = if stale {
                format!("Read-only: {holder} had this story open, but that Copydesk is gone.")
            } else {
                format!("Read-only: {holder} is editing this story.")
            };
            ui.label(egui::RichText::new(text).color(ui.visuals().warn_fg_color).strong());
            let take = ui.add_enabled(stale, egui::Button::new("Take over"));
            let take = take
                .on_hover_text("Edit it here; the other Copydesk stopped without closing the story")
                .on_disabled_hover_text(
                    "Possible once their Copydesk has closed, or has not been heard from for 5 minutes",
                );
            if take.clicked() {
                commands.push(Command::TakeOverLock);
            }
        });
    });
}

/// The suggestions waiting in the captions of `story`'s photos: how many,
/// and by whom.
fn caption_changes(project: &crate::model::Project, story: &crate::model::Story) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut authors: Vec<String> = Vec::new();
    let photos = crate::ops::story_photos(project, story);
    for photo in photos.filter(|photo| crate::model::tracked::has_marks(&photo.caption)) {
        for id in crate::model::tracked::suggestion_ids(&photo.caption) {
            count += 1;
            if let Some(record) = photo.suggestions.iter().find(|s| s.id == id)
                && !authors.contains(&record.author)
            {
                authors.push(record.author.clone());
            }
        }
    }
    (count, authors)
}
