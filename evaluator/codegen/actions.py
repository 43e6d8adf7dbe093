r"""Actions as Python loops: the successor enumeration of one action, written out.

Takes an action expression (or an Init predicate) and its scope; writes statements that find
every way the action can be satisfied, in the reference's order (``tla.evaluator.actions``,
which is TLC's ``getNextStates``/``getInitStates``), each ending in a *continuation*: code
that goes on with the rest of the action (a conjunction's later conjuncts) and finally
appends the state built to ``out``.

What is bound is known while the code is written: :class:`~tla.evaluator.codegen.exprs.Ctx`
holds, per variable, the Python local of its primed value (``nxt``; ``cur`` in init mode) or
None where it is not bound yet. So ``x' = e`` writes ``px = e`` where x' is unbound and an
equality test where an earlier conjunct bound it; ``x' \in S`` writes a loop or a membership
test; a disjunction writes each branch followed by its own copy of the continuation. Long
continuations written more than once, and code nested deeper than Python allows, are moved
into a nested function called from each place (:meth:`ActionGen.hoist`).

A construct the generator does not handle in action position raises
:class:`~tla.evaluator.codegen.exprs.Unsupported`: the whole action then runs on the reference
evaluator.
"""
from __future__ import annotations

from tla.parser import ast as A
from tla.records import replace
from tla.evaluator.compiler import canonical, CORE_OPS
from tla.evaluator.scope import (DefEntry, BoundEntry, LocalScope, ConstEntry, SubstEntry,
                                 ArgEntry, PrimedVarEntry, variable_index)
from tla.evaluator.codegen.emit import Code, Func
from tla.evaluator.codegen.exprs import ExprGen, Ctx, Unsupported, MAX_INLINE, _Uses

#: a continuation written more than once is moved into a function past this many lines
HOIST_LINES = 40
#: core operators that are no plain guard in action position (they bind or branch)
_NOT_GUARDS = frozenset({"/\\", "\\/", "=>", "\\cdot", "UNCHANGED", "TRUE", "FALSE",
                         "ENABLED", "'"})


class ActionGen(ExprGen):
    """Writes actions (``act``) on top of the expression generator."""

    # ------------------------------------------------------------------ binding state
    def bound(self, ctx: Ctx) -> tuple:
        """The per-variable locals of what this action binds (nxt, or cur in init mode)."""
        return ctx.cur if ctx.mode == "init" else ctx.nxt

    def compose(self, first, second, scope, ctx: Ctx, c: Code, k) -> None:
        """Action composition ``A \\cdot B``, as the reference's ``_cdot``: A from the
        current state to an intermediate state u (its variables all assigned), then B from
        u with the primed variables bound so far. TLC counts each u as a generated state:
        the action's code counts them in a local list (named by ``self.intermediates``)
        and adds the count to the model's when it returns, not when it raises (the
        reference then runs the action and counts them itself)."""
        counter = self.intermediates
        if counter is None:
            raise Unsupported           # outside an action's own code (ENABLED, a predicate)
        self.composed = True
        n = len(ctx.cur)

        def after_first(ctx2: Ctx, c2: Code) -> None:
            c2(f"{counter}[0] += 1")
            if any(v is None for v in ctx2.nxt):
                c2("fail()")            # the reference names the variables A leaves out
                return
            mid = c2.fresh("u")
            c2(f"{mid} = (" + "".join(v + ", " for v in ctx2.nxt) + ")")
            inner = replace(ctx2, cur=ctx2.nxt, state=mid, nxt=ctx.nxt, nstate=None)
            self.act(second, scope, inner, c2, k)
        self.act(first, scope, replace(ctx, nxt=(None,) * n, nstate=None, emits=False), c,
                 after_first)

    def rejoin(self, outer: Ctx, inner: Ctx) -> Ctx:
        """``outer``'s names with ``inner``'s binding state."""
        if inner.env is outer.env and inner.lets is outer.lets and inner.state == outer.state:
            return inner
        if outer.mode == "init":
            return replace(outer, cur=inner.cur)
        return replace(outer, nxt=inner.nxt)

    def rebind(self, ctx: Ctx, index: int, py: str | None) -> Ctx:
        vals = list(self.bound(ctx))
        vals[index] = py
        if ctx.mode == "init":
            return replace(ctx, cur=tuple(vals))
        return replace(ctx, nxt=tuple(vals))

    # ------------------------------------------------------------------ dispatch
    def act(self, node, scope, ctx: Ctx, c: Code, k) -> None:
        """Write the enumeration of ``node``; ``k(ctx, c)`` writes what follows. What
        follows sees the names of *this* place (a definition expanded inside ``node``, or
        a quantifier, must not leak its bound names into it) and the variables bound so
        far, as the reference's continuation closures do."""
        outer = ctx
        inner_k = k

        def k(ctx2, c2):
            return inner_k(self.rejoin(outer, ctx2), c2)
        if c.too_deep():
            return self.hoist_here(node, scope, ctx, c, k)
        m = getattr(self, "_a_" + type(node).__name__, None)
        if m is None:
            return self.guard(node, scope, ctx, c, k)
        return m(node, scope, ctx, c, k)

    def guard(self, node, scope, ctx, c, k):
        g, kind = self.expr(node, scope, ctx, c)
        if kind == "b":
            with c.block(f"if {g}"):
                k(ctx, c)
            return
        g = self.atom(g, c)
        with c.block(f"if {g} is True"):
            k(ctx, c)
        with c.block(f"elif {g} is not False"):
            c("fail()")

    def _a_Bool(self, node, scope, ctx, c, k):
        if node.value:
            k(ctx, c)

    def _a_Label(self, node, scope, ctx, c, k):
        self.act(node.body, scope, ctx, c, k)

    def _a_Junction(self, node, scope, ctx, c, k):
        if node.kind == "/\\":
            self.conj_acts(list(node.items), scope, ctx, c, k)
        else:
            self.disj_acts(list(node.items), scope, ctx, c, k)

    def conj_acts(self, items, scope, ctx, c, k):
        if not items:
            return k(ctx, c)
        first, rest = items[0], items[1:]
        if not rest:
            return self.act(first, scope, ctx, c, k)
        self.act(first, scope, ctx, c,
                 lambda ctx2, c2: self.after_item(rest, scope, ctx2, c2, k))

    def shared_guard(self, node, scope, ctx: Ctx, c: Code):
        """The Python test of conjunct ``node`` written into ``c`` when it is a plain guard
        (an operator of the core that binds, branches and primes nothing, as TLC's
        ``getNextStates`` evaluates it: one boolean) reading neither the parameters of the
        split instance nor a LET, the context or code with effects: its value is the same
        for every instance of the action. None, and nothing written, otherwise."""
        if not isinstance(node, A.OpApp) or not node.args:
            return None
        name = canonical(node.name)
        if name in _NOT_GUARDS:
            return None
        entry = scope.lookup(name)
        if entry is not None and name not in CORE_OPS:
            # as ``_a_OpApp``: a definition of the spec is taken apart as an action (it
            # may branch); a builtin (``<`` of Naturals) is a guard
            entry, _ = self.resolve(entry, scope)
            if type(entry) is not DefEntry or entry.builtin is None:
                return None
        if name in ("=", "\\in") and self.target(node.args[0], scope, False) is not None:
            return None
        scratch = c.scratch()
        self._uses.append(_Uses())
        try:
            g, kind = self.expr(node, scope, ctx, scratch)
            g = self.boolean(g, kind, scratch)
        finally:
            used = self._uses.pop()
        if "fail()" in g or any("fail()" in line for line in scratch.lines):
            return None                 # a primed variable, or no boolean
        # what a fallback on the reference reads does not count (it evaluates the same
        # expression, handed the whole environment), as for constants (``ExprGen.expr``)
        if any(u in ctx.inst or (u[0] == "$" and u not in ("$state", "$whole"))
               for u in used.hard):
            return None
        c.extend(scratch)
        return g

    def all_assigned(self, ctx: Ctx) -> bool:
        """TLC's shortcut applies here: every variable has a value (known while writing),
        in Init, or for next states unless -nowarning turned it off."""
        if any(v is None for v in self.bound(ctx)):
            return False
        return ctx.mode == "init" or self.model.assigned_shortcut

    def after_item(self, rest, scope, ctx, c, k):
        """What follows a conjunct: the remaining conjuncts as actions, or, once every
        variable is assigned, as booleans (see the reference's ``_conjunction``)."""
        if not self.all_assigned(ctx):
            return self.conj_acts(rest, scope, ctx, c, k)
        self.booleans(rest, scope, ctx, c, k)

    def booleans(self, items, scope, ctx, c, k):
        if not items:
            return k(ctx, c)
        g, kind = self.expr(items[0], scope, ctx, c)
        g = self.boolean(g, kind, c)
        with c.block(f"if {g}"):
            self.booleans(items[1:], scope, ctx, c, k)

    #: how many places that may continue more than once (disjunctions) were written
    branching = 0

    def disj_acts(self, items, scope, ctx, c, k):
        r"""A disjunction in action position: the rest once for each disjunct that leads
        on (TLC's ``getNextStates``), so twice where ``x = 1 \/ y = 2`` holds both ways.
        Where every disjunct is of state level, the rest gives the same successors each
        time: it runs once and is repeated (``repeated``)."""
        if len(items) > 1:
            self.branching += 1
            k = self.shared(k, c)
            if ctx.emits and all(self._state_level(x, scope) for x in items):
                k = self.repeated(k, c)
        for x in items:
            self.act(x, scope, ctx, c, k)

    # ------------------------------------------------------------------ continuations
    def shared(self, k, c: Code):
        """``k`` for a place that writes it several times: unchanged while short, else a
        continuation that calls one nested function per binding state."""
        big: dict = {}

        def measured(ctx, c2):
            sig = (id(c2.func), tuple(v is not None for v in self.bound(ctx)))
            if not big.get(sig):
                scratch = c2.scratch()
                k(ctx, scratch)
                if len(scratch.lines) <= HOIST_LINES:
                    c2.extend(scratch)
                    return
                big[sig] = True
            self.call_hoisted(k, ctx, c2)
        return measured

    def call_hoisted(self, k, ctx: Ctx, c: Code) -> None:
        """Write a call of the nested function that runs ``k`` (made on first use for this
        binding state), passing the locals of the bound variables."""
        bound = self.bound(ctx)
        sig = (id(k), tuple(v is not None for v in bound))
        func = c.func
        hit = func.hoisted.get(sig)
        if hit is not None:
            hit = hit[0]
        else:
            name = c.fresh("k")
            params = [f"p{i}" for i, v in enumerate(bound) if v is not None]
            inner_bound = tuple(f"p{i}" if v is not None else None for i, v in enumerate(bound))
            inner_ctx = self.with_bound(ctx, inner_bound)
            # the nested function's body: one level deeper than the enclosing prelude
            inner = Code(func.base_indent + 1, func.child(func.base_indent + 1))
            inner.share_names(c)
            k(inner_ctx, inner)
            header = "    " * func.base_indent + f"def {name}({', '.join(params)}):"
            body = inner.func.opening() + (inner.lines or
                                           ["    " * (func.base_indent + 1) + "pass"])
            func.prelude.extend([header] + body)
            # k is kept with the name: its id must not be reused while func is written
            func.hoisted[sig] = (name, k)
            hit = name
        args = [v for v in bound if v is not None]
        c(f"{hit}({', '.join(args)})")

    def with_bound(self, ctx: Ctx, bound: tuple) -> Ctx:
        if ctx.mode == "init":
            return replace(ctx, cur=bound, state=None)
        return replace(ctx, nxt=bound)

    def hoist_here(self, node, scope, ctx, c, k):
        """Code nested too deep: the rest (``node`` then ``k``) moves into a function."""
        def rest(ctx2, c2):
            if c2.too_deep():
                raise Unsupported
            m = getattr(self, "_a_" + type(node).__name__, None)
            if m is None:
                return self.guard(node, scope, ctx2, c2, k)
            return m(node, scope, ctx2, c2, k)
        self.call_hoisted(rest, ctx, c)

    def enabled(self, action, scope, ctx: Ctx, c: Code):
        """``ENABLED A``: whether A has a successor from the current state. A nested
        function enumerates A from a next state with nothing bound (as the reference's
        ``_enabled``) and stops at the first successor."""
        if ctx.mode == "init" or any(v is None for v in ctx.cur):
            raise Unsupported
        inner = replace(ctx, nxt=(None,) * self.nvars, mode="next", emits=False)

        def body(b):
            with b.block("try"):
                self.act(action, scope, inner, b, lambda ctx2, c2: c2("raise EnabledFound"))
            with b.block("except EnabledFound"):
                b("return True")
            b("return False")
        fn = self.nested_def("", ctx, c, body, "en")
        r = c.fresh("r")
        c(f"{r} = {fn}()")
        return r, "b"

    # ------------------------------------------------------------------ control
    def _a_If(self, node, scope, ctx, c, k):
        x, kind = self.expr(node.cond, scope, ctx, c)
        x = self.boolean(x, kind, c)
        k = self.shared(k, c)
        with c.block(f"if {x}"):
            self.act(node.then, scope, ctx, c, k)
        with c.block("else"):
            self.act(node.else_, scope, ctx, c, k)

    def _a_Case(self, node, scope, ctx, c, k):
        k = self.shared(k, c)
        self._case_acts(list(node.arms), node.other, scope, ctx, c, k)

    def _case_acts(self, arms, other, scope, ctx, c, k):
        if not arms:
            if other is None:
                c("fail()")
            else:
                self.act(other, scope, ctx, c, k)
            return
        p, x = arms[0]
        g, kind = self.expr(p, scope, ctx, c)
        g = self.boolean(g, kind, c)
        with c.block(f"if {g}"):
            self.act(x, scope, ctx, c, k)
        with c.block("else"):
            self._case_acts(arms[1:], other, scope, ctx, c, k)

    def _a_Let(self, node, scope, ctx, c, k):
        inner, ctx2 = self.let_bind(node, scope, ctx, c)
        self.act(node.body, inner, ctx2, c, k)

    def _a_Quant(self, node, scope, ctx, c, k):
        r"""``\E x \in S : A`` in action position: the rest of the action once for each
        element of S for which A leads on, in TLC's order (``aorder``), which decides the
        order of the successors (of the initial states, in Init). Where the whole
        quantifier of a next-state action is of state level (A primes nothing:
        ``\A a \in q : \E m \in M : m.acceptor = a`` in a guard), every element that
        satisfies A leads on to the very same successors, so S is taken in any order
        (``witnesses``: a set of records is not sorted for it); the count of successors
        is the same, and where A raises, the action runs again on the reference
        evaluator, which meets TLC's first error in TLC's order (the dispatcher's
        fallback). The rest of the action, which cannot read x and sees no variable bound
        by A, gives the same successors for every such element: it runs for the first,
        and the others repeat what it appended (``repeated``)."""
        if node.kind != "\\E":
            return self.forall_act(node, scope, ctx, c, k)
        occ = self.binders(node.bounds)
        _, inner, _, _ = self.cx._bounds(node.bounds, scope)
        # (in Init, an expression of state level assigns the variables: TLC's order)
        order = "witnesses" if ctx.mode == "next" and self._state_level(node, scope) \
            else "aorder"
        if order == "witnesses" and ctx.emits:
            k = self.repeated(k, c)

        def rec(i, env, ctx1, c1):
            if i == len(occ):
                return self.act(node.body, inner, ctx1.with_env(env), c1, k)
            b, name = occ[i]
            dom, _ = self.expr(b.domain, scope, ctx1.with_env(env), c1)
            v = c1.fresh("x")
            with c1.block(f"for {v} in {self.loop_over(dom, order, v, c1)}", loop=True):
                env2 = dict(env)
                if name is None:
                    self.bind_names(b, ctx1, c1, v, env2)
                else:
                    env2[name] = v
                rec(i + 1, env2, ctx1, c1)
        rec(0, dict(ctx.env), ctx, c)

    def repeated(self, k, c: Code):
        r"""``k`` for the rest of an action after a quantifier of state level whose loop
        starts here: the first time it is reached, it runs and what it appends to ``out``
        is kept; later, in the same loop, that is appended again (FastPaxos' ``\E Q \in
        Quorums(...) : ...`` leads on once per quorum, to the same successors each time:
        TLC counts them all). A rest that leaves early (``return``) keeps nothing, and so
        runs again. The cell is a local of the function that runs the loop, which the rest
        reaches through its closure where it is written in a nested function: each call of
        a recursive function in action position (``SA[bb \in Ballot] == ... SA[c] ...`` of
        VoteProof) has its own, as its rest is its own."""
        cell = c.fresh("rp")
        c(f"{cell} = [None]")

        def once(ctx2, c2):
            m = c2.fresh("m")
            with c2.block(f"if {cell}[0] is None"):
                c2(f"{m} = len(out)")
                k(ctx2, c2)
                c2(f"{cell}[0] = out[{m}:]")
            with c2.block("else"):
                c2(f"out.extend({cell}[0])")
        return once

    def forall_act(self, node, scope, ctx, c, k):
        r"""``\A x \in S : A`` in action position. The reference chains the body over the
        elements of S (TLC's order): the body for the first element, its continuation the
        body for the second, and so on, so that disjunctions inside branch. When the body
        can only test (one way to continue, nothing bound), that is the boolean
        quantifier; otherwise the chain is written as a recursive nested function over the
        list of elements. A body that binds variables is left to the reference."""
        _, inner, _, _ = self.cx._bounds(node.bounds, scope)
        occ = self.binders(node.bounds)
        start = tuple(v is not None for v in self.bound(ctx))
        calls = []

        def probe(ctx2, c2):
            calls.append((tuple(v is not None for v in self.bound(ctx2)), c2.func.loops,
                          c2.func.depth))

        trial = Code(c.indent, Func(c.func.base_indent, c.func.depth, floor=c.func.floor))
        trial.share_names(c)
        trial.func.loops = c.func.loops
        env = dict(ctx.env)
        for b, name in occ:
            if name is None:
                for nm in b.names:
                    env[nm] = "None"
            else:
                env[name] = "None"
        branching = self.branching
        self.act(node.body, inner, ctx.with_env(env), trial, probe)
        if any(bound != start for bound, _, _ in calls):
            raise Unsupported
        simple = self.branching == branching and all(
            loops == c.func.loops and depth == c.func.depth for _, loops, depth in calls)
        if not simple and self.all_assigned(ctx):
            return self.forall_then_booleans(node, scope, inner, occ, ctx, c, k)
        if simple:
            # only tests: IF/CASE/=> choose one way on, nothing loops or branches
            g, _ = self._x_Quant(node, scope, ctx, c)
            with c.block(f"if {g}"):
                k(ctx, c)
            return
        # the general chain
        xs = c.fresh("xs")
        c(f"{xs} = []")

        def collect(inner_scope, ctx2, c2):
            vals = []
            for b, name in occ:
                if name is None:
                    vals.extend(ctx2.env[nm] for nm in b.names)
                else:
                    vals.append(ctx2.env[name])
            c2(f"{xs}.append((" + "".join(v + ", " for v in vals) + "))")
        self.loop_binders(node.bounds, scope, ctx, c, "ordered", collect)
        fa = c.fresh("fa")
        j = c.fresh("j")
        func = c.func
        body = Code(c.indent + 1, func.child(c.indent + 1)).share_names(c)
        with body.block(f"if {j} == len({xs})"):
            k(ctx, body)
            body("return")
        names = []
        env = dict(ctx.env)
        for b, name in occ:
            for nm in (b.names if name is None else (name,)):
                py = body.fresh("b")
                names.append(py)
                env[nm] = py
        body("".join(n + ", " for n in names) + f"= {xs}[{j}]")
        self.act(node.body, inner, ctx.with_env(env), body,
                 lambda ctx2, c2: c2(f"{fa}({j} + 1)"))
        c(f"def {fa}({j}):")
        c.lines.extend(body.func.opening())
        c.extend(body)
        c(f"{fa}(0)")
        # the function reaches itself through its closure: a reference cycle per call,
        # left to Python's cycle collector unless the name lets go of it
        c(f"del {fa}")

    def forall_then_booleans(self, node, scope, inner, occ, ctx, c, k):
        """Every variable assigned: the body for the first element is taken as an action,
        the bodies for the others (queued by TLC) as booleans."""
        xs = c.fresh("xs")
        c(f"{xs} = []")

        def collect(inner_scope, ctx2, c2):
            vals = []
            for b, name in occ:
                vals.extend(ctx2.env[nm] for nm in (b.names if name is None else (name,)))
            c2(f"{xs}.append((" + "".join(v + ", " for v in vals) + "))")
        self.loop_binders(node.bounds, scope, ctx, c, "ordered", collect)

        def bind(c2, item: str) -> dict:
            env = dict(ctx.env)
            names = []
            for b, name in occ:
                for nm in (b.names if name is None else (name,)):
                    py = c2.fresh("b")
                    names.append(py)
                    env[nm] = py
            c2("".join(n + ", " for n in names) + f"= {item}")
            return env

        with c.block(f"if not {xs}"):
            k(ctx, c)
        with c.block("else"):
            env = bind(c, f"{xs}[0]")

            def rest(ctx2, c2):
                ok = c2.fresh("ok")
                c2(f"{ok} = True")
                item = c2.fresh("it")
                with c2.block(f"for {item} in {xs}[1:]", loop=True):
                    env2 = bind(c2, item)
                    p, kind = self.expr(node.body, inner, ctx2.with_env(env2), c2)
                    p = self.boolean(p, kind, c2)
                    with c2.block(f"if not {p}"):
                        c2(f"{ok} = False")
                        c2("break")
                with c2.block(f"if {ok}"):
                    k(ctx2, c2)
            self.act(node.body, inner, ctx.with_env(env), c, rest)

    def _a_BoxAction(self, node, scope, ctx, c, k):
        self.branching += 1
        k = self.shared(k, c)
        self.act(node.action, scope, ctx, c, k)
        self.unchanged(node.sub, scope, ctx, c, k)

    def _a_AngleAction(self, node, scope, ctx, c, k):
        if ctx.mode != "next":
            raise Unsupported

        def k2(ctx2, c2):
            now, _ = self.expr(node.sub, scope, ctx2, c2)
            now = self.atom(now, c2)
            after, _ = self.expr(node.sub, scope, self.primed(ctx2), c2)
            with c2.block(f"if not {self.equality(after, '?', now, '?', c2)}"):
                k(ctx2, c2)
        self.act(node.action, scope, ctx, c, k2)

    # ------------------------------------------------------------------ names
    def _a_Qualified(self, node, scope, ctx, c, k):
        entry, carry, args = self.resolve_qualified(node, scope, ctx, c)
        if isinstance(entry, DefEntry) and entry.builtin is None and entry.bounds is None:
            return self.expand_action(entry, args, scope, ctx, c, k, carry)
        return self.guard(node, scope, ctx, c, k)

    def _a_FunApp(self, node, scope, ctx, c, k):
        """``f[e]`` with f a function definition ``f[x \\in S] == body``: TLC takes the body,
        x bound to e, as the action (the reference's ``ActionCompiler._FunApp``)."""
        fn = node.fn
        if isinstance(fn, A.OpApp) and not fn.args and len(node.args) == 1:
            entry = scope.lookup(canonical(fn.name))
            if type(entry) is DefEntry and entry.bounds is not None \
                    and entry.builtin is None and len(entry.bounds) == 1 \
                    and not entry.bounds[0].tuple_pattern \
                    and len(entry.bounds[0].names) == 1:
                if entry.recursive or entry in self._inlining:
                    return self.recursive_fcn_action(entry, node, scope, ctx, c, k)
                bound = entry.bounds[0]
                x = bound.names[0]
                arg, _ = self.expr(node.args[0], scope, ctx, c)
                arg = self.atom(arg, c)
                if entry.let:
                    env = dict(ctx.env)
                else:
                    env = {n: ctx.env[n] for n in entry.carry if n in ctx.env}
                dom, _ = self.expr(bound.domain, entry.ns, ctx.with_env(env), c)
                with c.block(f"if mem({arg}, {dom})"):
                    env2 = dict(env)
                    env2[x] = arg
                    inner = LocalScope(entry.ns, {x: BoundEntry(x)})
                    self._inlining.append(entry)
                    try:
                        self.act(entry.body, inner, ctx.with_env(env2), c, k)
                    finally:
                        self._inlining.pop()
                with c.block("else"):
                    c("fail()")
                return
        return self.guard(node, scope, ctx, c, k)

    def recursive_fcn_action(self, entry, node, scope, ctx, c, k):
        """``f[e]`` in action position with f a *recursive* function definition (SA[b] with
        SA[bb] == ... SA[c] ...): the reference expands the body at run time, branch by
        branch, as deep as the argument leads. Here the body becomes a nested function
        ``fa(x, kont)`` taking the argument and the continuation (a function) and calling
        ``kont()`` for each way it holds; the recursive uses inside call ``fa`` with the
        rest of their own conjunction as the continuation. The body must bind nothing."""
        bound = entry.bounds[0]
        x = bound.names[0]
        arg, _ = self.expr(node.args[0], scope, ctx, c)
        arg = self.atom(arg, c)
        fn = self._fcn_actions.get(id(entry))
        defined_here = fn is None
        if defined_here:
            fn = c.fresh("fa")
            xarg = c.fresh("x")
            kont = c.fresh("k")
            env = dict(ctx.env) if entry.let else \
                {n: ctx.env[n] for n in entry.carry if n in ctx.env}
            start = tuple(v is not None for v in self.bound(ctx))
            body = Code(c.indent + 1, c.func.child(c.indent + 1)).share_names(c)

            def call_kont(ctx2, c2):
                if tuple(v is not None for v in self.bound(ctx2)) != start:
                    raise Unsupported
                c2(f"{kont}()")
            self._fcn_actions[id(entry)] = fn
            self._inlining.append(entry)
            try:
                dom, _ = self.expr(bound.domain, entry.ns, ctx.with_env(env), body)
                body(f"if not mem({xarg}, {dom}): fail()")
                env2 = dict(env)
                env2[x] = xarg
                inner = LocalScope(entry.ns, {x: BoundEntry(x)})
                self.act(entry.body, inner, ctx.with_env(env2), body, call_kont)
            finally:
                self._inlining.pop()
                del self._fcn_actions[id(entry)]
            c(f"def {fn}({xarg}, {kont}):")
            c.lines.extend(body.func.opening())
            c.extend(body)
        then = self.continuation_def(k, ctx, c)
        c(f"{fn}({arg}, {then})")
        if defined_here:
            c(f"del {fn}")             # a cycle through its closure (see forall_act)

    def continuation_def(self, k, ctx: Ctx, c: Code) -> str:
        """``def kN(): <what k writes>``, called right away (so it reads the enclosing
        locals as they are), for places that pass the rest of an action as a function."""
        name = c.fresh("kn")
        body = Code(c.indent + 1, c.func.child(c.indent + 1)).share_names(c)
        k(ctx, body)
        if not body.lines:
            body("pass")
        c(f"def {name}():")
        c.lines.extend(body.func.opening())
        c.extend(body)
        return name

    def _a_OpApp(self, node, scope, ctx, c, k):
        name = canonical(node.name)
        args = node.args
        entry = scope.lookup(name)
        if entry is None or name in CORE_OPS:
            init = ctx.mode == "init"
            if name == "/\\":
                return self.conj_acts(list(args), scope, ctx, c, k)
            if name == "\\/":
                return self.disj_acts(list(args), scope, ctx, c, k)
            if name == "=" and len(args) == 2:
                idx = self.target(args[0], scope, init)
                if idx is not None:
                    return self.bind_eq(idx, args[1], scope, ctx, c, k)
            if name == "\\in" and len(args) == 2:
                idx = self.target(args[0], scope, init)
                if idx is not None:
                    return self.bind_in(idx, args[1], scope, ctx, c, k)
            if name == "=>" and len(args) == 2:
                return self.implies_act(args[0], args[1], scope, ctx, c, k)
            if name == "\\cdot" and len(args) == 2 and not init:
                return self.compose(args[0], args[1], scope, ctx, c, k)
            if name == "\\cdot":
                raise Unsupported
            if name == "UNCHANGED" and not init:
                return self.unchanged(args[0], scope, ctx, c, k)
            if name in ("TRUE", "FALSE"):
                if name == "TRUE":
                    k(ctx, c)
                return
            return self.guard(node, scope, ctx, c, k)
        entry, escope = self.resolve(entry, scope)
        if type(entry) is ArgEntry and not args:
            return self.act(entry.node, entry.scope, ctx, c, k)
        if type(entry) is DefEntry and entry.builtin is None and entry.bounds is None:
            return self.expand_action(entry, args, scope, ctx, c, k, ())
        return self.guard(node, scope, ctx, c, k)

    def resolve(self, entry, scope):
        return self.model.actions._resolve(entry, scope)

    def expand_action(self, entry: DefEntry, args, scope, ctx, c, k, carry):
        """A definition used as an action: its body in action position, parameters bound
        as the reference's ``ActionCompiler._expand`` binds them."""
        self.cx.ensure_compiled(entry)
        if entry.recursive or entry in self._inlining or len(self._inlining) >= MAX_INLINE:
            return self._guard_call(entry, args, scope, ctx, c, k, carry)
        aliases = self.cx.var_aliases(entry, args, scope)
        for i, (a, p) in enumerate(zip(args, entry.params)):
            if aliases[i] is None and p.arity == 0 and \
                    self.cx.op_arg_or_expr(a, scope, 0)[1] >= 2:
                aliases[i] = ArgEntry(p.name, a, scope)
        by_name = any(type(a) is ArgEntry for a in aliases)
        depth = len(self._inlining)

        def k_outside(ctx2, c2):
            # the rest of the action is written from inside the expansion (continuation
            # passing), but is not part of it: there, entry and what it expands are not
            # being expanded, and a second IsQuorum(...) conjunct is no recursion
            inner = self._inlining[depth:]
            del self._inlining[depth:]
            try:
                k(ctx2, c2)
            finally:
                self._inlining.extend(inner)
        self.expand(entry, args, aliases, scope, ctx, c, carry,
                    lambda body, bscope, ctx2, c2: self.act(body, bscope, ctx2, c2,
                                                            k_outside),
                    by_name=by_name)

    def _guard_call(self, entry, args, scope, ctx, c, k, carry):
        """A recursive definition in action position: a guard, evaluated by the
        reference (TLC cannot take a recursive operator apart as an action either)."""
        if carry:
            raise Unsupported
        g = self.atom(self._embed_call(entry, args, scope, ctx, c), c)
        with c.block(f"if {g} is True"):
            k(ctx, c)
        with c.block(f"elif {g} is not False"):
            c("fail()")

    def _embed_call(self, entry, args, scope, ctx, c) -> str:
        fn, _ = self.cx.call_entry(entry, args, scope, None, ())
        name = self.const(fn, "R")
        self.use("$embed")
        return f"{name}({self.state_arg(ctx)}, {self.next_arg(ctx)}, {self.env_arg(ctx)})"

    # ------------------------------------------------------------------ binding
    def target(self, node, scope, init):
        """The index of the variable ``node`` binds (``x'``, or ``x`` in init mode)."""
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

    def bind_eq(self, idx, rhs, scope, ctx, c, k):
        cur = self.bound(ctx)[idx]
        if cur is not None and isinstance(rhs, A.Except):
            ok = self.equals_except(cur, rhs, scope, ctx, c)
            if ok is not None:
                with c.block(f"if {ok}"):
                    k(ctx, c)
                return
        v, kind = self.expr(rhs, scope, ctx, c)
        if cur is None:
            py = c.fresh("p")
            c(f"{py} = {v}")
            return k(self.rebind(ctx, idx, py), c)
        with c.block(f"if {self.equality(cur, '?', self.atom(v, c), kind, c)}"):
            k(ctx, c)

    def bind_in(self, idx, rhs, scope, ctx, c, k):
        S, _ = self.expr(rhs, scope, ctx, c)
        cur = self.bound(ctx)[idx]
        if cur is None:
            py = c.fresh("p")
            with c.block(f"for {py} in {self.loop_over(S, 'aorder', py, c)}", loop=True):
                k(self.rebind(ctx, idx, py), c)
            return
        with c.block(f"if mem({cur}, {S})"):
            k(ctx, c)

    def implies_act(self, cond, then, scope, ctx, c, k):
        x, kind = self.expr(cond, scope, ctx, c)
        x = self.boolean(x, kind, c)
        k = self.shared(k, c)
        with c.block(f"if {x}"):
            self.act(then, scope, ctx, c, k)
        with c.block("else"):
            k(ctx, c)

    def unchanged(self, node, scope, ctx, c, k):
        """``UNCHANGED e``: each unbound variable of e takes its current value, bound ones
        are compared; a tuple (also through definitions) is taken apart."""
        if ctx.mode != "next":
            raise Unsupported
        if isinstance(node, A.Tuple):
            items = list(node.elems)

            def rec(i, ctx1, c1):
                if i == len(items):
                    return k(ctx1, c1)
                self.unchanged(items[i], scope, ctx1, c1,
                               lambda ctx2, c2: rec(i + 1, ctx2, c2))
            return rec(0, ctx, c)
        if isinstance(node, A.OpApp) and not node.args:
            ent = scope.lookup(canonical(node.name))
            idx = variable_index(ent)
            if idx is not None:
                cur = ctx.nxt[idx]
                now = ctx.cur[idx]
                if now is None:
                    raise Unsupported
                if cur is None:
                    return k(self.rebind(ctx, idx, now), c)
                with c.block(f"if {self.equality(cur, '?', now, '?', c)}"):
                    k(ctx, c)
                return
            if type(ent) is DefEntry and not ent.params and ent.builtin is None \
                    and ent.bounds is None:
                return self.unchanged(ent.body, ent.ns, ctx, c, k)
            if type(ent) is SubstEntry and ent.expr is not None:
                return self.unchanged(ent.expr, ent.scope, ctx, c, k)
        now, _ = self.expr(node, scope, ctx, c)
        now = self.atom(now, c)
        after, _ = self.expr(node, scope, self.primed(ctx), c)
        with c.block(f"if {self.equality(after, '?', now, '?', c)}"):
            k(ctx, c)
