"""TLA+ text of an exploded algorithm, laid out as the PlusCal translator lays it out.

Takes an :class:`~tla.pcal.ast.Algorithm` whose bodies were exploded
(:mod:`tla.pcal.explode`) and the options; gives the lines that go between
``\\* BEGIN TRANSLATION`` and ``\\* END TRANSLATION``. It follows ``PcalTLAGen``:
``VARIABLES`` (and the ``define`` block), ``vars``, ``ProcSet``, ``Init``, one action per
label (conjuncts in statement order, then ``UNCHANGED``), one action per procedure and
process, ``Next`` (with ``Terminating``), ``Spec`` with the fairness conjuncts and
``Termination``; lines wrap at column 78, expressions keep their source layout.
"""
from __future__ import annotations

from dataclasses import dataclass

from tla.errors import ParseError, Span
from tla.pcal import ast as A
from tla.pcal.exprs import ADDED, IDENT, Expr, Tok, self_expr, sub_expr

#: default of the translator's -lineWidth: lines are wrapped before this column
WRAP = 78


@dataclass
class Options:
    """Translator options that change the generated text."""

    fairness: str = ""      # "", "wf", "sf", "wfNext", "nof"
    no_done_disjunct: bool = False
    line_width: int = WRAP
    #: current translators declare ``pc`` first; older ones after the global variables
    pc_first: bool = True


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


class Generator:
    """Accumulates the translation's lines (``tlacode``) and the line being built."""

    def __init__(self, alg: A.Algorithm, opts: Options, file: str = "<string>",
                 module: str = ""):
        self.alg = alg
        self.opts = opts
        self.file = file
        self.module = module
        self.lines: list[str] = []
        self.cur = ""
        self.mp = alg.processes is not None
        self.vars: list[str] = []
        self.proc_vars: list[str] = []      # procedure parameters and locals
        self.pset_vars: list[str] = []      # variables of process sets
        self.self: Expr | None = None
        self.self_is_self = False
        self.next_step: list[str] = []
        self.next_step_self: list[str] = []
        self.current_proc_name = "Next"
        self.wrap = opts.line_width

    # ------------------------------------------------------------------ output
    def tok(self, s: str) -> None:
        self.cur += s

    def end_line(self) -> None:
        if self.cur:
            self.lines.append(self.cur)
            self.cur = ""

    def line(self, s: str) -> None:
        self.end_line()
        if not s:
            self.lines.append("")
            return
        self.cur = s
        self.end_line()

    def expr(self, e: Expr) -> None:
        sv = e.to_lines()
        if not sv:
            return
        indent = len(self.cur)
        nxt = 0
        if indent:
            self.cur += sv[0]
            nxt = 1
            if len(sv) > 1:
                self.end_line()
        if len(sv) > 1:
            spaces = " " * indent
            while nxt < len(sv) - 1:
                self.lines.append(spaces + sv[nxt])
                nxt += 1
            self.cur = spaces + sv[nxt]
        elif not indent:
            self.cur += sv[0]

    def error(self, msg: str, st) -> ParseError:
        line = getattr(st, "line", 0)
        col = getattr(st, "col", 0)
        return ParseError(msg, Span(self.file, line, col, line, col, self.module))

    # ------------------------------------------------------------------ top level
    def generate(self) -> list[str]:
        alg = self.alg
        if not self.mp:
            self.current_proc_name = "Next"
            self.vars_and_defs()
            self.init()
            for p in alg.procedures:
                self.procedure(p)
            for ls in alg.body:
                self.next_step.append(ls.label)
                self.labeled(ls, "")
            self.gen_next()
            self.spec()
            self.termination()
        else:
            self.vars_and_defs()
            self.proc_set()
            self.init()
            for p in alg.procedures:
                self.procedure(p)
            for p in alg.processes:
                self.process(p)
            self.gen_next()
            self.spec()
            self.termination()
        self.end_line()
        return self.lines

    def _self(self, context: str) -> Expr | None:
        if not self.mp:
            return None
        return self_expr() if context == "procedure" else self.self

    def procedure(self, p: A.Procedure) -> None:
        if self.mp:
            self.self = self_expr()
            self.self_is_self = True
            self.next_step_self.append(p.name + "(self)")
        else:
            self.next_step.append(p.name)
        for ls in p.body:
            self.labeled(ls, "procedure")
        arg = "(self)" if self.mp else ""
        self._disjunction(p.name + arg + " == ", [ls.label + arg for ls in p.body])

    def _disjunction(self, head: str, disjuncts: list[str]) -> None:
        self.tok(head)
        indent = " " * (len(head) + 2)
        for i, d in enumerate(disjuncts):
            if i != 0 and len(self.cur) + 7 + len(d) > self.wrap:
                self.end_line()
            if i != 0:
                self.tok((indent if not self.cur else "") + " \\/ ")
            self.tok(d)
        self.line("")

    def process(self, p: A.Process) -> None:
        self.current_proc_name = p.name
        is_set = not p.is_eq
        if p.is_eq:
            self.self = p.id
            self.self_is_self = False
            self.next_step.append(p.name)
        else:
            self.self = self_expr()
            self.self_is_self = True
            self.next_step_self.append(p.name + "(self)")
        for ls in p.body:
            self.labeled(ls, "process")
        if not self.alg.omit_pc:
            arg = "(self)" if is_set else ""
            self._disjunction(p.name + arg + " == ", [ls.label + arg for ls in p.body])

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

    # ------------------------------------------------------------------ declarations
    def vars_and_defs(self) -> None:
        alg = self.alg
        g_vars = [d.var for d in alg.decls]
        if not alg.omit_pc:
            if self.opts.pc_first:
                g_vars.insert(0, "pc")
            else:
                g_vars.append("pc")
        if alg.procedures:
            g_vars.append("stack")
        l_vars = []
        for p in alg.procedures:
            for d in p.params + p.decls:
                l_vars.append(d.var)
                self.proc_vars.append(d.var)
        for p in alg.processes or []:
            for d in p.decls:
                l_vars.append(d.var)
                if not p.is_eq:
                    self.pset_vars.append(d.var)
        self.vars = g_vars + l_vars
        if alg.has_default_init:
            self.line("CONSTANT defaultInitValue")
        if alg.defs.is_empty():
            self.var_decl(g_vars + l_vars)
        else:
            self.var_decl(g_vars)
            self.line("")
            self.line("(* define statement *)")
            self.expr(alg.defs)
            self.line("")
            self.var_decl(l_vars)
        self.line("")
        if not self.vars:
            raise ParseError("The algorithm has no variables.")
        self.tok("vars == << ")
        indent = len(self.cur)
        for i, v in enumerate(self.vars):
            if i:
                self.tok(", ")
            if len(self.cur) + len(v) + 1 > self.wrap:
                self.end_line()
                self.cur = " " * indent
            self.tok(v)
        if len(self.cur) + 4 > self.wrap:
            self.end_line()
            self.cur = " " * len("vars ==")
        self.tok(" >>")
        self.line("")

    def var_decl(self, names: list[str]) -> None:
        if not names:
            return
        head = "VARIABLES " if len(names) > 1 else "VARIABLE "
        self.tok(head)
        for i, v in enumerate(names):
            if i:
                self.tok(", ")
            if len(self.cur) + len(v) + 1 > self.wrap:
                self.end_line()
                self.cur += " " * len(head)
            self.tok(v)
        self.end_line()

    def proc_set(self) -> None:
        procs = self.alg.processes
        if not procs:
            return
        self.tok("ProcSet == ")
        for i, p in enumerate(procs):
            if i:
                self.tok(" \\cup ")
            self.tok("{" if p.is_eq else "(")
            self.expr(p.id)
            self.tok("}" if p.is_eq else ")")
        self.end_line()
        self.line("")

    def _decl_conjunct(self, d: A.VarDecl, lead: str) -> None:
        self.tok(lead + "/\\ ")
        self.tok(d.var + (" = " if d.is_eq else " \\in "))
        paren = needs_parentheses(d.val.to_lines())
        if paren:
            self.tok("(")
        self.expr(d.val)
        if paren:
            self.tok(")")
        self.end_line()

    def init(self) -> None:
        alg = self.alg
        col = len("Init == ")
        lead = "Init == "
        no_changes = Changed([])
        if alg.decls:
            self.line(lead + "(* Global variables *)")
            lead = " " * col
            for d in alg.decls:
                self._decl_conjunct(d, lead)
        for p in alg.procedures:
            if not p.params and not p.decls:
                continue
            self.line(lead + f"(* Procedure {p.name} *)")
            lead = " " * col
            for d in p.params + p.decls:
                if not self.mp:
                    self._decl_conjunct(d, lead)
                else:
                    self.tok(lead + "/\\ " + d.var + " = [ self \\in ProcSet |-> ")
                    self.expr(self.subscripts(d.val, "procedure", no_changes))
                    self.tok("]")
                    self.end_line()
        for p in alg.processes or []:
            if not p.decls:
                continue
            self.line(lead + f"(* Process {p.name} *)")
            lead = " " * col
            for d in p.decls:
                self.tok(lead + "/\\ ")
                if p.is_eq:
                    self.tok(d.var + (" = " if d.is_eq else " \\in "))
                    self.expr(d.val)
                elif d.is_eq:
                    self.tok(d.var + " = [self \\in ")
                    self.expr(p.id)
                    self.tok(" |-> ")
                    self.expr(self.subscripts(d.val, "procedure", no_changes))
                    self.tok("]")
                else:
                    self.tok(d.var + " \\in [")
                    self.expr(p.id)
                    self.tok(" -> ")
                    self.expr(self.subscripts(d.val, "", no_changes, use_sub=False,
                                              sub=_choose_self(p.id)))
                    self.tok("]")
                self.end_line()
        if alg.procedures:
            self.line(lead + ("/\\ stack = [self \\in ProcSet |-> << >>]" if self.mp
                              else "/\\ stack = << >>"))
            lead = " " * col
        if not alg.omit_pc:
            if self.mp:
                procs = alg.processes
                use_case = len(procs) != 1
                s = lead + "/\\ pc = [self \\in ProcSet |-> " + ("CASE " if use_case else "")
                col_pc = len(s) - 3
                for k, p in enumerate(procs):
                    last = k == len(procs) - 1
                    if use_case:
                        s += "self " + ("= " if p.is_eq else "\\in ")
                        self.tok(s)
                        self.expr(p.id)
                        s = ' -> "' + p.body[0].label + ('"]' if last else '"')
                    else:
                        s += '"' + p.body[0].label + '"]'
                    self.tok(s)
                    self.end_line()
                    s = " " * col_pc
                    if not last:
                        s += "[] "
            else:
                self.line(lead + '/\\ pc = "' + alg.body[0].label + '"')
        self.line("")

    # ------------------------------------------------------------------ Next, Spec
    def gen_next(self) -> None:
        alg = self.alg
        if alg.omit_pc and not self.mp:
            return
        stutter = not (self.opts.no_done_disjunct or alg.omit_stuttering_when_done)
        if stutter:
            self.line("(* Allow infinite stuttering to prevent deadlock on termination. *)")
            if self.mp:
                self.line("Terminating == /\\ \\A self \\in ProcSet: pc[self] = \"Done\"")
                self.line(" " * len("Terminating == ") + "/\\ UNCHANGED vars")
            else:
                self.line("Terminating == pc = \"Done\" /\\ UNCHANGED vars")
            self.line("")
        next_s: list[str] = []
        sb = ""
        mx = self.wrap - len("Next == \\/ ")
        for a in self.next_step:
            if len(a) + 4 + len(sb) > mx:
                next_s.append(sb)
                sb = ""
            if sb:
                sb += " \\/ "
            sb += a
        if sb:
            next_s.append(sb)
        next_ss: list[str] = []
        sb = ""
        mx = self.wrap - len("Next == \\/ (\\E self \\in ProcSet: \\/ ")
        if self.mp and alg.procedures:
            for p in alg.procedures:
                if len(p.name) + len("(self) \\/ ") + len(sb) > mx:
                    next_ss.append(sb)
                    sb = ""
                if sb:
                    sb += " \\/ "
                sb += p.name + "(self)"
            if sb:
                next_ss.append(sb + ")")
        next_ssp: list[list[str]] = []
        if self.mp:
            for p in alg.processes:
                if p.is_eq:
                    continue
                vec = []
                sb = "(\\E self \\in "
                c2 = len(sb)
                sv = p.id.to_lines()
                sb += sv[0]
                for extra in sv[1:]:
                    vec.append(sb)
                    sb = " " * c2 + extra
                sb += ": " + p.name + "(self))"
                vec.append(sb)
                next_ssp.append(vec)
        sb = "Next == "
        col = len(sb) + 2
        for s in next_s:
            self.line(sb + s)
            sb = " " * col + " \\/ "
        if next_ss:
            sb += "(\\E self \\in ProcSet: "
            c2 = len(sb)
            if len(next_ss) > 1:
                sb += " \\/ "
            for s in next_ss:
                self.line(sb + s)
                sb = " " * c2 + " \\/ "
            sb = " " * col + " \\/ "
        for i, vec in enumerate(next_ssp):
            for s in vec:
                self.line(sb + s)
                if not next_s and not next_ss and i == 0:
                    sb = " " * (col - 2)
                else:
                    sb = " " * (col + 4)
            sb = " " * col + " \\/ "
        if stutter:
            self.line(sb + "Terminating")
        self.line("")

    def spec(self) -> None:
        alg = self.alg
        fo = self.opts.fairness
        safety = "Init /\\ [][Next]_vars"
        if fo == "nof" or (not self.mp and fo == ""):
            self.line("Spec == " + safety)
            self.line("")
            return
        wf_next = fo == "wfNext" or alg.fair or (not self.mp and fo in ("wf", "sf"))
        formulas: list[_ProcessFairness] = []
        if self.mp:
            for p in alg.processes:
                if p.fairness == A.UNFAIR:
                    continue
                formulas.append(self._process_fairness(p))
        if not wf_next and not formulas:
            self.line("Spec == " + safety)
            self.line("")
            return
        self.line("Spec == /\\ " + safety)
        indent = len("Spec == /\\ ")
        if wf_next:
            self.line("        /\\ WF_vars(Next)")
        for f in formulas:
            text = "        /\\ " + f.format(indent)
            parts = text.split("\n")
            while parts and parts[-1] == "":
                parts.pop()
            for part in parts:
                self.line(part)
        self.line("")

    def _process_fairness(self, p: A.Process) -> "_ProcessFairness":
        xf = "WF" if p.fairness == A.WF else "SF"
        p_self = p.id.to_lines()
        make_let = False
        q_self = "self"
        if p.is_eq:
            if len(p_self) > 1:
                make_let = True
            else:
                q_self = p_self[0]
        prefix: list[str] = []
        if make_let or not p.is_eq:
            begin, end = ("LET self == ", "") if p.is_eq else ("\\A self \\in ", " : ")
            for j, ln in enumerate(p_self):
                ln = (begin if j == 0 else " " * len(begin)) + ln
                if j == len(p_self) - 1:
                    ln += end
                prefix.append(ln)
            if make_let:
                prefix.append("IN ")
        wf = xf + "_vars(" + _minus_guard(p.minus_labels, q_self)
        wf += p.name + ("" if p.is_eq else "(self)") + ")"
        sf = None
        if xf == "WF" and p.plus_labels:
            sf = " /\\ ".join("SF_vars(" + lbl + ("" if p.is_eq else "(self)") + ")"
                              for lbl in p.plus_labels)
        prcd: list[tuple[str, str | None]] = []
        for name in p.procedures_called:
            pe = next((q for q in self.alg.procedures if q.name == name), None)
            if pe is None:
                continue
            w = xf + "_vars(" + _minus_guard(pe.minus_labels, q_self) + pe.name + "(" + q_self + "))"
            s = None
            if xf == "WF" and pe.plus_labels:
                s = " /\\ ".join("SF_vars(" + lbl + "(" + q_self + "))" for lbl in pe.plus_labels)
            prcd.append((w, s))
        return _ProcessFairness(prefix, (wf, sf), prcd, self.wrap)

    def termination(self) -> None:
        if self.alg.omit_pc or self.alg.omit_stuttering_when_done:
            return
        body = "\\A self \\in ProcSet: pc[self]" if self.mp else "pc"
        self.line("Termination == <>(" + body + " = \"Done\")")
        self.line("")


def _minus_guard(labels: list[str], q_self: str) -> str:
    if not labels:
        return ""
    if len(labels) == 1:
        return "(pc[" + q_self + "] # \"" + labels[0] + "\") /\\ "
    return "(pc[" + q_self + "] \\notin {\"" + "\", \"".join(labels) + "\"}) /\\ "


def _choose_self(pid: Expr) -> Expr:
    """``[CHOOSE self \\in S : TRUE]``: the subscript of process-set variables inside
    ``\\in`` initial values."""
    text = "[CHOOSE self \\in " + " ".join(pid.to_text().split()) + " : TRUE]"
    return Expr.parse_text(text)


def _pair_line(pair: tuple[str, str | None]) -> str:
    wf, sf = pair
    return wf if sf is None else wf + " /\\ " + sf


def _pair_multi(pair: tuple[str, str | None], col: int) -> str:
    wf, sf = pair
    val = "/\\ " + wf
    return val if sf is None else val + "\n" + " " * col + "/\\ " + sf


@dataclass
class _ProcessFairness:
    prefix: list[str]
    body: tuple[str, str | None]
    prcd: list[tuple[str, str | None]]
    wrap: int = WRAP

    def single_line_width(self) -> int:
        max_prefix = 0
        width = 0
        for i in range(len(self.prefix) - 1):
            max_prefix = max(max_prefix, len(self.prefix[i]))
            width = len(self.prefix[-1])
        width += len(self.body[0])
        if self.body[1] is not None:
            width += len(self.body[1])
        for pair in self.prcd:
            width += len(_pair_line(pair))
        return max(max_prefix, width)

    def prefix_text(self, col: int) -> str:
        return "\n".join((" " * col if i else "") + ln for i, ln in enumerate(self.prefix))

    def format(self, col: int) -> str:
        if col + self.single_line_width() <= self.wrap or (self.body[1] is None and not self.prcd):
            val = self.prefix_text(col) + _pair_line(self.body)
            for pair in self.prcd:
                val += " /\\ " + _pair_line(pair)
            return val
        val = self.prefix_text(col)
        cur_col = col + (len(self.prefix[-1]) if self.prefix else 0)
        line = _pair_line(self.body)
        if cur_col + len(line) + 3 <= self.wrap:
            val += "/\\ " + line
        else:
            val += _pair_multi(self.body, cur_col)
        for i, pair in enumerate(self.prcd):
            if i == 0:
                val += "\n"
            val += " " * cur_col
            line = _pair_line(pair)
            if cur_col + len(line) + 3 <= self.wrap:
                val += "/\\ " + line + "\n"
            else:
                val += _pair_multi(pair, cur_col)
        return val
