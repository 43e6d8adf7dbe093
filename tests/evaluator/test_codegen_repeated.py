r"""The rest of an action after an ``\E`` of state level, run once per loop and repeated
(``ActionGen.repeated``).

Every witness of ``\E q \in Q : \A a \in q : a \in votes`` leads on to the same
successors, and TLC counts them once per witness: the generated code runs the rest for the
first witness and appends what it gave again for the others. The successors, their order
and their repetitions stay the reference's, for nested quantifiers, for a recursive
function in action position (each call has its own rest), for ``A \cdot B`` (whose
intermediate states are counted too) and inside ENABLED."""
from __future__ import annotations

import pytest

from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet, format_value

from tests.evaluator.conftest import (generated_action as generated,
                                      generated_successors as successors, make_model,
                                      reference_successors as reference)

SPEC = r"""
VARIABLES votes, x
Q == {{1, 2}, {2, 3}, {1, 2, 3}}
Vote == /\ \E q \in Q : \A a \in q : a \in votes
        /\ \E v \in {5, 6} : x' = v
        /\ votes' = votes
Nested == /\ \E q \in Q : \E a \in q : a \in votes /\ a > 1
          /\ \E v \in {5, 6} : x' = v
          /\ votes' = votes
SafeAt(b) == LET SA[bb \in 0..3] ==
                   \/ bb = 0
                   \/ \E q \in Q : /\ \A a \in q : a \in votes
                                   /\ \E c \in 0..(bb - 1) : /\ (c > 0) => SA[c]
                                                             /\ \A a \in q : c < a
             IN SA[b]
Rec == /\ SafeAt(3)
       /\ \E v \in {x, x + 1} : x' = v
       /\ votes' = votes
Step == /\ \E q \in Q : \A a \in q : a \in votes
        /\ x' = x + 1
        /\ votes' = votes
Twice == Step \cdot Step
Either == /\ 1 \in votes \/ 2 \in votes \/ 3 \in votes
          /\ \E v \in {5, 6} : x' = v
          /\ votes' = votes
Live == /\ ENABLED Vote
        /\ x' = x + 10
        /\ votes' = votes
"""

STATES = [
    (FSet([1, 2, 3]), 0),       # every quorum voted
    (FSet([1, 2]), 1),          # one quorum
    (FSet([2, 3]), 2),
    (FSet([1]), 3),             # none
    (FSet([1, 2, 3]), 5),
    (FSet([2, 3]), 0),
]


@pytest.fixture
def model():
    return make_model(SPEC, "Repeated")


@pytest.mark.parametrize("name", ["Vote", "Nested", "Rec", "Twice", "Either", "Live"])
def test_successors_and_their_repetitions_are_the_references(model, name):
    fn, act = generated(model, name)
    for state in STATES:
        assert successors(fn, act, state) == reference(model, act, state), state


def test_the_rest_runs_once_per_loop_and_is_repeated(model):
    fn, act = generated(model, "Vote")
    out = run_with_big_stack(fn, STATES[0], act.env, [], act.label)
    # three quorums voted: the two successors three times, the very same tuples
    assert [format_value(t) for t, _ in out] == ["<<{1, 2, 3}, 5>>", "<<{1, 2, 3}, 6>>"] * 3
    assert out[0][0] is out[2][0] and out[1][0] is out[5][0]


def test_a_composition_counts_its_intermediate_states_once_per_witness(model):
    fn, act = generated(model, "Twice")
    for state in STATES[:2]:
        model.intermediate_generated = 0
        fast = successors(fn, act, state)
        counted = model.intermediate_generated
        model.intermediate_generated = 0
        assert fast == reference(model, act, state)
        assert counted == model.intermediate_generated > 0
