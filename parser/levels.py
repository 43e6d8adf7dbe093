"""TLA+ expression levels, as SANY computes them (Specifying Systems, section 17.2).

Takes: nothing by itself; :mod:`tla.parser.semantic` feeds it while it resolves names.
Gives: the level constants, SANY's table of built-in operators (name, arity, level data),
the :class:`Level` value that the resolver computes for every expression, and the
:class:`DefLevel` summary of every definition, which the evaluator and checker may reuse to
classify a definition (constant / state function / action / temporal formula).

Levels: 0 constant, 1 state (contains unprimed variables), 2 action (primes), 3 temporal.

SANY's rules implemented (``tla2sany/semantic/BuiltInLevel.java``, ``OpApplNode.levelCheck``):

* Each built-in operator has an operator level, and per argument a maximum level and a
  weight; the level of an application is the maximum of the operator level and the levels
  of the arguments of weight 1 (``'`` has level 2 and ignores its argument; ``ENABLED`` has
  level 1; ``[]`` has level 3).
* A user definition ``F(p1, ..., pn) == e`` is summarised by a :class:`DefLevel`: the level
  of ``e`` with every parameter taken as a constant (``base``), which parameters the level
  of ``e`` depends on (``weights``), and the highest level each parameter may have
  (``max_args``, from the positions the parameter occurs in). ``F(a1, ..., an)`` then has
  level ``max(base, level(ai) for the ai of weight 1)``, and an argument above its maximum
  is SANY's "Level error in applying operator F".
* A definition inside another definition (LET) may depend on the parameters of the outer
  one; :class:`Level` therefore carries the set of parameters it depends on (``deps``).

Reuse (evaluator, checker)::

    from tla.parser.semantic import analyze_tree
    analysis = analyze_tree(tree)                     # tree = load_tree("Spec.tla")
    analysis.def_level("Spec", "Next").kind           # "action"
    analysis.levels("Spec")                           # name -> DefLevel, root scope
    analysis.def_level("Spec", "Inv").base <= STATE   # an invariant must be a state predicate
"""
from __future__ import annotations

from tla.records import field, mutable_record, record

CONSTANT, STATE, ACTION, TEMPORAL = 0, 1, 2, 3

LEVEL_NAMES = ("constant", "state", "action", "temporal")


@record
class Level:
    """The level of an expression: ``value`` with every parameter of an enclosing definition
    taken as a constant, plus ``deps``, the parameter symbols whose actual level raises it."""

    value: int = CONSTANT
    deps: frozenset = frozenset()

    def join(self, other: "Level") -> "Level":
        if not other.deps and other.value <= self.value:
            return self
        return Level(max(self.value, other.value), self.deps | other.deps)


CONST_LEVEL = Level()


def join_all(levels) -> Level:
    """The least upper bound of ``levels`` (constant for none)."""
    value = CONSTANT
    deps: frozenset = frozenset()
    for lv in levels:
        if lv.value > value:
            value = lv.value
        if lv.deps:
            deps = deps | lv.deps
    return Level(value, deps)


@mutable_record
class DefLevel:
    """Level summary of a definition ``F(p1, ..., pn) == e`` (see the module docstring).

    ``deps`` are parameters of *enclosing* definitions the body depends on (LET bodies).
    ``op_args`` says, for each higher-order parameter ``G(_, ...)``, how the body applies it:
    ``(j, level, params)`` for an argument ``j`` of level ``level`` raised by the levels of
    the arguments given for parameters ``params`` (indices). An operator passed for ``G``
    must accept arguments of those levels (SANY's argument level constraints)."""

    base: int = CONSTANT
    weights: tuple[bool, ...] = ()
    max_args: tuple[int, ...] = ()
    deps: frozenset = frozenset()
    op_args: tuple[tuple[tuple[int, int, frozenset], ...], ...] = ()

    def apply(self, args: list[Level]) -> Level:
        """The level of ``F(args)``."""
        value = self.base
        deps = self.deps
        for i, lv in enumerate(args):
            if i < len(self.weights) and self.weights[i]:
                value = max(value, lv.value)
                deps = deps | lv.deps
        return Level(value, deps)

    @property
    def kind(self) -> str:
        """``constant``, ``state``, ``action`` or ``temporal`` for a definition without
        parameters (for one with parameters: the level with constant arguments)."""
        return LEVEL_NAMES[self.base]


@record
class BuiltIn:
    """A built-in operator of SANY: ``sany`` is SANY's name for it (used in messages),
    ``arity`` -1 for variadic, ``level`` the operator level, ``max_args``/``weights`` per
    argument (one entry, applying to all, for variadic operators)."""

    sany: str
    arity: int
    level: int
    max_args: tuple[int, ...]
    weights: tuple[int, ...]

    def max_arg(self, i: int) -> int:
        return self.max_args[0] if self.arity < 0 else self.max_args[i]

    def weight(self, i: int) -> int:
        return self.weights[0] if self.arity < 0 else self.weights[i]


def _b(sany: str, arity: int, level: int, max_args: tuple, weights: tuple) -> BuiltIn:
    return BuiltIn(sany, arity, level, max_args, weights)


# SANY's BuiltInLevel table, keyed by every spelling the parser may use for the operator.
_TABLE: list[tuple[tuple[str, ...], BuiltIn]] = [
    (("STRING",), _b("STRING", 0, 0, (), ())),
    (("BOOLEAN",), _b("BOOLEAN", 0, 0, (), ())),
    (("TRUE",), _b("TRUE", 0, 0, (), ())),
    (("FALSE",), _b("FALSE", 0, 0, (), ())),
    (("=",), _b("=", 2, 0, (2, 2), (1, 1))),
    (("/=", "#", "≠"), _b("/=", 2, 0, (2, 2), (1, 1))),
    (("'",), _b("'", 1, 2, (1,), (0,))),
    (("~", "\\lnot", "\\neg", "¬"), _b("\\lnot", 1, 0, (3,), (1,))),
    (("/\\", "\\land", "∧"), _b("\\land", 2, 0, (3, 3), (1, 1))),
    (("\\/", "\\lor", "∨"), _b("\\lor", 2, 0, (3, 3), (1, 1))),
    (("<=>", "\\equiv", "≡", "⇔"), _b("\\equiv", 2, 0, (3, 3), (1, 1))),
    (("=>", "⇒"), _b("=>", 2, 0, (3, 3), (1, 1))),
    (("SUBSET",), _b("SUBSET", 1, 0, (2,), (1,))),
    (("UNION",), _b("UNION", 1, 0, (2,), (1,))),
    (("DOMAIN",), _b("DOMAIN", 1, 0, (2,), (1,))),
    (("\\subseteq", "⊆"), _b("\\subseteq", 2, 0, (2, 2), (1, 1))),
    (("\\in", "∈"), _b("\\in", 2, 0, (2, 2), (1, 1))),
    (("\\notin", "∉"), _b("\\notin", 2, 0, (2, 2), (1, 1))),
    (("\\", "\\setminus"), _b("\\", 2, 0, (2, 2), (1, 1))),
    (("\\cap", "\\intersect", "∩"), _b("\\intersect", 2, 0, (2, 2), (1, 1))),
    (("\\cup", "\\union", "∪"), _b("\\union", 2, 0, (2, 2), (1, 1))),
    (("\\X", "\\times", "×"), _b("$CartesianProd", -1, 0, (2,), (1,))),
    (("~>", "↝"), _b("~>", 2, 3, (3, 3), (0, 0))),
    (("[]", "□"), _b("[]", 1, 3, (3,), (0,))),
    (("<>", "◇"), _b("<>", 1, 3, (3,), (0,))),
    (("ENABLED",), _b("ENABLED", 1, 1, (2,), (0,))),
    (("UNCHANGED",), _b("UNCHANGED", 1, 2, (1,), (0,))),
    (("\\cdot",), _b("\\cdot", 2, 2, (2, 2), (0, 0))),
    (("-+->", "⇸"), _b("-+->", 2, 3, (3, 3), (0, 0))),
]

#: every spelling of a built-in operator -> its level data
BUILTINS: dict[str, BuiltIn] = {alias: b for aliases, b in _TABLE for alias in aliases}

# Level data of the constructs the AST has node classes for (SANY's $-operators).
SET_ENUM = _b("$SetEnumerate", -1, 0, (2,), (1,))
TUPLE = _b("$Tuple", -1, 0, (2,), (1,))
RECORD = _b("$RcdConstructor", -1, 0, (3,), (1,))
RECORD_SET = _b("$SetOfRcds", -1, 0, (2,), (1,))
FCN_CONS = _b("$FcnConstructor", -1, 0, (3,), (1,))
FCN_SET = _b("$SetOfFcns", -1, 0, (2,), (1,))
FCN_APPLY = _b("$FcnApply", 2, 0, (2, 2), (1, 1))
RCD_SELECT = _b("$RcdSelect", 2, 0, (2, 0), (1, 1))
EXCEPT = _b("$Except", -1, 0, (2,), (1,))
IF_THEN_ELSE = _b("$IfThenElse", 3, 0, (3, 3, 3), (1, 1, 1))
CASE = _b("$Case", -1, 0, (3,), (1,))
CONJ_LIST = _b("$ConjList", -1, 0, (3,), (1,))
DISJ_LIST = _b("$DisjList", -1, 0, (3,), (1,))
BOUNDED_CHOOSE = _b("$BoundedChoose", -1, 0, (2,), (1,))
UNBOUNDED_CHOOSE = _b("$UnboundedChoose", 1, 0, (2,), (1,))
BOUNDED_EXISTS = _b("$BoundedExists", -1, 0, (3,), (1,))
BOUNDED_FORALL = _b("$BoundedForall", -1, 0, (3,), (1,))
UNBOUNDED_EXISTS = _b("$UnboundedExists", 1, 0, (3,), (1,))
UNBOUNDED_FORALL = _b("$UnboundedForall", 1, 0, (3,), (1,))
SUBSET_OF = _b("$SubsetOf", 1, 0, (2,), (1,))
SET_OF_ALL = _b("$SetOfAll", -1, 0, (2,), (1,))
SQUARE_ACT = _b("$SquareAct", 2, 2, (2, 1), (0, 0))
ANGLE_ACT = _b("$AngleAct", 2, 2, (2, 1), (0, 0))
WF = _b("$WF", 2, 3, (1, 2), (0, 0))
SF = _b("$SF", 2, 3, (1, 2), (0, 0))
TEMPORAL_QUANT = _b("$TemporalExists", 1, 3, (3,), (0,))

#: the junction operators whose arguments must not mix actions and temporal formulas
LOGICAL = {"\\land", "\\lor", "=>", "\\equiv", "$ConjList", "$DisjList"}

#: level of a symbol declared in a proof by NEW <kind>
NEW_KIND_LEVEL = {"CONSTANT": CONSTANT, "NEW": CONSTANT, "": CONSTANT, "VARIABLE": STATE,
                  "STATE": STATE, "ACTION": ACTION, "TEMPORAL": TEMPORAL}


def operator_argument_error(op: str, i: int, j: int, level: int) -> str:
    """SANY's message for an operator argument that cannot take arguments of the level the
    higher-order parameter is applied to."""
    return (f"Level error in applying operator {op}:\nThe permitted level of argument {j + 1} "
            f"of the operator argument {i + 1} \nmust be at least {level}.")


def level_error(op: str, i: int) -> str:
    """SANY's message for an argument above the operator's maximum level."""
    return (f"Level error in applying operator {op}:\nThe level of argument {i + 1} "
            f"exceeds the maximum level allowed by the operator.")


@mutable_record
class ParamTracker:
    """While a definition's body is resolved: the lowest maximum level seen for each of its
    parameters (SANY's level constraints)."""

    maxima: dict = field(default_factory=dict)

    def constrain(self, deps: frozenset, limit: int) -> None:
        for p in deps:
            old = self.maxima.get(p, TEMPORAL)
            if limit < old:
                self.maxima[p] = limit
