"""The liveness checker's shortcuts give the verdicts and counterexamples of the plain
definitions, on random graphs and properties: successors of a simple product filtered by
the cycle's test (``Product.filtered_successors``, asked once per pattern of bits), nodes
whose state fails a test on states neither visited nor judged (nor the steps to them), and
a state's steps to itself found once per product (``Product.self_edges``)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from tests.liveness.test_liveness_units import check, state_atom, step_atom
from tla.checker.liveness.check import LivenessChecker
from tla.checker.liveness.formula import (TRUE, always, conj, disj, eventually,
                                          negate)
from tla.checker.liveness.product import Product
from tla.checker.liveness.scc import FairSearch
from tla.checker.liveness.tableau import build_tableau


def plain_successors(self, allowed, passing=None):
    return lambda v: [w for w, sb, eb in self.steps(v) if allowed(sb, eb)]


def plain_loops(self, v):
    g, nq = self.graph, self.nq
    s, q = divmod(v, nq)
    if q not in self.succ[q]:
        return []
    sb = g.state_bits[s]
    out = [(sb, g.edge_bits[e]) for e in range(g.starts[s], g.starts[s + 1])
           if g.targets[e] == s]
    out.append((sb, g.stutter_bits[s]))
    act = self.acts[q]
    return [(a, b) for a, b in out if act is None or act.holds(a, b)]


def plainly(props, fairness, edges, n, done):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Product, "filtered_successors", plain_successors)
        mp.setattr(Product, "loops", plain_loops)
        mp.setattr(FairSearch, "_state_only", lambda self, cond, enforced: False)
        return check(props, fairness, edges, n, done=done)


def formulas(n):
    """State predicates on states 0 .. n-1 (as sets of states) and properties over them."""
    preds = st.frozensets(st.integers(0, n - 1))
    p = preds.map(lambda s: state_atom(f"in{sorted(s)}", lambda x, s=s: x in s))
    return st.one_of(
        p.map(lambda a: always(eventually(a))),                      # []<>P
        p.map(lambda a: eventually(always(a))),                      # <>[]P
        st.tuples(p, p).map(lambda ab: always(disj([negate(ab[0]),  # P ~> Q
                                                    eventually(ab[1])]))),
        st.tuples(p, p).map(lambda ab: conj([always(eventually(ab[0])),
                                             always(eventually(ab[1]))])))


@st.composite
def cases(draw):
    n = draw(st.integers(2, 9))
    edges = {i: set(draw(st.frozensets(st.integers(0, n - 1), max_size=3)))
             for i in range(n)}
    for i in range(1, n):          # the search found state i from an earlier one
        edges[draw(st.integers(0, i - 1))].add(i)
    edges = {i: sorted(ts) for i, ts in edges.items()}
    props = [(f"P{k}", f) for k, f in enumerate(draw(st.lists(formulas(n), min_size=1,
                                                               max_size=3)))]
    fairness = []
    if draw(st.booleans()):
        # weak fairness of "move up" (enabled where an edge goes up), or of any move
        up = draw(st.booleans())
        moved = step_atom(f"moved{up}", (lambda x, y: y > x) if up else (lambda x, y: y != x))
        enabled = state_atom(f"en{up}", lambda x, up=up: any(
            (y > x) if up else (y != x) for y in edges[x]))
        fairness.append(always(eventually(disj([negate(enabled), moved]))))
    done = draw(st.integers(1, n))
    return props, fairness, edges, n, done


@settings(max_examples=150, deadline=None)
@given(cases())
def test_shortcuts_agree_with_the_plain_definitions(case):
    props, fairness, edges, n, done = case
    assert check(props, fairness, edges, n, done=done) == \
        plainly(props, fairness, edges, n, done)


def test_self_edges_are_the_steps_back_to_the_same_state():
    # 0 -> 0, 0 -> 1, 1 -> 2, 2 -> 2, 2 -> 0
    often0 = always(eventually(state_atom("zero", lambda x: x == 0)))
    checker = LivenessChecker([("Often0", often0)], [])
    recorder = checker.start()
    edges = {0: [0, 1], 1: [2], 2: [2, 0]}
    for i in range(3):
        recorder.add_state(i, (i,))
    for src, dsts in edges.items():
        for dst in dsts:
            recorder.add_edge(src, dst, (src,), (dst,))
    recorder.finish(3)
    product = Product(checker.graph, 3, 1, build_tableau(TRUE), checker.table)
    assert product.self_edges == {0: [0], 2: [3]}
    assert [len(product.loops(v)) for v in range(3)] == [2, 1, 2]
    assert product.loops(0) == plain_loops(product, 0)
