//! The function-like schema macros: `include_schema!` over schema files and `tls!` /
//! `asn1!` over RFC text pasted into a string literal. This module parses the macro input,
//! generates through [`crate::generate`] and turns diagnostics into spanned errors.

use std::collections::BTreeSet;
use std::path::Path;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};

use crate::derive::Errors;
use crate::diagnostic::Diagnostic;
use crate::emit::names::ident;
use crate::emit::tls::TlsOptions;
use crate::generate::{Notation, generate_modules, generate_text};
use crate::tls::loader::normalize;

/// Expands `include_schema!("a.tls", "b.tls", open_enums = ["ExtensionType"])`: one
/// `pub mod` per schema file reached, as [`generate_modules`] names and fills them, and an
/// `include_bytes!` of every source file so that cargo rebuilds the caller when one
/// changes. Paths are relative to `manifest_dir`, the calling package's root.
pub fn include_schema(input: TokenStream, manifest_dir: Option<&Path>) -> syn::Result<TokenStream> {
    let input = parse_input(input, Macro::IncludeSchema)?;
    let Some(manifest_dir) = manifest_dir else {
        return Err(syn::Error::new(
            Span::call_site(),
            "CARGO_MANIFEST_DIR is not set, so include_schema! cannot resolve its paths; \
             build with cargo",
        ));
    };

    let paths: Vec<String> = input
        .literals
        .iter()
        .map(|literal| normalize(&manifest_dir.join(literal.value())))
        .collect();
    let mut errors = Errors::default();
    for (literal, path) in input.literals.iter().zip(&paths) {
        if let Err(error) = std::fs::read(path) {
            let message = format!(
                "cannot read schema file `{path}`: {error}\n  = help: include_schema! paths \
                 are relative to the calling package's root, the folder of its Cargo.toml"
            );
            errors.push(syn::Error::new(literal.span(), message));
        }
    }
    errors.finish()?;

    let files: Vec<_> = paths.iter().map(Into::into).collect();
    let modules = match generate_modules(&files, &input.tls) {
        Ok(modules) => modules,
        Err(_) => return Err(attribute_errors(&input.literals, &paths, &input.tls)),
    };

    let mut tracked = BTreeSet::new();
    let mut expansion = TokenStream::new();
    for module in modules {
        let name = ident(&module.module);
        let items = module.items;
        expansion.extend(quote! { pub mod #name { #items } });
        tracked.extend(module.sources);
    }
    for source in tracked {
        expansion.extend(quote! { const _: &[u8] = ::core::include_bytes!(#source); });
    }
    Ok(expansion)
}

/// Expands `tls!(r#"..."#)`, optionally with `open_enums = [...]`: the items of the
/// schema text, with no module around them.
pub fn tls(input: TokenStream) -> syn::Result<TokenStream> {
    let input = parse_input(input, Macro::Tls)?;
    expand_text(&input, Notation::Tls, "<tls! snippet>")
}

/// Expands `asn1!(r#"..."#)`: the items of the ASN.1 module text, with no module around
/// them.
pub fn asn1(input: TokenStream) -> syn::Result<TokenStream> {
    let input = parse_input(input, Macro::Asn1)?;
    expand_text(&input, Notation::Asn1, "<asn1! snippet>")
}

fn expand_text(input: &MacroInput, notation: Notation, name: &str) -> syn::Result<TokenStream> {
    let literal = &input.literals[0];
    generate_text(notation, name, &literal.value(), &input.tls)
        .map_err(|diagnostics| spanned(&diagnostics, literal.span()))
}

/// Compiles each path alone so that its diagnostics are reported on its own literal. Runs
/// only after generation has failed, so a successful expansion compiles each file once.
fn attribute_errors(literals: &[LitStr], paths: &[String], tls: &TlsOptions) -> syn::Error {
    let mut errors = Errors::default();
    let mut reported = BTreeSet::new();
    for (literal, path) in literals.iter().zip(paths) {
        let Err(diagnostics) = generate_modules(&[path.into()], tls) else {
            continue;
        };
        // A file reached from two listed paths would otherwise be reported twice.
        let fresh: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|diagnostic| reported.insert(render(diagnostic)))
            .collect();
        if !fresh.is_empty() {
            errors.push(spanned(&fresh, literal.span()));
        }
    }
    errors.finish().err().unwrap_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "the schema files fail to generate together but each one generates alone; \
             this is a bug in rfcodec, please report it with the schema files",
        )
    })
}

/// Turns each diagnostic into a compile error spanned on `span`.
fn spanned(diagnostics: &[Diagnostic], span: Span) -> syn::Error {
    let mut errors = Errors::default();
    for diagnostic in diagnostics {
        errors.push(syn::Error::new(span, render(diagnostic)));
    }
    errors.finish().err().unwrap_or_else(|| {
        syn::Error::new(span, "schema code generation failed without a diagnostic")
    })
}

/// Renders a diagnostic as a compile error message: the rendering of the CLI and the
/// Builder without its `error:` word, which rustc already prints. A diagnostic about a
/// whole file (unreadable, wrong notation) has no source line to show, so it gets no caret.
fn render(diagnostic: &Diagnostic) -> String {
    let name = &diagnostic.file.name;
    let message = &diagnostic.message;
    if !diagnostic.file.text.is_empty() {
        let (line, column) = diagnostic.line_col();
        let rendered = diagnostic.to_string();
        let excerpt = rendered.split_once('\n').map_or("", |(_, rest)| rest);
        return format!("{name}:{line}:{column}: {message}\n{excerpt}");
    }
    match &diagnostic.help {
        Some(help) => format!("{name}: {message}\n  = help: {help}"),
        None => format!("{name}: {message}"),
    }
}

// ----- macro input ---------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Macro {
    IncludeSchema,
    Tls,
    Asn1,
}

impl Macro {
    fn name(self) -> &'static str {
        match self {
            Self::IncludeSchema => "include_schema!",
            Self::Tls => "tls!",
            Self::Asn1 => "asn1!",
        }
    }

    /// Describes what the macro's string literals contain, for messages.
    fn literal_role(self) -> &'static str {
        match self {
            Self::IncludeSchema => "a schema file path, such as \"schemas/rfc6962.tls\"",
            Self::Tls | Self::Asn1 => "the schema text, such as r#\"...\"#",
        }
    }

    fn takes_open_enums(self) -> bool {
        matches!(self, Self::IncludeSchema | Self::Tls)
    }
}

/// The arguments of a schema macro: string literals, then `name = value` options.
struct MacroInput {
    literals: Vec<LitStr>,
    tls: TlsOptions,
}

fn parse_input(input: TokenStream, kind: Macro) -> syn::Result<MacroInput> {
    let parser = |stream: ParseStream| parse_arguments(stream, kind);
    let input = parser.parse2(input)?;

    if input.literals.is_empty() {
        return Err(syn::Error::new(
            Span::call_site(),
            format!(
                "{} needs a string literal containing {}",
                kind.name(),
                kind.literal_role()
            ),
        ));
    }
    if kind != Macro::IncludeSchema {
        if let Some(extra) = input.literals.get(1) {
            return Err(syn::Error::new(
                extra.span(),
                format!(
                    "{} takes one string literal; put the whole snippet into one raw string",
                    kind.name()
                ),
            ));
        }
    }
    Ok(input)
}

fn parse_arguments(stream: ParseStream, kind: Macro) -> syn::Result<MacroInput> {
    let mut literals = Vec::new();
    let mut open_enums: Option<Ident> = None;
    let mut tls = TlsOptions::default();
    while !stream.is_empty() {
        if stream.peek(LitStr) {
            let literal: LitStr = stream.parse()?;
            if let Some(option) = &open_enums {
                let message =
                    format!("string literals come before options; move this one before `{option}`");
                return Err(syn::Error::new(literal.span(), message));
            }
            literals.push(literal);
        } else if stream.peek(Ident) && stream.peek2(Token![=]) {
            let option: Ident = stream.parse()?;
            stream.parse::<Token![=]>()?;
            check_option(&option, open_enums.as_ref(), kind)?;
            // NOTE: a name that is no enum of the schema is accepted and has no effect,
            // because the TLS emitter does not check the names it is given.
            tls.open_enums.extend(parse_names(stream)?);
            open_enums = Some(option);
        } else {
            let token: TokenTree = stream.parse()?;
            let message = format!(
                "expected a string literal containing {}",
                kind.literal_role()
            );
            return Err(syn::Error::new(token.span(), message));
        }
        if !stream.is_empty() {
            stream.parse::<Token![,]>()?;
        }
    }
    Ok(MacroInput { literals, tls })
}

/// Accepts `open_enums` once, on the macros that read TLS.
fn check_option(option: &Ident, seen: Option<&Ident>, kind: Macro) -> syn::Result<()> {
    if option != "open_enums" || !kind.takes_open_enums() {
        let known = if kind.takes_open_enums() {
            "the only option is `open_enums = [\"EnumName\", ...]`"
        } else {
            "it takes no options"
        };
        let message = format!("unknown option `{option}` of {}: {known}", kind.name());
        return Err(syn::Error::new(option.span(), message));
    }
    if seen.is_some() {
        return Err(syn::Error::new(
            option.span(),
            "`open_enums` is given twice; list every enum in one `open_enums = [...]`",
        ));
    }
    Ok(())
}

/// Parses `["ExtensionType", "NamedGroup"]`, the schema names of enums.
fn parse_names(stream: ParseStream) -> syn::Result<Vec<String>> {
    let content;
    syn::bracketed!(content in stream);
    let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(names.iter().map(LitStr::value).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::PathBuf;

    /// Creates an empty folder of its own under the system temporary folder.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "rfcodec-schema-macros-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn tokens(text: &str) -> TokenStream {
        text.parse().unwrap()
    }

    fn error_messages(error: syn::Error) -> Vec<String> {
        error.into_iter().map(|error| error.to_string()).collect()
    }

    #[test]
    fn include_schema_expands_each_reached_file() {
        let dir = scratch("reached");
        std::fs::write(dir.join("base.tls"), "enum { a(0), (255) } Kind;\n").unwrap();
        std::fs::write(
            dir.join("top.tls"),
            "use \"base.tls\";\nstruct { Kind kind; } Top;\n",
        )
        .unwrap();

        let expansion = include_schema(tokens(r#""top.tls""#), Some(&dir)).unwrap();
        let file: syn::File = syn::parse2(expansion).unwrap();

        let modules: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(module) => Some(module.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(modules, ["top", "base"]);

        let tracked: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Const(constant) => Some(quote!(#constant).to_string()),
                _ => None,
            })
            .collect();
        let base = dir.join("base.tls").to_string_lossy().into_owned();
        let top = dir.join("top.tls").to_string_lossy().into_owned();
        assert_eq!(tracked.len(), 2);
        assert!(tracked[0].contains(&format!(":: core :: include_bytes ! ({base:?})")));
        assert!(tracked[1].contains(&format!(":: core :: include_bytes ! ({top:?})")));
    }

    #[test]
    fn include_schema_emits_reached_file_once() {
        let dir = scratch("twice");
        std::fs::write(dir.join("base.tls"), "enum { a(0), (255) } Kind;\n").unwrap();
        std::fs::write(
            dir.join("top.tls"),
            "use \"base.tls\";\nstruct { Kind k; } T;\n",
        )
        .unwrap();
        std::fs::create_dir(dir.join("sub")).unwrap();

        let input = tokens(r#""sub/../base.tls", "./top.tls", open_enums = ["Kind"]"#);
        let expansion = include_schema(input, Some(&dir)).unwrap();
        let file: syn::File = syn::parse2(expansion).unwrap();
        let modules = file
            .items
            .iter()
            .filter(|item| matches!(item, syn::Item::Mod(_)))
            .count();
        assert_eq!(modules, 2);
        assert!(quote!(#file).to_string().contains("Unknown"));
    }

    #[test]
    fn include_schema_names_the_resolved_missing_path() {
        let dir = scratch("missing");
        let error = include_schema(tokens(r#""schemas/none.tls""#), Some(&dir)).unwrap_err();
        let resolved = dir.join("schemas/none.tls");
        let messages = error_messages(error);
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].starts_with(&format!(
                "cannot read schema file `{}`: ",
                resolved.display()
            )),
            "{}",
            messages[0]
        );
        assert!(messages[0].ends_with("the folder of its Cargo.toml"));
    }

    #[test]
    fn include_schema_reports_line_and_column() {
        let dir = scratch("errors");
        std::fs::write(dir.join("good.tls"), "struct { uint8 a; } A;\n").unwrap();
        std::fs::write(dir.join("bad.tls"), "struct {\n    Foo foo;\n} B;\n").unwrap();

        let error = include_schema(tokens(r#""good.tls", "bad.tls""#), Some(&dir)).unwrap_err();
        let bad = dir.join("bad.tls");
        let expected = format!(
            "{}:2:5: unknown type `Foo`\n  |\n2 |     Foo foo;\n  |     ^^^\n  \
             = help: define `Foo` or `use` the file that defines it",
            bad.display()
        );
        assert_eq!(error_messages(error), [expected]);
    }

    #[test]
    fn include_schema_rejects_unknown_notation() {
        let dir = scratch("notation");
        std::fs::write(dir.join("x.txt"), "").unwrap();
        let error = include_schema(tokens(r#""x.txt""#), Some(&dir)).unwrap_err();
        let expected = format!(
            "{}: unknown schema notation\n  = help: name TLS presentation language \
             files `.tls` and ASN.1 modules `.asn`",
            dir.join("x.txt").display()
        );
        assert_eq!(error_messages(error), [expected]);
    }

    #[test]
    fn include_schema_needs_manifest_dir() {
        let error = include_schema(tokens(r#""x.tls""#), None).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("CARGO_MANIFEST_DIR is not set")
        );
    }

    #[test]
    fn tls_expands_items_without_module() {
        let expansion = tls(tokens(r##"r#"struct { opaque key_id[32]; } LogID;"#"##)).unwrap();
        let file: syn::File = syn::parse2(expansion).unwrap();
        let structs: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(item) => Some(item.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(structs, ["LogId"]);
        assert!(
            !file
                .items
                .iter()
                .any(|item| matches!(item, syn::Item::Mod(_)))
        );
    }

    #[test]
    fn tls_reports_every_problem() {
        let input = tokens("r#\"opaque A<10..5>;\nstruct { Foo foo; } B;\"#");
        let messages = error_messages(tls(input).unwrap_err());
        let floor = "<tls! snippet>:1:9: vector floor 10 is above its ceiling 5\n  |\n\
                     1 | opaque A<10..5>;\n  |         ^^^^^^^\n  \
                     = help: write `<floor..ceiling>` with floor <= ceiling";
        let unknown = "<tls! snippet>:2:10: unknown type `Foo`\n  |\n\
                       2 | struct { Foo foo; } B;\n  |          ^^^\n  \
                       = help: define `Foo` or `use` the file that defines it";
        assert_eq!(messages, [floor, unknown]);
    }

    #[test]
    fn asn1_reports_syntax_errors() {
        let input = tokens(r##"r#"M DEFINITIONS ::= BEGIN A ::= SEQUENCE { a } END"#"##);
        let messages = error_messages(asn1(input).unwrap_err());
        assert_eq!(messages.len(), 1);
        let text = "M DEFINITIONS ::= BEGIN A ::= SEQUENCE { a } END";
        let caret = format!("{}^", " ".repeat(43));
        let expected = format!(
            "<asn1! snippet>:1:44: expected a type, found `}}`\n  |\n1 | {text}\n  | \
             {caret}\n  = help: compare this line with the notation of X.680; comments start \
             with `--`"
        );
        assert_eq!(messages[0], expected);
    }

    #[test]
    fn asn1_expands_module_items() {
        let input = tokens(r##"r#"M DEFINITIONS ::= BEGIN A ::= INTEGER END"#"##);
        let expanded = asn1(input).unwrap().to_string();
        assert!(
            expanded.contains("pub type A < 'a > = :: rfcodec :: der :: Integer < 'a >"),
            "{expanded}"
        );
    }

    #[test]
    fn rejects_input_that_is_not_a_string_literal() {
        let cases = [
            (
                tls(tokens("schema")),
                "expected a string literal containing the schema text",
            ),
            (
                tls(tokens("42")),
                "expected a string literal containing the schema text",
            ),
            (
                tls(tokens("")),
                "tls! needs a string literal containing the schema text",
            ),
            (
                include_schema(tokens("open_enums = [\"A\"]"), Some(Path::new("."))),
                "include_schema! needs a string literal containing a schema file path",
            ),
        ];
        for (result, expected) in cases {
            let message = result.unwrap_err().to_string();
            assert!(message.starts_with(expected), "{message}");
        }
    }

    #[test]
    fn rejects_misused_options() {
        let cases = [
            (
                tls(tokens(r#""", open_enum = ["A"]"#)),
                "unknown option `open_enum` of tls!: the only option is `open_enums = \
                 [\"EnumName\", ...]`",
            ),
            (
                asn1(tokens(r#""", open_enums = ["A"]"#)),
                "unknown option `open_enums` of asn1!: it takes no options",
            ),
            (
                tls(tokens(r#""", open_enums = ["A"], open_enums = ["B"]"#)),
                "`open_enums` is given twice; list every enum in one `open_enums = [...]`",
            ),
            (
                tls(tokens(r#""a", "b""#)),
                "tls! takes one string literal; put the whole snippet into one raw string",
            ),
            (
                include_schema(tokens(r#"open_enums = [], "a.tls""#), Some(Path::new("."))),
                "string literals come before options; move this one before `open_enums`",
            ),
            (
                tls(tokens(r#""", open_enums = "A""#)),
                "expected square brackets",
            ),
        ];
        for (result, expected) in cases {
            assert_eq!(result.unwrap_err().to_string(), expected);
        }
    }
}
