r"""Operator arguments written in place (``ExprGen.inline_op``), the LET definitions a
split action opens, remembered per state (``CodeGen._write_action``), and LETs read in an
action's continuations, remembered in the cell of the function around them
(``ExprGen.let_ref``).

A LAMBDA or an operator name passed to an expanded operator is not called through its
OpValue where the call is in the function the LAMBDA is written in: its body is written
there, its parameters bound to the arguments' values. The values must stay the
reference's, including where the LAMBDA reads a LET of its caller, is passed on to a second
operator, or is called from a nested function (where the OpValue is still called)."""
from __future__ import annotations

import pytest

from tla.evaluator import values as V
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import format_value
from tla.parser import parse_expression
from tla.evaluator.intern_order import seed_from_expr

from tests.evaluator.conftest import counted_unions, make_model

SPEC = r"""
VARIABLE x
ChooseOne(S, P(_)) == CHOOSE e \in S : P(e) /\ \A y \in S : P(y) => y = e
Apply(F(_, _), a, b) == F(a, b)
PassOn(P(_), S) == ChooseOne(S, P)
Twice(P(_), v) == P(P(v))
Add(a, b) == a + b
Inc(n) == n + 1
Near(p, S) == LET s == p + 1 IN ChooseOne(S, LAMBDA q : s = q)
Lifted(P(_), S) == [e \in S |-> P(e)]
Kept(P(_), S) == {e \in S : P(e)}
Among(S) == LET s == UNION {{30}, {x}} IN ChooseOne(S, LAMBDA q : q \in s)
"""


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Inline")


def generated(model, text):
    node = parse_expression(text)
    seed_from_expr(node)
    fn = run_with_big_stack(model.codegen.predicate, node, model.root_ns, "test")
    assert fn is not None
    return fn


@pytest.fixture
def opvalue_calls(monkeypatch):
    """How many times an OpValue is called."""
    calls = [0]
    call = V.OpValue.__call__

    def counting(self, *args):
        calls[0] += 1
        return call(self, *args)
    monkeypatch.setattr(V.OpValue, "__call__", counting)
    return calls


@pytest.mark.parametrize("text, in_place", [
    (r"ChooseOne({1, 2, 3}, LAMBDA v : v + 5 = x)", True),
    (r"Apply(LAMBDA a, b : a * b + x, 3, 4)", True),
    (r"Apply(Add, x, 5)", True),
    (r"PassOn(LAMBDA v : v = x + 1, 1..10)", True),
    (r"Twice(Inc, x)", True),
    (r"Twice(LAMBDA v : v * 2, x)", True),
    (r"Near(x, 0..20)", True),
    (r"Lifted(LAMBDA v : v + x, {1, 2})", False),
    (r"Kept(LAMBDA v : v > x, 1..12)", None),
])
def test_values_are_the_references(model, opvalue_calls, text, in_place):
    got = run_with_big_stack(generated(model, text), (7,))
    calls = opvalue_calls[0]
    want = run_with_big_stack(model.evaluate, text.replace("x", "7"))
    assert format_value(got) == format_value(want)
    if in_place:
        assert calls == 0
    elif in_place is False:         # called from a nested function: through its OpValue
        format_value(got)
        assert opvalue_calls[0] > 0


def test_a_lambda_reads_its_callers_let_once(model, monkeypatch):
    r"""``s`` of ``Among`` is computed once, not once per element ChooseOne tries."""
    fn = generated(model, "Among(0..20)")
    unions = counted_unions(monkeypatch, model)
    assert format_value(run_with_big_stack(fn, (7,))) == "7"
    assert unions[0] == 1


SPLIT = r"""
VARIABLE board
Pos == 0..5
Init == board = {{1, 2}, {3}}
Next == LET empty == Pos \ UNION board
        IN \E e \in empty : board' = {b \cup {e} : b \in board} /\ Cardinality(empty) > 2
"""


def test_a_split_let_is_computed_once_per_state(monkeypatch):
    r"""``empty``, opened by the split of Next, is computed at its first use in a state and
    kept for the ``\E`` and each instance's conjunct: one UNION per state."""
    m = make_model(SPLIT, "Split")
    act, = m.actions_of("Next")
    fn = run_with_big_stack(m.codegen.action, act.node, act.scope, act.env, "Next")
    assert fn is not None
    unions = counted_unions(monkeypatch, m)
    state = m.init_states("Init")[0]
    out = run_with_big_stack(fn, state, act.env, [], act.label)
    assert unions[0] == 1
    want = sorted(format_value(s[0]) for s, _ in m.next_states("Next", state))
    assert sorted(format_value(s[0]) for s, _ in out) == want
    assert len(want) == 3


CONTINUED = r"""
VARIABLE x
Qs == {{1, 2}, {2, 3}}
Init == x = {1, 2, 3}
Next == \E q \in Qs : LET M == UNION {x, q} IN
          /\ \A a \in q : \E m \in M : m = a
          /\ Cardinality(M) > 2
          /\ x' = M \ {1}
"""


def test_a_let_read_in_a_continuation_is_computed_once(monkeypatch):
    r"""The rest of the action after ``\A a \in q : \E m \in M : ...`` is a nested
    function (the ``\E`` may continue more than once for each ``a``); it assigns the
    cell of ``M`` in the function around it: one UNION per instance and state."""
    m = make_model(CONTINUED, "Continued")
    state = m.init_states("Init")[0]
    for act in m.actions_of("Next"):
        fn = run_with_big_stack(m.codegen.action, act.node, act.scope, act.env, "Next")
        assert fn is not None
        unions = counted_unions(monkeypatch, m)
        out = run_with_big_stack(fn, state, act.env, [], act.label)
        assert unions[0] == 1
        want = [format_value(t[0]) for t in run_with_big_stack(
            m._reference_successors, act, state)]
        assert [format_value(t[0]) for t, _ in out] == want
        assert want == ["{2, 3}"]
