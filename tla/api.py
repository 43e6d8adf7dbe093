"""Evaluate TLA+ from Python.

>>> import tla
>>> tla.evaluate(r"{x \\in 1..5 : x % 2 = 1}") == frozenset({1, 3, 5})
True
>>> tla.evaluate("x + 1", x=2)
3
>>> tla.evaluate('<<1, "a">>')
(1, 'a')
>>> tla.evaluate("[a |-> 1, b |-> TRUE]")["b"]
True

Values come back as plain Python values:

=======================  ==========================================================
TLA+                     Python
=======================  ==========================================================
integer                  ``int``
``TRUE`` / ``FALSE``     ``bool``
string                   ``str``
model value              :class:`tla.ModelValue` (compares by name)
finite set               ``frozenset``
sequence / tuple         ``tuple`` (``<<>>`` is ``()``)
function / record        ``frozendict`` (a read-only mapping; records map field names)
infinite set             the evaluator's lazy set (supports ``in``), e.g. ``Nat``
operator (LAMBDA)        the evaluator's operator value
=======================  ==========================================================

Python values given as constants are converted the other way (``set``/``frozenset`` to sets,
``list``/``tuple`` to sequences, ``dict`` to functions).

``tla.load("Spec.tla", constants={...})`` loads a module (with what it EXTENDS and
INSTANCEs) and gives a :class:`Spec` whose :meth:`Spec.evaluate` sees its definitions.
Operators can be given Python implementations, as TLC's Java overrides: see
:func:`override`.
"""
from __future__ import annotations

from typing import Any, Callable

from frozendict import frozendict

from tla.evaluator import values as V

ModelValue = V.ModelValue

STANDARD_MODULES = "Naturals, Integers, Sequences, FiniteSets, Bags, TLC"

__all__ = ["evaluate", "load", "Spec", "ModelValue", "to_python", "from_python", "override"]


def to_python(value: Any) -> Any:
    """A TLA+ value as a plain Python value (see the table above)."""
    kind = type(value)
    if kind is int or kind is bool or kind is str or kind is V.ModelValue:
        return value
    if kind is tuple:
        return tuple(to_python(x) for x in value)
    if kind is V.Fcn:
        return frozendict({to_python(k): to_python(x) for k, x in value.map.items()})
    if isinstance(value, V.FSet):
        return frozenset(to_python(x) for x in value)
    if isinstance(value, V.SetBase) and value.is_enumerable():
        return frozenset(to_python(x) for x in V.enumerate_set(value))
    if kind is V.LazyFcn:
        return frozendict({to_python(k): to_python(value.apply(k))
                           for k in V.enumerate_set(value.dom)})
    return value


def from_python(value: Any) -> Any:
    """A Python value as a TLA+ value (the inverse of :func:`to_python`)."""
    if isinstance(value, bool) or isinstance(value, (int, str, V.ModelValue)):
        return value
    if isinstance(value, (set, frozenset)) and not isinstance(value, V.SetBase):
        return V.FSet(from_python(x) for x in value)
    if isinstance(value, (list, tuple)):
        return tuple(from_python(x) for x in value)
    if isinstance(value, (dict, frozendict)):
        return V.make_fcn({from_python(k): from_python(x) for k, x in value.items()})
    return value


class Spec:
    """A loaded module: evaluate expressions in the scope of its definitions."""

    def __init__(self, model):
        self.model = model

    def evaluate(self, text: str, state: dict | None = None, **bound: Any) -> Any:
        """The value of ``text`` (a TLA+ expression) as a Python value; ``state`` maps the
        spec's variables to (Python) values, ``bound`` names are in scope with the given
        values."""
        from tla.evaluator.model import run_with_big_stack
        raw = {k: from_python(v) for k, v in bound.items()}
        st = None
        if state is not None:
            st = tuple(from_python(state[n]) if n in state else None
                       for n in self.model.variables)
        # deep expressions and recursive operators need more than the caller's stack
        return run_with_big_stack(lambda: to_python(self.model.evaluate(text, st, **raw)))

    @property
    def variables(self) -> list[str]:
        return list(self.model.variables)

    def __repr__(self) -> str:
        return f"<tla.Spec {self.model.root.name}>"


def _standard_spec() -> Spec:
    global _STANDARD
    if _STANDARD is None:
        from tla.evaluator.loading import load_text
        from tla.evaluator.model import build_model
        tree = load_text(f"---- MODULE Python ----\nEXTENDS {STANDARD_MODULES}\n====\n",
                         "<python>")
        _STANDARD = Spec(build_model(tree))
    return _STANDARD


_STANDARD: Spec | None = None


def evaluate(text: str, **bound: Any) -> Any:
    """Evaluate a constant TLA+ expression with the standard modules in scope.

    Raises :class:`tla.errors.TLAError` subclasses (with the location in ``text``) for
    syntax and evaluation errors.
    """
    return _standard_spec().evaluate(text, **bound)


def load(path, constants: dict | None = None, substitutions: dict | None = None) -> Spec:
    """Load the module in ``path`` (with what it EXTENDS/INSTANCEs, found next to it, on
    TLA_PATH, or among pytlc's standard modules) with the given constants (Python values)
    and cfg-style substitutions (``{"Op": "OtherOp"}``)."""
    import os
    from tla.evaluator.loading import load_file
    from tla.evaluator.model import build_model
    values = {k: from_python(v) for k, v in (constants or {}).items()}
    return Spec(build_model(load_file(os.fspath(path)), constants=values,
                            substitutions=substitutions))


def override(module: str, name: str) -> Callable[[Callable], Callable]:
    """Register a Python implementation of operator ``name`` of ``module`` (TLC's Java
    overrides). The function receives TLA+ values; register before loading the spec.

    >>> @override("MyMath", "Double")
    ... def double(x):
    ...     return 2 * x
    """
    from tla.modules.registry import builtin
    return builtin(module, name)
