"""Explosion: control flow becomes explicit ``pc`` (and ``stack``) manipulation.

Takes labeled bodies (:mod:`tla.pcal.labels`); gives, for each body, a flat list of
LabeledStmt whose statements are only assignments, ``If``, ``Either``, ``With``,
``When``, ``PrintS``, ``Assert`` and ``Skip``. This is the translator's
``PcalTranslate.Explode``:

* each labeled statement starts with ``when pc = "lbl"`` and ends by setting ``pc`` to the
  label that follows (``"Done"`` at the end of a process, ``"Error"`` at the end of a
  procedure);
* ``while`` becomes an ``if`` whose then-branch jumps back (``while TRUE`` loses the
  ``if``);
* ``call`` pushes a record on ``stack`` and sets the parameters and locals; ``return``
  pops it;
* the labeled statements found inside a statement follow it, in the translator's order:
  labeled then-part, labeled else-part, then those from the unlabeled parts.
"""
from __future__ import annotations

from tla.errors import ParseError, Span
from tla.pcal import ast as A
from tla.pcal.exprs import ADDED, BUILTIN, IDENT, STRING, Expr, Tok


class Exploder:
    def __init__(self, alg: A.Algorithm, file: str = "<string>", module: str = ""):
        self.alg = alg
        self.omit_pc = alg.omit_pc
        self.current_procedure: str | None = None
        self.file = file
        self.module = module

    def error(self, msg: str, st: A.Stmt) -> ParseError:
        return ParseError(msg, Span(self.file, st.line, st.col, st.line, st.col, self.module))

    # ------------------------------------------------------------------ snippets
    @staticmethod
    def check_pc(label: str) -> A.When:
        return A.When(exp=Expr.of_tokens([Tok("pc", 0, ADDED), Tok("=", 0, BUILTIN),
                                          Tok(label, 0, STRING)], 1))

    @staticmethod
    def update_pc(nxt: str) -> A.Assign:
        rhs = Expr([[Tok(nxt, 0, STRING)]])
        rhs.normalize()
        return A.Assign(ass=[A.SingleAssign(var="pc", sub=Expr(), rhs=rhs)])

    # ------------------------------------------------------------------ bodies
    def explode_body(self, body: list, last: str) -> list:
        out = []
        for i, ls in enumerate(body):
            nxt = body[i + 1].label if i + 1 < len(body) else last
            out += self.explode_labeled(ls, nxt)
        return out

    def explode_procedure(self, proc: A.Procedure) -> None:
        self.current_procedure = proc.name
        proc.body = self.explode_body(proc.body, "Error")
        self.current_procedure = None

    def _copy_explode_last(self, stmts: list, nxt: str) -> tuple[list, list, bool]:
        # Works in place on ``stmts`` where the translator does: the nested lists of
        # if/either/with statements are rewritten in the algorithm's AST itself, which
        # is what the translator's pcal checksum hashes (see tla.pcal.astdump).
        result1 = stmts if stmts else []
        result2: list = []
        needs_goto = False
        if result1:
            last = result1[-1]
            if isinstance(last, A.LabelIf):
                r1, r2 = self.explode_label_if(last, nxt)
                result1[-1:] = r1
                result2 = r2
            elif isinstance(last, A.LabelEither):
                r1, r2 = self.explode_label_either(last, nxt)
                result1[-1:] = r1
                result2 = r2
            elif isinstance(last, A.Goto):
                result1[-1:] = [self.update_pc(last.to)]
            elif isinstance(last, A.Call):
                result1[-1:] = self.explode_call(last, nxt)
            elif isinstance(last, A.Return):
                result1[-1:] = self.explode_return(last)
            elif isinstance(last, A.CallReturn):
                result1[-1:] = self.explode_call_return(last)
            elif isinstance(last, A.CallGoto):
                call = A.Call(to=last.to, args=last.args, line=last.line, col=last.col)
                result1[-1:] = self.explode_call(call, last.after)
            elif isinstance(last, A.If):
                t1, t2, tg = self._copy_explode_last(last.then, nxt)
                e1, e2, eg = self._copy_explode_last(last.else_, nxt)
                result2 = t2 + e2
                last.then, last.else_ = t1, e1
                if not self.omit_pc:
                    needs_goto = tg and eg
                    if not needs_goto:
                        if tg:
                            last.then.append(self.update_pc(nxt))
                        if eg:
                            last.else_.append(self.update_pc(nxt))
            elif isinstance(last, A.Either):
                needs_goto = True
                flags = []
                for k, clause in enumerate(last.ors):
                    c1, c2, cg = self._copy_explode_last(clause, nxt)
                    last.ors[k] = c1
                    result2 += c2
                    needs_goto = needs_goto and cg
                    flags.append(cg)
                if not self.omit_pc and not needs_goto:
                    for k, flag in enumerate(flags):
                        if flag:
                            last.ors[k].append(self.update_pc(nxt))
            elif isinstance(last, A.With):
                d1, d2, dg = self._copy_explode_last(last.do, nxt)
                last.do = d1
                result2 += d2
                needs_goto = dg
            else:
                needs_goto = True
        else:
            needs_goto = True
        if self.omit_pc:
            needs_goto = False
        return result1, result2, needs_goto

    def _with_goto(self, stmts: list, nxt: str) -> tuple[list, list]:
        r1, r2, g = self._copy_explode_last(stmts, nxt)
        if g:
            r1.append(self.update_pc(nxt))
        return r1, r2

    def explode_labeled(self, ls: A.LabeledStmt, nxt: str) -> list:
        if ls.stmts and isinstance(ls.stmts[0], A.While):
            return self.explode_while(ls, nxt)
        new = A.LabeledStmt(line=ls.line, col=ls.col, label=ls.label)
        r1, r2 = self._with_goto(list(ls.stmts), nxt)
        new.stmts = r1
        result = []
        if not self.omit_pc:
            new.stmts.insert(0, self.check_pc(new.label))
        result.append(new)
        return result + r2

    def explode_seq(self, seq: list, nxt: str) -> list:
        out = []
        for i, ls in enumerate(seq):
            n = seq[i + 1].label if i + 1 < len(seq) else nxt
            out += self.explode_labeled(ls, n)
        return out

    def explode_while(self, ls: A.LabeledStmt, nxt: str) -> list:
        w = ls.stmts[0]
        new = A.LabeledStmt(line=ls.line, col=ls.col, label=ls.label)
        if not self.omit_pc:
            new.stmts.append(self.check_pc(ls.label))
        first_ls = w.lab_do[0] if w.lab_do else None
        unlab_next = ls.label if first_ls is None else first_ls.label
        p1 = self._with_goto(list(w.unlab_do), unlab_next)
        p2 = self._with_goto(list(ls.stmts[1:]), nxt)
        is_true = _is_true(w.test)
        if is_true:
            new.stmts += p1[0]
        else:
            new.stmts.append(A.If(test=w.test, then=p1[0], else_=p2[0], line=w.line,
                                  col=w.col))
        result = [new]
        for i, inner in enumerate(w.lab_do):
            n = w.lab_do[i + 1].label if i + 1 < len(w.lab_do) else ls.label
            result += self.explode_labeled(inner, n)
        result += p1[1]
        if not is_true:
            result += p2[1]
        return result

    def explode_label_if(self, st: A.LabelIf, nxt: str) -> tuple[list, list]:
        first_then = st.lab_then[0].label if st.lab_then else nxt
        first_else = st.lab_else[0].label if st.lab_else else nxt
        t1, t2 = self._with_goto(st.unlab_then, first_then)
        e1, e2 = self._with_goto(st.unlab_else, first_else)
        new_if = A.If(test=st.test, then=t1, else_=e1, line=st.line, col=st.col)
        result2 = self.explode_seq(st.lab_then, nxt) + self.explode_seq(st.lab_else, nxt)
        return [new_if], result2 + t2 + e2

    def explode_label_either(self, st: A.LabelEither, nxt: str) -> tuple[list, list]:
        ors = []
        result2: list = []
        for cl in st.clauses:
            first = cl.lab[0].label if cl.lab else nxt
            r1, r2 = self._with_goto(cl.unlab, first)
            ors.append(r1)
            result2 += r2
            result2 += self.explode_seq(cl.lab, nxt)
        return [A.Either(ors=ors, line=st.line, col=st.col)], result2

    # ------------------------------------------------------------------ procedures
    def _proc(self, name: str, st: A.Stmt) -> A.Procedure:
        for p in self.alg.procedures:
            if p.name == name:
                return p
        raise self.error(f"Call of non-existent procedure {name}", st)

    @staticmethod
    def _stack_record(to: str, pc_toks: list[Tok], pe: A.Procedure, tail: list[Tok]) -> Expr:
        lines = [[Tok("<<"), Tok("["), Tok("procedure", 0, IDENT), Tok("|->"),
                  Tok(to, 0, STRING), Tok(",")],
                 [Tok("pc", 0, IDENT), Tok("|->")] + pc_toks]
        for d in pe.decls + pe.params:
            lines[-1].append(Tok(","))
            lines.append([Tok(d.var, 0, IDENT), Tok("|->"), Tok(d.var, 0, IDENT)])
        lines[-1] += [Tok("]"), Tok(">>")]
        lines.append([Tok("\\o")] + tail)
        e = Expr(lines)
        _pretty_stack_top(e)
        e.normalize()
        return e

    def _param_assigns(self, pe: A.Procedure, args: list[Expr], st: A.Stmt) -> list:
        if len(pe.params) != len(args):
            raise self.error(f"Procedure {pe.name} called with wrong number of arguments", st)
        return [A.SingleAssign(var=d.var, sub=Expr(), rhs=a, line=st.line, col=st.col)
                for d, a in zip(pe.params, args)]

    def _local_inits(self, pe: A.Procedure, st: A.Stmt) -> list:
        return [A.Assign(ass=[A.SingleAssign(var=d.var, sub=Expr(), rhs=d.val, line=st.line,
                                             col=st.col)], line=st.line, col=st.col)
                for d in pe.decls]

    def explode_call(self, st: A.Call, nxt: str) -> list:
        pe = self._proc(st.to, st)
        push = A.SingleAssign(var="stack", sub=Expr(), line=st.line, col=st.col,
                              rhs=self._stack_record(st.to, [Tok(nxt, 0, STRING)], pe,
                                                     [Tok("stack", 0, ADDED)]))
        ass = A.Assign(ass=[push] + self._param_assigns(pe, st.args, st), line=st.line,
                       col=st.col)
        return [ass] + self._local_inits(pe, st) + [self.update_pc(_entry(pe))]

    @staticmethod
    def _head(field: str) -> Expr:
        e = Expr([[Tok("Head", 0, IDENT), Tok("("), Tok("stack", 0, ADDED), Tok(")"),
                   Tok("."), Tok(field, 0, IDENT)]])
        _tight(e)
        e.normalize()
        return e

    def explode_return(self, st: A.Return) -> list:
        frm = st.from_ = st.from_ or self.current_procedure
        if frm is None:
            raise self.error("`return' statement not in procedure", st)
        pe = self._proc(frm, st)
        out = [A.Assign(ass=[A.SingleAssign(var="pc", sub=Expr(), rhs=self._head("pc"))],
                        line=st.line, col=st.col)]
        for d in pe.decls + pe.params:
            out.append(A.Assign(ass=[A.SingleAssign(var=d.var, sub=Expr(),
                                                    rhs=self._head(d.var))],
                                line=st.line, col=st.col))
        tail = Expr([[Tok("Tail", 0, IDENT), Tok("("), Tok("stack", 0, ADDED), Tok(")")]])
        _tight(tail)
        tail.normalize()
        out.append(A.Assign(ass=[A.SingleAssign(var="stack", sub=Expr(), rhs=tail)],
                            line=st.line, col=st.col))
        return out

    def explode_call_return(self, st: A.CallReturn) -> list:
        frm = st.from_ or self.current_procedure
        if frm is None:
            raise self.error("`return' statement following `call' not in a procedure", st)
        pe_from = self._proc(frm, st)
        pe_to = self._proc(st.to, st)
        ass = A.Assign(ass=[], line=st.line, col=st.col)
        if frm != st.to:
            for d in pe_from.decls:
                ass.ass.append(A.SingleAssign(var=d.var, sub=Expr(), rhs=self._head(d.var)))
            head_pc = [Tok("Head", 0, IDENT), Tok("("), Tok("stack", 0, ADDED), Tok(")"),
                       Tok("."), Tok("pc", 0, IDENT)]
            tail = [Tok("Tail", 0, IDENT), Tok("("), Tok("stack", 0, ADDED), Tok(")")]
            ass.ass.append(A.SingleAssign(var="stack", sub=Expr(),
                                          rhs=self._stack_record(st.to, head_pc, pe_to, tail)))
        ass.ass += self._param_assigns(pe_to, st.args, st)
        return [ass] + self._local_inits(pe_to, st) + [self.update_pc(_entry(pe_to))]


def _entry(pe: A.Procedure) -> str:
    return pe.body[0].label


def _is_true(e: Expr) -> bool:
    if len(e.lines) != 1:
        return False
    strs = [t.string for t in e.lines[0]]
    return strs == ["TRUE"] or strs == ["(", "TRUE", ")"]


def _tight(e: Expr) -> None:
    col = 0
    for ln in e.lines:
        for t in ln:
            t.col = col
            col += t.width


def _pretty_stack_top(e: Expr) -> None:
    """Columns of a pushed stack record: field names in column 6, ``|->`` aligned at
    column 16 when possible (the translator's ``MakeNewStackTopExprPretty``)."""
    for i, ln in enumerate(e.lines):
        nxt = 1 if i == 0 or i == len(e.lines) - 1 else 6
        for t in ln:
            t.col = nxt
            nxt += t.width
            if t.string == "|->":
                t.col += 1
                if t.col < 16:
                    t.col = 16
                nxt = t.col + 5
            elif t.string in ("[", "<<"):
                nxt += 1
            elif t.string in ("]", ">>"):
                t.col += 1
                nxt += 1
            elif t.string == "\\o":
                t.col += 1
                nxt += 2
