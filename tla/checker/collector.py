"""Python's cycle collector tuned for a search, and restored afterwards.

Takes nothing; :class:`SearchCollector` sets the collector's thresholds when made, is told
by the search every few hundred states (:meth:`SearchCollector.tick`), and puts back what it
found in :meth:`SearchCollector.restore`.

Why. A search keeps hundreds of thousands of containers alive in its queue, and they hold
no reference cycles (a state is a tuple of immutable values). With Python's default
thresholds (700, 10, 10) every tenth young collection also walks the middle generation and
full collections come often, re-walking the queue's values (these thresholds took
MCNanoMedium from 87.5 to 51.5 user seconds at the same peak memory). Young collections stay
frequent while they find garbage: the cycles a search does make (nested generated functions
that refer to one another) hold memory that is better recycled while it is still in the
cache. What exists
when the search starts (the spec, its compiled code) never dies and is frozen out of the
collector's view (``gc.freeze``).

The middle generation is collected only while that finds garbage. Each of its collections
walks every container that outlived a young collection since the last one, queued states
above all, long out of the processor's cache; in most searches it finds next to nothing:
MCNanoMedium's 329 middle collections took 5.7 of its 39 s and found 705 objects in all.
After two collections in a row that find less than one object per young collection they
cover, the search freezes what the middle generation holds instead of walking it (an O(1)
move: frozen objects are still freed when their last reference goes, only never walked
again). One period in :data:`CHECK_EVERY` is still collected, and as soon as one finds
garbage again the collections resume. Garbage cycles frozen meanwhile (fewer than one per
young collection, by the measure) are given back to the collector by :meth:`restore`.
MCPaxosTiny, whose filters make cycles, finds about 870 objects in each middle collection
and keeps collecting.

Young collections are spaced out the same way. Each walks the containers made since the
last one that are still alive: in most searches the states just queued, which hold no
cycle, and what it finds is nothing (MCLamportMutex: 11,352 young collections took 6.6 to
10.7 of its 104 to 117 s and found nothing after its set-up). After
:data:`BARREN_YOUNG_BEFORE_SPACING` young collections in a row that each find less than one
object per hundred net allocations they cover, they come every :data:`YOUNG_SPACED` net
allocations instead of 700 (MCLamportMutex: 15 young collections, 1.9 s); one that finds
garbage at that rate brings them back to every 700.
"""
from __future__ import annotations

import gc

#: (young, middle, old): young collections every 700 net allocations, the middle generation
#: after 50 young collections, the oldest after 1000 middle ones
THRESHOLDS = (700, 50, 1000)
#: while freezing: the middle and oldest generations are never collected on their own
FREEZING = (700, 1 << 30, 1 << 30)
#: middle collections in a row that find too little before freezing takes over
BARREN_BEFORE_FREEZING = 2
#: while freezing, one period of the middle generation in this many is collected, to see
CHECK_EVERY = 16
#: net allocations between young collections once they have found nothing for a while
YOUNG_SPACED = 100_000
#: young collections in a row that find too little before they are spaced out
BARREN_YOUNG_BEFORE_SPACING = 8


class SearchCollector:
    """The collector's policy during one search (see the module docstring)."""

    def __init__(self) -> None:
        self.saved = gc.get_threshold()
        self.barren = 0                 # middle collections in a row that found too little
        self.freezing = False
        self.periods = 0                # periods of the middle generation while freezing
        self.young = THRESHOLDS[0]      # net allocations between young collections
        self.barren_young = 0           # young collections in a row that found too little
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)
        gc.callbacks.append(self._observe)

    def _observe(self, phase: str, info: dict) -> None:
        if phase == "stop":
            generation = info["generation"]
            if generation == 0:
                if info["collected"] * 100 < self.young:
                    self.barren_young += 1
                else:
                    self.barren_young = 0
            elif generation == 1:
                if info["collected"] < THRESHOLDS[1]:
                    self.barren += 1
                else:
                    self.barren = 0

    def _set_thresholds(self) -> None:
        gc.set_threshold(self.young, *(FREEZING if self.freezing else THRESHOLDS)[1:])

    def tick(self) -> None:
        """Called every few hundred states, between two (in the initial states, between two
        of the generator's: the few temporaries it holds then are frozen with the rest, and
        given back by :meth:`restore` like any garbage frozen)."""
        young = (YOUNG_SPACED if self.barren_young >= BARREN_YOUNG_BEFORE_SPACING
                 else THRESHOLDS[0])
        if young != self.young:
            self.young = young
            self._set_thresholds()
        if not self.freezing:
            if self.barren >= BARREN_BEFORE_FREEZING:
                self.freezing = True
                self._set_thresholds()
            return
        if gc.get_count()[1] < THRESHOLDS[1]:
            return
        self.periods += 1
        if self.periods % CHECK_EVERY:
            gc.freeze()
            return
        gc.collect(1)
        if self.barren == 0:
            self.freezing = False
            self._set_thresholds()

    def restore(self) -> None:
        if self._observe in gc.callbacks:
            gc.callbacks.remove(self._observe)
        # what the young and middle generations hold when the search ends (the queue's
        # last states, the store) joins the oldest first: back under the thresholds found,
        # their counts would start a collection walking all of it at the next allocation
        # (20 ms after MCPaxosTiny, a sixtieth of its run) for next to no garbage
        gc.freeze()
        gc.set_threshold(*self.saved)
        gc.unfreeze()
