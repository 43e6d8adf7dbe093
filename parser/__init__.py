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
"""
from __future__ import annotations

from tla.parser.lexer import token_images
from tla.parser.parse import parse_expression, parse_module
from tla.parser.printer import format_expr, format_module
from tla.parser.loader import ModuleTree, find_module, load_tree

__all__ = ["parse_module", "parse_expression", "token_images", "format_module", "format_expr",
           "find_module", "load_tree", "ModuleTree"]
