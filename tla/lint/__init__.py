"""``pytlc lint``: SANY's semantic checks plus lint rules, with compiler-style output.

Takes: paths of ``.tla`` files. Gives: :func:`run_lint`, which prints every finding as
``file:line:col: error|warning: message`` with the source line and a caret, then a summary
line, and returns the exit status (0 without errors, warnings allowed; 1 with errors);
:func:`lint_paths` gives the sorted findings without printing.

Rules: SANY's syntax and semantic errors (:mod:`tla.parser.semantic`), unused constants,
variables and definitions of the root module (:mod:`tla.lint.unused`), next-state
disjuncts leaving a variable unspecified (:mod:`tla.lint.nextstate`), and a ``Spec.cfg``
that names undefined operators or leaves constants unassigned (:mod:`tla.lint.cfgcheck`),
and PlusCal translations that are missing, out of date or edited (:mod:`tla.lint.pluscal`).
"""
from __future__ import annotations

import os
from typing import TextIO

from tla.records import replace

from .driver import ensure_recursion_limit, lint_file
from .findings import ERROR, WARNING, Finding
from .output import SourceLines, render, summary

__all__ = ["run_lint", "lint_paths", "Finding", "ERROR", "WARNING"]


def _display_names(paths: list[str]):
    """Files are shown as the user named them; other files (modules found on TLA_PATH,
    standard modules) relative to the working directory when they are below it."""
    given = {os.path.abspath(p): p for p in paths}
    cwd = os.getcwd()

    def shown(file: str) -> str:
        full = os.path.abspath(file)
        if full in given:
            return given[full]
        if full.startswith(cwd + os.sep):
            return os.path.relpath(full, cwd)
        return full
    return shown


#: below this many files, worker processes cost more than they save
_PARALLEL_FROM = 16


def _lint_all(paths: list[str]):
    """The findings of each file. Many files are shared among worker processes (one per
    CPU, at most 4), in runs of neighbouring files so that a worker parses the modules a
    folder shares once; the result does not depend on how the work was shared."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < _PARALLEL_FROM or workers < 2:
        return [lint_file(p) for p in paths]
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(lint_file, paths, chunksize=8))
    except (OSError, ValueError, ImportError, RuntimeError):
        # no fork or no processes on this platform: do the work here
        return [lint_file(p) for p in paths]


def lint_paths(paths: list[str]) -> list[Finding]:
    """The findings for all ``paths``, sorted by file and position, without duplicates
    (a module used by several of the files is reported once)."""
    ensure_recursion_limit()
    shown = _display_names(paths)
    seen = set()
    findings = []
    for per_file in _lint_all(paths):
        for f in per_file:
            f = replace(f, file=shown(f.file))
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
