"""Breadth-first search with several worker processes (``-workers N``).

Takes what :class:`~tla.checker.search.Search` takes, and a number of workers. Gives the same
outcome as the one-process search: the same counts (also when a violation stops the search),
depth, outdegree, store (so the same counterexample) and the same order of ``-continue``
reports.

Design. Partitioning states by fingerprint (each worker owns the states whose fingerprint
it owns) would send about (N-1)/N of all generated states to another process; a pickle
round trip of a ``benchmarks/specs/Tokens.tla`` state measured 20 us in batches, as much as
computing it. So states stay where they are generated:

* Processes are forked once the model is built, so they share its compiled code. The
  parent process is worker 0 and the coordinator.
* The search goes level by level. The states of a level are numbered (BFS order, as in the
  one-process search) and split into contiguous slices, one per worker, in that order.
* Each worker keeps a full copy of the set of fingerprints seen in earlier levels (16 to 32
  bytes per state) and expands its slice exactly as the one-process search would: it counts,
  checks constraints, action properties and, on each successor new to it, invariants. It
  keeps those successors (*candidates*) and reports their fingerprints, predecessors and
  positions, with per-state counts and the first event that would stop the search.
* The coordinator merges the reports in slice order, which is the one-process search's
  order: a candidate already claimed by an earlier worker is not new. It numbers the new
  states, records them in the store and updates the counts; the first stopping event in that
  order decides where the search stops, and the counts are computed as of that event.
* Every worker adds the level's new fingerprints to its set and keeps its own new states as
  its part of the next level; parts are evened out by moving states at their ends between
  neighbours (pickled), which keeps the slices contiguous.

Events are reported by position only; the coordinator rebuilds what it prints (states,
actions) by replaying the spec, as traces are rebuilt (``tla.checker.trace``).

Per-process state that TLC also keeps per worker (``TLCSet``/``TLCGet`` registers, ``Print``
output order) behaves as with TLC's workers. Checkpoints are written between levels.
"""
from __future__ import annotations

import mmap
import os
import pickle
import signal
import sys
import time
import traceback
from array import array
from dataclasses import dataclass, field
from typing import Any, Optional

from tla.checker import pickling
from tla.checker.memory import FULL, MemoryLimitError
from tla.checker.search import Search, SearchOutcome, Violation, _has_hole
from tla.checker.spill import SpillError, StateQueue
from tla.errors import EvalError, InternalError, TLAError

#: ordinal of events that come after every successor of their state (deadlock, exit)
AFTER = 1 << 40
#: ordinal of "this state was not explored" (an interruption before it)
BEFORE = -1

#: event kinds that stop the search even with -continue
_RECOVERABLE = ("invariant", "action_property")


@dataclass
class Event:
    """Something a worker met at ``(parent, ordinal)``: the index of the state explored and
    the number of its successor (counting every generated one), or AFTER / BEFORE.
    ``generated``: successors of ``parent`` counted when it happened (the one-process
    search's count at that moment). ``candidate``: the successor itself was new to the
    worker (kept as a candidate) when it happened."""
    kind: str
    parent: int
    ordinal: int
    generated: int = 0
    name: str = ""
    candidate: bool = False
    error: Optional[bytes] = None          # the pickled exception, when there is one

    @property
    def position(self) -> tuple[int, int]:
        return self.parent, self.ordinal

    def stops(self, keep_going: bool) -> bool:
        """Whether the one-process search stops here (with -continue, violations of
        invariants and action properties do not stop it)."""
        return not keep_going or self.kind not in _RECOVERABLE


@dataclass
class Report:
    """One worker's expansion of its slice of a level."""
    explored: int                       # states of the slice explored completely
    generated: bytes                    # array('q'): successors of each explored state
    fps: bytes                          # array('Q'): candidates' fingerprints
    parents: bytes                      # array('q'): candidates' predecessors
    ordinals: bytes                     # array('q'): candidates' successor numbers
    events: list = field(default_factory=list)
    seconds: float = 0.0                # wall time of the expansion


class WorkerCrashed(InternalError):
    """A worker process failed or died (a bug, or the operating system killed it)."""


class _Flags:
    """A few bytes shared by every process of the search (an anonymous shared mapping made
    before forking): ``interrupt`` (everybody stops at the next state boundary) and
    ``first_stopper`` (the lowest worker rank that met a stopping event: workers after it
    in slice order may stop, their work comes later than the event)."""

    def __init__(self, workers: int):
        self._map = mmap.mmap(-1, 16)
        self._ints = memoryview(self._map).cast("i")
        self.workers = workers
        self.reset()

    def reset(self) -> None:
        self._ints[0] = 0
        self._ints[1] = self.workers

    @property
    def interrupt(self) -> bool:
        return self._ints[0] != 0

    def request_interrupt(self) -> None:
        self._ints[0] = 1

    def should_stop(self, rank: int) -> bool:
        return self._ints[0] != 0 or self._ints[1] < rank

    def stopped_at(self, rank: int) -> None:
        if rank < self._ints[1]:
            self._ints[1] = rank


class _Worker:
    """What one process does: expand its slice, keep its candidates, build its next slice."""

    def __init__(self, search: Search, rank: int, seen, flags: _Flags):
        self.search = search
        self.rank = rank
        self.seen = seen                         # fingerprints of every earlier level
        self.flags = flags
        self.frontier = search.new_queue()       # this worker's slice of the level
        self.candidates: Optional[StateQueue] = None
        self.own: Optional[StateQueue] = None
        self.parent_pid = os.getppid()

    # ------------------------------------------------------------------ expansion
    def expand(self, level: int, start: int) -> Report:
        """Explore the slice (states ``start, start + 1, ...`` of BFS ``level``). The slice
        is read, not consumed: after an interruption its unexplored rest is still there."""
        search = self.search
        checks = search.checks
        ctx = search.context
        fingerprint = search.fingerprint
        seen = self.seen
        constraints = checks.constraints
        action_constraints = checks.action_constraints
        invariants = checks.invariants
        action_properties = checks.action_properties
        keep_going = checks.keep_going
        successors = search.successors
        stop_requested = search.stop_requested
        control = search.control if self.rank == 0 else None
        guard = search.memory_guard or None
        flags, rank = self.flags, self.rank
        local: set = set()
        if self.candidates is not None:
            self.candidates.close()
        candidates = self.candidates = search.new_queue()
        gen_counts = array("q")
        fps, parents, ordinals = array("Q"), array("q"), array("q")
        events: list[Event] = []
        index = start - 1

        started = time.perf_counter()

        def report() -> Report:
            return Report(len(gen_counts), gen_counts.tobytes(), fps.tobytes(),
                          parents.tobytes(), ordinals.tobytes(), events,
                          time.perf_counter() - started)

        for state in self.frontier:
            if flags.should_stop(rank):
                break
            if control is not None and control.stop_signal is not None:
                flags.request_interrupt()
                break
            index += 1
            generated = 0
            try:
                for succ, label in successors(state, level):
                    ordinal = generated
                    generated += 1
                    if _has_hole(succ):
                        events.append(Event("unspecified", index, ordinal, generated))
                        flags.stopped_at(rank)
                        return report()
                    in_model = True
                    if constraints:
                        ctx.level = level + 1
                        for c in constraints:
                            if not c(succ):
                                in_model = False
                                break
                    if in_model and action_constraints:
                        ctx.level = level
                        for c in action_constraints:
                            if not c(state, succ):
                                in_model = False
                                break
                    if not in_model:
                        ctx.level = level
                        continue
                    ctx.level = level + 1
                    fp = fingerprint(succ)
                    new = fp not in local and fp not in seen
                    if new:
                        local.add(fp)
                        candidates.append(succ)
                        fps.append(fp)
                        parents.append(index)
                        ordinals.append(ordinal)
                        for name, holds in invariants:
                            try:
                                ok = holds(succ)
                            except EvalError as exc:
                                events.append(Event("invariant_error", index, ordinal, generated,
                                                    name, True, _pickled(exc)))
                                flags.stopped_at(rank)
                                return report()
                            if not ok:
                                events.append(Event("invariant", index, ordinal, generated,
                                                    name, True))
                                if not keep_going:
                                    flags.stopped_at(rank)
                                    return report()
                    for name, holds in action_properties:
                        try:
                            ok = holds(state, succ)
                        except EvalError as exc:
                            events.append(Event("action_property_error", index, ordinal,
                                                generated, name, new, _pickled(exc)))
                            flags.stopped_at(rank)
                            return report()
                        if not ok:
                            events.append(Event("action_property", index, ordinal, generated,
                                                name, new))
                            if not keep_going:
                                flags.stopped_at(rank)
                                return report()
                    ctx.level = level
            except EvalError as exc:
                events.append(Event("next_error", index, generated, generated,
                                    error=_pickled(exc)))
                flags.stopped_at(rank)
                return report()
            if generated == 0 and checks.check_deadlock:
                events.append(Event("deadlock", index, AFTER))
                flags.stopped_at(rank)
                return report()
            gen_counts.append(generated)
            if stop_requested is not None and stop_requested():
                events.append(Event("exit", index, AFTER, generated))
                flags.stopped_at(rank)
                return report()
            if len(gen_counts) & 255 == 0:
                if rank > 0 and os.getppid() != self.parent_pid:
                    os._exit(3)                  # the coordinator is gone
                pressure = guard.poll() if guard is not None else 0
                if pressure:
                    moved = self.frontier.move_to_disk() | candidates.move_to_disk()
                    if pressure == FULL and not moved:
                        events.append(Event("memory", index + 1, BEFORE,
                                            error=_pickled(guard.error())))
                        flags.request_interrupt()
                        return report()
        return report()

    # ------------------------------------------------------------------ next slice
    def next_slice(self, keep: bytes, carry: Optional[StateQueue], plan: "_Plan") -> list:
        """Keep the candidates ``keep`` marks (after ``carry``, states of the next level this
        worker already held), cut off what ``plan`` sends to other workers; returns the
        outgoing pieces as (destination, pickled states) and keeps the rest for
        :meth:`assemble`."""
        outgoing: dict[int, list] = {dst: [] for dst, _, _ in plan.send}
        ranges = [(offset, offset + count, dst) for dst, offset, count in plan.send]
        own = self.search.new_queue()
        position = 0

        def route(state) -> None:
            nonlocal position
            for lo, hi, dst in ranges:
                if lo <= position < hi:
                    outgoing[dst].append(state)
                    break
            else:
                own.append(state)
            position += 1

        if carry is not None:
            for state in carry:
                route(state)
            carry.close()
        candidates = self.candidates
        if candidates is not None:
            for flag, state in zip(keep, candidates):
                if flag:
                    route(state)
            candidates.close()
            self.candidates = None
        self.own = own
        return [(dst, pickling.dumps(states)) for dst, states in outgoing.items()]

    def assemble(self, incoming: list) -> int:
        """The next slice: pieces from lower ranks, the kept states, pieces from higher
        ranks (``incoming``: (source rank, pickled states), any order); its size."""
        if not incoming and self.own is not None:
            self.frontier.close()
            self.frontier, self.own = self.own, None
            return len(self.frontier)
        frontier = self.search.new_queue()
        pieces = sorted(incoming, key=lambda piece: piece[0])
        for src, data in pieces:
            if src < self.rank:
                for state in pickling.loads(data):
                    frontier.append(state)
        own = self.own
        if own is not None:
            for state in own:
                frontier.append(state)
            own.close()
        for src, data in pieces:
            if src > self.rank:
                for state in pickling.loads(data):
                    frontier.append(state)
        self.frontier.close()
        self.frontier = frontier
        self.own = None
        return len(frontier)

    def kept(self, keep: bytes) -> list[bytes]:
        """The candidates ``keep`` marks, as pickled chunks."""
        states = [state for flag, state in zip(keep, self.candidates or ()) if flag]
        return [pickling.dumps(states)] if states else []


@dataclass
class _Plan:
    """Moves that make the next level's slices even: ``send`` lists (destination, offset in
    this worker's part, count); ``receive`` the ranks that send to this worker."""
    send: list = field(default_factory=list)
    receive: list = field(default_factory=list)


def plan_moves(sizes: list[int], tolerance: float = 0.05, minimum: int = 64,
               weights: Optional[list[float]] = None) -> list[_Plan]:
    """Plans making contiguous parts of ``sizes`` proportional to ``weights`` (equal by
    default); nothing moves when every part is within ``tolerance`` of its share or
    ``minimum`` states of it."""
    n = len(sizes)
    total = sum(sizes)
    plans = [_Plan() for _ in range(n)]
    weights = weights or [1.0] * n
    cumulative = [0.0]
    for w in weights:
        cumulative.append(cumulative[-1] + w)
    # lower ranks get the rest of a division
    target = [min(total, -int(-total * c // cumulative[-1])) for c in cumulative]
    if all(abs(sizes[r] - (target[r + 1] - target[r])) <=
           max(minimum, tolerance * (target[r + 1] - target[r])) for r in range(n)):
        return plans
    current = [0]
    for s in sizes:
        current.append(current[-1] + s)
    for r in range(n):
        for s in range(n):
            if r == s:
                continue
            lo, hi = max(current[r], target[s]), min(current[r + 1], target[s + 1])
            if hi > lo:
                plans[r].send.append((s, lo - current[r], hi - lo))
                plans[s].receive.append(r)
    return plans


def _pickled(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc, protocol=pickling.PROTOCOL)
    except Exception:
        return pickle.dumps(EvalError(getattr(exc, "message", str(exc))),
                            protocol=pickling.PROTOCOL)


# ------------------------------------------------------------------------------ the search
class ParallelSearch(Search):
    """A :class:`Search` whose levels are explored by ``workers`` processes. It does not
    call ``on_state``, ``on_edge`` or ``on_transition`` (features that need every state in
    one process run with one worker)."""

    def __init__(self, *args, workers: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        if workers < 2:
            raise ValueError("a parallel search needs at least two workers")
        self.workers = workers
        #: totals the worker processes report when they end (``child_totals`` of each)
        self.worker_totals: dict[str, int] = {}
        #: called in every worker process when it ends; its dict is added to worker_totals
        self.child_totals = None
        self._conns: list = []
        self._pids: list[int] = []
        self._sizes: list[int] = []
        self._rates: list[Optional[float]] = [None] * workers

    # ------------------------------------------------------------------ processes
    def _explore(self, queue: StateQueue) -> None:
        if self.on_state is not None or self.on_edge is not None or \
                self.on_transition is not None:
            raise InternalError("a parallel search cannot call on_state/on_edge/on_transition")
        sys.stdout.flush()
        sys.stderr.flush()
        self._flags = _Flags(self.workers)
        self._me = _Worker(self, 0, self.store.seen, self._flags)
        try:
            self._start_children()
            self._levels(queue)
        finally:
            self._stop_children()

    def _start_children(self) -> None:
        import multiprocessing
        for rank in range(1, self.workers):
            parent_end, child_end = multiprocessing.Pipe()
            pid = os.fork()
            if pid == 0:                                     # the worker process
                parent_end.close()
                for conn in self._conns:
                    conn.close()
                _child_main(self, rank, child_end)           # never returns
            child_end.close()
            self._conns.append(parent_end)
            self._pids.append(pid)

    def _stop_children(self) -> None:
        self._flags.request_interrupt()
        for conn in self._conns:
            try:
                conn.send(("exit",))
            except OSError:
                pass
        for conn, pid in zip(self._conns, self._pids):
            deadline = time.monotonic() + 30
            try:
                while time.monotonic() < deadline and conn.poll(deadline - time.monotonic()):
                    reply = conn.recv()
                    if reply[0] == "totals":
                        for key, value in reply[1].items():
                            self.worker_totals[key] = self.worker_totals.get(key, 0) + value
                        break
                else:
                    os.kill(pid, signal.SIGKILL)
            except (EOFError, OSError):
                pass
            conn.close()
        for pid in self._pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self._conns, self._pids = [], []

    def _call(self, rank: int, message) -> None:
        try:
            self._conns[rank - 1].send(message)
        except OSError as exc:
            raise WorkerCrashed(f"Worker {rank} of the search is gone ({exc}).")

    def _receive(self, rank: int):
        conn = self._conns[rank - 1]
        control = self.control
        try:
            # while waiting, pass an interruption on to the workers still exploring
            while not conn.poll(0.2):
                if control is not None and control.stop_signal is not None:
                    self._flags.request_interrupt()
            reply = conn.recv()
        except (EOFError, OSError):
            raise WorkerCrashed(f"Worker {rank} of the search died{self._exit_status(rank)}; "
                                "the operating system may have run out of memory.")
        if reply[0] == "crash":
            raise WorkerCrashed(f"Worker {rank} of the search failed:\n{reply[1]}")
        if reply[0] == "error":
            raise pickle.loads(reply[1])
        return reply

    def _exit_status(self, rank: int) -> str:
        pid = self._pids[rank - 1]
        try:
            _, code = os.waitpid(pid, 0)
        except ChildProcessError:
            return ""
        self._pids[rank - 1] = -1
        if os.WIFSIGNALED(code):
            return f" (killed by {signal.Signals(os.WTERMSIG(code)).name})"
        return f" (exit status {os.WEXITSTATUS(code)})"

    def _each_child(self, message) -> list:
        for rank in range(1, self.workers):
            self._call(rank, message)
        return [self._receive(rank) for rank in range(1, self.workers)]

    # ------------------------------------------------------------------ levels
    def _levels(self, queue: StateQueue) -> None:
        store, out = self.store, self.outcome
        head = len(store) - len(queue)
        level = store.level_of(head) if len(queue) else 0
        # the queue may end with states of the next level (a recovered checkpoint): they
        # come before that level's new states and stay with worker 0 as its "carry"
        end = store.level_starts[level] if len(store.level_starts) > level else len(store)
        carry: Optional[StateQueue] = self.new_queue()
        first = self.new_queue()
        for position, state in enumerate(queue):
            (first if head + position < end else carry).append(state)
        queue.close()
        self.queue = _DistributedQueue(self)
        self._distribute(first)
        next_progress = time.monotonic() + self.PROGRESS_EVERY
        while True:
            total = sum(self._sizes)
            if total == 0:
                break
            starts = [head]
            for size in self._sizes[:-1]:
                starts.append(starts[-1] + size)
            self._flags.reset()
            for rank in range(1, self.workers):
                self._call(rank, ("expand", level, starts[rank]))
            merge = _LevelMerge(self, starts, level)
            own = self._me.expand(level, starts[0])
            # worker 0's part comes first in BFS order: fold it in while the others work
            merge.fold(0, own)
            own.seconds += merge.seconds
            reports = [own]
            for rank in range(1, self.workers):
                report = self._receive(rank)[1]
                merge.fold(rank, report)
                reports.append(report)
            self._learn_rates(reports)
            if merge.finish(head + total, carry):
                return
            head += total
            level += 1
            carry = None
            if self.on_tick is not None:
                self.on_tick(out, len(store) - head)
            if self.on_progress is not None and time.monotonic() >= next_progress:
                self.on_progress(out, len(store) - head)
                next_progress = time.monotonic() + self.PROGRESS_EVERY
            if self.control is not None and self.control.requested:
                out.queue_left = len(store) - head
                if self._pause():
                    distributed = self.queue
                    self.queue = _ChunkQueue(distributed.chunk_bytes(), len(distributed))
                    return
        out.queue_left = 0

    def _distribute(self, mine: StateQueue) -> None:
        """The first slices: worker 0 holds ``mine`` (all of them), the others nothing."""
        sizes = [len(mine)] + [0] * (self.workers - 1)
        plans = plan_moves(sizes, tolerance=0.0, minimum=0)
        self._me.candidates = None
        incoming = self._pieces_by_destination(self._me.next_slice(b"", mine, plans[0]), 0)
        for rank in range(1, self.workers):
            self._call(rank, ("assemble", incoming[rank]))
        sizes = [self._me.assemble([])]
        self._sizes = sizes + [self._receive(rank)[1] for rank in range(1, self.workers)]

    def _pieces_by_destination(self, pieces, source: int,
                               into: Optional[dict] = None) -> dict[int, list]:
        into = into if into is not None else {rank: [] for rank in range(self.workers)}
        for dst, data in pieces:
            into[dst].append((source, data))
        return into

    # ------------------------------------------------------------------ merging a level
    def _learn_rates(self, reports: list[Report]) -> None:
        """States per second of each worker in the level just done (smoothed): the next
        level's parts are made proportional to them, so that worker 0, which also merges,
        gets less."""
        rates = self._rates
        for rank, report in enumerate(reports):
            if report.explored >= 64 and report.seconds > 0:
                rate = report.explored / report.seconds
                rates[rank] = rate if rates[rank] is None else 0.5 * (rates[rank] + rate)

    def _violation(self, event: Event, final_at: dict, level: int) -> Optional[Violation]:
        """The Violation the one-process search makes of ``event``; None for a candidate
        an earlier worker had found first (that worker reported it)."""
        kind = event.kind
        index = final_at.get(event.position)
        if kind in ("invariant", "invariant_error"):
            if index is None:
                return None
            return Violation(kind, event.name, index, error=_error(event))
        if kind == "action_property" and index is not None:
            return Violation(kind, event.name, index)
        if kind in ("action_property", "action_property_error", "unspecified"):
            state, succ, label = self._replay_step(event.parent, event.ordinal, level)
            return Violation(kind, event.name, event.parent, successor=succ, label=label,
                             error=_error(event), state=state)
        if kind == "next_error":
            return Violation(kind, index=event.parent, error=_error(event))
        if kind == "deadlock":
            return Violation(kind, index=event.parent)
        raise InternalError(f"unknown event {kind!r} from a worker")

    def _replay_step(self, parent: int, ordinal: int, level: int):
        """State ``parent``, its successor number ``ordinal`` and that step's action, found
        again by replaying the spec."""
        from tla.checker.trace import rebuild
        state = rebuild(self, parent)[-1].state
        for k, (succ, label) in enumerate(self.successors(state, level)):
            if k == ordinal:
                return state, succ, label
        raise InternalError("a step reported by a worker could not be replayed")

    def _stop(self, stopper: Optional[Event], cutoff, final_at: dict, level: int,
              starts: list[int], carry: Optional[StateQueue], keeps) -> None:
        out, store = self.outcome, self.store
        parent = cutoff[0]
        if stopper is None or stopper.kind == "memory":
            # an interruption before state ``parent``: the one-process search's queue then
            out.queue_left = len(store) - parent
            self.queue = self._remaining_queue(parent, starts, carry, keeps)
            if stopper is not None:
                raise pickle.loads(stopper.error)
            out.interrupted = (self.control.stop_signal if self.control is not None
                               and self.control.stop_signal is not None else signal.SIGINT)
            return
        if stopper.kind == "exit":                       # TLCSet("exit", TRUE)
            out.queue_left = len(store) - (parent + 1)
            return
        # a violation; the state that met it, when new, is stored but not queued
        stored_not_queued = stopper.candidate and stopper.position in final_at
        out.queue_left = len(store) - (parent + 1) - (1 if stored_not_queued else 0)
        violation = self._violation(stopper, final_at, level)
        if violation is None:
            raise InternalError(f"a worker stopped on a {stopper.kind} that is not one")
        if violation.kind in _RECOVERABLE:
            self._report(violation)
        else:
            out.violation = violation

    def _next_level(self, keeps: list[bytearray], carry: Optional[StateQueue]) -> None:
        """Every worker keeps its new states (worker 0 after ``carry``), the slices are
        evened out, every worker learns the level's new fingerprints."""
        sizes = [sum(k) for k in keeps]
        if carry is not None:
            sizes[0] += len(carry)
        weights = None
        if all(rate is not None for rate in self._rates):
            weights = self._rates
        plans = plan_moves(sizes, weights=weights)
        count = sum(sum(k) for k in keeps)
        fps = self.store.fps
        new_fps = fps[len(fps) - count:].tobytes() if count else b""
        for rank in range(1, self.workers):
            self._call(rank, ("keep", bytes(keeps[rank]), plans[rank], new_fps))
        incoming = self._pieces_by_destination(
            self._me.next_slice(bytes(keeps[0]), carry, plans[0]), 0)
        for rank in range(1, self.workers):
            self._pieces_by_destination(self._receive(rank)[1], rank, incoming)
        for rank in range(1, self.workers):
            self._call(rank, ("assemble", incoming[rank]))
        sizes = [self._me.assemble(incoming[0])]
        self._sizes = sizes + [self._receive(rank)[1] for rank in range(1, self.workers)]

    def _remaining_queue(self, parent: int, starts: list[int], carry: Optional[StateQueue],
                         keeps) -> "_ChunkQueue":
        """The queue the one-process search has when interrupted before state ``parent``:
        the level's states from ``parent`` on, then the next level's (carried, new)."""
        chunks: list[bytes] = []
        for rank in range(self.workers):
            skip = min(max(0, parent - starts[rank]), self._sizes[rank])
            if rank == 0:
                chunks += self._me.frontier.chunk_bytes(skip)
            else:
                self._call(rank, ("rest", skip))
                chunks += self._receive(rank)[1]
        if carry is not None:
            chunks += carry.chunk_bytes()
        for rank in range(self.workers):
            if rank == 0:
                chunks += self._me.kept(bytes(keeps[0]))
            else:
                self._call(rank, ("kept", bytes(keeps[rank])))
                chunks += self._receive(rank)[1]
        return _ChunkQueue(chunks, self.outcome.queue_left)


class _LevelMerge:
    """The reports of one level, folded in slice order (which is the one-process search's
    order) into the store and the counts, as they arrive: ``fold`` each worker's report in
    rank order, then ``finish``.

    A candidate already claimed by an earlier worker is not new. The first stopping event,
    or the first state a worker did not explore (an interruption), is where the
    one-process search would have stopped: nothing after it counts."""

    def __init__(self, search: ParallelSearch, starts: list[int], level: int):
        self.search = search
        self.starts = starts
        self.level = level
        self.keep_going = search.checks.keep_going
        self.claimed: set = set()
        self.keeps: list[bytearray] = []
        self.final_at: dict[tuple[int, int], int] = {}
        self.cutoff: Optional[tuple[int, int]] = None
        self.stopper: Optional[Event] = None
        self.seconds = 0.0                       # time spent folding the last report

    def fold(self, rank: int, report: Report) -> None:
        started = time.perf_counter()
        search, store, out = self.search, self.search.store, self.search.outcome
        if self.cutoff is not None:              # an earlier worker stopped the search
            self.keeps.append(bytearray(len(report.fps) // 8))
            return
        stopping = [e for e in report.events if e.stops(self.keep_going)]
        if stopping:
            self.stopper = stopping[0]
            self.cutoff = self.stopper.position
        elif report.explored < search._sizes[rank]:
            self.cutoff = (self.starts[rank] + report.explored, BEFORE)
        cutoff, level = self.cutoff, self.level
        # new states, up to the cutoff
        fps, parents, ordinals = (array("Q", report.fps), array("q", report.parents),
                                  array("q", report.ordinals))
        keep = bytearray(len(fps))
        claimed, final_at, insert = self.claimed, self.final_at, store.insert
        new_per_parent: dict[int, int] = {}
        for i, fp in enumerate(fps):
            if fp in claimed:
                continue
            position = (parents[i], ordinals[i])
            if cutoff is not None and position > cutoff:
                break
            claimed.add(fp)
            keep[i] = 1
            index = insert(fp, parents[i], level + 1)
            if index < 0:
                raise InternalError("a worker reported a state seen before as new")
            final_at[position] = index
            new_per_parent[parents[i]] = new_per_parent.get(parents[i], 0) + 1
        self.keeps.append(keep)
        if new_per_parent and level + 1 > out.depth:
            out.depth = level + 1
        # successors generated and outdegree of the states explored before the cutoff
        last = None
        if cutoff is not None:
            last = cutoff[0] if self.stopper is not None and self.stopper.kind == "exit" \
                else cutoff[0] - 1
        outdegree = out.outdegree
        for j, generated in enumerate(array("q", report.generated)):
            parent = self.starts[rank] + j
            if last is not None and parent > last:
                break
            out.generated += generated
            c = new_per_parent.get(parent, 0)
            outdegree[c if c < 31 else 31] += 1
        stopper = self.stopper
        if stopper is not None and stopper.kind not in ("exit", "deadlock", "memory"):
            out.generated += stopper.generated        # the steps of the state it stopped in
        out.distinct = len(store)
        # -continue's reports before the cutoff, in order
        for event in sorted((e for e in report.events if not e.stops(self.keep_going)),
                            key=lambda e: e.position):
            if cutoff is not None and event.position > cutoff:
                break
            violation = search._violation(event, final_at, level)
            if violation is not None:
                search._report(violation)
        self.seconds = time.perf_counter() - started

    def finish(self, round_end: int, carry: Optional[StateQueue]) -> bool:
        """Stop the search here (True) or hand out the next level."""
        search = self.search
        if self.cutoff is None:
            search.outcome.queue_left = len(search.store) - round_end
            search._next_level(self.keeps, carry)
            return False
        search._stop(self.stopper, self.cutoff, self.final_at, self.level, self.starts,
                     carry, self.keeps)
        return True


class _DistributedQueue:
    """The queue of a parallel search between levels: the slices the workers hold."""

    def __init__(self, search: ParallelSearch):
        self.search = search

    def __len__(self) -> int:
        return sum(self.search._sizes)

    def chunk_bytes(self) -> list[bytes]:
        search = self.search
        chunks = search._me.frontier.chunk_bytes()
        for reply in search._each_child(("rest", 0)):
            chunks += reply[1]
        return chunks

    def close(self) -> None:
        pass


class _ChunkQueue:
    """A queue kept as pickled chunks of states (what remains of an interrupted parallel
    search, for its last checkpoint)."""

    def __init__(self, chunks: list[bytes], length: int):
        self.chunks = chunks
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __bool__(self) -> bool:
        return self.length > 0

    def chunk_bytes(self) -> list[bytes]:
        return list(self.chunks)

    def close(self) -> None:
        self.chunks = []


def _error(event: Event) -> Optional[BaseException]:
    return pickle.loads(event.error) if event.error is not None else None


# ------------------------------------------------------------------------------ workers
def _child_main(search: ParallelSearch, rank: int, conn) -> None:
    """Worker process ``rank``: serve the coordinator's requests until told to exit. Never
    returns."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)     # the coordinator decides
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if search.control is not None:
            search.control.stop_timer()
            search.control = None
        me = _Worker(search, rank, search.store.seen, search._flags)
        seen = me.seen
        # counters the coordinator had when it forked this process are its own
        base = search.child_totals() if search.child_totals is not None else {}
        while True:
            message = conn.recv()
            op = message[0]
            if op == "expand":
                try:
                    report = me.expand(message[1], message[2])
                except (SpillError, MemoryLimitError) as exc:
                    report = Report(0, b"", b"", b"", b"",
                                    [Event("memory", message[2], BEFORE, error=_pickled(exc))])
                sys.stdout.flush()
                conn.send(("report", report))
            elif op == "keep":
                _, keep, plan, new_fps = message
                for fp in array("Q", new_fps):
                    seen.add(fp)
                conn.send(("pieces", me.next_slice(keep, None, plan)))
            elif op == "assemble":
                conn.send(("size", me.assemble(message[1])))
            elif op == "rest":
                conn.send(("rest", me.frontier.chunk_bytes(message[1])))
            elif op == "kept":
                conn.send(("kept", me.kept(message[1])))
            elif op == "exit":
                totals = search.child_totals() if search.child_totals is not None else {}
                totals = {key: value - base.get(key, 0) for key, value in totals.items()}
                sys.stdout.flush()
                conn.send(("totals", totals))
                break
            else:
                raise InternalError(f"unknown request {op!r}")
    except TLAError as exc:
        try:
            conn.send(("error", _pickled(exc)))
        except Exception:
            pass
        status = 1
    except BaseException:
        try:
            conn.send(("crash", traceback.format_exc()))
        except Exception:
            pass
        status = 1
    finally:
        try:
            sys.stdout.flush()
        except Exception:
            pass
        os._exit(status)
