"""Writer for ``-dumpTrace tla FILE``: the counterexample as a TLA+ module.

Takes: a :class:`trace_model.Trace`, the file's path and a value printer.
Gives: the module text (tlc-interface.md section 6.2)::

    ---- MODULE <file basename> ----
    LOCAL INSTANCE TLC

    CounterExample == 
    \t[action |-> {...}, state |-> {...}]

    ====

with the same structure as the JSON trace (:mod:`trace_json`) written in TLA+:
``state |-> {<<1, [x |-> 0, ...]>>, ...}`` and ``action |-> {<<<<1, s1>>, [name |-> "A",
location |-> [beginLine |-> ..., module |-> "M"], context |-> [p |-> v], parameters |->
<<"p">>], <<2, s2>>>>, ...}``; ``context`` and ``parameters`` only for actions with
parameters. States are records in TLC's print order of the variables.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from tla.tlc_compat.trace_model import State, Trace, TraceAction

FormatValue = Callable[[Any], str]


def _default_format(value: Any) -> str:
    from tla.evaluator.printing import format_value
    return format_value(value)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _state_record(state: State, fmt: FormatValue) -> str:
    if not state:
        return "<<>>"
    return "[" + ", ".join(f"{name} |-> {fmt(value)}" for name, value in state) + "]"


def _action_record(action: TraceAction | None, fmt: FormatValue) -> str:
    if action is None:
        return '[name |-> "Action"]'
    loc = action.location
    parts = [f"name |-> {_string(action.name)}",
             f"location |-> [beginLine |-> {loc.begin_line}, beginColumn |-> "
             f"{loc.begin_column}, endLine |-> {loc.end_line}, endColumn |-> "
             f"{loc.end_column}, module |-> {_string(loc.module)}]"]
    if action.context:
        context = ", ".join(f"{name} |-> {fmt(value)}" for name, value in action.context)
        names = ", ".join(_string(name) for name in action.parameters)
        parts += [f"context |-> [{context}]", f"parameters |-> <<{names}>>"]
    return "[" + ", ".join(parts) + "]"


def counterexample_value(trace: Trace, fmt: FormatValue = _default_format) -> str:
    """The TLA+ text of the ``CounterExample`` record."""
    states = [f"<<{i}, {_state_record(s, fmt)}>>" for i, s in enumerate(trace.states, 1)]
    steps = [f"<<{states[i - 1]}, {_action_record(trace.action_of(i), fmt)}, {states[i]}>>"
             for i in range(1, len(states))]
    if trace.loop_to is not None and states:
        steps.append(f"<<{states[-1]}, {_action_record(trace.loop_action, fmt)}, "
                     f"{states[trace.loop_to - 1]}>>")
    return f"[action |-> {{{', '.join(steps)}}}, state |-> {{{', '.join(states)}}}]"


def tla_trace_module(module_name: str, trace: Trace, fmt: FormatValue = _default_format) -> str:
    """The whole module text."""
    return (f"---- MODULE {module_name} ----\nLOCAL INSTANCE TLC\n\nCounterExample == \n\t"
            f"{counterexample_value(trace, fmt)}\n\n====")


def write_tla_trace(path: str | Path, trace: Trace, fmt: FormatValue = _default_format) -> str:
    """Write the module to ``path`` (named after the file's basename); returns the line
    TLC prints afterwards."""
    path = Path(path)
    name = path.name[: -len(".tla")] if path.name.endswith(".tla") else path.name
    path.write_text(tla_trace_module(name, trace, fmt) + "\n", encoding="utf-8")
    return f'"CounterExample written: {path}"'
