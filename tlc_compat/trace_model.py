"""The neutral description of a counterexample that the trace writers take.

Takes: what the checker knows about an error trace.
Gives: small frozen records shared by :mod:`trace_json`, :mod:`trace_tla` and
:mod:`trace_itf`, so that the writers need no checker or evaluator types. Values inside
states stay opaque; each writer takes a callback that converts them.

A state is a sequence of ``(variable, value)`` pairs in TLC's print order
(:mod:`varorder`). ``Trace.actions[i]`` is the action that produced ``Trace.states[i]``;
``actions[0]`` describes the initial state (None when the checker does not know the init
action, as in breadth-first model checking). A liveness counterexample that ends in a loop
sets ``loop_to`` (the 1-based number of the state the last step returns to) and
``loop_action``; one that ends in stuttering sets ``stuttering``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

State = Sequence[tuple[str, Any]]


@dataclass(frozen=True, slots=True)
class TraceLocation:
    """Where an action's body is: 1-based lines and columns, end column inclusive."""

    begin_line: int
    begin_column: int
    end_line: int
    end_column: int
    module: str


@dataclass(frozen=True, slots=True)
class TraceAction:
    """An action of the next-state relation (or Init): its name, the location of its body,
    and the values of its formal parameters in this step (empty for none)."""

    name: str
    location: TraceLocation
    context: tuple[tuple[str, Any], ...] = ()

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.context)


@dataclass(frozen=True, slots=True)
class Trace:
    """A counterexample: states 1..n and the actions between them."""

    states: tuple[State, ...]
    actions: tuple[TraceAction | None, ...] = ()
    loop_to: int | None = None
    loop_action: TraceAction | None = None
    stuttering: bool = False
    variables: tuple[str, ...] = field(default=())

    def action_of(self, index: int) -> TraceAction | None:
        """The action that produced state ``index`` (0-based), if known."""
        return self.actions[index] if index < len(self.actions) else None
