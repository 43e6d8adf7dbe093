"""Stopping a search cleanly: SIGINT (Ctrl-C), SIGTERM, and periodic checkpoint requests.

Takes: signals delivered to the process, and timer ticks for checkpoints. Gives: a
:class:`SearchControl` whose ``requested`` attribute the search polls once per explored
state. Polling an attribute is the cheapest test there is, and it means the search only ever
stops at a state boundary, where the store, the queue and the counters agree with each other
(so the statistics printed on interruption and a checkpoint written then are exact).

Why not ``KeyboardInterrupt``: the search runs in a worker thread with a big C stack
(``run_with_big_stack``), and Python delivers signals to the main thread only; an exception
there would leave the worker running. A flag reaches the worker wherever it is.

Outside a search (parsing, binding, the final liveness check), nothing polls the flag, so a
signal ends the process at once with the interruption status; nothing is being written then
that could be left half-done (dump files are written only during the search, checkpoints
atomically). A second signal during a search ends the process at once too, for the user who
does not want to wait for the current state or checkpoint.

Exit statuses (documented in ROBUSTNESS.md): 130 after SIGINT and 143 after SIGTERM, the
shell's ``128 + signal number``, distinct from every status TLC itself uses.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Optional

#: exit status of a run stopped by each signal (128 + signal number, as shells report it)
EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


class SearchControl:
    """Requests for the running search, set asynchronously and polled at state boundaries.

    ``requested`` is True when the search must look at ``stop_signal`` (stop now) or
    ``checkpoint_due`` (write a checkpoint and go on). ``listening`` is True while a search
    polls; signals that arrive when it is False end the process directly.
    """

    def __init__(self) -> None:
        self.requested = False
        self.stop_signal: Optional[int] = None
        self.checkpoint_due = False
        self.listening = False
        self._critical = 0
        self._pending: Optional[int] = None
        self._timer: Optional[threading.Timer] = None
        self._interval = 0.0
        self._previous: dict[int, object] = {}

    # ---------------------------------------------------------------- signals
    def install(self) -> "SearchControl":
        """Catch SIGINT and SIGTERM (only possible from the main thread; elsewhere, e.g. in
        an embedding application's worker thread, the application keeps its handlers)."""
        if threading.current_thread() is not threading.main_thread():
            return self
        for signum in EXIT_STATUS:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        return self

    def uninstall(self) -> None:
        """Restore the handlers that were there before :meth:`install`, stop the timer."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        self.stop_timer()

    def __enter__(self) -> "SearchControl":
        return self.install()

    def __exit__(self, *exc) -> None:
        self.uninstall()

    def _on_signal(self, signum, frame) -> None:
        if self.listening and self.stop_signal is None:
            self.stop_signal = signum
            self.requested = True
            return
        if self._critical:
            self._pending = signum      # a file is being written: end once it is complete
            return
        self._exit_now(signum)

    def _exit_now(self, signum: int) -> None:
        """Nobody polls (or the user insists): end now, with what is printed so far."""
        try:
            sys.stdout.write(f"\nInterrupted by {signal.Signals(signum).name}.\n")
            sys.stdout.flush()
        finally:
            os._exit(EXIT_STATUS.get(signum, 128 + signum))

    def critical(self) -> "_Critical":
        """A context in which signals wait: for writing files that must not be left
        half-written (trace dumps) outside the search."""
        return _Critical(self)

    def request_stop(self, signum: int = signal.SIGINT) -> None:
        """Ask the search to stop as if ``signum`` had arrived (tests, embedding code)."""
        self.stop_signal = int(signum)
        self.requested = True

    @property
    def exit_status(self) -> int:
        return EXIT_STATUS.get(self.stop_signal, 128 + (self.stop_signal or 0))

    # ---------------------------------------------------------------- checkpoints
    def start_timer(self, seconds: float) -> None:
        """Ask for a checkpoint every ``seconds`` (a daemon timer sets the flag)."""
        self._interval = seconds
        self._arm()

    def _arm(self) -> None:
        if self._interval <= 0:
            return
        timer = threading.Timer(self._interval, self._tick)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _tick(self) -> None:
        self.checkpoint_due = True
        self.requested = True

    def checkpoint_done(self) -> None:
        """The search wrote the checkpoint: clear the request and count the next interval
        from now (so a slow checkpoint never makes the next one due at once)."""
        self.checkpoint_due = False
        self.requested = self.stop_signal is not None
        self._arm()

    def stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._interval = 0.0


class _Critical:
    def __init__(self, control: SearchControl) -> None:
        self.control = control

    def __enter__(self) -> None:
        self.control._critical += 1

    def __exit__(self, *exc) -> None:
        control = self.control
        control._critical -= 1
        if control._critical == 0 and control._pending is not None and not control.listening:
            control._exit_now(control._pending)
