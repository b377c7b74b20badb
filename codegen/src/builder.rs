//! Code generation from build scripts: `Builder` reads schema files, writes one formatted
//! Rust file per schema into `OUT_DIR`, rewrites a file only when its content changed,
//! and prints the `cargo:rerun-if-changed` lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::render_all;
use crate::emit::tls::TlsOptions;
use crate::generate::{GeneratedFile, generate_files};

/// Settings of one code generation run, in the manner of prost-build's `Config`.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    schemas: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    tls: TlsOptions,
}

/// Why a build-script run failed: the rendered diagnostics, or an I/O error.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Schema(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("OUT_DIR is not set; call `out_dir` outside build scripts")]
    NoOutDir,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a schema file; `.tls` files are the TLS presentation language, `.asn` and
    /// `.asn1` files ASN.1 modules. Paths are relative to the current directory, which
    /// cargo sets to the package root for build scripts.
    pub fn schema(mut self, path: impl AsRef<Path>) -> Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Writes into `dir` rather than `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Keeps unknown values of the TLS enum `name` instead of rejecting them.
    pub fn open_enum(mut self, name: impl Into<String>) -> Self {
        self.tls.open_enums.insert(name.into());
        self
    }

    /// Generates and writes the files, returning their paths.
    pub fn generate(self) -> Result<Vec<PathBuf>, BuildError> {
        let out_dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        let generated = generate_files(&self.schemas, &self.tls)
            .map_err(|diagnostics| BuildError::Schema(render_all(&diagnostics)))?;

        let mut written = BTreeMap::new();
        for GeneratedFile {
            module,
            sources,
            code,
        } in generated
        {
            for source in &sources {
                println!("cargo:rerun-if-changed={source}");
            }
            let path = out_dir.join(format!("{module}.rs"));
            write_if_changed(&path, &code)?;
            written.insert(module, path);
        }
        Ok(written.into_values().collect())
    }
}

fn write_if_changed(path: &Path, code: &str) -> Result<(), BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == code) {
        return Ok(());
    }
    std::fs::write(path, code).map_err(|source| BuildError::Write {
        path: path.to_path_buf(),
        source,
    })
}
