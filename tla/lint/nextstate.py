"""Lint rule: a disjunct of the next-state action that leaves a variable unspecified.

Takes: the root module's :class:`~tla.parser.semantic.Analysis` and, when there is one, the
model's cfg (:class:`~tla.tlc_compat.cfg.ModelConfig`).
Gives: warnings, one per disjunct of the next-state action that neither primes some variable
``x`` (``x'``) nor lists it in ``UNCHANGED``: TLC stops on such a step with "Successor state
is not completely specified".

The next-state action is the cfg's NEXT, else the ``A`` of ``[][A]_v`` in the cfg's
SPECIFICATION, else the definition named ``Next``. Disjuncts are found by expanding
definitions and existential quantifiers down to the innermost disjunction; a variable is
specified by a conjunction when some conjunct specifies it, by a disjunction, IF or CASE when
every branch does. Instances (``I!A``) are not looked into: they are taken as specifying
everything, so the rule never warns about what it cannot see.
"""
from __future__ import annotations

from typing import Optional

from tla.parser import ast as A
from tla.parser import semantic as S

from .findings import WARNING, Finding, at

#: stands for "every variable" (an opaque part of the action)
ALL = None
_BUDGET = 200_000
_MAX_DEPTH = 40


class _Budget(Exception):
    """The expansion grew beyond the budget; the rule gives up on this action."""


def _children(node: object):
    """The sub-expressions of an expression node, in field order."""
    for slot in type(node).__slots__:
        if slot == "span":
            continue
        yield from _exprs_in(getattr(node, slot))


def _exprs_in(value: object):
    if isinstance(value, A.Expr):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _exprs_in(item)
    elif isinstance(value, (A.Bound, A.ExceptIndex)):
        yield from _children(value)


def _union(a, b):
    if a is ALL or b is ALL:
        return ALL
    return a | b


def _inter(a, b):
    if a is ALL:
        return b
    if b is ALL:
        return a
    return a & b


class _Expander:
    """Walks an action, expanding definitions with their arguments bound."""

    def __init__(self, analysis: S.Analysis, variables: set[str]):
        self.resolved = analysis.resolved
        self.variables = variables
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > _BUDGET:
            raise _Budget()

    def sym(self, node: object) -> Optional[S.Sym]:
        return self.resolved.get(id(node))

    def definition(self, node: object):
        """``(body, params)`` of the operator definition ``node`` calls, else None."""
        sym = self.sym(node)
        if sym is None or sym.kind != S.DEF or not isinstance(sym.node, A.OpDef):
            return None
        return sym

    def bind(self, sym: S.Sym, args: tuple, env: dict) -> dict:
        new_env = dict(env)
        for p, a in zip(sym.params, args):
            new_env[p] = (a, env)
        return new_env

    # ---- disjuncts --------------------------------------------------------------------

    def leaves(self, e: object, env: dict, depth: int, name: str) -> list:
        """``(report_node, expr, env, name)`` for each disjunct of ``e``."""
        self.tick()
        if depth > _MAX_DEPTH:
            return [(e, e, env, name)]
        if isinstance(e, A.Junction) and e.kind == "\\/":
            return [leaf for item in e.items for leaf in self.leaves(item, env, depth, name)]
        if isinstance(e, A.OpApp) and e.name == "\\/" and len(e.args) == 2:
            return [leaf for item in e.args for leaf in self.leaves(item, env, depth, name)]
        if isinstance(e, A.Quant) and e.kind == "\\E":
            inner = self.leaves(e.body, env, depth + 1, name)
            return inner if len(inner) > 1 else [(e, e, env, name)]
        if isinstance(e, (A.Label, A.Let)):
            inner = self.leaves(e.body, env, depth + 1, name)
            return inner if len(inner) > 1 else [(e, e, env, name)]
        if isinstance(e, A.OpApp):
            sym = self.definition(e)
            if sym is not None:
                inner = self.leaves(sym.node.body, self.bind(sym, e.args, env), depth + 1,
                                    sym.name)
                return inner if len(inner) > 1 else [(e, e, env, sym.name)]
            param = self.sym(e)
            if param is not None and param in env and not e.args:
                arg, arg_env = env[param]
                return self.leaves(arg, arg_env, depth + 1, name)
        return [(e, e, env, name)]

    # ---- what a disjunct specifies ------------------------------------------------------

    def assigned(self, e: object, env: dict, depth: int):
        """The variables ``e`` specifies (ALL when it cannot tell)."""
        self.tick()
        if depth > _MAX_DEPTH:
            return ALL
        if isinstance(e, A.Junction):
            parts = [self.assigned(x, env, depth) for x in e.items]
            return self._combine(parts, e.kind == "/\\")
        if isinstance(e, A.OpApp):
            return self.assigned_app(e, env, depth)
        if isinstance(e, A.Qualified):
            return ALL
        if isinstance(e, A.If):
            return _inter(self.assigned(e.then, env, depth), self.assigned(e.else_, env, depth))
        if isinstance(e, A.Case):
            result = ALL
            for _cond, value in e.arms:
                result = _inter(result, self.assigned(value, env, depth))
            if e.other is not None:
                result = _inter(result, self.assigned(e.other, env, depth))
            return result
        if isinstance(e, (A.Quant, A.Label, A.Let)):
            return self.assigned(e.body, env, depth)
        result: Optional[set] = set()
        for child in _children(e):
            result = _union(result, self.assigned(child, env, depth))
            if result is ALL:
                break
        return result

    def _combine(self, parts: list, conjunction: bool):
        if conjunction:
            result: Optional[set] = set()
            for p in parts:
                result = _union(result, p)
            return result
        result = ALL
        for p in parts:
            result = _inter(result, p)
        return result

    def assigned_app(self, e: A.OpApp, env: dict, depth: int):
        name, args = e.name, e.args
        if name == "'" or name == "UNCHANGED":
            return self.mentioned(args[0], env, depth) if args else set()
        if name == "ENABLED":
            return set()
        if name in ("/\\", "\\/") and len(args) == 2:
            return self._combine([self.assigned(a, env, depth) for a in args], name == "/\\")
        sym = self.sym(e)
        if sym is not None and sym in env and not args:
            arg, arg_env = env[sym]
            return self.assigned(arg, arg_env, depth + 1)
        result: Optional[set] = set()
        for a in args:
            result = _union(result, self.assigned(a, env, depth))
        sym = self.definition(e)
        if sym is not None and result is not ALL:
            result = _union(result, self.assigned(sym.node.body, self.bind(sym, args, env),
                                                  depth + 1))
        return result

    def mentioned(self, e: object, env: dict, depth: int):
        """The variables occurring in ``e`` (after expanding definitions)."""
        self.tick()
        if depth > _MAX_DEPTH or isinstance(e, A.Qualified):
            return ALL
        result: Optional[set] = set()
        if isinstance(e, A.OpApp):
            sym = self.sym(e)
            if sym is not None:
                if sym.kind == S.VARIABLE:
                    result = {sym.name}
                elif sym in env and not e.args:
                    arg, arg_env = env[sym]
                    return self.mentioned(arg, arg_env, depth + 1)
                elif sym.kind == S.DEF and isinstance(sym.node, A.OpDef):
                    result = self.mentioned(sym.node.body, self.bind(sym, e.args, env),
                                            depth + 1)
        for child in _children(e):
            if result is ALL:
                break
            result = _union(result, self.mentioned(child, env, depth))
        return result


def find_next(analysis: S.Analysis, cfg) -> tuple[Optional[S.Sym], Optional[object]]:
    """The next-state action: ``(definition symbol, action expression)``."""
    symbols = analysis.modules[analysis.root].symbols
    if cfg is not None and cfg.next is not None:
        sym = symbols.get(cfg.next.name)
        if sym is not None and isinstance(sym.node, A.OpDef) and not sym.params:
            return sym, sym.node.body
        return None, None
    if cfg is not None and cfg.specification is not None:
        sym = symbols.get(cfg.specification.name)
        if sym is None or not isinstance(sym.node, A.OpDef):
            return None, None
        box = _find_box(sym.node.body, analysis, 0)
        return (sym, box.action) if box is not None else (None, None)
    sym = symbols.get("Next")
    if sym is not None and sym.kind == S.DEF and isinstance(sym.node, A.OpDef) \
            and not sym.params:
        return sym, sym.node.body
    return None, None


def _find_box(e: object, analysis: S.Analysis, depth: int) -> Optional[A.BoxAction]:
    """The ``[A]_v`` under ``[]`` in a specification formula, looking through definitions."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(e, A.BoxAction):
        return e
    if isinstance(e, A.OpApp):
        sym = analysis.resolved.get(id(e))
        if sym is not None and sym.kind == S.DEF and isinstance(sym.node, A.OpDef) \
                and not e.args:
            found = _find_box(sym.node.body, analysis, depth + 1)
            if found is not None:
                return found
    if isinstance(e, (A.Fairness, A.Quant, A.TemporalQuant)):
        return None
    for child in _children(e):
        found = _find_box(child, analysis, depth + 1)
        if found is not None:
            return found
    return None


def check_next_state(analysis: S.Analysis, cfg, file: str) -> list[Finding]:
    """Warnings for disjuncts of the next-state action leaving variables unspecified."""
    info = analysis.modules.get(analysis.root)
    if info is None:
        return []
    variables = [s.name for s in info.symbols.values() if s.kind == S.VARIABLE]
    if not variables:
        return []
    next_sym, action = find_next(analysis, cfg)
    if action is None:
        return []
    expander = _Expander(analysis, set(variables))
    findings = []
    try:
        leaves = expander.leaves(action, {}, 0, next_sym.name)
        for node, expr, env, name in leaves:
            got = expander.assigned(expr, env, 0)
            if got is ALL:
                continue
            missing = [v for v in variables if v not in got]
            if not missing:
                continue
            what = "variable" if len(missing) == 1 else "variables"
            listed = ", ".join(missing)
            where = (f"action {name}" if name != next_sym.name
                     else f"a disjunct of the next-state action {next_sym.name}")
            msg = (f"{where[0].upper()}{where[1:]} does not specify {what} {listed}: "
                   f"neither primed nor in UNCHANGED")
            if name != next_sym.name:
                msg += f" (a disjunct of the next-state action {next_sym.name})"
            findings.append(at(getattr(node, "span", None), file, WARNING, msg, "unspecified"))
    except _Budget:
        return []
    return findings
