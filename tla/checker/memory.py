"""Keeping a search within memory: stop with a clear message before the operating system
kills the process (TLC's ``OutOfMemoryError`` report is the JVM's own; pytlc measures).

Takes: the process's resident memory (``/proc/self/statm``), the machine's available memory
(``MemAvailable`` in ``/proc/meminfo``) and an optional limit, ``PYTLC_MAX_MEMORY`` (bytes,
or a number with ``K``, ``M``, ``G``: the ``-Xmx`` of pytlc). Gives: :class:`MemoryGuard`,
which the search polls (it reads the figures at most a few times a second) and which
answers, each time:

* ``OK``: go on;
* ``TIGHT`` (80 % of the limit used, or the machine's available memory below four times
  the reserve): the search moves its queue of states to disk and goes on;
* ``FULL`` (the limit reached, or available memory below the reserve: the larger of 256 MB
  and 2 % of the machine's memory): the search stops and :class:`MemoryLimitError` says how
  much was used and what to do.

Where ``/proc`` does not exist, only ``PYTLC_MAX_MEMORY`` is enforced, against the peak
resident size that ``resource`` reports.
"""
from __future__ import annotations

import os
import time
from typing import Callable, Optional

from tla.errors import TLAError

LIMIT_ENV = "PYTLC_MAX_MEMORY"
OK, TIGHT, FULL = 0, 1, 2
#: the share of the limit at which the queue goes to disk
TIGHT_SHARE = 0.8
MIN_RESERVE = 256 << 20
RESERVE_SHARE = 0.02
#: seconds between two readings of /proc
INTERVAL = 0.25

_UNITS = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


class MemoryLimitError(TLAError):
    """The search was stopped because memory ran short."""


def parse_size(text: str) -> int:
    """``"512M"`` -> 536870912; plain numbers are bytes."""
    raw = text.strip().upper().removesuffix("IB").removesuffix("B")
    unit = raw[-1:] if raw[-1:] in _UNITS else ""
    number = raw[:-1] if unit else raw
    try:
        value = float(number)
    except ValueError:
        raise MemoryLimitError(f"{LIMIT_ENV} must be a size such as 2G or 500M, not {text!r}.")
    if value <= 0:
        raise MemoryLimitError(f"{LIMIT_ENV} must be a positive size, not {text!r}.")
    return int(value * _UNITS[unit])


def resident_bytes() -> Optional[int]:
    """The process's resident set size now (None where it cannot be read)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # peak, KB on Linux
    except (ImportError, OSError):
        return None


def machine_memory() -> tuple[Optional[int], Optional[int]]:
    """(total, available) bytes of the machine's memory, from /proc/meminfo."""
    total = available = None
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(b"MemTotal:"):
                    total = int(line.split()[1]) * 1024
                elif line.startswith(b"MemAvailable:"):
                    available = int(line.split()[1]) * 1024
                if total is not None and available is not None:
                    break
    except (OSError, ValueError, IndexError):
        pass
    return total, available


class MemoryGuard:
    """Polled by the search; see the module docstring for what it answers."""

    def __init__(self, limit: Optional[int] = None,
                 read_resident: Callable[[], Optional[int]] = resident_bytes,
                 read_machine: Callable[[], tuple] = machine_memory,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.read_resident = read_resident
        self.read_machine = read_machine
        self.clock = clock
        self._next = 0.0
        total, _ = read_machine()
        self.reserve = max(MIN_RESERVE, int(RESERVE_SHARE * total)) if total else MIN_RESERVE
        #: the figures of the last reading: resident bytes, available bytes
        self.resident: Optional[int] = None
        self.available: Optional[int] = None

    @classmethod
    def from_environment(cls) -> "MemoryGuard":
        raw = os.environ.get(LIMIT_ENV)
        return cls(parse_size(raw) if raw else None)

    def poll(self) -> int:
        """OK, TIGHT or FULL (readings at most every INTERVAL seconds; OK in between)."""
        now = self.clock()
        if now < self._next:
            return OK
        self._next = now + INTERVAL
        self.resident = resident = self.read_resident()
        _, available = self.read_machine()
        self.available = available
        if self.limit is not None and resident is not None:
            if resident >= self.limit:
                return FULL
            if resident >= TIGHT_SHARE * self.limit:
                return TIGHT
        if available is not None:
            if available < self.reserve:
                return FULL
            if available < 4 * self.reserve:
                return TIGHT
        return OK

    def reset(self) -> None:
        """Read the figures again at the next :meth:`poll`."""
        self._next = 0.0

    def error(self) -> MemoryLimitError:
        """What to tell the user when :meth:`poll` said FULL."""
        used = _mb(self.resident) if self.resident is not None else "?"
        if self.limit is not None and self.resident is not None and self.resident >= self.limit:
            return MemoryLimitError(
                f"pytlc stopped the search before running out of memory: it uses {used} MB, "
                f"the limit set by {LIMIT_ENV} is {_mb(self.limit)} MB. A larger limit may "
                "help; it will not if some state has an enormous number of successors.")
        return MemoryLimitError(
            f"pytlc stopped the search before running out of memory: it uses {used} MB and "
            f"the machine has only {_mb(self.available or 0)} MB left (the queue of states "
            "is already on disk). More memory, or fewer other programs running, may help.")


def _mb(n: int) -> int:
    return n >> 20
