"""Breadth-first search of a model's state graph, with TLC's bookkeeping.

Input: a *model* (``tla.evaluator``: ``init_states``, ``next_states``, predicates) and the
checks a cfg asks for. Output: a :class:`SearchOutcome` (counts, depth, outdegree, and the
first violation, if any) plus a :class:`~tla.checker.store.StateStore` (fingerprints and
predecessors) from which ``tla.checker.trace`` rebuilds the shortest counterexample.

The rules are TLC's (``tlc2.tool.ModelChecker``, ``Worker.addElement``):

* every initial state and every successor counts as *generated*, also those a constraint
  excludes and those already seen;
* a state is in the model when every state ``CONSTRAINT`` holds on it and, for successors,
  every ``ACTION_CONSTRAINT`` holds on the step; only states in the model are remembered
  (*distinct*) and explored;
* a state is *seen* when a state with the same fingerprint was found before (the fingerprint
  of the state, of its VIEW, or of its symmetry class: ``tla.checker.fingerprints``);
* invariants are checked on every new state (initial states are checked even when a
  constraint excludes them, as TLC does);
* action properties (``[][A]_v`` given as PROPERTY) are checked on every step, seen or not;
* a state is deadlocked when the next-state relation yields no successor at all (whether or
  not in the model);
* the outdegree statistics take, per explored state, the number of *new* successors;
* the depth is the largest BFS level, initial states being level 1.

States are numbered in the order they are found, which is also the order they are explored,
so the queue holds only the states themselves (its head has index ``len(store) -
len(queue)``); it spills to disk beyond a threshold (``tla.checker.spill``).
"""
from __future__ import annotations

import gc
import time
from typing import Any, Callable, Iterable, Optional

from tla.records import field, mutable_record
from tla.checker.collector import SearchCollector
from tla.checker.fingerprints import STATE_TAG, fingerprint_function, lane, state_fingerprint
from tla.checker.memory import FULL, MemoryGuard
from tla.checker.spill import StateQueue
from tla.checker.store import StateStore
from tla.errors import EvalError

_M = (1 << 64) - 1

State = tuple
Key = Any


@mutable_record
class Violation:
    """What stopped (or, with ``-continue``, was reported by) the search.

    ``kind`` is one of ``invariant_initial``, ``invariant``, ``action_property``,
    ``deadlock``, ``unspecified``, ``init_error``, ``next_error``, ``invariant_error``,
    ``action_property_error``, ``constraint_error``. ``index`` is the stored index of the
    last state of the counterexample that is in the store; ``successor`` a state after it
    that is not stored (the violating successor), or None; ``label`` the action of that step.
    ``state`` is the stored state ``index`` itself when the search still had it in hand
    (traces then need not replay the last step).
    """
    kind: str
    name: str = ""
    index: int = -1
    successor: Optional[State] = None
    label: Any = None
    error: Optional[BaseException] = None
    state: Optional[State] = None


@mutable_record
class SearchOutcome:
    generated: int = 0
    distinct: int = 0
    queue_left: int = 0
    depth: int = 0
    init_generated: int = 0
    init_distinct: int = 0
    #: outdegree histogram: bucket n counts explored states with n new successors (n capped at 31)
    outdegree: list[int] = field(default_factory=lambda: [0] * 32)
    violation: Optional[Violation] = None
    violations_seen: int = 0                           # with -continue
    seconds: float = 0.0
    #: the signal that stopped the search early (``tla.checker.interrupt``), or None
    interrupted: Optional[int] = None


@mutable_record
class Checks:
    """What the search checks besides reachability. Predicates take states (and levels)."""
    invariants: list[tuple[str, Callable[[State], bool]]] = field(default_factory=list)
    constraints: list[Callable[[State], bool]] = field(default_factory=list)
    action_constraints: list[Callable[[State, State], bool]] = field(default_factory=list)
    action_properties: list[tuple[str, Callable[[State, State], bool]]] = field(default_factory=list)
    check_deadlock: bool = True
    keep_going: bool = False          # TLC's -continue
    key: Optional[Callable[[State], Key]] = None   # VIEW / SYMMETRY reduction


#: states whose lanes the search keeps at most, while they wait in the queue (about 300
#: bytes each with five variables)
KEPT_LANES = 1 << 17


def _holds_tuples(queue: StateQueue) -> bool:
    """Whether the first state of ``queue`` has a variable holding a tuple (TLA+ sequences
    and functions of 1..n)."""
    for state in queue:
        return any(type(value) is tuple for value in state)
    return False


def _has_hole(state: State) -> bool:
    """True when some variable of ``state`` has no value (TLC prints it as ``null``)."""
    for value in state:
        if value is None:
            return True
    return False


class _NoContext:
    __slots__ = ("level",)

    def __init__(self) -> None:
        self.level = 0


class Search:
    """One breadth-first exploration. ``initial`` yields initial states; ``successors(state,
    level)`` yields ``(state, label)`` pairs in TLC's order. A successor with a variable
    unbound (None) is TLC's error 2109; a ``successors`` whose attribute ``complete_lists``
    is True promises that an answer of type ``list`` holds none, and its successors are
    not looked through for one.

    ``keep_states``: keep every distinct state whole in ``store.states`` (with an index by
    fingerprint), for checks that need them after the search (liveness) and for ``on_edge``,
    which gives the index of every step's target.
    """

    PROGRESS_EVERY = 60.0

    def __init__(self, initial: Callable[[], Iterable[State]],
                 successors: Callable[[State, int], Iterable[tuple[State, Any]]],
                 checks: Checks,
                 on_progress: Optional[Callable[[SearchOutcome, int], None]] = None,
                 on_init_progress: Optional[Callable[[int], None]] = None,
                 on_violation: Optional[Callable[[Violation, StateStore], None]] = None,
                 on_state: Optional[Callable[[int, State, int, Any], None]] = None,
                 on_edge: Optional[Callable[[int, int], None]] = None,
                 on_transition: Optional[Callable[[State, State, Any, bool, int], None]] = None,
                 context: Any = None, keep_states: bool = False):
        self.initial = initial
        self.successors = successors
        self.checks = checks
        #: the search's identity of a state: the fingerprint of the state or of its key
        self.fingerprint = fingerprint_function(checks.key, recall=any(
            getattr(holds, "recalls_fingerprints", False)
            for _, holds in checks.action_properties))
        self.store = StateStore(keep_states=keep_states or on_edge is not None)
        self.outcome = SearchOutcome()
        self.on_progress = on_progress
        self.on_init_progress = on_init_progress
        self.on_violation = on_violation
        self.on_state = on_state
        #: called once the initial states are done, before the first state is explored
        self.on_init_done: Optional[Callable[[SearchOutcome], None]] = None
        #: called with (source index, target index) for every step between states of the
        #: model, new or seen (the behaviour graph that liveness checking needs)
        self.on_edge = on_edge
        #: called with (source state, target state, action label, target is new, source
        #: level) for every step between states of the model (``-dump dot``)
        self.on_transition = on_transition
        #: called with (index of the state explored, that state, successor, action label)
        #: for every successor generated, in the model or not, before the search looks at
        #: it (the labels that liveness checking reads off the search's steps)
        self.on_successor: Optional[Callable[[int, State, State, Any], None]] = None
        #: the evaluator's call context, whose ``level`` is what ``TLCGet("level")`` gives:
        #: the level of the state being explored while its successors are generated and
        #: action constraints evaluated, the successor's level for state constraints,
        #: invariants and the VIEW (TLC sets the successor's predecessor before those)
        self.context = context if context is not None else _NoContext()
        #: called every 256 explored states with the counters and the queue length (a live
        #: display; cheap callers only)
        self.on_tick: Optional[Callable[[SearchOutcome, int], None]] = None
        #: polled after each explored state; True ends the search early, as
        #: ``TLCSet("exit", TRUE)`` does in TLC
        self.stop_requested: Optional[Callable[[], bool]] = None
        #: a ``tla.checker.interrupt.SearchControl`` polled at every state boundary (stop
        #: requests, checkpoint requests), or None
        self.control = None
        #: called with the search at a state boundary when ``control`` asks for a checkpoint
        self.on_checkpoint: Optional[Callable[["Search"], None]] = None
        #: the states still to explore, in index order (set once the initial states are
        #: done; what a checkpoint saves); give one before ``run`` to resume a recovered search
        self.queue: Optional[StateQueue] = None
        #: where the queue spills (None: a temporary directory) and beyond how many states
        self.spill_dir: Optional[str] = None
        self.spill_threshold: Optional[int] = None
        #: a ``tla.checker.memory.MemoryGuard`` polled every 256 explored states (by
        #: default one configured from the environment, made when the search starts);
        #: False turns the guard off
        self.memory_guard = None
        #: the cycle collector's policy while ``run`` runs (``tla.checker.collector``)
        self.collector: Optional[SearchCollector] = None

    def new_queue(self) -> StateQueue:
        return StateQueue(directory=self.spill_dir, threshold=self.spill_threshold)

    # ------------------------------------------------------------------
    def run(self) -> SearchOutcome:
        started = time.monotonic()
        if self.memory_guard is None:
            self.memory_guard = MemoryGuard.from_environment()
        collector = self.collector = SearchCollector()
        try:
            if self.queue is not None:       # recovered from a checkpoint
                self._explore(self.queue)
                return self.outcome
            queue = self._explore_initial()
            self.queue = queue
            if self.outcome.violation is None and queue is not None:
                if self.on_init_done is not None:
                    self.on_init_done(self.outcome)
                self._explore(queue)
        finally:
            collector.restore()
            self.collector = None
            self.outcome.distinct = len(self.store)
            self.outcome.seconds = time.monotonic() - started
        return self.outcome

    def close(self) -> None:
        """Remove the queue's spill files (the search cannot go on afterwards)."""
        if self.queue is not None:
            self.queue.close()

    def _report(self, violation: Violation) -> bool:
        """Record a violation; True when the search must stop."""
        self.outcome.violations_seen += 1
        recoverable = violation.kind in ("invariant", "invariant_initial", "action_property")
        if self.checks.keep_going and recoverable:
            if self.on_violation:
                self.on_violation(violation, self.store)
            return False
        self.outcome.violation = violation
        return True

    # ------------------------------------------------------------------
    def _explore_initial(self) -> Optional[StateQueue]:
        checks, store, out = self.checks, self.store, self.outcome
        fingerprint = self.fingerprint
        keep = store.keeps_states
        queue = self.new_queue()
        generated = 0
        control = self.control
        collector = self.collector
        try:
            for state in self.initial():
                if control is not None and control.stop_signal is not None:
                    out.interrupted = control.stop_signal
                    out.queue_left = len(queue)
                    return None
                if generated >= 2 and generated & (generated - 1) == 0 and self.on_init_progress:
                    self.on_init_progress(generated)
                generated += 1
                out.generated = generated
                if generated & 255 == 0 and collector is not None:
                    collector.tick()
                if _has_hole(state):
                    self._report(Violation("unspecified_init", index=-1, successor=state))
                    return None
                in_model = all(c(state) for c in checks.constraints)
                new = False
                if in_model:
                    index = store.insert(fingerprint(state), -1, 1, state if keep else None)
                    if index >= 0:
                        queue.append(state)
                        new = True
                        if self.on_state:
                            self.on_state(index, state, -1, None)
                if new or not in_model:
                    for name, holds in checks.invariants:
                        if not holds(state):
                            if self._report(Violation("invariant_initial", name, successor=state)):
                                return None
        except EvalError as exc:
            self.outcome.violation = Violation("init_error", error=exc)
            return None
        out.init_generated = generated
        out.init_distinct = len(store)
        out.depth = 1 if len(store) else 0
        return queue

    def _explore(self, queue: StateQueue) -> None:
        checks, store, out = self.checks, self.store, self.outcome
        ctx = self.context
        fingerprint = self.fingerprint
        insert = store.insert
        keep = store.keeps_states
        index_of = store.index_of
        level_starts = store.level_starts
        constrained = bool(checks.constraints or checks.action_constraints)
        in_model = self.in_model
        invariants = checks.invariants
        action_properties = checks.action_properties
        # Where states hold tuples, a successor's fingerprint starts from the lanes of the
        # state it came from: a variable the step left unchanged holds the very value of
        # that state (actions build successors from their state's values) and takes its
        # lane without a walk. A tuple's lane is not kept on the value, so that walk is
        # most of a fingerprint when variables hold tuples ([p \in 1..N |-> ...]). The
        # lanes of a state waiting in memory are kept by its id from when it was
        # fingerprinted as new, for at most KEPT_LANES states at a time.
        by_lanes = fingerprint is state_fingerprint and _holds_tuples(queue)
        kept_lanes: dict = {}
        lanes = state_lanes = ()
        successors = self.successors
        complete_lists = getattr(successors, "complete_lists", False)
        on_state = self.on_state
        on_edge = self.on_edge
        on_transition = self.on_transition
        on_successor = self.on_successor
        outdegree = out.outdegree
        generated = out.generated
        next_progress = time.monotonic() + self.PROGRESS_EVERY
        explored = 0
        control = self.control
        guard = self.memory_guard or None
        collector = self.collector
        index = len(store) - len(queue) - 1           # the index of the state being explored
        level = store.level_of(index + 1) if len(queue) else 0
        while queue:
            if control is not None and control.requested:
                out.generated = generated
                out.distinct = len(store)
                out.queue_left = len(queue)
                if self._pause():
                    return
            state = queue.popleft()
            if by_lanes:
                kept = kept_lanes.pop(id(state), None)
                state_lanes = (kept[1] if kept is not None and kept[0] is state
                               else tuple(map(lane, state)))
            index += 1
            if len(level_starts) > level and index >= level_starts[level]:
                level += 1
            new_count = 0
            before = generated
            try:
                succs = successors(state, level)
                holes = not complete_lists or type(succs) is not list
                for succ, label in succs:
                    generated += 1
                    if on_successor is not None:
                        on_successor(index, state, succ, label)
                    if holes and _has_hole(succ):
                        out.generated = generated
                        self._report(Violation("unspecified", index=index, successor=succ,
                                               label=label, state=state))
                        out.queue_left = len(queue)
                        return
                    if constrained and not in_model(state, succ, level):
                        continue
                    ctx.level = level + 1
                    if by_lanes:
                        # fingerprints.state_fingerprint from the lanes, in line: two
                        # calls per successor cost Tokens 1.2 % of its instructions
                        lanes = tuple([k if x is y else lane(x)
                                       for x, y, k in zip(succ, state, state_lanes)])
                        fp = (hash((STATE_TAG,) + lanes) & _M) or 1
                    else:
                        fp = fingerprint(succ)
                    succ_index = insert(fp, index, level + 1, succ if keep else None)
                    new = succ_index >= 0
                    stop = False
                    if new:
                        if level + 1 > out.depth:
                            out.depth = level + 1
                        if on_state is not None:
                            on_state(succ_index, succ, index, label)
                        for name, holds in invariants:
                            try:
                                ok = holds(succ)
                            except EvalError as exc:
                                out.generated = generated
                                self.outcome.violation = Violation(
                                    "invariant_error", name, succ_index, label=label, error=exc,
                                    state=succ)
                                out.queue_left = len(queue)
                                return
                            if not ok:
                                if self._report(Violation("invariant", name, succ_index,
                                                          label=label, state=succ)):
                                    stop = True
                                    break
                    for name, holds in action_properties:
                        if stop:
                            break
                        try:
                            ok = holds(state, succ)
                        except EvalError as exc:
                            out.generated = generated
                            self.outcome.violation = Violation(
                                "action_property_error", name, index, successor=succ,
                                label=label, error=exc, state=state)
                            out.queue_left = len(queue)
                            return
                        if not ok:
                            violation = (Violation("action_property", name, succ_index,
                                                   label=label, state=succ) if new else
                                         Violation("action_property", name, index,
                                                   successor=succ, label=label, state=state))
                            if self._report(violation):
                                stop = True
                    if stop:
                        out.generated = generated
                        out.queue_left = len(queue)
                        return
                    ctx.level = level
                    if new:
                        queue.append(succ)
                        new_count += 1
                        if (by_lanes and not queue.spilled and not queue.back
                                and len(kept_lanes) < KEPT_LANES):   # it waits in memory
                            kept_lanes[id(succ)] = (succ, lanes)
                    if on_edge is not None:
                        on_edge(index, succ_index if new else index_of[fp])
                    if on_transition is not None:
                        on_transition(state, succ, label, new, level)
            except EvalError as exc:
                out.generated = generated
                self.outcome.violation = Violation("next_error", index=index, error=exc,
                                                   state=state)
                out.queue_left = len(queue)
                return
            if generated == before and checks.check_deadlock:
                out.generated = generated
                self.outcome.violation = Violation("deadlock", index=index, state=state)
                out.queue_left = len(queue)
                return
            outdegree[new_count if new_count < 31 else 31] += 1
            if self.stop_requested is not None and self.stop_requested():
                break
            explored += 1
            if explored & 255 == 0:
                if collector is not None:
                    collector.tick()
                if self.on_tick is not None:
                    out.generated = generated
                    out.distinct = len(store)
                    self.on_tick(out, len(queue))
                pressure = guard.poll() if guard is not None else 0
                if pressure:
                    out.generated = generated
                    out.distinct = len(store)
                    out.queue_left = len(queue)
                    kept_lanes.clear()              # they would keep states off disk
                    self._relieve_memory(guard, queue, pressure)
            if explored & 1023 == 0 and self.on_progress is not None:
                now = time.monotonic()
                if now >= next_progress:
                    out.generated = generated
                    out.distinct = len(store)
                    self.on_progress(out, len(queue))
                    next_progress = now + self.PROGRESS_EVERY
        out.generated = generated
        out.queue_left = len(queue)

    def in_model(self, state: tuple, succ: tuple, level: int) -> bool:
        """Whether the step from ``state`` (of BFS ``level``) to ``succ`` stays in the model:
        every state constraint holds in ``succ`` (evaluated with ``TLCGet("level")`` the
        successor's level) and every action constraint holds of the step (the state's
        level), as TLC checks them. Leaves the context at ``level``."""
        ctx = self.context
        checks = self.checks
        ctx.level = level + 1
        for c in checks.constraints:
            if not c(succ):
                ctx.level = level
                return False
        ctx.level = level
        for c in checks.action_constraints:
            if not c(state, succ):
                return False
        return True

    def _relieve_memory(self, guard: MemoryGuard, queue: StateQueue, pressure: int) -> None:
        """Memory runs short (``pressure`` TIGHT or FULL): move the queue to disk; when that
        is not enough, stop with :class:`~tla.checker.memory.MemoryLimitError`."""
        while True:
            if not queue.move_to_disk():
                if pressure == FULL:
                    raise guard.error()
                return
            gc.collect()
            guard.reset()
            pressure = guard.poll()
            if pressure != FULL:
                return

    def _pause(self) -> bool:
        """At a state boundary, serve what ``control`` asks for; True when the search must
        stop (a signal), False after a checkpoint."""
        control = self.control
        if control.checkpoint_due:
            if self.on_checkpoint is not None:
                self.on_checkpoint(self)
            control.checkpoint_done()
        if control.stop_signal is not None:
            self.outcome.interrupted = control.stop_signal
            return True
        return False
