"""Native operators of the Randomization module (TLC's ``tlc2.module.Randomization``).

Takes a count, a finite set and (for ``RandomSetOfSubsets``) an average size; gives
pseudo-randomly chosen subsets. The choices are reproducible: they depend only on the
arguments and on the current state (``ctx.state``), as TLC's do in breadth-first search.
``RandomSubset(k, S)`` has exactly ``k`` elements (``0 <= k <= Cardinality(S)``);
``RandomSetOfSubsets(k, n, S)`` makes ``k`` draws, each a subset holding every element with
probability ``n / Cardinality(S)``, and collects the distinct ones.
"""
from __future__ import annotations

import random

from tla.errors import EvalError
from tla.evaluator.values import FSet
from tla.modules.impl_common import argument_error, set_elements
from tla.modules.impl_tlc import state_seed
from tla.modules.registry import builtin


def _set(s, position: str, name: str) -> list:
    elems = set_elements(s)
    if elems is None:
        raise argument_error(position, name, "finite set", s)
    return elems


def _nat(k, position: str, name: str) -> int:
    if type(k) is not int or k < 0:
        raise argument_error(position, name, "nonnegative integer", k)
    return k


@builtin("Randomization", "RandomSubset", context=True, constant=True)
def random_subset(ctx, k, s):
    k = _nat(k, "first", "RandomSubset")
    elems = _set(s, "second", "RandomSubset")
    if k > len(elems):
        raise EvalError(f"The first argument of RandomSubset should be no larger than the "
                        f"cardinality of its second argument, but instead it is:\n{k}",
                        tlc_code=2169)
    return FSet(random.Random(state_seed(ctx, k, s)).sample(elems, k))


@builtin("Randomization", "RandomSetOfSubsets", context=True, constant=True)
def random_set_of_subsets(ctx, k, n, s):
    k = _nat(k, "first", "RandomSetOfSubsets")
    n = _nat(n, "second", "RandomSetOfSubsets")
    elems = _set(s, "third", "RandomSetOfSubsets")
    if elems and n > len(elems):
        raise EvalError("The second argument of RandomSetOfSubsets should be no larger "
                        f"than the cardinality of its third argument, but instead it is:\n{n}",
                        tlc_code=2169)
    rng = random.Random(state_seed(ctx, k, n, s))
    p = n / len(elems) if elems else 0.0
    return FSet(FSet(e for e in elems if rng.random() < p) for _ in range(k))
