//! A long story for the benchmarks: the seed's paragraphs repeated.

use copydesk::model::text_stats;

/// Misspellings put into the long body: in each copy of the seed, the first
/// word of one pair (in turn) is replaced by the second, once.
pub const TYPOS: [(&str, &str); 5] = [
    ("officials", "offcials"),
    ("resistance", "resistence"),
    ("coalition", "coalitoin"),
    ("American", "Amercan"),
    ("attack", "atack"),
];

/// The seed story's paragraphs repeated until the text has at least `words`
/// words. Each copy gets one misspelling from [`TYPOS`], and each paragraph
/// ends with a numbered sentence, so no two paragraphs are the same (the
/// proofreader's paragraph cache and egui's galley cache would otherwise
/// see repeats and do less work than for a real story).
pub fn long_body(seed: &str, words: usize) -> String {
    let paragraphs: Vec<&str> = seed.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut body = String::new();
    let mut count = 0;
    for copy in 1.. {
        let mut typo = TYPOS.get(copy % TYPOS.len());
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let mut paragraph = (*paragraph).to_owned();
            if let Some((word, misspelled)) = typo
                && paragraph.contains(word)
            {
                paragraph = paragraph.replacen(word, misspelled, 1);
                typo = None;
            }
            paragraph.push_str(&format!(" This is dispatch {copy}.{index}."));
            count += text_stats(&paragraph).words;
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&paragraph);
            if count >= words {
                return body;
            }
        }
        if paragraphs.is_empty() {
            break;
        }
    }
    body
}
