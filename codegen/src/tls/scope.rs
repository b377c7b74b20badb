//! Name lookups on the syntax tree that the resolver needs before the IR exists: the
//! type behind an alias chain, and fields named by dotted paths (`Handshake.msg_type`)
//! for selectors and length links (RFC 8446 section 3.8, RFC 5246 section 6.2.1).

use std::collections::HashMap;

use crate::tls::ast;
use crate::tls::ir::{Discriminant, TypeId};

/// The top-level definitions of every file, by [`TypeId`], and their names.
pub struct Scope<'a> {
    pub defs: Vec<&'a ast::Definition>,
    pub by_name: HashMap<&'a str, TypeId>,
}

/// End of a dotted path.
pub enum PathEnd {
    /// A field usable as a discriminant or a length.
    Scalar(Discriminant),
    /// A field of another kind: opaque, a vector or a struct.
    Other,
    /// A field whose type is undefined, which is reported where the type is named.
    Unknown,
}

/// Target of a name inside a struct body.
enum Found<'a> {
    Field(&'a ast::Field),
    Struct(&'a [ast::Member]),
}

impl<'a> Scope<'a> {
    /// Returns the discriminant kind of a type: an enum, or an integer, through any
    /// chain of plain aliases (`uint16 ProtocolVersion;`). Iterates, so a long alias
    /// chain costs no stack.
    pub fn scalar_of(&self, ty: &ast::TypeRef) -> Option<Discriminant> {
        let mut name = ty.name.text.as_str();
        for _ in 0..=self.defs.len() {
            if let Some(bytes) = uint_bytes(name) {
                return Some(Discriminant::Uint { bytes });
            }
            let id = *self.by_name.get(name)?;
            match &self.defs[id.0].kind {
                ast::DefinitionKind::Enum { .. } => return Some(Discriminant::Enum(id)),
                ast::DefinitionKind::Alias {
                    ty, vector: None, ..
                } => name = ty.name.text.as_str(),
                _ => return None,
            }
        }
        None
    }

    fn is_defined(&self, name: &str) -> bool {
        uint_bytes(name).is_some() || name == "opaque" || self.by_name.contains_key(name)
    }

    /// Returns the members of the struct a type names, through plain aliases.
    pub fn struct_members(&self, type_name: &str) -> Option<&'a [ast::Member]> {
        let mut name = type_name;
        for _ in 0..=self.defs.len() {
            let id = *self.by_name.get(name)?;
            match &self.defs[id.0].kind {
                ast::DefinitionKind::Struct(body) => return Some(&body.members),
                ast::DefinitionKind::Alias {
                    ty, vector: None, ..
                } => name = ty.name.text.as_str(),
                _ => return None,
            }
        }
        None
    }

    /// Follows `parts` from `members`, descending into named nested structs and into
    /// fields whose type is a struct. Returns the index of the first part not found.
    pub fn walk(&self, members: &'a [ast::Member], parts: &[&str]) -> Result<PathEnd, usize> {
        let mut current = members;
        for (index, part) in parts.iter().enumerate() {
            let last = index + 1 == parts.len();
            match find_member(current, part) {
                None => return Err(index),
                Some(Found::Field(field)) if last => {
                    return Ok(match (&field.vector, self.scalar_of(&field.ty)) {
                        (None, Some(kind)) => PathEnd::Scalar(kind),
                        _ if !self.is_defined(&field.ty.name.text) => PathEnd::Unknown,
                        _ => PathEnd::Other,
                    });
                }
                Some(Found::Field(field)) => match self.struct_members(&field.ty.name.text) {
                    Some(inner) if field.vector.is_none() => current = inner,
                    _ => return Err(index + 1),
                },
                Some(Found::Struct(_)) if last => return Err(index),
                Some(Found::Struct(inner)) => current = inner,
            }
        }
        Err(parts.len())
    }

    /// Returns whether `name` is a field of `members`, looking through unnamed nested
    /// structs.
    pub fn has_member(members: &[ast::Member], name: &str) -> bool {
        find_member(members, name).is_some()
    }
}

/// Finds a named field or nested struct, looking through unnamed nested structs
/// (RFC 5246's `block-ciphered struct { ... };` inside GenericBlockCipher).
fn find_member<'a>(members: &'a [ast::Member], name: &str) -> Option<Found<'a>> {
    for member in members {
        match member {
            ast::Member::Field(field) if field.name.text == name => {
                return Some(Found::Field(field));
            }
            ast::Member::Struct(nested) => match &nested.name {
                Some(nested_name) if nested_name.text == name => {
                    return Some(Found::Struct(&nested.body.members));
                }
                None => {
                    if let Some(found) = find_member(&nested.body.members, name) {
                        return Some(found);
                    }
                }
                Some(_) => {}
            },
            _ => {}
        }
    }
    None
}

/// Byte width of `uint8` .. `uint64`; `uint48` is DTLS's sequence number (RFC 6347).
pub fn uint_bytes(name: &str) -> Option<u8> {
    match name {
        "uint8" => Some(1),
        "uint16" => Some(2),
        "uint24" => Some(3),
        "uint32" => Some(4),
        "uint48" => Some(6),
        "uint64" => Some(8),
        _ => None,
    }
}
