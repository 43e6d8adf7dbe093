"""How much code an expression expands to: the generator's cost, estimated before it runs.

Takes an expression and its scope; gives the number of syntax nodes the generator would
walk, capped at ``cap``: every call of a non-recursive definition counts the definition's
body (the generator expands them in place), a LET definition's body counts at each of its
uses, a name an INSTANCE substitutes counts its expression (``WITH c <- e``), and so does an
argument passed by name. An INSTANCE-qualified name (``R!Spec``) counts as ``cap``:
refinement mappings expand to the largest code of all.

Used to choose a predicate's warm-up: writing code for a small formula pays back after a
few calls, for a large one (EWD998ChanID's refinement formulas: up to 0.4 s each) only
after many.
"""
from __future__ import annotations

from tla.parser import ast as A
from tla.evaluator.compiler import canonical
from tla.evaluator.scope import ArgEntry, DefEntry, SubstEntry


def expanded_size(node, scope, cap: int = 2000, memo: dict | None = None) -> int:
    """The estimate described in the module docstring (at most ``cap``). ``memo``: a dict
    kept between calls with one ``cap``, where the sizes of definitions found once are kept
    (a model's predicates call the same operators)."""
    # id(entry) -> (entry, size of what it stands for)
    sizes: dict = {} if memo is None else memo

    def of(entry, expr, scope) -> int:
        """The size of ``expr`` (read in ``scope``), which ``entry`` stands for."""
        hit = sizes.get(id(entry))
        if hit is not None and hit[0] is entry:
            return hit[1]
        sizes[id(entry)] = (entry, cap)        # recursion: as large as allowed
        n = cap if scope is None else walk(expr, scope, 0)
        sizes[id(entry)] = (entry, n)
        return n

    def walk(x, scope, n: int) -> int:
        if n >= cap:
            return cap
        if isinstance(x, A.Qualified):
            return cap
        if isinstance(x, A.OpApp):
            n += 1
            entry = scope.lookup(canonical(x.name))
            if type(entry) is _SizedLet:
                n += entry.size
            elif type(entry) is DefEntry and entry.builtin is None and \
                    entry.bounds is None and not entry.recursive:
                n += of(entry, entry.body, entry.ns)
            elif type(entry) is SubstEntry and entry.expr is not None:
                n += of(entry, entry.expr, entry.scope)
            elif type(entry) is ArgEntry:
                n += of(entry, entry.node, entry.scope)
            for a in x.args:
                n = walk(a, scope, n)
            return min(n, cap)
        if isinstance(x, A.Let):
            return walk(x.body, _LetSizes(scope, x, of_let, cap), n + 1)
        if isinstance(x, (tuple, list)):
            for y in x:
                n = walk(y, scope, n)
            return n
        if hasattr(x, "__match_args__"):
            n += 1
            for f in x.__match_args__:
                if f != "span":
                    n = walk(getattr(x, f), scope, n)
            return min(n, cap)
        return n

    def of_let(d, scope) -> int:
        return walk(getattr(d, "body", None), scope, 0)

    return walk(node, scope, 0)


class _LetSizes:
    """A scope for sizing a LET's body: its definitions' names count their bodies."""

    def __init__(self, parent, let, of_let, cap: int):
        self.parent = parent
        self.defs = {canonical(d.name): d for d in let.defs if hasattr(d, "name")}
        self.of_let = of_let
        self.cap = cap
        self.sized: dict = {}

    def lookup(self, name):
        d = self.defs.get(name)
        if d is None:
            return self.parent.lookup(name)
        known = self.sized.get(name)
        if known is None:
            self.sized[name] = _SizedLet(self.cap)      # recursion: as large as allowed
            known = self.sized[name] = _SizedLet(self.of_let(d, self))
        return known


class _SizedLet:
    """A LET definition standing in a :class:`_LetSizes` scope, its size known."""

    def __init__(self, size: int):
        self.size = size
