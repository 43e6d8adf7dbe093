"""Semantic analysis of parsed TLA+ modules, as SANY's ``tla2sany.semantic`` does it.

Takes: a loaded module tree (``tla.parser.loader.load_tree``: ``.root``, ``.modules`` name ->
:class:`~tla.parser.ast.Module`, ``.order``), or a single module with the modules it uses.
Gives: :func:`check_tree`, every :class:`~tla.errors.SemanticError` found (not only the
first), and :func:`analyze_tree`, an :class:`Analysis` that also records what every name
resolved to, which symbols are used, and the level (:mod:`tla.parser.levels`) of every
definition, for the linter, the evaluator and the checker.

SANY rules implemented (``Generator.java``, ``SymbolTable.java``, ``Context.java``); messages
are SANY's, line breaks included (the linter prints them on one line):

* Scopes. A name must be declared or defined before it is used (``RECURSIVE`` declares an
  operator ahead of its definition; a function definition ``f[x \\in S] == e`` may use ``f``
  in ``e``). EXTENDS imports every non-LOCAL symbol of the extended modules; an unnamed
  ``INSTANCE M`` imports M's non-LOCAL definitions (its constants and variables are
  substituted); ``I(p) == INSTANCE M`` defines ``I!Op`` for M's definitions. LET,
  quantifiers, CHOOSE, set and function constructors, LAMBDA and operator parameters open
  scopes. A nested module sees the enclosing module's symbols defined before it.
* Unknown names: "Unknown operator: `x'.".
* Multiple definitions: a name may not be declared again in its scope or an enclosing one
  (bound variables and parameters included): "Multiply-defined symbol 'x': ...", or
  "Operator x already defined or declared." when an operator of the same arity is
  redefined. Reaching the same definition twice (EXTENDS of two modules that both extend
  a third) is not an error; two different definitions of a name merged by EXTENDS are an
  error when one is a declaration and the other a definition.
* Arities: "The operator F requires 2 arguments."; an operator argument of the wrong arity
  for a higher-order parameter: "Expected arity 2 but found operator of arity 1."; a LAMBDA
  where an expression is required; ``f[a, b]`` for a function defined with one parameter;
  ``I!Op`` and ``I`` used incompletely ("Operator name I is incomplete.").
* RECURSIVE: every declared operator must be defined in the same module or LET, with the
  declared arity, and may not prime its parameters.
* INSTANCE substitutions: every CONSTANT and VARIABLE of the instantiated module needs a
  ``<-`` substitution or a symbol of the same name in scope; only those may be substituted;
  a constant operator gets an operator of its arity; in a non-constant module a constant
  gets a constant and a variable at most a state function.
* Levels (:mod:`tla.parser.levels`): arguments above an operator's maximum level, ``[]A``
  and ``<>A`` of an action not of the form ``[A]_v`` / ``<<A>>_v``, actions in ``~>``,
  junctions mixing actions and temporal formulas, temporal bounds of quantifiers and NEW,
  non-constant ASSUMEs.
* Labels: their parameters are the identifiers bound where they occur; no two labels of one
  name at one level; none inside EXCEPT. ``@`` only inside an EXCEPT value.

Proofs are resolved permissively: names they use count as used, but nothing inside a proof
is reported (step names, ``NEW``, ``PICK``, subexpression selectors are accepted as they come).
"""
from __future__ import annotations

from typing import Optional

from tla.records import field, mutable_record
from tla.errors import SemanticError, Span
from tla.parser import ast as A
from tla.parser import levels as L

__all__ = ["Sym", "Analysis", "ModuleInfo", "check_tree", "analyze_tree", "analyze_modules"]

# Symbol kinds (SANY's node kinds, merged where SANY's distinctions do not matter here).
BUILTIN = "builtin"
CONSTANT = "constant"
VARIABLE = "variable"
DEF = "definition"          # operator definition (also LAMBDA-free LET definitions)
FUNDEF = "function"         # f[x \in S] == e
RECURSIVE = "recursive"     # RECURSIVE F(_) before F is defined
INSTANCE = "instance"       # I(p) == INSTANCE M
PARAM = "parameter"         # formal parameter of a definition or LAMBDA
BOUND = "bound"             # bound variable of a quantifier, CHOOSE, constructor
THEOREM = "theorem"         # named THEOREM / ASSUME
NEW = "new"                 # NEW x of an ASSUME/PROVE

_DECLARATIONS = {CONSTANT, VARIABLE}
_OPDEF_CLASS = {DEF: DEF, FUNDEF: DEF, RECURSIVE: DEF}


class Sym:
    """A declared or defined name.

    ``module`` is the module the symbol was originally declared in (two imports of the same
    ``Sym`` object are one symbol); ``node`` the AST node (:class:`~tla.parser.ast.OpDef`,
    ``FunDef``, ``InstanceDef``, ``Param``, ...); ``params`` the parameter symbols of a
    definition; ``param_arities`` the arity each argument must have; ``level`` a
    :class:`~tla.parser.levels.DefLevel` for definitions (None while being defined);
    ``exports`` the names ``I!x`` of a named instance, ``instance_of`` its module;
    ``base_level`` the level of a declared symbol (variables 1, ``NEW ACTION`` 2, ...)."""

    __slots__ = ("name", "kind", "arity", "span", "module", "node", "params",
                 "param_arities", "level", "exports", "base_level", "builtin", "instance_of")

    def __init__(self, name: str, kind: str, arity: int, span: Optional[Span], module: str,
                 node: object = None, param_arities: tuple[int, ...] = ()):
        self.name = name
        self.kind = kind
        self.arity = arity
        self.span = span
        self.module = module
        self.node = node
        self.params: tuple[Sym, ...] = ()
        self.param_arities = param_arities or (0,) * max(arity, 0)
        self.level: Optional[L.DefLevel] = None
        self.exports: dict[str, Sym] = {}
        self.base_level = L.CONSTANT
        self.builtin: Optional[L.BuiltIn] = None
        self.instance_of: Optional[str] = None

    def __repr__(self) -> str:
        return f"Sym({self.name!r}, {self.kind}, arity={self.arity}, module={self.module!r})"

    def location(self) -> str:
        if self.span is None:
            return f"module {self.module}"
        return self.span.tlc_location()


def _builtin_table() -> dict[str, Sym]:
    table = {}
    for name, b in L.BUILTINS.items():
        sym = Sym(name, BUILTIN, b.arity, None, "--TLA+ BUILTINS--")
        sym.builtin = b
        table[name] = sym
    return table


_BUILTIN_SYMS = _builtin_table()


@mutable_record
class ModuleInfo:
    """What a module offers to the modules that EXTEND or INSTANCE it."""
    name: str
    exports: dict[str, Sym] = field(default_factory=dict)   # non-LOCAL symbols
    symbols: dict[str, Sym] = field(default_factory=dict)   # every module-level symbol
    declarations: list[Sym] = field(default_factory=list)   # CONSTANTs and VARIABLEs, incl. EXTENDS
    own: list[Sym] = field(default_factory=list)            # symbols declared in this module's text
    local: set[str] = field(default_factory=set)            # names of its LOCAL symbols
    let_defs: list[Sym] = field(default_factory=list)       # LET definitions in its text
    nested: dict[str, "ModuleInfo"] = field(default_factory=dict)


@mutable_record
class Analysis:
    """The result of semantic analysis of a module tree.

    ``errors`` every error found; ``warnings`` SANY's warnings (the same definition name
    reached from two modules); ``modules`` module name -> :class:`ModuleInfo`;
    ``used`` the symbols referred to anywhere (proofs and ASSUMEs included); ``resolved``
    ``id(node)`` -> :class:`Sym` for every :class:`~tla.parser.ast.OpApp`,
    :class:`~tla.parser.ast.OpArg` and :class:`~tla.parser.ast.Qualified` that resolved."""
    root: str = ""
    errors: list[SemanticError] = field(default_factory=list)
    warnings: list[SemanticError] = field(default_factory=list)
    modules: dict[str, ModuleInfo] = field(default_factory=dict)
    used: set = field(default_factory=set)
    resolved: dict[int, Sym] = field(default_factory=dict)
    uses: dict = field(default_factory=dict)

    def live(self, module: str, roots: set[str]) -> set:
        """The symbols reachable from ``roots`` (names of ``module``'s definitions), from
        THEOREMs, ASSUMEs and USEs, and from other modules' definitions, following which
        definitions use which symbols."""
        info = self.modules.get(module)
        seen: set = set()
        todo = [info.symbols[n] for n in roots if info is not None and n in info.symbols]
        for key, used in self.uses.items():
            if key is None or key[0] != module:
                todo.extend(used)
        while todo:
            sym = todo.pop()
            if sym in seen:
                continue
            seen.add(sym)
            todo.extend(self.uses.get((sym.module, sym.name), ()))
        return seen

    def levels(self, module: str) -> dict[str, L.DefLevel]:
        """The level summary of every definition, constant and variable visible at the top
        level of ``module`` (its own and those it EXTENDS or INSTANCEs)."""
        info = self.modules.get(module)
        if info is None:
            return {}
        out = {}
        for name in info.symbols:
            level = self.def_level(module, name)
            if level is not None:
                out[name] = level
        return out

    def def_level(self, module: str, name: str) -> Optional[L.DefLevel]:
        """The level summary of definition ``name`` as seen in ``module`` (None if unknown)."""
        info = self.modules.get(module)
        sym = info.symbols.get(name) if info else None
        if sym is None:
            return None
        if sym.kind in (VARIABLE,):
            return L.DefLevel(L.STATE)
        if sym.kind == CONSTANT:
            return L.DefLevel(L.CONSTANT, (True,) * sym.arity, (L.TEMPORAL,) * sym.arity)
        return sym.level


# ---------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------

def check_tree(tree) -> list[SemanticError]:
    """Every semantic error of a loaded module tree (root and the modules it uses)."""
    return analyze_tree(tree).errors


def analyze_tree(tree) -> Analysis:
    """Analyse ``tree.root`` and every module it depends on (see :class:`Analysis`)."""
    order = list(getattr(tree, "order", ()) or ())
    paths = getattr(tree, "paths", None) or {}
    return analyze_modules(tree.root, dict(tree.modules), order, _native_modules(paths))


def _native_modules(paths: dict[str, str]) -> set[str]:
    """The modules read from pytlc's own ``modules/`` folder."""
    import os
    import tla.modules
    home = os.path.dirname(os.path.abspath(tla.modules.__file__)) + os.sep
    return {name for name, path in paths.items() if os.path.abspath(path).startswith(home)}


def analyze_modules(root: A.Module, modules: dict[str, A.Module],
                    order: list[str] | None = None,
                    native: set[str] | frozenset = frozenset()) -> Analysis:
    """Analyse ``root`` given the other modules by name (EXTENDS/INSTANCE targets).

    ``native`` names the modules whose operators pytlc implements in Python (its own
    standard and community modules): their TLA+ bodies only stand in for the real
    operators, so an application of one of them takes the level of every argument, as the
    definitions SANY reads (``a + b == {a, b}``) make it do."""
    analysis = Analysis(root=root.name)
    nested: set[str] = set()
    for mod in (root, *modules.values()):
        _collect_nested(mod, nested)
    # a nested module is analysed inside the module that contains it, never on its own
    top = {name: mod for name, mod in modules.items() if name not in nested}
    world = _World(analysis, top, frozenset(native))
    for name in order or ():
        if name != root.name and name in top:
            world.module_info(name)
    world.analyse(root, None)
    return analysis


def _collect_nested(mod: A.Module, into: set[str]) -> None:
    for u in mod.units:
        if isinstance(u, A.Module):
            into.add(u.name)
            _collect_nested(u, into)


@mutable_record
class _Results:
    """What analysing one module (with its nested modules) produced."""
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    uses: dict = field(default_factory=dict)     # (module, definition) or None -> used symbols
    used: set = field(default_factory=set)
    resolved: dict = field(default_factory=dict)


@mutable_record
class _Cached:
    module: A.Module
    info: ModuleInfo
    results: _Results
    deps: dict          # name -> Module object of every module consulted
    native: bool        # analysed as one of pytlc's own modules


# Analyses of modules, reused while the parsed module and those it depends on are the same
# objects (the loader parses each file once per process): linting many specs analyses
# Naturals, Sequences, ... once.
_CACHE: dict[int, _Cached] = {}


class _World:
    """The modules of one analysis, each analysed once, on first need."""

    def __init__(self, analysis: Analysis, modules: dict[str, A.Module],
                 native: frozenset = frozenset()):
        self.analysis = analysis
        self.modules = modules
        self.native = native
        self.in_progress: set[str] = set()
        self.consulted: list[dict] = []

    def module_info(self, name: str) -> Optional[ModuleInfo]:
        if self.consulted:
            self.consulted[-1][name] = self.modules.get(name)
        info = self.analysis.modules.get(name)
        if info is not None:
            return info
        mod = self.modules.get(name)
        if mod is None or name in self.in_progress:
            return None
        return self.analyse(mod, None)

    def _from_cache(self, mod: A.Module) -> Optional[ModuleInfo]:
        hit = _CACHE.get(id(mod))
        if hit is None or hit.module is not mod or hit.native != (mod.name in self.native):
            return None
        for name, dep in hit.deps.items():
            if self.modules.get(name) is not dep:
                return None
            if dep is not None and name not in self.analysis.modules:
                if self.module_info(name) is None:
                    return None
        self._merge(hit.results)
        self.analysis.modules[mod.name] = hit.info
        return hit.info

    def _merge(self, results: _Results) -> None:
        self.analysis.errors.extend(results.errors)
        self.analysis.warnings.extend(results.warnings)
        self.analysis.used.update(results.used)
        for key, used in results.uses.items():
            self.analysis.uses.setdefault(key, set()).update(used)
        self.analysis.resolved.update(results.resolved)

    def analyse(self, mod: A.Module, outer: Optional["_Resolver"]) -> ModuleInfo:
        if outer is None:
            cached = self._from_cache(mod)
            if cached is not None:
                return cached
        self.in_progress.add(mod.name)
        self.consulted.append({})
        try:
            resolver = _Resolver(self, mod, outer)
            info = resolver.run()
        finally:
            self.in_progress.discard(mod.name)
            deps = self.consulted.pop()
        if outer is None:
            self.analysis.modules[mod.name] = info
            self._merge(resolver.out)
            _CACHE[id(mod)] = _Cached(mod, info, resolver.out, deps, mod.name in self.native)
        elif self.consulted:
            self.consulted[-1].update(deps)
        return info


# ---------------------------------------------------------------------------------------
# The resolver: one per module
# ---------------------------------------------------------------------------------------

def _same_definition(a: Sym, b: Sym) -> bool:
    """Two definitions with the same parameters and body (spans aside): an INSTANCE
    importing a definition the module already has word for word is accepted."""
    na, nb = a.node, b.node
    if not (isinstance(na, A.OpDef) and isinstance(nb, A.OpDef)):
        return False
    return na.params == nb.params and na.body == nb.body


def _is_constant_module(info: ModuleInfo) -> bool:
    """A module without variables whose definitions are all constant-level: instantiating
    it may substitute expressions of any level for its constants."""
    for sym in info.symbols.values():
        if sym.kind == VARIABLE:
            return False
        if sym.kind in (DEF, FUNDEF) and sym.level is not None and sym.level.base > L.CONSTANT:
            return False
    return True


def _is_name(step: str) -> bool:
    """True for an identifier or operator name (not a subexpression selector like ``1``,
    ``<<``, ``:`` or ``@``)."""
    return bool(step) and not step.isdigit() and step not in ("<<", ">>", ":", "@", "!")


class _Resolver:
    """Resolves one module: the module-level scope, a stack of inner scopes, the errors."""

    def __init__(self, world: _World, mod: A.Module, outer: Optional["_Resolver"]):
        self.world = world
        self.mod = mod
        self.outer = outer
        # a nested module's results belong to the module that contains it
        self.out = outer.out if outer is not None else _Results()
        self.info = ModuleInfo(mod.name)
        self.local_names: set[str] = set()
        # module-level scope, then inner scopes (innermost last)
        self.mscope: dict[str, Sym] = {}
        self.scopes: list[dict[str, Sym]] = []
        self.inherited: dict[str, Sym] = {}
        if outer is not None:
            self.inherited = outer.visible()
        self.lenient = 0
        self.maxima = L.ParamTracker()
        self.native = mod.name in world.native and outer is None
        self.nested_modules: dict[str, A.Module] = {}
        self.imported: dict[str, ModuleInfo] = {}
        self.except_depth = 0
        self.def_scope_base = 0
        self.recursive_params: frozenset = frozenset()
        self.ho_uses: dict[Sym, list] = {}
        self.recursive_reported: set[str] = set()
        self.owner: Optional[str] = None
        self.lambda_maxima: dict[int, tuple[int, ...]] = {}
        self.label_names: list[set[str]] = [set()]

    # ---- errors and scopes ----------------------------------------------------------

    def error(self, message: str, span: Optional[Span]) -> None:
        if self.lenient:
            return
        self.out.errors.append(SemanticError(message, span))

    def warn(self, message: str, span: Optional[Span]) -> None:
        """SANY's warnings: not errors, but worth a look (the linter shows them)."""
        if not self.lenient:
            self.out.warnings.append(SemanticError(message, span))

    def visible(self) -> dict[str, Sym]:
        names = dict(self.inherited)
        names.update(self.mscope)
        for scope in self.scopes:
            names.update(scope)
        return names

    def lookup(self, name: str) -> Optional[Sym]:
        for scope in reversed(self.scopes):
            sym = scope.get(name)
            if sym is not None:
                return sym
        sym = self.mscope.get(name)
        if sym is not None:
            return sym
        sym = self.inherited.get(name)
        if sym is not None:
            return sym
        return _BUILTIN_SYMS.get(name)

    def declare(self, sym: Sym, span: Optional[Span]) -> None:
        """Add ``sym`` to the innermost scope, reporting SANY's multiple-definition errors."""
        name = sym.name
        existing = self.lookup(name)
        if existing is not None and existing is not sym:
            if not self._compatible(existing, sym, span):
                return
        scope = self.scopes[-1] if self.scopes else self.mscope
        scope[name] = sym
        if not self.scopes and sym.module == self.mod.name:
            self.info.own.append(sym)

    def _compatible(self, existing: Sym, sym: Sym, span: Optional[Span]) -> bool:
        """Report a clash of ``sym`` with ``existing``; True when ``sym`` may replace it
        (a RECURSIVE declaration being defined)."""
        name = sym.name
        if existing.kind == BUILTIN:
            self.error(f"Symbol {name} is a built-in operator, and cannot be redefined.", span)
            return False
        if (existing.kind == RECURSIVE and sym.kind == DEF and existing.arity == sym.arity
                and self._in_current_scope(existing)):
            return True
        same_class = _OPDEF_CLASS.get(existing.kind, existing.kind) == \
            _OPDEF_CLASS.get(sym.kind, sym.kind)
        if (sym.kind in (PARAM, BOUND, NEW) or not same_class
                or existing.arity != sym.arity):
            self.error(f"Multiply-defined symbol '{name}': this definition or declaration "
                       f"conflicts \nwith the one at {existing.location()}.", span)
        elif sym.kind == FUNDEF:
            self.error(f"Function name `{name}' already defined or declared.", span)
        elif sym.kind in (DEF, INSTANCE, THEOREM):
            self.error(f"Operator {name} already defined or declared.", span)
        else:
            self.error(f"Multiply-defined symbol '{name}': this definition or declaration "
                       f"conflicts \nwith the one at {existing.location()}.", span)
        return False

    def _in_current_scope(self, sym: Sym) -> bool:
        scope = self.scopes[-1] if self.scopes else self.mscope
        return scope.get(sym.name) is sym

    def push(self) -> dict[str, Sym]:
        scope: dict[str, Sym] = {}
        self.scopes.append(scope)
        return scope

    def pop(self) -> None:
        self.scopes.pop()

    def use(self, sym: Sym, node: object) -> None:
        self.mark_used(sym)
        self.out.resolved[id(node)] = sym

    def mark_used(self, sym: Sym) -> None:
        """Record a use of ``sym`` by the definition being resolved (``owner``) or, outside
        any top-level definition (THEOREM, ASSUME, USE, nested modules), by the module."""
        self.out.used.add(sym)
        key = (self.mod.name, self.owner) if self.owner is not None else None
        uses = self.out.uses.get(key)
        if uses is None:
            uses = self.out.uses[key] = set()
        uses.add(sym)

    # ---- modules --------------------------------------------------------------------

    def run(self) -> ModuleInfo:
        mod = self.mod
        for name in mod.extends:
            self.extend(name)
        for unit in mod.units:
            if isinstance(unit, _NOT_IN_RECURSIVE_SECTION):
                self.check_no_recursive_pending(unit)
            self.unit(unit)
        self.check_recursive_defined(self.mscope)
        info = self.info
        info.symbols = dict(self.mscope)
        info.exports = {n: s for n, s in self.mscope.items() if n not in self.local_names}
        info.local = set(self.local_names)
        info.declarations = [s for s in self.mscope.values() if s.kind in _DECLARATIONS]
        return info

    def find_module(self, name: str) -> Optional[ModuleInfo]:
        resolver: Optional[_Resolver] = self
        while resolver is not None:
            nested = resolver.info.nested.get(name)
            if nested is not None:
                return nested
            resolver = resolver.outer
        return self.world.module_info(name)

    def missing_module(self, name: str) -> None:
        self.error(f"Cannot find source file for module {name} imported in module "
                   f"{self.mod.name}.", self.mod.span)

    def extend(self, name: str) -> None:
        info = self.find_module(name)
        if info is None:
            self.missing_module(name)
            return
        self.imported[name] = info
        for sym_name, sym in info.exports.items():
            existing = self.mscope.get(sym_name) or self.inherited.get(sym_name)
            if existing is None or existing is sym:
                self.mscope[sym_name] = sym
                continue
            if existing.kind == sym.kind and existing.arity == sym.arity:
                what = "declaration" if sym.kind in _DECLARATIONS else "definition"
                self.warn(f"Warning: the {what} of '{sym_name}' conflicts with \nits {what} at "
                          f"{existing.location()}.", self.mod.span)
                continue
            what_old = "declaration" if existing.kind in _DECLARATIONS else "definition"
            self.error(f"The {what_old} of '{sym_name}' conflicts with \nits {what_old} at "
                       f"{existing.location()}.", self.mod.span)

    # ---- units ----------------------------------------------------------------------

    def unit(self, u: object) -> None:
        handler = _UNIT_HANDLERS.get(type(u))
        if handler is None:
            return
        if self.scopes:
            handler(self, u)
            return
        # a top-level definition owns the uses in its body; anything else is an entry point
        self.owner = getattr(u, "name", None) if isinstance(u, _OWNING_UNITS) else None
        try:
            handler(self, u)
        finally:
            self.owner = None

    def _mark_local(self, name: str, local: bool) -> None:
        if local and not self.scopes:
            self.local_names.add(name)

    def u_constants(self, u: A.Constants) -> None:
        for p in u.decls:
            sym = Sym(p.name, CONSTANT, p.arity, p.span or u.span, self.mod.name, p)
            self.declare(sym, p.span or u.span)

    def u_variables(self, u: A.Variables) -> None:
        for name in u.names:
            sym = Sym(name, VARIABLE, 0, u.span, self.mod.name, u)
            sym.base_level = L.STATE
            self.declare(sym, u.span)

    def u_recursive(self, u: A.Recursive) -> None:
        for p in u.decls:
            sym = Sym(p.name, RECURSIVE, p.arity, p.span or u.span, self.mod.name, p)
            self.declare(sym, p.span or u.span)

    def u_opdef(self, u: A.OpDef) -> None:
        sym = Sym(u.name, DEF, len(u.params), u.span, self.mod.name, u,
                  tuple(p.arity for p in u.params))
        outer_labels = self.enter_definition()
        self.push()
        params = []
        for p in u.params:
            ps = Sym(p.name, PARAM, p.arity, p.span or u.span, self.mod.name, p)
            self.declare(ps, p.span or u.span)
            params.append(ps)
        declared = self.lookup(u.name)
        recursive = declared is not None and declared.kind == RECURSIVE
        outer_recursive = self.recursive_params
        if recursive:
            self.recursive_params = frozenset(params)
        body = self.expr(u.body)
        self.recursive_params = outer_recursive
        self.pop()
        self.leave_definition(outer_labels)
        sym.params = tuple(params)
        sym.level = self._def_level(body, params)
        existing = self.lookup(u.name)
        if existing is not None and existing.kind == RECURSIVE and self._in_current_scope(existing):
            if existing.arity == sym.arity:
                # the forward declaration becomes the definition (resolved uses stay valid)
                existing.kind, existing.node, existing.span = DEF, u, u.span
                existing.params, existing.level = sym.params, sym.level
                existing.param_arities = sym.param_arities
                if not self.scopes:
                    self.info.own.append(existing)
                self._mark_local(u.name, u.local)
                return
        self.declare(sym, u.span)
        self._mark_local(u.name, u.local)

    def _def_level(self, body: L.Level, params: list[Sym]) -> L.DefLevel:
        pset = frozenset(params)
        if self.native:
            weights = tuple(p in body.deps or p.arity == 0 for p in params)
        else:
            weights = tuple(p in body.deps for p in params)
        maxima = tuple(self.maxima.maxima.get(p, L.TEMPORAL) for p in params)
        index = {p: i for i, p in enumerate(params)}
        op_args = tuple(
            tuple((j, lv.value, frozenset(index[d] for d in lv.deps if d in index))
                  for j, lv in self.ho_uses.get(p, ()))
            for p in params)
        if not any(op_args):
            op_args = ()
        return L.DefLevel(body.value, weights, maxima, body.deps - pset, op_args)

    def u_fundef(self, u: A.FunDef) -> None:
        sym = Sym(u.name, FUNDEF, 0, u.span, self.mod.name, u)
        sym.level = L.DefLevel(L.CONSTANT)
        self.declare(sym, u.span)
        self._mark_local(u.name, u.local)
        outer_labels = self.enter_definition()
        self.push()
        ranges = self.bounds(u.bounds, "$FcnConstructor")
        body = self.expr(u.body)
        self.pop()
        self.leave_definition(outer_labels)
        lv = L.join_all([body, *ranges])
        sym.level = L.DefLevel(lv.value, (), (), lv.deps)

    def u_instance(self, u: A.InstanceDef) -> None:
        info = self.find_module(u.module)
        if info is None:
            self.missing_module(u.module)
        else:
            self.imported.setdefault(u.module, info)
        self.push()
        params = []
        for p in u.params:
            ps = Sym(p.name, PARAM, p.arity, p.span or u.span, self.mod.name, p)
            self.declare(ps, p.span or u.span)
            params.append(ps)
        sub_levels = []
        for name, e in u.subs:
            sub_levels.append(self.operand_any(e))
        if info is not None:
            self.check_substitutions(u, info, sub_levels)
        self.pop()
        if info is None:
            return
        if u.name is None:
            for name, s in info.exports.items():
                if s.kind in _DECLARATIONS:
                    continue
                existing = self.lookup(name)
                if existing is s:
                    continue
                if existing is not None and existing.module == s.module and \
                        existing.kind == s.kind:
                    continue    # the same definition reached twice
                if existing is not None and _same_definition(existing, s):
                    self.mark_used(existing)
                    continue    # the module restates the instantiated definition
                if existing is not None and existing.arity == s.arity and \
                        _OPDEF_CLASS.get(existing.kind, existing.kind) == \
                        _OPDEF_CLASS.get(s.kind, s.kind):
                    self.warn(f"Multiple declarations or definitions for symbol {name}.  "
                              f"\nThis duplicates the one at {existing.location()}.", u.span)
                    continue
                self.declare(s, u.span)
                self._mark_local(name, u.local)
            return
        sym = Sym(u.name, INSTANCE, len(u.params), u.span, self.mod.name, u,
                  tuple(p.arity for p in u.params))
        sym.params = tuple(params)
        sym.exports = info.exports
        sym.instance_of = info.name
        sym.level = L.DefLevel(L.join_all(sub_levels).value)
        self.declare(sym, u.span)
        self._mark_local(u.name, u.local)

    def check_substitutions(self, u: A.InstanceDef, info: ModuleInfo,
                            levels: list[L.Level]) -> None:
        """Every CONSTANT and VARIABLE of the instantiated module gets a substitution, explicit
        or implicit (a symbol of the same name); in a module that is not constant, at a level
        no higher than the parameter's (0 for a constant, 1 for a variable)."""
        declared = {s.name: s for s in info.declarations}
        given: dict[str, L.Level] = {}
        for (name, e), level in zip(u.subs, levels):
            if name in given:
                self.error(f"Multiple substitutions for symbol {name} in the instantiation of "
                           f"module {info.name}.", u.span)
            given[name] = level
            decl = declared.get(name)
            if decl is None:
                self.error(f"Symbol '{name}' substituted in the instantiation of module "
                           f"{info.name} is not a CONSTANT or VARIABLE of that module.", u.span)
                continue
            found = self.operator_arity(e)
            if found is not None and found != decl.arity:
                self.error(f"Expected arity {decl.arity} but found operator of arity {found} "
                           f"in the substitution for {name}.", u.span)
        constant_module = _is_constant_module(info)
        for name, decl in declared.items():
            level = given.get(name)
            if level is None:
                implicit = self.lookup(name)
                if implicit is None:
                    self.error(f"Substitution missing for symbol {name} declared at "
                               f"{decl.location()} and instantiated in module {self.mod.name}.",
                               u.span)
                    continue
                self.mark_used(implicit)
                level = L.Level(implicit.base_level if implicit.level is None
                                else implicit.level.base)
            limit = L.STATE if decl.kind == VARIABLE else L.CONSTANT
            if not constant_module and level.value > limit:
                self.error(f"Level error in instantiating module '{info.name}':\nThe level of "
                           f"the expression or operator substituted for '{name}' \nmust be at "
                           f"most {limit}.", u.span)

    def operator_arity(self, e: object) -> Optional[int]:
        """The arity of the operator an expression names (``op``, ``+``, ``LAMBDA x: e``,
        ``I!op``), 0 for any other expression, None when it cannot tell."""
        if isinstance(e, A.Lambda):
            return len(e.params)
        if isinstance(e, (A.OpArg, A.OpApp)) and not getattr(e, "args", ()):
            sym = self.lookup(e.name)
            if sym is None or (sym.kind == BUILTIN and sym.builtin.arity < 0):
                return None
            return max(sym.arity, 0)
        if isinstance(e, A.Qualified):
            sym = self.out.resolved.get(id(e))
            return sym.arity if sym is not None and not e.path[-1][1] else None
        return 0

    def u_assume(self, u: A.Assume) -> None:
        level = self.expr(u.expr)
        if level.value != L.CONSTANT:
            self.error(f"Level error: assumptions must be level 0 (Constant), \nbut this one "
                       f"has level {level.value}.", u.span)
        if u.name:
            self.declare(Sym(u.name, THEOREM, 0, u.span, self.mod.name, u), u.span)

    def u_theorem(self, u: A.Theorem) -> None:
        self.push()
        if isinstance(u.body, A.AssumeProve):
            self.assume_prove(u.body)
        else:
            self.expr(u.body)
        if u.proof is not None:
            self.lenient_walk(u.proof)
        self.pop()
        if u.name:
            self.declare(Sym(u.name, THEOREM, 0, u.span, self.mod.name, u), u.span)

    def u_use(self, u: A.UseOrHide) -> None:
        if u.kind.upper() == "HIDE":
            for fact in u.facts:
                sym = self.lookup(fact.name) if isinstance(fact, A.OpApp) and not fact.args \
                    else None
                if sym is not None and sym.kind not in (THEOREM, NEW, BOUND):
                    self.error("HIDE statements can only refer to theorems, assumptions, or "
                               f"proof steps; to hide the definition of {fact.name}, write "
                               f"HIDE DEF {fact.name}.", fact.span or u.span)
        self.lenient_walk(u)

    def u_module(self, u: A.Module) -> None:
        earlier = self.find_nested(u.name)
        info = self.world.analyse(u, self)
        if earlier is not None:
            where = earlier.span.tlc_location() if earlier.span else f"module {earlier.name}"
            self.error(f"Multiply-defined module '{u.name}': this definition or declaration "
                       f"conflicts \nwith the one at {where}.", u.span)
            return
        if u.name in self.imported:
            self.error(f"Multiply-defined module '{u.name}': this definition conflicts with "
                       f"\nthe module {u.name} imported before it.", u.span)
            return
        self.info.nested[u.name] = info
        self.nested_modules[u.name] = u

    def find_nested(self, name: str) -> Optional[A.Module]:
        resolver: Optional[_Resolver] = self
        while resolver is not None:
            found = resolver.nested_modules.get(name)
            if found is not None:
                return found
            resolver = resolver.outer
        return None

    # ---- proofs (permissive) --------------------------------------------------------

    def lenient_walk(self, obj: object) -> None:
        self.lenient += 1
        self.push()
        try:
            self.walk_any(obj)
        finally:
            self.pop()
            self.lenient -= 1

    def walk_any(self, obj: object) -> None:
        if obj is None or isinstance(obj, (str, int, bool)):
            return
        if isinstance(obj, (tuple, list)):
            for item in obj:
                self.walk_any(item)
        elif isinstance(obj, A.AssumeProve):
            self.assume_prove(obj)
        elif isinstance(obj, A.Expr):
            self.expr(obj)
        elif isinstance(obj, A.NewDecl):
            self.new_decl(obj)
        elif isinstance(obj, A.Bound):
            if obj.domain is not None:
                self.expr(obj.domain)
            for name in obj.names:
                self.scopes[-1][name] = Sym(name, BOUND, 0, obj.span, self.mod.name, obj)
        elif isinstance(obj, A.ProofStep):
            self.walk_any(obj.body)
            if obj.proof is not None:
                self.walk_any(obj.proof)
        elif isinstance(obj, A.Proof):
            self.walk_any(obj.facts)
            self.use_names(obj.defs)
            self.walk_any(obj.steps)
        elif isinstance(obj, A.UseOrHide):
            self.walk_any(obj.facts)
            self.use_names(obj.defs)
        elif isinstance(obj, A.Unit):
            self.unit(obj)

    def use_names(self, names) -> None:
        for name in names:
            if not isinstance(name, str):
                self.walk_any(name)
                continue
            head = name.split("!")[0]
            sym = self.lookup(name) or self.lookup(head)
            if sym is not None:
                self.mark_used(sym)

    def new_decl(self, d: A.NewDecl) -> None:
        if d.domain is not None and self.expr(d.domain).value == L.TEMPORAL:
            self.error(f"Level error: the bound of NEW {d.name} is a temporal formula.", d.span)
        sym = Sym(d.name, NEW, d.arity, d.span, self.mod.name, d)
        sym.base_level = L.NEW_KIND_LEVEL.get(d.kind.upper(), L.CONSTANT)
        if self.lenient:
            self.scopes[-1][d.name] = sym
        else:
            self.declare(sym, d.span)

    def assume_prove(self, ap: A.AssumeProve) -> None:
        for item in ap.assumptions:
            if isinstance(item, A.NewDecl):
                self.new_decl(item)
            elif isinstance(item, A.AssumeProve):
                self.push()
                self.assume_prove(item)
                self.pop()
            elif isinstance(item, A.Expr):
                self.expr(item)
            else:
                self.walk_any(item)
        self.expr(ap.goal)

    # ---- expressions ----------------------------------------------------------------

    def expr(self, e: object) -> L.Level:
        handler = _EXPR_HANDLERS.get(type(e))
        if handler is None:
            if isinstance(e, (tuple, list)):
                return L.join_all([self.expr(x) for x in e])
            return L.CONST_LEVEL
        return handler(self, e)

    def combine(self, b: L.BuiltIn, levels: list[L.Level], span: Optional[Span]) -> L.Level:
        """Check ``levels`` against built-in ``b``'s maxima; the level of the application."""
        if b.sany == "'" and levels and self.recursive_params & levels[0].deps:
            primed = sorted(p.name for p in self.recursive_params & levels[0].deps)
            self.error(f"A recursive operator may not prime its parameter: {', '.join(primed)}.",
                       span)
        value = b.level
        deps: frozenset = frozenset()
        for i, lv in enumerate(levels):
            limit = b.max_arg(i)
            if lv.value > limit:
                self.error(L.level_error(b.sany, i), span)
            if lv.deps:
                self.maxima.constrain(lv.deps, limit)
            if b.weight(i):
                if lv.value > value:
                    value = lv.value
                if lv.deps:
                    deps = deps | lv.deps
        if b.sany in L.LOGICAL:
            vals = {lv.value for lv in levels}
            if L.TEMPORAL in vals and L.ACTION in vals:
                what = {"$ConjList": "Conjunction list",
                        "$DisjList": "Disjunction list"}.get(b.sany, b.sany)
                self.error(f"{what} has both temporal formula and action as arguments.", span)
        return L.Level(value, deps)

    def e_const(self, e: object) -> L.Level:
        return L.CONST_LEVEL

    def e_opapp(self, e: A.OpApp) -> L.Level:
        sym = self.lookup(e.name)
        if sym is None:
            self.error(f"Unknown operator: `{e.name}'.", e.span)
            for a in e.args:
                self.operand_any(a)
            return L.CONST_LEVEL
        self.use(sym, e)
        return self.apply(sym, e.name, e.args, e.span, e)

    def apply(self, sym: Sym, name: str, args: tuple, span: Optional[Span],
              node: object) -> L.Level:
        """Check and compute the level of ``name(args)`` where ``name`` resolved to ``sym``."""
        kind = sym.kind
        if kind == BUILTIN:
            b = sym.builtin
            if b.arity >= 0 and b.arity != len(args):
                self.error(f"The operator {name} requires {b.arity} arguments.", span)
                return L.join_all([self.operand_any(a) for a in args])
            levels = [self.expr(a) for a in args]
            result = self.combine(b, levels, span)
            self.temporal_checks(b, args, levels, span)
            return result
        if kind == INSTANCE:
            self.error(f"Operator name {name} is incomplete.", span)
            return L.CONST_LEVEL
        if kind == THEOREM and not args:
            return L.CONST_LEVEL
        if sym.arity != len(args):
            self.error(f"The operator {name} requires {sym.arity} arguments.", span)
            for a in args:
                self.operand_any(a)
            return L.CONST_LEVEL
        levels = [self.operand(sym, i, a) for i, a in enumerate(args)]
        if kind in (DEF, FUNDEF) and sym.level is not None:
            dl = sym.level
            for i, lv in enumerate(levels):
                limit = dl.max_args[i] if i < len(dl.max_args) else L.TEMPORAL
                if lv.value > limit:
                    self.error(L.level_error(name, i), span)
                if lv.deps and limit < L.TEMPORAL:
                    self.maxima.constrain(lv.deps, limit)
            if dl.op_args:
                self.check_operator_arguments(name, dl, args, levels, span)
            return dl.apply(levels)
        if kind == PARAM:
            if args:
                self.ho_uses.setdefault(sym, []).extend(enumerate(levels))
            return L.join_all([L.Level(L.CONSTANT, frozenset((sym,))), *levels])
        base = L.Level(sym.base_level)
        return L.join_all([base, *levels])

    def check_operator_arguments(self, name: str, dl: L.DefLevel, args: tuple,
                                 levels: list[L.Level], span: Optional[Span]) -> None:
        """An operator passed for a higher-order parameter must accept arguments of the
        levels the definition applies the parameter to (SANY's OpApplNode level check)."""
        for i, uses in enumerate(dl.op_args):
            if not uses or i >= len(args):
                continue
            maxima = self.operator_maxima(args[i])
            if maxima is None:
                continue
            for j, value, params in uses:
                required = max([value, *(levels[k].value for k in params if k < len(levels))])
                allowed = maxima(j)
                if allowed is not None and allowed < required:
                    self.error(L.operator_argument_error(name, i, j, required), span)

    def operator_maxima(self, a: object):
        """For an operator argument: a function from argument index to the highest level
        the operator accepts there (None when unknown)."""
        target = None
        if isinstance(a, A.Lambda):
            maxima = self.lambda_maxima.get(id(a))
            return (lambda j: maxima[j] if maxima and j < len(maxima) else None)
        if isinstance(a, (A.OpArg, A.OpApp)) and not getattr(a, "args", ()):
            target = self.lookup(a.name)
        elif isinstance(a, A.Qualified):
            target = self.out.resolved.get(id(a))
        if target is None:
            return None
        if target.kind == BUILTIN:
            b = target.builtin
            return lambda j: b.max_arg(j) if b.arity < 0 or j < b.arity else None
        if target.level is not None and target.level.max_args:
            m = target.level.max_args
            return lambda j: m[j] if j < len(m) else None
        return None

    def temporal_checks(self, b: L.BuiltIn, args: tuple, levels: list[L.Level],
                        span: Optional[Span]) -> None:
        if b.sany == "[]" and levels[0].value == L.ACTION and \
                not isinstance(args[0], (A.BoxAction, A.Let, A.Label)):
            self.error("[] followed by action not of form [A]_v.", span)
        elif b.sany == "<>" and levels[0].value == L.ACTION and \
                not isinstance(args[0], (A.AngleAction, A.Let, A.Label)):
            self.error("<> followed by action not of form <<A>>_v.", span)
        elif b.sany in ("~>", "-+->") and any(lv.value == L.ACTION for lv in levels):
            self.error("Action used where only temporal formula or state predicate allowed.",
                       span)

    def operand_any(self, a: object) -> L.Level:
        """An argument whose expected arity is unknown (after an error, or substitutions):
        operator names are accepted as they are."""
        if isinstance(a, A.OpArg):
            sym = self.lookup(a.name)
            if sym is not None:
                self.use(sym, a)
            return L.CONST_LEVEL
        if isinstance(a, A.OpApp) and not a.args:
            sym = self.lookup(a.name)
            if sym is not None and sym.arity > 0 and sym.kind != BUILTIN:
                self.use(sym, a)
                return L.Level(sym.level.base if sym.level else sym.base_level)
        if isinstance(a, A.Lambda):
            return self.lambda_level(a)
        return self.expr(a)

    def operand(self, sym: Sym, i: int, a: object) -> L.Level:
        """Argument ``i`` of an application of ``sym``: an expression, or an operator when
        the parameter is higher-order."""
        expected = sym.param_arities[i] if i < len(sym.param_arities) else 0
        if expected == 0:
            return self.expr(a)
        span = getattr(a, "span", None)
        if isinstance(a, A.Lambda):
            if len(a.params) != expected:
                self.error(f"Expected arity {expected} but found operator of arity "
                           f"{len(a.params)}.", span)
            return self.lambda_level(a)
        target: Optional[Sym] = None
        if isinstance(a, (A.OpArg, A.OpApp)) and not getattr(a, "args", ()):
            target = self.lookup(a.name)
            if target is None:
                self.error(f"Unknown operator: `{a.name}'.", span)
                return L.CONST_LEVEL
            self.use(target, a)
        elif isinstance(a, A.Qualified) and not a.path[-1][1]:
            target = self.qualified_target(a)
            if target is None:
                return L.CONST_LEVEL
        else:
            self.error(f"Expected arity {expected} but found operator of arity 0.", span)
            self.expr(a)
            return L.CONST_LEVEL
        found = target.arity
        if target.kind == BUILTIN and target.builtin.arity < 0:
            found = expected
        if found != expected:
            self.error(f"Expected arity {expected} but found operator of arity {found}.", span)
        if target.level is not None:
            return L.Level(target.level.base, target.level.deps)
        if target.kind == PARAM:
            return L.Level(L.CONSTANT, frozenset((target,)))
        if target.kind == BUILTIN:
            return L.Level(target.builtin.level)
        return L.Level(target.base_level)

    def lambda_level(self, a: A.Lambda) -> L.Level:
        self.push()
        params = []
        for name in a.params:
            ps = Sym(name, PARAM, 0, a.span, self.mod.name, a)
            self.declare(ps, a.span)
            params.append(ps)
        body = self.expr(a.body)
        self.pop()
        self.lambda_maxima[id(a)] = tuple(self.maxima.maxima.get(p, L.TEMPORAL)
                                          for p in params)
        return L.Level(body.value, body.deps - frozenset(params))

    def e_oparg(self, e: A.OpArg) -> L.Level:
        sym = self.lookup(e.name)
        if sym is None:
            self.error(f"Unknown operator: `{e.name}'.", e.span)
        else:
            self.use(sym, e)
        return L.CONST_LEVEL

    def qualified_target(self, e: A.Qualified) -> Optional[Sym]:
        """Resolve ``I!J!Op`` without applying ``Op``: its symbol, or None (reported, or a
        subexpression selector that is accepted as is)."""
        sym, _levels = self.walk_path(e, apply_last=False)
        return sym

    def walk_path(self, e: A.Qualified, apply_last: bool):
        path = e.path
        first, first_args = path[0]
        sym = self.lookup(first)
        full = first
        if sym is None:
            joined = "!".join(step for step, _ in path if _is_name(step))
            self.error(f"Unknown operator: `{joined}'.", e.span)
            self.walk_args(path)
            return None, L.CONST_LEVEL
        self.use(sym, e)
        if sym.kind != INSTANCE:
            self.walk_args(path)   # a subexpression selector such as Op!1 or Def!:
            return None, L.CONST_LEVEL
        levels = [self.operand_any(a) for a in first_args]
        if len(first_args) != sym.arity:
            self.error(f"The operator {first} requires {sym.arity} arguments.", e.span)
        for k in range(1, len(path)):
            step, args = path[k]
            if not _is_name(step):
                self.walk_args(path[k:])
                return None, L.join_all(levels)
            nxt = sym.exports.get(step)
            full = f"{full}!{step}"
            if nxt is None:
                self.error(f"Unknown operator: `{full}'.", e.span)
                self.walk_args(path[k:])
                return None, L.CONST_LEVEL
            self.mark_used(nxt)
            last = k == len(path) - 1
            if nxt.kind == INSTANCE and not last:
                if len(args) != nxt.arity:
                    self.error(f"The operator {full} requires {nxt.arity} arguments.", e.span)
                levels.extend(self.operand_any(a) for a in args)
                sym = nxt
                continue
            if not last:
                self.walk_args(path[k:])
                return None, L.join_all(levels)
            self.out.resolved[id(e)] = nxt
            if not apply_last:
                return nxt, L.join_all(levels)
            if nxt.kind == INSTANCE:
                self.error(f"Operator name {full} is incomplete.", e.span)
                return None, L.CONST_LEVEL
            return nxt, L.join_all([*levels, self.apply(nxt, full, args, e.span, e)])
        self.error(f"Operator name {full} is incomplete.", e.span)
        return None, L.CONST_LEVEL

    def walk_args(self, steps) -> None:
        for _step, args in steps:
            for a in args:
                self.operand_any(a)

    def e_qualified(self, e: A.Qualified) -> L.Level:
        _sym, level = self.walk_path(e, apply_last=True)
        return level

    def bounds(self, bounds, op: str) -> list[L.Level]:
        """Check the domains of binder groups (in the enclosing scope), then declare the
        bound names in the innermost scope; the levels of the domains."""
        levels = []
        for b in bounds:
            if b.domain is not None:
                lv = self.expr(b.domain)
                if lv.value > L.ACTION:
                    names = b.names[0] if b.names else "?"
                    self.error(f"Level error in applying operator {op}:\nThe level of the range "
                               f"for the bounded variable {names} \nexceeds the maximum level "
                               f"allowed by the operator.", b.span)
                levels.append(lv)
        for b in bounds:
            for name in b.names:
                self.declare(Sym(name, BOUND, 0, b.span, self.mod.name, b), b.span)
        return levels

    def e_quant(self, e: A.Quant) -> L.Level:
        bounded = any(b.domain is not None for b in e.bounds)
        if e.kind == "\\A":
            b = L.BOUNDED_FORALL if bounded else L.UNBOUNDED_FORALL
        else:
            b = L.BOUNDED_EXISTS if bounded else L.UNBOUNDED_EXISTS
        self.push()
        ranges = self.bounds(e.bounds, b.sany)
        body = self.expr(e.body)
        self.pop()
        result = self.combine(b, [body], e.span).join(L.join_all(ranges))
        if result.value == L.TEMPORAL and any(r.value == L.ACTION for r in ranges):
            self.error("Action-level bound of quantified temporal formula.", e.span)
        return result

    def e_temporal_quant(self, e: A.TemporalQuant) -> L.Level:
        self.push()
        for name in e.names:
            sym = Sym(name, BOUND, 0, e.span, self.mod.name, e)
            sym.base_level = L.STATE
            self.declare(sym, e.span)
        body = self.expr(e.body)
        self.pop()
        return self.combine(L.TEMPORAL_QUANT, [body], e.span)

    def e_choose(self, e: A.Choose) -> L.Level:
        b = L.BOUNDED_CHOOSE if e.bound.domain is not None else L.UNBOUNDED_CHOOSE
        self.push()
        ranges = self.bounds((e.bound,), b.sany)
        body = self.expr(e.body)
        self.pop()
        return self.combine(b, [body], e.span).join(L.join_all(ranges))

    def e_setfilter(self, e: A.SetFilter) -> L.Level:
        self.push()
        ranges = self.bounds((e.bound,), L.SUBSET_OF.sany)
        pred = self.expr(e.pred)
        self.pop()
        return self.combine(L.SUBSET_OF, [pred], e.span).join(L.join_all(ranges))

    def e_setmap(self, e: A.SetMap) -> L.Level:
        self.push()
        ranges = self.bounds(e.bounds, L.SET_OF_ALL.sany)
        body = self.expr(e.expr)
        self.pop()
        return self.combine(L.SET_OF_ALL, [body], e.span).join(L.join_all(ranges))

    def e_funcons(self, e: A.FunCons) -> L.Level:
        self.push()
        ranges = self.bounds(e.bounds, L.FCN_CONS.sany)
        body = self.expr(e.body)
        self.pop()
        return self.combine(L.FCN_CONS, [body], e.span).join(L.join_all(ranges))

    def e_lambda(self, e: A.Lambda) -> L.Level:
        self.error("LAMBDA expression used where an expression is required; a LAMBDA can only "
                   "be the argument of a higher-order operator.", e.span)
        return self.lambda_level(e)

    def e_setenum(self, e: A.SetEnum) -> L.Level:
        return self.combine(L.SET_ENUM, [self.expr(x) for x in e.elems], e.span)

    def e_tuple(self, e: A.Tuple) -> L.Level:
        return self.combine(L.TUPLE, [self.expr(x) for x in e.elems], e.span)

    def e_record(self, e: A.Record) -> L.Level:
        return self.combine(L.RECORD, [self.expr(v) for _f, v in e.fields], e.span)

    def e_recordset(self, e: A.RecordSet) -> L.Level:
        return self.combine(L.RECORD_SET, [self.expr(v) for _f, v in e.fields], e.span)

    def e_field(self, e: A.FieldAccess) -> L.Level:
        return self.combine(L.RCD_SELECT, [self.expr(e.record), L.CONST_LEVEL], e.span)

    def e_funset(self, e: A.FunSet) -> L.Level:
        return self.combine(L.FCN_SET, [self.expr(e.domain), self.expr(e.range)], e.span)

    def check_no_recursive_pending(self, unit: A.Unit) -> None:
        """Between a RECURSIVE declaration and the definition it announces, a module may
        only have definitions (SANY's recursive section)."""
        pending = [s.name for s in self.mscope.values()
                   if s.kind == RECURSIVE and s.module == self.mod.name
                   and s.name not in self.recursive_reported]
        if pending:
            self.recursive_reported.update(pending)
            what = {A.Constants: "CONSTANT declaration", A.Variables: "VARIABLE declaration",
                    A.Theorem: "theorem", A.Assume: "assumption", A.UseOrHide: "USE or HIDE",
                    A.Module: "module"}[type(unit)]
            self.error(f"A {what} may not come between the RECURSIVE declaration of "
                       f"{', '.join(pending)} and its definition.", getattr(unit, "span", None))

    def check_recursive_defined(self, scope: dict[str, Sym]) -> None:
        """Every RECURSIVE declaration of a module or LET must be defined in it."""
        for sym in scope.values():
            if sym.kind == RECURSIVE and sym.module == self.mod.name:
                self.error(f"Symbol {sym.name} declared in RECURSIVE statement but not "
                           f"defined.", sym.span)

    def e_funapp(self, e: A.FunApp) -> L.Level:
        fn = self.expr(e.fn)
        sym = self.out.resolved.get(id(e.fn)) if isinstance(e.fn, A.OpApp) else None
        if sym is not None and sym.kind == FUNDEF and isinstance(sym.node, A.FunDef):
            wanted = sum(1 if b.tuple_pattern else len(b.names) for b in sym.node.bounds)
            if wanted != len(e.args) and len(e.args) > 1:
                self.error(f"Function '{sym.name}' is defined with {wanted} parameters, but "
                           f"is applied to {len(e.args)} arguments.", e.span)
        arg = L.join_all([self.expr(a) for a in e.args])
        return self.combine(L.FCN_APPLY, [fn, arg], e.span)

    def e_except(self, e: A.Except) -> L.Level:
        levels = [self.expr(e.fn)]
        for path, value in e.updates:
            for step in path:
                if isinstance(step, A.ExceptIndex):
                    levels.extend(self.expr(a) for a in step.args)
            self.except_depth += 1
            levels.append(self.expr(value))
            self.except_depth -= 1
        return self.combine(L.EXCEPT, levels, e.span)

    def e_at(self, e: A.At) -> L.Level:
        if not self.except_depth:
            self.error("@ is only defined inside the value of an EXCEPT clause.", e.span)
        return L.CONST_LEVEL

    def e_if(self, e: A.If) -> L.Level:
        return self.combine(L.IF_THEN_ELSE,
                            [self.expr(e.cond), self.expr(e.then), self.expr(e.else_)], e.span)

    def e_case(self, e: A.Case) -> L.Level:
        levels = []
        for cond, value in e.arms:
            levels.append(self.expr(cond))
            levels.append(self.expr(value))
        if e.other is not None:
            levels.append(self.expr(e.other))
        return self.combine(L.CASE, levels, e.span)

    def e_let(self, e: A.Let) -> L.Level:
        scope = self.push()
        for d in e.defs:
            self.unit(d)
        self.check_recursive_defined(scope)
        body = self.expr(e.body)
        self.pop()
        if not self.lenient:
            self.info.let_defs.extend(s for s in scope.values() if s.kind in (DEF, FUNDEF))
        return body

    def e_junction(self, e: A.Junction) -> L.Level:
        b = L.CONJ_LIST if e.kind == "/\\" else L.DISJ_LIST
        return self.combine(b, [self.expr(x) for x in e.items], e.span)

    def e_box(self, e: A.BoxAction) -> L.Level:
        return self.combine(L.SQUARE_ACT, [self.expr(e.action), self.expr(e.sub)], e.span)

    def e_angle(self, e: A.AngleAction) -> L.Level:
        return self.combine(L.ANGLE_ACT, [self.expr(e.action), self.expr(e.sub)], e.span)

    def e_fairness(self, e: A.Fairness) -> L.Level:
        b = L.WF if e.kind == "WF" else L.SF
        return self.combine(b, [self.expr(e.sub), self.expr(e.action)], e.span)

    def enter_definition(self) -> tuple:
        """A definition's body starts a new namespace of labels, whose parameters are the
        identifiers bound inside that body."""
        saved = (self.def_scope_base, self.label_names)
        self.def_scope_base = len(self.scopes)
        self.label_names = [set()]
        return saved

    def leave_definition(self, saved: tuple) -> None:
        self.def_scope_base, self.label_names = saved

    def e_label(self, e: A.Label) -> L.Level:
        span = e.span
        names = self.label_names[-1]
        if e.name in names:
            self.error(f"Label `{e.name}' is defined twice at the same level.", span)
        names.add(e.name)
        if self.except_depth:
            self.error(f"Label `{e.name}' is not allowed inside an EXCEPT clause.", span)
        seen = set()
        for p in e.params:
            if p in seen:
                self.error(f"Repeated formal parameter {p} \nin label `{e.name}'.", span)
            seen.add(p)
        bound = [n for scope in self.scopes[self.def_scope_base:]
                 for n, sym in scope.items() if sym.kind == BOUND]
        if set(bound) != seen:
            wanted = ", ".join(bound) if bound else "none"
            self.error(f"The parameters of label `{e.name}' must be the identifiers bound "
                       f"where it occurs ({wanted}).", span)
        self.label_names.append(set())
        body = self.expr(e.body)
        self.label_names.pop()
        return body

    def e_assume_prove(self, e: A.AssumeProve) -> L.Level:
        self.push()
        self.assume_prove(e)
        self.pop()
        return L.CONST_LEVEL


_OWNING_UNITS = (A.OpDef, A.FunDef, A.InstanceDef)

_NOT_IN_RECURSIVE_SECTION = (A.Constants, A.Variables, A.Theorem, A.Assume, A.UseOrHide,
                             A.Module)

_UNIT_HANDLERS = {
    A.Constants: _Resolver.u_constants,
    A.Variables: _Resolver.u_variables,
    A.Recursive: _Resolver.u_recursive,
    A.OpDef: _Resolver.u_opdef,
    A.FunDef: _Resolver.u_fundef,
    A.InstanceDef: _Resolver.u_instance,
    A.Assume: _Resolver.u_assume,
    A.Theorem: _Resolver.u_theorem,
    A.UseOrHide: _Resolver.u_use,
    A.Module: _Resolver.u_module,
}

_EXPR_HANDLERS = {
    A.Num: _Resolver.e_const,
    A.Decimal: _Resolver.e_const,
    A.Str: _Resolver.e_const,
    A.Bool: _Resolver.e_const,
    A.At: _Resolver.e_at,
    A.OpApp: _Resolver.e_opapp,
    A.OpArg: _Resolver.e_oparg,
    A.Qualified: _Resolver.e_qualified,
    A.Quant: _Resolver.e_quant,
    A.TemporalQuant: _Resolver.e_temporal_quant,
    A.Choose: _Resolver.e_choose,
    A.SetEnum: _Resolver.e_setenum,
    A.SetFilter: _Resolver.e_setfilter,
    A.SetMap: _Resolver.e_setmap,
    A.Tuple: _Resolver.e_tuple,
    A.Record: _Resolver.e_record,
    A.RecordSet: _Resolver.e_recordset,
    A.FieldAccess: _Resolver.e_field,
    A.FunCons: _Resolver.e_funcons,
    A.FunSet: _Resolver.e_funset,
    A.FunApp: _Resolver.e_funapp,
    A.Except: _Resolver.e_except,
    A.If: _Resolver.e_if,
    A.Case: _Resolver.e_case,
    A.Let: _Resolver.e_let,
    A.Junction: _Resolver.e_junction,
    A.Lambda: _Resolver.e_lambda,
    A.BoxAction: _Resolver.e_box,
    A.AngleAction: _Resolver.e_angle,
    A.Fairness: _Resolver.e_fairness,
    A.Label: _Resolver.e_label,
    A.AssumeProve: _Resolver.e_assume_prove,
}
