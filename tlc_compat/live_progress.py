"""A live progress line for people watching a run on a terminal.

Takes the search's counters every so often; writes one self-overwriting line (distinct
states, generated states, queue, depth, states per second) to a terminal, never more than
twice a second, and erases it before TLC's own output continues. It writes to standard
error and only when that is a terminal: TLC prints everything to standard output, which
scripts and editors parse, and that stays byte for byte TLC's.
"""
from __future__ import annotations

import time
from typing import TextIO


class LiveProgress:
    INTERVAL = 0.5

    def __init__(self, stream: TextIO, clock=time.monotonic):
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.shown = False

    @classmethod
    def for_stream(cls, stream: TextIO) -> "LiveProgress | None":
        """A live line on ``stream`` if it is a terminal, else None."""
        try:
            return cls(stream) if stream.isatty() else None
        except (AttributeError, ValueError):
            return None

    def update(self, distinct: int, generated: int, queue: int, depth: int) -> None:
        now = self.clock()
        if now - self.last < self.INTERVAL:
            return
        self.last = now
        rate = generated / max(now - self.started, 1e-9)
        self.stream.write(f"\r\033[K{distinct:,} distinct states, {generated:,} generated, "
                          f"{queue:,} on queue, depth {depth}, {rate:,.0f} states/s")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the line (before TLC's next message is printed)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
