"""The abstract syntax tree of TLA+ modules: immutable nodes with source spans.

The parser (``tla.parser.grammar``) builds these; everything after it (semantic checks, the
evaluator, the linter, the printer) reads them. Nodes are immutable records with slots
(:func:`tla.records.record`, dataclass-compatible and cheaper to define), so
they are hashable, cheap, and cannot be changed behind a pass's back. Every node has a
``span`` (:class:`tla.errors.Span`); it is excluded from equality so that two parses of the
same text printed differently compare equal (the round-trip property of the parser tests).

Operator applications are uniform. ``a + b``, ``x \\in S``, ``~p``, ``x'``, ``[]P``,
``DOMAIN f``, ``Len(s)`` and ``Foo`` (a reference to a definition, constant, variable or bound
name) are all :class:`OpApp` with the operator's *canonical name* (see ``OPERATOR_NAMES`` in
``tla.parser.operators``: ASCII spelling, e.g. ``\\in`` for ``∈``, ``=<`` for ``<=``/``≤``) and
the argument tuple. This matches SANY, where the standard modules *define* ``+`` and friends
and TLC overrides them: name resolution, not the parser, decides what an operator means.

Binders: ``\\E x, y \\in S, <<a, b>> \\in T : P`` has three :class:`Bound` items:
``Bound(("x", "y"), False, S)``, and ``Bound(("a", "b"), True, T)`` for the tuple pattern.
An unbounded ``\\E x, y : P`` has ``Bound(("x", "y"), False, None)``.
"""
from __future__ import annotations

from typing import Optional, Union

from tla.errors import Span
from tla.records import field, record


def _span() -> Span:
    return field(default=None, compare=False, repr=False)  # type: ignore[return-value]


# --------------------------------------------------------------------------------------
# Expressions
# --------------------------------------------------------------------------------------

class Expr:
    """Base class of expression nodes."""
    __slots__ = ()


@record
class Num(Expr):
    """An integer literal (``42``, ``\\b101``, ``\\o17``, ``\\hFF``)."""
    value: int
    span: Span = _span()


@record
class Decimal(Expr):
    """A decimal literal ``3.14`` (Reals); kept as its text."""
    text: str
    span: Span = _span()


@record
class Str(Expr):
    """A string literal, escapes already decoded."""
    value: str
    span: Span = _span()


@record
class Bool(Expr):
    """``TRUE`` or ``FALSE``."""
    value: bool
    span: Span = _span()


@record
class OpApp(Expr):
    """Application of an operator, built-in or user-defined, to arguments.

    ``name`` is an identifier or an operator's canonical symbol; ``args`` may be empty (a plain
    name reference). Arguments that are operators (for higher-order parameters) appear as
    :class:`OpArg` or :class:`Lambda`.
    """
    name: str
    args: tuple[Expr, ...] = ()
    span: Span = _span()


@record
class OpArg(Expr):
    """An operator passed by name as an argument to a higher-order operator: ``F(+, Op)``
    passes ``OpArg("+")`` and ``OpArg("Op")`` when ``F``'s parameter has arity > 0. The parser
    cannot tell a bare name argument from a value reference, so it produces ``OpApp(name)``
    for identifiers and ``OpArg`` only for operator symbols; resolution decides the rest."""
    name: str
    span: Span = _span()


@record
class Qualified(Expr):
    """An instance-qualified reference ``I!Op``, ``I(x)!Op(y)!Sub(z)``, ``I!+(a, b)``.

    ``path`` lists the steps, each ``(name, args)``; the last step is the operator used.
    """
    path: tuple[tuple[str, tuple[Expr, ...]], ...]
    span: Span = _span()


@record
class Bound:
    """One binder group: ``x, y \\in S`` (``tuple_pattern`` False), ``<<a, b>> \\in S``
    (``tuple_pattern`` True, names are the tuple's components), or unbounded ``x, y``
    (``domain`` None)."""
    names: tuple[str, ...]
    tuple_pattern: bool
    domain: Optional[Expr]
    span: Span = _span()


@record
class Quant(Expr):
    """``\\A``/``\\E`` (``kind`` is ``"\\A"`` or ``"\\E"``) over binders."""
    kind: str
    bounds: tuple[Bound, ...]
    body: Expr
    span: Span = _span()


@record
class TemporalQuant(Expr):
    """``\\AA x : F`` / ``\\EE x : F`` (``kind`` ``"\\AA"`` or ``"\\EE"``)."""
    kind: str
    names: tuple[str, ...]
    body: Expr
    span: Span = _span()


@record
class Choose(Expr):
    """``CHOOSE x \\in S : P``, ``CHOOSE <<a, b>> \\in S : P``, or unbounded ``CHOOSE x : P``."""
    bound: Bound
    body: Expr
    span: Span = _span()


@record
class SetEnum(Expr):
    """``{a, b, c}``; ``{}`` has no elements."""
    elems: tuple[Expr, ...]
    span: Span = _span()


@record
class SetFilter(Expr):
    """``{x \\in S : P}`` or ``{<<a, b>> \\in S : P}``."""
    bound: Bound
    pred: Expr
    span: Span = _span()


@record
class SetMap(Expr):
    """``{e : x \\in S, y \\in T}``."""
    expr: Expr
    bounds: tuple[Bound, ...]
    span: Span = _span()


@record
class Tuple(Expr):
    """``<<a, b>>``; ``<<>>`` has no elements."""
    elems: tuple[Expr, ...]
    span: Span = _span()


@record
class Record(Expr):
    """``[a |-> 1, b |-> 2]``; fields in source order."""
    fields: tuple[tuple[str, Expr], ...]
    span: Span = _span()


@record
class RecordSet(Expr):
    """``[a : S, b : T]``."""
    fields: tuple[tuple[str, Expr], ...]
    span: Span = _span()


@record
class FieldAccess(Expr):
    """``r.f``."""
    record: Expr
    field: str
    span: Span = _span()


@record
class FunCons(Expr):
    """``[x \\in S, y \\in T |-> e]``."""
    bounds: tuple[Bound, ...]
    body: Expr
    span: Span = _span()


@record
class FunSet(Expr):
    """``[S -> T]``."""
    domain: Expr
    range: Expr
    span: Span = _span()


@record
class FunApp(Expr):
    """``f[a]`` or ``f[a, b]`` (the latter applies ``f`` to the tuple ``<<a, b>>``)."""
    fn: Expr
    args: tuple[Expr, ...]
    span: Span = _span()


@record
class ExceptField:
    """A ``.name`` step of an EXCEPT path."""
    name: str


@record
class ExceptIndex:
    """A ``[e]`` or ``[e1, e2]`` step of an EXCEPT path."""
    args: tuple[Expr, ...]


ExceptStep = Union[ExceptField, ExceptIndex]


@record
class Except(Expr):
    """``[f EXCEPT ![i] = e, !.a[j] = @ + 1]``: each update is ``(path, value)``. ``@`` in a
    value is :class:`At`."""
    fn: Expr
    updates: tuple[tuple[tuple[ExceptStep, ...], Expr], ...]
    span: Span = _span()


@record
class At(Expr):
    """``@`` inside an EXCEPT value: the old value at the path."""
    span: Span = _span()


@record
class If(Expr):
    cond: Expr
    then: Expr
    else_: Expr
    span: Span = _span()


@record
class Case(Expr):
    """``CASE p1 -> e1 [] p2 -> e2 [] OTHER -> e``; ``other`` is None without OTHER."""
    arms: tuple[tuple[Expr, Expr], ...]
    other: Optional[Expr]
    span: Span = _span()


@record
class Let(Expr):
    """``LET defs IN body``; ``defs`` are :class:`OpDef`, :class:`FunDef`, :class:`Recursive`
    (and, rarely, :class:`InstanceDef`)."""
    defs: tuple["Unit", ...]
    body: Expr
    span: Span = _span()


@record
class Junction(Expr):
    """A bulleted conjunction or disjunction list (``kind`` ``"/\\"`` or ``"\\/"``). Infix
    ``a /\\ b`` is an :class:`OpApp` instead; both mean the same."""
    kind: str
    items: tuple[Expr, ...]
    span: Span = _span()


@record
class Lambda(Expr):
    """``LAMBDA x, y : e``."""
    params: tuple[str, ...]
    body: Expr
    span: Span = _span()


@record
class BoxAction(Expr):
    """``[A]_v``."""
    action: Expr
    sub: Expr
    span: Span = _span()


@record
class AngleAction(Expr):
    """``<<A>>_v``."""
    action: Expr
    sub: Expr
    span: Span = _span()


@record
class Fairness(Expr):
    """``WF_v(A)`` / ``SF_v(A)`` (``kind`` ``"WF"`` or ``"SF"``)."""
    kind: str
    sub: Expr
    action: Expr
    span: Span = _span()


@record
class Label(Expr):
    """``lbl:: e`` or ``lbl(x, y):: e``."""
    name: str
    params: tuple[str, ...]
    body: Expr
    span: Span = _span()


# --------------------------------------------------------------------------------------
# Module-level units
# --------------------------------------------------------------------------------------

class Unit:
    """Base class of the things a module (or a LET) is made of."""
    __slots__ = ()


@record
class Param:
    """A formal parameter of a definition: ``x`` (arity 0) or ``F(_, _)`` (arity 2)."""
    name: str
    arity: int = 0
    span: Span = _span()


@record
class OpDef(Unit):
    """``Op(x, F(_)) == body``; infix/prefix/postfix definitions (``a (+) b == ...``,
    ``-. a == ...``, ``a ^+ == ...``) use the operator's canonical name. ``-. a`` is named
    ``-.`` to tell it from binary ``-``."""
    name: str
    params: tuple[Param, ...]
    body: Expr
    local: bool = False
    span: Span = _span()


@record
class FunDef(Unit):
    """``f[x \\in S, y \\in T] == body``."""
    name: str
    bounds: tuple[Bound, ...]
    body: Expr
    local: bool = False
    span: Span = _span()


@record
class InstanceDef(Unit):
    """``INSTANCE M WITH a <- e`` (``name`` None) or ``I(x) == INSTANCE M WITH ...``.
    ``subs`` are ``(name, expr)`` pairs in source order; the name may be an operator symbol."""
    name: Optional[str]
    params: tuple[Param, ...]
    module: str
    subs: tuple[tuple[str, Expr], ...]
    local: bool = False
    span: Span = _span()


@record
class Constants(Unit):
    """``CONSTANTS N, F(_, _)``: each declared name with its arity."""
    decls: tuple[Param, ...]
    span: Span = _span()


@record
class Variables(Unit):
    """``VARIABLES x, y``."""
    names: tuple[str, ...]
    span: Span = _span()


@record
class Recursive(Unit):
    """``RECURSIVE F(_), G``: forward declarations."""
    decls: tuple[Param, ...]
    span: Span = _span()


@record
class Assume(Unit):
    """``ASSUME e`` / ``ASSUMPTION e`` / ``ASSUME Name == e``."""
    name: Optional[str]
    expr: Expr
    span: Span = _span()


@record
class Theorem(Unit):
    """``THEOREM``/``LEMMA``/``COROLLARY``/``PROPOSITION`` (``kind``), optionally named, with
    its statement (an :class:`Expr` or :class:`AssumeProve`) and its proof (None when the
    theorem has none). The checker ignores theorems; the linter resolves their names."""
    kind: str
    name: Optional[str]
    body: Union[Expr, "AssumeProve"]
    proof: Optional["Proof"]
    span: Span = _span()


@record
class Separator(Unit):
    """A ``----`` line inside a module (kept so the printer can round-trip layout-free)."""
    span: Span = _span()


@record
class Module(Unit):
    """``---- MODULE name ---- EXTENDS ... units ====``. Nested modules appear in ``units``."""
    name: str
    extends: tuple[str, ...]
    units: tuple[Unit, ...]
    span: Span = _span()


# --------------------------------------------------------------------------------------
# Proofs (parsed and kept; never evaluated)
# --------------------------------------------------------------------------------------

@record
class AssumeProve(Expr):
    """``ASSUME a, NEW x \\in S, ... PROVE e``. ``assumptions`` holds expressions,
    :class:`NewDecl` items, nested :class:`AssumeProve` and definitions."""
    assumptions: tuple[object, ...]
    goal: Expr
    span: Span = _span()


@record
class NewDecl:
    """``NEW x``, ``NEW x \\in S``, ``NEW CONSTANT x``, ``NEW VARIABLE x``, ``NEW F(_)``,
    ``NEW STATE x``, ``NEW ACTION x``, ``NEW TEMPORAL x``."""
    kind: str
    name: str
    arity: int
    domain: Optional[Expr]
    span: Span = _span()


@record
class UseOrHide(Unit):
    """``USE``/``HIDE`` (``kind``) ``facts`` ``DEF``/``DEFS`` ``defs``; ``only`` for ``USE ONLY``."""
    kind: str
    facts: tuple[Expr, ...]
    defs: tuple[str, ...]
    only: bool = False
    span: Span = _span()


@record
class ProofStep:
    """One step of a structured proof: ``<1>2. SUFFICES ...`` etc.

    ``level`` and ``label`` come from the step number (``<1>2.`` gives ``"1"``, ``"2"``;
    ``<1>.``/``<+>`` give label None); ``kind`` is the step's keyword (``""`` for a plain
    assertion, ``SUFFICES``, ``CASE``, ``PICK``, ``HAVE``, ``TAKE``, ``WITNESS``, ``QED``,
    ``DEFINE``, ``USE``, ``HIDE``, ``INSTANCE``); ``body`` its content (an expression, an
    :class:`AssumeProve`, a tuple of items, or None); ``proof`` its own proof."""
    level: str
    label: Optional[str]
    kind: str
    body: object
    proof: Optional["Proof"]
    span: Span = _span()


@record
class Proof:
    """A proof: ``kind`` is ``OBVIOUS``, ``OMITTED``, ``BY`` (with ``facts``, ``defs`` and
    ``only``) or ``STEPS`` (with ``steps``)."""
    kind: str
    facts: tuple[Expr, ...] = ()
    defs: tuple[str, ...] = ()
    only: bool = False
    steps: tuple[ProofStep, ...] = ()
    span: Span = _span()
