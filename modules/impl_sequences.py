"""Native operators of the Sequences module (TLC's ``tlc2.module.Sequences``).

Takes sequence values (tuples; any function with domain ``1..n`` is a tuple already, lazy
functions are expanded) and, where TLC allows them, strings; gives tuples, strings,
integers and the lazy set ``Seq(S)``.

TLC rules implemented: ``Len``, ``Tail``, ``\\o`` and ``SubSeq`` accept strings (as sequences
of characters; ``\\o`` of a string needs a string), ``Head`` and ``Append`` do not;
``Head``/``Tail`` of ``<<>>`` fail with ``Attempted to apply Head to the empty sequence.``;
``SubSeq(s, m, n)`` is empty when ``m > n`` and otherwise needs ``m`` and ``n`` in
``1..Len(s)``; ``SelectSeq``'s test must give booleans. Error texts are TLC's.
"""
from __future__ import annotations

from tla.evaluator.values import SeqSet
from tla.modules.impl_common import (
    argument_error, as_seq, empty_seq, evaluating_error, not_in_domain, one_argument_error,
)
from tla.modules.registry import builtin


@builtin("Sequences", "Seq")
def seq(s):
    return SeqSet(s)


@builtin("Sequences", "Len")
def length(s):
    if type(s) is str:
        return len(s)
    t = as_seq(s)
    if t is None:
        raise one_argument_error("Len", "sequence", s)
    return len(t)


@builtin("Sequences", "\\o")
def concat(s, t):
    if type(s) is str:
        if type(t) is not str:
            raise evaluating_error("t \\o s", "string", t)
        return s + t
    a = as_seq(s)
    if a is None:
        raise evaluating_error("s \\o t", "sequence", s)
    b = as_seq(t)
    if b is None:
        raise evaluating_error("t \\o s", "sequence", t)
    return a + b


@builtin("Sequences", "Append")
def append(s, e):
    a = as_seq(s)
    if a is None:
        raise evaluating_error("Append(s, v)", "sequence", s)
    return a + (e,)


@builtin("Sequences", "Head")
def head(s):
    a = as_seq(s)
    if a is None:
        raise one_argument_error("Head", "sequence", s)
    if not a:
        raise empty_seq("Head")
    return a[0]


@builtin("Sequences", "Tail")
def tail(s):
    if type(s) is str:
        if not s:
            raise empty_seq("Tail")
        return s[1:]
    a = as_seq(s)
    if a is None:
        raise one_argument_error("Tail", "sequence", s)
    if not a:
        raise empty_seq("Tail")
    return a[1:]


@builtin("Sequences", "SubSeq")
def subseq(s, m, n):
    is_str = type(s) is str
    a = s if is_str else as_seq(s)
    if a is None:
        raise argument_error("first", "SubSeq", "sequence", s)
    if type(m) is not int:
        raise argument_error("second", "SubSeq", "natural number", m)
    if type(n) is not int:
        raise argument_error("third", "SubSeq", "natural number", n)
    if m > n:
        return "" if is_str else ()
    if m < 1 or m > len(a):
        raise not_in_domain("second", "SubSeq", "first", s, m)
    if n < 1 or n > len(a):
        raise not_in_domain("third", "SubSeq", "first", s, n)
    return a[m - 1:n]


@builtin("Sequences", "SelectSeq")
def select_seq(s, test):
    a = as_seq(s)
    if a is None:
        raise argument_error("first", "SelectSeq", "sequence", s)
    out = []
    for e in a:
        r = test(e)
        if type(r) is not bool:
            raise argument_error("second", "SelectSeq", "boolean-valued operator", test)
        if r:
            out.append(e)
    return tuple(out)
