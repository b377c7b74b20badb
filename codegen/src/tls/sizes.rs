//! Whole-schema checks on the IR that follow type references: the encoded size of
//! fixed-size types (RFC 8446 section 3.4: a fixed vector's length counts bytes) and
//! recursion that no vector or `optional` breaks.

// Both walks keep explicit stacks, so a chain of 10,000 aliases costs no call stack.

use crate::source::Span;
use crate::tls::ir::{Member, Schema, Shape, Struct, TypeBody, TypeId, TypeRef};

/// A by-value use of another type: the decoder must descend into it to read this one.
pub struct Edge {
    pub target: TypeId,
    pub span: Span,
}

/// Returns, for each type, its by-value uses of other types, in member order.
pub fn edges(schema: &Schema) -> Vec<Vec<Edge>> {
    schema
        .types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            match &def.body {
                TypeBody::Struct(body) => struct_edges(body, def.span, &mut out),
                TypeBody::Alias(alias) => {
                    if holds_by_value(&alias.shape) {
                        type_edges(&alias.element, def.span, &mut out);
                    }
                }
                TypeBody::Enum(_) => {}
            }
            out
        })
        .collect()
}

fn holds_by_value(shape: &Shape) -> bool {
    !matches!(shape, Shape::Variable { .. })
}

fn type_edges(ty: &TypeRef, span: Span, out: &mut Vec<Edge>) {
    match ty {
        TypeRef::Named(target) => out.push(Edge {
            target: *target,
            span,
        }),
        // NOTE: arguments are not followed, so `struct { Box<A> b; } A;` with a `Box<T>`
        // that holds its `T` by value is a cycle this check misses.
        TypeRef::Generic { def, .. } => out.push(Edge { target: *def, span }),
        TypeRef::Uint { .. } | TypeRef::Opaque | TypeRef::Optional(_) | TypeRef::Param(_) => {}
    }
}

fn struct_edges(body: &Struct, span: Span, out: &mut Vec<Edge>) {
    members_edges(&body.members, span, out);
}

fn members_edges(members: &[Member], _span: Span, out: &mut Vec<Edge>) {
    for member in members {
        match member {
            Member::Field(field) => {
                if holds_by_value(&field.shape) {
                    type_edges(&field.element, field.span, out);
                }
            }
            Member::Struct(nested) => members_edges(&nested.body.members, nested.span, out),
            Member::Select(select) => {
                for case in &select.cases {
                    members_edges(&case.members, select.span, out);
                }
            }
            Member::Value { ty, span } => type_edges(ty, *span, out),
        }
    }
}

/// Finds each cycle of by-value uses once. Returns, per cycle, the type where the DFS
/// closed it, the span of the use that closes it and the types along the cycle, the
/// first one repeated at the end.
pub fn cycles(edges: &[Vec<Edge>]) -> Vec<(TypeId, Span, Vec<TypeId>)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; edges.len()];
    let mut found = Vec::new();
    for start in 0..edges.len() {
        if state[start] != State::New {
            continue;
        }
        // Each frame: a type and how many of its edges have been followed.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(edge) = edges[node].get(*next) else {
                state[node] = State::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            let target = edge.target.0;
            match state[target] {
                State::New => {
                    state[target] = State::Open;
                    stack.push((target, 0));
                }
                State::Open => {
                    let from = stack
                        .iter()
                        .position(|&(open, _)| open == target)
                        .unwrap_or(0);
                    let mut cycle: Vec<TypeId> =
                        stack[from..].iter().map(|&(id, _)| TypeId(id)).collect();
                    cycle.push(TypeId(target));
                    found.push((TypeId(node), edge.span, cycle));
                }
                State::Done => {}
            }
        }
    }
    found
}

/// Computes the encoded size of every type whose size never varies, `None` for the
/// others (vectors with a length prefix, selects, recursive types).
pub fn fixed_sizes(schema: &Schema, edges: &[Vec<Edge>]) -> Vec<Option<u64>> {
    let mut sizes: Vec<Option<u64>> = vec![None; schema.types.len()];
    let mut done = vec![false; schema.types.len()];
    let mut open = vec![false; schema.types.len()];
    for start in 0..schema.types.len() {
        let mut stack = vec![start];
        while let Some(&node) = stack.last() {
            if done[node] {
                stack.pop();
                continue;
            }
            let pending: Vec<usize> = edges[node]
                .iter()
                .map(|edge| edge.target.0)
                .filter(|&target| !done[target] && !open[target])
                .collect();
            if !open[node] && !pending.is_empty() {
                open[node] = true;
                stack.extend(pending);
                continue;
            }
            sizes[node] = size_of_body(&schema.types[node].body, &sizes);
            done[node] = true;
            open[node] = false;
            stack.pop();
        }
    }
    sizes
}

fn size_of_body(body: &TypeBody, sizes: &[Option<u64>]) -> Option<u64> {
    match body {
        TypeBody::Enum(decl) => Some(u64::from(decl.width)),
        TypeBody::Alias(alias) => size_of_shape(&alias.element, &alias.shape, sizes),
        TypeBody::Struct(body) => size_of_members(&body.members, sizes),
    }
}

fn size_of_members(members: &[Member], sizes: &[Option<u64>]) -> Option<u64> {
    let mut total = 0u64;
    for member in members {
        let size = match member {
            Member::Field(field) => size_of_shape(&field.element, &field.shape, sizes)?,
            Member::Struct(nested) => size_of_members(&nested.body.members, sizes)?,
            Member::Select(_) => return None,
            Member::Value { ty, .. } => size_of_type(ty, sizes)?,
        };
        total = total.checked_add(size)?;
    }
    Some(total)
}

fn size_of_shape(element: &TypeRef, shape: &Shape, sizes: &[Option<u64>]) -> Option<u64> {
    match shape {
        Shape::Single => size_of_type(element, sizes),
        Shape::Fixed(crate::tls::ir::FixedLength::Bytes(bytes)) => Some(*bytes),
        Shape::Fixed(_) | Shape::Variable { .. } => None,
    }
}

/// Returns the encoded size of one value of `ty`, when it never varies.
pub fn size_of_type(ty: &TypeRef, sizes: &[Option<u64>]) -> Option<u64> {
    match ty {
        TypeRef::Uint { bytes } => Some(u64::from(*bytes)),
        TypeRef::Opaque => Some(1),
        TypeRef::Named(id) => sizes[id.0],
        TypeRef::Optional(_) | TypeRef::Generic { .. } | TypeRef::Param(_) => None,
    }
}
