"""Native operators of the FiniteSets module (TLC's ``tlc2.module.FiniteSets``).

Takes set values; gives booleans and integers. TLC rules implemented: ``IsFiniteSet`` is
TRUE exactly for the sets TLC can enumerate (``Nat``, ``Int``, ``STRING``, ``Seq(S)`` and
sets built from them are not), and fails for a non-set; ``Cardinality`` counts without
enumerating where it can (``SUBSET S``, ``[S -> T]``, products, intervals) and fails with
TLC's ``Attemtped to compute cardinality of the value`` (sic) for a set it cannot
enumerate or a non-set.
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator import values
from tla.evaluator.values import SetBase, set_size
from tla.modules.impl_common import cardinality_error, pp
from tla.modules.registry import builtin


@builtin("FiniteSets", "IsFiniteSet")
def is_finite_set(s):
    if not isinstance(s, SetBase):
        raise EvalError(f"Attempted to check if the value:\n{pp(s)}\nis a finite set.")
    return s.is_enumerable()


@builtin("FiniteSets", "Cardinality")
def cardinality(s):
    if not isinstance(s, SetBase) or not s.is_enumerable():
        raise cardinality_error(s)
    n = set_size(s)
    if values.INT_BOUND and n > values.MAX_INT:
        # TLC counts set sizes in 32 bits (e.g. FcnSetValue.size())
        raise EvalError("Overflow when computing the number of elements in:\n" + pp(s),
                        tlc_code=2178)
    return n
