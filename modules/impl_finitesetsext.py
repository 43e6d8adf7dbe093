"""Native operators of the community module FiniteSetsExt (TLC's
``tlc2.overrides.FiniteSetsExt``); the folds are in :mod:`tla.modules.impl_folds`.

Takes finite sets (and operator arguments); gives integers, sets and elements with the
meaning of the TLA+ definitions. ``SumSet``/``ProductSet`` keep TLC's 32-bit overflow
check; ``Max``/``Min`` of an empty set fail like the CHOOSE of their definitions;
``kSubset(k, S)`` enumerates only the k-subsets; ``Quantify`` counts without building the
subset; ``ChooseUnique`` fails unless exactly one element satisfies the predicate.
"""
from __future__ import annotations

from itertools import combinations

from tla.errors import EvalError
from tla.evaluator.values import (
    CupSet, DiffSet, EMPTY, FSet, SetBase, UnionSet, member,
)
from tla.modules.impl_common import NO_CHOICE, argument_error, set_elements
from tla.modules.impl_naturals import plus, times
from tla.modules.registry import builtin



def _elements(s, position: str, name: str) -> list:
    elems = set_elements(s)
    if elems is None:
        raise argument_error(position, name, "finite set", s)
    return elems


@builtin("FiniteSetsExt", "SumSet")
def sum_set(s):
    total = 0
    for x in reversed(_elements(s, "first", "SumSet")):
        total = plus(x, total)
    return total


@builtin("FiniteSetsExt", "ProductSet")
def product_set(s):
    total = 1
    for x in reversed(_elements(s, "first", "ProductSet")):
        total = times(x, total)
    return total


@builtin("FiniteSetsExt", "FlattenSet")
def flatten_set(s):
    if not isinstance(s, SetBase):
        raise argument_error("first", "FlattenSet", "set", s)
    return UnionSet(s).elements() if UnionSet(s).is_enumerable() else UnionSet(s)


@builtin("FiniteSetsExt", "SymDiff")
def sym_diff(a, b):
    if not isinstance(a, SetBase):
        raise argument_error("first", "SymDiff", "set", a)
    if not isinstance(b, SetBase):
        raise argument_error("second", "SymDiff", "set", b)
    if a.is_enumerable() and b.is_enumerable():
        ea, eb = FSet(a.elements()), FSet(b.elements())
        return FSet([x for x in ea if not member(x, eb)] + [x for x in eb if not member(x, ea)])
    return CupSet(DiffSet(a, b), DiffSet(b, a))


@builtin("FiniteSetsExt", "Quantify")
def quantify(s, p):
    n = 0
    for x in _elements(s, "first", "Quantify"):
        r = p(x)
        if type(r) is not bool:
            raise argument_error("second", "Quantify", "boolean-valued operator", p)
        n += r
    return n


@builtin("FiniteSetsExt", "kSubset")
def k_subset(k, s):
    if type(k) is not int:
        raise argument_error("first", "kSubset", "natural number", k)
    elems = set_elements(s)
    if elems is None:
        raise argument_error("second", "kSubset", "set", s)
    if k < 0 or k > len(elems):
        return EMPTY
    return FSet(FSet(c) for c in combinations(elems, k))


_JUST_INTS = {int}


def _extreme(s, name: str, sign: int):
    if type(s) is FSet and set(map(type, s)) == _JUST_INTS:
        # integers only: no comparison can be TLC's error, and no order is needed
        return max(s) if sign > 0 else min(s)
    elems = _elements(s, "first", name)
    if not elems:
        raise EvalError(NO_CHOICE)
    best = elems[0]
    for x in elems[1:]:
        if type(x) is not int or type(best) is not int:
            raise argument_error("first", name, "set of integers", s)
        if (x > best) if sign > 0 else (x < best):
            best = x
    if type(best) is not int:
        raise argument_error("first", name, "set of integers", s)
    return best


@builtin("FiniteSetsExt", "Max")
def max_(s):
    return _extreme(s, "Max", 1)


@builtin("FiniteSetsExt", "Min")
def min_(s):
    return _extreme(s, "Min", -1)


@builtin("FiniteSetsExt", "ChooseUnique")
def choose_unique(s, p):
    found = [x for x in _elements(s, "first", "ChooseUnique") if p(x) is True]
    if len(found) != 1:
        raise EvalError(NO_CHOICE)
    return found[0]

