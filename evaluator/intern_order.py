"""Seeding TLC's intern table in TLC's order (tlc-interface.md §3.3).

Takes a module tree (root, modules in parse order, paths to their files); interns, in
order: SANY's built-in names and operator symbols, the root module's identifiers, keywords
and operator tokens in lexical order, the other modules' tokens in parse order, then the
contents of string literals module by module in dependency order (root last). Model values
of the cfg are interned before, when they are created; strings built at run time after, when
they are first compared. Strings, record fields and model values then sort as TLC sorts them.
"""
from __future__ import annotations

from tla.evaluator.values import seed_intern
from tla.parser import ast as A
from tla.parser.module_cache import token_images_cached

_SANY_FIRST = ("TRUE", "FALSE", "BOOLEAN", "STRING")


def _builtin_names() -> list[str]:
    from tla.parser.operators import OPERATORS
    out = list(_SANY_FIRST)
    for op in OPERATORS:
        out.extend(op.spellings)
    return out


def _module_images(tree, name: str) -> list | None:
    """The token images of module ``name`` (through the parsed-module cache when the
    module has a file); None when it has no text."""
    texts = getattr(tree, "texts", None) or {}
    if name in texts:
        from tla.parser.lexer import token_images
        return token_images(texts[name])
    path = (getattr(tree, "paths", None) or {}).get(name)
    if not path:
        return None
    try:
        # read as the loader reads modules: undecodable bytes must not stop the run
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return None
    return token_images_cached(text, path)


def seed_from_tree(tree) -> None:
    """Intern the names of ``tree`` in TLC's order (see the module docstring)."""
    seed_intern(_builtin_names())
    root = tree.root if not isinstance(tree.root, str) else tree.modules[tree.root]
    names = [root.name] + [n for n in tree.modules if n != root.name]
    tokens: dict[str, list] = {}
    for n in names:
        try:
            images = _module_images(tree, n)
        except Exception:  # a module the lexer rejects was already reported by the parser
            continue
        if images is None:
            continue
        tokens[n] = images
        seed_intern(img for kind, img in tokens[n] if kind != "string")
    order = list(getattr(tree, "order", None) or [])
    order = [n for n in order if n != root.name] + [root.name]
    for n in order:
        for kind, img in tokens.get(n, ()):
            if kind == "string":
                seed_intern((img,))


def seed_from_expr(node) -> None:
    """Intern the identifiers and record-field names, then the string literals, of an
    expression given as text, in source order (as if it were part of the root module)."""
    out: list[str] = []
    strings: list[str] = []

    def walk(x):
        if isinstance(x, A.Str):
            strings.append(x.value)
        elif isinstance(x, (A.Record, A.RecordSet)):
            for name, value in x.fields:
                out.append(name)
                walk(value)
        elif isinstance(x, (A.FieldAccess, A.ExceptField)):
            if isinstance(x, A.FieldAccess):
                walk(x.record)
                out.append(x.field)
            else:
                out.append(x.name)
        elif isinstance(x, A.OpApp):
            out.append(x.name)
            walk(x.args)
        elif isinstance(x, (tuple, list)):
            for y in x:
                walk(y)
        elif hasattr(x, "__match_args__"):
            for f in x.__match_args__:
                if f != "span":
                    walk(getattr(x, f))
    walk(node)
    seed_intern(out)
    seed_intern(strings)
