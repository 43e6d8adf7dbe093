"""The worker side of the parallel search (``tla.checker.parallel``): what each process
does with its slice of a BFS level, what it reports, and how slices are evened out.

Takes: a search (its successor function, checks, fingerprint), the fingerprints of the
earlier levels and the slice of states to expand. Gives: a :class:`Report` (counts per
state, the successors new to this worker, the events that would stop or be reported by the
one-process search, each at its position), and, once the coordinator has said which of its
successors are new, this worker's part of the next level.

A position is ``(index of the state explored, number of its successor)`` (every generated
successor counts); positions order events exactly as the one-process search meets them.
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
from itertools import chain, compress, islice
from dataclasses import dataclass, field
from typing import Optional

from tla.checker import pickling
from tla.checker.memory import FULL, MemoryLimitError
from tla.checker.search import Search, _has_hole
from tla.checker.spill import SpillError, StateQueue
from tla.errors import EvalError, InternalError, TLAError

#: ordinal of events that come after every successor of their state (deadlock, exit)
AFTER = 1 << 40
#: ordinal of "this state was not explored" (an interruption before it)
BEFORE = -1

#: event kinds that stop the search even with -continue
RECOVERABLE = ("invariant", "action_property")


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
        return not keep_going or self.kind not in RECOVERABLE


@dataclass
class Report:
    """One worker's expansion of its slice of a level, or a part of it: the states explored
    since the previous part (a worker sends parts while it works when the coordinator asks
    for them, so that merging overlaps exploring; the last part is ``final``)."""
    explored: int                       # states of the slice explored completely
    generated: bytes                    # array('q'): successors of each explored state
    fps: bytes                          # array('Q'): candidates' fingerprints
    parents: bytes                      # array('q'): candidates' predecessors
    ordinals: bytes                     # array('q'): candidates' successor numbers
    events: list = field(default_factory=list)
    seconds: float = 0.0                # wall time of the expansion so far
    final: bool = True


class WorkerCrashed(InternalError):
    """A worker process failed or died (a bug, or the operating system killed it)."""


class SharedFlags:
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


class PassedFingerprints:
    """Fingerprints the coordinator passes on to the workers while they explore (worker 0's
    candidates, see ``tla.checker.parallel``), through an anonymous file made before
    forking: the coordinator writes them, each worker reads them with ``pread``, and only
    their size goes through the pipes. A large message in a pipe would block the
    coordinator until the worker reads it, while that worker may itself be blocked sending
    its report: neither would ever read."""

    def __init__(self):
        self._file = None
        try:
            self.fd = os.memfd_create("pytlc-fingerprints")
        except (AttributeError, OSError):                # no memfd: an unlinked file
            import tempfile
            self._file = tempfile.TemporaryFile()
            self.fd = self._file.fileno()

    def write(self, data: bytes) -> int:
        """Replace the contents by ``data``; its size, for :meth:`read`."""
        view, done = memoryview(data), 0
        while done < len(data):
            done += os.pwrite(self.fd, view[done:], done)
        return len(data)

    def read(self, size: int) -> bytes:
        chunks, done = [], 0
        while done < size:
            chunk = os.pread(self.fd, size - done, done)
            if not chunk:
                raise InternalError("the fingerprints passed on to a worker are cut short")
            chunks.append(chunk)
            done += len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        else:
            os.close(self.fd)


class Worker:
    """What one process does: expand its slice, keep its candidates, build its next slice.

    ``seen`` holds the fingerprints of every earlier level. Each worker adds its
    candidates to it as it finds them. A worker process (rank > 0) has its own copy of
    the set (a candidate another worker claimed first is in that worker's new
    fingerprints anyway); it adds worker 0's candidates as soon as they are passed on (a
    successor among them is no candidate: worker 0's slice comes first), so that between
    levels it only learns the new states of workers 1 and up. Worker 0's set is the
    store's: its candidates, all new, are in it before the merge numbers them, and the
    merge finds the other workers' candidates that are not new there (a cutoff that
    leaves some of worker 0's candidates unnumbered ends the search)."""

    #: every ``CHECK_MASK + 1`` states explored (a power of two) a worker checks that the
    #: coordinator is alive, polls the memory guard and answers a request for a part
    CHECK_MASK = 255

    def __init__(self, search: Search, rank: int, seen, flags: SharedFlags, stream=None):
        self.search = search
        self.rank = rank
        self.seen = seen
        self.flags = flags
        #: where parts of a report go while expanding (``Stream``), or None
        self.stream = stream
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
        constrained = bool(checks.constraints or checks.action_constraints)
        in_model = search.in_model
        invariants = checks.invariants
        action_properties = checks.action_properties
        keep_going = checks.keep_going
        successors = search.successors
        stop_requested = search.stop_requested
        control = search.control if self.rank == 0 else None
        guard = search.memory_guard or None
        collector = search.collector
        flags, rank = self.flags, self.rank
        stream, check_mask = self.stream, self.CHECK_MASK
        add_seen = seen.add
        if self.candidates is not None:
            self.candidates.close()
        candidates = self.candidates = search.new_queue()
        gen_counts = array("q")
        fps, parents, ordinals = array("Q"), array("q"), array("q")
        events: list[Event] = []
        index = start - 1

        started = time.perf_counter()
        sent = [0, 0, 0]            # what earlier parts held: explored, candidates, events

        def report(final: bool = True) -> Report:
            g, c, e = sent
            part = Report(len(gen_counts) - g, gen_counts[g:].tobytes(), fps[c:].tobytes(),
                          parents[c:].tobytes(), ordinals[c:].tobytes(), events[e:],
                          time.perf_counter() - started, final)
            sent[:] = len(gen_counts), len(fps), len(events)
            return part

        try:
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
                        if constrained and not in_model(state, succ, level):
                            continue
                        ctx.level = level + 1
                        fp = fingerprint(succ)
                        new = add_seen(fp)
                        if new:
                            candidates.append(succ)
                            fps.append(fp)
                            parents.append(index)
                            ordinals.append(ordinal)
                            for name, holds in invariants:
                                try:
                                    ok = holds(succ)
                                except EvalError as exc:
                                    events.append(Event("invariant_error", index, ordinal, generated,
                                                        name, True, pickled_error(exc)))
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
                                                    generated, name, new, pickled_error(exc)))
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
                                        error=pickled_error(exc)))
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
                if len(gen_counts) & check_mask == 0:
                    if collector is not None:
                        collector.tick()
                    if rank > 0 and os.getppid() != self.parent_pid:
                        os._exit(3)                  # the coordinator is gone
                    if stream is not None and stream.wanted():
                        stream.send(report(final=False))
                    pressure = guard.poll() if guard is not None else 0
                    if pressure:
                        moved = self.frontier.move_to_disk() | candidates.move_to_disk()
                        if pressure == FULL and not moved:
                            events.append(Event("memory", index + 1, BEFORE,
                                                error=pickled_error(guard.error())))
                            flags.request_interrupt()
                            return report()
        except (SpillError, MemoryLimitError) as exc:
            if rank == 0:
                raise
            # before the first state not explored completely, as with the memory guard
            events.append(Event("memory", start + len(gen_counts), BEFORE,
                                error=pickled_error(exc)))
            flags.request_interrupt()
        return report()

    # ------------------------------------------------------------------ next slice
    def next_slice(self, keep: bytes, carry: Optional[StateQueue], plan: "Plan") -> list:
        """Keep the candidates ``keep`` marks (after ``carry``, states of the next level this
        worker already held), cut off what ``plan`` sends to other workers; returns the
        outgoing pieces as (destination, pickled states) and keeps the rest for
        :meth:`assemble`."""
        candidates = self.candidates
        states = chain(carry if carry is not None else (),
                       compress(candidates, keep) if candidates is not None else ())
        own = self.search.new_queue()
        outgoing = []
        position = 0
        for dst, offset, count in sorted(plan.send, key=lambda move: move[1]):
            own.extend(islice(states, offset - position))
            outgoing.append((dst, pickling.dumps(list(islice(states, count)))))
            position = offset + count
        own.extend(states)
        if carry is not None:
            carry.close()
        if candidates is not None:
            candidates.close()
            self.candidates = None
        self.own = own
        return outgoing

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
                frontier.extend(pickling.loads(data))
        own = self.own
        if own is not None:
            frontier.extend(own)
            own.close()
        for src, data in pieces:
            if src > self.rank:
                frontier.extend(pickling.loads(data))
        self.frontier.close()
        self.frontier = frontier
        self.own = None
        return len(frontier)

    def kept(self, keep: bytes) -> list[bytes]:
        """The candidates ``keep`` marks, as pickled chunks."""
        states = [state for flag, state in zip(keep, self.candidates or ()) if flag]
        return [pickling.dumps(states)] if states else []


@dataclass
class Plan:
    """Moves that make the next level's slices even: ``send`` lists (destination, offset in
    this worker's part, count); ``receive`` the ranks that send to this worker."""
    send: list = field(default_factory=list)
    receive: list = field(default_factory=list)


def plan_moves(sizes: list[int], tolerance: float = 0.05, minimum: int = 64,
               weights: Optional[list[float]] = None) -> list[Plan]:
    """Plans making contiguous parts of ``sizes`` proportional to ``weights`` (equal by
    default); nothing moves when every part is within ``tolerance`` of its share or
    ``minimum`` states of it."""
    n = len(sizes)
    total = sum(sizes)
    plans = [Plan() for _ in range(n)]
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


def pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc, protocol=pickling.PROTOCOL)
    except Exception:
        return pickle.dumps(EvalError(getattr(exc, "message", str(exc))),
                            protocol=pickling.PROTOCOL)


# ------------------------------------------------------------------------------ workers
class Stream:
    """A worker process's line to the coordinator while it expands: every 256 states it
    looks for a request ("more": the coordinator has merged everything before and waits)
    and answers it with the part of its report explored since the last one. Fingerprints
    the coordinator passes on while the worker expands ("claimed") are added to its set at
    once (``learn``); any other request read on the way is kept for the request loop."""

    def __init__(self, conn, learn):
        self.conn = conn
        self.learn = learn
        self.pending = None

    def wanted(self) -> bool:
        conn = self.conn
        while self.pending is None and conn.poll():
            message = conn.recv()
            if message[0] == "more":
                return True
            if message[0] == "claimed":
                self.learn(message[1])
            else:
                self.pending = message
        return False

    def send(self, part: Report) -> None:
        self.conn.send(("part", part))

    def next_request(self):
        message, self.pending = self.pending, None
        return message if message is not None else self.conn.recv()


def child_main(search: ParallelSearch, rank: int, conn) -> None:
    """Worker process ``rank``: serve the coordinator's requests until told to exit. Never
    returns."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)     # the coordinator decides
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if search.control is not None:
            search.control.stop_timer()
            search.control = None
        seen = search.store.seen

        def learn(size: int) -> None:
            seen.update(array("Q", search._passed.read(size)))

        stream = Stream(conn, learn)
        me = Worker(search, rank, seen, search._flags, stream)
        # counters the coordinator had when it forked this process are its own
        base = search.child_totals() if search.child_totals is not None else {}
        while True:
            message = stream.next_request()
            op = message[0]
            if op == "more":
                continue                # asked for after the last part: the report answers it
            if op == "expand":
                report = me.expand(message[1], message[2])
                sys.stdout.flush()
                conn.send(("report", report))
            elif op == "claimed":
                learn(message[1])
            elif op == "keep":
                _, keep, plan, new_fps = message
                seen.update(array("Q", new_fps))
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
    except (TLAError, RecursionError) as exc:      # reported by the coordinator as its own
        try:
            conn.send(("error", pickled_error(exc)))
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
