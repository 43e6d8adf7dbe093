"""Data-driven tests of the standard and community module operators through the evaluator.

Every ``fixtures/eval/<name>.txt`` starts with ``# extends: M1, M2`` (the modules the test module
EXTENDS); every other non-comment line is ``expression => printed value`` or
``expression => error: <TLC's exact message>``, with ``\\n`` standing for a line break.
"""
from __future__ import annotations

import glob
import os

import pytest

from tla.errors import EvalError
from tla.evaluator.loading import load_text
from tla.evaluator.model import build_model
from tla.evaluator.values import format_value

HERE = os.path.dirname(__file__)
FIXTURES = sorted(glob.glob(os.path.join(HERE, "fixtures", "eval", "*.txt")))
_MODELS: dict = {}


def _model(extends: str):
    if extends not in _MODELS:
        text = f"---- MODULE FixtureSpec ----\nEXTENDS {extends}\n====\n"
        model = build_model(load_text(text, "FixtureSpec.tla", HERE))
        model.ctx.out = lambda line: None
        _MODELS[extends] = model
    return _MODELS[extends]


def _cases():
    for path in FIXTURES:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        header = lines[0]
        assert header.startswith("# extends:"), path
        extends = header.split(":", 1)[1].strip()
        name = os.path.basename(path)[:-4]
        for n, line in enumerate(lines[1:], 2):
            if not line.strip() or line.startswith("#"):
                continue
            expr, expected = line.rsplit(" => ", 1)
            yield pytest.param(extends, expr, expected.replace("\\n", "\n"),
                               id=f"{name}:{n}:{expr[:40]}")


@pytest.mark.parametrize("extends,expr,expected", list(_cases()))
def test_fixture(extends, expr, expected):
    model = _model(extends)
    if expected.startswith("error: "):
        with pytest.raises(EvalError) as info:
            model.evaluate(expr)
        assert info.value.message == expected[len("error: "):]
    else:
        assert format_value(model.evaluate(expr)) == expected
