r"""The leading test of a split action, for the dispatcher to skip instances it disables.

Takes an action of the split next-state relation (its node, scope and environment: an
operator's body with the operator's parameters bound to values). Gives its
:class:`LeadingTest` when the action is a conjunction whose first conjunct compares a
*state read* with a literal, or None:

    a3(self) == /\ pc[self] = "a3"                ReceiveAck(p, q) == /\ network[q][p] # << >>
                /\ ...                                                 /\ ...

A state read is a variable, a parameter's value or a literal, applied to arguments that are
such reads (``f[x]``) or taking a record's field (``r.f``). Reads equal in form, variables
and parameter values give the same value in every state: the actions split from one
next-state relation share many (PlusCal's ``pc[self]`` in each of a process's labels, a
channel in each of the receive actions for one pair of processes), and the dispatcher
(``CodeGen.dispatcher``) evaluates each once per state.

The first conjunct may also be a read alone (``up[n]``, taken as ``up[n] = TRUE``) or
negated (``~up[n]``), and the literal a constant of the model that is an untyped model
value (``leader = NoNode``).

The rule (TLC's): a conjunction evaluates its conjuncts left to right and stops at the
first that is false, so an action whose first conjunct is false yields no step and reads
nothing more. The dispatcher skips an instance only where the read gave a value of the
literal's own Python type that makes the comparison false (``"a4"`` against ``= "a3"``,
``<< >>`` against ``# << >>``); a read that raises, or a value of another type (a
comparison TLC may refuse), leaves the instance to run and decide, as it does today.
"""
from __future__ import annotations

from typing import Optional

from tla.parser import ast as A
from tla.evaluator.compiler import canonical
from tla.evaluator.scope import BoundEntry, ConstEntry, VarEntry
from tla.evaluator.values import ModelValue
from tla.records import record


@record
class LeadingTest:
    #: identifies the read: equal keys read equal values in every state
    key: tuple
    #: the read as parts: ("var", index), ("value", v), ("apply", f, x), ("field", r, name)
    read: tuple
    #: "=" or "#"
    op: str
    #: the literal compared with (an int, a str, a bool, the empty tuple or an untyped
    #: model value)
    literal: object


def leading_test(node, scope, env: dict) -> Optional[LeadingTest]:
    """The leading test of the action ``node`` (see the module docstring), or None."""
    first = _first_conjunct(node)
    if first is None:
        return None
    literal, side, op = _comparison(first, scope)
    if literal is None:
        return None
    read = _read(side, scope, env)
    if read is None or read[0] == "value":
        return None                  # a constant comparison: nothing to share
    return LeadingTest(_key(read), read, op, literal[0])


def _first_conjunct(node):
    """The conjunct of the conjunction ``node`` evaluated first (inside nested ones), or
    None when ``node`` is no conjunction."""
    first = None
    while True:
        while isinstance(node, A.Label):
            node = node.body
        if isinstance(node, A.Junction) and node.kind == "/\\" and node.items:
            node = first = node.items[0]
        elif isinstance(node, A.OpApp) and node.name == "/\\" and len(node.args) == 2:
            node = first = node.args[0]
        else:
            return node if first is not None else None


def _comparison(node, scope) -> tuple:
    """``((literal,), read node, op)`` for a conjunct comparing something with a literal
    (``E = lit``, ``lit # E``; ``E`` alone is ``E = TRUE``, ``~E`` is ``E = FALSE``), else
    ``(None, None, None)``."""
    if isinstance(node, A.OpApp) and len(node.args) == 2 \
            and canonical(node.name) in ("=", "#"):
        left, right = node.args
        literal = _literal(right, scope)
        if literal is not None:
            return literal, left, canonical(node.name)
        literal = _literal(left, scope)
        if literal is not None:
            return literal, right, canonical(node.name)
        return None, None, None
    if isinstance(node, A.OpApp) and len(node.args) == 1 and canonical(node.name) == "~":
        return (False,), node.args[0], "="
    return (True,), node, "="


def _literal(node, scope) -> Optional[tuple]:
    """``(value,)`` for a literal the dispatcher can compare exactly (a constant of the
    model that is a model value, a string, an integer or a boolean counts), else None."""
    if isinstance(node, A.OpApp) and not node.args:
        entry = scope.lookup(canonical(node.name))
        if type(entry) is ConstEntry and entry.arity == 0 and _exact(entry.value) \
                and not (type(entry.value) is ModelValue and entry.value.typ):
            # a typed model value (p_1) is TLC's error against some others: not exact
            return (entry.value,)
        return None
    if isinstance(node, A.Str):
        return (node.value,)
    if isinstance(node, A.Num) and type(node.value) is int:
        return (node.value,)
    if isinstance(node, A.Bool):
        return (node.value,)
    if isinstance(node, A.Tuple) and not node.elems:
        return ((),)
    return None


def _exact(value) -> bool:
    """Whether ``value`` is compared by the dispatcher exactly: an int, a string, a
    boolean or a model value."""
    return type(value) in (int, str, bool, ModelValue)


def _read(node, scope, env: dict) -> Optional[tuple]:
    """The parts of ``node`` as a state read (see the module docstring), or None."""
    if isinstance(node, A.OpApp) and not node.args:
        entry = scope.lookup(canonical(node.name))
        if type(entry) is VarEntry:
            return ("var", entry.index)
        if type(entry) is BoundEntry and entry.arity == 0 and entry.name in env:
            value = env[entry.name]
            if _exact(value):
                return ("value", value)
        return None
    literal = _literal(node, scope)
    if literal is not None:
        return ("value", literal[0])
    if isinstance(node, A.FunApp) and len(node.args) == 1 \
            and not isinstance(node.fn, A.FunCons):
        f = _read(node.fn, scope, env)
        x = _read(node.args[0], scope, env) if f is not None else None
        if x is not None:
            return ("apply", f, x)
        return None
    if isinstance(node, A.FieldAccess):
        r = _read(node.record, scope, env)
        if r is not None:
            return ("field", r, node.field)
    return None


def _key(read: tuple) -> tuple:
    """The read with each value tagged by its type (1 and TRUE are equal to Python)."""
    kind = read[0]
    if kind == "var":
        return read
    if kind == "value":
        return ("value", type(read[1]).__name__, read[1])
    if kind == "apply":
        return ("apply", _key(read[1]), _key(read[2]))
    return ("field", _key(read[1]), read[2])


def python_read(read: tuple, const) -> str:
    """The read as a Python expression over the state ``s``; ``const(value)`` names a value
    in the generated unit. ``ap`` and ``fld`` raise where the reference would."""
    kind = read[0]
    if kind == "var":
        return f"s[{read[1]}]"
    if kind == "value":
        v = read[1]
        return repr(v) if type(v) in (int, str, bool) else const(v)
    if kind == "apply":
        return f"ap({python_read(read[1], const)}, {python_read(read[2], const)})"
    return f"fld({python_read(read[1], const)}, {read[2]!r})"


def python_read_lines(read: tuple, var: str, const) -> list[str]:
    """Statements giving ``var`` the read's value (as :func:`python_read`), taking in line
    a tuple indexed by a positive integer (``pc[self]`` of processes 1..N), a function's
    value at an integer other than 0 and 1 (processes 0..N-1), a model value or a string,
    and a record's field; ``ap`` and ``fld`` take the other cases (and raise where the
    reference would)."""
    kind = read[0]
    if kind not in ("apply", "field"):
        return [f"{var} = {python_read(read, const)}"]
    lines = python_read_lines(read[1], var, const)
    if kind == "field":
        return lines + _looked_up(var, repr(read[2]), "fld")
    x = read[2]
    if x[0] == "value" and type(x[1]) is int and x[1] not in (0, 1):
        # a dict finds 2 only under 2 (TRUE and FALSE are 1 and 0 to Python)
        k = x[1]
        by_position = f"{var}[{k - 1}] if type({var}) is tuple and len({var}) >= {k} else " \
            if k > 0 else ""
        return lines + _looked_up(var, str(k), "ap", by_position)
    if x[0] == "value" and type(x[1]) is int and x[1] == 1:
        return lines + [f"{var} = {var}[0] if type({var}) is tuple and len({var}) >= 1 "
                        f"else ap({var}, 1)"]
    if x[0] == "value" and type(x[1]) is not int and type(x[1]) is not bool:
        # a string or a model value: a dict finds it only under an equal key
        return lines + _looked_up(var, python_read(x, const), "ap")
    return lines + [f"{var} = ap({var}, {python_read(x, const)})"]


def _looked_up(var: str, key: str, helper: str, by_position: str = "") -> list[str]:
    """Statements replacing ``var`` by its value at ``key``: found in its dict when it is a
    function (or by ``by_position``, an expression for tuples ending in ``else``), else
    given by ``helper`` (``ap`` or ``fld``), which raises where the reference would."""
    return [f"t = {by_position}{var}.map.get({key}, NOTIN) if type({var}) is Fcn else NOTIN",
            f"{var} = {helper}({var}, {key}) if t is NOTIN else t"]


def python_skip(var: str, test: LeadingTest, const) -> str:
    """A Python condition on the read's value ``var``, true where the test is surely
    false; ``const(value)`` names a model value in the generated unit (model values are
    equal only to themselves: one object per name)."""
    lit = test.literal
    if type(lit) is ModelValue:
        name = const(lit)
        if test.op == "=":
            return f"type({var}) is ModelValue and {var} is not {name}"
        return f"{var} is {name}"
    kind = "tuple" if lit == () and type(lit) is tuple else type(lit).__name__
    if test.op == "=":
        return f"type({var}) is {kind} and {var} != {lit!r}"
    return f"type({var}) is {kind} and {var} == {lit!r}"
