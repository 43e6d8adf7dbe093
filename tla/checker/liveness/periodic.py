"""When to check liveness during the search: TLC's periodic check of the current state space.

Takes the time and the number of explored states at each state boundary the search offers;
gives whether a liveness check of the graph explored so far is due. TLC's rules
(``AbstractChecker.runTLC``, ``ModelChecker.doPeriodicWork``, ``LiveCheck.doLiveCheck``):
the first opportunity comes 3 seconds after the search starts, the next ones at every
progress report (each minute); a check runs only if the graph grew by more than 10% since
the last check and liveness checking took at most 20% of the time so far. With
``-lncheck final`` (or ``seqfinal``) there is no periodic check, only the final one.

One rule of pytlc's own: the first periodic check also waits until 100,000 states are
explored. TLC explores a million states or more in its first 3 seconds, so a model TLC
finishes in a second or two never gets a periodic check from TLC; pytlc, many times
slower, would check such a model's partial graph after 3 seconds at a cost close to that
of the final check (a check of the graph is not incremental: ReadersWriters, 21,527
states, took 5.8 s with it and 4.9 s without), and a partial graph of a few thousand
states rarely holds a violation that the rest of a short search would not soon reach.

A violation found on the partial graph is a violation of the spec (the explored states have
all their steps); TLC reports it at once and stops the search.
"""
from __future__ import annotations

import os
from typing import Optional

from tla.errors import ModelError

#: environment variable giving, in seconds, the delay of the first periodic check and the
#: interval between the next ones (tests; TLC's are 3 and 60); set, it also lifts the state
#: threshold of the first check
INTERVAL_ENV = "PYTLC_LIVENESS_SECONDS"


class PeriodicSchedule:
    FIRST = 3.0
    INTERVAL = 60.0
    GROWTH = 0.1
    RATIO = 0.2
    #: explored states before the first periodic check (pytlc's rule, above)
    FIRST_STATES = 100_000

    def __init__(self, now: float, first: Optional[float] = None,
                 interval: Optional[float] = None, first_states: Optional[int] = None):
        self.started = now
        self.interval = self.INTERVAL if interval is None else interval
        self.next_due = now + (self.FIRST if first is None else first)
        self.first_states = self.FIRST_STATES if first_states is None else first_states
        self.size_at_check = 1            # TLC starts from 1 (no division by zero)
        self.spent = 0.0
        self.checks = 0

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
        return cls(now, seconds, seconds, 0)

    def due(self, now: float, explored: int) -> bool:
        """Whether to check now, ``explored`` states having been explored."""
        if now < self.next_due or (not self.checks and explored < self.first_states):
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
        self.checks += 1


def periodic_enabled(lncheck: str) -> bool:
    """TLC's ``TLCGlobals.doLiveness``: periodic checks unless ``-lncheck final``/``seqfinal``."""
    return lncheck not in ("final", "seqfinal")


def final_enabled(lncheck: str) -> bool:
    """TLC's ``LiveCheck.finalCheck``: skipped with ``-lncheck off``."""
    return lncheck != "off"
