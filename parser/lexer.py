"""The TLA+ lexer (ply.lex): module text in, positioned tokens out.

Takes the text of a ``.tla`` file; gives :class:`Token` objects (ply tokens) whose ``type`` is one
of :data:`tokens`, whose ``value`` is the image (canonical operator name for operators, the
decoded contents for strings, the integer for numbers) and which also carry their positions
(``lineno``, ``col``, ``endlineno``, ``endcol``, ``endlexpos``; ``span`` as a
:class:`tla.errors.Span`) and ``image`` (the source text).

TLA+ lexical rules implemented here (SANY's):

* text before the first ``---- MODULE`` line is skipped, and so is everything after the
  ``====`` that closes that module (nested modules count their own ``MODULE``/``====``);
* ``(* ... *)`` comments nest; ``\\*`` comments run to the end of the line;
* numbers: ``42``, ``\\b101``, ``\\o17``, ``\\hFF`` (and ``\\B \\O \\H``), decimals ``3.14``;
* an identifier is letters, digits and ``_`` with at least one letter; ``WF_`` and ``SF_``
  are tokens of their own even when glued to the subscript (``WF_vars``);
* operators are matched longest first, in ASCII or Unicode spelling (table in
  :mod:`tla.parser.operators`, plus Unicode punctuation such as ``≜ ⟨ ⟩ ↦ → ∷`` and
  ``ℕ ℤ ℝ`` for ``Nat Int Real``); ``\\word`` operators are looked up whole;
* proof step numbers ``<1>2.``, ``<1>.``, ``<*>``, ``<+>`` and references ``<1>2``.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

import ply.lex as lex

from tla.errors import LexError, Span
from tla.parser.operators import INFIX, POSTFIX, SPELLINGS

__all__ = ["tokens", "KEYWORDS", "Token", "tokenize", "token_images", "LineIndex"]

KEYWORDS = frozenset("""
    ASSUME ASSUMPTION AXIOM BOOLEAN CASE CHOOSE CONSTANT CONSTANTS ELSE EXCEPT EXTENDS
    FALSE IF IN INSTANCE LET LOCAL MODULE OTHER STRING THEN THEOREM TRUE VARIABLE VARIABLES
    WITH LAMBDA RECURSIVE ENABLED UNCHANGED SUBSET UNION DOMAIN
    ACTION BY COROLLARY DEF DEFINE DEFS HAVE HIDE LEMMA NEW OBVIOUS OMITTED ONLY PICK PROOF
    PROPOSITION PROVE QED STATE SUFFICES TAKE TEMPORAL USE WITNESS
""".split())

# canonical operator name -> token type, for operators the grammar must tell apart
_SPECIAL_OPS = {
    "/\\": "AND", "\\/": "OR", "=": "EQ", "\\in": "ELEM", "-": "MINUS", "~": "NOT",
    "[]": "BOX", "<>": "DIAMOND", "-.": "DASHDOT", "'": "PRIME",
}

# punctuation that is not an operator
_PUNCT = {
    "(": "LPAREN", ")": "RPAREN", "[": "LBRACK", "]": "RBRACK", "]_": "RBRACK_",
    "{": "LBRACE", "}": "RBRACE", "<<": "LANGLE", ">>": "RANGLE", ">>_": "RANGLE_",
    ",": "COMMA", ":": "COLON", "::": "COLONCOLON", ".": "DOT", "!": "BANG", "@": "AT",
    "|->": "MAPSTO", "->": "ARROW", "<-": "LARROW", "==": "DEFEQ", "_": "UNDERSCORE",
    "⟨": "LANGLE", "⟩": "RANGLE", "⟩_": "RANGLE_", "↦": "MAPSTO", "→": "ARROW",
    "←": "LARROW", "≜": "DEFEQ", "∷": "COLONCOLON",
}

# quantifier symbols
_QUANT = {"\\A": "FORALL", "\\E": "EXISTS", "\\AA": "TFORALL", "\\EE": "TEXISTS",
          "\\forall": "FORALL", "\\exists": "EXISTS",
          "∀": "FORALL", "∃": "EXISTS", "∀∀": "TFORALL", "∃∃": "TEXISTS"}

tokens = tuple(sorted(set(KEYWORDS) | set(_SPECIAL_OPS.values()) | set(_PUNCT.values())
                      | set(_QUANT.values()) | {
    "IDENT", "NUMBER", "DECIMAL", "STR", "INFIX", "POSTFIX", "WF", "SF", "STEP",
    "SEP", "END",
    # virtual tokens made by tla.parser.junctions
    "JAND", "JOR", "JSEP", "JEND", "CASESEP", "STEPDEF",
    # virtual tokens made by tla.parser (end of input, "parse one expression")
    "EOF", "EXPRMODE",
}))


def _op_type(name: str) -> str:
    if name in _SPECIAL_OPS:
        return _SPECIAL_OPS[name]
    if name in INFIX:
        return "INFIX"
    if name in POSTFIX:
        return "POSTFIX"
    raise KeyError(name)


_SYMBOLS: dict[str, tuple[str, str]] = {}
for _spelling, _name in SPELLINGS.items():
    if not re.fullmatch(r"\\[A-Za-z]+", _spelling):
        _SYMBOLS[_spelling] = (_op_type(_name), _name)
for _spelling, _type in _PUNCT.items():
    _SYMBOLS[_spelling] = (_type, _spelling if _spelling.isascii() else
                           {"LANGLE": "<<", "RANGLE": ">>", "RANGLE_": ">>_", "MAPSTO": "|->",
                            "ARROW": "->", "LARROW": "<-", "DEFEQ": "==",
                            "COLONCOLON": "::"}[_type])
for _spelling, _type in _QUANT.items():
    if not _spelling.startswith("\\"):
        _SYMBOLS[_spelling] = (_type, {"FORALL": "\\A", "EXISTS": "\\E", "TFORALL": "\\AA",
                                       "TEXISTS": "\\EE"}[_type])
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))

_BACKSLASH_WORDS: dict[str, tuple[str, str]] = {
    s: (_op_type(n), n) for s, n in SPELLINGS.items() if re.fullmatch(r"\\[A-Za-z]+", s)}
_BACKSLASH_WORDS.update({s: (t, {"\\forall": "\\A", "\\exists": "\\E"}.get(s, s))
                         for s, t in _QUANT.items() if s.startswith("\\")})

# the standard number sets written as single letters
_SET_LETTERS = {"ℕ": "Nat", "ℤ": "Int", "ℝ": "Real"}

_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "f": "\f"}


class _Rules:
    """The ply.lex rule set. Function rules are tried in this order, before string rules."""

    tokens = tokens
    t_ignore = " \t\r\f"

    def t_newline(self, t):
        r"\n+"

    def t_COMMENT(self, t):
        r"\(\*"
        text = t.lexer.lexdata
        depth, pos = 1, t.lexpos + 2
        while depth:
            m = _COMMENT_SCAN.search(text, pos)
            if m is None:
                raise LexError("Unterminated comment", t.lexer.span_at(t.lexpos, t.lexpos + 1))
            depth += 1 if m.group() == "(*" else -1
            pos = m.end()
        t.lexer.lexpos = pos

    def t_LINECOMMENT(self, t):
        r"\\\*[^\n]*"

    def t_END(self, t):
        r"={4,}"
        return t

    def t_SEP(self, t):
        r"-{4,}"
        return t

    def t_STEP(self, t):
        r"<(?:[0-9]+|\*|\+)>[A-Za-z0-9_]*\.*"
        return t

    def t_NUMBER_BASE(self, t):
        r"\\(?:[bB][01]+|[oO][0-7]+|[hH][0-9a-fA-F]+)(?![A-Za-z0-9_])"
        base = {"b": 2, "o": 8, "h": 16}[t.value[1].lower()]
        t.type, t.value = "NUMBER", int(t.value[2:], base)
        return t

    def t_BACKSLASH_WORD(self, t):
        r"\\[A-Za-z]+"
        entry = _BACKSLASH_WORDS.get(t.value)
        if entry is None:
            raise LexError(f"Unknown operator {t.value}",
                           t.lexer.span_at(t.lexpos, t.lexpos + len(t.value) - 1))
        t.image = t.value
        t.type, t.value = entry
        return t

    def t_FAIRNESS(self, t):
        r"(?:WF|SF)_(?=[A-Za-z0-9_(<⟨])"
        t.type = t.value[:2]
        return t

    def t_IDENT(self, t):
        r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*"
        if t.value in KEYWORDS:
            t.type = t.value
        return t

    def t_SET_LETTER(self, t):
        r"[ℕℤℝ]"
        t.image = t.value
        t.type, t.value = "IDENT", _SET_LETTERS[t.value]
        return t

    def t_DECIMAL(self, t):
        r"[0-9]+\.[0-9]+"
        return t

    def t_NUMBER(self, t):
        r"[0-9]+"
        t.value = int(t.value)
        return t

    def t_STR(self, t):
        r'"(?:[^"\\\n]|\\.)*"'
        t.image = t.value
        t.value = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)),
                         t.value[1:-1])
        return t

    @lex.TOKEN(_SYMBOL_RE)
    def t_SYMBOL(self, t):
        t.image = t.value
        t.type, t.value = _SYMBOLS[t.value]
        return t

    def t_error(self, t):
        ch = t.value[0]
        what = "Unterminated string" if ch == '"' else f"Illegal character {ch!r}"
        raise LexError(what, t.lexer.span_at(t.lexpos, t.lexpos))


_COMMENT_SCAN = re.compile(r"\(\*|\*\)")
_MODULE_START = re.compile(r"-{4,}[ \t]*MODULE\b")


class LineIndex:
    """Offsets -> (line, column), both 1-based. A tab advances the column to the next tab
    stop of width 8, as in SANY's character stream, so bullet columns and reported positions
    agree with SANY when a spec indents with tabs."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tab_lines = {bisect.bisect_right(self.starts, m.start())
                          for m in re.finditer("\t", text)}

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        start = self.starts[line - 1]
        if line not in self.tab_lines:
            return line, offset - start + 1
        col = 0
        for ch in self.text[start:offset]:
            col = col + 8 - col % 8 if ch == "\t" else col + 1
        return line, col + 1


_master = None


def _master_lexer():
    global _master
    if _master is None:
        rules = _Rules()
        _master = lex.lex(module=rules, optimize=False, debug=False, reflags=re.UNICODE)
    return _master


class _Lexer:
    """Wraps a cloned ply lexer with the position bookkeeping of one text."""

    def __init__(self, text: str, file: str):
        self.lex = _master_lexer().clone()
        self.text = text
        self.file = file
        self.lines = LineIndex(text)
        self.lex.span_at = self.span_at

    def span_at(self, start: int, end: int) -> Span:
        line, col = self.lines.position(start)
        eline, ecol = self.lines.position(max(end, start))
        return Span(self.file, line, col, eline, ecol)


class Token(lex.LexToken):
    """A ply token with positions: ``lineno``/``col`` (start), ``endlineno``/``endcol`` and
    ``endlexpos`` (last character), ``image`` (source text) and, on demand, ``span``."""

    @property
    def span(self) -> Span:
        return Span(self.file, self.lineno, self.col, self.endlineno, self.endcol)


def tokenize(text: str, file: str = "<string>", *, whole: bool = False) -> Iterator[Token]:
    """The tokens of the first module in ``text`` (of all of ``text`` with ``whole``, used
    for single expressions). Raises :class:`LexError`."""
    lx = _Lexer(text, file)
    start = 0
    if not whole:
        m = _MODULE_START.search(text)
        if m is None:
            raise LexError("No module header '---- MODULE Name ----' found",
                           Span(file, 1, 1, 1, 1))
        start = m.start()
    plex = lx.lex
    plex.input(text)
    plex.lexpos = start
    lines = lx.lines
    starts, tab_lines = lines.starts, lines.tab_lines
    nlines = len(starts)
    line = 1    # lines are tracked incrementally: tokens come in order
    depth = 0
    prev = None
    while True:
        tok = plex.token()
        if tok is None:
            return
        image = getattr(tok, "image", None)
        if image is None:
            image = tok.image = text[tok.lexpos:plex.lexpos]
        pos = tok.lexpos
        end = pos + len(image) - 1
        while line < nlines and starts[line] <= pos:
            line += 1
        eline = line
        while eline < nlines and starts[eline] <= end:
            eline += 1
        if line in tab_lines or eline in tab_lines:
            _, col = lines.position(pos)
            _, ecol = lines.position(end)
        else:
            col = pos - starts[line - 1] + 1
            ecol = end - starts[eline - 1] + 1
        tok.__class__ = Token
        tok.lineno, tok.col, tok.endlineno, tok.endcol = line, col, eline, ecol
        tok.endlexpos = end
        tok.file = file
        if not whole:
            if tok.type == "MODULE" and prev is not None and prev.type == "SEP":
                depth += 1
            elif tok.type == "END":
                depth -= 1
        yield tok
        prev = tok
        if not whole and depth == 0 and tok.type == "END":
            return


def token_images(text: str) -> list[tuple[str, str]]:
    """``(kind, image)`` for each identifier, keyword, operator and string literal of the
    first module of ``text``, in lexical order. ``kind`` is ``"ident"``, ``"keyword"``,
    ``"op"`` or ``"string"``; the image is the source spelling (for strings: the decoded
    contents). Used to reproduce the order in which SANY interns strings."""
    out: list[tuple[str, str]] = []
    for tok in tokenize(text):
        t = tok.type
        if t == "IDENT":
            out.append(("ident", tok.value))
        elif t == "STR":
            out.append(("string", tok.value))
        elif t in KEYWORDS:
            out.append(("keyword", tok.value))
        elif t in ("NUMBER", "DECIMAL", "STEP", "SEP", "END"):
            continue
        elif t in ("WF", "SF"):
            out.append(("keyword", t + "_"))
        else:
            out.append(("op", tok.image))
    return out
