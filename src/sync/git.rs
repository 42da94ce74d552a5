//! Running the system `git`, safely, in a project folder.
//!
//! Copydesk runs the `git` executable rather than a library so that fetch
//! and push use the editor's own credential helpers, ssh configuration and
//! agents, exactly as in a terminal. Every command runs with hooks off,
//! no terminal prompts (a window has no terminal to answer them in) and
//! links checked out as plain files: a repository is someone else's input,
//! and nothing it brings may run here.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Options on every git command: nothing a repository carries may run
/// (hooks, an fsmonitor), links are never made on checkout, and git never
/// waits for a password on a terminal that is not there.
const SAFE_CONFIG: [&str; 8] = [
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.symlinks=false",
    "protocol.ext.allow=never",
    "submodule.recurse=false",
    "advice.detachedHead=false",
    "credential.interactive=false",
    "core.quotePath=false",
];

/// The git repository of a project folder (its top level).
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// Extra environment for every command (author identity, an index).
    env: Vec<(String, String)>,
}

/// A git command that did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitFailure {
    /// No `git` executable could be started.
    Missing(String),
    /// It ran and failed: the command line and what it printed.
    Failed {
        /// `git fetch origin`, for messages.
        command: String,
        /// Its standard error (and output), trimmed.
        detail: String,
    },
}

impl GitFailure {
    /// What git printed, for matching its error messages.
    pub fn detail(&self) -> &str {
        match self {
            GitFailure::Missing(detail) => detail,
            GitFailure::Failed { detail, .. } => detail,
        }
    }
}

impl std::fmt::Display for GitFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitFailure::Missing(why) => write!(f, "git could not be started ({why}); install git and try again"),
            GitFailure::Failed { command, detail } => write!(f, "`{command}` failed: {detail}"),
        }
    }
}

impl Git {
    /// Git in folder `dir` (which need not be a repository yet).
    pub fn at(dir: &Path) -> Git {
        Git { dir: dir.to_owned(), env: Vec::new() }
    }

    /// The folder commands run in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The same, with `key=value` in every command's environment.
    pub fn with_env(&self, key: &str, value: &str) -> Git {
        let mut git = self.clone();
        git.env.push((key.to_owned(), value.to_owned()));
        git
    }

    /// Runs `git args…`; its standard output on success.
    pub fn run(&self, args: &[&str]) -> Result<String, GitFailure> {
        self.run_with_input(args, None)
    }

    /// Runs `git args…` with `input` on its standard input.
    pub fn run_with_input(&self, args: &[&str], input: Option<&[u8]>) -> Result<String, GitFailure> {
        let bytes = self.run_bytes(args, input)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Runs `git args…`; its standard output as bytes (for blobs).
    pub fn run_bytes(&self, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, GitFailure> {
        let mut command = Command::new("git");
        for config in SAFE_CONFIG {
            command.arg("-c").arg(config);
        }
        command
            .args(args)
            .current_dir(&self.dir)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_ASKPASS", "")
            .env("SSH_ASKPASS", "")
            .env("LC_ALL", "C")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let mut child = command.spawn().map_err(|error| GitFailure::Missing(error.to_string()))?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            // A git that stops reading early reports its own error below.
            let _ = stdin.write_all(bytes);
        }
        let output = child.wait_with_output().map_err(|error| GitFailure::Missing(error.to_string()))?;
        if output.status.success() {
            return Ok(output.stdout);
        }
        let mut detail = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        let stdout = String::from_utf8_lossy(&output.stdout);
        if detail.is_empty() {
            detail = stdout.trim().to_owned();
        }
        Err(GitFailure::Failed { command: format!("git {}", args.join(" ")), detail })
    }

    /// Whether `git args…` succeeds (for questions git answers by exit code).
    pub fn succeeds(&self, args: &[&str]) -> bool {
        self.run(args).is_ok()
    }

    /// The commit a name points at, if it does.
    pub fn commit_of(&self, name: &str) -> Option<String> {
        let spec = format!("{name}^{{commit}}");
        self.run(&["rev-parse", "--verify", "--quiet", &spec]).ok().map(|out| out.trim().to_owned())
    }

    /// Whether this folder is the top level of a git repository.
    pub fn is_repository_root(&self) -> bool {
        let Ok(top) = self.run(&["rev-parse", "--show-toplevel"]) else { return false };
        let top = PathBuf::from(top.trim());
        match (top.canonicalize(), self.dir.canonicalize()) {
            (Ok(top), Ok(dir)) => top == dir,
            _ => false,
        }
    }

    /// The `.git` folder.
    pub fn git_dir(&self) -> PathBuf {
        self.dir.join(".git")
    }
}

/// A file in a commit's tree: its mode and blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `100644`, `100755`, `120000`…
    pub mode: String,
    /// The blob's id.
    pub blob: String,
}

/// Every file in `commit`'s tree, by path.
pub fn tree_entries(git: &Git, commit: &str) -> Result<std::collections::BTreeMap<String, Entry>, GitFailure> {
    let listing = git.run(&["ls-tree", "-r", "-z", "--full-tree", commit])?;
    let mut entries = std::collections::BTreeMap::new();
    for record in listing.split('\0').filter(|r| !r.is_empty()) {
        let Some((meta, path)) = record.split_once('\t') else { continue };
        let mut fields = meta.split(' ');
        let (Some(mode), Some(kind), Some(blob)) = (fields.next(), fields.next(), fields.next()) else { continue };
        if kind == "blob" {
            entries.insert(path.to_owned(), Entry { mode: mode.to_owned(), blob: blob.to_owned() });
        }
    }
    Ok(entries)
}
