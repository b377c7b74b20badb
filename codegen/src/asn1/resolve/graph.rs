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
    /// once per cycle, at the assignment of the cycle that comes first.
    pub(super) fn check_reference_cycles(&mut self) {
        for module in 0..self.modules.len() {
            for (assignment, entry) in self.modules[module].assignments.iter().enumerate() {
                let AssignmentKind::Type(ty) = &entry.kind else {
                    continue;
                };
                let start = (module, assignment);
                let Some(chain) = self.reference_chain(module, ty, start) else {
                    continue;
                };
                if chain.iter().all(|&member| start <= member) {
                    self.report(
                        module,
                        &entry.name,
                        format!("`{}` is defined in terms of itself", entry.name.text),
                        "put a SEQUENCE, SET, CHOICE or SEQUENCE OF between the type and itself",
                    );
                }
            }
        }
    }

    /// Follows bare references and tags from `ty`; returns the assignments passed when the
    /// chain comes back to `start`.
    fn reference_chain(
        &self,
        module: usize,
        ty: &ast::Type,
        start: (usize, usize),
    ) -> Option<Vec<(usize, usize)>> {
        let mut chain = Vec::new();
        let mut current = (module, ty);
        for _ in 0..MAX_REFERENCE_HOPS {
            let (module, ty) = current;
            match &ty.kind {
                ast::TypeKind::Tagged { inner, .. } => current = (module, inner),
                ast::TypeKind::Reference {
                    module: qualifier,
                    name,
                } => {
                    let TypeTarget::Assigned {
                        module: target,
                        assignment,
                    } = self.find_type(module, qualifier.as_ref(), &name.text)?
                    else {
                        return None;
                    };
                    if (target, assignment) == start {
                        return Some(chain);
                    }
                    if chain.contains(&(target, assignment)) {
                        return None;
                    }
                    chain.push((target, assignment));
                    current = (target, self.assigned_type(target, assignment));
                }
                _ => return None,
            }
        }
        None
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
