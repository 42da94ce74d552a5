//! The exported HTML package in a real browser: headless Chromium (Debian's
//! `chromium`, which `.ci/run` installs) opens what `copydesk export
//! --format html` wrote. The sample's export shows its headline, body,
//! captions and credits, and every picture loads; hostile text in a
//! headline, dek, byline, dateline, body, caption, credit or alt text stays
//! text and never runs script. A screenshot of the sample's export is kept
//! in `target/browser-artefacts/sample-export.png`.
//!
//! The checks run in the page as a script of the test's own, appended to a
//! copy of `index.html` (`copydesk-test.html`, beside it so the photos
//! resolve): after the page has loaded, it scrolls each picture into view
//! (the ones after the lead load lazily), waits for it, clicks every link
//! that would not leave the page, then writes what it saw as JSON into a
//! `<pre>` that `--dump-dom` hands back. If something in the page kept that
//! script from running (an unclosed element swallowing it, a payload
//! rewriting the page), there is no JSON and the test fails. The page's own
//! `index.html` is also opened untouched, to check its title with no script
//! of ours in it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // Tests may panic on their own fixtures.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::model::Project;

/// What Chromium is called, as Debian installs it.
const CHROMIUM: &str = "chromium";

/// Flags that work on a closed network, as root: no sandbox, no GPU, and
/// nothing that calls home (without them Chromium's connections are
/// refused, many at a time, and it waits on lookups of Google's hosts).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
];

/// The longest one Chromium run may take before the test gives up on it.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);

/// Where the artefacts of these tests are kept: `target/browser-artefacts/`.
fn artefacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target folder").join("browser-artefacts");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The test's own script, appended to a copy of the page. It reports as JSON
/// in `<pre id="copydesk-test">`.
const PROBE: &str = r#"
<script id="copydesk-test-script">
(async () => {
  const wait = ms => new Promise(done => setTimeout(done, ms));
  if (document.readyState !== 'complete') await new Promise(done => addEventListener('load', done));
  const titleAtLoad = document.title;
  for (const img of document.images) {
    img.scrollIntoView();
    await Promise.race([wait(3000), new Promise(done => {
      if (img.complete) done();
      img.addEventListener('load', done);
      img.addEventListener('error', done);
    })]);
  }
  window.scrollTo(0, 0);
  // Every link that stays on this page (or would run something) is
  // clicked: a javascript: link that got through would run now.
  const here = location.href.split('#')[0];
  for (const link of document.links) {
    const leaves = ['http:', 'https:', 'file:', 'mailto:'].includes(link.protocol) && !link.href.startsWith(here + '#');
    if (!leaves) link.click();
  }
  await wait(500);
  const shown = element => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
    && element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().height > 0;
  const each = selector => [...document.querySelectorAll(selector)].map(element => ({ text: element.innerText, shown: shown(element) }));
  // Anything that could run script: script-bearing elements, event
  // handler attributes, URLs with a scheme that runs code.
  const active = [];
  for (const element of document.querySelectorAll('*')) {
    if (element.id === 'copydesk-test-script') continue;
    const tag = element.localName;
    if (['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'base', 'form'].includes(tag)) active.push(tag);
    if (tag === 'meta' && element.hasAttribute('http-equiv')) active.push('meta http-equiv');
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (attribute.name.startsWith('on')) active.push(`${tag} ${attribute.name}`);
      if (['href', 'src', 'srcset', 'action', 'formaction', 'srcdoc', 'xlink:href'].includes(attribute.name)
          && /^(javascript|vbscript|data):/.test(value)) active.push(`${tag} ${attribute.name}=${attribute.value}`);
    }
  }
  const out = document.createElement('pre');
  out.id = 'copydesk-test';
  out.textContent = JSON.stringify({
    titleAtLoad,
    title: document.title,
    headline: each('article > h1'),
    dek: each('article > p.dek'),
    byline: each('article > p.byline'),
    dateline: each('article > p.dateline'),
    paragraphs: each('article > p:not(.dek):not(.byline):not(.dateline)'),
    body: document.querySelector('article') ? document.querySelector('article').innerText : '',
    captions: each('figcaption'),
    credits: each('figcaption .credit'),
    figures: [...document.querySelectorAll('figure img')].map(img => ({
      src: img.getAttribute('src'),
      current: img.currentSrc,
      alt: img.getAttribute('alt'),
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
      shown: shown(img),
    })),
    images: document.images.length,
    scripts: document.scripts.length,
    active,
  });
  document.body.append(out);
})();
</script>
"#;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the real binary; it must succeed.
fn copydesk<S: AsRef<OsStr>>(args: &[S]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk")).args(args).output().expect("run copydesk");
    let shown: Vec<_> = args.iter().map(|arg| arg.as_ref().to_string_lossy().into_owned()).collect();
    assert!(output.status.success(), "copydesk {shown:?} failed:\n{}{}", text(&output.stdout), text(&output.stderr));
    text(&output.stdout)
}

/// Exports `slug` of the project in `project` as an HTML package with the
/// real binary (`--force`: the stories here are not Ready).
fn export_html(project: &Path, slug: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let package = out.path().join("package");
    let args: [&OsStr; 8] = [
        "export".as_ref(),
        project.as_os_str(),
        slug.as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
        "--out".as_ref(),
        package.as_os_str(),
        "--force".as_ref(),
    ];
    copydesk(&args);
    assert!(package.join("index.html").is_file(), "the export wrote no index.html");
    out
}

/// A `file://` URL for an absolute path, every byte outside the unreserved
/// set and `/` percent-encoded.
fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    let mut url = String::from("file://");
    for byte in path.to_str().expect("temporary paths are UTF-8").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Runs headless Chromium with `args` and a new, empty profile, and
/// returns what it printed. Fails, saying how to get it, when Chromium is
/// not installed: these tests never pass without a browser.
fn chromium(args: &[String]) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let profile = scratch.path().join("profile");
    fs::create_dir(&profile).unwrap();
    let stdout_path = scratch.path().join("stdout");
    let stderr_path = scratch.path().join("stderr");
    let mut child = match Command::new(CHROMIUM)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).unwrap())
        .stderr(fs::File::create(&stderr_path).unwrap())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "headless Chromium is needed for the browser tests and `{CHROMIUM}` is not installed: \
             run `apt-get install chromium` (Debian's package; `.ci/run` installs it)"
        ),
        Err(error) => panic!("could not start `{CHROMIUM}`: {error}"),
    };
    let deadline = Instant::now() + CHROMIUM_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!(
                "Chromium took over {CHROMIUM_TIMEOUT:?} on {args:?}:\n{}",
                fs::read_to_string(&stderr_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = fs::read_to_string(&stdout_path).unwrap();
    assert!(
        status.success(),
        "Chromium failed ({status}) on {args:?}:\n{}",
        fs::read_to_string(&stderr_path).unwrap_or_default()
    );
    stdout
}

/// The DOM of `page` after it has loaded and run for a few seconds of
/// virtual time.
fn dump_dom(page: &Path) -> String {
    chromium(&["--virtual-time-budget=10000".into(), "--dump-dom".into(), file_url(page)])
}

/// Text as an HTML serializer writes it, read back.
fn unescape(serialized: &str) -> String {
    serialized.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

/// Whitespace runs (non-breaking spaces too) as one space, trimmed: text as
/// the page shows it, whatever the source's line breaks and double spaces.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Opens a copy of the package's `index.html` with [`PROBE`] appended, and
/// returns what the probe saw.
fn probe(package: &Path) -> serde_json::Value {
    let page = package.join("copydesk-test.html");
    let mut html = fs::read_to_string(package.join("index.html")).unwrap();
    html.push_str(PROBE);
    fs::write(&page, html).unwrap();
    let dom = dump_dom(&page);
    fs::remove_file(&page).unwrap();
    let start = "<pre id=\"copydesk-test\">";
    let json = dom.find(start).and_then(|at| {
        let rest = &dom[at + start.len()..];
        rest.find("</pre>").map(|end| &rest[..end])
    });
    let Some(json) = json else {
        panic!(
            "the test's script left no results: something in the page kept it from running, \
             or replaced the page (a javascript: link that ran)\n{dom}"
        );
    };
    serde_json::from_str(&unescape(json)).unwrap_or_else(|error| panic!("{error}: {json}"))
}

/// The `<title>` of a page's DOM as Chromium dumped it.
fn dumped_title(dom: &str) -> String {
    let start = dom.find("<title>").map(|at| at + "<title>".len()).expect("a <title> in the page");
    let end = dom[start..].find("</title>").expect("the <title> ends") + start;
    unescape(&dom[start..end])
}

/// The texts of `results[key]`, each an element's `{text, shown}`; every
/// one of them must be shown.
fn shown_texts(results: &serde_json::Value, key: &str) -> Vec<String> {
    results[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {results}"))
        .iter()
        .map(|element| {
            assert_eq!(element["shown"], true, "a {key} element is not shown: {element}");
            squash(element["text"].as_str().unwrap())
        })
        .collect()
}

fn load(project: &Path) -> Project {
    copydesk::storage::load_project(project).unwrap().project
}

#[test]
fn the_sample_export_renders_in_chromium_with_every_picture_loaded() {
    let sample = common::sample_copy();
    let slug = "iraq-drone-attacks";
    let project = load(sample.path());
    let story = project.stories.iter().find(|story| story.slug.as_str() == slug).unwrap();
    let out = export_html(sample.path(), slug);
    let package = out.path().join("package");
    let results = probe(&package);

    // The headline, as the page's title too.
    let headline = squash(&story.headline);
    assert_eq!(shown_texts(&results, "headline"), std::slice::from_ref(&headline));
    assert_eq!(results["title"], headline.as_str());

    // The body, paragraph by paragraph, as written.
    let paragraphs: Vec<String> = story.body.split("\n\n").map(squash).filter(|text| !text.is_empty()).collect();
    assert!(paragraphs.len() > 15, "the sample's body: {paragraphs:?}");
    assert_eq!(shown_texts(&results, "paragraphs"), paragraphs);

    // Every picture loaded and is on the page, in a figure, with its alt text.
    let figures = results["figures"].as_array().unwrap();
    assert_eq!(figures.len(), story.photos.len(), "one picture per photo: {results}");
    assert_eq!(results["images"], figures.len(), "no other pictures: {results}");
    for figure in figures {
        assert_eq!(figure["complete"], true, "{figure}");
        assert!(figure["naturalWidth"].as_u64().unwrap() > 0, "the picture did not load: {figure}");
        assert!(figure["naturalHeight"].as_u64().unwrap() > 0, "the picture did not load: {figure}");
        assert_eq!(figure["shown"], true, "{figure}");
        let current = figure["current"].as_str().unwrap();
        let file = current.strip_prefix(&format!("{}/", file_url(&package))).expect("a file of the package");
        assert!(package.join(file).is_file(), "{current}");
    }

    // Each photo's caption and credit shown under its picture, the lead first.
    let captions = shown_texts(&results, "captions");
    let lead = story.photos.iter().position(|used| used.lead);
    let mut uses: Vec<_> = lead.map(|index| &story.photos[index]).into_iter().collect();
    uses.extend(story.photos.iter().enumerate().filter(|(index, _)| Some(*index) != lead).map(|(_, used)| used));
    assert_eq!(captions.len(), uses.len(), "{captions:?}");
    for ((used, caption), figure) in uses.iter().zip(&captions).zip(figures) {
        let photo = project.photos.iter().find(|photo| photo.id == used.photo).unwrap();
        assert!(
            !photo.caption.trim().is_empty() && !photo.credit.trim().is_empty(),
            "the sample's photos are captioned"
        );
        assert!(caption.starts_with(&squash(&photo.caption)), "{caption:?} is not {:?}", photo.caption);
        assert!(caption.contains(&squash(&photo.credit)), "{caption:?} does not credit {:?}", photo.credit);
        assert_eq!(figure["alt"], photo.alt_text.trim(), "{figure}");
    }
    assert_eq!(results["scripts"], 1, "only the test's own script: {results}");
    assert_eq!(results["active"], serde_json::json!([]), "{results}");

    // The page as exported, in a window of a desktop's size, kept to look at.
    let screenshot = artefacts_dir().join("sample-export.png");
    let _ = fs::remove_file(&screenshot);
    chromium(&[
        "--window-size=1200,1600".into(),
        "--virtual-time-budget=5000".into(),
        format!("--screenshot={}", screenshot.display()),
        file_url(&package.join("index.html")),
    ]);
    let picture =
        image::open(&screenshot).unwrap_or_else(|error| panic!("{}: {error}", screenshot.display())).to_rgb8();
    assert_eq!(picture.dimensions(), (1200, 1600));
    let inked = picture.pixels().filter(|pixel| pixel.0.iter().any(|&channel| channel < 200)).count();
    let colours: std::collections::HashSet<[u8; 3]> = picture.pixels().map(|pixel| pixel.0).collect();
    assert!(
        inked > picture.pixels().len() / 10 && colours.len() > 500,
        "the screenshot looks blank ({inked} dark pixels, {} colours): {}",
        colours.len(),
        screenshot.display()
    );
}

/// The page's title and each payload's own words: they change the title
/// to "pwned" if they ever run.
const HEADLINE: &str =
    "</title><script>document.title='pwned'</script> Desk <img src=x onerror=\"document.title='pwned'\"> & co";
const DEK: &str = "\"><svg onload=\"document.title='pwned'\"><p>";
const BYLINE: &str = "<iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe>";
const DATELINE: &str = "<details open ontoggle=\"document.title='pwned'\"><summary>BAGHDAD</summary></details>";
const BODY: &str = "Body <script>document.title='pwned'</script> text.

<img src=x onerror=\"document.title='pwned'\">

\"><svg onload=\"document.title='pwned'\">

<details open ontoggle=\"document.title='pwned'\"><summary>more</summary></details>

[plain](javascript:document.title='pwned') [cased](JaVaScRiPt:document.title='pwned') \
[spaced]( javascript:document.title='pwned') [entity](&#106;avascript:document.title='pwned') \
<javascript:document.title='pwned'> [vb](vbscript:document.title='pwned') \
[data](data:text/html,<script>parent.document.title='pwned'</script>)

![alt\" onerror=\"document.title='pwned'](javascript:document.title='pwned')

`<script>document.title='pwned'</script>` in code.

<a href=\"javascript:document.title='pwned'\">raw link</a>

Last words </p></article><plaintext>";
const CAPTION: &str =
    "A caption </figcaption><script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">.";
const CREDIT: &str = "<svg onload=\"document.title='pwned'\">Wire";
const ALT: &str = "\" onload=\"document.title='pwned'";

/// A project with one story whose every field holds a payload, made with
/// the real binary: the copy imported from Markdown, the other fields set,
/// and a JPEG attached whose agency caption, credit and alt text (IPTC and
/// XMP, written as an agency would) hold more.
fn hostile_project(dir: &Path) -> (PathBuf, String) {
    let project = dir.join("desk");
    copydesk(&[OsStr::new("new"), project.as_os_str(), OsStr::new("--name"), OsStr::new("Hostile desk")]);
    let copy = dir.join("hostile.md");
    fs::write(&copy, format!("# {HEADLINE}\n\n{BODY}\n")).unwrap();
    let slug = copydesk(&[OsStr::new("import"), project.as_os_str(), copy.as_os_str()]).trim().to_owned();
    assert!(!slug.is_empty() && !slug.contains('\n'), "one story: {slug:?}");
    for (field, value) in [("dek", DEK), ("byline", BYLINE), ("dateline", DATELINE)] {
        copydesk(&[OsStr::new("set"), project.as_os_str(), OsStr::new(&slug), OsStr::new(field), OsStr::new(value)]);
    }

    let picture = image::RgbImage::from_fn(640, 400, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let plain = dir.join("plain.jpg");
    picture.save(&plain).unwrap();
    let fields = copydesk::photos::metadata::WritableMetadata {
        caption: CAPTION.into(),
        credit: CREDIT.into(),
        alt_text: ALT.into(),
        ..Default::default()
    };
    let tagged = copydesk::photos::metadata::write_jpeg_metadata(&fs::read(&plain).unwrap(), &fields).unwrap();
    let photo = dir.join("agency.jpg");
    fs::write(&photo, tagged).unwrap();
    copydesk(&[OsStr::new("photo"), OsStr::new("add"), project.as_os_str(), OsStr::new(&slug), photo.as_os_str()]);
    (project, slug)
}

#[test]
fn hostile_text_in_the_export_never_runs_script_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let (project_dir, slug) = hostile_project(dir.path());

    // The payloads reached the story as written, so the browser sees them.
    let project = load(&project_dir);
    let story = &project.stories[0];
    assert_eq!(squash(&story.headline), squash(HEADLINE), "the import kept the headline");
    assert!(
        story.body.contains("<plaintext>") && story.body.contains("onerror"),
        "the import kept the body: {}",
        story.body
    );
    let photo = &project.photos[0];
    assert_eq!((photo.caption.as_str(), photo.credit.as_str(), photo.alt_text.as_str()), (CAPTION, CREDIT, ALT));

    let out = export_html(&project_dir, &slug);
    let package = out.path().join("package");

    // Untouched, with no script of ours: the title is the headline.
    let dom = dump_dom(&package.join("index.html"));
    assert_eq!(squash(&dumped_title(&dom)), squash(HEADLINE), "{dom}");
    assert!(!dom.contains("<script"), "{dom}");

    let results = probe(&package);
    assert_eq!(results["titleAtLoad"], squash(HEADLINE), "{results}");
    assert_eq!(results["title"], squash(HEADLINE), "a payload ran after the page loaded: {results}");
    assert_eq!(results["scripts"], 1, "only the test's own script: {results}");
    assert_eq!(results["active"], serde_json::json!([]), "nothing that runs script: {results}");

    // Each payload is shown as the text it is.
    assert_eq!(shown_texts(&results, "headline"), [squash(HEADLINE)]);
    assert_eq!(shown_texts(&results, "dek"), [squash(DEK)]);
    assert_eq!(shown_texts(&results, "byline"), [squash(BYLINE)]);
    assert_eq!(shown_texts(&results, "dateline"), [squash(DATELINE)]);
    let body = squash(results["body"].as_str().unwrap());
    for shown in [
        "Body <script>document.title='pwned'</script> text.",
        "<img src=x onerror=\"document.title='pwned'\">",
        "\"><svg onload=\"document.title='pwned'\">",
        "<details open ontoggle=\"document.title='pwned'\"><summary>more</summary></details>",
        "plain cased spaced entity javascript:document.title='pwned' vb data",
        "<script>document.title='pwned'</script> in code.",
        "<a href=\"javascript:document.title='pwned'\">raw link</a>",
        "Last words </p></article><plaintext>",
    ] {
        assert!(body.contains(shown), "{shown:?} is not shown as text in:\n{body}");
    }
    let captions = shown_texts(&results, "captions");
    assert_eq!(captions, [format!("{} {}", squash(CAPTION), squash(CREDIT))]);
    assert_eq!(shown_texts(&results, "credits"), [squash(CREDIT)]);
    let figures = results["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 1, "{results}");
    assert_eq!(figures[0]["alt"], ALT, "the alt text is one attribute");
    assert!(figures[0]["naturalWidth"].as_u64().unwrap() > 0, "the picture loaded, so an onload would have run");
}

/// The checks are real: on a page whose markup does run script, the probe
/// sees the title change, the handler and the `javascript:` link, and a
/// picture that is not there; a page that swallows the probe fails.
#[test]
fn the_probe_sees_script_that_runs_and_pictures_that_fail() {
    let dir = tempfile::tempdir().unwrap();
    let page = |body: &str| {
        let html =
            format!("<!DOCTYPE html>\n<title>Own</title>\n<body><article><h1>Own</h1>\n{body}\n</article></body>\n");
        fs::write(dir.path().join("index.html"), html).unwrap();
    };
    page(
        "<img src=x onerror=\"document.title += ' onerror'\">\n\
         <p><a href=\"javascript:void(document.title += ' link')\">a link</a></p>\n\
         <figure><img src=\"photos/missing.jpg\" alt=\"gone\"><figcaption>Gone.</figcaption></figure>",
    );
    let results = probe(dir.path());
    let title = results["title"].as_str().unwrap();
    assert!(title.starts_with("Own") && title.contains("onerror") && title.contains("link"), "{results}");
    let active = results["active"].to_string();
    assert!(active.contains("img onerror") && active.contains("a href=javascript:"), "{results}");
    assert_eq!(results["figures"][0]["naturalWidth"], 0, "{results}");

    page("<p>Text <plaintext>");
    let swallowed = std::panic::catch_unwind(|| probe(dir.path()));
    assert!(swallowed.is_err(), "a page that swallows the probe must fail, not pass");
}
