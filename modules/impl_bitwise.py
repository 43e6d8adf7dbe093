"""Native operators of the community module Bitwise (TLC's ``tlc2.overrides.Bitwise``).

Takes natural numbers; gives natural numbers. ``&``, ``|`` and ``^^`` are the bitwise and,
or and exclusive or; ``Not(a)`` flips the bits of ``a`` up to its highest set bit (as the
TLA+ definition does, so ``Not(0) = 0``); ``shiftR(n, pos)`` shifts right, logically on
TLC's 32-bit integers for a negative ``n``.
"""
from __future__ import annotations

from tla.modules.impl_common import argument_error
from tla.modules.registry import builtin


def _ints(op: str, x, y) -> None:
    if type(x) is not int:
        raise argument_error("first", op, "integer", x)
    if type(y) is not int:
        raise argument_error("second", op, "integer", y)


@builtin("Bitwise", "&")
def bit_and(x, y):
    _ints("&", x, y)
    return x & y


@builtin("Bitwise", "|")
def bit_or(x, y):
    _ints("|", x, y)
    return x | y


@builtin("Bitwise", "^^")
def bit_xor(x, y):
    _ints("^^", x, y)
    return x ^ y


@builtin("Bitwise", "Not")
def bit_not(a):
    if type(a) is not int or a < 0:
        raise argument_error("first", "Not", "natural number", a)
    return a ^ ((1 << a.bit_length()) - 1)


@builtin("Bitwise", "shiftR")
def shift_r(n, pos):
    _ints("shiftR", n, pos)
    if n < 0:
        n &= 0xFFFFFFFF
    return n >> pos
