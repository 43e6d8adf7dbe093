"""Recursive-descent parser for PlusCal, P-syntax (``begin ... end``) and C-syntax (braces).

Takes the tokens of :mod:`tla.pcal.lexer`; gives an :class:`tla.pcal.ast.Algorithm` whose
bodies are flat statement lists with ``lbl`` fields (the translator's "simple grammar",
``ParseAlgorithm.GetStmtSeq``): every ``if`` is a ``LabelIf`` and every ``either`` a
``LabelEither`` with empty labeled parts, a ``call`` directly followed by ``return`` or
``goto`` is a ``CallReturn`` / ``CallGoto``.
Macros are expanded by :mod:`tla.pcal.macros`; label rules and the final
labeled-statement structure are the job of :mod:`tla.pcal.labels`. Errors raise
:class:`tla.errors.ParseError` with the span of the offending token.
"""
from __future__ import annotations

from tla.errors import ParseError, Span
from tla.pcal import ast as A
from tla.pcal.exprs import IDENT, STRING, Expr, Tok
from tla.pcal.lexer import AlgTok
from tla.pcal.macros import expand_macros

#: identifiers that end an expression (the translator's delimiters plus the keywords
#: that begin or close a statement or a block)
_EXPR_STOP_WORDS = {
    "variable", "variables", "begin", "do", "then", "end", "else", "elsif", "or",
    "define", "macro", "procedure", "process", "fair", "either", "with", "when", "await",
    "skip", "call", "return", "goto", "print", "assert", "if", "while",
}
_EXPR_STOP_SYMS = {";", ":=", "||", "‖", "≔"}
_OPEN = {"(": ")", "[": "]", "{": "}", "<<": ">>"}
_CLOSE = {")", "]", "}", ">>"}
_STMT_KEYWORDS = {
    "while", "if", "assert", "print", "else", "elsif", "either", "or", "end", "with",
    "when", "await", "skip", "call", "return", "goto",
}
_END_OF_SEQ_P = {"end", "else", "elsif", "or"}


class Parser:
    """Parses one algorithm from a token list; ``file`` names the module for spans."""

    def __init__(self, toks: list[AlgTok], file: str = "<string>", module: str = ""):
        self.toks = toks
        self.i = 0
        self.file = file
        self.module = module
        self.c_syntax = False
        self.current_procedure: str | None = None
        self.in_macro = False
        self.has_default_init = False
        self.plus_labels: list[str] = []
        self.minus_labels: list[str] = []
        self.procs_called: list[str] = []
        self.procedures: list[A.Procedure] = []
        self.all_labels: set[str] = set()
        self.has_label = False
        self.goto_used = False
        self.goto_done_used = False
        self.label_modifier_used = False

    # ------------------------------------------------------------------ token access
    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.toks[j].string if j < len(self.toks) else ""

    def peek_tok(self, k: int = 0) -> AlgTok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> AlgTok:
        if self.i >= len(self.toks):
            self.error("Unexpected end of algorithm")
        t = self.toks[self.i]
        self.i += 1
        return t

    def span_of(self, t: AlgTok | None) -> Span:
        if t is None:
            t = self.toks[-1] if self.toks else AlgTok("", IDENT, 0, 0)
        return Span(self.file, t.line + 1, t.col + 1, t.line + 1, t.col + max(t.width, 1),
                    self.module)

    def error(self, msg: str, t: AlgTok | None = None):
        if t is None:
            t = self.peek_tok()
        raise ParseError(msg, self.span_of(t))

    def expect(self, s: str) -> AlgTok:
        t = self.peek_tok()
        if t is None or t.string != s:
            found = "end of algorithm" if t is None else f"`{t.string}'"
            self.error(f"Expected `{s}' but found {found}", t)
        return self.next()

    def accept(self, s: str) -> bool:
        if self.peek() == s:
            self.i += 1
            return True
        return False

    def ident(self, what: str = "an identifier") -> AlgTok:
        t = self.peek_tok()
        if t is None or t.kind != IDENT:
            self.error(f"Expected {what}", t)
        return self.next()

    def semicolon(self) -> None:
        # The reference translator tolerates a missing `;' before a closing keyword.
        if not self.accept(";"):
            nxt = self.peek()
            if nxt not in ("}", "end", "else", "elsif", "or") and nxt != "":
                self.error("Missing `;'")

    # ------------------------------------------------------------------ expressions
    def expr(self, what: str = "expression", comma_ends: bool = False) -> Expr:
        """Tokens up to the next delimiter at nesting depth 0, as an Expr. A ``,`` at
        depth 0 ends it only where a list is being parsed (``comma_ends``)."""
        stack: list[str] = []
        start = self.i
        while self.i < len(self.toks):
            t = self.toks[self.i]
            s = t.string
            if not stack:
                if t.kind != STRING and (s in _EXPR_STOP_SYMS or (s == "," and comma_ends)
                                         or (t.kind == IDENT and s in _EXPR_STOP_WORDS)):
                    break
                if s in _CLOSE:
                    break
            if t.kind != STRING:
                if s in _OPEN:
                    stack.append(_OPEN[s])
                elif s in _CLOSE and stack:
                    if stack[-1] == s:
                        stack.pop()
                    else:
                        self.error(f"Unmatched `{s}'", t)
            self.i += 1
        toks = self.toks[start:self.i]
        if not toks:
            self.error(f"Missing {what}")
        first_line = toks[0].line
        lines: list[list[Tok]] = [[] for _ in range(toks[-1].line - first_line + 1)]
        for t in toks:
            lines[t.line - first_line].append(Tok(t.string, t.col, t.kind))
        e = Expr(lines, line=toks[0].line + 1, col=toks[0].col + 1)
        e.normalize()
        return e

    # ------------------------------------------------------------------ algorithm
    def algorithm(self, fair: bool) -> A.Algorithm:
        if fair:
            t = self.next()
            if t.string != "algorithm":
                self.error("`--fair' not followed by `algorithm'", t)
        name = self.ident("the algorithm's name").string
        if self.peek() == "{":
            self.c_syntax = True
            self.next()
        decls: list[A.VarDecl] = []
        if self.peek() in ("variable", "variables"):
            decls = self.var_decls()
        defs = Expr()
        if self.accept("define"):
            if self.c_syntax:
                self.expect("{")
            if self.peek() not in ("}", "end"):
                defs = self.expr("definitions")
            if self.c_syntax:
                self.expect("}")
            else:
                self.expect("end")
                self.expect("define")
            self.accept(";")
        macros: list[A.Macro] = []
        while self.peek() == "macro":
            macros.append(self.macro(macros))
        while self.peek() == "procedure":
            self.procedures.append(self.procedure())
        alg = A.Algorithm(name, fair, decls, defs, macros, self.procedures, None,
                          c_syntax=self.c_syntax)
        if self.peek() in ("process", "fair"):
            alg.processes = []
            while self.peek() in ("process", "fair"):
                fairness = A.UNFAIR
                if self.accept("fair"):
                    fairness = A.SF if self.accept("+") else A.WF
                proc = self.process()
                proc.fairness = fairness
                alg.processes.append(proc)
            if self.c_syntax:
                end = self.expect("}")
            else:
                end = self.expect("end")
                self.expect("algorithm")
        else:
            self.begin_or_brace()
            alg.body = self.stmt_seq()
            if self.c_syntax:
                self.expect("}")
                end = self.expect("}")
            else:
                end = self.expect("end")
                self.expect("algorithm")
        alg.end_line = end.line
        self._check_duplicate_macros(macros)
        alg.has_default_init = self.has_default_init
        return alg

    def _check_duplicate_macros(self, macros: list[A.Macro]) -> None:
        seen: set[str] = set()
        for m in macros:
            if m.name in seen:
                raise ParseError(f"Duplicate macro name {m.name}",
                                 Span(self.file, m.line, m.col, m.line, m.col, self.module))
            seen.add(m.name)

    def begin_or_brace(self) -> None:
        self.expect("{" if self.c_syntax else "begin")

    def end_or_brace(self, what: str) -> None:
        if self.c_syntax:
            self.expect("}")
        else:
            self.expect("end")
            self.expect(what)

    def var_decls(self) -> list[A.VarDecl]:
        self.next()
        out = []
        while self.peek() not in ("begin", "{", "procedure", "process", "fair", "define",
                                  "macro", ""):
            out.append(self.var_decl(allow_in=True))
            if not (self.accept(",") or self.accept(";")):
                if self.peek() not in ("begin", "{", "procedure", "process", "fair", "define",
                                       "macro"):
                    self.error("Expected `,' or `;' after a variable declaration")
        return out

    def var_decl(self, allow_in: bool) -> A.VarDecl:
        t = self.ident("a variable name")
        if self.peek() == "=" or (allow_in and self.peek() in ("\\in", "∈")):
            is_eq = self.next().string == "="
            val = self.expr("initial value", comma_ends=True)
            return A.VarDecl(t.string, is_eq, val, t.line + 1, t.col + 1)
        self.has_default_init = True
        val = Expr.parse_text("defaultInitValue")
        return A.VarDecl(t.string, True, val, t.line + 1, t.col + 1)

    def macro(self, macros: list[A.Macro]) -> A.Macro:
        t = self.expect("macro")
        name = self.ident("the macro's name").string
        self.expect("(")
        params = []
        while self.peek() != ")":
            if params:
                self.expect(",")
            params.append(self.ident("a macro parameter").string)
        self.expect(")")
        self.in_macro = True
        self.begin_or_brace()
        body = self.stmt_seq()
        self.end_or_brace("macro")
        self.in_macro = False
        self.accept(";")
        expand_macros(body, macros, self.file, self.module)
        return A.Macro(name, params, body, t.line + 1, t.col + 1)

    def procedure(self) -> A.Procedure:
        t = self.expect("procedure")
        name = self.ident("the procedure's name").string
        self.current_procedure = name
        self.plus_labels, self.minus_labels, self.procs_called = [], [], []
        self.expect("(")
        params = []
        while self.peek() != ")":
            if params:
                self.expect(",")
            params.append(self.var_decl(allow_in=False))
        self.expect(")")
        decls = []
        if self.peek() in ("variable", "variables"):
            self.next()
            while self.peek() not in ("begin", "{", ""):
                decls.append(self.var_decl(allow_in=False))
                if not (self.accept(",") or self.accept(";")) and self.peek() not in ("begin", "{"):
                    self.error("Expected `,' or `;' after a variable declaration")
        self.begin_or_brace()
        body = self.stmt_seq()
        self.end_or_brace("procedure")
        self.accept(";")
        self.current_procedure = None
        return A.Procedure(name, params, decls, body, t.line + 1, t.col + 1,
                           self.plus_labels, self.minus_labels, self.procs_called)

    def process(self) -> A.Process:
        t = self.expect("process")
        if self.c_syntax:
            self.expect("(")
        name = self.ident("the process's name").string
        op = self.next()
        if op.string not in ("=", "\\in", "∈"):
            self.error("Expected `=' or `\\in' after the process name", op)
        pid = self.expr("process identifier")
        self.plus_labels, self.minus_labels, self.procs_called = [], [], []
        if self.c_syntax:
            self.expect(")")
        decls = self.var_decls() if self.peek() in ("variable", "variables") else []
        self.begin_or_brace()
        body = self.stmt_seq()
        self.end_or_brace("process")
        self.accept(";")
        return A.Process(name, op.string == "=", pid, decls, body, A.UNFAIR, t.line + 1,
                         t.col + 1, self.plus_labels, self.minus_labels, self.procs_called)

    # ------------------------------------------------------------------ statements
    def is_label_next(self) -> bool:
        t = self.peek_tok()
        if t is None or t.kind != IDENT or t.string in _STMT_KEYWORDS:
            return False
        return self.peek(1) == ":"

    def label(self) -> str:
        if not self.is_label_next():
            return ""
        t = self.next()
        if self.in_macro:
            self.error("A label may not appear in a macro.", t)
        if t.string in ("Done", "Error"):
            self.error(f"Cannot use `{t.string}' as a label.", t)
        self.next()
        self.has_label = True
        self.all_labels.add(t.string)
        if self.accept("+"):
            self.plus_labels.append(t.string)
            self.label_modifier_used = True
        elif self.accept("-"):
            self.minus_labels.append(t.string)
            self.label_modifier_used = True
        return t.string

    def stmt_seq(self) -> list:
        out: list = []
        while True:
            tok = self.peek()
            if tok == "" or (not self.c_syntax and tok in _END_OF_SEQ_P) or (
                    self.c_syntax and tok == "}"):
                break
            lbl = self.label()
            if self.c_syntax and self.peek() == "{":
                out.extend(self.c_block(lbl))
            else:
                st = self.stmt()
                st.lbl = lbl
                out.append(st)
        if self.c_syntax and not out:
            self.error("Empty statement list")
        return out

    def c_block(self, lbl: str) -> list:
        self.expect("{")
        seq = self.stmt_seq()
        self.expect("}")
        self.accept(";")
        if lbl:
            if seq[0].lbl:
                raise ParseError("Duplicate labeling of statement",
                                 Span(self.file, seq[0].line, seq[0].col, seq[0].line,
                                      seq[0].col, self.module))
            seq[0].lbl = lbl
        return seq

    def c_stmt(self) -> list:
        lbl = self.label()
        if self.peek() == "{":
            return self.c_block(lbl)
        st = self.stmt()
        st.lbl = lbl
        return [st]

    def stmt(self) -> A.Stmt:
        t = self.peek_tok()
        if t is None:
            self.error("Unexpected end of algorithm")
        s = t.string
        method = {
            "if": self.if_stmt, "either": self.either_stmt, "with": self.with_stmt,
            "when": self.when_stmt, "await": self.when_stmt, "print": self.print_stmt,
            "assert": self.assert_stmt, "skip": self.skip_stmt, "call": self.call_stmt,
            "return": self.return_stmt, "goto": self.goto_stmt, "while": self.while_stmt,
        }.get(s) if t.kind == IDENT else None
        if method is not None:
            return method()
        if t.kind == IDENT and self.peek(1) == "(":
            return self.macro_call()
        if t.kind != IDENT:
            self.error(f"Expected a statement but found `{s}'", t)
        return self.assign()

    def _pos(self, t: AlgTok) -> dict:
        return {"line": t.line + 1, "col": t.col + 1}

    def if_stmt(self, elsif: bool = False) -> A.LabelIf:
        t = self.next()
        if self.c_syntax:
            self.expect("(")
        test = self.expr("if test")
        if self.c_syntax:
            self.expect(")")
            then = self.c_stmt()
            els = self.c_stmt() if self.accept("else") else []
        else:
            self.expect("then")
            then = self.stmt_seq()
            nxt = self.peek()
            if nxt == "else":
                self.next()
                els = self.stmt_seq()
            elif nxt == "elsif":
                els = [self.if_stmt(elsif=True)]
            elif nxt == "end":
                els = []
            else:
                self.error('Expecting "else", "elsif", or "end"')
            if not elsif:
                self.expect("end")
                self.expect("if")
                self.semicolon()
        if not then:
            self.error("Empty `then' clause", t)
        return A.LabelIf(test=test, unlab_then=then, unlab_else=els, **self._pos(t))

    def either_stmt(self) -> A.LabelEither:
        t = self.next()
        clauses = []
        while True:
            body = self.c_stmt() if self.c_syntax else self.stmt_seq()
            if not body:
                self.error("`either' statement with empty `or' clause", t)
            clauses.append(A.Clause(body, []))
            if not self.accept("or"):
                break
        if not self.c_syntax:
            self.expect("end")
            self.expect("either")
            self.semicolon()
        if len(clauses) < 2:
            self.error("`either' statement has no `or'", t)
        return A.LabelEither(clauses=clauses, **self._pos(t))

    def with_stmt(self) -> A.With:
        t = self.next()
        if self.c_syntax:
            self.expect("(")
        return self._with_binding(t)

    def _with_binding(self, t: AlgTok) -> A.With:
        var = self.ident("a `with' variable")
        op = self.next()
        if op.string not in ("=", "\\in", "∈"):
            self.error("Expected `=' or `\\in' in `with'", op)
        exp = self.expr("`with' expression", comma_ends=True)
        if not self.c_syntax or self.peek() != ")":
            if not (self.accept(";") or self.accept(",")) and self.peek() != "do":
                self.error("Expected `,', `;' or `do' in `with'")
        node = A.With(var=var.string, is_eq=op.string == "=", exp=exp, **self._pos(t))
        if not self.c_syntax and self.accept("do"):
            node.do = self.stmt_seq()
            self.expect("end")
            self.expect("with")
            self.semicolon()
        elif self.c_syntax and self.accept(")"):
            node.do = self.c_stmt()
        else:
            node.do = [self._with_binding(t)]
        if not node.do:
            self.error("Missing body of with statement", t)
        return node

    def when_stmt(self) -> A.When:
        t = self.next()
        e = self.expr(f"`{t.string}' condition")
        self.semicolon()
        return A.When(exp=e, **self._pos(t))

    def print_stmt(self) -> A.PrintS:
        t = self.next()
        e = self.expr("expression in print statement")
        self.semicolon()
        return A.PrintS(exp=e, **self._pos(t))

    def assert_stmt(self) -> A.Assert:
        t = self.next()
        e = self.expr("expression in assert statement")
        self.semicolon()
        return A.Assert(exp=e, **self._pos(t))

    def skip_stmt(self) -> A.Skip:
        t = self.next()
        self.semicolon()
        return A.Skip(**self._pos(t))

    def _args(self) -> list[Expr]:
        self.expect("(")
        args = []
        while self.peek() != ")":
            if args:
                self.expect(",")
            args.append(self.expr("argument", comma_ends=True))
        self.expect(")")
        return args

    def call_stmt(self) -> A.Stmt:
        t = self.next()
        to = self.ident("a procedure name").string
        args = self._args()
        self.semicolon()
        if to not in self.procs_called:
            self.procs_called.append(to)
        if self.peek() == "return":
            self.next()
            self.semicolon()
            return A.CallReturn(to=to, args=args, from_=self.current_procedure, **self._pos(t))
        if self.peek() == "goto":
            self.next()
            after = self.next().string
            self.goto_used = True
            if after in ("Done", '"Done"'):
                self.goto_done_used = True
            self.semicolon()
            return A.CallGoto(to=to, args=args, after=after, **self._pos(t))
        return A.Call(to=to, args=args, **self._pos(t))

    def return_stmt(self) -> A.Return:
        t = self.next()
        self.semicolon()
        return A.Return(from_=self.current_procedure, **self._pos(t))

    def goto_stmt(self) -> A.Goto:
        t = self.next()
        target = self.next()
        to = target.string
        self.goto_used = True
        if to == "Done":
            self.goto_done_used = True
        self.semicolon()
        return A.Goto(to=to, **self._pos(t))

    def while_stmt(self) -> A.While:
        t = self.next()
        if self.c_syntax:
            self.expect("(")
        test = self.expr("while test")
        if self.c_syntax:
            self.expect(")")
            body = self.c_stmt()
        else:
            self.expect("do")
            body = self.stmt_seq()
            self.expect("end")
            self.expect("while")
            self.semicolon()
        if not body:
            self.error("Missing body of while statement", t)
        return A.While(test=test, unlab_do=body, **self._pos(t))

    def macro_call(self) -> A.MacroCall:
        t = self.next()
        args = self._args()
        self.semicolon()
        return A.MacroCall(name=t.string, args=args, **self._pos(t))

    def assign(self) -> A.Assign:
        first = self.peek_tok()
        ass = [self.single_assign()]
        while self.peek() in ("||", "‖"):
            self.next()
            ass.append(self.single_assign())
        self.semicolon()
        return A.Assign(ass=ass, **self._pos(first))

    def single_assign(self) -> A.SingleAssign:
        t = self.ident("a variable to assign")
        if self.peek() in (":=", "≔"):
            sub = Expr()
        else:
            sub = self.expr("subscript")
        if self.peek() not in (":=", "≔"):
            self.error("Expected `:='")
        self.next()
        rhs = self.expr("right-hand side of assignment")
        return A.SingleAssign(var=t.string, sub=sub, rhs=rhs, **self._pos(t))
