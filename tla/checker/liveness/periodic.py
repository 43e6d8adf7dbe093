"""When to check liveness during the search: TLC's periodic check of the current state space.

Takes the time and the number of explored states at each state boundary the search offers;
gives whether a liveness check of the graph explored so far is due. TLC's rules
(``AbstractChecker.runTLC``, ``ModelChecker.doPeriodicWork``, ``LiveCheck.doLiveCheck``):
the first opportunity comes 3 seconds after the search starts, the next ones at every
progress report (each minute); a check runs only if the graph grew by more than 10% since
the last check and liveness checking took at most 20% of the time so far. With
``-lncheck final`` (or ``seqfinal``) there is no periodic check, only the final one.

A violation found on the partial graph is a violation of the spec (the explored states have
all their steps); TLC reports it at once and stops the search.
"""
from __future__ import annotations

import os
from typing import Optional

from tla.errors import ModelError

#: environment variable giving, in seconds, the delay of the first periodic check and the
#: interval between the next ones (tests; TLC's are 3 and 60)
INTERVAL_ENV = "PYTLC_LIVENESS_SECONDS"


class PeriodicSchedule:
    FIRST = 3.0
    INTERVAL = 60.0
    GROWTH = 0.1
    RATIO = 0.2

    def __init__(self, now: float, first: Optional[float] = None,
                 interval: Optional[float] = None):
        self.started = now
        self.interval = self.INTERVAL if interval is None else interval
        self.next_due = now + (self.FIRST if first is None else first)
        self.size_at_check = 1            # TLC starts from 1 (no division by zero)
        self.spent = 0.0

    @classmethod
    def for_run(cls, now: float) -> "PeriodicSchedule":
        """TLC's schedule, or ``$PYTLC_LIVENESS_SECONDS``'s when set."""
        raw = os.environ.get(INTERVAL_ENV)
        if not raw:
            return cls(now)
        try:
            seconds = float(raw)
        except ValueError:
            seconds = -1.0
        if not seconds >= 0:
            raise ModelError(f"{INTERVAL_ENV} must be a nonnegative number of seconds, not "
                             f"{raw!r}.")
        return cls(now, seconds, seconds)

    def due(self, now: float, explored: int) -> bool:
        """Whether to check now, ``explored`` states having been explored."""
        if now < self.next_due:
            return False
        self.next_due = now + self.interval
        if (explored - self.size_at_check) / self.size_at_check <= self.GROWTH:
            return False
        elapsed = now - self.started
        return elapsed <= 0 or self.spent / elapsed <= self.RATIO

    def checked(self, explored: int, seconds: float) -> None:
        """A check of ``explored`` states took ``seconds``."""
        self.size_at_check = max(explored, 1)
        self.spent += seconds


def periodic_enabled(lncheck: str) -> bool:
    """TLC's ``TLCGlobals.doLiveness``: periodic checks unless ``-lncheck final``/``seqfinal``."""
    return lncheck not in ("final", "seqfinal")


def final_enabled(lncheck: str) -> bool:
    """TLC's ``LiveCheck.finalCheck``: skipped with ``-lncheck off``."""
    return lncheck != "off"
