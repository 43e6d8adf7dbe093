"""Macro expansion: a macro call becomes the macro's body with the arguments in place.

Takes statement lists and the algorithm's macros; replaces, in place, each ``MacroCall``
by copies of the macro's statements in which every parameter is replaced by its argument,
as the translator's ``ExpandMacroCall`` does: in expressions an argument of several tokens
is parenthesized (unless the expression is the parameter alone); an assigned parameter
``x[y] := e`` with ``x <- a[1]`` becomes ``a[1][y] := e``. Expanded statements remember the
position of the call (for ``Failure of assertion at ... of macro called at ...``).
"""
from __future__ import annotations

from tla.errors import ParseError, Span
from tla.pcal import ast as A
from tla.pcal.exprs import Expr


def expand_macros(stmts: list, macros: list[A.Macro], file: str = "<string>",
                  module: str = "") -> None:
    """Replace every macro call in ``stmts`` (recursively) by the macro's body with the
    arguments substituted for the parameters."""
    i = 0
    while i < len(stmts):
        st = stmts[i]
        if isinstance(st, A.MacroCall):
            m = next((m for m in macros if m.name == st.name), None)
            if m is None:
                raise ParseError(f"Undefined macro {st.name}",
                                 Span(file, st.line, st.col, st.line,
                                      st.col + len(st.name) - 1, module))
            if len(m.params) != len(st.args):
                raise ParseError(f"Macro {st.name} called with wrong number of arguments",
                                 Span(file, st.line, st.col, st.line,
                                      st.col + len(st.name) - 1, module))
            body = [substitute_stmt(s, st.args, m.params, st) for s in m.body]
            if body:
                body[0].lbl = st.lbl
            stmts[i:i + 1] = body
            i += len(body)
            continue
        for seq in child_seqs(st):
            expand_macros(seq, macros, file, module)
        i += 1


def child_seqs(st) -> list[list]:
    """The statement lists nested directly in ``st``."""
    if isinstance(st, A.LabelIf):
        return [st.unlab_then, st.unlab_else, st.lab_then, st.lab_else]
    if isinstance(st, A.If):
        return [st.then, st.else_]
    if isinstance(st, A.LabelEither):
        return [s for c in st.clauses for s in (c.unlab, c.lab)]
    if isinstance(st, A.Either):
        return list(st.ors)
    if isinstance(st, A.With):
        return [st.do]
    if isinstance(st, A.While):
        return [st.unlab_do, st.lab_do]
    if isinstance(st, A.LabeledStmt):
        return [st.stmts]
    return []


def _subst(e: Expr, args: list[Expr], params: list[str]) -> Expr:
    c = e.clone()
    c.line, c.col = e.line, e.col
    if params and not c.is_empty():
        c.substitute_all([a for a in args], params, True)
    return c


def substitute_stmt(st, args: list[Expr], params: list[str], call: A.MacroCall):
    """A copy of statement ``st`` with ``args`` substituted for ``params``."""
    pos = {"line": st.line, "col": st.col, "lbl": st.lbl,
           "macro_line": st.macro_line or call.line, "macro_col": st.macro_col or call.col}
    seq = lambda ss: [substitute_stmt(s, args, params, call) for s in ss]  # noqa: E731
    ex = lambda e: _subst(e, args, params)  # noqa: E731
    if isinstance(st, A.Assign):
        return A.Assign(ass=[_subst_single(sa, args, params, call) for sa in st.ass], **pos)
    if isinstance(st, A.LabelIf):
        return A.LabelIf(test=ex(st.test), unlab_then=seq(st.unlab_then),
                         lab_then=seq(st.lab_then), unlab_else=seq(st.unlab_else),
                         lab_else=seq(st.lab_else), **pos)
    if isinstance(st, A.LabelEither):
        return A.LabelEither(clauses=[A.Clause(seq(c.unlab), seq(c.lab)) for c in st.clauses],
                             **pos)
    if isinstance(st, A.With):
        return A.With(var=st.var, is_eq=st.is_eq, exp=ex(st.exp), do=seq(st.do), **pos)
    if isinstance(st, A.While):
        return A.While(test=ex(st.test), unlab_do=seq(st.unlab_do), lab_do=seq(st.lab_do),
                       **pos)
    if isinstance(st, (A.When, A.PrintS, A.Assert)):
        return type(st)(exp=ex(st.exp), **pos)
    if isinstance(st, A.Skip):
        return A.Skip(**pos)
    if isinstance(st, A.Call):
        return A.Call(to=st.to, args=[ex(a) for a in st.args], **pos)
    if isinstance(st, A.CallReturn):
        return A.CallReturn(to=st.to, args=[ex(a) for a in st.args], from_=st.from_, **pos)
    if isinstance(st, A.CallGoto):
        return A.CallGoto(to=st.to, args=[ex(a) for a in st.args], after=st.after, **pos)
    if isinstance(st, A.Return):
        return A.Return(from_=st.from_, **pos)
    if isinstance(st, A.Goto):
        return A.Goto(to=st.to, **pos)
    if isinstance(st, A.MacroCall):
        return A.MacroCall(name=st.name, args=[ex(a) for a in st.args], **pos)
    raise TypeError(f"unexpected statement {st!r}")


def _subst_single(sa: A.SingleAssign, args, params, call) -> A.SingleAssign:
    var, sub = sa.var, _subst(sa.sub, args, params)
    if var in params:
        arg = args[params.index(var)].clone()
        toks = list(arg.tokens())
        var = toks[0].string
        if len(toks) > 1:
            # `x[y] := 1' with x <- a[1] becomes `a[1][y] := 1'
            rest = arg.clone()
            rest.lines[0].pop(0)
            rest.normalize()
            if sub.is_empty():
                sub = rest
            else:
                sub.prepend(rest, 0)
    return A.SingleAssign(var=var, sub=sub, rhs=_subst(sa.rhs, args, params),
                          line=sa.line, col=sa.col, macro_line=sa.macro_line or call.line,
                          macro_col=sa.macro_col or call.col)
