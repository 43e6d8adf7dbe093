"""pytlc: a TLA+ toolkit in Python.

``import tla`` gives the public API: :func:`evaluate` (a TLA+ expression to a Python value),
:func:`load` (a module whose definitions can then be evaluated), :class:`ModelValue`,
:func:`override` (Python implementations of operators). See :mod:`tla.api`. Submodules are
imported lazily so that the command-line tool starts fast.
"""
__version__ = "0.1.0"

import sys as _sys

# TLA+ integers are unbounded in the language and TLC reports its own overflow errors;
# Python's guard against converting huge digit strings must not turn a long literal in a
# spec into a crash.
if hasattr(_sys, "set_int_max_str_digits"):
    _sys.set_int_max_str_digits(0)

__all__ = ["evaluate", "load", "Spec", "ModelValue", "override", "to_python", "from_python"]


def __getattr__(name):
    if name in __all__:
        from tla import api
        return getattr(api, name)
    raise AttributeError(f"module 'tla' has no attribute {name!r}")
