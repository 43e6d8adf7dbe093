"""State predicates (invariants, state constraints) remembered by the variables they read.

Takes: ``holds(state)`` and the indices of the state variables its value depends on (from
its generated code: ``Model.state_reads``). Gives: a ``holds`` that answers a state whose
variables read are equal to those of a state already evaluated with that state's answer.
Any function of the state is remembered the same way: the lane of a refinement mapping's
expression, which ``tla.checker.remembered_steps`` reads on every step.

The rule: a state predicate without context reads or effects is a function of the values of
the variables it reads, so states that agree on them get the same value. A B-tree's
``KeysInLeavesAreUnique`` reads two of twelve variables; most steps change others, so most
new states are answered without evaluating it. The values are compared by their
fingerprint lanes (``tla.checker.fingerprints``: kept on sets and functions, which the
search has just fingerprinted, and different for TRUE and 1) and then by ``==`` (fast for
the same objects; it rules out a lane collision). An evaluation that raises is not
remembered. Before any key is made, values that are the very objects the last answered call
read (the successors of one state share what they leave unchanged) get its answer.

This pays only when values repeat and the predicate costs more than a key: the first
``TRIAL`` evaluations are timed, and unless at least one in ``MIN_HIT_RATIO`` was answered
from memory and remembering took less than four fifths of the time evaluating every state
would have taken, the plain predicate is called from then on.
"""
from __future__ import annotations

from operator import is_, itemgetter
from time import perf_counter
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
    # during the trial: seconds spent making keys, and evaluating on a miss
    keying = evaluating = 0.0
    #: the values read by the last call answered, and its answer
    last: list = [None, None]

    # the values read, as a tuple (itemgetter gives the value itself for one index, and
    # wants one at least)
    first = reads[0] if len(reads) == 1 else None
    get = itemgetter(*reads) if len(reads) > 1 else lambda state: ()

    def remembered(state):
        nonlocal calls, hits, plain, keying, evaluating
        # the successors of one state share the values they leave unchanged: the same
        # objects as the last call's are answered as it was, whether or not remembering
        # by lanes pays (this costs a fraction of the cheapest predicate's evaluation)
        seen = last[0]
        if first is not None:
            v = state[first]
            if seen is not None and seen[0] is v:
                return last[1]
            values = (v,)
        else:
            values = get(state)
            if seen is not None and all(map(is_, values, seen)):
                return last[1]
        if plain:
            answer = holds(state)
            last[:] = values, answer
            return answer
        trial = calls < TRIAL
        if trial:
            started = perf_counter()
        try:
            key = tuple(map(lane, values))
        except EvalError:          # a value the search could not fingerprint either
            return holds(state)
        hit = cache.get(key)
        calls += 1
        if hit is not None and hit[0] == values:
            hits += 1
            if trial:
                keying += perf_counter() - started
            last[:] = values, hit[1]
            return hit[1]
        if trial:
            keyed = perf_counter()
            keying += keyed - started
        answer = holds(state)
        if len(cache) >= LIMIT:
            cache.clear()
        cache[key] = last[:] = (values, answer)
        if trial:
            evaluating += perf_counter() - keyed
            if calls == TRIAL and not pays_to_remember(calls, hits, keying, evaluating):
                plain = True
                cache.clear()
        return answer

    return remembered


def pays_to_remember(calls: int, hits: int, keying: float, evaluating: float) -> bool:
    r"""Whether remembering saved time in the trial: enough answers from memory, and the
    time per call (making the key, plus evaluating on a miss) clearly below the time of
    evaluating every state (a cheap constraint such as ``\A i \in D : c[i] < 3`` is
    evaluated faster than its key is made)."""
    if hits * MIN_HIT_RATIO < calls:
        return False
    misses = calls - hits
    if misses == 0:
        return True
    per_evaluation = evaluating / misses
    return keying + evaluating < 0.8 * per_evaluation * calls
