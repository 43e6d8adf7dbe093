"""Writer for ITF, the Informal Trace Format of Apalache (ADR-015), as ``-dumpTrace itf``.

Takes: a :class:`trace_model.Trace`, the variable names and a value converter.
Gives: the ITF JSON document::

    {"#meta": {"format": "ITF", "format-description": "...", "source": "Spec.tla",
               "description": "..."},
     "vars": ["x", "y"],
     "states": [{"#meta": {"index": 0}, "x": 0, "y": ...}, ...],
     "loop": 1}                                   (only for a lasso: 0-based index)

Values (:func:`itf_value`): booleans and strings as JSON; integers as numbers when they fit
in [-(2^53-1), 2^53-1] and as ``{"#bigint": "<digits>"}`` otherwise; tuples/sequences as
arrays; records (functions on identifier-like strings) as objects; other functions as
``{"#map": [[key, value], ...]}``; sets as ``{"#set": [...]}``; model values as their name;
anything that cannot be written (an infinite set) as ``{"#unserializable": "<TLA+ text>"}``.
TLA+ has no separate tuple type, so ``<<...>>`` is always written as a sequence.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Sequence

from tla.tlc_compat.trace_model import Trace

ITF_DESCRIPTION_URL = "https://apalache-mc.org/docs/adr/015adr-trace.html"
_SAFE = 2 ** 53 - 1
_FIELD = re.compile(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*\Z")

ValueToItf = Callable[[Any], Any]


def itf_int(n: int) -> Any:
    return n if -_SAFE <= n <= _SAFE else {"#bigint": str(n)}


def itf_value(value: Any) -> Any:
    """The ITF form of a value of :mod:`tla.evaluator.values`."""
    from tla.evaluator import values as V
    from tla.evaluator.printing import format_value

    t = type(value)
    if t is bool or t is str:
        return value
    if t is int:
        return itf_int(value)
    if t is V.ModelValue:
        return value.name
    if t is tuple:
        return [itf_value(x) for x in value]
    if t is V.Fcn or t is V.LazyFcn:
        try:
            mapping = V.to_fcn_map(value)
        except Exception:
            return {"#unserializable": format_value(value)}
        keys = V.tlc_sorted(mapping)
        if all(type(k) is str and _FIELD.match(k) for k in keys):
            return {k: itf_value(mapping[k]) for k in keys}
        return {"#map": [[itf_value(k), itf_value(mapping[k])] for k in keys]}
    if V.is_set(value):
        try:
            elements = V.enumerate_set(value)
        except Exception:
            return {"#unserializable": format_value(value)}
        return {"#set": [itf_value(x) for x in elements]}
    return {"#unserializable": format_value(value)}


def itf_document(trace: Trace, variables: Sequence[str], source: str = "",
                 description: str = "Created by pytlc", convert: ValueToItf = itf_value) -> dict:
    """The ITF document (as Python data) for ``trace``."""
    meta = {"format": "ITF", "format-description": ITF_DESCRIPTION_URL}
    if source:
        meta["source"] = source
    if description:
        meta["description"] = description
    states = []
    for index, state in enumerate(trace.states):
        entry: dict[str, Any] = {"#meta": {"index": index}}
        entry.update((name, convert(value)) for name, value in state)
        states.append(entry)
    document: dict[str, Any] = {"#meta": meta, "vars": list(variables), "states": states}
    if trace.loop_to is not None:
        document["loop"] = trace.loop_to - 1
    return document


def dumps_itf(trace: Trace, variables: Sequence[str], source: str = "",
              description: str = "Created by pytlc", convert: ValueToItf = itf_value) -> str:
    return json.dumps(itf_document(trace, variables, source, description, convert),
                      ensure_ascii=False, indent=2)


def write_itf_trace(path: str | Path, trace: Trace, variables: Sequence[str],
                    source: str = "", convert: ValueToItf = itf_value) -> str:
    """Write the ITF file; returns the line TLC prints after writing a trace."""
    Path(path).write_text(dumps_itf(trace, variables, source, convert=convert) + "\n",
                          encoding="utf-8")
    return f'"CounterExample written: {path}"'
