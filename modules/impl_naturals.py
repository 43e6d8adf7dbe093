"""Native arithmetic of the Naturals, Integers and Reals modules (TLC's
``tlc2.module.Naturals`` / ``Integers``).

Takes integer values (Python ``int``, never ``bool``); gives integers, booleans and the lazy
sets ``Nat``, ``Int``, ``Real`` and ``a..b`` of :mod:`tla.evaluator.values`.

TLC rules implemented:

* integers are 32-bit: ``+ - * ^`` and unary ``-`` fail with ``Overflow when computing
  <a>+<b>`` (EC 2178) outside ``-2^31 .. 2^31-1``, unless the bound is lifted
  (``values.set_int_bound(False)``);
* ``a \\div b`` rounds towards minus infinity and ``a % b`` lies in ``0..b-1`` (Integers'
  rules, which TLC applies whenever Integers is loaded); ``\\div`` by 0 is EC 2179,
  ``%`` needs ``b > 0``, ``0^0`` is undefined and ``^`` needs a natural exponent;
* comparisons of a non-integer fail with ``The first argument of < should be an integer``;
* an argument of the wrong kind for ``+ - * \\div % ^ ..`` fails as TLC's Java reflection does
  (``argument type mismatch``);
* Reals: TLC has no real numbers; ``Real`` contains the integers and ``a / b`` is defined
  where the quotient is an integer.
"""
from __future__ import annotations

import tla.evaluator.values as V
from tla.errors import EvalError
from tla.evaluator.values import INT, NAT, REAL, Interval
from tla.modules.impl_common import (
    ARGUMENT_ERROR, DIVISION_BY_ZERO, NULL_POWER_NULL, argument_error, java_override_error,
    overflow, pp,
)
from tla.modules.registry import builtin

_MIN, _MAX = V.MIN_INT, V.MAX_INT
_INT_VALUE = "tlc2.value.impl.IntValue"


def _ints(name: str, a, b, result: str = _INT_VALUE) -> None:
    if type(a) is not int or type(b) is not int:
        raise java_override_error(
            f"public static {result} tlc2.module.Naturals.{name}({_INT_VALUE},{_INT_VALUE})",
            "argument type mismatch")


def _bounded(n: int, what) -> int:
    if V.INT_BOUND and not (_MIN <= n <= _MAX):
        raise overflow(what())
    return n


@builtin("Naturals", "Nat")
def nat():
    return NAT


@builtin("Naturals", "+")
def plus(a, b):
    if type(a) is int and type(b) is int:
        r = a + b
        if _MIN <= r <= _MAX or not V.INT_BOUND:
            return r
        raise overflow(f"{a}+{b}")
    _ints("Plus", a, b)


@builtin("Naturals", "-")
def minus(a, b):
    if type(a) is int and type(b) is int:
        r = a - b
        if _MIN <= r <= _MAX or not V.INT_BOUND:
            return r
        raise overflow(f"{a}-{b}")
    _ints("Minus", a, b)


@builtin("Naturals", "*")
def times(a, b):
    if type(a) is int and type(b) is int:
        r = a * b
        if _MIN <= r <= _MAX or not V.INT_BOUND:
            return r
        raise overflow(f"{a}*{b}")
    _ints("Times", a, b)


@builtin("Naturals", "^")
def expt(a, b):
    _ints("Expt", a, b)
    if b < 0:
        raise EvalError(f"The second argument of ^ should be a natural number, but instead "
                        f"it is:\n{b}", tlc_code=ARGUMENT_ERROR)
    if b == 0:
        if a == 0:
            raise EvalError("0^0 is undefined.", tlc_code=NULL_POWER_NULL)
        return 1
    if V.INT_BOUND and abs(a) > 1 and b >= 32:
        raise overflow(f"{a}^{b}")
    return _bounded(a ** b, lambda: f"{a}^{b}")


def _compare(symbol: str, a, b) -> None:
    if type(a) is not int:
        raise argument_error("first", symbol, "integer", a)
    if type(b) is not int:
        raise argument_error("second", symbol, "integer", b)


@builtin("Naturals", "<")
def lt(a, b):
    if type(a) is int and type(b) is int:
        return a < b
    _compare("<", a, b)


@builtin("Naturals", ">")
def gt(a, b):
    if type(a) is int and type(b) is int:
        return a > b
    _compare(">", a, b)


@builtin("Naturals", "=<")
def le(a, b):
    if type(a) is int and type(b) is int:
        return a <= b
    _compare("<=", a, b)


@builtin("Naturals", ">=")
def ge(a, b):
    if type(a) is int and type(b) is int:
        return a >= b
    _compare(">=", a, b)


@builtin("Naturals", "%")
def mod(a, b):
    _ints("Mod", a, b)
    if b <= 0:
        raise EvalError(f"The second argument of % should be a positive number, but instead "
                        f"it is:\n{b}", tlc_code=ARGUMENT_ERROR)
    return a % b


@builtin("Naturals", "\\div")
def div(a, b):
    _ints("Divide", a, b)
    if b == 0:
        raise EvalError("The second argument of \\div is 0.", tlc_code=DIVISION_BY_ZERO)
    if V.INT_BOUND and a == _MIN and b == -1:
        raise overflow("-2147483648 \\div -1")
    return a // b


@builtin("Naturals", "..")
def dotdot(a, b):
    _ints("DotDot", a, b, "tlc2.value.impl.IntervalValue")
    return Interval(a, b)


@builtin("Integers", "Int")
def int_set():
    return INT


@builtin("Integers", "-.")
def neg(a):
    if type(a) is not int:
        raise java_override_error(
            f"public static {_INT_VALUE} tlc2.module.Integers.Neg({_INT_VALUE})",
            "argument type mismatch")
    if V.INT_BOUND and a == _MIN:
        raise overflow("--2147483648")
    return -a


@builtin("Reals", "Real")
def real_set():
    return REAL


@builtin("Reals", "/")
def real_divide(a, b):
    if type(a) is not int:
        raise argument_error("first", "/", "integer", a)
    if type(b) is not int:
        raise argument_error("second", "/", "integer", b)
    if b == 0:
        raise EvalError("The second argument of / is 0.", tlc_code=DIVISION_BY_ZERO)
    if a % b != 0:
        raise EvalError(f"TLC cannot represent the real number {pp(a)} / {pp(b)}: it "
                        f"computes with integers only.")
    return a // b
