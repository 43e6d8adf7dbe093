"""The names generated code refers to: value classes and small helpers.

Takes nothing; gives :data:`NAMESPACE`, the globals every generated unit starts from. The
generated code inlines the common fast paths (a tuple applied to an index in range, a string
compared with a string, ...) and calls these helpers for everything else; each helper either
returns exactly what the reference evaluator (``tla.evaluator.compiler``) computes or raises.
Generated code never needs to raise the *right* error: any exception makes the caller re-run
the reference evaluator, which raises TLC's error with its location (see
``tla.evaluator.codegen``).
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator import values as V
from tla.evaluator.values import (FSet, Fcn, LazyFcn, Interval, ModelValue, EMPTY, FcnSet,
                                  RecordSet, SeqSet, PowerSet, NatSet, IntSet, StringSet,
                                  DiffSet, CupSet, CapSet, UnionSet)
from tla.checker.fingerprints import lane
from tla.evaluator.compiler import (UNSET, elems, ordered, action_order, witnesses,
                                    is_enumerable,
                                    _Lazy, _cup, _cap, _diff, _subseteq, _union,
                                    _apply_lambda_form, _bind_tuple, _nonbool, bounded_set)

__all__ = ["NAMESPACE", "CodegenFailure"]


class CodegenFailure(Exception):
    """Raised by generated code where the reference evaluator must decide (an error, or a
    case the generated code does not handle); never escapes the fast path's caller."""


def fail(*_why):
    raise CodegenFailure()


class EnabledFound(Exception):
    """Raised by the code of ENABLED A at A's first successor."""


_MISSING = object()
#: EXCEPT's "argument outside the domain" marker
NOTIN = object()
#: a LET definition not evaluated yet
NOVAL = object()


def _same_kind_key(m: dict, ta) -> bool:
    """Whether the domain of a function (a dict ``m``) holds integers (``ta`` int) or
    booleans (``ta`` bool): Python's dict cannot tell 1 from TRUE, but a TLA+ domain never
    mixes them (only model values mix with other kinds), so its first key that is not a
    model value tells."""
    for k in m:
        if type(k) is not ModelValue:
            return type(k) is ta
    return False


def apply1(f, arg):
    """``f[arg]`` (the reference's ``funapp`` without its error location)."""
    tf = type(f)
    if tf is tuple:
        if type(arg) is int and 0 < arg <= len(f):
            return f[arg - 1]
    elif tf is Fcn:
        m = f.map
        v = m.get(arg, _MISSING)
        if v is not _MISSING:
            ta = type(arg)
            if ta is not bool and ta is not int:
                return v
            for first in m:         # _same_kind_key, its usual case without a call
                tk = type(first)
                if tk is ta or (tk is ModelValue and _same_kind_key(m, ta)):
                    return v
                break
    elif tf is LazyFcn:
        return f.apply(arg)
    return V.apply(f, arg)


def field(r, name):
    if type(r) is Fcn:
        v = r.map.get(name, _MISSING)
        if v is not _MISSING:
            return v
    return V.field(r, name)


#: values one ``member_remembered`` site keeps; it starts afresh when full
MEMBER_MEMO_LIMIT = 1 << 13


def member_remembered(memo: dict, x, S) -> bool:
    """``x \\in S`` for a set S that is a constant of the model and an x that is a record,
    function, tuple or set, remembered by x's identity: a state shares the values it does not
    change with its predecessor and its successors, so ``\\A m \\in msgs : m \\in Message``
    meets the same record objects state after state, and testing one against a record set
    (hashing and comparing it field by field) costs far more than a look-up. The parts of x
    that are functions, tuples or sets are remembered the same way, with the part of S they are
    tested against (``network \\in [Proc -> [Proc -> Seq(Msg)]]``: a step that appends to
    one channel tests that channel, the other rows and channels are the objects of the last
    state; ``board \\in SUBSET SUBSET Pos``: the pieces a move leaves in place).
    The memo holds x and the set, so their ids are not reused while the entry lives; a test
    that raises is not kept.
    """
    hit = memo.get(id(x))
    if hit is not None and hit[0] is x and hit[1] is S:
        return hit[2]
    r = member(x, S, memo)
    if len(memo) >= MEMBER_MEMO_LIMIT:
        memo.clear()
    memo[id(x)] = (x, S, r)
    return r


def _all_members(values, T, memo) -> bool:
    """Every one of ``values`` is in T (parts remembered in ``memo`` when one is given)."""
    if memo is None:
        for v in values:
            if not member(v, T):
                return False
        return True
    for v in values:
        if type(v) is tuple or type(v) is Fcn or type(v) is FSet:
            if not member_remembered(memo, v, T):
                return False
        elif not member(v, T):
            return False
    return True


def subseteq_remembered(memo: dict, a, b) -> bool:
    """``a \\subseteq b`` for a set b that is a constant of the model: the elements of an
    enumerated set of records, functions or tuples (``msgs \\subseteq Message``) are
    tested as ``member_remembered`` does, sharing its memo; other sets as ``\\subseteq``."""
    if type(a) is not FSet or not a:
        return _subseteq(a, b)
    for x in a:
        break
    if type(x) is not Fcn and type(x) is not tuple and type(x) is not FSet:
        return _subseteq(a, b)
    for x in a:
        if not member_remembered(memo, x, b):
            return False
    return True


def member(x, S, memo=None):
    """``x \\in S``, with fast paths for the sets specs test most: enumerated sets,
    intervals, ``[1..n -> T]`` against a tuple, record sets against a record and the
    ``UNION`` of an enumerated set of sets; the parts of x (a record's fields included)
    are looked up in ``memo`` when one is given (see :func:`member_remembered`)."""
    tS = type(S)
    if tS is FSet:
        if type(x) is str and x in S:
            return True
        return S.has(x)
    if tS is Interval:
        if type(x) is int:
            return S.lo <= x <= S.hi
    elif tS is FcnSet:
        tx = type(x)
        if tx is tuple:
            dom = S.dom
            if type(dom) is Interval and dom.lo == 1:
                if len(x) != (dom.hi if dom.hi > 0 else 0):
                    return False
                return _all_members(x, S.rng, memo)
        elif tx is Fcn:
            dom = S.dom
            if not dom.is_enumerable():
                return False
            d = dom if type(dom) is FSet else dom.elements()
            m = x.map
            if len(m) != len(d):
                return False
            for k in m:
                if not member(k, d):
                    return False
            return _all_members(m.values(), S.rng, memo)
    elif tS is DiffSet:
        return member(x, S.a) and not member(x, S.b)
    elif tS is CupSet:
        return member(x, S.a) or member(x, S.b)
    elif tS is CapSet:
        return member(x, S.a) and member(x, S.b)
    elif tS is RecordSet:
        if type(x) is Fcn:
            m = x.map
            fields = S.fields
            if len(m) != len(fields):
                return False
            for n, T in fields:
                v = m.get(n, _MISSING)
                if v is _MISSING:
                    return False
                if memo is not None and (type(v) is Fcn or type(v) is tuple
                                         or type(v) is FSet):
                    if not member_remembered(memo, v, T):
                        return False
                elif not member(v, T):
                    return False
            return True
    elif tS is SeqSet:
        if type(x) is tuple:
            return _all_members(x, S.base, memo)
    elif tS is PowerSet:
        if type(x) is FSet:
            return _all_members(x, S.base, memo)
    elif tS is UnionSet:
        # UNION {[0 .. 3 -> Values \union {NULL}]}: each member set with these fast paths
        if type(S.base) is FSet:
            for T in S.base:
                if member(x, V.as_set(T), memo):
                    return True
            return False
    elif tS is NatSet:
        if type(x) is int:
            return x >= 0
    elif tS is IntSet or tS is StringSet:
        if type(x) is (int if tS is IntSet else str):
            return True
    return V.member(x, S)


def except_get(f, k):
    """The value of ``f`` at ``k`` for ``[f EXCEPT ![k] = ...]``, or :data:`NOTIN` when k is
    outside the domain (TLC leaves f unchanged then)."""
    tf = type(f)
    if tf is tuple:
        if type(k) is not int or not 0 < k <= len(f):
            return NOTIN
        return f[k - 1]
    if tf is Fcn:
        m = f.map
        v = m.get(k, _MISSING)
        if v is _MISSING:
            return NOTIN
        tk = type(k)
        if tk is not bool and tk is not int:
            return v
        for first in m:             # _same_kind_key, its usual case without a call
            tf = type(first)
            if tf is tk or (tf is ModelValue and _same_kind_key(m, tk)):
                return v
            break
        return NOTIN
    if tf is LazyFcn:
        if not f.dom.is_enumerable():
            fail()
        return except_get(f.materialize(), k)
    fail()


def except_set(f, k, v):
    """``f`` with the value at ``k`` (known to be in the domain) replaced by ``v``."""
    tf = type(f)
    if tf is tuple:
        return f[:k - 1] + (v,) + f[k:]
    if tf is LazyFcn:
        f = f.materialize()
        if type(f) is tuple:
            return f[:k - 1] + (v,) + f[k:]
    m = f.map
    if m.get(k, _MISSING) is v:
        # the very value already there (color' = [color EXCEPT ![i] = "white"] of a white
        # node): f itself, whose lane the search has, not an equal copy to walk
        return f
    # Fcn.updated in line: a call more on every EXCEPT costs EWD998PCal 0.9 % (callgrind)
    return Fcn({**m, k: v}, f._dl)


def bind_tuple(n, v):
    """``v`` as the tuple a pattern ``<<x1, ..., xn>>`` takes apart."""
    if type(v) is not tuple or len(v) != n:
        fail()
    return v


def set_of(vals: list):
    """``{e1, ..., en}`` (the reference's ``setenum``)."""
    r = FSet(vals)
    if len(r) < len(vals):
        b = next((v for v in vals if type(v) is bool), None)
        i = next((v for v in vals if type(v) is int), None)
        if b is not None and i is not None:
            fail()
    return r


def fcn_of(m: dict):
    return V.make_fcn(m)


def function_arguments(S):
    """The arguments of ``[x \\in S |-> e]`` in the order its loop takes them, as an
    iterable that can be walked again (:func:`function_of_values` pairs them with the
    values): what ``elems`` gives (S itself when enumerated, the range of an interval),
    a lazy enumeration kept as a tuple."""
    it = elems(S)
    return it if type(it) is FSet or type(it) is range else tuple(it)


def function_of_values(args, vals: list):
    """The function from ``args`` (what :func:`function_arguments` gave) to ``vals``, taken
    in the same order: a tuple straight from the list when the arguments are 1..n."""
    if type(args) is range and args.start == 1:
        return tuple(vals)
    return V.make_fcn(dict(zip(args, vals)))


def lazy_value(x, s, t):
    """A split action's environment value: LET definitions of the split stay lazy there."""
    if type(x) is _Lazy:
        return x.get(s, t)
    get = getattr(x, "get", None)
    if get is not None and type(x).__name__ == "_Fresh":
        return get(s, t)
    return x


def lazy_filter(base, fast, ref_pred, s, t, env, names):
    """``{x \\in S : P}`` over a set not enumerated yet: a FilterSet whose predicate is the
    generated ``fast``, and the reference predicate ``ref_pred`` (with the environment of
    the place, the element bound to ``names``) for an element ``fast`` raises on."""
    def pred(v):
        try:
            r = fast(v)
        except Exception:
            r = None
        if r is True or r is False:
            return r
        e2 = dict(env)
        if type(names) is tuple:
            _bind_tuple(names, v, e2)
        else:
            e2[names] = v
        r = ref_pred(s, t, e2)
        if r is True or r is False:
            return r
        raise _nonbool("{x \\in S : P}", "P", r)
    return V.FilterSet(base, pred)


def lazy_fcn(dom, fast, ref_make, s, t, env, name):
    """A function definition's value: a LazyFcn whose rule is the generated ``fast``; for
    an argument ``fast`` raises on, the rule of the reference's own LazyFcn
    (``ref_make(s, t, env)``, made on first need) decides."""
    slow = []

    def rule(arg):
        try:
            return fast(arg)
        except Exception:
            pass
        if not slow:
            slow.append(ref_make(s, t, env).body)
        return slow[0](arg)
    return LazyFcn(dom, rule, name)


NAMESPACE = {
    "__builtins__": __builtins__, "lane": lane,
    "FSet": FSet, "Fcn": Fcn, "LazyFcn": LazyFcn, "Interval": Interval,
    "ModelValue": ModelValue, "OpValue": V.OpValue, "EMPTY": EMPTY, "UNSET": UNSET,
    "EvalError": EvalError, "CodegenFailure": CodegenFailure, "fail": fail,
    "NOTIN": NOTIN, "NOVAL": NOVAL, "EnabledFound": EnabledFound,
    "eq": V.eq, "ap": apply1, "apl": _apply_lambda_form, "apv": V.apply, "fld": field,
    "mem": member, "memr": member_remembered, "exg": except_get, "exs": except_set,
    "btup": bind_tuple,
    "setof": set_of, "bset": bounded_set, "fcnof": fcn_of, "argsof": function_arguments,
    "fcnargs": function_of_values, "lazyfilter": lazy_filter, "lazyfcn": lazy_fcn, "elems": elems, "ordered": ordered,
    "aorder": action_order, "witnesses": witnesses, "is_enum": is_enumerable,
    "lazyv": lazy_value,
    "cup": _cup, "cap": _cap, "diff": _diff, "subseteq": _subseteq,
    "subseteqr": subseteq_remembered, "union": _union,
    "PowerSet": V.PowerSet, "domain": V.domain, "ProductSet": V.ProductSet,
    "FcnSet": V.FcnSet, "RecordSet": V.RecordSet, "BOOLEAN": V.BOOLEAN, "STRING": V.STRING,
    "INT_BOUND": True,
}
