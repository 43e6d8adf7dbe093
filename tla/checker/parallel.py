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
  Once it has merged its own slice it asks the next worker for the part of its report
  explored so far, and so on, so that merging overlaps the others' exploring.
* Every worker keeps its own new states as its part of the next level and learns the new
  fingerprints the others found (its own candidates are already in its set; worker 0's,
  all new since its slice comes first, are passed on as soon as it has explored its
  slice, so the others learn them while they explore, off the level's barrier); parts are
  evened out by moving states at their ends between neighbours (pickled), which keeps the
  slices contiguous. Slices are made proportional to each worker's rate in the previous
  level, worker 0's time including the merging.

The workers' side is ``tla.checker.parallel_worker``. Events are reported by position only;
the coordinator rebuilds what it prints (states,
actions) by replaying the spec, as traces are rebuilt (``tla.checker.trace``).

Per-process state that TLC also keeps per worker (``TLCSet``/``TLCGet`` registers, ``Print``
output order) behaves as with TLC's workers. Checkpoints are written between levels.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from array import array
from collections import Counter
from itertools import compress
from typing import Optional

from tla.checker.parallel_worker import (BEFORE, RECOVERABLE, Event, PassedFingerprints,
                                         Report, WorkerCrashed, child_main, SharedFlags,
                                         Worker, plan_moves)
from tla.checker.search import Search, Violation
from tla.checker.spill import StateQueue
from tla.errors import InternalError

__all__ = ["ParallelSearch", "WorkerCrashed", "plan_moves"]

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
        self._flags = SharedFlags(self.workers)
        self._passed = PassedFingerprints()
        self._me = Worker(self, 0, self.store.seen, self._flags)
        orderly = False
        try:
            self._start_children()
            self._levels(queue)
            orderly = True
        finally:
            self._stop_children(orderly)
            self._passed.close()

    def _start_children(self) -> None:
        import multiprocessing
        for rank in range(1, self.workers):
            parent_end, child_end = multiprocessing.Pipe()
            pid = os.fork()
            if pid == 0:                                     # the worker process
                parent_end.close()
                for conn in self._conns:
                    conn.close()
                child_main(self, rank, child_end)           # never returns
            child_end.close()
            self._conns.append(parent_end)
            self._pids.append(pid)

    def _stop_children(self, orderly: bool) -> None:
        """End the worker processes: asked to, with their totals, after an orderly search
        (each waits for a request then); killed when the search failed (one may be in
        the middle of sending a report that nobody will read)."""
        self._flags.request_interrupt()
        if not orderly:
            for pid in self._pids:
                _kill(pid)
        for conn in self._conns if orderly else ():
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
                    _kill(pid)
            except (EOFError, OSError):
                pass
            conn.close()
        for pid in self._pids:
            try:
                if pid > 0:
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

    def _merge_parts(self, rank: int, merge: "_LevelMerge") -> Report:
        """Fold worker ``rank``'s report into ``merge``, asking for parts while it works
        (none once an earlier worker has stopped the search: only its end matters then);
        its last part."""
        while True:
            if merge.cutoff is None:
                self._call(rank, ("more",))
            kind, part = self._receive(rank)
            merge.fold(rank, part)
            if kind == "report":
                return part

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
            if own.fps:
                # worker 0's candidates are all new (its slice comes first): the others
                # learn them while they are still exploring, not at the end of the level
                size = self._passed.write(own.fps)
                for rank in range(1, self.workers):
                    self._call(rank, ("claimed", size))
            # worker 0's slice comes first in BFS order: fold it in, then the others' in
            # parts while they work
            merge.fold(0, own)
            seconds = [own.seconds]
            for rank in range(1, self.workers):
                seconds.append(self._merge_parts(rank, merge).seconds)
            seconds[0] += merge.seconds
            self._learn_rates(merge.explored, seconds)
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
    def _learn_rates(self, explored: list[int], seconds: list[float]) -> None:
        """States per second of each worker in the level just done (smoothed; ``seconds``:
        each worker's time, worker 0's with merging): the next level's parts are made
        proportional to them, so that worker 0, which also merges, gets less."""
        rates = self._rates
        for rank, (count, spent) in enumerate(zip(explored, seconds)):
            if count >= 64 and spent > 0:
                rate = count / spent
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
        if violation.kind in RECOVERABLE:
            self._report(violation)
        else:
            out.violation = violation

    def _next_level(self, keeps: list[bytearray], found: list[range],
                    carry: Optional[StateQueue]) -> None:
        """Every worker keeps its new states (worker 0 after ``carry``), the slices are
        evened out, every worker learns the new fingerprints the others found (``found``:
        the store indices of each worker's new states)."""
        sizes = [sum(k) for k in keeps]
        if carry is not None:
            sizes[0] += len(carry)
        weights = None
        if all(rate is not None for rate in self._rates):
            weights = self._rates
        plans = plan_moves(sizes, weights=weights)
        fps = self.store.fps
        level_new = range(len(fps) - sum(map(len, found)), len(fps))
        # worker 0's new states were passed on as its candidates ("claimed")
        after_first = found[0].stop if found[0] else level_new.start
        for rank in range(1, self.workers):
            mine = found[rank] or range(level_new.stop, level_new.stop)
            others = fps[after_first:mine.start] + fps[mine.stop:level_new.stop]
            self._call(rank, ("keep", bytes(keeps[rank]), plans[rank], others.tobytes()))
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
    order) into the store and the counts, as they arrive: ``fold`` each worker's parts in
    rank order, then ``finish``.

    A candidate an earlier worker found first is not new. The first stopping event,
    or the first state a worker did not explore (an interruption), is where the
    one-process search would have stopped: nothing after it counts."""

    def __init__(self, search: ParallelSearch, starts: list[int], level: int):
        self.search = search
        self.starts = starts
        self.level = level
        self.keep_going = search.checks.keep_going
        #: per worker, which of its candidates are new (in the order it reported them)
        self.keeps: list[bytearray] = [bytearray() for _ in starts]
        #: per worker, the store indices of the new states it found (a contiguous range)
        self.found: list[range] = [range(0) for _ in starts]
        self.explored = [0] * len(starts)        # states of each slice folded so far
        self.final_at: dict[tuple[int, int], int] = {}
        self.cutoff: Optional[tuple[int, int]] = None
        self.stopper: Optional[Event] = None
        self.seconds = 0.0                       # time spent folding

    def fold(self, rank: int, report: Report) -> None:
        started = time.perf_counter()
        search, store, out = self.search, self.search.store, self.search.outcome
        keep = self.keeps[rank]
        first_explored = self.starts[rank] + self.explored[rank]
        self.explored[rank] += report.explored
        if self.cutoff is not None:              # an earlier worker stopped the search
            keep.extend(bytes(len(report.fps) // 8))
            return
        stopping = [e for e in report.events if e.stops(self.keep_going)]
        if stopping:
            self.stopper = stopping[0]
            self.cutoff = self.stopper.position
        elif report.final and self.explored[rank] < search._sizes[rank]:
            self.cutoff = (self.starts[rank] + self.explored[rank], BEFORE)
        cutoff, level = self.cutoff, self.level
        # new states, up to the cutoff
        fps, parents, ordinals = (array("Q", report.fps), array("q", report.parents),
                                  array("q", report.ordinals))
        flags = bytearray(len(fps))
        final_at, insert = self.final_at, store.insert
        # the store indices of new states are needed for the events' reports only
        wanted = {e.position for e in report.events}
        lo, depth = len(store), level + 1
        # worker 0's candidates are in the store's set already (all new); another
        # worker's candidate is new unless an earlier worker's is the same state
        if cutoff is None and not wanted and not store.keeps_states:
            # the usual part: the new candidates are stored in order, in one batch
            if rank == 0:
                flags = bytearray(b"\1") * len(fps)
                store.record(fps, parents, depth)
            else:
                flags = store.seen.add_each(fps)
                store.record(array("Q", compress(fps, flags)),
                             array("q", compress(parents, flags)), depth)
        else:
            for i, fp in enumerate(fps):
                if cutoff is not None and (parents[i], ordinals[i]) > cutoff:
                    break
                if rank == 0:
                    index = len(store)
                    store.record(array("Q", (fp,)), array("q", (parents[i],)), depth)
                else:
                    index = insert(fp, parents[i], depth)
                    if index < 0:
                        continue
                flags[i] = 1
                if wanted and (parents[i], ordinals[i]) in wanted:
                    final_at[parents[i], ordinals[i]] = index
        keep.extend(flags)
        found = self.found[rank]
        self.found[rank] = range(found.start if found else lo, len(store))
        if len(store) > lo and depth > out.depth:
            out.depth = depth
        # successors generated and outdegree of the states explored before the cutoff
        generated = array("q", report.generated)
        counted = len(generated)
        if cutoff is not None:
            last = cutoff[0] if self.stopper is not None and self.stopper.kind == "exit" \
                else cutoff[0] - 1
            counted = max(0, min(counted, last - first_explored + 1))
        out.generated += sum(generated[:counted])
        # (a state stopped in is not counted: its successors were not all generated)
        end = first_explored + counted
        new_per_parent = [c for p, c in Counter(compress(parents, flags)).items() if p < end]
        outdegree = out.outdegree
        outdegree[0] += counted - len(new_per_parent)
        for c in new_per_parent:
            outdegree[c if c < 31 else 31] += 1
        stopper = self.stopper
        if stopping and stopper.kind not in ("exit", "deadlock", "memory"):
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
        self.seconds += time.perf_counter() - started

    def finish(self, round_end: int, carry: Optional[StateQueue]) -> bool:
        """Stop the search here (True) or hand out the next level."""
        search = self.search
        if self.cutoff is None:
            search.outcome.queue_left = len(search.store) - round_end
            search._next_level(self.keeps, self.found, carry)
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


def _kill(pid: int) -> None:
    """Kill a worker process (``pid`` -1: already reaped)."""
    if pid > 0:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _error(event: Event) -> Optional[BaseException]:
    return pickle.loads(event.error) if event.error is not None else None
