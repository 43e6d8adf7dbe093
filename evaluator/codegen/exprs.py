r"""Expressions as Python statements.

Takes an AST expression, its scope (``tla.evaluator.scope``, resolved exactly as the reference
compiler ``tla.evaluator.compiler`` resolves it) and a :class:`Ctx` saying where the values of
bound names and variables live in the code being written; writes statements into a
:class:`~tla.evaluator.codegen.emit.Code` and gives a Python expression for the value, with
its *kind* (``b`` boolean, ``i`` integer, ``s`` string, ``?`` unknown): a kind other than ``?``
is a guarantee about the Python type of the value at run time.

The rule every construct follows: the code either computes exactly the value the reference
compiler computes, or raises (any exception). It never needs TLC's error message: the caller
re-runs the reference evaluator when the generated code raises. So the code checks what the
reference checks (booleans where TLC wants booleans, integers for arithmetic, kinds for
``=``), with fast paths for the common cases, and it may evaluate more eagerly than TLC where
that can only add exceptions (never a different value). Short-circuit operators, IF, CASE and
the arms of quantifiers keep TLC's order, so that the code never diverges where TLC stops
(``IF n = 0 THEN 1 ELSE n * F(n-1)``).

A construct the generator does not handle is *embedded*: the reference closure for that node
is called from the generated code with the state and an environment dict of the bound names
(:meth:`ExprGen.embed`). Operators with effects (``Print``, ``TLCSet``, random choices...)
raise :class:`Impure` instead, so that the whole unit runs on the reference evaluator and
effects happen exactly once.
"""
from __future__ import annotations

import re
from contextlib import ExitStack, contextmanager
from typing import Optional

from tla.errors import EvalError
from tla.records import record, replace
from tla.parser import ast as A
from tla.evaluator import values as V
from tla.evaluator.compiler import canonical, CORE_OPS, TEMPORAL_OPS, _MISSING as _CMISSING
from tla.evaluator.scope import (VarEntry, ConstEntry, SubstEntry, DefEntry, InstanceEntry,
                                 BoundEntry, LocalScope, PrimedVarEntry, ArgEntry, UNASSIGNED,
                                 _NOCACHE, variable_index)
from tla.evaluator.codegen.emit import Code, Func
from tla.evaluator.codegen.hoist import FIRST_KEY_TEST

_MIN, _MAX = V.MIN_INT, V.MAX_INT


@contextmanager
def holding_output(ctx):
    """The lines printed (``Print``, ``PrintT``) in this block go to the list it gives
    instead of ``ctx.out``; the caller writes them once the code that printed them is
    known to stand (generated code may give up, and the reference then prints again)."""
    held: list = []
    out = ctx.out
    ctx.out = held.append
    try:
        yield held
    finally:
        ctx.out = out


def generated_or_reference(fast, reference, ctx=None):
    """A constant's value: ``fast()`` (generated code) unless it is None or raises, then
    ``reference()`` (which gives TLC's value or TLC's error). With the evaluation context
    ``ctx``, the lines ``fast`` prints are held and written when it returns, so that a run
    it gives up on and the reference repeats prints them once."""
    if fast is not None:
        if ctx is None:
            try:
                return fast()
            except Exception:
                pass
        else:
            with holding_output(ctx) as held:
                try:
                    v = fast()
                except Exception:
                    v = _FAILED
            if v is not _FAILED:
                for line in held:
                    ctx.out(line)
                return v
    return reference()


_FAILED = object()


class _Uses(set):
    """What an expression's code depends on (see ``ExprGen.use``); ``hard``: the part
    that is not in a fallback on the reference evaluator."""
    __slots__ = ("hard",)

    def __init__(self):
        super().__init__()
        self.hard: set = set()


class Unsupported(Exception):
    """The generator does not handle this node (it is embedded, or its unit falls back)."""


class Impure(Exception):
    """The unit uses an operator with effects: it must run on the reference evaluator."""


#: builtins whose calls have effects or depend on more than their arguments and the state
IMPURE = {
    ("TLC", "Print"), ("TLC", "PrintT"), ("TLC", "TLCSet"), ("TLC", "RandomElement"),
    ("TLC", "JavaTime"), ("TLCExt", "TLCGetAndSet"), ("TLCExt", "TLCDefer"),
    ("TLCExt", "AssertError"), ("TLCExt", "Trace"), ("TLCExt", "CounterExample"),
    ("TLCExt", "PickSuccessor"), ("TLCExt", "TLCNoOp"), ("TLCExt", "TLCModelValue"),
    ("Randomization", "RandomSubset"), ("Randomization", "RandomSetOfSubsets"),
    ("Randomization", "RandomSubsetSet"), ("Randomization", "TestRandomSetOfSubsets"),
    ("IOUtils", "IOExec"), ("IOUtils", "IOEnvExec"), ("IOUtils", "IOExecTemplate"),
    ("IOUtils", "IOEnvExecTemplate"), ("IOUtils", "IOSerialize"), ("IOUtils", "Serialize"),
    ("IOUtils", "IOPut"), ("Json", "JsonSerialize"), ("Json", "ndJsonSerialize"),
    ("CSV", "CSVWrite"), ("CSV", "CSVWriteRecord"), ("SVG", "SVGSerialize"),
    ("Toolbox", "ToolboxTLCSet"),
}
#: context-taking builtins that only read the context (``TLCGet("level")``)
CONTEXT_READERS = {("TLC", "TLCGet"), ("TLCExt", "TLCGetOrDefault")}
#: builtins whose only effect is a line of output: written into a constant's code, whose
#: output is held until it returns (``generated_or_reference``)
PRINTS = {("TLC", "Print"), ("TLC", "PrintT")}

#: how deep operator definitions are expanded inline before the rest is embedded
MAX_INLINE = 40

#: statements a state-level definition's code must take to be remembered per state
_MEMO_MIN_LINES = 3
#: a state-level definition reading more variables than this is remembered with the whole
#: state tuple, not with the values of the variables it reads
_MEMO_MAX_READS = 3
#: the names of the two states of an action property (``CodeGen._write_predicate``): the
#: second one's uses look in the first one's cell too (the variables read may be the same
#: objects) and, for a definition whose code loops, in the values remembered by lanes (a
#: step's second state is often one that other steps reached before); the first state of a
#: step and the states of invariants and actions are each met once, where neither pays
_FIRST_STATE, _SECOND_STATE = "s", "t"
#: values of a state-level definition remembered by the values it reads, at most
_VALUE_MEMO_LIMIT = 4096


#: expressions of an action property remembered per first state (``step_memo``)
_STEP_MEMO_NODES = (A.Quant, A.Choose, A.SetFilter, A.SetMap)


#: code valid anywhere in a unit: an integer literal, a constant of the model, or a read of
#: a constant computed once
_GLOBAL_ATOM = re.compile(r"-?\d+$|K_\d+$|\(C_(\d+) if C_\1 is not NOVAL else C_\1_f\(\)\)$")


def _loops(c: Code) -> bool:
    """Whether the code loops (or makes a function that may)."""
    return any(line.lstrip().startswith(("for ", "def ")) for line in c.lines)


def _loops_over_sets(node) -> bool:
    r"""Whether expression ``node`` has a set filter, set map, CHOOSE, bounded quantifier
    or function (``[x \in S |-> e]``, ``f[x \in S] == e``): a loop over a set, which costs
    more than looking a value up by its arguments (``Nbrs(n) == {m \in Nodes : {m, n} \in
    Edges}``)."""
    def loops(x) -> bool:
        if isinstance(x, (A.SetFilter, A.SetMap, A.Choose, A.Quant, A.FunCons, A.FunDef)):
            bounds = getattr(x, "bounds", None) or [getattr(x, "bound", None)]
            return any(b is not None and getattr(b, "domain", None) is not None
                       for b in bounds)
        return False
    return _any_node(node, loops)


def _any_node(node, hit) -> bool:
    """Whether ``hit(x)`` is true of syntax tree ``node`` or of a node inside it (its
    fields walked in order, spans left out)."""
    if hit(node):
        return True
    if isinstance(node, (tuple, list)):
        return any(_any_node(y, hit) for y in node)
    if hasattr(node, "__match_args__"):
        return any(_any_node(getattr(node, f), hit)
                   for f in node.__match_args__ if f != "span")
    return False


#: a local the generator made (``o12``, ``f3``)
_GENERATED_NAME = re.compile(r"^[a-z]+\d+$")


def _outside_reads(entry: DefEntry, _within: frozenset = frozenset()) -> Optional[tuple]:
    r"""The names bound around LET definition ``entry`` that its body reads (besides its
    parameters and the instance parameters it carries), in order of first use; None when
    it reads another LET definition or the ``@`` of an EXCEPT around it. ``LET
    BoundedSeq(S, n) == UNION {[1..i -> S] : i \in 0..n}`` inside ``TC1(R)`` reads none
    (it is closed); ``points == {<<p[1] + x, p[2] + y>> : <<x, y>> \in nbrs}`` inside
    ``score(p)`` reads ``p`` (nbrs, a closed definition, is read like a module operator);
    ``LET S == Support(R)`` reads R. Such a definition computes the same value for the same
    values of the names it reads, wherever it is evaluated, like a module operator taking
    them as arguments. The test is conservative: a name bound inside the body that an
    enclosing binder also has counts as read; so does a LET definition whose own reads are
    being found (``_within``: definitions reading each other)."""
    own = {canonical(p.name) for p in entry.params}
    ns = entry.ns
    names: list = []
    closed: dict = {}
    within = _within | {id(entry)}

    def reads_outside(name: str) -> bool:
        """Record a bound name read; True for what makes the definition depend on more."""
        name = canonical(name)
        if name in own:
            return False
        found = ns.lookup(name)
        if type(found) is BoundEntry:
            if name not in names:
                names.append(name)
            return False
        if type(found) is DefEntry and found.let and found is not entry:
            # a LET definition reading nothing bound (nbrs above) is like a constant
            ok = closed.get(id(found))
            if ok is None:
                ok = closed[id(found)] = (not found.params and id(found) not in within
                                          and _outside_reads(found, within) == ())
            return not ok
        return False

    def depends(x) -> bool:
        t = type(x)
        if t is A.OpApp or t is A.OpArg:
            return reads_outside(x.name)
        if t is A.Qualified:
            return reads_outside(x.path[0][0])
        return t is A.At
    # a function definition's domains are read too (perms[ss \in SUBSET S] reads S)
    if _any_node(entry.body, depends) or _any_node(entry.bounds or (), depends):
        return None
    return tuple(names)


def _first_order_operator(entry) -> bool:
    """Whether ``entry`` is a user-defined operator (not a builtin, not a function
    definition) none of whose parameters is an operator: one the generator can expand
    wherever a parameter it was passed to is called."""
    return type(entry) is DefEntry and entry.builtin is None and entry.bounds is None \
        and not any(p.arity for p in entry.params)


@record
class _InlineOp:
    """The argument of an operator parameter, written in place at the parameter's calls:
    a LAMBDA (``what``), with the bound names (``env``) and function (``func``) where it is
    written, or an operator definition (``what``, ``func`` None)."""
    what: object
    scope: object
    env: dict
    func: Optional[Func]

    def call(self, g: "ExprGen", args, scope, ctx: "Ctx", c: Code, node):
        """The code of the call ``P(args)`` written by ``g`` at ``c``, or None where the
        parameter's OpValue must be called (a LAMBDA called from a nested function, which
        does not see the locals the LAMBDA reads)."""
        what = self.what
        if type(what) is DefEntry:
            if len(args) != len(what.params):
                return None
            return g.call_def(what, args, scope, ctx, c, node)
        if c.func is not self.func or len(args) != len(what.params):
            return None
        env = dict(self.env)
        for p, a in zip(what.params, args):
            env[p] = g.atom(g.expr(a, scope, ctx, c)[0], c)
        inner = LocalScope(self.scope, {p: BoundEntry(p) for p in what.params})
        return g.expr(what.body, inner, ctx.with_env(env), c)


@record
class Ctx:
    """Where values live in the code being written.

    ``env``: TLA+ bound name -> Python local holding its value (the generator's image of the
    reference evaluator's environment dict ``e``, key for key). ``cur``/``nxt``: per state
    variable, the Python expression of its value in the current/next state, or None where the
    variable has no value yet (reading it raises). ``nxt`` is None outside actions.
    ``state`` is the Python name of the current state tuple when it is complete, ``nstate``
    that of the next state (the second argument of an action predicate).
    ``lets``: id of a zero-arity LET definition -> (memo local, function depth).
    ``mode``: "next", "init" or "expr" (what binds: primed variables, unprimed ones, none).
    ``inst``: the locals holding the parameters of the split action being written (read
    from its environment dict ``e``, the same dict for every state the action is run on).
    ``emits``: what follows in a next-state action's code only appends successors to its
    list ``out`` (not in ENABLED, which stops at the first, nor in the first action of ``A
    \\cdot B``, whose continuation also counts the intermediate states).
    """
    env: dict
    cur: tuple
    nxt: tuple | None
    state: str | None
    lets: dict
    mode: str = "expr"
    nstate: str | None = None
    inst: frozenset = frozenset()
    emits: bool = False

    def with_env(self, env: dict) -> "Ctx":
        return replace(self, env=env)


def is_atom(code: str) -> bool:
    return code.isidentifier() or code in ("True", "False", "None") or _is_literal(code)


def _is_literal(code: str) -> bool:
    if code[:1] in "\"'":
        return True
    try:
        int(code)
        return True
    except ValueError:
        return False


class ExprGen:
    """Writes expressions. ``model`` gives the reference compiler (``model.compiler``),
    used to resolve names, to learn definitions' levels and to make the closures that
    unhandled nodes embed; ``unit`` collects the globals the code refers to."""

    def __init__(self, model, unit):
        self.model = model
        self.cx = model.compiler
        self.unit = unit
        self._inlining: list = []
        #: id of a constant definition -> the function computing it (one global each)
        self._constants: dict = {}
        #: what the expressions being written depend on (see use(); _Uses sets for the
        #: expressions of expr(), plain sets for other code)
        self._uses: list = []
        #: while an operator's function is written: the recursive operators it calls
        self.op_calls: Optional[dict] = None
        #: while a fold's loop is written (``CodeGen._write_fold``): id of its recursive
        #: call -> (the call, the local holding the value the loop has folded so far)
        self.fold_calls: dict = {}
        self._hoisted: dict = {}
        #: id of a function definition whose rule is being written -> its LazyFcn local
        self._funcdefs: dict = {}
        #: while an action's code is written: the name of its list counting the
        #: intermediate states of A \\cdot B (see ActionGen.compose), and whether it is used
        self.intermediates: Optional[str] = None
        self.composed = False
        #: id of a recursive function definition taken as an action -> its nested function
        self._fcn_actions: dict = {}
        #: (id of a state-level definition, state argument) -> its memo cell (state_def)
        self._state_cells: dict = {}
        #: writes the functions computing constants (``CodeGen.constant``), set by CodeGen
        self.writer = None
        self._writing_constant = None
        #: id of an operator parameter's BoundEntry -> (the entry, _InlineOp): the
        #: LAMBDA or operator name its argument is, written in place at each call
        self._inline_ops: dict = {}
        #: id of an operator -> (operator, whether it is worth remembering)
        self._remembering: dict = {}
        #: id(LET definition) -> (definition, ``_outside_reads`` of it)
        self._let_reads_found: dict = {}
        #: code of an interval ``lo..hi`` written by ``_dotdot`` -> (lo, hi, whether both
        #: are known to be integers), for ``loop_over``
        self._intervals: dict = {}
        #: code reading a constant definition -> its value, where the reference had
        #: computed it when the code was written (``constant_def``), and code of a set the
        #: cfg gives a constant (``const_entry``), for ``loop_over``
        self._known: dict = {}
        #: (id(node), id(scope)) -> (node, scope, level), for ``_state_level``
        self._levels: dict = {}

    @property
    def nvars(self) -> int:
        return len(self.model.variables)

    # ------------------------------------------------------------------ utilities
    def const(self, value, hint: str = "K") -> str:
        return self.unit.const(value, hint)

    def atom(self, code: str, c: Code, hint: str = "t") -> str:
        """``code`` as something that can be written several times."""
        if is_atom(code):
            return code
        n = c.fresh(hint)
        c(f"{n} = {code}")
        return n

    def boolean(self, code: str, kind: str, c: Code) -> str:
        """A Python expression that is True/False, from a value that must be a boolean."""
        if kind == "b":
            return code
        if kind != "?":
            c("fail()")
            return "False"
        a = self.atom(code, c)
        c(f"if {a} is not True and {a} is not False: fail()")
        return a

    def state_arg(self, ctx: Ctx) -> str:
        """The current state as the reference evaluator takes it (a tuple, or a list with
        UNSET where a variable has no value)."""
        if ctx.state is not None:
            self.use(ctx.state)
            return ctx.state
        for v in ctx.cur:
            if v is not None:
                self.use(v)
        if ctx.mode == "init":
            # the reference solves Init with one list for both the state and the next state
            return "[" + ", ".join(v or "UNSET" for v in ctx.cur) + "]"
        if all(v is not None for v in ctx.cur):
            return "(" + "".join(v + ", " for v in ctx.cur) + ")"
        return "[" + ", ".join(v or "UNSET" for v in ctx.cur) + "]"

    def next_arg(self, ctx: Ctx) -> str:
        if ctx.mode == "init":
            return self.state_arg(ctx)
        if ctx.nxt is None:
            return "None"
        for v in ctx.nxt:
            if v is not None:
                self.use(v)
        return "[" + ", ".join(v or "UNSET" for v in ctx.nxt) + "]"

    def env_arg(self, ctx: Ctx) -> str:
        if not ctx.env:
            return "{}"
        for py in ctx.env.values():
            self.use(py)
        return "{" + ", ".join(f"{n!r}: {py}" for n, py in ctx.env.items()) + "}"

    def embed(self, node, scope, ctx: Ctx, c: Code, tag: str = "$embed"):
        """Call the reference closure of ``node`` from the generated code. ``tag``: what
        the call is to the code around it: ``$embed`` for a node the generator does not
        handle (it may have effects), ``$ref`` for the reference's fallback of code written
        for the same node (pure: the written code would have raised Impure)."""
        fn, _ = self.cx.expr(node, scope)
        name = self.const(fn, "R")
        self.use(tag)
        return f"{name}({self.state_arg(ctx)}, {self.next_arg(ctx)}, {self.env_arg(ctx)})", "?"

    # ------------------------------------------------------------------ dispatch
    def expr(self, node, scope, ctx: Ctx, c: Code):
        """``(python expression, kind)`` for ``node``. A *closed* expression (no state, no
        bound name, nothing that reads the context) that is worth it is computed once, the
        first time it is needed, by the reference evaluator (a constant of the model:
        ``[Proc -> Nat]``, ``{"a", "b"}``, ``1..N``)."""
        if self.fold_calls:
            folded = self.fold_calls.get(id(node))
            if folded is not None and folded[0] is node:
                self.use(folded[1])
                return folded[1], "?"
        m = getattr(self, "_x_" + type(node).__name__, None)
        if m is None:
            return self.embed(node, scope, ctx, c)
        scratch = c.scratch()
        func = c.func
        outer_memo = func.step_memo
        memo = outer_memo and type(node) in _STEP_MEMO_NODES and self._state_level(node, scope)
        if memo:
            func.step_memo = False      # the parts of a remembered value are not kept apart
        self._uses.append(_Uses())
        try:
            code, kind = m(node, scope, ctx, scratch)
        except Unsupported:
            self._uses.pop()
            return self.embed(node, scope, ctx, c)
        except BaseException:
            self._uses.pop()
            raise
        finally:
            func.step_memo = outer_memo
        used = self._uses.pop()
        self._merge_uses(used)
        if type(node) not in _LITERALS and (scratch.lines or not is_atom(code)) \
                and not code.startswith("(C_") and node is not self._writing_constant:
            outer = set(ctx.env.values())
            if not any(u[0] == "$" or u in outer for u in used.hard):
                hoisted = self.hoisted_constant(node, scope, c)
                ends = self._intervals.get(code)
                if ends is not None and all(_GLOBAL_ATOM.match(x) for x in ends[:2]):
                    # 1..N read where it is computed once: its ends are still known here
                    # (literals, constants of the model), for loop_over's range
                    self._intervals[hoisted] = ends
                return hoisted, kind
            if ctx.inst and not any(u[0] == "$" or (u in outer and u not in ctx.inst)
                                    for u in used.hard):
                return self.instance_constant(scratch, code, c), kind
            if memo and ctx.state == _FIRST_STATE and _loops(scratch):
                keys = self._step_keys(used, ctx)
                if keys is not None:
                    return self.step_memo(scratch, code, keys, c), kind
        c.extend(scratch)
        return code, kind

    def _state_level(self, node, scope) -> bool:
        """Whether ``node`` is of state level (no primes, by the reference compiler's
        levels): only such an expression of an action property is remembered (the ones
        inside it are then not remembered apart)."""
        key = (id(node), id(scope))
        hit = self._levels.get(key)
        if hit is None or hit[0] is not node or hit[1] is not scope:
            try:
                _, level = self.cx.expr(node, scope)
            except Exception:
                level = 3
            hit = self._levels[key] = (node, scope, level)
        return hit[2] <= 1

    def _step_keys(self, used: set, ctx: Ctx) -> Optional[list]:
        """The locals of the bound names around a state-level expression that it reads,
        sorted; None when it reads a LET (which may read the second state), the context,
        or calls code with effects. The expression is of state level and written for the
        first state (``ctx.state``), so what it reads of the second state is only handed
        to the reference's closures, which do not read it."""
        bound = {py for name, py in ctx.env.items() if name[0] != "$"}
        keys = []
        for u in used:
            if u in bound:
                keys.append(u)
            elif u in ("$let", "$ctx", "$embed"):
                return None
        return sorted(keys)

    def step_memo(self, scratch: Code, code: str, keys: list, c: Code) -> str:
        r"""An expression of an action property that reads only the step's first state and
        bound names (``\E Q \in Quorum : ShowsSafeAt(Q, b, v)`` in the ``V!Next`` a
        refinement checks on every step), remembered by the values of the bound names it
        reads, for as long as the first state stays the same object: the search checks a
        state's steps one after the other, each with the state's own tuple, and such an
        expression has the same value in all of them (TLC computes it for each).

        The values are told apart by Python's equality, which takes TRUE for 1: a domain
        holding both is a set TLC does not build (it compares its elements)."""
        cell = self.const([None, None], "SM")
        memo, key, value = c.fresh("sd"), c.fresh("sk"), c.fresh("sm")
        with c.block(f"if {cell}[0] is s"):
            c(f"{memo} = {cell}[1]")
        with c.block("else"):
            c(f"{memo} = {cell}[1] = {{}}")
            c(f"{cell}[0] = s")
        c(f"{key} = (" + "".join(k + ", " for k in keys) + ")")
        c(f"{value} = {memo}.get({key}, NOTIN)")
        with c.block(f"if {value} is NOTIN"):
            c.lines.extend("    " + line for line in scratch.lines)
            c(f"{value} = {code}")
            c(f"{memo}[{key}] = {value}")
        return value

    def instance_constant(self, scratch: Code, code: str, c: Code) -> str:
        r"""The value of an expression of the split action's parameters and the model's
        constants only (``[type |-> "Prepared", vsh |-> sh]`` in an action split on
        ``\E sh \in SH``), computed the first time the action instance needs it and kept
        with the instance's environment dict ``e`` (the same dict on every call)."""
        cell = self.unit.const({}, "IC")
        hit, value = c.fresh("ih"), c.fresh("iv")
        c(f"{hit} = {cell}.get(id(e))")
        with c.block(f"if {hit} is not None and {hit}[0] is e"):
            c(f"{value} = {hit}[1]")
        with c.block("else"):
            c.lines.extend("    " + line for line in scratch.lines)
            c(f"{value} = {code}")
            # the dict is kept in the entry: its id stays unique while the entry lives
            c(f"{cell}[id(e)] = (e, {value})")
        return value

    def nested_def(self, params: str, ctx: Ctx, c: Code, write_body, name: str = "nd") -> str:
        """Write a nested function ``def name(params):`` whose body ``write_body(code)``
        writes; gives its name. The locals of the enclosing code that the body reads are
        bound when the function is made (as default values), not when it runs: the function
        may outlive a loop iteration (a lazy set or function kept in a state)."""
        fname = c.fresh(name)
        body = Code(c.indent + 1, c.func.child(c.indent + 1, by_value=True)).share_names(c)
        self._uses.append(set())
        try:
            write_body(body)
        finally:
            used = self._uses.pop()
        self._merge_uses(used)
        outer = set(ctx.env.values())
        outer.update(v for v in ctx.cur if v is not None)
        if ctx.nxt is not None:
            outer.update(v for v in ctx.nxt if v is not None)
        outer.update(m[0] for m in ctx.lets.values())
        if ctx.state is not None:
            outer.add(ctx.state)
        captured = sorted(u for u in used if u in outer)
        signature = ([params] if params else []) + [f"{u}={u}" for u in captured]
        c(f"def {fname}({', '.join(signature)}):")
        c.lines.extend(body.func.opening())
        c.extend(body)
        return fname

    def expr_unhoisted(self, node, scope, ctx: Ctx, c: Code):
        """``expr`` for the body of a constant's own function (which must compute it, not
        refer to itself)."""
        saved = self._writing_constant
        self._writing_constant = node
        try:
            return self.expr(node, scope, ctx, c)
        finally:
            self._writing_constant = saved

    def use(self, what: str) -> None:
        """Record that the expression being written depends on ``what``: a Python local of
        a bound name, or ``$state``/``$ctx``/``$embed``/``$ref``/``$let`` (never constant);
        ``$whole``: the whole state is handed to code that may read any variable."""
        if self._uses:
            top = self._uses[-1]
            top.add(what)
            if type(top) is _Uses:
                top.hard.add(what)

    def _merge_uses(self, used: set) -> None:
        """Add what a finished piece of code depends on to the enclosing expression's."""
        if self._uses:
            top = self._uses[-1]
            top |= used
            if type(top) is _Uses:
                top.hard |= used.hard if type(used) is _Uses else used

    @contextmanager
    def fallback(self):
        """Code written in this block is a fallback on the reference evaluator for an
        expression whose generated code comes first (``[v \\in V |-> "init"]`` over a
        domain not enumerated yet): what it depends on (the whole environment, the state
        handed over) is recorded, but does not keep the expression from being computed once
        as a constant when its generated code reads nothing."""
        self._uses.append(set())
        try:
            yield
        finally:
            used = self._uses.pop()
            if self._uses:
                self._uses[-1] |= used

    def hoisted_constant(self, node, scope, c: Code) -> str:
        key = (id(node), id(scope))
        hit = self._hoisted.get(key)
        if hit is None or hit[0] is not node:
            writer = self.writer

            def compute():
                fast = writer.constant(node, scope, "constant") if writer is not None else None
                return generated_or_reference(
                    fast, lambda: self.cx.expr(node, scope)[0](None, None, {}),
                    self.model.ctx)
            hit = self._hoisted[key] = (node, scope, compute)
        return self.unit.lazy_const(hit[2], c)

    # ------------------------------------------------------------------ literals
    def _x_Num(self, node, scope, ctx, c):
        v = node.value
        if V.INT_BOUND and not (_MIN <= v <= _MAX):
            raise Unsupported
        return str(v), "i"

    def _x_Str(self, node, scope, ctx, c):
        return repr(node.value), "s"

    def _x_Bool(self, node, scope, ctx, c):
        return ("True" if node.value else "False"), "b"

    def _x_Label(self, node, scope, ctx, c):
        return self.expr(node.body, scope, ctx, c)

    # ------------------------------------------------------------------ names
    def _x_OpApp(self, node, scope, ctx, c):
        name = canonical(node.name)
        entry = scope.lookup(name)
        if entry is None or (name in CORE_OPS and not isinstance(entry, BoundEntry)):
            if name in CORE_OPS:
                return self.core(name, node, scope, ctx, c)
            raise Unsupported
        return self.call_entry(entry, node.args, scope, ctx, c, node)

    def var(self, index: int, ctx: Ctx, primed: bool) -> str:
        self.use("$state")
        if primed:
            if ctx.nxt is None:
                if ctx.mode == "init":
                    raise Unsupported
                return "fail()"
            v = ctx.nxt[index]
        else:
            v = ctx.cur[index]
        if v is None:
            return "fail()"
        self.use(v)
        return v

    def call_entry(self, entry, args, scope, ctx, c, node, carry=()):
        t = type(entry)
        if t is VarEntry:
            if args:
                raise Unsupported
            return self.var(entry.index, ctx, False), "?"
        if t is PrimedVarEntry:
            return self.var(entry.index, ctx, True), "?"
        if t is ArgEntry:
            return self.expr(entry.node, entry.scope, ctx, c)
        if t is BoundEntry:
            py = ctx.env.get(entry.name)
            if py is None:
                raise Unsupported
            self.use(py)
            if entry.arity == 0 and not args:
                return py, c.kinds.get(py, "?")
            inline = self._inline_ops.get(id(entry))
            if inline is not None and inline[0] is entry:
                written = inline[1].call(self, args, scope, ctx, c, node)
                if written is not None:
                    return written
            vals = [self.atom(self.op_arg(a, scope, ctx, c, 0), c) for a in args]
            return f"{py}({', '.join(vals)})", "?"
        if t is ConstEntry:
            return self.const_entry(entry, args, scope, ctx, c, node)
        if t is SubstEntry:
            if entry.op is not None:
                return self.call_entry(entry.op, args, scope, ctx, c, node)
            if entry.expr is None or args:
                raise Unsupported
            if entry.level == 1 and ctx.state is not None:
                # B == INSTANCE Barrier WITH pc <- [p \in ProcSet |-> pc_translation(p)]:
                # every pc of B!Next is that function of the state, computed once per state
                try:
                    return self.per_state(entry, ctx, c, lambda body: self.expr(
                        entry.expr, entry.scope, ctx.with_env({}), body))
                except Unsupported:        # it reads a bound name (a parameterized instance)
                    pass
            return self.expr(entry.expr, entry.scope, ctx, c)
        if t is DefEntry:
            return self.call_def(entry, args, scope, ctx, c, node, carry)
        if t is InstanceEntry:
            raise Unsupported
        raise Unsupported

    def const_entry(self, entry, args, scope, ctx, c, node):
        val = entry.value
        if val is UNASSIGNED:
            raise Unsupported
        if hasattr(val, "target"):
            ns = val.ns or self.model.root_ns
            target = ns.lookup(canonical(val.target))
            if target is None:
                alt = getattr(val, "alt", None) or self.model.root_ns
                target = alt.lookup(canonical(val.target))
            if target is None:
                raise Unsupported
            return self.call_entry(target, args, scope, ctx, c, node)
        k = self.const(val)
        if not args:
            if type(val) is V.FSet or type(val) is V.Interval:
                self._known[k] = val            # a constant of the cfg (loop_over)
            return k, kind_of(val)
        if callable(val):
            raise Unsupported
        vals = [self.atom(self.expr(a, scope, ctx, c)[0], c) for a in args]
        arg = vals[0] if len(vals) == 1 else "(" + ", ".join(vals) + ",)"
        return f"ap({k}, {arg})", "?"

    def op_arg(self, node, scope, ctx, c, arity: int) -> str:
        """An argument for a parameter of arity ``arity``: an operator value (made by the
        reference, as OpValue) or an expression's value. A LAMBDA's body is written here,
        as a nested function."""
        if isinstance(node, A.Lambda):
            return self.lambda_value(node, scope, ctx, c)
        if arity > 0 and type(node) is A.OpApp and not node.args:
            entry = scope.lookup(canonical(node.name))
            if _first_order_operator(entry) and len(entry.params) == arity:
                self.cx.ensure_compiled(entry)          # (its level, whether recursive)
                if not entry.recursive and entry.level < 2:
                    return self.operator_value(entry, scope, ctx, c)
        if isinstance(node, A.OpArg) or (
                arity > 0 and isinstance(node, (A.OpApp, A.Qualified))
                and not getattr(node, "args", ())):
            fn, _ = self.cx.op_arg_or_expr(node, scope, arity)
            name = self.const(fn, "R")
            self.use("$embed")
            return f"{name}({self.state_arg(ctx)}, {self.next_arg(ctx)}, {self.env_arg(ctx)})"
        return self.expr(node, scope, ctx, c)[0]

    def lambda_value(self, node, scope, ctx, c) -> str:
        r"""``LAMBDA p1, ..., pn : body`` as an OpValue whose function is written here: its
        body sees the names bound where the LAMBDA is written, and the parameters
        (``ChooseOne(board, LAMBDA pc : s \in pc)``: every application runs generated
        code, not the reference's closures)."""
        params = node.params
        inner = LocalScope(scope, {p: BoundEntry(p) for p in params})

        def value_of(pys, body):
            env = dict(ctx.env)
            env.update(zip(params, pys))
            return self.expr(node.body, inner, ctx.with_env(env), body)[0]
        return self.operator_function_value(len(params), "LAMBDA", ctx, c, value_of, "lam")

    def operator_value(self, entry: DefEntry, scope, ctx, c) -> str:
        """A user-defined operator passed by name (``SelectSeq(waiting, read)``) as an
        OpValue whose function, written here, is the operator's body."""
        aliases = [BoundEntry(p.name, 0) for p in entry.params]

        def value_of(pys, body):
            carry = [(p.name, py) for p, py in zip(entry.params, pys)]
            return self.expand(entry, [None] * len(pys), aliases, scope, ctx, body, carry,
                               lambda b, bscope, ctx2, c2: self.expr(b, bscope, ctx2, c2))[0]
        return self.operator_function_value(len(entry.params), entry.name, ctx, c, value_of,
                                            "opv")

    def operator_function_value(self, n: int, label: str, ctx, c, value_of, hint: str) -> str:
        """An OpValue printed as ``label`` whose function of ``n`` parameters is a nested
        function written here, returning ``value_of(parameter locals, body code)``."""
        pys = [c.fresh("l") for _ in range(n)]

        def write_body(body):
            body(f"return {value_of(pys, body)}")
        fname = self.nested_def(", ".join(pys), ctx, c, write_body, hint)
        op = c.fresh("op")
        c(f"{op} = OpValue({fname}, {n}, {label!r})")
        return op

    # ------------------------------------------------------------------ definitions
    def call_def(self, entry: DefEntry, args, scope, ctx, c, node, carry=()):
        if len(args) != entry.arity:
            raise Unsupported
        b = entry.builtin
        if b is not None:
            return self.builtin(entry, b, args, scope, ctx, c)
        self.cx.ensure_compiled(entry)
        if entry.bounds is not None:
            return self.funcdef_value(entry, ctx, c, carry)
        if entry.recursive or entry in self._inlining or len(self._inlining) >= MAX_INLINE \
                or (self._worth_remembering(entry)
                    and self._carried(entry, ctx, carry) is not None):
            return self.recursive_call(entry, args, scope, ctx, c, carry)
        if entry.let and not entry.params:
            return self.let_ref(entry, ctx, c)
        if not entry.params and not entry.let and not carry and not entry.carry:
            if entry.level == 0:
                return self.constant_def(entry, c)
            if entry.level == 1 and ctx.state is not None:
                return self.state_def(entry, ctx, c)
        if entry.level >= 2:
            aliases = self.cx.var_aliases(entry, args, scope)
            if any(aliases):
                return self.expand(entry, args, aliases, scope, ctx, c, carry,
                                   lambda body, bscope, ctx2, c2: self.expr(body, bscope,
                                                                          ctx2, c2))
        return self.expand(entry, args, [None] * len(args), scope, ctx, c, carry,
                           lambda body, bscope, ctx2, c2: self.expr(body, bscope, ctx2, c2))

    def _worth_remembering(self, entry: DefEntry) -> bool:
        r"""Whether a (non-recursive) operator is called as a function that may remember
        its values by argument (``CodeGen.operator_function``, ``memo.py``) rather than
        expanded in place: a constant-level operator of ordinary parameters whose body
        loops over a set, such as ``Nbrs(n) == {m \in Nodes : {m, n} \in Edges}`` or
        ``Automorphisms(S) == {f \in [S -> S] : \A y \in S : \E x \in S : f[x] = y}``,
        which a spec applies to the same few values in every state; or such a LET
        definition that reads no other LET definition (``_outside_reads``), called with the
        names bound around it that it reads as leading arguments (``TC1(R) == LET
        BoundedSeq(S, n) == ... IN {<<s, t>> \in S \X S : \E p \in BoundedSeq(S, ...) :
        ...}`` computes its sequences once, not once per pair). The memo's trial turns
        remembering off where arguments do not repeat."""
        if self.writer is None or entry.level != 0 or not entry.params \
                or any(p.arity for p in entry.params):
            return False
        return self._loops_and_reads(entry)

    def _remembered_let(self, entry: DefEntry) -> bool:
        r"""Whether the value of a LET definition without parameters is computed by a
        function of the names bound around it that it reads (``_outside_reads``), which
        may remember its values by theirs, rather than written in place: one that loops over
        a set (``score(p) == LET points == {<<p[1] + x, p[2] + y>> : <<x, y>> \in nbrs} IN
        Sum(sc, points)`` makes, and sorts, each cell's set of neighbours once, not once
        per state). Its cell (``let_ref``) still holds the value once computed, or the
        value a fold's loop put there."""
        if self.writer is None or entry.level != 0 or entry.params or not entry.let \
                or not self.let_reads(entry):
            return False
        return self._loops_and_reads(entry)

    def _loops_and_reads(self, entry: DefEntry) -> bool:
        """Whether ``entry``'s body loops over a set and, for a LET definition, reads no
        other LET definition (remembered)."""
        found = self._remembering.get(id(entry))
        if found is None or found[0] is not entry:
            found = self._remembering[id(entry)] = (entry, _loops_over_sets(entry.body) and (
                not entry.let or self.let_reads(entry) is not None))
        return found[1]

    def let_reads(self, entry: DefEntry) -> Optional[tuple]:
        """``_outside_reads(entry)`` of a LET definition, remembered."""
        found = self._let_reads_found.get(id(entry))
        if found is None or found[0] is not entry:
            found = self._let_reads_found[id(entry)] = (entry, _outside_reads(entry))
        return found[1]

    def leading_names(self, entry: DefEntry) -> tuple:
        """The names whose values a call of ``entry``'s function passes before its
        arguments: the instance parameters it carries, then, for a LET definition, the
        names bound around it that it reads (``_outside_reads``)."""
        if not entry.let:
            return entry.carry
        reads = self.let_reads(entry) or ()
        return entry.carry + tuple(n for n in reads if n not in entry.carry)

    def _carried(self, entry: DefEntry, ctx, carry) -> list | None:
        """The locals holding the values of ``leading_names(entry)`` (``P(Succ) ==
        INSTANCE Reachability``: ``Succ`` for ``P(Succ)!ExistsPath(m, n)``), from a
        qualified call's ``carry`` pairs or the names bound around the call; None when one
        is bound to nothing here."""
        given = dict(carry)
        pys = []
        for n in self.leading_names(entry):
            py = given.get(n) or ctx.env.get(n)
            if py is None:
                return None
            pys.append(py)
        return pys

    def recursive_call(self, entry: DefEntry, args, scope, ctx, c, carry):
        """A call of a recursive operator (or one nested too deep to expand): a call of
        the Python function written for the operator (``CodeGen.operator_function``),
        given the current state, the values of its leading names (``leading_names``: the
        instance parameters it carries, the names a LET definition reads around it), the
        arguments' values and nothing else. Passing those names as arguments lets
        ``P(Succ)!ExistsPath(m, n)`` be remembered per graph ``Succ``."""
        carried = self._carried(entry, ctx, carry) \
            if not entry.let or self.let_reads(entry) is not None else None
        if carried is None or entry.level >= 2:
            raise Unsupported
        for py in carried:
            self.use(py)
        if entry.level == 0:
            state = "None"
        elif ctx.state is not None:
            state = self.state_arg(ctx)
        else:
            raise Unsupported
        if self.writer is None:
            raise Unsupported
        vals = [self.atom(self.op_arg(a, scope, ctx, c, p.arity), c)
                for a, p in zip(args, entry.params)]
        if entry.level >= 1:
            self.use("$state")
            self.use("$whole")          # the operator may read any variable of the state
        fn = self.unit.operator_function(entry, self.writer)
        if self.op_calls is not None:
            self.op_calls[id(entry)] = entry
        return f"{fn}({state}{''.join(', ' + v for v in carried + vals)})", "?"

    def funcdef_value(self, entry: DefEntry, ctx, c, carry):
        r"""The value of a function definition ``f[x \in S] == e``: a LazyFcn (memoizing,
        checking its domain) whose rule is a nested function written here; inside its own
        body ``f`` is that same LazyFcn. A constant one is made once and shared with the
        reference evaluator (``entry.cache``)."""
        local = self._funcdefs.get(id(entry))
        if local is not None:
            self.use(local)
            return local, "?"
        if carry or entry.carry:
            raise Unsupported
        if entry.let:
            # a LET's function (PermSeqs(S) == LET perms[ss \in SUBSET S] == ... IN ...):
            # one LazyFcn per evaluation of the LET, seeing the names bound there
            return self.funcdef_here(entry, ctx, c, dict(ctx.env)), "?"
        if entry.level == 0 and self.writer is not None:
            return self.unit.lazy_const(self.writer.funcdef_constant(entry), c), "?"
        if entry.level == 1 and ctx.state is not None:
            # one LazyFcn per state, so that its memo serves every use in the state
            # (GameOfLife's sc[<<x, y>> \in ...] == ... grid[<<x, y>>] ...)
            return self.per_state(entry, ctx, c, lambda body: (
                self.funcdef_here(entry, ctx, body), "?"))
        return self.funcdef_here(entry, ctx, c), "?"

    def funcdef_here(self, entry: DefEntry, ctx, c, env0: dict | None = None) -> str:
        """Write the construction of function definition ``entry``'s LazyFcn (``env0``:
        the bound names its body sees besides its own arguments)."""
        bounds = entry.bounds
        occ = self.binders(bounds)
        names = {p.name: BoundEntry(p.name, p.arity) for p in entry.params}
        scope = LocalScope(entry.ns, names) if names else entry.ns
        _, inner, _, _ = self.cx._bounds(bounds, scope)
        doms = [self.atom(self.expr(b.domain, scope, ctx, c)[0], c) for b, _ in occ]
        dom = doms[0] if len(doms) == 1 else "ProductSet([" + ", ".join(doms) + "])"
        fval = c.fresh("F")
        arg = c.fresh("x")
        if env0 is None:
            env0 = {n: ctx.env[n] for n in entry.carry if n in ctx.env}

        def rule(body):
            env = dict(env0)
            if len(occ) == 1:
                b, name = occ[0]
                if name is None:
                    self.bind_names(b, ctx, body, arg, env)
                else:
                    env[name] = arg
            else:
                parts = self.atom(f"btup({len(occ)}, {arg})", body)
                for i, (b, name) in enumerate(occ):
                    if name is None:
                        self.bind_names(b, ctx, body, f"{parts}[{i}]", env)
                    else:
                        py = body.fresh("b")
                        body(f"{py} = {parts}[{i}]")
                        env[name] = py
            self._funcdefs[id(entry)] = fval
            try:
                v, _ = self.expr(entry.body, inner, ctx.with_env(env), body)
            finally:
                del self._funcdefs[id(entry)]
            body(f"return {v}")
        # the rule reads its own LazyFcn through the enclosing local (bound after it); the
        # reference's rule takes over for an argument the generated one raises on, so
        # that the function stays right wherever it ends up (a state, a constant)
        rule_name = self.nested_def(arg, ctx, c, rule, "rule")
        make = self.const(entry.fn, "R")
        self.use("$ref")
        c(f"{fval} = lazyfcn({dom}, {rule_name}, {make}, {self.state_arg(ctx)}, "
          f"{self.next_arg(ctx)}, {self.env_arg(ctx.with_env(env0))}, {entry.name!r})")
        return fval

    def expand(self, entry, args, aliases, scope, ctx, c, carry, body_gen, by_name=False):
        """Write ``entry``'s body with its parameters bound: to the value of each argument
        (kept in a local), or, where ``aliases`` says so, to the variable (or primed
        variable, or by-name argument) the argument names, as the reference does."""
        if entry.let or by_name:
            env = dict(ctx.env)
        else:
            env = {n: ctx.env[n] for n in entry.carry if n in ctx.env}
        for n, py in carry:
            env[n] = py
        names = {}
        inlined = []
        for p, a, al in zip(entry.params, args, aliases):
            if al is not None:
                names[p.name] = al
                continue
            names[p.name] = bound = BoundEntry(p.name, p.arity)
            code = self.op_arg(a, scope, ctx, c, p.arity)
            py = c.fresh("a")
            c(f"{py} = {code}")
            if code in c.kinds:
                c.kinds[py] = c.kinds[code]
            env[p.name] = py
            if p.arity:
                inline = self.inline_op(a, scope, ctx, c)
                if inline is not None:
                    self._inline_ops[id(bound)] = (bound, inline)
                    inlined.append(id(bound))
        bscope = LocalScope(entry.ns, names) if names else entry.ns
        self._inlining.append(entry)
        try:
            return body_gen(entry.body, bscope, ctx.with_env(env), c)
        finally:
            self._inlining.pop()
            for key in inlined:
                del self._inline_ops[key]

    def inline_op(self, arg, scope, ctx, c) -> Optional["_InlineOp"]:
        r"""How the calls of an operator parameter whose argument is ``arg`` may be written
        in place of calling its OpValue, or None: a LAMBDA's body with its parameters bound
        (``ChooseOne(S, P(_)) == CHOOSE x \in S : P(x)`` applied to ``LAMBDA pc : s \in
        pc`` writes ``s \in x``, where ``s``, a LET of the caller, is computed once), an
        operator's definition called by name, or the parameter of an enclosing expansion
        passed on."""
        if isinstance(arg, A.Lambda):
            return _InlineOp(arg, scope, ctx.env, c.func)
        if type(arg) is A.OpApp and not arg.args:
            entry = scope.lookup(canonical(arg.name))
            if type(entry) is BoundEntry:
                outer = self._inline_ops.get(id(entry))
                return outer[1] if outer is not None and outer[0] is entry else None
            if _first_order_operator(entry) and entry.params and not entry.let \
                    and not entry.carry:
                return _InlineOp(entry, scope, ctx.env, None)
        return None

    def constant_def(self, entry: DefEntry, c: Code):
        """A constant zero-arity definition: evaluated once (as TLC precomputes them), the
        first time the code needs it, by generated code (the reference where that fails),
        and shared with the reference evaluator's cache."""
        known = self._constants.get(id(entry))
        if known is not None:
            return self._known_constant(entry, self.unit.lazy_const(known, c)), "?"
        fn = entry.fn
        node, scope = entry.body, entry.ns
        writer = self.writer

        def compute():
            v = entry.cache
            if v is not _NOCACHE:
                return v
            fast = writer.constant(node, scope, entry.name) if writer is not None else None
            v = generated_or_reference(fast, lambda: fn(None, None, {}), self.model.ctx)
            if entry.level == 0 and entry.state == 2:
                entry.cache = v
            return v
        self._constants[id(entry)] = compute
        return self._known_constant(entry, self.unit.lazy_const(compute, c)), "?"

    def _known_constant(self, entry: DefEntry, code: str) -> str:
        """``code`` (reading constant definition ``entry``), noting the value when the
        reference has already computed it: a constant of the model never changes, and
        one known when the code is written may shape it (``loop_over``)."""
        if entry.cache is not _NOCACHE:
            self._known[code] = entry.cache
        return code

    def state_def(self, entry: DefEntry, ctx: Ctx, c: Code):
        r"""A zero-arity state-level definition (``token == CHOOSE i \in Node : ...``) in a
        complete state: its value is remembered with the values of the variables its code
        reads (the state tuple itself where it reads more, or hands the whole state on; one
        cell per definition and per state argument), so that the uses in the successors of
        a state, in an action property's two states or in one invariant compute it once. Definitions whose code calls the reference evaluator (which may
        have effects) or reads the context (``TLCGet``) are expanded at each use, as are
        cheap ones (a few statements cost less than the cell)."""
        return self.per_state(entry, ctx, c, lambda body: self.expr(
            entry.body, entry.ns, ctx.with_env({}), body))

    def per_state(self, entry: DefEntry, ctx: Ctx, c: Code, write):
        """The value ``write(code)`` writes for definition ``entry``, remembered with the
        values it reads (see ``state_def``), or written in place when it must not or need
        not be remembered."""
        body = Code(c.indent + 1, c.func).share_names(c)
        self._uses.append(set())
        self._inlining.append(entry)
        # computed once per state already: nothing in it is remembered per first state
        outer_memo, c.func.step_memo = c.func.step_memo, False
        try:
            code, kind = write(body)
        finally:
            c.func.step_memo = outer_memo
            self._inlining.pop()
            used = self._uses.pop()
        self._merge_uses(used)
        if "$embed" in used or "$ctx" in used or len(body.lines) < _MEMO_MIN_LINES:
            c.lines.extend(line[4:] for line in body.lines)
            return code, kind
        st = ctx.state
        reads = [i for i, v in enumerate(ctx.cur) if v is not None and v in used]
        if "$whole" in used or not reads or len(reads) > _MEMO_MAX_READS:
            keys = [st]
            reads = None
        else:
            keys = [ctx.cur[i] for i in reads]
        n = len(keys)
        r = c.fresh("m")
        own = self._state_cell(entry, reads, st, n)
        name = self.const(own, "M")
        self.use(st)
        hit = " and ".join(f"{name}[{i}] is {k}" for i, k in enumerate(keys))
        with c.block(f"if {hit}"):
            c(f"{r} = {name}[{n}]")
        second = reads is not None and st == _SECOND_STATE
        # a definition without loops (BeanCount == can.black + can.white) costs less than
        # looking its value up by lanes
        by_lanes = second and any(line.lstrip().startswith(("for ", "def "))
                                  for line in body.lines)
        if second:
            # token' where the step left the variables token reads as they were is token
            sib = self.const(self._state_cell(entry, reads, _FIRST_STATE, n), "M")
            with c.block("elif " + " and ".join(f"{sib}[{i}] is {k}"
                                                 for i, k in enumerate(keys))):
                c(f"{r} = {sib}[{n}]")
        with c.block("else"):
            if not by_lanes:
                c.lines.extend(body.lines)
                c(f"{r} = {code}")
            else:
                # equal values met before (a state reached again by another step): the
                # values remembered by fingerprint lanes, confirmed by equality
                memo = self.const(own[n + 2], "SV")
                vals = keys[0] if n == 1 else "(" + ", ".join(keys) + ")"
                lanes = f"lane({keys[0]})" if n == 1 else \
                    "(" + ", ".join(f"lane({k})" for k in keys) + ")"
                lk, hv = c.fresh("k"), c.fresh("h")
                c(f"{lk} = {lanes}")
                c(f"{hv} = {memo}.get({lk})")
                with c.block(f"if {hv} is not None and {hv}[0] == {vals}"):
                    c(f"{r} = {hv}[1]")
                with c.block("else"):
                    c.lines.extend("    " + line for line in body.lines)
                    c(f"{r} = {code}")
                    with c.block(f"if len({memo}) >= {_VALUE_MEMO_LIMIT}"):
                        c(f"{memo}.clear()")
                    c(f"{memo}[{lk}] = ({vals}, {r})")
            c(f"{name}[{n}] = {r}")
            for i, k in enumerate(keys):
                c(f"{name}[{i}] = {k}")
        return r, kind

    def _state_cell(self, entry, reads, state: str, n: int) -> list:
        """The memo cell of a state-level definition written for the state named ``state``:
        ``[key values..., value, entry]``, the keys being the values of the variables at
        ``reads`` (indices) or, with ``reads`` None, the state tuple itself; the entry keeps
        its id from being reused; last, the values by the lanes of the keys."""
        key = (id(entry), state, None if reads is None else tuple(reads))
        cell = self._state_cells.get(key)
        if cell is None:
            cell = self._state_cells[key] = [None] * (n + 1) + [entry, {}]
        return cell

    def let_ref(self, entry: DefEntry, ctx: Ctx, c: Code):
        """A zero-arity LET definition: computed on first use, then kept (TLC's lazy LET)."""
        self.use("$let")
        memo = ctx.lets.get(id(entry))
        func = c.func
        if memo is None or (memo[1] != func.depth and not func.by_value
                            and not func.sees_cells_of(memo[1])):
            # an action-level definition (evaluated at each use, as the reference's
            # _Fresh), or a use in a continuation inside a by-value function (which
            # cannot assign the cell of the function around it): no memo
            return self.let_value(entry, ctx, c)
        py = memo[0]
        if memo[1] != func.depth and not func.by_value:
            # a continuation (the rest of an action after ``\A a \in q : ...``) is a
            # closure of the function holding the cell, and keeps the value there
            func.nonlocals.add(py)
        # inside a nested function the cell is its parameter, holding the value the
        # definition had when the function was made (``{<<s, t>> \in S \X S : ...}``
        # kept lazy reads the S its domain computed) or computed there once per call
        self.use(py)
        with c.block(f"if {py} is NOVAL"):
            code, _ = self.let_value(entry, ctx.with_env(memo[2]), c)
            c(f"{py} = {code}")
        return py, "?"

    def let_value(self, entry: DefEntry, ctx: Ctx, c: Code):
        """The code computing zero-arity LET definition ``entry``'s value: a call of its
        function where ``_remembered_let`` says so, else its body written here."""
        if self._remembered_let(entry) and self._carried(entry, ctx, ()) is not None:
            return self.recursive_call(entry, (), entry.ns, ctx, c, ())
        return self.expr(entry.body, entry.ns, ctx, c)

    def _x_Let(self, node, scope, ctx, c):
        inner, ctx2 = self.let_bind(node, scope, ctx, c)
        return self.expr(node.body, inner, ctx2, c)

    def let_bind(self, node, scope, ctx, c):
        """Open a LET: its definitions (made by the reference, so that embedded closures see
        the same entries) and a memo local for each zero-arity one."""
        inner, _ = self.cx.let_scope(node, scope)
        lets = dict(ctx.lets)
        for d in node.defs:
            if isinstance(d, A.OpDef) and not d.params:
                ent = inner.names.get(canonical(d.name))
                if type(ent) is DefEntry and ent.level < 2:
                    py = c.fresh("L")
                    c(f"{py} = NOVAL")
                    lets[id(ent)] = (py, c.func.depth, ctx.env)
        return inner, replace(ctx, lets=lets)

    # ------------------------------------------------------------------ builtins
    def output_held(self, ctx: Ctx, c: Code) -> bool:
        """Whether code written here runs only inside ``generated_or_reference`` (a
        constant's own function, not a nested one that may be called later), where what it
        prints is held until it returns."""
        return (ctx.mode == "expr" and ctx.state is None and ctx.nxt is None
                and c.func.depth == 0 and all(v is None for v in ctx.cur))

    def builtin(self, entry, b, args, scope, ctx, c):
        key = (b.module, b.name)
        printing = key in PRINTS and self.output_held(ctx, c)
        if (key in IMPURE and not printing) or b.lazy:
            raise Impure
        vals = []
        kinds = []
        for a, p in zip(args, entry.params):
            if p.arity > 0:
                vals.append(self.atom(self.op_arg(a, scope, ctx, c, p.arity), c))
                kinds.append("?")
            else:
                code, k = self.expr(a, scope, ctx, c)
                vals.append(self.atom(code, c))
                kinds.append(k)
        fn = self.const(b.fn, "B")
        if b.context:
            if not b.constant and key not in CONTEXT_READERS and not printing:
                raise Impure
            self.use("$ctx")
            cx = self.const(self.model.ctx, "CTX")
            span = self.const(getattr(entry, "span", None), "SP")
            c(f"{cx}.span = {span}")
            return f"{fn}({cx}, {', '.join(vals)})", "?"
        inline = _INLINE_BUILTINS.get(key)
        if inline is not None:
            return inline(self, fn, vals, kinds, c)
        return f"{fn}({', '.join(vals)})", _BUILTIN_KINDS.get(key, "?")

    # ------------------------------------------------------------------ core operators
    def core(self, name, node, scope, ctx, c):
        args = node.args
        if name in ("TRUE", "FALSE"):
            return ("True" if name == "TRUE" else "False"), "b"
        if name == "BOOLEAN":
            return "BOOLEAN", "?"
        if name == "STRING":
            return "STRING", "?"
        if name == "'":
            return self.prime(args[0], scope, ctx, c)
        if name == "UNCHANGED":
            if ctx.nxt is None or ctx.mode == "init":
                raise Unsupported
            now, _ = self.expr(args[0], scope, ctx, c)
            now = self.atom(now, c)
            after, _ = self.expr(args[0], scope, self.primed(ctx), c)
            return self.equality(after, "?", now, "?", c), "b"
        if name == "ENABLED" and hasattr(self, "enabled"):
            return self.enabled(args[0], scope, ctx, c)
        if name in TEMPORAL_OPS or name in ("ENABLED", "\\cdot"):
            raise Unsupported
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
            parts = [self.atom(self.expr(a, scope, ctx, c)[0], c) for a in flat]
            return f"ProductSet([{', '.join(parts)}])", "?"
        if name == "/\\" and len(args) == 2:
            return self.conj(args, scope, ctx, c)
        if name == "\\/" and len(args) == 2:
            return self.disj(args, scope, ctx, c)
        if name == "=>" and len(args) == 2:
            return self.implies(args[0], args[1], scope, ctx, c)
        if len(args) == 1:
            x, k = self.expr(args[0], scope, ctx, c)
            if name == "~":
                return f"(not {self.boolean(x, k, c)})", "b"
            if name == "SUBSET":
                return f"PowerSet({x})", "?"
            if name == "UNION":
                return f"union({x})", "?"
            if name == "DOMAIN":
                return f"domain({x})", "?"
            raise Unsupported
        if len(args) != 2:
            raise Unsupported
        a, ka = self.expr(args[0], scope, ctx, c)
        a = self.atom(a, c)
        if name in ("=", "#") and isinstance(args[1], A.Except):
            ok = self.equals_except(a, args[1], scope, ctx, c)
            if ok is not None:
                return (ok if name == "=" else f"(not {ok})"), "b"
        b, kb = self.expr(args[1], scope, ctx, c)
        if name == "\\in" or name == "\\notin":
            test = self.written_membership(a, ka, b, args[1], c)
            return (test if name == "\\in" else f"(not {test})"), "b"
        constant_b = b.startswith("(C_")
        b = self.atom(b, c)
        if name == "=":
            return self.equality(a, ka, b, kb, c), "b"
        if name == "#":
            return f"(not {self.equality(a, ka, b, kb, c)})", "b"
        if name == "<=>":
            return f"({self.boolean(a, ka, c)} is {self.boolean(b, kb, c)})", "b"
        if name == "\\cup":
            return f"cup({a}, {b})", "?"
        if name == "\\cap":
            return f"cap({a}, {b})", "?"
        if name == "\\":
            return f"diff({a}, {b})", "?"
        if name == "\\subseteq":
            if constant_b:
                return f"subseteqr({self.unit.const({}, 'MM')}, {a}, {b})", "b"
            return f"subseteq({a}, {b})", "b"
        raise Unsupported

    def membership(self, x, kx, S, constant_set: bool = False) -> str:
        """``x \\in S``: a string found in an enumerated set by Python's ``in`` is in it (no
        TRUE/1 confusion possible); everything else asks an enumerated set by Python's
        ``in`` where the elements are of x's kind (``FSet.has``, its first case inline),
        an interval by comparing an integer with its ends, and any other set through
        ``mem``. Where S is a constant of the model, a record, function, tuple or set x is
        tested once per object (``member_remembered``)."""
        if kx == "s":
            return f"(({x} in {S} or {S}.has({x})) if type({S}) is FSet else mem({x}, {S}))"
        # FSet.has's own first case inline: Python's ``in`` for a value of a type in the
        # set's exact types (known once has was asked, empty before); an integer in an
        # interval (``i \in 1..N``, a constant) compared with its ends
        test = (f"(({x} in {S} if type({x}) in {S}._exact else "
                f"{S}.has({x})) if type({S}) is FSet else {S}.lo <= {x} <= {S}.hi "
                f"if type({S}) is Interval and type({x}) is int else mem({x}, {S}))")
        if kx == "?" and constant_set:
            memo = self.unit.const({}, "MM")
            return (f"(memr({memo}, {x}, {S}) if type({x}) is Fcn or type({x}) is tuple"
                    f" or type({x}) is FSet else {test})")
        return test

    def written_membership(self, x, kx, S, node, c: Code) -> str:
        """``x \\in S`` for the code ``S`` of set expression ``node`` (not yet evaluated
        into a name): an interval written here is compared with its ends
        (:meth:`interval_membership`); a string is in a set written with string literals
        as Python finds it (``pc[p] \\in {"a2", "a3"}``); anything else as
        :meth:`membership` says."""
        ends = self._intervals.get(S)
        if ends is not None:
            return self.interval_membership(x, kx, S, ends)
        constant_set = S.startswith("(C_")
        S = self.atom(S, c)
        if not _string_literals(node):
            return self.membership(x, kx, S, constant_set)
        if kx == "s":
            return f"({x} in {S})"
        other = self.membership(x, kx, S, constant_set)
        return f"({x} in {S} if type({x}) is str else {other})"

    def interval_membership(self, x, kx, interval, ends) -> str:
        """``x \\in lo..hi`` for an interval written here: ``lo <= x <= hi`` where x and
        the ends are integers (no Interval made), else the interval itself (evaluated only
        then) asked as any set is."""
        lo, hi, ints = ends
        checks = [] if kx == "i" else [f"type({x}) is int"]
        if not ints:
            checks += [f"type({lo}) is int", f"type({hi}) is int"]
        fast = f"{lo} <= {x} <= {hi}"
        if not checks:
            return f"({fast})"
        return f"({fast} if {' and '.join(checks)} else mem({x}, {interval}))"

    def equality(self, a, ka, b, kb, c) -> str:
        """``a = b`` under the reference's rule: values of one Python type other than tuple
        compare with ``==``; anything else goes through ``values.eq``."""
        if ka == kb and ka in ("b", "i", "s"):
            return f"({a} == {b})"
        if kb in ("i", "s", "b"):
            pyt = {"i": "int", "s": "str", "b": "bool"}[kb]
            a = self.atom(a, c)
            return f"({a} == {b} if type({a}) is {pyt} else eq({a}, {b}))"
        if ka in ("i", "s", "b"):
            pyt = {"i": "int", "s": "str", "b": "bool"}[ka]
            b = self.atom(b, c)
            return f"({a} == {b} if type({b}) is {pyt} else eq({a}, {b}))"
        a = self.atom(a, c)
        b = self.atom(b, c)
        # two records or functions compare as Fcn.__eq__ does, without the call: equal
        # when they are one object (an unchanged variable and the interned constant it was
        # set to, see codegen.Unit) or their dicts are
        return (f"(({a} is {b} or ({a}.map == {b}.map if type({b}) is Fcn else eq({a}, {b})))"
                f" if type({a}) is Fcn else ({a} == {b} if type({a}) is type({b}) and "
                f"type({a}) is not tuple else eq({a}, {b})))")

    def primed(self, ctx: Ctx) -> Ctx:
        """The context inside ``e'``: the next state is the current one."""
        if ctx.mode == "init":
            raise Unsupported
        if ctx.nxt is None:
            return replace(ctx, cur=(None,) * self.nvars, state=None)
        return replace(ctx, cur=ctx.nxt, nxt=None, state=ctx.nstate, nstate=None)

    def prime(self, arg, scope, ctx, c):
        if isinstance(arg, A.OpApp) and not arg.args:
            ent = scope.lookup(canonical(arg.name))
            idx = variable_index(ent)
            if idx is not None:
                return self.var(idx, ctx, True), "?"
        return self.expr(arg, scope, self.primed(ctx), c)

    def conj(self, items, scope, ctx, c):
        r = c.fresh("r")
        c(f"{r} = False")
        self._conj_rest(list(items), scope, ctx, c, r)
        return r, "b"

    def _conj_rest(self, items, scope, ctx, c, r):
        x, k = self.expr(items[0], scope, ctx, c)
        x = self.boolean(x, k, c)
        if len(items) == 1:
            c(f"{r} = {x}")
            return
        with c.block(f"if {x}"):
            self._conj_rest(items[1:], scope, ctx, c, r)

    def disj(self, items, scope, ctx, c):
        r = c.fresh("r")
        c(f"{r} = True")
        self._disj_rest(list(items), scope, ctx, c, r)
        return r, "b"

    def _disj_rest(self, items, scope, ctx, c, r):
        x, k = self.expr(items[0], scope, ctx, c)
        x = self.boolean(x, k, c)
        if len(items) == 1:
            c(f"{r} = {x}")
            return
        with c.block(f"if not {x}"):
            self._disj_rest(items[1:], scope, ctx, c, r)

    def implies(self, p, q, scope, ctx, c):
        r = c.fresh("r")
        c(f"{r} = True")
        x, k = self.expr(p, scope, ctx, c)
        x = self.boolean(x, k, c)
        with c.block(f"if {x}"):
            y, ky = self.expr(q, scope, ctx, c)
            y = self.boolean(y, ky, c)
            c(f"{r} = {y}")
        return r, "b"

    def _x_Junction(self, node, scope, ctx, c):
        if node.kind == "/\\":
            return self.conj(node.items, scope, ctx, c)
        return self.disj(node.items, scope, ctx, c)

    def _x_BoxAction(self, node, scope, ctx, c):
        """``[A]_v`` as a value (the reference's ``box``): TRUE when A is, else v' = v."""
        if ctx.nxt is None or ctx.mode == "init":
            raise Unsupported
        a, _ = self.expr(node.action, scope, ctx, c)
        r = c.fresh("r")
        c(f"{r} = {a}")
        with c.block(f"if {r} is not True"):
            c(f"{r} = {self._sub_unchanged(node.sub, scope, ctx, c)}")
        return r, "b"

    def _sub_unchanged(self, sub, scope, ctx, c) -> str:
        """``v' = v`` for the subscript of ``[A]_v`` / ``<<A>>_v``."""
        now, _ = self.expr(sub, scope, ctx, c)
        now = self.atom(now, c)
        after, _ = self.expr(sub, scope, self.primed(ctx), c)
        after = self.atom(after, c)
        return self.equality(after, "?", now, "?", c)

    def _x_AngleAction(self, node, scope, ctx, c):
        """``<<A>>_v`` as a value (the reference's ``angle``): A and v' # v."""
        if ctx.nxt is None or ctx.mode == "init":
            raise Unsupported
        a, _ = self.expr(node.action, scope, ctx, c)
        r = c.fresh("r")
        c(f"{r} = {a} is True")
        with c.block(f"if {r}"):
            c(f"{r} = not {self._sub_unchanged(node.sub, scope, ctx, c)}")
        return r, "b"

    # ------------------------------------------------------------------ control
    def _x_If(self, node, scope, ctx, c):
        x, k = self.expr(node.cond, scope, ctx, c)
        x = self.boolean(x, k, c)
        r = c.fresh("r")
        with c.block(f"if {x}"):
            a, ka = self.expr(node.then, scope, ctx, c)
            c(f"{r} = {a}")
        with c.block("else"):
            b, kb = self.expr(node.else_, scope, ctx, c)
            c(f"{r} = {b}")
        return r, (ka if ka == kb else "?")

    def _x_Case(self, node, scope, ctx, c):
        r = c.fresh("r")
        kinds = set()
        self._case_arms(list(node.arms), node.other, scope, ctx, c, r, kinds)
        return r, (kinds.pop() if len(kinds) == 1 else "?")

    def _case_arms(self, arms, other, scope, ctx, c, r, kinds):
        if not arms:
            if other is None:
                c("fail()")
                return
            v, k = self.expr(other, scope, ctx, c)
            kinds.add(k)
            c(f"{r} = {v}")
            return
        p, x = arms[0]
        g, k = self.expr(p, scope, ctx, c)
        g = self.boolean(g, k, c)
        with c.block(f"if {g}"):
            v, kv = self.expr(x, scope, ctx, c)
            kinds.add(kv)
            c(f"{r} = {v}")
        with c.block("else"):
            self._case_arms(arms[1:], other, scope, ctx, c, r, kinds)

    # ------------------------------------------------------------------ binders
    def bind_names(self, bound, ctx, c, value: str, env: dict) -> None:
        """Bind the names of one binder occurrence to ``value`` (taking a tuple apart for
        a pattern ``<<x, y>>``)."""
        if bound.tuple_pattern:
            n = len(bound.names)
            v = self.atom(f"btup({n}, {value})", c)
            for i, nm in enumerate(bound.names):
                py = c.fresh("b")
                c(f"{py} = {v}[{i}]")
                env[nm] = py
        else:
            env[bound.names[0]] = value

    def binders(self, bounds):
        """[(bound, name or None)]: one entry per domain occurrence (``x, y \\in S`` gives
        two over S; a tuple pattern one)."""
        out = []
        for b in bounds:
            if b.domain is None:
                raise Unsupported
            if b.tuple_pattern:
                out.append((b, None))
            else:
                for n in b.names:
                    out.append((b, n))
        return out

    def loop_over(self, dom: str, order: str, var: str, c: Code, held: str = "") -> str:
        r"""The iterable a loop over the set ``dom`` runs over, in ``order`` (``elems``,
        ``witnesses``, ``ordered`` or ``aorder``, which agree on intervals): for an
        interval written here with integer ends, the range itself (``\A i, j \in
        1..Len(s) : ...`` makes no Interval object per loop). The loop's local ``var``
        then holds integers only (an interval of other values is an error before the loop
        starts): ``c.kinds``.
        ``held``: a local already holding the value of ``dom``, read where the set itself
        is iterated, so that ``dom`` is not evaluated a second time."""
        ends = self._intervals.get(dom)
        known = self._known.get(dom, _CMISSING) if ends is None else _CMISSING
        dom = held or dom
        if ends is None:
            if type(known) is V.Interval:
                # ProcSet == 1..N, computed once: its bounds are written in the code
                c.kinds[var] = "i"
                return f"range({known.lo}, {known.hi + 1})"
            if type(known) is V.FSet and order in ("elems", "witnesses"):
                kinds = {kind_of(x) for x in known}
                if len(kinds) == 1 and kinds <= {"i", "s", "m"}:
                    c.kinds[var] = kinds.pop()          # \E p \in Proc : ... (model values)
                return dom
            return f"{order}({dom})"
        c.kinds[var] = "i"
        lo, hi, ints = ends
        rng = f"range({lo}, {hi} + 1)"
        if ints:
            return rng
        return f"({rng} if type({lo}) is int and type({hi}) is int else {order}({dom}))"

    def loop_binders(self, bounds, scope, ctx, c, order: str, body):
        """Nested loops over the binders' domains (each domain evaluated with the earlier
        binders bound, as the reference does); ``body(inner scope, ctx, c)`` writes the
        innermost statements. Gives nothing: ``body`` uses ``break``-free control."""
        _, inner, _, _ = self.cx._bounds(bounds, scope)
        occ = self.binders(bounds)

        def rec(i, env):
            if i == len(occ):
                return body(inner, ctx.with_env(env), c)
            b, name = occ[i]
            dom, _ = self.expr(b.domain, scope, ctx.with_env(env), c)
            v = c.fresh("x")
            with c.block(f"for {v} in {self.loop_over(dom, order, v, c)}", loop=True):
                env2 = dict(env)
                if name is None:
                    self.bind_names(b, ctx, c, v, env2)
                else:
                    env2[name] = v
                rec(i + 1, env2)
        rec(0, dict(ctx.env))

    def _x_Quant(self, node, scope, ctx, c):
        occ = self.binders(node.bounds)
        if len(occ) > 6 or c.too_deep():
            raise Unsupported
        is_all = node.kind == "\\A"
        r = c.fresh("r")
        c(f"{r} = {'True' if is_all else 'False'}")
        # nested loops; the innermost breaks out of all of them through for/else chains
        _, inner, _, _ = self.cx._bounds(node.bounds, scope)

        def rec(i, env):
            if i == len(occ):
                p, k = self.expr(node.body, inner, ctx.with_env(env), c)
                p = self.boolean(p, k, c)
                if is_all:
                    with c.block(f"if not {p}"):
                        c(f"{r} = False")
                        c("break")
                else:
                    with c.block(f"if {p}"):
                        c(f"{r} = True")
                        c("break")
                return
            b, name = occ[i]
            dom, _ = self.expr(b.domain, scope, ctx.with_env(env), c)
            v = c.fresh("x")
            with c.block(f"for {v} in {self.loop_over(dom, 'elems', v, c)}", loop=True):
                env2 = dict(env)
                if name is None:
                    self.bind_names(b, ctx, c, v, env2)
                else:
                    env2[name] = v
                rec(i + 1, env2)
            if i > 0:
                with c.block("else"):
                    c("continue")
                c("break")
        rec(0, dict(ctx.env))
        return r, "b"

    def _x_Choose(self, node, scope, ctx, c):
        b = node.bound
        if b.domain is None or c.too_deep():
            raise Unsupported
        _, inner, _, _ = self.cx._bounds((b,), scope)
        dom, _ = self.expr(b.domain, scope, ctx, c)
        dom = self.atom(dom, c)
        r = c.fresh("r")
        if isinstance(node.body, A.Bool) and node.body.value and not b.tuple_pattern \
                and len(b.names) == 1:
            c(f"{r} = {dom}.first() if type({dom}) is FSet and {dom} else "
              f"next(iter(ordered({dom})))")
            return r, "?"
        v = c.fresh("x")
        with c.block(f"for {v} in {self.loop_over(dom, 'ordered', v, c)}", loop=True):
            env = dict(ctx.env)
            if b.tuple_pattern:
                self.bind_names(b, ctx, c, v, env)
            else:
                env[b.names[0]] = v
            p, k = self.expr(node.body, inner, ctx.with_env(env), c)
            p = self.boolean(p, k, c)
            with c.block(f"if {p}"):
                c(f"{r} = {v}")
                c("break")
        with c.block("else"):
            c("fail()")
        return r, "?"

    # ------------------------------------------------------------------ sets
    def _x_SetEnum(self, node, scope, ctx, c):
        if not node.elems:
            return "EMPTY", "?"
        vals = []
        kinds = set()
        for x in node.elems:
            code, k = self.expr(x, scope, ctx, c)
            vals.append(code)
            kinds.add(k)
        if len(vals) == 1 or (len(kinds) == 1 and kinds <= {"s", "i"}):
            return f"FSet(({', '.join(vals)},))", "?"
        return f"setof([{', '.join(vals)}])", "?"

    def _x_SetFilter(self, node, scope, ctx, c):
        b = node.bound
        if b.domain is None or c.too_deep():
            raise Unsupported
        _, inner, _, _ = self.cx._bounds((b,), scope)
        dom, _ = self.expr(b.domain, scope, ctx, c)
        dom = self.atom(dom, c)
        r = c.fresh("r")
        with c.block(f"if type({dom}) is FSet or type({dom}) is Interval"):
            acc = c.fresh("acc")
            c(f"{acc} = []")
            v = c.fresh("x")
            with c.block(f"for {v} in elems({dom})", loop=True):
                env = dict(ctx.env)
                if b.tuple_pattern:
                    self.bind_names(b, ctx, c, v, env)
                else:
                    env[b.names[0]] = v
                p, k = self.expr(node.pred, inner, ctx.with_env(env), c)
                p = self.boolean(p, k, c)
                with c.block(f"if {p}"):
                    c(f"{acc}.append({v})")
            c(f"{r} = bset({acc})")
        with c.block("else"):
            # a set not enumerated yet stays lazy, as in the reference: its predicate is a
            # nested function, backed by the reference's for an element it fails on
            v = c.fresh("x")

            def pred(body):
                env = dict(ctx.env)
                if b.tuple_pattern:
                    self.bind_names(b, ctx, body, v, env)
                else:
                    env[b.names[0]] = v
                p, k = self.expr(node.pred, inner, ctx.with_env(env), body)
                body(f"return {p}")
            flt = self.nested_def(v, ctx, c, pred)
            ref, _ = self.cx.expr(node.pred, inner)
            names = tuple(b.names) if b.tuple_pattern else b.names[0]
            with self.fallback():
                self.use("$ref")
                c(f"{r} = lazyfilter({dom}, {flt}, {self.const(ref, 'R')}, "
                  f"{self.state_arg(ctx)}, {self.next_arg(ctx)}, {self.env_arg(ctx)}, "
                  f"{names!r})")
        return r, "?"

    def _x_SetMap(self, node, scope, ctx, c):
        if len(self.binders(node.bounds)) > 6 or c.too_deep():
            raise Unsupported
        acc = c.fresh("acc")
        c(f"{acc} = []")

        def body(inner, ctx2, c2):
            v, _ = self.expr(node.expr, inner, ctx2, c2)
            c2(f"{acc}.append({v})")
        self.loop_binders(node.bounds, scope, ctx, c, "elems", body)
        return f"bset({acc})", "?"

    def _x_RecordSet(self, node, scope, ctx, c):
        parts = []
        for n, x in node.fields:
            v, _ = self.expr(x, scope, ctx, c)
            parts.append(f"({n!r}, {self.atom(v, c)})")
        return f"RecordSet([{', '.join(parts)}])", "?"

    def _x_FunSet(self, node, scope, ctx, c):
        d, _ = self.expr(node.domain, scope, ctx, c)
        d = self.atom(d, c)
        r, _ = self.expr(node.range, scope, ctx, c)
        return f"FcnSet({d}, {self.atom(r, c)})", "?"

    # ------------------------------------------------------------------ functions
    def _x_Tuple(self, node, scope, ctx, c):
        vals = [self.atom(self.expr(x, scope, ctx, c)[0], c) for x in node.elems]
        if not vals:
            return "()", "?"
        return "(" + "".join(v + ", " for v in vals) + ")", "?"

    def _x_Record(self, node, scope, ctx, c):
        parts = []
        for n, x in node.fields:
            v, _ = self.expr(x, scope, ctx, c)
            parts.append(f"{n!r}: {self.atom(v, c)}")
        made = "Fcn({" + ", ".join(parts) + "})"
        names = tuple(n for n, _ in node.fields)
        if len(set(names)) < len(names):
            return made, "?"
        # the lanes of the record's domain (tla.checker.fingerprints), found here once
        # for every record the code makes: its fields always come in this order
        from tla.checker.fingerprints import domain_lanes
        r = c.fresh("r")
        c(f"{r} = {made}")
        c(f"{r}._dl = {self.unit.const(domain_lanes(names), 'DL')}")
        return r, "?"

    def _x_FieldAccess(self, node, scope, ctx, c):
        r, _ = self.expr(node.record, scope, ctx, c)
        r = self.atom(r, c)
        f = repr(node.field)
        t = c.fresh("t")
        c(f"{t} = {r}.map.get({f}, NOTIN) if type({r}) is Fcn else NOTIN")
        c(f"if {t} is NOTIN: {t} = fld({r}, {f})")
        return t, "?"

    def _x_FunApp(self, node, scope, ctx, c):
        f, _ = self.expr(node.fn, scope, ctx, c)
        f = self.atom(f, c)
        if isinstance(node.fn, A.FunCons):
            args = [self.atom(self.expr(a, scope, ctx, c)[0], c) for a in node.args]
            arg = args[0] if len(args) == 1 else "(" + ", ".join(args) + ",)"
            return f"apl({f}, {arg})", "?"
        if len(node.args) != 1:
            args = [self.atom(self.expr(a, scope, ctx, c)[0], c) for a in node.args]
            return f"ap({f}, ({', '.join(args)},))", "?"
        x, kx = self.expr(node.args[0], scope, ctx, c)
        x = self.atom(x, c)
        t = c.fresh("t")
        # a function definition's value (a LazyFcn) by its memo, as LazyFcn.apply reads it
        # first (sc[<<x, y>>] of GameOfLife, eight reads per cell and state), the argument
        # not a boolean (whose key there is tagged with its type)
        lazy = f"{f}.memo.get({x}, NOTIN) if type({f}) is LazyFcn" + (
            "" if kx in ("i", "s", "m") else f" and type({x}) is not bool")
        if kx == "i":
            c(f"{t} = {f}[{x} - 1] if type({f}) is tuple and 0 < {x} <= len({f}) "
              f"else {f}.map.get({x}, NOTIN) if type({f}) is Fcn and "
              f"{_not_boolean_key(x, kx, f)} else {lazy} else NOTIN")
            c(f"if {t} is NOTIN: {t} = ap({f}, {x})")
        elif kx in ("s", "m"):
            c(f"{t} = {f}.map.get({x}, NOTIN) if type({f}) is Fcn else {lazy} else NOTIN")
            c(f"if {t} is NOTIN: {t} = ap({f}, {x})")
        else:
            # a tuple by position; a Fcn by a key that cannot be taken for a boolean (found
            # means applied, as in apply1): a model value, a string, an integer other than
            # 0 and 1 (counter[i] with Node == 0..N-1); anything else by ap
            c(f"{t} = {f}[{x} - 1] if type({f}) is tuple and type({x}) is int and "
              f"0 < {x} <= len({f}) else {f}.map.get({x}, NOTIN) if type({f}) is Fcn and "
              f"{_not_boolean_key(x, kx, f)} else {lazy} else NOTIN")
            c(f"if {t} is NOTIN: {t} = ap({f}, {x})")
        return t, "?"

    def _x_FunCons(self, node, scope, ctx, c):
        occ = self.binders(node.bounds)
        if len(occ) > 6 or c.too_deep():
            raise Unsupported
        _, inner, _, _ = self.cx._bounds(node.bounds, scope)
        written = [self.expr(b.domain, scope, ctx, c)[0] for b, _ in occ]
        doms = [self.atom(d, c) for d in written]
        r = c.fresh("r")
        single = len(occ) == 1
        if single:
            test = f"type({doms[0]}) is FSet or type({doms[0]}) is Interval or " \
                   f"is_enum({doms[0]})"
        else:
            # [x \in S, y \in T |-> e]: the domain is S \X T, its arguments the tuples
            # <<x, y>>, taken in the order the reference enumerates S \X T (each factor in
            # TLC's order, the first outermost), so that an error is met at the same argument
            test = " and ".join(f"(type({d}) is FSet or type({d}) is Interval)" for d in doms)
        with c.block(f"if {test}"):
            m = c.fresh("m")
            xs = [c.fresh("x") for _ in occ]
            if single:
                # one binder: the values in a list, the arguments the loop's own iterable
                # (``[i \in 1..N |-> e]`` is then a tuple without a dict between; over an
                # interval known here, a range whose integers the body knows: loop_over)
                keys = c.fresh("k")
                c(f"{keys} = {self.loop_over(written[0], 'argsof', xs[0], c, doms[0])}")
                c(f"{m} = []")
                overs = [keys]
            else:
                c(f"{m} = {{}}")
                overs = [f"ordered({d})" for d in doms]
            env = dict(ctx.env)
            args = []
            with ExitStack() as loops:
                for (b, name), over, v in zip(occ, overs, xs):
                    args.append(v)
                    loops.enter_context(c.block(f"for {v} in {over}", loop=True))
                    if name is None:
                        self.bind_names(b, ctx, c, v, env)
                    else:
                        env[name] = v
                val, _ = self.expr(node.body, inner, ctx.with_env(env), c)
                c(f"{m}.append({val})" if single else f"{m}[({', '.join(args)}, )] = {val}")
            c(f"{r} = fcnargs({keys}, {m})" if single else f"{r} = fcnof({m})")
        with c.block("else"), self.fallback():
            code, _ = self.embed(node, scope, ctx, c, "$ref")
            c(f"{r} = {code}")
        return r, "?"

    def _x_Except(self, node, scope, ctx, c):
        cur, updates = self.except_parts(node, scope, ctx, c)
        return self._except_updates(cur, updates, scope, ctx, c), "?"

    def except_parts(self, node, scope, ctx, c) -> tuple[str, list]:
        """``[f EXCEPT !p1 = v1, ...]`` taken apart: the local holding f, and for each update
        its keys (``(local or literal, kind)`` each; a field is its quoted name, kind "s")
        with the expression of its value, not yet evaluated (``@`` is bound where it is)."""
        f, _ = self.expr(node.fn, scope, ctx, c)
        cur = self.atom(f, c)
        updates = []
        # keys written as the same expression (syntax trees are equal whatever their
        # spans) have the same value, computed once: ``![self].insts[s].status = ...,
        # ![self].insts[s].cmd = ...`` share one local for each of self and s
        written: list = []
        for path, val in node.updates:
            keys = []
            for st in path:
                if isinstance(st, A.ExceptField):
                    keys.append((repr(st.name), "s"))
                    continue
                key = next((k for args, k in written if args == st.args), None)
                if key is None:
                    ks = [self.expr(a, scope, ctx, c) for a in st.args]
                    if len(ks) == 1:
                        key = (self.atom(ks[0][0], c), ks[0][1])
                    else:
                        key = ("(" + "".join(self.atom(k, c) + ", " for k, _ in ks) + ")",
                               "?")
                    written.append((st.args, key))
                keys.append(key)
            updates.append((keys, val))
        return cur, updates

    def equals_except(self, w, node, scope, ctx, c) -> str | None:
        r"""``w = [f EXCEPT ![k] = e]`` (one update of one key) as a boolean local, where w
        is a value already computed (in a step being checked, most often a primed
        variable), or None (nothing written) for an EXCEPT of other shape.

        When w is f itself (the step left the variable as it was, the successor holding the
        very same value) the two are equal exactly when f[k] = e, so the function is not
        built: ``counter' = [counter EXCEPT ![i] = @ + 1]`` of a refinement checked on a
        step that does not touch counter. Otherwise, and when k is outside f's domain
        (EXCEPT then leaves f as it is), w is compared with the function as written."""
        if len(node.updates) != 1 or len(node.updates[0][0]) != 1:
            return None
        f, updates = self.except_parts(node, scope, ctx, c)
        (keys, val), = updates
        (k, kind), = keys
        ok = c.fresh("r")
        o = self._except_old(f, k, kind, c)
        with c.block(f"if {o} is NOTIN"):
            c(f"{ok} = {self.equality(w, '?', f, '?', c)}")
        with c.block("else"):
            env = dict(ctx.env)
            env["@"] = o
            inner = LocalScope(scope, {"@": BoundEntry("@")})
            new, kind_new = self.expr(val, inner, ctx.with_env(env), c)
            new = self.atom(new, c)
            with c.block(f"if {w} is {f}"):
                same = self.equality(o, '?', new, kind_new, c)
                if _GENERATED_NAME.match(new):
                    same = f"{new} is {o} or {same}"
                c(f"{ok} = {same}")
            with c.block("else"):
                r = c.fresh("f")
                c(self._except_rebuild(r, f, k, kind, new))
                c(f"{ok} = {self.equality(w, '?', r, '?', c)}")
        return ok

    def _except_old(self, f, k, kind, c) -> str:
        """A local holding ``f[k]`` for an update of key k (of kind ``kind``), or NOTIN when k
        is outside f's domain."""
        o = c.fresh("o")
        in_map = f"{f}.map.get({k}, NOTIN) if type({f}) is Fcn"
        if kind in ("i", "?"):
            intcheck = "" if kind == "i" else f"type({k}) is int and "
            c(f"{o} = {f}[{k} - 1] if type({f}) is tuple and {intcheck}"
              f"0 < {k} <= len({f}) else {in_map} and {_not_boolean_key(k, kind, f)} "
              f"else exg({f}, {k})")
        elif kind in ("s", "m"):
            c(f"{o} = {in_map} else exg({f}, {k})")
        else:
            c(f"{o} = exg({f}, {k})")
        return o

    @staticmethod
    def _except_rebuild(r, f, k, kind, new) -> str:
        """The line setting r to f with the value at k (in f's domain) replaced by new: a
        tuple or a ``Fcn`` copied in line (``Fcn.updated``), anything else by ``exs``."""
        fcn = f"Fcn({{**{f}.map, {k}: {new}}}, {f}._dl) if type({f}) is Fcn"
        if kind in ("i", "?"):
            return (f"{r} = {f}[:{k} - 1] + ({new},) + {f}[{k}:] "
                    f"if type({f}) is tuple else {fcn} else exs({f}, {k}, {new})")
        return f"{r} = {fcn} else exs({f}, {k}, {new})"

    def _except_updates(self, f, updates, scope, ctx, c) -> str:
        r"""``[f EXCEPT !p1 = v1, ..., !pn = vn]``, the updates applied one after the other
        (``@`` in each is the value at its path after the updates before it), with f
        unchanged by an update whose path leaves a function's domain (its value not
        evaluated then), as the reference's ``_update``.

        Consecutive updates whose paths start with the same key (the same local or
        literal, so the same value) are applied as one update of that key:

            [node EXCEPT ![self].leader = l, ![self].insts[s].status = "Accepting"]
          = [node EXCEPT ![self] = [@ EXCEPT !.leader = l, !.insts[s].status = "Accepting"]]

        (both leave node unchanged when self is outside its domain), so each function on
        the shared path is copied once, not once per update."""
        i = 0
        while i < len(updates):
            keys, val = updates[i]
            if not keys:
                env = dict(ctx.env)
                env["@"] = f
                inner = LocalScope(scope, {"@": BoundEntry("@")})
                v, _ = self.expr(val, inner, ctx.with_env(env), c)
                f = self.atom(v, c)
                i += 1
                continue
            k, kind = keys[0]
            j = i + 1
            while j < len(updates) and updates[j][0] and updates[j][0][0][0] == k:
                j += 1
            r = c.fresh("f")
            c(f"{r} = {f}")
            o = self._except_old(f, k, kind, c)
            with c.block(f"if {o} is not NOTIN"):
                new = self._except_updates(o, [(ks[1:], v) for ks, v in updates[i:j]],
                                           scope, ctx, c)
                if not _GENERATED_NAME.match(new):
                    held = c.fresh("n")
                    c(f"{held} = {new}")
                    new = held
                # the very value already there (a deeper key outside its domain gives back
                # o itself; color' = [color EXCEPT ![i] = "white"] of a white node): f
                # itself, whose lane the search has, not an equal copy to walk
                with c.block(f"if {new} is not {o}"):
                    c(self._except_rebuild(r, f, k, kind, new))
            f = r
            i = j
        return f

    def _x_At(self, node, scope, ctx, c):
        py = ctx.env.get("@")
        if py is None:
            raise Unsupported
        self.use(py)
        return py, "?"

    # ------------------------------------------------------------------ instances
    def _x_Qualified(self, node, scope, ctx, c):
        entry, carry, args = self.resolve_qualified(node, scope, ctx, c)
        return self.call_entry(entry, args, scope, ctx, c, node, carry)

    def resolve_qualified(self, node, scope, ctx, c):
        """Follow ``I(x)!J!Op`` as the reference's ``resolve_qualified``; the instance
        arguments are written here and carried as (name, local) pairs."""
        cur_scope = scope
        carry: list = []
        steps = node.path
        for i, (name, args) in enumerate(steps[:-1]):
            ent = cur_scope.lookup(name) if cur_scope is scope else cur_scope.exports.get(name)
            if ent is None and cur_scope is not scope:
                ent = cur_scope.names.get(name)
            if not isinstance(ent, InstanceEntry) or len(args) != len(ent.params):
                raise Unsupported
            for p, a in zip(ent.params, args):
                v, _ = self.expr(a, scope, ctx, c)
                py = c.fresh("a")
                c(f"{py} = {v}")
                carry.append((p.name, py))
            cur_scope = self.model.instantiate_entry(ent)
        last, largs = steps[-1]
        last = canonical(last)
        ent = (getattr(cur_scope, "copies", {}).get(last) or cur_scope.exports.get(last)
               or cur_scope.names.get(last))
        if ent is None:
            raise Unsupported
        if carry and isinstance(ent, DefEntry):
            given = {n for n, _ in carry}
            for cn in ent.carry:
                if cn not in given:
                    if cn not in ctx.env:
                        raise Unsupported
                    carry.append((cn, ctx.env[cn]))
        return ent, tuple(carry), largs


_LITERALS = (A.Num, A.Str, A.Bool)


def _not_boolean_key(k: str, kind: str, f: str) -> str:
    """The test that key ``k`` (of code kind ``kind``) cannot be taken for a boolean by the
    dict of function ``f``: Python's 1 and TRUE are one key, so an integer 0 or 1 is
    looked up in the dict only when the function's first argument is an integer (the
    arguments of a function are of one kind, as in apply1's ``_same_kind_key``:
    ``counter[i]`` with ``Node == 0..N-1``; ``Fcn.first_key_is_int``, remembered on the
    function); other integers 0 and 1 are left to the helpers, which look at the domain
    (apply1, except_get). Any other key found is the function's value there."""
    first_is_int = FIRST_KEY_TEST.format(f=f)
    if k.isdigit():                     # a constant: e[2], or e[1] of a pair
        return "True" if int(k) > 1 else first_is_int
    if kind == "i":
        return f"(not 0 <= {k} <= 1 or {first_is_int})"
    return (f"type({k}) is not bool and (type({k}) is not int or not 0 <= {k} <= 1 "
            f"or {first_is_int})")


def kind_of(v) -> str:
    """The code kind of a value known when the code is written: "i" (an int), "s" (a
    str), "b" (a bool), "m" (a model value) or "?" (anything)."""
    t = type(v)
    if t is int:
        return "i"
    if t is str:
        return "s"
    if t is bool:
        return "b"
    if t is V.ModelValue:
        return "m"
    return "?"


# ---------------------------------------------------------------------- inlined builtins
def _arith(op: str):
    def gen(g: ExprGen, fn: str, vals, kinds, c: Code):
        a, b = vals
        t = c.fresh("t")
        checks = _int_checks(vals, kinds)
        if not checks:
            c(f"{t} = {a} {op} {b}")
        else:
            c(f"{t} = {a} {op} {b} if {checks} else {fn}({a}, {b})")
        if V.INT_BOUND:
            c(f"if not {_MIN} <= {t} <= {_MAX}: {t} = {fn}({a}, {b})")
        return t, "i"
    return gen


def _int_checks(vals, kinds) -> str:
    """The run-time checks that the operands not known to be integers are integers."""
    return " and ".join(f"type({v}) is int" for v, k in zip(vals, kinds) if k != "i")


def _string_literals(node) -> bool:
    """Whether ``node`` is a set written with string literals only (``{"a2", "a3"}``)."""
    return isinstance(node, A.SetEnum) and bool(node.elems) and \
        all(isinstance(x, A.Str) for x in node.elems)


def _compare(op: str):
    def gen(g: ExprGen, fn: str, vals, kinds, c: Code):
        a, b = vals
        checks = _int_checks(vals, kinds)
        if not checks:
            return f"({a} {op} {b})", "b"
        return f"({a} {op} {b} if {checks} else {fn}({a}, {b}))", "b"
    return gen


def _mod(g, fn, vals, kinds, c):
    a, b = vals
    checks = " and ".join(filter(None, [_int_checks(vals, kinds), f"{b} > 0"]))
    return f"({a} % {b} if {checks} else {fn}({a}, {b}))", "i"


def _div(g, fn, vals, kinds, c):
    a, b = vals
    checks = " and ".join(filter(None, [_int_checks(vals, kinds), f"{b} > 0"]))
    return f"({a} // {b} if {checks} else {fn}({a}, {b}))", "i"


def _dotdot(g, fn, vals, kinds, c):
    a, b = vals
    ints = kinds[0] == "i" and kinds[1] == "i"
    if ints:
        code = f"Interval({a}, {b})"
    else:
        code = f"(Interval({a}, {b}) if type({a}) is int and type({b}) is int else {fn}({a}, {b}))"
    g._intervals[code] = (a, b, ints)
    return code, "?"


def _neg(g, fn, vals, kinds, c):
    a, = vals
    return f"(-{a} if type({a}) is int and {a} != {_MIN} else {fn}({a}))", "i"


def _len(g, fn, vals, kinds, c):
    a, = vals
    return f"(len({a}) if type({a}) is tuple else {fn}({a}))", "i"


def _head(g, fn, vals, kinds, c):
    a, = vals
    return f"({a}[0] if type({a}) is tuple and {a} else {fn}({a}))", "?"


def _tail(g, fn, vals, kinds, c):
    a, = vals
    return f"({a}[1:] if type({a}) is tuple and {a} else {fn}({a}))", "?"


def _append(g, fn, vals, kinds, c):
    a, b = vals
    return f"({a} + ({b},) if type({a}) is tuple else {fn}({a}, {b}))", "?"


def _concat(g, fn, vals, kinds, c):
    a, b = vals
    return f"({a} + {b} if type({a}) is tuple and type({b}) is tuple else {fn}({a}, {b}))", "?"


def _card(g, fn, vals, kinds, c):
    a, = vals
    return f"(len({a}) if type({a}) is FSet else {fn}({a}))", "i"


_INLINE_BUILTINS = {
    ("Naturals", "+"): _arith("+"), ("Naturals", "-"): _arith("-"),
    ("Naturals", "*"): _arith("*"),
    ("Naturals", "<"): _compare("<"), ("Naturals", ">"): _compare(">"),
    ("Naturals", "=<"): _compare("<="), ("Naturals", ">="): _compare(">="),
    ("Naturals", "%"): _mod, ("Naturals", "\\div"): _div, ("Naturals", ".."): _dotdot,
    ("Integers", "-."): _neg,
    ("Sequences", "Len"): _len, ("Sequences", "Head"): _head, ("Sequences", "Tail"): _tail,
    ("Sequences", "Append"): _append, ("Sequences", "\\o"): _concat,
    ("FiniteSets", "Cardinality"): _card,
}
#: kinds of other builtins' results, where certain
_BUILTIN_KINDS = {
    ("FiniteSets", "IsFiniteSet"): "b",
}
