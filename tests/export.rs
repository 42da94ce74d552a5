//! Publication export of whole stories: ninjs validated against IPTC's 3.1
//! schema, golden files of the sample story in every format, hostile text
//! that must stay text, and byte-identical output from two exports.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export` rewrites the golden files
//! after a deliberate change; review the diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

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
    let report = write(dir, project, slug, format, out.path(), &mut |_, _| {}).unwrap();
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
