"""Native operators of the TLCExt module (TLC's ``tlc2.module.TLCExt``).

Takes values, thunks (for the operators that must control evaluation: ``AssertError``,
``TLCDefer``) and the evaluator's :class:`~tla.evaluator.context.CallContext`; gives values.

TLC rules implemented: ``AssertEq(a, b)`` equals ``a = b`` and prints ``Assertion failed``,
``a`` and ``b`` when they differ; ``AssertError(err, exp)`` is TRUE iff evaluating ``exp``
fails with exactly the message ``err``; ``TLCModelValue(str)`` is the model value named
``str``; ``TLCGetOrDefault``/``TLCGetAndSet`` work on TLC's registers; ``TLCNoOp`` and
``TLCCache`` equal their first argument; ``TLCDefer`` evaluates its argument at once (in
breadth-first search TLC runs deferred expressions with the step that produced them) and
equals TRUE; ``PickSuccessor`` equals TRUE (pytlc has no interactive mode); ``TLCFP(v)`` is
the lower 32 bits of pytlc's fingerprint of ``v`` (not TLC's).

``Trace`` needs the behavior that leads to the current state: the checker supplies it as
``ctx.trace`` (a list of states, each a dict {variable: value}); without it, the current
state ``ctx.state`` alone is the trace. ``CounterExample`` is ``ctx.counterexample`` when the
checker set it (in a POSTCONDITION), otherwise the empty graph. ``TLCEvalDefinition(name)``
is the value of the root module's zero-arity definition ``name`` (in ``ctx.state`` when the
checker gives the current state).
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator.values import EMPTY, FSet, ModelValue, eq, fingerprint, make_record, pretty
from tla.modules.impl_common import TLCGET_UNDEFINED, as_fcn_map, one_argument_error
from tla.modules.impl_tlc import tlc_get, tlc_set
from tla.modules.registry import builtin


@builtin("TLCExt", "AssertEq", context=True)
def assert_eq(ctx, a, b):
    if eq(a, b):
        return True
    ctx.out(pretty("Assertion failed"))
    ctx.out(pretty(a))
    ctx.out(pretty(b))
    return False


@builtin("TLCExt", "AssertError", lazy=True)
def assert_error(err, exp):
    expected = err()
    try:
        exp()
    except EvalError as e:
        return type(expected) is str and e.message == expected
    return False


@builtin("TLCExt", "TLCEvalDefinition", context=True)
def tlc_eval_definition(ctx, name):
    # the zero-arity definition of the root module named by the string, evaluated in the
    # current state (ctx.state) when the checker gives one
    if type(name) is not str:
        raise one_argument_error("TLCEvalDefinition", "string", name)
    model = ctx.model
    if model is None or not model.has_definition(name) or model.definition_arity(name) != 0:
        raise one_argument_error("TLCEvalDefinition", "name of a zero-arity definition", name)
    state = None
    if ctx.state is not None:
        state = tuple(ctx.state.get(v) for v in model.variables)
    return model.evaluate(name, state)


@builtin("TLCExt", "TLCGetOrDefault", context=True)
def tlc_get_or_default(ctx, key, default):
    try:
        return tlc_get(ctx, key)
    except EvalError as e:
        if e.tlc_code == TLCGET_UNDEFINED:
            return default
        raise


@builtin("TLCExt", "TLCGetAndSet", context=True)
def tlc_get_and_set(ctx, key, op, val, default):
    old = tlc_get_or_default(ctx, key, default)
    tlc_set(ctx, key, op(old, val))
    return old


def _state_record(state: dict):
    return make_record(state.items())


@builtin("TLCExt", "Trace", context=True)
def trace(ctx):
    states = getattr(ctx, "trace", None)
    if states is None:
        if ctx.state is None:
            raise EvalError("Trace can only be evaluated in the scope of a behavior (a state "
                            "of the model being checked).")
        states = [ctx.state]
    return tuple(_state_record(s) for s in states)


@builtin("TLCExt", "CounterExample", context=True)
def counter_example(ctx):
    ce = getattr(ctx, "counterexample", None)
    if ce is not None:
        return ce
    return make_record([("action", EMPTY), ("state", EMPTY)])


@builtin("TLCExt", "ToTrace")
def to_trace(ce):
    m = as_fcn_map(ce)
    if m is None or "state" not in m:
        raise one_argument_error("ToTrace", "counterexample record", ce)
    pairs = FSet(m["state"]).sorted()
    return tuple(p[1] for p in pairs)


@builtin("TLCExt", "TLCModelValue")
def tlc_model_value(s):
    if type(s) is not str:
        raise one_argument_error("ModelValue", "string", s)
    return ModelValue(s)


@builtin("TLCExt", "TLCDefer", lazy=True)
def tlc_defer(expression):
    expression()
    return True


@builtin("TLCExt", "TLCNoOp")
def tlc_no_op(val):
    return val


@builtin("TLCExt", "PickSuccessor")
def pick_successor(exp):
    return True


@builtin("TLCExt", "TLCCache")
def tlc_cache(expression, closure):
    return expression


@builtin("TLCExt", "TLCFP")
def tlc_fp(var):
    low = fingerprint(var) & 0xFFFFFFFF
    return low - (1 << 32) if low >= 1 << 31 else low
