"""Native operators of the TLC module (TLC's ``tlc2.module.TLC`` and ``TLCGetSet``).

Takes values (and, for the operators with effects, the evaluator's
:class:`~tla.evaluator.context.CallContext`); gives values.

TLC rules implemented:

* ``Print(out, val)`` writes ``ppr(out) + "  " + ppr(val)`` and equals ``val``; ``PrintT(out)``
  writes ``ppr(out)`` and equals TRUE (through ``ctx.out``);
* ``Assert(val, out)`` equals TRUE when ``val`` is TRUE, otherwise raises
  :class:`~tla.errors.AssertionFailure` with TLC's message (EC 2132);
* ``TLCGet(i)`` / ``TLCSet(i, v)``: registers ``i >= 0`` (``TLCGet`` of an unset register:
  ``TLCGet(i) was undefined.``); ``TLCGet("level")`` is the level of the current state (0 in
  ASSUME and Init), ``"diameter" "distinct" "generated" "queue" "duration"`` come from
  ``ctx.stats``, ``"stats"`` is all of them as a record (TLC's field order),
  ``"config"`` the record of a breadth-first run (``mode``, ``deadlock``, ``worker``,
  ``seed``, ``fingerprint``, ``install``) with the fields of ``ctx.config`` overriding and
  adding (in simulation, mode ``"simulate"``/``"generate"``, only ``ctx.config``'s fields;
  ``"stats"`` is then the record the simulator keeps in ``ctx.stats["stats"]``),
  ``"-Dname"`` the Java system property ``name`` from
  ``ctx.config["properties"]`` (a dict; an unset property reads as the key itself, as
  Java's ``System.getProperty(name, key)``, and ``TLCSet("-Dname", v)`` sets it to the
  printed ``v``), ``"revision"`` a record describing pytlc, ``"action"`` the
  [name, location, context] record of ``ctx.action`` (TLC's dummy ``UnnamedAction`` when
  the checker gives none, as TLC in breadth-first search), ``"all"`` each register's
  value per worker (one worker: ``[i |-> <<TLCGet(i)>>]``), ``"spec"`` the record of
  ``ctx.spec`` (undefined when the checker gives none); any other
  key that the checker put into ``ctx.stats`` or ``ctx.config`` is returned as is.
  ``TLCSet("exit", TRUE)`` stores
  ``True`` under the key ``"exit"`` in ``ctx.registers`` (the checker stops when it sees it),
  ``TLCSet("pause", b)`` does nothing;
* ``d :> e``, ``f @@ g`` (``f`` wins on common arguments), ``Permutations(S)`` (all
  bijections of a finite set), ``SortSeq(s, Op)`` with TLC's insertion sort (an element
  moves before its predecessor while ``Op(elem, pred)`` holds);
* ``RandomElement(S)``: pseudo-random, but reproducible: the choice depends only on ``S``
  and the current state, as TLC's does in breadth-first search;
* ``Any`` contains every value; ``ToString(v)`` is TLC's one-line text of ``v``;
  ``TLCEval(v)`` enumerates lazy sets and functions; ``JavaTime`` is the wall clock in
  milliseconds modulo 2^31.
"""
from __future__ import annotations

import time
from itertools import permutations as _permutations

from tla.errors import AssertionFailure, EvalError
from tla.evaluator.values import (
    FcnSet, FSet, Interval, LazyFcn, LazySet, ProductSet, RecordSet, SetBase, fingerprint,
    format_value, make_fcn, make_record, pretty,
)
from tla.modules.impl_common import (
    TLCGET_UNDEFINED, applying_error, argument_error, as_fcn_map, as_seq, one_argument_error,
    set_elements,
)
from tla.modules.registry import builtin

_STARTED = time.time()
_STAT_KEYS = ("diameter", "distinct", "generated", "queue", "duration")
#: the fields of TLCGet("stats") in TLC's order (breadth-first search)
_STATS_ORDER = ("queue", "distinct", "generated", "diameter", "duration")
#: TLCGet("config") of a breadth-first run, before ctx.config overrides fields
_CONFIG_DEFAULTS = {"mode": "bfs", "deadlock": True, "worker": 1, "seed": "0",
                    "fingerprint": "0", "install": ""}


@builtin("TLC", "Print", context=True)
def print_(ctx, out, val):
    ctx.out(pretty(out) + "  " + pretty(val))
    return val


@builtin("TLC", "PrintT", context=True)
def print_t(ctx, out):
    ctx.out(pretty(out))
    return True


@builtin("TLC", "Assert")
def assert_(val, out):
    if val is True:
        return True
    shown = pretty(out)
    raise AssertionFailure("The first argument of Assert evaluated to FALSE; the second "
                           f"argument was:\n{shown}", value=shown)


@builtin("TLC", "JavaTime")
def java_time():
    return int(time.time() * 1000) & 0x7FFFFFFF


# --------------------------------------------------------------------------------------
# Registers and facts about the run
# --------------------------------------------------------------------------------------

def _to_value(x):
    """A TLA+ value for the Python data the checker keeps in ``ctx.stats``/``ctx.config``."""
    if isinstance(x, dict):
        return make_record((k, _to_value(v)) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return tuple(_to_value(v) for v in x)
    if isinstance(x, (set, frozenset)) and not isinstance(x, SetBase):
        return FSet(_to_value(v) for v in x)
    if isinstance(x, float):
        return int(x)
    return x


def _undefined(key) -> EvalError:
    return EvalError(f"TLCGet({key}) was undefined.", tlc_code=TLCGET_UNDEFINED)


def _stat(ctx, key: str):
    if key == "duration" and key not in ctx.stats:
        return int(time.time() - _STARTED)
    if key not in ctx.stats:
        raise _undefined(key)
    return _to_value(ctx.stats[key])


def _location_record(span) -> object:
    """TLC's RecordValue(Location): beginLine, beginColumn, endLine, endColumn, module;
    TLC's null location (line 0 of "--TLA+ BUILTINS--") when ``span`` is None."""
    if span is None:
        return make_record([("beginLine", 0), ("beginColumn", 0), ("endLine", 0),
                            ("endColumn", 0), ("module", "--TLA+ BUILTINS--")])
    return make_record([("beginLine", span.line), ("beginColumn", span.col),
                        ("endLine", span.end_line), ("endColumn", span.end_col),
                        ("module", span.module)])


def _action_record(action) -> object:
    """TLCGet("action"): [name, location, context] of the action that produced the current
    state (``ctx.action``: an object with ``name``, ``span`` and ``context``, a dict of
    parameter values). TLC knows it only with -simulate or -debugger; otherwise, as here
    when the checker gives none, it is its dummy action ``UnnamedAction``."""
    if action is None:
        return make_record([("name", "UnnamedAction"), ("location", _location_record(None)),
                            ("context", make_record([]))])
    return make_record([("name", action.name), ("location", _location_record(action.span)),
                        ("context", make_record(list(action.context.items())))])


def _spec_record(spec: dict) -> object:
    """TLCGet("spec"): the parts of the behaviour spec (``ctx.spec``: a dict from TLC's
    field names, ``inits``, ``actions``, ``temporals``, ``invariants``, ``impliedinits``,
    ``impliedtemporals``, ``variables``, ``actionconstraints``, ``constraints``,
    ``impliedactions``, to lists of objects with ``name`` and ``span``) as TLC's record of
    sets of [name, location] records."""
    fields = []
    for key in _SPEC_FIELDS:
        parts = spec.get(key, ())
        fields.append((key, FSet(make_record([("name", p.name),
                                              ("location", _location_record(p.span))])
                                 for p in parts)))
    return make_record(fields)


#: the fields of TLCGet("spec") in the order TLC builds its record
_SPEC_FIELDS = ("inits", "actions", "temporals", "invariants", "impliedinits",
                "impliedtemporals", "variables", "actionconstraints", "constraints",
                "impliedactions")


@builtin("TLC", "TLCGet", context=True)
def tlc_get(ctx, i):
    if type(i) is int and i >= 0:
        if i not in ctx.registers:
            raise _undefined(i)
        return ctx.registers[i]
    if type(i) is str:
        if i == "level":
            return ctx.level
        if i in _STAT_KEYS:
            return _stat(ctx, i)
        if i == "stats":
            if "stats" in ctx.stats:         # the simulator keeps TLC's record of its own
                return _to_value(ctx.stats["stats"])
            fields = [(k, _to_value(ctx.stats.get(k, 0))) for k in _STATS_ORDER]
            fields[-1] = ("duration", _stat(ctx, "duration"))
            return make_record(fields)
        if i == "config":
            simulating = ctx.config.get("mode") in ("simulate", "generate")
            cfg = {} if simulating else dict(_CONFIG_DEFAULTS)
            cfg.update((k, v) for k, v in ctx.config.items() if k != "properties")
            return _to_value(cfg)
        if i.startswith("-D"):
            # System.getProperty(name, key): an unset property reads as the key itself
            props = ctx.config.get("properties") or {}
            return _to_value(props[i[2:]]) if i[2:] in props else i
        if i == "action":
            return _action_record(ctx.action)
        if i == "all":
            return make_fcn({k: (v,) for k, v in ctx.registers.items() if type(k) is int})
        if i == "spec":
            if ctx.spec is None:
                raise _undefined(i)
            return _spec_record(ctx.spec)
        if i == "revision":
            return make_record([("count", 0), ("timestamp", int(_STARTED)),
                                ("date", time.strftime("%Y-%m-%dT%H:%M:%S.0Z",
                                                       time.gmtime(_STARTED))),
                                ("tag", "pytlc")])
        if i in ctx.stats:
            return _to_value(ctx.stats[i])
        if i in ctx.config:
            return _to_value(ctx.config[i])
        raise _undefined(i)
    raise one_argument_error("TLCGet", "nonnegative integer", i)


@builtin("TLC", "TLCSet", context=True)
def tlc_set(ctx, i, v):
    if type(i) is int and i >= 0:
        ctx.registers[i] = v
        return True
    if i == "exit":
        if v is True:
            ctx.registers["exit"] = True
        return True
    if i == "pause":
        return True
    if type(i) is str and i.startswith("-D"):
        # System.setProperty(name, val.toString())
        ctx.config.setdefault("properties", {})[i[2:]] = format_value(v)
        return True
    raise argument_error("first", "TLCSet", "nonnegative integer", i)


# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

@builtin("TLC", ":>")
def make_single(d, e):
    return make_fcn({d: e})


@builtin("TLC", "@@")
def combine(f, g):
    m1 = as_fcn_map(f)
    if m1 is None:
        raise argument_error("first", "@@", "function", f)
    m2 = as_fcn_map(g)
    if m2 is None:
        raise argument_error("second", "@@", "function", g)
    merged = dict(m2)
    merged.update(m1)
    return make_fcn(merged)


@builtin("TLC", "Permutations")
def permutations(s):
    elems = set_elements(s)
    if elems is None:
        raise applying_error("Permutations", "a finite set", s)
    return FSet(make_fcn(dict(zip(elems, p))) for p in _permutations(elems))


@builtin("TLC", "SortSeq")
def sort_seq(s, op):
    seq = as_seq(s)
    if seq is None:
        raise argument_error("first", "SortSeq", "natural number", s)
    out: list = []
    for x in seq:
        j = len(out)
        out.append(x)
        while j > 0:
            r = op(x, out[j - 1])
            if type(r) is not bool:
                raise argument_error("second", "SortSeq", "boolean function", r)
            if not r:
                break
            out[j] = out[j - 1]
            j -= 1
        out[j] = x
    return tuple(out)


# --------------------------------------------------------------------------------------
# Choice and evaluation
# --------------------------------------------------------------------------------------

def state_seed(ctx, *values) -> int:
    """A seed that depends only on ``values`` and the current state: runs repeat."""
    h = 0
    if ctx is not None and ctx.state:
        for name in sorted(ctx.state):
            h = (h * 1000003) ^ fingerprint(name) ^ fingerprint(ctx.state[name])
    for v in values:
        # A lazy set is identified by its text, which never enumerates a large set.
        part = fingerprint(format_value(v)) if isinstance(v, LazySet) else fingerprint(v)
        h = (h * 1000003) ^ part
    return h & 0xFFFFFFFFFFFFFFFF


def _random_member(rng, s, whole):
    """A random element of ``s``, drawn component-wise for sets of functions, records and
    tuples and for intervals (as TLC does), so that they are never enumerated."""
    t = type(s)
    if t is FcnSet:
        dom = set_elements(s.dom)
        if dom is None:
            raise applying_error("RandomElement", "a finite set", whole)
        return make_fcn({d: _random_member(rng, s.rng, whole) for d in dom})
    if t is RecordSet:
        return make_record((n, _random_member(rng, f, whole)) for n, f in s.fields)
    if t is ProductSet:
        return tuple(_random_member(rng, f, whole) for f in s.sets)
    if t is Interval:
        if s.hi < s.lo:
            raise applying_error("RandomElement", "a finite set", whole)
        return rng.randint(s.lo, s.hi)
    elems = set_elements(s)
    if not elems:
        raise applying_error("RandomElement", "a finite set", whole)
    return rng.choice(elems)


# constant-level, as SANY sees TLC.tla's RandomElement: a constant definition using it is
# evaluated once, as TLC's SpecProcessor precomputes constant definitions (a spec picks
# its random graph once per run this way)
@builtin("TLC", "RandomElement", context=True, constant=True)
def random_element(ctx, s):
    import random                  # only for specs that use RandomElement (start-up)
    return _random_member(random.Random(state_seed(ctx, s)), s, s)


class AnySet(LazySet):
    """TLC's ``Any``: a set of which every value is a member."""
    __slots__ = ()

    def contains(self, v) -> bool:
        return True

    def is_enumerable(self) -> bool:
        return False

    def tlc_text(self) -> str:
        return "Any"


ANY = AnySet()


@builtin("TLC", "Any")
def any_():
    return ANY


@builtin("TLC", "ToString")
def to_string(v):
    return format_value(v)


@builtin("TLC", "TLCEval")
def tlc_eval(v):
    if isinstance(v, LazySet) and v.is_enumerable():
        return v.elements()
    if type(v) is LazyFcn and v.dom.is_enumerable():
        return v.materialize()
    return v


__all__ = ["ANY", "AnySet", "state_seed"]
