"""Native operators of the community module SVG (TLC's ``tlc2.overrides.SVG``).

Takes SVG element records ``[name, attrs, children, innerText]`` and integers; gives
strings and coordinate records. ``SVGElemToString`` writes ``<name a1="v1" ...>`` (an
attribute name's ``_`` becomes ``-``), then the inner text (with ``<<``/``>>`` escaped as
``&lt;&lt;``/``&gt;&gt;``), then the children, then ``</name>``. ``NodeOfRingNetwork`` and
``PointOnLine`` compute in floating point and truncate towards zero, as TLC's Java does.
``SVGSerialize(svg, prefix, n)`` writes the text of ``svg`` to the file ``<prefix><n>.svg``
(relative to the working directory, as TLC does) and equals what TLC's ``IOUtils!Serialize``
gives for a text file, ``[exitValue |-> 0, stdout |-> "Finish writing to the file with
success!", stderr |-> ""]``.

``NodesOfDirectedMultiGraph(nodes, edges, opts)`` checks its arguments as TLC does (a set, a
set, a record with ``view_width``, ``view_height``, ``algo``, ``node_width``,
``node_height``) and then refuses plainly: TLC computes the coordinates with the Java
graph-layout library JUNGRAPHT (Sugiyama, Eiglsperger or tree layouts, iterating hash maps
keyed by TLC's Java values), whose output pytlc cannot reproduce.
"""
from __future__ import annotations

import math
import os

from tla.errors import EvalError
from tla.evaluator.values import SetBase, field, format_value, make_record
from tla.modules.impl_common import (
    argument_error, as_fcn_map, io_error, java_override_error, plain_text, resolve_path,
)
from tla.modules.impl_ioutils import text_written_record
from tla.modules.registry import builtin


def _record(v, what: str) -> dict:
    m = as_fcn_map(v)
    if m is None:
        raise EvalError(f"An SVG {what} must be a record, but instead it is:\n"
                        f"{format_value(v)}")
    return m


def elem_to_string(elem) -> str:
    m = _record(elem, "element")
    for key in ("name", "attrs", "children", "innerText"):
        if key not in m:
            raise EvalError(f"The SVG element\n{format_value(elem)}\nhas no field {key}.")
    attrs = m["attrs"]
    parts = [f"<{plain_text(m['name'])}"]
    if attrs != ():
        for k, v in _record(attrs, "attribute set").items():
            parts.append(f' {plain_text(k).replace("_", "-")}="{plain_text(v)}"')
    parts.append(">")
    text = plain_text(m["innerText"]).replace("<<", "&lt;&lt;").replace(">>", "&gt;&gt;")
    parts.append(text)
    children = m["children"]
    child_map = as_fcn_map(children)
    if child_map is None:
        raise EvalError("Was unable to convert element to a tuple or (function) record: "
                        f"{format_value(children)}")
    for key in sorted(child_map) if type(children) is not tuple else range(1, len(children) + 1):
        parts.append(elem_to_string(child_map[key]))
    parts.append(f"</{plain_text(m['name'])}>")
    return "".join(parts)


@builtin("SVG", "SVGElemToString")
def svg_elem_to_string(elem):
    return elem_to_string(elem)


def _int(v, position: str, op: str) -> int:
    if type(v) is not int:
        raise argument_error(position, op, "integer", v)
    return v


@builtin("SVG", "NodeOfRingNetwork")
def node_of_ring_network(cx, cy, r, n, m):
    names = ("first", "second", "third", "fourth", "fifth")
    cx, cy, r, n, m = (_int(v, p, "NodeOfRingNetwork") for v, p in zip((cx, cy, r, n, m), names))
    if m == 0:
        raise EvalError("The fifth argument of NodeOfRingNetwork must not be 0.")
    angle = (2.0 * math.pi / m) * n
    return make_record([("x", int(cx + r * math.cos(angle))),
                        ("y", int(cy + r * math.sin(angle)))])


_DIRECTED_MULTI_GRAPH = ("public static tlc2.value.impl.Value tlc2.overrides.SVG.directedMultiGraph("
                         "tlc2.value.impl.Value,tlc2.value.impl.Value,tlc2.value.impl.Value) "
                         "throws java.lang.Exception")

#: the Java class TLC names for a value of each kind (in "Value given is of type: ...")
_JAVA_CLASS = {int: "IntValue", str: "StringValue", bool: "BoolValue", tuple: "TupleValue"}


def _java_class(v) -> str:
    name = _JAVA_CLASS.get(type(v))
    if name is None:
        name = "ModelValue" if type(v).__name__ == "ModelValue" else "FcnRcdValue"
    return "tlc2.value.impl." + name


@builtin("SVG", "NodesOfDirectedMultiGraph")
def nodes_of_directed_multi_graph(nodes, edges, opts):
    for value, what in ((nodes, "Nodes"), (edges, "Edges")):
        if not isinstance(value, SetBase) or not value.is_enumerable():
            raise java_override_error(_DIRECTED_MULTI_GRAPH, f"{what} must be a set. Value "
                                      f"given is of type: {_java_class(value)}")
    options = as_fcn_map(opts)
    if options is None or not all(type(k) is str for k in options):
        raise java_override_error(_DIRECTED_MULTI_GRAPH, "Opts must be a record. Value given "
                                  f"is of type: {_java_class(opts)}")
    for key in ("view_width", "view_height", "algo", "node_width", "node_height"):
        field(opts, key)
    raise EvalError("pytlc cannot evaluate NodesOfDirectedMultiGraph: TLC computes the node "
                    "coordinates with the Java graph-layout library JUNGRAPHT (layout "
                    f"{plain_text(field(opts, 'algo'))}), whose results pytlc does not "
                    "reproduce.")


@builtin("SVG", "PointOnLine")
def point_on_line(frm, to, segment):
    seg = _int(segment, "third", "PointOnLine")
    fx, fy = _int(field(frm, "x"), "first", "PointOnLine"), _int(field(frm, "y"), "first",
                                                                 "PointOnLine")
    tx, ty = _int(field(to, "x"), "second", "PointOnLine"), _int(field(to, "y"), "second",
                                                                 "PointOnLine")
    if seg == 0:
        raise EvalError("The third argument of PointOnLine must not be 0.")
    return make_record([("x", int(fx + (tx - fx) / seg)), ("y", int(fy + (ty - fy) / seg))])


@builtin("SVG", "SVGSerialize", context=True)
def svg_serialize(ctx, svg, prefix, number):
    text = elem_to_string(svg)
    name = plain_text(prefix) + format_value(number) + ".svg"
    path = resolve_path(ctx, name, for_write=True)
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise io_error("SVGSerialize", path, e)
    return text_written_record()
