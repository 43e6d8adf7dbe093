"""Writer for ``-dumpTrace json FILE``: a counterexample as TLC's ``_JsonTrace`` writes it.

Takes: a :class:`trace_model.Trace`, the variable names (in the order TLC lists them: a
TLA+ set of strings, i.e. sorted by the intern table), and a value converter.
Gives: the one-line compact JSON text, and the line TLC prints afterwards.

TLC rules implemented (tla-interface.md section 6.1, ``tlc2/module/Json.java``)::

    {"counterexample":{"action":[[[i,state_i],action,[j,state_j]],...],
                       "state":[[1,state_1],[2,state_2],...]},
     "vars":[...]}

* ``state`` objects map each variable to its value, keys in TLC's print order;
* an action record has ``name``, ``location`` (beginLine, beginColumn, endLine, endColumn,
  module) and, only when the action has parameters, ``context`` (parameter -> value) and
  ``parameters`` (names);
* for a lasso the last action goes from the last state back to state ``loop_to``;
* values (:func:`tlc_json_value`): records are objects (fields in stored order), tuples and
  functions on 1..n are arrays, other functions objects keyed by the string or the printed
  key, sets arrays in TLC's order, strings and model values strings, ints numbers, booleans
  true/false.

The JSON is compact, without HTML escaping (Gson's ``JsonElement.toString``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Sequence

from tla.tlc_compat.trace_model import State, Trace, TraceAction

ValueToJson = Callable[[Any], Any]


def tlc_json_value(value: Any) -> Any:
    """TLC's JSON form of a value of :mod:`tla.evaluator.values`."""
    from tla.evaluator import values as V
    from tla.evaluator.printing import format_value

    t = type(value)
    if t is bool or t is int or t is str:
        return value
    if t is V.ModelValue:
        return value.name
    if t is tuple:
        return [tlc_json_value(x) for x in value]
    if t is V.Fcn or t is V.LazyFcn:
        mapping = V.to_fcn_map(value)
        keys = mapping if all(type(k) is str for k in mapping) else V.tlc_sorted(mapping)
        return {(k if type(k) is str else format_value(k)): tlc_json_value(mapping[k])
                for k in keys}
    if V.is_set(value):
        return [tlc_json_value(x) for x in V.enumerate_set(value)]
    return format_value(value)


def vars_in_tlc_order(names: Sequence[str]) -> list[str]:
    """The variable names as TLC lists them under ``vars``: a set of strings, so in the
    order of the evaluator's intern table (call after the spec has been loaded)."""
    from tla.evaluator import values as V
    return list(V.tlc_sorted(names))


def _state_object(state: State, convert: ValueToJson) -> dict:
    return {name: convert(value) for name, value in state}


def action_record(action: TraceAction | None, convert: ValueToJson) -> dict:
    """The JSON record of one action (an unknown action gets only its name ``Action``)."""
    if action is None:
        return {"name": "Action"}
    loc = action.location
    record: dict[str, Any] = {
        "name": action.name,
        "location": {"beginLine": loc.begin_line, "beginColumn": loc.begin_column,
                     "endLine": loc.end_line, "endColumn": loc.end_column,
                     "module": loc.module},
    }
    if action.context:
        record["context"] = {name: convert(value) for name, value in action.context}
        record["parameters"] = list(action.parameters)
    return record


def counterexample_document(trace: Trace, variables: Sequence[str],
                            convert: ValueToJson = tlc_json_value) -> dict:
    """The JSON document (as Python data) for ``trace``."""
    states = [[i, _state_object(s, convert)] for i, s in enumerate(trace.states, 1)]
    actions = []
    for i in range(1, len(trace.states)):
        actions.append([states[i - 1], action_record(trace.action_of(i), convert), states[i]])
    if trace.loop_to is not None and trace.states:
        actions.append([states[-1], action_record(trace.loop_action, convert),
                        states[trace.loop_to - 1]])
    return {"counterexample": {"action": actions, "state": states}, "vars": list(variables)}


def dumps_json_trace(trace: Trace, variables: Sequence[str],
                     convert: ValueToJson = tlc_json_value) -> str:
    """The JSON text, on one line."""
    text = json.dumps(counterexample_document(trace, variables, convert),
                      separators=(",", ":"), ensure_ascii=False)
    # Gson's JsonWriter also escapes the two Unicode line separators
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def counterexample_written_line(file: str) -> str:
    """What TLC prints (through PrintT, so with quotes) after writing the trace file."""
    return f'"CounterExample written: {file}"'


def write_json_trace(path: str | Path, trace: Trace, variables: Sequence[str],
                     convert: ValueToJson = tlc_json_value) -> str:
    """Write the trace to ``path``; returns :func:`counterexample_written_line`."""
    Path(path).write_text(dumps_json_trace(trace, variables, convert) + "\n", encoding="utf-8")
    return counterexample_written_line(str(path))
