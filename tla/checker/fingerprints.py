"""The search's 64-bit state fingerprints.

Takes: states (tuples of ``tla.evaluator.values`` values) or any single value (a VIEW).
Gives: an int in ``[1, 2**64)`` that is equal for equal TLA+ values whatever their Python
representation (``{1, 2}`` and ``1..2``; a record whatever its dict order), the same in every
process and run (no salted ``str`` hashing, so a checkpoint recovered by another process and
parallel workers agree), and different for different values except by a random-like
collision (TLC's FP64 makes the same bet; the success message estimates its probability).

How: every value is reduced to an integer *lane*; containers combine the lanes of their
parts with CPython's hash of int tuples (ordered: tuples, the state, a function's values
taken in the order of its arguments' lanes) and of int frozensets (unordered: sets), which
is deterministic because only ``str`` and ``bytes`` hashing is salted.

* An integer is its own lane (CPython hashes it to itself), except -1, which CPython hashes
  like -2, and integers beyond 2**60: those get a digest. A set or tuple of such plain
  integers is hashed as it is, at C speed.
* A string or model value's lane is a cached BLAKE2 digest of its text; TRUE and FALSE have
  lanes of their own (TLC tells TRUE from 1; Python's ``hash`` does not).
* The lane of a set or function is kept on the value (its ``_lane`` slot), so the parts
  successors share with each other and with their predecessor (unchanged variables, the
  unchanged entries of a function built with EXCEPT) are walked once. A function's lane is
  also its Python hash (``values.Fcn.__hash__``): a record put into a set has one already.
  Tuples cannot carry it: theirs are remembered by identity in a small cache (holding
  the tuples, so that their ids are not reused); a larger cache keeps many fresh values
  alive and costs more in garbage collection than it saves (measured on
  benchmarks/bench.py). Where variables hold tuples, the search keeps the lanes of the
  variables of each state waiting in its queue, and a successor takes those of the
  variables it shares with its parent (``tla.checker.search``).

This is not ``tla.evaluator.fingerprint`` (which caches its own fingerprints on the values and
serves ``TLCFP``, symmetry and ``-dump dot``): the search only needs a fast, stable identity.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Any, Callable

from tla.blake2 import blake2b
from tla.evaluator import values as V
from tla.errors import EvalError

#: bump when lanes change: checkpoints written with other fingerprints are refused
ALGORITHM = "lanes-3"

_M = (1 << 64) - 1
_SMALL = 1 << 60
_TRUE = 0x9E3779B97F4A7C15
_FALSE = 0xC2B2AE3D27D4EB4F
_MINUS_ONE = 0x165667B19E3779F9
_T_TUPLE = 0x85EBCA77C2B2AE63
_T_SET = 0xFF51AFD7ED558CCD
_T_FCN = 0xC4CEB9FE1A85EC53
_T_MODEL_VALUE = 0x27D4EB2F165667C5
_T_STATE = 0x94D049BB133111EB
#: the tag of a state's tuple of lanes (the search fingerprints successors in line with it)
STATE_TAG = _T_STATE
_EMPTY_TUPLE = hash((_T_TUPLE,)) & _M
#: the empty tuple, one object in CPython (``<<>>``, an empty queue of messages): its lane
#: is read in line in the comprehensions over parts, without a call of lane (MCLamportMutex
#: fingerprints three quarters of a million of them at maxClock = 4)
_EMPTY = ()

_FSet = V.FSet
_Fcn = V.Fcn
_ModelValue = V.ModelValue
_LazyFcn = V.LazyFcn
_LazySet = V.LazySet
#: a lazy set as an enumerated one, with TLC's -maxSetSize refusal where the evaluator has it
_enumerate_lazy = getattr(_LazySet, "enumerated", _LazySet.elements)

#: the types whose values keep their lane (a slot, None until computed)
_KEEP_LANES = frozenset((_ModelValue, _FSet, _Fcn))

_STRING_LANES: dict[str, int] = {}
#: a string's lane if it has one, else None
_known_string = _STRING_LANES.get
#: id(container) -> (container, lane); holding the container keeps its id from being reused
_CONTAINER_LANES: dict[int, tuple[Any, int]] = {}
CACHE_LIMIT = 2048
#: a function domain's lane and canonical order (``domain_lanes``), by the tuple of the
#: arguments in dict order (records of one kind share it)
_DOMAIN_LANES: dict[tuple, tuple] = {}


def domain_lanes(keys: tuple) -> tuple:
    """``(lane of the domain, values in canonical order)`` for functions whose dict holds
    the arguments ``keys`` in this order: the canonical order is that of the arguments'
    lanes, so the values of equal functions built in different orders line up. A function
    keeps it in its ``_dl`` slot (``values.Fcn``); the same object for the same keys while
    the cache holds it."""
    domain = _DOMAIN_LANES.get(keys)
    if domain is not None:
        return domain
    if len(_DOMAIN_LANES) >= CACHE_LIMIT:
        _DOMAIN_LANES.clear()
    key_lanes = [lane(k) for k in keys]
    order = sorted(range(len(keys)), key=key_lanes.__getitem__)
    if len(order) > 1:
        canonical = itemgetter(*order)
    else:
        canonical = tuple
    domain = (hash((_T_FCN, len(keys), *sorted(key_lanes))), canonical)
    _DOMAIN_LANES[keys] = domain
    return domain


def _digest(data: bytes, person: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8, person=person).digest(),
                          "little") | _SMALL


def _string_lane(s: str) -> int:
    lane = _STRING_LANES.get(s)
    if lane is None:
        lane = _STRING_LANES[s] = _digest(s.encode("utf-8"), b"pytlc-str")
    return lane


def _odd_int_lane(n: int) -> int:
    """Lanes of the integers CPython does not hash to themselves."""
    if n == -1:
        return _MINUS_ONE
    return _digest(n.to_bytes(n.bit_length() // 8 + 1, "little", signed=True), b"pytlc-int")


def _plain_ints(values) -> bool:
    """True when every element is an int that is its own lane."""
    for x in values:
        if type(x) is not int or x == -1 or not -_SMALL < x < _SMALL:
            return False
    return True


def lane(v) -> int:
    """The lane of one value (see the module docstring).

    Written for speed (it takes a large share of a search): ints that are their own lane,
    and strings and model values that already have one, are taken inline in the
    comprehensions over parts, and so are functions inside functions (records in a
    function of records) and the sets and functions inside tuples (one test of the type
    against :data:`_KEEP_LANES`, which costs a tuple of tuples nothing more); every value
    with a lane slot has it set when made (None), so it is read without catching an
    AttributeError."""
    t = type(v)
    if t is int:
        if -_SMALL < v < _SMALL and v != -1:
            return v
        return _odd_int_lane(v)
    if t is tuple:
        if not v:
            return _EMPTY_TUPLE
        cached = _CONTAINER_LANES.get(id(v))
        if cached is not None and cached[0] is v:
            return cached[1]
        result = hash((_T_TUPLE, *[x if type(x) is int and -_SMALL < x < _SMALL and x != -1
                                   else (_known_string(x) or lane(x)) if type(x) is str
                                   else (x._lane or lane(x)) if type(x) in _KEEP_LANES
                                   else _EMPTY_TUPLE if x is _EMPTY
                                   else lane(x) for x in v])) & _M
        if len(_CONTAINER_LANES) >= CACHE_LIMIT:
            _CONTAINER_LANES.clear()
        _CONTAINER_LANES[id(v)] = (v, result)
        return result
    if t is _Fcn:
        result = v._lane
        if result is not None:
            return result
        m = v.map
        domain = v._dl
        if domain is None:
            domain = v._dl = domain_lanes(tuple(m))
        values = [x if type(x) is int and -_SMALL < x < _SMALL and x != -1
                  else (_known_string(x) or lane(x)) if type(x) is str
                  else (x._lane or lane(x)) if type(x) is _Fcn or type(x) is _ModelValue
                  else (_TRUE if x else _FALSE) if type(x) is bool
                  else _EMPTY_TUPLE if x is _EMPTY
                  else lane(x) for x in m.values()]
        result = v._lane = hash((domain[0], domain[1](values))) & _M
        return result
    if t is str:
        found = _STRING_LANES.get(v)
        return found if found is not None else _string_lane(v)
    if t is _FSet:
        result = v._lane
        if result is not None:
            return result
        if _plain_ints(v):
            result = hash((_T_SET, len(v), v)) & _M
        else:
            result = hash((_T_SET, len(v), frozenset(map(lane, v)))) & _M
        v._lane = result
        return result
    if t is bool:
        return _TRUE if v else _FALSE
    if t is _ModelValue:
        result = v._lane
        if result is None:
            result = v._lane = _string_lane(v.name) ^ _T_MODEL_VALUE
        return result
    if t is _LazyFcn:
        return lane(v.materialize())
    if isinstance(v, _LazySet):
        return lane(_enumerate_lazy(v))
    raise EvalError(f"TLC was unable to fingerprint the value {V.format_value(v)}.",
                    tlc_code=2147)


def state_fingerprint(state: tuple) -> int:
    """The fingerprint of a state (the tuple of its variables' values); never 0."""
    # the lanes that sets and functions keep are read in line, without a call of lane per
    # variable (callgrind, ACP_SB_TLC: -0.7 % of a run whose states hold functions)
    return (hash((_T_STATE, *[(x._lane or lane(x)) if type(x) is _Fcn or type(x) is _FSet
                              else lane(x) for x in state])) & _M) or 1


#: the state :func:`recalled_state_fingerprint` fingerprinted last, and its fingerprint
_recent: list = [None, 0]


def recalled_state_fingerprint(state: tuple) -> int:
    """:func:`state_fingerprint`, answered without a walk when ``state`` is the very state
    asked about last. The search uses it when an action property keys states by their
    fingerprints (``tla.checker.remembered_steps``): the property then asks again for
    the successor the search has just fingerprinted. Elsewhere the check costs more than
    it saves (0.5 % of the instructions of models without such a property)."""
    if _recent[0] is state:
        return _recent[1]
    fp = state_fingerprint(state)
    _recent[0] = state
    _recent[1] = fp
    return fp


def value_fingerprint(v) -> int:
    """The fingerprint of any value (a VIEW's value); never 0."""
    return (hash((_T_STATE, lane(v))) & _M) or 1


def fingerprint_function(key: Callable[[tuple], Any] | None,
                         recall: bool = False) -> Callable[[tuple], int]:
    """What the search uses to identify a state: the state's fingerprint, the fingerprint
    of ``key(state)`` (a VIEW), or ``key(state)`` itself when the key says it gives 64-bit
    fingerprints (its ``gives_fingerprints`` attribute: the symmetry reduction's key).
    With ``recall``, a state's own fingerprint is :func:`recalled_state_fingerprint`."""
    if key is None:
        return recalled_state_fingerprint if recall else state_fingerprint
    if getattr(key, "gives_fingerprints", False):
        return lambda state: (key(state) & _M) or 1
    return lambda state: value_fingerprint(key(state))
