"""Liveness checking of a finished state graph: is there a behaviour of the spec, fair
with respect to its fairness conditions, that violates a temporal property?

Takes the temporal properties (name and formula, ``tla.checker.liveness.formula``), the
spec's fairness and other temporal conjuncts (formulas, assumed of every behaviour), and,
after the breadth-first search, its states, the :class:`BehaviourGraph` and the number of
initial states. Gives None or a :class:`Counterexample` (the violated property's name, the
prefix and the cycle as state indices).

As in TLC (``tlc2.tool.liveness.Liveness.processLiveness``): a property P is violated when
``Fairness /\\ ~P`` has a model among the spec's behaviours. ``~P`` is put in positive
normal form and split at its top-level disjunctions (``~\\A p : F(p)`` gives one branch per
p); each branch, conjoined with the fairness conditions, is sorted into conditions the
component search checks directly (``[]<>X``, ``<>[]X`` and ``<>[]X \\/ []<>Y`` with X, Y
without temporal operators: weak and strong fairness among them) and a remaining formula
for which a tableau is built (``tla.checker.liveness.tableau``). The product of the state
graph and the tableau (``product``) is searched for a fair strongly connected component
(``scc``). All of this happens once the state graph is complete: TLC's ``-lncheck final``;
TLC's default also checks periodically during the search, which only finds the same
violations earlier.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from tla.checker.liveness.formula import (TRUE, Always, And, Eventually, Formula, Or, conj,
                                          is_temporal, negate)
from tla.checker.liveness.predicates import AtomValues, predicate
from tla.checker.liveness.product import build_product
from tla.checker.liveness.scc import Conditions, FairSearch, lasso
from tla.checker.liveness.tableau import build_tableau


@dataclass
class Counterexample:
    name: str
    prefix: list            # state indices, from an initial state to the cycle's first
    cycle: list             # state indices after the cycle's first; then back to it


@dataclass
class Branch:
    """One disjunct of ``Fairness /\\ ~P``, sorted for the search."""
    name: str
    tableau_formula: Formula
    always: list
    justice: list
    compassion: list


def _conjuncts(f: Formula) -> list:
    return list(f.items) if isinstance(f, And) else [f]


def _split(f: Formula, limit: int = 256) -> list:
    """The top-level disjuncts of ``f`` (conjunctions of disjunctions distributed while
    the number of branches stays small)."""
    if isinstance(f, Or):
        out = []
        for item in f.items:
            out.extend(_split(item, limit))
        return out
    if isinstance(f, And):
        branches = [[]]
        for item in f.items:
            parts = _split(item, limit) if isinstance(item, Or) else [item]
            if len(parts) > 1 and len(branches) * len(parts) > limit:
                parts = [item]
            branches = [b + [p] for b in branches for p in parts]
        return [conj(b) for b in branches]
    return [f]


def _classify(name: str, conjuncts: list) -> Branch:
    always, justice, compassion, rest = [], [], [], []
    for c in conjuncts:
        if isinstance(c, Always) and isinstance(c.body, Eventually) \
                and not is_temporal(c.body.body):
            justice.append(c.body.body)
        elif isinstance(c, Eventually) and isinstance(c.body, Always) \
                and not is_temporal(c.body.body):
            always.append(c.body.body)
        elif isinstance(c, Or) and len(c.items) == 2 and _compassion(c) is not None:
            compassion.append(_compassion(c))
        else:
            rest.append(c)
    return Branch(name, conj(rest), always, justice, compassion)


def _compassion(c: Or):
    a, b = c.items
    for x, y in ((a, b), (b, a)):
        if isinstance(x, Eventually) and isinstance(x.body, Always) \
                and not is_temporal(x.body.body) \
                and isinstance(y, Always) and isinstance(y.body, Eventually) \
                and not is_temporal(y.body.body):
            return (x.body.body, y.body.body)
    return None


class LivenessChecker:
    def __init__(self, properties: list, assumptions: list):
        """``properties``: [(name, formula)]; ``assumptions``: [formula] (fairness)."""
        fair = []
        for f in assumptions:
            fair.extend(_conjuncts(f))
        self.branches: list[Branch] = []
        for name, prop in properties:
            for d in _split(negate(prop)):
                if d is not TRUE and _is_false(d):
                    continue
                self.branches.append(_classify(name, _conjuncts(d) + fair))
        self.stats: dict = {}

    @property
    def count(self) -> int:
        return len(self.branches)

    def check(self, states, graph, initial_states: int) -> Optional[Counterexample]:
        values = AtomValues(states, graph)
        tableaux: dict = {}
        peak = 0
        # Branches with the same tableau (e.g. one per process of a quantified property, or
        # none at all) share its product; only the last one is kept, to bound memory.
        last_key, product = None, None
        for br in self.branches:
            key = br.tableau_formula.key()
            tab = tableaux.get(key)
            if tab is None:
                tab = tableaux[key] = build_tableau(br.tableau_formula)
            if not tab.initial:
                continue
            if key != last_key:
                product = None
                product = build_product(graph, initial_states, tab, values)
                last_key = key
            peak = max(peak, product.memory_bytes())
            cond = Conditions(
                always=[predicate(x, values) for x in br.always],
                justice=[predicate(x, values) for x in br.justice],
                compassion=[(predicate(x, values), predicate(y, values))
                            for x, y in br.compassion],
                accepting=tab.all_accepting)
            search = FairSearch(product, tab, cond)
            comp = search.find()
            if comp is not None:
                prefix, cycle = lasso(search, comp)
                self._stats(graph, values, peak)
                return Counterexample(br.name, [product.state[v] for v in prefix],
                                      [product.state[v] for v in cycle])
        self._stats(graph, values, peak)
        return None

    def _stats(self, graph, values, peak) -> None:
        self.stats = {"graph_bytes": graph.memory_bytes(), "atom_cache_bytes":
                      values.memory_bytes(), "product_bytes": peak}


def _is_false(f) -> bool:
    from tla.checker.liveness.formula import FALSE
    return f is FALSE
