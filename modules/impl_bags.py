"""Native operators of the Bags module (TLC's ``tlc2.module.Bags``) and of the community
module BagsExt (``tlc2.overrides.BagsExt``).

Takes bags: functions from elements to positive integers (tuples when the elements are
1..n, :class:`~tla.evaluator.values.Fcn` otherwise); gives bags, sets, booleans and integers
with the meaning of the TLA+ definitions in ``Bags.tla``/``BagsExt.tla``. A value that is
no function where a bag is expected fails with TLC's argument error (``The first argument
of (+) should be a bag, but instead it is: ...``); ``BagUnion`` of a set with a non-bag
element fails with TLC's ``Attemtped to apply BagUnion ...`` (sic).
"""
from __future__ import annotations

from itertools import product as _product

from tla.errors import EvalError
from tla.evaluator.values import FSet, make_fcn
from tla.modules.impl_common import argument_error, as_fcn_map, pp, set_elements
from tla.modules.registry import builtin


def _bag(v, position: str, op: str) -> dict:
    m = as_fcn_map(v)
    if m is None:
        raise argument_error(position, op, "bag", v)
    return m


def _lookup(m: dict, e):
    """``m[e]`` with TLA+ equality (TRUE is never 1), or None."""
    if e in m:
        for k in m:
            if type(k) is type(e) and k == e:
                return m[k]
    return None


@builtin("Bags", "IsABag")
def is_a_bag(b):
    m = as_fcn_map(b)
    if m is None:
        return False
    return all(type(c) is int and c > 0 for c in m.values())


@builtin("Bags", "BagToSet")
def bag_to_set(b):
    return FSet(_bag(b, "first", "BagToSet"))


@builtin("Bags", "SetToBag")
def set_to_bag(s):
    elems = set_elements(s)
    if elems is None:
        raise argument_error("first", "SetToBag", "finite set", s)
    return make_fcn({e: 1 for e in elems})


@builtin("Bags", "BagIn")
def bag_in(e, b):
    return _lookup(_bag(b, "second", "BagIn"), e) is not None


@builtin("Bags", "EmptyBag")
def empty_bag():
    return ()


@builtin("Bags", "\\oplus")
def bag_plus(b1, b2):
    m = dict(_bag(b1, "first", "(+)"))
    for e, c in _bag(b2, "second", "(+)").items():
        old = _lookup(m, e)
        m[e] = c if old is None else old + c
    return make_fcn(m)


@builtin("Bags", "\\ominus")
def bag_minus(b1, b2):
    m2 = _bag(b2, "second", "(-)")
    out = {}
    for e, c in _bag(b1, "first", "(-)").items():
        d = _lookup(m2, e)
        left = c - (d or 0)
        if left > 0:
            out[e] = left
    return make_fcn(out)


@builtin("Bags", "BagUnion")
def bag_union(s):
    elems = set_elements(s)
    if elems is None:
        raise argument_error("first", "BagUnion", "finite set", s)
    out: dict = {}
    for b in elems:
        m = as_fcn_map(b)
        if m is None:
            raise EvalError("Attemtped to apply BagUnion to the following set, whose\n"
                            f"element is not a bag:\n{pp(s)}", tlc_code=2177)
        for e, c in m.items():
            old = _lookup(out, e)
            out[e] = c if old is None else old + c
    return make_fcn(out)


@builtin("Bags", "\\sqsubseteq")
def sub_bag_eq(b1, b2):
    m2 = _bag(b2, "second", "\\sqsubseteq")
    for e, c in _bag(b1, "first", "\\sqsubseteq").items():
        d = _lookup(m2, e)
        if d is None or c > d:
            return False
    return True


@builtin("Bags", "SubBag")
def sub_bag(b):
    items = list(_bag(b, "first", "SubBag").items())
    out = []
    for counts in _product(*(range(c + 1) for _, c in items)):
        out.append(make_fcn({e: n for (e, _), n in zip(items, counts) if n > 0}))
    return FSet(out)


@builtin("Bags", "BagOfAll")
def bag_of_all(f, b):
    out: dict = {}
    for e, c in _bag(b, "second", "BagOfAll").items():
        v = f(e)
        old = _lookup(out, v)
        out[v] = c if old is None else old + c
    return make_fcn(out)


@builtin("Bags", "BagCardinality")
def bag_cardinality(b):
    return sum(_bag(b, "first", "BagCardinality").values())


@builtin("Bags", "CopiesIn")
def copies_in(e, b):
    return _lookup(_bag(b, "second", "CopiesIn"), e) or 0


# --------------------------------------------------------------------------------------
# BagsExt
# --------------------------------------------------------------------------------------

@builtin("BagsExt", "BagAdd")
def bag_add(b, x):
    m = dict(_bag(b, "first", "BagAdd"))
    old = _lookup(m, x)
    m[x] = 1 if old is None else old + 1
    return make_fcn(m)


@builtin("BagsExt", "BagRemove")
def bag_remove(b, x):
    m = _bag(b, "first", "BagRemove")
    old = _lookup(m, x)
    if old is None:
        return b
    m = dict(m)
    if old == 1:
        del m[x]
    else:
        m[x] = old - 1
    return make_fcn(m)


@builtin("BagsExt", "BagRemoveAll")
def bag_remove_all(b, x):
    m = _bag(b, "first", "BagRemoveAll")
    if _lookup(m, x) is None:
        return b
    return make_fcn({k: c for k, c in m.items() if not (type(k) is type(x) and k == x)})


@builtin("BagsExt", "SumBag")
def sum_bag(b):
    total = 0
    for e, c in _bag(b, "first", "SumBag").items():
        if type(e) is not int:
            raise argument_error("first", "SumBag", "bag of integers", b)
        total += e * c
    return total


@builtin("BagsExt", "ProductBag")
def product_bag(b):
    total = 1
    for e, c in _bag(b, "first", "ProductBag").items():
        if type(e) is not int:
            raise argument_error("first", "ProductBag", "bag of integers", b)
        total *= e ** c
    return total

