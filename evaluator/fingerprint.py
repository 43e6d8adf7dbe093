"""Stable 64-bit fingerprints of values and states.

Takes values (``tla.evaluator.values``); gives ints in ``[0, 2**64)`` that are the same in
every process and run (never Python's salted ``hash`` of a ``str``), and equal for equal
values whatever their representation (``{1, 2}`` and ``1..2``; an Fcn whatever its dict
order). Each part is reduced to an integer tagged by its kind (strings through a cached
BLAKE2 digest) and parts are combined with Python's hash of tuples of integers (a tuple; a
function's pairs, gathered in a frozenset), which is deterministic: only ``str`` hashing is
salted per process. A set's fingerprint is the hash of its size plus the sum of its
elements' (mod 2**64), a sum the symmetry key computes for every permutation at once
(``tla.checker.symmetry``). Fingerprints of sets and functions are cached on the object.
TLC's own FP64 polynomial fingerprints are not reproduced (no output depends on them
except ``-dump dot`` node ids).
"""
from __future__ import annotations

from tla.blake2 import blake2b


#: bump when fingerprints change: a checkpoint of a symmetric run (whose store holds
#: fingerprints of permuted states) made with others is refused
ALGORITHM = "fp-2"

_M = (1 << 64) - 1
_STR_FP: dict[str, int] = {}
_STR_DIGEST: dict[str, int] = {}

_T_INT = 0x9E3779B97F4A7C15
_T_STR = 0xC2B2AE3D27D4EB4F
_T_BOOL = 0x165667B19E3779F9
_T_MV = 0x27D4EB2F165667C5
_T_TUP = 0x85EBCA77C2B2AE63
_T_SET = 0xFF51AFD7ED558CCD
_T_FCN = 0xC4CEB9FE1A85EC53
_T_MINUS_ONE = 0x94D049BB133111EB


def _str_fp(s: str) -> int:
    f = _STR_DIGEST.get(s)
    if f is None:
        f = int.from_bytes(blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        _STR_DIGEST[s] = f
    return f


def fingerprint(v) -> int:
    """The stable fingerprint of value ``v``. Parts are reduced to integers (strings through
    a cached BLAKE2 digest) and combined with Python's hash of tuples and frozensets of
    integers, which is the same in every process (only ``str`` hashing is salted)."""
    t = type(v)
    if t is int:
        # CPython hashes -1 like -2 (-1 is its C error value), so -1 gets a lane of its own
        return hash((_T_INT, v if v != -1 else _T_MINUS_ONE)) & _M
    if t is str:
        f = _STR_FP.get(v)
        if f is None:
            f = _STR_FP[v] = hash((_T_STR, _str_fp(v))) & _M
        return f
    if t is bool:
        return hash((_T_BOOL, 1 if v else 0)) & _M
    if t is tuple:
        return hash((_T_TUP,) + tuple(map(fingerprint, v))) & _M
    if t is V.FSet:
        f = v._fp
        if f is not None:
            return f
        # a sum, so that the symmetry key can add the fingerprints of a set's elements
        # under every permutation at once (tla.checker.symmetry): the elements'
        # fingerprints are already mixed, and the tuple hash mixes the sum again
        f = v._fp = hash((_T_SET, (len(v) + sum(map(fingerprint, v))) & _M)) & _M
        return f
    if t is V.Fcn:
        f = v._fp
        if f is not None:
            return f
        m = v.map
        f = v._fp = hash((_T_FCN, len(m), frozenset(zip(map(fingerprint, m),
                                                          map(fingerprint, m.values()))))) & _M
        return f
    if t is V.ModelValue:
        return hash((_T_MV, _str_fp(v.name))) & _M
    if t is V.LazyFcn:
        return fingerprint(v.materialize())
    if isinstance(v, V.LazySet):
        return fingerprint(v.enumerated())
    raise V.EvalError(f"TLC was unable to fingerprint the value {V.format_value(v)}.",
                      tlc_code=2147)


def state_fingerprint(state: tuple) -> int:
    """The stable fingerprint of a state (the tuple of its variables' values)."""
    return hash((_T_TUP,) + tuple(map(fingerprint, state))) & _M


# imported last: values imports this module at its end (no import cycle either way)
from tla.evaluator import values as V  # noqa: E402
