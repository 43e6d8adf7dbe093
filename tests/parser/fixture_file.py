"""Reading the block fixture files of ``tests/parser/fixtures``.

A file holds cases separated by ``### name`` lines; in each case the input comes first, then a
line ``>>>``, then the expected result (possibly several lines). Lines starting with ``#``
outside a case are comments.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Case:
    name: str
    input: str
    expected: str


def read_cases(filename: str) -> list[Case]:
    cases: list[Case] = []
    name, lines = None, []
    text = (FIXTURES / filename).read_text(encoding="utf-8")
    for line in text.splitlines() + ["### <end>"]:
        if line.startswith("### "):
            if name is not None:
                body = "\n".join(lines)
                source, _, expected = body.partition("\n>>>")
                cases.append(Case(name, source, expected.strip("\n")))
            name, lines = line[4:].strip(), []
        elif name is not None:
            lines.append(line)
    return cases


def write_cases(filename: str, cases: list[Case], header: str) -> None:
    """Rewrite a fixture file (used when adding cases, to fill in the expected results)."""
    out = [header.rstrip("\n")]
    for c in cases:
        out += [f"### {c.name}", c.input, ">>>", c.expected]
    (FIXTURES / filename).write_text("\n".join(out) + "\n", encoding="utf-8")
