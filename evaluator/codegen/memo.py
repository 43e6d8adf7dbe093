"""Remembering the values of pure recursive operators by their arguments.

Takes: the generated function of a recursive operator (``fn(state, *arguments)``) that is
*pure*: constant-level (its value depends on its arguments only, never on a state), with
no operator arguments, no context reads (``TLCGet``) and no code handed to the reference
evaluator (which may have effects), and calling only operators that are pure too
(``CodeGen.is_pure_operator`` decides). Gives: a function computing the same values that
remembers them by argument, so that, say, ``Linearize(dag, l)`` of one DAG is computed once
for all the successors of a state that need it, and each recursive step
``Linearize(dagOfPrev, prevL)`` once for every DAG it is reached from.

The rule. TLC evaluates every call; a pure operator's value is a function of its arguments,
so a call with arguments equal (as TLA+ values) to an earlier call's gets that call's value.
Arguments are compared by their fingerprint lanes (``tla.checker.fingerprints``: equal for
equal values whatever their representation, different for TRUE and 1, which Python's ``==``
confuses) and, on a match, by Python equality (which is fast for the same objects and rules
out a lane collision). A call that raises is not remembered: it raises again next time.

Remembering pays only when arguments repeat: each operator counts its calls and goes back
to the plain function (rebinding its global name) when, after ``TRIAL`` calls, fewer than
one in ``MIN_HIT_RATIO`` was answered from memory. A call whose arguments cannot be
fingerprinted without evaluating more than they are (a lazy function or set, which would be
enumerated, other than a short interval) is made directly and counts as a miss.
"""
from __future__ import annotations

from typing import Callable

#: calls after which an operator whose arguments rarely repeat is no longer remembered
TRIAL = 2048
#: at least one call in this many must be answered from memory to keep remembering
MIN_HIT_RATIO = 8
#: values kept per operator (all are dropped when it is full: a bound on memory)
LIMIT = 1 << 14
#: intervals shorter than this are arguments like any other (``DOMAIN s`` of a sequence)
SMALL_INTERVAL = 1 << 12


def memoize(fn: Callable, give_up: Callable[[Callable], None]) -> Callable:
    """``fn(state, *arguments)`` remembering its values; ``give_up(fn)`` is called once the
    trial shows that arguments rarely repeat (the caller rebinds the operator's name)."""
    from tla.checker.fingerprints import lane
    from tla.evaluator.values import Interval, LazyFcn, LazySet

    cache: dict = {}
    calls = hits = 0

    def remembered(s, *args):
        nonlocal calls, hits
        calls += 1
        if calls == TRIAL and hits * MIN_HIT_RATIO < calls:
            cache.clear()
            give_up(fn)
            return fn(s, *args)
        for a in args:
            if type(a) is LazyFcn or (isinstance(a, LazySet) and not (
                    type(a) is Interval and a.hi - a.lo < SMALL_INTERVAL)):
                return fn(s, *args)
        key = tuple([lane(a) for a in args])
        hit = cache.get(key)
        if hit is not None and hit[0] == args:
            hits += 1
            return hit[1]
        value = fn(s, *args)
        if len(cache) >= LIMIT:
            cache.clear()
        cache[key] = (args, value)
        return value

    remembered.plain = fn
    return remembered
