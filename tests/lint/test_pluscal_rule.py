"""Lint rule for PlusCal: a missing or stale translation is a warning, an algorithm that
does not translate an error; an up-to-date translation says nothing."""
import io

from tla.lint import lint_paths
from tla.pcal.cli import main_pcal

ALGORITHM = """---- MODULE Alg ----
EXTENDS Naturals
(* --algorithm alg
variables x = 0;
begin
  A: x := x + 1;
end algorithm; *)
====
"""


def pluscal_findings(path):
    return [(f.severity, f.line, f.message) for f in lint_paths([str(path)])
            if f.rule == "pluscal"]


def test_missing_then_up_to_date_then_stale(tmp_path):
    spec = tmp_path / "Alg.tla"
    spec.write_text(ALGORITHM)
    [(severity, line, message)] = pluscal_findings(spec)
    assert (severity, line) == ("warning", 3) and "no translation" in message

    assert main_pcal([str(spec)], io.StringIO()) == 0
    assert pluscal_findings(spec) == []

    spec.write_text(spec.read_text().replace("x := x + 1", "x := x + 2"))
    [(severity, _, message)] = pluscal_findings(spec)
    assert severity == "warning" and "out of date" in message


def test_an_algorithm_that_does_not_translate_is_an_error(tmp_path):
    spec = tmp_path / "Alg.tla"
    spec.write_text(ALGORITHM.replace("A: x := x + 1;", "A: x := ;"))
    [(severity, line, message)] = pluscal_findings(spec)
    assert severity == "error" and message.startswith("PlusCal: ")
