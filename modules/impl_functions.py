"""Native operators of the community module Functions (TLC's
``tlc2.overrides.Functions``); its folds are in :mod:`tla.modules.impl_folds`.

Takes functions (tuples, records and other functions alike), sets and operator arguments;
gives values with the meaning of the TLA+ definitions in ``Functions.tla``. ``Inverse``
picks, like the CHOOSE of its definition, the first suitable argument in TLC's order; the
``Exists*`` operators decide from the sizes of the finite sets instead of building the
sets of functions.
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator.values import FSet, apply as fapply, eq, make_fcn, member, set_size
from tla.modules.impl_common import (
    NO_CHOICE, argument_error, as_fcn_map, one_argument_error, set_elements,
)
from tla.modules.registry import builtin


def _fcn(f, position: str, name: str) -> dict:
    m = as_fcn_map(f)
    if m is None:
        raise argument_error(position, name, "function", f)
    return m


def _elements(s, position: str, name: str) -> list:
    elems = set_elements(s)
    if elems is None:
        raise argument_error(position, name, "finite set", s)
    return elems


@builtin("Functions", "Restrict")
def restrict(f, s):
    _fcn(f, "first", "Restrict")
    return make_fcn({x: fapply(f, x) for x in _elements(s, "second", "Restrict")})


@builtin("Functions", "RestrictDomain")
def restrict_domain(f, test):
    m = _fcn(f, "first", "RestrictDomain")
    return make_fcn({x: v for x, v in m.items() if test(x) is True})


@builtin("Functions", "RestrictValues")
def restrict_values(f, test):
    m = _fcn(f, "first", "RestrictValues")
    return make_fcn({x: v for x, v in m.items() if test(v) is True})


@builtin("Functions", "IsRestriction")
def is_restriction(narrow, wide):
    mn = _fcn(narrow, "first", "IsRestriction")
    mw = _fcn(wide, "second", "IsRestriction")
    wide_dom = FSet(mw)
    for x, v in mn.items():
        if not member(x, wide_dom) or not eq(v, fapply(wide, x)):
            return False
    return True


@builtin("Functions", "Range")
def range_(f):
    return FSet(_fcn(f, "first", "Range").values())


@builtin("Functions", "Pointwise")
def pointwise(f, g, t):
    m = _fcn(f, "first", "Pointwise")
    _fcn(g, "second", "Pointwise")
    return make_fcn({e: t(v, fapply(g, e)) for e, v in m.items()})


def _inverse(f, s, t, name):
    m = _fcn(f, "first", name)
    rng = FSet(m.values())
    dom = _elements(s, "second", name)
    out = {}
    for y in _elements(t, "third", name):
        if not member(y, rng):
            if not dom:
                raise EvalError(NO_CHOICE)
            out[y] = dom[0]
            continue
        for x in dom:
            if eq(fapply(f, x), y):
                out[y] = x
                break
        else:
            raise EvalError(NO_CHOICE)
    return make_fcn(out)


@builtin("Functions", "Inverse")
def inverse(f, s, t):
    return _inverse(f, s, t, "Inverse")


@builtin("Functions", "AntiFunction")
def anti_function(f):
    m = _fcn(f, "first", "AntiFunction")
    return _inverse(f, FSet(m), FSet(m.values()), "AntiFunction")


@builtin("Functions", "IsInjective")
def is_injective(f):
    m = as_fcn_map(f)
    if m is None:
        raise one_argument_error("IsInjective", "function", f)
    values = list(m.values())
    return len(FSet(values)) == len(values)


@builtin("Functions", "ExistsInjection")
def exists_injection(s, t):
    return set_size(s) <= set_size(t)


@builtin("Functions", "ExistsSurjection")
def exists_surjection(s, t):
    n, k = set_size(s), set_size(t)
    return n >= k and (k > 0 or n == 0)


@builtin("Functions", "ExistsBijection")
def exists_bijection(s, t):
    return set_size(s) == set_size(t)


@builtin("Functions", "SumFunctionOnSet")
def sum_function_on_set(fun, indices):
    from tla.modules.impl_folds import fold_function_on_set
    from tla.modules.impl_naturals import plus
    return fold_function_on_set(plus, 0, fun, indices)


@builtin("Functions", "SumFunction")
def sum_function(fun):
    from tla.modules.impl_folds import fold_function
    from tla.modules.impl_naturals import plus
    return fold_function(plus, 0, fun)
