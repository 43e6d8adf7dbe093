"""State predicates remembered by the variables they read (``tla.checker.recall``): the read
sets come from the generated code (``Model.state_reads``), answers are reused only for
states equal on those variables (TRUE is not 1), errors are raised every time, and a
predicate whose read values never repeat goes back to plain evaluation."""
from __future__ import annotations

import pytest

from tla.checker import recall
from tla.errors import EvalError
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet

from tests.evaluator.conftest import make_model

SPEC = r"""
VARIABLES x, y, z
SmallX == x < 3
Both == x + y < 5
NoVars == 1 + 1 = 2
Level == TLCGet("level") < 10
RECURSIVE Down(_)
Down(n) == IF n = 0 THEN z = {} ELSE Down(n - 1)
UsesDown == Down(2)
ViaDef == LET d == y * 2 IN d > 1
"""


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Recall", extends="EXTENDS Naturals, TLC")


@pytest.mark.parametrize("name,reads", [
    ("SmallX", (0,)), ("Both", (0, 1)), ("NoVars", ()), ("ViaDef", (1,)),
    ("Level", None),            # reads the context
    ("UsesDown", None),         # hands the whole state to a recursive operator
])
def test_read_sets_come_from_the_generated_code(model, name, reads):
    assert run_with_big_stack(model.state_reads, name) == reads


def test_answers_are_reused_for_equal_read_values_only():
    evaluated = []

    def holds(state):
        evaluated.append(state)
        return state[0] is True or state[0] == 2

    remembered = recall.remember_by_reads(holds, (0,))
    assert remembered((2, "a")) is True
    assert remembered((2, "b")) is True                 # y is not read: from memory
    assert remembered((True, "c")) is True              # TRUE is not 2 (nor 1)
    assert remembered((1, "d")) is False
    assert remembered((FSet({1}), "e")) is False
    assert remembered((FSet({1}), "f")) is False        # equal, not the same object
    assert [s[1] for s in evaluated] == ["a", "c", "d", "e"]


def test_an_error_is_raised_every_time():
    def holds(state):
        raise EvalError("no")
    remembered = recall.remember_by_reads(holds, (0,))
    for _ in range(3):
        with pytest.raises(EvalError):
            remembered((1,))


def test_a_predicate_whose_values_never_repeat_is_evaluated_plainly(monkeypatch):
    monkeypatch.setattr(recall, "TRIAL", 32)
    evaluated = []

    def holds(state):
        evaluated.append(state[0])
        return True
    remembered = recall.remember_by_reads(holds, (0,))
    for i in range(32):
        remembered((i,))
    remembered((0,))                                      # no longer remembered
    assert evaluated == list(range(32)) + [0]


def test_the_last_values_read_answer_again_even_once_evaluated_plainly(monkeypatch):
    monkeypatch.setattr(recall, "TRIAL", 32)
    evaluated = []

    def holds(state):
        evaluated.append(state[0])
        return state[0] is not None
    remembered = recall.remember_by_reads(holds, (0,))
    for i in range(32):
        remembered((FSet({i}), i))
    shared = FSet({99})
    assert remembered((shared, "a")) is True
    assert remembered((shared, "b")) is True          # the same object: not evaluated
    assert remembered((FSet({99}), "c")) is True      # equal, another object: evaluated
    assert remembered((None, "d")) is False
    assert len(evaluated) == 32 + 3


@pytest.mark.parametrize("calls,hits,keying,evaluating,keep", [
    (4096, 4000, 0.004, 0.010, True),      # keys cheap, evaluation dear: remember
    (4096, 4000, 0.004, 0.0001, False),    # evaluation cheaper than keys: plain
    (4096, 100, 0.004, 0.400, False),      # values rarely repeat: plain
    (4096, 4096, 0.004, 0.0, True),        # every answer from memory
])
def test_remembering_is_kept_only_when_it_saved_time(calls, hits, keying, evaluating, keep):
    assert recall.pays_to_remember(calls, hits, keying, evaluating) is keep
