"""The breadth-first search's queue, which spills to disk when it grows large (TLC's
``DiskStateQueue``).

Takes: states appended at the back, taken from the front. Gives: them back in the same
order. Up to ``threshold`` states live in memory; beyond that, newly appended states are
gathered in chunks of ``chunk`` states, each pickled to its own file in a private directory
(created at the first spill, under ``directory`` or the system's temporary directory) and
read back, then deleted, when the front of the queue reaches it. So the memory a queue uses
is bounded by about ``threshold + 2 * chunk`` states whatever the size of a BFS level.

The threshold comes from the environment variable ``PYTLC_QUEUE_STATES`` when set (tests use
a tiny one), else :data:`DEFAULT_THRESHOLD`. A chunk that cannot be written (disk full, no
permission) raises :class:`SpillError`, whose message names the directory and the reason.
"""
from __future__ import annotations

import os
import pickle
import weakref
from collections import deque
from itertools import islice
from typing import Iterable, Iterator, Optional

from tla.checker import pickling
from tla.errors import TLAError

THRESHOLD_ENV = "PYTLC_QUEUE_STATES"
DEFAULT_THRESHOLD = 1_000_000
DEFAULT_CHUNK = 20_000


class SpillError(TLAError):
    """The queue could not be written to or read back from disk."""


def threshold_from_environment() -> int:
    raw = os.environ.get(THRESHOLD_ENV)
    if not raw:
        return DEFAULT_THRESHOLD
    try:
        value = int(raw)
    except ValueError:
        raise SpillError(f"{THRESHOLD_ENV} must be a number of states, not {raw!r}.")
    if value < 1:
        raise SpillError(f"{THRESHOLD_ENV} must be at least 1.")
    return value


class StateQueue:
    """A FIFO of states: ``front`` (in memory, oldest), then spilled chunk files, then
    ``back`` (in memory, newest, not yet a full chunk)."""

    def __init__(self, states: Iterable = (), directory: Optional[str] = None,
                 threshold: Optional[int] = None, chunk: Optional[int] = None):
        self.threshold = threshold if threshold is not None else threshold_from_environment()
        self.chunk = chunk if chunk is not None else max(1, min(DEFAULT_CHUNK, self.threshold))
        self.directory = directory
        self.front: deque = deque()
        self.back: list = []
        self.chunks: deque = deque()            # (path, number of states), oldest first
        self.spilled = 0                        # states in chunk files
        self.chunks_written = 0
        self._dir: Optional[str] = None
        self._finalizer = None
        for state in states:
            self.append(state)

    def __len__(self) -> int:
        return len(self.front) + self.spilled + len(self.back)

    def __bool__(self) -> bool:
        return bool(self.front) or self.spilled > 0 or bool(self.back)

    def append(self, state) -> None:
        if self.spilled == 0 and not self.back and len(self.front) < self.threshold:
            self.front.append(state)
            return
        back = self.back
        back.append(state)
        if len(back) >= self.chunk:
            self._spill()

    def extend(self, states: Iterable) -> None:
        """Append every state of ``states`` (an iterable, consumed once)."""
        states = iter(states)
        if self.spilled == 0 and not self.back:
            self.front.extend(islice(states, max(0, self.threshold - len(self.front))))
        for state in states:
            self.append(state)

    def popleft(self):
        front = self.front
        if not front:
            self._refill()
        return front.popleft()

    def __iter__(self) -> Iterator:
        """The states in order, without taking them (chunks are read, not deleted)."""
        yield from self.front
        for path, _ in list(self.chunks):
            yield from self._read(path)
        yield from self.back

    # ------------------------------------------------------------------ chunks
    def _spill(self) -> None:
        if self._dir is None:
            self._dir = self._make_dir()
        path = os.path.join(self._dir, f"chunk-{self.chunks_written:08d}.pickle")
        data = pickling.dumps(self.back)
        try:
            with open(path, "wb") as f:
                f.write(data)
        except OSError as exc:
            _remove_quietly(path)
            raise SpillError(f"Cannot write the queue of states to disk in {self._dir}: "
                             f"{exc.strerror or exc}.")
        self.chunks.append((path, len(self.back)))
        self.spilled += len(self.back)
        self.chunks_written += 1
        self.back = []

    def _refill(self) -> None:
        if self.chunks:
            path, count = self.chunks.popleft()
            states = self._read(path)
            _remove_quietly(path)
            self.spilled -= count
            self.front.extend(states)
        elif self.back:
            self.front.extend(self.back)
            self.back = []

    def _read(self, path: str) -> list:
        try:
            with open(path, "rb") as f:
                return pickling.loads(f.read())
        except (OSError, EOFError, ValueError, pickle.UnpicklingError) as exc:
            raise SpillError(f"Cannot read back the queue of states from {path}: {exc}.")

    def _make_dir(self) -> str:
        import tempfile                 # only a queue that spills needs it (start-up time)
        created = None
        try:
            if self.directory is not None and not os.path.isdir(self.directory):
                created = os.path.abspath(self.directory)
                while not os.path.isdir(os.path.dirname(created)):
                    created = os.path.dirname(created)
                os.makedirs(self.directory)
            path = tempfile.mkdtemp(prefix="pytlc-queue-", dir=self.directory)
        except OSError as exc:
            where = self.directory or tempfile.gettempdir()
            raise SpillError(f"Cannot create a directory for the queue of states in {where}: "
                             f"{exc.strerror or exc}.")
        self._finalizer = weakref.finalize(self, _remove_tree, path, created)
        return path

    def move_to_disk(self) -> bool:
        """Memory is short: from now on keep at most one chunk of states in memory, and
        write the others there are now to disk; False when there was nothing to move."""
        self.threshold = self.chunk
        moved = False
        if self.back:
            self._spill()
            moved = True
        keep = self.chunk
        if len(self.front) > keep:
            # the newest states of the front go to disk, ahead of the chunks already there
            # (which are newer still); ``back`` is empty here
            later_chunks, self.chunks = self.chunks, deque()
            while len(self.front) > keep:
                batch = [self.front.pop() for _ in range(min(self.chunk, len(self.front) - keep))]
                batch.reverse()
                self.back = batch
                self._spill()
            self.chunks.reverse()              # written newest first
            self.chunks.extend(later_chunks)
            moved = True
        return moved

    # ------------------------------------------------------------------ lifetime
    def chunk_bytes(self, skip: int = 0) -> list[bytes]:
        """The queue, without its first ``skip`` states, as pickled chunks (a checkpoint's
        copy; the queue is unchanged)."""
        if skip:
            return self._chunks_after(skip)
        out = []
        if self.front:
            out.append(pickling.dumps(list(self.front)))
        for path, _ in self.chunks:
            try:
                with open(path, "rb") as f:
                    out.append(f.read())
            except OSError as exc:
                raise SpillError(f"Cannot read back the queue of states from {path}: "
                                 f"{exc.strerror or exc}.")
        if self.back:
            out.append(pickling.dumps(self.back))
        return out

    def _chunks_after(self, skip: int) -> list[bytes]:
        out, batch = [], []
        for position, state in enumerate(self):
            if position < skip:
                continue
            batch.append(state)
            if len(batch) >= self.chunk:
                out.append(pickling.dumps(batch))
                batch = []
        if batch:
            out.append(pickling.dumps(batch))
        return out

    @classmethod
    def from_chunk_bytes(cls, chunks: list[bytes], **options) -> "StateQueue":
        queue = cls(**options)
        for data in chunks:
            for state in pickling.loads(data):
                queue.append(state)
        return queue

    def close(self) -> None:
        """Delete the spill files; the queue is empty afterwards."""
        self.front.clear()
        self.back = []
        self.chunks.clear()
        self.spilled = 0
        if self._finalizer is not None:
            self._finalizer()
            self._finalizer = None
            self._dir = None

    @property
    def spill_directory(self) -> Optional[str]:
        return self._dir


def _remove_tree(path: str, created_top: Optional[str]) -> None:
    """Remove a spill directory, and the directories above it up to ``created_top`` that
    the queue created and nothing else was put in (a run directory made only for the queue
    leaves nothing behind)."""
    import shutil
    shutil.rmtree(path, ignore_errors=True)
    if created_top is None:
        return
    parent = os.path.dirname(os.path.abspath(path))
    while True:
        try:
            os.rmdir(parent)
        except OSError:
            return
        if parent == created_top or len(parent) <= len(created_top):
            return
        parent = os.path.dirname(parent)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
