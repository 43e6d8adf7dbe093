"""The behaviour graph: the state graph the search explores, labelled with the values of the
temporal formulas' atoms, kept for liveness checking.

Takes, through :class:`~tla.checker.liveness.atoms.AtomRecorder`, the search's states and
steps (indices into the search's state store, in the order the search finds them); gives
the successors of every state in compressed sparse row form,
``targets[starts[i]:starts[i + 1]]``, and the atom values as bit sets: ``state_bits[i]``
(the state atoms on state i), ``edge_bits[e]`` (the action atoms on edge e) and
``stutter_bits[i]`` (the action atoms on the stuttering step i -> i, which every state has,
as TLA behaviours may stutter). No state value is kept: once a state's atoms are recorded,
the search may forget it.

The search explores states in index order, so edges arrive grouped by source, and a state
is *done* (all its edges known) once a later state is explored; ``done`` counts them.

Memory: 8 bytes per state for ``starts``, 4 per distinct edge for ``targets``, plus the bit
sets (1 byte per state and per edge while there are at most 8 atoms of each kind), all in
``array`` buffers (no Python object per state or edge). The graph is saved in checkpoints.
"""
from __future__ import annotations

from array import array


def bits_array(width: int):
    """An empty sequence of bit sets of ``width`` bits: an array when they fit in 64 bits,
    else a list of Python ints."""
    for code, bits in (("B", 8), ("H", 16), ("I", 32), ("Q", 64)):
        if width <= bits and array(code).itemsize * 8 >= bits:
            return array(code)
    return []


class BehaviourGraph:
    def __init__(self, state_width: int = 0, action_width: int = 0) -> None:
        self.starts = array("q")
        self.targets = array("i")
        self.state_bits = bits_array(state_width)
        self.edge_bits = bits_array(action_width)
        self.stutter_bits = bits_array(action_width)
        #: state index -> bits of ENABLED atoms still being decided on the state's steps
        #: (``tla.checker.liveness.atoms``)
        self.pending: dict = {}
        #: atoms not evaluated yet, until a check needs them (``AtomRecorder.resolve``):
        #: state index -> state atom bits, edge number or state index (its stuttering
        #: step) -> action atom bits
        self.waiting_states: dict = {}
        self.waiting_edges: dict = {}
        self.waiting_stutter: dict = {}
        self._source = -1
        self._seen: dict = {}            # target -> edge number, for the current source
        self.closed = False

    def add_state(self, index: int, state_bits: int, stutter_bits: int) -> None:
        """Record state ``index`` (the next one: states come in index order)."""
        if index != len(self.state_bits):
            raise IndexError(f"behaviour graph: state {index} recorded out of order")
        self.state_bits.append(state_bits)
        self.stutter_bits.append(stutter_bits)

    def add_edge(self, src: int, dst: int) -> int:
        """Record the step ``src -> dst`` and give its edge number; when it is already
        recorded (the same step by another action: one edge is enough, atoms are about
        states, not actions), ``~number`` (negative). The caller appends a new edge's bits
        with :meth:`set_edge_bits`."""
        if src != self._source:
            starts, n = self.starts, len(self.targets)
            while len(starts) <= src:
                starts.append(n)
            self._source = src
            self._seen = {}
        seen = self._seen.get(dst)
        if seen is not None:
            return ~seen
        e = self._seen[dst] = len(self.targets)
        self.targets.append(dst)
        return e

    def set_edge_bits(self, bits: int) -> None:
        self.edge_bits.append(bits)

    def mark_done(self, done: int) -> None:
        """States ``0 .. done - 1`` are explored: give them their row in ``starts``."""
        starts, n = self.starts, len(self.targets)
        while len(starts) <= done:
            starts.append(n)

    def close(self, states: int) -> None:
        """Called once the search is done; ``states`` is the number of distinct states."""
        self.mark_done(states)
        self._seen = {}
        self.closed = True

    @property
    def states(self) -> int:
        return len(self.state_bits)

    @property
    def edges(self) -> int:
        return len(self.targets)

    def successors(self, s: int):
        """(target, edge bits) pairs of done state ``s``, its stuttering step last."""
        lo, hi = self.starts[s], self.starts[s + 1]
        targets, bits = self.targets, self.edge_bits
        for e in range(lo, hi):
            yield targets[e], bits[e]
        yield s, self.stutter_bits[s]

    def memory_bytes(self) -> int:
        total = 0
        for a in (self.starts, self.targets, self.state_bits, self.edge_bits,
                  self.stutter_bits):
            total += a.itemsize * len(a) if isinstance(a, array) else 8 * len(a)
        return total
