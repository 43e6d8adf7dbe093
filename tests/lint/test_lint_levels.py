"""The level computation that the evaluator and checker may reuse: levels of definitions,
of parameters (weights and maxima), and of the built-in operators."""
from __future__ import annotations

import pytest

from tla.parser import parse_module
from tla.parser import levels as L
from tla.parser.semantic import analyze_modules

SPEC = """---- MODULE Lv ----
CONSTANT N, F(_)
VARIABLE x, y
K == {N}
Inv == x \\in {N}
Next == x' = x /\\ UNCHANGED y
Spec == Inv /\\ [][Next]_<<x, y>>
Prime(a, b) == a' = b
Guard(a) == ENABLED a
Sel(a) == F(a)
Fn[i \\in {1}] == x
Twice(a) == LET G == a IN G /\\ G
====
"""


@pytest.fixture(scope="module")
def analysis():
    mod = parse_module(SPEC, "Lv.tla")
    result = analyze_modules(mod, {})
    assert result.errors == []
    return result


@pytest.mark.parametrize("name, kind", [
    ("K", "constant"), ("Inv", "state"), ("Next", "action"), ("Spec", "temporal"),
    ("Fn", "state"), ("x", "state"), ("N", "constant"),
])
def test_definition_levels(analysis, name, kind):
    assert analysis.def_level("Lv", name).kind == kind


@pytest.mark.parametrize("name, weights, maxima, base", [
    # a is primed (at most a state function, weight 0: the prime sets the level);
    # b is compared (at most an action)
    ("Prime", (False, True), (L.STATE, L.ACTION), L.ACTION),
    ("Guard", (False,), (L.ACTION,), L.STATE),
    ("Sel", (True,), (L.TEMPORAL,), L.CONSTANT),
    ("Twice", (True,), (L.TEMPORAL,), L.CONSTANT),
])
def test_parameter_levels(analysis, name, weights, maxima, base):
    dl = analysis.def_level("Lv", name)
    assert (dl.weights, dl.max_args, dl.base) == (weights, maxima, base)


def test_application_level():
    dl = L.DefLevel(L.CONSTANT, (True, False), (L.TEMPORAL, L.TEMPORAL))
    assert dl.apply([L.Level(L.ACTION), L.Level(L.TEMPORAL)]).value == L.ACTION


def test_builtin_table_spellings():
    assert L.BUILTINS["/\\"] is L.BUILTINS["\\land"]
    assert L.BUILTINS["'"].max_arg(0) == L.STATE
    assert L.BUILTINS["ENABLED"].level == L.STATE
    assert L.BUILTINS["\\X"].max_arg(5) == L.ACTION


def test_levels_of_a_module(analysis):
    table = analysis.levels("Lv")
    assert {name: lv.kind for name, lv in table.items()
            if name in ("x", "Next", "Spec")} == {"x": "state", "Next": "action",
                                                  "Spec": "temporal"}


def test_check_tree_on_a_loaded_spec():
    """The entry point the model checker calls: all errors of a loaded tree."""
    from pathlib import Path

    from tla.parser.loader import load_tree
    from tla.parser.semantic import check_tree

    fixtures = Path(__file__).parent / "fixtures"
    errors = check_tree(load_tree(str(fixtures / "LevelErrors.tla")))
    assert [(e.span.line, e.message.split(":")[0]) for e in errors] == [
        (9, "Level error in applying operator '"), (10, "Level error in applying operator ENABLED"),
        (11, "Level error in applying operator UNCHANGED"), (12, "Level error in applying operator F")]
    assert check_tree(load_tree(str(fixtures / "Proofs.tla"))) == []


def test_standard_operators_take_the_level_of_their_arguments(tmp_path):
    """pytlc's own modules implement their operators in Python; their TLA+ bodies may not
    mention every parameter, yet ``x + 1`` is a state function, as with SANY's modules."""
    from tla.parser.loader import load_tree
    from tla.parser.semantic import analyze_tree

    path = tmp_path / "Std.tla"
    path.write_text("---- MODULE Std ----\nEXTENDS Naturals, Sequences\nVARIABLE x\n"
                    "Inv == x + 1 > 0\nStep == x' = x * 2\nK == 2 ^ 3\n====\n",
                    encoding="utf-8")
    analysis = analyze_tree(load_tree(str(path)))
    kinds = {n: analysis.def_level("Std", n).kind for n in ("Inv", "Step", "K")}
    assert kinds == {"Inv": "state", "Step": "action", "K": "constant"}
