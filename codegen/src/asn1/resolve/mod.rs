//! Name resolution of ASN.1 modules (X.680 13 and 14): binds every reference across
//! modules and their IMPORTS, builds the IR of `ir.rs`, and reports every problem found.

mod constraints;
mod graph;
mod oid;
mod structure;
mod types;
mod values;

use std::collections::HashMap;
use std::sync::Arc;

use super::ast::{self, AssignmentKind, Name};
use super::ir::{self, Ir, StringType, TypeId};
use super::names::{RustCase, check_collisions, rust_name};
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// Maximum number of references followed in one chain (`A ::= B`, `B ::= C`, ...); longer
/// chains are reported. In RFC 5280 the longest chain is two references, from
/// NetworkAddress to X121Address to NumericString.
const MAX_REFERENCE_HOPS: usize = 64;

/// Resolves the modules of one run together and returns their IR, or every problem found.
pub fn resolve(modules: &[ast::Module]) -> Result<Ir, Vec<Diagnostic>> {
    let mut resolver = Resolver::new(modules);
    resolver.check_imports();

    let mut ir_modules = Vec::with_capacity(modules.len());
    for index in 0..modules.len() {
        ir_modules.push(resolver.module(index));
    }
    let mut ir = Ir {
        modules: ir_modules,
    };
    resolver.check_reference_cycles();
    graph::mark_recursion(&mut ir);

    if resolver.diagnostics.is_empty() {
        Ok(ir)
    } else {
        let mut diagnostics = resolver.diagnostics;
        diagnostics.sort_by_key(|(order, diagnostic)| (*order, diagnostic.span.start));
        Err(diagnostics.into_iter().map(|(_, d)| d).collect())
    }
}

/// The target of a type reference: an assignment of some module, or a builtin useful type.
#[derive(Debug, Clone, Copy)]
enum TypeTarget {
    Assigned { module: usize, assignment: usize },
    Builtin(BuiltinType),
}

/// Types X.680 defines by name rather than by keyword (clauses 41 to 47).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BuiltinType {
    String(StringType),
    UtcTime,
    GeneralizedTime,
}

impl BuiltinType {
    fn from_name(name: &str) -> Option<Self> {
        let string = match name {
            "BMPString" => StringType::Bmp,
            "GeneralString" => StringType::General,
            "GraphicString" => StringType::Graphic,
            "IA5String" => StringType::Ia5,
            "ISO646String" | "VisibleString" => StringType::Visible,
            "NumericString" => StringType::Numeric,
            "ObjectDescriptor" => StringType::ObjectDescriptor,
            "PrintableString" => StringType::Printable,
            "TeletexString" | "T61String" => StringType::Teletex,
            "UniversalString" => StringType::Universal,
            "UTF8String" => StringType::Utf8,
            "VideotexString" => StringType::Videotex,
            "UTCTime" => return Some(Self::UtcTime),
            "GeneralizedTime" => return Some(Self::GeneralizedTime),
            _ => return None,
        };
        Some(Self::String(string))
    }

    fn kind(self) -> ir::TypeKind {
        match self {
            Self::String(string) => ir::TypeKind::CharacterString(string),
            Self::UtcTime => ir::TypeKind::UtcTime,
            Self::GeneralizedTime => ir::TypeKind::GeneralizedTime,
        }
    }

    /// Returns the UNIVERSAL tag number of X.680 8.4, table 1.
    fn universal_tag(self) -> u64 {
        match self {
            Self::String(StringType::Utf8) => 12,
            Self::String(StringType::Numeric) => 18,
            Self::String(StringType::Printable) => 19,
            Self::String(StringType::Teletex) => 20,
            Self::String(StringType::Videotex) => 21,
            Self::String(StringType::Ia5) => 22,
            Self::UtcTime => 23,
            Self::GeneralizedTime => 24,
            Self::String(StringType::Graphic) => 25,
            Self::String(StringType::Visible) => 26,
            Self::String(StringType::General) => 27,
            Self::String(StringType::Universal) => 28,
            Self::String(StringType::Bmp) => 30,
            Self::String(StringType::ObjectDescriptor) => 7,
        }
    }
}

/// The names one module defines and imports.
#[derive(Debug, Default)]
struct Scope<'a> {
    /// Type assignments: name to index in the module's assignment list.
    types: HashMap<&'a str, usize>,
    values: HashMap<&'a str, usize>,
    /// Imported symbols: name to the index of the module they come from.
    imports: HashMap<&'a str, usize>,
    /// Symbols imported from modules that are not part of the run; references to them
    /// are not reported again, because the unknown module already is.
    orphan_imports: std::collections::HashSet<&'a str>,
    /// Index of each type assignment among the module's type assignments, which is its
    /// index in the IR.
    type_index: HashMap<usize, usize>,
}

pub(super) struct Resolver<'a> {
    modules: &'a [ast::Module],
    module_index: HashMap<&'a str, usize>,
    scopes: Vec<Scope<'a>>,
    /// Problems found, each with the index of the module it belongs to, for ordering.
    diagnostics: Vec<(usize, Diagnostic)>,
}

impl<'a> Resolver<'a> {
    fn new(modules: &'a [ast::Module]) -> Self {
        let mut resolver = Self {
            modules,
            module_index: HashMap::new(),
            scopes: Vec::with_capacity(modules.len()),
            diagnostics: Vec::new(),
        };
        for (index, module) in modules.iter().enumerate() {
            if let Some(&first) = resolver.module_index.get(module.name.text.as_str()) {
                let first = &modules[first];
                let (line, _) = first.file.line_col(first.name.span.start);
                resolver.report(
                    index,
                    &module.name,
                    format!(
                        "module `{}` is already defined in {} line {line}",
                        module.name.text, first.file.name
                    ),
                    "check each module once; rename one of the two modules",
                );
            } else {
                resolver.module_index.insert(&module.name.text, index);
            }
            let scope = resolver.scope(index);
            resolver.scopes.push(scope);
        }
        resolver
    }

    fn scope(&mut self, module: usize) -> Scope<'a> {
        let ast = &self.modules[module];
        let mut scope = Scope::default();
        let mut type_count = 0;
        for (index, assignment) in ast.assignments.iter().enumerate() {
            let name = assignment.name.text.as_str();
            let earlier = scope.types.get(name).or_else(|| scope.values.get(name));
            if let Some(&earlier) = earlier {
                let (line, _) = ast.file.line_col(ast.assignments[earlier].name.span.start);
                self.report(
                    module,
                    &assignment.name,
                    format!("`{name}` is already defined on line {line}"),
                    "remove or rename one of the two assignments",
                );
            }
            match assignment.kind {
                AssignmentKind::Type(_) => {
                    scope.types.entry(name).or_insert(index);
                    scope.type_index.insert(index, type_count);
                    type_count += 1;
                }
                AssignmentKind::Value { .. } => {
                    scope.values.entry(name).or_insert(index);
                }
            }
        }
        scope
    }

    /// Checks each IMPORTS clause: the module exists, defines and exports each symbol, and
    /// the importing module does not define the symbol itself. Every module's imports are
    /// recorded first, so a symbol one module imports can be re-imported from it.
    fn check_imports(&mut self) {
        let mut found = Vec::new();
        for module in 0..self.modules.len() {
            let ast = &self.modules[module];
            for import in &ast.imports {
                let Some(&source) = self.module_index.get(import.module.text.as_str()) else {
                    let orphans = import.symbols.iter().map(|s| s.text.as_str());
                    self.scopes[module].orphan_imports.extend(orphans);
                    self.report(
                        module,
                        &import.module,
                        format!("unknown module `{}`", import.module.text),
                        &format!(
                            "check the file that defines `{}` together with this one",
                            import.module.text
                        ),
                    );
                    continue;
                };
                for symbol in &import.symbols {
                    self.record_import(module, source, symbol);
                    found.push((module, source, symbol));
                }
            }
        }
        for (module, source, symbol) in found {
            self.check_import_symbol(module, source, symbol);
        }
        for module in 0..self.modules.len() {
            self.check_exports(module);
        }
    }

    /// Reports exported names the module neither defines nor imports.
    fn check_exports(&mut self, module: usize) {
        let Some(exports) = &self.modules[module].exports else {
            return;
        };
        for symbol in exports {
            let name = symbol.text.as_str();
            let scope = &self.scopes[module];
            let known = scope.types.contains_key(name)
                || scope.values.contains_key(name)
                || scope.imports.contains_key(name);
            if !known {
                self.report(
                    module,
                    symbol,
                    format!("`{name}` is exported but not defined in this module"),
                    &format!("define `{name}` or remove it from EXPORTS"),
                );
            }
        }
    }

    fn record_import(&mut self, module: usize, source: usize, symbol: &'a Name) {
        let name = symbol.text.as_str();
        match self.scopes[module].imports.get(name) {
            Some(&earlier) if earlier != source => self.report(
                module,
                symbol,
                format!(
                    "`{name}` is imported from both `{}` and `{}`",
                    self.modules[earlier].name.text, self.modules[source].name.text
                ),
                "import each name from one module only",
            ),
            Some(_) => {}
            None => {
                self.scopes[module].imports.insert(name, source);
            }
        }
    }

    fn check_import_symbol(&mut self, module: usize, source: usize, symbol: &'a Name) {
        let name = symbol.text.as_str();
        let source_ast = &self.modules[source];
        let defined = self.scopes[source].types.contains_key(name)
            || self.scopes[source].values.contains_key(name)
            || self.scopes[source].imports.contains_key(name);
        if !defined {
            self.scopes[module].orphan_imports.insert(name);
            self.report(
                module,
                symbol,
                format!("module `{}` does not define `{name}`", source_ast.name.text),
                "check the spelling, or import the name from the module that defines it",
            );
            return;
        }
        let exported = source_ast
            .exports
            .as_ref()
            .is_none_or(|exports| exports.iter().any(|export| export.text == name));
        if !exported {
            self.report(
                module,
                symbol,
                format!("module `{}` does not export `{name}`", source_ast.name.text),
                &format!("add `{name}` to the EXPORTS of `{}`", source_ast.name.text),
            );
        }
        if self.scopes[module].types.contains_key(name)
            || self.scopes[module].values.contains_key(name)
        {
            self.report(
                module,
                symbol,
                format!("`{name}` is both imported and defined in this module"),
                "remove the import or rename the local assignment",
            );
        }
    }

    /// Builds the IR of one module.
    fn module(&mut self, index: usize) -> ir::Module {
        let ast = &self.modules[index];
        let mut types = Vec::new();
        let mut values = Vec::new();
        for assignment in &ast.assignments {
            let definition = ast.file.text[assignment.span.start..assignment.span.end].to_string();
            let (line, _) = ast.file.line_col(assignment.span.start);
            match &assignment.kind {
                AssignmentKind::Type(ty) => types.push(ir::TypeAssignment {
                    name: assignment.name.text.clone(),
                    rust_name: rust_name(&assignment.name.text, RustCase::UpperCamel),
                    span: assignment.span,
                    line,
                    definition,
                    ty: self.convert_type(index, ty),
                    recursive: false,
                }),
                AssignmentKind::Value { ty, value } => {
                    let ir_type = self.convert_type(index, ty);
                    let converted = self.convert_value(index, value, index, ty, 0);
                    if let Some(ir::Value::Integer(number)) = converted {
                        self.check_integer_constraints(index, value, number, index, ty);
                    }
                    values.push(ir::ValueAssignment {
                        name: assignment.name.text.clone(),
                        rust_name: rust_name(&assignment.name.text, RustCase::ShoutySnake),
                        span: assignment.span,
                        line,
                        definition,
                        ty: ir_type,
                        value: converted.unwrap_or(ir::Value::Null),
                    });
                }
            }
        }
        self.check_module_names(index);

        let oid = ast
            .oid
            .as_ref()
            .and_then(|items| self.resolve_oid(index, items, 0));
        let imports = ast
            .imports
            .iter()
            .filter_map(|import| {
                let module = *self.module_index.get(import.module.text.as_str())?;
                let symbols = import.symbols.iter().map(|s| s.text.clone()).collect();
                Some(ir::Import { module, symbols })
            })
            .collect();
        ir::Module {
            name: ast.name.text.clone(),
            file: ast.file.name.clone(),
            oid,
            tag_default: ast.tag_default,
            extensibility_implied: ast.extensibility_implied,
            imports,
            types,
            values,
        }
    }

    /// Reports type names, and value names, that would share a Rust name.
    fn check_module_names(&mut self, module: usize) {
        let ast = &self.modules[module];
        let mut found = Vec::new();
        let type_names: Vec<&Name> = ast
            .assignments
            .iter()
            .filter(|a| matches!(a.kind, AssignmentKind::Type(_)))
            .map(|a| &a.name)
            .collect();
        check_collisions(&ast.file, &type_names, RustCase::UpperCamel, &mut found);
        let value_names: Vec<&Name> = ast
            .assignments
            .iter()
            .filter(|a| matches!(a.kind, AssignmentKind::Value { .. }))
            .map(|a| &a.name)
            .collect();
        check_collisions(&ast.file, &value_names, RustCase::ShoutySnake, &mut found);
        self.diagnostics
            .extend(found.into_iter().map(|d| (module, d)));
    }

    /// Finds what a type reference names: in the module itself, in its imports (following
    /// re-imports), or among the builtin useful types.
    fn find_type(&self, module: usize, qualifier: Option<&Name>, name: &str) -> Option<TypeTarget> {
        let mut current = match qualifier {
            Some(qualifier) => *self.module_index.get(qualifier.text.as_str())?,
            None => module,
        };
        for _ in 0..MAX_REFERENCE_HOPS {
            let scope = &self.scopes[current];
            if let Some(&assignment) = scope.types.get(name) {
                return Some(TypeTarget::Assigned {
                    module: current,
                    assignment,
                });
            }
            match scope.imports.get(name) {
                Some(&source) => current = source,
                None => break,
            }
        }
        BuiltinType::from_name(name).map(TypeTarget::Builtin)
    }

    /// Finds the value assignment a value reference names, as `(module, assignment)`.
    fn find_value(
        &self,
        module: usize,
        qualifier: Option<&Name>,
        name: &str,
    ) -> Option<(usize, usize)> {
        let mut current = match qualifier {
            Some(qualifier) => *self.module_index.get(qualifier.text.as_str())?,
            None => module,
        };
        for _ in 0..MAX_REFERENCE_HOPS {
            let scope = &self.scopes[current];
            if let Some(&assignment) = scope.values.get(name) {
                return Some((current, assignment));
            }
            current = *scope.imports.get(name)?;
        }
        None
    }

    fn type_id(&self, module: usize, assignment: usize) -> TypeId {
        TypeId {
            module,
            index: self.scopes[module].type_index[&assignment],
        }
    }

    /// Returns the type of an assignment known to be a type assignment.
    fn assigned_type(&self, module: usize, assignment: usize) -> &'a ast::Type {
        match &self.modules[module].assignments[assignment].kind {
            AssignmentKind::Type(ty) => ty,
            AssignmentKind::Value { ty, .. } => ty,
        }
    }

    fn file(&self, module: usize) -> &'a Arc<SourceFile> {
        &self.modules[module].file
    }

    fn report(&mut self, module: usize, name: &Name, message: String, help: &str) {
        self.report_at(module, name.span, message, help);
    }

    /// Reports an unknown name unless it is imported from a module missing from the run.
    fn report_unknown(&mut self, module: usize, name: &Name, message: String, help: &str) {
        if !self.scopes[module]
            .orphan_imports
            .contains(name.text.as_str())
        {
            self.report(module, name, message, help);
        }
    }

    fn report_at(&mut self, module: usize, span: Span, message: String, help: &str) {
        let diagnostic = Diagnostic::error(self.file(module), span, message).with_help(help);
        self.diagnostics.push((module, diagnostic));
    }
}
