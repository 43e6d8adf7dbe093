"""TLA+ values as Python objects: representation, equality, membership, TLC's order.

Takes nothing; gives the value classes and the operations every part of pytlc shares.
Implements TLC's value semantics (``tlc2/value/impl``): tuples are functions on ``1..n``,
records are functions on strings, equality across kinds TLC cannot compare is an error,
sets enumerate in TLC's normalized order (tlc-interface.md §3.2, §3.3).

Representation (chosen by measurement, see tests/evaluator/bench.py)::

    TLA+ value                         Python value
    ---------------------------------  -------------------------------------------------
    integer                            int  (never bool)
    TRUE / FALSE                       bool
    string                             str
    model value                        ModelValue (interned by name: ModelValue("p1") is ModelValue("p1"))
    tuple / sequence, and every        tuple  (<<>> is (); any function with empty domain is ())
      function whose domain is 1..n
    record, any other function         Fcn (an immutable dict ``fcn.map``; a record is a
                                       function on strings)
    finite enumerated set              FSet (a frozenset subclass; ``{}`` is EMPTY)
    lazy / infinite sets               subclasses of LazySet: Interval, Nat, Int, Real,
                                       STRING, PowerSet, FcnSet, RecordSet, ProductSet,
                                       SeqSet, FilterSet, UnionSet, CupSet, CapSet, DiffSet
    functions with an infinite domain  LazyFcn (also recursive function definitions)
    an operator passed as a value      OpValue (LAMBDA, or an operator argument)
    a cfg's ``F(1, 2) = v`` lines      ConstantOperator (an OpValue holding the rows)

``isinstance(v, SetBase)`` is true for every set (FSet and lazy ones). Equal sets are ``==``
and hash alike whatever their class (``{1, 2}`` and ``1..2``).

Public API (names are stable):

* constructors: ``FSet(iterable)``, ``EMPTY``, ``BOOLEAN``, ``make_fcn(dict)`` (canonical:
  gives a tuple for a 1..n domain, ``()`` for an empty one), ``make_record(pairs)``,
  ``ModelValue(name)``, ``Interval(lo, hi)`` and the other lazy set classes;
* ``eq(a, b) -> bool``: TLA+ ``=`` with TLC's errors for incomparable values;
* ``member(v, S) -> bool``: ``v \\in S``;
* ``apply(f, arg)``: ``f[arg]`` with TLC's errors; ``domain(f)``; ``field(r, name)``;
* ``as_set(v)`` (a set or a TLC error), ``enumerate_set(S)`` (list in TLC order, errors for
  non-enumerable sets), ``set_size(S)``, ``is_set(v)``, ``is_fcn(v)`` (tuples included);
* ``iter_elements(S)``: the elements one by one in TLC's order without building a lazy set
  whose enumeration is ordered (TLC's lazy enumeration); ``LazySet.enumerated()``: the set
  built as a value (TLC's toSetEnum), refused beyond ``-maxSetSize``
  (``set_max_set_size(n)``) where TLC refuses;
* ``ConstantOperator(name, rows)``: a cfg's ``F(a, b) = v`` lines as an operator value;
* ``sort_key(v)``, ``tlc_sorted(iterable)``, ``compare(a, b)`` for TLC's total order;
* ``intern_index(s)``, ``seed_intern(strings)``, ``reset_intern()``: TLC's intern table;
* ``check_int(n)``, ``INT_BOUND`` switch (``set_int_bound(False)`` lifts TLC's 32-bit range);
* ``kind_name(v)`` ("integer", "string", ...), ``to_fcn_map(v)`` (dict view of any function);
* ``format_value(v)``, ``pretty(v, width=80)`` (from ``tla.evaluator.printing``);
* ``fingerprint(v)``, ``state_fingerprint(state)`` (from ``tla.evaluator.fingerprint``).

Errors are :class:`tla.errors.EvalError` with TLC's wording and no span; the evaluator adds
the span of the expression it was evaluating.
"""
from __future__ import annotations

from bisect import insort
from itertools import chain, product as _iproduct, combinations as _icombinations
from typing import Callable, Iterable, Iterator

from tla.errors import EvalError

__all__ = [
    "ModelValue", "SetBase", "FSet", "EMPTY", "BOOLEAN", "LazySet", "Interval", "NatSet",
    "IntSet", "RealSet", "StringSet", "PowerSet", "FcnSet", "RecordSet", "ProductSet",
    "SeqSet", "FilterSet", "UnionSet", "CupSet", "CapSet", "DiffSet", "Fcn", "LazyFcn",
    "OpValue", "ConstantOperator", "iter_elements", "set_max_set_size", "NAT", "INT",
    "REAL", "STRING", "make_fcn", "make_record", "eq", "member",
    "apply", "domain", "field", "as_set", "enumerate_set", "set_size", "is_set", "is_fcn",
    "sort_key", "tlc_sorted", "compare", "intern_index", "seed_intern", "reset_intern",
    "check_int", "set_int_bound", "kind_name", "to_fcn_map", "format_value", "pretty",
    "fingerprint", "state_fingerprint", "MAX_INT", "MIN_INT", "ENUM_BOUND",
]

MAX_INT = 2147483647
MIN_INT = -2147483648
#: TLC's TLCGlobals.enumBound: sets of records/functions/tuples print expanded below it
ENUM_BOUND = 2000
#: largest set TLC enumerates (-maxSetSize; :func:`set_max_set_size` changes it)
MAX_SET_SIZE = 1000000


def set_max_set_size(n: int) -> None:
    """TLC's ``-maxSetSize``: the largest set that will be enumerated."""
    global MAX_SET_SIZE
    MAX_SET_SIZE = n


# --------------------------------------------------------------------------------------
# Integers
# --------------------------------------------------------------------------------------

INT_BOUND = True


def set_int_bound(enabled: bool) -> None:
    """Turn TLC's 32-bit integer range on (default) or off for the whole process."""
    global INT_BOUND
    INT_BOUND = enabled


def check_int(n: int, what: str | None = None) -> int:
    """``n`` if it is within TLC's 32-bit range (or the bound is lifted); otherwise TLC's
    overflow error (EC 2178) naming ``what`` (the computation, e.g. ``"2147483647+1"``)."""
    if INT_BOUND and not (MIN_INT <= n <= MAX_INT):
        raise EvalError(f"Overflow when computing {what if what is not None else n}.",
                        tlc_code=2178)
    return n


# --------------------------------------------------------------------------------------
# The intern table (TLC's UniqueString order for strings, record fields, model values)
# --------------------------------------------------------------------------------------

_INTERN: dict[str, int] = {}


def intern_index(s: str) -> int:
    """The intern token of ``s``, allocating the next one on first sight."""
    i = _INTERN.get(s)
    if i is None:
        i = _INTERN[s] = len(_INTERN)
    return i


def seed_intern(strings: Iterable[str]) -> None:
    """Intern ``strings`` in order (those already interned keep their place). The model
    builder calls this with cfg model values, SANY's built-in names, the root module's tokens,
    other modules' tokens and string literals, in TLC's order (§3.3)."""
    for s in strings:
        if s not in _INTERN:
            _INTERN[s] = len(_INTERN)


def reset_intern() -> None:
    """Forget every interned string (tests, and a fresh model in the same process).
    Sets sorted before the reset keep their cached order."""
    _INTERN.clear()


# --------------------------------------------------------------------------------------
# Model values
# --------------------------------------------------------------------------------------

class ModelValue:
    """A TLC model value: equal only to itself, comparable with everything, smaller than
    every non-model value, ordered among model values by intern order of the name.

    A model value whose name has at least three characters, the second of them ``_``
    (``p_1``), is *typed*: its type is the first character (``typ``; ``""`` when untyped).
    TLC (``ModelValue.java``) reports an error when a typed model value is compared with,
    tested for equality with, or looked up in a set of, a non-model value or a model value
    of another type; untyped ones are simply unequal to everything else."""
    __slots__ = ("name", "typ", "_lane", "__weakref__")
    _table: dict[str, "ModelValue"] = {}

    def __new__(cls, name: str) -> "ModelValue":
        mv = cls._table.get(name)
        if mv is None:
            mv = object.__new__(cls)
            mv.name = name
            mv.typ = name[0] if len(name) > 2 and name[1] == "_" else ""
            mv._lane = None             # its fingerprint lane, set when first needed
            cls._table[name] = mv
            intern_index(name)
        return mv

    def __reduce__(self):
        return (ModelValue, (self.name,))

    # by identity, in C: there is one object per name in a process (``_table``; unpickling
    # goes through ``__new__``), and nothing needs Python's hash to agree across processes
    # (fingerprints digest the name). Hashing a tuple of model values twice as fast as a
    # Python-level __hash__ (sets of edges <<n1, n2>>, records keyed by processes)
    __hash__ = object.__hash__

    def __eq__(self, other) -> bool:
        # reached for two different model values (the evaluator's fast path for =) and,
        # inside functions being compared, for a model value and another value: TLC's
        # typed rule applies to both
        if self is other:
            return True
        if type(other) is ModelValue:
            if self.typ and other.typ and self.typ != other.typ:
                raise EvalError(f"Attempted to check equality of the differently-typed model "
                                f"values {self.name} and {other.name}")
            return False
        if self.typ:
            raise _typed_eq_error(self, other)
        return False

    def __ne__(self, other) -> bool:
        if self is other:
            return False
        if type(other) is ModelValue and not (self.typ and other.typ):
            return True
        return not self.__eq__(other)

    def __repr__(self) -> str:
        return f"ModelValue({self.name!r})"

    def __lt__(self, other):  # only so that Python never falls over when sorting keys
        return NotImplemented


def _typed_eq_error(mv: ModelValue, other) -> EvalError:
    """TLC's ModelValue.equals: a typed model value tested against a non-model value."""
    return EvalError(f"Attempted to check equality of typed model value {mv.name} and "
                     f"non-model value\n{_pp(other)}")


def _typed_eq_error_rev(other, mv: ModelValue) -> EvalError:
    """TLC's modelValueEquals: a non-model value tested against a typed model value."""
    return EvalError(f"Attempted to check equality of the typed model value {mv.name} and "
                     f"the non-model value\n{_pp(other)}")


def _typed_member_error(mv: ModelValue, S) -> EvalError:
    """TLC's modelValueMember: a typed model value looked up in a set of non-model values
    (intervals, Nat, Int, STRING, Seq(S), [S -> T], [a : S], S \\X T)."""
    return EvalError(f"Attempted to check if the typed model value {mv.name} is an element "
                     f"of\n{_pp(S)}")


def _mv_not_member(mv: ModelValue, S) -> bool:
    """``mv \\in S`` for a set S that holds no model values: FALSE, or TLC's error when
    ``mv`` is typed."""
    if mv.typ:
        raise _typed_member_error(mv, S)
    return False


def _mv_compare_check(a, b) -> None:
    """Raise TLC's error when ordering ``a`` before or after ``b`` involves a typed model
    value and a value of another type (``ModelValue.compareTo``/``modelValueCompareTo``)."""
    if type(a) is ModelValue:
        if not a.typ:
            return
        if type(b) is ModelValue:
            if b.typ and b.typ != a.typ:
                raise EvalError(f"Attempted to compare the differently-typed model values "
                                f"{a.name} and {b.name}")
            return
        raise EvalError(f"Attempted to compare the typed model value {a.name} and non-model "
                        f"value\n{_pp(b)}")
    if type(b) is ModelValue and b.typ:
        raise EvalError(f"Attempted to compare the typed model value {b.name} and the "
                        f"non-model value\n{_pp(a)}")


# --------------------------------------------------------------------------------------
# Kinds and error texts
# --------------------------------------------------------------------------------------

_K_MV, _K_BOOL, _K_INT, _K_STR, _K_SET, _K_FCN, _K_OP = range(7)


def _kind(v) -> int:
    t = type(v)
    if t is int:
        return _K_INT
    if t is str:
        return _K_STR
    if t is bool:
        return _K_BOOL
    if t is tuple or t is Fcn or t is LazyFcn:
        return _K_FCN
    if t is ModelValue:
        return _K_MV
    if isinstance(v, SetBase):
        return _K_SET
    if t is OpValue or t is ConstantOperator:
        return _K_OP
    raise EvalError(f"Not a TLA+ value: {v!r}")


def kind_name(v) -> str:
    """TLC's word for the kind of ``v`` in error messages."""
    return ("model value", "boolean", "integer", "string", "set", "function",
            "operator")[_kind(v)]


def _pp(v) -> str:
    return pretty(v)


def _eq_error(a, b) -> EvalError:
    k = _kind(a)
    if k == _K_INT:
        msg = f"Attempted to check equality of integer {_pp(a)} with non-integer:\n{_pp(b)}"
    elif k == _K_STR:
        msg = f"Attempted to check equality of string {_pp(a)} with non-string:\n{_pp(b)}"
    elif k == _K_BOOL:
        msg = f"Attempted to check equality of boolean {_pp(a)} with non-boolean:\n{_pp(b)}"
    elif k == _K_SET:
        msg = f"Attempted to check equality of the set {_pp(a)} with the value:\n{_pp(b)}"
    elif k == _K_FCN:
        msg = f"Attempted to check equality of the function {_pp(a)} with the value:\n{_pp(b)}"
    else:
        msg = f"Attempted to check equality of operator {_pp(a)} with value:\n{_pp(b)}"
    return EvalError(msg)


def _cmp_error(a, b) -> EvalError:
    k = _kind(a)
    if k == _K_INT:
        msg = f"Attempted to compare integer {_pp(a)} with non-integer:\n{_pp(b)}"
    elif k == _K_STR:
        msg = f"Attempted to compare string {_pp(a)} with non-string:\n{_pp(b)}"
    elif k == _K_BOOL:
        msg = f"Attempted to compare boolean {_pp(a)} with non-boolean:\n{_pp(b)}"
    elif k == _K_SET:
        msg = f"Attempted to compare the set {_pp(a)} with the value:\n{_pp(b)}"
    else:
        msg = f"Attempted to compare the function {_pp(a)} with the value:\n{_pp(b)}"
    return EvalError(msg)


# --------------------------------------------------------------------------------------
# Equality
# --------------------------------------------------------------------------------------

def eq(a, b) -> bool:
    """TLA+ ``a = b`` under TLC's rules: values of kinds TLC cannot compare raise. The
    kinds are checked at the top (and element by element in tuples); the values that
    functions and sets hold are compared as Python compares them: where TLC stops with an
    error on ``[a |-> 1] = [a |-> TRUE]`` this gives TRUE (and FALSE for 1 against "x"),
    a difference only for specs TLC rejects, kept for the speed of ``=`` on records."""
    ta = type(a)
    tb = type(b)
    if ta is tb:
        if ta is tuple:
            return _tuple_eq(a, b)
        return a == b
    # ack[p] = Proc with Proc == 1..N: an enumerated set against an interval is equal to
    # its (cached) enumeration, as LazySet.__eq__ would find by a longer way
    if ta is FSet and tb is Interval:
        return len(a) == b.size() and frozenset.__eq__(a, b.elements())
    if ta is Interval and tb is FSet:
        return len(b) == a.size() and frozenset.__eq__(b, a.elements())
    return _eq_slow(a, b)


def _tuple_eq(a: tuple, b: tuple) -> bool:
    if a is b:
        return True
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is y:                                 # <<e[1], e[2]>> = e: the same parts
            continue
        tx = type(x)
        if tx is type(y) and tx is not tuple:      # eq's own first case, without the call
            if not x == y:
                return False
        elif not eq(x, y):
            return False
    return True


def _eq_slow(a, b) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka == _K_MV:
        if kb == _K_MV:
            return a == b
        if a.typ:
            raise _typed_eq_error(a, b)
        return False
    if kb == _K_MV:
        if b.typ:
            raise _typed_eq_error_rev(a, b)
        return False
    if ka != kb:
        raise _eq_error(a, b)
    if ka == _K_SET:
        return a == b
    if ka == _K_FCN:
        return to_fcn_map(a) == to_fcn_map(b)
    return a == b


# --------------------------------------------------------------------------------------
# Sets
# --------------------------------------------------------------------------------------

class SetBase:
    """Marker base of every set value."""
    __slots__ = ()


_NO_KIND = -1
#: sets up to this size are sorted (and the order cached) to answer ``first``
_SORT_FOR_FIRST = 64


class _ExactUnknown(frozenset):
    """The type of :data:`EXACT_UNKNOWN`."""
    __slots__ = ()


#: an FSet's ``_exact`` before :meth:`FSet.has` has found its exact types: empty, so that
#: ``type(x) in S._exact`` is False and the generated code asks ``S.has(x)``
EXACT_UNKNOWN = _ExactUnknown()
_INT_ONLY = frozenset((int,))
_MIXED = -2


class FSet(frozenset, SetBase):
    """A finite enumerated set. Iterating an FSet directly gives Python's order; use
    :meth:`sorted` (cached) for TLC's normalized order."""
    __slots__ = ("_sorted", "_kindc", "_fp", "_lane", "_key", "_tmv", "_exact")

    def __init__(self, elements=()):
        # every cache starts set: a slot never set is read through an AttributeError,
        # about twenty times the time of a set one, and most sets made are fingerprinted,
        # sorted or asked for members (their caches read first)
        self._sorted = self._kindc = self._fp = self._lane = self._key = self._tmv = None
        self._exact = EXACT_UNKNOWN

    def __reduce__(self):
        # the elements only: the caches (sort keys hold intern indices) are remade where
        # the set is read back, possibly another process (a recovered checkpoint)
        return (FSet, (tuple(self),))

    def sorted(self) -> list:
        """The elements in TLC's normalized order (cached on the set)."""
        s = self._sorted
        if s is not None:
            if type(s) is list:
                return s
            s = self._sorted = s.merged()         # a _GrownOrder (note_grown_order)
            return s
        if len(self) <= 1:
            s = list(self)
            self._sorted = s
            return s
        # a new set of one plain kind is known to hold no model value (and tuples nothing
        # but integers) without the loops of _has_mv and _all_int_tuples
        plain = self._kindc is None and self._note_plain_kind()
        k = self.elem_kind()
        if k == _MIXED:
            self._check_homogeneous()
        if k == _K_INT and (plain or not self._has_mv()):
            s = sorted(self)
        elif k == _K_STR and (plain or not self._has_mv()):
            _intern_new_strings(self)
            s = sorted(self, key=intern_index)
        elif k == _K_FCN and (plain or _all_int_tuples(self)):   # (so no model value either)
            # TLC orders tuples by length, then element by element: Python's order of
            # tuples when they all have one length (edges <<a, b>>, points <<x, y>>)
            if len(set(map(len, self))) == 1:
                s = sorted(self)
            else:
                s = sorted(self, key=_len_then_value)
        else:
            if k == _K_STR:         # (with model values) only then are strings elements
                _intern_new_strings(self)
            s = sorted(self, key=sort_key)
            if self._has_typed_mv():
                _check_typed_order(s)
        self._sorted = s
        return s

    def _note_plain_kind(self) -> bool:
        """For a set whose elements are all integers, all strings, or all tuples of integers
        (most sets a spec sorts: ``S \\ {x}`` in a recursion over ``CHOOSE x \\in S : TRUE``,
        neighbour points ``<<x + 1, y>>``): record the kind :meth:`elem_kind` would find,
        found with C-level passes over the set, and give True. False, recording nothing,
        for any other set (model values, booleans, mixed kinds, nested values)."""
        types = set(map(type, self))
        if len(types) != 1:
            return False
        t = types.pop()
        if t is int:
            k = _K_INT
        elif t is str:
            k = _K_STR
        elif t is tuple and set(map(type, chain.from_iterable(self))) <= _INT_ONLY:
            k = _K_FCN
        else:
            return False
        self._kindc, self._tmv = k, False
        return True

    def first(self):
        """The first element in TLC's order (``CHOOSE x \\in S : TRUE``) without sorting."""
        s = self._sorted
        if s is not None:
            return s[0] if type(s) is list else self.sorted()[0]
        k = self.elem_kind()
        if k == _MIXED:
            self._check_homogeneous()
        if len(self) <= _SORT_FOR_FIRST or self._has_mv():
            # a small set is sorted once: the sets made from it by removing elements keep
            # the order (Sum(f, S \ {x}) after x == CHOOSE x \in S : TRUE)
            return self.sorted()[0]
        if k == _K_INT:
            return min(self)
        if k == _K_STR:
            _intern_new_strings(self)
            return min(self, key=intern_index)
        if k == _K_FCN and _all_int_tuples(self):
            return min(self, key=_len_then_value)
        return min(self, key=sort_key)

    def _has_mv(self) -> bool:
        for e in self:
            if type(e) is ModelValue:
                return True
        return False

    def has(self, x) -> bool:
        """``x \\in S`` by the rules of :meth:`contains`, answered by Python's ``in`` when
        every element is of ``x``'s kind and none is a typed model value: then no TRUE can
        equal 1 and no comparison can be one of TLC's errors (``<<v, c>> \\in edges``, an
        integer in a set of integers)."""
        exact = self._exact
        if exact is EXACT_UNKNOWN:
            exact = self._exact = self._exact_types()
        tx = type(x)
        if tx in exact or (tx is ModelValue and not x.typ):  # (equal to itself only)
            return frozenset.__contains__(self, x)
        return self.contains(x)

    def exact_types(self) -> frozenset:
        """The Python types of the values whose membership Python's ``in`` decides as TLC
        does (see :meth:`has`, which reads the same cache in line)."""
        exact = self._exact
        if exact is EXACT_UNKNOWN:
            exact = self._exact = self._exact_types()
        return exact

    def _exact_types(self) -> frozenset:
        """The Python types of values for which ``in`` is :meth:`contains`: those of the
        elements' kind, when no element is a typed model value (see :meth:`has`)."""
        k = self.elem_kind()
        if self._has_typed_mv():
            return frozenset()
        return _EXACT_TYPES.get(k, frozenset())

    def _has_typed_mv(self) -> bool:
        t = self._tmv
        if t is not None:
            return t
        t = self._tmv = any(type(e) is ModelValue and e.typ for e in self)
        return t

    def _search(self, v) -> bool:
        """``v \\in S`` as TLC's SetEnumValue.member finds it in a normalized set: a binary
        search with ``compareTo``, so that a typed model value meets TLC's errors."""
        lst = self.sorted()
        lo, hi = 0, len(lst)
        while lo < hi:
            mid = (lo + hi) >> 1
            c = compare(v, lst[mid])
            if c == 0:
                return True
            if c < 0:
                hi = mid
            else:
                lo = mid + 1
        return False

    def elem_kind(self) -> int:
        k = self._kindc
        if k is not None:
            return k
        # the kinds of the elements' Python types (one C-level pass over the set)
        k = _NO_KIND
        types = set(map(type, self))
        if ModelValue not in types:
            self._tmv = False
        for t in types:
            ke = _TYPE_KINDS.get(t)
            if ke is None:
                ke = _kind(next(e for e in self if type(e) is t))
            if ke == _K_MV:
                continue
            if k == _NO_KIND:
                k = ke
            elif k != ke:
                k = _MIXED
                break
        self._kindc = k
        return k

    def _check_homogeneous(self) -> None:
        """TLC's comparison error for a set whose elements are of kinds TLC cannot order.
        Which pair TLC reports depends on the order the elements were written in, which a
        set does not keep; the pair reported here is the same in every run: the least
        element of the lowest kind against the least element of another kind."""
        if self.elem_kind() == _MIXED:
            by_kind: dict = {}
            for e in self:
                ke = _kind(e)
                if ke != _K_MV:
                    by_kind.setdefault(ke, []).append(e)
            kinds = sorted(by_kind)
            first = min(by_kind[kinds[0]], key=_stable_key)
            other = min(by_kind[kinds[1]], key=_stable_key)
            raise _cmp_error(first, other)

    def contains(self, v) -> bool:
        if frozenset.__contains__(self, v):
            tv = type(v)
            if tv is bool or tv is int:
                k = self.elem_kind()
                want = _K_BOOL if tv is bool else _K_INT
                if k == want:
                    return True
                if k == _MIXED:
                    return any(type(e) is tv and e == v for e in self)
                raise _eq_error(v, self.sorted()[0])
            if tv is ModelValue and v.typ:
                return self._search(v)
            return True
        if type(v) is ModelValue:
            return self._search(v) if v.typ else False
        k = self.elem_kind()
        if k >= 0 and _kind(v) != k:
            raise _eq_error(v, next(e for e in self if type(e) is not ModelValue))
        if k == _MIXED:
            # TLC searches a set it has not normalized element by element with equals: not
            # finding v, it meets an element of another kind, and that comparison fails
            kv = _kind(v)
            others = [e for e in self if type(e) is not ModelValue and _kind(e) != kv]
            if others:
                # the least element of the lowest kind among them (kinds do not compare)
                raise _eq_error(min(others, key=lambda e: (_kind(e), _stable_key(e))), v)
        if self._has_typed_mv():
            return self._search(v)
        return False

    def size(self) -> int:
        return len(self)

    def is_enumerable(self) -> bool:
        return True

    def elements(self) -> "FSet":
        return self

    def __repr__(self) -> str:
        return f"FSet({format_value(self)})"


def _stable_key(v):
    """A key that orders values of one kind the same way in every run without interning
    anything (for choosing which pair an error names)."""
    t = type(v)
    if t is int or t is bool or t is str:
        return v
    return fingerprint(v)


def _intern_new_strings(elems) -> None:
    """Intern the strings among ``elems`` not interned yet, in alphabetical order. TLC
    interns a string when it creates it, an order a set no longer knows; interning the new
    ones while sorting in the set's iteration order would depend on Python's per-process
    string hashing, so the same run could print differently twice."""
    new = [e for e in elems if type(e) is str and e not in _INTERN]
    if new:
        seed_intern(sorted(new))


class _GrownOrder:
    """The order of a set made by adding a few values to a sorted set, found when first
    asked for: the sorted set's list (shared with it, never changed) and the values added,
    each put in place by a binary search on sort keys (see :func:`note_grown_order`)."""
    __slots__ = ("base", "added")

    def __init__(self, base: list, added: tuple):
        self.base, self.added = base, added

    def merged(self) -> list:
        out = list(self.base)
        for x in self.added:
            insort(out, x, key=sort_key)
        return out


#: at most this many values added are placed one by one
_GROWN_MAX = 4


def note_grown_order(r: FSet, a: FSet, b: FSet) -> None:
    """For ``r == a \\cup b``, larger than ``a``: when ``a`` is sorted (its order cached),
    holds values of one kind that is sorted by keys (records, tuples, sets), no typed model
    value, and ``b`` adds at most :data:`_GROWN_MAX` values of that kind, ``r``'s order is
    noted as ``a``'s with those values inserted, to be merged if ever asked for.

    Why: ``msgs' = msgs \\cup {m}`` and then ``\\E m \\in msgs`` in the successor sorts
    every message set the search meets, record by record through ``sort_key``; the
    successor's order is its parent's with one record placed (a binary search). Kinds and
    the typed model value check are those ``sorted`` would find: ``a``'s, which every added
    value shares (so TLC's comparison errors cannot arise from the values added)."""
    order = a._sorted
    if type(order) is not list or a._tmv is not False:
        return
    kind = a._kindc
    types = _KEYED_KINDS.get(kind)
    if types is None or len(r) - len(a) > _GROWN_MAX:
        return
    added = tuple(frozenset.difference(b, a)) if len(b) > 1 else tuple(b)
    for x in added:
        if type(x) not in types:
            return
    r._sorted = _GrownOrder(order, added)
    r._kindc, r._tmv = kind, False


def note_subset_kind(r: FSet, a: FSet) -> None:
    """For ``r``, a subset of ``a`` whose order has just been taken from ``a``'s: ``a``'s
    kind and the absence of typed model values hold for ``r`` too, unless ``r`` holds model
    values only (which sort first: then its last element is one). Noted so that
    ``(board \\ {pc}) \\cup {m}`` finds the order of ``board \\ {pc}`` ready to grow."""
    kind = a._kindc
    if a._tmv is False and kind is not None and kind >= 0 \
            and type(r._sorted[-1]) is not ModelValue:
        r._kindc, r._tmv = kind, False


def _check_typed_order(elems: list) -> None:
    """TLC cannot normalize a set holding a typed model value together with a non-model
    value or a model value of another type: raise its error for the first such pair."""
    typed = next(e for e in elems if type(e) is ModelValue and e.typ)
    for e in elems:
        if e is not typed:
            _mv_compare_check(typed, e)


def _all_int_tuples(elems) -> bool:
    for e in elems:
        if type(e) is not tuple:
            return False
        for x in e:
            if type(x) is not int:
                return False
    return True


def _len_then_value(v: tuple):
    return (len(v), v)


EMPTY = FSet()
BOOLEAN = FSet((False, True))


#: enumerations of SUBSET / [S -> T] / [a : S] / S \X T shared across evaluations
_MATERIALIZED: dict = {}
_MATERIALIZED_MAX = 512


class LazySet(SetBase):
    """A set kept symbolically. Subclasses give ``contains``, ``is_enumerable``,
    ``_enumerate`` (an iterable of the elements, any order, or TLC's order when the class
    sets ``_ORDERED``) and ``tlc_text`` (how TLC prints it when it does not expand it).

    Two ways to get at the elements, as in TLC: :meth:`iter_sorted` enumerates them one by
    one (TLC's ``elements()``: quantifiers, CHOOSE, ``x \\in S`` in Init and Next, the
    domain of ``{x \\in S : P}``), never refused for size; :meth:`enumerated` builds the set
    as a value (TLC's ``toSetEnum``: fingerprints, equality, order, printing, Cardinality of
    a filtered set). Where TLC collects the elements in a growing vector (``_GROWABLE``),
    building a set of more than ``-maxSetSize`` elements is TLC's error
    ``Attempted to construct a set with too many elements (>N).``; SUBSET and intervals
    are sized up front and are not refused."""
    # ``_mat`` is the set as an FSet once built. Most constructors set it to None, since a
    # slot never set is read through an AttributeError, many times slower; intervals and
    # the infinite sets do not, so it is read with getattr
    __slots__ = ("_mat", "_hash")
    _ORDERED = False
    _GROWABLE = False

    def contains(self, v) -> bool:
        raise NotImplementedError

    def is_enumerable(self) -> bool:
        return True

    def _enumerate(self) -> Iterable:
        raise NotImplementedError

    def elements(self) -> FSet:
        """The set as an FSet (cached); an error for a set TLC cannot enumerate."""
        m = getattr(self, "_mat", None)
        if m is not None:
            return m
        if not self.is_enumerable():
            raise EvalError(self._not_enumerable())
        key = self._memo_key()
        if key is not None:
            m = _MATERIALIZED.get(key)
            if m is not None:
                self._mat = m
                return m
        if self._ORDERED:
            # the enumeration already comes in TLC's order: keep it as the sorted order
            lst = list(self._enumerate())
            m = FSet(lst)
            if len(m) == len(lst):
                m._sorted = lst
        else:
            m = FSet(self._enumerate())
        self._mat = m
        if key is not None:
            if len(_MATERIALIZED) >= _MATERIALIZED_MAX:
                _MATERIALIZED.pop(next(iter(_MATERIALIZED)))
            _MATERIALIZED[key] = m
        return m

    def enumerated(self) -> FSet:
        """The set as an enumerated set value (TLC's ``toSetEnum``), refused with TLC's
        message when it would have more than -maxSetSize elements."""
        if self._GROWABLE:
            if type(self).size is not LazySet.size and self.is_enumerable() \
                    and self.size() > MAX_SET_SIZE:
                # the count is known: refuse before building anything
                raise _too_many_elements()
            m = self.elements()
            if len(m) > MAX_SET_SIZE:
                raise _too_many_elements()
            return m
        return self.elements()

    def iter_sorted(self) -> Iterator:
        """The elements one by one in TLC's order, without building the set when the
        enumeration comes in that order anyway (``[S -> T]``, ``[a : S]``, ``S \\X T``,
        ``SUBSET S``, filters over them)."""
        m = getattr(self, "_mat", None)
        if m is not None:
            return iter(m.sorted())
        if not self.is_enumerable():
            raise EvalError(self._not_enumerable())
        if self._ORDERED:
            return iter(self._enumerate())
        return iter(self.sorted())

    def _not_enumerable(self) -> str:
        return (f"Attempted to enumerate a set of the form {format_value(self)}, but it is "
                f"not enumerable.")

    def _memo_key(self):
        """A key under which the enumeration of equal sets built from the same parts is
        shared (``SUBSET S`` re-evaluated in every state), or None."""
        return None

    def sorted(self) -> list:
        return self.elements().sorted()

    def size(self) -> int:
        return len(self.enumerated())

    def __iter__(self) -> Iterator:
        return iter(self.sorted())

    def __len__(self) -> int:
        return self.size()

    def __eq__(self, other) -> bool:
        if self is other:
            return True
        if not isinstance(other, SetBase):
            return NotImplemented
        if isinstance(other, LazySet):
            s = self._structural_eq(other)
            if s is not None:
                return s
        if not self.is_enumerable() or not other.is_enumerable():
            return _infinite_eq(self, other)
        return frozenset.__eq__(self.enumerated(), _enumerated(other))

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _structural_eq(self, other) -> bool | None:
        return None

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            pass
        h = hash(self.enumerated()) if self.is_enumerable() else hash(self.tlc_text())
        self._hash = h
        return h

    def tlc_text(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.tlc_text()}>"


def _too_many_elements() -> EvalError:
    # TLC's ValueVec.ensureCapacity refuses to grow past TLCGlobals.setBound
    return EvalError(f"Attempted to construct a set with too many elements "
                     f"(>{MAX_SET_SIZE}).")


def _enumerated(S: SetBase) -> FSet:
    return S if type(S) is FSet else S.enumerated()


def iter_elements(S) -> Iterable:
    """The elements of set ``S`` one by one in TLC's order, as TLC's enumerations give them
    (quantifiers, CHOOSE, ``x \\in S`` in Init and Next): a lazy set is not built as a whole
    when its enumeration comes in TLC's order, and never refused for its size."""
    t = type(S)
    if t is FSet:
        return S.sorted()
    if t is Interval:
        return range(S.lo, S.hi + 1)
    return as_set(S).iter_sorted()


def _is_empty(S: SetBase) -> bool | None:
    """Whether ``S`` is empty, when that is known without enumerating a lazy set."""
    t = type(S)
    if t is FSet:
        return len(S) == 0
    if t is Interval:
        return S.hi < S.lo
    if t in (NatSet, IntSet, RealSet, StringSet):
        return False
    return None


def _each(S: SetBase) -> Iterable:
    """The elements of enumerable set ``S`` in any order, lazily where the enumeration
    allows (membership tests; no sorting, which would intern strings early)."""
    t = type(S)
    if t is FSet:
        return S
    if t is Interval:
        return range(S.lo, S.hi + 1)
    m = getattr(S, "_mat", None)
    if m is not None:
        return m
    return S._enumerate() if S._ORDERED else S.elements()


def _infinite_eq(a: SetBase, b: SetBase) -> bool:
    if type(a) is type(b) and type(a) in (NatSet, IntSet, RealSet, StringSet):
        return True
    if a.is_enumerable() != b.is_enumerable():
        return False
    raise EvalError(f"Attempted to check equality of the set {format_value(a)} with the "
                    f"value:\n{format_value(b)}")


class Interval(LazySet):
    """``lo..hi``; empty when hi < lo. Prints as ``lo..hi`` (``{}`` when empty)."""
    __slots__ = ("lo", "hi")

    def __init__(self, lo: int, hi: int):
        self.lo = lo
        self.hi = hi

    def contains(self, v) -> bool:
        if type(v) is int:
            return self.lo <= v <= self.hi
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        if self.hi < self.lo:
            return False
        raise _eq_error(v, self.lo)

    def size(self) -> int:
        return max(0, self.hi - self.lo + 1)

    def _enumerate(self):
        return range(self.lo, self.hi + 1)

    def sorted(self) -> list:
        return list(range(self.lo, self.hi + 1))

    def __iter__(self):
        return iter(range(self.lo, self.hi + 1))

    def _structural_eq(self, other):
        if type(other) is Interval:
            if self.size() == 0 or other.size() == 0:
                return self.size() == other.size()
            return self.lo == other.lo and self.hi == other.hi
        return None

    def __eq__(self, other) -> bool:
        # two intervals (``I = mn..mx``) are equal when both are empty or their bounds are
        # equal, decided here without LazySet.__eq__'s way through _structural_eq
        if type(other) is Interval:
            if self.hi < self.lo or other.hi < other.lo:
                return self.hi < self.lo and other.hi < other.lo
            return self.lo == other.lo and self.hi == other.hi
        return LazySet.__eq__(self, other)

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            pass
        h = hash(frozenset(range(self.lo, self.hi + 1)))
        self._hash = h
        return h

    def tlc_text(self) -> str:
        return "{}" if self.hi < self.lo else f"{self.lo}..{self.hi}"


class _Infinite(LazySet):
    __slots__ = ()
    text = ""

    def is_enumerable(self) -> bool:
        return False

    def tlc_text(self) -> str:
        return self.text


class NatSet(_Infinite):
    __slots__ = ()
    text = "Nat"

    def contains(self, v) -> bool:
        if type(v) is int:
            return v >= 0
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis an element of Nat.")


class IntSet(_Infinite):
    __slots__ = ()
    text = "Int"

    def contains(self, v) -> bool:
        if type(v) is int:
            return True
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis an element of Int.")


class RealSet(_Infinite):
    __slots__ = ()
    text = "Real"

    def contains(self, v) -> bool:
        if type(v) is int:
            return True
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis an element of Real.")


class StringSet(_Infinite):
    __slots__ = ()
    text = "STRING"

    def contains(self, v) -> bool:
        if type(v) is str:
            return True
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis a string.")


NAT = NatSet()
INT = IntSet()
REAL = RealSet()
STRING = StringSet()


class PowerSet(LazySet):
    """``SUBSET S``."""
    __slots__ = ("base",)
    _ORDERED = True     # by size, then combinations of the sorted base

    def __init__(self, base):
        self._mat = None
        self.base = _normalizable(base)

    def contains(self, v) -> bool:
        # TLC's SubsetValue.member enumerates v; anything it cannot enumerate (a model
        # value, an integer, Nat ...) is an error, not FALSE
        if not isinstance(v, SetBase) or not v.is_enumerable():
            raise EvalError(f"Attempted to check if the non-enumerable value\n{_pp(v)}\n"
                            f"is element of\n{_pp(self)}")
        return all(member(e, self.base) for e in _each(v))

    def is_enumerable(self) -> bool:
        return self.base.is_enumerable()

    def size(self) -> int:
        n = set_size(self.base)
        if n >= 31:
            raise EvalError("Overflow when computing the number of elements in:\n"
                            + format_value(self), tlc_code=2178)
        return 1 << n

    def _enumerate(self):
        elems = self.base.sorted()
        for r in range(len(elems) + 1):
            for c in _icombinations(elems, r):
                yield FSet(c)

    def _memo_key(self):
        return (PowerSet, self.base)

    def tlc_text(self) -> str:
        b = self.base
        inner = format_value(b)
        if type(b) is Interval and b.size() > 0:
            inner = f"({inner})"
        return f"SUBSET {inner}"


class FcnSet(LazySet):
    """``[S -> T]``."""
    __slots__ = ("dom", "rng")
    _ORDERED = True     # odometer over the sorted range, last domain element fastest
    _GROWABLE = True

    def __init__(self, dom, rng):
        self._mat = None
        self.dom = _normalizable(dom)
        self.rng = _normalizable(rng)

    def contains(self, v) -> bool:
        t = type(v)
        if t is tuple or t is Fcn:
            m = to_fcn_map(v)
            if not self.dom.is_enumerable():
                return False
            dom = self.dom.elements()
            if len(m) != len(dom):
                return False
            for k, x in m.items():
                if not member(k, dom) or not member(x, self.rng):
                    return False
            return True
        if t is LazyFcn:
            return v.dom == self.dom and all(member(x, self.rng) for x in
                                              (v.apply(k) for k in v.dom))
        if t is ModelValue:
            return _mv_not_member(v, self)
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis in the set of "
                        f"functions {format_value(self)}")

    def is_enumerable(self) -> bool:
        return self.dom.is_enumerable() and self.rng.is_enumerable()

    def size(self) -> int:
        return set_size(self.rng) ** set_size(self.dom)

    def _enumerate(self):
        dom = self.dom.sorted()
        rng = self.rng.sorted()
        n = len(dom)
        if not dom:
            return [()]
        if all(type(d) is int for d in dom) and dom == list(range(1, n + 1)):
            # functions on 1..n are tuples
            return _iproduct(rng, repeat=n)
        return (Fcn(dict(zip(dom, vals))) for vals in _iproduct(rng, repeat=n))

    def _memo_key(self):
        return (FcnSet, self.dom, self.rng)

    def _structural_eq(self, other):
        # TLC's SetOfFcnsValue.equals: [S -> T] = [U -> V] from the operands, without
        # enumerating: an empty domain gives {<<>>} and an empty range {} whatever the
        # other operand is; otherwise the domains and the ranges decide
        if type(other) is not FcnSet:
            return None
        unit1, unit2 = _is_empty(self.dom), _is_empty(other.dom)
        if unit1 is None or unit2 is None:
            return None
        if unit1 or unit2:
            return unit1 == unit2
        empty1, empty2 = _is_empty(self.rng), _is_empty(other.rng)
        if empty1 is None or empty2 is None:
            return None
        if empty1 or empty2:
            return empty1 == empty2
        return eq(self.dom, other.dom) and eq(self.rng, other.rng)

    def _not_enumerable(self) -> str:
        if not self.dom.is_enumerable():
            return (f"Attempted to enumerate a set of the form [D -> R],but the domain D:\n"
                    f"{_pp(self.dom)}\ncannot be enumerated.")
        return (f"Attempted to enumerate a set of the form [D -> R],but the range R:\n"
                f"{_pp(self.rng)}\ncannot be enumerated.")

    def tlc_text(self) -> str:
        return f"[{format_value(self.dom)} -> {format_value(self.rng)}]"


class RecordSet(LazySet):
    """``[a : S, b : T]``; ``fields`` is a tuple of (name, set)."""
    __slots__ = ("fields",)

    _GROWABLE = True

    def __init__(self, fields):
        self._mat = None
        self.fields = tuple((n, _normalizable(s)) for n, s in fields)

    def contains(self, v) -> bool:
        if type(v) is Fcn:
            m = v.map
            if len(m) != len(self.fields):
                return False
            for n, s in self.fields:
                if n not in m or not member(m[n], s):
                    return False
            return True
        if type(v) is tuple and v == () and not self.fields:
            return True
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        if type(v) is tuple:
            return False
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis in the set of "
                        f"records {format_value(self)}")

    def is_enumerable(self) -> bool:
        return all(s.is_enumerable() for _, s in self.fields)

    def size(self) -> int:
        n = 1
        for _, s in self.fields:
            n *= set_size(s)
        return n

    _ORDERED = True

    def _enumerate(self):
        # fields in TLC's (intern) order, so that the product comes out sorted
        fields = sorted(self.fields, key=lambda f: intern_index(f[0]))
        names = [n for n, _ in fields]
        if not names:
            return [()]
        return (Fcn(dict(zip(names, vals)))
                for vals in _iproduct(*(s.sorted() for _, s in fields)))

    def _memo_key(self):
        return (RecordSet, self.fields)

    def tlc_text(self) -> str:
        return "[" + ", ".join(f"{n} : {format_value(s)}" for n, s in self.fields) + "]"


class ProductSet(LazySet):
    """``S1 \\X S2 \\X ...``."""
    __slots__ = ("sets", "_pair")
    _ORDERED = True
    _GROWABLE = True

    def __init__(self, sets):
        self._mat = None
        self.sets = tuple(_normalizable(s) for s in sets)
        # the bounds of a product of two intervals (``(0..N+1) \\X (0..N+1)``, points of
        # a grid: most products a spec asks for members), for a check in line
        a = self.sets
        self._pair = ((a[0].lo, a[0].hi, a[1].lo, a[1].hi) if len(a) == 2
                      and type(a[0]) is Interval and type(a[1]) is Interval else None)

    def contains(self, v) -> bool:
        if type(v) is tuple:
            pair = self._pair
            if pair is not None and len(v) == 2:
                x, y = v
                if type(x) is int and type(y) is int:
                    return pair[0] <= x <= pair[1] and pair[2] <= y <= pair[3]
            sets = self.sets
            if len(v) != len(sets):
                return False
            for x, s in zip(v, sets):
                if type(x) is int and type(s) is Interval:      # member's own first case
                    if not s.lo <= x <= s.hi:
                        return False
                elif not member(x, s):
                    return False
            return True
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        if type(v) is Fcn:
            return False
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis in the set of "
                        f"tuples {format_value(self)}")

    def is_enumerable(self) -> bool:
        return all(s.is_enumerable() for s in self.sets)

    def size(self) -> int:
        n = 1
        for s in self.sets:
            n *= set_size(s)
        return n

    def _enumerate(self):
        return _iproduct(*(s.sorted() for s in self.sets))

    def _memo_key(self):
        return (ProductSet, self.sets)

    def tlc_text(self) -> str:
        return "(" + " \\X ".join(format_value(s) for s in self.sets) + ")"


class SeqSet(LazySet):
    """``Seq(S)``: infinite unless S is empty."""
    __slots__ = ("base",)

    def __init__(self, base):
        self._mat = None
        self.base = _normalizable(base)

    def contains(self, v) -> bool:
        if type(v) is tuple:
            return all(member(x, self.base) for x in v)
        if type(v) is ModelValue:
            return _mv_not_member(v, self)
        if type(v) is Fcn or isinstance(v, SetBase):
            return False
        raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis a sequence.")

    def is_enumerable(self) -> bool:
        return False

    def tlc_text(self) -> str:
        return f"Seq({format_value(self.base)})"


class FilterSet(LazySet):
    """``{x \\in S : P}`` over a set S that is not enumerated yet; ``pred`` takes an
    element and gives a boolean."""
    __slots__ = ("base", "pred", "text", "_kept")
    _ORDERED = True     # the base is enumerated in TLC's order
    _GROWABLE = True
    #: a filter keeps its elements, once enumerated, when there are at most this many
    KEEP_MAX = 1 << 16

    def __init__(self, base, pred: Callable, text: str = ""):
        self._mat = None
        self.base = _normalizable(base)
        self.pred = pred
        self.text = text
        self._kept = None

    def contains(self, v) -> bool:
        return member(v, self.base) and self.pred(v)

    def is_enumerable(self) -> bool:
        return self.base.is_enumerable()

    def _enumerate(self):
        # TLC's SetPredValue enumerates its domain lazily: {c \\in Can : P} over a
        # million records never builds Can. The elements found are kept (the list is
        # built anyway): a constant such as
        #   nbrs == {x \\in {-1, 0, 1} \\X {-1, 0, 1} : x /= <<0, 0>>}
        # walked in every state is filtered once
        kept = self._kept
        if kept is not None:
            return kept
        p = self.pred
        lst = [e for e in iter_elements(self.base) if p(e)]
        if len(lst) <= self.KEEP_MAX:
            self._kept = lst
        return lst

    def _not_enumerable(self) -> str:
        return (f"Attempted to enumerate {{ x \\in S : p(x) }} when S:\n{_pp(self.base)}\n"
                f"is not enumerable")

    def tlc_text(self) -> str:
        return self.text or f"{{x \\in {format_value(self.base)} : <expression>}}"


class UnionSet(LazySet):
    """``UNION S``."""
    __slots__ = ("base",)
    _GROWABLE = True

    def __init__(self, base):
        self._mat = None
        self.base = _normalizable(base)
        if type(self.base) is FSet:
            # TLC fails on every use of UNION {{1}, 2}: report it where it is written
            for s in self.base:
                if not isinstance(s, SetBase):
                    raise EvalError(self._not_enumerable())

    def contains(self, v) -> bool:
        base = self.base if type(self.base) is FSet else self.base.elements()
        return any(member(v, as_set(s)) for s in base)

    # the members of the base are visited in any order: sorting a set of sets would
    # enumerate every member just to compare them
    def is_enumerable(self) -> bool:
        return self.base.is_enumerable() and all(
            as_set(s).is_enumerable() for s in self.base.elements())

    def _enumerate(self):
        out = set()
        for s in self.base.elements():
            out.update(as_set(s).elements())
        return out

    def iter_sorted(self) -> Iterator:
        """As for any lazy set; ``UNION {[1..n -> S] : n \\in 1..N}`` (the bounded
        ``Seq(S)`` of models) one length after the other, without building and sorting
        the union: TLC orders sequences by length, then element by element, which is the
        order each ``[1..n -> S]`` enumerates in, and sets of different lengths share no
        sequence."""
        parts = self._sequence_sets_by_length()
        if parts is None:
            return LazySet.iter_sorted(self)
        return chain.from_iterable(p._enumerate() for p in parts)

    def _sequence_sets_by_length(self) -> "list | None":
        """The members of the base, by length, when they are ``[1..n -> S]`` of distinct
        n over enumerable ranges and the union is not built yet; else None."""
        base = self.base
        if type(base) is not FSet or getattr(self, "_mat", None) is not None:
            return None
        by_length = {}
        for s in base:
            if type(s) is not FcnSet or type(s.dom) is not Interval or s.dom.lo != 1 \
                    or not s.rng.is_enumerable():
                return None
            n = max(s.dom.hi, 0)
            if n in by_length:
                return None
            by_length[n] = s
        return [by_length[n] for n in sorted(by_length)]

    def _not_enumerable(self) -> str:
        return "Attempted to enumerate UNION(s), but some element of s is nonenumerable."

    def tlc_text(self) -> str:
        return f"UNION({format_value(self.base)})"


class CupSet(LazySet):
    """``S \\cup T`` when one side is lazy and not enumerable."""
    __slots__ = ("a", "b")
    _GROWABLE = True

    def __init__(self, a, b):
        self._mat = None
        # TLC's SetCupValue keeps its operands unchecked; a non-set fails on enumeration
        self.a, self.b = a, b

    def contains(self, v) -> bool:
        return member(v, self.a) or member(v, self.b)

    def is_enumerable(self) -> bool:
        return (isinstance(self.a, SetBase) and self.a.is_enumerable()
                and isinstance(self.b, SetBase) and self.b.is_enumerable())

    def _not_enumerable(self) -> str:
        return (f"Attempted to enumerate S \\cup T when S:\n{_pp(self.a)}"
                f"\nand T:\n{_pp(self.b)}\nare not both enumerable")

    def __hash__(self) -> int:
        if not self.is_enumerable():
            raise EvalError(self._not_enumerable(), tlc_code=2147)
        return LazySet.__hash__(self)

    def _enumerate(self):
        return frozenset.union(self.a.elements(), self.b.elements())

    def tlc_text(self) -> str:
        return f"{format_value(self.a)} \\cup {format_value(self.b)}"


class CapSet(LazySet):
    """``S \\cap T`` with a non-enumerable side."""
    __slots__ = ("a", "b")
    _GROWABLE = True

    def __init__(self, a, b):
        self._mat = None
        self.a, self.b = as_set(a), as_set(b)

    def contains(self, v) -> bool:
        return member(v, self.a) and member(v, self.b)

    def is_enumerable(self) -> bool:
        return self.a.is_enumerable() or self.b.is_enumerable()

    def _enumerate(self):
        if self.a.is_enumerable():
            return [e for e in self.a.sorted() if member(e, self.b)]
        return [e for e in self.b.sorted() if member(e, self.a)]

    def tlc_text(self) -> str:
        return f"{format_value(self.a)} \\cap {format_value(self.b)}"


class DiffSet(LazySet):
    """``S \\ T`` with a non-enumerable side."""
    __slots__ = ("a", "b")
    _GROWABLE = True

    def __init__(self, a, b):
        self._mat = None
        self.a, self.b = as_set(a), as_set(b)

    def contains(self, v) -> bool:
        return member(v, self.a) and not member(v, self.b)

    def is_enumerable(self) -> bool:
        return self.a.is_enumerable()

    def _enumerate(self):
        return [e for e in self.a.sorted() if not member(e, self.b)]

    def _not_enumerable(self) -> str:
        return f"Attempted to enumerate S \\ T when S:\n{_pp(self.a)}\nis not enumerable."

    def tlc_text(self) -> str:
        return f"{format_value(self.a)} \\ {format_value(self.b)}"


def _normalizable(S) -> SetBase:
    """``S`` as a set operand of ``[S -> T]``, ``[a : S]``, ``S \\X T``, ``SUBSET S``,
    ``UNION S`` or a filter. TLC normalizes such an operand on every use of the result (its
    enumeration, membership, fingerprint, printing), so an enumerated set it cannot
    normalize (``{1, FALSE}``: values of different kinds; a typed model value among others)
    is reported here, where the expression is evaluated and has a location, with TLC's
    comparison error."""
    S = as_set(S)
    if type(S) is FSet and len(S) > 1 and (S.elem_kind() == _MIXED or S._has_typed_mv()):
        S.sorted()
    return S


def is_set(v) -> bool:
    return isinstance(v, SetBase)


def as_set(v) -> SetBase:
    """``v`` if it is a set, else TLC's error for a non-set where a set was expected."""
    if isinstance(v, SetBase):
        return v
    raise EvalError(f"Attempted to use the value:\n{_pp(v)}\nas a set, but it is a "
                    f"{kind_name(v)}.")


def member(v, S) -> bool:
    """TLA+ ``v \\in S``."""
    if type(S) is FSet:
        return S.has(v)
    if isinstance(S, LazySet):
        return S.contains(v)
    raise EvalError(f"Attempted to check if the value:\n{_pp(v)}\nis an element of "
                    f"the non-set:\n{_pp(S)}")


def enumerate_set(S) -> list:
    """The elements of set ``S`` in TLC's normalized order."""
    if type(S) is FSet:
        return S.sorted()
    return as_set(S).sorted()


def set_size(S) -> int:
    if type(S) is FSet:
        return len(S)
    S = as_set(S)
    if not S.is_enumerable():
        raise EvalError(f"Attempted to compute the number of elements of the infinite set "
                        f"{format_value(S)}.")
    return S.size()


# --------------------------------------------------------------------------------------
# Functions and records
# --------------------------------------------------------------------------------------

_lane = None


def _fcn_hash(f: "Fcn") -> int:
    """Python's hash of a function: its fingerprint lane (equal for equal functions, and
    the same in every process), or, for a function holding a value that has no lane (an
    infinite set, an operator), the hash of its pairs."""
    global _lane
    if _lane is None:
        from tla.checker.fingerprints import lane
        _lane = lane
    try:
        return _lane(f)                 # kept on the function as its ``_lane``
    except EvalError:
        h = getattr(f, "_hash", None)
        if h is None:
            h = f._hash = hash(frozenset(f.map.items()))
        return h


class Fcn:
    """A function that is not a tuple: ``map`` is a dict from argument to value (never
    mutate it). Records are Fcns whose domain is a set of strings."""
    # _dl: the lane of the domain and the order of the values in the lane
    # (tla.checker.fingerprints), found by the first fingerprint and passed on to the
    # functions EXCEPT makes from this one (the same arguments in the same order)
    __slots__ = ("map", "_hash", "_key", "_fp", "_lane", "_dom", "_ik", "_dl")

    def __init__(self, m: dict, dl=None):
        """``dl``: the lanes of the domain when known (:data:`_dl`: those of a function
        with the same arguments in the same order)."""
        self.map = m
        # the caches start set: a slot never set is read through an AttributeError (about
        # twenty times the time of a set one), and nearly every function made is
        # fingerprinted or hashed (``_hash`` serves the rare function without a lane)
        self._lane = self._fp = self._key = self._dom = self._ik = None
        self._dl = dl

    def updated(self, k, v) -> "Fcn":
        """This function with the value at ``k`` (one of its arguments) replaced by ``v``:
        EXCEPT's copy, which keeps the arguments in their order and so the lanes of the
        domain (``_dl``). Generated code makes the same copy in line."""
        return Fcn({**self.map, k: v}, self._dl)

    def first_key_is_int(self) -> bool:
        """Whether the first argument in ``map`` is an integer, remembered in ``_ik`` (None
        until asked). Then a key 0 or 1 found in ``map`` is that integer and not FALSE or
        TRUE, which Python's dict takes for 0 and 1: a TLA+ domain never mixes integers
        and booleans. Generated code asks ``f._ik is True or (f._ik is None and
        f.first_key_is_int())`` before it looks up ``f[0]`` or ``f[1]`` in the dict."""
        self._ik = answer = type(next(iter(self.map), None)) is int
        return answer

    def __reduce__(self):
        # the map only: Python's hash of a record differs between processes (strings are
        # hashed with a per-process seed, model values by identity), so a cached _hash
        # read back by another process (a recovered checkpoint) would break set lookups
        return (Fcn, (self.map,))

    def __eq__(self, other) -> bool:
        if type(other) is Fcn:
            return self is other or self.map == other.map
        if type(other) is LazyFcn:
            return other.__eq__(self)
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self) -> int:
        # the function's fingerprint lane (tla.checker.fingerprints), kept on it: the search
        # fingerprints the state a new function ends up in with that same lane, so a record
        # put into a set (``received[n] \cup {msg}``) is walked once for both
        h = self._lane
        if h is None:
            h = _fcn_hash(self)
        return h

    def domain(self) -> FSet:
        d = self._dom
        if d is None:
            d = self._dom = FSet(self.map)
        return d

    def __repr__(self) -> str:
        return f"Fcn({format_value(self)})"


def make_fcn(m: dict):
    """The canonical value of the function given as a dict: ``()`` for an empty domain, a
    tuple for domain 1..n, else an :class:`Fcn`."""
    n = len(m)
    if n == 0:
        return ()
    if 1 in m and n in m:
        ok = True
        for k in m:
            if type(k) is not int or k < 1 or k > n:
                ok = False
                break
        if ok:
            return tuple([m[i] for i in range(1, n + 1)])
    return Fcn(m)


def make_record(pairs) -> "Fcn | tuple":
    """``[a |-> 1, b |-> 2]`` from (name, value) pairs."""
    return make_fcn(dict(pairs))


def is_fcn(v) -> bool:
    t = type(v)
    return t is tuple or t is Fcn or t is LazyFcn


def to_fcn_map(v) -> dict:
    """A dict view of function ``v`` (a tuple gives {1: .., 2: ..})."""
    t = type(v)
    if t is Fcn:
        return v.map
    if t is tuple:
        return {i: x for i, x in enumerate(v, 1)}
    if t is LazyFcn:
        return v.materialize().map if type(v.materialize()) is Fcn else to_fcn_map(v.materialize())
    raise EvalError(f"Attempted to use the value:\n{_pp(v)}\nas a function.")


def domain(f) -> SetBase:
    """``DOMAIN f``."""
    t = type(f)
    if t is tuple:
        return Interval(1, len(f))
    if t is Fcn:
        return f.domain()
    if t is LazyFcn:
        return f.dom
    raise EvalError(f"Attempted to apply the operator DOMAIN to a non-function\n({_pp(f)})")


def apply(f, arg):
    """``f[arg]`` with TLC's errors (FcnRcdValue / TupleValue wording)."""
    t = type(f)
    if t is tuple:
        if type(arg) is int and 0 < arg <= len(f):
            return f[arg - 1]
        if type(arg) is int:
            raise EvalError(f"Attempted to access index {arg} of tuple\n{_pp(f)}\n"
                            f"which is out of bounds.")
        raise EvalError(f"Attempted to apply tuple\n{_pp(f)}\nto the non-integer argument "
                        f"{_pp(arg)}")
    if t is Fcn:
        try:
            r = f.map[arg]
        except (KeyError, TypeError):
            r = _MISSING
        if r is not _MISSING and type(arg) is not bool and type(arg) is not int:
            return r
        if r is not _MISSING:
            for k in f.map:
                if type(k) is type(arg) and k == arg:
                    return r
        raise EvalError(f"Attempted to apply function:\n{_pp(f)}\nto argument {_pp(arg)},"
                        f" which is not in the domain of the function.")
    if t is LazyFcn:
        return f.apply(arg)
    raise EvalError(f"Attempted to apply the value:\n{_pp(f)}\nwhich is not a function, "
                    f"to the argument:\n{_pp(arg)}")


_MISSING = object()


def field(r, name: str):
    """``r.name``."""
    if type(r) is Fcn:
        v = r.map.get(name, _MISSING)
        if v is not _MISSING:
            return v
        raise EvalError(f"Attempted to access nonexistent field '{name}' of record\n{_pp(r)}")
    if type(r) is LazyFcn:
        return r.apply(name)
    raise EvalError(f"Attempted to access field '{name}' of the non-record value\n{_pp(r)}")


class LazyFcn:
    """``[x \\in S |-> e]`` kept as a rule: for an infinite domain, and for recursive
    function definitions. ``body`` takes the argument and gives the value; results are
    memoized. ``text`` is how TLC prints it when it cannot expand it."""
    __slots__ = ("dom", "body", "memo", "text", "_mat")

    def __init__(self, dom, body: Callable, text: str = ""):
        self._mat = None
        self.dom = as_set(dom)
        self.body = body
        self.memo: dict = {}
        self.text = text

    def apply(self, arg):
        # memoized by the argument itself, a boolean tagged with its type (TRUE and 1 are
        # one key to Python; a tuple is its own key, as it was inside a (type, arg) key: so
        # f[<<TRUE>>] after f[<<1>>] is answered from the memo, where TLC's domain check
        # would stop with its comparison error, a difference only for specs TLC rejects)
        key = arg if type(arg) is not bool else (bool, arg)
        try:
            v = self.memo.get(key, _MISSING)
        except TypeError:
            v = _MISSING
        if v is not _MISSING:
            return v
        # the domain check in line for the usual domains (sc[<<x, y>> \in (0..N+1) \X
        # (0..N+1)] of GameOfLife: the check cost more than the body, through member)
        dom = self.dom
        if type(dom) is ProductSet and type(arg) is tuple:
            inside = dom.contains(arg)
        elif type(dom) is Interval and type(arg) is int:
            inside = dom.lo <= arg <= dom.hi
        else:
            inside = member(arg, dom)
        if not inside:
            raise EvalError(f"In applying the function\n{format_value(self)},\nthe first "
                            f"argument is:\n{_pp(arg)}\nwhich is not in its domain.\n")
        v = self.body(arg)
        try:
            self.memo[key] = v
        except TypeError:
            pass
        return v

    def materialize(self):
        m = self._mat
        if m is not None:
            return m
        m = make_fcn({k: self.apply(k) for k in enumerate_set(self.dom)})
        self._mat = m
        return m

    def __eq__(self, other) -> bool:
        if self is other:
            return True
        if type(other) is LazyFcn and not self.dom.is_enumerable():
            if self.dom != other.dom:
                return False
            raise EvalError("Attempted to check equality of two functions with infinite "
                            "domains.")
        if not self.dom.is_enumerable():
            return False
        m = self.materialize()
        return m == (other.materialize() if type(other) is LazyFcn else other)

    def __hash__(self) -> int:
        if self.dom.is_enumerable():
            return hash(self.materialize())
        return hash(self.text)

    def __repr__(self) -> str:
        return f"LazyFcn({self.text})"


class OpValue:
    """An operator used as a value (a LAMBDA, or an operator argument): ``fn`` takes the
    argument values. Printed ``<Operator Name>``-style like TLC's OpLambdaValue."""
    __slots__ = ("fn", "arity", "name")

    def __init__(self, fn: Callable, arity: int, name: str = "LAMBDA"):
        self.fn = fn
        self.arity = arity
        self.name = name

    def __call__(self, *args):
        return self.fn(*args)

    def __repr__(self) -> str:
        return f"<Operator {self.name}>"


#: the kind of each value class whose instances all have one (elem_kind's fast path)
_TYPE_KINDS = {int: _K_INT, str: _K_STR, bool: _K_BOOL, tuple: _K_FCN, Fcn: _K_FCN,
               LazyFcn: _K_FCN, ModelValue: _K_MV, FSet: _K_SET}
#: the kinds whose sets are sorted with ``sort_key`` (sets of records, of sets of
#: tuples...), where placing one new value costs far less than sorting again
_KEYED_KINDS = {_K_FCN: (tuple, Fcn), _K_SET: (FSet,)}
#: kind -> the Python types of that kind (``FSet.exact_types``)
_EXACT_TYPES = {k: frozenset(t for t, kt in _TYPE_KINDS.items() if kt == k)
                for k in set(_TYPE_KINDS.values())}
# an empty set, or one of untyped model values only: nothing in it is unequal to a value
# by one of TLC's errors, so Python's ``in`` answers for every value (``<<b, v>> \in {}``)
_EXACT_TYPES[_NO_KIND] = frozenset(_TYPE_KINDS)


class ConstantOperator(OpValue):
    """A constant operator the cfg defines point by point (``F(1, 2) = "a"`` lines; TLC's
    OpRcdValue): ``rows`` are (arguments, value) pairs in file order. Applying it gives the
    value of the first row whose arguments equal the actual ones (compared with ``=``, so
    incomparable values are TLC's errors); no matching row, or a different number of
    arguments, is TLC's error. Prints as TLC does: ``{ <1, 2, "a">, <2, 1, "b">}``."""
    __slots__ = ("rows",)

    def __init__(self, name: str, rows):
        self.rows = tuple((tuple(args), value) for args, value in rows)
        super().__init__(self._apply, len(self.rows[0][0]) if self.rows else 0, name)

    def _apply(self, *args):
        for params, value in self.rows:
            if len(params) != len(args):
                raise EvalError(f"Attempted to apply the operator {_pp(self)}\nwith wrong "
                                f"number of arguments.")
            if all(eq(p, a) for p, a in zip(params, args)):
                return value
        shown = ", ".join(format_value(a) for a in args)
        raise EvalError(f"Attempted to apply operator:\n{_pp(self)}\nto arguments ({shown}), "
                        f"which is undefined.")

    def tlc_text(self) -> str:
        rows = ", ".join("<" + "".join(format_value(a) + ", " for a in params)
                         + format_value(value) + ">" for params, value in self.rows)
        return "{ " + rows + "}"

    def __repr__(self) -> str:
        return f"ConstantOperator({self.name}, {self.tlc_text()})"


# --------------------------------------------------------------------------------------
# TLC's order
# --------------------------------------------------------------------------------------

_TUPLE_DOM_KEYS: list[tuple] = [()]


def _dom_keys(n: int) -> tuple:
    while len(_TUPLE_DOM_KEYS) <= n:
        k = len(_TUPLE_DOM_KEYS)
        _TUPLE_DOM_KEYS.append(_TUPLE_DOM_KEYS[-1] + ((1, _K_INT, k),))
    return _TUPLE_DOM_KEYS[n]


#: the sort keys of function domains met so far, each kept as one object (``sort_key``)
_DOMAIN_KEYS: dict = {}
_DOMAIN_KEYS_KEPT = 4096


def sort_key(v):
    """A Python-comparable key that orders values as TLC's ``compareTo`` does (model values
    first; ints numerically; FALSE < TRUE; strings by intern order; sets by size then
    elements; functions, tuples and records by domain size, domain, then values)."""
    t = type(v)
    if t is int:
        return (1, _K_INT, v)
    if t is str:
        return (1, _K_STR, intern_index(v))
    if t is bool:
        return (1, _K_BOOL, v)
    if t is ModelValue:
        return (0, intern_index(v.name))
    if t is tuple:
        # an integer's key inline: points <<x, y>> are most of the tuples sorted
        return (1, _K_FCN, len(v), _dom_keys(len(v)),
                tuple([(1, _K_INT, x) if type(x) is int else sort_key(x) for x in v]))
    if t is FSet:
        k = v._key
        if k is not None:
            return k
        k = (1, _K_SET, len(v), tuple(map(sort_key, v.sorted())))
        v._key = k
        return k
    if t is Fcn:
        k = v._key
        if k is not None:
            return k
        items = sorted(((sort_key(a), b) for a, b in v.map.items()), key=lambda p: p[0])
        domain = tuple(p[0] for p in items)
        # one object for the domain of all functions (records) of a kind: comparing two
        # keys then passes over the domain at once (tuples compare items by identity first)
        shared = _DOMAIN_KEYS.get(domain)
        if shared is None:
            if len(_DOMAIN_KEYS) >= _DOMAIN_KEYS_KEPT:
                _DOMAIN_KEYS.clear()
            shared = _DOMAIN_KEYS[domain] = domain
        k = (1, _K_FCN, len(items), shared, tuple(sort_key(p[1]) for p in items))
        v._key = k
        return k
    if t is LazyFcn:
        return sort_key(v.materialize())
    if isinstance(v, LazySet):
        if type(v) is Interval:
            return (1, _K_SET, v.size(), tuple((1, _K_INT, i) for i in v))
        return sort_key(v.enumerated())
    raise EvalError(f"Attempted to compare the value {v!r}")


def compare(a, b) -> int:
    """-1, 0 or 1 as TLC orders ``a`` and ``b``; an error for values TLC cannot compare
    (different kinds; a typed model value and a value of another type)."""
    _mv_compare_check(a, b)
    ka, kb = _kind(a), _kind(b)
    if ka != kb and ka != _K_MV and kb != _K_MV:
        raise _cmp_error(a, b)
    x, y = sort_key(a), sort_key(b)
    return (x > y) - (x < y)


def tlc_sorted(values: Iterable) -> list:
    """``values`` deduplicated and sorted in TLC's normalized order."""
    return FSet(values).sorted()


from tla.evaluator.printing import format_value, pretty  # noqa: E402
from tla.evaluator.fingerprint import fingerprint, state_fingerprint  # noqa: E402
