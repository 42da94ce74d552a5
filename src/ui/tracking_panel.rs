//! Tracked changes and comments in the article editor: the marks painted
//! over a field's text (insertions in their author's colour, deletions
//! struck through, commented text underlined) and, in the Details column,
//! the list of changes to accept or reject and the comment threads.

use std::ops::Range;
use std::rc::Rc;

use super::Command;
use super::editor_state::EditorState;
use super::text_marks::{self, DrawnText, Reveal};
use crate::edit::TRACKED_FIELDS;
use crate::model::tracked::{self, MarkKind, Tracked};
use crate::model::{Comment, Photo, Story, Suggestion, TextField};

/// How many changes the list shows at once.
const LISTED_CHANGES: usize = 12;

/// The colour comments are shown in.
const COMMENT_COLOR: egui::Color32 = egui::Color32::from_rgb(230, 190, 60);

/// The `char` ranges of many byte ranges of `text`, counting the text once
/// (a long body with hundreds of marks is painted every frame).
fn chars_of_all(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut counted = Vec::with_capacity(bounds.len());
    let (mut byte, mut chars) = (0, 0);
    for bound in &bounds {
        chars += text.get(byte..*bound).map_or(0, |t| t.chars().count());
        byte = byte.max(*bound);
        counted.push(chars);
    }
    let at = |b: usize| bounds.binary_search(&b).ok().and_then(|i| counted.get(i).copied()).unwrap_or(0);
    ranges.iter().map(|r| at(r.start)..at(r.end)).collect()
}

/// Byte range of a `char` range of `text`.
pub fn bytes_of(text: &str, chars: &Range<usize>) -> Range<usize> {
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(at, _)| at);
    byte(chars.start)..byte(chars.end)
}

/// Paints a tracked field's marks over its text: `suggestions` and
/// `comments` are the ones its marks are of (a story's, or a photo's with
/// no comments).
pub fn paint(
    ui: &egui::Ui,
    drawn: &DrawnText<'_>,
    (suggestions, comments): (&[Suggestion], &[Comment]),
    doc: &Tracked,
    window: Range<usize>,
) {
    let dark = ui.visuals().dark_mode;
    let author = |id: &str| suggestions.iter().find(|s| s.id == id).map_or("", |s| s.author.as_str());
    let (seen, chars) = in_window(doc, window, drawn.first_char);
    let of = |kind: MarkKind| -> Vec<(Range<usize>, egui::Color32)> {
        seen.iter()
            .zip(&chars)
            .filter(|(mark, _)| mark.kind == kind)
            .map(|(mark, chars)| {
                let color = match kind {
                    MarkKind::Delete => egui::Color32::from_rgb(220, 80, 80),
                    MarkKind::Comment => COMMENT_COLOR,
                    MarkKind::Insert => text_marks::author_color(author(&mark.id), dark),
                };
                (chars.clone(), color)
            })
            .collect()
    };
    drawn.paint_tracked(ui, &of(MarkKind::Insert), &of(MarkKind::Delete));
    let open = |mark: &tracked::Mark| comments.iter().any(|c| !c.resolved && c.id == mark.id);
    let comments: Vec<(Range<usize>, egui::Color32)> = seen
        .iter()
        .zip(&chars)
        .filter(|(mark, _)| mark.kind == MarkKind::Comment && open(mark))
        .map(|(_, chars)| (chars.clone(), COMMENT_COLOR))
        .collect();
    drawn.paint_tracked(ui, &comments, &[]);
}

/// The marks of `doc` inside `window` (bytes of the shown text, which the
/// galley holds from its `first_char`), with their `char` ranges in the
/// field: only those are placed, so a long body's hundreds of others cost
/// nothing.
fn in_window(doc: &Tracked, window: Range<usize>, first_char: usize) -> (Vec<&tracked::Mark>, Vec<Range<usize>>) {
    let window = window.start.min(doc.shown.len())..window.end.min(doc.shown.len());
    let seen: Vec<&tracked::Mark> =
        doc.marks.iter().filter(|mark| mark.range.start <= window.end && window.start <= mark.range.end).collect();
    let text = doc.shown.get(window.clone()).unwrap_or_default();
    let inside: Vec<Range<usize>> = seen
        .iter()
        .map(|mark| mark.range.start.max(window.start) - window.start..mark.range.end.min(window.end) - window.start)
        .collect();
    let chars =
        chars_of_all(text, &inside).into_iter().map(|chars| chars.start + first_char..chars.end + first_char).collect();
    (seen, chars)
}

/// The pending change (insertion or deletion) under `pointer` in a tracked
/// field drawn as `drawn` from `doc` (`window` as for [`paint`]): its id.
pub fn change_at(drawn: &DrawnText<'_>, doc: &Tracked, window: Range<usize>, pointer: egui::Pos2) -> Option<String> {
    let (seen, chars) = in_window(doc, window, drawn.first_char);
    let (changes, ranges): (Vec<&tracked::Mark>, Vec<Range<usize>>) =
        seen.into_iter().zip(chars).filter(|(mark, _)| mark.kind != MarkKind::Comment).unzip();
    drawn.range_at(pointer, &ranges).and_then(|index| changes.get(index)).map(|mark| mark.id.clone())
}

/// Who made the change `id` of `story` and when: "Ana Ruiz inserted · 3
/// Dec 10:00".
fn made_by(story: &Story, id: &str) -> String {
    let record = story.suggestions.iter().find(|s| s.id == id);
    let author = record.map_or("Unknown", |s| s.author.as_str());
    let verb = if record.is_some_and(|s| s.kind == MarkKind::Delete) { "deleted" } else { "inserted" };
    let when = record.map(|s| format!(" · {}", s.at.short())).unwrap_or_default();
    format!("{author} {verb}{when}")
}

/// The tooltip of the change `id` under the pointer: who made it, when,
/// and that a right-click accepts or rejects it.
pub fn change_tooltip(ui: &egui::Ui, response: &egui::Response, story: &Story, id: &str) {
    egui::Tooltip::always_open(ui.ctx().clone(), ui.layer_id(), response.id.with("change"), egui::PopupAnchor::Pointer)
        .gap(12.0)
        .show(|ui| {
            ui.label(egui::RichText::new(made_by(story, id)).small().strong());
            ui.label(egui::RichText::new("Right-click to accept or reject").small().weak());
        });
}

/// The right-click menu of the change `id` on a field's `response`: who
/// made it and when, then Accept and Reject.
pub fn change_menu(response: &egui::Response, story: &Story, id: &str, commands: &mut Vec<Command>) {
    response.context_menu(|ui| {
        ui.label(egui::RichText::new(made_by(story, id)).small());
        ui.separator();
        let one = |accept: bool| Command::ResolveSuggestions {
            story: story.slug.clone(),
            accept,
            id: Some(id.to_owned()),
            author: None,
        };
        if ui.button("✔ Accept change").clicked() {
            commands.push(one(true));
            ui.close();
        }
        if ui.button("✖ Reject change").clicked() {
            commands.push(one(false));
            ui.close();
        }
    });
}

/// The tracked fields of a story that hold marks, parsed (shared with
/// every other reader of the same text this frame).
fn parsed(story: &Story) -> Vec<(TextField, Rc<Tracked>)> {
    TRACKED_FIELDS
        .into_iter()
        .filter(|field| tracked::has_marks(story.text(*field)))
        .map(|field| (field, tracked::parse_shared(story.text(field))))
        .collect()
}

/// One pending change, for the list and for F8: borrowed from the parsed
/// fields, so listing hundreds of changes each frame copies nothing.
struct Change<'a> {
    field: TextField,
    mark: &'a tracked::Mark,
    shown: &'a str,
}

impl Change<'_> {
    fn id(&self) -> &str {
        &self.mark.id
    }

    fn text(&self) -> &str {
        self.shown.get(self.mark.range.clone()).unwrap_or_default()
    }

    /// Where it is, in the `char`s the text edit counts.
    fn reveal(&self) -> Reveal {
        Reveal { field: self.field, chars: text_marks::char_range(self.shown, &self.mark.range), focus: true }
    }
}

fn changes(docs: &[(TextField, Rc<Tracked>)]) -> Vec<Change<'_>> {
    docs.iter()
        .flat_map(|(field, doc)| {
            doc.marks.iter().filter(|mark| mark.kind != MarkKind::Comment).map(|mark| Change {
                field: *field,
                mark,
                shown: &doc.shown,
            })
        })
        .collect()
}

impl EditorState {
    /// Selects the next (or previous) change after the one selected last,
    /// wrapping around, for F8 / Shift+F8; `false` when there is none.
    pub fn reveal_change(&mut self, story: &Story, forward: bool) -> bool {
        let docs = parsed(story);
        let all = changes(&docs);
        if all.is_empty() {
            return false;
        }
        let at = self.last_change.as_ref().and_then(|id| all.iter().position(|c| c.id() == id));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => all.len() - 1,
            (Some(at), true) => (at + 1) % all.len(),
            (Some(at), false) => (at + all.len() - 1) % all.len(),
        };
        let Some(change) = all.get(next) else { return false };
        self.last_change = Some(change.id().to_owned());
        self.reveal = Some(change.reveal());
        true
    }
}

/// How the Changes list names a change of `kind` to `text`: its verb and
/// what it shows of the text. A change of nothing but a paragraph break is
/// a split or a join (¶), of a line break a line break (↵), of spaces
/// spaces made visible (␣, a tab ⇥), so no row shows an empty button.
fn described(kind: MarkKind, text: &str) -> (&'static str, String) {
    if !text.is_empty() && !text.contains('\n') && text.trim().is_empty() {
        let shown = text.chars().take(60).map(|c| if c == '\t' { '⇥' } else { '␣' }).collect();
        return (if kind == MarkKind::Delete { "deleted" } else { "inserted" }, shown);
    }
    let breaks_only = text.contains('\n') && text.trim().is_empty();
    let paragraph = text.contains("\n\n");
    match (kind, breaks_only, paragraph) {
        (MarkKind::Delete, true, true) => ("joined two paragraphs", "¶".to_owned()),
        (_, true, true) => ("split a paragraph", "¶".to_owned()),
        (MarkKind::Delete, true, false) => ("removed a line break", "↵".to_owned()),
        (_, true, false) => ("broke a line", "↵".to_owned()),
        (MarkKind::Delete, false, _) => ("deleted", excerpt(text)),
        (_, false, _) => ("inserted", excerpt(text)),
    }
}

/// A change's text as the list shows it.
fn excerpt(text: &str) -> String {
    text_marks::excerpt(text, 60)
}

/// The Details column's "Changes" and "Comments" sections. `in_captions`
/// counts the suggestions in the captions of the story's photos and names
/// their authors: they are listed in Photos, and Accept all, Reject all and
/// an author's cover them too.
pub fn show(
    ui: &mut egui::Ui,
    story: &Story,
    (in_captions, caption_authors): (usize, &[String]),
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    let docs = parsed(story);
    let all = changes(&docs);
    let who = |id: &str| story.suggestions.iter().find(|s| s.id == id);
    let slug = &story.slug;
    ui.add_space(8.0);
    let count = all.len() + in_captions;
    egui::CollapsingHeader::new(format!("Changes ({count})")).id_salt("changes_list").default_open(true).show(
        ui,
        |ui| {
            if count == 0 {
                ui.label(
                    egui::RichText::new("No suggested changes. Ctrl+Shift+E suggests instead of editing.")
                        .small()
                        .weak(),
                );
                return;
            }
            ui.horizontal_wrapped(|ui| {
                let resolve = |accept: bool, author: Option<String>| Command::ResolveSuggestions {
                    story: slug.clone(),
                    accept,
                    id: None,
                    author,
                };
                if ui.button("Accept all").clicked() {
                    commands.push(resolve(true, None));
                }
                if ui.button("Reject all").clicked() {
                    commands.push(resolve(false, None));
                }
                // The authors of pending changes: most stories have one or
                // two among hundreds of changes, so the records are walked
                // once and only the few names compared.
                let mut authors: Vec<&str> = caption_authors.iter().map(String::as_str).collect();
                for record in &story.suggestions {
                    if !authors.contains(&record.author.as_str()) {
                        authors.push(record.author.as_str());
                    }
                }
                if authors.len() > 1 {
                    // A record can outlive its mark (a merge): keep only
                    // authors with a change still in the text.
                    let pending: std::collections::HashSet<&str> = all.iter().map(Change::id).collect();
                    authors.retain(|author| {
                        caption_authors.iter().any(|a| a == author)
                            || story.suggestions.iter().any(|s| s.author == *author && pending.contains(s.id.as_str()))
                    });
                    authors.sort_unstable();
                }
                if authors.len() > 1 {
                    ui.menu_button("By author…", |ui| {
                        for author in authors {
                            if ui.button(format!("Accept all of {author}'s")).clicked() {
                                commands.push(resolve(true, Some(author.to_owned())));
                            }
                            if ui.button(format!("Reject all of {author}'s")).clicked() {
                                commands.push(resolve(false, Some(author.to_owned())));
                            }
                        }
                    });
                }
            });
            if in_captions > 0 {
                ui.horizontal_wrapped(|ui| {
                    let plural = if in_captions == 1 { "" } else { "s" };
                    ui.label(egui::RichText::new(format!("{in_captions} in photo caption{plural}")).small());
                    if ui.small_button("Show in Photos").clicked() {
                        commands.push(Command::ShowTab(super::WorkspaceTab::Photos));
                    }
                });
            }
            let dark = ui.visuals().dark_mode;
            // A window of the list around the change selected last, so a
            // story with hundreds of changes costs a frame what a dozen do;
            // F8 walks through all of them.
            let selected = state.last_change.as_ref().and_then(|id| all.iter().position(|c| c.id() == id));
            let first = selected.map_or(0, |at| at.saturating_sub(2)).min(all.len().saturating_sub(LISTED_CHANGES));
            if first > 0 {
                ui.label(egui::RichText::new(format!("{first} before")).small().weak());
            }
            let listed: Vec<&Change<'_>> = all.iter().skip(first).take(LISTED_CHANGES).collect();
            // Rows below what the column shows are not built, only their
            // room kept (at the height rows had when last built), so the
            // scroll bar stays true and typing beside hundreds of changes
            // does not pay for widgets nobody sees.
            let row_height_id = ui.scope_id().with("change_row_height");
            let row_height = ui.data(|data| data.get_temp::<f32>(row_height_id)).unwrap_or(44.0);
            for (row, change) in listed.iter().enumerate() {
                if ui.cursor().top() > ui.clip_rect().bottom() {
                    let room = (listed.len() - row) as f32 * row_height - ui.spacing().item_spacing.y;
                    ui.allocate_space(egui::vec2(ui.available_width(), room.max(0.0)));
                    break;
                }
                let top = ui.cursor().top();
                ui.push_id(("change", change.id()), |ui| {
                    let who = who(change.id());
                    let author = who.map_or("Unknown", |w| w.author.as_str());
                    let when = who.map(|w| w.at.short()).unwrap_or_default();
                    let (verb, shown) = described(change.mark.kind, change.text());
                    ui.horizontal_wrapped(|ui| {
                        let color = text_marks::author_color(author, dark);
                        ui.label(egui::RichText::new(format!("{author} {verb}")).small().color(color));
                        let mut text = egui::RichText::new(shown);
                        if change.mark.kind == MarkKind::Delete {
                            text = text.strikethrough();
                        }
                        let selected = state.last_change.as_deref() == Some(change.id());
                        if ui
                            .selectable_label(selected, text)
                            .on_hover_text(format!("{} · {when}", change.field.label()))
                            .clicked()
                        {
                            state.last_change = Some(change.id().to_owned());
                            state.reveal = Some(change.reveal());
                        }
                    });
                    ui.horizontal(|ui| {
                        let one = |accept: bool| Command::ResolveSuggestions {
                            story: slug.clone(),
                            accept,
                            id: Some(change.id().to_owned()),
                            author: None,
                        };
                        if ui.small_button("✔ Accept").clicked() {
                            commands.push(one(true));
                        }
                        if ui.small_button("✖ Reject").clicked() {
                            commands.push(one(false));
                        }
                    });
                });
                let height = ui.cursor().top() - top;
                ui.data_mut(|data| data.insert_temp(row_height_id, height));
            }
            let after = all.len().saturating_sub(first + LISTED_CHANGES);
            if after > 0 {
                ui.label(egui::RichText::new(format!("and {after} more: F8 goes through them")).small().weak());
            }
        },
    );
    comments(ui, story, state, commands);
}

/// The pending changes of a photo's caption, under its field: each with
/// who and when, to accept or reject, and all of them at once.
pub fn caption_changes(ui: &mut egui::Ui, photo: &Photo, doc: &Tracked, commands: &mut Vec<Command>) {
    let pending: Vec<&tracked::Mark> = doc.marks.iter().filter(|mark| mark.kind != MarkKind::Comment).collect();
    if pending.is_empty() {
        return;
    }
    let dark = ui.visuals().dark_mode;
    let resolve = |accept: bool, id: Option<&str>| Command::ResolveCaptionSuggestions {
        photo: photo.id.clone(),
        accept,
        id: id.map(str::to_owned),
    };
    ui.horizontal_wrapped(|ui| {
        let count = pending.len();
        ui.label(
            egui::RichText::new(format!(
                "{count} suggested change{} in the caption",
                if count == 1 { "" } else { "s" }
            ))
            .small()
            .strong(),
        );
        if ui.small_button("Accept all").clicked() {
            commands.push(resolve(true, None));
        }
        if ui.small_button("Reject all").clicked() {
            commands.push(resolve(false, None));
        }
    });
    for mark in pending {
        let who = photo.suggestions.iter().find(|s| s.id == mark.id);
        let author = who.map_or("Unknown", |w| w.author.as_str());
        let when = who.map(|w| w.at.short()).unwrap_or_default();
        let (verb, shown) = described(mark.kind, doc.shown.get(mark.range.clone()).unwrap_or_default());
        ui.push_id(("caption_change", &mark.id), |ui| {
            ui.horizontal_wrapped(|ui| {
                let color = text_marks::author_color(author, dark);
                ui.label(egui::RichText::new(format!("{author} {verb}")).small().color(color)).on_hover_text(when);
                let mut text = egui::RichText::new(shown).small();
                if mark.kind == MarkKind::Delete {
                    text = text.strikethrough();
                }
                ui.label(text);
                if ui.small_button("✔ Accept").clicked() {
                    commands.push(resolve(true, Some(&mark.id)));
                }
                if ui.small_button("✖ Reject").clicked() {
                    commands.push(resolve(false, Some(&mark.id)));
                }
            });
        });
    }
}

/// The comment threads, and writing a new one on the selection.
fn comments(ui: &mut egui::Ui, story: &Story, state: &mut EditorState, commands: &mut Vec<Command>) {
    let open = story.comments.iter().filter(|c| !c.resolved).count();
    let slug = &story.slug;
    egui::CollapsingHeader::new(format!("Comments ({open} open)")).id_salt("comments_list").default_open(true).show(
        ui,
        |ui| {
            if let Some((field, chars, text)) = &mut state.new_comment {
                let label = ui.label(
                    egui::RichText::new(format!("Comment on the selected {}", field.label().to_lowercase())).small(),
                );
                ui.add(egui::TextEdit::multiline(text).desired_rows(2).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                let (mut add, mut cancel) = (false, false);
                ui.horizontal(|ui| {
                    add = ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Add comment")).clicked();
                    cancel = ui.button("Cancel").clicked();
                });
                if add {
                    let shown = tracked::parse(story.text(*field)).shown;
                    commands.push(Command::AddComment {
                        story: slug.clone(),
                        field: *field,
                        range: bytes_of(&shown, chars),
                        text: text.trim().to_owned(),
                    });
                }
                if add || cancel {
                    state.new_comment = None;
                }
            } else {
                let selection = state.selection.clone();
                let button = ui
                    .add_enabled(selection.is_some(), egui::Button::new("Comment on the selection…"))
                    .on_disabled_hover_text("Select text in the headline, dek or body first");
                if button.clicked()
                    && let Some((field, chars)) = selection
                {
                    state.new_comment = Some((field, chars, String::new()));
                }
            }
            for comment in &story.comments {
                ui.push_id(("comment", &comment.id), |ui| thread(ui, story, comment, state, commands));
            }
        },
    );
}

fn thread(
    ui: &mut egui::Ui,
    story: &Story,
    comment: &crate::model::Comment,
    state: &mut EditorState,
    commands: &mut Vec<Command>,
) {
    let slug = &story.slug;
    let anchor = TRACKED_FIELDS.iter().find_map(|field| {
        let text = story.text(*field);
        if !tracked::has_marks(text) {
            return None;
        }
        let doc = tracked::parse_shared(text);
        let mark = doc.marks.iter().find(|m| m.kind == MarkKind::Comment && m.id == comment.id)?;
        // On no text (put at a point, as Word does, or on text since
        // deleted): where it sits, by the words before it.
        let on = match doc.shown.get(mark.range.clone()).unwrap_or_default() {
            "" => match tracked::words_before(&doc.shown, mark.range.start, 40).as_str() {
                "" => format!("at the start of the {}", field.label().to_lowercase()),
                before => format!("after “{}”", excerpt(before)),
            },
            text => format!("“{}”", excerpt(text)),
        };
        Some((*field, on, text_marks::char_range(&doc.shown, &mark.range)))
    });
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        match &anchor {
            Some((field, on, chars)) => {
                let link = ui.link(egui::RichText::new(on).color(COMMENT_COLOR).small());
                if link.clicked() {
                    state.reveal = Some(Reveal { field: *field, chars: chars.clone(), focus: true });
                }
            }
            None => {
                ui.label(egui::RichText::new("(its text is no longer in the story)").small().italics().weak());
            }
        }
        let head =
            format!("{} · {}{}", comment.author, comment.at.short(), if comment.resolved { " · resolved" } else { "" });
        ui.label(egui::RichText::new(head).small().strong());
        ui.label(&comment.text);
        for reply in &comment.replies {
            ui.label(egui::RichText::new(format!("↳ {} · {}", reply.author, reply.at.short())).small().strong());
            ui.label(&reply.text);
        }
        match &mut state.reply {
            Some((id, text)) if *id == comment.id => {
                let label = ui.label(egui::RichText::new("Your reply").small());
                ui.add(egui::TextEdit::multiline(text).desired_rows(2).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                let (mut send, mut cancel) = (false, false);
                ui.horizontal(|ui| {
                    send = ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Reply")).clicked();
                    cancel = ui.button("Cancel").clicked();
                });
                if send {
                    commands.push(Command::ReplyToComment {
                        story: slug.clone(),
                        id: comment.id.clone(),
                        text: text.trim().to_owned(),
                    });
                }
                if send || cancel {
                    state.reply = None;
                }
            }
            _ => {
                ui.horizontal(|ui| {
                    if ui.small_button("Reply…").clicked() {
                        state.reply = Some((comment.id.clone(), String::new()));
                    }
                    let (label, resolved) = if comment.resolved { ("Reopen", false) } else { ("Resolve", true) };
                    if ui.small_button(label).clicked() {
                        commands.push(Command::SetCommentResolved {
                            story: slug.clone(),
                            id: comment.id.clone(),
                            resolved,
                        });
                    }
                });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_breaks_alone_is_named_a_split_or_a_join() {
        assert_eq!(described(MarkKind::Insert, "\n\n"), ("split a paragraph", "¶".to_owned()));
        assert_eq!(described(MarkKind::Delete, "\n\n"), ("joined two paragraphs", "¶".to_owned()));
        assert_eq!(described(MarkKind::Insert, "\n"), ("broke a line", "↵".to_owned()));
        assert_eq!(described(MarkKind::Delete, " \n"), ("removed a line break", "↵".to_owned()));
        assert_eq!(described(MarkKind::Insert, "new\n\nwords"), ("inserted", "new  words".to_owned()));
        assert_eq!(described(MarkKind::Delete, "gone"), ("deleted", "gone".to_owned()));
        assert_eq!(described(MarkKind::Insert, " "), ("inserted", "␣".to_owned()));
        assert_eq!(described(MarkKind::Delete, " \t"), ("deleted", "␣⇥".to_owned()));
    }
}
