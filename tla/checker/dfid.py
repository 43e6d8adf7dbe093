"""Depth-first iterative deepening, TLC's ``-dfid N`` search.

Takes: the initial states, the successor function (``successors(state, level)`` yielding
``(state, label)`` pairs in TLC's order), the checks of a cfg (a
:class:`tla.checker.search.Checks`) and the deepest level ``N``. Gives: a
:class:`DFIDOutcome` (states generated, distinct states, the levels started, the violation
that stopped the search with the path to it) and, through callbacks, the start of each level
and the violations reported with ``-continue``. Nothing is printed here;
``tla.tlc_compat.dfid_run`` renders TLC's messages.

The rules are TLC's (``tlc2.tool.DFIDModelChecker``, ``DFIDWorker``, ``fp.dfid.FPIntSet``):

* every state found is kept with a status: the iteration in which it was first found, a
  *done* bit and a *leveled* bit. Each iteration flips the meaning of the leveled bit, so
  that a state found or finished in the current iteration counts as *completed* for it;
* iteration ``L`` (``L = 2, 3, ..., N``) runs a depth-first search from every initial state
  not yet completed, to depth ``L``: the successors of a state are all generated (and
  counted), those within the model are recorded, and the search descends into a recorded
  successor that is not completed and was first found in a later iteration than the
  current depth; a state with no such successor is marked leveled and the search backs up;
* invariants are checked on every newly found state (and on successors outside the model),
  action properties on every step; a state with no successor at all is a deadlock;
* a state becomes done when all its successors are done, or when it is at the depth bound
  and none of its successors was new in this iteration;
* the search ends after an iteration that found no new state at its depth bound (then it is
  complete: success), at the first violation, or after iteration ``N`` (incomplete; TLC then
  reports neither success nor an error). With ``N`` < 2 no iteration runs.

TLC picks initial states and successors at random with an unseeded generator, so its
numbers of generated states may differ from run to run; pytlc always takes the first one
in TLC's order, so its runs are reproducible (the distinct states found are the same).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from tla.checker.search import Checks, _has_hole
from tla.errors import EvalError

State = tuple

_DONE = 1
_LEVELED = 2


@dataclass
class DFIDViolation:
    """``kind``: ``invariant_initial``, ``unspecified_init``, ``init_error``, ``invariant``,
    ``action_property``, ``deadlock``, ``unspecified``, ``invariant_error``,
    ``action_property_error``, ``next_error``. ``steps`` is the path as ``(state, label)``
    pairs, the offending state last (the initial state's label is None)."""
    kind: str
    name: str = ""
    steps: list = field(default_factory=list)
    error: Optional[BaseException] = None


@dataclass
class DFIDOutcome:
    generated: int = 0
    distinct: int = 0
    initial: int = 0
    complete: bool = False
    violation: Optional[DFIDViolation] = None
    violations_seen: int = 0
    interrupted: Optional[int] = None
    seconds: float = 0.0


class _Stop(Exception):
    def __init__(self, violation: DFIDViolation):
        super().__init__(violation.kind)
        self.violation = violation


class _Statuses:
    """TLC's ``FPIntSet``: per state key, (first iteration << 2) | leveled | done."""

    def __init__(self) -> None:
        self.status: dict = {}
        self.level = 1
        self.leveled = 0

    def next_iteration(self) -> None:
        self.level += 1
        self.leveled = _LEVELED - self.leveled

    def completed(self, status: int) -> bool:
        return (status & _LEVELED) == self.leveled or (status & _DONE) == _DONE

    def leaf(self, status: Optional[int]) -> bool:
        return status is None or (status >> 2) == self.level

    def add(self, key) -> Optional[int]:
        """Record ``key``; its status before (None when it is new)."""
        old = self.status.get(key)
        if old is None:
            self.status[key] = (self.level << 2) | self.leveled
        return old

    def set_done(self, key) -> None:
        self.status[key] |= _DONE

    def set_leveled(self, key) -> None:
        self.status[key] = (self.status[key] & ~_LEVELED) | self.leveled


class DFIDSearch:
    """One ``-dfid`` run to depth ``max_level``."""

    PROGRESS_EVERY = 60.0

    def __init__(self, initial: Callable[[], Iterable[State]],
                 successors: Callable[[State, int], Iterable[tuple[State, Any]]],
                 checks: Checks, max_level: int, context: Any = None):
        self.initial = initial
        self.successors = successors
        self.checks = checks
        self.max_level = max_level
        self.context = context
        self.outcome = DFIDOutcome()
        self.statuses = _Statuses()
        #: called at the start of each iteration with its level and the outcome so far
        self.on_level: Optional[Callable[[int, DFIDOutcome], None]] = None
        #: called once the initial states are done
        self.on_init_done: Optional[Callable[[DFIDOutcome], None]] = None
        #: called with each violation -continue goes on after
        self.on_violation: Optional[Callable[[DFIDViolation], None]] = None
        #: called every PROGRESS_EVERY seconds with the outcome so far
        self.on_progress: Optional[Callable[[DFIDOutcome], None]] = None
        #: a ``tla.checker.interrupt.SearchControl`` polled at each state, or None
        self.control = None
        self._next_progress = 0.0

    def _key(self, state: State):
        return self.checks.key(state) if self.checks.key is not None else state

    def _set_level(self, level: int) -> None:
        if self.context is not None:
            self.context.level = level

    # ------------------------------------------------------------------ the run
    def run(self) -> DFIDOutcome:
        started = time.monotonic()
        self._next_progress = started + self.PROGRESS_EVERY
        out = self.outcome
        try:
            inits = self._initial_states()
            if inits is None:
                return out
            if self.on_init_done is not None:
                self.on_init_done(out)
            complete = False
            for level in range(2, self.max_level + 1):
                if self.on_level is not None:
                    self.on_level(level, out)
                self.statuses.next_iteration()
                more = self._iteration(inits, level)
                if out.violation is not None or out.interrupted is not None:
                    return out
                if not more:
                    complete = True
                    break
            out.complete = complete
        except _Stop as stop:
            out.violation = stop.violation
        finally:
            out.distinct = len(self.statuses.status)
            out.seconds = time.monotonic() - started
        return out

    def _report(self, violation: DFIDViolation) -> None:
        """A violation: stop, or with -continue report it and go on."""
        self.outcome.violations_seen += 1
        recoverable = violation.kind in ("invariant", "action_property")
        if self.checks.keep_going and recoverable:
            if self.on_violation is not None:
                self.on_violation(violation)
            return
        raise _Stop(violation)

    def _initial_states(self) -> Optional[list]:
        out, checks, statuses = self.outcome, self.checks, self.statuses
        self._set_level(0)
        try:
            states = list(self.initial())
        except EvalError as exc:
            out.violation = DFIDViolation("init_error", error=exc)
            return None
        out.generated = len(states)
        inits = []
        self._set_level(1)
        try:
            for state in states:
                if _has_hole(state):
                    out.violation = DFIDViolation("unspecified_init", steps=[(state, None)])
                    return None
                new = True
                if all(c(state) for c in checks.constraints):
                    key = self._key(state)
                    new = statuses.add(key) is None
                    if new:
                        inits.append((state, key))
                if new:
                    for name, holds in checks.invariants:
                        if not holds(state):
                            violation = DFIDViolation("invariant_initial", name, [(state, None)])
                            if not checks.keep_going:
                                out.violation = violation
                                return None
                            out.violations_seen += 1
                            if self.on_violation is not None:
                                self.on_violation(violation)
        except EvalError as exc:
            out.violation = DFIDViolation("init_error", error=exc)
            return None
        out.initial = len(inits)
        out.distinct = len(statuses.status)
        return inits

    # ------------------------------------------------------------------ one iteration
    def _iteration(self, inits: list, to_level: int) -> bool:
        """The depth-first searches of iteration ``to_level`` (TLC's ``DFIDWorker.run``):
        from each initial state not yet completed, descend while there is a successor to
        explore, back up when there is none. True when some explored state had a successor
        found in this iteration (so a deeper iteration can find more)."""
        statuses = self.statuses
        pending = list(inits)
        more = False
        while True:
            while pending and statuses.completed(statuses.status[pending[0][1]]):
                pending.pop(0)
            if not pending or self._stopped():
                return more
            state, key = pending[0]
            leaf = to_level < 2
            succs, no_leaf = self._expand([(state, None)], state, key, 1, leaf)
            more = more or not no_leaf
            stack = [(state, key, None, succs)]
            while not leaf:
                if self._stopped():
                    return more
                depth = len(stack)
                choice = self._next(stack[-1][3], depth)
                if choice is None:
                    # nothing left to explore from here at this level: back up
                    statuses.set_leveled(stack[-1][1])
                    if depth == 1:
                        break
                    stack.pop()
                    continue
                succ, skey, label = choice
                leaf = depth >= to_level - 1
                path = [(s, lab) for s, _, lab, _ in stack] + [(succ, label)]
                succs, no_leaf = self._expand(path, succ, skey, depth + 1, leaf)
                more = more or not no_leaf
                stack.append((succ, skey, label, succs))

    def _next(self, succs: list, depth: int):
        """The first recorded successor still to explore from depth ``depth`` (TLC's
        ``getNext``); the others before it are dropped."""
        statuses = self.statuses
        while succs:
            succ, key, label = succs[0]
            status = statuses.status[key]
            if not statuses.completed(status) and depth < (status >> 2):
                return succs.pop(0)
            succs.pop(0)
        return None

    def _expand(self, path: list, state: State, key, level: int, leaf: bool):
        """Generate and check the successors of ``state`` (at depth ``level``); returns
        the recorded successors still to explore and whether none of them is a leaf of
        this iteration (TLC's ``doNext``)."""
        checks, statuses, out = self.checks, self.statuses, self.outcome
        recorded = []
        all_done = True
        all_non_leaf = True
        deadlocked = True
        try:
            self._set_level(level)
            for succ, label in self.successors(state, level):
                out.generated += 1
                deadlocked = False
                step = path + [(succ, label)]
                if _has_hole(succ):
                    raise _Stop(DFIDViolation("unspecified", steps=step))
                self._set_level(level + 1)
                in_model = all(c(succ) for c in checks.constraints)
                self._set_level(level)
                in_model = in_model and all(c(state, succ) for c in checks.action_constraints)
                status = None
                if in_model:
                    skey = self._key(succ)
                    status = statuses.add(skey)
                    all_done = all_done and status is not None and (status & _DONE) == _DONE
                    all_non_leaf = all_non_leaf and not statuses.leaf(status)
                    # judged by the status before (a new state's is 0), as TLC does; the
                    # descent looks at the current status again
                    if not statuses.completed(status or 0):
                        recorded.append((succ, skey, label))
                if status is None and self._violates_invariant(step, succ, level + 1):
                    continue
                self._check_action_properties(step, state, succ, level)
        except EvalError as exc:
            raise _Stop(DFIDViolation("next_error", steps=path, error=exc)) from None
        if deadlocked and checks.check_deadlock:
            raise _Stop(DFIDViolation("deadlock", steps=path))
        if all_done or (leaf and all_non_leaf):
            statuses.set_done(key)
        return recorded, all_non_leaf

    def _violates_invariant(self, step: list, succ: State, level: int) -> bool:
        """Check the invariants on a new state; True when one is violated (and -continue
        goes on: TLC then skips the action properties of this step)."""
        self._set_level(level)
        try:
            for name, holds in self.checks.invariants:
                try:
                    ok = holds(succ)
                except EvalError as exc:
                    raise _Stop(DFIDViolation("invariant_error", name, step, exc)) from None
                if not ok:
                    self._report(DFIDViolation("invariant", name, step))
                    return True
            return False
        finally:
            self._set_level(level - 1)

    def _check_action_properties(self, step: list, state: State, succ: State,
                                 level: int) -> None:
        self._set_level(level)
        for name, holds in self.checks.action_properties:
            try:
                ok = holds(state, succ)
            except EvalError as exc:
                raise _Stop(DFIDViolation("action_property_error", name, step, exc)) from None
            if not ok:
                self._report(DFIDViolation("action_property", name, step))
                break

    def _stopped(self) -> bool:
        out, control = self.outcome, self.control
        if control is not None and control.stop_signal is not None:
            out.interrupted = control.stop_signal
            return True
        if self.on_progress is not None:
            now = time.monotonic()
            if now >= self._next_progress:
                out.distinct = len(self.statuses.status)
                self.on_progress(out)
                self._next_progress = now + self.PROGRESS_EVERY
        return False
