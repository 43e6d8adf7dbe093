"""Damaged input never escapes as anything but LexError/ParseError with a span: fixture
modules with random insertions and deletions (hypothesis)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_file import read_cases
from tla.errors import LexError, ParseError
from tla.parser import parse_module

MODULES = [c.input for c in read_cases("modules.txt")]
PIECES = ["(", ")", "[", "]", "{", "}", "<<", ">>", "/\\", "\\/", "==", ":", ",", "\\A x :",
          "IF", "THEN", "ELSE", "LET", "IN", "CASE", "->", "[]", "!", "@", "'", "<1>1.", "BY",
          "\n", "    ", "\t", '"', "(*", "*)", "\\*", "----", "====", "EXCEPT", "|->", "-",
          "\\in", "x", "1", "WF_", "::", "LAMBDA", "ASSUME", "PROVE", "]_", ">>_", "∧", "⟨"]

edits = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(PIECES),
                           st.integers(0, 8)), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MODULES), edits)
def test_damaged_modules_raise_only_source_errors(text, changes):
    for where, piece, cut in changes:
        i = int(where * len(text))
        text = text[:i] + piece + text[i + cut:]
    try:
        parse_module(text)
    except (LexError, ParseError) as err:
        assert err.span is not None and err.span.line >= 1 and err.span.col >= 1
