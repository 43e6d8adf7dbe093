"""Rendering: the caret lines up under the reported column (tabs count to the next multiple
of 8, as in the lexer), findings without a position print on one line, summary wording."""
from __future__ import annotations

import pytest

from tla.lint.findings import Finding
from tla.lint.output import caret, render, summary


@pytest.mark.parametrize("line, col, expected", [
    ("Next == x' = y", 14, " " * 13 + "^"),
    ("\tx' = y", 14, "\t     ^"),
    ("a\tb", 9, " \t^"),
    ("", 1, "^"),
])
def test_caret(line, col, expected):
    assert caret(line, col) == expected


def test_render_without_position():
    f = Finding("Gone.tla", 0, 0, "error", "file not found", "io")
    assert render(f, lambda _file, _line: None) == "Gone.tla: error: file not found"


def test_render_with_missing_source_line():
    f = Finding("M.tla", 9, 2, "warning", "w", "unused")
    assert render(f, lambda _file, _line: None) == "M.tla:9:2: warning: w"


@pytest.mark.parametrize("severities, files, text", [
    ([], 1, "0 errors, 0 warnings in 1 file"),
    (["error"], 2, "1 error, 0 warnings in 2 files"),
    (["warning", "warning", "error"], 1, "1 error, 2 warnings in 1 file"),
])
def test_summary(severities, files, text):
    findings = [Finding("f", 1, 1, s, "m") for s in severities]
    assert summary(findings, files) == text
