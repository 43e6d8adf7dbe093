r"""Writers for ``-dumpTrace tla|tlcplain|tlcaction FILE``: the counterexample as TLA+ text.

Takes: a :class:`trace_model.Trace`, the file name and a value printer.
Gives: the module texts of TLC's ``_TLAPlusCounterExample``, ``_TLCTracePlain`` and
``_TLCActionTrace``. The module is named after the file name as given, with its first
``.tla`` removed (TLC's ``ReplaceFirstSubSeq("", ".tla", file)``).

``tla`` (tlc-interface.md section 6.2)::

    ---- MODULE <file name> ----
    LOCAL INSTANCE TLC

    CounterExample == 
    \t[action |-> {...}, state |-> {...}]

    ====

with the same structure as the JSON trace (:mod:`trace_json`) written in TLA+:
``state |-> {<<1, [x |-> 0, ...]>>, ...}`` and ``action |-> {<<<<1, s1>>, [name |-> "A",
location |-> [beginLine |-> ..., module |-> "M"], context |-> [p |-> v], parameters |->
<<"p">>], <<2, s2>>>>, ...}``; ``context`` and ``parameters`` only for actions with
parameters. States are records in TLC's print order of the variables.

``tlcplain``: ``Trace == \n\t<<[x |-> 0, ...], ...>>`` in the same frame.

``tlcaction``: ``EXTENDS`` the modules the actions come from, ``_length`` (the number of
steps), ``_next(_idx)`` with one line ``\/ i = _idx /\ Action(v1, v2)`` per step, and
``_actionConstraint == _next(LET T == INSTANCE TLC IN T!TLCGet("level"))``.
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


def module_name_for(file: str) -> str:
    """TLC's module name for a trace file: the name as given, first ``.tla`` removed."""
    return file.replace(".tla", "", 1)


def tla_trace_module(module_name: str, trace: Trace, fmt: FormatValue = _default_format) -> str:
    """The whole ``-dumpTrace tla`` module text."""
    return (f"---- MODULE {module_name} ----\nLOCAL INSTANCE TLC\n\nCounterExample == \n\t"
            f"{counterexample_value(trace, fmt)}\n\n====")


def plain_trace_module(module_name: str, trace: Trace, fmt: FormatValue = _default_format) -> str:
    """The ``-dumpTrace tlcplain`` module text: the states as a sequence of records."""
    states = ", ".join(_state_record(state, fmt) for state in trace.states)
    return (f"---- MODULE {module_name} ----\nLOCAL INSTANCE TLC\n\nTrace == \n\t"
            f"<<{states}>>\n\n====")


def _steps(trace: Trace) -> list[tuple[int, TraceAction | None]]:
    steps = [(i, trace.action_of(i)) for i in range(1, len(trace.states))]
    if trace.loop_to is not None and trace.states:
        steps.append((len(trace.states), trace.loop_action))
    return steps


def action_trace_module(module_name: str, trace: Trace,
                        fmt: FormatValue = _default_format) -> str:
    """The ``-dumpTrace tlcaction`` module text: the trace's actions as a constraint."""
    steps = _steps(trace)
    modules = list(dict.fromkeys(a.location.module for _, a in steps if a is not None))
    extends = ("EXTENDS " + ", ".join(modules)) if modules else ""
    lines = []
    for index, action in steps:
        if action is None:
            signature = "Action"
        elif action.context:
            signature = f"{action.name}({', '.join(fmt(v) for _, v in action.context)})"
        else:
            signature = action.name
        lines.append(f"\\/ {index} = _idx /\\ {signature}\n")
    return (f"---- MODULE {module_name} ----\n{extends}\n\n_length == {len(steps)}\n\n"
            f"_next(_idx) ==\n{''.join(lines)}\n_actionConstraint ==\n"
            f'_next(LET T == INSTANCE TLC IN T!TLCGet("level"))\n\n====')


_BUILDERS = {"tla": tla_trace_module, "tlcplain": plain_trace_module,
             "tlcaction": action_trace_module}


def write_tla_trace(path: str | Path, trace: Trace, fmt: FormatValue = _default_format,
                    kind: str = "tla", file_name: str | None = None) -> str:
    """Write the ``kind`` (``tla``, ``tlcplain`` or ``tlcaction``) module to ``path``;
    returns the line TLC prints afterwards (``"CounterExample written: <path>"``).
    ``file_name`` is the name the user gave, from which the module is named (default:
    ``path``)."""
    name = module_name_for(file_name if file_name is not None else str(path))
    text = _BUILDERS[kind](name, trace, fmt)
    Path(path).write_text(text, encoding="utf-8")
    return f'"CounterExample written: {path}"'
