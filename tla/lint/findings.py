"""What the linter reports: one :class:`Finding` per problem.

Takes: errors raised or collected anywhere in pytlc (:class:`tla.errors.TLAError` with a
:class:`~tla.errors.Span`), or a rule's own message and location.
Gives: :class:`Finding` values that sort by file and position and that
:mod:`tla.lint.output` renders.
"""
from __future__ import annotations

from typing import Optional

from tla.errors import Span, TLAError
from tla.records import record

ERROR = "error"
WARNING = "warning"


@record
class Finding:
    """One problem: ``severity`` is ``"error"`` or ``"warning"``; ``line``/``col`` are
    1-based (0 when the problem has no position inside the file, e.g. an unreadable file);
    ``rule`` names the check (``syntax``, ``semantic``, ``unused``, ``unspecified``,
    ``cfg``, ``io``)."""

    file: str
    line: int
    col: int
    severity: str
    message: str
    rule: str = "semantic"

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.severity != ERROR, self.message)


def at(span: Optional[Span], fallback_file: str, severity: str, message: str,
       rule: str) -> Finding:
    """A finding located at ``span`` (or at the start of ``fallback_file``)."""
    if span is None:
        return Finding(fallback_file, 0, 0, severity, message, rule)
    return Finding(span.file or fallback_file, span.line, span.col, severity, message, rule)


def from_error(err: TLAError, fallback_file: str, rule: str = "semantic",
               severity: str = ERROR) -> Finding:
    """The finding for an error raised or collected by the parser, loader or analysis."""
    message = " ".join(line.strip() for line in str(err.message).splitlines() if line.strip())
    return at(err.span, fallback_file, severity, message or type(err).__name__, rule)
