"""Native operators of the Json module (TLC's ``tlc2.module.Json``): values to JSON text and
JSON files to values.

Takes values and file names (see :func:`tla.modules.impl_common.resolve_path`: files are
read from the spec's directory or the working directory and written relative to the
working directory); gives strings, booleans and values.

TLC rules implemented (Gson, compact, no spaces): records and other functions become
objects (a function on ``1..n`` an array; keys that are not strings are printed TLA+
values), tuples and sets (in TLC's normalized order) become arrays, strings and model
values strings, integers numbers, booleans ``true``/``false``. ``ToJsonArray`` and
``ToJsonObject`` force the outer kind (a tuple as an object has keys ``"0"``, ``"1"`` ...).
Reading, objects become records, arrays tuples, numbers integers. ``JsonSerialize`` writes
``[``, the elements one per line separated by commas, and ``]``; ``ndJsonSerialize`` one
document per line; both create missing parent directories.
"""
from __future__ import annotations

import json
import os

from tla.errors import EvalError
from tla.evaluator.values import (
    Fcn, LazyFcn, LazySet, ModelValue, SetBase, enumerate_set, format_value,
    make_record, to_fcn_map,
)
from tla.modules.impl_common import argument_error, io_error, resolve_path
from tla.modules.registry import builtin


def _unsupported(v) -> EvalError:
    return EvalError(f"Cannot convert value: unsupported value type {format_value(v)}")


def to_node(v):
    """The JSON structure (Python dicts, lists, scalars) of a TLA+ value."""
    t = type(v)
    if t is bool or t is int or t is str:
        return v
    if t is ModelValue:
        return v.name
    if t is tuple:
        return [to_node(x) for x in v]
    if t is Fcn or t is LazyFcn:
        return _object(to_fcn_map(v) if t is Fcn else to_fcn_map(v.materialize()))
    if isinstance(v, SetBase):
        if isinstance(v, LazySet) and not v.is_enumerable():
            raise _unsupported(v)
        return [to_node(x) for x in enumerate_set(v)]
    raise _unsupported(v)


def _object(m: dict) -> dict:
    return {(k if type(k) is str else format_value(k)): to_node(x) for k, x in m.items()}


def to_text(node) -> str:
    return json.dumps(node, separators=(",", ":"), ensure_ascii=False)


def from_node(node):
    """The TLA+ value of a parsed JSON document."""
    if isinstance(node, bool) or isinstance(node, str):
        return node
    if isinstance(node, int):
        return node
    if isinstance(node, float):
        if node.is_integer():
            return int(node)
        raise EvalError(f"Cannot convert value: unsupported JSON value {node}")
    if isinstance(node, list):
        return tuple(from_node(x) for x in node)
    if isinstance(node, dict):
        return make_record((k, from_node(x)) for k, x in node.items())
    raise EvalError(f"Cannot convert value: unsupported JSON value {json.dumps(node)}")


@builtin("Json", "ToJson")
def to_json(value):
    return to_text(to_node(value))


@builtin("Json", "ToJsonArray")
def to_json_array(value):
    if type(value) is Fcn:
        return to_text(_object(value.map))
    if type(value) is tuple or isinstance(value, SetBase):
        return to_text(to_node(value))
    raise _unsupported(value)


@builtin("Json", "ToJsonObject")
def to_json_object(value):
    if type(value) is tuple:
        return to_text({str(i): to_node(x) for i, x in enumerate(value)})
    if type(value) is Fcn or type(value) is LazyFcn:
        return to_text(to_node(value))
    raise _unsupported(value)


def _path(ctx, p, op: str, write: bool) -> str:
    if type(p) is not str:
        raise argument_error("first", op, "string", p)
    path = resolve_path(ctx, p, for_write=write)
    if write:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
    return path


def _values(value, op: str) -> tuple:
    if type(value) is not tuple:
        raise argument_error("second", op, "sequence", value)
    return value


@builtin("Json", "JsonSerialize", context=True)
def json_serialize(ctx, filename, value):
    path = _path(ctx, filename, "JsonSerialize", True)
    docs = [to_text(to_node(v)) for v in _values(value, "JsonSerialize")]
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("[\n" + ",\n".join(docs) + "\n]\n")
    except OSError as e:
        raise io_error("JsonSerialize", path, e)
    return True


@builtin("Json", "ndJsonSerialize", context=True)
def nd_json_serialize(ctx, filename, value):
    path = _path(ctx, filename, "ndJsonSerialize", True)
    docs = [to_text(to_node(v)) for v in _values(value, "ndJsonSerialize")]
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("".join(d + "\n" for d in docs))
    except OSError as e:
        raise io_error("ndJsonSerialize", path, e)
    return True


def _read(path: str, op: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as e:
        raise io_error(op, path, e)


def _parse(text: str, path: str):
    try:
        return json.loads(text)
    except ValueError as e:
        raise EvalError(f"The file {path} does not hold valid JSON: {e}")


@builtin("Json", "JsonDeserialize", context=True, constant=True)
def json_deserialize(ctx, filename):
    path = _path(ctx, filename, "JsonDeserialize", False)
    return from_node(_parse(_read(path, "JsonDeserialize"), path))


@builtin("Json", "ndJsonDeserialize", context=True, constant=True)
def nd_json_deserialize(ctx, filename):
    path = _path(ctx, filename, "ndJsonDeserialize", False)
    lines = _read(path, "ndJsonDeserialize").splitlines()
    return tuple(from_node(_parse(line, path)) for line in lines if line.strip())


__all__ = ["to_node", "to_text", "from_node"]
