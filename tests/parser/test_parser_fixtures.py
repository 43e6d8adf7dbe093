"""Data-driven parser tests: every case of fixtures/expressions.txt and fixtures/modules.txt
parses to its expected dump and survives the printer round trip; every case of
fixtures/errors.txt is rejected with the expected error class, position and message."""
from __future__ import annotations

import pytest

from fixture_file import read_cases
from parse_dump import dump
from tla.errors import TLAError
from tla.parser import format_expr, format_module, parse_expression, parse_module

EXPRESSIONS = read_cases("expressions.txt")
MODULES = read_cases("modules.txt")
ERRORS = read_cases("errors.txt")


@pytest.mark.parametrize("case", EXPRESSIONS, ids=[c.name for c in EXPRESSIONS])
def test_expression(case):
    assert dump(parse_expression(case.input)) == case.expected


@pytest.mark.parametrize("case", EXPRESSIONS, ids=[c.name for c in EXPRESSIONS])
def test_expression_round_trip(case):
    tree = parse_expression(case.input)
    assert parse_expression(format_expr(tree)) == tree


@pytest.mark.parametrize("case", MODULES, ids=[c.name for c in MODULES])
def test_module(case):
    assert dump(parse_module(case.input)) == case.expected


@pytest.mark.parametrize("case", MODULES, ids=[c.name for c in MODULES])
def test_module_round_trip(case):
    tree = parse_module(case.input)
    assert parse_module(format_module(tree)) == tree


def _parse_any(text: str):
    if text.startswith("----") or "==" in text and "MODULE" not in text:
        return parse_module(text)
    return parse_expression(text)


@pytest.mark.parametrize("case", ERRORS, ids=[c.name for c in ERRORS])
def test_rejected(case):
    kind_pos, message = case.expected.split("\n", 1)
    kind, pos = kind_pos.split()
    line, col = map(int, pos.split(":"))
    with pytest.raises(TLAError) as info:
        _parse_any(case.input)
    err = info.value
    assert type(err).__name__ == kind
    assert (err.span.line, err.span.col) == (line, col)
    assert err.message == message
