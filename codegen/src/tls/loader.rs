//! Sources of schema text (files on disk for the CLI, a map of names to text for tests
//! and the proc-macro) and the joining of a `use` path to the including file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Supplies the text of schema files named by `use` declarations.
pub trait Loader {
    /// Returns the text of the file `name`, as produced by [`join_use_path`].
    fn load(&mut self, name: &str) -> std::io::Result<String>;
}

/// Reads files from disk, relative to the current directory.
#[derive(Debug, Default, Clone, Copy)]
pub struct FsLoader;

impl Loader for FsLoader {
    fn load(&mut self, name: &str) -> std::io::Result<String> {
        crate::source::read_text_file(std::path::Path::new(name), crate::source::MAX_SCHEMA_BYTES)
    }
}

/// Serves files from memory; names are compared after [`join_use_path`].
#[derive(Debug, Default, Clone)]
pub struct MemoryLoader {
    files: HashMap<String, String>,
}

impl MemoryLoader {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_file(mut self, name: &str, text: impl Into<String>) -> Self {
        self.files.insert(name.to_string(), text.into());
        self
    }
}

impl Loader for MemoryLoader {
    fn load(&mut self, name: &str) -> std::io::Result<String> {
        self.files
            .get(name)
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }
}

/// Joins a `use` path to the directory of the file that contains it, removing `.` and
/// resolving `..` where it can. Standard input (`-`) counts as a file in the current
/// directory.
pub fn join_use_path(including: &str, used: &str) -> String {
    let used_path = Path::new(used);
    if used_path.is_absolute() {
        return normalize(used_path);
    }
    let directory = Path::new(including).parent().unwrap_or(Path::new(""));
    normalize(&directory.join(used_path))
}

pub(crate) fn normalize(path: &Path) -> String {
    let mut parts: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined: PathBuf = parts.iter().collect();
    joined.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_path_is_relative_to_including_file() {
        assert_eq!(
            join_use_path("schemas/rfc6962.tls", "rfc5246.tls"),
            "schemas/rfc5246.tls"
        );
        assert_eq!(join_use_path("rfc6962.tls", "rfc5246.tls"), "rfc5246.tls");
        assert_eq!(join_use_path("-", "./a.tls"), "a.tls");
        assert_eq!(join_use_path("a/b/c.tls", "../d.tls"), "a/d.tls");
    }
}
