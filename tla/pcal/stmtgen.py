"""Translation of labeled statements into TLA+ actions.

Takes exploded labeled statements (:mod:`tla.pcal.explode`); writes one action per label,
as the translator's ``GenLabeledStmt`` and ``GenStmt`` do: the conjuncts in statement
order, variables assigned earlier in the step primed, process-local variables subscripted
with ``[self]`` (or the process id), each ``IF`` and ``either`` branch completed with the
``UNCHANGED`` of what the other branches change, and the step's ``UNCHANGED`` last
(``v' = v`` for one short variable).
"""
from __future__ import annotations

from tla.pcal import ast as A
from tla.pcal.exprs import ADDED, IDENT, Expr, Tok, self_expr, sub_expr
from tla.pcal.writer import TLAWriter


class Changed:
    """How many times each variable has been set in the current step."""

    def __init__(self, vars_: list[str], counts: list[int] | None = None):
        self.vars = vars_
        self.count = list(counts) if counts is not None else [0] * len(vars_)

    def copy(self) -> "Changed":
        return Changed(self.vars, self.count)

    def is_changed(self, v: str) -> bool:
        for i, name in enumerate(self.vars):
            if name == v:
                return self.count[i] > 0
        return False

    def set(self, v: str) -> int:
        for i, name in enumerate(self.vars):
            if name == v:
                self.count[i] += 1
                return self.count[i]
        return 0

    def merge(self, other: "Changed") -> None:
        self.count = [max(a, b) for a, b in zip(self.count, other.count)]

    def all_changed(self) -> None:
        self.count = [1] * len(self.count)

    def _sel(self, other: "Changed | None") -> list[str]:
        return [v for i, v in enumerate(self.vars)
                if self.count[i] == 0 and (other is None or other.count[i] > 0)]

    def unchanged_str(self, other: "Changed | None" = None) -> str:
        return ", ".join(self._sel(other))

    def num_unchanged(self, other: "Changed | None" = None) -> int:
        return len(self._sel(other))

    def unchanged_lines(self, width: int, other: "Changed | None" = None) -> list[str]:
        out: list[str] = []
        s = ""
        have = False
        for one in self._sel(other):
            if have:
                s += ", "
            have = True
            if len(s) + len(one) > width:
                if s:
                    out.append(s)
                s = one
            else:
                s += one
        if s:
            out.append(s)
        return out


def needs_parentheses(lines: list[str]) -> bool:
    """Whether an expression right of ``=`` must be parenthesized. As in the translator,
    only the first line is examined (once per line of the expression)."""
    if not lines:
        return False
    depth = 0
    in_string = False
    need = False
    ln = 0
    while ln < len(lines) and not need:
        cur = lines[0]
        i = 0
        while i < len(cur) and not need:
            ch = cur[i]
            if in_string:
                if ch == '"':
                    in_string = False
                elif ch == "\\":
                    i += 1
            else:
                left = right = maybe = False
                nxt = cur[i + 1] if i < len(cur) - 1 else " "
                if ch == '"':
                    in_string = True
                elif ch in "=#":
                    maybe = True
                elif ch == "<":
                    if nxt == "<":
                        i += 1
                        left = True
                    else:
                        maybe = True
                elif ch == ">":
                    if nxt == ">":
                        i += 1
                        right = True
                    else:
                        maybe = True
                elif ch == "|":
                    if nxt == "-" or (i > 0 and cur[i - 1] == "-"):
                        maybe = True
                elif ch == "\\":
                    if nxt not in " oX":
                        maybe = True
                elif ch == "/":
                    if nxt == "\\":
                        maybe = True
                elif ch in "([{":
                    left = True
                elif ch in ")]}":
                    right = True
                if maybe and depth == 0:
                    need = True
                if left:
                    depth += 1
                if right:
                    if depth == 0:
                        need = True
                    depth -= 1
            i += 1
        if in_string:
            need = True
        ln += 1
    return need


class StatementWriter(TLAWriter):
    """Writes actions; the generator sets ``alg``, ``mp``, ``vars``, ``proc_vars``,
    ``pset_vars``, ``self``, ``self_is_self`` and ``current_proc_name``."""

    alg: A.Algorithm
    mp: bool
    vars: list[str]
    proc_vars: list[str]
    pset_vars: list[str]
    self: Expr | None
    self_is_self: bool
    current_proc_name: str

    def _self(self, context: str) -> Expr | None:
        if not self.mp:
            return None
        return self_expr() if context == "procedure" else self.self

    # ------------------------------------------------------------------ actions
    def labeled(self, ls: A.LabeledStmt, context: str) -> None:
        name = self.current_proc_name if self.alg.omit_pc else ls.label
        c = Changed(self.vars)
        sb = name
        if self.mp and (context == "procedure" or self.self_is_self):
            sb += "(self)"
        sb += " == "
        col = len(sb)
        sb += "/\\ "
        def_start = len(self.lines)
        col_after_and = len(sb)
        for st in ls.stmts:
            self.stmt(st, c, context, sb, len(sb))
            sb = " " * col + "/\\ "
        unc = c.unchanged_lines(self.wrap - col - len("/\\ UNCHANGED << "))
        n = c.num_unchanged()
        if n > 1:
            sb = " " * col + "/\\ UNCHANGED << "
            here = len(sb)
            sb += unc[0]
            for u in unc[1:]:
                self.line(sb)
                sb = " " * here + u
            self.tok(sb + " >>")
        elif n == 1:
            u = c.unchanged_str()
            if len(u) > 5:
                self.tok(" " * col + "/\\ UNCHANGED " + u)
            else:
                self.tok(" " * col + "/\\ " + u + "' = " + u)
        elif len(ls.stmts) == 1:
            self.end_line()
            for i in range(def_start, len(self.lines)):
                text = self.lines[i]
                if i == def_start:
                    self.lines[i] = text[:col_after_and - 3] + text[col_after_and:]
                elif len(text) > 3:
                    self.lines[i] = text[3:]
        self.line("")

    def stmt(self, st, c: Changed, context: str, prefix: str, col: int) -> None:
        if isinstance(st, A.Assign):
            self.assign(st, c, context, prefix)
        elif isinstance(st, A.If):
            self.if_(st, c, context, prefix)
        elif isinstance(st, A.Either):
            self.either(st, c, context, prefix)
        elif isinstance(st, A.With):
            self.with_(st, c, context, prefix, col)
        elif isinstance(st, A.When):
            self.tok(prefix)
            self.expr(self.subscripts(st.exp, context, c))
            self.end_line()
        elif isinstance(st, A.PrintS):
            self.tok(prefix + "PrintT(")
            self.expr(self.subscripts(st.exp, context, c))
            self.tok(")")
            self.end_line()
        elif isinstance(st, A.Assert):
            self.assert_(st, c, context, prefix)
        elif isinstance(st, A.Skip):
            self.tok(prefix)
            self.tok("TRUE")
            self.end_line()
        else:
            raise self.error(f"Unexpected statement {type(st).__name__}", st)

    def subscripts(self, e: Expr, context: str, c: Changed, sub: Expr | None = None,
                   use_sub: bool = True) -> Expr:
        """``e`` with changed variables primed and process-local variables subscripted
        (the translator's ``AddSubscriptsToExpr``)."""
        if use_sub:
            sub = sub_expr(self._self(context))
        expr = e.clone()
        names: list[str] = []
        exprs: list[Expr] = []
        for tok in list(expr.tokens()):
            prime = tok.kind == IDENT and c.is_changed(tok.string)
            subr = sub is not None and (tok.kind == ADDED or (
                self.mp and tok.kind == IDENT and (tok.string in self.proc_vars
                                                    or tok.string in self.pset_vars)))
            if (subr or prime) and tok.string not in names:
                names.append(tok.string)
                exp = Expr([[Tok(tok.string, 0, tok.kind)]])
                if prime:
                    exp.add_token_offset(Tok("'", 0), 0)
                if subr:
                    exp.normalize()
                    subexp = sub.clone()
                    subexp.prepend(exp, 0)
                    exp = subexp
                exprs.append(exp)
        if exprs:
            expr.substitute_all(exprs, names, False)
        return expr

    def assign(self, st: A.Assign, c: Changed, context: str, prefix: str) -> None:
        c_this = c.copy()
        ass = sorted(st.ass, key=lambda sa: sa.var)
        self.tok(prefix)
        sb = ""
        i = 0
        multiple = False
        while i < len(ass):
            first = ass[i]
            if first.var not in self.vars:
                raise self.error(f"Assignment to undeclared variable {first.var}", first)
            i_first = i
            i_last = i
            no_sub_seen = False
            while i_last < len(ass) and ass[i_last].var == first.var:
                if ass[i_last].sub.is_empty():
                    no_sub_seen = True
                i_last += 1
            if i_last != len(ass):
                multiple = True
            i_last -= 1
            if c_this.set(first.var) > 1 or (i_last > i_first and no_sub_seen):
                raise self.error(f"Multiple assignment to {first.var}", st)
            if multiple:
                sb += "/\\ "
            if i_first == i_last:
                sa = first
                sub = self.subscripts(sa.sub, context, c)
                rhs = self.subscripts(sa.rhs, context, c)
                if self.mp and (sa.var in ("pc", "stack") or sa.var in self.proc_vars
                                or sa.var in self.pset_vars):
                    sb += sa.var + "' = [" + sa.var + " EXCEPT ![" 
                    self.tok(sb)
                    self.expr(self.self)
                    self.tok("]")
                    if not sub.is_empty():
                        self.expr(sub)
                    self.tok(" = ")
                    self.expr(rhs)
                    self.tok("]")
                elif not sa.sub.is_empty():
                    self.tok(sb + sa.var + "' = [" + sa.var + " EXCEPT !")
                    self.expr(sub)
                    self.tok(" = ")
                    self.expr(rhs)
                    self.tok("]")
                else:
                    paren = needs_parentheses(rhs.to_lines())
                    self.tok(sb + sa.var + "' = " + ("(" if paren else ""))
                    self.expr(rhs)
                    if paren:
                        self.tok(")")
                sb = ""
            else:
                sb += first.var + "' = [" + first.var + " EXCEPT "
                cc = len(sb) + (len(prefix) if i == 0 else 0)
                subscript = self.mp and (first.var in self.proc_vars
                                         or first.var in self.pset_vars)
                for k in range(i_first, i_last + 1):
                    sa = ass[k]
                    sub = self.subscripts(sa.sub, context, c)
                    rhs = self.subscripts(sa.rhs, context, c)
                    sb += "!"
                    if subscript:
                        self.tok(sb + "[")
                        self.expr(self._self(context))
                        self.tok("]")
                    else:
                        self.tok(sb)
                    self.expr(sub)
                    self.tok(" = ")
                    self.expr(rhs)
                    self.tok("]" if k == i_last else ",")
                    sb = ""
                    if k < i_last:
                        self.end_line()
                        sb = " " * cc
            i = i_last + 1
            if i < len(ass):
                self.end_line()
                sb = " " * len(prefix)
        self.end_line()
        c.merge(c_this)

    def _unchanged_conjunct(self, sb: str, c1: Changed, c2: Changed) -> list[str] | None:
        n = c1.num_unchanged(c2)
        if n > 1:
            unc = c1.unchanged_lines(self.wrap - len(sb) - len("UNCHANGED << "), c2)
            sb += "UNCHANGED << "
            cc = len(sb)
            out = []
            sb += unc[0]
            for u in unc[1:]:
                out.append(sb)
                sb = " " * cc + u
            out.append(sb + " >>")
            return out
        if n == 1:
            u = c1.unchanged_str(c2)
            return [sb + ("UNCHANGED " + u if len(u) > 5 else u + "' = " + u)]
        return None

    def if_(self, st: A.If, c: Changed, context: str, prefix: str) -> None:
        c_then, c_else = c.copy(), c.copy()
        test = self.subscripts(st.test, context, c)
        sb = prefix + "IF "
        here = len(sb)
        self.tok(sb)
        self.expr(test)
        self.end_line()
        sb = " " * here + "THEN "
        here = len(sb)
        sb += "/\\ "
        for s in st.then:
            self.stmt(s, c_then, context, sb, here + 3)
            sb = " " * here + "/\\ "
        line_unc_then = len(self.lines)
        self.line(sb)
        sb = " " * (here - 5) + "ELSE "
        here = len(sb)
        if not st.else_:
            sb += "/\\ TRUE"
            self.line(sb)
            sb = " " * here + "/\\ "
        else:
            sb += "/\\ "
            for s in st.else_:
                self.stmt(s, c_else, context, sb, here + 3)
                sb = " " * here + "/\\ "
        unc = self._unchanged_conjunct(sb, c_else, c_then)
        if unc is not None:
            for u in unc[:-1]:
                self.line(u)
            self.tok(unc[-1])
            self.end_line()
        sb = self.lines.pop(line_unc_then)
        unc = self._unchanged_conjunct(sb, c_then, c_else)
        if unc is not None:
            self.lines[line_unc_then:line_unc_then] = unc
        c.merge(c_then)
        c.merge(c_else)

    def either(self, st: A.Either, c: Changed, context: str, prefix: str) -> None:
        all_c = c.copy()
        c_ors = []
        uc_locs = []
        prefix_indent = len(prefix)
        sb = prefix + "\\/ "
        here = len(sb)
        for i, clause in enumerate(st.ors):
            if i:
                sb = " " * prefix_indent + "\\/ "
            sb += "/\\ "
            cc = c.copy()
            for s in clause:
                self.stmt(s, cc, context, sb, here + 3)
                sb = " " * here + "/\\ "
            c_ors.append(cc)
            all_c.merge(cc)
            uc_locs.append(len(self.lines))
            self.line("Replace by UNCHANGED")
        for i in range(len(st.ors) - 1, -1, -1):
            del self.lines[uc_locs[i]]
            n = c_ors[i].num_unchanged(all_c)
            nc = c_ors[i].unchanged_str(all_c)
            if n > 1:
                self.lines.insert(uc_locs[i], " " * here + "/\\ UNCHANGED <<" + nc + ">>")
            elif n == 1:
                if len(nc) > 5:
                    self.lines.insert(uc_locs[i], " " * here + "/\\ UNCHANGED " + nc)
                else:
                    self.lines.insert(uc_locs[i], " " * here + "/\\ " + nc + "' = " + nc)
        c.merge(all_c)

    def with_(self, st: A.With, c: Changed, context: str, prefix: str, col: int) -> None:
        exp = self.subscripts(st.exp, context, c)
        if st.is_eq:
            self.tok(prefix + "LET " + st.var + " == ")
            self.expr(exp)
            self.tok(" IN")
        else:
            self.tok(prefix + "\\E " + st.var + " \\in ")
            self.expr(exp)
            self.tok(":")
        self.end_line()
        sb = " " * (col + 2)
        if len(st.do) > 1:
            sb += "/\\ "
        for s in st.do:
            self.stmt(s, c, context, sb, len(sb))
            sb = " " * (col + 2) + "/\\ "

    def assert_(self, st: A.Assert, c: Changed, context: str, prefix: str) -> None:
        exp = self.subscripts(st.exp, context, c)
        sb = prefix + "Assert("
        self.tok(sb)
        self.expr(exp)
        here = len(sb)
        sc = '"Failure of assertion at ' + st.location() + '.")'
        if len(self.cur) + 2 + len(sc) < self.wrap:
            self.tok(", " + sc)
        else:
            self.tok(", ")
            self.end_line()
            self.tok(" " * here + sc)
        self.end_line()
