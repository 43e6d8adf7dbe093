"""Actions: enumerate the states an Init predicate or a next-state action allows.

Takes action expressions and their scope; gives closures ``act(s, t, e, k)`` in
continuation-passing style: ``t`` is the state being built (a list, :data:`UNSET` where a
variable is not bound yet), and ``k()`` is called once for every way the action can be
satisfied, with ``t`` filled in as far as the action binds it. In *init mode* the unprimed
variables are the ones bound (``s`` and ``t`` are then the same list).

This is TLC's ``Tool.getInitStates`` / ``getNextStates``: conjuncts are evaluated left to
right; the first ``x' = e`` binds ``x'`` and later ones test it; ``x' \\in S`` branches over S
in TLC's order; ``\\E`` and ``\\/`` branch; IF and CASE (first true arm) choose;
``UNCHANGED <<x, y>>`` binds; definitions are expanded inline; anything else is evaluated as
a boolean guard.

:func:`split_actions` is TLC's ``Tool.getActions``: the next-state relation is cut into
actions at top-level disjunctions, through operator definitions (the action is named after
the definition whose body it is, with that definition's parameters) and through
``\\E p \\in S :`` (one action per value of p).
"""
from __future__ import annotations


from tla.errors import EvalError, Span
from tla.records import mutable_record, record
from tla.parser import ast as A
from tla.evaluator import values as V
from tla.evaluator.values import eq, format_value
from tla.evaluator.compiler import (UNSET, EMPTY_ENV, canonical, action_order,
                                    _bind_tuple, _Lazy, _envs, CORE_OPS)
from tla.evaluator.scope import (SubstEntry, DefEntry, BoundEntry, LocalScope,
                                 ConstEntry, PrimedVarEntry, ArgEntry, variable_index)



@record
class ActionLabel:
    """The action a successor came from, as TLC prints it: ``name``, the values of the
    defining operator's parameters ``params`` ((name, value) pairs) and the ``span`` of the
    action's body expression."""
    name: str
    params: tuple
    span: Span | None

    def text(self) -> str:
        """``Inc(p1) line 10, col 11 to line 13, col 28 of module Counter`` (what goes
        between TLC's angle brackets)."""
        p = ""
        if self.params:
            p = "(" + ",".join(format_value(v) for _, v in self.params) + ")"
        loc = self.span.tlc_location() if self.span is not None else ""
        return f"{self.name}{p} {loc}".rstrip()

    def __str__(self) -> str:
        return f"<{self.text()}>"


class UnspecifiedError(EvalError):
    """A successor leaves variables unbound (TLC 2109). ``variables`` are their names in
    the order TLC prints them (sorted); ``label`` the action; ``state`` the partial state
    (UNSET where unbound)."""

    def __init__(self, variables, label, state):
        names = sorted(variables)
        plural = "s are" if len(names) > 1 else " is"
        super().__init__(f"Successor state is not completely specified by the next-state "
                         f"action. The following variable{plural} not defined: "
                         f"{', '.join(names)}.", label.span if label else None,
                         tlc_code=2109)
        self.variables = names
        self.label = label
        self.state = state


def _nonbool_action(v, span) -> EvalError:
    return EvalError(f"Action expression evaluated to a non-boolean value:\n"
                     f"{V.pretty(v)}", span)


class ActionCompiler:
    def __init__(self, model):
        self.model = model
        self.cx = model.compiler
        #: the scopes the split creates, one per place (see ``_shared_scope``)
        self.split_scopes: dict = {}

    def compile(self, node, scope, init: bool = False):
        """``act(s, t, e, k)`` for action ``node``."""
        m = getattr(self, "_" + type(node).__name__, None)
        if m is None:
            return self._guard(node, scope)
        # No shortcut to a plain boolean for subformulas that bind nothing: TLC's
        # getNextStates/getInitStates branch on every \/ and \E in action position, even a
        # state-level one, and count each branch's successor as generated:
        #   /\ x' = 1 /\ (y = 0 \/ z = 0)   yields x' = 1 twice when y = 0 and z = 0.
        return m(node, scope, init)

    # ----------------------------------------------------------------------------------
    def _guard(self, node, scope):
        f, _ = self.cx.expr(node, scope)
        span = getattr(node, "span", None)

        def guard(s, t, e, k):
            v = f(s, t, e)
            if v is True:
                k()
            elif v is not False:
                raise _nonbool_action(v, span)
        return guard

    def _Bool(self, node, scope, init):
        if node.value:
            return lambda s, t, e, k: k()
        return lambda s, t, e, k: None

    def _Label(self, node, scope, init):
        return self.compile(node.body, scope, init)

    def _Junction(self, node, scope, init):
        if node.kind == "/\\":
            return self._conjunction(node.items, scope, init, node.span)
        acts = [self.compile(x, scope, init) for x in node.items]
        return _located(_disj(acts), node.span)

    def _conjunction(self, items, scope, init, span):
        """``A1 /\\ ... /\\ An`` with TLC's rule for what follows a conjunct: once every
        variable has a value, the remaining conjuncts are evaluated as booleans, without
        branching (``Tool.getNextStatesAllAssigned``, ``getInitStates(ActionItemList..)``):
        ``/\\ x' = 1 /\\ (y = 0 \\/ z = 0)`` yields x' = 1 once when x is the only
        variable. TLC skips that shortcut for next states under ``-nowarning``."""
        acts = [self.compile(x, scope, init) for x in items]
        tests = [_LazyTest(self.cx, x, scope) for x in items]
        what = "initial states" if init else "next states"
        return _located(_conj(acts, tests, self._shortcut(init), what), span)

    def _shortcut(self, init):
        """A callable telling whether the all-assigned shortcut applies."""
        if init:
            return _always
        model = self.model
        return lambda: model.assigned_shortcut

    def _If(self, node, scope, init):
        c, _ = self.cx.expr(node.cond, scope)
        a = self.compile(node.then, scope, init)
        b = self.compile(node.else_, scope, init)
        span = node.span

        def if_(s, t, e, k):
            v = c(s, t, e)
            if v is True:
                a(s, t, e, k)
            elif v is False:
                b(s, t, e, k)
            else:
                raise EvalError(f"A non-boolean expression ({V.kind_name(v)}) was used as "
                                f"the condition of an IF.\n", span)
        return if_

    def _Case(self, node, scope, init):
        arms = [(self.cx.expr(p, scope)[0], self.compile(x, scope, init))
                for p, x in node.arms]
        other = self.compile(node.other, scope, init) if node.other is not None else None
        span = node.span

        def case(s, t, e, k):
            for p, a in arms:
                v = p(s, t, e)
                if v is True:
                    return a(s, t, e, k)
                if v is not False:
                    raise EvalError(f"A non-boolean expression ({V.kind_name(v)}) was used "
                                    f"as a condition of a CASE.\n", span)
            if other is None:
                raise EvalError("In computing next states, TLC encountered a CASE with no "
                                "conditions true.\n", span)
            other(s, t, e, k)
        return _located(case, span)

    def _Let(self, node, scope, init):
        inner, lazies = self.cx.let_scope(node, scope)
        body = self.compile(node.body, inner, init)
        if not lazies:
            return body

        def let(s, t, e, k):
            e2 = dict(e)
            for ent in lazies:
                e2[ent.name] = _Lazy(ent, e2) if ent.level < 2 else _Fresh(ent, e2)
            body(s, t, e2, k)
        return let

    def _Quant(self, node, scope, init):
        binders = self.cx._binder_list(node.bounds)
        _, inner, dom_fns, _ = self.cx._bounds(node.bounds, scope)
        body = self.compile(node.body, inner, init)
        exists = node.kind == "\\E"

        def rec(i, s, t, e, k):
            if i == len(binders):
                body(s, t, e, k)
                return
            names, is_tup, _ = binders[i]
            S = dom_fns[i](s, t, e)
            if exists:
                for v in action_order(S):
                    e2 = dict(e)
                    if is_tup:
                        _bind_tuple(names, v, e2)
                    else:
                        e2[names[0]] = v
                    rec(i + 1, s, t, e2, k)

        test = _LazyTest(self.cx, node.body, inner)
        shortcut = self._shortcut(init)
        what = "initial states" if init else "next states"

        def forall(s, t, e, k):
            envs = list(_envs(binders, dom_fns, s, t, e, True))

            def chain(j):
                if j == len(envs):
                    k()
                else:
                    body(s, t, envs[j], lambda: after(j + 1))

            def after(j):
                # TLC queues the body once per remaining element: the same shortcut as
                # between conjuncts applies once every variable has a value
                if UNSET not in t and shortcut():
                    for env in envs[j:]:
                        if not test.holds(s, t, env, what):
                            return
                    k()
                else:
                    chain(j)
            chain(0)

        def quant(s, t, e, k):
            if exists:
                rec(0, s, t, e, k)
            else:
                forall(s, t, e, k)
        return _located(quant, node.span)

    def _FunApp(self, node, scope, init):
        """``f[e]`` in action position where f is a function definition (TLC keeps such a
        function lazy and takes its body, with the argument bound, as the action)."""
        fn = node.fn
        if not (isinstance(fn, A.OpApp) and not fn.args and len(node.args) == 1):
            return self._guard(node, scope)
        entry = scope.lookup(canonical(fn.name))
        if type(entry) is not DefEntry or entry.bounds is None or entry.builtin is not None \
                or len(entry.bounds) != 1 or entry.bounds[0].tuple_pattern \
                or len(entry.bounds[0].names) != 1:
            return self._guard(node, scope)
        bound = entry.bounds[0]
        x = bound.names[0]
        key = ("fa-init" if init else "fa-next",)
        cache = entry.act if entry.act is not None else {}
        entry.act = cache
        if key not in cache:
            cache[key] = None
            inner = LocalScope(entry.ns, {x: BoundEntry(x)})
            dom, _ = self.cx.expr(bound.domain, entry.ns)
            cache[key] = (self.compile(entry.body, inner, init), dom)
        arg, _ = self.cx.expr(node.args[0], scope)
        guard = self._guard(node, scope)
        let = entry.let
        carry = entry.carry
        span = node.span

        def fcn_action(s, t, e, k):
            compiled = cache[key]
            if compiled is None:
                return guard(s, t, e, k)
            body, dom = compiled
            v = arg(s, t, e)
            env = dict(e) if let else {c: e[c] for c in carry}
            if not V.member(v, dom(s, t, env)):
                return guard(s, t, e, k)
            env[x] = v
            body(s, t, env, k)
        return _located(fcn_action, span)

    def _BoxAction(self, node, scope, init):
        a = self.compile(node.action, scope, init)
        u = self._unchanged(node.sub, scope, node.span)
        return _disj([a, u])

    def _AngleAction(self, node, scope, init):
        a = self.compile(node.action, scope, init)
        v, _ = self.cx.expr(node.sub, scope)

        def angle(s, t, e, k):
            def k2():
                if not eq(v(t, None, e), v(s, None, e)):
                    k()
            a(s, t, e, k2)
        return angle

    def _Qualified(self, node, scope, init):
        entry, carry_fns, args, span = self.cx.resolve_qualified(node, scope)
        if isinstance(entry, DefEntry) and entry.builtin is None and entry.bounds is None:
            return self._expand(entry, args, scope, span, init, carry_fns)
        return self._guard(node, scope)

    def _OpApp(self, node, scope, init):
        name = canonical(node.name)
        args = node.args
        entry = scope.lookup(name)
        if entry is None or name in CORE_OPS:
            if name == "/\\":
                return self._conjunction(args, scope, init, node.span)
            if name == "\\/":
                return _located(_disj([self.compile(a, scope, init) for a in args]),
                                node.span)
            if name == "=" and len(args) == 2:
                idx = self._target(args[0], scope, init)
                if idx is not None:
                    return self._bind_eq(idx, args[1], scope, node.span)
            if name == "\\in" and len(args) == 2:
                idx = self._target(args[0], scope, init)
                if idx is not None:
                    return self._bind_in(idx, args[1], scope, node.span)
            if name == "=>" and len(args) == 2:
                return self._implies(args[0], args[1], scope, node.span, init)
            if name == "\\cdot" and len(args) == 2 and not init:
                return self._cdot(args[0], args[1], scope, node.span)
            if name == "UNCHANGED" and not init:
                return self._unchanged(args[0], scope, node.span)
            if name in ("TRUE", "FALSE"):
                return self._Bool(A.Bool(name == "TRUE"), scope, init)
            return self._guard(node, scope)
        entry, escope = self._resolve(entry, scope)
        if type(entry) is ArgEntry and not args:
            return self.compile(entry.node, entry.scope, init)
        if type(entry) is DefEntry and entry.builtin is None and entry.bounds is None:
            return self._expand(entry, args, scope, node.span, init, ())
        return self._guard(node, scope)

    def _resolve(self, entry, scope):
        """Follow cfg substitutions (``Op <- Impl``) and operator substitutions of
        instances to the definition that is meant."""
        for _ in range(20):
            val = getattr(entry, "value", None)
            if type(entry) is ConstEntry and hasattr(val, "target"):
                ns = val.ns or self.model.root_ns
                nxt = ns.lookup(canonical(val.target))
                if nxt is None:
                    ns = getattr(val, "alt", None) or self.model.root_ns
                    nxt = ns.lookup(canonical(val.target))
                if nxt is None:
                    return entry, scope
                entry, scope = nxt, ns
            elif type(entry) is SubstEntry and entry.op is not None:
                entry, scope = entry.op, entry.scope
            else:
                break
        return entry, scope

    # ----------------------------------------------------------------------------------
    def _expand(self, entry: DefEntry, args, scope, span, init, carry_fns):
        """A definition used as an action: its body in action mode, parameters bound."""
        self.cx.ensure_compiled(entry)
        # TLC expands every user-defined operator met in action position, whatever its
        # level, so that disjunctions and \E inside it branch (see compile()).
        if entry.recursive:
            return self._guard_call(entry, args, scope, span, carry_fns)
        aliases = self.cx.var_aliases(entry, args, scope)
        # action-level arguments are passed by name (TLC evaluates them where the body uses
        # them, so that an argument like l0(self) is taken as an action there)
        for i, (a, p) in enumerate(zip(args, entry.params)):
            if aliases[i] is None and p.arity == 0 and \
                    self.cx.op_arg_or_expr(a, scope, 0)[1] >= 2:
                aliases[i] = ArgEntry(p.name, a, scope)
        by_name = any(type(a) is ArgEntry for a in aliases)
        key = ("init" if init else "next", tuple(id(a) if a else None for a in aliases))
        cache = entry.act if entry.act is not None else {}
        entry.act = cache
        if key not in cache:
            cache[key] = None
            names = {p.name: (a or BoundEntry(p.name, p.arity))
                     for p, a in zip(entry.params, aliases)}
            bscope = LocalScope(entry.ns, names) if names else entry.ns
            cache[key] = self.compile(entry.body, bscope, init)
            if by_name:
                # keep the by-name argument nodes alive: the cache key holds their ids
                cache[("args",) + key] = aliases
        args = [a for a, al in zip(args, aliases) if al is None]
        params = [p for p, al in zip(entry.params, aliases) if al is None]
        compiled = [self.cx.op_arg_or_expr(a, scope, p.arity) for a, p in zip(args, params)]
        fns = [c[0] for c in compiled]
        pnames = tuple(p.name for p in params)
        carry = entry.carry
        let = entry.let
        cnames = tuple(n for n, _ in carry_fns)
        cfns = tuple(f for _, f in carry_fns)

        def expanded(s, t, e, k):
            body = cache[key]
            if body is None:
                raise EvalError(f"TLC cannot handle the recursive action {entry.name}.", span)
            if let or by_name:
                # by-name arguments are evaluated in the body's environment, which must
                # also hold the caller's bound names they refer to
                env = dict(e)
                if cnames:
                    env.update((n, f(s, t, e)) for n, f in zip(cnames, cfns))
                elif carry:
                    env.update((c, e[c]) for c in carry if c in e)
            elif cnames:
                env = {n: f(s, t, e) for n, f in zip(cnames, cfns)}
            elif carry:
                env = {c: e[c] for c in carry}
            else:
                env = {}
            for n, f in zip(pnames, fns):
                env[n] = f(s, t, e)
            body(s, t, env, k)
        return _located(expanded, span)

    def _guard_call(self, entry, args, scope, span, carry_fns):
        f, _ = self.cx.call_entry(entry, args, scope, span, carry_fns)

        def guard(s, t, e, k):
            v = f(s, t, e)
            if v is True:
                k()
            elif v is not False:
                raise _nonbool_action(v, span)
        return guard

    def _target(self, node, scope, init):
        """The index of the variable that ``node`` binds (``x'``, or ``x`` in init mode)."""
        if not init and isinstance(node, A.OpApp) and not node.args:
            ent = scope.lookup(canonical(node.name))
            if type(ent) is PrimedVarEntry:
                return ent.index
        if init:
            var = node
        else:
            if not (isinstance(node, A.OpApp) and node.name == "'" and len(node.args) == 1):
                return None
            var = node.args[0]
        if not (isinstance(var, A.OpApp) and not var.args):
            return None
        return variable_index(scope.lookup(canonical(var.name)))

    def _bind_eq(self, idx, rhs, scope, span):
        f, _ = self.cx.expr(rhs, scope)

        def bind_eq(s, t, e, k):
            v = f(s, t, e)
            cur = t[idx]
            if cur is UNSET:
                t[idx] = v
                k()
                t[idx] = UNSET
            elif eq(cur, v):
                k()
        return _located(bind_eq, span)

    def _bind_in(self, idx, rhs, scope, span):
        f, _ = self.cx.expr(rhs, scope)

        def bind_in(s, t, e, k):
            S = f(s, t, e)
            cur = t[idx]
            if cur is UNSET:
                for v in action_order(S):
                    t[idx] = v
                    k()
                t[idx] = UNSET
            elif V.member(cur, S):
                k()
        return _located(bind_in, span)

    def _implies(self, cond, then, scope, span, init):
        """``P => A`` in action position (TLC: P is evaluated; if it holds, A is taken as
        an action, so that its disjunctions and \\E branch)."""
        c, _ = self.cx.expr(cond, scope)
        a = self.compile(then, scope, init)

        def implies(s, t, e, k):
            v = c(s, t, e)
            if v is True:
                a(s, t, e, k)
            elif v is False:
                k()
            else:
                raise EvalError(f"In computing next states of a predicate of the form P => Q,"
                                f" P was\n{V.kind_name(v)}.\n", span)
        return _located(implies, span)

    def _cdot(self, first, second, scope, span):
        """Action composition ``A \\cdot B`` (TLC's experimental support): some state u
        with A from s to u and B from u to the next state."""
        a = self.compile(first, scope, False)
        b = self.compile(second, scope, False)
        model = self.model
        n = len(model.variables)

        def cdot(s, t, e, k):
            mid = [UNSET] * n

            def after_first():
                # TLC counts each intermediate state as generated
                model.intermediate_generated += 1
                if UNSET in mid:
                    missing = [self.model.variables[i] for i, v in enumerate(mid) if v is UNSET]
                    raise EvalError("The first action of A \\cdot B does not specify the "
                                    "variables " + ", ".join(missing) + ".", span)
                b(tuple(mid), t, e, k)
            a(s, mid, e, after_first)
        return _located(cdot, span)

    def _unchanged(self, node, scope, span):
        """``UNCHANGED e``: binds each unbound variable of e to its current value, tests the
        bound ones; a tuple of variables (also through definitions) is taken apart."""
        if isinstance(node, A.Tuple):
            return _conj([self._unchanged(x, scope, span) for x in node.elems])
        if isinstance(node, A.OpApp) and not node.args:
            ent = scope.lookup(canonical(node.name))
            idx = variable_index(ent)
            if idx is not None:
                def unchanged_var(s, t, e, k):
                    cur = t[idx]
                    if cur is UNSET:
                        t[idx] = s[idx]
                        k()
                        t[idx] = UNSET
                    elif eq(cur, s[idx]):
                        k()
                return unchanged_var
            if type(ent) is DefEntry and not ent.params and ent.builtin is None \
                    and ent.bounds is None:
                return self._unchanged(ent.body, ent.ns, span)
            if type(ent) is SubstEntry and ent.expr is not None:
                return self._unchanged(ent.expr, ent.scope, span)
        f, _ = self.cx.expr(node, scope)

        def unchanged(s, t, e, k):
            if eq(f(t, None, e), f(s, None, e)):
                k()
        return _located(unchanged, span)


class _Fresh:
    """A state- or action-level LET definition in an action: evaluated at each use."""
    __slots__ = ("ent", "env")

    def __init__(self, ent, env):
        self.ent = ent
        self.env = env

    def get(self, s, t):
        return self.ent.fn(s, t, self.env)


def _located(fn, span):
    if span is None:
        return fn

    def located(s, t, e, k):
        try:
            fn(s, t, e, k)
        except EvalError as err:
            if err.span is None:
                err.span = span
            err.trace.insert(0, span)
            raise
    return located


def _true_action(s, t, e, k):
    k()


def _always() -> bool:
    return True


class _LazyTest:
    """An item of a conjunction evaluated as a boolean (compiled on first use)."""
    __slots__ = ("cx", "node", "scope", "fn")

    def __init__(self, cx, node, scope):
        self.cx = cx
        self.node = node
        self.scope = scope
        self.fn = None

    def holds(self, s, t, e, what: str) -> bool:
        if self.fn is None:
            self.fn, _ = self.cx.expr(self.node, self.scope)
        v = self.fn(s, t, e)
        if v is True or v is False:
            return v
        raise EvalError(f"In computing {what}, TLC expected a boolean expression,\nbut "
                        f"instead found {V.pretty(v)}.\n", getattr(self.node, "span", None),
                        tlc_code=2247)


def _conj(acts, tests=None, shortcut=None, what=""):
    """Conjunction in continuation-passing style, as a right-nested chain of pairs. The
    empty conjunction (``UNCHANGED <<>>``) is TRUE. With ``tests`` (the items as
    booleans) and ``shortcut``, TLC's all-assigned rule applies after each item (see
    ``ActionCompiler._conjunction``)."""
    if not acts:
        return _true_action
    if len(acts) == 1:
        return acts[0]
    a = acts[0]
    b = _conj(acts[1:], tests[1:] if tests else None, shortcut, what)
    if tests is None:
        def conj2(s, t, e, k):
            a(s, t, e, lambda: b(s, t, e, k))
        return conj2
    rest = tests[1:]

    def conj2(s, t, e, k):
        def then():
            if UNSET not in t and shortcut():
                for test in rest:
                    if not test.holds(s, t, e, what):
                        return
                k()
            else:
                b(s, t, e, k)
        a(s, t, e, then)
    return conj2


def _disj(acts):
    if len(acts) == 1:
        return acts[0]

    def disj(s, t, e, k):
        for a in acts:
            a(s, t, e, k)
    return disj


# --------------------------------------------------------------------------------------
# Splitting the next-state relation (Tool.getActions)
# --------------------------------------------------------------------------------------

@mutable_record
class Action:
    """One action of the split next-state relation: its ``node`` in ``scope``, evaluated in
    environment ``env``; ``label`` says where it came from."""
    label: ActionLabel
    node: object
    scope: object
    env: dict
    act: object = None
    #: the generated function for this action (``tla.evaluator.codegen``), or None
    fast: object = None
    #: whether ``fast`` was written (it is, once the model's warm-up is over)
    generated: bool = False
    fast_failures: int = 0


def split_actions(model, node, scope) -> list[Action]:
    out: list[Action] = []
    _split(model, node, scope, EMPTY_ENV, None, out)
    return out


def _split(model, node, scope, env, opdef, out) -> None:
    cx = model.compiler
    if isinstance(node, A.Label):
        return _split(model, node.body, scope, env, opdef, out)
    if isinstance(node, A.Junction) and node.kind == "\\/":
        for x in node.items:
            _split(model, x, scope, env, opdef, out)
        return
    if isinstance(node, A.Let):
        inner, lazies = cx.let_scope(node, scope)
        e2 = dict(env)
        for ent in lazies:
            # the split is done once for all states: only constant definitions are kept
            e2[ent.name] = _Lazy(ent, e2) if ent.level < 1 else _Fresh(ent, e2)
        return _split(model, node.body, inner, e2, opdef, out)
    if isinstance(node, A.OpApp):
        name = canonical(node.name)
        if name == "\\/" and (scope.lookup(name) is None):
            for x in node.args:
                _split(model, x, scope, env, opdef, out)
            return
        entry = scope.lookup(name)
        if entry is not None:
            entry, _ = model.actions._resolve(entry, scope)
        if type(entry) is DefEntry and entry.builtin is None and entry.bounds is None \
                and name not in CORE_OPS:
            if _expand_for_split(model, entry, node.args, scope, env, out, ()):
                return
    if isinstance(node, A.Qualified):
        entry, carry_fns, args, _ = cx.resolve_qualified(node, scope)
        if type(entry) is DefEntry and entry.builtin is None and entry.bounds is None:
            if _expand_for_split(model, entry, args, scope, env, out, carry_fns):
                return
    if isinstance(node, A.Quant) and node.kind == "\\E":
        try:
            envs = _bound_envs(model, node, scope, env)
        except EvalError:
            envs = None
        if envs is not None:
            inner = _shared_scope(model, node, scope,
                                  lambda: cx._bounds(node.bounds, scope)[1])
            for e2 in envs:
                _split(model, node.body, inner, e2, opdef, out)
            return
    out.append(Action(_label(opdef, node, env), node, scope, env))


def _label(opdef, node, env) -> ActionLabel:
    span = getattr(node, "span", None)
    if opdef is None:
        return ActionLabel("Action", (), span)
    params = tuple((p.name, env[p.name]) for p in opdef.params
                   if p.arity == 0 and p.name in env)
    return ActionLabel(opdef.name, params, span)


def _expand_for_split(model, entry, args, scope, env, out, carry_fns) -> bool:
    cx = model.compiler
    try:
        vals = []
        for a, p in zip(args, entry.params):
            f, _ = cx.op_arg_or_expr(a, scope, p.arity)
            vals.append(f(None, None, env))
        carry_vals = [(n, f(None, None, env)) for n, f in carry_fns]
    except EvalError:
        return False
    except (TypeError, IndexError):
        return False
    if entry.let:
        e2 = dict(env)
    else:
        e2 = dict(carry_vals) if carry_vals else {c: env[c] for c in entry.carry if c in env}
    for p, v in zip(entry.params, vals):
        e2[p.name] = v
    if entry.params:
        bscope = _shared_scope(model, entry, entry.ns, lambda: LocalScope(
            entry.ns, {p.name: BoundEntry(p.name, p.arity) for p in entry.params}))
    else:
        bscope = entry.ns
    _split(model, entry.body, bscope, e2, entry, out)
    return True


def _shared_scope(model, node, scope, make):
    """The scope binding the names ``node`` introduces inside ``scope`` (an operator's
    parameters, an ``\\E``'s bound names), made once: the actions split from one place
    for different values (``VTPAbort(v)`` for each ``v \\in V``) then share one scope, and
    with it their compiled and generated code, which both are cached by node and scope.
    A scope holds names only; the values are in each action's environment."""
    memo = model.actions.split_scopes
    key = (id(node), id(scope))
    hit = memo.get(key)
    if hit is None or hit[0] is not node or hit[1] is not scope:
        hit = memo[key] = (node, scope, make())
    return hit[2]


def _bound_envs(model, node, scope, env):
    cx = model.compiler
    binders = cx._binder_list(node.bounds)
    _, _, dom_fns, lvl = cx._bounds(node.bounds, scope)
    if lvl > 0:
        return None
    from tla.evaluator.compiler import _envs
    return list(_envs(binders, dom_fns, None, None, env, True))
