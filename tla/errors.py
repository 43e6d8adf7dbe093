"""One error hierarchy for all of pytlc, with source spans.

The library raises these; only the command-line layer (``tla.tlc_compat``) renders them and
chooses TLC's exit code. Every error that comes from user input carries a :class:`Span` so
that the message can name file, line and column and show the offending source line with a
caret.

    TLAError
    +-- SourceError            anything about the text of a .tla module
    |   +-- LexError           a character sequence that is no TLA+ token
    |   +-- ParseError         the tokens do not form a module (SANY's syntax errors)
    |   +-- SemanticError      names, arities, levels, module lookup (SANY's semantic errors)
    +-- ConfigError            a .cfg file that cannot be read or parsed (TLC exit 255)
    +-- ModelError             a cfg that does not fit the spec (TLC exit 151)
    +-- EvalError              evaluating an expression failed (TLC's run-time errors)
    |   +-- AssertionFailure   the TLC module's Assert(FALSE, msg)  (TLC exit 14)
    +-- InternalError          a bug in pytlc itself
"""
from __future__ import annotations

from tla.records import record


@record
class Span:
    """A region of source text. Lines and columns are 1-based; ``end_col`` is the column of
    the last character (TLC prints locations this way: ``line 3, col 5 to line 3, col 9``).

    ``module`` is the name of the (innermost) module the text belongs to; ``file`` the path
    of the file it was read from (``<string>`` for text given directly).
    """

    file: str
    line: int
    col: int
    end_line: int
    end_col: int
    module: str = ""

    def to(self, other: "Span") -> "Span":
        """The span from the start of ``self`` to the end of ``other``."""
        return Span(self.file, self.line, self.col, other.end_line, other.end_col, self.module)

    def tlc_location(self) -> str:
        """TLC's wording: ``line 10, col 11 to line 13, col 28 of module Counter``."""
        return (f"line {self.line}, col {self.col} to line {self.end_line}, "
                f"col {self.end_col} of module {self.module}")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class TLAError(Exception):
    """Base of every error pytlc raises on purpose."""

    def __init__(self, message: str, span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span

    def __str__(self) -> str:
        if self.span is None:
            return self.message
        return f"{self.span}: {self.message}"


class SourceError(TLAError):
    """Something is wrong with the text of a module."""


class LexError(SourceError):
    """Text that is not a TLA+ token (an unterminated string or comment, a stray character)."""


class ParseError(SourceError):
    """Tokens that do not form a module, as SANY's parser would reject them."""


class SemanticError(SourceError):
    """A module that parses but that SANY's semantic analysis rejects (undefined or
    multiply-defined names, arity mismatches, level errors, missing modules)."""


class ConfigError(TLAError):
    """A .cfg file that cannot be read or does not follow TLC's cfg grammar."""


class ModelError(TLAError):
    """A cfg that does not fit the spec: an unassigned constant, an undefined invariant ..."""


class EvalError(TLAError):
    """Evaluation of an expression failed. ``tlc_code`` is TLC's message code for the
    failure where TLC has a specific one (e.g. 2179 for division by zero)."""

    def __init__(self, message: str, span: Span | None = None, tlc_code: int | None = None):
        super().__init__(message, span)
        self.tlc_code = tlc_code
        #: locations of the enclosing expressions, innermost last (TLC's "nested expressions")
        self.trace: list[Span] = []


class AssertionFailure(EvalError):
    """``Assert(FALSE, out)`` of the TLC module; ``value`` is the printed ``out``."""

    def __init__(self, message: str, span: Span | None = None, value: str = ""):
        super().__init__(message, span, tlc_code=2132)
        self.value = value


class InternalError(TLAError):
    """A bug in pytlc. The CLI says so plainly and asks for a report."""
