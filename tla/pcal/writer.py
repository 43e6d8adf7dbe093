"""The text buffer the translation is written into.

Takes strings and expressions; gives the lines of the translation. It mirrors the
translator's ``tlacode`` / ``tlacodeNextLine`` pair: text accumulates on the current line
until it is ended, and a multi-line expression put at column c has its later lines
indented by c, which is how the translation keeps each expression's source layout.
"""
from __future__ import annotations

from tla.errors import ParseError, Span
from tla.pcal.exprs import Expr

#: default of the translator's -lineWidth: lines are wrapped before this column
WRAP = 78


class TLAWriter:
    """Finished ``lines`` and the line being built (``cur``)."""

    def __init__(self, wrap: int = WRAP, file: str = "<string>", module: str = ""):
        self.lines: list[str] = []
        self.cur = ""
        self.wrap = wrap
        self.file = file
        self.module = module

    def tok(self, s: str) -> None:
        self.cur += s

    def end_line(self) -> None:
        if self.cur:
            self.lines.append(self.cur)
            self.cur = ""

    def line(self, s: str) -> None:
        self.end_line()
        if not s:
            self.lines.append("")
            return
        self.cur = s
        self.end_line()

    def expr(self, e: Expr) -> None:
        sv = e.to_lines()
        if not sv:
            return
        indent = len(self.cur)
        nxt = 0
        if indent:
            self.cur += sv[0]
            nxt = 1
            if len(sv) > 1:
                self.end_line()
        if len(sv) > 1:
            spaces = " " * indent
            while nxt < len(sv) - 1:
                self.lines.append(spaces + sv[nxt])
                nxt += 1
            self.cur = spaces + sv[nxt]
        elif not indent:
            self.cur += sv[0]

    def error(self, msg: str, st) -> ParseError:
        line = getattr(st, "line", 0)
        col = getattr(st, "col", 0)
        return ParseError(msg, Span(self.file, line, col, line, col, self.module))
