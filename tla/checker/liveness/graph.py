"""The state graph the breadth-first search explores, kept for liveness checking.

Takes the search's edge events (``Search(on_edge=graph.add_edge)``: source and target
indices into the search's state store); gives the successors of every state in compressed
sparse row form: ``targets[starts[i]:starts[i + 1]]``. Every state also has an implicit
stuttering step to itself (TLA behaviours may stutter), numbered ``len(targets) + i`` where
edges need numbers.

Memory: 4 bytes per distinct edge and 8 per state, in ``array`` buffers (no Python object
per edge). The search explores states in index order, so edges arrive grouped by source.
"""
from __future__ import annotations

from array import array


class BehaviourGraph:
    def __init__(self) -> None:
        self.starts = array("q")
        self.targets = array("i")
        self._source = -1
        self._seen: set = set()
        self.closed = False

    def add_edge(self, src: int, dst: int) -> None:
        if src != self._source:
            starts, n = self.starts, len(self.targets)
            while len(starts) <= src:
                starts.append(n)
            self._source = src
            self._seen = set()
        if dst in self._seen:
            return                  # the same step by another action: one edge is enough
        self._seen.add(dst)
        self.targets.append(dst)

    def close(self, states: int) -> None:
        """Called once the search is done; ``states`` is the number of distinct states."""
        starts, n = self.starts, len(self.targets)
        while len(starts) <= states:
            starts.append(n)
        self._seen = set()
        self.closed = True

    @property
    def states(self) -> int:
        return len(self.starts) - 1

    @property
    def edges(self) -> int:
        return len(self.targets)

    def successors(self, s: int):
        """(target, edge number) pairs of state ``s``, its stuttering step last."""
        lo, hi = self.starts[s], self.starts[s + 1]
        targets = self.targets
        for e in range(lo, hi):
            yield targets[e], e
        yield s, len(targets) + s

    def memory_bytes(self) -> int:
        return (self.starts.itemsize * len(self.starts)
                + self.targets.itemsize * len(self.targets))
