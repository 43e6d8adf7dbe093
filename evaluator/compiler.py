"""Compile expressions into Python closures, once; evaluate them many times.

Takes AST expressions (``tla.parser.ast``) and the scope they occur in
(``tla.evaluator.scope``); gives closures ``fn(s, t, e) -> value`` where ``s`` is the current
state (a tuple, or a list while Init is being solved), ``t`` the next state (a list whose
unbound slots hold :data:`UNSET`, or None outside actions) and ``e`` the dict of bound names
(quantified variables, operator parameters, LET definitions, instance parameters). Each
compile step also gives the expression's *level* (0 constant, 1 state, 2 action, 3 temporal),
used to cache constant definitions once per model (as TLC's SpecProcessor does) and to
decide what an action is.

Semantics are TLC's (``tlc2.tool.impl.Tool.eval``): CHOOSE takes the first witness in TLC's
order, CASE takes the first true arm and fails without one, EXCEPT on an argument outside the
domain leaves the function unchanged, booleans are checked where TLC checks them. Errors are
:class:`tla.errors.EvalError` with TLC's wording; each enclosing operator application,
function application, CHOOSE and CASE adds its span to ``EvalError.trace`` (outermost first)
and fills ``span`` if it is still empty.
"""
from __future__ import annotations

from typing import Callable

from tla.errors import EvalError, SemanticError
from tla.parser import ast as A
from tla.evaluator import values as V
from tla.evaluator.values import (FSet, Fcn, LazyFcn, OpValue, Interval, LazySet,
                                  SetBase, eq, member, apply, make_fcn, format_value)
from tla.evaluator.scope import (Entry, VarEntry, ConstEntry, SubstEntry, DefEntry,
                                 InstanceEntry, BoundEntry, LocalScope, UNASSIGNED,
                                 PrimedVarEntry, ArgEntry, _NOCACHE, variable_index)


class _Unset:
    __slots__ = ()

    def __repr__(self) -> str:
        return "null"


#: the value of a variable not yet bound in a state being built
UNSET = _Unset()
EMPTY_ENV: dict = {}

TEMPORAL_OPS = {"[]", "<>", "~>", "-+->"}
CORE_OPS = {"=", "#", "\\in", "\\notin", "/\\", "\\/", "~", "=>", "<=>", "\\cup", "\\cap",
            "\\", "\\subseteq", "SUBSET", "UNION", "DOMAIN", "\\X", "'", "UNCHANGED",
            "ENABLED", "\\cdot", "BOOLEAN", "STRING", "TRUE", "FALSE"} | TEMPORAL_OPS
_ALIASES = {"/=": "#", "\\neq": "#", "\\land": "/\\", "\\lor": "\\/", "\\lnot": "~",
            "\\neg": "~", "\\equiv": "<=>", "\\union": "\\cup", "\\intersect": "\\cap",
            "\\setminus": "\\", "\\times": "\\X"}


def canonical(name: str) -> str:
    return _ALIASES.get(name, name)


def with_span(fn: Callable, span) -> Callable:
    """``fn`` with its errors located at ``span`` (and the span added to the trace)."""
    if span is None:
        return fn

    def located(s, t, e):
        try:
            return fn(s, t, e)
        except EvalError as err:
            if err.span is None:
                err.span = span
            err.trace.insert(0, span)
            raise
    return located


def locate(err: EvalError, span) -> None:
    """Give ``err`` the span of the expression being evaluated (if it has none yet) and
    add that span to its trace of nested expressions."""
    if span is not None:
        if err.span is None:
            err.span = span
        err.trace.insert(0, span)


def _nonbool(form: str, what: str, v) -> EvalError:
    return EvalError(f"Attempted to evaluate an expression of form {form} when {what} was "
                     f"{_a_kind(v)}.")


def _a_kind(v) -> str:
    k = V.kind_name(v)
    return ("an " if k[0] in "aeiou" else "a ") + k


def elems(S):
    """An iterable over the elements of set S in any order (for \\A, \\E, set maps); a
    lazy set is enumerated as it goes where it can be, never built as a whole first."""
    if type(S) is FSet:
        return S
    if type(S) is Interval:
        return range(S.lo, S.hi + 1)
    S = V.as_set(S)
    if not S.is_enumerable():
        raise EvalError(S._not_enumerable())
    return V._each(S)


def witnesses(S):
    """The elements of S in any order for an ``\\E`` of state level in an action (every
    witness leads on to the same successors): :func:`elems`, with :func:`action_order`'s
    refusal of ``SUBSET T`` for T of 31 elements or more (TLC's overflow error, where
    taking the subsets one by one would run for ever)."""
    if type(S) is V.PowerSet and S.is_enumerable():
        S.size()
    return elems(S)


def ordered(S):
    """The elements of set S in TLC's order (CHOOSE, x' \\in S, \\E in actions), one by
    one as TLC's enumerations give them (``[1..20 -> 1..20]`` is never built)."""
    if type(S) is FSet:
        return S.sorted()
    if type(S) is Interval:
        return range(S.lo, S.hi + 1)
    return V.iter_elements(S)


def _operator_maker(params, body, n: int, name: str):
    """``make(s, t, e)`` giving the OpValue ``name`` of ``n`` arguments that evaluates
    ``body`` with ``params`` bound to them. The OpValue keeps a copy of the bindings of its
    making: it outlives the call, and a loop around it rebinds names in the same dict."""
    def make(s, t, e):
        e0 = dict(e)

        def op(*vals):
            e2 = dict(e0)
            for p, v in zip(params, vals):
                e2[p] = v
            return body(s, t, e2)
        return OpValue(op, n, name)
    return make


def bounded_set(values) -> FSet:
    """The set of ``values``, refused past -maxSetSize as TLC's ValueVec refuses to grow."""
    if len(values) > V.MAX_SET_SIZE:
        raise V._too_many_elements()
    return FSet(values)


def action_order(S):
    """The elements of S in the order TLC's getNextStates enumerates them for ``\\E`` and
    ``x' \\in S``: TLC's order, except that ``SUBSET T`` counts in binary over T's
    elements (bit i for the i-th element of T in TLC's order: {}, {t1}, {t2}, {t1, t2},
    {t3}, ...) as TLC's SubsetValue enumerator does."""
    if type(S) is V.PowerSet and S.is_enumerable():
        base = S.base.sorted()
        n = len(base)
        if n >= 31:
            S.size()
        if n <= _SUBSETS_KEPT_MAX:
            return _binary_subsets(base)
        return (FSet([base[i] for i in range(n) if bits >> i & 1])
                for bits in range(1 << n))
    return ordered(S)


#: up to this many elements, SUBSET T is enumerated by extending the subsets made before
#: (at most 2**15 of them kept while the enumeration runs)
_SUBSETS_KEPT_MAX = 16


def _binary_subsets(base: list):
    """The subsets of ``base`` in binary counting order: the subset numbered 2**k + j
    (j < 2**k) is subset j with ``base[k]`` added, so each is one tuple concatenation
    away from one made before."""
    made = [()]
    yield FSet(())
    last = len(base) - 1
    for k, x in enumerate(base):
        for j in range(1 << k):
            t = made[j] + (x,)
            if k < last:
                made.append(t)
            yield FSet(t)


def is_enumerable(S) -> bool:
    return type(S) is FSet or type(S) is Interval or (isinstance(S, LazySet)
                                                       and S.is_enumerable())


class Compiler:
    """Compiles expressions of one model. ``model`` supplies ``ctx`` (the CallContext),
    ``instantiate`` (for qualified names) and ``action_compiler`` (for ENABLED)."""

    def __init__(self, model):
        self.model = model
        self.ctx = model.ctx
        self._dispatch = {
            A.Num: self._num, A.Str: self._str, A.Bool: self._bool, A.Decimal: self._decimal,
            A.OpApp: self._opapp, A.OpArg: self._oparg, A.Qualified: self._qualified,
            A.Quant: self._quant, A.Choose: self._choose, A.SetEnum: self._setenum,
            A.SetFilter: self._setfilter, A.SetMap: self._setmap, A.Tuple: self._tuple,
            A.Record: self._record, A.RecordSet: self._recordset, A.FieldAccess: self._field,
            A.FunCons: self._funcons, A.FunSet: self._funset, A.FunApp: self._funapp,
            A.Except: self._except, A.At: self._at, A.If: self._if, A.Case: self._case,
            A.Let: self._let, A.Junction: self._junction, A.Lambda: self._lambda,
            A.BoxAction: self._boxaction, A.AngleAction: self._angleaction,
            A.Fairness: self._temporal_node, A.TemporalQuant: self._temporal_node,
            A.Label: self._label,
        }

    # ----------------------------------------------------------------------------------
    def expr(self, node, scope):
        """``(fn, level)`` for expression ``node`` in ``scope``."""
        try:
            m = self._dispatch[type(node)]
        except KeyError:
            raise SemanticError(f"TLC cannot evaluate {type(node).__name__} expressions",
                                getattr(node, "span", None))
        return m(node, scope)

    # ----------------------------------------------------------------------------------
    # literals
    def _num(self, node, scope):
        v = node.value
        if V.INT_BOUND and not (V.MIN_INT <= v <= V.MAX_INT):
            span = node.span

            def overflow(s, t, e):
                raise EvalError(f"Overflow when computing the integer literal {v}.",
                                span, tlc_code=2178)
            return overflow, 0
        return (lambda s, t, e: v), 0

    def _str(self, node, scope):
        v = node.value
        return (lambda s, t, e: v), 0

    def _bool(self, node, scope):
        v = node.value
        return (lambda s, t, e: v), 0

    def _decimal(self, node, scope):
        span = node.span

        def dec(s, t, e):
            raise EvalError("TLC cannot handle real numbers.", span)
        return dec, 0

    # ----------------------------------------------------------------------------------
    # operator applications
    def _opapp(self, node, scope):
        name = canonical(node.name)
        entry = scope.lookup(name)
        if entry is None or (name in CORE_OPS and not isinstance(entry, (BoundEntry,))):
            if name in CORE_OPS:
                fn, lvl = self._core(name, node, scope)
                return fn, lvl
            raise SemanticError(f"Unknown operator: `{node.name}'.", node.span)
        return self.call_entry(entry, node.args, scope, node.span, ())

    def arg_values(self, args, scope):
        return [self.expr(a, scope) for a in args]

    def call_entry(self, entry: Entry, args, scope, span, carry_fns):
        """Compile the application of ``entry`` to argument expressions ``args``.
        ``carry_fns`` are (name, fn) pairs giving instance parameters (qualified calls)."""
        t = type(entry)
        if t is VarEntry:
            if args:
                raise SemanticError(f"The variable {entry.name} is applied to arguments.", span)
            i = entry.index
            vname = entry.name

            def var(s, t, e):
                try:
                    v = s[i]
                except TypeError:
                    raise EvalError(f"The variable {vname} was referenced in a constant "
                                    f"expression.", span) from None
                if v is UNSET:
                    raise EvalError(f"The variable {vname} was referenced before it was "
                                    f"assigned a value.", span)
                return v
            return var, 1
        if t is PrimedVarEntry:
            i = entry.index
            vname = entry.name

            def pvar(s, t, e):
                v = t[i]
                if v is UNSET:
                    raise EvalError(f"The variable {vname}' was referenced before it was "
                                    f"assigned a value.", span)
                return v
            return pvar, 2
        if t is ArgEntry:
            return self.expr(entry.node, entry.scope)
        if t is BoundEntry:
            name = entry.name
            if entry.arity == 0 and not args:
                def bound(s, t, e):
                    return e[name]
                return bound, 0
            compiled = [self.op_arg_or_expr(a, scope) for a in args]
            fns = [c[0] for c in compiled]
            lvl = max([c[1] for c in compiled], default=0)

            def bound_op(s, t, e):
                return e[name](*[f(s, t, e) for f in fns])
            return with_span(bound_op, span), lvl
        if t is ConstEntry:
            return self._const(entry, args, scope, span)
        if t is SubstEntry:
            if entry.op is not None:
                return self.call_entry(entry.op, args, scope, span, ())
            if entry.fn is None:
                # compiled on first use: the instantiating scope may still be in the making
                entry.fn, entry.level = self.expr(entry.expr, entry.scope)
            if args:
                compiled = [self.op_arg_or_expr(a, scope) for a in args]
                fns = [c[0] for c in compiled]
                sub = entry.fn

                def subst_op(s, t, e):
                    return sub(s, t, e)(*[f(s, t, e) for f in fns])
                return with_span(subst_op, span), entry.level
            return entry.fn, entry.level
        if t is DefEntry:
            return self._call_def(entry, args, scope, span, carry_fns)
        if t is InstanceEntry:
            raise SemanticError(f"The instance {entry.name} is used as a value.", span)
        raise SemanticError(f"Cannot evaluate {entry.name}.", span)

    def _const(self, entry: ConstEntry, args, scope, span):
        name = entry.name
        if entry.value is UNASSIGNED:
            def unassigned(s, t, e):
                raise EvalError(f"The constant parameter {name} is not assigned a value by "
                                f"the configuration file.", span, tlc_code=2222)
            return unassigned, 0
        val = entry.value
        if hasattr(val, "target"):
            # a cfg substitution ``name <- target``
            ns = val.ns or self.model.root_ns
            target = ns.lookup(canonical(val.target))
            if target is None:
                alt = getattr(val, "alt", None) or self.model.root_ns
                target = alt.lookup(canonical(val.target))
            if target is None:
                raise SemanticError(f"The configuration file substitutes for {name} with the "
                                    f"undefined identifier {val.target}.", span)
            return self.call_entry(target, args, scope, span, ())
        if not args:
            return (lambda s, t, e: val), 0
        compiled = [self.expr(a, scope) for a in args]
        fns = [c[0] for c in compiled]

        def const_op(s, t, e):
            vals = [f(s, t, e) for f in fns]
            if callable(val):
                return val(*vals)
            return apply(val, vals[0] if len(vals) == 1 else tuple(vals))
        return with_span(const_op, span), max(c[1] for c in compiled)

    def op_arg_or_expr(self, node, scope, arity: int = 0):
        """Compile an argument: an operator (as an OpValue) when the parameter takes one or
        the argument denotes one, else an expression."""
        if isinstance(node, A.Lambda):
            return self._lambda(node, scope)
        if isinstance(node, A.OpArg):
            return self._oparg(node, scope)
        if arity > 0 and isinstance(node, A.OpApp) and not node.args:
            return self._op_value(canonical(node.name), scope, node.span, arity)
        if arity > 0 and isinstance(node, A.Qualified):
            return self._qualified_op_value(node, scope, arity)
        return self.expr(node, scope)

    def _oparg(self, node, scope):
        return self._op_value(canonical(node.name), scope, node.span, None)

    def _op_value(self, name, scope, span, arity):
        entry = scope.lookup(name)
        if entry is None:
            if name in CORE_OPS:
                return self._core_op_value(name, span)
            raise SemanticError(f"Unknown operator: `{name}'.", span)
        if type(entry) is BoundEntry:
            return (lambda s, t, e: e[name]), 0
        n = arity if arity is not None else getattr(entry, "arity", 0)
        params = [f"#{i}" for i in range(n)]
        pnodes = tuple(A.OpApp(p) for p in params)
        inner = LocalScope(scope, {p: BoundEntry(p) for p in params})
        fn, lvl = self.call_entry(entry, pnodes, inner, span, ())
        return _operator_maker(params, fn, n, name), lvl

    def _qualified_op_value(self, node, scope, arity):
        params = [f"#{i}" for i in range(arity)]
        inner = LocalScope(scope, {p: BoundEntry(p) for p in params})
        last_name, last_args = node.path[-1]
        path = node.path[:-1] + ((last_name, tuple(A.OpApp(p) for p in params)),)
        fn, lvl = self._qualified(A.Qualified(path, node.span), inner)
        return _operator_maker(params, fn, arity, last_name), lvl

    def _core_op_value(self, name, span):
        params = ("#0", "#1")
        n = 1 if name in ("~", "SUBSET", "UNION", "DOMAIN", "'", "UNCHANGED", "ENABLED",
                          "[]", "<>") else 2
        node = A.OpApp(name, tuple(A.OpApp(p) for p in params[:n]), span)
        inner = LocalScope(self.model.root_ns, {p: BoundEntry(p) for p in params[:n]})
        fn, lvl = self._core(name, node, inner)

        def make(s, t, e):
            def op(*vals):
                return fn(s, t, dict(zip(params, vals)))
            return OpValue(op, n, name)
        return make, lvl

    # ----------------------------------------------------------------------------------
    def _call_def(self, entry: DefEntry, args, scope, span, carry_fns):
        if len(args) != entry.arity:
            raise SemanticError(f"The operator {entry.name} requires {entry.arity} "
                                f"arguments, but is given {len(args)}.", span)
        compiled = [self.op_arg_or_expr(a, scope, p.arity)
                    for a, p in zip(args, entry.params)]
        fns = [c[0] for c in compiled]
        alvl = max([c[1] for c in compiled], default=0)
        b = entry.builtin
        if b is not None:
            return self._call_builtin(entry, b, fns, compiled, span, alvl)
        self.ensure_compiled(entry)
        if entry.level >= 2 and entry.bounds is None and not entry.recursive:
            aliases = self.var_aliases(entry, args, scope)
            if any(aliases):
                return self._call_aliased(entry, aliases, fns, span, carry_fns, alvl)
        names = tuple(p.name for p in entry.params)
        carry = entry.carry
        lvl = max(entry.level, alvl)
        if entry.bounds is not None:
            return self._funcdef_ref(entry, span), lvl
        if entry.let:
            return self._call_let(entry, names, fns, span), lvl
        if carry_fns:
            cnames = tuple(n for n, _ in carry_fns)
            cfns = tuple(f for _, f in carry_fns)

            def qcall(s, t, e):
                env = {n: f(s, t, e) for n, f in zip(cnames, cfns)}
                for n, f in zip(names, fns):
                    env[n] = f(s, t, e)
                return entry.fn(s, t, env)
            return with_span(qcall, span), lvl
        if not names:
            if carry:
                def call0c(s, t, e):
                    return entry.fn(s, t, {c: e[c] for c in carry})
                return with_span(call0c, span), lvl

            # the most frequent calls locate their own errors instead of paying for a
            # wrapper frame (exceptions cost nothing until raised)
            def call0(s, t, e):
                c = entry.cache
                if c is not _NOCACHE:
                    return c
                try:
                    v = entry.fn(s, t, EMPTY_ENV)
                except EvalError as err:
                    locate(err, span)
                    raise
                if entry.level == 0 and entry.state == 2:
                    entry.cache = v
                return v
            return call0, lvl
        if len(names) == 1 and not carry:
            n0, = names
            f0, = fns

            def call1(s, t, e):
                try:
                    return entry.fn(s, t, {n0: f0(s, t, e)})
                except EvalError as err:
                    locate(err, span)
                    raise
            return call1, lvl
        if len(names) == 2 and not carry:
            n0, n1 = names
            f0, f1 = fns

            def call2(s, t, e):
                try:
                    return entry.fn(s, t, {n0: f0(s, t, e), n1: f1(s, t, e)})
                except EvalError as err:
                    locate(err, span)
                    raise
            return call2, lvl

        def calln(s, t, e):
            env = {c: e[c] for c in carry}
            for n, f in zip(names, fns):
                env[n] = f(s, t, e)
            return entry.fn(s, t, env)
        return with_span(calln, span), lvl

    def var_aliases(self, entry: DefEntry, args, scope) -> list:
        """For each parameter of an action-level definition, the variable entry its argument
        names when the argument is a plain state variable (else None). TLC passes arguments
        by name, so ``Lose(q) == q' = Tail(q)`` applied to ``msgQ`` must bind ``msgQ'``."""
        out = []
        for a, p in zip(args, entry.params):
            al = None
            primed = False
            if p.arity == 0 and isinstance(a, A.OpApp) and a.name == "'" and len(a.args) == 1:
                a = a.args[0]
                primed = True
            if p.arity == 0 and isinstance(a, A.OpApp) and not a.args:
                ent = scope.lookup(canonical(a.name))
                idx = variable_index(ent)
                if idx is not None:
                    al = ent
                    if primed:
                        al = _primed_alias(idx, ent.name)
            out.append(al)
        return out

    def _call_aliased(self, entry, aliases, fns, span, carry_fns, alvl):
        """A call of an action-level definition whose body is compiled with the parameters
        that name variables replaced by those variables."""
        key = ("expr", tuple(id(a) if a else None for a in aliases))
        cache = entry.act if entry.act is not None else {}
        entry.act = cache
        body = cache.get(key)
        if body is None:
            names = {p.name: (a or BoundEntry(p.name, p.arity))
                     for p, a in zip(entry.params, aliases)}
            body, _ = self.expr(entry.body, LocalScope(entry.ns, names))
            cache[key] = body
        pairs = [(p.name, f) for p, a, f in zip(entry.params, aliases, fns) if a is None]
        carry = entry.carry
        let = entry.let
        cnames = tuple(n for n, _ in carry_fns)
        cfns = tuple(f for _, f in carry_fns)

        def call_aliased(s, t, e):
            if let:
                env = dict(e)
            elif cnames:
                env = {n: f(s, t, e) for n, f in zip(cnames, cfns)}
            else:
                env = {c: e[c] for c in carry}
            for n, f in pairs:
                env[n] = f(s, t, e)
            return body(s, t, env)
        return with_span(call_aliased, span), max(entry.level, alvl)

    def _call_let(self, entry, names, fns, span):
        if not names:
            name = entry.name

            def let0(s, t, e):
                v = e.get(name)
                if type(v) is _Lazy:
                    return v.get(s, t)
                return entry.fn(s, t, e)
            return let0

        def letn(s, t, e):
            env = dict(e)
            for n, f in zip(names, fns):
                env[n] = f(s, t, e)
            return entry.fn(s, t, env)
        return with_span(letn, span)

    def _funcdef_ref(self, entry: DefEntry, span):
        """A reference to a function definition ``f[x \\in S] == body``: the function
        value (a LazyFcn memoizing its results; cached for constant-level definitions)."""
        carry = entry.carry
        let = entry.let
        own = _own_key(entry)

        def fref(s, t, e):
            c = entry.cache
            if c is not _NOCACHE:
                return c
            v = e.get(own)
            if v is not None:       # a recursive reference inside the function's own rule
                return v
            if let:
                v = e.get(entry.name)
                if type(v) is _Lazy:
                    return v.get(s, t)
                env = e
            else:
                env = {c: e[c] for c in carry} if carry else EMPTY_ENV
            f = entry.fn(s, t, env)
            if entry.level == 0 and not let and entry.state == 2:
                entry.cache = f
            return f
        return fref

    def _call_builtin(self, entry, b, fns, compiled, span, alvl):
        fn = b.fn
        ctx = self.ctx
        lvl = b.level or alvl
        if b.lazy:
            def lazy_call(s, t, e):
                thunks = [(lambda f=f: f(s, t, e)) for f in fns]
                if b.context:
                    ctx.span = span
                    return fn(ctx, *thunks)
                return fn(*thunks)
            return with_span(lazy_call, span), lvl
        if b.context:
            def ctx_call(s, t, e):
                vals = [f(s, t, e) for f in fns]
                ctx.span = span
                return fn(ctx, *vals)
            return with_span(ctx_call, span), lvl
        n = len(fns)
        if n == 1:
            f0, = fns

            def builtin1(s, t, e):
                x = f0(s, t, e)
                try:
                    return fn(x)
                except EvalError as err:
                    locate(err, span)
                    raise
            return builtin1, lvl
        if n == 2:
            f0, f1 = fns

            def builtin2(s, t, e):
                x = f0(s, t, e)
                y = f1(s, t, e)
                try:
                    return fn(x, y)
                except EvalError as err:
                    locate(err, span)
                    raise
            return builtin2, lvl
        if n == 0:
            return with_span(lambda s, t, e: fn(), span), lvl
        return with_span(lambda s, t, e: fn(*[f(s, t, e) for f in fns]), span), lvl

    def ensure_compiled(self, entry: DefEntry) -> None:
        """Compile the body of ``entry`` unless done or in progress (recursion: callers
        read ``entry.fn`` at run time, so a recursive reference works once it is set)."""
        if entry.state != 0:
            if entry.state == 1:
                entry.recursive = True
            return
        entry.state = 1
        try:
            names = {p.name: BoundEntry(p.name, p.arity) for p in entry.params}
            scope = LocalScope(entry.ns, names) if names else entry.ns
            if entry.bounds is not None:
                entry.fn, entry.level = self._funcdef_body(entry, scope)
            else:
                body, lvl = self.expr(entry.body, scope)
                entry.fn = body
                entry.level = lvl
        except BaseException:
            entry.state = 0
            raise
        entry.state = 2

    def _funcdef_body(self, entry, scope):
        """``f[x \\in S, y \\in T] == body`` as a closure giving the LazyFcn."""
        bnames, scope2, dom_fns, lvl = self._bounds(entry.bounds, scope)
        body, blvl = self.expr(entry.body, scope2)
        binders = self._binder_list(entry.bounds)
        single = len(binders) == 1 and not binders[0][1]
        name = entry.name
        own = _own_key(entry)

        def make(s, t, e):
            doms = [f(s, t, e) for f in dom_fns]
            dom = doms[0] if len(doms) == 1 else V.ProductSet(doms)
            # Inside its rule, ``f`` is this very LazyFcn, so that its memo serves the
            # recursion: trcl[n \in Nat] == [x, y \in S |-> ... trcl[n-1][x, z] ...]
            # computes each trcl[k] once instead of once per reference (exponential).
            e = dict(e)
            if single:
                x = binders[0][0][0]

                def rule(arg):
                    e2 = dict(e)
                    e2[x] = arg
                    return body(s, t, e2)
            else:
                def rule(arg):
                    e2 = dict(e)
                    _destructure(binders, arg, e2)
                    return body(s, t, e2)
            fcn = e[own] = LazyFcn(dom, rule, name)
            return fcn
        return make, max(lvl, blvl)

    # ----------------------------------------------------------------------------------
    # instances
    def _qualified(self, node, scope):
        entry, carry_fns, args, span = self.resolve_qualified(node, scope)
        return self.call_entry(entry, args, scope, span, carry_fns)

    def resolve_qualified(self, node, scope):
        """Follow ``I(x)!J!Op`` to the final entry; gives (entry, carry (name, fn) pairs,
        argument expressions of the final step, span)."""
        cur_scope = scope
        carry_fns: list = []
        steps = node.path
        for i, (name, args) in enumerate(steps[:-1]):
            ent = cur_scope.lookup(name) if cur_scope is scope else cur_scope.exports.get(name)
            if ent is None and cur_scope is not scope:
                ent = cur_scope.names.get(name)
            if isinstance(ent, DefEntry) and ent.builtin is None and \
                    all(_is_selector(n) for n, _ in steps[i + 1:]):
                return (self._selected(ent, steps[i + 1:], node.span), tuple(carry_fns),
                        args, node.span)
            if not isinstance(ent, InstanceEntry):
                raise SemanticError(f"Unknown instance {name} in {name}!...", node.span)
            if len(args) != len(ent.params):
                raise SemanticError(f"The instance {name} requires {len(ent.params)} "
                                    f"arguments.", node.span)
            for p, a in zip(ent.params, args):
                f, _ = self.expr(a, scope)
                carry_fns.append((p.name, f))
            cur_scope = self.model.instantiate_entry(ent)
        last, largs = steps[-1]
        last = canonical(last)
        ent = (getattr(cur_scope, "copies", {}).get(last) or cur_scope.exports.get(last)
               or cur_scope.names.get(last))
        if ent is None:
            raise SemanticError(f"Unknown operator {last} in instance.", node.span)
        if carry_fns and isinstance(ent, DefEntry):
            # the definition's own carried names beyond the instance parameters come from
            # the caller's environment
            given = {n for n, _ in carry_fns}
            for c in ent.carry:
                if c not in given:
                    carry_fns.append((c, (lambda c=c: (lambda s, t, e: e[c]))()))
        return ent, tuple(carry_fns), largs, node.span

    @staticmethod
    def _selected(ent: DefEntry, selectors, span) -> DefEntry:
        """``Op!2!:`` -- the subexpression of Op's body that the positional selectors
        name, as a definition with Op's parameters."""
        node = ent.body
        for sel, _ in selectors:
            node = _select(node, sel, span)
        return DefEntry(ent.name, ent.params, node, ent.ns, ent.module, carry=ent.carry,
                        let=ent.let, span=getattr(node, "span", span))

    # ----------------------------------------------------------------------------------
    # binders
    @staticmethod
    def _binder_list(bounds):
        """[(names, is_tuple_pattern, bound)] one per domain occurrence (``x, y \\in S``
        gives two binders over S)."""
        out = []
        for b in bounds:
            if b.tuple_pattern:
                out.append((b.names, True, b))
            else:
                for n in b.names:
                    out.append(((n,), False, b))
        return out

    def _bounds(self, bounds, scope):
        """Compile the domains of binders; gives (names, inner scope, domain fns, level)."""
        names = {}
        dom_fns = []
        lvl = 0
        for b in bounds:
            if b.domain is None:
                f, l = _unbounded(b.span), 0
            else:
                f, l = self.expr(b.domain, scope)
            lvl = max(lvl, l)
            if b.tuple_pattern:
                dom_fns.append(f)
            else:
                dom_fns.extend([f] * len(b.names))
            for n in b.names:
                names[n] = BoundEntry(n)
        return list(names), LocalScope(scope, names), dom_fns, lvl

    def _quant(self, node, scope):
        binders = self._binder_list(node.bounds)
        _, inner, dom_fns, lvl = self._bounds(node.bounds, scope)
        body, blvl = self.expr(node.body, inner)
        lvl = max(lvl, blvl)
        is_all = node.kind == "\\A"
        form = "\\A x \\in S : P" if is_all else "\\E x \\in S : P"
        if len(binders) == 1 and not binders[0][1]:
            x = binders[0][0][0]
            d0 = dom_fns[0]
            if is_all:
                def forall1(s, t, e):
                    e2 = dict(e)
                    for v in elems(d0(s, t, e)):
                        e2[x] = v
                        r = body(s, t, e2)
                        if r is not True:
                            if r is False:
                                return False
                            raise _nonbool(form, "P", r)
                    return True
                return forall1, lvl

            def exists1(s, t, e):
                e2 = dict(e)
                for v in elems(d0(s, t, e)):
                    e2[x] = v
                    r = body(s, t, e2)
                    if r is not False:
                        if r is True:
                            return True
                        raise _nonbool(form, "P", r)
                return False
            return exists1, lvl

        def quant(s, t, e):
            for e2 in _envs(binders, dom_fns, s, t, e, False):
                r = body(s, t, e2)
                if r is not is_all:
                    if r is (not is_all):
                        return not is_all
                    raise _nonbool(form, "P", r)
            return is_all
        return quant, lvl

    def _choose(self, node, scope):
        b = node.bound
        if b.domain is None:
            span = node.span

            def unbounded(s, t, e):
                raise EvalError("TLC attempted to evaluate an unbounded CHOOSE.", span)
            return unbounded, 0
        binders = self._binder_list((b,))
        _, inner, dom_fns, lvl = self._bounds((b,), scope)
        body, blvl = self.expr(node.body, inner)
        span = node.span
        loc = span.tlc_location() if span is not None else ""
        if isinstance(node.body, A.Bool) and node.body.value and not b.tuple_pattern \
                and len(b.names) == 1:
            # CHOOSE x \in S : TRUE -- the first element in TLC's order, found without
            # sorting S
            dom = dom_fns[0]

            def choose_any(s, t, e):
                S = dom(s, t, e)
                if type(S) is FSet:
                    if S:
                        return S.first()
                else:
                    for v in ordered(S):
                        return v
                raise EvalError("Attempted to compute the value of an expression of form\n"
                                "CHOOSE x \\in S: P, but no element of S satisfied P.\n"
                                + loc, span)
            return with_span(choose_any, span), lvl

        def choose(s, t, e):
            for e2 in _envs(binders, dom_fns, s, t, e, True):
                r = body(s, t, e2)
                if r is True:
                    return e2[b.names[0]] if not b.tuple_pattern else \
                        tuple(e2[n] for n in b.names)
                if r is not False:
                    raise _nonbool("CHOOSE x \\in S : P", "P", r)
            raise EvalError("Attempted to compute the value of an expression of form\n"
                            "CHOOSE x \\in S: P, but no element of S satisfied P.\n" + loc,
                            span)
        return with_span(choose, span), max(lvl, blvl)

    # ----------------------------------------------------------------------------------
    # sets
    def _setenum(self, node, scope):
        compiled = [self.expr(x, scope) for x in node.elems]
        fns = [c[0] for c in compiled]
        lvl = max([c[1] for c in compiled], default=0)
        if not fns:
            return (lambda s, t, e: V.EMPTY), 0

        span = node.span

        def setenum(s, t, e):
            vals = [f(s, t, e) for f in fns]
            r = FSet(vals)
            if len(r) < len(vals):
                try:
                    _check_bool_int(vals)
                except EvalError as err:
                    locate(err, span)
                    raise
            return r
        return setenum, lvl

    def _setfilter(self, node, scope):
        b = node.bound
        _, inner, dom_fns, lvl = self._bounds((b,), scope)
        pred, plvl = self.expr(node.pred, inner)
        dom = dom_fns[0]
        tuple_pat = b.tuple_pattern
        names = b.names

        def test(s, t, e, v):
            e2 = dict(e)
            if tuple_pat:
                _bind_tuple(names, v, e2)
            else:
                e2[names[0]] = v
            r = pred(s, t, e2)
            if r is True or r is False:
                return r
            raise _nonbool("{x \\in S : P}", "P", r)

        def setfilter(s, t, e):
            S = dom(s, t, e)
            if type(S) is FSet or type(S) is Interval:
                return bounded_set([v for v in elems(S) if test(s, t, e, v)])
            # the filter outlives this call: it keeps the bindings of now (a loop around
            # it rebinds its names in the same dict: [i \in 1..2 |-> {v \in Nat : v > i}])
            e0 = dict(e)
            return V.FilterSet(S, lambda v: test(s, t, e0, v))
        return setfilter, max(lvl, plvl)

    def _setmap(self, node, scope):
        binders = self._binder_list(node.bounds)
        _, inner, dom_fns, lvl = self._bounds(node.bounds, scope)
        body, blvl = self.expr(node.expr, inner)
        if len(binders) == 1 and not binders[0][1]:
            x = binders[0][0][0]
            d0 = dom_fns[0]

            def setmap1(s, t, e):
                e2 = dict(e)
                out = []
                for v in elems(d0(s, t, e)):
                    e2[x] = v
                    out.append(body(s, t, e2))
                return bounded_set(out)
            return setmap1, max(lvl, blvl)

        def setmap(s, t, e):
            return bounded_set([body(s, t, e2)
                                for e2 in _envs(binders, dom_fns, s, t, e, False)])
        return setmap, max(lvl, blvl)

    # ----------------------------------------------------------------------------------
    # tuples, records, functions
    def _tuple(self, node, scope):
        compiled = [self.expr(x, scope) for x in node.elems]
        fns = [c[0] for c in compiled]
        lvl = max([c[1] for c in compiled], default=0)
        if len(fns) == 2:
            f0, f1 = fns
            return (lambda s, t, e: (f0(s, t, e), f1(s, t, e))), lvl
        return (lambda s, t, e: tuple([f(s, t, e) for f in fns])), lvl

    def _record(self, node, scope):
        names = [n for n, _ in node.fields]
        compiled = [self.expr(x, scope) for _, x in node.fields]
        fns = [c[0] for c in compiled]
        lvl = max([c[1] for c in compiled], default=0)
        pairs = list(zip(names, fns))

        def record(s, t, e):
            return Fcn({n: f(s, t, e) for n, f in pairs})
        return record, lvl

    def _recordset(self, node, scope):
        names = [n for n, _ in node.fields]
        compiled = [self.expr(x, scope) for _, x in node.fields]
        fns = [c[0] for c in compiled]
        lvl = max([c[1] for c in compiled], default=0)

        def recordset(s, t, e):
            return V.RecordSet([(n, f(s, t, e)) for n, f in zip(names, fns)])
        return with_span(recordset, node.span), lvl

    def _field(self, node, scope):
        rec, lvl = self.expr(node.record, scope)
        name = node.field

        span = node.span

        def fld(s, t, e):
            r = rec(s, t, e)
            if type(r) is Fcn:
                v = r.map.get(name, _MISSING)
                if v is not _MISSING:
                    return v
            try:
                return V.field(r, name)
            except EvalError as err:
                locate(err, span)
                raise
        return fld, lvl

    def _funcons(self, node, scope):
        binders = self._binder_list(node.bounds)
        _, inner, dom_fns, lvl = self._bounds(node.bounds, scope)
        body, blvl = self.expr(node.body, inner)
        single = len(binders) == 1 and not binders[0][1]
        x = binders[0][0][0] if single else None

        def funcons(s, t, e):
            doms = [f(s, t, e) for f in dom_fns]
            dom = doms[0] if len(doms) == 1 else V.ProductSet(doms)
            if is_enumerable(dom):
                e2 = dict(e)
                m = {}
                if single:
                    for v in elems(dom):
                        e2[x] = v
                        m[v] = body(s, t, e2)
                else:
                    for v in elems(dom):
                        _destructure(binders, v, e2)
                        m[v] = body(s, t, e2)
                return make_fcn(m)

            e0 = dict(e)        # (kept: the function outlives this call, as a filter)

            def rule(arg):
                e2 = dict(e0)
                if single:
                    e2[x] = arg
                else:
                    _destructure(binders, arg, e2)
                return body(s, t, e2)
            return LazyFcn(dom, rule)
        return funcons, max(lvl, blvl)

    def _funset(self, node, scope):
        d, l1 = self.expr(node.domain, scope)
        r, l2 = self.expr(node.range, scope)
        return (with_span(lambda s, t, e: V.FcnSet(d(s, t, e), r(s, t, e)), node.span),
                max(l1, l2))

    def _funapp(self, node, scope):
        span = node.span
        f, lvl = self.expr(node.fn, scope)
        compiled = [self.expr(a, scope) for a in node.args]
        lvl = max([lvl] + [c[1] for c in compiled])
        lambda_form = isinstance(node.fn, A.FunCons)
        # TLC reports a failed application of a tuple or record literal at the literal too
        # (the value remembers its source): innermost in the trace, after this node
        literal = node.fn.span if isinstance(node.fn, (A.Tuple, A.Record)) else None
        if literal is not None:
            outer = span

            def span_for(err):
                locate(err, literal)
                locate(err, outer)
        else:
            def span_for(err):
                locate(err, span)
        if len(compiled) == 1:
            a0 = compiled[0][0]

            def funapp(s, t, e):
                fv = f(s, t, e)
                arg = a0(s, t, e)
                tf = type(fv)
                if tf is tuple:
                    if type(arg) is int and 0 < arg <= len(fv):
                        return fv[arg - 1]
                elif tf is Fcn:
                    ta = type(arg)
                    if ta is not bool and ta is not int:
                        v = fv.map.get(arg, _MISSING)
                        if v is not _MISSING:
                            return v
                try:
                    if lambda_form:
                        return _apply_lambda_form(fv, arg)
                    return apply(fv, arg)
                except EvalError as err:
                    span_for(err)
                    raise
        else:
            fns = [c[0] for c in compiled]

            def funapp(s, t, e):
                fv = f(s, t, e)
                arg = tuple([g(s, t, e) for g in fns])
                try:
                    if lambda_form:
                        return _apply_lambda_form(fv, arg)
                    return apply(fv, arg)
                except EvalError as err:
                    span_for(err)
                    raise
        return funapp, lvl

    def _except(self, node, scope):
        base, lvl = self.expr(node.fn, scope)
        ups = []
        for path, val in node.updates:
            steps = []
            for st in path:
                if isinstance(st, A.ExceptField):
                    nm = st.name
                    steps.append(lambda s, t, e, nm=nm: nm)
                else:
                    cs = [self.expr(a, scope) for a in st.args]
                    lvl = max([lvl] + [c[1] for c in cs])
                    if len(cs) == 1:
                        steps.append(cs[0][0])
                    else:
                        fs = [c[0] for c in cs]
                        steps.append(lambda s, t, e, fs=fs: tuple([g(s, t, e) for g in fs]))
            inner = LocalScope(scope, {"@": BoundEntry("@")})
            vf, vl = self.expr(val, inner)
            lvl = max(lvl, vl)
            ups.append((steps, vf))

        span = node.span

        def except_(s, t, e):
            f = base(s, t, e)
            try:
                for steps, vf in ups:
                    keys = [k(s, t, e) for k in steps]
                    f = _update(f, keys, 0, vf, s, t, e)
            except EvalError as err:
                locate(err, span)
                raise
            return f
        return except_, lvl

    def _at(self, node, scope):
        span = node.span

        def at(s, t, e):
            try:
                return e["@"]
            except KeyError:
                # SANY rejects such text in modules; expressions given directly come here
                raise EvalError("@ is only meaningful in the value of an EXCEPT update "
                                "([f EXCEPT ![x] = @ + 1]).", span) from None
        return at, 0

    # ----------------------------------------------------------------------------------
    # control
    def _if(self, node, scope):
        c, l1 = self.expr(node.cond, scope)
        a, l2 = self.expr(node.then, scope)
        b, l3 = self.expr(node.else_, scope)

        def if_(s, t, e):
            v = c(s, t, e)
            if v is True:
                return a(s, t, e)
            if v is False:
                return b(s, t, e)
            raise EvalError(f"A non-boolean expression ({V.kind_name(v)}) was used as the "
                            f"condition of an IF.\n", node.span)
        return if_, max(l1, l2, l3)

    def _case(self, node, scope):
        arms = [(self.expr(p, scope), self.expr(x, scope)) for p, x in node.arms]
        other = self.expr(node.other, scope) if node.other is not None else None
        lvl = max([max(p[1], x[1]) for p, x in arms] + [other[1] if other else 0])
        arms_f = [(p[0], x[0]) for p, x in arms]
        other_f = other[0] if other else None
        span = node.span

        def case(s, t, e):
            for p, x in arms_f:
                v = p(s, t, e)
                if v is True:
                    return x(s, t, e)
                if v is not False:
                    raise EvalError(f"A non-boolean expression ({V.kind_name(v)}) was used as"
                                    f" a condition of a CASE.\n", span)
            if other_f is not None:
                return other_f(s, t, e)
            raise EvalError("Attempted to evaluate a CASE with no conditions true.\n",
                            span)
        return with_span(case, span), lvl

    def let_scope(self, node, scope):
        """The scope of a LET's body, with its definitions compiled; gives (scope, list of
        zero-arity definitions to place lazily in the environment)."""
        names: dict = {}
        inner = LocalScope(scope, names)
        mod = scope.module_ns
        defs = []
        for d in node.defs:
            if isinstance(d, A.OpDef):
                ent = DefEntry(d.name, d.params, d.body, inner, mod.module.name,
                               carry=mod.carry, let=True, span=d.span)
            elif isinstance(d, A.FunDef):
                ent = DefEntry(d.name, (), d.body, inner, mod.module.name, carry=mod.carry,
                               let=True, bounds=d.bounds, span=d.span)
            elif isinstance(d, A.Recursive):
                continue
            elif isinstance(d, A.InstanceDef):
                self.model.add_instance(d, inner, names)
                continue
            else:
                continue
            names[canonical(d.name)] = ent
            defs.append(ent)
        for ent in defs:
            self.ensure_compiled(ent)
        lazies = [ent for ent in defs if ent.arity == 0 and ent.level < 2]
        return inner, lazies

    def _let(self, node, scope):
        inner, lazies = self.let_scope(node, scope)
        body, lvl = self.expr(node.body, inner)
        if not lazies:
            return body, lvl

        def let(s, t, e):
            e2 = dict(e)
            for ent in lazies:
                e2[ent.name] = _Lazy(ent, e2)
            return body(s, t, e2)
        return let, lvl

    def _junction(self, node, scope):
        compiled = [self.expr(x, scope) for x in node.items]
        fns = [c[0] for c in compiled]
        lvl = max(c[1] for c in compiled)
        if node.kind == "/\\":
            def conj(s, t, e):
                for f in fns:
                    v = f(s, t, e)
                    if v is not True:
                        if v is False:
                            return False
                        raise _nonbool("P /\\ Q", "P", v)
                return True
            return conj, lvl

        def disj(s, t, e):
            for f in fns:
                v = f(s, t, e)
                if v is not False:
                    if v is True:
                        return True
                    raise _nonbool("P \\/ Q", "P", v)
            return False
        return disj, lvl

    def _lambda(self, node, scope):
        params = node.params
        inner = LocalScope(scope, {p: BoundEntry(p) for p in params})
        body, lvl = self.expr(node.body, inner)
        return _operator_maker(params, body, len(params), "LAMBDA"), lvl

    def _label(self, node, scope):
        return self.expr(node.body, scope)

    def _boxaction(self, node, scope):
        a, _ = self.expr(node.action, scope)
        v, _ = self.expr(node.sub, scope)

        def box(s, t, e):
            r = a(s, t, e)
            if r is True:
                return True
            return eq(v(t, None, e), v(s, None, e))
        return box, 2

    def _angleaction(self, node, scope):
        a, _ = self.expr(node.action, scope)
        v, _ = self.expr(node.sub, scope)

        def angle(s, t, e):
            r = a(s, t, e)
            if r is not True:
                return False
            return not eq(v(t, None, e), v(s, None, e))
        return angle, 2

    def _temporal_node(self, node, scope):
        span = node.span

        def temporal(s, t, e):
            raise EvalError("TLC cannot evaluate a temporal formula here.", span)
        return temporal, 3

    # ----------------------------------------------------------------------------------
    # built-in operators of the core language
    def _core(self, name, node, scope):
        args = node.args
        span = node.span
        if name in ("TRUE", "FALSE"):
            v = name == "TRUE"
            return (lambda s, t, e: v), 0
        if name == "BOOLEAN":
            return (lambda s, t, e: V.BOOLEAN), 0
        if name == "STRING":
            return (lambda s, t, e: V.STRING), 0
        if name == "'":
            return self._prime(args[0], scope, span)
        if name == "UNCHANGED":
            f, _ = self.expr(args[0], scope)

            def unchanged(s, t, e):
                return eq(f(t, None, e), f(s, None, e))
            return with_span(unchanged, span), 2
        if name == "ENABLED":
            return self._enabled(args[0], scope, span)
        if name in TEMPORAL_OPS:
            return self._temporal_node(node, scope)
        if name == "\\cdot":
            def cdot(s, t, e):
                raise EvalError("TLC cannot evaluate the action composition \\cdot.", span)
            return cdot, 2
        if name == "\\X":
            flat = []

            def flatten(x):
                if isinstance(x, A.OpApp) and canonical(x.name) == "\\X" and len(x.args) == 2:
                    flatten(x.args[0])
                    flatten(x.args[1])
                else:
                    flat.append(x)
            for a in args:
                flatten(a)
            compiled = [self.expr(a, scope) for a in flat]
            fns = [c[0] for c in compiled]
            return (with_span(lambda s, t, e: V.ProductSet([f(s, t, e) for f in fns]), span),
                    max(c[1] for c in compiled))
        compiled = [self.expr(a, scope) for a in args]
        fns = [c[0] for c in compiled]
        lvl = max([c[1] for c in compiled], default=0)
        if len(fns) == 1:
            f0 = fns[0]
            if name == "~":
                def not_(s, t, e):
                    v = f0(s, t, e)
                    if v is True:
                        return False
                    if v is False:
                        return True
                    raise EvalError(f"Attempted to apply the operator ~ to a non-boolean\n"
                                    f"({V.kind_name(v)}).", span)
                return not_, lvl
            if name == "SUBSET":
                return with_span(lambda s, t, e: V.PowerSet(f0(s, t, e)), span), lvl
            if name == "UNION":
                return with_span(lambda s, t, e: _union(f0(s, t, e)), span), lvl
            if name == "DOMAIN":
                return with_span(lambda s, t, e: V.domain(f0(s, t, e)), span), lvl
        if len(fns) != 2:
            raise SemanticError(f"The operator {name} is applied to {len(fns)} arguments.",
                                span)
        a, b = fns
        # the hottest operators locate their own errors instead of paying for a wrapper
        if name == "=":
            def eq_(s, t, e):
                x = a(s, t, e)
                y = b(s, t, e)
                tx = type(x)
                if tx is type(y) and tx is not tuple:
                    return x == y
                try:
                    return eq(x, y)
                except EvalError as err:
                    locate(err, span)
                    raise
            return eq_, lvl
        if name == "#":
            def neq(s, t, e):
                x = a(s, t, e)
                y = b(s, t, e)
                tx = type(x)
                if tx is type(y) and tx is not tuple:
                    return x != y
                try:
                    return not eq(x, y)
                except EvalError as err:
                    locate(err, span)
                    raise
            return neq, lvl
        if name == "\\in":
            def in_(s, t, e):
                x = a(s, t, e)
                S = b(s, t, e)
                try:
                    if type(S) is FSet:
                        return S.contains(x)
                    return member(x, S)
                except EvalError as err:
                    locate(err, span)
                    raise
            return in_, lvl
        if name == "\\notin":
            return with_span(lambda s, t, e: not member(a(s, t, e), b(s, t, e)), span), lvl
        if name == "/\\":
            def and_(s, t, e):
                x = a(s, t, e)
                if x is False:
                    return False
                if x is not True:
                    raise _nonbool("P /\\ Q", "P", x)
                y = b(s, t, e)
                if y is True or y is False:
                    return y
                raise _nonbool("P /\\ Q", "Q", y)
            return with_span(and_, span), lvl
        if name == "\\/":
            def or_(s, t, e):
                x = a(s, t, e)
                if x is True:
                    return True
                if x is not False:
                    raise _nonbool("P \\/ Q", "P", x)
                y = b(s, t, e)
                if y is True or y is False:
                    return y
                raise _nonbool("P \\/ Q", "Q", y)
            return with_span(or_, span), lvl
        if name == "=>":
            def implies(s, t, e):
                x = a(s, t, e)
                if x is False:
                    return True
                if x is not True:
                    raise _nonbool("P => Q", "P", x)
                y = b(s, t, e)
                if y is True or y is False:
                    return y
                raise _nonbool("P => Q", "Q", y)
            return with_span(implies, span), lvl
        if name == "<=>":
            def equiv(s, t, e):
                x = a(s, t, e)
                y = b(s, t, e)
                if (x is True or x is False) and (y is True or y is False):
                    return x is y
                raise _nonbool("P <=> Q", "P" if not isinstance(x, bool) else "Q",
                               x if not isinstance(x, bool) else y)
            return with_span(equiv, span), lvl
        if name == "\\cup":
            return with_span(lambda s, t, e: _cup(a(s, t, e), b(s, t, e)), span), lvl
        if name == "\\cap":
            return with_span(lambda s, t, e: _cap(a(s, t, e), b(s, t, e)), span), lvl
        if name == "\\":
            return with_span(lambda s, t, e: _diff(a(s, t, e), b(s, t, e)), span), lvl
        if name == "\\subseteq":
            return with_span(lambda s, t, e: _subseteq(a(s, t, e), b(s, t, e)), span), lvl
        raise SemanticError(f"Unknown operator: `{name}'.", span)

    def _prime(self, arg, scope, span):
        if isinstance(arg, A.OpApp) and not arg.args:
            ent = scope.lookup(canonical(arg.name))
            idx = variable_index(ent)
            if idx is not None:
                vname = ent.name

                def primed(s, t, e):
                    try:
                        v = t[idx]
                    except TypeError:
                        raise EvalError(f"The primed variable {vname}' was referenced outside "
                                        f"an action.", span) from None
                    if v is UNSET:
                        raise EvalError(f"The variable {vname}' was referenced before it was "
                                        f"assigned a value.", span)
                    return v
                return primed, 2
        f, _ = self.expr(arg, scope)

        def prime(s, t, e):
            if t is None:
                raise EvalError("Attempted to evaluate a primed expression outside an "
                                "action.", span)
            return f(t, None, e)
        return prime, 2

    def _enabled(self, arg, scope, span):
        act = self.model.actions.compile(arg, scope)
        nvars = len(self.model.variables)

        def enabled(s, t, e):
            t2 = [UNSET] * nvars
            try:
                act(s, t2, e, _stop)
            except _Found:
                return True
            return False
        return with_span(enabled, span), 1


_PRIMED: dict = {}


def _primed_alias(index: int, name: str) -> PrimedVarEntry:
    key = (index, name)
    e = _PRIMED.get(key)
    if e is None:
        e = _PRIMED[key] = PrimedVarEntry(name, index)
    return e


def _unbounded(span):
    def unbounded(s, t, e):
        raise EvalError("TLC attempted to evaluate an unbounded quantifier.", span)
    return unbounded


def _is_selector(name: str) -> bool:
    return name == ":" or name.isdigit()


def _select(node, sel: str, span):
    """The operand ``sel`` (1-based, or ``:`` for the whole) of expression ``node``."""
    while isinstance(node, A.Label):
        node = node.body
    if sel == ":":
        return node
    n = int(sel)
    parts = None
    if isinstance(node, A.Junction):
        parts = node.items
    elif isinstance(node, A.OpApp):
        parts = node.args
    elif isinstance(node, A.If):
        parts = (node.cond, node.then, node.else_)
    elif isinstance(node, (A.Quant, A.Choose)):
        parts = (node.body,)
    elif isinstance(node, A.Let):
        parts = (node.body,)
    if parts is None or not 0 < n <= len(parts):
        raise SemanticError(f"The positional selector !{sel} does not name a subexpression.",
                            span)
    return parts[n - 1]


class _Found(Exception):
    pass


def _stop():
    raise _Found


_MISSING = object()


def _own_key(entry) -> str:
    """The environment key under which a function definition's rule finds its own value
    (no TLA+ identifier starts with ``$``)."""
    return f"$fcn{id(entry)}"


class _Lazy:
    """A zero-arity LET definition in an environment: evaluated on first use, then kept."""
    __slots__ = ("ent", "env", "val")

    def __init__(self, ent, env):
        self.ent = ent
        self.env = env
        self.val = _MISSING

    def get(self, s, t):
        v = self.val
        if v is _MISSING:
            v = self.val = self.ent.fn(s, t, self.env)
        return v


def _check_bool_int(vals) -> None:
    b = next((v for v in vals if type(v) is bool), None)
    i = next((v for v in vals if type(v) is int), None)
    if b is not None and i is not None:
        raise V._cmp_error(i, b)


def _bind_tuple(names, v, env) -> None:
    if type(v) is not tuple or len(v) != len(names):
        raise EvalError(f"Attempted to bind the tuple of identifiers <<{', '.join(names)}>> "
                        f"to the value {format_value(v)}.")
    for n, x in zip(names, v):
        env[n] = x


def _destructure(binders, v, env) -> None:
    """Bind a domain element of a multi-binder function ``[x \\in S, y \\in T |-> e]``
    (the element is the tuple <<x, y>>)."""
    if len(binders) == 1:
        names, is_tup, _ = binders[0]
        if is_tup:
            _bind_tuple(names, v, env)
        else:
            env[names[0]] = v
        return
    if type(v) is not tuple or len(v) != len(binders):
        raise EvalError(f"Attempted to apply a function of {len(binders)} arguments to "
                        f"{format_value(v)}.")
    for (names, is_tup, _), x in zip(binders, v):
        if is_tup:
            _bind_tuple(names, x, env)
        else:
            env[names[0]] = x


def _envs(binders, dom_fns, s, t, e, in_order):
    """Every environment extending ``e`` with one choice per binder (in TLC's order when
    ``in_order``; domains are evaluated left to right, each in the environment so far)."""
    n = len(binders)
    iterate = ordered if in_order else elems

    def rec(i, env):
        if i == n:
            yield env
            return
        names, is_tup, _ = binders[i]
        for v in iterate(dom_fns[i](s, t, env)):
            e2 = dict(env)
            if is_tup:
                _bind_tuple(names, v, e2)
            else:
                e2[names[0]] = v
            yield from rec(i + 1, e2)
    return rec(0, e)


def _apply_lambda_form(f, arg):
    try:
        return apply(f, arg)
    except EvalError as err:
        if err.message.startswith(("Attempted to apply function", "Attempted to access index")):
            raise EvalError(f"In applying the function\n{V.pretty(f)},\nthe first argument "
                            f"is:\n{V.pretty(arg)}\nwhich is not in its domain.\n") from None
        raise


def _update(f, keys, i, vf, s, t, e):
    """``[f EXCEPT ![k1][k2]... = v]``; arguments outside the domain leave f unchanged."""
    k = keys[i]
    last = i + 1 == len(keys)
    tf = type(f)
    if tf is tuple:
        if type(k) is not int or not 0 < k <= len(f):
            return f
        old = f[k - 1]
        new = _new_value(old, keys, i, vf, s, t, e, last)
        lst = list(f)
        lst[k - 1] = new
        return tuple(lst)
    if tf is Fcn:
        m = f.map
        if k not in m or (type(k) in (bool, int) and not any(
                type(x) is type(k) and x == k for x in m)):
            return f
        old = m[k]
        new = _new_value(old, keys, i, vf, s, t, e, last)
        return f.updated(k, new)
    if tf is LazyFcn:
        if not f.dom.is_enumerable():
            raise EvalError("Attempted to apply EXCEPT to a function with an infinite "
                            "domain.")
        return _update(f.materialize(), keys, i, vf, s, t, e)
    raise EvalError(f"Attempted to apply EXCEPT to the non-function value\n{V.pretty(f)}")


def _new_value(old, keys, i, vf, s, t, e, last):
    if last:
        e2 = dict(e)
        e2["@"] = old
        return vf(s, t, e2)
    return _update(old, keys, i + 1, vf, s, t, e)


def _union(S):
    S = V.as_set(S)
    if type(S) is FSet and all(type(x) is FSet for x in S):
        out: set = set()
        for x in S:
            out.update(x)
        return FSet(out)
    return V.UnionSet(S)


def _cup(a, b):
    if type(a) is FSet and type(b) is FSet:
        if not a:
            return b
        if not b:
            return a
        if len(b) > len(a):
            a, b = b, a
        r = bounded_set(frozenset.union(a, b))
        # msgs \cup {m} with m already sent: the same set, whose caches (sorted order,
        # fingerprint lane) stay
        if len(r) == len(a):
            return a
        V.note_grown_order(r, a, b)
        return r
    if not isinstance(a, SetBase) or not isinstance(b, SetBase):
        # as TLC: the union stays lazy and fails when enumerated (fingerprinted); TLC's
        # message names the operands in this order
        return V.CupSet(b, a)
    if is_enumerable(a) and is_enumerable(b):
        return bounded_set(frozenset.union(_fs(a), _fs(b)))
    return V.CupSet(a, b)


def _fs(S):
    return S if type(S) is FSet else S.elements()


def _cap(a, b):
    if type(a) is FSet and type(b) is FSet:
        return FSet(frozenset.intersection(a, b))
    a, b = V.as_set(a), V.as_set(b)
    if is_enumerable(a):
        return bounded_set([x for x in elems(a) if member(x, b)])
    if is_enumerable(b):
        return bounded_set([x for x in elems(b) if member(x, a)])
    return V.CapSet(a, b)


def _diff(a, b):
    if type(a) is FSet and type(b) is FSet:
        r = FSet(frozenset.difference(a, b))
        if len(r) == len(a):
            return a
        order = a._sorted
        if type(order) is list and r:
            # a subset keeps the set's order: recursions that take CHOOSE x \in S : TRUE
            # and go on with S \ {x} sort once
            i = None
            if len(b) == 1 and len(r) == len(a) - 1:
                # the element removed is most often the very object the order holds (the
                # piece taken from the board); looked for by identity, as comparing with
                # == could meet TLC's typed model value error where TLC compares nothing
                x = next(iter(b))
                if order[0] is x:
                    i = 0
                elif type(x) is int or type(x) is str:    # equal to it alone, found in C
                    i = order.index(x)
                else:
                    i = next((j for j, e in enumerate(order) if e is x), None)
            if i is not None:
                r._sorted = order[:i] + order[i + 1:]
            else:
                r._sorted = [e for e in order if e in r]
            V.note_subset_kind(r, a)
        return r
    if type(a) is Interval and type(b) is FSet and _ints_exact(b):
        # ``1..N \ {self}``, ``Procs \ unchecked[i]``: b holds no value an integer could
        # meet with TLC's comparison error, so Python's difference of the integers is TLC's
        return bounded_set(frozenset(range(a.lo, a.hi + 1)).difference(b))
    if type(a) is V.ProductSet and type(b) is FSet and tuple in b.exact_types() \
            and a.is_enumerable() and a.size() <= V.MAX_SET_SIZE:
        # ``Pos \ UNION board`` with Pos == (0..3) \X (0..4): b holds no value a tuple
        # could meet with TLC's comparison error, so the product's elements (built once and
        # kept with it) are taken away as Python does
        return FSet(frozenset.difference(a.elements(), b))
    a, b = V.as_set(a), V.as_set(b)
    if is_enumerable(a):
        return bounded_set([x for x in elems(a) if not member(x, b)])
    return V.DiffSet(a, b)


def _ints_exact(S: FSet) -> bool:
    """True when Python's ``x in S`` is TLC's membership for every integer x (S empty, or
    its elements integers and untyped model values)."""
    return int in S.exact_types() or not S


def _subseteq(a, b) -> bool:
    if type(a) is FSet and type(b) is FSet:
        # Python's containment is TLC's membership when every element of a is of a kind b
        # holds exactly (FSet.has); else each element is looked for by TLC's rules (where
        # TRUE is not 1, and comparing a string with an integer is an error)
        if not b:
            return not a
        if b.exact_types().issuperset(map(type, a)):
            return frozenset.issubset(a, b)
        return all(b.contains(x) for x in a)
    a, b = V.as_set(a), V.as_set(b)
    if not is_enumerable(a):
        raise EvalError("Attempted to evaluate an expression of form S \\subseteq T, but S "
                        "was not enumerable.")
    return all(member(x, b) for x in elems(a))
