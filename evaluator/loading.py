"""Loading a module tree without the parser's loader: the root module from text or a file,
and every module it EXTENDS or INSTANCEs, found next to the spec, on ``TLA_PATH``, or among
pytlc's own standard modules (the ``tla.modules`` folder).

Takes text or a path; gives a :class:`SimpleTree` with ``root``, ``modules``, ``paths`` and
``order`` like ``tla.parser.loader.load_tree``. Used by the Python API and the tests; the
command line uses the parser's loader.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from tla.errors import SemanticError
from tla.parser import ast as A


@dataclass
class SimpleTree:
    root: A.Module
    modules: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    order: list = field(default_factory=list)
    texts: dict = field(default_factory=dict)


def _std_dir() -> str:
    import tla.modules
    return os.path.dirname(tla.modules.__file__)


def _search_dirs(base_dir: str | None) -> list[str]:
    dirs = []
    if base_dir:
        dirs.append(base_dir)
    for d in os.environ.get("TLA_PATH", "").split(os.pathsep):
        if d:
            dirs.append(d)
    dirs.append(_std_dir())
    return dirs


def _used_modules(m: A.Module) -> list[str]:
    out = list(m.extends)
    nested = {u.name for u in m.units if isinstance(u, A.Module)}

    def walk(x):
        if isinstance(x, A.InstanceDef):
            out.append(x.module)
        elif isinstance(x, A.Module):
            out.extend(_used_modules(x))
        elif isinstance(x, (A.Let,)):
            for d in x.defs:
                walk(d)
            walk(x.body)
        elif isinstance(x, (tuple, list)):
            for y in x:
                walk(y)
        elif hasattr(x, "__dataclass_fields__"):
            for f in x.__dataclass_fields__:
                if f != "span":
                    walk(getattr(x, f))
    for u in m.units:
        walk(u)
    return [n for n in out if n not in nested]


def load_text(text: str, file: str = "<string>", base_dir: str | None = None) -> SimpleTree:
    """The tree of the module in ``text`` (its imports are read from files)."""
    from tla.parser import parse_module
    root = parse_module(text, file)
    tree = SimpleTree(root, {root.name: root}, {root.name: file}, texts={root.name: text})
    dirs = _search_dirs(base_dir)
    pending = _used_modules(root)
    seen = {root.name}
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        for d in dirs:
            p = os.path.join(d, name + ".tla")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as fh:
                    mtext = fh.read()
                m = parse_module(mtext, p)
                tree.modules[name] = m
                tree.texts[name] = mtext
                tree.paths[name] = p
                pending.extend(_used_modules(m))
                break
        else:
            if not any(isinstance(u, A.Module) and u.name == name for u in root.units):
                raise SemanticError(f"Cannot find source file for module {name}.")
    tree.order = [n for n in tree.modules if n != root.name] + [root.name]
    return tree


def load_file(path: str) -> SimpleTree:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return load_text(text, os.path.abspath(path), os.path.dirname(os.path.abspath(path)))
