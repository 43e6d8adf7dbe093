"""Liveness checking of a state graph: is there a behaviour of the spec, fair with respect
to its fairness conditions, that violates a temporal property?

Takes the temporal properties (name and formula, ``tla.checker.liveness.formula``) and the
spec's fairness and other temporal conjuncts (formulas, assumed of every behaviour). Gives
an :class:`~tla.checker.liveness.atoms.AtomRecorder` that the search feeds (it evaluates
the atoms on every state and step found and keeps them in the :class:`BehaviourGraph`), and
``check(done, initial_states)``: None or a :class:`Counterexample` (the violated property's
name, the prefix and the cycle as state indices), on the graph of the states explored so
far (TLC's periodic check of the current state space) or of all of them (the final check).

As in TLC (``tlc2.tool.liveness.Liveness.processLiveness``): a property P is violated when
``Fairness /\\ ~P`` has a model among the spec's behaviours. ``~P`` is put in positive
normal form and split at its top-level disjunctions (``~\\A p : F(p)`` gives one branch per
p); each branch, conjoined with the fairness conditions, is sorted into conditions the
component search checks directly (``[]<>X``, ``<>[]X`` and ``<>[]X \\/ []<>Y`` with X, Y
without temporal operators: weak and strong fairness among them) and a remaining formula
for which a tableau is built (``tla.checker.liveness.tableau``). The product of the state
graph and the tableau (``product``) is searched for a fair strongly connected component
(``scc``). A violation found in a part of the graph is one of the whole graph: its
states are explored, their steps and atoms known.
"""
from __future__ import annotations

from typing import Optional

from tla.checker.liveness.formula import (FALSE, Always, And, Eventually, Formula, Or, conj,
                                          is_temporal, negate)
from tla.checker.liveness.atoms import AtomRecorder, AtomTable, Literals, StepTest
from tla.checker.liveness.graph import BehaviourGraph
from tla.checker.liveness.product import Product
from tla.checker.liveness.scc import Conditions, FairSearch, lasso
from tla.checker.liveness.tableau import build_tableau
from tla.records import mutable_record


@mutable_record
class Counterexample:
    name: str
    prefix: list            # state indices, from an initial state to the cycle's first
    cycle: list             # state indices after the cycle's first; then back to it


@mutable_record
class Branch:
    """One disjunct of ``Fairness /\\ ~P``, sorted for the search."""
    name: str
    tableau_formula: Formula
    always: list
    justice: list
    compassion: list


def _acyclic(graph, done: int) -> bool:
    """Whether the graph of states ``0 .. done - 1`` has no cycle through two states or
    more (steps back to the same state aside)."""
    from tla.checker.liveness.scc import tarjan
    starts, targets = graph.starts, graph.targets

    def succ(s):
        out = targets[starts[s]:starts[s + 1]].tolist()
        return [t for t in out if t < done] if done < graph.states else out
    for comp in tarjan(range(done), succ, done):
        if len(comp) > 1:
            return False
    return True


def _deferrable(table, plans, tests) -> tuple[list, int]:
    """The atoms whose evaluation can wait (``tla.checker.liveness.atoms``): the state
    atoms E of weak fairness conditions that every branch has, as ``[]<>(~E \\/ A)`` with A
    free of state atoms, and used nowhere else (in the order of the conditions); and the
    action atoms used only in such conditions of some branch (``[]<>`` tests)."""
    if not plans:
        return [], 0
    shared = None
    for _, _, _, cond in plans:
        keys = {tuple((t.s_on, t.s_off, t.e_on, t.e_off) for t in test.terms)
                for test in cond.justice}
        shared = keys if shared is None else shared & keys
    state_uses: dict = {}
    action_outside = 0
    justice_ids = {id(test.terms) for _, _, _, cond in plans for test in cond.justice}
    for terms in tests:
        in_justice = id(terms) in justice_ids
        for t in terms:
            for mask in _bits(t.s_on | t.s_off):
                state_uses.setdefault(mask, set()).add(
                    tuple((u.s_on, u.s_off, u.e_on, u.e_off) for u in terms))
            if not in_justice:
                action_outside |= t.e_on | t.e_off
    order = []
    for test in plans[0][3].justice:
        key = tuple((t.s_on, t.s_off, t.e_on, t.e_off) for t in test.terms)
        if key not in shared:
            continue
        state_terms = [t for t in test.terms if t.s_on or t.s_off]
        if len(state_terms) != 1:
            continue
        t = state_terms[0]
        if t.s_on or t.e_on or t.e_off or len(_bits(t.s_off)) != 1:
            continue
        if state_uses.get(t.s_off, set()) == {key} and t.s_off not in order:
            order.append(t.s_off)
    if not order:
        return [], 0
    everything = (1 << table.action_width) - 1
    return order, everything & ~action_outside


def _bits(mask: int) -> list:
    out = []
    while mask:
        low = mask & -mask
        out.append(low)
        mask ^= low
    return out


def _fold(prefix: list, cycle: list) -> tuple[list, list]:
    """The same behaviour with the shortest prefix: a lasso ``p0 .. pk`` then ``c1 .. cm``
    (back to ``pk``) whose cycle ends in ``p(k-1)`` also starts its cycle one state earlier
    (the tableau may need a few steps before its component, the states need not)."""
    while len(prefix) > 1 and cycle and prefix[-2] == cycle[-1]:
        cycle = [prefix.pop()] + cycle[:-1]
    return prefix, cycle


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
                if d is FALSE:
                    continue
                self.branches.append(_classify(name, _conjuncts(d) + fair))
        self.table: Optional[AtomTable] = None
        #: per branch: (branch, tableau key, tableau, Conditions), made by ``start``
        self.plans: list = []
        self.graph: Optional[BehaviourGraph] = None
        self.recorder: Optional[AtomRecorder] = None
        self.stats: dict = {}

    @property
    def count(self) -> int:
        """TLC's number of branches (``OrderOfSolution``s): the branches grouped by their
        tableau formula, each group sharing one behaviour graph."""
        return len({br.tableau_formula.key() for br in self.branches})

    def start(self, exact_steps: bool = True, all_successors: bool = True,
              cover=None, state_of=None, batch=None) -> AtomRecorder:
        """A new behaviour graph and the recorder the search feeds. ``exact_steps``: no
        VIEW or SYMMETRY merges states; ``all_successors``: neither does a constraint
        leave successors out; ``cover``: which atoms the search's action labels decide;
        ``state_of(index)``: a found state, for atoms evaluated only when a check needs
        them (see ``tla.checker.liveness.atoms`` and ``labels``); ``batch``: how the state
        atoms are computed in one call (``tla.checker.liveness.atom_batch``)."""
        formulas = []
        for br in self.branches:
            formulas.append(br.tableau_formula)
            formulas.extend(br.always + br.justice)
            for x, y in br.compassion:
                formulas.extend((x, y))
        table = self.table = AtomTable(formulas, exact_steps, all_successors, cover)
        tableaux: dict = {}
        self.plans = []
        for br in self.branches:
            key = br.tableau_formula.key()
            tab = tableaux.get(key)
            if tab is None:
                tab = tableaux[key] = build_tableau(br.tableau_formula)
            cond = Conditions(
                always=[StepTest(table, x) for x in br.always],
                justice=[StepTest(table, x) for x in br.justice],
                compassion=[(StepTest(table, x), StepTest(table, y))
                            for x, y in br.compassion],
                accepting=tab.all_accepting)
            self.plans.append((br, key, tab, cond))
        tests = []                  # every test on steps, as lists of Literals
        for _, _, tab, cond in self.plans:
            for node in tab.nodes:
                tests.append([Literals(table, node.action_atoms)])
            for test in cond.always + cond.justice + [t for pair in cond.compassion
                                                      for t in pair]:
                tests.append(test.terms)
        self.graph = BehaviourGraph(table.state_width, table.action_width)
        deferrable = _deferrable(table, self.plans, tests) if state_of is not None else None
        self.recorder = AtomRecorder(table, self.graph, tests, deferrable, state_of, batch)
        return self.recorder

    def check(self, done: int, initial_states: int) -> Optional[Counterexample]:
        """Search the graph of states ``0 .. done - 1`` (the explored ones) for a fair
        behaviour violating a property. Branches with the same tableau and the same
        ``<>[]`` conditions share the product and its components; the first branch (in
        the properties' order) with a fair component is reported."""
        table, graph = self.table, self.graph
        self.recorder.finish(done)
        groups: dict = {}
        for n, (br, key, tab, cond) in enumerate(self.plans):
            if tab.initial:
                group_key = (key, tuple(x.key() for x in br.always))
                groups.setdefault(group_key, []).append(n)
        products: dict = {}
        found: dict = {}
        peak = 0
        acyclic = _acyclic(graph, done)
        for members in groups.values():
            _, key, tab, _ = self.plans[members[0]]
            product = products.get(key)
            if product is None:
                product = products[key] = Product(graph, done, initial_states, tab, table)
                peak += product.size
            search = FairSearch(product, [self.plans[n][3] for n in members],
                                self.recorder, acyclic)
            for i, comp in enumerate(search.find()):
                if comp is not None:
                    found[members[i]] = (search, i, comp)
        self._stats(peak)
        if not found:
            return None
        first = min(found)
        search, i, comp = found[first]
        prefix, cycle = lasso(search, i, comp)
        product = search.p
        states, loop = _fold([product.state_of(v) for v in prefix],
                             [product.state_of(v) for v in cycle])
        return Counterexample(self.plans[first][0].name, states, loop)

    def _stats(self, peak) -> None:
        self.stats = {"graph_bytes": self.graph.memory_bytes(), "product_bytes": peak}
