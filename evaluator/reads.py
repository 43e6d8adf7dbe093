"""What part of the state an expression can read: its *roots*.

Takes an expression with the scope it is written in (and the model's compiler); gives
:func:`state_roots`, a :class:`Roots` listing

* ``variables``: the indices of the state variables the expression reads directly, and
* ``substitutions``: the expressions substituted for the variables of instantiated modules
  that it reads (``votes`` in ``V == INSTANCE Voting``, which Paxos defines from ``msgs``;
  ``[p \\in ProcSet |-> pc_translation(p)]`` in ``INSTANCE Barrier WITH pc <- ...``), each
  as ``(expression, scope)``,

or None when the reads cannot be listed. The rule: the value of an expression (in a state,
or a step for an action) is a function of the values its roots take there. A module's
definitions read the state only through its variables, and an instantiated module's
variables are the expressions substituted for them: so the walk follows every name to its
definition (through ``I!Op``, cfg substitutions ``Op <- Other`` and operator constants
substituted by operators) and stops at variables and at substituted expressions, without
looking inside the latter. A substitution that is constant drops out.

The walk over-approximates: a bound name that happens to share a module-level name counts
as that name (TLA+ forbids such shadowing anyway), which only adds roots. It gives None for
what it cannot vouch for: operators whose value depends on more than their arguments
(``TLCGet``, ``Print``, ``RandomElement`` and the rest of TLC's context-taking ones,
``JavaTime``, ...), parameterized instances (their parameters live in an environment),
INSTANCE inside LET, and substitutions of action level.
"""
from __future__ import annotations

from typing import Optional

from tla.errors import TLAError
from tla.evaluator.compiler import canonical
from tla.evaluator.scope import (ConstEntry, DefEntry, InstanceEntry, SubstEntry, VarEntry)
from tla.parser import ast as A
from tla.records import record

#: operators of the TLC modules whose value is a function of their arguments
_PURE_TLC = frozenset({":>", "@@", "Permutations", "SortSeq", "Any", "ToString", "TLCEval",
                       "Assert"})
_TLC_MODULES = frozenset({"TLC", "TLCExt", "IOUtils", "Randomization"})


@record
class Roots:
    variables: tuple[int, ...]
    substitutions: tuple[tuple, ...]        # (expression, scope) pairs, state level


class _Unknown(Exception):
    """The walk met something whose reads it cannot list."""


def state_roots(node, scope, model) -> Optional[Roots]:
    """The roots of expression ``node`` of ``scope`` (see the module docstring), or None."""
    walk = _Walk(model)
    try:
        walk.expr(node, scope)
        substitutions = []
        for entry in walk.substituted.values():
            _, level = model.compiler.expr(entry.expr, entry.scope)
            if level >= 2:
                return None
            if level == 1:
                substitutions.append((entry.expr, entry.scope))
        _pure_substitutions(walk, model, set())
    except (_Unknown, TLAError, RecursionError):
        return None
    return Roots(tuple(sorted(walk.variables)), tuple(substitutions))


def _pure_substitutions(walk: "_Walk", model, done: set) -> None:
    """Raise _Unknown when an expression substituted for a variable the walk met (or, in
    turn, for one of those) reads what the walk cannot vouch for: a root is evaluated on
    its own, so evaluating it must have no effect (``TLCSet``, ``Print``)."""
    for key, entry in walk.substituted.items():
        if key not in done:
            done.add(key)
            inner = _Walk(model)
            inner.expr(entry.expr, entry.scope)
            _pure_substitutions(inner, model, done)


class _Walk:
    def __init__(self, model):
        self.model = model
        self.variables: set[int] = set()
        self.substituted: dict[int, SubstEntry] = {}
        self.seen: set[int] = set()         # definitions walked (recursion, sharing)

    def expr(self, node, scope) -> None:
        if isinstance(node, A.OpApp):
            self.entry(scope.lookup(canonical(node.name)))
            for arg in node.args:
                self.expr(arg, scope)
        elif isinstance(node, A.OpArg):
            self.entry(scope.lookup(canonical(node.name)))
        elif isinstance(node, A.Qualified):
            for _, args in node.path[:-1]:
                if args:
                    raise _Unknown              # a parameterized instance
            entry, carried, _, _ = self.model.compiler.resolve_qualified(node, scope)
            if carried:
                raise _Unknown
            self.entry(entry)
            for arg in node.path[-1][1]:
                self.expr(arg, scope)
        elif isinstance(node, A.InstanceDef):
            raise _Unknown
        elif isinstance(node, (tuple, list)):
            for item in node:
                self.expr(item, scope)
        elif hasattr(node, "__match_args__"):
            for name in node.__match_args__:
                if name != "span":
                    self.expr(getattr(node, name), scope)

    def entry(self, entry) -> None:
        """Add what a name denoting ``entry`` reads."""
        t = type(entry)
        if t is VarEntry:
            self.variables.add(entry.index)
        elif t is SubstEntry:
            if entry.op is not None:
                self.entry(entry.op)
            elif entry.var_index is not None:
                self.variables.add(entry.var_index)
            elif entry.expr is None:
                raise _Unknown                  # no substitution: an error when evaluated
            else:
                expr = entry.expr
                named = (entry.scope.lookup(canonical(expr.name))
                         if isinstance(expr, A.OpApp) and not expr.args else None)
                if type(named) is SubstEntry:
                    self.entry(named)           # a variable of the instance around
                else:
                    self.substituted[id(entry)] = entry
        elif t is ConstEntry:
            target = getattr(entry.value, "target", None)
            if target is not None:
                ns = entry.value.ns or self.model.root_ns
                found = ns.lookup(canonical(target))
                if found is None:
                    found = (entry.value.alt or self.model.root_ns).lookup(canonical(target))
                if found is None:
                    raise _Unknown
                self.entry(found)
        elif t is DefEntry:
            if id(entry) in self.seen:
                return
            self.seen.add(id(entry))
            if entry.carry:
                raise _Unknown                  # reads instance parameters
            if entry.builtin is not None:
                b = entry.builtin
                if b.context or (b.module in _TLC_MODULES and b.name not in _PURE_TLC):
                    raise _Unknown
                return
            if entry.bounds is not None:
                self.expr(entry.bounds, entry.ns)
            self.expr(entry.body, entry.ns)
        elif t is InstanceEntry:
            raise _Unknown
