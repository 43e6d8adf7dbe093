"""Data-driven tests of two TLC value rules that need a set-up the expression fixtures do
not have: typed model values (names ``x_...``, ``tlc2/value/impl/ModelValue.java``) and
TLC's bound on the size of the sets it builds (``-maxSetSize``, ``ValueVec``).

Each case is ``expression => printed value`` or ``expression => error: <start of TLC's
message>``; evaluation errors must carry a location.
"""
from __future__ import annotations

import pytest

from tla.errors import EvalError
from tla.evaluator import values as V
from tla.evaluator.values import ModelValue, format_value

#: a_1, a_2 have type "a", b_1 type "b"; u is untyped ("a_" is too short to be typed)
MODEL_VALUES = {"a1": "a_1", "a2": "a_2", "b1": "b_1", "u": "u", "short": "a_"}

TYPED_CASES = r"""
a1 = a1 => TRUE
a1 = a2 => FALSE
a1 = u => FALSE
u = a1 => FALSE
a1 = short => FALSE
a1 # a2 => TRUE
a1 = b1 => error: Attempted to check equality of the differently-typed model values a_1 and b_1
a1 = 1 => error: Attempted to check equality of typed model value a_1 and non-model value\n1
1 = a1 => error: Attempted to check equality of the typed model value a_1 and the non-model value\n1
{1} = a1 => error: Attempted to check equality of the typed model value a_1 and the non-model value\n{1}
u = 1 => FALSE
"s" = u => FALSE
<<a1>> = <<b1>> => error: Attempted to check equality of the differently-typed model values
[f |-> a1] = [f |-> 2] => error: Attempted to check equality of typed model value a_1 and non-model value\n2
a1 \in {a1, a2} => TRUE
a1 \in {a2, u} => FALSE
u \in {a1, a2} => FALSE
a1 \in {1, 2} => error: Attempted to compare the typed model value a_1 and non-model value\n2
a1 \in {b1} => error: Attempted to compare the differently-typed model values a_1 and b_1
3 \in {a1, a2} => error: Attempted to compare the typed model value a_2 and the non-model value\n3
a1 \in 1..3 => error: Attempted to check if the typed model value a_1 is an element of\n1..3
a1 \in Nat => error: Attempted to check if the typed model value a_1 is an element of\nNat
a1 \in STRING => error: Attempted to check if the typed model value a_1 is an element of\nSTRING
a1 \in [{1} -> {2}] => error: Attempted to check if the typed model value a_1 is an element of
a1 \in [f : {1}] => error: Attempted to check if the typed model value a_1 is an element of
a1 \in {1} \X {2} => error: Attempted to check if the typed model value a_1 is an element of
a1 \in Seq({1}) => error: Attempted to check if the typed model value a_1 is an element of
u \in 1..3 => FALSE
u \in Nat => FALSE
CHOOSE x \in {a1, 1} : TRUE => error: Attempted to compare the typed model value a_1 and non-model value\n1
CHOOSE x \in {a1, b1} : TRUE => error: Attempted to compare the differently-typed model values a_1 and b_1
CHOOSE x \in {a2} : TRUE => a_2
Cardinality({a1, a2, u}) => 3
"""

BOUND_CASES = r"""
Cardinality([1..3 -> 1..5]) => 125
\E f \in [1..3 -> 1..5] : f[1] = 5 /\ f[3] = 5 => TRUE
CHOOSE f \in [1..3 -> 1..5] : f[1] = 5 => <<5, 1, 1>>
{f \in [1..3 -> 1..5] : f[1] = 5 /\ f[2] = 5} => {<<5, 5, 1>>, <<5, 5, 2>>, <<5, 5, 3>>, <<5, 5, 4>>, <<5, 5, 5>>}
Cardinality({f \in [1..3 -> 1..5] : TRUE}) => error: Attempted to construct a set with too many elements (>100).
Cardinality({r \in [p : 1..11, q : 1..11] : TRUE}) => error: Attempted to construct a set with too many elements (>100).
Cardinality({t \in (1..11) \X (1..11) : TRUE}) => error: Attempted to construct a set with too many elements (>100).
[1..3 -> 1..5] \in {[1..3 -> 1..5], {}} => error: Attempted to construct a set with too many elements (>100).
[1..3 -> 1..5] = [1..3 -> 1..5] => TRUE
[1..3 -> 1..5] = [1..3 -> 1..4] => FALSE
[{} -> 1..5] = [{} -> Nat] => TRUE
\E s \in SUBSET (1..8) : Cardinality(s) = 8 => TRUE
Cardinality(SUBSET (1..8)) => 256
Cardinality({s \in SUBSET (1..8) : TRUE}) => error: Attempted to construct a set with too many elements (>100).
"""


def _cases(text: str):
    for line in text.strip().splitlines():
        expr, expected = line.rsplit(" => ", 1)
        yield pytest.param(expr, expected.replace("\\n", "\n"), id=expr[:50])


def _check(model, expr, expected, **bound):
    if expected.startswith("error: "):
        with pytest.raises(EvalError) as info:
            model.evaluate(expr, **bound)
        assert info.value.message.startswith(expected[len("error: "):])
        assert info.value.span is not None
    else:
        assert format_value(model.evaluate(expr, **bound)) == expected


@pytest.mark.parametrize("expr,expected", list(_cases(TYPED_CASES)))
def test_typed_model_values(std_model, expr, expected):
    bound = {k: ModelValue(name) for k, name in MODEL_VALUES.items()}
    _check(std_model, expr, expected, **bound)


def test_typed_model_value_type():
    assert ModelValue("p_1").typ == "p"
    assert ModelValue("p_").typ == ""
    assert ModelValue("pp_1").typ == ""


@pytest.fixture
def small_set_bound():
    V.set_max_set_size(100)
    try:
        yield
    finally:
        V.set_max_set_size(1000000)


@pytest.mark.parametrize("expr,expected", list(_cases(BOUND_CASES)))
def test_max_set_size(std_model, small_set_bound, expr, expected):
    _check(std_model, expr, expected)


# A constant operator given by the cfg's F(a, b) = v lines (TLC's OpRcdValue)
OPERATOR_CASES = r"""
F(1, 2) => 5
F(2, 1) => "b"
F(1, 2) + F(1, 2) => 10
F(3, 3) => error: Attempted to apply operator:\n{ <1, 2, 5>, <2, 1, "b">}\nto arguments (3, 3), which is undefined.
F("a", 2) => error: Attempted to check equality of integer 1 with non-integer:\n"a"
G(1, 2) => error: Attempted to apply the operator { <1, 5>}\nwith wrong number of arguments.
"""


@pytest.fixture(scope="module")
def operator_model():
    from tests.evaluator.conftest import make_model
    table = V.ConstantOperator("F", [((1, 2), 5), ((2, 1), "b")])
    short = V.ConstantOperator("G", [((1,), 5)])
    return make_model("CONSTANT F(_, _), G(_, _)", constants={"F": table, "G": short})


@pytest.mark.parametrize("expr,expected", list(_cases(OPERATOR_CASES)))
def test_constant_operator(operator_model, expr, expected):
    _check(operator_model, expr, expected)


def test_constant_operator_prints_as_tlc():
    table = V.ConstantOperator("F", [((1, "x"), V.FSet([2])), ((3, "y"), 4)])
    assert format_value(table) == '{ <1, "x", {2}>, <3, "y", 4>}'
