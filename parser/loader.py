"""Finding and loading modules: a root ``.tla`` file and every module it depends on.

Takes a module name (and the directory of the spec that needs it) or the path of a root
module; gives the path of ``Name.tla`` (:func:`find_module`) or a :class:`ModuleTree` of
parsed modules (:func:`load_tree`).

Lookup order, as SANY/TLC do it: the directory of the spec, then each directory of the
``TLA_PATH`` environment variable (``os.pathsep``-separated), then pytlc's own standard
modules (the ``.tla`` files of the package :mod:`tla.modules`). Modules that are nested in a
file already loaded count as defined and are not looked up. Each file is parsed once per
process and cached by path and modification time, and goes through the per-user cache of
parsed modules (:mod:`tla.parser.module_cache`) that spares later runs the parse.
"""
from __future__ import annotations

import functools
import os
import re

from tla.records import field, mutable_record
from tla.errors import SemanticError, SourceError, Span
from tla.parser import ast
from tla.parser.module_cache import parse_cached

__all__ = ["ModuleTree", "find_module", "load_tree", "module_dependencies"]

_CACHE: dict[str, tuple[float, ast.Module]] = {}


@functools.lru_cache(maxsize=None)
def _stdlib_dir() -> str:
    import tla.modules
    return os.path.dirname(os.path.realpath(tla.modules.__file__))


def find_module(name: str, from_dir: str) -> str | None:
    """The path of ``name.tla``: next to the spec, on ``TLA_PATH``, or among pytlc's
    standard modules; None when it is nowhere."""
    dirs = [from_dir]
    dirs.extend(d for d in os.environ.get("TLA_PATH", "").split(os.pathsep) if d)
    dirs.append(_stdlib_dir())
    for d in dirs:
        path = os.path.join(d, name + ".tla")
        if os.path.isfile(path):
            return path
    return None


def _parse_file(path: str) -> ast.Module:
    path = os.path.abspath(path)
    mtime = os.path.getmtime(path)
    hit = _CACHE.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    module = parse_cached(text, path)
    _CACHE[path] = (mtime, module)
    return module


@mutable_record
class ModuleTree:
    """A root module with all it needs. ``modules`` maps names to modules (nested modules
    included), ``paths`` names to the file each came from, ``order`` lists names so that every
    module comes after those it EXTENDS or INSTANCEs (the root last)."""
    root: ast.Module
    modules: dict[str, ast.Module] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    #: texts of modules that have no file of their own (a root given as text)
    texts: dict[str, str] = field(default_factory=dict)


def module_dependencies(m: ast.Module) -> list[tuple[str, Span | None]]:
    """Names of the modules ``m`` EXTENDS or INSTANCEs (anywhere, also inside LETs and nested
    modules' bodies), each with the span of its first use, in source order."""
    out: list[tuple[str, Span | None]] = [(name, m.span) for name in m.extends]
    stack: list = list(reversed(m.units))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.InstanceDef):
            out.append((node.module, node.span))
        elif isinstance(node, ast.Module):
            continue
        elif isinstance(node, ast.Let):
            stack.extend(reversed(node.defs))
            stack.append(node.body)
            continue
        if isinstance(node, (ast.OpDef, ast.FunDef)):
            stack.append(node.body)
        elif isinstance(node, ast.Expr):
            stack.extend(reversed(_children(node)))
        elif isinstance(node, ast.Theorem):
            _collect_proof_instances(node.proof, stack)
    seen: set[str] = set()
    unique = []
    for name, span in out:
        if name not in seen:
            seen.add(name)
            unique.append((name, span))
    return unique


def _collect_proof_instances(proof, stack: list) -> None:
    if proof is None:
        return
    for step in proof.steps:
        if step.kind == "DEFINE":
            stack.extend(reversed(step.body))
        _collect_proof_instances(step.proof, stack)


def _children(e) -> list:
    """Sub-nodes of an expression that may contain a LET with an INSTANCE."""
    kids = []
    for name in e.__slots__:
        if name == "span":
            continue
        value = getattr(e, name)
        if isinstance(value, (ast.Expr, ast.Unit)):
            kids.append(value)
        elif isinstance(value, tuple):
            for v in value:
                if isinstance(v, (ast.Expr, ast.Unit)):
                    kids.append(v)
                elif isinstance(v, tuple):
                    kids.extend(x for x in v if isinstance(x, (ast.Expr, ast.Unit)))
    return kids


def _extends_span(path: str | None, module: str, name: str) -> Span | None:
    """The span of ``name`` in the EXTENDS list of ``module`` (for error messages)."""
    if path is None:
        return None
    from tla.parser.lexer import tokenize
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        in_extends = False
        for tok in tokenize(text, path):
            if tok.type == "EXTENDS":
                in_extends = True
            elif in_extends and tok.type == "IDENT" and tok.value == name:
                s = tok.span
                return Span(s.file, s.line, s.col, s.end_line, s.end_col, module)
            elif in_extends and tok.type not in ("IDENT", "COMMA"):
                in_extends = False
    except SourceError:
        return None
    return None


def _nested(m: ast.Module, into: dict[str, ast.Module]) -> None:
    for u in m.units:
        if isinstance(u, ast.Module):
            into[u.name] = u
            _nested(u, into)


def _monolith_module(root_path: str, name: str) -> ast.Module | None:
    """Module ``name`` written after the root module in the root's own file (a
    monolithic spec, as TLC's trace-exploration specs are: TLC's resolver falls back to
    ``MonolithSpecExtractor.module``); None when the file has no such module. Lines keep
    their numbers, so locations point into the file."""
    try:
        with open(root_path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return None
    header = re.compile(rf"^\s*-{{4,}}\s*MODULE\s+{re.escape(name)}\s*-{{4,}}\s*$")
    for i, line in enumerate(lines):
        if i > 0 and header.match(line):
            from tla.parser.parse import parse_module
            return parse_module("\n" * i + "\n".join(lines[i:]), root_path)
    return None


def load_tree(root_path: str) -> ModuleTree:
    """Parse ``root_path`` and, transitively, every module it EXTENDS or INSTANCEs.
    Raises :class:`SemanticError` ("Cannot find source file for module X") when a module is
    missing and when EXTENDS are circular, and the parser's errors for bad modules."""
    root_path = os.path.abspath(root_path)
    return tree_of(_parse_file(root_path), root_path)


def tree_of(root: ast.Module, root_path: str) -> ModuleTree:
    """The tree of an already parsed root module that lives (or would live) at
    ``root_path``: the modules it uses are looked up from that file's directory, as
    :func:`load_tree` does."""
    root_path = os.path.abspath(root_path)
    root_dir = os.path.dirname(root_path)
    tree = ModuleTree(root)
    tree.modules[root.name] = root
    tree.paths[root.name] = root_path
    local: dict[str, ast.Module] = {}
    _nested(root, local)
    for name, mod in local.items():
        tree.modules.setdefault(name, mod)
        tree.paths.setdefault(name, root_path)

    state: dict[str, int] = {}   # 1: on the current path, 2: done

    def visit(name: str, chain: list[str]) -> None:
        # iterative depth-first search over (module, dependency index) frames
        frames = [(name, iter(module_dependencies(tree.modules[name])))]
        state[name] = 1
        path = chain + [name]
        while frames:
            current, deps = frames[-1]
            dep = next(deps, None)
            if dep is None:
                frames.pop()
                path.pop()
                state[current] = 2
                tree.order.append(current)
                continue
            dep_name, span = dep
            if state.get(dep_name) == 2:
                continue
            if state.get(dep_name) == 1:
                cycle = " -> ".join(path[path.index(dep_name):] + [dep_name])
                raise SemanticError(f"Circular dependency among modules: {cycle}", span)
            if dep_name not in tree.modules:
                where = os.path.dirname(tree.paths.get(current, root_path)) or root_dir
                found = find_module(dep_name, where)
                if found is None and where != root_dir:
                    found = find_module(dep_name, root_dir)
                if found is None:
                    module = _monolith_module(root_path, dep_name)
                    if module is not None:
                        tree.modules[dep_name] = module
                        tree.paths[dep_name] = root_path
                        state[dep_name] = 1
                        path.append(dep_name)
                        frames.append((dep_name, iter(module_dependencies(module))))
                        continue
                    raise SemanticError(
                        f"Cannot find source file for module {dep_name} imported in module "
                        f"{current}.", _extends_span(tree.paths.get(current), current,
                                                     dep_name) or span)
                module = _parse_file(found)
                if module.name != dep_name:
                    raise SemanticError(
                        f"File {found} contains module {module.name}, not {dep_name}", span)
                tree.modules[dep_name] = module
                tree.paths[dep_name] = found
                nested: dict[str, ast.Module] = {}
                _nested(module, nested)
                for n, m in nested.items():
                    tree.modules.setdefault(n, m)
                    tree.paths.setdefault(n, found)
            state[dep_name] = 1
            path.append(dep_name)
            frames.append((dep_name, iter(module_dependencies(tree.modules[dep_name]))))

    visit(root.name, [])
    # nested modules that nothing refers to are still part of the tree
    for name in list(tree.modules):
        if name not in state:
            visit(name, [])
    if tree.order and tree.order[-1] != root.name:
        tree.order.remove(root.name)
        tree.order.append(root.name)
    return tree
