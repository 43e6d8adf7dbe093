"""Symbol table of an algorithm and renaming of clashing names.

Takes a labeled algorithm (after :mod:`tla.pcal.labels`); renames, in place, labels and
process/procedure variables whose names clash, and gives the comment lines that report
each renaming (``\\* Label l0 of process P at line 42 col 9 changed to l0_``), which head
the translation. Rules of the translator (``PcalSymTab``, ``PcalFixIDs``):

* names are entered in order: ``pc``, ``stack`` (if there are procedures), global
  variables, then each procedure (its name, variables, parameters, labels) and each
  process (its name, variables, labels);
* kinds are ranked global variable < label < procedure < process < process variable <
  procedure variable < parameter; names of the lowest kind keep their name, the others
  get the suffix ``_`` then successive characters of their procedure or process name
  (then the kind number) until no other symbol has the same name;
* a name declared twice in one scope is an error.
"""
from __future__ import annotations

from dataclasses import dataclass

from tla.errors import ParseError, Span
from tla.pcal import ast as A
from tla.pcal.exprs import IDENT, Expr, Tok

GLOBAL, LABEL, PROCEDURE, PROCESS, PROCESSVAR, PROCEDUREVAR, PARAMETER = range(7)
_KIND_NAME = ["Global variable", "Label", "Procedure", "Process", "Process variable",
              "Procedure variable", "Parameter"]
_VAR_KINDS = (GLOBAL, PROCESSVAR, PROCEDUREVAR, PARAMETER)


@dataclass
class Sym:
    kind: int
    id: str
    context: str
    ctype: str
    line: int
    col: int
    use: str = ""


class SymbolTable:
    def __init__(self, alg: A.Algorithm, file: str, module: str):
        self.syms: list[Sym] = []
        self.errors: list[str] = []
        self.first_error: tuple[int, int] = (1, 1)
        self.file = file
        self.module = module
        self.insert(GLOBAL, "pc", "", "", 0, 0)
        if alg.procedures:
            self.insert(GLOBAL, "stack", "", "", 0, 0)
        for d in alg.decls:
            self._var(GLOBAL, d, "", "process")
        for p in alg.procedures:
            self.insert(PROCEDURE, p.name, "", "procedure", p.line, p.col,
                        f"Procedure {p.name} redefined")
            for d in p.decls:
                self._var(PROCEDUREVAR, d, p.name, "procedure")
            for d in p.params:
                self._var(PARAMETER, d, p.name, "procedure")
            self._labels(p.body, p.name, "procedure")
        for p in alg.processes or []:
            self.insert(PROCESS, p.name, "", "process", p.line, p.col,
                        f"Process {p.name} redefined")
            for d in p.decls:
                self._var(PROCESSVAR, d, p.name, "process")
            self._labels(p.body, p.name, "process")
        if alg.processes is None:
            self._labels(alg.body, "", "")
        if self.errors:
            line, col = self.first_error
            raise ParseError("\n".join(self.errors), Span(file, line, col, line, col, module))

    def _var(self, kind: int, d: A.VarDecl, context: str, ctype: str) -> None:
        self.insert(kind, d.var, context, ctype, d.line, d.col,
                    f"{_KIND_NAME[kind]} {d.var} redefined")

    def _labels(self, seq: list, context: str, ctype: str) -> None:
        for st in seq:
            if isinstance(st, A.LabeledStmt):
                self.insert(LABEL, st.label, context, ctype, st.line, st.col,
                            f"Label {st.label} redefined")
                self._labels(st.stmts, context, ctype)
            elif isinstance(st, A.LabelIf):
                for s in (st.unlab_then, st.lab_then, st.unlab_else, st.lab_else):
                    self._labels(s, context, ctype)
            elif isinstance(st, A.LabelEither):
                for c in st.clauses:
                    self._labels(c.unlab, context, ctype)
                    self._labels(c.lab, context, ctype)
            elif isinstance(st, A.While):
                self._labels(st.unlab_do, context, ctype)
                self._labels(st.lab_do, context, ctype)
            elif isinstance(st, A.If):
                self._labels(st.then, context, ctype)
                self._labels(st.else_, context, ctype)
            elif isinstance(st, A.Either):
                for o in st.ors:
                    self._labels(o, context, ctype)
            elif isinstance(st, A.With):
                self._labels(st.do, context, ctype)

    def find(self, ident: str, context: str, kind: int | None = None) -> Sym | None:
        for s in self.syms:
            if s.id == ident and s.context == context and (kind is None or s.kind == kind):
                return s
        return None

    def insert(self, kind, ident, context, ctype, line, col, err: str = "") -> None:
        if kind in (PROCEDUREVAR, PROCESSVAR, PARAMETER):
            clash = self.find(ident, "", GLOBAL) or self.find(ident, context)
        else:
            clash = self.find(ident, context, kind)
        if clash is not None:
            if err:
                if not self.errors:
                    self.first_error = (line, col)
                self.errors.append(f"{err} at line {line}, column {col}")
            return
        self.syms.append(Sym(kind, ident, context, ctype, line, col, ident))

    def disambiguate(self) -> list[str]:
        report = []
        for kind in range(8):
            for s in self.syms:
                if s.kind != kind:
                    continue
                s.use = s.id
                n = 0
                while kind > 0 and sum(1 for o in self.syms if o.use == s.use) > 1:
                    n += 1
                    if n == 1:
                        s.use += "_"
                    elif n > len(s.context) + 1:
                        s.use += str(kind)
                    else:
                        s.use += s.context[n - 2]
                if s.use != s.id:
                    where = f" of {s.ctype} {s.context}" if s.context else ""
                    report.append(f"\\* {_KIND_NAME[s.kind]} {s.id}{where} at line {s.line} "
                                  f"col {s.col} changed to {s.use}")
        return report

    def var(self, ident: str, context: str) -> str:
        s = self.find(ident, context)
        if s is None or s.kind not in _VAR_KINDS:
            return ident
        return s.use

    def label(self, ident: str, context: str) -> str:
        s = self.find(ident, context, LABEL)
        return ident if s is None else s.use

    def procedure(self, ident: str) -> str:
        s = self.find(ident, "", PROCEDURE)
        return ident if s is None else s.use


def fix_names(alg: A.Algorithm, file: str = "<string>", module: str = "") -> list[str]:
    """Rename clashing names in ``alg``; return the report lines."""
    table = SymbolTable(alg, file, module)
    report = table.disambiguate()
    if not report:
        return []
    fixer = _Fixer(table)
    for p in alg.procedures:
        fixer.context = p.name
        for d in p.params + p.decls:
            d.var = table.var(d.var, p.name)
            d.val = fixer.expr(d.val)
        p.body = fixer.seq(p.body)
        p.plus_labels = [table.label(x, p.name) for x in p.plus_labels]
        p.minus_labels = [table.label(x, p.name) for x in p.minus_labels]
        p.procedures_called = [table.procedure(x) for x in p.procedures_called]
        p.name = table.procedure(p.name)
    for p in alg.processes or []:
        fixer.context = p.name
        p.id = fixer.expr(p.id)
        for d in p.decls:
            d.var = table.var(d.var, p.name)
            d.val = fixer.expr(d.val)
        p.body = fixer.seq(p.body)
        p.plus_labels = [table.label(x, p.name) for x in p.plus_labels]
        p.minus_labels = [table.label(x, p.name) for x in p.minus_labels]
        p.procedures_called = [table.procedure(x) for x in p.procedures_called]
        found = table.find(p.name, "", PROCESS)
        if found is not None:
            p.name = found.use
    if alg.processes is None:
        fixer.context = ""
        alg.body = fixer.seq(alg.body)
    return report


class _Fixer:
    def __init__(self, table: SymbolTable):
        self.table = table
        self.context = ""

    def expr(self, e: Expr) -> Expr:
        names, exprs = [], []
        for t in e.tokens():
            if t.kind == IDENT and t.string not in names:
                new = self.table.var(t.string, self.context)
                if new != t.string:
                    names.append(t.string)
                    one = Expr([[Tok(new, 0, IDENT)]])
                    one.normalize()
                    exprs.append(one)
        if not names:
            return e
        c = e.clone()
        c.line, c.col = e.line, e.col
        c.substitute_all(exprs, names, False)
        return c

    def seq(self, seq: list) -> list:
        return [self.stmt(s) for s in seq]

    def stmt(self, st):
        t = self.table
        ctx = self.context
        if isinstance(st, A.LabeledStmt):
            st.label = t.label(st.label, ctx)
            st.stmts = self.seq(st.stmts)
        elif isinstance(st, A.Assign):
            for sa in st.ass:
                sa.var = t.var(sa.var, ctx)
                sa.sub = self.expr(sa.sub)
                sa.rhs = self.expr(sa.rhs)
        elif isinstance(st, A.LabelIf):
            st.test = self.expr(st.test)
            st.unlab_then, st.lab_then = self.seq(st.unlab_then), self.seq(st.lab_then)
            st.unlab_else, st.lab_else = self.seq(st.unlab_else), self.seq(st.lab_else)
        elif isinstance(st, A.If):
            st.test = self.expr(st.test)
            st.then, st.else_ = self.seq(st.then), self.seq(st.else_)
        elif isinstance(st, A.LabelEither):
            for c in st.clauses:
                c.unlab, c.lab = self.seq(c.unlab), self.seq(c.lab)
        elif isinstance(st, A.Either):
            st.ors = [self.seq(o) for o in st.ors]
        elif isinstance(st, A.With):
            st.exp = self.expr(st.exp)
            st.do = self.seq(st.do)
        elif isinstance(st, A.While):
            st.test = self.expr(st.test)
            st.unlab_do, st.lab_do = self.seq(st.unlab_do), self.seq(st.lab_do)
        elif isinstance(st, (A.When, A.PrintS, A.Assert)):
            st.exp = self.expr(st.exp)
        elif isinstance(st, (A.Call, A.CallReturn)):
            st.to = t.procedure(st.to)
            if isinstance(st, A.CallReturn) and st.from_:
                st.from_ = t.procedure(st.from_)
            st.args = [self.expr(a) for a in st.args]
        elif isinstance(st, A.CallGoto):
            st.to = t.procedure(st.to)
            st.args = [self.expr(a) for a in st.args]
            st.after = t.label(st.after, ctx)
        elif isinstance(st, A.Goto):
            st.to = t.label(st.to, ctx)
        elif isinstance(st, A.Return) and st.from_:
            st.from_ = t.procedure(st.from_)
        return st


def close_procedure_calls(alg: A.Algorithm) -> None:
    """In a multiprocess algorithm, extend each procedure's and each process's list of
    procedures called with those called indirectly (the translator's transitive closure,
    used for the fairness of the procedures a fair process calls)."""
    if alg.processes is None:
        return
    names = [p.name for p in alg.procedures]
    n = len(names)
    path = [[names[j] in alg.procedures[i].procedures_called for j in range(n)]
            for i in range(n)]
    for k in range(n):
        for i in range(n):
            for j in range(n):
                path[i][j] = path[i][j] or (path[i][k] and path[k][j])
    for i, p in enumerate(alg.procedures):
        p.procedures_called = [names[j] for j in range(n) if path[i][j]]
    for proc in alg.processes:
        called = proc.procedures_called
        j = 0
        while j < len(called):
            if called[j] in names:
                num = names.index(called[j])
                for k in range(n):
                    if path[num][k] and names[k] not in called:
                        called.append(names[k])
            j += 1
