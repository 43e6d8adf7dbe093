"""Operator-precedence resolution with SANY's precedence *ranges*.

Takes the flat operand/operator sequence the grammar collects for one expression (prefix
operators, operands and infix operators in source order, e.g. ``~ a = b /\\ c``) and gives the
expression tree. The rules are SANY's:

* operator ``p`` binds tighter than ``q`` when ``p``'s range lies entirely above ``q``'s
  (``p.low > q.high``);
* when the ranges overlap, the expression is a precedence conflict (``a \\in S = T``,
  ``a /\\ b \\/ c``) unless both operators are the same left-associative one (``a + b + c``);
  a non-associative operator may not be chained (``a = b = c``);
* ``A \\X B \\X C`` is one n-ary Cartesian product, not a nested one;
* a unary minus right after an infix operator that binds tighter than it is a conflict too
  (``a * -b``, ``2 ^ -1``; SANY treats ``-`` there as its infix form turned prefix and rejects
  it, tlaplus/tlaplus#893), while ``a + -b`` and ``a = -1`` are fine.

Errors are :class:`tla.errors.ParseError` at the second operator of the offending pair.
"""
from __future__ import annotations

from typing import Callable

from tla.errors import ParseError, Span
from tla.parser import ast
from tla.parser.operators import INFIX, PREFIX, OpInfo

__all__ = ["OpToken", "resolve"]


class OpToken:
    """An operator occurrence in a sequence: ``kind`` ``"pre"`` or ``"in"``."""
    __slots__ = ("kind", "name", "span", "info")

    def __init__(self, kind: str, name: str, span: Span):
        self.kind, self.name, self.span = kind, name, span
        self.info: OpInfo = (PREFIX if kind == "pre" else INFIX)[name]


def _conflict(first: OpToken, second: OpToken) -> ParseError:
    if first.name == second.name:
        msg = (f"Operator {second.name} is not associative and cannot be chained "
               f"(line {first.span.line}, column {first.span.col} and "
               f"line {second.span.line}, column {second.span.col})")
    else:
        msg = (f"Precedence conflict between ops {first.name} at line {first.span.line}, "
               f"column {first.span.col} and {second.name} at line {second.span.line}, "
               f"column {second.span.col}; add parentheses")
    return ParseError(msg, second.span)


def resolve(items: list, join: Callable[[Span, Span], Span]) -> ast.Expr:
    """Build the tree of ``items`` (alternating prefix operators/operands and infix operators,
    as :class:`OpToken` and :class:`ast.Expr`). ``join(a, b)`` makes the span from a to b."""
    if len(items) == 1:
        return items[0]
    operands: list[ast.Expr] = []
    ops: list[OpToken] = []
    products: set[int] = set()   # ids of \X applications built from an unparenthesized chain

    def reduce() -> None:
        op = ops.pop()
        if op.kind == "pre":
            arg = operands.pop()
            operands.append(ast.OpApp(op.name, (arg,), join(op.span, arg.span)))
            return
        right = operands.pop()
        left = operands.pop()
        if op.name == "\\X" and id(left) in products:
            node = ast.OpApp("\\X", left.args + (right,), join(left.span, right.span))
        else:
            node = ast.OpApp(op.name, (left, right), join(left.span, right.span))
        if op.name == "\\X":
            products.add(id(node))
        operands.append(node)

    previous = None
    for item in items:
        if not isinstance(item, OpToken):
            operands.append(item)
            previous = item
            continue
        if item.kind == "pre":
            if (item.name == "-." and isinstance(previous, OpToken) and previous.kind == "in"
                    and previous.info.low > item.info.high):
                raise _conflict(previous, item)
            ops.append(item)
            previous = item
            continue
        previous = item
        info = item.info
        while ops:
            top = ops[-1]
            tinfo = top.info
            if tinfo.high < info.low:
                break
            if info.high < tinfo.low:
                reduce()
                continue
            if top.kind == "in" and top.name == item.name and tinfo.assoc:
                reduce()
                continue
            raise _conflict(top, item)
        ops.append(item)
    while ops:
        reduce()
    return operands[0]
