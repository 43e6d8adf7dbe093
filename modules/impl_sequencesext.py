"""Native operators of the community module SequencesExt (TLC's
``tlc2.overrides.SequencesExt``), with the meaning of the TLA+ definitions in
``SequencesExt.tla``.

Takes sequences (tuples; lazy functions on 1..n are expanded) and, where the TLA+
definition works on strings under TLC (through ``Len``, ``SubSeq`` and ``\\o``), strings;
gives sequences, strings, sets, integers and booleans. ``SetToSeq`` lists a set in TLC's
normalized order (as TLC's override does); ``SelectInSeq`` and friends give 0 when no
element qualifies; ``ReplaceAllSubSeqs`` replaces from the left without overlaps.
"""
from __future__ import annotations

from itertools import permutations

from tla.errors import EvalError
from tla.evaluator.values import FSet, eq
from tla.modules.impl_common import (
    argument_error, as_seq, evaluating_error, one_argument_error, set_elements,
)
from tla.modules.impl_folds import fold_right
from tla.modules.registry import builtin


def _seq(s, position: str, name: str, strings: bool = False):
    if strings and type(s) is str:
        return s
    t = as_seq(s)
    if t is None:
        raise argument_error(position, name, "sequence", s)
    return t


def _elements(s, position: str, name: str) -> list:
    elems = set_elements(s)
    if elems is None:
        raise argument_error(position, name, "finite set", s)
    return elems


def _is(x, y) -> bool:
    return eq(x, y)


@builtin("SequencesExt", "ToSet")
def to_set(s):
    return FSet(_seq(s, "first", "ToSet"))


@builtin("SequencesExt", "SetToSeq")
def set_to_seq(s):
    return tuple(_elements(s, "first", "SetToSeq"))


@builtin("SequencesExt", "SetToSeqs")
def set_to_seqs(s):
    return FSet(permutations(_elements(s, "first", "SetToSeqs")))


@builtin("SequencesExt", "Contains")
def contains(s, e):
    return any(_is(x, e) for x in _seq(s, "first", "Contains"))


@builtin("SequencesExt", "IsSorted")
def is_sorted(s, op):
    t = _seq(s, "first", "IsSorted")
    return all(op(t[i], t[j]) is True for i in range(len(t)) for j in range(i + 1, len(t)))


@builtin("SequencesExt", "Reverse")
def reverse(s):
    return _seq(s, "first", "Reverse")[::-1]


@builtin("SequencesExt", "Remove")
def remove(s, e):
    return tuple(x for x in _seq(s, "first", "Remove") if not _is(x, e))


@builtin("SequencesExt", "ReplaceAll")
def replace_all(s, old, new):
    return tuple(new if _is(x, old) else x for x in _seq(s, "first", "ReplaceAll"))


def _select(seq, test, name, last=False):
    t = _seq(seq, "first", name)
    idx = range(len(t) - 1, -1, -1) if last else range(len(t))
    for i in idx:
        r = test(t[i])
        if type(r) is not bool:
            raise argument_error("second", name, "boolean-valued operator", test)
        if r:
            return i + 1
    return 0


@builtin("SequencesExt", "SelectInSeq")
def select_in_seq(seq, test):
    return _select(seq, test, "SelectInSeq")


@builtin("SequencesExt", "SelectLastInSeq")
def select_last_in_seq(seq, test):
    return _select(seq, test, "SelectLastInSeq", last=True)


def _index(i, position: str, name: str) -> int:
    if type(i) is not int:
        raise argument_error(position, name, "natural number", i)
    return i


@builtin("SequencesExt", "InsertAt")
def insert_at(s, i, e):
    t = _seq(s, "first", "InsertAt")
    i = _index(i, "second", "InsertAt")
    if i < 1 or i > len(t) + 1:
        raise EvalError(f"The second argument of InsertAt must be in 1..{len(t) + 1}, "
                        f"but instead it is\n{i}")
    return t[:i - 1] + (e,) + t[i - 1:]


@builtin("SequencesExt", "ReplaceAt")
def replace_at(s, i, e):
    t = _seq(s, "first", "ReplaceAt")
    i = _index(i, "second", "ReplaceAt")
    if i < 1 or i > len(t):
        return t
    return t[:i - 1] + (e,) + t[i:]


@builtin("SequencesExt", "RemoveAt")
def remove_at(s, i):
    t = _seq(s, "first", "RemoveAt")
    i = _index(i, "second", "RemoveAt")
    if i < 1 or i > len(t):
        raise EvalError(f"The second argument of RemoveAt must be in 1..{len(t)}, "
                        f"but instead it is\n{i}")
    return t[:i - 1] + t[i:]


@builtin("SequencesExt", "RemoveFirst")
def remove_first(s, e):
    t = _seq(s, "first", "RemoveFirst")
    for i, x in enumerate(t):
        if _is(x, e):
            return t[:i] + t[i + 1:]
    return t


@builtin("SequencesExt", "RemoveFirstMatch")
def remove_first_match(s, test):
    t = _seq(s, "first", "RemoveFirstMatch")
    for i, x in enumerate(t):
        if test(x) is True:
            return t[:i] + t[i + 1:]
    return t


@builtin("SequencesExt", "Cons")
def cons(elt, seq):
    t = as_seq(seq)
    if t is None:
        raise evaluating_error("Cons(v, s)", "sequence", seq)
    return (elt,) + t


@builtin("SequencesExt", "Snoc")
def snoc(elt, seq):
    t = as_seq(seq)
    if t is None:
        raise evaluating_error("Append(s, v)", "sequence", seq)
    return t + (elt,)


@builtin("SequencesExt", "Front")
def front(s):
    t = _seq(s, "first", "Front", strings=True)
    return t[:-1]


@builtin("SequencesExt", "Last")
def last(s):
    t = _seq(s, "first", "Last")
    if not t:
        raise one_argument_error("Last", "non-empty sequence", s)
    return t[-1]


def _prefix(s, t) -> bool:
    return len(s) <= len(t) and all(_is(a, b) for a, b in zip(s, t))


@builtin("SequencesExt", "IsPrefix")
def is_prefix(s, t):
    a = _seq(s, "first", "IsPrefix", strings=True)
    b = _seq(t, "second", "IsPrefix", strings=True)
    if type(a) is str or type(b) is str:
        return type(a) is type(b) and b.startswith(a)
    return _prefix(a, b)


@builtin("SequencesExt", "IsStrictPrefix")
def is_strict_prefix(s, t):
    a, b = _seq(s, "first", "IsStrictPrefix"), _seq(t, "second", "IsStrictPrefix")
    return len(a) < len(b) and _prefix(a, b)


@builtin("SequencesExt", "IsSuffix")
def is_suffix(s, t):
    a, b = _seq(s, "first", "IsSuffix"), _seq(t, "second", "IsSuffix")
    return _prefix(a[::-1], b[::-1])


@builtin("SequencesExt", "IsStrictSuffix")
def is_strict_suffix(s, t):
    a, b = _seq(s, "first", "IsStrictSuffix"), _seq(t, "second", "IsStrictSuffix")
    return len(a) < len(b) and _prefix(a[::-1], b[::-1])


@builtin("SequencesExt", "Prefixes")
def prefixes(s):
    t = _seq(s, "first", "Prefixes", strings=True)
    return FSet(t[:n] for n in range(len(t) + 1))


@builtin("SequencesExt", "Suffixes")
def suffixes(s):
    t = _seq(s, "first", "Suffixes")
    return FSet([t[n:] for n in range(len(t))] + [()])


@builtin("SequencesExt", "LongestCommonPrefix")
def longest_common_prefix(s):
    seqs = [_seq(x, "first", "LongestCommonPrefix", strings=True)
            for x in _elements(s, "first", "LongestCommonPrefix")]
    if not seqs:
        raise EvalError("Attempted to compute the value of an expression of form\n"
                        "CHOOSE x \\in S: P, but no element of S satisfied P.")
    first = seqs[0]
    n = min(len(x) for x in seqs)
    k = 0
    while k < n and all(type(x[k]) is type(first[k]) and _is(x[k], first[k]) for x in seqs):
        k += 1
    return first[:k]


@builtin("SequencesExt", "FoldSeq")
def fold_seq(op, base, seq):
    return fold_right(op, base, list(_seq(seq, "third", "FoldSeq")))


@builtin("SequencesExt", "FoldLeft")
def fold_left(op, base, seq):
    acc = base
    for x in _seq(seq, "third", "FoldLeft"):
        acc = op(acc, x)
    return acc


@builtin("SequencesExt", "FoldRight")
def fold_right_(op, seq, base):
    return fold_right(op, base, list(_seq(seq, "second", "FoldRight")))


@builtin("SequencesExt", "FlattenSeq")
def flatten_seq(seqs):
    t = _seq(seqs, "first", "FlattenSeq")
    if not t:
        return t
    if all(type(x) is str for x in t):
        return "".join(t)
    out: tuple = ()
    for x in t:
        y = as_seq(x)
        if y is None:
            raise evaluating_error("s \\o t", "sequence", x)
        out += y
    return out


@builtin("SequencesExt", "Zip")
def zip_(s, t):
    return tuple(zip(_seq(s, "first", "Zip"), _seq(t, "second", "Zip")))


@builtin("SequencesExt", "SubSeqs")
def sub_seqs(s):
    t = _seq(s, "first", "SubSeqs", strings=True)
    n = len(t)
    return FSet(t[i:j] for i in range(n + 1) for j in range(i, n + 1))


def _find(t, s, start: int) -> int:
    n = len(s)
    for i in range(start, len(t) - n + 1):
        if all(type(a) is type(b) and _is(a, b) for a, b in zip(t[i:i + n], s)):
            return i
    return -1


@builtin("SequencesExt", "IndexFirstSubSeq")
def index_first_sub_seq(s, t):
    a = _seq(s, "first", "IndexFirstSubSeq", strings=True)
    b = _seq(t, "second", "IndexFirstSubSeq", strings=True)
    i = _find(b, a, 0)
    if i < 0:
        raise EvalError("Attempted to compute the value of an expression of form\n"
                        "CHOOSE x \\in S: P, but no element of S satisfied P.")
    return i + 1


def _replace(r, s, t, count: int | None, name: str):
    r = _seq(r, "first", name, strings=True)
    s = _seq(s, "second", name, strings=True)
    t = _seq(t, "third", name, strings=True)
    if type(t) is str and (type(r) is not str or type(s) is not str):
        raise argument_error("first", name, "string", r if type(r) is not str else s)
    empty = "" if type(t) is str else ()
    if len(s) == 0:
        if count == 1:
            return r + t
        out = empty
        for k in range(len(t)):
            out = out + r + t[k:k + 1]
        return out
    out = empty
    i = 0
    done = 0
    while True:
        j = _find(t, s, i) if count is None or done < count else -1
        if j < 0:
            return out + t[i:]
        out = out + t[i:j] + r
        i = j + len(s)
        done += 1


@builtin("SequencesExt", "ReplaceFirstSubSeq")
def replace_first_sub_seq(r, s, t):
    return _replace(r, s, t, 1, "ReplaceFirstSubSeq")


@builtin("SequencesExt", "ReplaceAllSubSeqs")
def replace_all_sub_seqs(r, s, t):
    if eq(s, t) if type(s) is type(t) else False:
        return r
    return _replace(r, s, t, None, "ReplaceAllSubSeqs")





@builtin("SequencesExt", "AllSubSeqs")
def all_sub_seqs(s):
    t = _seq(s, "first", "AllSubSeqs")
    out = []
    for mask in range(1 << len(t)):
        out.append(tuple(x for i, x in enumerate(t) if mask >> i & 1))
    return FSet(out)
