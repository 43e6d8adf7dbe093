"""Print an AST back as TLA+ text.

Takes :mod:`tla.parser.ast` nodes; gives TLA+ source that parses back to an equal tree
(``parse(format(parse(text))) == parse(text)``; spans aside). Junction lists are laid out
as bulleted lists (their meaning is columnar): each printed piece is a *box*, a list of
lines whose later lines are relative to the column where the first one starts, and boxes are
glued so that everything inside a list item lies right of its bullet.

Parentheses: an operand of an infix operator is left bare only when SANY's precedence ranges
group it the same way (``a + b * c``, ``a - b - c``); other operator operands and every
expression that extends to the right (quantifiers, IF, CASE, LET, ...) are parenthesized.

Public: :func:`format_module`, :func:`format_expr`, :func:`format_unit`.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

from tla.parser import ast
from tla.parser.operators import INFIX, POSTFIX, PREFIX

__all__ = ["format_module", "format_expr", "format_unit"]

Box = list  # list[str]: lines; lines[1:] are relative to the column of lines[0]


@contextmanager
def _deep():
    # Deeply nested expressions recurse once per level; Python-to-Python calls do not use
    # the C stack in 3.11, so a larger limit is safe here.
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 200_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def format_expr(e: ast.Expr) -> str:
    """The expression as TLA+ (possibly several lines, for junction lists)."""
    with _deep():
        return "\n".join(_expr(e))


def format_unit(u: ast.Unit) -> str:
    """One module unit (definition, declaration, theorem, ...) as TLA+."""
    with _deep():
        return "\n".join(_unit(u))


def format_module(m: ast.Module) -> str:
    """The whole module, from its ``---- MODULE`` line to its ``====``."""
    with _deep():
        return "\n".join(_module(m)) + "\n"


# --------------------------------------------------------------------------------------
# Boxes
# --------------------------------------------------------------------------------------

def _cat(*parts) -> Box:
    """Glue boxes (or strings) left to right; each part starts where the previous ended."""
    out: Box = [""]
    for part in parts:
        box = [part] if isinstance(part, str) else part
        indent = " " * len(out[-1])
        out[-1] += box[0]
        out.extend(indent + line for line in box[1:])
    return out


def _join(boxes: list[Box], sep: str) -> Box:
    if not boxes:
        return [""]
    parts: list = [boxes[0]]
    for b in boxes[1:]:
        parts.extend((sep, b))
    return _cat(*parts)


def _stack(boxes: list[Box]) -> Box:
    """Boxes one under the other, all at the same column."""
    return [line for b in boxes for line in b]


# --------------------------------------------------------------------------------------
# Expressions
# --------------------------------------------------------------------------------------

_PRIMARY = (ast.Num, ast.Decimal, ast.Str, ast.Bool, ast.Qualified, ast.SetEnum,
            ast.SetFilter, ast.SetMap, ast.Tuple, ast.Record, ast.RecordSet, ast.FunCons,
            ast.FunSet, ast.FunApp, ast.FieldAccess, ast.Except, ast.At, ast.BoxAction,
            ast.AngleAction, ast.Fairness, ast.OpArg)


def _is_primary(e) -> bool:
    if isinstance(e, _PRIMARY):
        return True
    if isinstance(e, ast.OpApp):
        if not e.args:
            return True
        if len(e.args) == 1 and e.name in POSTFIX:
            return True
        return not _is_operator(e.name, len(e.args))
    return False


def _is_operator(name: str, arity: int) -> bool:
    return (arity == 2 and name in INFIX) or (arity == 1 and name in PREFIX) or (
        arity == 1 and name in POSTFIX) or (name == "\\X" and arity > 2)


def _operand(e) -> Box:
    box = _expr(e)
    return box if _is_primary(e) else _cat("(", box, ")")


def _expr(e) -> Box:
    return _EXPR[type(e)](e)


def _string(s: str) -> str:
    body = (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r").replace("\f", "\\f"))
    return f'"{body}"'


def _args(args) -> Box:
    return _join([_expr(a) for a in args], ", ")


def _opapp(e: ast.OpApp) -> Box:
    name, args = e.name, e.args
    if not args:
        return [name]
    if len(args) == 2 and name in INFIX or name == "\\X" and len(args) > 2:
        info = INFIX[name]
        parts = [_infix_operand(info, name, a, i == 0) for i, a in enumerate(args)]
        return _join(parts, f" {name} ")
    if len(args) == 1 and name in PREFIX:
        symbol = "-" if name == "-." else name
        space = " " if symbol[-1].isalpha() else ""
        return _cat(symbol + space, _operand(args[0]))
    if len(args) == 1 and name in POSTFIX:
        return _cat(_operand(args[0]), name)
    return _cat(name, "(", _args(args), ")")


def _infix_kind(e) -> str | None:
    """"in" or "pre" when ``e`` prints as an infix or prefix operator application."""
    if isinstance(e, ast.OpApp):
        if len(e.args) == 2 and e.name in INFIX or e.name == "\\X" and len(e.args) > 2:
            return "in"
        if len(e.args) == 1 and e.name in PREFIX:
            return "pre"
    return None


def _infix_operand(parent, name: str, e, left: bool) -> Box:
    """An operand of infix ``name``, parenthesized unless SANY's precedence ranges already
    group it the same way. A prefix application is left bare only on the left, where the
    infix operator that follows cannot be captured by it."""
    kind = _infix_kind(e)
    if kind == "in":
        child = INFIX[e.name]
        if child.low > parent.high or (left and e.name == name and child.assoc
                                       and name != "\\X"):
            return _expr(e)
    elif kind == "pre" and left and parent.high < PREFIX[e.name].low:
        return _expr(e)
    return _operand(e)


def _bound(b: ast.Bound) -> Box:
    names = ", ".join(b.names)
    if b.tuple_pattern:
        names = f"<<{names}>>"
    if b.domain is None:
        return [names]
    return _cat(names, " \\in ", _domain(b.domain))


def _domain(e) -> Box:
    """A bound's domain: bare when it binds tighter than ``\\in`` (``1..N``), else in parens."""
    if isinstance(e, ast.OpApp) and _is_operator(e.name, len(e.args)):
        info = (INFIX if len(e.args) >= 2 else PREFIX if e.name in PREFIX else POSTFIX)[e.name]
        if info.low > 5:
            return _expr(e)
    return _operand(e)


def _bounds(bounds) -> Box:
    return _join([_bound(b) for b in bounds], ", ")


def _qualified(e: ast.Qualified) -> Box:
    parts: list = []
    for i, (name, args) in enumerate(e.path):
        if i:
            parts.append("!")
        parts.append(name)
        if args:
            parts.extend(("(", _args(args), ")"))
    return _cat(*parts)


def _except(e: ast.Except) -> Box:
    updates = []
    for path, value in e.updates:
        parts: list = ["!"]
        for step in path:
            if isinstance(step, ast.ExceptField):
                parts.append("." + step.name)
            else:
                parts.extend(("[", _args(step.args), "]"))
        parts.extend((" = ", _expr(value)))
        updates.append(_cat(*parts))
    return _cat("[", _expr(e.fn), " EXCEPT ", _join(updates, ", "), "]")


def _subscript(e) -> Box:
    if isinstance(e, ast.OpApp) and not e.args or isinstance(e, ast.Tuple) and e.elems:
        return _expr(e)
    if isinstance(e, ast.Qualified) and all(not a for _, a in e.path) and all(
            n[:1].isalpha() or n[:1] == "_" for n, _ in e.path):
        return _expr(e)
    return _cat("(", _expr(e), ")")


def _case(e: ast.Case) -> Box:
    arms = [_cat(_expr(p), " -> ", _operand(v)) for p, v in e.arms]
    if e.other is not None:
        arms.append(_cat("OTHER -> ", _operand(e.other)))
    return _cat("CASE ", _join(arms, " [] "))


def _let(e: ast.Let) -> Box:
    defs = _stack([_unit(d) for d in e.defs])
    return _stack([_cat("LET ", defs), _cat("IN  ", _expr(e.body))])


_OPEN = (ast.Quant, ast.TemporalQuant, ast.Choose, ast.If, ast.Case, ast.Let, ast.Lambda,
         ast.Label)


def _junction(e: ast.Junction, last: bool = False) -> Box:
    # Unless the list ends its definition (``last``), an item that extends to the right is
    # parenthesized at the end: text after the list on the same line (a CASE arrow, say)
    # would otherwise be read as part of it.
    items = [_expr(item) for item in e.items]
    if not last and isinstance(e.items[-1], _OPEN):
        items[-1] = _cat("(", items[-1], ")")
    return _stack([_cat(e.kind + " ", box) for box in items])


def _body(e) -> Box:
    """A definition's body: nothing follows it on its last line."""
    return _junction(e, last=True) if isinstance(e, ast.Junction) else _expr(e)


def _label(e: ast.Label) -> Box:
    params = f"({', '.join(e.params)})" if e.params else ""
    return _cat(f"{e.name}{params}:: ", _operand(e.body))


_EXPR = {
    ast.Num: lambda e: [str(e.value)],
    ast.Decimal: lambda e: [e.text],
    ast.Str: lambda e: [_string(e.value)],
    ast.Bool: lambda e: ["TRUE" if e.value else "FALSE"],
    ast.OpApp: _opapp,
    ast.OpArg: lambda e: [e.name],
    ast.Qualified: _qualified,
    ast.Quant: lambda e: _cat(e.kind, " ", _bounds(e.bounds), " : ", _expr(e.body)),
    ast.TemporalQuant: lambda e: _cat(e.kind, " ", ", ".join(e.names), " : ", _expr(e.body)),
    ast.Choose: lambda e: _cat("CHOOSE ", _bound(e.bound), " : ", _expr(e.body)),
    ast.SetEnum: lambda e: _cat("{", _args(e.elems), "}"),
    ast.SetFilter: lambda e: _cat("{", _bound(e.bound), " : ", _expr(e.pred), "}"),
    ast.SetMap: lambda e: _cat("{", _operand(e.expr), " : ", _bounds(e.bounds), "}"),
    ast.Tuple: lambda e: _cat("<<", _args(e.elems), ">>"),
    ast.Record: lambda e: _cat("[", _join([_cat(f"{k} |-> ", _expr(v)) for k, v in e.fields],
                                          ", "), "]"),
    ast.RecordSet: lambda e: _cat("[", _join([_cat(f"{k} : ", _expr(v)) for k, v in e.fields],
                                             ", "), "]"),
    ast.FieldAccess: lambda e: _cat(_operand(e.record), "." + e.field),
    ast.FunCons: lambda e: _cat("[", _bounds(e.bounds), " |-> ", _expr(e.body), "]"),
    ast.FunSet: lambda e: _cat("[", _expr(e.domain), " -> ", _expr(e.range), "]"),
    ast.FunApp: lambda e: _cat(_operand(e.fn), "[", _args(e.args), "]"),
    ast.Except: _except,
    ast.At: lambda e: ["@"],
    ast.If: lambda e: _cat("IF ", _expr(e.cond), " THEN ", _expr(e.then), " ELSE ",
                           _expr(e.else_)),
    ast.Case: _case,
    ast.Let: _let,
    ast.Junction: _junction,
    ast.Lambda: lambda e: _cat("LAMBDA ", ", ".join(e.params), " : ", _expr(e.body)),
    ast.BoxAction: lambda e: _cat("[", _expr(e.action), "]_", _subscript(e.sub)),
    ast.AngleAction: lambda e: _cat("<<", _expr(e.action), ">>_", _subscript(e.sub)),
    ast.Fairness: lambda e: _cat(e.kind + "_", _subscript(e.sub), "(", _expr(e.action), ")"),
    ast.Label: _label,
    ast.AssumeProve: lambda e: _statement(e),
}


# --------------------------------------------------------------------------------------
# Units and proofs
# --------------------------------------------------------------------------------------

def _param(p: ast.Param) -> str:
    if p.arity == 0:
        return p.name
    if p.name in INFIX and p.arity == 2:
        return f"_ {p.name} _"
    if p.name in PREFIX and p.arity == 1:
        return f"{p.name} _"
    if p.name in POSTFIX and p.arity == 1:
        return f"_{p.name}"
    return f"{p.name}({', '.join('_' * p.arity)})"


def _local(u) -> str:
    return "LOCAL " if getattr(u, "local", False) else ""


def _opdef_head(d: ast.OpDef) -> str:
    ps = d.params
    if len(ps) == 2 and d.name in INFIX and all(p.arity == 0 for p in ps):
        return f"{ps[0].name} {d.name} {ps[1].name}"
    if len(ps) == 1 and d.name in PREFIX and ps[0].arity == 0:
        return f"{d.name} {ps[0].name}"
    if len(ps) == 1 and d.name in POSTFIX and ps[0].arity == 0:
        return f"{ps[0].name}{d.name}"
    if ps:
        return f"{d.name}({', '.join(_param(p) for p in ps)})"
    return d.name


def _instance(d: ast.InstanceDef) -> Box:
    head = ""
    if d.name is not None:
        params = f"({', '.join(_param(p) for p in d.params)})" if d.params else ""
        head = f"{d.name}{params} == "
    parts: list = [_local(d) + head + "INSTANCE " + d.module]
    if d.subs:
        parts.append(" WITH ")
        parts.append(_join([_cat(f"{n} <- ", _expr(e)) for n, e in d.subs], ", "))
    return _cat(*parts)


def _use_body(facts, defs, only: bool) -> Box:
    parts: list = []
    if only:
        parts.append("ONLY ")
    if facts:
        parts.append(_join([_fact(f) for f in facts], ", "))
    if defs:
        parts.append((" " if facts else "") + "DEF " + ", ".join(defs))
    return _cat(*parts) if parts else [""]


def _fact(f) -> Box:
    if isinstance(f, ast.OpApp) and not f.args and f.name.startswith("MODULE "):
        return [f.name]
    return _expr(f)


def _new_decl(d: ast.NewDecl) -> Box:
    arity = f"({', '.join('_' * d.arity)})" if d.arity else ""
    head = f"NEW {d.kind} {d.name}{arity}"
    return _cat(head, " \\in ", _domain(d.domain)) if d.domain is not None else [head]


def _assume_item(item) -> Box:
    if isinstance(item, ast.NewDecl):
        return _new_decl(item)
    if isinstance(item, ast.Unit):
        return _unit(item)
    return _statement(item)


def _statement(s) -> Box:
    if isinstance(s, ast.AssumeProve):
        items = _join([_assume_item(i) for i in s.assumptions], ", ")
        return _stack([_cat("ASSUME ", items), _cat("PROVE  ", _expr(s.goal))])
    return _expr(s)


def _proof(p: ast.Proof | None) -> Box:
    if p is None:
        return []
    if p.kind in ("OBVIOUS", "OMITTED"):
        return [p.kind]
    if p.kind == "BY":
        return _cat("BY ", _use_body(p.facts, p.defs, p.only))
    return _stack([_step(s) for s in p.steps])


def _step(s: ast.ProofStep) -> Box:
    if s.level in "*+":
        number = f"<{s.level}>" + (s.label or "")
    else:
        number = f"<{s.level}>" + (f"{s.label}." if s.label else "")
    body = s.body
    kind = s.kind
    if kind == "":
        content = _statement(body)
    elif kind == "QED":
        content = ["QED"]
    elif kind == "SUFFICES":
        content = _cat("SUFFICES ", _statement(body))
    elif kind in ("CASE", "HAVE"):
        content = _cat(kind + " ", _expr(body))
    elif kind == "WITNESS":
        content = _cat("WITNESS ", _args(body))
    elif kind == "TAKE":
        content = _cat("TAKE ", _bounds(body))
    elif kind == "PICK":
        bounds, pred = body
        content = _cat("PICK ", _bounds(bounds), " : ", _expr(pred))
    elif kind == "DEFINE":
        content = _cat("DEFINE ", _stack([_unit(d) for d in body]))
    else:  # USE, HIDE, INSTANCE
        content = _unit(body)
    head = _cat(number + " ", content)
    proof = _proof(s.proof)
    if s.proof is not None and s.proof.kind == "STEPS":
        # PROOF makes the nesting explicit whatever the step numbers (<*>, <+>, QED)
        proof = ["PROOF"] + proof
    return _stack([head, ["  " + line for line in proof]]) if proof else head


def _unit(u) -> Box:
    if isinstance(u, ast.OpDef):
        return _cat(_local(u) + _opdef_head(u) + " == ", _body(u.body))
    if isinstance(u, ast.FunDef):
        return _cat(_local(u) + u.name + "[", _bounds(u.bounds), "] == ", _body(u.body))
    if isinstance(u, ast.InstanceDef):
        return _instance(u)
    if isinstance(u, ast.Constants):
        return ["CONSTANTS " + ", ".join(_param(p) for p in u.decls)]
    if isinstance(u, ast.Variables):
        return ["VARIABLES " + ", ".join(u.names)]
    if isinstance(u, ast.Recursive):
        return ["RECURSIVE " + ", ".join(_param(p) for p in u.decls)]
    if isinstance(u, ast.Assume):
        name = f"{u.name} == " if u.name else ""
        return _cat("ASSUME " + name, _expr(u.expr))
    if isinstance(u, ast.Theorem):
        name = f"{u.name} == " if u.name else ""
        head = _cat(f"{u.kind} {name}", _statement(u.body))
        proof = _proof(u.proof)
        return _stack([head, ["  " + line for line in proof]]) if proof else head
    if isinstance(u, ast.Separator):
        return ["-" * 40]
    if isinstance(u, ast.Module):
        return _module(u)
    if isinstance(u, ast.UseOrHide):
        return _cat(u.kind + " ", _use_body(u.facts, u.defs, u.only))
    raise TypeError(f"cannot print {type(u).__name__}")


def _module(m: ast.Module) -> Box:
    lines = [f"---- MODULE {m.name} ----"]
    if m.extends:
        lines.append("EXTENDS " + ", ".join(m.extends))
    for u in m.units:
        lines.extend(_unit(u))
    lines.append("====")
    return lines
