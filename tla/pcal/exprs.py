"""TLA+ expressions as the PlusCal translator sees them: lines of positioned tokens.

Takes tokens produced by :mod:`tla.pcal.lexer` (or built by the translator) and gives
back text lines. An expression keeps each token's column so that its layout survives
translation; this is the rule of the reference translator (``TLAExpr``):

* ``normalize`` shifts every token left by the smallest first-token column and records,
  for each line, its *anchor*: the right-most token of the nearest earlier line that
  starts at or left of it.
* When a substitution widens a line (``x`` becoming ``x'`` or ``x[self]``), the tokens to
  the right move with it and every line whose anchor moved is shifted by the same amount
  (``renormalize``), so aligned ``/\\`` bullets stay aligned.
* Identifier occurrences are found as the translator finds them: a token after ``.`` and
  a field name after ``[`` or ``,`` and before ``:`` or ``|->`` are record fields, not
  identifiers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

IDENT = "ident"
BUILTIN = "builtin"
STRING = "string"
NUMBER = "number"
#: tokens the translator adds (``pc``, ``stack``); they get a ``[self]`` subscript in a
#: multiprocess algorithm wherever they occur
ADDED = "added"


@dataclass(eq=False)
class Tok:
    """One token: its text (a string token without its quotes), its column (0-based,
    relative to the expression once normalized) and its kind."""

    string: str
    col: int = 0
    kind: str = BUILTIN

    @property
    def width(self) -> int:
        return len(self.string) + 2 if self.kind == STRING else len(self.string)

    def copy(self) -> "Tok":
        return Tok(self.string, self.col, self.kind)

    def text(self) -> str:
        return f'"{self.string}"' if self.kind == STRING else self.string


@dataclass(eq=False)
class Expr:
    """A possibly multi-line expression. ``line``/``col`` give the 1-based source
    position of its first token (0 when the translator built it)."""

    lines: list[list[Tok]] = field(default_factory=list)
    anchor_toks: list[Tok | None] = field(default_factory=list)
    anchor_cols: list[int] = field(default_factory=list)
    line: int = 0
    col: int = 0

    # ------------------------------------------------------------------ building
    @classmethod
    def of_tokens(cls, toks: list[Tok], spaces: int = 1) -> "Expr":
        """A one-line expression of copies of ``toks`` separated by ``spaces`` blanks."""
        line: list[Tok] = []
        nxt = 0
        for t in toks:
            c = t.copy()
            c.col = nxt
            line.append(c)
            nxt += c.width + spaces
        e = cls([line])
        e.normalize()
        return e

    @classmethod
    def parse_text(cls, text: str) -> "Expr":
        """An expression from a single line of TLA+ text (used for generated snippets)."""
        from tla.pcal.lexer import tokenize_line
        e = cls([tokenize_line(text)])
        e.normalize()
        return e

    def is_empty(self) -> bool:
        return not any(self.lines)

    def is_one_token(self) -> bool:
        return len(self.lines) == 1 and len(self.lines[0]) == 1

    def first_token(self) -> Tok:
        return self.lines[0][0]

    def last_token(self) -> Tok:
        return self.lines[-1][-1]

    def tokens(self):
        for ln in self.lines:
            yield from ln

    def clone(self) -> "Expr":
        """A normalized deep copy (the translator's ``cloneAndNormalize``)."""
        e = Expr([[t.copy() for t in ln] for ln in self.lines], line=self.line, col=self.col)
        e.normalize()
        return e

    # ------------------------------------------------------------------ layout
    def normalize(self) -> None:
        while self.lines and not self.lines[0]:
            self.lines.pop(0)
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        firsts = [ln[0].col for ln in self.lines if ln]
        min_col = min(firsts) if firsts else 0
        for ln in self.lines:
            for t in ln:
                t.col -= min_col
        self.anchor_toks = [None] * len(self.lines)
        self.anchor_cols = [0] * len(self.lines)
        for i, ln in enumerate(self.lines):
            if not ln:
                continue
            first = ln[0].col
            for j in range(i - 1, -1, -1):
                anc = self.lines[j]
                if anc and anc[0].col <= first:
                    k = 0
                    while k + 1 < len(anc) and anc[k + 1].col <= first:
                        k += 1
                    self.anchor_toks[i] = anc[k]
                    self.anchor_cols[i] = anc[k].col
                    break

    def renormalize(self) -> None:
        for i, ln in enumerate(self.lines):
            tok = self.anchor_toks[i]
            if tok is None:
                continue
            k = tok.col - self.anchor_cols[i]
            self.anchor_cols[i] = tok.col
            for t in ln:
                t.col += k

    def to_lines(self) -> list[str]:
        """The text of each line (the translator's ``toStringVector``)."""
        out = []
        for i, ln in enumerate(self.lines):
            s = ""
            tok = self.anchor_toks[i] if i < len(self.anchor_toks) else None
            if tok is not None:
                s = " " * (tok.col - self.anchor_cols[i])
            last = None
            for t in ln:
                if last is None:
                    s += " " * t.col
                else:
                    s += " " * (t.col - last.col - last.width)
                s += t.text()
                last = t
            out.append(s)
        return out

    def to_text(self) -> str:
        return "\n".join(self.to_lines())

    # ------------------------------------------------------------------ substitution
    def _step(self, pos: tuple[int, int], incr: int) -> tuple[int, int] | None:
        ln, it = pos
        for _ in range(incr):
            it += 1
            if it >= len(self.lines[ln]):
                it = 0
                ln += 1
                while ln < len(self.lines) and not self.lines[ln]:
                    ln += 1
                if ln >= len(self.lines):
                    return None
        return (ln, it)

    def _at(self, pos: tuple[int, int]) -> Tok:
        return self.lines[pos[0]][pos[1]]

    def find_next_instance(self, ident: str, start: tuple[int, int] | None):
        """Coordinates of the next token at or after ``start`` that is the identifier
        ``ident`` (not a record field name), or None."""
        if self.is_empty():
            return None
        pos = start if start is not None and self.lines[start[0]] else (
            None if start is None else self._first_from(start[0]))
        while pos is not None:
            tok = self._at(pos)
            if tok.kind == STRING:
                pos = self._step(pos, 1)
            elif tok.string == ".":
                pos = self._step(pos, 2)
            elif tok.string in ("[", ","):
                two = self._step(pos, 2)
                if two is not None and self._at(two).kind != STRING and self._at(two).string in (":", "|->", "↦"):
                    pos = self._step(pos, 3)
                elif tok.string == ident:
                    return pos
                else:
                    pos = self._step(pos, 1)
            elif tok.string == ident:
                return pos
            else:
                pos = self._step(pos, 1)
        return None

    def _first_from(self, ln: int):
        while ln < len(self.lines) and not self.lines[ln]:
            ln += 1
        return (ln, 0) if ln < len(self.lines) else None

    def substitute_at(self, expr: "Expr", pos: tuple[int, int], par: bool):
        """Replace the token at ``pos`` by ``expr`` (in parentheses when ``par`` and
        ``expr`` has several tokens); return the position just past the insertion."""
        tok = self._at(pos)
        if self.is_one_token():
            c = expr.clone()
            self.lines, self.anchor_toks, self.anchor_cols = c.lines, c.anchor_toks, c.anchor_cols
            return None
        ln_no, it = pos
        tok_line = self.lines[ln_no]
        spaces = 0
        if it + 1 < len(tok_line):
            spaces = tok_line[it + 1].col - (tok.col + tok.width)
        rest = tok_line[it + 1:]
        del tok_line[it + 1:]
        cur = ln_no
        line = self.lines[cur]
        if expr.is_one_token():
            et = expr.first_token()
            tok.string, tok.kind = et.string, et.kind
        else:
            indent = (1 if par else 0) + tok.col
            do_insert = True
            if par:
                tok.string, tok.kind = "(", BUILTIN
                do_insert = False
            new = expr.clone()
            for i, eline in enumerate(new.lines):
                for nt in eline:
                    nt.col += indent
                    if do_insert:
                        tok.string, tok.kind = nt.string, nt.kind
                        do_insert = False
                    else:
                        line.append(nt)
                if i + 1 < len(new.lines):
                    indent = 0
                    cur += 1
                    self.lines.insert(cur, [])
                    line = self.lines[cur]
                    self.anchor_toks.insert(cur, new.anchor_toks[i + 1])
                    self.anchor_cols.insert(cur, new.anchor_cols[i + 1])
            if par:
                last = line[-1]
                line.append(Tok(")", last.col + last.width, BUILTIN))
        result = (cur, len(line) - 1)
        if rest:
            prev = line[-1]
            shift = prev.col + prev.width + spaces - rest[0].col
            for t in rest:
                t.col += shift
                line.append(t)
        self.renormalize()
        return self._step(result, 1)

    def substitute_all(self, exprs: list["Expr"], names: list[str], par: bool = True) -> None:
        """Simultaneously substitute each ``exprs[i]`` for identifier ``names[i]``."""
        nxt = [self.find_next_instance(n, (0, 0)) for n in names]
        while True:
            best = None
            for i, p in enumerate(nxt):
                if p is not None and (best is None or p < nxt[best]):
                    best = i
            if best is None:
                return
            pos = nxt[best]
            after = self._step(pos, 1)
            new_pos = self.substitute_at(exprs[best], pos, par)
            nxt[best] = None if new_pos is None else self.find_next_instance(names[best], new_pos)
            for i in range(len(nxt)):
                if i == best or nxt[i] is None:
                    continue
                if new_pos is None:
                    nxt[i] = None
                    continue
                a1, a2 = after if after is not None else (new_pos[0], 0)
                if a1 == new_pos[0]:
                    if nxt[i][0] == pos[0]:
                        nxt[i] = (nxt[i][0], nxt[i][1] + new_pos[1] - a2)
                else:
                    if nxt[i][0] == pos[0]:
                        nxt[i] = (nxt[i][0] + new_pos[0] - a1, nxt[i][1] + new_pos[1] - a2)
                    else:
                        nxt[i] = (nxt[i][0] + new_pos[0] - a1, nxt[i][1])

    def prepend(self, other: "Expr", spaces: int) -> None:
        """Put ``other`` in front of this expression, ``spaces`` blanks before it."""
        n = len(other.lines)
        for i in range(n - 1):
            self.lines.insert(i, other.lines[i])
        eline = other.lines[n - 1]
        this_line = self.lines[n - 1]
        last = eline[-1]
        incr = last.col + last.width + spaces
        for t in this_line:
            t.col += incr
        this_line[0:0] = eline
        toks = list(other.anchor_toks[:n]) + self.anchor_toks[1:]
        cols = list(other.anchor_cols[:n]) + self.anchor_cols[1:]
        self.anchor_toks, self.anchor_cols = toks, cols
        self.renormalize()

    def add_token_offset(self, tok: Tok, offset: int) -> None:
        last_line = self.lines[-1]
        col = offset
        if last_line:
            lt = last_line[-1]
            col += lt.col + len(lt.string)
        tok.col = col
        last_line.append(tok)


def self_expr() -> Expr:
    """The expression ``self``."""
    e = Expr([[Tok("self", 0, IDENT)]])
    e.normalize()
    return e


def sub_expr(sub: Expr | None) -> Expr | None:
    """``[sub]``: the subscript appended to process-local variables."""
    if sub is None:
        return None
    e = sub.clone()
    for ln in e.lines:
        for t in ln:
            t.col += 1
    e.lines[0].insert(0, Tok("[", 0, BUILTIN))
    e.add_token_offset(Tok("]", 0, BUILTIN), 0)
    return e
