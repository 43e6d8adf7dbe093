"""The Python API: ``tla.evaluate``, ``tla.load``, value conversion both ways, doctests."""
import doctest
import os

import pytest

import tla
import tla.api
from tla.errors import TLAError

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")

CASES = [
    ("1 + 2 * 3", 7),
    ("TRUE /\\ ~FALSE", True),
    ('"abc"', "abc"),
    ("{1, 2} \\cup {3}", frozenset({1, 2, 3})),
    ("<<1, <<2>>, {}>>", (1, (2,), frozenset())),
    ("[i \\in 1..2 |-> i * i]", (1, 4)),
    ("[x \\in {\"a\", \"b\"} |-> 0]", {"a": 0, "b": 0}),
    ("SUBSET {1}", frozenset({frozenset(), frozenset({1})})),
    ("Len(<<1, 2, 3>>)", 3),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_evaluate_gives_python_values(text, expected):
    value = tla.evaluate(text)
    assert value == expected
    assert type(value) is not int or type(expected) is int  # TRUE never comes back as 1


def test_booleans_are_not_integers():
    assert tla.evaluate("TRUE") is True
    assert tla.evaluate("{TRUE, FALSE}") == frozenset({True, False})


def test_python_values_as_bound_names():
    assert tla.evaluate("x + 1", x=2) == 3
    assert tla.evaluate("S \\cup {4}", S={1, 2}) == frozenset({1, 2, 4})
    assert tla.evaluate("f[2]", f={1: "a", 2: "b"}) == "b"
    assert tla.evaluate("Len(s)", s=[7, 8, 9]) == 3


def test_errors_are_tla_errors():
    with pytest.raises(TLAError):
        tla.evaluate("Head(<<>>)")
    with pytest.raises(TLAError):
        tla.evaluate("1 +")


def test_load_a_module_with_constants():
    spec = tla.load(os.path.join(EXAMPLES, "TwoPhaseBuggy.tla"),
                    constants={"RM": {tla.ModelValue("r1"), tla.ModelValue("r2")}})
    assert spec.variables == ["rmState", "tmState", "prepared", "msgs"]
    assert len(spec.evaluate("Messages")) == 4


def test_evaluate_in_a_state(tmp_path):
    path = tmp_path / "Sp.tla"
    path.write_text("---- MODULE Sp ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\n"
                    "Op(k) == k * N\nInv == x < N\n====\n")
    spec = tla.load(path, constants={"N": 3})
    assert spec.evaluate("Op(3)") == 9
    assert spec.evaluate("Inv", state={"x": 1}) is True
    assert spec.evaluate("Inv", state={"x": 5}) is False


def test_doctests():
    failures, _ = doctest.testmod(tla.api)
    assert failures == 0


def test_cardinality_overflow_is_tlcs_error():
    with pytest.raises(TLAError, match="Overflow when computing the number of elements"):
        tla.evaluate("Cardinality([1..30 -> 1..30])")


def test_at_outside_except_is_located():
    with pytest.raises(TLAError, match="EXCEPT"):
        tla.evaluate("@")
