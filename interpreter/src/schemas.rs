//! The loaded schemas: TLS presentation language files, ASN.1 modules and binding files,
//! resolved so that the interpreter can find types and bindings by name.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

use rfcodec_codegen::bind::{self, ConditionValue, Layer};
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::tls::{Loader, MemoryLoader, join_use_path};
use rfcodec_codegen::{Diagnostic, SourceFile, asn1, tls};

pub use rfcodec_codegen::bind::Encoding;

/// A type of a loaded schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `tls[schema].types[id]`.
    Tls {
        schema: usize,
        id: tls::ir::TypeId,
    },
    Der(asn1::ir::TypeId),
}

/// A schema or binding file that failed to load.
#[derive(Debug)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render_all(&self.diagnostics))
    }
}

impl std::error::Error for LoadError {}

/// A binding with its names resolved.
#[derive(Debug, Clone)]
pub(crate) struct Binding {
    /// Encoding, defining file and name of the type the binding is about.
    pub target: TypeKey,
    pub fields: Vec<String>,
    pub condition: Option<(Vec<String>, ConditionValue)>,
    pub layer: ResolvedLayer,
}

#[derive(Debug, Clone)]
pub(crate) enum ResolvedLayer {
    DerNull,
    DerOctetString(Box<ResolvedLayer>),
    Type(TypeRef),
}

/// A type named independently of which root file reached it: a TLS file `use`d by two
/// roots is compiled twice, and its types are the same for bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeKey {
    pub encoding: Encoding,
    pub file: String,
    pub name: String,
}

/// The loaded schemas and bindings.
#[derive(Debug, Clone, Default)]
pub struct Schemas {
    pub(crate) tls: Vec<tls::ir::Schema>,
    pub(crate) asn1: Option<asn1::ir::Ir>,
    pub(crate) bindings: Vec<Binding>,
    /// Names of OBJECT IDENTIFIER value assignments, by arcs.
    pub(crate) oid_names: HashMap<Vec<u128>, String>,
    /// TLS enums whose unknown values are kept instead of rejected.
    pub(crate) open_enums: BTreeSet<String>,
}

/// The schemas shipped in `schemas/`, by file name.
const BUNDLED: &[(&str, &str)] = &[
    ("rfc5246.tls", include_str!("../../schemas/rfc5246.tls")),
    ("rfc6962.tls", include_str!("../../schemas/rfc6962.tls")),
    ("rfc8446.tls", include_str!("../../schemas/rfc8446.tls")),
    (
        "rfc5280-explicit.asn",
        include_str!("../../schemas/rfc5280-explicit.asn"),
    ),
    (
        "rfc5280-implicit.asn",
        include_str!("../../schemas/rfc5280-implicit.asn"),
    ),
    ("rfc3279.asn", include_str!("../../schemas/rfc3279.asn")),
    (
        "rfc6962-oids.asn",
        include_str!("../../schemas/rfc6962-oids.asn"),
    ),
    ("ct.bind", include_str!("../../schemas/ct.bind")),
];

/// The enums the bundled generated code keeps open, as RFC 8446 section 4.2 requires of
/// extension types.
const BUNDLED_OPEN_ENUMS: &[&str] = &["ExtensionType", "NamedGroup", "SignatureScheme"];

impl Schemas {
    /// Loads the schemas and bindings shipped with rfcodec.
    pub fn bundled() -> Self {
        let files: Vec<(String, String)> = BUNDLED
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut schemas = Self::load(&files).expect("the bundled schemas load");
        schemas.open_enums = BUNDLED_OPEN_ENUMS
            .iter()
            .map(|name| name.to_string())
            .collect();
        schemas
    }

    /// Loads schema files given as (name, text): `.tls` files, `.asn` / `.asn1` modules
    /// (resolved together) and `.bind` files. A TLS `use` finds its file among them by the
    /// path relative to the file that uses it.
    pub fn load(files: &[(String, String)]) -> Result<Self, LoadError> {
        let mut memory = MemoryLoader::new();
        for (name, text) in files {
            memory = memory.with_file(name, text.clone());
        }
        Self::load_with(files, &mut memory)
    }

    /// Loads schema files as [`Schemas::load`] does, reading the files TLS schemas `use`
    /// through `loader`.
    pub fn load_with(
        files: &[(String, String)],
        loader: &mut dyn Loader,
    ) -> Result<Self, LoadError> {
        let mut schemas = Self::default();
        let mut diagnostics = Vec::new();

        for (name, text) in files.iter().filter(|(name, _)| name.ends_with(".tls")) {
            match tls::compile(SourceFile::new(name.clone(), text.clone()), loader) {
                Ok(schema) => schemas.tls.push(schema),
                Err(found) => diagnostics.extend(found),
            }
        }

        let modules: Vec<Arc<SourceFile>> = files
            .iter()
            .filter(|(name, _)| name.ends_with(".asn") || name.ends_with(".asn1"))
            .map(|(name, text)| SourceFile::new(name.clone(), text.clone()))
            .collect();
        if !modules.is_empty() {
            match asn1::check_files(&modules) {
                Ok(ir) => schemas.asn1 = Some(ir),
                Err(found) => diagnostics.extend(found),
            }
        }
        if !diagnostics.is_empty() {
            return Err(LoadError { diagnostics });
        }
        schemas.collect_oid_names();

        for (name, text) in files.iter().filter(|(name, _)| name.ends_with(".bind")) {
            let file = SourceFile::new(name.clone(), text.clone());
            match bind::parse(&file) {
                Ok(parsed) => schemas.resolve_bindings(&parsed, &mut diagnostics),
                Err(found) => diagnostics.extend(found),
            }
        }
        if !diagnostics.is_empty() {
            return Err(LoadError { diagnostics });
        }
        Ok(schemas)
    }

    /// Keeps unknown values of the TLS enum `name` instead of rejecting them.
    pub fn with_open_enum(mut self, name: &str) -> Self {
        self.open_enums.insert(name.to_string());
        self
    }

    /// Finds a type by name: `Type`, or `Module.Type` for ASN.1.
    // NOTE: a bare name defined in both notations resolves to the TLS type first, so
    // `Certificate` is RFC 8446's struct; ASN.1 types need `Module.Type` then.
    pub fn find_type(&self, name: &str) -> Option<TypeRef> {
        for (index, schema) in self.tls.iter().enumerate() {
            if let Some(id) = schema.find(name) {
                return Some(TypeRef::Tls { schema: index, id });
            }
        }
        let ir = self.asn1.as_ref()?;
        let (module_name, type_name) = match name.rsplit_once('.') {
            Some((module, ty)) => (Some(module), ty),
            None => (None, name),
        };
        for (module_index, module) in ir.modules.iter().enumerate() {
            if module_name.is_some_and(|wanted| wanted != module.name) {
                continue;
            }
            if let Some(index) = module.types.iter().position(|ty| ty.name == type_name) {
                return Some(TypeRef::Der(asn1::ir::TypeId {
                    module: module_index,
                    index,
                }));
            }
        }
        None
    }

    /// Returns the certificate type of RFC 5280's explicitly tagged module.
    pub fn certificate(&self) -> Option<TypeRef> {
        self.find_type("PKIX1Explicit88.Certificate")
            .or_else(|| self.find_type("Certificate"))
    }

    /// Returns the type's name as the schema writes it.
    pub fn type_name(&self, ty: TypeRef) -> &str {
        match ty {
            TypeRef::Tls { schema, id } => &self.tls[schema].type_def(id).name,
            TypeRef::Der(id) => &self.asn1().type_assignment(id).name,
        }
    }

    pub(crate) fn asn1(&self) -> &asn1::ir::Ir {
        self.asn1
            .as_ref()
            .expect("DER types exist only when modules are loaded")
    }

    pub(crate) fn key(&self, ty: TypeRef) -> TypeKey {
        match ty {
            TypeRef::Tls { schema, id } => {
                let schema = &self.tls[schema];
                let def = schema.type_def(id);
                TypeKey {
                    encoding: Encoding::Tls,
                    file: schema.files[def.file.0].name.clone(),
                    name: def.name.clone(),
                }
            }
            TypeRef::Der(id) => TypeKey {
                encoding: Encoding::Der,
                file: self.asn1().modules[id.module].file.clone(),
                name: self.asn1().type_assignment(id).name.clone(),
            },
        }
    }

    /// Returns the bindings about type `key`.
    pub(crate) fn bindings_of<'s>(
        &'s self,
        key: &'s TypeKey,
    ) -> impl Iterator<Item = &'s Binding> + 's {
        self.bindings
            .iter()
            .filter(move |binding| &binding.target == key)
    }

    fn collect_oid_names(&mut self) {
        let Some(ir) = &self.asn1 else { return };
        for module in &ir.modules {
            for value in &module.values {
                if let asn1::ir::Value::ObjectIdentifier(arcs) = &value.value {
                    let arcs: Vec<u128> = arcs.iter().map(|&arc| u128::from(arc)).collect();
                    self.oid_names
                        .entry(arcs)
                        .or_insert_with(|| value.name.clone());
                }
            }
        }
    }

    /// Finds the type `name` in the schema file `path`, as a binding names it.
    fn find_in_file(&self, encoding: Encoding, path: &str, name: &str) -> Option<TypeRef> {
        match encoding {
            Encoding::Tls => self.tls.iter().enumerate().find_map(|(index, schema)| {
                if schema.files[0].name != path {
                    return None;
                }
                schema
                    .find(name)
                    .map(|id| TypeRef::Tls { schema: index, id })
            }),
            Encoding::Der => {
                let ir = self.asn1.as_ref()?;
                ir.modules
                    .iter()
                    .enumerate()
                    .find_map(|(module_index, module)| {
                        if module.file != path {
                            return None;
                        }
                        let index = module.types.iter().position(|ty| ty.name == name)?;
                        Some(TypeRef::Der(asn1::ir::TypeId {
                            module: module_index,
                            index,
                        }))
                    })
            }
        }
    }

    fn resolve_bindings(&mut self, parsed: &bind::BindingFile, diagnostics: &mut Vec<Diagnostic>) {
        let path_of = |alias: &str| {
            parsed
                .uses
                .iter()
                .find(|used| used.alias == alias)
                .map(|used| join_use_path(&parsed.file.name, &used.path))
                .unwrap_or_default()
        };
        let encoding_of = |path: &str| {
            if path.ends_with(".tls") {
                Encoding::Tls
            } else {
                Encoding::Der
            }
        };
        for binding in &parsed.bindings {
            let target = &binding.target;
            let path = path_of(&target.alias);
            let encoding = encoding_of(&path);
            let Some(ty) = self.find_in_file(encoding, &path, &target.type_name) else {
                diagnostics.push(not_found(
                    &parsed.file,
                    target.span,
                    &target.type_name,
                    &path,
                ));
                continue;
            };
            let layer = match self.resolve_layer(&binding.layer, &path_of, &parsed.file) {
                Ok(layer) => layer,
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    continue;
                }
            };
            self.bindings.push(Binding {
                target: self.key(ty),
                fields: target.fields.clone(),
                condition: binding
                    .condition
                    .as_ref()
                    .map(|condition| (condition.path.clone(), condition.value.clone())),
                layer,
            });
        }
    }

    fn resolve_layer(
        &self,
        layer: &Layer,
        path_of: &dyn Fn(&str) -> String,
        file: &Arc<SourceFile>,
    ) -> Result<ResolvedLayer, Diagnostic> {
        match layer {
            Layer::DerNull => Ok(ResolvedLayer::DerNull),
            Layer::DerOctetString(inner) => Ok(ResolvedLayer::DerOctetString(Box::new(
                self.resolve_layer(inner, path_of, file)?,
            ))),
            Layer::Type {
                encoding,
                alias,
                type_name,
                span,
            } => {
                let path = path_of(alias);
                self.find_in_file(*encoding, &path, type_name)
                    .map(ResolvedLayer::Type)
                    .ok_or_else(|| not_found(file, *span, type_name, &path))
            }
        }
    }
}

fn not_found(
    file: &Arc<SourceFile>,
    span: rfcodec_codegen::Span,
    name: &str,
    path: &str,
) -> Diagnostic {
    Diagnostic::error(
        file,
        span,
        format!("type `{name}` is not defined in `{path}`"),
    )
    .with_help("check the name and load the schema file the alias points to")
}
