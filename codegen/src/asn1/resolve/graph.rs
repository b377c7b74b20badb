//! Recursion among type assignments: Tarjan's strongly connected components over the
//! references between types mark the references a Rust emitter must `Box`, and reference
//! chains with no type in between (`A ::= B`, `B ::= A`) are reported.

use super::super::ast::{self, AssignmentKind};
use super::super::ir::{self, Ir, TypeKind};
use super::{MAX_REFERENCE_HOPS, Resolver, TypeTarget};

/// Marks `recursive` on assignments in a cycle of references (SEQUENCE OF included) and
/// `boxed` on references that close a cycle of direct containment.
pub(super) fn mark_recursion(ir: &mut Ir) {
    let mut offsets = Vec::with_capacity(ir.modules.len());
    let mut count = 0;
    for module in &ir.modules {
        offsets.push(count);
        count += module.types.len();
    }
    let node = |id: ir::TypeId| offsets[id.module] + id.index;

    let mut direct: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut all: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (m, module) in ir.modules.iter().enumerate() {
        for (index, assignment) in module.types.iter().enumerate() {
            let from = offsets[m] + index;
            collect_edges(&assignment.ty, false, &mut |target, in_list| {
                all[from].push(node(target));
                if !in_list {
                    direct[from].push(node(target));
                }
            });
        }
    }

    let direct_components = strongly_connected(&direct);
    let all_components = strongly_connected(&all);
    let cyclic = |components: &[usize], edges: &[Vec<usize>], n: usize| {
        edges[n].contains(&n) || components.iter().filter(|&&c| c == components[n]).count() > 1
    };

    for (m, module) in ir.modules.iter_mut().enumerate() {
        for (index, assignment) in module.types.iter_mut().enumerate() {
            let from = offsets[m] + index;
            assignment.recursive = cyclic(&all_components, &all, from);
            if !cyclic(&direct_components, &direct, from) {
                continue;
            }
            mark_boxed(&mut assignment.ty, false, &mut |target| {
                direct_components[node(target)] == direct_components[from]
            });
        }
    }
}

/// Calls `edge(target, in_list)` for every reference in a type tree.
fn collect_edges(ty: &ir::Type, in_list: bool, edge: &mut impl FnMut(ir::TypeId, bool)) {
    match &ty.kind {
        TypeKind::Reference { target, .. } => edge(*target, in_list),
        TypeKind::List { element, .. } => collect_edges(element, true, edge),
        TypeKind::Structure { components, .. } => {
            for component in components {
                collect_edges(&component.ty, in_list, edge);
            }
        }
        _ => {}
    }
}

/// Sets `boxed` on the direct references for which `same_cycle` holds.
fn mark_boxed(ty: &mut ir::Type, in_list: bool, same_cycle: &mut impl FnMut(ir::TypeId) -> bool) {
    match &mut ty.kind {
        TypeKind::Reference { target, boxed, .. } => *boxed = !in_list && same_cycle(*target),
        TypeKind::List { element, .. } => mark_boxed(element, true, same_cycle),
        TypeKind::Structure { components, .. } => {
            for component in components {
                mark_boxed(&mut component.ty, in_list, same_cycle);
            }
        }
        _ => {}
    }
}

/// Returns the strongly connected component of each node (Tarjan's algorithm, with an
/// explicit stack so deep reference chains cannot overflow the call stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut index_of = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; count];
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..count {
        if index_of[root] != UNSEEN {
            continue;
        }
        // Each frame is a node and the position of the next edge to visit.
        let mut frames = vec![(root, 0usize)];
        index_of[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;

        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&target) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[target] == UNSEEN {
                    index_of[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    frames.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index_of[target]);
                }
                continue;
            }

            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

impl Resolver<'_> {
    /// Reports type assignments that reach themselves through references and tags alone,
    /// once per cycle at its first assignment, and alias chains longer than the resolver
    /// follows. Each assignment has at most one such successor, so one pass over the
    /// chains finds every cycle in linear time.
    pub(super) fn check_reference_cycles(&mut self) {
        let mut nodes: Vec<(usize, usize)> = Vec::new();
        let mut node_of = std::collections::HashMap::new();
        for (module, ast) in self.modules.iter().enumerate() {
            for (assignment, entry) in ast.assignments.iter().enumerate() {
                if matches!(entry.kind, AssignmentKind::Type(_)) {
                    node_of.insert((module, assignment), nodes.len());
                    nodes.push((module, assignment));
                }
            }
        }
        let successor: Vec<Option<usize>> = nodes
            .iter()
            .map(|&(module, assignment)| {
                let ty = self.assigned_type(module, assignment);
                self.alias_target(module, ty)
                    .and_then(|target| node_of.get(&target).copied())
            })
            .collect();

        const UNSEEN: usize = 0;
        const ON_PATH: usize = 1;
        const DONE: usize = 2;
        let mut state = vec![UNSEEN; nodes.len()];
        let mut chain_length = vec![0usize; nodes.len()];
        let mut reports = Vec::new();
        for start in 0..nodes.len() {
            let mut path = Vec::new();
            let mut current = Some(start);
            while let Some(node) = current {
                if state[node] != UNSEEN {
                    break;
                }
                state[node] = ON_PATH;
                path.push(node);
                current = successor[node];
            }
            if let Some(node) = current.filter(|&node| state[node] == ON_PATH) {
                let cycle_start = path.iter().position(|&n| n == node).unwrap_or(0);
                let first = path[cycle_start..].iter().copied().min().unwrap_or(node);
                reports.push((first, true));
            }
            let mut following = current.map_or(0, |node| chain_length[node]);
            for &node in path.iter().rev() {
                following += 1;
                chain_length[node] = following;
                state[node] = DONE;
                if following == MAX_REFERENCE_HOPS + 1 {
                    reports.push((node, false));
                }
            }
        }

        for (node, is_cycle) in reports {
            let (module, assignment) = nodes[node];
            let name = &self.modules[module].assignments[assignment].name;
            if is_cycle {
                self.report(
                    module,
                    name,
                    format!("`{}` is defined in terms of itself", name.text),
                    "put a SEQUENCE, SET, CHOICE or SEQUENCE OF between the type and itself",
                );
            } else {
                self.report(
                    module,
                    name,
                    format!(
                        "`{}` reaches its type through more than {MAX_REFERENCE_HOPS} references",
                        name.text
                    ),
                    "refer to the type that is defined, not to a name for a name of it",
                );
            }
        }
    }

    /// Returns the assignment a type names when it is a bare reference, tags aside.
    fn alias_target(&self, module: usize, mut ty: &ast::Type) -> Option<(usize, usize)> {
        while let ast::TypeKind::Tagged { inner, .. } = &ty.kind {
            ty = inner;
        }
        let ast::TypeKind::Reference {
            module: qualifier,
            name,
        } = &ty.kind
        else {
            return None;
        };
        match self.find_type(module, qualifier.as_ref(), &name.text)? {
            TypeTarget::Assigned { module, assignment } => Some((module, assignment)),
            TypeTarget::Builtin(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_cycles() {
        let edges = vec![vec![1], vec![0], vec![2], vec![]];
        let components = strongly_connected(&edges);
        assert_eq!(components[0], components[1]);
        assert_ne!(components[0], components[2]);
        assert_ne!(components[2], components[3]);
    }

    #[test]
    fn long_chain_needs_no_recursion() {
        let count = 100_000;
        let edges: Vec<Vec<usize>> = (0..count)
            .map(|n| if n + 1 < count { vec![n + 1] } else { vec![0] })
            .collect();
        let components = strongly_connected(&edges);
        assert!(components.iter().all(|&c| c == components[0]));
    }
}
