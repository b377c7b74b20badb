//! End-to-end tests of rfcodec on real data: certificates, SCT lists, Certificate
//! Transparency log entries and test vectors under `data/`.

use std::path::PathBuf;

/// Returns the path of a file under the bundled test data.
pub fn data_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(path)
}

/// Reads a file of the bundled test data.
pub fn data(path: &str) -> Vec<u8> {
    let full = data_path(path);
    std::fs::read(&full).unwrap_or_else(|error| panic!("cannot read {}: {error}", full.display()))
}

/// Returns the paths of every file in a folder of the bundled test data, sorted.
pub fn data_files(folder: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_path(folder))
        .unwrap_or_else(|error| panic!("cannot list {folder}: {error}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths
}
