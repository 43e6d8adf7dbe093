"""Name resolution: what an identifier denotes where it is used.

Takes module ASTs; gives :class:`Entry` objects (one per declared or defined name) arranged
in scopes. A :class:`ModuleNS` is one *instantiation* of a module: the root module (with the
cfg's constants and the model's variables), each module it EXTENDS (sharing the root's
declarations, as SANY merges them), and each ``INSTANCE M WITH ...`` (whose constants and
variables are substitutions compiled in the instantiating module). :class:`LocalScope` adds
bound names (quantifiers, parameters, LET definitions) on top of a module.

Entries:

* :class:`VarEntry` a state variable (``index`` into the state tuple);
* :class:`ConstEntry` a constant given a value by the model (``value``, or UNASSIGNED);
* :class:`SubstEntry` a constant or variable of an instantiated module replaced by an
  expression of the instantiating module (``var_index`` when that expression is a variable);
* :class:`DefEntry` an operator or function definition (module-level or LET), with the Python
  implementation from ``tla.modules.registry`` when there is one;
* :class:`InstanceEntry` a named instance ``I(x) == INSTANCE M WITH ...``;
* :class:`BoundEntry` a bound name whose value is in the environment (``arity`` > 0 for an
  operator parameter, whose environment value is a callable).
"""
from __future__ import annotations

from typing import Optional

from tla.parser import ast as A


class Entry:
    __slots__ = ()
    name: str


class _Unassigned:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNASSIGNED"


UNASSIGNED = _Unassigned()


class VarEntry(Entry):
    __slots__ = ("name", "index")

    def __init__(self, name: str, index: int):
        self.name = name
        self.index = index


class PrimedVarEntry(Entry):
    """A parameter that stands for ``x'`` (an argument passed by name)."""
    __slots__ = ("name", "index")

    def __init__(self, name: str, index: int):
        self.name = name
        self.index = index


class ArgEntry(Entry):
    """A parameter bound to an action-level argument, passed by name as TLC passes it: the
    argument ``node`` is compiled where the parameter is used, in the caller's ``scope``."""
    __slots__ = ("name", "node", "scope")

    def __init__(self, name: str, node, scope):
        self.name = name
        self.node = node
        self.scope = scope


class ConstEntry(Entry):
    __slots__ = ("name", "arity", "value", "span")

    def __init__(self, name: str, arity: int, value, span=None):
        self.name = name
        self.arity = arity
        self.value = value
        self.span = span


class SubstEntry(Entry):
    """``fn``/``level`` compiled in the instantiating scope; ``op`` for an operator constant
    substituted by an operator (an entry of the instantiating scope)."""
    __slots__ = ("name", "fn", "level", "var_index", "op", "expr", "scope")

    def __init__(self, name, fn, level, var_index=None, op=None, expr=None, scope=None):
        self.name = name
        self.fn = fn
        self.level = level
        self.var_index = var_index
        self.op = op
        self.expr = expr
        self.scope = scope


def variable_index(entry) -> int | None:
    """The position in the state tuple of the variable ``entry`` denotes: a variable, or an
    instance constant/variable substituted by one; None for anything else."""
    if type(entry) is VarEntry:
        return entry.index
    if type(entry) is SubstEntry:
        return entry.var_index
    return None


class DefEntry(Entry):
    """A definition. ``params`` are :class:`tla.parser.ast.Param`; ``bounds`` is set for a
    function definition ``f[x \\in S] == e``. ``ns`` is the scope its body is compiled in;
    ``carry`` the names of instance parameters its environment must keep; ``let`` is True
    for LET definitions (whose body also sees the bound names around the LET)."""
    __slots__ = ("name", "params", "body", "bounds", "ns", "module", "builtin", "carry",
                 "let", "span", "fn", "level", "state", "cache", "act", "act_state",
                 "recursive")

    def __init__(self, name, params, body, ns, module, builtin=None, carry=(), let=False,
                 bounds=None, span=None):
        self.name = name
        self.params = params
        self.body = body
        self.bounds = bounds
        self.ns = ns
        self.module = module
        self.builtin = builtin
        self.carry = carry
        self.let = let
        self.span = span
        self.fn = None
        self.level = 0
        self.state = 0          # 0 not compiled, 1 compiling, 2 compiled
        self.cache = _NOCACHE
        self.act = None         # action-mode compilation
        self.act_state = 0
        self.recursive = False

    @property
    def arity(self) -> int:
        return len(self.params)


class _NoCache:
    __slots__ = ()


_NOCACHE = _NoCache()


class InstanceEntry(Entry):
    __slots__ = ("name", "params", "module", "subs", "ns", "carry", "span", "_inst")

    def __init__(self, name, params, module, subs, ns, carry, span=None):
        self.name = name
        self.params = params
        self.module = module
        self.subs = subs
        self.ns = ns
        self.carry = carry
        self.span = span
        self._inst = None


class BoundEntry(Entry):
    __slots__ = ("name", "arity")

    def __init__(self, name: str, arity: int = 0):
        self.name = name
        self.arity = arity


class Scope:
    __slots__ = ()

    def lookup(self, name: str) -> Optional[Entry]:
        raise NotImplementedError

    @property
    def module_ns(self) -> "ModuleNS":
        raise NotImplementedError


class ModuleNS(Scope):
    """The names visible inside one instantiation of a module (``names``) and those it
    exports to modules that extend or instantiate it (``exports``)."""
    __slots__ = ("module", "names", "exports", "carry", "ctx", "assumes", "copies")

    def __init__(self, module: A.Module, carry: tuple, ctx):
        self.module = module
        self.names: dict[str, Entry] = {}
        self.exports: dict[str, Entry] = {}
        #: definitions a cfg substitution replaces inside this instance, as ``I!Op`` (SANY's
        #: copy of the definition) still names them
        self.copies: dict[str, Entry] = {}
        self.carry = carry
        self.ctx = ctx
        self.assumes: list = []

    def lookup(self, name: str) -> Optional[Entry]:
        return self.names.get(name)

    @property
    def module_ns(self) -> "ModuleNS":
        return self


class LocalScope(Scope):
    __slots__ = ("parent", "names", "_mod")

    def __init__(self, parent: Scope, names: dict):
        self.parent = parent
        self.names = names
        self._mod = parent.module_ns

    def lookup(self, name: str) -> Optional[Entry]:
        e = self.names.get(name)
        if e is not None:
            return e
        return self.parent.lookup(name)

    @property
    def module_ns(self) -> ModuleNS:
        return self._mod


class SnapshotScope(Scope):
    """The names of a scope as they were at one point (an INSTANCE's substitutions see the
    instantiating module as it was before the instance's own names joined it)."""
    __slots__ = ("names", "_mod")

    def __init__(self, scope: Scope):
        layers = []
        cur = scope
        while isinstance(cur, LocalScope):
            layers.append(cur.names)
            cur = cur.parent
        if isinstance(cur, SnapshotScope):
            merged = dict(cur.names)
        else:
            merged = dict(cur.names)
        for layer in reversed(layers):
            merged.update(layer)
        self.names = merged
        self._mod = scope.module_ns

    def lookup(self, name: str) -> Optional[Entry]:
        return self.names.get(name)

    @property
    def module_ns(self) -> ModuleNS:
        return self._mod
