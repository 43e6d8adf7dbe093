"""The parsing driver: text in, AST out, through lexer -> junction filter -> grammar.

Takes module or expression text; gives :class:`tla.parser.ast.Module` or an expression.
The LALR parser is built once per process from the committed table module
``tla.parser.parsetab`` (in memory if that is missing or stale; nothing is ever written).
"""
from __future__ import annotations

import ply.lex as lex

from tla.errors import ParseError, Span
from tla.parser import ast
from tla.parser.grammar import ParseContext, build_parser
from tla.parser.junctions import junction_filter
from tla.parser.lexer import LineIndex, tokenize

__all__ = ["parse_module", "parse_expression", "get_parser"]

_parser = None


def get_parser():
    """The process-wide LALR parser (built on first use)."""
    global _parser
    if _parser is None:
        _parser = build_parser()
    return _parser


def _framed(tokens, first: str | None, text: str):
    """``tokens`` with an optional leading mode token and a trailing EOF token."""
    last = None
    if first is not None:
        t = lex.LexToken()
        t.type = t.value = first
        t.lexpos = t.endlexpos = 0
        t.lineno = t.endlineno = 1
        t.col, t.image = 1, ""
        yield t
    for tok in tokens:
        last = tok
        yield tok
    eof = lex.LexToken()
    eof.type = eof.value = "EOF"
    pos = last.endlexpos + 1 if last is not None else 0
    eof.lexpos = eof.endlexpos = pos
    eof.lineno = eof.endlineno = last.endlineno if last is not None else 1
    eof.col, eof.image = getattr(last, "col", 1), ""
    yield eof


def _run(text: str, file: str, tokens, first: str | None):
    ctx = ParseContext(None, LineIndex(text), file, text)

    def stamped():
        for tok in _framed(tokens, first, text):
            tok.ctx = ctx
            yield tok

    ctx._it = stamped()
    parser = get_parser()
    ctx.parser = parser
    return parser.parse(lexer=ctx, tracking=True)


def parse_module(text: str, file: str = "<string>") -> ast.Module:
    """The first module in ``text``. Text before its ``---- MODULE`` line and after its
    closing ``====`` is ignored; nested modules appear in ``units``. Raises
    :class:`tla.errors.LexError` or :class:`tla.errors.ParseError`."""
    return _run(text, file, junction_filter(tokenize(text, file)), None)


def parse_expression(text: str, file: str = "<string>") -> ast.Expr:
    """One TLA+ expression (for the REPL and the Python API)."""
    if not text.strip():
        raise ParseError("Empty expression", Span(file, 1, 1, 1, 1))
    return _run(text, file, junction_filter(tokenize(text, file, whole=True)), "EXPRMODE")
