r"""``\E`` in action position over the witnesses of a test (``ActionGen._a_Quant``).

An ``\E`` that binds a primed variable is taken in TLC's order: that order is the order of
the successors. One of state level (``\E m \in M : m.acceptor = a`` in a guard) leads on
once per witness to the same successors whatever the order, so its set is taken as it
comes (a filtered set of records is not sorted for it). In Init an ``\E`` of state level
assigns the variables and keeps TLC's order. Either way the states, their order and their
repetitions are the reference's; where the test raises, the action is left to the
reference (the dispatcher's fallback), which meets TLC's first error."""
from __future__ import annotations

import pytest

from tla.errors import EvalError
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet, format_value, make_record

from tests.evaluator.conftest import (generated_action as generated,
                                      generated_successors as successors, make_model,
                                      reference_successors as reference)

SPEC = r"""
VARIABLES msgs, x
Voted(v) == {m \in msgs : m.v = v}
Decide == /\ \E m \in Voted(2) : m.a > 0
          /\ \E m \in msgs : x' = m.a
          /\ msgs' = msgs
Chosen == /\ \A a \in {1, 2} : \E m \in Voted(2) : m.a = a
          /\ x' = x + 1
          /\ msgs' = msgs
Pick == /\ \E m \in Voted(2) : x' = m.a
        /\ msgs' = msgs
Broken == /\ \E m \in msgs : 10 \div (m.v - 5) > 0
          /\ x' = x
          /\ msgs' = msgs
Huge == /\ \E S \in SUBSET (1..31) : 1 \in S
        /\ x' = x
        /\ msgs' = msgs
Start == /\ \E r \in {[a |-> 2, v |-> 1], [a |-> 1, v |-> 2]} : msgs = {r}
         /\ \E v \in {3, 1, 2} : x = v
"""


def msg(a: int, v: int):
    return make_record([("a", a), ("v", v)])


STATES = [
    (FSet([msg(1, 2), msg(2, 2), msg(3, 5)]), 0),     # two witnesses of m.v = 2
    (FSet([msg(1, 2), msg(3, 4)]), 7),                # one
    (FSet([msg(3, 4)]), 1),                           # none
]


@pytest.fixture
def model():
    return make_model(SPEC, "Witnesses")


def counted_orders(monkeypatch, m) -> list:
    """The sets model ``m``'s generated code puts in TLC's action order from now on."""
    seen: list = []
    ns = m.codegen.unit.ns
    aorder = ns["aorder"]

    def counting(S):
        seen.append(S)
        return aorder(S)
    monkeypatch.setitem(ns, "aorder", counting)
    return seen


@pytest.mark.parametrize("name", ["Decide", "Chosen", "Pick"])
def test_successors_and_their_repetitions_are_the_references(model, name):
    fn, act = generated(model, name)
    for state in STATES:
        assert successors(fn, act, state) == reference(model, act, state)


def test_a_test_takes_its_witnesses_in_any_order(model, monkeypatch):
    fn, act = generated(model, "Decide")
    ordered = counted_orders(monkeypatch, model)
    out = successors(fn, act, STATES[0])
    # two witnesses of the test, each leading on to one successor per message
    assert len(out) == 6 and out[:3] == out[3:]
    # only the binding \E over msgs is put in TLC's order, once: the rest of the action
    # runs for the first witness of the test, and is repeated for the second
    # (test_codegen_repeated)
    assert ordered == [STATES[0][0]]


def test_a_binding_quantifier_keeps_tlc_order(model, monkeypatch):
    fn, act = generated(model, "Pick")
    ordered = counted_orders(monkeypatch, model)
    assert successors(fn, act, STATES[0]) == reference(model, act, STATES[0])
    assert len(ordered) == 1 and ordered[0] == FSet([msg(1, 2), msg(2, 2)])


def test_a_test_that_raises_is_left_to_the_reference(model):
    fn, act = generated(model, "Broken")
    with pytest.raises(Exception):
        run_with_big_stack(fn, STATES[0], act.env, [], act.label)
    with pytest.raises(EvalError):
        model._reference_successors(act, STATES[0])      # TLC's error (division by zero)
    assert successors(fn, act, STATES[1]) == reference(model, act, STATES[1])


def test_subsets_of_a_large_set_are_refused_as_tlc_refuses_them(model):
    # TLC cannot count the subsets of 31 elements: its overflow error, not 2**31 subsets
    fn, act = generated(model, "Huge")
    with pytest.raises(EvalError, match="Overflow"):
        run_with_big_stack(fn, STATES[0], act.env, [], act.label)
    with pytest.raises(EvalError, match="Overflow"):
        model._reference_successors(act, STATES[0])


def test_an_initial_predicate_binds_its_variables_in_tlc_order(model):
    # Init's \E of state level assigns the variables: the initial states come in TLC's
    # order (the records by field, then the integers), as the reference makes them
    node = model.root_ns.lookup("Start").body
    fast = run_with_big_stack(model.codegen.init, node, model.root_ns, "Start")
    assert fast is not None
    made = [tuple(map(format_value, st)) for st in run_with_big_stack(fast)]
    expected = [tuple(map(format_value, st)) for st in
                run_with_big_stack(model._init_states_reference, "Start", node)]
    assert made == expected and len(made) == 6
    assert [x for _, x in made] == ["1", "2", "3"] * 2
