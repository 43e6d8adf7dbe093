"""A liveness counterexample as TLC prints it: the states of a lasso with their actions.

Takes a :class:`~tla.checker.liveness.check.Counterexample` (state indices of the prefix
and the cycle), how to get a stored state and its level from its index (``state_of``,
``level_of``: the search's store) and the successor function; gives a :class:`Lasso`: the
trace steps (``tla.checker.trace.TraceStep``), and either the number of the state the
cycle goes back to with the action of that last step (TLC's ``Back to state N: <A>``) or,
when the cycle never leaves its state, stuttering (TLC's ``State N: Stuttering``). The
action of each step is found again by re-running the next-state relation
(``tla.checker.trace.find_label``).

Steps that stay in the same state (stuttering, or moves of the tableau only) are not
printed, as in TLC's traces.
"""
from __future__ import annotations

from typing import Any, Optional

from tla.checker.trace import TraceStep, find_label
from tla.records import mutable_record


@mutable_record
class Lasso:
    steps: list
    back_to: Optional[int]        # 1-based number of the state the cycle returns to
    back_label: Any = None        # the action of the step back; None when stuttering


def build_lasso(cx, state_of, level_of, successors, key_of=None) -> Lasso:
    key = key_of or (lambda s: s)
    seq = list(cx.prefix) + list(cx.cycle)
    loop_at = len(cx.prefix) - 1                 # position of the cycle's first state
    states: list[int] = []
    loop_index = 0
    for pos, s in enumerate(seq):
        if not states or states[-1] != s:
            states.append(s)
        if pos == loop_at:
            loop_index = len(states) - 1
    # A cycle that comes back to its first state by stuttering: drop the repeated state.
    while len(states) - 1 > loop_index and states[-1] == states[loop_index]:
        states.pop()
    values = [state_of(s) for s in states]
    steps = []
    for i, s in enumerate(states):
        if i == 0:
            steps.append(TraceStep(values[0], None))
            continue
        steps.append(TraceStep(values[i], find_label(values[i - 1], level_of(states[i - 1]),
                                                     values[i], successors, key)))
    if len(states) - 1 == loop_index:
        return Lasso(steps, None)
    label = find_label(values[-1], level_of(states[-1]), values[loop_index], successors, key)
    return Lasso(steps, loop_index + 1, label)
