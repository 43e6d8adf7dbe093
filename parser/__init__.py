"""The TLA+ front end: lexer, junction-list filter, PLY grammar, AST, module loading.

Text goes in, :mod:`tla.parser.ast` nodes with spans come out. Nothing here evaluates.

Public API:

* :func:`parse_module` -- the first module of a text, as :class:`ast.Module`;
* :func:`parse_expression` -- one expression, as :class:`ast.Expr`;
* :func:`token_images` -- the identifier/keyword/operator/string tokens of a module in
  lexical order (for TLC's string intern order);
* :func:`format_module`, :func:`format_expr` -- print an AST back as TLA+;
* :func:`find_module`, :func:`load_tree` -- find ``.tla`` files and load a module with
  everything it EXTENDS or INSTANCEs.

Errors are :class:`tla.errors.LexError` and :class:`tla.errors.ParseError` with spans.

How the parser fills the AST where :mod:`tla.parser.ast` leaves a choice:

* operators carry canonical names (table and choices in :mod:`tla.parser.operators`); unary
  minus is ``-.``; ``A \\X B \\X C`` is one ``OpApp("\\X", (A, B, C))``;
* a bulleted list is a :class:`ast.Junction`, ``a /\\ b`` written inline an ``OpApp``;
* an operator symbol passed as an argument is :class:`ast.OpArg` (``F(+, \\cup, /\\)``),
  an identifier argument a plain ``OpApp(name)``;
* ``I!Op``, ``I(x)!Op(y)`` and positional selectors are :class:`ast.Qualified`; a selector
  step is named by its text (``"1"``, ``":"``, ``"<<"``, ``">>"``, ``"@"``) and ``I!(x)``
  is the step ``("", (x,))``;
* in proofs, a step reference (``<1>2``) is ``OpApp("<1>2")``, a ``MODULE M`` fact
  ``OpApp("MODULE M")`` and a ``MODULE M`` DEF name the string ``"MODULE M"``; ``ProofStep.level`` is the written level (``"1"``,
  ``"+"``, ``"*"``), nesting is already resolved into ``ProofStep.proof``;
* ``NEW x`` and ``NEW CONSTANT x`` are both ``NewDecl("CONSTANT", ...)``; a step
  ``<1> F(x) == e`` is a ``DEFINE`` step.

Not thread-safe: PLY's parser object keeps its stacks between calls, so parse in one thread
at a time (or one process per worker).
"""
from __future__ import annotations

from tla.parser.loader import ModuleTree, find_module, load_tree

__all__ = ["parse_module", "parse_expression", "token_images", "format_module", "format_expr",
           "find_module", "load_tree", "ModuleTree"]

#: imported when first used: a run whose modules all come from the parsed-module cache
#: needs neither the lexer nor PLY, and model checking never prints an AST
_LAZY = {"parse_module": "parse", "parse_expression": "parse", "token_images": "lexer",
         "format_module": "printer", "format_expr": "printer"}


def __getattr__(name):
    home = _LAZY.get(name)
    if home is not None:
        import importlib
        return getattr(importlib.import_module(f"tla.parser.{home}"), name)
    raise AttributeError(f"module 'tla.parser' has no attribute {name!r}")
