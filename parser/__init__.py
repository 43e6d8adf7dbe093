"""The TLA+ front end: lexer, junction-list filter, PLY grammar, AST, module loading.

Text goes in, :mod:`tla.parser.ast` nodes with spans come out. Nothing here evaluates.
"""
