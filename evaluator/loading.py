"""Module trees for text given directly (the Python API, the REPL, tests).

Takes the text of a root module (or a path); gives the same
:class:`tla.parser.loader.ModuleTree` as :func:`tla.parser.loader.load_tree`, built by the
parser's loader: the modules the root EXTENDS or INSTANCEs are found next to ``base_dir``
(default: the working directory), then on ``TLA_PATH``, then among pytlc's own modules.
The root's text is kept in ``tree.texts`` for TLC's intern order, since it has no file.
"""
from __future__ import annotations

import os

from tla.parser.loader import ModuleTree, load_tree, tree_of

__all__ = ["load_text", "load_file"]


def load_text(text: str, file: str = "<string>", base_dir: str | None = None) -> ModuleTree:
    """The tree of the module in ``text``; its imports are read from files."""
    from tla.parser import parse_module
    root = parse_module(text, file)
    where = os.path.join(base_dir or os.getcwd(), os.path.basename(file))
    tree = tree_of(root, where)
    tree.paths[root.name] = file
    tree.texts[root.name] = text
    return tree


def load_file(path: str) -> ModuleTree:
    """The tree of the module in the file ``path`` (as the command line loads it)."""
    return load_tree(path)
