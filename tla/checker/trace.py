"""Counterexamples: the path from an initial state to a found state, with the action of each
step.

The search stores, per distinct state, only its fingerprint and its predecessor's index
(``tla.checker.store``). As TLC does (``TraceApp.getState``), the states of a path are found
again by replaying the spec: the initial states are enumerated and the first one with the
path's first fingerprint is taken; then the next-state relation is run on each state and the
first successor in enumeration order that is in the model (state and action constraints)
and has the next fingerprint is taken, with its action. That first successor is exactly the
state the search stored: any earlier successor with the same fingerprint would have been the
one found. When the search kept its states (``keep_states``), they are read instead and only
the actions are found by replay.

A spec whose steps are not reproducible (``RandomElement``, ``TLCGet("distinct")``...) can
fail to replay: :class:`TraceReplayError` carries TLC's error code for that case.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from tla.records import record

State = tuple


@record
class TraceStep:
    """One state of a counterexample; ``label`` is None for an initial state."""
    state: State
    label: Any


class TraceReplayError(Exception):
    """A state of the path could not be found again; ``initial`` tells which TLC error
    applies (EC.TLC_FAILED_TO_RECOVER_INIT or _NEXT); ``steps`` holds the part rebuilt."""

    def __init__(self, initial: bool, steps: list):
        super().__init__("failed to recover the %s state from its fingerprint"
                         % ("initial" if initial else "next"))
        self.initial = initial
        self.steps = steps


def rebuild(search, index: int, then: Optional[State] = None, then_label: Any = None,
            last: Optional[State] = None) -> list[TraceStep]:
    """The steps from an initial state to the search's stored state ``index`` (``index`` < 0:
    none), followed by ``then`` (a state that is not stored, e.g. a violating successor,
    reached by action ``then_label`` when given). ``last``: the stored state ``index`` when
    the caller has it."""
    store = search.store
    path = store.path_to(index) if index >= 0 else []
    replay = Replay(search)
    steps: list[TraceStep] = []
    for position, i in enumerate(path):
        if position == 0:
            state = store.states[i] if store.keeps_states else replay.initial(store.fps[i], steps)
            steps.append(TraceStep(state, None))
            continue
        prev = steps[-1].state
        if store.keeps_states:
            state = store.states[i]
            label = replay.label(prev, position, state)
        else:
            state, label = replay.step(prev, position, store.fps[i], steps)
        steps.append(TraceStep(state, label))
    if last is not None and steps:
        # the state the search had in hand is the one it checked (the replay finds the same
        # unless the spec's steps are not reproducible)
        steps[-1] = TraceStep(last, steps[-1].label)
    if then is not None:
        label = then_label
        if label is None and steps:
            label = replay.label(steps[-1].state, len(steps), then)
        steps.append(TraceStep(then, label))
    return steps


class Replay:
    """Re-running a search's initial predicate and next-state relation to find states and
    actions again (the constraints and fingerprint the search used)."""

    def __init__(self, search):
        self.initial_states: Callable[[], Iterable[State]] = search.initial
        self.successors: Callable[[State, int], Iterable[tuple[State, Any]]] = search.successors
        self.fingerprint: Callable[[State], int] = search.fingerprint
        self.constraints = search.checks.constraints
        self.action_constraints = search.checks.action_constraints
        self.context = search.context

    def initial(self, fp: int, steps: list) -> State:
        """The first initial state in the model with fingerprint ``fp``."""
        for state in self.initial_states():
            if self.fingerprint(state) == fp and self._in_model(state):
                return state
        raise TraceReplayError(True, steps)

    def step(self, prev: State, level: int, fp: int, steps: list) -> tuple[State, Any]:
        """The first successor of ``prev`` (at BFS ``level``) in the model with fingerprint
        ``fp``, and its action."""
        for succ, label in self._successors_in_model(prev, level):
            if self.fingerprint(succ) == fp:
                return succ, label
        raise TraceReplayError(False, steps)

    def label(self, prev: State, level: int, target: State) -> Any:
        """The action of the first step from ``prev`` to a state identified like
        ``target`` (None when there is none)."""
        wanted = self.fingerprint(target)
        for succ, label in self._successors_in_model(prev, level):
            if self.fingerprint(succ) == wanted:
                return label
        return None

    def _in_model(self, state: State) -> bool:
        return all(c(state) for c in self.constraints)

    def _successors_in_model(self, prev: State, level: int):
        ctx = self.context
        for succ, label in self.successors(prev, level):
            ctx.level = level + 1
            if not all(c(succ) for c in self.constraints):
                continue
            ctx.level = level
            if not all(c(prev, succ) for c in self.action_constraints):
                continue
            yield succ, label
        ctx.level = level


def find_label(pred: State, level: int, target: State,
               successors: Callable[[State, int], Iterable[tuple[State, Any]]],
               key: Callable[[State], Any]) -> Any:
    """The label of the first action leading from ``pred`` to a state like ``target``."""
    wanted = key(target)
    for succ, label in successors(pred, level):
        if key(succ) == wanted:
            return label
    return None
