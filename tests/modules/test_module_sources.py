"""The ``.tla`` files of ``tla.modules``: they parse, pass the semantic checks, declare the
interface TLC's (and the community's) modules have, and every Python implementation in
the registry replaces a definition that exists, with the same number of arguments.

``fixtures/interfaces.txt`` lists, per module, its EXTENDS and its public definitions in
order, with parameter names (what SANY sees, and what decides TLC's intern order).
"""
from __future__ import annotations

import functools
import glob
import inspect
import os

import pytest

from tla.evaluator.loading import load_text
from tla.modules.registry import BUILTINS, IMPLEMENTED_IN, load_all
from tla.parser import ast as A
from tla.parser import parse_module
from tla.parser.semantic import check_tree

HERE = os.path.dirname(__file__)
MODULE_DIR = os.path.dirname(inspect.getfile(load_all))
TLA_FILES = sorted(glob.glob(os.path.join(MODULE_DIR, "*.tla")))


@functools.lru_cache(maxsize=None)
def _parse(name: str) -> A.Module:
    path = os.path.join(MODULE_DIR, name + ".tla")
    with open(path, encoding="utf-8") as fh:
        return parse_module(fh.read(), path)


def _param(p: A.Param) -> str:
    return p.name + (f"({','.join('_' * p.arity)})" if p.arity else "")


def interface(m: A.Module) -> str:
    """``Name [EXTENDS]: def def ...`` as in fixtures/interfaces.txt."""
    items = []
    for u in m.units:
        if isinstance(u, A.OpDef) and not u.local:
            items.append(u.name + (f"({','.join(_param(p) for p in u.params)})"
                                   if u.params else ""))
        elif isinstance(u, A.Theorem) and u.name:
            items.append("THEOREM:" + u.name)
        elif isinstance(u, A.Variables):
            items.extend("VARIABLE:" + n for n in u.names)
    return f"{m.name} [{','.join(m.extends)}]: " + " ".join(items)


def _expected() -> dict:
    with open(os.path.join(HERE, "fixtures", "interfaces.txt"), encoding="utf-8") as fh:
        return {line.split(" ", 1)[0]: line for line in fh.read().splitlines() if line}


NAMES = [os.path.basename(p)[:-4] for p in TLA_FILES]


@pytest.mark.parametrize("name", NAMES)
def test_module_parses_and_checks(name):
    m = _parse(name)
    assert m.name == name
    tree = load_text(f"---- MODULE UsesIt ----\nEXTENDS {name}\n====\n", "UsesIt.tla")
    assert check_tree(tree) == []


@pytest.mark.parametrize("name", NAMES)
def test_module_interface(name):
    assert interface(_parse(name)) == _expected()[name]


def test_every_module_has_an_interface_line():
    assert sorted(_expected()) == sorted(NAMES)


@functools.lru_cache(maxsize=None)
def _definitions() -> dict:
    defs = {}
    for name in NAMES:
        for u in _parse(name).units:
            if isinstance(u, A.OpDef):
                defs[(name, u.name)] = u
    return defs


def _registered() -> list:
    load_all()
    return sorted(BUILTINS)


def test_registry_knows_which_implementation_modules_serve_each_module():
    # lookup() imports only IMPLEMENTED_IN[module]: it must list exactly the impl_* modules
    # whose functions are registered for that module, and every impl_* file must be listed
    load_all()
    serving: dict[str, set] = {}
    for (module, _name), b in BUILTINS.items():
        if b.fn.__module__.startswith("tla.modules.impl_"):
            serving.setdefault(module, set()).add(b.fn.__module__.rsplit(".", 1)[1])
    assert {m: set(impls) for m, impls in IMPLEMENTED_IN.items()} == serving
    files = {os.path.basename(p)[:-3] for p in glob.glob(os.path.join(MODULE_DIR, "impl_*.py"))}
    listed = {impl for impls in IMPLEMENTED_IN.values() for impl in impls}
    assert files - {"impl_common"} == listed


@pytest.mark.parametrize("key", _registered())
def test_builtin_matches_definition(key):
    defs = _definitions()
    assert key in defs, f"{key} is registered but {key[0]}.tla does not define it"
    b = BUILTINS[key]
    params = list(inspect.signature(b.fn).parameters)
    if b.context:
        params = params[1:]
    assert len(params) == len(defs[key].params)
