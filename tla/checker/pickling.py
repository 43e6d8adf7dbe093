"""Reading back what the checker itself pickled (checkpoints, spilled queue chunks, states
sent between worker processes), admitting only pytlc's own classes and plain containers.

Takes: bytes written by ``pickle.dumps`` of states, stores and outcomes. Gives: the objects,
or :class:`pickle.UnpicklingError` when the data names any other global, so that a
checkpoint or spill file cannot make pytlc run arbitrary code.
"""
from __future__ import annotations

import io
import pickle

PROTOCOL = pickle.HIGHEST_PROTOCOL

#: modules whose classes may appear
_ALLOWED_MODULE_PREFIXES = ("tla.evaluator.", "tla.checker.", "tla.modules.")
_ALLOWED_GLOBALS = {
    ("builtins", "frozenset"), ("builtins", "set"), ("builtins", "list"), ("builtins", "dict"),
    ("builtins", "tuple"), ("builtins", "int"), ("builtins", "bool"), ("builtins", "str"),
    ("builtins", "bytearray"), ("builtins", "bytes"),
    ("collections", "deque"), ("collections", "OrderedDict"),
    ("array", "array"), ("array", "_array_reconstructor"),
    ("copyreg", "_reconstructor"), ("copyreg", "__newobj__"),
    ("builtins", "object"),
    ("frozendict", "frozendict"), ("frozendict.core", "frozendict"),
    ("fractions", "Fraction"),
}


class RestrictedUnpickler(pickle.Unpickler):
    """Only pytlc's value and search classes and plain containers may be rebuilt."""

    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        if "." not in name and module.startswith(_ALLOWED_MODULE_PREFIXES):
            # only classes defined in those modules: not functions, not modules they import
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed here")


def loads(data: bytes):
    """``pickle.loads`` restricted to pytlc's own classes."""
    return RestrictedUnpickler(io.BytesIO(data)).load()


def dumps(obj) -> bytes:
    return pickle.dumps(obj, protocol=PROTOCOL)
