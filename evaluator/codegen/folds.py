r"""Recognising recursive operators that fold a set, so that their code can loop.

Takes a recursive operator's definition (a ``DefEntry`` of the reference evaluator); gives a
:class:`SetFold` describing it when its body has the shape of the usual TLA+ fold over a set

    Op(p1, ..., S, ..., pn) ==
        IF S = {} THEN base
                  ELSE LET x == CHOOSE x \in S : TRUE
                       IN  step(x, Op(p1, ..., S \ {x}, ..., pn))

(``Sum(f, S) == ... f[x] + Sum(f, S \ {x})``, ``OrderSet(S) == ... Append(OrderSet(S \ {e}),
e)``), or None.

Why it is the same value: the elements ``CHOOSE`` picks one after the other are those of
``S`` in TLC's order (the first of ``S``, then the first of ``S \ {x}``, which is the second
of ``S``, ...), so with ``x1, ..., xn`` that order

    Op(.., S, ..) = step(x1, step(x2, ... step(xn, base)))

which a loop over the elements from the last to the first computes without recursion,
without building the n sets ``S \ {x}``, and without choosing n times. The recognised shape
is strict about what may differ between levels: only ``S`` changes from one call to the
next, ``step`` does not mention ``S`` itself (only ``x`` and the other parameters) and calls
``Op`` exactly once, not under a connective or a conditional (so that the recursion always
goes all the way down, as the loop does). The loop may evaluate ``step``'s other parts in
another order than the recursion; generated code that raises hands over to the reference
evaluator, which reports errors in TLC's order, and code with effects is not generated.
"""
from __future__ import annotations

from tla.parser import ast as A
from tla.records import record
from tla.evaluator.compiler import canonical

__all__ = ["SetFold", "match_set_fold"]

#: operators whose operands are not all evaluated (the recursion may stop early under them)
_SHORT_CIRCUIT = {"/\\", "\\/", "=>", "<=>", "~"}


@record
class SetFold:
    """The parts of a fold over the parameter at index ``index`` (named ``set_name``):
    ``base`` (the value for the empty set), ``let`` (the ``LET x == CHOOSE ...`` node, its
    single definition binds the element) and ``step`` (its body), in which ``call`` is the
    one recursive call."""
    index: int
    set_name: str
    base: A.Expr
    let: A.Let
    step: A.Expr
    call: A.OpApp


def _name_ref(node, name: str) -> bool:
    return isinstance(node, A.OpApp) and not node.args and canonical(node.name) == name


def _children(node):
    """The sub-nodes of an AST node (fields other than spans, tuples flattened)."""
    fields = getattr(node, "__match_args__", None)
    if fields is None:
        return
    for f in fields:
        if f == "span":
            continue
        v = getattr(node, f)
        if isinstance(v, (tuple, list)):
            for x in v:
                if isinstance(x, (tuple, list)):
                    yield from (y for y in x if hasattr(y, "__match_args__"))
                elif hasattr(x, "__match_args__"):
                    yield x
        elif hasattr(v, "__match_args__"):
            yield v


def _mentions(node, names: set) -> bool:
    """Whether any identifier in ``names`` is applied or referred to anywhere in ``node``
    (a conservative test: a bound variable of the same name counts too)."""
    if isinstance(node, A.OpApp) and canonical(node.name) in names:
        return True
    return any(_mentions(ch, names) for ch in _children(node))


def _strict_path(node, target) -> bool:
    """Whether ``target`` is reached from ``node`` through operator applications, function
    applications and tuples only (every one of which evaluates all its operands)."""
    if node is target:
        return True
    if isinstance(node, A.OpApp):
        if canonical(node.name) in _SHORT_CIRCUIT:
            return False
        return any(_strict_path(a, target) for a in node.args)
    if isinstance(node, A.FunApp):
        return _strict_path(node.fn, target) or any(_strict_path(a, target)
                                                     for a in node.args)
    if isinstance(node, A.Tuple):
        return any(_strict_path(a, target) for a in node.elems)
    return False


def _calls(node, name: str) -> list:
    """The applications of ``name`` (with arguments) in ``node``."""
    found = []

    def walk(x):
        if isinstance(x, A.OpApp) and canonical(x.name) == name and x.args:
            found.append(x)
        for ch in _children(x):
            walk(ch)
    walk(node)
    return found


def match_set_fold(entry) -> SetFold | None:
    """The fold ``entry`` (a recursive operator's DefEntry) computes, or None when its
    definition does not have the shape described in the module docstring."""
    params = getattr(entry, "params", None)
    body = getattr(entry, "body", None)
    if not params or body is None or any(p.arity for p in params):
        return None
    if not isinstance(body, A.If):
        return None
    names = [p.name for p in params]
    # IF S = {} (or {} = S)
    cond = body.cond
    if not (isinstance(cond, A.OpApp) and canonical(cond.name) == "=" and len(cond.args) == 2):
        return None
    a, b = cond.args
    if isinstance(a, A.SetEnum):
        a, b = b, a
    if not (isinstance(b, A.SetEnum) and not b.elems and isinstance(a, A.OpApp)
            and not a.args and a.name in names):
        return None
    set_name = a.name
    index = names.index(set_name)
    # ELSE LET x == CHOOSE x \in S : TRUE IN step
    let = body.else_
    if not (isinstance(let, A.Let) and len(let.defs) == 1):
        return None
    d = let.defs[0]
    if not (isinstance(d, A.OpDef) and not d.params and isinstance(d.body, A.Choose)):
        return None
    ch = d.body
    bound = ch.bound
    if not (isinstance(ch.body, A.Bool) and ch.body.value and not bound.tuple_pattern
            and len(bound.names) == 1 and _name_ref(bound.domain, set_name)):
        return None
    x = d.name
    if x in names:
        return None
    step = let.body
    op = canonical(entry.name)
    calls = _calls(step, op)
    if len(calls) != 1:
        return None
    call = calls[0]
    if len(call.args) != len(params):
        return None
    for i, (arg, name) in enumerate(zip(call.args, names)):
        if i == index:
            # S \ {x}
            if not (isinstance(arg, A.OpApp) and canonical(arg.name) == "\\"
                    and len(arg.args) == 2 and _name_ref(arg.args[0], set_name)
                    and isinstance(arg.args[1], A.SetEnum) and len(arg.args[1].elems) == 1
                    and _name_ref(arg.args[1].elems[0], x)):
                return None
        elif not _name_ref(arg, name):
            return None
    if not _strict_path(step, call):
        return None
    # step may not see S, nor the operator, other than through the call
    if _mentions_outside(step, call, {set_name, op}):
        return None
    if _mentions(body.cond, {op}) or _mentions(body.then, {op}):
        return None
    return SetFold(index, set_name, body.then, let, step, call)


def _mentions_outside(node, skip, names: set) -> bool:
    """``_mentions`` that does not look inside the node ``skip``."""
    if node is skip:
        return False
    if isinstance(node, A.OpApp) and canonical(node.name) in names:
        return True
    return any(_mentions_outside(ch, skip, names) for ch in _children(node))
