"""Rendering of lint findings for a terminal or an editor.

Takes: :class:`~tla.lint.findings.Finding` values and a way to read source lines.
Gives: the text ``file:line:col: error|warning: message``, then the source line and a caret
under the column (editors and pre-commit parse the first line; people read the other two),
and a summary line such as ``2 errors, 1 warning in 3 files``.
"""
from __future__ import annotations

from typing import Callable, Optional

from .findings import ERROR, Finding


class SourceLines:
    """Reads and caches the lines of files named by findings (never raises)."""

    def __init__(self, texts: Optional[dict[str, str]] = None):
        self._lines: dict[str, list[str]] = {}
        self._texts = texts or {}

    def line(self, file: str, number: int) -> Optional[str]:
        lines = self._lines.get(file)
        if lines is None:
            text = self._texts.get(file)
            if text is None:
                try:
                    with open(file, "rb") as fh:
                        text = fh.read().decode("utf-8", errors="replace")
                except OSError:
                    text = ""
            lines = text.splitlines()
            self._lines[file] = lines
        if 1 <= number <= len(lines):
            return lines[number - 1]
        return None


def caret(source_line: str, col: int) -> str:
    """Spaces (tabs kept, so the caret lines up) up to column ``col``, then ``^``. Columns
    count a tab as a move to the next multiple of 8, as the lexer (and SANY) do."""
    index, width = 0, 0
    while index < len(source_line) and width < col - 1:
        width = width + 8 - width % 8 if source_line[index] == "\t" else width + 1
        index += 1
    prefix = "".join(ch if ch == "\t" else " " for ch in source_line[:index])
    return prefix + "^"


def render(finding: Finding, lines: Callable[[str, int], Optional[str]]) -> str:
    if finding.line <= 0:
        return f"{finding.file}: {finding.severity}: {finding.message}"
    head = f"{finding.file}:{finding.line}:{finding.col}: {finding.severity}: {finding.message}"
    source = lines(finding.file, finding.line)
    if source is None:
        return head
    return f"{head}\n{source}\n{caret(source, finding.col)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(findings: list[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    return (f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} "
            f"in {_plural(files, 'file')}")
