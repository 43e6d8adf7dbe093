"""The Python API: tla.evaluator.api.evaluate / load."""
from __future__ import annotations

from tla.evaluator.api import evaluate, load, to_python, from_python
from tla.evaluator.values import FSet


def test_evaluate_expressions():
    assert evaluate(r"{x \in 1..5 : x % 2 = 1}") == FSet([1, 3, 5])
    assert evaluate("x + 1", x=2) == 3
    assert evaluate("Len(s) + Cardinality(S)", s=[1, 2], S={4}) == 3
    assert to_python(evaluate("[a |-> {1}, b |-> <<2>>]")) == {"a": frozenset({1}), "b": (2,)}
    assert evaluate("f[2]", f={1: "x", 2: "y"}) == "y"
    assert from_python({1: "x", 2: "y"}) == ("x", "y")


def test_load_spec(tmp_path):
    p = tmp_path / "Sp.tla"
    p.write_text("---- MODULE Sp ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\n"
                 "Op(k) == k * N\nInv == x < N\n====\n")
    spec = load(p, constants={"N": 3})
    assert spec.evaluate("Op(3)") == 9
    assert spec.evaluate("Inv", state={"x": 1}) is True
    assert spec.model.variables == ["x"]
