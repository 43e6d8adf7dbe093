"""State predicates (invariants, state constraints) remembered by the variables they read.

Takes: ``holds(state)`` and the indices of the state variables its value depends on (from
its generated code: ``Model.state_reads``). Gives: a ``holds`` that answers a state whose
variables read are equal to those of a state already evaluated with that state's answer.

The rule: a state predicate without context reads or effects is a function of the values of
the variables it reads, so states that agree on them get the same value. A B-tree's
``KeysInLeavesAreUnique`` reads two of twelve variables; most steps change others, so most
new states are answered without evaluating it. The values are compared by their
fingerprint lanes (``tla.checker.fingerprints``: kept on sets and functions, which the
search has just fingerprinted, and different for TRUE and 1) and then by ``==`` (fast for
the same objects; it rules out a lane collision). An evaluation that raises is not
remembered.

Like remembered operators (``tla.evaluator.codegen.memo``), this pays only when values
repeat: after ``TRIAL`` evaluations with fewer than one in ``MIN_HIT_RATIO`` answered from
memory, the plain predicate is called.
"""
from __future__ import annotations

from typing import Callable

from tla.checker.fingerprints import lane
from tla.errors import EvalError

TRIAL = 4096
MIN_HIT_RATIO = 8
#: answers kept per predicate (all dropped when full: a bound on memory)
LIMIT = 1 << 15


def remember_by_reads(holds: Callable[[tuple], bool], reads: tuple) -> Callable[[tuple], bool]:
    """``holds`` remembering its answers by the values of the variables ``reads``."""
    cache: dict = {}
    calls = hits = 0
    plain = False

    def remembered(state):
        nonlocal calls, hits, plain
        if plain:
            return holds(state)
        values = tuple([state[i] for i in reads])
        try:
            key = tuple([lane(v) for v in values])
        except EvalError:          # a value the search could not fingerprint either
            return holds(state)
        hit = cache.get(key)
        calls += 1
        if hit is not None and hit[0] == values:
            hits += 1
            return hit[1]
        answer = holds(state)
        if len(cache) >= LIMIT:
            cache.clear()
        cache[key] = (values, answer)
        if calls == TRIAL and hits * MIN_HIT_RATIO < calls:
            plain = True
            cache.clear()
        return answer

    return remembered
