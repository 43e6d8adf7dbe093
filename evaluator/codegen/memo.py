r"""Remembering the values of pure operators by their arguments.

Takes: the generated function of an operator (``fn(state, *arguments)``: a recursive one, or
one that loops over a set, ``exprs._loops_over_sets``) that is *pure*: constant-level (its
value depends on its arguments only, never on a state), with no operator arguments, no
context reads (``TLCGet``) and no code handed to the reference evaluator (which may have
effects), and calling only operators that are pure too (``CodeGen.is_pure_operator``
decides). Gives: a function computing the same values that remembers them by argument, so
that, say, ``Linearize(dag, l)`` of one DAG is computed once for all the successors of a
state that need it, and each recursive step ``Linearize(dagOfPrev, prevL)`` once for every
DAG it is reached from.

The rule. TLC evaluates every call; a pure operator's value is a function of its arguments,
so a call with arguments equal (as TLA+ values) to an earlier call's gets that call's value.
Arguments are compared by their fingerprint lanes (``tla.checker.fingerprints``: equal for
equal values whatever their representation, different for TRUE and 1, which Python's ``==``
confuses) and, on a match, by Python equality (which is fast for the same objects and rules
out a lane collision). A call that raises is not remembered: it raises again next time.

Remembering pays only when arguments repeat and a value costs more to compute than to look
up: the first ``TRIAL`` calls of each operator are timed (making keys, computing values on a
miss), and unless at least one in ``MIN_HIT_RATIO`` was answered from memory and the calls
took less than four fifths of the time computing every value would have taken (the rule of
``tla.checker.recall``; recursive operators are judged by the share alone, see ``memoize``),
the operator goes back to the plain function (its global name is rebound).
``Children(dag, v) == {c \in Vertices(dag) : <<v, c>> \in Edges(dag)}`` of a
growing DAG repeats one call in five, too few for its cheap filter. A call whose arguments
cannot be fingerprinted without evaluating more than they are (a lazy function or set, which
would be enumerated, other than a short interval) is made directly and counts as a miss.
"""
from __future__ import annotations

from time import perf_counter
from typing import Callable

#: calls after which an operator whose arguments rarely repeat is no longer remembered
TRIAL = 2048
#: at least one call in this many must be answered from memory to keep remembering
MIN_HIT_RATIO = 8
#: values kept per operator (all are dropped when it is full: a bound on memory)
LIMIT = 1 << 14
#: intervals shorter than this are arguments like any other (``DOMAIN s`` of a sequence)
SMALL_INTERVAL = 1 << 12
#: the types of the elements of a tuple that is its own key
_FLAT = frozenset((int, str))


def memoize(fn: Callable, give_up: Callable[[Callable], None], timed: bool = True) -> Callable:
    """``fn(state, *arguments)`` remembering its values; ``give_up(fn)`` is called once the
    trial shows that remembering does not pay (the caller rebinds the operator's name).
    ``timed`` False judges by the share of answers from memory only: a recursive operator's
    calls contain its other calls, whose times the trial would count twice, and remembering
    its values can save exponentially many calls."""
    from tla.checker.fingerprints import lane
    from tla.checker.recall import pays_to_remember
    from tla.evaluator.values import Interval, LazyFcn, LazySet, OpValue

    cache: dict = {}
    calls = hits = 0
    # during the trial: seconds spent making keys, and computing values on a miss
    keying = computing = 0.0

    def remembered(s, *args):
        nonlocal calls, hits, keying, computing
        calls += 1
        trial = calls <= TRIAL
        if trial:
            if calls == TRIAL and not (
                    pays_to_remember(calls - 1, hits, keying, computing) if timed
                    else hits * MIN_HIT_RATIO >= calls):
                cache.clear()
                give_up(fn)
                return fn(s, *args)
            started = perf_counter()
        # the key: an integer, and a tuple of integers and strings only (Stones' SeqSum
        # of <<1, -3, 9, 27>>), is its own part, as Python's hash and equality are TLA+'s
        # for them and no such part equals another value's lane (an int) or TRUE's; other
        # values give their lanes. Arguments that would be enumerated to be fingerprinted,
        # and operators (an instance parameter ``P(Op(_)) == INSTANCE M`` the operator
        # carries), which have no fingerprint: the call is made directly
        direct = False
        parts = []
        for a in args:
            ta = type(a)
            if ta is int or (ta is tuple and {*map(type, a)} <= _FLAT):
                parts.append(a)
            elif ta is LazyFcn or ta is OpValue or (isinstance(a, LazySet) and not (
                    ta is Interval and a.hi - a.lo < SMALL_INTERVAL)):
                direct = True
                break
            else:
                parts.append(lane(a))
        if not direct:
            key = tuple(parts)
            hit = cache.get(key)
            if hit is not None and hit[0] == args:
                hits += 1
                if trial:
                    keying += perf_counter() - started
                return hit[1]
        if trial:
            keyed = perf_counter()
            keying += keyed - started
        value = fn(s, *args)
        if trial:
            computing += perf_counter() - keyed
        if direct:
            return value
        if len(cache) >= LIMIT:
            cache.clear()
        cache[key] = (args, value)
        return value

    remembered.plain = fn
    return remembered
