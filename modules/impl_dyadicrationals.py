"""Native operators of the community module DyadicRationals (TLC's
``tlc2.overrides.DyadicRationals``).

Takes dyadic rationals as records ``[num |-> n, den |-> d]`` (``d`` a power of two); gives
such records in lowest terms, and booleans. ``Add`` and ``Half`` compute exactly the TLA+
definitions: sums are brought to the larger denominator and reduced.
"""
from __future__ import annotations

from math import gcd

from tla.errors import EvalError
from tla.evaluator.values import field, format_value, make_record
from tla.modules.registry import builtin


def _parts(r) -> tuple[int, int]:
    num, den = field(r, "num"), field(r, "den")
    if type(num) is not int or type(den) is not int or den <= 0:
        raise EvalError(f"Not a dyadic rational: {format_value(r)}")
    return num, den


def _rational(num: int, den: int):
    g = gcd(num, den) or 1
    return make_record([("num", num // g), ("den", den // g)])


@builtin("DyadicRationals", "IsDyadicRational")
def is_dyadic_rational(r):
    _, den = _parts(r)
    return den & (den - 1) == 0


@builtin("DyadicRationals", "Add")
def add(p, q):
    pn, pd = _parts(p)
    qn, qd = _parts(q)
    if pn == 0 and pd == 1:
        return q
    lcn = max(pd, qd)
    return _rational(pn * (lcn // pd) + qn * (lcn // qd), lcn)


@builtin("DyadicRationals", "Half")
def half(p):
    num, den = _parts(p)
    return _rational(num, den * 2)
