"""Data-driven lint tests: each ``fixtures/*.tla`` whose first lines carry ``\\* expect:``
comments must produce exactly those findings.

Header syntax (text before ``---- MODULE`` is ignored by TLA+):

    \\* expect: LINE:COL: SEVERITY: MESSAGE          (a finding in the fixture itself)
    \\* expect: FILE:LINE:COL: SEVERITY: MESSAGE     (a finding in a sibling file, e.g. the cfg)
    \\* expect: none                                 (no finding at all)

Files without such a header (``LintLib.tla``) are helper modules used by the others.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tla.lint import lint_paths

FIXTURES = Path(__file__).parent / "fixtures"
_EXPECT = re.compile(r"^\\\* expect: (.*)$")
_FULL = re.compile(r"^(?:(?P<file>[^:\s]+):)?(?P<line>\d+):(?P<col>\d+): "
                   r"(?P<sev>error|warning): (?P<msg>.*)$")


def _expectations(path: Path):
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _EXPECT.match(line)
        if not m:
            break
        found.append(m.group(1))
    return found


def _cases():
    for path in sorted(FIXTURES.glob("*.tla")):
        expects = _expectations(path)
        if expects:
            yield pytest.param(path, expects, id=path.stem)


@pytest.mark.parametrize("path, expects", list(_cases()))
def test_fixture(path: Path, expects: list[str]):
    wanted = set()
    for text in expects:
        if text == "none":
            continue
        m = _FULL.match(text)
        assert m, f"bad expectation in {path.name}: {text}"
        wanted.add((m.group("file") or path.name, int(m.group("line")), int(m.group("col")),
                    m.group("sev"), m.group("msg")))
    got = {(os.path.basename(f.file), f.line, f.col, f.severity, f.message)
           for f in lint_paths([str(path)])}
    assert got == wanted


def test_every_fixture_states_its_expectations():
    """Only the helper modules (named ``Lint*``) may lack an ``\\* expect:`` header, so that
    a mistyped header cannot silently turn a fixture off."""
    silent = [p.name for p in FIXTURES.glob("*.tla")
              if not p.name.startswith("Lint") and not _expectations(p)]
    assert silent == []
