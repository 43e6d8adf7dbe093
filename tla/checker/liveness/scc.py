"""Fair strongly connected components of a product graph, and a lasso through one.

Takes a :class:`Product` and the acceptance conditions of one branch of the negated
property (:class:`Conditions`); gives a :class:`FairComponent` -- a set of product nodes
forming a strongly connected subgraph in which some infinite path satisfies every
condition -- or None, and :func:`lasso` turns one into a prefix and a cycle.

Conditions, each a test on steps (``fn(s, t, e)``):

* ``always``: ``<>[]X``: every step of the cycle satisfies X (steps that do not are left
  out before the components are computed);
* ``justice``: ``[]<>X`` (weak fairness, ``[]<>`` in the negated property): some step of
  the cycle satisfies X;
* ``compassion``: pairs (X, Y) for ``<>[]X \\/ []<>Y`` (strong fairness, X the negation of
  ENABLED): either every step satisfies X or some step satisfies Y;
* the tableau's acceptance sets: some node of the cycle is in each.

Method: Lichtenstein and Pnueli, "Checking that finite state concurrent programs satisfy
their linear specification" (POPL 1985), section on fair components: a maximal strongly
connected component that misses a justice requirement has no fair subcomponent; one that
violates a compassion requirement (X fails somewhere, Y nowhere) is refined by removing the
steps that falsify X and decomposing again. Components are found with Tarjan's algorithm
(iterative, on compact local numbering). TLC's ``LiveWorker`` checks the same conditions
(its PossibleErrorModel: EAAction, AEState, AEAction) per component but expands strong
fairness into a disjunction of cases instead of refining.
"""
from __future__ import annotations

from array import array
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Optional

Test = Callable[[int, int, int], bool]


@dataclass
class Conditions:
    always: list = field(default_factory=list)
    justice: list = field(default_factory=list)
    compassion: list = field(default_factory=list)
    accepting: int = 0                       # all tableau acceptance bits


@dataclass
class FairComponent:
    nodes: set
    enforced: tuple                          # compassion pairs whose X every step keeps
    witness_edges: list                      # product edges the cycle must take
    witness_nodes: list                      # product nodes the cycle must visit


def tarjan(n: int, succ: Callable[[int], list]):
    """Strongly connected components of a graph on 0..n-1 (lists of nodes)."""
    index = array("i", [-1]) * n
    low = array("i", [0]) * n
    onstack = bytearray(n)
    stack: list = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        onstack[root] = 1
        work = [(root, iter(succ(root)))]
        while work:
            v, it = work[-1]
            pushed = False
            for w in it:
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    onstack[w] = 1
                    work.append((w, iter(succ(w))))
                    pushed = True
                    break
                if onstack[w] and index[w] < low[v]:
                    low[v] = index[w]
            if pushed:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    onstack[w] = 0
                    comp.append(w)
                    if w == v:
                        break
                yield comp


class FairSearch:
    def __init__(self, product, tableau, cond: Conditions):
        self.p = product
        self.tableau = tableau
        self.cond = cond

    def step_ok(self, pe: int, u: int, enforced: tuple) -> bool:
        """Whether product edge ``pe`` (from node ``u``) may be part of a fair cycle."""
        p, cond = self.p, self.cond
        s, t, e = p.state[u], p.state[p.targets[pe]], p.sedge[pe]
        for x in cond.always:
            if not x(s, t, e):
                return False
        for i in enforced:
            if not cond.compassion[i][0](s, t, e):
                return False
        return True

    def find(self) -> Optional[FairComponent]:
        """The fair component closest to the initial nodes (the one containing the
        earliest node of the breadth-first product), or None. Every component is judged,
        so that the counterexample has the shortest prefix available."""
        work = [(None, ())]
        best = None
        while work:
            region, enforced = work.pop()
            for found in self._search(region, enforced, work):
                if best is None or min(found.nodes) < min(best.nodes):
                    best = found
        return best

    def _search(self, region, enforced, work):
        p = self.p
        starts, targets = p.starts, p.targets
        if region is None:
            n = len(p)
            nodes = None
            local = None

            def succ(i):
                out = []
                for pe in range(starts[i], starts[i + 1]):
                    if self.step_ok(pe, i, enforced):
                        out.append(targets[pe])
                return out
        else:
            nodes = sorted(region)
            local = {v: i for i, v in enumerate(nodes)}
            n = len(nodes)

            def succ(i):
                u = nodes[i]
                out = []
                for pe in range(starts[u], starts[u + 1]):
                    j = local.get(targets[pe])
                    if j is not None and self.step_ok(pe, u, enforced):
                        out.append(j)
                return out
        for comp in tarjan(n, succ):
            members = set(comp) if nodes is None else {nodes[i] for i in comp}
            found = self._judge(members, enforced, work)
            if found is not None:
                yield found

    def _judge(self, members: set, enforced: tuple, work) -> Optional[FairComponent]:
        p, cond = self.p, self.cond
        starts, targets, state, sedge = p.starts, p.targets, p.state, p.sedge
        edges = []
        for u in members:
            for pe in range(starts[u], starts[u + 1]):
                if targets[pe] in members and self.step_ok(pe, u, enforced):
                    edges.append((pe, u))
        if not edges:
            return None                                    # a single node without a loop
        witness_nodes = []
        if cond.accepting:
            got = 0
            tnodes = self.tableau.nodes
            for u in members:
                bits = tnodes[p.node[u]].accepting
                if bits & ~got:
                    got |= bits
                    witness_nodes.append(u)
            if got & cond.accepting != cond.accepting:
                return None
        witness_edges = []
        for test in cond.justice:
            hit = None
            for pe, u in edges:
                if test(state[u], state[targets[pe]], sedge[pe]):
                    hit = pe
                    break
            if hit is None:
                return None
            witness_edges.append(hit)
        broken = []
        for i, (x, y) in enumerate(cond.compassion):
            if i in enforced:
                continue
            hit = None
            for pe, u in edges:
                if y(state[u], state[targets[pe]], sedge[pe]):
                    hit = pe
                    break
            if hit is not None:
                witness_edges.append(hit)
                continue
            if all(x(state[u], state[targets[pe]], sedge[pe]) for pe, u in edges):
                continue
            broken.append(i)
        if broken:
            work.append((members, tuple(sorted(set(enforced) | set(broken)))))
            return None
        return FairComponent(members, enforced, witness_edges, witness_nodes)


def _source_of(p, pe: int) -> int:
    """The source node of product edge ``pe`` (binary search in ``starts``)."""
    starts = p.starts
    lo, hi = 0, len(starts) - 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pe:
            lo = mid
        else:
            hi = mid - 1
    return lo


def lasso(search: FairSearch, comp: FairComponent) -> tuple[list, list]:
    """(prefix, cycle) as lists of product nodes: the prefix runs from an initial node to
    the first node of the cycle (inclusive); the cycle lists the nodes after it, the last
    one having a step back to the first. The cycle takes every witness edge and visits
    every witness node."""
    p = search.p
    members = comp.nodes
    start = min(members)                 # found earliest: the shortest prefix
    prefix = []
    v = start
    while v >= 0:
        prefix.append(v)
        v = p.parent[v]
    prefix.reverse()

    def path(src: int, goal: int, nonempty: bool = False) -> list:
        """Nodes after ``src`` up to ``goal`` (inclusive), inside the component along
        allowed steps; at least one step when ``nonempty``."""
        if src == goal and not nonempty:
            return []
        prev = {src: None}
        queue = deque([src])
        starts, targets = p.starts, p.targets
        while queue:
            u = queue.popleft()
            for pe in range(starts[u], starts[u + 1]):
                w = targets[pe]
                if w not in members or not search.step_ok(pe, u, comp.enforced):
                    continue
                if w == goal:
                    out = [w]
                    x = u
                    while x != src:
                        out.append(x)
                        x = prev[x]
                    out.reverse()
                    return out
                if w not in prev:
                    prev[w] = u
                    queue.append(w)
        raise RuntimeError("liveness: no path inside a strongly connected component")

    cycle: list = []
    cur = start
    for pe in comp.witness_edges:
        cycle.extend(path(cur, _source_of(p, pe)))
        cur = p.targets[pe]
        cycle.append(cur)
    for node in comp.witness_nodes:
        cycle.extend(path(cur, node))
        cur = node
    cycle.extend(path(cur, start, nonempty=not cycle))
    if cycle and cycle[-1] == start:
        cycle.pop()
    return prefix, cycle
