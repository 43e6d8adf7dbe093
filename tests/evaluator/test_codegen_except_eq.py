r"""``x' = [x EXCEPT ![k] = e]`` checked on a step (``ExprGen.equals_except``).

A refinement's ``Next`` checked on every step of the search compares successors' values
with functions written with EXCEPT. When the successor holds the very value of the first
state (the step left the variable alone), the answer is whether ``x[k] = e`` and the
function is not built. The values stay the reference's: for a key inside and outside the
domain, for functions, tuples and records, for equal and unequal successors, whether they
are the first state's object or another."""
from __future__ import annotations

import pytest

from tla.evaluator.values import Fcn

from tests.evaluator.conftest import make_model
from tests.evaluator.test_codegen_step_memo import (assert_values_are_the_references,
                                                    written)

SPEC = r"""
VARIABLES f, q, r
Inc == f' = [f EXCEPT ![0] = @ + 1]
Keep == f' = [f EXCEPT ![1] = @]
Outside == f' = [f EXCEPT ![7] = 0]
Differs == f' # [f EXCEPT ![0] = @ + 1]
Append == q' = [q EXCEPT ![2] = 5]
Field == r' = [r EXCEPT !.a = "x"]
Both == f' = [f EXCEPT ![0] = @ + 1] /\ q' = [q EXCEPT ![1] = 0]
"""

NAMES = ["Inc", "Keep", "Outside", "Differs", "Append", "Field", "Both"]


@pytest.fixture
def model():
    return make_model(SPEC, "ExceptEq")


def fcn(a, b):
    return Fcn({0: a, 1: b})


def steps():
    """First and second states: the second holding the first's very objects, equal
    copies, the values EXCEPT would build, and other values."""
    f, q, r = fcn(1, 2), (1, 2, 3), Fcn({"a": "x", "b": 1})
    first = (f, q, r)
    seconds = [
        first,                                              # the very same objects
        (fcn(1, 2), (1, 2, 3), Fcn({"a": "x", "b": 1})),    # equal copies
        (fcn(2, 2), (0, 5, 3), Fcn({"a": "y", "b": 1})),    # what the updates build
        (fcn(2, 3), (1, 5, 3), Fcn({"a": "x", "b": 2})),    # changed elsewhere too
        (fcn(9, 2), (1, 2, 4), Fcn({"a": "z", "b": 1})),    # changed at the key only
    ]
    other = (fcn(5, 5), (0, 2, 3), Fcn({"a": "y", "b": 1}))
    return [(s, t) for s in (first, other) for t in seconds + [s]]


@pytest.mark.parametrize("name", NAMES)
def test_values_are_the_references(model, name, tmp_path, monkeypatch):
    fn, reference, _ = written(model, name, tmp_path, monkeypatch)
    assert_values_are_the_references(fn, reference, steps(), name)


@pytest.mark.parametrize("name", ["Inc", "Append", "Field"])
def test_a_successor_holding_the_first_states_value_is_not_compared_whole(
        model, name, tmp_path, monkeypatch):
    _, _, source = written(model, name, tmp_path, monkeypatch)
    index = {"Inc": 0, "Append": 1, "Field": 2}[name]
    # the identity test picks the branch that compares the value at the key only
    assert f"if w{index} is v{index}:" in source
    same = next(line for line in source.splitlines() if f"if w{index} is v{index}:" in line)
    after = source.splitlines()[source.splitlines().index(same) + 1]
    assert "exs(" not in after and ":]" not in after
