"""The Python API: evaluate TLA+ expressions and load specifications from Python.

Takes text (an expression or a module) and Python values; gives TLA+ values in their
Python representation (``tla.evaluator.values``: int, bool, str, tuple, FSet -- a frozenset
--, Fcn, ModelValue, lazy sets), or plain Python data through :func:`to_python`.

::

    tla.evaluate(r"{x \\in 1..5 : x % 2 = 1}")          # FSet({1, 3, 5})
    tla.evaluate("x + 1", x=2)                          # 3
    spec = tla.load("Spec.tla", constants={"N": 3})
    spec.evaluate("Op(3)")
    spec.model                                          # the checker's Model

Expressions given to :func:`evaluate` see Naturals, Integers, Sequences, FiniteSets, Bags
and TLC. Python arguments are converted by :func:`from_python` (set/frozenset -> set,
list/tuple -> tuple, dict -> function, str/int/bool as is).
"""
from __future__ import annotations

import os

from tla.evaluator import values as V
from tla.evaluator.loading import load_file, load_text
from tla.evaluator.model import Model, build_model, run_with_big_stack

__all__ = ["evaluate", "load", "Spec", "from_python", "to_python"]

_PRELUDE = ("---- MODULE __Eval__ ----\n"
            "EXTENDS Naturals, Integers, Sequences, FiniteSets, Bags, TLC\n====\n")
_prelude_model: Model | None = None


def from_python(v):
    """A TLA+ value for a Python value."""
    t = type(v)
    if t in (int, bool, str) or isinstance(v, (V.SetBase, V.Fcn, V.ModelValue, V.LazyFcn)):
        return v
    if isinstance(v, (set, frozenset)):
        return V.FSet(from_python(x) for x in v)
    if isinstance(v, (list, tuple)):
        return tuple(from_python(x) for x in v)
    if isinstance(v, dict):
        return V.make_fcn({from_python(k): from_python(x) for k, x in v.items()})
    raise TypeError(f"no TLA+ value for the Python value {v!r}")


def to_python(v):
    """Plain Python data for a TLA+ value: sets become frozensets, functions and records
    dicts, tuples tuples, model values stay ModelValue; infinite sets stay lazy."""
    t = type(v)
    if t in (int, bool, str, V.ModelValue):
        return v
    if t is tuple:
        return tuple(to_python(x) for x in v)
    if t is V.Fcn:
        return {to_python(k): to_python(x) for k, x in v.map.items()}
    if t is V.LazyFcn:
        return to_python(v.materialize()) if v.dom.is_enumerable() else v
    if isinstance(v, V.SetBase):
        if t is V.FSet or v.is_enumerable():
            return frozenset(to_python(x) for x in (v if t is V.FSet else v.elements()))
        return v
    return v


def _prelude() -> Model:
    global _prelude_model
    if _prelude_model is None:
        _prelude_model = build_model(load_text(_PRELUDE, "__Eval__.tla"))
    return _prelude_model


def evaluate(text: str, **bindings):
    """The value of a constant-level TLA+ expression; keyword arguments are bound names.
    Evaluation runs on a thread with a large stack (deeply recursive definitions)."""
    model = _prelude()
    bound = {k: from_python(v) for k, v in bindings.items()}
    return run_with_big_stack(model.evaluate, text, **bound)


class Spec:
    """A loaded specification: ``evaluate`` expressions in its scope; ``model`` is the
    checker's :class:`~tla.evaluator.model.Model`."""

    def __init__(self, model: Model):
        self.model = model

    def evaluate(self, text: str, state: dict | None = None, **bindings):
        """Evaluate ``text`` in the root module; ``state`` maps variable names to values."""
        st = None
        if state is not None:
            st = tuple(from_python(state[n]) if n in state else None
                       for n in self.model.variables)
        bound = {k: from_python(v) for k, v in bindings.items()}
        return run_with_big_stack(self.model.evaluate, text, st, **bound)


def load(path: str | os.PathLike, constants: dict | None = None,
         substitutions: dict | None = None) -> Spec:
    """Load the spec at ``path`` (with what it EXTENDS/INSTANCEs, found next to it, on
    TLA_PATH, or among pytlc's standard modules) with CONSTANT values from Python."""
    consts = {k: from_python(v) for k, v in (constants or {}).items()}
    return Spec(build_model(load_file(os.fspath(path)), constants=consts,
                            substitutions=substitutions))
