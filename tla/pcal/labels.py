"""PlusCal label rules: where a label is required, adding missing ones, and turning a
flat statement list into labeled statements.

Takes statement lists from :mod:`tla.pcal.parser`; gives lists of
:class:`~tla.pcal.ast.LabeledStmt`. The rules are the translator's
(``ParseAlgorithm.InnerAddLabels``, ``MakeLabeledStmtSeq``, ``ClassifyStmtSeq``):

* the first statement of a process, procedure or uniprocess body needs a label;
* a ``while`` needs a label;
* a statement after a ``call``, ``return``, ``goto``, or after an ``if``/``either``
  holding a label or one of those, needs a label;
* an assignment to a variable already assigned in the same step needs a label, and so
  does an outermost ``with`` assigning such a variable;
* no label inside a ``with``, none in a macro.

A missing label is an error (``Missing label at ...``) unless labels may be added: with
the ``-label`` option, or in a uniprocess algorithm that has no label at all. Added labels
are ``Lbl_1``, ``Lbl_2``, ... skipping labels the user wrote.
"""
from __future__ import annotations

from tla.errors import ParseError, Span
from tla.pcal import ast as A


class LabelContext:
    """State shared while adding labels to one algorithm."""

    def __init__(self, all_labels: set[str], procedures: list[A.Procedure], file: str,
                 module: str):
        self.all_labels = all_labels
        self.procedures = procedures
        self.next_num = 1
        self.added: list[tuple[str, A.Stmt]] = []
        self.current_procedure: str | None = None
        self.file = file
        self.module = module

    def error(self, msg: str, st: A.Stmt) -> ParseError:
        return ParseError(msg, Span(self.file, st.line, st.col, st.line, st.col, self.module))

    def needs_label(self, st: A.Stmt) -> None:
        if st.lbl:
            return
        while True:
            lbl = f"Lbl_{self.next_num}"
            self.next_num += 1
            if lbl not in self.all_labels:
                break
        st.lbl = lbl
        self.added.append((lbl, st))

    def procedure_vars(self) -> list[str]:
        out = []
        for p in self.procedures:
            out += [d.var for d in p.params] + [d.var for d in p.decls]
        return out


def add_labels(stmts: list, ctx: LabelContext) -> None:
    _inner_add(stmts, True, False, [], [], ctx)


def _inner_add(seq: list, first_labeled: bool, in_with: bool, in_assigned: list,
               out_assigned: list, ctx: LabelContext) -> bool:
    out_assigned[:] = in_assigned
    next_needs = first_labeled
    had_label = False
    for st in seq:
        if st.lbl:
            had_label = True
            out_assigned.clear()
            if in_with:
                raise ctx.error("Label in `with' statement", st)
        if next_needs:
            if in_with:
                raise ctx.error("Statement follows `call' or `return' inside a `with' statement.",
                                st)
            ctx.needs_label(st)
            next_needs = False
            had_label = True
            out_assigned.clear()
        if isinstance(st, A.LabelIf):
            then_a: list = []
            else_a: list = []
            next_needs = _inner_add(st.unlab_then, False, in_with, out_assigned, then_a, ctx)
            next_needs = _inner_add(st.unlab_else, False, in_with, out_assigned, else_a,
                                    ctx) or next_needs
            out_assigned[:] = _union(then_a, else_a)
        elif isinstance(st, A.LabelEither):
            new_out: list = []
            for cl in st.clauses:
                or_a: list = []
                next_needs = _inner_add(cl.unlab, False, in_with, out_assigned, or_a,
                                        ctx) or next_needs
                new_out = _union(or_a, new_out)
            out_assigned[:] = new_out
        elif isinstance(st, A.While):
            if in_with:
                raise ctx.error("`while' inside a `with' statement", st)
            ctx.needs_label(st)
            had_label = True
            out_assigned.clear()
            _inner_add(st.unlab_do, False, False, out_assigned, [], ctx)
            next_needs = False
        elif isinstance(st, A.With):
            new_in = list(in_assigned) if in_with else []
            new_out = []
            next_needs = _inner_add(st.do, False, True, new_in, new_out, ctx)
            out_assigned[:] = new_out
            if not in_with and set(in_assigned) & set(out_assigned):
                ctx.needs_label(st)
                had_label = True
                out_assigned.clear()
        elif isinstance(st, A.Assign):
            vbls = []
            for sa in st.ass:
                if sa.var not in vbls:
                    vbls.append(sa.var)
            if not set(out_assigned) & set(vbls):
                out_assigned[:] = _union(out_assigned, vbls)
            else:
                if in_with:
                    raise ctx.error("Second assignment to same variable inside a `with' statement",
                                    st)
                ctx.needs_label(st)
                had_label = True
                out_assigned[:] = vbls
            next_needs = False
        else:
            next_needs = False
            vbls = []
            call_or_ret = False
            sets_prcd = False
            if isinstance(st, (A.Call, A.CallGoto)):
                call_or_ret = True
                sets_prcd = st.to == ctx.current_procedure
            elif isinstance(st, (A.Return, A.CallReturn)):
                call_or_ret = True
                sets_prcd = True
            elif isinstance(st, A.Goto):
                next_needs = True
            if call_or_ret:
                next_needs = True
                vbls.append("stack")
                if sets_prcd:
                    vbls += ctx.procedure_vars()
            if not set(out_assigned) & set(vbls):
                out_assigned[:] = _union(out_assigned, vbls)
            else:
                if in_with:
                    raise ctx.error("Call or return makes second assignment to a variable "
                                    "inside a `with' statement", st)
                ctx.needs_label(st)
                had_label = True
                out_assigned[:] = vbls
    return had_label or next_needs


def _union(s: list, t: list) -> list:
    out = list(s)
    for x in t:
        if x not in out:
            out.append(x)
    return out


# ---------------------------------------------------------------------- labeled statements
def make_labeled_seq(stmts: list, ctx: LabelContext, in_procedure: bool) -> list:
    """The list of LabeledStmt for a body whose statements all carry needed labels."""
    result = _inner_make(stmts)
    for ls in result:
        _classify_seq(ls.stmts, ctx, in_procedure)
    return result


def _inner_make(stmts: list) -> list:
    result = []
    i = 0
    while i < len(stmts):
        st = stmts[i]
        ls = A.LabeledStmt(line=st.line, col=st.col, label=st.lbl,
                           macro_line=st.macro_line, macro_col=st.macro_col)
        ls.stmts = [st]
        i += 1
        while i < len(stmts) and not stmts[i].lbl:
            ls.stmts.append(stmts[i])
            i += 1
        _fix_seq(ls.stmts)
        result.append(ls)
    return result


def _split(seq: list) -> tuple[list, list]:
    k = 0
    while k < len(seq) and not seq[k].lbl:
        k += 1
    unlab = seq[:k]
    _fix_seq(unlab)
    return unlab, _inner_make(seq[k:])


def _fix_seq(seq: list) -> None:
    for st in seq:
        if isinstance(st, A.LabelIf):
            st.unlab_then, st.lab_then = _split(st.unlab_then)
            st.unlab_else, st.lab_else = _split(st.unlab_else)
        elif isinstance(st, A.LabelEither):
            for cl in st.clauses:
                cl.unlab, cl.lab = _split(cl.unlab)
        elif isinstance(st, A.While):
            st.unlab_do, st.lab_do = _split(st.unlab_do)


def _check_labeled_seq(seq: list, ctx: LabelContext, in_procedure: bool) -> None:
    for ls in seq:
        _classify_seq(ls.stmts, ctx, in_procedure)


def _classify_seq(seq: list, ctx: LabelContext, in_procedure: bool) -> int:
    """0: no call/return/goto/label inside; 1: a call, return or goto; 2: a label.
    Turns LabelIf/LabelEither without inner labels into If/Either."""
    result = 0
    for i, node in enumerate(seq):
        if isinstance(node, A.LabelIf):
            result = _classify_if(node, ctx, in_procedure)
            if result < 2:
                seq[i] = A.If(test=node.test, then=node.unlab_then, else_=node.unlab_else,
                              line=node.line, col=node.col, lbl=node.lbl,
                              macro_line=node.macro_line, macro_col=node.macro_col)
        elif isinstance(node, A.LabelEither):
            result = _classify_either(node, ctx, in_procedure)
            if result < 2:
                seq[i] = A.Either(ors=[c.unlab for c in node.clauses], line=node.line,
                                  col=node.col, lbl=node.lbl, macro_line=node.macro_line,
                                  macro_col=node.macro_col)
        elif isinstance(node, A.With):
            result = _classify_seq(node.do, ctx, in_procedure)
            if result == 2:
                raise ctx.error(f"with statement at {node.location()} contains a labeled "
                                "statement", node)
        elif isinstance(node, A.While):
            _classify_seq(node.unlab_do, ctx, in_procedure)
            _check_labeled_seq(node.lab_do, ctx, in_procedure)
        elif isinstance(node, A.Call):
            if not (i < len(seq) - 1 and isinstance(seq[i + 1], A.Return)):
                result = 1
        elif isinstance(node, (A.Return, A.CallReturn)):
            if not in_procedure and node.from_ is None:
                raise ctx.error(f"return statement not in a procedure at {node.location()}",
                                node)
            result = 1
        elif isinstance(node, (A.Goto, A.CallGoto)):
            result = 1
        if result > 0 and i != len(seq) - 1:
            nxt = seq[i + 1]
            raise ctx.error(f"Missing label at {nxt.location()}", nxt)
    return result


def _classify_if(node: A.LabelIf, ctx, in_procedure) -> int:
    then_c = _classify_seq(node.unlab_then, ctx, in_procedure)
    labeled = False
    if node.lab_then:
        labeled = True
        _check_labeled_seq(node.lab_then, ctx, in_procedure)
    else_c = _classify_seq(node.unlab_else, ctx, in_procedure)
    if node.lab_else:
        labeled = True
        _check_labeled_seq(node.lab_else, ctx, in_procedure)
    if labeled or then_c == 2 or else_c == 2:
        return 2
    return 1 if then_c + else_c > 0 else 0


def _classify_either(node: A.LabelEither, ctx, in_procedure) -> int:
    the_class = 0
    labeled = False
    for cl in node.clauses:
        c = _classify_seq(cl.unlab, ctx, in_procedure)
        if cl.lab:
            labeled = True
            _check_labeled_seq(cl.lab, ctx, in_procedure)
        if c == 2:
            labeled = True
        the_class = max(the_class, c)
    if labeled:
        return 2
    return the_class


# ---------------------------------------------------------------------- omitting pc
def check_body(body: list) -> tuple[bool, bool]:
    """(pc may be omitted, stuttering-when-done may be omitted) for one body: both hold
    only for a body that is one unlabeled-inside ``while TRUE`` loop."""
    if not body:
        return True, True
    if len(body) > 1 or not isinstance(body[0], A.LabeledStmt):
        return False, False
    ls = body[0]
    if not ls.stmts:
        return True, True
    if len(ls.stmts) > 1 or not isinstance(ls.stmts[0], A.While):
        return False, False
    w = ls.stmts[0]
    toks = w.test.lines
    if len(toks) != 1 or len(toks[0]) != 1 or toks[0][0].string != "TRUE":
        return False, False
    omit_pc = True
    if w.lab_do:
        omit_pc = False
    for st in w.unlab_do:
        if isinstance(st, (A.LabelIf, A.LabelEither, A.LabeledStmt)):
            return False, True
    return omit_pc, True
