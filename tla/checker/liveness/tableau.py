"""A generalized Büchi automaton (tableau) for an LTL formula without next-time.

Takes a formula of ``tla.checker.liveness.formula`` in positive normal form; gives a
:class:`Tableau`: nodes labelled with the atoms that must hold at a position (state atoms
on the state, action atoms on the step that leaves it), the successor relation, the
initial nodes and one acceptance set per ``<>g`` subformula.

Method: the on-the-fly tableau construction of Gerth, Peled, Vardi and Wolper, "Simple
on-the-fly automatic verification of linear temporal logic" (PSTV 1995), restricted to the
operators TLA needs: ``[]g`` is ``g /\\ X[]g``, ``<>g`` is ``g \\/ X<>g``; a run is accepting
when, for every ``<>g``, it visits infinitely often a node where ``<>g`` is not pending or
``g`` holds. (TLC builds a tableau for the same purpose after Manna and Pnueli's particle
tableau, ``tlc2.tool.liveness.TBGraph``; GPVW's automaton is usually as small or smaller.)
"""
from __future__ import annotations

from tla.checker.liveness.formula import (Always, And, Atom, Const, Eventually, Formula,
                                          Or)
from tla.records import field, mutable_record

INIT = -1


@mutable_record
class TableauNode:
    index: int
    incoming: set
    old: dict                 # key -> formula, everything that holds at this position
    next: dict                # key -> formula, what must hold from the next position on
    state_atoms: list = field(default_factory=list)
    action_atoms: list = field(default_factory=list)
    successors: list = field(default_factory=list)
    accepting: int = 0        # bit i set: the node is in acceptance set i


@mutable_record
class Tableau:
    nodes: list
    initial: list
    #: the ``<>g`` formulas whose acceptance sets the bits of ``TableauNode.accepting`` name
    promises: list

    @property
    def all_accepting(self) -> int:
        return (1 << len(self.promises)) - 1

    def is_trivial(self) -> bool:
        """True for the tableau of TRUE (no constraint at all)."""
        return not self.promises and all(not n.state_atoms and not n.action_atoms
                                         for n in self.nodes)


def build_tableau(formula: Formula) -> Tableau:
    if isinstance(formula, Const) and formula.value:
        # Nothing to remember: one node that loops, so the product is the state graph.
        node = TableauNode(0, {INIT, 0}, {}, {}, successors=[0])
        return Tableau([node], [0], [])
    nodes: list[TableauNode] = []
    by_content: dict = {}

    # Iterative expansion (a work list of partial nodes) instead of GPVW's recursion.
    work = [({INIT}, {formula.key(): formula}, {}, {})]
    while work:
        incoming, new, old, nxt = work.pop()
        if not new:
            content = (frozenset(old), frozenset(nxt))
            twin = by_content.get(content)
            if twin is not None:
                twin.incoming |= incoming
                continue
            node = TableauNode(len(nodes), set(incoming), old, nxt)
            nodes.append(node)
            by_content[content] = node
            work.append(({node.index}, dict(nxt), {}, {}))
            continue
        key, f = new.popitem()
        if key in old:
            work.append((incoming, new, old, nxt))
            continue
        if isinstance(f, Const):
            if f.value:
                old = dict(old)
                old[key] = f
                work.append((incoming, new, old, nxt))
            continue                                   # FALSE: no node
        if isinstance(f, Atom):
            if f.negate().key() in old:
                continue                               # contradiction
            old = dict(old)
            old[key] = f
            work.append((incoming, new, old, nxt))
            continue
        if isinstance(f, And):
            new = dict(new)
            for item in f.items:
                k = item.key()
                if k not in old:
                    new[k] = item
            old = dict(old)
            old[key] = f
            work.append((incoming, new, old, nxt))
            continue
        if isinstance(f, Or):
            for item in f.items:
                new2 = dict(new)
                k = item.key()
                if k not in old:
                    new2[k] = item
                old2 = dict(old)
                old2[key] = f
                work.append((incoming, new2, old2, dict(nxt)))
            continue
        if isinstance(f, Always):
            new = dict(new)
            k = f.body.key()
            if k not in old:
                new[k] = f.body
            old = dict(old)
            old[key] = f
            nxt = dict(nxt)
            nxt[key] = f
            work.append((incoming, new, old, nxt))
            continue
        if isinstance(f, Eventually):
            new1 = dict(new)
            k = f.body.key()
            if k not in old:
                new1[k] = f.body
            old1 = dict(old)
            old1[key] = f
            work.append((incoming, new1, old1, dict(nxt)))
            old2 = dict(old)
            old2[key] = f
            nxt2 = dict(nxt)
            nxt2[key] = f
            work.append((incoming, dict(new), old2, nxt2))
            continue
        raise TypeError(f"not a formula: {f!r}")

    promises: dict = {}
    for node in nodes:
        for k, f in node.old.items():
            if isinstance(f, Eventually):
                promises.setdefault(k, f)
    promise_list = list(promises.values())
    initial = []
    for node in nodes:
        for i in node.incoming:
            if i == INIT:
                initial.append(node.index)
            else:
                nodes[i].successors.append(node.index)
        for f in node.old.values():
            if isinstance(f, Atom):
                (node.action_atoms if f.level >= 2 else node.state_atoms).append(f)
        bits = 0
        for i, p in enumerate(promise_list):
            if p.key() not in node.old or p.body.key() in node.old:
                bits |= 1 << i
        node.accepting = bits
    for node in nodes:
        node.successors.sort()
    initial.sort()
    return Tableau(nodes, initial, promise_list)
