"""The product of the state graph with a tableau: the graph whose fair cycles are
counterexamples.

Takes the :class:`BehaviourGraph`, the number of initial states (they are the first ones
in the store), a :class:`Tableau` and :class:`AtomValues`; gives a :class:`Product` whose
nodes are pairs (state, tableau node) reachable from an initial pair, built breadth first
so that ``parent`` gives shortest paths from the initial pairs. A pair (s, q) exists when
q's state atoms hold in s; an edge (s, q) -> (t, q') exists when s -> t is a step of the
state graph (or the stuttering step s -> s), q' follows q in the tableau, (t, q') exists
and q's action atoms hold on the step s -> t (Manna and Pnueli's product of a behaviour
graph with a tableau; TLC's ``TableauDiskGraph``).

Memory: per node 16 bytes (state, tableau node, parent, edge start), per edge 8 bytes
(target and state-graph edge number), plus 4 bytes per (state, tableau node) slot of the
lookup table.
"""
from __future__ import annotations

from array import array


class Product:
    def __init__(self, nq: int):
        self.nq = nq
        self.state = array("i")
        self.node = array("i")
        self.parent = array("i")
        self.starts = array("q")
        self.targets = array("i")
        self.sedge = array("i")
        self.initial = 0

    def __len__(self) -> int:
        return len(self.state)

    def memory_bytes(self) -> int:
        return sum(a.itemsize * len(a) for a in (self.state, self.node, self.parent,
                                                 self.starts, self.targets, self.sedge))


def build_product(graph, initial_states: int, tableau, values) -> Product:
    nq = len(tableau.nodes)
    nodes = tableau.nodes
    n = graph.states
    product = Product(nq)
    slot = array("i", [-1]) * (n * nq)
    state, node, parent = product.state, product.node, product.parent
    starts, targets, sedge = product.starts, product.targets, product.sedge

    def valid(s: int, q: int) -> bool:
        atoms = nodes[q].state_atoms
        if not atoms:
            return True
        for a in atoms:
            if not values.state_atom(a, s):
                return False
        return True

    for s in range(initial_states):
        for q in tableau.initial:
            if valid(s, q) and slot[s * nq + q] < 0:
                slot[s * nq + q] = len(state)
                state.append(s)
                node.append(q)
                parent.append(-1)
    product.initial = len(state)
    g_starts, g_targets = graph.starts, graph.targets
    stutter_base = len(g_targets)
    action_atom = values.action_atom
    pid = 0
    while pid < len(state):
        s, q = state[pid], node[pid]
        starts.append(len(targets))
        tnode = nodes[q]
        acts = tnode.action_atoms
        succ_q = tnode.successors
        lo, hi = g_starts[s], g_starts[s + 1]
        for e in range(lo, hi + 1):
            if e < hi:
                t = g_targets[e]
            else:
                t, e = s, stutter_base + s          # the stuttering step
            if acts:
                ok = True
                for a in acts:
                    if not action_atom(a, s, t, e):
                        ok = False
                        break
                if not ok:
                    continue
            base = t * nq
            for q2 in succ_q:
                other = slot[base + q2]
                if other < 0:
                    if not valid(t, q2):
                        continue
                    other = slot[base + q2] = len(state)
                    state.append(t)
                    node.append(q2)
                    parent.append(pid)
                targets.append(other)
                sedge.append(e)
        pid += 1
    starts.append(len(targets))
    return product
