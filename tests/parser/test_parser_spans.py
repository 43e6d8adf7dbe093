"""Spans: 1-based lines and columns, end column on the last character, the innermost module's
name, and nothing but ParseError for very deep nesting."""
from __future__ import annotations

import sys

from tla.parser import ast, format_expr, parse_expression, parse_module


def where(node) -> tuple[int, int, int, int]:
    s = node.span
    return (s.line, s.col, s.end_line, s.end_col)


def test_definition_and_expression_spans():
    m = parse_module("---- MODULE M ----\nInit == /\\ x = 0\n        /\\ y \\in {1, 2}\n====")
    d = m.units[0]
    assert where(d) == (2, 1, 3, 23)
    junction = d.body
    assert isinstance(junction, ast.Junction)
    assert where(junction) == (2, 9, 3, 23)
    eq, member = junction.items
    assert where(eq) == (2, 12, 2, 16)
    assert where(member.args[1]) == (3, 18, 3, 23)
    assert d.span.module == "M" and eq.span.module == "M"
    assert where(m) == (1, 1, 4, 4)


def test_nested_module_spans_name_the_inner_module():
    m = parse_module("---- MODULE Out ----\n---- MODULE In ----\ny == 1\n====\nz == 2\n====")
    inner, z = m.units
    assert inner.span.module == "In" and inner.units[0].body.span.module == "In"
    assert z.span.module == "Out"


def test_file_name_is_carried():
    e = parse_expression("a + b", file="Spec.tla")
    assert e.span.file == "Spec.tla" and where(e) == (1, 1, 1, 5)


def test_deep_nesting_parses_and_prints():
    depth = 3000
    e = parse_expression("(" * depth + "1" + ")" * depth)
    assert e == ast.Num(1)
    nested = parse_expression("<<" * depth + "1" + ">>" * depth)
    printed = format_expr(nested)
    again = parse_expression(printed)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 50_000))   # dataclass equality recurses per level
    try:
        assert again == nested
    finally:
        sys.setrecursionlimit(old)


def test_long_junction_list():
    body = "".join(f"     /\\ x{i} = {i}\n" for i in range(3000))
    m = parse_module("---- MODULE L ----\nA == /\\ TRUE\n" + body + "====")
    assert len(m.units[0].body.items) == 3001
