"""Native folds of the community modules Folds, Functions and FiniteSetsExt (TLC's
``tlc2.overrides`` for them), with exactly the meaning of their TLA+ definitions.

Takes operator arguments (callables taking values), a base value and a set, function or
sequence; gives the folded value. ``MapThenFoldSet(op, base, f, choose, S)`` takes the
elements in the order ``choose`` picks them, ``x1 = choose(S)``, ``x2 = choose(S \\ {x1})``
..., and equals ``op(f(x1), op(f(x2), ... op(f(xn), base)))``. The folds whose ``choose`` is
``CHOOSE x \\in s : TRUE`` take the elements in TLC's normalized order (CHOOSE picks the
first one).
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator.values import FSet, apply as fapply, eq, member, pretty
from tla.modules.impl_common import argument_error, as_fcn_map, set_elements
from tla.modules.registry import builtin


def fold_right(op, base, values):
    """``op(v1, op(v2, ... op(vn, base)))``."""
    acc = base
    for v in reversed(values):
        acc = op(v, acc)
    return acc


def _elements(s, position: str, name: str) -> list:
    elems = set_elements(s)
    if elems is None:
        raise argument_error(position, name, "finite set", s)
    return elems


@builtin("Folds", "MapThenFoldSet")
def map_then_fold_set(op, base, f, choose, s):
    remaining = FSet(_elements(s, "fifth", "MapThenFoldSet"))
    order = []
    while remaining:
        x = choose(remaining)
        if not member(x, remaining):
            raise EvalError("The fourth argument of MapThenFoldSet chose the value\n"
                            f"{pretty(x)}\nwhich is not in the set\n{pretty(remaining)}")
        order.append(x)
        remaining = FSet(e for e in remaining if not (type(e) is type(x) and eq(e, x)))
    return fold_right(op, base, [f(x) for x in order])


def _fcn(fun, position: str, name: str) -> dict:
    m = as_fcn_map(fun)
    if m is None:
        raise argument_error(position, name, "function", fun)
    return m


@builtin("Functions", "FoldFunction")
def fold_function(op, base, fun):
    m = _fcn(fun, "third", "FoldFunction")
    return fold_right(op, base, [m[k] for k in FSet(m).sorted()])


@builtin("Functions", "FoldFunctionOnSet")
def fold_function_on_set(op, base, fun, indices):
    _fcn(fun, "third", "FoldFunctionOnSet")
    keys = _elements(indices, "fourth", "FoldFunctionOnSet")
    return fold_right(op, base, [fapply(fun, k) for k in keys])


@builtin("FiniteSetsExt", "FoldSet")
def fold_set(op, base, s):
    return fold_right(op, base, _elements(s, "third", "FoldSet"))


@builtin("FiniteSetsExt", "ReduceSet")
def reduce_set(op, s, acc):
    return fold_right(op, acc, _elements(s, "second", "ReduceSet"))


@builtin("FiniteSetsExt", "MapThenSumSet")
def map_then_sum_set(op, s):
    from tla.modules.impl_naturals import plus
    total = 0
    for x in _elements(s, "second", "MapThenSumSet"):
        total = plus(op(x), total)
    return total
