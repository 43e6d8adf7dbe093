"""Stable 64-bit fingerprints of values and states.

Takes values (``tla.evaluator.values``); gives ints in ``[0, 2**64)`` that are the same in
every process and run (never Python's salted ``hash`` of a ``str``), and equal for equal
values whatever their representation (``{1, 2}`` and ``1..2``; an Fcn whatever its dict
order). Sets and functions combine their parts with an order-independent sum of mixed
hashes; tuples combine in order. Fingerprints of sets and functions are cached on the
object. TLC's own FP64 polynomial fingerprints are not reproduced (no output depends on
them except ``-dump dot`` node ids).
"""
from __future__ import annotations

import hashlib

from tla.evaluator import values as V

_M = (1 << 64) - 1
_STR_FP: dict[str, int] = {}

_T_INT = 0x9E3779B97F4A7C15
_T_STR = 0xC2B2AE3D27D4EB4F
_T_BOOL = 0x165667B19E3779F9
_T_MV = 0x27D4EB2F165667C5
_T_TUP = 0x85EBCA77C2B2AE63
_T_SET = 0xFF51AFD7ED558CCD
_T_FCN = 0xC4CEB9FE1A85EC53


def _mix(x: int) -> int:
    """splitmix64's finalizer: a bijection on 64-bit ints with good avalanche."""
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 & _M
    x = (x ^ (x >> 27)) * 0x94D049BB133111EB & _M
    return x ^ (x >> 31)


def _str_fp(s: str) -> int:
    f = _STR_FP.get(s)
    if f is None:
        f = int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        _STR_FP[s] = f
    return f


def fingerprint(v) -> int:
    """The stable fingerprint of value ``v``."""
    t = type(v)
    if t is int:
        return _mix((v & _M) ^ _T_INT)
    if t is str:
        return _mix(_str_fp(v) ^ _T_STR)
    if t is bool:
        return _mix(_T_BOOL + v)
    if t is tuple:
        return _seq_fp(v)
    if t is V.FSet:
        try:
            return v._fp
        except AttributeError:
            pass
        acc = len(v)
        for e in v:
            acc += _mix(fingerprint(e) ^ _T_SET)
        f = v._fp = _mix(acc & _M)
        return f
    if t is V.Fcn:
        try:
            return v._fp
        except AttributeError:
            pass
        acc = len(v.map)
        for a, b in v.map.items():
            acc += _mix((fingerprint(a) * 31 + fingerprint(b)) & _M ^ _T_FCN)
        f = v._fp = _mix(acc & _M)
        return f
    if t is V.ModelValue:
        return _mix(_str_fp(v.name) ^ _T_MV)
    if t is V.LazyFcn:
        return fingerprint(v.materialize())
    if isinstance(v, V.LazySet):
        return fingerprint(v.elements())
    raise V.EvalError(f"TLC was unable to fingerprint the value {V.format_value(v)}.",
                      tlc_code=2147)


def _seq_fp(v: tuple) -> int:
    acc = _T_TUP + len(v)
    for e in v:
        acc = _mix((acc * 0x100000001B3 + fingerprint(e)) & _M)
    return acc


def state_fingerprint(state: tuple) -> int:
    """The stable fingerprint of a state (the tuple of its variables' values)."""
    return _seq_fp(state)
