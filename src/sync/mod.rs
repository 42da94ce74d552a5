//! Sharing a project over git: share, clone and sync, with merges that
//! understand stories.
//!
//! The engine is the system `git` ([`git`]), so fetch and push work with
//! whatever credentials the editor's terminal has. A sync is Obsidian
//! Git's commit-and-sync: commit what is saved, fetch, merge, push (a push
//! refused because someone pushed first fetches, merges and pushes again).
//! The merge is Copydesk's own ([`merge`]): each file both sides changed is
//! merged three ways, field by field and paragraph by paragraph, and
//! written as a commit with both parents through git's plumbing — git's
//! line merge never touches a RON file, so no conflict marker can land in
//! one. What both sides changed differently keeps the local version in the
//! file and the other side's in `storage::conflicts`, and the merge is not
//! pushed until an editor decides.

pub mod git;
pub mod merge;
pub mod presence;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use git::{Entry, Git, GitFailure};
use presence::Presence;

use crate::model::{Slug, Timestamp};
use crate::storage::conflicts::{self, ConflictRecord};

/// The branch a shared project lives on.
pub const BRANCH: &str = "main";
/// The remote-tracking ref of [`BRANCH`].
const REMOTE_BRANCH: &str = "refs/remotes/origin/main";
/// Tries at pushing when someone else keeps pushing first.
const PUSH_TRIES: usize = 4;
/// The files Copydesk merges itself, for `.gitattributes`.
const MERGED_FILES: [&str; 3] = ["stories/*.ron", "photos/*.ron", "project.ron"];
/// Where the time of the last sync is kept (inside `.git`: this machine's).
const LAST_SYNC_FILE: &str = "copydesk-last-sync";

/// What went wrong sharing or syncing, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No `git` executable.
    #[error(
        "git is not installed or could not be started ({0}); install git (Debian: sudo apt-get install git) and try again"
    )]
    GitMissing(String),
    /// The folder is not the top of a git repository.
    #[error(
        "{} is not a shared project (it is not the top folder of a git repository); share it first: File → Share project…, or copydesk share PROJECT URL",
        .0.display()
    )]
    NotARepository(PathBuf),
    /// No `origin` remote.
    #[error(
        "the project has no shared repository to sync with (no git remote “origin”); share it first: File → Share project…, or copydesk share PROJECT URL"
    )]
    NoRemote,
    /// The remote cannot be reached.
    #[error(
        "the shared repository {url} cannot be reached ({detail}); nothing is lost: your work is committed here and goes out at the next sync"
    )]
    Unreachable {
        /// The remote's URL.
        url: String,
        /// What git said.
        detail: String,
    },
    /// The remote refused the credentials.
    #[error(
        "the shared repository {url} refused to let you in ({detail}); check your login with `git fetch` in a terminal in the project folder (credential helper, ssh key), then sync again"
    )]
    Authentication {
        /// The remote's URL.
        url: String,
        /// What git said.
        detail: String,
    },
    /// A folder to clone into that is not empty.
    #[error("{} already exists and is not empty; clone into a new folder", .0.display())]
    TargetNotEmpty(PathBuf),
    /// A repository with no project in it.
    #[error(
        "the repository {0} holds no Copydesk project (no project.ron at its top); check the address, or share a project to it first"
    )]
    NoProjectThere(String),
    /// The project's files.
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
    /// Any other git failure.
    #[error("git could not finish ({0})")]
    Git(GitFailure),
}

impl SyncError {
    /// Whether this only means "offline": normal, retried at the next sync.
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Unreachable { .. })
    }
}

impl From<GitFailure> for SyncError {
    fn from(failure: GitFailure) -> Self {
        match failure {
            GitFailure::Missing(why) => SyncError::GitMissing(why),
            other => SyncError::Git(other),
        }
    }
}

/// A step of a sync, for progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Committing saved work.
    Committing,
    /// Fetching the others' work.
    Fetching,
    /// Merging it in.
    Merging,
    /// Pushing ours.
    Pushing,
}

impl Step {
    /// For the status line.
    pub fn label(self) -> &'static str {
        match self {
            Step::Committing => "Committing your saved work…",
            Step::Fetching => "Fetching the desk's changes…",
            Step::Merging => "Merging…",
            Step::Pushing => "Sending your changes…",
        }
    }
}

/// What a sync is asked to do besides committing, fetching, merging and
/// pushing.
#[derive(Clone, Debug, Default)]
pub struct SyncOptions {
    /// The commit message; one naming the stories is made when empty.
    pub message: Option<String>,
    /// The commit author: the editor's name (else git's configuration).
    pub author: Option<String>,
    /// This editor's presence to publish (and the id to leave out when
    /// reading everyone else's).
    pub presence: Option<Presence>,
    /// Now, for presence and the last-sync time.
    pub now: Option<Timestamp>,
    /// Held while the sync writes the folder (commit, merge), so a window
    /// saving at the same moment waits for it, and it for the window.
    pub gate: Option<std::sync::Arc<std::sync::Mutex<()>>>,
}

/// Holds `gate`, if there is one, for as long as the guard lives.
fn hold(gate: &Option<std::sync::Arc<std::sync::Mutex<()>>>) -> Option<std::sync::MutexGuard<'_, ()>> {
    gate.as_ref().map(|gate| gate.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Whether `dir` is a shared project: the top of a git repository with an
/// `origin` to sync with.
pub fn is_shared(dir: &Path) -> bool {
    let git = Git::at(dir);
    git.is_repository_root() && git.succeeds(&["remote", "get-url", "origin"])
}

/// A file both sides changed differently, awaiting an editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingConflict {
    /// The file, with `/`.
    pub path: String,
    /// What differs: `body, paragraph 3`.
    pub parts: Vec<String>,
}

impl PendingConflict {
    /// "story “drone-attacks”: body, paragraph 3", for editors.
    pub fn describe(&self) -> String {
        let what = match self.path.strip_prefix("stories/").and_then(|p| p.strip_suffix(".ron")) {
            Some(slug) => format!("story “{slug}”"),
            None if self.path == crate::storage::PROJECT_FILE => "the project settings".to_owned(),
            None => match self.path.strip_prefix("photos/").and_then(|p| p.strip_suffix(".ron")) {
                Some(id) => format!("photo {id}"),
                None => self.path.clone(),
            },
        };
        format!("{what}: {}", self.parts.join("; "))
    }
}

impl From<&ConflictRecord> for PendingConflict {
    fn from(record: &ConflictRecord) -> Self {
        PendingConflict { path: record.path.clone(), parts: record.parts.clone() }
    }
}

/// Where a project stands against its shared repository, without asking
/// the network.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// Commits here the remote has not got.
    pub to_send: usize,
    /// Saved changes not yet committed.
    pub uncommitted: bool,
    /// Commits fetched but not merged.
    pub to_receive: usize,
    /// Conflicts awaiting an editor.
    pub conflicts: usize,
    /// When the last sync that reached the remote finished.
    pub last_sync: Option<Timestamp>,
}

/// What one sync did.
#[derive(Clone, Debug, Default)]
pub struct SyncReport {
    /// The subject of the commit made of local work, if there was any.
    pub committed: Option<String>,
    /// Files the merge changed here (with `/`), for the window to take in.
    pub received: Vec<String>,
    /// Conflicts awaiting an editor (the merge is not pushed while any is).
    pub conflicts: Vec<PendingConflict>,
    /// Notes on what the merge decided that an editor should know (a file
    /// deleted on one side and changed on the other is kept).
    pub notes: Vec<String>,
    /// Whether commits were pushed.
    pub pushed: bool,
    /// Everyone else's fresh presence.
    pub others: Vec<Presence>,
    /// Where things stand now.
    pub status: SyncStatus,
}

impl SyncReport {
    /// Whether the project and the remote hold the same work.
    pub fn in_sync(&self) -> bool {
        self.conflicts.is_empty() && self.status.to_send == 0 && self.status.to_receive == 0
    }
}

/// Git in `dir`, which must be a repository's top folder with an `origin`.
fn open(dir: &Path) -> Result<(Git, String), SyncError> {
    let git = Git::at(dir);
    git.run(&["--version"])?;
    if !git.is_repository_root() {
        return Err(SyncError::NotARepository(dir.to_owned()));
    }
    let url = git.run(&["remote", "get-url", "origin"]).map_err(|_| SyncError::NoRemote)?.trim().to_owned();
    Ok((git, url))
}

/// Tells a network failure apart from others.
fn network_error(failure: GitFailure, url: &str) -> SyncError {
    let detail = failure.detail().to_owned();
    let lower = detail.to_lowercase();
    let short = detail.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
    let auth = [
        "authentication failed",
        "permission denied",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "403",
        "401",
        "invalid username or password",
        "access denied",
    ];
    let unreachable = [
        "could not resolve",
        "unable to access",
        "connection refused",
        "does not appear to be a git repository",
        "could not read from remote repository",
        "no such file or directory",
        "unable to connect",
        "timed out",
        "network is unreachable",
        "connection reset",
        "failed to connect",
        "no route to host",
        "not found",
    ];
    if matches!(failure, GitFailure::Missing(_)) {
        return SyncError::from(failure);
    }
    if auth.iter().any(|needle| lower.contains(needle)) {
        SyncError::Authentication { url: url.to_owned(), detail: short }
    } else if unreachable.iter().any(|needle| lower.contains(needle)) {
        SyncError::Unreachable { url: url.to_owned(), detail: short }
    } else {
        SyncError::Git(failure)
    }
}

/// Makes the repository safe and able to merge stories: the attributes
/// that switch off anything a repository could run and route project files
/// to Copydesk's merge driver (`driver`, this Copydesk's full path, when
/// given), and links checked out as plain files.
pub fn prepare(git: &Git, driver: Option<&Path>) -> Result<(), SyncError> {
    let info = git.git_dir().join("info");
    let mut attributes = String::from(
        "# Written by Copydesk. Nothing a repository brings runs here: no filters,\n\
         # and only Copydesk's own merge for project files.\n\
         * -filter -ident -working-tree-encoding merge=text\n",
    );
    for pattern in MERGED_FILES {
        attributes.push_str(&format!("{pattern} merge=copydesk\n"));
    }
    crate::storage::write_git_file(&info.join("attributes"), &attributes)?;
    git.run(&["config", "core.symlinks", "false"])?;
    git.run(&["config", "merge.copydesk.name", "Copydesk story-aware merge"])?;
    if let Some(exe) = driver {
        let quoted = format!("'{}'", exe.display().to_string().replace('\'', "'\\''"));
        git.run(&["config", "merge.copydesk.driver", &format!("{quoted} merge-driver %O %A %B %P")])?;
    }
    Ok(())
}

/// `.gitattributes` of a shared project: project files merge with
/// Copydesk's driver (so a `git pull` in a terminal merges stories too).
fn ensure_gitattributes(dir: &Path) -> Result<(), SyncError> {
    let path = dir.join(".gitattributes");
    let current = crate::storage::read_small_text(&path)?.unwrap_or_default();
    let mut text = current.clone();
    for pattern in MERGED_FILES {
        let line = format!("{pattern} merge=copydesk");
        if !current.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
        }
    }
    if text != current {
        crate::storage::write_git_file(&path, &text)?;
    }
    Ok(())
}

/// `copydesk share`: makes the project folder a repository if it is not
/// one, commits everything, sets `origin` to `url` and pushes
/// [`BRANCH`].
pub fn share(dir: &Path, url: &str, driver: Option<&Path>, author: Option<&str>) -> Result<SyncReport, SyncError> {
    crate::storage::check_project_folder(dir)?;
    let git = Git::at(dir);
    git.run(&["--version"])?;
    if !git.is_repository_root() {
        git.run(&["init", "--quiet", "--initial-branch", BRANCH])?;
    }
    prepare(&git, driver)?;
    crate::storage::ensure_gitignore(dir)?;
    ensure_gitattributes(dir)?;
    let committed = commit_local(&git, author, Some("Share the project"))?;
    if git.succeeds(&["remote", "get-url", "origin"]) {
        git.run(&["remote", "set-url", "origin", url])?;
    } else {
        git.run(&["remote", "add", "origin", url])?;
    }
    let refspec = format!("HEAD:refs/heads/{BRANCH}");
    git.run(&["push", "--quiet", "--no-verify", "--set-upstream", "origin", &refspec])
        .map_err(|failure| network_error(failure, url))?;
    git.run(&["fetch", "--quiet", "origin"]).map_err(|failure| network_error(failure, url))?;
    write_last_sync(&git, crate::clock::now());
    Ok(SyncReport { committed, pushed: true, status: status(dir)?, ..SyncReport::default() })
}

/// `copydesk clone`: clones a shared project into `dir` (new or empty) and
/// prepares it. Nothing in the repository runs: it is checked out only
/// after the safe attributes are in place.
pub fn clone(url: &str, dir: &Path, driver: Option<&Path>) -> Result<(), SyncError> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()).unwrap_or(true) {
        return Err(SyncError::TargetNotEmpty(dir.to_owned()));
    }
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|source| crate::storage::StorageError::Write { path: parent.to_owned(), source })?;
    let outer = Git::at(parent);
    let target = dir.as_os_str().to_string_lossy().into_owned();
    outer
        .run(&["clone", "--quiet", "--no-checkout", "--origin", "origin", url, &target])
        .map_err(|failure| network_error(failure, url))?;
    let git = Git::at(dir);
    prepare(&git, driver)?;
    if git.commit_of("HEAD").is_none() {
        return Err(SyncError::NoProjectThere(url.to_owned()));
    }
    git.run(&["reset", "--quiet", "--hard", "HEAD"])?;
    if !dir.join(crate::storage::PROJECT_FILE).is_file() {
        return Err(SyncError::NoProjectThere(url.to_owned()));
    }
    write_last_sync(&git, crate::clock::now());
    Ok(())
}

/// `copydesk sync`: commits saved work, fetches, merges and pushes,
/// reporting each [`Step`] to `progress`.
pub fn sync(dir: &Path, options: &SyncOptions, progress: &mut dyn FnMut(Step)) -> Result<SyncReport, SyncError> {
    let (git, url) = open(dir)?;
    prepare(&git, None)?;
    let now = options.now.unwrap_or_else(crate::clock::now);
    let mut report = SyncReport::default();
    progress(Step::Committing);
    report.committed = {
        let _held = hold(&options.gate);
        commit_local(&git, options.author.as_deref(), options.message.as_deref())?
    };

    let me = options.presence.as_ref().map(Presence::id).unwrap_or_default();
    let (pending, _) = conflicts::pending(dir);
    let mut tries = 0;
    loop {
        progress(Step::Fetching);
        fetch(&git, &url)?;
        if !pending.is_empty() {
            // An editor has to decide first; the merge waits, and so does
            // the push (which would hand the other side our choice).
            report.conflicts = pending.iter().map(PendingConflict::from).collect();
            break;
        }
        progress(Step::Merging);
        let merged = {
            let _held = hold(&options.gate);
            // Work saved since the first commit is committed too, so the
            // merge finds the folder clean.
            if let Some(subject) = commit_local(&git, options.author.as_deref(), options.message.as_deref())? {
                report.committed.get_or_insert(subject);
            }
            merge_remote(&git, author_env(&git, options.author.as_deref()))?
        };
        report.received.extend(merged.changed);
        report.notes.extend(merged.notes);
        if !merged.conflicts.is_empty() {
            report.conflicts = merged.conflicts;
            break;
        }
        if ahead_behind(&git).0 == 0 {
            break;
        }
        progress(Step::Pushing);
        tries += 1;
        match push(&git) {
            Ok(()) => {
                report.pushed = true;
                break;
            }
            Err(failure) if tries < PUSH_TRIES && is_rejected(&failure) => continue,
            Err(failure) => return Err(network_error(failure, &url)),
        }
    }
    if let Some(mine) = &options.presence {
        // Presence is advisory: failing to publish it is not a failed sync.
        let _ = presence::publish(&git, mine);
    }
    report.others = presence::others(&git, &me, now);
    write_last_sync(&git, now);
    report.received.sort();
    report.received.dedup();
    report.status = status(dir)?;
    Ok(report)
}

/// Publishes only this editor's presence (a story opened or closed), and
/// reads everyone's: lighter than a sync.
pub fn update_presence(dir: &Path, mine: &Presence, now: Timestamp) -> Result<Vec<Presence>, SyncError> {
    let (git, url) = open(dir)?;
    presence::publish(&git, mine).map_err(|failure| network_error(failure, &url))?;
    let spec = presence::fetch_refspec();
    git.run(&["fetch", "--quiet", "--prune", "origin", &spec]).map_err(|failure| network_error(failure, &url))?;
    Ok(presence::others(&git, &mine.id(), now))
}

fn fetch(git: &Git, url: &str) -> Result<(), SyncError> {
    let branches = "+refs/heads/*:refs/remotes/origin/*".to_owned();
    let spec = presence::fetch_refspec();
    git.run(&["fetch", "--quiet", "--prune", "--no-recurse-submodules", "origin", &branches, &spec])
        .map_err(|failure| network_error(failure, url))?;
    Ok(())
}

fn push(git: &Git) -> Result<(), GitFailure> {
    let refspec = format!("HEAD:refs/heads/{BRANCH}");
    git.run(&["push", "--quiet", "--no-verify", "--porcelain", "origin", &refspec]).map(|_| ())
}

fn is_rejected(failure: &GitFailure) -> bool {
    let detail = failure.detail();
    ["[rejected]", "fetch first", "non-fast-forward", "rejected", "stale info"].iter().any(|n| detail.contains(n))
}

/// Where the project stands, from what was last fetched.
pub fn status(dir: &Path) -> Result<SyncStatus, SyncError> {
    let git = Git::at(dir);
    if !git.is_repository_root() {
        return Err(SyncError::NotARepository(dir.to_owned()));
    }
    let (to_send, to_receive) = ahead_behind(&git);
    let uncommitted = git
        .run(&["status", "--porcelain", "-z", "--untracked-files=all"])
        .map(|out| !out.trim().is_empty())
        .unwrap_or(false);
    let (pending, _) = conflicts::pending(dir);
    Ok(SyncStatus { to_send, uncommitted, to_receive, conflicts: pending.len(), last_sync: read_last_sync(&git) })
}

/// Commits here not on the remote, and commits there not merged here.
fn ahead_behind(git: &Git) -> (usize, usize) {
    let Some(_) = git.commit_of("HEAD") else { return (0, 0) };
    if git.commit_of(REMOTE_BRANCH).is_none() {
        let count = git.run(&["rev-list", "--count", "HEAD"]).ok().and_then(|n| n.trim().parse().ok());
        return (count.unwrap_or(0), 0);
    }
    let range = format!("HEAD...{REMOTE_BRANCH}");
    let counts = git.run(&["rev-list", "--left-right", "--count", &range]).unwrap_or_default();
    let mut numbers = counts.split_whitespace().filter_map(|n| n.parse::<usize>().ok());
    (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0))
}

fn write_last_sync(git: &Git, now: Timestamp) {
    let text = now.0.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    // Only the top bar's "last sync" time depends on it.
    let _ = crate::storage::write_git_file(&git.git_dir().join(LAST_SYNC_FILE), &text);
}

fn read_last_sync(git: &Git) -> Option<Timestamp> {
    let text = crate::storage::read_small_text(&git.git_dir().join(LAST_SYNC_FILE)).ok()??;
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339).ok().map(Timestamp)
}

/// The author and committer identity for commits: the editor's name, else
/// git's configuration; an address git can use either way.
fn author_env(git: &Git, author: Option<&str>) -> Git {
    let configured =
        |key: &str| git.run(&["config", "--get", key]).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let name = author
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .or_else(|| configured("user.name"))
        .unwrap_or_else(|| "Copydesk".to_owned());
    let email = configured("user.email").unwrap_or_else(|| format!("{}@copydesk.invalid", presence::id_of(&name, "")));
    git.with_env("GIT_AUTHOR_NAME", &name)
        .with_env("GIT_AUTHOR_EMAIL", &email)
        .with_env("GIT_COMMITTER_NAME", &name)
        .with_env("GIT_COMMITTER_EMAIL", &email)
}

/// Commits everything saved (what `.gitignore` does not exclude); the
/// commit's subject, or `None` when there was nothing to commit.
fn commit_local(git: &Git, author: Option<&str>, message: Option<&str>) -> Result<Option<String>, SyncError> {
    crate::storage::ensure_gitignore(git.dir())?;
    git.run(&["add", "--all"])?;
    let has_head = git.commit_of("HEAD").is_some();
    if has_head && git.succeeds(&["diff", "--cached", "--quiet"]) {
        return Ok(None);
    }
    let staged = git.run(&["diff", "--cached", "--name-status", "-z", "--no-renames"])?;
    let message = match message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(message) => message.to_owned(),
        None => describe_changes(git, &staged, has_head),
    };
    let subject = message.lines().next().unwrap_or_default().to_owned();
    author_env(git, author)
        .run_with_input(&["commit", "--quiet", "--no-verify", "--file", "-"], Some(message.as_bytes()))?;
    Ok(Some(subject))
}

/// A commit message naming the stories changed and their status changes:
/// `Update drone-attacks (Editing → Ready), iraq-vote`.
fn describe_changes(git: &Git, staged: &str, has_head: bool) -> String {
    let mut fields = staged.split('\0').filter(|f| !f.is_empty());
    let (mut stories, mut lines) = (Vec::new(), Vec::new());
    let (mut photos, mut other) = (0, 0);
    while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
        let slug = path.strip_prefix("stories/").and_then(|p| p.strip_suffix(".ron"));
        match (status, slug) {
            ("A", Some(slug)) => {
                stories.push(format!("{slug} (new)"));
                lines.push(format!("- new story {slug}"));
            }
            ("D", Some(slug)) => {
                stories.push(format!("{slug} (removed)"));
                lines.push(format!("- removed story {slug}"));
            }
            (_, Some(slug)) => {
                let change = if has_head { status_change(git, path) } else { None };
                match change {
                    Some((from, to)) => {
                        stories.push(format!("{slug} ({from} → {to})"));
                        lines.push(format!("- {slug}: status {from} → {to}"));
                    }
                    None => {
                        stories.push(slug.to_owned());
                        lines.push(format!("- {slug}: edited"));
                    }
                }
            }
            (_, None) if path.starts_with("photos/") => photos += 1,
            _ => other += 1,
        }
    }
    let mut subject = if stories.is_empty() {
        "Update the project".to_owned()
    } else {
        let shown: Vec<&str> = stories.iter().take(4).map(String::as_str).collect();
        let more = stories.len().saturating_sub(shown.len());
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        format!("Update {}{tail}", shown.join(", "))
    };
    if stories.is_empty() && photos > 0 {
        subject = format!("Update {photos} photo files");
    }
    if photos > 0 {
        lines.push(format!("- {photos} photo files"));
    }
    if other > 0 {
        lines.push(format!("- {other} other project files"));
    }
    format!("{subject}\n\n{}\n\nCommitted by Copydesk.\n", lines.join("\n"))
}

/// The status a story file had at HEAD and has now, when it changed.
fn status_change(git: &Git, path: &str) -> Option<(&'static str, &'static str)> {
    let before = git.run(&["show", &format!("HEAD:{path}")]).ok()?;
    let after = git.run(&["show", &format!(":{path}")]).ok()?;
    let before = crate::storage::parse_story_text(&before).ok()?;
    let after = crate::storage::parse_story_text(&after).ok()?;
    (before.status != after.status).then(|| (before.status.label(), after.status.label()))
}

/// What merging the fetched work did.
struct Merged {
    changed: Vec<String>,
    conflicts: Vec<PendingConflict>,
    notes: Vec<String>,
}

fn is_ancestor(git: &Git, older: &str, newer: &str) -> bool {
    git.succeeds(&["merge-base", "--is-ancestor", older, newer])
}

/// Paths whose content differs between two commits.
fn changed_between(git: &Git, from: &str, to: &str) -> Result<Vec<String>, GitFailure> {
    let out = git.run(&["diff", "--name-only", "-z", "--no-renames", from, to])?;
    Ok(out.split('\0').filter(|p| !p.is_empty()).map(str::to_owned).collect())
}

/// Merges the fetched remote branch into HEAD (fast-forward when it can)
/// and updates the working files.
fn merge_remote(git: &Git, author: Git) -> Result<Merged, SyncError> {
    let mut merged = Merged { changed: Vec::new(), conflicts: Vec::new(), notes: Vec::new() };
    let Some(theirs) = git.commit_of(REMOTE_BRANCH) else { return Ok(merged) };
    let Some(ours) = git.commit_of("HEAD") else {
        git.run(&["reset", "--quiet", "--hard", &theirs])?;
        return Ok(merged);
    };
    if is_ancestor(git, &theirs, &ours) {
        return Ok(merged);
    }
    if is_ancestor(git, &ours, &theirs) {
        merged.changed = changed_between(git, &ours, &theirs)?;
        git.run(&["merge", "--quiet", "--ff-only", &theirs])?;
        return Ok(merged);
    }
    let base = git.run(&["merge-base", &ours, &theirs]).ok().map(|b| b.trim().to_owned());
    let base_entries = match &base {
        Some(base) => git::tree_entries(git, base)?,
        None => BTreeMap::new(),
    };
    let our_entries = git::tree_entries(git, &ours)?;
    let their_entries = git::tree_entries(git, &theirs)?;
    let paths: BTreeSet<&String> = our_entries.keys().chain(their_entries.keys()).chain(base_entries.keys()).collect();

    // Each path's result where it differs from ours: Some(entry), or None to
    // remove it.
    let mut results: Vec<(String, Option<Entry>)> = Vec::new();
    let mut records: Vec<ConflictRecord> = Vec::new();
    for path in paths {
        let (b, o, t) = (base_entries.get(path), our_entries.get(path), their_entries.get(path));
        if o == t || t == b {
            continue;
        }
        if o == b {
            results.push((path.clone(), t.cloned()));
            continue;
        }
        match (o, t) {
            (Some(o), Some(t)) => {
                let outcome = merge_both(git, path, b, o, t)?;
                if let Some(record) = outcome.record {
                    records.push(record);
                }
                if outcome.entry != *o {
                    results.push((path.clone(), Some(outcome.entry)));
                }
            }
            // Deleted on one side and changed on the other: keep the
            // changed one; a deletion never takes words with it.
            (None, Some(t)) => {
                merged.notes.push(format!("{path} was removed here and changed by the other side: it is kept"));
                results.push((path.clone(), Some(t.clone())));
            }
            (Some(_), None) => {
                merged.notes.push(format!("{path} was removed by the other side and changed here: it is kept"));
            }
            (None, None) => {}
        }
    }

    let tree = write_tree(git, &ours, &results)?;
    let message = format!(
        "Merge the desk's changes\n\nMerged by Copydesk, story by story.{}\n",
        if records.is_empty() {
            String::new()
        } else {
            let names: Vec<String> =
                records.iter().map(|r| format!("\n- conflict kept for an editor: {}", r.path)).collect();
            names.concat()
        }
    );
    let commit =
        author.run_with_input(&["commit-tree", tree.trim(), "-p", &ours, "-p", &theirs], Some(message.as_bytes()))?;
    git.run(&["merge", "--quiet", "--ff-only", commit.trim()])?;
    for mut record in records {
        record.from = theirs.clone();
        conflicts::write(git.dir(), &record)?;
        merged.conflicts.push(PendingConflict::from(&record));
    }
    merged.changed = results.into_iter().map(|(path, _)| path).collect();
    Ok(merged)
}

/// One path's merge: the entry to keep, and a conflict to record.
struct BothChanged {
    entry: Entry,
    record: Option<ConflictRecord>,
}

fn blob_text(git: &Git, entry: &Entry) -> Result<Option<String>, GitFailure> {
    let bytes = git.run_bytes(&["cat-file", "blob", &entry.blob], None)?;
    Ok(String::from_utf8(bytes).ok())
}

fn write_blob(git: &Git, text: &str) -> Result<String, GitFailure> {
    Ok(git.run_with_input(&["hash-object", "-w", "--stdin"], Some(text.as_bytes()))?.trim().to_owned())
}

fn merge_both(
    git: &Git,
    path: &str,
    base: Option<&Entry>,
    ours: &Entry,
    theirs: &Entry,
) -> Result<BothChanged, GitFailure> {
    let keep_ours = BothChanged { entry: ours.clone(), record: None };
    let (Some(our_text), Some(their_text)) = (blob_text(git, ours)?, blob_text(git, theirs)?) else {
        // A picture (content-addressed: never two versions of one name) or
        // another binary file: ours stays, theirs is in their commit.
        return Ok(keep_ours);
    };
    let base_text = match base {
        Some(entry) => blob_text(git, entry)?,
        None => None,
    };
    let merged = match merge::merge_file(path, base_text.as_deref(), &our_text, &their_text) {
        Some(merged) => merged,
        None => {
            // Another text file (.gitignore, code replacements): every line
            // of both sides is kept.
            let text =
                crate::diff::merge3_lines_union(base_text.as_deref().unwrap_or_default(), &our_text, &their_text);
            merge::FileMerge { text, theirs: None, conflicts: Vec::new() }
        }
    };
    let blob = write_blob(git, &merged.text)?;
    let record = merged
        .theirs
        .filter(|_| !merged.conflicts.is_empty())
        .map(|theirs| ConflictRecord::new(path, merged.conflicts.clone(), "", theirs));
    Ok(BothChanged { entry: Entry { mode: ours.mode.clone(), blob }, record })
}

/// The tree of `ours` with `results` applied, written through a temporary
/// index so the real one is untouched.
fn write_tree(git: &Git, ours: &str, results: &[(String, Option<Entry>)]) -> Result<String, GitFailure> {
    let index = git.git_dir().join("copydesk-merge-index");
    let _ = std::fs::remove_file(&index);
    let indexed = git.with_env("GIT_INDEX_FILE", &index.display().to_string());
    indexed.run(&["read-tree", ours])?;
    let mut info = String::new();
    for (path, entry) in results {
        match entry {
            Some(entry) => info.push_str(&format!("{} {}\t{path}\0", entry.mode, entry.blob)),
            None => info.push_str(&format!("0 {}\t{path}\0", "0".repeat(40))),
        }
    }
    indexed.run_with_input(&["update-index", "-z", "--index-info"], Some(info.as_bytes()))?;
    let tree = indexed.run(&["write-tree"]);
    let _ = std::fs::remove_file(&index);
    tree
}

/// `copydesk merge-driver %O %A %B %P`: what git runs to merge a project
/// file during a `git merge` or `git pull` in a terminal. Writes the merged
/// file over `ours` (it always parses) and, when both sides changed the
/// same thing differently, keeps theirs as a pending conflict; `Ok(false)`
/// then (git marks the file conflicted), `Ok(true)` when clean.
pub fn merge_driver(
    project_dir: &Path,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &str,
) -> Result<bool, SyncError> {
    let read = |file: &Path| crate::storage::read_small_text(file).map(Option::unwrap_or_default);
    let (base_text, our_text, their_text) = (read(base)?, read(ours)?, read(theirs)?);
    let base_text = Some(base_text).filter(|text| !text.is_empty());
    let Some(merged) = merge::merge_file(path, base_text.as_deref(), &our_text, &their_text) else {
        return Ok(false);
    };
    crate::storage::write_git_file(ours, &merged.text)?;
    match merged.theirs {
        Some(theirs) if !merged.conflicts.is_empty() => {
            conflicts::write(project_dir, &ConflictRecord::new(path, merged.conflicts, "git merge", theirs))?;
            Ok(false)
        }
        _ => Ok(true),
    }
}

/// The story a pending conflict is about, when it is one.
pub fn conflict_story(conflict: &PendingConflict) -> Option<Slug> {
    let name = conflict.path.strip_prefix("stories/")?.strip_suffix(".ron")?;
    Slug::new(name).ok()
}

/// The address of the project's shared repository, if it has one.
pub fn remote_url(dir: &Path) -> Option<String> {
    let git = Git::at(dir);
    if !git.is_repository_root() {
        return None;
    }
    git.run(&["remote", "get-url", "origin"]).ok().map(|url| url.trim().to_owned()).filter(|url| !url.is_empty())
}

/// A folder name for a clone of `url`: its last part without `.git`
/// (`ssh://desk/drone-attacks.git` → `drone-attacks`).
pub fn folder_name_for(url: &str) -> String {
    let last = url.trim_end_matches(['/', '\\']).rsplit(['/', '\\', ':']).next().unwrap_or_default();
    let name = last.strip_suffix(".git").unwrap_or(last);
    let clean: String = name.chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
    let clean = clean.trim_matches('.').to_owned();
    if clean.is_empty() { "shared-project".to_owned() } else { clean }
}
