"""TLCGet("action") and TLCGet("spec") when the checker tells the evaluator what it knows
(``CallContext.action`` / ``CallContext.spec``): TLC's records of names and locations."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from tla.errors import Span
from tla.evaluator.loading import load_text
from tla.evaluator.model import build_model
from tla.evaluator.values import ModelValue, format_value

INC = Span("Spec.tla", 10, 11, 13, 28, "Spec")
TYPE_OK = Span("Spec.tla", 20, 11, 20, 30, "Spec")

CASES = [
    ('TLCGet("action").name', '"Inc"'),
    ('TLCGet("action").location.beginLine', "10"),
    ('TLCGet("action").location.endColumn', "28"),
    ('TLCGet("action").location.module', '"Spec"'),
    ('TLCGet("action").context.p', "p1"),
    ('{a.name : a \\in TLCGet("spec").actions}', '{"Inc"}'),
    ('{i.location.beginLine : i \\in TLCGet("spec").invariants}', "{20}"),
    ('TLCGet("spec").temporals', "{}"),
    ('Cardinality(DOMAIN TLCGet("spec"))', "10"),
]


@pytest.fixture(scope="module")
def model():
    text = "---- MODULE Facts ----\nEXTENDS TLC, FiniteSets\n====\n"
    m = build_model(load_text(text, "Facts.tla"))
    m.ctx.action = SimpleNamespace(name="Inc", span=INC, context={"p": ModelValue("p1")})
    m.ctx.spec = {"actions": [SimpleNamespace(name="Inc", span=INC)],
                  "invariants": [SimpleNamespace(name="TypeOK", span=TYPE_OK)]}
    return m


@pytest.mark.parametrize("expr,expected", CASES, ids=[c[0] for c in CASES])
def test_tlcget_reports_what_the_checker_knows(model, expr, expected):
    assert format_value(model.evaluate(expr)) == expected
