"""Bulleted conjunction/disjunction lists: a token filter between the lexer and the grammar.

Takes the lexer's token stream; gives the same stream with layout made explicit:

* a ``/\\`` or ``\\/`` that starts a list becomes ``JAND`` / ``JOR``, a further bullet of the
  list (same kind, same column) becomes ``JSEP``, and ``JEND`` is inserted where the list ends;
  every other ``/\\`` and ``\\/`` stays an infix ``AND`` / ``OR``;
* ``[]`` after an operand becomes ``CASESEP`` (the arm separator of CASE; otherwise it is the
  prefix "always" operator);
* a proof step number that begins a step becomes ``STEPDEF`` (``<1>2.``, ``<+>``; ``<1>2``
  without a dot only when it begins a line and is not in a list of facts).

SANY's rules, as implemented here:

1. A bullet begins a list when an expression may begin at that point, i.e. the previous token
   does not end an operand (``x == /\\ a``, ``(/\\ a``, ``THEN \\/ b``); after an operand it is
   infix (``a /\\ b``, and ``/\\ a /\\ b`` on one line is a one-item list of ``a /\\ b``).
2. A token at or left of the column of the innermost open list ends that list, except a bullet
   of the same kind exactly at the column, which starts the next item. Either way, what the
   item opened ends with it: ``[/\\ CASE a -> b`` then ``/\\ c -> S]`` on the next line, whose
   ``->`` is the function set's, not the CASE's.
3. A delimiter that belongs to a bracket opened before the list began ends the list: closing
   ``) ] } >>``, the ``,`` of the enclosing bracket, ``THEN``/``ELSE`` of an enclosing IF,
   ``IN`` and ``==`` of an enclosing LET, ``->``/``[]`` of an enclosing CASE, the ``:`` of an
   enclosing set or record-set bracket. Quantifiers, CHOOSE and LAMBDA count as brackets closed
   by their ``:``, so ``/\\ \\E x, y : P`` keeps its comma.
4. A bullet alone as an argument (``F(/\\, x)``, ``G(a, \\/)``) is the operator itself.
5. The start of a new unit (``==`` at module level, ``----``, ``====``, declarations, theorems,
   proof steps and proof keywords) ends every open list.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from tla.parser.lexer import Token

__all__ = ["junction_filter", "OPERAND_END"]

#: token types after which an operand has just ended
OPERAND_END = frozenset({
    "IDENT", "NUMBER", "DECIMAL", "STR", "TRUE", "FALSE", "BOOLEAN", "STRING", "RPAREN",
    "RBRACK", "RBRACE", "RANGLE", "PRIME", "POSTFIX", "AT", "JEND", "STEP", "UNDERSCORE",
})

_OPENERS = {"LPAREN", "LBRACK", "LBRACE", "LANGLE", "IF", "CASE", "LET",
            "FORALL", "EXISTS", "TFORALL", "TEXISTS", "CHOOSE", "LAMBDA"}
_BINDERS = {"FORALL", "EXISTS", "TFORALL", "TEXISTS", "CHOOSE", "LAMBDA"}
_CLOSERS = {"RPAREN": ("LPAREN",), "RBRACK": ("LBRACK",), "RBRACK_": ("LBRACK",),
            "RBRACE": ("LBRACE",), "RANGLE": ("LANGLE",), "RANGLE_": ("LANGLE",),
            "IN": ("LET",), "ELSE": ("IF",)}
_MIDDLES = {"THEN": ("IF",), "ARROW": ("CASE", "LBRACK"), "CASESEP": ("CASE",),
            "MAPSTO": ("LBRACK",), "EXCEPT": ("LBRACK",)}
_RESETS = {"SEP", "END", "VARIABLE", "VARIABLES", "CONSTANT", "CONSTANTS", "THEOREM",
           "LEMMA", "COROLLARY", "PROPOSITION", "AXIOM", "ASSUME", "ASSUMPTION", "LOCAL",
           "EXTENDS",
           "USE", "HIDE", "STEPDEF", "BY", "PROOF", "OBVIOUS", "OMITTED", "DEF", "DEFS",
           "PROVE", "MODULE"}
_SELECTORS = {"COLON", "LANGLE", "RANGLE", "AT", "NUMBER"}
_FACT_LIST = {"COMMA", "BY", "DEF", "DEFS", "USE", "HIDE", "ONLY"}


def _ends_operand(tok) -> bool:
    return tok.type in OPERAND_END or getattr(tok, "selector", False)


def _virtual(kind: str, at, end_of=None) -> Token:
    """A virtual token placed at ``at`` (or, for JEND, on the last character of ``end_of``)."""
    t = Token()
    t.type, t.value = kind, kind
    t.file = (end_of if end_of is not None else at).file
    if end_of is not None:
        t.lexpos = t.endlexpos = end_of.endlexpos
        t.lineno = t.endlineno = end_of.endlineno
        t.col = t.endcol = end_of.endcol
        t.image = ""
    else:
        t.lexpos, t.endlexpos = at.lexpos, at.endlexpos
        t.lineno, t.endlineno = at.lineno, at.endlineno
        t.col, t.endcol = at.col, at.endcol
        t.image = at.image
    return t


class _State:
    def __init__(self) -> None:
        self.lists: list[tuple[str, int, int]] = []   # (bullet type, column, bracket height)
        self.brackets: list[str] = []
        self.prev = None
        self.out: list = []

    def close_from(self, height: int) -> None:
        """End every open list begun at bracket height >= ``height``."""
        while self.lists and self.lists[-1][2] >= height:
            self.lists.pop()
            self.emit_end()

    def emit_end(self) -> None:
        end = _virtual("JEND", None, self.prev)
        self.out.append(end)
        self.prev = end

    def owner(self, kinds: tuple[str, ...] | None) -> int | None:
        """Index of the innermost open bracket of one of ``kinds`` (None: the top one)."""
        if kinds is None:
            return len(self.brackets) - 1
        for i in range(len(self.brackets) - 1, -1, -1):
            if self.brackets[i] in kinds:
                return i
        return None

    def reset(self) -> None:
        self.close_from(0)
        self.brackets.clear()


def _with_next(tokens: Iterable) -> Iterator[tuple]:
    """Each token with the one after it (None after the last)."""
    it = iter(tokens)
    current = next(it, None)
    for following in it:
        yield current, following
        current = following
    if current is not None:
        yield current, None


def junction_filter(tokens: Iterable) -> Iterator:
    """Insert the layout tokens described in the module docstring."""
    st = _State()
    for tok, following in _with_next(tokens):
        t = tok.type
        prev = st.prev
        new_line = prev is None or tok.lineno > prev.endlineno
        if t == "BOX" and prev is not None and _ends_operand(prev):
            tok.type = t = "CASESEP"
        elif t == "STEP" and (tok.image.endswith(".") or tok.image[1] in "*+"
                              or prev is None or prev.type == "PROOF"
                              or (new_line and prev.type not in _FACT_LIST)):
            tok.type = t = "STEPDEF"

        if prev is not None and prev.type == "BANG" and t in _SELECTORS:
            # a structural selector (I!:, I!<<, I!1) is part of an operand, not a delimiter
            tok.selector = True
            st.out.append(tok)
            st.prev = tok
            yield from st.out
            st.out.clear()
            continue
        if t in _RESETS:
            st.reset()
        # rule 2: the column of open lists
        is_bullet = t in ("AND", "OR")
        while st.lists and tok.col <= st.lists[-1][1]:
            kind, col, height = st.lists[-1]
            # what the list's last item opened and left open (a CASE) ends with it
            del st.brackets[height:]
            if is_bullet and tok.col == col and t == kind and new_line:
                break
            st.lists.pop()
            st.emit_end()
        # rule 3: delimiters of enclosing brackets
        if t in _CLOSERS:
            k = st.owner(_CLOSERS[t])
            if k is not None:
                st.close_from(k + 1)
                del st.brackets[k:]
        elif t == "COLON":
            k = st.owner(None)
            if k >= 0 and st.brackets[k] in _BINDERS:
                st.close_from(k + 1)
                del st.brackets[k:]
            else:
                st.close_from(k + 1)
        elif t == "COMMA":
            st.close_from(len(st.brackets))
        elif t in _MIDDLES:
            k = st.owner(_MIDDLES[t])
            if k is not None:
                st.close_from(k + 1)
                del st.brackets[k + 1:]
        elif t == "DEFEQ":
            k = st.owner(("LET",))
            if k is None:
                st.reset()
            else:
                st.close_from(k + 1)
                del st.brackets[k + 1:]
        # rule 1: bullets
        if is_bullet:
            top = st.lists[-1] if st.lists else None
            if top is not None and top[1] == tok.col and top[0] == t and new_line:
                tok = _virtual("JSEP", tok)
            elif (following is not None and following.type in ("COMMA", "RPAREN")
                  and st.prev is not None and st.prev.type in ("LPAREN", "COMMA")):
                pass    # an operator argument: F(/\, x)
            elif st.prev is None or not _ends_operand(st.prev):
                st.lists.append((t, tok.col, len(st.brackets)))
                tok = _virtual("JAND" if t == "AND" else "JOR", tok)
        elif t in _OPENERS:
            st.brackets.append(t)
        st.out.append(tok)
        st.prev = tok
        yield from st.out
        st.out.clear()
    st.reset()
    yield from st.out
