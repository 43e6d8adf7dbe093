"""A loaded specification ready to evaluate: the API the model checker calls.

Takes a module tree (``tla.parser.loader.load_tree``: ``.root``, ``.modules`` name ->
:class:`tla.parser.ast.Module`, optionally ``.paths``/``.order``) and the cfg's constant
values and substitutions; gives a :class:`Model`.

::

    model = build_model(tree, constants={"N": 3, "Procs": FSet([ModelValue("p1"), ...]),
                                         ("Mod", "NoVal"): ModelValue("NoVal")},  # = [Mod]
                        substitutions={"Init2": "MyInit"},              # cfg  Init2 <- MyInit
                        module_substitutions={("Mod", "Op"): "Other"})  # cfg  Op <-[Mod] Other
    model.variables                 # names in declaration order (index = position in states)
    model.declared_constants        # [(name, arity)] declared by the root and what it EXTENDS
    model.unassigned_constants()    # the declared ones the cfg gives no value or substitution
    model.has_definition(name); model.definition_arity(name); model.level_of(name)
    model.assumptions()             # [(span, thunk -> bool)]
    model.split_spec(name)          # SpecParts(init, next, vars, fairness, temporal)
    model.init_states(init)         # list of states (tuples, model.variables order), TLC order
    model.next_states(next, state)  # iterator of (state, ActionLabel), TLC order
    model.unspecified_error(state, label)  # TLC 2109 for a state with holes
    model.intermediate_generated    # intermediate states of A \\cdot B so far (TLC counts
                                    # them in "states generated")
    # A variable the predicate/action leaves unbound is None in the yielded state (a hole,
    # TLC prints it as null); unspecified_error() words TLC's error for it.
    model.actions_of(next)          # the split actions (Action objects with .label)
    model.eval_predicate(name, state) -> bool        # invariants, state constraints
    model.eval_action_predicate(name, s, t) -> bool  # action constraints, [][A]_v properties
    model.eval_function(name, state)                 # VIEW, ALIAS, SYMMETRY, POSTCONDITION
    model.evaluate(text_or_expr, state=None, next_state=None, **bound)
    model.ctx                       # the CallContext (set .level before evaluating a state)

``init``/``next``/``name`` arguments are a definition name or an AST expression of the root
module. Errors: :class:`tla.errors.EvalError` (run-time, TLC's wording, with spans),
:class:`~tla.evaluator.actions.UnspecifiedError` (TLC 2109) from ``next_states``,
:class:`tla.errors.SemanticError` for names that do not resolve.
"""
from __future__ import annotations

import os
import sys
import threading
from functools import partial
from typing import Iterator, Optional

from tla.records import field, mutable_record
from tla.errors import EvalError, SemanticError
from tla.parser import ast as A
from tla.evaluator import values as V
from tla.evaluator.context import CallContext
from tla.evaluator.compiler import Compiler, UNSET, EMPTY_ENV, canonical
from tla.evaluator.actions import (ActionCompiler, ActionLabel, UnspecifiedError,
                                   split_actions)
from tla.evaluator.scope import (ModuleNS, LocalScope, VarEntry, ConstEntry, SubstEntry,
                                 DefEntry, InstanceEntry, BoundEntry, UNASSIGNED,
                                 SnapshotScope)

#: calls the reference evaluator answers before the Python code of a predicate (an
#: invariant, a property's state or action formula) is generated and compiled: a millisecond
#: or so for a small one, a tenth of a second for a liveness formula that expands many
#: definitions, paid back after some dozens of calls
WARMUP_CALLS = 64
#: ...and this many for one whose expansion is small (``codegen.size.expanded_size`` at most
#: SMALL_PREDICATE): its code takes a few milliseconds to write (Paxos/MCVoting's
#: invariant, 135 nodes: 8-13 ms; EWD998ChanID's, past 2,000: 260 ms)
WARMUP_CALLS_SMALL = 8
SMALL_PREDICATE = 200
#: states whose successors the reference evaluator computes before the actions' code is
#: generated: the reference is several times slower per state than the generated code
#: (callgrind, 16 against 64: -1.5 % to -8.5 % instructions on models of 75 to 4,200
#: distinct states, +3 % on one of 30)
WARMUP_STATES = 16
#: hand-overs to the reference after which generated code that fails half the time is
#: dropped (``Model._generated_evaluator``)
GIVE_UP = 32


def plain_environment(env: dict) -> bool:
    """Whether the bound names of ``env`` all hold plain values, which generated code reads
    as they are (not the lazy LET values of a split action, ``_Lazy`` and ``_Fresh``)."""
    return all(type(v).__name__ not in ("_Lazy", "_Fresh") for v in env.values())


def after_warmup(plain, make, calls: int, install=None):
    """A function answering as ``plain`` for its first ``calls`` calls, then as the function
    ``make()`` returns (built once, at the end of the warm-up). ``install(warming, made)``,
    when given, is told of the function made, so that a caller holding the warming function
    can put the made one in its place and skip the wrapper's call from then on."""
    if calls <= 0:
        return make()
    cell = [calls, None]

    def warming(*args):
        f = cell[1]
        if f is not None:
            return f(*args)
        cell[0] -= 1
        if cell[0] <= 0:
            cell[1] = made = make()
            if install is not None:
                install(warming, made)
        return plain(*args)
    return warming

__all__ = ["build_model", "Model", "SpecParts", "ActionLabel", "UnspecifiedError",
           "run_with_big_stack"]


def run_with_big_stack(fn, *args, stack_mb: int = 512, **kwargs):
    """Run ``fn`` in a thread with a large C stack, so that deep recursion in specs
    (recursive operators and functions) does not crash the interpreter; returns its result
    or re-raises its exception."""
    result: list = []
    error: list = []

    def target():
        try:
            result.append(fn(*args, **kwargs))
        except BaseException as e:  # handed back to the caller's thread
            error.append(e)
    old = threading.stack_size()
    old_limit = sys.getrecursionlimit()
    threading.stack_size(stack_mb * 1024 * 1024)
    # the limit is per process: raised only while the big-stack thread runs, so that the
    # main thread's ordinary stack never recurses past what it can hold
    sys.setrecursionlimit(max(old_limit, stack_mb * 400))
    try:
        th = threading.Thread(target=target)
        th.start()
        # Join in short waits: a signal (Ctrl-C, SIGTERM) delivered to another thread only
        # runs its Python handler when the main thread wakes up.
        while th.is_alive():
            th.join(0.05)
    finally:
        threading.stack_size(old)
        sys.setrecursionlimit(old_limit)
    if error:
        raise error[0]
    return result[0] if result else None


@mutable_record
class SpecParts:
    """A SPECIFICATION formula taken apart: ``init`` (a state predicate, or None), ``next``
    (the action inside ``[][A]_v``, or None), ``vars`` (the ``v``), ``fairness``
    (``WF_v(A)``/``SF_v(A)`` nodes) and ``temporal`` (other temporal conjuncts)."""
    init: Optional[A.Expr] = None
    next: Optional[A.Expr] = None
    vars: Optional[A.Expr] = None
    fairness: list = field(default_factory=list)
    temporal: list = field(default_factory=list)


class _SubstRef:
    """A cfg ``lhs <- rhs``: ``lhs`` denotes the definition ``rhs`` of ``ns`` (None: the
    root module), or of ``alt`` (None: the root module) when ``ns`` has none."""
    __slots__ = ("target", "ns", "alt")

    def __init__(self, target: str, ns, alt=None):
        self.target = target
        self.ns = ns
        self.alt = alt


class _RootCtx:
    def __init__(self, model):
        self.model = model

    def constant(self, decl: A.Param, ns):
        m = self.model
        if decl.name in m._subst:
            return ConstEntry(decl.name, decl.arity, _SubstRef(m._subst[decl.name], None),
                              decl.span)
        return ConstEntry(decl.name, decl.arity, m._constants.get(decl.name, UNASSIGNED),
                          decl.span)

    def variable(self, name: str, ns):
        m = self.model
        idx = len(m.variables)
        m.variables.append(name)
        return VarEntry(name, idx)


class _InstanceCtx:
    """Constants and variables of an instantiated module: the WITH substitutions, or the
    same names in the instantiating scope."""

    def __init__(self, model, subs: dict, scope):
        self.model = model
        self.subs = subs
        self.scope = scope

    def _subst(self, name, arity, span):
        expr = self.subs.get(name)
        scope = self.scope
        if expr is None:
            expr = A.OpApp(name, (), span)
        if arity > 0:
            target = None
            if isinstance(expr, A.OpApp) and not expr.args:
                target = scope.lookup(canonical(expr.name))
            if target is None and isinstance(expr, (A.OpArg,)):
                target = scope.lookup(canonical(expr.name))
            if target is None:
                if isinstance(expr, A.Lambda):
                    params = tuple(A.Param(p) for p in expr.params)
                    target = DefEntry(name, params, expr.body, scope, scope.module_ns.module.name,
                                      carry=scope.module_ns.carry, let=True)
                else:
                    raise SemanticError(f"No substitution for the operator constant {name}.",
                                        span)
            return SubstEntry(name, None, 0, op=target, expr=expr, scope=scope)
        var_index = None
        if isinstance(expr, A.OpApp) and not expr.args:
            ent = scope.lookup(canonical(expr.name))
            if ent is None:
                return _missing(name, span)
            if type(ent) is VarEntry:
                var_index = ent.index
            elif type(ent) is SubstEntry:
                var_index = ent.var_index
        return SubstEntry(name, None, 0, var_index, expr=expr, scope=scope)

    def constant(self, decl, ns):
        return self._subst(decl.name, decl.arity, decl.span)

    def variable(self, name, ns):
        return self._subst(name, 0, None)


def _missing(name, span):
    def fail(s, t, e):
        raise EvalError(f"The identifier {name} of an instantiated module has no "
                        f"substitution.", span)
    return SubstEntry(name, fail, 0)


class Model:
    def __init__(self, tree, constants=None, substitutions=None, module_substitutions=None,
                 ctx: CallContext | None = None, seed_intern: bool = True):
        self.tree = tree
        self.modules: dict[str, A.Module] = dict(getattr(tree, "modules", {}) or {})
        root = tree.root
        if isinstance(root, str):
            root = self.modules[root]
        self.root: A.Module = root
        self.modules.setdefault(root.name, root)
        self._constants = dict(constants or {})
        self._subst = dict(substitutions or {})
        self._msubst = dict(module_substitutions or {})
        self.variables: list[str] = []
        self.declared_constants: list[tuple[str, int]] = []
        #: states A produced inside ``A \\cdot B`` so far; TLC counts them as generated
        self.intermediate_generated = 0
        #: TLC's shortcut once a successor has every variable assigned (the rest of the
        #: action is evaluated as booleans); TLC turns it off under -nowarning
        self.assigned_shortcut = True
        self.ctx = ctx or CallContext()
        self.ctx.model = self
        paths = getattr(tree, "paths", None) or {}
        if root.name in paths:
            self.ctx.spec_dir = os.path.dirname(os.path.abspath(paths[root.name]))
        self.compiler = Compiler(self)
        self.actions = ActionCompiler(self)
        from tla.evaluator import codegen
        self.codegen_mode = codegen.mode()
        self.codegen = codegen.CodeGen(self) if self.codegen_mode != "off" else None
        #: calls (of a predicate) and states (of the next-state relation) the reference
        #: evaluator answers before code is generated (none in verify mode, which compares
        #: the two from the start)
        self.warmup = WARMUP_CALLS if self.codegen_mode == "on" else 0
        self.warmup_states = WARMUP_STATES if self.codegen_mode == "on" else 0
        self._ext_cache: dict = {}
        self._compiled: dict = {}
        #: the sizes of definitions found by ``predicate_warmup`` (``codegen.size``)
        self._sizes: dict = {}
        self._split_cache: dict = {}
        self._dispatchers: dict = {}
        if seed_intern:
            from tla.evaluator.intern_order import seed_from_tree
            seed_from_tree(tree)
        self._root_ctx = _RootCtx(self)
        self._registering_nested(root)
        self.root_ns = self._populate(root, (), self._root_ctx)

    # ----------------------------------------------------------------------------------
    # module semantics
    def _registering_nested(self, module: A.Module) -> None:
        for u in module.units:
            if isinstance(u, A.Module):
                self.modules.setdefault(u.name, u)
                self._registering_nested(u)

    def _module(self, name: str, span=None) -> A.Module:
        m = self.modules.get(name)
        if m is None:
            raise SemanticError(f"Cannot find source file for module {name}.", span)
        self._registering_nested(m)
        return m

    def _populate(self, module: A.Module, carry: tuple, ctx) -> ModuleNS:
        from tla.modules.registry import lookup
        ns = ModuleNS(module, carry, ctx)
        is_root_ctx = ctx is self._root_ctx
        for ext in module.extends:
            key = (ext, id(ctx), carry)
            ens = self._ext_cache.get(key)
            if ens is None:
                ens = self._populate(self._module(ext, module.span), carry, ctx)
                self._ext_cache[key] = ens
            ns.names.update(ens.exports)
            ns.exports.update(ens.exports)
            ns.copies.update(ens.copies)
            ns.assumes.extend(a for a in ens.assumes if a not in ns.assumes)
        msubst = {lhs: rhs for (mod, lhs), rhs in self._msubst.items() if mod == module.name}
        for u in module.units:
            tu = type(u)
            if tu is A.Constants:
                for d in u.decls:
                    ent = ctx.constant(d, ns)
                    self._bind(ns, d.name, ent, False)
                    if is_root_ctx:
                        self.declared_constants.append((d.name, d.arity))
            elif tu is A.Variables:
                for n in u.names:
                    self._bind(ns, n, ctx.variable(n, ns), False)
            elif tu is A.OpDef or tu is A.FunDef:
                name = canonical(u.name)
                if name in self._subst:
                    # TLC attaches a cfg substitution to the definition node itself: every
                    # body that refers to it (also inside instances) sees the replacement.
                    # ``I!Op`` names SANY's substituted copy of the definition, which keeps
                    # its own body: instances export the unreplaced definition under that
                    # name (ns.copies).
                    ent = ConstEntry(name, len(getattr(u, "params", ())),
                                     _SubstRef(self._subst[name], None), u.span)
                    if not is_root_ctx and not u.local:
                        ns.copies[name] = self._plain_def(u, name, ns, module, carry, lookup)
                elif is_root_ctx and name in self._constants and tu is A.OpDef \
                        and not u.params:
                    ent = ConstEntry(name, 0, self._constants[name], u.span)
                elif (module.name, name) in self._constants and tu is A.OpDef \
                        and not u.params:
                    ent = ConstEntry(name, 0, self._constants[(module.name, name)], u.span)
                elif tu is A.OpDef:
                    ent = DefEntry(name, u.params, u.body, ns, module.name,
                                   builtin=lookup(module.name, name), carry=carry,
                                   span=u.span)
                else:
                    ent = DefEntry(name, (), u.body, ns, module.name,
                                   builtin=lookup(module.name, name), carry=carry,
                                   bounds=u.bounds, span=u.span)
                self._bind(ns, name, ent, u.local)
            elif tu is A.InstanceDef:
                self.add_instance(u, ns, ns.names, exports=None if u.local else ns.exports)
            elif tu is A.Assume:
                ns.assumes.append((u, ns))
                if u.name:
                    self._bind(ns, u.name, DefEntry(u.name, (), u.expr, ns, module.name,
                                                    carry=carry, span=u.span), False)
            elif tu is A.Theorem:
                if u.name and isinstance(u.body, A.Expr) and \
                        not isinstance(u.body, A.AssumeProve):
                    self._bind(ns, u.name, DefEntry(u.name, (), u.body, ns, module.name,
                                                    carry=carry, span=u.span), False)
            elif tu is A.Module:
                self.modules.setdefault(u.name, u)
        for lhs, rhs in msubst.items():
            # cfg ``lhs <- [M] rhs``: inside M, lhs means M's rhs (or the root's)
            old = ns.names.get(lhs)
            ent = ConstEntry(lhs, getattr(old, "arity", 0), _SubstRef(rhs, ns), None)
            ns.names[lhs] = ent
            if lhs in ns.exports:
                ns.exports[lhs] = ent
        return ns

    @staticmethod
    def _plain_def(u, name, ns, module, carry, lookup) -> DefEntry:
        if type(u) is A.OpDef:
            return DefEntry(name, u.params, u.body, ns, module.name,
                            builtin=lookup(module.name, name), carry=carry, span=u.span)
        return DefEntry(name, (), u.body, ns, module.name, builtin=lookup(module.name, name),
                        carry=carry, bounds=u.bounds, span=u.span)

    @staticmethod
    def _bind(ns: ModuleNS, name: str, ent, local: bool) -> None:
        ns.names[name] = ent
        if not local:
            ns.exports[name] = ent

    def add_instance(self, u: A.InstanceDef, scope, names: dict, exports=None) -> None:
        """Process ``INSTANCE M WITH ...`` (unnamed: M's definitions join ``names``) or
        ``I(x) == INSTANCE M ...`` (named: an InstanceEntry)."""
        carry = scope.module_ns.carry
        if u.name is None:
            ins = self._instantiate(u.module, dict(u.subs), scope, carry, u.span)
            for n, ent in ins.exports.items():
                ent = ins.copies.get(n, ent)
                names[n] = ent
                if exports is not None:
                    exports[n] = ent
            return
        ent = InstanceEntry(u.name, u.params, u.module, u.subs, scope, carry, u.span)
        names[u.name] = ent
        if exports is not None:
            exports[u.name] = ent

    def _instantiate(self, module_name: str, subs: dict, scope, carry: tuple, span):
        module = self._module(module_name, span)
        subs = {canonical(k): v for k, v in subs.items()}
        ctx = _InstanceCtx(self, subs, SnapshotScope(scope))
        return self._populate(module, carry, ctx)

    def instantiate_entry(self, ent: InstanceEntry) -> ModuleNS:
        if ent._inst is None:
            pnames = tuple(p.name for p in ent.params)
            scope = ent.ns
            if pnames:
                scope = LocalScope(ent.ns, {p.name: BoundEntry(p.name, p.arity)
                                            for p in ent.params})
            ent._inst = self._instantiate(ent.module, dict(ent.subs), scope,
                                          ent.carry + pnames, ent.span)
        return ent._inst

    # ----------------------------------------------------------------------------------
    # names
    def _entry(self, name: str):
        ent = self.root_ns.lookup(canonical(name))
        if ent is None:
            raise SemanticError(f"Unknown operator: `{name}'.")
        return ent

    def has_definition(self, name: str) -> bool:
        ent = self.root_ns.lookup(canonical(name))
        return isinstance(ent, (DefEntry, ConstEntry)) and not (
            type(ent) is ConstEntry and ent.value is UNASSIGNED)

    def definition_arity(self, name: str) -> int:
        ent = self._entry(name)
        if isinstance(ent, DefEntry):
            return ent.arity
        if isinstance(ent, ConstEntry):
            return ent.arity
        return 0

    def level_of(self, name: str) -> int:
        ent = self._entry(name)
        if type(ent) is VarEntry:
            return 1
        if type(ent) is DefEntry:
            if ent.builtin is not None:
                return ent.builtin.level
            self.compiler.ensure_compiled(ent)
            return ent.level
        if type(ent) is ConstEntry and isinstance(ent.value, _SubstRef):
            return self.level_of(ent.value.target)
        return 0

    def unassigned_constants(self) -> list[str]:
        return [n for n, _ in self.declared_constants
                if n not in self._constants and n not in self._subst]

    def theorem_entry(self, name: str):
        return self.root_ns.lookup(name)

    # ----------------------------------------------------------------------------------
    # compiled expressions
    def _expr_node(self, x) -> A.Expr:
        if isinstance(x, str):
            return A.OpApp(x)
        return x

    def predicate_warmup(self, x, scope=None) -> int:
        """The calls the reference answers before the code of predicate ``x`` (a definition
        name or expression of ``scope``, the root module's by default) is generated."""
        if not self.warmup:
            return 0
        from tla.evaluator.codegen.size import expanded_size
        try:
            size = expanded_size(self._expr_node(x), scope or self.root_ns,
                                 SMALL_PREDICATE + 1, self._sizes)
        except RecursionError:
            return self.warmup
        if size <= SMALL_PREDICATE:
            return min(self.warmup, WARMUP_CALLS_SMALL)
        return self.warmup

    def compile(self, x, scope=None):
        """``fn(s, t, e)`` for a definition name or expression of the root module."""
        key = x if isinstance(x, str) else id(x)
        hit = self._compiled.get(key)
        if hit is not None and (isinstance(x, str) or hit[0] is x):
            return hit[1]
        node = self._expr_node(x)
        fn, _ = self.compiler.expr(node, scope or self.root_ns)
        if self.codegen is not None:
            fn = self._with_fast_path(fn, node, scope or self.root_ns,
                                      x if isinstance(x, str) else "expression")
        self._compiled[key] = (x, fn)
        return fn

    def state_reads(self, name: str) -> Optional[tuple]:
        """The indices of the state variables the value of definition ``name`` (a state
        predicate) depends on, from its generated code; None when that is not known."""
        if self.codegen is None or self.codegen_mode == "verify":
            return None
        fast = self.compile(name).state_code()
        return getattr(fast, "reads", None) if fast is not None else None

    def whole_state_code(self, name: str):
        """``(fast, reference)`` for definition ``name`` asked of whole states after the
        warm-up: its generated code ``fast(state)`` (None when there is none, or in verify
        mode) and its reference closure ``reference(s, t, e)``, to call where ``fast``
        raises. A caller evaluating a predicate on every state calls these directly, without
        the checks of :meth:`compile`'s function."""
        compiled = self.compile(name)
        if self.codegen is None or self.codegen_mode == "verify":
            return None, compiled
        return compiled.state_code(), compiled.reference

    def _with_fast_path(self, fn, node, scope, label):
        """``fn`` (a reference closure ``fn(s, t, e)``) trying generated code first when
        it is called with a whole state (and next state) and no bound names."""
        codegen = self.codegen
        verify = self.codegen_mode == "verify"
        state_fast = [None, False]
        action_fast = [None, False]
        # whole-state calls the reference answers first
        left = [self.predicate_warmup(node, scope)]

        def state_code():
            if not state_fast[1]:
                state_fast[0] = codegen.predicate(node, scope, label)
                state_fast[1] = True
            return state_fast[0]

        def evaluate(s, t, e):
            if not e and type(s) is tuple:
                if left[0]:
                    left[0] -= 1
                    return fn(s, t, e)
                if t is None:
                    fast = state_fast[0] if state_fast[1] else state_code()
                    args = (s,)
                else:
                    slot = action_fast
                    if not slot[1]:
                        slot[0] = codegen.predicate(node, scope, label, action=True)
                        slot[1] = True
                    fast = slot[0]
                    args = (s, tuple(t))
                if fast is not None:
                    try:
                        v = fast(*args)
                    except Exception:
                        pass
                    else:
                        if verify:
                            self._verify(label, [v], [fn(s, t, e)])
                        return v
            return fn(s, t, e)
        evaluate.state_code = state_code        # the generated code for whole states
        evaluate.reference = fn
        evaluate.warmup = left[0]               # the whole-state calls before it
        return evaluate

    def evaluator(self, fn, node, scope, env: dict, label: str, action: bool = False,
                  per_step: bool = False):
        """``evaluate(state)`` (``evaluate(state, next_state)`` with ``action``) of
        expression ``node`` of ``scope`` in environment ``env`` (bound names of the place,
        e.g. a quantified property's), ``fn`` being its reference closure: generated code
        first, the reference where it raises. ``per_step``: see ``CodeGen.predicate``."""
        codegen = self.codegen
        plain = plain_environment(env)
        if action:
            reference = lambda s, t: fn(s, t, env)
        else:
            reference = lambda s: fn(s, None, env)
        if codegen is None or not plain:
            return reference
        return self._generated_evaluator(fn, node, scope, env, label, action, reference,
                                         per_step, self.predicate_warmup(node, scope))

    def _generated_evaluator(self, fn, node, scope, env, label, action, reference,
                             per_step=False, warmup: int = 0):
        """Generated code for ``evaluator``, the reference where it raises. The reference
        answers the first ``warmup`` calls, and the code is written at the end of them (as
        ``after_warmup`` does, without a wrapper's call on every later one). Code that hands
        over on at least half of its calls, GIVE_UP times or more, is dropped: the
        reference alone answers faster than both (an ``ENABLED`` whose action primes a
        variable in a way the generator leaves to the reference)."""
        verify = self.codegen_mode == "verify"
        fast = None
        left = warmup
        tally = [0, 0]          # calls, hand-overs
        dropped = False

        def write():
            nonlocal fast, dropped
            fast = self.codegen.predicate(node, scope, label, action, tuple(env), per_step)
            if fast is None:
                dropped = True

        if left <= 0:
            write()
            if fast is None:
                return reference

        def handed_over():
            nonlocal dropped
            tally[1] += 1
            if tally[1] >= GIVE_UP and 2 * tally[1] >= tally[0]:
                dropped = True
        if action:
            def evaluate(s, t):
                nonlocal left
                if dropped:
                    return fn(s, t, env)
                if left:
                    left -= 1
                    if not left:
                        write()
                    return fn(s, t, env)
                tally[0] += 1
                try:
                    v = fast(s, tuple(t), env)
                except Exception:
                    handed_over()
                    return fn(s, t, env)
                if verify:
                    self._verify(label, [v], [fn(s, t, env)])
                return v
        else:
            def evaluate(s):
                nonlocal left
                if dropped:
                    return fn(s, None, env)
                if left:
                    left -= 1
                    if not left:
                        write()
                    return fn(s, None, env)
                tally[0] += 1
                try:
                    v = fast(s, None, env)
                except Exception:
                    handed_over()
                    return fn(s, None, env)
                if verify:
                    self._verify(label, [v], [fn(s, None, env)])
                return v
        return evaluate

    def _verify(self, what, fast, ref) -> None:
        """PYTLC_CODEGEN=verify: generated code and the reference must agree exactly."""
        same = len(fast) == len(ref) and all(
            type(a) is type(b) and _same_value(a, b) for a, b in zip(fast, ref))
        if not same:
            raise AssertionError(f"pytlc bug: generated code for {what} disagrees with the "
                                 f"reference evaluator:\n generated {fast!r}\n reference "
                                 f"{ref!r}")

    def assumptions(self) -> list:
        """[(span, thunk)] for every ASSUME of the root module and what it extends, in
        order; the thunk evaluates the assumption (TRUE/FALSE or an EvalError)."""
        out = []
        for u, ns in self.root_ns.assumes:
            fn, _ = self.compiler.expr(u.expr, ns)
            out.append((u.expr.span if u.expr.span is not None else u.span,
                        self._assumption(fn, u.expr, ns)))
        return out

    def _assumption(self, fn, node, scope):
        """An assumption's thunk: generated code when it gives a boolean, else the
        reference (which then gives the value or TLC's error)."""
        codegen = self.codegen
        from tla.evaluator.codegen.exprs import holding_output

        def evaluate():
            fast = codegen.constant(node, scope, "ASSUME") if codegen is not None else None
            if fast is not None:
                # what the generated code prints is held: written once it gives a boolean,
                # dropped when the reference takes over (and prints it again)
                with holding_output(self.ctx) as held:
                    try:
                        v = fast()
                    except Exception:
                        v = None
                if v is True or v is False:
                    for line in held:
                        self.ctx.out(line)
                    if self.codegen_mode == "verify":
                        with holding_output(self.ctx):       # printed once already
                            reference = fn(None, None, EMPTY_ENV)
                        self._verify("ASSUME", [v], [reference])
                    return v
            return fn(None, None, EMPTY_ENV)
        return evaluate

    def split_spec(self, name) -> SpecParts:
        """Take ``Init /\\ [][Next]_vars /\\ WF_vars(A) ...`` apart (through definitions)."""
        parts = SpecParts()
        self._split_spec(self._expr_node(name), self.root_ns, parts, 0)
        return parts

    def _split_spec(self, node, scope, parts: SpecParts, depth: int) -> None:
        if depth > 100:
            raise SemanticError("The specification is defined recursively.", node.span)
        if isinstance(node, A.Label):
            return self._split_spec(node.body, scope, parts, depth + 1)
        if isinstance(node, A.Junction) and node.kind == "/\\":
            for x in node.items:
                self._split_spec(x, scope, parts, depth + 1)
            return
        if isinstance(node, A.OpApp):
            name = canonical(node.name)
            if name == "/\\" and len(node.args) == 2:
                for x in node.args:
                    self._split_spec(x, scope, parts, depth + 1)
                return
            if name == "[]" and len(node.args) == 1:
                inner = node.args[0]
                if isinstance(inner, A.BoxAction):
                    if parts.next is None:
                        parts.next, parts.vars = inner.action, inner.sub
                        return
            if name == "[]" or name == "<>" or name == "~>" or name == "-+->":
                parts.temporal.append(node)
                return
            if not node.args:
                ent = scope.lookup(name)
                if type(ent) is DefEntry and not ent.params and ent.builtin is None:
                    self.compiler.ensure_compiled(ent)
                    if ent.level >= 3:
                        return self._split_spec(ent.body, ent.ns, parts, depth + 1)
        if isinstance(node, A.Fairness):
            parts.fairness.append(node)
            return
        if isinstance(node, (A.TemporalQuant,)):
            parts.temporal.append(node)
            return
        fn, lvl = self.compiler.expr(node, scope)
        if lvl <= 1 and parts.init is None:
            parts.init = node
        elif lvl <= 1:
            parts.init = A.Junction("/\\", (parts.init, node), node.span)
        else:
            parts.temporal.append(node)

    # ----------------------------------------------------------------------------------
    # states
    def init_states(self, init) -> list:
        """All initial states (tuples) in TLC's order of generation."""
        node = self._expr_node(init)
        # TLCGet("level") is 0 while the initial predicate is evaluated
        self.ctx.level = 0
        fast = self._fast_init(init, node)
        if fast is not None:
            try:
                out = fast()
            except Exception:
                out = None
            if out is not None:
                if self.codegen_mode == "verify":
                    self._verify("Init", out, self._init_states_reference(init, node))
                return out
        return self._init_states_reference(init, node)

    def _fast_init(self, init, node):
        if self.codegen is None:
            return None
        label = init if isinstance(init, str) else "Init"
        return self.codegen.init(node, self.root_ns, label)

    def _init_states_reference(self, init, node) -> list:
        act = self._compiled_action(("init", init if isinstance(init, str) else id(init)),
                                    node, True)
        n = len(self.variables)
        st = [UNSET] * n
        out: list = []

        def emit():
            tup = tuple(st)
            if UNSET in tup:
                tup = tuple(None if v is UNSET else v for v in tup)
            out.append(tup)
        # TLCGet("level") is 0 while the initial predicate is evaluated
        self.ctx.level = 0
        act(st, st, EMPTY_ENV, emit)
        return out

    def _compiled_action(self, key, node, init):
        hit = self._compiled.get(key)
        if hit is None:
            hit = self.actions.compile(node, self.root_ns, init)
            self._compiled[key] = hit
        return hit

    def actions_of(self, next_) -> list:
        """The next-state relation split into actions (``Action`` objects, TLC order)."""
        key = next_ if isinstance(next_, str) else id(next_)
        acts = self._split_cache.get(key)
        if acts is None:
            acts = split_actions(self, self._expr_node(next_), self.root_ns)
            # the instances of one action (VTPAbort(v) for each v) share node and scope:
            # their code reads the values from the environment, so it is compiled once
            compiled: dict = {}
            for a in acts:
                place = (id(a.node), id(a.scope))
                a.act = compiled.get(place)
                if a.act is None:
                    a.act = compiled[place] = self.actions.compile(a.node, a.scope, False)
            self._split_cache[key] = acts
        return acts

    def _generate_actions(self, acts) -> None:
        """Each action's generated function (``Action.fast``), written once."""
        for a in acts:
            if not a.generated:
                a.generated = True
                a.fast = self.codegen.action(a.node, a.scope, a.env, a.label.name)

    def next_states(self, next_, state: tuple, level: int | None = None) -> list:
        """Every successor of ``state`` with the action that produced it, in TLC's order,
        as a list of ``(state, ActionLabel)`` (an iterable that ends in the error when an
        action fails to evaluate). A variable the action leaves unbound is None in the
        successor (see :meth:`unspecified_error`); only then is the list a
        :class:`WithHoles`, so that a search need not look for None in every successor of
        a plain list (generated code makes complete successors only)."""
        if level is not None:
            self.ctx.level = level
        key = next_ if isinstance(next_, str) else id(next_)
        run = self._dispatchers.get(key)
        if run is None:
            run = self._dispatcher(next_, key)
        out: list = []
        holes = _holes_made[0]
        try:
            run(state, out)
        except EvalError as err:
            # TLC handles the successors of the earlier actions before it meets the
            # error (a violation among them is reported first)
            return _ThenRaise(out, err)
        if _holes_made[0] != holes:
            return WithHoles(out)
        return out

    def _dispatcher(self, next_, key, warm: bool = True):
        """``run(state, out)``: every action's successors appended to ``out`` in order, by
        generated code where there is some (see ``tla.evaluator.codegen``)."""
        acts = self.actions_of(next_)
        generated = self.codegen is not None and self.codegen_mode != "verify"
        if generated:
            if self.warmup_states and warm:
                return self._warming_dispatcher(next_, key, acts)
            self._generate_actions(acts)
        if not generated or not any(a.fast for a in acts):
            def run(state, out):
                for a in acts:
                    self._successors_into(a, state, out)
        else:
            run = self.codegen.dispatcher(acts, self._fallback_for(acts, key))
        self._dispatchers[key] = run
        return run

    def _warming_dispatcher(self, next_, key, acts):
        """A dispatcher running the reference evaluator for the first ``warmup_states``
        states, then replacing itself with the generated one: a model of a dozen states is
        checked before its code is written and compiled (about a millisecond per action,
        several times the reference's time per state saved after that)."""
        left = [self.warmup_states]

        def run(state, out):
            left[0] -= 1
            if left[0] <= 0:
                self._generate_actions(acts)
                del self._dispatchers[key]
                self._dispatcher(next_, key, warm=False)
            for a in acts:
                out.extend([(t, a.label) for t in self._reference_successors(a, state)])
        self._dispatchers[key] = run
        return run

    def _fallback_for(self, acts, key):
        """``fallback(i, state, out, n)``: the reference's successors of action ``i`` after
        its generated code raised (``out`` cut back to ``n`` entries first)."""
        debug = self.codegen is not None and self.codegen.debug

        def fallback(i, state, out, n):
            del out[n:]
            a = acts[i]
            if debug and a.fast is not None and not a.fast_failures:
                import traceback
                sys.stderr.write(f"codegen: action {a.label.name} deferred to the reference:\n"
                                 + traceback.format_exc())
            a.fast_failures += 1
            if a.fast_failures == 1000:
                # the generated code keeps deferring to the reference: stop trying it
                a.fast = None
                self._dispatchers.pop(key, None)
            label = a.label
            out.extend([(t, label) for t in self._reference_successors(a, state)])
        return fallback

    def _successors_into(self, a, state: tuple, out: list) -> None:
        """Action ``a``'s successors appended to ``out`` (generated code first; in verify
        mode, both ways, compared)."""
        if not a.generated and self.codegen is not None:
            self._generate_actions((a,))
        fast = a.fast
        if fast is not None:
            n = len(out)
            try:
                fast(state, a.env, out, a.label)
            except Exception:
                del out[n:]
                a.fast_failures += 1
            else:
                if self.codegen_mode == "verify":
                    counted = self.intermediate_generated   # the run above counted them
                    reference = self._reference_successors(a, state)
                    self.intermediate_generated = counted
                    self._verify(a.label.name, out[n:], [(t, a.label) for t in reference])
                return
        label = a.label
        out.extend([(t, label) for t in self._reference_successors(a, state)])

    def _reference_successors(self, a, state: tuple) -> list:
        t = [UNSET] * len(self.variables)
        ref: list = []
        a.act(state, t, a.env, partial(_emit, t, ref))
        return ref

    def successors_of_action(self, action, state: tuple) -> list:
        """The successors of ``state`` under one split action (for rebuilding traces)."""
        n = len(self.variables)
        t = [UNSET] * n
        out: list = []

        def emit():
            tup = tuple(t)
            if UNSET in tup:
                tup = tuple(None if v is UNSET else v for v in tup)
            out.append(tup)
        counted = self.intermediate_generated   # a replay generates no new states
        action.act(state, t, action.env, emit)
        self.intermediate_generated = counted
        return out

    def unspecified_error(self, state: tuple, label) -> UnspecifiedError:
        """TLC's error 2109 for a successor whose unbound variables are None."""
        return UnspecifiedError([n for n, v in zip(self.variables, state) if v is None],
                                label, state)

    def eval_predicate(self, name, state: tuple) -> bool:
        v = self.compile(name)(state, None, EMPTY_ENV)
        if v is True or v is False:
            return v
        raise EvalError(f"The predicate {name if isinstance(name, str) else ''} evaluated "
                        f"to the non-boolean value\n{V.pretty(v)}")

    def eval_action_predicate(self, name, s: tuple, t: tuple) -> bool:
        v = self.compile(name)(s, t, EMPTY_ENV)
        if v is True or v is False:
            return v
        raise EvalError(f"The action predicate evaluated to the non-boolean value\n"
                        f"{V.pretty(v)}")

    def eval_function(self, name, state: tuple | None = None):
        return self.compile(name)(state, None, EMPTY_ENV)

    def evaluate(self, text_or_expr, state: tuple | None = None,
                 next_state: tuple | None = None, **bound):
        """Evaluate an expression (text or AST) of the root module's scope, in ``state``
        (and ``next_state``), with extra bound names given as keyword arguments."""
        node = text_or_expr
        if isinstance(node, str):
            from tla.parser import parse_expression
            from tla.evaluator.intern_order import seed_from_expr
            node = parse_expression(node)
            seed_from_expr(node)
        scope = self.root_ns
        if bound:
            scope = LocalScope(scope, {k: BoundEntry(k) for k in bound})
        fn, _ = self.compiler.expr(node, scope)
        try:
            return fn(state, list(next_state) if next_state is not None else None,
                      dict(bound))
        except EvalError as err:
            if err.span is None:
                err.span = node.span
            raise

    def state_dict(self, state: tuple) -> dict:
        return dict(zip(self.variables, state))


class _ThenRaise:
    """Successors found before an evaluation error, then the error (as an iterable)."""
    __slots__ = ("items", "error")

    def __init__(self, items: list, error: EvalError):
        self.items = items
        self.error = error

    def __iter__(self):
        yield from self.items
        raise self.error


def _same_value(a, b) -> bool:
    if type(a) is tuple and type(b) is tuple:
        return len(a) == len(b) and all(type(x) is type(y) and _same_value(x, y)
                                        for x, y in zip(a, b))
    try:
        return a == b
    except EvalError:
        return False


class WithHoles(list):
    """Successors (``Model.next_states``) of which some leave a variable unbound (None)."""
    __slots__ = ()


#: successors the reference has made with a variable left unbound, so far
_holes_made = [0]


def _emit(t: list, out: list) -> None:
    """The final continuation of an action: record the state built in ``t``."""
    tup = tuple(t)
    if UNSET in tup:
        tup = tuple(None if v is UNSET else v for v in tup)
        _holes_made[0] += 1
    out.append(tup)


def build_model(tree, constants=None, substitutions=None, module_substitutions=None,
                ctx: CallContext | None = None, seed_intern: bool = True) -> Model:
    """Bind a loaded module tree to the cfg's constants and substitutions. Create the
    cfg's model values before calling this (they come first in TLC's intern order); with
    ``seed_intern`` the tree's names and strings are interned next, in TLC's order."""
    return Model(tree, constants, substitutions, module_substitutions, ctx, seed_intern)
