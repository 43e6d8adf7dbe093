"""Temporal formulas of a spec as LTL formulas in positive normal form.

Takes an AST expression with the scope it occurs in and the values of the bound names
around it (quantified variables, operator parameters, instance parameters); gives a
formula built from :class:`Atom` (a state or action predicate, compiled by the evaluator)
with ``And``, ``Or``, ``Always`` and ``Eventually``, negations pushed down to the atoms.

The expansion follows TLC's ``Liveness.astToLive``: definitions of temporal level are
expanded (their parameters bound to the arguments), ``\\A``/``\\E`` over constant sets
become conjunctions/disjunctions, ``IF`` at temporal level becomes ``(c /\\ a) \\/ (~c /\\
b)``, ``F ~> G`` is ``[](~F \\/ <>G)``, ``WF_v(A)`` is ``[]<>(~ENABLED <<A>>_v \\/
<<A>>_v)`` and ``SF_v(A)`` is ``<>[]~ENABLED <<A>>_v \\/ []<><<A>>_v``. Everything of level
at most 2 (state and action level) is an atom; an action atom at position i of a behaviour
is evaluated on the step from state i to state i+1.

TLA is stuttering-invariant and has no next-time operator, so the formulas need only
``[]`` and ``<>`` (LTL without X).
"""
from __future__ import annotations

from typing import Any, Optional

from tla.checker.setup import PlanError
from tla.errors import EvalError, TLAError
from tla.parser import ast as A


class TemporalError(PlanError):
    """A temporal formula TLC cannot check (``Liveness.astToLive``): TLC's error 2213,
    ``TLC cannot handle the temporal formula <where>`` (with a reason, when there is one).
    TLC rejects ``F -+-> G``, ``\\AA``/``\\EE`` (in the SPECIFICATION they are error 2301,
    see ``tla.checker.setup``), temporal formulas passed as operator arguments, recursive
    temporal operators and quantifiers whose bounds it cannot enumerate."""

    def __init__(self, span, reason: str = ""):
        where = span.tlc_location() if span is not None else "(unknown location)"
        params = (where, reason) if reason else (where,)
        text = f"TLC cannot handle the temporal formula {where}" + (f":\n{reason}" if reason
                                                                    else "")
        super().__init__(2213, params, text, span)


# ---------------------------------------------------------------------------------------
# formulas
class Formula:
    __slots__ = ()


class Const(Formula):
    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = value

    def key(self):
        return ("c", self.value)

    def __repr__(self) -> str:
        return "TRUE" if self.value else "FALSE"


TRUE = Const(True)
FALSE = Const(False)


class Angle:
    """What is known of an atom ``<<A>>_v``: ``A`` and ``v`` compiled (``action_fn``,
    ``sub_fn``), whether ``A`` is the next-state relation the search enumerates
    (``is_next``), in which case every step of the state graph satisfies ``A``, and a key
    equal for subscripts that denote the same expression (``sub_key``: ``vars`` written in
    several fairness conditions is evaluated once per state), and, when ``v`` is a variable
    or a tuple of variables (``vars == <<x, y>>``), their indices in the state
    (``sub_vars``; None otherwise)."""
    __slots__ = ("action_fn", "sub_fn", "is_next", "sub_key", "sub_vars")

    def __init__(self, action_fn, sub_fn, is_next: bool, sub_key, sub_vars=None):
        self.action_fn = action_fn
        self.sub_fn = sub_fn
        self.is_next = is_next
        self.sub_key = sub_key
        self.sub_vars = sub_vars


class Atom(Formula):
    """A state (``level`` 1) or action (``level`` 2) predicate: ``fn(s, t, env)`` from the
    evaluator, ``negated`` when the formula needs its negation. ``ident`` identifies the
    predicate (node and bound values) so that equal atoms are recognized.

    ``angle`` describes an atom ``<<A>>_v`` (:class:`Angle`); ``enabled_angle`` is, for an
    atom ``ENABLED <<A>>_v``, the atom ``<<A>>_v``; ``step_fn`` is, for ``ENABLED A``, A as
    a test on steps. They let ``tla.checker.liveness.atoms`` decide these atoms from the
    state graph where that is cheaper or where the evaluator cannot."""
    __slots__ = ("fn", "env", "level", "negated", "ident", "text", "node", "step_fn",
                 "angle", "enabled_angle", "box")

    def __init__(self, fn, env, level: int, negated: bool, ident, text: str, node=None,
                 step_fn=None, angle: Optional[Angle] = None, enabled_angle=None,
                 box: Optional[Angle] = None):
        self.node = node      # kept so that the id() in ``ident`` stays unique
        self.step_fn = step_fn
        self.angle = angle
        self.enabled_angle = enabled_angle
        #: for an atom ``[A]_v``: A and v (an :class:`Angle`)
        self.box = box
        self.fn = fn
        self.env = env
        self.level = level
        self.negated = negated
        self.ident = ident
        self.text = text

    def negate(self) -> "Atom":
        return Atom(self.fn, self.env, self.level, not self.negated, self.ident, self.text,
                    self.node, self.step_fn, self.angle, self.enabled_angle, self.box)

    def key(self):
        return ("a", self.ident, self.negated)

    def holds(self, s, t) -> bool:
        """The atom's truth on state ``s`` (and, for an action, the step to ``t``)."""
        v = self.fn(s, t if self.level >= 2 else None, self.env)
        if v is True or v is False:
            return v is not self.negated
        raise EvalError(f"The temporal formula {self.text} evaluated to a non-boolean value.")

    def __repr__(self) -> str:
        return ("~" if self.negated else "") + self.text


class And(Formula):
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = tuple(items)

    def key(self):
        return ("&",) + tuple(i.key() for i in self.items)

    def __repr__(self) -> str:
        return "(" + " /\\ ".join(map(repr, self.items)) + ")"


class Or(Formula):
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = tuple(items)

    def key(self):
        return ("|",) + tuple(i.key() for i in self.items)

    def __repr__(self) -> str:
        return "(" + " \\/ ".join(map(repr, self.items)) + ")"


class Always(Formula):
    __slots__ = ("body",)

    def __init__(self, body):
        self.body = body

    def key(self):
        return ("G", self.body.key())

    def __repr__(self) -> str:
        return f"[]{self.body!r}"


class Eventually(Formula):
    __slots__ = ("body",)

    def __init__(self, body):
        self.body = body

    def key(self):
        return ("F", self.body.key())

    def __repr__(self) -> str:
        return f"<>{self.body!r}"


def conj(items) -> Formula:
    """A simplified conjunction (flattened; TRUE dropped; FALSE absorbs)."""
    out = []
    for f in items:
        if isinstance(f, And):
            out.extend(f.items)
        elif f is TRUE:
            continue
        elif f is FALSE:
            return FALSE
        else:
            out.append(f)
    if not out:
        return TRUE
    return out[0] if len(out) == 1 else And(out)


def disj(items) -> Formula:
    out = []
    for f in items:
        if isinstance(f, Or):
            out.extend(f.items)
        elif f is FALSE:
            continue
        elif f is TRUE:
            return TRUE
        else:
            out.append(f)
    if not out:
        return FALSE
    return out[0] if len(out) == 1 else Or(out)


def always(f) -> Formula:
    if isinstance(f, Const):
        return f
    if isinstance(f, Always):
        return f
    return Always(f)


def eventually(f) -> Formula:
    if isinstance(f, Const):
        return f
    if isinstance(f, Eventually):
        return f
    return Eventually(f)


def is_temporal(f) -> bool:
    """True when ``f`` has a ``[]`` or ``<>`` inside."""
    if isinstance(f, (Always, Eventually)):
        return True
    if isinstance(f, (And, Or)):
        return any(is_temporal(i) for i in f.items)
    return False


def negate(f) -> Formula:
    """The positive normal form of ``~f``."""
    if isinstance(f, Const):
        return FALSE if f.value else TRUE
    if isinstance(f, Atom):
        return f.negate()
    if isinstance(f, And):
        return disj(negate(i) for i in f.items)
    if isinstance(f, Or):
        return conj(negate(i) for i in f.items)
    if isinstance(f, Always):
        return eventually(negate(f.body))
    if isinstance(f, Eventually):
        return always(negate(f.body))
    raise TypeError(f)


# ---------------------------------------------------------------------------------------
# from the AST
class Expander:
    """Turns expressions of a model into formulas (``expand(node, scope, env)``).

    ``next_entry`` is the definition of the next-state relation the search enumerates
    (``Next`` of ``[][Next]_vars``) when it is a plain name, else None: atoms
    ``<<Next>>_v`` are then marked (:class:`Angle`)."""

    def __init__(self, model, next_entry=None):
        self.model = model
        self.compiler = model.compiler
        self.next_entry = next_entry

    # ------------------------------------------------------------------ helpers
    def level(self, node, scope) -> tuple[Any, int]:
        return self.compiler.expr(node, scope)

    def atom(self, node, scope, env, fn=None, level=None) -> Formula:
        if fn is None:
            fn, level = self.level(node, scope)
        if level == 0:
            v = fn(None, None, env)
            if v is True or v is False:
                return TRUE if v else FALSE
            raise EvalError("A constant temporal formula evaluated to a non-boolean value.",
                            getattr(node, "span", None))
        ident = (id(node), id(scope), _env_key(env))
        fn = self.fast(fn, node, scope, env, level)
        step_fn = angle = enabled_angle = box = None
        if isinstance(node, A.OpApp) and node.name == "ENABLED" and len(node.args) == 1:
            arg = node.args[0]
            step_fn, step_level = self.level(arg, scope)
            step_fn = self.fast(step_fn, arg, scope, env, step_level)
            while isinstance(arg, A.Label):
                arg = arg.body
            if isinstance(arg, A.AngleAction):
                enabled_angle = self.atom(arg, scope, env)
        elif isinstance(node, (A.AngleAction, A.BoxAction)):
            action_fn, action_level = self.level(node.action, scope)
            sub_fn, sub_level = self.level(node.sub, scope)
            action_fn = self.fast(action_fn, node.action, scope, env, action_level)
            sub_fn = self.fast(sub_fn, node.sub, scope, env, sub_level)
            described = Angle(action_fn, sub_fn, self.is_next(node.action, scope, env),
                              self.sub_key(node.sub, scope, env),
                              self.sub_vars(node.sub, scope, env))
            if isinstance(node, A.AngleAction):
                angle = described
            else:
                box = described
        return Atom(fn, env, max(level, 1), False, ident, _text(node), (node, scope),
                    step_fn, angle, enabled_angle, box)

    def fast(self, fn, node, scope, env, level):
        """``fn`` (the reference closure of a state or action predicate, called as
        ``fn(s, t, env)``) with the model's generated code tried first, as for invariants
        (``Model.evaluator``); other calls (another environment) go to ``fn``."""
        model = self.model
        if getattr(model, "codegen", None) is None or level not in (1, 2):
            return fn
        if level == 2:
            ev = model.evaluator(fn, node, scope, env, "temporal formula", action=True)

            def step(s, t, e):
                return ev(s, t) if e is env and t is not None else fn(s, t, e)
            return step
        ev = model.evaluator(fn, node, scope, env, "temporal formula")

        def state(s, t, e):
            return ev(s) if e is env and t is None else fn(s, t, e)
        return state

    def sub_vars(self, node, scope, env, depth: int = 0) -> Optional[tuple]:
        """The indices of the state variables whose tuple subscript ``node`` is (``x``,
        ``<<x, y>>``, or a definition without arguments of one, as ``vars`` usually is),
        else None."""
        from tla.evaluator.compiler import canonical
        from tla.evaluator.scope import DefEntry, variable_index
        while isinstance(node, A.Label):
            node = node.body
        if isinstance(node, A.Tuple):
            parts = []
            for item in node.elems:
                sub = self.sub_vars(item, scope, env, depth + 1)
                if sub is None or len(sub) != 1 or isinstance(item, A.Tuple):
                    return None
                parts += sub
            return tuple(parts)
        if depth > 8:
            return None
        if isinstance(node, A.Qualified):
            if any(args for _, args in node.path):
                return None
            try:
                entry, carried, _, _ = self.compiler.resolve_qualified(node, scope)
            except TLAError:
                return None
            if carried:
                return None
        elif isinstance(node, A.OpApp) and not node.args and node.name not in env:
            entry = scope.lookup(canonical(node.name))
        else:
            return None
        index = variable_index(entry)
        if index is not None:
            return (index,)
        if type(entry) is DefEntry and entry.builtin is None and not entry.params \
                and entry.bounds is None and not entry.carry:
            body = entry.body
            while isinstance(body, A.Label):
                body = body.body
            if isinstance(body, A.Tuple) or isinstance(body, A.OpApp):
                return self.sub_vars(body, entry.ns, {}, depth + 1)
        return None

    def sub_key(self, node, scope, env):
        """A key for the subscript ``node``: a definition without arguments (``vars``) is
        the same expression wherever it is named; anything else is itself in its scope and
        environment."""
        from tla.evaluator.compiler import canonical
        from tla.evaluator.scope import DefEntry
        while isinstance(node, A.Label):
            node = node.body
        if isinstance(node, A.OpApp) and not node.args:
            entry = scope.lookup(canonical(node.name))
            if type(entry) is DefEntry and entry.builtin is None and not entry.params:
                return ("definition", id(entry))
        return ("expression", id(node), id(scope), _env_key(env))

    def is_next(self, node, scope, env) -> bool:
        """Whether ``node`` (in ``scope``) names the search's next-state relation."""
        from tla.evaluator.compiler import canonical
        if self.next_entry is None or env or not isinstance(node, A.OpApp) or node.args:
            return False
        return scope.lookup(canonical(node.name)) is self.next_entry

    def constant(self, node, scope, env):
        fn, lvl = self.level(node, scope)
        if lvl > 0:
            raise TemporalError(getattr(node, "span", None),
                                "The bounds of a quantifier in a temporal formula must be "
                                "constant.")
        return fn(None, None, env)

    # ------------------------------------------------------------------ expansion
    def expand(self, node, scope, env: dict) -> Formula:
        fn, lvl = self.level(node, scope)
        if lvl <= 2:
            return self.atom(node, scope, env, fn, lvl)
        t = type(node)
        if t is A.Label:
            return self.expand(node.body, scope, env)
        if t is A.Junction:
            parts = [self.expand(x, scope, env) for x in node.items]
            return conj(parts) if node.kind == "/\\" else disj(parts)
        if t is A.Fairness:
            return self.fairness(node, scope, env)
        if t is A.Quant:
            return self.quantifier(node, scope, env)
        if t is A.If:
            c = self.expand(node.cond, scope, env)
            a = self.expand(node.then, scope, env)
            b = self.expand(node.else_, scope, env)
            return disj([conj([c, a]), conj([negate(c), b])])
        if t is A.Let:
            # The LET's definitions are compiled into the inner scope; the atoms evaluate
            # them afresh in every state (no value is kept across states).
            inner, _lazies = self.compiler.let_scope(node, scope)
            return self.expand(node.body, inner, env)
        if t is A.Qualified:
            return self.qualified(node, scope, env)
        if t is A.TemporalQuant:
            raise TemporalError(node.span)
        if t is A.OpApp:
            return self.opapp(node, scope, env)
        raise TemporalError(getattr(node, "span", None))

    def opapp(self, node, scope, env) -> Formula:
        from tla.evaluator.compiler import canonical
        from tla.evaluator.scope import DefEntry, BoundEntry
        name = canonical(node.name)
        entry = scope.lookup(name)
        args = node.args
        if name in _BUILTIN and not isinstance(entry, BoundEntry):
            if name == "/\\":
                return conj(self.expand(a, scope, env) for a in args)
            if name == "\\/":
                return disj(self.expand(a, scope, env) for a in args)
            if name == "~":
                return negate(self.expand(args[0], scope, env))
            if name == "=>":
                return disj([negate(self.expand(args[0], scope, env)),
                             self.expand(args[1], scope, env)])
            if name == "<=>":
                a = self.expand(args[0], scope, env)
                b = self.expand(args[1], scope, env)
                return disj([conj([a, b]), conj([negate(a), negate(b)])])
            if name == "[]":
                inner = args[0]
                return always(self.expand(inner, scope, env))
            if name == "<>":
                return eventually(self.expand(args[0], scope, env))
            if name == "~>":
                a = self.expand(args[0], scope, env)
                b = self.expand(args[1], scope, env)
                return always(disj([negate(a), eventually(b)]))
            raise TemporalError(node.span)
        if type(entry) is DefEntry and entry.builtin is None and entry.bounds is None:
            return self.definition(entry, args, scope, env, {}, node.span)
        from tla.evaluator.scope import ConstEntry
        if type(entry) is ConstEntry and hasattr(entry.value, "target"):
            ns = entry.value.ns or self.model.root_ns
            target = ns.lookup(canonical(entry.value.target))
            if type(target) is DefEntry and target.builtin is None:
                return self.definition(target, args, scope, env, {}, node.span)
        raise TemporalError(node.span)

    def definition(self, entry, args, scope, env, carried: dict, span) -> Formula:
        """The body of a temporal definition, its parameters bound to ``args`` (expressions
        of ``scope``); ``span`` is the application's, for errors. As in TLC, an argument
        may not be a temporal formula (pytlc also takes state and action expressions,
        which TLC refuses)."""
        from tla.evaluator.scope import BoundEntry, LocalScope, SubstEntry
        if entry.recursive:
            raise TemporalError(span, f"The operator {entry.name} is recursive.")
        env2 = dict(env)
        env2.update(carried)
        names = {}
        for param, arg in zip(entry.params, args):
            fn, lvl = self.compiler.op_arg_or_expr(arg, scope, param.arity)
            if lvl == 0:
                names[param.name] = BoundEntry(param.name, param.arity)
                env2[param.name] = fn(None, None, env)
            elif lvl <= 2 and param.arity == 0:
                # A state or action expression as argument: the parameter stands for it,
                # evaluated in the caller's environment (env2 extends it).
                names[param.name] = SubstEntry(param.name, fn, lvl)
            else:
                raise TemporalError(span)
        inner = LocalScope(entry.ns, names) if names else entry.ns
        return self.expand(entry.body, inner, env2)

    def qualified(self, node, scope, env) -> Formula:
        from tla.evaluator.scope import DefEntry
        entry, carry_fns, args, span = self.compiler.resolve_qualified(node, scope)
        if type(entry) is not DefEntry or entry.builtin is not None:
            raise TemporalError(span)
        carried = {}
        for cname, fn in carry_fns:
            carried[cname] = fn(None, None, env)
        return self.definition(entry, args, scope, env, carried, span)

    def quantifier(self, node, scope, env) -> Formula:
        from tla.evaluator.compiler import _envs
        from tla.evaluator.scope import BoundEntry, LocalScope
        binders = self.compiler._binder_list(node.bounds)
        names = {}
        dom_fns = []
        for b in node.bounds:
            if b.domain is None:
                raise TemporalError(node.span)
            fn, lvl = self.level(b.domain, scope)
            if lvl > 0:
                raise TemporalError(node.span, "The bounds of a quantifier in a temporal "
                                               "formula must be constant.")
            dom_fns.extend([fn] if b.tuple_pattern else [fn] * len(b.names))
            for n in b.names:
                names[n] = BoundEntry(n)
        inner = LocalScope(scope, names)
        parts = [self.expand(node.body, inner, e2)
                 for e2 in _envs(binders, dom_fns, None, None, env, True)]
        return conj(parts) if node.kind == "\\A" else disj(parts)

    def fairness(self, node, scope, env) -> Formula:
        """``WF_v(A)`` = ``[]<>(~ENABLED <<A>>_v \\/ <<A>>_v)``; ``SF_v(A)`` =
        ``<>[]~ENABLED <<A>>_v \\/ []<><<A>>_v`` (TLC's expansion)."""
        angle = A.AngleAction(node.action, node.sub, node.span)
        enabled = A.OpApp("ENABLED", (angle,), node.span)
        en = self.atom(enabled, scope, env)
        act = self.atom(angle, scope, env)
        if isinstance(en, Atom):
            en.text = f"ENABLED <<{_text(node.action)}>>_{_text(node.sub)}"
        if isinstance(act, Atom):
            act.text = f"<<{_text(node.action)}>>_{_text(node.sub)}"
        if node.kind == "WF":
            return always(eventually(disj([negate(en), act])))
        return disj([eventually(always(negate(en))), always(eventually(act))])


_BUILTIN = {"/\\", "\\/", "~", "=>", "<=>", "[]", "<>", "~>", "-+->"}


def _env_key(env: dict):
    try:
        return tuple(sorted((k, v) for k, v in env.items() if not callable(v)))
    except TypeError:
        return tuple(sorted((k, repr(v)) for k, v in env.items()))


def _text(node) -> str:
    """A short readable text for a node (for messages)."""
    try:
        from tla.parser.printer import format_expr
        return " ".join(format_expr(node).split())
    except Exception:
        span = getattr(node, "span", None)
        if span is not None and getattr(span, "line", None):
            return f"line {span.line}, col {span.col}"
        return type(node).__name__


def expand_property(model, node, scope=None, env: Optional[dict] = None) -> Formula:
    """The formula of a temporal expression (``node`` in ``scope``, default the root)."""
    return Expander(model).expand(node, scope or model.root_ns, dict(env or {}))
