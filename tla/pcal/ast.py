"""The AST of a PlusCal algorithm (both syntaxes parse to it).

Statement nodes carry ``lbl`` (the label written or added before them, ``""`` if none)
and the 1-based ``line``/``col`` of their first token. After label processing
(:mod:`tla.pcal.labels`) a body is a list of :class:`LabeledStmt`; ``LabelIf`` and
``LabelEither`` remain only where a branch holds a label, as in the translator's grammar
(``<LabelIf>``, ``<LabelEither>``); the others become ``If`` and ``Either``.
Nodes are mutable: label insertion and explosion rewrite them in place, as the
reference translator does.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tla.pcal.exprs import Expr


@dataclass(eq=False)
class Stmt:
    line: int = 0
    col: int = 0
    lbl: str = field(default="", kw_only=True)
    #: position of the macro call this statement was expanded from (0 if none)
    macro_line: int = field(default=0, kw_only=True)
    macro_col: int = field(default=0, kw_only=True)

    def location(self) -> str:
        s = f"line {self.line}, column {self.col}"
        if self.macro_line:
            s += f" of macro called at line {self.macro_line}, column {self.macro_col}"
        return s


@dataclass(eq=False)
class SingleAssign(Stmt):
    var: str = ""
    sub: Expr = field(default_factory=Expr)
    rhs: Expr = field(default_factory=Expr)


@dataclass(eq=False)
class Assign(Stmt):
    ass: list[SingleAssign] = field(default_factory=list)


@dataclass(eq=False)
class LabelIf(Stmt):
    test: Expr = field(default_factory=Expr)
    unlab_then: list = field(default_factory=list)
    lab_then: list = field(default_factory=list)
    unlab_else: list = field(default_factory=list)
    lab_else: list = field(default_factory=list)


@dataclass(eq=False)
class If(Stmt):
    test: Expr = field(default_factory=Expr)
    then: list = field(default_factory=list)
    else_: list = field(default_factory=list)


@dataclass(eq=False)
class Clause:
    unlab: list = field(default_factory=list)
    lab: list = field(default_factory=list)


@dataclass(eq=False)
class LabelEither(Stmt):
    clauses: list[Clause] = field(default_factory=list)


@dataclass(eq=False)
class Either(Stmt):
    ors: list[list] = field(default_factory=list)


@dataclass(eq=False)
class With(Stmt):
    var: str = ""
    is_eq: bool = False
    exp: Expr = field(default_factory=Expr)
    do: list = field(default_factory=list)


@dataclass(eq=False)
class When(Stmt):
    exp: Expr = field(default_factory=Expr)


@dataclass(eq=False)
class PrintS(Stmt):
    exp: Expr = field(default_factory=Expr)


@dataclass(eq=False)
class Assert(Stmt):
    exp: Expr = field(default_factory=Expr)


@dataclass(eq=False)
class Skip(Stmt):
    pass


@dataclass(eq=False)
class Call(Stmt):
    to: str = ""
    args: list[Expr] = field(default_factory=list)


@dataclass(eq=False)
class Return(Stmt):
    from_: str | None = None


@dataclass(eq=False)
class CallReturn(Stmt):
    to: str = ""
    args: list[Expr] = field(default_factory=list)
    from_: str | None = None


@dataclass(eq=False)
class CallGoto(Stmt):
    to: str = ""
    args: list[Expr] = field(default_factory=list)
    after: str = ""


@dataclass(eq=False)
class Goto(Stmt):
    to: str = ""


@dataclass(eq=False)
class While(Stmt):
    test: Expr = field(default_factory=Expr)
    unlab_do: list = field(default_factory=list)
    lab_do: list = field(default_factory=list)


@dataclass(eq=False)
class MacroCall(Stmt):
    name: str = ""
    args: list[Expr] = field(default_factory=list)


@dataclass(eq=False)
class LabeledStmt(Stmt):
    label: str = ""
    stmts: list = field(default_factory=list)


@dataclass(eq=False)
class VarDecl:
    var: str
    is_eq: bool
    val: Expr
    line: int = 0
    col: int = 0


@dataclass(eq=False)
class Macro:
    name: str
    params: list[str]
    body: list
    line: int = 0
    col: int = 0


@dataclass(eq=False)
class Procedure:
    name: str
    params: list[VarDecl]
    decls: list[VarDecl]
    body: list
    line: int = 0
    col: int = 0
    plus_labels: list[str] = field(default_factory=list)
    minus_labels: list[str] = field(default_factory=list)
    procedures_called: list[str] = field(default_factory=list)


UNFAIR, WF, SF = 0, 1, 2


@dataclass(eq=False)
class Process:
    name: str
    is_eq: bool
    id: Expr
    decls: list[VarDecl]
    body: list
    fairness: int = UNFAIR
    line: int = 0
    col: int = 0
    plus_labels: list[str] = field(default_factory=list)
    minus_labels: list[str] = field(default_factory=list)
    procedures_called: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Algorithm:
    """A whole algorithm. ``processes`` is None for a uniprocess algorithm, whose
    statements are in ``body``."""

    name: str
    fair: bool
    decls: list[VarDecl]
    defs: Expr
    macros: list[Macro]
    procedures: list[Procedure]
    processes: list[Process] | None
    body: list = field(default_factory=list)
    c_syntax: bool = False
    omit_pc: bool = False
    omit_stuttering_when_done: bool = False
    has_default_init: bool = False
    #: labels added by the translator, with the location of their statement
    added_labels: list[tuple[str, str]] = field(default_factory=list)
    end_line: int = 0
