"""Reader for the fixture files of these tests: cases of the form

    === name
    input text
    ---
    expected text

Lines starting with ``#`` before the first case are comments.
"""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def load_cases(name: str) -> list[tuple[str, str, str]]:
    """The (name, input, expected) triples of fixture file ``name``; input and expected keep
    their final newline, if any, but not the separator lines."""
    text = (FIXTURES / name).read_text()
    cases = []
    for chunk in text.split("\n=== ")[1:]:
        title, _, body = chunk.partition("\n")
        source, sep, expected = body.partition("---\n")
        if not sep:
            source, _, expected = body.partition("---")
        cases.append((title.strip(), source, expected.rstrip("\n")))
    return cases
