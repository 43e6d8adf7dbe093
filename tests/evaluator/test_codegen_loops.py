r"""Loops of generated code over intervals and known constants (``ExprGen.loop_over``).

A loop over ``lo..hi`` runs over a range, and its local holds integers (no type checks
where it is compared or applied); a loop over a constant definition the reference has
already computed (``Procs == 1..3``, ``Ids == {2, 5}``) is written with that value. The
values stay the reference's in every state."""
from __future__ import annotations

import pytest

from tla.evaluator.model import run_with_big_stack

from tests.evaluator.conftest import make_model

SPEC = r"""
VARIABLE x
Procs == 1..3
Ids == {2, 5}
Names == {"a", "b"}
Inv == \A p, q \in Procs : p < q => x[p] <= x[q]
Some == \E i \in Ids : x[1] = i
Named == \A n \in Names : n \in {"a", "b", "c"}
Sorted == \A i \in 1..Len(x) : \A j \in i..Len(x) : x[i] <= x[j]
CONSTANT N
Doubled == [i \in 1..N |-> 2 * x[i]] = [i \in 1..N |-> x[i] + x[i]]
Bounded == \A i \in 1..N : x[i] <= N
"""


@pytest.fixture
def model():
    return make_model(SPEC, "Loops", constants={"N": 3})


def written(model, name: str, tmp_path, monkeypatch):
    """The generated predicate of definition ``name``, and its source."""
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    entry = model.root_ns.lookup(name)
    fn = run_with_big_stack(model.codegen.predicate, entry.body, model.root_ns, name)
    assert fn is not None
    source = next(text for text in (p.read_text() for p in tmp_path.iterdir())
                  if text.startswith("# " + name))
    reference, _ = model.compiler.expr(entry.body, model.root_ns)
    return fn, reference, source


STATES = [((1, 2, 3),), ((3, 2, 1),), ((1, 2, 0),), ((5, 1, 7),), ((),)]


def test_known_interval_constant_is_a_range_of_integers(model, tmp_path, monkeypatch):
    model.evaluate("Procs")                # the reference computes the constant first
    fn, reference, source = written(model, "Inv", tmp_path, monkeypatch)
    assert "range(1, 4)" in source and "type(x" not in source.split("range(1, 4)")[1][:200]
    assert run_with_big_stack(fn, STATES[2]) is False          # x[3] < x[2]
    for s in STATES[:4]:
        assert run_with_big_stack(fn, s) is reference(s, None, {})


def test_unknown_constant_is_read_when_the_code_runs(model, tmp_path, monkeypatch):
    fn, reference, source = written(model, "Inv", tmp_path, monkeypatch)
    assert "range(1, 4)" not in source
    for s in STATES[:4]:
        assert run_with_big_stack(fn, s) is reference(s, None, {})


@pytest.mark.parametrize("name", ["Some", "Named"])
def test_known_enumerated_constant_is_iterated_as_it_is(model, name, tmp_path, monkeypatch):
    model.evaluate(name.replace("Some", "Ids").replace("Named", "Names"))
    fn, reference, source = written(model, name, tmp_path, monkeypatch)
    assert "elems(" not in source
    for s in STATES[:4]:
        assert run_with_big_stack(fn, s) is reference(s, None, {})


def test_intervals_of_state_values(model, tmp_path, monkeypatch):
    fn, reference, source = written(model, "Sorted", tmp_path, monkeypatch)
    assert "range(1, " in source
    for s in STATES:
        assert run_with_big_stack(fn, s) is reference(s, None, {})


@pytest.mark.parametrize("name", ["Doubled", "Bounded"])
def test_an_interval_of_constants_computed_once_keeps_its_ends(model, name, tmp_path,
                                                               monkeypatch):
    # 1..N reads no variable: its code computes it once (a constant of the unit), and the
    # loops over it (a function's constructor among them) still run over a range
    fn, reference, source = written(model, name, tmp_path, monkeypatch)
    assert "range(1, K_" in source
    for s in STATES[:4]:
        assert run_with_big_stack(fn, s) is reference(s, None, {})
