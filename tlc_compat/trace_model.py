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

from typing import Any, Sequence

from tla.records import field, record

State = Sequence[tuple[str, Any]]


@record
class TraceLocation:
    """Where an action's body is: 1-based lines and columns, end column inclusive."""

    begin_line: int
    begin_column: int
    end_line: int
    end_column: int
    module: str


@record
class TraceAction:
    """An action of the next-state relation (or Init): its name, the location of its body,
    and the values of its formal parameters in this step (empty for none)."""

    name: str
    location: TraceLocation
    context: tuple[tuple[str, Any], ...] = ()

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.context)


@record
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


def action_from_label(label: Any) -> TraceAction | None:
    """A :class:`TraceAction` from the checker's action label (any object with ``name``,
    ``params`` as (name, value) pairs and a ``span`` of :class:`tla.errors.Span` or None);
    None stays None (an initial state)."""
    if label is None:
        return None
    span = getattr(label, "span", None)
    if span is None:
        location = TraceLocation(0, 0, 0, 0, "")
    else:
        location = TraceLocation(span.line, span.col, span.end_line, span.end_col, span.module)
    return TraceAction(str(label.name), location, tuple(getattr(label, "params", ()) or ()))


def trace_from_steps(steps: Sequence[Any], names: Sequence[str],
                     order: Sequence[int] | None = None, loop_to: int | None = None,
                     loop_label: Any = None, stuttering: bool = False) -> Trace:
    """A :class:`Trace` from the checker's steps (objects with ``state``, a sequence of
    values indexed like ``names``, and ``label``). ``order`` lists the variable indices in
    TLC's print order (default: declaration order)."""
    indices = list(order) if order is not None else list(range(len(names)))
    states = tuple(tuple((names[i], step.state[i]) for i in indices) for step in steps)
    actions = tuple(action_from_label(step.label) for step in steps)
    return Trace(states, actions, loop_to, action_from_label(loop_label), stuttering,
                 tuple(names[i] for i in indices))
