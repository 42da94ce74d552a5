//! Renders a story body's Markdown for the preview: paragraphs, `##`
//! subheads, bold, italic, `>` quotes, lists, links and code.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

#[derive(Default)]
struct Inline {
    strong: u32,
    emphasis: u32,
    link: u32,
    code: bool,
}

/// Draws `markdown` as formatted text.
pub fn show(ui: &mut egui::Ui, markdown: &str) {
    let text_color = ui.visuals().text_color();
    let link_color = ui.visuals().hyperlink_color;
    let quote_color = ui.visuals().weak_text_color();
    let mut job = LayoutJob::default();
    let mut inline = Inline::default();
    let mut heading: Option<HeadingLevel> = None;
    let mut quote_depth = 0usize;
    let mut list_depth = 0usize;

    let flush = |ui: &mut egui::Ui, job: &mut LayoutJob, quote_depth: usize| {
        if job.text.trim().is_empty() {
            *job = LayoutJob::default();
            return;
        }
        let mut finished = std::mem::take(job);
        finished.wrap.max_width = ui.available_width() - 24.0 * quote_depth as f32;
        ui.horizontal(|ui| {
            if quote_depth > 0 {
                let (rect, _) = ui
                    .allocate_exact_size(egui::vec2(4.0 + 20.0 * (quote_depth - 1) as f32, 18.0), egui::Sense::hover());
                ui.painter().rect_filled(rect.with_max_x(rect.min.x + 3.0), 1.0, quote_color);
            }
            ui.add(egui::Label::new(finished).wrap());
        });
        ui.add_space(8.0);
    };

    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                flush(ui, &mut job, quote_depth);
                heading = None;
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(ui, &mut job, quote_depth);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                let indent = "    ".repeat(list_depth.saturating_sub(1));
                append(&mut job, &format!("{indent}• "), plain(text_color));
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph) => flush(ui, &mut job, quote_depth),
            Event::End(TagEnd::CodeBlock) => {
                flush(ui, &mut job, quote_depth);
                inline.code = false;
            }
            Event::Start(Tag::Strong) => inline.strong += 1,
            Event::End(TagEnd::Strong) => inline.strong = inline.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => inline.emphasis += 1,
            Event::End(TagEnd::Emphasis) => inline.emphasis = inline.emphasis.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => inline.link += 1,
            Event::End(TagEnd::Link) => inline.link = inline.link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => inline.code = true,
            Event::Text(text) => {
                let format = format_for(&inline, heading, quote_depth > 0, text_color, link_color, quote_color);
                append(&mut job, &text, format);
            }
            Event::Code(text) => {
                let mut format = format_for(&inline, heading, quote_depth > 0, text_color, link_color, quote_color);
                format.font_id = FontId::monospace(13.0);
                append(&mut job, &text, format);
            }
            Event::SoftBreak => append(&mut job, " ", plain(text_color)),
            Event::HardBreak => append(&mut job, "\n", plain(text_color)),
            Event::Rule => {
                flush(ui, &mut job, quote_depth);
                ui.separator();
            }
            _ => {}
        }
    }
    flush(ui, &mut job, quote_depth);
}

fn plain(color: Color32) -> TextFormat {
    TextFormat { font_id: FontId::proportional(15.0), color, ..Default::default() }
}

fn format_for(
    inline: &Inline,
    heading: Option<HeadingLevel>,
    in_quote: bool,
    text: Color32,
    link: Color32,
    quote: Color32,
) -> TextFormat {
    let size = match heading {
        Some(HeadingLevel::H1) => 24.0,
        Some(HeadingLevel::H2) => 20.0,
        Some(_) => 17.0,
        None => 15.0,
    };
    let mut format = plain(if in_quote { quote } else { text });
    format.font_id = if inline.code { FontId::monospace(13.0) } else { FontId::proportional(size) };
    format.italics = inline.emphasis > 0 || in_quote;
    if inline.strong > 0 || heading.is_some() {
        // egui's default fonts have no bold face; a strong colour stands in.
        format.color = if in_quote { text } else { strong_color(text) };
    }
    if inline.link > 0 {
        format.color = link;
        format.underline = Stroke::new(1.0, link);
    }
    format
}

fn strong_color(text: Color32) -> Color32 {
    if text.r() > 128 { Color32::WHITE } else { Color32::BLACK }
}

fn append(job: &mut LayoutJob, text: &str, format: TextFormat) {
    job.append(text, 0.0, format);
}
