r"""Action properties answered from a table of steps keyed by what they read
(``tla.checker.remembered_steps``).

Refine.tla's processes go busy and idle; its property ``Abstract!Spec`` reads only the
number of busy processes. The runs' output is the same with and without the table (the
violation of ``Abstract!Up`` found at the same step); with it, the formula is evaluated once
per distinct pair of counts. A root whose value is an error leaves the step to the formula;
a projection that never repeats drops the table."""
from __future__ import annotations

import pytest

import tla.checker.remembered_steps as remembered_steps
from tla.checker.remembered_steps import PROBE, remembered
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.reads import state_roots
from tla.parser.parse import parse_expression

from tests.checker.test_tlc_runs import run
from tests.evaluator.conftest import make_model


def counting(monkeypatch) -> dict:
    """Count, per action property, the steps asked and the steps its formula evaluated."""
    counts: dict = {}
    real = remembered_steps.remembered

    def wrapped(holds, roots, model, label):
        seen = counts.setdefault(label, [0, 0])

        def evaluated(s, t):
            seen[1] += 1
            return holds(s, t)
        table = real(evaluated, roots, model, label)

        def asked(s, t):
            seen[0] += 1
            return table(s, t)
        return asked
    monkeypatch.setattr(remembered_steps, "remembered", wrapped)
    return counts


def without_table(monkeypatch) -> None:
    monkeypatch.setattr(remembered_steps, "remembered", lambda holds, *rest: holds)


@pytest.mark.parametrize("args", [["Refine.tla"], ["-config", "RefineUp.cfg", "Refine.tla"]])
def test_output_is_the_same_without_the_table(args, monkeypatch):
    with_table = run(args)
    without_table(monkeypatch)
    assert run(args) == with_table


def test_formula_is_evaluated_once_per_pair_of_projections(monkeypatch):
    counts = counting(monkeypatch)
    status, output = run(["Refine.tla"])
    assert status == 0 and "73 states generated, 24 distinct states found" in output
    asked, evaluated = counts["Abstract!Spec"]
    assert asked == 72
    # busy counts 0..3: steps 0->1, 1->0, 1->2, 2->1, 2->3, 3->2
    assert evaluated == 6


def test_violation_is_reported_at_the_same_step(monkeypatch):
    status, output = run(["-config", "RefineUp.cfg", "Refine.tla"])
    assert status == 13
    assert "Error: Action property Abstract!Up is violated." in output
    assert "State 3: <Stop(1)" in output


SPEC = r"""
VARIABLES x, y
---- MODULE Inner ----
VARIABLE a
Same == a' = a
====
I == INSTANCE Inner WITH a <- 10 \div x
---- MODULE Lazy ----
EXTENDS Naturals
VARIABLE f
Up == f'[1] >= f[1]
====
L == INSTANCE Lazy WITH f <- [n \in Nat |-> n + x]
Guarded == x = 0 \/ I!Same
OnlyX == x' >= x
"""


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Outer")


def table_for(model, name, calls):
    node = parse_expression(name)
    reference, _ = model.compiler.expr(node, model.root_ns)

    def holds(s, t):
        calls.append((s, t))
        return reference(s, t, {})
    roots = run_with_big_stack(state_roots, node, model.root_ns, model)
    return remembered(holds, roots, model, name)


def test_a_root_in_error_leaves_the_step_to_the_formula(model):
    calls: list = []
    table = table_for(model, "Guarded", calls)
    # 10 \div 0 is an error, but Guarded never computes it when x = 0
    assert table((0, 0), (0, 1)) is True
    assert table((0, 0), (0, 1)) is True
    assert len(calls) == 2
    assert table((5, 0), (5, 1)) is True and table((5, 2), (5, 3)) is True
    assert len(calls) == 3
    assert table((5, 0), (2, 0)) is False
    assert table((5, 0), (1, 0)) is False       # 10 \div 2 and 10 \div 1 differ: its own key
    assert len(calls) == 5


def test_a_projection_that_does_not_repeat_drops_the_table(model):
    calls: list = []
    table = table_for(model, "OnlyX", calls)
    assert table((0, 0), (1, 0)) is True and table((0, 5), (1, 7)) is True
    assert len(calls) == 1                      # y is not read
    for i in range(PROBE):
        table((i, 0), (i + 1, 0))
    assert table((0, 0), (1, 0)) is True
    assert len(calls) == PROBE + 1              # dropped: every step evaluated from now on


def test_a_root_without_a_fingerprint_leaves_every_step_to_the_formula(model):
    """``[n \\in Nat |-> n + x]`` has no fingerprint (its domain is infinite): no key,
    each step is evaluated, as without the table."""
    calls: list = []
    table = table_for(model, "L!Up", calls)
    assert table((0, 0), (1, 0)) is True and table((0, 0), (1, 0)) is True
    assert table((4, 0), (0, 0)) is False
    assert len(calls) == 3


def test_a_state_met_again_is_keyed_by_its_fingerprint(model, monkeypatch):
    """Where the projection evaluates a mapping (``a <- 10 \\div x``), a state's key is
    kept by its fingerprint: a target met again (an equal state, another tuple) is not
    mapped again, and the answers are the formula's."""
    mapped: list = []
    real = remembered_steps._reader

    def counted(*args):
        read = real(*args)

        def reading(state):
            mapped.append(state)
            return read(state)
        return reading
    monkeypatch.setattr(remembered_steps, "_reader", counted)
    calls: list = []
    table = table_for(model, "I!Same", calls)
    source = tuple([5, 0])
    targets = [tuple(t) for t in ([5, 1], [2, 0], [5, 1], [2, 0], [2, 0])]
    assert [table(source, t) for t in targets] == [True, False, True, False, False]
    assert mapped == [(5, 0), (5, 1), (2, 0)]
    assert len(calls) == 2


def test_only_a_table_keyed_by_fingerprints_asks_the_search_to_recall_them(model):
    """The search fingerprints with ``recalled_state_fingerprint`` when a table keys states
    by their fingerprints (a mapping is evaluated), so that the successor it has just
    fingerprinted is not walked again; a table of plain variables does not ask."""
    assert table_for(model, "I!Same", []).recalls_fingerprints is True
    assert table_for(model, "OnlyX", []).recalls_fingerprints is False
