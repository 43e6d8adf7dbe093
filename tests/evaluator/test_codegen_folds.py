r"""Recursive set folds written as loops (``tla.evaluator.codegen.folds``): which definitions
have the shape, and that the loop's values are the recursive definition's (the reference
evaluator's), for sets of every kind, the empty set, intervals, and arguments that are not
sets or make the step fail."""
from __future__ import annotations

import pytest

from tla.errors import EvalError
from tla.evaluator.codegen.folds import match_set_fold
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import format_value
from tla.parser import parse_expression
from tla.evaluator.intern_order import seed_from_expr

from tests.evaluator.conftest import make_model

SPEC = r"""
VARIABLE x
RECURSIVE Sum(_, _)
Sum(f, S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : TRUE IN f[e] + Sum(f, S \ {e})
RECURSIVE OrderSet(_)
OrderSet(S) == IF S = {} THEN <<>> ELSE
    LET e == CHOOSE e \in S : TRUE IN Append(OrderSet(S \ {e}), e)
RECURSIVE Pairs(_, _)
Pairs(S, k) == IF {} = S THEN {<<0, k>>} ELSE
    LET y == CHOOSE z \in S : TRUE IN {<<y, k>>} \cup Pairs(S \ {y}, k)
RECURSIVE Minus(_)
Minus(S) == IF S = {} THEN 100 ELSE LET e == CHOOSE e \in S : TRUE IN Minus(S \ {e}) - e
RECURSIVE WithState(_)
WithState(S) == IF S = {} THEN x ELSE LET e == CHOOSE e \in S : TRUE IN e + WithState(S \ {e})
RECURSIVE Find(_)
Find(S) == IF S = {} THEN FALSE ELSE LET e == CHOOSE e \in S : TRUE
           IN e > 2 \/ Find(S \ {e})
RECURSIVE Cond(_)
Cond(S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : TRUE
           IN IF e > 2 THEN e ELSE Cond(S \ {e})
RECURSIVE SeesS(_)
SeesS(S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : TRUE
            IN Cardinality(S) + SeesS(S \ {e})
RECURSIVE Twice(_)
Twice(S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : TRUE
            IN Twice(S \ {e}) + Twice(S \ {e})
RECURSIVE Picky(_)
Picky(S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : e > 1 IN e + Picky(S \ {e})
RECURSIVE Shift(_, _)
Shift(S, k) == IF S = {} THEN k ELSE LET e == CHOOSE e \in S : TRUE IN e + Shift(S \ {e}, k + 1)
"""

FOLDS = ["Sum", "OrderSet", "Pairs", "Minus", "WithState"]
NOT_FOLDS = ["Find", "Cond", "SeesS", "Twice", "Picky", "Shift"]


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Folds", extends="EXTENDS Integers, Sequences, FiniteSets, TLC")


def generated(model, text, state=((7,),)):
    node = parse_expression(text)
    seed_from_expr(node)
    fn = run_with_big_stack(model.codegen.predicate, node, model.root_ns, "test")
    assert fn is not None
    return run_with_big_stack(fn, *state)


def reference(model, text, state=(7,)):
    return run_with_big_stack(model.evaluate, text, state)


@pytest.mark.parametrize("name", FOLDS)
def test_folds_are_recognised(model, name):
    assert match_set_fold(model.root_ns.lookup(name)) is not None


@pytest.mark.parametrize("name", NOT_FOLDS)
def test_other_recursions_are_not(model, name):
    # a connective or IF may stop the recursion early, S may be read by the step, the
    # operator called twice, the element chosen by a predicate, another argument changed
    assert match_set_fold(model.root_ns.lookup(name)) is None


def test_the_generated_operator_loops(model):
    fn = run_with_big_stack(model.codegen.operator_function, model.root_ns.lookup("Sum"))
    code = getattr(fn, "plain", fn).__code__
    assert "reversed" in code.co_names


@pytest.mark.parametrize("text", [
    "Sum([i \\in 1..5 |-> i * i], 1..5)",
    "Sum([i \\in 1..5 |-> i * i], {5, 3, 1})",
    "Sum([i \\in 1..5 |-> i], {})",
    "Sum(<<10, 20, 30>>, {3, 1})",
    "Sum([p \\in {<<1, 2>>, <<2, 1>>, <<1, 1>>} |-> p[1] - p[2]], {<<1, 2>>, <<2, 1>>})",
    "OrderSet({\"c\", \"a\", \"b\"})",
    "OrderSet({<<2, 1>>, <<1, 2>>, <<1>>})",
    "OrderSet({[a |-> 2], [a |-> 1]})",
    "OrderSet(1..4)",
    "OrderSet(3..2)",
    "Pairs({3, 1, 2}, \"k\")",
    "Minus({1, 2, 3})",
    "WithState({1, 2})",
    "Sum([i \\in 1..3 |-> 2147483647], 1..2)",       # TLC's overflow on the way
    "Sum(<<1, 2>>, <<1, 2>>)",                       # not a set: the recursive code
])
def test_values_are_the_recursive_definitions(model, text):
    try:
        want = format_value(reference(model, text))
    except EvalError:
        with pytest.raises(EvalError):
            generated(model, text)
        return
    assert format_value(generated(model, text)) == want


def test_a_step_that_fails_fails_in_the_loop_too(model):
    # f[e] outside f's domain: the loop raises (and its callers hand over to the
    # reference, which reports the error of the first element in TLC's order)
    with pytest.raises(EvalError):
        reference(model, "Sum(<<1, 2>>, {1, 2, 3})")
    with pytest.raises(Exception):
        generated(model, "Sum(<<1, 2>>, {1, 2, 3})")


def test_a_large_set_needs_no_deep_recursion(model):
    assert generated(model, "Sum([i \\in 1..20000 |-> 1], 1..20000)") == 20000
