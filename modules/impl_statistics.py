"""Native ``ChiSquare`` of the community module Statistics (TLC's
``tlc2.overrides.Statistics``, which uses Apache Commons Math's ``ChiSquareTest``).

Takes two functions with the same domain, the expected and the observed counts (integers;
their values are taken in TLC's order of the domain), and the significance level ``alpha``
as a string such as ``"0.05"`` (in ``(0, 0.5]``); gives TRUE iff Pearson's chi-square
goodness-of-fit test does *not* reject, at level ``alpha``, that the observed counts follow
the distribution of the expected ones. As in Commons Math, the expected counts are first
scaled to the total of the observed counts, and the p-value is the upper tail of the
chi-square distribution with ``n - 1`` degrees of freedom.
"""
from __future__ import annotations

import math

from tla.errors import EvalError
from tla.evaluator.values import FSet
from tla.modules.impl_common import argument_error, as_fcn_map
from tla.modules.registry import builtin


def _lower_gamma_series(s: float, x: float) -> float:
    term = total = 1.0 / s
    n = 0
    while abs(term) > abs(total) * 1e-15 and n < 10000:
        n += 1
        term *= x / (s + n)
        total += term
    return total * math.exp(-x + s * math.log(x) - math.lgamma(s))


def _upper_gamma_fraction(s: float, x: float) -> float:
    # Lentz's evaluation of the continued fraction of Q(s, x).
    tiny = 1e-300
    b = x + 1.0 - s
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - s)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h * math.exp(-x + s * math.log(x) - math.lgamma(s))


def chi_square_upper_tail(statistic: float, dof: int) -> float:
    """P(X >= statistic) for X chi-square distributed with ``dof`` degrees of freedom."""
    if statistic <= 0:
        return 1.0
    s, x = dof / 2.0, statistic / 2.0
    if x < s + 1.0:
        return 1.0 - _lower_gamma_series(s, x)
    return _upper_gamma_fraction(s, x)


def _counts(f, position: str) -> list:
    m = as_fcn_map(f)
    if m is None:
        raise argument_error(position, "ChiSquare", "function", f)
    values = [m[k] for k in FSet(m).sorted()]
    if not all(type(v) is int for v in values):
        raise argument_error(position, "ChiSquare", "function", f)
    return values


@builtin("Statistics", "ChiSquare")
def chi_square(expected, actual, alpha):
    exp = _counts(expected, "first")
    act = _counts(actual, "second")
    if type(alpha) is not str:
        raise argument_error("third", "ChiSquare",
                             "StringValue representing a double in (0, .5]", alpha)
    try:
        a = float(alpha)
    except ValueError:
        raise argument_error("third", "ChiSquare",
                             "StringValue representing a double in (0, .5]", alpha)
    if not 0 < a <= 0.5:
        raise EvalError(f"out of bounds significance level {a}, must be between 0 and 0.5")
    if len(exp) < 2 or len(exp) != len(act):
        raise EvalError("ChiSquare needs two functions with the same domain of at least two "
                        "elements.")
    if any(e <= 0 for e in exp) or any(o < 0 for o in act):
        raise EvalError("ChiSquare needs positive expected and non-negative observed counts.")
    ratio = sum(act) / sum(exp)
    statistic = sum((o - ratio * e) ** 2 / (ratio * e) for e, o in zip(exp, act))
    p_value = chi_square_upper_tail(statistic, len(exp) - 1)
    return not p_value < a
