"""``pytlc lint``: SANY's semantic checks plus lint rules, with compiler-style output.

Takes: paths of ``.tla`` files. Gives: :func:`run_lint`, which prints every finding as
``file:line:col: error|warning: message`` with the source line and a caret, then a summary
line, and returns the exit status (0 without errors, warnings allowed; 1 with errors);
:func:`lint_paths` gives the sorted findings without printing.

Rules: SANY's syntax and semantic errors (:mod:`tla.parser.semantic`), unused constants,
variables and definitions of the root module (:mod:`tla.lint.unused`), next-state
disjuncts leaving a variable unspecified (:mod:`tla.lint.nextstate`), and a ``Spec.cfg``
that names undefined operators or leaves constants unassigned (:mod:`tla.lint.cfgcheck`).
"""
from __future__ import annotations

from typing import TextIO

from .driver import ensure_recursion_limit, lint_file
from .findings import ERROR, WARNING, Finding
from .output import SourceLines, render, summary

__all__ = ["run_lint", "lint_paths", "Finding", "ERROR", "WARNING"]


def lint_paths(paths: list[str]) -> list[Finding]:
    """The findings for all ``paths``, sorted by file and position, without duplicates
    (a module used by several of the files is reported once)."""
    ensure_recursion_limit()
    seen = set()
    findings = []
    for path in paths:
        for f in lint_file(path):
            key = (f.file, f.line, f.col, f.severity, f.message)
            if key not in seen:
                seen.add(key)
                findings.append(f)
    findings.sort(key=Finding.sort_key)
    return findings


def run_lint(paths: list[str], out: TextIO) -> int:
    """Lint ``paths``, write the report to ``out``; 0 when there is no error, else 1."""
    findings = lint_paths(paths)
    lines = SourceLines()
    for f in findings:
        out.write(render(f, lines.line) + "\n")
    out.write(summary(findings, len(paths)) + "\n")
    return 1 if any(f.severity == ERROR for f in findings) else 0
