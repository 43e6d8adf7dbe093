r"""Expressions of an action property remembered per first state (``ExprGen.step_memo``).

The search checks a property ``[][A]_v`` on every step, the steps of one state one after
the other with the same state tuple. A state-level part of A that loops (``\E Q \in
Quorums : ...`` in a refinement's ``Next``) is computed once per first state and per value
of the bound names it reads (an argument passed by name counts as one). A part that is
primed or reads the second state, or reads a LET (whose value may depend on names the key
would miss), is computed for every step. The values stay the reference's whatever the
order of the steps."""
from __future__ import annotations

import pytest

from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet, format_value

from tests.evaluator.conftest import counted_unions, make_model

SPEC = r"""
VARIABLES x, y
Quorums == {{1, 2}, {2, 3}, {1, 3}}
Safe(b) == \E Q \in Quorums : b \in UNION {Q, y}
Step == \E b \in 1..4 : Safe(b) /\ y' = y \cup {b} /\ x' = x
Primed == \E b \in {4} : (\E Q \in Quorums : b \in UNION {Q, y'}) /\ x' = x
InPrime == \E b \in {4} : (\E Q \in Quorums : b \in UNION {Q, y})' /\ x' = x
ByName(P) == \E b \in {4} : \E Q \in Quorums : P /\ b \in UNION {Q, y}
ViaName == ByName(y' = y) /\ x' = x
WithLet == LET z == y' IN \E b \in {4} : \E Q \in Quorums : b \in UNION {Q, z}
LetInside == \E b \in 1..4 : LET z == b + 0 IN
                  (\E Q \in Quorums : z \in UNION {Q, y}) /\ y' = y \cup {b} /\ x' = x
Inv == \E b \in 1..4 : Safe(b)
"""


@pytest.fixture
def model():
    return make_model(SPEC, "StepMemo")


def written(model, name: str, tmp_path, monkeypatch, per_step: bool = True):
    """The generated action predicate of definition ``name`` (checked on each step of a
    state in turn: an action property), its reference, its source."""
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    entry = model.root_ns.lookup(name)
    fn = run_with_big_stack(model.codegen.predicate, entry.body, model.root_ns, name,
                            action=True, per_step=per_step)
    assert fn is not None
    source = next(text for text in (p.read_text() for p in tmp_path.iterdir())
                  if text.startswith("# " + name))
    reference, _ = model.compiler.expr(entry.body, model.root_ns)
    return fn, reference, source


def state(x, *y):
    return (x, FSet(list(y)))


#: steps in the order the search checks them: several from one first state (the same
#: tuple), then from equal and from different first states
def steps():
    first, again, other = state(0), state(0), state(0, 1, 2, 3)
    seconds = [state(0, 1), state(0), state(0, 4), state(1, 2), state(0, 1, 2, 3)]
    return [(s, t) for s in (first, first, again, other, first) for t in seconds]


@pytest.mark.parametrize("name", ["Step", "Primed", "InPrime", "ViaName", "WithLet",
                                  "LetInside"])
def test_values_are_the_references(model, name, tmp_path, monkeypatch):
    fn, reference, _ = written(model, name, tmp_path, monkeypatch)
    assert_values_are_the_references(fn, reference, steps(), name)


def assert_values_are_the_references(fn, reference, pairs, name: str) -> None:
    """The generated action predicate ``fn`` gives its reference's value on each step
    ``(s, t)`` of ``pairs``, checked in this order."""
    for s, t in pairs:
        got = run_with_big_stack(fn, s, t)
        want = run_with_big_stack(reference, s, list(t), {})
        assert format_value(got) == format_value(want), (name, s, t)


def test_state_level_part_is_computed_once_per_first_state(model, tmp_path, monkeypatch):
    fn, _, source = written(model, "Step", tmp_path, monkeypatch)
    assert "SM_" in source
    unions = counted_unions(monkeypatch, model)
    first = state(0)
    seconds = [state(0, 1), state(0, 2), state(0), state(0, 4), state(0, 3)]
    assert [run_with_big_stack(fn, first, t) for t in seconds] == [True, True, False, False,
                                                                   True]
    computed = unions[0]
    assert computed > 0
    for t in seconds:
        run_with_big_stack(fn, first, t)
    assert unions[0] == computed            # the same first state: nothing computed again
    again = state(0)
    for t in seconds:
        run_with_big_stack(fn, again, t)
    assert unions[0] == 2 * computed        # an equal state, but another tuple


def test_an_argument_passed_by_name_is_a_key(model, tmp_path, monkeypatch):
    r"""``ByName(y' = y)``: the generated code evaluates the argument once, and the
    quantifier reading it is remembered by its value."""
    fn, reference, source = written(model, "ViaName", tmp_path, monkeypatch)
    assert "SM_" in source
    first = state(0, 1)
    for t in (state(0, 1), state(0, 2), state(0, 1), state(0)):
        want = run_with_big_stack(reference, first, list(t), {})
        assert run_with_big_stack(fn, first, t) is want


@pytest.mark.parametrize("name", ["Primed", "InPrime", "WithLet", "LetInside"])
def test_parts_reading_the_second_state_are_not_remembered(model, name, tmp_path,
                                                           monkeypatch):
    _, _, source = written(model, name, tmp_path, monkeypatch)
    assert "SM_" not in source


def test_liveness_atoms_remember_nothing_per_step(model, tmp_path, monkeypatch):
    r"""An action predicate not checked step after step (``<<A>>_v`` of a fairness
    condition, evaluated as liveness checking needs it) is computed for each step."""
    fn, reference, source = written(model, "Step", tmp_path, monkeypatch, per_step=False)
    assert "SM_" not in source
    for s, t in steps():
        assert run_with_big_stack(fn, s, t) is run_with_big_stack(reference, s, list(t), {})


def test_state_predicates_remember_nothing_per_step(model, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    entry = model.root_ns.lookup("Inv")
    assert run_with_big_stack(model.codegen.predicate, entry.body, model.root_ns, "Inv")
    source = next(p.read_text() for p in tmp_path.iterdir())
    assert "SM_" not in source
