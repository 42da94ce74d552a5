//! Publication export of whole stories: ninjs validated against IPTC's 3.1
//! schema, golden files of the sample story in every format, hostile text
//! that must stay text, and byte-identical output from two exports.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export` rewrites the golden files
//! after a deliberate change; review the diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use copydesk::export::{Format, write};
use copydesk::model::{Photo, PhotoId, PhotoUse, Project, Slug, Story, Timestamp};

fn sample() -> (PathBuf, Project) {
    let dir = copydesk::sample_project_dir();
    let project = copydesk::storage::load_project(&dir).unwrap().project;
    (dir, project)
}

fn export(dir: &Path, project: &Project, slug: &Slug, format: Format) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let at = copydesk::model::Timestamp::EPOCH;
    let report = write(dir, project, slug, format, out.path(), at, &mut |_, _| {}).unwrap();
    assert!(report.photo_problems.is_empty(), "{:?}", report.photo_problems);
    out
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/ninjs/ninjs-schema_3.1.json");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The ninjs schema refers to the GeoJSON schema on the web (for `geometry`
/// in places). Tests never touch the network: this stands in for it, and
/// Copydesk writes no geometry.
struct OfflineGeoJson;

impl jsonschema::Retrieve for OfflineGeoJson {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str() {
            "https://geojson.org/schema/GeoJSON.json" => Ok(serde_json::json!({"type": "object"})),
            other => Err(format!("the tests do not fetch {other}").into()),
        }
    }
}

fn validate(instance: &serde_json::Value) -> Vec<String> {
    let validator =
        jsonschema::options().should_validate_formats(true).with_retriever(OfflineGeoJson).build(&schema()).unwrap();
    validator.iter_errors(instance).map(|error| format!("{} at {}", error, error.instance_path())).collect()
}

#[test]
fn the_official_ninjs_examples_validate_so_the_validator_is_real() {
    for name in ["example-3.1-associations.json", "example-3.1-complex-text-article.json"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/ninjs").join(name);
        let example: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(validate(&example), Vec::<String>::new(), "{name}");
    }
    let broken = serde_json::json!({"uri": "urn:x", "pubStatus": "maybe", "headlines": [{"role": "main"}]});
    assert!(validate(&broken).len() >= 2, "a wrong enum and a missing value are caught");
}

#[test]
fn the_sample_exports_as_schema_valid_ninjs_with_its_pictures() {
    let (dir, project) = sample();
    let slug = project.stories[0].slug.clone();
    let out = export(&dir, &project, &slug, Format::Ninjs);
    let json: serde_json::Value = serde_json::from_str(&read(out.path(), "iraq-drone-attacks.json")).unwrap();
    assert_eq!(validate(&json), Vec::<String>::new());
    assert_eq!(json["type"], "text");
    assert_eq!(json["headlines"][0]["role"], "main");
    assert!(json["bodies"][0]["wordCount"].as_u64().unwrap() > 600);
    let pictures = json["associations"].as_array().unwrap();
    assert_eq!(pictures.len(), 2);
    assert_eq!(pictures[0]["type"], "picture");
    assert!(pictures[0]["descriptions"][0]["value"].as_str().unwrap().contains("Ilhan Omar"));
    let rendition = &pictures[0]["renditions"][0];
    assert_eq!((rendition["width"].as_u64(), rendition["height"].as_u64()), (Some(1600), Some(1067)), "not enlarged");
    let href = rendition["href"].as_str().unwrap();
    let file = href.strip_prefix("https://media.example.org/drone-attacks/").expect("under the project's media URL");
    assert!(out.path().join(file).is_file(), "{file} is in the export, to upload there");
}

/// Compares `actual` with the golden file, or rewrites it with UPDATE_GOLDEN.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
    }
    let expected =
        fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)");
}

#[test]
fn the_sample_matches_its_golden_files_in_every_format() {
    let (dir, project) = sample();
    let slug = project.stories[0].slug.clone();
    for (format, files) in [
        (Format::Html, vec!["index.html", "style.css"]),
        (Format::Markdown, vec!["iraq-drone-attacks.md"]),
        (Format::Text, vec!["iraq-drone-attacks.txt"]),
        (Format::Ninjs, vec!["iraq-drone-attacks.json"]),
    ] {
        let out = export(&dir, &project, &slug, format);
        for file in files {
            golden(&format!("sample/{file}"), &read(out.path(), file));
        }
    }
}

#[test]
fn exporting_twice_gives_the_same_bytes_pictures_included() {
    let (dir, project) = sample();
    let slug = project.stories[0].slug.clone();
    let first = export(&dir, &project, &slug, Format::Html);
    let second = export(&dir, &project, &slug, Format::Html);
    let mut names: Vec<String> = Vec::new();
    for entry in walk(first.path()) {
        let relative = entry.strip_prefix(first.path()).unwrap().to_owned();
        assert_eq!(
            fs::read(&entry).unwrap(),
            fs::read(second.path().join(&relative)).unwrap(),
            "{}",
            relative.display()
        );
        names.push(relative.display().to_string());
    }
    names.sort();
    assert_eq!(names.len(), 6, "index.html, style.css and two sizes of two photos: {names:?}");
    // The web copies carry the caption and credit.
    let photo = names.iter().find(|name| name.ends_with("-1024.jpg")).unwrap();
    let embedded = copydesk::photos::metadata::read_metadata(&fs::read(first.path().join(photo)).unwrap()).unwrap();
    assert!(!embedded.caption.is_empty() && !embedded.credit.is_empty());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A project whose every field tries to break out of its place.
fn hostile() -> (tempfile::TempDir, Project, Slug) {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = copydesk::storage::create_project(dir.path(), "Hostile desk").unwrap();
    let slug = Slug::new("hostile").unwrap();
    let mut story = Story::new(slug.clone(), Timestamp::EPOCH);
    story.headline = "<script>alert('headline')</script> & \"quotes\"".into();
    story.dek = "</p><img src=x onerror=alert(1)>".into();
    story.byline = "\"><svg onload=alert(2)>".into();
    story.body = "Hello <script>alert('body')</script> world.\n\n[click](javascript:alert(3))\n\n<iframe src=\"https://evil\"></iframe>".into();
    let picture = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]));
    let source = dir.path().join("red.png");
    picture.save(&source).unwrap();
    let imported = copydesk::storage::import_photo_file(dir.path(), &source).unwrap();
    let id: PhotoId = imported.id.clone();
    let mut photo = Photo::new(id.clone(), imported.file.clone(), "red.png".into(), 64, 48);
    photo.caption = "A caption </figcaption><script>alert('caption')</script>".into();
    photo.credit = "<b>Credit</b>".into();
    photo.alt_text = "\" onerror=\"alert(4)".into();
    loaded.project.photos.push(photo);
    story.photos.push(PhotoUse { lead: true, ..PhotoUse::of(id) });
    loaded.project.stories.push(story);
    loaded.folder.save(&loaded.project).unwrap();
    (dir, loaded.project, slug)
}

#[test]
fn hostile_text_stays_text_in_the_html_package() {
    let (dir, project, slug) = hostile();
    let out = export(dir.path(), &project, &slug, Format::Html);
    let html = read(out.path(), "index.html");
    for forbidden in ["<script", "<img src=x", "<svg", "<iframe", "javascript:", "onerror=\"alert", "<b>Credit"] {
        assert!(!html.contains(forbidden), "{forbidden:?} got through:\n{html}");
    }
    for shown in ["&lt;script&gt;alert(", "&lt;b&gt;Credit&lt;/b&gt;", "&lt;iframe"] {
        assert!(html.contains(shown), "{shown:?} should be shown as text:\n{html}");
    }
    assert_eq!(html.matches("<figure").count(), html.matches("</figure>").count());

    // With no media base URL, renditions link relative to the export
    // folder: valid ninjs under the schema's own rules (2020-12 treats
    // `format` as an annotation), and the only thing strict format checking
    // flags is those relative links.
    let ninjs = |project: &Project| -> serde_json::Value {
        let out = export(dir.path(), project, &slug, Format::Ninjs);
        serde_json::from_str(&read(out.path(), "hostile.json")).unwrap()
    };
    let json = ninjs(&project);
    let default_rules = jsonschema::options().with_retriever(OfflineGeoJson).build(&schema()).unwrap();
    assert!(default_rules.is_valid(&json));
    let strict = validate(&json);
    assert!(!strict.is_empty() && strict.iter().all(|error| error.contains("/href")), "{strict:?}");
    assert!(!json["bodies"][0]["value"].as_str().unwrap().contains("<script"));

    // With one, every link is a full URL and strict checking passes too.
    let mut published = project.clone();
    published.settings.media_base_url = "https://media.example.org/hostile".into();
    let json = ninjs(&published);
    assert_eq!(validate(&json), Vec::<String>::new(), "hostile text still makes valid ninjs");
    let href = json["associations"][0]["renditions"][0]["href"].as_str().unwrap();
    assert!(href.starts_with("https://media.example.org/hostile/photos/"), "{href}");
}

/// A story with pending suggestions and a comment in its headline, dek and
/// body, saved through storage.
fn tracked() -> (tempfile::TempDir, Project, Slug) {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = copydesk::storage::create_project(dir.path(), "Tracked desk").unwrap();
    let slug = Slug::new("budget").unwrap();
    let mut story = Story::new(slug.clone(), Timestamp::EPOCH);
    story.headline = "Council {++s1|quietly ++}agrees {--s2|draft --}budget".into();
    story.dek = "{==c1|Late vote==} ends {++s3|bitter ++}row".into();
    story.byline = "Staff reporter".into();
    story.body =
        "The council {--s4|narrowly --}agreed its budget{++s5| on Tuesday++}.\n\nA {==c2|second {++s6|inserted ++}paragraph==} here."
            .into();
    let at = Timestamp(time::macros::datetime!(2026-11-25 18:05 UTC));
    for (id, kind) in [
        ("s1", copydesk::model::MarkKind::Insert),
        ("s2", copydesk::model::MarkKind::Delete),
        ("s3", copydesk::model::MarkKind::Insert),
        ("s4", copydesk::model::MarkKind::Delete),
        ("s5", copydesk::model::MarkKind::Insert),
        ("s6", copydesk::model::MarkKind::Insert),
    ] {
        story.suggestions.push(copydesk::model::Suggestion { id: id.into(), kind, author: "Ana".into(), at });
    }
    for id in ["c1", "c2"] {
        story.comments.push(copydesk::model::Comment {
            id: id.into(),
            author: "Ben".into(),
            at,
            text: "Check this".into(),
            resolved: false,
            replies: Vec::new(),
        });
    }
    loaded.project.stories.push(story);
    loaded.folder.save(&loaded.project).unwrap();
    let project = copydesk::storage::load_project(dir.path()).unwrap().project;
    (dir, project, slug)
}

#[test]
fn every_format_exports_the_text_as_it_stands_without_marks() {
    let (dir, project, slug) = tracked();
    let story = &project.stories[0];
    assert!(copydesk::model::tracked::has_marks(&story.body), "the marks survive the save");
    for (format, file) in [
        (Format::Html, "index.html"),
        (Format::Markdown, "budget.md"),
        (Format::Text, "budget.txt"),
        (Format::Ninjs, "budget.json"),
    ] {
        let out = export(dir.path(), &project, &slug, format);
        let exported = read(out.path(), file);
        for inserted in ["quietly", "bitter", "on Tuesday", "inserted"] {
            assert!(!exported.contains(inserted), "{file}: the pending insertion {inserted:?} is out:\n{exported}");
        }
        // The plain-text export has no dek.
        let dek = if format == Format::Text { None } else { Some("Late vote ends row") };
        let kept_texts = ["Council agrees draft budget", "narrowly agreed its budget.", "A second paragraph here."];
        for kept in kept_texts.into_iter().chain(dek) {
            assert!(exported.contains(kept), "{file}: {kept:?} stands until the suggestion is accepted:\n{exported}");
        }
        for delimiter in ["{++", "++}", "{--", "--}", "{==", "==}", "s1|", "c1|", "\u{2060}"] {
            assert!(!exported.contains(delimiter), "{file}: {delimiter:?} leaked:\n{exported}");
        }
        if format == Format::Ninjs {
            let json: serde_json::Value = serde_json::from_str(&exported).unwrap();
            assert_eq!(json["bodies"][0]["wordCount"], 10, "counted as it stands");
            assert_eq!(json["headlines"][0]["value"], "Council agrees draft budget");
            assert_eq!(json["headlines"][1]["value"], "Late vote ends row");
        }
    }
}

/// A story for Word: an insertion by Ana, a deletion by Ben and a comment
/// by Cleo with a reply, across the headline, dek and body's blocks.
fn for_word() -> (tempfile::TempDir, Project, Slug) {
    use copydesk::model::{Comment, MarkKind, Reply, Suggestion};
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = copydesk::storage::create_project(dir.path(), "Word desk").unwrap();
    let slug = Slug::new("budget").unwrap();
    let mut story = Story::new(slug.clone(), Timestamp::EPOCH);
    story.headline = "Council {++s1|quietly ++}agrees budget & <cuts>".into();
    story.dek = "A late vote".into();
    story.body = "The council {--s2|narrowly --}agreed its budget.\n\n## What {==c1|next==}\n\n> “A good day,” she said.\n\nRents are {++s3|capped \"again\"++}."
        .into();
    let at = |minute| Timestamp(time::macros::datetime!(2026-11-25 18:00 UTC) + time::Duration::minutes(minute));
    story.suggestions = vec![
        Suggestion { id: "s1".into(), kind: MarkKind::Insert, author: "Ana Ruiz".into(), at: at(1) },
        Suggestion { id: "s2".into(), kind: MarkKind::Delete, author: "Ben".into(), at: at(2) },
        Suggestion { id: "s3".into(), kind: MarkKind::Insert, author: "Ana Ruiz".into(), at: at(3) },
    ];
    story.comments = vec![Comment {
        id: "c1".into(),
        author: "Cleo Li".into(),
        at: at(4),
        text: "Say when <exactly>".into(),
        resolved: false,
        replies: vec![Reply { author: "Ana Ruiz".into(), at: at(5), text: "Added the date & time".into() }],
    }];
    loaded.project.stories.push(story);
    loaded.folder.save(&loaded.project).unwrap();
    let project = copydesk::storage::load_project(dir.path()).unwrap().project;
    (dir, project, slug)
}

fn import_docx(out: &Path, name: &str) -> copydesk::import::ImportedCopy {
    copydesk::import::import_copy(name, &fs::read(out.join(name)).unwrap()).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn word_export_carries_suggestions_and_comments_back_through_the_docx_import() {
    use copydesk::model::tracked::{all_accepted, as_it_stands};
    let (dir, project, slug) = for_word();
    let story = &project.stories[0];
    let out = export(dir.path(), &project, &slug, Format::Docx);
    let copy = import_docx(out.path(), "budget.docx");
    // The dek comes back as the body's first paragraph: the import has no dek.
    let body = format!("{}\n\n{}", story.dek, story.body);
    assert_eq!(as_it_stands(&copy.headline), as_it_stands(&story.headline));
    assert_eq!(all_accepted(&copy.headline), all_accepted(&story.headline));
    assert_eq!(as_it_stands(&copy.body), as_it_stands(&body));
    assert_eq!(all_accepted(&copy.body), all_accepted(&body));
    assert_eq!(all_accepted(&copy.headline), "Council quietly agrees budget & <cuts>");
    let who: Vec<(&str, copydesk::model::MarkKind, Timestamp)> =
        copy.suggestions.iter().map(|s| (s.author.as_str(), s.kind, s.at)).collect();
    let expected: Vec<(&str, copydesk::model::MarkKind, Timestamp)> =
        story.suggestions.iter().map(|s| (s.author.as_str(), s.kind, s.at)).collect();
    assert_eq!(who, expected);
    assert_eq!(copy.comments.len(), 1);
    let comment = &copy.comments[0];
    let original = &story.comments[0];
    assert_eq!((&comment.author, &comment.text, comment.at), (&original.author, &original.text, original.at));
    assert_eq!(comment.replies, original.replies);
    assert!(!comment.resolved);
    // Anchored on the same word.
    let anchor = copydesk::model::tracked::parse(&copy.body);
    let mark = anchor.marks.iter().find(|mark| mark.kind == copydesk::model::MarkKind::Comment).unwrap();
    assert_eq!(&anchor.shown[mark.range.clone()], "next");

    // Resolved threads come back resolved.
    let mut resolved = project.clone();
    resolved.stories[0].comments[0].resolved = true;
    let out = export(dir.path(), &resolved, &slug, Format::Docx);
    assert!(import_docx(out.path(), "budget.docx").comments[0].resolved);
}

#[test]
fn word_export_of_a_plain_story_imports_back_and_is_byte_identical() {
    let (dir, project) = sample();
    let slug = project.stories[0].slug.clone();
    let story = &project.stories[0];
    let first = export(&dir, &project, &slug, Format::Docx);
    let second = export(&dir, &project, &slug, Format::Docx);
    let name = "iraq-drone-attacks.docx";
    assert_eq!(fs::read(first.path().join(name)).unwrap(), fs::read(second.path().join(name)).unwrap());
    let copy = import_docx(first.path(), name);
    assert_eq!(copy.headline, copydesk::model::tracked::as_it_stands(&story.headline));
    let body = copydesk::model::tracked::as_it_stands(&story.body);
    let expected = if story.dek.is_empty() { body.into_owned() } else { format!("{}\n\n{body}", story.dek) };
    // The import makes non-breaking spaces ordinary ones and trims lines.
    let tidy = |text: &str| -> String {
        let spaces = text.replace(['\u{00A0}', '\u{202F}', '\u{2007}'], " ");
        spaces.split("\n\n").map(str::trim).collect::<Vec<_>>().join("\n\n")
    };
    assert_eq!(copy.body, tidy(&expected));
    assert!(copy.suggestions.is_empty() && copy.comments.is_empty());

    let (dir, project, slug) = for_word();
    let first = export(dir.path(), &project, &slug, Format::Docx);
    let second = export(dir.path(), &project, &slug, Format::Docx);
    assert_eq!(
        fs::read(first.path().join("budget.docx")).unwrap(),
        fs::read(second.path().join("budget.docx")).unwrap()
    );
}

#[test]
fn the_command_line_exports_docx_under_the_ready_rule() {
    let (dir, project, _) = for_word();
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["export".as_ref(), dir.path().as_os_str(), "budget".as_ref(), "--format".as_ref()];
        args.extend(["docx".as_ref(), "--out".as_ref(), out.path().as_os_str()]);
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        std::process::Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).output().unwrap()
    };
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(1), "not Ready: refused as in every format");
    assert!(!out.path().join("budget.docx").exists());
    let forced = run(&["--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(String::from_utf8_lossy(&forced.stdout).contains("budget.docx"));
    assert_eq!(import_docx(out.path(), "budget.docx").suggestions.len(), 3);

    // A Ready story exports without --force, the same bytes as the library.
    let mut loaded = copydesk::storage::load_project(dir.path()).unwrap();
    loaded.project.stories[0].status = copydesk::model::StoryStatus::Ready;
    loaded.folder.save(&loaded.project).unwrap();
    fs::remove_file(out.path().join("budget.docx")).unwrap();
    let ready = run(&[]);
    assert_eq!(ready.status.code(), Some(0), "{}", String::from_utf8_lossy(&ready.stderr));
    let library = export(dir.path(), &project, &Slug::new("budget").unwrap(), Format::Docx);
    assert_eq!(
        fs::read(out.path().join("budget.docx")).unwrap(),
        fs::read(library.path().join("budget.docx")).unwrap()
    );
}

/// The story's journey from the command line, as a desk runs it: assigned
/// with a deadline, held under embargo (Published refused until it
/// lifts, exports saying so), published and read-only, then corrected,
/// updated and killed — each export saying which version and state it is,
/// its ninjs valid against IPTC's schema.
#[test]
fn the_journey_from_the_command_line_shows_in_every_export() {
    let copydesk = |args: &[&str]| {
        let output =
            std::process::Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).output().expect("run copydesk");
        let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        (output.status.code(), said)
    };
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&copydesk::sample_project_dir(), dir.path());
    let project = dir.path().to_str().unwrap();
    let slug = "iraq-drone-attacks";
    let out = tempfile::tempdir().unwrap();
    let exported = |format: &str| {
        let folder = out.path().join(format);
        let args = ["export", project, slug, "--format", format, "--out", folder.to_str().unwrap(), "--force"];
        let (code, said) = copydesk(&args);
        assert_eq!(code, Some(0), "{said}");
        let main = Format::from_key(format).unwrap().main_file(&Slug::new(slug).unwrap());
        read(&folder, &main)
    };
    let ninjs = |expect_version: &str| {
        let json: serde_json::Value = serde_json::from_str(&exported("ninjs")).unwrap();
        assert_eq!(validate(&json), Vec::<String>::new());
        assert_eq!(json["version"], expect_version, "{json}");
        json
    };

    for (field, value) in
        [("assignee", "Ana Ruiz"), ("editor", "Sam Okafor"), ("deadline", "2026-12-02 17:00"), ("priority", "urgent")]
    {
        let (code, said) = copydesk(&["set", project, slug, field, value]);
        assert_eq!(code, Some(0), "{field}: {said}");
    }
    let (code, said) = copydesk(&["set", project, slug, "priority", "soon"]);
    assert_eq!(code, Some(2), "a bad priority is bad input: {said}");
    let (_, said) = copydesk(&["info", project, "--json"]);
    let info: serde_json::Value = serde_json::from_str(&said).unwrap();
    let story = &info["stories"][0];
    assert_eq!((story["assignee"].as_str(), story["editor"].as_str()), (Some("Ana Ruiz"), Some("Sam Okafor")));
    assert_eq!(
        (story["deadline"].as_str(), story["priority"].as_str()),
        (Some("2026-12-02T17:00:00Z"), Some("urgent"))
    );
    assert_eq!(story["version"], 1);

    // Under embargo: ready, but not published; the exports say so.
    let (code, said) = copydesk(&["set", project, slug, "embargo", "2099-01-01 06:00"]);
    assert_eq!(code, Some(0), "{said}");
    let (code, said) = copydesk(&["status", project, slug, "ready", "--override", "Desk head approved"]);
    assert_eq!(code, Some(0), "{said}");
    let (code, said) = copydesk(&["status", project, slug, "published"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("embargo until 2099-01-01 06:00"), "{said}");
    assert!(exported("txt").starts_with("EMBARGOED UNTIL 2099-01-01 06:00 UTC\n\n"));
    assert!(
        exported("html").contains("<p class=\"embargo\"><strong>EMBARGOED UNTIL 2099-01-01 06:00 UTC</strong></p>")
    );
    let json = ninjs("1");
    assert_eq!((json["embargoedUntil"].as_str(), json["urgency"].as_u64()), (Some("2099-01-01T06:00:00Z"), Some(1)));

    // Lifted, it is published, and then read-only.
    let (code, said) = copydesk(&["set", project, slug, "embargo", ""]);
    assert_eq!(code, Some(0), "{said}");
    let (code, said) = copydesk(&["status", project, slug, "published"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(!exported("txt").contains("EMBARGOED"));
    let (code, said) = copydesk(&["set", project, slug, "headline", "A new headline"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("published and read-only"), "{said}");
    let (code, said) = copydesk(&["set", project, slug, "assignee", "Lee Chan"]);
    assert_eq!(code, Some(0), "the budget's fields stay open: {said}");
    assert_eq!(ninjs("1")["pubStatus"], "usable");

    // A correction: a note is required; it is a new version with the note
    // at the end of every body.
    let (code, said) = copydesk(&["reopen", project, slug, "--correction", " "]);
    assert_eq!(code, Some(2), "{said}");
    let (code, said) = copydesk(&["reopen", project, slug, "--correction", "misstated the number of drones."]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("Editing (version 2)"), "{said}");
    let (code, said) = copydesk(&["set", project, slug, "dek", "Corrected dek."]);
    assert_eq!(code, Some(0), "reopened, it can be edited: {said}");
    for status in ["ready", "published"] {
        let (code, said) = copydesk(&["status", project, slug, status, "--override", "Corrected"]);
        assert_eq!(code, Some(0), "{status}: {said}");
    }
    let note = "An earlier version of this story misstated the number of drones.";
    let text = exported("txt");
    let (_, after_body) = text.split_once(note).unwrap_or_else(|| panic!("the note is in the text: {text}"));
    assert!(after_body.trim_start().starts_with("Photo captions:"), "the note follows the body: {text}");
    assert!(exported("html").contains("<aside class=\"corrections\">"));
    let json = ninjs("2");
    assert!(json["bodies"][0]["value"].as_str().unwrap().contains(note), "{json}");

    // An update needs no note; a version again.
    let (code, said) = copydesk(&["reopen", project, slug, "--update", "--note", "Adds the ministry's statement"]);
    assert_eq!(code, Some(0), "{said}");
    for status in ["ready", "published"] {
        let (code, said) = copydesk(&["status", project, slug, status, "--override", "Update"]);
        assert_eq!(code, Some(0), "{status}: {said}");
    }
    assert_eq!(ninjs("3")["pubStatus"], "usable");

    // A kill needs a reason; the story is withdrawn and stays so.
    let (code, said) = copydesk(&["reopen", project, slug, "--kill", ""]);
    assert_eq!(code, Some(2), "{said}");
    let (code, said) = copydesk(&["reopen", project, slug, "--kill", "Source withdrew consent"]);
    assert_eq!(code, Some(0), "{said}");
    let json = ninjs("3");
    assert_eq!(json["pubStatus"], "canceled");
    assert_eq!(json["edNote"], "Withdrawn: Source withdrew consent");
    let (code, said) = copydesk(&["reopen", project, slug, "--update"]);
    assert_eq!(code, Some(1), "{said}");
    let story = copydesk::storage::load_project(dir.path()).unwrap().project.stories.remove(0);
    let log: Vec<String> = story.activity.iter().map(|line| line.describe(|item| item.to_owned())).collect();
    let log = log.join("\n");
    assert!(log.contains("reopened it for a correction (version 2)"), "{log}");
    assert!(log.contains("reopened it as an update (version 3): “Adds the ministry's statement”"), "{log}");
    assert!(log.contains("killed it: “Source withdrew consent”"), "{log}");
}
