"""TLA+ text of an exploded algorithm, laid out as the PlusCal translator lays it out.

Takes an :class:`~tla.pcal.ast.Algorithm` whose bodies were exploded
(:mod:`tla.pcal.explode`) and the options; gives the lines that go between
``\\* BEGIN TRANSLATION`` and ``\\* END TRANSLATION``. It follows ``PcalTLAGen``:
``VARIABLES`` (and the ``define`` block), ``vars``, ``ProcSet``, ``Init``, one action per
label (conjuncts in statement order, then ``UNCHANGED``), one action per procedure and
process, ``Next`` (with ``Terminating``), ``Spec`` with the fairness conjuncts and
``Termination``; lines wrap at column 78, expressions keep their source layout.
The actions themselves are written by :mod:`tla.pcal.stmtgen`, the fairness conjuncts
by :mod:`tla.pcal.fairness`, into the buffer of :mod:`tla.pcal.writer`.
"""
from __future__ import annotations

from dataclasses import dataclass

from tla.errors import ParseError
from tla.pcal import ast as A
from tla.pcal.exprs import Expr, self_expr
from tla.pcal.fairness import ProcessFairness, process_fairness
from tla.pcal.stmtgen import Changed, StatementWriter, needs_parentheses
from tla.pcal.writer import WRAP


@dataclass
class Options:
    """Translator options that change the generated text."""

    fairness: str = ""      # "", "wf", "sf", "wfNext", "nof"
    no_done_disjunct: bool = False
    line_width: int = WRAP
    #: current translators declare ``pc`` first; older ones after the global variables
    pc_first: bool = True


class Generator(StatementWriter):
    """Generates the whole translation of one algorithm."""

    def __init__(self, alg: A.Algorithm, opts: Options, file: str = "<string>",
                 module: str = ""):
        super().__init__(opts.line_width, file, module)
        self.alg = alg
        self.opts = opts
        self.mp = alg.processes is not None
        self.vars: list[str] = []
        self.proc_vars: list[str] = []      # procedure parameters and locals
        self.pset_vars: list[str] = []      # variables of process sets
        self.self: Expr | None = None
        self.self_is_self = False
        self.next_step: list[str] = []
        self.next_step_self: list[str] = []
        self.current_proc_name = "Next"

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
        formulas: list[ProcessFairness] = []
        if self.mp:
            for p in alg.processes:
                if p.fairness == A.UNFAIR:
                    continue
                formulas.append(process_fairness(p, self.alg.procedures, self.wrap))
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

    def termination(self) -> None:
        if self.alg.omit_pc or self.alg.omit_stuttering_when_done:
            return
        body = "\\A self \\in ProcSet: pc[self]" if self.mp else "pc"
        self.line("Termination == <>(" + body + " = \"Done\")")
        self.line("")


def _choose_self(pid: Expr) -> Expr:
    """``[CHOOSE self \\in S : TRUE]``: the subscript of process-set variables inside
    ``\\in`` initial values."""
    text = "[CHOOSE self \\in " + " ".join(pid.to_text().split()) + " : TRUE]"
    return Expr.parse_text(text)
