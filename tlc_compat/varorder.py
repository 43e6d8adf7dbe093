"""The order in which TLC prints the variables of a state.

Takes: the names SANY puts into the root module's symbol table, in insertion order, and the
root module's variable names.
Gives: the variables in TLC's print order (used for states in traces, ``-dump``, the dot
graph, the TE spec and the keys of JSON state objects).

TLC rule implemented (tlc-interface.md section 3.6): ``TLCStateMut`` prints the variables
of ``ModuleNode.getVariableDecls()``, which is the **reverse** of the enumeration of the
root module's ``Context.table``, a ``java.util.Hashtable`` keyed by the symbols' names.
This module replays that Hashtable exactly:

* ``String.hashCode`` (``s[0]*31^(n-1) + ... + s[n-1]`` over UTF-16 code units, 32-bit
  signed), bucket ``(hash & 0x7FFFFFFF) % capacity``;
* initial capacity 11, load factor 0.75; before inserting a new key, if ``count >=
  threshold`` the table is rehashed to ``2 * capacity + 1`` buckets by walking the old
  buckets from the last to the first and each chain from its head, pushing every entry onto
  the head of its new chain; a new entry goes to the head of its chain; putting a key that
  is already there changes nothing;
* enumeration runs from the last bucket down to bucket 0, each chain from its head.

What to feed it (``symbols``), in this order, each name once (repeats are ignored, as a
Hashtable ``put`` of an existing key adds nothing):

1. the 72 SANY built-in operators, :data:`SANY_BUILTINS` (:func:`root_context_symbols`
   puts them first for you);
2. the names the EXTENDS-ed modules export, module by module in EXTENDS order, each
   module's names in its own order (a module's own EXTENDS first, LOCAL definitions and
   names imported with LOCAL INSTANCE left out): e.g. Naturals gives its 12 operators
   ``Nat + - * ^ < > \\leq \\geq % \\div ..``; Integers adds ``Int`` and ``-.``;
3. the root module's own symbols in source order: CONSTANTS, VARIABLES, operator and
   function definitions (LOCAL ones too), names of ``I == INSTANCE M`` instances,
   definitions brought in by an unnamed ``INSTANCE M``, named ASSUME/THEOREM, and
   nested module names.

Only the number of symbols before each variable changes the result, never their names,
so an exact count is what matters.
"""
from __future__ import annotations

from typing import Iterable, Sequence

#: SANY's built-in operators, in the order ``Context.initialize`` adds them (72 names).
SANY_BUILTINS: tuple[str, ...] = (
    "STRING", "FALSE", "TRUE", "BOOLEAN", "=", "/=", ".", "'", "\\lnot", "\\neg", "\\land",
    "\\lor", "\\equiv", "=>", "SUBSET", "UNION", "DOMAIN", "\\subseteq", "\\in", "\\notin",
    "\\", "\\intersect", "\\union", "\\times", "~>", "[]", "<>", "ENABLED", "UNCHANGED",
    "\\cdot", "-+->", "$AngleAct", "$BoundedChoose", "$BoundedExists", "$BoundedForall",
    "$CartesianProd", "$Case", "$ConjList", "$DisjList", "$Except", "$FcnApply",
    "$FcnConstructor", "$IfThenElse", "$NonRecursiveFcnSpec", "$Pair", "$RcdConstructor",
    "$RcdSelect", "$RecursiveFcnSpec", "$Seq", "$SetEnumerate", "$SetOfAll", "$SetOfFcns",
    "$SetOfRcds", "$SF", "$SquareAct", "$SubsetOf", "$TemporalExists", "$TemporalForall",
    "$TemporalWhile", "$Tuple", "$UnboundedChoose", "$UnboundedExists", "$UnboundedForall",
    "$WF", "$Nop", "$Qed", "$Pfcase", "$Have", "$Take", "$Pick", "$Witness", "$Suffices",
)

_INITIAL_CAPACITY = 11
_LOAD_FACTOR = 0.75


def java_string_hash(text: str) -> int:
    """Java's ``String.hashCode`` as a signed 32-bit int.

    >>> java_string_hash("x"), java_string_hash("counter")
    (120, 957830652)
    """
    h = 0
    data = text.encode("utf-16-be")
    for i in range(0, len(data), 2):
        h = (31 * h + ((data[i] << 8) | data[i + 1])) & 0xFFFFFFFF
    return h - (1 << 32) if h & 0x80000000 else h


class JavaHashtable:
    """The key order of a ``java.util.Hashtable`` built by ``put`` calls (values omitted)."""

    def __init__(self, capacity: int = _INITIAL_CAPACITY):
        self.buckets: list[list[str]] = [[] for _ in range(capacity)]  # chain heads first
        self.count = 0
        self.threshold = int(capacity * _LOAD_FACTOR)
        self._keys: set[str] = set()

    @staticmethod
    def _index(key: str, capacity: int) -> int:
        return (java_string_hash(key) & 0x7FFFFFFF) % capacity

    def put(self, key: str) -> None:
        if key in self._keys:
            return
        if self.count >= self.threshold:
            self._rehash()
        self.buckets[self._index(key, len(self.buckets))].insert(0, key)
        self._keys.add(key)
        self.count += 1

    def _rehash(self) -> None:
        old = self.buckets
        capacity = 2 * len(old) + 1
        new: list[list[str]] = [[] for _ in range(capacity)]
        for chain in reversed(old):
            for key in chain:
                new[self._index(key, capacity)].insert(0, key)
        self.buckets = new
        self.threshold = int(min(capacity * _LOAD_FACTOR, 2 ** 31 - 8 + 1))

    def enumeration(self) -> list[str]:
        """The keys as ``Hashtable.keys()``/``elements()`` give them."""
        return [key for chain in reversed(self.buckets) for key in chain]


def root_context_symbols(extended: Iterable[str], own: Iterable[str]) -> list[str]:
    """The insertion sequence of the root module's table: the SANY built-ins, then the
    names exported by the EXTENDS-ed modules, then the module's own symbols."""
    return [*SANY_BUILTINS, *extended, *own]


def variable_print_order(symbols: Sequence[str], variables: Sequence[str]) -> list[str]:
    """The variables in the order TLC prints them.

    ``symbols`` is the full insertion sequence of the root module's symbol table (see the
    module docstring; it must contain the variables at their declaration positions);
    ``variables`` are the names among them that are VARIABLES.

    >>> from tla.tlc_compat.varorder import NATURALS_EXPORTS as N
    >>> vs = ["pc", "counter", "alpha", "zeta", "msgs", "votes", "b"]
    >>> variable_print_order(root_context_symbols(N, vs + ["Init", "Next", "Inv"]), vs)
    ['msgs', 'counter', 'zeta', 'alpha', 'b', 'pc', 'votes']
    """
    wanted = set(variables)
    missing = wanted.difference(symbols)
    if missing:
        raise ValueError(f"variables not among the symbols: {sorted(missing)}")
    table = JavaHashtable()
    for name in symbols:
        table.put(name)
    enumerated = [name for name in table.enumeration() if name in wanted]
    return list(reversed(enumerated))


def tlc_variable_order(variables: Sequence[str], extended: Iterable[str] = (),
                       own_symbols: Sequence[str] | None = None) -> list[str]:
    """Convenience form of :func:`variable_print_order`.

    Give either ``own_symbols`` (the root module's own symbols in source order, variables
    included) or nothing, in which case the variables are taken as the first own symbols,
    in declaration order (right when CONSTANTS and definitions all come after them).
    """
    own = list(own_symbols) if own_symbols is not None else list(variables)
    return variable_print_order(root_context_symbols(extended, own), variables)


#: what the standard modules export, in SANY's order (for tests and as a reference for
#: the lead; the module loader is the source of truth for user modules)
NATURALS_EXPORTS: tuple[str, ...] = ("Nat", "+", "-", "*", "^", "<", ">", "\\leq", "\\geq", "%",
                                     "\\div", "..")
INTEGERS_EXPORTS: tuple[str, ...] = NATURALS_EXPORTS + ("Int", "-.")
SEQUENCES_EXPORTS: tuple[str, ...] = ("Seq", "Len", "\\o", "Append", "Head", "Tail", "SubSeq",
                                      "SelectSeq")
FINITESETS_EXPORTS: tuple[str, ...] = ("IsFiniteSet", "Cardinality")
TLC_EXPORTS: tuple[str, ...] = (":>", "@@", "Print", "PrintT", "Assert", "JavaTime", "TLCGet",
                                "TLCSet", "Permutations", "SortSeq", "RandomElement", "Any",
                                "ToString", "TLCEval")


# ------------------------------------------------------------------ from parsed modules

def _module_symbols(tree, name: str, memo: dict, active: set) -> list[tuple[str, str, bool]]:
    """SANY's context of module ``name`` without the built-ins, in insertion order, as
    ``(name, kind, local)`` with kind ``"decl"`` (CONSTANT/VARIABLE) or ``"def"``."""
    if name in memo:
        return memo[name]
    module = tree.modules.get(name)
    if module is None or name in active:
        return []
    active.add(name)
    from tla.parser import ast

    out: list[tuple[str, str, bool]] = []
    for ext in module.extends:
        out += [(n, kind, False) for n, kind, local in
                _module_symbols(tree, ext, memo, active) if not local]
    for unit in module.units:
        if isinstance(unit, ast.Constants):
            out += [(p.name, "decl", False) for p in unit.decls]
        elif isinstance(unit, ast.Variables):
            out += [(v, "decl", False) for v in unit.names]
        elif isinstance(unit, (ast.OpDef, ast.FunDef)):
            out.append((unit.name, "def", unit.local))
        elif isinstance(unit, ast.Recursive):
            out += [(p.name, "def", False) for p in unit.decls]
        elif isinstance(unit, ast.InstanceDef):
            exported = [n for n, kind, local in _module_symbols(tree, unit.module, memo, active)
                        if kind == "def" and not local]
            if unit.name is None:
                out += [(n, "def", unit.local) for n in exported]
            else:
                out.append((unit.name, "def", unit.local))
                out += [(f"{unit.name}!{n}", "def", unit.local) for n in exported]
        elif isinstance(unit, (ast.Assume, ast.Theorem)):
            if unit.name is not None:
                out.append((unit.name, "def", False))
        elif isinstance(unit, ast.Module):
            # a nested module is keyed by a ModuleName, never equal to an operator's name
            out.append(("\0module " + unit.name, "module", False))
    active.discard(name)
    memo[name] = out
    return out


def root_symbols_for_tree(tree) -> list[str]:
    """The insertion sequence of the root module's table for a loaded
    :class:`tla.parser.loader.ModuleTree`: the built-ins, the symbols its EXTENDS bring
    (non-LOCAL ones, recursively), then its own constants, variables, definitions (LOCAL
    included), RECURSIVE declarations, named ASSUME/THEOREMs, instances (``I`` and every
    ``I!Op``, or the operators of an unnamed INSTANCE) and nested modules."""
    own = _module_symbols(tree, tree.root.name, {}, set())
    return root_context_symbols((), [name for name, _, _ in own])


def print_order_for_tree(tree, variables: Sequence[str]) -> list[str]:
    """The root module's ``variables`` in TLC's print order, computed from the parsed
    modules of ``tree``. A variable the table does not hold (which a consistent tree never
    has) keeps its declaration position after the others."""
    symbols = root_symbols_for_tree(tree)
    present = set(symbols)
    known = [v for v in variables if v in present]
    ordered = variable_print_order(symbols, known)
    return ordered + [v for v in variables if v not in present]
