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


_MISSING = object()
_EMPTY: frozenset = frozenset()


class _Expander:
    """Computes, for each expression, the variables it specifies and the variables it
    mentions. Results are symbolic in the parameters of enclosing definitions (markers
    ``("A", p)``: whatever the argument for ``p`` specifies; ``("M", p)``: the variables the
    argument for ``p`` mentions), so that each expression node is analysed once and the
    markers are replaced by the arguments at each call."""

    def __init__(self, analysis: S.Analysis):
        self.resolved = analysis.resolved
        self.steps = 0
        self.memo_assigned: dict[int, object] = {}
        self.memo_mentioned: dict[int, object] = {}

    def tick(self) -> None:
        self.steps += 1
        if self.steps > _BUDGET:
            raise _Budget()

    def sym(self, node: object) -> Optional[S.Sym]:
        return self.resolved.get(id(node))

    def definition(self, node: object) -> Optional[S.Sym]:
        """The operator definition ``node`` calls, if it is one with a TLA+ body."""
        sym = self.sym(node)
        if sym is None or sym.kind != S.DEF or not isinstance(sym.node, A.OpDef):
            return None
        return sym

    # ---- disjuncts --------------------------------------------------------------------

    def leaves(self, e: object, subst: dict, depth: int, name: str) -> list:
        """``(report_node, expr, subst, name)`` for each disjunct of ``e``; ``subst`` maps
        the parameters in scope to ``(argument, argument's subst)``."""
        self.tick()
        if depth > _MAX_DEPTH:
            return [(e, e, subst, name)]
        if isinstance(e, A.Junction) and e.kind == "\\/":
            return [leaf for item in e.items for leaf in self.leaves(item, subst, depth, name)]
        if isinstance(e, A.OpApp) and e.name == "\\/" and len(e.args) == 2:
            return [leaf for item in e.args for leaf in self.leaves(item, subst, depth, name)]
        if (isinstance(e, A.Quant) and e.kind == "\\E") or isinstance(e, (A.Label, A.Let)):
            inner = self.leaves(e.body, subst, depth + 1, name)
            return inner if len(inner) > 1 else [(e, e, subst, name)]
        if isinstance(e, A.OpApp):
            sym = self.definition(e)
            if sym is not None:
                inner_subst = dict(subst)
                for p, a in zip(sym.params, e.args):
                    inner_subst[p] = (a, subst)
                inner = self.leaves(sym.node.body, inner_subst, depth + 1, sym.name)
                return inner if len(inner) > 1 else [(e, e, subst, sym.name)]
            param = self.sym(e)
            if param is not None and param in subst and not e.args:
                arg, arg_subst = subst[param]
                return self.leaves(arg, arg_subst, depth + 1, name)
        return [(e, e, subst, name)]

    def resolve(self, result, subst: dict, depth: int = 0):
        """``result`` with its parameter markers replaced through ``subst``: the plain set
        of variable names, or ALL."""
        if result is ALL:
            return ALL
        names = set()
        for item in result:
            if isinstance(item, str):
                names.add(item)
                continue
            kind, param = item
            if param not in subst or depth > _MAX_DEPTH:
                return ALL
            arg, arg_subst = subst[param]
            inner = self.assigned(arg) if kind == "A" else self.mentioned(arg)
            inner = self.resolve(inner, arg_subst, depth + 1)
            if inner is ALL:
                return ALL
            names |= inner
        return names

    # ---- what an expression specifies and mentions ----------------------------------------

    def _call(self, sym: S.Sym, args: tuple, body_result):
        """A definition's body result with its own parameters replaced by the arguments."""
        if body_result is ALL:
            return ALL
        params = {p: i for i, p in enumerate(sym.params)}
        out = set()
        for item in body_result:
            if isinstance(item, tuple) and item[1] in params:
                i = params[item[1]]
                if i >= len(args):
                    return ALL
                inner = self.assigned(args[i]) if item[0] == "A" else self.mentioned(args[i])
                if inner is ALL:
                    return ALL
                out |= inner
            else:
                out.add(item)
        return frozenset(out)

    def assigned(self, e: object):
        """The variables ``e`` specifies (with markers; ALL when it cannot tell)."""
        key = id(e)
        known = self.memo_assigned.get(key, _MISSING)
        if known is not _MISSING:
            return known
        self.memo_assigned[key] = ALL     # a recursive definition: assume the best
        result = self._assigned(e)
        self.memo_assigned[key] = result
        return result

    def _assigned(self, e: object):
        self.tick()
        if isinstance(e, A.Junction):
            return self._combine([self.assigned(x) for x in e.items], e.kind == "/\\")
        if isinstance(e, A.OpApp):
            return self._assigned_app(e)
        if isinstance(e, A.Qualified):
            return ALL
        if isinstance(e, A.If):
            return _inter(self.assigned(e.then), self.assigned(e.else_))
        if isinstance(e, A.Case):
            result = ALL
            for _cond, value in e.arms:
                result = _inter(result, self.assigned(value))
            if e.other is not None:
                result = _inter(result, self.assigned(e.other))
            return result
        if isinstance(e, (A.Quant, A.Label, A.Let)):
            return self.assigned(e.body)
        result = _EMPTY
        for child in _children(e):
            result = _union(result, self.assigned(child))
            if result is ALL:
                break
        return result

    def _combine(self, parts: list, conjunction: bool):
        if conjunction:
            result = _EMPTY
            for p in parts:
                result = _union(result, p)
            return result
        result = ALL
        for p in parts:
            result = _inter(result, p)
        return frozenset() if result is ALL and not parts else result

    def _assigned_app(self, e: A.OpApp):
        name, args = e.name, e.args
        if name in ("'", "UNCHANGED"):
            return self.mentioned(args[0]) if args else _EMPTY
        if name == "ENABLED":
            return _EMPTY
        if name in ("/\\", "\\/") and len(args) == 2:
            return self._combine([self.assigned(a) for a in args], name == "/\\")
        sym = self.sym(e)
        if sym is not None and sym.kind == S.PARAM and not args:
            return frozenset((("A", sym),))
        result = _EMPTY
        for a in args:
            result = _union(result, self.assigned(a))
        defn = self.definition(e)
        if defn is not None and result is not ALL:
            result = _union(result, self._call(defn, args, self.assigned(defn.node.body)))
        return result

    def mentioned(self, e: object):
        """The variables occurring in ``e`` after expanding definitions (with markers)."""
        key = id(e)
        known = self.memo_mentioned.get(key, _MISSING)
        if known is not _MISSING:
            return known
        self.memo_mentioned[key] = ALL
        result = self._mentioned(e)
        self.memo_mentioned[key] = result
        return result

    def _mentioned(self, e: object):
        self.tick()
        if isinstance(e, A.Qualified):
            return ALL
        result = _EMPTY
        if isinstance(e, A.OpApp):
            sym = self.sym(e)
            if sym is not None:
                if sym.kind == S.VARIABLE:
                    result = frozenset((sym.name,))
                elif sym.kind == S.PARAM and not e.args:
                    return frozenset((("M", sym),))
                elif sym.kind == S.DEF and isinstance(sym.node, A.OpDef):
                    result = self._call(sym, e.args, self.mentioned(sym.node.body))
        for child in _children(e):
            if result is ALL:
                break
            result = _union(result, self.mentioned(child))
        return result


def find_next(analysis: S.Analysis, cfg) -> tuple[Optional[str], Optional[object]]:
    """The next-state action: ``(its name, its expression)``, or ``(None, None)``."""
    symbols = analysis.modules[analysis.root].symbols
    if cfg is not None and cfg.next is not None:
        return _named_action(symbols.get(cfg.next.name))
    if cfg is not None and cfg.specification is not None:
        sym = symbols.get(cfg.specification.name)
        if sym is None or not isinstance(sym.node, A.OpDef):
            return None, None
        box = _find_box(sym.node.body, analysis, 0)
        if box is None:
            return None, None
        named = analysis.resolved.get(id(box.action))
        if isinstance(box.action, A.OpApp) and not box.action.args and named is not None:
            return _named_action(named)
        return f"of {sym.name}", box.action
    sym = symbols.get("Next")
    # a Next inherited through EXTENDS is usually conjoined with more in the root module
    if sym is not None and sym.module == analysis.root:
        return _named_action(sym)
    return None, None


def _named_action(sym: Optional[S.Sym]) -> tuple[Optional[str], Optional[object]]:
    if sym is not None and sym.kind == S.DEF and isinstance(sym.node, A.OpDef) \
            and not sym.params:
        return sym.name, sym.node.body
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
    next_name, action = find_next(analysis, cfg)
    if action is None:
        return []
    expander = _Expander(analysis)
    findings = []
    try:
        leaves = expander.leaves(action, {}, 0, next_name)
        for node, expr, subst, name in leaves:
            got = expander.resolve(expander.assigned(expr), subst)
            if got is ALL:
                continue
            missing = [v for v in variables if v not in got]
            if not missing:
                continue
            what = "variable" if len(missing) == 1 else "variables"
            listed = ", ".join(missing)
            if name != next_name:
                msg = (f"Action {name} does not specify {what} {listed}: neither primed nor in "
                       f"UNCHANGED (a disjunct of the next-state action {next_name})")
            else:
                msg = (f"A disjunct of the next-state action {next_name} does not specify "
                       f"{what} {listed}: neither primed nor in UNCHANGED")
            findings.append(at(getattr(node, "span", None), file, WARNING, msg, "unspecified"))
    except _Budget:
        return []
    return findings
