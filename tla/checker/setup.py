"""From a loaded spec and its cfg to what the search checks: the model's plan.

Takes the module tree (``tla.parser.loader``) and a :class:`~tla.tlc_compat.cfg.ModelConfig`
(the cfg is read by ``tla.tlc_compat``; this module only looks at its fields); gives a
:class:`Plan`: the evaluator's model with the cfg's constants bound, the initial predicate
and next-state relation, and the invariants, constraints and properties as predicates.

TLC's rules (``tlc2/tool/impl/SpecProcessor.java``, ``ModelConfig``):

* every CONSTANT of the root module must get a value (``=``) or a replacement (``<-``),
  else error 2222; ``<-`` must name a definition of the spec (2224);
* ``SPECIFICATION`` and ``INIT``/``NEXT`` exclude each other (2227); without a
  SPECIFICATION, INIT is required (2231); a SPECIFICATION formula is split into its initial
  predicate, ``[][Next]_vars`` and fairness/temporal conjuncts;
* names listed as INVARIANT, CONSTRAINT, ACTION_CONSTRAINT, PROPERTY, VIEW, ALIAS, SYMMETRY,
  POSTCONDITION must be defined (2229); an invariant that is constantly FALSE is reported
  (2230);
* PROPERTY entries are sorted by ``tla.checker.properties`` (TLC's processConfigProps):
  state predicates are checked on initial states, ``[]P`` as invariants, ``[][A]_v`` on
  every step, the rest by liveness checking (``tla.checker.liveness``).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from tla.records import field, mutable_record
from tla.errors import ModelError, Span


class PlanError(ModelError):
    """A cfg that does not fit the spec. ``code`` is TLC's message code (2222, 2229, ...)
    and ``params`` its parameters, so the CLI prints TLC's exact words."""

    def __init__(self, code: int, params: tuple = (), message: str = "",
                 span: Span | None = None):
        super().__init__(message or f"TLC error {code}: {params}", span)
        self.code = code
        self.params = tuple(str(p) for p in params)


class Unsupported(ModelError):
    """The cfg asks for something pytlc cannot do yet; said plainly, never skipped."""


@mutable_record
class Plan:
    model: Any
    init: Any = None
    next: Any = None
    invariants: list[tuple[str, Callable]] = field(default_factory=list)
    constraints: list[Callable] = field(default_factory=list)
    action_constraints: list[Callable] = field(default_factory=list)
    action_properties: list[tuple[str, Callable]] = field(default_factory=list)
    #: PROPERTY parts that are state predicates: checked on every initial state (TLC 2108)
    state_properties: list[tuple[str, Callable]] = field(default_factory=list)
    view: Optional[Callable] = None
    alias: Optional[Callable] = None
    symmetry: Any = None
    postconditions: list[tuple[str, Callable]] = field(default_factory=list)
    check_deadlock: bool = True
    #: the SPECIFICATION's fairness conditions and other temporal conjuncts: assumptions
    #: about behaviours, which only liveness checking uses
    fairness: list = field(default_factory=list)
    temporal: list = field(default_factory=list)
    #: PROPERTY parts that need liveness checking, [(name, formula)], and the
    #: SPECIFICATION's fairness as formulas (``tla.checker.properties``)
    temporal_properties: list = field(default_factory=list)
    liveness_assumptions: list = field(default_factory=list)


def cfg_value(value) -> Any:
    """A cfg value (``tla.tlc_compat.cfg``'s CfgInt/CfgStr/CfgBool/CfgModelValue/CfgSet) as
    an evaluator value."""
    from tla.evaluator import values as V
    kind = type(value).__name__
    if kind == "CfgInt" or kind == "CfgStr":
        return value.value
    if kind == "CfgBool":
        return bool(value.value)
    if kind == "CfgModelValue":
        return V.ModelValue(value.name)
    if kind == "CfgSet":
        return V.FSet(cfg_value(v) for v in value.elements)
    if kind == "OperatorTable":
        return V.ConstantOperator(value.name, [(tuple(cfg_value(a) for a in args), cfg_value(v))
                                               for args, v in value.rows])
    raise TypeError(f"not a cfg value: {value!r}")


def bind_model(tree, cfg, ctx=None):
    """The evaluator's model of ``tree`` with the cfg's CONSTANT section applied.

    Raises :class:`PlanError` 2222 for a declared constant the cfg leaves without value.
    """
    from tla.evaluator import values as V
    from tla.evaluator.model import build_model
    V.seed_intern(cfg.model_values)
    constants: dict[str, Any] = {}
    substitutions: dict[str, str] = {}
    module_substitutions: dict[tuple[str, str], str] = {}
    try:
        # keys are names, or (Mod, name) for lhs = [Mod] value; F(a, b) = v lines make a
        # ConstantOperator, as TLC's makeConstantTable does
        values = cfg.constant_values()
    except ModelError as exc:       # lines F(...) = v with different numbers of arguments
        raise PlanError(exc.code, exc.params) from None
    for key, value in values.items():
        constants[key] = cfg_value(value)
    for sub in cfg.substitutions:
        if sub.module:
            module_substitutions[(sub.module, sub.name)] = sub.target
        else:
            substitutions[sub.name] = sub.target
    model = build_model(tree, constants, substitutions, module_substitutions, ctx)
    for name in model.unassigned_constants():
        raise PlanError(2222, (name,))
    for name, target in substitutions.items():
        if not model.has_definition(target):
            raise PlanError(2224, (name, target))
    return model


def _require(model, kind: str, name: str) -> None:
    if not model.has_definition(name):
        raise PlanError(2229, (kind, name))


def make_plan(model, cfg, check_deadlock: bool = True) -> Plan:
    """What to search and check, from the cfg (TLC's ``SpecProcessor`` rules above)."""
    plan = Plan(model)
    if cfg.specification is not None and (cfg.init is not None or cfg.next is not None):
        raise PlanError(2227)
    if cfg.specification is not None:
        _require(model, "specification", cfg.specification.name)
        parts = model.split_spec(cfg.specification.name)
        from tla.parser import ast as A
        if any(isinstance(node, A.TemporalQuant) for node in parts.temporal):
            raise PlanError(2301)       # \AA, \EE: TLC's processConfigSpec refuses them
        plan.init, plan.next = parts.init, parts.next
        if parts.init is None:
            raise PlanError(2231)
        plan.fairness = list(parts.fairness)
        plan.temporal = list(parts.temporal)
    else:
        if cfg.init is None:
            if not model.variables and cfg.next is None:
                # A spec of constants only: its ASSUMEs are all there is to check.
                return _finish_plan(plan, model, cfg, check_deadlock)
            raise PlanError(2231)
        _require(model, "initial predicate", cfg.init.name)
        plan.init = cfg.init.name
        if cfg.next is not None:
            _require(model, "next-state relation", cfg.next.name)
            plan.next = cfg.next.name
    return _finish_plan(plan, model, cfg, check_deadlock)


def _not_boolean(name: str, v) -> None:
    from tla.errors import EvalError
    from tla.evaluator.values import pretty
    raise EvalError(f"The invariant {name} is not a boolean; it evaluated to\n{pretty(v)}")


def _replacer(entries: list, named: bool):
    """``install(old, new)`` putting ``new`` in place of the predicate ``old`` in
    ``entries`` (``(name, predicate)`` pairs when ``named``), where ``old`` still is."""
    def install(old, new):
        for i, entry in enumerate(entries):
            if (entry[1] if named else entry) is old:
                entries[i] = (entry[0], new) if named else new
                return
    return install


def _finish_plan(plan: Plan, model, cfg, check_deadlock: bool) -> Plan:
    from tla.evaluator.compiler import EMPTY_ENV

    def state_pred(name, every_state: bool, install):
        """``holds(state)``; remembered by the variables it reads (``tla.checker.recall``)
        where states that agree on them can come again: when it reads some variables only,
        or, for a constraint (``every_state``: evaluated on every successor), any. At the
        end of the warm-up, ``install`` puts the function then made in the plan's list in
        place of the warming one (the search reads its lists afresh for every state)."""
        fn = model.compile(name)

        def holds(state, fn=fn, name=name):
            v = fn(state, None, EMPTY_ENV)
            if v is True or v is False:
                return v
            _not_boolean(name, v)

        def remembering():
            # asked after the model's warm-up: the generated code is written by now, and
            # is called directly from here on (the reference where it raises)
            fast, reference = model.whole_state_code(name)
            if fast is None:
                checked = holds
            else:
                def checked(state, fast=fast, reference=reference, name=name):
                    try:
                        v = fast(state)
                    except Exception:
                        v = reference(state, None, EMPTY_ENV)
                    if v is True or v is False:
                        return v
                    _not_boolean(name, v)
            reads = model.state_reads(name)
            if reads is not None and (every_state or len(reads) < len(model.variables)):
                from tla.checker.recall import remember_by_reads
                return remember_by_reads(checked, reads)
            return checked
        from tla.evaluator.model import after_warmup
        # the compiled predicate's own warm-up (none without generated code)
        return after_warmup(holds, remembering, getattr(fn, "warmup", 0), install)

    def action_pred(name):
        fn = model.compile(name)

        def holds(s, t, fn=fn):
            return fn(s, t, EMPTY_ENV) is True
        return holds

    for entry in cfg.invariants:
        _require(model, "invariant", entry.name)
        plan.invariants.append((entry.name, state_pred(
            entry.name, False, _replacer(plan.invariants, named=True))))
    for entry in cfg.constraints:
        _require(model, "constraint", entry.name)
        plan.constraints.append(state_pred(
            entry.name, True, _replacer(plan.constraints, named=False)))
    for entry in cfg.action_constraints:
        _require(model, "action constraint", entry.name)
        plan.action_constraints.append(action_pred(entry.name))
    if cfg.properties:
        from tla.checker.properties import classify_properties
        for entry in cfg.properties:
            _require(model, "property", entry.name)
        spec = cfg.specification.name if cfg.specification is not None else None
        props = classify_properties(model, [e.name for e in cfg.properties], spec)
        plan.state_properties.extend(props.init_properties)
        plan.invariants.extend(props.invariants)
        plan.action_properties.extend(props.action_properties)
        plan.temporal_properties.extend(props.temporal)
        plan.liveness_assumptions.extend(props.assumptions)
    if cfg.view is not None:
        _require(model, "view", cfg.view.name)
        fn = model.compile(cfg.view.name)
        plan.view = lambda state, fn=fn: fn(state, None, EMPTY_ENV)
    if cfg.alias is not None:
        _require(model, "alias", cfg.alias.name)
        fn = model.compile(cfg.alias.name)
        plan.alias = lambda s, t, fn=fn: fn(s, t, EMPTY_ENV)
    if cfg.symmetry is not None:
        _require(model, "symmetry", cfg.symmetry.name)
        plan.symmetry = model.eval_function(cfg.symmetry.name)
    for entry in cfg.postconditions:
        _require(model, "postcondition", entry.name)
        fn = model.compile(entry.name)
        plan.postconditions.append((entry.name, lambda fn=fn: fn(None, None, EMPTY_ENV)))
    deadlock = cfg.check_deadlock if cfg.check_deadlock is not None else True
    plan.check_deadlock = check_deadlock and deadlock
    return plan
