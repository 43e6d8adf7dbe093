"""Counterexamples: the path from an initial state to a stored state, with the action of
each step.

The search stores only each state's predecessor. As TLC does (``Tool.getState``), the
action of a step ``s -> t`` is found again by re-running the next-state relation on ``s``
and taking the first action, in enumeration order, that yields a state with ``t``'s key.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from tla.checker.search import StateStore, State


@dataclass(frozen=True)
class TraceStep:
    """One state of a counterexample; ``label`` is None for an initial state."""
    state: State
    label: Any


def rebuild(store: StateStore, index: int,
            successors: Callable[[State, int], Iterable[tuple[State, Any]]],
            key_of: Optional[Callable[[State], Any]] = None,
            then: Optional[State] = None, then_label: Any = None) -> list[TraceStep]:
    """The steps from an initial state to stored state ``index`` (``index`` < 0: none),
    followed by ``then`` (a state that is not stored, e.g. a violating successor)."""
    key = key_of or (lambda s: s)
    steps: list[TraceStep] = []
    path = store.path_to(index) if index >= 0 else []
    for position, i in enumerate(path):
        state = store.states[i]
        if position == 0:
            steps.append(TraceStep(state, None))
            continue
        pred = store.states[path[position - 1]]
        steps.append(TraceStep(state, find_label(pred, store.level[path[position - 1]], state,
                                                 successors, key)))
    if then is not None:
        label = then_label
        if label is None and path:
            label = find_label(store.states[path[-1]], store.level[path[-1]], then, successors, key)
        steps.append(TraceStep(then, label))
    return steps


def find_label(pred: State, level: int, target: State,
               successors: Callable[[State, int], Iterable[tuple[State, Any]]],
               key: Callable[[State], Any]) -> Any:
    """The label of the first action leading from ``pred`` to a state like ``target``."""
    wanted = key(target)
    for succ, label in successors(pred, level):
        if key(succ) == wanted:
            return label
    return None
