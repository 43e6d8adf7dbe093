"""The registry of Python implementations of module operators (TLC's Java overrides).

Each standard or community module ships a ``.tla`` file of its own in this folder (what SANY
reads: the names, arities and TLA+ definitions) and, for the operators TLC implements in
Java, a Python implementation registered here. When the evaluator binds a definition of
module ``M`` named ``Op`` and ``(M, Op)`` is registered, the Python function replaces the
TLA+ body, exactly as TLC's ``@TLAPlusOperator`` overrides do.

A Python implementation is registered with :func:`builtin`::

    @builtin("Sequences", "Append")
    def append(seq, elem):
        ...

Calling conventions:

* By default the function receives the *values* of the arguments, already evaluated, and
  returns a value (see ``tla.evaluator.values`` for the Python representation of values).
* An argument that is an operator (a higher-order parameter such as ``Op`` in
  ``FoldSet(Op(_, _), base, S)``) arrives as a Python callable taking values.
* ``context=True``: the function also receives, first, the evaluator's
  :class:`~tla.evaluator.context.CallContext` (the call's source span, ``TLCGet``/``TLCSet``
  registers, the output sink for ``Print``, the spec's directory for file readers, ...).
* ``lazy=True``: the function receives zero-argument callables (thunks) instead of values,
  for operators that must not evaluate every argument (``TLCEval`` is strict; ``Assert`` is
  not lazy, but ``AssertError`` is).
* ``constant=True``: the result depends only on the arguments even though the function
  takes the context (file readers need the spec's directory, not the state), so a
  definition using it is constant-level and evaluated once, as TLC precomputes constant
  definitions. Without it a context-taking operator counts as state-level (``TLCGet``).

Errors are raised as :class:`tla.errors.EvalError` with TLC's wording; the evaluator fills in
the span of the call when the function leaves it empty.
"""
from __future__ import annotations

from typing import Callable

from tla.records import record

__all__ = ["Builtin", "builtin", "lookup", "load_all", "BUILTINS", "IMPLEMENTED_IN"]


@record
class Builtin:
    module: str
    name: str
    fn: Callable
    context: bool = False
    lazy: bool = False
    constant: bool = False

    @property
    def level(self) -> int:
        """0 when a call's value depends on its arguments only, 1 when it may depend on the
        state being evaluated (through the call context)."""
        return 1 if self.context and not self.constant else 0


#: (module name, operator name) -> implementation
BUILTINS: dict[tuple[str, str], Builtin] = {}


def builtin(module: str, name: str, *, context: bool = False, lazy: bool = False,
            constant: bool = False):
    """Register the decorated function as the implementation of ``module``'s ``name``."""
    def register(fn: Callable) -> Callable:
        key = (module, name)
        if key in BUILTINS:
            raise RuntimeError(f"two Python implementations of {module}!{name}")
        BUILTINS[key] = Builtin(module, name, fn, context, lazy, constant)
        return fn
    return register


#: the implementation modules (``tla.modules.impl_*``) that register each TLA+ module's
#: operators: a spec's run imports only those of the modules it uses (start-up time). The
#: tests check this table against the registrations.
IMPLEMENTED_IN: dict[str, tuple[str, ...]] = {
    "Bags": ("impl_bags",), "BagsExt": ("impl_bags",),
    "Bitwise": ("impl_bitwise",),
    "CSV": ("impl_csv",),
    "DyadicRationals": ("impl_dyadicrationals",),
    "FiniteSets": ("impl_finitesets",),
    "FiniteSetsExt": ("impl_finitesetsext", "impl_folds"),
    "Folds": ("impl_folds",),
    "Functions": ("impl_folds", "impl_functions"),
    "Graphs": ("impl_graphs",), "UndirectedGraphs": ("impl_graphs",),
    "IOUtils": ("impl_ioutils",),
    "Json": ("impl_json",),
    "Naturals": ("impl_naturals",), "Integers": ("impl_naturals",), "Reals": ("impl_naturals",),
    "Randomization": ("impl_randomization",),
    "SVG": ("impl_svg",),
    "Sequences": ("impl_sequences",),
    "SequencesExt": ("impl_sequencesext",),
    "Statistics": ("impl_statistics",),
    "TLC": ("impl_tlc",),
    "TLCExt": ("impl_tlcext",),
    "VectorClocks": ("impl_vectorclocks",),
}

_loaded: set[str] = set()


def lookup(module: str, name: str) -> Builtin | None:
    """The registered implementation of ``module``'s operator ``name``, if any. The first
    lookup in a module imports the implementation modules of that module
    (:data:`IMPLEMENTED_IN`)."""
    if module not in _loaded:
        _load(module)
    return BUILTINS.get((module, name))


def _load(module: str) -> None:
    import importlib
    _loaded.add(module)
    for impl in IMPLEMENTED_IN.get(module, ()):
        importlib.import_module(f"tla.modules.{impl}")


def load_all() -> None:
    """Import every implementation module (for tools and tests that list them all)."""
    for module in IMPLEMENTED_IN:
        if module not in _loaded:
            _load(module)
