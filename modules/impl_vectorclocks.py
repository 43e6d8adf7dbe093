"""Native ``CausalOrder`` of the community module VectorClocks (TLC's
``tlc2.overrides.VectorClocks``).

Takes a log (a sequence of entries) and the operators ``clock`` (an entry's vector clock, a
function from nodes to naturals), ``node`` (the node that wrote the entry) and ``domain``
(the nodes a clock covers); gives the log reordered so that no entry comes before one that
happened before it. The algorithm is TLC's: each node's entries are ordered by the node's
own clock value, an entry gets as parents the entries of other nodes its clock has seen
first, and entries without pending parents are taken node by node. TLC visits the nodes in
Java hash order; pytlc visits them in TLC's normalized order, so ties between concurrent
entries may be broken differently.
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator.values import FSet, apply as fapply, compare, enumerate_set
from tla.modules.impl_common import argument_error, as_seq
from tla.modules.registry import builtin


class _Entry:
    __slots__ = ("value", "clock", "time", "hosts", "parents", "children")

    def __init__(self, value, clock, time, hosts):
        self.value, self.clock, self.time, self.hosts = value, clock, time, hosts
        self.parents: set = set()
        self.children: set = set()


@builtin("VectorClocks", "CausalOrder")
def causal_order(log, clock, node, domain):
    entries = as_seq(log)
    if entries is None:
        raise argument_error("first", "CausalOrder", "sequence", log)
    by_node: dict = {}
    for value in entries:
        n = node(value)
        vc = clock(value)
        by_node.setdefault(n, []).append(
            _Entry(value, vc, fapply(vc, n), enumerate_set(domain(vc))))
    nodes = FSet(by_node).sorted()
    for n in nodes:
        by_node[n].sort(key=lambda e: e.time)
    for n in nodes:
        seen = {h: 0 for h in nodes}
        for e in by_node[n]:
            seen[n] = e.time
            for other in e.hosts:
                t = fapply(e.clock, other)
                if other in seen and compare(seen[other], t) < 0:
                    seen[other] = t
                    if not 1 <= t <= len(by_node[other]):
                        raise EvalError(f"CausalOrder: node {other} has no log entry with "
                                        f"clock value {t}.")
                    parent = by_node[other][t - 1]
                    e.parents.add(id(parent))
                    parent.children.add(e)
    queues = {n: list(by_node[n]) for n in nodes}
    out = []
    for _ in range(len(entries)):
        for n in nodes:
            q = queues[n]
            if q and not q[0].parents:
                e = q.pop(0)
                for c in e.children:
                    c.parents.discard(id(e))
                out.append(e.value)
    if len(out) != len(entries):
        raise EvalError("CausalOrder: the vector clocks of the log are not consistent.")
    return tuple(out)
