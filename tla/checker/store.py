"""What the breadth-first search remembers about the states it has found.

Takes: one 64-bit fingerprint per distinct state (``tla.checker.fingerprints``), with the
index of its predecessor. Gives: "was this state seen?", and the path of indices from an
initial state to any found state, from which ``tla.checker.trace`` rebuilds the states by
replaying the next-state relation (TLC's way: its ``FPSet`` holds fingerprints only and its
trace file predecessor pointers).

Memory per distinct state (see README, "Speed and memory"):

* :class:`FingerprintSet`: an open-addressing table of fingerprints in an ``array('Q')``,
  8 bytes per slot, kept between a quarter and a half full: 16 to 32 bytes per state (a
  Python ``set`` of ints takes 60 to 90, and a lookup here costs about twice as much);
* the trace arrays: the predecessor's index and the fingerprint, 16 bytes;
* BFS levels are not stored per state: states are numbered in BFS order, so the first index
  of every level is enough.

Whole states are kept only when a feature needs every one of them after the search
(``keep_states``: the liveness checker evaluates its predicates on every state and needs the
index of every edge's target), in :attr:`StateStore.states` with an index by fingerprint.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from operator import sub
from typing import Any, Optional

#: empty slot marker; fingerprints are never 0 (``tla.checker.fingerprints``)
_EMPTY = 0


class FingerprintSet:
    """A set of nonzero 64-bit ints with linear probing in one flat array.

    The table doubles when it is half full, so lookups take about 1.5 probes (hits) to 2.5
    (misses) on average.
    """

    __slots__ = ("table", "mask", "count", "limit")

    def __init__(self, capacity: int = 1 << 12):
        size = 1 << max(4, (capacity - 1).bit_length())
        self.table = array("Q", bytes(8 * size))
        self.mask = size - 1
        self.count = 0
        self.limit = size // 2

    def __len__(self) -> int:
        return self.count

    def __contains__(self, fp: int) -> bool:
        table, mask = self.table, self.mask
        i = fp & mask
        while True:
            v = table[i]
            if v == fp:
                return True
            if v == _EMPTY:
                return False
            i = (i + 1) & mask

    def add(self, fp: int) -> bool:
        """Insert ``fp``; True when it was not there yet."""
        table, mask = self.table, self.mask
        i = fp & mask
        while True:
            v = table[i]
            if v == fp:
                return False
            if v == _EMPTY:
                table[i] = fp
                self.count += 1
                if self.count > self.limit:
                    self._grow()
                return True
            i = (i + 1) & mask

    def update(self, fps) -> None:
        self.add_all_new(fps)

    def add_all_new(self, fps) -> bool:
        """Insert every fingerprint of ``fps``; False if one was there already."""
        return 0 not in self.add_each(fps)

    def add_each(self, fps) -> bytearray:
        """Insert every fingerprint of ``fps``; 1 for each that was not there yet, else 0."""
        table, mask = self.table, self.mask
        room = self.limit - self.count
        flags = bytearray(len(fps))
        for k, fp in enumerate(fps):
            if room <= 0:
                self._grow()
                table, mask, room = self.table, self.mask, self.limit - self.count
            i = fp & mask
            while True:
                v = table[i]
                if v == _EMPTY:
                    table[i] = fp
                    self.count += 1
                    room -= 1
                    flags[k] = 1
                    break
                if v == fp:
                    break
                i = (i + 1) & mask
        return flags

    def __iter__(self):
        for v in self.table:
            if v != _EMPTY:
                yield v

    def _grow(self) -> None:
        old = self.table
        size = 2 * len(old)
        table = array("Q", bytes(8 * size))
        mask = size - 1
        for fp in old:
            if fp != _EMPTY:
                i = fp & mask
                while table[i] != _EMPTY:
                    i = (i + 1) & mask
                table[i] = fp
        self.table, self.mask, self.limit = table, mask, size // 2

    def memory_bytes(self) -> int:
        return self.table.itemsize * len(self.table)

    def min_distance(self, bucket_size: int = 1 << 20) -> Optional[int]:
        """The smallest difference between two fingerprints in the set (TLC's
        ``FPSet.checkFPs``, whose inverse estimates the collision probability "based on the
        actual fingerprints"); None with fewer than two.

        The fingerprints are split by their high bits into buckets of about ``bucket_size``
        (arrays, 8 bytes each) and each bucket is sorted on its own, so that this needs
        about 8 bytes per fingerprint plus one sorted bucket, not a sorted list of all."""
        if self.count < 2:
            return None
        if self.count <= bucket_size:          # one bucket: sorted at C speed
            ordered = sorted(filter(None, self.table))
            return min(map(sub, ordered[1:], ordered))
        shift = 64 - max(0, (self.count // bucket_size).bit_length())
        buckets: dict[int, array] = {}
        for fp in self:
            key = fp >> shift
            bucket = buckets.get(key)
            if bucket is None:
                bucket = buckets[key] = array("Q")
            bucket.append(fp)
        best, previous = None, None
        for key in sorted(buckets):
            ordered = sorted(buckets.pop(key))
            if previous is not None:
                ordered.insert(0, previous)
            for a, b in zip(ordered, ordered[1:]):
                if best is None or b - a < best:
                    best = b - a
            previous = ordered[-1]
        return best


class StateStore:
    """The distinct states found, by index in BFS order: fingerprint, predecessor, level.

    ``keep_states``: also keep every state whole and an index by fingerprint (what the
    liveness checker needs after the search).
    """

    def __init__(self, keep_states: bool = False):
        self.seen = FingerprintSet()
        self.fps = array("Q")
        self.parent = array("q")
        #: level_starts[L - 1] is the index of the first state of BFS level L
        self.level_starts: list[int] = []
        self.states: Optional[list] = [] if keep_states else None
        self.index_of: Optional[dict[int, int]] = {} if keep_states else None

    def __len__(self) -> int:
        return len(self.fps)

    @property
    def keeps_states(self) -> bool:
        return self.states is not None

    def insert(self, fp: int, parent: int, level: int, state: Any = None) -> int:
        """Record the state with fingerprint ``fp`` found from ``parent`` (-1 for an initial
        state) at BFS ``level`` (levels come in BFS order); its new index, or -1 when a
        state with that fingerprint was found before."""
        if not self.seen.add(fp):
            return -1
        index = len(self.fps)
        self.fps.append(fp)
        self.parent.append(parent)
        if len(self.level_starts) < level:
            self.level_starts.append(index)
        if self.states is not None:
            self.states.append(state)
            self.index_of[fp] = index
        return index

    def record(self, fps: "array", parents: "array", level: int) -> None:
        """Number states whose fingerprints the set already holds (new ones a parallel
        search put there first), in order, without their states."""
        if fps and len(self.level_starts) < level:
            self.level_starts.append(len(self.fps))
        self.fps.extend(fps)
        self.parent.extend(parents)

    @property
    def level(self) -> "_Levels":
        """``store.level[i]``: the BFS level of state ``i`` (a view; nothing is stored)."""
        return _Levels(self)

    def level_of(self, index: int) -> int:
        """The BFS level of state ``index`` (initial states are level 1)."""
        return bisect_right(self.level_starts, index)

    @property
    def depth(self) -> int:
        return len(self.level_starts)

    def path_to(self, index: int) -> list[int]:
        """Indices from an initial state to ``index``, inclusive."""
        path = []
        while index >= 0:
            path.append(index)
            index = self.parent[index]
        path.reverse()
        return path

    def memory_bytes(self) -> int:
        """Bytes of the fingerprint set and the trace arrays (whole states not counted)."""
        return (self.seen.memory_bytes() + self.fps.itemsize * len(self.fps)
                + self.parent.itemsize * len(self.parent))


class _Levels:
    __slots__ = ("store",)

    def __init__(self, store: StateStore):
        self.store = store

    def __getitem__(self, index: int) -> int:
        return self.store.level_of(index)

    def __len__(self) -> int:
        return len(self.store)
