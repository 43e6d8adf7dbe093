"""The product of the behaviour graph with a tableau: the graph whose fair cycles are
counterexamples.

Takes the :class:`BehaviourGraph` (its first ``done`` states, the explored ones), the
number of initial states (they are the first ones in the graph), a :class:`Tableau` and the
:class:`AtomTable`; gives a :class:`Product` whose nodes are the pairs (state s, tableau
node q), numbered ``s * nq + q``, reachable from an initial pair. A pair (s, q) exists when
q's state atoms hold in s; a step (s, q) -> (t, q') exists when s -> t is a step of the
graph (or the stuttering step s -> s), q' follows q in the tableau, (t, q') exists and q's
action atoms hold on the step (Manna and Pnueli's product of a behaviour graph with a
tableau; TLC's ``TableauDiskGraph``).

The steps are not stored: they are read off the graph and the tableau when needed, so the
product costs one byte per (state, tableau node) pair (which pairs are reachable). With the
tableau of TRUE (one node, no atom) the product is the graph itself. States the search has
not explored yet (index ``done`` and above) are left out, as TLC leaves out undone nodes
when it checks a partial graph.
"""
from __future__ import annotations

from array import array
from collections import deque
from typing import Callable, Optional

from tla.checker.liveness.atoms import Literals


class Product:
    def __init__(self, graph, done: int, initial_states: int, tableau, table):
        nodes = tableau.nodes
        self.graph = graph
        self.done = done
        self.nq = nq = len(nodes)
        self.valid = [Literals(table, n.state_atoms) for n in nodes]
        acts = [Literals(table, n.action_atoms) for n in nodes]
        self.acts = [None if a.empty else a for a in acts]
        self.succ = [list(n.successors) for n in nodes]
        self.accepting = [n.accepting for n in nodes]
        #: one tableau node that follows itself with no action atom: the product is the
        #: graph restricted to the states where the node's state atoms hold (all of them
        #: when it is ``trivial``, the tableau of TRUE)
        self.simple = nq == 1 and self.acts[0] is None and self.succ[0] == [0]
        self.trivial = self.simple and self.valid[0].empty
        first = min(initial_states, done)
        sbits = graph.state_bits
        self.initial = [s * nq + q for s in range(first) for q in tableau.initial
                        if self.valid[q].holds(sbits[s], 0)]
        self._reach = None
        self._self_edges = None

    @property
    def reach(self) -> bytearray:
        """Which nodes are reachable from an initial node (computed on first use)."""
        if self._reach is None:
            if self.trivial:
                self._reach = bytearray(b"\x01") * self.done
            elif self.simple:
                self._reach = self._reachable_states()
            else:
                self._reach = self._reachable()
        return self._reach

    def looping_nodes(self):
        """The nodes (s, q), in increasing order, where q's state atoms hold in s and q may
        follow itself: those that can be a cycle alone (reachable or not)."""
        nq, sbits = self.nq, self.graph.state_bits
        loops = [q for q in range(nq) if q in self.succ[q]]
        valid = self.valid
        for s in range(self.done):
            sb = sbits[s]
            for q in loops:
                if valid[q].holds(sb, 0):
                    yield s * nq + q

    @property
    def size(self) -> int:
        return self.done * self.nq

    def _reachable_states(self) -> bytearray:
        """``reach`` of a simple product: the states where the node's state atoms hold,
        reachable from an initial one through such states."""
        g, done = self.graph, self.done
        starts, targets, sbits = g.starts, g.targets, g.state_bits
        valid = self.valid[0]
        on, off = valid.s_on, valid.s_off
        reach = bytearray(done)
        queue = list(self.initial)
        for v in queue:
            reach[v] = 1
        while queue:
            nxt = []
            for s in queue:
                for t in targets[starts[s]:starts[s + 1]].tolist():
                    if t < done and not reach[t]:
                        tb = sbits[t]
                        if tb & on == on and not tb & off:
                            reach[t] = 1
                            nxt.append(t)
            queue = nxt
        return reach

    def _reachable(self) -> bytearray:
        reach = bytearray(self.size)
        g, nq, done = self.graph, self.nq, self.done
        starts, targets = g.starts, g.targets
        ebits, stutter, sbits = g.edge_bits, g.stutter_bits, g.state_bits
        valid, acts, succ = self.valid, self.acts, self.succ
        queue = deque()
        for v in self.initial:
            if not reach[v]:
                reach[v] = 1
                queue.append(v)
        # per tableau node: its successors with the state bits they need on and off
        nexts_of = [[(q2, valid[q2].s_on, valid[q2].s_off) for q2 in succ[q]]
                    for q in range(nq)]
        while queue:
            v = queue.popleft()
            s, q = divmod(v, nq)
            act, nexts = acts[q], nexts_of[q]
            lo, hi = starts[s], starts[s + 1]
            ts = targets[lo:hi].tolist()
            ts.append(s)                                   # the stuttering step
            if act is not None:
                sb = sbits[s]
                ebs = list(ebits[lo:hi])
                ebs.append(stutter[s])
                ts = [t for t, eb in zip(ts, ebs) if act.holds(sb, eb)]
            for t in ts:
                if t >= done:
                    continue
                tb = sbits[t]
                base = t * nq
                for q2, on, off in nexts:
                    w = base + q2
                    if not reach[w] and tb & on == on and not tb & off:
                        reach[w] = 1
                        queue.append(w)
        return reach

    def nodes(self):
        """The reachable nodes, in increasing order."""
        reach = self.reach
        if self.trivial:
            return range(self.done)
        return (v for v in range(self.size) if reach[v])

    def successors(self, v: int) -> list:
        """The nodes after node ``v`` of a simple product, where nodes are states: its
        steps in the graph and its stuttering step."""
        g = self.graph
        out = g.targets[g.starts[v]:g.starts[v + 1]].tolist()
        done = self.done
        if not self.trivial:
            reach = self.reach
            out = [t for t in out if t < done and reach[t]]
        elif done < g.states:
            out = [t for t in out if t < done]
        out.append(v)
        return out

    def targets_of(self, v: int) -> list:
        """The nodes after node ``v`` (what :meth:`steps` gives, without the bits)."""
        if self.simple:
            return self.successors(v)
        nq = self.nq
        s, q = divmod(v, nq)
        if self.acts[q] is not None:
            return [w for w, _, _ in self.steps(v)]
        g, done, reach, nexts = self.graph, self.done, self.reach, self.succ[q]
        ts = g.targets[g.starts[s]:g.starts[s + 1]].tolist()
        ts.append(s)
        out = []
        for t in ts:
            if t < done:
                base = t * nq
                for q2 in nexts:
                    if reach[base + q2]:
                        out.append(base + q2)
        return out

    def steps(self, v: int) -> list:
        """(target node, source state bits, step bits) of every step from node ``v``."""
        g, nq, done, reach = self.graph, self.nq, self.done, self.reach
        s, q = divmod(v, nq)
        sb = g.state_bits[s]
        act, nexts = self.acts[q], self.succ[q]
        targets, ebits = g.targets, g.edge_bits
        lo, hi = g.starts[s], g.starts[s + 1]
        out = []
        for e in range(lo, hi + 1):
            if e < hi:
                t, eb = targets[e], ebits[e]
                if t >= done:
                    continue
            else:
                t, eb = s, g.stutter_bits[s]
            if act is not None and not act.holds(sb, eb):
                continue
            base = t * nq
            for q2 in nexts:
                w = base + q2
                if reach[w]:
                    out.append((w, sb, eb))
        return out

    def filtered_successors(self, allowed: Callable[[int, int], bool],
                            passing: Optional[bytearray] = None) -> Callable[[int], list]:
        """``succ(v)`` of a simple product restricted to the steps that pass ``allowed``:
        what ``[w for w, sb, eb in steps(v) if allowed(sb, eb)]`` gives, in that order,
        with ``allowed`` asked once per pattern of bits. ``passing``, when the test
        reads the source state's bits only (``<>[]P`` with P a state predicate): per
        state, whether it passes; a state then keeps all its steps or none, and the
        steps to a state that keeps none are left out too (no cycle goes through it:
        the strongly connected components of the other states are the same)."""
        g, done = self.graph, self.done
        starts, targets, ebits = g.starts, g.targets, g.edge_bits
        sbits, stutter = g.state_bits, g.stutter_bits
        if passing is not None:
            successors = self.successors

            def succ(v: int) -> list:
                if not passing[v]:
                    return []
                return [w for w in successors(v) if passing[w]]
            return succ

        reach = None if self.trivial else self.reach
        memo: dict = {}

        def succ(v: int) -> list:
            sb = sbits[v]
            lo, hi = starts[v], starts[v + 1]
            out = []
            for t, eb in zip(targets[lo:hi].tolist(), ebits[lo:hi]):
                if t < done and (reach is None or reach[t]):
                    ok = memo.get((sb, eb))
                    if ok is None:
                        ok = memo[sb, eb] = allowed(sb, eb)
                    if ok:
                        out.append(t)
            # the stuttering step apart: one list of all the steps, built per call, made
            # MCLiveInternalMemory's whole run 1.2 % slower
            eb = stutter[v]
            ok = memo.get((sb, eb))
            if ok is None:
                ok = memo[sb, eb] = allowed(sb, eb)
            if ok:
                out.append(v)
            return out
        return succ

    @property
    def self_edges(self) -> dict:
        """State -> the edges of the graph from it to itself (steps of an action that
        leave every variable as it is), for the states that have some (computed once)."""
        if self._self_edges is None:
            g = self.graph
            starts, targets = g.starts, g.targets
            found: dict = {}
            for s in range(self.done):
                lo, hi = starts[s], starts[s + 1]
                if lo < hi and s in targets[lo:hi]:
                    found[s] = [e for e in range(lo, hi) if targets[e] == s]
            self._self_edges = found
        return self._self_edges

    def loops(self, v: int) -> list:
        """(source state bits, step bits) of every step from node ``v`` to itself (``v``
        a node where q's state atoms hold)."""
        g, nq = self.graph, self.nq
        s, q = divmod(v, nq)
        if q not in self.succ[q]:
            return []
        sb = g.state_bits[s]
        act = self.acts[q]
        own = (self._self_edges if self._self_edges is not None else self.self_edges).get(s)
        if own is None:
            out = [(sb, g.stutter_bits[s])]
        else:
            ebits = g.edge_bits
            out = [(sb, ebits[e]) for e in own]
            out.append((sb, g.stutter_bits[s]))
        if act is not None:
            out = [(a, b) for a, b in out if act.holds(a, b)]
        return out

    def state_of(self, v: int) -> int:
        return v // self.nq

    def accepting_bits(self, v: int) -> int:
        return self.accepting[v % self.nq]

    def shortest_path_to(self, goal) -> list:
        """Nodes of a shortest path from an initial node to a node in ``goal`` (a set)."""
        parent = array("i", [-2]) * self.size
        queue = deque()
        for v in self.initial:
            if parent[v] == -2:
                parent[v] = -1
                queue.append(v)
        while queue:
            v = queue.popleft()
            if v in goal:
                path = []
                while v >= 0:
                    path.append(v)
                    v = parent[v]
                path.reverse()
                return path
            for w, _, _ in self.steps(v):
                if parent[w] == -2:
                    parent[w] = v
                    queue.append(w)
        from tla.errors import InternalError
        raise InternalError("liveness: a component of the product is not reachable (a bug "
                            "in pytlc)")
