"""The text of an algorithm's AST that TLC's translator hashes for ``chksum(pcal)``.

Takes the algorithm after label processing, renaming and explosion (explosion rewrites
the nested statement lists of ``if``, ``either`` and ``with`` statements in place, and
those rewritten lists are part of what is hashed); gives the string whose CRC-32 is the
pcal checksum TLC records in ``\\* BEGIN TRANSLATION (chksum(pcal) = "...")``.

The format is the one of the PlusCal AST as a TLA+ record (``AST.toString`` of the
reference translator, the value ``ast`` of the module written by its ``-writeAST``
option): records like ``[type |-> "assignment", ass |-> << ... >>]`` with fields in a
fixed order, sequences as ``<<...>>``, expressions as sequences of their tokens (a string
token as ``"\\"", "text", "\\""``, a ``/\\`` or ``\\/`` token with its column), laid out
with newlines and an indentation that follows the nesting of the record fields.
"""
from __future__ import annotations

from tla.pcal import ast as A
from tla.pcal.exprs import STRING, Expr

_FAIRNESS = {A.UNFAIR: "unfair", A.WF: "wf", A.SF: "sf"}


class _Layout:
    """The indentation state: a stack of columns, pushed by :meth:`ind`."""

    def __init__(self) -> None:
        self.cols = [0]

    def ind(self, s: str) -> str:
        self.cols.append(self.cols[-1] + len(s))
        return s

    def end(self) -> str:
        self.cols.pop()
        return ""

    def nl(self) -> str:
        return "\n" + " " * self.cols[-1]


def expr_text(e: Expr) -> str:
    out = "<< "
    first = True
    for i, line in enumerate(e.lines):
        if i > 0:
            out += "\n"
        for t in line:
            if not first:
                out += ", "
            first = False
            if t.kind == STRING:
                out += '"\\"", "' + t.string + '", "\\""'
            elif t.string == "\\/":
                out += f'"(col{t.col}) \\\\/"'
            elif t.string == "/\\":
                out += f'"(col{t.col}) /\\\\"'
            elif t.string.startswith("\\"):
                out += '"\\' + t.string + '"'
            else:
                out += '"' + t.string + '"'
    return out + " >>"


def _eq_or_in(is_eq: bool) -> str:
    return '"="' if is_eq else '"\\\\in"'


class _Dumper:
    def __init__(self) -> None:
        self.lay = _Layout()

    def seq(self, items, fn=None) -> str:
        lay = self.lay
        out = lay.ind("<<")
        for i, x in enumerate(items):
            if i > 0:
                out += ", " + lay.nl()
            out += (fn or self.node)(x)
        return out + ">>" + lay.end()

    def quoted(self, items: list[str]) -> str:
        out = self.lay.ind("<<")
        out += ", ".join('"' + x + '"' for x in items)
        return out + ">>" + self.lay.end()

    def seq_of_seqs(self, seqs: list[list]) -> str:
        lay = self.lay
        out = lay.ind("<< ")
        for i, s in enumerate(seqs):
            if i > 0:
                out += ", " + lay.nl()
            out += self.seq(s)
        return out + " >>" + lay.end()

    # ------------------------------------------------------------------ algorithm
    def algorithm(self, alg: A.Algorithm) -> str:
        lay = self.lay
        if alg.processes is None:
            return (lay.ind("") + '[type     |-> "uniprocess", ' + lay.nl()
                    + ' name  |-> "' + alg.name + '", ' + lay.nl()
                    + lay.ind(" decls  |-> ") + self.seq(alg.decls, self.var_decl) + ","
                    + lay.end() + lay.nl()
                    + lay.ind(" defs   |-> ") + expr_text(alg.defs) + "," + lay.end()
                    + lay.nl()
                    + lay.ind(" prcds  |-> ") + self.seq(alg.procedures, self.procedure)
                    + "," + lay.end() + lay.nl()
                    + lay.ind(" body  |-> ") + self.seq(alg.body) + "]" + lay.end()
                    + lay.end())
        return (lay.ind("") + '[type    |-> "multiprocess", ' + lay.nl()
                + ' name  |-> "' + alg.name + '", ' + lay.nl()
                + lay.ind(" decls |-> ") + self.seq(alg.decls, self.var_decl) + ","
                + lay.end() + lay.nl()
                + lay.ind(" defs  |-> ") + expr_text(alg.defs) + "," + lay.end() + lay.nl()
                + lay.ind(" prcds |-> ") + self.seq(alg.procedures, self.procedure) + ","
                + lay.end() + lay.nl()
                + lay.ind(" procs |-> ") + self.seq(alg.processes, self.process) + "]"
                + lay.end() + lay.end())

    def procedure(self, p: A.Procedure) -> str:
        lay = self.lay
        return (lay.ind("") + '[name   |-> "' + p.name + '", ' + lay.nl()
                + "minusLabels |-> " + self.quoted(p.minus_labels) + ", plusLabels |->"
                + self.quoted(p.plus_labels) + ", proceduresCalled |->"
                + self.quoted(p.procedures_called) + "," + lay.nl()
                + lay.ind(" params |-> ") + self.seq(p.params, self.pvar_decl) + ","
                + lay.end() + lay.nl()
                + lay.ind(" decls  |-> ") + self.seq(p.decls, self.pvar_decl) + ","
                + lay.end() + lay.nl()
                + lay.ind(" body   |-> ") + self.seq(p.body) + "]" + lay.end() + lay.end())

    def process(self, p: A.Process) -> str:
        lay = self.lay
        return (lay.ind("") + '[name   |-> "' + p.name + '",' + lay.nl()
                + ' fairness |-> "' + _FAIRNESS[p.fairness] + '", minusLabels |-> '
                + self.quoted(p.minus_labels) + ", plusLabels |->"
                + self.quoted(p.plus_labels) + ", proceduresCalled |->"
                + self.quoted(p.procedures_called) + "," + lay.nl()
                + " eqOrIn |-> " + _eq_or_in(p.is_eq) + "," + lay.nl()
                + " id     |-> " + expr_text(p.id) + "," + lay.nl()
                + lay.ind(" decls  |-> ") + self.seq(p.decls, self.var_decl) + ","
                + lay.end() + lay.nl()
                + lay.ind(" body   |-> ") + self.seq(p.body) + "]" + lay.end() + lay.end())

    def var_decl(self, d: A.VarDecl) -> str:
        return (self.lay.ind("") + '[var |-> "' + d.var + '", eqOrIn |-> '
                + _eq_or_in(d.is_eq) + ", val |-> " + expr_text(d.val) + "]"
                + self.lay.end())

    def pvar_decl(self, d: A.VarDecl) -> str:
        return (self.lay.ind("") + '[var |-> "' + d.var + '", eqOrIn |-> "=", val |-> '
                + expr_text(d.val) + "]" + self.lay.end())

    # ------------------------------------------------------------------ statements
    def node(self, st) -> str:
        lay = self.lay
        if isinstance(st, A.LabeledStmt):
            return (lay.ind("") + '[label |-> "' + st.label + '",' + lay.nl()
                    + lay.ind(" stmts |-> ") + self.seq(st.stmts) + "]" + lay.end()
                    + lay.end())
        if isinstance(st, A.While):
            return (lay.ind("") + '[type    |-> "while", ' + lay.nl()
                    + " test    |-> " + expr_text(st.test) + "," + lay.nl()
                    + lay.ind(" labDo   |-> ") + self.seq(st.lab_do) + "," + lay.end()
                    + lay.nl()
                    + lay.ind(" unlabDo |-> ") + self.seq(st.unlab_do) + "]" + lay.end()
                    + lay.end())
        if isinstance(st, A.Assign):
            return (lay.ind("") + '[type |-> "assignment",' + lay.nl()
                    + lay.ind(" ass  |-> ") + self.seq(st.ass, self.single_assign) + "]"
                    + lay.end() + lay.end())
        if isinstance(st, A.If):
            return (lay.ind("") + '[type    |-> "if", ' + lay.nl()
                    + " test    |-> " + expr_text(st.test) + "," + lay.nl()
                    + lay.ind(" then |-> ") + self.seq(st.then) + "," + lay.end() + lay.nl()
                    + lay.ind(" else |-> ") + self.seq(st.else_) + "]" + lay.end()
                    + lay.end())
        if isinstance(st, A.Either):
            return (lay.ind("") + '[type |-> "either", ' + lay.nl()
                    + lay.ind(" ors  |-> ") + self.seq_of_seqs(st.ors) + "]" + lay.end()
                    + lay.end())
        if isinstance(st, A.With):
            return (lay.ind("") + '[type   |-> "with", ' + lay.nl()
                    + ' var    |-> "' + st.var + '",' + lay.nl()
                    + " eqOrIn |-> " + _eq_or_in(st.is_eq) + "," + lay.nl()
                    + " exp    |-> " + expr_text(st.exp) + "," + lay.nl()
                    + lay.ind(" do     |-> ") + self.seq(st.do) + "]" + lay.end()
                    + lay.end())
        if isinstance(st, (A.When, A.PrintS, A.Assert)):
            kind = {A.When: "when", A.PrintS: "print", A.Assert: "assert"}[type(st)]
            return (lay.ind("") + '[type |-> "' + kind + '", ' + lay.nl()
                    + " exp |-> " + expr_text(st.exp) + "]" + lay.end())
        if isinstance(st, A.Skip):
            return '[type |-> "skip"]'
        if isinstance(st, A.LabelIf):
            return (lay.ind("") + '[type      |-> "labelIf",' + lay.nl()
                    + " test      |-> " + expr_text(st.test) + "," + lay.nl()
                    + lay.ind(" unlabThen |-> ") + self.seq(st.unlab_then) + ","
                    + lay.end() + lay.nl()
                    + lay.ind(" labThen   |-> ") + self.seq(st.lab_then) + ","
                    + lay.end() + lay.nl()
                    + lay.ind(" unlabElse |-> ") + self.seq(st.unlab_else) + ","
                    + lay.end() + lay.nl()
                    + lay.ind(" labElse   |-> ") + self.seq(st.lab_else) + "]"
                    + lay.end() + lay.nl() + lay.end())
        if isinstance(st, A.LabelEither):
            return (lay.ind("") + '[type    |-> "labelEither",' + lay.nl()
                    + lay.ind(" clauses |-> ") + self.seq(st.clauses, self.clause) + "]"
                    + lay.end() + lay.nl() + lay.end())
        if isinstance(st, A.Call):
            return (lay.ind("") + '[type     |-> "call",' + lay.nl()
                    + ' returnTo |-> "",' + lay.nl()
                    + ' to       |-> "' + st.to + '",' + lay.nl()
                    + lay.ind(" args     |-> ") + self.seq(st.args, expr_text) + "]"
                    + lay.end() + lay.end())
        if isinstance(st, A.Return):
            return '[type |-> "return", from |-> "' + (st.from_ or "") + '"]'
        if isinstance(st, A.CallReturn):
            return (lay.ind("") + '[type     |-> "callReturn",' + lay.nl()
                    + ' from     |-> "' + (st.from_ or "") + '",' + lay.nl()
                    + ' to       |-> "' + st.to + '",' + lay.nl()
                    + lay.ind("args     |-> ") + self.seq(st.args, expr_text) + "]"
                    + lay.nl() + lay.end() + lay.end())
        if isinstance(st, A.CallGoto):
            return (lay.ind("") + '[type     |-> "callGoto",' + lay.nl()
                    + ' after    |-> "' + st.after + '",' + lay.nl()
                    + ' to       |-> "' + st.to + '",' + lay.nl()
                    + lay.ind("args     |-> ") + self.seq(st.args, expr_text) + "]"
                    + lay.nl() + lay.end() + lay.end())
        if isinstance(st, A.Goto):
            return '[type |-> "goto",  to |-> "' + st.to + '"]'
        raise TypeError(f"unexpected statement {type(st).__name__}")

    def single_assign(self, sa: A.SingleAssign) -> str:
        lay = self.lay
        return (lay.ind("") + '[lhs |-> [var |-> "' + sa.var + '", sub |-> '
                + expr_text(sa.sub) + "]," + lay.nl()
                + " rhs |-> " + expr_text(sa.rhs) + "]" + lay.end())

    def clause(self, c: A.Clause) -> str:
        lay = self.lay
        return (lay.ind("") + lay.ind("[unlabOr |-> ") + self.seq(c.unlab) + ","
                + lay.end() + lay.nl()
                + lay.ind(" labOr   |-> ") + self.seq(c.lab) + "]" + lay.end() + lay.nl()
                + lay.end())


def dump(alg: A.Algorithm) -> str:
    """The AST text of ``alg`` whose CRC-32 is TLC's pcal checksum."""
    return _Dumper().algorithm(alg)
