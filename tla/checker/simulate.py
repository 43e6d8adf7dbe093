"""Random simulation of a model's behaviours, TLC's ``-simulate`` mode.

Takes: the initial states, the split next-state relation (one successor generator and one
label per action, in TLC's action order), the checks a cfg asks for (a
:class:`tla.checker.search.Checks`) and :class:`SimulationSettings` (seed, aril, depth,
number of behaviours). Gives: a :class:`SimulationOutcome` (counts, trace-length
statistics, the violation that stopped the simulation) and, through callbacks, every
violation, every finished behaviour and the periodic progress. Nothing is printed here;
``tla.tlc_compat.simulate_run`` renders TLC's messages.

The rules are TLC's (``tlc2.TLC``, ``tlc2.tool.Simulator``, ``SimulationWorker``,
``tlc2.util.RandomGenerator``):

* the random numbers are those of ``java.util.Random``: the main generator is seeded with
  the seed, then draws ``aril`` doubles; the (single) worker's generator is seeded with the
  main generator's first ``nextLong``. So a seed gives the same behaviours as TLC on the
  same model (same initial-state and action order);
* all initial states are generated and counted; each is checked against the invariants
  (error 2107) and must give every variable a value (2106); only those that satisfy the
  state constraints take part in behaviours;
* a behaviour starts in an initial state drawn at random (``floor(nextDouble() * n)``).
  At each step an action is drawn the same way and a prime ``p`` from TLC's table (primes
  1277011..1295953); actions are tried in the order ``i, i+p, i+2p, ...`` (mod the number
  of actions) until one has a successor within the model. Every successor of a tried
  action counts as generated and is checked at once: completely specified (2109), the
  invariants (2110), the action properties (2112). One of the successors within the model
  (state and action constraints) is drawn and becomes the next state. No successor at all
  is a deadlock (2114) when deadlocks are checked, else the behaviour ends;
* a behaviour has at most ``depth`` steps (``depth + 1`` states); ``depth`` None means no
  bound. After each behaviour that ended without error, the trace-length statistics are
  updated with ``min(depth, level)`` by Welford's method in TLC's integer arithmetic;
* the simulation ends after ``traces`` behaviours (None: never), at the first violation,
  or, with ``keep_going`` (``-continue``), only at the traces limit; evaluation errors,
  incompletely specified successors and invariant or action-property evaluation failures
  stop it even then;
* ``TLCGet("level")`` is the level of the state being extended (its successor's level for
  invariants and state constraints), ``TLCGet("diameter")`` the number of the current
  behaviour, and ``TLCGet("stats")`` TLC's record of simulation statistics.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from tla.checker.search import Checks, _has_hole
from tla.errors import EvalError

State = tuple

# --------------------------------------------------------------------------------------
# TLC's random numbers
# --------------------------------------------------------------------------------------

_MULTIPLIER = 0x5DEECE66D
_ADDEND = 0xB
_MASK48 = (1 << 48) - 1
#: TLC draws the stride between tried actions from the primes of this range
PRIME_RANGE = (1277011, 1295953)
_primes: list[int] = []


def stride_primes() -> list[int]:
    """The primes TLC's ``RandomGenerator.nextPrime`` draws from, in increasing order."""
    if not _primes:
        low, high = PRIME_RANGE
        sieve = bytearray([1]) * (high - low + 1)
        for d in range(2, math.isqrt(high) + 1):
            start = max(d * d, (low + d - 1) // d * d)
            sieve[start - low::d] = bytes(len(range(start - low, len(sieve), d)))
        _primes.extend(low + i for i, keep in enumerate(sieve) if keep)
    return _primes


def _signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


class JavaRandom:
    """``java.util.Random`` with TLC's ``RandomGenerator`` additions: ``aril`` counts the
    doubles drawn since the last seeding, ``next_prime`` draws a stride prime."""

    def __init__(self, seed: int, aril: int = 0):
        self.set_seed(seed)
        for _ in range(aril):
            self.next_double()

    def set_seed(self, seed: int) -> None:
        self._seed = (seed ^ _MULTIPLIER) & _MASK48
        self.aril = 0

    def _next(self, bits: int) -> int:
        self._seed = (self._seed * _MULTIPLIER + _ADDEND) & _MASK48
        return _signed(self._seed >> (48 - bits), 32)

    def next_long(self) -> int:
        return _signed((self._next(32) << 32) + self._next(32), 64)

    def next_double(self) -> float:
        self.aril += 1
        return ((self._next(26) << 27) + self._next(27)) * (1.0 / (1 << 53))

    def next_index(self, size: int) -> int:
        """``(int) Math.floor(nextDouble() * size)``."""
        return int(math.floor(self.next_double() * size))

    def next_prime(self) -> int:
        primes = stride_primes()
        index = len(primes)
        while index == len(primes):
            index = self.next_index(index)
        return primes[index]


def worker_seed(seed: int, aril: int = 0) -> int:
    """The seed of TLC's first (only) simulation worker for a run with ``-seed``/``-aril``."""
    return JavaRandom(seed, aril).next_long()


def random_seed() -> int:
    """A seed for a run without ``-seed``: TLC draws one from an unseeded generator."""
    import random
    return _signed(random.getrandbits(64), 64)


# --------------------------------------------------------------------------------------
# What a simulation is given and what it gives back
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SimulationSettings:
    """``-seed``, ``-aril``, ``-depth`` (None: unbounded) and ``num=`` (None: no limit)."""
    seed: int
    aril: int = 0
    depth: Optional[int] = 100
    traces: Optional[int] = None


@dataclass(frozen=True)
class SimulationAction:
    """One action of the split next-state relation: its label (what traces print) and
    ``successors(state)``, the list of its successor states in TLC's order."""
    label: Any
    successors: Callable[[State], Sequence[State]]


@dataclass(frozen=True)
class SimStep:
    """A state of a behaviour, the action that produced it, and its level (1 for the
    initial state)."""
    state: State
    label: Any
    level: int


@dataclass
class SimViolation:
    """What a behaviour violated. ``kind`` is one of ``invariant_initial``,
    ``unspecified_init``, ``init_error``, ``no_init``, ``no_init_in_model``, ``invariant``,
    ``action_property``, ``deadlock``, ``unspecified``, ``invariant_error``,
    ``action_property_error``, ``next_error``. ``steps`` is the behaviour up to and
    including the offending state; ``state`` that state (for the initial-state kinds);
    ``label`` the action of the last step; ``error`` the evaluation error, if any."""
    kind: str
    name: str = ""
    steps: list = field(default_factory=list)
    state: Optional[State] = None
    label: Any = None
    error: Optional[BaseException] = None

    #: violations after which TLC stops even with -continue
    FATAL = frozenset({"invariant_error", "action_property_error", "unspecified",
                       "next_error", "init_error", "invariant_initial", "unspecified_init",
                       "no_init", "no_init_in_model"})

    @property
    def fatal(self) -> bool:
        return self.kind in self.FATAL


@dataclass
class SimulationOutcome:
    """Counters of a simulation (TLC's ``numOfGenStates``, ``numOfGenTraces`` and the
    Welford accumulator of trace lengths, kept as TLC packs it: mean in the low 32 bits,
    M2 above)."""
    generated: int = 0
    traces: int = 0
    initial: int = 0
    welford: int = 0
    violation: Optional[SimViolation] = None
    violations_seen: int = 0
    interrupted: Optional[int] = None
    stopped_by_exit: bool = False
    seconds: float = 0.0

    @property
    def mean(self) -> int:
        """The mean trace length as TLC prints it (the low 32 bits, unsigned)."""
        return self.welford & 0xFFFFFFFF

    @property
    def m2(self) -> int:
        return self.welford >> 32

    @property
    def variance(self) -> int:
        return _java_round(self.m2 / (self.traces + 1.0))

    @property
    def deviation(self) -> int:
        return _java_round(math.sqrt(self.m2 / (self.traces + 1.0)))

    def add_trace_length(self, length: int) -> None:
        """Welford's update, in TLC's long arithmetic (the divisor is the number of
        behaviours begun so far)."""
        mean = _signed(self.welford, 32)
        m2 = self.welford >> 32
        delta = length - mean
        mean += _java_div(delta, max(self.traces, 1))
        m2 += delta * (length - mean)
        self.welford = ((m2 << 32) | (mean & 0xFFFFFFFF)) & 0xFFFFFFFFFFFFFFFF


def _java_div(a: int, b: int) -> int:
    """Java's integer division, which truncates towards zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _java_round(x: float) -> int:
    return int(math.floor(x + 0.5))


class _NoContext:
    __slots__ = ("level", "stats")

    def __init__(self) -> None:
        self.level = 0
        self.stats: dict = {}


class _Stop(Exception):
    """A violation inside a behaviour (carried out of the successor loop)."""

    def __init__(self, violation: SimViolation):
        super().__init__(violation.kind)
        self.violation = violation


# --------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------

class Simulator:
    """One simulation run (a single worker, as ``-workers 1``)."""

    PROGRESS_EVERY = 60.0

    def __init__(self, initial: Callable[[], Sequence[State]],
                 actions: Sequence[SimulationAction], checks: Checks,
                 settings: SimulationSettings, init_label: Any = None,
                 context: Any = None):
        self.initial = initial
        self.actions = list(actions)
        self.checks = checks
        self.settings = settings
        self.init_label = init_label
        self.context = context if context is not None else _NoContext()
        self.outcome = SimulationOutcome()
        self.rng = JavaRandom(worker_seed(settings.seed, settings.aril))
        #: called once the initial states are computed, with the number of them that take
        #: part in behaviours
        self.on_init_done: Optional[Callable[[SimulationOutcome, int], None]] = None
        #: called with every violation; with ``keep_going``, the simulation goes on after
        #: the recoverable ones
        self.on_violation: Optional[Callable[[SimViolation], None]] = None
        #: called with the steps and the 0-based number of every behaviour that ended
        #: without a violation (``-simulate file=``)
        self.on_trace: Optional[Callable[[list, int], None]] = None
        #: called every PROGRESS_EVERY seconds with the outcome so far
        self.on_progress: Optional[Callable[[SimulationOutcome], None]] = None
        #: polled after each step; True ends the simulation (``TLCSet("exit", TRUE)``)
        self.stop_requested: Optional[Callable[[], bool]] = None
        #: a ``tla.checker.interrupt.SearchControl`` polled after each step, or None
        self.control = None
        self._started = 0.0
        self._next_progress = 0.0

    # ------------------------------------------------------------------ the run
    def run(self) -> SimulationOutcome:
        self._started = time.monotonic()
        self._next_progress = self._started + self.PROGRESS_EVERY
        out = self.outcome
        try:
            inits = self._initial_states()
            if inits is None:
                return out
            if self.on_init_done is not None:
                self.on_init_done(out, len(inits))
            limit = self.settings.traces
            number = 0
            while limit is None or number < limit:
                out.traces += 1
                violation = self._behaviour(inits, number)
                number += 1
                if violation is not None and self._report(violation):
                    break
                if out.interrupted is not None or out.stopped_by_exit:
                    break
        finally:
            out.seconds = time.monotonic() - self._started
        return out

    def _report(self, violation: SimViolation) -> bool:
        """Record a violation; True when the simulation must stop."""
        out = self.outcome
        out.violations_seen += 1
        if self.checks.keep_going and not violation.fatal:
            if self.on_violation is not None:
                self.on_violation(violation)
            return False
        out.violation = violation
        return True

    def _initial_states(self) -> Optional[list]:
        out, checks, ctx = self.outcome, self.checks, self.context
        ctx.level = 0
        ctx.stats["diameter"] = 0
        self._publish({})
        try:
            states = list(self.initial())
        except EvalError as exc:
            out.violation = SimViolation("init_error", error=exc)
            return None
        out.generated = out.initial = len(states)
        inits = []
        for state in states:
            ctx.level = 1
            if _has_hole(state):
                out.violation = SimViolation("unspecified_init", state=state)
                return None
            try:
                for name, holds in checks.invariants:
                    if not holds(state):
                        out.violation = SimViolation("invariant_initial", name, state=state)
                        return None
                if all(c(state) for c in checks.constraints):
                    inits.append(state)
            except EvalError as exc:
                out.violation = SimViolation("init_error", state=state, error=exc)
                return None
        if not states:
            out.violation = SimViolation("no_init")
            return None
        if not inits:
            out.violation = SimViolation("no_init_in_model")
            return None
        return inits

    # ------------------------------------------------------------------ one behaviour
    def _behaviour(self, inits: list, number: int) -> Optional[SimViolation]:
        """Generate one behaviour; its violation, or None."""
        rng, ctx, out = self.rng, self.context, self.outcome
        ctx.stats["diameter"] = out.traces
        depth = self.settings.depth
        state = inits[rng.next_index(len(inits))]
        steps = [SimStep(state, self.init_label, 1)]
        taken: dict = {}
        self._publish(taken)
        actions = self.actions
        count = len(actions)
        step = 0
        while depth is None or step < depth:
            step += 1
            level = steps[-1].level
            index = rng.next_index(count)
            stride = rng.next_prime()
            candidates: list = []
            label = None
            try:
                for _ in range(count):
                    action = actions[index]
                    candidates = self._successors(steps, action)
                    if candidates:
                        label = action.label
                        break
                    index = (index + stride) % count
            except _Stop as stop:
                return stop.violation
            except EvalError as exc:
                return SimViolation("next_error", steps=steps, error=exc)
            if not candidates:
                if self.checks.check_deadlock:
                    return SimViolation("deadlock", steps=steps)
                break
            state = candidates[rng.next_index(len(candidates))]
            steps.append(SimStep(state, label, level + 1))
            name = getattr(label, "name", "Action")
            taken[name] = taken.get(name, 0) + 1
            self._publish(taken)
            if self._must_stop():
                return None
        out.add_trace_length(min(depth, steps[-1].level) if depth is not None
                             else steps[-1].level)
        if self.on_trace is not None:
            self.on_trace(steps, number)
        return None

    def _successors(self, steps: list, action: SimulationAction) -> list:
        """The successors of the last state of ``steps`` under ``action`` that lie within
        the model, every one of them counted and checked (raises _Stop on a violation)."""
        checks, ctx, out = self.checks, self.context, self.outcome
        current = steps[-1]
        state, level = current.state, current.level
        ctx.level = level
        generated = action.successors(state)
        within = []
        label = action.label
        for succ in generated:
            out.generated += 1

            def after(succ=succ):
                # the behaviour up to the offending successor (built only for a violation)
                return steps + [SimStep(succ, label, level + 1)]
            if _has_hole(succ):
                raise _Stop(SimViolation("unspecified", steps=after(), label=label))
            ctx.level = level + 1
            for name, holds in checks.invariants:
                try:
                    ok = holds(succ)
                except EvalError as exc:
                    raise _Stop(SimViolation("invariant_error", name, after(), error=exc))
                if not ok:
                    raise _Stop(SimViolation("invariant", name, after(), label=label))
            ctx.level = level
            for name, holds in checks.action_properties:
                try:
                    ok = holds(state, succ)
                except EvalError as exc:
                    raise _Stop(SimViolation("action_property_error", name, after(),
                                             error=exc))
                if not ok:
                    raise _Stop(SimViolation("action_property", name, after(), label=label))
            ctx.level = level + 1
            if not all(c(succ) for c in checks.constraints):
                continue
            ctx.level = level
            if all(c(state, succ) for c in checks.action_constraints):
                within.append(succ)
        ctx.level = level
        return within

    # ------------------------------------------------------------------ bookkeeping
    def _publish(self, taken: dict) -> None:
        """What ``TLCGet("stats")`` gives while this behaviour is generated; ``taken``
        counts the steps of the behaviour so far by action name."""
        out = self.outcome
        self.context.stats["stats"] = {
            "traces": out.traces,
            "duration": int(time.monotonic() - self._started),
            "generated": out.generated,
            "behavior": {"actions": taken, "id": out.traces},
            "worker": 0,
            "distinct": -1,
            "distinct_values": -1,
            "retries": -1,
            "actions": {},
            "level_mean": out.mean,
            "level_var": out.variance,
        }

    def _must_stop(self) -> bool:
        out = self.outcome
        control = self.control
        if control is not None and control.stop_signal is not None:
            out.interrupted = control.stop_signal
            return True
        if self.stop_requested is not None and self.stop_requested():
            out.stopped_by_exit = True
            return True
        if self.on_progress is not None:
            now = time.monotonic()
            if now >= self._next_progress:
                self.on_progress(out)
                self._next_progress = now + self.PROGRESS_EVERY
        return False
