"""The cfg's PROPERTY entries, sorted into what the search checks and what liveness checks.

Takes the evaluator's model, the PROPERTY names and the SPECIFICATION name (or None);
gives :class:`PropertyChecks`:

* ``init_properties``: state predicates, checked on every initial state (TLC's implied
  inits; a violation is error 2108 ``Property P is violated by the initial state``);
* ``invariants``: ``[]P`` with P a state predicate, checked on every state as an invariant
  named after P when P is a plain name, else after the property (TLC's ``invVec``);
* ``action_properties``: ``[][A]_v``, checked on every step, new or not (error 2112);
* ``temporal``: everything else of temporal level, as (name, formula) for liveness
  checking (``tla.checker.liveness``);
* ``assumptions``: the SPECIFICATION's fairness and other temporal conjuncts (formulas),
  which liveness checking assumes of every behaviour.

The rules are TLC's ``SpecProcessor.processConfigProps`` and ``processConfigSpec``: a
property is taken apart at conjunctions (``/\\`` and bullet lists) and through definitions
without arguments, also those of an instance (``Abstract!Spec``: its initial predicate is
checked on the initial states, its ``[][Next]_v`` on every step, its fairness as liveness);
a property of action level that is not ``[][A]_v`` is error 2241. TLC names a conjunct by
its SANY text; pytlc names it after the definition it comes from.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from tla.records import field, mutable_record
from tla.errors import EvalError
from tla.parser import ast as A


@mutable_record
class PropertyChecks:
    init_properties: list = field(default_factory=list)
    invariants: list = field(default_factory=list)
    action_properties: list = field(default_factory=list)
    temporal: list = field(default_factory=list)
    assumptions: list = field(default_factory=list)


def _state_pred(evaluate, name: str) -> Callable:
    def holds(state):
        v = evaluate(state)
        if v is True or v is False:
            return v
        from tla.evaluator.values import pretty
        raise EvalError(f"The property {name} is not a boolean; it evaluated to\n{pretty(v)}")
    return holds


def _action_pred(evaluate, name: str) -> Callable:
    def holds(s, t):
        v = evaluate(s, t)
        if v is True or v is False:
            return v
        from tla.evaluator.values import pretty
        raise EvalError(f"The action property {name} is not a boolean; it evaluated to\n"
                        f"{pretty(v)}")
    return holds


class _Walker:
    def __init__(self, model):
        from tla.checker.liveness.formula import Expander
        self.model = model
        self.compiler = model.compiler
        self.expander = Expander(model)

    def level(self, node, scope) -> tuple[Any, int]:
        return self.compiler.expr(node, scope)

    def definition(self, node, scope, env):
        """For a reference to a definition without arguments (``Op`` or ``I!Op``): (its
        name, body, scope, environment); else None."""
        from tla.evaluator.compiler import canonical
        from tla.evaluator.scope import ConstEntry, DefEntry
        if isinstance(node, A.OpApp) and not node.args:
            entry = scope.lookup(canonical(node.name))
            if type(entry) is ConstEntry and hasattr(entry.value, "target"):
                ns = entry.value.ns or self.model.root_ns
                entry = ns.lookup(canonical(entry.value.target))
            if type(entry) is DefEntry and entry.builtin is None and not entry.params \
                    and entry.bounds is None:
                return node.name, entry.body, entry.ns, env
            return None
        if isinstance(node, A.Qualified) and not node.path[-1][1]:
            entry, carry_fns, args, span = self.compiler.resolve_qualified(node, scope)
            if type(entry) is DefEntry and entry.builtin is None and not entry.params \
                    and entry.bounds is None:
                env2 = dict(env)
                for cname, fn in carry_fns:
                    env2[cname] = fn(None, None, env)
                name = "!".join(step for step, _ in node.path)
                return name, entry.body, entry.ns, env2
        return None

    # ------------------------------------------------------------------ PROPERTY
    def prop(self, name, node, scope, env, out: PropertyChecks) -> None:
        while isinstance(node, A.Label):
            node = node.body
        ref = self.definition(node, scope, env)
        if ref is not None:
            dname, body, dscope, denv = ref
            fn, lvl = self.level(node, scope)
            if lvl == 0:
                v = fn(None, None, env)
                if v is True:
                    return
            return self.prop(dname, body, dscope, denv, out)
        items = _conjuncts(node)
        if items is not None:
            for item in items:
                self.prop(name, item, scope, env, out)
            return
        arg = _always_arg(node)
        if arg is not None:
            if isinstance(arg, A.BoxAction):
                fn, _ = self.level(arg, scope)
                evaluate = self.model.evaluator(fn, arg, scope, env, name, action=True,
                                                per_step=True)
                holds = _action_pred(evaluate, name)
                if not env:
                    from tla.checker.remembered_steps import remembered
                    from tla.evaluator.reads import state_roots
                    holds = remembered(holds, state_roots(arg, scope, self.model),
                                       self.model, name)
                out.action_properties.append((name, holds))
                return
            fn, lvl = self.level(arg, scope)
            if lvl < 2:
                inv_name = arg.name if isinstance(arg, A.OpApp) and not arg.args else name
                evaluate = self.model.evaluator(fn, arg, scope, env, inv_name)
                out.invariants.append((inv_name, _state_pred(evaluate, inv_name)))
                return
            out.temporal.append((name, self.expander.expand(node, scope, dict(env))))
            return
        fn, lvl = self.level(node, scope)
        if lvl <= 1:
            evaluate = self.model.evaluator(fn, node, scope, env, name)
            out.init_properties.append((name, _state_pred(evaluate, name)))
        elif lvl == 3:
            out.temporal.append((name, self.expander.expand(node, scope, dict(env))))
        else:
            from tla.checker.setup import PlanError
            raise PlanError(2241, (name,))

    # ------------------------------------------------------------------ SPECIFICATION
    def next_entry(self, node, scope, env):
        """The definition named by the SPECIFICATION's one ``[][Next]_v`` when ``Next`` is a
        name without arguments (the relation the search enumerates), else None."""
        from tla.evaluator.compiler import canonical
        from tla.evaluator.scope import DefEntry
        boxes: list = []
        self._boxes(node, scope, env, boxes, 0)
        if len(boxes) != 1:
            return None
        action, bscope, benv = boxes[0]
        while isinstance(action, A.Label):
            action = action.body
        if benv or not isinstance(action, A.OpApp) or action.args:
            return None
        entry = bscope.lookup(canonical(action.name))
        return entry if type(entry) is DefEntry and entry.builtin is None else None

    def _boxes(self, node, scope, env, boxes: list, depth: int) -> None:
        """The ``[][A]_v`` conjuncts of a specification, as (A, scope, environment)."""
        while isinstance(node, A.Label):
            node = node.body
        if depth > 100:
            return
        ref = self.definition(node, scope, env)
        if ref is not None:
            _, body, dscope, denv = ref
            if self.level(node, scope)[1] >= 2:
                self._boxes(body, dscope, denv, boxes, depth + 1)
            return
        items = _conjuncts(node)
        if items is not None:
            for item in items:
                self._boxes(item, scope, env, boxes, depth + 1)
            return
        arg = _always_arg(node)
        if arg is not None:
            if isinstance(arg, A.BoxAction):
                boxes.append((arg.action, scope, env))

    def spec(self, node, scope, env, out: PropertyChecks) -> None:
        while isinstance(node, A.Label):
            node = node.body
        ref = self.definition(node, scope, env)
        if ref is not None:
            _, body, dscope, denv = ref
            _, lvl = self.level(node, scope)
            if lvl >= 2:
                self.spec(body, dscope, denv, out)
            return
        items = _conjuncts(node)
        if items is not None:
            for item in items:
                self.spec(item, scope, env, out)
            return
        arg = _always_arg(node)
        if arg is not None:
            if isinstance(arg, A.BoxAction):
                return                                  # the next-state relation
            out.assumptions.append(self.expander.expand(node, scope, dict(env)))
            return
        _, lvl = self.level(node, scope)
        if lvl == 3:
            out.assumptions.append(self.expander.expand(node, scope, dict(env)))


def _always_arg(node):
    """The argument of ``[]F`` (labels taken off), or None when ``node`` is not ``[]F``."""
    if isinstance(node, A.OpApp) and node.name == "[]" and len(node.args) == 1:
        arg = node.args[0]
        while isinstance(arg, A.Label):
            arg = arg.body
        return arg
    return None


def _conjuncts(node) -> Optional[list]:
    if isinstance(node, A.Junction) and node.kind == "/\\":
        return list(node.items)
    if isinstance(node, A.OpApp) and node.name in ("/\\", "\\land") and len(node.args) == 2:
        return list(node.args)
    return None


def classify_properties(model, names: list[str], spec: Optional[str]) -> PropertyChecks:
    """Sort the PROPERTY definitions ``names`` (and the SPECIFICATION's fairness)."""
    out = PropertyChecks()
    walker = _Walker(model)
    root = model.root_ns
    if spec is not None:
        walker.expander.next_entry = walker.next_entry(A.OpApp(spec), root, {})
    for name in names:
        walker.prop(name, A.OpApp(name), root, {}, out)
    if spec is not None and out.temporal:
        walker.spec(A.OpApp(spec), root, {}, out)
    return out


class InitialPropertyViolation(Exception):
    """An initial state falsifies a PROPERTY that is a state predicate (TLC 2108)."""

    def __init__(self, name: str, state):
        super().__init__(name)
        self.name = name
        self.state = state


def checked_initial(states, init_properties: list):
    """The initial states, each checked against ``init_properties`` once the search has
    taken it (so that its invariants are checked first, as TLC does)."""
    for state in states:
        yield state
        for name, holds in init_properties:
            if not holds(state):
                raise InitialPropertyViolation(name, state)
