"""SANY's table of TLA+ operator symbols, as data.

Takes nothing; gives the table :data:`OPERATORS` (one :class:`OpInfo` per operator) and the
lookups built from it: :data:`SPELLINGS` (every ASCII or Unicode spelling -> canonical name)
and :data:`BY_NAME` (canonical name -> :class:`OpInfo`, split by fixity in :data:`INFIX`,
:data:`PREFIX`, :data:`POSTFIX`). The lexer, the precedence resolver and the printer are all
driven by it.

Precedences and associativity are SANY's (``tla2sany/configuration/ConfigConstants.java``,
divided by ten), not the "Summary of TLA" ones: for example ``SUBSET``/``UNION``/``DOMAIN``
are 10-13, ``%`` is non-associative, ``~`` is 4-4 and ``-.`` is 12-12.

Canonical names (what :class:`tla.parser.ast.OpApp` carries) are one ASCII spelling per
operator. Where TLA+ has several ASCII spellings, the canonical one is:

=================  ==========================================
canonical          also written
=================  ==========================================
``/\\``             ``\\land``, ``∧``
``\\/``             ``\\lor``, ``∨``
``~``              ``\\lnot``, ``\\neg``, ``¬``
``<=>``            ``\\equiv``, ``≡``, ``⇔``
``#``              ``/=``, ``≠``
``=<``             ``<=``, ``\\leq``, ``≤``
``>=``             ``\\geq``, ``≥``
``\\X``             ``\\times``, ``×``
``\\cap``           ``\\intersect``, ``∩``
``\\cup``           ``\\union``, ``∪``
``\\``              ``\\setminus``
``\\o``             ``\\circ``, ``∘``
``\\oplus``         ``(+)``, ``⊕`` (likewise ``\\ominus`` ``(-)``, ``\\odot`` ``(.)``,
                   ``\\oslash`` ``(/)``, ``\\otimes`` ``(\\X)``)
``-.``             unary minus (``-`` in prefix position)
=================  ==========================================
"""
from __future__ import annotations

from tla.records import record

__all__ = ["OpInfo", "OPERATORS", "SPELLINGS", "BY_NAME", "INFIX", "PREFIX", "POSTFIX",
           "canonical"]


@record
class OpInfo:
    """One operator: canonical ``name``, every ``spellings`` (canonical first), ``kind``
    (``"infix"``, ``"prefix"``, ``"postfix"``), the precedence range ``low``..``high`` and
    whether a chain ``a op b op c`` is allowed (left-associative)."""
    name: str
    spellings: tuple[str, ...]
    kind: str
    low: int
    high: int
    assoc: bool


def _op(kind: str, low: int, high: int, assoc: bool, *spellings: str) -> OpInfo:
    return OpInfo(spellings[0], spellings, kind, low, high, assoc)


_I, _P, _S = "infix", "prefix", "postfix"
L, N = True, False

OPERATORS: tuple[OpInfo, ...] = (
    # logic
    _op(_I, 3, 3, L, "/\\", "\\land", "∧"),
    _op(_I, 3, 3, L, "\\/", "\\lor", "∨"),
    _op(_P, 4, 4, N, "~", "\\lnot", "\\neg", "¬"),
    _op(_I, 1, 1, N, "=>", "⇒"),
    _op(_I, 2, 2, N, "<=>", "\\equiv", "≡", "⇔"),
    _op(_I, 2, 2, N, "~>", "↝"),
    _op(_I, 2, 2, N, "-+->", "⇸"),
    # relations (all 5-5, non-associative)
    _op(_I, 5, 5, N, "="),
    _op(_I, 5, 5, N, "#", "/=", "≠"),
    _op(_I, 5, 5, N, "<"),
    _op(_I, 5, 5, N, ">"),
    _op(_I, 5, 5, N, "=<", "<=", "\\leq", "≤"),
    _op(_I, 5, 5, N, ">=", "\\geq", "≥"),
    _op(_I, 5, 5, N, "\\in", "∈"),
    _op(_I, 5, 5, N, "\\notin", "∉"),
    _op(_I, 5, 5, N, "\\subseteq", "⊆"),
    _op(_I, 5, 5, N, "\\subset", "⊂"),
    _op(_I, 5, 5, N, "\\supseteq", "⊇"),
    _op(_I, 5, 5, N, "\\supset", "⊃"),
    _op(_I, 5, 5, N, "\\prec", "≺"),
    _op(_I, 5, 5, N, "\\succ", "≻"),
    _op(_I, 5, 5, N, "\\preceq", "⪯"),
    _op(_I, 5, 5, N, "\\succeq", "⪰"),
    _op(_I, 5, 5, N, "\\sim", "∼"),
    _op(_I, 5, 5, N, "\\simeq", "≃"),
    _op(_I, 5, 5, N, "\\ll", "≪"),
    _op(_I, 5, 5, N, "\\gg", "≫"),
    _op(_I, 5, 5, N, "\\asymp", "≍"),
    _op(_I, 5, 5, N, "\\approx", "≈"),
    _op(_I, 5, 5, N, "\\cong", "≅"),
    _op(_I, 5, 5, N, "\\sqsubset", "⊏"),
    _op(_I, 5, 5, N, "\\sqsubseteq", "⊑"),
    _op(_I, 5, 5, N, "\\sqsupset", "⊐"),
    _op(_I, 5, 5, N, "\\sqsupseteq", "⊒"),
    _op(_I, 5, 5, N, "\\doteq", "≐"),
    _op(_I, 5, 5, N, "\\propto", "∝"),
    _op(_I, 5, 5, N, "|-", "⊢"),
    _op(_I, 5, 5, N, "|=", "⊨"),
    _op(_I, 5, 5, N, "-|", "⊣"),
    _op(_I, 5, 5, N, "=|", "⫤"),
    _op(_I, 5, 5, N, ":=", "≔"),
    _op(_I, 5, 5, N, "::=", "⩴"),
    _op(_I, 5, 14, L, "\\cdot", "⋅"),
    # functions and sets
    _op(_I, 6, 6, L, "@@"),
    _op(_I, 7, 7, N, ":>"),
    _op(_I, 7, 7, N, "<:"),
    _op(_I, 8, 8, N, "\\", "\\setminus"),
    _op(_I, 8, 8, L, "\\cap", "\\intersect", "∩"),
    _op(_I, 8, 8, L, "\\cup", "\\union", "∪"),
    _op(_I, 9, 9, N, "..", "‥"),
    _op(_I, 9, 9, N, "...", "…"),
    _op(_I, 9, 13, L, "$$"),
    _op(_I, 9, 13, L, "$"),
    _op(_I, 9, 13, L, "??", "⁇"),
    _op(_I, 9, 13, L, "##"),
    _op(_I, 9, 13, N, "!!", "‼"),
    _op(_I, 9, 13, L, "\\uplus", "⊎"),
    _op(_I, 9, 13, L, "\\sqcap", "⊓"),
    _op(_I, 9, 13, L, "\\sqcup", "⊔"),
    _op(_I, 9, 14, N, "\\wr", "≀"),
    # arithmetic
    _op(_I, 10, 10, L, "+"),
    _op(_I, 10, 10, L, "++"),
    _op(_I, 10, 10, L, "\\oplus", "(+)", "⊕"),
    _op(_I, 10, 11, L, "|"),
    _op(_I, 10, 11, L, "||", "‖"),
    _op(_I, 10, 11, L, "%%"),
    _op(_I, 10, 11, N, "%"),
    _op(_I, 10, 13, L, "\\X", "\\times", "×"),
    _op(_I, 11, 11, L, "-"),
    _op(_I, 11, 11, L, "--"),
    _op(_I, 11, 11, L, "\\ominus", "(-)", "⊖"),
    _op(_P, 12, 12, N, "-."),
    _op(_I, 13, 13, L, "*"),
    _op(_I, 13, 13, N, "/"),
    _op(_I, 13, 13, L, "&&"),
    _op(_I, 13, 13, L, "&"),
    _op(_I, 13, 13, L, "**"),
    _op(_I, 13, 13, N, "//"),
    _op(_I, 13, 13, L, "\\odot", "(.)", "⊙"),
    _op(_I, 13, 13, N, "\\oslash", "(/)", "⊘"),
    _op(_I, 13, 13, L, "\\otimes", "(\\X)", "⊗"),
    _op(_I, 13, 13, N, "\\div", "÷"),
    _op(_I, 13, 13, L, "\\star", "⋆"),
    _op(_I, 13, 13, L, "\\o", "\\circ", "∘"),
    _op(_I, 13, 13, L, "\\bigcirc", "◯"),
    _op(_I, 13, 13, L, "\\bullet", "●"),
    _op(_I, 14, 14, N, "^"),
    _op(_I, 14, 14, N, "^^"),
    _op(_S, 15, 15, N, "'"),
    _op(_S, 15, 15, N, "^+", "⁺"),
    _op(_S, 15, 15, N, "^*"),
    _op(_S, 15, 15, N, "^#"),
    # prefix operators written as symbols or keywords
    _op(_P, 4, 15, N, "[]", "□"),
    _op(_P, 4, 15, N, "<>", "◇", "⋄"),
    _op(_P, 4, 15, N, "ENABLED"),
    _op(_P, 4, 15, N, "UNCHANGED"),
    _op(_P, 10, 13, N, "SUBSET"),
    _op(_P, 10, 13, N, "UNION"),
    _op(_P, 10, 13, N, "DOMAIN"),
)

#: canonical name -> OpInfo, one dict per fixity ("-" is in INFIX, "-." in PREFIX)
INFIX: dict[str, OpInfo] = {o.name: o for o in OPERATORS if o.kind == _I}
PREFIX: dict[str, OpInfo] = {o.name: o for o in OPERATORS if o.kind == _P}
POSTFIX: dict[str, OpInfo] = {o.name: o for o in OPERATORS if o.kind == _S}
BY_NAME: dict[str, OpInfo] = {**INFIX, **PREFIX, **POSTFIX}

#: every spelling of a symbolic operator -> its canonical name (keywords excluded)
SPELLINGS: dict[str, str] = {
    s: o.name for o in OPERATORS for s in o.spellings if not s.isalpha()}


def canonical(spelling: str) -> str:
    """The canonical name of an operator spelling (itself when it is not an operator)."""
    return SPELLINGS.get(spelling, spelling)
