"""Data-driven: every line of fixtures/expressions.txt is ``expression => printed value`` or
``expression => error: <substring of the message>``."""
from __future__ import annotations

import os

import pytest

from tla.errors import EvalError
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import format_value

HERE = os.path.dirname(__file__)


def _cases():
    with open(os.path.join(HERE, "fixtures", "expressions.txt"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            expr, expected = line.rsplit(" => ", 1)
            yield pytest.param(expr, expected, id=f"{n}:{expr[:40]}")


@pytest.mark.parametrize("expr,expected", list(_cases()))
def test_expression(std_model, expr, expected):
    if expected.startswith("error: "):
        with pytest.raises(EvalError) as info:
            run_with_big_stack(std_model.evaluate, expr)
        assert expected[len("error: "):] in info.value.message
        assert info.value.span is not None
    else:
        assert format_value(run_with_big_stack(std_model.evaluate, expr)) == expected
