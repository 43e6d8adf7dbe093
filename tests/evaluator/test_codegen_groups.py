r"""Consecutive instances of one split action run in one loop (``CodeGen.action_group``).

The conjuncts before the first that reads the instance's parameters are plain guards whose
value is the same for every instance: they are tested once per state. The successors stay
the reference's, in its order; an instance whose code raises is left to the reference alone
(the fallback), and every instance is when the shared guards raise."""
from __future__ import annotations

import pytest

from tla.errors import EvalError
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet, format_value

from tests.evaluator.conftest import counted_unions, make_model

SPEC = r"""
VARIABLES x, y
Init == x = 0 /\ y = {}
Add(i) == /\ UNION {{x}, {7}} # {}
          /\ x < 3
          /\ i \notin y
          /\ y' = y \cup {i}
          /\ x' = x + 1
Split(i) == /\ x < 3
            /\ y' = y \cup {6 \div (i - 2)}
            /\ x' = x
Broken(i) == /\ x[1] = 0
             /\ y' = y \cup {i}
             /\ x' = x
Own(i) == /\ i \notin y
          /\ x < 3
          /\ y' = y \cup {i}
          /\ x' = x
AddNext == \E i \in 1..4 : Add(i)
SplitNext == \E i \in 1..3 : Split(i)
BrokenNext == \E i \in 1..3 : Broken(i)
OwnNext == \E i \in 1..3 : Own(i)
"""


def model():
    return make_model(SPEC, "Groups")


def group_of(m, next_name: str):
    """The group function of the instances of ``next_name``, its members, and a
    fallback that records the instances handed to it."""
    acts = m.actions_of(next_name)
    a = acts[0]
    fn = run_with_big_stack(m.codegen.action_group, a.node, a.scope, a.env, next_name)
    members = tuple((k, act.env, act.label) for k, act in enumerate(acts))
    handed = []

    def fallback(i, state, out, n):
        del out[n:]
        handed.append(i)
        out.extend((t, acts[i].label) for t in m._reference_successors(acts[i], state))
    return fn, members, fallback, handed, acts


def reference(m, acts, state) -> list:
    return [format_value(t) for a in acts for t in m._reference_successors(a, state)]


def test_shared_guards_are_tested_once_per_state(monkeypatch):
    m = model()
    fn, members, fallback, handed, acts = group_of(m, "AddNext")
    assert fn is not None
    unions = counted_unions(monkeypatch, m)
    for state in [(0, FSet([])), (1, FSet([2])), (2, FSet([1, 3, 4])), (3, FSet([]))]:
        before = unions[0]
        out = run_with_big_stack(fn, state, members, [], fallback)
        assert unions[0] == before + 1            # one UNION for the four instances
        assert [format_value(t) for t, _ in out] == reference(m, acts, state)
        assert [label for _, label in out] == [
            a.label for a in acts for _ in m._reference_successors(a, state)]
    assert handed == []


def test_an_instance_that_raises_is_left_to_the_reference():
    r"""Instance ``i = 2`` divides by zero: the reference evaluates it and raises TLC's
    error, after the first instance's successor (TLC reports what comes first)."""
    m = model()
    fn, members, fallback, handed, acts = group_of(m, "SplitNext")
    assert fn is not None
    out = []
    with pytest.raises(EvalError, match="div"):
        run_with_big_stack(fn, (0, FSet([])), members, out, fallback)
    assert handed == [1]
    assert [format_value(t) for t, _ in out] == ["<<0, {-6}>>"]


def test_shared_guards_that_raise_leave_every_instance_to_the_reference():
    r"""``x[1]`` with ``x`` an integer: the first instance goes to the reference, which
    raises TLC's error."""
    m = model()
    fn, members, fallback, handed, acts = group_of(m, "BrokenNext")
    assert fn is not None
    with pytest.raises(EvalError):
        run_with_big_stack(fn, (0, FSet([])), members, [], fallback)
    assert handed == [0]


def test_no_group_where_the_first_conjunct_reads_the_instance():
    m = model()
    fn, *_ = group_of(m, "OwnNext")
    assert fn is None


def test_the_dispatcher_runs_groups_in_the_reference_order(monkeypatch):
    m = model()
    m.warmup_states = 0
    for state in [(0, FSet([])), (2, FSet([1, 2]))]:
        got = [format_value(t) for t, _ in m.next_states("AddNext", state)]
        assert got == reference(m, m.actions_of("AddNext"), state)
