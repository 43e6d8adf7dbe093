"""A compact, span-free S-expression rendering of AST nodes, used by the fixture files.

``a + 1`` dumps as ``(+ a 1)``, a name as itself, a string as its JSON form, other nodes as
``(ClassName field ...)`` with tuples in ``[...]`` and ``None`` as ``-``.
"""
from __future__ import annotations

import dataclasses
import json

from tla.parser import ast


def dump(node) -> str:
    if isinstance(node, ast.OpApp):
        if not node.args:
            return node.name
        return "(" + " ".join([node.name] + [dump(a) for a in node.args]) + ")"
    if isinstance(node, ast.Num):
        return str(node.value)
    if isinstance(node, ast.Str):
        return json.dumps(node.value)
    if isinstance(node, ast.Bool):
        return "TRUE" if node.value else "FALSE"
    if isinstance(node, bool):
        return "T" if node else "F"
    if node is None:
        return "-"
    if isinstance(node, str):
        return node
    if isinstance(node, int):
        return str(node)
    if isinstance(node, tuple):
        return "[" + " ".join(dump(x) for x in node) + "]"
    if dataclasses.is_dataclass(node):
        fields = [f.name for f in dataclasses.fields(node) if f.name != "span"]
        return "(" + " ".join([type(node).__name__] + [dump(getattr(node, f))
                                                       for f in fields]) + ")"
    raise TypeError(type(node))
