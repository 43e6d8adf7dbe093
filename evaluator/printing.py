"""Printing values the way TLC does.

Takes values (``tla.evaluator.values``); gives strings.

* :func:`format_value` is TLC's ``Value.toString`` (tlc-interface.md §3.1): sets in
  normalized order, functions on identifier-like strings as records, functions on 1..n as
  tuples, others as ``(d1 :> v1 @@ d2 :> v2)``, lazy sets expanded where TLC expands them.
* :func:`pretty` is TLC's ``Values.ppr`` (§3.5): the one-line text if it fits the width,
  otherwise TLC's pprint re-parses the text (``tlc2/pprint/Parse``) and breaks it over lines
  (``tlc2/pprint/Format``); if that parse fails or stops short, the raw text is printed.
"""
from __future__ import annotations

import re


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_ESC_RE = re.compile(r'["\\\t\n\f\r]')
_IDENT_RE = re.compile(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*\Z")


def format_string(s: str) -> str:
    """A TLA+ string literal for ``s`` (TLC's StringValue.PrintVersion)."""
    return '"' + _ESC_RE.sub(lambda m: _ESCAPES[m.group()], s) + '"'


def _is_record_domain(m: dict) -> bool:
    for k in m:
        if type(k) is not str or not _IDENT_RE.match(k) or k.startswith(("WF_", "SF_")):
            return False
    return True


def format_value(v) -> str:
    """TLC's one-line text of ``v``."""
    out: list[str] = []
    _fmt(v, out)
    return "".join(out)


def _fmt(v, out: list) -> None:
    t = type(v)
    if t is int:
        out.append(str(v))
    elif t is str:
        out.append(format_string(v))
    elif t is bool:
        out.append("TRUE" if v else "FALSE")
    elif t is tuple:
        if not v:
            out.append("<<>>")
            return
        out.append("<<")
        first = True
        for x in v:
            if not first:
                out.append(", ")
            first = False
            _fmt(x, out)
        out.append(">>")
    elif t is V.FSet:
        _fmt_elems(v.sorted(), out)
    elif t is V.Fcn:
        _fmt_fcn(v, out)
    elif t is V.ModelValue:
        out.append(v.name)
    elif t is V.LazyFcn:
        if v.dom.is_enumerable():
            _fmt(v.materialize(), out)
        else:
            out.append(v.text or f"[x \\in {format_value(v.dom)} |-> <expression>]")
    elif t is V.Interval:
        out.append(v.tlc_text())
    elif isinstance(v, V.LazySet):
        _fmt_lazy(v, out)
    elif t is V.OpValue:
        out.append(f"<Operator {v.name}>")
    elif t is V.ConstantOperator:
        out.append(v.tlc_text())
    else:
        out.append(repr(v))


def _fmt_elems(elems, out: list) -> None:
    out.append("{")
    first = True
    for x in elems:
        if not first:
            out.append(", ")
        first = False
        _fmt(x, out)
    out.append("}")


def _fmt_fcn(f, out: list) -> None:
    m = f.map
    keys = V.tlc_sorted(m)
    if _is_record_domain(m):
        out.append("[")
        first = True
        for k in keys:
            if not first:
                out.append(", ")
            first = False
            out.append(k)
            out.append(" |-> ")
            _fmt(m[k], out)
        out.append("]")
        return
    out.append("(")
    first = True
    for k in keys:
        if not first:
            out.append(" @@ ")
        first = False
        _fmt(k, out)
        out.append(" :> ")
        _fmt(m[k], out)
    out.append(")")


def _fmt_lazy(s, out: list) -> None:
    t = type(s)
    if not s.is_enumerable():
        out.append(s.tlc_text())
        return
    if t is V.PowerSet:
        if V.set_size(s.base) >= 7:
            out.append(s.tlc_text())
            return
    elif t in (V.FcnSet, V.RecordSet, V.ProductSet):
        if s.size() >= V.ENUM_BOUND:
            out.append(s.tlc_text())
            return
    # printing expands the set as TLC's toString does (toSetEnum, bounded by -maxSetSize)
    _fmt_elems(s.enumerated().sorted(), out)


# --------------------------------------------------------------------------------------
# TLC's pretty printer
# --------------------------------------------------------------------------------------

class _ParseFail(Exception):
    pass


_SET, _SEQ, _REC, _FUN, _SUBSET, _CONST, _PAIR = range(7)


class _Node:
    __slots__ = ("kind", "first", "last", "children", "text")

    def __init__(self, kind, first, last, children=()):
        self.kind = kind
        self.first = first
        self.last = last
        self.children = children


def _skip_ws(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i].isspace():
        i += 1
    if i >= n:
        raise _ParseFail
    return i


def _parse(s: str, i: int) -> _Node:
    i = _skip_ws(s, i)
    c = s[i]
    if c == "{":
        return _parse_list(s, i, _SET, 1, "}")
    if c == "<":
        return _parse_list(s, i, _SEQ, 2, ">")
    if c == "[":
        return _parse_pairs(s, i, _REC, "|->", ",", "]")
    if c == "(":
        return _parse_pairs(s, i, _FUN, ":>", "@@", ")")
    if s.startswith("SUBSET", i):
        j = _skip_ws(s, i + 6)
        elt = _parse(s, j)
        return _Node(_SUBSET, i, elt.last, (elt,))
    return _parse_const(s, i)


def _parse_list(s, i, kind, open_len, close) -> _Node:
    j = _skip_ws(s, i + open_len)
    kids = []
    while s[j] != close:
        elt = _parse(s, j)
        kids.append(elt)
        j = _skip_ws(s, elt.last + 1)
        if s[j] == ",":
            j += 1
        j = _skip_ws(s, j)
    if kind == _SEQ:
        j += 1
        if j >= len(s):
            raise _ParseFail
    return _Node(kind, i, j, tuple(kids))


def _parse_pairs(s, i, kind, div, sep, close) -> _Node:
    j = _skip_ws(s, i + 1)
    kids = []
    while s[j] != close:
        a = _parse(s, j)
        k = _skip_ws(s, a.last + 1)
        if not s.startswith(div, k):
            raise _ParseFail
        k = _skip_ws(s, k + len(div))
        b = _parse(s, k)
        kids.append(_Node(_PAIR, j, b.last, (a, b)))
        j = _skip_ws(s, b.last + 1)
        if s.startswith(sep, j):
            j += len(sep)
        j = _skip_ws(s, j)
    return _Node(kind, i, j, tuple(kids))


def _parse_const(s: str, i: int) -> _Node:
    n = len(s)
    c = s[i]
    if c == '"':
        j = i + 1
        while j < n and s[j] != '"':
            j += 1
        if j >= n:
            raise _ParseFail
        return _Node(_CONST, i, j)
    if c.isdigit():
        j = i
        while j < n and s[j].isdigit():
            j += 1
        if s.startswith("..", j) and j + 2 < n and s[j + 2].isdigit():
            j += 2
            while j < n and s[j].isdigit():
                j += 1
            return _Node(_CONST, i, j - 1)
    if c == "-":
        j = i + 1
        while j < n and s[j].isdigit():
            j += 1
        return _Node(_CONST, i, j - 1)
    if c.isalnum():
        j = i
        while j < n and s[j].isalnum():
            j += 1
        return _Node(_CONST, i, j - 1)
    raise _ParseFail


_LAYOUT = {
    _SET: ("{ ", " }", "  ", ","),
    _SEQ: ("<< ", " >>", "   ", ","),
    _SUBSET: ("SUBSET ", " ", " ", ","),
}
_PAIR_LAYOUT = {
    _FUN: ("( ", " )", "  ", " @@", " :>", "    "),
    _REC: ("[ ", " ]", "  ", ",", " |->", "    "),
}


def _format(s: str, node: _Node, width: int, trailer: int, pad: str) -> str:
    text = s[node.first:node.last + 1]
    if len(text) <= width - trailer or node.kind == _CONST:
        return text
    if node.kind in _LAYOUT:
        op, cl, pd, sep = _LAYOUT[node.kind]
        inner_w = width - max(len(op), len(pd))
        inner_t = trailer + len(cl)
        lp = pad + pd
        parts = []
        kids = node.children
        for idx, k in enumerate(kids):
            if idx + 1 < len(kids):
                parts.append(_format(s, k, inner_w, len(sep), lp) + sep + "\n" + lp)
            else:
                parts.append(_format(s, k, inner_w, inner_t, lp))
        return op + "".join(parts) + cl
    op, cl, pd, sep, div, divpad = _PAIR_LAYOUT[node.kind]
    w = width - max(len(op), len(pd))
    t = trailer + len(cl)
    lp = pad + pd
    parts = []
    kids = node.children
    for idx, pair in enumerate(kids):
        a, b = pair.children
        at = s[a.first:a.last + 1]
        bt = s[b.first:b.last + 1]
        if idx + 1 < len(kids):
            if len(at) + len(div) + 1 + len(bt) + len(sep) <= w:
                parts.append(at + div + " " + bt + sep + "\n" + lp)
            elif len(at) + len(div) <= w:
                parts.append(at + div + "\n" + lp + divpad
                             + _format(s, b, w - len(divpad), len(sep), lp + divpad)
                             + sep + "\n" + lp)
            else:
                parts.append(_format(s, a, w, t + len(div), lp) + div + "\n" + lp + divpad
                             + _format(s, b, w - len(divpad), len(sep), lp + divpad)
                             + sep + "\n" + lp)
        else:
            if len(at) + len(div) + 1 + len(bt) <= w - t:
                parts.append(at + div + " " + bt)
            elif len(at) + len(div) <= w:
                parts.append(at + div + "\n" + lp + divpad
                             + _format(s, b, w - len(divpad), t, lp + divpad))
            else:
                parts.append(_format(s, a, w, t + len(div), lp) + div + "\n" + lp + divpad
                             + _format(s, b, w - len(divpad), t, lp + divpad))
    return op + "".join(parts) + cl


def pretty_text(text: str, width: int = 80) -> str:
    """TLC's ``PrettyPrint.mypp`` of an already printed value."""
    if len(text) <= width:
        return text
    try:
        node = _parse(text, 0)
    except (_ParseFail, IndexError):
        return text
    if node.last != len(text) - 1:
        return text
    return _format(text, node, width, 0, "")


def pretty(v, width: int = 80) -> str:
    """TLC's ``Values.ppr(v)``: ``format_value(v)`` broken over lines past ``width``."""
    return pretty_text(format_value(v), width)


# imported last: values imports this module at its end (no import cycle either way)
from tla.evaluator import values as V  # noqa: E402
