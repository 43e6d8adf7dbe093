"""Generated Python code for the model checker's hot paths: actions, Init, predicates.

Takes a :class:`tla.evaluator.model.Model`; gives, per action / Init predicate / state
predicate, a Python function written for it (source text compiled with ``compile``), or None
where the generator does not handle the construct. The closure compiler
(``tla.evaluator.compiler`` and ``actions``) stays the reference: it defines every result and
every error, and the generated functions are an optimization of it with one contract,

    a generated function either returns exactly what the reference computes,
    or raises (any exception),

so that callers run the generated function and, when it raises, run the reference instead
(which then raises TLC's error with its location, or returns the right result where the
generated code was more eager than TLC). Units that use operators with effects (Print,
TLCSet, random choice) are never generated: their effects must happen once.

Why generated code: a closure per AST node costs a Python call per node and a dict per
binding; a function written for the whole action keeps values in local variables, inlines
definitions and the common value operations, and enumerates with plain loops (several times
faster; see benchmarks/).

``PYTLC_CODEGEN`` selects the mode: ``1`` (default) use generated code, ``0`` never,
``verify`` run both and fail loudly when they differ (for testing). ``PYTLC_CODEGEN_DUMP=DIR``
writes the generated sources to DIR.
"""
from __future__ import annotations

import os
import sys
from contextlib import ExitStack

from tla.parser import ast as A
from tla.evaluator import values as V
from tla.evaluator.codegen.emit import Code, Func
from tla.evaluator.codegen.exprs import (Ctx, Unsupported, Impure, kind_of,
                                          generated_or_reference)
from tla.evaluator.codegen.actions import ActionGen
from tla.evaluator.compiler import canonical
from tla.evaluator.codegen.folds import match_set_fold
from tla.evaluator.codegen.leading import leading_test, python_read_lines, python_skip
from tla.evaluator.codegen.memo import memoize
from tla.evaluator.codegen.cse import reuse_common_reads
from tla.evaluator.codegen.code_cache import compiled
from tla.evaluator.codegen.runtime import NAMESPACE, NOVAL
from tla.evaluator.scope import _NOCACHE

__all__ = ["CodeGen", "mode"]


def mode() -> str:
    """``"on"``, ``"off"`` or ``"verify"`` from ``PYTLC_CODEGEN``."""
    v = os.environ.get("PYTLC_CODEGEN", "1").strip().lower()
    if v in ("0", "off", "no", "false"):
        return "off"
    if v == "verify":
        return "verify"
    return "on"


class Unit:
    """The globals shared by one model's generated functions."""

    def __init__(self):
        self.ns = dict(NAMESPACE)
        self._ids: dict = {}
        self._keep: list = []
        self._n = 0
        #: equal constants of the unit, one object each (see ``_internable``)
        self._interned: dict = {}

    def const(self, value, hint: str = "K") -> str:
        """A global name holding ``value`` (the same name for the same object)."""
        key = id(value)
        name = self._ids.get(key)
        if name is None:
            self._n += 1
            name = f"{hint}_{self._n}"
            self.ns[name] = value
            self._ids[key] = name
            self._keep.append(value)       # ids stay unique while the unit lives
        return name

    def lazy_const(self, compute, c: Code) -> str:
        """A global computed by ``compute()`` the first time the code needs it (kept only
        when computing succeeds: a failure raises, and the reference reports it)."""
        key = id(compute)
        name = self._ids.get(key)
        if name is None:
            self._n += 1
            name = f"C_{self._n}"
            self.ns[name] = NOVAL
            self.ns[name + "_f"] = self._filler(name, compute)
            self._ids[key] = name
            self._keep.append(compute)
        return f"({name} if {name} is not NOVAL else {name}_f())"

    def operator_function(self, entry, writer) -> str:
        """A global name calling the function written for recursive operator ``entry``
        (made on the first call: ``writer.operator_function``)."""
        key = ("op", id(entry))
        name = self._ids.get(key)
        if name is None:
            self._n += 1
            name = f"OP_{self._n}"
            ns = self.ns

            def first_call(s, *args):
                fn = writer.operator_function(entry)
                if writer.is_pure_operator(entry):
                    fn = memoize(fn, lambda plain: ns.__setitem__(name, plain),
                                 timed=not entry.recursive)
                ns[name] = fn
                return fn(s, *args)
            ns[name] = first_call
            self._ids[key] = name
            self._keep.append(entry)
        return name

    def _filler(self, name, compute):
        ns = self.ns
        interned = self._interned

        def fill():
            v = compute()
            if _internable(v, [_INTERN_ATOMS]):
                v = interned.setdefault(v, v)
            ns[name] = v
            return v
        return fill

    def define(self, source: str, fname: str, label: str):
        """Compile ``source`` (one top-level def named ``fname``) into this unit."""
        self._n += 1
        filename = f"<pytlc-generated {label} #{self._n}>"
        dump = os.environ.get("PYTLC_CODEGEN_DUMP")
        if dump:
            os.makedirs(dump, exist_ok=True)
            with open(os.path.join(dump, f"{self._n:04d}_{fname}.py"), "w") as f:
                f.write(f"# {label}\n" + reuse_common_reads(source))
        exec(compiled(source, filename), self.ns)
        return self.ns[fname]


class CodeGen:
    """Writes and compiles the generated functions of one model."""

    def __init__(self, model):
        self.model = model
        self.unit = Unit()
        self.gen = ActionGen(model, self.unit)
        self.gen.writer = self
        self._cache: dict = {}
        #: id(recursive operator) -> (operator, pure apart from its calls, operators it calls)
        self._op_info: dict = {}
        self.debug = bool(os.environ.get("PYTLC_CODEGEN_DEBUG"))
        #: (what, label, outcome) for every unit asked for (PYTLC_CODEGEN_STATS=1 prints
        #: them at exit, with the actions whose generated code deferred to the reference)
        self.log: list = []
        if os.environ.get("PYTLC_CODEGEN_STATS"):
            import atexit
            atexit.register(self._print_stats)

    # ------------------------------------------------------------------ entry points
    def action(self, node, scope, env: dict, label: str = "action"):
        """``fn(state, env, out, label)`` appending ``(successor, label)`` to ``out`` for
        each successor of one split action (``env`` its environment, by name), or None."""
        shape = _env_shape(env)
        return self._cached(("next", shape), node, scope,
                            lambda: self._write_action(node, scope, env, label),
                            "action", label)

    def init(self, node, scope, label: str = "Init"):
        """``fn() -> list of initial state tuples`` (None where a variable is unbound)."""
        return self._cached(("init",), node, scope,
                            lambda: self._write_init(node, scope, label), "init", label)

    def predicate(self, node, scope, label: str = "predicate", action: bool = False,
                  names: tuple = (), per_step: bool = False):
        """``fn(state) -> value`` (``fn(state, next_state)`` for an action predicate);
        with ``names``, bound names of the place (a quantified property's ``p``), the
        function takes a third argument, the environment dict holding them. ``per_step``:
        an action property the search checks on each step of a state in turn, whose
        state-level parts are remembered per first state (``ExprGen.step_memo``)."""
        return self._cached(("pred", action, names, per_step), node, scope,
                            lambda: self._write_predicate(node, scope, label, action, names,
                                                          per_step),
                            "predicate", label)

    def state_bits(self, atoms, label: str = "state atoms"):
        """``fn(state, envs) -> int`` for state predicates ``atoms``, each ``(node, scope,
        names, mask)``: the union of the masks of those TRUE in the state, ``envs[k]``
        holding the bound ``names`` of the k-th (one function in place of a call per
        predicate: the atoms of a liveness property). It raises where a predicate raises
        or gives a value that is not a boolean. None where it cannot be written."""
        return self._try(lambda: self._write_bits(atoms, label), "predicate", label)

    def constant(self, node, scope, label: str = "constant"):
        """``fn() -> value`` for a closed expression (a constant of the model)."""
        return self._cached(("const",), node, scope,
                            lambda: self._write_constant(node, scope, label),
                            "constant", label)

    def operator_function(self, entry):
        """``fn(state, *arguments)`` for a recursive operator: generated, or the reference's
        body with its parameters in the environment."""
        hit = self._cache.get(("op", id(entry)))
        if hit is not None and hit[0] is entry:
            return hit[2]
        fn = self._try(lambda: self._write_operator(entry), "operator", entry.name)
        if fn is None:
            self._op_info[id(entry)] = (entry, False, ())
            ref = entry.fn
            names = self.gen.leading_names(entry) + tuple(p.name for p in entry.params)

            def fn(s, *args):
                return ref(s, None, dict(zip(names, args)))
        self._cache[("op", id(entry))] = (entry, None, fn)
        return fn

    def is_pure_operator(self, entry) -> bool:
        """Whether recursive operator ``entry``'s value depends on its arguments only (see
        ``tla.evaluator.codegen.memo``): constant-level, no operator parameter, generated
        without context reads or reference code, and so is every operator it calls."""
        todo, seen = [entry], {id(entry)}
        while todo:
            e = todo.pop()
            self.operator_function(e)
            _, pure_here, calls = self._op_info[id(e)]
            if not pure_here:
                return False
            for callee in calls:
                if id(callee) not in seen:
                    seen.add(id(callee))
                    todo.append(callee)
        return True

    def funcdef_constant(self, entry):
        """``compute()`` giving the value of a constant function definition, once: a LazyFcn
        with a generated rule, shared with the reference (``entry.cache``)."""
        hit = self._cache.get(("fd", id(entry)))
        if hit is not None and hit[0] is entry:
            return hit[2]

        def compute():
            v = entry.cache
            if v is not _NOCACHE:
                return v
            fn = self._try(lambda: self._write_funcdef(entry), "function", entry.name)
            v = generated_or_reference(fn, lambda: entry.fn(None, None, {}), self.model.ctx)
            if entry.state == 2:
                entry.cache = v
            return v
        self._cache[("fd", id(entry))] = (entry, None, compute)
        return compute

    def _write_operator(self, entry):
        from tla.evaluator.scope import BoundEntry, LocalScope
        c = Code(1, Func(1, 0))
        # the instance parameters the operator carries, and the names a LET definition
        # reads around it, come first (``ExprGen.recursive_call``)
        leading = self.gen.leading_names(entry)
        carried = [f"k{i}" for i in range(len(leading))]
        params = [f"q{i}" for i in range(len(entry.params))]
        env = dict(zip(leading, carried))
        env.update((p.name, q) for p, q in zip(entry.params, params))
        names = {p.name: BoundEntry(p.name, p.arity) for p in entry.params}
        scope = LocalScope(entry.ns, names) if names else entry.ns
        cur = self._vars("v")
        ctx = Ctx(env=env, cur=cur, nxt=None, state="s", lets={}, mode="expr")
        gen = self.gen
        gen._uses.append(set())
        outer_calls, gen.op_calls = gen.op_calls, {}
        try:
            fold = match_set_fold(entry)
            if fold is not None:
                self._write_fold(fold, scope, ctx, c)
            code, _ = gen.expr(entry.body, scope, ctx, c)
        finally:
            used = gen._uses.pop()
            calls, gen.op_calls = gen.op_calls, outer_calls
        lines = ["def gen_op(s" + "".join(", " + q for q in carried + params) + "):"]
        if cur:
            lines.append("    if s is not None:")
            lines.append("    " + self._unpack(cur, "s"))
        lines += c.func.prelude + c.lines + [f"    return {code}"]
        fn = self.unit.define("\n".join(lines) + "\n", "gen_op", entry.name)
        pure = (entry.level == 0 and all(p.arity == 0 for p in entry.params)
                and "$embed" not in used and "$ctx" not in used)
        self._op_info[id(entry)] = (entry, pure, tuple(calls.values()))
        return fn

    def _write_fold(self, fold, scope, ctx: Ctx, c: Code) -> None:
        r"""A loop computing the set fold ``fold`` (see ``tla.evaluator.codegen.folds``)
        written before the operator's recursive code, for a set argument that is enumerated
        (other arguments, an error among them, take the recursive code):

            if type(S) is FSet or type(S) is Interval:
                acc = base                      # with S = {}
                for x in reversed(TLC order of S):
                    acc = step                  # with Op(.., S \ {x}, ..) = acc
                return acc

        Nothing is written when the loop's code would call the reference evaluator or read
        the context (what it does could then depend on the order of evaluation)."""
        gen = self.gen
        s = ctx.env[fold.set_name]
        part = c.scratch()
        gen._uses.append(set())
        try:
            with part.block(f"if type({s}) is FSet or type({s}) is Interval"):
                order = part.fresh("o")
                part(f"{order} = {s}.sorted() if type({s}) is FSet else range({s}.lo, {s}.hi + 1)")
                empty = part.fresh("q")
                part(f"{empty} = EMPTY")
                acc = part.fresh("acc")
                base, _ = gen.expr(fold.base, scope,
                                   ctx.with_env({**ctx.env, fold.set_name: empty}), part)
                part(f"{acc} = {base}")
                x = part.fresh("x")
                with part.block(f"for {x} in reversed({order})", loop=True):
                    inner, ctx2 = gen.let_bind(fold.let, scope, ctx, part)
                    ent = inner.names.get(canonical(fold.let.defs[0].name))
                    memo = ctx2.lets.get(id(ent))
                    if memo is None or memo[1] != part.func.depth:
                        raise Unsupported
                    part(f"{memo[0]} = {x}")
                    gen.fold_calls[id(fold.call)] = (fold.call, acc)
                    try:
                        step, _ = gen.expr(fold.step, inner,
                                           ctx2.with_env({**ctx2.env, "$fold": acc}), part)
                    finally:
                        gen.fold_calls.pop(id(fold.call), None)
                    part(f"{acc} = {step}")
                part(f"return {acc}")
        except Unsupported:
            return
        finally:
            used = gen._uses.pop()
        if "$embed" in used or "$ctx" in used:
            return
        gen._merge_uses(used)
        c.extend(part)

    def _write_funcdef(self, entry):
        c = Code(1, Func(1, 0))
        ctx = Ctx(env={}, cur=(None,) * self.nvars, nxt=None, state=None, lets={},
                  mode="expr")
        f = self.gen.funcdef_here(entry, ctx, c)
        lines = ["def gen_fd():"] + c.func.prelude + c.lines + [f"    return {f}"]
        return self.unit.define("\n".join(lines) + "\n", "gen_fd", entry.name)

    def _cached(self, kind: tuple, node, scope, write, what: str, label: str):
        # the entry keeps node and scope alive, so that their ids are never reused
        key = kind + (id(node), id(scope))
        hit = self._cache.get(key)
        if hit is None or hit[0] is not node or hit[1] is not scope:
            hit = self._cache[key] = (node, scope, self._try(write, what, label))
        return hit[2]

    def dispatcher(self, acts, fallback):
        """``run(state, out)`` calling each action's generated function in order, and
        ``fallback(i, state, out, n)`` for action ``i`` when it has none or it raises.
        Consecutive instances of one action (``VTPRcvPrepared(sh, dh)`` for each pair)
        run in one loop (``action_group``) where it has been written. Other instances whose
        first conjunct tests a read that another one tests too (``pc[self] = "a3"``) are
        called only where the read, evaluated once per state, does not make the test
        false (``tla.evaluator.codegen.leading``)."""
        plan = []                       # ("fallback", i) | ("group", group, i, j) | ("call", i)
        i = 0
        while i < len(acts):
            a = acts[i]
            if a.fast is None:
                plan.append(("fallback", i))
                i += 1
                continue
            j = i + 1
            while j < len(acts) and acts[j].fast is a.fast:
                j += 1
            group = self.action_group(a.node, a.scope, a.env, a.label.name) \
                if j - i > 1 else None
            if group is not None:
                plan.append(("group", group, i, j))
            else:
                plan += [("call", k) for k in range(i, j)]
            i = j
        lines = ["def gen_next(s, out):"]
        fb = self.unit.const(fallback, "FB")

        def const(value) -> str:
            return self.unit.const(value, "K")
        tests = self._shared_leading_tests([step[1] for step in plan if step[0] == "call"],
                                           acts, lines, const)
        for step in plan:
            if step[0] == "fallback":
                lines.append(f"    {fb}({step[1]}, s, out, len(out))")
            elif step[0] == "group":
                _, group, i, j = step
                members = tuple((k, acts[k].env, acts[k].label) for k in range(i, j))
                lines.append(f"    {self.unit.const(group, 'G')}(s, "
                             f"{self.unit.const(members, 'GM')}, out, {fb})")
            else:
                k = step[1]
                f = self.unit.const(acts[k].fast, "A")
                e = self.unit.const(acts[k].env, "E")
                lab = self.unit.const(acts[k].label, "LB")
                call = ["n = len(out)", "try:", f"    {f}(s, {e}, out, {lab})",
                        "except Exception:", f"    {fb}({k}, s, out, n)"]
                if k in tests:
                    var, test = tests[k]
                    lines.append(f"    if not ({python_skip(var, test, const)}):")
                    lines += ["        " + line for line in call]
                else:
                    lines += ["    " + line for line in call]
        lines.append("    return out")
        return self.unit.define("\n".join(lines) + "\n", "gen_next", "next-state relation")

    @staticmethod
    def _shared_leading_tests(called, acts, lines: list, const) -> dict:
        """The leading tests of the actions ``called`` (indices into ``acts``) whose read two
        of them or more test, the reads written into ``lines`` (a read that raises gives
        NOVAL, which skips nothing; ``const(value)`` names a value in the generated unit):
        index -> (name of the read's value, test)."""
        found = {}
        users: dict = {}
        for k in called:
            a = acts[k]
            test = leading_test(a.node, a.scope, a.env)
            if test is not None:
                found[k] = test
                users[test.key] = users.get(test.key, 0) + 1
        names: dict = {}
        tests = {}
        for k, test in found.items():
            if users[test.key] < 2:
                continue
            var = names.get(test.key)
            if var is None:
                var = names[test.key] = f"g{len(names)}"
                lines.append("    try:")
                lines += ["        " + line for line in python_read_lines(test.read, var, const)]
                lines += ["    except Exception:", f"        {var} = NOVAL"]
            tests[k] = (var, test)
        return tests

    def action_group(self, node, scope, env: dict, label: str = "action"):
        """``fn(state, members, out, fallback)`` appending the successors of the split
        instances ``members`` (``(index, env, label)`` each, in order) of one action,
        whose conjuncts before the first that reads the instance are tested once for
        all of them; None where there are none such (or no code)."""
        shape = _env_shape(env)
        return self._cached(("group", shape), node, scope,
                            lambda: self._write_group(node, scope, env, label),
                            "action group", label)

    def _try(self, write, what: str, label: str):
        try:
            fn = write()
        except (Unsupported, Impure, RecursionError) as exc:
            where = ""
            if os.environ.get("PYTLC_CODEGEN_STATS"):
                import traceback
                frames = traceback.extract_tb(exc.__traceback__)
                where = " at " + " < ".join(f"{f.name}:{f.lineno}" for f in reversed(frames[-4:]))
            self.log.append((what, label, type(exc).__name__ + where))
            return None
        except Exception:
            # a construct the generator mishandles must cost speed, never correctness
            if self.debug:
                raise
            self.log.append((what, label, "generator error"))
            return None
        self.log.append((what, label, "generated"))
        return fn

    def _print_stats(self) -> None:
        from collections import Counter
        counts = Counter((w, o) for w, _, o in self.log)
        sys.stderr.write("codegen: " + ", ".join(f"{w} {o}: {n}" for (w, o), n in
                                                 sorted(counts.items())) + "\n")
        for w, label, o in self.log:
            if o != "generated":
                sys.stderr.write(f"codegen:   {w} {label}: {o}\n")
        for a in getattr(self.model, "_split_cache", {}).values():
            for act in a:
                if act.fast_failures and act.fast is not None:
                    sys.stderr.write(f"codegen:   action {act.label.name} deferred "
                                     f"{act.fast_failures} times\n")

    # ------------------------------------------------------------------ writing
    @property
    def nvars(self) -> int:
        return len(self.model.variables)

    def _vars(self, prefix: str) -> tuple:
        return tuple(f"{prefix}{i}" for i in range(self.nvars))

    def _unpack(self, names: tuple, src: str) -> str:
        if not names:
            return ""
        return "    " + "".join(n + ", " for n in names) + f"= {src}"

    def _emit(self, ctx: Ctx, c: Code) -> None:
        if ctx.mode == "init":
            c("out.append((" + "".join(f"{v or 'None'}, " for v in ctx.cur) + "))")
        else:
            c("out.append(((" + "".join(f"{v or 'None'}, " for v in ctx.nxt) + "), L))")

    def _instance(self, env: dict, c: Code) -> tuple:
        """``(ctx, loads)``: the context the code of a split action's instance is written
        in, for environments shaped as ``env``, and the lines that start it in ``c``'s
        function: a local per value of the environment, read from the instance's dict
        ``e`` (``e1 = e['sh']``), and a cell per LET definition the split opened
        (``Next == LET empty == Pos \\ UNION board IN \\E e \\in empty : ...``: its uses
        find it in the scope; one that does not read primed variables is computed at its
        first use and kept for the others, TLC's lazy LET)."""
        env_py, cells, loads = {}, [], []
        for name, value in env.items():
            if _shape(value) != "value":
                if value.ent.level < 2:
                    cells.append((value.ent, c.fresh("L")))
                    loads.append(f"{cells[-1][1]} = NOVAL")
                continue
            py = c.fresh("e")
            loads.append(f"{py} = e[{name!r}]")
            env_py[name] = py
            # the instances sharing this code hold values of one kind here (_env_shape)
            kind = kind_of(value)
            if kind != "?":
                c.kinds[py] = kind
        lets = {id(ent): (py, c.func.depth, env_py) for ent, py in cells}
        ctx = Ctx(env=env_py, cur=self._vars("v"), nxt=(None,) * self.nvars, state="s",
                  lets=lets, mode="next", inst=frozenset(env_py.values()), emits=True)
        return ctx, loads

    def _write_action(self, node, scope, env: dict, label: str):
        c = Code(1, Func(1, 0))
        ctx, loads = self._instance(env, c)
        for line in loads:
            c(line)
        cur = ctx.cur
        gen = self.gen
        counter = c.fresh("ic")
        gen.intermediates, gen.composed = counter, False
        try:
            gen.act(node, scope, ctx, c, self._emit)
        finally:
            gen.intermediates = None
        lines = ["def gen_action(s, e, out, L):"]
        if cur:
            lines.append(self._unpack(cur, "s"))
        if gen.composed:                # A \cdot B: intermediate states, counted on return
            lines.append(f"    {counter} = [0]")
        lines += c.func.prelude + c.lines
        if gen.composed:
            model = self.unit.const(self.model, "MODEL")
            lines += [f"    if {counter}[0]:",
                      f"        {model}.intermediate_generated += {counter}[0]"]
        lines.append("    return out")
        return self.unit.define("\n".join(lines) + "\n", "gen_action", label)

    def _write_group(self, node, scope, env: dict, label: str):
        """The loop over an action's instances (see ``action_group``). The conjuncts it
        tests once are plain guards (no binding, no branching, nothing primed) that read
        no parameter of the instance, no LET and no context: their value is the same for
        every instance. Where they raise, every instance is left to the reference (which
        raises or answers as TLC does); an instance whose code raises, to the reference
        alone. Unsupported where no conjunct is shared."""
        items = _conjuncts(node)
        if len(items) < 2 or not self.nvars:
            raise Unsupported
        func = Func(1, 0)
        pre = Code(2, func)
        body = Code(4, func).share_names(pre)
        func.loops = 2                  # the loop and its try around the instance's code
        ctx, loads = self._instance(env, body)
        cur = ctx.cur
        gen = self.gen
        shared = 0
        with ExitStack() as blocks:
            for item in items[:-1]:
                g = gen.shared_guard(item, scope, ctx, pre)
                if g is None:
                    break
                blocks.enter_context(pre.block(f"if {g}"))
                shared += 1
            pre("ok = True")
        if not shared:
            raise Unsupported           # nothing to share: the instances' own functions
        for line in loads:
            body(line)
        gen.intermediates, gen.composed = body.fresh("ic"), False
        try:
            gen.conj_acts(items[shared:], scope, ctx, body, self._emit)
        finally:
            gen.intermediates = None
        if gen.composed:
            raise Unsupported           # A \cdot B counts intermediate states per call
        lines = ["def gen_group(s, G, out, fb):"]
        if cur:
            lines.append(self._unpack(cur, "s"))
        lines += func.prelude + ["    ok = False", "    try:"] + pre.lines + [
            "    except Exception:", "        ok = None", "    if ok:",
            "        for i, e, L in G:", "            n = len(out)", "            try:"]
        lines += body.lines or ["                pass"]
        lines += ["                continue", "            except Exception:",
                  "                pass", "            fb(i, s, out, n)",
                  "    elif ok is None:", "        for i, e, L in G:",
                  "            fb(i, s, out, len(out))", "    return out"]
        return self.unit.define("\n".join(lines) + "\n", "gen_group", label)

    def _write_init(self, node, scope, label: str):
        c = Code(1, Func(1, 0))
        ctx = Ctx(env={}, cur=(None,) * self.nvars, nxt=None, state=None, lets={},
                  mode="init")
        self.gen.act(node, scope, ctx, c, self._emit)
        lines = ["def gen_init():", "    out = []"]
        lines += c.func.prelude + c.lines + ["    return out"]
        return self.unit.define("\n".join(lines) + "\n", "gen_init", label)

    def _write_constant(self, node, scope, label: str):
        c = Code(1, Func(1, 0))
        ctx = Ctx(env={}, cur=(None,) * self.nvars, nxt=None, state=None, lets={},
                  mode="expr")
        code, _ = self.gen.expr_unhoisted(node, scope, ctx, c)
        lines = ["def gen_const():"] + c.func.prelude + c.lines + [f"    return {code}"]
        return self.unit.define("\n".join(lines) + "\n", "gen_const", label)

    def _write_bits(self, atoms, label: str):
        c = Code(1, Func(1, 0))
        cur = self._vars("v")
        gen = self.gen
        gen._uses.append(set())
        try:
            c("b = 0")
            for k, (node, scope, names, mask) in enumerate(atoms):
                env = {}
                if names:
                    ek = c.fresh("E")
                    c(f"{ek} = E[{k}]")
                    env = _bound_names(c, names, ek)
                ctx = Ctx(env=env, cur=cur, nxt=None, state="s", lets={}, mode="expr")
                code, _ = gen.expr(node, scope, ctx, c)
                o = c.fresh("o")
                c(f"{o} = {code}")
                c(f"if {o} is True: b |= {mask}")
                c(f"elif {o} is not False: raise TypeError")
        finally:
            used = gen._uses.pop()
        lines = ["def gen_bits(s, E):"]
        if cur:
            lines.append(self._unpack(cur, "s"))
        lines += c.func.prelude + c.lines + ["    return b"]
        fn = self.unit.define("\n".join(lines) + "\n", "gen_bits", label)
        #: the state variables (indices) the bits depend on, as for a predicate
        fn.reads = _state_reads(cur, used)
        return fn

    def _write_predicate(self, node, scope, label: str, action: bool, names: tuple = (),
                         per_step: bool = False):
        c = Code(1, Func(1, 0))
        cur = self._vars("v")
        nxt = self._vars("w") if action else None
        env = _bound_names(c, names, "e")
        ctx = Ctx(env=env, cur=cur, nxt=nxt, state="s", lets={}, mode="expr",
                  nstate="t" if nxt else None)
        gen = self.gen
        gen._uses.append(set())
        # only where the steps of one state come one after the other (the search's
        # checks of an action property); other callers may alternate states
        c.func.step_memo = bool(per_step and nxt)
        try:
            code, _ = gen.expr(node, scope, ctx, c)
        finally:
            used = gen._uses.pop()
        lines = ["def gen_pred(s, t=None, e=None):"]
        if cur:
            lines.append(self._unpack(cur, "s"))
        if action and nxt:
            lines.append(self._unpack(nxt, "t"))
        lines += c.func.prelude + c.lines + [f"    return {code}"]
        fn = self.unit.define("\n".join(lines) + "\n", "gen_pred", label)
        #: the state variables (indices) the value depends on; None when unknown (code of
        #: the reference, context reads, recursive operators given the whole state)
        fn.reads = None if action or names else _state_reads(cur, used)
        return fn


def _state_reads(cur: tuple, used: set) -> tuple | None:
    """The indices of the state variables (locals ``cur``) that generated code whose
    ``used`` names these are reads; None when it may read more (code of the reference,
    context reads, recursive operators given the whole state)."""
    if used & {"$embed", "$ctx", "$whole"}:
        return None
    return tuple(i for i, v in enumerate(cur) if v in used)


def _bound_names(c: Code, names, source: str) -> dict:
    """Locals of ``c`` reading the bound ``names`` from the environment dict ``source``:
    TLA+ name -> local."""
    env = {}
    for name in names:
        py = env[name] = c.fresh("e")
        c(f"{py} = {source}[{name!r}]")
    return env


def _conjuncts(node) -> list:
    """The conjuncts of an action (itself when it is no conjunction)."""
    while isinstance(node, A.Label):
        node = node.body
    if isinstance(node, A.Junction) and node.kind == "/\\":
        return list(node.items)
    return [node]


#: how many atoms a constant may hold to be interned
_INTERN_ATOMS = 256


def _internable(v, budget: list) -> bool:
    """Whether constant ``v`` is made of records, functions, tuples and finite sets of
    integers, strings and model values only (at most ``budget[0]`` atoms). Python's ``==``
    is TLA+'s ``=`` on such values (no TRUE to equal 1), so equal constants can share one
    object: a state built from ``[v \\in V |-> "valid"]`` in Init then holds the very
    object an action compares it with (``vState = [v \\in V |-> "valid"]``), and the
    generated ``=`` answers by identity."""
    t = type(v)
    if t is str or t is int or t is V.ModelValue:
        budget[0] -= 1
        return budget[0] >= 0
    if t is V.Fcn:
        return all(_internable(k, budget) and _internable(x, budget) for k, x in v.map.items())
    if t is tuple or t is V.FSet:
        return all(_internable(x, budget) for x in v)
    return False


def _env_shape(env: dict) -> tuple:
    """What the code of a split action's instance depends on in its environment: per name,
    how the value is read (``_shape``) and, for a plain value, its kind (an integer, a
    string, a model value, a boolean: the code takes ``f[p]`` by the dict directly for a
    model value ``p``), so that instances differing there get code of their own."""
    return tuple((k, _shape(v), kind_of(v) if _shape(v) == "value" else "")
                 for k, v in env.items())


def _shape(value) -> str:
    """How a split environment value is read: plain values directly, LET definitions of
    the split (lazy objects) through ``lazyv``."""
    name = type(value).__name__
    if name in ("_Lazy", "_Fresh"):
        return name
    return "value"
