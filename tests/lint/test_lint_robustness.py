"""Whatever the text, linting ends in findings, never in an exception or an internal error:
fixtures with random slices deleted or duplicated must still lint cleanly (as a process)."""
from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tla.lint import lint_paths
from tla.lint.driver import ensure_recursion_limit

# raised once here, not while Hypothesis watches the test
ensure_recursion_limit()

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = sorted(p for p in FIXTURES.glob("*.tla"))


@st.composite
def mutated(draw):
    path = draw(st.sampled_from(SOURCES))
    text = path.read_text(encoding="utf-8")
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 40)))
    if draw(st.booleans()):
        text = text[:start] + text[end:]
    else:
        text = text[:end] + text[start:end] + text[end:]
    return path.name, text


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_mutated_fixtures_never_crash(tmp_path, case):
    name, text = case
    work = tmp_path / "w"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(FIXTURES, work)
    (work / name).write_text(text, encoding="utf-8")
    for finding in lint_paths([str(work / name)]):
        assert finding.severity in ("error", "warning")
        assert "internal error" not in finding.message
