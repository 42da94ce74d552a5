//! What can go wrong reading or writing a project, in words a user can act on.

use std::path::PathBuf;

/// An error from the storage layer. Each message says what went wrong,
/// where (file, and line and column for syntax errors) and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// A folder that holds no `project.ron`.
    #[error("this folder is not a Copydesk project: there is no project.ron in it. Open the project's folder, or create a new project: {}", path.display())]
    NotAProject {
        /// The folder.
        path: PathBuf,
    },
    /// A new project was asked for where one already exists.
    #[error("there is already a Copydesk project here; open it instead, or choose an empty folder: {}", path.display())]
    AlreadyAProject {
        /// The folder.
        path: PathBuf,
    },
    /// The operating system refused to read a file.
    #[error("could not read the file ({source}); check that it exists and that you may read it: {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The operating system refused to write a file.
    #[error("could not save ({source}); the previous version of the file is unchanged. Free some space or check the folder's permissions, then save again: {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file larger than Copydesk will read.
    #[error("the file is {size} bytes, more than the {limit} bytes Copydesk reads for this kind of file: {}", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A file that is not valid RON, or not the shape Copydesk expects.
    #[error("{}:{line}:{column}: {message}. Fix the file by hand (or restore it from version control), then open the project again", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What was wrong there.
        message: String,
    },
    /// A file written by a newer Copydesk.
    #[error("the file was written by a newer Copydesk (schema {found}; this version reads up to {supported}). Update Copydesk to open it: {}", path.display())]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The schema version in the file.
        found: u32,
        /// The newest schema this build reads.
        supported: u32,
    },
    /// A story file whose content cannot be used as it is.
    #[error("{message}: {}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl StorageError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            StorageError::NotAProject { path }
            | StorageError::AlreadyAProject { path }
            | StorageError::Read { path, .. }
            | StorageError::Write { path, .. }
            | StorageError::TooLarge { path, .. }
            | StorageError::Syntax { path, .. }
            | StorageError::NewerSchema { path, .. }
            | StorageError::Invalid { path, .. } => path,
        }
    }
}
